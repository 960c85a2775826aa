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

__all__ = ["ParseError", "Records", "PaperRecords", "Table", "KeyCore", "Weights", "Network", "Closeness", "Forecast",
           "Quality", "Evolution", "read", "weights", "keycore", "network", "closeness", "forecast",
           "quality", "evolution", "INDICATORS", "KEYCORE_INDICATORS", "NETWORK_FILES",
           "__version__"]

#: The nine [KCT] indicators, in the order of Records.indicators' columns.
INDICATORS = tuple(_core.indicator_names())

#: Every name keycore(indicators=...) accepts, in the library's canonical order: the nine
#: [KCT] counts, the OECD quality indicators (oecd_NAME), then their cohort-normalised values.
KEYCORE_INDICATORS = tuple(_core.keycore_indicator_names())


# --- documentation ------------------------------------------------------------------------
# The parameters of the public functions are described once, here (_PARAMETERS: the ones
# several functions share; the others in each function's @_documented call). _documented
# writes the numpy-style docstring from that description and the function's own signature,
# so a default printed in the docstring is the default the function has. The type stubs
# (__init__.pyi) carry the same docstrings (python/sync_stubs.py writes them there);
# tests/test_stubs.py fails when a parameter has no description or the stubs differ.

_PARAMETERS = {
    "records": "Records (from techconv.read), or a path or list of paths of patent exports that are then "
               "read with `format`, `encoding` and `no_merge` as the command reads its INPUT arguments. "
               "PaperRecords are refused (ValueError).",
    "format": "Input format of paths: \"auto\" (detected per file) or a name of the command's --format "
              "(patents: \"lens\", \"uspto-xml\", \"csv\", \"derwent\", \"patentsview\", "
              "\"google-patents\", \"lens-json\", closeness also \"patstat\"; "
              "papers: \"wos\", \"wos-tab\", \"scopus\", \"openalex\", \"lens-scholarly\", \"pubmed\").",
    "encoding": "Text encoding of the inputs: None (decided per file, the command's default) or a name of "
                "--encoding: \"utf-8\", \"latin1\", \"cp1252\", \"macroman\", \"utf-16le\", \"utf-16be\", "
                "\"utf-8+cp1252\", \"unchecked\", \"auto\".",
    "no_merge": "True keeps every publication instead of merging simple families (the command's "
                "--no-merge); used when `records` are paths.",
    "threads": "Worker threads, as the commands' --threads: 1 by default, 0 for all hardware threads, at "
               "most 256. The result is the same for any number; the GIL is released while the C++ code "
               "runs.",
    "top": "Key-core fraction q (--top): the k = ceil(q n) best-scored records form the key core.",
    "group_by": "\"none\" or \"country\" (--group-by): per-country tables.",
    "country_from": "Which country a record belongs to with group_by=\"country\" (--country-from): \"auto\", "
                    "\"applicant\", \"inventor\", \"priority\" or \"jurisdiction\".",
    "level": "IPC/CPC level of the nodes (--level): \"section\", \"class\", \"subclass\", \"main-group\" "
             "(network also \"subgroup\").",
    "codes": "Which classification the records' codes come from (--codes): \"ipc\" or \"cpc\".",
    "counting": "How a record with k codes or countries counts (--counting): \"full\" (1 per pair), "
                "\"fractional\" (2/(k(k-1)) per pair) or \"link_fractional\" (1/(k-1)).",
    "algorithm": "Community detection (--algorithm): \"louvain\" or \"leiden\".",
    "resolution": "Modularity resolution of the community detection (--resolution), in [0, 1000].",
    "seed": "Seed of the community detection (--seed); the same seed gives the same clusters.",
}

_ERRORS = ("techconv.ParseError (a ValueError with file, line, column, record, field, code, message) "
           "for malformed input or a file that cannot be read (code \"io_error\"); ValueError for an "
           "option out of its range or a wrong kind of input.")


def _wrap(text, indent):
    import textwrap
    return textwrap.fill(" ".join(text.split()), 92, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False, break_long_words=False)


def _documented(summary, returns, raises=_ERRORS, **own):
    """Writes fn.__doc__ from `summary`, the description of every parameter (`own`, else
    _PARAMETERS) with its default read from the signature, `returns` and `raises`."""
    def wrap(fn):
        import inspect
        lines = [_wrap(summary, ""), "", "Parameters", "----------"]
        for name, p in inspect.signature(fn).parameters.items():
            default = "required" if p.default is inspect.Parameter.empty else f"default {p.default!r}"
            lines.append(f"{name} : {default}")
            lines.append(_wrap(own.get(name) or _PARAMETERS.get(name) or "UNDOCUMENTED", "    "))
        lines += ["", "Returns", "-------", _wrap(returns, ""), "", "Raises", "------", _wrap(raises, "")]
        fn.__doc__ = "\n".join(lines)
        return fn
    return wrap


