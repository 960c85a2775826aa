# Type stubs of the techconv package. The types are kept by hand next to __init__.py; the
# docstrings are copied from the module by python/sync_stubs.py (written once, in
# __init__.py, from the C++ docs of the analysis layer and the command's help). Do not edit
# a docstring here. python/tests/test_stubs.py checks that the stubs and the module agree:
# the same public names (__all__); for every function and method the same parameters, in
# order, with the same defaults; the same docstrings; and that every docstring describes
# every parameter.
import os
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

__version__: str
INDICATORS: Tuple[str, ...]
KEYCORE_INDICATORS: Tuple[str, ...]
NETWORK_FILES: Tuple[str, ...]

PathLike = Union[str, "os.PathLike[str]"]

class ParseError(ValueError):
    """Malformed input, raised by every call that reads files (a ValueError).

    Attributes
    ----------
    file : str
        The file (or input name) holding the error.
    line : int
        1-based line, 0 when not known.
    column : int
        1-based column, 0 when not known.
    record : int
        1-based record, 0 when not known.
    field : str
        The field (column, tag or option) that is wrong, empty when not known.
    code : str
        The library's stable error_code name (e.g. "bad_number").
    message : str
        What is wrong, without the location.
    """
    file: str
    line: int
    column: int
    record: int
    field: str
    code: str
    message: str

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
    columns: List[str]
    def __init__(self, columns: Sequence[str], data: dict) -> None: ...
    def __getitem__(self, column: str) -> Union[np.ndarray, List[str]]: ...
    def __len__(self) -> int: ...
    def to_pandas(self): ...

class _Read:
    """What both kinds of records give."""
    paths: List[str]
    def __len__(self) -> int: ...
    @property
    def ids(self) -> List[str]: ...
    @property
    def years(self) -> npt.NDArray[np.float64]: ...
    @property
    def report(self) -> dict: ...

class Records(_Read):
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
    @property
    def codes(self) -> List[List[str]]: ...
    @property
    def indicators(self) -> npt.NDArray[np.float64]: ...

class PaperRecords(_Read):
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
    @property
    def countries(self) -> List[List[str]]: ...
    @property
    def institutions(self) -> List[List[str]]: ...
    @property
    def titles(self) -> List[str]: ...

def read(path: Union[PathLike, Iterable[PathLike]], format: str = "auto", encoding: Optional[str] = None,
         merge: bool = True) -> Union[Records, PaperRecords]:
    """Reads the records of one path or a list of paths, as the command reads its INPUT arguments:
    patents (one per simple family unless merge=False, duplicates dropped) or papers (each
    file's repeated ids dropped). The kind is decided by the format, detected per file unless
    given; one call reads one kind.

    Parameters
    ----------
    path : required
        A path (str or os.PathLike) or a list of paths.
    format : default 'auto'
        Input format of paths: "auto" (detected per file) or a name of the command's --format
        (patents: "lens", "uspto-xml", "csv", "derwent", "patentsview", "google-patents",
        "lens-json", closeness also "patstat"; papers: "wos", "wos-tab", "scopus", "openalex",
        "lens-scholarly", "pubmed").
    encoding : default None
        Text encoding of the inputs: None (decided per file, the command's default) or a name of
        --encoding: "utf-8", "latin1", "cp1252", "macroman", "utf-16le", "utf-16be",
        "utf-8+cp1252", "unchecked", "auto".
    merge : default True
        Patents: True merges simple families (the command's default); False keeps every
        publication (the command's --no-merge).

    Returns
    -------
    Records for patents (lens, uspto-xml, csv, derwent, patentsview, google-patents, lens-json),
    PaperRecords for papers (wos, wos-tab, scopus, openalex, lens-scholarly, pubmed).

    Raises
    ------
    techconv.ParseError (a ValueError with file, line, column, record, field, code, message) for
    malformed input or a file that cannot be read (code "io_error"); ValueError for an option
    out of its range or a wrong kind of input.
    """
    ...

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
    weights: npt.NDArray[np.float64]
    entropy: Optional[npt.NDArray[np.float64]]
    scores: npt.NDArray[np.float64]
    ranks: npt.NDArray[np.int64]
    key_core: npt.NDArray[np.bool_]
    k: int
    status: str
    degenerate_columns: List[int]
    copied: bool
    input: np.ndarray
    @property
    def table(self) -> Table: ...
    @property
    def weights_table(self) -> Table: ...

