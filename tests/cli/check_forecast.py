"""End-to-end check of `techconv forecast` on the real Lens export against NetworkX and numpy.

# needs-header: techconv/cograph.hpp

Everything is recomputed here from the CSV with Python's csv module: the year of a
record (Application Date, else Earliest Priority Date, else Publication Year: the rule of
analysis::patent_year), its IPCR codes cut to 4-character subclasses, the train graph of
the records up to 2010 (weight = records sharing the two subclasses), every unlinked pair
as a candidate, the realised pairs and their first year from the later records. The scores
come from NetworkX (common_neighbors, jaccard_coefficient, adamic_adar_index,
resource_allocation_index, preferential_attachment), Salton from NetworkX's degrees, Katz
from numpy's inverse of I - beta A with beta = 0.5 / the largest eigenvalue numpy finds,
and the weighted scores (Lü & Zhou 2010, alpha 1) summed over NetworkX's common
neighbours. AUC and average precision come from tests/analysis/ranking_reference.py
(scikit-learn, else SciPy's Mann-Whitney U); precision at L is counted here with the
command's stated tie rule (score descending, then the order of predictions.csv).

usage: check_forecast.py TECHCONV DATA_DIR WORK_DIR
"""
import csv
import itertools
import json
import math
import os
import sys

import networkx as nx
import numpy as np

from cli_util import check, close, header, lens_year, read_csv, reference, run

SCORES = ["common_neighbours", "jaccard", "salton", "adamic_adar", "resource_allocation",
          "preferential_attachment", "katz", "weighted_common_neighbours", "weighted_adamic_adar",
          "weighted_resource_allocation"]
TRAIN_UNTIL = 2010
L = 50


def ranking_reference(path, labels, vals):
    """AUC and average precision of tests/analysis/ranking_reference.py (a dict with tool, auc, ...)."""
    with open(path, "w") as f:
        for lab, v in zip(labels, vals):
            f.write("%d %r\n" % (lab, v))
    return dict(line.split() for line in reference("analysis/ranking_reference.py", [path]).splitlines())


