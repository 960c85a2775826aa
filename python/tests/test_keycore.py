"""techconv.keycore against the `techconv keycore` command's scores.csv and
weights.csv (same numbers, to the last bit the file keeps: the command writes
shortest round-trip doubles) on the shared patent datasets, and its weights
against the numpy entropy method on the indicator matrix of Records."""
import glob
import os

import numpy as np
import pytest

import techconv

from conftest import read_csv
from test_weights import numpy_entropy


def datasets(data_dir):
    return {
        "lens-jet-engines": [os.path.join(data_dir, "patents-lens-jet-engines", "lens-export.csv")],
        "lens-sangamo": [os.path.join(data_dir, "patents-lens-sangamo", "lens-export.csv")],
        "uspto-xml": sorted(glob.glob(os.path.join(data_dir, "patents-uspto-grant-xml", "*.xml"))),
        "derwent": sorted(glob.glob(os.path.join(data_dir, "derwent-dii-drones", "*.ciw"))),
    }


def float_or_nan(text):
    return float(text) if text != "" else float("nan")


def check_same_as_command(kc, folder):
    header, rows = read_csv(os.path.join(folder, "scores.csv"))
    assert header == kc.scores.columns
    assert [r[0] for r in rows] == kc.scores["id"]
    np.testing.assert_array_equal([float(r[1]) for r in rows], kc.scores["score"])
    np.testing.assert_array_equal([int(r[2]) for r in rows], kc.scores["rank"])
    np.testing.assert_array_equal([r[3] == "1" for r in rows], kc.scores["key_core"])
    header, rows = read_csv(os.path.join(folder, "weights.csv"))
    assert header == kc.weights.columns
    assert [r[0] for r in rows] == kc.weights["indicator"]
    assert [r[1] for r in rows] == kc.weights["group"]
    # an indicator the source lacks: empty cells in the file, NaN here
    np.testing.assert_array_equal([float_or_nan(r[2]) for r in rows], kc.weights["weight"])
    np.testing.assert_array_equal([float_or_nan(r[3]) for r in rows], kc.weights["entropy"])


@pytest.mark.parametrize("name", ["lens-jet-engines", "lens-sangamo", "uspto-xml", "derwent"])
def test_same_numbers_as_the_command(name, data_dir, run_command):
    inputs = datasets(data_dir)[name]
    if not inputs or not all(os.path.exists(p) for p in inputs):
        pytest.fail(f"dataset {name} is missing from {data_dir}")
    folder = run_command("keycore", inputs, f"keycore-{name}", "--group-by", "country")
    kc = techconv.keycore(inputs, group_by="country")
    check_same_as_command(kc, folder)
    assert kc.k == int(np.ceil(0.05 * len(kc.scores["id"])))


def test_options_pass_through(data_dir, run_command):
    inputs = datasets(data_dir)["lens-jet-engines"]
    folder = run_command("keycore", inputs, "keycore-options", "--top", "0.1", "--missing", "zero", "--no-merge")
    recs = techconv.read(inputs, merge=False)
    kc = techconv.keycore(recs, top=0.1, missing="zero", threads=2)
    check_same_as_command(kc, folder)
    assert kc.records is recs and kc.fraction == 0.1
    with pytest.raises(ValueError, match="group_by"):
        techconv.keycore(recs, group_by="continent")


def test_weights_match_numpy_on_the_records_indicators(data_dir):
    recs = techconv.read(datasets(data_dir)["uspto-xml"])
    kc = techconv.keycore(recs)
    cols = [techconv.INDICATORS.index(c) for c in kc.columns]
    x = recs.indicators[np.asarray(kc.rows)][:, cols]
    assert not np.isnan(x).any()  # drop-record: every scored row has every kept indicator
    w, e, s = numpy_entropy(x)
    present = ~np.isnan(kc.weights["weight"])
    assert [kc.weights["indicator"][j] for j in np.flatnonzero(present)] == \
        [c for c in techconv.INDICATORS if c in kc.columns]
    by_name = dict(zip(kc.columns, w))
    np.testing.assert_allclose([by_name[kc.weights["indicator"][j]] for j in np.flatnonzero(present)],
                               kc.weights["weight"][present], rtol=1e-12)
    np.testing.assert_allclose(kc.scores["score"], s, rtol=1e-12, atol=1e-15)


def test_threads_give_identical_results(data_dir):
    recs = techconv.read(datasets(data_dir)["lens-jet-engines"])
    ref = techconv.keycore(recs, group_by="country", threads=1)
    for t in (2, 0):
        kc = techconv.keycore(recs, group_by="country", threads=t)
        np.testing.assert_array_equal(kc.scores["score"], ref.scores["score"])
        np.testing.assert_array_equal(kc.scores["rank"], ref.scores["rank"])
        np.testing.assert_array_equal(kc.weights["weight"], ref.weights["weight"])


def test_tables_convert_to_pandas(data_dir):
    pandas = pytest.importorskip("pandas")
    kc = techconv.keycore(datasets(data_dir)["lens-jet-engines"])
    df = kc.scores.to_pandas()
    assert isinstance(df, pandas.DataFrame)
    assert list(df.columns) == ["id", "score", "rank", "key_core"]
    assert len(df) == len(kc.scores)
    np.testing.assert_array_equal(df["score"].to_numpy(), kc.scores["score"])
    with pytest.raises(KeyError, match="no column 'nope'"):
        kc.scores["nope"]
