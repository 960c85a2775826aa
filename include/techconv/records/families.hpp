// SPDX-License-Identifier: BSL-1.0
//
// Simple-family merging: one record per patent family before counting, as
// [KCT] ("after family merging, 71,874 invention patents") and [COOP]
// (co-invented applications counted once per family) require.
#ifndef TECHCONV_RECORDS_FAMILIES_HPP_
#define TECHCONV_RECORDS_FAMILIES_HPP_

#include <algorithm>      // std::sort, std::max
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint8_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief How the stated counts of a family's members combine.
enum class family_count_merge : std::uint8_t {
    max,    ///< the largest member value (default: members restate the same family-level counts)
    sum,    ///< the sum over members (e.g. citations made by each publication)
    first,  ///< the representative's value (absent if it has none)
};

/// \brief Where the family key of a record comes from.
enum class family_key_rule : std::uint8_t {
    family_id_then_priorities,  ///< `family_id`; else the set of priority numbers; else the record alone
    family_id_only,             ///< `family_id`; else the record alone
};

/// \brief Options of merge_families().
struct family_options {
    family_key_rule key = family_key_rule::family_id_then_priorities;  ///< key source
    family_count_merge counts = family_count_merge::max;              ///< combining stated counts
};

/// \brief Result of merge_families().
struct family_merge_result {
    std::vector<patent_record> records;  ///< one per family, in order of first appearance
    std::size_t input_records = 0;       ///< records before merging
    std::size_t merged = 0;              ///< records folded into another (input - output)
    std::size_t without_key = 0;         ///< records with no family id and no priorities (kept alone)
};

/// \brief The family key of a record under `rule`, or an empty string when it has none.
///
/// With `family_id_then_priorities`, a record without a family id is keyed by
/// its distinct priority numbers, sorted and joined by `|` (prefixed `P:`): a
/// DOCDB simple family is the set of documents claiming exactly the same
/// priorities, so this reproduces simple families where the source (e.g. the
/// 2021 Lens layout) gives no family column. This form takes the family id
/// and the priority numbers (any range of strings or string views), so a
/// columnar table (records::patent_table) keys its rows by the same rule.
template <class PriorityNumbers>
std::string family_key(std::string_view family_id, const PriorityNumbers& priority_numbers,
                       family_key_rule rule = family_key_rule::family_id_then_priorities) {
    if (!family_id.empty()) return "F:" + std::string(family_id);
    if (rule == family_key_rule::family_id_only || priority_numbers.begin() == priority_numbers.end()) return {};
    std::vector<std::string> p;
    detail::unique_list u(p);
    for (const auto& n : priority_numbers) u.push(detail::name_key(n));
    std::sort(p.begin(), p.end());
    std::string key = "P:";
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (i) key += '|';
        key += p[i];
    }
    return key;
}

/// \brief The family key of record `r` (the form above on its family id and priority numbers).
inline std::string family_key(const patent_record& r,
                              family_key_rule rule = family_key_rule::family_id_then_priorities) {
    return family_key(r.family_id, r.priority_numbers, rule);
}

namespace detail {

inline void append_unique(std::vector<std::string>& into, const std::vector<std::string>& from) {
    unique_list u(into);
    for (const auto& s : from) u.push(s);
}

inline void append_parties(std::vector<party>& into, const std::vector<party>& from) {
    std::vector<std::string> keys;  // name keys of `into`, then of what is appended
    keys.reserve(into.size() + from.size());
    for (const auto& q : into) keys.push_back(name_key(q.name));
    unique_list seen(keys);  // (keys of `into` may repeat; they are never appended again)
    for (const auto& p : from)
        if (seen.push(name_key(p.name))) into.push_back(p);
}

}  // namespace detail

