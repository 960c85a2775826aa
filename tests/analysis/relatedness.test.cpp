// SPDX-License-Identifier: BSL-1.0
// analysis::relatedness (RTA, proximity, relatedness density) on a table worked
// out by hand, and the RTA of analysis::network's groups under full and
// fractional counting.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <techconv/analysis/network.hpp>
#include <techconv/analysis/relatedness.hpp>

namespace ta = techconv::analysis;
namespace tio = techconv::io;

TEST_CASE("relatedness: RTA, proximity and density by hand") {
    // P: X [2 1 0], Y [1 1 3], Z [0 3 2]; group totals 3 5 5, class totals a 3, b 5, c 5, total 13.
    techconv::matrix p(3, 3);
    p << 2, 1, 0, 1, 1, 3, 0, 3, 2;
    const auto r = ta::relatedness({"X", "Y", "Z"}, {"a", "b", "c"}, p);
    // RTA X: a (2/3)/(3/13) = 26/9, b (1/3)/(5/13) = 13/15, c 0
    //     Y: a (1/5)/(3/13) = 13/15, b (1/5)/(5/13) = 13/25, c (3/5)/(5/13) = 39/25
    //     Z: a 0, b (3/5)/(5/13) = 39/25, c (2/5)/(5/13) = 26/25
    CHECK(r.rta(0, 0) == doctest::Approx(26.0 / 9.0));
    CHECK(r.rta(0, 1) == doctest::Approx(13.0 / 15.0));
    CHECK(r.rta(0, 2) == 0.0);
    CHECK(r.rta(1, 0) == doctest::Approx(13.0 / 15.0));
    CHECK(r.rta(1, 1) == doctest::Approx(13.0 / 25.0));
    CHECK(r.rta(1, 2) == doctest::Approx(39.0 / 25.0));
    CHECK(r.rta(2, 1) == doctest::Approx(39.0 / 25.0));
    CHECK(r.rta(2, 2) == doctest::Approx(26.0 / 25.0));
    // x: X {a}, Y {c}, Z {b, c}: n_a 1, n_b 1, n_c 2, n_bc 1 (Z), n_ab = n_ac = 0.
    CHECK(r.advantage(0, 0));
    CHECK_FALSE(r.advantage(0, 1));
    CHECK(r.advantage(2, 1));
    // phi_bc = 1 / max(1, 2) = 0.5, phi_ab = phi_ac = 0; diagonal n_i / n_i = 1
    CHECK(r.proximity(1, 2) == doctest::Approx(0.5));
    CHECK(r.proximity(2, 1) == doctest::Approx(0.5));
    CHECK(r.proximity(0, 1) == 0.0);
    CHECK(r.proximity(0, 0) == 1.0);
    // density of b: (phi_ba x_a + phi_bc x_c) / (phi_ba + phi_bc) = x_c: X 0, Y 1, Z 1;
    // of c: x_b: X 0, Y 0, Z 1; a has no proximity to another class: isolated, density 0.
    CHECK(r.density(0, 1) == 0.0);
    CHECK(r.density(1, 1) == doctest::Approx(1.0));
    CHECK(r.density(2, 1) == doctest::Approx(1.0));
    CHECK(r.density(1, 2) == 0.0);
    CHECK(r.density(2, 2) == doctest::Approx(1.0));
    CHECK(r.density(0, 0) == 0.0);
    CHECK(r.isolated_classes == 1);
    CHECK(r.empty_groups == 0);
    CHECK(r.info == techconv::status::zero_denominator);

    // no count at all: everything 0, empty_input; bad shapes and negative counts rejected
    const auto z = ta::relatedness({"X"}, {"a"}, techconv::matrix::Zero(1, 1));
    CHECK(z.info == techconv::status::empty_input);
    CHECK(z.rta(0, 0) == 0.0);
    CHECK_THROWS_AS(ta::relatedness({"X"}, {"a", "b"}, p), techconv::invalid_argument);
    techconv::matrix neg(1, 1);
    neg << -1;
    CHECK_THROWS_AS(ta::relatedness({"X"}, {"a"}, neg), techconv::invalid_argument);
}

namespace relatedness_test {
tio::patent_record rec(std::vector<std::string> ipc, const char* country) {
    tio::patent_record r;
    r.ipc = std::move(ipc);
    r.jurisdiction = country;
    return r;
}
}  // namespace relatedness_test

TEST_CASE("relatedness: network groups count records per class (full) or 1/k (fractional)") {
    using relatedness_test::rec;
    // US: {A01B, B02C}, {A01B}; DE: {A01B, B02C, C03C}.
    const std::vector<tio::patent_record> recs = {rec({"A01B1/00", "B02C1/00"}, "US"), rec({"A01B3/00"}, "US"),
                                                  rec({"A01B1/00", "B02C1/00", "C03C1/00"}, "DE")};
    ta::network_options o;
    o.group_by_country = ta::country_source::jurisdiction;
    const auto full = ta::network(recs, o);
    const auto& r = full.relatedness;
    // groups by records descending: US (2), DE (1); classes in byte order A01B B02C C03C
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[0] == "US");
    REQUIRE(r.classes.size() == 3);
    CHECK(r.classes[2] == "C03C");
    // full: US [2 1 0], DE [1 1 1]; total 6; RTA US A01B (2/3)/(3/6) = 4/3, DE C03C (1/3)/(1/6) = 2
    CHECK(r.counts(0, 0) == 2.0);
    CHECK(r.counts(1, 2) == 1.0);
    CHECK(r.rta(0, 0) == doctest::Approx(4.0 / 3.0));
    CHECK(r.rta(1, 2) == doctest::Approx(2.0));
    // fractional: US [1/2 + 1, 1/2, 0], DE [1/3 1/3 1/3]; total 3;
    // RTA US A01B (1.5/2)/((1.5 + 1/3)/3) = 0.75 / (11/18) = 27/22
    o.counting = techconv::records::counting::fractional;
    const auto frac = ta::network(recs, o);
    CHECK(frac.relatedness.counts(0, 0) == doctest::Approx(1.5));
    CHECK(frac.relatedness.counts(1, 1) == doctest::Approx(1.0 / 3.0));
    CHECK(frac.relatedness.rta(0, 0) == doctest::Approx(27.0 / 22.0));
    // without group-by nothing is computed
    const auto none = ta::network(recs, ta::network_options{});
    CHECK(none.relatedness.groups.empty());
}
