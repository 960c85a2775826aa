// SPDX-License-Identifier: BSL-1.0
//
// The nine [KCT] indicators of a patent record, and the records × indicators
// matrix the entropy weighting reads. Indicators a source lacks are reported
// and left out; values a record lacks are handled by an explicit policy,
// never filled with zeros unless asked to.
#ifndef TECHCONV_ANALYSIS_INDICATORS_HPP_
#define TECHCONV_ANALYSIS_INDICATORS_HPP_

#include <array>        // std::array
#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint8_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"
#include "techconv/vocabulary.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Which jurisdictions count as developed for the ninth [KCT] indicator.
///
/// [KCT] counts filings in "developed countries" without naming a list; the
/// library's default is the IMF's advanced economies.
enum class developed_list : std::uint8_t {
    imf_advanced,  ///< IMF World Economic Outlook (April 2024) advanced economies, 41 codes
    oecd,          ///< the 38 OECD member countries (2024)
    custom,        ///< indicator_options::developed_custom
};

/// \brief The 41 IMF advanced economies (World Economic Outlook, April 2024) as ISO 3166 alpha-2 codes.
inline const std::vector<std::string>& imf_advanced_economies() {
    static const std::vector<std::string> v = {
        "AD", "AU", "AT", "BE", "CA", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
        "HK", "IS", "IE", "IL", "IT", "JP", "KR", "LV", "LT", "LU", "MO", "MT", "NL", "NZ",
        "NO", "PT", "PR", "SM", "SG", "SK", "SI", "ES", "SE", "CH", "TW", "GB", "US"};
    return v;
}

/// \brief The 38 OECD member countries (2024) as ISO 3166 alpha-2 codes.
inline const std::vector<std::string>& oecd_members() {
    static const std::vector<std::string> v = {
        "AU", "AT", "BE", "CA", "CL", "CO", "CR", "CZ", "DK", "EE", "FI", "FR", "DE",
        "GR", "HU", "IS", "IE", "IL", "IT", "JP", "KR", "LV", "LT", "LU", "MX", "NL",
        "NZ", "NO", "PL", "PT", "SK", "SI", "ES", "SE", "CH", "TR", "GB", "US"};
    return v;
}

/// \brief What indicator_matrix() does with a record that lacks a value of an
/// indicator the source has.
enum class missing_policy : std::uint8_t {
    drop_record,     ///< leave the record out (counted in indicator_table::dropped_records)
    drop_indicator,  ///< leave the indicator out (listed in indicator_table::incomplete)
    zero,            ///< use 0 (explicit opt-in; counted in indicator_table::missing_counts)
    fail,            ///< throw invalid_argument naming the record and the indicator
};

/// \brief The names of the missing-value policies (to_string, missing_policy_from_string).
inline constexpr named<missing_policy> missing_policy_names[] = {{missing_policy::drop_record, "drop-record"},
                                                                 {missing_policy::drop_indicator, "drop-indicator"},
                                                                 {missing_policy::zero, "zero"},
                                                                 {missing_policy::fail, "fail"}};

/// \brief Name of a policy: "drop-record", "drop-indicator", "zero" or "fail".
constexpr std::string_view to_string(missing_policy p) noexcept { return name_of(p, missing_policy_names); }

/// \brief The policy named `name` (a name of to_string(); '_' for '-' accepted).
/// \throws invalid_argument for any other name, listing the accepted ones.
inline missing_policy missing_policy_from_string(std::string_view name) {
    return from_name(name, missing_policy_names, "missing-value policy");
}

/// \brief Options of record_indicators() and indicator_matrix().
struct indicator_options {
    developed_list developed = developed_list::imf_advanced;  ///< developed jurisdictions
    std::vector<std::string> developed_custom;  ///< codes used with developed_list::custom
    /// Count the European Patent Office (`EP`) as a developed filing
    /// jurisdiction: its member states are almost all advanced economies.
    bool ep_is_developed = true;
    /// Count the filing offices `WO` (PCT), `EP`, `EA`, `AP`, `OA`, `GC` as
    /// filing jurisdictions; false counts only national offices.
    bool count_regional_offices = true;
    missing_policy missing = missing_policy::drop_record;  ///< records lacking a value
    /// Indicators to extract, in this order (empty: all nine in [KCT] order).
    std::vector<indicator> select;
};

namespace detail {

inline bool is_regional_office(std::string_view j) noexcept {
    return j == "WO" || j == "EP" || j == "EA" || j == "AP" || j == "OA" || j == "GC";
}

inline const std::vector<std::string>& developed_codes(const indicator_options& o) {
    switch (o.developed) {
        case developed_list::imf_advanced: return imf_advanced_economies();
        case developed_list::oecd: return oecd_members();
        case developed_list::custom: return o.developed_custom;
    }
    return imf_advanced_economies();
}

}  // namespace detail

