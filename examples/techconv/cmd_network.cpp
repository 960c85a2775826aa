// SPDX-License-Identifier: BSL-1.0
// techconv network: the [KCT] co-classification network of a patent set —
// nodes (IPC codes at a level), edges (records sharing two codes), centralities,
// clusters, section view, convergence index, exports and pictures.
#include "cli.hpp"

#include <algorithm>   // std::min
#include <cstdint>     // std::int64_t
#include <limits>      // std::numeric_limits

#include <techconv/analysis/network.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/cograph.hpp>

namespace tcli {

namespace tio = techconv::io;
namespace cg = techconv::cograph;
namespace tcc = techconv::classification;
using techconv::index;

const command_spec& network_spec() {
    static const command_spec spec{
        "network",
        "INPUT... --out DIR [--level subclass] [--main-only] [--key-core-only] [--group-by country]",
        "co-classification network, centralities, clusters and exports ([KCT])",
        "Builds the co-classification network of the records ([KCT] §2.2): nodes are the IPC\n"
        "codes at --level (subclass by default, e.g. G06T), an edge joins two codes that appear\n"
        "on the same record, weighted by the number of such records. Node measures: degree,\n"
        "strength (weighted degree, [KCT] Table 5), betweenness, closeness, eigenvector,\n"
        "PageRank; clusters by Louvain (modularity) or Leiden. Path measures read the weight\n"
        "as a similarity: an edge of weight w has length 1/w (--weights changes this).\n"
        "convergence_index = (records - distinct codes) / records ([KCT] §2.2.3).",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", "auto (default: per file), lens, uspto-xml or csv"},
            {"level", "L", "section, class, subclass (default) or main-group"},
            {"codes", "KIND", "ipc (default) or cpc"},
            {"main-only", "", "only each record's main (first) code: no edges, [KCT] main-subclass counts"},
            {"key-core-only", "", "only the key core records (as `keycore`, see --top)"},
            {"top", "Q", "key-core fraction for --key-core-only (default 0.05)"},
            {"group-by", "KEY", "country: per-country summaries in groups.csv; none (default)"},
            {"country-from", "SRC", "auto (default), applicant, inventor, priority or jurisdiction"},
            {"counting", "MODE", "full (default) or fractional (1/(k-1) per pair of a k-code record)"},
            {"weights", "MEANING", "similarity (default: length 1/w), distance (length w) or ignore (hops)"},
            {"algorithm", "A", "louvain (default) or leiden"},
            {"resolution", "R", "community resolution (default 1)"},
            {"seed", "N", "community seed (default 42)"},
            {"titles", "PATH", "CPC/IPC title list file or folder of them (node titles)"},
            {"picture-nodes", "N", "nodes drawn in the network map (default 120, by strength)"},
            {"no-merge", "", "do not merge simple families"},
            {"threads", "N", "worker threads for the measures (default 1; same result for any N)"},
        },
        "  nodes.csv      code, title, occurrences, degree, strength, betweenness, closeness,\n"
        "                 eigenvector, pagerank, cluster, clustering\n"
        "  edges.csv      source, target, weight\n"
        "  summary.json   records, nodes, edges, density, components, modularity,\n"
        "                 convergence_index, sections, ... (see docs/cli.md)\n"
        "  clusters.csv   cluster, nodes, internal_weight, external_weight, top_nodes\n"
        "  cluster_links.csv  cluster_a, cluster_b, edges, weight (links between clusters)\n"
        "  sections.csv   section, nodes, then one column per section: edge weight between\n"
        "                 the two sections (the block matrix; diagonal = within a section)\n"
        "  groups.csv     with --group-by: group, records, nodes, edges, density, components,\n"
        "                 convergence_index, sections, top_nodes\n"
        "  network-GROUP.dot (+ .svg/.png)  with --group-by: one network map per group\n"
        "  network.graphml, network.gexf, network.net + network.clu (Pajek),\n"
        "  vosviewer_map.txt + vosviewer_network.txt, vosviewer.json, network.dot\n"
        "  report.md      with network.svg/.png (Graphviz sfdp) and series.svg/.png (gnuplot)",
        true};
    return spec;
}

