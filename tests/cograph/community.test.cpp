// Tests of Louvain, Leiden, partition quality and the cluster summary.
// Small graphs are checked against hand computations in the comments; the
// Lens co-occurrence graphs against python-igraph's multilevel and Leiden
// and NetworkX's Louvain (tests/cograph/community_reference.py): our
// modularity must reach igraph's multilevel minus 0.001, and igraph must
// agree with our own quality value for our partitions.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cograph_test.hpp"

namespace cg = techconv::cograph;
using idx = techconv::index;
using cograph_test::ipc_level;

namespace {

// Two triangles {0,1,2} and {3,4,5} joined by the edge 2-3 (all weights 1).
cg::graph two_triangles() {
    return cg::graph::from_edges(6, {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {3, 4, 1}, {4, 5, 1}, {3, 5, 1}, {2, 3, 1}});
}

bool valid_partition(const cg::community_result& r, idx n) {
    if (static_cast<idx>(r.membership.size()) != n) return false;
    std::set<idx> ids(r.membership.begin(), r.membership.end());
    if (static_cast<idx>(ids.size()) != r.count) return false;
    if (n > 0 && (*ids.begin() != 0 || *ids.rbegin() != r.count - 1)) return false;
    // community 0 is the largest
    std::vector<idx> size(static_cast<std::size_t>(r.count), 0);
    for (const idx c : r.membership) ++size[static_cast<std::size_t>(c)];
    return std::is_sorted(size.rbegin(), size.rend());
}

}  // namespace

TEST_CASE("communities by hand: two triangles joined by a bridge") {
    const auto g = two_triangles();
    // m = 7; each triangle: internal 3, total strength 2 + 2 + 3 = 7.
    // Q = 2 (3/7 - (7/14)^2) = 5/14.
    for (const bool use_leiden : {false, true}) {
        CAPTURE(use_leiden);
        const auto r = use_leiden ? cg::leiden(g) : cg::louvain(g);
        REQUIRE(valid_partition(r, 6));
        CHECK(r.count == 2);
        CHECK(r.membership[0] == r.membership[1]);
        CHECK(r.membership[0] != r.membership[3]);
        CHECK(r.membership[0] == 0);  // equal sizes: the community of node 0 comes first
        CHECK(r.quality == doctest::Approx(5.0 / 14.0));
    }
    CHECK(cg::modularity(g, {0, 0, 0, 1, 1, 1}) == doctest::Approx(5.0 / 14.0));
    // one community: Q = 7/7 - 1 = 0; resolution 0.5: 1 - 0.5 = 0.5
    CHECK(cg::modularity(g, {0, 0, 0, 0, 0, 0}) == doctest::Approx(0.0));
    CHECK(cg::modularity(g, {4, 4, 4, 4, 4, 4}, 0.5) == doctest::Approx(0.5));
    // CPM, gamma 0.5: each triangle 3 - 0.5 * 3 = 1.5
    CHECK(cg::quality(g, {0, 0, 0, 1, 1, 1}, cg::community_objective::cpm, 0.5) == doctest::Approx(3.0));
    cg::community_options cpm;
    cpm.objective = cg::community_objective::cpm;
    cpm.resolution = 0.5;
    const auto c = cg::leiden(g, cpm);
    CHECK(c.quality == doctest::Approx(3.0));
    // CPM with gamma > 1 on unit weights: every merge loses, singletons remain
    cpm.resolution = 1.5;
    CHECK(cg::leiden(g, cpm).count == 6);
    CHECK(cg::louvain(g, cpm).count == 6);

    const auto s = cg::cluster_summary(g, {0, 0, 0, 1, 1, 1}, 2);
    REQUIRE(s.clusters.size() == 2);
    CHECK(s.clusters[0].size == 3);
    CHECK(s.clusters[0].internal_weight == 3);
    CHECK(s.clusters[0].external_weight == 1);
    CHECK(s.clusters[0].top_nodes == std::vector<idx>{2, 0});  // strength 3, then 2 (ties: lower id)
    CHECK(s.links.coeff(0, 1) == 1);
    CHECK(s.links.coeff(1, 0) == 1);
    CHECK(s.links.coeff(1, 1) == 3);
    CHECK_THROWS_AS(cg::cluster_summary(g, {0, 0}), techconv::invalid_argument);
    CHECK_THROWS_AS(cg::modularity(g, {0, 0, 0, 1, 1, -1}), techconv::invalid_argument);
    cg::community_options bad;
    bad.resolution = -1;
    CHECK_THROWS_AS(cg::louvain(g, bad), techconv::invalid_argument);
}

