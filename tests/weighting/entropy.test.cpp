// Tests of the entropy weight method, the column statistics it rests on, and
// the streaming API: hand-computed cases for every policy (the arithmetic is
// written next to each expectation), every degenerate input, and the
// determinism guarantees (thread count, storage order, merge order, streaming).
#include <doctest/doctest.h>

#include <techconv/weighting/column_stats.hpp>
#include <techconv/weighting/entropy.hpp>
#include <techconv/weighting/pipeline.hpp>
#include <techconv/weighting/stream.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace w = techconv::weighting;
using techconv::matrix;
using techconv::row_matrix;
using techconv::status;
using techconv::vector;
using techconv_test::close;

namespace {

// -sum p ln p / ln n over the given proportions, for the hand computations.
double entropy_of(const std::vector<double>& p) {
    double h = 0.0;
    for (const double q : p)
        if (q > 0.0) h -= q * std::log(q);
    return h / std::log(static_cast<double>(p.size()));
}

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

// A mixed test matrix: heavy-tailed counts with zeros (columns 0-2), a real
// column with minimum 0 (3), a real column with minimum > 0 (4).
matrix mixed(techconv::index n, unsigned seed) {
    std::mt19937_64 gen(seed);
    std::geometric_distribution<int> geo(0.3);
    std::lognormal_distribution<double> ln(0.0, 1.0);
    std::bernoulli_distribution zero(0.3);
    matrix x(n, 5);
    for (techconv::index i = 0; i < n; ++i) {
        x(i, 0) = geo(gen);
        x(i, 1) = geo(gen) * geo(gen);
        x(i, 2) = (i % 97 == 0) ? 5000 + geo(gen) : geo(gen);  // some values beyond the dense range
        x(i, 3) = zero(gen) ? 0.0 : ln(gen);
        x(i, 4) = 1.5 + ln(gen);
    }
    return x;
}

}  // namespace

TEST_CASE("entropy: [KCT] default pipeline on a 3 x 2 matrix, by hand") {
    // column 0: x = 0, 1, 3 -> x' = 0, 1/3, 1 -> S = 4/3 -> p = 0, 1/4, 3/4
    // column 1: x = 2, 2, 5 -> x' = 0, 0, 1 -> p = 0, 0, 1 -> e = 0, d = 1
    matrix x(3, 2);
    x << 0, 2, 1, 2, 3, 5;
    const auto r = w::entropy_weights(x);
    const double e0 = -(0.25 * std::log(0.25) + 0.75 * std::log(0.75)) / std::log(3.0);
    CHECK(close(r.entropy(0), e0, 1e-14));
    CHECK(r.entropy(1) == doctest::Approx(0.0).epsilon(1e-15));
    const double d0 = 1.0 - e0, d1 = 1.0;
    CHECK(close(r.weights(0), d0 / (d0 + d1), 1e-14));
    CHECK(close(r.weights(1), d1 / (d0 + d1), 1e-14));
    CHECK(close(r.divergence(0), d0, 1e-14));
    CHECK(r.info == status::ok);
    CHECK(r.degenerate_columns.empty());
    CHECK(r.histogram_columns == 2);  // both integer-valued: no log per element
    CHECK(r.data_reads == 1);
    CHECK(close(r.weights.sum(), 1.0, 1e-15));
}

