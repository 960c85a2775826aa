"""End-to-end check of `techconv keycore`, `network` and `closeness` on the hand-written PATSTAT
extract tests/io/patstat/ (six tables written from the PATSTAT Global data catalogue; its
README.md says what each row exercises), given as six INPUT files in a shuffled order with
--format auto.

# needs-header: techconv/weighting.hpp

- keycore (--no-merge --missing zero): the indicator rows below are computed by hand from the
  tables (README.md); weights, scores and the key core are recomputed with numpy
  (kct_reference.py through check_keycore.check_run). Family size is never supplied (absent).
- network (families merged: applications 1001 and 1003 share DOCDB family 5001): the IPC
  subclasses by hand are G06F, H04L (family 5001), G06F, G06N (1002), A61B (1005): four nodes,
  two edges G06F-H04L and G06F-G06N.
- closeness (inventor countries of each family): family 5001 has inventors in DE and IT, the
  others one country each: one pair DE-IT with N_ij = 1, Salton 1.

usage: check_patstat.py TECHCONV DATA_DIR WORK_DIR
"""
import os
import sys

from check_keycore import check_run
from cli_util import check, read_csv, run

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    exe, _data, work = sys.argv[1:4]
    folder = os.path.join(HERE, "..", "io", "patstat")
    files = [os.path.join(folder, n + ".csv") for n in
             ("tls212_citation", "tls206_person", "tls209_appln_ipc", "tls201_appln", "tls211_pat_publn",
              "tls207_pers_appln")]

    out = os.path.join(work, "keycore-patstat")
    run(exe, ["keycore"] + files + ["--out", out, "--no-merge", "--missing", "zero", "--quiet"])
    ids = ["EP 3000001 A1", "US 20170012345 A1", "EP 3000002 A1", "CN 201710003", "WO 2017123456 A1"]
    # [KCT] order: backward, NPL, claims, forward, technology classes, applicants, family size,
    # filing countries, developed filing countries (EP and US developed; CN, WO not)
    x = [[1, 0, 12, 3, 2, 1, None, 1, 1],   # 1001: cites 2003; B1 has 12 claims; 3 citing families
         [1, 0, 0, 0, 2, 2, None, 1, 1],    # 1002: 7777777 twice = 1; two applicants
         [2, 1, 0, 1, 1, 1, None, 1, 1],    # 1003: both publications of 1001 and one NPL document
         [0, 0, 0, 0, 0, 0, None, 1, 0],    # 1004: nothing; its one person is not in tls206
         [1, 0, 0, 2, 1, 1, None, 1, 0]]    # 1005: cites application 1002
    key, _ = check_run(out, ids, x, [0, 1, 2, 3, 4, 5, 7, 8], "patstat")
    print("patstat keycore: 5 records, %d key core, 8 indicators, family size absent; agree" % len(key))

    net = os.path.join(work, "network-patstat")
    run(exe, ["network"] + files + ["--out", net, "--quiet"])
    nodes = read_csv(os.path.join(net, "nodes.csv"))
    names = sorted(r[list(r.keys())[0]] for r in nodes)
    check(names == ["A61B", "G06F", "G06N", "H04L"], "network nodes: %s" % names)
    edges = read_csv(os.path.join(net, "edges.csv"))
    check(len(edges) == 2, "network edges: %d, expected 2 (G06F-H04L, G06F-G06N)" % len(edges))
    print("patstat network: 4 nodes, 2 edges; agree")

    clo = os.path.join(work, "closeness-patstat")
    run(exe, ["closeness"] + files + ["--out", clo, "--quiet"])
    pairs = read_csv(os.path.join(clo, "pairs.csv"))
    check(len(pairs) == 1, "closeness pairs: %d, expected 1 (DE-IT)" % len(pairs))
    p = pairs[0]
    vals = list(p.values())
    check("DE" in vals and "IT" in vals, "closeness pair: %s" % p)
    print("patstat closeness: one pair DE-IT; agree")


if __name__ == "__main__":
    main()
