// Bad EPO PATSTAT extracts (techconv/io/patstat.hpp): each case states the exact error (code,
// file, line, column, record, field). The tables are written by hand in the layout of the
// PATSTAT Global data catalogue, as tests/io/patstat/ is.
#include <doctest/doctest.h>

#include <techconv/io/patstat.hpp>

#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "catalogue.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv_bad_input::expected_error;
namespace io = techconv::io;

namespace {

const char* const ps_appln =
    "appln_id,appln_auth,appln_nr,appln_filing_year,docdb_family_id\n"
    "1,EP,20150001,2015,11\n"
    "2,US,14567890,2016,12\n";

// Reads the tables (name, text) as one extract; returns the records or throws.
std::size_t ps_read(const std::vector<std::pair<std::string, std::string>>& tables) {
    std::vector<std::unique_ptr<std::istringstream>> streams;
    std::vector<io::input_source> sources;
    std::vector<io::input_source*> ptrs;
    for (const auto& t : tables) {
        streams.push_back(std::make_unique<std::istringstream>(t.second));
        sources.emplace_back(*streams.back(), t.first);
    }
    for (auto& s : sources) ptrs.push_back(&s);
    io::patstat_reader r(ptrs);
    return r.read_all().size();
}

void ps_expect(const std::vector<std::pair<std::string, std::string>>& tables, const expected_error& want,
               const std::string& source) {
    try {
        (void)ps_read(tables);
        FAIL("no error");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, want, source);
    }
}

}  // namespace

TEST_CASE("patstat bad input: an appln_id that is not a whole number") {
    ps_expect({{"tls201.csv", "appln_id,appln_auth,appln_nr\n1,EP,1\nx7,EP,2\n"}},
              {error_code::bad_number, 3, 1, 2, "appln_id"}, "tls201.csv");
}

TEST_CASE("patstat bad input: an appln_id twice in tls201_appln") {
    ps_expect({{"tls201.csv", "appln_id,appln_auth,appln_nr\n1,EP,1\n1,EP,2\n"}},
              {error_code::duplicate_record, 3, 1, 2, "appln_id"}, "tls201.csv");
}

TEST_CASE("patstat bad input: an appln_filing_year that is not a year (9999 is PATSTAT's unknown)") {
    ps_expect({{"tls201.csv", "appln_id,appln_auth,appln_nr,appln_filing_year\n1,EP,1,9999\n2,EP,2,20x5\n"}},
              {error_code::bad_year, 3, 4, 2, "appln_filing_year"}, "tls201.csv");
}

TEST_CASE("patstat bad input: an IPC symbol that is not one, and a flag of no column") {
    ps_expect({{"tls201.csv", ps_appln},
               {"tls209.csv", "appln_id,ipc_class_symbol,ipc_position\n1,G06F  17/30,F\n2,ZZZZ   1/00,L\n"}},
              {error_code::bad_code, 3, 2, 2, "ipc_class_symbol"}, "tls209.csv");
    ps_expect({{"tls201.csv", ps_appln},
               {"tls209.csv", "appln_id,ipc_class_symbol\n1,G06F  17/30  20060101XFI\n"}},
              {error_code::bad_code, 2, 2, 1, "ipc_class_symbol"}, "tls209.csv");
    ps_expect({{"tls201.csv", ps_appln},
               {"tls209.csv", "appln_id,ipc_class_symbol,ipc_class_level,ipc_position\n1,G06F  17/30,A,Q\n"}},
              {error_code::bad_code, 2, 4, 1, "ipc_position"}, "tls209.csv");
}

TEST_CASE("patstat bad input: a publn_date that is not a date") {
    ps_expect({{"tls201.csv", ps_appln},
               {"tls211.csv", "pat_publn_id,publn_auth,publn_nr,publn_kind,appln_id,publn_date\n"
                              "10,EP,3000001,A1,1,2016-09-07\n11,US,2017001,A1,2,sometime\n"}},
              {error_code::bad_year, 3, 6, 2, "publn_date"}, "tls211.csv");
}

TEST_CASE("patstat bad input: a table without a column the join needs") {
    // tls212 without cited_pat_publn_id (the header still names a citation table: citn_id)
    ps_expect({{"tls201.csv", ps_appln}, {"tls212.csv", "pat_publn_id,citn_id,cited_appln_id\n10,1,2\n"}},
              {error_code::missing_column, 1, 0, 0, "cited_pat_publn_id"}, "tls212.csv");
}

TEST_CASE("patstat bad input: no tls201_appln, or a file that is no PATSTAT table") {
    ps_expect({{"tls209.csv", "appln_id,ipc_class_symbol\n1,G06F  17/30\n"}},
              {error_code::missing_column, 1, 0, 0, "appln_id"}, "tls209.csv");
    ps_expect({{"tls201.csv", ps_appln}, {"notes.csv", "id,text\n1,hello\n"}},
              {error_code::bad_value, 1, 0, 0, ""}, "notes.csv");
}

TEST_CASE("patstat: a publication without a date is not the first one") {
    // application 1's publication 10 has no publn_date: 11 (dated) gives the id
    const std::string appln = "appln_id,appln_auth,appln_nr\n1,EP,1\n";
    const std::string publn = "pat_publn_id,publn_auth,publn_nr,publn_kind,appln_id,publn_date\n"
                              "10,EP,5,B1,1,\n11,EP,5,A1,1,2016-09-07\n";
    std::istringstream a(appln), p(publn);
    io::input_source sa(a, "tls201.csv"), sp(p, "tls211.csv");
    io::patstat_reader r(std::vector<io::input_source*>{&sa, &sp});
    io::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.id == "EP 5 A1");
    CHECK(rec.publication_year == 2016);
}

