// SPDX-License-Identifier: BSL-1.0
// analysis::evolution (period networks, first co-occurrence of pairs, share of
// new pairs per year) and the period parsers, on a small record set worked
// out by hand in the comments.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <techconv/analysis/evolution.hpp>
#include <techconv/analysis/network_selection.hpp>
#include <techconv/records/patent_table.hpp>

namespace ta = techconv::analysis;
namespace tio = techconv::io;

namespace evolution_test {

tio::patent_record rec(std::vector<std::string> ipc, techconv::year_type year) {
    tio::patent_record r;
    r.ipc = std::move(ipc);
    r.application_year = year;
    return r;
}

// Subclasses A = A01B, B = B02C, C = C03C, D = D04B, E = E05B, F = F16H.
// R1 {A,B,C} 2009; R2 {C,D} 2010; R3 {D,E} 2010; R4 {A,D} 2012; R5 {A,B} 2011;
// R6 {C,E,F} 2012; R7 no code 2011; R8 {B,E} no year; R9 {A,D,A} 2012 (two A01B
// main groups: one A after truncation); R10 {B,A} 2012.
std::vector<tio::patent_record> records() {
    return {rec({"A01B1/00", "B02C1/00", "C03C1/00"}, 2009),
            rec({"C03C3/00", "D04B1/00"}, 2010),
            rec({"D04B5/00", "E05B1/00"}, 2010),
            rec({"A01B3/00", "D04B1/00"}, 2012),
            rec({"A01B1/00", "B02C1/00"}, 2011),
            rec({"C03C1/00", "E05B1/00", "F16H1/00"}, 2012),
            rec({}, 2011),
            rec({"B02C1/00", "E05B1/00"}, techconv::no_year),
            rec({"A01B5/00", "D04B7/00", "A01B9/00"}, 2012),
            rec({"B02C1/00", "A01B1/00"}, 2012)};
}

}  // namespace evolution_test

TEST_CASE("parse_periods and sliding_periods") {
    const auto p = ta::parse_periods("2000-2009,2010-2019,2020");
    REQUIRE(p.size() == 3);
    CHECK(p[0].first == 2000);
    CHECK(p[0].last == 2009);
    CHECK(p[1].first == 2010);
    CHECK(p[1].last == 2019);
    CHECK(p[2].first == 2020);
    CHECK(p[2].last == 2020);
    CHECK_THROWS_AS(ta::parse_periods("2010-2000"), techconv::invalid_argument);
    CHECK_THROWS_AS(ta::parse_periods("20x0"), techconv::invalid_argument);
    CHECK_THROWS_AS(ta::parse_periods(""), techconv::invalid_argument);
    CHECK_THROWS_AS(ta::parse_periods("2000-2009,"), techconv::invalid_argument);
    // 2001..2010 by windows of 4 every 3: 2001-2004, 2004-2007, 2007-2010, 2010-2013 (starts <= 2010)
    const auto w = ta::sliding_periods(2001, 2010, 4, 3);
    REQUIRE(w.size() == 4);
    CHECK(w[1].first == 2004);
    CHECK(w[1].last == 2007);
    CHECK(w[3].first == 2010);
    CHECK(w[3].last == 2013);
    CHECK_THROWS_AS(ta::sliding_periods(2001, 2010, 0, 1), techconv::invalid_argument);
    CHECK_THROWS_AS(ta::sliding_periods(2011, 2010, 2, 1), techconv::invalid_argument);
}

