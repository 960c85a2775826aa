// Hand-computed cases for the closeness measures, collaboration counting
// (full / fractional / link-fractional, both denominators), importance
// shares, per-year series, period comparison, peaks and institution shares.
// Every expected number is derived in the comments next to it.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "techconv/closeness.hpp"
#include "test_support.hpp"

namespace tc = techconv::closeness;
using techconv::label_id;
using techconv::status;
using strings = std::vector<std::string>;

namespace {

// The hand corpus (year 2019 unless stated):
//   r1 {US, CN, GB}   a record with three countries
//   r2 {US, CN}
//   r3 {US}           records with one country
//   r4 {CN}
//   r5 {GB, DE}
//   r6 {}             no country could be read
tc::actor_records hand_corpus() {
    tc::actor_records r;
    r.add("r1", 2019, strings{"US", "CN", "GB"});
    r.add("r2", 2019, strings{"CN", "US", "US"});  // US twice: counted once
    r.add("r3", 2019, strings{"US"});
    r.add("r4", 2019, strings{"CN"});
    r.add("r5", 2019, strings{"GB", "DE"});
    r.add("r6", 2019, strings{});
    return r;
}

double at(const Eigen::SparseMatrix<double>& m, label_id i, label_id j) {
    return m.coeff(static_cast<techconv::index>(i), static_cast<techconv::index>(j));
}

}  // namespace

TEST_CASE("measures: hand values and zero denominators") {
    // N_ij = 2, N_i = 3, N_j = 3, T = 10
    CHECK(tc::salton(2, 3, 3) == doctest::Approx(2.0 / 3.0));        // 2/sqrt(9)
    CHECK(tc::jaccard(2, 3, 3) == doctest::Approx(0.5));              // 2/(3+3-2)
    CHECK(tc::inclusion(2, 3, 4) == doctest::Approx(2.0 / 3.0));      // 2/min(3,4)
    CHECK(tc::equivalence(2, 3, 3) == doctest::Approx(4.0 / 9.0));    // 2^2/(3*3)
    CHECK(tc::association_strength_bibliometrix(2, 3, 3) == doctest::Approx(2.0 / 9.0));
    CHECK(tc::association_strength_vosviewer(2, 3, 3, 10) == doctest::Approx(20.0 / 9.0));
    // equivalence is Salton squared
    CHECK(tc::equivalence(3, 5, 7) == doctest::Approx(tc::salton(3, 5, 7) * tc::salton(3, 5, 7)));
    // zero denominators give 0, never NaN
    CHECK(tc::salton(0, 0, 5) == 0.0);
    CHECK(tc::jaccard(0, 0, 0) == 0.0);
    CHECK(tc::inclusion(0, 0, 4) == 0.0);
    CHECK(tc::association_strength_vosviewer(1, 0, 3, 10) == 0.0);
    static_assert(tc::is_measure_v<tc::salton_t>);
    static_assert(tc::is_measure_v<tc::association_strength_vosviewer_t>);
    static_assert(!tc::is_measure_v<int>);
}

TEST_CASE("counting: full counting, international denominator ([COOP])") {
    const auto rec = hand_corpus();
    const label_id us = rec.find("US"), cn = rec.find("CN"), gb = rec.find("GB"), de = rec.find("DE");
    const auto c = tc::count_collaboration(rec);
    CHECK(c.info == status::ok);
    CHECK(c.records == 6);
    CHECK(c.multi_actor_records == 3);   // r1, r2, r5
    CHECK(c.single_actor_records == 2);  // r3, r4
    CHECK(c.empty_records == 1);         // r6
    // N_i = international records: US r1,r2; CN r1,r2; GB r1,r5; DE r5
    CHECK(c.n[us] == 2);
    CHECK(c.n[cn] == 2);
    CHECK(c.n[gb] == 2);
    CHECK(c.n[de] == 1);
    CHECK(at(c.pairs, us, cn) == 2);  // r1, r2
    CHECK(at(c.pairs, cn, us) == 2);
    CHECK(at(c.pairs, us, gb) == 1);  // r1
    CHECK(at(c.pairs, cn, gb) == 1);  // r1
    CHECK(at(c.pairs, gb, de) == 1);  // r5
    CHECK(at(c.pairs, us, de) == 0);
    CHECK(at(c.pairs, us, us) == 0);  // zero diagonal
    CHECK(c.pairs.nonZeros() == 8);   // 4 pairs, both triangles

    const auto s = tc::closeness_matrix(c);
    CHECK(s.info == status::ok);
    CHECK(at(s.values, us, cn) == doctest::Approx(1.0));              // 2/sqrt(2*2)
    CHECK(at(s.values, us, gb) == doctest::Approx(0.5));              // 1/sqrt(2*2)
    CHECK(at(s.values, gb, de) == doctest::Approx(1.0 / std::sqrt(2.0)));  // 1/sqrt(2*1)
    CHECK(s.values.nonZeros() == c.pairs.nonZeros());

    // importance: row i = N_ij / N_i; asymmetric
    const auto imp = tc::importance_matrix(c);
    CHECK(at(imp.values, gb, de) == doctest::Approx(0.5));  // 1/N_GB = 1/2
    CHECK(at(imp.values, de, gb) == doctest::Approx(1.0));  // 1/N_DE = 1/1
    CHECK(at(imp.values, us, cn) == doctest::Approx(1.0));  // 2/2

    const auto p = tc::pair_statistics(c, gb, de);
    CHECK(p.n_ij == 1);
    CHECK(p.share_i == doctest::Approx(0.5));
    CHECK(p.share_j == doctest::Approx(1.0));
    CHECK(p.closeness == doctest::Approx(1.0 / std::sqrt(2.0)));
}

