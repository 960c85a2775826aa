// SPDX-License-Identifier: BSL-1.0
// analysis::build_citation_graph and analysis::quality_indicators (OECD patent
// quality indicators, Squicciarini, Dernis & Criscuolo 2013) on a small corpus
// with a citation table and a class table; every expected value is worked out
// by hand in the comments. tests/analysis/quality_reference.py recomputes the
// class-based indicators independently (pandas) on the same tables.
#include <doctest/doctest.h>

#include <array>
#include <sstream>
#include <string>
#include <vector>

#include <techconv/analysis/quality.hpp>
#include <techconv/classification/concordance.hpp>
#include <techconv/io/lens_json.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/io/uspto_xml.hpp>

#include "test_support.hpp"

namespace ta = techconv::analysis;
namespace tio = techconv::io;
namespace tcc = techconv::classification;
using tindex = techconv::index;
using qi = techconv::analysis::quality_indicator;
using qs = techconv::analysis::quality_status;

namespace quality_test {

tio::patent_record rec(std::string id, std::vector<std::string> ipc, techconv::year_type pub,
                       std::vector<std::string> cited) {
    tio::patent_record r;
    r.id = std::move(id);
    r.ipc = std::move(ipc);
    r.publication_year = pub;
    r.cited_patents = std::move(cited);
    return r;
}

// The corpus (subclasses in brackets):
//   P1 US 1000001 B2 [A01B, B02C] 2010, cites P2, P3, US 9000001 A (external); 10 claims
//   P2 US 1000002 B2 [A01B]       2005
//   P3 US 1000003 B1 [C03C, D04B] 2006
//   P4 US 1000004 B2 [C03C]       2010, cites P1 as `US 1000001 A` (kind differs) and P3
//   P5 US 1000005 B2 [E05B]       2020, cites P1 and P2
//   P6 US 1000006 B2 [H04L]       2015, cites US 7000001 A (external, no class known)
//   P7 US 1000007 B2 [H04L]       no year
std::vector<tio::patent_record> corpus() {
    auto p1 = rec("US 1000001 B2", {"A01B1/00", "B02C1/00"}, 2010, {"US 1000002 B2", "US 1000003 B1", "US 9000001 A"});
    p1.counts.set(tio::indicator::claims, 10);
    return {p1,
            rec("US 1000002 B2", {"A01B3/00"}, 2005, {}),
            rec("US 1000003 B1", {"C03C1/00", "D04B1/00"}, 2006, {}),
            rec("US 1000004 B2", {"C03C3/00"}, 2010, {"US 1000001 A", "US 1000003 B1"}),
            rec("US 1000005 B2", {"E05B1/00"}, 2020, {"US 1000001 B2", "US 1000002 B2"}),
            rec("US 1000006 B2", {"H04L9/32"}, 2015, {"US 7000001 A"}),
            rec("US 1000007 B2", {"H04L1/00"}, techconv::no_year, {})};
}

// Citation table: US 8000001 B1 (2013) cites P1; US 8000002 B1 (year not given) cites P6;
// the last row joins two documents outside the corpus (unused).
const char* const citation_csv =
    "citing,cited,citing_year\n"
    "US8000001B1,US 1000001 B2,2013\n"
    "US-8000002-B1,US1000006B2,\n"
    "US 8000003 B1,US 9000001 A,2001\n";
// Class table: the external US 9000001 A is in A01B and F16H, US 8000001 B1 in B02C.
const char* const class_csv =
    "id,ipc\n"
    "US 9000001 A,A01B 5/00\n"
    "US 9000001 A,F16H 1/00\n"
    "US8000001B1,B02C 2/00\n";

struct fixture {
    std::vector<tio::patent_record> records = corpus();
    std::vector<tio::citation_row> citations;
    std::vector<tio::class_row> classes;
    fixture() {
        std::istringstream c(citation_csv), k(class_csv);
        citations = tio::read_citation_table(c, "citations.csv");
        classes = tio::read_class_table(k, "classes.csv");
    }
};

const ta::quality_value& at(const ta::quality_result& r, std::size_t i, qi q) { return r.records[i][q]; }

}  // namespace quality_test

TEST_CASE("quality: publication numbers and citation keys") {
    CHECK(tio::publication_number("US5123456B2") == "US 5123456 B2");
    CHECK(tio::publication_number("us 05123456 b2") == "US 5123456 b2");
    CHECK(tio::publication_number("US-5123456-B2") == "US 5123456 B2");
    CHECK(tio::publication_number("US 5123456") == "US 5123456");
    CHECK(tio::publication_number("JP 7-23484") == "JP 7-23484");  // a USPTO foreign citation
    CHECK(tio::publication_number("none") == "");
    CHECK(tio::publication_key("US 5123456 B2") == "US 5123456");
    CHECK(tio::publication_key("US 5123456") == "US 5123456");
}

