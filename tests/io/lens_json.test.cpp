// The Lens patent JSON reader (techconv/io/lens_json.hpp): the hand-written samples of
// tests/io/lens_json/ (an API response page and JSON Lines, written in the layout of the Lens
// Patent API documentation; README.md there) against an independent reading with Python's json
// module (tests/io/lens_json_reference.py), the Lens rules shared with the CSV reader (family
// key, priority countries), the detection, and the reading through read_patent_table.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "techconv/analysis/indicators.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/lens.hpp"
#include "techconv/io/lens_json.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

std::string lj_dir() { return techconv_test::source_path("io/lens_json/"); }
std::vector<std::string> lj_files() { return {lj_dir() + "page.json", lj_dir() + "records.jsonl"}; }

std::string lj_joined(const std::vector<std::string>& xs, const char* sep = ",") {
    if (xs.empty()) return "-";
    std::string s = xs.front();
    for (std::size_t k = 1; k < xs.size(); ++k) s += sep + xs[k];
    return s;
}

std::string lj_year(techconv::year_type y) { return y == techconv::no_year ? "-" : std::to_string(y); }

// The record as lens_json_reference.py prints it ('~' for a list the record does not supply),
// the nine indicators by analysis::record_indicators (the default options: IMF advanced
// economies and EP developed, as the Python script).
std::string lj_line(const tio::patent_record& r) {
    std::vector<std::string> apps, invs;
    for (const auto& a : r.applicants) apps.push_back(a.name + "@" + a.country);
    for (const auto& i : r.inventors) invs.push_back(i.name + "@" + i.country);
    const auto list = [&](tio::patent_field f, const std::string& text) { return r.has(f) ? text : std::string("~"); };
    const auto ind = tio::record_indicators(r);  // the library's indicator rules
    std::string nine;
    for (const auto i : tio::all_indicators) {
        const auto v = ind.value_or(i, -1);
        nine += (nine.empty() ? "" : " ") + (v < 0 ? std::string("NA") : std::to_string(v));
    }
    return r.id + "\t" + r.lens_id + "\t" + r.family_id + "\t" + (r.jurisdiction.empty() ? "-" : r.jurisdiction) + "\t" +
           (r.kind.empty() ? "-" : r.kind) + "\t" + lj_year(r.publication_year) + "\t" + lj_year(r.application_year) +
           "\t" + lj_year(r.priority_year) + "\t" + list(tio::patent_field::ipc, lj_joined(r.ipc)) + "\t" +
           list(tio::patent_field::cpc, lj_joined(r.cpc)) + "\t" +
           list(tio::patent_field::applicants, lj_joined(apps, ";")) + "\t" +
           list(tio::patent_field::inventors, lj_joined(invs, ";")) + "\t" +
           list(tio::patent_field::priority_countries, lj_joined(r.priority_countries)) + "\t" +
           list(tio::patent_field::priority_countries, lj_joined(r.priority_numbers, ";")) + "\t" +
           list(tio::patent_field::family_jurisdictions, lj_joined(r.family_jurisdictions)) + "\t" +
           lj_joined(r.cited_patents, ";") + "\t" +
           list(tio::patent_field::citing_list, lj_joined(r.citing_patents, ";")) + "\t" + nine + "\n";
}

}  // namespace

TEST_CASE("lens json: the page and the JSON Lines sample equal the Python reading, record by record") {
    std::string mine;
    std::size_t rejected = 0;
    for (const auto& f : lj_files()) {
        tio::lens_json_reader r(f);
        tio::patent_record rec;
        while (r.next(rec)) mine += lj_line(rec);
        CHECK(r.stats().layout == "lens-json");
        CHECK(r.issues().empty());
        rejected += r.stats().rejected_codes;
    }
    const std::string py = techconv_test::run_python("io/lens_json_reference.py", lj_files());
    CHECK(mine == py);
    // the one item that is no symbol: `ZZZZ` of EP 3294629 A1 (page.json, by hand)
    CHECK(rejected == 1);
}

TEST_CASE("lens json: citing documents (cited_by.patents[] by document_id, else Lens ID) equal the Python reading") {
    // citing.jsonl: cited_by lists with document_ids, Lens IDs only, an empty list and none
    const std::string f = lj_dir() + "citing.jsonl";
    std::string mine;
    tio::lens_json_reader r(f);
    tio::patent_record rec;
    while (r.next(rec)) mine += lj_line(rec);
    CHECK(mine == techconv_test::run_python("io/lens_json_reference.py", {f}));
    // by hand: the third record's list is empty (supplied, nothing in it); the second has none
    CHECK(mine.find("CN 110000003 A") != std::string::npos);
    const auto recs = tio::read_lens_json(f);
    REQUIRE(recs.size() == 6);
    CHECK((recs[2].has(tio::patent_field::citing_list) && recs[2].citing_patents.empty()));
    CHECK((!recs[1].has(tio::patent_field::citing_list) && recs[1].citing_patents.empty()));
    CHECK(recs[5].citing_patents == std::vector<std::string>{"US 10000005 B2", "100-000-000-000-006"});
}

