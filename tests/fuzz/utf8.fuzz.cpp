// Fuzz target: UTF-8 validation and Latin-1 transcoding of format/encoding.hpp.
// fuzz-options: -max_len=1024
//
// Reference written here: decode one code point at a time from its lead
// byte's length, then reject continuation bytes outside 80..BF, overlong
// forms (a code point below the length's minimum), surrogates D800..DFFF and
// code points above 10FFFF (RFC 3629, section 3).
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t
#include <string>       // std::string
#include <string_view>  // std::string_view

#include <techconv/format/encoding.hpp>

#include "fuzz_support.hpp"

namespace {

using techconv_fuzz::check;

std::size_t ref_first_invalid(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0, min = 0;
        if (b < 0x80) {
            ++i;
            continue;
        } else if ((b & 0xE0) == 0xC0) {
            len = 2, cp = b & 0x1Fu, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            len = 3, cp = b & 0x0Fu, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            len = 4, cp = b & 0x07u, min = 0x10000;
        } else {
            return i;
        }
        if (i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (c & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view s(reinterpret_cast<const char*>(data), size);
    const std::size_t got = techconv::io::find_invalid_utf8(s);
    const std::size_t want = ref_first_invalid(s);
    check(got == want, "find_invalid_utf8 differs from the reference",
          std::to_string(got) + " vs " + std::to_string(want));
    check(techconv::io::is_valid_utf8(s) == (want == std::string_view::npos),
          "is_valid_utf8 disagrees with find_invalid_utf8");

    std::string out = "x";
    techconv::io::append_latin1_as_utf8(s, out);
    std::size_t high = 0;
    for (const char c : s) high += static_cast<unsigned char>(c) >= 0x80 ? 1 : 0;
    check(out.size() == 1 + s.size() + high, "Latin-1 transcoding has the wrong length");
    check(techconv::io::is_valid_utf8(out), "Latin-1 transcoding is not valid UTF-8");
    check(out[0] == 'x', "Latin-1 transcoding overwrote what was there");

    // Mac Roman: every byte becomes one character, ASCII unchanged.
    std::string mac;
    techconv::io::append_mac_roman_as_utf8(s, mac);
    check(techconv::io::is_valid_utf8(mac), "Mac Roman transcoding is not valid UTF-8");
    check(mac.size() >= s.size() + high && mac.size() <= s.size() + 2 * high,
          "Mac Roman transcoding has the wrong length");

    // Encoding detection: consistent with the validator and the byte counts.
    const auto g = techconv::io::detect_encoding(s);
    const bool utf16 = s.size() >= 2 && ((static_cast<unsigned char>(s[0]) == 0xFF &&
                                          static_cast<unsigned char>(s[1]) == 0xFE) ||
                                         (static_cast<unsigned char>(s[0]) == 0xFE &&
                                          static_cast<unsigned char>(s[1]) == 0xFF));
    if (!utf16) {
        check(g.high_bytes == high, "detect_encoding miscounts high bytes");
        check(g.ascii == (high == 0), "detect_encoding ascii flag is wrong");
    }
    return 0;
}
