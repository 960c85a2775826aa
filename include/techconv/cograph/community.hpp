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

/// Working graph of the community algorithms: CSR without self-loops plus
/// per-node self-loop weight, node size and "mass" (strength or size).
struct cgraph {
    std::vector<index> off{0};
    std::vector<index> tgt;
    std::vector<double> w;
    std::vector<double> self;  ///< weight of edges inside the (aggregated) node, each once
    std::vector<double> size;  ///< original nodes inside
    std::vector<double> k;     ///< strength incl. 2 self
    index n() const noexcept { return static_cast<index>(self.size()); }
};

inline cgraph from_graph(const graph& g) {
    cgraph c;
    c.off = g.offsets();
    c.tgt = g.targets();
    c.w = g.weights();
    const auto n = static_cast<std::size_t>(g.num_nodes());
    c.self.assign(n, 0.0);
    c.size.assign(n, 1.0);
    c.k.assign(n, 0.0);
    for (std::size_t v = 0; v < n; ++v)
        for (index e = c.off[v]; e < c.off[v + 1]; ++e) c.k[v] += c.w[static_cast<std::size_t>(e)];
    return c;
}

/// Aggregates `g` by `part` (values 0..np-1).
inline cgraph aggregate(const cgraph& g, const std::vector<index>& part, index np) {
    cgraph a;
    const auto n = static_cast<std::size_t>(g.n());
    const auto m = static_cast<std::size_t>(np);
    a.self.assign(m, 0.0);
    a.size.assign(m, 0.0);
    a.k.assign(m, 0.0);
    std::vector<index> start(m + 1, 0);
    for (std::size_t v = 0; v < n; ++v) ++start[static_cast<std::size_t>(part[v]) + 1];
    for (std::size_t c = 0; c < m; ++c) start[c + 1] += start[c];
    std::vector<index> members(n);
    {
        std::vector<index> pos(start.begin(), start.end() - 1);
        for (std::size_t v = 0; v < n; ++v) members[static_cast<std::size_t>(pos[static_cast<std::size_t>(part[v])]++)] = static_cast<index>(v);
    }
    std::vector<double> acc(m, 0.0);
    std::vector<index> touched;
    a.off.assign(m + 1, 0);
    for (std::size_t c = 0; c < m; ++c) {
        touched.clear();
        for (index t = start[c]; t < start[c + 1]; ++t) {
            const auto v = static_cast<std::size_t>(members[static_cast<std::size_t>(t)]);
            a.self[c] += g.self[v];
            a.size[c] += g.size[v];
            a.k[c] += g.k[v];
            for (index e = g.off[v]; e < g.off[v + 1]; ++e) {
                const auto d = static_cast<std::size_t>(part[static_cast<std::size_t>(g.tgt[static_cast<std::size_t>(e)])]);
                const double we = g.w[static_cast<std::size_t>(e)];
                if (d == c) {
                    a.self[c] += we / 2;  // seen from both ends
                    continue;
                }
                if (acc[d] == 0.0) touched.push_back(static_cast<index>(d));
                acc[d] += we;
            }
        }
        std::sort(touched.begin(), touched.end());
        for (const index d : touched) {
            a.tgt.push_back(d);
            a.w.push_back(acc[static_cast<std::size_t>(d)]);
            acc[static_cast<std::size_t>(d)] = 0.0;
        }
        a.off[c + 1] = static_cast<index>(a.tgt.size());
    }
    return a;
}

/// Renumbers `part` to 0..k-1 in order of first appearance; returns k.
inline index renumber(std::vector<index>& part) {
    std::vector<index> map(part.size(), no_index);
    index k = 0;
    for (auto& p : part) {
        auto& m = map[static_cast<std::size_t>(p)];
        if (m == no_index) m = k++;
        p = m;
    }
    return k;
}

/// Local-moving state of one level.
struct mover {
    const cgraph& g;
    bool modularity;
    double gamma;
    double scale;                    ///< 1/(2m) for modularity, 1 for CPM
    std::vector<index> comm;         ///< community of each node
    std::vector<double> mass;        ///< total mass of each community
    std::vector<index> count;        ///< nodes in each community
    std::vector<index> empty;        ///< ids of empty communities
    std::vector<double> nw;          ///< weight from the current node to each community
    std::vector<index> touched;

