// SPDX-License-Identifier: BSL-1.0
// Exports touched by a spreadsheet, and rows of the wrong width (docs/reliability.md,
// "Dates" and "Rows of the wrong width"). Expected years by hand from the rules in
// io/dates.hpp; serial day numbers checked with Python's datetime:
// date(1899, 12, 30) + timedelta(41906) = 2014-09-24, + 10000 = 1927-05-18.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <techconv/io/dates.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/io/scopus.hpp>

#include "catalogue.hpp"

namespace io = techconv::io;
using techconv::error_code;
using techconv::parse_error;
using techconv_bad_input::expected_error;

namespace {
void year_is(const char* text, techconv::year_type ref, techconv::year_type want, io::date_rule rule) {
    INFO(std::string(text));
    const auto y = io::parse_date_year(text, ref);
    REQUIRE(y.has_value());
    CHECK(y->year == want);
    CHECK(y->rule == rule);
}
}  // namespace

TEST_CASE("dates: the forms a spreadsheet writes, and the rule that read each") {
    using R = io::date_rule;
    const auto none = techconv::no_year;
    year_is("2014", none, 2014, R::year_first);
    year_is("2014-09-24", none, 2014, R::year_first);
    year_is("2014/9/24", none, 2014, R::year_first);
    year_is("2014.09.24", none, 2014, R::year_first);
    year_is("20140924", none, 2014, R::year_first);
    year_is("2014-09", none, 2014, R::year_first);
    year_is("2014-09-24T10:00:00Z", none, 2014, R::year_first);
    year_is("24.09.2014", none, 2014, R::year_last);
    year_is("9/24/2014", none, 2014, R::year_last);
    year_is("24-09-2014", none, 2014, R::year_last);
    year_is("13 Apr 2017", none, 2017, R::year_last);  // the Derwent form (derwent-dii-drones PD)
    year_is("1 dec 1999", none, 1999, R::year_last);
    // two-digit years: by the record's reference year (the latest year <= reference ending in YY)
    year_is("9/24/14", 2015, 2014, R::two_digit_reference);
    year_is("24/08/71", 1976, 1971, R::two_digit_reference);
    year_is("1/1/99", 2001, 1999, R::two_digit_reference);
    year_is("1/1/01", 2001, 2001, R::two_digit_reference);
    // ... and without one, the window 00-29 -> 20xx, 30-99 -> 19xx
    year_is("9/24/14", none, 2014, R::two_digit_window);
    year_is("1/2/29", none, 2029, R::two_digit_window);
    year_is("1/2/30", none, 1930, R::two_digit_window);
    year_is("9/24/14 0:00", none, 2014, R::two_digit_window);
    // a year column written as decimals (pandas with a missing value, a spreadsheet's number format)
    year_is("2014.0", none, 2014, R::year_first);
    year_is("2014.00", none, 2014, R::year_first);
    // serial day numbers
    year_is("41906", none, 2014, R::serial_day);
    year_is("10000", none, 1927, R::serial_day);
    // not dates, or implausible years
    for (const char* bad : {"0000", "0201", "3000", "13/13/2014", "2014-13-01", "2014-09-32", "9/24", "9/24/2014x",
                            "24.09.201", "123456", "Sep 24 2014", "", "1/2/3", "00/00/00", "2014.0.1", "2014.",
                            "2.014E+03", "13 Apx 2017", "32 Apr 2017", "0 Apr 2017", "13 Apr 17", "13 Apr 2017x", "13  Apr 2017",
                            "13 Apr 1066"}) {
        INFO(std::string(bad));
        CHECK_FALSE(io::parse_date_year(bad).has_value());
    }
}

