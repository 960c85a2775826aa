// Tests of simple-family merging and the derived [KCT] indicators (hand cases).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "techconv/records/families.hpp"
#include "techconv/analysis/indicators.hpp"

namespace tio = techconv::io;

namespace {

tio::patent_record rec(std::string id, int year, std::vector<std::string> prio,
                       std::vector<std::string> ipc, std::int64_t cites) {
    tio::patent_record r;
    r.id = std::move(id);
    r.publication_year = year;
    r.priority_numbers = std::move(prio);
    r.ipc = std::move(ipc);
    r.supply(tio::patent_field::ipc);
    r.counts.set(tio::indicator::backward_citations, cites);
    return r;
}

}  // namespace

TEST_CASE("merge_families: one record per simple family") {
    // US grant, US application and EP application share the priorities {P1, P2} (order and
    // case differ); a fourth record claims only P1 (another simple family); a fifth has nothing.
    std::vector<tio::patent_record> in;
    in.push_back(rec("US 2 B2", 2012, {"us 1 a", "jp 2 a"}, {"H01L21/02", "G06N3/08"}, 5));
    in.push_back(rec("US 2010/1 A1", 2010, {"JP 2 A", "US 1 A"}, {"G06N3/08"}, 2));
    in.push_back(rec("EP 3 A1", 2011, {"US 1 A", "JP 2 A"}, {"G06F17/30"}, 9));
    in.push_back(rec("CN 4 A", 2013, {"US 1 A"}, {"H01L21/02"}, 1));
    tio::patent_record lone;
    lone.id = "KR 5 A";
    in.push_back(lone);
    in[0].applicants = {{"ACME CORP", tio::applicant_type::company, "US"}};
    in[2].applicants = {{"Acme Corp.", tio::applicant_type::company, "US"},
                        {"Beta GmbH", tio::applicant_type::company, "DE"}};
    in[2].supply(tio::patent_field::applicants);

    auto res = tio::merge_families(in);
    CHECK(res.input_records == 5);
    REQUIRE(res.records.size() == 3);
    CHECK(res.merged == 2);
    CHECK(res.without_key == 1);
    const auto& f = res.records[0];
    CHECK(f.id == "US 2010/1 A1");  // representative: published first (2010)
    CHECK(f.members == 3);
    CHECK(f.publication_year == 2010);
    // union of codes, the representative's first
    CHECK(f.ipc == std::vector<std::string>{"G06N3/08", "H01L21/02", "G06F17/30"});
    CHECK(f.applicants.size() == 2);  // ACME CORP and Acme Corp. are one name
    CHECK(f.has(tio::patent_field::applicants));
    CHECK(*f.counts.get(tio::indicator::backward_citations) == 9);  // max of 5, 2, 9
    CHECK(res.records[1].id == "CN 4 A");
    CHECK(res.records[2].id == "KR 5 A");

    tio::family_options o;
    o.counts = tio::family_count_merge::sum;
    CHECK(*tio::merge_families(in, o).records[0].counts.get(tio::indicator::backward_citations) ==
          16);  // 5 + 2 + 9
    o.counts = tio::family_count_merge::first;
    CHECK(*tio::merge_families(in, o).records[0].counts.get(tio::indicator::backward_citations) ==
          2);  // the representative's
    o.key = tio::family_key_rule::family_id_only;
    CHECK(tio::merge_families(in, o).records.size() == 5);  // no family ids: nothing merges

    // an explicit family id wins over priorities
    in[3].family_id = "FAM";
    in[4].family_id = "FAM";
    CHECK(tio::merge_families(in).records.size() == 2);
    CHECK(tio::family_key(in[4]) == "F:FAM");
    CHECK(tio::family_key(in[0]) == "P:JP 2 A|US 1 A");
}

TEST_CASE("filing countries and developed filing countries") {
    tio::patent_record r;
    r.id = "US 1 B2";
    r.family_jurisdictions = {"US", "WO", "EP", "CN", "JP", "BR", "KR"};
    r.supply(tio::patent_field::family_jurisdictions);
    // hand count: 7 jurisdictions; developed (IMF) US, JP, KR + EP = 4
    auto v = tio::record_indicators(r);
    CHECK(*v.get(tio::indicator::filing_countries) == 7);
    CHECK(*v.get(tio::indicator::developed_filing_countries) == 4);
    tio::indicator_options o;
    o.count_regional_offices = false;  // US, CN, JP, BR, KR
    o.ep_is_developed = false;
    v = tio::record_indicators(r, o);
    CHECK(*v.get(tio::indicator::filing_countries) == 5);
    CHECK(*v.get(tio::indicator::developed_filing_countries) == 3);
    o.developed = tio::developed_list::custom;
    o.developed_custom = {"CN", "BR"};
    v = tio::record_indicators(r, o);
    CHECK(*v.get(tio::indicator::developed_filing_countries) == 2);
    CHECK(tio::imf_advanced_economies().size() == 41);
    CHECK(tio::oecd_members().size() == 38);
    // a stated count wins over the derived one
    r.counts.set(tio::indicator::filing_countries, 11);
    CHECK(*tio::record_indicators(r).get(tio::indicator::filing_countries) == 11);
    // nothing supplied: nothing derived
    tio::patent_record empty;
    CHECK(tio::record_indicators(empty).count() == 0);
}
