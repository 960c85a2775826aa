"""techconv.read against Python's csv module on the Lens export (ids, years,
codes, indicator values read straight from the file's columns), and the
located errors of a malformed input."""
import csv
import os

import numpy as np
import pytest

import techconv


@pytest.fixture(scope="module")
def lens(data_dir):
    path = os.path.join(data_dir, "patents-lens-jet-engines", "lens-export.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return path, rows


def test_records_match_the_file(lens):
    path, rows = lens
    recs = techconv.read(path, merge=False)
    assert len(recs) == len(rows)
    assert recs.ids == [r["Publication Number"] for r in rows]
    # patent_year: the filing year, else the earliest priority, else the publication year
    expect = []
    for r in rows:
        y = r["Application Date"][:4] or r["Earliest Priority Date"][:4] or r["Publication Year"]
        expect.append(float(y) if y else np.nan)
    assert recs.years.dtype == np.float64
    np.testing.assert_array_equal(recs.years, expect)  # NaN equals NaN here
    assert recs.codes == [[c.strip() for c in r["IPCR Classifications"].split(";;") if c.strip()] for r in rows]
    ind = recs.indicators
    assert ind.shape == (len(rows), len(techconv.INDICATORS))
    col = {name: j for j, name in enumerate(techconv.INDICATORS)}
    np.testing.assert_array_equal(ind[:, col["forward_citations"]], [float(r["Cited by Patent Count"]) for r in rows])
    np.testing.assert_array_equal(ind[:, col["backward_citations"]], [float(r["Cites Patent Count"]) for r in rows])
    np.testing.assert_array_equal(ind[:, col["npl_citations"]], [float(r["NPL Citation Count"]) for r in rows])
    # a Lens export states no claim count: NaN, never a silent 0
    assert np.isnan(ind[:, col["claims"]]).all()
    rep = recs.report
    assert rep["files"] == [{"path": path, "format": "lens"}]
    assert rep["read"] == len(rows) and rep["merged"] == 0


def test_family_merge_is_the_default(lens):
    path, rows = lens
    merged = techconv.read(path)
    assert len(merged) == len(rows) - merged.report["merged"]
    assert merged.paths == [path]


def test_unknown_year_is_nan_not_zero(tmp_path):
    # the canonical CSV's year cell left empty on the second record: no year known
    f = tmp_path / "years.csv"
    f.write_text("id,year,ipc\nUS 1 A,2001,H04L9/00\nUS 2 A,,H04L9/00\n", encoding="utf-8")
    years = techconv.read(f, format="csv", merge=False).years
    assert years.dtype == np.float64
    assert years[0] == 2001.0 and np.isnan(years[1])


def test_parse_error_names_file_line_field_and_code(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,year,ipc\nUS 1 A,2001,H04L9/00\nUS 2 A,20x1,H04L9/00\n", encoding="utf-8")
    with pytest.raises(techconv.ParseError) as err:
        techconv.read(bad, format="csv")
    e = err.value
    assert e.file == str(bad)
    assert e.line == 3
    assert e.field == "year"
    assert e.code == "bad_year"
    assert str(bad) in str(e) and "[bad_year]" in str(e)


def test_unknown_names_are_value_errors(lens):
    path, _ = lens
    with pytest.raises(ValueError, match="format"):
        techconv.read(path, format="nope")
    with pytest.raises(ValueError, match="encoding"):
        techconv.read(path, encoding="nope")


def test_papers_match_the_file(data_dir):
    # WoS tab-delimited export, read here with the csv module: UT (id) and PY (year) columns
    path = os.path.join(data_dir, "wos-ble-scientopy", "wos_2026_04_02_1000.txt")
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    first = {}
    for r in rows:
        first.setdefault(r["UT"], r)  # each file's repeated ids are dropped, the first kept
    papers = techconv.read(path)
    assert isinstance(papers, techconv.PaperRecords)
    assert papers.report["files"][0]["format"] == "wos-tab"
    assert len(papers) == len(first)
    assert papers.ids == list(first)
    np.testing.assert_array_equal(papers.years, [float(r["PY"]) if r["PY"] else np.nan for r in first.values()])
    assert papers.titles == [r["TI"] for r in first.values()]
    countries = papers.countries
    assert all(c == sorted(set(c)) for c in countries)
    assert sum(1 for c in countries if len(c) > 1) > 0
    with pytest.raises(ValueError, match="needs patents"):
        techconv.keycore(papers)


def test_closeness_of_paper_records_equals_closeness_of_paths(data_dir):
    path = os.path.join(data_dir, "wos-ble-scientopy", "wos_2026_04_02_1000.txt")
    a = techconv.closeness(techconv.read(path), by="year")
    b = techconv.closeness(path, by="year")
    assert a.pairs.columns == b.pairs.columns
    for col in a.pairs.columns:
        if isinstance(a.pairs[col], list):
            assert a.pairs[col] == b.pairs[col]
        else:
            np.testing.assert_array_equal(a.pairs[col], b.pairs[col])
    np.testing.assert_array_equal(a.countries["international"], b.countries["international"])