TEST_CASE("counting: all-records denominator and the other measures") {
    const auto rec = hand_corpus();
    const label_id us = rec.find("US"), cn = rec.find("CN"), gb = rec.find("GB"), de = rec.find("DE");
    tc::count_options o;
    o.denom = tc::denominator::all_records;
    const auto c = tc::count_collaboration(rec, o);
    // N_i = all records: US r1,r2,r3 = 3; CN r1,r2,r4 = 3; GB 2; DE 1
    CHECK(c.n[us] == 3);
    CHECK(c.n[cn] == 3);
    CHECK(c.n[gb] == 2);
    CHECK(c.n[de] == 1);
    CHECK(at(tc::closeness_matrix(c).values, us, cn) == doctest::Approx(2.0 / 3.0));  // 2/sqrt(9)
    CHECK(at(tc::closeness_matrix(c, tc::jaccard).values, us, cn) == doctest::Approx(0.5));  // 2/(3+3-2)
    CHECK(at(tc::closeness_matrix(c, tc::inclusion).values, us, gb) == doctest::Approx(0.5));  // 1/min(3,2)
    CHECK(at(tc::closeness_matrix(c, tc::equivalence).values, us, gb) == doctest::Approx(1.0 / 6.0));  // 1/(3*2)
    CHECK(at(tc::closeness_matrix(c, tc::association_strength_bibliometrix).values, us, cn) ==
          doctest::Approx(2.0 / 9.0));
    // T = sum N_i = 3 + 3 + 2 + 1 = 9 -> 9 * 2 / 9 = 2
    CHECK(at(tc::closeness_matrix(c, tc::association_strength_vosviewer).values, us, cn) ==
          doctest::Approx(2.0));
    // VOSviewer's default node weights: total link strength s_US = 2 + 1 = 3,
    // s_CN = 3, s_GB = 1 + 1 + 1 = 3, s_DE = 1; T = 10.
    const Eigen::VectorXd s = tc::link_strength(c.pairs);
    CHECK(s[us] == 3);
    CHECK(s[gb] == 3);
    CHECK(s.sum() == 10);
    const auto vos = tc::closeness_matrix(c.pairs, s, s.sum(), tc::association_strength_vosviewer);
    CHECK(at(vos.values, gb, de) == doctest::Approx(10.0 * 1.0 / (3.0 * 1.0)));
}

TEST_CASE("counting: fractional and link-fractional") {
    const auto rec = hand_corpus();
    const label_id us = rec.find("US"), cn = rec.find("CN"), gb = rec.find("GB"), de = rec.find("DE");
    tc::count_options o;
    o.mode = tc::counting::fractional;
    auto c = tc::count_collaboration(rec, o);
    // r1 (k=3): node 1/3, pair 2/(3*2) = 1/3; r2, r5 (k=2): node 1/2, pair 1
    CHECK(c.n[us] == doctest::Approx(1.0 / 3 + 1.0 / 2));
    CHECK(c.n[de] == doctest::Approx(0.5));
    CHECK(at(c.pairs, us, cn) == doctest::Approx(1.0 / 3 + 1.0));
    CHECK(at(c.pairs, us, gb) == doctest::Approx(1.0 / 3));
    // every multi-actor record contributes exactly 1 to the node and the pair totals
    CHECK(c.n.sum() == doctest::Approx(3.0));
    CHECK(c.pairs.sum() / 2 == doctest::Approx(3.0));
    o.denom = tc::denominator::all_records;  // single-country records add 1/1
    c = tc::count_collaboration(rec, o);
    CHECK(c.n[us] == doctest::Approx(1.0 / 3 + 1.0 / 2 + 1.0));

    tc::count_options l;
    l.mode = tc::counting::link_fractional;
    c = tc::count_collaboration(rec, l);
    // r1: each link 1/(3-1) = 1/2, nodes 1; r2, r5: links 1
    CHECK(c.n[us] == 2);
    CHECK(at(c.pairs, us, cn) == doctest::Approx(1.5));
    CHECK(at(c.pairs, us, gb) == doctest::Approx(0.5));
    CHECK(at(c.pairs, gb, de) == doctest::Approx(1.0));
    // importance rows sum to 1 under link-fractional + international
    const auto imp = tc::importance_matrix(c);
    const Eigen::VectorXd rows = tc::link_strength(imp.values);
    for (const label_id a : {us, cn, gb, de}) CHECK(rows[a] == doctest::Approx(1.0));
}

