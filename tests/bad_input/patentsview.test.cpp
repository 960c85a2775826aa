// Bad PatentsView PatentSearch API responses (techconv/io/patentsview.hpp): each case states
// the exact error (code, line, record = the patent's index in the file, member path) under
// malformed_policy::error, and what malformed_policy::skip keeps and counts. The inputs are
// written by hand in the shape of the shared sample's pages (patentsview-api-json-vcr).
#include <doctest/doctest.h>

#include <techconv/io/patentsview.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv_bad_input::expected_error;
namespace io = techconv::io;

namespace {

// A page of the given patents (JSON objects), on one line as the API writes it.
std::string pv_page(const std::vector<std::string>& patents) {
    std::string s = "{\"error\":false,\"count\":" + std::to_string(patents.size()) + ",\"total_hits\":3001,\"patents\":[";
    for (std::size_t i = 0; i < patents.size(); ++i) s += (i ? "," : "") + patents[i];
    return s + "]}\n";
}

// A well-formed patent of the sample's shape.
std::string pv_patent(const std::string& id) {
    return "{\"patent_id\":\"" + id +
           "\",\"cpc_current\":[{\"cpc_sequence\":0,\"cpc_subclass_id\":\"A42B\",\"cpc_group_id\":\"A42B1/247\"}],"
           "\"inventors\":[{\"inventor_name_first\":\"Leonard\",\"inventor_name_last\":\"Siprut\","
           "\"inventor_country\":\"US\",\"inventor_sequence\":0}]}";
}

struct pv_read {
    std::vector<std::string> ids;
    io::patent_read_stats stats;
    std::vector<io::read_issue> issues;
};

// Reads `text`; with `want`, checks the error it must raise.
pv_read read_pv_text(const std::string& text, io::malformed_policy policy, const expected_error* want = nullptr,
                     std::size_t max_codes = 1000) {
    std::istringstream in(text);
    io::patentsview_options o;
    o.malformed = policy;
    o.max_codes_per_record = max_codes;
    io::patentsview_reader r(in, "bad.json", o);
    pv_read out;
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

std::size_t pv_skipped(const io::patent_read_stats& st) {
    for (const auto& s : st.skipped)
        if (s.first == "malformed records") return s.second;
    return 0;
}

}  // namespace

TEST_CASE("bad input: patentsview: a date that is not a date, a year out of range") {
    std::string bad = pv_patent("6009556");
    bad.insert(bad.size() - 1, ",\"patent_date\":\"2000-13-45\"");
    const std::string text = pv_page({pv_patent("6009555"), bad, pv_patent("6009557")});
    // line 1 (the page), the second patent, its member patent_date
    const expected_error want{error_code::bad_year, 1, 0, 2, "patents[].patent_date"};
    read_pv_text(text, io::malformed_policy::error, &want);
    const auto s = read_pv_text(text, io::malformed_policy::skip);
    CHECK(s.ids == std::vector<std::string>{"US 6009555", "US 6009557"});
    CHECK(pv_skipped(s.stats) == 1);
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues[0].code == error_code::bad_year);
    CHECK(s.issues[0].message.find("patent 2 (patent_id 6009556): patent_date '2000-13-45' is not a date") == 0);
    // pretty-printed: the line of the value; patent_year outside [1700, 2199]
    const expected_error year{error_code::bad_year, 3, 0, 1, "patent_year"};
    read_pv_text("{\n  \"patent_id\": \"1\",\n  \"patent_year\": 20001\n}\n", io::malformed_policy::error, &year);
    // a filing date inside application[]
    const expected_error filing{error_code::bad_year, 1, 0, 1, "patents[].application[].filing_date"};
    read_pv_text(pv_page({"{\"patent_id\":\"1\",\"application\":[{\"filing_date\":\"soon\"}]}"}),
                 io::malformed_policy::error, &filing);
}

