"""table.to_pandas() is pandas.read_csv of the command's file (issue 21): the
same columns, dtypes and values, on files where an integer column has empty
cells (quality.csv's publication_year on the Lens jet-engine export, where one
record has no publication date; predictions.csv's first_year, empty for a pair not realised, on the Lens
jet-engine export). Such a column is float64 with NaN at the empty cells in
both, never 0. Text columns are compared as text (read_csv with dtype=str and
no NaN conversion for them, since an id or a status stays a string); number
columns use read_csv's own typing and its round-trip float parser (a float column whose
cells all happen to be whole numbers, which read_csv types int64, is compared by value)."""
import os

import numpy as np
import pytest

import techconv

from test_keycore import datasets

pandas = pytest.importorskip("pandas")


def read_like_table(path, table):
    """pandas.read_csv of the command's file: numbers typed by pandas (an empty cell NaN),
    the table's text columns kept as str."""
    text = [c for c in table.columns if isinstance(table[c], list)]
    numbers = [c for c in table.columns if c not in text]
    return pandas.read_csv(path, dtype={c: str for c in text}, keep_default_na=False,
                           na_values={c: [""] for c in numbers}, float_precision="round_trip")


def check_as_read_csv(table, path, integer_with_empties):
    frame = table.to_pandas()
    read = read_like_table(path, table)
    # A float column (a measure, a count that may be undefined) keeps float64 whatever its
    # values; pandas reads it as int64 when every cell of the file happens to be a whole
    # number. Such columns are compared by value.
    for c in frame.columns:
        if frame[c].dtype == np.float64 and read[c].dtype == np.int64:
            assert (frame[c].to_numpy() == read[c].to_numpy()).all(), c
            read[c] = read[c].astype(np.float64)
    pandas.testing.assert_frame_equal(frame, read, check_exact=True)
    for c in integer_with_empties:
        assert frame[c].dtype == np.float64, c
        assert frame[c].isna().any(), f"{c}: the test needs an empty cell"
        present = frame[c].dropna()
        assert (present == np.round(present)).all() and (present > 0).all(), c


def test_quality_years_as_read_csv(data_dir, run_command):
    inputs = datasets(data_dir)["lens-jet-engines"]  # one record without a publication date
    folder = run_command("quality", inputs, "pandas-quality")
    q = techconv.quality(inputs)
    check_as_read_csv(q.table, os.path.join(folder, "quality.csv"), ["publication_year"])
    # integer columns without an empty cell stay int64, as read_csv types them
    assert q.table["citing"].dtype == np.int64


def test_forecast_first_year_as_read_csv(data_dir, run_command):
    inputs = datasets(data_dir)["lens-jet-engines"]
    folder = run_command("forecast", inputs, "pandas-forecast", "--train-until", "2015", "--top", "20",
                         "--max-candidates", "500", "--keep-top", "40", "--sample", "300")
    fc = techconv.forecast(inputs, train_until=2015, top=20, max_candidates=500, keep_top=40, sample=300)
    check_as_read_csv(fc.predictions, os.path.join(folder, "predictions.csv"), ["first_year"])
    realised = fc.predictions["realised"] == 1
    assert np.isnan(fc.predictions["first_year"][~realised]).all()
    assert not np.isnan(fc.predictions["first_year"][realised]).any()
