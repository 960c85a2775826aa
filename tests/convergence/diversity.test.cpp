// Tests of convergence/diversity.hpp and convergence/rao_stirling.hpp.
//
// Every index is checked twice: against values worked out by hand in the
// comments below, and against tests/convergence/diversity_reference.py, an
// independent implementation (scipy.stats.entropy for Shannon, numpy array
// algebra for the rest) run by the test, including zero counts, one category
// and empty input.
#include <doctest/doctest.h>

#include <techconv/convergence/diversity.hpp>
#include <techconv/convergence/rao_stirling.hpp>

#include "test_support.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/SparseCore>

namespace cv = techconv::convergence;
using techconv::status;
using techconv_test::close;

namespace {

std::string join(const std::vector<double>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) s += ',';
        s += std::to_string(v[i]);
    }
    return s;
}

// The 14 figures diversity_reference.py prints, in its order.
std::vector<double> ours(const std::vector<double>& x) {
    return {cv::richness(x),
            cv::shannon(x),
            cv::shannon_t{2.0}(x),
            cv::pielou(x),
            cv::simpson(x),
            cv::gini_simpson(x),
            cv::herfindahl_normalized(x),
            cv::hill_t{0.0}(x),
            cv::hill_t{0.5}(x),
            cv::hill(x),
            cv::hill_t{2.0}(x),
            cv::hill_t{3.0}(x),
            cv::hill_t{std::numeric_limits<double>::infinity()}(x),
            cv::hill_t{-1.0}(x)};
}

// Deterministic pseudo-random counts (a 64-bit LCG), some of them zero.
std::vector<double> lcg_counts(std::size_t n, std::uint64_t seed) {
    std::vector<double> v(n);
    for (auto& x : v) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        const auto r = static_cast<std::uint32_t>(seed >> 33);
        x = (r % 5 == 0) ? 0.0 : static_cast<double>(r % 1000);
    }
    return v;
}

}  // namespace

TEST_CASE("diversity: hand-computed values for counts {2, 1, 1}") {
    // p = (1/2, 1/4, 1/4).
    const std::vector<int> x{2, 1, 1};
    CHECK(cv::richness(x) == 3.0);
    // H = -(1/2 ln 1/2 + 2 * 1/4 ln 1/4) = 1/2 ln 2 + ln 2 = 1.5 ln 2 nats = 1.5 bits.
    CHECK(close(cv::shannon(x), 1.5 * std::log(2.0)));
    CHECK(close(cv::shannon_t{2.0}(x), 1.5));
    CHECK(close(cv::shannon_t{10.0}(x), 1.5 * std::log10(2.0)));
    // J = 1.5 ln 2 / ln 3.
    CHECK(close(cv::pielou(x), 1.5 * std::log(2.0) / std::log(3.0)));
    // lambda = 1/4 + 1/16 + 1/16 = 3/8; Gini-Simpson = Blau = 5/8.
    CHECK(close(cv::simpson(x), 0.375));
    CHECK(close(cv::gini_simpson(x), 0.625));
    CHECK(close(cv::blau(x), 0.625));
    CHECK(close(cv::herfindahl(x), 0.375));
    CHECK(close(cv::herfindahl_t{10000.0}(x), 3750.0));
    // HHI* = (3/8 - 1/3) / (1 - 1/3) = (1/24) / (2/3) = 1/16.
    CHECK(close(cv::herfindahl_normalized(x), 0.0625, 1e-12, 1e-15));
    // Hill: D0 = 3, D1 = exp(1.5 ln 2) = 2^1.5, D2 = 8/3, Dinf = 1/(1/2) = 2,
    // D_-1 = (2 + 4 + 4)^(1/2) = sqrt(10).
    CHECK(cv::hill_t{0.0}(x) == 3.0);
    CHECK(close(cv::hill(x), std::pow(2.0, 1.5)));
    CHECK(close(cv::hill_t{2.0}(x), 8.0 / 3.0));
    CHECK(close(cv::hill_t{std::numeric_limits<double>::infinity()}(x), 2.0));
    CHECK(close(cv::hill_t{-1.0}(x), std::sqrt(10.0)));
    // The limit q -> 1 of the power formula approaches D1.
    CHECK(close(cv::hill_t{1.0 + 1e-9}(x), std::pow(2.0, 1.5), 1e-7));
}

