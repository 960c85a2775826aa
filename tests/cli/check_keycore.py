"""End-to-end check of `techconv keycore` on the real patent exports.

# needs-header: techconv/weighting.hpp

The indicator matrix comes from the io module's independent extractions
(tests/io/lens_reference.py: Python csv; tests/io/uspto_reference.py:
xml.etree); weights, entropies, scores and the key core are recomputed here
with numpy from the [KCT] formulas (kct_reference.py) and compared with
weights.csv, scores.csv, report.json and groups.csv. METHODS facts checked:
k = ceil(0.05 n), level-2 weight = sum of its indicators, scores in [0, 1],
absent indicators reported and not weighted, CI = (n - subclasses) / n.
industries.csv (--concordance, the WIPO 35-field table) is recounted from the
Lens IPC codes and the table's patterns with a longest-prefix lookup here.

usage: check_keycore.py TECHCONV DATA_DIR WORK_DIR
"""
import csv
import json
import os
import sys

import numpy as np

from cli_util import check, close, fail, header, read_csv, reference, run
from kct_reference import entropy_weights, key_core

NAMES = ["backward_citations", "npl_citations", "claims", "forward_citations", "technology_classes",
         "applicants", "family_size", "filing_countries", "developed_filing_countries"]
GROUPS = ["fundamentality"] * 3 + ["coreness"] * 3 + ["strategic"] * 3
OFFICES = {"WO", "IB", "EP", "EA", "AP", "OA", "GC"}  # regional offices and WIPO's International Bureau: no country


def check_run(out, ids, x, present, label):
    """x: rows x 9 (None where absent); present: indicator positions with values."""
    check(header(os.path.join(out, "weights.csv")) == ["indicator", "group", "weight", "entropy"], "weights.csv columns")
    check(header(os.path.join(out, "scores.csv")) == ["id", "score", "rank", "key_core"], "scores.csv columns")
    mat = np.array([[row[j] for j in present] for row in x], dtype=float)
    w, e, s = entropy_weights(mat)
    wrows = read_csv(os.path.join(out, "weights.csv"))
    check([r["indicator"] for r in wrows] == NAMES and [r["group"] for r in wrows] == GROUPS,
          "weights.csv rows in [KCT] Table 1 order")
    for j in range(9):
        r = wrows[j]
        if j not in present:
            check(r["weight"] == "" and r["entropy"] == "", "%s: absent %s must be empty" % (label, NAMES[j]))
            continue
        k = present.index(j)
        check(close(float(r["weight"]), w[k], rel=1e-8, abs_=1e-12), "%s weight %s: %s vs %r" % (label, NAMES[j], r["weight"], w[k]))
        check(close(float(r["entropy"]), e[k], rel=1e-9), "%s entropy %s: %s vs %r" % (label, NAMES[j], r["entropy"], e[k]))
    srows = read_csv(os.path.join(out, "scores.csv"))
    check([r["id"] for r in srows] == ids, "%s: scores.csv ids and order" % label)
    got = np.array([float(r["score"]) for r in srows])
    # scores are one folded linear form (weighting/score.hpp): a record at every column's minimum
    # scores 0 within a few ulps (the Derwent sample has 46 such records at -6.9e-18)
    check(np.all(got >= -1e-12) and np.all(got <= 1 + 1e-12), "%s: scores in [0, 1]" % label)
    check(np.allclose(got, s, rtol=1e-8, atol=1e-12), "%s: scores differ by %g" % (label, np.abs(got - s).max()))
    # ranks follow the file's own scores under the tie rule (score desc, then input order)
    order = sorted(range(len(got)), key=lambda i: (-got[i], i))
    for r, i in enumerate(order):
        check(int(srows[i]["rank"]) == r + 1, "%s: rank of %s" % (label, ids[i]))
    k, ref_set, thr = key_core(s)
    mine = {i for i, r in enumerate(srows) if r["key_core"] == "1"}
    check(len(mine) == k, "%s: %d key core records, expected ceil(0.05 n) = %d" % (label, len(mine), k))
    diff = mine ^ ref_set
    check(all(abs(s[i] - thr) < 1e-9 for i in diff), "%s: key core differs beyond boundary ties: %s" % (label, diff))
    rep = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
    check(rep["key_core"] == k and rep["rows"] == len(ids), "%s: report.json counts" % label)
    check(sorted(rep["absent_indicators"]) == sorted(NAMES[j] for j in range(9) if j not in present),
          "%s: absent indicators %s" % (label, rep["absent_indicators"]))
    for g, v in rep["group_weights"].items():
        expect = sum(w[present.index(j)] for j in present if GROUPS[j] == g)
        check(close(v, expect, rel=1e-8), "%s: group weight %s = sum of its indicators" % (label, g))
    return mine, s


