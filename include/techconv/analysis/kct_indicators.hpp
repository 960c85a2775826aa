// SPDX-License-Identifier: BSL-1.0
//
// The [KCT] indicator hierarchy over the indicators a source has: the
// three-level tree, the weights in the Table 1 layout, and the level-2
// sub-scores. Built from the columns directly (no text description).
#ifndef TECHCONV_ANALYSIS_KCT_INDICATORS_HPP_
#define TECHCONV_ANALYSIS_KCT_INDICATORS_HPP_

#include <algorithm>    // std::find, std::stable_sort
#include <cstddef>      // std::ptrdiff_t
#include <string>       // std::string
#include <utility>      // std::pair
#include <vector>       // std::vector

#include <Eigen/Core>

#include "techconv/analysis/keycore_indicators.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/entropy.hpp"
#include "techconv/weighting/hierarchy.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief The [KCT] tree over the indicator columns `columns` (matrix column order).
///
/// Root "key core"; level 2: the groups indicator_group names ("fundamentality",
/// "coreness", "strategic"; "quality" for the OECD indicators) that have at least one
/// column, in order of their first column; level 3: the columns, each named
/// to_string(indicator), in column order within its group.
/// \throws invalid_argument if an indicator appears twice.
/// Complexity: O(columns).
inline weighting::indicator_tree kct_indicator_tree(const std::vector<keycore_indicator>& columns) {
    std::vector<std::string> names;
    std::vector<std::pair<std::string, std::vector<index>>> groups;
    for (std::size_t j = 0; j < columns.size(); ++j) {
        ::techconv::detail::require(std::find(columns.begin(), columns.begin() + static_cast<std::ptrdiff_t>(j),
                                              columns[j]) == columns.begin() + static_cast<std::ptrdiff_t>(j),
                                    "kct_indicator_tree: indicator '" + to_string(columns[j]) + "' appears twice");
        names.push_back(to_string(columns[j]));
        const std::string g(indicator_group(columns[j]));
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& p) { return p.first == g; });
        if (it == groups.end()) it = groups.emplace(groups.end(), g, std::vector<index>{});
        it->second.push_back(static_cast<index>(j));
    }
    return weighting::indicator_tree::from_groups(names, groups, "key core");
}

/// \brief kct_indicator_tree of [KCT] columns.
inline weighting::indicator_tree kct_indicator_tree(const std::vector<io::indicator>& columns) {
    return kct_indicator_tree(kct_keycore_indicators(columns));
}

/// \brief One row of the [KCT] Table 1 layout: an indicator, its level-2 group and its weight.
struct kct_weight_row {
    /// The level-3 indicator when it is a [KCT] count (backward_citations for a quality indicator).
    io::indicator indicator = io::indicator::backward_citations;
    keycore_indicator id;   ///< the level-3 indicator (any kind)
    std::string group;      ///< its level-2 group (indicator_group)
    bool present = false;   ///< whether the source has it (a weighted column)
    double weight = 0.0;    ///< w_j (0 when absent)
    double entropy = 0.0;   ///< e_j (0 when absent)
};

/// \brief The weight of one level-2 group: the sum of its indicators' weights.
struct kct_group_weight {
    std::string group;    ///< level-2 group name
    double weight = 0.0;  ///< sum of w_j over its present indicators ([KCT]: fundamentality 57.10%)
};

/// \brief One row per indicator of `selection` (in its order) with the weights and entropies of
/// `w` (whose columns are `columns`); indicators that are not columns have `present` false.
inline std::vector<kct_weight_row> kct_weight_table(const std::vector<keycore_indicator>& columns,
                                                    const weighting::entropy_result& w,
                                                    const std::vector<keycore_indicator>& selection) {
    std::vector<kct_weight_row> out;
    for (const auto ind : selection) {
        kct_weight_row r;
        r.id = ind;
        if (ind.is_kct()) r.indicator = ind.kct();
        r.group = std::string(indicator_group(ind));
        const auto it = std::find(columns.begin(), columns.end(), ind);
        if (it != columns.end()) {
            const auto j = static_cast<index>(it - columns.begin());
            r.present = true;
            r.weight = w.weights[j];
            r.entropy = w.entropy[j];
        }
        out.push_back(std::move(r));
    }
    return out;
}

/// \brief All nine [KCT] indicators in Table 1 order with the weights and
/// entropies of `w` (whose columns are `columns`); absent ones have `present` false.
inline std::vector<kct_weight_row> kct_weight_table(const std::vector<io::indicator>& columns,
                                                    const weighting::entropy_result& w) {
    return kct_weight_table(kct_keycore_indicators(columns), w,
                            kct_keycore_indicators({io::all_indicators.begin(), io::all_indicators.end()}));
}

/// \brief The level-2 groups that have a column, in the order of their first column in
/// all_keycore_indicators() order ([KCT] order, then quality), with their weights (the sum
/// over their columns, added in that order).
inline std::vector<kct_group_weight> kct_group_weights(const std::vector<keycore_indicator>& columns,
                                                       const weighting::entropy_result& w) {
    std::vector<std::size_t> order(columns.size());
    for (std::size_t j = 0; j < order.size(); ++j) order[j] = j;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return canonical_position(columns[a]) < canonical_position(columns[b]);
    });
    std::vector<kct_group_weight> out;
    for (const auto j : order) {
        const std::string g(indicator_group(columns[j]));
        auto it = std::find_if(out.begin(), out.end(), [&](const kct_group_weight& x) { return x.group == g; });
        if (it == out.end()) it = out.insert(out.end(), kct_group_weight{g, 0.0});
        it->weight += w.weights[static_cast<index>(j)];
    }
    return out;
}

/// \brief kct_group_weights of [KCT] columns.
inline std::vector<kct_group_weight> kct_group_weights(const std::vector<io::indicator>& columns,
                                                       const weighting::entropy_result& w) {
    return kct_group_weights(kct_keycore_indicators(columns), w);
}

/// \brief Level-2 sub-scores of every record.
struct kct_subscores {
    std::vector<std::string> groups;  ///< level-2 group names (kct_indicator_tree order)
    matrix values;                    ///< values(i, g) = sum_{j in g} w_j x'_ij; rows sum to the scores
};

/// \brief The [KCT] level-2 sub-scores of the rows of `x` (columns `columns`)
/// under the weights and normalisation of `w`.
/// Complexity: one read of x (weighting::group_scores).
template <class Derived>
kct_subscores kct_group_scores(const Eigen::DenseBase<Derived>& x, const std::vector<keycore_indicator>& columns,
                               const weighting::entropy_result& w) {
    const auto tree = kct_indicator_tree(columns);
    const auto nodes = tree.groups(2);
    kct_subscores out;
    for (const index g : nodes) out.groups.push_back(tree.node(g).name);
    out.values = weighting::group_scores(x, w.weights, tree, nodes, w.map);
    return out;
}

/// \brief kct_group_scores of [KCT] columns.
template <class Derived>
kct_subscores kct_group_scores(const Eigen::DenseBase<Derived>& x, const std::vector<io::indicator>& columns,
                               const weighting::entropy_result& w) {
    return kct_group_scores(x, kct_keycore_indicators(columns), w);
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_KCT_INDICATORS_HPP_
