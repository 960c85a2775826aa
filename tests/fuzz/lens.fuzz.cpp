// Fuzz target: io::lens_reader (Lens.org patent CSV export, any layout).
// fuzz-options: -max_len=4096
//
// Input: byte 0 (bits 0-1: encoding utf8/latin1/mac_roman/utf8; bit 2: a
// 64-byte read block), the rest is the export.
//
// Invariants: the reader ends in records or a parse_error; when it succeeds,
// every CSV record became one patent record or was counted as a row with
// every field empty or a row repeating the header (stats().blank_rows,
// stats().repeated_headers; counted here by io::csv_reader:
// nothing dropped) and stats().records says so; stated counts are never
// negative; record lines increase; codes are non-empty strings; the outcome
// does not depend on the read block size.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <sstream>  // std::istringstream
#include <string>   // std::string
#include <vector>   // std::vector

#include <techconv/format/csv.hpp>
#include <techconv/io/lens.hpp>

#include "fuzz_support.hpp"

namespace io = techconv::io;
using techconv_fuzz::check;

namespace {

struct result {
    std::vector<std::string> ids;
    std::size_t records = 0;
    std::size_t blank_rows = 0;  // rows with every field empty, and rows repeating the header
    techconv_fuzz::outcome error;
};

result read_export(const std::string& text, const io::patent_csv_options& o) {
    result out;
    std::istringstream in(text);
    try {
        io::lens_reader r(in, "fuzz.csv", o);
        io::patent_record rec;
        std::size_t last_line = 0;
        while (r.next(rec)) {
            check(rec.source_line > last_line, "record lines do not increase");
            last_line = rec.source_line;
            techconv_fuzz::check_counts(rec, io::all_indicators);
            for (const auto& c : rec.ipc) check(!c.empty(), "an empty IPC code");
            for (const auto& c : rec.cpc) check(!c.empty(), "an empty CPC code");
            out.ids.push_back(rec.id);
        }
        out.records = r.stats().records;
        out.blank_rows = r.stats().blank_rows + r.stats().repeated_headers;
        check(out.records == out.ids.size(), "stats().records differs from the records delivered");
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_located_error(e);
        out.error = techconv_fuzz::outcome::of(e);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const std::string text(in.rest());
    io::patent_csv_options o;
    const unsigned enc = flags & 3u;
    o.csv.encoding = enc == 1   ? io::text_encoding::latin1
                     : enc == 2 ? io::text_encoding::mac_roman
                                : io::text_encoding::utf8;
    o.csv.buffer_bytes = std::size_t{1} << 16;
    const result big = read_export(text, o);
    if (flags & 4u) {
        o.csv.buffer_bytes = 64;
        const result small = read_export(text, o);
        check(small.ids == big.ids && small.error == big.error, "outcome depends on the block size");
    }
    if (big.error.code != techconv::error_code::none) return 0;
    std::istringstream again(text);
    io::csv_options c = o.csv;
    c.encoding = io::text_encoding::unchecked;
    io::csv_reader r(again, "count.csv", c);
    std::size_t rows = 0;
    while (r.next()) ++rows;
    check(rows == big.ids.size() + big.blank_rows, "a Lens row was lost without a count",
          std::to_string(big.ids.size()) + " + " + std::to_string(big.blank_rows) + " vs " +
              std::to_string(rows));
    return 0;
}
