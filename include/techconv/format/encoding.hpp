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
#include <vector>       // std::vector

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief How the bytes of a text input are interpreted.
enum class text_encoding : std::uint8_t {
    utf8,       ///< validate: invalid UTF-8 is a parse_error (bad_encoding) naming line and field
    latin1,     ///< ISO-8859-1: every byte >= 0x80 is transcoded to UTF-8
    unchecked,  ///< pass bytes through untouched (caller's responsibility)
    mac_roman,  ///< Mac OS Roman (Apple's mapping, 0xDB = euro sign), transcoded to UTF-8
    cp1252,     ///< Windows-1252: Latin-1 with printable 0x80..0x9F (euro, curly quotes, dashes)
    utf16le,    ///< UTF-16 little endian (a BOM FF FE is skipped), transcoded to UTF-8 while reading
    utf16be,    ///< UTF-16 big endian (a BOM FE FF is skipped), transcoded to UTF-8 while reading
    /// UTF-8 in which each byte that is not part of a valid UTF-8 sequence is
    /// read as CP1252 and counted (encoding_evidence): what `automatic`
    /// settles on for text that is UTF-8 with a few stray single-byte characters.
    utf8_cp1252_strays,
    /// Decided per input from its first block (detect_encoding): a BOM, else
    /// byte statistics; the reader reports the decision (encoding_evidence).
    automatic,
};

/// \brief Short stable name of an encoding ("utf-8", "latin1", "unchecked", "macroman",
/// "cp1252", "utf-16le", "utf-16be", "utf-8+cp1252", "auto"); text_encoding_from_string reads them back.
constexpr std::string_view to_string(text_encoding e) noexcept {
    switch (e) {
        case text_encoding::utf8: return "utf-8";
        case text_encoding::latin1: return "latin1";
        case text_encoding::unchecked: return "unchecked";
        case text_encoding::mac_roman: return "macroman";
        case text_encoding::cp1252: return "cp1252";
        case text_encoding::utf16le: return "utf-16le";
        case text_encoding::utf16be: return "utf-16be";
        case text_encoding::utf8_cp1252_strays: return "utf-8+cp1252";
        case text_encoding::automatic: return "auto";
    }
    return "unknown";
}

/// \brief Human name of an encoding for reports ("UTF-8", "Latin-1", "CP1252", "Mac Roman", ...).
constexpr std::string_view display_name(text_encoding e) noexcept {
    switch (e) {
        case text_encoding::utf8: return "UTF-8";
        case text_encoding::latin1: return "Latin-1";
        case text_encoding::unchecked: return "unchecked bytes";
        case text_encoding::mac_roman: return "Mac Roman";
        case text_encoding::cp1252: return "CP1252";
        case text_encoding::utf16le: return "UTF-16 LE";
        case text_encoding::utf16be: return "UTF-16 BE";
        case text_encoding::utf8_cp1252_strays: return "UTF-8";
        case text_encoding::automatic: return "auto";
    }
    return "unknown";
}

