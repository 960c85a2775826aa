// SPDX-License-Identifier: BSL-1.0
//
// The line ends of a text input: LF, CRLF, CR only (a spreadsheet on a Mac)
// or a mix, counted over every byte as the input is read (input_source).
#ifndef TECHCONV_FORMAT_LINE_ENDS_HPP_
#define TECHCONV_FORMAT_LINE_ENDS_HPP_

#include <algorithm>    // std::count
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <cstring>      // std::memchr
#include <string_view>  // std::string_view

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief The kind of line ends a text has.
enum class line_end_style : std::uint8_t {
    none,   ///< no line end at all (one line, or nothing)
    lf,     ///< LF only (Unix)
    crlf,   ///< CR LF only (Windows)
    cr,     ///< CR only (a spreadsheet saving on a Mac)
    mixed,  ///< more than one of them
};

/// \brief Stable name: "none", "lf", "crlf", "cr", "mixed".
constexpr std::string_view to_string(line_end_style s) noexcept {
    switch (s) {
        case line_end_style::none: return "none";
        case line_end_style::lf: return "lf";
        case line_end_style::crlf: return "crlf";
        case line_end_style::cr: return "cr";
        case line_end_style::mixed: return "mixed";
    }
    return "none";
}

/// \brief Human name for reports: "no line ends", "LF", "CRLF", "CR only", "mixed".
constexpr std::string_view display_name(line_end_style s) noexcept {
    switch (s) {
        case line_end_style::none: return "no line ends";
        case line_end_style::lf: return "LF";
        case line_end_style::crlf: return "CRLF";
        case line_end_style::cr: return "CR only";
        case line_end_style::mixed: return "mixed";
    }
    return "no line ends";
}

/// \brief The style of line ends counted `lf`, `crlf` and `cr` times: none, one kind, or mixed
/// (the rule of line_end_counter::style, for counts added up elsewhere, e.g. over MPI ranks).
constexpr line_end_style line_end_style_of(std::size_t lf, std::size_t crlf, std::size_t cr) noexcept {
    const int kinds = (lf > 0) + (crlf > 0) + (cr > 0);
    if (kinds == 0) return line_end_style::none;
    if (kinds > 1) return line_end_style::mixed;
    return lf > 0 ? line_end_style::lf : crlf > 0 ? line_end_style::crlf : line_end_style::cr;
}

/// \brief Counts the line ends of a byte stream fed in blocks of any size (a CR LF pair may be
/// split between two blocks). A stream that starts with a UTF-16 byte-order mark (FF FE or
/// FE FF) is counted by 16-bit code units (U+000D, U+000A), so bytes 0x0D and 0x0A inside
/// other characters are not line ends.
///
/// Complexity: O(bytes fed); an 8-bit block is scanned by std::count and memchr.
class line_end_counter {
public:
    /// Counts the next `n` bytes of the stream.
    void feed(const char* p, std::size_t n) {
        if (n == 0) return;
        if (fed_ < 2) sniff(p, n);
        fed_ += n;
        if (unit_ != 0) return feed_utf16(p, n);
        std::size_t i = 0;
        if (pending_cr_) {  // the CR that ended the previous block
            pending_cr_ = false;
            if (p[0] == '\n') {
                ++crlf_;
                i = 1;
            } else {
                ++cr_;
            }
        }
        const char* b = p + i;
        const char* e = p + n;
        std::size_t lf = static_cast<std::size_t>(std::count(b, e, '\n'));
        for (const char* q = b; q < e;) {
            const void* hit = std::memchr(q, '\r', static_cast<std::size_t>(e - q));
            if (!hit) break;
            const char* c = static_cast<const char*>(hit);
            if (c + 1 == e) {
                pending_cr_ = true;
            } else if (c[1] == '\n') {
                ++crlf_;
                --lf;  // that LF belongs to the pair
            } else {
                ++cr_;
            }
            q = c + 1;
        }
        lf_ += lf;
    }
    /// Counts a block given as a string.
    void feed(std::string_view s) { feed(s.data(), s.size()); }

    /// LF not preceded by CR.
    std::size_t lf() const noexcept { return lf_; }
    /// CR LF pairs.
    std::size_t crlf() const noexcept { return crlf_; }
    /// CR not followed by LF (a CR at the end of what was fed counts as one).
    std::size_t cr() const noexcept { return cr_ + (pending_cr_ ? 1 : 0); }
    /// Bytes fed.
    std::size_t bytes() const noexcept { return fed_; }

    /// The kind of line ends seen: none, one kind, or mixed.
    line_end_style style() const noexcept { return line_end_style_of(lf(), crlf(), cr()); }

private:
    // Notes a UTF-16 BOM in the first two bytes (which may come in two blocks).
    void sniff(const char* p, std::size_t n) {
        for (std::size_t i = 0; i < n && fed_ + i < 2; ++i) bom_[fed_ + i] = static_cast<unsigned char>(p[i]);
        if (fed_ + n < 2) return;
        if (bom_[0] == 0xFF && bom_[1] == 0xFE) unit_ = 1;  // little endian
        if (bom_[0] == 0xFE && bom_[1] == 0xFF) unit_ = 2;  // big endian
        if (unit_ != 0 && fed_ == 1) {  // the BOM's first byte came alone, in the block before
            have_half_ = true;
            half_ = bom_[0];
        }
    }
    void feed_utf16(const char* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<unsigned char>(p[i]);
            if (!have_half_) {
                have_half_ = true;
                half_ = c;
                continue;
            }
            have_half_ = false;
            const unsigned u = unit_ == 1 ? (half_ | (c << 8U)) : ((half_ << 8U) | c);
            if (skip_units_ > 0) {  // the BOM
                --skip_units_;
                continue;
            }
            if (pending_cr_) {
                pending_cr_ = false;
                if (u == '\n') {
                    ++crlf_;
                    continue;
                }
                ++cr_;
            }
            if (u == '\r') pending_cr_ = true;
            else if (u == '\n') ++lf_;
        }
    }

    std::size_t lf_ = 0, crlf_ = 0, cr_ = 0, fed_ = 0;
    bool pending_cr_ = false;
    unsigned char bom_[2] = {0, 0};
    int unit_ = 0;            // 0: bytes; 1: UTF-16 LE code units; 2: UTF-16 BE
    bool have_half_ = false;  // UTF-16: one byte of a code unit is held in half_
    unsigned half_ = 0;
    int skip_units_ = 1;      // UTF-16: the BOM is not a character
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_LINE_ENDS_HPP_
