// SPDX-License-Identifier: BSL-1.0
//
// Node centralities of a cograph::graph: degree, strength (the [KCT]
// "degree centrality"), betweenness and closeness with an explicit weight
// meaning, eigenvector centrality and PageRank.
#ifndef TECHCONV_COGRAPH_CENTRALITY_HPP_
#define TECHCONV_COGRAPH_CENTRALITY_HPP_

#include <algorithm>  // std::max, std::stable_sort
#include <cmath>      // std::fabs, std::sqrt
#include <cstdint>    // std::uint32_t
#include <numeric>    // std::iota
#include <vector>     // std::vector

#include "techconv/cograph/detail/paths.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief Number of neighbours of every node.
/// Complexity: O(n).
inline vector degree(const graph& g) {
    vector d(g.num_nodes());
    for (index v = 0; v < g.num_nodes(); ++v) d[v] = static_cast<double>(g.degree(v));
    return d;
}

/// \brief Strength (weighted degree) s_v = sum of the weights of v's edges.
///
/// This is [KCT]'s "degree centrality" of Table 5 (co-occurrence counts summed).
/// Complexity: O(n + m).
inline vector strength(const graph& g) {
    vector s(g.num_nodes());
    for (index v = 0; v < g.num_nodes(); ++v) {
        const adjacency a = g.neighbors(v);
        double t = 0;
        for (index k = 0; k < a.size(); ++k) t += a.weight(k);
        s[v] = t;
    }
    return s;
}

/// \brief Node ids ordered by score descending, ties by id ascending.
/// Complexity: O(n log n).
inline std::vector<index> ranking(const vector& score) {
    std::vector<index> order(static_cast<std::size_t>(score.size()));
    std::iota(order.begin(), order.end(), index{0});
    std::stable_sort(order.begin(), order.end(), [&](index a, index b) { return score[a] > score[b]; });
    return order;
}

/// \brief Options of betweenness().
struct betweenness_options {
    weight_meaning weights = weight_meaning::similarity;  ///< how weights become lengths
    bool normalized = false;  ///< divide by (n-1)(n-2)/2, the number of pairs excluding the node
    int threads = 1;          ///< worker threads (0 = hardware); results do not depend on it
    shortest_path_method method = shortest_path_method::automatic;  ///< weighted search; results do not depend on it
};

/// \brief Result of a path-based centrality.
struct centrality_result {
    vector values;             ///< one value per node
    status info = status::ok;  ///< disconnected when the graph has several components
};

namespace detail {

inline index path_chunk(index n) { return std::max<index>(1, (n + 127) / 128); }

/// Zero values for n nodes; status empty_input when n == 0.
inline centrality_result path_result(index n) {
    centrality_result res;
    res.values = vector::Zero(n);
    if (n == 0) res.info = status::empty_input;
    return res;
}

}  // namespace detail