TEST_CASE("counting: duplicates, years, degenerate inputs") {
    auto rec = hand_corpus();
    CHECK_FALSE(rec.add("r2", 2019, strings{"US", "CN"}));  // same identifier: counted once
    CHECK(rec.duplicates() == strings{"r2"});
    CHECK(rec.size() == 6);
    CHECK(rec.add("", 2019, strings{"FR"}));  // empty ids are never duplicates
    CHECK(rec.add("", 2019, strings{"FR"}));
    CHECK(rec.size() == 8);

    tc::actor_records empty;
    auto c = tc::count_collaboration(empty);
    CHECK(c.info == status::empty_input);
    CHECK(c.n.size() == 0);

    tc::actor_records only_single;
    only_single.add("a", 2000, strings{"US"});
    c = tc::count_collaboration(only_single);
    CHECK(c.info == status::ok);  // it has a country, just no partner
    CHECK(c.n[0] == 0);           // [COOP] denominator: no international record
    const auto p = tc::pair_statistics(c, 0, 0);
    CHECK(p.info == status::zero_denominator);
    CHECK(p.closeness == 0);

    tc::count_options bad;
    bad.first_year = 2020;
    bad.last_year = 2019;
    CHECK_THROWS_AS(tc::count_collaboration(rec, bad), techconv::invalid_argument);
    CHECK_THROWS_AS(tc::pair_statistics(c, 0, 5), techconv::invalid_argument);
    Eigen::SparseMatrix<double> rect(2, 3);
    CHECK_THROWS_AS(tc::closeness_matrix(rect, Eigen::VectorXd::Zero(2), 0.0, tc::salton),
                    techconv::invalid_argument);
}

TEST_CASE("series: per-year panel, peak, period change") {
    tc::actor_records rec;
    // 2017: {US,CN}            -> N_US 1, N_CN 1, N 1, Salton 1
    // 2018: (no record)        -> zeros, undefined
    // 2019: {US,CN} {US,DE} {US,CN,DE} -> N_US 3, N_CN 2, N_USCN 2, Salton 2/sqrt(6)
    // 2020: {US,DE} {CN}       -> N_US 1, N_CN 0 (no partner), Salton undefined -> 0
    // unknown year: {US,CN}    -> skipped, counted
    rec.add("a", 2017, strings{"US", "CN"});
    rec.add("b", 2019, strings{"US", "CN"});
    rec.add("c", 2019, strings{"US", "DE"});
    rec.add("d", 2019, strings{"US", "CN", "DE"});
    rec.add("e", 2020, strings{"US", "DE"});
    rec.add("f", 2020, strings{"CN"});
    rec.add("g", techconv::no_year, strings{"US", "CN"});
    const label_id us = rec.find("US"), cn = rec.find("CN");
    const auto panel = tc::count_by_year(rec);
    REQUIRE(panel.years == std::vector<techconv::year_type>{2017, 2018, 2019, 2020});
    CHECK(panel.records_without_year == 1);
    CHECK(panel.counts[1].info == status::empty_input);
    const auto s = tc::closeness_series(panel, us, cn);
    CHECK(s.stats[0].closeness == doctest::Approx(1.0));
    CHECK(s.stats[1].closeness == 0);
    CHECK(s.stats[2].closeness == doctest::Approx(2.0 / std::sqrt(6.0)));
    CHECK(s.stats[2].share_i == doctest::Approx(2.0 / 3.0));  // 2 of US's 3
    CHECK(s.stats[2].share_j == doctest::Approx(1.0));        // 2 of CN's 2
    CHECK(s.stats[3].closeness == 0);
    CHECK(s.zero_denominator_years == 2);  // 2018 and 2020
    CHECK(s.info == status::zero_denominator);

    const auto pk = tc::peak(s.years, s.closeness());
    CHECK(pk.year == 2017);  // 1.0 > 0.816
    const auto nus = tc::count_series(panel, us);
    CHECK(tc::peak(panel.years, nus).year == 2019);  // 1, 0, 3, 1
    // ties go to the earliest year
    CHECK(tc::peak({2001, 2002, 2003}, Eigen::Vector3d(1, 5, 5)).year == 2002);
    CHECK(tc::peak({}, Eigen::VectorXd()).info == status::empty_input);

    tc::count_options window;
    window.first_year = 2019;
    window.last_year = 2019;
    const auto w = tc::count_by_year(rec, window);
    CHECK(w.years.size() == 1);
    CHECK(w.outside_period == 3);  // a, e, f

    const auto ch = tc::compare_periods(rec, us, cn, {2017, 2017}, {2019, 2020});
    // 2019-2020: N_US 4, N_CN 2, N_USCN 2 -> 2/sqrt(8)
    CHECK(ch.before.closeness == doctest::Approx(1.0));
    CHECK(ch.after.closeness == doctest::Approx(2.0 / std::sqrt(8.0)));
    CHECK(ch.closeness_change == doctest::Approx(2.0 / std::sqrt(8.0) - 1.0));
    CHECK(ch.share_i_change == doctest::Approx(0.5 - 1.0));
}

