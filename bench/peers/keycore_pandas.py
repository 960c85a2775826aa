"""pandas + numpy peer of the whole `techconv keycore --group-by country`
command on the synthetic canonical CSV, written the way a user would script
it: read the file, keep the first row of each family (the peer issue 17
names; techconv instead merges the members and takes the largest of their
counts, so the two key cores are of the same size but not the same records:
this peer is a yardstick of work, not a check of answers), [KCT] entropy weights
(min-max, 0 ln 0 = 0), scores, the top ceil(0.05 n) records, key-core records
per country, and a scores CSV (id, score, rank) plus a countries CSV.
Timed as a whole process beside techconv (docs/internals/performance.md,
"End to end"); it prints the key-core size so a run can be checked.

usage: /usr/bin/python3 keycore_pandas.py CORPUS.csv OUT_DIR
"""
import os
import sys

import numpy as np
import pandas as pd

import peer_common as pc


def main(corpus, out):
    os.makedirs(out, exist_ok=True)
    df = pd.read_csv(corpus, usecols=["id", "family_id", "country"] + pc.INDICATORS,
                     dtype={"id": str, "family_id": str, "country": str}, keep_default_na=False)
    df = df.drop_duplicates("family_id", keep="first")
    x = df[pc.INDICATORS].to_numpy(dtype=np.float64)
    w, s, top = pc.entropy_pipeline(x)
    order = np.lexsort((np.arange(len(s)), -s))  # score descending, ties in input order
    rank = np.empty(len(s), dtype=np.int64)
    rank[order] = np.arange(1, len(s) + 1)
    core = df.iloc[order[: len(top)]]
    counts = core["country"].replace("", "(unknown)").value_counts()
    counts.rename_axis("group").rename("records").to_csv(os.path.join(out, "countries.csv"))
    pd.DataFrame({"id": df["id"].to_numpy(), "score": s, "rank": rank}).to_csv(
        os.path.join(out, "scores.csv"), index=False)
    print(len(df), len(top), len(counts))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
