// Fuzz target: io::lens_scholarly_reader (Lens scholarly works: JSON Lines, API pages).
// fuzz-options: -max_len=4096
//
// Input: byte 0 selects the options (see bibliographic_options_from), the
// rest is the JSON text.
//
// Invariants: the checks of bibliographic_checks.hpp under both policies (several works may
// share a line: an API page is one line); the skip policy agrees with the error policy when
// that one succeeds. (The JSON parser alone is walked by the openalex target.)
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <string>   // std::string

#include <techconv/io/lens_scholarly.hpp>

#include "bibliographic_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const auto o = techconv_fuzz::bibliographic_options_from(in.take_byte());
    techconv_fuzz::read_both_policies<techconv::io::lens_scholarly_reader>(std::string(in.rest()), o, false);
    return 0;
}