TEST_CASE("entropy: every policy by hand") {
    matrix x(4, 1);
    x << 1, 2, 3, 4;
    SUBCASE("min-max, 0 ln 0 = 0: x' = 0, 1/3, 2/3, 1 -> p = 0, 1/6, 2/6, 3/6") {
        const auto r = w::entropy_weights(x);
        CHECK(close(r.entropy(0), entropy_of({0, 1.0 / 6, 2.0 / 6, 3.0 / 6}), 1e-14));
    }
    SUBCASE("min-max then shift 0.01: x' = .01, .34333, .67667, 1.01, S = 2.04") {
        w::entropy_options o;
        o.zeros = w::zero_policy::shift;
        o.epsilon = 0.01;
        const auto r = w::entropy_weights(x, o);
        const double s = 0.01 + (1.0 / 3 + 0.01) + (2.0 / 3 + 0.01) + 1.01;
        CHECK(close(r.entropy(0),
                    entropy_of({0.01 / s, (1.0 / 3 + 0.01) / s, (2.0 / 3 + 0.01) / s, 1.01 / s}), 1e-14));
    }
    SUBCASE("sum normalisation (no min-max): p = x / 10 = .1, .2, .3, .4") {
        w::entropy_options o;
        o.norm = w::normalization::sum;
        const auto r = w::entropy_weights(x, o);
        CHECK(close(r.entropy(0), entropy_of({0.1, 0.2, 0.3, 0.4}), 1e-14));
    }
    SUBCASE("cost column under min-max: x' = (4 - x)/3 = 1, 2/3, 1/3, 0 -> p = 3/6, 2/6, 1/6, 0") {
        w::entropy_options o;
        o.directions = {w::direction::cost};
        const auto r = w::entropy_weights(x, o);
        CHECK(close(r.entropy(0), entropy_of({0.5, 2.0 / 6, 1.0 / 6, 0.0}), 1e-14));
        CHECK(r.map.scale(0) == doctest::Approx(-1.0 / 3));
    }
    SUBCASE("cost column under sum: reflected 4 - x = 3, 2, 1, 0 -> p = .5, 1/3, 1/6, 0") {
        w::entropy_options o;
        o.norm = w::normalization::sum;
        o.directions = {w::direction::cost};
        const auto r = w::entropy_weights(x, o);
        CHECK(close(r.entropy(0), entropy_of({0.5, 2.0 / 6, 1.0 / 6, 0.0}), 1e-14));
    }
    SUBCASE("vector and none give the same p as sum for a benefit column") {
        w::entropy_options o;
        o.norm = w::normalization::vector;
        const double ev = w::entropy_weights(x, o).entropy(0);
        o.norm = w::normalization::none;
        const double en = w::entropy_weights(x, o).entropy(0);
        CHECK(close(ev, entropy_of({0.1, 0.2, 0.3, 0.4}), 1e-14));
        CHECK(close(en, entropy_of({0.1, 0.2, 0.3, 0.4}), 1e-14));
    }
}

TEST_CASE("entropy: histogram path, speculative x ln x and the log pass agree") {
    const matrix x = mixed(3001, 7);
    for (const auto zeros : {w::zero_policy::zero_log_zero, w::zero_policy::shift}) {
        for (const auto norm : {w::normalization::min_max, w::normalization::sum}) {
            w::entropy_options a;
            a.zeros = zeros;
            a.norm = norm;
            a.directions = {w::direction::benefit, w::direction::cost, w::direction::benefit,
                            w::direction::benefit, w::direction::cost};
            w::entropy_options b = a;
            b.path = w::entropy_path::per_element;
            const auto ra = w::entropy_weights(x, a);
            const auto rb = w::entropy_weights(x, b);
            CHECK(ra.histogram_columns == 3);
            CHECK(rb.histogram_columns == 0);
            // Both paths round differently (a sum over n elements vs over distinct
            // values): e agrees to ~sqrt(n) eps ln(S) / ln(n), about 1e-14, and
            // d = 1 - e (so w) inherits that absolute error: relative 1e-13 / d.
            for (int j = 0; j < 5; ++j) {
                CHECK(close(ra.entropy(j), rb.entropy(j), 1e-13));
                CHECK(close(ra.divergence(j), rb.divergence(j), 0.0, 1e-13));
                CHECK(close(ra.weights(j), rb.weights(j), 1e-13 / ra.divergence(j)));
            }
        }
    }
    // Default policy: the real column with minimum 0 (3) needs no second read,
    // the one with minimum 1.5+ (4) does.
    const auto r = w::entropy_weights(x);
    CHECK(r.data_reads == 2);
    const auto r3 = w::entropy_weights(x.leftCols(4));
    CHECK(r3.data_reads == 1);
}