namespace detail {
// ASCII lower case of `s` without '-', '_' and ' ' ("UTF_8" -> "utf8").
inline std::string encoding_key(std::string_view s) {
    std::string k;
    for (const char c : s) {
        if (c == '-' || c == '_' || c == ' ') continue;
        k.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return k;
}
}  // namespace detail

/// \brief The encoding named `name`, or false. Case, '-', '_' and blanks are
/// ignored; accepted: auto; utf-8 (utf8, utf-8-bom, utf-8-sig: a BOM is always
/// skipped); utf-8+cp1252; latin1 (latin-1, iso-8859-1, l1); cp1252
/// (windows-1252); macroman (mac-roman, macintosh, mac); utf-16le; utf-16be;
/// unchecked. The XML declaration names are among them.
inline bool text_encoding_from_string(std::string_view name, text_encoding& out) {
    const std::string k = detail::encoding_key(name);
    struct alias { const char* key; text_encoding e; };
    static constexpr alias table[] = {
        {"auto", text_encoding::automatic},      {"utf8", text_encoding::utf8},
        {"utf8bom", text_encoding::utf8},        {"utf8sig", text_encoding::utf8},
        {"utf8+cp1252", text_encoding::utf8_cp1252_strays},
        {"latin1", text_encoding::latin1},       {"iso88591", text_encoding::latin1},
        {"l1", text_encoding::latin1},           {"cp1252", text_encoding::cp1252},
        {"windows1252", text_encoding::cp1252},  {"macroman", text_encoding::mac_roman},
        {"macintosh", text_encoding::mac_roman}, {"mac", text_encoding::mac_roman},
        {"utf16le", text_encoding::utf16le},     {"utf16be", text_encoding::utf16be},
        {"unchecked", text_encoding::unchecked},
    };
    for (const auto& a : table)
        if (k == a.key) {
            out = a.e;
            return true;
        }
    return false;
}

/// The names text_encoding_from_string accepts, for messages.
inline constexpr std::string_view encoding_names =
    "auto, utf-8, utf-8-bom, latin1 (iso-8859-1), cp1252 (windows-1252), macroman, utf-16le, utf-16be";

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

namespace detail {

/// Unicode code points of the Windows-1252 bytes 0x80..0x9F (the WHATWG
/// table: the five unassigned bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D map to the
/// C1 controls of the same value, as in Latin-1). From 0xA0 it is Latin-1.
inline constexpr std::uint16_t cp1252_c1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 0x88
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 0x98
};

/// The code point of byte `c` in the single-byte encoding `e` (latin1, cp1252, mac_roman).
inline std::uint32_t single_byte_code_point(unsigned char c, text_encoding e) noexcept {
    if (c < 0x80) return c;
    if (e == text_encoding::mac_roman) return mac_roman_high[c - 0x80];
    if (e == text_encoding::cp1252 && c < 0xA0) return cp1252_c1[c - 0x80];
    return c;
}

}  // namespace detail

namespace detail {
// Appends `s`, in the single-byte encoding `e`, as UTF-8.
inline void append_single_byte_as_utf8(std::string_view s, text_encoding e, std::string& out) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            out.push_back(ch);
        } else {
            append_utf8(single_byte_code_point(c, e), out);
        }
    }
}
}  // namespace detail

/// \brief Appends the Mac OS Roman text `s` to `out` as UTF-8.
///
/// Bytes below 0x80 are ASCII; each byte from 0x80 becomes the code point of
/// Apple's ROMAN table (e.g. 0x8E is U+00E9, 0xDB is U+20AC). Complexity: O(|s|).
inline void append_mac_roman_as_utf8(std::string_view s, std::string& out) {
    detail::append_single_byte_as_utf8(s, text_encoding::mac_roman, out);
}

/// \brief Appends the CP1252 (Windows-1252) text `s` to `out` as UTF-8 (0x80 is
/// U+20AC, 0x93 U+201C; from 0xA0 as Latin-1). Complexity: O(|s|).
inline void append_cp1252_as_utf8(std::string_view s, std::string& out) {
    detail::append_single_byte_as_utf8(s, text_encoding::cp1252, out);
}

/// \brief Appends `s`, UTF-8 except for stray bytes, to `out`: valid UTF-8
/// sequences are copied, every other byte is read as CP1252.
/// \returns the number of stray bytes. Complexity: O(|s|).
inline std::size_t append_utf8_with_cp1252_strays(std::string_view s, std::string& out) {
    std::size_t strays = 0;
    while (!s.empty()) {
        const std::size_t bad = find_invalid_utf8(s);
        if (bad == std::string_view::npos) {
            out.append(s.data(), s.size());
            break;
        }
        out.append(s.data(), bad);
        append_utf8(detail::single_byte_code_point(static_cast<unsigned char>(s[bad]), text_encoding::cp1252),
                    out);
        ++strays;
        s.remove_prefix(bad + 1);
    }
    return strays;
}

