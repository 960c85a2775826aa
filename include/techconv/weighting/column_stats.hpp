// SPDX-License-Identifier: BSL-1.0
//
// Mergeable per-column statistics of an indicator matrix: the first pass of
// every weighting method. One object summarises any set of rows; two objects
// over disjoint row sets merge into the summary of their union, so row
// chunks, threads and processes combine.
#ifndef TECHCONV_WEIGHTING_COLUMN_STATS_HPP_
#define TECHCONV_WEIGHTING_COLUMN_STATS_HPP_

#include <algorithm>  // std::max, std::min, std::sort, std::fill
#include <cmath>      // std::floor, std::isfinite, std::fabs
#include <cstdint>    // std::uint32_t, std::uint64_t
#include <cstring>    // std::memcpy
#include <limits>     // std::numeric_limits
#include <type_traits>  // std::is_same_v
#include <utility>    // std::pair
#include <vector>     // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/detail/xlogx.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
namespace detail {
struct column_stats_access;  // serial forms (techconv/parallel/serialize.hpp) read and rebuild the state
}  // namespace detail

/// \brief Options of column_stats.
struct column_stats_options {
    /// Count integer values exactly in a histogram (the count-data path: the
    /// entropy then needs one logarithm per distinct value, not per element).
    bool histogram = true;
    /// Accumulate the sum of x ln x over the rows that are not in the
    /// histogram (lets min-max entropy finish without another pass when a
    /// column's minimum is 0).
    bool xlogx = true;
    /// Integer values in [0, dense_limit) are counted in a dense array; other
    /// integer values in a sorted list. Must be in [1, 2^24].
    index dense_limit = 4096;
};

/// \brief Exact histogram of the integer values of one column.
///
/// Counts are exact integers, so merging histograms in any order gives the
/// same histogram. Values are visited in ascending order.
class value_histogram {
public:
    /// Number of values counted.
    std::uint64_t total() const noexcept { return total_; }
    /// Whether nothing was counted.
    bool empty() const noexcept { return total_ == 0; }
    /// Number of distinct values.
    index distinct() const noexcept {
        index d = static_cast<index>(sparse_.size());
        for (const std::uint64_t c : dense_) d += c != 0 ? 1 : 0;
        return d;
    }
    /// Calls fn(value, count) for every distinct value, ascending.
    template <class Fn>
    void for_each(Fn&& fn) const {
        std::size_t s = 0;
        while (s < sparse_.size() && sparse_[s].first < 0.0) {
            fn(sparse_[s].first, sparse_[s].second);
            ++s;
        }
        for (std::size_t v = 0; v < dense_.size(); ++v)
            if (dense_[v] != 0) fn(static_cast<double>(v), dense_[v]);
        for (; s < sparse_.size(); ++s) fn(sparse_[s].first, sparse_[s].second);
    }
    /// Adds the counts of `other` (exact, commutative, associative).
    void merge(const value_histogram& other) {
        if (other.dense_.size() > dense_.size()) dense_.resize(other.dense_.size(), 0);
        for (std::size_t v = 0; v < other.dense_.size(); ++v) dense_[v] += other.dense_[v];
        merge_sorted(other.sparse_);
        total_ += other.total_;
    }
    /// Equal counts for equal values.
    friend bool operator==(const value_histogram& a, const value_histogram& b) {
        if (a.total_ != b.total_ || a.sparse_ != b.sparse_) return false;
        const std::size_t n = std::max(a.dense_.size(), b.dense_.size());
        for (std::size_t v = 0; v < n; ++v) {
            const std::uint64_t ca = v < a.dense_.size() ? a.dense_[v] : 0;
            const std::uint64_t cb = v < b.dense_.size() ? b.dense_[v] : 0;
            if (ca != cb) return false;
        }
        return true;
    }

private:
    friend class column_stats;
    friend struct detail::column_stats_access;