/// \brief The nine [KCT] indicators of one record, given as a row view
/// (analysis::record_view or analysis::table_row): stated counts plus counts derived from lists.
///
/// Stated counts (the source's own numbers, patent_record::counts) win. The
/// others are derived where the source supplied the list behind them:
///  - npl_citations: the number of items of the NPL citation list;
///  - technology_classes: the number of distinct IPC codes at full symbol level
///    (distinct texts as the source wrote them);
///  - applicants: the number of distinct applicants (by name key);
///  - filing_countries: the number of distinct simple-family jurisdictions
///    (offices WO, EP, ... included unless `count_regional_offices` is false);
///  - developed_filing_countries: of those, the ones on the developed list
///    (plus EP when `ep_is_developed`).
/// Anything else stays absent. Complexity: O(L·D) for L list items and D developed codes.
template <class Row>
indicator_values row_indicators(const Row& r, const indicator_options& opts = {}) {
    indicator_values v = r.counts();
    if (!v.has(indicator::npl_citations) && r.has(patent_field::npl_list))
        v.set(indicator::npl_citations, static_cast<std::int64_t>(r.npl_list_items()));
    if (!v.has(indicator::technology_classes) && r.has(patent_field::ipc))
        v.set(indicator::technology_classes, static_cast<std::int64_t>(r.distinct_ipc_texts()));
    if (!v.has(indicator::applicants) && r.has(patent_field::applicants)) {
        std::vector<std::string> keys;
        r.each_applicant([&](std::string_view name, applicant_type, std::string_view) {
            auto k = detail::name_key(name);
            if (!k.empty()) detail::push_unique(keys, std::move(k));
        });
        v.set(indicator::applicants, static_cast<std::int64_t>(keys.size()));
    }
    if (r.has(patent_field::family_jurisdictions)) {
        const auto& dev = detail::developed_codes(opts);
        std::vector<std::string_view> seen;
        std::int64_t developed = 0;
        r.each_family_jurisdiction([&](std::string_view j) {
            if (!opts.count_regional_offices && detail::is_regional_office(j)) return;
            for (const auto s : seen)
                if (s == j) return;
            seen.push_back(j);
            bool is_dev = j == "EP" && opts.ep_is_developed;
            for (const auto& d : dev) is_dev = is_dev || d == j;
            developed += is_dev ? 1 : 0;
        });
        if (!v.has(indicator::filing_countries))
            v.set(indicator::filing_countries, static_cast<std::int64_t>(seen.size()));
        if (!v.has(indicator::developed_filing_countries))
            v.set(indicator::developed_filing_countries, developed);
    }
    return v;
}

/// \brief The nine [KCT] indicators of record `r` (row_indicators of its record_view).
inline indicator_values record_indicators(const patent_record& r, const indicator_options& opts = {}) {
    return row_indicators(analysis::record_view(r), opts);
}

/// \brief Records × indicators matrix for the entropy weighting, with what was left out.
struct indicator_table {
    matrix values;                  ///< rows = kept records, columns = `columns`
    std::vector<indicator> columns; ///< the indicators of the columns, in order
    std::vector<std::size_t> rows;  ///< index in the input of each kept record
    /// Selected indicators no record has: the source lacks them; left out, never zero-filled.
    std::vector<indicator> absent;
    /// Indicators left out by missing_policy::drop_indicator (some records lack them).
    std::vector<indicator> incomplete;
    /// Records lacking each indicator (indexed by position(indicator)), among those the source has.
    std::array<std::size_t, indicator_count> missing_counts{};
    std::size_t dropped_records = 0;  ///< records left out by missing_policy::drop_record
    /// ok; empty_input when there are no records or no column is left.
    status info = status::ok;
};

/// \brief How many records have, and how many lack, a value of each of the nine
/// indicators (indexed by position(indicator)): what indicator_matrix decides
/// its columns from. Counts of parts of the records add up (merge), so
/// processes holding parts can sum them and decide the same columns.
struct indicator_presence {
    std::array<std::uint64_t, indicator_count> have{};  ///< records with a value
    std::array<std::uint64_t, indicator_count> lack{};  ///< records without one

    /// Counts one record's indicators (row_indicators).
    void add(const indicator_values& v) noexcept {
        for (const auto i : all_indicators) (v.has(i) ? have : lack)[position(i)] += 1;
    }
    /// Adds the counts of other records.
    void merge(const indicator_presence& o) noexcept {
        for (std::size_t k = 0; k < indicator_count; ++k) {
            have[k] += o.have[k];
            lack[k] += o.lack[k];
        }
    }
};

/// \brief The columns of an indicator matrix and what was left out (choose_indicator_columns).
struct indicator_columns {
    std::vector<indicator> columns;     ///< the indicators of the columns, in selection order
    std::vector<indicator> absent;      ///< selected indicators no record has
    std::vector<indicator> incomplete;  ///< left out by missing_policy::drop_indicator
    /// Records lacking each indicator (indexed by position(indicator)), among those some record has.
    std::array<std::size_t, indicator_count> missing_counts{};
};

