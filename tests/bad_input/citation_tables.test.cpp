// Bad-input catalogue, citation and class tables (io::read_citation_table,
// io::read_class_table, techconv quality --citations / --classes): a cell that
// is no publication number, no year or no IPC symbol, or a missing column, is
// an error naming the file, the line, the column and the field; blank rows are
// skipped.
#include <doctest/doctest.h>

#include <techconv/io/citations.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

namespace citation_tables_bad {

namespace tio = techconv::io;
using techconv::error_code;
using techconv_bad_input::expected_error;

void expect_citations(const std::string& text, const expected_error& want) {
    std::istringstream in(text);
    try {
        tio::read_citation_table(in, "cites.csv");
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        techconv_bad_input::check_error(e, want, "cites.csv");
    }
}

void expect_classes(const std::string& text, const expected_error& want) {
    std::istringstream in(text);
    try {
        tio::read_class_table(in, "classes.csv");
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        techconv_bad_input::check_error(e, want, "classes.csv");
    }
}

}  // namespace citation_tables_bad

TEST_CASE("bad input: citation table: missing column, bad number, empty number, bad year") {
    using citation_tables_bad::expect_citations;
    // no `cited` column: the header line, no column
    expect_citations("citing,cites\nUS 1 B1,US 2 B1\n", {techconv::error_code::missing_column, 1, 0, 0, "cited"});
    // line 3, column 2 (`cited`), record 2: not a publication number
    expect_citations("citing,cited\nUS 1 B1,US 2 B1\nUS 3 B1,see above\n",
                     {techconv::error_code::bad_value, 3, 2, 2, "cited"});
    // line 2, column 1: empty
    expect_citations("citing,cited\n,US 2 B1\n", {techconv::error_code::bad_value, 2, 1, 1, "citing"});
    // line 2, column 3: not a year; line 3: a year outside 1..9999
    expect_citations("citing,cited,citing_year\nUS 1 B1,US 2 B1,soon\n",
                     {techconv::error_code::bad_year, 2, 3, 1, "citing_year"});
    expect_citations("citing,cited,citing_year\nUS 1 B1,US 2 B1,2001\nUS 1 B1,US 3 B1,0\n",
                     {techconv::error_code::bad_year, 3, 3, 2, "citing_year"});
}

TEST_CASE("bad input: citation table: blank rows are skipped, other columns ignored") {
    std::istringstream in("note,citing,cited\n,,\nx,US5123456B2,US-4000001-A\n");
    const auto rows = techconv::io::read_citation_table(in, "cites.csv");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].citing == "US 5123456 B2");
    CHECK(rows[0].cited == "US 4000001 A");
    CHECK(rows[0].citing_year == techconv::no_year);
    CHECK(rows[0].line == 3);
}

TEST_CASE("bad input: class table: missing column, bad symbol, bad id") {
    using citation_tables_bad::expect_classes;
    expect_classes("id,code\nUS 1 B1,A01B\n", {techconv::error_code::missing_column, 1, 0, 0, "ipc"});
    // line 3, column 2 (`ipc`), record 2: not an IPC symbol
    expect_classes("id,ipc\nUS 1 B1,A01B 1/00\nUS 2 B1,Q01B 1/00\n", {techconv::error_code::bad_code, 3, 2, 2, "ipc"});
    expect_classes("id,ipc\nUS 1 B1,\n", {techconv::error_code::bad_code, 2, 2, 1, "ipc"});
    expect_classes("id,ipc\n12345,A01B\n", {techconv::error_code::bad_value, 2, 1, 1, "id"});
}
