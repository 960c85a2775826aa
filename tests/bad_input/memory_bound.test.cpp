// SPDX-License-Identifier: BSL-1.0
// The --max-memory bound (docs/reliability.md, "Bounds"): every reading that fills a table
// (patents, papers, a numeric table) stops with a located limit_exceeded error once the records
// read so far take more than the bound, and the column bound applies to the paper readers and
// the numeric table too. Inputs are generated here; the rows at which a bound fires follow from
// the check points stated in the headers (every 1,024 records and at the end of each file for
// the tables, every row for the numeric table).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <techconv/format/input.hpp>
#include <techconv/io/numeric_table.hpp>
#include <techconv/io/papers.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/report/command_line.hpp>

#include "catalogue.hpp"
#include "test_support.hpp"

using techconv::error_code;
namespace io = techconv::io;

namespace {

std::string lens_rows(int n) {
    std::string s = "Lens ID,Publication Number,Publication Year,IPCR Classifications,Cited by Patent Count\n";
    for (int i = 1; i <= n; ++i)
        s += "000-" + std::to_string(i) + ",US " + std::to_string(i) + " A,2010,G06N3/08;;H04L9/00," +
             std::to_string(i % 7) + "\n";
    return s;
}

std::string wos_tab_rows(int n) {
    std::string s = "PT\tAU\tTI\tPY\tC1\tUT\n";
    for (int i = 1; i <= n; ++i)
        s += "J\tKim\tT\t2019\t[Kim] Univ X, Seoul, South Korea; [Li] Univ Y, Beijing, Peoples R China\tWOS:" +
             std::to_string(i) + "\n";
    return s;
}

void expect_memory_error(const techconv::parse_error& e, const std::string& source) {
    CHECK(e.code() == error_code::limit_exceeded);
    CHECK(e.source() == source);
    CHECK(e.line() > 1);
    CHECK(std::string(e.what()).find("--max-memory") != std::string::npos);
}

}  // namespace

TEST_CASE("bad input: memory bound: patents, papers and numeric tables stop while they read") {
    const std::string lens = techconv_test::temp_path("bound-lens.csv");
    techconv_test::write_file(lens, lens_rows(3000));
    io::read_patents_options po;
    po.limits.max_memory_bytes = 64 << 10;  // 64 KiB: 3,000 records take more (about 100 B each at least)
    try {
        (void)io::read_patent_table({lens}, po);
        FAIL("expected limit_exceeded");
    } catch (const techconv::parse_error& e) {
        expect_memory_error(e, lens);
        CHECK(e.record() == 1024);  // the first check point
        CHECK(e.line() == 1025);    // record 1,024 is on line 1,025 (the header is line 1)
    }
    try {
        (void)io::read_patents({lens}, po);  // the vector reading counts each record's bytes
        FAIL("expected limit_exceeded");
    } catch (const techconv::parse_error& e) {
        expect_memory_error(e, lens);
    }
    po.limits.max_memory_bytes = 0;  // no bound: reads
    CHECK(io::read_patent_table({lens}, po).table.size() == 3000);

    // A small file is checked at its end: 10 papers against a 1 KiB bound.
    const std::string wos = techconv_test::temp_path("bound-wos.txt");
    techconv_test::write_file(wos, wos_tab_rows(10));
    io::read_papers_options ro;
    ro.max_memory_bytes = 1024;
    try {
        (void)io::read_paper_table({wos}, ro);
        FAIL("expected limit_exceeded");
    } catch (const techconv::parse_error& e) {
        expect_memory_error(e, wos);
        CHECK(e.record() == 10);
        CHECK(e.line() == 11);
    }
    ro.max_memory_bytes = 0;
    CHECK(io::read_paper_table({wos}, ro).table.size() == 10);

    // The numeric table, checked at every row: the id cell as text (32 + its length) and 8 bytes
    // per converted cell, 100 rows.
    const std::string table = techconv_test::temp_path("bound-table.csv");
    std::string t = "id,a,b\n";
    for (int i = 1; i <= 100; ++i) t += "r" + std::to_string(i) + ",1,2\n";
    techconv_test::write_file(table, t);
    io::numeric_table_options no;
    no.max_memory_bytes = 1000;  // rows 1-9 hold 2 + 32 + 2 * 8 = 50 bytes each, rows 10-99 51
    try {
        (void)io::read_numeric_table(table, no);
        FAIL("expected limit_exceeded");
    } catch (const techconv::parse_error& e) {
        expect_memory_error(e, table);
        CHECK(e.record() == 20);  // 20 rows: 9 * 50 + 11 * 51 = 1,011 > 1,000 (19 rows: 960)
    }
}

TEST_CASE("bad input: column bound: the paper readers and the numeric table") {
    // Scopus: 5 columns against a bound of 4 -> limit_exceeded on the header line.
    const std::string scopus = techconv_test::temp_path("bound-scopus.csv");
    techconv_test::write_file(scopus, "Authors,Title,Year,Affiliations,EID\nA,T,2017,\"Univ X, Paris, France\",1\n");
    io::read_papers_options ro;
    ro.reader.max_columns = 4;
    try {
        (void)io::read_paper_table({scopus}, ro);
        FAIL("expected limit_exceeded");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::limit_exceeded);
        CHECK(e.line() == 1);
    }
    // WoS tab-delimited: 6 columns against 5.
    const std::string wos = techconv_test::temp_path("bound-wos-cols.txt");
    techconv_test::write_file(wos, wos_tab_rows(1));
    ro.reader.max_columns = 5;
    try {
        (void)io::read_paper_table({wos}, ro);
        FAIL("expected limit_exceeded");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::limit_exceeded);
        CHECK(e.line() == 1);
    }
    ro.reader.max_columns = 6;
    CHECK(io::read_paper_table({wos}, ro).table.size() == 1);
    // The numeric table: 3 columns against 2.
    const std::string table = techconv_test::temp_path("bound-cols.csv");
    techconv_test::write_file(table, "id,a,b\nr,1,2\n");
    io::numeric_table_options no;
    no.max_columns = 2;
    try {
        (void)io::read_numeric_table(table, no);
        FAIL("expected limit_exceeded");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::limit_exceeded);
        CHECK(e.line() == 1);
    }
}

TEST_CASE("bad input: memory bound: sizes as --max-memory takes them") {
    std::size_t b = 0;
    CHECK(techconv::report::parse_byte_size("1000000", b));
    CHECK(b == 1000000);
    CHECK(techconv::report::parse_byte_size("512M", b));
    CHECK(b == std::size_t{512} << 20);
    CHECK(techconv::report::parse_byte_size("2g", b));
    CHECK(b == std::size_t{2} << 30);
    CHECK(techconv::report::parse_byte_size("64K", b));
    CHECK(b == std::size_t{64} << 10);
    for (const char* bad : {"", "0", "-1", "1x", "K", "1.5G", "99999999999999999999G"}) {
        INFO(bad);
        CHECK_FALSE(techconv::report::parse_byte_size(bad, b));
    }
}

TEST_CASE("bad input: weights table: a column whose sum overflows is refused at its row") {
    // 1e308 + 1e308 overflows a double: the second row of column a (line 3, column 2).
    const std::string path = techconv_test::temp_path("overflow.csv");
    techconv_test::write_file(path, "id,a,b\nx,1e308,2\ny,1e308,4\n");
    try {
        (void)io::read_numeric_table(path);
        FAIL("expected out_of_range");
    } catch (const techconv::parse_error& e) {
        techconv_bad_input::check_error(e, techconv_bad_input::expected_error{error_code::out_of_range, 3, 2, 2, "a"},
                                        path);
    }
}
