// Bad Lens patent JSON (techconv/io/lens_json.hpp) and bad Lens scholarly CSV exports
// (techconv/io/csv_works.hpp, lens_scholarly_csv_reader): each case states the exact error (code,
// line, column, record, field) under malformed_policy::error, and what malformed_policy::skip
// keeps and counts. The inputs are written by hand in the layouts of tests/io/lens_json/ and
// tests/io/lens_scholarly_csv/ (their README.md say where the layouts come from).
#include <doctest/doctest.h>

#include <techconv/io/csv_works.hpp>
#include <techconv/io/lens_json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv_bad_input::expected_error;
namespace io = techconv::io;

namespace {

// A response page of the given records, on one line.
std::string lj_page(const std::vector<std::string>& records) {
    std::string s = "{\"total\":" + std::to_string(records.size()) + ",\"data\":[";
    for (std::size_t i = 0; i < records.size(); ++i) s += (i ? "," : "") + records[i];
    return s + "],\"results\":" + std::to_string(records.size()) + "}\n";
}

// A well-formed record; `extra` members are added to its biblio.
std::string lj_record(const std::string& lens_id, const std::string& extra = "") {
    return "{\"lens_id\":\"" + lens_id + "\",\"jurisdiction\":\"US\",\"doc_number\":\"" + lens_id.substr(0, 3) +
           "\",\"kind\":\"B2\",\"date_published\":\"2018-10-30\",\"biblio\":{\"classifications_ipcr\":"
           "{\"classifications\":[{\"symbol\":\"B64C39/02\"}]}" +
           extra + "}}";
}

struct lj_read {
    std::vector<std::string> ids;
    io::patent_read_stats stats;
    std::vector<io::read_issue> issues;
};

lj_read read_lj_text(const std::string& text, io::malformed_policy policy, const expected_error* want = nullptr,
                     std::size_t max_codes = 1000) {
    std::istringstream in(text);
    io::lens_json_options o;
    o.malformed = policy;
    o.max_codes_per_record = max_codes;
    io::lens_json_reader r(in, "bad.json", o);
    lj_read out;
    io::patent_record rec;
    try {
        while (r.next(rec)) out.ids.push_back(rec.id);
        CHECK(want == nullptr);
    } catch (const parse_error& e) {
        REQUIRE(want != nullptr);
        techconv_bad_input::check_error(e, *want, "bad.json");
    }
    out.stats = r.stats();
    out.issues = r.issues();
    return out;
}

std::size_t lj_skipped(const io::patent_read_stats& st) {
    for (const auto& s : st.skipped)
        if (s.first == "malformed records") return s.second;
    return 0;
}

}  // namespace

TEST_CASE("bad input: lens json: truncated text and text that is not JSON are errors under both policies") {
    const std::string page = lj_page({lj_record("111-1"), lj_record("222-2")});
    // cut inside the second record's symbol
    const expected_error cut{error_code::truncated, 1, 0, 0, "data[].biblio.classifications_ipcr.classifications[].symbol"};
    read_lj_text(page.substr(0, page.rfind("B64C3") + 3), io::malformed_policy::skip, &cut);
    // JSON Lines whose third line is no JSON: the two records before are delivered
    const expected_error junk{error_code::bad_markup, 3, 0, 0, ""};
    const auto s = read_lj_text(lj_record("111-1") + "\n" + lj_record("222-2") + "\nlens_id: 3\n",
                                io::malformed_policy::skip, &junk);
    CHECK(s.ids == std::vector<std::string>{"US 111 B2", "US 222 B2"});
    // a page whose `data` is no array, an item that is no object
    const expected_error not_array{error_code::bad_value, 1, 0, 0, "data"};
    read_lj_text("{\"total\":1,\"data\":{\"lens_id\":\"1\"}}\n", io::malformed_policy::skip, &not_array);
    const expected_error item{error_code::bad_value, 1, 0, 0, "data[]"};
    read_lj_text("{\"total\":1,\"data\":[\"111-1\"]}\n", io::malformed_policy::skip, &item);
}

