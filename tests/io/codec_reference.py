"""Decodes a byte file with one of Python's codecs and writes it as UTF-8.

Independent reference for techconv's single-byte transcoders: Python's own
codec tables (mac_roman, latin-1). Prints the path of the UTF-8 file.

usage: codec_reference.py FILE CODEC
"""
import sys

src, codec = sys.argv[1], sys.argv[2]
with open(src, "rb") as f:
    text = f.read().decode(codec)
out = src + "." + codec + ".utf8"
with open(out, "wb") as f:
    f.write(text.encode("utf-8"))
print(out)
