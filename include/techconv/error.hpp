// SPDX-License-Identifier: BSL-1.0
//
// The three error tiers of techconv:
//  (a) misuse of the API (shape mismatch, k > n, unknown option value):
//      techconv::invalid_argument, thrown in release builds too;
//  (b) malformed input data: techconv::parse_error, carrying the source
//      name, line, column, field and a stable error_code;
//  (c) numerical outcomes that are not errors (a constant column, n < 2, no
//      convergence): a techconv::status in the result struct, never a NaN.
// Every throw goes through detail::throw_error, i.e. through TECHCONV_THROW.
#ifndef TECHCONV_ERROR_HPP_
#define TECHCONV_ERROR_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <stdexcept>    // std::invalid_argument, std::runtime_error
#include <string>       // std::string, std::to_string
#include <string_view>  // std::string_view
#include <utility>      // std::move

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN

/// \brief Stable codes for malformed input. The numeric values are part of
/// the API (they appear in machine-readable reports); append, never reorder.
enum class error_code : std::uint8_t {
    none = 0,
    io_error = 1,            ///< the source could not be opened or read
    empty_input = 2,         ///< no bytes, or no records where some are required
    missing_header = 3,      ///< a header row is required and absent
    missing_column = 4,      ///< a required column is not in the header
    duplicate_column = 5,    ///< the header names a column twice
    field_count = 6,         ///< a record has a different number of fields than the header
    bad_number = 7,          ///< a numeric field does not parse
    out_of_range = 8,        ///< a number overflows its type or leaves its allowed range
    negative_value = 9,      ///< a count or value that must be >= 0 is negative
    non_finite = 10,         ///< NaN or infinity where a finite value is required
    bad_quote = 11,          ///< a character follows a closing quote
    unterminated_quote = 12, ///< the input ends inside a quoted field (truncated record)
    line_too_long = 13,      ///< a record exceeds the configured byte limit
    nul_byte = 14,           ///< a NUL byte in text input
    bad_encoding = 15,       ///< bytes that are not valid UTF-8 (or the chosen encoding)
    bad_code = 16,           ///< a classification code that does not parse
    bad_country = 17,        ///< a country name or code that is not recognised
    bad_year = 18,           ///< a year or date that does not parse
    unknown_tag = 19,        ///< a field tag the format does not define
    missing_terminator = 20, ///< a record is not closed (WoS ER, XML end tag)
    bad_markup = 21,         ///< malformed XML, JSON or tagged text
    duplicate_record = 22,   ///< the same record identifier twice (when that is an error)
    limit_exceeded = 23,     ///< a configured resource limit would be exceeded
    bad_value = 24,          ///< a field holds a value outside its documented vocabulary
    truncated = 25,          ///< the input ends in the middle of a record
};

/// \brief Short stable name of an error code ("bad_number", ...).
constexpr std::string_view to_string(error_code c) noexcept {
    switch (c) {
        case error_code::none: return "none";
        case error_code::io_error: return "io_error";
        case error_code::empty_input: return "empty_input";
        case error_code::missing_header: return "missing_header";
        case error_code::missing_column: return "missing_column";
        case error_code::duplicate_column: return "duplicate_column";
        case error_code::field_count: return "field_count";
        case error_code::bad_number: return "bad_number";
        case error_code::out_of_range: return "out_of_range";
        case error_code::negative_value: return "negative_value";
        case error_code::non_finite: return "non_finite";
        case error_code::bad_quote: return "bad_quote";
        case error_code::unterminated_quote: return "unterminated_quote";
        case error_code::line_too_long: return "line_too_long";
        case error_code::nul_byte: return "nul_byte";
        case error_code::bad_encoding: return "bad_encoding";
        case error_code::bad_code: return "bad_code";
        case error_code::bad_country: return "bad_country";
        case error_code::bad_year: return "bad_year";
        case error_code::unknown_tag: return "unknown_tag";
        case error_code::missing_terminator: return "missing_terminator";
        case error_code::bad_markup: return "bad_markup";
        case error_code::duplicate_record: return "duplicate_record";
        case error_code::limit_exceeded: return "limit_exceeded";
        case error_code::bad_value: return "bad_value";
        case error_code::truncated: return "truncated";
    }
    return "unknown";
}

