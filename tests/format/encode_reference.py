"""Encodes a UTF-8 file with one of Python's codecs (an independent encoder).

Reference for techconv's UTF-16 decoding: the test writes UTF-8 text, Python
encodes it (utf-16-le, utf-16-be, cp1252, ...) and the test decodes it back.
Prints the path of the encoded file.

usage: encode_reference.py FILE CODEC
"""
import sys

src, codec = sys.argv[1], sys.argv[2]
with open(src, "rb") as f:
    text = f.read().decode("utf-8")
out = src + "." + codec
with open(out, "wb") as f:
    f.write(text.encode(codec))
print(out)
