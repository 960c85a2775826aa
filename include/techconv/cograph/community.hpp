// SPDX-License-Identifier: BSL-1.0
//
// Communities of a cograph::graph: Louvain (Blondel et al. 2008) and Leiden
// (Traag, Waltman & van Eck 2019, Sci. Rep. 9:5233) with the modularity
// objective (resolution gamma) or the constant Potts model (CPM); the
// quality of any partition; and a cluster summary ([KCT]'s clusters and
// their "cluster association").
#ifndef TECHCONV_COGRAPH_COMMUNITY_HPP_
#define TECHCONV_COGRAPH_COMMUNITY_HPP_

#include <algorithm>  // std::sort, std::max, std::min, std::fill
#include <cmath>      // std::exp
#include <cstdint>    // std::uint64_t
#include <numeric>    // std::iota
#include <utility>    // std::move
#include <vector>     // std::vector

#include <Eigen/SparseCore>

#include "techconv/cograph/detail/louvain.hpp"
#include "techconv/cograph/detail/random.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief The largest accepted community resolution gamma. Far beyond any
/// useful value (every node is its own community long before), and small
/// enough that gamma times a sum of squared degree shares stays finite.
inline constexpr double max_resolution = 1e9;

/// \brief The quality function a community detection optimises.
enum class community_objective : unsigned char {
    /// Q = sum_c [ e_c / m - gamma (K_c / 2m)^2 ] (Newman-Girvan modularity with resolution;
    /// e_c internal weight, K_c total strength of c, m total weight).
    modularity,
    /// H = sum_c [ e_c - gamma n_c (n_c - 1) / 2 ] (constant Potts model; n_c nodes of c).
    cpm,
};

/// \brief Options of louvain() and leiden().
struct community_options {
    community_objective objective = community_objective::modularity;  ///< quality function
    double resolution = 1.0;      ///< gamma (> 0 for CPM; >= 0 for modularity; at most max_resolution)
    std::uint64_t seed = 42;      ///< seed of the node orders and of Leiden's refinement
    index iterations = -1;        ///< full iterations, each restarting from the last partition (< 0: until it stops improving)
    double randomness = 0.01;     ///< Leiden refinement randomness theta (> 0)
    index random_starts = 1;      ///< independent runs (seeds seed, seed + 1, ...); the best is kept
};

/// \brief A partition found by louvain() or leiden().
struct community_result {
    std::vector<index> membership;  ///< community of each node; 0 = largest (ties: lowest node id)
    index count = 0;                ///< number of communities
    double quality = 0;             ///< value of the objective (see community_objective)
    index levels = 0;               ///< full iterations performed by the best run
    status info = status::ok;       ///< empty_input; zero_denominator (no edge weight, modularity)
};

