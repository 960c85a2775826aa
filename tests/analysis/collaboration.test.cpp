// SPDX-License-Identifier: BSL-1.0
// analysis/collaboration.hpp on a five-record example whose every expected
// number is computed by hand in the comments (the [COOP] definitions of
// METHODS §6: N_ij = records of i and j, N_i = records of i with a partner).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include <techconv/analysis/collaboration.hpp>

#include "test_support.hpp"

namespace ta = techconv::analysis;
namespace tio = techconv::io;
namespace tcl = techconv::closeness;

namespace {

// r1 2019 {US, CN}      institutions {A, B}
// r2 2019 {US, CN, GB}  {A}
// r3 2020 {US}          {B}
// r4 2020 {CN, GB}      {C}
// r5 2020 {US, CN}      {B}
std::vector<tio::bibliographic_record> papers() {
    std::vector<tio::bibliographic_record> v(5);
    const char* ids[] = {"r1", "r2", "r3", "r4", "r5"};
    const int years[] = {2019, 2019, 2020, 2020, 2020};
    const std::vector<std::vector<std::string>> c = {{"CN", "US"}, {"CN", "GB", "US"}, {"US"}, {"CN", "GB"}, {"CN", "US"}};
    const std::vector<std::vector<std::string>> inst = {{"A", "B"}, {"A"}, {"B"}, {"C"}, {"B"}};
    for (std::size_t k = 0; k < 5; ++k) {
        v[k].id = ids[k];
        v[k].year = years[k];
        v[k].countries = c[k];
        v[k].institutions = inst[k];
    }
    return v;
}

const ta::collaboration_pair& find_pair(const std::vector<ta::collaboration_pair>& v, const tcl::actor_records& rec,
                                        techconv::year_type y, const std::string& a, const std::string& b) {
    for (const auto& p : v)
        if (p.year == y && rec.label(p.i) == a && rec.label(p.j) == b) return p;
    FAIL("pair " << a << "-" << b << " missing");
    return v.front();
}

}  // namespace

TEST_CASE("collaboration: pairs, every measure and the shares by hand") {
    const auto data = papers();
    const auto rec = ta::country_records(data);
    const auto r = ta::collaboration(rec);
    // whole period, international records: N_US = r1 r2 r5 = 3, N_CN = r1 r2 r4 r5 = 4, N_GB = r2 r4 = 2
    // N_CN,US = 3 (r1 r2 r5), N_CN,GB = 2 (r2 r4), N_GB,US = 1 (r2)
    REQUIRE(r.pairs.size() == 3);
    CHECK(rec.label(r.pairs[0].i) == "CN");  // sorted by labels: CN-GB, CN-US, GB-US
    CHECK(rec.label(r.pairs[0].j) == "GB");
    CHECK(rec.label(r.pairs[1].j) == "US");
    CHECK(rec.label(r.pairs[2].i) == "GB");
    const auto& p = find_pair(r.pairs, rec, techconv::no_year, "CN", "US");
    CHECK(p.n_ij == 3.0);
    CHECK(p.n_i == 4.0);
    CHECK(p.n_j == 3.0);
    CHECK(techconv_test::close(p.salton, 3.0 / std::sqrt(12.0), 1e-15));    // 0.8660
    CHECK(techconv_test::close(p.jaccard, 3.0 / (4.0 + 3.0 - 3.0), 1e-15)); // 0.75
    CHECK(p.inclusion == 1.0);                                              // 3 / min(4, 3)
    CHECK(techconv_test::close(p.equivalence, 9.0 / 12.0, 1e-15));          // 0.75
    CHECK(techconv_test::close(p.association_strength, 9.0 * 3.0 / 12.0, 1e-15));  // T = 3 + 4 + 2 = 9
    CHECK(p.value(ta::measure::jaccard) == p.jaccard);
    CHECK(p.share_i == 0.75);  // importance of US to CN: 3/4
    CHECK(p.share_j == 1.0);   // importance of CN to US: 3/3
    // per country: records (each once), N_i, partners, link strength
    REQUIRE(r.actors.size() == 3);
    CHECK(rec.label(r.actors[0].actor) == "CN");
    CHECK(r.actors[0].records == 4.0);
    CHECK(r.actors[0].international == 4.0);
    CHECK(r.actors[0].partners == 2.0);
    CHECK(r.actors[0].link_strength == 5.0);  // 3 + 2
    CHECK(rec.label(r.actors[2].actor) == "US");
    CHECK(r.actors[2].records == 4.0);  // r1 r2 r3 r5
    CHECK(r.actors[2].international == 3.0);
    CHECK(r.actors[2].link_strength == 4.0);  // 3 + 1
    CHECK(r.total.multi_actor_records == 4);
    CHECK(r.total.single_actor_records == 1);
    CHECK(r.yearly_pairs.empty());
}

