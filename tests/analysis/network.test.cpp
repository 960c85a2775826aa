// SPDX-License-Identifier: BSL-1.0
// analysis::network ([KCT] §2.2) on small record sets whose network is worked
// out by hand in the comments, and the column choices of the cograph writers
// that the command's nodes.csv, edges.csv and network.dot go through.
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <techconv/analysis/network.hpp>
#include <techconv/cograph/export.hpp>

namespace ta = techconv::analysis;
namespace tio = techconv::io;
namespace tcc = techconv::classification;
namespace cg = techconv::cograph;
using tindex = techconv::index;

namespace {

tio::patent_record rec(std::vector<std::string> ipc, techconv::year_type year, const std::string& country) {
    tio::patent_record r;
    r.ipc = std::move(ipc);
    r.application_year = year;
    if (!country.empty()) r.applicants = {{"A", tio::applicant_type::company, country}};
    return r;
}

// R1 {G06F, H04N, G06T} 2010 US; R2 {G06F, G06T} 2010 US; R3 {H04N, A61B} 2011 JP;
// R4 {invalid, G06F} no year, no country; R5 {} 2011 JP.
std::vector<tio::patent_record> five_records() {
    return {rec({"G06F17/30", "H04N5/232", "G06T7/00"}, 2010, "US"), rec({"G06F3/01", "G06T1/00"}, 2010, "US"),
            rec({"H04N7/18", "A61B5/00"}, 2011, "JP"), rec({"XYZ", "G06F9/44"}, techconv::no_year, ""),
            rec({}, 2011, "JP")};
}

tindex node(const cg::graph& g, const std::string& label) {
    for (tindex v = 0; v < g.num_nodes(); ++v)
        if (g.label(v) == label) return v;
    return techconv::no_index;
}

}  // namespace

TEST_CASE("network_code: ipc_code::truncate at each level, compact text") {
    CHECK(ta::network_code("G06F17/30", tcc::ipc_level::section) == "G");
    CHECK(ta::network_code("G06F17/30", tcc::ipc_level::class_) == "G06");
    CHECK(ta::network_code("G06F17/30", tcc::ipc_level::subclass) == "G06F");
    CHECK(ta::network_code("G06F17/30", tcc::ipc_level::main_group) == "G06F17/00");
    CHECK(ta::network_code("G06F", tcc::ipc_level::subclass) == "G06F");
    CHECK_FALSE(ta::network_code("G06", tcc::ipc_level::subclass));       // coarser than the level
    CHECK_FALSE(ta::network_code("G06F", tcc::ipc_level::main_group));
    CHECK_FALSE(ta::network_code("XYZ", tcc::ipc_level::section));        // not a symbol
    CHECK(ta::network_code("Y02T50/60", tcc::ipc_level::subclass) == "Y02T");  // CPC section Y
}

TEST_CASE("network: nodes, measures, convergence index and gap by hand") {
    const auto recs = five_records();
    const auto r = ta::network(recs);
    const auto& g = r.graph;
    // subclasses, ascending: A61B, G06F, G06T, H04N; "XYZ" rejected
    REQUIRE(g.num_nodes() == 4);
    CHECK(g.label(0) == "A61B");
    CHECK(g.label(3) == "H04N");
    CHECK(r.rejected_codes == 1);
    // edges: A61B-H04N 1 (R3), G06F-G06T 2 (R1, R2), G06F-H04N 1 (R1), G06T-H04N 1 (R1)
    CHECK(g.num_edges() == 4);
    const tindex a = node(g, "A61B"), f = node(g, "G06F"), t = node(g, "G06T"), h = node(g, "H04N");
    CHECK(g.node_weight(f) == 3);  // R1, R2, R4
    CHECK(r.nodes.degree[h] == 3);
    CHECK(r.nodes.strength[a] == 1);
    CHECK(r.nodes.strength[f] == 3);  // 2 + 1
    CHECK(r.nodes.strength[t] == 3);
    CHECK(r.nodes.strength[h] == 3);
    // CI = (records - distinct subclasses) / records = (5 - 4) / 5 ([KCT] §2.2.3; R5 counts)
    CHECK(r.summary.records == 5);
    CHECK(r.summary.records_with_codes == 4);
    CHECK(r.summary.convergence_index == doctest::Approx(0.2));
    // main codes: G06F (R1, R2, R4: first valid code), H04N (R3) -> 2; gap 4 - 2 = 2
    CHECK(r.summary.convergence.distinct_all == 4);
    CHECK(r.summary.convergence.distinct_main == 2);
    CHECK(r.summary.convergence.gap() == 2);
    CHECK(r.summary.convergence.index_main == doctest::Approx(0.6));  // (5 - 2) / 5
    // top nodes by strength, ties by id: G06F, G06T, H04N, A61B
    CHECK(r.summary.top_nodes == std::vector<std::string>{"G06F", "G06T", "H04N", "A61B"});
    // every node measure has one value per node
    CHECK(r.nodes.betweenness.size() == 4);
    CHECK(r.nodes.closeness.size() == 4);
    CHECK(r.nodes.eigenvector.size() == 4);
    CHECK(r.nodes.pagerank.size() == 4);
    CHECK(r.nodes.cluster.size() == 4);
    CHECK(r.nodes.title == std::vector<std::string>(4));  // no title table
}

