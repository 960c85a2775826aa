// SPDX-License-Identifier: BSL-1.0
//
// The year of a date as exports write it: ISO dates from the source, and the
// forms a spreadsheet leaves after a user opened and saved the export
// (9/24/14, 24.09.2014, 2014/9/24, serial day numbers). techconv uses only
// the year of a date, so the rules below decide the year and never guess a
// day or a month they do not need.
#ifndef TECHCONV_IO_DATES_HPP_
#define TECHCONV_IO_DATES_HPP_

#include <array>        // std::array
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <optional>     // std::optional
#include <string_view>  // std::string_view

#include "techconv/config.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Which rule gave the year of a date (readers count them per file).
enum class date_rule : std::uint8_t {
    year_first = 0,        ///< `2014`, `2014-09-24`, `2014/9/24`, `2014.09.24`, `20140924`, ISO with a time
    year_last = 1,         ///< `24.09.2014`, `9/24/2014`, `24-09-2014`: the four-digit year last
    two_digit_reference = 2,  ///< `9/24/14` with a four-digit reference year of the record (see below)
    two_digit_window = 3,  ///< `9/24/14` without a reference: 00–29 → 20xx, 30–99 → 19xx
    serial_day = 4,        ///< a spreadsheet serial day number (days since 1899-12-30), 5 digits
};

/// \brief Number of date rules.
inline constexpr std::size_t date_rule_count = 5;

/// \brief Stable name of a date rule ("year-first", ...).
constexpr std::string_view to_string(date_rule r) noexcept {
    switch (r) {
        case date_rule::year_first: return "year-first";
        case date_rule::year_last: return "year-last";
        case date_rule::two_digit_reference: return "two-digit-year-by-reference";
        case date_rule::two_digit_window: return "two-digit-year-window-1930-2029";
        case date_rule::serial_day: return "spreadsheet-serial-day";
    }
    return "year-first";
}

/// \brief The year of a date and the rule that read it.
struct date_year {
    year_type year = no_year;             ///< the year
    date_rule rule = date_rule::year_first;  ///< how it was read
};

/// \brief Years outside [min_plausible_year, max_plausible_year] are refused:
/// `0000` or `0201` in a year column is a broken value, not a year.
inline constexpr year_type min_plausible_year = 1700;
/// \brief See min_plausible_year.
inline constexpr year_type max_plausible_year = 2199;

