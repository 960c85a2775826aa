"""End-to-end check of `techconv closeness` on the real WoS, USPTO, OpenAlex, Lens and PubMed exports.

Countries per record come from the closeness module's independent extraction
(tests/closeness/country_reference.py: Python csv + last comma token + its own
alias map) and, for patents, from tests/io/uspto_reference.py (xml.etree:
inventor countries). N_i, N_ij and Salton are then computed here with a numpy
incidence matrix B (records x countries): N_ij = (B^T B)_ij, N_i = records of i
with at least one other country ([COOP] formula (1)), per year and overall,
and compared with pairs.csv and countries.csv. The options beyond [COOP]'s
defaults are checked the same way: --measure all (association strength
T N_ij/(N_i N_j) with T = sum of N_k, Jaccard, inclusion, equivalence from the
same numpy counts), --periods (the counts of each year range and their
change) and --institutions (each institution's international records listing
the home country, and those that also list the partner, counted here from the
reference's institution sets).

usage: check_closeness.py TECHCONV DATA_DIR WORK_DIR
"""
import json
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


def check_measures(out_dir, recs):
    """pairs.csv of --measure all against the five measures of the numpy counts (one period)."""
    cols = header(os.path.join(out_dir, "pairs.csv"))
    check(cols == ["year", "country_i", "country_j", "n_ij", "n_i", "n_j", "salton", "association_strength",
                   "jaccard", "inclusion", "equivalence", "share_i", "share_j"], "pairs.csv --measure all columns: %s" % cols)
    pairs, per_country = counts(recs)
    total = sum(n_int for _, n_int in per_country.values())
    got = {(r["country_i"], r["country_j"]): r for r in read_csv(os.path.join(out_dir, "pairs.csv"))}
    check(len(got) == len(pairs), "pairs.csv has %d pairs, expected %d" % (len(got), len(pairs)))
    for (a, b), (nab, na, nb) in pairs.items():
        r = got[(a, b)]
        expect = {"salton": nab / math.sqrt(na * nb), "association_strength": total * nab / (na * nb),
                  "jaccard": nab / (na + nb - nab), "inclusion": nab / min(na, nb), "equivalence": nab * nab / (na * nb)}
        for k, v in expect.items():
            check(close(float(r[k]), v), "%s-%s %s %s vs %r" % (a, b, k, r[k], v))
    return len(pairs)


def jaccard(nab, na, nb):
    return nab / (na + nb - nab) if na + nb - nab > 0 else 0.0


def salton_of(nab, na, nb):
    return nab / math.sqrt(na * nb) if na * nb > 0 else 0.0


def check_periods(out_dir, by_year, periods, measure="salton", value=salton_of):
    """periods.csv against the counts of each year range (measure columns <measure>_1, _2, _change)."""
    names = ["%d-%d" % p for p in periods]
    sides = []
    for lo, hi in periods:
        recs = [r for y, rs in by_year.items() for r in rs if lo <= int(y) <= hi]
        sides.append(counts(recs))
    keys = sorted(set(sides[0][0]) | set(sides[1][0]))
    rows = read_csv(os.path.join(out_dir, "periods.csv"))
    check([(r["country_i"], r["country_j"]) for r in rows] == keys, "periods.csv pairs differ from the reference")
    for r in rows:
        k = (r["country_i"], r["country_j"])
        check([r["period_1"], r["period_2"]] == names, "periods.csv period names %s" % [r["period_1"], r["period_2"]])
        s = []
        for (pairs, per_country), tag in zip(sides, ("1", "2")):
            nab = pairs.get(k, (0.0,))[0]
            na = per_country.get(k[0], (0.0, 0.0))[1]  # N_i of a period where the pair does not collaborate
            nb = per_country.get(k[1], (0.0, 0.0))[1]
            check(float(r["n_ij_" + tag]) == nab and float(r["n_i_" + tag]) == na and float(r["n_j_" + tag]) == nb,
                  "periods.csv %s counts_%s %s/%s/%s vs %g/%g/%g" % (k, tag, r["n_ij_" + tag], r["n_i_" + tag],
                                                                     r["n_j_" + tag], nab, na, nb))
            v = value(nab, na, nb)
            check(close(float(r[measure + "_" + tag]), v), "periods.csv %s %s_%s" % (k, measure, tag))
            s.append(v)
        check(close(float(r[measure + "_change"]), s[1] - s[0]) or abs(float(r[measure + "_change"]) - (s[1] - s[0])) < 1e-12,
              "periods.csv %s %s_change" % (k, measure))
        check(float(r["n_ij_change"]) == float(r["n_ij_2"]) - float(r["n_ij_1"]), "periods.csv %s n_ij_change" % (k,))
    return len(rows)


