"""End-to-end check of `techconv quality` on the shared USPTO grant XML sample.

A first run without tables gives the records' ids and publication years (quality.csv). The
check then writes a citation table in which each record cites the record before it
(citing_year = its publication year; so every record but the last is cited once, and that
citation is within 5 years when the two publication years are at most 5 apart) and a class
table that puts the first record in G06F, and runs again. It checks the columns, that every
empty value has a status other than ok and every ok value a number, the backward and forward
counts the table implies, generality over one citing document (1 - 1/m for its m
subclasses), the cohort normalisation (every normalised value in [0, 1], the largest of a year
cohort 1), and that a bad class table fails with the file, the line and the field, leaving no
output folder.

usage: check_quality.py TECHCONV DATA_DIR WORK_DIR
"""
import glob
import os
import sys

from cli_util import check, close, header, read_csv, run, write_chain_citations

INDICATORS = ["patent_scope", "family_size", "claims", "backward_citations", "forward_citations_5y",
              "generality", "originality", "radicalness", "breakthrough"]


def main():
    exe, data, work = sys.argv[1:4]
    xml = sorted(glob.glob(os.path.join(data, "patents-uspto-grant-xml", "*.xml")))
    os.makedirs(work, exist_ok=True)
    first = os.path.join(work, "quality-plain")
    run(exe, ["quality"] + xml + ["--no-merge", "--out", first, "--quiet"])
    cols = header(os.path.join(first, "quality.csv"))
    want = (["id", "year", "publication_year", "field"] + INDICATORS + [i + "_normalised" for i in INDICATORS]
            + [i + "_status" for i in INDICATORS] + ["citing", "citing_with_classes", "cited", "cited_with_classes"])
    check(cols == want, "quality.csv columns %s" % cols)
    plain = read_csv(os.path.join(first, "quality.csv"))
    check(len(plain) == 225, "225 grants, got %d" % len(plain))
    check(os.path.exists(os.path.join(first, "manifest.json")), "manifest.json written")
    check(os.path.exists(os.path.join(first, "report.md")), "report.md written")

    cites = os.path.join(work, "citations.csv")
    write_chain_citations(cites, plain)
    classes = os.path.join(work, "classes.csv")
    with open(classes, "w") as f:
        f.write("id,ipc\n%s,G06F 3/00\n" % plain[0]["id"])
    out = os.path.join(work, "quality-tables")
    run(exe, ["quality"] + xml + ["--no-merge", "--out", out, "--quiet", "--citations", cites, "--classes", classes])
    rows = read_csv(os.path.join(out, "quality.csv"))
    check([r["id"] for r in rows] == [r["id"] for r in plain], "same records in the same order")

    for r in rows:
        for i in INDICATORS:
            v, s = r[i], r[i + "_status"]
            if v == "":
                check(s not in ("ok", "unknown_citing_years"), "%s %s empty with status %s" % (r["id"], i, s))
            else:
                check(s in ("ok", "unknown_citing_years"), "%s %s = %s with status %s" % (r["id"], i, v, s))
                float(v)
            n = r[i + "_normalised"]
            if n != "":
                check(v != "" and -1e-12 <= float(n) <= 1 + 1e-12, "%s %s normalised %s" % (r["id"], i, n))
    for k, r in enumerate(rows):
        # the record before it is cited by this one (plus the grant's own list)
        check(int(r["cited"]) >= (1 if k > 0 else 0), "%s cites its predecessor" % r["id"])
        check(int(r["citing"]) == (1 if k + 1 < len(rows) else 0), "%s cited once by its successor" % r["id"])
        if k + 1 < len(rows) and r["publication_year"] and rows[k + 1]["publication_year"]:
            within = int(rows[k + 1]["publication_year"]) <= int(r["publication_year"]) + 5
            check(float(r["forward_citations_5y"]) == (1 if within else 0), "%s forward 5y" % r["id"])
            if r["generality"] != "":
                # one citing document with m subclasses (its patent_scope), each share 1/m:
                # generality = 1 - m (1/m)^2 = 1 - 1/m
                m = float(rows[k + 1]["patent_scope"])
                check(close(float(r["generality"]), 1.0 - 1.0 / m), "%s generality over one citing document" % r["id"])
    # the largest value of each year cohort normalises to 1
    for i in ("patent_scope", "backward_citations"):
        by_year = {}
        for r in rows:
            if r["year"] and r[i] != "":
                by_year.setdefault(r["year"], []).append(r)
        for y, rs in by_year.items():
            top = max(float(r[i]) for r in rs)
            if top > 0:
                for r in rs:
                    check(close(float(r[i + "_normalised"]), float(r[i]) / top), "%s %s normalised" % (r["id"], i))

    bad = os.path.join(work, "bad-classes.csv")
    with open(bad, "w") as f:
        f.write("id,ipc\n%s,G06F 3/00\n%s,not-a-code\n" % (plain[0]["id"], plain[1]["id"]))
    failed = os.path.join(work, "quality-bad")
    code, _, err = run(exe, ["quality"] + xml + ["--out", failed, "--quiet", "--classes", bad], expect_ok=False)
    check(code != 0, "a bad class table fails")
    check("bad-classes.csv" in err and ":3" in err and "ipc" in err and "bad_code" in err,
          "error names the file, line 3 and the field: %s" % err.strip())
    check(not os.path.exists(os.path.join(failed, "quality.csv")), "no partial output after an error")
    print("ok")


if __name__ == "__main__":
    main()
