"""End-to-end check of `techconv closeness` on a Lens scholarly CSV export: the hand-written
sample of tests/io/lens_scholarly_csv/ (README.md there), read with --format auto.

The export has no author affiliations and no author countries (docs/io-bibliographic.md), so
closeness must read every work, count each one "with no recognised country", find no pair and
write pairs.csv and countries.csv with their headers only. The works and duplicates are counted
by the independent reading of tests/io/lens_scholarly_csv_reference.py (Python csv).

usage: check_lens_scholarly_csv.py TECHCONV DATA_DIR WORK_DIR
"""
import json
import os
import re
import sys

from cli_util import check, read_csv, reference, run

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "io", "lens_scholarly_csv",
                      "lens-scholarly.csv")


def main():
    exe, _data, work = sys.argv[1:4]
    lines = reference("io/lens_scholarly_csv_reference.py", [SAMPLE]).splitlines()
    works = len(lines) - 1
    duplicates = int(lines[-1].split()[1])
    check(works == 5 and duplicates == 1, "the sample holds 5 works and 1 repeated row (by hand), the reference read %d, %d"
          % (works, duplicates))
    out = os.path.join(work, "closeness-lens-scholarly-csv")
    run(exe, ["closeness", SAMPLE, "--out", out, "--quiet"])
    check(read_csv(os.path.join(out, "pairs.csv")) == [], "pairs.csv holds no pair")
    check(read_csv(os.path.join(out, "countries.csv")) == [], "countries.csv holds no country")
    md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    check(": lens-scholarly, %d records, %d without a country, %d duplicates dropped" % (works, works, duplicates) in md,
          "report.md's input note counts the works, all without a country")
    check(re.search(r"\| with no recognised country \| %d \|" % works, md) is not None,
          "report.md counts every work with no recognised country")
    manifest = json.dumps(json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8")))
    check("lens-scholarly" in manifest, "manifest.json names the detected format")
    print("lens scholarly csv closeness: %d works, none with a country, no pair; agree" % works)


if __name__ == "__main__":
    main()