TEST_CASE("quality: citation graph of a corpus with a citation table and a class table") {
    const quality_test::fixture f;
    const auto g = ta::build_citation_graph(f.records, f.citations, f.classes);
    // nodes: 7 records, then US 9000001 A, US 7000001 A (lists), US 8000001 B1, US 8000002 B1 (table);
    // the unused row names US 8000003 B1, which gets no node.
    REQUIRE(g.records == 7);
    REQUIRE(g.size() == 11);
    CHECK(g.ids[7] == "US 9000001 A");
    CHECK(g.ids[8] == "US 7000001 A");
    CHECK(g.ids[9] == "US 8000001 B1");
    CHECK(g.ids[10] == "US 8000002 B1");
    CHECK(g.stats.list_citations == 8);     // 3 + 2 + 2 + 1
    CHECK(g.stats.table_rows == 3);
    CHECK(g.stats.table_rows_unused == 1);
    CHECK(g.stats.internal_edges == 6);     // P1->P2, P1->P3, P4->P1, P4->P3, P5->P1, P5->P2
    CHECK(g.stats.edges == 10);             // 8 list citations + 2 table rows
    CHECK(g.cited[3] == std::vector<tindex>{0, 2});  // `US 1000001 A` resolves to P1 by its key
    CHECK(g.citing[0] == std::vector<tindex>{3, 4, 9});
    CHECK(g.publication_year[9] == 2013);
    CHECK(g.publication_year[10] == techconv::no_year);
    CHECK(g.classes[7].size() == 2);  // A01B 5/00, F16H 1/00 from the class table
    CHECK_FALSE(g.has_classes(8));
}