TEST_CASE("entropy: degenerate input") {
    SUBCASE("a constant column: e = 1, weight 0, reported") {
        matrix x(3, 2);
        x << 0, 7, 1, 7, 3, 7;
        const auto r = w::entropy_weights(x);
        CHECK(r.weights(1) == 0.0);
        CHECK(r.entropy(1) == 1.0);
        CHECK(r.divergence(1) == 0.0);
        CHECK(r.weights(0) == 1.0);
        CHECK(r.degenerate_columns == std::vector<techconv::index>{1});
        CHECK(r.info == status::degenerate_columns);
    }
    SUBCASE("a constant column with the shift policy is still exactly degenerate") {
        matrix x(3, 2);
        x << 0, 7, 1, 7, 3, 7;
        w::entropy_options o;
        o.zeros = w::zero_policy::shift;
        const auto r = w::entropy_weights(x, o);
        CHECK(r.weights(1) == 0.0);
        CHECK(r.degenerate_columns.size() == 1);
    }
    SUBCASE("all columns constant: all_degenerate, fallback equal or zero") {
        matrix x = matrix::Constant(5, 3, 2.0);
        auto r = w::entropy_weights(x);
        CHECK(r.info == status::all_degenerate);
        CHECK(r.weights.isApprox(vector::Constant(3, 1.0 / 3)));
        CHECK(r.degenerate_columns.size() == 3);
        w::entropy_options o;
        o.fallback = w::degenerate_fallback::zero_weights;
        r = w::entropy_weights(x, o);
        CHECK(r.weights.isZero(0.0));
    }
    SUBCASE("n = 1: ln n = 0, too_few_records") {
        matrix x(1, 2);
        x << 3, 4;
        const auto r = w::entropy_weights(x);
        CHECK(r.info == status::too_few_records);
        CHECK(r.weights.isApprox(vector::Constant(2, 0.5)));
        CHECK(r.entropy.allFinite());
    }
    SUBCASE("n = 0 and m = 0: empty_input") {
        const auto r0 = w::entropy_weights(matrix(0, 3));
        CHECK(r0.info == status::empty_input);
        CHECK(r0.weights.size() == 3);
        CHECK(r0.weights.allFinite());
        const auto r1 = w::entropy_weights(matrix(4, 0));
        CHECK(r1.info == status::empty_input);
        CHECK(r1.weights.size() == 0);
    }
    SUBCASE("NaN and infinity: an error naming row and column") {
        matrix x = matrix::Ones(5, 3);
        x(0, 0) = 2;
        x(3, 2) = std::numeric_limits<double>::quiet_NaN();
        x(4, 1) = std::numeric_limits<double>::infinity();
        CHECK(message_of([&] { w::entropy_weights(x); }).find("row 3, column 2") != std::string::npos);
        row_matrix xr = x;
        CHECK(message_of([&] { w::entropy_weights(xr); }).find("row 3, column 2") != std::string::npos);
        x(3, 2) = 1.5;  // now only the infinity remains (row 4 of a real column)
        CHECK(message_of([&] { w::entropy_weights(x); }).find("(inf) at row 4, column 1") != std::string::npos);
    }
    SUBCASE("negative values: allowed by min-max, an error (row and column) for sum/vector/none") {
        matrix x(3, 2);
        x << 1, 2, -4, 3, 5, -1;
        CHECK_NOTHROW(w::entropy_weights(x));
        w::entropy_options o;
        o.norm = w::normalization::sum;
        const std::string m = message_of([&] { w::entropy_weights(x, o); });
        CHECK(m.find("row 1, column 0") != std::string::npos);
        o.directions = {w::direction::cost, w::direction::cost};  // reflected: max - x >= 0
        CHECK_NOTHROW(w::entropy_weights(x, o));
    }
    SUBCASE("bad options") {
        matrix x = matrix::Ones(3, 2);
        w::entropy_options o;
        o.directions = {w::direction::cost};
        CHECK_THROWS_AS(w::entropy_weights(x, o), std::invalid_argument);
        o.directions.clear();
        o.zeros = w::zero_policy::shift;
        o.epsilon = 0.0;
        CHECK_THROWS_AS(w::entropy_weights(x, o), std::invalid_argument);
    }
}

TEST_CASE("entropy: never a NaN, also for extreme but finite data") {
    matrix x(4, 3);
    x << 1e300, 0, 1e-300, -1e300, 0, 2e-300, 0, 0, 3e-300, 5, 1, 4e-300;
    const auto r = w::entropy_weights(x);
    CHECK(r.weights.allFinite());
    CHECK(r.entropy.allFinite());
    CHECK(close(r.weights.sum(), 1.0, 1e-14));
}

