// SPDX-License-Identifier: BSL-1.0
//
// Top-k selection with a deterministic tie rule (score descending, then
// index ascending), k = ceil(q n) for a fraction q ([KCT] step 6), the
// threshold score and the rank of any record.
#ifndef TECHCONV_WEIGHTING_TOP_K_HPP_
#define TECHCONV_WEIGHTING_TOP_K_HPP_

#include <algorithm>  // std::nth_element, std::sort, std::is_sorted, std::copy, std::min, std::max
#include <cmath>      // std::ceil, std::isnan, std::isfinite, std::sqrt
#include <cstdint>    // std::uint64_t
#include <cstring>    // std::memcpy
#include <limits>     // std::numeric_limits
#include <string>     // std::to_string
#include <utility>    // std::pair, std::swap
#include <vector>     // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief Order of the selected records in top_k_result::indices.
enum class top_k_order : unsigned char {
    by_rank,   ///< best first (score descending, then index ascending)
    by_index,  ///< ascending record index (cheaper than sorting by score)
};

/// \brief Options of top_k / top_fraction.
struct top_k_options {
    top_k_order order = top_k_order::by_rank;  ///< order of the returned indices
};

/// \brief The k best records.
struct top_k_result {
    std::vector<index> indices;  ///< the k selected records (see top_k_order)
    index k = 0;                 ///< how many were selected
    /// Score of the k-th best record (the lowest selected score); +infinity when k == 0.
    double threshold = std::numeric_limits<double>::infinity();
};

/// \brief k = ceil(q n), the [KCT] key-core count (q = 0.05: 71,874 -> 3,594).
///
/// q n is evaluated with a relative tolerance of 1e-12 so that a decimal q
/// like 0.05 gives the exact-decimal answer (0.05 x 100 = 5, not 6).
/// \param n  number of records (>= 0)
/// \param q  fraction in [0, 1]
/// \returns k in [0, n].
/// \throws invalid_argument if n < 0 or q is outside [0, 1].
/// Complexity: O(1).
inline index top_count(index n, double q) {
    techconv::detail::require(n >= 0, "top_count: n must be >= 0");
    techconv::detail::require(q >= 0.0 && q <= 1.0, "top_count: q must be in [0, 1]");
    const double r = q * static_cast<double>(n);
    double k = std::ceil(r);
    // r was a hair above a positive integer (0.05 x 100 = 5.000000000000001): snap down. Never to
    // 0: any q > 0 of n > 0 records selects at least one (a tiny q used to give an empty key core).
    if (k - r > 0.0 && k - 1.0 >= 1.0 && (k - 1.0) >= r * (1.0 - 1e-12) - 1e-12) k -= 1.0;
    return std::min<index>(n, static_cast<index>(k));
}