    void merge_sorted(const std::vector<std::pair<double, std::uint64_t>>& o) {
        if (o.empty()) return;
        std::vector<std::pair<double, std::uint64_t>> out;
        out.reserve(sparse_.size() + o.size());
        std::size_t i = 0, k = 0;
        while (i < sparse_.size() || k < o.size()) {
            if (k == o.size() || (i < sparse_.size() && sparse_[i].first < o[k].first)) {
                out.push_back(sparse_[i++]);
            } else if (i == sparse_.size() || o[k].first < sparse_[i].first) {
                out.push_back(o[k++]);
            } else {
                out.emplace_back(sparse_[i].first, sparse_[i].second + o[k].second);
                ++i;
                ++k;
            }
        }
        sparse_.swap(out);
    }

    std::vector<std::uint64_t> dense_;                        // dense_[v] = count of value v
    std::vector<std::pair<double, std::uint64_t>> sparse_;   // other values, ascending, unique
    std::uint64_t total_ = 0;
};

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

/// \brief Summary of one column over all rows seen.
struct column_summary {
    std::uint64_t count = 0;  ///< rows
    double min = 0.0;         ///< smallest value (0 when count == 0)
    double max = 0.0;         ///< largest value (0 when count == 0)
    double sum = 0.0;         ///< sum of the values
    double mean = 0.0;        ///< mean (0 when count == 0)
    double m2 = 0.0;          ///< sum of squared deviations from the mean
    bool integer_valued = false;  ///< every value was counted in the histogram
    index first_negative_row = no_index;  ///< smallest row holding a negative value, or no_index
};

/// \brief Mergeable statistics of every column of an indicator matrix:
/// min, max, sum, mean, centred second moment, an exact histogram of the
/// integer values, and the sum of x ln x over the other values.
///
/// A monoid: the default-constructed object is the identity (it adopts the
/// column count of whatever is added or merged into it), and merge() combines
/// the statistics of disjoint row sets.
///
/// Exactness: histograms hold exact integer counts, so for integer-valued
/// (count) columns merge order cannot change any statistic: min, max, sum,
/// mean and m2 are computed from the histogram when asked. For real-valued
/// rows, merge() uses Chan's pairwise update of (count, mean, m2) and plain
/// sums: associative up to rounding only. techconv always merges in a fixed
/// chunk order (chunk boundaries depend on `chunk_rows`, never on the thread
/// count), so every result is bit-identical for any number of threads; a
/// distributed user obtains the same bits by merging partial results in row
/// order with the same chunking.
///
/// Not safe for concurrent writers; concurrent const readers are fine.
class column_stats {
public:
    /// The identity: no rows, no columns yet.
    column_stats() = default;

    /// No rows, `columns` columns.
    /// \throws invalid_argument if columns < 0 or opts.dense_limit is outside [1, 2^24].
    explicit column_stats(index columns, const column_stats_options& opts = {}) : opts_(opts) {
        techconv::detail::require(columns >= 0, "column_stats: negative column count");
        techconv::detail::require(opts.dense_limit >= 1 && opts.dense_limit <= (index{1} << 24),
                                  "column_stats: dense_limit must be in [1, 2^24]");
        resize(columns);
    }

    /// \brief Adds the rows of `rows` (a block of the matrix, any storage
    /// order, float or double).
    /// \param rows       a chunk of records (rows) by indicators (columns)
    /// \param first_row  index of rows(0, .) in the whole matrix (for messages)
    /// \throws invalid_argument if the column count differs from earlier rows,
    ///         or on a NaN or infinite value (naming its row and column).
    /// Complexity: O(rows x cols), one read of the block.
    template <class Derived>
    void add(const Eigen::DenseBase<Derived>& rows, index first_row = 0) {
        detail::with_view(rows, [&](const auto& v) { add_view(v, 0, v.rows, first_row); });
    }

