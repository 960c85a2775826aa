"""End-to-end check of `techconv network` on the real Lens export against NetworkX.

# needs-header: techconv/weighting.hpp
# needs-header: techconv/cograph.hpp

The co-classification network is rebuilt here from the CSV with Python's csv
module (IPCR codes -> 4-character subclasses, an edge per pair of subclasses on
a record, weight = records) and NetworkX computes degree, strength,
betweenness (python-igraph) and closeness with length 1/w (the command's default "similarity"
meaning), PageRank, density, components and the modularity of the command's own
partition, the weighted clustering coefficient, the links between clusters and the
section block matrix (summed here), and one map per country group. Exports are read
back with NetworkX. METHODS facts: CI = (records -
distinct subclasses) / records; strength is the weighted degree; main-only
networks have no edges and count distinct main subclasses.

usage: check_network.py TECHCONV DATA_DIR WORK_DIR
"""
import csv
import itertools
import json
import os
import re
import sys

import igraph
import networkx as nx
import networkx.readwrite.gexf as gexf

from cli_util import check, close, header, read_csv, run


def main():
    exe, data, work = sys.argv[1:4]
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    out = os.path.join(work, "network-lens")
    run(exe, ["network", lens, "--out", out, "--quiet"])

    with open(lens, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    g = nx.Graph()
    occ = {}
    mains = set()
    for r in rows:
        codes = [c.strip().replace(" ", "").upper() for c in (r["IPCR Classifications"] or "").split(";;") if c.strip()]
        subs = sorted({c[:4] for c in codes if len(c) >= 4})
        if codes:
            mains.add(codes[0][:4])
        for s in subs:
            occ[s] = occ.get(s, 0) + 1
            g.add_node(s)
        for a, b in itertools.combinations(subs, 2):
            w = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
            g.add_edge(a, b, weight=w)
    for a, b, d in g.edges(data=True):
        d["length"] = 1.0 / d["weight"]

    check(header(os.path.join(out, "nodes.csv")) == ["code", "title", "occurrences", "degree", "strength", "betweenness",
                                                    "closeness", "eigenvector", "pagerank", "cluster", "clustering"],
          "nodes.csv columns")
    check(header(os.path.join(out, "edges.csv")) == ["source", "target", "weight"], "edges.csv columns")
    edges = {tuple(sorted((e["source"], e["target"]))): float(e["weight"]) for e in read_csv(os.path.join(out, "edges.csv"))}
    ref_edges = {tuple(sorted((a, b))): float(d["weight"]) for a, b, d in g.edges(data=True)}
    check(edges == ref_edges, "edges.csv differs from the NetworkX graph (%d vs %d edges)" % (len(edges), len(ref_edges)))
    nodes = {n["code"]: n for n in read_csv(os.path.join(out, "nodes.csv"))}
    check(set(nodes) == set(g.nodes), "node sets differ")
    # betweenness: python-igraph (it compares path lengths with a tolerance, as techconv does;
    # NetworkX compares sums of 1/w exactly and splits float-tied paths differently)
    names = sorted(g.nodes)
    ig = igraph.Graph(n=len(names), edges=[(names.index(a), names.index(b)) for a, b in g.edges])
    lengths = [g[a][b]["length"] for a, b in g.edges]
    btw = dict(zip(names, ig.betweenness(weights=lengths, directed=False)))
    clo = nx.closeness_centrality(g, distance="length", wf_improved=False)
    pr = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=10000)
    # the clustering column: NetworkX's weighted (Onnela) local clustering on the co-occurrence counts
    cc = nx.clustering(g, weight="weight")
    bad_btw = 0
    for v, n in nodes.items():
        check(float(n["occurrences"]) == occ[v], "occurrences of %s" % v)
        check(float(n["degree"]) == g.degree(v), "degree of %s" % v)
        check(float(n["strength"]) == g.degree(v, weight="weight"), "strength of %s" % v)
        check(close(float(n["closeness"]), clo[v], rel=1e-9), "closeness of %s: %s vs %r" % (v, n["closeness"], clo[v]))
        check(close(float(n["pagerank"]), pr[v], rel=1e-6, abs_=1e-12), "pagerank of %s: %s vs %r" % (v, n["pagerank"], pr[v]))
        check(close(float(n["clustering"]), cc[v], rel=1e-9, abs_=1e-12),
              "clustering of %s: %s vs NetworkX %r" % (v, n["clustering"], cc[v]))
        if not close(float(n["betweenness"]), btw[v], rel=1e-6, abs_=1e-9):
            bad_btw += 1
            print("betweenness of %s: %s vs %r" % (v, n["betweenness"], btw[v]))
    check(bad_btw == 0, "%d betweenness values differ" % bad_btw)

    s = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
    for k in ("records", "nodes", "edges", "density", "components", "modularity", "convergence_index", "sections"):
        check(k in s, "summary.json lacks %s" % k)
    check(s["records"] == len(rows) and s["nodes"] == g.number_of_nodes() and s["edges"] == g.number_of_edges(),
          "summary counts")
    check(close(s["density"], nx.density(g)), "density")
    check(s["components"] == nx.number_connected_components(g), "components")
    check(close(s["convergence_index"], (len(rows) - g.number_of_nodes()) / len(rows)), "CI = (n - c) / n")
    check(s["sections"] == len({v[0] for v in g.nodes}), "sections")
    check(s["weight_meaning"] == "similarity", "default weight meaning")
    parts = {}
    for v, n in nodes.items():
        parts.setdefault(n["cluster"], set()).add(v)
    q = nx.community.modularity(g, list(parts.values()), weight="weight")
    check(close(s["modularity"], q, rel=1e-9), "modularity of the clusters: %r vs NetworkX %r" % (s["modularity"], q))
    qnx = nx.community.modularity(g, nx.community.louvain_communities(g, weight="weight", seed=1), weight="weight")
    check(s["modularity"] >= qnx - 0.02, "Louvain modularity %r well below NetworkX's %r" % (s["modularity"], qnx))
    # cluster_links.csv: weight and number of edges between every two clusters, summed here from
    # the NetworkX graph and the command's own partition (nodes.csv)
    ref_links = {}
    for a, b, d in g.edges(data=True):
        ca, cb = int(nodes[a]["cluster"]), int(nodes[b]["cluster"])
        if ca != cb:
            key = (min(ca, cb), max(ca, cb))
            e, w = ref_links.get(key, (0, 0.0))
            ref_links[key] = (e + 1, w + d["weight"])
    links = {(int(r["cluster_a"]), int(r["cluster_b"])): (int(r["edges"]), float(r["weight"]))
             for r in read_csv(os.path.join(out, "cluster_links.csv"))}
    check(header(os.path.join(out, "cluster_links.csv")) == ["cluster_a", "cluster_b", "edges", "weight"],
          "cluster_links.csv columns")
    check(links == ref_links, "cluster_links.csv differs from the sums over the graph")
    # sections.csv: the A-H block matrix, sum of edge weights between the sections of the two ends
    secs = sorted({v[0] for v in g.nodes})
    ref_block = {(x, y): 0.0 for x in secs for y in secs}
    for a, b, d in g.edges(data=True):
        ref_block[(a[0], b[0])] += d["weight"]
        if a[0] != b[0]:
            ref_block[(b[0], a[0])] += d["weight"]
    check(header(os.path.join(out, "sections.csv")) == ["section", "nodes"] + secs, "sections.csv columns")
    block = {}
    for r in read_csv(os.path.join(out, "sections.csv")):
        check(int(r["nodes"]) == sum(1 for v in g.nodes if v[0] == r["section"]), "nodes of section %s" % r["section"])
        for y in secs:
            block[(r["section"], y)] = float(r[y])
    check(block == ref_block, "sections.csv differs from the block sums over the graph")
    rep = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    check("1/w" in rep, "report states the weight meaning")

    gm = nx.read_graphml(os.path.join(out, "network.graphml"))
    # NetworkX knows GEXF 1.1/1.2 drafts; register the 1.3 namespace the writer uses
    gexf.GEXF.versions["1.3"] = {"NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
                                 "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
                                 "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "VERSION": "1.3"}
    gx = nx.read_gexf(os.path.join(out, "network.gexf"), version="1.3")
    gp = nx.Graph(nx.read_pajek(os.path.join(out, "network.net")))
    for name, h in (("graphml", gm), ("gexf", gx), ("pajek", gp)):
        check(h.number_of_nodes() == g.number_of_nodes() and h.number_of_edges() == g.number_of_edges(),
              "%s export: %d nodes %d edges" % (name, h.number_of_nodes(), h.number_of_edges()))
    print("lens: %d nodes, %d edges, measures, modularity %.4f (NetworkX Louvain %.4f) and exports agree"
          % (g.number_of_nodes(), g.number_of_edges(), s["modularity"], qnx))

    # main codes only: no edges, one node per distinct main subclass
    out2 = os.path.join(work, "network-main")
    run(exe, ["network", lens, "--out", out2, "--main-only", "--quiet"])
    s2 = json.load(open(os.path.join(out2, "summary.json"), encoding="utf-8"))
    check(s2["edges"] == 0 and s2["nodes"] == len(mains), "main-only: %d nodes, expected %d" % (s2["nodes"], len(mains)))
    print("main-only: %d main subclasses (all-subclass gap %d)" % (len(mains), g.number_of_nodes() - len(mains)))

    # per-country maps: one DOT file per group of groups.csv, holding that group's strongest nodes
    out4 = os.path.join(work, "network-groups")
    run(exe, ["network", lens, "--out", out4, "--group-by", "country", "--picture-nodes", "1000", "--quiet"])
    groups = read_csv(os.path.join(out4, "groups.csv"))
    for gr in groups:
        stem = "".join(ch for ch in gr["group"] if ch.isalnum() or ch in "-_") or "group"
        path = os.path.join(out4, "network-%s.dot" % stem)
        check(os.path.exists(path), "no map for group %s" % gr["group"])
        dot = nx.Graph()  # the map's statements: `"A" [...];` a node, `"A" -- "B" [...];` an edge
        for line in open(path, encoding="utf-8"):
            m = re.match(r'\s*"([^"]+)"\s*--\s*"([^"]+)"', line)
            if m:
                dot.add_edge(m.group(1), m.group(2))
                continue
            m = re.match(r'\s*"([^"]+)"\s*\[', line)
            if m:
                dot.add_node(m.group(1))
        check(dot.number_of_nodes() == int(gr["nodes"]) and dot.number_of_edges() == int(gr["edges"]),
              "map of %s: %d nodes %d edges, groups.csv %s %s" % (gr["group"], dot.number_of_nodes(),
                                                                  dot.number_of_edges(), gr["nodes"], gr["edges"]))
    print("group maps: %d groups, each map has its group's nodes and edges" % len(groups))

    # key core only: the records keycore selects
    out3 = os.path.join(work, "network-key")
    run(exe, ["network", lens, "--out", out3, "--key-core-only", "--quiet"])
    s3 = json.load(open(os.path.join(out3, "summary.json"), encoding="utf-8"))
    check(s3["records"] == -(-len(rows) * 5 // 100), "key core records: %d" % s3["records"])
    print("key core network: %d records, %d nodes" % (s3["records"], s3["nodes"]))


if __name__ == "__main__":
    main()
