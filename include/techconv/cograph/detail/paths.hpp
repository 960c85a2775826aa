// SPDX-License-Identifier: BSL-1.0
//
// Single-source shortest paths for betweenness and closeness: BFS for
// unit lengths, Dijkstra with a binary heap otherwise, both counting the
// shortest paths (Brandes 2001). Distances within a relative 1e-10 of each
// other count as equal, as in igraph, so that sums of reciprocal weights
// that differ only by rounding still tie.
#ifndef TECHCONV_COGRAPH_DETAIL_PATHS_HPP_
#define TECHCONV_COGRAPH_DETAIL_PATHS_HPP_

#include <cmath>      // std::fabs
#include <functional>  // std::greater
#include <limits>     // std::numeric_limits
#include <queue>      // std::priority_queue
#include <utility>    // std::pair
#include <vector>     // std::vector

#include "techconv/cograph/graph.hpp"
#include "techconv/config.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief What an edge weight means for path-based measures.
enum class weight_meaning : unsigned char {
    ignore,      ///< every edge has length 1 (hop counts)
    distance,    ///< the weight is the edge length (igraph's convention)
    similarity,  ///< the weight is a strength; the edge length is 1 / weight
};

namespace detail {

/// Length of an edge of weight `w` under `m`.
inline double edge_length(double w, weight_meaning m) noexcept {
    switch (m) {
        case weight_meaning::ignore: return 1.0;
        case weight_meaning::distance: return w;
        case weight_meaning::similarity: return 1.0 / w;
    }
    return 1.0;
}

/// a == b within a relative 1e-10 (igraph's shortest-path epsilon).
inline bool same_length(double a, double b) noexcept {
    if (a == b) return true;
    const double diff = std::fabs(a - b);
    const double sum = std::fabs(a) + std::fabs(b);
    return diff < 1e-10 * sum;
}

/// Reusable single-source shortest-path state.
struct sssp_workspace {
    std::vector<double> dist;   ///< distance from the source (infinity: unreached)
    std::vector<double> sigma;  ///< number of shortest paths from the source
    std::vector<index> order;   ///< reached nodes in non-decreasing distance
    std::vector<double> delta;  ///< Brandes dependency accumulator
    std::vector<double> len;    ///< edge lengths parallel to graph::targets()
    std::priority_queue<std::pair<double, index>, std::vector<std::pair<double, index>>,
                        std::greater<std::pair<double, index>>>
        heap;

    explicit sssp_workspace(index n)
        : dist(static_cast<std::size_t>(n), std::numeric_limits<double>::infinity()),
          sigma(static_cast<std::size_t>(n), 0.0),
          delta(static_cast<std::size_t>(n), 0.0) {
        order.reserve(static_cast<std::size_t>(n));
    }
};

/// Edge lengths of `g` under `m`, parallel to g.targets().
inline std::vector<double> edge_lengths(const graph& g, weight_meaning m) {
    std::vector<double> len(g.weights().size());
    for (std::size_t k = 0; k < len.size(); ++k) len[k] = edge_length(g.weights()[k], m);
    return len;
}

/// Runs SSSP from `s`; fills dist, sigma (if count_paths), order. `len` empty: unit lengths.
inline void sssp(const graph& g, const std::vector<double>& len, index s, sssp_workspace& w,
                 bool count_paths) {
    const double inf = std::numeric_limits<double>::infinity();
    for (const index v : w.order) {
        w.dist[static_cast<std::size_t>(v)] = inf;
        w.sigma[static_cast<std::size_t>(v)] = 0.0;
    }
    w.order.clear();
    const auto& off = g.offsets();
    const auto& tgt = g.targets();
    w.dist[static_cast<std::size_t>(s)] = 0.0;
    w.sigma[static_cast<std::size_t>(s)] = 1.0;
    if (len.empty()) {
        w.order.push_back(s);
        for (std::size_t head = 0; head < w.order.size(); ++head) {
            const index v = w.order[head];
            const double dv = w.dist[static_cast<std::size_t>(v)] + 1.0;
            const double sv = w.sigma[static_cast<std::size_t>(v)];
            for (index k = off[static_cast<std::size_t>(v)]; k < off[static_cast<std::size_t>(v) + 1]; ++k) {
                const auto u = static_cast<std::size_t>(tgt[static_cast<std::size_t>(k)]);
                if (w.dist[u] == inf) {
                    w.dist[u] = dv;
                    w.order.push_back(static_cast<index>(u));
                }
                if (count_paths && w.dist[u] == dv) w.sigma[u] += sv;
            }
        }
        return;
    }
    // Dijkstra with lazy deletion; `order` gets each node when it is settled.
    std::vector<index>& settled = w.order;
    w.heap.push({0.0, s});
    // sigma < 0 marks a settled node (value -sigma - 1, restored at the end).
    while (!w.heap.empty()) {
        const auto [d, v] = w.heap.top();
        w.heap.pop();
        const auto vv = static_cast<std::size_t>(v);
        if (d > w.dist[vv]) continue;                     // stale entry
        if (w.sigma[vv] < 0) continue;                    // already settled (marked below)
        settled.push_back(v);
        const double sv = w.sigma[vv];
        w.sigma[vv] = -sv - 1.0;                          // mark settled, keep value recoverable
        for (index k = off[vv]; k < off[vv + 1]; ++k) {
            const auto u = static_cast<std::size_t>(tgt[static_cast<std::size_t>(k)]);
            if (w.sigma[u] < 0) continue;                 // settled
            const double alt = d + len[static_cast<std::size_t>(k)];
            const double du = w.dist[u];
            if (du == inf || (alt < du && !same_length(alt, du))) {
                w.dist[u] = alt;
                if (count_paths) w.sigma[u] = sv;
                w.heap.push({alt, static_cast<index>(u)});
            } else if (count_paths && same_length(alt, du)) {
                w.sigma[u] += sv;
            }
        }
    }
    for (const index v : settled) {
        auto& sg = w.sigma[static_cast<std::size_t>(v)];
        sg = -sg - 1.0;
    }
}

}  // namespace detail
}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_DETAIL_PATHS_HPP_