TEST_CASE("communities: degenerate graphs") {
    const cg::graph empty;
    CHECK(cg::louvain(empty).info == techconv::status::empty_input);
    CHECK(cg::leiden(empty).membership.empty());
    const auto none = cg::graph::from_edges(3, {{0, 0, 1.0}});  // self-loop dropped, no edges
    const auto r = cg::louvain(none);
    CHECK(r.info == techconv::status::zero_denominator);
    CHECK(r.count == 3);
    CHECK(cg::modularity(none, {0, 0, 0}) == 0.0);
    // disconnected: two separate triangles become two communities, never one
    const auto two = cg::graph::from_edges(6, {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {3, 4, 2}, {4, 5, 2}, {3, 5, 2}});
    const auto l = cg::leiden(two);
    CHECK(l.count == 2);
    CHECK(l.membership[0] == 0);  // equal sizes: the community holding node 0 comes first,
    CHECK(l.membership[3] == 1);  // even though the other triangle is heavier
}

TEST_CASE("communities: leiden refines a given partition and never worsens it") {
    const auto g = two_triangles();
    const auto r = cg::leiden(g, {}, {0, 0, 0, 0, 0, 0});
    CHECK(r.count == 2);
    CHECK(r.quality >= cg::modularity(g, {0, 0, 0, 0, 0, 0}));
    CHECK_THROWS_AS(cg::leiden(g, {}, {0, 1}), techconv::invalid_argument);
}

TEST_CASE("real data: Louvain and Leiden reach igraph's modularity, valid, connected, stable" *
          doctest::test_suite("data")) {
    for (const ipc_level lv : {ipc_level::subclass, ipc_level::main_group}) {
        CAPTURE(cograph_test::level_name(lv));
        const auto d = cograph_test::load_lens(lv);
        const auto g = cg::make_graph(d.inc, cg::cooccurrence(d.inc));
        const std::string base = std::string("comm_") + cograph_test::level_name(lv);
        const std::string edges = cograph_test::write_edge_list(g, base + ".txt");
        const double gamma_cpm = 0.5;

        cg::community_options mod;
        const auto lou = cg::louvain(g, mod);
        const auto lei = cg::leiden(g, mod);
        cg::community_options cpm;
        cpm.objective = cg::community_objective::cpm;
        cpm.resolution = gamma_cpm;
        const auto lcpm = cg::leiden(g, cpm);
        for (const auto* r : {&lou, &lei, &lcpm}) CHECK(valid_partition(*r, g.num_nodes()));
        // same seed, same partition; another seed still valid
        CHECK(cg::louvain(g, mod).membership == lou.membership);
        CHECK(cg::leiden(g, mod).membership == lei.membership);
        mod.seed = 7;
        CHECK(valid_partition(cg::leiden(g, mod), g.num_nodes()));

        std::vector<std::string> files;
        for (const auto* r : {&lou, &lei, &lcpm}) {
            std::ostringstream os;
            for (const idx c : r->membership) os << c << '\n';
            files.push_back(techconv_test::temp_path(base + "_" + std::to_string(files.size()) + ".txt"));
            techconv_test::write_file(files.back(), os.str());
        }
        std::vector<std::string> args{edges, "0.5"};
        args.insert(args.end(), files.begin(), files.end());
        const std::string out = techconv_test::run_python("cograph/community_reference.py", args);
        std::istringstream in(out);
        std::map<std::string, double> ref;
        std::vector<std::vector<double>> checks;
        std::string name;
        while (in >> name) {
            if (name == "check") {
                std::vector<double> v(3);
                in >> v[0] >> v[1] >> v[2];
                checks.push_back(v);
            } else {
                in >> ref[name];
            }
        }
        REQUIRE(checks.size() == 3);
        MESSAGE("Q louvain " << lou.quality << ", leiden " << lei.quality << "; igraph multilevel "
                             << ref["multilevel"] << ", igraph leiden " << ref["leiden"] << ", networkx louvain "
                             << ref["nx_louvain"] << "; CPM ours " << lcpm.quality << " igraph " << ref["leiden_cpm"]);
        // igraph computes the same modularity / CPM value for our partitions
        CHECK(techconv_test::close(checks[0][0], lou.quality, 1e-10));
        CHECK(techconv_test::close(checks[1][0], lei.quality, 1e-10));
        CHECK(techconv_test::close(checks[2][1], lcpm.quality, 1e-10));
        // quality at least igraph's multilevel minus 0.001 (issue 5)
        CHECK(lou.quality >= ref["multilevel"] - 0.001);
        CHECK(lei.quality >= ref["multilevel"] - 0.001);
        // CPM has no bound in the issue; Leiden runs land in different local
        // optima (PEERS.md), so ours must be within 0.5% of igraph's.
        CHECK(lcpm.quality >= ref["leiden_cpm"] * (1 - 0.005));
        // Leiden's communities are connected
        CHECK(checks[1][2] == 1.0);
        CHECK(checks[2][2] == 1.0);
        // the summary adds up: internal + external / 2 over clusters = total weight
        const auto s = cg::cluster_summary(g, lei.membership);
        double in_w = 0, ext_w = 0;
        idx nodes = 0;
        for (const auto& c : s.clusters) {
            in_w += c.internal_weight;
            ext_w += c.external_weight;
            nodes += c.size;
        }
        CHECK(nodes == g.num_nodes());
        CHECK(techconv_test::close(in_w + ext_w / 2, g.total_weight(), 1e-12));
    }
}
