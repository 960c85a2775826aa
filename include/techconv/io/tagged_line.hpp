// SPDX-License-Identifier: BSL-1.0
//
// The line layout of the ISI tagged exports (Web of Science plain text,
// Derwent Innovations Index .ciw): a field starts with a two-character tag
// and a space, its further lines start with three spaces. One rule for both
// readers (io/wos.hpp, io/derwent.hpp).
#ifndef TECHCONV_IO_TAGGED_LINE_HPP_
#define TECHCONV_IO_TAGGED_LINE_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/bibliographic.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

/// A character of a field tag (WoS and Derwent `C1`, PubMed `PMID`): an upper-case ASCII letter or a digit.
constexpr bool is_tag_char(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/// What one line of a tagged export is.
enum class tagged_line_kind : std::uint8_t {
    blank,         ///< nothing but blanks (between records)
    continuation,  ///< three spaces, then more of the current field
    field,         ///< a two-character tag, then the end or a space and the value
    other,         ///< anything else (malformed in a tagged export)
};

/// One line split by its layout: `tag` for a field, `value` the text after the tag and its
/// space (a field) or after the three spaces (a continuation), untrimmed.
struct tagged_line {
    tagged_line_kind kind = tagged_line_kind::blank;
    std::string_view tag;
    std::string_view value;
};

/// \brief Splits line `l` of a tagged export (a UTF-8 byte-order mark in front is dropped:
/// each part of concatenated downloads may start with one).
inline tagged_line split_tagged_line(std::string_view l) noexcept {
    if (l.size() >= 3 && l.compare(0, 3, "\xEF\xBB\xBF") == 0) l.remove_prefix(3);
    if (trim(l).empty()) return {tagged_line_kind::blank, {}, {}};
    if (l.size() >= 3 && l[0] == ' ' && l[1] == ' ' && l[2] == ' ')
        return {tagged_line_kind::continuation, {}, l.substr(3)};
    if (l.size() < 2 || !is_tag_char(l[0]) || !is_tag_char(l[1]) || (l.size() > 2 && l[2] != ' '))
        return {tagged_line_kind::other, {}, l};
    return {tagged_line_kind::field, l.substr(0, 2), l.size() > 3 ? l.substr(3) : std::string_view()};
}

/// \brief A malformed record of a line-oriented export (the tagged ones, PubMed), from line `line` of `source` (field `tag`, may be
/// empty): a parse_error `code` under malformed_policy::error, else its issue (`msg` and
/// "; record skipped") appended to `issues` (the caller drops the record and counts the skip).
inline void malformed_record(malformed_policy policy, const std::string& source, std::size_t line, std::string_view tag,
                             error_code code, const std::string& msg, std::vector<read_issue>& issues) {
    if (policy == malformed_policy::error)
        ::techconv::detail::throw_error<parse_error>(code, source_location{source, line, 0, 0, std::string(tag)}, msg);
    issues.push_back(read_issue{line, code, msg + "; record skipped"});
}

/// \brief A well-formed tag the format does not define, on line `line` of `source`: a
/// parse_error (unknown_tag, column 1, the tag as field) under unknown_tag_policy::error,
/// else its issue appended to `issues` (the field is ignored; the caller counts it).
inline void unknown_tag(unknown_tag_policy policy, const std::string& source, std::size_t line, std::string_view tag,
                        std::vector<read_issue>& issues) {
    if (policy == unknown_tag_policy::error)
        ::techconv::detail::throw_error<parse_error>(error_code::unknown_tag,
                                                      source_location{source, line, 1, 0, std::string(tag)},
                                                      "unknown field tag '" + std::string(tag) + "'");
    issues.push_back(read_issue{line, error_code::unknown_tag, "unknown field tag '" + std::string(tag) + "' ignored"});
}

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_TAGGED_LINE_HPP_
