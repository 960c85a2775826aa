// Tests of the CSV reader/writer (techconv/format/csv.hpp). Expected values are
// written out by hand from the small inputs in each case; the real-data case
// is checked against Python's csv module run on the same file.
#include <doctest/doctest.h>

#include <techconv/format/csv.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv::io::csv_options;
using techconv::io::csv_reader;

namespace {
std::vector<std::vector<std::string>> read_all(const std::string& text, csv_options o = {}) {
    std::istringstream in(text);
    csv_reader r(in, "mem.csv", o);
    std::vector<std::vector<std::string>> rows;
    while (r.next()) {
        std::vector<std::string> row;
        for (std::size_t i = 0; i < r.size(); ++i) row.emplace_back(r[i]);
        rows.push_back(row);
    }
    return rows;
}
error_code code_of(const std::string& text, csv_options o = {}) {
    try {
        read_all(text, o);
    } catch (const parse_error& e) {
        return e.code();
    }
    return error_code::none;
}
}  // namespace

TEST_CASE("csv: header, plain fields, quotes, doubled quotes, embedded newlines") {
    std::istringstream in("a,b,c\n1,\"x,y\",\"he said \"\"hi\"\"\"\n2,\"multi\nline\",\n");
    csv_reader r(in, "mem.csv");
    REQUIRE(r.header() == std::vector<std::string>{"a", "b", "c"});
    CHECK(r.find_column("b") == 1);
    CHECK(r.find_column("zz") == -1);
    REQUIRE(r.next());
    CHECK(r.line() == 2);
    CHECK(r.record() == 1);
    REQUIRE(r.size() == 3);
    CHECK(r[0] == "1");
    CHECK(r[1] == "x,y");
    CHECK(r[2] == "he said \"hi\"");
    REQUIRE(r.next());
    CHECK(r.line() == 3);
    CHECK(r[1] == "multi\nline");
    CHECK(r[2] == "");
    CHECK(r.size() == 3);
    CHECK_FALSE(r.next());
}

TEST_CASE("csv: CRLF, CR, BOM, empty lines, no final newline") {
    const auto rows = read_all("\xEF\xBB\xBFh1,h2\r\n1,2\r\n\r\n3,4\r5,6");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == std::vector<std::string>{"1", "2"});
    CHECK(rows[1] == std::vector<std::string>{"3", "4"});
    CHECK(rows[2] == std::vector<std::string>{"5", "6"});
    std::istringstream in("\xEF\xBB\xBFh1\nx\n");
    csv_reader r(in);
    CHECK(r.had_bom());
    CHECK(r.header()[0] == "h1");
}

TEST_CASE("csv: line numbers count lines inside quoted fields") {
    std::istringstream in("h\n\"a\nb\nc\"\nnext\n");
    csv_reader r(in);
    REQUIRE(r.next());
    CHECK(r.line() == 2);
    REQUIRE(r.next());
    CHECK(r.line() == 5);  // the quoted field spans lines 2-4
    CHECK(r[0] == "next");
}

TEST_CASE("csv: tab delimiter and no header") {
    csv_options o;
    o.delimiter = '\t';
    o.has_header = false;
    const auto rows = read_all("a\tb\n\"q\tq\"\tc\n", o);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1] == std::vector<std::string>{"q\tq", "c"});
}

TEST_CASE("csv: numbers with locations in errors") {
    std::istringstream in("id,count,share\nA,12,0.5\nB,,1e-3\nC,x1,2\n");
    csv_reader r(in, "counts.csv");
    const auto count = r.require_column("count");
    const auto share = r.require_column("share");
    std::int64_t v = 0;
    double d = 0;
    REQUIRE(r.next());
    CHECK(r.int_field(count, v));
    CHECK(v == 12);
    CHECK(r.double_field(share, d));
    CHECK(d == 0.5);
    REQUIRE(r.next());
    CHECK_FALSE(r.int_field(count, v));  // empty: missing, not an error
    CHECK(r.double_field(share, d));
    CHECK(d == 1e-3);
    REQUIRE(r.next());
    try {
        r.int_field(count, v);
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.code() == error_code::bad_number);
        CHECK(e.source() == "counts.csv");
        CHECK(e.line() == 4);
        CHECK(e.column() == 2);
        CHECK(e.record() == 3);
        CHECK(e.field() == "count");
        CHECK(std::string(e.what()) ==
              "counts.csv:4:2: record 3: field 'count': expected an integer, found 'x1' [bad_number]");
    }
}

