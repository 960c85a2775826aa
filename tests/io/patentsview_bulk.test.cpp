// The PatentsView bulk table reader (techconv/io/patentsview_bulk.hpp) on tables written at
// test time from the shared API sample (patentsview-api-json-vcr) by
// tests/io/patentsview_bulk_tables.py: every patent read from the tables equals what the API
// reader (io/patentsview.hpp) reads from the same JSON (ids, years, CPC and IPC codes,
// assignees and inventors with their countries); the citation counts and cited patents equal a
// Python csv reading of the written tables; every table is detected from its header; the set
// is one input of read_patent_table.
#include <doctest/doctest.h>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "techconv/io/detect.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/io/patentsview.hpp"
#include "techconv/io/patentsview_bulk.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

std::vector<std::string> pvb_json() {
    const std::string d = techconv_test::data_path("patentsview-api-json-vcr/");
    return {d + "after-paging-1.response.json", d + "after-paging-2.response.json", d + "and-operator.response.json",
            d + "patent-all-fields.response.json"};
}

const char* const pvb_names[] = {"g_patent",        "g_cpc_current",           "g_ipc_at_issue",
                                 "g_inventor_disambiguated", "g_assignee_disambiguated",
                                 "g_location_disambiguated", "g_us_patent_citation"};

// Writes the tables once into the test's temp folder; returns the folder.
const std::string& pvb_dir() {
    static const std::string dir = [] {
        const std::string d = techconv_test::temp_path("patentsview-bulk-tables");
        std::vector<std::string> args{"write", d};
        for (const auto& f : pvb_json()) args.push_back(f);
        const std::string out = techconv_test::run_python("io/patentsview_bulk_tables.py", args);
        REQUIRE(out == "patents 213\n");  // 200 + 12 + 1 (the sample's PROVENANCE.md), none twice
        return d + "/";
    }();
    return dir;
}

// The table files, in an order other than the reader's (it finds each by its header).
std::vector<std::string> pvb_tables() {
    std::vector<std::string> v;
    for (const char* n : {"g_us_patent_citation", "g_location_disambiguated", "g_cpc_current", "g_patent",
                          "g_assignee_disambiguated", "g_ipc_at_issue", "g_inventor_disambiguated"})
        v.push_back(pvb_dir() + n + ".tsv");
    return v;
}

std::string pvb_parties(const std::vector<techconv::io::party>& ps) {
    std::string s;
    for (const auto& p : ps)
        s += p.name + "@" + p.country + "#" + std::to_string(static_cast<int>(p.type)) + ";";
    return s;
}

// The patent_id of a record id `US 6009555 A`.
std::string pvb_number(const std::string& id) {
    const std::size_t end = id.find(' ', 3);
    return id.substr(3, end == std::string::npos ? std::string::npos : end - 3);
}

}  // namespace

TEST_CASE("patentsview-bulk: the tables written from the API sample read as the API reader reads the JSON") {
    if (!techconv_test::have_data()) return;
    std::map<std::string, tio::patent_record> api;
    for (const auto& f : pvb_json())
        for (auto& r : tio::read_patentsview(f)) api.emplace(r.id, std::move(r));
    REQUIRE(api.size() == 213);

    tio::patentsview_bulk_reader reader(pvb_tables());
    tio::patent_record rec;
    std::size_t n = 0, cpc = 0, countries = 0;
    std::string previous;
    while (reader.next(rec)) {
        ++n;
        CAPTURE(rec.id);
        const auto it = api.find(rec.id);
        REQUIRE(it != api.end());
        const auto& a = it->second;
        CHECK(rec.jurisdiction == "US");
        CHECK(rec.kind == a.kind);
        CHECK(rec.title == a.title);
        CHECK(rec.document_type == a.document_type);
        CHECK(rec.publication_year == a.publication_year);
        CHECK(rec.cpc == a.cpc);
        CHECK(rec.ipc == a.ipc);
        CHECK(pvb_parties(rec.applicants) == pvb_parties(a.applicants));
        CHECK(pvb_parties(rec.inventors) == pvb_parties(a.inventors));
        // every table given: each list supplied (an empty one too), countries through g_location
        CHECK(rec.has(tio::patent_field::cpc));
        CHECK(rec.has(tio::patent_field::ipc));
        CHECK(rec.has(tio::patent_field::applicants));
        CHECK(rec.has(tio::patent_field::party_countries));
        CHECK_FALSE(rec.counts.has(tio::indicator::claims));  // num_claims empty: the API sample has none
        CHECK(pvb_number(rec.id) > previous);  // g_patent's order: patent_id as text
        previous = pvb_number(rec.id);
        cpc += rec.cpc.size();
        for (const auto& i : rec.inventors) countries += i.country.empty() ? 0 : 1;
    }
    CHECK(n == 213);
    CHECK(reader.stats().records == 213);
    CHECK(reader.stats().layout == "patentsview-bulk");
    CHECK(reader.stats().rejected_codes == 0);
    CHECK(reader.stats().skipped.empty());  // every party's location_id is in g_location_disambiguated
    CHECK(cpc > 909);                       // the two pages alone have 909 (patentsview.test.cpp)
    CHECK(countries > 0);
    REQUIRE(reader.tables().size() == 7);
    for (const auto& t : reader.tables()) {
        CAPTURE(t.path);
        CHECK(t.outside == 0);  // every child row is about a patent of g_patent
        CHECK(t.table != tio::patentsview_table::unknown);
    }
}

