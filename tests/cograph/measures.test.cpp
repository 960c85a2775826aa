// Tests of the centralities and structure measures. Small graphs are checked
// against values worked out by hand in the comments; the Lens co-occurrence
// graphs against python-igraph and NetworkX (tests/cograph/graph_reference.py)
// under the matching weight convention, and against Boost.Graph's Brandes.
#include <doctest/doctest.h>

#include <techconv/cograph/boost_graph.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cograph_test.hpp"

namespace cg = techconv::cograph;
using idx = techconv::index;
using cograph_test::ipc_level;

namespace {

std::map<std::string, std::vector<double>> parse_reference(const std::string& out) {
    std::map<std::string, std::vector<double>> m;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string name, tok;
        ls >> name;
        auto& v = m[name];
        while (ls >> tok) v.push_back(tok == "nan" ? std::nan("") : std::stod(tok));
    }
    return m;
}

// Counts nodes where ours and the reference differ by more than rel
// (relative to the larger magnitude, with an absolute floor of rel * max|ref|
// for values that are zero up to rounding). NaN in the reference is skipped.
idx mismatches(const techconv::vector& ours, const std::vector<double>& ref, double rel) {
    REQUIRE(static_cast<std::size_t>(ours.size()) == ref.size());
    double scale = 0;
    for (const double r : ref)
        if (!std::isnan(r)) scale = std::max(scale, std::fabs(r));
    idx bad = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        if (std::isnan(ref[i])) continue;
        if (!techconv_test::close(ours[static_cast<idx>(i)], ref[i], rel, rel * scale)) {
            if (bad < 3) MESSAGE("node " << i << ": ours " << ours[static_cast<idx>(i)] << " reference " << ref[i]);
            ++bad;
        }
    }
    return bad;
}

}  // namespace

TEST_CASE("path measures by hand: a path a-b-c plus a pendant and weights") {
    // Path 0-1-2 with weights 1 and 4, node 3 isolated.
    const auto g = cg::graph::from_edges(4, {{0, 1, 1.0}, {1, 2, 4.0}});
    cg::betweenness_options bo;
    bo.weights = cg::weight_meaning::ignore;
    auto b = cg::betweenness(g, bo);
    CHECK(b.values[1] == 1.0);  // the only shortest 0-2 path passes 1
    CHECK(b.values[0] == 0.0);
    CHECK(b.info == techconv::status::disconnected);
    bo.normalized = true;  // (n-1)(n-2)/2 = 3 pairs
    CHECK(cg::betweenness(g, bo).values[1] == doctest::Approx(1.0 / 3.0));

    cg::closeness_options co;
    co.weights = cg::weight_meaning::similarity;  // lengths 1 and 0.25
    co.scale = cg::closeness_scale::inverse_sum;
    auto c = cg::closeness(g, co);
    CHECK(c.values[0] == doctest::Approx(1.0 / (1.0 + 1.25)));
    CHECK(c.values[1] == doctest::Approx(1.0 / 1.25));
    CHECK(c.values[3] == 0.0);  // isolated: 0 (igraph: NaN)
    co.scale = cg::closeness_scale::mean_reachable;
    CHECK(cg::closeness(g, co).values[0] == doctest::Approx(2.0 / 2.25));
    co.scale = cg::closeness_scale::wasserman_faust;
    co.weights = cg::weight_meaning::distance;  // lengths 1 and 4
    CHECK(cg::closeness(g, co).values[2] == doctest::Approx(4.0 / (3.0 * 9.0)));

    // Square 0-1-2-3-0: two shortest paths between opposite corners.
    const auto sq = cg::graph::from_edges(4, {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 0, 1}});
    b = cg::betweenness(sq);
    CHECK(b.values[0] == doctest::Approx(0.5));  // pair (1,3): half of its paths via 0
    CHECK(b.info == techconv::status::ok);
}

