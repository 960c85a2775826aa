// SPDX-License-Identifier: BSL-1.0
//
// Indicator hierarchies ([KCT] Table 1): a tree of groups of any depth over
// the indicator columns. A group's weight is the sum of its children's; group
// sub-scores sum w_j x'_ij over the group's columns (optionally with the
// weights renormalised within the group). Built from a compact description
// and printable as the [KCT] Table 1 layout (level, name, weight %).
#ifndef TECHCONV_WEIGHTING_HIERARCHY_HPP_
#define TECHCONV_WEIGHTING_HIERARCHY_HPP_

#include <algorithm>    // std::max
#include <cstdio>       // std::snprintf
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/normalize.hpp"
#include "techconv/weighting/score.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief One node of an indicator_tree: a group, or a leaf naming a column.
struct indicator_node {
    std::string name;           ///< group or column name
    index parent = no_index;    ///< parent node (no_index for the root)
    std::vector<index> children;  ///< child nodes, in description order
    index column = no_index;    ///< the column of a leaf; no_index for a group
    int level = 1;              ///< 1 for the root, parent's level + 1 below
};

/// \brief Options of indicator_tree::table.
struct table_options {
    std::string separator = "\t";  ///< between the three fields (default: a tab)
    int decimals = 2;              ///< digits after the point of the weight in percent
    bool header = true;            ///< first line "level, name, weight_percent" (with the separator)
};

/// \brief A tree of indicator groups over the columns of a matrix.
///
/// Node 0 is the root (level 1); every column is exactly one leaf.
/// Immutable after construction; safe for concurrent readers.
class indicator_tree {
public:
    /// \brief Builds a tree from a compact description.
    ///
    /// Grammar: a list of items separated by ',' or ';'. An item is a column
    /// name (a leaf) or `name: children`, a group. A group's children are
    /// either a parenthesised list, `g: (a, b; h: (c, d))`, or the
    /// comma-separated items up to the next ';' (or ')' or the end). So the
    /// [KCT] three-level tree reads
    /// `fundamentality: backward_cites, npl_cites, claims; coreness: forward_cites, classes, applicants; strategic: family, countries, developed`.
    /// Names are trimmed of spaces; they may not contain ':' ',' ';' '(' ')'.
    /// \param description  the compact description
    /// \param columns      the column names, in matrix column order
    /// \param root_name    name of the root (level 1)
    /// \throws invalid_argument on a syntax error (with its byte offset), an
    ///         unknown or repeated column, a column missing from the tree, an
    ///         empty group, or a repeated group name.
    /// Complexity: O(description length x number of columns).
    static indicator_tree parse(std::string_view description, const std::vector<std::string>& columns,
                                std::string_view root_name = "total") {
        indicator_tree t;
        t.cols_ = static_cast<index>(columns.size());
        t.nodes_.push_back(indicator_node{std::string(root_name), no_index, {}, no_index, 1});
        t.leaf_of_.assign(columns.size(), no_index);
        parser p{description, 0, columns, t};
        p.list(0, false);
        p.skip();
        if (p.pos != description.size()) p.fail("unexpected character");
        for (std::size_t j = 0; j < columns.size(); ++j)
            techconv::detail::require(t.leaf_of_[j] != no_index,
                                      "indicator_tree: column '" + columns[j] + "' is not in the tree");
        return t;
    }

    /// \brief Builds a two-level tree (root, groups, columns) from its groups.
    ///
    /// Group g is `groups[g].first`, its children the columns
    /// `groups[g].second`, in that order; the tree equals the one parse()
    /// builds from `g1: a, b; g2: c` with the same order.
    /// \param columns  the column names, in matrix column order
    /// \param groups   (group name, column indices) in tree order
    /// \param root_name name of the root (level 1)
    /// \throws invalid_argument on an empty or repeated group name, an empty
    ///         group, a column index out of range or repeated, or a column in
    ///         no group.
    /// Complexity: O(groups + columns).
    static indicator_tree from_groups(const std::vector<std::string>& columns,
                                      const std::vector<std::pair<std::string, std::vector<index>>>& groups,
                                      std::string_view root_name = "total") {
        indicator_tree t;
        t.cols_ = static_cast<index>(columns.size());
        t.nodes_.push_back(indicator_node{std::string(root_name), no_index, {}, no_index, 1});
        t.leaf_of_.assign(columns.size(), no_index);
        auto add = [&](index parent, std::string nm, index column) {
            const index id = static_cast<index>(t.nodes_.size());
            const int level = t.nodes_[static_cast<std::size_t>(parent)].level + 1;
            t.nodes_.push_back(indicator_node{std::move(nm), parent, {}, column, level});
            t.nodes_[static_cast<std::size_t>(parent)].children.push_back(id);
            return id;
        };
        for (const auto& [name, members] : groups) {
            techconv::detail::require(!name.empty(), "indicator_tree: empty group name");
            techconv::detail::require(t.find(name) == no_index, "indicator_tree: repeated group name '" + name + "'");
            techconv::detail::require(!members.empty(), "indicator_tree: group '" + name + "' is empty");
            const index g = add(0, name, no_index);
            for (const index j : members) {
                techconv::detail::require(j >= 0 && j < t.cols_, "indicator_tree: column index out of range");
                techconv::detail::require(t.leaf_of_[static_cast<std::size_t>(j)] == no_index,
                                          "indicator_tree: column '" + columns[static_cast<std::size_t>(j)] +
                                              "' appears twice");
                t.leaf_of_[static_cast<std::size_t>(j)] = add(g, columns[static_cast<std::size_t>(j)], j);
            }
        }
        for (std::size_t j = 0; j < columns.size(); ++j)
            techconv::detail::require(t.leaf_of_[j] != no_index,
                                      "indicator_tree: column '" + columns[j] + "' is not in the tree");
        return t;
    }

