// SPDX-License-Identifier: BSL-1.0
//
// Mergeable partial states for distributed runs. Each is a monoid whose
// merge is EXACT (integer counts, or floating-point partials kept apart per
// global chunk and only combined, in chunk order, by finish()), so partial
// states from any number of processes, merged in any order, finish to the
// same bits as the single-process computation.
#ifndef TECHCONV_PARALLEL_MERGEABLE_HPP_
#define TECHCONV_PARALLEL_MERGEABLE_HPP_

#include <algorithm>    // std::sort, std::min
#include <cstdint>      // std::uint64_t, std::int64_t
#include <iterator>     // std::iterator_traits
#include <limits>       // std::numeric_limits
#include <map>          // std::map
#include <string>       // std::to_string
#include <type_traits>  // std::void_t, std::is_default_constructible
#include <utility>      // std::pair, std::declval
#include <vector>       // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/top_k.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {

/// \brief Whether T follows the mergeable contract: default-constructible
/// (the identity) with `void merge(const T&)`.
///
/// The contract: `T{}` summarises nothing; `a.merge(b)` makes `a` summarise
/// the union of two disjoint sets of rows; merge is associative and
/// commutative for every state in this header (exact), so the order in which
/// processes combine their states cannot change a result.
template <class T, class = void>
struct is_mergeable : std::false_type {};

/// \cond
template <class T>
struct is_mergeable<T, std::void_t<decltype(std::declval<T&>().merge(std::declval<const T&>()))>>
    : std::is_default_constructible<T> {};
/// \endcond

/// \brief True when T follows the mergeable contract.
template <class T>
inline constexpr bool is_mergeable_v = is_mergeable<T>::value;

/// \brief Merges a range of states into one (the identity for an empty range).
/// \param first, last  states of disjoint row sets
/// \returns their merge.
/// Complexity: one merge per state.
template <class It>
typename std::iterator_traits<It>::value_type merge_all(It first, It last) {
    using T = typename std::iterator_traits<It>::value_type;
    static_assert(is_mergeable_v<T>, "merge_all: T needs a default constructor and merge(const T&)");
    T acc{};
    for (; first != last; ++first) acc.merge(*first);
    return acc;
}

/// \brief Global chunk of a global row: rows [c * chunk_rows, (c + 1) * chunk_rows) form chunk c.
/// \pre row >= 0, chunk_rows >= 1.
inline index chunk_of(index row, index chunk_rows) noexcept { return row / chunk_rows; }

/// \brief Exact partial column statistics of whole global chunks.
///
/// Holds the histograms of every chunk merged (exact integer counts), the
/// first negative row per column (a minimum: exact) and, per chunk, the
/// moments of the rows that are not in a histogram (floating point: kept
/// apart). finish() replays weighting::compute_column_stats's reduction:
/// start from the empty statistics and merge the chunks in ascending chunk
/// order. So the result equals (operator==, bit for bit) the single-process
/// statistics with the same `chunk_rows`, whichever process computed which
/// chunk and in whichever order partial states were merged.
///
/// A monoid (default-constructed = identity). Not safe for concurrent writers.
class column_stats_partial {
public:
    /// The identity (no columns, no chunks).
    column_stats_partial() = default;
    /// No chunks yet, `cols` columns, statistics options `opts`.
    column_stats_partial(index cols, const weighting::column_stats_options& opts) : hist_(cols, opts) {}

    /// \brief Adds the statistics of exactly the rows of global chunk `chunk`.
    /// \param chunk  the global chunk index (>= 0)
    /// \param s      statistics of that chunk's rows, computed alone (fresh column_stats, add_view)
    /// \throws invalid_argument if the chunk is already present or the columns/options differ.
    void add_chunk(index chunk, const weighting::column_stats& s) {
        techconv::detail::require(chunk >= 0, "column_stats_partial: negative chunk index");
        techconv::detail::require(chunks_.count(chunk) == 0,
                                  "column_stats_partial: chunk " + std::to_string(chunk) + " added twice");
        if (hist_.cols() == 0 && hist_.rows() == 0 && chunks_.empty())
            hist_ = weighting::column_stats(s.cols(), s.options());
        entry e;
        e.rows = s.rows();
        // the histogram part of the chunk (its real-valued moments are kept per chunk, in e)
        const auto cols = static_cast<std::size_t>(s.cols());
        std::vector<weighting::value_histogram> hist(cols);
        std::vector<index> neg(cols);
        for (index j = 0; j < s.cols(); ++j) {
            if (s.real_part(j).count > 0) e.real.emplace_back(j, s.real_part(j));
            hist[static_cast<std::size_t>(j)] = s.histogram(j);
            neg[static_cast<std::size_t>(j)] = s.first_negative_row(j);
        }
        hist_.merge(weighting::column_stats::from_parts(s.options(), s.rows(), std::move(hist),
                                                        std::vector<weighting::real_moments>(cols), std::move(neg)));
        chunks_.emplace(chunk, std::move(e));
    }

