"""pandas + numpy peer of the whole `techconv quality RECORDS --citations CITES --classes CLASSES
--out DIR` command on the files bench/make_quality_corpus.py writes: the same indicators by the
rules docs/analysis-quality.md states (the rules tests/analysis/quality_reference.py follows
record by record), written column-wise so that it scales to 10^7 citations.

usage: /usr/bin/python3 quality_pandas.py RECORDS CITATIONS CLASSES OUT_DIR

RECORDS: canonical CSV with id, year, ipc (";;" list); CITATIONS: citing, cited[, citing_year];
CLASSES: id, ipc. Writes OUT_DIR/quality.csv: id, year, then patent_scope,
backward_citations, forward_citations_5y, generality, originality, radicalness, breakthrough and
each one's _normalised (empty when undefined), and prints the record and edge counts.

Rules: a publication number resolves by its first two blank-separated parts (country, number;
the kind code dropped) to the first record with that key, else to an outside document; rows
with both ends outside are unused; edges are distinct and a self-citation is dropped. Classes
are IPC subclasses (the first four characters of a symbol A00A...); a record's classes are its
own, else the class table's, and an outside document's are the class table's. An outside
citing document's year is the first citing_year given for it. Shares are fractional (each
document weighs 1 over its classes). Backward citations: the documents a record cites (no
count column in the input: undefined when it cites none). Cohort: the record's year (no field
table). Breakthrough: forward count > 0 and at least the ceil(0.01 n)-th largest of the n
cohort records with a value. Normalised: value / cohort maximum, undefined when that is 0.
"""
import os
import sys

import numpy as np
import pandas as pd

INDICATORS = ["patent_scope", "backward_citations", "forward_citations_5y", "generality",
              "originality", "radicalness", "breakthrough"]


def keys_of(column):
    """(codes, keys of the distinct values): the key of a publication number is its first two
    blank-separated parts, computed once per distinct value."""
    codes, uniq = pd.factorize(column)
    keys = pd.Series(uniq).str.split(" ", n=2).str[:2].str.join(" ")
    return codes, keys.to_numpy()


def subclass_rows(nodes, cells):
    """(node, subclass) rows of ";;" lists of IPC symbols, distinct, invalid symbols skipped."""
    s = pd.Series(cells, index=nodes).str.split(";;").explode().dropna().str.replace(" ", "", regex=False)
    s = s[s.str.match(r"[A-H][0-9]{2}[A-Z]")].str[:4]
    return pd.DataFrame({"node": s.index.to_numpy(dtype=np.int64), "cls": s.to_numpy()}).drop_duplicates()


def concentration(focal, other, dc, w, n, n_cls):
    """1 - sum_j s_j^2 per focal record over the documents `other` (edges focal-other), with
    s_j the fractional share of class j among those with a known class; NaN when none."""
    e = pd.DataFrame({"focal": focal, "doc": other})
    e = e[e["focal"] < n]
    j = e.merge(dc, left_on="doc", right_on="node")
    known = np.bincount(e["focal"][w[e["doc"].to_numpy()] > 0], minlength=n).astype(float)
    s = (j["w"]).groupby(j["focal"].to_numpy() * n_cls + j["cls_id"].to_numpy()).sum()
    f = s.index.to_numpy() // n_cls
    sq = np.bincount(f, weights=(s.to_numpy() / known[f]) ** 2, minlength=n)
    out = 1.0 - sq
    out[known == 0] = np.nan
    return out


