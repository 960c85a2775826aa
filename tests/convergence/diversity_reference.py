"""Independent reference for tests/convergence/diversity.test.cpp.

Entropy from scipy.stats.entropy, everything else from numpy array algebra
(quadratic forms for Rao-Stirling, matrix products for the cosines).

usage:
  diversity_reference.py indices V1 V2 ...   each V a comma-separated count vector ("" = empty)
      prints per vector: richness H_e H_2 pielou simpson gini_simpson hhi_norm
                         hill0 hill0.5 hill1 hill2 hill3 hill_inf hill_-1
  diversity_reference.py rao N C D V1 V2 ...  C: N*N co-occurrence (row-major, comma-separated),
      D: N*N user dissimilarity; prints per vector:
      rao(D, ordered) rao(D, unordered) rao(1-cos_occurrence) rao(1-cos_profile) rao(D, a=2, b=0.5)
  diversity_reference.py cos N C
      prints 1-cos_occurrence then 1-cos_profile, row-major

Degenerate conventions are the library's documented ones (0 for no
observation, 0 for undefined evenness, HHI* = 1 for one category).
"""
import sys

import numpy as np
from scipy.stats import entropy


def vec(s):
    return np.array([float(t) for t in s.split(",")]) if s else np.zeros(0)


def indices(x):
    total = x.sum()
    if total <= 0:
        return [0.0] * 14
    p = x[x > 0] / total
    s = len(p)
    h = float(entropy(x))
    h2 = float(entropy(x, base=2))
    lam = float(np.dot(p, p))
    piel = h / np.log(s) if s > 1 else 0.0
    hhin = 1.0 if s == 1 else (lam - 1.0 / s) / (1.0 - 1.0 / s)

    def hill(q):
        if q == 1:
            return float(np.exp(h))
        if np.isinf(q):
            return float(1.0 / p.max()) if q > 0 else float(1.0 / p.min())
        return float(np.power(np.power(p, q).sum(), 1.0 / (1.0 - q)))

    return [s, h, h2, piel, lam, 1.0 - lam, hhin, hill(0.0), hill(0.5), hill(1),
            hill(2.0), hill(3.0), hill(np.inf), hill(-1.0)]


def cosines(c):
    diag = np.diag(c).astype(float)
    outer = np.sqrt(np.outer(diag, diag))
    with np.errstate(divide="ignore", invalid="ignore"):
        s_occ = np.where(outer > 0, c / outer, 0.0)
    g = c @ c.T
    norms = np.sqrt(np.outer(np.diag(g), np.diag(g)))
    with np.errstate(divide="ignore", invalid="ignore"):
        s_pro = np.where(norms > 0, g / norms, 0.0)
    d_occ = 1.0 - np.clip(s_occ, 0.0, 1.0)
    d_pro = 1.0 - np.clip(s_pro, 0.0, 1.0)
    np.fill_diagonal(d_occ, 0.0)
    np.fill_diagonal(d_pro, 0.0)
    return d_occ, d_pro


def rao(x, d, alpha=1.0, beta=1.0):
    total = x.sum()
    if total <= 0:
        return 0.0
    p = x / total
    dd = np.power(d, alpha) * (1.0 - np.eye(len(p)))
    if alpha == 1.0 and beta == 1.0:
        return float(p @ dd @ p)
    pp = np.power(np.outer(p, p), beta)
    return float((dd * pp).sum())


def main():
    mode = sys.argv[1]
    if mode == "indices":
        for s in sys.argv[2:]:
            print(" ".join(repr(float(v)) for v in indices(vec(s))))
    elif mode == "rao":
        n = int(sys.argv[2])
        c = vec(sys.argv[3]).reshape(n, n)
        d = vec(sys.argv[4]).reshape(n, n)
        d_occ, d_pro = cosines(c)
        for s in sys.argv[5:]:
            x = vec(s)
            ds = (d + d.T) / 2.0
            print(rao(x, d), rao(x, ds) / 2.0, rao(x, d_occ), rao(x, d_pro), rao(x, d, 2.0, 0.5))
    elif mode == "cos":
        n = int(sys.argv[2])
        c = vec(sys.argv[3]).reshape(n, n)
        d_occ, d_pro = cosines(c)
        print(" ".join(repr(float(v)) for v in d_occ.ravel()))
        print(" ".join(repr(float(v)) for v in d_pro.ravel()))
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