TEST_CASE("bad input: lens: a spreadsheet-saved export is read, with the date rules counted") {
    // The 2015 layout (no Lens ID) as a spreadsheet saves it: day-first two-digit dates.
    const std::string text =
        "Jurisdiction,Kind,Publication Number,Publication Date,Publication Year,Application Date,Cited Count\n"
        "US,A1,US 2013/0101709 A1,25/04/13,2013,22/10/12,3\n"
        "US,A,US 3982033 A,21/09/76,1976,24/08/71,9\n";
    std::istringstream in(text);
    io::lens_reader r(in, "pizza.csv");
    io::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.publication_year == 2013);
    CHECK(rec.application_year == 2012);
    REQUIRE(r.next(rec));
    CHECK(rec.publication_year == 1976);
    CHECK(rec.application_year == 1971);  // not 2071: the publication year is the reference
    CHECK_FALSE(r.next(rec));
    const auto& rules = r.stats().date_rules;
    CHECK(rules[static_cast<std::size_t>(io::date_rule::year_first)] == 2);  // the Publication Year cells
    CHECK(rules[static_cast<std::size_t>(io::date_rule::two_digit_reference)] == 2);
    // A year that is not a year is an error with its location.
    std::istringstream bad("Publication Number,Publication Year\nUS 1 A,0000\n");
    try {
        io::lens_reader b(bad, "zero.csv");
        while (b.next(rec)) {
        }
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, expected_error{error_code::bad_year, 2, 2, 1, "Publication Year"},
                                        "zero.csv");
    }
}

TEST_CASE("bad input: lens: rows with too few or too many fields") {
    const std::string text =
        "Lens ID,Publication Number,Cited by Patent Count,Simple Family Size\n"
        "000-1,US 1 A,3,2\n"
        "000-2,US 2 A,4\n"          // line 3: one field short (the family size would be lost)
        "000-3,US 3 A,5,1,extra\n"  // line 4: one field too many
        "000-4,US 4 A,6,1\n";
    {
        std::istringstream in(text);
        io::lens_reader r(in, "short.csv");
        io::patent_record rec;
        REQUIRE(r.next(rec));
        try {
            r.next(rec);
            FAIL("expected a parse_error");
        } catch (const parse_error& e) {
            techconv_bad_input::check_error(e, expected_error{error_code::field_count, 3, 1, 2, "Lens ID"}, "short.csv");
            const std::string what = e.what();
            CHECK(what.find("3 fields") != std::string::npos);
            CHECK(what.find("the header has 4") != std::string::npos);
        }
    }
    // Asked to skip: the two rows are skipped, counted and listed; the others are read whole.
    io::patent_csv_options o;
    o.skip_malformed_rows = true;
    std::istringstream in(text);
    io::lens_reader r(in, "short.csv", o);
    io::patent_record rec;
    std::vector<std::string> ids;
    while (r.next(rec)) ids.push_back(rec.id);
    CHECK(ids == std::vector<std::string>{"US 1 A", "US 4 A"});
    CHECK(r.stats().malformed_rows == 2);
    CHECK(r.stats().malformed_lines == std::vector<std::size_t>{3, 4});
}

TEST_CASE("lens: the 2016/2017 layout's Non-Patent Citations list is counted") {
    const std::string text =
        "Lens ID,Publication Number,Non-Patent Citations\n"
        "000-1,US 1 A,Smith 2001 Nature;;Jones 2003 Science;;Lee 2009\n"
        "000-2,US 2 A,\n";
    std::istringstream in(text);
    io::lens_reader r(in, "npl.csv");
    io::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.has(io::patent_field::npl_list));
    CHECK(rec.npl_list_items == 3);
    REQUIRE(r.next(rec));
    CHECK(rec.npl_list_items == 0);  // supplied and empty: a real zero
}

TEST_CASE("lens: fixed-width 14-character codes keep their main group") {
    // WIPO's 14-character form: subclass, main group right-aligned in 4 digits, subgroup
    // left-aligned in 6 (by hand: 0003|080000 -> 3/08, 0021|027000 -> 21/027, 0017|300000 -> 17/30).
    const std::string text =
        "Lens ID,Publication Number,IPCR Classifications\n"
        "000-1,US 1 A,G06N0003080000;;H01L0021027000;;G06F0017300000\n";
    std::istringstream in(text);
    io::lens_reader r(in, "fixed.csv");
    io::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.ipc == std::vector<std::string>{"G06N3/08", "H01L21/027", "G06F17/30"});
}

