// SPDX-License-Identifier: BSL-1.0
//
// The public seam of the weighting methods for callers that split the rows
// (techconv/parallel/weighting.hpp, MPI): each method's passes over the data
// as per-chunk results, and the step that finishes from their sums. Summing
// the per-chunk results of all rows in chunk order and finishing gives the
// single-process result bit for bit, because the single-process functions
// run exactly these steps over the same chunks.
#ifndef TECHCONV_WEIGHTING_PARTIALS_HPP_
#define TECHCONV_WEIGHTING_PARTIALS_HPP_

#include <cstddef>  // std::size_t
#include <utility>  // std::move
#include <vector>   // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/entropy.hpp"
#include "techconv/weighting/objective.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief The column_stats options entropy_weights accumulates with these options.
/// \param opts  the entropy options
/// \returns options with histograms (automatic path) and x ln x sums only where they help.
inline column_stats_options stats_options_for(const entropy_options& opts) {
    return detail::entropy_stats_options(opts);
}

/// \brief The column_stats options the objective methods (std_dev, cv, CRITIC,
/// MEREC) accumulate; they do not depend on the options.
inline column_stats_options stats_options_for(const objective_options& /*opts*/) {
    return detail::objective_stats_options();
}

/// \brief Checks entropy options for data with `cols` columns, as entropy_weights does first.
/// \throws invalid_argument naming the bad option (directions, epsilon, chunk_rows).
inline void check_options(const entropy_options& opts, index cols) { detail::check_entropy_options(opts, cols); }

/// \brief Column statistics of every chunk of `chunk_rows` rows of x, each
/// chunk summarised alone, exactly as compute_column_stats summarises it.
/// \param x          rows (any storage order, float or double)
/// \param opts       what to accumulate (stats_options_for the method)
/// \param chunk_rows rows per chunk (>= 1)
/// \param threads    worker threads (0 = all hardware threads)
/// \param first_row  row number of x's first row in error messages
/// \returns one column_stats per chunk, in chunk order.
/// \throws invalid_argument on NaN/Inf (naming row first_row + i) or chunk_rows < 1.
/// Complexity: O(rows x cols), one read of x.
template <class Derived>
std::vector<column_stats> chunk_column_stats(const Eigen::DenseBase<Derived>& x, const column_stats_options& opts,
                                             index chunk_rows, int threads = 1, index first_row = 0) {
    techconv::detail::require(chunk_rows >= 1, "chunk_column_stats: chunk_rows must be >= 1");
    return detail::with_view(x, [&](const auto& v) {
        const index chunks = techconv::detail::chunk_count(v.rows, chunk_rows);
        std::vector<column_stats> parts(static_cast<std::size_t>(chunks), column_stats(v.cols, opts));
        techconv::detail::for_each_chunk(v.rows, chunk_rows, threads, [&](index c, index b, index e) {
            parts[static_cast<std::size_t>(c)].add_view(v, b, e, first_row);
        });
        return parts;
    });
}

/// \brief What the entropy method knows once the statistics of ALL rows are
/// finished: the normalisation, the columns the statistics finish alone, and
/// the columns that need a second (log) pass over the data.
///
/// Use: pass_sums() over every part of the rows, add the parts' sums chunk
/// by chunk in chunk order, then finish().
class entropy_plan {
public:
    /// \brief Plans the entropy method from the finished statistics of all rows.
    /// \param global  column statistics of all rows (accumulated with stats_options_for(opts))
    /// \param opts    the entropy options
    /// \throws invalid_argument on bad options.
    entropy_plan(const column_stats& global, const entropy_options& opts)
        : plan_(detail::plan_entropy(global, opts)), opts_(opts) {}

    /// \brief Columns that need the second pass (0: finish() needs no sums).
    index pass_columns() const noexcept { return static_cast<index>(plan_.pass.size()); }

    /// \brief Second-pass sums of every chunk of x: for each chunk, the
    /// pass_columns() sums of x' ln x' and then the pass_columns() sums of x'.
    /// \param x  rows of the data the plan was made for (chunked with opts.chunk_rows, threads opts.threads)
    /// \returns chunks x (2 x pass_columns()) values, chunk-major (empty when pass_columns() is 0).
    /// Complexity: O(rows x pass columns) logarithms.
    template <class Derived>
    std::vector<double> pass_sums(const Eigen::DenseBase<Derived>& x) const {
        const std::size_t k = plan_.pass.size();
        if (k == 0) return {};
        return detail::with_view(x, [&](const auto& v) {
            const index chunks = techconv::detail::chunk_count(v.rows, opts_.chunk_rows);
            std::vector<double> part(static_cast<std::size_t>(chunks) * 2 * k, 0.0);
            techconv::detail::for_each_chunk(v.rows, opts_.chunk_rows, opts_.threads, [&](index c, index b, index e) {
                thread_local std::vector<double> tile;
                double* t = part.data() + static_cast<std::size_t>(c) * 2 * k;
                detail::entropy_pass_chunk(v, b, e, plan_, t, t + k, tile);
            });
            return part;
        });
    }

