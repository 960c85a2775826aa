// SPDX-License-Identifier: BSL-1.0
//
// The other objective weighting methods users compare the entropy method
// against: standard deviation, coefficient of variation, CRITIC, MEREC, and
// equal weights. Same conventions as entropy_weights: explicit options,
// constant columns get weight 0 and are listed, never a NaN.
#ifndef TECHCONV_WEIGHTING_OBJECTIVE_HPP_
#define TECHCONV_WEIGHTING_OBJECTIVE_HPP_

#include <algorithm>  // std::min
#include <cmath>    // std::sqrt, std::log, std::log1p, std::fabs
#include <cstdint>  // std::uint64_t
#include <string>   // std::string, std::to_string
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
#include "techconv/weighting/normalize.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief Options of the objective weighting methods.
struct objective_options {
    normalization norm = normalization::min_max;  ///< normalisation of x before the criterion (not used by MEREC)
    std::vector<direction> directions;            ///< one per column; empty: all benefit
    double shift = 0.0;                           ///< added after normalisation (>= 0)
    degenerate_fallback fallback = degenerate_fallback::equal_weights;  ///< when no column is informative
    int threads = 1;                              ///< worker threads (0 = all hardware threads)
    index chunk_rows = index{1} << 16;            ///< rows per chunk (parallel unit, merge order)
};

/// \brief Result of an objective weighting method.
struct objective_result {
    vector weights;    ///< w_j = c_j / sum c (sum to 1 unless fallback zero_weights)
    vector criterion;  ///< c_j: sigma_j, CV_j, C_j (CRITIC) or E_j (MEREC)
    std::vector<index> degenerate_columns;  ///< columns with no information (weight 0)
    status info = status::ok;  ///< ok, degenerate_columns, all_degenerate, too_few_records, empty_input
};

