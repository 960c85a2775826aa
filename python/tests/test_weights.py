"""techconv.weights against an independent numpy implementation of the
entropy weight method (METHODS.md section 1: min-max, p_ij = x'_ij / sum_i
x'_ij, e_j = -(1/ln n) sum_i p_ij ln p_ij with 0 ln 0 = 0, w_j = (1 - e_j) /
sum_k (1 - e_k), s_i = sum_j w_j x'_ij, k = ceil(q n)), against the
`techconv weights` command's files, and the zero-copy contract by pointer."""
import math
import os

import numpy as np
import pytest

import techconv

from conftest import read_csv


def numpy_entropy(x, cost=()):
    x = np.asarray(x, dtype=np.float64)
    lo, hi = x.min(axis=0), x.max(axis=0)
    xn = (x - lo) / (hi - lo)
    for j in cost:
        xn[:, j] = (hi[j] - x[:, j]) / (hi[j] - lo[j])
    p = xn / xn.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    e = -plogp.sum(axis=0) / math.log(x.shape[0])
    w = (1 - e) / (1 - e).sum()
    return w, e, xn @ w


def numpy_ranks(scores):
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))  # score descending, then row order
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def data_pointer(a):
    return a.__array_interface__["data"][0]


@pytest.fixture(scope="module")
def counts():
    rng = np.random.default_rng(20261206)
    return rng.poisson([3.0, 0.5, 12.0, 1.5, 40.0], size=(997, 5)).astype(np.float64)


def test_entropy_matches_numpy(counts):
    r = techconv.weights(counts, top=0.05)
    w, e, s = numpy_entropy(counts)
    np.testing.assert_allclose(r.weights, w, rtol=1e-12, atol=0)
    np.testing.assert_allclose(r.entropy, e, rtol=1e-12, atol=0)
    np.testing.assert_allclose(r.scores, s, rtol=1e-12, atol=1e-15)
    assert r.k == math.ceil(0.05 * counts.shape[0])
    np.testing.assert_array_equal(r.ranks, numpy_ranks(r.scores))
    np.testing.assert_array_equal(r.key_core, r.ranks <= r.k)
    assert r.status == "ok"


def test_cost_columns_are_reflected(counts):
    r = techconv.weights(counts, cost=[1, -1])
    w, e, s = numpy_entropy(counts, cost=[1, 4])
    # reflected column 1 (Poisson 0.5: mostly zeros, reflected to mostly ones) has e_j near 1,
    # and 1 - e_j cancels about three digits whatever the summation order
    np.testing.assert_allclose(r.weights, w, rtol=1e-10)
    np.testing.assert_allclose(r.scores, s, rtol=1e-10)  # inherits that weight's rounding
    with pytest.raises(ValueError, match="cost column 5"):
        techconv.weights(counts, cost=[5])


def test_hand_computed_two_by_two():
    # x' = [[0, 1], [1, 0]] for both columns: p = (0, 1) / (1, 0), e = 0 each
    # (0 ln 0 = 0, 1 ln 1 = 0), so w = (1/2, 1/2) and both scores are 1/2.
    r = techconv.weights(np.array([[1.0, 5.0], [3.0, 2.0]]), top=0.5)
    np.testing.assert_array_equal(r.weights, [0.5, 0.5])
    np.testing.assert_array_equal(r.scores, [0.5, 0.5])
    np.testing.assert_array_equal(r.ranks, [1, 2])  # a tie: row order
    assert r.k == 1


@pytest.mark.parametrize("method", ["entropy", "critic", "std", "cv", "merec"])
def test_layouts_and_dtypes_give_identical_results(counts, method):
    counts = counts + 1  # MEREC takes logarithms: positive values only
    ref = techconv.weights(counts, method=method)
    for variant in (np.asfortranarray(counts), counts.astype(np.int64), counts.astype(np.int32),
                    np.asfortranarray(counts.astype(np.int64)), counts.astype(np.float32).astype(np.float64)):
        r = techconv.weights(variant, method=method)
        np.testing.assert_array_equal(r.weights, ref.weights)
        np.testing.assert_array_equal(r.scores, ref.scores)
        np.testing.assert_array_equal(r.ranks, ref.ranks)


def test_zero_copy_by_pointer(counts):
    c = np.ascontiguousarray(counts)
    f = np.asfortranarray(counts)
    f32 = counts.astype(np.float32)
    for a in (c, f, f32, np.asfortranarray(f32)):
        r = techconv.weights(a)
        assert not r.copied
        assert r.input is a
        assert data_pointer(r.input) == data_pointer(a)
    # integers, strided views and byte-swapped arrays are converted once
    for a in (counts.astype(np.int64), counts[::2], counts.astype(">f8")):
        r = techconv.weights(a)
        assert r.copied
        assert data_pointer(r.input) != data_pointer(a)
        assert r.input.dtype == np.float64 and r.input.flags.c_contiguous
        np.testing.assert_array_equal(r.input, a)