/// \brief Appends `s`, read in the single-byte encoding `from`, to `out` as UTF-8.
///
/// \param s bytes to transcode
/// \param from `latin1`, `cp1252` or `mac_roman` transcode; `utf8_cp1252_strays`
///        transcodes the bytes that are not UTF-8 as CP1252; every other value
///        copies the bytes unchanged (validation is the caller's business, see
///        find_invalid_utf8; UTF-16 is transcoded by the byte reader before this)
/// \param out UTF-8 text is appended here
/// \returns the number of bytes read as single-byte text because they were not
///          UTF-8 (only for `utf8_cp1252_strays`, else 0)
inline std::size_t append_as_utf8(std::string_view s, text_encoding from, std::string& out) {
    switch (from) {
        case text_encoding::latin1: append_latin1_as_utf8(s, out); return 0;
        case text_encoding::mac_roman: append_mac_roman_as_utf8(s, out); return 0;
        case text_encoding::cp1252: append_cp1252_as_utf8(s, out); return 0;
        case text_encoding::utf8_cp1252_strays: return append_utf8_with_cp1252_strays(s, out);
        case text_encoding::utf8:
        case text_encoding::unchecked:
        case text_encoding::utf16le:
        case text_encoding::utf16be:
        case text_encoding::automatic: out.append(s.data(), s.size()); return 0;
    }
    return 0;
}

/// \brief True if byte sequences in `e` need transcoding to become UTF-8 text.
constexpr bool transcodes(text_encoding e) noexcept {
    return e == text_encoding::latin1 || e == text_encoding::mac_roman || e == text_encoding::cp1252 ||
           e == text_encoding::utf8_cp1252_strays;
}

/// \brief Incremental UTF-16 to UTF-8 transcoder: feed() takes any slices of
/// the input (a code unit or a surrogate pair may be split between them).
class utf16_decoder {
public:
    explicit utf16_decoder(bool big_endian = false) noexcept : be_(big_endian) {}

    /// Appends the UTF-8 of the complete characters in `s` (after what an
    /// earlier call left over) to `out`.
    /// \returns false at an unpaired surrogate (the bytes before it were appended;
    ///          bytes_done() tells where it is)
    bool feed(std::string_view s, std::string& out) {
        for (const char ch : s) {
            if (!have_byte_) {
                byte_ = static_cast<unsigned char>(ch);
                have_byte_ = true;
                continue;
            }
            have_byte_ = false;
            const auto b = static_cast<unsigned char>(ch);
            const std::uint32_t u = be_ ? (std::uint32_t{byte_} << 8 | b) : (std::uint32_t{b} << 8 | byte_);
            if (high_ != 0) {
                if (u < 0xDC00 || u > 0xDFFF) return false;
                append_utf8(0x10000 + ((high_ - 0xD800) << 10) + (u - 0xDC00), out);
                high_ = 0;
                done_ += 4;
            } else if (u >= 0xD800 && u <= 0xDBFF) {
                high_ = u;
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                return false;
            } else {
                append_utf8(u, out);
                done_ += 2;
            }
        }
        return true;
    }
    /// True if the input so far ends inside a code unit or a surrogate pair.
    bool incomplete() const noexcept { return have_byte_ || high_ != 0; }
    /// Input bytes of the complete code units transcoded so far.
    std::uint64_t bytes_done() const noexcept { return done_; }

private:
    bool be_;
    bool have_byte_ = false;
    unsigned char byte_ = 0;
    std::uint32_t high_ = 0;
    std::uint64_t done_ = 0;
};

