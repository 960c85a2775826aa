// SPDX-License-Identifier: BSL-1.0
//
// Time periods of a record set (issue 19 §3), one place for `evolution`, the time-sliced
// `network` and the compared periods of `closeness`: the period list parser that the
// commands' --periods options and the Python package's periods= take ("2000-2009,2010-2019":
// items separated by commas, each a year range FIRST-LAST or a single year), sliding
// windows, and the split of records into periods by analysis::row_year. analysis::evolution
// takes any number of periods, analysis::collaboration two (collaboration_periods in
// collaboration.hpp).
#ifndef TECHCONV_ANALYSIS_PERIODS_HPP_
#define TECHCONV_ANALYSIS_PERIODS_HPP_

#include <cstddef>      // std::size_t
#include <string>       // std::string, std::to_string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "techconv/analysis/patent_rules.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/closeness/series.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief A closed range of years, first ≤ last (a single year when equal): the period type
/// of closeness::period_change, here always bounded.
using year_period = closeness::period;

/// \brief Whether year `y` lies in the bounded period `p`.
constexpr bool in_period(const year_period& p, year_type y) noexcept {
    return y != no_year && p.first <= y && y <= p.last;
}

namespace detail {
inline year_type parse_period_year(std::string_view s, std::string_view item) {
    int v = 0;
    bool ok = !s.empty() && s.size() <= 4;
    for (const char c : s) {
        if (c < '0' || c > '9') ok = false;
        else v = v * 10 + (c - '0');
    }
    if (!ok || v < 1)
        ::techconv::detail::throw_error<invalid_argument>("analysis::parse_periods: '" + std::string(item) +
                                                          "' is not a year or a range of years such as 2000-2009");
    return static_cast<year_type>(v);
}
}  // namespace detail

/// \brief The periods of a list such as "2000-2009,2010-2019" (items separated by
/// commas; an item is a year range FIRST-LAST or a single year), in the order given.
/// Periods may overlap.
/// \throws invalid_argument for an empty list or item, a year that is not 1-9999, or FIRST > LAST.
inline std::vector<year_period> parse_periods(std::string_view list) {
    std::vector<year_period> out;
    std::size_t pos = 0;
    while (pos <= list.size()) {
        const auto comma = list.find(',', pos);
        const auto item = list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        const auto dash = item.find('-');
        year_period p;
        if (dash == std::string_view::npos) {
            p.first = p.last = detail::parse_period_year(item, item);
        } else {
            p.first = detail::parse_period_year(item.substr(0, dash), item);
            p.last = detail::parse_period_year(item.substr(dash + 1), item);
        }
        if (p.first > p.last)
            ::techconv::detail::throw_error<invalid_argument>("analysis::parse_periods: period '" + std::string(item) +
                                                              "' ends before it starts");
        out.push_back(p);
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return out;
}

/// \brief Sliding windows of `window` years every `step` years from `first` until a
/// window starts after `last`: [first, first+window-1], [first+step, ...], ... . Every
/// year of [first, last] lies in a window when step ≤ window; the last window may reach
/// past `last` (it then holds fewer years of data).
/// \throws invalid_argument for window < 1, step < 1 or first > last.
inline std::vector<year_period> sliding_periods(year_type first, year_type last, int window, int step) {
    techconv::detail::require(window >= 1 && step >= 1, "analysis::sliding_periods: window and step must be >= 1");
    techconv::detail::require(first != no_year && last != no_year && first <= last,
                              "analysis::sliding_periods: first year must not be after the last");
    std::vector<year_period> out;
    for (int s = first; s <= last; s += step)
        out.push_back({static_cast<year_type>(s), static_cast<year_type>(s + window - 1)});
    return out;
}

/// \brief How a record set is cut into periods: a list of periods (parse_periods), or
/// sliding windows of `window` years every `step` years over the records' years.
struct period_spec {
    std::vector<year_period> periods;  ///< the periods; when empty, sliding windows
    int window = 0;                    ///< window length in years (used when `periods` is empty)
    int step = 0;                      ///< years between window starts (0: equal to window)
};

/// \brief The periods of `spec` for records whose years span [lo, hi] (no_year for both when no
/// record has a year): spec.periods as given, else sliding_periods(lo, hi, window, step or
/// window); no period for windows over records without years.
/// \throws invalid_argument for a period with first > last, and without periods when
///         window < 1 or step < 0.
inline std::vector<year_period> resolve_periods(const period_spec& spec, year_type lo, year_type hi) {
    auto periods = spec.periods;
    if (periods.empty()) {
        techconv::detail::require(spec.window >= 1, "analysis::periods: give periods or a window of >= 1 year");
        techconv::detail::require(spec.step >= 0, "analysis::periods: step must be >= 0");
        if (lo != no_year) periods = sliding_periods(lo, hi, spec.window, spec.step == 0 ? spec.window : spec.step);
    }
    for (const auto& p : periods)
        techconv::detail::require(p.first != no_year && p.first <= p.last,
                                  "analysis::periods: every period needs first <= last");
    return periods;
}

/// \brief Records split into periods.
struct period_split {
    std::vector<year_period> periods;            ///< resolve_periods of the spec
    std::vector<std::vector<std::size_t>> rows;  ///< per period, the rows whose year lies in it (input order)
    std::vector<year_type> years;                ///< row_year of every row of the source (no_year: none)
    index records_without_year = 0;              ///< rows given without a year: in no period
};

namespace detail {
template <class Source>
period_split split_periods_of(const Source& src, const std::vector<std::size_t>& rows, const period_spec& spec) {
    period_split out;
    out.years.assign(src.size(), no_year);
    year_type lo = no_year, hi = no_year;
    for (const auto i : rows) {
        const auto y = row_year(src.row(i));
        out.years[i] = y;
        if (y == no_year) {
            ++out.records_without_year;
            continue;
        }
        if (lo == no_year || y < lo) lo = y;
        if (hi == no_year || y > hi) hi = y;
    }
    out.periods = resolve_periods(spec, lo, hi);
    out.rows.resize(out.periods.size());
    for (std::size_t k = 0; k < out.periods.size(); ++k)
        for (const auto i : rows)
            if (in_period(out.periods[k], out.years[i])) out.rows[k].push_back(i);
    return out;
}
}  // namespace detail

/// \brief Splits the rows `rows` of `table` into the periods of `spec`: a row belongs to every
/// period holding its analysis::row_year (filing, else priority, else publication year;
/// periods may overlap), rows without a year to none (counted). Sliding windows start at the
/// first year of these rows. The one period rule of `evolution` and `network --periods`.
/// \throws invalid_argument as resolve_periods.
inline period_split split_periods(const records::patent_table& table, const std::vector<std::size_t>& rows,
                                  const period_spec& spec) {
    return detail::split_periods_of(table_source(table), rows, spec);
}

/// \brief split_periods of a vector of records (all of them).
inline period_split split_periods(const std::vector<io::patent_record>& records, const period_spec& spec) {
    std::vector<std::size_t> rows(records.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    return detail::split_periods_of(vector_source(records), rows, spec);
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_PERIODS_HPP_
