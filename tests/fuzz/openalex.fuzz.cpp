// Fuzz target: io::openalex_reader (OpenAlex works: API pages, arrays, JSON Lines), the JSON
// pull parser under it, and io::openalex_csv_reader (the web interface's CSV export) on the
// same bytes.
// fuzz-options: -max_len=4096
//
// Input: byte 0 selects the options (see bibliographic_options_from), the
// rest is the JSON text.
//
// Invariants: the checks of bibliographic_checks.hpp under both policies (several works may
// share a line: an API page is one line); the skip policy agrees with the error policy when
// that one succeeds; the same for the CSV reader; and io::json_pull alone walks the same text to its end or stops with a
// located parse_error, its depth never above the bound.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <string>   // std::string

#include <techconv/format/json_reader.hpp>
#include <techconv/io/csv_works.hpp>
#include <techconv/io/openalex.hpp>

#include "bibliographic_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const auto o = techconv_fuzz::bibliographic_options_from(in.take_byte());
    const std::string text(in.rest());
    techconv_fuzz::read_both_policies<techconv::io::openalex_reader>(text, o, false);
    techconv_fuzz::read_both_policies<techconv::io::openalex_csv_reader>(text, o);

    techconv::io::json_pull p(text, "fuzz.json", 1, 16);
    try {
        while (p.next_value()) {
            while (p.next() != techconv::io::json_token::end)
                techconv_fuzz::check(p.depth() <= 16, "json_pull nested past its bound");
        }
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_located_error(e);
    }
    return 0;
}