def main():
    exe, data, work = sys.argv[1:4]

    # 1. Lens jet-engine export (2021 layout: 6 indicators), grouped by country (auto: Lens has no party countries, so the first priority country, else the jurisdiction)
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    out = os.path.join(work, "keycore-lens")
    run(exe, ["keycore", lens, "--out", out, "--group-by", "country", "--quiet"])
    ids, x = [], []
    for line in reference("io/lens_reference.py", [lens]).splitlines():
        f = line.split(" ")
        if len(f) == 10:
            ids.append(f[0].replace("_", " "))
            x.append([None if v == "NA" else int(v) for v in f[1:]])
    present = [j for j in range(9) if all(r[j] is not None for r in x)]
    check(present == [0, 1, 3, 4, 5, 6], "Lens 2021 indicators: %s" % present)
    key, _ = check_run(out, ids, x, present, "lens")
    # groups.csv: records and key core per priority country, subclass counts of the key core
    with open(lens, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    country, subs = [], []
    for r in rows:
        c = ""
        for p in (r["Priority Numbers"] or "").split(";;"):
            p = p.strip().upper()
            if len(p) >= 2 and p[:2].isalpha() and p[:2] not in OFFICES:
                c = p[:2]
                break
        if not c and r["Jurisdiction"] not in OFFICES:
            c = r["Jurisdiction"]
        country.append(c or "(unknown)")
        codes = [k.strip().replace(" ", "").upper() for k in (r["IPCR Classifications"] or "").split(";;") if k.strip()]
        subs.append([k[:4] for k in codes])
    groups = {g["group"]: g for g in read_csv(os.path.join(out, "groups.csv"))}
    for c in set(country):
        members = [i for i in range(len(rows)) if country[i] == c]
        kc = [i for i in members if i in key]
        g = groups.get(c)
        check(g is not None, "groups.csv lacks %s" % c)
        check(int(g["records"]) == len(members) and int(g["key_core"]) == len(kc),
              "group %s: %s/%s vs %d/%d" % (c, g["records"], g["key_core"], len(members), len(kc)))
        all_s = {s for i in kc for s in subs[i]}
        main_s = {subs[i][0] for i in kc if subs[i]}
        check(int(g["key_all_subclasses"]) == len(all_s) and int(g["key_main_subclasses"]) == len(main_s),
              "group %s subclasses %s/%s vs %d/%d" % (c, g["key_all_subclasses"], g["key_main_subclasses"],
                                                   len(all_s), len(main_s)))
        if kc:
            check(close(float(g["key_convergence_index"]), (len(kc) - len(all_s)) / len(kc)), "group %s CI" % c)
            # co-classification network of the key core: nodes = distinct subclasses,
            # edges = distinct subclass pairs sharing a record, sections = first letters
            pairs = {(a, b) for i in kc for a in set(subs[i]) for b in set(subs[i]) if a < b}
            check(int(g["key_network_nodes"]) == len(all_s) and int(g["key_network_edges"]) == len(pairs),
                  "group %s network %s/%s vs %d/%d" % (c, g["key_network_nodes"], g["key_network_edges"],
                                                    len(all_s), len(pairs)))
            check(int(g["key_subclass_gap"]) == len(all_s) - len(main_s), "group %s gap" % c)
            check(g["key_sections"] == "".join(sorted({s[0] for s in all_s})), "group %s sections" % c)
    print("lens: %d records, %d key core, %d groups agree" % (len(ids), len(key), len(set(country))))
    check_industries(exe, data, work, lens, country, key)

    # 2. USPTO grant XML (5 indicators; design patents without IPC dropped)
    xml_dir = os.path.join(data, "patents-uspto-grant-xml")
    xmls = sorted(os.path.join(xml_dir, f) for f in os.listdir(xml_dir) if f.endswith(".xml"))
    out = os.path.join(work, "keycore-uspto")
    run(exe, ["keycore"] + xmls + ["--out", out, "--quiet"])
    ids, x = [], []
    for line in reference("io/uspto_reference.py", xmls).splitlines():
        f = line.split(" ")
        if len(f) != 8 or f[4] == "NA":
            continue
        ids.append(f[0].replace("_", " "))
        x.append([int(f[2]), int(f[3]), int(f[1]), None, int(f[4]), int(f[5]), None, None, None])
    key, _ = check_run(out, ids, x, [0, 1, 2, 4, 5], "uspto")
    print("uspto: %d grants with IPC, %d key core agree" % (len(ids), len(key)))

    # 3. the same Lens indicators as a techconv canonical CSV: identical weights
    canon = os.path.join(work, "canonical.csv")
    with open(canon, "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["id", "family_id", "year", "country", "applicants", "applicant_types", "ipc",
                     "backward_citations", "npl_citations", "forward_citations", "technology_classes",
                     "applicant_count", "family_size"])
        for i, r in zip(ids_lens(lens), x_lens(lens)):
            wr.writerow([i, "F" + i, 2020, "US", "A CO", "company", "F02C 7/00"] + [r[j] for j in (0, 1, 3, 4, 5, 6)])
    out2 = os.path.join(work, "keycore-canonical")
    run(exe, ["keycore", canon, "--out", out2, "--format", "csv", "--quiet"])
    a = read_csv(os.path.join(work, "keycore-lens", "weights.csv"))
    b = read_csv(os.path.join(out2, "weights.csv"))
    check([r["weight"] for r in a] == [r["weight"] for r in b], "canonical CSV weights differ from the Lens run")
    print("canonical csv: weights identical to the Lens run")


