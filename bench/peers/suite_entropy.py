"""numpy peer of the entropy rows of bench/suite_bench.cpp: the [KCT] pipeline
(weights, scores, top 5%) on the same n x 9 matrices (int_N.bin, real_N.bin),
checked against techconv's weights, scores and top-5% set before timing.

usage: suite_entropy.py N...   (env TECHCONV_BENCH_DATA: the data folder)
"""
import numpy as np

import peer_common as pc


def main():
    for n in pc.sizes():
        for kind in ("int", "real"):
            x = pc.load_matrix(kind, n)
            w, s, top = pc.entropy_pipeline(x)
            stem = f"entropy_{kind}_{n}"
            s_tc = np.fromfile(pc.answer(stem + "_scores.bin"), dtype=np.float64)
            pc.close(w, pc.load_vector(stem + "_weights.txt"), 1e-9, "weights")
            pc.close(s, s_tc, 1e-9, "scores")
            ties = pc.check_top(top, np.fromfile(pc.answer(stem + "_top.bin"), dtype=np.int64), s_tc)
            wall, cpu, _ = pc.timed(lambda: pc.entropy_pipeline(x), 3 if n >= 10_000_000 else 5)
            pc.emit("entropy", f"{kind}/{n}", "numpy", wall, cpu, f"weights+scores 1e-9, top set ({ties} threshold ties)")


if __name__ == "__main__":
    main()
