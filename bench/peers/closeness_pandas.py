"""pandas peer of the whole `techconv closeness --by year` command on a WoS tab-delimited export
(bench/make_wos_corpus.py), written the way a user would script it: read the file, drop
repeated UT, take each address's country (the last comma-separated part, mapped by the
generator's table; "... ST ZIP USA" is the US), keep each record's distinct countries, and per
year: records and international records (at least two countries) per country, N_ij of every
pair, Salton's N_ij / sqrt(N_i N_j) with N_i counted over international records ([COOP], the
command's default denominator), the pair shares, partners and link strength; writes pairs.csv
and countries.csv. Timed as a whole process beside techconv (bench/commands.py).

usage: /usr/bin/python3 closeness_pandas.py WOS.txt OUT_DIR [--check TECHCONV_OUT_DIR]
  --check: compare pairs.csv and countries.csv with techconv's (counts exactly, measures to
           1e-12 relative); exits 1 on a difference.
"""
import csv
import os
import sys

import numpy as np
import pandas as pd

import peer_common as pc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from make_wos_corpus import COUNTRIES  # noqa: E402  (the generator's spellings)


def analyse(path):
    df = pd.read_csv(path, sep="\t", usecols=["C1", "PY", "UT"], dtype=str, quoting=csv.QUOTE_NONE,
                     keep_default_na=False)
    df = df.drop_duplicates("UT")
    df["PY"] = df["PY"].astype(np.int64)
    addr = df["C1"].str.replace(r"\[[^\]]*\]\s*", "", regex=True).str.split("; ")
    ex = df[["UT", "PY"]].assign(a=addr).explode("a")
    tail = ex["a"].str.rsplit(", ", n=1).str[-1]
    code = tail.map(dict(COUNTRIES))
    code = code.mask(tail.str.endswith(" USA"), "US")
    ex = ex.assign(c=code).dropna(subset=["c"]).drop_duplicates(["UT", "c"])[["UT", "PY", "c"]]
    ex["k"] = ex.groupby("UT")["c"].transform("size")
    records = ex.groupby(["PY", "c"]).size().rename("records")
    intl = ex[ex["k"] >= 2]
    n_i = intl.groupby(["PY", "c"]).size().rename("international")
    m = intl.merge(intl, on=["UT", "PY"])
    m = m[m["c_x"] < m["c_y"]]
    pairs = m.groupby(["PY", "c_x", "c_y"]).size().rename("n_ij").reset_index()
    ni = n_i.rename("n_i").rename_axis(["PY", "c_x"]).reset_index()
    nj = n_i.rename("n_j").rename_axis(["PY", "c_y"]).reset_index()
    pairs = pairs.merge(ni, on=["PY", "c_x"]).merge(nj, on=["PY", "c_y"])
    pairs["salton"] = pairs["n_ij"] / np.sqrt(pairs["n_i"] * pairs["n_j"])
    pairs["share_i"] = pairs["n_ij"] / pairs["n_i"]
    pairs["share_j"] = pairs["n_ij"] / pairs["n_j"]
    pairs = pairs.sort_values(["PY", "c_x", "c_y"]).rename(
        columns={"PY": "year", "c_x": "country_i", "c_y": "country_j"})
    both = pd.concat([pairs[["year", "country_i", "n_ij"]].rename(columns={"country_i": "country"}),
                      pairs[["year", "country_j", "n_ij"]].rename(columns={"country_j": "country"})])
    links = both.groupby(["year", "country"])["n_ij"].agg(["size", "sum"]).rename(
        columns={"size": "partners", "sum": "link_strength"})
    countries = pd.concat([records, n_i], axis=1).fillna(0).astype(np.int64).rename_axis(["year", "country"])
    countries = countries.join(links).fillna(0).astype(np.int64).reset_index()
    return pairs, countries


def check(pairs, countries, tc_dir):
    tp = pd.read_csv(os.path.join(tc_dir, "pairs.csv"), keep_default_na=False)
    tk = pd.read_csv(os.path.join(tc_dir, "countries.csv"), keep_default_na=False)
    a = pairs.reset_index(drop=True)
    if len(a) != len(tp) or not (a[["year", "country_i", "country_j", "n_ij", "n_i", "n_j"]].values ==
                                 tp[["year", "country_i", "country_j", "n_ij", "n_i", "n_j"]].values).all():
        sys.exit("closeness_pandas: pairs differ from techconv's")
    for col in ("salton", "share_i", "share_j"):
        err = np.max(np.abs(a[col].to_numpy() - tp[col].to_numpy()) / np.maximum(np.abs(tp[col].to_numpy()), 1e-300))
        if not err <= 1e-12:
            sys.exit("closeness_pandas: %s differs from techconv's by %.3g" % (col, err))
    cols = ["year", "country", "records", "international", "partners", "link_strength"]
    b = countries.sort_values(["year", "country"]).reset_index(drop=True)
    if len(b) != len(tk) or not (b[cols].values == tk[cols].values).all():
        sys.exit("closeness_pandas: countries differ from techconv's")
    print("closeness_pandas: %d pairs and %d country rows agree with techconv" % (len(a), len(b)))


def main():
    path, out, tc_dir = pc.command_args()
    pairs, countries = analyse(path)
    pairs.to_csv(os.path.join(out, "pairs.csv"), index=False)
    countries.to_csv(os.path.join(out, "countries.csv"), index=False)
    if tc_dir:
        check(pairs, countries, tc_dir)


if __name__ == "__main__":
    main()
