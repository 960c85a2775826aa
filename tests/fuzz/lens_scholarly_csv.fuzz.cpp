// Fuzz target: io::lens_scholarly_csv_reader (the CSV export of lens.org scholarly search).
// fuzz-options: -max_len=4096
//
// Input: byte 0 selects the options (see bibliographic_options_from), the
// rest is the CSV text.
//
// Invariants: the checks of bibliographic_checks.hpp under both policies; the skip policy
// agrees with the error policy when that one succeeds; no record has a country (the export has
// none); and under the skip policy every CSV record (counted here by io::csv_reader without
// UTF-8 checks) is a delivered record, a dropped duplicate, a counted skip or a repeated header.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <sstream>  // std::istringstream
#include <string>   // std::string

#include <techconv/format/csv.hpp>
#include <techconv/io/csv_works.hpp>

#include "bibliographic_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const auto o = techconv_fuzz::bibliographic_options_from(in.take_byte());
    const std::string text(in.rest());
    const auto lenient = techconv_fuzz::read_both_policies<techconv::io::lens_scholarly_csv_reader>(text, o);
    if (lenient.failed) return 0;
    for (const auto& r : lenient.records)
        techconv_fuzz::check(r.countries.empty() && r.institutions.empty(), "a Lens scholarly CSV record with a country",
                             r.id);
    std::size_t rows = 0;
    std::istringstream again(text);
    techconv::io::csv_options c;
    c.encoding = techconv::io::text_encoding::unchecked;
    if (lenient.report.delimiter != '\0') c.delimiter = lenient.report.delimiter;
    techconv::io::csv_reader r(again, "count.csv", c);
    while (r.next()) ++rows;
    const auto& rep = lenient.report;
    techconv_fuzz::check(rep.records + rep.duplicates + rep.skipped + rep.repeated_headers == rows,
                         "a Lens scholarly CSV row was lost without a count",
                         std::to_string(rep.records) + "+" + std::to_string(rep.duplicates) + "+" +
                             std::to_string(rep.skipped) + "+" + std::to_string(rep.repeated_headers) + " vs " +
                             std::to_string(rows));
    return 0;
}
