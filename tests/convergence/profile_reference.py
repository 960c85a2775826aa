"""Independent reference for tests/convergence/profile.test.cpp.

Groups the Lens export by Jurisdiction; key core = Cited by Patent Count >= 5.
Over each group's key-core records it prints:
records key_core distinct_main distinct_all CI top_main_count nodes edges
density components top_strength top_applicant_records
Subclasses come from a regular expression on the raw code text; the network
is built with NetworkX."""
import csv
import re
import sys
from collections import Counter, defaultdict

import networkx as nx

SUB = re.compile(r"^\s*([A-Ha-h])\s*(\d\d)\s*([A-Za-z])")

groups = defaultdict(list)
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        cited = row["Cited by Patent Count"].strip()
        key = cited != "" and int(cited) >= 5
        subs = []
        for code in row["IPCR Classifications"].split(";;"):
            if not code.strip():
                continue
            m = SUB.match(code)
            s = (m.group(1) + m.group(2) + m.group(3)).upper()
            if s not in subs:
                subs.append(s)
        apps = []
        for a in row["Applicants"].split(";;"):
            a = a.strip()
            if a and a not in apps:
                apps.append(a)
        groups[row["Jurisdiction"].strip()].append((key, subs, apps))

for g, recs in sorted(groups.items()):
    prof = [r for r in recs if r[0]]
    if not prof:
        continue
    n = len(prof)
    mains = {r[1][0] for r in prof if r[1]}
    alls = {s for r in prof for s in r[1]}
    ci = (n - len(alls)) / n
    main_counts = Counter(r[1][0] for r in prof if r[1])
    G = nx.Graph()
    for r in prof:
        G.add_nodes_from(r[1])
        for i in range(len(r[1])):
            for j in range(i + 1, len(r[1])):
                u, v = r[1][i], r[1][j]
                w = G.get_edge_data(u, v, {"weight": 0})["weight"]
                G.add_edge(u, v, weight=w + 1)
    k = G.number_of_nodes()
    density = 2 * G.number_of_edges() / (k * (k - 1)) if k > 1 else 0.0
    strength = max((d for _, d in G.degree(weight="weight")), default=0)
    app_counts = Counter(a for r in prof for a in r[2])
    print(g, len(recs), n, len(mains), len(alls), repr(ci), max(main_counts.values()),
          k, G.number_of_edges(), repr(density), nx.number_connected_components(G),
          strength, max(app_counts.values()) if app_counts else 0)
