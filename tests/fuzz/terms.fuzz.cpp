// Fuzz target: the term classifier (classification/terms.hpp).
// fuzz-options: -max_len=1024
//
// Input: byte 0 (bit 0: english plurals; bit 1: restricted terms ignore the
// filter), then a term up to the first LF, then the text.
//
// Invariants: the [COOP] classifier and a one-branch classifier built from
// the input's term answer with sorted, distinct, valid branch ids; a
// non-blank term matches itself, and matches when embedded between spaces
// in any text; a blank term is rejected as invalid_argument.
#include <algorithm>    // std::is_sorted, std::adjacent_find
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include <techconv/classification/terms.hpp>

#include "fuzz_support.hpp"

namespace tc = techconv::classification;
using techconv_fuzz::check;

namespace {
void check_ids(const std::vector<techconv::label_id>& ids, std::size_t branches) {
    check(std::is_sorted(ids.begin(), ids.end()) && std::adjacent_find(ids.begin(), ids.end()) == ids.end(),
          "branch ids not sorted and distinct");
    for (const auto id : ids) check(id < branches, "a branch id out of range");
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const tc::term_classifier coop = tc::coop_ai_chip_classifier();
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const std::string_view rest = in.rest();
    const std::size_t lf = rest.find('\n');
    const std::string term(rest.substr(0, lf));
    const std::string text(lf == std::string_view::npos ? std::string_view() : rest.substr(lf + 1));
    tc::term_classifier_options o;
    o.english_plurals = (flags & 1u) != 0;
    o.restricted = (flags & 2u) ? tc::restriction_policy::ignore : tc::restriction_policy::require_filter;

    check_ids(coop.classify(text, {}, o), coop.branch_count());

    tc::term_classifier mine;
    try {
        mine.add_branch(tc::branch_definition{"fuzz", {tc::branch_term{term, false}}, {}});
    } catch (const techconv::invalid_argument&) {
        std::string norm;
        tc::detail::normalize_text(term, norm);
        check(norm.empty(), "a non-blank term was rejected", term);
        return 0;
    }
    const auto ids = mine.classify(text, {}, o);
    check_ids(ids, 1);
    check(mine.classify(term, {}, o).size() == 1, "a term does not match itself", term);
    check(mine.classify(text + " " + term + " " + text, {}, o).size() == 1,
          "a term does not match between spaces", term);
    return 0;
}
