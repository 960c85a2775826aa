// Tests of scores, top-k selection with its tie rule, ranks, and indicator
// hierarchies (parsing, group weights, Table 1 layout, group sub-scores).
#include <doctest/doctest.h>

#include <techconv/weighting/entropy.hpp>
#include <techconv/weighting/hierarchy.hpp>
#include <techconv/weighting/normalize.hpp>
#include <techconv/weighting/pipeline.hpp>
#include <techconv/weighting/score.hpp>
#include <techconv/weighting/top_k.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <utility>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace w = techconv::weighting;
using idx = techconv::index;
using techconv::matrix;
using techconv::row_matrix;
using techconv::vector;
using techconv_test::close;

TEST_CASE("scores: one matrix-vector product on the raw data equals sum w x'") {
    // x' columns (0, 1/3, 1) and (0, 0, 1); w = (1/4, 3/4): s = (0, 1/12, 1)
    matrix x(3, 2);
    x << 0, 2, 1, 2, 3, 5;
    const auto map = w::make_normalization_map(w::compute_column_stats(x));
    const vector wt = (vector(2) << 0.25, 0.75).finished();  // (a fixed-size Vector2d trips a false -Warray-bounds of GCC 12 in Eigen under AVX)
    const vector s = w::scores(x, wt, map);
    CHECK(close(s(0), 0.0, 0.0, 1e-16));
    CHECK(close(s(1), 1.0 / 12, 1e-15));
    CHECK(close(s(2), 1.0, 1e-15));
    // against the explicit normalised matrix on random data, both storage orders
    matrix r = (matrix::Random(1000, 4).array() + 1.0) * 50.0;
    w::normalize_options no;
    no.directions = {w::direction::benefit, w::direction::cost, w::direction::benefit, w::direction::cost};
    no.shift = 0.01;
    const auto m2 = w::make_normalization_map(w::compute_column_stats(r), no);
    const vector w4 = Eigen::Vector4d(0.1, 0.2, 0.3, 0.4);
    const vector direct = w::normalize(r, no) * w4;
    const vector viaproduct = w::scores(r, w4, m2);
    CHECK(viaproduct.isApprox(direct, 1e-13));
    const row_matrix rr = r;
    CHECK((w::scores(rr, w4, m2).array() == viaproduct.array()).all());  // same arithmetic for both orders
}

TEST_CASE("top_k: ties by score descending, then index ascending, threshold, ranks") {
    const vector s = (vector(6) << 0.5, 0.9, 0.5, 0.9, 0.1, 0.5).finished();
    const auto t = w::top_k(s, 3);
    // ranking: 1 (0.9), 3 (0.9), 0 (0.5), 2 (0.5), 5 (0.5), 4 (0.1)
    CHECK(t.indices == std::vector<idx>{1, 3, 0});
    CHECK(t.threshold == 0.5);
    CHECK(t.k == 3);
    w::top_k_options o;
    o.order = w::top_k_order::by_index;
    CHECK(w::top_k(s, 4, o).indices == std::vector<idx>{0, 1, 2, 3});
    CHECK(w::rank_of(s, 5) == 5);
    CHECK(w::rank_of(s, 3) == 2);
    const techconv::index_vector r = w::ranks(s);
    CHECK(r(4) == 6);
    CHECK(r(2) == 4);
    CHECK(w::top_k(s, 0).indices.empty());
    CHECK_THROWS_AS(w::top_k(s, 7), std::invalid_argument);
    vector bad = s;
    bad(2) = std::nan("");
    CHECK_THROWS_AS(w::top_k(bad, 2), std::invalid_argument);
    CHECK_THROWS_AS(w::rank_of(bad, 0), std::invalid_argument);
}

TEST_CASE("top_count: k = ceil(q n) without floating-point surprises") {
    CHECK(w::top_count(100, 0.05) == 5);  // 0.05 * 100 is 5, not 5 + ulp
    CHECK(w::top_count(20, 0.05) == 1);
    CHECK(w::top_count(21, 0.05) == 2);   // 1.05 -> 2
    CHECK(w::top_count(0, 0.05) == 0);
    CHECK(w::top_count(3779, 1e-17) == 1);  // ceil(3.779e-14) = 1: never an empty key core for q > 0
    CHECK(w::top_count(100, 0.07) == 7);    // 0.07 x 100 = 7.000000000000001 in doubles -> 7, not 8
    CHECK(w::top_count(10, 1.0) == 10);
    CHECK(w::top_count(1000, 0.3) == 300);
    CHECK_THROWS_AS(w::top_count(10, 1.5), std::invalid_argument);
}

