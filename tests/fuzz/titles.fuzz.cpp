// Fuzz target: official title lists (classification/loaders.hpp,
// load_title_list) into a title_table.
// fuzz-options: -max_len=4096
//
// Input: byte 0 (bits 0-2: the deepest level kept, 0-4; bit 3: strip CPC
// braces), the rest is the list `symbol TAB [dot level TAB] title`.
//
// Invariants: the loader either throws parse_error or stores one title per
// non-blank line whose symbol is not deeper than the level kept (counted here
// independently, nothing dropped without a count), and every stored symbol
// is found again with its nearest title.
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <sstream>      // std::istringstream
#include <string>       // std::string
#include <string_view>  // std::string_view

#include <techconv/classification/loaders.hpp>
#include <techconv/classification/titles.hpp>

#include "fuzz_support.hpp"

namespace tc = techconv::classification;
using techconv_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const std::string text(in.rest());
    tc::title_options o;
    o.max_level = static_cast<tc::ipc_level>((flags & 7u) % 5u);
    o.strip_cpc_braces = (flags & 8u) != 0;

    std::istringstream s(text);
    tc::title_table table;
    std::size_t stored = 0;
    try {
        stored = tc::load_title_list(s, "fuzz.txt", table, o);
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_error(e);
        return 0;
    }
    // The loader succeeded, so every non-blank line has a symbol that parses.
    std::size_t expected = 0;
    std::istringstream again(text);
    techconv::io::line_reader lines(again, "count.txt");
    while (lines.next()) {
        const std::string_view l = lines.text();
        if (techconv::io::trim(l).empty()) continue;
        const auto r = tc::ipc_from_chars(l.substr(0, l.find('\t')));
        check(bool(r), "the loader accepted a symbol that does not parse", std::string(l));
        if (r.code.level() <= o.max_level) {
            ++expected;
            (void)table.find(r.code);
            (void)table.nearest_title(r.code);
            (void)table.label(r.code);
        }
    }
    check(stored == expected, "titles stored differ from the lines kept",
          std::to_string(stored) + " vs " + std::to_string(expected));
    check(table.size() <= stored, "more symbols than titles stored");
    return 0;
}
