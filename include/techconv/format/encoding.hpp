// SPDX-License-Identifier: BSL-1.0
//
// Text encodings of input files: UTF-8 validation (the default: invalid
// bytes are rejected with their position), transcoding of the single-byte
// encodings that real exports arrive in (Latin-1 from old Excel saves, Mac
// Roman from classic Mac Office saves) and a detector that guesses which of
// them a byte sample is in.
#ifndef TECHCONV_FORMAT_ENCODING_HPP_
#define TECHCONV_FORMAT_ENCODING_HPP_

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
    mac_roman,  ///< Mac OS Roman (Apple's mapping, 0xDB = euro sign), transcoded to UTF-8
};

/// \brief Short stable name of an encoding ("utf8", "latin1", "unchecked", "mac_roman").
constexpr std::string_view to_string(text_encoding e) noexcept {
    switch (e) {
        case text_encoding::utf8: return "utf8";
        case text_encoding::latin1: return "latin1";
        case text_encoding::unchecked: return "unchecked";
        case text_encoding::mac_roman: return "mac_roman";
    }
    return "unknown";
}

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

namespace detail {

/// Unicode code points of the Mac OS Roman bytes 0x80..0xFF (Apple's
/// ROMAN mapping as of Mac OS 8.5: 0xDB is the euro sign, 0xF0 the Apple logo
/// in the private use area).
inline constexpr std::uint16_t mac_roman_high[128] = {
    0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,  // 0x80
    0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,  // 0x88
    0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,  // 0x90
    0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,  // 0x98
    0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,  // 0xA0
    0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,  // 0xA8
    0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,  // 0xB0
    0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,  // 0xB8
    0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,  // 0xC0
    0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,  // 0xC8
    0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,  // 0xD0
    0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,  // 0xD8
    0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,  // 0xE0
    0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,  // 0xE8
    0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,  // 0xF0
    0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,  // 0xF8
};

}  // namespace detail

/// \brief Appends the code point `cp` (at most U+10FFFF, not a surrogate) to `out` as UTF-8.
inline void append_utf8(std::uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

/// \brief Appends the Mac OS Roman text `s` to `out` as UTF-8.
///
/// Bytes below 0x80 are ASCII; each byte from 0x80 becomes the code point of
/// Apple's ROMAN table (e.g. 0x8E is U+00E9, 0xDB is U+20AC). Complexity: O(|s|).
inline void append_mac_roman_as_utf8(std::string_view s, std::string& out) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out.push_back(ch);
        } else {
            append_utf8(detail::mac_roman_high[c - 0x80], out);
        }
    }
}

/// \brief Appends `s`, read in the single-byte encoding `from`, to `out` as UTF-8.
///
/// \param s bytes to transcode
/// \param from `latin1` or `mac_roman` transcode; `utf8` and `unchecked` copy the
///        bytes unchanged (validation is the caller's business, see find_invalid_utf8)
/// \param out UTF-8 text is appended here
inline void append_as_utf8(std::string_view s, text_encoding from, std::string& out) {
    switch (from) {
        case text_encoding::latin1: append_latin1_as_utf8(s, out); return;
        case text_encoding::mac_roman: append_mac_roman_as_utf8(s, out); return;
        case text_encoding::utf8:
        case text_encoding::unchecked: out.append(s.data(), s.size()); return;
    }
}

/// \brief What detect_encoding() concluded about a byte sample.
struct encoding_guess {
    /// The encoding to read the input with: utf8 when the sample is valid
    /// UTF-8 (ASCII included), otherwise latin1 or mac_roman.
    text_encoding encoding = text_encoding::utf8;
    bool ascii = true;        ///< no byte >= 0x80 in the sample
    bool bom = false;         ///< the sample starts with a UTF-8 byte-order mark
    bool utf16 = false;       ///< a UTF-16 byte-order mark (FF FE or FE FF): unsupported input
    bool binary = false;      ///< a NUL byte: not text in any supported encoding
    /// Offset of the first byte that is not valid UTF-8, or npos.
    std::size_t first_invalid = std::string_view::npos;
    std::size_t high_bytes = 0;  ///< bytes >= 0x80 in the sample
};

/// \brief Guesses the encoding of a byte sample (e.g. the first megabyte of a file).
///
/// Rule: a UTF-16 byte-order mark or a NUL byte marks the input as
/// unsupported (`utf16` / `binary`); valid UTF-8 is `utf8` (a truncated
/// multi-byte sequence in the last three bytes of the sample is tolerated,
/// as a sample may cut a character); otherwise the sample is single-byte
/// text and the bytes 0x80..0x9F decide: they are C1 control characters in
/// Latin-1 (never in real text) but accented letters in Mac Roman, so if at
/// least a quarter of the high bytes lie there the guess is `mac_roman`,
/// else `latin1`. The guess is a heuristic: a caller that knows the encoding
/// should say so.
///
/// Complexity: O(|sample|).
inline encoding_guess detect_encoding(std::string_view sample) noexcept {
    encoding_guess g;
    if (sample.size() >= 2) {
        const auto a = static_cast<unsigned char>(sample[0]);
        const auto b = static_cast<unsigned char>(sample[1]);
        if ((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)) {
            g.utf16 = true;
            g.ascii = false;
            return g;
        }
    }
    g.bom = starts_with_utf8_bom(sample);
    std::size_t c1 = 0;
    for (const char ch : sample) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) g.binary = true;
        if (c >= 0x80) {
            ++g.high_bytes;
            if (c < 0xA0) ++c1;
        }
    }
    g.ascii = g.high_bytes == 0;
    if (g.ascii) return g;
    g.first_invalid = find_invalid_utf8(sample);
    if (g.first_invalid == std::string_view::npos) return g;
    if (g.first_invalid + 4 > sample.size() &&
        static_cast<unsigned char>(sample[g.first_invalid]) >= 0xC2) {
        // possibly a character cut by the end of the sample
        std::size_t k = g.first_invalid + 1;
        while (k < sample.size() && (static_cast<unsigned char>(sample[k]) & 0xC0) == 0x80) ++k;
        if (k == sample.size()) {
            g.first_invalid = std::string_view::npos;
            return g;
        }
    }
    g.encoding = 4 * c1 >= g.high_bytes ? text_encoding::mac_roman : text_encoding::latin1;
    return g;
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_ENCODING_HPP_
