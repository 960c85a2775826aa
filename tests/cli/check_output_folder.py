"""The output folder is all or nothing (docs/reliability.md), checked by fault injection:

- a refused --out (non-empty, not a techconv result; a previous result without --force;
  a symbolic link) is left byte for byte as it was;
- --force replaces a previous result as a whole: no file of the previous run survives;
- a write that fails (file-size limit: every write past 4 KiB fails with EFBIG) exits 1,
  names the file, and leaves the previous result untouched;
- SIGINT and SIGTERM at several moments of a run leave either the previous result or the new
  one, complete, and no staging folder;
- two concurrent runs into one folder: one is refused while the other holds the lock;
- manifest.json lists every file with its size and checksum, recomputed here in Python
  (fnv1a64x4 as stated in docs/reliability.md), and the input's size and checksum.
"""
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time

from cli_util import check, fail, run

MASK = (1 << 64) - 1
PRIME = 1099511628211
BASIS = 1469598103934665603


def fnv1a64x4(data):
    lanes = [BASIS, BASIS ^ 1, BASIS ^ 2, BASIS ^ 3]
    n = len(data) // 32 * 32
    import numpy as np
    words = np.frombuffer(data[:n], dtype="<u8").reshape(-1, 4) if n else np.zeros((0, 4), dtype="<u8")
    for k in range(4):
        h = lanes[k]
        for w in words[:, k].tolist():
            h = ((h ^ w) * PRIME) & MASK
        lanes[k] = h
    for b in data[n:]:
        lanes[0] = ((lanes[0] ^ b) * PRIME) & MASK
    h = BASIS
    for v in lanes + [len(data)]:
        for i in range(8):
            h = ((h ^ ((v >> (8 * i)) & 0xFF)) * PRIME) & MASK
    return "%016x" % h


def snapshot(d):
    """{relative path: bytes} of every file under d (None when d does not exist)."""
    if not os.path.isdir(d):
        return None
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, d)] = fh.read()
    return out


def leftovers(parent):
    return [f for f in os.listdir(parent) if ".techconv-staging-" in f]


def check_manifest(d, inp, verify_input=True):
    with open(os.path.join(d, "manifest.json")) as f:
        m = json.load(f)
    check(m["generator"] == "techconv", "manifest generator")
    files = {e["name"]: e for e in m["files"]}
    on_disk = sorted(k for k in snapshot(d) if k != "manifest.json")
    check(sorted(files) == on_disk, "manifest files %s != %s" % (sorted(files), on_disk))
    for name, e in files.items():
        with open(os.path.join(d, name), "rb") as fh:
            data = fh.read()
        check(e["bytes"] == len(data), "%s: manifest size" % name)
        check(e["fnv1a64x4"] == fnv1a64x4(data), "%s: manifest checksum" % name)
    if not verify_input:  # (a pure-Python checksum of a large input takes long)
        check(m["inputs"][0]["bytes"] == os.path.getsize(inp), "input size in manifest.json")
        return
    with open(inp, "rb") as fh:
        data = fh.read()
    check(m["inputs"][0]["bytes"] == len(data) and m["inputs"][0]["fnv1a64x4"] == fnv1a64x4(data),
          "input size/checksum in manifest.json")


def raw(exe, args, **kw):
    return subprocess.run([exe] + args, capture_output=True, text=True, **kw)


