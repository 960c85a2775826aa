"""The output folder is all or nothing (docs/reliability.md), checked by fault injection:

- a refused --out (non-empty, not a techconv result; a previous result without --force;
  a symbolic link) is left byte for byte as it was;
- --force replaces a previous result as a whole: no file of the previous run survives;
- a write that fails (file-size limit: every write past 4 KiB fails with EFBIG) exits 1,
  names the file, and leaves the previous result untouched;
- a previous result whose scores.csv is a symbolic link to /dev/full is refused without --force
  (left as it was) and replaced as a whole with --force (nothing is written through the link);
  --out as a link to /dev/full is refused;
- on a 64 KiB tmpfs (root only; skipped with the reason otherwise) a run whose files do not fit
  exits 1 naming the file and leaves the previous result and no staging folder;
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
    """{relative path: bytes} of every file under d (None when d does not exist); a symbolic
    link is recorded as b"-> TARGET", never followed (one may point to /dev/full)."""
    if not os.path.isdir(d):
        return None
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            if os.path.islink(p):
                out[os.path.relpath(p, d)] = b"-> " + os.readlink(p).encode()
                continue
            with open(p, "rb") as fh:
                out[os.path.relpath(p, d)] = fh.read()
    return out


def leftovers(parent):
    # staging folders, and lock files: the run that holds a lock removes it when it ends
    return [f for f in os.listdir(parent) if ".techconv-staging-" in f or f.endswith(".techconv-lock")]


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


def dev_full(exe, lens, work, out):
    """A previous result whose scores.csv is a symbolic link to /dev/full, and --out itself a link
    to /dev/full: no run writes through a link. Without --force the run is refused and the
    result (link included) is untouched; with --force the new result is written aside and
    replaces the old one as a whole, so scores.csv is a regular file again."""
    scores = os.path.join(out, "scores.csv")
    os.remove(scores)
    os.symlink("/dev/full", scores)
    linked = snapshot(out)
    p = raw(exe, ["keycore", lens, "--out", out, "--quiet"])
    check(p.returncode == 1 and "--force" in p.stderr, "/dev/full link without --force: " + p.stderr)
    check(snapshot(out) == linked, "a refused run changed a result holding a /dev/full link")
    run(exe, ["keycore", lens, "--out", out, "--quiet", "--force"])
    check(not os.path.islink(scores) and os.path.getsize(scores) > 100000,
          "--force over a /dev/full link: scores.csv is not the new regular file")
    check_manifest(out, lens)
    check(not leftovers(work), "staging folder left after the /dev/full case: %s" % leftovers(work))
    full_out = os.path.join(work, "full-out")
    os.symlink("/dev/full", full_out)
    p = raw(exe, ["keycore", lens, "--out", full_out, "--quiet", "--force"])
    check(p.returncode == 1 and "symbolic link" in p.stderr, "--out linked to /dev/full: " + p.stderr)
    check(os.readlink(full_out) == "/dev/full", "--out link to /dev/full was changed")
    print("/dev/full links: refused or written aside, exit codes and results as expected")


def tiny_tmpfs(exe, lens, work):
    """A 64 KiB tmpfs (root only): a previous small result fits; a run whose files do not
    (scores.csv of the 3,779 Lens records alone is 160 KB) fails with exit 1 naming the file,
    leaves the previous result byte for byte and no staging folder; a first run that does not
    fit leaves no --out at all."""
    tiny = os.path.join(work, "tiny-fs")
    os.makedirs(tiny)
    if os.geteuid() != 0:
        print("SKIPPED tiny tmpfs: not root (mount needs it)")
        return
    m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny], capture_output=True, text=True)
    if m.returncode != 0:
        print("SKIPPED tiny tmpfs: mount failed (%s)" % (m.stderr.strip() or "exit %d" % m.returncode))
        return
    try:
        import csv
        small = os.path.join(work, "small-lens.csv")  # the first 20 records, written outside the tmpfs
        with open(lens, newline="", encoding="utf-8-sig") as f, open(small, "w", newline="", encoding="utf-8") as g:
            w = csv.writer(g)
            for i, row in enumerate(csv.reader(f)):
                if i > 20:
                    break
                w.writerow(row)
        prev = os.path.join(tiny, "r")
        run(exe, ["keycore", small, "--out", prev, "--quiet"])
        before = snapshot(prev)
        p = raw(exe, ["keycore", lens, "--out", prev, "--quiet", "--force"])
        check(p.returncode == 1 and "write failed" in p.stderr and prev in p.stderr,
              "full tmpfs: exit %d, %s" % (p.returncode, p.stderr))
        check(snapshot(prev) == before, "a run on a full tmpfs changed the previous result")
        check(not leftovers(tiny), "staging folder left on the full tmpfs: %s" % leftovers(tiny))
        fresh = os.path.join(tiny, "fresh")
        p = raw(exe, ["keycore", lens, "--out", fresh, "--quiet"])
        check(p.returncode == 1 and not os.path.exists(fresh), "first run on a full tmpfs: exit %d, %s" %
              (p.returncode, p.stderr))
        check(not leftovers(tiny), "staging folder left on the full tmpfs: %s" % leftovers(tiny))
        print("tiny tmpfs: ENOSPC fails the run and leaves the previous result")
    finally:
        subprocess.run(["umount", tiny], capture_output=True)


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

    dev_full(exe, lens, work, out)
    tiny_tmpfs(exe, lens, work)

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

    # a lock file left by a killed run (SIGKILL cannot be handled) holds no lock: the next run
    # takes it and removes it
    with open(os.path.join(work, ".big.techconv-lock"), "w"):
        pass
    run(exe, ["keycore", corpus, "--out", big, "--quiet", "--force"])
    check(not leftovers(work), "left after a run over a stale lock file: %s" % leftovers(work))

    # two concurrent runs: the second is refused while the first holds the lock
    q = subprocess.Popen([exe, "keycore", corpus, "--out", big, "--quiet", "--force"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(min(0.3, full / 3))
    p = raw(exe, ["keycore", corpus, "--out", big, "--quiet", "--force"])
    rc = q.wait()
    check(rc == 0, "the first of two concurrent runs failed")
    check(p.returncode == 1 and "another techconv run" in p.stderr, "concurrent run: " + p.stderr)
    check(not leftovers(work), "left after the concurrent runs: %s" % leftovers(work))
    check_manifest(big, corpus, verify_input=False)
    print("output folder: refusals, --force, failed write, %d signal runs, concurrent runs: ok" % 10)


if __name__ == "__main__":
    main()