TEST_CASE("evolution: period networks by hand") {
    ta::evolution_options o;
    o.periods = ta::parse_periods("2009-2010,2011-2012,2015-2016");
    const auto r = ta::evolution(evolution_test::records(), o);
    CHECK(r.records == 10);
    CHECK(r.records_without_year == 1);  // R8
    REQUIRE(r.periods.size() == 3);

    // 2009-2010: R1, R2, R3; nodes A B C D E; edges AB AC BC CD DE (weight 1).
    // density 2*5/(5*4) = 0.5; CI (3-5)/3. Best split {A,B,C} {D,E}, m = 5, degrees A2 B2 C3 D2 E1:
    // Q = (3/5 - (7/10)^2) + (1/5 - (3/10)^2) = 0.11 + 0.11 = 0.22
    // ({A,B},{C,D,E} gives 0.08, one cluster 0, {A,B,C},{D},{E} 0.06).
    const auto& a = r.periods[0];
    CHECK(a.info == techconv::status::ok);
    CHECK(a.records == 3);
    CHECK(a.records_with_codes == 3);
    CHECK(a.nodes == 5);
    CHECK(a.edges == 5);
    CHECK(a.density == doctest::Approx(0.5));
    CHECK(a.convergence_index == doctest::Approx(-2.0 / 3.0));
    CHECK(a.modularity == doctest::Approx(0.22));
    CHECK(a.clusters == 2);

    // 2011-2012: R4, R5, R6, R7 (no code), R9, R10: records 6, with codes 5; nodes A..F;
    // edges AB (R5, R10: 2), AD (R4, R9: 2), CE, CF, EF (1): 5 edges, density 2*5/(6*5) = 1/3,
    // CI (6-6)/6 = 0. Components {A,B,D} and {C,E,F}, m = 7: each has L/m - (d/2m)^2 =
    // 4/7 - (8/14)^2 = 12/49 and 3/7 - (6/14)^2 = 12/49: Q = 24/49
    // (splitting D off the path gives 2/7 - (6/14)^2 - (2/14)^2 = 4/49 < 12/49).
    const auto& b = r.periods[1];
    CHECK(b.records == 6);
    CHECK(b.records_with_codes == 5);
    CHECK(b.nodes == 6);
    CHECK(b.edges == 5);
    CHECK(b.density == doctest::Approx(1.0 / 3.0));
    CHECK(b.convergence_index == doctest::Approx(0.0));
    CHECK(b.modularity == doctest::Approx(24.0 / 49.0));

    // strategic diagram. 2009-2010: {A,B,C} (cluster 0, the larger) has internal weight 3, external 1
    // (C-D): centrality 1, density 3/3 = 1; {D,E}: internal 1, external 1: centrality 1, density 0.5.
    // Medians (both clusters have two or more codes): centrality 1, density 0.75. High = strictly
    // above: neither is central; {A,B,C} niche (dense), {D,E} emerging.
    REQUIRE(a.cluster_list.size() == 2);
    CHECK(a.cluster_list[0].codes == std::vector<std::string>{"A01B", "B02C", "C03C"});
    CHECK(a.cluster_list[0].centrality == doctest::Approx(1.0));
    CHECK(a.cluster_list[0].density == doctest::Approx(1.0));
    CHECK(a.cluster_list[0].quadrant == ta::strategic_quadrant::niche);
    CHECK(a.cluster_list[1].density == doctest::Approx(0.5));
    CHECK(a.cluster_list[1].quadrant == ta::strategic_quadrant::emerging);
    // 2011-2012: {A,B,D} internal 4 (density 4/3), {C,E,F} internal 3 (density 1), no external edge;
    // medians centrality 0, density 7/6: {A,B,D} niche, {C,E,F} emerging.
    REQUIRE(b.cluster_list.size() == 2);
    const std::size_t abd = b.cluster_list[0].codes.front() == "A01B" ? 0 : 1;
    CHECK(b.cluster_list[abd].codes == std::vector<std::string>{"A01B", "B02C", "D04B"});
    CHECK(b.cluster_list[abd].density == doctest::Approx(4.0 / 3.0));
    CHECK(b.cluster_list[abd].quadrant == ta::strategic_quadrant::niche);
    CHECK(b.cluster_list[1 - abd].centrality == 0.0);
    CHECK(b.cluster_list[1 - abd].quadrant == ta::strategic_quadrant::emerging);
    // flows 2009-2010 -> 2011-2012: {A,B,C}->{A,B,D} 2 shared, 2/3; {A,B,C}->{C,E,F} 1, 1/3;
    // {D,E}->{A,B,D} 1, 1/2; {D,E}->{C,E,F} 1, 1/2. Stability: 5 common codes of 6: 5/6.
    // Nothing flows into the empty 2015-2016.
    REQUIRE(r.flows.size() == 4);
    for (const auto& f : r.flows) {
        CHECK(f.period_a == 0);
        CHECK(f.period_b == 1);
        CHECK(f.stability == doctest::Approx(5.0 / 6.0));
        const bool to_abd = static_cast<std::size_t>(f.cluster_b) == abd;
        if (f.cluster_a == 0) {
            CHECK(f.shared == (to_abd ? 2 : 1));
            CHECK(f.inclusion == doctest::Approx(to_abd ? 2.0 / 3.0 : 1.0 / 3.0));
        } else {
            CHECK(f.shared == 1);
            CHECK(f.inclusion == doctest::Approx(0.5));
        }
    }

    // 2015-2016: no record
    const auto& c = r.periods[2];
    CHECK(c.info == techconv::status::empty_input);
    CHECK(c.records == 0);
    CHECK(c.nodes == 0);
    CHECK(c.modularity == 0.0);
    CHECK(c.cluster_list.empty());
}