    /// \brief Merges the chunks of another partial state (disjoint chunks).
    /// \throws invalid_argument if a chunk is in both, or columns/options differ.
    void merge(const column_stats_partial& other) {
        for (const auto& kv : other.chunks_)
            techconv::detail::require(chunks_.count(kv.first) == 0,
                                      "column_stats_partial::merge: chunk " + std::to_string(kv.first) +
                                          " is in both states");
        hist_.merge(other.hist_);
        chunks_.insert(other.chunks_.begin(), other.chunks_.end());
    }

    /// \brief The statistics of all chunks, bit-identical to the single-process result.
    /// Complexity: O(chunks x columns + histogram entries).
    weighting::column_stats finish() const {
        const index m = hist_.cols();
        const auto cols = static_cast<std::size_t>(m);
        weighting::column_stats total(m, hist_.options());
        for (const auto& kv : chunks_) {
            std::vector<weighting::real_moments> real(cols);
            for (const auto& [j, mom] : kv.second.real) real[static_cast<std::size_t>(j)] = mom;
            total.merge(weighting::column_stats::from_parts(hist_.options(), kv.second.rows,
                                                            std::vector<weighting::value_histogram>(cols), std::move(real),
                                                            std::vector<index>(cols, no_index)));
        }
        // the real-valued moments merged in chunk order, the exact histograms and first negative rows of all chunks
        std::vector<weighting::value_histogram> hist(cols);
        std::vector<weighting::real_moments> real(cols);
        std::vector<index> neg(cols);
        for (index j = 0; j < m; ++j) {
            const auto u = static_cast<std::size_t>(j);
            hist[u] = hist_.histogram(j);
            real[u] = total.real_part(j);
            neg[u] = hist_.first_negative_row(j);
        }
        return weighting::column_stats::from_parts(hist_.options(), total.rows(), std::move(hist), std::move(real),
                                                   std::move(neg));
    }

    /// Number of columns.
    index cols() const noexcept { return hist_.cols(); }
    /// Rows summarised.
    std::uint64_t rows() const noexcept { return hist_.rows(); }
    /// Number of chunks held.
    index chunks() const noexcept { return static_cast<index>(chunks_.size()); }
    /// The statistics options.
    const weighting::column_stats_options& options() const noexcept { return hist_.options(); }

    /// \brief Serial form: the merged histograms as a column_stats, then the
    /// chunk count (u64) and per chunk: index (i64), rows (u64), number of
    /// columns with moments (u64), and (column i64, moments) for each.
    friend void write(byte_writer& w, const column_stats_partial& p) {
        write(w, p.hist_);
        w.u64(p.chunks_.size());
        for (const auto& kv : p.chunks_) {
            w.i64(kv.first);
            w.u64(kv.second.rows);
            w.u64(kv.second.real.size());
            for (const auto& [j, mom] : kv.second.real) {
                w.i64(j);
                write(w, mom);
            }
        }
    }
    /// \brief Decodes the serial form.
    /// \throws parse_error on truncation, repeated chunks, columns out of range
    ///         or rows that do not add up.
    static column_stats_partial read(byte_reader& r) {
        column_stats_partial p;
        p.hist_ = read_column_stats(r, false);
        std::vector<std::uint64_t> counted(static_cast<std::size_t>(p.hist_.cols()));
        for (index j = 0; j < p.hist_.cols(); ++j) counted[static_cast<std::size_t>(j)] = p.hist_.histogram(j).total();
        const std::uint64_t n = r.count(24, "chunks");
        std::uint64_t rows = 0;
        for (std::uint64_t k = 0; k < n; ++k) {
            const std::int64_t c = r.i64("chunk index");
            if (c < 0 || p.chunks_.count(static_cast<index>(c)) != 0)
                r.fail(error_code::bad_value, "chunk index", "chunk " + std::to_string(c) + " is negative or repeated");
            entry e;
            e.rows = r.u64("chunk rows");
            const std::uint64_t q = r.count(64, "chunk columns");
            for (std::uint64_t t = 0; t < q; ++t) {
                const std::int64_t j = r.i64("chunk column");
                if (j < 0 || j >= p.hist_.cols() || (!e.real.empty() && e.real.back().first >= j))
                    r.fail(error_code::out_of_range, "chunk column", "column " + std::to_string(j) + " out of range or order");
                e.real.emplace_back(static_cast<index>(j), read_moments(r));
                counted[static_cast<std::size_t>(j)] += e.real.back().second.count;
            }
            rows += e.rows;
            p.chunks_.emplace(static_cast<index>(c), std::move(e));
        }
        if (rows != p.hist_.rows())
            r.fail(error_code::bad_value, "chunk rows", "chunk rows do not add up to the row count");
        for (const std::uint64_t c : counted)
            if (c != rows) r.fail(error_code::bad_value, "rows", "a column does not account for every row");
        return p;
    }

private:
    struct entry {
        std::uint64_t rows = 0;
        std::vector<std::pair<index, weighting::real_moments>> real;  // columns with real-valued rows
    };
    weighting::column_stats hist_;  // merged histograms, first negative rows, total rows (no moments)
    std::map<index, entry> chunks_;
};

