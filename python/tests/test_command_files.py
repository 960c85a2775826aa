"""The tables of techconv.keycore, techconv.network, techconv.closeness and
techconv.forecast that mirror the command's other files (top20.csv,
groups.csv, industries.csv, report.json; clusters.csv, cluster_links.csv,
sections.csv, groups.csv, summary.json and the export files; periods.csv,
institutions.csv; predictions.csv, evaluation.json) against the files the
built command writes in the test on the shared datasets, and the forecast's
AUC and train graph against numpy and NetworkX on its own table."""
import json
import os

import networkx as nx
import numpy as np
import pytest

import techconv

from conftest import read_csv
from test_closeness import inputs_of
from test_keycore import datasets


def check_file_table(table, path):
    """Every column of `table` equals the file's: text as is; numbers parsed,
    an empty cell being NaN (an integer column has no empty cell: a column
    with one is float64, as pandas.read_csv types it)."""
    header, rows = read_csv(path)
    assert header == table.columns
    for k, name in enumerate(header):
        column = [r[k] for r in rows]
        got = table[name]
        if isinstance(got, list):
            assert column == got, name
        else:
            assert not (got.dtype.kind in "iub" and "" in column), f"{name}: an empty cell in an integer column"
            want = [float(v) if v != "" else float("nan") for v in column]
            np.testing.assert_array_equal(want, got, err_msg=name)


def test_keycore_tables_as_the_command(data_dir, run_command):
    inputs = datasets(data_dir)["lens-jet-engines"]
    fields = os.path.join(data_dir, "ref-ipc-wipo-technology-fields", "ipc_technology.csv")
    if not os.path.exists(fields):
        pytest.fail(f"{fields} is missing")
    folder = run_command("keycore", inputs, "files-keycore", "--group-by", "country", "--concordance", fields)
    kc = techconv.keycore(inputs, group_by="country", concordance=fields)
    for name, table in (("top20.csv", kc.top20), ("groups.csv", kc.groups), ("industries.csv", kc.industries)):
        check_file_table(table, os.path.join(folder, name))
    with open(os.path.join(folder, "report.json"), encoding="utf-8") as f:
        assert kc.report == json.load(f)
    assert techconv.keycore(inputs).industries is None  # no concordance: the command writes no industries.csv


def test_keycore_groups_without_ipc_codes_as_the_command(data_dir, run_command):
    """A Google Patents export lists no IPC codes: groups.csv leaves the subclass, CI and network
    columns empty (not computed), and the table has NaN there, not 0."""
    inputs = [os.path.join(data_dir, "patents-google-autonomous-patentr", "google_autonomous_search.csv")]
    folder = run_command("keycore", inputs, "files-keycore-google", "--group-by", "country")
    kc = techconv.keycore(inputs, group_by="country")
    check_file_table(kc.groups, os.path.join(folder, "groups.csv"))
    # groups with a key core: not computed (NaN); a group without key-core records keeps its zero
    # counts (nothing was profiled: group_profile::info is empty_input, as in groups.csv)
    profiled = kc.groups["key_core"] > 0
    assert profiled.any() and (~profiled).any()
    assert np.isnan(kc.groups["key_convergence_index"][profiled]).all()
    assert np.isnan(kc.groups["key_all_subclasses"][profiled]).all()
    assert (kc.groups["key_all_subclasses"][~profiled] == 0).all()
    with open(os.path.join(folder, "report.json"), encoding="utf-8") as f:
        assert kc.report == json.load(f)


