// SPDX-License-Identifier: BSL-1.0
//
// Whole-graph structure: density, connected components, local and global
// clustering coefficients (unweighted, Barrat, Onnela), and the block view
// of the graph by a coarser level of the classification (IPC sections A-H).
#ifndef TECHCONV_COGRAPH_STRUCTURE_HPP_
#define TECHCONV_COGRAPH_STRUCTURE_HPP_

#include <algorithm>  // std::sort, std::unique, std::lower_bound, std::max
#include <cmath>      // std::cbrt
#include <string>     // std::string
#include <vector>     // std::vector

#include <Eigen/Core>

#include "techconv/cograph/graph.hpp"
#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief Density 2m / (n (n - 1)) of a simple undirected graph.
/// Degenerate input: fewer than 2 nodes gives 0.
/// Complexity: O(1).
inline double density(const graph& g) noexcept {
    const auto n = static_cast<double>(g.num_nodes());
    if (g.num_nodes() < 2) return 0.0;
    return 2.0 * static_cast<double>(g.num_edges()) / (n * (n - 1.0));
}

/// \brief Connected components.
struct components_result {
    std::vector<index> membership;  ///< component of each node; numbered by their smallest node id
    std::vector<index> sizes;       ///< nodes per component
    index count = 0;                ///< number of components
    index largest = no_index;       ///< id of the largest component (ties: lowest id)
};

/// \brief Connected components by breadth-first search.
/// Degenerate input: no nodes gives count 0; an isolated node is its own component.
/// Complexity: O(n + m).
inline components_result connected_components(const graph& g) {
    const index n = g.num_nodes();
    components_result r;
    r.membership.assign(static_cast<std::size_t>(n), no_index);
    std::vector<index> queue;
    queue.reserve(static_cast<std::size_t>(n));
    for (index s = 0; s < n; ++s) {
        if (r.membership[static_cast<std::size_t>(s)] != no_index) continue;
        const index c = r.count++;
        queue.assign(1, s);
        r.membership[static_cast<std::size_t>(s)] = c;
        for (std::size_t h = 0; h < queue.size(); ++h) {
            const adjacency a = g.neighbors(queue[h]);
            for (index k = 0; k < a.size(); ++k) {
                auto& m = r.membership[static_cast<std::size_t>(a.node(k))];
                if (m == no_index) {
                    m = c;
                    queue.push_back(a.node(k));
                }
            }
        }
        r.sizes.push_back(static_cast<index>(queue.size()));
        if (r.largest == no_index || r.sizes.back() > r.sizes[static_cast<std::size_t>(r.largest)])
            r.largest = c;
    }
    return r;
}

/// \brief Weighting of the local clustering coefficient.
enum class clustering_weighting : unsigned char {
    none,    ///< t_v / (k_v (k_v - 1) / 2) (igraph transitivity_local_undirected, NetworkX clustering)
    barrat,  ///< Barrat et al. 2004: sum over triangles (w_vj + w_vh) / (s_v (k_v - 1)) (igraph "barrat")
    onnela,  ///< Onnela et al. 2005: geometric mean of max-normalised weights (NetworkX weight=)
};

/// \brief Options of clustering().
struct clustering_options {
    clustering_weighting weighting = clustering_weighting::none;  ///< local coefficient variant
    int threads = 1;  ///< worker threads (0 = hardware); results do not depend on it
};

/// \brief Local and global clustering coefficients.
struct clustering_result {
    vector local;                  ///< per node; 0 for nodes with degree < 2
    double average = 0;            ///< mean of `local` over all nodes (degree < 2 count as 0; NetworkX)
    double average_defined = 0;    ///< mean over nodes with degree >= 2 (igraph avglocal, mode "nan")
    double transitivity = 0;       ///< global: 3 triangles / connected triples (unweighted)
    index triangles = 0;           ///< number of triangles
    status info = status::ok;      ///< empty_input; zero_denominator when no node has degree >= 2
};

