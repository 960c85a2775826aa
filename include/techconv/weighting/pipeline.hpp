// SPDX-License-Identifier: BSL-1.0
//
// The whole [KCT] key-core pipeline in one call: column statistics ->
// entropy weights -> scores (one matrix-vector product on the raw data) ->
// the top fraction (k = ceil(q n)). Two reads of the matrix for count data.
#ifndef TECHCONV_WEIGHTING_PIPELINE_HPP_
#define TECHCONV_WEIGHTING_PIPELINE_HPP_

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/entropy.hpp"
#include "techconv/weighting/score.hpp"
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

/// \brief Runs the [KCT] pipeline into `out`, reusing its score storage.
/// \param x     n records by m indicators (row- or column-major, float or double)
/// \param out   result; out.scores is resized only if its size differs from n
/// \param opts  policies; the defaults reproduce [KCT] (min-max, 0 ln 0 = 0, q = 0.05)
/// \throws as entropy_weights and top_fraction.
/// Complexity: O(n m) plus O(n + k log k) for the selection; two reads of x
/// for count data (one for the statistics, one for the scores).
template <class Derived>
void key_core_into(const Eigen::DenseBase<Derived>& x, key_core_result& out,
                   const key_core_options& opts = {}) {
    out.weighting = entropy_weights(x, opts.entropy);
    if (out.scores.size() != x.rows()) out.scores.resize(x.rows());
    score_options so;
    so.threads = opts.entropy.threads;
    so.chunk_rows = opts.entropy.chunk_rows;
    scores_into(x, out.weighting.weights, out.scores, out.weighting.map, so);
    out.top = top_fraction(out.scores, opts.fraction, opts.top);
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
