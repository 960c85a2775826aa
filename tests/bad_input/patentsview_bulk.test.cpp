// Bad PatentsView bulk tables (techconv/io/patentsview_bulk.hpp): each case states the exact
// error (code, file, line, column, record, field). The tables are written by hand in the
// layout of the PatentsView data download dictionary (tab-separated, a header line), as
// tests/io/patentsview_bulk_tables.py writes them.
#include <doctest/doctest.h>

#include <techconv/io/patentsview_bulk.hpp>

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

using pvb_tables = std::vector<std::pair<std::string, std::string>>;

const char* const pvb_patent =
    "patent_id\tpatent_type\tpatent_date\twipo_kind\tnum_claims\n"
    "5116621\tutility\t1992-05-26\tA\t12\n"
    "6009555\tutility\t2000-01-04\tA\t7\n"
    "6009655\tutility\t2000-01-04\tA\t\n";

std::vector<io::patent_record> pvb_read(const pvb_tables& tables) {
    io::patentsview_bulk_reader r(tables);
    return r.read_all();
}

void pvb_expect(const pvb_tables& tables, const expected_error& want, const std::string& source,
                const std::string& says = {}) {
    try {
        (void)pvb_read(tables);
        FAIL("no error");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, want, source);
        if (!says.empty()) CHECK(std::string(e.what()).find(says) != std::string::npos);
    }
}

}  // namespace

TEST_CASE("patentsview-bulk bad input: a table without a column the join needs") {
    // g_ipc_at_issue without `section` (the header still names the table: main_group, subgroup)
    pvb_expect({{"g_patent.tsv", pvb_patent},
                {"g_ipc_at_issue.tsv", "patent_id\tipc_sequence\tipc_class\tsubclass\tmain_group\tsubgroup\n"
                                       "5116621\t0\t61\tF\t13\t00\n"}},
               {error_code::missing_column, 1, 0, 0, "section"}, "g_ipc_at_issue.tsv");
    // g_ipc_at_issue with neither ipc_class nor class: class is required
    pvb_expect({{"g_patent.tsv", pvb_patent},
                {"g_ipc.tsv", "patent_id\tsection\tsubclass\tmain_group\tsubgroup\n5116621\tA\tF\t13\t00\n"}},
               {error_code::missing_column, 1, 0, 0, "class"}, "g_ipc.tsv");
}

TEST_CASE("patentsview-bulk bad input: values that are not what their column holds") {
    // num_claims of the second patent (line 3, column 5, record 2)
    pvb_expect({{"g_patent.tsv", "patent_id\tpatent_type\tpatent_date\tnum_claims\n5116621\tutility\t1992-05-26\t12\n"
                                 "6009555\tutility\t2000-01-04\ttwelve\n"}},
               {error_code::bad_number, 3, 4, 2, "num_claims"}, "g_patent.tsv", "'twelve'");
    pvb_expect({{"g_patent.tsv", "patent_id\tpatent_type\tpatent_date\n5116621\tutility\tsometime\n"}},
               {error_code::bad_year, 2, 3, 1, "patent_date"}, "g_patent.tsv", "not a date");
    // a cpc_sequence that is no whole number >= 0
    pvb_expect({{"g_patent.tsv", pvb_patent},
                {"g_cpc_current.tsv", "patent_id\tcpc_sequence\tcpc_subclass\tcpc_group\n5116621\t0\tA61K\tA61K9/7061\n"
                                      "5116621\t-1\tA61K\tA61K9/70\n"}},
               {error_code::bad_number, 3, 2, 2, "cpc_sequence"}, "g_cpc_current.tsv");
    // an empty patent_id in g_patent (the index pass)
    pvb_expect({{"g_patent.tsv", "patent_id\tpatent_type\tpatent_date\n5116621\tutility\t1992-05-26\n\tutility\t\n"}},
               {error_code::bad_value, 3, 1, 2, "patent_id"}, "g_patent.tsv");
}

TEST_CASE("patentsview-bulk bad input: a patent_id twice in g_patent, a location_id twice") {
    pvb_expect({{"g_patent.tsv", "patent_id\tpatent_type\tpatent_date\n5116621\tutility\t1992-05-26\n"
                                 "6009555\tutility\t2000-01-04\n5116621\tutility\t1992-05-26\n"}},
               {error_code::duplicate_record, 4, 1, 3, "patent_id"}, "g_patent.tsv", "5116621");
    pvb_expect({{"g_patent.tsv", pvb_patent},
                {"g_location.tsv", "location_id\tdisambig_city\tdisambig_country\nL1\tTokyo\tJP\nL1\tOsaka\tJP\n"}},
               {error_code::duplicate_record, 3, 1, 2, "location_id"}, "g_location.tsv");
}

