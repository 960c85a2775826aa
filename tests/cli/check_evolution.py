"""End-to-end check of `techconv evolution` and of `techconv network --group-by`'s rta.csv on
the real Lens export, against NetworkX, numpy and counts made here.

# needs-header: techconv/analysis/evolution.hpp

Everything is recomputed from the CSV with Python's csv module: the year of a record
(Application Date, else Earliest Priority Date, else Publication Year: the rule of
analysis::patent_year), its IPCR codes cut to 4-character subclasses. Per period: the NetworkX
graph of the period's records (nodes, edges, nx.density), the convergence index
(records - nodes) / records, and the command's modularity is checked to lie within 0.02 below
NetworkX's own Louvain optimum (the partition itself is not written). Per pair of subclasses:
the first year and the records of that year carrying both; per year: the distinct pairs, the new
ones and their share. rta.csv: P_gc = records of the group (Jurisdiction, offices WO/EP/... as
"(unknown)") with subclass c, RTA, x = [RTA >= 1], proximity n_ij / max(n_i, n_j) and the
relatedness density with numpy. lifecycle.json: the yearly and cumulative counts, and the
logistic and Gompertz fits against SciPy's curve_fit (tests/analysis/lifecycle_reference.py), and
with --group-by country the same per Jurisdiction group (the largest group's fits against SciPy), and
the picture of the S-curves per group: lifecycle_groups.dat against lifecycle.json (the curves
recomputed here from its parameters), report.md's references, cap and list of groups not drawn. strategic.csv and cluster_flows.csv are checked for their
sizes, quadrants (medians of the period's own values), inclusion and stability (codes of the
periods from the CSV); weighted inclusion only for its range (0, 1] (clusters' full code lists are
not written; tests/analysis/evolution.test.cpp checks it by hand).

usage: check_evolution.py TECHCONV DATA_DIR WORK_DIR
"""
import collections
import itertools
import csv
import json
import math
import os
import shutil
import sys

import networkx as nx
import numpy as np

from cli_util import check, close, header, lens_year, read_csv, reference, run

PERIODS = [(1990, 1999), (2000, 2009), (2010, 2019), (2030, 2031)]
OFFICES = {"WO", "IB", "EP", "EA", "AP", "OA", "GC"}


def subclasses(r):
    codes = [c.strip().replace(" ", "").upper() for c in (r["IPCR Classifications"] or "").split(";;") if c.strip()]
    return sorted({c[:4] for c in codes if len(c) >= 4})


def check_periods(out, rows):
    got = read_csv(os.path.join(out, "periods.csv"))
    check(header(os.path.join(out, "periods.csv"))[:7] ==
          ["period", "records", "nodes", "edges", "density", "convergence_index", "modularity"], "periods.csv columns")
    check(len(got) == len(PERIODS), "periods.csv rows")
    for (a, b), p in zip(PERIODS, got):
        recs = [s for y, s in rows if y is not None and a <= y <= b]
        g = nx.Graph()
        for s in recs:
            g.add_nodes_from(s)
            for u, v in itertools.combinations(s, 2):
                g.add_edge(u, v, weight=g[u][v]["weight"] + 1 if g.has_edge(u, v) else 1)
        name = "%d-%d" % (a, b)
        check(p["period"] == name, "period name %s" % p["period"])
        check(int(p["records"]) == len(recs), "%s records %s != %d" % (name, p["records"], len(recs)))
        check(int(p["nodes"]) == g.number_of_nodes(), "%s nodes" % name)
        check(int(p["edges"]) == g.number_of_edges(), "%s edges" % name)
        if g.number_of_nodes() == 0:
            check(p["status"] == "empty_input" and p["density"] == "" and p["modularity"] == "",
                  "%s: an empty period has status empty_input and empty cells" % name)
            continue
        check(close(float(p["density"]), nx.density(g)), "%s density" % name)
        ci = (len(recs) - g.number_of_nodes()) / len(recs)
        check(close(float(p["convergence_index"]), ci), "%s convergence index %s vs %r" % (name, p["convergence_index"], ci))
        q = float(p["modularity"])
        qnx = nx.community.modularity(g, nx.community.louvain_communities(g, weight="weight", seed=1), weight="weight")
        check(qnx - 0.02 <= q <= 1.0, "%s modularity %r vs NetworkX Louvain %r" % (name, q, qnx))
        print("%s: %d records, %d nodes, %d edges, modularity %.4f (NetworkX %.4f)"
              % (name, len(recs), g.number_of_nodes(), g.number_of_edges(), q, qnx))