TEST_CASE("collaboration: the default pair, its yearly series and peaks") {
    const auto rec = ta::country_records(papers());
    ta::collaboration_options o;
    o.by_year = true;
    const auto r = ta::collaboration(rec, o);
    CHECK(r.pair_i == "CN");  // the largest N_ij (3)
    CHECK(r.pair_j == "US");
    REQUIRE(r.has_pair());
    REQUIRE(r.series.years == std::vector<techconv::year_type>{2019, 2020});
    // 2019: N_CN = 2, N_US = 2, N_ij = 2 -> 1; 2020: N_CN = 2 (r4 r5), N_US = 1 (r5), N_ij = 1 -> 1/sqrt(2)
    CHECK(r.series.stats[0].closeness == 1.0);
    CHECK(techconv_test::close(r.series.stats[1].closeness, 1.0 / std::sqrt(2.0), 1e-15));
    CHECK(r.closeness_peak.year == 2019);
    CHECK(r.n_i_peak.year == 2019);  // 2 and 2: ties go to the earliest year
    CHECK(r.n_j_peak.year == 2019);  // 2 then 1
    CHECK(r.n_j_peak.value == 2.0);
    // yearly rows: 2019 has CN-GB, CN-US, GB-US; 2020 has CN-GB, CN-US
    REQUIRE(r.yearly_pairs.size() == 5);
    CHECK(find_pair(r.yearly_pairs, rec, 2020, "CN", "GB").n_ij == 1.0);
    CHECK(find_pair(r.yearly_pairs, rec, 2019, "GB", "US").n_i == 1.0);
    // countries per year: 2020 has CN (2 records), GB (1), US (2: r3 r5; N_US = 1)
    int rows2020 = 0;
    for (const auto& a : r.yearly_actors)
        if (a.year == 2020) {
            ++rows2020;
            if (rec.label(a.actor) == "US") {
                CHECK(a.records == 2.0);
                CHECK(a.international == 1.0);
            }
        }
    CHECK(rows2020 == 3);
}