def test_any_thread_count_gives_the_same_bits():
    rng = np.random.default_rng(7)
    x = rng.gamma(2.0, 3.0, size=(200_003, 9))
    ref = techconv.weights(x, threads=1)
    for t in (2, 3, 0):
        r = techconv.weights(x, threads=t)
        np.testing.assert_array_equal(r.weights, ref.weights)
        np.testing.assert_array_equal(r.scores, ref.scores)
        np.testing.assert_array_equal(r.ranks, ref.ranks)


def test_degenerate_column_keeps_its_status():
    x = np.array([[1.0, 7.0], [2.0, 7.0], [4.0, 7.0]])
    r = techconv.weights(x)
    assert r.status == "degenerate_columns"
    assert list(r.degenerate_columns) == [1]
    assert r.weights[1] == 0.0


def test_bad_values_raise_located_errors():
    x = np.ones((4, 3))
    x[2, 1] = np.nan
    x[0, 0] = 0.0
    # the library locates a bad matrix value by row and column (an invalid_argument: a ValueError)
    with pytest.raises(ValueError, match=r"non-finite value \(nan\) at row 2, column 1"):
        techconv.weights(x)
    with pytest.raises(ValueError, match="2-D"):
        techconv.weights(np.ones(3))
    with pytest.raises(ValueError, match="numeric"):
        techconv.weights(np.array([["a", "b"], ["c", "d"]]))
    with pytest.raises(ValueError, match="entropy"):
        techconv.weights(x, method="nope")


@pytest.mark.parametrize("method", ["entropy", "critic"])
def test_same_numbers_as_the_command(counts, run_command, out_dir, method):
    table = os.path.join(out_dir, "weights-input.csv")
    cols = [f"c{j}" for j in range(counts.shape[1])]
    with open(table, "w") as f:
        f.write(",".join(cols) + "\n")
        for row in counts:
            f.write(",".join(str(int(v)) for v in row) + "\n")
    folder = run_command("weights", [table], f"weights-{method}", "--method", method, "--cost", "c1", "--top", "0.1")
    r = techconv.weights(counts, method=method, cost=[1], top=0.1)
    header, rows = read_csv(os.path.join(folder, "scores.csv"))
    assert header == r.table.columns == ["id", "score", "rank", "key_core"]
    assert [row[0] for row in rows] == r.table["id"]
    np.testing.assert_array_equal([float(row[1]) for row in rows], r.scores)
    np.testing.assert_array_equal([int(row[2]) for row in rows], r.ranks)
    np.testing.assert_array_equal([row[3] == "1" for row in rows], r.key_core)
    header, rows = read_csv(os.path.join(folder, "weights.csv"))
    assert header == ["indicator", "weight", "entropy"]
    np.testing.assert_array_equal([float(row[1]) for row in rows], r.weights)
    if method == "entropy":
        np.testing.assert_array_equal([float(row[2]) for row in rows], r.entropy)
    else:
        assert all(row[2] == "" for row in rows) and r.entropy is None


def keeps_running_while(call):
    """(span, longest pause, duration) of this thread's loop while another thread runs call():
    the loop starts once the other thread is about to call, and stops when the call returns."""
    import threading
    import time
    inside, done, took = threading.Event(), threading.Event(), []

    def work():
        inside.set()
        t = time.perf_counter()
        call()
        took.append(time.perf_counter() - t)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    inside.wait()
    stamps = []
    while not done.is_set():
        stamps.append(time.perf_counter())
    worker.join()
    gaps = np.diff(stamps) if len(stamps) > 1 else np.array([0.0])
    span = stamps[-1] - stamps[0] if stamps else 0.0
    return span, float(gaps.max()), took[0]


def test_the_gil_is_released_during_the_call():
    # A call that held the GIL would stop this thread for its whole duration: the loop could only
    # run after it (span near 0). Released, the loop runs throughout with short pauses.
    rng = np.random.default_rng(3)
    x = rng.gamma(2.0, 3.0, size=(3_000_000, 9))
    span, pause, duration = keeps_running_while(lambda: techconv.weights(x))
    assert duration > 0.2, "input too small to show the GIL"
    assert span > duration / 2, (span, duration)
    assert pause < duration / 3, (pause, duration)
