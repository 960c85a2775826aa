"""pandas + python-igraph peer of the whole `techconv network` command on the synthetic canonical
CSV (issue 17's peer), written the way a user would script it: read the family id and IPC
columns, take each code's subclass (its first four characters), merge each family's subclasses
(the union, as techconv's simple-family merge does with the codes), count the co-classified
pairs, build the weighted subclass graph in igraph and compute strength, betweenness (edge
length 1/w: a stronger link is a shorter one, techconv's `similarity` reading), PageRank and
Louvain communities; writes nodes.csv and edges.csv. Timed as a whole process beside techconv
(bench/commands.py).

usage: /usr/bin/python3 network_igraph.py CORPUS.csv OUT_DIR [--check TECHCONV_OUT_DIR]
  --check: compare the edge list (exactly), the occurrences and strengths (exactly) and the
           betweenness (1e-9 relative) with techconv's edges.csv and nodes.csv; exits 1 on a
           difference.
"""
import os
import sys

import igraph as ig
import numpy as np
import pandas as pd

import peer_common as pc


def main():
    path, out, tc_dir = pc.command_args()
    df = pd.read_csv(path, usecols=["family_id", "ipc"], dtype=str, keep_default_na=False)
    sub = df["ipc"].str.split(";;").explode().str.strip().str[:4]
    ex = pd.DataFrame({"f": df["family_id"].reindex(sub.index).to_numpy(), "s": sub.to_numpy()})
    ex = ex[ex["s"].str.len() == 4].drop_duplicates()
    occ = ex.groupby("s").size()
    m = ex.merge(ex, on="f")
    m = m[m["s_x"] < m["s_y"]]
    edges = m.groupby(["s_x", "s_y"]).size().rename("weight").reset_index()
    names = occ.index.to_numpy()
    index = {s: i for i, s in enumerate(names)}
    g = ig.Graph(n=len(names), edges=list(zip(edges["s_x"].map(index), edges["s_y"].map(index))))
    w = edges["weight"].to_numpy(dtype=np.float64)
    g.es["weight"] = w
    strength = np.asarray(g.strength(weights="weight"))
    betweenness = np.asarray(g.betweenness(weights=list(1.0 / w), directed=False))
    pagerank = np.asarray(g.pagerank(weights="weight"))
    louvain = g.community_multilevel(weights="weight")
    pd.DataFrame({"code": names, "occurrences": occ.to_numpy(), "strength": strength, "betweenness": betweenness,
                  "pagerank": pagerank, "cluster": louvain.membership}).to_csv(os.path.join(out, "nodes.csv"),
                                                                             index=False)
    edges.rename(columns={"s_x": "source", "s_y": "target"}).to_csv(os.path.join(out, "edges.csv"), index=False)
    if tc_dir:
        te = pd.read_csv(os.path.join(tc_dir, "edges.csv"), keep_default_na=False)
        a = edges.rename(columns={"s_x": "source", "s_y": "target"})
        b = te.sort_values(["source", "target"]).reset_index(drop=True)
        if len(a) != len(b) or not (a.values == b[["source", "target", "weight"]].values).all():
            sys.exit("network_igraph: the edges differ from techconv's")
        tn = pd.read_csv(os.path.join(tc_dir, "nodes.csv"), keep_default_na=False).set_index("code").loc[names]
        if not (tn["occurrences"].to_numpy() == occ.to_numpy()).all() or \
                not (tn["strength"].to_numpy() == strength).all():
            sys.exit("network_igraph: occurrences or strengths differ from techconv's")
        pc.close(betweenness, tn["betweenness"].to_numpy(), 1e-9, "betweenness")
        print("network_igraph: %d nodes, %d edges, strengths and betweenness agree with techconv; "
              "Louvain modularity %.4f over %d communities" % (len(names), len(a), louvain.modularity,
                                                               len(louvain)))


if __name__ == "__main__":
    main()
