// Fuzz target: IPC/CPC symbols, code lists and concordance patterns
// (classification/ipc.hpp, classification/concordance.hpp).
// fuzz-options: -max_len=512
//
// Input: byte 0 picks the list separator (bit 0: ";;" or any of ";,|"),
// then the text, parsed as one symbol, as a pattern and as a list.
//
// Invariants:
//  - a parsed symbol prints in every format and reads back as the same code;
//    its truncations contain it and sort before it; from_bits(bits()) is it;
//  - a failed parse gives an error position inside the text, and parse_ipc
//    throws parse_error (bad_code) for it;
//  - a parsed pattern prints and reads back as the same pattern, and matches its anchor;
//  - the PATSTAT form (patstat_ipc_from_chars) reads whatever ipc_from_chars reads, as the
//    same code without flags; a code it reads prints and reads back, and its flags are letters
//    of their column (patstat_ipc_flags_of accepts them); a failure lies inside the text;
//  - list parsing loses nothing without a count: parsed + failed +
//    duplicates equals the number of non-blank pieces (counted here with
//    io::split_list), and the throwing policy throws exactly when one failed.
#include <algorithm>    // std::min
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include <techconv/classification/concordance.hpp>
#include <techconv/classification/ipc.hpp>
#include <techconv/format/parse.hpp>

#include "fuzz_support.hpp"

namespace {

namespace tc = techconv::classification;
using techconv_fuzz::check;

// Non-blank pieces of `text` split at any one character of `chars`.
std::size_t count_any_char_pieces(std::string_view text, std::string_view chars) {
    std::size_t n = 0, start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || chars.find(text[i]) != std::string_view::npos) {
            if (!techconv::io::trim(text.substr(start, i - start)).empty()) ++n;
            start = i + 1;
        }
    }
    return n;
}

void check_symbol(std::string_view text) {
    const tc::ipc_parse_result r = tc::ipc_from_chars(text);
    if (!r) {
        check(r.position <= text.size(), "error position outside the text");
        check(r.code.empty(), "a failed parse returned a code");
        check(!tc::try_parse_ipc(text).has_value(), "try_parse_ipc accepts what ipc_from_chars rejects");
        try {
            (void)tc::parse_ipc(text);
            techconv_fuzz::fail("parse_ipc accepted a bad symbol", std::string(text));
        } catch (const techconv::parse_error& e) {
            techconv_fuzz::check_error(e);
            check(e.code() == techconv::error_code::bad_code, "parse_ipc error is not bad_code");
        }
        return;
    }
    const tc::ipc_code c = r.code;
    check(!c.empty(), "a successful parse returned the empty code");
    check(tc::ipc_code::from_bits(c.bits()) == c, "from_bits(bits()) differs");
    for (const auto f : {tc::ipc_format::canonical, tc::ipc_format::compact, tc::ipc_format::padded,
                         tc::ipc_format::wipo14}) {
        const std::string s = c.to_string(f);
        check(s.size() <= tc::ipc_code::max_text_size, "text longer than max_text_size", s);
        const auto back = tc::ipc_from_chars(s);
        check(back && back.code == c, "a printed code does not read back", s);
    }
    for (const auto l : {tc::ipc_level::section, tc::ipc_level::class_, tc::ipc_level::subclass,
                         tc::ipc_level::main_group, tc::ipc_level::subgroup}) {
        if (!c.has(l)) break;
        const tc::ipc_code t = c.truncate(l);
        check(t.contains(c), "a truncation does not contain the code", c.to_string());
        check(!(c < t), "a truncation sorts after the code", c.to_string());
    }
}

void check_patstat(std::string_view text) {
    const tc::patstat_ipc_result r = tc::patstat_ipc_from_chars(text);
    const tc::ipc_parse_result plain = tc::ipc_from_chars(text);
    if (plain) check(r && r.parse.code == plain.code && r.flags.level == '\0' && r.flags.position == '\0' &&
                         r.flags.value == '\0',
                     "the PATSTAT form rejects or flags what ipc_from_chars reads");
    if (!r) {
        check(r.parse.position <= text.size(), "PATSTAT error position outside the text");
        check(r.parse.code.empty(), "a failed PATSTAT parse returned a code");
        try {
            (void)tc::parse_patstat_ipc(text, techconv::source_location{});
            techconv_fuzz::fail("parse_patstat_ipc accepted a bad symbol", std::string(text));
        } catch (const techconv::parse_error& e) {
            techconv_fuzz::check_error(e);
            check(e.code() == techconv::error_code::bad_code, "parse_patstat_ipc error is not bad_code");
        }
        return;
    }
    const std::string s = r.parse.code.to_string(tc::ipc_format::padded);
    const auto back = tc::ipc_from_chars(s);
    check(back && back.code == r.parse.code, "a PATSTAT code does not read back", s);
    const auto f = tc::patstat_ipc_flags_of(std::string_view(&r.flags.level, r.flags.level ? 1 : 0),
                                            std::string_view(&r.flags.position, r.flags.position ? 1 : 0),
                                            std::string_view(&r.flags.value, r.flags.value ? 1 : 0));
    check(f && f->level == r.flags.level && f->position == r.flags.position && f->value == r.flags.value,
          "PATSTAT flags that their columns refuse");
}

void check_pattern(std::string_view text) {
    const auto r = tc::ipc_pattern_from_chars(text);
    if (!r) return;
    const std::string s = r.pattern.to_string();
    const auto back = tc::ipc_pattern_from_chars(s);
    check(back && back.pattern == r.pattern, "a printed pattern does not read back", s);
    if (r.pattern.digits == 0) check(r.pattern.matches(r.pattern.anchor), "a pattern misses its anchor", s);
}

void check_list(std::string_view text, bool any_char) {
    tc::ipc_list_options o;
    o.separator = any_char ? std::string_view(";,|") : std::string_view(";;");
    o.mode = any_char ? tc::separator_mode::any_char : tc::separator_mode::sequence;
    const std::size_t pieces = any_char ? count_any_char_pieces(text, o.separator)
                                        : techconv::io::split_list(text, o.separator).size();
    for (const bool unique : {false, true}) {
        o.unique = unique;
        o.on_error = tc::ipc_error_policy::collect;
        std::vector<tc::ipc_code> out;
        tc::ipc_list_report rep;
        const std::size_t n = tc::parse_ipc_list_into(text, out, rep, o);
        check(n == out.size() && n == rep.parsed, "returned count differs from the codes");
        check(rep.parsed + rep.failed + rep.duplicates == pieces,
              "list pieces lost without a count",
              std::to_string(rep.parsed) + "+" + std::to_string(rep.failed) + "+" +
                  std::to_string(rep.duplicates) + " vs " + std::to_string(pieces));
        check(rep.samples.size() == std::min(rep.failed, o.max_error_samples), "samples miscounted");
        o.on_error = tc::ipc_error_policy::throw_error;
        bool threw = false;
        try {
            (void)tc::parse_ipc_list(text, o);
        } catch (const techconv::parse_error& e) {
            techconv_fuzz::check_error(e);
            threw = true;
        }
        check(threw == (rep.failed > 0), "throwing policy disagrees with the collected failures");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const std::string text(in.rest());
    check_symbol(text);
    check_patstat(text);
    check_pattern(text);
    check_list(text, (flags & 1u) != 0);
    return 0;
}