def _optional(module, debian_package):
    """Imports an optional dependency, or says which package provides it."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(f"techconv: this needs {module} (Debian: {debian_package})") from e


class Table:
    """A table of named columns, as in one of the command's CSV files.

    Attributes
    ----------
    columns : list of str
        The column names, in the file's order.

    table["name"] gives a column: a numpy array for numbers and flags (float64; int64 for an
    integer column without empty cells; an integer column of the file with empty cells is
    float64 with NaN there, as pandas.read_csv types it, never 0), a list of str for text
    (ids, names, statuses). len(table) is the number of rows; table.to_pandas() builds a
    pandas.DataFrame equal to pandas.read_csv of the command's file with the text columns read
    as str (pandas types a float column int64 when all its cells are whole numbers; here it
    stays float64). pandas is optional and imported only then. A KeyError names the columns
    there are.
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
        pandas = _optional("pandas", "python3-pandas")
        return pandas.DataFrame({c: self._data[c] for c in self.columns}, columns=self.columns)


class Records:
    """Patent records read by techconv.read(): one per simple family unless merge=False, in
    input order, duplicates (same publication number) dropped as the command drops them.

    Attributes
    ----------
    paths : list of str
        The paths read.
    ids : list of str
        Publication number of each record.
    years : numpy.ndarray of float64
        analysis::patent_year of each record: the filing year, else the earliest priority year,
        else the publication year; NaN when the source gives none (as pandas types a year column
        with empty cells; never 0).
    codes : list of list of str
        The IPC codes of each record, main code first.
    indicators : numpy.ndarray of float64, n x 9
        The [KCT] indicators in techconv.INDICATORS order; NaN where the source states no value.
    report : dict
        What was read: files (path, format), read, merged, duplicates, rejected_codes, notes.
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


class PaperRecords:
    """Papers read by techconv.read() from Web of Science (tagged or tab-delimited), Scopus,
    OpenAlex, Lens scholarly or PubMed exports, in input order, each file's repeated ids dropped.
    Papers have no patent indicators: keycore, network, forecast, quality and evolution take
    Records; closeness takes either.

    Attributes
    ----------
    paths : list of str
        The paths read.
    ids : list of str
        WoS UT, Scopus EID, OpenAlex or Lens id, PMID of each paper.
    years : numpy.ndarray of float64
        Publication year; NaN when absent (never 0).
    countries : list of list of str
        ISO alpha-2 codes of the author addresses of each paper, sorted, each once.
    institutions : list of list of str
        Institutions of the author addresses.
    titles : list of str
        Title of each paper.
    report : dict
        What was read: files (path, format, note), records, duplicates, unresolved_addresses.
    """

    def __init__(self, handle, paths):
        self._h = handle
        self.paths = list(paths)

    def __len__(self):
        return len(self._h)

    ids = property(lambda self: self._h.ids())
    years = property(lambda self: self._h.years())
    countries = property(lambda self: self._h.countries())
    institutions = property(lambda self: self._h.institutions())
    titles = property(lambda self: self._h.titles())
    report = property(lambda self: self._h.report())

    def __repr__(self):
        return f"<techconv.PaperRecords {len(self)} papers from {self.paths}>"


@_documented(
    "Reads the records of one path or a list of paths, as the command reads its INPUT arguments: "
    "patents (one per simple family unless merge=False, duplicates dropped) or papers (each file's "
    "repeated ids dropped). The kind is decided by the format, detected per file unless given; one "
    "call reads one kind.",
    returns="Records for patents (lens, uspto-xml, csv, derwent, patentsview, google-patents, lens-json), "
            "PaperRecords for papers (wos, wos-tab, scopus, openalex, lens-scholarly, pubmed).",
    path="A path (str or os.PathLike) or a list of paths.",
    merge="Patents: True merges simple families (the command's default); False keeps every "
          "publication (the command's --no-merge).")
def read(path, format="auto", encoding=None, merge=True):
    paths = _paths(path)
    if _core.holds_papers(paths, format):
        return PaperRecords(_core.read_papers(paths, format, encoding), paths)
    return Records(_core.read_patents(paths, format, encoding, merge, True), paths)


def _patents(records, format, encoding, no_merge, who):
    """Records from Records or paths; PaperRecords are refused."""
    if isinstance(records, PaperRecords):
        raise ValueError(f"techconv.{who} needs patents; these are papers ({records.paths})")
    if not isinstance(records, Records):
        records = read(records, format=format, encoding=encoding, merge=not no_merge)
        if isinstance(records, PaperRecords):
            raise ValueError(f"techconv.{who} needs patents; these are papers ({records.paths})")
    return records


class Weights:
    """Result of techconv.weights().

    Attributes
    ----------
    weights : numpy.ndarray of float64
        Weight of each column.
    entropy : numpy.ndarray of float64 or None
        Entropy of each column (method "entropy" only).
    scores : numpy.ndarray of float64
        Score of each row.
    ranks : numpy.ndarray of int64
        1-based rank of each row, score descending, ties by row order.
    key_core : numpy.ndarray of bool
        rank <= k.
    k : int
        Size of the key core, ceil(top n).
    status : str
        The library's status name: "ok", or why the weighting is degenerate.
    degenerate_columns : list of int
        Columns without variation (no information).
    copied : bool
        Whether the input had to be converted (integer, float16, strided, ...).
    input : numpy.ndarray
        The array whose buffer the library read: the argument itself when copied is False.
    table : Table
        As scores.csv of `techconv weights`: id (1-based row number), score, rank, key_core.
    weights_table : Table
        As weights.csv: indicator (column index), weight, entropy (NaN without entropy).
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


