// SPDX-License-Identifier: BSL-1.0
//
// The private kernel of weighting::column_stats (DESIGN-SEAMS move 6): the
// per-block counting of integer values into 4-way scratch histograms (the
// fused vectorised counter and the column path), the sparse integers and the
// moments of real-valued runs. It fills a block_state; column_stats folds
// that into its histograms and moments, so this header does not include
// column_stats.hpp. real_moments, the public moments type of column_stats,
// is defined here because the kernel produces it.
#ifndef TECHCONV_WEIGHTING_DETAIL_COLUMN_KERNEL_HPP_
#define TECHCONV_WEIGHTING_DETAIL_COLUMN_KERNEL_HPP_

#include <algorithm>  // std::max, std::min, std::fill
#include <cmath>      // std::floor, std::isfinite, std::fabs
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint32_t, std::uint64_t
#include <cstring>    // std::memcpy
#include <limits>     // std::numeric_limits
#include <vector>     // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/detail/count.hpp"
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/detail/xlogx.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief Moments of the rows of one column that are not in its histogram
/// (real-valued rows, or all rows when histograms are off).
struct real_moments {
    std::uint64_t count = 0;                                   ///< rows summarised
    double min = std::numeric_limits<double>::infinity();      ///< smallest value
    double max = -std::numeric_limits<double>::infinity();     ///< largest value
    double sum = 0.0;    ///< sum of the values
    double mean = 0.0;   ///< mean of the values
    double m2 = 0.0;     ///< sum of squared deviations from the mean
    double xlogx = 0.0;  ///< sum of x ln x over the positive values (when enabled)
};

namespace detail {

// Chan's update; with_m2 false leaves m2 alone (not gathered).
inline void merge_moments(real_moments& a, const real_moments& b, bool with_m2) {
    if (b.count == 0) return;
    if (a.count == 0) {
        a = b;
        return;
    }
    const double na = static_cast<double>(a.count);
    const double nb = static_cast<double>(b.count);
    const double n = na + nb;
    const double delta = b.mean - a.mean;
    a.mean += delta * (nb / n);
    if (with_m2) a.m2 += b.m2 + delta * delta * (na * nb / n);
    a.count += b.count;
    a.min = std::min(a.min, b.min);
    a.max = std::max(a.max, b.max);
    a.sum += b.sum;
    a.xlogx += b.xlogx;
}


// What the kernel needs of column_stats_options, plus the column count.
struct kernel_options {
    index cols = 0;             // columns of the matrix
    index dense_limit = 4096;   // column_stats_options::dense_limit
    bool histogram = true;      // column_stats_options::histogram
    bool xlogx = true;          // column_stats_options::xlogx
    bool m2 = true;             // column_stats_options::m2
};


// Per-thread scratch: 4 interleaved 32-bit histograms per column (four
// copies break the store-to-load dependency when a value repeats), each
// copy_stride(L) cells apart. Kept all-zero between uses.
struct column_scratch {
    std::vector<std::uint32_t> counts;
    std::vector<double> tile;
    std::vector<double> keys;  // small_integers output: one tile column
    std::vector<double> moments;  // row_moments accumulators
    std::vector<run_sums> sums;  // row_moments results
};
// Distance between histogram copies: dense_limit plus one cache line.
// With exactly 4096 cells (16 KiB) apart, the hot cells of every copy and
// column (values 0, 1, 2, ...) share their low 12 address bits, and the
// processor treats each increment as possibly depending on the previous
// ones (4 KiB aliasing): measured 8x slower on AMD Zen 3.
constexpr index copy_stride(index L) noexcept { return L + 16; }
inline column_scratch& thread_scratch() {
    thread_local column_scratch s;
    return s;
}


// State of one block (column_stats::add_block): what the kernel found,
// folded into the statistics afterwards.
template <class Scalar>
struct block_state {
    block_state(std::size_t m, bool histogram, std::size_t cap)
        : hi(m, -1), bailed(m, histogram ? 0 : 1), sparse(m), part(m), sparse_cap(cap),
          misses(m, 0), start(m, 0), first_negative(m, no_index) {}
    std::vector<index> hi;       // largest counted value per column (-1: none)
    std::vector<char> bailed;    // column left the histogram path (real values)
    std::vector<std::vector<double>> sparse;  // integers outside [0, L), per column
    std::vector<real_moments> part;           // moments of the real-valued rows
    std::size_t sparse_cap;      // most sparse values kept per column
    std::vector<char> misses;    // tiles of a column that failed the fused check
    std::vector<index> start;    // per column: first row of the tile left to column_tile
    // Fused kernel, per packet (4 lanes) of a step:
    std::vector<const Scalar*> ptr;      // first value
    std::vector<std::uint32_t> off;      // per lane: histogram cell base
    std::vector<std::uint32_t> top;      // per lane: largest key
    std::vector<int> okbits;             // lanes whose values were all integers
    std::vector<index> lane_col;         // per lane: its column, or -1 (skipped)
    std::vector<char> use;               // per column: counted by the kernel in this tile
    bool trash_used = false;             // the trash histogram after the 4 m copies needs zeroing
    std::vector<index> tmax;             // per column: largest key of the tile
    std::vector<char> ok;                // per column: the tile passed the check
    std::vector<index> first_negative;   // per column: smallest row with a negative value, or no_index
};


// Vectorised check that p[0, len) are all integers in [0, dl) (dl <= 2^24):
// on success stores x + 2^52 for every value in keys (the low 32 bits of
// that double are the integer) and returns the largest value; else -1.
inline index small_integers(const double* p, index len, double dl, double* keys) noexcept {
    namespace ei = Eigen::internal;
    constexpr index w = dpacket_size;
    const dpacket zero = ei::pset1<dpacket>(0.0);
    const dpacket magic = ei::pset1<dpacket>(4503599627370496.0);  // 2^52
    const dpacket lim = ei::pset1<dpacket>(dl);
    dpacket good = ei::pcmp_eq(zero, zero);
    dpacket top = zero;
    index i = 0;
    for (; i + w <= len; i += w) {
        const dpacket x = ei::ploadu<dpacket>(p + i);
        const dpacket y = ei::padd(x, magic);
        good = ei::pand(good, ei::pand(ei::pand(ei::pcmp_le(zero, x), ei::pcmp_lt(x, lim)),
                                       ei::pcmp_eq(ei::psub(y, magic), x)));
        top = ei::pmax(top, x);
        ei::pstoreu(keys + i, y);
    }
    if (!all_lanes(good)) return -1;
    double t = ei::predux_max(top);
    for (; i < len; ++i) {
        const double x = p[i];
        if (!(x >= 0.0 && x < dl) || (x + 4503599627370496.0) - 4503599627370496.0 != x) return -1;
        keys[i] = x + 4503599627370496.0;
        t = std::max(t, x);
    }
    return static_cast<index>(t);
}

// The integer held in the low 32 bits of a small_integers key.
inline index key_value(double key) noexcept {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &key, sizeof bits);
    return static_cast<index>(static_cast<std::uint32_t>(bits));
}