TEST_CASE("path measures by hand: lengths that tie only up to rounding, both searches") {
    // Triangle 0-1-2 with weights as similarities: lengths 1/(10/3) = 0.3
    // (0-1), 1/10 = 0.1 (0-2) and 1/5 = 0.2 (2-1). In binary floating point
    // 0.1 + 0.2 = 0.30000000000000004 != 0.3, but the two 0-1 paths tie within
    // the relative 1e-10 (igraph's rule): node 2 lies on one of the two
    // shortest 0-1 paths, so its betweenness is 1/2. The path found second
    // is the longer one here (alt > d in the relaxation).
    const auto tri = cg::graph::from_edges(3, {{0, 1, 10.0 / 3.0}, {0, 2, 10.0}, {2, 1, 5.0}});
    // Triangle with weights as distances: direct 0-1 is 0.1 + 0.2 =
    // 0.30000000000000004, the path via 2 is 0.15 + 0.15 = 0.3: the second
    // path found is the shorter one by one rounding step (alt < d), and still
    // ties. Node 2 again gets 1/2.
    const auto tri2 = cg::graph::from_edges(3, {{0, 1, 0.1 + 0.2}, {0, 2, 0.15}, {2, 1, 0.15}});
    // Square 0-1-2-3 plus chord 0-2 of length 3 (distance): from 0 the
    // shortest paths to 2 are 0-1-2 and 0-3-2 (length 2, the chord is
    // longer), so nodes 1 and 3 each get 1/2 for the pair (0, 2); likewise
    // for (1, 3) via 0 or 2: every node has betweenness 1/2.
    const auto sq = cg::graph::from_edges(4, {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 0, 1}, {0, 2, 3}});
    for (const auto m : {cg::shortest_path_method::automatic, cg::shortest_path_method::heap,
                         cg::shortest_path_method::dense_array}) {
        CAPTURE(static_cast<int>(m));
        cg::betweenness_options bo;
        bo.method = m;
        auto b = cg::betweenness(tri, bo);
        CHECK(b.values[2] == doctest::Approx(0.5));
        CHECK(b.values[0] == 0.0);
        CHECK(b.values[1] == 0.0);
        bo.weights = cg::weight_meaning::distance;
        b = cg::betweenness(tri2, bo);
        CHECK(b.values[2] == doctest::Approx(0.5));
        b = cg::betweenness(sq, bo);
        for (idx v = 0; v < 4; ++v) CHECK(b.values[v] == doctest::Approx(0.5));
        cg::closeness_options co;
        co.method = m;
        // from 0: distances 0.3 (to 1) and 0.1 (to 2): (r - 1) / sum = 2 / 0.4
        CHECK(cg::closeness(tri, co).values[0] == doctest::Approx(5.0));
        co.weights = cg::weight_meaning::distance;
        co.scale = cg::closeness_scale::inverse_sum;
        // from 0 in the square: 1 + 2 + 1
        CHECK(cg::closeness(sq, co).values[0] == doctest::Approx(0.25));
    }
}

TEST_CASE("eigenvector, PageRank, clustering by hand") {
    // Triangle 0-1-2 plus pendant 3 on 0.
    const auto g = cg::graph::from_edges(4, {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {0, 3, 1}});
    const auto pr = cg::pagerank(g);
    CHECK(pr.values.sum() == doctest::Approx(1.0));
    CHECK(pr.values[1] == doctest::Approx(pr.values[2]));
    CHECK(pr.info == techconv::status::ok);
    const auto ev = cg::eigenvector_centrality(g);
    CHECK(ev.values.maxCoeff() == doctest::Approx(1.0));
    CHECK(ev.values[0] == 1.0);  // the hub
    // eigen-equation: lambda x = A x at node 3 (neighbour 0 only)
    CHECK(ev.eigenvalue * ev.values[3] == doctest::Approx(ev.values[0]));
    const auto cl = cg::clustering(g);
    CHECK(cl.local[1] == 1.0);                              // its two neighbours are linked
    CHECK(cl.local[0] == doctest::Approx(1.0 / 3.0));       // 1 of 3 neighbour pairs
    CHECK(cl.local[3] == 0.0);                              // degree 1
    CHECK(cl.triangles == 1);
    CHECK(cl.transitivity == doctest::Approx(3.0 / 5.0));  // 3 x 1 triangle / (3 + 1 + 1) triples
    CHECK(cl.average == doctest::Approx((1.0 / 3.0 + 2.0) / 4.0));
    CHECK(cl.average_defined == doctest::Approx((1.0 / 3.0 + 2.0) / 3.0));
}

