#!/usr/bin/env python3
"""Writes the single patent files the mpirun tests split by byte ranges.

Usage: make_split_inputs.py KIND SOURCE OUT [SHARES ...]

KIND jsonl: SOURCE is a file of Lens patent JSON Lines (tests/io/lens_json/records.jsonl); OUT
gets 150 copies of its records with new Lens ids and document numbers, one per line, with
blank lines, and three runs of records written over many lines (indented), so that a cut may
fall inside one (the script checks that one of SHARES' cuts does).
Else SOURCE is a Lens export (UTF-8, ','-separated) and KIND:
  breaks  a `sep=,` line first, CRLF line ends, and every title holding line breaks (LF and
          CRLF), delimiters and doubled quotes inside its quotes, so that most of the file's
          bytes lie inside quoted fields. With SHARES (each "W0,W1,..." as TECHCONV_MPI_SHARES
          gives them), the script checks that at least one cut of those shares (the file's
          size cut as parallel::mpi::share_cuts cuts it) is followed by a line start that is
          not a record start: there, splitting at the next line start would cut a record.
  cr      CR alone as the line end (an old Mac text file), titles holding CR-LF inside quotes.
  utf16   UTF-16 LE with a byte-order mark and tabs, as a spreadsheet saves "Unicode text".
The records and their fields are SOURCE's; only the titles change (breaks, cr).
KIND breaks-bad and jsonl-bad: as breaks and jsonl, with one bad record at 90 % of the file
(a `Cited by Patent Count` of "12x"; a record without `lens_id`), in the last rank's share
under the shares 1,4 and 5,0,2: the split must fail with one process's message.
"""
import csv
import io
import json
import sys


def rows_of(source):
    with open(source, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def quoted(field):
    return '"' + field.replace('"', '""') + '"'


def write_records(rows, sep_line, end):
    """The file's bytes, and the byte offsets where records start and where lines start."""
    out = bytearray()
    record_starts, line_starts = set(), set()
    if sep_line:
        out += b"sep=," + end
    for row in rows:
        record_starts.add(len(out))
        text = ",".join(quoted(x) if any(c in x for c in ',"\r\n') else x for x in row) + end.decode()
        data = text.encode("utf-8")
        for i, b in enumerate(data):
            if i == 0 or data[i - 1:i] == b"\n" or (data[i - 1:i] == b"\r" and b != 0x0A):
                line_starts.add(len(out) + i)
        out += data
    return bytes(out), record_starts, line_starts


def cuts_of(size, weights):
    total = sum(weights)
    acc, cuts = 0.0, []
    for w in weights[:-1]:
        acc += w
        cuts.append(int(size * (acc / total)))
    return cuts


def write_jsonl(source, out, specs, bad=False):
    with open(source, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    chunks, spans = [], []  # the text, and the byte span of the indented record
    size = 0
    for i in range(150):
        for k, rec in enumerate(records):
            r = json.loads(json.dumps(rec))
            r["lens_id"] = "%03d-%03d-%03d-%03d-%03d" % (i, k, (7 * i + k) % 1000, i % 997, k)
            r["doc_number"] = str(5000000 + 10 * i + k)
            if bad and i == 135 and k == 1:
                del r["lens_id"]
            indented = i in (30, 75, 107)  # near the cuts of 1,4 and 5,0,2
            text = json.dumps(r, indent=2) if indented else json.dumps(r)
            text = (text + "\n").encode("utf-8")
            if indented:
                spans.append((size, size + len(text)))
            chunks.append(text)
            size += len(text)
            if k == 0 and i % 40 == 0:
                chunks.append(b"\n")
                size += 1
    data = b"".join(chunks)
    with open(out, "wb") as f:
        f.write(data)
    inside = sum(1 for spec in specs for c in cuts_of(len(data), [float(w) for w in spec.split(",")])
                 for a, b in spans if a < c < b)
    if specs and inside == 0:
        # the indented record must hold a cut: say where the cuts fall to move it
        sys.exit("no cut of the shares falls inside an indented record %s" % (spans,))
    print(f"{150 * len(records)} records, {len(data)} bytes, {inside} cuts inside an indented record")


def main():
    kind, source, out = sys.argv[1], sys.argv[2], sys.argv[3]
    bad = kind.endswith("-bad")
    kind = kind[:-4] if bad else kind
    if kind == "jsonl":
        return write_jsonl(source, out, sys.argv[4:], bad)
    rows = rows_of(source)
    if bad:
        rows[int(0.9 * len(rows))][rows[0].index("Cited by Patent Count")] = "12x"
    title = rows[0].index("Title")
    if kind == "utf16":
        text = io.StringIO()
        csv.writer(text, delimiter="\t", lineterminator="\r\n").writerows(rows)
        with open(out, "wb") as f:
            f.write(b"\xff\xfe" + text.getvalue().encode("utf-16-le"))
        return
    end = b"\r\n" if kind == "breaks" else b"\r"
    for i, row in enumerate(rows[1:], start=1):
        if kind == "breaks":
            row[title] = (row[title] + "\nsecond line, with a \"quote\"\r\n" + ",".join(["x"] * 30) +
                          "\n" + "y" * (40 + i % 17))
        else:
            row[title] = row[title] + "\r\nsecond line, \"quoted\""
    data, record_starts, line_starts = write_records(rows, kind == "breaks", end)
    with open(out, "wb") as f:
        f.write(data)
    inside = 0
    for spec in sys.argv[4:]:
        for c in cuts_of(len(data), [float(w) for w in spec.split(",")]):
            nxt = min((p for p in line_starts if p >= c), default=len(data))
            inside += 0 if nxt in record_starts or nxt == len(data) else 1
    if len(sys.argv) > 4 and inside == 0:
        sys.exit("no cut of the shares falls inside a quoted field: the file does not test the split")
    print(f"{len(rows) - 1} records, {len(data)} bytes, {inside} cuts before a line inside a record")


if __name__ == "__main__":
    main()