namespace {

namespace ta = techconv::analysis;

/// A group name as a file name part: letters, digits, '-' and '_' kept ("(unknown)" -> "unknown").
std::string file_part(const std::string& name) {
    std::string out;
    for (const char c : name)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            out += c;
    return out.empty() ? "group" : out;
}

}  // namespace

int cmd_network(int argc, char** argv) {
    const auto& spec = network_spec();
    return guarded(spec, argc, argv, [&](const arguments& a) -> int {
        const std::string out_dir = a.get("out");
        const auto fmt = parse_format(a.get("format", "auto"));
        ta::network_options no;
        const std::string level_s = a.get("level", "subclass");
        if (level_s == "section") no.level = tcc::ipc_level::section;
        else if (level_s == "class") no.level = tcc::ipc_level::class_;
        else if (level_s == "subclass") no.level = tcc::ipc_level::subclass;
        else if (level_s == "main-group") no.level = tcc::ipc_level::main_group;
        else throw usage_error("--level expects section, class, subclass or main-group");
        const std::string codes_s = a.get("codes", "ipc");
        if (codes_s != "ipc" && codes_s != "cpc") throw usage_error("--codes expects ipc or cpc");
        no.codes = codes_s == "cpc" ? tio::patent_field::cpc : tio::patent_field::ipc;
        if (group_by_country(a)) no.group_by_country = parse_country_source(a.get("country-from", "auto"));
        const double q = fraction_option(a);
        const std::string counting = a.get("counting", "full");
        if (counting == "fractional") no.counting = techconv::records::counting::link_fractional;  // 1/(k-1), as before
        else if (counting != "full") throw usage_error("--counting expects full or fractional");
        const std::string meaning_s = a.get("weights", "similarity");
        if (meaning_s == "similarity") no.weights = cg::weight_meaning::similarity;
        else if (meaning_s == "distance") no.weights = cg::weight_meaning::distance;
        else if (meaning_s == "ignore") no.weights = cg::weight_meaning::ignore;
        else throw usage_error("--weights expects similarity, distance or ignore");
        // the clustering coefficient reads weights as strengths, or ignores them with the path measures
        no.clustering = no.weights == cg::weight_meaning::ignore ? cg::clustering_weighting::none
                                                                  : cg::clustering_weighting::onnela;
        const std::string algo = a.get("algorithm", "louvain");
        if (algo != "louvain" && algo != "leiden") throw usage_error("--algorithm expects louvain or leiden");
        no.method = ta::community_method_from_string(algo);
        no.resolution = a.get_double("resolution", 1.0, 0.0, techconv::cograph::max_resolution);
        no.seed = static_cast<std::uint64_t>(a.get_int("seed", 42, 0, std::numeric_limits<std::int64_t>::max()));
        no.threads = threads_option(a);
        no.main_only = a.has("main-only");
        const auto picture_nodes = a.get_int("picture-nodes", 120, 0, 1000000);

        // titles
        tcc::title_table titles;
        if (a.has("titles") && tcc::load_title_lists(a.get("titles"), titles, ta::network_title_options(no.level)) > 0)
            no.titles = &titles;

        progress prog(a.quiet);
        auto in = read_patent_table(a.inputs, fmt, !a.has("no-merge"), false, prog, a.limits, a.encoding);
        std::vector<std::size_t> recs;  // the rows of the table in the network
        std::string kc_note;
        if (a.has("key-core-only")) {
            const auto mask = key_core_mask(in.table, q, kc_note);
            for (std::size_t i = 0; i < in.table.size(); ++i)
                if (mask[i]) recs.push_back(i);
        } else {
            for (std::size_t i = 0; i < in.table.size(); ++i) recs.push_back(i);
        }
        const auto res = ta::network(in.table, recs, no);
        const auto& g = res.graph;
        const auto& m = res.nodes;
        const index n = g.num_nodes();
        prog.note("techconv network: " + std::to_string(recs.size()) + " records, " + std::to_string(n) + " nodes, " +
                  std::to_string(g.num_edges()) + " edges");

        namespace rp = techconv::report;
        const auto write = [&](const char* name, void (*fn)(std::ostream&, const ta::network_result&)) {
            auto f = open_output(out_dir, name);
            fn(f, res);
        };
        make_dir(out_dir);
        write("nodes.csv", rp::write_network_nodes_csv);
        write("edges.csv", rp::write_network_edges_csv);
        write("clusters.csv", rp::write_clusters_csv);
        write("cluster_links.csv", rp::write_cluster_links_csv);
        write("sections.csv", rp::write_sections_csv);
        // exports
        cg::export_options eo;
        eo.clusters = m.cluster;
        eo.scores = {{"degree", m.degree}, {"strength", m.strength}, {"betweenness", m.betweenness},
                     {"pagerank", m.pagerank}};
        {
            auto f = open_output(out_dir, "network.graphml");
            cg::write_graphml(f, g, eo);
            auto x = open_output(out_dir, "network.gexf");
            cg::write_gexf(x, g, eo);
            auto p = open_output(out_dir, "network.net");
            cg::write_pajek(p, g);
            auto c = open_output(out_dir, "network.clu");
            cg::write_pajek_clusters(c, g, m.cluster);
            auto v = open_output(out_dir, "vosviewer_map.txt");
            cg::write_vosviewer_map(v, g, eo);
            auto e = open_output(out_dir, "vosviewer_network.txt");
            cg::write_vosviewer_network(e, g);
            auto j = open_output(out_dir, "vosviewer.json");
            cg::write_vosviewer_json(j, g, eo);
        }
        if (!res.groups.empty()) write("groups.csv", rp::write_network_groups_csv);

        rp::network_settings ns;
        ns.level = level_s;
        ns.codes = codes_s;
        ns.main_only = no.main_only;
        ns.key_core_only = a.has("key-core-only");
        ns.counting = counting;
        ns.weight_meaning = meaning_s;
        ns.algorithm = algo;
        ns.resolution = no.resolution;
        ns.seed = no.seed;
        ns.notes = in.notes;
        ns.read = in.read;
        ns.records = in.table.size();
        ns.merged = in.merged;
        ns.key_core_note = kc_note;
        {
            auto f = open_output(out_dir, "summary.json");
            rp::write_network_summary_json(f, res, ns);
        }

        // network maps: the whole set, then one per group
        std::string pictures;
        if (techconv::report::render_network_map(out_dir, "network", g, m.strength, m.cluster, picture_nodes))
            pictures += "![network map](network.svg)\n\n(PNG: [network.png](network.png); the " +
                        std::to_string(std::min<index>(n, picture_nodes)) +
                        " strongest nodes, colour = cluster, size = strength)\n";
        std::string group_maps;
        for (const auto& gr : res.groups) {
            const std::string stem = "network-" + file_part(gr.name);
            const bool drawn = techconv::report::render_network_map(out_dir, stem, gr.graph, gr.strength, gr.cluster, picture_nodes);
            group_maps += "| " + gr.name + " | " + std::to_string(gr.summary.nodes) + " | [" + stem + ".dot](" + stem +
                          ".dot)" + (drawn ? " [" + stem + ".svg](" + stem + ".svg) [" + stem + ".png](" + stem + ".png)" : "") +
                          " |\n";
        }
        // time series: records and distinct codes per year, and the yearly convergence index
        if (res.years.size() >= 2)
            for (const auto& ch : rp::network_year_charts(res, level_s)) pictures += render_chart(out_dir, ch);

        auto md = open_output(out_dir, "report.md");
        rp::write_network_markdown(md, res, ns, pictures, group_maps, spec.outputs);
        report_count("nodes", static_cast<long long>(n));
        report_count("edges", static_cast<long long>(g.num_edges()));
        std::printf("records: %lld\nnodes: %lld\nedges: %lld\nclusters: %lld\nout: %s\n",
                    static_cast<long long>(res.summary.records), static_cast<long long>(n),
                    static_cast<long long>(g.num_edges()), static_cast<long long>(res.summary.clusters), a.final_out.c_str());
        return 0;
    });
}

}  // namespace tcli