/// \brief Where in an input something happened. Lines and columns are
/// 1-based; 0 means "not applicable / unknown". `record` is the 1-based index
/// of the data record (not counting a header), 0 when unknown.
struct source_location {
    std::string source;      ///< file name or a caller-chosen label ("<memory>")
    std::size_t line = 0;    ///< physical line where the record or token starts
    std::size_t column = 0;  ///< 1-based field index (CSV) or byte column (text)
    std::size_t record = 0;  ///< 1-based data record index
    std::string field;       ///< field / column / tag name, when known
};

/// \brief Formats a location as `source:line:column: field 'name'`.
inline std::string to_string(const source_location& loc) {
    std::string s = loc.source.empty() ? std::string("<input>") : loc.source;
    if (loc.line != 0) {
        s += ':';
        s += std::to_string(loc.line);
        if (loc.column != 0) {
            s += ':';
            s += std::to_string(loc.column);
        }
    }
    if (loc.record != 0) {
        s += ": record ";
        s += std::to_string(loc.record);
    }
    if (!loc.field.empty()) {
        s += ": field '";
        s += loc.field;
        s += '\'';
    }
    return s;
}

/// \brief Misuse of the API: a precondition the caller controls is violated.
class invalid_argument : public std::invalid_argument {
public:
    explicit invalid_argument(const std::string& what_arg)
        : std::invalid_argument("techconv: " + what_arg) {}
};

/// \brief Malformed input data, with its location and a stable code.
///
/// what() reads `source:line:column: record R: field 'F': message [code]`.
class parse_error : public std::runtime_error {
public:
    parse_error(error_code code, source_location where, const std::string& message)
        : std::runtime_error(to_string(where) + ": " + message + " [" +
                             std::string(to_string(code)) + "]"),
          code_(code),
          where_(std::move(where)),
          message_(message) {}

    error_code code() const noexcept { return code_; }
    const source_location& where() const noexcept { return where_; }
    const std::string& source() const noexcept { return where_.source; }
    std::size_t line() const noexcept { return where_.line; }
    std::size_t column() const noexcept { return where_.column; }
    std::size_t record() const noexcept { return where_.record; }
    const std::string& field() const noexcept { return where_.field; }
    /// The message without the location prefix and code suffix.
    const std::string& message() const noexcept { return message_; }

private:
    error_code code_;
    source_location where_;
    std::string message_;
};

/// \brief Outcome of a numerical computation that is not an error.
///
/// Results carry a status next to their values; a status other than `ok`
/// documents what the values mean (see each function's "Degenerate input").
enum class status : std::uint8_t {
    ok = 0,
    empty_input = 1,         ///< nothing to compute on; results are empty or zero
    too_few_records = 2,     ///< e.g. n < 2, where ln n = 0 makes entropy undefined
    degenerate_columns = 3,  ///< some columns carry no information (weight 0, listed)
    all_degenerate = 4,      ///< every column is degenerate; the documented fallback applies
    not_converged = 5,       ///< an iterative method stopped at its iteration limit
    zero_denominator = 6,    ///< a ratio with a zero denominator was reported as 0
    disconnected = 7,        ///< a graph measure was computed per component
    not_computed = 8,        ///< skipped by a documented size bound (e.g. a dense O(n^3) solve)
};

/// \brief Short stable name of a status ("degenerate_columns", ...).
constexpr std::string_view to_string(status s) noexcept {
    switch (s) {
        case status::ok: return "ok";
        case status::empty_input: return "empty_input";
        case status::too_few_records: return "too_few_records";
        case status::degenerate_columns: return "degenerate_columns";
        case status::all_degenerate: return "all_degenerate";
        case status::not_converged: return "not_converged";
        case status::zero_denominator: return "zero_denominator";
        case status::disconnected: return "disconnected";
        case status::not_computed: return "not_computed";
    }
    return "unknown";
}

namespace detail {

/// Every techconv throw goes through here (and so through TECHCONV_THROW).
template <class Exception, class... Args>
[[noreturn]] inline void throw_error(Args&&... args) {
    TECHCONV_THROW(Exception(std::forward<Args>(args)...));
#if !TECHCONV_HAS_EXCEPTIONS
    std::abort();
#endif
}

/// Throws invalid_argument unless `cond` holds.
inline void require(bool cond, const char* message) {
    if (TECHCONV_UNLIKELY(!cond)) throw_error<invalid_argument>(std::string(message));
}
inline void require(bool cond, const std::string& message) {
    if (TECHCONV_UNLIKELY(!cond)) throw_error<invalid_argument>(message);
}

}  // namespace detail

TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ERROR_HPP_
