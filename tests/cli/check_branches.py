"""End-to-end check of `techconv branches` on the real WoS and Scopus exports.

The branches of every record are computed here independently: Python's csv
module reads the title and keywords (WoS tab-delimited TI, DE, ID; Scopus
Title, Author Keywords, Index Keywords), and the matching rule of
docs/classification.md is rewritten as regular expressions (ASCII case-fold,
blank / '-' / '_' runs as one space, word boundaries on ASCII letters and
digits, an optional English plural 's', exclusions veto, restricted terms
only with --all-terms). records.csv, branches.csv and years.csv must agree
exactly. A terms file of our own is used so that the BLE / IoT exports have
hits; the built-in [COOP] Table 1 run is checked for its columns and for
agreeing with records.csv.

usage: check_branches.py TECHCONV DATA_DIR WORK_DIR
"""
import csv
import os
import re
import sys

from cli_util import check, close, header, read_csv, run

TERMS = [
    ("BLE", "Bluetooth Low Energy", ""),
    ("BLE", "BLE", ""),
    ("IoT", "Internet of Things", "term"),
    ("IoT", "IoT", ""),
    ("Sensors", "sensor", ""),
    ("Sensors", "wireless sensor network", "exclusion"),
    ("Energy", "energy harvesting", ""),
    ("Energy", "\u80fd\u91cf\u6536\u96c6", ""),  # Chinese: a substring term
    ("Security", "security", "restricted"),
]


def fold(text):
    text = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)
    return re.sub(r"[ \t\r\n\-_]+", " ", text).strip()


def pattern(term):
    t = fold(term)
    left = re.match(r"[a-z0-9]", t[0]) is not None
    right = re.match(r"[a-z0-9]", t[-1]) is not None
    p = re.escape(t)
    if left:
        p = r"(?<![a-z0-9])" + p
    if right:
        p += (r"s?" if t[-1].isalpha() else "") + r"(?![a-z0-9])"
    return re.compile(p)


def branches_of(text, all_terms):
    text = fold(text)
    names = []
    for name in dict.fromkeys(b for b, _, _ in TERMS):
        terms = [t for b, t, k in TERMS if b == name and (k in ("", "term") or (k == "restricted" and all_terms))]
        excl = [t for b, t, k in TERMS if b == name and k == "exclusion"]
        if any(pattern(t).search(text) for t in terms) and not any(pattern(t).search(text) for t in excl):
            names.append(name)
    return names


def join_items(*cells):
    return "; ".join(c.strip() for c in cells if c and c.strip())


def wos_tab(path):
    out, seen = [], set()
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["UT"] in seen:
                continue
            seen.add(row["UT"])
            out.append((row["UT"].strip(), row["PY"].strip(), (row.get("TI") or "").strip(),
                        join_items(row.get("DE"), row.get("ID"))))
    return out


def scopus(path):
    out, seen = [], set()
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["EID"] in seen:
                continue
            seen.add(row["EID"])
            out.append((row["EID"].strip(), row["Year"].strip()[:4], (row.get("Title") or "").strip(),
                        join_items(row.get("Author Keywords"), row.get("Index Keywords"))))
    return out


def compare(out_dir, records, all_terms):
    names = list(dict.fromkeys(b for b, _, _ in TERMS))
    check(header(os.path.join(out_dir, "records.csv")) == ["id", "year"] + names, "records.csv columns")
    got = read_csv(os.path.join(out_dir, "records.csv"))
    check(len(got) == len(records), "records.csv has %d rows, expected %d" % (len(got), len(records)))
    per_branch = dict.fromkeys(names, 0)
    cells = {}
    for r, (rid, year, title, kw) in zip(got, records):
        text = title + (" | " + kw if kw else "")
        expect = branches_of(text, all_terms)
        check(r["id"] == rid and r["year"] == year, "records.csv row %s/%s vs %s/%s" % (r["id"], r["year"], rid, year))
        mine = [n for n in names if r[n] == "1"]
        check(mine == expect, "%s: branches %s, expected %s (text %r)" % (rid, mine, expect, text[:200]))
        for n in expect:
            per_branch[n] += 1
            if year:
                cells[(int(year), n)] = cells.get((int(year), n), 0) + 1
    rows = read_csv(os.path.join(out_dir, "branches.csv"))
    check([r["branch"] for r in rows] == names, "branches.csv branch order")
    for r in rows:
        n = per_branch[r["branch"]]
        check(int(r["records"]) == n and close(float(r["share"]), n / len(records)),
              "branches.csv %s: %s vs %d" % (r["branch"], r["records"], n))
    order = {n: k for k, n in enumerate(names)}
    expect_cells = sorted(cells.items(), key=lambda kv: (kv[0][0], order[kv[0][1]]))
    got_cells = [((int(r["year"]), r["branch"]), int(r["records"])) for r in read_csv(os.path.join(out_dir, "years.csv"))]
    check(got_cells == expect_cells, "years.csv differs: %s vs %s" % (got_cells[:5], expect_cells[:5]))
    return per_branch


def main():
    exe, data, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    terms = os.path.join(work, "terms.csv")
    with open(terms, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["branch", "term", "kind"])
        w.writerows(TERMS)

    tab = os.path.join(data, "wos-ble-scientopy", "wos_2026_04_02_1000.txt")
    recs = wos_tab(tab)
    out = os.path.join(work, "branches-wostab")
    run(exe, ["branches", tab, "--out", out, "--terms", terms, "--quiet"])
    n = compare(out, recs, False)
    check(n["Security"] == 0, "restricted terms counted without --all-terms")
    check(n["BLE"] > 100 and n["Sensors"] > 10, "too few hits to be a test: %s" % n)
    print("wos tab: %s" % n)
    out = os.path.join(work, "branches-wostab-all")
    run(exe, ["branches", tab, "--out", out, "--terms", terms, "--all-terms", "--quiet"])
    n = compare(out, recs, True)
    check(n["Security"] > 0, "--all-terms counts restricted terms")
    print("wos tab, --all-terms: %s" % n)

    sc = os.path.join(data, "scopus-ble-iot-scientopy", "scopus.csv")
    out = os.path.join(work, "branches-scopus")
    run(exe, ["branches", sc, "--out", out, "--terms", terms, "--quiet"])
    print("scopus: %s" % compare(out, scopus(sc), False))

    # the built-in [COOP] Table 1 branches: columns in the table's order, counts agree with records.csv
    out = os.path.join(work, "branches-coop")
    run(exe, ["branches", tab, "--out", out, "--quiet"])
    coop = ["Brain-like chip", "GPU", "VPU", "DPU", "NPU", "IPU", "TPU", "FPGA", "ASIC", "CPLD", "VLSI"]
    check(header(os.path.join(out, "records.csv")) == ["id", "year"] + coop, "[COOP] Table 1 columns")
    rows = read_csv(os.path.join(out, "records.csv"))
    for r in read_csv(os.path.join(out, "branches.csv")):
        check(int(r["records"]) == sum(x[r["branch"]] == "1" for x in rows), "branches.csv %s" % r["branch"])

    # a bad terms file is an error naming file, line and field
    bad = os.path.join(work, "bad-terms.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("branch,term,kind\nA,x,term\nA,y,sometimes\n")
    rc, _, err = run(exe, ["branches", tab, "--out", os.path.join(work, "bad"), "--terms", bad], expect_ok=False)
    check(rc == 1 and "bad-terms.csv:3" in err and "kind" in err, "bad terms file: rc %d, %s" % (rc, err))
    print("bad terms file: %s" % err.strip())


if __name__ == "__main__":
    main()