def weights(matrix: npt.ArrayLike, method: str = "entropy", cost: Optional[Iterable[int]] = None,
            top: float = 0.05, threads: int = 1) -> Weights:
    """Objective weights, scores, ranks and key core of a 2-D numeric array (rows = records,
    columns = indicators), as `techconv weights` computes them. float64 and float32 arrays in C
    or Fortran order are read in place (no copy); integer, boolean, float16, byte-swapped or
    strided arrays are converted to one float64 copy first.

    Parameters
    ----------
    matrix : required
        2-D array-like of numbers, one row per record.
    method : default 'entropy'
        Weighting method (--method): "entropy" ([KCT]), "critic", "std", "cv" or "merec".
    cost : default None
        Column indices of cost indicators (smaller is better; --cost); negative indices count
        from the end. None: every column is a benefit.
    top : default 0.05
        Key-core fraction q (--top): the k = ceil(q n) best-scored records form the key core.
    threads : default 1
        Worker threads, as the commands' --threads: 1 by default, 0 for all hardware threads, at
        most 256. The result is the same for any number; the GIL is released while the C++ code
        runs.

    Returns
    -------
    Weights: .weights, .entropy, .scores, .ranks, .key_core, .k, .status, .table (scores.csv),
    .weights_table (weights.csv).

    Raises
    ------
    ValueError for an array that is not 2-D or not numeric, an unknown method or a cost column
    outside the array. A degenerate column is not an error: Weights.status and
    .degenerate_columns say so.
    """
    ...

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
    scores: Table
    weights: Table
    top20: Table
    groups: Table
    industries: Optional[Table]
    report: dict
    chosen_indicators: Optional[List[dict]]
    columns: List[str]
    absent: List[str]
    k: int
    threshold: float
    fraction: float
    dropped: int
    status: str
    rows: npt.NDArray[np.uint64]
    records: Records

