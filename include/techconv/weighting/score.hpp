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
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/detail/xlogx.hpp"
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

namespace detail {

#if defined(__AVX__)
/// madd on four lanes (dpacket is wider where AVX-512 is enabled).
inline __m256d madd4(__m256d s, __m256d c, __m256d x) noexcept {
#if defined(__FMA__)
    return _mm256_fmadd_pd(c, x, s);
#else
    return _mm256_add_pd(s, _mm256_mul_pd(c, x));
#endif
}

/// Scores of rows [b, e) of a row-major view for one coefficient vector,
/// written to out[0, e - b): four rows at a time, read in memory order and
/// transposed in registers (no tile in memory). Per score the same
/// operations in the same order as the column kernel of linear_chunk
/// (offset, then madd with c_j x_ij for every non-zero c_j in column order),
/// so the same bits. Calls after_tile(tb, len) for consecutive ranges
/// covering [b, e), in row order, at the end.
template <class Scalar, class AfterTile>
void linear_rows(const dense_view<Scalar, true>& v, index b, index e, const double* coef, double offset,
                 double* out, AfterTile&& after_tile) {
    const index m = v.cols;
    const index ld = v.outer;
    const __m256d off = _mm256_set1_pd(offset);
    const index line = index{64} / static_cast<index>(sizeof(Scalar));
    constexpr index streams = 4;
    constexpr index ahead_rows = 32;  // software prefetch distance in each part
    // Scores of the 4 rows from row i on.
    const auto four = [&](index i) {
        const Scalar* r = v.row(i);
        if (i + 4 + ahead_rows <= e)
            for (index k = 0; k < 4 * ld; k += line) prefetch(r + ahead_rows * ld + k);
        __m256d s = off;
        index j = 0;
        for (; j + 4 <= m; j += 4) {
            __m256d c[4];
            transpose4(load4(r + j), load4(r + ld + j), load4(r + 2 * ld + j), load4(r + 3 * ld + j), c);
            for (int k = 0; k < 4; ++k)
                if (coef[j + k] != 0.0) s = madd4(s, _mm256_broadcast_sd(coef + j + k), c[k]);
        }
        for (; j < m; ++j)
            if (coef[j] != 0.0) {
                const __m256d c = _mm256_setr_pd(static_cast<double>(r[j]), static_cast<double>(r[ld + j]),
                                                 static_cast<double>(r[2 * ld + j]),
                                                 static_cast<double>(r[3 * ld + j]));
                s = madd4(s, _mm256_broadcast_sd(coef + j), c);
            }
        _mm256_storeu_pd(out + (i - b), s);
    };
    // The rows go in `streams` parts read side by side: the memory system
    // fetches several streams faster than one (measured 1.5x on AMD Zen 3).
    const index q = (e - b) / (4 * streams) * 4;  // rows of every part but the last
    for (index i = 0; i < q; i += 4)
        for (index k = 0; k < streams; ++k) four(b + k * q + i);
    index i = b + (streams - 1) * q + q;
    for (; i + 4 <= e; i += 4) four(i);
    for (; i < e; ++i) {
        const Scalar* r = v.row(i);
        double s = offset;
        for (index j = 0; j < m; ++j)
            if (coef[j] != 0.0) s = madd(s, coef[j], static_cast<double>(r[j]));
        out[i - b] = s;
    }
    for (index k = 0; k + 1 < streams; ++k) after_tile(b + k * q, q);
    after_tile(b + (streams - 1) * q, e - b - (streams - 1) * q);
}
#endif

/// out[g * ld + i - b] = offsets(g) + sum_j coef(j, g) x(i, j) for i in [b, e),
/// accumulated in column order (the same arithmetic for either storage order
/// and for every position: the last partial packet is padded), one packet of
/// rows at a time in registers. Converted input (row-major, float) goes
/// through small L1-resident tiles. After each tile, calls after_tile(tb, len):
/// rows [tb, tb + len) are final.
template <class Scalar, bool RowMajor, class AfterTile>
void linear_chunk(const dense_view<Scalar, RowMajor>& v, index b, index e,
                  const Eigen::Ref<const matrix>& coef, const Eigen::Ref<const vector>& offsets,
                  double* out, index ld, std::vector<double>& tile, AfterTile&& after_tile) {
#if defined(__AVX__)
    if constexpr (RowMajor) {
        if (coef.cols() == 1) {  // (one column of a Ref: contiguous)
            linear_rows(v, b, e, coef.data(), offsets(0), out, after_tile);
            return;
        }
    }
#endif
    namespace ei = Eigen::internal;
    constexpr index w = dpacket_size;
    // The non-zero coefficients of each score, in column order.
    std::vector<std::pair<index, double>> terms;
    std::vector<index> first(static_cast<std::size_t>(coef.cols()) + 1, 0);
    for (index g = 0; g < coef.cols(); ++g) {
        for (index j = 0; j < v.cols; ++j)
            if (coef(j, g) != 0.0) terms.emplace_back(j, coef(j, g));
        first[static_cast<std::size_t>(g) + 1] = static_cast<index>(terms.size());
    }
    std::vector<const double*> cols(static_cast<std::size_t>(v.cols));
    for_each_tile(v, b, e, tile, [&](index tb, index len, const auto& col) {
        for (index j = 0; j < v.cols; ++j) cols[static_cast<std::size_t>(j)] = col(j);
        for (index g = 0; g < coef.cols(); ++g) {
            double* o = out + g * ld + (tb - b);
            const auto* t0 = terms.data() + first[static_cast<std::size_t>(g)];
            const auto* t1 = terms.data() + first[static_cast<std::size_t>(g) + 1];
            const dpacket off = ei::pset1<dpacket>(offsets(g));
            index i = 0;
            for (; i + w <= len; i += w) {
                dpacket s = off;
                for (const auto* t = t0; t != t1; ++t)
                    s = madd(s, ei::pset1<dpacket>(t->second),
                             ei::ploadu<dpacket>(cols[static_cast<std::size_t>(t->first)] + i));
                ei::pstoreu(o + i, s);
            }
            if (i < len) {
                dpacket s = off;
                for (const auto* t = t0; t != t1; ++t)
                    s = madd(s, ei::pset1<dpacket>(t->second),
                             padded_tail(cols[static_cast<std::size_t>(t->first)] + i, len - i, 0.0));
                double lanes[w];
                ei::pstoreu(lanes, s);
                for (index l = 0; l < len - i; ++l) o[i + l] = lanes[l];
            }
        }
        after_tile(tb, len);
    }, direct_columns<Scalar, RowMajor>() ? tile_rows : row_tile_rows);
}

template <class Scalar, bool RowMajor>
void linear_chunk(const dense_view<Scalar, RowMajor>& v, index b, index e,
                  const Eigen::Ref<const matrix>& coef, const Eigen::Ref<const vector>& offsets,
                  double* out, index ld, std::vector<double>& tile) {
    linear_chunk(v, b, e, coef, offsets, out, ld, tile, [](index, index) {});
}

}  // namespace detail

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
