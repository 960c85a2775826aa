"""End-to-end check of `techconv keycore` and `techconv network` on the PatentsView
PatentSearch API sample (patentsview-api-json-vcr): the two response pages of one
query (patent_date = 2000-01-04, 200 patents; --format auto).

# needs-header: techconv/weighting.hpp

The query's field list gives CPC codes, inventors and assignees: of the nine
[KCT] indicators only applicants (distinct assignee names) can be computed; the
other eight must be reported absent. The 70 patents without `assignees` lack
the value; with --missing zero they count 0 (the API leaves an empty list out).
The indicator column comes from the independent reading of
tests/io/patentsview_reference.py (Python json); weights, scores and the key
core are recomputed with numpy (kct_reference.py, through
check_keycore.check_run). The network (--codes cpc) has one node per distinct
CPC subclass of the patents.

usage: check_patentsview.py TECHCONV DATA_DIR WORK_DIR
"""
import os
import re
import sys

from check_keycore import check_run
from cli_util import check, read_csv, reference, run


def name_key(name):
    return re.sub(r"[^0-9A-Z]+", " ", name.upper()).strip()


def main():
    exe, data, work = sys.argv[1:4]
    folder = os.path.join(data, "patentsview-api-json-vcr")
    files = [os.path.join(folder, "after-paging-%d.response.json" % k) for k in (1, 2)]
    out = os.path.join(work, "keycore-patentsview")
    run(exe, ["keycore"] + files + ["--out", out, "--missing", "zero", "--quiet"])
    ids, x, subclasses = [], [], []
    for line in reference("io/patentsview_reference.py", files).splitlines():
        rid, _pub, _app, _prio, cpc, _ipc, assignees, _inventors, _backward, _forward = line.split("\t")
        names = [] if assignees in ("-", "~") else [a.rsplit("@", 1)[0] for a in assignees.split(";")]
        ids.append(rid)
        x.append([None, None, None, None, None, len({name_key(n) for n in names if name_key(n)}), None, None, None])
        subclasses.append(set() if cpc in ("-", "~") else {c[:4] for c in cpc.split(",")})
    check(len(ids) == 200, "the two pages hold 200 patents (PROVENANCE.md), the reference read %d" % len(ids))
    key, _ = check_run(out, ids, x, [5], "patentsview")
    print("patentsview keycore: %d patents, %d key core, applicants only; agree" % (len(ids), len(key)))

    net = os.path.join(work, "network-patentsview")
    run(exe, ["network"] + files + ["--out", net, "--codes", "cpc", "--quiet"])
    nodes = read_csv(os.path.join(net, "nodes.csv"))
    expect = set().union(*subclasses)
    check(len(nodes) == len(expect), "network nodes %d, distinct CPC subclasses %d" % (len(nodes), len(expect)))
    print("patentsview network: %d CPC subclass nodes agree" % len(nodes))


if __name__ == "__main__":
    main()
