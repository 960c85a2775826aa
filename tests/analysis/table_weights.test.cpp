// SPDX-License-Identifier: BSL-1.0
// io::read_numeric_table and analysis::weigh_table (what `techconv weights`
// calls). Expected values by hand from the [KCT] entropy steps (METHODS.md §1).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include <techconv/analysis/table_weights.hpp>
#include <techconv/io/numeric_table.hpp>

#include "test_support.hpp"

namespace ta = techconv::analysis;
namespace tio = techconv::io;

TEST_CASE("read_numeric_table: an id column when any first cell is not a number") {
    const std::string a = techconv_test::temp_path("ids.csv");
    techconv_test::write_file(a, "name,x,y\n1,0,0\nB,1,1\nC,1,0\nD,0,1\n");
    const auto t = tio::read_numeric_table(a);
    CHECK(t.has_id_column);  // "B" is not a number, so "1" is an id too
    CHECK(t.columns == std::vector<std::string>{"x", "y"});
    CHECK(t.ids == std::vector<std::string>{"1", "B", "C", "D"});
    REQUIRE(t.values.rows() == 4);
    CHECK(t.values(2, 0) == 1.0);

    const std::string b = techconv_test::temp_path("plain.csv");
    techconv_test::write_file(b, "x,y\n1,2\n3,4.5\n");
    const auto u = tio::read_numeric_table(b);
    CHECK_FALSE(u.has_id_column);
    CHECK(u.ids == std::vector<std::string>{"1", "2"});  // 1-based row numbers
    CHECK(u.values(1, 1) == 4.5);

    const std::string c = techconv_test::temp_path("bad.csv");
    techconv_test::write_file(c, "id,x\nP,1\nQ,\n");
    try {
        (void)tio::read_numeric_table(c);
        FAIL("no error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::bad_number);
        CHECK(e.line() == 3);
        CHECK(e.column() == 2);
        CHECK(e.field() == "x");
    }
}

TEST_CASE("weigh_table: the entropy method by hand, other methods as the weighting module") {
    // x = [0 0; 0 1; 0 1; 1 0]: e = [0, 0.5] (see keycore.test.cpp), w = [2/3, 1/3]
    techconv::matrix x(4, 2);
    x << 0, 0, 0, 1, 0, 1, 1, 0;
    ta::table_weight_options o;
    o.fraction = 0.5;
    const auto r = ta::weigh_table(x, o);
    CHECK(r.weights[0] == doctest::Approx(2.0 / 3.0));
    CHECK(r.entropy[1] == doctest::Approx(0.5));
    CHECK(r.scores[3] == doctest::Approx(2.0 / 3.0));
    CHECK(r.ranks[3] == 1);
    CHECK(r.k == 2);
    // a cost column is reflected: x' = (max - x) / (max - min)
    o.directions = {techconv::weighting::direction::cost, techconv::weighting::direction::benefit};
    const auto c = ta::weigh_table(x, o);
    // reflected first column [1, 1, 1, 0]: p = [1/3, 1/3, 1/3, 0], e = ln 3 / ln 4, d = 1 - e;
    // the second keeps d = 0.5, so w_0 = d / (d + 0.5)
    const double d0 = 1.0 - std::log(3.0) / std::log(4.0);
    CHECK(c.entropy[0] == doctest::Approx(std::log(3.0) / std::log(4.0)));
    CHECK(c.weights[0] == doctest::Approx(d0 / (d0 + 0.5)));
    CHECK(c.scores[3] == doctest::Approx(0.0));
    o.directions.clear();
    o.method = ta::weight_method::critic;
    const auto k = ta::weigh_table(x, o);
    const auto ref = techconv::weighting::critic_weights(x);
    CHECK(k.entropy.size() == 0);
    CHECK(k.weights[0] == doctest::Approx(ref.weights[0]));
    CHECK(ta::weight_method_from_string("std") == ta::weight_method::std_dev);
    CHECK_THROWS_AS(ta::weight_method_from_string("ahp"), techconv::invalid_argument);
}