/// \brief Shortest-path betweenness centrality (Brandes 2001).
///
/// b(v) = sum over unordered pairs s != t, both != v, of sigma_st(v) / sigma_st,
/// with path lengths from `opts.weights`: hop counts, weights as lengths, or
/// 1/weight (co-occurrence strength as similarity). Matches igraph's
/// `betweenness(weights=...)` with the same lengths, and NetworkX's
/// `betweenness_centrality(normalized=False, weight=...)`.
/// Path lengths within a relative 1e-10 count as equal (igraph's rule): a
/// node u is a predecessor of x when d(u) + l(u, x) ties with d(x) at the
/// time u is settled; the dependencies then flow back along the recorded
/// predecessors (as igraph does) instead of rescanning every edge.
/// \param g    the graph.
/// \param opts weight meaning, normalisation, threads, search method.
/// \returns values and status::disconnected if the graph is not connected
///          (pairs without a path contribute nothing).
/// \throws invalid_argument for 2^31 nodes or more.
/// Degenerate input: fewer than 3 nodes gives zeros (normalised: zeros).
/// Complexity: per source O(m) unweighted, O(m log n) with the heap,
/// O(m + n sqrt n) with the dense array; O(n + m) memory per thread.
/// Parallel over sources in fixed chunks with an ordered reduction:
/// bit-identical for any thread count and for either search method.
inline centrality_result betweenness(const graph& g, const betweenness_options& opts = {}) {
    const index n = g.num_nodes();
    centrality_result res = detail::path_result(n);
    if (n == 0) return res;
    const detail::path_graph pg = detail::make_path_graph(g, opts.weights, opts.method);
    const index chunk = detail::path_chunk(n);
    const index nchunks = techconv::detail::chunk_count(n, chunk);
    std::vector<std::vector<double>> part(static_cast<std::size_t>(nchunks));
    std::vector<char> part_disc(static_cast<std::size_t>(nchunks), 0);
    techconv::detail::for_each_chunk(n, chunk, opts.threads, [&](index c, index b, index e) {
        detail::sssp_workspace w(pg, true);
        std::vector<double> acc(static_cast<std::size_t>(n), 0.0);
        for (index s = b; s < e; ++s) {
            detail::sssp<true>(pg, s, w);
            if (static_cast<index>(w.order.size()) != n) part_disc[static_cast<std::size_t>(c)] = 1;
            for (const index v : w.order) w.delta[static_cast<std::size_t>(v)] = 0.0;
            // dependencies flow from each node to its predecessors, farthest nodes first
            for (auto it = w.order.rbegin(); it != w.order.rend(); ++it) {
                const auto x = static_cast<std::size_t>(*it);
                const double coeff = (1.0 + w.delta[x]) / w.sigma[x];
                const std::uint32_t* p = w.pred.data() + pg.off[x];
                for (std::uint32_t k = 0; k < w.npred[x]; ++k) w.delta[p[k]] += w.sigma[p[k]] * coeff;
                if (static_cast<index>(x) != s) acc[x] += w.delta[x];
            }
        }
        part[static_cast<std::size_t>(c)] = std::move(acc);
    });
    for (const auto& p : part)
        for (index v = 0; v < n; ++v) res.values[v] += p[static_cast<std::size_t>(v)];
    res.values *= 0.5;  // each unordered pair was counted from both ends
    if (opts.normalized) {
        const double pairs = static_cast<double>(n - 1) * static_cast<double>(n - 2) / 2.0;
        if (pairs > 0) res.values /= pairs;
    }
    for (const char d : part_disc)
        if (d != 0) res.info = status::disconnected;
    return res;
}

/// \brief How closeness is scaled (the tools disagree; choose explicitly).
enum class closeness_scale : unsigned char {
    inverse_sum,      ///< 1 / sum of distances to reachable nodes (igraph, normalized = false)
    mean_reachable,   ///< (r - 1) / sum, r = nodes reached incl. itself (igraph, normalized = true)
    wasserman_faust,  ///< (r - 1)^2 / ((n - 1) sum) (NetworkX default, wf_improved = true)
};

/// \brief Options of closeness().
struct closeness_options {
    weight_meaning weights = weight_meaning::similarity;  ///< how weights become lengths
    closeness_scale scale = closeness_scale::mean_reachable;  ///< scaling variant
    int threads = 1;  ///< worker threads (0 = hardware); results do not depend on it
    shortest_path_method method = shortest_path_method::automatic;  ///< weighted search; results do not depend on it
};

