// SPDX-License-Identifier: BSL-1.0
//
// Category shares of a group of records: single-label (one category per
// record; shares sum to 100%) and multi-label (a record in two categories
// counts in both; shares may sum past 100%, as [KCT]'s industry shares do),
// ranked into top-k tables with a deterministic tie rule.
#ifndef TECHCONV_CONVERGENCE_SHARES_HPP_
#define TECHCONV_CONVERGENCE_SHARES_HPP_

#include <algorithm>    // std::stable_sort
#include <cmath>        // std::floor
#include <cstddef>      // std::size_t
#include <iterator>     // std::begin, std::end
#include <type_traits>  // std::true_type, std::false_type, std::void_t
#include <utility>      // std::declval, std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/convergence/common.hpp"
#include "techconv/convergence/detail/counts.hpp"
#include "techconv/convergence/detail/tally.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {

/// \brief Options of the share functions.
struct share_options {
    index top = 0;                              ///< keep the top entries only (0 = all)
    code_scope scope = code_scope::all;         ///< all codes (multi-label) or main only (single-label)
    share_base base = share_base::all_records;  ///< denominator: all records or labelled ones
    tie_break ties = tie_break::first_seen;     ///< order of equal counts
};

/// \brief One row of a share table.
template <class Key>
struct share_entry {
    Key key{};            ///< the category
    index count = 0;      ///< records (or units) in the category
    double share = 0.0;   ///< count / denominator
    index first_seen = 0; ///< position of the category's first appearance in the input
};

/// \brief A ranked share table: count descending, then the tie rule.
template <class Key>
struct share_table {
    std::vector<share_entry<Key>> entries;  ///< ranked rows (at most options.top)
    index records = 0;                      ///< records seen
    index records_without_labels = 0;       ///< records with no category (counted, not dropped)
    double denominator = 0.0;               ///< what shares divide by
    index categories = 0;                   ///< distinct categories before the top cut
    index tied_beyond_cut = 0;              ///< cut-off entries whose count equals the last kept one
    status info = status::ok;               ///< ok, or empty_input when the denominator is 0

    /// \brief The counts of the kept entries, in rank order (feed them to diversity()).
    std::vector<index> counts() const {
        std::vector<index> c;
        c.reserve(entries.size());
        for (const auto& e : entries) c.push_back(e.count);
        return c;
    }
    /// \brief Sum of the kept shares (may exceed 1 for multi-label tables).
    double share_sum() const noexcept {
        double s = 0.0;
        for (const auto& e : entries) s += e.share;
        return s;
    }
};

namespace detail {

template <class T, class = void>
struct is_less_comparable : std::false_type {};
template <class T>
struct is_less_comparable<T, std::void_t<decltype(std::declval<const T&>() < std::declval<const T&>())>>
    : std::true_type {};

/// Ranks (count descending, then the tie rule) and applies the top cut.
template <class Key>
void rank_and_cut(share_table<Key>& t, index top, tie_break ties) {
    auto& e = t.entries;
    if (ties == tie_break::key_ascending) {
        if constexpr (is_less_comparable<Key>::value) {
            std::stable_sort(e.begin(), e.end(), [](const share_entry<Key>& a, const share_entry<Key>& b) {
                if (a.count != b.count) return a.count > b.count;
                if (a.key < b.key) return true;
                if (b.key < a.key) return false;
                return a.first_seen < b.first_seen;
            });
        } else {
            techconv::detail::throw_error<invalid_argument>(
                "shares: tie_break::key_ascending needs keys with operator<");
        }
    } else {
        std::stable_sort(e.begin(), e.end(), [](const share_entry<Key>& a, const share_entry<Key>& b) {
            if (a.count != b.count) return a.count > b.count;
            return a.first_seen < b.first_seen;
        });
    }
    t.categories = static_cast<index>(e.size());
    if (top > 0 && top < t.categories) {
        const index last = e[static_cast<std::size_t>(top - 1)].count;
        for (std::size_t i = static_cast<std::size_t>(top); i < e.size() && e[i].count == last; ++i)
            ++t.tied_beyond_cut;
        e.resize(static_cast<std::size_t>(top));
    }
}

template <class Key>
share_table<Key> table_from_tally(key_tally<Key>&& tally, const share_options& opts) {
    techconv::detail::require(opts.top >= 0, "shares: top must be >= 0");
    share_table<Key> t;
    t.records = tally.records;
    t.records_without_labels = tally.unlabelled;
    const index n = opts.base == share_base::all_records ? tally.records : tally.records - tally.unlabelled;
    t.denominator = static_cast<double>(n);
    t.entries.reserve(tally.keys.size());
    for (std::size_t i = 0; i < tally.keys.size(); ++i) {
        share_entry<Key> e;
        e.key = std::move(tally.keys[i]);
        e.count = tally.whole[i];
        e.share = n > 0 ? static_cast<double>(e.count) / t.denominator : 0.0;
        e.first_seen = static_cast<index>(i);
        t.entries.push_back(std::move(e));
    }
    if (n == 0) t.info = status::empty_input;
    rank_and_cut(t, opts.top, opts.ties);
    return t;
}

}  // namespace detail