/// \brief Exact partial sums over global chunks: one vector of `width`
/// partial sums per chunk, added up only by total(), in ascending chunk order
/// starting from 0, exactly as the single-process kernels reduce per-chunk
/// partials. A monoid (merge = union of disjoint chunks).
class chunk_sums {
public:
    /// The identity (width 0, no chunks).
    chunk_sums() = default;
    /// No chunks yet, `width` sums per chunk.
    explicit chunk_sums(index width) : width_(width) {
        techconv::detail::require(width >= 0, "chunk_sums: negative width");
    }
    /// \brief Records the partial sums of chunk `chunk` (`width` values at `values`).
    /// \throws invalid_argument if the chunk is already present.
    void add(index chunk, const double* values) {
        techconv::detail::require(chunk >= 0 && parts_.count(chunk) == 0,
                                  "chunk_sums: chunk " + std::to_string(chunk) + " negative or added twice");
        parts_.emplace(chunk, std::vector<double>(values, values + width_));
    }
    /// \brief Merges another state over disjoint chunks.
    /// \throws invalid_argument on a shared chunk or a different width.
    void merge(const chunk_sums& other) {
        if (other.parts_.empty()) return;
        if (parts_.empty()) width_ = other.width_;
        techconv::detail::require(other.width_ == width_, "chunk_sums::merge: widths differ");
        for (const auto& kv : other.parts_)
            techconv::detail::require(parts_.count(kv.first) == 0,
                                      "chunk_sums::merge: chunk " + std::to_string(kv.first) + " is in both states");
        parts_.insert(other.parts_.begin(), other.parts_.end());
    }
    /// \brief Sums in chunk order: out[q] = ((0 + p_0[q]) + p_1[q]) + ...
    std::vector<double> total() const {
        std::vector<double> t(static_cast<std::size_t>(width_), 0.0);
        for (const auto& kv : parts_)
            for (std::size_t q = 0; q < t.size(); ++q) t[q] += kv.second[q];
        return t;
    }
    /// Sums per chunk.
    index width() const noexcept { return width_; }
    /// Chunks held.
    index chunks() const noexcept { return static_cast<index>(parts_.size()); }

    /// \brief Serial form: width (i64), chunk count (u64), then per chunk its index (i64) and `width` f64.
    friend void write(byte_writer& w, const chunk_sums& s) {
        w.i64(s.width_);
        w.u64(s.parts_.size());
        for (const auto& kv : s.parts_) {
            w.i64(kv.first);
            for (const double v : kv.second) w.f64(v);
        }
    }
    /// \brief Decodes the serial form. \throws parse_error on truncation or repeated chunks.
    static chunk_sums read(byte_reader& r) {
        const std::int64_t wd = r.i64("width");
        if (wd < 0 || wd > (std::int64_t{1} << 32))
            r.fail(error_code::out_of_range, "width", "impossible width " + std::to_string(wd));
        chunk_sums s(static_cast<index>(wd));
        const std::uint64_t n = r.count(8 + 8 * static_cast<std::size_t>(wd), "chunks");
        std::vector<double> v(static_cast<std::size_t>(wd));
        for (std::uint64_t k = 0; k < n; ++k) {
            const std::int64_t c = r.i64("chunk index");
            for (double& x : v) x = r.f64("partial sum");
            if (c < 0 || s.parts_.count(static_cast<index>(c)) != 0)
                r.fail(error_code::bad_value, "chunk index", "chunk " + std::to_string(c) + " is negative or repeated");
            s.parts_.emplace(static_cast<index>(c), v);
        }
        return s;
    }

private:
    index width_ = 0;
    std::map<index, std::vector<double>> parts_;
};

