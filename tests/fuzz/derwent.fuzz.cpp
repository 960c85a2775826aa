// Fuzz target: io::derwent_reader (Derwent Innovations Index tagged export, .ciw).
// fuzz-options: -max_len=4096
//
// Input: byte 0 (bit 0: malformed_policy::skip; bit 1: unknown_tag_policy::error;
// bit 2: encoding UTF-8 named instead of automatic), the rest is the export text.
//
// Invariants: the reader ends in records or a located parse_error; every record
// has an id and a family size of at least its number of family jurisdictions,
// stated counts are never negative, IPC codes parse, stats().records is the number
// delivered; under the skip policy the records are those the error policy delivers
// when it succeeds; and no record is lost without a count: every `PT` line ends as
// a delivered record or a counted skip (with UTF-8 named).
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <sstream>  // std::istringstream
#include <string>   // std::string
#include <vector>   // std::vector

#include <techconv/classification/ipc.hpp>
#include <techconv/format/encoding.hpp>
#include <techconv/io/derwent.hpp>

#include "bibliographic_checks.hpp"
#include "fuzz_support.hpp"

namespace io = techconv::io;
using techconv_fuzz::check;

namespace {

struct derwent_result {
    std::vector<std::string> ids;
    std::size_t skipped = 0;
    bool failed = false;
    techconv_fuzz::outcome error;
};

derwent_result read_derwent_fuzz(const std::string& text, const io::derwent_options& o) {
    derwent_result out;
    std::istringstream in(text);
    io::derwent_reader r(in, "fuzz.ciw", o);
    try {
        io::patent_record rec;
        while (r.next(rec)) {
            check(!rec.id.empty(), "a record without an id was delivered");
            techconv_fuzz::check_counts(rec, io::all_indicators);
            const auto fs = rec.counts.get(io::indicator::family_size);
            check(fs && *fs >= 1 && static_cast<std::size_t>(*fs) >= rec.family_jurisdictions.size(),
                  "family size below the family's jurisdictions", rec.id);
            for (const auto& c : rec.ipc)
                check(techconv::classification::try_parse_ipc(c).has_value(), "an IPC code that does not parse", c);
            out.ids.push_back(rec.id);
        }
        check(r.stats().records == out.ids.size(), "stats().records differs from the records delivered");
        for (const auto& s : r.stats().skipped)
            if (s.first == "malformed records") out.skipped = s.second;
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_located_error(e);
        out.failed = true;
        out.error = techconv_fuzz::outcome::of(e);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const std::string text(in.rest());
    io::derwent_options o;
    o.unknown_tags = (flags & 2u) ? io::unknown_tag_policy::error : io::unknown_tag_policy::skip_field;
    o.encoding = (flags & 4u) ? io::text_encoding::utf8 : io::text_encoding::automatic;
    o.malformed = io::malformed_policy::error;
    const derwent_result strict = read_derwent_fuzz(text, o);
    o.malformed = io::malformed_policy::skip;
    const derwent_result lenient = read_derwent_fuzz(text, o);
    if (!strict.failed) check(lenient.ids == strict.ids, "the skip policy changed the records of a good input");
    if (lenient.failed) return 0;
    // every record start is delivered or counted: a PT line (after a byte-order mark) starts a
    // record; lines that are not UTF-8 when UTF-8 is named are dropped by the line reader unseen.
    // Counted on the raw lines only when UTF-8 is named: an automatic reading may transcode the
    // bytes (a UTF-16 byte-order mark), and then its lines are not the raw ones.
    if (o.encoding != io::text_encoding::utf8) return 0;
    std::size_t starts = 0;
    for (auto line : techconv_fuzz::split_lines(text)) {
        if (o.encoding == io::text_encoding::utf8 && !io::is_valid_utf8(line)) continue;
        if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        if (line == "PT" || line.substr(0, 3) == "PT ") ++starts;
    }
    check(lenient.ids.size() + lenient.skipped >= starts, "a Derwent record was dropped without a count",
          std::to_string(lenient.ids.size()) + "+" + std::to_string(lenient.skipped) + " < " + std::to_string(starts));
    return 0;
}
