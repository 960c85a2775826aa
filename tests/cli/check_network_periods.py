"""End-to-end check of the time-sliced networks of `techconv network --periods/--window` on the
real Lens jet-engine export.

# needs-header: techconv/analysis/periods.hpp

Two independent references per period:
- the records of the period picked here from the CSV (Application Date, else Earliest Priority
  Date, else Publication Year: analysis::patent_year's rule), written to a CSV of their own and
  given to a plain `techconv network` run: the period's nodes.csv, edges.csv and clusters.csv must
  be byte for byte those of that run (the period network is the network of its records alone);
- NetworkX's graph of the same records (IPCR codes cut to subclasses): nodes, edges, weights,
  density and the convergence index (records - nodes) / records in periods.csv.
The whole-set files must be those of a run without --periods (the slices come besides them).

usage: check_network_periods.py TECHCONV DATA_DIR WORK_DIR
"""
import csv
import itertools
import json
import os
import sys

import networkx as nx

from cli_util import check, close, lens_year, read_csv, run

PERIODS = [(1990, 1999), (2000, 2009), (2030, 2031)]


def subclasses(r):
    codes = [c.strip().replace(" ", "").upper() for c in (r["IPCR Classifications"] or "").split(";;") if c.strip()]
    return sorted({c[:4] for c in codes if len(c) >= 4})


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    exe, data, work = sys.argv[1:4]
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    with open(lens, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        fields = reader.fieldnames
        raw = list(reader)
    os.makedirs(work, exist_ok=True)

    out = os.path.join(work, "network-periods")
    periods = ",".join("%d-%d" % p for p in PERIODS)
    run(exe, ["network", lens, "--periods", periods, "--no-merge", "--out", out, "--quiet"])
    whole = os.path.join(work, "network-whole")
    run(exe, ["network", lens, "--no-merge", "--out", whole, "--quiet"])
    for f in ("nodes.csv", "edges.csv", "clusters.csv", "summary.json"):
        check(read_bytes(os.path.join(out, f)) == read_bytes(os.path.join(whole, f)),
              "%s of the whole set changed by --periods" % f)
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        check(json.load(f)["records_read"] == len(raw), "the run's summary.json states records_read once")

    # report.md: the period table is a section of its own, before the list of files (it was once
    # appended after it)
    with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
        md = f.read()
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    check("## Period networks" in heads and heads[-1] == "## Files" and
          heads.index("## Period networks") == len(heads) - 2,
          "report.md sections %r: Period networks must come just before Files" % heads)
    for a, b in PERIODS:
        check("| %d-%d |" % (a, b) in md, "report.md has no row for period %d-%d" % (a, b))

    got = read_csv(os.path.join(out, "periods.csv"))
    check([p["period"] for p in got] == ["%d-%d" % p for p in PERIODS], "periods.csv rows")
    for (a, b), p in zip(PERIODS, got):
        name = "%d-%d" % (a, b)
        picked = [r for r in raw if lens_year(r) is not None and a <= lens_year(r) <= b]
        check(int(p["records"]) == len(picked), "%s records %s != %d" % (name, p["records"], len(picked)))
        g = nx.Graph()
        for r in picked:
            s = subclasses(r)
            g.add_nodes_from(s)
            for u, v in itertools.combinations(s, 2):
                g.add_edge(u, v, weight=g[u][v]["weight"] + 1 if g.has_edge(u, v) else 1)
        check(int(p["nodes"]) == g.number_of_nodes() and int(p["edges"]) == g.number_of_edges(),
              "%s nodes/edges %s/%s vs NetworkX %d/%d" % (name, p["nodes"], p["edges"], g.number_of_nodes(),
                                                          g.number_of_edges()))
        folder = os.path.join(out, "periods", name)
        if g.number_of_nodes() == 0:
            check(p["status"] == "empty_input" and p["density"] == "" and p["modularity"] == "",
                  "%s: an empty period has status empty_input and empty cells" % name)
            check(not os.path.exists(os.path.join(folder, "nodes.csv")), "%s: no nodes.csv for an empty period" % name)
            continue
        check(p["status"] == "ok", "%s status %s" % (name, p["status"]))
        # the period's summary.json is about the period: its name and records, not the run's input
        # figures, which the whole set's summary.json states once
        with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
            ps = json.load(f)
        check(ps.get("period") == name and ps["records"] == len(picked), "%s summary.json period/records %r/%r"
              % (name, ps.get("period"), ps["records"]))
        check("records_read" not in ps and "families_merged" not in ps,
              "%s summary.json repeats the run's input figures" % name)
        check(close(float(p["density"]), nx.density(g)), "%s density" % name)
        check(close(float(p["convergence_index"]), (len(picked) - g.number_of_nodes()) / len(picked)),
              "%s convergence index" % name)
        edges = {tuple(sorted((e["source"], e["target"]))): float(e["weight"])
                 for e in read_csv(os.path.join(folder, "edges.csv"))}
        check(edges == {tuple(sorted((u, v))): float(d["weight"]) for u, v, d in g.edges(data=True)},
              "%s edges.csv differs from NetworkX's weighted graph" % name)

        # the same records alone, through a plain network run
        sub_csv = os.path.join(work, "records-%s.csv" % name)
        with open(sub_csv, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields)
            w.writeheader()
            w.writerows(picked)
        ref = os.path.join(work, "network-%s" % name)
        run(exe, ["network", sub_csv, "--format", "lens", "--no-merge", "--out", ref, "--quiet"])
        for f in ("nodes.csv", "edges.csv", "clusters.csv"):
            check(read_bytes(os.path.join(folder, f)) == read_bytes(os.path.join(ref, f)),
                  "%s/%s differs from the network of the period's records alone" % (name, f))
        print("%s: %d records, %d nodes, %d edges: as NetworkX and as a run on the records alone"
              % (name, len(picked), g.number_of_nodes(), g.number_of_edges()))

    # windows of 10 years every 10 from the first year of the data
    win = os.path.join(work, "network-window")
    run(exe, ["network", lens, "--window", "10", "--no-merge", "--out", win, "--quiet"])
    years = [lens_year(r) for r in raw if lens_year(r) is not None]
    names = [p["period"] for p in read_csv(os.path.join(win, "periods.csv"))]
    check(names == ["%d-%d" % (s, s + 9) for s in range(min(years), max(years) + 1, 10)], "window periods %r" % names)

    # usage errors: exit 2
    for args in (["--periods", "2000-2009", "--window", "5"], ["--periods", "2010-2000"], ["--step", "2"]):
        bad = os.path.join(work, "network-bad")
        code, _, err = run(exe, ["network", lens, "--out", bad, "--quiet"] + args, expect_ok=False)
        check(code == 2, "%r: exit %d (%s)" % (args, code, err))
    print("network --periods: whole set unchanged, %d periods checked" % len(PERIODS))


if __name__ == "__main__":
    main()