@_documented(
    "Objective weights, scores, ranks and key core of a 2-D numeric array (rows = records, columns "
    "= indicators), as `techconv weights` computes them. float64 and float32 arrays in C or Fortran "
    "order are read in place (no copy); integer, boolean, float16, byte-swapped or strided arrays are "
    "converted to one float64 copy first.",
    returns="Weights: .weights, .entropy, .scores, .ranks, .key_core, .k, .status, .table (scores.csv), "
            ".weights_table (weights.csv).",
    raises="ValueError for an array that is not 2-D or not numeric, an unknown method or a cost column "
           "outside the array. A degenerate column is not an error: Weights.status and "
           ".degenerate_columns say so.",
    matrix="2-D array-like of numbers, one row per record.",
    method="Weighting method (--method): \"entropy\" ([KCT]), \"critic\", \"std\", \"cv\" or \"merec\".",
    cost="Column indices of cost indicators (smaller is better; --cost); negative indices count from "
         "the end. None: every column is a benefit.")
def weights(matrix, method="entropy", cost=None, top=0.05, threads=1):
    return Weights(_core.weights(matrix, method, list(cost or []), float(top), int(threads)))


class KeyCore:
    """Result of techconv.keycore().

    Attributes
    ----------
    scores : Table
        scores.csv: id, score, rank, key_core.
    weights : Table
        weights.csv: indicator, group, weight, entropy (NaN where the file's cells are empty:
        indicators the source lacks); the nine [KCT] counts, or with indicators= the chosen
        ones in their order (group "quality" for an OECD indicator).
    chosen_indicators : list of dict or None
        With indicators=: report.json's "chosen_indicators", one dict per chosen indicator
        (indicator, records_with_value, records_without_value, lower_bounds, missing_statuses);
        None without indicators=.
    top20 : Table
        top20.csv: rank, id, score, group, year (float64 with NaN when a year is unknown), title,
        then one sub-score column per level-2 indicator group.
    groups : Table
        groups.csv: group, records, key_core, key_share_of_group, share_of_key_core,
        key_main_subclasses, key_all_subclasses, key_convergence_index, key_company_share,
        top_applicant, top_applicant_share, key_subclass_gap, key_network_nodes,
        key_network_edges, key_network_density, key_network_clusters, key_sections (NaN where the
        file is empty: a group whose key core has no IPC code; the counts are then float64).
    industries : Table or None
        industries.csv: group, industry, records, share; None without a concordance.
    report : dict
        report.json as the command writes it.
    columns : list of str
        The weighted indicators, in matrix column order (with indicators=, those of the chosen
        ones that some record has).
    absent : list of str
        Indicators the source lacks (with indicators=, the chosen ones no record has).
    k : int
        Size of the key core.
    threshold : float
        Score of the k-th record.
    fraction : float
        The key-core fraction used.
    dropped : int
        Records left out for a missing value.
    status : str
        Status of the weighting ("ok" or why it is degenerate).
    rows : numpy.ndarray of uint64
        Input record of each scored row.
    records : Records
        The records analysed.
    """

    def __init__(self, d, records, industries):
        import json
        self.scores = Table(["id", "score", "rank", "key_core"], d["scores"])
        self.weights = Table(["indicator", "group", "weight", "entropy"], d["weights"])
        self.top20 = _table_of(d["top20"])
        self.groups = _table_of(d["groups"])
        self.industries = _table_of(d["industries"]) if industries else None
        self.report = json.loads(d["report_json"])
        self.chosen_indicators = self.report.get("chosen_indicators")
        for key in ("columns", "absent", "k", "threshold", "fraction", "dropped", "status", "rows"):
            setattr(self, key, d[key])
        self.records = records


@_documented(
    "The [KCT] key-core analysis, as `techconv keycore` runs it: entropy weights of the nine "
    "indicators (or of the chosen ones, OECD quality indicators among them), a score per record and "
    "the key core (the top fraction).",
    returns="KeyCore with the tables of scores.csv, weights.csv, top20.csv, groups.csv and "
            "industries.csv, report.json as a dict and the status of the weighting.",
    missing="A record without a value of an indicator (--missing): \"drop-record\" (left out), "
            "\"drop-indicator\" (the indicator is left out) or \"zero\".",
    concordance="Path of an IPC-to-industry concordance CSV (--concordance): industries.csv; None: no "
                "industries table.",
    indicators="The indicators to weight, in this order (--indicators): the command's text "
               "\"claims,oecd_generality\" or a list of names, parsed by the library's "
               "analysis::keycore_indicators_from_list (an unknown, empty or repeated name raises ValueError "
               "starting \"indicators: \" and listing the accepted names). Names: the nine [KCT] counts of "
               "techconv.INDICATORS and the OECD quality indicators of techconv.quality as oecd_NAME and "
               "oecd_NAME_normalised (techconv.KEYCORE_INDICATORS). None: the nine [KCT] counts.",
    citations="Path of a citation table for the quality indicators, CSV citing,cited[,citing_year] "
              "(--citations); None: only the citations the records list.",
    classes="Path of a class table for the quality indicators, CSV id,ipc[,year] (--classes), for "
            "documents outside the records.",
    fields="Path of the technology-field table of the quality cohorts, e.g. ipc_technology.csv "
           "(--fields); None: cohorts are years.",
    hall="Hall's N/(N-1) correction of oecd_generality and oecd_originality (--hall).")