/// \brief Closeness centrality over the reachable nodes.
///
/// With D_v the sum of shortest-path lengths from v to the r_v - 1 other
/// nodes it reaches: inverse_sum 1/D_v, mean_reachable (r_v - 1)/D_v,
/// wasserman_faust (r_v - 1)^2 / ((n - 1) D_v). Lengths from `opts.weights`.
/// \returns values and status::disconnected if the graph is not connected.
/// \throws invalid_argument for 2^31 nodes or more.
/// Degenerate input: an isolated node gets 0 (igraph reports NaN).
/// Complexity: as betweenness() (no predecessor storage); parallel over
/// sources, bit-identical for any thread count and either search method.
inline centrality_result closeness(const graph& g, const closeness_options& opts = {}) {
    const index n = g.num_nodes();
    centrality_result res = detail::path_result(n);
    if (n == 0) return res;
    const detail::path_graph pg = detail::make_path_graph(g, opts.weights, opts.method);
    bool disconnected = false;
    std::vector<char> part_disc(static_cast<std::size_t>(techconv::detail::chunk_count(n, detail::path_chunk(n))), 0);
    techconv::detail::for_each_chunk(n, detail::path_chunk(n), opts.threads, [&](index c, index b, index e) {
        detail::sssp_workspace w(pg, false);
        for (index s = b; s < e; ++s) {
            detail::sssp<false>(pg, s, w);
            double sum = 0;
            for (const index v : w.order) sum += w.dist[static_cast<std::size_t>(v)];
            const auto r = static_cast<double>(w.order.size());
            if (static_cast<index>(w.order.size()) != n) part_disc[static_cast<std::size_t>(c)] = 1;
            double val = 0;
            if (sum > 0) {
                switch (opts.scale) {
                    case closeness_scale::inverse_sum: val = 1.0 / sum; break;
                    case closeness_scale::mean_reachable: val = (r - 1.0) / sum; break;
                    case closeness_scale::wasserman_faust:
                        val = (r - 1.0) * (r - 1.0) / (static_cast<double>(n - 1) * sum);
                        break;
                }
            }
            res.values[s] = val;
        }
    });
    for (const char d : part_disc) disconnected = disconnected || d != 0;
    if (disconnected) res.info = status::disconnected;
    return res;
}

/// \brief How eigenvector centralities are scaled.
enum class eigen_scale : unsigned char {
    max_one,      ///< largest value 1 (igraph, scale = true)
    unit_length,  ///< Euclidean norm 1 (NetworkX)
};

/// \brief Options of eigenvector_centrality() and pagerank().
struct spectral_options {
    bool weighted = true;            ///< use edge weights (false: every edge 1)
    eigen_scale scale = eigen_scale::max_one;  ///< eigenvector scaling
    double damping = 0.85;           ///< PageRank damping factor d
    double tolerance = 1e-13;        ///< stop when the max-norm (eigenvector) / L1 (PageRank) change is below
    index max_iterations = 100000;   ///< iteration cap (status::not_converged when hit)
    int threads = 1;                 ///< worker threads (0 = hardware); results do not depend on it
};

/// \brief Result of an iterative centrality.
struct spectral_result {
    vector values;             ///< one value per node
    index iterations = 0;      ///< iterations performed
    double eigenvalue = 0;     ///< leading eigenvalue of the (weighted) adjacency (eigenvector only)
    status info = status::ok;  ///< not_converged, empty_input
};

namespace detail {

/// y = A x (+ x if shift), parallel over row chunks (each row is independent: deterministic).
inline void adj_multiply(const graph& g, bool weighted, bool shift, const vector& x, vector& y, int threads) {
    const auto& off = g.offsets();
    const auto& tgt = g.targets();
    const auto& wt = g.weights();
    techconv::detail::for_each_chunk(g.num_nodes(), 4096, threads, [&](index, index b, index e) {
        for (index v = b; v < e; ++v) {
            double s = shift ? x[v] : 0.0;
            for (index k = off[static_cast<std::size_t>(v)]; k < off[static_cast<std::size_t>(v) + 1]; ++k)
                s += (weighted ? wt[static_cast<std::size_t>(k)] : 1.0) * x[tgt[static_cast<std::size_t>(k)]];
            y[v] = s;
        }
    });
}

/// Fixed-point iteration: step(x, y) writes the next iterate into y and
/// returns the change; stops below the tolerance or at the cap (not_converged).
template <class Step>
void iterate(spectral_result& res, vector& x, vector& y, const spectral_options& opts, Step&& step) {
    index it = 0;
    bool conv = false;
    while (!conv && it < opts.max_iterations) {
        ++it;
        const double diff = step(x, y);
        x.swap(y);
        conv = diff < opts.tolerance;
    }
    res.iterations = it;
    if (!conv) res.info = status::not_converged;
}

}  // namespace detail