def test_network_tables_and_exports_as_the_command(data_dir, run_command):
    inputs = datasets(data_dir)["lens-jet-engines"]
    folder = run_command("network", inputs, "files-network", "--group-by", "country", "--key-core-only")
    net = techconv.network(inputs, group_by="country", key_core_only=True)
    assert len(net.rta) == len(set(net.rta["group"])) * len(set(net.rta["class"])) > 0
    for name, table in (("clusters.csv", net.cluster_table), ("cluster_links.csv", net.cluster_links),
                        ("sections.csv", net.sections), ("groups.csv", net.groups), ("rta.csv", net.rta)):
        check_file_table(table, os.path.join(folder, name))
    for name in techconv.NETWORK_FILES:
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
            assert net.export(name) == f.read(), name
    assert net.summary["key_core_only"] is True and net.summary["nodes"] == len(net.nodes)
    with pytest.raises(ValueError, match="no export file"):
        net.export("nodes.csv")
    assert techconv.network(net.records, key_core_only=True).rta is None  # no group_by: no rta.csv


def test_closeness_periods_and_institutions_as_the_command(data_dir, run_command):
    inputs = inputs_of(data_dir, "wos-ble")
    folder = run_command("closeness", inputs, "files-closeness", "--periods", "2010-2017,2018-2025",
                         "--institutions", "--pair", "US,CN")
    cl = techconv.closeness(inputs, periods=[(2010, 2017), (2018, 2025)], institutions=True, pair="US,CN")
    check_file_table(cl.periods, os.path.join(folder, "periods.csv"))
    check_file_table(cl.institutions, os.path.join(folder, "institutions.csv"))
    # the command's text form, parsed by the same library function (analysis::collaboration_periods)
    text = techconv.closeness(inputs, periods="2010-2017,2018-2025", institutions=True, pair="US,CN")
    check_file_table(text.periods, os.path.join(folder, "periods.csv"))
    assert techconv.closeness(inputs).periods is None
    with pytest.raises(ValueError, match="^periods: .*'2018-2010' ends before it starts"):
        techconv.closeness(inputs, periods=[(2018, 2010), (2019, 2020)])
    with pytest.raises(ValueError, match="^periods: .*'2010-20x0' is not a year"):
        techconv.closeness(inputs, periods="2010-20x0,2018-2025")
    with pytest.raises(ValueError, match="^periods: .*holds 3 periods; two year ranges"):
        techconv.closeness(inputs, periods="2010-2012,2013-2015,2016-2018")
    with pytest.raises(ValueError, match="^periods: .*holds 1 period;"):
        techconv.closeness(inputs, periods="2010-2017")
    with pytest.raises(ValueError, match="institutions needs paper inputs"):
        techconv.closeness(inputs_of(data_dir, "uspto-xml"), institutions=True)


def mann_whitney_auc(scores, labels):
    """AUC with ties counting 1/2, from the average ranks (numpy only)."""
    scores = np.asarray(scores, dtype=float)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    s = scores[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = np.asarray(labels) == 1
    p, n = pos.sum(), (~pos).sum()
    return (ranks[pos].sum() - p * (p + 1) / 2) / (p * n)


def test_forecast_as_the_command(data_dir, run_command):
    inputs = datasets(data_dir)["lens-jet-engines"]
    folder = run_command("forecast", inputs, "files-forecast", "--train-until", "2015", "--top", "50")
    fc = techconv.forecast(inputs, train_until=2015, top=50, threads=2)
    check_file_table(fc.predictions, os.path.join(folder, "predictions.csv"))
    with open(os.path.join(folder, "evaluation.json"), encoding="utf-8") as f:
        assert fc.evaluation == json.load(f)
    # the evaluation's AUC of common neighbours from the predictions table itself
    p = fc.predictions
    assert fc.evaluation["common_neighbours"]["auc"] == pytest.approx(
        mann_whitney_auc(p["common_neighbours"], p["realised"]), rel=1e-12)
    # common neighbours of each candidate on the train graph, counted by NetworkX
    g = fc.to_networkx()
    assert g.number_of_edges() == fc.evaluation["train_edges"]
    cn = [len(list(nx.common_neighbors(g, a, b))) for a, b in zip(p["source"], p["target"])]
    np.testing.assert_array_equal(cn, p["common_neighbours"])
    m, labels = fc.to_scipy()
    np.testing.assert_array_equal(m.toarray(), nx.to_numpy_array(g, nodelist=labels, weight="weight"))
