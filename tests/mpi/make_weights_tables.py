#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Writes the numeric tables `techconv weights` reads under mpirun (tests/mpi/CMakeLists.txt).

usage: make_weights_tables.py KIND OUT [ARGS]
  synthetic OUT ROWS  an id column and six columns (integers, reals of every magnitude, negatives,
                      one constant column), a row with every cell empty every 997 rows (skipped and
                      counted by the reader): a pure function of ROWS (seeded generator)
  numbered OUT ROWS   the same values without the id column (rows numbered 1, 2, ... over the file)
  positive OUT ROWS   the same values as |x| + 1 (MEREC takes positive values only), an id column
  bad-cell OUT ROWS   the synthetic table with the cell 'abc' in row ROWS*3/4 (in the last rank's share)
  overflow OUT ROWS   the synthetic table whose column 'count' holds 1e308 in rows ROWS/2 and
                      ROWS*3/4, then 'abc' in the row after (the sum overflows first: that error wins)
  lens OUT LENS.csv   the [KCT] indicators of a Lens export as tests/cli/check_weights.py builds
                      them (tests/io/lens_reference.py: backward, npl, forward, classes, applicants,
                      family per publication number)
"""
import csv
import os
import random
import subprocess
import sys

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def synthetic(path, rows, ids, positive=False):
    rnd = random.Random(20261207)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow((["id"] if ids else []) + ["count", "share", "cost", "signed", "tiny", "constant"])
        for i in range(rows):
            if i % 997 == 500:
                w.writerow([""] * (7 if ids else 6))
            row = [rnd.randint(0, 40), rnd.random(), rnd.uniform(1, 1e6), rnd.gauss(0, 3), rnd.random() * 1e-9, 7]
            if positive:
                row = [abs(v) + 1 for v in row]
            w.writerow((["R%07d" % i] if ids else []) + [repr(v) if isinstance(v, float) else v for v in row])


def broken(path, rows, kind):
    synthetic(path, rows, True)
    with open(path, newline="") as f:
        lines = f.readlines()
    # line numbers of the data rows (the blank rows are lines too)
    data = [i for i, l in enumerate(lines) if i > 0 and l.strip(",\n")]
    if kind == "bad-cell":
        at = data[rows * 3 // 4]
        cells = lines[at].rstrip("\n").split(",")
        cells[4] = "abc"
        lines[at] = ",".join(cells) + "\n"
    else:
        for k, row in enumerate((data[rows // 2], data[rows * 3 // 4], data[rows * 3 // 4 + 1])):
            cells = lines[row].rstrip("\n").split(",")
            cells[1] = "abc" if k == 2 else "1e308"
            lines[row] = ",".join(cells) + "\n"
    with open(path, "w", newline="") as f:
        f.writelines(lines)


def lens(path, export):
    p = subprocess.run([sys.executable, os.path.join(TESTS, "io", "lens_reference.py"), export],
                       capture_output=True, text=True, check=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["patent", "backward", "npl", "forward", "classes", "applicants", "family"])
        for line in p.stdout.splitlines():
            x = line.split(" ")
            if len(x) == 10:
                w.writerow([x[0]] + [int(x[k]) for k in (1, 2, 4, 5, 6, 7)])


def main():
    kind, out = sys.argv[1:3]
    if kind in ("synthetic", "numbered", "positive"):
        synthetic(out, int(sys.argv[3]), kind != "numbered", kind == "positive")
    elif kind in ("bad-cell", "overflow"):
        broken(out, int(sys.argv[3]), kind)
    elif kind == "lens":
        lens(out, sys.argv[3])
    else:
        sys.exit("unknown kind " + kind)


if __name__ == "__main__":
    main()