TEST_CASE("quality: OECD indicators worked out by hand") {
    const quality_test::fixture f;
    const auto r = ta::quality_indicators(f.records, {}, f.citations, f.classes);
    using quality_test::at;
    REQUIRE(r.records.size() == 7);

    // P1: scope {A01B, B02C} = 2; claims 10 stated; family size not stated; 3 cited documents.
    CHECK(*at(r, 0, qi::patent_scope).value == 2);
    CHECK(*at(r, 0, qi::claims).value == 10);
    CHECK_FALSE(at(r, 0, qi::family_size).value);
    CHECK(at(r, 0, qi::family_size).status == qs::not_stated);
    CHECK(*at(r, 0, qi::backward_citations).value == 3);
    // forward within 5 years of 2010: P4 (2010), US 8000001 B1 (2013) yes, P5 (2020) no -> 2
    CHECK(*at(r, 0, qi::forward_citations_5y).value == 2);
    CHECK(at(r, 0, qi::forward_citations_5y).status == qs::ok);
    // generality: citing P4 [C03C], P5 [E05B], US 8000001 B1 [B02C]: shares 1/3 each,
    // 1 - 3 * (1/9) = 2/3
    CHECK(techconv_test::close(*at(r, 0, qi::generality).value, 2.0 / 3.0));
    // originality (fractional): cited P2 [A01B] gives A01B 1; P3 [C03C, D04B] gives 1/2 each;
    // US 9000001 A [A01B, F16H] gives 1/2 each. A01B 3/2, C03C 1/2, D04B 1/2, F16H 1/2 of 3:
    // shares 1/2, 1/6, 1/6, 1/6; 1 - (1/4 + 3/36) = 2/3
    CHECK(techconv_test::close(*at(r, 0, qi::originality).value, 2.0 / 3.0));
    // radicalness: pairs (P2,A01B) (P3,C03C) (P3,D04B) (9000001,A01B) (9000001,F16H);
    // outside {A01B, B02C}: C03C, D04B, F16H -> 3/5
    CHECK(techconv_test::close(*at(r, 0, qi::radicalness).value, 0.6));
    CHECK(at(r, 0, qi::originality).status == qs::ok);  // every cited document has a class
    CHECK(at(r, 0, qi::radicalness).status == qs::ok);

    // P2: cites nothing and states no count; cited by P1 (2010) and P5 (2020).
    CHECK(at(r, 1, qi::backward_citations).status == qs::not_stated);
    CHECK(at(r, 1, qi::originality).status == qs::no_citations);
    CHECK(at(r, 1, qi::radicalness).status == qs::no_citations);
    CHECK(*at(r, 1, qi::forward_citations_5y).value == 1);  // P1 in 2010 <= 2005 + 5
    // generality: P1 gives A01B 1/2, B02C 1/2; P5 gives E05B 1; shares 1/4, 1/4, 1/2:
    // 1 - (1/16 + 1/16 + 1/4) = 0.625
    CHECK(techconv_test::close(*at(r, 1, qi::generality).value, 0.625));

    // P4: cites P1 [A01B, B02C], P3 [C03C, D04B]; focal {C03C}.
    // originality: four classes at 1/4: 1 - 4/16 = 0.75; radicalness: 3 of 4 pairs outside = 0.75
    CHECK(techconv_test::close(*at(r, 3, qi::originality).value, 0.75));
    CHECK(techconv_test::close(*at(r, 3, qi::radicalness).value, 0.75));
    CHECK(at(r, 3, qi::generality).status == qs::no_citations);
    CHECK(*at(r, 3, qi::forward_citations_5y).value == 0);

    // P5: cites P1 [A01B, B02C] and P2 [A01B]: A01B 3/2, B02C 1/2 of 2: 1 - (9/16 + 1/16) = 0.375;
    // radicalness: focal {E05B}, all 3 pairs outside = 1
    CHECK(techconv_test::close(*at(r, 4, qi::originality).value, 0.375));
    CHECK(techconv_test::close(*at(r, 4, qi::radicalness).value, 1.0));

    // P6: its one cited document has no known class; it is cited by US 8000002 B1 without year.
    CHECK(*at(r, 5, qi::backward_citations).value == 1);
    CHECK(at(r, 5, qi::originality).status == qs::no_known_classes);
    CHECK(at(r, 5, qi::radicalness).status == qs::no_known_classes);
    CHECK(at(r, 5, qi::generality).status == qs::no_known_classes);
    CHECK(*at(r, 5, qi::forward_citations_5y).value == 0);
    CHECK(at(r, 5, qi::forward_citations_5y).status == qs::unknown_citing_years);

    // P7: no year: no window, no cohort.
    CHECK(at(r, 6, qi::forward_citations_5y).status == qs::no_year);
    CHECK(at(r, 6, qi::breakthrough).status == qs::no_cohort);
    CHECK(r.records[6].normalised[static_cast<std::size_t>(qi::patent_scope)].status == qs::no_cohort);
    CHECK(r.records_without_year == 1);

    // Cohort 2010 (no field table: cohorts are years) = {P1, P4}.
    // breakthrough: forward 2 and 0, k = ceil(0.01 * 2) = 1, threshold 2: P1 1, P4 0.
    CHECK(*at(r, 0, qi::breakthrough).value == 1);
    CHECK(*at(r, 3, qi::breakthrough).value == 0);
    // normalised by the cohort maximum: scope 2 and 1 -> 1, 0.5; originality 2/3 and 3/4 ->
    // 8/9, 1; radicalness 0.6 and 0.75 -> 0.8, 1.
    const auto norm = [&r](std::size_t i, qi q) { return r.records[i].normalised[static_cast<std::size_t>(q)]; };
    CHECK(techconv_test::close(*norm(3, qi::patent_scope).value, 0.5));
    CHECK(techconv_test::close(*norm(0, qi::originality).value, 8.0 / 9.0));
    CHECK(techconv_test::close(*norm(0, qi::radicalness).value, 0.8));
    CHECK(techconv_test::close(*norm(3, qi::radicalness).value, 1.0));
    // P1 is the only one in 2010 with claims: 10/10; generality is undefined for P4 (kept).
    CHECK(techconv_test::close(*norm(0, qi::claims).value, 1.0));
    CHECK(norm(3, qi::generality).status == qs::no_citations);
    // cohort 2005 = {P2}: forward 1 / 1 = 1; cohort 2020 = {P5}: forward 0, maximum 0 -> zero_cohort_maximum.
    CHECK(techconv_test::close(*norm(1, qi::forward_citations_5y).value, 1.0));
    CHECK(norm(4, qi::forward_citations_5y).status == qs::zero_cohort_maximum);
}

