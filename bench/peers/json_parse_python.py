#!/usr/bin/env python3
"""Peer of bench/papers_bench.cpp BM_openalex_table and BM_lens_scholarly_table: Python's json
(its C scanner) parsing the same file, one JSON value per line, CPU time per read (median).

usage: json_parse_python.py FILE ROUNDS
"""
import json, sys, time
# Python's json (C scanner) parsing the same file, in memory, as the benchmark reads it: CPU time per read
data = open(sys.argv[1], "rb").read()
best = []
for _ in range(int(sys.argv[2])):
    t0 = time.process_time()
    for line in data.splitlines():
        if line.strip():
            json.loads(line)
    best.append(time.process_time() - t0)
best.sort()
print("%s: median %.2f ms per read (%.0f MB/s)" % (sys.argv[1].split("/")[-1], best[len(best)//2]*1e3, len(data)/best[len(best)//2]/1e6))