def keycore(records: Union[Records, PathLike, Iterable[PathLike]], format: str = "auto", top: float = 0.05,
            group_by: str = "none", country_from: str = "auto", missing: str = "drop-record",
            no_merge: bool = False, threads: int = 1, concordance: Optional[PathLike] = None,
            encoding: Optional[str] = None, indicators: Optional[Union[str, Sequence[str]]] = None,
            citations: Optional[PathLike] = None, classes: Optional[PathLike] = None,
            fields: Optional[PathLike] = None, hall: bool = False) -> KeyCore:
    """The [KCT] key-core analysis, as `techconv keycore` runs it: entropy weights of the nine
    indicators (or of the chosen ones, OECD quality indicators among them), a score per record
    and the key core (the top fraction).

    Parameters
    ----------
    records : required
        Records (from techconv.read), or a path or list of paths of patent exports that are then
        read with `format`, `encoding` and `no_merge` as the command reads its INPUT arguments.
        PaperRecords are refused (ValueError).
    format : default 'auto'
        Input format of paths: "auto" (detected per file) or a name of the command's --format
        (patents: "lens", "uspto-xml", "csv", "derwent", "patentsview", "google-patents",
        "lens-json", closeness also "patstat"; papers: "wos", "wos-tab", "scopus", "openalex",
        "lens-scholarly", "pubmed").
    top : default 0.05
        Key-core fraction q (--top): the k = ceil(q n) best-scored records form the key core.
    group_by : default 'none'
        "none" or "country" (--group-by): per-country tables.
    country_from : default 'auto'
        Which country a record belongs to with group_by="country" (--country-from): "auto",
        "applicant", "inventor", "priority" or "jurisdiction".
    missing : default 'drop-record'
        A record without a value of an indicator (--missing): "drop-record" (left out),
        "drop-indicator" (the indicator is left out) or "zero".
    no_merge : default False
        True keeps every publication instead of merging simple families (the command's
        --no-merge); used when `records` are paths.
    threads : default 1
        Worker threads, as the commands' --threads: 1 by default, 0 for all hardware threads, at
        most 256. The result is the same for any number; the GIL is released while the C++ code
        runs.
    concordance : default None
        Path of an IPC-to-industry concordance CSV (--concordance): industries.csv; None: no
        industries table.
    encoding : default None
        Text encoding of the inputs: None (decided per file, the command's default) or a name of
        --encoding: "utf-8", "latin1", "cp1252", "macroman", "utf-16le", "utf-16be",
        "utf-8+cp1252", "unchecked", "auto".
    indicators : default None
        The indicators to weight, in this order (--indicators): the command's text
        "claims,oecd_generality" or a list of names, parsed by the library's
        analysis::keycore_indicators_from_list (an unknown, empty or repeated name raises
        ValueError starting "indicators: " and listing the accepted names). Names: the nine
        [KCT] counts of techconv.INDICATORS and the OECD quality indicators of techconv.quality
        as oecd_NAME and oecd_NAME_normalised (techconv.KEYCORE_INDICATORS). None: the nine
        [KCT] counts.
    citations : default None
        Path of a citation table for the quality indicators, CSV citing,cited[,citing_year]
        (--citations); None: only the citations the records list.
    classes : default None
        Path of a class table for the quality indicators, CSV id,ipc[,year] (--classes), for
        documents outside the records.
    fields : default None
        Path of the technology-field table of the quality cohorts, e.g. ipc_technology.csv
        (--fields); None: cohorts are years.
    hall : default False
        Hall's N/(N-1) correction of oecd_generality and oecd_originality (--hall).

    Returns
    -------
    KeyCore with the tables of scores.csv, weights.csv, top20.csv, groups.csv and
    industries.csv, report.json as a dict and the status of the weighting.

    Raises
    ------
    techconv.ParseError (a ValueError with file, line, column, record, field, code, message) for
    malformed input or a file that cannot be read (code "io_error"); ValueError for an option
    out of its range or a wrong kind of input.
    """
    ...

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
    pairs: Table
    countries: Table
    periods: Optional[Table]
    institutions: Optional[Table]
    notes: List[str]
    records: int
    international: float
    kind: str
    duplicates: int
    pair: Tuple[str, str]
    def to_networkx(self, measure: Optional[str] = None, year: Optional[int] = None): ...
    def to_scipy(self, measure: Optional[str] = None, year: Optional[int] = None) -> Tuple[object, List[str]]: ...

