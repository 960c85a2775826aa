"""Reads a JSON file written by techconv's json_writer with Python's json
module (an independent consumer); prints len(codes) and repr(weight)."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
assert doc["codes"][2] == "\u4e2d"
print(len(doc["codes"]), repr(doc["weight"]))