def main(records, citations, classes, out):
    os.makedirs(out, exist_ok=True)
    recs = pd.read_csv(records, usecols=["id", "year", "ipc"], dtype=str, keep_default_na=False)
    cites = pd.read_csv(citations, dtype=str, keep_default_na=False)
    cls_table = pd.read_csv(classes, usecols=["id", "ipc"], dtype=str, keep_default_na=False)
    n = len(recs)

    rcodes, rkeys = keys_of(recs["id"])
    rkey = pd.Series(rkeys[rcodes])
    record_index = pd.Index(rkey.drop_duplicates(keep="first"))  # key -> first record
    record_node = np.arange(n)[~rkey.duplicated(keep="first").to_numpy()]

    def resolve(column):
        codes, keys = keys_of(column)
        pos = record_index.get_indexer(keys)
        node = np.where(pos >= 0, record_node[np.maximum(pos, 0)], -1)
        return node[codes], keys[codes]

    a, akey = resolve(cites["citing"])
    b, bkey = resolve(cites["cited"])
    used = (a >= 0) | (b >= 0)
    a, b, akey, bkey = a[used], b[used], akey[used], bkey[used]
    outside = pd.Index(pd.unique(np.concatenate([akey[a < 0], bkey[b < 0]])))
    a = np.where(a >= 0, a, n + outside.get_indexer(akey))
    b = np.where(b >= 0, b, n + outside.get_indexer(bkey))
    total = n + len(outside)

    year = np.full(total, np.nan)
    year[:n] = pd.to_numeric(recs["year"], errors="coerce").to_numpy()
    cy = pd.to_numeric(cites["citing_year"][used], errors="coerce").to_numpy() \
        if "citing_year" in cites.columns else np.full(len(a), np.nan)
    ext = (a >= n) & ~np.isnan(cy)
    first = pd.Series(cy[ext]).groupby(a[ext]).first()
    year[first.index.to_numpy()] = first.to_numpy()

    e = pd.DataFrame({"a": a, "b": b})
    e = e[e["a"] != e["b"]].drop_duplicates()
    a, b = e["a"].to_numpy(), e["b"].to_numpy()

    dc = subclass_rows(np.arange(n), recs["ipc"].to_numpy())
    tcodes, tkeys = keys_of(cls_table["id"])
    tnode = pd.Series(np.concatenate([rkey.to_numpy(), outside.to_numpy()])).drop_duplicates()
    tpos = pd.Index(tnode).get_indexer(tkeys[tcodes])
    tnode_id = np.where(tpos >= 0, tnode.index.to_numpy()[np.maximum(tpos, 0)], -1)
    has_own = np.zeros(total, dtype=bool)
    has_own[dc["node"].to_numpy()] = True
    keep = (tnode_id >= 0) & ~has_own[np.maximum(tnode_id, 0)]
    dc = pd.concat([dc, subclass_rows(tnode_id[keep], cls_table["ipc"].to_numpy()[keep])]).drop_duplicates()
    dc["cls_id"], cls_names = pd.factorize(dc["cls"])
    n_cls = len(cls_names)
    k = np.bincount(dc["node"].to_numpy(), minlength=total)
    w = np.zeros(total)
    w[k > 0] = 1.0 / k[k > 0]
    dc["w"] = w[dc["node"].to_numpy()]
    dc = dc[["node", "cls_id", "w"]]

    res = pd.DataFrame({"id": recs["id"], "year": recs["year"]})
    scope = k[:n].astype(float)
    scope[scope == 0] = np.nan
    res["patent_scope"] = scope
    back = np.bincount(a[a < n], minlength=n).astype(float)
    back[back == 0] = np.nan
    res["backward_citations"] = back
    in_window = (b < n) & ~np.isnan(year[a]) & (year[a] <= year[np.minimum(b, n - 1)] + 5)
    fwd = np.bincount(b[in_window], minlength=n).astype(float)
    fwd[np.isnan(year[:n])] = np.nan
    res["forward_citations_5y"] = fwd
    res["generality"] = concentration(b, a, dc, w, n, n_cls)
    res["originality"] = concentration(a, b, dc, w, n, n_cls)
    # radicalness: share of (cited document, class) pairs whose class the focal record lacks
    j = pd.DataFrame({"focal": a, "doc": b})
    j = j[j["focal"] < n].merge(dc, left_on="doc", right_on="node")
    pair = j["focal"].to_numpy() * n_cls + j["cls_id"].to_numpy()
    own = dc[dc["node"] < n]
    inside = np.isin(pair, own["node"].to_numpy() * n_cls + own["cls_id"].to_numpy())
    pairs = np.bincount(j["focal"], minlength=n).astype(float)
    outside_pairs = np.bincount(j["focal"][~inside], minlength=n).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rad = outside_pairs / pairs
    rad[(pairs == 0) | (k[:n] == 0)] = np.nan
    res["radicalness"] = rad

    cohort = res["year"].where(res["year"] != "")
    f = res.loc[cohort.notna() & res["forward_citations_5y"].notna(), ["year", "forward_citations_5y"]]
    f = f.sort_values(["year", "forward_citations_5y"], ascending=[True, False], kind="stable")
    size = f.groupby("year")["forward_citations_5y"].transform("size")
    rank = f.groupby("year").cumcount() + 1
    kth = np.ceil(0.01 * size).clip(lower=1)
    threshold = f["forward_citations_5y"][rank == kth].groupby(f["year"][rank == kth]).first()
    t = f["year"].map(threshold)
    res["breakthrough"] = np.nan
    res.loc[f.index, "breakthrough"] = ((f["forward_citations_5y"] > 0) &
                                        (f["forward_citations_5y"] >= t)).astype(float)
    for name in INDICATORS:
        top = res[name].groupby(cohort).transform("max")
        res[name + "_normalised"] = (res[name] / top).where(top > 0)
    res.to_csv(os.path.join(out, "quality.csv"), index=False)
    print(n, len(e), n_cls)


if __name__ == "__main__":
    main(*sys.argv[1:5])
