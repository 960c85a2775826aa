"""Independent numpy reference for techconv's weighting tests.

Reads the Lens jet-engine export with Python's csv module, builds the seven
count indicators the C++ test builds (see reference.test.cpp), and prints, for
the policy named on the command line, the entropy (or objective) weights
computed the textbook way: the normalised matrix, then p = x' / sum x',
then sum p ln p with 0 ln 0 = 0 (np.where), column by column in numpy.
It computes in extended precision (np.longdouble, 64-bit mantissa on x86):
d = 1 - e loses digits when e is near 1 (float64 numpy is off by up to 2e-10
relative on these columns), so a float64 oracle could not check 1e-12.

usage: entropy_reference.py <lens-export.csv> <policy>
policies: minmax, minmax_shift, sum, minmax_cost, sd, cv, critic
"""
import csv
import sys

import numpy as np

COUNT_COLUMNS = ["Cites Patent Count", "NPL Citation Count", "Cited by Patent Count",
                 "Simple Family Size", "Extended Family Size"]
LIST_COLUMNS = ["IPCR Classifications", "Applicants"]


def indicators(path):
    rows = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for rec in csv.DictReader(f):
            vals = [float(rec[c]) if rec[c].strip() else 0.0 for c in COUNT_COLUMNS]
            for c in LIST_COLUMNS:
                vals.append(float(len([p for p in rec[c].split(";;") if p.strip()])))
            rows.append(vals)
    return np.array(rows, dtype=np.longdouble)


def minmax(x, cost=()):
    lo, hi = x.min(axis=0), x.max(axis=0)
    y = (x - lo) / np.where(hi > lo, hi - lo, 1.0)
    for j in cost:
        y[:, j] = (hi[j] - x[:, j]) / (hi[j] - lo[j])
    return y


def entropy_weights(y):
    n = y.shape[0]
    p = y / y.sum(axis=0)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    e = -plogp.sum(axis=0) / np.log(np.longdouble(n))
    d = 1.0 - e
    return d / d.sum()


def main():
    x = indicators(sys.argv[1])
    policy = sys.argv[2]
    if policy == "minmax":
        w = entropy_weights(minmax(x))
    elif policy == "minmax_shift":
        w = entropy_weights(minmax(x) + np.longdouble("1e-4"))
    elif policy == "sum":
        w = entropy_weights(x)
    elif policy == "minmax_cost":
        w = entropy_weights(minmax(x, cost=(3, 6)))
    elif policy in ("sd", "cv", "critic"):
        y = minmax(x)
        sd = y.std(axis=0)
        if policy == "sd":
            c = sd
        elif policy == "cv":
            c = sd / y.mean(axis=0)
        else:
            r = np.corrcoef(y, rowvar=False)
            c = sd * (1.0 - r).sum(axis=0)
        w = c / c.sum()
    else:
        raise SystemExit("unknown policy " + policy)
    print(x.shape[0])
    print(" ".join(repr(float(v)) for v in w))


if __name__ == "__main__":
    main()
