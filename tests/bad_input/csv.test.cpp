// Bad-input catalogue, part 1: the CSV reader (format/csv.hpp) and number
// fields. One test case per catalogue entry of docs/reliability.md; every
// expected location is counted by hand from the small input in the case
// (lines and fields are 1-based, records count data rows after the header).
#include <doctest/doctest.h>

#include <techconv/format/csv.hpp>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv::io::csv_options;
using techconv::io::csv_reader;
using techconv_bad_input::expected_error;

namespace {

using rows_t = std::vector<std::vector<std::string>>;

// Reads `text` to its end or its first error. Returns the records delivered
// before the error; checks the error (if `want` is given) or its absence.
rows_t read_expect(const std::string& text, const expected_error* want, csv_options o = {},
                   std::vector<std::string>* header = nullptr) {
    rows_t rows;
    std::istringstream in(text);
    try {
        csv_reader r(in, "bad.csv", o);
        if (header) *header = r.header();
        while (r.next()) {
            std::vector<std::string> row;
            for (std::size_t i = 0; i < r.size(); ++i) row.emplace_back(r[i]);
            rows.push_back(row);
        }
        CHECK_MESSAGE(want == nullptr, "expected a parse_error, none was thrown");
    } catch (const parse_error& e) {
        REQUIRE_MESSAGE(want != nullptr, e.what());
        techconv_bad_input::check_error(e, *want, "bad.csv");
    }
    return rows;
}

rows_t read_ok(const std::string& text, csv_options o = {}, std::vector<std::string>* header = nullptr) {
    return read_expect(text, nullptr, o, header);
}

}  // namespace

TEST_CASE("bad input: csv: empty file") {
    // With a header required: empty_input at line 1, nothing else to report.
    const expected_error want{error_code::empty_input, 1, 0, 0, ""};
    CHECK(read_expect("", &want).empty());
    // Only a BOM, or only blank lines, is empty too.
    CHECK(read_expect("\xEF\xBB\xBF", &want).empty());
    const expected_error blank{error_code::empty_input, 1, 0, 0, ""};
    CHECK(read_expect("\n\r\n\n", &blank).empty());
    // Without a header an empty file is zero records, not an error.
    csv_options o;
    o.has_header = false;
    CHECK(read_ok("", o).empty());
}

TEST_CASE("bad input: csv: header only") {
    std::vector<std::string> header;
    CHECK(read_ok("id,title,year\n", {}, &header).empty());  // zero records, no error
    CHECK(header == std::vector<std::string>{"id", "title", "year"});
    CHECK(read_ok("id,title,year", {}, &header).empty());    // no final newline
}

TEST_CASE("bad input: csv: truncated last record") {
    // (a) cut inside a quoted field: unterminated_quote at the record's first
    // line (3), field 2 'title', record 2; record 1 was delivered before.
    const expected_error want{error_code::unterminated_quote, 3, 2, 2, "title"};
    const auto rows = read_expect("id,title,year\n1,\"Jet\",2001\n2,\"Turbine bla", &want);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == std::vector<std::string>{"1", "Jet", "2001"});
    // (b) cut between fields: the short record is kept with the fields it has
    // (size 2 < 3: the caller sees the missing field) ...
    const auto kept = read_ok("id,title,year\n1,Jet,2001\n2,Turb");
    REQUIRE(kept.size() == 2);
    CHECK(kept[1] == std::vector<std::string>{"2", "Turb"});
    // ... or, with require_consistent_width, field_count at line 3, record 2.
    csv_options strict;
    strict.require_consistent_width = true;
    const expected_error width{error_code::field_count, 3, 1, 2, "id"};
    CHECK(read_expect("id,title,year\n1,Jet,2001\n2,Turb", &width, strict).size() == 1);
}

TEST_CASE("bad input: csv: missing required column") {
    std::istringstream in("\n\nid,title\n1,x\n");
    csv_reader r(in, "bad.csv");
    try {
        (void)r.require_column("Publication Year");
        FAIL("expected missing_column");
    } catch (const parse_error& e) {
        // The header is on line 3 (two blank lines skipped); the field is the missing name.
        techconv_bad_input::check_error(e, {error_code::missing_column, 3, 0, 0, "Publication Year"},
                                        "bad.csv");
    }
}

TEST_CASE("bad input: csv: extra columns") {
    // Kept: the record has 4 fields against 3 header names; the 4th has no name.
    std::istringstream in("a,b,c\n1,2,3,4\n");
    csv_reader r(in, "bad.csv");
    REQUIRE(r.next());
    CHECK(r.size() == 4);
    CHECK(r[3] == "4");
    CHECK(r.location(3).field.empty());
    CHECK(r.location(3).column == 4);
    // Rejected with require_consistent_width: field_count at line 2, record 1.
    csv_options strict;
    strict.require_consistent_width = true;
    const expected_error want{error_code::field_count, 2, 1, 1, "a"};
    CHECK(read_expect("a,b,c\n1,2,3,4\n", &want, strict).empty());
}