TEST_CASE("evolution: new pairs and the share of new pairs per year by hand") {
    ta::evolution_options o;
    o.window = 2;  // years 2009..2012: 2009-2010, 2011-2012
    const auto r = ta::evolution(evolution_test::records(), o);
    REQUIRE(r.periods.size() == 2);
    CHECK(r.periods[0].span.first == 2009);
    CHECK(r.periods[0].span.last == 2010);
    CHECK(r.periods[1].span.first == 2011);
    CHECK(r.periods[1].span.last == 2012);
    CHECK_FALSE(ta::in_period(r.periods[1].span, 2013));
    CHECK(r.periods[1].edges == 5);

    // first years: 2009 AB AC BC (R1); 2010 CD (R2), DE (R3); 2011 none new (AB seen 2009);
    // 2012 AD (R4, R9: 2 records), CE CF EF (R6). BE is on R8 only, which has no year.
    struct expect {
        const char* s;
        const char* t;
        int year;
        int records;
    };
    const expect want[] = {{"A01B", "B02C", 2009, 1}, {"A01B", "C03C", 2009, 1}, {"B02C", "C03C", 2009, 1},
                           {"C03C", "D04B", 2010, 1}, {"D04B", "E05B", 2010, 1}, {"A01B", "D04B", 2012, 2},
                           {"C03C", "E05B", 2012, 1}, {"C03C", "F16H", 2012, 1}, {"E05B", "F16H", 2012, 1}};
    REQUIRE(r.new_pairs.size() == 9);
    for (std::size_t k = 0; k < 9; ++k) {
        CAPTURE(k);
        CHECK(r.new_pairs[k].source == want[k].s);
        CHECK(r.new_pairs[k].target == want[k].t);
        CHECK(r.new_pairs[k].first_year == want[k].year);
        CHECK(r.new_pairs[k].records_in_first_year == want[k].records);
    }

    // per year: 2009 1 record, 3 pairs, 3 new (share 1); 2010 2 records, 2 pairs, 2 new;
    // 2011 R5 and R7: 1 pair (AB), 0 new, share 0; 2012 R4 R6 R9 R10: pairs AD CE CF EF AB = 5,
    // 4 new, share 0.8.
    REQUIRE(r.years.size() == 4);
    CHECK(r.years[0].year == 2009);
    CHECK(r.years[0].pairs == 3);
    CHECK(r.years[0].share_new == 1.0);
    CHECK(r.years[1].records == 2);
    CHECK(r.years[1].new_pairs == 2);
    CHECK(r.years[2].records == 2);
    CHECK(r.years[2].pairs == 1);
    CHECK(r.years[2].new_pairs == 0);
    CHECK(r.years[2].share_new == 0.0);
    CHECK(r.years[2].info == techconv::status::ok);
    CHECK(r.years[3].records == 4);
    CHECK(r.years[3].pairs == 5);
    CHECK(r.years[3].new_pairs == 4);
    CHECK(r.years[3].share_new == doctest::Approx(0.8));
}

