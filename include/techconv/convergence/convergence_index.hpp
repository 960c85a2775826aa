// SPDX-License-Identifier: BSL-1.0
//
// The convergence index of [KCT] §2.2.3 (after Luan et al. 2023), the
// all-vs-main distinct-code gap and the share of records whose codes span
// more than one category, all from per-record code lists in one pass.
#ifndef TECHCONV_CONVERGENCE_CONVERGENCE_INDEX_HPP_
#define TECHCONV_CONVERGENCE_CONVERGENCE_INDEX_HPP_

#include <functional>     // std::invoke
#include <iterator>       // std::begin, std::end
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::move

#include "techconv/config.hpp"
#include "techconv/convergence/common.hpp"
#include "techconv/convergence/detail/tally.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {

/// \brief The convergence index from two counts.
///
/// Formula: CI = (n - c) / n, n the number of records (inventions), c the number
/// of distinct codes at the chosen level. Reference: [KCT] §2.2.3, after Luan et
/// al. (2023). [KCT] reports Japan (1483 - 286) / 1483 = 80.71%, US 84.31%,
/// Korea 68.02%, China 34.78% with c = distinct IPC subclasses over all codes.
/// CI is negative when there are more distinct codes than records.
/// \param records n >= 0.
/// \param distinct_codes c >= 0.
/// \returns CI; 0 when n = 0 (no records: nothing converges; never NaN).
/// \throws techconv::invalid_argument if a count is negative.
/// Complexity: O(1).
inline double convergence_index(index records, index distinct_codes) {
    techconv::detail::require(records >= 0 && distinct_codes >= 0,
                              "convergence_index: counts must be non-negative");
    if (records == 0) return 0.0;
    return static_cast<double>(records - distinct_codes) / static_cast<double>(records);
}

/// \brief Options of convergence().
struct convergence_options {
    /// Denominator n of CI and of the multi-category share: every record ([KCT]'s
    /// "number of inventions", default) or only the records with at least one code.
    share_base base = share_base::all_records;
};

/// \brief Convergence figures of one group of records.
struct convergence_result {
    index records = 0;                 ///< records seen
    index records_without_codes = 0;   ///< records with an empty code list (counted, not dropped)
    index denominator = 0;             ///< n used by the ratios (see convergence_options::base)
    index distinct_all = 0;            ///< distinct keys over all codes ([KCT]: 286 for Japan)
    index distinct_main = 0;           ///< distinct keys over main (first) codes ([KCT]: 91 for Japan)
    index multi_category_records = 0;  ///< records whose codes map to more than one distinct key
    double index_all = 0.0;            ///< CI = (n - distinct_all) / n
    double index_main = 0.0;           ///< CI = (n - distinct_main) / n
    double multi_category_share = 0.0; ///< multi_category_records / n
    /// ok; empty_input when n = 0 or no record has a code (ratios are then 0: CI = (n - 0) / n
    /// would read 100 % from nothing)
    status info = status::ok;

    /// \brief The all-vs-main gap distinct_all - distinct_main ([KCT] §4: Japan 286 - 91 = 195).
    index gap() const noexcept { return distinct_all - distinct_main; }
};

/// \brief Convergence index (all codes and main only), all-vs-main gap and
/// multi-category share of a group of records, in one pass.
///
/// Each record is a range of codes whose first element is its main code. Codes
/// are mapped to keys by `proj` (e.g. an IPC code to its subclass for [KCT]'s
/// index, or to its section for the share of cross-section records); keys are
/// counted with std::hash and ==. Formulas: CI_all = (n - |keys of all codes|) / n,
/// CI_main = (n - |keys of main codes|) / n, gap = |all| - |main|,
/// multi-category share = #{records with >= 2 distinct keys} / n.
/// Reference: [KCT] §2.2.3 and §2.2 (all vs main subclasses; sections).
/// \param records a range of ranges of codes (see common.hpp for the contract).
/// \param proj    code -> key; identity by default (codes already at the wanted level).
/// \param opts    the denominator rule.
/// \returns the counts, the two indices, the gap, the share and a status.
/// \throws whatever `proj` or hashing throws; nothing else.
/// Degenerate input: no records, or no record with a code, gives zeros and
/// status::empty_input (an index of 100 % over no code would be read as total
/// convergence); records without codes are counted in records_without_codes,
/// never dropped silently.
/// Complexity: O(total codes) expected time, O(distinct keys) memory.
/// \code
/// std::vector<std::vector<std::string>> recs{{"G06F", "H04N"}, {"G06F"}, {"G06T", "G06F"}};
/// auto r = techconv::convergence::convergence(recs);
/// // r.distinct_all = 3, r.distinct_main = 2, r.gap() = 1, r.index_all = 0
/// \endcode
template <class Records, class Projection>
convergence_result convergence(const Records& records, const Projection& proj,
                               const convergence_options& opts = {}) {
    using key = detail::record_key_t<Records, Projection>;
    std::unordered_set<key> all;
    std::unordered_set<key> main;
    convergence_result r;
    for (const auto& rec : records) {
        ++r.records;
        auto it = std::begin(rec);
        const auto end = std::end(rec);
        if (it == end) {
            ++r.records_without_codes;
            continue;
        }
        const key first = std::invoke(proj, *it);
        main.insert(first);
        all.insert(first);
        bool multi = false;
        for (++it; it != end; ++it) {
            key k = std::invoke(proj, *it);
            if (!multi && !(k == first)) multi = true;
            all.insert(std::move(k));
        }
        if (multi) ++r.multi_category_records;
    }
    r.distinct_all = static_cast<index>(all.size());
    r.distinct_main = static_cast<index>(main.size());
    r.denominator = opts.base == share_base::all_records ? r.records : r.records - r.records_without_codes;
    if (r.denominator == 0 || r.distinct_all == 0) {
        r.info = status::empty_input;
        return r;
    }
    r.index_all = convergence_index(r.denominator, r.distinct_all);
    r.index_main = convergence_index(r.denominator, r.distinct_main);
    r.multi_category_share = static_cast<double>(r.multi_category_records) / static_cast<double>(r.denominator);
    return r;
}

/// \brief convergence() with codes used as keys unchanged (identity projection).
/// \param records a range of ranges of hashable codes.
/// \param opts    the denominator rule.
/// \returns see convergence(records, proj, opts).
template <class Records>
convergence_result convergence(const Records& records, const convergence_options& opts = {}) {
    return convergence(records, identity{}, opts);
}

}  // namespace convergence
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CONVERGENCE_CONVERGENCE_INDEX_HPP_
