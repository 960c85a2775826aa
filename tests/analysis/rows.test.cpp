// SPDX-License-Identifier: BSL-1.0
// The per-record rules read through both row views (record_view over an
// io::patent_record, table_row over a records::patent_table row): row_year,
// row_country and the analyses that apply them per record (network years and
// country groups, patent_country_records, classify_branches) on five
// hand-built records, vector form and table form. Expected values by hand
// from the rules of analysis/patent_rules.hpp (see the comments).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <techconv/analysis/branches.hpp>
#include <techconv/analysis/collaboration.hpp>
#include <techconv/analysis/network.hpp>
#include <techconv/analysis/patent_rules.hpp>
#include <techconv/analysis/record_source.hpp>
#include <techconv/records/patent_table.hpp>

namespace ta = techconv::analysis;
namespace tio = techconv::io;
namespace tcf = techconv::classification;
namespace rec = techconv::records;
using techconv::no_year;

namespace {

tio::party person(const std::string& name, const std::string& country) {
    return {name, tio::applicant_type::individual, country};
}

// Year (application, else priority, else publication) and country (automatic:
// applicant, else inventor, else priority country not an office, else the
// jurisdiction unless an office) of each, by hand:
//   P1: application 2018                      -> 2018; applicant has no country, inventors DE, FR -> DE
//   P2: no application, priority 2016         -> 2016; applicant US                               -> US
//   P3: publication 2020 only                 -> 2020; no party; priorities WO (office), KR      -> KR
//   P4: no year                               -> no_year; no party, no priority, jurisdiction EP (office) -> unknown
//   P5: application 2018                      -> 2018; applicant DE                               -> DE
std::vector<tio::patent_record> hand_records() {
    std::vector<tio::patent_record> v(5);
    v[0].id = "P1";
    v[0].family_id = "F1";
    v[0].title = "Field programmable gate array for turbine control";
    v[0].application_year = 2018;
    v[0].priority_year = 2017;
    v[0].publication_year = 2019;
    v[0].jurisdiction = "EP";
    v[0].applicants = {{"Acme", tio::applicant_type::company, ""}};
    v[0].inventors = {person("X", "DE"), person("Y", "FR")};
    v[0].ipc = {"H01L21/00", "G06F17/30"};
    v[1].id = "P2";
    v[1].title = "Graphics processing unit";
    v[1].priority_year = 2016;
    v[1].publication_year = 2018;
    v[1].jurisdiction = "WO";
    v[1].applicants = {{"Beta", tio::applicant_type::company, "US"}};
    v[1].inventors = {person("Z", "US"), person("W", "JP")};
    v[1].ipc = {"H01L21/00", "H04L9/00"};
    v[2].id = "P3";
    v[2].title = "TPU film";
    v[2].publication_year = 2020;
    v[2].jurisdiction = "CN";
    v[2].priority_countries = {"WO", "KR"};
    v[2].ipc = {"G06F17/30", "H04L9/00"};
    v[3].id = "P4";
    v[3].title = "Nothing to match";
    v[3].jurisdiction = "EP";
    v[3].ipc = {"H01L21/00", "G06F17/30"};
    v[4].id = "P5";
    v[4].title = "NPU scheduling";
    v[4].application_year = 2018;
    v[4].jurisdiction = "JP";
    v[4].applicants = {{"Cora", tio::applicant_type::company, "DE"}};
    v[4].ipc = {"H04L9/00", "G06F17/30"};
    for (auto& r : v)
        for (const auto f : {tio::patent_field::ipc, tio::patent_field::party_countries,
                             tio::patent_field::priority_countries})
            r.supply(f);
    return v;
}

rec::patent_table table_of(const std::vector<tio::patent_record>& v) {
    rec::patent_table_options o;
    o.titles = true;
    o.chunk_capacity = 2;  // rows spread over three chunks
    return rec::patent_table::from_records(v, o);
}

}  // namespace

TEST_CASE("row_year and row_country: the same values through record_view and table_row") {
    const auto v = hand_records();
    const auto t = table_of(v);
    const ta::vector_source vs(v);
    const ta::table_source ts(t);
    const std::vector<techconv::year_type> years = {2018, 2016, 2020, no_year, 2018};
    const std::vector<std::string> countries = {"DE", "US", "KR", "", "DE"};
    for (std::size_t i = 0; i < v.size(); ++i) {
        INFO(v[i].id);
        CHECK(ta::row_year(vs.row(i)) == years[i]);
        CHECK(ta::row_year(ts.row(i)) == years[i]);
        CHECK(ta::patent_year(v[i]) == years[i]);
        CHECK(ta::row_country(vs.row(i)) == countries[i]);
        CHECK(ta::row_country(ts.row(i)) == countries[i]);
        CHECK(ta::patent_country(v[i]) == countries[i]);
        CHECK(ts.row(i).family_id() == v[i].family_id);
        CHECK(ts.row(i).title() == v[i].title);
    }
    // P2 by source: inventors Z (US), W (JP) -> US; jurisdiction WO is an office -> none
    CHECK(ta::row_country(ts.row(1), ta::country_source::inventor) == "US");
    CHECK(ta::row_country(ts.row(1), ta::country_source::jurisdiction).empty());
}