    /// \brief Adds rows [b, e) of a view; row i is reported as row_base + i.
    template <class Scalar, bool RowMajor>
    void add_view(const detail::dense_view<Scalar, RowMajor>& v, index b, index e,
                  index row_base) {
        if (cols_ == 0 && rows_ == 0 && v.cols > 0) resize(v.cols);
        techconv::detail::require(v.cols == cols_, "column_stats: column count differs from earlier rows");
        constexpr index max_block = index{1} << 30;  // keeps 32-bit scratch counters exact
        for (index bb = b; bb < e; bb += max_block)
            add_block(v, bb, std::min(e, bb + max_block), row_base);
    }

    /// \brief Merges the statistics of another (disjoint) set of rows.
    /// \throws invalid_argument if both are non-empty with different column
    ///         counts, or their options differ.
    void merge(const column_stats& other) {
        if (other.cols_ == 0 && other.rows_ == 0) return;
        if (cols_ == 0 && rows_ == 0) {
            *this = other;
            return;
        }
        techconv::detail::require(other.cols_ == cols_, "column_stats::merge: column counts differ");
        techconv::detail::require(other.opts_.histogram == opts_.histogram &&
                                      other.opts_.xlogx == opts_.xlogx &&
                                      other.opts_.dense_limit == opts_.dense_limit,
                                  "column_stats::merge: options differ");
        for (index j = 0; j < cols_; ++j) {
            const std::size_t u = static_cast<std::size_t>(j);
            hist_[u].merge(other.hist_[u]);
            merge_moments(real_[u], other.real_[u]);
            const index o = other.first_negative_[u];
            if (o != no_index && (first_negative_[u] == no_index || o < first_negative_[u]))
                first_negative_[u] = o;
        }
        rows_ += other.rows_;
    }

    /// Number of columns.
    index cols() const noexcept { return cols_; }
    /// Number of rows summarised.
    std::uint64_t rows() const noexcept { return rows_; }
    /// The options in use.
    const column_stats_options& options() const noexcept { return opts_; }
    /// The exact histogram of the integer values of column j that were
    /// counted (all rows of j when summary(j).integer_valued).
    const value_histogram& histogram(index j) const { return hist_.at(static_cast<std::size_t>(j)); }
    /// Moments of the rows of column j that are not in its histogram.
    const real_moments& real_part(index j) const { return real_.at(static_cast<std::size_t>(j)); }

    /// \brief Summary of column j over all rows (combines the histogram and
    /// the real-valued part). Complexity: O(distinct values of j).
    column_summary summary(index j) const {
        const std::size_t u = static_cast<std::size_t>(j);
        techconv::detail::require(j >= 0 && j < cols_, "column_stats::summary: column out of range");
        const value_histogram& h = hist_[u];
        real_moments hm;
        if (!h.empty()) {
            double sum = 0.0;
            bool first = true;
            h.for_each([&](double v, std::uint64_t c) {
                if (first) hm.min = v;
                first = false;
                hm.max = v;
                sum += static_cast<double>(c) * v;
            });
            hm.count = h.total();
            hm.sum = sum;
            hm.mean = sum / static_cast<double>(hm.count);
            double m2 = 0.0;
            h.for_each([&](double v, std::uint64_t c) {
                const double d = v - hm.mean;
                m2 += static_cast<double>(c) * d * d;
            });
            hm.m2 = m2;
        }
        merge_moments(hm, real_[u]);
        column_summary s;
        s.count = hm.count;
        if (hm.count > 0) {
            s.min = hm.min;
            s.max = hm.max;
            s.sum = hm.sum;
            s.mean = hm.mean;
            s.m2 = hm.m2;
        }
        s.integer_valued = real_[u].count == 0;
        s.first_negative_row = first_negative_[u];
        return s;
    }

    /// Both summarise the same rows with the same results (histograms equal,
    /// real-valued moments bit-identical).
    friend bool operator==(const column_stats& a, const column_stats& b) {
        if (a.cols_ != b.cols_ || a.rows_ != b.rows_ || a.first_negative_ != b.first_negative_)
            return false;
        for (std::size_t u = 0; u < a.hist_.size(); ++u) {
            const real_moments& x = a.real_[u];
            const real_moments& y = b.real_[u];
            if (!(a.hist_[u] == b.hist_[u]) || x.count != y.count || x.min != y.min ||
                x.max != y.max || x.sum != y.sum || x.mean != y.mean || x.m2 != y.m2 ||
                x.xlogx != y.xlogx)
                return false;
        }
        return true;
    }

private:
    friend struct detail::column_stats_access;

