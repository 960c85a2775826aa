"""SciPy peer of the co-occurrence rows of bench/suite_bench.cpp: C = A^T A on
the same binary CSR incidences, checked against techconv's C (non-zeros,
total and a position-weighted fingerprint) before timing.

usage: suite_cooccurrence.py N...
"""
import numpy as np
import scipy.sparse as sp

import peer_common as pc


def load_inc(name):
    f = pc.path(name)
    records, codes, nnz = (int(v) for v in np.fromfile(f, dtype=np.int64, count=3))
    off = np.fromfile(f, dtype=np.int64, count=records + 1, offset=24)
    ids = np.fromfile(f, dtype=np.int32, count=nnz, offset=24 + 8 * (records + 1))
    return sp.csr_matrix((np.ones(nnz), ids, off), shape=(records, codes))


def fingerprint(c):
    c = c.tocoo()
    h = (c.row.astype(np.uint64) * np.uint64(2654435761) + c.col.astype(np.uint64) * np.uint64(40503)) % np.uint64(1000003)
    return c.nnz, float(c.data.sum()), float((c.data * (h.astype(np.float64) / 1000003.0)).sum())


def main():
    for n in pc.sizes():
        for level in ("sub", "mg"):
            a = load_inc(f"inc_{level}_{n}.bin")
            nnz, total, fp = fingerprint(a.T @ a)
            want = pc.load_vector(f"cooc_{level}_{n}.txt")
            if nnz != int(want[0]):
                raise pc.CheckFailed(f"nnz(C) {nnz} != techconv's {int(want[0])}")
            pc.close([total, fp], want[1:], 1e-9, "C fingerprint")
            wall, cpu, _ = pc.timed(lambda: a.T @ a, 3)
            pc.emit("cooccurrence", f"{level}/{n}", "scipy", wall, cpu, "nnz, sum and fingerprint of C, 1e-9")


if __name__ == "__main__":
    main()
