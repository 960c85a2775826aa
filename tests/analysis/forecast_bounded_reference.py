"""Independent check of analysis::forecast's bounded evaluation (tests/analysis/forecast.test.cpp).

Usage: forecast_bounded_reference.py FILE

FILE (written by the test) holds the train graph (node labels in node-id order, weighted
edges), every candidate of the exact run with its realised flag and its ten scores as the
library computed them, the bounded run's settings (seed, keep_top, sample_size, L) and the
pairs the bounded run evaluated.

This script
1. recomputes every candidate's scores with tests/cograph/link_reference.py (NetworkX's
   common_neighbors, jaccard_coefficient, adamic_adar_index, resource_allocation_index,
   preferential_attachment, Salton and the weighted scores over NetworkX's common neighbours,
   numpy's inv(I - beta A) - I for Katz, here with beta = 0.5 / the largest eigenvalue numpy
   finds), and fails when one differs from the library's by more than 1e-9 (relative); the
   ranking below then uses the library's values, so that a last-bit difference in a sum cannot
   reorder ties;
2. rebuilds the evaluated set from the documented rule: per score the keep_top best (score
   descending, then source, then target node id), and the sample_size other candidates with
   the smallest key splitmix64(splitmix64(seed ^ lo) ^ hi), lo <= hi the FNV-1a 64 hashes of the
   two codes, and fails when it is not the set the library evaluated;
3. prints, per score over that set, "NAME AUC AP P@L" with scikit-learn's roc_auc_score and
   average_precision_score, and precision at L counted with the stated tie rule.
"""
import os
import subprocess
import sys

import networkx as nx
import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

SCORES = ["common_neighbours", "jaccard", "salton", "adamic_adar", "resource_allocation",
          "preferential_attachment", "katz", "weighted_common_neighbours", "weighted_adamic_adar",
          "weighted_resource_allocation"]
M64 = (1 << 64) - 1


def fnv1a64(text):
    h = 0xcbf29ce484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001b3) & M64
    return h


def splitmix64(z):
    z = (z + 0x9e3779b97f4a7c15) & M64
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
    return z ^ (z >> 31)


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def main():
    lines = open(sys.argv[1]).read().split("\n")
    pos = 0

    def take():
        nonlocal pos
        pos += 1
        return lines[pos - 1]

    settings = {}
    for _ in range(4):
        k, v = take().split()
        settings[k] = int(v)
    n = int(take().split()[1])
    labels = [take() for _ in range(n)]
    m = int(take().split()[1])
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for _ in range(m):
        u, v, w = take().split()
        g.add_edge(int(u), int(v), weight=float(w))
    c = int(take().split()[1])
    cands, realised, lib = [], {}, {}
    for _ in range(c):
        f = take().split()
        p = (int(f[0]), int(f[1]))
        cands.append(p)
        realised[p] = int(f[2])
        lib[p] = [float(x) for x in f[3:]]
    e = int(take().split()[1])
    evaluated = [tuple(int(x) for x in take().split()) for _ in range(e)]

    # 1. the library's scores against NetworkX and numpy (tests/cograph/link_reference.py)
    if sorted(cands) != sorted(tuple(sorted(p)) for p in nx.non_edges(g)):
        fail("candidates differ from NetworkX's non_edges")
    a = nx.to_numpy_array(g, nodelist=range(n), weight=None)
    beta = 0.5 / float(np.linalg.eigvalsh(a).max())
    edge_file = sys.argv[1] + ".edges"
    with open(edge_file, "w") as f:
        f.write("%d %d\n" % (n, g.number_of_edges()))
        for u, v, w in g.edges(data="weight"):
            f.write("%d %d %r\n" % (u, v, w))
    here = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run([sys.executable, os.path.join(here, "..", "cograph", "link_reference.py"), edge_file, repr(beta)],
                         check=True, capture_output=True, text=True).stdout
    seen = 0
    for line in out.splitlines():
        f = line.split()
        p = (int(f[0]), int(f[1]))
        for k, s in enumerate(SCORES):
            x, y = lib[p][k], float(f[2 + k])
            if abs(x - y) > 1e-9 * max(abs(x), abs(y)) + 1e-12:
                fail("%s of %d-%d: library %r, reference %r" % (s, p[0], p[1], x, y))
        seen += 1
    if seen != len(cands):
        fail("link_reference.py scored %d pairs, the library %d" % (seen, len(cands)))

    # 2. the evaluated set by the documented rule
    kt, ss, seed = settings["keep_top"], settings["sample_size"], settings["seed"]
    kept = set()
    for k in range(len(SCORES)):
        order = sorted(cands, key=lambda p: (-lib[p][k], p[0], p[1]))
        kept.update(order[:kt])
    lh = [fnv1a64(s) for s in labels]

    def key(p):
        lo, hi = sorted((lh[p[0]], lh[p[1]]))
        return splitmix64(splitmix64(seed ^ lo) ^ hi)

    rest = sorted((p for p in cands if p not in kept), key=lambda p: (key(p), p[0], p[1]))
    sample = set(rest[:ss])
    want = sorted(kept | sample)
    if want != evaluated:
        fail("evaluated set: library %r, reference %r (kept %r)" % (evaluated, want, sorted(kept)))
    print("kept %d sampled %d" % (len(kept), len(sample)))

    # 3. the measures over that set
    lab = [realised[p] for p in evaluated]
    L = settings["top"]
    for k, s in enumerate(SCORES):
        vals = [lib[p][k] for p in evaluated]
        order = sorted(range(len(vals)), key=lambda i: (-vals[i], i))  # evaluated is by (source, target)
        pal = sum(lab[i] for i in order[:L]) / min(L, len(vals))
        print("%s %r %r %r" % (s, float(roc_auc_score(lab, vals)), float(average_precision_score(lab, vals)), pal))


if __name__ == "__main__":
    main()