namespace detail {

inline objective_result finish_objective(vector crit, std::vector<index> degenerate, index m,
                                         std::uint64_t n, degenerate_fallback fb) {
    objective_result r;
    r.criterion = std::move(crit);
    for (const index j : degenerate) r.criterion(j) = 0.0;
    r.degenerate_columns = std::move(degenerate);
    r.weights.setZero(m);
    const double total = r.criterion.sum();
    if (m == 0 || n == 0 || n == 1 || !(total > 0.0)) {
        r.info = (m == 0 || n == 0) ? status::empty_input
                 : n == 1           ? status::too_few_records
                                    : status::all_degenerate;
        if (fb == degenerate_fallback::equal_weights && m > 0) r.weights.setConstant(m, 1.0 / static_cast<double>(m));
        return r;
    }
    r.weights = r.criterion / total;
    r.info = r.degenerate_columns.empty() ? status::ok : status::degenerate_columns;
    return r;
}

inline normalize_options to_normalize(const objective_options& o) {
    normalize_options no;
    no.method = o.norm;
    no.directions = o.directions;
    no.shift = o.shift;
    return no;
}

/// The column_stats options the objective methods use.
inline column_stats_options objective_stats_options() {
    column_stats_options so;
    so.xlogx = false;
    return so;
}

template <class Derived>
column_stats objective_stats(const Eigen::DenseBase<Derived>& x, const objective_options& o) {
    return compute_column_stats(x, objective_stats_options(), o.threads, o.chunk_rows);
}

/// Sum over rows [b, e) of v of (x - mean)(x - mean)^T, over tiles starting at b.
template <class Scalar, bool RowMajor>
matrix centred_cross_products(const dense_view<Scalar, RowMajor>& v, index b, index e, const vector& mean) {
    const index m = v.cols;
    matrix acc = matrix::Zero(m, m);
    matrix tile;
    for (index tb = b; tb < e; tb += tile_rows) {
        const index te = std::min(e, tb + tile_rows);
        tile.resize(te - tb, m);
        load_tile(v, tb, te, tile.data());
        tile.rowwise() -= mean.transpose();
        acc.noalias() += tile.transpose() * tile;
    }
    return acc;
}

/// Pearson correlations from summed centred cross products (constant columns: 0 off the diagonal).
inline matrix correlation_from_cross_products(const matrix& cov) {
    const index m = cov.rows();
    matrix r = matrix::Identity(m, m);
    for (index j = 0; j < m; ++j)
        for (index k = 0; k < m; ++k)
            if (j != k && cov(j, j) > 0.0 && cov(k, k) > 0.0) r(j, k) = cov(j, k) / std::sqrt(cov(j, j) * cov(k, k));
    return r;
}

/// MEREC reference values (min for benefit, max for cost) and constant columns.
inline vector merec_reference(const column_stats& st, const objective_options& opts, std::vector<index>& degenerate) {
    const index m = st.cols();
    check_directions(opts.directions, m, "merec_weights");
    vector ref(m);
    for (index j = 0; j < m; ++j) {
        const column_summary s = st.summary(j);
        ref(j) = direction_of(opts.directions, j) == direction::cost ? s.max : s.min;
        if (!(s.max > s.min)) degenerate.push_back(j);
    }
    return ref;
}

/// MEREC removal effects summed over rows [b, e) of v; row i is reported as row_base + i.
template <class Scalar, bool RowMajor>
vector merec_chunk(const dense_view<Scalar, RowMajor>& v, index b, index e, const vector& ref,
                   const std::vector<direction>& directions, index row_base) {
    const index m = v.cols;
    vector acc = vector::Zero(m);
    vector l(m);
    const double inv_m = 1.0 / static_cast<double>(m);
    for (index i = b; i < e; ++i) {
        double total = 0.0;
        for (index j = 0; j < m; ++j) {
            const double xv = static_cast<double>(v(i, j));
            if (!(xv > 0.0))
                techconv::detail::throw_error<invalid_argument>(
                    "merec_weights: value " + std::to_string(xv) + " at row " + std::to_string(row_base + i) +
                    ", column " + std::to_string(j) + " (0-based) is not > 0");
            const bool cost = direction_of(directions, j) == direction::cost;
            l(j) = std::fabs(std::log(cost ? xv / ref(j) : ref(j) / xv));
            total += l(j);
        }
        const double s = std::log1p(total * inv_m);
        for (index j = 0; j < m; ++j) acc(j) += std::fabs(std::log1p((total - l(j)) * inv_m) - s);
    }
    return acc;
}

/// Population standard deviation of x' per column (0 for constant columns).
inline vector normalized_sd(const column_stats& st, const normalization_map& map) {
    vector sd(st.cols());
    const double n = static_cast<double>(st.rows());
    for (index j = 0; j < st.cols(); ++j)
        sd(j) = st.rows() == 0 ? 0.0 : std::fabs(map.scale(j)) * std::sqrt(st.summary(j).m2 / n);
    return sd;
}

}  // namespace detail

/// \brief Equal weights 1/m.
/// \param m  number of columns (>= 0)
/// \returns m weights of 1/m.
/// \throws invalid_argument if m < 0.
inline vector equal_weights(index m) {
    techconv::detail::require(m >= 0, "equal_weights: m must be >= 0");
    return m == 0 ? vector() : vector::Constant(m, 1.0 / static_cast<double>(m));
}

/// \brief Standard-deviation weights from column statistics (no pass over the data).
/// \param st    statistics of every row (compute_column_stats with xlogx off, or a merged
///              distributed state); threads and chunk_rows of `opts` are not used
/// \param opts  normalisation, directions, shift, fallback
/// \returns as std_dev_weights(x, opts), bit for bit when `st` is that call's statistics.
/// \throws as make_normalization_map.
/// Complexity: O(m x distinct values).
inline objective_result std_dev_weights(const column_stats& st, const objective_options& opts = {}) {
    const normalization_map map = make_normalization_map(st, detail::to_normalize(opts));
    return detail::finish_objective(detail::normalized_sd(st, map), map.constant_columns, st.cols(), st.rows(),
                                    opts.fallback);
}

