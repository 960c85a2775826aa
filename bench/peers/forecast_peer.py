"""NetworkX (and numpy for Katz) on the graphs bench/forecast_bench.cpp writes: the time to
score every unlinked pair with the five NetworkX link-prediction functions and numpy's
inv(I - beta A) - I, the work techconv's link_prediction_all_pairs does (which adds Salton
and the three weighted scores).

usage: forecast_peer.py [DIR]   (DIR: TECHCONV_BENCH_DIR, default <temp>/techconv_forecast_bench)
Prints one line per graph: n, pairs, seconds of each part and the total.

usage: forecast_peer.py DIR --synthetic RECORDS [SOURCES]
The main-group train graph forecast_synthetic_main_group writes (graph_synthetic_RECORDS.txt)
has far too many candidate pairs for NetworkX to score them all in a benchmark's time: this
scores the candidates of SOURCES source nodes (default 200, evenly spaced over the node ids:
u = k * n // SOURCES) with the five NetworkX functions and prints their pairs per second and
the time all n(n-1)/2 - m candidates would take at that rate (an extrapolation, stated as such).
"""
import os
import sys
import tempfile
import time

import networkx as nx
import numpy as np


def read_graph(path):
    """n, m and the NetworkX graph of a file "n m", then one "u v w" line per edge."""
    with open(path) as f:
        nn, m = map(int, f.readline().split())
        g = nx.Graph()
        g.add_nodes_from(range(nn))
        for _ in range(m):
            u, v, w = f.readline().split()
            g.add_edge(int(u), int(v), weight=float(w))
    return nn, m, g


def synthetic(d, records, sources):
    nn, m, g = read_graph(os.path.join(d, "graph_synthetic_%d.txt" % records))
    pairs = []
    for k in range(sources):
        u = k * nn // sources
        nb = set(g[u])
        pairs.extend((u, v) for v in range(u + 1, nn) if v not in nb)
    t0 = time.perf_counter()
    for fn in (nx.jaccard_coefficient, nx.adamic_adar_index, nx.resource_allocation_index,
               nx.preferential_attachment):
        for _ in fn(g, pairs):
            pass
    for u, v in pairs:
        sum(1 for _ in nx.common_neighbors(g, u, v))
    sec = time.perf_counter() - t0
    total = nn * (nn - 1) // 2 - m
    print("synthetic %d records: n %d m %d candidates %d; NetworkX on %d pairs of %d sources: %.3f s, "
          "%.0f pairs/s, all candidates at that rate: %.0f s (extrapolated)"
          % (records, nn, m, total, len(pairs), sources, sec, len(pairs) / sec, total / (len(pairs) / sec)))


def main():
    if "--synthetic" in sys.argv:
        i = sys.argv.index("--synthetic")
        synthetic(sys.argv[1], int(sys.argv[i + 1]), int(sys.argv[i + 2]) if len(sys.argv) > i + 2 else 200)
        return
    d = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "TECHCONV_BENCH_DIR", os.path.join(tempfile.gettempdir(), "techconv_forecast_bench"))
    for n in (640, 2000):
        nn, m, g = read_graph(os.path.join(d, "graph_%d.txt" % n))
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
