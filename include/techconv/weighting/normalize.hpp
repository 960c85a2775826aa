// SPDX-License-Identifier: BSL-1.0
//
// Per-column normalisation of an indicator matrix: min-max for benefit and
// cost indicators, sum, vector (L2) and none, with an optional shift after
// normalisation. Every method is an affine map of the raw values,
//   x'_ij = (x_ij - center_j) * scale_j + shift,
// which is what lets scores be one matrix-vector product on the raw data.
#ifndef TECHCONV_WEIGHTING_NORMALIZE_HPP_
#define TECHCONV_WEIGHTING_NORMALIZE_HPP_

#include <cmath>   // std::sqrt, std::isfinite
#include <string>  // std::string, std::to_string
#include <vector>  // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/detail/view.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief How a column is normalised before weighting and scoring.
enum class normalization : unsigned char {
    /// x' = (x - min) / (max - min) for benefit, (max - x) / (max - min) for
    /// cost: [KCT] step 1, values in [0, 1].
    min_max,
    /// x' = x / sum(x) (benefit); cost columns are reflected first:
    /// x' = (max - x) / sum(max - x). Needs x >= 0 for benefit columns.
    sum,
    /// x' = x / ||x||_2 (benefit); cost: (max - x) / ||max - x||_2. Needs x >= 0 for benefit columns.
    vector,
    /// x' = x (benefit); cost: x' = max - x. Needs x >= 0 for benefit columns.
    none,
};

/// \brief Whether larger values of an indicator are better (benefit) or worse (cost).
enum class direction : unsigned char { benefit, cost };

/// \brief Options of normalization_map / normalize.
struct normalize_options {
    normalization method = normalization::min_max;  ///< the normalisation
    std::vector<direction> directions;  ///< one per column; empty: every column is a benefit indicator
    double shift = 0.0;  ///< epsilon added to every normalised value ("translation"); >= 0
};

/// \brief The affine map x' = (x - center) * scale + shift of every column.
///
/// A constant column (max == min, or a zero norm) gets scale 0: all its
/// normalised values equal `shift`; it is listed in `constant_columns`.
struct normalization_map {
    vector center;  ///< per column: the value mapped to 0 (min, max, or 0)
    vector scale;   ///< per column: the factor (negative for reflected cost columns; 0 if constant)
    double shift = 0.0;  ///< added to every normalised value
    std::vector<index> constant_columns;  ///< columns with max == min (or no rows), ascending

    /// Number of columns.
    index size() const noexcept { return center.size(); }
    /// Normalised value of raw value x in column j.
    double operator()(index j, double x) const noexcept {
        return (x - center(j)) * scale(j) + shift;
    }
};

namespace detail {

inline direction direction_of(const std::vector<direction>& d, index j) {
    return d.empty() ? direction::benefit : d[static_cast<std::size_t>(j)];
}

inline void check_directions(const std::vector<direction>& d, index m, const char* who) {
    techconv::detail::require(d.empty() || static_cast<index>(d.size()) == m,
                              std::string(who) + ": directions must be empty or hold one entry per column (" +
                                  std::to_string(m) + ")");
}

}  // namespace detail