TEST_CASE("clustering: bit rows and the degree-ordered listing agree") {
    // K5 minus the edge 3-4: the triangles are the 4 of K4 on {0,1,2,3}, the
    // 4 of K4 on {0,1,2,4} minus their shared one {0,1,2}: 7 in all.
    // Node 0 has 4 neighbours (6 pairs, all linked but 3-4): local 5/6.
    std::vector<cg::edge> k5;
    for (idx u = 0; u < 5; ++u)
        for (idx v = u + 1; v < 5; ++v)
            if (!(u == 3 && v == 4)) k5.push_back({u, v, static_cast<double>(1 + u + v)});
    const auto g5 = cg::graph::from_edges(5, k5);
    // 1 word of bits per row, more than a quarter of the mean degree 3.6:
    // clustering() lists triangles by orientation; bit rows are called directly.
    CHECK_FALSE(techconv::cograph::detail::use_bit_rows(g5));
    const auto cl5 = cg::clustering(g5);
    CHECK(cl5.triangles == 7);
    CHECK(cl5.local[0] == doctest::Approx(5.0 / 6.0));
    CHECK(cl5.local[3] == 1.0);  // neighbours 0, 1, 2 all linked
    const std::vector<double> at_node = {5, 5, 5, 3, 3};  // node 3: {0,1,2} pairs; likewise node 4
    CHECK(techconv::cograph::detail::count_triangles_bit_rows(g5, false, 1).count == at_node);
    CHECK(techconv::cograph::detail::count_triangles(g5, cg::clustering_weighting::none, 1).count == at_node);

    // A seeded pseudo-random graph of density about 0.6 on 150 nodes: the
    // two counters must give the same triangle counts exactly and the same
    // Barrat numerators up to rounding.
    std::vector<cg::edge> es;
    std::uint64_t state = 12345;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    for (idx u = 0; u < 150; ++u)
        for (idx v = u + 1; v < 150; ++v)
            if (next() % 10 < 6) es.push_back({u, v, static_cast<double>(1 + next() % 7)});
    const auto g = cg::graph::from_edges(150, es);
    CHECK(techconv::cograph::detail::use_bit_rows(g));
    for (const bool barrat : {false, true}) {
        const auto a = techconv::cograph::detail::count_triangles_bit_rows(g, barrat, 1);
        const auto b = techconv::cograph::detail::count_triangles(
            g, barrat ? cg::clustering_weighting::barrat : cg::clustering_weighting::none, 2);
        CHECK(a.count == b.count);
        if (barrat)
            for (std::size_t v = 0; v < 150; ++v) CHECK(techconv_test::close(a.wsum[v], b.wsum[v], 1e-13, 0.0));
    }
}

