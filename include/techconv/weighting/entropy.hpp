// SPDX-License-Identifier: BSL-1.0
//
// The entropy weight method of [KCT] section 1.1, with every policy explicit:
// normalisation before the entropy (min-max, the paper's order, or sum: p
// from the raw values), the 0 ln 0 = 0 convention or a shift, per-column
// direction, the fallback when no column carries information.
#ifndef TECHCONV_WEIGHTING_ENTROPY_HPP_
#define TECHCONV_WEIGHTING_ENTROPY_HPP_

#include <algorithm>  // std::clamp
#include <cmath>      // std::log, std::isfinite
#include <cstdint>    // std::uint64_t
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/detail/xlogx.hpp"
#include "techconv/weighting/normalize.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief How zero proportions enter the entropy.
enum class zero_policy : unsigned char {
    /// 0 ln 0 = 0 (the limit; [KCT] and METHODS.md step 3). No shift.
    zero_log_zero,
    /// "Translation": add entropy_options::epsilon to every normalised value,
    /// so no proportion is 0. The shifted values are also what is scored.
    shift,
};

/// \brief Weights returned when no column carries information (every column
/// constant, n < 2, or no rows).
enum class degenerate_fallback : unsigned char {
    equal_weights,  ///< 1/m for every column (weights still sum to 1)
    zero_weights,   ///< 0 for every column
};

/// \brief How the sum of x' ln x' of a column is obtained.
enum class entropy_path : unsigned char {
    /// Integer-valued columns: from the exact histogram of distinct values
    /// (one logarithm per distinct value); other columns: one logarithm per element.
    automatic,
    /// One logarithm per element for every column (the textbook loop).
    per_element,
};

/// \brief Options of entropy_weights.
///
/// [KCT] is reproduced by the defaults: min-max normalisation before the
/// entropy, 0 ln 0 = 0, all indicators benefit.
struct entropy_options {
    /// min_max: p = x'/sum x' with x' min-max normalised (the paper's order);
    /// sum: p = x/sum x from the raw values (no min-max); vector and none give
    /// the same p as sum for benefit columns.
    normalization norm = normalization::min_max;
    std::vector<direction> directions;  ///< one per column; empty: all benefit
    zero_policy zeros = zero_policy::zero_log_zero;  ///< 0 ln 0 = 0, or shift by epsilon
    double epsilon = 1e-4;  ///< the shift when zeros == zero_policy::shift (> 0)
    degenerate_fallback fallback = degenerate_fallback::equal_weights;  ///< when nothing is informative
    entropy_path path = entropy_path::automatic;  ///< histogram for counts, or a log per element
    int threads = 1;                      ///< worker threads (0 = all hardware threads)
    index chunk_rows = index{1} << 16;    ///< rows per chunk: the unit of parallel work and of merging
};

/// \brief Result of entropy_weights.
struct entropy_result {
    vector weights;     ///< w_j = d_j / sum d (sum to 1 unless fallback zero_weights)
    vector entropy;     ///< e_j in [0, 1]; 1 for degenerate columns
    vector divergence;  ///< d_j = 1 - e_j (0 for degenerate columns)
    std::vector<index> degenerate_columns;  ///< constant columns: weight 0 (ascending)
    status info = status::ok;  ///< ok, degenerate_columns, all_degenerate, too_few_records or empty_input
    normalization_map map;     ///< the x' used, for scoring (scores(), key_core())
    index histogram_columns = 0;  ///< columns whose entropy came from histograms only
    index data_reads = 1;         ///< reads of the data needed (1, or 2 when a log pass was needed)
};

