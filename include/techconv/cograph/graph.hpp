// SPDX-License-Identifier: BSL-1.0
//
// cograph::graph: a compact weighted undirected graph with node labels and
// node weights, stored as compressed sparse rows (each edge in both rows).
#ifndef TECHCONV_COGRAPH_GRAPH_HPP_
#define TECHCONV_COGRAPH_GRAPH_HPP_

#include <algorithm>  // std::sort, std::min, std::max
#include <cmath>      // std::isfinite
#include <numeric>    // std::iota
#include <string>     // std::string, std::to_string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <Eigen/SparseCore>

#include "techconv/cograph/incidence.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief One undirected weighted edge (u, v, weight).
struct edge {
    index u = 0;        ///< first end point
    index v = 0;        ///< second end point
    double weight = 1;  ///< edge weight (> 0)
};

/// \brief Filters applied when a graph is made from a co-occurrence matrix.
struct graph_options {
    double min_weight = 0.0;  ///< keep edges with weight >= min_weight (and > 0)
    index top_nodes = 0;      ///< keep only the top_nodes codes by occurrence (0 = all); ties: lower id first
    double min_occurrences = 0.0;  ///< keep only codes with occurrences >= this
    bool drop_isolated = false;    ///< remove nodes left without any edge
};

/// \brief What happens to self-loops (u == v) in an edge list.
enum class self_loop_policy : unsigned char {
    drop,   ///< dropped and counted in graph::dropped_self_loops()
    reject, ///< invalid_argument
};

/// \brief Options of graph::from_edges.
struct edge_list_options {
    self_loop_policy self_loops = self_loop_policy::drop;  ///< what to do with u == v
};

/// \brief Neighbour ids and weights of one node (a pair of pointer ranges).
struct adjacency {
    const index* nodes_begin = nullptr;   ///< first neighbour id
    const index* nodes_end = nullptr;     ///< one past the last neighbour id
    const double* weights_begin = nullptr;  ///< weight of the edge to *nodes_begin
    /// Number of neighbours.
    index size() const noexcept { return nodes_end - nodes_begin; }
    /// Neighbour id number `k`.
    index node(index k) const noexcept { return nodes_begin[k]; }
    /// Weight of the edge to neighbour number `k`.
    double weight(index k) const noexcept { return weights_begin[k]; }
};

/// \brief Weighted undirected simple graph in CSR form, with labels.
///
/// Invariants: no self-loops, no parallel edges, weights finite and > 0,
/// every edge stored in the rows of both end points, neighbours ascending.
/// `node_weight(v)` carries a per-node quantity (the occurrences of a code
/// for co-occurrence graphs, 0 otherwise); it is exported as the VOSviewer
/// weight and never enters the edge-based measures.
class graph {
public:
    /// An empty graph (no nodes).
    graph() = default;