def keycore(records, format="auto", top=0.05, group_by="none", country_from="auto", missing="drop-record",
            no_merge=False, threads=1, concordance=None, encoding=None, indicators=None, citations=None,
            classes=None, fields=None, hall=False):
    records = _patents(records, format, encoding, no_merge, "keycore")
    d = _core.keycore(records._h, float(top), group_by, country_from, missing, int(threads), _path_or_none(concordance),
                      _name_list(indicators), _path_or_none(citations), _path_or_none(classes),
                      _path_or_none(fields), bool(hall))
    return KeyCore(d, records, concordance is not None)


def _path_or_none(path):
    return None if path is None else str(path.__fspath__() if hasattr(path, "__fspath__") else path)


def _name_list(names):
    """The command's comma-separated text of `names`: the text itself, or a list of names
    joined with commas, so the library's one parser reads both forms."""
    if names is None or isinstance(names, str):
        return names
    return ",".join(str(n) for n in names)


def _networkx_graph(nodes, edges, **graph_attrs):
    """networkx.Graph with `nodes` ((label, attrs) pairs) and `edges` ((a, b, weight) triples)."""
    networkx = _optional("networkx", "python3-networkx")
    g = networkx.Graph(**graph_attrs)
    g.add_nodes_from(nodes)
    for a, b, w in edges:
        g.add_edge(a, b, weight=w)
    return g


def _scipy_matrix(labels, edges):
    """(symmetric scipy.sparse.csr_matrix of the edge weights, labels) in the order of `labels`."""
    import numpy
    scipy_sparse = _optional("scipy.sparse", "python3-scipy")
    at = {c: n for n, c in enumerate(labels)}
    rows = [at[a] for a, b, _ in edges] + [at[b] for a, b, _ in edges]
    cols = [at[b] for a, b, _ in edges] + [at[a] for a, b, _ in edges]
    vals = [w for _, _, w in edges] * 2
    m = scipy_sparse.csr_matrix((numpy.asarray(vals, dtype=float), (rows, cols)), shape=(len(labels),) * 2)
    return m, list(labels)


def _table_of(d):
    columns = d.pop("__columns__")
    return Table(columns, d)


class Closeness:
    """Result of techconv.closeness().

    Attributes
    ----------
    pairs : Table
        pairs.csv: year ("all" unless by="year"), country_i, country_j, n_ij, n_i, n_j, one column
        per measure (salton, association_strength, jaccard, inclusion, equivalence), share_i,
        share_j.
    countries : Table
        countries.csv: year, country, records, international, partners, link_strength.
    periods : Table or None
        periods.csv with periods: country_i, country_j, period_1, period_2, n_ij_1, n_ij_2,
        n_ij_change, n_i_1, n_i_2, n_j_1, n_j_2, <measure>_1, <measure>_2, <measure>_change,
        share_i_1, share_i_2, share_i_change, share_j_1, share_j_2, share_j_change.
    institutions : Table or None
        institutions.csv with institutions=True: period, home, partner, institution,
        international, with_partner, share.
    records : int
        Records with a country.
    international : float
        Records with more than one country.
    kind : str
        "papers" or "patents (simple families)".
    duplicates : int
        Duplicate records counted once.
    notes : list of str
        One line per input file, as report.md lists them.
    pair : tuple of str
        The pair the command's report follows: asked, or the largest N_ij.

    to_networkx(measure, year) and to_scipy(measure, year) give the country graph of one period
    weighted by a measure column (default: the first measure of the table).
    """

    def __init__(self, d):
        self.pairs = _table_of(d.pop("pairs"))
        self.countries = _table_of(d.pop("countries"))
        self.periods = _table_of(d.pop("periods")) if "periods" in d else None
        self.institutions = _table_of(d.pop("institutions")) if "institutions" in d else None
        self.__dict__.update(d)

    def _edges(self, measure, year):
        measures = [c for c in self.pairs.columns[6:-2]]
        measure = measure or measures[0]
        if measure not in measures:
            raise ValueError(f"measure {measure!r} is not in this result; it has {measures}")
        years = self.pairs["year"]
        want = "all" if year is None else str(year)
        keep = [k for k, y in enumerate(years) if y == want]
        if not keep and len(years):
            raise ValueError(f"no pair in year {want!r}; the years are {sorted(set(years))}")
        i, j, w = self.pairs["country_i"], self.pairs["country_j"], self.pairs[measure]
        return [(i[k], j[k], float(w[k])) for k in keep], measure

    def _period_countries(self, year):
        want = "all" if year is None else str(year)
        c = self.countries
        return [(c["country"][k], {"records": float(c["records"][k]), "international": float(c["international"][k])})
                for k, y in enumerate(c["year"]) if y == want]

    def to_networkx(self, measure=None, year=None):
        """An undirected networkx.Graph of the countries of the period (year None:
        the whole period; with by="year", a year): node attributes records and
        international from .countries, one edge per pair with weight = the measure."""
        edges, measure = self._edges(measure, year)
        return _networkx_graph(self._period_countries(year), edges, measure=measure)

    def to_scipy(self, measure=None, year=None):
        """(matrix, labels): a symmetric scipy.sparse.csr_matrix of the measure
        between the countries `labels` (sorted) of the period."""
        edges, _ = self._edges(measure, year)
        labels = sorted({c for c, _ in self._period_countries(year)} | {a for a, _, _ in edges}
                        | {b for _, b, _ in edges})
        return _scipy_matrix(labels, edges)