// Adds the keys to the 4-way histogram h (element i goes to copy i mod 4:
// repeated values do not wait on each other's increments).
// `next` (may be null) points at the next len values the caller will read:
// they are prefetched meanwhile, so memory keeps streaming during the increments.
inline void count_keys(const double* keys, index len, std::uint32_t* h, index P,
                       const double* next) noexcept {
    std::uint32_t* h1 = h + P;
    std::uint32_t* h2 = h + 2 * P;
    std::uint32_t* h3 = h + 3 * P;
    index i = 0;
    for (; i + 8 <= len; i += 8) {
        if (next != nullptr) simd::prefetch(next + i);  // one 64-byte line per 8 values
        ++h[key_value(keys[i])];
        ++h1[key_value(keys[i + 1])];
        ++h2[key_value(keys[i + 2])];
        ++h3[key_value(keys[i + 3])];
        ++h[key_value(keys[i + 4])];
        ++h1[key_value(keys[i + 5])];
        ++h2[key_value(keys[i + 6])];
        ++h3[key_value(keys[i + 7])];
    }
    for (; i < len; ++i) ++h[key_value(keys[i])];
}

// Counts p[i..len) into the 4-way histogram h while the values are
// integers in [0, dl); returns the index of the first value that is not.
// A separate small function so the loop keeps everything in registers.
inline index count_run(const double* p, index i, index len, std::uint32_t* h, index P, double dl,
                       index& hi) noexcept {
    index hj = hi;
    for (; i < len; ++i) {
        const double x = p[i];
        if (!(x >= 0.0 && x < dl)) break;
        const auto k = static_cast<std::uint32_t>(x);
        if (static_cast<double>(k) != x) break;
        ++h[(i & 3) * P + static_cast<index>(k)];
        hj = hj > static_cast<index>(k) ? hj : static_cast<index>(k);
    }
    hi = hj;
    return i;
}


