"""The options the command gained after the first bindings (issue 21: the package mirrors the
command's options with the same names and defaults), each against the files the built command
writes with that option on a shared dataset, every column equal (an empty cell NaN):

- keycore(indicators=, citations=, classes=, fields=, hall=): scores.csv, weights.csv (the
  chosen indicators, in their order), top20.csv, groups.csv and report.json (its
  chosen_indicators) of `techconv keycore --indicators ... --citations ... --classes ...
  --fields ... --hall` on the USPTO grant XML samples, with a citation and a class table the
  test writes (each record cites the one before it, as tests/cli/check_keycore_indicators.py
  does, plus one document outside the corpus with its own class);
- network(periods=, window=, step=): periods.csv and each periods/PERIOD/ folder's nodes.csv,
  edges.csv, clusters.csv and summary.json of `techconv network --periods` on the Lens
  jet-engine export and of `--window --step` on the USPTO samples;
- evolution(group_by=, country_from=, min_group_years=): lifecycle.json (its "groups") of
  `techconv evolution --group-by country` on the same export.

And threads=2 gives the threads=1 result for each (test_threads.assert_same_result)."""
import csv
import json
import os

import numpy as np
import pytest

import techconv

from test_command_files import check_file_table
from test_keycore import check_same_as_command, datasets
from test_threads import assert_same_result

PERIODS = "1901-1910,1990-1999,2000-2009,2010-2020"  # 1901-1910: no record, no network
CHOSEN = "claims,oecd_patent_scope,oecd_originality,oecd_forward_citations_5y_normalised"


@pytest.fixture(scope="module")
def uspto(data_dir):
    return techconv.read(datasets(data_dir)["uspto-xml"])


@pytest.fixture(scope="module")
def lens(data_dir):
    return techconv.read(datasets(data_dir)["lens-jet-engines"])


@pytest.fixture(scope="module")
def quality_tables(uspto, out_dir):
    """(citations.csv, classes.csv) written for the USPTO records: record k cites record k-1 in
    the year of record k; an outside document EXT1 (classes G06F, 2015) cites the first record."""
    folder = os.path.join(out_dir, "added-options-tables")
    os.makedirs(folder, exist_ok=True)
    ids, years = uspto.ids, uspto.years
    citations, classes = os.path.join(folder, "citations.csv"), os.path.join(folder, "classes.csv")
    with open(citations, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["citing", "cited", "citing_year"])
        for k in range(1, len(ids)):
            w.writerow([ids[k], ids[k - 1], int(years[k])])
        w.writerow(["US9999001B2", ids[0], 2015])
    with open(classes, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "ipc", "year"])
        w.writerow(["US9999001B2", "G06F 3/01", 2015])
    return citations, classes


