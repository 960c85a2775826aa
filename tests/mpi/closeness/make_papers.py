#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Writes a synthetic Scopus CSV corpus for the mpirun tests of `techconv closeness`.

make_papers.py DIR FILES RECORDS [bad]

Writes DIR/papers-1.csv ... DIR/papers-FILES.csv, RECORDS records in all (a pure
function of the arguments: the generator is seeded). The records mix what the
collaboration counts must treat alike on one process and on N ranks: one to five
author countries (some repeated within a record), addresses without a recognised
country, records without an address or a year, an EID repeated within a file (the
reader drops it) and EIDs of an earlier file repeated in the next one (dropped when
the records of the files meet). With `bad`, the middle file gets a record whose
quoted field is never closed (a reading error naming the file and line).
"""
import csv
import os
import random
import sys

COUNTRIES = ["USA", "China", "Germany", "United Kingdom", "France", "Japan", "India", "Brazil",
             "South Korea", "Italy", "Canada", "Taiwan", "Hong Kong", "Spain", "Australia"]
HEADER = ["Authors", "Title", "Year", "Source title", "Affiliations", "Document Type", "Source", "EID"]


def address(rng, n):
    country = rng.choice(COUNTRIES) if rng.random() > 0.03 else "Atlantis"  # not a country
    return f"Dept {rng.randint(1, 9)}, University {n % 97}, City {rng.randint(1, 50)}, {country}"


def main():
    out_dir, files, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    bad = len(sys.argv) > 4 and sys.argv[4] == "bad"
    rng = random.Random(20261207)
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    previous = []  # EIDs of the file before
    for f in range(1, files + 1):
        count = total // files + (1 if f <= total % files else 0)
        path = os.path.join(out_dir, f"papers-{f}.csv")
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            w.writerow(HEADER)
            eids = []
            for k in range(count):
                n += 1
                if previous and k % 50 == 7:  # an EID of the file before
                    eid = previous[k % len(previous)]
                elif eids and k % 211 == 13:  # an EID of this file (the reader drops it)
                    eid = eids[-1]
                else:
                    eid = f"2-s2.0-{850000000 + n}"
                eids.append(eid)
                r = rng.random()
                if r < 0.04:
                    affs = ""
                else:
                    k_aff = 1 + min(4, int(rng.expovariate(0.9)))
                    affs = "; ".join(address(rng, n + q) for q in range(k_aff))
                year = "" if rng.random() < 0.02 else str(rng.randint(1996, 2024))
                row = [f"Author {n}", f"Paper {n}", year, "Journal", affs, "Article", "Scopus", eid]
                if bad and f == (files + 1) // 2 and k == count // 2:
                    fh.write(",".join('"' + x + '"' for x in row[:4]) + ',"Dept 1, Nowhere, USA\r\n')
                    break
                w.writerow(row)
            previous = eids


if __name__ == "__main__":
    main()