/// \brief Builds the normalisation map of every column from its statistics.
///
/// Formula: min-max benefit: center = min, scale = 1 / (max - min); min-max cost:
/// center = max, scale = -1 / (max - min); sum: center = 0 (benefit) or max
/// (cost), scale = +-1 / sum |x - center|; vector: scale = +-1 / sqrt(sum (x - center)^2);
/// none: scale = +-1.
/// Reference: [KCT] section 1.1 step 1 (METHODS.md section 1).
/// \param stats  statistics of the columns (column_stats)
/// \param opts   method, directions, shift
/// \pre opts.shift >= 0 and finite; directions empty or one per column.
/// \returns the map; constant columns have scale 0 and are listed.
/// \throws invalid_argument on a bad option, or when a benefit column holds a
///         negative value and the method is sum, vector or none (the message
///         names the first such row and the column).
/// Complexity: O(m + distinct values).
inline normalization_map make_normalization_map(const column_stats& stats,
                                                const normalize_options& opts = {}) {
    const index m = stats.cols();
    detail::check_directions(opts.directions, m, "normalization_map");
    techconv::detail::require(std::isfinite(opts.shift) && opts.shift >= 0.0,
                              "normalization_map: shift must be finite and >= 0");
    normalization_map map;
    map.center.setZero(m);
    map.scale.setZero(m);
    map.shift = opts.shift;
    const double n = static_cast<double>(stats.rows());
    for (index j = 0; j < m; ++j) {
        const column_summary s = stats.summary(j);
        const bool cost = detail::direction_of(opts.directions, j) == direction::cost;
        if (s.count == 0 || !(s.max > s.min)) {
            map.center(j) = s.min;
            map.constant_columns.push_back(j);
            continue;
        }
        if (!cost && opts.method != normalization::min_max && s.min < 0.0)
            weighting::detail::throw_negative("normalization_map", j, s.first_negative_row, s.min,
                                              "sum, vector and none normalisation need x >= 0 for benefit columns");
        const double sign = cost ? -1.0 : 1.0;
        switch (opts.method) {
            case normalization::min_max:
                map.center(j) = cost ? s.max : s.min;
                map.scale(j) = sign / (s.max - s.min);
                break;
            case normalization::sum: {
                map.center(j) = cost ? s.max : 0.0;
                const double total = cost ? n * s.max - s.sum : s.sum;
                map.scale(j) = sign / total;
                break;
            }
            case normalization::vector: {
                const double c = cost ? s.max : 0.0;
                const double d = s.mean - c;
                map.center(j) = c;
                map.scale(j) = sign / std::sqrt(s.m2 + n * d * d);
                break;
            }
            case normalization::none:
                map.center(j) = cost ? s.max : 0.0;
                map.scale(j) = sign;
                break;
        }
        techconv::detail::require(std::isfinite(map.scale(j)),
                                  "normalization_map: column " + std::to_string(j) +
                                      " has a norm that overflows or underflows");
    }
    return map;
}

/// \brief Writes the normalised matrix x' = (x - center) * scale + shift into `out`.
/// \param x    records by indicators (any storage order, float or double)
/// \param out  n x m output (column-major double); may not alias x
/// \param map  the map (make_normalization_map)
/// \throws invalid_argument if shapes differ.
/// Complexity: O(n m).
template <class Derived>
void normalize_into(const Eigen::DenseBase<Derived>& x, Eigen::Ref<matrix> out,
                    const normalization_map& map) {
    techconv::detail::require(x.cols() == map.size() && out.rows() == x.rows() &&
                                  out.cols() == x.cols(),
                              "normalize_into: shape mismatch");
    for (index j = 0; j < x.cols(); ++j)
        out.col(j).array() =
            (x.col(j).template cast<double>().array() - map.center(j)) * map.scale(j) + map.shift;
}

/// \brief Normalises every column of x ([KCT] step 1 and its variants).
/// \param x     records by indicators (any storage order, float or double)
/// \param opts  method, directions, shift
/// \returns the n x m normalised matrix (column-major double).
/// \throws invalid_argument on NaN/Inf (naming row and column), on a negative
///         value where the method forbids it, or on bad options.
/// Degenerate input: a constant column becomes `shift` everywhere; an empty
/// matrix gives an empty result.
/// Complexity: O(n m), two reads of x.
/// \code
/// techconv::matrix x(3, 1);
/// x << 1, 3, 5;
/// auto y = techconv::weighting::normalize(x);  // 0, 0.5, 1
/// \endcode
template <class Derived>
matrix normalize(const Eigen::DenseBase<Derived>& x, const normalize_options& opts = {}) {
    column_stats_options so;
    so.histogram = false;
    so.xlogx = false;
    const column_stats stats = compute_column_stats(x, so);
    const normalization_map map = make_normalization_map(stats, opts);
    matrix out(x.rows(), x.cols());
    normalize_into(x, out, map);
    return out;
}

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_NORMALIZE_HPP_
