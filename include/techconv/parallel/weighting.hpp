// SPDX-License-Identifier: BSL-1.0
//
// The weighting pipeline split into the steps a process runs on its own rows
// (partial states over whole global chunks) and the steps that finish from
// merged states. Transport-free: techconv/parallel/mpi.hpp moves the bytes,
// and a test can play every process in one address space.
#ifndef TECHCONV_PARALLEL_WEIGHTING_HPP_
#define TECHCONV_PARALLEL_WEIGHTING_HPP_

#include <algorithm>  // std::min
#include <cmath>      // std::isnan
#include <string>     // std::to_string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/parallel/mergeable.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/entropy.hpp"
#include "techconv/weighting/objective.hpp"
#include "techconv/weighting/partials.hpp"
#include "techconv/weighting/top_k.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace detail {

inline void require_aligned(index row_begin, index rows, index chunk_rows, const char* who) {
    techconv::detail::require(chunk_rows >= 1, std::string(who) + ": chunk_rows must be >= 1");
    techconv::detail::require(row_begin >= 0, std::string(who) + ": negative row_begin");
    techconv::detail::require(rows == 0 || row_begin % chunk_rows == 0,
                              std::string(who) + ": rows must start at a multiple of chunk_rows (global row " +
                                  std::to_string(row_begin) + ", chunk_rows " + std::to_string(chunk_rows) +
                                  "); align the partition first (mpi::align_to_chunks)");
}

/// Calls fn(global_chunk, local_begin, local_end) for the chunks of the local rows.
template <class Fn>
void for_each_local_chunk(index rows, index row_begin, index chunk_rows, int threads, Fn&& fn) {
    const index first = row_begin / chunk_rows;
    techconv::detail::for_each_chunk(rows, chunk_rows, threads,
                                     [&](index c, index b, index e) { fn(first + c, b, e); });
}

}  // namespace detail

/// \brief Where each process's rows begin once the partition is aligned to global chunks.
///
/// Rank order is kept; chunk c goes to the process that held its first row
/// (global row c x chunk_rows), so process r's new first row is the first
/// chunk start at or after its old first row (capped at the total). A process
/// that held no chunk start gets no rows.
/// \param begins      old first global row of every process, ascending (begins[0] == 0)
/// \param total       rows over all processes
/// \param chunk_rows  rows per global chunk (>= 1)
/// \returns the new first rows, one per process, then `total`.
/// Complexity: O(processes).
inline std::vector<index> chunk_aligned_begins(const std::vector<index>& begins, index total, index chunk_rows) {
    techconv::detail::require(chunk_rows >= 1, "chunk_aligned_begins: chunk_rows must be >= 1");
    std::vector<index> out;
    out.reserve(begins.size() + 1);
    for (const index b : begins) out.push_back(std::min(total, (b + chunk_rows - 1) / chunk_rows * chunk_rows));
    out.push_back(total);
    return out;
}

/// \brief Partial column statistics of local rows that start at global row
/// `row_begin`, a multiple of `chunk_rows`.
///
/// Every global chunk of the local rows is summarised alone, exactly as
/// weighting::compute_column_stats summarises it; merging the partial states
/// of all processes and calling finish() gives that function's result over
/// all rows, bit for bit (same options and chunk_rows).
/// \param x          the local rows (any storage order, float or double)
/// \param row_begin  global index of x's first row (a multiple of chunk_rows unless x has no rows)
/// \param opts       what to accumulate (weighting::stats_options_for(method options))
/// \param chunk_rows rows per global chunk (the single-process value, default 2^16)
/// \param threads    worker threads of this process
/// \pre the local rows are whole global chunks, except that the last chunk of all data may be short.
/// \returns the partial state (chunks row_begin / chunk_rows, ...).
/// \throws invalid_argument on misaligned rows or NaN/Inf (naming the global row).
/// Complexity: O(rows x cols), one read of x.
template <class Derived>
column_stats_partial partial_column_stats(const Eigen::DenseBase<Derived>& x, index row_begin,
                                          const weighting::column_stats_options& opts = {},
                                          index chunk_rows = index{1} << 16, int threads = 1) {
    detail::require_aligned(row_begin, x.rows(), chunk_rows, "partial_column_stats");
    const std::vector<weighting::column_stats> parts =
        weighting::chunk_column_stats(x, opts, chunk_rows, threads, row_begin);
    column_stats_partial p(x.cols(), opts);
    for (std::size_t c = 0; c < parts.size(); ++c) p.add_chunk(row_begin / chunk_rows + static_cast<index>(c), parts[c]);
    return p;
}