/// \brief Eigenvector centrality: the leading eigenvector of the (weighted) adjacency.
///
/// Power iteration on A + I (same eigenvectors, no oscillation on bipartite
/// graphs) from the strength vector, as igraph starts from the degrees.
/// On a disconnected graph the vector concentrates on the component with the
/// largest eigenvalue (as igraph's ARPACK result). Compare with igraph's
/// `eigenvector_centrality(weights=..., scale=True)` (max_one) or NetworkX's
/// `eigenvector_centrality_numpy` (unit_length).
/// \returns values, iterations, eigenvalue; status::not_converged at the
///          cap, status::empty_input for no nodes.
/// Degenerate input: a graph without edges gives all ones (max_one) or
/// 1/sqrt(n) (unit_length) and eigenvalue 0, as every vector is an
/// eigenvector of the zero matrix.
/// Complexity: O(iterations m).
inline spectral_result eigenvector_centrality(const graph& g, const spectral_options& opts = {}) {
    const index n = g.num_nodes();
    spectral_result res;
    if (n == 0) {
        res.info = status::empty_input;
        return res;
    }
    vector x(n);
    if (g.num_edges() == 0) {
        x.setOnes();
    } else {
        x = opts.weighted ? strength(g) : degree(g);
        x /= x.maxCoeff();
        vector y(n);
        detail::iterate(res, x, y, opts, [&](const vector& cur, vector& next) {
            detail::adj_multiply(g, opts.weighted, true, cur, next, opts.threads);
            next /= next.maxCoeff();
            return (next - cur).cwiseAbs().maxCoeff();
        });
        detail::adj_multiply(g, opts.weighted, false, x, y, opts.threads);
        res.eigenvalue = y.dot(x) / x.squaredNorm();
    }
    if (opts.scale == eigen_scale::max_one)
        x /= x.maxCoeff();
    else
        x /= x.norm();
    res.values = std::move(x);
    return res;
}

/// \brief PageRank of the (weighted) undirected graph.
///
/// PR(v) = (1 - d)/n + d sum_u PR(u) w_uv / s_u + d/n sum over nodes u
/// without edges of PR(u): dangling mass is spread uniformly, as igraph's
/// PRPACK does. Power (Jacobi) iteration until the L1 change < tolerance.
/// Compare with igraph's `pagerank(weights=..., directed=False)`.
/// \returns values summing to 1, iterations; not_converged at the cap.
/// Degenerate input: no edges gives 1/n everywhere; no nodes empty_input.
/// \throws invalid_argument unless 0 <= damping < 1.
/// Complexity: O(iterations m), about log(tolerance)/log(d) iterations;
/// parallel over rows, deterministic.
inline spectral_result pagerank(const graph& g, const spectral_options& opts = {}) {
    techconv::detail::require(opts.damping >= 0 && opts.damping < 1,
                              "cograph::pagerank: damping must be in [0, 1)");
    const index n = g.num_nodes();
    spectral_result res;
    if (n == 0) {
        res.info = status::empty_input;
        return res;
    }
    const vector s = opts.weighted ? strength(g) : degree(g);
    const double d = opts.damping;
    vector x = vector::Constant(n, 1.0 / static_cast<double>(n));
    vector y(n), z(n);
    detail::iterate(res, x, y, opts, [&](const vector& cur, vector& next) {
        double dangling = 0;
        for (index v = 0; v < n; ++v) {
            if (s[v] > 0)
                z[v] = cur[v] / s[v];
            else {
                z[v] = 0;
                dangling += cur[v];
            }
        }
        detail::adj_multiply(g, opts.weighted, false, z, next, opts.threads);
        const double base = (1.0 - d) / static_cast<double>(n) + d * dangling / static_cast<double>(n);
        next = (next * d).array() + base;
        next /= next.sum();
        return (next - cur).cwiseAbs().sum();
    });
    res.values = std::move(x);
    return res;
}

}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_CENTRALITY_HPP_
