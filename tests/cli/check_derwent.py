"""End-to-end check of `techconv keycore` and `techconv network` on the Derwent
Innovations Index sample (derwent-dii-drones, both files, --format auto).

# needs-header: techconv/weighting.hpp

The indicator matrix comes from the independent reading of
tests/io/derwent_reference.py (Python re): backward citations = distinct cited
patents (CP), NPL citations = distinct CR lines, technology classes = distinct
IPC codes, applicants = distinct AE names, family size = PN members, filing
countries = distinct member countries, developed filing countries = those on
the IMF advanced-economy list (World Economic Outlook, April 2024) plus EP.
Claims and forward citations are not in the format: they must be reported
absent. Weights, scores and the key core are recomputed with numpy
(kct_reference.py, through check_keycore.check_run). The network's node count
is the number of distinct IPC subclasses of the records.

usage: check_derwent.py TECHCONV DATA_DIR WORK_DIR
"""
import os
import sys

from check_keycore import check_run
from cli_util import check, read_csv, reference, run

# The member countries of the sample, split by hand by the IMF WEO (April 2024)
# advanced economies; EP counts as developed (indicator_options::ep_is_developed).
# RD (Research Disclosure) and WO are not countries of that list.
DEVELOPED = {"AU", "CA", "CH", "DE", "ES", "FR", "GB", "IT", "JP", "KR", "NL", "SE", "SG", "TW", "US", "EP"}
OTHER = {"BR", "CN", "IN", "PL", "RD", "RU", "TR", "VN", "WO"}


def main():
    exe, data, work = sys.argv[1:4]
    folder = os.path.join(data, "derwent-dii-drones")
    files = [os.path.join(folder, f) for f in ("derwent_drone_drones_1_500.ciw", "derwent_drone_drones_501_1000.ciw")]
    out = os.path.join(work, "keycore-derwent")
    run(exe, ["keycore"] + files + ["--out", out, "--quiet"])
    ids, x, subclasses = [], [], []
    for line in reference("io/derwent_reference.py", files).splitlines():
        rid, _year, ipc, apps, cited, members, npl = line.split("\t")
        codes = [] if ipc == "-" else ipc.split(",")
        mem = members.split(",")
        countries = []
        for m in mem:
            if m[:2] not in countries:
                countries.append(m[:2])
        for c in countries:
            check(c in DEVELOPED or c in OTHER, "member country %s is in neither list of this check" % c)
        ids.append(rid)
        x.append([0 if cited == "-" else len(cited.split(",")), int(npl), None, None, len(codes), int(apps), len(mem),
                  len(countries), sum(1 for c in countries if c in DEVELOPED)])
        subclasses.append({c[:4] for c in codes})
    check(len(ids) == 1000, "the sample has 1,000 records (PROVENANCE.md), the reference read %d" % len(ids))
    key, _ = check_run(out, ids, x, [0, 1, 4, 5, 6, 7, 8], "derwent")
    print("derwent keycore: %d records, %d key core, claims and forward citations absent; agree" % (len(ids), len(key)))

    # network: one node per distinct IPC subclass of the records (subclass level, the default)
    net = os.path.join(work, "network-derwent")
    run(exe, ["network"] + files + ["--out", net, "--quiet"])
    nodes = read_csv(os.path.join(net, "nodes.csv"))
    expect = set().union(*subclasses)
    check(len(nodes) == len(expect), "network nodes %d, distinct subclasses %d" % (len(nodes), len(expect)))
    print("derwent network: %d subclass nodes agree" % len(nodes))


if __name__ == "__main__":
    main()