TEST_CASE("network: local clustering coefficient (Onnela, NetworkX weight=) by hand") {
    const auto r = ta::network(five_records());
    const auto& g = r.graph;
    // one triangle G06F-G06T-H04N with weights 2, 1, 1; normalised by the largest weight 2:
    // 1, 0.5, 0.5; geometric mean (0.25)^(1/3). c_v = that / (k_v (k_v - 1) / 2).
    const double tri = std::cbrt(0.25);
    CHECK(r.nodes.clustering[node(g, "G06F")] == doctest::Approx(tri));      // k = 2
    CHECK(r.nodes.clustering[node(g, "G06T")] == doctest::Approx(tri));      // k = 2
    CHECK(r.nodes.clustering[node(g, "H04N")] == doctest::Approx(tri / 3));  // k = 3
    CHECK(r.nodes.clustering[node(g, "A61B")] == 0);                          // k = 1
    ta::network_options o;
    o.clustering = cg::clustering_weighting::none;  // unweighted: 1 triangle of k(k-1)/2 pairs
    const auto u = ta::network(five_records(), o);
    CHECK(u.nodes.clustering[node(u.graph, "G06F")] == doctest::Approx(1.0));
    CHECK(u.nodes.clustering[node(u.graph, "H04N")] == doctest::Approx(1.0 / 3));
}

TEST_CASE("network: section block matrix by hand") {
    const auto r = ta::network(five_records());
    const auto& s = r.sections;
    // sections A (A61B), G (G06F, G06T), H (H04N)
    REQUIRE(s.sections == std::vector<std::string>{"A", "G", "H"});
    CHECK(s.nodes == std::vector<tindex>{1, 2, 1});
    // A-H: A61B-H04N 1; G-G: G06F-G06T 2; G-H: G06F-H04N 1 + G06T-H04N 1 = 2
    CHECK(s.weights(0, 0) == 0);
    CHECK(s.weights(0, 1) == 0);
    CHECK(s.weights(0, 2) == 1);
    CHECK(s.weights(2, 0) == 1);
    CHECK(s.weights(1, 1) == 2);
    CHECK(s.weights(1, 2) == 2);
    CHECK(s.weights(2, 1) == 2);
    CHECK(s.weights(2, 2) == 0);
    CHECK(r.summary.sections == 3);
    CHECK(r.summary.cross_section_links == 3);  // A61B-H04N, G06F-H04N, G06T-H04N
}

TEST_CASE("network: yearly series with analysis::patent_year") {
    const auto r = ta::network(five_records());
    // 2010: R1, R2 -> codes G06F, G06T, H04N: CI (2 - 3) / 2; 2011: R3, R5 -> H04N, A61B: CI 0; R4 has no year
    REQUIRE(r.years.size() == 2);
    CHECK(r.years[0].year == 2010);
    CHECK(r.years[0].records == 2);
    CHECK(r.years[0].codes == 3);
    CHECK(r.years[0].convergence_index == doctest::Approx(-0.5));
    CHECK(r.years[1].year == 2011);
    CHECK(r.years[1].records == 2);
    CHECK(r.years[1].codes == 2);
    CHECK(r.years[1].convergence_index == 0);
}

TEST_CASE("network: per-country groups with analysis::patent_country") {
    ta::network_options o;
    o.group_by_country = ta::country_source::automatic;
    const auto r = ta::network(five_records(), o);
    // JP {R3, R5}, US {R1, R2}, (unknown) {R4}: by records descending, ties by name
    REQUIRE(r.groups.size() == 3);
    CHECK(r.groups[0].name == "JP");
    CHECK(r.groups[1].name == "US");
    CHECK(r.groups[2].name == "(unknown)");
    CHECK(r.groups[0].summary.nodes == 2);  // H04N, A61B
    CHECK(r.groups[0].summary.edges == 1);
    CHECK(r.groups[0].summary.convergence_index == 0);  // (2 - 2) / 2
    CHECK(r.groups[1].summary.nodes == 3);              // G06F, G06T, H04N
    CHECK(r.groups[1].summary.edges == 3);
    CHECK(r.groups[1].summary.convergence_index == doctest::Approx(-0.5));
    CHECK(r.groups[1].graph.num_nodes() == 3);
    CHECK(r.groups[1].strength.size() == 3);
    CHECK(r.groups[1].cluster.size() == 3);
    CHECK(r.groups[2].summary.nodes == 1);  // G06F
}

