"""OECD patent quality indicators (Squicciarini, Dernis & Criscuolo 2013), written
independently of techconv with pandas, for tests/analysis/quality.test.cpp.

Usage: quality_reference.py RECORDS CITATIONS CLASSES
  RECORDS    CSV id, publication_year, year, ipc, cited (ipc and cited joined by ';';
             years empty when unknown)
  CITATIONS  CSV citing, cited, citing_year (publication numbers in the records' form)
  CLASSES    CSV id, ipc

Prints one line per record: id, then scope, backward, forward_5y, generality, originality,
radicalness, breakthrough and the originality normalised by its year cohort's maximum,
each as a number or "-" when undefined, separated by blanks (the id's blanks become '_').

Rules (as docs/analysis-quality.md states them): a publication number resolves by its
country and number (the kind code dropped) to the first record with that key; classes are
IPC subclasses (the first four characters of a symbol); a record's classes are its own,
else the class table's; an external document's classes are the class table's. Shares
count each document 1/|its subclasses| in each (fractional). Forward citations within
5 years: citing documents whose publication year is at most the focal's plus 5. The
cohort of a record is its `year`; breakthrough = forward count > 0 and at least the
ceil(0.01 n)-th largest of its cohort.
"""
import math
import re
import sys

import pandas as pd

SYMBOL = re.compile(r"^[A-H][0-9]{2}[A-Z]")


def key(pub):
    parts = pub.split(" ")
    return " ".join(parts[:2])


def subclasses(texts):
    out = set()
    for t in texts:
        t = t.replace(" ", "")
        if SYMBOL.match(t):
            out.add(t[:4])
    return out


def split(cell):
    return [x for x in str(cell).split(";") if x] if isinstance(cell, str) else []


def main():
    recs = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
    cites = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False)
    classes = pd.read_csv(sys.argv[3], dtype=str, keep_default_na=False)

    node_of = {}      # key -> node id
    pub_year = {}     # node -> year or None
    node_classes = {}
    n = len(recs)
    for i, r in enumerate(recs.itertuples(index=False)):
        node_of.setdefault(key(r.id), i)
        pub_year[i] = int(r.publication_year) if r.publication_year else None
        node_classes[i] = subclasses(split(r.ipc))

    def node(pub):
        k = key(pub)
        if k not in node_of:
            v = len(node_of) + 10**9  # external nodes: any distinct label
            node_of[k] = v
            pub_year[v] = None
            node_classes[v] = set()
        return node_of[k]

    edges = set()
    for i, r in enumerate(recs.itertuples(index=False)):
        for c in split(r.cited):
            edges.add((i, node(c)))
    for r in cites.itertuples(index=False):
        a_in = node_of.get(key(r.citing), -1)
        b_in = node_of.get(key(r.cited), -1)
        if not (0 <= a_in < n) and not (0 <= b_in < n):
            continue
        a, b = node(r.citing), node(r.cited)
        if a >= n and r.citing_year and pub_year[a] is None:
            pub_year[a] = int(r.citing_year)
        edges.add((a, b))
    edges = {(a, b) for a, b in edges if a != b}

    extra = {}
    for r in classes.itertuples(index=False):
        v = node_of.get(key(r.id))
        if v is not None:
            extra.setdefault(v, set()).update(subclasses([r.ipc]))
    for v, s in extra.items():
        if not node_classes[v]:
            node_classes[v] = s

    e = pd.DataFrame(sorted(edges), columns=["citing", "cited"])
    cited_by = e.groupby("citing")["cited"].apply(list).to_dict()
    citing_of = e.groupby("cited")["citing"].apply(list).to_dict()

    def concentration(docs):
        rows = [(d, c, 1.0 / len(node_classes[d])) for d in docs for c in node_classes[d]]
        if not rows:
            return None
        s = pd.DataFrame(rows, columns=["doc", "cls", "w"]).groupby("cls")["w"].sum()
        s = s / s.sum()
        return 1.0 - float((s ** 2).sum())

    out = []
    for i, r in enumerate(recs.itertuples(index=False)):
        focal = node_classes[i]
        cited = cited_by.get(i, [])
        citing = citing_of.get(i, [])
        scope = len(focal) if focal else None
        backward = len(cited)
        if pub_year[i] is None:
            fwd = None
        else:
            fwd = sum(1 for c in citing if pub_year[c] is not None and pub_year[c] <= pub_year[i] + 5)
        gen = concentration(citing)
        orig = concentration(cited)
        pairs = [c for d in cited for c in node_classes[d]]
        rad = (sum(1 for c in pairs if c not in focal) / len(pairs)) if (pairs and focal) else None
        out.append(dict(id=r.id, year=r.year, scope=scope, backward=backward, fwd=fwd, gen=gen,
                        orig=orig, rad=rad))
    df = pd.DataFrame(out)
    df["brk"] = None
    df["orig_norm"] = None
    for year, g in df[df["year"] != ""].groupby("year"):
        f = g["fwd"].dropna().sort_values(ascending=False)
        if len(f):
            k = max(1, math.ceil(0.01 * len(f)))
            threshold = f.iloc[k - 1]
            for idx in f.index:
                df.at[idx, "brk"] = 1.0 if (f[idx] > 0 and f[idx] >= threshold) else 0.0
        o = g["orig"].dropna()
        if len(o) and o.max() > 0:
            for idx in o.index:
                df.at[idx, "orig_norm"] = o[idx] / o.max()

    def fmt(x):
        return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else repr(float(x))

    for r in df.itertuples(index=False):
        print(r.id.replace(" ", "_"), *[fmt(v) for v in (r.scope, r.backward, r.fwd, r.gen, r.orig,
                                                           r.rad, r.brk, r.orig_norm)])


if __name__ == "__main__":
    main()