def test_keycore_indicators_as_the_command(data_dir, uspto, quality_tables, run_command):
    citations, classes = quality_tables
    fields = os.path.join(data_dir, "ref-ipc-wipo-technology-fields", "ipc_technology.csv")
    folder = run_command("keycore", uspto.paths, "added-keycore-indicators", "--indicators", CHOSEN,
                         "--citations", citations, "--classes", classes, "--fields", fields, "--hall",
                         "--group-by", "country")
    kc = techconv.keycore(uspto, indicators=CHOSEN, citations=citations, classes=classes, fields=fields, hall=True,
                          group_by="country")
    check_same_as_command(kc, folder)
    assert kc.weights["indicator"] == CHOSEN.split(",")  # weights.csv lists the chosen ones, in order
    # level-2 groups: claims is fundamentality ([KCT] Table 1), every OECD indicator "quality"
    # (analysis::indicator_group)
    assert kc.weights["group"] == ["fundamentality", "quality", "quality", "quality"]
    for name, table in (("top20.csv", kc.top20), ("groups.csv", kc.groups)):
        check_file_table(table, os.path.join(folder, name))
    with open(os.path.join(folder, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    assert kc.report == report
    assert kc.chosen_indicators == report["chosen_indicators"]
    assert [c["indicator"] for c in kc.chosen_indicators] == CHOSEN.split(",")
    assert kc.columns == [i["indicator"] for i in report["indicators"]]
    # the citation table matters: without it no record has a normalised 5-year forward citation count
    # (every cohort's largest is 0: zero_cohort_maximum; 24 records have no year x field cohort);
    # with it the records cite each other and 200 of the 201 records with a cohort have a value
    without = techconv.keycore(uspto, indicators=CHOSEN, fields=fields, hall=True)
    assert without.chosen_indicators[3]["missing_statuses"] == {"no_cohort": 24, "zero_cohort_maximum": 201}
    assert kc.chosen_indicators[3]["records_with_value"] == 200
    # a list of names is the same selection (joined and parsed by the same library function)
    again = techconv.keycore(uspto, indicators=CHOSEN.split(","), citations=citations, classes=classes,
                             fields=fields, hall=True, group_by="country")
    np.testing.assert_array_equal(again.scores["score"], kc.scores["score"])
    # without indicators: the nine [KCT] counts, no chosen_indicators
    plain = techconv.keycore(uspto)
    assert plain.weights["indicator"] == list(techconv.INDICATORS) and plain.chosen_indicators is None
    assert set(CHOSEN.split(",")) <= set(techconv.KEYCORE_INDICATORS)
    with pytest.raises(ValueError, match="^indicators: .*unknown indicator 'oecd_nope'; accepted: backward_citations"):
        techconv.keycore(uspto, indicators="claims,oecd_nope")
    with pytest.raises(ValueError, match="^indicators: .*'claims' is given twice"):
        techconv.keycore(uspto, indicators=["claims", "claims"])
    with pytest.raises(techconv.ParseError) as e:
        techconv.keycore(uspto, indicators="oecd_generality", citations=os.path.join(data_dir, "no-such.csv"))
    assert e.value.file.endswith("no-such.csv")


def check_period_networks(net, folder):
    """.periods is periods.csv; .period_networks has one Network per periods/PERIOD/ folder with
    its nodes.csv, edges.csv, clusters.csv and summary.json."""
    check_file_table(net.periods, os.path.join(folder, "periods.csv"))
    ok = [p for p, s in zip(net.periods["period"], net.periods["status"]) if s == "ok"]
    folders = sorted(os.listdir(os.path.join(folder, "periods")))
    assert sorted(net.period_networks) == sorted(ok) == folders
    for name, p in net.period_networks.items():
        where = os.path.join(folder, "periods", name)
        check_file_table(p.nodes, os.path.join(where, "nodes.csv"))
        check_file_table(p.edges, os.path.join(where, "edges.csv"))
        check_file_table(p.cluster_table, os.path.join(where, "clusters.csv"))
        with open(os.path.join(where, "summary.json"), encoding="utf-8") as f:
            assert p.summary == json.load(f), name
        g = p.to_networkx()
        assert g.number_of_nodes() == len(p.nodes) and g.number_of_edges() == len(p.edges)
        assert p.periods is None and p.period_networks is None
    assert max(len(p.edges) for p in net.period_networks.values()) > 0


def test_network_periods_and_windows_as_the_command(lens, uspto, run_command):
    folder = run_command("network", lens.paths, "added-network-periods", "--periods", PERIODS)
    net = techconv.network(lens, periods=PERIODS)
    check_period_networks(net, folder)
    assert net.periods["status"][0] == "empty_input" and np.isnan(net.periods["density"][0])
    assert "1901-1910" not in net.period_networks
    # the whole set's files are those of a run without periods
    check_file_table(net.nodes, os.path.join(folder, "nodes.csv"))
    # (first, last) pairs give the same periods (the command's text, parsed by analysis::parse_periods)
    pairs = techconv.network(lens, periods=[(1901, 1910), (1990, 1999), (2000, 2009), (2010, 2020)])
    check_file_table(pairs.periods, os.path.join(folder, "periods.csv"))
    # overlapping windows (4 years every 2) on the USPTO samples (1998-2015: few windows, a cheap run)
    folder = run_command("network", uspto.paths, "added-network-windows", "--window", "4", "--step", "2")
    windows = techconv.network(uspto, window=4, step=2)
    check_period_networks(windows, folder)
    assert list(np.diff(windows.periods["first_year"])) == [2] * (len(windows.periods) - 1)
    plain = techconv.network(lens)
    assert plain.periods is None and plain.period_networks is None
    with pytest.raises(ValueError, match="either periods or window"):
        techconv.network(lens, periods=PERIODS, window=5)
    with pytest.raises(ValueError, match="step needs window"):
        techconv.network(lens, step=5)
    with pytest.raises(ValueError, match="^periods: .*'2010-20x0' is not a year"):
        techconv.network(lens, periods="2010-20x0")
    with pytest.raises(ValueError, match="window must lie in"):
        techconv.network(lens, window=0)


def test_evolution_groups_as_the_command(lens, run_command):
    folder = run_command("evolution", lens.paths, "added-evolution-groups", "--periods", PERIODS, "--group-by",
                         "country", "--min-group-years", "6")
    ev = techconv.evolution(lens, periods=PERIODS, group_by="country", min_group_years=6)
    with open(os.path.join(folder, "lifecycle.json"), encoding="utf-8") as f:
        lifecycle = json.load(f)
    assert ev.lifecycle == lifecycle and ev.groups == lifecycle["groups"]
    statuses = {g["status"] for g in ev.groups}
    assert "empty_input" in statuses and len(statuses) > 1  # short groups unfitted, others fitted
    check_file_table(ev.periods, os.path.join(folder, "periods.csv"))  # --group-by changes no table
    folder = run_command("evolution", lens.paths, "added-evolution-inventor", "--periods", PERIODS, "--group-by",
                         "country", "--country-from", "inventor")
    inv = techconv.evolution(lens, periods=PERIODS, group_by="country", country_from="inventor")
    with open(os.path.join(folder, "lifecycle.json"), encoding="utf-8") as f:
        assert inv.lifecycle == json.load(f)
    plain = techconv.evolution(lens, periods=PERIODS)
    assert plain.groups is None and "groups" not in plain.lifecycle
    assert plain.lifecycle["logistic"] == ev.lifecycle["logistic"]  # the whole set's fit is unchanged
    assert techconv.evolution(lens, periods=PERIODS, group_by=None).groups is None
    with pytest.raises(ValueError, match="min_group_years"):
        techconv.evolution(lens, periods=PERIODS, group_by="country", min_group_years=2)
    with pytest.raises(ValueError, match="group_by"):
        techconv.evolution(lens, periods=PERIODS, group_by="applicant")


def test_same_result_for_any_thread_count(uspto, lens, quality_tables):
    citations, classes = quality_tables
    calls = {
        "keycore indicators": lambda t: techconv.keycore(uspto, indicators=CHOSEN, citations=citations,
                                                         classes=classes, hall=True, threads=t),
        "network periods": lambda t: techconv.network(lens, periods=PERIODS, threads=t),
        "evolution groups": lambda t: techconv.evolution(lens, periods=PERIODS, group_by="country", threads=t),
    }
    for name, call in calls.items():
        assert_same_result(call(1), call(2), name)