TEST_CASE("institutions: share of international records with a partner") {
    tc::actor_records inst, ctry;
    // r1 Tsinghua+MIT  {CN,US} 2019      r2 Tsinghua+Oxford {CN,GB} 2019
    // r3 Tsinghua      {CN}    2019      r4 Tsinghua+Stanford {CN,US} 2022
    // r5 MIT+Oxford    {US,GB} 2019
    inst.add("r1", 2019, strings{"Tsinghua", "MIT"});
    ctry.add("r1", 2019, strings{"CN", "US"});
    inst.add("r2", 2019, strings{"Tsinghua", "Oxford"});
    ctry.add("r2", 2019, strings{"CN", "GB"});
    inst.add("r3", 2019, strings{"Tsinghua"});
    ctry.add("r3", 2019, strings{"CN"});
    inst.add("r4", 2022, strings{"Tsinghua", "Stanford"});
    ctry.add("r4", 2022, strings{"CN", "US"});
    inst.add("r5", 2019, strings{"MIT", "Oxford"});
    ctry.add("r5", 2019, strings{"US", "GB"});
    tc::institution_options o;
    o.home = ctry.find("CN");
    auto res = tc::institution_shares(inst, ctry, ctry.find("US"), o);
    // CN-international records: r1, r2, r4. Tsinghua: 3 international, 2 with US.
    CHECK(res.records_used == 3);
    REQUIRE(res.rows.size() == 4);  // MIT 1/1, Stanford 1/1, Tsinghua 2/3, Oxford 0/1
    CHECK(inst.label(res.rows[0].institution) == "MIT");       // share 1, id 1 < 3
    CHECK(inst.label(res.rows[1].institution) == "Stanford");
    CHECK(inst.label(res.rows[2].institution) == "Tsinghua");
    CHECK(res.rows[2].share == doctest::Approx(2.0 / 3.0));
    CHECK(inst.label(res.rows[3].institution) == "Oxford");
    CHECK(res.rows[3].share == 0);
    o.last_year = 2019;  // the 2019 view: Tsinghua 1 of 2
    res = tc::institution_shares(inst, ctry, ctry.find("US"), o);
    for (const auto& r : res.rows)
        if (inst.label(r.institution) == "Tsinghua") CHECK(r.share == doctest::Approx(0.5));
    tc::actor_records shorter;
    CHECK_THROWS_AS(tc::institution_shares(shorter, ctry, 0), techconv::invalid_argument);
}

TEST_CASE("matrix: closeness from a co-occurrence matrix with occurrences on the diagonal") {
    // C = [[3,2,1],[2,3,0],[1,0,2]]: N = (3,3,2); Salton(0,1) = 2/sqrt(9), Salton(0,2) = 1/sqrt(6)
    Eigen::SparseMatrix<double> c(3, 3);
    c.insert(0, 0) = 3;
    c.insert(1, 1) = 3;
    c.insert(2, 2) = 2;
    c.insert(0, 1) = 2;
    c.insert(1, 0) = 2;
    c.insert(0, 2) = 1;
    c.insert(2, 0) = 1;
    const auto s = tc::closeness_from_cooccurrence(c);
    CHECK(s.values.nonZeros() == 4);  // diagonal dropped
    CHECK(s.values.coeff(0, 1) == doctest::Approx(2.0 / 3.0));
    CHECK(s.values.coeff(2, 0) == doctest::Approx(1.0 / std::sqrt(6.0)));
    // a stored pair with a zero count on one side is reported, not NaN
    Eigen::SparseMatrix<double> z(2, 2);
    z.insert(0, 1) = 1;
    z.insert(1, 0) = 1;
    const auto r = tc::closeness_matrix(z, Eigen::Vector2d(1, 0), 0.0, tc::salton);
    CHECK(r.info == status::zero_denominator);
    CHECK(r.zero_denominator_pairs == 2);
    CHECK(r.values.coeff(0, 1) == 0);
}
