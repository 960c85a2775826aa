"""techconv.weights against a numpy implementation of the same entropy
method in the same process (issue 21), and the call overhead on a tiny input.

    PYTHONPATH=build/python python3 python/bench/weights_vs_numpy.py [ROWS] [REPEATS]

ROWS x 9 Poisson counts (default 10,000,000 rows: 720 MB as float64; numpy
needs about four more arrays of that size). Prints the best of REPEATS
(default 3) wall-clock times of each, their ratio, and checks that both give
the same weights (relative difference below 1e-6)."""
import math
import sys
import time
import timeit

import numpy as np

import techconv


def numpy_entropy_scores(x):
    """METHODS.md section 1: min-max, p = x'/sum, e = -(1/ln n) sum p ln p (0 ln 0 = 0), w, s = x' w,
    and the ranks (score descending, ties by row order), as techconv.weights returns them."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    xn = (x - lo) / (hi - lo)
    p = xn / xn.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    e = -plogp.sum(axis=0) / math.log(x.shape[0])
    w = (1 - e) / (1 - e).sum()
    s = xn @ w
    ranks = np.empty(len(s), dtype=np.int64)
    ranks[np.argsort(-s, kind="stable")] = np.arange(1, len(s) + 1)
    return w, ranks


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rng = np.random.default_rng(21)
    x = rng.poisson([3.0, 0.5, 12.0, 1.5, 40.0, 2.0, 6.0, 1.0, 9.0], size=(rows, 9)).astype(np.float64)
    t_np, (w_np, ranks_np) = best(lambda: numpy_entropy_scores(x), repeats)
    t_tc1, r1 = best(lambda: techconv.weights(x, threads=1), repeats)
    t_tc0, r0 = best(lambda: techconv.weights(x, threads=0), repeats)
    diff = float(np.max(np.abs(r1.weights - w_np) / w_np))
    # sums over 10^7 rows in different orders, then 1 - e_j (e_j near 1) cancels digits: ~1e-8 apart
    if diff > 1e-6 or r1.copied or not np.array_equal(r1.weights, r0.weights):
        raise SystemExit(f"weights differ: max relative difference {diff}, copied {r1.copied}")
    tiny = np.arange(1.0, 31.0).reshape(10, 3) ** np.array([1.0, 2.0, 0.5])
    n = 20000
    per_call = min(timeit.repeat(lambda: techconv.weights(tiny), number=n, repeat=3)) / n
    print(f"rows: {rows} x 9 float64, best of {repeats}")
    print(f"numpy entropy, scores and ranks: {t_np:.3f} s")
    print(f"techconv.weights threads=1: {t_tc1:.3f} s (numpy / techconv = {t_np / t_tc1:.1f})")
    print(f"techconv.weights threads=0 (all cores): {t_tc0:.3f} s (numpy / techconv = {t_np / t_tc0:.1f})")
    print(f"max relative weight difference: {diff:.1e}")
    print(f"call overhead, 10 x 3 input: {per_call * 1e6:.1f} us per call")


if __name__ == "__main__":
    main()
