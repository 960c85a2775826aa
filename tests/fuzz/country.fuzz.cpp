// Fuzz target: country names and codes (classification/country.hpp).
// fuzz-options: -max_len=256
//
// Input: byte 0 (bit 0: names only; bits 1-3: Taiwan, Hong Kong, Macau
// merged into China), the rest is the text to look up.
//
// Invariants: a lookup gives nothing or a two-letter upper-case code that
// is in the table; looking that code up again (codes accepted, same
// policy) gives it back; normalize() agrees with lookup() and throws
// parse_error (bad_country) exactly when lookup finds nothing.
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <string>       // std::string
#include <string_view>  // std::string_view

#include <techconv/classification/country.hpp>

#include "fuzz_support.hpp"

namespace tc = techconv::classification;
using techconv_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const tc::country_normalizer cn;
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const std::string text(in.rest());
    tc::country_options o;
    o.input = (flags & 1u) ? tc::country_input::names_only : tc::country_input::names_and_codes;
    if (flags & 2u) o.regions.taiwan = tc::territory_policy::merge_into_china;
    if (flags & 4u) o.regions.hong_kong = tc::territory_policy::merge_into_china;
    if (flags & 8u) o.regions.macau = tc::territory_policy::merge_into_china;

    const std::string code(cn.lookup(text, o));
    (void)tc::detail::country_key(text);
    if (!code.empty()) {
        check(code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z',
              "lookup gives something that is not an alpha-2 code", code);
        check(cn.entry(code) != nullptr, "lookup gives a code outside the table", code);
        tc::country_options codes = o;
        codes.input = tc::country_input::names_and_codes;
        check(cn.lookup(code, codes) == code, "a code does not look up to itself", code);
    }
    try {
        const std::string_view n = cn.normalize(text, o);
        check(!code.empty() && n == code, "normalize disagrees with lookup");
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_error(e);
        check(code.empty(), "normalize throws for a recognised text");
        check(e.code() == techconv::error_code::bad_country, "normalize error is not bad_country");
    }
    return 0;
}