TEST_CASE("entropy: bit-identical for 1, 2, 3 and 8 threads, storage orders and float agree") {
    const matrix x = mixed(10007, 11);
    w::key_core_options o;
    o.entropy.chunk_rows = 1000;
    o.entropy.threads = 1;
    const auto r1 = w::key_core(x, o);
    for (const int t : {2, 3, 8}) {
        o.entropy.threads = t;
        const auto rt = w::key_core(x, o);
        CHECK((rt.weighting.weights.array() == r1.weighting.weights.array()).all());
        CHECK((rt.weighting.entropy.array() == r1.weighting.entropy.array()).all());
        CHECK((rt.scores.array() == r1.scores.array()).all());
        CHECK(rt.top.indices == r1.top.indices);
    }
    o.entropy.threads = 2;
    const row_matrix xr = x;
    const auto rr = w::key_core(xr, o);
    for (int j = 0; j < 5; ++j) CHECK(close(rr.weighting.weights(j), r1.weighting.weights(j), 1e-13));
    CHECK(rr.scores.isApprox(r1.scores, 1e-13));
    // integer-valued columns: every statistic comes from the exact histogram,
    // so the two storage orders give the same bits
    const auto ri = w::entropy_weights(x.leftCols(3), o.entropy);
    const auto rir = w::entropy_weights(xr.leftCols(3), o.entropy);
    CHECK((ri.weights.array() == rir.weights.array()).all());
    // float input: the same computation on the float values
    const Eigen::MatrixXf xf = x.cast<float>();
    const matrix xfd = xf.cast<double>();
    const auto rf = w::entropy_weights(xf, o.entropy);
    const auto rfd = w::entropy_weights(xfd, o.entropy);
    CHECK((rf.weights.array() == rfd.weights.array()).all());
}

TEST_CASE("column_stats: identity, exact merge of histograms in any order") {
    const matrix x = mixed(4000, 3).leftCols(3);
    w::column_stats all = w::compute_column_stats(x);
    w::column_stats a(3), b(3), c(3);
    a.add(x.topRows(1000), 0);
    b.add(x.middleRows(1000, 1500), 1000);
    c.add(x.bottomRows(1500), 2500);
    w::column_stats abc = a, cba = c, id;
    abc.merge(b);
    abc.merge(c);
    cba.merge(b);
    cba.merge(a);
    id.merge(all);  // identity
    CHECK(abc == all);
    CHECK(cba == all);
    CHECK(id == all);
    CHECK(all.rows() == 4000);
    const auto s = all.summary(2);
    CHECK(s.integer_valued);
    CHECK(s.max >= 5000.0);  // the sparse (beyond dense range) values are counted
    double sum = 0;
    for (techconv::index i = 0; i < 4000; ++i) sum += x(i, 2);
    CHECK(s.sum == sum);  // integer sums are exact
    CHECK(all.histogram(2).total() == 4000);
}

TEST_CASE("column_stats: vectorised kernels against independent sums") {
    // The histogram must equal a count by std::map, whichever path (whole tile
    // of small integers, a tile with one non-integer, values beyond the dense
    // range) each tile takes; x ln x must match a long double sum of
    // x * logl(x) to 1e-14 relative to sum |x ln x| (rounding of the sums),
    // for every run length mod the packet size.
    std::mt19937_64 gen(23);
    std::geometric_distribution<int> geo(0.3);
    std::lognormal_distribution<double> ln(0.0, 2.0);
    const techconv::index n = 9001;
    matrix x(n, 3);
    for (techconv::index i = 0; i < n; ++i) {
        x(i, 0) = geo(gen);
        x(i, 1) = (i == 5000) ? 0.5 : geo(gen);  // tile 2 (rows 4096..6143) is not all integers
        x(i, 2) = (i % 1000 == 7) ? 7000 + geo(gen) : geo(gen);  // beyond dense_limit 4096
    }
    const w::column_stats st = w::compute_column_stats(x);
    for (techconv::index j = 0; j < 3; ++j) {
        std::map<double, std::uint64_t> expect;
        techconv::index skipped = 0;
        for (techconv::index i = 0; i < n; ++i) {
            if (j == 1 && i >= 5000) {
                ++skipped;  // after the first non-integer the rest of the chunk is real-valued
                continue;
            }
            ++expect[x(i, j)];
        }
        std::map<double, std::uint64_t> got;
        st.histogram(j).for_each([&](double v, std::uint64_t c) { got[v] = c; });
        CHECK(got == expect);
        CHECK(st.real_part(j).count == static_cast<std::uint64_t>(skipped));
    }
    for (techconv::index len = 1; len <= 67; ++len) {
        std::vector<double> v(static_cast<std::size_t>(len));
        for (double& e : v) e = geo(gen) == 0 ? 0.0 : ln(gen) * 1e-3;
        long double ref = 0.0L, mag = 0.0L;
        for (const double e : v)
            if (e > 0.0) {
                const long double t = static_cast<long double>(e) * std::log(static_cast<long double>(e));
                ref += t;
                mag += std::fabs(t);
            }
        const auto r = w::detail::run_moments<true>(v.data(), len);
        CHECK(static_cast<double>(std::fabs(static_cast<long double>(r.xlogx) - ref)) <=
              1e-14 * static_cast<double>(mag) + 1e-300);
        CHECK(r.min == *std::min_element(v.begin(), v.end()));
        CHECK(r.max == *std::max_element(v.begin(), v.end()));
    }
    // subnormal values and negative values take exact scalar logarithms
    std::vector<double> tiny = {0.0, 1e-310, 3e-320, 0.0, 5e-309, 2e-308, 1e-315, 0.0, 4e-323};
    CHECK(w::detail::run_moments<true>(tiny.data(), 9).xlogx == w::detail::xlogx_scalar(tiny.data(), 9));
    std::vector<double> neg = {-1.0, 2.0, 3.0, 0.5, 7.0, 0.0, 1.0, 2.5, 9.0};
    // 2 ln 2 + 3 ln 3 + 0.5 ln 0.5 + 7 ln 7 + 2.5 ln 2.5 + 9 ln 9 (negative and 0, 1 give 0)
    const double hand = 2 * std::log(2.0) + 3 * std::log(3.0) + 0.5 * std::log(0.5) + 7 * std::log(7.0) +
                        2.5 * std::log(2.5) + 9 * std::log(9.0);
    CHECK(close(w::detail::run_moments<true>(neg.data(), 9).xlogx, hand, 1e-15));
}