// Adds the moments of a run of n real values (value(i) is the i-th, row
// row0 + i) to acc; false on a non-finite sum.
template <class Value>
bool finish_real(const kernel_options& ko, const run_sums& rs, index n, index row0, real_moments& acc,
                 index& first_negative, Value&& value) {
    if (!std::isfinite(rs.sum)) return false;
    real_moments t;
    t.count = static_cast<std::uint64_t>(n);
    t.min = rs.min;
    t.max = rs.max;
    t.sum = rs.sum;
    t.mean = rs.sum / static_cast<double>(n);
    t.m2 = rs.m2;  // may overflow to inf for |x| > 1e154: only vector norms need it
    t.xlogx = rs.xlogx;
    if (t.min < 0.0) {
        index i = 0;
        while (value(i) >= 0.0) ++i;
        if (first_negative == no_index || row0 + i < first_negative) first_negative = row0 + i;
    }
    merge_moments(acc, t, ko.m2);
    return true;
}


// Moments of a contiguous run of real values (one fused vectorised sweep
// plus a sweep over the cache-resident run for m2); false on a non-finite sum.
inline bool real_tile(const kernel_options& ko, const double* p, index n, index row0, real_moments& acc,
                      index& first_negative) {
    const run_sums rs = ko.xlogx ? (ko.m2 ? run_moments<true, true>(p, n) : run_moments<true, false>(p, n))
                                 : (ko.m2 ? run_moments<false, true>(p, n) : run_moments<false, false>(p, n));
    return finish_real(ko, rs, n, row0, acc, first_negative, [&](index i) { return p[i]; });
}


