"""Inputs that are not regular files (docs/reliability.md, "Inputs"): every command reads a FIFO
and standard input (`-`) exactly as it reads the file itself.

For keycore, network, weights, closeness (WoS tagged, and a FIFO beside a regular file) and
branches (WoS tab-delimited): the same input given as a file, through a FIFO (mkfifo; a writer
process feeds it once, so a second open would hang: each run has a time limit) and on standard
input gives the same output files (the input's name replaced), and manifest.json records the
input under its name (`-` for standard input) with the size and fnv1a64x4 checksum of the bytes,
recomputed here in Python. Garbage on standard input is an error naming `-`.
"""
import json
import os
import subprocess
import sys
import threading

from check_output_folder import fnv1a64x4
from cli_util import check, fail, run

LIMIT = 300  # seconds per run; a run that opens a FIFO a second time hangs until then


def tree(d, names):
    """{relative path: bytes with each of `names` replaced by INPUT}, pictures left out."""
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            if f == "manifest.json" or f.endswith((".png", ".svg", ".pdf")):
                continue
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                b = fh.read()
            for n in names:
                b = b.replace(n.encode(), b"INPUT")
            out[os.path.relpath(p, d)] = b
    return out


def feed(path, fifo):
    with open(path, "rb") as src, open(fifo, "wb") as dst:
        dst.write(src.read())


def run_limited(exe, args, stdin_path=None):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        p = subprocess.run([exe] + args + ["--force"], stdin=stdin, capture_output=True, text=True, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        fail("techconv %s hung (no result after %d s)" % (" ".join(args), LIMIT))
    finally:
        if stdin_path:
            stdin.close()
    if p.returncode != 0:
        fail("techconv %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.strip()))


def manifest_inputs(d):
    with open(os.path.join(d, "manifest.json"), encoding="utf-8") as f:
        return json.load(f)["inputs"]


def expect_input(entry, name, path):
    with open(path, "rb") as f:
        data = f.read()
    check(entry["path"] == name, "manifest input path %r, expected %r" % (entry["path"], name))
    check(entry["bytes"] == len(data), "manifest bytes of %s: %r, file has %d" % (name, entry["bytes"], len(data)))
    check(entry["fnv1a64x4"] == fnv1a64x4(data), "manifest checksum of %s" % name)


def same_three_ways(exe, work, command, path, extra):
    """Runs `command` on `path` as a file, a FIFO and standard input; all outputs agree."""
    base = os.path.join(work, command)
    run(exe, [command, path, "--out", base + "-file", "--quiet"] + extra)
    fifo = os.path.join(work, command + ".fifo")
    if os.path.exists(fifo):
        os.remove(fifo)
    os.mkfifo(fifo)
    writer = threading.Thread(target=feed, args=(path, fifo), daemon=True)
    writer.start()
    run_limited(exe, [command, fifo, "--out", base + "-fifo", "--quiet"] + extra)
    writer.join(5)
    check(not writer.is_alive(), "%s: the FIFO's writer is still blocked (input not read to its end)" % command)
    run_limited(exe, [command, "-", "--out", base + "-stdin", "--quiet"] + extra, stdin_path=path)
    want = tree(base + "-file", [path])
    check(len(want) >= 2, "%s wrote too few files to compare: %s" % (command, sorted(want)))
    for kind, name in (("fifo", fifo), ("stdin", "-")):
        got = tree(base + "-" + kind, [name] if name != "-" else ["-: ", "`-`"])
        # standard input is named `-`; only lines naming the input may differ (replaced above)
        if kind == "stdin":
            want_n = tree(base + "-file", [path + ": ", "`" + path + "`"])
            check(sorted(got) == sorted(want_n), "%s from %s: files %s vs %s" % (command, kind, sorted(got), sorted(want_n)))
            for k in want_n:
                check(got[k] == want_n[k], "%s from %s: %s differs from the file's run" % (command, kind, k))
        else:
            check(sorted(got) == sorted(want), "%s from %s: files %s vs %s" % (command, kind, sorted(got), sorted(want)))
            for k in want:
                check(got[k] == want[k], "%s from %s: %s differs from the file's run" % (command, kind, k))
        [entry] = manifest_inputs(base + "-" + kind)
        expect_input(entry, name, path)
    [entry] = manifest_inputs(base + "-file")
    expect_input(entry, path, path)
    print("%s: file, FIFO and standard input agree (%d files)" % (command, len(want)))


def main():
    exe, data, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    wos = os.path.join(data, "wos-medicine-metaknowledge", "ManyAuthors.isi")
    tab = os.path.join(data, "wos-ble-scientopy", "wos_2026_04_02_1000.txt")
    for p in (lens, wos, tab):
        if not os.path.exists(p):
            fail("missing dataset " + p)
    table = os.path.join(work, "table.csv")
    with open(table, "w") as f:  # a small numeric table, written here
        f.write("id,a,b,c\n")
        for i in range(1, 41):
            f.write("r%d,%d,%d,%d\n" % (i, i % 7 + 1, (i * 5) % 11 + 1, (i * i) % 13 + 1))

    same_three_ways(exe, work, "keycore", lens, [])
    same_three_ways(exe, work, "network", lens, [])
    same_three_ways(exe, work, "weights", table, [])
    same_three_ways(exe, work, "closeness", wos, [])
    same_three_ways(exe, work, "branches", tab, [])

    # a FIFO beside a regular file in one run (closeness detects every format before reading)
    fifo = os.path.join(work, "two.fifo")
    if os.path.exists(fifo):
        os.remove(fifo)
    os.mkfifo(fifo)
    writer = threading.Thread(target=feed, args=(wos, fifo), daemon=True)
    writer.start()
    out = os.path.join(work, "closeness-two")
    run_limited(exe, ["closeness", wos, fifo, "--out", out, "--quiet"])
    writer.join(5)
    a, b = manifest_inputs(out)
    expect_input(a, wos, wos)
    expect_input(b, fifo, wos)
    print("closeness: a file and a FIFO in one run")

    # garbage on standard input: an error that names `-`
    garbage = os.path.join(work, "garbage.txt")
    with open(garbage, "w") as f:
        f.write("hello\nworld\n")
    with open(garbage, "rb") as g:
        p = subprocess.run([exe, "keycore", "-", "--out", os.path.join(work, "garbage"), "--quiet"], stdin=g,
                           capture_output=True, text=True, timeout=LIMIT)
    check(p.returncode == 1, "garbage on standard input: exit %d" % p.returncode)
    check("error: -:1: " in p.stderr and "cannot detect the format" in p.stderr,
          "garbage on standard input: %s" % p.stderr.strip())
    print("ok")


if __name__ == "__main__":
    main()
