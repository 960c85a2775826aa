#!/usr/bin/env python3
"""A generated PATSTAT extract, and an independent join of it with Python's csv module.

Usage:
  patstat_extract.py write DIR APPLICATIONS PARTS SEED
      Writes the six tables of an extract of APPLICATIONS applications into DIR, in the layout
      of the PATSTAT Global data catalogue (column names and order of tls201_appln,
      tls211_pat_publn, tls212_citation, tls209_appln_ipc, tls207_pers_appln, tls206_person),
      sorted as techconv's streamed reader needs them (docs/io-patents.md): tls201, tls211,
      tls209 and tls207 by appln_id, tls212 grouped by the application of its pat_publn_id;
      tls206 in no order. tls201 is split into PARTS files, tls207 and tls212 into two. Every
      value is invented (random.Random(SEED)); rows about applications, publications and
      persons outside the extract are mixed in. Prints "applications N".
  patstat_extract.py join DIR
      Reads every .csv file of DIR (each table found by its header, parts in name order) and
      prints, per application of tls201 in its order, the line of tests/io/patstat.test.cpp's
      px_line, then "outside FILE N" per file (rows about applications, publications or
      persons outside the extract) and "unlinked N" (person links whose person is not in
      tls206).

The join rules are written here from the PATSTAT Global data catalogue and
docs/io-patents.md, not from the C++ reader; the tables are read whole into dicts (a test
size).
"""
import csv
import os
import random
import re
import sys

APPLN = ["appln_id", "appln_auth", "appln_nr", "appln_kind", "appln_filing_date", "appln_filing_year",
         "earliest_filing_year", "docdb_family_id", "inpadoc_family_id", "granted", "nb_citing_docdb_fam"]
PUBLN = ["pat_publn_id", "publn_auth", "publn_nr", "publn_nr_original", "publn_kind", "appln_id", "publn_date",
         "publn_lg", "publn_first_grant", "publn_claims"]
CITATION = ["pat_publn_id", "citn_replenished", "citn_id", "citn_origin", "cited_pat_publn_id", "cited_appln_id",
            "pat_citn_seq_nr", "cited_npl_publn_id", "npl_citn_seq_nr", "citn_gener_auth"]
IPC = ["appln_id", "ipc_class_symbol", "ipc_class_level", "ipc_version", "ipc_value", "ipc_position",
       "ipc_gener_auth"]
PERS_APPLN = ["person_id", "appln_id", "applt_seq_nr", "invt_seq_nr"]
PERSON = ["person_id", "person_name", "person_ctry_code", "psn_name", "psn_sector"]

# IPC symbols in PATSTAT's padded form: subclass, main group right-aligned in four, '/', subgroup
SYMBOLS = ["G06F  17/30", "H04L   9/32", "A61B   5/00", "G06N   3/08", "B65D  81/00", "C07D 401/04",
           "H01L  21/02", "G06F  21/60", "A61K  31/4706", "F16H  57/021", "H02J   7/00", "G06Q  50/00"]
OFFICES = ["EP", "US", "CN", "WO", "JP", "DE", "KR"]
SECTORS = ["COMPANY", "UNIVERSITY", "GOV NON-PROFIT", "HOSPITAL", "INDIVIDUAL", "UNKNOWN", ""]
NAMES = ["Acme Widgets GmbH", "Müller, Anna", "Rossi, Marco", "Smith \"Jack\" John", "Université de Test",
         "Institut National", "Zhang Wei", "Dupont, Claire", "Tanaka Co., Ltd.", "Ørsted A/S"]


