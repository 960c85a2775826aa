#!/usr/bin/env python3
"""Independent reading of a PATSTAT extract (tests/io/patstat/) with pandas merges.

Usage: patstat_reference.py FOLDER

Prints one line per application of tls201_appln, in its order, in the form of
tests/io/patstat.test.cpp's ps_line:
id, family, publication/application/priority years, IPC codes, applicants
(name@country), inventors (name@country), backward citations, cited publications,
NPL items, forward citations; tab-separated, lists ',' or ';' joined, '-' when empty,
'-' for no year and -1 for no count.

The rules are written here from the PATSTAT Global data catalogue, not from the C++ reader:
the first publication is the earliest publn_date, then the smallest pat_publn_id; 9999 is an
unknown year; the IPC symbol loses its blanks, version date and flags; position F comes first;
applicants are persons with applt_seq_nr > 0, inventors with invt_seq_nr > 0, in sequence order.
"""
import os
import re
import sys

import pandas as pd

NO_YEAR = "-"


def table(folder, name):
    return pd.read_csv(os.path.join(folder, name + ".csv"), dtype=str, keep_default_na=False)


def year(v):
    v = str(v).strip()
    if not v or v.startswith("9999"):
        return NO_YEAR
    return int(v[:4])


def pub_id(auth, nr, kind):
    nr = re.sub(r"\s", "", nr).lstrip("0") or "0"
    return f"{auth} {nr}" + (f" {kind}" if kind else "")


def ipc_compact(symbol):
    m = re.fullmatch(r"\s*([A-HY]\d\d[A-Z])\s*(\d{1,4})\s*/\s*(\d{2,6})(?:\s+\d{8}[A-Z]{0,3})?\s*", symbol)
    sub = m.group(3).rstrip("0")
    if len(sub) < 2:
        sub = sub.ljust(2, "0")
    return f"{m.group(1)}{int(m.group(2))}/{sub}", (symbol.strip()[-2:-1] if re.search(r"\d{8}[A-Z]{3}\s*$", symbol) else "")


def main():
    folder = sys.argv[1]
    app = table(folder, "tls201_appln")
    pub = table(folder, "tls211_pat_publn")
    cit = table(folder, "tls212_citation")
    ipc = table(folder, "tls209_appln_ipc")
    links = table(folder, "tls207_pers_appln")
    persons = table(folder, "tls206_person")

    # first publication per application
    p = pub.merge(app[["appln_id"]], on="appln_id", how="inner").copy()
    p["pid"] = p["pat_publn_id"].astype(int)
    p["number"] = [pub_id(a, n, k) for a, n, k in zip(p.publn_auth, p.publn_nr, p.publn_kind)]
    first = p.sort_values(["publn_date", "pid"]).groupby("appln_id", sort=False).head(1).set_index("appln_id")

    # citations: citing publication -> application; cited publication -> number
    c = cit.merge(p[["pat_publn_id", "appln_id"]], on="pat_publn_id", how="inner")
    c = c.merge(p[["pat_publn_id", "number"]].rename(columns={"pat_publn_id": "cited_pat_publn_id", "number": "cited_number"}),
                on="cited_pat_publn_id", how="left")

    # IPC per application
    i = ipc.merge(app[["appln_id"]], on="appln_id", how="inner").copy()
    parsed = [ipc_compact(s) for s in i.ipc_class_symbol]
    i["code"] = [x[0] for x in parsed]
    i["first"] = [(pos.strip() == "F") or (x[1] == "F") for pos, x in zip(i.ipc_position, parsed)]
    i["order"] = range(len(i))

    # persons per application
    l = links.merge(app[["appln_id"]], on="appln_id", how="inner").merge(persons, on="person_id", how="inner")

    for _, a in app.iterrows():
        aid = a.appln_id
        if aid in first.index:
            f = first.loc[aid]
            rid, pyear = f.number, year(f.publn_date)
        else:
            rid, pyear = pub_id(a.appln_auth, a.appln_nr, ""), NO_YEAR
        fam = a.docdb_family_id if a.docdb_family_id not in ("", "0") else "-"
        ayear = year(a.appln_filing_year)
        prio = year(a.earliest_filing_year) if year(a.earliest_filing_year) != NO_YEAR else ayear
        codes = i[i.appln_id == aid]
        ordered = [r.code for r in codes.itertuples() if r.first] + [r.code for r in codes.itertuples() if not r.first]
        seen, ipcs = set(), []
        for code in ordered:
            if code not in seen:
                seen.add(code)
                ipcs.append(code)
        mine = l[l.appln_id == aid]
        appl = mine[mine.applt_seq_nr.astype(int) > 0].assign(s=lambda d: d.applt_seq_nr.astype(int)).sort_values("s", kind="stable")
        invt = mine[mine.invt_seq_nr.astype(int) > 0].assign(s=lambda d: d.invt_seq_nr.astype(int)).sort_values("s", kind="stable")
        cc = c[c.appln_id == aid]
        keys, named = [], []
        for r in cc.itertuples():
            key = r.cited_pat_publn_id if r.cited_pat_publn_id != "0" else ("a" + r.cited_appln_id if r.cited_appln_id != "0" else None)
            if key is None or key in keys:
                continue
            keys.append(key)
            if isinstance(r.cited_number, str):
                named.append(r.cited_number)
        npl = int((cc.cited_npl_publn_id != "0").sum())
        fwd = int(a.nb_citing_docdb_fam) if a.nb_citing_docdb_fam else -1
        join = lambda xs, sep=",": sep.join(xs) if xs else "-"
        print("\t".join([rid, fam, str(pyear), str(ayear), str(prio), join(ipcs),
                         join([f"{r.person_name}@{r.person_ctry_code}" for r in appl.itertuples()], ";"),
                         join([f"{r.person_name}@{r.person_ctry_code}" for r in invt.itertuples()], ";"),
                         str(len(keys)), join(named), str(npl), str(fwd)]))


if __name__ == "__main__":
    main()