    /// \brief A graph from an edge list; parallel edges are summed.
    ///
    /// \param n      number of nodes.
    /// \param edges  edges with 0 <= u, v < n, finite weight > 0.
    /// \param labels node labels (empty: "0", "1", ...), else exactly n.
    /// \param opts   self-loop policy.
    /// \throws invalid_argument on an id out of range, a weight <= 0 or not
    ///         finite, a label count != n, or a self-loop under reject.
    /// Degenerate input: n = 0 gives the empty graph; self-loops are dropped
    /// and counted by default.
    /// Complexity: O(n + m log m).
    static graph from_edges(index n, const std::vector<edge>& edges,
                            std::vector<std::string> labels = {},
                            const edge_list_options& opts = {}) {
        techconv::detail::require(n >= 0, "cograph::graph::from_edges: negative node count");
        graph g;
        g.init_labels(n, std::move(labels));
        std::vector<edge> es;
        es.reserve(edges.size() * 2);
        for (const edge& e : edges) {
            techconv::detail::require(e.u >= 0 && e.u < n && e.v >= 0 && e.v < n,
                                      "cograph::graph::from_edges: node id out of range");
            techconv::detail::require(std::isfinite(e.weight) && e.weight > 0,
                                      "cograph::graph::from_edges: weight must be finite and > 0");
            if (e.u == e.v) {
                techconv::detail::require(opts.self_loops == self_loop_policy::drop,
                                          "cograph::graph::from_edges: self-loop in the input");
                ++g.self_loops_;
                continue;
            }
            es.push_back(e);
            es.push_back(edge{e.v, e.u, e.weight});
        }
        std::sort(es.begin(), es.end(), [](const edge& a, const edge& b) {
            return a.u != b.u ? a.u < b.u : a.v < b.v;
        });
        g.offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
        for (std::size_t k = 0; k < es.size(); ++k) {
            if (k > 0 && es[k].u == es[k - 1].u && es[k].v == es[k - 1].v) {
                g.weights_.back() += es[k].weight;
                continue;
            }
            g.targets_.push_back(es[k].v);
            g.weights_.push_back(es[k].weight);
            ++g.offsets_[static_cast<std::size_t>(es[k].u) + 1];
        }
        for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) g.offsets_[i + 1] += g.offsets_[i];
        return g;
    }

    /// \brief A graph from a symmetric co-occurrence matrix (see cooccurrence()).
    ///
    /// Off-diagonal entries become edges (each stored once per end point);
    /// the diagonal becomes the node weights (occurrences). Filters in
    /// `opts` select nodes first (top_nodes, min_occurrences), then edges
    /// (min_weight), then drop isolated nodes if asked; retained nodes keep
    /// their relative order.
    /// \param c      square symmetric matrix (only entries with value > 0 are used).
    /// \param labels one label per row of c (empty: "0", "1", ...).
    /// \param opts   filters.
    /// \throws invalid_argument if c is not square or labels has the wrong size.
    /// Complexity: O(nnz(c) + n log n).
    static graph from_cooccurrence(const sparse_matrix& c, std::vector<std::string> labels = {},
                                   const graph_options& opts = {}) {
        techconv::detail::require(c.rows() == c.cols(),
                                  "cograph::graph::from_cooccurrence: matrix must be square");
        const index n = c.rows();
        std::vector<std::string> all_labels;
        {
            graph tmp;
            tmp.init_labels(n, std::move(labels));
            all_labels = std::move(tmp.labels_);
        }
        vector diag = vector::Zero(n);
        for (index j = 0; j < n; ++j)
            for (sparse_matrix::InnerIterator it(c, j); it; ++it)
                if (it.row() == j) diag[j] = it.value();
        std::vector<char> keep(static_cast<std::size_t>(n), 1);
        for (index i = 0; i < n; ++i)
            if (diag[i] < opts.min_occurrences) keep[static_cast<std::size_t>(i)] = 0;
        if (opts.top_nodes > 0 && opts.top_nodes < n) {
            std::vector<index> order(static_cast<std::size_t>(n));
            std::iota(order.begin(), order.end(), index{0});
            std::stable_sort(order.begin(), order.end(),
                             [&](index a, index b) { return diag[a] > diag[b]; });
            for (std::size_t k = static_cast<std::size_t>(opts.top_nodes); k < order.size(); ++k)
                keep[static_cast<std::size_t>(order[k])] = 0;
        }
        auto edge_ok = [&](index i, index j, double w) {
            return i != j && w > 0 && w >= opts.min_weight && keep[static_cast<std::size_t>(i)] &&
                   keep[static_cast<std::size_t>(j)];
        };
        if (opts.drop_isolated) {
            std::vector<char> has(static_cast<std::size_t>(n), 0);
            for (index j = 0; j < n; ++j)
                for (sparse_matrix::InnerIterator it(c, j); it; ++it)
                    if (edge_ok(it.row(), j, it.value())) has[static_cast<std::size_t>(j)] = 1;
            for (index i = 0; i < n; ++i)
                if (!has[static_cast<std::size_t>(i)]) keep[static_cast<std::size_t>(i)] = 0;
        }
        std::vector<index> newid(static_cast<std::size_t>(n), no_index);
        graph g;
        for (index i = 0; i < n; ++i)
            if (keep[static_cast<std::size_t>(i)]) {
                newid[static_cast<std::size_t>(i)] = static_cast<index>(g.labels_.size());
                g.labels_.push_back(std::move(all_labels[static_cast<std::size_t>(i)]));
                g.node_weights_.push_back(diag[i]);
            }
        const index m = static_cast<index>(g.labels_.size());
        g.offsets_.assign(static_cast<std::size_t>(m) + 1, 0);
        // Column j of a symmetric matrix is row j: rows come out ascending.
        for (index j = 0; j < n; ++j) {
            if (!keep[static_cast<std::size_t>(j)]) continue;
            const index nj = newid[static_cast<std::size_t>(j)];
            for (sparse_matrix::InnerIterator it(c, j); it; ++it) {
                if (!edge_ok(it.row(), j, it.value())) continue;
                g.targets_.push_back(newid[static_cast<std::size_t>(it.row())]);
                g.weights_.push_back(it.value());
                ++g.offsets_[static_cast<std::size_t>(nj) + 1];
            }
        }
        for (std::size_t i = 0; i < static_cast<std::size_t>(m); ++i) g.offsets_[i + 1] += g.offsets_[i];
        return g;
    }

    /// Number of nodes.
    index num_nodes() const noexcept { return static_cast<index>(labels_.size()); }
    /// Number of undirected edges.
    index num_edges() const noexcept { return static_cast<index>(targets_.size()) / 2; }
    /// Neighbours of node `v` with their edge weights (ascending ids).
    adjacency neighbors(index v) const noexcept {
        const auto b = static_cast<std::size_t>(offsets_[static_cast<std::size_t>(v)]);
        const auto e = static_cast<std::size_t>(offsets_[static_cast<std::size_t>(v) + 1]);
        return adjacency{targets_.data() + b, targets_.data() + e, weights_.data() + b};
    }
    /// Number of neighbours of `v` (its degree).
    index degree(index v) const noexcept {
        return offsets_[static_cast<std::size_t>(v) + 1] - offsets_[static_cast<std::size_t>(v)];
    }
    /// Label of node `v`.
    const std::string& label(index v) const noexcept { return labels_[static_cast<std::size_t>(v)]; }
    /// All labels, by node id.
    const std::vector<std::string>& labels() const noexcept { return labels_; }
    /// Node weight of `v` (occurrences for co-occurrence graphs, else 0).
    double node_weight(index v) const noexcept { return node_weights_[static_cast<std::size_t>(v)]; }
    /// All node weights, by node id.
    const std::vector<double>& node_weights() const noexcept { return node_weights_; }
    /// CSR row offsets (num_nodes() + 1 entries).
    const std::vector<index>& offsets() const noexcept { return offsets_; }
    /// CSR neighbour ids (2 num_edges() entries).
    const std::vector<index>& targets() const noexcept { return targets_; }
    /// CSR edge weights, parallel to targets().
    const std::vector<double>& weights() const noexcept { return weights_; }
    /// Self-loops dropped by from_edges.
    index dropped_self_loops() const noexcept { return self_loops_; }
    /// Sum of edge weights (each undirected edge once).
    double total_weight() const noexcept {
        double s = 0;
        for (const double w : weights_) s += w;
        return s / 2;
    }
    /// \brief The edges with u < v, ordered by (u, v).
    /// Complexity: O(m).
    std::vector<edge> edges() const {
        std::vector<edge> out;
        out.reserve(static_cast<std::size_t>(num_edges()));
        for (index u = 0; u < num_nodes(); ++u) {
            const adjacency a = neighbors(u);
            for (index k = 0; k < a.size(); ++k)
                if (a.node(k) > u) out.push_back(edge{u, a.node(k), a.weight(k)});
        }
        return out;
    }
    /// \brief Replaces the node weights (size must be num_nodes()).
    /// \throws invalid_argument on a size mismatch.
    void set_node_weights(std::vector<double> w) {
        techconv::detail::require(static_cast<index>(w.size()) == num_nodes(),
                                  "cograph::graph::set_node_weights: size mismatch");
        node_weights_ = std::move(w);
    }

private:
    void init_labels(index n, std::vector<std::string> labels) {
        if (labels.empty()) {
            labels.reserve(static_cast<std::size_t>(n));
            for (index i = 0; i < n; ++i) labels.push_back(std::to_string(i));
        }
        techconv::detail::require(static_cast<index>(labels.size()) == n,
                                  "cograph::graph: need one label per node");
        labels_ = std::move(labels);
        node_weights_.assign(static_cast<std::size_t>(n), 0.0);
    }

    std::vector<index> offsets_{0};
    std::vector<index> targets_;
    std::vector<double> weights_;
    std::vector<std::string> labels_;
    std::vector<double> node_weights_;
    index self_loops_ = 0;
};

/// \brief Convenience: the co-occurrence graph of a labelled incidence.
///
/// \param a    labelled incidence (labels via label_strings()).
/// \param c    its co-occurrence matrix (cooccurrence(a) or of a subset).
/// \param opts filters.
/// Complexity: as graph::from_cooccurrence.
template <class Key>
graph make_graph(const incidence<Key>& a, const sparse_matrix& c, const graph_options& opts = {}) {
    return graph::from_cooccurrence(c, label_strings(a), opts);
}

}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_GRAPH_HPP_