namespace detail {

inline void check_entropy_options(const entropy_options& o, index m) {
    check_directions(o.directions, m, "entropy_weights");
    techconv::detail::require(o.zeros != zero_policy::shift ||
                                  (std::isfinite(o.epsilon) && o.epsilon > 0.0),
                              "entropy_weights: epsilon must be finite and > 0 with zero_policy::shift");
    techconv::detail::require(o.chunk_rows >= 1, "entropy_weights: chunk_rows must be >= 1");
}

/// The column_stats options an entropy computation needs.
inline column_stats_options entropy_stats_options(const entropy_options& o) {
    column_stats_options s;
    s.histogram = o.path == entropy_path::automatic;
    bool any_benefit = o.directions.empty();
    for (const direction d : o.directions) any_benefit = any_benefit || d == direction::benefit;
    // x ln x of the raw values helps only when x' = x * scale (no shift, benefit).
    s.xlogx = o.zeros == zero_policy::zero_log_zero && any_benefit;
    s.m2 = false;  // the entropy needs min, max, sums and x ln x only
    return s;
}

/// What is known after the statistics pass.
struct entropy_plan {
    normalization_map map;
    vector t;  // per column: K = sum x' ln(x'/mu) (kl[j]) or T = sum x' ln x'
    vector s;  // sum of x' per column
    std::vector<char> kl;  // t(j) holds K (divergence form, mu = S/n known beforehand)
    std::vector<index> pass;  // columns that need a log pass over the data
    std::uint64_t n = 0;
    index histogram_columns = 0;
};

inline entropy_plan plan_entropy(const column_stats& st, const entropy_options& o) {
    check_entropy_options(o, st.cols());
    normalize_options no;
    no.method = o.norm;
    no.directions = o.directions;
    no.shift = o.zeros == zero_policy::shift ? o.epsilon : 0.0;
    entropy_plan p;
    p.map = make_normalization_map(st, no);
    const index m = st.cols();
    p.n = st.rows();
    p.t.setZero(m);
    p.s.setZero(m);
    p.kl.assign(static_cast<std::size_t>(m), 0);
    const normalization_map& mp = p.map;
    const double n = static_cast<double>(p.n);
    for (index j = 0; j < m; ++j) {
        if (mp.scale(j) == 0.0) continue;  // constant: no entropy needed
        const column_summary cs = st.summary(j);
        const double c = mp.center(j), sc = mp.scale(j), sh = mp.shift;
        p.s(j) = sc * (cs.sum - n * c) + n * sh;
        const real_moments& rp = st.real_part(j);
        if (rp.count == 0) {
            // Divergence form: sum y ln(y / mu), mu = S / n. Each term is exact
            // to rounding, so d = 1 - e keeps its digits when e is near 1.
            const double inv_mu = n / p.s(j);
            double k = 0.0;
            st.histogram(j).for_each([&](double v, std::uint64_t cnt) {
                const double y = (v - c) * sc + sh;
                if (y > 0.0) k += static_cast<double>(cnt) * (y * std::log(y * inv_mu));
            });
            p.t(j) = k;
            p.kl[static_cast<std::size_t>(j)] = 1;
            ++p.histogram_columns;
            continue;
        }
        double t = 0.0;
        st.histogram(j).for_each([&](double v, std::uint64_t cnt) {
            t += static_cast<double>(cnt) * xlogx((v - c) * sc + sh);
        });
        if (st.options().xlogx && c == 0.0 && sh == 0.0 && sc > 0.0 && rp.min >= 0.0) {
            // sum (sc x) ln (sc x) = sc sum x ln x + sc ln sc sum x  (x >= 0)
            t += sc * rp.xlogx + sc * std::log(sc) * rp.sum;
        } else {
            p.pass.push_back(j);
            continue;
        }
        p.t(j) = t;
    }
    return p;
}

/// Sums of x' ln x' and x' over rows [b, e) for the plan's pass columns.
template <class Scalar, bool RowMajor>
void entropy_pass_chunk(const dense_view<Scalar, RowMajor>& v, index b, index e,
                        const entropy_plan& p, double* t_out, double* s_out,
                        std::vector<double>& tile) {
    for_each_tile(v, b, e, tile, [&](index, index len, const auto& col) {
        for (std::size_t k = 0; k < p.pass.size(); ++k) {
            const index j = p.pass[k];
            const double c = p.map.center(j), sc = p.map.scale(j), sh = p.map.shift;
            const double inv_mu = static_cast<double>(p.n) / p.s(j);  // S from the statistics
            // summation order independent of the address of the tile
            affine_xlogx_sums(col(j), len, c, sc, sh, inv_mu, t_out[k], s_out[k]);
        }
    });
}

/// Stores the sums of the log pass (divergence form) in the plan.
inline void apply_pass(entropy_plan& p, const std::vector<double>& t, const std::vector<double>& s) {
    for (std::size_t q = 0; q < p.pass.size(); ++q) {
        p.t(p.pass[q]) = t[q];
        p.s(p.pass[q]) = s[q];
        p.kl[static_cast<std::size_t>(p.pass[q])] = 1;
    }
}

/// Runs the log pass over x for the plan's pass columns (chunk-order reduction).
template <class Scalar, bool RowMajor>
void run_entropy_pass(const dense_view<Scalar, RowMajor>& v, entropy_plan& p, int threads,
                      index chunk_rows) {
    if (p.pass.empty()) return;
    const std::size_t k = p.pass.size();
    const index chunks = techconv::detail::chunk_count(v.rows, chunk_rows);
    std::vector<double> part(static_cast<std::size_t>(chunks) * 2 * k, 0.0);
    techconv::detail::for_each_chunk(v.rows, chunk_rows, threads, [&](index c, index b, index e) {
        thread_local std::vector<double> tile;
        double* t = part.data() + static_cast<std::size_t>(c) * 2 * k;
        entropy_pass_chunk(v, b, e, p, t, t + k, tile);
    });
    std::vector<double> t(k, 0.0), s(k, 0.0);
    for (index c = 0; c < chunks; ++c)
        for (std::size_t q = 0; q < k; ++q) {
            t[q] += part[static_cast<std::size_t>(c) * 2 * k + q];
            s[q] += part[static_cast<std::size_t>(c) * 2 * k + k + q];
        }
    apply_pass(p, t, s);
}

/// Entropies, divergences and weights from complete sums.
inline entropy_result finish_entropy(entropy_plan&& p, const entropy_options& o) {
    entropy_result r;
    const index m = p.map.size();
    r.map = std::move(p.map);
    r.histogram_columns = p.histogram_columns;
    r.data_reads = p.pass.empty() ? 1 : 2;
    r.entropy.setOnes(m);
    r.divergence.setZero(m);
    r.weights.setZero(m);
    const double n = static_cast<double>(p.n);
    index informative = 0;
    if (p.n >= 2) {
        const double ln_n = std::log(n);
        for (index j = 0; j < m; ++j) {
            if (r.map.scale(j) == 0.0 || !(p.s(j) > 0.0)) {
                r.degenerate_columns.push_back(j);
                continue;
            }
            // d ln n = ln n + sum p ln p = sum p ln(n p), p = x'/S:
            //   divergence form: (1/S) sum x' ln(x'/mu), mu = S/n;
            //   otherwise:       ln n + (1/S) sum x' ln x' - ln S.
            const double dl = p.kl[static_cast<std::size_t>(j)]
                                  ? p.t(j) / p.s(j)
                                  : ln_n + (p.t(j) / p.s(j) - std::log(p.s(j)));
            const double d = std::clamp(dl / ln_n, 0.0, 1.0);
            r.divergence(j) = d;
            r.entropy(j) = 1.0 - d;
            ++informative;
        }
    } else {
        for (index j = 0; j < m; ++j) r.degenerate_columns.push_back(j);
    }
    const double total = r.divergence.sum();
    if (m == 0 || p.n == 0 || p.n == 1 || informative == 0 || !(total > 0.0)) {
        r.info = (m == 0 || p.n == 0) ? status::empty_input
                 : p.n == 1           ? status::too_few_records
                                      : status::all_degenerate;
        if (o.fallback == degenerate_fallback::equal_weights && m > 0)
            r.weights.setConstant(m, 1.0 / static_cast<double>(m));
        return r;
    }
    r.weights = r.divergence / total;
    r.info = r.degenerate_columns.empty() ? status::ok : status::degenerate_columns;
    return r;
}

}  // namespace detail

