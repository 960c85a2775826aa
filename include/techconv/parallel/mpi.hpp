// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// Opt-in: the weighting pipeline (statistics, entropy and the other objective
// weights, scores, the global top k, global ranks) with the rows partitioned
// across MPI ranks, bit-identical to the single-process result. Plain MPI C
// API; link MPI::MPI_CXX (CMake FindMPI). Nothing else in techconv includes
// this header.
#ifndef TECHCONV_PARALLEL_MPI_HPP_
#define TECHCONV_PARALLEL_MPI_HPP_

#include <mpi.h>

#include <algorithm>  // std::sort, std::min, std::max, std::upper_bound, std::inplace_merge
#include <climits>    // INT_MAX
#include <cmath>      // std::isnan
#include <cstdint>    // std::int64_t
#include <cstring>    // std::memcpy
#include <stdexcept>  // std::runtime_error
#include <string>     // std::string, std::to_string
#include <utility>    // std::pair
#include <vector>     // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/closeness/counting.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/analysis/profile.hpp"
#include "techconv/records/families.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/cograph/cooccurrence.hpp"
#include "techconv/cograph/incidence.hpp"
#include "techconv/parallel/collaboration.hpp"
#include "techconv/parallel/cooccurrence.hpp"
#include "techconv/parallel/families.hpp"
#include "techconv/parallel/profile.hpp"
#include "techconv/parallel/mergeable.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/parallel/weighting.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/entropy.hpp"
#include "techconv/weighting/objective.hpp"
#include "techconv/weighting/pipeline.hpp"
#include "techconv/weighting/score.hpp"
#include "techconv/weighting/top_k.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {

/// \brief Throws std::runtime_error with MPI's message when `rc` is not MPI_SUCCESS.
/// (With MPI's default error handler, errors abort before returning.)
inline void check(int rc, const char* what) {
    if (rc == MPI_SUCCESS) return;
    char msg[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, msg, &len);
    techconv::detail::throw_error<std::runtime_error>(std::string("techconv mpi: ") + what + ": " +
                                                      std::string(msg, static_cast<std::size_t>(len)));
}

/// \brief This process's rank in `comm`.
inline int rank(MPI_Comm comm) {
    int r = 0;
    check(MPI_Comm_rank(comm, &r), "MPI_Comm_rank");
    return r;
}

/// \brief Number of processes in `comm`.
inline int size(MPI_Comm comm) {
    int s = 0;
    check(MPI_Comm_size(comm, &s), "MPI_Comm_size");
    return s;
}

/// \brief A process's contiguous share of the global rows: [begin, end) of total.
struct row_range {
    index begin = 0;  ///< global index of the first local row
    index end = 0;    ///< one past the last local row
    index total = 0;  ///< rows over all processes
    /// Local rows.
    index rows() const noexcept { return end - begin; }
};

