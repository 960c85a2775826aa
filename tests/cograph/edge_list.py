"""Reads the edge lists the cograph tests write: "n m", then "u v w" lines."""


def read(path):
    with open(path) as f:
        n, m = map(int, f.readline().split())
        edges = []
        for _ in range(m):
            u, v, w = f.readline().split()
            edges.append((int(u), int(v), float(w)))
    return n, edges
