// Tests of the core headers: version, errors, status, encoding, number
// parsing, the line reader and the deterministic chunked parallel loop.
// Expected values are written out by hand from each small input.
#include <doctest/doctest.h>

#include <techconv/detail/parallel.hpp>
#include <techconv/error.hpp>
#include <techconv/format/encoding.hpp>
#include <techconv/format/line_reader.hpp>
#include <techconv/format/parse.hpp>
#include <techconv/types.hpp>
#include <techconv/version.hpp>

#include <atomic>
#include <cmath>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace techconv;

TEST_CASE("version: macros, integer form and string agree") {
    CHECK(TECHCONV_VERSION ==
          TECHCONV_VERSION_MAJOR * 10000 + TECHCONV_VERSION_MINOR * 100 + TECHCONV_VERSION_PATCH);
    const std::string expected = std::to_string(TECHCONV_VERSION_MAJOR) + "." +
                                 std::to_string(TECHCONV_VERSION_MINOR) + "." +
                                 std::to_string(TECHCONV_VERSION_PATCH);
    CHECK(std::string(version()) == expected);
}

TEST_CASE("errors: invalid_argument and parse_error carry what they promise") {
    try {
        detail::require(false, "k must not exceed n");
        FAIL("no throw");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()) == "techconv: k must not exceed n");
    }
    const parse_error e(error_code::missing_column, source_location{"f.csv", 1, 0, 0, "Title"},
                        "required column 'Title' is not in the header");
    CHECK(e.code() == error_code::missing_column);
    CHECK(e.line() == 1);
    CHECK(e.field() == "Title");
    CHECK(std::string(e.what()) ==
          "f.csv:1: field 'Title': required column 'Title' is not in the header [missing_column]");
    const std::runtime_error& base = e;  // catchable as std::runtime_error
    CHECK(std::string(base.what()).find("[missing_column]") != std::string::npos);
    CHECK(to_string(error_code::bad_encoding) == "bad_encoding");
    CHECK(to_string(status::degenerate_columns) == "degenerate_columns");
    CHECK(to_string(source_location{}) == "<input>");
}

TEST_CASE("encoding: UTF-8 validation per RFC 3629") {
    CHECK(io::is_valid_utf8("plain ascii text, long enough for the word path"));
    CHECK(io::is_valid_utf8("\xe4\xb8\xad\xe5\x9b\xbd"));          // 中国
    CHECK(io::is_valid_utf8("\xf0\x9f\x98\x80"));                   // U+1F600
    CHECK(io::find_invalid_utf8("ab\xc0\xaf") == 2);                // overlong '/'
    CHECK(io::find_invalid_utf8("\xed\xa0\x80") == 0);              // surrogate U+D800
    CHECK(io::find_invalid_utf8("\xf4\x90\x80\x80") == 0);          // above U+10FFFF
    CHECK(io::find_invalid_utf8("12345678\xe4\xb8") == 8);          // truncated sequence
    CHECK(io::find_invalid_utf8("abcdefgh\x80") == 8);              // lone continuation
    std::string out;
    io::append_latin1_as_utf8("caf\xe9", out);
    CHECK(out == "caf\xc3\xa9");
}

TEST_CASE("parse: integers and doubles, strict and locale independent") {
    std::int64_t i = 0;
    double d = 0;
    CHECK(io::parse_int64(" 42 ", i) == io::number_status::ok);
    CHECK(i == 42);
    CHECK(io::parse_int64("+7", i) == io::number_status::ok);
    CHECK(i == 7);
    CHECK(io::parse_int64("-3", i) == io::number_status::ok);
    CHECK(i == -3);
    CHECK(io::parse_int64("", i) == io::number_status::empty);
    CHECK(io::parse_int64("4x", i) == io::number_status::invalid);
    CHECK(io::parse_int64("99999999999999999999", i) == io::number_status::out_of_range);
    CHECK(io::parse_double("1.5e3", d) == io::number_status::ok);
    CHECK(d == 1500.0);
    CHECK(io::parse_double("nan", d) == io::number_status::non_finite);
    CHECK(io::parse_double("inf", d) == io::number_status::non_finite);
    CHECK(io::parse_double("1e999", d) == io::number_status::out_of_range);
    CHECK(io::parse_double("1,5", d) == io::number_status::invalid);
    CHECK(io::format_double(0.1) == "0.1");
    CHECK(io::format_double(1.0 / 3.0) == "0.3333333333333333");
    const auto parts = io::split_list("G06F17/00;; H04N5/232 ;;;;B01D53/047", ";;");
    REQUIRE(parts.size() == 3);
    CHECK(parts[1] == "H04N5/232");
    CHECK(io::iequals("Peoples R China", "PEOPLES R CHINA"));
}

