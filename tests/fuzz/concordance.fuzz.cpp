// Fuzz target: concordance tables loaded from CSV (classification/loaders.hpp,
// load_concordance_csv) and their lookups.
// fuzz-options: -max_len=4096
//
// Input: byte 0 (bit 0: bad patterns are collected instead of thrown), the
// rest is the CSV text with columns `pattern` and `category`.
//
// Invariants: rows counted equal the CSV records (counted here by
// io::csv_reader); under collect, the rules added plus the bad patterns
// cover every pattern piece of non-empty rows; the throwing policy throws
// exactly when a pattern is bad; every plain pattern's anchor looks up to a
// non-empty, sorted set of valid category ids.
#include <algorithm>  // std::is_sorted
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint8_t
#include <sstream>    // std::istringstream
#include <string>     // std::string

#include <techconv/classification/loaders.hpp>

#include "fuzz_support.hpp"

namespace tc = techconv::classification;
using techconv_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const std::string text(in.rest());
    tc::concordance_csv_options o;
    o.on_error = (flags & 1u) ? tc::ipc_error_policy::collect : tc::ipc_error_policy::throw_error;

    std::istringstream s(text);
    try {
        const tc::concordance t = tc::load_concordance_csv(s, "fuzz.csv", o);
        std::size_t rows = 0;
        std::istringstream again(text);
        techconv::io::csv_reader r(again, "count.csv", o.csv);
        while (r.next()) ++rows;
        check(t.stats().rows == rows, "concordance rows miscounted");
        check(t.stats().empty_rows <= rows, "more empty rows than rows");
        if (o.on_error == tc::ipc_error_policy::throw_error)
            check(t.stats().bad_patterns == 0, "a bad pattern passed the throwing policy");
        for (const auto& rule : t.rules()) {
            check(rule.category < t.category_count(), "a rule names a missing category");
            if (rule.pattern.digits != 0) continue;
            const auto ids = t.lookup(rule.pattern.anchor);
            check(!ids.empty(), "a pattern's anchor finds no category", rule.pattern.to_string());
            check(std::is_sorted(ids.begin(), ids.end()), "lookup ids are not sorted");
            for (const auto id : ids) check(id < t.category_count(), "lookup returns a missing category");
        }
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_error(e);
    }
    return 0;
}