def _period_list(periods):
    """The command's period list text ("2000-2009,2010-2019") of `periods`: the text itself,
    or a list of (first, last) pairs / single years joined in that syntax, so the library's
    one parser (analysis::parse_periods) reads both forms."""
    if periods is None or isinstance(periods, str):
        return periods
    import operator
    return ",".join(f"{int(p[0])}-{int(p[1])}" if isinstance(p, (tuple, list)) else str(operator.index(p))
                    for p in periods)


@_documented(
    "Salton closeness and importance of country collaboration ([COOP] formula (1)), as `techconv "
    "closeness` computes them (pairs.csv, countries.csv; periods.csv with periods, institutions.csv "
    "with institutions).",
    returns="Closeness with the tables .pairs, .countries, .periods, .institutions and the counts of "
            "the run.",
    paths="PaperRecords (from techconv.read), Records (their files are read again for the parties' "
          "countries), or a path or list of paths: papers (countries of the author addresses) or USPTO "
          "XML / PATSTAT patents (countries of `parties` of each simple family).",
    by="\"all\" (one period, year \"all\") or \"year\" (--by year: one row per year and pair).",
    denominator="N_i of the measures (--denominator): \"international\" ([COOP]: records of i with "
                "another country) or \"all\" (every record of i).",
    first_year="Records before this year are left out (--first-year); None: no bound.",
    last_year="Records after this year are left out (--last-year); None: no bound.",
    parties="Patents (--parties): countries of the \"inventors\", \"applicants\" or \"both\".",
    merge_china="Count Taiwan, Hong Kong and Macau as CN (--merge-china; bibliometrix convention); "
                "needs paths, not PaperRecords.",
    measure="Measure columns of pairs.csv (--measure): \"salton\", \"association_strength\" (also "
            "\"association\"), \"jaccard\", \"inclusion\", \"equivalence\" or \"all\"; one measure also "
            "drives periods.csv.",
    pair="\"I,J\" (e.g. \"US,CN\"; --pair): the pair whose series and institution shares are "
         "computed; None: the pair with the largest N_ij.",
    periods="Two year ranges to compare (--periods): the command's text \"A-B,C-D\" (e.g. "
            "\"2007-2014,2015-2022\"; a single year \"2019\" is a range of one), or a list of two "
            "(first, last) pairs or years. Parsed by the library's analysis::collaboration_periods; a "
            "bad list raises ValueError starting \"periods: \". None: no periods.csv.",
    institutions="Papers (--institutions): institution shares of both sides of the pair, "
                 "institutions.csv.")
def closeness(paths, format="auto", by="all", counting="full", denominator="international", first_year=None,
              last_year=None, parties="inventors", merge_china=False, measure="salton", pair=None, encoding=None,
              periods=None, institutions=False, threads=1):
    read_papers = None
    if isinstance(paths, PaperRecords):
        if merge_china:
            raise ValueError("merge_china applies while reading: pass the paths, not PaperRecords")
        read_papers, paths = paths._h, []
    elif isinstance(paths, Records):
        paths = paths.paths  # patents: their countries come from the files (simple families merged)
    d = _core.closeness(_paths(paths), format, by, counting, denominator, first_year, last_year, parties,
                        bool(merge_china), measure, pair, encoding, read_papers, _period_list(periods),
                        bool(institutions), int(threads))
    return Closeness(d)


#: The export files of `techconv network` that Network.export() gives.
NETWORK_FILES = ("network.graphml", "network.gexf", "network.net", "network.clu", "vosviewer_map.txt",
                 "vosviewer_network.txt", "vosviewer.json", "summary.json")


