// SPDX-License-Identifier: BSL-1.0
//
// Whole-graph structure: density, connected components, local and global
// clustering coefficients (unweighted, Barrat, Onnela), and the block view
// of the graph by a coarser level of the classification (IPC sections A-H).
#ifndef TECHCONV_COGRAPH_STRUCTURE_HPP_
#define TECHCONV_COGRAPH_STRUCTURE_HPP_

#include <algorithm>  // std::sort, std::unique, std::lower_bound, std::max
#include <cmath>      // std::cbrt
#include <cstdint>    // std::uint32_t
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

namespace detail {

/// Triangles and weighted triangle sums per node, each triangle found once.
struct triangle_sums {
    std::vector<double> count;  ///< triangles through each node
    std::vector<double> wsum;   ///< Barrat or Onnela numerator of each node
};

/// Number of set bits (portable; compiles to a few shifts and one multiply).
inline std::uint64_t popcount64(std::uint64_t x) noexcept {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (x * 0x0101010101010101ULL) >> 56;
}

/// True when adjacency bit rows pay off: a row of n/64 words per edge
/// costs at most a quarter of the average degree, and all rows fit in 64 MiB.
inline bool use_bit_rows(const graph& g) noexcept {
    const index n = g.num_nodes();
    if (n == 0) return false;
    const index words = (n + 63) / 64;
    const double avg_degree = 2.0 * static_cast<double>(g.num_edges()) / static_cast<double>(n);
    return static_cast<double>(words) * 4.0 <= avg_degree &&
           static_cast<double>(n) * static_cast<double>(words) * 8.0 <= 64.0 * 1024 * 1024;
}

/// Dense graphs, unweighted or Barrat: for every edge (v, j) the number of
/// common neighbours c_vj = popcount(row_v AND row_j); then
/// t_v = sum_j c_vj / 2 and the Barrat numerator sum over triangles of
/// (w_vj + w_vh) = sum_j w_vj c_vj. Each node is independent.
inline triangle_sums count_triangles_bit_rows(const graph& g, bool barrat, int threads) {
    const index n = g.num_nodes();
    const auto nn = static_cast<std::size_t>(n);
    const auto words = (nn + 63) / 64;
    const auto& off = g.offsets();
    const auto& tgt = g.targets();
    const auto& wt = g.weights();
    std::vector<std::uint64_t> rows(nn * words, 0);
    for (std::size_t v = 0; v < nn; ++v)
        for (index k = off[v]; k < off[v + 1]; ++k) {
            const auto u = static_cast<std::size_t>(tgt[static_cast<std::size_t>(k)]);
            rows[v * words + u / 64] |= std::uint64_t{1} << (u % 64);
        }
    triangle_sums r;
    r.count.assign(nn, 0.0);
    r.wsum.assign(nn, 0.0);
    techconv::detail::for_each_chunk(n, 64, threads, [&](index, index b, index e) {
        for (auto v = static_cast<std::size_t>(b); v < static_cast<std::size_t>(e); ++v) {
            const std::uint64_t* rv = rows.data() + v * words;
            std::uint64_t pairs = 0;
            double ws = 0;
            for (index k = off[v]; k < off[v + 1]; ++k) {
                const std::uint64_t* rj = rows.data() + static_cast<std::size_t>(tgt[static_cast<std::size_t>(k)]) * words;
                std::uint64_t c = 0;
                for (std::size_t q = 0; q < words; ++q) c += popcount64(rv[q] & rj[q]);
                pairs += c;
                if (barrat) ws += wt[static_cast<std::size_t>(k)] * static_cast<double>(c);
            }
            r.count[v] = static_cast<double>(pairs / 2);
            r.wsum[v] = ws;
        }
    });
    return r;
}

/// Counts triangles by the degree-ordered orientation: every edge points
/// from the lower (degree, id) rank to the higher, and a triangle is found
/// once, from its lowest-ranked corner v, as v -> u -> x with v -> x.
/// Parallel over fixed chunks of corners; per-chunk sums added in chunk
/// order (deterministic for any thread count).
inline triangle_sums count_triangles(const graph& g, clustering_weighting weighting, int threads) {
    const index n = g.num_nodes();
    const auto nn = static_cast<std::size_t>(n);
    const auto& off = g.offsets();
    const auto& tgt = g.targets();
    const auto& wt = g.weights();
    double max_w = 0;
    for (const double w : wt) max_w = std::max(max_w, w);
    // rank by degree ascending, ties by id
    std::vector<index> by_rank(nn);
    for (std::size_t v = 0; v < nn; ++v) by_rank[v] = static_cast<index>(v);
    std::sort(by_rank.begin(), by_rank.end(), [&](index a, index b) {
        const index da = g.degree(a), db = g.degree(b);
        return da != db ? da < db : a < b;
    });
    std::vector<std::uint32_t> rank(nn);
    for (std::size_t r = 0; r < nn; ++r) rank[static_cast<std::size_t>(by_rank[r])] = static_cast<std::uint32_t>(r);
    // out-neighbours (higher rank) in CSR form
    std::vector<std::size_t> out_off(nn + 1, 0);
    std::vector<std::uint32_t> out_tgt;
    std::vector<double> out_w;
    out_tgt.reserve(wt.size() / 2);
    out_w.reserve(wt.size() / 2);
    for (std::size_t v = 0; v < nn; ++v) {
        for (index k = off[v]; k < off[v + 1]; ++k) {
            const auto u = static_cast<std::size_t>(tgt[static_cast<std::size_t>(k)]);
            if (rank[u] > rank[v]) {
                out_tgt.push_back(static_cast<std::uint32_t>(u));
                out_w.push_back(wt[static_cast<std::size_t>(k)]);
            }
        }
        out_off[v + 1] = out_tgt.size();
    }
    const index chunk = std::max<index>(256, (n + 15) / 16);
    const index nchunks = techconv::detail::chunk_count(n, chunk);
    std::vector<triangle_sums> part(static_cast<std::size_t>(nchunks));
    const bool weighted = weighting != clustering_weighting::none;
    techconv::detail::for_each_chunk(n, chunk, threads, [&](index c, index b, index e) {
        triangle_sums t;
        t.count.assign(nn, 0.0);
        if (weighted) t.wsum.assign(nn, 0.0);
        std::vector<unsigned char> mark(nn, 0);  // 1: edge v -> x exists
        std::vector<double> mark_w(nn, 0.0);      // its weight
        for (auto v = static_cast<std::size_t>(b); v < static_cast<std::size_t>(e); ++v) {
            for (std::size_t k = out_off[v]; k < out_off[v + 1]; ++k) {
                mark[out_tgt[k]] = 1;
                mark_w[out_tgt[k]] = out_w[k];
            }
            double tv = 0;
            for (std::size_t k = out_off[v]; k < out_off[v + 1]; ++k) {
                const std::size_t u = out_tgt[k];
                const double a = out_w[k];
                double tu = 0;
                for (std::size_t q = out_off[u]; q < out_off[u + 1]; ++q) {
                    const std::size_t x = out_tgt[q];
                    if (mark[x] == 0) continue;
                    const double bw = mark_w[x];
                    tu += 1.0;
                    t.count[x] += 1.0;
                    if (weighting == clustering_weighting::barrat) {
                        const double cw = out_w[q];
                        t.wsum[v] += a + bw;
                        t.wsum[u] += a + cw;
                        t.wsum[x] += bw + cw;
                    } else if (weighting == clustering_weighting::onnela) {
                        const double gm = std::cbrt((a / max_w) * (bw / max_w) * (out_w[q] / max_w));
                        t.wsum[v] += gm;
                        t.wsum[u] += gm;
                        t.wsum[x] += gm;
                    }
                }
                t.count[u] += tu;
                tv += tu;
            }
            t.count[v] += tv;
            for (std::size_t k = out_off[v]; k < out_off[v + 1]; ++k) mark[out_tgt[k]] = 0;
        }
        part[static_cast<std::size_t>(c)] = std::move(t);
    });
    triangle_sums r;
    r.count.assign(nn, 0.0);
    r.wsum.assign(nn, 0.0);
    for (const auto& t : part) {
        for (std::size_t v = 0; v < nn; ++v) r.count[v] += t.count[v];
        if (weighted)
            for (std::size_t v = 0; v < nn; ++v) r.wsum[v] += t.wsum[v];
    }
    return r;
}

}  // namespace detail