    static void merge_moments(real_moments& a, const real_moments& b) {
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
        a.m2 += b.m2 + delta * delta * (na * nb / n);
        a.count += b.count;
        a.min = std::min(a.min, b.min);
        a.max = std::max(a.max, b.max);
        a.sum += b.sum;
        a.xlogx += b.xlogx;
    }

    void resize(index columns) {
        cols_ = columns;
        const std::size_t m = static_cast<std::size_t>(columns);
        hist_.assign(m, value_histogram{});
        real_.assign(m, real_moments{});
        first_negative_.assign(m, no_index);
    }

    // Per-thread scratch: 4 interleaved 32-bit histograms per column (four
    // copies break the store-to-load dependency when a value repeats). Kept
    // all-zero between uses.
    struct scratch {
        std::vector<std::uint32_t> counts;
        std::vector<double> tile;
        std::vector<double> keys;  // small_integers output: one tile column
    };
    static scratch& thread_scratch() {
        thread_local scratch s;
        return s;
    }

    template <class Scalar, bool RowMajor>
    void add_block(const detail::dense_view<Scalar, RowMajor>& v, index b, index e,
                   index row_base) {
        if (e <= b) return;
        const index m = cols_;
        const index L = opts_.dense_limit;
        const double dl = static_cast<double>(L);
        const std::size_t mu = static_cast<std::size_t>(m);
        scratch& sc = thread_scratch();
        if (opts_.histogram && sc.counts.size() < mu * 4 * static_cast<std::size_t>(L))
            sc.counts.resize(mu * 4 * static_cast<std::size_t>(L), 0);
        // Row-major double rows with no gaps: a whole tile is checked in
        // memory order, then counted from the cache without a transposition.
        constexpr bool row_tiles = RowMajor && std::is_same_v<Scalar, double>;
        bool rows_fast = row_tiles && opts_.histogram && v.outer == m;
        if (opts_.histogram && sc.keys.size() < static_cast<std::size_t>(detail::tile_rows))
            sc.keys.resize(static_cast<std::size_t>(detail::tile_rows));
        constexpr bool direct = detail::direct_columns<Scalar, RowMajor>();
        if (!direct && sc.tile.size() < static_cast<std::size_t>(detail::tile_stride(detail::tile_rows) * m))
            sc.tile.resize(static_cast<std::size_t>(detail::tile_stride(detail::tile_rows) * m));

        std::vector<index> hi(mu, -1);
        std::vector<char> bailed(mu, opts_.histogram ? 0 : 1);
        std::vector<std::vector<double>> sparse(mu);
        std::vector<real_moments> part(mu);
        const std::size_t sparse_cap = static_cast<std::size_t>((e - b) / 4 + 1024);

        // Re-zero the scratch counters on every exit path (also when throwing).
        struct zeroer {
            std::uint32_t* counts;
            const std::vector<index>& hi;
            index L;
            ~zeroer() {
                if (counts == nullptr) return;
                for (std::size_t j = 0; j < hi.size(); ++j)
                    if (hi[j] >= 0)
                        for (index c = 0; c < 4; ++c) {
                            std::uint32_t* h = counts + (static_cast<index>(j) * 4 + c) * L;
                            std::fill(h, h + hi[j] + 1, 0u);
                        }
            }
        } guard{opts_.histogram ? sc.counts.data() : nullptr, hi, L};

        bool bad = false;
        for (index tb = b; tb < e && !bad; tb += detail::tile_rows) {
            const index te = std::min(e, tb + detail::tile_rows);
            const index len = te - tb;
            if constexpr (row_tiles) {
                // Fast path: every value of the tile is an integer in [0, L).
                // Counts are integers, so the order of the increments does
                // not matter: the histograms equal the column-wise ones.
                if (rows_fast) {
                    if (small_integers<false>(v.row(tb), len * m, dl, nullptr) >= 0) {
                        const index next_n = (std::min(e, te + detail::tile_rows) - te) * m;
                        count_rows(v.row(tb), len, m, sc.counts.data(), L, hi.data(),
                                   next_n > 0 ? v.row(te) : nullptr, next_n);
                        continue;
                    }
                    rows_fast = false;  // from here on, tile by tile and column by column
                }
            }
            if constexpr (!direct) detail::load_tile(v, tb, te, sc.tile.data(), detail::tile_stride(len));
            for (index j = 0; j < m && !bad; ++j) {
                const std::size_t u = static_cast<std::size_t>(j);
                const double* p;
                if constexpr (direct) {
                    p = v.col(j) + tb;
                } else {
                    p = sc.tile.data() + j * detail::tile_stride(len);
                }
                index i = 0;
                if (!bailed[u]) {
                    std::uint32_t* h = sc.counts.data() + j * 4 * L;
                    // Fast path: the whole tile column is integers in [0, L).
                    const index top = small_integers(p, len, dl, sc.keys.data());
                    if (top >= 0) {
                        const double* next = nullptr;
                        if constexpr (direct) {
                            if (j + 1 < m) next = v.col(j + 1) + tb;
                            else if (te + len <= e) next = v.col(0) + te;
                        }
                        count_keys(sc.keys.data(), len, h, L, next);
                        hi[u] = std::max(hi[u], top);
                        continue;
                    }
                    index hj = hi[u];
                    for (;;) {
                        i = count_run(p, i, len, h, L, dl, hj);
                        if (i == len) break;
                        const double x = p[i];
                        if (!std::isfinite(x)) {
                            bad = true;
                            break;
                        }
                        if (x < 0.0 || x >= dl) {
                            if (std::floor(x) == x && std::fabs(x) < 9007199254740992.0 &&
                                sparse[u].size() < sparse_cap) {
                                sparse[u].push_back(x);
                                if (x < 0.0 && (first_negative_[u] == no_index ||
                                                row_base + tb + i < first_negative_[u]))
                                    first_negative_[u] = row_base + tb + i;
                                ++i;
                                continue;
                            }
                        }
                        break;  // not an integer, or too many sparse values
                    }
                    hi[u] = hj;
                    if (bad) break;
                    if (i < len) bailed[u] = 1;
                }
                if (i < len && !real_tile(p + i, len - i, row_base + tb + i, u, part[u])) bad = true;
            }
        }
        if (bad) detail::throw_first_non_finite("column_stats", v, b, e);

        // Fold the scratch counters into the exact histograms.
        for (std::size_t u = 0; u < mu; ++u) {
            value_histogram& hist = hist_[u];
            if (hi[u] >= 0) {
                const std::size_t top = static_cast<std::size_t>(hi[u]) + 1;
                if (hist.dense_.size() < top) hist.dense_.resize(top, 0);
                for (index c = 0; c < 4; ++c) {
                    const std::uint32_t* h =
                        sc.counts.data() + (static_cast<index>(u) * 4 + c) * L;
                    for (std::size_t k = 0; k < top; ++k) {
                        hist.dense_[k] += h[k];
                        hist.total_ += h[k];
                    }
                }
            }
            if (!sparse[u].empty()) {
                std::vector<double>& s = sparse[u];
                std::sort(s.begin(), s.end());
                std::vector<std::pair<double, std::uint64_t>> runs;
                for (std::size_t k = 0; k < s.size();) {
                    std::size_t r = k;
                    while (r < s.size() && s[r] == s[k]) ++r;
                    runs.emplace_back(s[k], static_cast<std::uint64_t>(r - k));
                    k = r;
                }
                hist.merge_sorted(runs);
                hist.total_ += static_cast<std::uint64_t>(s.size());
            }
            merge_moments(real_[u], part[u]);
        }
        rows_ += static_cast<std::uint64_t>(e - b);
    }

