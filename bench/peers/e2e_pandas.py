"""pandas + numpy + SciPy + python-igraph peer of the end-to-end rows of
bench/suite_bench.cpp, the analysis a user would script: read the synthetic
patent CSV, [KCT] entropy weights and the top-5% key core, the IPC-subclass
co-classification network of the key core (SciPy A^T A), and its summary
(nodes, edges, components, PageRank, Louvain communities). Checked against
techconv's answers (weights, key-core set, every edge and weight, PageRank,
igraph's modularity of techconv's partition) before timing. Also times
pandas.read_csv of the whole file (the CSV reader rows).

usage: e2e_pandas.py N...
"""
import igraph as ig
import numpy as np
import pandas as pd
import scipy.sparse as sp

import peer_common as pc


def key_core(s, k):
    """Top k by score descending, ties by record index ascending (techconv's rule)."""
    cand = np.argpartition(-s, k - 1)[:k]
    t = s[cand].min()
    above = np.flatnonzero(s > t)
    at = np.flatnonzero(s == t)[: k - above.size]
    return np.sort(np.concatenate([above, at]))


def analysis(csv):
    df = pd.read_csv(csv, usecols=["ipc"] + pc.INDICATORS, dtype={c: np.float64 for c in pc.INDICATORS})
    x = df[pc.INDICATORS].to_numpy()
    w, s, _ = pc.entropy_pipeline(x)
    core = key_core(s, int(np.ceil(0.05 * len(s))))
    codes = df["ipc"].iloc[core].str.split(";;").explode().str[:4]
    pairs = pd.DataFrame({"r": codes.index.to_numpy(), "c": codes.to_numpy()}).drop_duplicates()
    rec, _ = pd.factorize(pairs["r"], sort=True)
    cid, labels = pd.factorize(pairs["c"], sort=True)
    a = sp.csr_matrix((np.ones(len(rec)), (rec, cid)), shape=(int(rec.max()) + 1, len(labels)))
    c = sp.triu(a.T @ a, k=1).tocoo()
    g = ig.Graph(n=len(labels), edges=np.column_stack([c.row, c.col]).tolist())
    g.es["weight"] = c.data.tolist()
    comps = len(g.connected_components())
    pr = g.pagerank(weights="weight", directed=False)
    lv = g.community_multilevel(weights="weight")
    return dict(w=w, core=core, labels=np.asarray(labels), c=c, g=g, components=comps, pr=np.array(pr),
                q=g.modularity(lv.membership, weights="weight"), communities=len(lv), rows=len(df))


def check(n, r):
    stem = f"e2e_{n}"
    pc.close(r["w"], pc.load_vector(stem + "_weights.txt"), 1e-9, "weights")
    core_tc = np.fromfile(pc.answer(stem + "_core.bin"), dtype=np.int64)
    if not np.array_equal(r["core"], core_tc):
        raise pc.CheckFailed(f"key core differs from techconv's in {np.setxor1d(r['core'], core_tc).size} records")
    with open(pc.answer(stem + "_graph.txt")) as f:
        nodes, edges = map(int, f.readline().split())
        tc = sorted((u, v, float(wt)) for u, v, wt in (line.split() for line in f))
    lab = r["labels"]
    mine = sorted((lab[i], lab[j], float(wt)) for i, j, wt in zip(r["c"].row, r["c"].col, r["c"].data))
    if nodes != len(lab) or edges != len(mine) or mine != tc:
        raise pc.CheckFailed(f"network differs: {len(lab)} nodes / {len(mine)} edges vs techconv's {nodes} / {edges}")
    pc.close(r["pr"], pc.load_vector(stem + "_pagerank.txt"), 1e-9, "pagerank")
    q_tc, memb = pc.load_membership(stem + "_louvain.txt")
    pc.close([r["g"].modularity(memb, weights="weight")], [q_tc], 1e-9, "Q of techconv's partition")
    return q_tc


def main():
    for n in pc.sizes():
        csv = pc.path(f"corpus_{n}.csv")
        runs = 1 if n >= 10_000_000 else 3
        wall, cpu, r = pc.timed(lambda: analysis(csv), runs)
        q_tc = check(n, r)
        pc.emit("e2e", str(n), "pandas+numpy+scipy+igraph", wall, cpu,
                f"weights 1e-9, key core and every edge exact, PageRank 1e-9; Q {r['q']:.4f} vs techconv {q_tc:.4f}")
        wall, cpu, df = pc.timed(lambda: pd.read_csv(csv), runs)
        if len(df) != n:
            raise pc.CheckFailed(f"pandas read {len(df)} rows, expected {n}")
        pc.emit("csv", str(n), "pandas.read_csv", wall, cpu, f"{n} rows")


if __name__ == "__main__":
    main()
