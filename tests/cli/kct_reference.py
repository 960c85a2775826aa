"""Independent numpy implementation of the [KCT] entropy weighting (METHODS.md §1),
written from the formulas, used by the techconv command checks:
min-max (cost columns reflected), p = x'/sum x', e = -(1/ln n) sum p ln p with
0 ln 0 = 0, d = 1 - e, w = d / sum d, s = x' w, key core = best ceil(q n)."""
import math

import numpy as np


def entropy_weights(x, cost=()):
    x = np.asarray(x, dtype=float)
    n, m = x.shape
    lo, hi = x.min(axis=0), x.max(axis=0)
    rng = hi - lo
    xn = np.zeros_like(x)
    for j in range(m):
        if rng[j] > 0:
            xn[:, j] = (hi[j] - x[:, j]) / rng[j] if j in cost else (x[:, j] - lo[j]) / rng[j]
    e = np.ones(m)
    for j in range(m):
        s = xn[:, j].sum()
        if rng[j] > 0 and s > 0:
            p = xn[:, j] / s
            nz = p[p > 0]
            e[j] = -(nz * np.log(nz)).sum() / math.log(n)
    d = 1.0 - e
    w = d / d.sum()
    return w, e, xn @ w


def key_core(scores, q=0.05):
    n = len(scores)
    k = math.ceil(q * n - 1e-9)
    order = sorted(range(n), key=lambda i: (-scores[i], i))
    return k, set(order[:k]), scores[order[k - 1]]


def critic_weights(x, cost=()):
    x = np.asarray(x, dtype=float)
    lo, hi = x.min(axis=0), x.max(axis=0)
    xn = (x - lo) / (hi - lo)
    for j in cost:
        xn[:, j] = 1.0 - xn[:, j]
    sd = xn.std(axis=0)
    r = np.corrcoef(xn, rowvar=False)
    c = sd * (1.0 - r).sum(axis=0)
    return c / c.sum(), xn