    /// Number of nodes (root, groups and leaves).
    index size() const noexcept { return static_cast<index>(nodes_.size()); }
    /// Number of columns (leaves).
    index columns() const noexcept { return cols_; }
    /// The root node's index (0).
    static constexpr index root() noexcept { return 0; }
    /// Node i. \throws std::out_of_range if i is out of range.
    const indicator_node& node(index i) const { return nodes_.at(static_cast<std::size_t>(i)); }
    /// The leaf node of column j.
    index leaf(index j) const { return leaf_of_.at(static_cast<std::size_t>(j)); }
    /// Deepest level (1 for a root without children).
    int depth() const noexcept {
        int d = 1;
        for (const indicator_node& n : nodes_) d = std::max(d, n.level);
        return d;
    }
    /// The first node named `name`, or no_index.
    index find(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < nodes_.size(); ++i)
            if (nodes_[i].name == name) return static_cast<index>(i);
        return no_index;
    }
    /// The columns under node i, in tree order.
    std::vector<index> leaves(index i) const {
        std::vector<index> out;
        collect(i, out);
        return out;
    }
    /// The group nodes (not leaves) at `level`, in tree order.
    std::vector<index> groups(int level) const {
        std::vector<index> out;
        for (std::size_t i = 0; i < nodes_.size(); ++i)
            if (nodes_[i].level == level && nodes_[i].column == no_index) out.push_back(static_cast<index>(i));
        return out;
    }

    /// \brief Weight of every node: a leaf has its column's weight, a group
    /// the sum of its children's.
    /// \param column_weights  one per column
    /// \returns size() weights (root = sum of all).
    /// \throws invalid_argument on a size mismatch.
    /// Complexity: O(size()).
    vector node_weights(const Eigen::Ref<const vector>& column_weights) const {
        techconv::detail::require(column_weights.size() == cols_,
                                  "indicator_tree::node_weights: one weight per column is required");
        vector w = vector::Zero(size());
        // children always have larger indices than their parent (pre-order)
        for (index i = size() - 1; i >= 0; --i) {
            const indicator_node& n = nodes_[static_cast<std::size_t>(i)];
            if (n.column != no_index) w(i) = column_weights(n.column);
            else
                for (const index c : n.children) w(i) += w(c);
        }
        return w;
    }

    /// \brief Column weights renormalised within a group: w_j / W_group for
    /// the group's columns, 0 elsewhere. A group of weight 0 gives zeros.
    /// \param column_weights  one per column
    /// \param group           a node
    /// \returns m weights summing to 1 over the group (or all zero).
    vector within_group(const Eigen::Ref<const vector>& column_weights, index group) const {
        const vector nw = node_weights(column_weights);
        vector out = vector::Zero(cols_);
        const double g = nw(group);
        if (!(g > 0.0)) return out;
        for (const index j : leaves(group)) out(j) = column_weights(j) / g;
        return out;
    }

    /// \brief The [KCT] Table 1 layout: one line per node in tree order with
    /// its level, name and weight in percent.
    /// \param column_weights  one per column (fractions summing to 1)
    /// \param opts            separator, decimals, header
    /// \returns the text, one node per line (the root first, 100%).
    /// Reproduces [KCT] Table 1 from its level-3 weights (57.10 / 20.30 / 22.60).
    std::string table(const Eigen::Ref<const vector>& column_weights, const table_options& opts = {}) const {
        const vector w = node_weights(column_weights);
        std::string out;
        if (opts.header) out += "level" + opts.separator + "name" + opts.separator + "weight_percent\n";
        for (std::size_t i = 0; i < nodes_.size(); ++i) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.*f", opts.decimals, 100.0 * w(static_cast<index>(i)));
            out += std::to_string(nodes_[i].level) + opts.separator + nodes_[i].name + opts.separator + buf + "\n";
        }
        return out;
    }

