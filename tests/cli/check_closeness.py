"""End-to-end check of `techconv closeness` on the real WoS and USPTO exports.

Countries per record come from the closeness module's independent extraction
(tests/closeness/country_reference.py: Python csv + last comma token + its own
alias map) and, for patents, from tests/io/uspto_reference.py (xml.etree:
inventor countries). N_i, N_ij and Salton are then computed here with a numpy
incidence matrix B (records x countries): N_ij = (B^T B)_ij, N_i = records of i
with at least one other country ([COOP] formula (1)), per year and overall,
and compared with pairs.csv and countries.csv.

usage: check_closeness.py TECHCONV DATA_DIR WORK_DIR
"""
import math
import os
import sys

import numpy as np

from cli_util import check, close, fail, header, read_csv, reference, run


def counts(records):
    """records: list of country lists. Returns {(a, b): (n_ab, n_a, n_b)}, {c: (records, international)}."""
    countries = sorted({c for r in records for c in r})
    idx = {c: k for k, c in enumerate(countries)}
    b = np.zeros((len(records), len(countries)))
    for i, r in enumerate(records):
        for c in r:
            b[i, idx[c]] = 1.0
    multi = b.sum(axis=1) >= 2
    co = b.T @ b
    n_int = b[multi].sum(axis=0)
    n_all = b.sum(axis=0)
    pairs = {}
    for x in range(len(countries)):
        for y in range(x + 1, len(countries)):
            if co[x, y] > 0:
                pairs[(countries[x], countries[y])] = (co[x, y], n_int[x], n_int[y])
    per_country = {c: (n_all[idx[c]], n_int[idx[c]]) for c in countries}
    return pairs, per_country


def compare(out_dir, expected_by_year):
    """expected_by_year: {year string: list of country lists}."""
    check(header(os.path.join(out_dir, "pairs.csv")) ==
          ["year", "country_i", "country_j", "n_ij", "n_i", "n_j", "salton", "share_i", "share_j"],
          "pairs.csv columns")
    check(header(os.path.join(out_dir, "countries.csv")) ==
          ["year", "country", "records", "international", "partners", "link_strength"], "countries.csv columns")
    got = {}
    for r in read_csv(os.path.join(out_dir, "pairs.csv")):
        got[(r["year"], r["country_i"], r["country_j"])] = r
    got_c = {(r["year"], r["country"]): r for r in read_csv(os.path.join(out_dir, "countries.csv"))}
    n_pairs = 0
    for year, recs in expected_by_year.items():
        pairs, per_country = counts(recs)
        for (a, b), (nab, na, nb) in pairs.items():
            n_pairs += 1
            r = got.pop((year, a, b), None)
            if r is None:
                fail("pair %s %s-%s missing from pairs.csv" % (year, a, b))
            salton = nab / math.sqrt(na * nb)
            check(float(r["n_ij"]) == nab and float(r["n_i"]) == na and float(r["n_j"]) == nb,
                  "%s %s-%s: counts %s/%s/%s, expected %g/%g/%g" % (year, a, b, r["n_ij"], r["n_i"], r["n_j"],
                                                                   nab, na, nb))
            check(close(float(r["salton"]), salton), "%s %s-%s salton %s vs %r" % (year, a, b, r["salton"], salton))
            check(close(float(r["share_i"]), nab / na) and close(float(r["share_j"]), nab / nb),
                  "%s %s-%s shares" % (year, a, b))
        for c, (n_all, n_int) in per_country.items():
            r = got_c.get((year, c))
            check(r is not None, "countries.csv lacks %s %s" % (year, c))
            check(float(r["records"]) == n_all and float(r["international"]) == n_int,
                  "countries.csv %s %s: %s/%s vs %g/%g" % (year, c, r["records"], r["international"], n_all, n_int))
    check(not got, "pairs.csv has pairs the reference does not: %s" % list(got)[:5])
    return n_pairs


def main():
    exe, data, work = sys.argv[1:4]
    codes = os.path.join(data, "ref-country-codes", "country-codes.csv")

    # 1. WoS plain text, per year
    wos = os.path.join(data, "wos-medicine-metaknowledge", "ManyAuthors.isi")
    out = os.path.join(work, "closeness-wos")
    run(exe, ["closeness", wos, "--out", out, "--by", "year", "--quiet"])
    by_year = {}
    for line in reference("closeness/country_reference.py", ["wos-tagged", wos, codes]).splitlines():
        f = line.split(" ")
        if f[0] != "R" or f[2] == "-":
            continue
        by_year.setdefault(f[2], []).append([] if f[3] == "-" else f[3].split(","))
    n = compare(out, by_year)
    report = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    check("Peak closeness" in report and "N_ij / sqrt(N_i N_j)" in report, "report.md content")
    print("wos tagged by year: %d pair-years agree" % n)

    # 2. WoS tab-delimited, one period
    tab = os.path.join(data, "wos-ble-scientopy", "wos_2026_04_02_1000.txt")
    out = os.path.join(work, "closeness-wostab")
    run(exe, ["closeness", tab, "--out", out, "--format", "wos-tab", "--quiet"])
    recs = []
    for line in reference("closeness/country_reference.py", ["wos-tab", tab, codes]).splitlines():
        f = line.split(" ")
        if f[0] == "R":
            recs.append([] if f[3] == "-" else f[3].split(","))
    print("wos tab: %d pairs agree" % compare(out, {"all": recs}))

    # 3. USPTO XML: co-invented patents = grants with inventors in more than one country
    xml_dir = os.path.join(data, "patents-uspto-grant-xml")
    xmls = sorted(os.path.join(xml_dir, f) for f in os.listdir(xml_dir) if f.endswith(".xml"))
    out = os.path.join(work, "closeness-uspto")
    _, stdout, _ = run(exe, ["closeness"] + xmls + ["--out", out, "--quiet"])
    recs = []
    for line in reference("io/uspto_reference.py", xmls).splitlines():
        f = line.split(" ")
        if len(f) == 8:
            recs.append([] if f[6] == "-" else f[6].split(","))
    check("records: %d" % len(recs) in stdout, "uspto record count (expected %d): %s" % (len(recs), stdout))
    print("uspto xml: %d pairs agree" % compare(out, {"all": recs}))


if __name__ == "__main__":
    main()
