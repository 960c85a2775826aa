"""End-to-end check of `techconv keycore --indicators` on the shared USPTO grant XML sample.

# needs-header: techconv/analysis/keycore_indicators.hpp

A first `techconv quality` run gives the records' ids; the check writes a citation table in
which each record cites the record before it (as check_quality.py does), runs `techconv
quality` with it (quality.csv: the OECD values, checked against pandas and by hand in
check_quality.py and tests/analysis/quality.test.cpp), then `techconv keycore --indicators
claims,oecd_patent_scope,oecd_originality` with the same table. The weights, entropies,
scores and key core are recomputed with numpy from the [KCT] formulas (kct_reference.py) over
the records that have all three values in quality.csv (the default policy drop-record), and
compared with weights.csv, scores.csv and report.json. Also checked: report.md and
report.json name the chosen indicators and their coverage, manifest.json records the option,
choosing the nine [KCT] counts gives the default run's weights.csv and scores.csv byte for
byte, a bad name fails with the name and the accepted names (exit 2), and --missing fail
names the indicator and the status of the first record without a value (exit 1).

usage: check_keycore_indicators.py TECHCONV DATA_DIR WORK_DIR
"""
import glob
import json
import os
import sys

import numpy as np

from cli_util import check, close, read_csv, run, write_chain_citations
from kct_reference import entropy_weights, key_core

KCT = ["backward_citations", "npl_citations", "claims", "forward_citations", "technology_classes",
       "applicants", "family_size", "filing_countries", "developed_filing_countries"]


def main():
    exe, data, work = sys.argv[1:4]
    xml = sorted(glob.glob(os.path.join(data, "patents-uspto-grant-xml", "*.xml")))
    os.makedirs(work, exist_ok=True)
    plain = os.path.join(work, "quality-plain")
    run(exe, ["quality"] + xml + ["--no-merge", "--out", plain, "--quiet"])
    ids = read_csv(os.path.join(plain, "quality.csv"))
    cites = os.path.join(work, "citations.csv")
    write_chain_citations(cites, ids)
    qdir = os.path.join(work, "quality")
    run(exe, ["quality"] + xml + ["--no-merge", "--out", qdir, "--quiet", "--citations", cites])
    q = read_csv(os.path.join(qdir, "quality.csv"))

    chosen = ["claims", "oecd_patent_scope", "oecd_originality"]
    out = os.path.join(work, "keycore-chosen")
    run(exe, ["keycore"] + xml + ["--no-merge", "--out", out, "--quiet", "--citations", cites,
                                  "--indicators", ",".join(chosen)])

    # the reference: rows with all three values; claims is the stated count (quality.csv claims)
    cols = ["claims", "patent_scope", "originality"]
    rows = [r for r in q if all(r[c] != "" for c in cols)]
    check(0 < len(rows) < len(q), "some records lack a value (%d of %d have all)" % (len(rows), len(q)))
    x = np.array([[float(r[c]) for c in cols] for r in rows])
    w, e, s = entropy_weights(x)
    k, best, threshold = key_core(list(s))

    weights = read_csv(os.path.join(out, "weights.csv"))
    check([r["indicator"] for r in weights] == chosen, "weights.csv lists the chosen indicators: %s" % weights)
    check([r["group"] for r in weights] == ["fundamentality", "quality", "quality"], "groups %s" % weights)
    for j, r in enumerate(weights):
        check(close(float(r["weight"]), w[j], 1e-9, 1e-12), "weight of %s: %s vs %r" % (r["indicator"], r["weight"], w[j]))
        check(close(float(r["entropy"]), e[j], 1e-9, 1e-12), "entropy of %s" % r["indicator"])
    scores = read_csv(os.path.join(out, "scores.csv"))
    check([r["id"] for r in scores] == [r["id"] for r in rows], "scored records are those with all three values")
    for i, r in enumerate(scores):
        check(close(float(r["score"]), s[i], 1e-9, 1e-12), "score of %s" % r["id"])
        check((r["key_core"] == "1") == (i in best), "key core of %s" % r["id"])

    rep = json.load(open(os.path.join(out, "report.json")))
    check(rep["dropped_records"] == len(q) - len(rows), "dropped %s" % rep["dropped_records"])
    check(rep["key_core"] == k, "k = %s, want %d" % (rep["key_core"], k))
    cov = {c["indicator"]: c for c in rep["chosen_indicators"]}
    check(list(cov) == chosen, "report.json chosen_indicators %s" % list(cov))
    no_orig = sum(1 for r in q if r["originality"] == "")
    check(cov["oecd_originality"]["records_without_value"] == no_orig, "originality without value")
    statuses = {}
    for r in q:
        if r["originality"] == "":
            statuses[r["originality_status"]] = statuses.get(r["originality_status"], 0) + 1
    check(cov["oecd_originality"]["missing_statuses"] == statuses, "statuses %s vs %s"
          % (cov["oecd_originality"]["missing_statuses"], statuses))
    md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    check("## Chosen indicators" in md and "`oecd_originality`" in md, "report.md names the chosen indicators")
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    check(manifest["options"].get("indicators") == ",".join(chosen), "manifest options %s" % manifest["options"])

    # the nine [KCT] counts chosen explicitly: the default run's files
    d = os.path.join(work, "keycore-default")
    n = os.path.join(work, "keycore-nine")
    run(exe, ["keycore"] + xml + ["--no-merge", "--out", d, "--quiet"])
    run(exe, ["keycore"] + xml + ["--no-merge", "--out", n, "--quiet", "--indicators", ",".join(KCT)])
    for f in ("weights.csv", "scores.csv", "top20.csv"):
        check(open(os.path.join(d, f), "rb").read() == open(os.path.join(n, f), "rb").read(),
              "%s of the nine chosen equals the default run's" % f)

    code, _, err = run(exe, ["keycore"] + xml + ["--out", os.path.join(work, "bad"), "--indicators",
                                                 "claims,oecd_generalty"], expect_ok=False)
    check(code == 2, "a bad indicator name exits 2, got %d" % code)
    check("unknown indicator 'oecd_generalty'" in err and "accepted: backward_citations" in err, err)
    check(not os.path.exists(os.path.join(work, "bad")), "no output folder after a usage error")
    code, _, err = run(exe, ["keycore"] + xml + ["--no-merge", "--out", os.path.join(work, "fail"),
                                                 "--indicators", "oecd_originality", "--missing", "fail",
                                                 "--citations", cites], expect_ok=False)
    check(code == 1, "--missing fail exits 1, got %d" % code)
    first = next(r for r in q if r["originality"] == "")
    check("record '%s'" % first["id"] in err and "oecd_originality (status %s" % first["originality_status"] in err,
          err)
    print("keycore --indicators: %d of %d records scored, k = %d" % (len(rows), len(q), k))


if __name__ == "__main__":
    main()
