// Tests of the link-prediction scores (cograph/link_prediction.hpp). A small
// weighted graph is worked out by hand in the comments; a small graph and the
// Lens jet-engine subclass graph are checked pair by pair against NetworkX's
// common_neighbors, jaccard_coefficient, adamic_adar_index,
// resource_allocation_index and preferential_attachment, numpy's inverse of
// I - beta A for Katz, and the weighted sums over NetworkX's common neighbours
// (tests/cograph/link_reference.py).
#include <doctest/doctest.h>

#include <techconv/cograph/link_prediction.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cograph_test.hpp"

namespace cg = techconv::cograph;
using idx = techconv::index;

namespace {

// 0-1 (w 2), 0-2 (w 1), 1-2 (w 3), 1-3 (w 1), 2-3 (w 2), 3-4 (w 1).
// Degrees k = (2, 3, 3, 3, 1), strengths s = (3, 6, 6, 4, 1).
// Unlinked pairs: (0,3), (0,4), (1,4), (2,4).
cg::graph hand_graph() {
    return cg::graph::from_edges(5, {{0, 1, 2}, {0, 2, 1}, {1, 2, 3}, {1, 3, 1}, {2, 3, 2}, {3, 4, 1}});
}

// Compares every score of every pair with the reference lines "u v cn jac salton aa ra pa katz wcn waa wra".
void check_against_reference(const cg::graph& g, double beta, const std::string& name) {
    const auto pairs = cg::non_edges(g);
    cg::link_prediction_options o;
    o.katz_beta = beta;
    const auto s = cg::link_prediction(g, pairs, o);
    REQUIRE(s.katz_info == techconv::status::ok);
    const auto edges = cograph_test::write_edge_list(g, name);
    std::istringstream ref(techconv_test::run_python("cograph/link_reference.py", {edges, techconv::io::format_double(beta)}));
    std::string line;
    std::size_t k = 0;
    idx bad = 0;
    while (std::getline(ref, line)) {
        REQUIRE(k < pairs.size());
        const auto v = techconv_test::parse_numbers(line);
        REQUIRE(v.size() == 2 + cg::link_score_count);
        REQUIRE(static_cast<idx>(v[0]) == pairs[k].source);
        REQUIRE(static_cast<idx>(v[1]) == pairs[k].target);
        for (std::size_t c = 0; c < cg::link_score_count; ++c) {
            const double ours = s.values[c][static_cast<idx>(k)];
            // Katz: two different solvers (Cholesky here, numpy's LU there) agree to rounding
            // of the n x n inverse, relative to its largest entry
            const double tol_abs = c == 6 ? 1e-10 : 0.0;
            if (!techconv_test::close(ours, v[2 + c], 1e-11, tol_abs)) {
                if (bad < 5)
                    MESSAGE(cg::link_score_names[c] << " of (" << pairs[k].source << ", " << pairs[k].target
                                                    << "): ours " << ours << " reference " << v[2 + c]);
                ++bad;
            }
        }
        ++k;
    }
    CHECK(k == pairs.size());
    CHECK(bad == 0);
}

}  // namespace

TEST_CASE("link prediction by hand: a small weighted graph") {
    const auto g = hand_graph();
    const auto pairs = cg::non_edges(g);
    REQUIRE(pairs.size() == 4);
    CHECK(pairs[0].source == 0);
    CHECK(pairs[0].target == 3);
    CHECK(pairs[3].source == 2);
    CHECK(pairs[3].target == 4);
    const auto s = cg::link_prediction(g, pairs);
    const auto& cn = s.score("common_neighbours");
    // (0,3): common {1, 2}; union {1, 2, 4}
    CHECK(cn[0] == 2);
    CHECK(s.score("jaccard")[0] == doctest::Approx(2.0 / 3.0).epsilon(1e-14));
    CHECK(s.score("salton")[0] == doctest::Approx(2.0 / std::sqrt(6.0)).epsilon(1e-14));
    CHECK(s.score("adamic_adar")[0] == doctest::Approx(2.0 / std::log(3.0)).epsilon(1e-14));
    CHECK(s.score("resource_allocation")[0] == doctest::Approx(2.0 / 3.0).epsilon(1e-14));
    CHECK(s.score("preferential_attachment")[0] == 6);
    // weighted: z = 1 gives w01 + w13 = 3, z = 2 gives w02 + w23 = 3; s_1 = s_2 = 6
    CHECK(s.score("weighted_common_neighbours")[0] == doctest::Approx(6.0).epsilon(1e-14));
    CHECK(s.score("weighted_adamic_adar")[0] == doctest::Approx(6.0 / std::log(7.0)).epsilon(1e-14));
    CHECK(s.score("weighted_resource_allocation")[0] == doctest::Approx(1.0).epsilon(1e-14));
    // (0,4): no common neighbour; union {1, 2, 3}
    CHECK(cn[1] == 0);
    CHECK(s.score("jaccard")[1] == 0);
    CHECK(s.score("adamic_adar")[1] == 0);
    CHECK(s.score("preferential_attachment")[1] == 2);
    CHECK(s.score("weighted_common_neighbours")[1] == 0);
    // (1,4): common {3} (k 3, s 4); union {0, 2, 3}; w13 + w34 = 2
    CHECK(cn[2] == 1);
    CHECK(s.score("jaccard")[2] == doctest::Approx(1.0 / 3.0).epsilon(1e-14));
    CHECK(s.score("salton")[2] == doctest::Approx(1.0 / std::sqrt(3.0)).epsilon(1e-14));
    CHECK(s.score("weighted_common_neighbours")[2] == doctest::Approx(2.0).epsilon(1e-14));
    CHECK(s.score("weighted_adamic_adar")[2] == doctest::Approx(2.0 / std::log(5.0)).epsilon(1e-14));
    CHECK(s.score("weighted_resource_allocation")[2] == doctest::Approx(0.5).epsilon(1e-14));
    // (2,4): common {3}; w23 + w34 = 3
    CHECK(s.score("weighted_common_neighbours")[3] == doctest::Approx(3.0).epsilon(1e-14));
    CHECK(s.score("weighted_resource_allocation")[3] == doctest::Approx(0.75).epsilon(1e-14));
    // weight exponent 0: every w^0 = 1, so weighted CN = 2 CN
    cg::link_prediction_options o0;
    o0.weight_exponent = 0;
    const auto s0 = cg::link_prediction(g, pairs, o0);
    for (idx k = 0; k < 4; ++k) CHECK(s0.score("weighted_common_neighbours")[k] == 2 * cn[k]);
    CHECK_THROWS_AS(s.score("sorensen"), techconv::invalid_argument);
}

