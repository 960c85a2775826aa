// The PatentsView PatentSearch API reader (techconv/io/patentsview.hpp): the four response
// files of the shared sample (patentsview-api-json-vcr) against an independent reading with
// Python's json module (tests/io/patentsview_reference.py), the counts of its PROVENANCE.md,
// the year rule on the one patent with dates, the detection against the OpenAlex and Lens
// scholarly samples, and the reading through read_patent_table.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "techconv/analysis/patent_rules.hpp"
#include "techconv/analysis/indicators.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/io/patentsview.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

std::string pv_dir() { return techconv_test::data_path("patentsview-api-json-vcr/"); }

std::vector<std::string> pv_files() {
    const std::string d = pv_dir();
    return {d + "after-paging-1.response.json", d + "after-paging-2.response.json",
            d + "and-operator.response.json", d + "patent-all-fields.response.json"};
}

std::vector<std::string> pv_pages() { return {pv_dir() + "after-paging-1.response.json", pv_dir() + "after-paging-2.response.json"}; }

std::string pv_joined(const std::vector<std::string>& xs, const char* sep = ",") {
    if (xs.empty()) return "-";
    std::string s = xs.front();
    for (std::size_t k = 1; k < xs.size(); ++k) s += sep + xs[k];  // an item may be empty (no country)
    return s;
}

// The record as patentsview_reference.py prints it ('~' for a list the source did not supply).
std::string pv_line(const tio::patent_record& r) {
    std::vector<std::string> assignees, inventors;
    for (const auto& a : r.applicants) assignees.push_back(a.name + "@" + a.country);
    for (const auto& i : r.inventors) inventors.push_back(i.country);
    const auto list = [&](tio::patent_field f, const std::string& text) { return r.has(f) ? text : std::string("~"); };
    return r.id + "\t" + std::to_string(r.publication_year) + "\t" + std::to_string(r.application_year) + "\t" +
           std::to_string(r.priority_year) + "\t" + list(tio::patent_field::cpc, pv_joined(r.cpc)) + "\t" +
           list(tio::patent_field::ipc, pv_joined(r.ipc)) + "\t" +
           list(tio::patent_field::applicants, pv_joined(assignees, ";")) + "\t" +
           list(tio::patent_field::inventors, pv_joined(inventors)) + "\t" +
           std::to_string(r.counts.value_or(tio::indicator::backward_citations, -1)) + "\t" +
           std::to_string(r.counts.value_or(tio::indicator::forward_citations, -1)) + "\n";
}

}  // namespace

TEST_CASE("patentsview: the four sample responses equal the Python reading, patent by patent") {
    std::string mine;
    std::size_t n = 0;
    for (const auto& f : pv_files()) {
        tio::patentsview_reader r(f);
        tio::patent_record rec;
        while (r.next(rec)) {
            mine += pv_line(rec);
            ++n;
        }
        CHECK(r.stats().skipped.empty());
        CHECK(r.issues().empty());
        CHECK(r.stats().layout == "patentsview");
        CHECK(r.stats().rejected_codes == 0);  // every cpc_group_id and ipcr item is a symbol
    }
    const std::string py = techconv_test::run_python("io/patentsview_reference.py", pv_files());
    CHECK(mine == py);
    // PROVENANCE.md: 200 + 12 + 1 patents
    CHECK(n == 213);
}