/// \brief The global position of each process's rows, ranks holding
/// consecutive row ranges in rank order (rank 0 first).
/// \param local_rows  rows held by this process (>= 0; may be 0)
/// \param comm        the communicator (collective call)
/// \returns this process's range and the total.
/// Complexity: one exclusive scan and one allreduce.
inline row_range global_rows(index local_rows, MPI_Comm comm) {
    techconv::detail::require(local_rows >= 0, "mpi::global_rows: negative row count");
    const auto n = static_cast<std::int64_t>(local_rows);
    std::int64_t before = 0, total = 0;
    check(MPI_Exscan(&n, &before, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Exscan");
    if (rank(comm) == 0) before = 0;  // MPI leaves rank 0's result undefined
    check(MPI_Allreduce(&n, &total, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    return row_range{static_cast<index>(before), static_cast<index>(before + n), static_cast<index>(total)};
}

namespace detail {

inline std::vector<std::int64_t> allgather_i64(std::int64_t v, MPI_Comm comm) {
    std::vector<std::int64_t> all(static_cast<std::size_t>(size(comm)));
    check(MPI_Allgather(&v, 1, MPI_INT64_T, all.data(), 1, MPI_INT64_T, comm), "MPI_Allgather");
    return all;
}

inline int to_int(std::int64_t v, const char* what) {
    techconv::detail::require(v >= 0 && v <= INT_MAX, std::string("mpi: ") + what + " exceeds INT_MAX");
    return static_cast<int>(v);
}

/// Alltoallv of `unit`-byte elements with 64-bit bookkeeping checked to fit MPI's int counts.
inline void alltoall_units(const void* send, const std::vector<std::int64_t>& scount, void* recv,
                           const std::vector<std::int64_t>& rcount, int unit, MPI_Comm comm) {
    const std::size_t p = scount.size();
    std::vector<int> sc(p), sd(p), rc(p), rd(p);
    std::int64_t so = 0, ro = 0;
    for (std::size_t r = 0; r < p; ++r) {
        sc[r] = to_int(scount[r], "elements sent to one rank");
        sd[r] = to_int(so, "send displacement");
        rc[r] = to_int(rcount[r], "elements received from one rank");
        rd[r] = to_int(ro, "receive displacement");
        so += scount[r];
        ro += rcount[r];
    }
    MPI_Datatype t;
    check(MPI_Type_contiguous(unit, MPI_BYTE, &t), "MPI_Type_contiguous");
    check(MPI_Type_commit(&t), "MPI_Type_commit");
    const int rc_ = MPI_Alltoallv(send, sc.data(), sd.data(), t, recv, rc.data(), rd.data(), t, comm);
    MPI_Type_free(&t);
    check(rc_, "MPI_Alltoallv");
}

}  // namespace detail

/// \brief Every process's bytes, in rank order, on every process.
/// \param mine  this process's message
/// \param comm  the communicator (collective call)
/// \returns one byte vector per rank.
/// \throws invalid_argument if the total exceeds INT_MAX bytes (MPI's count type).
inline std::vector<std::vector<unsigned char>> allgather_bytes(const std::vector<unsigned char>& mine, MPI_Comm comm) {
    const auto sizes = detail::allgather_i64(static_cast<std::int64_t>(mine.size()), comm);
    std::vector<int> counts(sizes.size()), displs(sizes.size());
    std::int64_t off = 0;
    for (std::size_t r = 0; r < sizes.size(); ++r) {
        counts[r] = detail::to_int(sizes[r], "message size");
        displs[r] = detail::to_int(off, "gathered bytes");
        off += sizes[r];
    }
    std::vector<unsigned char> all(static_cast<std::size_t>(off));
    check(MPI_Allgatherv(mine.data(), counts[static_cast<std::size_t>(rank(comm))], MPI_BYTE, all.data(),
                         counts.data(), displs.data(), MPI_BYTE, comm),
          "MPI_Allgatherv");
    std::vector<std::vector<unsigned char>> out(sizes.size());
    for (std::size_t r = 0; r < sizes.size(); ++r)
        out[r].assign(all.begin() + displs[r], all.begin() + displs[r] + counts[r]);
    return out;
}

/// \brief Merges a mergeable state over all processes: each serialises its
/// state (sealed, versioned), all states are exchanged, every process
/// decodes and merges them. Every process returns the same state.
/// \param mine  this process's partial state
/// \param type  its serial type tag
/// \param read  decoder: T(byte_reader&)
/// \param comm  the communicator (collective call)
/// \throws parse_error if a message does not decode (names the sending rank).
template <class T, class Read>
T allmerge(const T& mine, serial_type type, Read&& read, MPI_Comm comm) {
    const auto all = allgather_bytes(to_bytes(type, mine), comm);
    T acc{};
    for (std::size_t r = 0; r < all.size(); ++r) {
        byte_reader rd = open_sealed(all[r].data(), all[r].size(), type, "rank " + std::to_string(r));
        T part = read(rd);
        expect_end(rd);
        acc.merge(part);
    }
    return acc;
}

/// \brief This rank's rows after aligning the partition to global chunks,
/// without copying the rows that stay: rows [first, first + whole) of the
/// local matrix are used in place, and `tail` holds the last chunk (its local
/// rows followed by the rows received from the next ranks).
struct aligned_rows {
    row_range range;       ///< the new global range; range.begin is a multiple of chunk_rows
    index first = 0;       ///< row of the local matrix at global row range.begin
    index whole = 0;       ///< local rows used in place (whole chunks, or up to range.end)
    row_matrix tail;       ///< the remaining rows of the range (< chunk_rows unless a rank holds less than a chunk)
    index tail_begin = 0;  ///< global row of tail's first row
    index cols = 0;        ///< columns (agreed over all ranks)
};

/// \brief Aligns the partition to global chunks: each rank ends up holding
/// whole global chunks, in rank order.
///
/// Chunk c (rows [c * chunk_rows, (c + 1) * chunk_rows)) goes to the rank
/// that held its first row (parallel::chunk_aligned_begins); a rank that held
/// no chunk start ends up with no rows. Only the rows before a rank's first
/// chunk start move (to the previous ranks): fewer than chunk_rows per
/// boundary, unless ranks hold less than a chunk. The rows that stay are not
/// copied. Collective.
/// \param x           local rows (any storage order, float or double); a rank with no rows passes a 0 x m (or 0 x 0) matrix
/// \param chunk_rows  rows per global chunk (the single-process value)
/// \param comm        the communicator
/// \returns where this rank's aligned rows are (x must outlive the use of the result).
/// \throws invalid_argument if ranks with rows disagree on the column count.
/// Complexity: O(moved rows x m) copy and communication.
template <class Derived>
aligned_rows align_to_chunks(const Eigen::DenseBase<Derived>& x, index chunk_rows, MPI_Comm comm) {
    techconv::detail::require(chunk_rows >= 1, "mpi::align_to_chunks: chunk_rows must be >= 1");
    const row_range cur = global_rows(x.rows(), comm);
    const std::int64_t mine = x.rows() > 0 ? static_cast<std::int64_t>(x.cols()) : -1;
    std::int64_t lo = 0, hi = 0;
    const std::int64_t lo_in = mine < 0 ? INT64_MAX : mine;
    check(MPI_Allreduce(&lo_in, &lo, 1, MPI_INT64_T, MPI_MIN, comm), "MPI_Allreduce");
    check(MPI_Allreduce(&mine, &hi, 1, MPI_INT64_T, MPI_MAX, comm), "MPI_Allreduce");
    techconv::detail::require(hi < 0 || lo == hi, "mpi::align_to_chunks: ranks disagree on the column count");
    const index m = hi < 0 ? static_cast<index>(x.cols()) : static_cast<index>(hi);
    const int p = size(comm), me = rank(comm);
    const auto begins = detail::allgather_i64(static_cast<std::int64_t>(cur.begin), comm);
    std::vector<index> old_b(begins.begin(), begins.end());
    const std::vector<index> new_b = chunk_aligned_begins(old_b, cur.total, chunk_rows);
    old_b.push_back(cur.total);
    auto overlap = [](index a, index b, index c, index d) {
        return static_cast<std::int64_t>(std::max<index>(0, std::min(b, d) - std::max(a, c)));
    };
    const auto u = static_cast<std::size_t>(me);
    const index b = old_b[u], e = old_b[u + 1], nb = new_b[u], ne = new_b[u + 1];
    const index head = std::min(nb, e) - b;  // rows before the first chunk start: they move
    std::vector<std::int64_t> sc(static_cast<std::size_t>(p), 0), rc(static_cast<std::size_t>(p), 0);
    for (std::size_t r = 0; r < static_cast<std::size_t>(p); ++r) {
        if (r == u) continue;
        sc[r] = overlap(b, b + head, new_b[r], new_b[r + 1]);
        rc[r] = overlap(old_b[r], old_b[r + 1], nb, ne);
    }
    aligned_rows out;
    out.range = row_range{nb, ne, cur.total};
    out.cols = m;
    const index own = std::max<index>(0, std::min(e, ne) - nb);  // rows of the new range held here
    out.first = own > 0 ? nb - b : 0;
    out.whole = std::min(e, ne) == ne ? own : own / chunk_rows * chunk_rows;
    out.tail_begin = nb + out.whole;
    std::int64_t received = 0;
    for (const auto c : rc) received += c;
    out.tail.resize(own - out.whole + static_cast<index>(received), m);
    if (m == 0) return out;
    if (own > out.whole)
        out.tail.topRows(own - out.whole) = x.middleRows(out.first + out.whole, own - out.whole).template cast<double>();
    const row_matrix send = x.topRows(std::max<index>(0, head)).template cast<double>();
    techconv::detail::require(m * static_cast<index>(sizeof(double)) <= INT_MAX, "mpi::align_to_chunks: rows too wide");
    detail::alltoall_units(send.data(), sc, out.tail.data() + (own - out.whole) * m, rc,
                           static_cast<int>(m * static_cast<index>(sizeof(double))), comm);
    return out;
}

/// \brief Merges fn(rows, global_begin) over the in-place part and the tail
/// of aligned rows (fn returns a mergeable partial state).
template <class Derived, class Fn>
auto over_aligned(const Eigen::DenseBase<Derived>& x, const aligned_rows& a, Fn&& fn) {
    auto acc = fn(x.middleRows(a.first, a.whole), a.range.begin);
    acc.merge(fn(a.tail, a.tail_begin));
    return acc;
}

/// \brief Column statistics of all rows across ranks, bit-identical to
/// weighting::compute_column_stats over the concatenated rows (rank order)
/// with the same options and chunk_rows. Every rank returns the result.
/// \param x           local rows (consecutive global rows, rank order; any partition, zero rows allowed)
/// \param comm        the communicator (collective call)
/// \param opts        what to accumulate
/// \param chunk_rows  rows per chunk (the single-process value)
/// \param threads     worker threads per rank
/// Complexity: one read of the local rows; communication: the boundary rows
/// and one allgather of the serial partial states.
template <class Derived>
weighting::column_stats global_column_stats(const Eigen::DenseBase<Derived>& x, MPI_Comm comm,
                                            const weighting::column_stats_options& opts = {},
                                            index chunk_rows = index{1} << 16, int threads = 1) {
    const aligned_rows a = align_to_chunks(x, chunk_rows, comm);
    const column_stats_partial mine = over_aligned(x, a, [&](const auto& rows, index begin) {
        return partial_column_stats(rows, begin, opts, chunk_rows, threads);
    });
    return allmerge(mine, serial_type::column_stats_partial, column_stats_partial::read, comm).finish();
}

/// \brief The entropy weight method over rows partitioned across ranks.
///
/// Formula and policies: weighting::entropy_weights ([KCT] section 1.1).
/// The ranks align their rows to global chunks, compute the per-chunk
/// partial states the single-process code computes, exchange their serial
/// forms and reduce them in chunk order, so the result is identical, bit for
/// bit, to weighting::entropy_weights(all rows, opts) on every rank.
/// \param x     local rows (consecutive global rows in rank order; any partition, zero rows allowed)
/// \param comm  the communicator (collective call)
/// \param opts  as weighting::entropy_weights (threads: per rank; chunk_rows: the global chunking)
/// \returns the weights, identical on every rank.
/// \throws as weighting::entropy_weights (row numbers are global).
/// Degenerate input: as weighting::entropy_weights.
/// Complexity: as weighting::entropy_weights on the local rows, plus the
/// boundary rows and two allgathers of partial states (O(chunks x m) bytes
/// for real-valued data, O(m x distinct values) for counts).
template <class Derived>
weighting::entropy_result entropy_weights(const Eigen::DenseBase<Derived>& x, MPI_Comm comm,
                                          const weighting::entropy_options& opts = {}) {
    const aligned_rows a = align_to_chunks(x, opts.chunk_rows, comm);
    weighting::detail::check_entropy_options(opts, a.cols);
    const column_stats_partial mine = over_aligned(x, a, [&](const auto& rows, index begin) {
        return partial_column_stats(rows, begin, weighting::detail::entropy_stats_options(opts), opts.chunk_rows,
                                    opts.threads);
    });
    const weighting::column_stats st =
        allmerge(mine, serial_type::column_stats_partial, column_stats_partial::read, comm).finish();
    chunk_sums pass;
    if (entropy_needs_pass(st, opts)) {
        const chunk_sums local = over_aligned(
            x, a, [&](const auto& rows, index begin) { return partial_entropy_pass(rows, begin, st, opts); });
        pass = allmerge(local, serial_type::chunk_sums, chunk_sums::read, comm);
    }
    return entropy_from_partials(st, pass, opts);
}

namespace detail {

template <class Derived>
weighting::column_stats objective_global_stats(const Eigen::DenseBase<Derived>& x, const aligned_rows& a,
                                               const weighting::objective_options& opts, MPI_Comm comm) {
    const column_stats_partial mine = over_aligned(x, a, [&](const auto& rows, index begin) {
        return partial_column_stats(rows, begin, weighting::detail::objective_stats_options(), opts.chunk_rows,
                                    opts.threads);
    });
    return allmerge(mine, serial_type::column_stats_partial, column_stats_partial::read, comm).finish();
}

}  // namespace detail

/// \brief Standard-deviation weights over partitioned rows, bit-identical to
/// weighting::std_dev_weights(all rows, opts). Collective.
/// \param x     local rows; \param comm the communicator; \param opts as the single-process call
/// Complexity: one read of the local rows, one allgather of partial states.
template <class Derived>
weighting::objective_result std_dev_weights(const Eigen::DenseBase<Derived>& x, MPI_Comm comm,
                                            const weighting::objective_options& opts = {}) {
    return weighting::std_dev_weights(
        detail::objective_global_stats(x, align_to_chunks(x, opts.chunk_rows, comm), opts, comm), opts);
}

/// \brief Coefficient-of-variation weights over partitioned rows, bit-identical
/// to weighting::cv_weights(all rows, opts). Collective.
/// \param x     local rows; \param comm the communicator; \param opts as the single-process call
template <class Derived>
weighting::objective_result cv_weights(const Eigen::DenseBase<Derived>& x, MPI_Comm comm,
                                       const weighting::objective_options& opts = {}) {
    return weighting::cv_weights(detail::objective_global_stats(x, align_to_chunks(x, opts.chunk_rows, comm), opts, comm),
                                 opts);
}

/// \brief CRITIC weights over partitioned rows, bit-identical to
/// weighting::critic_weights(all rows, opts). Collective.
/// \param x     local rows; \param comm the communicator; \param opts as the single-process call
/// Complexity: two reads of the local rows; two allgathers (the second O(chunks x m^2) doubles).
template <class Derived>
weighting::objective_result critic_weights(const Eigen::DenseBase<Derived>& x, MPI_Comm comm,
                                           const weighting::objective_options& opts = {}) {
    const aligned_rows a = align_to_chunks(x, opts.chunk_rows, comm);
    const weighting::column_stats st = detail::objective_global_stats(x, a, opts, comm);
    const chunk_sums local = over_aligned(
        x, a, [&](const auto& rows, index begin) { return partial_cross_products(rows, begin, st, opts); });
    const chunk_sums cross = allmerge(local, serial_type::chunk_sums, chunk_sums::read, comm);
    return critic_from_partials(st, cross, opts);
}

/// \brief MEREC weights over partitioned rows, bit-identical to
/// weighting::merec_weights(all rows, opts). Collective.
/// \param x     local rows (all > 0); \param comm the communicator; \param opts as the single-process call
/// \throws invalid_argument on a value <= 0 (naming the global row).
template <class Derived>
weighting::objective_result merec_weights(const Eigen::DenseBase<Derived>& x, MPI_Comm comm,
                                          const weighting::objective_options& opts = {}) {
    const aligned_rows a = align_to_chunks(x, opts.chunk_rows, comm);
    const weighting::column_stats st = detail::objective_global_stats(x, a, opts, comm);
    const chunk_sums local =
        over_aligned(x, a, [&](const auto& rows, index begin) { return partial_merec(rows, begin, st, opts); });
    const chunk_sums eff = allmerge(local, serial_type::chunk_sums, chunk_sums::read, comm);
    return merec_from_partials(st, eff, opts);
}

inline index_vector ranks(const Eigen::Ref<const vector>& local_scores, MPI_Comm comm);

/// \brief The exact global top k of scores spread over ranks (tie rule:
/// score descending, then global index ascending). Collective.
/// \param local_scores  this rank's scores (consecutive global records in rank order)
/// \param k             0 <= k <= total records
/// \param comm          the communicator
/// \param opts          order of the result
/// \returns indices (GLOBAL record indices), k and threshold: identical on every
///          rank to weighting::top_k(all scores, k, opts).
/// \throws invalid_argument if k is out of range or a score is NaN (global index named).
/// Complexity: O(local n + P k log k) and 16 P k bytes received per rank when
/// k <= n / P (each rank sends its local top k); otherwise the members are
/// found by global rank (mpi::ranks: 32 bytes per local record) and only the
/// k members travel (16 k bytes received per rank).
inline weighting::top_k_result top_k(const Eigen::Ref<const vector>& local_scores, index k, MPI_Comm comm,
                                     const weighting::top_k_options& opts = {}) {
    const row_range rr = global_rows(local_scores.size(), comm);
    techconv::detail::require(k >= 0 && k <= rr.total, "top_k: k must be in [0, n]");
    if (k > rr.total / size(comm)) {
        // Local top-k lists would add up to more than the data: select by global rank instead,
        // so each rank sends only its members of the top k.
        const index_vector rk = ranks(local_scores, comm);
        top_candidates t(k);
        std::uint64_t listed = 0;
        for (index i = 0; i < local_scores.size(); ++i)
            if (rk(i) <= k) {
                t.add(local_scores(i), rr.begin + i);
                ++listed;
            }
        t.add_unlisted(static_cast<std::uint64_t>(local_scores.size()) - listed);
        return allmerge(t, serial_type::top_candidates, top_candidates::read, comm).finish(opts.order);
    }
    return allmerge(partial_top_k(local_scores, rr.begin, k), serial_type::top_candidates, top_candidates::read, comm)
        .finish(opts.order);
}

/// \brief The global top fraction q: k = ceil(q n) over all ranks' records
/// (weighting::top_count), then mpi::top_k. Collective.
/// \param local_scores this rank's scores; \param q fraction in [0, 1]; \param comm the communicator; \param opts order
/// \returns as mpi::top_k.
inline weighting::top_k_result top_fraction(const Eigen::Ref<const vector>& local_scores, double q, MPI_Comm comm,
                                            const weighting::top_k_options& opts = {}) {
    const row_range rr = global_rows(local_scores.size(), comm);
    return top_k(local_scores, weighting::top_count(rr.total, q), comm, opts);
}

/// \brief Global 1-based ranks of this rank's records (score descending, then
/// global index ascending), identical to weighting::ranks(all scores) restricted
/// to the local records. Collective.
///
/// A sample sort: regular samples choose P - 1 splitters, (score, index)
/// pairs go to the rank owning their key range, each rank sorts, an
/// exclusive scan of the bucket sizes gives rank offsets, and the ranks return
/// to the records' owners. Only comparisons, so exact.
/// \param local_scores  this rank's scores (no NaN)
/// \param comm          the communicator
/// \returns one rank per local record.
/// \throws invalid_argument on a NaN score (global index named).
/// Complexity: O((n/P) log n) per rank for balanced data; communication 2 x 16 bytes per record.
inline index_vector ranks(const Eigen::Ref<const vector>& local_scores, MPI_Comm comm) {
    using pair_t = std::pair<double, std::int64_t>;
    static_assert(sizeof(pair_t) == 16, "ranks: (double, int64) pairs must be 16 bytes");
    const row_range rr = global_rows(local_scores.size(), comm);
    const int p = size(comm);
    const auto up = static_cast<std::size_t>(p);
    const index n = local_scores.size();
    std::vector<pair_t> a(static_cast<std::size_t>(n));
    for (index i = 0; i < n; ++i) {
        if (std::isnan(local_scores(i)))
            techconv::detail::throw_error<invalid_argument>("ranks: score " + std::to_string(rr.begin + i) + " is NaN");
        a[static_cast<std::size_t>(i)] = {local_scores(i), static_cast<std::int64_t>(rr.begin + i)};
    }
    const auto before = [](const pair_t& x, const pair_t& y) {
        return x.first > y.first || (x.first == y.first && x.second < y.second);
    };
    std::sort(a.begin(), a.end(), before);
    // regular samples -> splitters
    std::vector<pair_t> samples;
    if (n > 0)
        for (std::size_t j = 1; j < up; ++j) samples.push_back(a[j * static_cast<std::size_t>(n) / up]);
    const auto counts = detail::allgather_i64(static_cast<std::int64_t>(samples.size()), comm);
    std::vector<int> sc(up), sd(up);
    int total = 0;
    for (std::size_t r = 0; r < up; ++r) {
        sc[r] = detail::to_int(counts[r] * 16, "samples");
        sd[r] = total;
        total += sc[r];
    }
    std::vector<pair_t> all_samples(static_cast<std::size_t>(total / 16));
    check(MPI_Allgatherv(samples.data(), static_cast<int>(samples.size() * 16), MPI_BYTE, all_samples.data(), sc.data(),
                         sd.data(), MPI_BYTE, comm),
          "MPI_Allgatherv");
    std::sort(all_samples.begin(), all_samples.end(), before);
    std::vector<pair_t> split;
    for (std::size_t j = 1; j < up && !all_samples.empty(); ++j)
        split.push_back(all_samples[j * all_samples.size() / up]);
    // bucket of each local pair (a is sorted, so buckets are contiguous)
    std::vector<std::int64_t> send(up, 0);
    for (const auto& x : a) {
        const auto b = static_cast<std::size_t>(std::upper_bound(split.begin(), split.end(), x, before) - split.begin());
        ++send[b];
    }
    std::vector<std::int64_t> recv(up);
    check(MPI_Alltoall(send.data(), 1, MPI_INT64_T, recv.data(), 1, MPI_INT64_T, comm), "MPI_Alltoall");
    std::int64_t nrecv = 0;
    for (const auto c : recv) nrecv += c;
    std::vector<pair_t> mine(static_cast<std::size_t>(nrecv));
    detail::alltoall_units(a.data(), send, mine.data(), recv, 16, comm);
    {  // P sorted runs, one per source rank: merge them
        std::ptrdiff_t done = recv.empty() ? 0 : static_cast<std::ptrdiff_t>(recv[0]);
        for (std::size_t r = 1; r < up; ++r) {
            const auto next = done + static_cast<std::ptrdiff_t>(recv[r]);
            std::inplace_merge(mine.begin(), mine.begin() + done, mine.begin() + next, before);
            done = next;
        }
    }
    std::int64_t offset = 0;
    check(MPI_Exscan(&nrecv, &offset, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Exscan");
    if (rank(comm) == 0) offset = 0;
    // (global index, rank) back to the owners
    const auto begins = detail::allgather_i64(static_cast<std::int64_t>(rr.begin), comm);
    std::vector<std::vector<pair_t>> back(up);
    if (up == 1) back[0].reserve(mine.size());
    for (std::size_t j = 0; j < mine.size(); ++j) {
        const std::int64_t g = mine[j].second;
        const auto owner =
            static_cast<std::size_t>(std::upper_bound(begins.begin(), begins.end(), g) - begins.begin()) - 1;
        pair_t e;
        e.second = g;
        const std::int64_t rk = offset + static_cast<std::int64_t>(j) + 1;
        std::memcpy(&e.first, &rk, sizeof rk);  // the rank travels in the first 8 bytes
        back[owner].push_back(e);
    }
    std::vector<pair_t> flat;
    std::vector<std::int64_t> bsend(up), brecv(up);
    for (std::size_t r = 0; r < up; ++r) {
        bsend[r] = static_cast<std::int64_t>(back[r].size());
        flat.insert(flat.end(), back[r].begin(), back[r].end());
    }
    check(MPI_Alltoall(bsend.data(), 1, MPI_INT64_T, brecv.data(), 1, MPI_INT64_T, comm), "MPI_Alltoall");
    std::vector<pair_t> got(static_cast<std::size_t>(n));
    detail::alltoall_units(flat.data(), bsend, got.data(), brecv, 16, comm);
    index_vector out(n);
    for (const auto& e : got) {
        std::int64_t rk = 0;
        std::memcpy(&rk, &e.first, sizeof rk);
        out(static_cast<index>(e.second - rr.begin)) = static_cast<index>(rk);
    }
    return out;
}

/// \brief The [KCT] key-core pipeline over partitioned rows: entropy weights
/// (mpi::entropy_weights), the local scores, the global top fraction.
/// Collective. Every field equals weighting::key_core(all rows, opts): the
/// weighting and the top selection on every rank, the scores restricted to
/// the local rows.
/// \param x     local rows (consecutive global rows, rank order)
/// \param comm  the communicator
/// \param opts  as weighting::key_core
/// \returns weighting (global), scores (LOCAL rows), top (GLOBAL indices).
/// \throws as weighting::key_core.
template <class Derived>
weighting::key_core_result key_core(const Eigen::DenseBase<Derived>& x, MPI_Comm comm,
                                    const weighting::key_core_options& opts = {}) {
    weighting::key_core_result r;
    r.weighting = entropy_weights(x, comm, opts.entropy);
    weighting::score_options so;
    so.threads = opts.entropy.threads;
    so.chunk_rows = opts.entropy.chunk_rows;
    r.scores = weighting::scores(x, r.weighting.weights, r.weighting.map, so);
    r.top = top_fraction(r.scores, opts.fraction, comm, opts.top);
    return r;
}

/// \brief An ordered scan over the ranks: rank 0 applies `step` to the
/// identity, each next rank to the state it receives from the rank before,
/// and the last rank's state is broadcast to all. The state is formed in rank
/// (= record) order, so non-associative floating-point sums come out exactly
/// as one process forms them. Collective.
/// \param step  T(T previous): this rank's contribution
/// \param type  the state's serial type tag
/// \param read  decoder: T(byte_reader&)
/// \param comm  the communicator
/// \returns the final state, on every rank.
/// Complexity: P sequential steps; each state crosses one link, then one broadcast.
template <class T, class Step, class Read>
T ordered_scan(Step&& step, serial_type type, Read&& read, MPI_Comm comm) {
    const int r = rank(comm), p = size(comm);
    T state{};
    if (r > 0) {
        std::int64_t len = 0;
        check(MPI_Recv(&len, 1, MPI_INT64_T, r - 1, 1, comm, MPI_STATUS_IGNORE), "MPI_Recv");
        std::vector<unsigned char> buf(static_cast<std::size_t>(len));
        check(MPI_Recv(buf.data(), detail::to_int(len, "scan state"), MPI_BYTE, r - 1, 2, comm, MPI_STATUS_IGNORE),
              "MPI_Recv");
        byte_reader rd = open_sealed(buf.data(), buf.size(), type, "rank " + std::to_string(r - 1));
        state = read(rd);
        expect_end(rd);
    }
    state = step(std::move(state));
    std::vector<unsigned char> bytes;
    if (r + 1 < p || r == p - 1) bytes = to_bytes(type, state);
    if (r + 1 < p) {
        const auto len = static_cast<std::int64_t>(bytes.size());
        check(MPI_Send(&len, 1, MPI_INT64_T, r + 1, 1, comm), "MPI_Send");
        check(MPI_Send(bytes.data(), detail::to_int(len, "scan state"), MPI_BYTE, r + 1, 2, comm), "MPI_Send");
    }
    std::int64_t len = r == p - 1 ? static_cast<std::int64_t>(bytes.size()) : 0;
    check(MPI_Bcast(&len, 1, MPI_INT64_T, p - 1, comm), "MPI_Bcast");
    if (r != p - 1) bytes.assign(static_cast<std::size_t>(len), 0);
    check(MPI_Bcast(bytes.data(), detail::to_int(len, "final state"), MPI_BYTE, p - 1, comm), "MPI_Bcast");
    if (r == p - 1) return state;
    byte_reader rd = open_sealed(bytes.data(), bytes.size(), type, "rank " + std::to_string(p - 1));
    T out = read(rd);
    expect_end(rd);
    return out;
}

/// \brief Every rank's list of labels, in rank order, on every rank. Collective.
/// \param labels  this rank's labels
/// \param comm    the communicator
inline std::vector<std::vector<std::string>> allgather_labels(const std::vector<std::string>& labels, MPI_Comm comm) {
    const auto all = allgather_bytes(to_bytes(serial_type::labels, labels), comm);
    std::vector<std::vector<std::string>> per_rank;
    for (std::size_t r = 0; r < all.size(); ++r) {
        byte_reader rd = open_sealed(all[r].data(), all[r].size(), serial_type::labels, "rank " + std::to_string(r));
        per_rank.push_back(read_labels(rd));
        expect_end(rd);
    }
    return per_rank;
}

/// \brief The actor dictionary of all ranks: labels in first-appearance
/// order over the ranks' records in rank order (the ids one process reading
/// all records would assign). Collective.
/// \param local  this rank's records
/// \param comm   the communicator
inline std::vector<std::string> global_dictionary(const closeness::actor_records& local, MPI_Comm comm) {
    return merge_dictionaries(allgather_labels(local.labels(), comm));
}

/// \brief Collaboration counts over all ranks' records and their dictionary.
struct collaboration_result {
    std::vector<std::string> labels;         ///< global actor dictionary (id = position)
    closeness::collaboration_counts counts;  ///< N_i, N_ij and record counters
};

/// \brief [COOP] collaboration counts (N_i, N_ij) of records spread over
/// ranks (consecutive in rank order), identical bit for bit to
/// closeness::count_collaboration over all records, for every counting
/// mode. Collective.
///
/// The dictionary is merged first; then an ordered scan continues the counts
/// rank after rank (parallel::continue_counts), so every sum is formed in
/// record order. Reading and parsing, the costly part, stay parallel.
/// \param local  this rank's records
/// \param comm   the communicator
/// \param opts   as closeness::count_collaboration
/// \pre record ids are unique across ranks (actor_records rejects duplicates only within a rank).
/// \returns the global dictionary and counts, on every rank.
/// \throws invalid_argument as closeness::count_collaboration.
/// Complexity: O(local records) per rank plus P sequential merges of O(actors + pairs).
inline collaboration_result count_collaboration(const closeness::actor_records& local, MPI_Comm comm,
                                                const closeness::count_options& opts = {}) {
    collaboration_result out;
    out.labels = global_dictionary(local, comm);
    const closeness::actor_records rec = with_dictionary(local, out.labels);
    out.counts = ordered_scan<closeness::collaboration_counts>(
        [&](closeness::collaboration_counts before) { return continue_counts(std::move(before), rec, opts); },
        serial_type::collaboration_counts, [](byte_reader& r) { return read_collaboration_counts(r); }, comm);
    return out;
}

/// \brief Per-year collaboration panel over all ranks' records.
struct panel_result {
    std::vector<std::string> labels;        ///< global actor dictionary
    closeness::collaboration_panel panel;   ///< one collaboration_counts per year
};

/// \brief closeness::count_by_year over records spread across ranks,
/// bit-identical to the single-process panel. Collective.
/// Unset year bounds are taken from the global minimum and maximum year.
/// \param local  this rank's records
/// \param comm   the communicator
/// \param opts   as closeness::count_by_year
/// \pre record ids are unique across ranks.
/// \returns the global dictionary and panel, on every rank.
/// \throws invalid_argument if first_year > last_year.
inline panel_result count_by_year(const closeness::actor_records& local, MPI_Comm comm,
                                  const closeness::count_options& opts = {}) {
    techconv::detail::require(opts.first_year == no_year || opts.last_year == no_year || opts.first_year <= opts.last_year,
                              "count_by_year: first_year > last_year");
    panel_result out;
    out.labels = global_dictionary(local, comm);
    std::int64_t lo_in = INT64_MAX, hi_in = INT64_MIN, undated_in = 0, dated_in = 0;
    for (index r = 0; r < local.size(); ++r) {
        const year_type y = local.year(r);
        if (y == no_year) {
            ++undated_in;
            continue;
        }
        ++dated_in;
        lo_in = std::min<std::int64_t>(lo_in, y);
        hi_in = std::max<std::int64_t>(hi_in, y);
    }
    std::int64_t lo = 0, hi = 0, undated = 0, dated = 0;
    check(MPI_Allreduce(&lo_in, &lo, 1, MPI_INT64_T, MPI_MIN, comm), "MPI_Allreduce");
    check(MPI_Allreduce(&hi_in, &hi, 1, MPI_INT64_T, MPI_MAX, comm), "MPI_Allreduce");
    check(MPI_Allreduce(&undated_in, &undated, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    check(MPI_Allreduce(&dated_in, &dated, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    closeness::count_options o = opts;
    if (o.first_year == no_year || o.last_year == no_year) {
        if (dated == 0) {
            out.panel.records_without_year = static_cast<index>(undated);
            out.panel.info = status::empty_input;
            return out;
        }
        if (o.first_year == no_year) o.first_year = static_cast<year_type>(lo);
        if (o.last_year == no_year) o.last_year = static_cast<year_type>(hi);
    }
    if (o.first_year > o.last_year) {  // a single bound outside the data
        out.panel.info = status::empty_input;
        out.panel.records_without_year = static_cast<index>(undated);
        out.panel.outside_period = static_cast<index>(dated);
        return out;
    }
    const closeness::actor_records rec = with_dictionary(local, out.labels);
    out.panel = ordered_scan<closeness::collaboration_panel>(
        [&](closeness::collaboration_panel before) { return continue_panel(std::move(before), rec, o); },
        serial_type::collaboration_panel, [](byte_reader& r) { return read_collaboration_panel(r); }, comm);
    return out;
}

namespace detail {

/// Rows [b, e) of the p-th of `parts` equal code ranges of n codes.
inline std::pair<index, index> code_range(index n, int part, int parts) {
    return {n * part / parts, n * (part + 1) / parts};
}

/// Sends `bytes` to `dest` (length first; tags t and t + 1).
inline void send_bytes(const std::vector<unsigned char>& bytes, int dest, int tag, MPI_Comm comm) {
    const auto len = static_cast<std::int64_t>(bytes.size());
    check(MPI_Send(&len, 1, MPI_INT64_T, dest, tag, comm), "MPI_Send");
    check(MPI_Send(bytes.data(), to_int(len, "message"), MPI_BYTE, dest, tag + 1, comm), "MPI_Send");
}

/// Receives what send_bytes sent from `src` with tag `tag`.
inline std::vector<unsigned char> recv_bytes(int src, int tag, MPI_Comm comm) {
    std::int64_t len = 0;
    check(MPI_Recv(&len, 1, MPI_INT64_T, src, tag, comm, MPI_STATUS_IGNORE), "MPI_Recv");
    std::vector<unsigned char> buf(static_cast<std::size_t>(len));
    check(MPI_Recv(buf.data(), to_int(len, "message"), MPI_BYTE, src, tag + 1, comm, MPI_STATUS_IGNORE), "MPI_Recv");
    return buf;
}

/// Broadcasts `bytes` from `root` (resized on the other ranks).
inline void bcast_bytes(std::vector<unsigned char>& bytes, int root, MPI_Comm comm) {
    std::int64_t len = static_cast<std::int64_t>(bytes.size());
    check(MPI_Bcast(&len, 1, MPI_INT64_T, root, comm), "MPI_Bcast");
    bytes.resize(static_cast<std::size_t>(len));
    check(MPI_Bcast(bytes.data(), to_int(len, "broadcast"), MPI_BYTE, root, comm), "MPI_Bcast");
}

template <class T, class Read>
T decode(const std::vector<unsigned char>& bytes, serial_type type, Read&& read, const std::string& source) {
    byte_reader rd = open_sealed(bytes.data(), bytes.size(), type, source);
    T v = read(rd);
    expect_end(rd);
    return v;
}

}  // namespace detail

/// \brief Every rank's message to every rank: out[q] goes to rank q; returns
/// in[q], the message from rank q. Collective (one MPI_Alltoall of the sizes,
/// one MPI_Alltoallv of the bytes).
/// \throws invalid_argument if a count exceeds INT_MAX bytes.
inline std::vector<std::vector<unsigned char>> alltoall_bytes(const std::vector<std::vector<unsigned char>>& out,
                                                              MPI_Comm comm) {
    const auto p = static_cast<std::size_t>(size(comm));
    techconv::detail::require(out.size() == p, "mpi::alltoall_bytes: one message per rank");
    std::vector<std::int64_t> sc(p), rc(p);
    std::vector<unsigned char> flat;
    for (std::size_t q = 0; q < p; ++q) {
        sc[q] = static_cast<std::int64_t>(out[q].size());
        flat.insert(flat.end(), out[q].begin(), out[q].end());
    }
    check(MPI_Alltoall(sc.data(), 1, MPI_INT64_T, rc.data(), 1, MPI_INT64_T, comm), "MPI_Alltoall");
    std::int64_t total = 0;
    for (const auto c : rc) total += c;
    std::vector<unsigned char> got(static_cast<std::size_t>(total));
    detail::alltoall_units(flat.data(), sc, got.data(), rc, 1, comm);
    std::vector<std::vector<unsigned char>> in(p);
    std::size_t off = 0;
    for (std::size_t q = 0; q < p; ++q) {
        in[q].assign(got.begin() + static_cast<std::ptrdiff_t>(off), got.begin() + static_cast<std::ptrdiff_t>(off + static_cast<std::size_t>(rc[q])));
        off += static_cast<std::size_t>(rc[q]);
    }
    return in;
}

/// \brief Merges an ORDERED mergeable state (merge(later) appends the
/// records that follow) over the ranks along a binomial tree, preserving
/// rank order, then broadcasts the result. Collective.
///
/// Step s: a rank whose bit s is set sends its state (covering ranks
/// [r, r + 2^s)) to rank r - 2^s and leaves; the receiver appends it. Each
/// rank sends its state once and receives at most ceil(log2 P) states; the
/// result reaches every rank with one broadcast (O(|state|) bytes per rank
/// under MPI's large-message broadcast), instead of the P states an
/// allgather delivers to every rank.
/// \param mine  this rank's state
/// \param type  its serial type tag
/// \param read  decoder T(byte_reader&)
/// \param comm  the communicator
/// \returns the merged state, identical on every rank.
/// \throws parse_error if a message does not decode (names the sending rank).
template <class T, class Read>
T tree_allmerge(T mine, serial_type type, Read&& read, MPI_Comm comm) {
    const int r = rank(comm), p = size(comm);
    for (int mask = 1; mask < p; mask <<= 1) {
        if (r & mask) {
            detail::send_bytes(to_bytes(type, mine), r - mask, 40, comm);
            break;
        }
        if (r + mask < p)
            mine.merge(detail::decode<T>(detail::recv_bytes(r + mask, 40, comm), type, read,
                                         "rank " + std::to_string(r + mask)));
    }
    std::vector<unsigned char> bytes;
    if (r == 0) bytes = to_bytes(type, mine);
    detail::bcast_bytes(bytes, 0, comm);
    if (r == 0) return mine;
    return detail::decode<T>(bytes, type, read, "rank 0");
}

/// \brief convergence::group_profiles of all ranks' records, identical bit
/// for bit to the single-process profiles of all records in rank order.
/// Collective.
///
/// Each rank summarises its records in a parallel::profile_partial (add()
/// with the arguments of profile_table::add, in record order); the states
/// are merged in rank order along a binomial tree (tree_allmerge) and
/// finished on every rank.
/// \param local  this rank's state
/// \param comm   the communicator
/// \param opts   as group_profiles (scope must be the state's)
/// \returns the profiles, on every rank.
/// \throws invalid_argument as profile_partial::finish.
/// Complexity: communication O(state) per rank sent, O(log P) states
/// received, one broadcast; under the [KCT] scope a state holds the key-core
/// records' lists, the code dictionary and the group counts.
inline convergence::profile_result group_profiles(const profile_partial& local, MPI_Comm comm,
                                                  const convergence::profile_options& opts = {}) {
    return tree_allmerge(local, serial_type::profile_partial, profile_partial::read, comm).finish(opts);
}

/// \brief io::merge_families over records spread across ranks: afterwards
/// each rank holds the merged records of the families whose first member it
/// held, in input order, so the ranks' records in rank order equal the
/// single-process merge_families result exactly (same representatives, same
/// unions in member order, same order). Collective.
///
/// Exchange by hash of the family key: every keyed record sends (key,
/// global position) to the key's owner (parallel::family_owner); the owner
/// tells each member the home of its family (the rank holding the first
/// member); members away from home travel there in their serial form; each
/// home merges its records in global position order
/// (parallel::merge_families_at_home). Families within one rank never move.
/// \param local  this rank's records, in input order (consecutive in rank order)
/// \param comm   the communicator
/// \param opts   as io::merge_families
/// \returns this rank's merged records; input_records, merged and
///          without_key are GLOBAL totals (identical on every rank).
/// Complexity: O(local records) hashing; communication 16 bytes + key per
/// keyed record, and the serial form of each record whose family spans ranks.
inline io::family_merge_result merge_families(std::vector<io::patent_record> local, MPI_Comm comm,
                                              const io::family_options& opts = {}) {
    const int p = size(comm), me = rank(comm);
    const auto up = static_cast<std::size_t>(p);
    const row_range rr = global_rows(static_cast<index>(local.size()), comm);
    const auto b64 = detail::allgather_i64(static_cast<std::int64_t>(rr.begin), comm);
    const std::vector<index> begins(b64.begin(), b64.end());
    // 1. keys to their owners
    std::vector<std::vector<keyed_position>> to_owner(up);
    std::vector<std::size_t> keyed;  // local records with a key, in the order their keys were sent per owner
    std::vector<int> owner_of(local.size(), -1);
    std::int64_t without_key = 0;
    for (std::size_t i = 0; i < local.size(); ++i) {
        std::string key = io::family_key(local[i], opts.key);
        if (key.empty()) {
            ++without_key;
            continue;
        }
        const int o = family_owner(key, p);
        owner_of[i] = o;
        to_owner[static_cast<std::size_t>(o)].emplace_back(std::move(key), rr.begin + static_cast<index>(i));
    }
    std::vector<std::vector<unsigned char>> msg(up);
    for (std::size_t q = 0; q < up; ++q) msg[q] = to_bytes(serial_type::family_keys, to_owner[q]);
    const auto got = alltoall_bytes(msg, comm);
    std::vector<std::vector<keyed_position>> from(up);
    for (std::size_t q = 0; q < up; ++q)
        from[q] = detail::decode<std::vector<keyed_position>>(got[q], serial_type::family_keys, read_keyed_positions,
                                                              "rank " + std::to_string(q));
    // 2. the owners' answers: the home of each key sent, in the order sent
    const auto homes = family_homes(from, begins);
    for (std::size_t q = 0; q < up; ++q) {
        byte_writer w;
        w.u64(homes[q].size());
        for (const std::int32_t h : homes[q]) w.u32(static_cast<std::uint32_t>(h));
        msg[q] = seal(serial_type::family_keys, w.data());
    }
    const auto answers = alltoall_bytes(msg, comm);
    std::vector<std::vector<std::int32_t>> home_of(up);
    for (std::size_t q = 0; q < up; ++q) {
        byte_reader rd = open_sealed(answers[q].data(), answers[q].size(), serial_type::family_keys, "rank " + std::to_string(q));
        const std::uint64_t n = rd.count(4, "homes");
        if (n != to_owner[q].size()) rd.fail(error_code::bad_value, "homes", "answer count differs from the keys sent");
        for (std::uint64_t k = 0; k < n; ++k) {
            const std::uint32_t h = rd.u32("home");
            if (h >= static_cast<std::uint32_t>(p)) rd.fail(error_code::out_of_range, "home", "rank out of range");
            home_of[q].push_back(static_cast<std::int32_t>(h));
        }
        expect_end(rd);
    }
    // 3. members away from home travel there
    std::vector<std::vector<positioned_record>> away(up);
    std::vector<positioned_record> kept;
    std::vector<std::size_t> next(up, 0);
    for (std::size_t i = 0; i < local.size(); ++i) {
        int h = me;
        if (owner_of[i] >= 0) {
            const auto o = static_cast<std::size_t>(owner_of[i]);
            h = home_of[o][next[o]++];
        }
        positioned_record pr{rr.begin + static_cast<index>(i), std::move(local[i])};
        if (h == me) kept.push_back(std::move(pr));
        else away[static_cast<std::size_t>(h)].push_back(std::move(pr));
    }
    std::vector<io::patent_record>().swap(local);
    for (std::size_t q = 0; q < up; ++q) msg[q] = to_bytes(serial_type::patent_records, away[q]);
    const auto arrived = alltoall_bytes(msg, comm);
    for (std::size_t q = 0; q < up; ++q) {
        auto v = detail::decode<std::vector<positioned_record>>(arrived[q], serial_type::patent_records,
                                                                read_positioned_records, "rank " + std::to_string(q));
        for (auto& pr : v) kept.push_back(std::move(pr));
    }
    // 4. merge at home, in global order
    io::family_merge_result res = merge_families_at_home(std::move(kept), opts);
    std::int64_t mine[2] = {static_cast<std::int64_t>(res.records.size()), without_key}, all[2] = {0, 0};
    check(MPI_Allreduce(mine, all, 2, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    res.input_records = static_cast<std::size_t>(rr.total);
    res.merged = static_cast<std::size_t>(rr.total - all[0]);
    res.without_key = static_cast<std::size_t>(all[1]);
    return res;
}

/// \brief A co-occurrence matrix over all ranks' records and its code dictionary.
struct cooccurrence_result {
    std::vector<std::string> labels;  ///< code of each id, ascending (as one incidence_builder numbers them)
    cograph::sparse_matrix counts;    ///< C = A^T A: co-occurrences off the diagonal, occurrences on it
};

/// \brief Options of mpi::cooccurrence.
struct cooccurrence_mpi_options {
    index blocks_per_rank = 8;  ///< fractional counting: row blocks per rank in the pipeline (>= 1)
};

/// \brief cograph::cooccurrence over records spread across ranks (rank
/// order = record order), identical bit for bit to the single-process
/// matrix of all records, for full and fractional counting. Collective.
///
/// The code dictionaries are merged (sorted union) and each rank re-keys its
/// incidence to the global ids. Then:
/// - full counting (integer entries, exact in any order): each rank counts
///   its records (cograph::cooccurrence), splits the upper triangle into P
///   row ranges and sends range q to rank q (MPI_Alltoallv: a
///   reduce-scatter); rank q adds the P partials of its range; the final
///   ranges are allgathered. Bytes per rank: its partial out, about |C|/P
///   per partner in, and |C| in the allgather: O(|C|), not O(P |C|).
/// - fractional counting: an entry is the record-order floating-point sum of
///   1/(k - 1), which partial sums would change in the last bits. The ranks
///   continue each other's sums instead (parallel::cooccurrence_stream): the
///   rows are cut into blocks, block b goes from rank 0 to rank P - 1, each
///   rank adding its records' terms in record order, and a rank works on
///   block b while the next rank works on block b - 1 (a pipeline). The last
///   rank broadcasts the result. Bytes per rank: |C| in, |C| out, and the
///   broadcast.
/// \param local  this rank's incidence (string keys)
/// \param comm   the communicator
/// \param opts   counting and threads per rank (threads: full counting's local product)
/// \param mopts  pipeline granularity
/// \returns the global dictionary and matrix, on every rank.
/// \throws invalid_argument if mopts.blocks_per_rank < 1.
/// Complexity: as cograph::cooccurrence on the local records, plus O(|C|)
/// merging; the fractional pipeline's critical path is the slowest rank's
/// share plus (P - 1) blocks.
inline cooccurrence_result cooccurrence(const cograph::incidence<std::string>& local, MPI_Comm comm,
                                        const cograph::cooccurrence_options& opts = {},
                                        const cooccurrence_mpi_options& mopts = {}) {
    techconv::detail::require(mopts.blocks_per_rank >= 1, "mpi::cooccurrence: blocks_per_rank must be >= 1");
    const int p = size(comm), me = rank(comm);
    cooccurrence_result out;
    out.labels = merge_code_labels(allgather_labels(local.labels, comm));
    const cograph::incidence_matrix a = with_code_labels(local, out.labels);
    const auto n = static_cast<index>(out.labels.size());
    std::vector<cooccurrence_rows> blocks;
    if (opts.method == cograph::counting::full) {
        const cograph::sparse_matrix c = cograph::cooccurrence(a, opts);
        std::vector<std::vector<unsigned char>> msg(static_cast<std::size_t>(p));
        for (int q = 0; q < p; ++q) {
            const auto [b, e] = detail::code_range(n, q, p);
            msg[static_cast<std::size_t>(q)] = to_bytes(serial_type::cooccurrence_rows, cooccurrence_rows::of(c, b, e));
        }
        const auto got = alltoall_bytes(msg, comm);
        const auto [mb, me_] = detail::code_range(n, me, p);
        cooccurrence_rows mine = cooccurrence_rows::empty(mb, me_, n);
        for (int q = 0; q < p; ++q)
            mine.add(detail::decode<cooccurrence_rows>(got[static_cast<std::size_t>(q)], serial_type::cooccurrence_rows,
                                                       cooccurrence_rows::read, "rank " + std::to_string(q)));
        const auto all = allgather_bytes(to_bytes(serial_type::cooccurrence_rows, mine), comm);
        for (int q = 0; q < p; ++q)
            blocks.push_back(detail::decode<cooccurrence_rows>(all[static_cast<std::size_t>(q)], serial_type::cooccurrence_rows,
                                                               cooccurrence_rows::read, "rank " + std::to_string(q)));
    } else {
        const cooccurrence_stream stream(a, opts.method);
        const index nb = std::max<index>(1, std::min<index>(n, mopts.blocks_per_rank * p));
        for (index b = 0; b < nb; ++b) {
            const index rb = n * b / nb, re = n * (b + 1) / nb;
            cooccurrence_rows before = me == 0 ? cooccurrence_rows::empty(rb, re, n)
                                               : detail::decode<cooccurrence_rows>(detail::recv_bytes(me - 1, 50, comm),
                                                                                   serial_type::cooccurrence_rows,
                                                                                   cooccurrence_rows::read,
                                                                                   "rank " + std::to_string(me - 1));
            cooccurrence_rows after = stream.continue_rows(before);
            if (me + 1 < p) detail::send_bytes(to_bytes(serial_type::cooccurrence_rows, after), me + 1, 50, comm);
            else blocks.push_back(std::move(after));
        }
        std::vector<unsigned char> bytes;
        if (me == p - 1) {
            byte_writer w;
            w.u64(blocks.size());
            for (const auto& blk : blocks) write(w, blk);
            bytes = seal(serial_type::cooccurrence_rows, w.data());
        }
        detail::bcast_bytes(bytes, p - 1, comm);
        if (me != p - 1) {
            byte_reader rd = open_sealed(bytes.data(), bytes.size(), serial_type::cooccurrence_rows,
                                         "rank " + std::to_string(p - 1));
            const std::uint64_t k = rd.count(24, "blocks");
            for (std::uint64_t q = 0; q < k; ++q) blocks.push_back(cooccurrence_rows::read(rd));
            expect_end(rd);
        }
    }
    out.counts = assemble(blocks, n);
    return out;
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_HPP_
