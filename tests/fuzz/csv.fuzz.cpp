// Fuzz target: io::csv_reader (and io::csv_writer by round trip).
// fuzz-options: -max_len=8192
//
// Input: byte 0 selects the options (bit 0: tab delimiter; bit 1: no header;
// bit 2: require_consistent_width; bit 3: keep empty lines; bits 4-5:
// encoding utf8/latin1/unchecked/mac_roman), byte 1 the record limit
// (1 + 8 * byte, 255: the default), the rest is the CSV text.
//
// Invariants checked on every input:
//  - the reader ends in records or a parse_error, never anything else;
//  - the outcome (records, lines, error code and location) does not depend on
//    the read block size (64 bytes against 64 KiB);
//  - no field holds a NUL byte or (utf8, latin1) invalid UTF-8, no record
//    exceeds the byte limit, record numbers count 1, 2, 3, ... and lines increase;
//  - whatever was read, written back with csv_writer and read again, is the same.
#include <cstddef>   // std::size_t
#include <cstdint>   // std::uint8_t, std::int64_t
#include <sstream>   // std::istringstream, std::ostringstream
#include <string>    // std::string
#include <utility>   // std::move
#include <vector>    // std::vector

#include <techconv/format/csv.hpp>

#include "fuzz_support.hpp"

namespace {

using techconv::io::csv_options;
using techconv::io::csv_reader;
using techconv::io::text_encoding;
using techconv_fuzz::check;

struct table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;
    techconv_fuzz::outcome result;
};

table read_all(const std::string& text, const csv_options& o) {
    table t;
    std::istringstream in(text);
    try {
        csv_reader r(in, "fuzz.csv", o);
        t.header = r.header();
        std::size_t last_line = 0;
        while (r.next()) {
            check(r.record() == t.rows.size() + 1, "record numbers are not 1, 2, 3, ...");
            check(r.line() > last_line, "record lines do not increase");
            check(r.size() >= 1, "a record without fields");
            if (o.require_consistent_width && o.has_header)
                check(r.size() == t.header.size(), "width not enforced");
            last_line = r.line();
            std::vector<std::string> row;
            std::size_t bytes = 0;
            for (std::size_t i = 0; i < r.size(); ++i) {
                const auto f = r[i];
                check(f.find('\0') == std::string::npos, "NUL byte in a field");
                if (o.encoding != text_encoding::unchecked)
                    check(techconv::io::is_valid_utf8(f), "invalid UTF-8 in a field");
                bytes += f.size();
                row.emplace_back(f);
                // The number parsers must answer or throw parse_error, nothing else.
                std::int64_t iv = 0;
                double dv = 0;
                try {
                    (void)r.int_field(i, iv);
                } catch (const techconv::parse_error& e) {
                    techconv_fuzz::check_error(e);
                }
                try {
                    (void)r.double_field(i, dv);
                } catch (const techconv::parse_error& e) {
                    techconv_fuzz::check_error(e);
                }
            }
            check(r.field(r.size()).empty(), "field() past the end is not empty");
            if (o.encoding == text_encoding::utf8 || o.encoding == text_encoding::unchecked)
                check(bytes <= o.max_record_bytes, "a record longer than max_record_bytes");
            t.rows.push_back(std::move(row));
            t.lines.push_back(r.line());
        }
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_located_error(e);
        check(e.source() == "fuzz.csv", "parse_error names another source", e.what());
        t.result = techconv_fuzz::outcome::of(e);
    }
    return t;
}

std::string write_all(const table& t, const csv_options& o) {
    std::ostringstream out;
    techconv::io::csv_writer w(out, o);
    if (o.has_header) {
        for (const auto& h : t.header) w.field(h);
        w.end_row();
    }
    for (const auto& row : t.rows) {
        for (const auto& f : row) w.field(f);
        w.end_row();
    }
    return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const unsigned limit = in.take_byte();
    csv_options o;
    o.delimiter = (flags & 1u) ? '\t' : ',';
    o.has_header = (flags & 2u) == 0;
    o.require_consistent_width = (flags & 4u) != 0;
    o.skip_empty_lines = (flags & 8u) == 0;
    const unsigned enc = (flags >> 4) & 3u;
    o.encoding = enc == 1   ? text_encoding::latin1
                 : enc == 2 ? text_encoding::unchecked
                 : enc == 3 ? text_encoding::mac_roman
                            : text_encoding::utf8;
    if (limit != 255) o.max_record_bytes = 1 + 8 * std::size_t{limit};
    const std::string text(in.rest());

    o.buffer_bytes = 64;
    const table small = read_all(text, o);
    o.buffer_bytes = std::size_t{1} << 16;
    const table big = read_all(text, o);
    check(small.result == big.result, "outcome depends on the block size",
          small.result.str() + " vs " + big.result.str());
    check(small.header == big.header && small.rows == big.rows && small.lines == big.lines,
          "records depend on the block size");

    if (big.result.code != techconv::error_code::none) return 0;
    // Round trip: what was read survives csv_writer and a second read.
    csv_options back = o;
    back.encoding = text_encoding::unchecked;
    back.require_consistent_width = false;
    back.skip_empty_lines = false;
    back.max_record_bytes = std::size_t{1} << 30;
    const table again = read_all(write_all(big, back), back);
    check(again.result.code == techconv::error_code::none, "written CSV does not read back",
          again.result.str());
    check(again.header == big.header, "header changed by a write/read round trip");
    check(again.rows == big.rows, "records changed by a write/read round trip");
    return 0;
}