    // Vectorised check that p[0, len) are all integers in [0, dl) (dl <= 2^24):
    // on success stores x + 2^52 for every value in keys (the low 32 bits of
    // that double are the integer; only when StoreKeys) and returns the largest value; else -1.
    template <bool StoreKeys = true>
    static index small_integers(const double* p, index len, double dl, double* keys) noexcept {
        namespace ei = Eigen::internal;
        using detail::dpacket;
        constexpr index w = detail::dpacket_size;
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
            if constexpr (StoreKeys) ei::pstoreu(keys + i, y);
        }
        if (!detail::all_lanes(good)) return -1;
        double t = ei::predux_max(top);
        for (; i < len; ++i) {
            const double x = p[i];
            if (!(x >= 0.0 && x < dl) || (x + 4503599627370496.0) - 4503599627370496.0 != x) return -1;
            if constexpr (StoreKeys) keys[i] = x + 4503599627370496.0;
            t = std::max(t, x);
        }
        return static_cast<index>(t);
    }

    // The integer held in the low 32 bits of a small_integers key.
    static index key_value(double key) noexcept {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &key, sizeof bits);
        return static_cast<index>(static_cast<std::uint32_t>(bits));
    }

    // Adds the keys to the 4-way histogram h (element i goes to copy i mod 4:
    // repeated values do not wait on each other's increments).
    // `next` (may be null) points at the next len values the caller will read:
    // they are prefetched meanwhile, so memory keeps streaming during the increments.
    static void count_keys(const double* keys, index len, std::uint32_t* h, index L,
                           const double* next) noexcept {
        std::uint32_t* h1 = h + L;
        std::uint32_t* h2 = h + 2 * L;
        std::uint32_t* h3 = h + 3 * L;
        index i = 0;
        for (; i + 8 <= len; i += 8) {
            if (next != nullptr) detail::prefetch(next + i);  // one 64-byte line per 8 values
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

    // Adds a row-major tile (len rows of m columns, all integers in [0, L),
    // checked by small_integers) to the 4-way histograms: value (i, j)
    // goes to copy i mod 4 of column j (column j's copies start at counts +
    // j * 4 * L); tops[j] becomes the largest value of column j seen so far.
    // Blocks of 256 rows (L1-resident), column by column within a block, so
    // that one column's histograms are hot at a time. `next` (may be null)
    // points at the next next_n values the caller will read: they are
    // prefetched meanwhile, so memory keeps streaming during the increments.
    static void count_rows(const double* p, index len, index m, std::uint32_t* counts, index L,
                           index* tops, const double* next, index next_n) noexcept {
        constexpr index block = 256;
        const index steps = ((len + block - 1) / block) * m;
        const index lines = next != nullptr ? (next_n + 7) / 8 : 0;
        index step = 0;
        for (index b0 = 0; b0 < len; b0 += block) {
            const index n = std::min(len - b0, block);
            const double* q = p + b0 * m;
            for (index j = 0; j < m; ++j, ++step) {
                for (index l = step * lines / steps; l < (step + 1) * lines / steps; ++l)
                    detail::prefetch(next + 8 * l);
                tops[j] = count_strided(q + j, n, m, counts + j * 4 * L, L, tops[j]);
            }
        }
    }

    // Adds k[i * m] for i in [0, n) to the 4-way histogram h (copy i mod 4);
    // returns the largest of t and the values.
    static index count_strided(const double* k, index n, index m, std::uint32_t* h,
                               index L, index t) noexcept {
        std::uint32_t* h1 = h + L;
        std::uint32_t* h2 = h + 2 * L;
        std::uint32_t* h3 = h + 3 * L;
        const index m4 = 4 * m;
        index i = 0;
        for (; i + 4 <= n; i += 4, k += m4) {
            const auto k0 = static_cast<index>(k[0]);
            const auto k1 = static_cast<index>(k[m]);
            const auto k2 = static_cast<index>(k[2 * m]);
            const auto k3 = static_cast<index>(k[3 * m]);
            ++h[k0];
            ++h1[k1];
            ++h2[k2];
            ++h3[k3];
            t = std::max(t, std::max(std::max(k0, k1), std::max(k2, k3)));
        }
        for (index r = 0; i < n; ++i, ++r) {
            const auto k0 = static_cast<index>(k[r * m]);
            ++h[(i & 3) * L + k0];
            t = std::max(t, k0);
        }
        return t;
    }

    // Counts p[i..len) into the 4-way histogram h while the values are
    // integers in [0, dl); returns the index of the first value that is not.
    // A separate small function so the loop keeps everything in registers.
    static index count_run(const double* p, index i, index len, std::uint32_t* h, index L, double dl,
                           index& hi) noexcept {
        index hj = hi;
        for (; i < len; ++i) {
            const double x = p[i];
            if (!(x >= 0.0 && x < dl)) break;
            const auto k = static_cast<std::uint32_t>(x);
            if (static_cast<double>(k) != x) break;
            ++h[(i & 3) * L + static_cast<index>(k)];
            hj = hj > static_cast<index>(k) ? hj : static_cast<index>(k);
        }
        hi = hj;
        return i;
    }

    // Moments of a contiguous run of real values (one fused vectorised sweep
    // plus a sweep over the cache-resident run for m2); false on a non-finite sum.
    bool real_tile(const double* p, index n, index row0, std::size_t u, real_moments& acc) {
        const detail::run_sums rs =
            opts_.xlogx ? detail::run_moments<true>(p, n) : detail::run_moments<false>(p, n);
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
            while (p[i] >= 0.0) ++i;
            if (first_negative_[u] == no_index || row0 + i < first_negative_[u])
                first_negative_[u] = row0 + i;
        }
        merge_moments(acc, t);
        return true;
    }

    column_stats_options opts_{};
    index cols_ = 0;
    std::uint64_t rows_ = 0;
    std::vector<value_histogram> hist_;
    std::vector<real_moments> real_;
    std::vector<index> first_negative_;
};