TEST_CASE("bad input: lens json: a record without lens_id, members of the wrong type") {
    // the second record of the page has no lens_id
    const std::string text = lj_page({lj_record("111-1"), "{\"jurisdiction\":\"US\",\"doc_number\":\"5\"}", lj_record("333-3")});
    const expected_error none{error_code::bad_value, 1, 0, 2, "data[].lens_id"};
    read_lj_text(text, io::malformed_policy::error, &none);
    const auto s = read_lj_text(text, io::malformed_policy::skip);
    CHECK(s.ids == std::vector<std::string>{"US 111 B2", "US 333 B2"});
    CHECK(lj_skipped(s.stats) == 1);
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues[0].message.find("record 2: a record without a `lens_id` string") == 0);
    // lens_id a number
    const expected_error number_id{error_code::bad_value, 1, 0, 1, "data[].lens_id"};
    read_lj_text(lj_page({"{\"lens_id\":14233708}"}), io::malformed_policy::error, &number_id);
    // biblio a string; a symbol a number; applicants an object; a title that is a string
    const expected_error biblio{error_code::bad_value, 1, 0, 1, "data[].biblio"};
    const auto b = read_lj_text(lj_page({"{\"lens_id\":\"1\",\"biblio\":\"US 5 B2\"}"}), io::malformed_policy::error, &biblio);
    const expected_error symbol{error_code::bad_value, 1, 0, 2, "data[].biblio.classifications_cpc.classifications[].symbol"};
    read_lj_text(lj_page({lj_record("111-1"), lj_record("222-2", ",\"classifications_cpc\":{\"classifications\":[{\"symbol\":5}]}")}),
                 io::malformed_policy::error, &symbol);
    const expected_error applicants{error_code::bad_value, 1, 0, 1, "data[].biblio.parties.applicants"};
    read_lj_text(lj_page({lj_record("111-1", ",\"parties\":{\"applicants\":{\"extracted_name\":{\"value\":\"X\"}}}")}),
                 io::malformed_policy::error, &applicants);
    const expected_error title{error_code::bad_value, 1, 0, 1, "data[].biblio.invention_title"};
    const auto t = read_lj_text(lj_page({lj_record("111-1", ",\"invention_title\":\"Rotor\""), lj_record("222-2")}),
                                io::malformed_policy::skip, nullptr);
    CHECK(t.ids == std::vector<std::string>{"US 222 B2"});
    REQUIRE(t.issues.size() == 1);
    CHECK(t.issues[0].message == "record 1 (lens_id 111-1): `invention_title` is not an array; record skipped");
    read_lj_text(lj_page({lj_record("111-1", ",\"invention_title\":\"Rotor\"")}), io::malformed_policy::error, &title);
}

TEST_CASE("bad input: lens json: dates that are no dates, counts that are no counts") {
    // pretty-printed: the line of the value
    const expected_error pub{error_code::bad_year, 3, 0, 1, "date_published"};
    read_lj_text("{\n  \"lens_id\": \"1\",\n  \"date_published\": \"2018-13-45\"\n}\n", io::malformed_policy::error, &pub);
    const expected_error filing{error_code::bad_year, 1, 0, 2, "data[].biblio.application_reference.date"};
    const std::string text =
        lj_page({lj_record("111-1"), lj_record("222-2", ",\"application_reference\":{\"date\":\"soon\"}")});
    read_lj_text(text, io::malformed_policy::error, &filing);
    const auto s = read_lj_text(text, io::malformed_policy::skip);
    CHECK(s.ids == std::vector<std::string>{"US 111 B2"});
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues[0].code == error_code::bad_year);
    CHECK(s.issues[0].message == "record 2 (lens_id 222-2): date 'soon' is not a date; record skipped");
    // a priority date that is a number
    const expected_error prio{error_code::bad_year, 1, 0, 1, "data[].biblio.priority_claims.earliest_claim.date"};
    read_lj_text(lj_page({lj_record("111-1", ",\"priority_claims\":{\"earliest_claim\":{\"date\":20150514}}")}),
                 io::malformed_policy::error, &prio);
    // a negative count, a count written as text, a fractional family size
    const expected_error negative{error_code::bad_number, 1, 0, 1, "data[].biblio.references_cited.patent_count"};
    read_lj_text(lj_page({lj_record("111-1", ",\"references_cited\":{\"patent_count\":-3}")}), io::malformed_policy::error,
                 &negative);
    const expected_error text_count{error_code::bad_number, 1, 0, 1, "data[].biblio.cited_by.patent_count"};
    read_lj_text(lj_page({lj_record("111-1", ",\"cited_by\":{\"patent_count\":\"4\"}")}), io::malformed_policy::error,
                 &text_count);
    const expected_error size{error_code::bad_number, 1, 0, 1, "data[].families.simple_family.size"};
    read_lj_text(lj_page({"{\"lens_id\":\"1\",\"families\":{\"simple_family\":{\"size\":2.5}}}"}),
                 io::malformed_policy::error, &size);
}