/// \brief `s` (UTF-16 with or without its BOM) as UTF-8; a trailing partial
/// character and everything from an unpaired surrogate on are left out (for
/// samples, e.g. format detection).
inline std::string utf16_sample_to_utf8(std::string_view s, bool big_endian) {
    if (s.size() >= 2 && ((static_cast<unsigned char>(s[0]) == 0xFF && static_cast<unsigned char>(s[1]) == 0xFE) ||
                          (static_cast<unsigned char>(s[0]) == 0xFE && static_cast<unsigned char>(s[1]) == 0xFF)))
        s.remove_prefix(2);
    std::string out;
    utf16_decoder d(big_endian);
    d.feed(s, out);
    return out;
}

/// \brief What detect_encoding() concluded about a byte sample.
struct encoding_guess {
    /// The encoding to read the input with: `utf8_cp1252_strays` when the
    /// sample is UTF-8 (ASCII included; stray bytes are then counted while
    /// reading), `utf16le` / `utf16be` after a UTF-16 BOM, otherwise `cp1252`
    /// or `mac_roman`.
    text_encoding encoding = text_encoding::utf8_cp1252_strays;
    bool ascii = true;        ///< no byte >= 0x80 in the sample
    bool bom = false;         ///< the sample starts with a UTF-8 or UTF-16 byte-order mark
    bool utf16 = false;       ///< a UTF-16 byte-order mark (FF FE or FE FF)
    bool binary = false;      ///< a NUL byte (not after a UTF-16 BOM): not text in any supported encoding
    /// Offset of the first byte that is not valid UTF-8, or npos.
    std::size_t first_invalid = std::string_view::npos;
    std::size_t high_bytes = 0;       ///< bytes >= 0x80 in the sample
    std::size_t utf8_sequences = 0;   ///< valid multi-byte UTF-8 sequences
    std::size_t invalid_bytes = 0;    ///< bytes that are not part of a valid UTF-8 sequence
    /// Bytes next to an ASCII letter that read as a letter of the matching case or a
    /// quotation mark at a word's edge, in CP1252 / in Mac Roman.
    std::size_t cp1252_letters = 0, mac_roman_letters = 0;
};

namespace detail {

// 1 lower-case letter, 2 upper-case letter, 0 anything else (the code points
// single-byte Western encodings decode to; an apostrophe U+2019 counts as a
// lower-case letter, as it sits inside words: "don't").
inline int letter_case(std::uint32_t cp) noexcept {
    if (cp >= 'a' && cp <= 'z') return 1;
    if (cp >= 'A' && cp <= 'Z') return 2;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return 2;
    if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return 1;
    switch (cp) {
        case 0x0160: case 0x0152: case 0x017D: case 0x0178: return 2;  // Š Œ Ž Ÿ
        case 0x0161: case 0x0153: case 0x017E: case 0x0192: case 0x0131:  // š œ ž ƒ ı
        case 0xFB01: case 0xFB02: case 0x2019: return 1;                // ﬁ ﬂ ’
        default: return 0;
    }
}

}  // namespace detail

