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
#include "techconv/weighting/detail/count.hpp"
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/detail/xlogx.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
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
    /// Accumulate the centred second moment of the rows that are not in the
    /// histogram (a second sweep over each cache-resident run). The entropy
    /// method does not need it (entropy_stats_options turns it off); when
    /// off, real_part(j).m2 is 0 and summary(j).m2 counts only the histogram.
    bool m2 = true;
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
    /// \brief A histogram restored from its (value, count) entries, as
    /// for_each lists them (serial forms, distributed merges).
    /// \param ascending   distinct values, strictly ascending, each with a count > 0
    /// \param dense_limit integer values in [0, dense_limit) go to the dense
    ///                    part, as column_stats places them (its options' dense_limit)
    /// \returns a histogram equal (operator==) to the one the entries were listed from.
    /// \throws invalid_argument if the values are not strictly ascending or a count is 0.
    /// Complexity: O(entries + largest dense value).
    static value_histogram from_entries(const std::vector<std::pair<double, std::uint64_t>>& ascending,
                                        index dense_limit) {
        value_histogram h;
        const double dl = static_cast<double>(dense_limit);
        for (std::size_t i = 0; i < ascending.size(); ++i) {
            const auto& [v, c] = ascending[i];
            techconv::detail::require(c > 0, "value_histogram::from_entries: count 0");
            techconv::detail::require(i == 0 || ascending[i - 1].first < v,
                                      "value_histogram::from_entries: values must be strictly ascending");
            if (v >= 0.0 && v < dl && std::floor(v) == v) {
                const auto k = static_cast<std::size_t>(v);
                if (h.dense_.size() <= k) h.dense_.resize(k + 1, 0);
                h.dense_[k] += c;
            } else {
                h.sparse_.emplace_back(v, c);
            }
            h.total_ += c;
        }
        return h;
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
                                      other.opts_.xlogx == opts_.xlogx && other.opts_.m2 == opts_.m2 &&
                                      other.opts_.dense_limit == opts_.dense_limit,
                                  "column_stats::merge: options differ");
        for (index j = 0; j < cols_; ++j) {
            const std::size_t u = static_cast<std::size_t>(j);
            hist_[u].merge(other.hist_[u]);
            merge_moments(real_[u], other.real_[u], opts_.m2);
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
        merge_moments(hm, real_[u], opts_.m2);
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

    /// \brief The first row (as numbered by add()'s first_row) with a negative
    /// value in column j, or no_index.
    index first_negative_row(index j) const {
        techconv::detail::require(j >= 0 && j < cols_, "column_stats::first_negative_row: column out of range");
        return first_negative_[static_cast<std::size_t>(j)];
    }

    /// \brief Statistics restored from their parts (the public partial-state
    /// interface: serial forms and distributed merges rebuild a state with it).
    ///
    /// The parts are what the accessors return: per column histogram(j),
    /// real_part(j) and first_negative_row(j), and rows(). The caller
    /// vouches that they describe one set of rows (a column's histogram total
    /// plus its real-valued count is `rows` for a complete state).
    /// \param opts                the options the parts were accumulated with
    /// \param rows                rows summarised
    /// \param histograms          one per column
    /// \param real_parts          one per column
    /// \param first_negative_rows one per column (no_index for none)
    /// \returns statistics equal (operator==) to the ones the parts were taken from.
    /// \throws invalid_argument if the three lists differ in length or the options are invalid.
    static column_stats from_parts(const column_stats_options& opts, std::uint64_t rows,
                                   std::vector<value_histogram> histograms, std::vector<real_moments> real_parts,
                                   std::vector<index> first_negative_rows) {
        techconv::detail::require(histograms.size() == real_parts.size() &&
                                      histograms.size() == first_negative_rows.size(),
                                  "column_stats::from_parts: one histogram, real part and first negative row per column");
        column_stats s(static_cast<index>(histograms.size()), opts);
        s.rows_ = rows;
        s.hist_ = std::move(histograms);
        s.real_ = std::move(real_parts);
        s.first_negative_ = std::move(first_negative_rows);
        return s;
    }

private:

    // Chan's update; with_m2 false leaves m2 alone (not gathered).
    static void merge_moments(real_moments& a, const real_moments& b, bool with_m2) {
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

    void resize(index columns) {
        cols_ = columns;
        const std::size_t m = static_cast<std::size_t>(columns);
        hist_.assign(m, value_histogram{});
        real_.assign(m, real_moments{});
        first_negative_.assign(m, no_index);
    }

    // Per-thread scratch: 4 interleaved 32-bit histograms per column (four
    // copies break the store-to-load dependency when a value repeats), each
    // copy_stride(L) cells apart. Kept all-zero between uses.
    struct scratch {
        std::vector<std::uint32_t> counts;
        std::vector<double> tile;
        std::vector<double> keys;  // small_integers output: one tile column
        std::vector<double> moments;  // row_moments accumulators
        std::vector<detail::run_sums> sums;  // row_moments results
    };
    // Distance between histogram copies: dense_limit plus one cache line.
    // With exactly 4096 cells (16 KiB) apart, the hot cells of every copy and
    // column (values 0, 1, 2, ...) share their low 12 address bits, and the
    // processor treats each increment as possibly depending on the previous
    // ones (4 KiB aliasing): measured 8x slower on AMD Zen 3.
    static constexpr index copy_stride(index L) noexcept { return L + 16; }
    static scratch& thread_scratch() {
        thread_local scratch s;
        return s;
    }

    // State of one add_block call.
    template <class Scalar>
    struct block_state {
        block_state(std::size_t m, bool histogram, std::size_t cap)
            : hi(m, -1), bailed(m, histogram ? 0 : 1), sparse(m), part(m), sparse_cap(cap),
              misses(m, 0), start(m, 0) {}
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
    };

    // Counts rows [tb, tb + len4) (len4 a multiple of 4; rows up to e may be
    // prefetched) of the columns still on the fused path with the fused kernel (one read, no transposition).
    // A column whose values there are not all integers in [0, L) has its
    // increments undone and st.start[j] = 0 (column_tile takes the whole
    // tile); else st.start[j] = len4.
    template <class Scalar, bool RowMajor>
    void fused_tile(const detail::dense_view<Scalar, RowMajor>& v, index tb, index len4, index e,
                    std::uint32_t* counts, block_state<Scalar>& st) {
#if defined(__AVX__)
        if (len4 == 0) return;
        const index m = cols_;
        const index L = opts_.dense_limit;
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
                const int n = detail::next_group(packets - g);
                const Scalar* p[4];
                for (int t = 0; t < n; ++t) p[t] = st.ptr[static_cast<std::size_t>(g + t)] + shift;
                const std::size_t gu = static_cast<std::size_t>(g);
                const index share = (k + 1) * lines / groups - done;
                detail::count_packets(n, p, stride, steps, st.off.data() + 4 * gu, cap, counts,
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
                --counts[cell(j, i & 3) + detail::clamped_key(static_cast<double>(v(tb + i, j)), cap)];
            ++st.misses[u];
        }
#else
        static_cast<void>(v);
        static_cast<void>(tb);
        static_cast<void>(len4);
        static_cast<void>(e);
        static_cast<void>(counts);
        static_cast<void>(st);
#endif
    }

    // The column path for len values of column j at p (rows row0 .. row0 +
    // len - 1 of the view): the histogram while the values are integers, the
    // real-valued moments from the first value that is not. False on a
    // non-finite value.
    template <class Scalar, bool RowMajor>
    bool column_tile(const detail::dense_view<Scalar, RowMajor>& v, const double* p, index len, index row0,
                     index e, index j, index row_base, scratch& sc, block_state<Scalar>& st) {
        const std::size_t u = static_cast<std::size_t>(j);
        const index L = opts_.dense_limit;
        const double dl = static_cast<double>(L);
        index i = 0;
        if (st.bailed[u] == 0) {
            const index P = copy_stride(L);
            std::uint32_t* h = sc.counts.data() + j * 4 * P;
            // Fast path: the whole run is integers in [0, L).
            const index top = small_integers(p, len, dl, sc.keys.data());
            if (top >= 0) {
                const double* next = nullptr;
                if constexpr (detail::direct_columns<Scalar, RowMajor>()) {
                    if (j + 1 < cols_) next = v.col(j + 1) + row0;
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
                        if (x < 0.0 && (first_negative_[u] == no_index ||
                                        row_base + row0 + i < first_negative_[u]))
                            first_negative_[u] = row_base + row0 + i;
                        ++i;
                        continue;
                    }
                }
                break;  // not an integer, or too many sparse values
            }
            st.hi[u] = hj;
            if (i < len) st.bailed[u] = 1;
        }
        return i == len || real_tile(p + i, len - i, row_base + row0 + i, u, st.part[u]);
    }

    template <class Scalar, bool RowMajor>
    void add_block(const detail::dense_view<Scalar, RowMajor>& v, index b, index e,
                   index row_base) {
        if (e <= b) return;
        const index m = cols_;
        const index L = opts_.dense_limit;
        const std::size_t mu = static_cast<std::size_t>(m);
        const index P = copy_stride(L);
        const std::size_t cells = mu * 4 * static_cast<std::size_t>(P);
        scratch& sc = thread_scratch();
        // The fused kernel adds a trash histogram (for the lanes of columns it
        // must skip) after the 4 m real ones; its cell indices are 32-bit.
        const bool fused = detail::fused_count_available && opts_.histogram &&
                           (m * 4 + 1) * P <= index{0x7fffffff};
        if (opts_.histogram && sc.counts.size() < cells + static_cast<std::size_t>(P))
            sc.counts.resize(cells + static_cast<std::size_t>(P), 0);
        if (opts_.histogram && sc.keys.size() < static_cast<std::size_t>(detail::tile_rows))
            sc.keys.resize(static_cast<std::size_t>(detail::tile_rows));
        constexpr bool direct = detail::direct_columns<Scalar, RowMajor>();
        if (!direct && sc.tile.size() < static_cast<std::size_t>(detail::tile_stride(detail::tile_rows) * m))
            sc.tile.resize(static_cast<std::size_t>(detail::tile_stride(detail::tile_rows) * m));

        block_state<Scalar> st(mu, opts_.histogram, static_cast<std::size_t>((e - b) / 4 + 1024));
        std::vector<index>& hi = st.hi;
        std::vector<std::vector<double>>& sparse = st.sparse;
        std::vector<real_moments>& part = st.part;
        std::vector<index>& start = st.start;

        // Re-zero the scratch counters on every exit path (also when throwing).
        struct zeroer {
            std::uint32_t* counts;
            const std::vector<index>& hi;
            index P;
            index L;
            const bool& trash_used;
            ~zeroer() {
                if (counts == nullptr) return;
                // (a later call with more columns counts there)
                const index m = static_cast<index>(hi.size());
                if (trash_used) std::fill(counts + m * 4 * P, counts + m * 4 * P + L, 0u);
                for (std::size_t j = 0; j < hi.size(); ++j)
                    if (hi[j] >= 0)
                        for (index c = 0; c < 4; ++c) {
                            std::uint32_t* h = counts + (static_cast<index>(j) * 4 + c) * P;
                            std::fill(h, h + hi[j] + 1, 0u);
                        }
            }
        } guard{opts_.histogram ? sc.counts.data() : nullptr, hi, P, L, st.trash_used};

        bool bad = false;
        for (index tb = b; tb < e && !bad; tb += detail::tile_rows) {
            const index te = std::min(e, tb + detail::tile_rows);
            const index len = te - tb;
            std::fill(start.begin(), start.end(), 0);
            if (fused) fused_tile(v, tb, len & ~index{3}, e, sc.counts.data(), st);
            bool slow = false;
            for (index j = 0; j < m; ++j) slow = slow || start[static_cast<std::size_t>(j)] < len;
            if (!slow) continue;
#if defined(TECHCONV_WEIGHTING_AVX2_LOG)
            if constexpr (RowMajor) {
                // Every column real-valued: their moments straight from the
                // rows (the same bits as through a transposed tile).
                bool all_real = v.outer == m;
                for (index j = 0; j < m && all_real; ++j) all_real = st.bailed[static_cast<std::size_t>(j)] != 0;
                if (all_real) {
                    sc.sums.resize(mu);
                    const Scalar* r0 = v.row(tb);
                    detail::run_sums* out = sc.sums.data();
                    if (opts_.xlogx) {
                        if (opts_.m2) detail::row_moments<true, true>(r0, len, m, out, sc.moments);
                        else detail::row_moments<true, false>(r0, len, m, out, sc.moments);
                    } else {
                        if (opts_.m2) detail::row_moments<false, true>(r0, len, m, out, sc.moments);
                        else detail::row_moments<false, false>(r0, len, m, out, sc.moments);
                    }
                    for (index j = 0; j < m && !bad; ++j) {
                        const Scalar* c = v.row(tb) + j;
                        if (!finish_real(sc.sums[static_cast<std::size_t>(j)], len, row_base + tb,
                                         static_cast<std::size_t>(j), part[static_cast<std::size_t>(j)],
                                         [&](index i) { return static_cast<double>(c[i * m]); }))
                            bad = true;
                    }
                    continue;
                }
            }
#endif
            if constexpr (!direct) detail::load_tile(v, tb, te, sc.tile.data(), detail::tile_stride(len));
            for (index j = 0; j < m && !bad; ++j) {
                const std::size_t u = static_cast<std::size_t>(j);
                const index s = start[u];
                if (s == len) continue;
                const double* p;
                if constexpr (direct) {
                    p = v.col(j) + tb + s;
                } else {
                    p = sc.tile.data() + j * detail::tile_stride(len) + s;
                }
                if (!column_tile(v, p, len - s, tb + s, e, j, row_base, sc, st)) bad = true;
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
                        sc.counts.data() + (static_cast<index>(u) * 4 + c) * P;
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
            merge_moments(real_[u], part[u], opts_.m2);
        }
        rows_ += static_cast<std::uint64_t>(e - b);
    }

    // Vectorised check that p[0, len) are all integers in [0, dl) (dl <= 2^24):
    // on success stores x + 2^52 for every value in keys (the low 32 bits of
    // that double are the integer) and returns the largest value; else -1.
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
            ei::pstoreu(keys + i, y);
        }
        if (!detail::all_lanes(good)) return -1;
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
    static index key_value(double key) noexcept {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &key, sizeof bits);
        return static_cast<index>(static_cast<std::uint32_t>(bits));
    }

    // Adds the keys to the 4-way histogram h (element i goes to copy i mod 4:
    // repeated values do not wait on each other's increments).
    // `next` (may be null) points at the next len values the caller will read:
    // they are prefetched meanwhile, so memory keeps streaming during the increments.
    static void count_keys(const double* keys, index len, std::uint32_t* h, index P,
                           const double* next) noexcept {
        std::uint32_t* h1 = h + P;
        std::uint32_t* h2 = h + 2 * P;
        std::uint32_t* h3 = h + 3 * P;
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

    // Counts p[i..len) into the 4-way histogram h while the values are
    // integers in [0, dl); returns the index of the first value that is not.
    // A separate small function so the loop keeps everything in registers.
    static index count_run(const double* p, index i, index len, std::uint32_t* h, index P, double dl,
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

    // Moments of a contiguous run of real values (one fused vectorised sweep
    // plus a sweep over the cache-resident run for m2); false on a non-finite sum.
    bool real_tile(const double* p, index n, index row0, std::size_t u, real_moments& acc) {
        const detail::run_sums rs = opts_.xlogx ? (opts_.m2 ? detail::run_moments<true, true>(p, n)
                                                           : detail::run_moments<true, false>(p, n))
                                                : (opts_.m2 ? detail::run_moments<false, true>(p, n)
                                                            : detail::run_moments<false, false>(p, n));
        return finish_real(rs, n, row0, u, acc, [&](index i) { return p[i]; });
    }

    // Adds the moments of a run of n real values (value(i) is the i-th, row
    // row0 + i) to acc; false on a non-finite sum.
    template <class Value>
    bool finish_real(const detail::run_sums& rs, index n, index row0, std::size_t u, real_moments& acc,
                     Value&& value) {
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
            if (first_negative_[u] == no_index || row0 + i < first_negative_[u])
                first_negative_[u] = row0 + i;
        }
        merge_moments(acc, t, opts_.m2);
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
