"""End-to-end check of `techconv keycore`, `network` and `closeness` on the two Google Patents
samples (patents-google-autonomous-patentr, patents-google-biogas-br; --format auto).

# needs-header: techconv/weighting.hpp

Google's CSV export has no classification, citation, claim, family or party-country column:
of the nine [KCT] indicators it supplies one, the number of applicants. keycore must weight
that one alone and report the other eight absent (never zero-filled); its weights, scores and
key core are recomputed with numpy (kct_reference.py, through check_keycore.check_run) on the
applicant counts of the independent reading tests/io/google_patents_reference.py (Python csv).
network must fail with a clear error (no IPC code in any record) and write nothing; closeness
must fail naming the format (no inventor or author countries).

usage: check_google_patents.py TECHCONV DATA_DIR WORK_DIR
"""
import os
import sys

from check_keycore import check_run
from cli_util import check, read_csv, reference, run


def main():
    exe, data, work = sys.argv[1:4]
    files = [os.path.join(data, "patents-google-autonomous-patentr", "google_autonomous_search.csv"),
             os.path.join(data, "patents-google-biogas-br", "gp-search-20230830-124212.csv")]
    out = os.path.join(work, "keycore-google")
    run(exe, ["keycore"] + files + ["--out", out, "--quiet"])
    ids, x = [], []
    for line in reference("io/google_patents_reference.py", files).splitlines():
        f = line.split("\t")
        ids.append(f[0])
        x.append([None, None, None, None, None, int(f[6]), None, None, None])
    check(len(ids) == 316 + 511, "the samples have 316 + 511 records (PROVENANCE.md), the reference read %d" % len(ids))
    key, _ = check_run(out, ids, x, [5], "google-patents")
    print("google-patents keycore: %d records, %d key core, 1 indicator (applicants), 8 absent; agree" %
          (len(ids), len(key)))

    net = os.path.join(work, "network-google")
    code, _, err = run(exe, ["network"] + files + ["--out", net, "--quiet"], expect_ok=False)
    check(code != 0, "network on an export without classes must fail")
    check("none of the 827 records has an IPC code" in err, "network's error names the missing codes: %s" % err)
    check(not os.path.exists(os.path.join(net, "nodes.csv")), "network wrote nodes.csv anyway")
    code, _, err = run(exe, ["closeness"] + files + ["--out", os.path.join(work, "closeness-google"), "--by", "year"],
                       expect_ok=False)
    check(code != 0 and "format google-patents has no author or inventor countries" in err,
          "closeness must refuse the format: %s" % err)
    print("google-patents network and closeness: refused with a clear error")


if __name__ == "__main__":
    main()
