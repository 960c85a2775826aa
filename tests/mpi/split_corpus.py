#!/usr/bin/env python3
"""Splits a canonical CSV corpus of 3,000 records (make_synthetic_corpus) into three files
for the several-files checks of keycore_input_checks.cmake (CASE files):

  part-1.csv      records 1-1000
  part-2.csv      records 1001-2000
  part-3.csv      records 2001-3000, then records 1-20 again (ids of part-1.csv repeated)
  part-2-bad.csv  part-2.csv with record 500 (line 501) given one applicant type more than
                  it has applicants (its `applicant_types` list gets ";;individual"): the
                  canonical CSV reader refuses it (bad_value naming the field applicant_types)

usage: split_corpus.py CORPUS.csv OUT_DIR
"""
import csv
import os
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, records = rows[0], rows[1:]
    if len(records) != 3000:
        sys.exit(f"expected 3000 records, got {len(records)}")
    types = header.index("applicant_types")
    parts = [records[0:1000], records[1000:2000], records[2000:3000] + records[0:20]]
    bad = [list(r) for r in parts[1]]
    bad[499][types] += ";;individual"
    os.makedirs(out, exist_ok=True)
    for name, part in [("part-1", parts[0]), ("part-2", parts[1]), ("part-3", parts[2]), ("part-2-bad", bad)]:
        with open(os.path.join(out, name + ".csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(part)


if __name__ == "__main__":
    main()