TEST_CASE("diversity: max_for_size(k) and the normalised value") {
    CHECK(cv::richness.max_for_size(5) == 5.0);
    CHECK(close(cv::shannon.max_for_size(4), std::log(4.0)));
    CHECK(close(cv::shannon_t{2.0}.max_for_size(8), 3.0));
    CHECK(cv::shannon.max_for_size(1) == 0.0);
    CHECK(cv::pielou.max_for_size(2) == 1.0);
    CHECK(cv::simpson.max_for_size(3) == 1.0);
    CHECK(close(cv::gini_simpson.max_for_size(4), 0.75));
    CHECK(cv::herfindahl_t{10000.0}.max_for_size(3) == 10000.0);
    CHECK(cv::hill_t{2.0}.max_for_size(7) == 7.0);
    CHECK(cv::richness.max_for_size(0) == 0.0);

    // The uniform distribution reaches each maximum.
    const std::array<int, 4> uniform{3, 3, 3, 3};
    CHECK(close(cv::shannon(uniform), cv::shannon.max_for_size(4)));
    CHECK(close(cv::gini_simpson(uniform), cv::gini_simpson.max_for_size(4)));
    CHECK(close(cv::hill_t{2.0}(uniform), 4.0));
    CHECK(close(cv::hill_t{0.5}(uniform), 4.0));

    // diversity(): normalised Shannon over the observed richness is Pielou's J.
    const std::vector<int> x{2, 1, 1, 0};
    const auto d = cv::diversity(x, cv::shannon);
    CHECK(d.info == status::ok);
    CHECK(d.categories == 3);
    CHECK(d.observed == 3);
    CHECK(d.total == 4.0);
    CHECK(close(d.normalized, cv::pielou(x)));
    // Declared basis counts the zero entry: k = 4, max ln 4.
    cv::diversity_options declared;
    declared.basis = cv::category_basis::declared;
    const auto d4 = cv::diversity(x, cv::shannon, declared);
    CHECK(d4.categories == 4);
    CHECK(close(d4.normalized, 1.5 * std::log(2.0) / std::log(4.0)));
}

TEST_CASE("diversity: degenerate input never gives NaN") {
    const std::vector<double> empty;
    const std::vector<double> zeros{0.0, 0.0, 0.0};
    const std::vector<double> one{7.0};
    const std::vector<double> one_with_zeros{0.0, 7.0, 0.0};
    for (const auto* v : {&empty, &zeros}) {
        for (double value : ours(*v)) CHECK(value == 0.0);
        const auto d = cv::diversity(*v, cv::shannon);
        CHECK(d.info == status::empty_input);
        CHECK(d.value == 0.0);
        CHECK(d.normalized == 0.0);
    }
    for (const auto* v : {&one, &one_with_zeros}) {
        CHECK(cv::richness(*v) == 1.0);
        CHECK(cv::shannon(*v) == 0.0);
        CHECK(cv::pielou(*v) == 0.0);  // undefined evenness reported as 0
        CHECK(cv::simpson(*v) == 1.0);
        CHECK(cv::gini_simpson(*v) == 0.0);
        CHECK(cv::herfindahl_normalized(*v) == 1.0);  // a monopoly
        CHECK(cv::hill_t{2.0}(*v) == 1.0);
        CHECK(cv::hill_t{-std::numeric_limits<double>::infinity()}(*v) == 1.0);
        const auto d = cv::diversity(*v, cv::shannon);
        CHECK(d.info == status::zero_denominator);
        CHECK(d.normalized == 0.0);
        const auto g = cv::diversity(*v, cv::gini_simpson);
        CHECK(g.info == status::zero_denominator);  // max 1 - 1/1 = 0
    }
    // The declared basis gives HHI* relative to all three entries: (1 - 1/3)/(1 - 1/3) = 1.
    CHECK(close(cv::herfindahl_normalized_t{cv::category_basis::declared}(one_with_zeros), 1.0));
}

TEST_CASE("diversity: misuse throws invalid_argument") {
    CHECK_THROWS_AS(cv::shannon(std::vector<double>{1.0, -1.0}), techconv::invalid_argument);
    CHECK_THROWS_AS(cv::simpson(std::vector<double>{1.0, std::nan("")}), techconv::invalid_argument);
    CHECK_THROWS_AS(cv::richness(std::vector<double>{std::numeric_limits<double>::infinity()}),
                    techconv::invalid_argument);
    CHECK_THROWS_AS(cv::shannon_t{1.0}(std::vector<int>{1, 2}), techconv::invalid_argument);
    CHECK_THROWS_AS(cv::shannon_t{-2.0}(std::vector<int>{1, 2}), techconv::invalid_argument);
    CHECK_THROWS_AS(cv::hill_t{std::nan("")}(std::vector<int>{1, 2}), techconv::invalid_argument);
    CHECK_THROWS_AS(cv::herfindahl_t{0.0}(std::vector<int>{1, 2}), techconv::invalid_argument);
}