def check_institutions(out_dir, recs, home, partner, periods):
    """institutions.csv against shares counted from the reference's sets, for the whole
    period and each of `periods`. recs: list of (year or None, countries, institutions)."""
    expect = {}
    spans = [("all", None, None)] + [("%d-%d" % p, p[0], p[1]) for p in periods]
    for name, lo, hi in spans:
        for h, p in ((home, partner), (partner, home)):
            intl, with_p = {}, {}
            for year, countries, insts in recs:
                if len(countries) < 2 or h not in countries:
                    continue
                if lo is not None and (year is None or not lo <= year <= hi):
                    continue
                for u in insts:
                    intl[u] = intl.get(u, 0) + 1
                    with_p[u] = with_p.get(u, 0) + (p in countries)
            for u in intl:
                expect[(name, h, p, u)] = (intl[u], with_p[u])
    got = {}
    for r in read_csv(os.path.join(out_dir, "institutions.csv")):
        got[(r["period"], r["home"], r["partner"], r["institution"])] = r
    check(set(got) == set(expect), "institutions.csv rows differ: %s" % sorted(set(got) ^ set(expect))[:5])
    for k, (n, w) in expect.items():
        r = got[k]
        check(int(r["international"]) == n and int(r["with_partner"]) == w and close(float(r["share"]), w / n),
              "institutions.csv %s: %s/%s vs %d/%d" % (k, r["with_partner"], r["international"], w, n))
    return len(expect)


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

    # 2b. the options beyond the defaults, on the WoS plain-text export
    out = os.path.join(work, "closeness-options")
    run(exe, ["closeness", wos, "--out", out, "--measure", "all", "--periods", "1990-2004,2005-2013",
              "--institutions", "--pair", "US,GB", "--quiet"])
    ref = reference("closeness/country_reference.py", ["wos-tagged", wos, codes, "institutions"]).splitlines()
    recs, insts = [], {}
    for line in ref:
        if line.startswith("I\t"):
            _, rid, names = line.split("\t")
            insts[rid] = [n for n in names.split("|") if n]
    for line in ref:
        f = line.split(" ")
        if f[0] == "R":
            recs.append((None if f[2] == "-" else int(f[2]), [] if f[3] == "-" else f[3].split(","), insts[f[1]]))
    print("--measure all: %d pairs agree" % check_measures(out, [c for _, c, _ in recs]))
    print("--periods: %d pairs agree" % check_periods(out, by_year, [(1990, 2004), (2005, 2013)]))
    print("--institutions: %d rows agree" % check_institutions(out, recs, "US", "GB", [(1990, 2004), (2005, 2013)]))
    # one measure drives the pair series and periods.csv
    out = os.path.join(work, "closeness-jaccard")
    run(exe, ["closeness", wos, "--out", out, "--measure", "jaccard", "--periods", "1990-2004,2005-2013", "--quiet"])
    check(header(os.path.join(out, "pairs.csv"))[6] == "jaccard", "pairs.csv --measure jaccard column")
    print("--measure jaccard --periods: %d pairs agree" %
          check_periods(out, by_year, [(1990, 2004), (2005, 2013)], "jaccard", jaccard))

    # 3. USPTO XML: co-invented patents = grants with inventors in more than one country
    xml_dir = os.path.join(data, "patents-uspto-grant-xml")
    xmls = sorted(os.path.join(xml_dir, f) for f in os.listdir(xml_dir) if f.endswith(".xml"))
    recs = uspto_countries(xmls)
    print("uspto xml: %d pairs agree" % compare(run_closeness(exe, xmls, work, "uspto", recs), {"all": recs}))
    # the same file twice: its records are dropped as duplicates (io::read_patent_table, as in
    # keycore and network), so the counts are those of one copy
    # (the first file with a co-invented patent, so that pairs are compared too)
    first = next(r for r in (uspto_countries([x]) + [x] for x in xmls) if any(len(set(c)) >= 2 for c in r[:-1]))
    xml, first = first[-1], first[:-1]
    out = run_closeness(exe, [xml, xml], work, "uspto-twice", first)
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    check(manifest["counts"]["duplicates_dropped"] == len(first),
          "uspto twice: duplicates_dropped %s, expected %d" % (manifest["counts"].get("duplicates_dropped"), len(first)))
    print("uspto xml twice: %d pairs agree, %d duplicates dropped" % (compare(out, {"all": first}), len(first)))

    # 4. OpenAlex API pages: countries of the authorships, from tests/io/json_works_reference.py
    # (Python's json module)
    oa_dir = os.path.join(data, "openalex-works-api-json")
    oas = sorted(os.path.join(oa_dir, f) for f in os.listdir(oa_dir) if f.endswith(".json"))
    recs = [[] if f[2] == "-" else f[2].split(",")
            for f in (line.split(" ") for line in reference("io/json_works_reference.py", ["openalex"] + oas).splitlines())]
    print("openalex: %d pairs agree" % compare(run_closeness(exe, oas, work, "openalex", recs), {"all": recs}))

    # 5. the Lens scholarly JSON Lines export: countries of the affiliations (same script)
    lens = [os.path.join(data, "lens-scholarly-jsonl-covid", "lens-export.jsonl")]
    recs = [[] if f[2] == "-" else f[2].split(",")
            for f in (line.split(" ") for line in reference("io/json_works_reference.py",
                                                            ["lens-scholarly"] + lens).splitlines())]
    print("lens scholarly: %d pairs agree" % compare(run_closeness(exe, lens, work, "lens-scholarly", recs),
                                                     {"all": recs}))

    # 6. the PubMed MEDLINE text export (format detected): countries of the AD affiliations from
    # tests/io/pubmed_reference.py (its own parsing and e-mail removal, the country lookup of
    # closeness/country_reference.py); every pair's N_ij, N_i, N_j against the numpy counts
    pubmed = os.path.join(data, "pubmed-mcda-pybibx", "pubmed.txt")
    recs = [[] if f[3] == "-" else f[3].split(",")
            for f in (line.split(" ") for line in reference("io/pubmed_reference.py", [pubmed, codes]).splitlines())]
    out = run_closeness(exe, [pubmed], work, "pubmed", recs)
    got = {(r["country_i"], r["country_j"]): r for r in read_csv(os.path.join(out, "pairs.csv"))}
    # a few pairs by hand from the reference's own numpy pairs (P lines)
    for line in reference("io/pubmed_reference.py", [pubmed, codes, "pairs"]).splitlines():
        f = line.split(" ")
        if f[0] == "P" and (f[1], f[2]) in (("GB", "US"), ("CA", "US"), ("NL", "US")):
            r = got[(f[1], f[2])]
            check([float(r["n_ij"]), float(r["n_i"]), float(r["n_j"])] == [float(x) for x in f[3:6]],
                  "pubmed %s-%s: %s/%s/%s vs %s" % (f[1], f[2], r["n_ij"], r["n_i"], r["n_j"], f[3:6]))
    print("pubmed: %d pairs agree" % compare(out, {"all": recs}))


def uspto_countries(xmls):
    """Inventor countries per grant of tests/io/uspto_reference.py (xml.etree)."""
    recs = []
    for line in reference("io/uspto_reference.py", xmls).splitlines():
        f = line.split(" ")
        if len(f) == 8:
            recs.append([] if f[6] == "-" else f[6].split(","))
    return recs


def run_closeness(exe, inputs, work, name, recs):
    """Runs `techconv closeness INPUTS` into WORK/closeness-NAME; checks the record count."""
    out = os.path.join(work, "closeness-" + name)
    _, stdout, _ = run(exe, ["closeness"] + inputs + ["--out", out, "--quiet"])
    check("records: %d" % len(recs) in stdout, "%s record count (expected %d): %s" % (name, len(recs), stdout))
    return out

if __name__ == "__main__":
    main()