TEST_CASE("evolution: strategic quadrants, a value at the median is not high") {
    // one period: {A,B} (AB on R1, R2: internal 2, density 1), {C,D,E} (CD, DE, CE once: internal 3,
    // density 1) joined by B-C (R3, weight 1), and the lone code F (R4). Louvain: {A,B}, {C,D,E}, {F}
    // (merging across B-C lowers modularity: m = 6, splitting gives
    // (2/6 - (5/12)^2) + (3/6 - (7/12)^2) = 0.1597 + 0.1597 = 0.319 against 0.13 for {A,B,C},{D,E}).
    // Centrality: {A,B} 1, {C,D,E} 1, {F} 0; density {A,B} 2/2 = 1, {C,D,E} 3/3 = 1, {F} 0.
    // Medians over {A,B} and {C,D,E}: centrality 1, density 1. Ties at the median are not high: every
    // cluster is emerging (with ">=" both two-code clusters would be motor).
    const std::vector<tio::patent_record> recs = {
        evolution_test::rec({"A01B1/00", "B02C1/00"}, 2010), evolution_test::rec({"A01B1/00", "B02C1/00"}, 2010),
        evolution_test::rec({"B02C1/00", "C03C1/00"}, 2010), evolution_test::rec({"C03C1/00", "D04B1/00"}, 2010),
        evolution_test::rec({"D04B1/00", "E05B1/00"}, 2010), evolution_test::rec({"C03C1/00", "E05B1/00"}, 2010),
        evolution_test::rec({"F16H1/00"}, 2010)};
    ta::evolution_options o;
    o.periods = ta::parse_periods("2010");
    const auto r = ta::evolution(recs, o);
    REQUIRE(r.periods.size() == 1);
    const auto& cl = r.periods[0].cluster_list;
    REQUIRE(cl.size() == 3);
    for (const auto& c : cl) {
        CAPTURE(c.size);
        if (c.size == 1) {
            CHECK(c.codes == std::vector<std::string>{"F16H"});
            CHECK(c.centrality == 0.0);
        } else {
            CHECK(c.centrality == doctest::Approx(1.0));
            CHECK(c.density == doctest::Approx(1.0));
        }
        CHECK(c.quadrant == ta::strategic_quadrant::emerging);
    }
}

TEST_CASE("evolution: a year without pairs, options checked, same result for any thread count") {
    // 2011 only R7 (no code) and a one-code record: no pair, status empty_input, share 0
    const std::vector<tio::patent_record> recs = {evolution_test::rec({"A01B1/00", "B02C1/00"}, 2010),
                                                  evolution_test::rec({"A01B1/00"}, 2011)};
    ta::evolution_options o;
    o.periods = ta::parse_periods("2010,2011");
    const auto r = ta::evolution(recs, o);
    REQUIRE(r.years.size() == 2);
    CHECK(r.years[1].info == techconv::status::empty_input);
    CHECK(r.years[1].share_new == 0.0);
    // 2011: one record, one node, no edge: density 0, CI (1-1)/1 = 0, modularity 0
    CHECK(r.periods[1].info == techconv::status::ok);
    CHECK(r.periods[1].nodes == 1);
    CHECK(r.periods[1].edges == 0);
    CHECK(r.periods[1].modularity == 0.0);

    ta::evolution_options bad;
    CHECK_THROWS_AS(ta::evolution(recs, bad), techconv::invalid_argument);  // neither periods nor window
    bad.periods = {{2012, 2010}};
    CHECK_THROWS_AS(ta::evolution(recs, bad), techconv::invalid_argument);

    ta::evolution_options one, two;
    one.window = two.window = 2;
    two.network.threads = 2;
    const auto r1 = ta::evolution(evolution_test::records(), one);
    const auto r2 = ta::evolution(evolution_test::records(), two);
    REQUIRE(r1.periods.size() == r2.periods.size());
    for (std::size_t k = 0; k < r1.periods.size(); ++k) CHECK(r1.periods[k].modularity == r2.periods[k].modularity);
    CHECK(r1.new_pairs.size() == r2.new_pairs.size());
}