/// \brief Clustering coefficients (triangles through each node).
///
/// transitivity = sum_v t_v / sum_v k_v (k_v - 1) / 2, with t_v the triangles at v.
/// Degenerate input: nodes of degree < 2 get 0 and are left out of
/// average_defined; with no such node, every value is 0 and the status is
/// zero_denominator.
/// Complexity: O(sum_v k_v^2) time, O(n) memory per thread; deterministic.
inline clustering_result clustering(const graph& g, const clustering_options& opts = {}) {
    const index n = g.num_nodes();
    clustering_result r;
    r.local = vector::Zero(n);
    if (n == 0) {
        r.info = status::empty_input;
        return r;
    }
    double max_w = 0;
    for (const double w : g.weights()) max_w = std::max(max_w, w);
    std::vector<double> tri(static_cast<std::size_t>(n), 0.0);
    const auto& off = g.offsets();
    const auto& tgt = g.targets();
    const auto& wt = g.weights();
    techconv::detail::for_each_chunk(n, 64, opts.threads, [&](index, index b, index e) {
        std::vector<double> mark(static_cast<std::size_t>(n), 0.0);  // weight of edge to v, 0 = none
        for (index v = b; v < e; ++v) {
            const auto vv = static_cast<std::size_t>(v);
            for (index k = off[vv]; k < off[vv + 1]; ++k)
                mark[static_cast<std::size_t>(tgt[static_cast<std::size_t>(k)])] = wt[static_cast<std::size_t>(k)];
            double t = 0, s = 0, wsum = 0;
            for (index k = off[vv]; k < off[vv + 1]; ++k) {
                const auto j = static_cast<std::size_t>(tgt[static_cast<std::size_t>(k)]);
                const double wvj = wt[static_cast<std::size_t>(k)];
                s += wvj;
                for (index q = off[j]; q < off[j + 1]; ++q) {
                    const auto h = static_cast<std::size_t>(tgt[static_cast<std::size_t>(q)]);
                    if (h <= j || mark[h] == 0.0) continue;
                    t += 1.0;
                    if (opts.weighting == clustering_weighting::barrat) {
                        wsum += wvj + mark[h];
                    } else if (opts.weighting == clustering_weighting::onnela) {
                        wsum += std::cbrt((wvj / max_w) * (mark[h] / max_w) * (wt[static_cast<std::size_t>(q)] / max_w));
                    }
                }
            }
            for (index k = off[vv]; k < off[vv + 1]; ++k)
                mark[static_cast<std::size_t>(tgt[static_cast<std::size_t>(k)])] = 0.0;
            tri[vv] = t;
            const auto kd = static_cast<double>(off[vv + 1] - off[vv]);
            if (kd < 2) continue;
            switch (opts.weighting) {
                case clustering_weighting::none: r.local[v] = t / (kd * (kd - 1) / 2); break;
                case clustering_weighting::barrat: r.local[v] = wsum / (s * (kd - 1)); break;
                case clustering_weighting::onnela: r.local[v] = wsum / (kd * (kd - 1) / 2); break;
            }
        }
    });
    double tsum = 0, triples = 0;
    index defined = 0;
    double defined_sum = 0;
    for (index v = 0; v < n; ++v) {
        tsum += tri[static_cast<std::size_t>(v)];
        const auto kd = static_cast<double>(g.degree(v));
        triples += kd * (kd - 1) / 2;
        if (g.degree(v) >= 2) {
            ++defined;
            defined_sum += r.local[v];
        }
    }
    r.triangles = static_cast<index>(tsum / 3 + 0.5);
    r.average = r.local.sum() / static_cast<double>(n);
    if (defined > 0) {
        r.average_defined = defined_sum / static_cast<double>(defined);
        r.transitivity = tsum / triples;
    } else {
        r.info = status::zero_denominator;
    }
    return r;
}

/// \brief The IPC section of a label: its first character ("" for an empty label).
struct first_character {
    /// The first character of `label` as a string.
    std::string operator()(const std::string& label) const {
        return label.empty() ? std::string() : label.substr(0, 1);
    }
};

/// \brief The graph seen block-wise by a coarser level (IPC sections A-H).
struct section_view_result {
    std::vector<std::string> sections;  ///< distinct sections of the nodes, ascending
    std::vector<index> section_of;      ///< section index of each node
    std::vector<index> nodes;           ///< nodes per section
    Eigen::MatrixXd links;              ///< S x S edge counts between sections (diagonal: within)
    Eigen::MatrixXd weights;            ///< S x S edge weights between sections (diagonal: within)
    index cross_links = 0;              ///< edges whose ends lie in different sections
    double cross_weight = 0;            ///< their total weight
    index within_links = 0;             ///< edges inside one section
    double within_weight = 0;           ///< their total weight
    /// Number of sections covered.
    index covered() const noexcept { return static_cast<index>(sections.size()); }
};

/// \brief Section-level (A-H) block view: sections covered, cross-section links and weights.
///
/// [KCT] section 2.2: "Japan and the US cover all 8 sections". Each node's
/// section is `section(label)`; the default takes the first character,
/// which is the IPC section of any IPC symbol.
/// \param g       the graph.
/// \param section callable std::string -> std::string.
/// Degenerate input: no nodes gives no sections and empty matrices.
/// Complexity: O(n log S + m).
template <class SectionOf = first_character>
section_view_result section_view(const graph& g, SectionOf section = {}) {
    section_view_result r;
    const index n = g.num_nodes();
    std::vector<std::string> sec(static_cast<std::size_t>(n));
    for (index v = 0; v < n; ++v) sec[static_cast<std::size_t>(v)] = section(g.label(v));
    r.sections = sec;
    std::sort(r.sections.begin(), r.sections.end());
    r.sections.erase(std::unique(r.sections.begin(), r.sections.end()), r.sections.end());
    const index s = r.covered();
    r.nodes.assign(static_cast<std::size_t>(s), 0);
    r.section_of.resize(static_cast<std::size_t>(n));
    for (index v = 0; v < n; ++v) {
        const auto it = std::lower_bound(r.sections.begin(), r.sections.end(), sec[static_cast<std::size_t>(v)]);
        const auto id = static_cast<index>(it - r.sections.begin());
        r.section_of[static_cast<std::size_t>(v)] = id;
        ++r.nodes[static_cast<std::size_t>(id)];
    }
    r.links = Eigen::MatrixXd::Zero(s, s);
    r.weights = Eigen::MatrixXd::Zero(s, s);
    for (const edge& e : g.edges()) {
        const index a = r.section_of[static_cast<std::size_t>(e.u)];
        const index b = r.section_of[static_cast<std::size_t>(e.v)];
        r.links(a, b) += 1;
        r.weights(a, b) += e.weight;
        if (a != b) {
            r.links(b, a) += 1;
            r.weights(b, a) += e.weight;
            ++r.cross_links;
            r.cross_weight += e.weight;
        } else {
            ++r.within_links;
            r.within_weight += e.weight;
        }
    }
    return r;
}

}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_STRUCTURE_HPP_
