// SPDX-License-Identifier: BSL-1.0
// analysis::forecast (link prediction of convergence) on a small record set
// worked out by hand in the comments, and the ranking measures
// (auc_mann_whitney, precision_at, average_precision) by hand and against
// scikit-learn's roc_auc_score / average_precision_score, or SciPy's
// Mann-Whitney U and a written-out average precision when scikit-learn is
// not installed (tests/analysis/ranking_reference.py).
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <techconv/analysis/forecast.hpp>

#include "test_support.hpp"

namespace ta = techconv::analysis;
namespace tio = techconv::io;
namespace cg = techconv::cograph;
using tindex = techconv::index;

namespace forecast_test {

tio::patent_record rec(std::vector<std::string> ipc, techconv::year_type year) {
    tio::patent_record r;
    r.ipc = std::move(ipc);
    r.application_year = year;
    return r;
}

// Train (year <= 2010): R1 {A01B, B02C, C03C} 2009, R2 {C03C, D04B} 2010, R3 {D04B, E05B} 2010:
// edges A-B, A-C, B-C, C-D, D-E; degrees A 2, B 2, C 3, D 2, E 1.
// Candidates (node ids by first appearance A0 B1 C2 D3 E4): A-D, A-E, B-D, B-E, C-E.
// Later: R4 {A01B, D04B} 2012 and R5 {A01B, D04B, F16H} 2011 realise A-D (first 2011; F16H is new:
// pairs A-F and D-F); R6 {C03C, E05B} 2013 realises C-E; R7 {B02C, C03C} 2014 is a train edge;
// R8 {B02C, E05B} has no year and is in neither set.
std::vector<tio::patent_record> records() {
    return {rec({"A01B1/00", "B02C1/00", "C03C1/00"}, 2009),
            rec({"C03C3/00", "D04B1/00"}, 2010),
            rec({"D04B5/00", "E05B1/00"}, 2010),
            rec({"A01B3/00", "D04B1/00"}, 2012),
            rec({"A01B1/00", "D04B1/00", "F16H1/00"}, 2011),
            rec({"C03C1/00", "E05B1/00"}, 2013),
            rec({"B02C1/00", "C03C1/00"}, 2014),
            rec({"B02C1/00", "E05B1/00"}, techconv::no_year)};
}

std::string pair_name(const ta::forecast_result& r, std::size_t k) {
    return r.train.label(r.candidates[k].source) + "-" + r.train.label(r.candidates[k].target);
}

std::vector<double> ranking_reference(const techconv::vector& s, const std::vector<char>& labels, const std::string& name) {
    std::ostringstream os;
    os.precision(17);
    for (tindex i = 0; i < s.size(); ++i) os << int(labels[static_cast<std::size_t>(i)]) << ' ' << s[i] << '\n';
    const auto path = techconv_test::temp_path(name);
    techconv_test::write_file(path, os.str());
    std::istringstream out(techconv_test::run_python("analysis/ranking_reference.py", {path}));
    std::string line, tool;
    std::vector<double> v;
    while (std::getline(out, line)) {
        std::istringstream ls(line);
        std::string key;
        ls >> key;
        if (key == "tool") ls >> tool;
        else {
            double x = 0;
            ls >> x;
            v.push_back(x);
        }
    }
    MESSAGE("ranking reference: " << tool);
    REQUIRE(v.size() == 2);
    return v;
}

}  // namespace forecast_test

using forecast_test::pair_name;
using forecast_test::records;