TEST_CASE("entropy: from statistics alone when the data are counts") {
    matrix x(5, 2);
    x << 0, 1, 2, 1, 1, 3, 0, 4, 7, 2;
    const w::column_stats st = w::compute_column_stats(x);
    const auto a = w::entropy_weights(st);
    const auto b = w::entropy_weights(x);
    CHECK((a.weights.array() == b.weights.array()).all());
    matrix y = x;
    y(0, 1) = 1.5;  // real column with minimum 1: needs the data again
    CHECK_THROWS_AS(w::entropy_weights(w::compute_column_stats(y)), std::invalid_argument);
}

TEST_CASE("entropy_stream: two passes over chunks equal the in-memory result") {
    const matrix x = mixed(5000, 5);
    w::entropy_options o;
    o.chunk_rows = 500;
    const auto ref = w::key_core(x, w::key_core_options{o, 0.05, {}});
    w::entropy_stream s(5, o);
    for (techconv::index b = 0; b < 5000; b += 1500) s.add_statistics(x.middleRows(b, std::min<techconv::index>(1500, 5000 - b)));
    REQUIRE(s.needs_entropy_pass());  // column 4 has minimum > 0
    for (techconv::index b = 0; b < 5000; b += 1500) s.add_entropy(x.middleRows(b, std::min<techconv::index>(1500, 5000 - b)));
    const auto& r = s.weights();
    CHECK((r.weights.array() == ref.weighting.weights.array()).all());
    vector sc(5000);
    for (techconv::index b = 0; b < 5000; b += 1500) {
        const techconv::index len = std::min<techconv::index>(1500, 5000 - b);
        s.scores_into(x.middleRows(b, len), sc.segment(b, len));
    }
    CHECK((sc.array() == ref.scores.array()).all());
    CHECK_THROWS_AS(s.add_statistics(x.topRows(10)), std::invalid_argument);

    w::entropy_stream counts(3, o);  // count data: no entropy pass
    counts.add_statistics(x.leftCols(3));
    CHECK_FALSE(counts.needs_entropy_pass());
    CHECK(counts.weights().histogram_columns == 3);
}

namespace {

// n x m: column j % 3 == 0 counts (one value beyond the dense range at row
// 4100), == 1 counts with one non-integer value in the second tile (that tile
// falls back to the real-valued path), == 2 lognormal with 30% exact zeros,
// or counts when `counts_only` (then the first tile takes the row-major
// histogram path).
matrix storage_case(techconv::index n, techconv::index m, unsigned seed, bool counts_only = false) {
    std::mt19937_64 gen(seed);
    std::geometric_distribution<int> geo(0.3);
    std::lognormal_distribution<double> ln(0.0, 1.0);
    std::bernoulli_distribution zero(0.3);
    matrix x(n, m);
    for (techconv::index i = 0; i < n; ++i)
        for (techconv::index j = 0; j < m; ++j) {
            if (j % 3 == 0 || counts_only) x(i, j) = (i == 4100 && j % 3 == 0) ? 5000 : geo(gen);
            else if (j % 3 == 1) x(i, j) = (i == 2048 + 300) ? 2.5 : geo(gen);
            else x(i, j) = zero(gen) ? 0.0 : ln(gen);
        }
    return x;
}

}  // namespace