TEST_CASE("lens json: hand-checked values of the first record (page.json)") {
    const auto recs = tio::read_lens_json(lj_dir() + "page.json");
    REQUIRE(recs.size() == 3);
    const auto& r = recs[0];
    CHECK(r.id == "US 10112233 B2");
    CHECK(r.lens_id == "014-233-708-912-37X");
    // smallest Lens ID of the three members and the record: 014-... < 045-... < 133-...
    CHECK(r.family_id == "014-233-708-912-37X");
    CHECK(r.title == "Foldable rotor arm for unmanned aerial vehicles");  // the English title, not the first
    CHECK(r.document_type == "GRANTED_PATENT");
    CHECK(r.publication_year == 2018);
    CHECK(r.application_year == 2016);
    CHECK(r.priority_year == 2015);  // earliest_claim.date
    CHECK(r.ipc == std::vector<std::string>{"B64C39/02", "G05D1/10"});  // `B64C 39/02` is the first one again
    REQUIRE(r.applicants.size() == 2);  // `Aerovane Dynamics, Inc` has the key of the first applicant
    CHECK(r.applicants[1].name == "NORDLICHT GMBH");
    CHECK(r.applicants[1].country == "DE");
    CHECK(r.applicants[0].type == tio::applicant_type::company);
    CHECK(r.counts.value_or(tio::indicator::backward_citations, -1) == 3);
    CHECK(r.counts.value_or(tio::indicator::npl_citations, -1) == 1);
    CHECK(r.counts.value_or(tio::indicator::forward_citations, -1) == 4);
    CHECK(r.counts.value_or(tio::indicator::family_size, -1) == 3);
    CHECK(r.counts.value_or(tio::indicator::claims, -1) == 5);
    CHECK(r.cited_patents == std::vector<std::string>{"US 9550561 B1", "EP 2772725 A2", "150-002-417-338-610"});
    // biblio.cited_by.patents[]: Lens IDs only in this sample, kept as the citing documents
    CHECK(r.citing_patents == std::vector<std::string>{"031-884-612-004-215", "090-447-130-218-06X",
                                                       "112-760-843-119-331", "170-028-946-511-590"});
    CHECK(r.has(tio::patent_field::citing_list));
    // the second record states no counts: they are counted from the lists
    const auto& e = recs[1];
    CHECK(e.priority_year == 2015);  // no earliest_claim: the earliest claims[].date
    CHECK(e.counts.value_or(tio::indicator::backward_citations, -1) == 2);
    CHECK(e.counts.value_or(tio::indicator::npl_citations, -1) == 2);
    CHECK(e.counts.value_or(tio::indicator::forward_citations, -1) == 1);
    CHECK(e.counts.value_or(tio::indicator::family_size, -1) == 3);
    CHECK(e.counts.value_or(tio::indicator::claims, -1) == 3);  // the first language group only
}

TEST_CASE("lens json: one rule with the Lens CSV reader for the family key and priority countries") {
    const std::vector<std::string> members{"133-070-561-802-946", "045-611-903-287-124"};
    CHECK(tio::detail::simple_family_key("014-233-708-912-37X", members) == "014-233-708-912-37X");
    CHECK(tio::detail::simple_family_key("200-000-000-000-000", members) == "045-611-903-287-124");
    CHECK(tio::detail::simple_family_key("200-000-000-000-000", std::vector<std::string>{""}) == "200-000-000-000-000");
    std::string c;
    CHECK(tio::detail::priority_country_into("us 201715458258 A", c));
    CHECK(c == "US");
    std::string d;
    CHECK_FALSE(tio::detail::priority_country_into("2017 15458258", d));
    CHECK(d.empty());
    // the same record as a Lens CSV row and as JSON: the same family key and priority countries
    std::istringstream csv(
        "Lens ID,Display Key,Simple Family Members,Priority Numbers\n"
        "133-070-561-802-946,EP 3294629 A1,045-611-903-287-124;;014-233-708-912-37X;;133-070-561-802-946,"
        "US 201615153001 A;;US 201562161234 P\n");
    tio::lens_reader lr(csv, "same.csv");
    tio::patent_record from_csv;
    REQUIRE(lr.next(from_csv));
    const auto from_json = tio::read_lens_json(lj_dir() + "page.json")[1];
    CHECK(from_csv.family_id == from_json.family_id);
    CHECK(from_csv.priority_countries == from_json.priority_countries);
    CHECK(from_csv.id == from_json.id);
}

