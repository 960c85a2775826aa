"""techconv.closeness against the `techconv closeness` command's pairs.csv and
countries.csv on the shared paper and patent datasets, and against Salton's
formula N_ij / sqrt(N_i N_j) ([COOP] formula (1)) and NetworkX / SciPy on the
result's own counts."""
import glob
import math
import os

import networkx as nx
import numpy as np
import pytest

import techconv

from conftest import read_csv


def inputs_of(data_dir, name):
    return {
        "wos-ble": [os.path.join(data_dir, "wos-ble-scientopy", "wos_2026_04_02_1000.txt")],
        "wos-medicine": [os.path.join(data_dir, "wos-medicine-metaknowledge", "ManyAuthors.isi")],
        "scopus": sorted(glob.glob(os.path.join(data_dir, "scopus-ble-iot-scientopy", "*.csv"))),
        "uspto-xml": sorted(glob.glob(os.path.join(data_dir, "patents-uspto-grant-xml", "*.xml"))),
    }[name]


def check_table(table, path):
    header, rows = read_csv(path)
    assert header == table.columns
    for k, name in enumerate(header):
        column = [r[k] for r in rows]
        if isinstance(table[name], list):
            assert column == table[name], name
        else:
            np.testing.assert_array_equal([float(v) for v in column], table[name], err_msg=name)


@pytest.mark.parametrize("name,options,kwargs", [
    ("wos-ble", ["--by", "year", "--pair", "US,CN"], {"by": "year", "pair": "US,CN"}),
    ("wos-medicine", ["--measure", "all"], {"measure": "all"}),
    ("scopus", ["--counting", "fractional", "--denominator", "all"], {"counting": "fractional", "denominator": "all"}),
    ("uspto-xml", ["--by", "year", "--parties", "both"], {"by": "year", "parties": "both"}),
])
def test_same_numbers_as_the_command(name, options, kwargs, data_dir, run_command):
    inputs = inputs_of(data_dir, name)
    if not inputs or not all(os.path.exists(p) for p in inputs):
        pytest.fail(f"dataset {name} is missing from {data_dir}")
    folder = run_command("closeness", inputs, f"closeness-{name}", *options)
    r = techconv.closeness(inputs, **kwargs)
    check_table(r.pairs, os.path.join(folder, "pairs.csv"))
    check_table(r.countries, os.path.join(folder, "countries.csv"))


def test_salton_formula_and_graphs(data_dir):
    r = techconv.closeness(inputs_of(data_dir, "wos-ble"), measure="all")
    p = r.pairs
    assert len(p) > 0 and r.kind == "papers"
    np.testing.assert_allclose(p["salton"], p["n_ij"] / np.sqrt(p["n_i"] * p["n_j"]), rtol=1e-14)
    np.testing.assert_allclose(p["share_i"], p["n_ij"] / p["n_i"], rtol=1e-14)
    np.testing.assert_allclose(p["jaccard"], p["n_ij"] / (p["n_i"] + p["n_j"] - p["n_ij"]), rtol=1e-14)
    g = r.to_networkx("salton")
    assert g.number_of_edges() == len(p)
    # link strength of countries.csv = the weighted degree over N_ij (NetworkX on the result's pairs)
    gn = nx.Graph()
    gn.add_weighted_edges_from(zip(p["country_i"], p["country_j"], p["n_ij"]))
    strength = dict(gn.degree(weight="weight"))
    c = r.countries
    for k, country in enumerate(c["country"]):
        assert c["link_strength"][k] == pytest.approx(strength.get(country, 0.0), rel=1e-12)
        assert c["partners"][k] == (gn.degree(country) if country in gn else 0)
    m, labels = r.to_scipy("salton")
    dense = nx.to_numpy_array(g, nodelist=labels, weight="weight")
    np.testing.assert_array_equal(m.toarray(), dense)
    assert (m != m.T).nnz == 0
    with pytest.raises(ValueError, match="measure"):
        r.to_networkx("nope")


def test_wrong_inputs_are_refused(data_dir):
    lens = os.path.join(data_dir, "patents-lens-jet-engines", "lens-export.csv")
    with pytest.raises(ValueError, match="has no author or inventor countries"):
        techconv.closeness(lens)
    with pytest.raises(ValueError, match="by expects"):
        techconv.closeness(inputs_of(data_dir, "wos-ble"), by="month")
