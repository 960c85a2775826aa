// SPDX-License-Identifier: BSL-1.0
//
// Year periods given as text, the one parser of the list syntax the commands'
// --periods options and the Python package's periods= take ("2000-2009,2010-2019":
// items separated by commas, each a year range FIRST-LAST or a single year).
// analysis::evolution takes any number of periods, analysis::collaboration two
// (collaboration_periods in collaboration.hpp).
#ifndef TECHCONV_ANALYSIS_PERIODS_HPP_
#define TECHCONV_ANALYSIS_PERIODS_HPP_

#include <cstddef>      // std::size_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "techconv/closeness/series.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
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

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_PERIODS_HPP_