TEST_CASE("link prediction: Katz on a path by hand, its convergence bound and the automatic beta") {
    // Path 0-1-2: lambda_max = sqrt 2. With beta 0.5, (I - beta A)^-1 has det 0.5 and
    // entry (0,2) = 0.25 / 0.5 = 0.5 = sum_l beta^l (A^l)_02 = 0.25 + 0.125 + 0.0625 + ...
    const auto g = cg::graph::from_edges(3, {{0, 1, 1}, {1, 2, 5}});
    const std::vector<cg::node_pair> p{{0, 2}};
    cg::link_prediction_options o;
    o.katz_beta = 0.5;
    auto s = cg::link_prediction(g, p, o);
    CHECK(s.katz_info == techconv::status::ok);
    CHECK(s.lambda_max == doctest::Approx(std::sqrt(2.0)).epsilon(1e-12));
    CHECK(s.score("katz")[0] == doctest::Approx(0.5).epsilon(1e-12));
    o.katz_beta = 0.8;  // 0.8 sqrt 2 > 1: the series diverges
    s = cg::link_prediction(g, p, o);
    CHECK(s.katz_info == techconv::status::not_converged);
    CHECK(s.score("katz").size() == 0);
    CHECK(s.score("common_neighbours")[0] == 1);  // the other scores are still there
    o.katz_beta = 0;  // automatic: 0.5 / sqrt 2
    s = cg::link_prediction(g, p, o);
    CHECK(s.katz_beta == doctest::Approx(0.5 / std::sqrt(2.0)).epsilon(1e-12));
    o.katz_beta = -1;
    CHECK_THROWS_AS(cg::link_prediction(g, p, o), techconv::invalid_argument);
    CHECK_THROWS_AS(cg::link_prediction(g, {{2, 0}}), techconv::invalid_argument);
    CHECK_THROWS_AS(cg::link_prediction(g, {{0, 3}}), techconv::invalid_argument);
    // a graph without edges: Katz 0 for every pair, status empty_input
    const auto e = cg::graph::from_edges(3, {});
    const auto se = cg::link_prediction(e, cg::non_edges(e));
    CHECK(se.katz_info == techconv::status::empty_input);
    CHECK(se.score("katz").size() == 3);
    CHECK(se.score("katz").isZero());
}

TEST_CASE("link prediction against NetworkX and numpy: the hand graph") {
    check_against_reference(hand_graph(), 0.1, "link_hand.txt");
}

TEST_CASE("link prediction against NetworkX and numpy: Lens jet-engine subclass graph") {
    const auto d = cograph_test::load_lens(cograph_test::ipc_level::subclass);
    const auto g = cg::make_graph(d.inc, cg::cooccurrence(d.inc));
    REQUIRE(g.num_nodes() > 20);
    const double beta = 0.5 / cg::adjacency_lambda_max(g);
    check_against_reference(g, beta, "link_lens.txt");
}

TEST_CASE("link prediction: the same scores for 1 and 3 threads") {
    const auto d = cograph_test::load_lens(cograph_test::ipc_level::subclass);
    const auto g = cg::make_graph(d.inc, cg::cooccurrence(d.inc));
    const auto pairs = cg::non_edges(g);
    cg::link_prediction_options o;
    const auto a = cg::link_prediction(g, pairs, o);
    o.threads = 3;
    const auto b = cg::link_prediction(g, pairs, o);
    for (std::size_t c = 0; c < cg::link_score_count; ++c) CHECK((a.values[c].array() == b.values[c].array()).all());
}
