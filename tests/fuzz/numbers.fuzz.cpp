// Fuzz target: number parsing and text helpers of format/parse.hpp.
// fuzz-options: -max_len=256
//
// Input: byte 0 picks the separator length for split_list (1 + byte % 3),
// then the separator, then the text.
//
// References written here independently:
//  - parse_int64: a grammar check (blanks, one optional sign, decimal digits)
//    and an overflow-checked accumulation;
//  - parse_double: a grammar check of decimal floating point and the C
//    library's strtod for the value (the process runs in the "C" locale);
//  - format_double: every finite double reads back bit for bit;
//  - split_list and trim: a naive search loop.
#include <cerrno>       // errno, ERANGE
#include <cfloat>       // DBL_MIN
#include <cmath>        // std::isfinite, std::fabs
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::int64_t, std::uint64_t
#include <cstdlib>      // std::strtod
#include <cstring>      // std::memcpy
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include <techconv/format/parse.hpp>

#include "fuzz_support.hpp"

namespace {

using techconv::io::number_status;
using techconv_fuzz::check;

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

std::string_view ref_trim(std::string_view s) {
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

number_status ref_int(std::string_view s, std::int64_t& out) {
    s = ref_trim(s);
    if (s.empty()) return number_status::empty;
    bool negative = false;
    if (s.front() == '+' || s.front() == '-') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty()) return number_status::invalid;
    for (const char c : s)
        if (!digit(c)) return number_status::invalid;
    // Accumulate the magnitude; the limit is 2^63 - 1, or 2^63 when negative.
    const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    std::uint64_t v = 0;
    for (const char c : s) {
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (v > (limit - d) / 10) return number_status::out_of_range;
        v = v * 10 + d;
    }
    out = negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
    return number_status::ok;
}

// Decimal floating point, "inf", "infinity", "nan", "nan(chars)", any case.
bool ref_float_grammar(std::string_view s) {
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
    std::string low;
    for (const char c : s) low += techconv::io::ascii_lower(c);
    if (low == "inf" || low == "infinity" || low == "nan") return true;
    if (low.size() >= 5 && low.compare(0, 4, "nan(") == 0 && low.back() == ')') {
        for (std::size_t i = 4; i + 1 < low.size(); ++i) {
            const char c = low[i];
            if (!(digit(c) || (c >= 'a' && c <= 'z') || c == '_')) return false;
        }
        return true;
    }
    std::size_t i = 0, mantissa_digits = 0;
    while (i < s.size() && digit(s[i])) ++i, ++mantissa_digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && digit(s[i])) ++i, ++mantissa_digits;
    }
    if (mantissa_digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        std::size_t exp_digits = 0;
        while (i < s.size() && digit(s[i])) ++i, ++exp_digits;
        if (exp_digits == 0) return false;
    }
    return i == s.size();
}

std::vector<std::string_view> ref_split(std::string_view s, std::string_view sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0, i = 0;
    while (i + sep.size() <= s.size()) {
        if (s.substr(i, sep.size()) == sep) {
            const auto piece = ref_trim(s.substr(start, i - start));
            if (!piece.empty()) out.push_back(piece);
            i += sep.size();
            start = i;
        } else {
            ++i;
        }
    }
    const auto piece = ref_trim(s.substr(start));
    if (!piece.empty()) out.push_back(piece);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const std::string_view whole = in.rest();
    const std::size_t sep_len = 1 + in.take_byte() % 3;
    std::string sep;
    for (std::size_t i = 0; i < sep_len; ++i) sep += static_cast<char>(in.take_byte());
    const std::string text(in.rest());

    // trim
    const auto t = techconv::io::trim(text);
    check(t == ref_trim(text), "trim differs from the reference");

    // parse_int64
    std::int64_t iv = 0, rv = 0;
    const auto is = techconv::io::parse_int64(text, iv);
    const auto rs = ref_int(text, rv);
    check(is == rs, "parse_int64 status differs from the reference", "'" + text + "'");
    if (is == number_status::ok) check(iv == rv, "parse_int64 value differs", "'" + text + "'");

    // parse_double
    double dv = 0;
    const auto ds = techconv::io::parse_double(text, dv);
    const std::string body(ref_trim(text));
    if (body.empty()) {
        check(ds == number_status::empty, "blank text is not 'empty'");
    } else if (!ref_float_grammar(body)) {
        check(ds == number_status::invalid, "parse_double accepts a non-number", "'" + body + "'");
    } else {
        check(ds != number_status::invalid && ds != number_status::empty,
              "parse_double rejects a number", "'" + body + "'");
        errno = 0;
        const double want = std::strtod(body.c_str(), nullptr);
        const bool range = errno == ERANGE;
        if (ds == number_status::ok) {
            check(std::isfinite(dv), "parse_double ok but not finite");
            check(dv == want, "parse_double value differs from strtod", "'" + body + "'");
        } else if (ds == number_status::out_of_range) {
            check(range || !std::isfinite(want) || std::fabs(want) < DBL_MIN,
                  "out_of_range for a representable number", "'" + body + "'");
        } else {
            check(ds == number_status::non_finite && !std::isfinite(want),
                  "non_finite for a finite number", "'" + body + "'");
        }
    }

    // format_double reads back bit for bit (the first 8 bytes as a double).
    if (whole.size() >= 8) {
        double x;
        std::memcpy(&x, whole.data(), 8);
        const std::string f = techconv::io::format_double(x);
        double y = 0;
        const auto fs = techconv::io::parse_double(f, y, false);
        check(fs == number_status::ok, "format_double output does not parse", f);
        if (std::isfinite(x)) {
            std::uint64_t bx, by;
            std::memcpy(&bx, &x, 8);
            std::memcpy(&by, &y, 8);
            check(bx == by, "format_double does not round trip", f);
        } else {
            check(!std::isfinite(y), "format_double of a non-finite value reads back finite", f);
        }
    }

    // split_list
    const auto pieces = techconv::io::split_list(text, sep);
    check(pieces == ref_split(text, sep), "split_list differs from the reference");
    for (const auto p : pieces) {
        check(p.data() >= text.data() && p.data() + p.size() <= text.data() + text.size(),
              "split_list piece does not point into its input");
    }
    return 0;
}
