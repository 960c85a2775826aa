// Fuzz target: io::lens_json_reader (Lens patent JSON: Lens Patent API pages, several pages,
// arrays and JSON Lines of records) over the JSON item cursor and pull parser.
// fuzz-options: -max_len=4096
//
// Input: byte 0 (bit 0: encoding UTF-8 named instead of automatic; bit 1: at most 2 codes per
// record), the rest is the JSON text.
//
// Invariants: the reader ends in records or a located parse_error; every record has a
// non-empty id and Lens ID and a family key no greater than its Lens ID (the smallest member),
// its stated counts are never negative, its CPC and IPC codes parse and are each listed once;
// stats().records is the number delivered; under the skip policy the records are those the
// error policy delivers when it succeeds; and no record is lost without a count: when the skip
// policy reads the whole text, records + skipped equal the records an independent walk of the
// text with io::json_pull finds (a top-level object with a `data` array holds its objects, a
// top-level array its objects, any other top-level object is one record).
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <set>      // std::set
#include <sstream>  // std::istringstream
#include <string>   // std::string
#include <vector>   // std::vector

#include <techconv/classification/ipc.hpp>
#include <techconv/format/json_reader.hpp>
#include <techconv/io/lens_json.hpp>

#include "fuzz_support.hpp"
#include "patent_checks.hpp"
#include "json_counts.hpp"

namespace io = techconv::io;
using techconv_fuzz::check;
using techconv_fuzz::check_codes;

namespace {

struct lj_result {
    std::vector<std::string> ids;
    std::size_t skipped = 0;
    bool failed = false;
};

lj_result read_lj_fuzz(const std::string& text, const io::lens_json_options& o) {
    lj_result out;
    std::istringstream in(text);
    io::lens_json_reader r(in, "fuzz.json", o);
    try {
        io::patent_record rec;
        while (r.next(rec)) {
            check(!rec.id.empty() && !rec.lens_id.empty(), "a record without an id or a Lens ID", rec.id);
            check(!rec.family_id.empty() && rec.family_id <= rec.lens_id, "a family key above the record's Lens ID",
                  rec.family_id + " " + rec.lens_id);
            techconv_fuzz::check_counts(rec, io::all_indicators);
            check_codes(rec.cpc, rec.id);
            check_codes(rec.ipc, rec.id);
            check(rec.cpc.size() <= o.max_codes_per_record && rec.ipc.size() <= o.max_codes_per_record,
                  "more codes than max_codes_per_record", rec.id);
            // citing documents: only from a supplied cited_by list, each once, none empty
            check(rec.citing_patents.empty() || rec.has(io::patent_field::citing_list),
                  "citing patents without a cited_by list", rec.id);
            for (std::size_t k = 0; k < rec.citing_patents.size(); ++k) {
                check(!rec.citing_patents[k].empty(), "an empty citing patent", rec.id);
                for (std::size_t j = 0; j < k; ++j)
                    check(rec.citing_patents[j] != rec.citing_patents[k], "a citing patent twice", rec.id);
            }
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
    io::lens_json_options o;
    o.encoding = (flags & 1u) ? io::text_encoding::utf8 : io::text_encoding::automatic;
    o.max_codes_per_record = (flags & 2u) ? 2 : 1000;
    o.malformed = io::malformed_policy::error;
    const lj_result strict = read_lj_fuzz(text, o);
    o.malformed = io::malformed_policy::skip;
    const lj_result lenient = read_lj_fuzz(text, o);
    if (!strict.failed) check(lenient.ids == strict.ids, "the skip policy changed the records of a good input");
    if (lenient.failed || o.encoding != io::text_encoding::utf8 || !io::is_valid_utf8(text)) return 0;
    const long records = techconv_fuzz::count_json_records(text, "data");
    if (records >= 0)
        check(static_cast<long>(lenient.ids.size() + lenient.skipped) == records,
              "a Lens record was lost without a count",
              std::to_string(lenient.ids.size()) + "+" + std::to_string(lenient.skipped) + " != " + std::to_string(records));
    return 0;
}
