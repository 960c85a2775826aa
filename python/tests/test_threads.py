"""threads= on every long call (issue 21): the result with threads=2 is the
result with threads=1, every table compared cell for cell (NaN where NaN),
every other field equal. The inputs are the shared datasets the other tests
use (the Lens jet-engine export, the USPTO grant XML samples, the WoS BLE
export), read once each."""
import os
import re

import numpy as np
import pytest

import techconv

from test_closeness import inputs_of
from test_keycore import datasets


# Columns whose names come from the data, not from the command's fixed header: the
# docstring describes them as a kind ("one sub-score column per level-2 indicator group").
DATA_NAMED = {
    ("KeyCore", "top20"): lambda cols: cols[cols.index("title") + 1:],
    ("Network", "sections"): lambda cols: cols[cols.index("nodes") + 1:],
    ("Closeness", "periods"): lambda cols: [c for c in cols if re.match(r"(salton|association_strength|jaccard|"
                                                                         r"inclusion|equivalence)_(1|2|change)$", c)],
}
# Column families the docstring names once: "the nine indicators ..., the same with _normalised".
SUFFIXES = ("_normalised", "_status")


def assert_documented(result, name, table):
    """The result class's docstring names the table attribute and every fixed column of it."""
    cls = type(result).__name__
    doc = type(result).__doc__
    assert re.search(r"^\s*" + name + r" : Table", doc, re.M), f"{cls}.{name} is not documented"
    skip = set(DATA_NAMED.get((cls, name), lambda cols: [])(table.columns))
    named = lambda word: re.search(r"\b" + re.escape(word) + r"\b", doc)
    for c in table.columns:
        if c in skip or named(c):
            continue
        family = [s for s in SUFFIXES if c.endswith(s) and s in doc and named(c[:-len(s)])]
        assert family, f"{cls} docstring lacks column {c!r} of .{name}"


def assert_same_result(a, b, what):
    """Every public attribute of two result objects equal; tables column by column (and
    every table's columns named in the result class's docstring, issue 21)."""
    names = sorted(n for n in vars(a) if not n.startswith("_"))
    assert names == sorted(n for n in vars(b) if not n.startswith("_")), what
    compared = 0
    for name in names:
        x, y = getattr(a, name), getattr(b, name)
        where = f"{what}.{name}"
        if isinstance(x, techconv.Table):
            assert x.columns == y.columns, where
            for c in x.columns:
                if isinstance(x[c], list):
                    assert x[c] == y[c], f"{where}[{c!r}]"
                else:
                    assert x[c].dtype == y[c].dtype, f"{where}[{c!r}]"
                    np.testing.assert_array_equal(x[c], y[c], err_msg=f"{where}[{c!r}]")
            if not isinstance(a, _Tables):
                assert_documented(a, name, x)
            compared += 1
        elif isinstance(x, np.ndarray):
            np.testing.assert_array_equal(x, y, err_msg=where)
        elif isinstance(x, (techconv.Records, techconv.PaperRecords)):
            assert x is y, where  # the same records object was passed to both calls
        elif isinstance(x, dict) and any(isinstance(v, techconv.Network) for v in x.values()):
            assert sorted(x) == sorted(y), where  # Network.period_networks: one result per period
            for key in x:
                assert_same_result(x[key], y[key], f"{where}[{key!r}]")
        else:
            assert x == y, where
    assert compared > 0, f"{what}: no table compared"


class _Tables:
    """The two tables of a Weights result (properties there), as attributes."""

    def __init__(self, w):
        self.table, self.weights_table = w.table, w.weights_table


@pytest.fixture(scope="module")
def lens(data_dir):
    return techconv.read(datasets(data_dir)["lens-jet-engines"])


def test_keycore_network_evolution_forecast(lens):
    for threads in (1, 2):
        assert techconv.keycore(lens, threads=threads).status == "ok"
    calls = {
        "keycore": lambda t: techconv.keycore(lens, group_by="country", threads=t),
        "network": lambda t: techconv.network(lens, group_by="country", threads=t),
        "evolution": lambda t: techconv.evolution(lens, periods="1990-1999,2000-2009,2010-2020", threads=t),
        "forecast": lambda t: techconv.forecast(lens, train_until=2015, top=20, max_candidates=500, keep_top=40,
                                                sample=300, threads=t),
    }
    for name, call in calls.items():
        assert_same_result(call(1), call(2), name)


def test_weights(lens):
    x = np.nan_to_num(lens.indicators)
    a, b = techconv.weights(x, threads=1), techconv.weights(x, threads=2)
    for name in ("weights", "entropy", "scores", "ranks", "key_core"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert_same_result(_Tables(a), _Tables(b), "weights")
    for c in a.table.columns + a.weights_table.columns:
        assert re.search(r"\b" + c + r"\b", techconv.Weights.__doc__), c


def test_quality(data_dir):
    inputs = datasets(data_dir)["uspto-xml"]
    fields = os.path.join(data_dir, "ref-ipc-wipo-technology-fields", "ipc_technology.csv")
    recs = techconv.read(inputs)
    one = techconv.quality(recs, fields=fields, hall=True, threads=1)
    assert len(one.table) > 32  # more than one chunk of 32 records (analysis::compute_quality)
    assert_same_result(one, techconv.quality(recs, fields=fields, hall=True, threads=2), "quality")
    assert_same_result(one, techconv.quality(recs, fields=fields, hall=True, threads=0), "quality")
    with pytest.raises(ValueError, match="threads"):
        techconv.quality(recs, threads=-1)


def test_closeness(data_dir):
    papers = techconv.read(inputs_of(data_dir, "wos-ble"))
    call = lambda t: techconv.closeness(papers, by="year", counting="fractional", periods="2010-2017,2018-2025",
                                        institutions=True, pair="US,CN", threads=t)
    assert_same_result(call(1), call(2), "closeness (papers)")
    patents = inputs_of(data_dir, "uspto-xml")
    call = lambda t: techconv.closeness(patents, measure="all", parties="both", threads=t)
    assert_same_result(call(1), call(2), "closeness (patents)")
    with pytest.raises(ValueError, match="threads"):
        techconv.closeness(papers, threads=257)