/// \brief Whether the entropy method needs a second pass over the data for
/// these statistics (real-valued columns the statistics cannot finish).
inline bool entropy_needs_pass(const weighting::column_stats& global, const weighting::entropy_options& opts = {}) {
    return weighting::entropy_plan(global, opts).pass_columns() > 0;
}

/// \brief The local part of the entropy method's second pass (sums of x' ln x'
/// and x' per global chunk, for the columns the statistics cannot finish).
/// \param x          the local rows, aligned as for partial_column_stats
/// \param row_begin  global index of x's first row
/// \param global     the finished statistics of ALL rows
/// \param opts       as for weighting::entropy_weights (chunk_rows, threads)
/// \returns per-chunk sums (width 2 x pass columns; width 0 when no pass is needed).
/// Complexity: O(rows x pass columns) logarithms.
template <class Derived>
chunk_sums partial_entropy_pass(const Eigen::DenseBase<Derived>& x, index row_begin,
                                const weighting::column_stats& global, const weighting::entropy_options& opts = {}) {
    detail::require_aligned(row_begin, x.rows(), opts.chunk_rows, "partial_entropy_pass");
    const weighting::entropy_plan p(global, opts);
    const auto k = static_cast<std::size_t>(p.pass_columns());
    chunk_sums out(static_cast<index>(2 * k));
    if (k == 0) return out;
    const std::vector<double> part = p.pass_sums(x);
    const std::size_t chunks = part.size() / (2 * k);
    for (std::size_t c = 0; c < chunks; ++c)
        out.add(row_begin / opts.chunk_rows + static_cast<index>(c), part.data() + c * 2 * k);
    return out;
}

/// \brief Entropy weights from the finished statistics of all rows and the
/// merged second-pass sums (empty when entropy_needs_pass is false).
/// \returns bit for bit weighting::entropy_weights(all rows, opts).
/// \throws invalid_argument if the pass sums are missing or have the wrong width.
/// Complexity: O(m x distinct values + chunks x pass columns).
inline weighting::entropy_result entropy_from_partials(const weighting::column_stats& global, const chunk_sums& pass,
                                                       const weighting::entropy_options& opts = {}) {
    weighting::entropy_plan p(global, opts);
    const auto k = static_cast<std::size_t>(p.pass_columns());
    std::vector<double> t, s;
    if (k > 0) {
        techconv::detail::require(pass.width() == static_cast<index>(2 * k),
                                  "entropy_from_partials: the second-pass sums are missing or have the wrong width");
        const std::vector<double> tot = pass.total();
        t.assign(tot.begin(), tot.begin() + static_cast<std::ptrdiff_t>(k));
        s.assign(tot.begin() + static_cast<std::ptrdiff_t>(k), tot.end());
    }
    return std::move(p).finish(t, s);
}

/// \brief Local part of the correlation pass of CRITIC: summed centred cross
/// products per global chunk (width m x m, column-major).
/// \param x          the local rows, aligned as for partial_column_stats
/// \param row_begin  global index of x's first row
/// \param global     finished statistics of all rows (accumulated with weighting::stats_options_for(opts))
/// \param opts       chunk_rows and threads as in the single-process call
/// Complexity: O(rows x m^2).
template <class Derived>
chunk_sums partial_cross_products(const Eigen::DenseBase<Derived>& x, index row_begin,
                                  const weighting::column_stats& global, const weighting::objective_options& opts = {}) {
    detail::require_aligned(row_begin, x.rows(), opts.chunk_rows, "partial_cross_products");
    const index m = global.cols();
    vector mean(m);
    for (index j = 0; j < m; ++j) mean(j) = global.summary(j).mean;
    const std::vector<matrix> parts = weighting::chunk_cross_products(x, mean, opts);
    chunk_sums out(m * m);
    for (std::size_t c = 0; c < parts.size(); ++c) out.add(row_begin / opts.chunk_rows + static_cast<index>(c), parts[c].data());
    return out;
}

