// Fuzz target: io::google_patents_reader (Google Patents search export, CSV).
// fuzz-options: -max_len=4096
//
// Input: byte 0 (bits 0-1: encoding automatic/utf8/cp1252/mac_roman; bit 2: a 64-byte read
// block; bit 3: skip rows of another width), the rest is the export.
//
// Invariants: the reader ends in records or a located parse_error; when it succeeds, every
// CSV row after the header became one patent record or was counted (rows with every field
// empty, rows repeating the header, rows of another width when skipped): nothing dropped;
// every record id is a publication number `CC NUMBER[ KIND]` whose first two letters are
// the record's jurisdiction and whose last token is its kind when it has one; no classification
// or count is ever invented (the export has none); record lines increase; the outcome does not
// depend on the read block size; a single-byte reading counts a transcoded byte for every byte
// from 0x80 it read.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <sstream>  // std::istringstream
#include <string>   // std::string
#include <vector>   // std::vector

#include <techconv/format/csv.hpp>
#include <techconv/io/google_patents.hpp>

#include "fuzz_support.hpp"

namespace io = techconv::io;
using techconv_fuzz::check;

namespace {

struct result {
    std::vector<std::string> ids;
    std::size_t counted = 0;  // blank rows, repeated headers, skipped rows of another width
    io::encoding_evidence text;
    bool preamble = false;
    techconv_fuzz::outcome error;
};

result read_export(const std::string& text, const io::patent_csv_options& o) {
    result out;
    std::istringstream in(text);
    try {
        io::google_patents_reader r(in, "fuzz.csv", o);
        io::patent_record rec;
        std::size_t last_line = 0;
        while (r.next(rec)) {
            check(rec.source_line > last_line, "record lines do not increase");
            last_line = rec.source_line;
            check(rec.id.size() >= 4 && rec.id[2] == ' ', "an id that is not 'CC NUMBER[ KIND]'", rec.id);
            check(rec.jurisdiction.size() == 2 && rec.id.compare(0, 2, rec.jurisdiction) == 0,
                  "the jurisdiction is not the id's country", rec.id + " / " + rec.jurisdiction);
            const auto blank = rec.id.rfind(' ');
            check(rec.kind.empty() ? blank == 2 : rec.id.compare(blank + 1, std::string::npos, rec.kind) == 0,
                  "the kind is not the id's last token", rec.id + " / " + rec.kind);
            check(rec.ipc.empty() && rec.cpc.empty() && rec.counts.count() == 0,
                  "a classification or count the export does not have");
            out.ids.push_back(rec.id);
        }
        const auto& st = r.stats();
        check(st.records == out.ids.size(), "stats().records differs from the records delivered");
        out.counted = st.blank_rows + st.repeated_headers + st.malformed_rows;
        out.text = st.text;
        out.preamble = !r.preamble().empty();
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
    o.csv.encoding = enc == 0   ? io::text_encoding::automatic
                     : enc == 1 ? io::text_encoding::utf8
                     : enc == 2 ? io::text_encoding::cp1252
                                : io::text_encoding::mac_roman;
    o.skip_malformed_rows = (flags & 8u) != 0;
    o.csv.buffer_bytes = std::size_t{1} << 16;
    const result big = read_export(text, o);
    if (flags & 4u) {
        o.csv.buffer_bytes = 64;
        const result small = read_export(text, o);
        check(small.ids == big.ids && small.error == big.error, "outcome depends on the block size");
    }
    if (big.error.code != techconv::error_code::none) return 0;
    // every byte from 0x80 of a single-byte reading is counted (a byte-order mark is not text)
    if ((big.text.used == io::text_encoding::cp1252 || big.text.used == io::text_encoding::mac_roman) && !big.text.bom) {
        std::size_t high = 0;
        for (const char c : text) high += static_cast<unsigned char>(c) >= 0x80 ? 1 : 0;
        check(big.text.transcoded_bytes == high, "a byte from 0x80 was not counted",
              std::to_string(big.text.transcoded_bytes) + " vs " + std::to_string(high));
    }
    // the rows a plain CSV reading finds after the header (and after the preamble line)
    std::istringstream again(text);
    io::csv_options c = o.csv;
    c.encoding = io::text_encoding::unchecked;
    c.preamble_prefix = std::string(io::google_patents_preamble);
    io::csv_reader r(again, "count.csv", c);
    std::size_t rows = 0;
    while (r.next()) ++rows;
    check(rows == big.ids.size() + big.counted, "a row was lost without a count",
          std::to_string(big.ids.size()) + " + " + std::to_string(big.counted) + " vs " + std::to_string(rows));
    check(r.preamble().empty() != big.preamble, "the preamble was read differently");
    return 0;
}