/// \brief Coefficient-of-variation weights from column statistics (no pass over the data).
/// \param st    statistics of every row (as for std_dev_weights(st, opts))
/// \param opts  normalisation, directions, shift, fallback
/// \returns as cv_weights(x, opts), bit for bit when `st` is that call's statistics.
/// \throws as make_normalization_map.
/// Complexity: O(m x distinct values).
inline objective_result cv_weights(const column_stats& st, const objective_options& opts = {}) {
    const normalization_map map = make_normalization_map(st, detail::to_normalize(opts));
    vector crit = detail::normalized_sd(st, map);
    std::vector<index> degenerate;
    for (index j = 0; j < st.cols(); ++j) {
        const double mean = st.rows() == 0 ? 0.0 : map(j, st.summary(j).mean);
        if (map.scale(j) == 0.0 || !(mean > 0.0)) {
            degenerate.push_back(j);
            crit(j) = 0.0;
        } else {
            crit(j) /= mean;
        }
    }
    return detail::finish_objective(std::move(crit), std::move(degenerate), st.cols(), st.rows(), opts.fallback);
}

/// \brief Standard-deviation weights: w_j proportional to the population
/// standard deviation of the normalised column.
///
/// Formula: `\sigma_j = \sqrt{\frac1n \sum_i (x'_{ij} - \bar x'_j)^2}`, `w_j = \sigma_j / \sum_k \sigma_k`.
/// Reference: Diakoulaki, Mavrotas, Papayannakis (1995), Computers and Operations Research 22(7), 763-770 (the SD method).
/// \param x     n records by m indicators (any storage order, float or double)
/// \param opts  normalisation (default min-max), directions, fallback
/// \returns weights and sigma_j as the criterion.
/// \throws invalid_argument on NaN/Inf or negative values where the normalisation forbids them.
/// Degenerate input: constant columns get weight 0 (listed); no informative column: fallback.
/// Complexity: O(n m), one read of x.
template <class Derived>
objective_result std_dev_weights(const Eigen::DenseBase<Derived>& x, const objective_options& opts = {}) {
    return std_dev_weights(detail::objective_stats(x, opts), opts);
}

/// \brief Coefficient-of-variation weights: w_j proportional to sigma_j / mean_j of the normalised column.
///
/// Formula: `v_j = \sigma_j / \bar x'_j`, `w_j = v_j / \sum_k v_k` (population sigma).
/// Use normalization::none for the CV of the raw values.
/// \param x     n records by m indicators
/// \param opts  normalisation (default min-max), directions, shift, fallback
/// \returns weights and v_j as the criterion.
/// \throws as std_dev_weights.
/// Degenerate input: a constant column, or one whose normalised mean is 0, gets weight 0 (listed).
/// Complexity: O(n m), one read of x.
template <class Derived>
objective_result cv_weights(const Eigen::DenseBase<Derived>& x, const objective_options& opts = {}) {
    return cv_weights(detail::objective_stats(x, opts), opts);
}

/// \brief Pearson correlation matrix of the columns (constant columns: 0
/// off the diagonal, 1 on it), accumulated over fixed chunks in chunk order.
/// \param x        n records by m indicators
/// \param opts     threads and chunking
/// \returns m x m correlations.
/// \throws invalid_argument on NaN/Inf.
/// Complexity: O(n m^2), two reads of x.
template <class Derived>
matrix correlation_matrix(const Eigen::DenseBase<Derived>& x, const objective_options& opts = {}) {
    const column_stats st = detail::objective_stats(x, opts);
    const index m = st.cols();
    vector mean(m);
    for (index j = 0; j < m; ++j) mean(j) = st.summary(j).mean;
    matrix cov = matrix::Zero(m, m);
    weighting::detail::with_view(x, [&](const auto& v) {
        const index chunks = techconv::detail::chunk_count(v.rows, opts.chunk_rows);
        std::vector<matrix> parts(static_cast<std::size_t>(chunks));
        techconv::detail::for_each_chunk(v.rows, opts.chunk_rows, opts.threads, [&](index c, index b, index e) {
            parts[static_cast<std::size_t>(c)] = detail::centred_cross_products(v, b, e, mean);
        });
        for (const matrix& p : parts) cov += p;
    });
    return detail::correlation_from_cross_products(cov);
}