TEST_CASE("quality: a cited document without a known class gives originality and radicalness a status") {
    // The corpus without the class table: P1's cited US 9000001 A has no class any more.
    const quality_test::fixture f;
    const auto r = ta::quality_indicators(f.records, {}, f.citations);
    using quality_test::at;
    // P1 cites P2 [A01B], P3 [C03C, D04B] and US 9000001 A (no class: left out).
    // originality (fractional): A01B 1, C03C 1/2, D04B 1/2 of 2 documents: shares 1/2, 1/4, 1/4;
    // 1 - (1/4 + 1/16 + 1/16) = 0.625, over 2 of the 3 cited documents
    CHECK(techconv_test::close(*at(r, 0, qi::originality).value, 0.625));
    CHECK(at(r, 0, qi::originality).status == qs::unknown_cited_classes);
    CHECK((r.records[0].cited == 3 && r.records[0].cited_with_classes == 2));
    // radicalness: pairs (P2, A01B) (P3, C03C) (P3, D04B); outside {A01B, B02C}: 2 of 3
    CHECK(techconv_test::close(*at(r, 0, qi::radicalness).value, 2.0 / 3.0));
    CHECK(at(r, 0, qi::radicalness).status == qs::unknown_cited_classes);
    // P4 cites P1 and P3, both with classes: complete
    CHECK(at(r, 3, qi::originality).status == qs::ok);
    CHECK(at(r, 3, qi::radicalness).status == qs::ok);
    // P6's only cited document has no class: undefined, as before
    CHECK(at(r, 5, qi::originality).status == qs::no_known_classes);
    CHECK(at(r, 5, qi::radicalness).status == qs::no_known_classes);
    CHECK(ta::to_string(qs::unknown_cited_classes) == "unknown_cited_classes");
}

TEST_CASE("quality: options - full class counting, Hall's correction, the window") {
    const quality_test::fixture f;
    ta::quality_options o;
    o.shares = ta::class_shares::full;
    auto r = ta::quality_indicators(f.records, o, f.citations, f.classes);
    // P1 originality, full counting: A01B 2, C03C 1, D04B 1, F16H 1 of 5 occurrences:
    // 1 - (0.16 + 3 * 0.04) = 0.72
    CHECK(techconv_test::close(*quality_test::at(r, 0, qi::originality).value, 0.72));

    o.shares = ta::class_shares::fractional;
    o.hall_correction = true;
    r = ta::quality_indicators(f.records, o, f.citations, f.classes);
    // P1 originality 2/3 over N = 3 documents: 2/3 * 3/2 = 1; P2 generality 0.625 * 2/1 = 1.25
    CHECK(techconv_test::close(*quality_test::at(r, 0, qi::originality).value, 1.0));
    CHECK(techconv_test::close(*quality_test::at(r, 1, qi::generality).value, 1.25));
    // P2 cites nothing: the correction leaves the status as it is.
    CHECK(quality_test::at(r, 1, qi::originality).status == qs::no_citations);

    o.hall_correction = false;
    o.forward_window = 10;
    r = ta::quality_indicators(f.records, o, f.citations, f.classes);
    CHECK(*quality_test::at(r, 0, qi::forward_citations_5y).value == 3);  // P5 (2020) now within 2010 + 10

    o.breakthrough_share = 0;
    CHECK_THROWS_AS(ta::quality_indicators(f.records, o), techconv::invalid_argument);
}

TEST_CASE("quality: Hall's correction is undefined for a single citing document") {
    // Q2 is cited only by Q1 (one class): generality 1 - 1 = 0 uncorrected; N = 1 corrected.
    std::vector<tio::patent_record> rs = {quality_test::rec("US 2000001 B2", {"A01B1/00"}, 2010, {"US 2000002 B2"}),
                                          quality_test::rec("US 2000002 B2", {"B02C1/00"}, 2008, {})};
    auto r = ta::quality_indicators(rs);
    CHECK(*quality_test::at(r, 1, qi::generality).value == 0.0);
    ta::quality_options o;
    o.hall_correction = true;
    r = ta::quality_indicators(rs, o);
    CHECK_FALSE(quality_test::at(r, 1, qi::generality).value);
    CHECK(quality_test::at(r, 1, qi::generality).status == qs::single_citation);
}

TEST_CASE("quality: technology fields make the cohorts") {
    const quality_test::fixture f;
    tcc::concordance fields;
    fields.add_rule("A01B%", "Agriculture");
    fields.add_rule("C03C%", "Materials");
    fields.add_rule("E05B%", "Civil engineering");
    // the field rule: the first code the table maps (P1's A01B, not its B02C)
    std::vector<tcc::ipc_code> codes = {tcc::parse_ipc("H04L 9/32"), tcc::parse_ipc("C03C 1/00")};
    CHECK(fields.category(ta::technology_field(codes, fields)).name == "Materials");
    codes.pop_back();
    CHECK(ta::technology_field(codes, fields) == techconv::no_label);

    ta::quality_options o;
    o.fields = &fields;
    const auto r = ta::quality_indicators(f.records, o, f.citations, f.classes);
    CHECK(fields.category(r.records[0].field).name == "Agriculture");
    CHECK(fields.category(r.records[3].field).name == "Materials");
    // P3 [C03C, D04B] 2006, P6 and P7 [H04L] have no field (H04L unmapped) or no year
    CHECK(r.records_without_field == 2);  // P6, P7
    CHECK(quality_test::at(r, 5, qi::breakthrough).status == qs::no_cohort);
    // 2010 splits into (2010, Agriculture) = {P1} and (2010, Materials) = {P4}: P4's scope 1 / 1
    CHECK(techconv_test::close(*r.records[3].normalised[static_cast<std::size_t>(qi::patent_scope)].value, 1.0));
    CHECK(r.records[3].normalised[static_cast<std::size_t>(qi::forward_citations_5y)].status ==
          qs::zero_cohort_maximum);
}

