// Fuzz target: io::uspto_xml_reader (USPTO grant XML, concatenated documents).
// fuzz-options: -max_len=8192
//
// Input: byte 0 (bit 0: assignees are not applicants; bit 1: a token limit
// of 64 bytes), the rest is the XML.
//
// Invariants: the reader ends in records or a parse_error; every document
// is a record or a counted skip (stats: documents = records + skipped);
// stated counts are never negative; ids are non-empty; the outcome (ids,
// error code and location) is the same with 64-byte and 64 KiB read blocks.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <sstream>  // std::istringstream
#include <string>   // std::string
#include <vector>   // std::vector

#include <techconv/io/uspto_xml.hpp>

#include "fuzz_support.hpp"

namespace io = techconv::io;
using techconv_fuzz::check;

namespace {

struct result {
    std::vector<std::string> ids;
    techconv_fuzz::outcome error;
};

result read_xml(const std::string& text, const io::uspto_xml_options& o) {
    result out;
    std::istringstream in(text);
    io::uspto_xml_reader r(in, "fuzz.xml", o);
    try {
        io::patent_record rec;
        while (r.next(rec)) {
            check(!rec.id.empty(), "a patent without an id was delivered");
            techconv_fuzz::check_counts(rec, io::all_indicators);
            out.ids.push_back(rec.id);
        }
        const auto& st = r.stats();
        check(st.records == out.ids.size(), "stats().records differs from the records delivered");
        check(st.documents == st.records + st.skipped_total(),
              "a document is neither a record nor a counted skip");
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
    io::uspto_xml_options o;
    o.assignees_are_applicants = (flags & 1u) == 0;
    if (flags & 2u) o.max_token_bytes = 64;
    o.buffer_bytes = std::size_t{1} << 16;
    const result big = read_xml(text, o);
    o.buffer_bytes = 64;
    const result small = read_xml(text, o);
    check(small.ids == big.ids, "records depend on the block size");
    check(small.error == big.error, "the error depends on the block size",
          small.error.str() + " vs " + big.error.str());
    return 0;
}
