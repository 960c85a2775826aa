"""Independent reading of OpenAlex works with Python's json module, for
tests/io/openalex.test.cpp: one line per work, in file order,

    ID YEAR COUNTRIES INSTITUTIONS

ID without the https://openalex.org/ prefix; YEAR the publication_year or -
when null; COUNTRIES the sorted distinct codes of authorships[].countries
(an authorship without that member: its institutions' country_code), joined
by ',' or - when none; INSTITUTIONS the number of distinct non-empty
institution display names. The files are API pages ({"results": [...]}),
arrays of works, or JSON Lines of either.

usage: openalex_reference.py FILE...
"""
import json
import sys


def works_of(value):
    if isinstance(value, list):
        for w in value:
            yield w
    elif isinstance(value, dict) and isinstance(value.get("results"), list):
        for w in value["results"]:
            yield w
    else:
        yield value


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
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
        for v in values(text):
            for w in works_of(v):
                countries, institutions = set(), set()
                for a in w.get("authorships") or []:
                    insts = a.get("institutions") or []
                    if "countries" in a:
                        countries.update(c.strip() for c in a["countries"] if isinstance(c, str) and c.strip())
                    else:
                        countries.update(i["country_code"].strip() for i in insts
                                         if isinstance(i.get("country_code"), str) and i["country_code"].strip())
                    institutions.update(i["display_name"].strip() for i in insts
                                        if isinstance(i.get("display_name"), str) and i["display_name"].strip())
                wid = w["id"].strip()
                if wid.startswith("https://openalex.org/"):
                    wid = wid[len("https://openalex.org/"):]
                year = w.get("publication_year")
                print("%s %s %s %d" % (wid, "-" if year is None else year,
                                       ",".join(sorted(countries)) or "-", len(institutions)))


if __name__ == "__main__":
    main()
