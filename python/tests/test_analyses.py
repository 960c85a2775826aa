"""The tables of techconv.quality, techconv.evolution and the bounded
evaluation of techconv.forecast against the files the built command writes on
shared datasets (one command run each: quality on the USPTO grant XML
samples, whose records cite documents outside the corpus; evolution and
forecast on the Lens jet-engine export): every column equal,
an empty cell being NaN (an integer column with empty cells is float64). The network's
rta.csv is checked in test_command_files.py, on the run it already makes."""
import json
import os
import re

import numpy as np
import pytest

import techconv

from test_command_files import check_file_table
from test_keycore import datasets


def test_quality_table_as_the_command(data_dir, run_command):
    inputs = datasets(data_dir)["uspto-xml"]
    fields = os.path.join(data_dir, "ref-ipc-wipo-technology-fields", "ipc_technology.csv")
    if not os.path.exists(fields):
        pytest.fail(f"{fields} is missing")
    folder = run_command("quality", inputs, "files-quality", "--fields", fields, "--hall")
    q = techconv.quality(inputs, fields=fields, hall=True)
    check_file_table(q.table, os.path.join(folder, "quality.csv"))
    # the graph counts are the ones report.md's citation graph table prints
    with open(os.path.join(folder, "report.md"), encoding="utf-8") as f:
        report = f.read()
    rows = {"records": "records", "documents outside the corpus": "external_documents",
            "citations": "citations", "citations between records": "citations_between_records",
            "self-citations (dropped)": "self_citations",
            "records without a year (no cohort)": "records_without_year",
            "records without a technology field (no cohort)": "records_without_field"}
    for label, key in rows.items():
        m = re.search(r"^\| " + re.escape(label) + r" \| (\d+) \|$", report, re.M)
        assert m, label
        assert q.graph[key] == int(m.group(1)), key
    assert q.citation_rows == 0 and q.class_rows == 0
    assert q.graph["citations"] > 0 and q.graph["records_without_field"] > 0  # the test sees both
    # a status column is text; where it is ok the value is defined
    status = np.array(q.table["generality_status"])
    assert not np.isnan(q.table["generality"][status == "ok"]).any()
    with pytest.raises(techconv.ParseError) as e:
        techconv.quality(q.records, citations=os.path.join(data_dir, "no-such-citations.csv"))
    assert e.value.file.endswith("no-such-citations.csv")


def test_quality_by_group_as_the_command(data_dir, run_command):
    # group_by="country" as --group-by country: the group column of quality.csv and
    # quality_by_group.csv, cell for cell (NaN for the empty figures of an empty_input group)
    inputs = datasets(data_dir)["lens-jet-engines"]
    folder = run_command("quality", inputs, "files-quality-groups", "--group-by", "country",
                         "--country-from", "jurisdiction")
    q = techconv.quality(inputs, group_by="country", country_from="jurisdiction")
    check_file_table(q.table, os.path.join(folder, "quality.csv"))
    check_file_table(q.by_group, os.path.join(folder, "quality_by_group.csv"))
    assert (np.array(q.by_group["status"]) == "empty_input").any()  # the test sees empty groups too
    assert techconv.quality(q.records).by_group is None
    with pytest.raises(ValueError):
        techconv.quality(q.records, group_by="office")


def test_evolution_tables_as_the_command(data_dir, run_command):
    inputs = datasets(data_dir)["lens-jet-engines"]
    # 1901-1910: no record with a code (status empty_input, empty cells: NaN)
    folder = run_command("evolution", inputs, "files-evolution", "--periods", "1901-1910,1990-1999,2000-2009,2010-2020")
    ev = techconv.evolution(inputs, periods=[(1901, 1910), (1990, 1999), (2000, 2009), (2010, 2020)], threads=2)
    for name in ("periods", "new_pairs", "new_pairs_by_year", "strategic", "cluster_flows"):
        check_file_table(getattr(ev, name), os.path.join(folder, name + ".csv"))
    assert len(ev.cluster_flows) > 0 and len(ev.strategic) > 0
    assert ev.periods["status"][0] == "empty_input" and np.isnan(ev.periods["density"][0])
    # the command's period list as a string gives the same tables
    again = techconv.evolution(ev.records, periods="1901-1910,1990-1999,2000-2009,2010-2020")
    np.testing.assert_array_equal(again.periods["modularity"], ev.periods["modularity"])
    with pytest.raises(ValueError, match="either periods"):
        techconv.evolution(ev.records)
    with pytest.raises(ValueError, match="either periods"):
        techconv.evolution(ev.records, periods="1990-1999", window=5)
    # windows of 10 years every 5 years: first window starts at the first year of the data
    w = techconv.evolution(ev.records, window=10, step=5)
    assert all(b - a == 9 for a, b in zip(w.periods["first_year"], w.periods["last_year"]))
    assert list(np.diff(w.periods["first_year"])) == [5] * (len(w.periods) - 1)


def test_forecast_bounded_as_the_command(data_dir, run_command):
    inputs = datasets(data_dir)["lens-jet-engines"]
    opts = dict(max_candidates=500, keep_top=40, sample=300, sample_seed=7, katz_max_nodes=10)
    folder = run_command("forecast", inputs, "files-forecast-bounded", "--train-until", "2015", "--top", "20",
                         "--max-candidates", "500", "--keep-top", "40", "--sample", "300", "--sample-seed", "7",
                         "--katz-max-nodes", "10")
    fc = techconv.forecast(inputs, train_until=2015, top=20, **opts)
    check_file_table(fc.predictions, os.path.join(folder, "predictions.csv"))
    with open(os.path.join(folder, "evaluation.json"), encoding="utf-8") as f:
        assert fc.evaluation == json.load(f)
    ev = fc.evaluation["evaluation"]
    assert ev["mode"] == "bounded" and ev["max_candidates"] == 500 and ev["keep_top"] == 40
    assert ev["sample_size"] == 300 and ev["sample_seed"] == 7
    assert len(fc.predictions) == ev["evaluated_pairs"] < fc.evaluation["candidates"]
    assert np.isnan(fc.predictions["katz"]).all()  # more than 10 train nodes: Katz not computed
    # another seed samples other pairs
    other = techconv.forecast(fc.records, train_until=2015, top=20, **dict(opts, sample_seed=8))
    assert set(zip(other.predictions["source"], other.predictions["target"])) != \
        set(zip(fc.predictions["source"], fc.predictions["target"]))
    with pytest.raises(ValueError, match="keep_top"):
        techconv.forecast(fc.records, train_until=2015, top=50, **opts)  # bounded with keep_top < top
