// SPDX-License-Identifier: BSL-1.0
//
// Link prediction on a co-classification graph: the similarity scores of
// Lü & Zhou 2011 (common neighbours, Jaccard, Salton, Adamic-Adar, resource
// allocation, preferential attachment, Katz) and the weighted common
// neighbours, Adamic-Adar and resource allocation of Lü & Zhou 2010, for a
// list of candidate pairs of nodes (usually every unlinked pair, non_edges()).
#ifndef TECHCONV_COGRAPH_LINK_PREDICTION_HPP_
#define TECHCONV_COGRAPH_LINK_PREDICTION_HPP_

#include <algorithm>    // std::sort
#include <array>        // std::array
#include <cmath>        // std::log, std::pow, std::sqrt
#include <cstddef>      // std::size_t
#include <limits>       // std::numeric_limits
#include <numeric>      // std::iota
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include "techconv/cograph/graph.hpp"
#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief One candidate pair of nodes, source < target (node ids of the graph).
struct node_pair {
    index source = 0;  ///< the lower node id
    index target = 0;  ///< the higher node id
};

/// \brief Appends to `out` every pair (u, v) with v > u that is not an edge of `g`, by v
/// ascending: the candidates of source u (non_edges() is these for u = 0, 1, ...).
/// Complexity: O(n) time.
inline void non_edges_of(const graph& g, index u, std::vector<node_pair>& out) {
    const index n = g.num_nodes();
    const adjacency a = g.neighbors(u);
    index k = 0;
    while (k < a.size() && a.node(k) <= u) ++k;
    for (index v = u + 1; v < n; ++v) {
        if (k < a.size() && a.node(k) == v) {
            ++k;
            continue;
        }
        out.push_back(node_pair{u, v});
    }
}

/// \brief The number of pairs of distinct nodes of `g` that are not edges: n(n-1)/2 - m.
inline index non_edge_count(const graph& g) noexcept {
    const index n = g.num_nodes();
    return n * (n - 1) / 2 - g.num_edges();
}

/// \brief Every pair of distinct nodes of `g` that is not an edge, ordered by (source, target).
///
/// Complexity: O(n² ) time, O(n² - m) memory for n nodes and m edges.
inline std::vector<node_pair> non_edges(const graph& g) {
    std::vector<node_pair> out;
    out.reserve(static_cast<std::size_t>(non_edge_count(g)));
    for (index u = 0; u < g.num_nodes(); ++u) non_edges_of(g, u, out);
    return out;
}

/// \brief Options of link_prediction().
struct link_prediction_options {
    /// Katz attenuation β. 0 (default) = automatic: β = 0.5 / λmax, half the largest value for
    /// which the Katz series converges (λmax: the largest eigenvalue of the 0/1 adjacency matrix).
    /// A β > 0 given here is used as is; β ≥ 1/λmax makes katz_info not_converged.
    double katz_beta = 0.0;
    /// Exponent α of the edge weights in the weighted scores (Lü & Zhou 2010); 1 by default.
    double weight_exponent = 1.0;
    /// Largest graph (nodes) for which λmax and Katz are computed: both are dense O(n³) time
    /// and O(n²) memory (3 n² doubles: 384 MB at the default 4,000). Above it katz_info is
    /// not_computed and no Katz score is given.
    index katz_max_nodes = 4000;
    int threads = 1;  ///< worker threads (0 = hardware); the scores do not depend on it
};

/// Number of scores link_prediction() computes.
inline constexpr std::size_t link_score_count = 10;

/// \brief The stable names of the scores, in the order of link_scores::score().
inline constexpr std::array<std::string_view, link_score_count> link_score_names{
    "common_neighbours",          "jaccard",
    "salton",                     "adamic_adar",
    "resource_allocation",        "preferential_attachment",
    "katz",                       "weighted_common_neighbours",
    "weighted_adamic_adar",       "weighted_resource_allocation"};