namespace detail {

/// CRITIC weights from the statistics and the correlation matrix of the raw columns.
inline objective_result critic_from(const column_stats& st, const matrix& r, const objective_options& opts) {
    const normalization_map map = make_normalization_map(st, detail::to_normalize(opts));
    const vector sd = detail::normalized_sd(st, map);
    const index m = st.cols();
    vector crit = vector::Zero(m);
    for (index j = 0; j < m; ++j) {
        if (map.scale(j) == 0.0) continue;
        double conflict = 0.0;
        for (index k = 0; k < m; ++k) {
            const double sign = (map.scale(j) < 0.0) != (map.scale(k) < 0.0) ? -1.0 : 1.0;
            conflict += 1.0 - sign * r(j, k);
        }
        crit(j) = sd(j) * conflict;
    }
    return detail::finish_objective(std::move(crit), map.constant_columns, m, st.rows(), opts.fallback);
}

}  // namespace detail

/// \brief CRITIC weights (Criteria Importance Through Intercriteria Correlation).
///
/// Formula: `C_j = \sigma_j \sum_k (1 - r_{jk})` with sigma of the normalised
/// column and r the Pearson correlation of the normalised columns (a cost
/// column flips the sign of its correlations), `w_j = C_j / \sum_k C_k`.
/// Reference: Diakoulaki, Mavrotas, Papayannakis (1995), Determining objective
/// weights in multiple criteria problems: the CRITIC method, Computers and
/// Operations Research 22(7), 763-770.
/// \param x     n records by m indicators
/// \param opts  normalisation (default min-max), directions, fallback, threads
/// \returns weights and C_j as the criterion.
/// \throws as std_dev_weights.
/// Degenerate input: constant columns get weight 0 and correlation 0 with the others.
/// Complexity: O(n m^2), two reads of x.
template <class Derived>
objective_result critic_weights(const Eigen::DenseBase<Derived>& x, const objective_options& opts = {}) {
    return detail::critic_from(detail::objective_stats(x, opts), correlation_matrix(x, opts), opts);
}

/// \brief MEREC weights (Method based on the Removal Effects of Criteria).
///
/// Formula: `n_{ij} = \min_j / x_{ij}` (benefit) or `x_{ij} / \max_j` (cost);
/// `S_i = \ln(1 + \frac1m \sum_j |\ln n_{ij}|)`,
/// `S'_{ij} = \ln(1 + \frac1m \sum_{k \ne j} |\ln n_{ik}|)`,
/// `E_j = \sum_i |S'_{ij} - S_i|`, `w_j = E_j / \sum_k E_k`.
/// Reference: Keshavarz-Ghorabaee, Amiri, Zavadskas, Turskis, Antucheviciene (2021),
/// Determination of objective weights using a new method based on the removal
/// effects of criteria (MEREC), Symmetry 13(4), 525.
/// \param x     n records by m indicators, all values > 0
/// \param opts  directions, fallback, threads (norm and shift are not used)
/// \returns weights and E_j as the criterion.
/// \throws invalid_argument on a value <= 0 (naming row and column) or NaN/Inf.
/// Degenerate input: constant columns have E_j = 0, weight 0 (listed).
/// Complexity: O(n m) logarithms, two reads of x.
template <class Derived>
objective_result merec_weights(const Eigen::DenseBase<Derived>& x, const objective_options& opts = {}) {
    const column_stats st = detail::objective_stats(x, opts);
    const index m = st.cols();
    std::vector<index> degenerate;
    const vector ref = detail::merec_reference(st, opts, degenerate);
    vector crit = vector::Zero(m);
    weighting::detail::with_view(x, [&](const auto& v) {
        const index chunks = techconv::detail::chunk_count(v.rows, opts.chunk_rows);
        std::vector<vector> parts(static_cast<std::size_t>(chunks));
        techconv::detail::for_each_chunk(v.rows, opts.chunk_rows, opts.threads, [&](index c, index b, index e) {
            parts[static_cast<std::size_t>(c)] = detail::merec_chunk(v, b, e, ref, opts.directions, 0);
        });
        for (const vector& p : parts) crit += p;
    });
    return detail::finish_objective(std::move(crit), std::move(degenerate), m, st.rows(), opts.fallback);
}

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_OBJECTIVE_HPP_
