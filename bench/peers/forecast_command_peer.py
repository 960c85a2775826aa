"""Whole-process NetworkX peer of `techconv forecast CORPUS.csv --train-until YEAR --no-merge
--out DIR` at subclass level (the default): reads the same canonical CSV with pandas, builds the
train graph (IPC subclasses co-occurring on records with year <= YEAR, weight = records), takes
every unlinked pair of train nodes as a candidate, marks the realised ones (co-occurring on a
record with year > YEAR) with their first year, scores every candidate with NetworkX's
common_neighbors, jaccard_coefficient, adamic_adar_index, resource_allocation_index and
preferential_attachment and numpy's Katz inv(I - beta A) - I (beta = 0.5 / lambda_max, techconv's
default), evaluates each score with scikit-learn's roc_auc_score and average_precision_score and
precision at L = 100 (ties by pair order), and writes predictions.csv and evaluation.json.
techconv computes ten scores (also Salton and the weighted CN, AA, RA): the peer's six are a
subset, so it does less work.

usage: /usr/bin/python3 forecast_command_peer.py CORPUS.csv YEAR OUT_DIR [--check TECHCONV_DIR]
--check compares the peer's train edges, candidates, realised count and AUCs with techconv's
evaluation.json (AUC within 1e-9) and exits 1 when they differ.
"""
import json
import os
import sys

import networkx as nx
import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score

TOP_L = 100


def main(corpus, until, out, check):
    os.makedirs(out, exist_ok=True)
    df = pd.read_csv(corpus, usecols=["year", "ipc"], dtype={"ipc": str}, keep_default_na=False)
    codes = df["ipc"].str.split(";;").explode()
    codes = codes[codes.str.match(r"[A-H][0-9]{2}[A-Z]")].str[:4]
    rc = pd.DataFrame({"rec": codes.index.to_numpy(), "cls": codes.to_numpy()}).drop_duplicates()
    rc["year"] = df["year"].to_numpy()[rc["rec"].to_numpy()]
    pairs = rc.merge(rc[["rec", "cls"]], on="rec", suffixes=("_a", "_b"))
    pairs = pairs[pairs["cls_a"] < pairs["cls_b"]]
    train = pairs[pairs["year"] <= until]
    w = train.groupby(["cls_a", "cls_b"]).size()
    g = nx.Graph()
    g.add_nodes_from(sorted(rc.loc[rc["year"] <= until, "cls"].unique()))
    g.add_weighted_edges_from((a, b, float(c)) for (a, b), c in w.items())
    later = pairs[pairs["year"] > until].groupby(["cls_a", "cls_b"])["year"].min()

    cand = list(nx.non_edges(g))
    cand = [(a, b) if a < b else (b, a) for a, b in cand]
    cand.sort()
    first = later.reindex(pd.MultiIndex.from_tuples(cand)).to_numpy()
    realised = ~np.isnan(first)
    scores = {
        "common_neighbours": np.array([sum(1 for _ in nx.common_neighbors(g, a, b)) for a, b in cand], float),
        "jaccard": np.array([p for _, _, p in nx.jaccard_coefficient(g, cand)]),
        "adamic_adar": np.array([p for _, _, p in nx.adamic_adar_index(g, cand)]),
        "resource_allocation": np.array([p for _, _, p in nx.resource_allocation_index(g, cand)]),
        "preferential_attachment": np.array([p for _, _, p in nx.preferential_attachment(g, cand)], float),
    }
    nodes = list(g.nodes())
    pos = {v: i for i, v in enumerate(nodes)}
    a = nx.to_numpy_array(g, nodelist=nodes, weight=None)
    beta = 0.5 / np.linalg.eigvalsh(a).max()
    k = np.linalg.inv(np.eye(len(nodes)) - beta * a)
    scores["katz"] = np.array([k[pos[u], pos[v]] for u, v in cand])

    evaluation = {"train_edges": g.number_of_edges(), "candidates": len(cand), "realised": int(realised.sum())}
    for name, s in scores.items():
        top = np.argsort(-s, kind="stable")[:TOP_L]
        evaluation[name] = {"auc": float(roc_auc_score(realised, s)),
                            "precision_at_L": float(realised[top].mean()),
                            "average_precision": float(average_precision_score(realised, s))}
    out_df = pd.DataFrame({"source": [u for u, _ in cand], "target": [v for _, v in cand]})
    for name, s in scores.items():
        out_df[name] = s
    out_df["realised"] = realised.astype(int)
    out_df["first_year"] = pd.array(np.where(realised, first, np.nan), dtype="Int64")
    out_df.to_csv(os.path.join(out, "predictions.csv"), index=False)
    with open(os.path.join(out, "evaluation.json"), "w") as f:
        json.dump(evaluation, f, indent=1)
    print(evaluation["train_edges"], evaluation["candidates"], evaluation["realised"])
    if check:
        with open(os.path.join(check, "evaluation.json")) as f:
            ours = json.load(f)
        bad = [key for key in ("train_edges", "candidates", "realised") if ours.get(key) != evaluation[key]]
        bad += [name for name in scores if abs(ours[name]["auc"] - evaluation[name]["auc"]) > 1e-9]
        print("check against techconv: %s" % ("agree" if not bad else "DIFFER: " + ", ".join(bad)))
        for name in bad:
            print(name, ours.get(name), evaluation.get(name))
        if bad:
            sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3],
         sys.argv[sys.argv.index("--check") + 1] if "--check" in sys.argv else None)