namespace detail {

inline void check_community_options(const community_options& o) {
    techconv::detail::require(std::isfinite(o.resolution) && o.resolution >= 0 && o.resolution <= max_resolution,
                              "cograph community: resolution must be finite and in [0, 1e9]");
    techconv::detail::require(o.randomness > 0, "cograph community: randomness must be > 0");
    techconv::detail::require(o.random_starts >= 1, "cograph community: random_starts must be >= 1");
}

/// One Louvain (leiden = false) or Leiden run from `init` (empty: singletons).
inline community_result run_communities(const graph& graph_in, const community_options& o, std::uint64_t seed,
                                        bool leiden, std::vector<index> init) {
    community_result res;
    const cgraph base = from_graph(graph_in);
    const index n = base.n();
    const bool mod = o.objective == community_objective::modularity;
    double two_m = 0;
    for (const double k : base.k) two_m += k;
    rng gen(seed);
    std::vector<index> member(static_cast<std::size_t>(n));
    if (init.empty())
        std::iota(member.begin(), member.end(), index{0});
    else
        member = std::move(init);
    if (mod && two_m <= 0) {
        std::iota(member.begin(), member.end(), index{0});
        res.info = status::zero_denominator;
        res.count = canonical_numbering(member);
        res.membership = std::move(member);
        return res;
    }
    double best_q = quality(base, member, mod, o.resolution);
    const index max_outer = o.iterations < 0 ? 1000 : std::max<index>(o.iterations, 1);
    index outer = 0;
    for (; outer < max_outer; ++outer) {
        cgraph level = base;  // copy: each iteration restarts on the original graph
        std::vector<index> part = member;
        renumber(part);
        std::vector<index> node_of(static_cast<std::size_t>(n));  // original node -> level node
        std::iota(node_of.begin(), node_of.end(), index{0});
        bool changed_any = false;
        for (index lvl = 0; lvl < 10000; ++lvl) {
            mover mv(level, mod, o.resolution, two_m, part);
            const bool moved = local_moving(mv, gen, leiden);
            changed_any = changed_any || moved;
            part = mv.comm;
            const index np = renumber(part);
            if (np == level.n() || (!leiden && !moved && lvl > 0)) break;
            std::vector<index> agg_part = part;
            index nagg = np;
            std::vector<index> next_init;
            if (leiden) {
                std::vector<index> ref = refine(level, part, mod, o.resolution, mv.scale, o.randomness, gen);
                const index nr = *std::max_element(ref.begin(), ref.end()) + 1;
                if (nr < level.n()) {
                    agg_part = std::move(ref);
                    nagg = nr;
                }
            }
            next_init.assign(static_cast<std::size_t>(nagg), 0);
            for (std::size_t v = 0; v < part.size(); ++v)
                next_init[static_cast<std::size_t>(agg_part[v])] = part[v];
            for (auto& x : node_of) x = agg_part[static_cast<std::size_t>(x)];
            level = aggregate(level, agg_part, nagg);
            part = std::move(next_init);
        }
        std::vector<index> result(static_cast<std::size_t>(n));
        for (std::size_t v = 0; v < result.size(); ++v) result[v] = part[static_cast<std::size_t>(node_of[v])];
        const double q = quality(base, result, mod, o.resolution);
        const bool improved = q > best_q + 1e-14 * std::max(1.0, std::abs(best_q));
        if (improved || outer == 0) {
            member = std::move(result);
            best_q = std::max(q, best_q);
        }
        if (!improved || !changed_any) {
            ++outer;
            break;
        }
    }
    res.levels = outer;
    res.quality = quality(base, member, mod, o.resolution);
    res.count = canonical_numbering(member);
    res.membership = std::move(member);
    return res;
}

inline community_result best_of_starts(const graph& g, const community_options& o, bool leiden,
                                       const std::vector<index>& init) {
    check_community_options(o);
    if (g.num_nodes() == 0) {
        community_result r;
        r.info = status::empty_input;
        return r;
    }
    community_result best;
    for (index s = 0; s < o.random_starts; ++s) {
        community_result r = run_communities(g, o, o.seed + static_cast<std::uint64_t>(s), leiden, init);
        if (s == 0 || r.quality > best.quality) best = std::move(r);
    }
    return best;
}

}  // namespace detail

/// \brief Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre 2008).
///
/// Repeated sweeps moving single nodes to the neighbouring community with
/// the largest gain (random node order from the seed), then aggregation of
/// communities into nodes, until a level moves nothing. Like Leiden, the
/// whole procedure is repeated from the partition found (`opts.iterations`
/// times, or until the quality stops improving), which only raises the
/// quality. Objective and resolution as in community_options.
/// \param g    the graph (edge weights used).
/// \param opts objective, resolution, seed, random starts.
/// \returns membership (0 = largest community), count, quality, iterations in `levels`.
/// \throws invalid_argument on resolution < 0 or random_starts < 1.
/// Degenerate input: no nodes gives empty_input; no edges (modularity)
/// gives singletons and zero_denominator; isolated nodes stay singletons.
/// Complexity: about O(m) per sweep; same seed, same result.
inline community_result louvain(const graph& g, const community_options& opts = {}) {
    return detail::best_of_starts(g, opts, false, {});
}

/// \brief Leiden community detection (Traag, Waltman & van Eck 2019).
///
/// Fast local moving (queue of nodes), refinement inside each community
/// (a singleton joins a well-connected refined community with probability
/// proportional to exp(gain / randomness)), aggregation by the refined
/// partition; repeated for `opts.iterations` iterations, or until an
/// iteration changes nothing. Communities are guaranteed connected.
/// \param g       the graph.
/// \param opts    objective, resolution, seed, iterations, randomness, random starts.
/// \param initial optional start partition (one id per node, any values >= 0).
/// \returns membership (0 = largest community), count, quality, iterations in `levels`.
/// \throws invalid_argument on bad options or an initial partition of the wrong size.
/// Degenerate input: as louvain().
/// Complexity: about O(m) per local-moving pass; same seed, same result.
inline community_result leiden(const graph& g, const community_options& opts = {},
                               const std::vector<index>& initial = {}) {
    if (!initial.empty()) {
        techconv::detail::require(static_cast<index>(initial.size()) == g.num_nodes(),
                                  "cograph::leiden: initial partition needs one entry per node");
        for (const index c : initial) techconv::detail::require(c >= 0, "cograph::leiden: negative community id");
    }
    std::vector<index> init = initial;
    if (!init.empty()) detail::renumber(init);
    return detail::best_of_starts(g, opts, true, init);
}