TEST_CASE("bad input: csv: wrong delimiter") {
    // A semicolon file read as comma CSV has one column named "id;title;year":
    // the first required column is missing_column at the header line.
    std::istringstream in("id;title;year\n1;Jet;2001\n");
    csv_reader r(in, "bad.csv");
    CHECK(r.header() == std::vector<std::string>{"id;title;year"});
    try {
        (void)r.require_column("title");
        FAIL("expected missing_column");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, {error_code::missing_column, 1, 0, 0, "title"}, "bad.csv");
    }
    // A tab-delimited export read as CSV: same outcome.
    std::istringstream tabs("PT\tAU\tTI\nJ\tKim\tX\n");
    csv_reader t(tabs, "bad.csv");
    CHECK(t.header().size() == 1);
    CHECK(t.find_column("TI") == -1);
}

TEST_CASE("bad input: csv: byte-order mark") {
    // Skipped at the start (had_bom() says so); the first name is clean.
    std::istringstream in("\xEF\xBB\xBFid,title\n1,x\n");
    csv_reader r(in, "bad.csv");
    CHECK(r.had_bom());
    CHECK(r.header()[0] == "id");
    CHECK(r.require_column("id") == 0);
    // A BOM anywhere else is text (U+FEFF), kept as it is.
    const auto rows = read_ok("id\n\xEF\xBB\xBFx\n");
    CHECK(rows[0][0] == "\xEF\xBB\xBFx");
}

TEST_CASE("bad input: csv: CRLF and CR line ends") {
    // No CR reaches a field; lines count CRLF, CR and LF alike.
    std::istringstream in("id,title\r\n1,a\r2,b\n3,\"c\r\nd\"\r\n");
    csv_reader r(in, "bad.csv");
    REQUIRE(r.next());
    CHECK(r.line() == 2);
    CHECK(r[1] == "a");
    REQUIRE(r.next());
    CHECK(r.line() == 3);
    CHECK(r[1] == "b");
    REQUIRE(r.next());
    CHECK(r.line() == 4);
    CHECK(r[1] == "c\r\nd");  // inside quotes the bytes are data and kept
    CHECK_FALSE(r.next());
}

TEST_CASE("bad input: csv: non-UTF-8 bytes") {
    // bad_encoding at the record's line (3), the field's index (2) and name,
    // record 2; record 1 was delivered.
    const expected_error want{error_code::bad_encoding, 3, 2, 2, "applicant"};
    const auto rows = read_expect("id,applicant\n1,Rolls\n2,Soci\xE9t\xE9 G\n", &want);
    CHECK(rows.size() == 1);
    // The same bytes as Latin-1 are kept, transcoded to UTF-8.
    csv_options latin;
    latin.encoding = techconv::io::text_encoding::latin1;
    const auto fixed = read_ok("id,applicant\n1,Rolls\n2,Soci\xE9t\xE9 G\n", latin);
    REQUIRE(fixed.size() == 2);
    CHECK(fixed[1][1] == "Soci\xC3\xA9t\xC3\xA9 G");
    // Invalid halves in two adjacent fields are caught in the first one.
    const expected_error split{error_code::bad_encoding, 2, 1, 1, "a"};
    read_expect("a,b\n\xDE,\xB9\n", &split);
}

TEST_CASE("bad input: csv: NUL bytes") {
    using namespace std::string_literals;
    // In an unquoted field: nul_byte at line 2, field 2.
    const expected_error plain{error_code::nul_byte, 2, 2, 1, "b"};
    read_expect("a,b\nx,y\0z\n"s, &plain);
    // In a quoted field that started on line 2 (the error names that line).
    const expected_error quoted{error_code::nul_byte, 2, 1, 1, "a"};
    read_expect("a,b\n\"x\ny\0\",z\n"s, &quoted);
    // Right after a closing quote.
    const expected_error after{error_code::nul_byte, 2, 1, 1, "a"};
    read_expect("a,b\n\"x\"\0,z\n"s, &after);
}

TEST_CASE("bad input: csv: a record longer than the limit is rejected while streaming") {
    // A 1 TiB stream of 'x' without a line end, generated on the fly. With a
    // 1 MiB limit the reader stops after about the limit plus one read block.
    csv_options o;
    o.has_header = false;
    o.max_record_bytes = std::size_t{1} << 20;
    o.buffer_bytes = std::size_t{1} << 16;
    techconv_bad_input::endless_buf buf("x", std::uint64_t{1} << 40);
    std::istream in(&buf);
    try {
        csv_reader r(in, "bad.csv", o);
        (void)r.next();
        FAIL("expected line_too_long");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, {error_code::line_too_long, 1, 1, 1, ""}, "bad.csv");
    }
    CHECK(buf.handed_out() <= o.max_record_bytes + 2 * o.buffer_bytes + (std::size_t{1} << 16));
}