TEST_CASE("patstat bad input: rows about applications outside the extract are counted, not errors") {
    // application 3 is not in tls201: its IPC row and person link are passed over
    std::vector<std::pair<std::string, std::string>> t = {
        {"tls201.csv", ps_appln},
        {"tls209.csv", "appln_id,ipc_class_symbol\n1,G06F  17/30\n3,H04L   9/32\n"},
        {"tls207.csv", "person_id,appln_id,applt_seq_nr,invt_seq_nr\n5,3,1,0\n"}};
    CHECK(ps_read(t) == 2);
}

namespace {

// As ps_expect, the tables given as (name, text) pairs to the reader (it reads some twice).
void ps_expect_texts(std::vector<std::pair<std::string, std::string>> tables, const expected_error& want,
                     const std::string& source, const std::vector<std::string>& said) {
    try {
        io::patstat_reader r(std::move(tables));
        (void)r.read_all();
        FAIL("no error");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, want, source);
        const std::string what = e.what();
        for (const auto& s : said) {
            CAPTURE(s);
            CHECK(what.find(s) != std::string::npos);
        }
    }
}

}  // namespace

TEST_CASE("patstat bad input: tls201_appln out of appln_id order, or an appln_id twice across its parts") {
    // 6 after 7: the streamed join needs every table by appln_id, ascending
    ps_expect_texts({{"tls201.csv", "appln_id,appln_auth,appln_nr\n5,EP,1\n7,EP,2\n6,EP,3\n"}},
                    {error_code::bad_value, 4, 1, 3, "appln_id"}, "tls201.csv",
                    {"appln_id 6 comes after a row of appln_id 7 (tls201.csv:3)", "ascending"});
    // a table in parts is one table: the second part must go on after the first
    ps_expect_texts({{"tls201_part01.csv", "appln_id,appln_auth,appln_nr\n1,EP,1\n3,EP,3\n"},
                     {"tls201_part02.csv", "appln_id,appln_auth,appln_nr\n2,EP,2\n"}},
                    {error_code::bad_value, 2, 1, 1, "appln_id"}, "tls201_part02.csv",
                    {"appln_id 2 comes after a row of appln_id 3 (tls201_part01.csv:3)"});
    ps_expect_texts({{"tls201_part01.csv", "appln_id,appln_auth,appln_nr\n1,EP,1\n3,EP,3\n"},
                     {"tls201_part02.csv", "appln_id,appln_auth,appln_nr\n3,EP,4\n"}},
                    {error_code::duplicate_record, 2, 1, 1, "appln_id"}, "tls201_part02.csv",
                    {"appln_id 3 is in tls201_appln twice"});
}

TEST_CASE("patstat bad input: a child table out of appln_id order") {
    // tls209: application 1's row after application 2's
    ps_expect_texts({{"tls201.csv", ps_appln},
                     {"tls209.csv", "appln_id,ipc_class_symbol\n2,G06F  17/30\n1,H04L   9/32\n"}},
                    {error_code::bad_value, 3, 1, 2, "appln_id"}, "tls209.csv",
                    {"appln_id 1 comes after a row of appln_id 2 (tls209.csv:2)", "tls209_appln_ipc"});
    // tls207 of an application outside tls201 (3) before one inside (2): out of order too
    ps_expect_texts({{"tls201.csv", ps_appln},
                     {"tls207.csv", "person_id,appln_id,applt_seq_nr,invt_seq_nr\n5,3,1,0\n6,2,1,0\n"}},
                    {error_code::bad_value, 3, 2, 2, "appln_id"}, "tls207.csv",
                    {"appln_id 2 comes after a row of appln_id 3 (tls207.csv:2)"});
}

TEST_CASE("patstat bad input: tls212_citation not grouped by the application of its publications") {
    // publication 10 is application 1's, 20 application 2's (tls211): 10's row after 20's
    ps_expect_texts({{"tls201.csv", ps_appln},
                     {"tls211.csv", "pat_publn_id,publn_auth,publn_nr,appln_id\n10,EP,4,1\n20,US,5,2\n"},
                     {"tls212.csv", "pat_publn_id,citn_id,cited_pat_publn_id\n20,1,10\n10,1,20\n"}},
                    {error_code::bad_value, 3, 1, 2, "pat_publn_id"}, "tls212.csv",
                    {"pat_publn_id 10 (of appln_id 1) comes after a row of appln_id 2 (tls212.csv:2)",
                     "grouped by the application of their pat_publn_id"});
    // the same rows in the order of their applications are read
    io::patstat_reader r(std::vector<std::pair<std::string, std::string>>{
        {"tls201.csv", ps_appln},
        {"tls211.csv", "pat_publn_id,publn_auth,publn_nr,appln_id\n10,EP,4,1\n20,US,5,2\n"},
        {"tls212.csv", "pat_publn_id,citn_id,cited_pat_publn_id\n10,1,20\n20,1,10\n"}});
    const auto recs = r.read_all();
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].cited_patents == std::vector<std::string>{"US 5"});
    CHECK(recs[1].cited_patents == std::vector<std::string>{"EP 4"});
}