namespace detail {

inline void check_scores(const Eigen::Ref<const vector>& s, index i) {
    if (std::isnan(s(i)))
        techconv::detail::throw_error<invalid_argument>("top_k: score " + std::to_string(i) + " is NaN");
}

/// Whether record a ranks before record b (score descending, index ascending).
inline bool ranks_before(const std::pair<double, index>& a, const std::pair<double, index>& b) noexcept {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
}

/// A 64-bit key that orders scores by rank: a smaller key is a higher score
/// (-0 and +0 share a key; no NaN).
inline std::uint64_t rank_key(double s) noexcept {
    s += 0.0;  // -0 becomes +0
    std::uint64_t u = 0;
    std::memcpy(&u, &s, sizeof u);
    u = (u >> 63) != 0 ? ~u : (u | (std::uint64_t{1} << 63));  // ascending with s
    return ~u;
}

/// Sorts the n records at x by rank (score descending, then index
/// ascending) and leaves them at y when to_y, else at x; the other buffer is
/// scratch. Most-significant-digit bucketing on the rank key (up to 11 bits
/// per level, so the scatter stays cache-friendly, and only the bits that
/// vary) from one buffer into the other, recursing into each bucket with the
/// roles swapped, so that every level moves each record once (no copy
/// back); small buckets by insertion; a run already in rank order (ties
/// collected in index order) is left alone. Expected O(n) per level for
/// scores that are not all tied.
inline void rank_sort(std::pair<double, index>* x, std::pair<double, index>* y, std::size_t n, bool to_y,
                      int threads = 1) {
    std::pair<double, index>* out = to_y ? y : x;
    if (n <= 32) {
        if (to_y) std::copy(x, x + n, y);
        for (std::size_t i = 1; i < n; ++i)
            for (std::size_t j = i; j > 0 && ranks_before(out[j], out[j - 1]); --j) std::swap(out[j], out[j - 1]);
        return;
    }
    // One scan: key range, and whether the run is in rank order already.
    std::uint64_t lo = ~std::uint64_t{0}, hi = 0;
    bool sorted = true;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t key = rank_key(x[i].first);
        lo = std::min(lo, key);
        hi = std::max(hi, key);
        if (i > 0 && sorted) sorted = !ranks_before(x[i], x[i - 1]);
    }
    if (sorted || lo == hi) {  // (one score: order by index)
        if (to_y) std::copy(x, x + n, y);
        if (!sorted) std::sort(out, out + n, ranks_before);
        return;
    }
    int width = 0;
    for (std::uint64_t r = hi - lo; r != 0; r >>= 1) ++width;
    constexpr int max_bits = 11;
    int bits = 2;
    while (bits < max_bits && (std::size_t{1} << (bits + 2)) < n) ++bits;  // about n / 4 buckets
    const int shift = width > bits ? width - bits : 0;
    const std::size_t buckets = static_cast<std::size_t>((hi - lo) >> shift) + 1;
    std::uint32_t start[(std::size_t{1} << max_bits) + 1];
    std::uint32_t next[std::size_t{1} << max_bits];
    std::fill(start, start + buckets + 1, 0u);  // (only the buckets in use: small runs recurse often)
    for (std::size_t i = 0; i < n; ++i) ++start[static_cast<std::size_t>((rank_key(x[i].first) - lo) >> shift) + 1];
    for (std::size_t b = 0; b < buckets; ++b) {
        start[b + 1] += start[b];
        next[b] = start[b];
    }
    for (std::size_t i = 0; i < n; ++i) y[next[static_cast<std::size_t>((rank_key(x[i].first) - lo) >> shift)]++] = x[i];
    // The buckets are now in y: their result belongs in y exactly when !to_y
    // from their point of view is false, i.e. swap the roles. Buckets are
    // independent: with threads, groups of them are sorted side by side (the
    // same result for any thread count).
    const auto sort_buckets = [&](std::size_t b0, std::size_t b1) {
        for (std::size_t b = b0; b < b1; ++b) {
            const std::size_t sz = start[b + 1] - start[b];
            if (sz == 0) continue;
            if (sz == 1) {
                if (!to_y) x[start[b]] = y[start[b]];
                continue;
            }
            rank_sort(y + start[b], x + start[b], sz, !to_y);
        }
    };
    if (threads == 1 || n < (std::size_t{1} << 16)) {
        sort_buckets(0, buckets);
    } else {
        techconv::detail::for_each_chunk(static_cast<index>(buckets), 64, threads, [&](index, index b0, index b1) {
            sort_buckets(static_cast<std::size_t>(b0), static_cast<std::size_t>(b1));
        });
    }
}

/// Sorts a[0, n) by rank (score descending, then index ascending), using
/// tmp[0, n) as scratch (see rank_sort).
inline void sort_range_by_rank(std::pair<double, index>* a, std::size_t n, std::pair<double, index>* tmp,
                               int threads = 1) {
    rank_sort(a, tmp, n, false, threads);
}

/// Sorts candidates by rank (score descending, then index ascending); `tmp` is scratch.
inline void sort_by_rank(std::vector<std::pair<double, index>>& c, std::vector<std::pair<double, index>>& tmp,
                         int threads = 1) {
    if (tmp.size() < c.size()) tmp.resize(c.size());
    sort_range_by_rank(c.data(), c.size(), tmp.data(), threads);
}