// Counts rows [tb, tb + len4) (len4 a multiple of 4; rows up to e may be
// prefetched) of the columns still on the fused path with the fused kernel (one read, no transposition).
// A column whose values there are not all integers in [0, L) has its
// increments undone and st.start[j] = 0 (column_tile takes the whole
// tile); else st.start[j] = len4.
template <class Scalar, bool RowMajor>
void fused_tile(const kernel_options& ko, const dense_view<Scalar, RowMajor>& v, index tb, index len4, index e,
                std::uint32_t* counts, block_state<Scalar>& st) {
    if (!fused_count_available || len4 == 0) return;
    const index m = ko.cols;
    const index L = ko.dense_limit;
    const auto cap = static_cast<std::uint32_t>(L - 1);
    const index P = copy_stride(L);
    const auto cell = [&](index j, index copy) { return static_cast<std::uint32_t>((j * 4 + copy) * P); };
    const auto trash = static_cast<std::uint32_t>(m * 4 * P);
    // A column takes the fused path unless it left the histogram path,
    // failed the kernel's check twice, or its first 4 values in the tile
    // are not all integers in [0, L) (a real-valued column: counting it
    // would be undone at once).
    std::vector<char>& use = st.use;
    use.assign(static_cast<std::size_t>(m), 0);
    for (index j = 0; j < m; ++j) {
        const std::size_t u = static_cast<std::size_t>(j);
        if (st.bailed[u] != 0 || st.misses[u] >= 2) continue;
        bool small = true;
        for (index i = 0; i < 4; ++i) {
            const double x = static_cast<double>(v(tb + i, j));
            small = small && x >= 0.0 && x < static_cast<double>(L) && std::floor(x) == x;
        }
        use[u] = small ? 1 : 0;
        if (!small) ++st.misses[u];
    }
    const auto active = [&](index j) { return use[static_cast<std::size_t>(j)] != 0; };
    // Packets: column-major, one per active column (lane l = row l of a
    // step of 4 rows); row-major without gaps, the m packets of 4
    // consecutive rows in memory order (lane l of packet g holds element
    // 4 g + l of the 4 rows).
    st.ptr.clear();
    st.off.clear();
    st.lane_col.clear();
    index stride = 4;
    index sub = len4;  // rows per kernel call
    if constexpr (RowMajor) {
        if (v.outer != m) return;  // rows with gaps: the column path
        bool any = false;
        for (index j = 0; j < m; ++j) any = any || active(j);
        if (!any) return;
        stride = 4 * m;
        sub = std::min(len4, index{256});  // a sub-tile stays in L1 across the groups
        for (index g = 0; g < m; ++g) {
            st.ptr.push_back(v.row(tb) + 4 * g);
            for (index l = 0; l < 4; ++l) {
                const index k = 4 * g + l;
                const index j = k % m;
                st.lane_col.push_back(active(j) ? j : -1);
                st.off.push_back(active(j) ? cell(j, k / m) : trash);
                if (!active(j)) st.trash_used = true;
            }
        }
    } else {
        for (index j = 0; j < m; ++j) {
            if (!active(j)) continue;
            st.ptr.push_back(v.col(j) + tb);
            for (index l = 0; l < 4; ++l) {
                st.lane_col.push_back(j);
                st.off.push_back(cell(j, l));
            }
        }
    }
    const index packets = static_cast<index>(st.ptr.size());
    if (packets == 0) return;
    st.top.assign(static_cast<std::size_t>(4 * packets), 0u);
    st.okbits.assign(static_cast<std::size_t>(packets), 15);
    for (index r = 0; r < len4; r += sub) {
        const index steps = std::min(sub, len4 - r) / 4;
        const index shift = RowMajor ? r * m : r;
        // Row-major: the groups' packets interleave in memory, so the
        // hardware sees no plain stream; the next sub-tile is prefetched
        // in shares spread over the groups' steps.
        const char* next = nullptr;
        index lines = 0;
        if constexpr (RowMajor) {
            const index rows = std::min(sub, e - (tb + r + sub));
            if (rows > 0) {
                next = reinterpret_cast<const char*>(v.row(tb + r + sub));
                lines = (rows * m * static_cast<index>(sizeof(Scalar)) + 63) / 64;
            }
        }
        const index groups = (packets + 2) / 3;
        index done = 0;
        for (index g = 0, k = 0; g < packets; ++k) {
            const int n = next_group(packets - g);
            const Scalar* p[4];
            for (int t = 0; t < n; ++t) p[t] = st.ptr[static_cast<std::size_t>(g + t)] + shift;
            const std::size_t gu = static_cast<std::size_t>(g);
            const index share = (k + 1) * lines / groups - done;
            count_packets(n, p, stride, steps, st.off.data() + 4 * gu, cap, counts,
                                  st.okbits.data() + gu, st.top.data() + 4 * gu, next + 64 * done, share);
            done += share;
            g += n;
        }
    }
    // Per column: all lanes exact integers in [0, L)?
    std::vector<index>& tmax = st.tmax;
    std::vector<char>& ok = st.ok;
    tmax.assign(static_cast<std::size_t>(m), -1);
    ok.assign(static_cast<std::size_t>(m), 1);
    for (index k = 0; k < 4 * packets; ++k) {
        const index j = st.lane_col[static_cast<std::size_t>(k)];
        if (j < 0) continue;
        const std::size_t u = static_cast<std::size_t>(j);
        const std::uint32_t t = st.top[static_cast<std::size_t>(k)];
        if (((st.okbits[static_cast<std::size_t>(k / 4)] >> (k % 4)) & 1) == 0 || t > cap) ok[u] = 0;
        tmax[u] = std::max(tmax[u], static_cast<index>(t));
    }
    for (index j = 0; j < m; ++j) {
        const std::size_t u = static_cast<std::size_t>(j);
        if (!active(j)) continue;
        if (ok[u] != 0) {
            st.hi[u] = std::max(st.hi[u], tmax[u]);
            st.start[u] = len4;
            continue;
        }
        // Undo the increments of column j (same cells as the kernel).
        for (index i = 0; i < len4; ++i)
            --counts[cell(j, i & 3) + clamped_key(static_cast<double>(v(tb + i, j)), cap)];
        ++st.misses[u];
    }
}


