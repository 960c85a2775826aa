"""Peer timings for bench/convergence_bench.cpp: what a Python user writes.

convergence: distinct all / main codes and records with > 1 distinct code,
with Python sets over lists of ints (the same record shape as the C++ bench:
1-4 codes from 650 ids). shannon: scipy.stats.entropy on a count vector.
Prints milliseconds per call (best of 5)."""
import random
import timeit

import numpy as np
from scipy.stats import entropy


def make_records(n):
    rng = random.Random(42)
    return [[rng.randrange(650) for _ in range(1 + rng.randrange(4))] for _ in range(n)]


def convergence(recs):
    all_codes, main = set(), set()
    multi = 0
    for rec in recs:
        if not rec:
            continue
        main.add(rec[0])
        all_codes.update(rec)
        if len(set(rec)) > 1:
            multi += 1
    n = len(recs)
    return (n - len(all_codes)) / n, (n - len(main)) / n, multi / n


for n in (100_000, 1_000_000):
    recs = make_records(n)
    t = min(timeit.repeat(lambda: convergence(recs), number=1, repeat=5))
    print(f"convergence python sets n={n}: {t * 1e3:.1f} ms")
for k in (1_000, 1_000_000):
    c = np.random.default_rng(7).integers(0, 1000, k).astype(float)
    t = min(timeit.repeat(lambda: entropy(c), number=1, repeat=5))
    print(f"scipy.stats.entropy k={k}: {t * 1e3:.3f} ms")