TEST_CASE("storage order: row-major tiles are exact copies for 1, 3, 5, 9 and 13 columns") {
    for (const techconv::index m : {1, 3, 5, 9, 13}) {
        CAPTURE(m);
        const matrix x = storage_case(40, m, 7);
        const row_matrix xr = x;
        const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> xf = xr.cast<float>();
        // every row remainder (0..3 rows after the blocks of 4) at every start
        for (techconv::index b = 0; b < 4; ++b)
            for (techconv::index len = 0; len <= 11; ++len) {
                std::vector<double> out(static_cast<std::size_t>(len * m), -1.0);
                w::detail::with_view(xr, [&](const auto& v) { w::detail::load_tile(v, b, b + len, out.data()); });
                const Eigen::Map<const matrix> got(out.data(), len, m);
                CHECK((got.array() == x.middleRows(b, len).array()).all());
                std::vector<double> outf(static_cast<std::size_t>(len * m), -1.0);
                w::detail::with_view(xf, [&](const auto& v) { w::detail::load_tile(v, b, b + len, outf.data()); });
                const Eigen::Map<const matrix> gotf(outf.data(), len, m);
                CHECK((gotf.array() == xf.middleRows(b, len).cast<double>().array()).all());
            }
    }
}

TEST_CASE("storage order: key_core bit-identical for row- and column-major, odd column counts") {
    // (chunks of 3000 rows: tiles of 2048, 952, 1096 and 7 rows)
    // 2 full tiles of 2048 rows and a partial last tile of 7 rows (4 + 2 + 1)
    const techconv::index n = 2 * 2048 + 7;
    for (const techconv::index m : {1, 3, 5, 9, 13})
    for (const bool counts_only : {false, true}) {
        CAPTURE(m);
        CAPTURE(counts_only);
        const matrix x = storage_case(n, m, 11 + static_cast<unsigned>(m), counts_only);
        const row_matrix xr = x;
        for (const int t : {1, 2}) {
            CAPTURE(t);
            w::key_core_options o;
            o.entropy.threads = t;
            o.entropy.chunk_rows = 3000;  // chunks end inside a tile
            const auto rc = w::key_core(x, o);
            const auto rr = w::key_core(xr, o);
            CHECK(rc.weighting.info == rr.weighting.info);
            CHECK((rc.weighting.weights.array() == rr.weighting.weights.array()).all());
            CHECK((rc.weighting.entropy.array() == rr.weighting.entropy.array()).all());
            CHECK((rc.scores.array() == rr.scores.array()).all());
            CHECK(rc.top.indices == rr.top.indices);
            const auto sc = w::compute_column_stats(x);
            const auto sr = w::compute_column_stats(xr);
            for (techconv::index j = 0; j < m; ++j) {
                std::vector<std::pair<double, std::uint64_t>> hc, hr;
                sc.histogram(j).for_each([&](double v, std::uint64_t c) { hc.emplace_back(v, c); });
                sr.histogram(j).for_each([&](double v, std::uint64_t c) { hr.emplace_back(v, c); });
                CHECK(hc == hr);
                CHECK(sc.summary(j).sum == sr.summary(j).sum);
                CHECK(sc.summary(j).max == sr.summary(j).max);
            }
            // float input: the two storage orders agree to the bit too
            const Eigen::MatrixXf xf = x.cast<float>();
            const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> xfr = xf;
            const auto fc = w::key_core(xf, o);
            const auto fr = w::key_core(xfr, o);
            CHECK((fc.weighting.weights.array() == fr.weighting.weights.array()).all());
            CHECK((fc.scores.array() == fr.scores.array()).all());
            CHECK(fc.top.indices == fr.top.indices);
        }
    }
}