def main():
    exe, data, work = sys.argv[1:4]
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    out = os.path.join(work, "forecast-lens")
    run(exe, ["forecast", lens, "--train-until", str(TRAIN_UNTIL), "--top", str(L), "--no-merge", "--out", out,
              "--quiet"])

    with open(lens, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    g = nx.Graph()
    later = []
    no_year = 0
    for r in rows:
        codes = [c.strip().replace(" ", "").upper() for c in (r["IPCR Classifications"] or "").split(";;") if c.strip()]
        subs = sorted({c[:4] for c in codes if len(c) >= 4})
        y = lens_year(r)
        if y is None:
            no_year += 1
        elif y <= TRAIN_UNTIL:
            g.add_nodes_from(subs)
            for a, b in itertools.combinations(subs, 2):
                w = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
                g.add_edge(a, b, weight=w)
        else:
            later.append((y, subs))
    first = {}
    for y, subs in later:
        for a, b in itertools.combinations(subs, 2):
            if a in g and b in g and not g.has_edge(a, b):
                k = (a, b)
                first[k] = min(first.get(k, y), y)

    ev = json.load(open(os.path.join(out, "evaluation.json")))
    check(ev["train_edges"] == g.number_of_edges(), "train_edges %s != %d" % (ev["train_edges"], g.number_of_edges()))
    pairs = sorted(tuple(sorted(p)) for p in nx.non_edges(g))
    check(ev["candidates"] == len(pairs), "candidates %s != %d" % (ev["candidates"], len(pairs)))
    check(ev["realised"] == len(first), "realised %s != %d" % (ev["realised"], len(first)))
    check(ev["records_without_year"] == no_year, "records_without_year")
    check(ev["L"] == L, "L")

    check(header(os.path.join(out, "predictions.csv")) == ["source", "target"] + SCORES + ["realised", "first_year"],
          "predictions.csv columns")
    pred = read_csv(os.path.join(out, "predictions.csv"))
    check(len(pred) == len(pairs), "predictions.csv rows")
    keyed = {}
    for i, p in enumerate(pred):
        k = tuple(sorted((p["source"], p["target"])))
        check(k not in keyed, "pair listed twice: %s" % (k,))
        keyed[k] = p
    check(set(keyed) == set(pairs), "predictions.csv pairs differ from NetworkX's non_edges")

    # reference scores
    nodes = sorted(g.nodes())
    pos = {v: i for i, v in enumerate(nodes)}
    a = nx.to_numpy_array(g, nodelist=nodes, weight=None)
    lam = float(np.linalg.eigvalsh(a).max())
    check(close(ev["lambda_max"], lam, 1e-9), "lambda_max %s vs numpy %s" % (ev["lambda_max"], lam))
    beta = 0.5 / lam
    check(close(ev["katz_beta"], beta, 1e-9), "katz_beta")
    katz = np.linalg.inv(np.eye(len(nodes)) - beta * a) - np.eye(len(nodes))
    ref = {k: {} for k in pairs}
    for name, fn in (("jaccard", nx.jaccard_coefficient), ("adamic_adar", nx.adamic_adar_index),
                     ("resource_allocation", nx.resource_allocation_index),
                     ("preferential_attachment", nx.preferential_attachment)):
        for u, v, s in fn(g, pairs):
            ref[(u, v)][name] = s
    strength = dict(g.degree(weight="weight"))
    for u, v in pairs:
        common = list(nx.common_neighbors(g, u, v))
        d = ref[(u, v)]
        d["common_neighbours"] = len(common)
        ku, kv = g.degree(u), g.degree(v)
        d["salton"] = len(common) / math.sqrt(ku * kv) if ku * kv else 0.0
        d["katz"] = katz[pos[u], pos[v]]
        d["weighted_common_neighbours"] = sum(g[u][z]["weight"] + g[z][v]["weight"] for z in common)
        d["weighted_adamic_adar"] = sum((g[u][z]["weight"] + g[z][v]["weight"]) / math.log(1 + strength[z]) for z in common)
        d["weighted_resource_allocation"] = sum((g[u][z]["weight"] + g[z][v]["weight"]) / strength[z] for z in common)
    bad = 0
    for k in pairs:
        p = keyed[k]
        for s in SCORES:
            ours = float(p[s])
            if not close(ours, ref[k][s], 1e-9, 1e-12):
                if bad < 5:
                    print("%s %s: command %r reference %r" % (k, s, ours, ref[k][s]))
                bad += 1
        check(p["realised"] == ("1" if k in first else "0"), "realised of %s" % (k,))
        check(p["first_year"] == (str(first[k]) if k in first else ""), "first_year of %s" % (k,))
    check(bad == 0, "%d score values differ from the reference" % bad)

    # evaluation: AUC and AP by the reference script, precision at L counted here
    labels = [1 if p["realised"] == "1" else 0 for p in pred]
    for s in SCORES:
        vals = [float(p[s]) for p in pred]
        got = ranking_reference(os.path.join(work, "ranking-%s.txt" % s), labels, vals)
        check(close(ev[s]["auc"], float(got["auc"]), 1e-9), "%s auc %s vs %s (%s)" % (s, ev[s]["auc"], got["auc"], got["tool"]))
        check(close(ev[s]["average_precision"], float(got["average_precision"]), 1e-9),
              "%s average_precision %s vs %s" % (s, ev[s]["average_precision"], got["average_precision"]))
        order = sorted(range(len(vals)), key=lambda i: (-vals[i], i))
        p_at_l = sum(labels[i] for i in order[:L]) / L
        check(close(ev[s]["precision_at_L"], p_at_l, 1e-12), "%s precision_at_L %s vs %s" % (s, ev[s]["precision_at_L"], p_at_l))

    # the ROC picture's data (drawn only when gnuplot is on PATH): the area under each sampled
    # curve (trapezoids on the 0.01 grid of false-positive rates) is the AUC up to the sampling
    roc = os.path.join(out, "roc.dat")
    if os.path.exists(roc):
        lines = [l.split("\t") for l in open(roc).read().splitlines()]
        check(lines[0][1:] == [s.replace("_", " ") for s in SCORES], "roc.dat columns")
        xs = [float(l[0]) for l in lines[1:]]
        check(len(xs) == 101 and xs[0] == 0 and xs[-1] == 1, "roc.dat grid")
        for c, s in enumerate(SCORES):
            ys = [float(l[c + 1]) for l in lines[1:]]
            area = sum((xs[i + 1] - xs[i]) * (ys[i + 1] + ys[i]) / 2 for i in range(len(xs) - 1))
            check(abs(area - ev[s]["auc"]) < 0.01, "%s: area under roc.dat %s, auc %s" % (s, area, ev[s]["auc"]))
        check(os.path.exists(os.path.join(out, "precision_at_L.dat")), "precision_at_L.dat")

    # the map of the top predicted links: the 20 best of the score with the highest AUC, dashed
    best = max((s for s in SCORES if ev[s]["auc"] is not None), key=lambda s: ev[s]["auc"])
    best = SCORES[min(SCORES.index(s) for s in SCORES if ev[s]["auc"] == ev[best]["auc"])]  # first of equals
    vals = [float(p[best]) for p in pred]
    top20 = sorted(range(len(vals)), key=lambda i: (-vals[i], i))[:20]
    want = {tuple(sorted((pred[i]["source"], pred[i]["target"]))): pred[i]["realised"] == "1" for i in top20}
    dashed = {}
    for line in open(os.path.join(out, "forecast_map.dot")).read().splitlines():
        if " -- " in line and "dashed" in line:
            a, b = line.split(" -- ")
            b = b.split(" [")[0]
            dashed[tuple(sorted((a.strip().strip('"'), b.strip().strip('"'))))] = "#2ca02c" in line
    check(dashed == want, "forecast_map.dot dashed links %r, want the 20 best by %s %r" % (dashed, best, want))

    # bounded evaluation: every score's 100 best plus 2,000 sampled by the stated rule
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "analysis"))
    from forecast_bounded_reference import fnv1a64, splitmix64
    outb = os.path.join(work, "forecast-lens-bounded")
    seed, keep, ss = 99, 100, 2000
    run(exe, ["forecast", lens, "--train-until", str(TRAIN_UNTIL), "--top", str(L), "--no-merge", "--out", outb,
              "--max-candidates", "1000", "--keep-top", str(keep), "--sample", str(ss), "--sample-seed", str(seed),
              "--quiet"])
    evb = json.load(open(os.path.join(outb, "evaluation.json")))
    check(evb["candidates"] == len(pairs) and evb["realised"] == len(first), "bounded: candidates / realised of all")
    b = evb["evaluation"]
    check(b["mode"] == "bounded" and b["keep_top"] == keep and b["sample_seed"] == seed and b["sampled"] == ss,
          "bounded: evaluation object %r" % b)
    kept = set()
    for s in SCORES:
        v = [float(p[s]) for p in pred]
        kept.update(sorted(range(len(v)), key=lambda i: (-v[i], i))[:keep])
    lh = {}

    def key(i):
        hs = sorted(lh.setdefault(x, fnv1a64(x)) for x in (pred[i]["source"], pred[i]["target"]))
        return splitmix64(splitmix64(seed ^ hs[0]) ^ hs[1])

    rest = sorted((i for i in range(len(pred)) if i not in kept), key=lambda i: (key(i), i))
    want_rows = sorted(kept | set(rest[:ss]))
    check(b["kept"] == len(kept) and b["evaluated_pairs"] == len(want_rows), "bounded: kept %d, evaluated %d" %
          (b["kept"], b["evaluated_pairs"]))
    predb = read_csv(os.path.join(outb, "predictions.csv"))
    check([(p["source"], p["target"]) for p in predb] == [(pred[i]["source"], pred[i]["target"]) for i in want_rows],
          "bounded: predictions.csv rows are not the kept and sampled pairs in (source, target) order")
    check(all(predb[j] == pred[i] for j, i in enumerate(want_rows)), "bounded: a row differs from the exact run's")
    labels_b = [1 if p["realised"] == "1" else 0 for p in predb]
    check(b["evaluated_realised"] == sum(labels_b), "bounded: evaluated_realised")
    for s in SCORES:
        got = ranking_reference(os.path.join(work, "ranking-bounded-%s.txt" % s), labels_b,
                                [float(p[s]) for p in predb])
        check(close(evb[s]["auc"], float(got["auc"]), 1e-9), "bounded %s auc" % s)
        check(close(evb[s]["average_precision"], float(got["average_precision"]), 1e-9), "bounded %s ap" % s)
        check(evb[s]["precision_at_L"] == ev[s]["precision_at_L"], "bounded %s precision_at_L differs from all" % s)
    check("bounded" in open(os.path.join(outb, "report.md")).read(), "bounded: report.md does not say so")

    # the same bytes for 2 threads
    out2 = os.path.join(work, "forecast-lens-threads")
    run(exe, ["forecast", lens, "--train-until", str(TRAIN_UNTIL), "--top", str(L), "--no-merge", "--threads", "2",
              "--out", out2, "--quiet"])
    for name in ("predictions.csv", "evaluation.json"):
        check(open(os.path.join(out, name), "rb").read() == open(os.path.join(out2, name), "rb").read(),
              "%s differs between 1 and 2 threads" % name)

    # --train-until is required: usage error, nothing written
    out3 = os.path.join(work, "forecast-no-year")
    rc, _, err = run(exe, ["forecast", lens, "--out", out3, "--quiet"], expect_ok=False)
    check(rc == 2 and "--train-until" in err, "missing --train-until: exit %d, %s" % (rc, err.strip()))
    check(not os.path.exists(out3), "missing --train-until left an output folder")
    # a year before every record: an error naming the train year
    rc, _, err = run(exe, ["forecast", lens, "--train-until", "1800", "--out", out3, "--quiet"], expect_ok=False)
    check(rc == 1 and "1800" in err, "train year before the data: exit %d, %s" % (rc, err.strip()))
    print("forecast: %d candidates, %d realised, every score and evaluation matches" % (len(pairs), len(first)))


main()