    /// \brief The entropy weights from the summed second-pass sums.
    /// \param t  per pass column, the sum over all rows of x' ln x' (ignored when pass_columns() is 0)
    /// \param s  per pass column, the sum over all rows of x'
    /// \returns bit for bit entropy_weights(all rows, opts) when the sums were added in chunk order.
    /// \throws invalid_argument if t or s has the wrong size.
    entropy_result finish(const std::vector<double>& t, const std::vector<double>& s) && {
        const std::size_t k = plan_.pass.size();
        if (k > 0) {
            techconv::detail::require(t.size() == k && s.size() == k,
                                      "entropy_plan::finish: the second-pass sums are missing or have the wrong size");
            detail::apply_pass(plan_, t, s);
        }
        return detail::finish_entropy(std::move(plan_), opts_);
    }

private:
    detail::entropy_plan plan_;
    entropy_options opts_;
};

/// \brief Summed centred cross products sum (x - mean)(x - mean)^T of every
/// chunk of x (the correlation pass of CRITIC and correlation_matrix).
/// \param x     rows
/// \param mean  per column, the mean over ALL rows
/// \param opts  chunk_rows and threads
/// \returns one m x m matrix per chunk, in chunk order.
/// Complexity: O(rows x m^2).
template <class Derived>
std::vector<matrix> chunk_cross_products(const Eigen::DenseBase<Derived>& x, const vector& mean,
                                         const objective_options& opts = {}) {
    techconv::detail::require(mean.size() == x.cols(), "chunk_cross_products: one mean per column");
    return detail::with_view(x, [&](const auto& v) {
        const index chunks = techconv::detail::chunk_count(v.rows, opts.chunk_rows);
        std::vector<matrix> parts(static_cast<std::size_t>(chunks));
        techconv::detail::for_each_chunk(v.rows, opts.chunk_rows, opts.threads, [&](index c, index b, index e) {
            parts[static_cast<std::size_t>(c)] = detail::centred_cross_products(v, b, e, mean);
        });
        return parts;
    });
}

/// \brief CRITIC weights from the finished statistics of all rows and the
/// summed centred cross products of all rows.
/// \returns bit for bit critic_weights(all rows, opts) when the cross products were added in chunk order.
/// \throws invalid_argument if cross is not m x m.
inline objective_result critic_from_cross_products(const column_stats& global, const matrix& cross,
                                                   const objective_options& opts = {}) {
    techconv::detail::require(cross.rows() == global.cols() && cross.cols() == global.cols(),
                              "critic_from_cross_products: cross products must be m x m");
    return detail::critic_from(global, detail::correlation_from_cross_products(cross), opts);
}

/// \brief MEREC's reference values (min of a benefit column, max of a cost
/// column) and constant columns, from the finished statistics of all rows.
struct merec_plan {
    vector reference;                 ///< per column, the reference value
    std::vector<index> degenerate;    ///< constant columns (weight 0)
};

/// \brief Plans MEREC from the finished statistics of all rows.
/// \throws invalid_argument on directions of the wrong length.
inline merec_plan plan_merec(const column_stats& global, const objective_options& opts = {}) {
    merec_plan p;
    p.reference = detail::merec_reference(global, opts, p.degenerate);
    return p;
}

/// \brief MEREC removal effects summed over every chunk of x.
/// \param x          rows (all values > 0)
/// \param plan       plan_merec of all rows
/// \param opts       directions, chunk_rows, threads
/// \param first_row  row number of x's first row in error messages
/// \returns one vector of m effects per chunk, in chunk order.
/// \throws invalid_argument on a value <= 0 (naming row first_row + i).
/// Complexity: O(rows x m) logarithms.
template <class Derived>
std::vector<vector> chunk_merec_effects(const Eigen::DenseBase<Derived>& x, const merec_plan& plan,
                                        const objective_options& opts = {}, index first_row = 0) {
    return detail::with_view(x, [&](const auto& v) {
        const index chunks = techconv::detail::chunk_count(v.rows, opts.chunk_rows);
        std::vector<vector> parts(static_cast<std::size_t>(chunks));
        techconv::detail::for_each_chunk(v.rows, opts.chunk_rows, opts.threads, [&](index c, index b, index e) {
            parts[static_cast<std::size_t>(c)] =
                detail::merec_chunk(v, b, e, plan.reference, opts.directions, first_row);
        });
        return parts;
    });
}

/// \brief MEREC weights from the plan and the summed removal effects of all rows.
/// \param global   the finished statistics of all rows
/// \param plan     plan_merec(global, opts)
/// \param effects  per column, the removal effects summed over all rows
/// \returns bit for bit merec_weights(all rows, opts) when the effects were added in chunk order.
/// \throws invalid_argument if effects has the wrong size.
inline objective_result merec_from_effects(const column_stats& global, merec_plan plan, const vector& effects,
                                           const objective_options& opts = {}) {
    const index m = global.cols();
    techconv::detail::require(effects.size() == m, "merec_from_effects: one removal effect per column");
    return detail::finish_objective(effects, std::move(plan.degenerate), m, global.rows(), opts.fallback);
}

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_PARTIALS_HPP_