namespace quality_test {

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ";") + x;
    return s;
}

std::string year_text(techconv::year_type y) { return y == techconv::no_year ? "" : std::to_string(y); }

}  // namespace quality_test

TEST_CASE("quality: USPTO grant sample against an independent pandas implementation") {
    if (!techconv_test::have_data()) return;
    // The nine weekly USPTO samples (225 grants). They rarely cite each other, so the test adds
    // a citation table (each grant cites the grant at the same position of the previous
    // file, citing year = its publication year) and a class table giving every document a
    // grant cites one or two subclasses chosen from its number (below); the reference
    // (tests/analysis/quality_reference.py) reads the same three tables.
    std::vector<tio::patent_record> rs;
    for (const char* f : {"ipg050104", "ipg060103", "ipg070102", "ipg080101", "ipg090106", "ipg100105",
                          "ipg110104", "ipg120103", "ipg130416"}) {
        auto part = tio::read_uspto_xml(
            techconv_test::data_path(std::string("patents-uspto-grant-xml/") + f + ".small.xml"));
        rs.insert(rs.end(), part.begin(), part.end());
    }
    REQUIRE(rs.size() == 225);
    const std::vector<std::string> pool = {"A61K 9/00", "G06F 3/00", "H04L 9/00", "B65D 1/00", "C07D 1/00",
                                           "F16H 1/00", "H01L 21/00"};
    std::string records_csv = "id,publication_year,year,ipc,cited\n", cites_csv = "citing,cited,citing_year\n",
                classes_csv = "id,ipc\n";
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const auto& r = rs[i];
        records_csv += "\"" + r.id + "\"," + quality_test::year_text(r.publication_year) + "," +
                       quality_test::year_text(ta::patent_year(r)) + ",\"" + quality_test::join(r.ipc) + "\",\"" +
                       quality_test::join(r.cited_patents) + "\"\n";
        if (i >= 25) cites_csv += r.id + "," + rs[i - 25].id + "," + quality_test::year_text(r.publication_year) + "\n";
        for (const auto& c : r.cited_patents) {
            unsigned long long num = 0;
            for (const char ch : c)
                if (ch >= '0' && ch <= '9') num = (num * 10 + static_cast<unsigned>(ch - '0')) % 1000003ULL;
            classes_csv += c + "," + pool[num % pool.size()] + "\n";
            if (num % 3 == 0) classes_csv += c + "," + pool[(num / 3) % pool.size()] + "\n";
        }
    }
    const auto records_path = techconv_test::temp_path("quality_records.csv");
    const auto cites_path = techconv_test::temp_path("quality_citations.csv");
    const auto classes_path = techconv_test::temp_path("quality_classes.csv");
    techconv_test::write_file(records_path, records_csv);
    techconv_test::write_file(cites_path, cites_csv);
    techconv_test::write_file(classes_path, classes_csv);

    const auto res = ta::quality_indicators(rs, {}, tio::read_citation_table(cites_path),
                                            tio::read_class_table(classes_path));
    std::istringstream ref(techconv_test::run_python("analysis/quality_reference.py",
                                                     {records_path, cites_path, classes_path}));
    const std::array<qi, 7> order = {qi::patent_scope, qi::backward_citations, qi::forward_citations_5y,
                                     qi::generality,   qi::originality,        qi::radicalness,
                                     qi::breakthrough};
    std::string line;
    std::size_t i = 0, defined = 0;
    while (std::getline(ref, line)) {
        REQUIRE(i < res.records.size());
        std::istringstream ls(line);
        std::string id, cell;
        ls >> id;
        std::string want_id = res.records[i].id;
        for (auto& ch : want_id)
            if (ch == ' ') ch = '_';
        CHECK(id == want_id);
        for (std::size_t q = 0; q <= order.size(); ++q) {
            ls >> cell;
            const auto& v = q < order.size() ? res.records[i][order[q]]
                                             : res.records[i].normalised[static_cast<std::size_t>(qi::originality)];
            INFO("record " << id << " column " << q << " reference " << cell);
            if (cell == "-") {
                CHECK_FALSE(v.value);
            } else {
                REQUIRE(v.value);
                CHECK(techconv_test::close(*v.value, std::stod(cell), 1e-12, 1e-12));
                ++defined;
            }
        }
        ++i;
    }
    CHECK(i == rs.size());
    CHECK(defined > 500);  // most cells are defined: the comparison is not vacuous

    // 225 records are 8 chunks of 32 (compute_quality): on 3 threads every value and status
    // is the one-thread value (quality_options::threads)
    ta::quality_options threaded;
    threaded.threads = 3;
    const auto many = ta::quality_indicators(rs, threaded, tio::read_citation_table(cites_path),
                                             tio::read_class_table(classes_path));
    REQUIRE(many.records.size() == res.records.size());
    for (std::size_t r = 0; r < res.records.size(); ++r)
        for (std::size_t q = 0; q < ta::quality_indicator_count; ++q) {
            const auto& a = res.records[r].values[q];
            const auto& b = many.records[r].values[q];
            CHECK(a.status == b.status);
            CHECK(a.value.has_value() == b.value.has_value());
            if (a.value && b.value) CHECK(*a.value == *b.value);
            CHECK(res.records[r].normalised[q].value == many.records[r].normalised[q].value);
        }
    CHECK(many.records_without_year == res.records_without_year);
}

