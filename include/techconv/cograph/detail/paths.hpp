// SPDX-License-Identifier: BSL-1.0
//
// Single-source shortest paths for betweenness and closeness, counting the
// shortest paths and recording their predecessors (Brandes 2001):
//  - breadth-first search for unit lengths;
//  - Dijkstra with an indexed 4-ary heap (decrease-key) for sparse graphs;
//  - Dijkstra with an array of tentative distances and per-block minima
//    (O(n sqrt n) to find the minima, no heap) for dense graphs.
// Distances within a relative 1e-10 of each other count as equal, as in
// igraph, so that sums of reciprocal weights that differ only by rounding
// still tie. All variants settle nodes in the same order (distance
// ascending, ties by node id ascending) and apply the same tie rule.
#ifndef TECHCONV_COGRAPH_DETAIL_PATHS_HPP_
#define TECHCONV_COGRAPH_DETAIL_PATHS_HPP_

#include <cmath>      // std::fabs, std::sqrt
#include <cstdint>    // std::uint32_t, std::int32_t
#include <limits>     // std::numeric_limits
#include <string_view>  // std::string_view
#include <vector>     // std::vector

#include "techconv/cograph/graph.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/vocabulary.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief What an edge weight means for path-based measures.
enum class weight_meaning : unsigned char {
    ignore,      ///< every edge has length 1 (hop counts)
    distance,    ///< the weight is the edge length (igraph's convention)
    similarity,  ///< the weight is a strength; the edge length is 1 / weight
};

/// \brief The names of the weight meanings (to_string, weight_meaning_from_string).
inline constexpr named<weight_meaning> weight_meaning_names[] = {
    {weight_meaning::similarity, "similarity"}, {weight_meaning::distance, "distance"}, {weight_meaning::ignore, "ignore"}};

/// \brief Name of a weight meaning: "similarity", "distance" or "ignore".
constexpr std::string_view to_string(weight_meaning m) noexcept { return name_of(m, weight_meaning_names); }

/// \brief The weight meaning named `name` (a name of to_string()).
/// \throws invalid_argument for any other name, listing the accepted ones.
inline weight_meaning weight_meaning_from_string(std::string_view name) {
    return from_name(name, weight_meaning_names, "weight meaning");
}