/// \brief Clustering coefficients (triangles through each node).
///
/// transitivity = sum_v t_v / sum_v k_v (k_v - 1) / 2, with t_v the triangles at v.
/// On dense graphs (n/64 words at most a quarter of the average degree) the
/// unweighted and Barrat variants count common neighbours of each edge's
/// ends by AND-ing adjacency bit rows; otherwise triangles are listed once
/// each by the degree-ordered orientation (Chiba and Nishizeki 1985;
/// Schank and Wagner 2005).
/// Degenerate input: nodes of degree < 2 get 0 and are left out of
/// average_defined; with no such node, every value is 0 and the status is
/// zero_denominator.
/// Complexity: O(m n / 64) time and n^2/8 bytes with bit rows, else
/// O(m sqrt m) time and O(n) memory per chunk of nodes (at most 16 chunks);
/// deterministic for any thread count.
inline clustering_result clustering(const graph& g, const clustering_options& opts = {}) {
    const index n = g.num_nodes();
    clustering_result r;
    r.local = vector::Zero(n);
    if (n == 0) {
        r.info = status::empty_input;
        return r;
    }
    const detail::triangle_sums ts =
        opts.weighting != clustering_weighting::onnela && detail::use_bit_rows(g)
            ? detail::count_triangles_bit_rows(g, opts.weighting == clustering_weighting::barrat, opts.threads)
            : detail::count_triangles(g, opts.weighting, opts.threads);
    const auto& tri = ts.count;
    for (index v = 0; v < n; ++v) {
        const auto vv = static_cast<std::size_t>(v);
        const auto kd = static_cast<double>(g.degree(v));
        if (kd < 2) continue;
        const double t = tri[vv];
        switch (opts.weighting) {
            case clustering_weighting::none: r.local[v] = t / (kd * (kd - 1) / 2); break;
            case clustering_weighting::barrat: {
                const adjacency a = g.neighbors(v);
                double s = 0;
                for (index k = 0; k < a.size(); ++k) s += a.weight(k);
                r.local[v] = ts.wsum[vv] / (s * (kd - 1));
                break;
            }
            case clustering_weighting::onnela: r.local[v] = ts.wsum[vv] / (kd * (kd - 1) / 2); break;
        }
    }
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