TEST_CASE("quality: indicators per country group, quantiles by hand") {
    // Records (jurisdiction, claims, subclasses): four US with 1, 2, 3 and 10 claims and one
    // subclass each; one DE with 5 claims and two subclasses; one WO (an office: "(unknown)",
    // analysis::row_country_group) with no claims stated and no code.
    // US claims, sorted 1 2 3 10 (n = 4, h = 3p, Q = x_(⌊h⌋+1) + (h - ⌊h⌋)(x_(⌊h⌋+2) - x_(⌊h⌋+1))):
    //   q1: h = 0.75 -> 1 + 0.75 (2 - 1) = 1.75; median: h = 1.5 -> 2 + 0.5 (3 - 2) = 2.5;
    //   q3: h = 2.25 -> 3 + 0.25 (10 - 3) = 4.75; p90: h = 2.7 -> 3 + 0.7 (10 - 3) = 7.9;
    //   min 1, max 10, mean 16 / 4 = 4.
    // DE: one value 5 (every figure 5); patent scope 2. (unknown): claims and scope not stated,
    // with_value 0, status empty_input. Groups by records descending, then name in byte order:
    // US (4), then "(unknown)" (1) before DE (1), '(' = 0x28 being below 'D' = 0x44.
    std::vector<tio::patent_record> rs;
    const int claims[] = {1, 2, 3, 10};
    for (int k = 0; k < 4; ++k) {
        auto r = quality_test::rec("US 200000" + std::to_string(k) + " B2", {"A01B1/00"}, 2010, {});
        r.jurisdiction = "US";
        r.counts.set(tio::indicator::claims, claims[k]);
        rs.push_back(r);
    }
    auto de = quality_test::rec("DE 3000000 A1", {"A01B1/00", "B02C1/00"}, 2011, {});
    de.jurisdiction = "DE";
    de.counts.set(tio::indicator::claims, 5);
    rs.push_back(de);
    auto wo = quality_test::rec("WO 2011000001 A1", {}, 2011, {});
    wo.jurisdiction = "WO";
    rs.push_back(wo);

    ta::quality_options o;
    CHECK(ta::quality_indicators(rs, o).groups.empty());  // no grouping: no summaries
    o.group_by_country = ta::country_source::jurisdiction;
    const auto r = ta::quality_indicators(rs, o);
    CHECK(r.records[0].group == "US");
    CHECK(r.records[5].group == "(unknown)");
    REQUIRE(r.groups.size() == 3 * ta::quality_indicator_count);
    const auto at = [&r](std::size_t g, qi q) -> const ta::quality_group_summary& {
        return r.groups[g * ta::quality_indicator_count + static_cast<std::size_t>(q)];
    };
    CHECK(at(0, qi::claims).group == "US");
    CHECK(at(1, qi::claims).group == "(unknown)");
    CHECK(at(2, qi::claims).group == "DE");
    const auto& us = at(0, qi::claims);
    CHECK(us.indicator == qi::claims);
    CHECK(us.records == 4);
    CHECK(us.with_value == 4);
    CHECK(us.info == techconv::status::ok);
    CHECK(techconv_test::close(us.min, 1.0));
    CHECK(techconv_test::close(us.q1, 1.75));
    CHECK(techconv_test::close(us.median, 2.5));
    CHECK(techconv_test::close(us.q3, 4.75));
    CHECK(techconv_test::close(us.p90, 7.9));
    CHECK(techconv_test::close(us.max, 10.0));
    CHECK(techconv_test::close(us.mean, 4.0));
    const auto& d = at(2, qi::claims);
    CHECK(d.with_value == 1);
    CHECK((d.min == 5.0 && d.q1 == 5.0 && d.median == 5.0 && d.p90 == 5.0 && d.max == 5.0 && d.mean == 5.0));
    CHECK(at(2, qi::patent_scope).median == 2.0);
    const auto& u = at(1, qi::claims);
    CHECK(u.records == 1);
    CHECK(u.with_value == 0);
    CHECK(u.info == techconv::status::empty_input);
    CHECK(at(1, qi::patent_scope).info == techconv::status::empty_input);
    // family size is stated by none: empty_input in every group
    for (std::size_t g = 0; g < 3; ++g) CHECK(at(g, qi::family_size).info == techconv::status::empty_input);
    // the columnar table gives the same groups and figures
    const auto t = ta::quality_indicators(techconv::records::patent_table::from_records(rs), o);
    REQUIRE(t.groups.size() == r.groups.size());
    for (std::size_t k = 0; k < t.groups.size(); ++k) {
        CHECK(t.groups[k].group == r.groups[k].group);
        CHECK(t.groups[k].with_value == r.groups[k].with_value);
        CHECK(t.groups[k].p90 == r.groups[k].p90);
    }
    // linear_quantile at the ends and on one value
    CHECK(ta::linear_quantile({1, 2, 3, 10}, 0.0) == 1.0);
    CHECK(ta::linear_quantile({1, 2, 3, 10}, 1.0) == 10.0);
    CHECK(ta::linear_quantile({7}, 0.9) == 7.0);
}