TEST_CASE("patentsview-bulk: citation counts, cited and citing patents equal a Python csv reading of the tables") {
    if (!techconv_test::have_data()) return;
    std::string mine;
    for (const auto& r : tio::read_patentsview_bulk(pvb_tables())) {
        std::string cited, citing;
        for (const auto& c : r.cited_patents) cited += (cited.empty() ? "" : ",") + pvb_number(c + " ");
        for (const auto& c : r.citing_patents) citing += (citing.empty() ? "" : ",") + pvb_number(c + " ");
        CHECK(r.has(tio::patent_field::citing_list));  // the citation table is given
        mine += pvb_number(r.id) + "\t" + std::to_string(r.counts.value_or(tio::indicator::backward_citations, -1)) +
                "\t" + std::to_string(r.counts.value_or(tio::indicator::forward_citations, -1)) + "\t" +
                (cited.empty() ? "-" : cited) + "\t" + (citing.empty() ? "-" : citing) + "\n";
    }
    const std::string py = techconv_test::run_python("io/patentsview_bulk_tables.py", {"citations", pvb_dir()});
    CHECK(mine == py);
    // by the rule of the script: the first patent cites nothing of the set but 3930271 (i = 0,
    // a multiple of 5) and is cited by patents 1 and 3
    CHECK(py.substr(0, py.find('\n')).find("\t1\t2\t3930271") != std::string::npos);
}

TEST_CASE("patentsview-bulk: every table is detected from its header, and the set is one input of read_patent_table") {
    if (!techconv_test::have_data()) return;
    for (const char* n : pvb_names) {
        const std::string f = pvb_dir() + n + ".tsv";
        CAPTURE(f);
        CHECK(tio::detect_format(f) == tio::input_format::patentsview_bulk);
    }
    CHECK(tio::input_format_from_string("patentsview-bulk") == tio::input_format::patentsview_bulk);
    CHECK(tio::holds_patents(tio::input_format::patentsview_bulk));
    const auto in = tio::read_patent_table(pvb_tables());
    CHECK(in.read == 213);
    CHECK(in.merged == 0);  // no family ids: each patent its own family
    REQUIRE(in.files.size() == 1);  // one entry for the set, at its first table
    CHECK(in.files[0].format == tio::input_format::patentsview_bulk);
    CHECK(in.files[0].detection.format_detected);
    CHECK(in.files[0].stats.records == 213);
    // without g_patent the set is refused
    const std::vector<std::string> no_patent = {pvb_dir() + "g_cpc_current.tsv"};
    CHECK_THROWS_AS(tio::read_patents(no_patent), techconv::parse_error);
}

TEST_CASE("patentsview-bulk: the shared field rules of the API and bulk readers") {
    namespace d = techconv::io::detail;
    CHECK(d::patentsview_country(" us ") == "US");
    CHECK(d::patentsview_country("omitted").empty());
    CHECK(d::patentsview_ipc_symbol("A", "61", "F", "13", "00") == "A61F13/00");
    CHECK(d::patentsview_ipc_symbol("A", "61", "F", "13", "") == "A61F13/00");
    CHECK(d::patentsview_ipc_symbol("A", "61", "F", "", "") == "A61F");
    CHECK(d::patentsview_cpc_symbol("", "A42B") == "A42B");
    CHECK(d::patentsview_cpc_symbol("A42B1/247", "A42B") == "A42B1/247");
    CHECK(d::patentsview_assignee_name("", "Ziyan", "Liu") == "Ziyan Liu");
    CHECK(d::patentsview_person_name("", "Liu") == "Liu");
    CHECK(d::patentsview_record_id("6009555", "A") == "US 6009555 A");
}
