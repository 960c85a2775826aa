"""Independent count of IPC/CPC codes in the shared patent datasets.

Method (deliberately unlike the C++ scanner): Python's csv module reads the
Lens exports, a single regular expression per spelling extracts the code
parts, and the USPTO XML is searched with a regular expression over whole
<classification-ipcr> blocks. Prints, per input, one line:
    <label> <codes> <distinct subclasses> <distinct codes> <unparsed>
where a code's identity is (section, class, subclass, main group as int,
subgroup digits with trailing zeros beyond two stripped).
"""
import csv
import re
import sys

CODE = re.compile(r"^\s*([A-HY])(\d\d)([A-Z])\s*(\d{1,4})\s*/\s*(\d{2,6})\s*$", re.I)


def key(sec, cls, sub, grp, sg):
    sg = sg.rstrip("0")
    sg = sg + "0" * max(0, 2 - len(sg))
    return (sec.upper(), cls, sub.upper(), int(grp), sg)


def report(label, keys, bad):
    subclasses = {k[:3] for k in keys}
    print(label, len(keys), len(subclasses), len(set(keys)), bad)


def lens(path, column):
    keys, bad = [], 0
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            for piece in row[column].split(";;"):
                if not piece.strip():
                    continue
                m = CODE.match(piece)
                if m:
                    keys.append(key(*m.groups()))
                else:
                    bad += 1
    return keys, bad


BLOCK = re.compile(r"<classification-ipcr>(.*?)</classification-ipcr>", re.S)
PART = {t: re.compile(r"<%s>\s*([^<]*?)\s*</%s>" % (t, t)) for t in
        ("section", "class", "subclass", "main-group", "subgroup")}


def uspto(paths):
    keys, bad = [], 0
    for p in paths:
        text = open(p, encoding="utf-8").read()
        for block in BLOCK.findall(text):
            parts = [PART[t].search(block) for t in PART]
            if all(parts):
                g = [m.group(1) for m in parts]
                if CODE.match("%s%s%s%s/%s" % tuple(g)):
                    keys.append(key(*g))
                    continue
            bad += 1
    return keys, bad


def main(argv):
    mode = argv[1]
    if mode == "lens":
        path = argv[2]
        for column in ("IPCR Classifications", "CPC Classifications"):
            report(column.split()[0], *lens(path, column))
    else:
        report("USPTO", *uspto(argv[2:]))


if __name__ == "__main__":
    main(sys.argv)