TEST_CASE("top_fraction: the sampled candidate path equals a full sort, with many ties") {
    std::mt19937_64 gen(5);
    std::geometric_distribution<int> g(0.05);
    const idx n = 200003;
    vector s(n);
    for (idx i = 0; i < n; ++i) s(i) = g(gen) * 0.125;  // heavy ties
    const auto t = w::top_fraction(s, 0.05);
    std::vector<idx> all(static_cast<std::size_t>(n));
    for (idx i = 0; i < n; ++i) all[static_cast<std::size_t>(i)] = i;
    std::sort(all.begin(), all.end(), [&](idx a, idx b) { return s(a) > s(b) || (s(a) == s(b) && a < b); });
    all.resize(static_cast<std::size_t>(w::top_count(n, 0.05)));
    CHECK(t.indices == all);
    CHECK(t.threshold == s(all.back()));
    // an adversarial order (sorted ascending) must still be exact
    vector asc = s;
    std::sort(asc.data(), asc.data() + n);
    const auto ta = w::top_fraction(asc, 0.05);
    CHECK(ta.indices.size() == all.size());
    CHECK(ta.indices.front() == n - 1);
}

TEST_CASE("sort_by_rank: the bucket sort equals std::sort under the tie rule") {
    // Expected order: std::sort with ranks_before (score descending, then index
    // ascending), an independent comparison sort.
    std::mt19937_64 gen(11);
    std::lognormal_distribution<double> ln(0.0, 2.0);
    std::geometric_distribution<int> geo(0.2);
    std::uniform_int_distribution<int> pick(0, 9);
    for (int kind = 0; kind < 4; ++kind) {
        std::vector<std::pair<double, idx>> c;
        const idx n = 70000;  // above 2^16: with threads, buckets are sorted side by side
        for (idx i = 0; i < n; ++i) {
            double s = kind == 0 ? ln(gen) : kind == 1 ? geo(gen) * 0.25 : kind == 2 ? 1.0 : ln(gen) - 3.0;
            if (kind == 3 && pick(gen) == 0) s = pick(gen) < 5 ? 0.0 : -0.0;  // -0 and +0 tie
            c.emplace_back(s, kind == 1 ? n - 1 - i : i);  // kind 1: ties in reverse index order
        }
        std::shuffle(c.begin(), c.begin() + 5000, gen);  // part out of index order
        std::vector<std::pair<double, idx>> expect = c, tmp;
        std::sort(expect.begin(), expect.end(), w::detail::ranks_before);
        for (const int threads : {1, 2, 3}) {
            CAPTURE(threads);
            std::vector<std::pair<double, idx>> got = c;
            w::detail::sort_by_rank(got, tmp, threads);
            CHECK(got == expect);
        }
    }
}

TEST_CASE("key_core: the fused score and candidate pass equals scores plus top_fraction") {
    // n >= 2^15 so the sampled bound and in-pass candidates are used; the
    // expected selection is top_fraction over the scores (itself checked
    // against a full sort above), for ties (counts) and real values, both
    // storage orders, 1 and 2 threads, both result orders.
    std::mt19937_64 gen(17);
    std::geometric_distribution<int> geo(0.4);
    std::lognormal_distribution<double> ln(0.0, 1.0);
    const idx n = 100003;
    for (int kind = 0; kind < 2; ++kind) {
        matrix x(n, 4);
        for (idx i = 0; i < n; ++i)
            for (idx j = 0; j < 4; ++j) x(i, j) = kind == 0 ? geo(gen) : (j == 0 && i % 3 == 0 ? 0.0 : ln(gen));
        w::entropy_options eo;
        eo.chunk_rows = 8192;  // the chunking fixes the bits of real-valued sums
        const auto ew = w::entropy_weights(x, eo);
        const vector s = w::scores(x, ew.weights, ew.map);
        for (const auto order : {w::top_k_order::by_rank, w::top_k_order::by_index}) {
            w::top_k_options to;
            to.order = order;
            const auto expect = w::top_fraction(s, 0.05, to);
            for (int threads : {1, 2}) {
                w::key_core_options o;
                o.entropy.threads = threads;
                o.entropy.chunk_rows = 8192;
                o.top = to;
                const auto r = w::key_core(x, o);
                CHECK((r.scores.array() == s.array()).all());  // the same arithmetic as scores()
                CHECK(r.top.indices == expect.indices);
                CHECK(r.top.threshold == expect.threshold);
                CHECK(r.top.k == w::top_count(n, 0.05));
                const row_matrix xr = x;
                const auto rr = w::key_core(xr, o);
                CHECK(rr.top.indices == expect.indices);
            }
        }
    }
    // a NaN score is reported as top_fraction reports it (huge values: inf - inf)
    matrix big(40000, 2);
    for (idx i = 0; i < 40000; ++i) {
        big(i, 0) = (i % 2 == 0) ? 1.5e308 : -1.5e308;
        big(i, 1) = (i % 2 == 0) ? -1.5e308 : 1.5e308;
    }
    big(0, 0) = 1.7e308;
    w::key_core_options o;
    o.entropy.norm = w::normalization::none;
    o.entropy.directions = {w::direction::cost, w::direction::cost};
    CHECK_THROWS_AS(w::key_core(big, o), std::invalid_argument);
}