def check_clusters(out, rows):
    """strategic.csv: sizes add up to the period's nodes, quadrants follow the medians of the
    period's own centralities and densities over its clusters of two or more codes (high: strictly
    above), and every quadrant of the diagram is used somewhere; cluster_flows.csv: stability = codes of both
    periods / codes of either (from the CSV), inclusion = shared / min(sizes)."""
    periods = read_csv(os.path.join(out, "periods.csv"))
    strat = read_csv(os.path.join(out, "strategic.csv"))
    size = {}
    for p in periods:
        cl = [c for c in strat if c["period"] == p["period"]]
        check(sum(int(c["size"]) for c in cl) == int(p["nodes"]), "%s: cluster sizes" % p["period"])
        check(len(cl) == int(p["clusters"]), "%s: clusters" % p["period"])
        if not cl:
            continue
        themes = [c for c in cl if int(c["size"]) >= 2] or cl  # medians over clusters of 2+ codes
        mc = float(np.median([float(c["centrality"]) for c in themes]))
        md = float(np.median([float(c["density"]) for c in themes]))
        for c in cl:
            hc, hd = float(c["centrality"]) > mc, float(c["density"]) > md
            want = {(True, True): "motor", (True, False): "basic", (False, True): "niche",
                    (False, False): "emerging"}[(hc, hd)]
            check(c["quadrant"] == want, "%s cluster %s quadrant %s != %s" % (p["period"], c["cluster"], c["quadrant"], want))
            size[(p["period"], c["cluster"])] = int(c["size"])
    used = {c["quadrant"] for c in strat}
    check(used == {"motor", "basic", "niche", "emerging"}, "quadrants used: %r" % sorted(used))
    nodes = {}
    for (a, b) in PERIODS:
        nodes["%d-%d" % (a, b)] = {c for y, s in rows if y is not None and a <= y <= b for c in s}
    flows = read_csv(os.path.join(out, "cluster_flows.csv"))
    check(flows, "cluster_flows.csv has flows")
    for f in flows:
        na, nb = nodes[f["period_a"]], nodes[f["period_b"]]
        check(close(float(f["stability"]), len(na & nb) / len(na | nb)), "stability %r" % f)
        m = min(size[(f["period_a"], f["cluster_a"])], size[(f["period_b"], f["cluster_b"])])
        check(close(float(f["inclusion"]), int(f["shared"]) / m), "inclusion %r" % f)
        # sum of min occurrences over shared codes <= each cluster's total occurrences
        check(0.0 < float(f["weighted_inclusion"]) <= 1.0 + 1e-12, "weighted inclusion in (0, 1]: %r" % f)
    print("%d clusters, %d flows consistent" % (len(strat), len(flows)))


def check_lifecycle(out, rows):
    """lifecycle.json: the yearly and cumulative counts of the records with a year (first to last
    year, gaps 0), and both fits against SciPy's curve_fit (tests/analysis/lifecycle_reference.py)."""
    with open(os.path.join(out, "lifecycle.json"), encoding="utf-8") as f:
        got = json.load(f)
    check("groups" not in got, "lifecycle.json has groups only with --group-by")
    check_fits(got, collections.Counter(y for y, _ in rows if y is not None), out, "all records")


def check_fits(got, years, out, tag, allow_unbounded=False):
    """The counts of `got` (a lifecycle object) are those of the Counter `years`; both fits agree
    with SciPy's curve_fit run on its cumulative counts. With `allow_unbounded` a fit may end
    not_converged when SciPy's optimum runs away too (K more than 100 times the data: no finite
    saturation, e.g. the Gompertz curve of a group still growing exponentially)."""
    first, last = min(years), max(years)
    counts = [years.get(y, 0) for y in range(first, last + 1)]
    check(got["first_year"] == first and got["last_year"] == last, "%s: lifecycle years" % tag)
    check(got["records"] == counts, "%s: lifecycle yearly counts" % tag)
    check(got["cumulative"] == list(itertools.accumulate(counts)), "%s: lifecycle cumulative counts" % tag)
    path = os.path.join(os.path.dirname(out), "lifecycle-points.txt")  # beside the output folder, not in it
    with open(path, "w") as f:
        for y, c in zip(range(first, last + 1), got["cumulative"]):
            f.write("%d %d\n" % (y, c))
    for line in reference("analysis/lifecycle_reference.py", [path]).split("\n"):
        if not line.strip():
            continue
        model, k, t0, r, r2, aic = line.split()
        fit = got[model]
        top = got["cumulative"][-1]
        if fit["status"] == "not_converged" and allow_unbounded:
            # no finite optimum: K runs away in SciPy as in the library (still exponential growth)
            check(float(k) > 100 * top and fit["saturation_K"] > 100 * top,
                  "%s: %s not_converged, K %r, SciPy K %s: both should run far past %d" % (tag, model, fit["saturation_K"], k, top))
            print("%s: %s: no saturation (K %.3g here, %.3g in SciPy, data %d): not_converged" % (tag, model, fit["saturation_K"], float(k), top))
            continue
        check(fit["status"] == "ok", "%s: %s status %s" % (tag, model, fit["status"]))
        for key, want, tol in (("saturation_K", k, 1e-6), ("midpoint_t0", t0, 1e-8), ("rate_r", r, 1e-6),
                               ("r_squared", r2, 1e-9), ("aic", aic, 1e-6)):
            check(abs(fit[key] - float(want)) <= tol * abs(float(want)),
                  "%s: %s %s %r vs SciPy %s" % (tag, model, key, fit[key], want))
        check(close(fit["duration_10_90"], (math.log(81.0) if model == "logistic" else
                                            math.log(math.log(10.0) / math.log(10.0 / 9.0))) / fit["rate_r"]),
              "%s: %s duration" % (tag, model))
        print("%s: %s: K %.1f, t0 %.2f, r %.4f agree with SciPy"
              % (tag, model, fit["saturation_K"], fit["midpoint_t0"], fit["rate_r"]))