TEST_CASE("evolution: weighted inclusion of the cluster flows by hand") {
    using evolution_test::rec;
    // Formulas (docs/analysis-evolution.md, "Clusters over time"): inclusion(U, V) = |U ∩ V| /
    // min(|U|, |V|) (Cobo et al. 2011, J. Informetrics 5:146-166); weighted inclusion(U, V) =
    // Σ_{k ∈ U∩V} min(occ_U(k), occ_V(k)) / min(Σ_U occ, Σ_V occ) (bibliometrix thematicEvolution's
    // Inc_Weighted = sum(min) / min(tot), its implementation of Cobo et al.); stability = |N_a ∩ N_b| /
    // |N_a ∪ N_b| over the two periods' codes.
    // 2000: {A,B} {A,B} {A,C} {D,E}: two components, clusters {A,B,C} (id 0) and {D,E} (id 1)
    //   (Q = 0.375 against 0.281 for {A,B},{C},{D,E}); occurrences A 3, B 2, C 1, D 1, E 1.
    // 2001: {A,B} {B,C} {B,C} {D,F} {D,F} {D,F}: clusters {A,B,C} and {D,F}; occurrences
    //   A 1, B 3, C 2, D 3, F 3.
    // {A,B,C} -> {A,B,C}: shared 3, inclusion 3/3 = 1, weighted (min(3,1) + min(2,3) + min(1,2)) /
    //   min(3+2+1, 1+3+2) = 4/6; {D,E} -> {D,F}: shared 1 (D), inclusion 1/min(2,2) = 0.5, weighted
    //   min(1,3) / min(1+1, 3+3) = 1/2. Stability: 4 codes of both / 6 of either = 2/3.
    const std::vector<tio::patent_record> rs{
        rec({"A01B1/00", "B02C1/00"}, 2000), rec({"A01B1/00", "B02C1/00"}, 2000), rec({"A01B1/00", "C03C1/00"}, 2000),
        rec({"D04B1/00", "E05B1/00"}, 2000), rec({"A01B1/00", "B02C1/00"}, 2001), rec({"B02C1/00", "C03C1/00"}, 2001),
        rec({"B02C1/00", "C03C1/00"}, 2001), rec({"D04B1/00", "F16H1/00"}, 2001), rec({"D04B1/00", "F16H1/00"}, 2001),
        rec({"D04B1/00", "F16H1/00"}, 2001)};
    ta::evolution_options o;
    o.periods = ta::parse_periods("2000,2001");
    const auto r = ta::evolution(rs, o);
    REQUIRE(r.periods.size() == 2);
    REQUIRE(r.periods[0].cluster_list.size() == 2);
    REQUIRE(r.periods[1].cluster_list.size() == 2);
    const auto& a0 = r.periods[0].cluster_list[0];
    CHECK(a0.codes == std::vector<std::string>{"A01B", "B02C", "C03C"});
    CHECK(a0.occurrences == std::vector<double>{3, 2, 1});
    CHECK(r.periods[1].cluster_list[1].codes == std::vector<std::string>{"D04B", "F16H"});
    CHECK(r.periods[1].cluster_list[1].occurrences == std::vector<double>{3, 3});
    REQUIRE(r.flows.size() == 2);
    CHECK(r.flows[0].cluster_a == 0);
    CHECK(r.flows[0].cluster_b == 0);
    CHECK(r.flows[0].shared == 3);
    CHECK(r.flows[0].inclusion == doctest::Approx(1.0));
    CHECK(r.flows[0].weighted_inclusion == doctest::Approx(4.0 / 6.0));
    CHECK(r.flows[0].stability == doctest::Approx(2.0 / 3.0));
    CHECK(r.flows[1].cluster_a == 1);
    CHECK(r.flows[1].cluster_b == 1);
    CHECK(r.flows[1].shared == 1);
    CHECK(r.flows[1].inclusion == doctest::Approx(0.5));
    CHECK(r.flows[1].weighted_inclusion == doctest::Approx(0.5));
    // the life cycle of the records: 4 in 2000, 6 in 2001 (two points: nothing fitted)
    CHECK(r.lifecycle.cumulative == std::vector<techconv::index>{4, 10});
    CHECK(r.lifecycle.logistic.info == techconv::status::empty_input);
}

