// SPDX-License-Identifier: BSL-1.0
//
// The whole [KCT] key-core pipeline in one call: column statistics ->
// entropy weights -> scores (one matrix-vector product on the raw data) ->
// the top fraction (k = ceil(q n)). Two reads of the matrix for count data.
#ifndef TECHCONV_WEIGHTING_PIPELINE_HPP_
#define TECHCONV_WEIGHTING_PIPELINE_HPP_

#include <limits>   // std::numeric_limits
#include <utility>  // std::pair
#include <vector>   // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/entropy.hpp"
#include "techconv/weighting/score.hpp"
#include "techconv/weighting/detail/score_kernel.hpp"
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/top_k.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief Options of key_core.
struct key_core_options {
    entropy_options entropy;  ///< weighting policies, threads and chunking (also used for scoring)
    double fraction = 0.05;   ///< q: the top ceil(q n) records are the key core ([KCT]: 5%)
    top_k_options top;        ///< order of the selected records
};

/// \brief Result of key_core.
struct key_core_result {
    entropy_result weighting;  ///< weights, entropies, status, normalisation map
    vector scores;             ///< s_i = sum_j w_j x'_ij for every record
    top_k_result top;          ///< the key core: k = ceil(q n) records and the threshold score
};

namespace detail {

/// \brief Scores into `out` and, in the same pass, the records that can be
/// among the k best (scores >= a sampled bound); then the selection from
/// those candidates. The result equals top_k over the scores. Returns false,
/// with the scores written but `top` untouched, when the caller must run
/// top_k over the scores instead (no usable bound, too few candidates, or a
/// NaN score, whose error top_k reports).
template <class Scalar, bool RowMajor>
bool scores_and_top(const dense_view<Scalar, RowMajor>& v, const linear_score& ls, double* out, index k,
                    const top_k_options& top, const score_options& so, top_k_result& r) {
    const index n = v.rows;
    const Eigen::Map<const matrix> coef(ls.coefficients.data(), v.cols, 1);
    const vector offsets = vector::Constant(1, ls.offset);
    // The sampled scores use the same terms in the same order as linear_chunk.
    const double t = k == 0 ? -std::numeric_limits<double>::infinity()
                            : sampled_bound(n, k, [&](index i) {
                                  double s = ls.offset;
                                  for (index j = 0; j < v.cols; ++j) {
                                      const double c = ls.coefficients(j);
                                      if (c != 0.0) s = madd(s, c, static_cast<double>(v(i, j)));
                                  }
                                  return s;
                              },
                              [&](index i) {
                                  if constexpr (RowMajor) {
                                      simd::prefetch(v.row(i));
                                  } else {
                                      for (index j = 0; j < v.cols; ++j) simd::prefetch(v.col(j) + i);
                                  }
                              });
    const bool collect = t != -std::numeric_limits<double>::infinity();
    const index chunks = techconv::detail::chunk_count(n, so.chunk_rows);
    // Candidates per chunk, concatenated in chunk order (so in index order):
    // the same list for any thread count. Kept per calling thread for reuse.
    thread_local std::vector<std::vector<std::pair<double, index>>> parts;
    if (collect && parts.size() < static_cast<std::size_t>(chunks)) parts.resize(static_cast<std::size_t>(chunks));
    std::vector<char> nan(static_cast<std::size_t>(chunks), 0);
    auto& my_parts = parts;
    techconv::detail::for_each_chunk(n, so.chunk_rows, so.threads, [&](index c, index b, index e) {
        thread_local std::vector<double> tile;
        std::vector<std::pair<double, index>>* part = collect ? &my_parts[static_cast<std::size_t>(c)] : nullptr;
        if (part != nullptr) part->clear();
        linear_chunk(v, b, e, coef, offsets, out + b, n, tile, [&](index tb, index len) {
            if (part == nullptr) return;
            // Candidates of the range go to a scratch buffer first (written
            // without branches per lane), then to the chunk's list at once.
            thread_local std::vector<std::pair<double, index>> found;
            if (found.size() < static_cast<std::size_t>(len)) found.resize(static_cast<std::size_t>(len));
            bool has_nan = false;
            auto* end = scores_at_least(out + tb, len, tb, t, found.data(), has_nan);
            if (has_nan) nan[static_cast<std::size_t>(c)] = 1;
            part->insert(part->end(), found.data(), end);
        });
    });
    if (!collect) return false;
    std::size_t total = 0;
    for (index c = 0; c < chunks; ++c) {
        if (nan[static_cast<std::size_t>(c)] != 0) return false;
        total += parts[static_cast<std::size_t>(c)].size();
    }
    if (total < static_cast<std::size_t>(k)) return false;
    thread_local std::vector<std::pair<double, index>> cand;
    cand.clear();
    cand.reserve(total);
    for (index c = 0; c < chunks; ++c) {
        auto& p = parts[static_cast<std::size_t>(c)];
        cand.insert(cand.end(), p.begin(), p.end());
    }
    r = top_k_result{};
    r.k = k;
    finish_top(cand, k, top.order, r, so.threads);
    return true;
}

}  // namespace detail

/// \brief Runs the [KCT] pipeline into `out`, reusing its score storage.
/// \param x     n records by m indicators (row- or column-major, float or double)
/// \param out   result; out.scores is resized only if its size differs from n
/// \param opts  policies; the defaults reproduce [KCT] (min-max, 0 ln 0 = 0, q = 0.05)
/// \throws as entropy_weights and top_fraction.
/// Complexity: O(n m) plus expected O(k) for the selection, whose candidates
/// are collected during the score pass; two reads of x for count data (one
/// for the statistics, one for the scores). The calling thread keeps O(k)
/// scratch for the candidates between calls.
template <class Derived>
void key_core_into(const Eigen::DenseBase<Derived>& x, key_core_result& out,
                   const key_core_options& opts = {}) {
    out.weighting = entropy_weights(x, opts.entropy);
    if (out.scores.size() != x.rows()) out.scores.resize(x.rows());
    score_options so;
    so.threads = opts.entropy.threads;
    so.chunk_rows = opts.entropy.chunk_rows;
    const index k = top_count(x.rows(), opts.fraction);
    const bool fused = weighting::detail::with_view(x, [&](const auto& v) {
        return detail::scores_and_top(v, make_linear_score(out.weighting.weights, out.weighting.map),
                                      out.scores.data(), k, opts.top, so, out.top);
    });
    if (!fused) out.top = top_k(out.scores, k, opts.top);
}

/// \brief The [KCT] key-core pipeline: entropy weights, scores, top fraction.
///
/// Formula: METHODS.md section 1, steps 1-6; k = ceil(q n).
/// Reference: Liu, Liu, Zhang, Gao (2024), [KCT] section 1.1 and Table 2.
/// \param x     n records by m indicators
/// \param opts  policies
/// \returns weights, scores, and the selected records.
/// \throws as entropy_weights and top_fraction.
/// Degenerate input: as entropy_weights (fallback weights give defined scores).
/// Complexity: as key_core_into.
/// \code
/// auto r = techconv::weighting::key_core(x);  // r.top.indices: the top 5%, best first
/// \endcode
/// \sa entropy_weights, scores, top_fraction
template <class Derived>
key_core_result key_core(const Eigen::DenseBase<Derived>& x, const key_core_options& opts = {}) {
    key_core_result r;
    key_core_into(x, r, opts);
    return r;
}

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_PIPELINE_HPP_
