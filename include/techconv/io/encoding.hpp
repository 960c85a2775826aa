// SPDX-License-Identifier: BSL-1.0
//
// Text encodings of input files: UTF-8 validation (the default: invalid
// bytes are rejected with their position) and transcoding of single-byte
// encodings that real exports arrive in (Latin-1 from old Excel saves).
#ifndef TECHCONV_IO_ENCODING_HPP_
#define TECHCONV_IO_ENCODING_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint64_t
#include <cstring>      // std::memcpy
#include <string>       // std::string
#include <string_view>  // std::string_view

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief How the bytes of a text input are interpreted.
enum class text_encoding : std::uint8_t {
    utf8,       ///< validate: invalid UTF-8 is a parse_error (bad_encoding) naming line and field
    latin1,     ///< ISO-8859-1: every byte >= 0x80 is transcoded to UTF-8
    unchecked,  ///< pass bytes through untouched (caller's responsibility)
};

/// \brief Position of the first byte that is not valid UTF-8, or npos.
///
/// Rejects overlong forms, surrogates (U+D800..U+DFFF) and code points above
/// U+10FFFF, as RFC 3629 requires. ASCII runs are skipped eight bytes at a time.
inline std::size_t find_invalid_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        if (i + len > n) return i;
        if (p[i + 1] < lo || p[i + 1] > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
        i += len;
    }
    return std::string_view::npos;
}

/// \brief True if `s` is entirely valid UTF-8.
inline bool is_valid_utf8(std::string_view s) noexcept {
    return find_invalid_utf8(s) == std::string_view::npos;
}

/// \brief Appends the Latin-1 (ISO-8859-1) text `s` to `out` as UTF-8.
inline void append_latin1_as_utf8(std::string_view s, std::string& out) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out.push_back(ch);
        } else {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
}

/// \brief True if `s` starts with the UTF-8 byte-order mark EF BB BF.
inline bool starts_with_utf8_bom(std::string_view s) noexcept {
    return s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF &&
           static_cast<unsigned char>(s[1]) == 0xBB && static_cast<unsigned char>(s[2]) == 0xBF;
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_ENCODING_HPP_
