// SPDX-License-Identifier: BSL-1.0
// The table `techconv weights` reads (io::read_numeric_table): a first column of numbers with one
// empty, `nan` or `NA` cell used to become the id column and vanish from the weighting; it is a
// numeric column, so the bad cell is an error naming file, line, column and field
// (docs/reliability.md, "Implausible values"). Locations by hand: the header is line 1.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <techconv/io/numeric_table.hpp>

#include "catalogue.hpp"
#include "test_support.hpp"

namespace tio = techconv::io;
using techconv::error_code;
using techconv_bad_input::expected_error;

namespace {
void first_column_cell_is_an_error(const std::string& cell) {
    INFO("cell '" << cell << "'");
    const std::string path = techconv_test::temp_path("numeric-first.csv");
    techconv_test::write_file(path, "x,y\n1.5,2\n" + cell + ",3\n2,1\n");
    try {
        (void)tio::read_numeric_table(path);
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        // line 3, column 1, the second data row, column "x"
        techconv_bad_input::check_error(e, expected_error{error_code::bad_number, 3, 1, 2, "x"}, path);
    }
}
}  // namespace

TEST_CASE("bad input: weights table: an empty, nan or NA first cell is an error, not an id column") {
    for (const char* cell : {"", " ", "nan", "NaN", "inf", "NA", "n/a", "null", "-", "?", "#N/A", "#VALUE!", "1e999"})
        first_column_cell_is_an_error(cell);
}

TEST_CASE("bad input: weights table: text in the first column still makes it the id column") {
    const std::string path = techconv_test::temp_path("numeric-ids.csv");
    techconv_test::write_file(path, "patent,x\nP1,1\nnan,2\nUS 1 A,3\n");
    const auto t = tio::read_numeric_table(path);
    CHECK(t.has_id_column);  // "P1" and "US 1 A" are identifiers, so "nan" is one too
    CHECK(t.columns == std::vector<std::string>{"x"});
    CHECK(t.ids == std::vector<std::string>{"P1", "nan", "US 1 A"});
    CHECK(t.values(2, 0) == 3.0);
}

TEST_CASE("bad input: weights table: rows with every cell empty are skipped and counted") {
    // Two emptied rows (",," and " , ,") between and after the data: 2 rows read, 2 skipped (by hand).
    const std::string path = techconv_test::temp_path("numeric-blank.csv");
    techconv_test::write_file(path, "id,x,y\nA,1,2\n,,\nB,3,4\n , ,\n");
    const auto t = tio::read_numeric_table(path);
    CHECK(t.ids == std::vector<std::string>{"A", "B"});
    CHECK(t.blank_rows == 2);
    CHECK(t.lines == std::vector<std::size_t>{2, 4});
    CHECK(tio::table_note(path, t).find("skipped 2 rows with every cell empty") != std::string::npos);
}
