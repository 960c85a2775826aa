// SPDX-License-Identifier: BSL-1.0
//
// Weighted scores s_i = sum_j w_j x'_ij ([KCT] step 5), computed as one
// matrix-vector product on the raw data: with x' = (x - c) * a + shift,
//   s_i = sum_j (w_j a_j) x_ij + sum_j w_j (shift - c_j a_j).
// No normalised copy of the matrix is ever made.
#ifndef TECHCONV_WEIGHTING_SCORE_HPP_
#define TECHCONV_WEIGHTING_SCORE_HPP_

#include <algorithm>  // std::min
#include <utility>    // std::pair
#include <vector>     // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/detail/score_kernel.hpp"
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/normalize.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief Options of the scoring functions.
struct score_options {
    int threads = 1;                    ///< worker threads (0 = all hardware threads)
    index chunk_rows = index{1} << 16;  ///< rows per unit of parallel work
};

/// \brief A linear score on raw values: s_i = offset + sum_j coefficients_j x_ij.
struct linear_score {
    vector coefficients;  ///< one per column: w_j * scale_j
    double offset = 0.0;  ///< sum_j w_j (shift - center_j * scale_j)
};

/// \brief Folds weights and a normalisation map into one linear score.
/// \param weights  one per column
/// \param map      the normalisation (make_normalization_map, entropy_result::map)
/// \returns the coefficients and offset.
/// \throws invalid_argument if sizes differ.
/// Complexity: O(m).
inline linear_score make_linear_score(const Eigen::Ref<const vector>& weights,
                                      const normalization_map& map) {
    techconv::detail::require(weights.size() == map.size(),
                              "make_linear_score: one weight per column is required");
    linear_score s;
    s.coefficients = weights.cwiseProduct(map.scale);
    for (index j = 0; j < weights.size(); ++j)
        if (weights(j) != 0.0) s.offset += weights(j) * (map.shift - map.center(j) * map.scale(j));
    return s;
}


/// \brief Several linear scores at once: out(i, g) = offsets(g) + sum_j coefficients(j, g) x(i, j).
/// \param x             n records by m indicators (any storage order, float or double)
/// \param coefficients  m x G
/// \param out           n x G output (column-major)
/// \param offsets       G constants
/// \param opts          threads, chunking
/// \throws invalid_argument on shape mismatch.
/// Complexity: O(n m G), one read of x. Bit-identical for any thread count.
template <class Derived>
void linear_scores_into(const Eigen::DenseBase<Derived>& x, const Eigen::Ref<const matrix>& coefficients,
                        Eigen::Ref<matrix> out, const Eigen::Ref<const vector>& offsets,
                        const score_options& opts = {}) {
    techconv::detail::require(coefficients.rows() == x.cols() && offsets.size() == coefficients.cols() &&
                                  out.rows() == x.rows() && out.cols() == coefficients.cols(),
                              "linear_scores_into: shape mismatch");
    weighting::detail::with_view(x, [&](const auto& v) {
        techconv::detail::for_each_chunk(v.rows, opts.chunk_rows, opts.threads, [&](index, index b, index e) {
            thread_local std::vector<double> tile;
            weighting::detail::linear_chunk(v, b, e, coefficients, offsets, out.data() + b,
                                            out.outerStride(), tile);
        });
    });
}

/// \brief Weighted scores written into caller storage (no allocation).
///
/// Formula: `s_i = \sum_j w_j x'_{ij}` with `x' = (x - c) a + \varepsilon` from `map`,
/// evaluated as `s_i = \sum_j (w_j a_j) x_{ij} + \sum_j w_j(\varepsilon - c_j a_j)`.
/// Reference: [KCT] section 1.1 step 5 (METHODS.md section 1).
/// \param x        n records by m indicators (any storage order, float or double)
/// \param weights  m weights
/// \param out      n scores
/// \param map      the normalisation used for x'
/// \param opts     threads, chunking
/// \throws invalid_argument on shape mismatch.
/// Rounding: the product form differs from summing w_j x'_ij directly by a few
/// ulps of max_j |w_j c_j a_j| (exact ties stay exact: equal rows get equal scores).
/// Complexity: O(n m), one read of x. Bit-identical for any thread count and
/// for either storage order.
template <class Derived>
void scores_into(const Eigen::DenseBase<Derived>& x, const Eigen::Ref<const vector>& weights,
                 Eigen::Ref<vector> out, const normalization_map& map, const score_options& opts = {}) {
    techconv::detail::require(out.size() == x.rows(), "scores_into: out must have one entry per row");
    const linear_score ls = make_linear_score(weights, map);
    const vector offsets = vector::Constant(1, ls.offset);
    Eigen::Map<matrix> o(out.data(), out.size(), 1);
    linear_scores_into(x, ls.coefficients, o, offsets, opts);
}

/// \brief Weighted scores s_i = sum_j w_j x'_ij ([KCT] step 5).
/// \param x        n records by m indicators
/// \param weights  m weights (e.g. entropy_result::weights)
/// \param map      the normalisation (e.g. entropy_result::map)
/// \param opts     threads, chunking
/// \returns n scores; with min-max weights summing to 1 they lie in [0, 1] up to rounding.
/// \throws invalid_argument on shape mismatch.
/// Complexity: O(n m).
/// \code
/// auto r = techconv::weighting::entropy_weights(x);
/// techconv::vector s = techconv::weighting::scores(x, r.weights, r.map);
/// \endcode
template <class Derived>
vector scores(const Eigen::DenseBase<Derived>& x, const Eigen::Ref<const vector>& weights,
              const normalization_map& map, const score_options& opts = {}) {
    vector out(x.rows());
    scores_into(x, weights, out, map, opts);
    return out;
}

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_SCORE_HPP_
