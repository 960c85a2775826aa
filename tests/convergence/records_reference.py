"""Independent reference for tests/convergence/records.test.cpp.

Recomputes, with Python sets, dicts and collections.Counter (and
scipy.stats.entropy), the convergence figures, share tables and applicant
concentration of a group of records.

usage:
  records_reference.py text PATH   one record per line, codes separated by ';',
                                   applicants after '|' separated by ';'
  records_reference.py lens PATH   a Lens patent CSV export (IPCR Classifications,
                                   Applicants, lists separated by ';;')

Prints five lines of numbers:
 1. records, records_without_codes, distinct subclasses (all, main), records with
    >1 subclass, records with >1 section, distinct sections (all, main)
 2. main-subclass top 10 as (first_seen, count) pairs, count desc then first seen
 3. multi-label subclass top 10, same form
 4. applicants: HHI whole, HHI fractional, CR4 whole, CR4 fractional, distinct,
    records without applicants, then the top 5 as (first_seen, count) pairs
 5. Shannon (nats) and Gini-Simpson of the multi-label subclass counts
"""
import csv
import sys
from collections import Counter

import numpy as np
from scipy.stats import entropy


def load_text(path):
    recs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            codes, _, apps = line.partition("|")
            recs.append(([c for c in codes.split(";") if c], [a for a in apps.split(";") if a]))
    return recs


def load_lens(path):
    recs = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            codes = [c.strip() for c in row["IPCR Classifications"].split(";;") if c.strip()]
            apps = [a.strip() for a in row["Applicants"].split(";;") if a.strip()]
            recs.append((codes, apps))
    return recs


def ranked(lists, top):
    """Rows (first_seen, count): each list counts each distinct key once."""
    order = {}
    counts = Counter()
    for keys in lists:
        for k in keys:
            order.setdefault(k, len(order))
        counts.update(set(keys))
    rows = sorted(((order[k], c) for k, c in counts.items()), key=lambda r: (-r[1], r[0]))
    return rows[:top] if top else rows


def hhi(values):
    v = np.array(values, dtype=float)
    s = v / v.sum()
    return float((s * s).sum())


def cr(values, k):
    v = np.sort(np.array(values, dtype=float))[::-1]
    return float(v[:k].sum() / v.sum())


def main():
    recs = load_text(sys.argv[2]) if sys.argv[1] == "text" else load_lens(sys.argv[2])
    sub = [[c[:4] for c in codes] for codes, _ in recs]
    sec = [[c[:1] for c in codes] for codes, _ in recs]
    n = len(recs)
    without = sum(1 for s in sub if not s)
    all_sub = {k for s in sub for k in s}
    main_sub = {s[0] for s in sub if s}
    multi_sub = sum(1 for s in sub if len(set(s)) > 1)
    multi_sec = sum(1 for s in sec if len(set(s)) > 1)
    all_sec = {k for s in sec for k in s}
    main_sec = {s[0] for s in sec if s}
    print(n, without, len(all_sub), len(main_sub), multi_sub, multi_sec, len(all_sec), len(main_sec))

    main_rows = ranked([[s[0]] for s in sub if s], 10)
    print(" ".join(f"{a} {b}" for a, b in main_rows))
    multi_rows = ranked(sub, 10)
    print(" ".join(f"{a} {b}" for a, b in multi_rows))

    apps = [a for _, a in recs]
    whole = Counter()
    frac = Counter()
    for a in apps:
        d = set(a)
        for x in d:
            whole[x] += 1
            frac[x] += 1.0 / len(d)
    top5 = ranked(apps, 5)
    print(hhi(list(whole.values())), hhi(list(frac.values())), cr(list(whole.values()), 4),
          cr(list(frac.values()), 4), len(whole), sum(1 for a in apps if not a),
          " ".join(f"{a} {b}" for a, b in top5))

    counts = [c for _, c in ranked(sub, 0)]
    p = np.array(counts, dtype=float) / sum(counts)
    print(float(entropy(counts)), float(1.0 - (p * p).sum()))


if __name__ == "__main__":
    main()