TEST_CASE("collaboration: two periods and the change of every pair") {
    const auto rec = ta::country_records(papers());
    ta::collaboration_options o;
    o.periods = {tcl::period{2019, 2019}, tcl::period{2020, 2020}};
    const auto r = ta::collaboration(rec, o);
    REQUIRE(r.changes.size() == 3);  // CN-GB (1 -> 1), CN-US (2 -> 1), GB-US (1 -> 0)
    const auto& cu = r.changes[1];
    CHECK(rec.label(cu.i) == "CN");
    CHECK(rec.label(cu.j) == "US");
    CHECK(cu.change.before.n_ij == 2.0);
    CHECK(cu.change.after.n_ij == 1.0);
    CHECK(cu.change.n_ij_change == -1.0);
    CHECK(techconv_test::close(cu.change.closeness_change, 1.0 / std::sqrt(2.0) - 1.0, 1e-15));
    CHECK(r.changes[2].change.after.n_ij == 0.0);
    CHECK(r.period_counts[0].multi_actor_records == 2);
    CHECK(r.period_counts[1].multi_actor_records == 2);
    // Jaccard drives the series and the changes: CN-US 2019 2/(2+2-2) = 1, 2020 1/(2+1-1) = 0.5
    o.series_measure = ta::measure::jaccard;
    const auto j = ta::collaboration(rec, o);
    CHECK(j.changes[1].change.before.closeness == 1.0);
    CHECK(j.changes[1].change.after.closeness == 0.5);
    CHECK(j.changes[1].change.closeness_change == -0.5);
    REQUIRE(j.series.stats.size() == 2);
    CHECK(j.series.stats[1].closeness == 0.5);
    CHECK(j.closeness_peak.year == 2019);
    CHECK(techconv_test::close(j.pairs[1].salton, 3.0 / std::sqrt(12.0), 1e-15));  // pair tables keep every measure
    o.periods.pop_back();
    CHECK_THROWS_AS(ta::collaboration(rec, o), techconv::invalid_argument);
}

TEST_CASE("collaboration: institution shares of both sides of the pair") {
    const auto data = papers();
    const auto countries = ta::country_records(data);
    const auto inst = ta::institution_records(data);
    ta::collaboration_options o;
    o.pair_i = "CN";
    o.pair_j = "US";
    o.institutions = true;
    CHECK_THROWS_AS(ta::collaboration(countries, o), techconv::invalid_argument);  // no institution records
    const auto r = ta::collaboration(countries, o, &inst);
    // home CN, partner US: international records with CN = r1 r2 r4 r5.
    //   A: r1 r2 -> 2 of 2; B: r1 r5 -> 2 of 2; C: r4 -> 0 of 1.
    // home US, partner CN: r1 r2 r5, all with CN. A: 2 of 2; B: 2 of 2.
    REQUIRE(r.institutions.size() == 5);
    const auto label = [&](std::size_t k) { return inst.label(r.institutions[k].share.institution); };
    CHECK(countries.label(r.institutions[0].home) == "CN");
    CHECK(label(0) == "A");  // share 1, 2 records; id order breaks the tie with B
    CHECK(label(1) == "B");
    CHECK(label(2) == "C");
    CHECK(r.institutions[2].share.international == 1);
    CHECK(r.institutions[2].share.share == 0.0);
    CHECK(countries.label(r.institutions[3].home) == "US");
    CHECK(r.institutions[3].share.with_partner == 2);
    CHECK(r.institutions[4].period == 0);
    // a pair that does not occur: no series, no institutions
    o.pair_j = "FR";
    const auto none = ta::collaboration(countries, o, &inst);
    CHECK_FALSE(none.has_pair());
    CHECK(none.pair_j_id == techconv::no_label);
    CHECK(none.institutions.empty());
}

TEST_CASE("patent_country_records: parties, families and the year rule") {
    std::vector<tio::patent_record> v(3);
    v[0].id = "US 1 B2";
    v[0].family_id = "F1";
    v[0].application_year = 2014;
    v[0].inventors = {{"a", tio::applicant_type::individual, "US"}, {"b", tio::applicant_type::individual, "CN"},
                      {"c", tio::applicant_type::individual, "US"}};
    v[0].applicants = {{"X", tio::applicant_type::company, "JP"}};
    v[1].id = "US 2 B2";  // no family id: its own id
    v[1].priority_year = 2011;
    v[1].publication_year = 2013;
    v[1].inventors = {{"d", tio::applicant_type::individual, ""}};
    v[2].id = "US 3 B1";
    v[2].family_id = "F1";  // same family as v[0]: counted once
    const auto inv = ta::patent_country_records(v);
    REQUIRE(inv.size() == 2);
    CHECK(inv.id(0) == "F1");
    CHECK(inv.year(0) == 2014);
    CHECK(inv.actors(0).size() == 2);  // US, CN (each once)
    CHECK(inv.id(1) == "US 2 B2");
    CHECK(inv.year(1) == 2011);        // priority before publication
    CHECK(inv.actors(1).size() == 0);  // no inventor country
    CHECK(inv.duplicates() == std::vector<std::string>{"F1"});
    const auto both = ta::patent_country_records(v, ta::patent_parties::both);
    CHECK(both.actors(0).size() == 3);  // US, CN, JP
    const auto app = ta::patent_country_records(v, ta::patent_parties::applicants);
    CHECK(app.actors(0).size() == 1);
    CHECK(app.label(*app.actors(0).begin()) == "JP");
    CHECK(ta::patent_parties_from_string("both") == ta::patent_parties::both);
    CHECK_THROWS_AS(ta::patent_parties_from_string("owners"), techconv::invalid_argument);
}

