"""The commands a user runs, timed as whole processes against their peers (issue 17's
"end to end" rows): `techconv weights`, `techconv keycore --group-by country`, `techconv network`
and `techconv closeness --by year`, each beside a Python script doing the same job, file in and
files out, started in turn under /usr/bin/time (wall, user + sys CPU, peak resident set).

Inputs are generated first, outside the timing, in WORK (kept between runs): the synthetic
canonical corpus (make_synthetic_corpus N --seed 11), its nine indicator columns as a numeric
table, and a WoS tab-delimited export (bench/make_wos_corpus.py N). Before anything is timed at a
size, each peer that computes the same answer checks it against techconv's output of that size
(weights, scores and key core; the network's edges, strengths and betweenness; every closeness
pair and country row); the keycore script keeps the first row of each family where techconv
merges the family, so it is a yardstick of work, not a check. Each pair then runs RUNS times in
turn (techconv, peer); a cell is the best of the runs (wall, CPU) and the largest peak memory.

Writes one JSON object per timed cell to --jsonl, and, with --markdown FILE, replaces the block
between "<!-- end-to-end:begin -->" and "<!-- end-to-end:end -->" in FILE with the table.

usage: /usr/bin/python3 bench/commands.py --techconv PATH --make-corpus PATH --work DIR
           [--sizes 100000 1000000] [--runs 3] [--jsonl OUT] [--markdown FILE]
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"
INDICATORS = ["backward_citations", "npl_citations", "claims", "forward_citations", "technology_classes",
              "applicant_count", "family_size", "filing_countries", "developed_filing_countries"]
BEGIN, END = "<!-- end-to-end:begin -->", "<!-- end-to-end:end -->"


def run(cmd, quiet=True):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL if quiet else None)


def timed(cmd, work):
    """One whole-process run: (wall s, CPU s, peak MiB)."""
    tfile = os.path.join(work, "time.txt")
    subprocess.run(["/usr/bin/time", "-o", tfile, "-f", "%e %U %S %M"] + cmd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, user, sys_, peak = open(tfile).read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(peak) / 1024.0


def inputs(args, n):
    w = args.work
    corpus = os.path.join(w, "corpus%d.csv" % n)
    table = os.path.join(w, "table%d.csv" % n)
    wos = os.path.join(w, "wos%d.txt" % n)
    if not os.path.exists(corpus):
        run([args.make_corpus, str(n), corpus + ".tmp", "--seed", "11"])
        os.replace(corpus + ".tmp", corpus)
    if not os.path.exists(table):
        run([PY, "-c", "import pandas as pd, sys; c = sys.argv[3:]; "
             "pd.read_csv(sys.argv[1], usecols=c)[c].to_csv(sys.argv[2], index=False)",
             corpus, table + ".tmp"] + INDICATORS)
        os.replace(table + ".tmp", table)
    if not os.path.exists(wos):
        run([PY, os.path.join(HERE, "make_wos_corpus.py"), str(n), wos + ".tmp"])
        os.replace(wos + ".tmp", wos)
    return corpus, table, wos


def rows(args, n, corpus, table, wos):
    """(name, what the peer is, target ratio, techconv command, peer command, checks)."""
    tc, w, peers = args.techconv, args.work, os.path.join(HERE, "peers")
    out = lambda tag: os.path.join(w, "%s-%d" % (tag, n))  # noqa: E731
    return [
        ("weights", "pandas read_csv + numpy entropy, ranks, top 5 % (`weights_pandas.py`)", 10.0,
         [tc, "weights", table, "--out", out("tc-weights"), "--force", "--quiet"],
         [PY, os.path.join(peers, "weights_pandas.py"), table, out("py-weights")], True),
        ("keycore --group-by country", "pandas script (`keycore_pandas.py`)", 10.0,
         [tc, "keycore", corpus, "--out", out("tc-keycore"), "--force", "--quiet", "--group-by", "country"],
         [PY, os.path.join(peers, "keycore_pandas.py"), corpus, out("py-keycore")], False),
        ("network --picture-nodes 0", "pandas + python-igraph: subclass graph, strength, betweenness, "
         "PageRank, Louvain (`network_igraph.py`)", 5.0,
         [tc, "network", corpus, "--out", out("tc-network"), "--force", "--quiet", "--picture-nodes", "0"],
         [PY, os.path.join(peers, "network_igraph.py"), corpus, out("py-network")], True),
        ("closeness --by year", "pandas script on the WoS export (`closeness_pandas.py`)", 10.0,
         [tc, "closeness", wos, "--by", "year", "--out", out("tc-closeness"), "--force", "--quiet"],
         [PY, os.path.join(peers, "closeness_pandas.py"), wos, out("py-closeness")], True),
    ]


def fmt_s(v):
    return "%.2f" % v if v < 10 else "%.1f" % v


def markdown(results, header):
    lines = [BEGIN, "", header, "",
             "| command | records | techconv wall / CPU s, peak MiB | peer | peer wall / CPU s, peak MiB "
             "| peer / techconv (CPU; wall) | target | status |",
             "|---|---:|---|---|---|---|---:|---|"]
    for r in results:
        ratio_cpu = r["peer_cpu_s"] / r["techconv_cpu_s"]
        ratio_wall = r["peer_wall_s"] / r["techconv_wall_s"]
        status = "met" if ratio_cpu >= r["target"] else "**missed** (%.1f× short)" % (r["target"] / ratio_cpu)
        lines.append("| `techconv %s` | %s | %s / %s, %.0f | %s | %s / %s, %.0f | **%.2f×**; %.2f× | ≥ %g× | %s |" % (
            r["command"], "{:,}".format(r["records"]), fmt_s(r["techconv_wall_s"]), fmt_s(r["techconv_cpu_s"]),
            r["techconv_peak_mib"], r["peer"], fmt_s(r["peer_wall_s"]), fmt_s(r["peer_cpu_s"]), r["peer_peak_mib"],
            ratio_cpu, ratio_wall, r["target"], status))
    lines += ["", END]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--techconv", required=True)
    ap.add_argument("--make-corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100000, 1000000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jsonl")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    args.work = os.path.abspath(args.work)
    load0 = open("/proc/loadavg").read().split()[:3]
    t0 = time.time()
    results = []
    for n in args.sizes:
        corpus, table, wos = inputs(args, n)
        for name, peer, target, tc_cmd, peer_cmd, checks in rows(args, n, corpus, table, wos):
            print("commands: %s at %d records" % (name, n), file=sys.stderr)
            run(tc_cmd)  # warm-up, and the answer the peer checks
            if checks:
                run(peer_cmd + ["--check", tc_cmd[tc_cmd.index("--out") + 1]], quiet=False)
            cells = {"techconv": [], "peer": []}
            for _ in range(args.runs):
                cells["techconv"].append(timed(tc_cmd, args.work))
                cells["peer"].append(timed(peer_cmd, args.work))
            r = {"command": name, "records": n, "peer": peer, "target": target}
            for side, got in cells.items():
                r[side + "_wall_s"] = min(c[0] for c in got)
                r[side + "_cpu_s"] = min(c[1] for c in got)
                r[side + "_peak_mib"] = max(c[2] for c in got)
            results.append(r)
            print(json.dumps(r), file=sys.stderr)
    load1 = open("/proc/loadavg").read().split()[:3]
    if args.jsonl:
        with open(args.jsonl, "w") as f:
            for r in results:
                f.write(json.dumps(r) + "\n")
    header = ("Measured %s UTC by `scripts/bench` (`bench/commands.py`, %d runs of each pair in turn, best "
              "wall and CPU, largest peak; %d s); load average %s at the start, %s at the end, %d CPUs. Ratios "
              "above 1: techconv is faster; the status compares the CPU ratio with issue 17's target." % (
                  time.strftime("%Y-%m-%d %H:%M", time.gmtime()), args.runs, int(time.time() - t0),
                  " ".join(load0), " ".join(load1), os.cpu_count()))
    table = markdown(results, header)
    print(table)
    if args.markdown:
        text = open(args.markdown).read()
        if BEGIN not in text or END not in text:
            sys.exit("commands.py: %s has no %s ... %s block" % (args.markdown, BEGIN, END))
        a, rest = text.split(BEGIN, 1)
        _, b = rest.split(END, 1)
        with open(args.markdown, "w") as f:
            f.write(a + table + b)


if __name__ == "__main__":
    main()
