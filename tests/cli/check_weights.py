"""End-to-end check of `techconv weights` on a numeric table built from the real
Lens export (indicator values from tests/io/lens_reference.py), against numpy
implementations of the entropy method (with a cost column) and CRITIC
(kct_reference.py), and the METHODS fact k = ceil(0.05 n): 71,874 -> 3,594.

# needs-header: techconv/weighting.hpp

usage: check_weights.py TECHCONV DATA_DIR WORK_DIR
"""
import csv
import os
import sys

import numpy as np

from cli_util import check, close, header, read_csv, reference, run
from kct_reference import critic_weights, entropy_weights, key_core

COLS = ["backward", "npl", "forward", "classes", "applicants", "family"]


def main():
    exe, data, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    ids, x = [], []
    for line in reference("io/lens_reference.py", [lens]).splitlines():
        f = line.split(" ")
        if len(f) == 10:
            ids.append(f[0])
            x.append([int(f[k]) for k in (1, 2, 4, 5, 6, 7)])
    table = os.path.join(work, "table.csv")
    with open(table, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["patent"] + COLS)
        for i, r in zip(ids, x):
            w.writerow([i] + r)
    x = np.array(x, dtype=float)
    cost = (4,)  # treat the applicant count as a cost indicator

    out = os.path.join(work, "weights-entropy")
    run(exe, ["weights", table, "--out", out, "--cost", "applicants", "--quiet"])
    check(header(os.path.join(out, "weights.csv")) == ["indicator", "weight", "entropy"], "weights.csv columns")
    wref, eref, sref = entropy_weights(x, cost)
    rows = read_csv(os.path.join(out, "weights.csv"))
    check([r["indicator"] for r in rows] == COLS, "indicator names")
    for j, r in enumerate(rows):
        check(close(float(r["weight"]), wref[j], rel=1e-8), "entropy weight %s: %s vs %r" % (COLS[j], r["weight"], wref[j]))
        check(close(float(r["entropy"]), eref[j], rel=1e-9), "entropy %s" % COLS[j])
    s = read_csv(os.path.join(out, "scores.csv"))
    check([r["id"] for r in s] == ids, "ids from the first (non-numeric) column")
    got = np.array([float(r["score"]) for r in s])
    check(np.allclose(got, sref, rtol=1e-8, atol=1e-12), "entropy scores differ by %g" % np.abs(got - sref).max())
    k, ref_set, thr = key_core(sref)
    mine = {i for i, r in enumerate(s) if r["key_core"] == "1"}
    check(len(mine) == k and all(abs(sref[i] - thr) < 1e-9 for i in mine ^ ref_set), "entropy key core")
    print("entropy: %d rows, weights, scores and key core (%d) agree" % (len(ids), k))

    out = os.path.join(work, "weights-critic")
    run(exe, ["weights", table, "--out", out, "--method", "critic", "--cost", "applicants", "--quiet"])
    wref, xn = critic_weights(x, cost)
    rows = read_csv(os.path.join(out, "weights.csv"))
    for j, r in enumerate(rows):
        check(close(float(r["weight"]), wref[j], rel=1e-8), "CRITIC weight %s: %s vs %r" % (COLS[j], r["weight"], wref[j]))
        check(r["entropy"] == "", "CRITIC has no entropy column value")
    got = np.array([float(r["score"]) for r in read_csv(os.path.join(out, "scores.csv"))])
    check(np.allclose(got, xn @ wref, rtol=1e-8, atol=1e-12), "CRITIC scores")
    print("critic: weights and scores agree")

    # METHODS §1: 71,874 records -> 3,594 key core (k = ceil(0.05 n)); no id column -> row numbers
    big = os.path.join(work, "kct-size.csv")
    with open(big, "w") as f:
        f.write("a,b,c\n")
        for i in range(71874):
            f.write("%d,%d,%d\n" % (i % 97, (i * 7) % 13, (i * i) % 31))
    out = os.path.join(work, "weights-size")
    _, stdout, _ = run(exe, ["weights", big, "--out", out, "--quiet"])
    check("rows: 71874" in stdout and "key_core: 3594" in stdout, "71,874 -> 3,594: %s" % stdout)
    s = read_csv(os.path.join(out, "scores.csv"))
    check(sum(r["key_core"] == "1" for r in s) == 3594 and s[0]["id"] == "1" and s[-1]["id"] == "71874",
          "scores.csv of the 71,874-row table")
    print("k = ceil(0.05 x 71874) = 3594")


if __name__ == "__main__":
    main()
