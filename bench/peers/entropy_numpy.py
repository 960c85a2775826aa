"""numpy peer of bench/weighting_bench.cpp: the [KCT] pipeline (min-max,
p = x'/sum x', e = -sum p ln p / ln n with 0 ln 0 = 0, weights, scores,
top 5% by argpartition) written the idiomatic numpy way on n x 9 float64
matrices generated like the C++ benchmark (seeded; counts: geometric with
zeros; real: lognormal with 30% zeros). Prints the median time per size and
kind, and checks the result: the weights against a per-column loop over the
distinct values (np.unique), and the selected set against a full argsort.

usage: entropy_numpy.py [max_n]   (default 10000000)
"""
import sys
import time

import numpy as np

from peer_common import entropy_pipeline

COLS = 9


def make(n, kind, seed):
    rng = np.random.default_rng(seed)
    if kind == 0:
        g1 = rng.geometric(0.35, size=(n, COLS)) - 1
        g2 = rng.geometric(0.35, size=(n, COLS)) - 1
        mult = 1 + (np.arange(COLS) % 3)[None, :] * g2
        return (g1 * mult).astype(np.float64)
    x = rng.lognormal(0.0, 1.2, size=(n, COLS)) * (np.arange(COLS) + 1)[None, :]
    x[rng.random((n, COLS)) < 0.3] = 0.0
    return x


def pipeline(x):
    """The idiomatic numpy pipeline, shared with the suite peer."""
    return entropy_pipeline(x)


def check(x, w, s, top):
    n = x.shape[0]
    d = np.empty(COLS)
    for j in range(COLS):
        v, c = np.unique(x[:, j], return_counts=True)
        y = (v - v[0]) / (v[-1] - v[0])
        tot = (c * y).sum()
        q = y[y > 0] / tot
        d[j] = 1.0 + (c[y > 0] * q * np.log(q)).sum() / np.log(n)
    assert np.allclose(w, d / d.sum(), rtol=1e-9, atol=0), (w, d / d.sum())
    k = len(top)
    order = np.lexsort((np.arange(n), -s))[:k]
    assert set(np.flatnonzero(s >= s[order[-1]])) >= set(order)


def main():
    max_n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    for n in (100_000, 1_000_000, 10_000_000):
        if n > max_n:
            break
        for kind in (0, 1):
            x = make(n, kind, 2 * n + kind)
            times = []
            for _ in range(3 if n >= 10_000_000 else 7):
                t0 = time.perf_counter()
                w, s, top = pipeline(x)
                times.append(time.perf_counter() - t0)
            check(x, w, s, top)
            print(f"numpy n={n} kind={'int' if kind == 0 else 'real'} median {1e3 * float(np.median(times)):.1f} ms")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