class Parts:
    """Rows of one table written as they come, into `parts` files of about `per` rows each."""

    def __init__(self, folder, stem, header, parts, per):
        self.folder, self.stem, self.header, self.parts, self.per = folder, stem, header, parts, per
        self.k, self.n, self.f, self.w = 0, 0, None, None

    def name(self):
        return f"{self.stem}_part{self.k:02d}.csv" if self.parts > 1 else f"{self.stem}.csv"

    def open(self):
        if self.f:
            self.f.close()
        self.k += 1
        self.f = open(os.path.join(self.folder, self.name()), "w", encoding="utf-8", newline="")
        self.w = csv.writer(self.f, lineterminator="\n")
        self.w.writerow(self.header)

    def group(self, rows):
        """Writes the rows of one application (never split across two parts)."""
        if self.f is None or (self.k < self.parts and self.n >= self.k * self.per):
            self.open()
        self.w.writerows(rows)
        self.n += 1

    def close(self):
        while self.k < self.parts:  # every part exists, maybe with its header only
            self.open()
        self.f.close()


def write(folder, n, parts, seed):
    rnd = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    per = (n + parts - 1) // parts
    half = (n + 1) // 2
    t201 = Parts(folder, "tls201_appln", APPLN, parts, per)
    t211 = Parts(folder, "tls211_pat_publn", PUBLN, 1, n + 1)
    t212 = Parts(folder, "tls212_citation", CITATION, 2, half)
    t209 = Parts(folder, "tls209_appln_ipc", IPC, 1, n + 1)
    t207 = Parts(folder, "tls207_pers_appln", PERS_APPLN, 2, half)
    npersons = max(10, n)
    pubs = []  # pat_publn_ids written so far (the cited side)
    a, count = 100000, 0
    while count < n:
        a += rnd.randint(1, 3)
        inside = rnd.random() >= 0.05  # else an application outside the extract (in no tls201 row)
        if inside:
            count += 1
            year = rnd.randint(1985, 2022) if rnd.random() > 0.03 else 9999
            earliest = "" if rnd.random() < 0.1 else (year if year == 9999 else year - rnd.randint(0, 2))
            family = rnd.randint(1, max(1, n // 2)) if rnd.random() > 0.05 else 0
            citing = "" if rnd.random() < 0.1 else rnd.randint(0, 40)
            date = f"{year}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}" if year != 9999 else "9999-12-31"
            t201.group([[a, rnd.choice(OFFICES), rnd.randint(1, 10**9), "A", date, year, earliest, family,
                         family + 7, "N", citing]])
        # publications: ids scrambled, not in appln_id order
        mine = []
        rows = []
        for j in range(rnd.choice([0, 1, 1, 2, 2, 3])):
            pid = ((a * 4 + j) * 2654435761) % (2**31 - 1) + 1
            r = rnd.random()
            date = "" if r < 0.05 else ("9999-12-31" if r < 0.1 else
                                        f"{rnd.randint(1990, 2023)}-0{rnd.randint(1, 9)}-0{rnd.randint(1, 3)}")
            rows.append([pid, rnd.choice(OFFICES), rnd.randint(1, 10**9), "", rnd.choice(["A1", "B1", "A", "U"]), a,
                         date, "en", "N", rnd.choice([0, 0, rnd.randint(1, 40)])])
            mine.append(pid)
        rnd.shuffle(rows)
        t211.group(rows)
        pubs += mine
        # citations of those publications, in any order among themselves
        rows = []
        for pid in mine:
            for k in range(rnd.choice([0, 1, 2, 3, 4])):
                r = rnd.random()
                cited, cited_app, npl = 0, 0, 0
                if r < 0.55:
                    cited = rnd.choice(pubs)
                elif r < 0.7:
                    cited = 3 * 10**9 + rnd.randint(1, 50)  # a publication outside the extract
                elif r < 0.85:
                    cited_app = a - rnd.randint(0, 50)
                else:
                    npl = rnd.randint(1, 10**6)
                rows.append([pid, 0, k + 1, rnd.choice(["SEA", "APP", "EXA"]), cited, cited_app, k + 1, npl, 0, "EP"])
        rnd.shuffle(rows)
        if rnd.random() < 0.02:  # a citing publication not in tls211, anywhere
            rows.insert(0, [3 * 10**9 + rnd.randint(51, 99), 0, 1, "SEA", rnd.choice(pubs or [1]), 0, 1, 0, 0, "EP"])
        t212.group(rows)
        rows = []
        for _ in range(rnd.choice([0, 1, 2, 3, 4])):
            s = rnd.choice(SYMBOLS)
            if rnd.random() < 0.2:  # the concatenated form, flags in the symbol
                rows.append([a, s + "  20060101" + rnd.choice("AC") + rnd.choice("FL") + rnd.choice("IN"), "", "", "",
                             "", "EP"])
            else:
                rows.append([a, s, rnd.choice("AC"), "2006-01-01", rnd.choice("IN"), rnd.choice("FL"), "EP"])
        t209.group(rows)
        rows = []
        for _ in range(rnd.choice([0, 1, 2, 3, 4])):
            applt = rnd.choice([0, 1, 2, 3])
            invt = rnd.choice([0, 1, 2, 3]) if applt == 0 or rnd.random() < 0.3 else 0
            rows.append([rnd.randint(1, npersons + 20), a, applt, invt])  # ids above npersons: not in tls206
        t207.group(rows)
    for t in (t201, t211, t212, t209, t207):
        t.close()
    order = list(range(1, npersons + 1))
    rnd.shuffle(order)
    with open(os.path.join(folder, "tls206_person.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(PERSON)
        for pid in order:
            name = rnd.choice(NAMES) + f" {pid}"
            w.writerow([pid, name, rnd.choice(["DE", "us", "FR", "", "XXX", "CN", "JP"]), name.upper(),
                        rnd.choice(SECTORS)])
    print("applications %d" % count)


# ---- the independent join ----

def table_of(header):
    h = {c.strip().lower() for c in header}
    if {"appln_id", "appln_auth", "appln_nr"} <= h:
        return "appln"
    if {"appln_id", "ipc_class_symbol"} <= h:
        return "ipc"
    if {"person_id", "person_name"} <= h:
        return "person"
    if {"person_id", "appln_id"} <= h:
        return "pers_appln"
    if {"pat_publn_id", "citn_id"} <= h:
        return "citation"
    if {"pat_publn_id", "publn_auth", "publn_nr"} <= h:
        return "publn"
    return None


def year(v):
    v = v.strip()
    if not v or v.startswith("9999"):
        return "-"
    return str(int(v[:4]))


def pub_number(auth, nr, kind):
    nr = re.sub(r"\s", "", nr).lstrip("0") or "0"
    return f"{auth.strip()} {nr}" + (f" {kind.strip()}" if kind.strip() else "")


def ipc_code(symbol):
    m = re.fullmatch(r"\s*([A-HY]\d\d[A-Z])\s*(\d{1,4})\s*/\s*(\d{2,6})(\s+\d{8}([AC])([FL])([IN]))?\s*", symbol)
    sub = m.group(3).rstrip("0").ljust(2, "0")
    return f"{m.group(1)}{int(m.group(2))}/{sub}", (m.group(6) or "")


def join(folder):
    tables = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        kind = table_of(rows[0])
        tables.setdefault(kind, []).append((name, [dict(zip([c.strip().lower() for c in rows[0]], r)) for r in rows[1:]]))

    def rows(kind):
        for name, rs in tables.get(kind, []):
            for r in rs:
                yield name, r

    outside = {name: 0 for kind in tables for name, _ in tables[kind]}
    apps = [r for _, r in rows("appln")]
    extract = {int(r["appln_id"]) for r in apps}

    pubs = {}  # pat_publn_id -> (appln_id, number, date, claims); the first row of an id
    by_app = {}
    for name, r in rows("publn"):
        a = int(r["appln_id"])
        if a not in extract:
            outside[name] += 1
            continue
        pid = int(r["pat_publn_id"])
        date = r["publn_date"].strip() or "9999-12-31"
        item = (pid, pub_number(r["publn_auth"], r["publn_nr"], r["publn_kind"]), date, int(r["publn_claims"] or 0),
                r["publn_kind"].strip())
        pubs.setdefault(pid, (a, item[1]))
        by_app.setdefault(a, []).append(item)

    cites = {}
    for name, r in rows("citation"):
        pid = int(r["pat_publn_id"])
        if pid not in pubs:
            outside[name] += 1
            continue
        cites.setdefault(pubs[pid][0], []).append(r)

    codes = {}
    for name, r in rows("ipc"):
        a = int(r["appln_id"])
        if a not in extract:
            outside[name] += 1
            continue
        code, flag = ipc_code(r["ipc_class_symbol"])
        first = r["ipc_position"].strip() == "F" or flag == "F"
        lst = codes.setdefault(a, [])
        for item in lst:
            if item[0] == code:
                item[1] = item[1] or first
                break
        else:
            lst.append([code, first])

    linked = {}
    for name, r in rows("pers_appln"):
        a = int(r["appln_id"])
        if a not in extract:
            outside[name] += 1
            continue
        applt, invt = int(r["applt_seq_nr"] or 0), int(r["invt_seq_nr"] or 0)
        linked.setdefault(a, []).append((int(r["person_id"]), applt, invt))
    named = {p for ls in linked.values() for p, applt, invt in ls if applt > 0 or invt > 0}
    persons = {}
    for name, r in rows("person"):
        pid = int(r["person_id"])
        if pid not in named:
            outside[name] += 1
            continue
        c = r["person_ctry_code"].strip()
        persons[pid] = (r["person_name"].strip(), c.upper() if len(c) == 2 and c.isalpha() else "")

    unlinked = 0
    out = []
    for r in apps:
        a = int(r["appln_id"])
        ps = by_app.get(a, [])
        first = min(ps, key=lambda p: (p[2], p[0])) if ps else None
        rid = first[1] if first else pub_number(r["appln_auth"].upper(), r["appln_nr"], "")
        fam = r["docdb_family_id"].strip()
        fam = "-" if fam in ("", "0") else str(int(fam))
        app_year = year(r["appln_filing_year"])
        prio = year(r["earliest_filing_year"])
        if prio == "-":
            prio = app_year
        pub_year = year(first[2]) if first else "-"
        ipc = [c for c, f in codes.get(a, []) if f] + [c for c, f in codes.get(a, []) if not f]
        applicants, inventors = [], []
        for role, col in ((applicants, 1), (inventors, 2)):
            for pid, *seqs in sorted([l for l in linked.get(a, []) if l[col] > 0], key=lambda l: l[col]):
                if pid in persons:
                    role.append("%s@%s" % persons[pid])
                else:
                    unlinked += 1
        keys, cited, npl = [], [], 0
        for c in cites.get(a, []):
            n = c["cited_npl_publn_id"].strip()
            if n not in ("", "0"):
                npl += 1
            cp, ca = int(c["cited_pat_publn_id"] or 0), int(c["cited_appln_id"] or 0)
            if cp == 0 and ca == 0:
                continue
            key = cp if cp != 0 else -ca
            if key in keys:
                continue
            keys.append(key)
            if cp != 0 and cp in pubs:
                cited.append(pubs[cp][1])
        forward = r["nb_citing_docdb_fam"].strip()
        claims = max([p[3] for p in ps] + [0])
        kind = first[4] if first else ""
        out.append("\t".join([rid, fam, pub_year, app_year, prio, ",".join(ipc) or "-", ";".join(applicants) or "-",
                              ";".join(inventors) or "-", str(len(keys)), ",".join(cited) or "-", str(npl),
                              forward if forward else "-1", str(claims) if claims > 0 else "-1", kind or "-"]))
    for line in out:
        print(line)
    for name in sorted(outside):
        print("outside %s %d" % (name, outside[name]))
    print("unlinked %d" % unlinked)


def main():
    if sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif sys.argv[1] == "join":
        join(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