// Forward citations that the source lists (Lens JSON biblio.cited_by.patents[]) enter the graph:
// tests/io/lens_json/citing.jsonl, six hand-written records (subclasses in brackets):
//   R1 US 10000001 B2 [G06F, H04L] 2015, cited by R2 (document_id), R3 (Lens ID only) and
//      US 9999001 A1 (outside the corpus); patent_count 3
//   R2 US 10000002 B2 [H04L] 2018, cites `US 10000001 B1` (R1, another kind; the same citation
//      as R1's list states: one edge)
//   R3 CN 110000003 A [G06F, H04W] 2022, cited_by with an empty list
//   R4 EP 3000004 A1 [B64C] no date, cited by R1 (Lens ID)
//   R5 US 10000005 B2 [B64C, B64D] 2016, cited by US 9999002 B1 (outside) and R4 (Lens ID)
//   R6 US 10000006 B1 [H04W] 2017, cited by R5 (document_id) and by its own Lens ID (dropped)
// The edges, by hand: R2->R1, R3->R1, X1->R1, R1->R4, X2->R5, R4->R5, R5->R6 (7; 5 between
// records), 1 self-citation, 1 backward list item, 3 + 1 + 2 + 2 = 8 forward list items, 5
// records with a citing list (R3's is empty, R2 has none).
TEST_CASE("quality: the citing documents Lens JSON lists (cited_by) enter the graph, by hand and by Python") {
    const std::string file = techconv_test::source_path("io/lens_json/citing.jsonl");
    const auto recs = tio::read_lens_json(file);
    REQUIRE(recs.size() == 6);
    CHECK(recs[0].citing_patents ==
          std::vector<std::string>{"US 10000002 B2", "100-000-000-000-003", "US 9999001 A1"});
    CHECK(recs[0].has(tio::patent_field::citing_list));
    CHECK_FALSE(recs[1].has(tio::patent_field::citing_list));
    CHECK((recs[2].has(tio::patent_field::citing_list) && recs[2].citing_patents.empty()));
    CHECK(recs[0].counts.value_or(tio::indicator::forward_citations, -1) == 3);  // the stated count
    CHECK(recs[3].counts.value_or(tio::indicator::forward_citations, -1) == 1);  // the list's length

    const auto r = ta::quality_indicators(recs);
    const auto& g = r.graph;
    CHECK(g.size() == 8);  // the 6 records, then US 9999001 A1 and US 9999002 B1
    CHECK(g.ids[6] == "US 9999001 A1");
    CHECK(g.ids[7] == "US 9999002 B1");
    CHECK(g.stats.edges == 7);
    CHECK(g.stats.internal_edges == 5);
    CHECK(g.stats.self_citations == 1);
    CHECK(g.stats.list_citations == 1);
    CHECK(g.stats.forward_list_citations == 8);
    CHECK(g.stats.records_with_citing_list == 5);
    CHECK(g.citing[0] == std::vector<tindex>{1, 2, 6});
    CHECK(g.citing[4] == std::vector<tindex>{3, 7});

    const auto at = [&](std::size_t i, qi q) { return r.records[i][q]; };
    // R1 (2015): citing R2 (2018, in the window 2015 + 5), R3 (2022, after it), US 9999001 A1 (no
    // year: not counted) -> 1, a lower bound; generality over R2 [H04L] and R3 [G06F, H04W]
    // (fractional: H04L 1, G06F 1/2, H04W 1/2 of 2 documents: shares 1/2, 1/4, 1/4):
    // 1 - (1/4 + 1/16 + 1/16) = 0.625, without the outside document, which has no class
    CHECK(at(0, qi::forward_citations_5y).value == 1.0);
    CHECK(at(0, qi::forward_citations_5y).status == qs::unknown_citing_years);
    CHECK(techconv_test::close(*at(0, qi::generality).value, 0.625));
    CHECK(at(0, qi::generality).status == qs::unknown_citing_classes);
    CHECK((r.records[0].citing == 3 && r.records[0].citing_with_year == 2 && r.records[0].citing_with_classes == 2));
    // R1 cites R4 (from R4's list only): backward 1; radicalness: R4's B64C is not R1's -> 1
    CHECK(at(0, qi::backward_citations).value == 1.0);
    CHECK(at(0, qi::radicalness).value == 1.0);
    // R2, R3: cited by nobody: 0 in the window (ok, not a lower bound), generality undefined
    CHECK(at(1, qi::forward_citations_5y).value == 0.0);
    CHECK(at(1, qi::forward_citations_5y).status == qs::ok);
    CHECK(at(1, qi::generality).status == qs::no_citations);
    // R4: no publication year: no window (no_year); generality over R1 [G06F, H04L]: 1 - 2/4 = 0.5
    CHECK_FALSE(at(3, qi::forward_citations_5y).value.has_value());
    CHECK(at(3, qi::forward_citations_5y).status == qs::no_year);
    CHECK(techconv_test::close(*at(3, qi::generality).value, 0.5));
    CHECK(at(3, qi::generality).status == qs::ok);
    // R5 (2016): citing US 9999002 B1 (outside) and R4 (no year): neither has a year -> 0, a lower
    // bound, never a silent 0; generality over R4 [B64C] alone: 0, the outside document left out
    CHECK(at(4, qi::forward_citations_5y).value == 0.0);
    CHECK(at(4, qi::forward_citations_5y).status == qs::unknown_citing_years);
    CHECK(at(4, qi::generality).value == 0.0);
    CHECK(at(4, qi::generality).status == qs::unknown_citing_classes);
    CHECK((r.records[4].citing == 2 && r.records[4].citing_with_year == 0 && r.records[4].citing_with_classes == 1));
    // R6 (2017): cited by R5 (2016 <= 2022) -> 1; generality over R5 [B64C, B64D]: 1 - 2/4 = 0.5
    CHECK(at(5, qi::forward_citations_5y).value == 1.0);
    CHECK(at(5, qi::forward_citations_5y).status == qs::ok);
    CHECK(techconv_test::close(*at(5, qi::generality).value, 0.5));

    // the same lines as the independent Python computation (json module)
    std::string mine;
    for (const auto& q : r.records) {
        const auto& f = q[qi::forward_citations_5y];
        const auto& gen = q[qi::generality];
        char buf[32] = "";
        if (gen.value) std::snprintf(buf, sizeof buf, "%.6f", *gen.value);
        mine += q.id + "\t" + (q.publication_year == techconv::no_year ? "" : std::to_string(q.publication_year)) +
                "\t" + std::to_string(q.citing) + "\t" + std::to_string(q.citing_with_year) + "\t" +
                std::to_string(q.citing_with_classes) + "\t" + std::to_string(q.cited) + "\t" +
                (f.value ? std::to_string(static_cast<long long>(*f.value)) : "") + "\t" +
                std::string(ta::to_string(f.status)) + "\t" + buf + "\t" + std::string(ta::to_string(gen.status)) +
                "\n";
    }
    CHECK(mine == techconv_test::run_python("analysis/quality_citing_reference.py", {file}));

    // the columnar table (read_patent_table, as `techconv quality` reads) keeps the lists too
    tio::read_patents_options ro;
    ro.merge_families = false;
    const auto t = tio::read_patent_table(std::vector<std::string>{file}, ro);
    const auto rt = ta::quality_indicators(t.table);
    CHECK(rt.graph.stats.edges == g.stats.edges);
    CHECK(rt.graph.stats.forward_list_citations == 8);
    CHECK(rt.graph.citing == g.citing);
    for (std::size_t i = 0; i < recs.size(); ++i) {
        CHECK(rt.records[i][qi::forward_citations_5y].value == r.records[i][qi::forward_citations_5y].value);
        CHECK(rt.records[i][qi::generality].status == r.records[i][qi::generality].status);
        CHECK(t.table.to_record(i).citing_patents == recs[i].citing_patents);
    }
}
