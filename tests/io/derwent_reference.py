"""Independent reading of Derwent Innovations Index tagged exports (.ciw) with
Python's re module, for tests/io/derwent.test.cpp and tests/cli: one line per
record, in file order, fields separated by tabs:

    ID YEAR IPC APPLICANTS CITED MEMBERS NPL

ID: the first PN member written "CC NUMBER KIND" (leading zeros of the number
dropped); YEAR: the earliest PD date's year; IPC: the main IPC of the first PD
line, then the IP codes, each in the compact IPC form (B64C-039/02 -> B64C39/02,
B64C-000/00 -> B64C), each once, joined by ','; APPLICANTS: the number of
distinct AE names (the Derwent code in parentheses removed; names compared
upper-case with runs of other characters than letters and digits as one blank);
CITED: the CP lines that are not a PN member on its own, their first token as
an id like ID, each once, joined by ','; MEMBERS: the PN members as ids, joined
by ','; NPL: the number of distinct CR lines that are not a PN member on its
own. An empty list is '-'.

usage: derwent_reference.py FILE...       one line per record
       derwent_reference.py --counts FILE...  counts of PROVENANCE.md
"""
import re
import sys

TAG = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
NUMBER = re.compile(r"^([A-Z]{2})([A-Z]*)(0*)(\w*?)-([A-Z]\d{0,2})$")
DERWENT_IPC = re.compile(r"^([A-HY]\d\d[A-Z])-(\d{1,4})/(\d{2,6})$")
DATE = re.compile(r"^(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})$")


def records(path):
    """The records of one file: dicts tag -> list of (stripped) lines."""
    rec, tag = None, None
    with open(path, encoding="utf-8-sig") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if line.startswith("   "):
                if rec is not None and tag is not None:
                    rec[tag].append(line.strip())
                continue
            m = TAG.match(line)
            if not m:
                continue  # blank lines and DS's own continuation lines
            tag = m.group(1)
            if tag == "PT":
                rec = {}
            elif tag == "ER":
                yield rec
                rec, tag = None, None
                continue
            if rec is not None:
                rec.setdefault(tag, []).append((m.group(2) or "").strip())


def pub_id(token):
    m = NUMBER.match(token)
    if not m:
        raise ValueError("not a publication number: " + token)
    cc, prefix, _, digits, kind = m.groups()
    return "%s %s%s %s" % (cc, prefix, digits, kind)


def compact_ipc(text):
    m = DERWENT_IPC.match(text.strip())
    if not m:
        return None
    sub, group, subgroup = m.group(1), int(m.group(2)), m.group(3)
    if group == 0 and int(subgroup) == 0:
        return sub
    if group == 0:
        return None
    subgroup = subgroup.rstrip("0")
    subgroup = subgroup + "0" * (2 - len(subgroup)) if len(subgroup) < 2 else subgroup
    return "%s%d/%s" % (sub, group, subgroup)


def columns(line):
    return [c.strip() for c in re.split(r"\s{2,}", line.strip()) if c.strip()]


def year_of(text):
    m = DATE.match(text)
    if not m:
        raise ValueError("not a date: " + text)
    return int(m.group(3))


def name_key(name):
    return " ".join(re.sub(r"[^A-Za-z0-9\x80-\U0010ffff]+", " ", name.upper()).split())


def once(items):
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def reading(rec):
    members_text = [m.strip() for line in rec.get("PN", []) for m in line.split(";") if m.strip()]
    members = [pub_id(m) for m in members_text]
    pd = [columns(x) for x in rec.get("PD", [])]
    year = min(year_of(c[1]) for c in pd)
    codes = []
    if pd and len(pd[0]) > 2 and compact_ipc(pd[0][2]):
        codes.append(compact_ipc(pd[0][2]))
    for line in rec.get("IP", []):
        for item in line.split(";"):
            c = compact_ipc(item)
            if c:
                codes.append(c)
    names = [re.sub(r"\s*\([^()]*\)$", "", a).strip() for a in rec.get("AE", [])]
    applicants = len(set(name_key(n) for n in names if n))
    cited = once(pub_id(x.split()[0]) for x in rec.get("CP", []) if x and x not in members_text)
    npl = len(set(x for x in rec.get("CR", []) if x and x not in members_text))
    return members[0], year, once(codes), applicants, cited, members, npl


def joined(xs):
    return ",".join(xs) if xs else "-"


def main(argv):
    counts = argv[:1] == ["--counts"]
    files = argv[1:] if counts else argv
    n, tags = 0, {}
    for path in files:
        for rec in records(path):
            n += 1
            for t in rec:
                tags[t] = tags.get(t, 0) + 1
            if not counts:
                i, y, codes, apps, cited, members, npl = reading(rec)
                print("\t".join([i, str(y), joined(codes), str(apps), joined(cited), joined(members), str(npl)]))
    if counts:
        print("records %d" % n)
        for t in sorted(tags):
            print("%s %d" % (t, tags[t]))


if __name__ == "__main__":
    main(sys.argv[1:])
