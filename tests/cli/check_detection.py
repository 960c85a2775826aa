"""End-to-end check of the detection record of each input (io::detection_of): manifest.json's
inputs[] name the format, the encoding and the line ends, and report.md's input note says them.

# needs-header: techconv/weighting.hpp

- `keycore` on patents-lens-pizza-2015-macexcel (its PROVENANCE.md: Mac Roman, no BOM, bare CR
  line ends, no LF): format lens (detected), encoding macroman (detected), line_ends "cr", and
  the counts of CR, CR LF and LF recounted here in Python from the file's bytes;
- `closeness` on lens-scholarly-jsonl-covid (its PROVENANCE.md: UTF-8 with BOM, LF line ends):
  format lens-scholarly, encoding utf-8 with bom, line_ends "lf" with the LF count recounted here;
- the same Lens file with `--format lens --encoding macroman`: both marked as given, not detected.

usage: check_detection.py TECHCONV DATA_DIR WORK_DIR
"""
import json
import os
import sys

from cli_util import check, run


def line_ends(path):
    """(lf, crlf, cr) of a file's bytes: LF alone, CR LF pairs, CR alone."""
    with open(path, "rb") as f:
        b = f.read()
    crlf = b.count(b"\r\n")
    return b.count(b"\n") - crlf, crlf, b.count(b"\r") - crlf


def manifest_input(out):
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        inputs = json.load(f)["inputs"]
    check(len(inputs) == 1, "one input in manifest.json: %s" % inputs)
    return inputs[0]


def report(out):
    with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
        return f.read()


def expect(got, want, what):
    for k, v in want.items():
        check(got.get(k) == v, "%s: manifest inputs[0].%s is %r, expected %r (%s)" % (what, k, got.get(k), v, got))


def main():
    exe, data, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)

    mac = os.path.join(data, "patents-lens-pizza-2015-macexcel", "pizza_lens_1000_raw.csv")
    lf, crlf, cr = line_ends(mac)
    check((lf, crlf) == (0, 0) and cr > 0, "the macexcel sample is CR-only (%d LF, %d CRLF, %d CR)" % (lf, crlf, cr))
    out = os.path.join(work, "macexcel")
    run(exe, ["keycore", mac, "--out", out, "--quiet"])
    expect(manifest_input(out),
           {"path": mac, "format": "lens", "format_detected": True, "encoding": "macroman",
            "encoding_name": "Mac Roman", "encoding_detected": True, "bom": False, "line_ends": "cr",
            "line_end_counts": {"lf": 0, "crlf": 0, "cr": cr}}, "macexcel")
    note = "format lens (detected), encoding Mac Roman (detected), line ends CR only (%d CR)" % cr
    check(note in report(out), "macexcel: report.md must say '%s'" % note)

    out = os.path.join(work, "macexcel-given")
    run(exe, ["keycore", mac, "--format", "lens", "--encoding", "macroman", "--out", out, "--quiet"])
    expect(manifest_input(out), {"format": "lens", "format_detected": False, "encoding": "macroman",
                                 "encoding_detected": False, "line_ends": "cr"}, "macexcel given")
    check("format lens (given), encoding Mac Roman (given)" in report(out), "macexcel given: report.md note")

    jsonl = os.path.join(data, "lens-scholarly-jsonl-covid", "lens-export.jsonl")
    with open(jsonl, "rb") as f:
        check(f.read(3) == b"\xef\xbb\xbf", "the Lens scholarly sample starts with a UTF-8 BOM")
    lf, crlf, cr = line_ends(jsonl)
    check(lf > 0 and crlf == 0 and cr == 0, "the Lens scholarly sample is LF-only")
    out = os.path.join(work, "scholarly")
    run(exe, ["closeness", jsonl, "--out", out, "--quiet"])
    expect(manifest_input(out),
           {"path": jsonl, "format": "lens-scholarly", "format_detected": True, "encoding": "utf-8",
            "encoding_name": "UTF-8", "bom": True, "bytes_not_utf8": 0, "line_ends": "lf",
            "line_end_counts": {"lf": lf, "crlf": 0, "cr": 0}}, "lens scholarly")
    note = "format lens-scholarly (detected), encoding UTF-8 with BOM (detected), line ends LF (%d LF)" % lf
    check(note in report(out), "lens scholarly: report.md must say '%s'" % note)
    print("OK")


if __name__ == "__main__":
    main()