/// \brief Whether CP1252 leaves byte `c` unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D).
constexpr bool cp1252_unassigned(unsigned char c) noexcept {
    return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

/// \brief Guesses the encoding of a byte sample (e.g. the first megabyte of a file).
///
/// Rule (docs/reliability.md, "Encodings"):
///  1. a UTF-16 BOM (FF FE / FE FF) decides `utf16le` / `utf16be`; a UTF-8 BOM is noted;
///  2. a NUL byte otherwise marks the input `binary` (not text);
///  3. the sample is UTF-8 (`utf8_cp1252_strays`) when it has no byte >= 0x80, or
///     when its valid multi-byte UTF-8 sequences outnumber the bytes that are not
///     UTF-8: a UTF-8 file with a few stray single-byte characters is read as
///     UTF-8, the strays as CP1252, counted and listed by the reader (a
///     truncated sequence in the last three bytes of the sample is not counted);
///  4. otherwise the text is single-byte: each byte >= 0x80 with an ASCII letter
///     before or after it is decoded as CP1252 and as Mac Roman, and counts for
///     an encoding when it becomes a letter whose case fits its neighbours (lower
///     case next to a lower-case ASCII letter, else upper case) or a quotation mark
///     with a letter on one side only. Mac Roman wins only with
///     strictly more such letters, or when the sample holds a byte CP1252
///     leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D); otherwise `cp1252`
///     (which reads every Latin-1 text the same way, save the C1 controls).
/// The guess is evidence, not proof: a caller that knows the encoding should say so.
///
/// Complexity: O(|sample|).
inline encoding_guess detect_encoding(std::string_view sample) noexcept {
    encoding_guess g;
    if (sample.size() >= 2) {
        const auto a = static_cast<unsigned char>(sample[0]);
        const auto b = static_cast<unsigned char>(sample[1]);
        if ((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)) {
            g.utf16 = g.bom = true;
            g.ascii = false;
            g.encoding = a == 0xFF ? text_encoding::utf16le : text_encoding::utf16be;
            return g;
        }
    }
    g.bom = starts_with_utf8_bom(sample);
    bool cp1252_hole = false;
    for (const char ch : sample) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) g.binary = true;
        if (c >= 0x80) {
            ++g.high_bytes;
            if (cp1252_unassigned(c)) cp1252_hole = true;
        }
    }
    g.ascii = g.high_bytes == 0;
    if (g.ascii) return g;
    // Count valid sequences and invalid bytes over the whole sample.
    std::string_view rest = sample;
    std::size_t at = 0;
    while (!rest.empty()) {
        const std::size_t bad = find_invalid_utf8(rest);
        const std::string_view good = rest.substr(0, bad == std::string_view::npos ? rest.size() : bad);
        for (const char ch : good)
            if ((static_cast<unsigned char>(ch) & 0xC0) == 0xC0) ++g.utf8_sequences;  // lead bytes
        if (bad == std::string_view::npos) break;
        const std::size_t pos = at + bad;
        // a sequence cut by the end of the sample is not evidence
        bool cut = false;
        if (pos + 4 > sample.size() && static_cast<unsigned char>(sample[pos]) >= 0xC2) {
            std::size_t k = pos + 1;
            while (k < sample.size() && (static_cast<unsigned char>(sample[k]) & 0xC0) == 0x80) ++k;
            cut = k == sample.size();
        }
        if (cut) break;
        if (g.first_invalid == std::string_view::npos) g.first_invalid = pos;
        ++g.invalid_bytes;
        rest.remove_prefix(bad + 1);
        at = pos + 1;
    }
    if (g.invalid_bytes == 0 || g.utf8_sequences > g.invalid_bytes) return g;
    // Single-byte text: which reading gives letters where letters are expected?
    const auto* p = reinterpret_cast<const unsigned char*>(sample.data());
    const std::size_t n = sample.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (p[i] < 0x80) continue;
        const int before = i > 0 && p[i - 1] < 0x80 ? detail::letter_case(p[i - 1]) : 0;
        const int after = i + 1 < n && p[i + 1] < 0x80 ? detail::letter_case(p[i + 1]) : 0;
        if (before == 0 && after == 0) continue;
        const int context = before == 1 || after == 1 ? 1 : 2;
        const bool boundary = (before == 0) != (after == 0);  // a letter on one side only
        const auto fits = [&](text_encoding e) {
            const std::uint32_t cp = detail::single_byte_code_point(p[i], e);
            if (cp >= 0x2018 && cp <= 0x201F) return boundary;  // a quotation mark at a word's edge
            return detail::letter_case(cp) == context;
        };
        if (fits(text_encoding::cp1252)) ++g.cp1252_letters;
        if (fits(text_encoding::mac_roman)) ++g.mac_roman_letters;
    }
    g.encoding = cp1252_hole || g.mac_roman_letters > g.cp1252_letters ? text_encoding::mac_roman
                                                                         : text_encoding::cp1252;
    return g;
}

