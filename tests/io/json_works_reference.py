"""Independent reading of OpenAlex and Lens scholarly works with Python's
json module, for tests/io/openalex.test.cpp and tests/io/lens_scholarly.test.cpp:
one line per work, in file order,

    ID YEAR COUNTRIES INSTITUTIONS REFERENCES

openalex: ID without the https://openalex.org/ prefix; YEAR the
publication_year; COUNTRIES the codes of authorships[].countries (an
authorship without that member: its institutions' country_code);
INSTITUTIONS the distinct institution display names.
lens-scholarly: ID the lens_id; YEAR the year_published; COUNTRIES the
authors[].affiliations[].country_code; INSTITUTIONS the distinct affiliation
names.
REFERENCES is the number of distinct cited works (openalex: referenced_works;
lens-scholarly: references[].lens_id). YEAR is - when null or absent; COUNTRIES are sorted, distinct, joined by ','
(- when none); INSTITUTIONS is a count of non-empty names. The files are API
pages ({"results": [...]} / {"data": [...]}), arrays of works, or JSON Lines
of either; a UTF-8 byte-order mark is skipped.

usage: json_works_reference.py openalex|lens-scholarly FILE...
"""
import json
import sys


def works_of(value, page):
    if isinstance(value, list):
        for w in value:
            yield w
    elif isinstance(value, dict) and isinstance(value.get(page), list):
        for w in value[page]:
            yield w
    else:
        yield value


def text_items(values, key=None):
    """Non-empty stripped strings of a list (of objects' KEY members when KEY is given)."""
    out = []
    for v in values or []:
        if key is not None:
            v = v.get(key) if isinstance(v, dict) else None
        if isinstance(v, str) and v.strip():
            out.append(v.strip())
    return out


def openalex(w):
    countries, institutions = set(), set()
    for a in w.get("authorships") or []:
        insts = a.get("institutions") or []
        if "countries" in a:
            countries.update(text_items(a["countries"]))
        else:
            countries.update(text_items(insts, "country_code"))
        institutions.update(text_items(insts, "display_name"))
    wid = w["id"].strip()
    if wid.startswith("https://openalex.org/"):
        wid = wid[len("https://openalex.org/"):]
    refs = set(r.strip() for r in w.get("referenced_works") or [] if isinstance(r, str) and r.strip())
    return wid, w.get("publication_year"), countries, institutions, refs


def lens_scholarly(w):
    countries, institutions = set(), set()
    for a in w.get("authors") or []:
        affs = a.get("affiliations") or []
        countries.update(text_items(affs, "country_code"))
        institutions.update(text_items(affs, "name"))
    refs = set(text_items(w.get("references"), "lens_id"))
    return w["lens_id"].strip(), w.get("year_published"), countries, institutions, refs


def values(text):
    dec = json.JSONDecoder()
    i = 0
    while True:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        if i >= len(text):
            return
        v, i = dec.raw_decode(text, i)
        yield v


def main():
    fmt = sys.argv[1]
    read, page = {"openalex": (openalex, "results"), "lens-scholarly": (lens_scholarly, "data")}[fmt]
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
        for v in values(text):
            for w in works_of(v, page):
                wid, year, countries, institutions, refs = read(w)
                print("%s %s %s %d %d" % (wid, "-" if year is None else year,
                                          ",".join(sorted(countries)) or "-", len(institutions), len(refs)))


if __name__ == "__main__":
    main()