/// \brief The scores of each candidate pair (one entry per pair, in the order given).
struct link_scores {
    /// The scores by link_score_names order: common_neighbours, jaccard, salton, adamic_adar,
    /// resource_allocation, preferential_attachment, katz (empty when katz_info is not ok),
    /// weighted_common_neighbours, weighted_adamic_adar, weighted_resource_allocation.
    std::array<vector, link_score_count> values;
    double katz_beta = 0.0;   ///< the β used (or refused)
    double lambda_max = 0.0;  ///< largest eigenvalue of the 0/1 adjacency matrix
    /// ok; not_converged when β ≥ 1/λmax (the series diverges: no Katz score, values[6] empty);
    /// empty_input for a graph without edges (λmax = 0: β automatic is undefined, Katz is 0 for every pair);
    /// not_computed above link_prediction_options::katz_max_nodes (values[6] empty, λmax 0).
    status katz_info = status::ok;
    /// The scores named `name` (one of link_score_names).
    /// \throws invalid_argument for another name.
    const vector& score(std::string_view name) const {
        for (std::size_t k = 0; k < link_score_count; ++k)
            if (link_score_names[k] == name) return values[k];
        techconv::detail::throw_error<invalid_argument>("cograph::link_scores: no score named '" +
                                                        std::string(name) + "'");
    }
};

/// \brief The largest eigenvalue of the 0/1 adjacency matrix of `g` (0 for a graph without nodes).
/// Complexity: O(n³) (dense symmetric eigenvalue solver).
inline double adjacency_lambda_max(const graph& g) {
    const index n = g.num_nodes();
    if (n == 0) return 0.0;
    matrix a = matrix::Zero(n, n);
    for (index u = 0; u < n; ++u) {
        const adjacency adj = g.neighbors(u);
        for (index k = 0; k < adj.size(); ++k) a(u, adj.node(k)) = 1.0;
    }
    Eigen::SelfAdjointEigenSolver<matrix> es(a, Eigen::EigenvaluesOnly);
    return es.eigenvalues().maxCoeff();
}

/// \brief The Katz resolvent of a graph: (I − βA)⁻¹ over its 0/1 adjacency matrix A, whose
/// off-diagonal entries are the Katz scores Σ_{l≥1} β^l (A^l)_xy (katz_solve()).
struct katz_solution {
    matrix resolvent;         ///< (I − βA)⁻¹; empty unless info is ok
    double beta = 0.0;        ///< the β used (or refused)
    double lambda_max = 0.0;  ///< largest eigenvalue of A (0 when not computed)
    /// ok; empty_input (no edge: every Katz score is 0, no resolvent); not_converged (β ≥ 1/λmax);
    /// not_computed (more nodes than katz_max_nodes).
    status info = status::ok;
    /// The Katz score of the pair x-y (x ≠ y); requires info == ok.
    double score(index x, index y) const { return resolvent(x, y); }
};

/// \brief Solves the Katz resolvent of `g` once (the O(n³) part of link_prediction()).
///
/// λmax by a dense symmetric eigenvalue solver; β = opts.katz_beta, or 0.5 / λmax when it is 0;
/// (I − βA)⁻¹ by a dense Cholesky factorisation (I − βA is positive definite when β < 1/λmax).
/// Above opts.katz_max_nodes nodes nothing is computed (info not_computed).
/// \throws invalid_argument for a negative or non-finite β.
/// Complexity: O(n³) time, O(n²) memory.
inline katz_solution katz_solve(const graph& g, const link_prediction_options& opts = {}) {
    techconv::detail::require(std::isfinite(opts.katz_beta) && opts.katz_beta >= 0,
                              "cograph::katz_solve: katz_beta must be finite and >= 0");
    katz_solution out;
    const index n = g.num_nodes();
    out.beta = opts.katz_beta;
    if (n > opts.katz_max_nodes) {
        out.info = status::not_computed;
        return out;
    }
    out.lambda_max = adjacency_lambda_max(g);
    if (g.num_edges() == 0) {
        out.info = status::empty_input;  // A = 0: every Katz score is 0
        return out;
    }
    out.beta = opts.katz_beta > 0 ? opts.katz_beta : 0.5 / out.lambda_max;
    if (out.beta * out.lambda_max >= 1.0) {
        out.info = status::not_converged;
        return out;
    }
    matrix m = matrix::Identity(n, n);
    for (index u = 0; u < n; ++u) {
        const adjacency adj = g.neighbors(u);
        for (index k = 0; k < adj.size(); ++k) m(u, adj.node(k)) = -out.beta;
    }
    Eigen::LLT<matrix> llt(m);
    if (llt.info() != Eigen::Success) {  // rounding at β just below 1/λmax
        out.info = status::not_converged;
        return out;
    }
    out.resolvent = llt.solve(matrix::Identity(n, n));
    return out;
}