TEST_CASE("period_networks: each period's network is the network of its records filtered by hand") {
    namespace rec = techconv::records;
    // evolution_test::records() by year: 2009 R1; 2010 R2 R3; 2011 R5 R7; 2012 R4 R6 R9 R10;
    // R8 has no year. Periods 2009-2010, 2011-2012 and 2013 (no record: empty_input).
    const auto v = evolution_test::records();
    const auto table = rec::patent_table::from_records(v);
    std::vector<std::size_t> all(table.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    ta::network_options o;
    ta::period_spec spec;
    spec.periods = ta::parse_periods("2009-2010,2011-2012,2013");
    const auto pn = ta::period_networks(table, all, spec, o);
    REQUIRE(pn.size() == 3);
    // the rows of each period picked by hand from the comment above (0-based)
    const std::vector<std::vector<std::size_t>> by_hand{{0, 1, 2}, {3, 4, 5, 6, 8, 9}};
    for (std::size_t k = 0; k < 2; ++k) {
        INFO("period " << k);
        CHECK(pn[k].info == techconv::status::ok);
        CHECK(pn[k].records == static_cast<techconv::index>(by_hand[k].size()));
        std::vector<tio::patent_record> picked;
        for (const auto i : by_hand[k]) picked.push_back(v[i]);
        const auto ref = ta::network(picked, o);
        const auto& got = pn[k].network;
        CHECK(got.summary.records == ref.summary.records);
        CHECK(got.summary.nodes == ref.summary.nodes);
        CHECK(got.summary.edges == ref.summary.edges);
        CHECK(got.summary.modularity == ref.summary.modularity);
        REQUIRE(got.graph.num_nodes() == ref.graph.num_nodes());
        for (techconv::index n = 0; n < got.graph.num_nodes(); ++n) {
            CHECK(got.graph.label(n) == ref.graph.label(n));
            CHECK(got.graph.node_weight(n) == ref.graph.node_weight(n));
            CHECK(got.nodes.strength[static_cast<std::size_t>(n)] == ref.nodes.strength[static_cast<std::size_t>(n)]);
            CHECK(got.nodes.cluster[static_cast<std::size_t>(n)] == ref.nodes.cluster[static_cast<std::size_t>(n)]);
        }
    }
    // 2009-2010: R1 {A,B,C}, R2 {C,D}, R3 {D,E}: 5 nodes, edges AB AC BC CD DE = 5
    CHECK(pn[0].network.summary.nodes == 5);
    CHECK(pn[0].network.summary.edges == 5);
    CHECK(pn[2].info == techconv::status::empty_input);
    CHECK(pn[2].records == 0);

    // sliding windows start at the first year (2009): windows of 2 every 2 -> 2009-2010, 2011-2012
    const auto split = ta::split_periods(v, ta::period_spec{{}, 2, 0});
    REQUIRE(split.periods.size() == 2);
    CHECK(split.periods[1].first == 2011);
    CHECK(split.periods[1].last == 2012);
    CHECK(split.rows[0] == by_hand[0]);
    CHECK(split.rows[1] == by_hand[1]);
    CHECK(split.records_without_year == 1);
    CHECK_THROWS_AS(ta::split_periods(v, ta::period_spec{}), techconv::invalid_argument);  // neither periods nor window
}

TEST_CASE("evolution: life cycle per country group, minimum years") {
    using evolution_test::rec;
    // US: 1, 2, 4, 7, 9, 10 records in 2000..2005 (6 years: fitted); DE: 2 records in 2000 and 2002
    // (3 years < 5: status empty_input, counts only); one record without jurisdiction: "(unknown)".
    std::vector<tio::patent_record> rs;
    const int us[] = {1, 2, 4, 7, 9, 10};
    for (int k = 0; k < 6; ++k)
        for (int n = 0; n < us[k]; ++n) {
            rs.push_back(rec({"A01B1/00"}, static_cast<techconv::year_type>(2000 + k)));
            rs.back().jurisdiction = "US";
        }
    rs.push_back(rec({"A01B1/00"}, 2000));
    rs.back().jurisdiction = "DE";
    rs.push_back(rec({"B02C1/00"}, 2002));
    rs.back().jurisdiction = "DE";
    rs.push_back(rec({"B02C1/00"}, techconv::no_year));
    ta::evolution_options o;
    o.periods = ta::parse_periods("2000-2005");
    o.group_by_country = ta::country_source::jurisdiction;
    const auto r = ta::evolution(rs, o);
    REQUIRE(r.group_lifecycles.size() == 3);
    const auto& g0 = r.group_lifecycles[0];
    CHECK(g0.group == "US");
    CHECK(g0.records == 33);
    CHECK(g0.info == techconv::status::ok);
    CHECK(g0.lifecycle.cumulative == std::vector<techconv::index>{1, 3, 7, 14, 23, 33});
    // the group's fit is the fit of its own counts
    const auto ref = ta::lifecycle({{2000, 1}, {2001, 2}, {2002, 4}, {2003, 7}, {2004, 9}, {2005, 10}});
    CHECK(g0.lifecycle.logistic.info == ref.logistic.info);
    CHECK(g0.lifecycle.logistic.saturation == ref.logistic.saturation);
    CHECK(g0.lifecycle.gompertz.midpoint == ref.gompertz.midpoint);
    const auto& g1 = r.group_lifecycles[1];
    CHECK(g1.group == "DE");
    CHECK(g1.info == techconv::status::empty_input);
    CHECK(g1.lifecycle.counts == std::vector<techconv::index>{1, 0, 1});
    CHECK(g1.lifecycle.logistic.info == techconv::status::empty_input);
    CHECK(g1.lifecycle.gompertz.saturation == 0.0);
    const auto& g2 = r.group_lifecycles[2];
    CHECK(g2.group == "(unknown)");
    CHECK(g2.records == 1);
    CHECK(g2.records_with_year == 0);
    CHECK(g2.info == techconv::status::empty_input);
    // 3 years is enough with min_group_years = 3: DE is fitted (its own statuses apply)
    o.min_group_years = 3;
    const auto r3 = ta::evolution(rs, o);
    CHECK(r3.group_lifecycles[1].info == techconv::status::ok);
    o.min_group_years = 2;
    CHECK_THROWS_AS(ta::evolution(rs, o), techconv::invalid_argument);
    // without group_by_country: no groups
    ta::evolution_options plain;
    plain.periods = ta::parse_periods("2000-2005");
    CHECK(ta::evolution(rs, plain).group_lifecycles.empty());
}

TEST_CASE("evolution: Cobo et al. 2011 inclusion, weighted inclusion and stability, full and fractional, by hand") {
    using evolution_test::rec;
    // Definitions (docs/analysis-evolution.md, "Clusters over time"), for clusters U of period a and V
    // of period b: inclusion = |U ∩ V| / min(|U|, |V|); weighted inclusion = Σ_{k ∈ U∩V}
    // min(occ_U(k), occ_V(k)) / min(Σ_U occ, Σ_V occ), occ = the code's node weight in its period:
    // the records of the period carrying it, under every counting mode (the diagonal of
    // cograph::cooccurrence; the counting weighs the edges only, so fractional counting may move
    // codes between clusters but leaves occ, and here every figure, as under full counting);
    // stability = |N_a ∩ N_b| / |N_a ∪ N_b| over the two periods' codes.
    // Subclasses A = A01B, B = B02C, C = C03C, D = D04B, E = E05B, F = F16H, G = G06F, H = H01L.
    // 2000: {A,B,C} {A,B} {A,C} {D,E} {G}: components {A,B,C} (cluster 0, 3 codes), {D,E} (1), {G} (2,
    //   a lone code: in no flow); the components stay the clusters under fractional counting too
    //   (the triple's pairs weigh 1/3 each instead of 1). occ: A 3, B 2, C 2 (Σ 7); D 1, E 1 (Σ 2).
    // 2001: {A,B} {A,B} {A,H} {D,E} {D,E} {D,F} {E,F}: components {A,B,H} and {D,E,F} (3 codes each).
    //   occ: A 3, B 2, H 1 (Σ 6); D 3, E 3, F 2 (Σ 8).
    // Flows (pairs of clusters sharing a code):
    //   {A,B,C} -> {A,B,H}: shared 2 (A, B), inclusion 2 / min(3, 3) = 2/3; weighted
    //     (min(3,3) + min(2,2)) / min(7, 6) = 5/6 (the later cluster's total is the smaller; had occ
    //     been fractional sums, A 4/3, B 5/6, C 5/6 against A 3/2, B 1, H 1/2, it would be 13/18).
    //   {D,E} -> {D,E,F}: shared 2, inclusion 2 / min(2, 3) = 1; weighted (min(1,3) + min(1,3)) /
    //     min(2, 8) = 1.
    //   {G} shares no code: no flow; no cluster of 2000 shares a code with both 2001 clusters.
    // Stability: N_2000 = {A,B,C,D,E,G}, N_2001 = {A,B,D,E,F,H}: 4 common of 8: 1/2 (both countings).
    const auto R = [](std::vector<std::string> codes, techconv::year_type y) { return rec(std::move(codes), y); };
    const std::vector<tio::patent_record> rs{
        R({"A01B1/00", "B02C1/00", "C03C1/00"}, 2000), R({"A01B1/00", "B02C1/00"}, 2000),
        R({"A01B1/00", "C03C1/00"}, 2000), R({"D04B1/00", "E05B1/00"}, 2000), R({"G06F1/00"}, 2000),
        R({"A01B1/00", "B02C1/00"}, 2001), R({"A01B1/00", "B02C1/00"}, 2001), R({"A01B1/00", "H01L1/00"}, 2001),
        R({"D04B1/00", "E05B1/00"}, 2001), R({"D04B1/00", "E05B1/00"}, 2001), R({"D04B1/00", "F16H1/00"}, 2001),
        R({"E05B1/00", "F16H1/00"}, 2001)};
    for (const auto mode : {techconv::records::counting::full, techconv::records::counting::fractional}) {
        CAPTURE(techconv::records::to_string(mode));
        ta::evolution_options o;
        o.periods = ta::parse_periods("2000,2001");
        o.network.counting = mode;
        const auto r = ta::evolution(rs, o);
        REQUIRE(r.periods.size() == 2);
        const auto& a = r.periods[0].cluster_list;
        const auto& b = r.periods[1].cluster_list;
        REQUIRE(a.size() == 3);
        REQUIRE(b.size() == 2);
        CHECK(a[0].codes == std::vector<std::string>{"A01B", "B02C", "C03C"});
        CHECK(a[1].codes == std::vector<std::string>{"D04B", "E05B"});
        CHECK(a[2].codes == std::vector<std::string>{"G06F"});
        const std::size_t abh = b[0].codes.front() == "A01B" ? 0 : 1;  // equal sizes: either id
        CHECK(b[abh].codes == std::vector<std::string>{"A01B", "B02C", "H01L"});
        CHECK(b[1 - abh].codes == std::vector<std::string>{"D04B", "E05B", "F16H"});
        REQUIRE(a[0].occurrences.size() == 3);
        CHECK(a[0].occurrences == std::vector<double>{3, 2, 2});
        CHECK(b[abh].occurrences == std::vector<double>{3, 2, 1});
        REQUIRE(r.flows.size() == 2);
        const auto& f0 = r.flows[0];
        CHECK(f0.cluster_a == 0);
        CHECK(static_cast<std::size_t>(f0.cluster_b) == abh);
        CHECK(f0.shared == 2);
        CHECK(f0.inclusion == doctest::Approx(2.0 / 3.0));
        CHECK(f0.weighted_inclusion == doctest::Approx(5.0 / 6.0));
        CHECK(f0.stability == doctest::Approx(0.5));
        const auto& f1 = r.flows[1];
        CHECK(f1.cluster_a == 1);
        CHECK(static_cast<std::size_t>(f1.cluster_b) == 1 - abh);
        CHECK(f1.shared == 2);
        CHECK(f1.inclusion == doctest::Approx(1.0));
        CHECK(f1.weighted_inclusion == doctest::Approx(1.0));
        CHECK(f1.stability == doctest::Approx(0.5));
    }
}