TEST_CASE("bad input: patentsview: a patent without patent_id, a count that is not a count") {
    const expected_error none{error_code::bad_value, 1, 0, 2, "patents[].patent_id"};
    const std::string text = pv_page({pv_patent("1"), "{\"cpc_current\":[]}"});
    read_pv_text(text, io::malformed_policy::error, &none);
    const auto s = read_pv_text(text, io::malformed_policy::skip);
    CHECK(s.ids == std::vector<std::string>{"US 1"});
    CHECK(pv_skipped(s.stats) == 1);
    // patent_id null (noted where it is read)
    const expected_error null_id{error_code::bad_value, 1, 0, 1, "patents[].patent_id"};
    read_pv_text(pv_page({"{\"patent_id\":null}"}), io::malformed_policy::error, &null_id);
    // a negative count, a count written as text
    const expected_error negative{error_code::bad_number, 1, 0, 1, "patents[].patent_num_times_cited_by_us_patents"};
    read_pv_text(pv_page({"{\"patent_id\":\"1\",\"patent_num_times_cited_by_us_patents\":-3}"}),
                 io::malformed_policy::error, &negative);
    const expected_error text_count{error_code::bad_number, 1, 0, 1, "patents[].patent_num_us_patents_cited"};
    read_pv_text(pv_page({"{\"patent_id\":\"1\",\"patent_num_us_patents_cited\":\"6\"}"}),
                 io::malformed_policy::error, &text_count);
}

TEST_CASE("bad input: patentsview: an error response, a page whose patents are no array, no JSON") {
    // always errors, also under skip: the reader cannot tell where the patents are
    const std::string error_page = "{\"error\":true,\"reason\":\"Invalid query\"}\n";
    const expected_error api{error_code::bad_value, 1, 0, 0, "error"};
    read_pv_text(error_page, io::malformed_policy::skip, &api);
    const expected_error not_array{error_code::bad_value, 1, 0, 0, "patents"};
    read_pv_text("{\"error\":false,\"patents\":{\"patent_id\":\"1\"}}\n", io::malformed_policy::skip, &not_array);
    const expected_error item{error_code::bad_value, 1, 0, 0, "patents[]"};
    read_pv_text("{\"error\":false,\"patents\":[\"6009555\"]}\n", io::malformed_policy::skip, &item);
    // truncated (a page cut off), and text that is not JSON on line 2
    const std::string page = pv_page({pv_patent("1"), pv_patent("2")});
    const expected_error cut{error_code::truncated, 1, 0, 0, "patents[].cpc_current[].cpc_group_id"};
    read_pv_text(page.substr(0, page.find("A42B1") + 3), io::malformed_policy::skip, &cut);
    const expected_error junk{error_code::bad_markup, 2, 0, 0, ""};
    const auto s = read_pv_text(page + "patent_id: 3\n", io::malformed_policy::skip, &junk);
    CHECK(s.ids.size() == 2);  // the first page was read
}

TEST_CASE("bad input: patentsview: codes that are no symbol are dropped and counted, too many codes are an error") {
    const std::string p =
        "{\"patent_id\":\"1\",\"cpc_current\":[{\"cpc_sequence\":1,\"cpc_group_id\":\"ZZZZ\"},"
        "{\"cpc_sequence\":0,\"cpc_group_id\":\"H04N9/77\"},{\"cpc_sequence\":2,\"cpc_group_id\":null,"
        "\"cpc_subclass_id\":\"G06F\"},{\"cpc_sequence\":3,\"cpc_group_id\":\"H04N9/77\"}]}";
    std::istringstream in(pv_page({p}));
    io::patentsview_reader r(in, "codes.json");
    io::patent_record rec;
    REQUIRE(r.next(rec));
    // in cpc_sequence order, each once; ZZZZ dropped; a null group gives its subclass
    CHECK(rec.cpc == std::vector<std::string>{"H04N9/77", "G06F"});
    CHECK(r.stats().rejected_codes == 1);
    REQUIRE(r.stats().rejected_code_examples.size() == 1);
    CHECK(r.stats().rejected_code_examples[0].find("'ZZZZ' in cpc_current") != std::string::npos);
    // limit_exceeded names the patent and the list, also under skip
    const expected_error limit{error_code::limit_exceeded, 1, 0, 1, "cpc_current"};
    read_pv_text(pv_page({p}), io::malformed_policy::skip, &limit, 1);
}