/// \brief CRITIC weights from finished statistics and merged cross products.
/// \returns bit for bit weighting::critic_weights(all rows, opts).
inline weighting::objective_result critic_from_partials(const weighting::column_stats& global, const chunk_sums& cross,
                                                        const weighting::objective_options& opts = {}) {
    const index m = global.cols();
    techconv::detail::require(cross.width() == m * m || (cross.chunks() == 0),
                              "critic_from_partials: cross products of the wrong width");
    const std::vector<double> tot = cross.chunks() == 0 ? std::vector<double>(static_cast<std::size_t>(m * m), 0.0)
                                                        : cross.total();
    const matrix cov = Eigen::Map<const matrix>(tot.data(), m, m);
    return weighting::critic_from_cross_products(global, cov, opts);
}

/// \brief Local part of MEREC: summed removal effects per global chunk (width m).
/// \param x          the local rows, aligned as for partial_column_stats (all values > 0)
/// \param row_begin  global index of x's first row
/// \param global     finished statistics of all rows
/// \param opts       directions, chunk_rows, threads
/// \throws invalid_argument on a value <= 0 (naming the global row).
template <class Derived>
chunk_sums partial_merec(const Eigen::DenseBase<Derived>& x, index row_begin, const weighting::column_stats& global,
                         const weighting::objective_options& opts = {}) {
    detail::require_aligned(row_begin, x.rows(), opts.chunk_rows, "partial_merec");
    const weighting::merec_plan plan = weighting::plan_merec(global, opts);
    const std::vector<vector> parts = weighting::chunk_merec_effects(x, plan, opts, row_begin);
    chunk_sums out(global.cols());
    for (std::size_t c = 0; c < parts.size(); ++c) out.add(row_begin / opts.chunk_rows + static_cast<index>(c), parts[c].data());
    return out;
}

/// \brief MEREC weights from finished statistics and merged removal effects.
/// \returns bit for bit weighting::merec_weights(all rows, opts).
inline weighting::objective_result merec_from_partials(const weighting::column_stats& global, const chunk_sums& effects,
                                                       const weighting::objective_options& opts = {}) {
    const index m = global.cols();
    weighting::merec_plan plan = weighting::plan_merec(global, opts);
    vector crit = vector::Zero(m);
    if (effects.chunks() > 0) {
        techconv::detail::require(effects.width() == m, "merec_from_partials: removal effects of the wrong width");
        const std::vector<double> tot = effects.total();
        crit = Eigen::Map<const vector>(tot.data(), m);
    }
    return weighting::merec_from_effects(global, std::move(plan), crit, opts);
}

/// \brief The local top-k candidates of scores whose first record is global
/// row `row_begin` (any partition: scores are per record).
/// \param local_scores  scores of the local records
/// \param row_begin     global index of the first local record
/// \param k             the GLOBAL k
/// \returns a state to merge with the other processes' states; finish() gives the global top k.
/// \throws invalid_argument on a NaN score (naming its global index).
/// Complexity: O(local n + k log k).
inline top_candidates partial_top_k(const Eigen::Ref<const vector>& local_scores, index row_begin, index k) {
    const index n = local_scores.size();
    for (index i = 0; i < n; ++i)
        if (std::isnan(local_scores(i)))
            techconv::detail::throw_error<invalid_argument>("top_k: score " + std::to_string(row_begin + i) + " is NaN");
    top_candidates t(k);
    const weighting::top_k_result r = weighting::top_k(local_scores, std::min(k, n));
    for (const index i : r.indices) t.add(local_scores(i), row_begin + i);
    t.add_unlisted(static_cast<std::uint64_t>(n - r.k));
    return t;
}

}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_WEIGHTING_HPP_
