"""Reads techconv's graph exports back with real consumers.

Usage: export_reference.py PREFIX
  Reads PREFIX.graphml (NetworkX read_graphml and python-igraph Read_GraphML),
  PREFIX.gexf (NetworkX read_gexf, GEXF 1.3 namespace registered), PREFIX.net
  + PREFIX.clu (NetworkX read_pajek and python-igraph Read_Pajek; the .clu by
  hand), PREFIX.map + PREFIX.vosnet (VOSviewer's tab-separated formats, csv
  module), PREFIX.json (json module), PREFIX.nodes.csv + PREFIX.edges.csv
  (csv module), PREFIX.dot (NetworkX read_dot through pydot).

For every reader prints "== NAME", then one "N hexlabel node_weight cluster"
line per node and one "E hexlabel_u hexlabel_v weight" line per edge
(hexlabel = UTF-8 bytes in hex, u < v), sorted; "x" marks a field the
format does not carry.
"""
import csv
import json
import sys

import igraph as ig
import networkx as nx
import networkx.readwrite.gexf as gexf


def hexl(s):
    return str(s).encode("utf-8").hex()


def emit(name, nodes, edges):
    print("==", name)
    for label, w, c in sorted((hexl(l), w, c) for l, w, c in nodes):
        print("N", label, "x" if w is None else repr(float(w)), "x" if c is None else int(c))
    lines = []
    for u, v, w in edges:
        a, b = sorted((hexl(u), hexl(v)))
        lines.append((a, b, float(w)))
    for a, b, w in sorted(lines):
        print("E", a, b, repr(w))


def from_nx(name, g, label_key, weight_key, cluster_key):
    nodes = []
    for n, d in g.nodes(data=True):
        label = d[label_key] if label_key else n
        nodes.append((label, d.get(weight_key) if weight_key else None, d.get(cluster_key) if cluster_key else None))
    lab = {n: (d[label_key] if label_key else n) for n, d in g.nodes(data=True)}
    edges = [(lab[u], lab[v], d["weight"]) for u, v, d in g.edges(data=True)]
    emit(name, nodes, edges)


def unquote(s):
    s = str(s)
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        s = s[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return s


def main():
    p = sys.argv[1]
    from_nx("graphml_networkx", nx.read_graphml(p + ".graphml"), "label", "occurrences", "cluster")
    g = ig.Graph.Read_GraphML(p + ".graphml")
    emit("graphml_igraph", [(v["label"], v["occurrences"], v["cluster"]) for v in g.vs],
         [(g.vs[e.source]["label"], g.vs[e.target]["label"], e["weight"]) for e in g.es])

    gexf.GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    }
    from_nx("gexf_networkx", nx.read_gexf(p + ".gexf", version="1.3"), "label", "occurrences", "cluster")

    with open(p + ".clu") as f:
        clu = [int(x) - 1 for x in f.read().split()[2:]]
    pj = nx.read_pajek(p + ".net")
    order = list(pj.nodes())
    emit("pajek_networkx", [(n, None, clu[i]) for i, n in enumerate(order)],
         [(u, v, d["weight"]) for u, v, d in pj.edges(data=True)])
    g = ig.Graph.Read_Pajek(p + ".net")
    emit("pajek_igraph", [(v["id"], None, clu[v.index]) for v in g.vs],
         [(g.vs[e.source]["id"], g.vs[e.target]["id"], e["weight"]) for e in g.es])

    with open(p + ".map", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    ids = {r["id"]: r["label"] for r in rows}
    with open(p + ".vosnet", newline="", encoding="utf-8") as f:
        links = [r for r in csv.reader(f, delimiter="\t")]
    emit("vosviewer_map", [(r["label"], r["weight<occurrences>"], int(r["cluster"]) - 1) for r in rows],
         [(ids[a], ids[b], w) for a, b, w in links])

    with open(p + ".json", encoding="utf-8") as f:
        net = json.load(f)["network"]
    ids = {it["id"]: it["label"] for it in net["items"]}
    emit("vosviewer_json", [(it["label"], it["weights"]["occurrences"], it["cluster"] - 1) for it in net["items"]],
         [(ids[l["source_id"]], ids[l["target_id"]], l["strength"]) for l in net["links"]])

    with open(p + ".nodes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(p + ".edges.csv", newline="", encoding="utf-8") as f:
        erows = list(csv.DictReader(f))
    lab = {r["id"]: r["label"] for r in rows}
    emit("csv", [(r["label"], r["occurrences"], r["cluster"]) for r in rows],
         [(lab[r["source"]], lab[r["target"]], r["weight"]) for r in erows])

    d = nx.nx_pydot.read_dot(p + ".dot")
    nodes = []
    lab = {}
    for n, a in d.nodes(data=True):
        if "label" not in a:
            continue
        lab[n] = unquote(a["label"])
        nodes.append((lab[n], unquote(a["occurrences"]), unquote(a["cluster"])))
    emit("dot_networkx", nodes, [(lab[u], lab[v], unquote(a["weight"])) for u, v, a in d.edges(data=True)])


if __name__ == "__main__":
    main()