class Network:
    """Result of techconv.network().

    Attributes
    ----------
    nodes : Table
        nodes.csv: code, title, occurrences, degree, strength, betweenness, closeness,
        eigenvector, pagerank, cluster, clustering.
    edges : Table
        edges.csv: source, target, weight.
    cluster_table : Table
        clusters.csv: cluster, nodes, internal_weight, external_weight, top_nodes.
    cluster_links : Table
        cluster_links.csv: cluster_a, cluster_b, edges, weight.
    sections : Table
        sections.csv: section, nodes, then one column per IPC section covered.
    groups : Table or None
        groups.csv with group_by="country": group, records, nodes, edges, density, components,
        convergence_index (NaN for a group without codes), sections, top_nodes.
    rta : Table or None
        rta.csv with group_by="country": group, class, count, rta, advantage (1/0), density.
    summary : dict
        summary.json as the command writes it.
    record_count : int
        Records in the network.
    convergence_index : float
        The network's convergence index.
    modularity : float
        Modularity of the clusters.
    clusters : int
        Number of clusters.
    rejected_codes : int
        Codes that could not be read.
    records : Records
        The records analysed.
    periods : Table or None
        periods.csv with periods= or window=: period, records, nodes, edges, density,
        convergence_index, modularity (NaN for a period without a network, status
        empty_input), clusters, records_with_codes, first_year, last_year, status; None
        without them.
    period_networks : dict or None
        With periods= or window=: {period name (as in .periods): Network} for each period with
        a network (status ok), the command's periods/PERIOD/ folders: its .nodes, .edges,
        .cluster_table are nodes.csv, edges.csv, clusters.csv there, .summary its summary.json,
        and .to_networkx() its graph. A period network has no periods of its own (None).

    to_networkx() and to_scipy() give the weighted graph; export(name) / write(folder) the
    command's export files (techconv.NETWORK_FILES).
    """

    def __init__(self, d, records):
        import json
        self.nodes = _table_of(d.pop("nodes"))
        self.edges = _table_of(d.pop("edges"))
        self.cluster_table = _table_of(d.pop("clusters_table"))
        self.cluster_links = _table_of(d.pop("cluster_links"))
        self.sections = _table_of(d.pop("sections"))
        groups = _table_of(d.pop("groups"))
        self.groups = groups if len(groups) else None
        rta = _table_of(d.pop("rta"))
        self.rta = rta if self.groups is not None else None
        self.summary = json.loads(d.pop("summary_json"))
        self._handle = d.pop("handle")
        periods = d.pop("periods", None)
        self.periods = _table_of(periods) if periods is not None else None
        nets = d.pop("period_networks", None)
        self.period_networks = None if nets is None else {name: Network(p, records) for name, p in nets}
        self.record_count = d.pop("records")
        self.__dict__.update(d)
        self.records = records

    def export(self, name):
        """The text of one export file the command writes, by its name (one of
        techconv.NETWORK_FILES): network.graphml, network.gexf, network.net,
        network.clu (Pajek), vosviewer_map.txt, vosviewer_network.txt,
        vosviewer.json, summary.json. The same writers as the command's."""
        return self._handle.file(str(name))

    def write(self, folder):
        """Writes every file of NETWORK_FILES into `folder` (created) and the
        tables nodes.csv ... groups.csv are left to .to_pandas(); returns the paths."""
        import os
        os.makedirs(folder, exist_ok=True)
        paths = []
        for name in NETWORK_FILES:
            path = os.path.join(folder, name)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(self.export(name))
            paths.append(path)
        return paths

    def _edge_list(self):
        e = self.edges
        return [(a, b, float(w)) for a, b, w in zip(e["source"], e["target"], e["weight"])]

    def to_networkx(self):
        """An undirected networkx.Graph: nodes = codes (attributes occurrences,
        cluster, title), edges weighted by co-occurrence."""
        n = self.nodes
        nodes = [(c, {"occurrences": float(o), "cluster": int(k), "title": t})
                 for c, o, k, t in zip(n["code"], n["occurrences"], n["cluster"], n["title"])]
        return _networkx_graph(nodes, self._edge_list())

    def to_scipy(self):
        """(matrix, labels): the symmetric scipy.sparse.csr_matrix of edge
        weights, rows and columns in .nodes order (labels = .nodes["code"])."""
        return _scipy_matrix(self.nodes["code"], self._edge_list())


@_documented(
    "The co-classification network ([KCT] section 2.2), as `techconv network` computes it: nodes "
    "are classification codes, edges their co-occurrence on records, with centralities, clusters "
    "and the convergence index; with periods or window also the network of each period.",
    returns="Network with the tables of nodes.csv, edges.csv, clusters.csv, cluster_links.csv, "
            "sections.csv, groups.csv and rta.csv, summary.json as a dict and the command's export files; "
            "with periods or window also .periods (periods.csv) and .period_networks (periods/PERIOD/).",
    main_only="Only each record's main code (--main-only).",
    key_core_only="Only the records of the key core (--key-core-only), the key core of `top`.",
    weights="Meaning of the edge weights for the measures (--weights): \"similarity\", \"distance\" or "
            "\"ignore\".",
    titles="Path of a CPC/IPC title list file or folder (--titles): the title column; None: empty titles.",
    periods="Also one network per period (--periods): the command's text \"2005-2010,2011-2016\" (ranges "
            "or single years) or a list of (first, last) pairs / years, parsed by the library's "
            "analysis::parse_periods (a bad list raises ValueError starting \"periods: \"). A record "
            "counts in every period holding its year. Give periods or window, not both; None: no "
            "period networks.",
    window="Also one network per window of this many years (--window), from the first year of the "
           "records; None: no windows.",
    step="Years between window starts (--step; needs window); None: the window (windows side by side).")
def network(records, format="auto", level="subclass", codes="ipc", main_only=False, key_core_only=False, top=0.05,
            group_by="none", country_from="auto", counting="full", weights="similarity", algorithm="louvain",
            resolution=1.0, seed=42, titles=None, no_merge=False, threads=1, encoding=None, periods=None,
            window=None, step=None):
    records = _patents(records, format, encoding, no_merge, "network")
    d = _core.network(records._h, level, codes, bool(main_only), bool(key_core_only), float(top), group_by,
                      country_from, counting, weights, algorithm, float(resolution), int(seed), titles, int(threads),
                      _period_list(periods), None if window is None else int(window),
                      None if step is None else int(step))
    return Network(d, records)


