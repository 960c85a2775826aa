// SPDX-License-Identifier: BSL-1.0
//
// Objective weights and scores of any numeric indicator table: the [KCT]
// entropy method (as analysis::key_core uses it) or CRITIC, standard
// deviation, coefficient of variation, MEREC; min-max scores, ranks and the
// top ceil(q n) rows.
#ifndef TECHCONV_ANALYSIS_TABLE_WEIGHTS_HPP_
#define TECHCONV_ANALYSIS_TABLE_WEIGHTS_HPP_

#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/normalize.hpp"
#include "techconv/weighting/objective.hpp"
#include "techconv/weighting/pipeline.hpp"
#include "techconv/weighting/top_k.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief Weighting methods of weigh_table().
enum class weight_method {
    entropy,  ///< [KCT]: min-max, then entropy with 0 ln 0 = 0 (weighting::key_core)
    critic,   ///< CRITIC (weighting::critic_weights)
    std_dev,  ///< standard deviation of the normalised columns (weighting::std_dev_weights)
    cv,       ///< coefficient of variation (weighting::cv_weights)
    merec,    ///< MEREC (weighting::merec_weights)
};

/// \brief Stable name of a method: "entropy", "critic", "std", "cv", "merec".
constexpr std::string_view to_string(weight_method m) noexcept {
    switch (m) {
        case weight_method::entropy: return "entropy";
        case weight_method::critic: return "critic";
        case weight_method::std_dev: return "std";
        case weight_method::cv: return "cv";
        case weight_method::merec: return "merec";
    }
    return "entropy";
}

/// \brief The method named `name` (the names of to_string(weight_method)).
/// \throws invalid_argument for any other name, listing the accepted ones.
inline weight_method weight_method_from_string(std::string_view name) {
    for (const auto m : {weight_method::entropy, weight_method::critic, weight_method::std_dev, weight_method::cv,
                         weight_method::merec})
        if (name == to_string(m)) return m;
    throw invalid_argument("unknown weighting method '" + std::string(name) + "' (entropy, critic, std, cv, merec)");
}

/// \brief Options of weigh_table().
struct table_weight_options {
    weight_method method = weight_method::entropy;  ///< the weighting method
    std::vector<weighting::direction> directions;   ///< one per column; empty: all benefit
    double fraction = 0.05;                         ///< q: the top ceil(q n) rows are marked
    int threads = 1;                                ///< worker threads (0: all); same result for any
};

/// \brief Weights, scores and ranks of a table.
struct table_weight_result {
    vector weights;   ///< w_j
    vector entropy;   ///< e_j for the entropy method; empty for the others
    vector scores;    ///< s_i = sum_j w_j x'_ij with min-max x' (cost columns reflected)
    index_vector ranks;  ///< 1-based ranks (score descending, then row order)
    index k = 0;      ///< ceil(q n)
    status info = status::ok;  ///< the weighting's status
    /// Columns with no information (constant after normalisation): weight 0, ascending; under
    /// status::all_degenerate the weights are the documented fallback (1/m each by default).
    std::vector<index> degenerate_columns;
};

/// \brief What a weighting status means for a table's weights, in one sentence (the report's).
inline std::string explain(status s) {
    switch (s) {
        case status::ok: return "every column carries information";
        case status::empty_input: return "the table has no rows: no weights";
        case status::too_few_records:
            return "fewer than two rows: entropy is undefined (ln n = 0), the weights are the equal-weights fallback";
        case status::degenerate_columns: return "some columns are constant: weight 0 (listed)";
        case status::all_degenerate: return "every column is constant: the weights are the equal-weights fallback";
        default: return std::string(to_string(s));
    }
}

/// \brief The kernels of weigh_table on one process: key_core, objective (CRITIC, std, cv,
/// MEREC), scores (normalize(x) * w), ranks and total_rows. parallel::mpi::weigh_table passes
/// its own set, the same calls over the rows of all ranks; both run weigh_table_with, the one
/// sequence of steps (weights, scores, ranks, k).
struct local_table_kernels {
    template <class D>
    auto key_core(const Eigen::DenseBase<D>& x, const weighting::key_core_options& o) const {
        return weighting::key_core(x, o);
    }
    template <class D>
    weighting::objective_result objective(weight_method m, const Eigen::DenseBase<D>& x,
                                          const weighting::objective_options& o) const {
        switch (m) {
            case weight_method::critic: return weighting::critic_weights(x, o);
            case weight_method::std_dev: return weighting::std_dev_weights(x, o);
            case weight_method::cv: return weighting::cv_weights(x, o);
            default: return weighting::merec_weights(x, o);
        }
    }
    /// normalize(x) * w (min-max over the rows of x)
    template <class D>
    vector scores(const Eigen::DenseBase<D>& x, const weighting::normalize_options& no, const vector& w) const {
        return weighting::normalize(x, no) * w;
    }
    index_vector ranks(const vector& s) const { return weighting::ranks(s); }
    index total_rows(index rows) const { return rows; }
};

/// \brief weigh_table's steps with the kernels `k` (local_table_kernels, or another set with
/// the same calls, as parallel::mpi::weigh_table passes).
template <class Derived, class Kernels>
table_weight_result weigh_table_with(const Eigen::DenseBase<Derived>& x, const table_weight_options& opts,
                                     const Kernels& k) {
    table_weight_result out;
    if (opts.method == weight_method::entropy) {
        weighting::key_core_options ko;
        ko.fraction = opts.fraction;
        ko.entropy.directions = opts.directions;
        ko.entropy.threads = opts.threads;
        auto kc = k.key_core(x, ko);
        out.weights = std::move(kc.weighting.weights);
        out.entropy = std::move(kc.weighting.entropy);
        out.scores = std::move(kc.scores);
        out.info = kc.weighting.info;
        out.degenerate_columns = std::move(kc.weighting.degenerate_columns);
    } else {
        weighting::objective_options oo;
        oo.directions = opts.directions;
        oo.threads = opts.threads;
        auto res = k.objective(opts.method, x, oo);
        out.weights = std::move(res.weights);
        out.info = res.info;
        out.degenerate_columns = std::move(res.degenerate_columns);
        weighting::normalize_options no;
        no.directions = opts.directions;
        out.scores = k.scores(x, no, out.weights);
    }
    out.ranks = k.ranks(out.scores);
    out.k = weighting::top_count(k.total_rows(x.rows()), opts.fraction);
    return out;
}

/// \brief Weights the columns of `x` by `opts.method`, scores every row with
/// min-max normalised values and ranks the rows.
///
/// The entropy method is weighting::key_core (its scores); the others weight
/// with weighting::objective_options{directions, threads} and score
/// normalize(x) * w. Deterministic for any thread count.
/// \throws invalid_argument from the weighting functions (directions of the wrong length, ...).
template <class Derived>
table_weight_result weigh_table(const Eigen::DenseBase<Derived>& x, const table_weight_options& opts = {}) {
    return weigh_table_with(x, opts, local_table_kernels{});
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_TABLE_WEIGHTS_HPP_
