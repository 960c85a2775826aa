// Tests of normalisation and of the objective weights other than entropy
// (standard deviation, coefficient of variation, CRITIC, MEREC, equal).
// Every expected value is computed by hand in the comments next to it.
#include <doctest/doctest.h>

#include <techconv/weighting/normalize.hpp>
#include <techconv/weighting/objective.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace w = techconv::weighting;
using techconv::matrix;
using techconv::status;
using techconv::vector;
using techconv_test::close;

TEST_CASE("normalize: min-max benefit and cost, sum, vector, none, shift") {
    matrix x(3, 2);
    x << 0, 3, 1, 4, 3, 0;
    const matrix mm = w::normalize(x);
    // column 0: (x - 0) / 3; column 1: (x - 0) / 4
    CHECK(mm.col(0).isApprox(Eigen::Vector3d(0, 1.0 / 3, 1)));
    CHECK(mm.col(1).isApprox(Eigen::Vector3d(0.75, 1, 0)));
    w::normalize_options o;
    o.directions = {w::direction::cost, w::direction::benefit};
    // cost: (3 - x) / 3 = 1, 2/3, 0
    CHECK(w::normalize(x, o).col(0).isApprox(Eigen::Vector3d(1, 2.0 / 3, 0)));
    o.directions.clear();
    o.method = w::normalization::sum;  // x / 4 and x / 7
    CHECK(w::normalize(x, o).col(1).isApprox(Eigen::Vector3d(3.0 / 7, 4.0 / 7, 0)));
    o.method = w::normalization::vector;  // (3, 4, 0) / 5
    CHECK(w::normalize(x, o).col(1).isApprox(Eigen::Vector3d(0.6, 0.8, 0)));
    o.method = w::normalization::none;
    o.shift = 0.5;
    CHECK(w::normalize(x, o).col(1).isApprox(Eigen::Vector3d(3.5, 4.5, 0.5)));
    o.shift = -1.0;
    CHECK_THROWS_AS(w::normalize(x, o), std::invalid_argument);
    // a constant column is mapped to the shift and listed
    matrix c = matrix::Constant(3, 1, 9.0);
    const auto map = w::make_normalization_map(w::compute_column_stats(c));
    CHECK(map.constant_columns == std::vector<techconv::index>{0});
    CHECK(w::normalize(c).isZero(0.0));
}

namespace {
// x' columns (0, 1/3, 1) and (0, 0, 1), from x = (0, 1, 3) and (2, 2, 5) under min-max.
matrix two_columns() {
    matrix x(3, 2);
    x << 0, 2, 1, 2, 3, 5;
    return x;
}
}  // namespace

TEST_CASE("std_dev_weights and cv_weights by hand") {
    // column 0: mean 4/9, var = (16 + 1 + 25)/81 / 3 = 14/81, sigma = sqrt(14)/9
    // column 1: mean 1/3, var = (1/9 + 1/9 + 4/9) / 3 = 2/9,  sigma = sqrt(2)/3
    const double s0 = std::sqrt(14.0) / 9, s1 = std::sqrt(2.0) / 3;
    const auto sd = w::std_dev_weights(two_columns());
    CHECK(close(sd.criterion(0), s0, 1e-14));
    CHECK(close(sd.weights(0), s0 / (s0 + s1), 1e-14));
    CHECK(sd.info == status::ok);
    // CV: sigma / mean = (sqrt(14)/9)/(4/9) = sqrt(14)/4 and (sqrt(2)/3)/(1/3) = sqrt(2)
    const double v0 = std::sqrt(14.0) / 4, v1 = std::sqrt(2.0);
    const auto cv = w::cv_weights(two_columns());
    CHECK(close(cv.weights(1), v1 / (v0 + v1), 1e-14));
}