/// \brief How weighted shortest paths are searched (results are the same).
///
/// Unit lengths (weight_meaning::ignore) always use breadth-first search.
enum class shortest_path_method : unsigned char {
    automatic,    ///< dense_array when 2m > n^2 / 8 (density above about 1/8), else heap
    heap,         ///< Dijkstra with an indexed 4-ary heap: O(m log n) per source
    dense_array,  ///< Dijkstra over an array of tentative distances: O(m + n sqrt n) per source
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

/// The graph as searched: CSR offsets, 32-bit neighbour ids and edge
/// lengths as separate contiguous arrays (lengths empty: unit lengths).
struct path_graph {
    index n = 0;                       ///< number of nodes
    const index* off = nullptr;        ///< CSR offsets (n + 1)
    std::vector<std::uint32_t> tgt;    ///< neighbour ids, parallel to graph::targets()
    std::vector<double> len;           ///< edge lengths; empty for unit lengths
    shortest_path_method method = shortest_path_method::heap;  ///< resolved (never automatic)
};

/// Prepares `g` for path searches: lengths under `m` computed once.
/// Throws invalid_argument for 2^31 nodes or more (32-bit ids and heap positions).
inline path_graph make_path_graph(const graph& g, weight_meaning m,
                                  shortest_path_method method = shortest_path_method::automatic) {
    techconv::detail::require(g.num_nodes() < (index{1} << 31),
                              "cograph: path measures support fewer than 2^31 nodes");
    path_graph pg;
    pg.n = g.num_nodes();
    pg.off = g.offsets().data();
    const auto& t = g.targets();
    pg.tgt.resize(t.size());
    for (std::size_t k = 0; k < t.size(); ++k) pg.tgt[k] = static_cast<std::uint32_t>(t[k]);
    if (m != weight_meaning::ignore) {
        pg.len.resize(t.size());
        for (std::size_t k = 0; k < t.size(); ++k) pg.len[k] = edge_length(g.weights()[k], m);
    }
    if (method == shortest_path_method::automatic) {
        const double nn = static_cast<double>(pg.n) * static_cast<double>(pg.n);
        method = static_cast<double>(t.size()) > nn / 8.0 ? shortest_path_method::dense_array
                                                           : shortest_path_method::heap;
    }
    pg.method = method;
    return pg;
}

/// Reusable single-source shortest-path state (one per thread).
///
/// After a search: `order` holds the reached nodes in settling order
/// (distance ascending, ties by id), `dist` and `sigma` their distances and
/// shortest-path counts, and (if paths were counted) the predecessors of
/// node v on shortest paths are pred[off[v]] .. pred[off[v] + npred[v] - 1].
struct sssp_workspace {
    std::vector<double> dist;           ///< distance from the source (infinity: unreached)
    std::vector<double> sigma;          ///< number of shortest paths from the source
    std::vector<index> order;           ///< reached nodes in settling order
    std::vector<double> delta;          ///< Brandes dependency accumulator
    std::vector<std::uint32_t> pred;    ///< predecessors, in the CSR slots of each node
    std::vector<std::uint32_t> npred;   ///< number of predecessors of each node
    std::vector<double> key;            ///< tentative distance; NaN once settled
    std::vector<double> block_min;      ///< dense_array: minimum key of each block
    std::vector<std::int32_t> pos;      ///< heap: position of each node (-1: not in the heap)
    std::vector<double> heap_key;       ///< heap: keys, 4-ary, index 0 = root
    std::vector<std::uint32_t> heap_node;  ///< heap: node of each key
    int block_shift = 0;                ///< dense_array: log2 of the block size