TEST_CASE("degenerate graphs: empty, one node, no edges, disconnected") {
    const cg::graph empty;
    CHECK(cg::betweenness(empty).info == techconv::status::empty_input);
    CHECK(cg::closeness(empty).info == techconv::status::empty_input);
    CHECK(cg::pagerank(empty).info == techconv::status::empty_input);
    CHECK(cg::eigenvector_centrality(empty).info == techconv::status::empty_input);
    CHECK(cg::clustering(empty).info == techconv::status::empty_input);
    CHECK(cg::connected_components(empty).count == 0);

    const auto one = cg::graph::from_edges(1, {});
    CHECK(cg::betweenness(one).values[0] == 0.0);
    CHECK(cg::closeness(one).values[0] == 0.0);
    CHECK(cg::pagerank(one).values[0] == 1.0);
    CHECK(cg::eigenvector_centrality(one).values[0] == 1.0);
    CHECK(cg::clustering(one).info == techconv::status::zero_denominator);

    const auto none = cg::graph::from_edges(3, {{1, 1, 2.0}});  // a self-loop only: dropped
    CHECK(none.num_edges() == 0);
    CHECK(none.dropped_self_loops() == 1);
    const auto pr = cg::pagerank(none);
    CHECK(pr.values[2] == doctest::Approx(1.0 / 3.0));
    CHECK(cg::eigenvector_centrality(none).eigenvalue == 0.0);
    CHECK(cg::connected_components(none).count == 3);
    CHECK(cg::closeness(none).info == techconv::status::disconnected);

    // two disjoint edges: PageRank is uniform, betweenness zero
    const auto two = cg::graph::from_edges(4, {{0, 1, 1}, {2, 3, 5}});
    CHECK(cg::pagerank(two).values[3] == doctest::Approx(0.25));
    CHECK(cg::betweenness(two).values.sum() == 0.0);
    CHECK_THROWS_AS(cg::pagerank(two, {true, cg::eigen_scale::max_one, 1.0}), techconv::invalid_argument);
}

