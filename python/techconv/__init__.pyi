# Type stubs of the techconv package, kept by hand next to __init__.py, whose docstrings
# mirror the C++ docs of the analysis layer. python/tests/test_stubs.py checks that the
# stubs and the module agree: the same public names (__all__), and for every function
# and method the same parameters, in order, with the same defaults.
import os
from typing import Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

__version__: str
INDICATORS: Tuple[str, ...]
NETWORK_FILES: Tuple[str, ...]

PathLike = Union[str, "os.PathLike[str]"]

class ParseError(ValueError):
    """Malformed input: where it is and the library's stable error code."""
    file: str
    line: int
    column: int
    record: int
    field: str
    code: str
    message: str

class Table:
    """Named columns as in one of the command's CSV files."""
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
    def years(self) -> npt.NDArray[np.int64]: ...
    @property
    def report(self) -> dict: ...

class Records(_Read):
    """Patent records read by techconv.read() (lens, uspto-xml, csv, derwent)."""
    @property
    def codes(self) -> List[List[str]]: ...
    @property
    def indicators(self) -> npt.NDArray[np.float64]: ...

class PaperRecords(_Read):
    """Papers read by techconv.read() (wos, wos-tab, scopus, openalex, lens-scholarly, pubmed)."""
    @property
    def countries(self) -> List[List[str]]: ...
    @property
    def institutions(self) -> List[List[str]]: ...
    @property
    def titles(self) -> List[str]: ...

def read(path: Union[PathLike, Iterable[PathLike]], format: str = "auto", encoding: Optional[str] = None,
         merge: bool = True) -> Union[Records, PaperRecords]:
    """Reads records: Records for patents (lens, uspto-xml, csv, derwent), PaperRecords for papers
    (wos, wos-tab, scopus, openalex, lens-scholarly, pubmed); the format is detected per file."""
    ...

class Weights:
    """Result of techconv.weights()."""
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
    """Objective weights, scores, ranks and key core of a 2-D numeric array (zero-copy for
    float64/float32 in C or Fortran order)."""
    ...

class KeyCore:
    """Result of techconv.keycore(): tables as scores.csv and weights.csv."""
    scores: Table
    weights: Table
    top20: Table
    groups: Table
    industries: Optional[Table]
    report: dict
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
            no_merge: bool = False, threads: int = 1, concordance: Optional[str] = None,
            encoding: Optional[str] = None) -> KeyCore:
    """The [KCT] key-core analysis, as `techconv keycore` runs it."""
    ...

class Closeness:
    """Result of techconv.closeness(): tables as pairs.csv and countries.csv."""
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
              periods: Optional[Sequence[Tuple[int, int]]] = None, institutions: bool = False) -> Closeness:
    """Salton closeness and importance of country collaboration ([COOP]), as `techconv closeness`."""
    ...

class Network:
    """Result of techconv.network(): tables as nodes.csv and edges.csv."""
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
    def to_networkx(self): ...
    def to_scipy(self) -> Tuple[object, List[str]]: ...
    def export(self, name: str) -> str: ...
    def write(self, folder: PathLike) -> List[str]: ...

def network(records: Union[Records, PathLike, Iterable[PathLike]], format: str = "auto", level: str = "subclass",
            codes: str = "ipc", main_only: bool = False, key_core_only: bool = False, top: float = 0.05,
            group_by: str = "none", country_from: str = "auto", counting: str = "full",
            weights: str = "similarity", algorithm: str = "louvain", resolution: float = 1.0, seed: int = 42,
            titles: Optional[str] = None, no_merge: bool = False, threads: int = 1,
            encoding: Optional[str] = None) -> Network:
    """The co-classification network ([KCT] section 2.2), as `techconv network`."""
    ...

class Forecast:
    """Result of techconv.forecast(): tables as predictions.csv, evaluation.json as a dict, the train graph."""
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
    """Link prediction of convergence (issue 19 section 4), as `techconv forecast`."""
    ...

class Quality:
    """Result of techconv.quality(): a table as quality.csv and the citation graph's counts."""
    table: Table
    graph: dict
    citation_rows: int
    class_rows: int
    records: Records

def quality(records: Union[Records, PathLike, Iterable[PathLike]], citations: Optional[PathLike] = None,
            classes: Optional[PathLike] = None, fields: Optional[PathLike] = None, hall: bool = False,
            format: str = "auto", no_merge: bool = False, encoding: Optional[str] = None) -> Quality:
    """The OECD patent quality indicators (issue 19 sections 1-2), as `techconv quality`."""
    ...

class Evolution:
    """Result of techconv.evolution(): tables as the command's five CSV files."""
    periods: Table
    new_pairs: Table
    new_pairs_by_year: Table
    strategic: Table
    cluster_flows: Table
    record_count: int
    records_without_year: int
    rejected_codes: int
    records: Records

def evolution(records: Union[Records, PathLike, Iterable[PathLike]],
              periods: Optional[Union[str, Sequence[Union[int, Tuple[int, int]]]]] = None,
              window: Optional[int] = None, step: Optional[int] = None, format: str = "auto",
              level: str = "subclass", codes: str = "ipc", counting: str = "full", algorithm: str = "louvain",
              resolution: float = 1.0, seed: int = 42, no_merge: bool = False, threads: int = 1,
              encoding: Optional[str] = None) -> Evolution:
    """Evolution of convergence over periods (issue 19 section 3), as `techconv evolution`."""
    ...
