// Bad-input catalogue, part 2: the line reader (format/line_reader.hpp) that the
// line-oriented formats build on. Expected locations are counted by hand:
// line is 1-based, column is the 1-based byte column in the line (0: the
// whole line), record and field are not used by this reader.
#include <doctest/doctest.h>

#include <techconv/format/line_reader.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv::io::line_options;
using techconv::io::line_reader;
using techconv_bad_input::expected_error;

namespace {

std::vector<std::string> lines_expect(const std::string& text, const expected_error* want,
                                      line_options o = {}) {
    std::vector<std::string> out;
    std::istringstream in(text);
    line_reader r(in, "bad.txt", o);
    try {
        while (r.next()) out.emplace_back(r.text());
        CHECK_MESSAGE(want == nullptr, "expected a parse_error, none was thrown");
    } catch (const parse_error& e) {
        REQUIRE_MESSAGE(want != nullptr, e.what());
        techconv_bad_input::check_error(e, *want, "bad.txt");
    }
    return out;
}

}  // namespace

TEST_CASE("bad input: lines: empty file") {
    CHECK(lines_expect("", nullptr).empty());
    CHECK(lines_expect("\xEF\xBB\xBF", nullptr).empty());
}

TEST_CASE("bad input: lines: a line longer than the limit is rejected while streaming") {
    line_options o;
    o.max_line_bytes = std::size_t{1} << 20;
    o.buffer_bytes = std::size_t{1} << 16;
    techconv_bad_input::endless_buf buf("PT J AU Kim ", std::uint64_t{1} << 40);  // 1 TiB, no line end
    std::istream in(&buf);
    line_reader r(in, "bad.txt", o);
    try {
        (void)r.next();
        FAIL("expected line_too_long");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, {error_code::line_too_long, 1, 0, 0, ""}, "bad.txt");
    }
    CHECK(buf.handed_out() <= o.max_line_bytes + 2 * o.buffer_bytes + (std::size_t{1} << 16));
}

TEST_CASE("bad input: lines: NUL byte") {
    using namespace std::string_literals;
    const expected_error want{error_code::nul_byte, 2, 3, 0, ""};
    const auto kept = lines_expect("first\nab\0c\n"s, &want);
    CHECK(kept == std::vector<std::string>{"first"});
}

TEST_CASE("bad input: lines: non-UTF-8 bytes") {
    const expected_error want{error_code::bad_encoding, 2, 2, 0, ""};
    CHECK(lines_expect("Bonn\nK\xF6ln\nWien\n", &want) == std::vector<std::string>{"Bonn"});
    line_options latin;
    latin.encoding = techconv::io::text_encoding::latin1;
    CHECK(lines_expect("Bonn\nK\xF6ln\nWien\n", nullptr, latin) ==
          std::vector<std::string>{"Bonn", "K\xC3\xB6ln", "Wien"});
}

TEST_CASE("bad input: lines: CRLF, CR and a byte-order mark") {
    std::istringstream in("\xEF\xBB\xBFPT J\r\nAU Kim\rTI X\n\nER");
    line_reader r(in, "bad.txt");
    CHECK(r.had_bom());
    std::vector<std::string> got;
    while (r.next()) got.emplace_back(r.text());
    CHECK(got == std::vector<std::string>{"PT J", "AU Kim", "TI X", "", "ER"});
}

TEST_CASE("bad input: lines: UTF-8 truncated by the end of the file") {
    const expected_error want{error_code::bad_encoding, 2, 2, 0, ""};
    CHECK(lines_expect("a\nb\xE6\x97", &want) == std::vector<std::string>{"a"});
}