def main():
    exe, data, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    if not os.path.exists(lens):
        fail("missing dataset " + lens)
    out = os.path.join(work, "r")

    # a first result, and its manifest (counts: 3,779 rows, no duplicates, k = ceil(0.05 x 3779) = 189)
    run(exe, ["keycore", lens, "--out", out, "--quiet"])
    check_manifest(out, lens)
    with open(os.path.join(out, "manifest.json")) as f:
        counts = json.load(f)["counts"]
    check(counts.get("records_read") == 3779 and counts.get("duplicates_dropped") == 0 and
          counts.get("key_core") == 189, "manifest counts: %s" % counts)
    first = snapshot(out)

    # refusals leave --out as it was
    p = raw(exe, ["keycore", lens, "--out", out, "--quiet"])
    check(p.returncode == 1 and "--force" in p.stderr, "previous result without --force: " + p.stderr)
    check(snapshot(out) == first, "a refused run changed --out")
    other = os.path.join(work, "other")
    os.makedirs(other)
    with open(os.path.join(other, "notes.txt"), "w") as f:
        f.write("mine\n")
    p = raw(exe, ["keycore", lens, "--out", other, "--quiet", "--force"])
    check(p.returncode == 1 and "no techconv result" in p.stderr, "foreign folder: " + p.stderr)
    check(snapshot(other) == {"notes.txt": b"mine\n"}, "a foreign folder was changed")
    link = os.path.join(work, "link")
    os.symlink(out, link)
    p = raw(exe, ["keycore", lens, "--out", link, "--quiet", "--force"])
    check(p.returncode == 1 and "symbolic link" in p.stderr, "symlinked --out: " + p.stderr)

    # --force replaces as a whole: a stale file of another run does not survive
    with open(os.path.join(out, "stale.csv"), "w") as f:
        f.write("from another run\n")
    run(exe, ["network", lens, "--out", out, "--quiet", "--force"])
    now = snapshot(out)
    check("stale.csv" not in now and "scores.csv" not in now, "files of the previous result survived --force")
    check_manifest(out, lens)
    run(exe, ["keycore", lens, "--out", out, "--quiet", "--force"])
    check(snapshot(out) == first or set(snapshot(out)) == set(first), "keycore after network")
    first = snapshot(out)

    # a failing write (file-size limit 4 KiB; SIGXFSZ ignored, so write() fails with EFBIG)
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    p = subprocess.run([exe, "keycore", lens, "--out", out, "--quiet", "--force"], capture_output=True,
                       text=True, preexec_fn=limit)
    check(p.returncode == 1 and "write failed" in p.stderr and out in p.stderr,
          "failed write: exit %d, %s" % (p.returncode, p.stderr))
    check(snapshot(out) == first, "a failed run changed the previous result")
    check(not leftovers(work), "staging folder left after a failed write: %s" % leftovers(work))

    # signals at several moments of a longer run (a synthetic corpus)
    corpus_tool = os.path.join(os.path.dirname(os.path.dirname(exe)), "make_synthetic_corpus")
    corpus = os.path.join(work, "corpus.csv")
    subprocess.run([corpus_tool, "150000", corpus, "--seed", "5"], check=True, capture_output=True)
    big = os.path.join(work, "big")
    run(exe, ["keycore", corpus, "--out", big, "--quiet"])
    before = snapshot(big)
    t0 = time.time()
    run(exe, ["keycore", corpus, "--out", big, "--quiet", "--force"])
    full = time.time() - t0
    outcomes = set()
    for sig in (signal.SIGINT, signal.SIGTERM):
        for frac in (0.1, 0.4, 0.7, 0.9, 0.97):
            q = subprocess.Popen([exe, "keycore", corpus, "--out", big, "--quiet", "--force"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(full * frac)
            q.send_signal(sig)
            rc = q.wait()
            after = snapshot(big)
            check(after is not None, "--out vanished after signal %d" % sig)
            # the synthetic corpus gives the same result every run: either way the files equal
            check(after == before or (set(after) == set(before) and all(
                after[k] == before[k] for k in after if k != "manifest.json")),
                  "--out is not one complete result after signal %d at %.0f%%" % (sig, frac * 100))
            check(not leftovers(work), "staging folder left after signal %d: %s" % (sig, leftovers(work)))
            outcomes.add(rc)
    check(any(rc < 0 for rc in outcomes), "no run was interrupted (timing): %s" % outcomes)

    # two concurrent runs: the second is refused while the first holds the lock
    q = subprocess.Popen([exe, "keycore", corpus, "--out", big, "--quiet", "--force"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(min(0.3, full / 3))
    p = raw(exe, ["keycore", corpus, "--out", big, "--quiet", "--force"])
    rc = q.wait()
    check(rc == 0, "the first of two concurrent runs failed")
    check(p.returncode == 1 and "another techconv run" in p.stderr, "concurrent run: " + p.stderr)
    check_manifest(big, corpus, verify_input=False)
    print("output folder: refusals, --force, failed write, %d signal runs, concurrent runs: ok" % 10)


if __name__ == "__main__":
    main()