    mover(const cgraph& graph, bool mod, double gam, double two_m, const std::vector<index>& init)
        : g(graph), modularity(mod), gamma(gam), scale(mod ? 1.0 / two_m : 1.0), comm(init) {
        const auto n = static_cast<std::size_t>(g.n());
        mass.assign(n, 0.0);
        count.assign(n, 0);
        nw.assign(n, 0.0);
        for (std::size_t v = 0; v < n; ++v) {
            mass[static_cast<std::size_t>(comm[v])] += a(static_cast<index>(v));
            ++count[static_cast<std::size_t>(comm[v])];
        }
        for (std::size_t c = 0; c < n; ++c)
            if (count[c] == 0) empty.push_back(static_cast<index>(c));
    }
    double a(index v) const noexcept {
        return modularity ? g.k[static_cast<std::size_t>(v)] : g.size[static_cast<std::size_t>(v)];
    }
    /// Moves v to its best community; returns true if it changed.
    bool move(index v) {
        const auto vv = static_cast<std::size_t>(v);
        const index old = comm[vv];
        touched.clear();
        for (index e = g.off[vv]; e < g.off[vv + 1]; ++e) {
            const auto c = static_cast<std::size_t>(comm[static_cast<std::size_t>(g.tgt[static_cast<std::size_t>(e)])]);
            if (nw[c] == 0.0) touched.push_back(static_cast<index>(c));
            nw[c] += g.w[static_cast<std::size_t>(e)];
        }
        const double av = a(v);
        mass[static_cast<std::size_t>(old)] -= av;
        --count[static_cast<std::size_t>(old)];
        index best = old;
        double best_gain = nw[static_cast<std::size_t>(old)] - gamma * av * mass[static_cast<std::size_t>(old)] * scale;
        for (const index c : touched) {
            if (c == old) continue;
            const double gain = nw[static_cast<std::size_t>(c)] - gamma * av * mass[static_cast<std::size_t>(c)] * scale;
            if (gain > best_gain) {
                best_gain = gain;
                best = c;
            }
        }
        if (best_gain < 0 && count[static_cast<std::size_t>(old)] > 0) {
            // an empty community (gain 0) beats every other choice
            if (empty.empty()) {
                best = old;  // cannot happen: a community of n nodes leaves n-1 ids free
            } else {
                best = empty.back();
            }
        }
        for (const index c : touched) nw[static_cast<std::size_t>(c)] = 0.0;
        if (best != old && count[static_cast<std::size_t>(old)] == 0) empty.push_back(old);
        if (best != old && count[static_cast<std::size_t>(best)] == 0) {
            // best is taken from the pool of empty ids
            for (std::size_t i = empty.size(); i-- > 0;)
                if (empty[i] == best) {
                    empty.erase(empty.begin() + static_cast<std::ptrdiff_t>(i));
                    break;
                }
        }
        comm[vv] = best;
        mass[static_cast<std::size_t>(best)] += av;
        ++count[static_cast<std::size_t>(best)];
        return best != old;
    }
};

/// Quality of `part` on the working graph.
inline double quality(const cgraph& g, const std::vector<index>& part, bool modularity, double gamma) {
    const auto n = static_cast<std::size_t>(g.n());
    std::vector<double> in(n, 0.0), tot(n, 0.0), sz(n, 0.0);
    double two_m = 0;
    for (std::size_t v = 0; v < n; ++v) {
        const auto c = static_cast<std::size_t>(part[v]);
        in[c] += g.self[v];
        tot[c] += g.k[v];
        sz[c] += g.size[v];
        two_m += g.k[v];
        for (index e = g.off[v]; e < g.off[v + 1]; ++e)
            if (part[static_cast<std::size_t>(g.tgt[static_cast<std::size_t>(e)])] == part[v])
                in[c] += g.w[static_cast<std::size_t>(e)] / 2;
    }
    double q = 0;
    for (std::size_t c = 0; c < n; ++c) {
        if (modularity) {
            if (two_m > 0) q += in[c] / (two_m / 2) - gamma * (tot[c] / two_m) * (tot[c] / two_m);
        } else {
            q += in[c] - gamma * sz[c] * (sz[c] - 1) / 2;
        }
    }
    return q;
}