/// \brief Link-prediction scores of the candidate pairs `pairs` of `g`.
///
/// With Γ(x) the neighbours of x, k_x = |Γ(x)| its degree, w_xz the weight of edge x-z,
/// s_z = Σ_{y∈Γ(z)} w_zy the strength of z, α = weight_exponent, and sums over the common
/// neighbours z ∈ Γ(x)∩Γ(y) (Lü & Zhou 2011, Physica A 390:1150; Lü & Zhou 2010, EPL 89:18001):
/// - common_neighbours |Γ(x)∩Γ(y)|;
/// - jaccard |Γ(x)∩Γ(y)| / |Γ(x)∪Γ(y)| (0 when the union is empty, as NetworkX);
/// - salton |Γ(x)∩Γ(y)| / √(k_x k_y) (0 when k_x k_y = 0);
/// - adamic_adar Σ 1/ln k_z (k_z ≥ 2 for a common neighbour; Adamic & Adar 2003);
/// - resource_allocation Σ 1/k_z (Zhou, Lü & Zhang 2009);
/// - preferential_attachment k_x k_y;
/// - katz [(I − βA)⁻¹ − I]_xy = Σ_{l≥1} β^l (A^l)_xy over the 0/1 adjacency matrix A, computed
///   exactly (dense Cholesky factorisation of I − βA, which is positive definite when β < 1/λmax),
///   not a truncated path sum. Converges only when β < 1/λmax; otherwise katz_info = not_converged
///   and no Katz score is given; above opts.katz_max_nodes nodes katz_info = not_computed (no
///   Katz score, λmax 0);
/// - weighted_common_neighbours Σ (w_xz^α + w_zy^α);
/// - weighted_adamic_adar Σ (w_xz^α + w_zy^α) / ln(1 + s_z);
/// - weighted_resource_allocation Σ (w_xz^α + w_zy^α) / s_z.
/// s_z is the plain strength (weights not raised to α); with the default α = 1 the two readings
/// of the paper agree.
///
/// \param g     the graph (its edge weights enter only the weighted scores).
/// \param pairs candidate pairs, source < target, both < g.num_nodes() (any order; e.g. non_edges(g)).
/// \param opts  Katz β, weight exponent, threads (katz_max_nodes: see katz_solve()).
/// \param katz  the Katz resolvent of `g` (katz_solve(g, opts)), solved once for many calls.
/// \throws invalid_argument for a pair out of range or with source >= target, a negative or
///         non-finite β or α.
/// Deterministic for any thread count: each pair's sums run over its common neighbours in
/// ascending id order. Complexity: O(Σ_x Σ_{z∈Γ(x)} k_z + |pairs|) for the local scores,
/// O(n³) time and O(n²) memory for λmax and Katz (katz_solve(); none above katz_max_nodes).
inline link_scores link_prediction(const graph& g, const std::vector<node_pair>& pairs,
                                   const link_prediction_options& opts, const katz_solution& katz) {
    techconv::detail::require(std::isfinite(opts.katz_beta) && opts.katz_beta >= 0,
                              "cograph::link_prediction: katz_beta must be finite and >= 0");
    techconv::detail::require(std::isfinite(opts.weight_exponent) && opts.weight_exponent >= 0,
                              "cograph::link_prediction: weight_exponent must be finite and >= 0");
    const index n = g.num_nodes();
    const auto np = static_cast<index>(pairs.size());
    for (const auto& p : pairs)
        techconv::detail::require(p.source >= 0 && p.source < p.target && p.target < n,
                                  "cograph::link_prediction: a pair must have 0 <= source < target < nodes");
    link_scores out;
    for (auto& v : out.values) v = vector::Zero(np);

    // pairs grouped by source (stable: the given order within a source)
    std::vector<index> order(pairs.size());
    std::iota(order.begin(), order.end(), index{0});
    std::stable_sort(order.begin(), order.end(), [&](index a, index b) {
        return pairs[static_cast<std::size_t>(a)].source < pairs[static_cast<std::size_t>(b)].source;
    });
    std::vector<index> group_start;  // offsets into order where a new source begins
    for (std::size_t k = 0; k < order.size(); ++k)
        if (k == 0 || pairs[static_cast<std::size_t>(order[k])].source !=
                          pairs[static_cast<std::size_t>(order[k - 1])].source)
            group_start.push_back(static_cast<index>(k));
    const auto groups = static_cast<index>(group_start.size());
    group_start.push_back(np);

    std::vector<double> strength(static_cast<std::size_t>(n), 0.0);
    for (index z = 0; z < n; ++z) {
        const adjacency a = g.neighbors(z);
        for (index k = 0; k < a.size(); ++k) strength[static_cast<std::size_t>(z)] += a.weight(k);
    }
    const double alpha = opts.weight_exponent;
    auto wpow = [alpha](double w) { return alpha == 1.0 ? w : std::pow(w, alpha); };

    techconv::detail::for_each_chunk(groups, 16, opts.threads, [&](index, index gb, index ge) {
        // per-chunk accumulators over target ids; touched lists them for reset
        std::vector<double> cn(static_cast<std::size_t>(n), 0.0), aa(cn), ra(cn), wcn(cn), waa(cn), wra(cn);
        std::vector<index> touched;
        for (index gi = gb; gi < ge; ++gi) {
            const index x = pairs[static_cast<std::size_t>(order[static_cast<std::size_t>(group_start[static_cast<std::size_t>(gi)])])].source;
            const adjacency ax = g.neighbors(x);
            for (index i = 0; i < ax.size(); ++i) {
                const index z = ax.node(i);
                const double wxz = wpow(ax.weight(i));
                const adjacency az = g.neighbors(z);
                const double kz = static_cast<double>(az.size());
                const double sz = strength[static_cast<std::size_t>(z)];
                for (index j = 0; j < az.size(); ++j) {
                    const index y = az.node(j);
                    if (y <= x) continue;
                    const auto yy = static_cast<std::size_t>(y);
                    if (cn[yy] == 0.0) touched.push_back(y);
                    const double wsum = wxz + wpow(az.weight(j));
                    cn[yy] += 1.0;
                    aa[yy] += 1.0 / std::log(kz);
                    ra[yy] += 1.0 / kz;
                    wcn[yy] += wsum;
                    waa[yy] += wsum / std::log(1.0 + sz);
                    wra[yy] += wsum / sz;
                }
            }
            const double kx = static_cast<double>(ax.size());
            for (index k = group_start[static_cast<std::size_t>(gi)]; k < group_start[static_cast<std::size_t>(gi) + 1]; ++k) {
                const index pi = order[static_cast<std::size_t>(k)];
                const auto yy = static_cast<std::size_t>(pairs[static_cast<std::size_t>(pi)].target);
                const double ky = static_cast<double>(g.degree(pairs[static_cast<std::size_t>(pi)].target));
                const double c = cn[yy];
                const double uni = kx + ky - c;
                out.values[0][pi] = c;
                out.values[1][pi] = uni > 0 ? c / uni : 0.0;
                out.values[2][pi] = kx * ky > 0 ? c / std::sqrt(kx * ky) : 0.0;
                out.values[3][pi] = aa[yy];
                out.values[4][pi] = ra[yy];
                out.values[5][pi] = kx * ky;
                out.values[7][pi] = wcn[yy];
                out.values[8][pi] = waa[yy];
                out.values[9][pi] = wra[yy];
            }
            for (const index y : touched) {
                const auto yy = static_cast<std::size_t>(y);
                cn[yy] = aa[yy] = ra[yy] = wcn[yy] = waa[yy] = wra[yy] = 0.0;
            }
            touched.clear();
        }
    });

    // Katz from the resolvent
    out.lambda_max = katz.lambda_max;
    out.katz_beta = katz.beta;
    out.katz_info = katz.info;
    if (katz.info == status::empty_input) return out;  // A = 0: every Katz score is 0
    if (katz.info != status::ok) {
        out.values[6] = vector();
        return out;
    }
    techconv::detail::require(katz.resolvent.rows() == n, "cograph::link_prediction: the Katz solution is of another graph");
    for (index k = 0; k < np; ++k) {
        const auto& p = pairs[static_cast<std::size_t>(k)];
        out.values[6][k] = katz.score(p.source, p.target);  // off-diagonal: the − I does not touch it
    }
    return out;
}

/// \brief link_prediction() with the Katz resolvent solved here (katz_solve(g, opts)).
inline link_scores link_prediction(const graph& g, const std::vector<node_pair>& pairs,
                                   const link_prediction_options& opts = {}) {
    return link_prediction(g, pairs, opts, katz_solve(g, opts));
}

}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_LINK_PREDICTION_HPP_
