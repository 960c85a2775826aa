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

With --group-by country --country-from jurisdiction on the Lens jet-engine export it checks
quality_by_group.csv against pandas: the groups made here from the CSV's Jurisdiction (offices such
as WO and EP as "(unknown)", the rule of analysis::row_country_group), and per group and indicator
the records, the defined values, min, quartiles, 90th percentile (pandas' quantile, linear
interpolation), max and mean of the values in quality.csv; its group column; and, when gnuplot is on
PATH, that quality_by_group.dat holds the 8 largest groups' figures and report.md embeds the picture;
and that report.md's distribution of each indicator over all records follows the same rule.

usage: check_quality.py TECHCONV DATA_DIR WORK_DIR
"""
import csv
import glob
import os
import shutil
import sys

import pandas as pd

from cli_util import check, close, header, read_csv, reference, run, write_chain_citations

INDICATORS = ["patent_scope", "family_size", "claims", "backward_citations", "forward_citations_5y",
              "generality", "originality", "radicalness", "breakthrough"]
# statuses of a defined value (analysis::quality_status): complete, or partial with its reason
DEFINED = ("ok", "unknown_citing_years", "unknown_citing_classes", "unknown_cited_classes")


OFFICES = {"WO", "IB", "EP", "EA", "AP", "OA", "GC"}
STATS = ["min", "q1", "median", "q3", "p90", "max", "mean"]


def check_groups(exe, data, work):
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    with open(lens, encoding="utf-8-sig", newline="") as f:
        raw = list(csv.DictReader(f))
    group_of = []
    for r in raw:
        j = (r["Jurisdiction"] or "").strip()
        group_of.append(j if len(j) == 2 and j not in OFFICES else "(unknown)")
    out = os.path.join(work, "quality-groups")
    run(exe, ["quality", lens, "--no-merge", "--group-by", "country", "--country-from", "jurisdiction",
              "--out", out, "--quiet"])
    q = pd.read_csv(os.path.join(out, "quality.csv"), keep_default_na=False, na_values=[""], dtype={"group": str})
    check(list(q.columns[:5]) == ["id", "year", "publication_year", "field", "group"], "quality.csv group column")
    check(len(q) == len(raw), "quality.csv rows %d != %d" % (len(q), len(raw)))
    check(list(q["group"]) == group_of, "quality.csv group = Jurisdiction, offices as (unknown)")
    q["group"] = group_of  # the groups made here, not the command's
    got = pd.read_csv(os.path.join(out, "quality_by_group.csv"), keep_default_na=False, na_values=[""])
    check(list(got.columns) == ["group", "indicator", "records", "with_value"] + STATS + ["status"],
          "quality_by_group.csv columns %r" % list(got.columns))
    sizes = q.groupby("group").size()
    order = sorted(sizes.index, key=lambda g: (-sizes[g], g))
    check(list(got["group"]) == [g for g in order for _ in INDICATORS], "groups by records descending, then name")
    check(list(got["indicator"]) == INDICATORS * len(order), "indicators in column order")
    defined = 0
    for _, row in got.iterrows():
        v = pd.to_numeric(q.loc[q["group"] == row["group"], row["indicator"]]).dropna()
        tag = "%s %s" % (row["group"], row["indicator"])
        check(row["records"] == sizes[row["group"]], "%s records" % tag)
        check(row["with_value"] == len(v), "%s with_value %s != %d" % (tag, row["with_value"], len(v)))
        if len(v) == 0:
            check(row["status"] == "empty_input" and all(pd.isna(row[c]) for c in STATS), "%s empty" % tag)
            continue
        defined += 1
        want = {"min": v.min(), "q1": v.quantile(0.25), "median": v.median(), "q3": v.quantile(0.75),
                "p90": v.quantile(0.9), "max": v.max(), "mean": v.mean()}
        check(row["status"] == "ok", "%s status" % tag)
        for c in STATS:
            check(close(float(row[c]), float(want[c])), "%s %s %r vs pandas %r" % (tag, c, row[c], want[c]))
    check(defined >= 3 * len(order), "at least 3 indicators defined per group: %d" % defined)
    with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
        md = f.read()
    check("## Indicators per group" in md, "report.md has the per-group table")
    # the whole set's distribution table: the same quantile rule as quality_by_group.csv (pandas'
    # linear interpolation), over every record where the indicator is defined
    table = md.split("## Distribution of each indicator", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] in INDICATORS:
            rows[cells[0]] = cells
    check(sorted(rows) == sorted(INDICATORS), "report.md distribution rows %r" % sorted(rows))
    for ind, cells in rows.items():
        v = pd.to_numeric(q[ind]).dropna()
        check(int(cells[1]) == len(v), "report.md %s n %s != %d" % (ind, cells[1], len(v)))
        if len(v) == 0:
            continue
        want = [v.min(), v.quantile(0.25), v.median(), v.quantile(0.75), v.mean(), v.max()]
        check(all(close(float(a), float(b), 1e-9, 6e-5) for a, b in zip(cells[2:8], want)),  # mean: 4 decimals
              "report.md %s min, quartiles, mean, max %r vs pandas %r" % (ind, cells[2:8], want))
    if shutil.which("gnuplot") is None:
        print("gnuplot not on PATH: quality_by_group.svg not drawn")
    else:
        for f in ("quality_by_group.dat", "quality_by_group.svg", "quality_by_group.png"):
            check(os.path.getsize(os.path.join(out, f)) > 0, "missing or empty " + f)
        check("](quality_by_group.svg)" in md and "(quality_by_group.png)" in md, "report.md references the picture")
        check(len(order) > 8 and "the 8 groups with the most records of %d" % len(order) in md, "report.md states the cap")
        drawn = order[:8]
        with open(os.path.join(out, "quality_by_group.dat"), encoding="utf-8") as f:
            blocks = f.read().split("\n\n\n")
        seen = []
        for b in blocks:
            lines = b.strip("\n").split("\n")
            ind = lines[0][len("# indicator "):]
            seen.append(ind)
            for line in lines[2:]:
                x, g, *vals = line.split("\t")
                check(g == drawn[int(x) - 1], "%s: x %s is group %s" % (ind, x, g))
                row = got[(got["group"] == g) & (got["indicator"] == ind)].iloc[0]
                check(all(close(float(a), float(row[c])) for a, c in zip(vals, STATS[:6] + ["mean"])),
                      "quality_by_group.dat %s %s agrees with the CSV" % (ind, g))
        want_ind = [i for i in INDICATORS if ((got["indicator"] == i) & got["group"].isin(drawn) & (got["status"] == "ok")).any()]
        check(seen == want_ind, "quality_by_group.dat indicators %r != %r" % (seen, want_ind))
    print("quality_by_group.csv: %d groups x %d indicators agree with pandas (%d defined)"
          % (len(order), len(INDICATORS), defined))


def check_lens_citing(exe, work):
    """quality on Lens JSON whose records list their citing documents (cited_by): quality.csv's
    forward counts, generality, their statuses and coverage columns against the independent Python
    computation (tests/analysis/quality_citing_reference.py), and report.md's coverage rows, the
    counts of the hand-written sample worked out in tests/analysis/quality.test.cpp."""
    sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "io", "lens_json", "citing.jsonl")
    out = os.path.join(work, "quality-lens-citing")
    run(exe, ["quality", sample, "--no-merge", "--out", out, "--quiet"])
    rows = read_csv(os.path.join(out, "quality.csv"))
    mine = []
    for r in rows:
        g = r["generality"]
        mine.append("\t".join([r["id"], r["publication_year"], r["citing"], r["citing_with_year"],
                               r["citing_with_classes"], r["cited"], r["forward_citations_5y"],
                               r["forward_citations_5y_status"], "%.6f" % float(g) if g else "",
                               r["generality_status"]]))
    want = reference("analysis/quality_citing_reference.py", [sample]).splitlines()
    check(mine == want, "quality.csv of the Lens cited_by sample differs from the Python computation:\n%s\n%s"
          % ("\n".join(mine), "\n".join(want)))
    with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
        md = f.read()
    for row in ("| records whose source lists their citing documents | 5 |",
                "| items of those lists (forward citations stated by the sources) | 8 |",
                "| documents outside the corpus citing a record | 2 |",
                "| self-citations (dropped) | 1 |"):
        check(row in md, "report.md lacks the row %r" % row)
    check(md.count("| 2 |") >= 3, "report.md: 2 outside citing documents, both without a year and a class")


def main():
    exe, data, work = sys.argv[1:4]
    xml = sorted(glob.glob(os.path.join(data, "patents-uspto-grant-xml", "*.xml")))
    os.makedirs(work, exist_ok=True)
    first = os.path.join(work, "quality-plain")
    run(exe, ["quality"] + xml + ["--no-merge", "--out", first, "--quiet"])
    cols = header(os.path.join(first, "quality.csv"))
    want = (["id", "year", "publication_year", "field"] + INDICATORS + [i + "_normalised" for i in INDICATORS]
            + [i + "_status" for i in INDICATORS]
            + ["citing", "citing_with_classes", "cited", "cited_with_classes", "citing_with_year"])
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
                check(s not in DEFINED, "%s %s empty with status %s" % (r["id"], i, s))
            else:
                check(s in DEFINED, "%s %s = %s with status %s" % (r["id"], i, v, s))
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
    check("group" not in cols, "no group column without --group-by")
    check(not os.path.exists(os.path.join(first, "quality_by_group.csv")), "no quality_by_group.csv without --group-by")
    check_groups(exe, data, work)
    check_lens_citing(exe, work)
    print("ok")


if __name__ == "__main__":
    main()
