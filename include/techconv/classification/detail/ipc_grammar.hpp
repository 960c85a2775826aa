// SPDX-License-Identifier: BSL-1.0
//
// Internals of the IPC/CPC symbol grammar: character classes, the packed bit
// layout of ipc_code and the scanner shared by every spelling.
// IWYU pragma: private, include "techconv/classification/ipc.hpp"
#ifndef TECHCONV_CLASSIFICATION_DETAIL_IPC_GRAMMAR_HPP_
#define TECHCONV_CLASSIFICATION_DETAIL_IPC_GRAMMAR_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint32_t, std::uint64_t
#include <string_view>  // std::string_view

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace classification {
namespace detail {

// Bit layout of ipc_code, most significant first, so that integer order is
// canonical symbol order:
//   [49, 54) section letter index 1..26 (0: empty code)
//   [42, 49) class number 0..99
//   [37, 42) subclass letter index 1..26 (0: absent)
//   [23, 37) main group 0..9999
//   [ 3, 23) subgroup as six digits, i.e. the decimal fraction times 10^6
//   [ 0,  3) level 0..4
inline constexpr unsigned section_shift = 49;
inline constexpr unsigned class_shift = 42;
inline constexpr unsigned subclass_shift = 37;
inline constexpr unsigned main_group_shift = 23;
inline constexpr unsigned subgroup_shift = 3;
inline constexpr std::uint64_t level_mask = 0x7u;
inline constexpr std::uint64_t section_mask = 0x1Fu;
inline constexpr std::uint64_t class_mask = 0x7Fu;
inline constexpr std::uint64_t subclass_mask = 0x1Fu;
inline constexpr std::uint64_t main_group_mask = 0x3FFFu;
inline constexpr std::uint64_t subgroup_mask = 0xFFFFFu;
inline constexpr std::uint32_t max_main_group = 9999;
inline constexpr std::uint32_t max_subgroup = 999999;

constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr char upper(char c) noexcept {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
constexpr bool is_letter(char c) noexcept {
    const char u = upper(c);
    return u >= 'A' && u <= 'Z';
}
/// Sections of IPC (A-H) and CPC (also Y).
constexpr bool is_section_letter(char c) noexcept {
    const char u = upper(c);
    return (u >= 'A' && u <= 'H') || u == 'Y';
}
constexpr std::uint64_t letter_index(char c) noexcept {
    return static_cast<std::uint64_t>(upper(c) - 'A' + 1);
}
constexpr std::uint32_t pow10(unsigned k) noexcept {
    std::uint32_t p = 1;
    for (unsigned i = 0; i < k; ++i) p *= 10u;
    return p;
}

/// Number of consecutive digits of `s` from `i`.
constexpr std::size_t digit_run(std::string_view s, std::size_t i) noexcept {
    std::size_t k = 0;
    while (i + k < s.size() && is_digit(s[i + k])) ++k;
    return k;
}
/// Value of the `k` digits of `s` starting at `i` (k <= 9).
constexpr std::uint32_t digits_value(std::string_view s, std::size_t i, std::size_t k) noexcept {
    std::uint32_t v = 0;
    for (std::size_t j = 0; j < k; ++j) v = v * 10u + static_cast<std::uint32_t>(s[i + j] - '0');
    return v;
}
constexpr std::size_t skip_blanks(std::string_view s, std::size_t i) noexcept {
    while (i < s.size() && is_blank(s[i])) ++i;
    return i;
}

/// Accepts what may follow a complete symbol: blanks, then optionally a
/// version indicator "(2006.01)", "2006.01" or "20060101", then blanks.
/// Returns s.size() on success, else the offset of the first bad byte.
constexpr std::size_t scan_tail(std::string_view s, std::size_t i) noexcept {
    i = skip_blanks(s, i);
    if (i == s.size()) return i;
    const bool paren = s[i] == '(';
    std::size_t j = paren ? skip_blanks(s, i + 1) : i;
    const std::size_t d = digit_run(s, j);
    if (d == 8 && !paren) {
        j += 8;
    } else if (d == 4 && j + 7 <= s.size() && s[j + 4] == '.' && digit_run(s, j + 5) == 2) {
        j += 7;
    } else {
        return i;
    }
    if (paren) {
        j = skip_blanks(s, j);
        if (j == s.size() || s[j] != ')') return j;
        ++j;
    }
    return skip_blanks(s, j);
}

}  // namespace detail
}  // namespace classification
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLASSIFICATION_DETAIL_IPC_GRAMMAR_HPP_
