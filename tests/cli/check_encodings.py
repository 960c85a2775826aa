"""End-to-end check of --encoding and of the per-file encoding decision.

# needs-header: techconv/weighting.hpp

Inputs are made here, in WORK_DIR, from a real Lens export (never committed):
- UTF-16 LE and BE copies with a BOM (Python's utf-16 codecs): `keycore` must give a
  scores.csv byte-identical to the one of the UTF-8 original, and its report must say
  the file was read as UTF-16;
- a copy with one stray Latin-1 byte (the first character of U+00A0..U+00FF, two bytes
  in UTF-8, replaced by its single Latin-1 byte): read as UTF-8, the stray byte as CP1252, so the scores stay
  those of the original; the report names the line (counted here in Python) and
  manifest.json counts bytes_not_utf8 = 1;
- the same file with `--encoding utf-8`: an error (exit 1) naming the file and line;
- an unknown `--encoding`: a usage error (exit 2) before any work (--out not created).
And `closeness` on a WoS export reports unresolved_countries in manifest.json and a row
in report.md (0 here: every address of that export resolves); `closeness` on a USPTO XML
file (all ASCII) with one letter of a description paragraph past the first MiB replaced by
the Latin-1 byte 0xE9 counts bytes_not_utf8 = 1 (0 on the original) and gives the original's
pairs.csv.

usage: check_encodings.py TECHCONV DATA_DIR WORK_DIR
"""
import json
import os
import sys

from cli_util import check, run


def main():
    exe, data, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    lens = os.path.join(data, "patents-lens-jet-engines", "lens-export.csv")
    with open(lens, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")  # the original is UTF-8 (no BOM)

    def keycore(inp, name, extra=(), expect_ok=True):
        out = os.path.join(work, name)
        code, _, err = run(exe, ["keycore", inp, "--out", out, "--quiet"] + list(extra), expect_ok=expect_ok)
        return code, out, err

    def scores(out):
        with open(os.path.join(out, "scores.csv"), "rb") as f:
            return f.read()

    def report(out):
        with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
            return f.read()

    def counts(out):
        with open(os.path.join(out, "manifest.json")) as f:
            return json.load(f)["counts"]

    _, base, _ = keycore(lens, "utf8")
    want = scores(base)
    check("read as" not in report(base), "a plain UTF-8 input needs no encoding note")

    for codec, bom, label in (("utf-16-le", b"\xff\xfe", "UTF-16 LE"), ("utf-16-be", b"\xfe\xff", "UTF-16 BE")):
        path = os.path.join(work, "lens-%s.csv" % codec)
        with open(path, "wb") as f:
            f.write(bom + text.encode(codec))
        _, out, _ = keycore(path, codec)
        check(scores(out) == want, "%s: scores.csv differs from the UTF-8 original's" % codec)
        check("read as %s (BOM), transcoded to UTF-8" % label in report(out), "%s: report says how it was read" % codec)

    # one stray Latin-1 byte
    ch = next(c for c in text if 0xA0 <= ord(c) <= 0xFF)  # the first Latin-1 letter (2 bytes in UTF-8)
    at = raw.index(ch.encode("utf-8"))
    line = raw.count(b"\n", 0, at) + 1
    stray = raw[:at] + ch.encode("latin-1") + raw[at + 2:]
    path = os.path.join(work, "lens-stray.csv")
    with open(path, "wb") as f:
        f.write(stray)
    _, out, _ = keycore(path, "stray")
    check(scores(out) == want, "stray byte: scores.csv differs from the original's")
    note = "read as UTF-8; 1 byte at line %d not UTF-8, read as CP1252" % line
    check(note in report(out), "stray byte: report must say '%s'" % note)
    check(counts(out).get("bytes_not_utf8") == 1, "manifest bytes_not_utf8: %s" % counts(out))

    # UTF-8 named: an error at that line
    code, _, err = keycore(path, "stray-strict", ["--encoding", "utf-8"], expect_ok=False)
    check(code == 1, "--encoding utf-8 on a file with a Latin-1 byte: exit %d, want 1" % code)
    check(("%s:%d" % (path, line)) in err and "bad_encoding" in err, "error names file and line: %s" % err.strip())

    # an unknown name: usage error before any work
    out = os.path.join(work, "bogus")
    code, _, err = run(exe, ["keycore", lens, "--out", out, "--encoding", "ebcdic", "--quiet"], expect_ok=False)
    check(code == 2 and "unknown --encoding 'ebcdic'" in err, "unknown --encoding: exit %d, %s" % (code, err.strip()))
    check(not os.path.exists(out), "a usage error must not create --out")

    # a named UTF-16 (an alias spelling) reaches the reader
    _, out, _ = keycore(os.path.join(work, "lens-utf-16-le.csv"), "u16-named", ["--encoding", "UTF-16LE"])
    check(scores(out) == want, "--encoding UTF-16LE: scores.csv differs")

    # closeness: unresolved countries counted in the manifest and the report
    wos = os.path.join(data, "wos-medicine-metaknowledge", "ManyAuthors.isi")
    out = os.path.join(work, "closeness")
    run(exe, ["closeness", wos, "--out", out, "--quiet"])
    check(counts(out).get("unresolved_countries") == 0, "closeness unresolved_countries: %s" % counts(out))
    check("| addresses with an unresolved country (listed under Inputs) | 0 |" in report(out),
          "closeness report.md: unresolved row")

    # closeness on USPTO XML: the stray byte counted in the manifest like the other readers
    xml = os.path.join(data, "patents-uspto-grant-xml", "ipg100105.small.xml")
    with open(xml, "rb") as f:
        raw = f.read()
    at = raw.index(b"<p id=", 1 << 20)  # past the first MiB, the encoding sample
    at = raw.index(b">", at) + 1
    while not raw[at:at + 1].isalpha():
        at += 1
    path = os.path.join(work, "uspto-stray.xml")
    with open(path, "wb") as f:
        f.write(raw[:at] + b"\xe9" + raw[at + 1:])
    outs = {}
    for name, inp in (("xml-original", xml), ("xml-stray", path)):
        outs[name] = os.path.join(work, name)
        run(exe, ["closeness", inp, "--out", outs[name], "--quiet"])
    check(counts(outs["xml-original"]).get("bytes_not_utf8") == 0,
          "closeness uspto-xml bytes_not_utf8: %s" % counts(outs["xml-original"]))
    check(counts(outs["xml-stray"]).get("bytes_not_utf8") == 1,
          "closeness uspto-xml stray bytes_not_utf8: %s" % counts(outs["xml-stray"]))
    with open(os.path.join(outs["xml-original"], "pairs.csv"), "rb") as a, \
            open(os.path.join(outs["xml-stray"], "pairs.csv"), "rb") as b:
        check(a.read() == b.read(), "closeness uspto-xml: a stray byte in a description changed pairs.csv")
    print("ok")


if __name__ == "__main__":
    main()
