"""Writes docs/internals/performance.md from one run of scripts/bench: the Google
Benchmark JSON of suite_bench, the peers' result lines, the machine
description, and the hand-written notes (bench/performance-notes.md).

usage: report.py SUITE.json PEERS.jsonl MACHINE.txt NOTES.md OUT.md
"""
import json
import math
import sys


def load_suite(path):
    with open(path) as f:
        doc = json.load(f)
    out = {}
    for b in doc["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration" or "error_occurred" in b:
            continue
        scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b.get("time_unit", "ns")]
        out[b["name"].split("/real_time")[0].split("/iterations:")[0]] = {
            "cpu": b["cpu_time"] * scale, "wall": b["real_time"] * scale,
            "bps": b.get("bytes_per_second"), **{k: v for k, v in b.items() if k in ("reads", "nnz_C", "codes", "nodes", "edges")}}
    return out


def load_peers(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                r = json.loads(line)
                out[(r["task"], r["case"], r["peer"])] = r
    return out


def ms(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    return f"{v:,.0f}" if v >= 100 else (f"{v:.1f}" if v >= 10 else f"{v:.2f}")


def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.1f}×"


def sz(n):
    n = int(n)
    e = int(round(math.log10(n)))
    return f"10^{e}" if 10 ** e == n else f"{n:,}"


def main():
    suite_path, peers_path, machine_path, notes_path, out_path = sys.argv[1:6]
    s, p = load_suite(suite_path), load_peers(peers_path)
    with open(machine_path) as f:
        machine = f.read().strip()
    with open(notes_path) as f:
        notes = f.read().strip()
    sizes = sorted({int(k.split("/")[1]) for k in s if k.startswith("floor/")})
    get = lambda name, field="cpu": s.get(name, {}).get(field)
    peer = lambda task, case, who, field="cpu_ms": p.get((task, case, who), {}).get(field)
    L = []
    add = L.append
    add("# Performance")
    add("")
    add("Written by `scripts/bench` from one run (do not edit by hand: rerun it). techconv's kernels and the")
    add("Python peers run on the same synthetic inputs (`testing/synthetic.hpp`, default seed), in the same run")
    add("as the bandwidth floor. Every peer first checks its answer against techconv's (the check column);")
    add("a failed check stops the run. Timings exclude file parsing except in the CSV and end-to-end rows.")
    add("")
    add("**How to read the times.** The machine is shared (see the load below), so wall time is inflated by")
    add("other processes. One-thread comparisons use *CPU time*: Google Benchmark's CPU time of the benchmark")
    add("thread for techconv, `time.process_time()` (all threads of the process) for the peers, which run with")
    add("`OPENBLAS_NUM_THREADS=1`. Two-thread rows give wall time and the speed-up over the one-thread wall")
    add("time of the same run: only indicative under load. Ratios are peer time / techconv time.")
    add("")
    add("## Machine and command")
    add("")
    add("```")
    add(machine)
    add("```")
    add("")
    add("## Bandwidth floor")
    add("")
    add("One read of the n × 9 float64 indicator matrix (Eigen packet sum), the floor of the matrix tasks.")
    add("")
    add("| n | bytes | CPU ms | GB/s |")
    add("|---|---|---|---|")
    for n in sizes:
        c = get(f"floor/{n}")
        add(f"| {sz(n)} | {n * 72 / 1e6:,.0f} MB | {ms(c)} | {n * 72 / (c * 1e6):.1f} |" if c else f"| {sz(n)} | | — | |")
    add("")
    add("## Entropy pipeline ([KCT]: weights → scores → top 5%)")
    add("")
    add("`key_core_into` on the n × 9 matrix, column-major: *int* = the corpus's count indicators, *real* =")
    add("lognormal values with 30% zeros. Peer: idiomatic numpy (`bench/peers/suite_entropy.py`). The floor")
    add("column is techconv's CPU time over the issue's floor, two reads of the matrix (statistics + scores);")
    add("in brackets, the passes over the matrix the pipeline actually made.")
    add("")
    add("Rows marked *row-major* run the same pipeline on a row-major copy of the matrix (the numpy")
    add("peer's time is for its own column-major run).")
    add("")
    add("| data | n | techconv CPU ms | × floor (reads) | 2 threads wall ms (speed-up) | numpy CPU ms | numpy / techconv |")
    add("|---|---|---|---|---|---|---|")
    for prefix, kind in (("entropy", "int"), ("entropy", "real"), ("entropy_rm", "int"), ("entropy_rm", "real")):
        label = kind if prefix == "entropy" else f"{kind}, row-major"
        for n in sizes:
            b1, b2 = f"{prefix}/{kind}/{n}/threads:1", f"{prefix}/{kind}/{n}/threads:2"
            if b1 not in s:
                continue
            c1, f1 = get(b1), get(f"floor/{n}")
            reads = s.get(b1, {}).get("reads", 2)
            fl = f"{c1 / (2 * f1):.1f}× ({reads:.0f})" if c1 and f1 else "—"
            w1, w2 = get(b1, "wall"), get(b2, "wall")
            two = f"{ms(w2)} ({w1 / w2:.2f}×)" if w1 and w2 else "—"
            pn = peer("entropy", f"{kind}/{n}", "numpy")
            add(f"| {label} | {sz(n)} | {ms(c1)} | {fl} | {two} | {ms(pn)} | {ratio(pn, c1)} |")
    add("")
    add("## Co-occurrence C = AᵀA")
    add("")
    add("Records × IPC codes incidence of the corpus (built outside the timing): *sub* = subclass level")
    add("(~640 codes), *mg* = main-group level (subclass × main group). Peer: SciPy `A.T @ A`")
    add("(`bench/peers/suite_cooccurrence.py`), checked on nnz, total and a position-weighted fingerprint of C.")
    add("")
    add("| level | n | nnz(C) | techconv CPU ms | 2 threads wall ms (speed-up) | SciPy CPU ms | SciPy / techconv |")
    add("|---|---|---|---|---|---|---|")
    for level in ("sub", "mg"):
        for n in sizes:
            b1, b2 = f"cooccurrence/{level}/{n}/threads:1", f"cooccurrence/{level}/{n}/threads:2"
            c1, w1, w2 = get(b1), get(b1, "wall"), get(b2, "wall")
            two = f"{ms(w2)} ({w1 / w2:.2f}×)" if w1 and w2 else "—"
            ps = peer("cooccurrence", f"{level}/{n}", "scipy")
            nnz = s.get(b1, {}).get("nnz_C")
            add(f"| {level} | {sz(n)} | {int(nnz):,} | {ms(c1)} | {two} | {ms(ps)} | {ratio(ps, c1)} |" if nnz else
                f"| {level} | {sz(n)} | | — | — | {ms(ps)} | — |")
    add("")
    add("## Network measures")
    add("")
    gdesc = {}
    for k, v in s.items():
        if k.startswith("network/") and "nodes" in v:
            gdesc[k.split("/")[2]] = (int(v["nodes"]), int(v["edges"]))
    add("Graph 0: subclass co-classification graph of 10^6 records (10^5 when the run has no 10^6 size); graph 1: main-group")
    add("graph of 10^5 records restricted to its 6,000 most frequent codes (`--quick` skips its path measures). " +
        "; ".join(f"{g}: {a:,} nodes, {b:,} edges" for g, (a, b) in sorted(gdesc.items())) + ".")
    add("Path measures use length 1/weight. Peers: python-igraph's C core and NetworkX")
    add("(`bench/peers/suite_network.py`); centralities agree to 1e-9, and igraph's modularity of techconv's")
    add("partition equals the quality techconv reports. Louvain and Leiden are randomised, so each tool's own")
    add("modularity is in the check column.")
    add("")
    add("| measure | graph | techconv CPU ms | 2 threads wall ms (speed-up) | igraph CPU ms | igraph / techconv | NetworkX CPU ms | check |")
    add("|---|---|---|---|---|---|---|---|")
    for m in ("betweenness", "closeness", "pagerank", "eigenvector", "louvain", "leiden"):
        for g in ("graph0", "graph1"):
            b1, b2 = f"network/{m}/{g}/threads:1", f"network/{m}/{g}/threads:2"
            c1 = get(b1)
            if c1 is None and peer("network", f"{m}/{g}", "igraph") is None:
                continue
            w1, w2 = get(b1, "wall"), get(b2, "wall")
            two = f"{ms(w2)} ({w1 / w2:.2f}×)" if w1 and w2 else "—"
            pi = peer("network", f"{m}/{g}", "igraph")
            pn = peer("network", f"{m}/{g}", "networkx")
            chk = p.get(("network", f"{m}/{g}", "igraph"), {}).get("check", "")
            add(f"| {m} | {g[-1]} | {ms(c1)} | {two} | {ms(pi)} | {ratio(pi, c1)} | {ms(pn)} | {chk} |")
    add("")
    add("## CSV reader")
    add("")
    add("`io::csv_reader` over the corpus CSV file (every record, every field), against reading the same file")
    add("into memory in 1 MiB blocks (page cache warm) and `pandas.read_csv` of the whole file. MB/s = file")
    add("bytes / CPU time.")
    add("")
    add("| n | file | csv_reader CPU ms | csv_reader MB/s | file read MB/s | pandas.read_csv CPU ms | pandas MB/s |")
    add("|---|---|---|---|---|---|---|")
    for n in sizes:
        c, fr = get(f"csv_reader/{n}"), get(f"file_read/{n}")
        bps = s.get(f"csv_reader/{n}", {}).get("bps")
        if not c or not bps:
            continue
        size = bps * get(f"csv_reader/{n}", "wall") / 1e3  # bytes per iteration
        pd_ = peer("csv", str(n), "pandas.read_csv")
        add(f"| {sz(n)} | {size / 1e6:,.0f} MB | {ms(c)} | {size / (c * 1e3):,.0f} | {size / (fr * 1e3):,.0f} | {ms(pd_)} | "
            + (f"{size / (pd_ * 1e3):,.0f} |" if pd_ else "— |"))
    add("")
    add("## End to end: CSV → key-core report → network summary")
    add("")
    add("Read the corpus CSV (indicators and IPC codes), [KCT] weights and the top-5% key core, the")
    add("subclass co-classification network of the key core, its components, PageRank and Louvain")
    add("communities. techconv: `end_to_end()` in `bench/suite_bench.cpp` (library calls only); peer: a")
    add("pandas + numpy + SciPy + python-igraph script (`bench/peers/e2e_pandas.py`) that must reproduce the")
    add("weights, the key core, every edge and the PageRank vector.")
    add("")
    add("| n | techconv CPU ms | 2 threads wall ms (speed-up) | peer CPU ms | peer / techconv | check |")
    add("|---|---|---|---|---|---|")
    for n in sizes:
        b1, b2 = f"e2e/{n}/threads:1", f"e2e/{n}/threads:2"
        c1, w1, w2 = get(b1), get(b1, "wall"), get(b2, "wall")
        two = f"{ms(w2)} ({w1 / w2:.2f}×)" if w1 and w2 else "—"
        pe = peer("e2e", str(n), "pandas+numpy+scipy+igraph")
        chk = p.get(("e2e", str(n), "pandas+numpy+scipy+igraph"), {}).get("check", "")
        add(f"| {sz(n)} | {ms(c1)} | {two} | {ms(pe)} | {ratio(pe, c1)} | {chk} |")
    add("")
    # targets at the largest size
    n = sizes[-1]
    add(f"## Targets (issue 9), at the largest size of this run ({sz(n)} records)")
    add("")
    add("| target | measured | status |")
    add("|---|---|---|")

    def status(ok):
        return "met" if ok else "**missed**"

    def target(name, value, goal, higher, unit="×"):
        if value is None:
            add(f"| {name} | not measured | — |")
            return
        ok = value >= goal if higher else value <= goal
        miss = "" if ok else (f" by {goal / value:.2f}×" if higher else f" by {value / goal:.2f}×")
        add(f"| {name} | {value:.2f}{unit} | {status(ok)}{miss} |")

    f1 = get(f"floor/{n}")
    for prefix, kind, goal in (("entropy", "int", 2.0), ("entropy", "real", 3.0), ("entropy_rm", "int", 2.0), ("entropy_rm", "real", 3.0)):
        b1 = f"{prefix}/{kind}/{n}/threads:1"
        if prefix == "entropy_rm" and b1 not in s:
            continue
        name = kind if prefix == "entropy" else f"{kind}, row-major"
        c1 = get(b1)
        target(f"entropy ({name}) within {goal:.0f}× of the floor (two reads of the matrix)", c1 / (2 * f1) if c1 and f1 else None, goal, False)
        w1, w2 = get(b1, "wall"), get(f"{prefix}/{kind}/{n}/threads:2", "wall")
        target(f"entropy ({name}) ≥ 1.7× with 2 threads (wall)", w1 / w2 if w1 and w2 else None, 1.7, True)
    for level in ("sub", "mg"):
        c1 = get(f"cooccurrence/{level}/{n}/threads:1")
        ps = peer("cooccurrence", f"{level}/{n}", "scipy")
        target(f"co-occurrence ({level}) ≥ 10× SciPy (one core, CPU)", ps / c1 if ps and c1 else None, 10.0, True)
        w2 = get(f"cooccurrence/{level}/{n}/threads:2", "wall")
        target(f"co-occurrence ({level}) ≥ 10× SciPy (2 threads, wall)", ps / w2 if ps and w2 else None, 10.0, True)
    for m in ("betweenness", "closeness", "pagerank", "louvain", "leiden"):
        for g in ("graph0", "graph1"):
            c1, pi = get(f"network/{m}/{g}/threads:1"), peer("network", f"{m}/{g}", "igraph")
            target(f"{m} ({g}) no slower than igraph (igraph / techconv)", pi / c1 if pi and c1 else None, 1.0, True)
            w1, w2 = get(f"network/{m}/{g}/threads:1", "wall"), get(f"network/{m}/{g}/threads:2", "wall")
            if w2:
                target(f"{m} ({g}) with 2 threads faster than igraph (igraph CPU / techconv wall)", pi / w2 if pi else None, 1.0, True)
                target(f"{m} ({g}) 2-thread speed-up (wall)", w1 / w2 if w1 else None, 1.0, True)
    c = get(f"csv_reader/{n}")
    bps = s.get(f"csv_reader/{n}", {}).get("bps")
    if c and bps:
        size = bps * get(f"csv_reader/{n}", "wall") / 1e3
        target("CSV parsing ≥ 500 MB/s (CPU)", size / (c * 1e3), 500.0, True, " MB/s")
    c1, pe = get(f"e2e/{n}/threads:1"), peer("e2e", str(n), "pandas+numpy+scipy+igraph")
    target("end to end ≥ 10× the pandas script", pe / c1 if pe and c1 else None, 10.0, True)
    add("")
    add(notes)
    add("")
    with open(out_path, "w") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
