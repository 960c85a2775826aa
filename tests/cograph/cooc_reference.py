"""Independent co-occurrence of the Lens jet-engine IPCR codes with SciPy.

Usage: cooc_reference.py CSV LEVEL COUNTING [SUBSET] [MERGE]
  LEVEL     subclass | main_group (first 4 characters | text before '/')
  COUNTING  full | fractional
  SUBSET    all | jurisdiction=XX (keep records of that jurisdiction)
  MERGE     none | priority (merge records sharing their first priority number)

Builds the records x codes 0/1 matrix A with scipy.sparse (codes sorted by
their string), computes C = A^T W A with W = diag(1) or diag(1/(k-1)), sets
the diagonal to the column sums of A, and prints "n nnz", the n labels, and
one "i j value" line per stored entry (row-major, repr precision).
"""
import csv
import sys

import numpy as np
import scipy.sparse as sp


def project(code, level):
    code = code.strip()
    if level == "subclass":
        return code[:4] if len(code) >= 4 else None
    slash = code.find("/")
    return code[:slash] if slash >= 5 else None


def main():
    path, level, counting = sys.argv[1:4]
    subset = sys.argv[4] if len(sys.argv) > 4 else "all"
    merge = sys.argv[5] if len(sys.argv) > 5 else "none"
    records = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if subset != "all":
                key, value = subset.split("=")
                if key == "jurisdiction" and row["Jurisdiction"] != value:
                    continue
            codes = set()
            for c in row["IPCR Classifications"].split(";;"):
                if not c.strip():
                    continue
                p = project(c, level)
                if p is not None:
                    codes.add(p)
            pri = [p.strip() for p in row["Priority Numbers"].split(";;") if p.strip()]
            records.append((pri[0] if pri else "", codes))
    if merge == "priority":
        groups = {}
        order = []
        for key, codes in records:
            if key not in groups:
                groups[key] = set()
                order.append(key)
            groups[key] |= codes
        records = [(k, groups[k]) for k in order]
    labels = sorted(set().union(*[c for _, c in records]))
    col = {l: i for i, l in enumerate(labels)}
    rows, cols = [], []
    for r, (_, codes) in enumerate(records):
        for c in codes:
            rows.append(r)
            cols.append(col[c])
    a = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(records), len(labels)))
    k = np.asarray(a.sum(axis=1)).ravel()
    if counting == "fractional":
        w = np.where(k > 1, 1.0 / np.maximum(k - 1, 1), 1.0)
    else:
        w = np.ones(len(records))
    c = (a.T @ sp.diags(w) @ a).tolil()
    occ = np.asarray(a.sum(axis=0)).ravel()
    for i in range(len(labels)):
        c[i, i] = occ[i]
    c = c.tocsr()
    c.sort_indices()
    out = [f"{len(labels)} {c.nnz}"]
    out.extend(labels)
    coo = c.tocoo()
    for i, j, v in zip(coo.row, coo.col, coo.data):
        out.append(f"{i} {j} {v!r}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