/// \brief What a reader decided about its input's encoding, and the bytes it
/// could not read as the decided encoding: the evidence a report prints.
struct encoding_evidence {
    text_encoding requested = text_encoding::automatic;  ///< what the caller asked for
    text_encoding used = text_encoding::utf8;            ///< what the input was read as
    bool bom = false;                                    ///< a byte-order mark was skipped
    /// Bytes that were not UTF-8 in an input read as `utf8_cp1252_strays`
    /// (each read as CP1252).
    std::size_t stray_bytes = 0;
    std::vector<std::size_t> stray_lines;  ///< lines of the first strays (at most max_listed)
    static constexpr std::size_t max_listed = 10;
    /// Bytes from 0x80 of an input read as latin1, cp1252 or mac_roman (counted by
    /// csv_reader): each became the one character its encoding's table gives that byte; none
    /// was dropped or replaced.
    std::size_t transcoded_bytes = 0;
    /// Of those, in an input read as cp1252, the bytes CP1252 leaves unassigned (0x81, 0x8D,
    /// 0x8F, 0x90, 0x9D; cp1252_unassigned): passed on as the C1 control of the same value
    /// (U+0081, ...), which no text means; detect_encoding() reads a sample holding one as
    /// Mac Roman, which assigns every byte.
    std::size_t unassigned_bytes = 0;

    /// Counts `n` stray bytes on line `line`.
    void add_strays(std::size_t n, std::size_t line) {
        if (n == 0) return;
        stray_bytes += n;
        if (stray_lines.size() < max_listed && (stray_lines.empty() || stray_lines.back() != line))
            stray_lines.push_back(line);
    }
    /// Adds another input's counts (the readers of one file list).
    void merge(const encoding_evidence& o) {
        stray_bytes += o.stray_bytes;
        transcoded_bytes += o.transcoded_bytes;
        unassigned_bytes += o.unassigned_bytes;
        for (const auto l : o.stray_lines)
            if (stray_lines.size() < max_listed) stray_lines.push_back(l);
    }
};

/// \brief True when the input was read as UTF-8 (a UTF-8 BOM allowed; not UTF-16) and every
/// byte was UTF-8: nothing a report needs to say.
inline bool plain_utf8(const encoding_evidence& ev) noexcept {
    return (ev.used == text_encoding::utf8 || ev.used == text_encoding::utf8_cp1252_strays) &&
           ev.stray_bytes == 0;
}

/// \brief One sentence for a report: "read as UTF-8", "read as UTF-16 LE
/// (BOM), transcoded to UTF-8", "read as CP1252 (detected)", "read as UTF-8;
/// 1 byte at line 57 not UTF-8, read as CP1252".
inline std::string describe(const encoding_evidence& ev) {
    std::string s = "read as ";
    s += display_name(ev.used);
    if (ev.bom) s += " (BOM)";
    if (ev.used == text_encoding::utf16le || ev.used == text_encoding::utf16be) s += ", transcoded to UTF-8";
    if (ev.requested == text_encoding::automatic && ev.used != text_encoding::utf8_cp1252_strays && !ev.bom)
        s += " (detected from byte statistics)";
    if (ev.stray_bytes > 0) {
        s += "; " + std::to_string(ev.stray_bytes) + (ev.stray_bytes == 1 ? " byte" : " bytes");
        s += ev.stray_lines.size() == 1 ? " at line " : " at lines ";
        for (std::size_t i = 0; i < ev.stray_lines.size(); ++i) {
            if (i) s += ", ";
            s += std::to_string(ev.stray_lines[i]);
        }
        if (ev.stray_bytes > ev.stray_lines.size() && ev.stray_lines.size() == encoding_evidence::max_listed)
            s += ", ...";
        s += " not UTF-8, read as CP1252";
    }
    return s;
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_ENCODING_HPP_
