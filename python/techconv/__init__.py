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
           "quality", "evolution", "INDICATORS", "NETWORK_FILES",
           "__version__"]

#: The nine [KCT] indicators, in the order of Records.indicators' columns.
INDICATORS = tuple(_core.indicator_names())


def _optional(module, debian_package):
    """Imports an optional dependency, or says which package provides it."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(f"techconv: this needs {module} (Debian: {debian_package})") from e


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
        pandas = _optional("pandas", "python3-pandas")
        return pandas.DataFrame({c: self._data[c] for c in self.columns}, columns=self.columns)


class Records:
    """Records read by techconv.read(): patents, one per simple family unless
    merge=False, in input order, duplicates (same publication number) dropped
    as the command drops them.

    len(records), .ids (list of str), .years (int64 numpy array: the
    library's patent_year, i.e. the filing year, else the earliest priority
    year, else the publication year; 0 when the source gives none), .codes (the IPC
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


class PaperRecords:
    """Papers read by techconv.read() from Web of Science (tagged or tab-delimited),
    Scopus, OpenAlex, Lens scholarly or PubMed exports, in input order, each
    file's repeated ids dropped.

    len(records), .ids (list of str: WoS UT, Scopus EID, ...), .years (int64
    numpy array: publication year, 0 when absent), .countries (ISO alpha-2
    codes of the author addresses of each paper, sorted, each once),
    .institutions, .titles, .report (what was read per file). Papers have no
    patent indicators: techconv.keycore and techconv.network take Records
    (patents); techconv.closeness takes either.
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


def read(path, format="auto", encoding=None, merge=True):
    """Reads the records of one path or a list of paths: Records for patents,
    PaperRecords for papers (decided by the format, detected per file unless
    given; one call reads one kind).

    format: "auto" (detected per file) or a name of the command's --format:
    patents "lens", "uspto-xml", "csv" (techconv canonical CSV), "derwent";
    papers "wos", "wos-tab", "scopus", "openalex", "lens-scholarly",
    "pubmed". encoding: None (decided per file) or a name the command's
    --encoding takes. merge (patents): False keeps every publication instead
    of merging simple families (the command's --no-merge). Raises
    techconv.ParseError for malformed input.
    """
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
    source lacks), .top20 (Table as top20.csv: rank, id, score, group, year
    (0 where the file's cell is empty), title, one sub-score per level-2
    group), .groups (Table as groups.csv), .industries (Table as
    industries.csv; None without a concordance, as the command writes no
    file then), .report (dict: report.json), .columns (weighted indicators),
    .absent, .k, .threshold, .fraction, .dropped (records left out for a
    missing value), .status, .rows (input record of each scored row),
    .records (the Records).
    """

    def __init__(self, d, records, industries):
        import json
        self.scores = Table(["id", "score", "rank", "key_core"], d["scores"])
        self.weights = Table(["indicator", "group", "weight", "entropy"], d["weights"])
        self.top20 = _table_of(d["top20"])
        self.groups = _table_of(d["groups"])
        self.industries = _table_of(d["industries"]) if industries else None
        self.report = json.loads(d["report_json"])
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
    records = _patents(records, format, encoding, no_merge, "keycore")
    d = _core.keycore(records._h, float(top), group_by, country_from, missing, int(threads),
                      None if concordance is None else str(concordance))
    return KeyCore(d, records, concordance is not None)


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
    """Result of techconv.closeness(): .pairs (Table as pairs.csv: year,
    country_i, country_j, n_ij, n_i, n_j, one column per measure, share_i,
    share_j; year "all" unless by="year"), .countries (Table as countries.csv:
    year, country, records, international, partners, link_strength),
    .periods (Table as periods.csv with periods=, else None), .institutions
    (Table as institutions.csv with institutions=True, else None), .records,
    .international (records with more than one country), .kind ("papers" or
    "patents (simple families)"), .duplicates, .notes (one line per input
    file, as report.md lists them), .pair (the pair the command's report
    follows: asked, or the largest N_ij).

    .to_networkx(measure, year) and .to_scipy(measure, year) give the country
    graph of one period weighted by a measure column (default: the first
    measure of the table).
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


def closeness(paths, format="auto", by="all", counting="full", denominator="international", first_year=None,
              last_year=None, parties="inventors", merge_china=False, measure="salton", pair=None, encoding=None,
              periods=None, institutions=False):
    """Salton closeness and importance of country collaboration ([COOP]), as
    `techconv closeness` computes them (pairs.csv, countries.csv).

    paths: PaperRecords, or one path or a list — papers (wos, wos-tab, scopus, openalex,
    lens-scholarly, pubmed: countries of the author addresses) or USPTO XML
    patents (countries of `parties` of each simple family). Options have the
    command's names and defaults: by ("all" or "year"), counting ("full",
    "fractional", "link_fractional"), denominator ("international", "all"),
    first_year / last_year, parties ("inventors", "applicants", "both"),
    merge_china (Taiwan, Hong Kong and Macau as CN), measure ("salton",
    "association", "jaccard", "inclusion", "equivalence" or "all"), pair
    ("US,CN"), periods (two (first, last) year ranges, the command's
    --periods A-B,C-D: .periods as periods.csv), institutions (papers:
    .institutions as institutions.csv). Raises techconv.ParseError for
    malformed input.
    """
    read_papers = None
    if isinstance(paths, PaperRecords):
        if merge_china:
            raise ValueError("merge_china applies while reading: pass the paths, not PaperRecords")
        read_papers, paths = paths._h, []
    elif isinstance(paths, Records):
        paths = paths.paths  # patents: their countries come from the files (simple families merged)
    spans = [(int(a), int(b)) for a, b in (periods or [])]
    d = _core.closeness(_paths(paths), format, by, counting, denominator, first_year, last_year, parties,
                        bool(merge_china), measure, pair, encoding, read_papers, spans, bool(institutions))
    return Closeness(d)


#: The export files of `techconv network` that Network.export() gives.
NETWORK_FILES = ("network.graphml", "network.gexf", "network.net", "network.clu", "vosviewer_map.txt",
                 "vosviewer_network.txt", "vosviewer.json", "summary.json")


class Network:
    """Result of techconv.network(): .nodes (Table as nodes.csv: code, title,
    occurrences, degree, strength, betweenness, closeness, eigenvector,
    pagerank, cluster, clustering), .edges (Table as edges.csv: source,
    target, weight), .cluster_table (clusters.csv), .cluster_links
    (cluster_links.csv), .sections (sections.csv), .groups (groups.csv with
    group_by="country", else None), .rta (rta.csv with group_by="country":
    group, class, count, rta, advantage (1/0), density; else None), .summary (dict: summary.json),
    .record_count (records in the network), .convergence_index,
    .modularity, .clusters (the number of clusters), .rejected_codes,
    .records (the Records); .to_networkx() and .to_scipy() give the weighted
    graph; .export(name) / .write(folder) the command's export files.
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


def network(records, format="auto", level="subclass", codes="ipc", main_only=False, key_core_only=False, top=0.05,
            group_by="none", country_from="auto", counting="full", weights="similarity", algorithm="louvain",
            resolution=1.0, seed=42, titles=None, no_merge=False, threads=1, encoding=None):
    """The co-classification network ([KCT] section 2.2), as `techconv network`
    computes it (nodes.csv, edges.csv).

    records: Records or a path / list of paths (read with format, encoding,
    no_merge). Options have the command's names and defaults: level
    ("section", "class", "subclass", "main-group", "subgroup"), codes ("ipc"
    or "cpc"), main_only, key_core_only with top, group_by, country_from,
    counting ("full", "fractional", "link_fractional"), weights
    ("similarity", "distance", "ignore"), algorithm ("louvain", "leiden"),
    resolution, seed, titles (a CPC/IPC title list file or folder), threads
    (same result for any).
    """
    records = _patents(records, format, encoding, no_merge, "network")
    d = _core.network(records._h, level, codes, bool(main_only), bool(key_core_only), float(top), group_by,
                      country_from, counting, weights, algorithm, float(resolution), int(seed), titles, int(threads))
    return Network(d, records)


class Forecast:
    """Result of techconv.forecast(): .predictions (Table as predictions.csv:
    source, target, the ten scores, realised (1/0), first_year (0 where the
    file's cell is empty); a score that was not computed is NaN), .evaluation
    (dict: evaluation.json — train_edges, candidates, realised, counts,
    settings, and per score {auc, precision_at_L, average_precision, status},
    None where the file has null), .train_nodes (Table: code, occurrences)
    and .train_edges (Table: source, target, weight) of the train graph;
    .to_networkx() / .to_scipy() give the train graph; .records (the Records).
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


def forecast(records, train_until, format="auto", level="subclass", codes="ipc", top=100, counting="full",
             katz_beta=0.0, weight_exponent=1.0, max_candidates=20000000, keep_top=10000, sample=1000000,
             sample_seed=1, katz_max_nodes=4000, no_merge=False, threads=1, encoding=None):
    """Link prediction of convergence, as `techconv forecast` computes it
    (predictions.csv, evaluation.json).

    records: Records or a path / list of paths (read with format, encoding,
    no_merge). train_until (required): last year of the train graph. Options
    have the command's names and defaults: level ("section", "class",
    "subclass", "main-group"), codes ("ipc" or "cpc"), top (L of precision
    at L, 100), counting, katz_beta (0: 0.5 / lambda_max), weight_exponent
    (1), max_candidates (20000000), threads (same result for any). Above
    max_candidates the evaluation is bounded (evaluation.json's "evaluation"
    object says so): keep_top (10000, at least top) best-ranked candidates of
    each score plus sample (1000000) others drawn with sample_seed (1);
    katz_max_nodes (4000): Katz only up to that many train nodes, else its
    status is not_computed and its column NaN.
    """
    records = _patents(records, format, encoding, no_merge, "forecast")
    d = _core.forecast(records._h, int(train_until), level, codes, int(top), counting, float(katz_beta),
                       float(weight_exponent), int(max_candidates), int(keep_top), int(sample), int(sample_seed),
                       int(katz_max_nodes), int(threads))
    return Forecast(d, records)


class Quality:
    """Result of techconv.quality(): .table (Table as quality.csv: id, year,
    publication_year (0 where the file's cell is empty), field, the nine
    indicators, the same with _normalised (NaN where undefined), the same with
    _status (str: ok or why the value is undefined / partial), citing,
    citing_with_classes, cited, cited_with_classes), .graph (dict: the counts
    of report.md's citation graph table — records, external_documents,
    citations, citations_between_records, table_rows_unused, self_citations,
    duplicate_ids, records_without_year, records_without_field — and
    list_citations, table_rows), .citation_rows / .class_rows (rows read from
    the citation / class table, 0 without one), .records (the Records).
    """

    def __init__(self, d, records):
        self.table = _table_of(d["table"])
        self.graph = dict(d["graph"])
        self.citation_rows = d["citation_rows"]
        self.class_rows = d["class_rows"]
        self.records = records


def quality(records, citations=None, classes=None, fields=None, hall=False, format="auto", no_merge=False,
            encoding=None):
    """The OECD patent quality indicators of each record (Squicciarini, Dernis &
    Criscuolo 2013), as `techconv quality` computes them (quality.csv).

    records: Records or a path / list of paths (read with format, encoding,
    no_merge). Options have the command's names: citations (CSV
    citing,cited[,citing_year]), classes (CSV id,ipc[,year]), fields (the
    technology-field table, e.g. ipc_technology.csv; cohorts are then year x
    field), hall (Hall's N/(N-1) correction of generality and originality).
    """
    records = _patents(records, format, encoding, no_merge, "quality")
    d = _core.quality(records._h, None if citations is None else str(citations),
                      None if classes is None else str(classes), None if fields is None else str(fields), bool(hall))
    return Quality(d, records)


class Evolution:
    """Result of techconv.evolution(): the tables of the command's files —
    .periods (periods.csv: period, records, nodes, edges, density,
    convergence_index, modularity (NaN for a period without codes, status
    empty_input), clusters, records_with_codes, first_year, last_year,
    status), .new_pairs (new_pairs.csv: source, target, first_year,
    records_in_first_year), .new_pairs_by_year (new_pairs_by_year.csv: year,
    records, pairs, new_pairs, share_new (NaN for a year without pairs),
    status), .strategic (strategic.csv: period, cluster, size, centrality,
    density, quadrant, top_nodes), .cluster_flows (cluster_flows.csv:
    period_a, cluster_a, period_b, cluster_b, shared, inclusion, weighted_inclusion, stability) —
    and .record_count, .records_without_year, .rejected_codes, .records (the
    Records).
    """

    def __init__(self, d, records):
        for name in ("periods", "new_pairs", "new_pairs_by_year", "strategic", "cluster_flows"):
            setattr(self, name, _table_of(d[name]))
        self.record_count = d["records"]
        self.records_without_year = d["records_without_year"]
        self.rejected_codes = d["rejected_codes"]
        self.records = records


def evolution(records, periods=None, window=None, step=None, format="auto", level="subclass", codes="ipc",
              counting="full", algorithm="louvain", resolution=1.0, seed=42, no_merge=False, threads=1,
              encoding=None):
    """How convergence develops over time, as `techconv evolution` computes it
    (periods.csv, new_pairs.csv, new_pairs_by_year.csv, strategic.csv,
    cluster_flows.csv).

    records: Records or a path / list of paths (read with format, encoding,
    no_merge). Either periods (the command's list, "2005-2010,2011-2016", or
    a list of (first, last) pairs / single years) or window (years) with step
    (default: window). Options have the command's names and defaults: level
    ("section", "class", "subclass", "main-group"), codes ("ipc" or "cpc"),
    counting, algorithm ("louvain", "leiden"), resolution, seed, threads
    (same result for any).
    """
    records = _patents(records, format, encoding, no_merge, "evolution")
    if periods is not None and not isinstance(periods, str):
        periods = ",".join(str(p) if isinstance(p, int) else f"{int(p[0])}-{int(p[1])}" for p in periods)
    d = _core.evolution(records._h, periods, None if window is None else int(window),
                        None if step is None else int(step), level, codes, counting, algorithm, float(resolution),
                        int(seed), int(threads))
    return Evolution(d, records)
