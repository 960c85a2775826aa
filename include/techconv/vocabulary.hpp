// SPDX-License-Identifier: BSL-1.0
//
// The names of option enums: one table per enum, next to the enum, read in
// both directions by name_of() and from_name(). A name is matched with '-'
// and '_' taken as the same character, so "main-group" (the command's
// spelling) and "main_group" (the enumerator's) name the same level. An
// unknown name is an invalid_argument that lists the accepted names.
#ifndef TECHCONV_VOCABULARY_HPP_
#define TECHCONV_VOCABULARY_HPP_

#include <cstddef>      // std::size_t
#include <string>       // std::string
#include <string_view>  // std::string_view

#include "techconv/config.hpp"
#include "techconv/error.hpp"

TECHCONV_NAMESPACE_BEGIN

/// \brief One entry of an enum's name table: a value and its stable name.
template <class E>
struct named {
    E value;
    std::string_view name;
};

/// \brief Whether `a` and `b` are the same name, '-' and '_' being the same character.
constexpr bool same_name(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = a[i] == '-' ? '_' : a[i];
        const char y = b[i] == '-' ? '_' : b[i];
        if (x != y) return false;
    }
    return true;
}

/// \brief The accepted names of a table, comma-separated, in table order ("full, fractional").
template <class E, std::size_t N>
std::string names_list(const named<E> (&table)[N]) {
    std::string out;
    for (const auto& e : table) {
        if (!out.empty()) out += ", ";
        out += e.name;
    }
    return out;
}

/// \brief The name of `v` in `table`; `fallback` when the table lacks it.
template <class E, std::size_t N>
constexpr std::string_view name_of(E v, const named<E> (&table)[N], std::string_view fallback = {}) noexcept {
    for (const auto& e : table)
        if (e.value == v) return e.name;
    return fallback;
}

/// \brief The value named `name` in `table` ('-' and '_' alike).
/// \throws invalid_argument "unknown WHAT 'NAME' (accepted names)" for any other name.
template <class E, std::size_t N>
E from_name(std::string_view name, const named<E> (&table)[N], std::string_view what) {
    for (const auto& e : table)
        if (same_name(name, e.name)) return e.value;
    TECHCONV_THROW(invalid_argument("unknown " + std::string(what) + " '" + std::string(name) + "' (" +
                                    names_list(table) + ")"));
}

TECHCONV_NAMESPACE_END

#endif  // TECHCONV_VOCABULARY_HPP_
