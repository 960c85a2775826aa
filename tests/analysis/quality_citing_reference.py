"""Independent computation, with Python's json module, of the forward-citation indicators of
`techconv quality` on Lens patent JSON whose records list the documents citing them
(biblio.cited_by.patents[]), for tests/analysis/quality.test.cpp.

Prints one tab-separated line per record, in input order:
  id, publication year, citing, citing_with_year, citing_with_classes, cited,
  forward_citations_5y, its status, generality, its status
('' for an undefined value or an unknown year; generality with 6 decimals).

The rules, written again here from docs/analysis-quality.md and docs/io-patents.md, not from
the library:
- a record is `jurisdiction doc_number kind` (top-level members, else
  biblio.publication_reference; leading zeros of the number dropped), its year the first four
  digits of date_published (else publication_reference.date), its classes the IPC subclasses
  (first four characters of the symbols without blanks);
- a cited document (references_cited.citations[].patcit) or a citing one (cited_by.patents[])
  is named by its document_id (`jurisdiction doc_number kind`), else by its Lens ID; a name
  resolves to the record with the same jurisdiction and number (the kind ignored), else to the
  record with that Lens ID, else it is a document outside the corpus (no year, no class: these
  runs give no citation or class table);
- a citation is a (citing, cited) pair, kept once whichever list states it; a document citing
  itself is dropped;
- forward_citations_5y: the citing documents with year <= the record's year + 5; no year of the
  record: undefined (no_year); a citing document without a year is not counted and the status
  is unknown_citing_years;
- generality: 1 - sum of squared class shares over the citing documents with a known class,
  each document weighing 1 spread evenly over its classes; no citing document: no_citations;
  none with a class: no_known_classes; some without one: unknown_citing_classes.

usage: quality_citing_reference.py FILE...
"""
import json
import sys


def year(d):
    return int(d[:4]) if d and d[:4].isdigit() else None


def name_of(doc):
    """The name of a patcit or cited_by element: its document_id, else its Lens ID."""
    d = doc.get("document_id")
    if d and d.get("doc_number"):
        return " ".join(x for x in (d.get("jurisdiction", ""), d["doc_number"].lstrip("0"), d.get("kind", "")) if x)
    return doc.get("lens_id")


def main():
    records = []
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    records.append(json.loads(line))
    ids, years, classes, lens = [], [], [], {}
    for i, r in enumerate(records):
        b = r.get("biblio", {})
        ref = r if r.get("doc_number") else b.get("publication_reference", {})
        juris = r.get("jurisdiction") or ref.get("jurisdiction", "")
        kind = r.get("kind") or ref.get("kind", "")
        ids.append(" ".join(x for x in (juris, ref["doc_number"].lstrip("0"), kind) if x))
        years.append(year(r.get("date_published") or b.get("publication_reference", {}).get("date")))
        syms = [c["symbol"].replace(" ", "").upper() for c in b.get("classifications_ipcr", {}).get("classifications", [])]
        classes.append(sorted({s[:4] for s in syms if len(s) >= 4}))
        lens.setdefault(r["lens_id"], i)
    by_number = {}
    for i, n in enumerate(ids):
        by_number.setdefault(tuple(n.split(" ")[:2]), i)
    external = {}

    def node(name):
        k = tuple(name.split(" ")[:2]) if " " in name else None
        if k is not None and k in by_number:
            return by_number[k]
        if name in lens:
            return lens[name]
        return external.setdefault(name, "x:" + name)

    edges = set()
    for i, r in enumerate(records):
        b = r.get("biblio", {})
        for c in b.get("references_cited", {}).get("citations", []):
            if "patcit" in c:
                edges.add((i, node(name_of(c["patcit"]))))
        for c in b.get("cited_by", {}).get("patents") or []:
            edges.add((node(name_of(c)), i))
    edges = {(a, b) for a, b in edges if a != b}

    def year_of(v):
        return years[v] if isinstance(v, int) else None

    def classes_of(v):
        return classes[v] if isinstance(v, int) else []

    for i in range(len(records)):
        citing = [a for a, b in edges if b == i]
        cited = [b for a, b in edges if a == i]
        with_year = [c for c in citing if year_of(c) is not None]
        known = [c for c in citing if classes_of(c)]
        if years[i] is None:
            fwd, fs = "", "no_year"
        else:
            fwd = str(sum(1 for c in with_year if year_of(c) <= years[i] + 5))
            fs = "unknown_citing_years" if len(with_year) < len(citing) else "ok"
        if not citing:
            gen, gs = "", "no_citations"
        elif not known:
            gen, gs = "", "no_known_classes"
        else:
            share = {}
            for c in known:
                for k in classes_of(c):
                    share[k] = share.get(k, 0.0) + 1.0 / len(classes_of(c))
            gen = "%.6f" % (1.0 - sum((w / len(known)) ** 2 for w in share.values()))
            gs = "unknown_citing_classes" if len(known) < len(citing) else "ok"
        print("\t".join([ids[i], "" if years[i] is None else str(years[i]), str(len(citing)), str(len(with_year)),
                         str(len(known)), str(len(cited)), fwd, fs, gen, gs]))


if __name__ == "__main__":
    main()
