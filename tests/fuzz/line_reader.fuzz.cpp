// Fuzz target: io::line_reader against a reference line splitter.
// fuzz-options: -max_len=8192
//
// Input: byte 0 selects the encoding (bits 0-1: utf8/latin1/unchecked/mac_roman),
// byte 1 the line limit (1 + 8 * byte, 255: the default), the rest is text.
//
// Reference (written independently here, on the whole input in memory):
// skip a leading UTF-8 BOM; lines end at LF, CRLF or CR; a NUL byte is an
// error (nul_byte) on its line; a line longer than the limit is an error
// (line_too_long); under utf8, a line with invalid UTF-8 is an error
// (bad_encoding). The reader must deliver exactly the reference's lines up to
// the first error and then report that error's code and line number, for a
// small and a large read block alike.
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <sstream>      // std::istringstream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include <techconv/format/encoding.hpp>
#include <techconv/format/line_reader.hpp>

#include "fuzz_support.hpp"

namespace {

using techconv::error_code;
using techconv::io::line_options;
using techconv::io::line_reader;
using techconv::io::text_encoding;
using techconv_fuzz::check;

struct lines {
    std::vector<std::string> text;
    error_code code = error_code::none;
    std::size_t error_line = 0;
};

lines read_all(const std::string& input, const line_options& o) {
    lines out;
    std::istringstream in(input);
    line_reader r(in, "fuzz.txt", o);
    try {
        while (r.next()) {
            check(r.line() == out.text.size() + 1, "line numbers are not 1, 2, 3, ...");
            out.text.emplace_back(r.text());
        }
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_located_error(e);
        out.code = e.code();
        out.error_line = e.line();
    }
    return out;
}

lines reference(std::string_view s, const line_options& o) {
    lines out;
    if (techconv::io::starts_with_utf8_bom(s)) s.remove_prefix(3);
    std::size_t number = 0;
    while (!s.empty()) {
        ++number;
        std::size_t end = 0;
        while (end < s.size() && s[end] != '\n' && s[end] != '\r' && s[end] != '\0') ++end;
        const std::string_view line = s.substr(0, end);
        if (line.size() > o.max_line_bytes) {
            out.code = error_code::line_too_long;
            out.error_line = number;
            return out;
        }
        if (end < s.size() && s[end] == '\0') {
            out.code = error_code::nul_byte;
            out.error_line = number;
            return out;
        }
        if (o.encoding == text_encoding::utf8 && !techconv::io::is_valid_utf8(line)) {
            out.code = error_code::bad_encoding;
            out.error_line = number;
            return out;
        }
        std::string text;
        if (o.encoding == text_encoding::latin1 || o.encoding == text_encoding::mac_roman)
            techconv::io::append_as_utf8(line, o.encoding, text);  // tested by the utf8 target
        else
            text.assign(line);
        out.text.push_back(text);
        std::size_t next = end;
        if (next < s.size() && s[next] == '\r') {
            ++next;
            if (next < s.size() && s[next] == '\n') ++next;  // CRLF
        } else if (next < s.size()) {
            ++next;  // LF
        }
        s.remove_prefix(next);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const unsigned limit = in.take_byte();
    line_options o;
    const unsigned enc = flags & 3u;
    o.encoding = enc == 1   ? text_encoding::latin1
                 : enc == 2 ? text_encoding::unchecked
                 : enc == 3 ? text_encoding::mac_roman
                            : text_encoding::utf8;
    if (limit != 255) o.max_line_bytes = 1 + 8 * std::size_t{limit};
    const std::string text(in.rest());

    const lines want = reference(text, o);
    for (const std::size_t block : {std::size_t{64}, std::size_t{1} << 16}) {
        o.buffer_bytes = block;
        const lines got = read_all(text, o);
        check(got.text == want.text, "lines differ from the reference",
              "block " + std::to_string(block));
        check(got.code == want.code && got.error_line == want.error_line,
              "error differs from the reference",
              std::string(techconv::to_string(got.code)) + " at line " +
                  std::to_string(got.error_line) + " vs " +
                  std::string(techconv::to_string(want.code)) + " at line " +
                  std::to_string(want.error_line));
    }
    return 0;
}