class Forecast:
    """Result of techconv.forecast().

    Attributes
    ----------
    predictions : Table
        predictions.csv: source, target, the ten scores (common_neighbours, jaccard, salton,
        adamic_adar, resource_allocation, preferential_attachment, katz,
        weighted_common_neighbours, weighted_adamic_adar, weighted_resource_allocation; NaN for
        a score not computed), realised (1/0), first_year (float64 with NaN where the pair is not realised).
    evaluation : dict
        evaluation.json: train_edges, candidates, realised, counts, settings, and per score
        auc, precision_at_L, average_precision, status (None where the file has null).
    train_nodes : Table
        The train graph's nodes: code, occurrences.
    train_edges : Table
        The train graph's edges: source, target, weight.
    records : Records
        The records analysed.

    to_networkx() / to_scipy() give the train graph.
    """

    def __init__(self, d, records):
        import json
        self.predictions = _table_of(d["predictions"])
        self.evaluation = json.loads(d["evaluation_json"])
        self.train_nodes = _table_of(d["train_nodes"])
        self.train_edges = _table_of(d["train_edges"])
        self.records = records

    def _edge_list(self):
        e = self.train_edges
        return [(a, b, float(w)) for a, b, w in zip(e["source"], e["target"], e["weight"])]

    def to_networkx(self):
        """The train graph as an undirected networkx.Graph (node attribute
        occurrences, edge weight = co-occurrence)."""
        n = self.train_nodes
        nodes = [(c, {"occurrences": float(o)}) for c, o in zip(n["code"], n["occurrences"])]
        return _networkx_graph(nodes, self._edge_list())

    def to_scipy(self):
        """(matrix, labels): the train graph's symmetric scipy.sparse.csr_matrix of
        edge weights in .train_nodes order."""
        return _scipy_matrix(self.train_nodes["code"], self._edge_list())


@_documented(
    "Link prediction of convergence, as `techconv forecast` computes it: the train graph of the "
    "records up to train_until, ten link scores of every candidate pair and their evaluation on the "
    "pairs that appear later (predictions.csv, evaluation.json).",
    returns="Forecast with .predictions (predictions.csv), .evaluation (evaluation.json as a dict) "
            "and the train graph (.train_nodes, .train_edges).",
    train_until="Last year of the train graph (--train-until).",
    top="L of precision at L (--top).",
    katz_beta="Katz attenuation beta (--katz-beta); 0: 0.5 / lambda_max of the train graph.",
    weight_exponent="Exponent alpha of the edge weights in the weighted scores (--weight-exponent).",
    max_candidates="Above this many candidate pairs the evaluation is bounded (--max-candidates); "
                   "evaluation.json's \"evaluation\" object then says so.",
    keep_top="Bounded evaluation: the best-ranked candidates of each score kept (--keep-top; at least top).",
    sample="Bounded evaluation: other candidates drawn at random (--sample).",
    sample_seed="Seed of that draw (--sample-seed).",
    katz_max_nodes="Katz is computed only up to this many train nodes (--katz-max-nodes); above, its "
                   "status is not_computed and its column NaN.")
def forecast(records, train_until, format="auto", level="subclass", codes="ipc", top=100, counting="full",
             katz_beta=0.0, weight_exponent=1.0, max_candidates=20000000, keep_top=10000, sample=1000000,
             sample_seed=1, katz_max_nodes=4000, no_merge=False, threads=1, encoding=None):
    records = _patents(records, format, encoding, no_merge, "forecast")
    d = _core.forecast(records._h, int(train_until), level, codes, int(top), counting, float(katz_beta),
                       float(weight_exponent), int(max_candidates), int(keep_top), int(sample), int(sample_seed),
                       int(katz_max_nodes), int(threads))
    return Forecast(d, records)


class Quality:
    """Result of techconv.quality().

    Attributes
    ----------
    table : Table
        quality.csv: id, year, publication_year (float64 with NaN where a year is unknown), field,
        with group_by="country" group, the nine indicators (patent_scope, family_size, claims,
        backward_citations, forward_citations_5y, generality, originality, radicalness, breakthrough; NaN where
        undefined), the same with _normalised, the same with _status (str: "ok" or why the value
        is undefined or partial), citing, citing_with_classes, cited, cited_with_classes,
        citing_with_year.
    by_group : Table or None
        quality_by_group.csv with group_by="country": group, indicator, records, with_value, min,
        q1, median, q3, p90, max, mean (NaN when no record of the group has a value, status
        empty_input; quantiles by linear interpolation, as pandas' quantile), status. None without
        group_by.
    graph : dict
        The counts of report.md's citation graph table: records, external_documents, citations,
        citations_between_records, table_rows_unused, self_citations, duplicate_ids,
        records_without_year, records_without_field; and list_citations, table_rows.
    citation_rows : int
        Rows read from the citation table (0 without one).
    class_rows : int
        Rows read from the class table (0 without one).
    records : Records
        The records analysed.
    """

    def __init__(self, d, records):
        self.table = _table_of(d["table"])
        self.by_group = None if d["by_group"] is None else _table_of(d["by_group"])
        self.graph = dict(d["graph"])
        self.citation_rows = d["citation_rows"]
        self.class_rows = d["class_rows"]
        self.records = records


