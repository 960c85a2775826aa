"""Community detection references by python-igraph and NetworkX.

Usage: community_reference.py EDGES GAMMA_CPM [MEMBERSHIP ...]
  EDGES       file: "n m", then one "u v w" line per undirected edge
  GAMMA_CPM   resolution of the CPM runs
  MEMBERSHIP  files with one community id per line (our partitions)

Prints:
  multilevel Q          igraph community_multilevel (weights), modularity by igraph
  leiden Q              igraph community_leiden(modularity, until stable)
  nx_louvain Q          networkx louvain_communities(seed=1), modularity by networkx
  leiden_cpm H          igraph community_leiden(CPM, GAMMA_CPM); H = sum_c e_c - gamma n_c (n_c - 1) / 2
  then per MEMBERSHIP file: "check Q H connected" with Q = igraph's modularity
  of that partition, H its CPM quality, connected = 1 if every community
  induces a connected subgraph.
"""
import random
import sys

from edge_list import read

import igraph as ig
import networkx as nx


def cpm(g, membership, gamma):
    inside = {}
    size = {}
    for c in membership:
        size[c] = size.get(c, 0) + 1
    for e in g.es:
        a, b = e.tuple
        if membership[a] == membership[b]:
            inside[membership[a]] = inside.get(membership[a], 0.0) + e["weight"]
    return sum(inside.get(c, 0.0) - gamma * s * (s - 1) / 2 for c, s in size.items())


def main():
    random.seed(1)  # python-igraph draws from Python's random module: fixed runs
    n, edges = read(sys.argv[1])
    gamma = float(sys.argv[2])
    g = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges])
    g.es["weight"] = [w for _, _, w in edges]
    ml = g.community_multilevel(weights="weight")
    print("multilevel", repr(g.modularity(ml.membership, weights="weight")))
    ld = g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
    print("leiden", repr(g.modularity(ld.membership, weights="weight")))
    h = nx.Graph()
    h.add_nodes_from(range(n))
    h.add_weighted_edges_from(edges)
    comms = nx.community.louvain_communities(h, weight="weight", seed=1)
    print("nx_louvain", repr(nx.community.modularity(h, comms, weight="weight")))
    lc = g.community_leiden(objective_function="CPM", weights="weight", resolution_parameter=gamma,
                            n_iterations=-1)
    print("leiden_cpm", repr(cpm(g, lc.membership, gamma)))
    for path in sys.argv[3:]:
        with open(path) as f:
            mem = [int(x) for x in f.read().split()]
        connected = all(g.subgraph(c).is_connected() for c in ig.VertexClustering(g, mem))
        print("check", repr(g.modularity(mem, weights="weight")), repr(cpm(g, mem, gamma)), int(connected))


if __name__ == "__main__":
    main()
