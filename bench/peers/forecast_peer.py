"""NetworkX (and numpy for Katz) on the graphs bench/forecast_bench.cpp writes: the time to
score every unlinked pair with the five NetworkX link-prediction functions and numpy's
inv(I - beta A) - I, the work techconv's link_prediction_all_pairs does (which adds Salton
and the three weighted scores).

usage: forecast_peer.py [DIR]   (DIR: TECHCONV_BENCH_DIR, default <temp>/techconv_forecast_bench)
Prints one line per graph: n, pairs, seconds of each part and the total.
"""
import os
import sys
import tempfile
import time

import networkx as nx
import numpy as np


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "TECHCONV_BENCH_DIR", os.path.join(tempfile.gettempdir(), "techconv_forecast_bench"))
    for n in (640, 2000):
        with open(os.path.join(d, "graph_%d.txt" % n)) as f:
            nn, m = map(int, f.readline().split())
            g = nx.Graph()
            g.add_nodes_from(range(nn))
            for _ in range(m):
                u, v, w = f.readline().split()
                g.add_edge(int(u), int(v), weight=float(w))
        t0 = time.perf_counter()
        pairs = list(nx.non_edges(g))
        parts = {}
        for name, fn in (("jaccard", nx.jaccard_coefficient), ("adamic_adar", nx.adamic_adar_index),
                         ("resource_allocation", nx.resource_allocation_index),
                         ("preferential_attachment", nx.preferential_attachment)):
            t = time.perf_counter()
            for _ in fn(g, pairs):
                pass
            parts[name] = time.perf_counter() - t
        t = time.perf_counter()
        for u, v in pairs:
            sum(1 for _ in nx.common_neighbors(g, u, v))
        parts["common_neighbors"] = time.perf_counter() - t
        t = time.perf_counter()
        a = nx.to_numpy_array(g, weight=None)
        beta = 0.5 / np.linalg.eigvalsh(a).max()
        k = np.linalg.inv(np.eye(nn) - beta * a) - np.eye(nn)
        _ = [k[u, v] for u, v in pairs]
        parts["katz"] = time.perf_counter() - t
        total = time.perf_counter() - t0
        print("n %d pairs %d %s total %.3f s" % (nn, len(pairs),
              " ".join("%s %.3f" % kv for kv in parts.items()), total))


main()
