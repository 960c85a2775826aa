// Tests of the graph writers: every format is read back by a real consumer
// (NetworkX, python-igraph, pydot; the csv and json modules for the
// VOSviewer and CSV tables, whose own consumers are GUI programs) in
// tests/cograph/export_reference.py, and must give the same nodes, labels,
// node weights, clusters, edges and weights as the graph written.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cograph_test.hpp"

namespace cg = techconv::cograph;
using idx = techconv::index;
using cograph_test::ipc_level;

namespace {

std::string hex(const std::string& s) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        out += digits[u >> 4];
        out += digits[u & 15];
    }
    return out;
}

// The canonical lines the reference script prints for a faithful reader.
std::vector<std::string> expected(const cg::graph& g, const std::vector<idx>& clusters, bool node_weights) {
    std::vector<std::string> nodes, edges;
    for (idx v = 0; v < g.num_nodes(); ++v)
        nodes.push_back("N " + hex(g.label(v)) + " " +
                        (node_weights ? techconv::io::format_double(g.node_weight(v)) : std::string("x")) + " " +
                        std::to_string(clusters[static_cast<std::size_t>(v)]));
    for (const auto& e : g.edges()) {
        std::string a = hex(g.label(e.u)), b = hex(g.label(e.v));
        if (b < a) std::swap(a, b);
        edges.push_back("E " + a + " " + b + " " + techconv::io::format_double(e.weight));
    }
    std::sort(nodes.begin(), nodes.end());
    std::sort(edges.begin(), edges.end());
    nodes.insert(nodes.end(), edges.begin(), edges.end());
    return nodes;
}

// Same tokens; numbers compared by value (Python prints 3.0 where we print 3).
bool same_line(const std::string& a, const std::string& b) {
    std::istringstream x(a), y(b);
    std::string s, t;
    while (true) {
        const bool hx = static_cast<bool>(x >> s), hy = static_cast<bool>(y >> t);
        if (!hx || !hy) return hx == hy;
        if (s == t) continue;
        char* end1 = nullptr;
        char* end2 = nullptr;
        const double u = std::strtod(s.c_str(), &end1), v = std::strtod(t.c_str(), &end2);
        if (*end1 != '\0' || *end2 != '\0' || u != v) return false;
    }
}

void write_all(const cg::graph& g, const cg::export_options& o, const std::string& prefix) {
    auto put = [&](const std::string& ext, auto&& fn) {
        std::ostringstream os;
        fn(os);
        techconv_test::write_file(prefix + ext, os.str());
    };
    put(".graphml", [&](std::ostream& os) { cg::write_graphml(os, g, o); });
    put(".gexf", [&](std::ostream& os) { cg::write_gexf(os, g, o); });
    put(".net", [&](std::ostream& os) { cg::write_pajek(os, g); });
    put(".clu", [&](std::ostream& os) { cg::write_pajek_clusters(os, g, o.clusters); });
    put(".map", [&](std::ostream& os) { cg::write_vosviewer_map(os, g, o); });
    put(".vosnet", [&](std::ostream& os) { cg::write_vosviewer_network(os, g); });
    put(".json", [&](std::ostream& os) { cg::write_vosviewer_json(os, g, o); });
    put(".nodes.csv", [&](std::ostream& os) { cg::write_nodes_csv(os, g, o); });
    put(".edges.csv", [&](std::ostream& os) { cg::write_edges_csv(os, g); });
    put(".dot", [&](std::ostream& os) { cg::write_dot(os, g, o); });
}

void check_round_trip(const cg::graph& g, const std::vector<idx>& clusters, const std::string& name) {
    cg::export_options o;
    o.clusters = clusters;
    o.scores.push_back({"strength", cg::strength(g)});
    const std::string prefix = techconv_test::temp_path(name);
    write_all(g, o, prefix);
    const std::string out = techconv_test::run_python("cograph/export_reference.py", {prefix});
    std::map<std::string, std::vector<std::string>> blocks;
    std::string current, line;
    std::istringstream in(out);
    while (std::getline(in, line)) {
        if (line.rfind("== ", 0) == 0)
            current = line.substr(3);
        else
            blocks[current].push_back(line);
    }
    const std::vector<std::string> readers{"graphml_networkx", "graphml_igraph", "gexf_networkx", "pajek_networkx",
                                           "pajek_igraph", "vosviewer_map", "vosviewer_json", "csv", "dot_networkx"};
    for (const auto& r : readers) {
        CAPTURE(r);
        const bool has_weight = r.rfind("pajek", 0) != 0;
        const auto want = expected(g, clusters, has_weight);
        const auto& got = blocks[r];
        REQUIRE(got.size() == want.size());
        idx bad = 0;
        for (std::size_t i = 0; i < want.size(); ++i)
            if (!same_line(got[i], want[i])) {
                if (bad++ < 3) MESSAGE("got '" << got[i] << "' want '" << want[i] << "'");
            }
        CHECK(bad == 0);
    }
}

}  // namespace

TEST_CASE("exports: awkward labels and fractional weights read back by NetworkX, igraph, pydot") {
    const auto g = cg::graph::from_edges(
        5, {{0, 1, 0.1}, {1, 2, 2.5}, {2, 3, 1e-5}, {0, 3, 3}, {3, 4, 12345678.125}},
        {"F02C", "A&B <x>", "O'Neil, Ltd", "J\xc3\xbcrgen \xc3\xbc", "back\\slash"});
    auto gw = g;
    gw.set_node_weights({1, 2.5, 3, 0, 7});
    check_round_trip(gw, {0, 1, 1, 0, 2}, "awkward");
}

TEST_CASE("exports: exact text of the small formats") {
    auto g = cg::graph::from_edges(3, {{0, 1, 2}, {1, 2, 0.5}}, {"A01", "B\"2", "C3"});
    g.set_node_weights({4, 5, 6});
    std::ostringstream pj;
    cg::write_pajek(pj, g);
    CHECK(pj.str() == "*Vertices 3\n1 \"A01\"\n2 \"B'2\"\n3 \"C3\"\n*Edges\n1 2 2\n2 3 0.5\n");
    std::ostringstream clu;
    cg::write_pajek_clusters(clu, g, {1, 0, 1});
    CHECK(clu.str() == "*Vertices 3\n2\n1\n2\n");
    std::ostringstream net;
    cg::write_vosviewer_network(net, g);
    CHECK(net.str() == "1\t2\t2\n2\t3\t0.5\n");
    std::ostringstream e;
    cg::write_edges_csv(e, g);
    CHECK(e.str() == "source,target,source_label,target_label,weight\n0,1,A01,\"B\"\"2\",2\n1,2,\"B\"\"2\",C3,0.5\n");
    cg::export_options bad;
    bad.clusters = {0};
    std::ostringstream sink;
    CHECK_THROWS_AS(cg::write_graphml(sink, g, bad), techconv::invalid_argument);
    CHECK_THROWS_AS(cg::write_pajek_clusters(sink, g, {0}), techconv::invalid_argument);
    // an empty graph is still a well-formed file
    std::ostringstream em;
    cg::write_vosviewer_json(em, cg::graph{});
    CHECK(em.str() == "{\"network\":{\"items\":[],\n\"links\":[]}}\n");
}

TEST_CASE("real data: every export of the Lens subclass graph with Leiden clusters reads back" *
          doctest::test_suite("data")) {
    const auto d = cograph_test::load_lens(ipc_level::subclass);
    const auto g = cg::make_graph(d.inc, cg::cooccurrence(d.inc));
    const auto clusters = cg::leiden(g).membership;
    check_round_trip(g, clusters, "lens_subclass");
}