TEST_CASE("ranking measures by hand") {
    // scores 0.9 0.8 0.8 0.3 0.1, positives at 0 and 2 (P 2, N 3).
    // AUC: 0.9 beats the 3 negatives (3); 0.8 ties one (0.5) and beats 2 -> (3 + 2.5) / 6.
    // AP: threshold 0.9 recall 1/2 precision 1; 0.8 recall 1 precision 2/3 -> 1/2 + 1/2 * 2/3.
    // P@2: ranking 0, 1, 2 (tie 0.8 by position) -> labels 1, 0 -> 1/2; P@3 -> 2/3.
    techconv::vector s(5);
    s << 0.9, 0.8, 0.8, 0.3, 0.1;
    const std::vector<char> l{1, 0, 1, 0, 0};
    CHECK(*ta::auc_mann_whitney(s, l) == doctest::Approx(5.5 / 6.0).epsilon(1e-15));
    CHECK(*ta::average_precision(s, l) == doctest::Approx(0.5 + 1.0 / 3.0).epsilon(1e-15));
    CHECK(*ta::precision_at(s, l, 2) == doctest::Approx(0.5).epsilon(1e-15));
    CHECK(*ta::precision_at(s, l, 3) == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
    CHECK(*ta::precision_at(s, l, 50) == doctest::Approx(0.4).epsilon(1e-15));  // L = min(50, 5)
    const auto r = ta::score_ranking(s);
    CHECK(r == std::vector<tindex>{0, 1, 2, 3, 4});
    // undefined: no positive, no negative
    const std::vector<char> none(5, 0), all(5, 1);
    CHECK_FALSE(ta::auc_mann_whitney(s, none));
    CHECK_FALSE(ta::auc_mann_whitney(s, all));
    CHECK_FALSE(ta::average_precision(s, none));
    CHECK(*ta::average_precision(s, all) == doctest::Approx(1.0));
    CHECK(ta::evaluate_score(s, none, 2).info == techconv::status::empty_input);
    CHECK_THROWS_AS(ta::auc_mann_whitney(s, {1, 0}), techconv::invalid_argument);
}

TEST_CASE("ranking measures against scikit-learn (or SciPy) on scores with many ties") {
    const tindex n = 2000;
    techconv::vector s(n);
    std::vector<char> l(static_cast<std::size_t>(n));
    for (tindex i = 0; i < n; ++i) {
        s[i] = static_cast<double>((i * 7919) % 97) / 10.0;  // 97 distinct values: many ties
        l[static_cast<std::size_t>(i)] = ((i * 31) % 11 == 0 || (i * 7919) % 97 > 80) ? 1 : 0;
    }
    const auto ref = forecast_test::ranking_reference(s, l, "ranking_ties.txt");
    CHECK(*ta::auc_mann_whitney(s, l) == doctest::Approx(ref[0]).epsilon(1e-12));
    CHECK(*ta::average_precision(s, l) == doctest::Approx(ref[1]).epsilon(1e-12));
}

TEST_CASE("forecast by hand: train graph, candidates, realised pairs and first years") {
    ta::forecast_options o;
    o.train_until = 2010;
    o.top = 2;
    const auto r = ta::forecast(records(), o);
    CHECK(r.records == 8);
    CHECK(r.train_records == 3);
    CHECK(r.test_records == 4);
    CHECK(r.records_without_year == 1);
    CHECK(r.train.num_nodes() == 5);
    CHECK(r.train.num_edges() == 5);
    REQUIRE(r.candidates.size() == 5);
    std::vector<std::string> names;
    for (std::size_t k = 0; k < 5; ++k) names.push_back(pair_name(r, k));
    CHECK(names == std::vector<std::string>{"A01B-D04B", "A01B-E05B", "B02C-D04B", "B02C-E05B", "C03C-E05B"});
    CHECK(r.realised == std::vector<char>{1, 0, 0, 0, 1});
    CHECK(r.first_year == std::vector<techconv::year_type>{2011, techconv::no_year, techconv::no_year,
                                                            techconv::no_year, 2013});
    CHECK(r.realised_count == 2);
    CHECK(r.pairs_with_new_codes == 2);  // A01B-F16H, D04B-F16H
    CHECK(r.top == 2);
    // common neighbours 1 0 1 0 1 (A-D via C, B-D via C, C-E via D).
    // AUC: each positive (1) ties B-D and beats A-E, B-E -> (2.5 + 2.5) / 6;
    // AP: one threshold with 3 entries, 2 positives -> 2/3; P@2: A-D (1), B-D (0) -> 1/2.
    REQUIRE(r.evaluation.size() == cg::link_score_count);
    const auto& cn = r.evaluation[0];
    CHECK(*cn.auc == doctest::Approx(5.0 / 6.0).epsilon(1e-15));
    CHECK(*cn.average_precision == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
    CHECK(*cn.precision_at_L == doctest::Approx(0.5).epsilon(1e-15));
    // preferential attachment: k_x k_y = A-D 4, A-E 2, B-D 4, B-E 2, C-E 3.
    // A-D (4): beats 2 and 2, ties B-D -> 2.5; C-E (3): beats 2 and 2 -> 2; AUC 4.5 / 6.
    const auto& pa = r.evaluation[5];
    CHECK(*pa.auc == doctest::Approx(0.75).epsilon(1e-15));
    CHECK(r.evaluation[6].info == techconv::status::ok);  // Katz converges with the automatic beta
    // the same for 3 threads
    o.threads = 3;
    const auto r3 = ta::forecast(records(), o);
    for (std::size_t c = 0; c < cg::link_score_count; ++c)
        CHECK((r.scores.values[c].array() == r3.scores.values[c].array()).all());
}

TEST_CASE("forecast: errors and the Katz status") {
    ta::forecast_options o;
    CHECK_THROWS_AS(ta::forecast(records(), o), techconv::invalid_argument);  // no train_until
    o.train_until = 2000;  // no record up to 2000
    CHECK_THROWS_AS(ta::forecast(records(), o), techconv::invalid_argument);
    o.train_until = 2010;
    o.scores.katz_beta = 10;  // beyond 1 / lambda_max
    const auto r = ta::forecast(records(), o);
    CHECK(r.scores.katz_info == techconv::status::not_converged);
    CHECK(r.evaluation[6].info == techconv::status::not_converged);
    CHECK_FALSE(r.evaluation[6].auc);
    CHECK(r.evaluation[0].auc);  // the other scores are evaluated
}

namespace forecast_test {

// 16 codes (valid IPC subclass symbols), records picked by a fixed linear congruential
// sequence: 16 train records of 2 codes among 14 (2000-2005) and 30 later ones of 2 or 3 codes
// among all 16 (2006-2011). The train graph has 13 nodes, 14 edges and 64 unlinked pairs, 17 of
// them realised (counted by an independent Python replica of the sequence), with many ties.
std::vector<tio::patent_record> lcg_records() {
    const char* const codes[] = {"A01B", "A21C", "B01D", "B23K", "C07D", "C12N", "E04B", "F02C",
                                 "G01N", "G06F", "H01L", "H04W", "A61K", "F16H", "B60L", "H02J"};
    std::vector<tio::patent_record> out;
    unsigned long long x = 12345;
    auto next = [&x](unsigned long long mod) {
        x = (x * 6364136223846793005ULL + 1442695040888963407ULL) & 0xffffffffffffULL;
        return (x >> 16) % mod;
    };
    for (int r = 0; r < 46; ++r) {
        std::vector<std::string> ipc;
        const auto k = r < 16 ? 2ULL : 2 + next(2);
        const auto lim = r < 16 ? 14ULL : 16ULL;
        for (unsigned long long i = 0; i < k; ++i) ipc.push_back(std::string(codes[next(lim)]) + "1/00");
        out.push_back(rec(ipc, static_cast<techconv::year_type>(r < 16 ? 2000 + r / 3 : 2006 + (r - 16) / 5)));
    }
    return out;
}

// The file forecast_bounded_reference.py reads (see its doc string).
std::string bounded_reference_input(const ta::forecast_result& exact, const ta::forecast_result& b,
                                    const ta::forecast_options& o) {
    std::ostringstream f;
    f.precision(17);
    f << "seed " << o.sample_seed << "\nkeep_top " << o.keep_top << "\nsample_size " << o.sample_size << "\ntop "
      << o.top << "\nnodes " << exact.train.num_nodes() << "\n";
    for (tindex v = 0; v < exact.train.num_nodes(); ++v) f << exact.train.label(v) << "\n";
    const auto edges = exact.train.edges();
    f << "edges " << edges.size() << "\n";
    for (const auto& e : edges) f << e.u << ' ' << e.v << ' ' << e.weight << "\n";
    f << "candidates " << exact.candidates.size() << "\n";
    for (std::size_t k = 0; k < exact.candidates.size(); ++k) {
        f << exact.candidates[k].source << ' ' << exact.candidates[k].target << ' ' << int(exact.realised[k]);
        for (const auto& v : exact.scores.values) f << ' ' << v[static_cast<tindex>(k)];
        f << "\n";
    }
    f << "evaluated " << b.candidates.size() << "\n";
    for (const auto& p : b.candidates) f << p.source << ' ' << p.target << "\n";
    return f.str();
}

}  // namespace forecast_test

TEST_CASE("forecast bounded evaluation: kept and sampled pairs and the measures against NetworkX and scikit-learn") {
    const auto recs = forecast_test::lcg_records();
    ta::forecast_options o;
    o.train_until = 2005;
    o.top = 3;
    const auto exact = ta::forecast(recs, o);
    REQUIRE_FALSE(exact.bounded);
    const auto nc = static_cast<tindex>(exact.candidates.size());
    MESSAGE("train nodes " << exact.train.num_nodes() << ", candidates " << nc << ", realised " << exact.realised_count);
    CHECK(exact.train.num_nodes() == 13);  // the counts of the Python replica (lcg_records)
    CHECK(exact.train.num_edges() == 14);
    REQUIRE(nc == 64);
    REQUIRE(exact.realised_count == 17);
    CHECK(exact.candidate_count == nc);
    CHECK(exact.evaluated_realised == exact.realised_count);

    o.max_candidates = 10;
    o.keep_top = 3;
    o.sample_size = 8;
    o.sample_seed = 20261207;
    const auto b = ta::forecast(recs, o);
    REQUIRE(b.bounded);
    CHECK(b.candidate_count == nc);
    CHECK(b.realised_count == exact.realised_count);  // counted over all candidates
    CHECK(b.keep_top == 3);
    CHECK(b.sample_seed == 20261207u);
    CHECK(b.kept + b.sampled == static_cast<tindex>(b.candidates.size()));
    CHECK(b.sampled == std::min<tindex>(8, nc - b.kept));
    CHECK(b.kept >= 3);
    CHECK(b.kept <= 3 * static_cast<tindex>(cg::link_score_count));
    REQUIRE(b.in_top.size() == b.candidates.size());
    // every evaluated pair carries the exact run's scores, realised flag and first year
    for (std::size_t i = 0; i < b.candidates.size(); ++i) {
        const auto& p = b.candidates[i];
        if (i > 0) {
            const auto& q = b.candidates[i - 1];
            CHECK((q.source < p.source || (q.source == p.source && q.target < p.target)));  // sorted, distinct
        }
        std::size_t k = 0;
        while (k < exact.candidates.size() &&
               (exact.candidates[k].source != p.source || exact.candidates[k].target != p.target))
            ++k;
        REQUIRE(k < exact.candidates.size());
        CHECK(b.realised[i] == exact.realised[k]);
        CHECK(b.first_year[i] == exact.first_year[k]);
        for (std::size_t c = 0; c < cg::link_score_count; ++c)
            CHECK(b.scores.values[c][static_cast<tindex>(i)] == exact.scores.values[c][static_cast<tindex>(k)]);
    }
    // L = 3 <= keep_top: precision at L is that of all candidates
    for (std::size_t c = 0; c < cg::link_score_count; ++c)
        CHECK(*b.evaluation[c].precision_at_L == *exact.evaluation[c].precision_at_L);

    // the kept set, the sample and the three measures, rebuilt by the reference script
    const auto path = techconv_test::temp_path("forecast_bounded.txt");
    techconv_test::write_file(path, forecast_test::bounded_reference_input(exact, b, o));
    std::istringstream out(techconv_test::run_python("analysis/forecast_bounded_reference.py", {path}));
    std::string line;
    std::getline(out, line);
    MESSAGE("reference: " << line);
    std::size_t seen = 0;
    while (std::getline(out, line)) {
        std::istringstream ls(line);
        std::string name;
        double auc = 0, ap = 0, pal = 0;
        ls >> name >> auc >> ap >> pal;
        std::size_t c = 0;
        while (c < cg::link_score_count && cg::link_score_names[c] != name) ++c;
        REQUIRE(c < cg::link_score_count);
        INFO(name);
        const auto& e = b.evaluation[c];
        REQUIRE(e.auc);
        REQUIRE(e.average_precision);
        CHECK(*e.auc == doctest::Approx(auc).epsilon(1e-12));
        CHECK(*e.average_precision == doctest::Approx(ap).epsilon(1e-12));
        CHECK(*e.precision_at_L == doctest::Approx(pal).epsilon(1e-15));
        ++seen;
    }
    CHECK(seen == cg::link_score_count);

    // the same pairs, scores and measures for 2 threads
    o.threads = 2;
    const auto b2 = ta::forecast(recs, o);
    REQUIRE(b2.candidates.size() == b.candidates.size());
    for (std::size_t i = 0; i < b.candidates.size(); ++i) {
        CHECK(b2.candidates[i].source == b.candidates[i].source);
        CHECK(b2.candidates[i].target == b.candidates[i].target);
        CHECK(b2.in_top[i] == b.in_top[i]);
    }
    for (std::size_t c = 0; c < cg::link_score_count; ++c) {
        CHECK((b2.scores.values[c].array() == b.scores.values[c].array()).all());
        CHECK(*b2.evaluation[c].auc == *b.evaluation[c].auc);
        CHECK(*b2.evaluation[c].average_precision == *b.evaluation[c].average_precision);
    }
    // another seed draws another sample of the same size, the same kept pairs
    o.threads = 1;
    o.sample_seed = 7;
    const auto b7 = ta::forecast(recs, o);
    CHECK(b7.kept == b.kept);
    CHECK(b7.sampled == b.sampled);
    // bounded with keep_top < top is refused
    o.keep_top = 2;
    CHECK_THROWS_AS(ta::forecast(recs, o), techconv::invalid_argument);
}

TEST_CASE("forecast: Katz above katz_max_nodes is not_computed, exact and bounded") {
    const auto recs = forecast_test::lcg_records();
    ta::forecast_options o;
    o.train_until = 2005;
    o.scores.katz_max_nodes = 5;  // the train graph has more nodes
    for (const tindex bound : {tindex{20000000}, tindex{10}}) {
        o.max_candidates = bound;
        o.keep_top = 3;
        o.top = 3;
        o.sample_size = 4;
        const auto r = ta::forecast(recs, o);
        CHECK(r.bounded == (bound == 10));
        CHECK(r.scores.katz_info == techconv::status::not_computed);
        CHECK(r.scores.values[6].size() == 0);
        CHECK(r.evaluation[6].info == techconv::status::not_computed);
        CHECK_FALSE(r.evaluation[6].auc);
        CHECK(r.evaluation[0].auc);  // the other scores are evaluated
    }
}