/// \brief A likely lower bound on the k-th best of n scores, from the scores
/// of a deterministic sample of records (every stride-th, at most ~32768):
/// the sample's order statistic at the expected rank of the k-th best plus
/// five standard deviations and 16. -infinity when sampling does not pay
/// (n < 2^15 or k >= n / 4) or a sampled score is NaN.
///
/// Callers keep the records scoring >= the bound and must check that at
/// least k were kept (then the k best are among them, whatever the bound).
/// prefetch_record(i) may request record i's data from memory (the sample
/// touches a few cache lines per record, far apart).
template <class ScoreFn, class PrefetchFn>
double sampled_bound(index n, index k, ScoreFn&& score, PrefetchFn&& prefetch_record) {
    constexpr double none = -std::numeric_limits<double>::infinity();
    if (n < (index{1} << 15) || k * 4 >= n) return none;
    const index stride = std::max<index>(1, n / 32768);
    std::vector<double> sample;
    sample.reserve(static_cast<std::size_t>(n / stride + 1));
    constexpr index ahead = 16;  // records whose data are requested before they are scored
    for (index i = 0; i < n; i += stride) {
        if (i + ahead * stride < n) prefetch_record(i + ahead * stride);
        const double s = score(i);
        if (std::isnan(s)) return none;
        sample.push_back(s);
    }
    const index ns = static_cast<index>(sample.size());
    const double expected = static_cast<double>(k) * static_cast<double>(ns) / static_cast<double>(n);
    const index rs = std::min<index>(ns - 1, static_cast<index>(expected + 5.0 * std::sqrt(expected)) + 16);
    std::nth_element(sample.begin(), sample.begin() + rs, sample.end(), [](double a, double b) { return a > b; });
    return sample[static_cast<std::size_t>(rs)];
}

inline void finish_top(std::vector<std::pair<double, index>>& cand, index k, top_k_order order,
                       top_k_result& r, int threads = 1) {
    // By rank: bucket-sort every candidate when there are not many more than
    // k of them (the sampled bound makes that the common case), else select first.
    thread_local std::vector<std::pair<double, index>> tmp;  // sort scratch, reused
    const bool sort_all = order == top_k_order::by_rank && static_cast<index>(cand.size()) <= 2 * k + 1024;
    if (!sort_all && k < static_cast<index>(cand.size()))
        std::nth_element(cand.begin(), cand.begin() + (k - 1), cand.end(), ranks_before);
    if (sort_all) sort_by_rank(cand, tmp, threads);
    cand.resize(static_cast<std::size_t>(k));
    r.threshold = cand.front().first;  // the lowest selected score is the k-th best
    for (const auto& c : cand)
        if (c.first < r.threshold) r.threshold = c.first;
    if (order == top_k_order::by_rank) {
        if (!sort_all) sort_by_rank(cand, tmp, threads);
    } else {
        std::sort(cand.begin(), cand.end(),
                  [](const auto& a, const auto& b) { return a.second < b.second; });
    }
    r.indices.resize(cand.size());
    for (std::size_t i = 0; i < cand.size(); ++i) r.indices[i] = cand[i].second;
}

}  // namespace detail

/// \brief Whether candidate a ranks before candidate b in the top_k order:
/// score descending, then record index ascending (a strict weak order on
/// (score, index) pairs without NaN scores).
inline bool ranks_before(const std::pair<double, index>& a, const std::pair<double, index>& b) noexcept {
    return detail::ranks_before(a, b);
}

/// \brief The k best of (score, record index) candidates, as top_k selects
/// among all scores: for callers that collect candidates from parts of the
/// records (parallel::top_candidates). Same order, threshold and ties as top_k.
/// \param candidates  (score, record index) pairs, no NaN score, distinct indices
/// \param k           how many to keep (0 <= k <= candidates.size())
/// \param order       by rank (default) or by record index
/// \returns the selection (indices are the candidates' record indices).
/// \throws invalid_argument if k is out of range.
/// Complexity: O(candidates) expected, plus O(k log k) for the order.
inline top_k_result top_k_of_candidates(std::vector<std::pair<double, index>> candidates, index k,
                                        top_k_order order = top_k_order::by_rank) {
    techconv::detail::require(k >= 0 && k <= static_cast<index>(candidates.size()),
                              "top_k_of_candidates: k must be in [0, candidates]");
    top_k_result r;
    r.k = k;
    if (k == 0) return r;
    detail::finish_top(candidates, k, order, r);
    return r;
}

