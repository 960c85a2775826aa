"""Independent reference for tests/format/csv.test.cpp: Python's csv module.

Prints: number of data records, total number of fields, total UTF-8 bytes
of all field values (header excluded)."""
import csv
import sys

with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = csv.reader(f)
    next(rows)
    records = fields = size = 0
    for row in rows:
        if not row:
            continue
        records += 1
        fields += len(row)
        size += sum(len(v.encode("utf-8")) for v in row)
print(records, fields, size)