/// \brief Entropy weights from statistics alone (no second look at the data).
///
/// Possible when every informative column is integer-valued (its histogram
/// is exact), or when x' = x * scale (benefit, no shift, and min 0 under
/// min-max) so the sum of x ln x gathered by column_stats suffices. Otherwise
/// use entropy_weights(x) or entropy_stream, which read the data once more.
/// \param stats  statistics gathered with options from entropy_stream (or
///               the defaults of column_stats_options)
/// \param opts   policies (threads and chunk_rows are not used here)
/// \returns the weights; see entropy_weights(x) for the formulas.
/// \throws invalid_argument if a column needs another pass over the data, or
///         as make_normalization_map.
/// Complexity: O(m x distinct values).
inline entropy_result entropy_weights(const column_stats& stats, const entropy_options& opts = {}) {
    detail::entropy_plan p = detail::plan_entropy(stats, opts);
    techconv::detail::require(p.pass.empty(),
                              "entropy_weights(column_stats): column " +
                                  (p.pass.empty() ? std::string() : std::to_string(p.pass.front())) +
                                  " needs a pass over the data; use entropy_stream or entropy_weights(x)");
    return detail::finish_entropy(std::move(p), opts);
}

/// \brief Entropy weight method: weights of m indicators from n records.
///
/// Formula ([KCT] section 1.1; METHODS.md section 1):
/// `x'_{ij}` normalised (options), `p_{ij} = x'_{ij} / \sum_i x'_{ij}`,
/// `e_j = -\frac{1}{\ln n}\sum_i p_{ij}\ln p_{ij}` with `0 \ln 0 = 0`,
/// `d_j = 1 - e_j`, `w_j = d_j / \sum_k d_k`.
/// Computed as `\sum_i p \ln p = T_j / S_j - \ln S_j` with
/// `T_j = \sum_i x' \ln x'` and `S_j = \sum_i x'`; for integer-valued
/// columns `T_j` comes from the exact histogram of distinct values.
/// Reference: Liu, Liu, Zhang, Gao (2024), Key core technologies of AI chips
/// from the perspective of convergence, Science and Technology Progress and
/// Policy 41(19), section 1.1.
/// \param x     n records (rows) by m indicators (columns); row- or column-major, float or double
/// \param opts  policies; the defaults reproduce [KCT]
/// \pre every value finite; with norm sum/vector/none, benefit columns >= 0.
/// \returns weights, entropies, divergences, degenerate columns, status, and the
///          normalisation map for scoring.
/// \throws invalid_argument on NaN/Inf (naming row and column, 0-based), on
///         negative values where the normalisation forbids them, or bad options.
///
/// Degenerate input (never a NaN): a constant column has e = 1, d = 0, weight 0
/// and is listed (status degenerate_columns). If no column is informative
/// (all constant: all_degenerate; n == 1: too_few_records; n == 0 or m == 0:
/// empty_input) the weights follow opts.fallback (equal 1/m by default).
/// Rounding can put e a few ulps above 1; e is clamped to [0, 1].
///
/// Complexity: O(n m): one read of x for integer-valued data (histograms) or
/// when the speculative sum of x ln x applies, otherwise two reads; one
/// logarithm per element only for real-valued columns. Memory O(m (n /
/// chunk_rows + dense_limit)). Bit-identical for any opts.threads.
/// \code
/// techconv::matrix x(4, 2);
/// x << 0, 5,  1, 5,  2, 5,  3, 5;   // column 1 is constant
/// auto r = techconv::weighting::entropy_weights(x);
/// // r.weights = (1, 0), r.info == status::degenerate_columns
/// \endcode
/// \sa entropy_stream, key_core, std_dev_weights, critic_weights
template <class Derived>
entropy_result entropy_weights(const Eigen::DenseBase<Derived>& x, const entropy_options& opts = {}) {
    detail::check_entropy_options(opts, x.cols());
    return weighting::detail::with_view(x, [&](const auto& v) {
        const column_stats st = weighting::detail::stats_of_view(
            v, detail::entropy_stats_options(opts), opts.threads, opts.chunk_rows);
        detail::entropy_plan p = detail::plan_entropy(st, opts);
        detail::run_entropy_pass(v, p, opts.threads, opts.chunk_rows);
        return detail::finish_entropy(std::move(p), opts);
    });
}

/// \brief Entropy weights written into caller storage; returns the status.
/// \param x            as entropy_weights
/// \param weights_out  m entries
/// \param opts         as entropy_weights
/// \throws as entropy_weights, and invalid_argument if weights_out has the wrong size.
template <class Derived>
status entropy_weights_into(const Eigen::DenseBase<Derived>& x, Eigen::Ref<vector> weights_out,
                            const entropy_options& opts = {}) {
    techconv::detail::require(weights_out.size() == x.cols(),
                              "entropy_weights_into: weights_out must have one entry per column");
    const entropy_result r = entropy_weights(x, opts);
    weights_out = r.weights;
    return r.info;
}

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_ENTROPY_HPP_