// The column path for len values of column j at p (rows row0 .. row0 +
// len - 1 of the view): the histogram while the values are integers, the
// real-valued moments from the first value that is not. False on a
// non-finite value.
template <class Scalar, bool RowMajor>
bool column_tile(const kernel_options& ko, const dense_view<Scalar, RowMajor>& v, const double* p, index len, index row0,
                 index e, index j, index row_base, column_scratch& sc, block_state<Scalar>& st) {
    const std::size_t u = static_cast<std::size_t>(j);
    const index L = ko.dense_limit;
    const double dl = static_cast<double>(L);
    index i = 0;
    if (st.bailed[u] == 0) {
        const index P = copy_stride(L);
        std::uint32_t* h = sc.counts.data() + j * 4 * P;
        // Fast path: the whole run is integers in [0, L).
        const index top = small_integers(p, len, dl, sc.keys.data());
        if (top >= 0) {
            const double* next = nullptr;
            if constexpr (direct_columns<Scalar, RowMajor>()) {
                if (j + 1 < ko.cols) next = v.col(j + 1) + row0;
                else if (row0 + 2 * len <= e) next = v.col(0) + row0 + len;
            }
            count_keys(sc.keys.data(), len, h, P, next);
            st.hi[u] = std::max(st.hi[u], top);
            return true;
        }
        index hj = st.hi[u];
        for (;;) {
            i = count_run(p, i, len, h, P, dl, hj);
            if (i == len) break;
            const double x = p[i];
            if (!std::isfinite(x)) {
                st.hi[u] = hj;
                return false;
            }
            if (x < 0.0 || x >= dl) {
                if (std::floor(x) == x && std::fabs(x) < 9007199254740992.0 &&
                    st.sparse[u].size() < st.sparse_cap) {
                    st.sparse[u].push_back(x);
                    if (x < 0.0 && (st.first_negative[u] == no_index ||
                                    row_base + row0 + i < st.first_negative[u]))
                        st.first_negative[u] = row_base + row0 + i;
                    ++i;
                    continue;
                }
            }
            break;  // not an integer, or too many sparse values
        }
        st.hi[u] = hj;
        if (i < len) st.bailed[u] = 1;
    }
    return i == len || real_tile(ko, p + i, len - i, row_base + row0 + i, st.part[u], st.first_negative[u]);
}


// The kernel of one block: counts rows [b, e) of v tile by tile into the
// 4-way scratch histograms (sc.counts) and st (largest value, sparse
// integers, real-valued moments, first negative row per column).
// `fused`: the vectorised fused counter may run. False on a non-finite value.
template <class Scalar, bool RowMajor>
bool count_block(const kernel_options& ko, const dense_view<Scalar, RowMajor>& v, index b, index e,
                 index row_base, bool fused, column_scratch& sc, block_state<Scalar>& st) {
    const index m = ko.cols;
    constexpr bool direct = direct_columns<Scalar, RowMajor>();
    std::vector<index>& start = st.start;
    bool bad = false;
    for (index tb = b; tb < e && !bad; tb += tile_rows) {
        const index te = std::min(e, tb + tile_rows);
        const index len = te - tb;
        std::fill(start.begin(), start.end(), 0);
        if (fused) fused_tile(ko, v, tb, len & ~index{3}, e, sc.counts.data(), st);
        bool slow = false;
        for (index j = 0; j < m; ++j) slow = slow || start[static_cast<std::size_t>(j)] < len;
        if (!slow) continue;
        if constexpr (RowMajor && log4_path) {
            const std::size_t mu = static_cast<std::size_t>(m);
            std::vector<real_moments>& part = st.part;
            // Every column real-valued: their moments straight from the
            // rows (the same bits as through a transposed tile).
            bool all_real = v.outer == m;
            for (index j = 0; j < m && all_real; ++j) all_real = st.bailed[static_cast<std::size_t>(j)] != 0;
            if (all_real) {
                sc.sums.resize(mu);
                const Scalar* r0 = v.row(tb);
                run_sums* out = sc.sums.data();
                if (ko.xlogx) {
                    if (ko.m2) row_moments<true, true>(r0, len, m, out, sc.moments);
                    else row_moments<true, false>(r0, len, m, out, sc.moments);
                } else {
                    if (ko.m2) row_moments<false, true>(r0, len, m, out, sc.moments);
                    else row_moments<false, false>(r0, len, m, out, sc.moments);
                }
                for (index j = 0; j < m && !bad; ++j) {
                    const Scalar* c = v.row(tb) + j;
                    if (!finish_real(ko, sc.sums[static_cast<std::size_t>(j)], len, row_base + tb,
                                     part[static_cast<std::size_t>(j)], st.first_negative[static_cast<std::size_t>(j)],
                                     [&](index i) { return static_cast<double>(c[i * m]); }))
                        bad = true;
                }
                continue;
            }
        }
        if constexpr (!direct) load_tile(v, tb, te, sc.tile.data(), tile_stride(len));
        for (index j = 0; j < m && !bad; ++j) {
            const std::size_t u = static_cast<std::size_t>(j);
            const index s = start[u];
            if (s == len) continue;
            const double* p;
            if constexpr (direct) {
                p = v.col(j) + tb + s;
            } else {
                p = sc.tile.data() + j * tile_stride(len) + s;
            }
            if (!column_tile(ko, v, p, len - s, tb + s, e, j, row_base, sc, st)) bad = true;
        }
    }
    return !bad;
}

}  // namespace detail
}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_DETAIL_COLUMN_KERNEL_HPP_