def check_group_lifecycle(out, raw):
    """lifecycle.json of --group-by country --country-from jurisdiction: one object per group
    (Jurisdiction, offices such as WO and EP as "(unknown)"), by records descending; a group whose
    years span fewer than 5 years has status empty_input and no fit; the largest group's fits agree
    with SciPy's curve_fit (its Gompertz curve, CN on this export, has no finite optimum in either:
    status not_converged, checked as such), and so do those of the largest group with both fits ok."""
    with open(os.path.join(out, "lifecycle.json"), encoding="utf-8") as f:
        got = json.load(f)
    groups = collections.defaultdict(list)
    for r in raw:
        j = (r.get("Jurisdiction") or "").strip()
        groups[j if len(j) == 2 and j not in OFFICES else "(unknown)"].append(lens_year(r))
    check(sorted(g["group"] for g in got["groups"]) == sorted(groups), "lifecycle groups %r" %
          [g["group"] for g in got["groups"]])
    check([g["total_records"] for g in got["groups"]] == sorted((len(v) for v in groups.values()), reverse=True),
          "groups by records descending")
    for g in got["groups"]:
        ys = [y for y in groups[g["group"]] if y is not None]
        check(g["records_with_year"] == len(ys), "%s records with a year" % g["group"])
        span = max(ys) - min(ys) + 1 if ys else 0
        if span < 5:
            check(g["status"] == "empty_input" and g["logistic"]["status"] == "empty_input" and
                  g["logistic"]["saturation_K"] is None, "%s: %d years, no fit: %r" % (g["group"], span, g["status"]))
        else:
            check(g["status"] == "ok", "%s status %s" % (g["group"], g["status"]))
    top = got["groups"][0]
    check_fits(top, collections.Counter(y for y in groups[top["group"]] if y is not None), out, "group " + top["group"],
               allow_unbounded=True)
    both = [g for g in got["groups"] if g["logistic"]["status"] == "ok" and g["gompertz"]["status"] == "ok"]
    check(both, "no group with both fits ok")
    check_fits(both[0], collections.Counter(y for y in groups[both[0]["group"]] if y is not None), out,
               "group " + both[0]["group"])


def logistic(k, t0, r, t):
    return k / (1.0 + math.exp(-r * (t - t0)))


def gompertz(k, t0, r, t):
    return k * math.exp(-math.exp(-r * (t - t0)))