/// Leiden refinement of `part` on g; returns the refined partition (renumbered).
inline std::vector<index> refine(const cgraph& g, const std::vector<index>& part, bool modularity, double gamma,
                                 double scale, double theta, rng& gen) {
    const auto n = static_cast<std::size_t>(g.n());
    auto a = [&](std::size_t v) { return modularity ? g.k[v] : g.size[v]; };
    std::vector<index> ref(n);
    std::iota(ref.begin(), ref.end(), index{0});
    std::vector<double> rmass(n), ext(n, 0.0), cmass(n, 0.0);
    std::vector<index> rcount(n, 1);
    for (std::size_t v = 0; v < n; ++v) {
        rmass[v] = a(v);
        cmass[static_cast<std::size_t>(part[v])] += a(v);
        for (index e = g.off[v]; e < g.off[v + 1]; ++e)
            if (part[static_cast<std::size_t>(g.tgt[static_cast<std::size_t>(e)])] == part[v])
                ext[v] += g.w[static_cast<std::size_t>(e)];
    }
    std::vector<index> order(n);
    std::iota(order.begin(), order.end(), index{0});
    gen.shuffle(order);
    std::vector<double> nw(n, 0.0);
    std::vector<index> touched;
    std::vector<double> prob;
    for (const index vi : order) {
        const auto v = static_cast<std::size_t>(vi);
        if (rcount[static_cast<std::size_t>(ref[v])] != 1) continue;  // only singletons move
        const auto c = static_cast<std::size_t>(part[v]);
        const double av = a(v);
        // v must be well connected to its community
        if (ext[static_cast<std::size_t>(ref[v])] < gamma * av * (cmass[c] - av) * scale) continue;
        touched.clear();
        for (index e = g.off[v]; e < g.off[v + 1]; ++e) {
            const auto u = static_cast<std::size_t>(g.tgt[static_cast<std::size_t>(e)]);
            if (static_cast<std::size_t>(part[u]) != c) continue;
            const auto r = static_cast<std::size_t>(ref[u]);
            if (nw[r] == 0.0) touched.push_back(static_cast<index>(r));
            nw[r] += g.w[static_cast<std::size_t>(e)];
        }
        // candidates: well-connected refined communities with gain >= 0 (staying: gain 0)
        const auto own = static_cast<std::size_t>(ref[v]);
        prob.clear();
        std::vector<index> cand;
        double best = 0.0;
        for (const index ri : touched) {
            const auto r = static_cast<std::size_t>(ri);
            if (r == own) continue;
            if (ext[r] < gamma * rmass[r] * (cmass[c] - rmass[r]) * scale) continue;
            const double gain = nw[r] - gamma * av * rmass[r] * scale;
            if (gain < 0) continue;
            cand.push_back(ri);
            prob.push_back(gain);
            best = std::max(best, gain);
        }
        index chosen = static_cast<index>(own);
        if (!cand.empty()) {
            // P(r) proportional to exp(gain / theta); staying has gain 0
            double total = std::exp((0.0 - best) / theta);
            for (double& p : prob) {
                p = std::exp((p - best) / theta);
                total += p;
            }
            double x = gen.uniform() * total;
            x -= std::exp((0.0 - best) / theta);
            if (x >= 0) {
                chosen = cand.back();
                for (std::size_t i = 0; i < cand.size(); ++i) {
                    x -= prob[i];
                    if (x < 0) {
                        chosen = cand[i];
                        break;
                    }
                }
            }
        }
        if (chosen != static_cast<index>(own)) {
            const auto r = static_cast<std::size_t>(chosen);
            // ext of the union: ext(r) + ext(v) - 2 w(v, r)
            ext[r] = ext[r] + ext[own] - 2 * nw[r];
            rmass[r] += av;
            ++rcount[r];
            rmass[own] = 0;
            rcount[own] = 0;
            ref[v] = chosen;
        }
        for (const index r : touched) nw[static_cast<std::size_t>(r)] = 0.0;
    }
    renumber(ref);
    return ref;
}

/// One local-moving phase. queue = true: Leiden's fast queue; false: Louvain sweeps.
inline bool local_moving(mover& mv, rng& gen, bool queue) {
    const index n = mv.g.n();
    std::vector<index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), index{0});
    gen.shuffle(order);
    bool any = false;
    if (!queue) {
        for (int pass = 0; pass < 1000; ++pass) {
            bool moved = false;
            for (const index v : order) moved = mv.move(v) || moved;
            any = any || moved;
            if (!moved) break;
        }
        return any;
    }
    std::vector<char> inq(static_cast<std::size_t>(n), 1);
    std::vector<index> q(order.begin(), order.end());
    std::size_t head = 0;
    while (head < q.size()) {
        const index v = q[head++];
        inq[static_cast<std::size_t>(v)] = 0;
        if (mv.move(v)) {
            any = true;
            const index c = mv.comm[static_cast<std::size_t>(v)];
            for (index e = mv.g.off[static_cast<std::size_t>(v)]; e < mv.g.off[static_cast<std::size_t>(v) + 1]; ++e) {
                const index u = mv.g.tgt[static_cast<std::size_t>(e)];
                if (!inq[static_cast<std::size_t>(u)] && mv.comm[static_cast<std::size_t>(u)] != c) {
                    inq[static_cast<std::size_t>(u)] = 1;
                    q.push_back(u);
                }
            }
        }
        if (head > 4096 && head * 2 > q.size()) {
            q.erase(q.begin(), q.begin() + static_cast<std::ptrdiff_t>(head));
            head = 0;
        }
    }
    return any;
}

/// Orders communities by size descending, ties by lowest node id; returns the count.
inline index canonical_numbering(std::vector<index>& part) {
    const index k = renumber(part);  // first appearance = lowest node id
    std::vector<index> size(static_cast<std::size_t>(k), 0);
    for (const index p : part) ++size[static_cast<std::size_t>(p)];
    std::vector<index> order(static_cast<std::size_t>(k));
    std::iota(order.begin(), order.end(), index{0});
    std::stable_sort(order.begin(), order.end(), [&](index x, index y) {
        return size[static_cast<std::size_t>(x)] > size[static_cast<std::size_t>(y)];
    });
    std::vector<index> rank(static_cast<std::size_t>(k));
    for (std::size_t i = 0; i < order.size(); ++i) rank[static_cast<std::size_t>(order[i])] = static_cast<index>(i);
    for (auto& p : part) p = rank[static_cast<std::size_t>(p)];
    return k;
}

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
