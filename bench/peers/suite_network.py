"""python-igraph (C core) and NetworkX peers of the network rows of
bench/suite_bench.cpp, on the graphs it wrote (graph_0.txt, graph_1.txt:
"nodes edges" then "u v weight" lines). Each measure is checked against
techconv's answer first: centralities to 1e-9 of the largest value;
communities by igraph's modularity of techconv's partition, which must equal
the quality techconv reports (the peers' own partitions differ: the methods
are randomised).

usage: suite_network.py [--quick]   (--quick: skip the slow path measures of graph 1)
"""
import sys

import igraph as ig
import networkx as nx
import numpy as np

import peer_common as pc


def load_graph(which):
    with open(pc.path(f"graph_{which}.txt")) as f:
        n, _ = map(int, f.readline().split())
        data = np.loadtxt(f, ndmin=2)
    g = ig.Graph(n=n, edges=data[:, :2].astype(int).tolist())
    g.es["weight"] = data[:, 2].tolist()
    g.es["inv"] = (1.0 / data[:, 2]).tolist()
    return g, data


def to_networkx(n, data):
    h = nx.Graph()
    h.add_nodes_from(range(n))
    h.add_weighted_edges_from((int(u), int(v), w) for u, v, w in data)
    return h


def main():
    quick = "--quick" in sys.argv
    for which in (0, 1):
        g, data = load_graph(which)
        a = f"graph_{which}"
        case = f"graph{which}"
        for name, fn, ans in [
            ("pagerank", lambda: g.pagerank(weights="weight", directed=False), "pagerank"),
            ("eigenvector", lambda: g.eigenvector_centrality(weights="weight", scale=True), "eigenvector"),
            ("betweenness", lambda: g.betweenness(weights="inv"), "betweenness"),
            ("closeness", lambda: g.closeness(weights="inv", normalized=True), "closeness"),
        ]:
            slow = name in ("betweenness", "closeness")
            if slow and quick and which == 1:
                continue
            wall, cpu, out = pc.timed(fn, 1 if slow else 3)
            pc.close(out, pc.load_vector(f"{a}_{ans}.txt"), 1e-9, f"{name} {case}")
            pc.emit("network", f"{name}/{case}", "igraph", wall, cpu, "values 1e-9")
        for name, ans, fn in [
            ("louvain", "louvain", lambda: g.community_multilevel(weights="weight")),
            ("leiden", "leiden", lambda: g.community_leiden(objective_function="modularity", weights="weight",
                                                           n_iterations=2)),
        ]:
            q_tc, memb = pc.load_membership(f"{a}_{ans}.txt")
            pc.close([g.modularity(memb, weights="weight")], [q_tc], 1e-9, f"{name} Q of techconv's partition")
            wall, cpu, out = pc.timed(fn, 3)
            q = g.modularity(out.membership, weights="weight")
            pc.emit("network", f"{name}/{case}", "igraph", wall, cpu, f"Q(techconv) exact; Q(igraph) {q:.4f} vs {q_tc:.4f}")
        # NetworkX (pure Python, SciPy PageRank): the measures that finish in reasonable time
        h = to_networkx(g.vcount(), data)
        wall, cpu, pr = pc.timed(lambda: nx.pagerank(h, weight="weight", tol=1e-12), 1)
        prv = np.array([pr[i] for i in range(g.vcount())])
        pc.close(prv, pc.load_vector(f"{a}_pagerank.txt"), 1e-8, f"networkx pagerank {case}")
        pc.emit("network", f"pagerank/{case}", "networkx", wall, cpu, "values 1e-8 (its tolerance)")
        wall, cpu, parts = pc.timed(lambda: nx.community.louvain_communities(h, weight="weight", seed=1), 1)
        q = nx.community.modularity(h, parts, weight="weight")
        pc.emit("network", f"louvain/{case}", "networkx", wall, cpu, f"Q(networkx) {q:.4f}")


if __name__ == "__main__":
    main()