TEST_CASE("lens json: arrays, single records and pages in one stream, empty and null members") {
    std::istringstream in(
        "[{\"lens_id\":\"1\",\"jurisdiction\":\"us\",\"doc_number\":\"0123\",\"kind\":\"A\"}]\n"
        "{\"lens_id\":\"2\",\"doc_number\":\"77\",\"biblio\":null,\"families\":{\"simple_family\":{\"members\":[]}}}\n"
        "{\"total\":1,\"data\":[{\"lens_id\":\"3\",\"biblio\":{\"parties\":{\"applicants\":[]},"
        "\"references_cited\":{\"citations\":[]},\"cited_by\":{}}}],\"scroll_id\":\"x\"}\n");
    tio::lens_json_reader r(in, "mixed.jsonl");
    const auto recs = r.read_all();
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].id == "us 123 A");  // publication_id keeps the country as written; the jurisdiction is upper-cased
    CHECK(recs[0].jurisdiction == "US");
    CHECK(recs[1].id == "2");  // a number without a jurisdiction is no publication number: the Lens ID
    CHECK(recs[1].family_id == "2");
    CHECK(recs[1].counts.value_or(tio::indicator::family_size, -1) == 0);  // members listed, none
    CHECK(recs[1].has(tio::patent_field::family_jurisdictions));
    CHECK_FALSE(recs[1].has(tio::patent_field::applicants));
    CHECK(recs[2].has(tio::patent_field::applicants));
    CHECK(recs[2].applicants.empty());
    CHECK(recs[2].counts.value_or(tio::indicator::backward_citations, -1) == 0);
    CHECK_FALSE(recs[2].counts.has(tio::indicator::forward_citations));  // cited_by without a count or a list
    CHECK(r.stats().records == 3);
}

TEST_CASE("lens json: detected from content, the other JSON and Lens samples stay theirs") {
    for (const auto& f : lj_files()) CHECK(tio::detect_format(f) == tio::input_format::lens_json);
    CHECK(tio::detect_format_of("{\"lens_id\":\"1\",\"jurisdiction\":\"US\",\"doc_number\":\"5\"}") ==
          tio::input_format::lens_json);
    CHECK(tio::detect_format_of("{\"data\":[{\"lens_id\":\"1\",\"biblio\":{}}]}") == tio::input_format::lens_json);
    // a scholarly work: no biblio, no doc_number
    CHECK(tio::detect_format_of("{\"lens_id\":\"1\",\"year_published\":2020}") == tio::input_format::lens_scholarly);
    CHECK(tio::detect_format(techconv_test::data_path("lens-scholarly-jsonl-covid/lens-export.jsonl")) ==
          tio::input_format::lens_scholarly);
    CHECK(tio::detect_format(techconv_test::data_path("patentsview-api-json-vcr/patent-all-fields.response.json")) ==
          tio::input_format::patentsview);
    CHECK(tio::input_format_from_string("lens-json") == tio::input_format::lens_json);
    CHECK(tio::to_string(tio::input_format::lens_json) == "lens-json");
    CHECK(tio::holds_patents(tio::input_format::lens_json));
    CHECK_FALSE(tio::holds_papers(tio::input_format::lens_json));
}

TEST_CASE("lens json: read_patent_table reads both samples with --format auto") {
    std::vector<tio::input_source> inputs;
    for (const auto& f : lj_files()) inputs.emplace_back(f);
    const auto in = tio::read_patent_table(std::move(inputs));
    // 3 + 4 records (page.json, records.jsonl) in 4 simple families (by hand: the family keys
    // 014-233-708-912-37X, 077-301-118-625-553, 022-418-730-905-117, 009-552-341-776-203),
    // merged by default
    CHECK(in.table.size() == 4);
    REQUIRE(in.files.size() == 2);
    CHECK(in.files[0].stats.records == 3);
    CHECK(in.files[1].stats.records == 4);
    CHECK(in.files[0].format == tio::input_format::lens_json);
    CHECK(in.files[1].format == tio::input_format::lens_json);
    CHECK(tio::input_note(in.files[1].path, in.files[1].stats).find(": lens-json, 4 records") != std::string::npos);
}
