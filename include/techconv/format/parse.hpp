// SPDX-License-Identifier: BSL-1.0
//
// Locale-independent parsing of numbers and small text helpers, on
// std::string_view with <charconv>: no allocation, no iostreams.
#ifndef TECHCONV_FORMAT_PARSE_HPP_
#define TECHCONV_FORMAT_PARSE_HPP_

#include <charconv>      // std::from_chars, std::to_chars
#include <cmath>         // std::isfinite
#include <cstdint>       // std::int64_t
#include <string>        // std::string
#include <string_view>   // std::string_view
#include <system_error>  // std::errc
#include <vector>        // std::vector

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Result of parsing one number.
enum class number_status : unsigned char {
    ok,
    empty,         ///< only blanks
    invalid,       ///< not a number
    out_of_range,  ///< does not fit the type
    non_finite,    ///< "nan", "inf" (doubles only, when finiteness is required)
};

/// \brief `s` without leading and trailing blanks (space, tab, CR, LF).
constexpr std::string_view trim(std::string_view s) noexcept {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
        --e;
    return s.substr(b, e - b);
}

/// \brief Parses a decimal integer (optional sign, surrounding blanks allowed).
inline number_status parse_int64(std::string_view s, std::int64_t& out) noexcept {
    s = trim(s);
    if (s.empty()) return number_status::empty;
    if (s.front() == '+') {
        s.remove_prefix(1);
        if (!s.empty() && s.front() == '-') return number_status::invalid;  // "+-5"
    }
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    // Trailing text makes it "not a number" even when the digits overflow.
    if (r.ptr != s.data() + s.size()) return number_status::invalid;
    if (r.ec == std::errc::result_out_of_range) return number_status::out_of_range;
    if (r.ec != std::errc()) return number_status::invalid;
    return number_status::ok;
}

/// \brief Parses a decimal or scientific floating-point number.
///
/// With `require_finite` (the default) "nan", "inf" and overflow to infinity
/// give `non_finite` / `out_of_range` instead of a non-finite value.
inline number_status parse_double(std::string_view s, double& out,
                                  bool require_finite = true) noexcept {
    s = trim(s);
    if (s.empty()) return number_status::empty;
    if (s.front() == '+') {
        s.remove_prefix(1);
        if (!s.empty() && s.front() == '-') return number_status::invalid;  // "+-5"
    }
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    if (r.ptr != s.data() + s.size()) return number_status::invalid;
    if (r.ec == std::errc::result_out_of_range) return number_status::out_of_range;
    if (r.ec != std::errc()) return number_status::invalid;
    if (require_finite && !std::isfinite(out)) return number_status::non_finite;
    return number_status::ok;
}

/// \brief Shortest decimal text that reads back to exactly `v`.
inline std::string format_double(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

/// \brief The pieces of `s` between occurrences of `sep` (e.g. Lens's ";;"), each trimmed,
/// empty pieces dropped, written into `out` (emptied first; its capacity is reused, so a
/// reader that splits a cell per record allocates nothing once warm). Views point into `s`.
inline void split_list_into(std::string_view s, std::string_view sep, std::vector<std::string_view>& out) {
    out.clear();
    if (sep.empty()) {
        const auto t = trim(s);
        if (!t.empty()) out.push_back(t);
        return;
    }
    std::size_t start = 0;
    for (;;) {
        const std::size_t p = s.find(sep, start);
        const auto piece = trim(s.substr(start, p == std::string_view::npos ? s.npos : p - start));
        if (!piece.empty()) out.push_back(piece);
        if (p == std::string_view::npos) break;
        start = p + sep.size();
    }
}

/// \brief Splits `s` at every occurrence of `sep` (e.g. Lens's ";;"), trimming
/// each piece and dropping empty pieces (split_list_into). Views point into `s`.
inline std::vector<std::string_view> split_list(std::string_view s, std::string_view sep) {
    std::vector<std::string_view> out;
    split_list_into(s, sep, out);
    return out;
}

/// \brief ASCII lower-casing (locale independent).
constexpr char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
/// \brief ASCII upper-casing (locale independent).
constexpr char ascii_upper(char c) noexcept {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
/// \brief Case-insensitive ASCII equality.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_PARSE_HPP_