def closeness(paths: Union[PaperRecords, Records, PathLike, Iterable[PathLike]], format: str = "auto", by: str = "all",
              counting: str = "full", denominator: str = "international", first_year: Optional[int] = None,
              last_year: Optional[int] = None, parties: str = "inventors", merge_china: bool = False,
              measure: str = "salton", pair: Optional[str] = None, encoding: Optional[str] = None,
              periods: Optional[Union[str, Sequence[Union[int, Tuple[int, int]]]]] = None,
              institutions: bool = False, threads: int = 1) -> Closeness:
    """Salton closeness and importance of country collaboration ([COOP] formula (1)), as `techconv
    closeness` computes them (pairs.csv, countries.csv; periods.csv with periods,
    institutions.csv with institutions).

    Parameters
    ----------
    paths : required
        PaperRecords (from techconv.read), Records (their files are read again for the parties'
        countries), or a path or list of paths: papers (countries of the author addresses) or
        USPTO XML / PATSTAT patents (countries of `parties` of each simple family).
    format : default 'auto'
        Input format of paths: "auto" (detected per file) or a name of the command's --format
        (patents: "lens", "uspto-xml", "csv", "derwent", "patentsview", "google-patents",
        "lens-json", closeness also "patstat"; papers: "wos", "wos-tab", "scopus", "openalex",
        "lens-scholarly", "pubmed").
    by : default 'all'
        "all" (one period, year "all") or "year" (--by year: one row per year and pair).
    counting : default 'full'
        How a record with k codes or countries counts (--counting): "full" (1 per pair),
        "fractional" (2/(k(k-1)) per pair) or "link_fractional" (1/(k-1)).
    denominator : default 'international'
        N_i of the measures (--denominator): "international" ([COOP]: records of i with another
        country) or "all" (every record of i).
    first_year : default None
        Records before this year are left out (--first-year); None: no bound.
    last_year : default None
        Records after this year are left out (--last-year); None: no bound.
    parties : default 'inventors'
        Patents (--parties): countries of the "inventors", "applicants" or "both".
    merge_china : default False
        Count Taiwan, Hong Kong and Macau as CN (--merge-china; bibliometrix convention); needs
        paths, not PaperRecords.
    measure : default 'salton'
        Measure columns of pairs.csv (--measure): "salton", "association_strength" (also
        "association"), "jaccard", "inclusion", "equivalence" or "all"; one measure also drives
        periods.csv.
    pair : default None
        "I,J" (e.g. "US,CN"; --pair): the pair whose series and institution shares are computed;
        None: the pair with the largest N_ij.
    encoding : default None
        Text encoding of the inputs: None (decided per file, the command's default) or a name of
        --encoding: "utf-8", "latin1", "cp1252", "macroman", "utf-16le", "utf-16be",
        "utf-8+cp1252", "unchecked", "auto".
    periods : default None
        Two year ranges to compare (--periods): the command's text "A-B,C-D" (e.g.
        "2007-2014,2015-2022"; a single year "2019" is a range of one), or a list of two (first,
        last) pairs or years. Parsed by the library's analysis::collaboration_periods; a bad
        list raises ValueError starting "periods: ". None: no periods.csv.
    institutions : default False
        Papers (--institutions): institution shares of both sides of the pair, institutions.csv.
    threads : default 1
        Worker threads, as the commands' --threads: 1 by default, 0 for all hardware threads, at
        most 256. The result is the same for any number; the GIL is released while the C++ code
        runs.

    Returns
    -------
    Closeness with the tables .pairs, .countries, .periods, .institutions and the counts of the
    run.

    Raises
    ------
    techconv.ParseError (a ValueError with file, line, column, record, field, code, message) for
    malformed input or a file that cannot be read (code "io_error"); ValueError for an option
    out of its range or a wrong kind of input.
    """
    ...

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
    nodes: Table
    edges: Table
    cluster_table: Table
    cluster_links: Table
    sections: Table
    groups: Optional[Table]
    rta: Optional[Table]
    summary: dict
    record_count: int
    convergence_index: float
    modularity: float
    clusters: int
    rejected_codes: int
    records: Records
    periods: Optional[Table]
    period_networks: Optional[Dict[str, "Network"]]
    def to_networkx(self): ...
    def to_scipy(self) -> Tuple[object, List[str]]: ...
    def export(self, name: str) -> str: ...
    def write(self, folder: PathLike) -> List[str]: ...

