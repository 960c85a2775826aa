"""Independent reading of Google Patents CSV exports with Python's csv module, for
tests/io/google_patents.test.cpp and tests/cli/check_google_patents.py. One line per
record, in file order, fields separated by tabs:

    ID JURISDICTION KIND PUBLICATION APPLICATION PRIORITY APPLICANTS INVENTORS TITLE

The file is decoded as UTF-8 when it is UTF-8; otherwise as Python's strict cp1252 codec,
and when that fails (a byte CP1252 leaves unassigned) as mac_roman. Line 1 starts with
'search URL:' and is skipped; line 2 is the header; columns are found by name.

ID: the `id` cell as "CC NUMBER KIND": `BR-112018012788-B1` and `US5686888A` (kind = the
last letter and at most two digits after it, a digit before that letter) both split into
country, number and kind; leading zeros of the number after its letter prefix dropped
(`PI0617206` -> `PI617206`). JURISDICTION and KIND: from ID.
PUBLICATION: the year of `publication date` (YYYY-MM-DD, or M/D/YY with 00-29 -> 20YY,
30-99 -> 19YY); APPLICATION, PRIORITY: the years of `filing/creation date` and
`priority date`, a two-digit year being the latest year ending in those digits that is not
after PUBLICATION; '-' for an empty cell.
APPLICANTS, INVENTORS: the number of distinct names in `assignee`, `inventor/author`: the cell
split at ',', items stripped, empty ones dropped, an item whose words are all legal forms
(LEGAL below) joined to the item before it, names compared by their key (ASCII upper case,
runs of characters that are neither ASCII letters, digits nor non-ASCII as one blank).
TITLE: the `title` cell stripped of blanks.

usage: google_patents_reference.py FILE...            one line per record
       google_patents_reference.py --summary FILE...  per file: records, high bytes, encoding,
                                                      grant dates, figure links
"""
import csv
import io
import re
import sys

NO_YEAR = -32768
LEGAL = {"INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LTD", "LIMITED", "LLC",
         "LLP", "PLC", "GMBH", "AG", "KG", "SA", "SAS", "SARL", "SPA", "SRL", "BV", "NV", "AB",
         "ASA", "OY", "OYJ", "KK", "PTY", "PVT", "GROUP", "HOLDINGS", "HOLDING", "公司",
         "株式会社", "有限会社", "集团", "企业", "주식회사", "ООО", "ОАО", "ЗАО", "ПАО", "АО"}
HYPHENATED = re.compile(r"^([A-Za-z]{2})-?([A-Za-z]*)(\d\w*?)-([A-Za-z]\d{0,2})$")
JOINED = re.compile(r"^([A-Za-z]{2})([A-Za-z]*)(\d\w*\d)([A-Za-z]\d{0,2})$")
ISO = re.compile(r"^(\d{4})-\d{2}-\d{2}$")
MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$")
BLANKS = " \t\r\n"


def decode(raw):
    for enc in ("utf-8", "cp1252", "mac_roman"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise ValueError("undecodable")


def record_id(cell):
    cell = cell.strip(BLANKS)
    m = HYPHENATED.match(cell) if "-" in cell else JOINED.match(cell)
    if not m:
        raise ValueError("not a publication number: %r" % cell)
    country, prefix, number, kind = m.groups()
    number = number.lstrip("0") or "0"
    return "%s %s%s %s" % (country.upper(), prefix, number, kind)


def year(cell, reference=NO_YEAR):
    cell = cell.strip(BLANKS)
    if not cell:
        return NO_YEAR
    m = ISO.match(cell)
    if m:
        return int(m.group(1))
    m = MDY.match(cell)
    if not m:
        raise ValueError("not a date: %r" % cell)
    yy = int(m.group(3))
    if reference == NO_YEAR:
        return 2000 + yy if yy <= 29 else 1900 + yy
    y = reference - reference % 100 + yy
    return y if y <= reference else y - 100


def key(name):
    out, gap = [], False
    for ch in name:
        if ord(ch) >= 0x80 or (ch.isascii() and ch.isalnum()):
            if gap and out:
                out.append(" ")
            gap = False
            out.append(ch.upper() if ch.isascii() else ch)
        else:
            gap = True
    return "".join(out)


def names(cell):
    items = []
    for item in cell.split(","):
        item = item.strip(BLANKS)
        if not item:
            continue
        words = key(item).split(" ")
        if items and key(item) and all(w in LEGAL for w in words):
            items[-1] = items[-1] + ", " + item
        else:
            items.append(item)
    return len({key(i) for i in items})


def rows(path):
    raw = open(path, "rb").read()
    text, enc = decode(raw)
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines)
    first = next(reader)
    assert first[0].startswith("search URL:"), first
    header = [h.strip(BLANKS) for h in next(reader)]
    col = {h: i for i, h in enumerate(header)}
    out = []
    for row in reader:
        if not any(c.strip(BLANKS) for c in row):
            continue
        out.append({h: row[i] for h, i in col.items()})
    return out, raw, enc


def line(r):
    rid = record_id(r["id"])
    country, _, kind = rid.split(" ")
    pub = year(r["publication date"])
    app = year(r["filing/creation date"], pub)
    prio = year(r["priority date"], pub)
    shown = [str(y) if y != NO_YEAR else "-" for y in (pub, app, prio)]
    return "\t".join([rid, country, kind] + shown + [str(names(r["assignee"])),
                      str(names(r["inventor/author"])), r["title"].strip(BLANKS)])


def main(argv):
    summary = argv[:1] == ["--summary"]
    for path in argv[1:] if summary else argv:
        recs, raw, enc = rows(path)
        if summary:
            grants = sum(1 for r in recs if r["grant date"].strip(BLANKS))
            figures = sum(1 for r in recs if r.get("representative figure link", "").strip(BLANKS))
            high = sum(1 for b in raw if b >= 0x80) if enc != "utf-8" else 0
            print("%d\t%d\t%s\t%d\t%d" % (len(recs), high, enc, grants, figures))
        else:
            for r in recs:
                print(line(r))


if __name__ == "__main__":
    main(sys.argv[1:])
