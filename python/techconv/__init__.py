"""techconv for Python: the library's readers and analyses from a notebook.

The numbers are the ones the `techconv` command writes: the same C++ code
computes them (the compiled module techconv._core binds the library's
reading and analysis layer). Results are plain objects whose tables mirror
the command's CSV files (`Table`: `.columns`, `table["column"]`,
`.to_pandas()` when pandas is installed).

    import techconv
    recs = techconv.read("lens-export.csv")
    kc = techconv.keycore(recs)              # techconv keycore lens-export.csv
    kc.scores["score"], kc.weights.to_pandas()
    w = techconv.weights(numpy_matrix)       # techconv weights table.csv
"""
from . import _core

__version__ = _core.__version__

#: Raised for malformed input: carries file, line, column, record, field,
#: code (the library's stable error_code name) and message. A ValueError.
ParseError = _core.ParseError

__all__ = ["ParseError", "Records", "Table", "KeyCore", "Weights", "read", "weights", "keycore",
           "INDICATORS", "__version__"]

#: The nine [KCT] indicators, in the order of Records.indicators' columns.
INDICATORS = tuple(_core.indicator_names())


class Table:
    """A table of named columns, as in one of the command's CSV files.

    `table.columns` lists the column names in file order; `table["name"]`
    gives a numpy array (numbers, flags) or a list of str (ids, names);
    `len(table)` is the number of rows; `to_pandas()` builds a DataFrame
    (pandas is optional and imported only then).
    """

    def __init__(self, columns, data):
        self.columns = list(columns)
        self._data = {c: data[c] for c in self.columns}
        lengths = {len(v) for v in self._data.values()}
        if len(lengths) > 1:
            raise ValueError(f"techconv.Table: columns of different lengths {sorted(lengths)}")

    def __getitem__(self, column):
        try:
            return self._data[column]
        except KeyError:
            raise KeyError(f"no column {column!r}; the columns are {self.columns}") from None

    def __len__(self):
        return len(self._data[self.columns[0]]) if self.columns else 0

    def __repr__(self):
        return f"<techconv.Table {len(self)} rows x {self.columns}>"

    def to_pandas(self):
        """The table as a pandas.DataFrame (needs pandas; raises ImportError without it)."""
        import pandas  # optional dependency: only this method needs it
        return pandas.DataFrame({c: self._data[c] for c in self.columns}, columns=self.columns)


class Records:
    """Records read by techconv.read(): patents, one per simple family unless
    merge=False, in input order, duplicates (same publication number) dropped
    as the command drops them.

    len(records), .ids (list of str), .years (int64 numpy array: publication
    year by the library's patent_year rule, 0 when unknown), .codes (the IPC
    codes of each record, main first), .indicators (n x 9 float64 array of the
    [KCT] indicators in INDICATORS order; NaN where the source states no
    value for that record), .report (what was read per file).
    """

    def __init__(self, handle, paths):
        self._h = handle
        self.paths = list(paths)

    def __len__(self):
        return len(self._h)

    @property
    def ids(self):
        return self._h.ids()

    @property
    def years(self):
        return self._h.years()

    @property
    def codes(self):
        return self._h.codes()

    @property
    def indicators(self):
        return self._h.indicators()

    @property
    def report(self):
        return self._h.report()

    def __repr__(self):
        return f"<techconv.Records {len(self)} records from {self.paths}>"


def _paths(path):
    if isinstance(path, (str, bytes)) or hasattr(path, "__fspath__"):
        return [str(path.__fspath__() if hasattr(path, "__fspath__") else path)]
    return [str(p) for p in path]


def read(path, format="auto", encoding=None, merge=True):
    """Reads patent records from one path or a list of paths.

    format: "auto" (detected per file), "lens", "uspto-xml", "csv" (techconv
    canonical CSV) or "derwent" — the command's --format names. encoding:
    None (decided per file) or a name the command's --encoding takes. merge:
    False keeps every publication instead of merging simple families (the
    command's --no-merge). Raises techconv.ParseError for malformed input.
    """
    paths = _paths(path)
    return Records(_core.read_patents(paths, format, encoding, merge, True), paths)


class Weights:
    """Result of techconv.weights(): .weights (per column), .entropy (entropy
    method only, else None), .scores, .ranks (1-based, score descending, ties
    by row order), .key_core (bool per row: rank <= k), .k, .status (the
    library's status name), .degenerate_columns, .copied (whether the input
    had to be converted) and .input (the array whose buffer the library read:
    the argument itself when .copied is False). .table mirrors scores.csv of
    `techconv weights` (id = 1-based row number); .weights_table weights.csv.
    """

    def __init__(self, d):
        self.__dict__.update(d)

    @property
    def table(self):
        ids = [str(i + 1) for i in range(len(self.scores))]
        return Table(["id", "score", "rank", "key_core"],
                     {"id": ids, "score": self.scores, "rank": self.ranks, "key_core": self.key_core})

    @property
    def weights_table(self):
        import numpy
        n = len(self.weights)
        ent = self.entropy if self.entropy is not None else numpy.full(n, numpy.nan)
        return Table(["indicator", "weight", "entropy"],
                     {"indicator": [str(j) for j in range(n)], "weight": self.weights, "entropy": ent})


def weights(matrix, method="entropy", cost=None, top=0.05, threads=1):
    """Objective weights, scores, ranks and key core of a 2-D numeric array
    (rows = records, columns = indicators), as `techconv weights` computes them.

    method: "entropy" (default, [KCT]), "critic", "std", "cv" or "merec".
    cost: column indices (negative counts from the end) of cost indicators.
    top: key-core fraction q (k = ceil(q n)). threads: worker threads (0: all);
    the result is the same for any number.

    float64 or float32 arrays in C or Fortran order are read in place (no
    copy); integer, boolean, float16, byte-swapped or strided arrays are
    converted to one float64 copy first.
    """
    return Weights(_core.weights(matrix, method, list(cost or []), float(top), int(threads)))


class KeyCore:
    """Result of techconv.keycore(): .scores (Table: id, score, rank, key_core —
    scores.csv), .weights (Table: indicator, group, weight, entropy —
    weights.csv; NaN where that file has empty cells, i.e. indicators the
    source lacks), .columns (weighted indicators), .absent, .k, .threshold,
    .fraction, .dropped (records left out for a missing value), .status,
    .rows (input record of each scored row), .records (the Records).
    """

    def __init__(self, d, records):
        self.scores = Table(["id", "score", "rank", "key_core"], d["scores"])
        self.weights = Table(["indicator", "group", "weight", "entropy"], d["weights"])
        for key in ("columns", "absent", "k", "threshold", "fraction", "dropped", "status", "rows"):
            setattr(self, key, d[key])
        self.records = records


def keycore(records, format="auto", top=0.05, group_by="none", country_from="auto", missing="drop-record",
            no_merge=False, threads=1, concordance=None, encoding=None):
    """The [KCT] key-core analysis, as `techconv keycore` runs it.

    records: a Records object (from techconv.read) or a path / list of paths
    (then read with format, encoding and no_merge, as the command reads them).
    Options have the command's names and defaults: top (--top, 0.05),
    group_by ("none" or "country"), country_from ("auto", "applicant",
    "inventor", "priority", "jurisdiction"), missing ("drop-record",
    "drop-indicator", "zero"), threads (same result for any), concordance (an
    IPC-to-industry CSV path).
    """
    if not isinstance(records, Records):
        records = read(records, format=format, encoding=encoding, merge=not no_merge)
    d = _core.keycore(records._h, float(top), group_by, country_from, missing, int(threads), concordance)
    return KeyCore(d, records)