def wipo_fields(path):
    """The WIPO IPC -> technology field table: subclass patterns (`F21H%`) and
    main-group patterns (`H04N   3/%`), each to one Field_en."""
    by_subclass, by_group = {}, {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            pat = r["IPC_code"].replace(" ", "").rstrip("%")
            if pat.endswith("/"):
                by_group.setdefault((pat[:4], int(pat[4:-1])), set()).add(r["Field_en"])
            else:
                by_subclass.setdefault(pat, set()).add(r["Field_en"])
    return by_subclass, by_group


def fields_of(code, by_subclass, by_group):
    """Longest prefix: the main-group rule when there is one, else the subclass rule."""
    sub, rest = code[:4], code[4:]
    if "/" in rest and rest.split("/")[0].isdigit():
        g = by_group.get((sub, int(rest.split("/")[0])))
        if g:
            return g
    return by_subclass.get(sub, set())


def check_industries(exe, data, work, lens, country, key):
    """industries.csv of --concordance (WIPO 35 fields) against a Python count:
    per country, the key-core records whose IPC codes reach each field
    (a record counts once per field), share = records / key-core records."""
    table = os.path.join(data, "ref-ipc-wipo-technology-fields", "ipc_technology.csv")
    if not os.path.exists(table):
        print("industries: no WIPO table in the datasets; skipped")
        return
    out = os.path.join(work, "keycore-lens-industries")
    run(exe, ["keycore", lens, "--out", out, "--group-by", "country", "--concordance", table, "--quiet"])
    by_subclass, by_group = wipo_fields(table)
    with open(lens, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    expect = {}
    for i, r in enumerate(rows):
        if i not in key:
            continue
        codes = [k.strip().replace(" ", "").upper() for k in (r["IPCR Classifications"] or "").split(";;") if k.strip()]
        fields = set()
        for k in codes:
            fields |= fields_of(k, by_subclass, by_group)
        size = expect.setdefault(country[i], [0, {}])
        size[0] += 1
        for fld in fields:
            size[1][fld] = size[1].get(fld, 0) + 1
    got = read_csv(os.path.join(out, "industries.csv"))
    check(header(os.path.join(out, "industries.csv")) == ["group", "industry", "records", "share"],
          "industries.csv columns")
    seen = {}
    for r in got:
        seen.setdefault(r["group"], []).append(r)
    check(set(seen) == {c for c, v in expect.items() if v[1]}, "industries.csv groups: %s vs %s" % (sorted(seen), sorted(expect)))
    for c, (n, counts) in expect.items():
        rows_c = seen.get(c, [])
        want = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        check([(r["industry"], int(r["records"])) for r in rows_c] == want,
              "industries of %s: %s vs %s" % (c, [(r["industry"], r["records"]) for r in rows_c], want))
        for r in rows_c:
            check(close(float(r["share"]), int(r["records"]) / n), "share of %s in %s" % (r["industry"], c))
    # the other files do not change with a concordance
    for name in ("weights.csv", "scores.csv", "groups.csv", "top20.csv"):
        with open(os.path.join(out, name), "rb") as a, open(os.path.join(work, "keycore-lens", name), "rb") as b:
            check(a.read() == b.read(), "%s differs with --concordance" % name)
    print("industries: %d rows over %d groups agree" % (len(got), len(seen)))


def _lens_rows(lens):
    out = []
    for line in reference("io/lens_reference.py", [lens]).splitlines():
        f = line.split(" ")
        if len(f) == 10:
            out.append((f[0].replace("_", " "), [None if v == "NA" else int(v) for v in f[1:]]))
    return out


def ids_lens(lens):
    return [r[0] for r in _lens_rows(lens)]


def x_lens(lens):
    return [r[1] for r in _lens_rows(lens)]


if __name__ == "__main__":
    main()