TEST_CASE("line reader: line ends, BOM, limits, NUL") {
    std::istringstream in("\xEF\xBB\xBFPT J\r\nAU Smith\rER\n\nEF");
    io::line_reader r(in, "wos.txt");
    std::vector<std::string> lines;
    while (r.next()) lines.emplace_back(r.text());
    CHECK(r.had_bom());
    CHECK(lines == std::vector<std::string>{"PT J", "AU Smith", "ER", "", "EF"});
    CHECK(r.line() == 5);

    io::line_options small;
    small.max_line_bytes = 10;
    small.buffer_bytes = 64;
    std::istringstream big("short\n" + std::string(1000, 'x') + "\n");
    io::line_reader rb(big, "big.txt", small);
    CHECK(rb.next());
    try {
        rb.next();
        FAIL("no throw");
    } catch (const parse_error& e) {
        CHECK(e.code() == error_code::line_too_long);
        CHECK(e.line() == 2);
    }
    std::istringstream nul(std::string("ok\nbad\0line\n", 12));
    io::line_reader rn(nul, "nul.txt");
    CHECK(rn.next());
    CHECK_THROWS_AS(rn.next(), parse_error);
}

TEST_CASE("parallel: chunks depend on size only, ordered reduction is thread-count invariant") {
    CHECK(detail::chunk_count(0, 10) == 0);
    CHECK(detail::chunk_count(10, 10) == 1);
    CHECK(detail::chunk_count(11, 10) == 2);
    const techconv::index n = 100003;
    std::vector<double> x(static_cast<std::size_t>(n));
    for (techconv::index k = 0; k < n; ++k) x[static_cast<std::size_t>(k)] = 1.0 / static_cast<double>(k + 1);
    auto reduce = [&](int threads) {
        const techconv::index chunk = 4096;
        std::vector<double> partial(static_cast<std::size_t>(detail::chunk_count(n, chunk)), 0.0);
        detail::for_each_chunk(n, chunk, threads, [&](techconv::index c, techconv::index b, techconv::index e) {
            double s = 0;
            for (techconv::index k = b; k < e; ++k) s += x[static_cast<std::size_t>(k)];
            partial[static_cast<std::size_t>(c)] = s;
        });
        double total = 0;
        for (double p : partial) total += p;
        return total;
    };
    const double one = reduce(1);
    for (int t : {2, 3, 8}) {
        const double many = reduce(t);
        CHECK(std::memcmp(&one, &many, sizeof one) == 0);  // bit-identical
    }
    // harmonic number H_n = ln n + gamma + 1/(2n) - ..., as a sanity anchor
    CHECK(std::fabs(one - (std::log(static_cast<double>(n)) + 0.5772156649015329)) < 1e-4);
}

TEST_CASE("parallel: the error of the lowest failing chunk is rethrown") {
    std::atomic<int> calls{0};
    try {
        detail::for_each_chunk(100, 10, 4, [&](techconv::index c, techconv::index, techconv::index) {
            ++calls;
            if (c == 3 || c == 7) throw std::runtime_error("chunk " + std::to_string(c));
        });
        FAIL("no throw");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "chunk 3");
    }
    CHECK(calls.load() == 10);
}
