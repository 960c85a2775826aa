// Fuzz target: io::wos_tab_reader (Web of Science tab-delimited export).
// fuzz-options: -max_len=4096
//
// Input: byte 0 selects the options (see bibliographic_options_from), the
// rest is the export text.
//
// Invariants: the checks of bibliographic_checks.hpp under both policies;
// the skip policy agrees with the error policy when that one succeeds; and
// under the skip policy every non-blank line after the header (counted here
// on the raw lines) is a delivered record, a dropped duplicate or a counted skip.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <string>   // std::string

#include <techconv/format/parse.hpp>
#include <techconv/io/wos.hpp>

#include "bibliographic_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const auto o = techconv_fuzz::bibliographic_options_from(in.take_byte());
    const std::string text(in.rest());
    const auto lenient = techconv_fuzz::read_both_policies<techconv::io::wos_tab_reader>(text, o);

    if (lenient.failed) return 0;
    const auto lines = techconv_fuzz::split_lines(text);
    std::size_t rows = 0;
    for (std::size_t i = 1; i < lines.size(); ++i)
        if (!techconv::io::trim(lines[i]).empty()) ++rows;
    const auto& rep = lenient.report;
    techconv_fuzz::check(rep.records + rep.duplicates + rep.skipped == rows,
                         "a WoS tab row was lost without a count",
                         std::to_string(rep.records) + "+" + std::to_string(rep.duplicates) + "+" +
                             std::to_string(rep.skipped) + " vs " + std::to_string(rows));
    return 0;
}