TEST_CASE("indicator_tree: [KCT] Table 1 from the level-3 weights") {
    const std::vector<std::string> cols = {"backward", "npl", "claims", "forward", "classes",
                                           "applicants", "family", "countries", "developed"};
    const auto t = w::indicator_tree::parse(
        "fundamentality: backward, npl, claims; coreness: forward, classes, applicants;"
        " strategic: family, countries, developed",
        cols, "key core");
    CHECK(t.size() == 13);
    CHECK(t.depth() == 3);
    CHECK(t.groups(2).size() == 3);
    const vector lw = (vector(9) << .185, .349, .037, .132, .065, .006, .034, .164, .028).finished();
    const vector nw = t.node_weights(lw);
    CHECK(close(nw(t.find("fundamentality")), 0.571, 1e-14));  // 18.50 + 34.90 + 3.70
    CHECK(close(nw(t.find("coreness")), 0.203, 1e-14));       // 13.20 + 6.50 + 0.60
    CHECK(close(nw(t.find("strategic")), 0.226, 1e-14));       // 3.40 + 16.40 + 2.80
    w::table_options to;
    to.separator = ",";
    const std::string table = t.table(lw, to);
    CHECK(table.rfind("level,name,weight_percent\n1,key core,100.00\n2,fundamentality,57.10\n3,backward,18.50\n", 0) == 0);
    CHECK(table.find("2,strategic,22.60\n3,family,3.40\n") != std::string::npos);
    const vector within = t.within_group(lw, t.find("coreness"));
    CHECK(close(within(3), 0.132 / 0.203, 1e-14));
    CHECK(within(0) == 0.0);
}

TEST_CASE("indicator_tree: any depth, errors, group sub-scores") {
    const std::vector<std::string> cols = {"a", "b", "c", "d"};
    const auto t = w::indicator_tree::parse("q: (g: a, b; h: (c)), d", cols);
    CHECK(t.depth() == 4);
    CHECK(t.node(t.find("q")).level == 2);
    CHECK(t.node(t.find("h")).level == 3);
    CHECK(t.node(t.leaf(2)).level == 4);
    CHECK(t.leaves(t.find("q")) == std::vector<idx>{0, 1, 2});
    CHECK_THROWS_AS(w::indicator_tree::parse("g: a, b, c", cols), std::invalid_argument);        // d missing
    CHECK_THROWS_AS(w::indicator_tree::parse("g: a, b, c, d, a", cols), std::invalid_argument);  // a twice
    CHECK_THROWS_AS(w::indicator_tree::parse("g: a, b, c, e", cols), std::invalid_argument);     // unknown
    CHECK_THROWS_AS(w::indicator_tree::parse("g: (a, b, c, d", cols), std::invalid_argument);    // no ')'
    CHECK_THROWS_AS(w::indicator_tree::parse("g: a, b; g: c, d", cols), std::invalid_argument);  // g twice

    matrix x = (matrix::Random(200, 4).array() + 1.0) * 10.0;
    const auto r = w::entropy_weights(x);
    const auto groups = t.groups(3);  // g and h
    const matrix gs = w::group_scores(x, r.weights, t, groups, r.map);
    const vector total = w::scores(x, r.weights, r.map);
    const matrix norm = w::normalize(x);
    // g = columns a, b: sum w_j x'_ij over the group
    const vector g_direct = norm.col(0) * r.weights(0) + norm.col(1) * r.weights(1);
    CHECK(gs.col(0).isApprox(g_direct, 1e-13));
    // top-level groups q and d partition the columns: sub-scores add up to the score
    const matrix top = w::group_scores(x, r.weights, t, {t.find("q"), t.leaf(3)}, r.map);
    CHECK((top.col(0) + top.col(1)).isApprox(total, 1e-13));
    w::group_score_options go;
    go.renormalize = true;
    const matrix gr = w::group_scores(x, r.weights, t, groups, r.map, go);
    CHECK(gr.col(1).isApprox(norm.col(2), 1e-13));  // h holds only c: weight 1 within h
}