/// \brief The k best (score, global index) candidates seen, under the
/// library's tie rule (score descending, then index ascending).
///
/// Merging keeps the k best of the union: no arithmetic, so exact, associative
/// and commutative. Each process contributes its local top k; the merged
/// state holds the global top k (a record outside its process's top k is
/// outranked by k records, so it cannot be in the global top k).
class top_candidates {
public:
    /// The identity: k = 0, nothing seen.
    top_candidates() = default;
    /// Keeps the best `k` (>= 0).
    explicit top_candidates(index k) : k_(k) { techconv::detail::require(k >= 0, "top_candidates: k < 0"); }

    /// \brief Offers record `global_index` with `score` (not NaN).
    /// \throws invalid_argument on a NaN score.
    void add(double score, index global_index) {
        techconv::detail::require(score == score, "top_candidates: NaN score for record " + std::to_string(global_index));
        c_.emplace_back(score, global_index);
        ++seen_;
        if (static_cast<index>(c_.size()) >= 2 * k_ + 64) prune();
    }
    /// \brief Counts `n` records that were seen but are known not to be
    /// among the best k (e.g. outside a process's local top k).
    void add_unlisted(std::uint64_t n) noexcept { seen_ += n; }
    /// \brief Keeps the best k of both (k is the larger of the two).
    void merge(const top_candidates& o) {
        k_ = std::max(k_, o.k_);
        c_.insert(c_.end(), o.c_.begin(), o.c_.end());
        seen_ += o.seen_;
        prune();
    }
    /// \brief The selection as weighting::top_k would return it over all scores.
    /// \throws invalid_argument if fewer than k records were seen.
    weighting::top_k_result finish(weighting::top_k_order order = weighting::top_k_order::by_rank) const {
        techconv::detail::require(seen_ >= static_cast<std::uint64_t>(k_),
                                  "top_candidates: k exceeds the number of records");
        if (k_ == 0) {
            weighting::top_k_result r;
            r.k = 0;
            return r;
        }
        return weighting::top_k_of_candidates(c_, k_, order);
    }
    /// k.
    index k() const noexcept { return k_; }
    /// Records offered (over all merged states).
    std::uint64_t seen() const noexcept { return seen_; }
    /// The candidates held (at most k after a merge), unordered.
    const std::vector<std::pair<double, index>>& candidates() const noexcept { return c_; }

    /// \brief Serial form: k (i64), records seen (u64), count (u64), then (score f64, index i64) pairs.
    friend void write(byte_writer& w, const top_candidates& t) {
        w.i64(t.k_);
        w.u64(t.seen_);
        w.u64(t.c_.size());
        for (const auto& [s, i] : t.c_) {
            w.f64(s);
            w.i64(i);
        }
    }
    /// \brief Decodes the serial form. \throws parse_error on truncation, NaN scores or negative k/indices.
    static top_candidates read(byte_reader& r) {
        const std::int64_t k = r.i64("k");
        if (k < 0) r.fail(error_code::out_of_range, "k", "negative k");
        top_candidates t(static_cast<index>(k));
        t.seen_ = r.u64("seen");
        const std::uint64_t n = r.count(16, "candidates");
        t.c_.reserve(static_cast<std::size_t>(n));
        for (std::uint64_t q = 0; q < n; ++q) {
            const double s = r.f64("score");
            const std::int64_t i = r.i64("index");
            if (!(s == s) || i < 0) r.fail(error_code::bad_value, "candidate", "NaN score or negative index");
            t.c_.emplace_back(s, static_cast<index>(i));
        }
        return t;
    }

private:
    void prune() {
        if (static_cast<index>(c_.size()) <= k_) return;
        std::nth_element(c_.begin(), c_.begin() + k_, c_.end(), weighting::ranks_before);
        c_.resize(static_cast<std::size_t>(k_));
    }
    index k_ = 0;
    std::uint64_t seen_ = 0;
    std::vector<std::pair<double, index>> c_;
};

}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MERGEABLE_HPP_