TEST_CASE("network years and country groups from the table's columns, by hand") {
    const auto v = hand_records();
    const auto t = table_of(v);
    ta::network_options o;  // subclass level: the codes are H01L, G06F, H04L
    o.group_by_country = ta::country_source::automatic;
    for (const auto& res : {ta::network(v, o), ta::network(t, o)}) {
        // years: 2016 = P2 {H01L, H04L}; 2018 = P1 {H01L, G06F} + P5 {H04L, G06F} = 3 codes;
        // 2020 = P3 {G06F, H04L}; P4 has no year and is in no row
        REQUIRE(res.years.size() == 3);
        CHECK(res.years[0].year == 2016);
        CHECK(res.years[0].records == 1);
        CHECK(res.years[0].codes == 2);
        CHECK(res.years[1].year == 2018);
        CHECK(res.years[1].records == 2);
        CHECK(res.years[1].codes == 3);
        CHECK(res.years[2].year == 2020);
        CHECK(res.years[2].records == 1);
        CHECK(res.years[2].codes == 2);
        // groups: DE = P1, P5 (2 records) first; then the one-record groups in name order:
        // "(unknown)" (P4) < "KR" (P3) < "US" (P2)
        REQUIRE(res.groups.size() == 4);
        CHECK(res.groups[0].name == "DE");
        CHECK(res.groups[0].summary.records == 2);
        CHECK(res.groups[1].name == "(unknown)");
        CHECK(res.groups[2].name == "KR");
        CHECK(res.groups[3].name == "US");
        CHECK(res.groups[3].summary.records == 1);
    }
}

TEST_CASE("patent_country_records from the table's columns, by hand") {
    const auto v = hand_records();
    const auto t = table_of(v);
    const auto labels = [](const techconv::closeness::actor_records& a, techconv::index r) {
        std::vector<std::string> out;
        for (const auto id : a.actors(r)) out.push_back(a.label(id));
        return out;
    };
    using sv = std::vector<std::string>;
    // both: inventors first, then applicants not yet seen, office codes dropped.
    // P1: DE, FR (applicant without country); P2: US, JP (applicant US seen); P3, P4: none; P5: DE.
    for (const auto& a : {ta::patent_country_records(v, ta::patent_parties::both),
                          ta::patent_country_records(t, ta::patent_parties::both)}) {
        REQUIRE(a.size() == 5);
        CHECK(a.id(0) == "F1");  // the family id when there is one
        CHECK(a.id(1) == "P2");
        CHECK(a.year(0) == 2018);
        CHECK(a.year(1) == 2016);
        CHECK(a.year(3) == no_year);
        CHECK(labels(a, 0) == sv{"DE", "FR"});
        CHECK(labels(a, 1) == sv{"US", "JP"});
        CHECK(labels(a, 2).empty());
        CHECK(labels(a, 4) == sv{"DE"});
    }
    // applicants only: P2 US, P5 DE; an applicant country that is an office code is no country
    auto w = v;
    w[4].applicants[0].country = "WO";
    const auto b = ta::patent_country_records(table_of(w), ta::patent_parties::applicants);
    CHECK(labels(b, 1) == sv{"US"});
    CHECK(labels(b, 4).empty());
}

TEST_CASE("classify_branches on a patent table: the vector form's table, by hand") {
    const auto v = hand_records();
    const auto t = table_of(v);
    const auto k = tcf::coop_ai_chip_classifier();
    // P1: "Field programmable gate array" -> FPGA; P2: "Graphics processing unit" -> GPU;
    // P3: TPU is a restricted term and there is no IPC filter -> none; P4: none;
    // P5: NPU is restricted -> none. Identifier: F1 for P1 (family id), the id for the others.
    for (const auto& b : {ta::classify_branches(v, k), ta::classify_branches(t, k)}) {
        REQUIRE(b.records.size() == 5);
        CHECK(b.records.id(0) == "F1");
        CHECK(b.records.year(0) == 2018);
        CHECK(b.records.year(1) == 2016);
        REQUIRE(b.records.actors(0).size() == 1);
        CHECK(b.records.label(*b.records.actors(0).begin()) == "FPGA");
        REQUIRE(b.records.actors(1).size() == 1);
        CHECK(b.records.label(*b.records.actors(1).begin()) == "GPU");
        CHECK(b.unclassified == 3);
    }
    // an IPC filter on G06F: P3 (G06F17/30) and P5 (G06F17/30) pass, so TPU and NPU count
    auto kf = k;
    kf.set_ipc_filter({tcf::ipc_pattern_from_chars("G06F").pattern});
    for (const auto& b : {ta::classify_branches(v, kf), ta::classify_branches(t, kf)}) {
        REQUIRE(b.records.actors(2).size() == 1);
        CHECK(b.records.label(*b.records.actors(2).begin()) == "TPU");
        REQUIRE(b.records.actors(4).size() == 1);
        CHECK(b.records.label(*b.records.actors(4).begin()) == "NPU");
        CHECK(b.unclassified == 1);
    }
    // a table without titles is refused, not classified as all-unclassified
    CHECK_THROWS_AS(ta::classify_branches(rec::patent_table::from_records(v), k), techconv::invalid_argument);
}
