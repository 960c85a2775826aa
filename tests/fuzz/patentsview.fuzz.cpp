// Fuzz target: io::patentsview_reader (PatentsView PatentSearch API responses: pages, several
// pages, arrays and JSON Lines of patents) over the JSON item cursor and pull parser.
// fuzz-options: -max_len=4096
//
// Input: byte 0 (bit 0: encoding UTF-8 named instead of automatic; bit 1: at most 2 codes per
// record), the rest is the JSON text.
//
// Invariants: the reader ends in records or a located parse_error; every record has an id
// `US <number>...`, its stated counts are never negative, its CPC and IPC codes parse and
// are each listed once; stats().records is the number delivered; under the skip policy the
// records are those the error policy delivers when it succeeds; and no patent is lost
// without a count: when the skip policy reads the whole text, records + skipped equal the
// patents an independent walk of the text with io::json_pull finds (a top-level object with
// a `patents` array holds its objects, a top-level array its objects, any other top-level
// object is one patent).
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <set>      // std::set
#include <sstream>  // std::istringstream
#include <string>   // std::string
#include <vector>   // std::vector

#include <techconv/classification/ipc.hpp>
#include <techconv/format/json_reader.hpp>
#include <techconv/io/patentsview.hpp>

#include "fuzz_support.hpp"
#include "patent_checks.hpp"
#include "json_counts.hpp"

namespace io = techconv::io;
using techconv_fuzz::check;
using techconv_fuzz::check_codes;

namespace {

struct pv_result {
    std::vector<std::string> ids;
    std::size_t skipped = 0;
    bool failed = false;
};

pv_result read_pv_fuzz(const std::string& text, const io::patentsview_options& o) {
    pv_result out;
    std::istringstream in(text);
    io::patentsview_reader r(in, "fuzz.json", o);
    try {
        io::patent_record rec;
        while (r.next(rec)) {
            check(rec.id.size() > 3 && rec.id.compare(0, 3, "US ") == 0, "a record id that is no US number", rec.id);
            techconv_fuzz::check_counts(rec, io::all_indicators);
            check_codes(rec.cpc, rec.id);
            check_codes(rec.ipc, rec.id);
            check(rec.cpc.size() <= o.max_codes_per_record && rec.ipc.size() <= o.max_codes_per_record,
                  "more codes than max_codes_per_record", rec.id);
            out.ids.push_back(rec.id);
        }
        check(r.stats().records == out.ids.size(), "stats().records differs from the records delivered");
        for (const auto& s : r.stats().skipped)
            if (s.first == "malformed records") out.skipped = s.second;
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_located_error(e);
        out.failed = true;
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const std::string text(in.rest());
    io::patentsview_options o;
    o.encoding = (flags & 1u) ? io::text_encoding::utf8 : io::text_encoding::automatic;
    o.max_codes_per_record = (flags & 2u) ? 2 : 1000;
    o.malformed = io::malformed_policy::error;
    const pv_result strict = read_pv_fuzz(text, o);
    o.malformed = io::malformed_policy::skip;
    const pv_result lenient = read_pv_fuzz(text, o);
    if (!strict.failed) check(lenient.ids == strict.ids, "the skip policy changed the records of a good input");
    if (lenient.failed || o.encoding != io::text_encoding::utf8 || !io::is_valid_utf8(text)) return 0;
    const long patents = techconv_fuzz::count_json_records(text, "patents");
    if (patents >= 0)
        check(static_cast<long>(lenient.ids.size() + lenient.skipped) == patents,
              "a PatentsView patent was lost without a count",
              std::to_string(lenient.ids.size()) + "+" + std::to_string(lenient.skipped) + " != " + std::to_string(patents));
    return 0;
}
