"""Independent handling of the OpenAlex web interface's CSV export with Python's csv and json
modules, for tests/io/csv_works.test.cpp.

read FILE...: one line per work of each CSV file, in file order (a work whose id appeared
earlier in the same file is left out), as tests/io/json_works_reference.py prints works:

    ID YEAR COUNTRIES INSTITUTIONS REFERENCES

ID is `id` without https://openalex.org/; YEAR the first four characters of
`publication_year` (- when empty); COUNTRIES the distinct non-empty items of
`authorships.countries` (split at '|'), sorted and joined by ',' (- when none); INSTITUTIONS
the number of distinct non-empty items of `authorships.institutions.display_name`; REFERENCES
the number of distinct non-empty items of `referenced_works`.

flatten OUT JSON...: writes the works of OpenAlex API pages (JSON, {"results": [...]}) to OUT in
the layout of the web export: id, display_name, publication_year, authorships.countries (per
authorship its `countries`, else its institutions' country_code), authorships.institutions.
display_name and referenced_works, each list joined by '|' (items holding '|' are not expected).

usage: openalex_csv_reference.py read FILE... | flatten OUT JSON...
"""
import csv
import json
import sys

PREFIX = "https://openalex.org/"


def items(cell):
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def strip(v):
    v = v.strip()
    return v[len(PREFIX):] if v.startswith(PREFIX) else v


def read(files):
    for path in files:
        seen = set()
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                wid = strip(row["id"])
                if wid in seen:
                    continue
                seen.add(wid)
                year = row["publication_year"].strip()[:4] or "-"
                countries = sorted(set(items(row.get("authorships.countries"))))
                institutions = set(items(row.get("authorships.institutions.display_name")))
                refs = set(strip(r) for r in items(row.get("referenced_works")))
                print(wid, year, ",".join(countries) or "-", len(institutions), len(refs))


def flatten(out, files):
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "display_name", "publication_year", "authorships.countries",
                    "authorships.institutions.display_name", "referenced_works"])
        for path in files:
            with open(path, encoding="utf-8-sig") as j:
                page = json.load(j)
            for work in page["results"]:
                countries, institutions = [], []
                for a in work.get("authorships") or []:
                    insts = a.get("institutions") or []
                    if "countries" in a:
                        countries += [c for c in a["countries"] or [] if isinstance(c, str)]
                    else:
                        countries += [i.get("country_code") for i in insts if isinstance(i.get("country_code"), str)]
                    institutions += [i.get("display_name") for i in insts if isinstance(i.get("display_name"), str)]
                year = work.get("publication_year")
                w.writerow([work["id"], work.get("display_name") or "", "" if year is None else str(year),
                            "|".join(countries), "|".join(institutions),
                            "|".join(work.get("referenced_works") or [])])


def main():
    if sys.argv[1] == "read":
        read(sys.argv[2:])
    elif sys.argv[1] == "flatten":
        flatten(sys.argv[2], sys.argv[3:])
    else:
        sys.exit("usage: openalex_csv_reference.py read FILE... | flatten OUT JSON...")


if __name__ == "__main__":
    main()