def check_group_picture(out):
    """The picture of the life cycle per group (drawn when gnuplot is on PATH): lifecycle_groups.dat
    holds one block per group drawn, the 6 largest groups with status ok in lifecycle.json order, each
    row year, cumulative count, and the logistic and Gompertz curves at that year, computed here from
    the parameters in lifecycle.json ('?' for a fit whose status is not ok); report.md embeds the
    SVG, links the PNG, says the cap, and lists every group whose status is not ok."""
    with open(os.path.join(out, "lifecycle.json"), encoding="utf-8") as f:
        got = json.load(f)
    with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
        md = f.read()
    not_ok = [g for g in got["groups"] if g["status"] != "ok"]
    check(not_ok, "the grouped run has groups without a fit (the listing is tested)")
    for g in not_ok:
        check("%s (%d)" % (g["group"], g["records_with_year"]) in md.split("Groups not drawn")[1].split("\n")[0],
              "report.md lists %s as not drawn" % g["group"])
    if shutil.which("gnuplot") is None:
        print("gnuplot not on PATH: the group picture is not drawn")
        return
    for f in ("lifecycle_groups.dat", "lifecycle_groups.gp", "lifecycle_groups.svg", "lifecycle_groups.png"):
        check(os.path.getsize(os.path.join(out, f)) > 0, "missing or empty " + f)
    check("](lifecycle_groups.svg)" in md and "(lifecycle_groups.png)" in md, "report.md references the group picture")
    ok = [g for g in got["groups"] if g["status"] == "ok"]
    want = ok[:6]
    check(len(ok) > 6, "more than 6 groups ok on this export (the cap is tested): %d" % len(ok))
    check("%d more ok groups are in lifecycle.json" % (len(ok) - 6) in md, "report.md states the cap")
    with open(os.path.join(out, "lifecycle_groups.dat"), encoding="utf-8") as f:
        blocks = [b for b in f.read().split("\n\n\n")]
    check(len(blocks) == len(want), "lifecycle_groups.dat blocks %d != %d" % (len(blocks), len(want)))
    for g, b in zip(want, blocks):
        lines = b.strip("\n").split("\n")
        check(lines[0] == "# group " + g["group"], "block of %s: %r" % (g["group"], lines[0]))
        rows = [l.split("\t") for l in lines[2:]]
        check([int(r[0]) for r in rows] == list(range(g["first_year"], g["last_year"] + 1)), "%s years" % g["group"])
        check([int(r[1]) for r in rows] == g["cumulative"], "%s cumulative counts" % g["group"])
        for col, model, fn in ((2, "logistic", logistic), (3, "gompertz", gompertz)):
            fit = g[model]
            for r in rows:
                if fit["status"] != "ok":
                    check(r[col] == "?", "%s %s not ok: not drawn" % (g["group"], model))
                    continue
                want_v = fn(fit["saturation_K"], fit["midpoint_t0"], fit["rate_r"], int(r[0]))
                check(abs(float(r[col]) - want_v) <= 1e-9 * max(1.0, abs(want_v)),
                      "%s %s at %s: %s vs %r" % (g["group"], model, r[0], r[col], want_v))
    print("group picture: %d groups drawn (%s), %d listed as not ok"
          % (len(want), ", ".join(g["group"] for g in want), len(not_ok)))


def check_pairs(out, rows):
    first = {}
    per_year = collections.defaultdict(set)
    records_of_year = collections.Counter()
    for y, s in rows:
        if y is None:
            continue
        records_of_year[y] += 1
        for p in itertools.combinations(s, 2):
            per_year[y].add(p)
            if p not in first or y < first[p][0]:
                first[p] = [y, 1]
            elif y == first[p][0]:
                first[p][1] += 1
    got = read_csv(os.path.join(out, "new_pairs.csv"))
    check(header(os.path.join(out, "new_pairs.csv")) == ["source", "target", "first_year", "records_in_first_year"],
          "new_pairs.csv columns")
    check(len(got) == len(first), "new_pairs.csv rows %d != %d" % (len(got), len(first)))
    want = sorted(((y, a, b, n) for (a, b), (y, n) in first.items()))
    for w, g in zip(want, got):
        check((int(g["first_year"]), g["source"], g["target"], int(g["records_in_first_year"])) == w,
              "new pair %r != %r" % (g, w))
    years = read_csv(os.path.join(out, "new_pairs_by_year.csv"))
    check([int(y["year"]) for y in years] == sorted(records_of_year), "new_pairs_by_year.csv years")
    for y in years:
        t = int(y["year"])
        pairs = per_year.get(t, set())
        new = sum(1 for p in pairs if first[p][0] == t)
        check(int(y["records"]) == records_of_year[t] and int(y["pairs"]) == len(pairs) and int(y["new_pairs"]) == new,
              "year %d: %r vs records %d, pairs %d, new %d" % (t, y, records_of_year[t], len(pairs), new))
        if pairs:
            check(close(float(y["share_new"]), new / len(pairs)), "year %d share" % t)
        else:
            check(y["share_new"] == "" and y["status"] == "empty_input", "year %d without pairs" % t)
    print("%d pairs, %d years agree" % (len(first), len(years)))


