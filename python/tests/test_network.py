"""techconv.network against the `techconv network` command's nodes.csv and
edges.csv on the shared patent datasets, and against counts made here from
Records.codes (occurrences and co-occurrence weights under full counting) and
NetworkX (degree, strength) on the result's graph."""
import itertools
import os
from collections import Counter

import networkx as nx
import numpy as np
import pytest

import techconv

from test_closeness import check_table
from test_keycore import datasets


@pytest.mark.parametrize("name,options,kwargs", [
    ("lens-jet-engines", ["--group-by", "country"], {"group_by": "country"}),
    ("uspto-xml", ["--key-core-only", "--level", "main-group", "--threads", "2"],
     {"key_core_only": True, "level": "main-group", "threads": 2}),
    ("derwent", ["--counting", "fractional", "--algorithm", "leiden"], {"counting": "fractional", "algorithm": "leiden"}),
])
def test_same_numbers_as_the_command(name, options, kwargs, data_dir, run_command):
    inputs = datasets(data_dir)[name]
    if not inputs or not all(os.path.exists(p) for p in inputs):
        pytest.fail(f"dataset {name} is missing from {data_dir}")
    titles = os.path.join(data_dir, "ref-cpc-title-list-202505")
    folder = run_command("network", inputs, f"network-{name}", "--titles", titles, *options)
    net = techconv.network(inputs, titles=titles, **kwargs)
    check_table(net.nodes, os.path.join(folder, "nodes.csv"))
    check_table(net.edges, os.path.join(folder, "edges.csv"))


def test_counts_and_graph_match_an_independent_count(data_dir):
    recs = techconv.read(datasets(data_dir)["lens-jet-engines"])
    net = techconv.network(recs)
    # subclass = the first four characters of a compact IPC symbol (e.g. F02C7/055 -> F02C)
    per_record = [sorted({c[:4] for c in codes}) for codes in recs.codes]
    occ = Counter(s for subs in per_record for s in subs)
    pairs = Counter(p for subs in per_record for p in itertools.combinations(subs, 2))
    n = net.nodes
    assert dict(zip(n["code"], n["occurrences"])) == occ
    got = {tuple(sorted((a, b))): w for a, b, w in zip(net.edges["source"], net.edges["target"], net.edges["weight"])}
    assert got == pairs
    g = net.to_networkx()
    assert g.number_of_nodes() == len(n) and g.number_of_edges() == len(net.edges)
    np.testing.assert_array_equal(n["degree"], [g.degree(c) for c in n["code"]])
    np.testing.assert_allclose(n["strength"], [g.degree(c, weight="weight") for c in n["code"]], rtol=1e-14)
    m, labels = net.to_scipy()
    assert labels == n["code"]
    np.testing.assert_array_equal(m.toarray(), nx.to_numpy_array(g, nodelist=labels, weight="weight"))
    # convergence index (records - distinct codes) / records over all records of the set, [KCT] section 2.2.3
    assert net.record_count == len(recs)
    assert net.convergence_index == pytest.approx((len(recs) - len(occ)) / len(recs), rel=1e-12)


def test_threads_and_bad_options(data_dir):
    recs = techconv.read(datasets(data_dir)["uspto-xml"])
    ref = techconv.network(recs, threads=1)
    for t in (2, 0):
        net = techconv.network(recs, threads=t)
        for col in ("betweenness", "closeness", "pagerank", "cluster"):
            np.testing.assert_array_equal(net.nodes[col], ref.nodes[col])
    with pytest.raises(ValueError, match="IPC level"):
        techconv.network(recs, level="family")
    with pytest.raises(ValueError, match="codes"):
        techconv.network(recs, codes="usc")