    /// State for searches on `pg`; predecessor storage only if `count_paths`.
    sssp_workspace(const path_graph& pg, bool count_paths)
        : dist(static_cast<std::size_t>(pg.n), std::numeric_limits<double>::infinity()),
          sigma(static_cast<std::size_t>(pg.n), 0.0),
          delta(count_paths ? static_cast<std::size_t>(pg.n) : 0, 0.0),
          pred(count_paths ? pg.tgt.size() : 0),
          npred(static_cast<std::size_t>(pg.n), 0) {
        const auto n = static_cast<std::size_t>(pg.n);
        order.reserve(n);
        if (pg.len.empty()) return;
        if (pg.method == shortest_path_method::dense_array) {
            // blocks of about sqrt(n) nodes (a power of two, at least 8)
            while ((std::size_t{1} << (block_shift + 1)) * (std::size_t{1} << (block_shift + 1)) <= n ||
                   block_shift < 3)
                ++block_shift;
            const std::size_t nb = (n >> block_shift) + 1;
            key.assign(nb << block_shift, std::numeric_limits<double>::quiet_NaN());
            block_min.assign(nb, std::numeric_limits<double>::infinity());
        } else {
            key.assign(n, std::numeric_limits<double>::infinity());
            pos.assign(n, -1);
            heap_key.reserve(n);
            heap_node.reserve(n);
        }
    }
};

/// Records v as the only predecessor of u (if counting paths).
template <bool Count>
inline void first_pred(const path_graph& pg, sssp_workspace& w, std::size_t u, std::uint32_t v, double sv) {
    if constexpr (Count) {
        w.sigma[u] = sv;
        w.pred[static_cast<std::size_t>(pg.off[u])] = v;
        w.npred[u] = 1;
    }
}

/// Adds v as one more predecessor of u (if counting paths).
template <bool Count>
inline void more_pred(const path_graph& pg, sssp_workspace& w, std::size_t u, std::uint32_t v, double sv) {
    if constexpr (Count) {
        w.sigma[u] += sv;
        w.pred[static_cast<std::size_t>(pg.off[u]) + w.npred[u]++] = v;
    }
}

/// Clears the state left by the previous search.
inline void reset(sssp_workspace& w) {
    const double inf = std::numeric_limits<double>::infinity();
    const bool keys = !w.key.empty();  // NaN keys of settled nodes back to infinity
    for (const index v : w.order) {
        const auto vv = static_cast<std::size_t>(v);
        if (keys) w.key[vv] = inf;
        w.dist[vv] = inf;
        w.sigma[vv] = 0.0;
        w.npred[vv] = 0;
    }
    w.order.clear();
}

/// Breadth-first search from s (unit lengths).
template <bool Count>
inline void sssp_bfs(const path_graph& pg, index s, sssp_workspace& w) {
    const double inf = std::numeric_limits<double>::infinity();
    w.order.push_back(s);
    for (std::size_t head = 0; head < w.order.size(); ++head) {
        const auto v = static_cast<std::size_t>(w.order[head]);
        const double dv = w.dist[v] + 1.0;
        const double sv = w.sigma[v];
        for (index k = pg.off[v]; k < pg.off[v + 1]; ++k) {
            const std::size_t u = pg.tgt[static_cast<std::size_t>(k)];
            if (w.dist[u] == inf) {
                w.dist[u] = dv;
                w.order.push_back(static_cast<index>(u));
                first_pred<Count>(pg, w, u, static_cast<std::uint32_t>(v), sv);
            } else if (Count && w.dist[u] == dv) {
                more_pred<Count>(pg, w, u, static_cast<std::uint32_t>(v), sv);
            }
        }
    }
}

/// Relaxes the edges of the settled node v (distance d) into the tentative
/// keys; `improved(u, alt)` is called when u's key drops to alt. Settled
/// nodes have a NaN key, which no comparison accepts.
template <bool Count, class Improved>
inline void relax(const path_graph& pg, sssp_workspace& w, std::size_t v, double d, Improved&& improved) {
    const double sv = Count ? w.sigma[v] : 0.0;
    const index b = pg.off[v], e = pg.off[v + 1];
    const std::uint32_t* tgt = pg.tgt.data();
    const double* len = pg.len.data();
    double* key = w.key.data();
    for (index k = b; k < e; ++k) {
        const std::size_t u = tgt[k];
        const double alt = d + len[k];
        const double du = key[u];
        if (alt < du) {
            if (same_length(alt, du)) {
                more_pred<Count>(pg, w, u, static_cast<std::uint32_t>(v), sv);
            } else {
                key[u] = alt;
                first_pred<Count>(pg, w, u, static_cast<std::uint32_t>(v), sv);
                improved(u, alt);
            }
        } else if (Count && alt - du < 1e-10 * (alt + du)) {  // same_length for alt >= du > 0
            more_pred<Count>(pg, w, u, static_cast<std::uint32_t>(v), sv);
        }
    }
}

/// Settles v at distance d (its key becomes NaN) and relaxes its edges.
template <bool Count, class Improved>
inline void settle(const path_graph& pg, sssp_workspace& w, std::size_t v, double d, Improved&& improved) {
    w.key[v] = std::numeric_limits<double>::quiet_NaN();
    w.dist[v] = d;
    w.order.push_back(static_cast<index>(v));
    relax<Count>(pg, w, v, d, improved);
}

/// Dijkstra over the array of tentative distances, with the minimum of
/// each block of 2^block_shift nodes kept exact (lowered on improvement,
/// recomputed when a node of the block settles).
template <bool Count>
inline void sssp_dense(const path_graph& pg, index s, sssp_workspace& w) {
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const int sh = w.block_shift;
    const std::size_t bsize = std::size_t{1} << sh;
    double* key = w.key.data();
    double* bmin = w.block_min.data();
    const std::size_t nb = w.block_min.size();
    const auto n = static_cast<std::size_t>(pg.n);
    for (std::size_t v = 0; v < n; ++v) key[v] = inf;
    for (std::size_t b = 0; b < nb; ++b) bmin[b] = inf;
    key[static_cast<std::size_t>(s)] = 0.0;
    bmin[static_cast<std::size_t>(s) >> sh] = 0.0;
    auto improved = [&](std::size_t u, double alt) {
        double& m = bmin[u >> sh];
        if (alt < m) m = alt;
    };
    for (;;) {
        double best = inf;
        std::size_t bb = nb;
        for (std::size_t b = 0; b < nb; ++b)
            if (bmin[b] < best) {
                best = bmin[b];
                bb = b;
            }
        if (bb == nb) break;  // the rest is unreachable
        const std::size_t lo = bb << sh;
        std::size_t v = lo;
        while (!(key[v] == best)) ++v;
        key[v] = nan;
        double m = inf;
        for (std::size_t u = lo; u < lo + bsize; ++u)
            if (key[u] < m) m = key[u];
        bmin[bb] = m;
        settle<Count>(pg, w, v, best, improved);
    }
}

/// Dijkstra with an indexed 4-ary min-heap ordered by (key, node).
template <bool Count>
inline void sssp_heap(const path_graph& pg, index s, sssp_workspace& w) {
    double* key = w.key.data();
    std::int32_t* pos = w.pos.data();
    auto& hk = w.heap_key;
    auto& hn = w.heap_node;
    auto less = [&](double ka, std::uint32_t na, double kb, std::uint32_t nb) {
        return ka < kb || (ka == kb && na < nb);
    };
    auto place = [&](std::size_t i, double k, std::uint32_t v) {
        hk[i] = k;
        hn[i] = v;
        pos[v] = static_cast<std::int32_t>(i);
    };
    auto sift_up = [&](std::size_t i, double k, std::uint32_t v) {
        while (i > 0) {
            const std::size_t p = (i - 1) / 4;
            if (!less(k, v, hk[p], hn[p])) break;
            place(i, hk[p], hn[p]);
            i = p;
        }
        place(i, k, v);
    };
    auto improved = [&](std::size_t u, double alt) {
        const auto uu = static_cast<std::uint32_t>(u);
        if (pos[u] < 0) {
            hk.push_back(alt);
            hn.push_back(uu);
            sift_up(hk.size() - 1, alt, uu);
        } else {
            sift_up(static_cast<std::size_t>(pos[u]), alt, uu);
        }
    };
    hk.clear();
    hn.clear();
    key[static_cast<std::size_t>(s)] = 0.0;
    hk.push_back(0.0);
    hn.push_back(static_cast<std::uint32_t>(s));
    pos[static_cast<std::size_t>(s)] = 0;
    while (!hk.empty()) {
        const double d = hk[0];
        const std::uint32_t v = hn[0];
        pos[v] = -1;
        const double lk = hk.back();
        const std::uint32_t lv = hn.back();
        hk.pop_back();
        hn.pop_back();
        const std::size_t size = hk.size();
        if (size > 0) {  // sift the last element down from the root
            std::size_t i = 0;
            for (;;) {
                const std::size_t c = 4 * i + 1;
                if (c >= size) break;
                std::size_t best = c;
                const std::size_t ce = c + 4 < size ? c + 4 : size;
                for (std::size_t j = c + 1; j < ce; ++j)
                    if (less(hk[j], hn[j], hk[best], hn[best])) best = j;
                if (!less(hk[best], hn[best], lk, lv)) break;
                place(i, hk[best], hn[best]);
                i = best;
            }
            place(i, lk, lv);
        }
        settle<Count>(pg, w, v, d, improved);
    }
}

/// Runs a shortest-path search from `s` with the method of `pg`; fills
/// dist, sigma and the predecessors (if Count) and order.
template <bool Count>
inline void sssp(const path_graph& pg, index s, sssp_workspace& w) {
    reset(w);
    w.dist[static_cast<std::size_t>(s)] = 0.0;
    w.sigma[static_cast<std::size_t>(s)] = 1.0;
    if (pg.len.empty())
        sssp_bfs<Count>(pg, s, w);
    else if (pg.method == shortest_path_method::dense_array)
        sssp_dense<Count>(pg, s, w);
    else
        sssp_heap<Count>(pg, s, w);
}

}  // namespace detail
}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_DETAIL_PATHS_HPP_