@_documented(
    "The OECD patent quality indicators of each record (Squicciarini, Dernis & Criscuolo 2013), as "
    "`techconv quality` computes them (quality.csv): patent scope, family size, claims, backward "
    "and forward citations, generality, originality, radicalness and breakthrough, each with its "
    "cohort-normalised value and status.",
    returns="Quality with .table (quality.csv), .by_group (quality_by_group.csv with group_by=\"country\") "
            "and .graph (the citation graph counts of report.md).",
    citations="Path of a citation table, CSV citing,cited[,citing_year] (--citations); None: only the "
              "citations the records list.",
    classes="Path of a class table, CSV id,ipc[,year] (--classes), for documents outside the records.",
    fields="Path of the technology-field table, e.g. ipc_technology.csv (--fields); cohorts are then "
           "year x field. None: cohorts are years.",
    hall="Hall's N/(N-1) correction of generality and originality (--hall).",
    group_by="\"none\" or \"country\" (--group-by): the distribution of every indicator per country "
             "group (.by_group, quality_by_group.csv).")
def quality(records, citations=None, classes=None, fields=None, hall=False, format="auto", no_merge=False,
            encoding=None, threads=1, group_by="none", country_from="auto"):
    records = _patents(records, format, encoding, no_merge, "quality")
    d = _core.quality(records._h, None if citations is None else str(citations),
                      None if classes is None else str(classes), None if fields is None else str(fields), bool(hall),
                      int(threads), "none" if group_by is None else group_by, country_from)
    return Quality(d, records)


class Evolution:
    """Result of techconv.evolution().

    Attributes
    ----------
    periods : Table
        periods.csv: period, records, nodes, edges, density, convergence_index, modularity (NaN
        for a period without codes, status empty_input), clusters, records_with_codes,
        first_year, last_year, status.
    new_pairs : Table
        new_pairs.csv: source, target, first_year, records_in_first_year.
    new_pairs_by_year : Table
        new_pairs_by_year.csv: year, records, pairs, new_pairs, share_new (NaN for a year
        without pairs), status.
    strategic : Table
        strategic.csv: period, cluster, size, centrality, density, quadrant, top_nodes.
    cluster_flows : Table
        cluster_flows.csv: period_a, cluster_a, period_b, cluster_b, shared, inclusion,
        weighted_inclusion, stability.
    record_count : int
        Records read.
    records_without_year : int
        Records without a year (in no period).
    rejected_codes : int
        Codes that could not be read.
    lifecycle : dict
        lifecycle.json as the command writes it: the logistic and Gompertz fits of the
        cumulative records per year (status, saturation_K, midpoint_t0, rate_r, duration_10_90,
        r_squared, aic, ...), with group_by="country" also "groups".
    groups : list of dict or None
        With group_by="country": lifecycle.json's "groups", one dict per country group (group,
        total_records, records_with_year, status: empty_input when its years span fewer than
        min_group_years, then the fields of the whole set's life cycle), by records descending;
        None without group_by.
    records : Records
        The records analysed.
    """

    def __init__(self, d, records):
        import json
        self.lifecycle = json.loads(d["lifecycle_json"])
        self.groups = self.lifecycle.get("groups")
        for name in ("periods", "new_pairs", "new_pairs_by_year", "strategic", "cluster_flows"):
            setattr(self, name, _table_of(d[name]))
        self.record_count = d["records"]
        self.records_without_year = d["records_without_year"]
        self.rejected_codes = d["rejected_codes"]
        self.records = records


@_documented(
    "How convergence develops over time, as `techconv evolution` computes it: the network of each "
    "period, the first year of each pair of codes, the share of new pairs per year, the strategic "
    "diagram of the clusters and the cluster flows between periods.",
    returns="Evolution with the tables of periods.csv, new_pairs.csv, new_pairs_by_year.csv, "
            "strategic.csv and cluster_flows.csv, and lifecycle.json as a dict (.lifecycle; per group "
            ".groups).",
    group_by="\"none\" or \"country\" (--group-by): the life cycle is also fitted per country group "
             "(.groups, lifecycle.json's \"groups\"). None means \"none\".",
    min_group_years="Fewest years (first to last, gaps included) a group's records must span for its "
                    "fit (--min-group-years), in [3, 10000]; a shorter group gets status empty_input "
                    "and no fit.",
    periods="The periods (--periods): the command's text \"2005-2010,2011-2016\" (ranges or single "
            "years) or a list of (first, last) pairs / years, parsed by the library's "
            "analysis::parse_periods (a bad list raises ValueError starting \"periods: \"). Give either "
            "periods or window.",
    window="Sliding windows of this many years (--window), from the first year of the records.",
    step="Years between window starts (--step); None: the window.")
def evolution(records, periods=None, window=None, step=None, format="auto", level="subclass", codes="ipc",
              counting="full", algorithm="louvain", resolution=1.0, seed=42, no_merge=False, threads=1,
              encoding=None, group_by="none", country_from="auto", min_group_years=5):
    records = _patents(records, format, encoding, no_merge, "evolution")
    d = _core.evolution(records._h, _period_list(periods), None if window is None else int(window),
                        None if step is None else int(step), level, codes, counting, algorithm, float(resolution),
                        int(seed), int(threads), "none" if group_by is None else group_by, country_from,
                        int(min_group_years))
    return Evolution(d, records)
