"""Writes a PatentsView bulk table set for the mpirun tests of the split reading
(parallel::mpi::read_patentsview_bulk_split), from the PatentSearch API sample.

usage: make_bulk_tables.py OUT_DIR PATENTS KIND JSON...

The seven tables come from tests/io/patentsview_bulk_tables.py (scale PATENTS: patent k
numbered 20000000 + k, its citation rule), then they are changed so that a cut at a line
start is no sure record start and rows outside g_patent sit at share boundaries:
  - every 9th patent (k % 9 == 4) gets a title and an abstract holding line breaks inside
    their quotes (a line of the file that starts inside a quoted value);
  - after the rows of every 97th patent (k % 97 == 50) of g_cpc_current,
    g_inventor_disambiguated, g_assignee_disambiguated and g_us_patent_citation comes a row
    of patent_id 1999xxxx, a patent outside g_patent (counted, passed over);
  - an empty line after every 500th row of g_patent and every 300th of g_cpc_current.
KIND:
  good          the set as above
  bad-row       also: the cpc_sequence of a g_cpc_current row of the patent at 85% of
                g_patent is "seven" (not a number): one process fails there
  out-of-order  also: in g_cpc_current the rows of patent b come before those of patent
                b - 1, where b is the first patent of the second share when two ranks take
                shares 1,4 of g_patent's bytes (the record start at or after a fifth of the
                file): one process fails there
Prints "patents N" and, for out-of-order, "boundary B".
"""
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "io"))
import patentsview_bulk_tables as pbt  # noqa: E402

KEYED = ["g_cpc_current", "g_inventor_disambiguated", "g_assignee_disambiguated", "g_us_patent_citation"]


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        r = list(csv.reader(f, delimiter="\t"))
    return r[0], r[1:]


def save(path, head, rows, blank_every=0):
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(head)
    for i, row in enumerate(rows):
        w.writerow(row)
        if blank_every and i % blank_every == blank_every - 1:
            out.write("\n")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


def first_at(head, patents, cut):
    """The row of the first g_patent record starting at or after byte `cut` (as save wrote them)."""
    def size(row):
        out = io.StringIO()
        csv.writer(out, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\n").writerow(row)
        return len(out.getvalue().encode("utf-8"))
    at = size(head)
    for i, row in enumerate(patents):
        if at >= cut:
            return i
        at += size(row) + (1 if i % 500 == 499 else 0)
    return len(patents)


def main():
    if len(sys.argv) < 5 or sys.argv[3] not in ("good", "bad-row", "out-of-order"):
        sys.exit(__doc__)
    out, n, kind, jsons = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    saved = sys.stdout
    sys.stdout = io.StringIO()
    pbt.scale(n, out, jsons)
    sys.stdout = saved
    path = {t: os.path.join(out, t + ".tsv") for t in ["g_patent"] + KEYED}
    head, patents = load(path["g_patent"])
    title, abstract = head.index("patent_title"), head.index("patent_abstract")
    for k, row in enumerate(patents):
        if k % 9 == 4:
            row[title] = "Title of %s\nits second line" % row[0]
            row[abstract] = "An abstract\n\nover \"three\" lines of patent %s" % row[0]
    save(path["g_patent"], head, patents, 500)
    order = {row[0]: k for k, row in enumerate(patents)}
    for t in KEYED:
        h, rows = load(path[t])
        out_rows = []
        for i, row in enumerate(rows):
            out_rows.append(row)
            k = order[row[0]]
            last = i + 1 == len(rows) or rows[i + 1][0] != row[0]
            if last and k % 97 == 50:
                extra = list(row)
                extra[0] = "1999%04d" % k
                out_rows.append(extra)
        rows = out_rows
        if t == "g_cpc_current":
            seq = h.index("cpc_sequence")
            if kind == "bad-row":
                target = patents[int(n * 0.85)][0]
                at = next(i for i, r in enumerate(rows) if r[0] == target)
                rows[at][seq] = "seven"
            if kind == "out-of-order":
                b = first_at(head, patents, os.path.getsize(path["g_patent"]) // 5)
                ids = (patents[b - 1][0], patents[b][0])
                for pid in ids:  # both patents get a row if they have none
                    if not any(r[0] == pid for r in rows):
                        at = next(i for i, r in enumerate(rows) if order.get(r[0], -1) > order[pid])
                        extra = [""] * len(h)
                        extra[0], extra[seq] = pid, "0"
                        extra[h.index("cpc_subclass")], extra[h.index("cpc_group")] = "H04L", "H04L9/32"
                        rows.insert(at, extra)
                first = next(i for i, r in enumerate(rows) if r[0] == ids[0])
                mine = [r for r in rows if r[0] == ids[1]]
                rest = [r for r in rows if r[0] != ids[1]]
                rows = rest[:first] + mine + rest[first:]
                print("boundary %d" % b)
        save(path[t], h, rows, 300 if t == "g_cpc_current" else 0)
    print("patents %d" % n)


if __name__ == "__main__":
    main()