/// \brief Category shares of records with per-record category lists.
///
/// Multi-label (scope all): a record counts once in each distinct category its codes
/// map to, so shares may sum past 1 ([KCT] §3: China 15/46 = 32.61% next-generation
/// information networks and 9/46 = 19.57% digital creative equipment). Single-label
/// (scope main): only each record's first code counts, so shares sum to 1 over
/// labelled records ([KCT] Table 4: China G06F 8/46 = 17.39%).
/// Formula: share(c) = #{records with category c} / n, n from `opts.base`.
/// \param records a range of ranges of codes (first = main; see common.hpp).
/// \param proj    code -> category key (hashable, ==).
/// \param opts    top cut, scope, denominator and tie rule.
/// \returns the ranked table (count descending, ties by `opts.ties`), its counts of
/// records, unlabelled records, categories and entries tied beyond the cut.
/// \throws techconv::invalid_argument if opts.top < 0, or key_ascending is asked for
/// keys without operator<.
/// Degenerate input: no records (or no labelled record with labelled_records) gives an
/// empty-share table (shares 0) with status::empty_input.
/// Complexity: O(total codes) expected plus O(m log m) for m categories.
/// \code
/// std::vector<std::vector<std::string>> industries{{"net", "media"}, {"net"}, {"chip"}};
/// auto t = techconv::convergence::category_shares(industries);
/// // t.entries[0] = {"net", 2, 2/3.}; t.share_sum() = 4/3.
/// \endcode
template <class Records, class Projection>
share_table<detail::record_key_t<Records, Projection>> category_shares(const Records& records,
                                                                        const Projection& proj,
                                                                        const share_options& opts = {}) {
    return detail::table_from_tally(detail::tally_records(records, proj, opts.scope), opts);
}

/// \brief category_shares() with codes used as categories unchanged.
/// \param records a range of ranges of hashable codes.
/// \param opts    top cut, scope, denominator and tie rule.
/// \returns see category_shares(records, proj, opts).
template <class Records>
share_table<detail::record_key_t<Records, identity>> category_shares(const Records& records,
                                                                      const share_options& opts = {}) {
    return category_shares(records, identity{}, opts);
}

/// \brief Single-label shares of a range with one category per record.
///
/// Formula: share(c) = #{records labelled c} / #records; shares sum to 1.
/// \param labels a range of hashable category keys, one per record.
/// \param opts   top cut and tie rule (scope and base do not apply: every record is labelled).
/// \returns the ranked table.
/// \throws techconv::invalid_argument as category_shares().
/// Degenerate input: an empty range gives status::empty_input and no entries.
/// Complexity: O(n) expected plus O(m log m) for m categories.
template <class Labels>
auto label_shares(const Labels& labels, const share_options& opts = {}) {
    return detail::table_from_tally(detail::tally_labels(labels), opts);
}

/// \brief Shares of a count vector (category i has count x_i): share_i = x_i / sum(x).
///
/// \param counts a range of finite non-negative counts (integers or whole numbers).
/// \param opts   top cut and tie rule (key_ascending and first_seen agree: keys are positions).
/// \returns a table keyed by position; `records` and `denominator` hold sum(x).
/// \throws techconv::invalid_argument if a count is negative, not finite or not whole.
/// Degenerate input: an all-zero or empty vector gives status::empty_input, shares 0.
/// Complexity: O(k log k).
template <class Counts>
share_table<index> count_shares(const Counts& counts, const share_options& opts = {}) {
    techconv::detail::require(opts.top >= 0, "shares: top must be >= 0");
    const detail::count_summary s = detail::summarize_counts(counts);
    share_table<index> t;
    t.denominator = s.total;
    t.records = static_cast<index>(s.total);
    index i = 0;
    for (const auto& c : counts) {
        const double x = static_cast<double>(c);
        techconv::detail::require(std::floor(x) == x && x < 9.0e18,
                                  "count_shares: counts must be whole numbers below 9e18");
        if (x > 0.0) {
            share_entry<index> e;
            e.key = i;
            e.count = static_cast<index>(x);
            e.share = x / s.total;
            e.first_seen = i;
            t.entries.push_back(e);
        }
        ++i;
    }
    if (s.total <= 0.0) t.info = status::empty_input;
    detail::rank_and_cut(t, opts.top, tie_break::first_seen);
    return t;
}

}  // namespace convergence
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CONVERGENCE_SHARES_HPP_