def network(records: Union[Records, PathLike, Iterable[PathLike]], format: str = "auto", level: str = "subclass",
            codes: str = "ipc", main_only: bool = False, key_core_only: bool = False, top: float = 0.05,
            group_by: str = "none", country_from: str = "auto", counting: str = "full",
            weights: str = "similarity", algorithm: str = "louvain", resolution: float = 1.0, seed: int = 42,
            titles: Optional[str] = None, no_merge: bool = False, threads: int = 1,
            encoding: Optional[str] = None,
            periods: Optional[Union[str, Sequence[Union[int, Tuple[int, int]]]]] = None,
            window: Optional[int] = None, step: Optional[int] = None) -> Network:
    """The co-classification network ([KCT] section 2.2), as `techconv network` computes it: nodes
    are classification codes, edges their co-occurrence on records, with centralities, clusters
    and the convergence index; with periods or window also the network of each period.

    Parameters
    ----------
    records : required
        Records (from techconv.read), or a path or list of paths of patent exports that are then
        read with `format`, `encoding` and `no_merge` as the command reads its INPUT arguments.
        PaperRecords are refused (ValueError).
    format : default 'auto'
        Input format of paths: "auto" (detected per file) or a name of the command's --format
        (patents: "lens", "uspto-xml", "csv", "derwent", "patentsview", "google-patents",
        "lens-json", closeness also "patstat"; papers: "wos", "wos-tab", "scopus", "openalex",
        "lens-scholarly", "pubmed").
    level : default 'subclass'
        IPC/CPC level of the nodes (--level): "section", "class", "subclass", "main-group"
        (network also "subgroup").
    codes : default 'ipc'
        Which classification the records' codes come from (--codes): "ipc" or "cpc".
    main_only : default False
        Only each record's main code (--main-only).
    key_core_only : default False
        Only the records of the key core (--key-core-only), the key core of `top`.
    top : default 0.05
        Key-core fraction q (--top): the k = ceil(q n) best-scored records form the key core.
    group_by : default 'none'
        "none" or "country" (--group-by): per-country tables.
    country_from : default 'auto'
        Which country a record belongs to with group_by="country" (--country-from): "auto",
        "applicant", "inventor", "priority" or "jurisdiction".
    counting : default 'full'
        How a record with k codes or countries counts (--counting): "full" (1 per pair),
        "fractional" (2/(k(k-1)) per pair) or "link_fractional" (1/(k-1)).
    weights : default 'similarity'
        Meaning of the edge weights for the measures (--weights): "similarity", "distance" or
        "ignore".
    algorithm : default 'louvain'
        Community detection (--algorithm): "louvain" or "leiden".
    resolution : default 1.0
        Modularity resolution of the community detection (--resolution), in [0, 1000].
    seed : default 42
        Seed of the community detection (--seed); the same seed gives the same clusters.
    titles : default None
        Path of a CPC/IPC title list file or folder (--titles): the title column; None: empty
        titles.
    no_merge : default False
        True keeps every publication instead of merging simple families (the command's
        --no-merge); used when `records` are paths.
    threads : default 1
        Worker threads, as the commands' --threads: 1 by default, 0 for all hardware threads, at
        most 256. The result is the same for any number; the GIL is released while the C++ code
        runs.
    encoding : default None
        Text encoding of the inputs: None (decided per file, the command's default) or a name of
        --encoding: "utf-8", "latin1", "cp1252", "macroman", "utf-16le", "utf-16be",
        "utf-8+cp1252", "unchecked", "auto".
    periods : default None
        Also one network per period (--periods): the command's text "2005-2010,2011-2016"
        (ranges or single years) or a list of (first, last) pairs / years, parsed by the
        library's analysis::parse_periods (a bad list raises ValueError starting "periods: "). A
        record counts in every period holding its year. Give periods or window, not both; None:
        no period networks.
    window : default None
        Also one network per window of this many years (--window), from the first year of the
        records; None: no windows.
    step : default None
        Years between window starts (--step; needs window); None: the window (windows side by
        side).

    Returns
    -------
    Network with the tables of nodes.csv, edges.csv, clusters.csv, cluster_links.csv,
    sections.csv, groups.csv and rta.csv, summary.json as a dict and the command's export files;
    with periods or window also .periods (periods.csv) and .period_networks (periods/PERIOD/).

    Raises
    ------
    techconv.ParseError (a ValueError with file, line, column, record, field, code, message) for
    malformed input or a file that cannot be read (code "io_error"); ValueError for an option
    out of its range or a wrong kind of input.
    """
    ...

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
    predictions: Table
    evaluation: dict
    train_nodes: Table
    train_edges: Table
    records: Records
    def to_networkx(self): ...
    def to_scipy(self) -> Tuple[object, List[str]]: ...

