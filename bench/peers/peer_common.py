"""Shared pieces of the suite peers (scripts/bench): timing, result lines,
loading the inputs suite_bench generated and the answers it wrote, and the
checks every peer passes before its time is recorded.

A result is one JSON object per line on stdout:
  {"task": ..., "case": ..., "peer": ..., "wall_ms": ..., "cpu_ms": ..., "check": ...}
A failed check raises CheckFailed: the peer exits non-zero and scripts/bench stops.
"""
import json
import os
import sys
import time

import numpy as np

COLS = 9
INDICATORS = ["backward_citations", "npl_citations", "claims", "forward_citations",
              "technology_classes", "applicant_count", "family_size", "filing_countries",
              "developed_filing_countries"]


class CheckFailed(AssertionError):
    pass


def data_dir():
    return os.environ.get("TECHCONV_BENCH_DATA", "build/bench-data")


def path(name):
    return os.path.join(data_dir(), name)


def answer(name):
    return os.path.join(data_dir(), "answers", name)


def sizes():
    return [int(s) for s in sys.argv[1:]] or [100000]


def timed(fn, runs=3):
    """Best wall and best CPU (process_time: all threads of the process) of `runs` calls, in ms."""
    wall, cpu, out = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(wall) * 1e3, min(cpu) * 1e3, out


def emit(task, case, peer, wall_ms, cpu_ms, check):
    print(json.dumps({"task": task, "case": case, "peer": peer, "wall_ms": round(wall_ms, 3),
                      "cpu_ms": round(cpu_ms, 3), "check": check}))
    sys.stdout.flush()


def command_args():
    """The arguments of a whole-command peer: (INPUT, OUT_DIR, the techconv folder of
    --check DIR or None); OUT_DIR is created."""
    args = sys.argv[1:]
    tc_dir = None
    if "--check" in args:
        i = args.index("--check")
        tc_dir = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit("usage: %s INPUT OUT_DIR [--check TECHCONV_OUT_DIR]" % os.path.basename(sys.argv[0]))
    os.makedirs(args[1], exist_ok=True)
    return args[0], args[1], tc_dir


def close(a, b, rel=1e-9, what="values"):
    """|a - b| <= rel * max(|b|) elementwise (relative to the largest value)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise CheckFailed(f"{what}: shape {a.shape} != techconv's {b.shape}")
    scale = max(float(np.max(np.abs(b))) if b.size else 0.0, 1e-300)
    err = float(np.max(np.abs(a - b))) if a.size else 0.0
    if not err <= rel * scale:
        raise CheckFailed(f"{what}: max difference {err:.3g} > {rel:g} x {scale:.3g}")
    return err / scale


def load_matrix(stem, n):
    return np.fromfile(path(f"{stem}_{n}.bin"), dtype=np.float64).reshape(n, COLS)


def load_vector(name):
    return np.loadtxt(answer(name), ndmin=1)


def load_membership(name):
    v = np.loadtxt(answer(name), ndmin=1)
    return float(v[0]), v[1:].astype(int).tolist()


def entropy_pipeline(x, q=0.05):
    """[KCT] steps 1-6 the idiomatic numpy way: min-max, p = x'/sum x',
    e = -sum p ln p / ln n (0 ln 0 = 0), weights, scores, top ceil(q n)."""
    n = x.shape[0]
    lo, hi = x.min(axis=0), x.max(axis=0)
    y = (x - lo) / (hi - lo)
    p = y / y.sum(axis=0)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    e = -plogp.sum(axis=0) / np.log(n)
    d = 1.0 - e
    w = d / d.sum()
    s = y @ w
    k = int(np.ceil(q * n))
    top = np.argpartition(-s, k - 1)[:k]
    return w, s, top


def check_top(top_peer, top_tc, s_tc, rel=1e-9):
    """Same selected set, except records whose score lies within rel of the
    threshold (ties that rounding may order either way)."""
    a, b = set(np.asarray(top_peer).tolist()), set(np.asarray(top_tc).tolist())
    if len(a) != len(b):
        raise CheckFailed(f"top-k size {len(a)} != techconv's {len(b)}")
    diff = np.fromiter(a ^ b, dtype=np.int64)
    if diff.size:
        t = float(np.min(s_tc[np.asarray(top_tc, dtype=np.int64)]))
        tol = rel * float(np.max(np.abs(s_tc)))
        if np.any(np.abs(s_tc[diff] - t) > tol):
            raise CheckFailed(f"top-k sets differ in {diff.size} records away from the threshold")
    return int(diff.size)