TEST_CASE("real data: centralities equal python-igraph and NetworkX, Boost.Graph, any thread count" *
          doctest::test_suite("data")) {
    for (const ipc_level lv : {ipc_level::subclass, ipc_level::main_group}) {
        CAPTURE(cograph_test::level_name(lv));
        const auto d = cograph_test::load_lens(lv);
        const auto g = cg::make_graph(d.inc, cg::cooccurrence(d.inc));
        const std::string edges = cograph_test::write_edge_list(g, std::string("lens_") + cograph_test::level_name(lv) + ".txt");
        auto ig = parse_reference(techconv_test::run_python("cograph/graph_reference.py", {edges, "igraph"}));
        const double tol = 1e-9;

        CHECK(mismatches(cg::strength(g), ig["strength"], 0.0) == 0);
        CHECK(mismatches(cg::degree(g), ig["degree"], 0.0) == 0);
        const cg::weight_meaning meanings[] = {cg::weight_meaning::ignore, cg::weight_meaning::distance,
                                               cg::weight_meaning::similarity};
        const char* suffix[] = {"_u", "_d", "_s"};
        for (int k = 0; k < 3; ++k) {
            CAPTURE(suffix[k]);
            cg::betweenness_options bo;
            bo.weights = meanings[k];
            const auto b1 = cg::betweenness(g, bo);
            CHECK(mismatches(b1.values, ig[std::string("betweenness") + suffix[k]], tol) == 0);
            bo.threads = 2;
            CHECK(b1.values == cg::betweenness(g, bo).values);  // bit-identical
            // Boost.Graph compares path lengths exactly (see the NetworkX note
            // below): checked where lengths are integers, so ties are exact.
            if (meanings[k] != cg::weight_meaning::similarity)
                CHECK(mismatches(cg::boost_betweenness(g, meanings[k]), ig[std::string("betweenness") + suffix[k]], tol) == 0);
            cg::closeness_options co;
            co.weights = meanings[k];
            const auto c1 = cg::closeness(g, co);
            CHECK(mismatches(c1.values, ig[std::string("closeness") + suffix[k]], tol) == 0);
            co.threads = 2;
            CHECK(cg::closeness(g, co).values == c1.values);  // bit-identical
            co.threads = 1;
            // Both weighted searches forced in turn: each agrees with igraph,
            // and they settle nodes in the same order, so the values are the
            // same bit for bit.
            for (const auto m : {cg::shortest_path_method::heap, cg::shortest_path_method::dense_array}) {
                CAPTURE(static_cast<int>(m));
                bo.threads = 1;
                bo.method = m;
                const auto bm = cg::betweenness(g, bo);
                CHECK(mismatches(bm.values, ig[std::string("betweenness") + suffix[k]], tol) == 0);
                CHECK(bm.values == b1.values);
                co.method = m;
                const auto cm = cg::closeness(g, co);
                CHECK(mismatches(cm.values, ig[std::string("closeness") + suffix[k]], tol) == 0);
                CHECK(cm.values == c1.values);
            }
        }
        cg::closeness_options raw;
        raw.scale = cg::closeness_scale::inverse_sum;
        CHECK(mismatches(cg::closeness(g, raw).values, ig["closeness_s_raw"], tol) == 0);

        const auto ev = cg::eigenvector_centrality(g);
        CHECK(ev.info == techconv::status::ok);
        CHECK(mismatches(ev.values, ig["eigenvector"], tol) == 0);
        cg::spectral_options unw;
        unw.weighted = false;
        CHECK(mismatches(cg::eigenvector_centrality(g, unw).values, ig["eigenvector_u"], tol) == 0);
        const auto pr = cg::pagerank(g);
        CHECK(pr.info == techconv::status::ok);
        CHECK(mismatches(pr.values, ig["pagerank"], tol) == 0);
        CHECK(mismatches(cg::pagerank(g, unw).values, ig["pagerank_u"], tol) == 0);

        const auto cl = cg::clustering(g);
        CHECK(mismatches(cl.local, ig["local"], 1e-12) == 0);
        CHECK(techconv_test::close(cl.transitivity, ig["transitivity"][0], 1e-12));
        cg::clustering_options barrat;
        barrat.weighting = cg::clustering_weighting::barrat;
        CHECK(mismatches(cg::clustering(g, barrat).local, ig["barrat"], 1e-12) == 0);

        const auto cc = cg::connected_components(g);
        std::vector<double> sizes(cc.sizes.begin(), cc.sizes.end());
        std::sort(sizes.rbegin(), sizes.rend());
        CHECK(sizes == ig["components"]);

        // NetworkX is pure Python: compared on the subclass graph only (the
        // main-group graph takes about a minute there).
        if (lv != ipc_level::subclass) continue;
        auto nx = parse_reference(techconv_test::run_python("cograph/graph_reference.py", {edges, "networkx"}));
        // NetworkX's Dijkstra compares path lengths exactly, so sums of 1/w
        // that tie only up to rounding split differently there; with integer
        // lengths (weight = distance) ties are exact and both must agree.
        cg::betweenness_options bs;
        bs.weights = cg::weight_meaning::distance;
        CHECK(mismatches(cg::betweenness(g, bs).values, nx["betweenness_d"], tol) == 0);
        cg::betweenness_options bn;
        bn.weights = cg::weight_meaning::ignore;
        bn.normalized = true;
        CHECK(mismatches(cg::betweenness(g, bn).values, nx["betweenness_u_norm"], tol) == 0);
        cg::closeness_options wf;
        wf.scale = cg::closeness_scale::wasserman_faust;
        CHECK(mismatches(cg::closeness(g, wf).values, nx["closeness_s_wf"], tol) == 0);
        wf.weights = cg::weight_meaning::ignore;
        CHECK(mismatches(cg::closeness(g, wf).values, nx["closeness_u_wf"], tol) == 0);
        cg::clustering_options onnela;
        onnela.weighting = cg::clustering_weighting::onnela;
        const auto on = cg::clustering(g, onnela);
        CHECK(mismatches(on.local, nx["onnela"], 1e-12) == 0);
        CHECK(techconv_test::close(cl.average, nx["average_clustering"][0], 1e-12));
        CHECK(techconv_test::close(cg::density(g), nx["density"][0], 1e-14));
    }
}

TEST_CASE("Boost.Graph adapter round trip") {
    const auto g = cg::graph::from_edges(3, {{0, 1, 2.0}, {1, 2, 3.0}}, {"a", "b", "c"});
    const auto b = cg::to_boost_graph(g);
    CHECK(boost::num_vertices(b) == 3);
    CHECK(boost::num_edges(b) == 2);
    CHECK(boost::get(boost::vertex_name, b, 1) == "b");
    const auto back = cg::from_boost_graph(b, g.labels());
    CHECK(back.num_edges() == 2);
    CHECK(back.neighbors(1).weight(1) == 3.0);
    CHECK(cg::boost_betweenness(g, cg::weight_meaning::ignore)[1] == 1.0);
}