TEST_CASE("diversity: every index agrees with scipy/numpy (diversity_reference.py)") {
    const std::vector<std::vector<double>> cases{
        {2, 1, 1},          {}, {7}, {0, 4, 0, 4, 2}, {0, 0}, {15, 9, 8, 7, 6, 5},
        {1, 1, 1, 1, 1},    {1000, 1, 1},  {0, 0, 3},
        lcg_counts(50, 1), lcg_counts(300, 7)};
    std::vector<std::string> args{"indices"};
    for (const auto& c : cases) args.push_back(join(c));
    const auto ref = techconv_test::parse_numbers(techconv_test::run_python("convergence/diversity_reference.py", args));
    REQUIRE(ref.size() == cases.size() * 14);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto mine = ours(cases[i]);
        for (std::size_t j = 0; j < mine.size(); ++j) {
            INFO("case " << i << ", figure " << j);
            CHECK(close(mine[j], ref[i * 14 + j], 1e-10, 1e-13));
        }
    }
    // Eigen vectors are accepted like std::vector.
    const Eigen::VectorXd e = Eigen::Map<const Eigen::VectorXd>(cases[5].data(), 6);
    CHECK(cv::shannon(e) == cv::shannon(cases[5]));
}

TEST_CASE("rao_stirling: hand-computed values") {
    // p = (1/2, 1/4, 1/4); d01 = 1, d02 = 0.5, d12 = 0.2.
    // Ordered pairs: 2 (1 * 1/8 + 0.5 * 1/8 + 0.2 * 1/16) = 2 * 0.2 = 0.4; unordered 0.2.
    techconv::matrix d(3, 3);
    d << 0, 1, 0.5, 1, 0, 0.2, 0.5, 0.2, 0;
    const std::vector<int> x{2, 1, 1};
    const cv::rao_stirling_t rs(d);
    CHECK(close(rs(x), 0.4));
    cv::rao_stirling_options half;
    half.pairs = cv::pair_sum::unordered;
    CHECK(close(cv::rao_stirling_t(d, half)(x), 0.2));
    // With every d = 1 it is the Gini-Simpson index; its maximum is 1 - 1/k.
    const techconv::matrix ones = techconv::matrix::Ones(3, 3);
    CHECK(close(cv::rao_stirling_t(ones)(x), cv::gini_simpson(x)));
    CHECK(close(rs.max_for_size(3), 2.0 / 3.0));
    CHECK(close(cv::rao_stirling_t(ones)(std::vector<int>{1, 1, 1}), rs.max_for_size(3)));
    // Degenerate: empty and one category give 0.
    CHECK(rs(std::vector<int>{0, 0, 0}) == 0.0);
    CHECK(rs(std::vector<int>{0, 5, 0}) == 0.0);
    const auto r1 = cv::diversity(std::vector<int>{0, 5, 0}, rs);
    CHECK(r1.info == status::zero_denominator);
    // Misuse.
    CHECK_THROWS_AS(rs(std::vector<int>{1, 2}), techconv::invalid_argument);
    CHECK_THROWS_AS(cv::rao_stirling_t(techconv::matrix::Zero(2, 3)), techconv::invalid_argument);
    techconv::matrix bad = d;
    bad(0, 1) = -1.0;
    CHECK_THROWS_AS(cv::rao_stirling_t{bad}, techconv::invalid_argument);
}

