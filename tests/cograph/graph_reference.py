"""Network measures of an edge-list graph by python-igraph and NetworkX.

Usage: graph_reference.py EDGES TOOL
  EDGES  file: "n m", then one "u v w" line per undirected edge
  TOOL   igraph | networkx

Prints one line per measure: its name, then one value per node ("nan" where
the tool reports NaN). Lengths: "_u" ignores weights, "_d" uses the weight as
the length, "_s" uses 1/weight. The measures are computed by the tools
themselves; nothing here reimplements them.
"""
import sys

from edge_list import read


def emit(name, values):
    print(name, " ".join(repr(float(x)) for x in values))


def with_igraph(n, edges):
    import igraph as ig
    g = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges])
    g.es["weight"] = [w for _, _, w in edges]
    g.es["inv"] = [1.0 / w for _, _, w in edges]
    emit("strength", g.strength(weights="weight"))
    emit("degree", g.degree())
    emit("betweenness_u", g.betweenness())
    emit("betweenness_d", g.betweenness(weights="weight"))
    emit("betweenness_s", g.betweenness(weights="inv"))
    emit("closeness_u", g.closeness(normalized=True))
    emit("closeness_d", g.closeness(weights="weight", normalized=True))
    emit("closeness_s", g.closeness(weights="inv", normalized=True))
    emit("closeness_s_raw", g.closeness(weights="inv", normalized=False))
    emit("eigenvector", g.eigenvector_centrality(weights="weight", scale=True))
    emit("eigenvector_u", g.eigenvector_centrality(scale=True))
    emit("pagerank", g.pagerank(weights="weight", directed=False))
    emit("pagerank_u", g.pagerank(directed=False))
    emit("local", g.transitivity_local_undirected(mode="zero"))
    emit("barrat", g.transitivity_local_undirected(mode="zero", weights="weight"))
    emit("transitivity", [g.transitivity_undirected()])
    emit("components", sorted(g.connected_components().sizes(), reverse=True))


def with_networkx(n, edges):
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for u, v, w in edges:
        g.add_edge(u, v, weight=w, inv=1.0 / w)
    order = range(n)
    b = nx.betweenness_centrality(g, normalized=False, weight="weight")
    emit("betweenness_d", [b[v] for v in order])
    b = nx.betweenness_centrality(g, normalized=True)
    emit("betweenness_u_norm", [b[v] for v in order])
    c = nx.closeness_centrality(g, distance="inv")
    emit("closeness_s_wf", [c[v] for v in order])
    c = nx.closeness_centrality(g)
    emit("closeness_u_wf", [c[v] for v in order])
    c = nx.clustering(g, weight="weight")
    emit("onnela", [c[v] for v in order])
    emit("average_clustering", [nx.average_clustering(g)])
    emit("density", [nx.density(g)])


def main():
    n, edges = read(sys.argv[1])
    if sys.argv[2] == "igraph":
        with_igraph(n, edges)
    else:
        with_networkx(n, edges)


if __name__ == "__main__":
    main()