namespace detail {

constexpr bool date_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Reads 1..max digits at s[i]; advances i. nullopt when there is none.
constexpr std::optional<int> date_number(std::string_view s, std::size_t& i, std::size_t max_digits,
                                         std::size_t& digits) noexcept {
    int v = 0;
    digits = 0;
    while (i < s.size() && date_digit(s[i]) && digits < max_digits) {
        v = v * 10 + (s[i] - '0');
        ++i;
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    return v;
}

// The civil year of a day number counted from 1970-01-01 (proleptic Gregorian).
constexpr long long civil_year(long long days) noexcept {
    const long long z = days + 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const long long month = mp < 10 ? mp + 3 : mp - 9;
    return yoe + era * 400 + (month <= 2 ? 1 : 0);
}

// Whether `m` is an English month abbreviation ("Jan" .. "Dec", any case).
constexpr bool month_abbreviation(std::string_view m) noexcept {
    constexpr std::string_view names = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    if (m.size() != 3) return false;
    for (std::size_t k = 0; k < names.size(); k += 3) {
        bool same = true;
        for (std::size_t c = 0; c < 3; ++c) {
            const char u = m[c] >= 'a' && m[c] <= 'z' ? static_cast<char>(m[c] - 'a' + 'A') : m[c];
            same = same && u == names[k + c];
        }
        if (same) return true;
    }
    return false;
}

constexpr bool date_tail_ok(std::string_view s, std::size_t i) noexcept {
    // the end, or a time part after a blank or 'T' ("9/24/14 0:00", "2014-09-24T10:00:00Z")
    return i == s.size() || s[i] == ' ' || s[i] == 'T';
}

}  // namespace detail

/// \brief The year of a date written in any of the forms below; nullopt when
/// `s` is none of them or the year is implausible.
///
/// Rules (stated in docs/reliability.md, "Dates"):
/// - **year first**: four digits, then the end, a separator (`-`, `/`, `.`) with
///   a month (1..12) and optionally a day (1..31), four more digits
///   (`20140924`), a time, or `.0` (`2014.0`, a year column that pandas or a
///   spreadsheet wrote as decimals) → that year.
/// - **year last**: `A?B?YYYY` with `?` one of `/`, `.`, `-` and A, B of one or
///   two digits in 1..31 of which at least one is at most 12 (so one of them is a
///   month). Whether A is the day or the month (`9/24/2014` or `24.09.2014`) does
///   not change the year and is not decided. Also `D Mon YYYY`: a day 1..31, one
///   blank, an English month abbreviation (any case), one blank, four digits
///   (the Derwent Innovations Index writes `13 Apr 2017`).
/// - **two-digit year** `A?B?YY`: with a `reference` year (a four-digit year the
///   same record states, such as its publication year; dates of filing and
///   priority are not later than publication), the latest year not after the
///   reference that ends in YY; without one, the spreadsheet window: 00–29 →
///   2000–2029, 30–99 → 1930–1999.
/// - **serial day number**: five digits, a spreadsheet's day count since
///   1899-12-30 (10000 = 1927-05-18, 99999 = 2173-10-13) → its year. Four digits
///   are always a year.
/// A time part after a blank or `T` is ignored. The year must lie in
/// [min_plausible_year, max_plausible_year].
constexpr std::optional<date_year> parse_date_year(std::string_view s, year_type reference = no_year) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    const auto plausible = [](long long y, date_rule r) -> std::optional<date_year> {
        if (y < min_plausible_year || y > max_plausible_year) return std::nullopt;
        return date_year{static_cast<year_type>(y), r};
    };
    std::size_t run = 0;  // leading digits
    while (run < s.size() && detail::date_digit(s[run])) ++run;
    std::size_t i = 0, d1 = 0;
    if (run == 8) {  // YYYYMMDD
        if (!detail::date_tail_ok(s, 8)) return std::nullopt;
        const auto v = detail::date_number(s, i, 8, d1);
        const int y = *v / 10000, m = *v / 100 % 100, d = *v % 100;
        if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
        return plausible(y, date_rule::year_first);
    }
    if (run == 5) {  // spreadsheet serial day: day 25569 is 1970-01-01
        if (run != s.size()) return std::nullopt;
        const auto v = detail::date_number(s, i, 5, d1);
        return plausible(detail::civil_year(static_cast<long long>(*v) - 25569), date_rule::serial_day);
    }
    if (run != 4 && run != 1 && run != 2) return std::nullopt;
    const auto a = detail::date_number(s, i, 4, d1);
    if (d1 == 4) {
        if (detail::date_tail_ok(s, i)) return plausible(*a, date_rule::year_first);
        if (s[i] == '.' && i + 1 < s.size() && s.find_first_not_of('0', i + 1) == std::string_view::npos)
            return plausible(*a, date_rule::year_first);  // "2014.0": a year column written as decimals
        const char sep = s[i];
        if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
        std::size_t j = i + 1, dm = 0, dd = 0;
        const auto m = detail::date_number(s, j, 2, dm);
        if (!m || *m < 1 || *m > 12) return std::nullopt;
        if (detail::date_tail_ok(s, j)) return plausible(*a, date_rule::year_first);  // 2014-09
        if (s[j] != sep) return std::nullopt;
        ++j;
        const auto d = detail::date_number(s, j, 2, dd);
        if (!d || !detail::date_tail_ok(s, j) || *d < 1 || *d > 31) return std::nullopt;
        return plausible(*a, date_rule::year_first);
    }
    // A?B?Y with A, B of one or two digits
    if (i >= s.size()) return std::nullopt;
    if (s[i] == ' ') {  // D Mon YYYY (Derwent: "13 Apr 2017")
        if (*a < 1 || *a > 31 || s.size() != i + 9 || s[i + 4] != ' ' || !detail::month_abbreviation(s.substr(i + 1, 3)))
            return std::nullopt;
        std::size_t j = i + 5, dy = 0;
        const auto y = detail::date_number(s, j, 4, dy);
        if (!y || dy != 4 || j != s.size()) return std::nullopt;
        return plausible(*y, date_rule::year_last);
    }
    const char sep = s[i];
    if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
    std::size_t j = i + 1, d2 = 0, d3 = 0;
    const auto b = detail::date_number(s, j, 2, d2);
    if (!b || j >= s.size() || s[j] != sep) return std::nullopt;
    ++j;
    const auto y = detail::date_number(s, j, 4, d3);
    if (!y || !detail::date_tail_ok(s, j) || (d3 != 2 && d3 != 4)) return std::nullopt;
    if (*a < 1 || *a > 31 || *b < 1 || *b > 31 || (*a > 12 && *b > 12)) return std::nullopt;
    if (d3 == 4) return plausible(*y, date_rule::year_last);
    if (reference != no_year && reference >= min_plausible_year && reference <= max_plausible_year) {
        long long full = reference - ((reference % 100 - *y + 100) % 100);
        return plausible(full, date_rule::two_digit_reference);
    }
    return plausible(*y <= 29 ? 2000 + *y : 1900 + *y, date_rule::two_digit_window);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_DATES_HPP_