TEST_CASE("cosine_dissimilarity: hand values, dense = sparse, and numpy") {
    // C = [[4,2,0],[2,3,1],[0,1,1]]: Salton s01 = 2/sqrt(12), s02 = 0, s12 = 1/sqrt(3).
    techconv::matrix c(3, 3);
    c << 4, 2, 0, 2, 3, 1, 0, 1, 1;
    const auto occ = cv::cosine_dissimilarity(c);
    CHECK(occ.info == status::ok);
    CHECK(close(occ.distance(0, 1), 1.0 - 2.0 / std::sqrt(12.0)));
    CHECK(occ.distance(0, 2) == 1.0);
    CHECK(close(occ.distance(2, 1), 1.0 - 1.0 / std::sqrt(3.0)));
    CHECK(occ.distance(1, 1) == 0.0);
    // Profile cosine of rows 0 and 2: <(4,2,0),(0,1,1)> = 2, |r0| = sqrt(20), |r2| = sqrt(2).
    cv::dissimilarity_options prof;
    prof.basis = cv::cosine_basis::profile;
    const auto pro = cv::cosine_dissimilarity(c, prof);
    CHECK(close(pro.distance(0, 2), 1.0 - 2.0 / std::sqrt(40.0)));

    const Eigen::SparseMatrix<double> sc = c.sparseView();
    CHECK(cv::cosine_dissimilarity(sc).distance.isApprox(occ.distance, 1e-15));
    CHECK(cv::cosine_dissimilarity(sc, prof).distance.isApprox(pro.distance, 1e-14));

    const auto ref = techconv_test::parse_numbers(
        techconv_test::run_python("convergence/diversity_reference.py", {"cos", "3", "4,2,0,2,3,1,0,1,1"}));
    REQUIRE(ref.size() == 18);
    for (int i = 0; i < 9; ++i) {
        CHECK(close(occ.distance(i / 3, i % 3), ref[static_cast<std::size_t>(i)], 1e-12, 1e-15));
        CHECK(close(pro.distance(i / 3, i % 3), ref[static_cast<std::size_t>(9 + i)], 1e-12, 1e-15));
    }

    // A category that never occurs is at distance 1 and reported.
    techconv::matrix z = c;
    z.row(2).setZero();
    z.col(2).setZero();
    const auto zd = cv::cosine_dissimilarity(z);
    CHECK(zd.info == status::zero_denominator);
    CHECK(zd.empty_categories == 1);
    CHECK(zd.distance(0, 2) == 1.0);
    CHECK(zd.distance(2, 2) == 0.0);
    CHECK_THROWS_AS(cv::cosine_dissimilarity(techconv::matrix::Zero(2, 3)), techconv::invalid_argument);
}

TEST_CASE("rao_stirling: agrees with numpy quadratic forms (diversity_reference.py)") {
    // A 6-category co-occurrence matrix (symmetric, occurrences on the diagonal) and an
    // asymmetric user dissimilarity with entries in [0, 1].
    const std::vector<double> cv_{9, 3, 1, 0, 2, 0,  3, 7, 2, 1, 0, 0,  1, 2, 5, 0, 0, 1,
                                  0, 1, 0, 4, 1, 0,  2, 0, 0, 1, 6, 2,  0, 0, 1, 0, 2, 3};
    const std::vector<double> dv{0,   0.9, 0.4, 1,   0.3, 0.8, 0.8, 0,   0.6, 0.2, 0.5, 1,
                                 0.4, 0.7, 0,   0.9, 0.1, 0.3, 1,   0.2, 0.9, 0,   0.6, 0.4,
                                 0.3, 0.5, 0.2, 0.6, 0,   0.7, 0.8, 1,   0.3, 0.5, 0.7, 0};
    const techconv::row_matrix c = Eigen::Map<const techconv::row_matrix>(cv_.data(), 6, 6);
    const techconv::row_matrix d = Eigen::Map<const techconv::row_matrix>(dv.data(), 6, 6);
    const techconv::matrix cm = c;
    const techconv::matrix dm = d;
    const std::vector<std::vector<double>> xs{
        {5, 3, 0, 2, 7, 1}, {0, 0, 0, 0, 0, 0}, {0, 0, 4, 0, 0, 0}, {1, 1, 1, 1, 1, 1}, {0, 2, 0, 0, 9, 0}};
    std::vector<std::string> args{"rao", "6", join(cv_), join(dv)};
    for (const auto& x : xs) args.push_back(join(x));
    const auto ref = techconv_test::parse_numbers(techconv_test::run_python("convergence/diversity_reference.py", args));
    REQUIRE(ref.size() == xs.size() * 5);

    cv::rao_stirling_options un;
    un.pairs = cv::pair_sum::unordered;
    cv::rao_stirling_options ab;
    ab.alpha = 2.0;
    ab.beta = 0.5;
    cv::dissimilarity_options prof;
    prof.basis = cv::cosine_basis::profile;
    const cv::rao_stirling_t plain(dm), half(dm, un), occ(cv::cosine_dissimilarity(cm).distance),
        pro(cv::cosine_dissimilarity(cm, prof).distance), gen(dm, ab);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        INFO("vector " << i);
        CHECK(close(plain(xs[i]), ref[i * 5 + 0], 1e-12, 1e-15));
        CHECK(close(half(xs[i]), ref[i * 5 + 1], 1e-12, 1e-15));
        CHECK(close(occ(xs[i]), ref[i * 5 + 2], 1e-12, 1e-15));
        CHECK(close(pro(xs[i]), ref[i * 5 + 3], 1e-12, 1e-15));
        CHECK(close(gen(xs[i]), ref[i * 5 + 4], 1e-12, 1e-15));
    }
}

