// SPDX-License-Identifier: BSL-1.0
//
// The kernel of the community algorithms of cograph/community.hpp (Louvain
// and Leiden): the working graph (CSR without self-loops, per-node self-loop
// weight, size and mass), local moving, Leiden's refinement and aggregation.
// Internal; the public interface is louvain() and leiden().
#ifndef TECHCONV_COGRAPH_DETAIL_LOUVAIN_HPP_
#define TECHCONV_COGRAPH_DETAIL_LOUVAIN_HPP_

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

}  // namespace detail
}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_DETAIL_LOUVAIN_HPP_
