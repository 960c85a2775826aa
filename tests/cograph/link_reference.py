"""Link-prediction scores of every unlinked pair of an edge-list graph, by NetworkX and numpy.

Usage: link_reference.py EDGES BETA
  EDGES  file: "n m", then one "u v w" line per undirected edge (edge_list.py)
  BETA   Katz attenuation (> 0)

Prints one line per unlinked pair u < v, ordered by (u, v):
  u v cn jaccard salton aa ra pa katz wcn waa wra
cn, jaccard, aa, ra and pa are NetworkX's common_neighbors, jaccard_coefficient,
adamic_adar_index, resource_allocation_index and preferential_attachment; salton is
cn / sqrt(k_u k_v) from NetworkX's degrees (0 when a degree is 0); katz is the (u, v)
entry of numpy.linalg.inv(I - BETA A) - I; the weighted scores (Lü & Zhou 2010, alpha = 1)
are summed here over NetworkX's common neighbours with the edge weights and strengths
NetworkX reports.
"""
import math
import sys

import networkx as nx
import numpy as np

from edge_list import read


def main():
    n, edges = read(sys.argv[1])
    beta = float(sys.argv[2])
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for u, v, w in edges:
        g.add_edge(u, v, weight=w)
    pairs = sorted((min(u, v), max(u, v)) for u, v in nx.non_edges(g))
    jac = {(u, v): s for u, v, s in nx.jaccard_coefficient(g, pairs)}
    aa = {(u, v): s for u, v, s in nx.adamic_adar_index(g, pairs)}
    ra = {(u, v): s for u, v, s in nx.resource_allocation_index(g, pairs)}
    pa = {(u, v): s for u, v, s in nx.preferential_attachment(g, pairs)}
    a = nx.to_numpy_array(g, nodelist=range(n), weight=None)
    katz = np.linalg.inv(np.eye(n) - beta * a) - np.eye(n)
    strength = dict(g.degree(weight="weight"))
    for u, v in pairs:
        common = list(nx.common_neighbors(g, u, v))
        cn = len(common)
        ku, kv = g.degree(u), g.degree(v)
        salton = cn / math.sqrt(ku * kv) if ku * kv > 0 else 0.0
        wcn = waa = wra = 0.0
        for z in common:
            s = g[u][z]["weight"] + g[z][v]["weight"]
            wcn += s
            waa += s / math.log(1 + strength[z])
            wra += s / strength[z]
        vals = [cn, jac[(u, v)], salton, aa[(u, v)], ra[(u, v)], pa[(u, v)], katz[u, v], wcn, waa, wra]
        print(u, v, " ".join(repr(float(x)) for x in vals))


main()