/// \brief The members `g` of one family (indices into `records`, input order)
/// merged into one record by the rule of merge_families(), counts combined by `counts`.
/// \pre `g` is not empty.
inline patent_record merge_family(const std::vector<patent_record>& records, const std::vector<std::size_t>& g,
                                  family_count_merge counts) {
    std::size_t rep = g.front();
    for (const auto i : g) {
        const auto y = records[i].publication_year;
        const auto ry = records[rep].publication_year;
        if (y != no_year && (ry == no_year || y < ry)) rep = i;
    }
    patent_record out = records[rep];
    out.members = 0;
    const auto min_year = [](year_type a, year_type b) {
        if (a == no_year) return b;
        if (b == no_year) return a;
        return std::min(a, b);
    };
    for (const auto i : g) {
        const patent_record& m = records[i];
        out.members += m.members;
        if (i == rep) continue;
        out.publication_year = min_year(out.publication_year, m.publication_year);
        out.application_year = min_year(out.application_year, m.application_year);
        out.priority_year = min_year(out.priority_year, m.priority_year);
        detail::append_parties(out.applicants, m.applicants);
        detail::append_parties(out.inventors, m.inventors);
        detail::append_unique(out.ipc, m.ipc);
        detail::append_unique(out.cpc, m.cpc);
        detail::append_unique(out.family_jurisdictions, m.family_jurisdictions);
        detail::append_unique(out.priority_countries, m.priority_countries);
        detail::append_unique(out.priority_numbers, m.priority_numbers);
        detail::append_unique(out.cited_patents, m.cited_patents);
        detail::append_unique(out.citing_patents, m.citing_patents);
        out.fields = static_cast<std::uint16_t>(out.fields | m.fields);
        switch (counts) {
            case family_count_merge::max:
                out.npl_list_items = std::max(out.npl_list_items, m.npl_list_items);
                break;
            case family_count_merge::sum: out.npl_list_items += m.npl_list_items; break;
            case family_count_merge::first: break;
        }
        for (const auto ind : all_indicators) {
            if (!m.counts.has(ind) || counts == family_count_merge::first) continue;
            const auto v = *m.counts.get(ind);
            if (!out.counts.has(ind)) {
                out.counts.set(ind, v);
            } else if (counts == family_count_merge::max) {
                out.counts.set(ind, std::max(v, *out.counts.get(ind)));
            } else {
                out.counts.set(ind, v + *out.counts.get(ind));
            }
        }
    }
    return out;
}

/// \brief Merges records of the same simple family into one record per family.
///
/// Rule (documented in docs/io-patents.md): records with equal family_key()
/// form a family; a record without a key stays alone. The representative is
/// the member published first (smallest publication year, ties: first in
/// input order); it gives id, Lens ID, jurisdiction, kind, type and title.
/// Years are the smallest over members; list fields are the union over members
/// (the representative's first, so its main code stays first), applicants and
/// inventors de-duplicated by name key; a list field is supplied if any member
/// supplied it; NPL list items and stated counts combine by `opts.counts`
/// (an indicator no member states stays absent); `members` is the number of
/// merged records.
///
/// \param records the records (moved from)
/// \param opts key rule and count combination
/// \returns the merged records and counters
///
/// Complexity: O(n) expected hashing plus O(m·L²) list unions for families of m members.
inline family_merge_result merge_families(std::vector<patent_record> records,
                                          const family_options& opts = {}) {
    family_merge_result res;
    res.input_records = records.size();
    std::unordered_map<std::string, std::size_t> slot;  // key -> index in groups
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto key = family_key(records[i], opts.key);
        if (key.empty()) {
            ++res.without_key;
            groups.push_back({i});
            continue;
        }
        const auto it = slot.find(key);
        if (it == slot.end()) {
            slot.emplace(key, groups.size());
            groups.push_back({i});
        } else {
            groups[it->second].push_back(i);
        }
    }
    res.records.reserve(groups.size());
    for (const auto& g : groups) res.records.push_back(merge_family(records, g, opts.counts));
    res.merged = res.input_records - res.records.size();
    return res;
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_FAMILIES_HPP_