TEST_CASE("column_stats: fused counting undoes a failed tile exactly, every layout") {
    // Each column starts every tile with 4 small integers (so the fused
    // kernel counts the tile) and then breaks its check somewhere inside:
    // a value equal to dense_limit (one past the dense range), 2^31 + 5
    // (beyond a 32-bit conversion), -3 and -0.0, and in the last column a
    // fraction (the column leaves the histogram path). The histograms must
    // equal a count by std::map (-0.0 counts as 0) for every storage order,
    // scalar type, thread count and chunking, and row-major blocks with
    // gaps (the column path).
    std::mt19937_64 gen(41);
    std::geometric_distribution<int> geo(0.4);
    const techconv::index n = 3 * 2048 + 13;
    for (const techconv::index L : {techconv::index{64}, techconv::index{4096}})
    for (const techconv::index m : {1, 2, 4, 7}) {
        CAPTURE(L);
        CAPTURE(m);
        matrix x(n, m);
        for (techconv::index i = 0; i < n; ++i)
            for (techconv::index j = 0; j < m; ++j) {
                double v = static_cast<double>(geo(gen) % L);
                const techconv::index r = i % 2048;  // row within its tile
                if (j % 4 == 0 && r == 700 + j) v = static_cast<double>(L);
                if (j % 4 == 1 && r == 1500) v = 2147483648.0 + 5.0;
                if (j % 4 == 2 && r == 9) v = (i < 2048) ? -3.0 : -0.0;
                if (j == m - 1 && m > 1 && i == 2048 + 1001) v = 2.25;
                x(i, j) = v;
            }
        const techconv::index frac_col = m > 1 ? m - 1 : -1;
        w::column_stats_options so;
        so.dense_limit = L;
        const auto check_counts = [&](const w::column_stats& st) {
            for (techconv::index j = 0; j < m; ++j) {
                CAPTURE(j);
                std::map<double, std::uint64_t> expect;
                std::uint64_t real_rows = 0;
                for (techconv::index i = 0; i < n; ++i) {
                    // one chunk: after the fraction the rest of it is real-valued
                    if (j == frac_col && i >= 2048 + 1001) {
                        ++real_rows;
                        continue;
                    }
                    ++expect[x(i, j)];
                }
                std::map<double, std::uint64_t> got;
                st.histogram(j).for_each([&](double v, std::uint64_t c) { got[v] += c; });
                CHECK(got == expect);
                CHECK(st.real_part(j).count == real_rows);
                CHECK(st.summary(j).first_negative_row == (j % 4 == 2 ? 9 : techconv::no_index));
            }
        };
        const w::column_stats sc = w::compute_column_stats(x, so, 1, n);
        check_counts(sc);
        const row_matrix xr = x;
        const w::column_stats sr = w::compute_column_stats(xr, so, 1, n);
        check_counts(sr);
        CHECK(sc == sr);
        const Eigen::MatrixXf xf = x.cast<float>();  // every value is exact in float but 2^31 + 5
        const row_matrix xfd = xf.cast<double>();
        const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> xfr = xf;
        CHECK(w::compute_column_stats(xf, so, 1, n) == w::compute_column_stats(xfd, so, 1, n));
        CHECK(w::compute_column_stats(xfr, so, 1, n) == w::compute_column_stats(xfd, so, 1, n));
        // a row-major block with gaps between its rows (no fused kernel)
        row_matrix wide(n, m + 3);
        wide.setConstant(0.5);
        wide.leftCols(m) = x;
        CHECK(w::compute_column_stats(wide.leftCols(m), so, 1, n) == sc);
        // chunks and threads: integer histograms merge exactly
        for (const int t : {1, 2}) {
            const auto a = w::compute_column_stats(x, so, t, 1000);
            const auto b = w::compute_column_stats(xr, so, t, 1000);
            CHECK(a == b);
            for (techconv::index j = 0; j + 1 < m; ++j) CHECK(a.histogram(j) == sc.histogram(j));
        }
    }
    // a NaN inside a tile that the kernel counted: the error names its row and column
    matrix y = matrix::Constant(5000, 3, 2.0);
    y(3001, 1) = std::numeric_limits<double>::quiet_NaN();
    const std::string mc = message_of([&] { w::compute_column_stats(y); });
    const row_matrix yr = y;
    const std::string mr = message_of([&] { w::compute_column_stats(yr); });
    CHECK(mc.find("row 3001, column 1") != std::string::npos);
    CHECK(mr == mc);
}