/// \brief The k best records by score; ties broken by index ascending.
///
/// Deterministic: the selected set is the first k records of the order
/// (score descending, then index ascending), for any input order of equal
/// scores. The threshold is the score of the k-th record; records scoring
/// equal to the threshold but ranked after k are not selected.
/// \param scores  n scores (no NaN)
/// \param k       0 <= k <= n
/// \param opts    order of the result
/// \returns indices, k, threshold.
/// \throws invalid_argument if k is out of range or a score is NaN (named).
/// Complexity: expected O(n + k): a deterministic sample of the scores
/// bounds the candidates; by_rank bucket-sorts them, by_index selects k and
/// sorts them by index (O(k log k)).
inline top_k_result top_k(const Eigen::Ref<const vector>& scores, index k, const top_k_options& opts = {}) {
    const index n = scores.size();
    techconv::detail::require(k >= 0 && k <= n, "top_k: k must be in [0, n]");
    top_k_result r;
    r.k = k;
    if (k == 0) {
        for (index i = 0; i < n; ++i) detail::check_scores(scores, i);
        return r;
    }
    std::vector<std::pair<double, index>> cand;
    // A deterministic sample gives a lower bound t on the k-th best score with
    // a margin; only scores >= t are candidates.
    double t = detail::sampled_bound(n, k, [&](index i) { return scores(i); }, [](index) {});
    for (;;) {
        cand.clear();
        for (index i = 0; i < n; ++i) {
            const double s = scores(i);
            if (s >= t) {
                cand.emplace_back(s, i);
            } else if (std::isnan(s)) {
                detail::check_scores(scores, i);
            }
        }
        if (static_cast<index>(cand.size()) >= k) break;
        t = -std::numeric_limits<double>::infinity();  // the sample misled: take everything
    }
    detail::finish_top(cand, k, opts.order, r);
    return r;
}

/// \brief The top fraction q of the records: k = ceil(q n) (top_count), [KCT] step 6.
/// \param scores  n scores
/// \param q       fraction in [0, 1] (0.05 for the [KCT] key core)
/// \param opts    order of the result
/// \returns as top_k.
/// \throws invalid_argument if q is outside [0, 1] or a score is NaN.
/// Complexity: as top_k.
inline top_k_result top_fraction(const Eigen::Ref<const vector>& scores, double q,
                                 const top_k_options& opts = {}) {
    return top_k(scores, top_count(scores.size(), q), opts);
}

/// \brief 1-based rank of record i under the tie rule (score descending,
/// then index ascending): 1 + the number of records ranked before it.
/// \param scores  n scores
/// \param i       record, 0 <= i < n
/// \returns the rank in [1, n].
/// \throws invalid_argument if i is out of range or a score is NaN.
/// Complexity: O(n).
inline index rank_of(const Eigen::Ref<const vector>& scores, index i) {
    techconv::detail::require(i >= 0 && i < scores.size(), "rank_of: record out of range");
    detail::check_scores(scores, i);
    const double si = scores(i);
    index before = 0;
    for (index j = 0; j < scores.size(); ++j) {
        const double sj = scores(j);
        if (sj > si || (sj == si && j < i)) ++before;
        else if (std::isnan(sj)) detail::check_scores(scores, j);
    }
    return before + 1;
}

/// \brief 1-based rank of every record (a permutation of 1..n) under the tie rule.
/// \param scores  n scores
/// \returns ranks(i) = rank_of(scores, i).
/// \throws invalid_argument if a score is NaN.
/// Complexity: O(n log n).
inline index_vector ranks(const Eigen::Ref<const vector>& scores) {
    const index n = scores.size();
    std::vector<std::pair<double, index>> all(static_cast<std::size_t>(n));
    for (index i = 0; i < n; ++i) {
        detail::check_scores(scores, i);
        all[static_cast<std::size_t>(i)] = {scores(i), i};
    }
    std::sort(all.begin(), all.end(), detail::ranks_before);
    index_vector r(n);
    for (index p = 0; p < n; ++p) r(all[static_cast<std::size_t>(p)].second) = p + 1;
    return r;
}

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_TOP_K_HPP_