TEST_CASE("measure names") {
    for (const auto m : ta::all_measures) CHECK(ta::measure_from_string(ta::to_string(m)) == m);
    CHECK(ta::measure_from_string("association") == ta::measure::association_strength);
    CHECK_THROWS_AS(ta::measure_from_string("cosine"), techconv::invalid_argument);
}

TEST_CASE("collaboration_periods: the command's and Python's periods text") {
    // the two periods of the test above, as text; a single year is a range of one
    const auto p = ta::collaboration_periods("2019,2020");
    REQUIRE(p.size() == 2);
    CHECK(p[0].first == 2019);
    CHECK(p[0].last == 2019);
    CHECK(p[1].first == 2020);
    const auto q = ta::collaboration_periods("2007-2014,2015-2022");
    CHECK(q[0].first == 2007);
    CHECK(q[0].last == 2014);
    CHECK(q[1].first == 2015);
    CHECK(q[1].last == 2022);
    CHECK_THROWS_WITH_AS(ta::collaboration_periods("2007-2014"), doctest::Contains("holds 1 period;"),
                         techconv::invalid_argument);
    CHECK_THROWS_WITH_AS(ta::collaboration_periods("2000,2001,2002"), doctest::Contains("holds 3 periods"),
                         techconv::invalid_argument);
    CHECK_THROWS_WITH_AS(ta::collaboration_periods("2014-2007,2015"), doctest::Contains("ends before it starts"),
                         techconv::invalid_argument);
    CHECK_THROWS_WITH_AS(ta::collaboration_periods("20x0,2015"), doctest::Contains("is not a year"),
                         techconv::invalid_argument);
}

TEST_CASE("collaboration: the same tables for any number of threads") {
    const auto rec = ta::country_records(papers());
    ta::collaboration_options o;
    o.by_year = true;
    o.counts.mode = techconv::records::counting::fractional;
    o.periods = ta::collaboration_periods("2019,2020");
    const auto one = ta::collaboration(rec, o);
    for (const int threads : {2, 0}) {
        o.threads = threads;
        const auto many = ta::collaboration(rec, o);
        REQUIRE(many.yearly_pairs.size() == one.yearly_pairs.size());
        for (std::size_t k = 0; k < one.yearly_pairs.size(); ++k) {
            CHECK(many.yearly_pairs[k].n_ij == one.yearly_pairs[k].n_ij);
            CHECK(many.yearly_pairs[k].salton == one.yearly_pairs[k].salton);
        }
        REQUIRE(many.pairs.size() == one.pairs.size());
        for (std::size_t k = 0; k < one.pairs.size(); ++k) CHECK(many.pairs[k].share_i == one.pairs[k].share_i);
        REQUIRE(many.changes.size() == one.changes.size());
        for (std::size_t k = 0; k < one.changes.size(); ++k)
            CHECK(many.changes[k].change.closeness_change == one.changes[k].change.closeness_change);
        CHECK(many.series.years == one.series.years);
    }
    o.threads = -1;
    CHECK_THROWS_AS(ta::collaboration(rec, o), techconv::invalid_argument);
}