/// \brief Quality of any partition: modularity with resolution, or CPM.
///
/// Modularity Q = sum_c [ e_c / m - gamma (K_c / 2m)^2 ], equal to igraph's
/// `modularity(membership, weights, resolution)` and NetworkX's
/// `modularity(G, communities, weight, resolution)`. CPM H = sum_c [ e_c -
/// gamma n_c (n_c - 1) / 2 ] (leidenalg's CPMVertexPartition).
/// \param g          the graph.
/// \param membership community of each node (any ids >= 0).
/// \param objective  modularity or cpm.
/// \param resolution gamma.
/// \throws invalid_argument on a size mismatch or a negative id.
/// Degenerate input: no edges gives 0 for modularity (igraph: NaN).
/// Complexity: O(n + m).
inline double quality(const graph& g, const std::vector<index>& membership,
                      community_objective objective = community_objective::modularity, double resolution = 1.0) {
    techconv::detail::require(static_cast<index>(membership.size()) == g.num_nodes(),
                              "cograph::quality: membership needs one entry per node");
    for (const index c : membership) techconv::detail::require(c >= 0, "cograph::quality: negative community id");
    std::vector<index> part = membership;
    detail::renumber(part);
    return detail::quality(detail::from_graph(g), part, objective == community_objective::modularity, resolution);
}

/// \brief Modularity (resolution gamma) of any partition; see quality().
inline double modularity(const graph& g, const std::vector<index>& membership, double resolution = 1.0) {
    return quality(g, membership, community_objective::modularity, resolution);
}

/// \brief One cluster of a cluster_summary().
struct cluster_info {
    index size = 0;                 ///< number of nodes
    double internal_weight = 0;     ///< weight of edges inside the cluster
    double external_weight = 0;     ///< weight of edges leaving the cluster
    std::vector<index> top_nodes;   ///< nodes by strength descending (ties: lower id), at most top_n
};

/// \brief Clusters and their association.
struct cluster_summary_result {
    std::vector<cluster_info> clusters;  ///< by cluster id
    sparse_matrix links;                 ///< k x k: off-diagonal inter-cluster weights ([KCT] "cluster association"), diagonal internal
};

/// \brief Summary of a partition: sizes, internal and external weights,
/// leading nodes, and the weight of links between every pair of clusters.
///
/// \param g          the graph.
/// \param membership cluster of each node, ids 0..k-1.
/// \param top_n      number of leading nodes kept per cluster.
/// \throws invalid_argument on a size mismatch or a negative id.
/// Complexity: O(n log n + m).
inline cluster_summary_result cluster_summary(const graph& g, const std::vector<index>& membership,
                                              index top_n = 5) {
    techconv::detail::require(static_cast<index>(membership.size()) == g.num_nodes(),
                              "cograph::cluster_summary: membership needs one entry per node");
    index k = 0;
    for (const index c : membership) {
        techconv::detail::require(c >= 0, "cograph::cluster_summary: negative cluster id");
        k = std::max(k, c + 1);
    }
    cluster_summary_result r;
    r.clusters.resize(static_cast<std::size_t>(k));
    std::vector<double> st(static_cast<std::size_t>(g.num_nodes()), 0.0);
    std::vector<Eigen::Triplet<double>> trip;
    for (index v = 0; v < g.num_nodes(); ++v) {
        const index cv = membership[static_cast<std::size_t>(v)];
        auto& ci = r.clusters[static_cast<std::size_t>(cv)];
        ++ci.size;
        const adjacency a = g.neighbors(v);
        for (index e = 0; e < a.size(); ++e) {
            st[static_cast<std::size_t>(v)] += a.weight(e);
            const index u = a.node(e);
            const index cu = membership[static_cast<std::size_t>(u)];
            if (cu == cv) {
                if (u > v) ci.internal_weight += a.weight(e);
            } else {
                ci.external_weight += a.weight(e);
            }
            if (u > v) {
                trip.emplace_back(static_cast<int>(cv), static_cast<int>(cu), a.weight(e));
                if (cu != cv) trip.emplace_back(static_cast<int>(cu), static_cast<int>(cv), a.weight(e));
            }
        }
    }
    r.links.resize(k, k);
    r.links.setFromTriplets(trip.begin(), trip.end());
    std::vector<index> order(static_cast<std::size_t>(g.num_nodes()));
    std::iota(order.begin(), order.end(), index{0});
    std::stable_sort(order.begin(), order.end(), [&](index x, index y) {
        return st[static_cast<std::size_t>(x)] > st[static_cast<std::size_t>(y)];
    });
    for (const index v : order) {
        auto& ci = r.clusters[static_cast<std::size_t>(membership[static_cast<std::size_t>(v)])];
        if (static_cast<index>(ci.top_nodes.size()) < top_n) ci.top_nodes.push_back(v);
    }
    return r;
}

}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_COMMUNITY_HPP_
