"""End-to-end check of `techconv keycore` and `techconv network` on Lens patent JSON: the
hand-written samples of tests/io/lens_json/ (a Lens Patent API response page and JSON Lines of
records; README.md there), read together with --format auto.

# needs-header: techconv/weighting.hpp

Run with --no-merge (one row per record), then merged (one row per simple family: the
7 records form 4 families by their family keys). Every record carries every field the nine [KCT] indicators need (stated citation, family and
claim counts, IPC codes, applicants, family members with their jurisdictions), so all nine are
present. The indicator matrix comes from the independent reading of
tests/io/lens_json_reference.py (Python json); weights, scores and the key core are recomputed
with numpy (kct_reference.py, through check_keycore.check_run). The network (--codes ipc) has
one node per distinct IPC subclass of the records, counted from the same reading. `closeness`
counts the inventors' residence countries per simple family (hand count below).

usage: check_lens_json.py TECHCONV DATA_DIR WORK_DIR
"""
import json
import os
import sys

from check_keycore import check_run
from cli_util import check, read_csv, reference, run

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "io", "lens_json")


def main():
    exe, _data, work = sys.argv[1:4]
    files = [os.path.join(SAMPLES, f) for f in ("page.json", "records.jsonl")]
    out = os.path.join(work, "keycore-lens-json")
    run(exe, ["keycore"] + files + ["--out", out, "--no-merge", "--quiet"])
    ids, x, subclasses, families = [], [], [], set()
    for line in reference("io/lens_json_reference.py", files).splitlines():
        cols = line.split("\t")
        ids.append(cols[0])
        families.add(cols[2])
        x.append([None if v == "NA" else int(v) for v in cols[-1].split(" ")])
        subclasses.append(set() if cols[8] in ("-", "~") else {c[:4] for c in cols[8].split(",")})
    check(len(ids) == 7, "the samples hold 7 records (3 in page.json, 4 in records.jsonl), the reference read %d" % len(ids))
    check(all(v is not None for row in x for v in row), "every sample record has all nine indicators")
    key, _ = check_run(out, ids, x, list(range(9)), "lens-json")
    manifest = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    text = json.dumps(manifest)
    check("lens-json" in text, "manifest.json names the detected format lens-json")
    print("lens-json keycore: %d records, %d key core, nine indicators; agree" % (len(ids), len(key)))

    # merged (the default): one row per simple family, keyed by the smallest member Lens ID
    merged = os.path.join(work, "keycore-lens-json-merged")
    run(exe, ["keycore"] + files + ["--out", merged, "--quiet"])
    rep = json.load(open(os.path.join(merged, "report.json"), encoding="utf-8"))
    check(rep["rows"] == len(families) == 4,
          "merged rows %d, distinct family keys of the reference %d (4 by hand)" % (rep["rows"], len(families)))
    print("lens-json keycore (families merged): %d families agree" % rep["rows"])

    net = os.path.join(work, "network-lens-json")
    run(exe, ["network"] + files + ["--out", net, "--codes", "ipc", "--quiet"])
    nodes = read_csv(os.path.join(net, "nodes.csv"))
    expect = set().union(*subclasses)
    check(len(nodes) == len(expect), "network nodes %d, distinct IPC subclasses %d" % (len(nodes), len(expect)))
    print("lens-json network: %d IPC subclass nodes agree" % len(nodes))

    # closeness: the inventors' residence countries of each simple family, counted by hand from
    # the samples: family 014-233-708-912-37X (US, EP, WO records) has inventors in US and DE; the
    # three other families have one country each (CN; JP; KR)
    cl = os.path.join(work, "closeness-lens-json")
    run(exe, ["closeness"] + files + ["--out", cl, "--quiet"])
    pairs = read_csv(os.path.join(cl, "pairs.csv"))
    check([(p["country_i"], p["country_j"], p["n_ij"], p["n_i"], p["n_j"]) for p in pairs] == [("DE", "US", "1", "1", "1")],
          "closeness pairs: %s" % pairs)
    print("lens-json closeness: the one international family (DE-US) agrees")


if __name__ == "__main__":
    main()