def forecast(records: Union[Records, PathLike, Iterable[PathLike]], train_until: int, format: str = "auto",
             level: str = "subclass", codes: str = "ipc", top: int = 100, counting: str = "full",
             katz_beta: float = 0.0, weight_exponent: float = 1.0, max_candidates: int = 20000000,
             keep_top: int = 10000, sample: int = 1000000, sample_seed: int = 1, katz_max_nodes: int = 4000,
             no_merge: bool = False, threads: int = 1, encoding: Optional[str] = None) -> Forecast:
    """Link prediction of convergence, as `techconv forecast` computes it: the train graph of the
    records up to train_until, ten link scores of every candidate pair and their evaluation on
    the pairs that appear later (predictions.csv, evaluation.json).

    Parameters
    ----------
    records : required
        Records (from techconv.read), or a path or list of paths of patent exports that are then
        read with `format`, `encoding` and `no_merge` as the command reads its INPUT arguments.
        PaperRecords are refused (ValueError).
    train_until : required
        Last year of the train graph (--train-until).
    format : default 'auto'
        Input format of paths: "auto" (detected per file) or a name of the command's --format
        (patents: "lens", "uspto-xml", "csv", "derwent", "patentsview", "google-patents",
        "lens-json", closeness also "patstat"; papers: "wos", "wos-tab", "scopus", "openalex",
        "lens-scholarly", "pubmed").
    level : default 'subclass'
        IPC/CPC level of the nodes (--level): "section", "class", "subclass", "main-group"
        (network also "subgroup").
    codes : default 'ipc'
        Which classification the records' codes come from (--codes): "ipc" or "cpc".
    top : default 100
        L of precision at L (--top).
    counting : default 'full'
        How a record with k codes or countries counts (--counting): "full" (1 per pair),
        "fractional" (2/(k(k-1)) per pair) or "link_fractional" (1/(k-1)).
    katz_beta : default 0.0
        Katz attenuation beta (--katz-beta); 0: 0.5 / lambda_max of the train graph.
    weight_exponent : default 1.0
        Exponent alpha of the edge weights in the weighted scores (--weight-exponent).
    max_candidates : default 20000000
        Above this many candidate pairs the evaluation is bounded (--max-candidates);
        evaluation.json's "evaluation" object then says so.
    keep_top : default 10000
        Bounded evaluation: the best-ranked candidates of each score kept (--keep-top; at least
        top).
    sample : default 1000000
        Bounded evaluation: other candidates drawn at random (--sample).
    sample_seed : default 1
        Seed of that draw (--sample-seed).
    katz_max_nodes : default 4000
        Katz is computed only up to this many train nodes (--katz-max-nodes); above, its status
        is not_computed and its column NaN.
    no_merge : default False
        True keeps every publication instead of merging simple families (the command's
        --no-merge); used when `records` are paths.
    threads : default 1
        Worker threads, as the commands' --threads: 1 by default, 0 for all hardware threads, at
        most 256. The result is the same for any number; the GIL is released while the C++ code
        runs.
    encoding : default None
        Text encoding of the inputs: None (decided per file, the command's default) or a name of
        --encoding: "utf-8", "latin1", "cp1252", "macroman", "utf-16le", "utf-16be",
        "utf-8+cp1252", "unchecked", "auto".

    Returns
    -------
    Forecast with .predictions (predictions.csv), .evaluation (evaluation.json as a dict) and
    the train graph (.train_nodes, .train_edges).

    Raises
    ------
    techconv.ParseError (a ValueError with file, line, column, record, field, code, message) for
    malformed input or a file that cannot be read (code "io_error"); ValueError for an option
    out of its range or a wrong kind of input.
    """
    ...

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
    table: Table
    by_group: Optional[Table]
    graph: dict
    citation_rows: int
    class_rows: int
    records: Records

