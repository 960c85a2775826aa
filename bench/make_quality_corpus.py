"""Deterministic input for the whole-command quality benchmark (docs/internals/performance.md,
"Quality indicators, whole command"): a canonical patent CSV, a citation table and a class
table in the formats docs/analysis-quality.md states.

usage: /usr/bin/python3 make_quality_corpus.py RECORDS CITATIONS DIR [--seed N]

  DIR/records.csv    id,year,ipc  -- RECORDS grants "US <10000000+i> B2", years 2000-2019
                     rising with i, 1-4 IPC codes (";;" list) drawn from 600 subclasses with a
                     skew (a few subclasses are common, most are rare)
  DIR/citations.csv  citing,cited,citing_year -- CITATIONS rows: 85 % a record citing an
                     earlier record (within 0-9 years), 10 % a record citing an outside
                     document "EP <1000000+k> A1", 5 % an outside document "WO <k> A1" citing a
                     record (its citing_year, one per document, given for two documents of three). Duplicate rows and
                     self-citations occur, as in real tables.
  DIR/classes.csv    id,ipc -- 1-2 codes of each outside EP document (none for the WO ones,
                     so some citing documents have no known class)

The same arguments give the same bytes (numpy's PCG64 with the seed, default 19).
"""
import os
import sys

import numpy as np

FIRST_YEAR, YEARS = 2000, 20


def subclass_names(rng, count):
    """count distinct IPC subclass symbols like H04L, picked at random from A01A..H99Z."""
    seen, out = set(), []
    while len(out) < count:
        s = "ABCDEFGH"[rng.integers(8)] + "%02d" % rng.integers(1, 100) + "ABCDEFGHJKLMNPQ"[rng.integers(15)]
        if s not in seen:
            seen.add(s)
            out.append(s)
    return np.array(out)


def codes(rng, names, count, max_codes):
    """count ";;"-joined code lists of 1..max_codes main groups of skewed subclasses."""
    k = rng.integers(1, max_codes + 1, size=count)
    total = int(k.sum())
    sub = np.minimum((rng.pareto(1.2, size=total) * 20).astype(np.int64), len(names) - 1)
    group = rng.integers(1, 40, size=total)
    sym = [names[s] + " %d/00" % g for s, g in zip(sub, group)]
    out, at = [], 0
    for kk in k:
        out.append(";;".join(sym[at:at + kk]))
        at += kk
    return out


def main():
    n, m, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 19
    rng = np.random.default_rng(seed)
    os.makedirs(d, exist_ok=True)
    names = subclass_names(rng, 600)
    year = FIRST_YEAR + (np.arange(n) * YEARS) // n  # rising with the index
    ipc = codes(rng, names, n, 4)
    with open(os.path.join(d, "records.csv"), "w") as f:
        f.write("id,year,ipc\n")
        f.write("".join("US %d B2,%d,%s\n" % (10000000 + i, y, c) for i, (y, c) in enumerate(zip(year.tolist(), ipc))))

    n_ext = max(1, n // 5)
    kind = rng.random(m)
    citing = rng.integers(0, n, size=m)
    # a record cites one from 0-9 years earlier (clipped at the first record)
    back = np.clip(citing - (rng.random(m) * 10 * n / YEARS).astype(np.int64), 0, n - 1)
    ext = rng.integers(0, n_ext, size=m)
    # an outside WO document k has one year, 2000-2024, given for two of three (k % 3 != 0)
    wo_year = FIRST_YEAR + (ext * 7919) % (YEARS + 5)
    has_year = ext % 3 != 0
    with open(os.path.join(d, "citations.csv"), "w") as f:
        f.write("citing,cited,citing_year\n")
        for at in range(0, m, 1 << 20):
            rows = []
            for i in range(at, min(m, at + (1 << 20))):
                c, b, e, kd = int(citing[i]), int(back[i]), int(ext[i]), kind[i]
                if kd < 0.85:
                    rows.append("US %d B2,US %d B2,%d\n" % (10000000 + c, 10000000 + b, year[c]))
                elif kd < 0.95:
                    rows.append("US %d B2,EP %d A1,%d\n" % (10000000 + c, 1000000 + e, year[c]))
                else:
                    rows.append("WO %d A1,US %d B2,%s\n" % (e, 10000000 + b, str(wo_year[i]) if has_year[i] else ""))
            f.write("".join(rows))

    ext_codes = codes(rng, names, n_ext, 2)
    with open(os.path.join(d, "classes.csv"), "w") as f:
        f.write("id,ipc\n")
        f.write("".join("EP %d A1,%s\n" % (1000000 + k, s) for k, cs in enumerate(ext_codes) for s in cs.split(";;")))


if __name__ == "__main__":
    main()