TEST_CASE("bad input: csv: delimiters count toward the record limit and too many fields fail") {
    // A stream of only commas has empty fields: the byte limit still applies.
    csv_options o;
    o.has_header = false;
    o.max_record_bytes = 4096;
    o.buffer_bytes = 1024;
    techconv_bad_input::endless_buf commas(",", std::uint64_t{1} << 40);
    std::istream in(&commas);
    try {
        csv_reader r(in, "bad.csv", o);
        (void)r.next();
        FAIL("expected line_too_long");
    } catch (const parse_error& e) {
        CHECK(e.code() == error_code::line_too_long);
        CHECK(e.line() == 1);
    }
    CHECK(commas.handed_out() <= 4096 + 2 * 1024 + (std::size_t{1} << 16));
    // max_fields: the 4th field of a 3-field limit is limit_exceeded, field 4.
    csv_options f;
    f.max_fields = 3;
    const expected_error want{error_code::limit_exceeded, 2, 4, 1, ""};
    CHECK(read_expect("a,b,c\n1,2,3,4\n", &want, f).empty());
}

TEST_CASE("bad input: csv: NaN, Inf, negative and overflowing counts") {
    std::istringstream in(
        "id,count,share\n"
        "a,NaN,NaN\n"
        "b,inf,-Infinity\n"
        "c,-3,-0.5\n"
        "d,99999999999999999999,1e400\n"
        "e,+-5,12abc\n"
        "f,,\n");
    csv_reader r(in, "bad.csv");
    std::int64_t v = 0;
    double d = 0;
    const auto expect_throw = [&](bool as_int, std::size_t col, error_code code) {
        try {
            if (as_int)
                (void)r.int_field(col, v);
            else
                (void)r.double_field(col, d);
            FAIL("expected a parse_error");
        } catch (const parse_error& e) {
            techconv_bad_input::check_error(
                e, {code, r.line(), col + 1, r.record(), r.header()[col]}, "bad.csv");
        }
    };
    REQUIRE(r.next());  // line 2: NaN is not an integer; as a double it is not finite
    expect_throw(true, 1, error_code::bad_number);
    expect_throw(false, 2, error_code::non_finite);
    REQUIRE(r.next());  // line 3: infinities
    expect_throw(true, 1, error_code::bad_number);
    expect_throw(false, 2, error_code::non_finite);
    REQUIRE(r.next());  // line 4: negative numbers parse; a count reader must reject them
    CHECK(r.int_field(1, v));
    CHECK(v == -3);
    CHECK(r.double_field(2, d));
    CHECK(d == -0.5);
    REQUIRE(r.next());  // line 5: overflow of int64 and of double
    expect_throw(true, 1, error_code::out_of_range);
    expect_throw(false, 2, error_code::out_of_range);
    REQUIRE(r.next());  // line 6: sign garbage, trailing text
    expect_throw(true, 1, error_code::bad_number);
    expect_throw(false, 2, error_code::bad_number);
    REQUIRE(r.next());  // line 7: empty = missing (false), never a silent zero
    CHECK_FALSE(r.int_field(1, v));
    CHECK_FALSE(r.double_field(2, d));
    CHECK_FALSE(r.next());
}

TEST_CASE("bad input: csv: blank lines, lone empty fields and one-record input") {
    // Blank lines are not records; a line holding "" is a record with one empty field.
    const auto rows = read_ok("h\n\n\"\"\n\nx\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{""});
    CHECK(rows[1] == std::vector<std::string>{"x"});
    // A single data record, with or without a final newline.
    CHECK(read_ok("a,b\n1,2").size() == 1);
    CHECK(read_ok("a,b\n1,2\n").size() == 1);
    // The writer writes a lone empty field as "" so it survives a round trip.
    std::ostringstream out;
    techconv::io::csv_writer w(out);
    w.field("h").end_row().field("").end_row();
    CHECK(out.str() == "h\n\"\"\n");
    CHECK(read_ok(out.str()).size() == 1);
}

TEST_CASE("bad input: csv: duplicated records and duplicated column names are kept") {
    // The CSV layer has no record identity: both copies are delivered, and the
    // module readers decide (see the module cases). A repeated column name
    // resolves to its first occurrence; the second stays reachable by index.
    std::istringstream in("id,x,x\n1,a,b\n1,a,b\n");
    csv_reader r(in, "bad.csv");
    CHECK(r.find_column("x") == 1);
    int n = 0;
    while (r.next()) {
        ++n;
        CHECK(r[2] == "b");
    }
    CHECK(n == 2);
}

TEST_CASE("bad input: csv: reading on after a bad_encoding record keeps record numbers") {
    // Record 2 (line 3) has invalid UTF-8; a caller that skips it reads
    // record 3 on line 4 with its true number.
    std::istringstream in("a\nok\nM\xFC\nnext\n");
    csv_reader r(in, "bad.csv");
    REQUIRE(r.next());
    CHECK(r.record() == 1);
    try {
        (void)r.next();
        FAIL("expected bad_encoding");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, {error_code::bad_encoding, 3, 1, 2, "a"}, "bad.csv");
    }
    REQUIRE(r.next());
    CHECK(r[0] == "next");
    CHECK(r.line() == 4);
    CHECK(r.record() == 3);
}
