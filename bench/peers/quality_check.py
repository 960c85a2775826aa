"""Checks that quality_pandas.py and `techconv quality` agree: every indicator column the peer
writes (and its _normalised) against techconv's quality.csv of the same input, row by row (same
record order), an empty cell only where the other is empty, numbers within 1e-9 relative.

usage: /usr/bin/python3 quality_check.py TECHCONV_QUALITY_CSV PEER_QUALITY_CSV
Prints the rows and cells compared; exits 1 (listing the first differences) when they differ.
"""
import sys

import numpy as np
import pandas as pd

from quality_pandas import INDICATORS


def main(ours_path, peer_path):
    ours = pd.read_csv(ours_path, dtype=str, keep_default_na=False)
    peer = pd.read_csv(peer_path, dtype=str, keep_default_na=False)
    bad = []
    if list(ours["id"]) != list(peer["id"]):
        bad.append("the record ids differ (count %d vs %d)" % (len(ours), len(peer)))
    cells = 0
    for name in INDICATORS + [i + "_normalised" for i in INDICATORS]:
        x = pd.to_numeric(ours[name].replace("", np.nan)).to_numpy(dtype=float)
        y = pd.to_numeric(peer[name].replace("", np.nan)).to_numpy(dtype=float)
        both = ~np.isnan(x) & ~np.isnan(y)
        wrong = (np.isnan(x) != np.isnan(y)) | (both & (np.abs(x - y) > 1e-9 * np.maximum(1.0, np.abs(y))))
        cells += len(x)
        for i in np.flatnonzero(wrong)[:5]:
            bad.append("%s %s: techconv %r, peer %r" % (ours["id"][i], name, ours[name][i], peer[name][i]))
    print("compared %d records, %d cells: %s" % (len(ours), cells, "agree" if not bad else "DIFFER"))
    if bad:
        print("\n".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
