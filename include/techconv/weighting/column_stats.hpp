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
#include "techconv/weighting/detail/column_kernel.hpp"
#include "techconv/weighting/detail/view.hpp"

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
            detail::merge_moments(real_[u], other.real_[u], opts_.m2);
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
        detail::merge_moments(hm, real_[u], opts_.m2);
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

    void resize(index columns) {
        cols_ = columns;
        const std::size_t m = static_cast<std::size_t>(columns);
        hist_.assign(m, value_histogram{});
        real_.assign(m, real_moments{});
        first_negative_.assign(m, no_index);
    }

    template <class Scalar, bool RowMajor>
    void add_block(const detail::dense_view<Scalar, RowMajor>& v, index b, index e,
                   index row_base) {
        if (e <= b) return;
        const index m = cols_;
        const index L = opts_.dense_limit;
        const std::size_t mu = static_cast<std::size_t>(m);
        const index P = detail::copy_stride(L);
        const std::size_t cells = mu * 4 * static_cast<std::size_t>(P);
        detail::column_scratch& sc = detail::thread_scratch();
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

        detail::block_state<Scalar> st(mu, opts_.histogram, static_cast<std::size_t>((e - b) / 4 + 1024));
        std::vector<index>& hi = st.hi;
        std::vector<std::vector<double>>& sparse = st.sparse;
        std::vector<real_moments>& part = st.part;

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

        const detail::kernel_options ko{m, L, opts_.histogram, opts_.xlogx, opts_.m2};
        const bool bad = !detail::count_block(ko, v, b, e, row_base, fused, sc, st);
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
            detail::merge_moments(real_[u], part[u], opts_.m2);
            const index fn = st.first_negative[u];
            if (fn != no_index && (first_negative_[u] == no_index || fn < first_negative_[u])) first_negative_[u] = fn;
        }
        rows_ += static_cast<std::uint64_t>(e - b);
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