TEST_CASE("network: two technology clusters and their link") {
    // triangle A01B-A01C-A01D and triangle H04L-H04N-H04W, one bridge A01B-H04N
    std::vector<tio::patent_record> recs;
    for (const auto& p : std::vector<std::vector<std::string>>{{"A01B1/00", "A01C1/00"}, {"A01B1/00", "A01D1/00"},
                                                               {"A01C1/00", "A01D1/00"}, {"H04N1/00", "H04L1/00"},
                                                               {"H04L1/00", "H04W4/00"}, {"H04N1/00", "H04W4/00"},
                                                               {"A01B1/00", "H04N1/00"}})
        recs.push_back(rec(p, 2020, "US"));
    const auto r = ta::network(recs);
    REQUIRE(r.clusters.size() == 2);
    CHECK(r.clusters[0].size == 3);
    CHECK(r.clusters[1].size == 3);
    CHECK(r.clusters[0].internal_weight == 3);
    CHECK(r.clusters[0].external_weight == 1);
    REQUIRE(r.cluster_links.size() == 1);  // only the bridge joins them
    CHECK(r.cluster_links[0].first == 0);
    CHECK(r.cluster_links[0].second == 1);
    CHECK(r.cluster_links[0].edges == 1);
    CHECK(r.cluster_links[0].weight == 1);
    // the bridge ends lead their clusters (strength 3 vs 2)
    const auto& g = r.graph;
    CHECK((g.label(r.clusters[0].top_nodes[0]) == "A01B" || g.label(r.clusters[0].top_nodes[0]) == "H04N"));
    // sections: A-A 3, A-H 1, H-H 3
    CHECK(r.sections.weights(0, 0) == 3);
    CHECK(r.sections.weights(0, 1) == 1);
    CHECK(r.sections.weights(1, 1) == 3);
    // modularity of the split: 2 x [3/7 - (7/14)^2] = 6/7 - 1/2
    CHECK(r.summary.modularity == doctest::Approx(6.0 / 7 - 0.5));
}

TEST_CASE("network: same result for any thread count") {
    std::vector<tio::patent_record> recs;
    const char* codes[] = {"A01B1/00", "B60K6/00", "G06F3/00", "G06T7/00", "H04N5/00", "H04L9/00", "F02C7/00", "B64D27/00"};
    for (int i = 0; i < 200; ++i) {
        std::vector<std::string> c;
        for (int k = 0; k < 1 + i % 4; ++k) c.push_back(codes[(i * 7 + k * 3) % 8]);
        recs.push_back(rec(c, static_cast<techconv::year_type>(2000 + i % 9), i % 3 ? "US" : "DE"));
    }
    ta::network_options one, four;
    one.group_by_country = four.group_by_country = ta::country_source::automatic;
    four.threads = 4;
    const auto a = ta::network(recs, one);
    const auto b = ta::network(recs, four);
    CHECK(a.nodes.betweenness == b.nodes.betweenness);
    CHECK(a.nodes.closeness == b.nodes.closeness);
    CHECK(a.nodes.eigenvector == b.nodes.eigenvector);
    CHECK(a.nodes.pagerank == b.nodes.pagerank);
    CHECK(a.nodes.clustering == b.nodes.clustering);
    CHECK(a.nodes.cluster == b.nodes.cluster);
    REQUIRE(a.groups.size() == b.groups.size());
    for (std::size_t k = 0; k < a.groups.size(); ++k) CHECK(a.groups[k].cluster == b.groups[k].cluster);
}

TEST_CASE("network: options are checked") {
    ta::network_options o;
    o.level = tcc::ipc_level::subgroup;
    CHECK_THROWS_AS(ta::network(five_records(), o), techconv::invalid_argument);
    o.level = tcc::ipc_level::subclass;
    o.codes = tio::patent_field::applicants;
    CHECK_THROWS_AS(ta::network(five_records(), o), techconv::invalid_argument);
    CHECK(ta::community_method_from_string("leiden") == ta::community_method::leiden);
    CHECK(ta::to_string(ta::community_method::louvain) == "louvain");
    CHECK_THROWS_AS(ta::community_method_from_string("walktrap"), techconv::invalid_argument);
}