TEST_CASE("patentsview: the counts of the sample's PROVENANCE.md (the two pages of one query)") {
    std::vector<tio::patent_record> recs;
    for (const auto& f : pv_pages()) {
        auto part = tio::read_patentsview(f);
        recs.insert(recs.end(), part.begin(), part.end());
    }
    // PROVENANCE.md: 200 patents of 2000-01-04, 4.5 CPC groups each (909 by the Python reading:
    // patentsview_reference.py --counts), assignees in 130 of 200, 3 with inventors in two countries
    REQUIRE(recs.size() == 200);
    std::size_t cpc = 0, with_assignees = 0, two_countries = 0, us_inventors = 0, jp_inventors = 0, us_assignees = 0;
    for (const auto& r : recs) {
        cpc += r.cpc.size();
        with_assignees += r.has(tio::patent_field::applicants) ? 1 : 0;
        two_countries += tio::party_countries(r.inventors).size() > 1 ? 1 : 0;
        for (const auto& i : r.inventors) {
            us_inventors += i.country == "US" ? 1 : 0;
            jp_inventors += i.country == "JP" ? 1 : 0;
        }
        for (const auto& a : r.applicants) us_assignees += a.country == "US" ? 1 : 0;
        CHECK(r.has(tio::patent_field::cpc));
        CHECK_FALSE(r.has(tio::patent_field::ipc));
        CHECK(r.publication_year == techconv::no_year);  // the query's f list has no date
    }
    CHECK(cpc == 909);
    CHECK(with_assignees == 130);
    CHECK(two_countries == 3);
    // PROVENANCE.md: inventor countries US 198, JP 68; assignee countries US 68
    CHECK(us_inventors == 198);
    CHECK(jp_inventors == 68);
    CHECK(us_assignees == 68);
    const std::string counts = techconv_test::run_python("io/patentsview_reference.py", {"--counts", pv_pages()[0], pv_pages()[1]});
    CHECK(counts.substr(0, 8) == "200 909 ");
}

TEST_CASE("patentsview: the patent with every field: years by the library's one rule, counts, types") {
    const auto recs = tio::read_patentsview(pv_dir() + "patent-all-fields.response.json");
    REQUIRE(recs.size() == 1);
    const auto& r = recs[0];
    CHECK(r.id == "US 5116621 A");  // patent_id 5116621, wipo_kind A
    CHECK(r.jurisdiction == "US");
    CHECK(r.document_type == "utility");
    CHECK(r.title == "Anti-inflammatory analgesic patch");
    // patent_date 1992-05-26, application filing_date 1990-12-24, foreign priority 1989-12-25
    CHECK(r.publication_year == 1992);
    CHECK(r.application_year == 1990);
    CHECK(r.priority_year == 1989);
    // analysis::patent_year: the application year first
    CHECK(techconv::analysis::patent_year(r) == 1990);
    CHECK(r.priority_countries == std::vector<std::string>{"JP"});
    CHECK(r.priority_numbers == std::vector<std::string>{"1-332599"});
    // assignee_sequence 0 is Lederle, 1 Teikoku; both assignee_type 3 (foreign company)
    REQUIRE(r.applicants.size() == 2);
    CHECK(r.applicants[0].name == "Lederle (Japan), Ltd.");
    CHECK(r.applicants[0].type == tio::applicant_type::company);
    CHECK(r.applicants[1].country == "JP");
    // inventor_sequence 0 is Akihito Oji (third in the response)
    REQUIRE(r.inventors.size() == 4);
    CHECK(r.inventors[0].name == "Akihito Oji");
    CHECK(r.ipc == std::vector<std::string>{"A61F13/00"});
    CHECK(r.cpc.front() == "A61K9/7061");
    // the indicators: 9 documents cited (6 US patents + 0 applications + 3 foreign), 34 citing
    // US patents, 1 IPC code, 2 applicants; NPL, claims, family size and filing countries absent
    const auto v = tio::record_indicators(r);
    CHECK(v.get(tio::indicator::backward_citations) == 9);
    CHECK(v.get(tio::indicator::forward_citations) == 34);
    CHECK(v.get(tio::indicator::technology_classes) == 1);
    CHECK(v.get(tio::indicator::applicants) == 2);
    CHECK(v.count() == 4);
}

