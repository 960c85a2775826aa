// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// The weighting pipeline (statistics, entropy and the other objective weights,
// scores, the global top k, global ranks) with the rows partitioned across MPI
// ranks, bit-identical to the single-process result.
#ifndef TECHCONV_PARALLEL_MPI_WEIGHTING_HPP_
#define TECHCONV_PARALLEL_MPI_WEIGHTING_HPP_

#include <mpi.h>

#include <algorithm>  // std::sort, std::min, std::max, std::upper_bound, std::inplace_merge
#include <cmath>      // std::isnan
#include <cstdint>    // std::int64_t
#include <string>     // std::string, std::to_string
#include <utility>    // std::pair
#include <vector>     // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/parallel/mergeable.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/parallel/weighting.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/entropy.hpp"
#include "techconv/weighting/objective.hpp"
#include "techconv/weighting/partials.hpp"
#include "techconv/weighting/pipeline.hpp"
#include "techconv/weighting/score.hpp"
#include "techconv/weighting/top_k.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {

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
    weighting::check_options(opts, a.cols);
    const column_stats_partial mine = over_aligned(x, a, [&](const auto& rows, index begin) {
        return partial_column_stats(rows, begin, weighting::stats_options_for(opts), opts.chunk_rows,
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
        return partial_column_stats(rows, begin, weighting::stats_options_for(opts), opts.chunk_rows,
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

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_WEIGHTING_HPP_
