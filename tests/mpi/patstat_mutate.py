#!/usr/bin/env python3
"""Broken copies of a PATSTAT extract written by tests/io/patstat_extract.py, for the error
cases of `techconv` reading an extract under mpirun (patstat_errors.cmake).

Usage:
  patstat_mutate.py SRC DST KIND W0,W1,...
      Copies every .csv file of SRC into DST (created) and breaks one row, keeping every
      byte count (so that the shares the weights W0,W1,... cut are those of SRC):
      bad-cell   the appln_id of the tls209_appln_ipc row three quarters into the file becomes
                 "x" followed by its last digits: a rank other than 0 reads it (equal shares);
      boundary   in tls201_appln (its parts as one sequence of data bytes, as
                 parallel::mpi::read_patstat_split cuts them), the first row of the second
                 rank's share gets the appln_id of the row before it minus 1: each share is in
                 order alone, the two are not. Prints "FILE:LINE" of that row.
"""
import os
import shutil
import sys


def rows(path):
    """(header bytes, [(line start, line bytes)]) of a file."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    header = lines[0] + b"\n"
    out, at = [], len(header)
    for line in lines[1:]:
        out.append((at, line))
        at += len(line) + 1
    return header, out, data


def main():
    src, dst, kind, weights = sys.argv[1], sys.argv[2], sys.argv[3], [float(x) for x in sys.argv[4].split(",")]
    os.makedirs(dst, exist_ok=True)
    names = sorted(n for n in os.listdir(src) if n.endswith(".csv"))
    for n in names:
        shutil.copyfile(os.path.join(src, n), os.path.join(dst, n))
    if kind == "bad-cell":
        path = os.path.join(dst, next(n for n in names if n.startswith("tls209")))
        header, rs, data = rows(path)
        start, line = rs[len(rs) * 3 // 4]
        first = line.split(b",")[0]
        broken = b"x" + first[1:]
        data = data[:start] + broken + data[start + len(first):]
        with open(path, "wb") as f:
            f.write(data)
        return
    # boundary: the second rank's first row in tls201 (share_cuts: floor(total * w0 / sum))
    parts = [os.path.join(dst, n) for n in names if n.startswith("tls201")]
    seq = []  # (global data position, path, line number, line start, line)
    total = 0
    for p in parts:
        header, rs, data = rows(p)
        for k, (start, line) in enumerate(rs):
            if line.strip(b"\r"):
                seq.append((total + start - len(header), p, k + 2, start, line))
        total += len(data) - len(header)
    cut = int(total * (weights[0] / sum(weights)))
    i = next(k for k, r in enumerate(seq) if r[0] >= cut)
    prev_id = int(seq[i - 1][4].split(b",")[0])
    _, path, number, start, line = seq[i]
    old = line.split(b",")[0]
    new = str(prev_id - 1).encode()
    if len(new) != len(old):
        sys.exit("the ids differ in length: choose other weights")
    with open(path, "rb") as f:
        data = f.read()
    data = data[:start] + new + data[start + len(old):]
    with open(path, "wb") as f:
        f.write(data)
    print(f"{os.path.basename(path)}:{number}")


if __name__ == "__main__":
    main()