TEST_CASE("patentsview: assignee types, pages in one stream, arrays and JSON Lines of patents") {
    using tio::detail::patentsview_assignee_type;
    CHECK(patentsview_assignee_type("2") == tio::applicant_type::company);
    CHECK(patentsview_assignee_type("13") == tio::applicant_type::company);  // part interest, foreign company
    CHECK(patentsview_assignee_type("5") == tio::applicant_type::individual);
    CHECK(patentsview_assignee_type("6") == tio::applicant_type::institute);
    CHECK(patentsview_assignee_type("1") == tio::applicant_type::unknown);
    CHECK(patentsview_assignee_type("") == tio::applicant_type::unknown);
    CHECK(patentsview_assignee_type("23") == tio::applicant_type::unknown);
    // two pages on two lines, then an array, then JSON Lines of patents: 5 patents in order
    std::istringstream in(
        "{\"error\":false,\"count\":1,\"patents\":[{\"patent_id\":\"0001\"}],\"total_hits\":2}\n"
        "{\"error\":false,\"patents\":[{\"patent_id\":\"D412345\",\"patent_year\":2000}]}\n"
        "[{\"patent_id\":\"RE37000\"}]\n{\"patent_id\":\"7\"}\n{\"patent_id\":\"8\",\"cpc_current\":[]}\n");
    tio::patentsview_reader r(in, "pages.json");
    const auto recs = r.read_all();
    REQUIRE(recs.size() == 5);
    CHECK(recs[0].id == "US 1");
    CHECK(recs[1].id == "US D412345");
    CHECK(recs[1].publication_year == 2000);
    CHECK(recs[2].id == "US RE37000");
    CHECK_FALSE(recs[3].has(tio::patent_field::cpc));
    CHECK(recs[4].has(tio::patent_field::cpc));  // an empty list the response has: supplied, none
    CHECK(recs[4].cpc.empty());
}

TEST_CASE("patentsview: detected from content, and the OpenAlex and Lens scholarly samples stay theirs") {
    for (const auto& f : pv_files()) CHECK(tio::detect_format(f) == tio::input_format::patentsview);
    CHECK(tio::detect_format(techconv_test::data_path("openalex-works-api-json/json_chunk_1_results_page_1.json")) ==
          tio::input_format::openalex);
    CHECK(tio::detect_format(techconv_test::data_path("lens-scholarly-jsonl-covid/lens-export.jsonl")) ==
          tio::input_format::lens_scholarly);
    CHECK(tio::detect_format_of("[{\"patent_id\":\"6009555\",\"cpc_current\":[]}]") == tio::input_format::patentsview);
    CHECK(tio::detect_format_of("{\n  \"patent_id\": \"1\",\n  \"inventors\": []\n}") == tio::input_format::patentsview);
    // a member named patent_id alone is not enough
    CHECK(tio::detect_format_of("{\"patent_id\":\"1\"}") == tio::input_format::automatic);
    CHECK(tio::input_format_from_string("patentsview") == tio::input_format::patentsview);
    CHECK(tio::to_string(tio::input_format::patentsview) == "patentsview");
    CHECK(tio::holds_patents(tio::input_format::patentsview));
    CHECK_FALSE(tio::holds_papers(tio::input_format::patentsview));
}

TEST_CASE("patentsview: read_patent_table reads the two pages of one query with --format auto") {
    tio::read_patents_options opts;
    opts.merge_families = false;
    const auto in = tio::read_patent_table(pv_pages(), opts);
    REQUIRE(in.files.size() == 2);
    CHECK(in.files[0].format == tio::input_format::patentsview);
    CHECK(in.files[1].format == tio::input_format::patentsview);
    CHECK(in.table.size() == 200);
    CHECK(in.duplicates == 0);  // the second page starts after 6009654
    CHECK(tio::input_note(in.files[0].path, in.files[0].stats).find(": patentsview, 100 records") != std::string::npos);
    const auto rows = tio::read_patentsview(pv_pages()[1]);
    const auto [c, k] = in.table.locate(102);
    CHECK(c->id(k) == rows[2].id);
    CHECK(c->cpc(k).size() == rows[2].cpc.size());
}