TEST_CASE("csv: malformed input gives the documented error codes") {
    CHECK(code_of("") == error_code::empty_input);
    CHECK(code_of("a,b\n1,\"open\n") == error_code::unterminated_quote);
    CHECK(code_of("a,b\n\"x\"y,2\n") == error_code::bad_quote);
    CHECK(code_of(std::string("a,b\n1,2\0x\n", 11)) == error_code::nul_byte);
    CHECK(code_of("a,b\n1,\xff\n") == error_code::bad_encoding);
    csv_options wide;
    wide.require_consistent_width = true;
    CHECK(code_of("a,b\n1,2,3\n", wide) == error_code::field_count);
    csv_options small;
    small.max_record_bytes = 16;
    small.buffer_bytes = 64;
    CHECK(code_of("a\n" + std::string(100000, 'x') + "\n", small) == error_code::line_too_long);
    std::istringstream in("a\n1\n");
    csv_reader r(in);
    CHECK_THROWS_AS(r.require_column("b"), parse_error);
    CHECK_THROWS_AS(csv_reader("no/such/file.csv"), parse_error);
}

TEST_CASE("csv: bad UTF-8 names line and field, Latin-1 transcodes") {
    try {
        read_all("name,city\nok,fine\nx,M\xfcnchen\n");
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.code() == error_code::bad_encoding);
        CHECK(e.line() == 3);
        CHECK(e.column() == 2);
        CHECK(e.field() == "city");
    }
    csv_options o;
    o.encoding = techconv::io::text_encoding::latin1;
    const auto rows = read_all("name,city\nx,M\xfcnchen\n", o);
    CHECK(rows[0][1] == "M\xc3\xbcnchen");
}

TEST_CASE("csv: small read buffers give the same records as large ones") {
    std::string text = "a,b,c\n";
    for (int i = 0; i < 500; ++i)
        text += std::to_string(i) + ",\"q" + std::to_string(i) + "\n\"\"x\"\"\",tail" + std::to_string(i % 7) + "\r\n";
    csv_options tiny;
    tiny.buffer_bytes = 64;
    CHECK(read_all(text, tiny) == read_all(text));
    CHECK(read_all(text).size() == 500);
}

TEST_CASE("csv writer: quoting and round trip") {
    std::ostringstream out;
    techconv::io::csv_writer w(out);
    w.row({"id", "text"});
    w.field("A").field("has,comma").end_row();
    w.field("B").field("say \"x\"\nnext").end_row();
    w.field(0.1).field(std::int64_t{42}).end_row();
    CHECK(out.str() == "id,text\nA,\"has,comma\"\nB,\"say \"\"x\"\"\nnext\"\n0.1,42\n");
    const auto rows = read_all(out.str());
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][1] == "say \"x\"\nnext");
}

TEST_CASE("csv: the Lens jet-engine export agrees with Python's csv module" * doctest::test_suite("data")) {
    const auto path = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    // Reference: Python's csv module counts records and sums the field lengths
    // of every record (an independent parser run on the same file).
    const auto ref = techconv_test::parse_numbers(
        techconv_test::run_python("format/csv_reference.py", {path}));
    REQUIRE(ref.size() == 3);
    csv_reader r(path);
    double records = 0, fields = 0, bytes = 0;
    while (r.next()) {
        records += 1;
        fields += static_cast<double>(r.size());
        for (std::size_t i = 0; i < r.size(); ++i) bytes += static_cast<double>(r[i].size());
    }
    CHECK(records == ref[0]);
    CHECK(fields == ref[1]);
    CHECK(bytes == ref[2]);
    CHECK(records == 3779);  // PROVENANCE.md: 3,779 publications
}