TEST_CASE("network: CPC codes and main-group level") {
    tio::patent_record r = rec({}, 2020, "US");
    r.cpc = {"Y02T50/60", "F02C7/055", "F02C7/32"};
    ta::network_options o;
    o.codes = tio::patent_field::cpc;
    o.level = tcc::ipc_level::main_group;
    const auto n = ta::network(std::vector<tio::patent_record>{r}, o);
    REQUIRE(n.graph.num_nodes() == 2);  // F02C7/00 (twice on the record, once as a node), Y02T50/00
    CHECK(n.graph.label(0) == "F02C7/00");
    CHECK(n.graph.label(1) == "Y02T50/00");
    CHECK(n.graph.num_edges() == 1);
}

TEST_CASE("cograph writers: chosen node and edge columns, DOT layout") {
    const auto r = ta::network(five_records());
    const auto& g = r.graph;
    cg::export_options eo;
    eo.clusters = {0, 1, 1, 0};
    eo.scores = {{"x", techconv::vector::Constant(4, 0.5)}};
    eo.texts = {{"title", {"a,b", "", "t", "h"}}};
    eo.node_columns = {{"code", "label"}, {"title", ""}, {"occurrences", "node_weight"}, {"degree", ""},
                       {"strength", ""}, {"cluster", ""}, {"x", ""}};
    std::ostringstream nodes;
    cg::write_nodes_csv(nodes, g, eo);
    // occurrences A61B 1, G06F 3, G06T 2, H04N 2 (R1, R3); strengths from the hand-worked edges
    CHECK(nodes.str() ==
          "code,title,occurrences,degree,strength,cluster,x\n"
          "A61B,\"a,b\",1,1,1,0,0.5\n"
          "G06F,,3,2,3,1,0.5\n"
          "G06T,t,2,2,3,1,0.5\n"
          "H04N,h,2,3,3,0,0.5\n");
    eo.edge_columns = {{"source", "source_label"}, {"target", "target_label"}, {"weight", ""}};
    std::ostringstream edges;
    cg::write_edges_csv(edges, g, eo);
    CHECK(edges.str() == "source,target,weight\nA61B,H04N,1\nG06F,G06T,2\nG06F,H04N,1\nG06T,H04N,1\n");

    cg::export_options d;
    d.dot.name = "m";
    d.dot.statements = {"node [shape=circle];"};
    d.dot.label_ids = true;
    d.dot.nodes = std::vector<tindex>{1, 2};  // G06F, G06T: only their edge is drawn
    d.texts = {{"width", {"0.1", "0.25", "-1.5", "x"}}, {"fillcolor", {"#000", "#111", "#222", "#333"}}};
    d.edge_texts = {{"penwidth", {"1", "2.50", "3", "4"}}};
    d.node_columns = {{"width", ""}, {"fillcolor", ""}};
    d.edge_columns = {{"penwidth", ""}};
    std::ostringstream dot;
    cg::write_dot(dot, g, d);
    CHECK(dot.str() ==
          "graph m {\n"
          "  node [shape=circle];\n"
          "  \"G06F\" [width=0.25, fillcolor=\"#111\"];\n"
          "  \"G06T\" [width=-1.5, fillcolor=\"#222\"];\n"
          "  \"G06F\" -- \"G06T\" [penwidth=2.50];\n"
          "}\n");

    // an empty node list draws no node and no edge
    d.dot.nodes = std::vector<tindex>{};
    std::ostringstream none;
    cg::write_dot(none, g, d);
    CHECK(none.str() == "graph m {\n  node [shape=circle];\n}\n");

    cg::export_options bad;
    bad.node_columns = {{"nope", ""}};
    std::ostringstream sink;
    CHECK_THROWS_AS(cg::write_nodes_csv(sink, g, bad), techconv::invalid_argument);
    bad.node_columns = {{"cluster", ""}};  // no clusters given
    CHECK_THROWS_AS(cg::write_nodes_csv(sink, g, bad), techconv::invalid_argument);
    bad.node_columns.clear();
    bad.edge_texts = {{"w", {"1"}}};  // 4 edges
    CHECK_THROWS_AS(cg::write_dot(sink, g, bad), techconv::invalid_argument);
    // the default writers keep their layout
    std::ostringstream plain;
    cg::write_edges_csv(plain, g, cg::export_options{});
    CHECK(plain.str().rfind("source,target,source_label,target_label,weight\n0,3,A61B,H04N,1\n", 0) == 0);
}
