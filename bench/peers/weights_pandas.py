"""pandas + numpy peer of the whole `techconv weights TABLE.csv` command (entropy method, top 5 %),
written the way a user would script it: pandas.read_csv of the numeric table, [KCT] entropy
weights on min-max values (peer_common.entropy_pipeline), scores, ranks (score descending, ties
in row order) and the key-core flag of the top ceil(0.05 n) rows; writes weights.csv and
scores.csv. Timed as a whole process beside techconv (bench/commands.py).

usage: /usr/bin/python3 weights_pandas.py TABLE.csv OUT_DIR [--check TECHCONV_OUT_DIR]
  --check: compare the weights with techconv's weights.csv (1e-9 relative) and the key-core
           rows (peer_common.check_top); exits 1 on a difference.
"""
import os
import sys

import numpy as np
import pandas as pd

import peer_common as pc


def main():
    path, out, tc_dir = pc.command_args()
    df = pd.read_csv(path)
    x = df.to_numpy(dtype=np.float64)
    w, s, top = pc.entropy_pipeline(x)
    order = np.lexsort((np.arange(len(s)), -s))
    rank = np.empty(len(s), dtype=np.int64)
    rank[order] = np.arange(1, len(s) + 1)
    core = np.zeros(len(s), dtype=np.int8)
    core[order[: len(top)]] = 1
    pd.DataFrame({"indicator": df.columns, "weight": w}).to_csv(os.path.join(out, "weights.csv"), index=False)
    pd.DataFrame({"id": np.arange(1, len(s) + 1), "score": s, "rank": rank, "key_core": core}).to_csv(
        os.path.join(out, "scores.csv"), index=False)
    if tc_dir:
        tw = pd.read_csv(os.path.join(tc_dir, "weights.csv"))
        pc.close(w, tw["weight"].to_numpy(), 1e-9, "weights")
        ts = pd.read_csv(os.path.join(tc_dir, "scores.csv"))
        s_tc = ts["score"].to_numpy()
        pc.close(s, s_tc, 1e-9, "scores")
        top_tc = np.flatnonzero(ts["key_core"].to_numpy() == 1)
        pc.check_top(top, top_tc, s_tc)
        print("weights_pandas: weights, scores and key core agree with techconv (%d rows)" % len(s))


if __name__ == "__main__":
    main()