/// \brief The rule by which indicator_matrix chooses its columns, from the
/// presence counts of all the records: each selected indicator (`opts.select`,
/// empty: all nine in [KCT] order), in that order, is
///  - absent when no record has it (have = 0; never zero-filled),
///  - else incomplete when some record lacks it (lack > 0) and `opts.missing`
///    is missing_policy::drop_indicator,
///  - else a column.
/// missing_counts holds `lack` of every indicator that is not absent.
inline indicator_columns choose_indicator_columns(const indicator_presence& p, const indicator_options& opts = {}) {
    indicator_columns out;
    const std::vector<indicator> wanted =
        opts.select.empty() ? std::vector<indicator>(all_indicators.begin(), all_indicators.end()) : opts.select;
    for (const auto i : wanted) {
        const auto k = position(i);
        if (p.have[k] == 0) {
            out.absent.push_back(i);
            continue;
        }
        out.missing_counts[k] = static_cast<std::size_t>(p.lack[k]);
        if (p.lack[k] > 0 && opts.missing == missing_policy::drop_indicator) out.incomplete.push_back(i);
        else out.columns.push_back(i);
    }
    return out;
}

/// \brief row_indicators() of every record of `src` (a record source, see indicator_matrix_of), in order.
template <class Source>
std::vector<indicator_values> source_indicators(Source& src, const indicator_options& opts = {}) {
    std::vector<indicator_values> vals;
    vals.reserve(src.size());
    for (std::size_t r = 0; r < src.size(); ++r) vals.push_back(row_indicators(src.row(r), opts));
    return vals;
}

/// \brief The indicator matrix of `src` with the columns `cols` already chosen
/// (choose_indicator_columns, possibly from the counts of more records than
/// `src` holds): `vals` are the records' source_indicators; records lacking a
/// value of a column are handled by `opts.missing` (drop_record: left out and
/// counted; zero: 0; fail: invalid_argument naming the record, its line and
/// the indicator). `info` is empty_input when no row or no column is left.
template <class Source>
indicator_table indicator_table_of(Source& src, const std::vector<indicator_values>& vals, indicator_columns cols,
                                   const indicator_options& opts = {}) {
    indicator_table t;
    t.columns = std::move(cols.columns);
    t.absent = std::move(cols.absent);
    t.incomplete = std::move(cols.incomplete);
    t.missing_counts = cols.missing_counts;
    for (std::size_t r = 0; r < vals.size(); ++r) {
        bool complete = true;
        for (const auto i : t.columns) {
            if (vals[r].has(i)) continue;
            complete = false;
            if (opts.missing == missing_policy::fail) {
                ::techconv::detail::throw_error<invalid_argument>(
                    "indicator_matrix: record '" + std::string(src.row(r).id()) + "' (line " +
                    std::to_string(src.row(r).source_line()) + ") has no value of " +
                    std::string(to_string(i)) + " (missing_policy::fail)");
            }
        }
        if (!complete && opts.missing == missing_policy::drop_record) {
            ++t.dropped_records;
            continue;
        }
        t.rows.push_back(r);
    }
    t.values.resize(static_cast<index>(t.rows.size()), static_cast<index>(t.columns.size()));
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        for (std::size_t k = 0; k < t.rows.size(); ++k)
            t.values(static_cast<index>(k), static_cast<index>(c)) =
                static_cast<double>(vals[t.rows[k]].value_or(t.columns[c], 0));
    if (t.rows.empty() || t.columns.empty()) t.info = status::empty_input;
    return t;
}

/// \brief Builds the [KCT] indicator matrix of the records of `src` (after family merging, if
/// wanted): an analysis::vector_source or analysis::table_source (anything with size() and
/// row(i), a row view); indicator_matrix() below takes either form of the records. A table's
/// rows are read from its columns, not materialised.
///
/// An indicator is a column when at least one selected record has it
/// (record_indicators()); one no record has is listed in `absent`. Records
/// lacking a value of a column are handled by `opts.missing`. The steps:
/// source_indicators, indicator_presence, choose_indicator_columns, indicator_table_of.
///
/// \param src the records (one per family if merge_families() ran first)
/// \param opts indicator selection, developed list, missing-value policy
/// \returns the matrix (column-major, doubles holding counts) and the report
/// \throws invalid_argument with missing_policy::fail, naming the first record lacking a value
///
/// Degenerate input: no records, or no indicator left → `info = empty_input`
/// and a 0-row or 0-column matrix. Complexity: O(n·(9 + L)) for n records of L list items.
template <class Source>
indicator_table indicator_matrix_of(Source& src, const indicator_options& opts = {}) {
    const auto vals = source_indicators(src, opts);
    indicator_presence p;
    for (const auto& v : vals) p.add(v);
    return indicator_table_of(src, vals, choose_indicator_columns(p, opts), opts);
}

/// \brief indicator_matrix() of `records`.
inline indicator_table indicator_matrix(const std::vector<patent_record>& records,
                                        const indicator_options& opts = {}) {
    analysis::vector_source src(records);
    return indicator_matrix_of(src, opts);
}

/// \brief indicator_matrix() of a columnar table's records (read from its columns).
template <class Table, analysis::if_patent_table<Table> = 0>
indicator_table indicator_matrix(const Table& table, const indicator_options& opts = {}) {
    analysis::table_source src(table);
    return indicator_matrix_of(src, opts);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_INDICATORS_HPP_