def quality(records: Union[Records, PathLike, Iterable[PathLike]], citations: Optional[PathLike] = None,
            classes: Optional[PathLike] = None, fields: Optional[PathLike] = None, hall: bool = False,
            format: str = "auto", no_merge: bool = False, encoding: Optional[str] = None,
            threads: int = 1, group_by: str = "none", country_from: str = "auto") -> Quality:
    """The OECD patent quality indicators of each record (Squicciarini, Dernis & Criscuolo 2013),
    as `techconv quality` computes them (quality.csv): patent scope, family size, claims,
    backward and forward citations, generality, originality, radicalness and breakthrough, each
    with its cohort-normalised value and status.

    Parameters
    ----------
    records : required
        Records (from techconv.read), or a path or list of paths of patent exports that are then
        read with `format`, `encoding` and `no_merge` as the command reads its INPUT arguments.
        PaperRecords are refused (ValueError).
    citations : default None
        Path of a citation table, CSV citing,cited[,citing_year] (--citations); None: only the
        citations the records list.
    classes : default None
        Path of a class table, CSV id,ipc[,year] (--classes), for documents outside the records.
    fields : default None
        Path of the technology-field table, e.g. ipc_technology.csv (--fields); cohorts are then
        year x field. None: cohorts are years.
    hall : default False
        Hall's N/(N-1) correction of generality and originality (--hall).
    format : default 'auto'
        Input format of paths: "auto" (detected per file) or a name of the command's --format
        (patents: "lens", "uspto-xml", "csv", "derwent", "patentsview", "google-patents",
        "lens-json", closeness also "patstat"; papers: "wos", "wos-tab", "scopus", "openalex",
        "lens-scholarly", "pubmed").
    no_merge : default False
        True keeps every publication instead of merging simple families (the command's
        --no-merge); used when `records` are paths.
    encoding : default None
        Text encoding of the inputs: None (decided per file, the command's default) or a name of
        --encoding: "utf-8", "latin1", "cp1252", "macroman", "utf-16le", "utf-16be",
        "utf-8+cp1252", "unchecked", "auto".
    threads : default 1
        Worker threads, as the commands' --threads: 1 by default, 0 for all hardware threads, at
        most 256. The result is the same for any number; the GIL is released while the C++ code
        runs.
    group_by : default 'none'
        "none" or "country" (--group-by): the distribution of every indicator per country group
        (.by_group, quality_by_group.csv).
    country_from : default 'auto'
        Which country a record belongs to with group_by="country" (--country-from): "auto",
        "applicant", "inventor", "priority" or "jurisdiction".

    Returns
    -------
    Quality with .table (quality.csv), .by_group (quality_by_group.csv with group_by="country")
    and .graph (the citation graph counts of report.md).

    Raises
    ------
    techconv.ParseError (a ValueError with file, line, column, record, field, code, message) for
    malformed input or a file that cannot be read (code "io_error"); ValueError for an option
    out of its range or a wrong kind of input.
    """
    ...

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
    periods: Table
    new_pairs: Table
    new_pairs_by_year: Table
    strategic: Table
    cluster_flows: Table
    record_count: int
    records_without_year: int
    rejected_codes: int
    lifecycle: dict
    groups: Optional[List[dict]]
    records: Records