namespace detail {

/// Statistics of rows [0, v.rows) over fixed chunks, merged in chunk order.
template <class Scalar, bool RowMajor>
column_stats stats_of_view(const dense_view<Scalar, RowMajor>& v, const column_stats_options& opts,
                           int threads, index chunk_rows) {
    column_stats total(v.cols, opts);
    const index chunks = techconv::detail::chunk_count(v.rows, chunk_rows);
    if (chunks <= 1) {
        total.add_view(v, 0, v.rows, 0);
        return total;
    }
    std::vector<column_stats> parts(static_cast<std::size_t>(chunks), column_stats(v.cols, opts));
    techconv::detail::for_each_chunk(v.rows, chunk_rows, threads, [&](index c, index b, index e) {
        parts[static_cast<std::size_t>(c)].add_view(v, b, e, 0);
    });
    for (const column_stats& p : parts) total.merge(p);
    return total;
}

}  // namespace detail

/// \brief Statistics of all rows of x, computed over fixed row chunks and
/// merged in chunk order: bit-identical for any thread count.
/// \param x          records (rows) by indicators (columns); any storage order, float or double
/// \param opts       what to accumulate
/// \param threads    worker threads (0 = all hardware threads)
/// \param chunk_rows rows per chunk (the unit of parallel work)
/// \returns the statistics of every column.
/// \throws invalid_argument on a NaN or infinite value (naming row and column).
/// Complexity: O(n m) time, one read of x; O(m (n / chunk_rows + dense_limit)) memory.
template <class Derived>
column_stats compute_column_stats(const Eigen::DenseBase<Derived>& x,
                                  const column_stats_options& opts = {}, int threads = 1,
                                  index chunk_rows = index{1} << 16) {
    return detail::with_view(
        x, [&](const auto& v) { return detail::stats_of_view(v, opts, threads, chunk_rows); });
}

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_COLUMN_STATS_HPP_