TEST_CASE("rao_stirling_occurrence_cosine: the dense route's value, without the k x k matrix") {
    // The 6-category co-occurrence matrix of the numpy test above: the sparse route must
    // give exactly (==, same terms in the same order) what rao_stirling_t gives with
    // cosine_dissimilarity's matrix, and agree with numpy (diversity_reference.py).
    const std::vector<double> cv_{9, 3, 1, 0, 2, 0,  3, 7, 2, 1, 0, 0,  1, 2, 5, 0, 0, 1,
                                  0, 1, 0, 4, 1, 0,  2, 0, 0, 1, 6, 2,  0, 0, 1, 0, 2, 3};
    const techconv::matrix cm = Eigen::Map<const techconv::row_matrix>(cv_.data(), 6, 6);
    const std::vector<std::vector<double>> xs{
        {5, 3, 0, 2, 7, 1}, {0, 0, 0, 0, 0, 0}, {0, 0, 4, 0, 0, 0}, {1, 1, 1, 1, 1, 1}, {0, 2, 0, 0, 9, 0}};
    std::vector<std::string> args{"rao", "6", join(cv_), join(cv_)};
    for (const auto& x : xs) args.push_back(join(x));
    const auto ref = techconv_test::parse_numbers(techconv_test::run_python("convergence/diversity_reference.py", args));
    REQUIRE(ref.size() == xs.size() * 5);
    const Eigen::SparseMatrix<double, Eigen::RowMajor> sc = cm.sparseView();
    const cv::rao_stirling_t dense(cv::cosine_dissimilarity(cm).distance);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        INFO("vector " << i);
        const double v = cv::rao_stirling_occurrence_cosine(xs[i], sc);
        CHECK(v == dense(xs[i]));
        CHECK(close(v, ref[i * 5 + 2], 1e-12, 1e-15));
    }
    // Hand value: counts {1, 1} over C = [[2,1],[1,1]]: d = 1 - 1/sqrt(2), two ordered pairs
    // of p = 1/2: 2 d / 4.
    techconv::matrix two(2, 2);
    two << 2, 1, 1, 1;
    const Eigen::SparseMatrix<double, Eigen::RowMajor> s2 = two.sparseView();
    CHECK(close(cv::rao_stirling_occurrence_cosine(std::vector<double>{1, 1}, s2), 0.5 * (1.0 - 1.0 / std::sqrt(2.0))));

    // Larger pseudo-random symmetric counts (about 70 % zero off the diagonal, some
    // categories that never occur: distance 1) against the dense route, bit for bit.
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const std::size_t k = 40 + 7 * static_cast<std::size_t>(seed);
        const auto raw = lcg_counts(k * k, seed);
        const auto diag = lcg_counts(k, seed + 100);
        techconv::matrix c = techconv::matrix::Zero(static_cast<techconv::index>(k), static_cast<techconv::index>(k));
        for (std::size_t i = 0; i < k; ++i) {
            const auto ii = static_cast<techconv::index>(i);
            c(ii, ii) = diag[i];
            for (std::size_t j = 0; j < i; ++j) {
                const auto jj = static_cast<techconv::index>(j);
                const double x = (static_cast<std::uint64_t>(raw[i * k + j]) % 10 < 3) ? raw[i * k + j] : 0.0;
                c(ii, jj) = c(jj, ii) = (diag[i] > 0 && diag[j] > 0) ? x : 0.0;
            }
        }
        const auto counts = lcg_counts(k, seed + 200);
        const Eigen::SparseMatrix<double, Eigen::RowMajor> s = c.sparseView();
        INFO("seed " << seed);
        CHECK(cv::rao_stirling_occurrence_cosine(counts, s) == cv::rao_stirling_t(cv::cosine_dissimilarity(c).distance)(counts));
    }
    const Eigen::SparseMatrix<double, Eigen::RowMajor> rect(2, 3);
    CHECK_THROWS_AS(cv::rao_stirling_occurrence_cosine(std::vector<double>{1, 1}, rect), techconv::invalid_argument);
    CHECK_THROWS_AS(cv::rao_stirling_occurrence_cosine(std::vector<double>{1, 1, 1}, s2), techconv::invalid_argument);
}