private:
    struct parser {
        std::string_view s;
        std::size_t pos;
        const std::vector<std::string>& columns;
        indicator_tree& t;

        [[noreturn]] void fail(const std::string& what) const {
            techconv::detail::throw_error<invalid_argument>("indicator_tree: " + what + " at offset " +
                                                            std::to_string(pos) + " of the description");
        }
        void skip() {
            while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) ++pos;
        }
        bool at(char c) {
            skip();
            return pos < s.size() && s[pos] == c;
        }
        std::string name() {
            skip();
            const std::size_t b = pos;
            while (pos < s.size() && s[pos] != ':' && s[pos] != ',' && s[pos] != ';' && s[pos] != '(' &&
                   s[pos] != ')')
                ++pos;
            const std::string_view n = io::trim(s.substr(b, pos - b));
            if (n.empty()) fail("expected a name");
            return std::string(n);
        }
        index add(index parent, std::string nm, index column) {
            const index id = static_cast<index>(t.nodes_.size());
            const int level = t.nodes_[static_cast<std::size_t>(parent)].level + 1;
            t.nodes_.push_back(indicator_node{std::move(nm), parent, {}, column, level});
            t.nodes_[static_cast<std::size_t>(parent)].children.push_back(id);
            return id;
        }
        // Items separated by ',' (and by ';' when `commas_only` is false).
        void list(index parent, bool commas_only) {
            for (;;) {
                item(parent);
                if (at(',') || (!commas_only && at(';'))) {
                    ++pos;
                    continue;
                }
                return;
            }
        }
        void item(index parent) {
            std::string nm = name();
            if (at(':')) {
                ++pos;
                if (t.find(nm) != no_index) fail("repeated group name '" + nm + "'");
                const index g = add(parent, std::move(nm), no_index);
                if (at('(')) {
                    ++pos;
                    list(g, false);
                    if (!at(')')) fail("expected ')'");
                    ++pos;
                } else {
                    list(g, true);
                }
                return;
            }
            std::size_t j = 0;
            while (j < columns.size() && columns[j] != nm) ++j;
            if (j == columns.size()) fail("unknown column '" + nm + "'");
            if (t.leaf_of_[j] != no_index) fail("column '" + nm + "' appears twice");
            t.leaf_of_[j] = add(parent, std::move(nm), static_cast<index>(j));
        }
    };

    void collect(index i, std::vector<index>& out) const {
        const indicator_node& n = nodes_.at(static_cast<std::size_t>(i));
        if (n.column != no_index) out.push_back(n.column);
        for (const index c : n.children) collect(c, out);
    }

    std::vector<indicator_node> nodes_;
    std::vector<index> leaf_of_;
    index cols_ = 0;
};

/// \brief Options of group_scores.
struct group_score_options {
    /// Sub-score of group g: sum over its columns of w_j / W_g x'_ij (weights
    /// renormalised within the group, sub-scores comparable across groups)
    /// instead of sum w_j x'_ij (sub-scores add up to the total score).
    bool renormalize = false;
    int threads = 1;                    ///< worker threads (0 = all hardware threads)
    index chunk_rows = index{1} << 16;  ///< rows per unit of parallel work
};

/// \brief Per-group sub-scores ([KCT] per-dimension scores), all groups in one read of x.
///
/// Formula: `s_{ig} = \sum_{j \in g} w_j x'_{ij}` (or with `w_j / W_g`).
/// \param x        n records by m indicators (any storage order, float or double)
/// \param weights  m column weights
/// \param tree     the hierarchy over the m columns
/// \param groups   the nodes to score (e.g. tree.groups(2))
/// \param map      the normalisation (e.g. entropy_result::map)
/// \param opts     renormalisation, threads
/// \returns n x groups.size() sub-scores (column-major).
/// \throws invalid_argument on size mismatches or a bad node index.
/// Complexity: O(n m G), one read of x.
template <class Derived>
matrix group_scores(const Eigen::DenseBase<Derived>& x, const Eigen::Ref<const vector>& weights,
                    const indicator_tree& tree, const std::vector<index>& groups,
                    const normalization_map& map, const group_score_options& opts = {}) {
    techconv::detail::require(tree.columns() == x.cols() && weights.size() == x.cols(),
                              "group_scores: tree, weights and matrix disagree on the column count");
    const index gn = static_cast<index>(groups.size());
    matrix coef = matrix::Zero(x.cols(), gn);
    vector offsets = vector::Zero(gn);
    for (index g = 0; g < gn; ++g) {
        const index node = groups[static_cast<std::size_t>(g)];
        techconv::detail::require(node >= 0 && node < tree.size(), "group_scores: node out of range");
        const vector w = opts.renormalize ? tree.within_group(weights, node) : [&] {
            vector v = vector::Zero(x.cols());
            for (const index j : tree.leaves(node)) v(j) = weights(j);
            return v;
        }();
        const linear_score ls = make_linear_score(w, map);
        coef.col(g) = ls.coefficients;
        offsets(g) = ls.offset;
    }
    matrix out(x.rows(), gn);
    score_options so;
    so.threads = opts.threads;
    so.chunk_rows = opts.chunk_rows;
    linear_scores_into(x, coef, out, offsets, so);
    return out;
}

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_HIERARCHY_HPP_