TEST_CASE("column_stats: real-valued rows read in place equal the column path bit for bit") {
    // All columns real-valued: row-major input takes its moments straight
    // from the rows (with AVX2), column-major input from each column; the
    // sums, m2 and x ln x must be the same bits for every column count, tile
    // remainder (n mod 4) and chunking, also with negative values, values
    // below 2^-960 (exact scalar logarithms) and float input.
    std::mt19937_64 gen(7);
    std::lognormal_distribution<double> ln(0.0, 1.5);
    std::bernoulli_distribution zero(0.2);
    for (const techconv::index m : {1, 2, 3, 4, 5, 8, 9, 13})
    for (const techconv::index n : {techconv::index{2048 + 5}, techconv::index{3 * 2048 + 2}, techconv::index{4099}}) {
        CAPTURE(m);
        CAPTURE(n);
        matrix x(n, m);
        for (techconv::index i = 0; i < n; ++i)
            for (techconv::index j = 0; j < m; ++j) x(i, j) = zero(gen) ? 0.0 : 0.25 + ln(gen);
        if (m > 1) x(2500 % n, 1) = -4.5;                    // a negative value
        if (m > 2) x.col(2) *= 1e-300 * 1e-300 * 1e-20;      // below 2^-960
        const row_matrix xr = x;
        for (const techconv::index chunk : {n, techconv::index{1000}}) {
            const auto a = w::compute_column_stats(x, {}, 1, chunk);
            const auto b = w::compute_column_stats(xr, {}, 1, chunk);
            CHECK(a == b);
            for (techconv::index j = 0; j < m; ++j)  // (leading zeros are counted in the histogram)
                CHECK(a.real_part(j).count + a.histogram(j).total() == static_cast<std::uint64_t>(n));
        }
        const auto s = w::compute_column_stats(xr);
        if (m > 1) CHECK(s.summary(1).first_negative_row == 2500 % n);
        // x ln x against an independent long double sum (1e-14 of sum |x ln x|)
        for (techconv::index j = 0; j < m; ++j) {
            long double ref = 0.0L, mag = 0.0L;
            for (techconv::index i = 0; i < n; ++i)
                if (x(i, j) > 0.0) {
                    const long double t = static_cast<long double>(x(i, j)) * std::log(static_cast<long double>(x(i, j)));
                    ref += t;
                    mag += std::fabs(t);
                }
            CHECK(static_cast<double>(std::fabs(static_cast<long double>(s.real_part(j).xlogx) - ref)) <=
                  1e-14 * static_cast<double>(mag) + 1e-300);
        }
        const Eigen::MatrixXf xf = x.cast<float>();
        const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> xfr = xf;
        CHECK(w::compute_column_stats(xf, {}, 2, 1000) == w::compute_column_stats(xfr, {}, 2, 1000));
    }
    // a non-finite value in a real-valued row-major tile is named
    matrix y = matrix::Constant(5000, 4, 0.5);
    y(4321, 3) = std::numeric_limits<double>::infinity();
    const row_matrix yr = y;
    CHECK(message_of([&] { w::compute_column_stats(yr); }).find("row 4321, column 3") != std::string::npos);
}

TEST_CASE("column_stats: m2 off skips the second sweep and nothing else") {
    // Every other statistic keeps its bits; real-valued m2 is 0; the options
    // take part in merging (statistics with and without m2 do not merge).
    const matrix x = mixed(9000, 5);
    const row_matrix xr = x;
    w::column_stats_options off;
    off.m2 = false;
    for (const int t : {1, 2}) {
        const auto a = w::compute_column_stats(x, {}, t, 2000);
        const auto b = w::compute_column_stats(x, off, t, 2000);
        CHECK(b == w::compute_column_stats(xr, off, t, 2000));
        for (techconv::index j = 0; j < 5; ++j) {
            const auto& ra = a.real_part(j);
            const auto& rb = b.real_part(j);
            CHECK(rb.count == ra.count);
            CHECK(rb.sum == ra.sum);
            CHECK(rb.min == ra.min);
            CHECK(rb.max == ra.max);
            CHECK(rb.xlogx == ra.xlogx);
            CHECK(rb.m2 == 0.0);
            CHECK(b.histogram(j) == a.histogram(j));
        }
        CHECK(a.real_part(4).m2 > 0.0);  // column 4 is real-valued
        w::column_stats c = a;
        CHECK_THROWS_AS(c.merge(b), std::invalid_argument);
    }
    // the entropy method gathers no m2, and its weights are unchanged by it
    CHECK_FALSE(w::detail::entropy_stats_options({}).m2);
}