TEST_CASE("patentsview-bulk bad input: a child table not in g_patent's order names the file, line and patent") {
    // 6009555 (row 2 of g_patent) then 5116621 (row 1): the second row is out of order
    pvb_expect({{"g_patent.tsv", pvb_patent},
                {"g_cpc_current.tsv", "patent_id\tcpc_sequence\tcpc_subclass\tcpc_group\n"
                                      "6009555\t0\tA42B\tA42B1/247\n5116621\t0\tA61K\tA61K9/7061\n"}},
               {error_code::bad_value, 3, 1, 2, "patent_id"}, "g_cpc_current.tsv",
               "patent_id 5116621 comes after patent_id 6009555");
    // a patent's rows split by another patent's
    pvb_expect({{"g_patent.tsv", pvb_patent},
                {"g_inventor.tsv", "patent_id\tinventor_sequence\tdisambig_inventor_name_last\n5116621\t0\tOji\n"
                                   "6009555\t0\tSiprut\n5116621\t1\tHori\n"}},
               {error_code::bad_value, 4, 1, 3, "patent_id"}, "g_inventor.tsv");
}

TEST_CASE("patentsview-bulk: rows about patents outside g_patent are counted, with the first one's place") {
    const pvb_tables t = {{"g_patent.tsv", pvb_patent},
                          {"g_cpc_current.tsv", "patent_id\tcpc_sequence\tcpc_subclass\tcpc_group\n"
                                                "5116621\t0\tA61K\tA61K9/7061\n5999999\t0\tB01D\tB01D1/00\n"
                                                "6009555\t0\tA42B\tA42B1/247\n9999999\t0\tB01D\tB01D1/00\n"}};
    io::patentsview_bulk_reader r(t);
    const auto recs = r.read_all();
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].cpc == std::vector<std::string>{"A61K9/7061"});
    CHECK(recs[1].cpc == std::vector<std::string>{"A42B1/247"});
    CHECK(recs[2].cpc.empty());
    CHECK(recs[2].has(io::patent_field::cpc));  // the table is given: an empty list, not an unknown one
    REQUIRE(r.tables().size() == 2);
    CHECK(r.tables()[1].rows == 4);
    CHECK(r.tables()[1].outside == 2);
    CHECK(r.tables()[1].first_outside == "g_cpc_current.tsv:3: 5999999");
    // claims: 12, 7, and none for an empty num_claims
    CHECK(recs[0].counts.value_or(io::indicator::claims, -1) == 12);
    CHECK_FALSE(recs[2].counts.has(io::indicator::claims));
}

TEST_CASE("patentsview-bulk bad input: bytes that are not UTF-8 when UTF-8 is named") {
    io::patentsview_bulk_options o;
    o.encoding = io::text_encoding::utf8;
    io::patentsview_bulk_reader r(
        pvb_tables{{"g_patent.tsv", pvb_patent},
                   {"g_assignee.tsv", "patent_id\tassignee_sequence\tdisambig_assignee_organization\n"
                                      "5116621\t0\tLederle (Japan), Ltd.\n6009555\t0\tSOCI\xC9T\xC3\x89 G\xC3\x89N\xC3\x89RALE\n"}},
        o);
    try {
        (void)r.read_all();
        FAIL("expected bad_encoding");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, {error_code::bad_encoding, 3, 3, 2, "disambig_assignee_organization"},
                                        "g_assignee.tsv");
    }
}

TEST_CASE("patentsview-bulk bad input: no g_patent, a file that is no such table, a table twice, standard input") {
    pvb_expect({{"g_cpc_current.tsv", "patent_id\tcpc_subclass\tcpc_group\n5116621\tA61K\tA61K9/7061\n"}},
               {error_code::missing_column, 1, 0, 0, "patent_id"}, "g_cpc_current.tsv", "need g_patent");
    pvb_expect({{"g_patent.tsv", pvb_patent}, {"notes.tsv", "id\ttext\n1\thello\n"}},
               {error_code::bad_value, 1, 0, 0, ""}, "notes.tsv");
    pvb_expect({{"g_patent.tsv", pvb_patent}, {"g_patent_2.tsv", pvb_patent}},
               {error_code::bad_value, 1, 0, 0, ""}, "g_patent_2.tsv", "given twice");
    // g_patent is read twice (index pass, then the join): standard input cannot be
    std::istringstream in(pvb_patent);
    io::input_source src(in, "-");
    io::patentsview_bulk_reader r(std::vector<io::input_source*>{&src});
    io::patent_record rec;
    try {
        (void)r.next(rec);
        FAIL("expected an error");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, {error_code::bad_value, 1, 0, 0, ""}, "-");
    }
}