def check_rta(out, raw):
    group_of = []
    for r in raw:
        j = (r["Jurisdiction"] or "").strip()
        group_of.append(j if len(j) == 2 and j not in OFFICES else "(unknown)")
    classes = sorted({c for r in raw for c in subclasses(r)})
    col = {c: i for i, c in enumerate(classes)}
    counts = collections.defaultdict(lambda: np.zeros(len(classes)))
    for g, r in zip(group_of, raw):
        counts[g]  # a group without codes is a row of zeros
        for c in subclasses(r):
            counts[g][col[c]] += 1
    got = read_csv(os.path.join(out, "rta.csv"))
    check(header(os.path.join(out, "rta.csv")) == ["group", "class", "count", "rta", "advantage", "density"],
          "rta.csv columns")
    groups = list(dict.fromkeys(row["group"] for row in got))
    check(sorted(groups) == sorted(counts), "rta.csv groups %r" % groups)
    check(len(got) == len(groups) * len(classes), "rta.csv rows")
    p = np.array([counts[g] for g in groups])
    rta = np.zeros_like(p)
    share = p.sum(axis=0) / p.sum()
    for i in range(len(groups)):
        if p[i].sum() > 0:
            rta[i] = (p[i] / p[i].sum()) / share
    x = (rta >= 1.0).astype(float)
    both = x.T @ x
    n = np.diag(both)
    m = np.maximum.outer(n, n)
    phi = np.divide(both, m, out=np.zeros_like(both), where=m > 0)
    off = phi - np.diag(np.diag(phi))
    den = off.sum(axis=0)
    dens = np.divide(x @ off, den, out=np.zeros_like(rta), where=den > 0)
    for k, row in enumerate(got):
        i, c = divmod(k, len(classes))
        check(row["group"] == groups[i] and row["class"] == classes[c], "rta.csv order at row %d" % k)
        check(float(row["count"]) == p[i, c], "count %s %s" % (row["group"], row["class"]))
        check(close(float(row["rta"]), rta[i, c]), "rta %s %s: %s vs %r" % (row["group"], row["class"], row["rta"], rta[i, c]))
        if abs(rta[i, c] - 1.0) > 1e-9:
            check(int(row["advantage"]) == int(x[i, c]), "advantage %s %s" % (row["group"], row["class"]))
        check(close(float(row["density"]), dens[i, c]), "density %s %s: %s vs %r"
              % (row["group"], row["class"], row["density"], dens[i, c]))
    print("rta.csv: %d groups x %d classes agree (%d advantages)" % (len(groups), len(classes), int(x.sum())))


def main():
    exe, data, work = sys.argv[1:4]
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    with open(lens, encoding="utf-8-sig", newline="") as f:
        raw = list(csv.DictReader(f))
    rows = [(lens_year(r), subclasses(r)) for r in raw]

    out = os.path.join(work, "evolution-lens")
    periods = ",".join("%d-%d" % p for p in PERIODS)
    run(exe, ["evolution", lens, "--periods", periods, "--no-merge", "--out", out, "--quiet"])
    for f in ("periods.csv", "new_pairs.csv", "new_pairs_by_year.csv", "strategic.csv", "cluster_flows.csv",
              "lifecycle.json", "report.md", "manifest.json"):
        check(os.path.exists(os.path.join(out, f)), "missing " + f)
    check_periods(out, rows)
    check_clusters(out, rows)
    check_pairs(out, rows)
    check_lifecycle(out, rows)

    grouped = os.path.join(work, "evolution-groups")
    run(exe, ["evolution", lens, "--periods", periods, "--group-by", "country", "--country-from", "jurisdiction",
              "--no-merge", "--out", grouped, "--quiet"])
    check_group_lifecycle(grouped, raw)
    check_group_picture(grouped)

    # windows: 10 years every 5 from the first year of the data
    win = os.path.join(work, "evolution-window")
    run(exe, ["evolution", lens, "--window", "10", "--step", "5", "--no-merge", "--out", win, "--quiet"])
    first = min(y for y, _ in rows if y is not None)
    last = max(y for y, _ in rows if y is not None)
    names = [p["period"] for p in read_csv(os.path.join(win, "periods.csv"))]
    check(names == ["%d-%d" % (s, s + 9) for s in range(first, last + 1, 5)], "window periods %r" % names)

    # usage errors: exit 2, nothing written
    for args in (["--periods", "2000-2009", "--window", "5"], [], ["--periods", "2010-2000"], ["--periods", "20x0"]):
        bad = os.path.join(work, "evolution-bad")
        code, _, err = run(exe, ["evolution", lens, "--out", bad, "--quiet"] + args, expect_ok=False)
        check(code == 2 and not os.path.exists(os.path.join(bad, "periods.csv")), "%r: exit %d (%s)" % (args, code, err))

    net = os.path.join(work, "network-rta")
    run(exe, ["network", lens, "--group-by", "country", "--country-from", "jurisdiction", "--no-merge", "--out", net,
              "--quiet"])
    check_rta(net, raw)


if __name__ == "__main__":
    main()
