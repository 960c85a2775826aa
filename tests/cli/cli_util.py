"""Helpers of the end-to-end checks of the techconv command (tests/cli/check_*.py)."""
import csv
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)


def run(exe, args, expect_ok=True):
    """Runs `exe args`; returns (exit code, stdout, stderr). Fails on an unexpected exit code.
    A run with --out gets --force, so that a test run again replaces its previous result; a
    folder of the test's own that holds no techconv result (left by an older build) is removed."""
    if "--out" in args and "--force" not in args:
        out = args[args.index("--out") + 1]
        if os.path.isdir(out) and not os.path.exists(os.path.join(out, "manifest.json")):
            shutil.rmtree(out)
        args = args + ["--force"]
    p = subprocess.run([exe] + args, capture_output=True, text=True)
    if expect_ok and p.returncode != 0:
        fail("techconv %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.strip()))
    return p.returncode, p.stdout, p.stderr


def reference(script, args):
    """Stdout of another module's independent reference script (tests/<module>/<script>)."""
    p = subprocess.run([sys.executable, os.path.join(TESTS, script)] + args, capture_output=True, text=True)
    if p.returncode != 0:
        fail("%s failed: %s" % (script, p.stderr.strip()))
    return p.stdout


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def header(path):
    with open(path, newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def close(a, b, rel=1e-9, abs_=1e-12):
    return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))


def lens_year(row):
    """The year of a Lens CSV row as analysis::patent_year takes it: Application Date, else
    Earliest Priority Date, else Publication Year; None without any."""
    for key in ("Application Date", "Earliest Priority Date", "Publication Year"):
        v = (row.get(key) or "").strip()
        if v:
            return int(v[:4])
    return None


def write_chain_citations(path, rows):
    """Writes a citation table (citing,cited,citing_year) in which each row of `rows` (dicts of a
    quality.csv: id, publication_year) cites the row before it, with its own publication year."""
    with open(path, "w") as f:
        f.write("citing,cited,citing_year\n")
        for a, b in zip(rows[1:], rows[:-1]):
            f.write("%s,%s,%s\n" % (a["id"], b["id"], a["publication_year"]))