TEST_CASE("bad input: lens json: codes that are no symbol are dropped and counted, too many codes are an error") {
    const std::string rec =
        "{\"lens_id\":\"1\",\"biblio\":{\"classifications_ipcr\":{\"classifications\":[{\"symbol\":\"ZZZZ\"},"
        "{\"symbol\":\"H04N 9/77\"},{\"symbol\":\"G06F\"},{\"symbol\":\"h04n9/77\"}]}}}";
    std::istringstream in(lj_page({rec}));
    io::lens_json_reader r(in, "codes.json");
    io::patent_record out;
    REQUIRE(r.next(out));
    CHECK(out.ipc == std::vector<std::string>{"H04N9/77", "G06F"});
    CHECK(r.stats().rejected_codes == 1);
    REQUIRE(r.stats().rejected_code_examples.size() == 1);
    CHECK(r.stats().rejected_code_examples[0].find("'ZZZZ' in biblio.classifications_ipcr") != std::string::npos);
    const expected_error limit{error_code::limit_exceeded, 1, 0, 1, "biblio.classifications_ipcr"};
    read_lj_text(lj_page({rec}), io::malformed_policy::skip, &limit, 1);
}

namespace {

std::vector<std::string> read_scholarly_csv(const std::string& text, io::malformed_policy policy,
                                            const expected_error* want = nullptr, io::bibliographic_report* report = nullptr) {
    std::istringstream in(text);
    io::bibliographic_options o;
    o.malformed = policy;
    std::vector<std::string> ids;
    try {
        io::lens_scholarly_csv_reader r(in, "bad.csv", o);
        io::bibliographic_record rec;
        while (r.next(rec)) ids.push_back(rec.id);
        if (report) *report = r.report();
        CHECK(want == nullptr);
    } catch (const parse_error& e) {
        REQUIRE(want != nullptr);
        techconv_bad_input::check_error(e, *want, "bad.csv");
    }
    return ids;
}

}  // namespace

TEST_CASE("bad input: lens scholarly csv: a missing column, a bad year, an empty id, a short row") {
    // no `Publication Year` column: not readable, under both policies
    const expected_error year_col{error_code::missing_column, 1, 0, 0, "Publication Year"};
    read_scholarly_csv("Lens ID,Title,Author/s\n001-1,A,B\n", io::malformed_policy::skip, &year_col);
    const expected_error id_col{error_code::missing_column, 1, 0, 0, "Lens ID"};
    read_scholarly_csv("Title,Publication Year,Author/s\nA,2020,B\n", io::malformed_policy::skip, &id_col);
    const std::string head = "Lens ID,Title,Publication Year,Author/s,References\n";
    // a year that is no year on line 3 (record 2), column 3
    const std::string bad_year = head + "001-1,A,2019,X,\n002-2,B,20x9,Y,001-1\n003-3,C,2021,Z,\n";
    const expected_error year{error_code::bad_year, 3, 3, 2, "Publication Year"};
    read_scholarly_csv(bad_year, io::malformed_policy::error, &year);
    io::bibliographic_report rep;
    CHECK(read_scholarly_csv(bad_year, io::malformed_policy::skip, nullptr, &rep) ==
          std::vector<std::string>{"001-1", "003-3"});
    CHECK(rep.skipped == 1);
    // an empty Lens ID on line 2 (record 1), column 1
    const expected_error empty_id{error_code::bad_value, 2, 1, 1, "Lens ID"};
    read_scholarly_csv(head + ",A,2019,X,\n", io::malformed_policy::error, &empty_id);
    // a row with fewer fields than the header (line 2, record 1)
    const expected_error short_row{error_code::field_count, 2, 0, 1, ""};
    read_scholarly_csv(head + "001-1,A,2019\n", io::malformed_policy::error, &short_row);
}