TEST_CASE("critic_weights by hand") {
    // deviations (-4/9, -1/9, 5/9) and (-1/3, -1/3, 2/3): covariance (4 + 1 + 10)/27 / 3 = 5/27
    // r = (5/27) / (sqrt(14)/9 * sqrt(2)/3) = 5 / sqrt(28); C_j = sigma_j (1 - r)
    const double s0 = std::sqrt(14.0) / 9, s1 = std::sqrt(2.0) / 3, r = 5.0 / std::sqrt(28.0);
    const auto c = w::critic_weights(two_columns());
    CHECK(close(c.criterion(0), s0 * (1 - r), 1e-13));
    CHECK(close(c.weights(0), s0 / (s0 + s1), 1e-13));  // (1 - r) cancels
    const matrix corr = w::correlation_matrix(two_columns());
    CHECK(close(corr(0, 1), r, 1e-14));
    // a cost column flips the sign of its correlations: C_j = sigma_j (1 + r)
    w::objective_options o;
    o.directions = {w::direction::benefit, w::direction::cost};
    CHECK(close(w::critic_weights(two_columns(), o).criterion(0), s0 * (1 + r), 1e-13));
    // a constant column: weight 0, correlation 0
    matrix x(3, 3);
    x << 0, 2, 7, 1, 2, 7, 3, 5, 7;
    const auto k = w::critic_weights(x);
    CHECK(k.weights(2) == 0.0);
    CHECK(k.info == status::degenerate_columns);
    CHECK(close(k.criterion(0), s0 * (1 - r + 1), 1e-13));  // 1 - r_{02} with r_{02} = 0
}

TEST_CASE("merec_weights by hand") {
    // a = (1, 2, 4) benefit: n = min/x = 1, 1/2, 1/4 -> |ln n| = 0, ln2, 2 ln2
    // b = (2, 1, 1) cost:    n = x/max = 1, 1/2, 1/2 -> |ln n| = 0, ln2, ln2
    // row 0: every term 0. row 1: S = ln(1 + ln2), S'_a = S'_b = ln(1 + ln2/2).
    // row 2: S = ln(1 + 1.5 ln2), S'_a = ln(1 + ln2/2), S'_b = ln(1 + ln2).
    matrix x(3, 2);
    x << 1, 2, 2, 1, 4, 1;
    w::objective_options o;
    o.directions = {w::direction::benefit, w::direction::cost};
    const auto r = w::merec_weights(x, o);
    const double l2 = std::log(2.0);
    const double s1 = std::log(1 + l2), s2 = std::log(1 + 1.5 * l2), h = std::log(1 + l2 / 2);
    const double ea = std::fabs(h - s1) + std::fabs(h - s2);
    const double eb = std::fabs(h - s1) + std::fabs(s1 - s2);
    CHECK(close(r.criterion(0), ea, 1e-14));
    CHECK(close(r.criterion(1), eb, 1e-14));
    CHECK(close(r.weights(0), ea / (ea + eb), 1e-14));
    x(1, 1) = 0.0;
    try {
        w::merec_weights(x, o);
        FAIL("no throw");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("row 1, column 1") != std::string::npos);
    }
}

TEST_CASE("objective weights: equal, degenerate, threads") {
    CHECK(w::equal_weights(4).isApprox(vector::Constant(4, 0.25)));
    CHECK(w::equal_weights(0).size() == 0);
    const matrix c = matrix::Constant(4, 2, 1.0);
    CHECK(w::std_dev_weights(c).info == status::all_degenerate);
    CHECK(w::cv_weights(c).weights.isApprox(vector::Constant(2, 0.5)));
    CHECK(w::merec_weights(c).info == status::all_degenerate);
    CHECK(w::critic_weights(matrix(1, 2).setOnes()).info == status::too_few_records);
    // CRITIC and MEREC reduce per chunk in chunk order: same bits for any thread count
    matrix x = matrix::Random(5001, 4).array() + 2.0;
    w::objective_options o;
    o.chunk_rows = 700;
    const auto a = w::critic_weights(x, o), m1 = w::merec_weights(x, o);
    o.threads = 3;
    const auto b = w::critic_weights(x, o), m3 = w::merec_weights(x, o);
    CHECK((a.weights.array() == b.weights.array()).all());
    CHECK((m1.weights.array() == m3.weights.array()).all());
}
