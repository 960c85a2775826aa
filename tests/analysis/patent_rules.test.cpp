// SPDX-License-Identifier: BSL-1.0
// The year and country rules of analysis/patent_rules.hpp; expected values by
// hand from the rule's statement.
#include <doctest/doctest.h>

#include <techconv/analysis/patent_rules.hpp>

namespace ta = techconv::analysis;
namespace tio = techconv::io;

TEST_CASE("patent_year: application, else priority, else publication") {
    tio::patent_record r;
    CHECK(ta::patent_year(r) == techconv::no_year);
    r.publication_year = 2015;
    CHECK(ta::patent_year(r) == 2015);
    r.priority_year = 2012;
    CHECK(ta::patent_year(r) == 2012);  // priority before publication
    r.application_year = 2013;
    CHECK(ta::patent_year(r) == 2013);  // application first, even when the priority is earlier
}

TEST_CASE("patent_country: sources, order and regional offices") {
    tio::patent_record r;
    r.jurisdiction = "WO";
    r.priority_countries = {"EP", "JP"};
    r.inventors = {{"A", tio::applicant_type::individual, ""}, {"B", tio::applicant_type::individual, "KR"}};
    r.applicants = {{"C", tio::applicant_type::company, ""}};
    CHECK(ta::patent_country(r, ta::country_source::jurisdiction).empty());  // WO is an office
    CHECK(ta::patent_country(r, ta::country_source::priority) == "JP");      // EP skipped
    CHECK(ta::patent_country(r, ta::country_source::inventor) == "KR");      // first with a country
    CHECK(ta::patent_country(r, ta::country_source::applicant).empty());
    CHECK(ta::patent_country(r) == "KR");  // applicant empty -> inventor
    r.applicants[0].country = "US";
    CHECK(ta::patent_country(r) == "US");
    tio::patent_record j;
    j.jurisdiction = "CN";
    CHECK(ta::patent_country(j) == "CN");
    j.jurisdiction = "EA";
    CHECK(ta::patent_country(j).empty());
    j.priority_countries = {"IB", "WO", "FR"};  // IB: WIPO's International Bureau, no country
    CHECK(ta::patent_country(j) == "FR");
    // a party whose country is an office code has no country: the next party's counts
    tio::patent_record p;
    p.applicants = {{"D", tio::applicant_type::company, "WO"}, {"E", tio::applicant_type::company, "DE"}};
    p.inventors = {{"F", tio::applicant_type::individual, "EP"}};
    CHECK(ta::patent_country(p, ta::country_source::applicant) == "DE");
    CHECK(ta::patent_country(p, ta::country_source::inventor).empty());
    p.applicants.pop_back();
    CHECK(ta::patent_country(p).empty());  // WO, EP: no country from any source
}

TEST_CASE("country_source names round-trip, and unknown names are refused") {
    for (const auto s : {ta::country_source::automatic, ta::country_source::applicant, ta::country_source::inventor,
                         ta::country_source::priority, ta::country_source::jurisdiction})
        CHECK(ta::country_source_from_string(ta::to_string(s)) == s);
    CHECK_THROWS_AS(ta::country_source_from_string("residence"), techconv::invalid_argument);
}
