// Fuzz target: io::wos_tagged_reader (Web of Science plain-text export).
// fuzz-options: -max_len=4096
//
// Input: byte 0 selects the options (see bibliographic_options_from), the
// rest is the export text.
//
// Invariants: the checks of bibliographic_checks.hpp under both policies;
// the skip policy agrees with the error policy when that one succeeds; and
// no record is lost without a count: under the skip policy every `PT` line
// before `EF` (a record start, counted here on the raw lines) ends as a
// delivered record, a dropped duplicate or a counted skip.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <string>   // std::string

#include <techconv/format/encoding.hpp>
#include <techconv/io/wos.hpp>

#include "bibliographic_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const auto o = techconv_fuzz::bibliographic_options_from(in.take_byte());
    const std::string text(in.rest());
    const auto lenient = techconv_fuzz::read_both_policies<techconv::io::wos_tagged_reader>(text, o);

    if (lenient.failed || o.unknown_tags == techconv::io::unknown_tag_policy::error) return 0;
    std::size_t starts = 0;
    for (const auto line : techconv_fuzz::split_lines(text)) {
        if (o.encoding == techconv::io::text_encoding::utf8 && !techconv::io::is_valid_utf8(line))
            continue;  // the reader cannot see its tag
        const bool tag = line.size() >= 2 && (line.size() == 2 || line[2] == ' ');
        if (tag && line.substr(0, 2) == "EF") break;
        if (tag && line.substr(0, 2) == "PT") ++starts;
    }
    const auto& rep = lenient.report;
    techconv_fuzz::check(rep.records + rep.duplicates + rep.skipped >= starts,
                         "a WoS record was dropped without a count",
                         std::to_string(rep.records) + "+" + std::to_string(rep.duplicates) + "+" +
                             std::to_string(rep.skipped) + " < " + std::to_string(starts));
    return 0;
}
