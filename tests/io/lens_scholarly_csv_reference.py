"""Independent reading of a Lens scholarly CSV export (lens.org scholarly search, "Export" ->
CSV) with Python's csv module, for tests/io/lens_scholarly_csv.test.cpp and
tests/cli/check_lens_scholarly_csv.py.

Prints one tab-separated line per distinct `Lens ID` (the first row of an id; later ones are
duplicates): the id, `Publication Year` ('-' when empty), the cited works of `References`
(';'-separated items, trimmed, each once, in order; '-' for none), the title and the keywords
('; '-joined). The last line is "duplicates N".

usage: lens_scholarly_csv_reference.py FILE
"""
import csv
import sys


def items(cell):
    out = []
    for x in (cell or "").split(";"):
        x = x.strip()
        if x and x not in out:
            out.append(x)
    return out


def main():
    seen, dups = set(), 0
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            rid = row["Lens ID"].strip()
            if rid in seen:
                dups += 1
                continue
            seen.add(rid)
            print("\t".join([rid, row["Publication Year"].strip() or "-", ";".join(items(row["References"])) or "-",
                             row["Title"].strip(), "; ".join(items(row["Keywords"]))]))
    print("duplicates", dups)


if __name__ == "__main__":
    main()