def evolution(records: Union[Records, PathLike, Iterable[PathLike]],
              periods: Optional[Union[str, Sequence[Union[int, Tuple[int, int]]]]] = None,
              window: Optional[int] = None, step: Optional[int] = None, format: str = "auto",
              level: str = "subclass", codes: str = "ipc", counting: str = "full", algorithm: str = "louvain",
              resolution: float = 1.0, seed: int = 42, no_merge: bool = False, threads: int = 1,
              encoding: Optional[str] = None, group_by: Optional[str] = "none", country_from: str = "auto",
              min_group_years: int = 5) -> Evolution:
    """How convergence develops over time, as `techconv evolution` computes it: the network of each
    period, the first year of each pair of codes, the share of new pairs per year, the strategic
    diagram of the clusters and the cluster flows between periods.

    Parameters
    ----------
    records : required
        Records (from techconv.read), or a path or list of paths of patent exports that are then
        read with `format`, `encoding` and `no_merge` as the command reads its INPUT arguments.
        PaperRecords are refused (ValueError).
    periods : default None
        The periods (--periods): the command's text "2005-2010,2011-2016" (ranges or single
        years) or a list of (first, last) pairs / years, parsed by the library's
        analysis::parse_periods (a bad list raises ValueError starting "periods: "). Give either
        periods or window.
    window : default None
        Sliding windows of this many years (--window), from the first year of the records.
    step : default None
        Years between window starts (--step); None: the window.
    format : default 'auto'
        Input format of paths: "auto" (detected per file) or a name of the command's --format
        (patents: "lens", "uspto-xml", "csv", "derwent", "patentsview", "google-patents",
        "lens-json", closeness also "patstat"; papers: "wos", "wos-tab", "scopus", "openalex",
        "lens-scholarly", "pubmed").
    level : default 'subclass'
        IPC/CPC level of the nodes (--level): "section", "class", "subclass", "main-group"
        (network also "subgroup").
    codes : default 'ipc'
        Which classification the records' codes come from (--codes): "ipc" or "cpc".
    counting : default 'full'
        How a record with k codes or countries counts (--counting): "full" (1 per pair),
        "fractional" (2/(k(k-1)) per pair) or "link_fractional" (1/(k-1)).
    algorithm : default 'louvain'
        Community detection (--algorithm): "louvain" or "leiden".
    resolution : default 1.0
        Modularity resolution of the community detection (--resolution), in [0, 1000].
    seed : default 42
        Seed of the community detection (--seed); the same seed gives the same clusters.
    no_merge : default False
        True keeps every publication instead of merging simple families (the command's
        --no-merge); used when `records` are paths.
    threads : default 1
        Worker threads, as the commands' --threads: 1 by default, 0 for all hardware threads, at
        most 256. The result is the same for any number; the GIL is released while the C++ code
        runs.
    encoding : default None
        Text encoding of the inputs: None (decided per file, the command's default) or a name of
        --encoding: "utf-8", "latin1", "cp1252", "macroman", "utf-16le", "utf-16be",
        "utf-8+cp1252", "unchecked", "auto".
    group_by : default 'none'
        "none" or "country" (--group-by): the life cycle is also fitted per country group
        (.groups, lifecycle.json's "groups"). None means "none".
    country_from : default 'auto'
        Which country a record belongs to with group_by="country" (--country-from): "auto",
        "applicant", "inventor", "priority" or "jurisdiction".
    min_group_years : default 5
        Fewest years (first to last, gaps included) a group's records must span for its fit
        (--min-group-years), in [3, 10000]; a shorter group gets status empty_input and no fit.

    Returns
    -------
    Evolution with the tables of periods.csv, new_pairs.csv, new_pairs_by_year.csv,
    strategic.csv and cluster_flows.csv, and lifecycle.json as a dict (.lifecycle; per group
    .groups).

    Raises
    ------
    techconv.ParseError (a ValueError with file, line, column, record, field, code, message) for
    malformed input or a file that cannot be read (code "io_error"); ValueError for an option
    out of its range or a wrong kind of input.
    """
    ...