TEST_CASE("bad input: lens: a column named twice is an error, not the first one guessed") {
    // Two "Cited by Patent Count" columns (a copy pasted beside the export): which one holds the
    // counts is unknowable. Location by hand: header line 1, the second column of the name (4th).
    const std::string text =
        "Lens ID,Publication Number,Cited by Patent Count,cited by patent count\n"
        "000-1,US 1 A,3,7\n";
    std::istringstream in(text);
    try {
        io::lens_reader r(in, "twice.csv");
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, expected_error{error_code::duplicate_column, 1, 4, 0, "cited by patent count"},
                                        "twice.csv");
        CHECK(std::string(e.what()).find("columns 3 and 4") != std::string::npos);
    }
    // A column the reader does not use may be named twice.
    std::istringstream ok("Lens ID,Publication Number,Notes,Notes\n000-1,US 1 A,a,b\n");
    io::lens_reader r(ok, "notes.csv");
    io::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.id == "US 1 A");
}

TEST_CASE("bad input: lens: counts written as decimals are read when whole, an error otherwise") {
    // "3.0" is what pandas writes for a count column with a missing value: the count 3. A
    // fraction or an exponent (a spreadsheet's display form "8.00E+00", which may have rounded
    // a larger count) is a located bad_number error. Locations by hand: header is line 1.
    const std::string header = "Lens ID,Publication Number,Publication Year,Cited by Patent Count\n";
    std::istringstream in(header + "000-1,US 1 A,2011.0,3.0\n000-2,US 2 A,2012,4.00\n000-3,US 3 A,2013,\n");
    io::lens_reader r(in, "decimals.csv");
    io::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.publication_year == 2011);
    CHECK(rec.counts.get(techconv::io::indicator::forward_citations) == 3);
    REQUIRE(r.next(rec));
    CHECK(rec.counts.get(techconv::io::indicator::forward_citations) == 4);
    REQUIRE(r.next(rec));
    CHECK_FALSE(rec.counts.has(techconv::io::indicator::forward_citations));
    for (const char* bad : {"3.5", "8.00E+00", "3.", ".0"}) {
        INFO(bad);
        std::istringstream b(header + "000-1,US 1 A,2011," + bad + "\n");
        io::lens_reader rb(b, "decimals.csv");
        try {
            rb.next(rec);
            FAIL("expected a parse_error");
        } catch (const parse_error& e) {
            techconv_bad_input::check_error(e, expected_error{error_code::bad_number, 2, 4, 1, "Cited by Patent Count"},
                                            "decimals.csv");
        }
    }
}

TEST_CASE("bad input: rows a spreadsheet emptied (every field empty) are skipped and counted") {
    // Rows 3 and 5 and 6 are delimiters only, as a spreadsheet saves rows whose content was
    // deleted inside its used range: skipped like blank lines (3 counted, by hand), the others read.
    const std::string text = "Lens ID,Publication Number,Cited by Patent Count\n000-1,US 1 A,3\n,,\n000-2,US 2 A,4\n"
                             ",,\n , ,\n";
    std::istringstream in(text);
    io::lens_reader r(in, "emptied.csv");
    io::patent_record rec;
    std::vector<std::string> ids;
    while (r.next(rec)) ids.push_back(rec.id);
    CHECK(ids == std::vector<std::string>{"US 1 A", "US 2 A"});
    CHECK(r.stats().blank_rows == 3);
    CHECK(io::input_note("emptied.csv", r.stats()).find("skipped 3 rows with every field empty") != std::string::npos);
    // a row with an empty id but other values stays an error (it is not blank)
    std::istringstream bad("Lens ID,Publication Number,Cited by Patent Count\n,,5\n");
    io::lens_reader rb(bad, "emptied.csv");
    CHECK_THROWS_AS(rb.next(rec), parse_error);
}
