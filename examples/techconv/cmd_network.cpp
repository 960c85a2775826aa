// SPDX-License-Identifier: BSL-1.0
// techconv network: the [KCT] co-classification network of a patent set —
// nodes (IPC codes at a level), edges (records sharing two codes), centralities,
// clusters, section view, convergence index, exports and pictures.
#include "cli.hpp"

#include <algorithm>   // std::sort
#include <cmath>       // std::sqrt
#include <cstdint>     // std::int64_t
#include <filesystem>  // title list folder
#include <limits>      // std::numeric_limits

#include <techconv/analysis/network.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/cograph.hpp>
#include <techconv/format/csv.hpp>
#include <techconv/format/json.hpp>

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

std::string dot_color(index cluster) {
    static const char* const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                                          "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"};
    return palette[static_cast<std::size_t>(cluster) % (sizeof palette / sizeof palette[0])];
}

/// The network map dir/stem.dot: the `picture_nodes` strongest nodes, coloured by
/// cluster, sized by strength, edges as wide as their weight; then stem.svg and
/// stem.png by sfdp when it is on PATH. Returns whether the pictures were drawn.
bool write_map(const std::string& dir, const std::string& stem, const cg::graph& g, const techconv::vector& str,
               const std::vector<index>& cluster, long long picture_nodes) {
    const index n = g.num_nodes();
    cg::export_options eo;
    eo.dot.name = "techconv";
    eo.dot.statements = {"graph [overlap=prism, outputorder=edgesfirst, splines=false, bgcolor=white];",
                         "node [shape=circle, style=filled, fontname=Helvetica, fontsize=9, fixedsize=true];",
                         "edge [color=\"#99999955\"];"};
    eo.dot.label_ids = true;
    eo.dot.nodes = cg::ranking(str);
    if (static_cast<long long>(eo.dot.nodes->size()) > picture_nodes)
        eo.dot.nodes->resize(static_cast<std::size_t>(picture_nodes));
    const double smax = n > 0 ? std::max(1.0, str.maxCoeff()) : 1.0;
    cg::node_text width{"width", std::vector<std::string>(static_cast<std::size_t>(n))};
    cg::node_text fill{"fillcolor", std::vector<std::string>(static_cast<std::size_t>(n))};
    for (index v = 0; v < n; ++v) {
        width.values[static_cast<std::size_t>(v)] = fixed(0.25 + 1.0 * std::sqrt(str[v] / smax), 3);
        fill.values[static_cast<std::size_t>(v)] = dot_color(cluster[static_cast<std::size_t>(v)]);
    }
    const auto edges = g.edges();
    double wmax = 1.0;
    for (const auto& e : edges) wmax = std::max(wmax, e.weight);
    cg::edge_text pen{"penwidth", {}};
    for (const auto& e : edges) pen.values.push_back(fixed(0.3 + 3.0 * e.weight / wmax, 2));
    eo.texts = {std::move(width), std::move(fill)};
    eo.edge_texts = {std::move(pen)};
    eo.node_columns = {{"width", ""}, {"fillcolor", ""}};
    eo.edge_columns = {{"penwidth", ""}};
    {
        auto f = open_output(dir, stem + ".dot");
        cg::write_dot(f, g, eo);
    }
    if (n == 0 || !have_program("sfdp")) return false;
    const std::string cd = "cd " + shell_quote(dir) + " && ";
    return run_quiet(cd + "sfdp -Tsvg " + stem + ".dot -o " + stem + ".svg") &&
           run_quiet(cd + "sfdp -Tpng " + stem + ".dot -o " + stem + ".png");
}

/// A group name as a file name part: letters, digits, '-' and '_' kept ("(unknown)" -> "unknown").
std::string file_part(const std::string& name) {
    std::string out;
    for (const char c : name)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            out += c;
    return out.empty() ? "group" : out;
}

std::string joined(const std::vector<std::string>& xs, const char* sep) {
    std::string out;
    for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
    return out;
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
        if (counting == "fractional") no.counting = cg::counting::fractional;
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
        if (a.has("titles")) {
            namespace fs = std::filesystem;
            const fs::path p = a.get("titles");
            std::vector<std::string> files;
            if (fs::is_directory(p)) {
                for (const auto& e : fs::directory_iterator(p))
                    if (e.path().extension() == ".txt") files.push_back(e.path().string());
                std::sort(files.begin(), files.end());
            } else {
                files.push_back(p.string());
            }
            for (const auto& f : files) tcc::load_title_list(f, titles, ta::network_title_options(no.level));
            if (!files.empty()) no.titles = &titles;
        }

        progress prog(a.quiet);
        auto in = read_patents(a.inputs, fmt, !a.has("no-merge"), prog, a.limits);
        std::vector<const tio::patent_record*> recs;
        std::string kc_note;
        if (a.has("key-core-only")) {
            const auto mask = key_core_mask(in.records, q, kc_note);
            for (std::size_t i = 0; i < in.records.size(); ++i)
                if (mask[i]) recs.push_back(&in.records[i]);
        } else {
            for (const auto& r : in.records) recs.push_back(&r);
        }
        const auto res = ta::network(recs, no);
        const auto& g = res.graph;
        const auto& m = res.nodes;
        const auto& stats = res.summary;
        const index n = g.num_nodes();
        prog.note("techconv network: " + std::to_string(recs.size()) + " records, " + std::to_string(n) + " nodes, " +
                  std::to_string(g.num_edges()) + " edges");

        make_dir(out_dir);
        {
            cg::export_options eo;
            eo.clusters = m.cluster;
            eo.scores = {{"betweenness", m.betweenness}, {"closeness", m.closeness}, {"eigenvector", m.eigenvector},
                         {"pagerank", m.pagerank}, {"clustering", m.clustering}};
            eo.texts = {{"title", m.title}};
            eo.node_columns = {{"code", "label"}, {"title", ""}, {"occurrences", "node_weight"}, {"degree", ""},
                               {"strength", ""}, {"betweenness", ""}, {"closeness", ""}, {"eigenvector", ""},
                               {"pagerank", ""}, {"cluster", ""}, {"clustering", ""}};
            eo.edge_columns = {{"source", "source_label"}, {"target", "target_label"}, {"weight", ""}};
            auto f = open_output(out_dir, "nodes.csv");
            cg::write_nodes_csv(f, g, eo);
            auto e = open_output(out_dir, "edges.csv");
            cg::write_edges_csv(e, g, eo);
        }
        {
            auto f = open_output(out_dir, "clusters.csv");
            tio::csv_writer w(f);
            w.row({"cluster", "nodes", "internal_weight", "external_weight", "top_nodes"});
            for (std::size_t c = 0; c < res.clusters.size(); ++c) {
                const auto& ci = res.clusters[c];
                std::string top;
                for (const auto v : ci.top_nodes) top += (top.empty() ? "" : ";") + g.label(v);
                w.field(static_cast<std::int64_t>(c)).field(static_cast<std::int64_t>(ci.size)).field(ci.internal_weight)
                    .field(ci.external_weight).field(top).end_row();
            }
        }
        {
            auto f = open_output(out_dir, "cluster_links.csv");
            tio::csv_writer w(f);
            w.row({"cluster_a", "cluster_b", "edges", "weight"});
            for (const auto& l : res.cluster_links)
                w.field(static_cast<std::int64_t>(l.first)).field(static_cast<std::int64_t>(l.second))
                    .field(static_cast<std::int64_t>(l.edges)).field(l.weight).end_row();
        }
        const auto& sv = res.sections;
        {
            auto f = open_output(out_dir, "sections.csv");
            tio::csv_writer w(f);
            w.field("section").field("nodes");
            for (const auto& s : sv.sections) w.field(s);
            w.end_row();
            for (index r = 0; r < sv.covered(); ++r) {
                w.field(sv.sections[static_cast<std::size_t>(r)])
                    .field(static_cast<std::int64_t>(sv.nodes[static_cast<std::size_t>(r)]));
                for (index c = 0; c < sv.covered(); ++c) w.field(sv.weights(r, c));
                w.end_row();
            }
        }
        // exports
        cg::export_options eo;
        eo.clusters = m.cluster;
        eo.scores = {{"degree", m.degree}, {"strength", m.strength}, {"betweenness", m.betweenness},
                     {"pagerank", m.pagerank}};
        {
            auto f = open_output(out_dir, "network.graphml");
            cg::write_graphml(f, g, eo);
        }
        {
            auto f = open_output(out_dir, "network.gexf");
            cg::write_gexf(f, g, eo);
        }
        {
            auto f = open_output(out_dir, "network.net");
            cg::write_pajek(f, g);
            auto c = open_output(out_dir, "network.clu");
            cg::write_pajek_clusters(c, g, m.cluster);
        }
        {
            auto f = open_output(out_dir, "vosviewer_map.txt");
            cg::write_vosviewer_map(f, g, eo);
            auto e = open_output(out_dir, "vosviewer_network.txt");
            cg::write_vosviewer_network(e, g);
            auto j = open_output(out_dir, "vosviewer.json");
            cg::write_vosviewer_json(j, g, eo);
        }

        // per-group summaries
        if (!res.groups.empty()) {
            auto f = open_output(out_dir, "groups.csv");
            tio::csv_writer w(f);
            w.row({"group", "records", "nodes", "edges", "density", "components", "convergence_index", "sections",
                   "top_nodes"});
            for (const auto& gr : res.groups) {
                const auto& s = gr.summary;
                w.field(gr.name).field(static_cast<std::int64_t>(s.records)).field(static_cast<std::int64_t>(s.nodes))
                    .field(static_cast<std::int64_t>(s.edges)).field(s.density).field(static_cast<std::int64_t>(s.components))
                    .field(s.convergence_index).field(static_cast<std::int64_t>(s.sections)).field(joined(s.top_nodes, ";"))
                    .end_row();
            }
        }

        // summary.json
        const char* meaning_text = no.weights == cg::weight_meaning::similarity ? "similarity: length 1/w"
                                   : no.weights == cg::weight_meaning::distance ? "distance: length w"
                                                                                 : "ignored: every edge length 1";
        {
            auto f = open_output(out_dir, "summary.json");
            tio::json_writer j(f);
            j.begin_object();
            j.key("records").value(static_cast<std::int64_t>(stats.records));
            j.key("records_with_codes").value(static_cast<std::int64_t>(stats.records_with_codes));
            j.key("nodes").value(static_cast<std::int64_t>(stats.nodes));
            j.key("edges").value(static_cast<std::int64_t>(stats.edges));
            j.key("density").value(stats.density);
            j.key("components").value(static_cast<std::int64_t>(stats.components));
            j.key("largest_component").value(static_cast<std::int64_t>(stats.largest_component));
            j.key("modularity").value(stats.modularity);
            j.key("clusters").value(static_cast<std::int64_t>(stats.clusters));
            j.key("convergence_index").value(stats.convergence_index);
            j.key("sections").value(static_cast<std::int64_t>(stats.sections));
            j.key("cross_section_links").value(static_cast<std::int64_t>(stats.cross_section_links));
            j.key("level").value(level_s);
            j.key("codes").value(codes_s);
            j.key("main_only").value(no.main_only);
            j.key("key_core_only").value(a.has("key-core-only"));
            j.key("counting").value(counting);
            j.key("weight_meaning").value(meaning_s);
            j.key("algorithm").value(algo);
            j.key("resolution").value(no.resolution);
            j.key("seed").value(static_cast<std::int64_t>(no.seed));
            j.key("records_read").value(in.read);
            j.key("families_merged").value(in.merged);
            j.key("top_nodes").begin_array();
            for (const auto& t : stats.top_nodes) j.value(t);
            j.end_array();
            if (!res.groups.empty()) {
                j.key("groups").begin_array();
                for (const auto& gr : res.groups)
                    j.begin_object().key("group").value(gr.name).key("records").value(static_cast<std::int64_t>(gr.summary.records))
                        .key("nodes").value(static_cast<std::int64_t>(gr.summary.nodes))
                        .key("edges").value(static_cast<std::int64_t>(gr.summary.edges))
                        .key("convergence_index").value(gr.summary.convergence_index)
                        .key("sections").value(static_cast<std::int64_t>(gr.summary.sections))
                        .end_object();
                j.end_array();
            }
            j.end_object();
            f << '\n';
        }

        // network maps: the whole set, then one per group
        std::string pictures;
        if (write_map(out_dir, "network", g, m.strength, m.cluster, picture_nodes))
            pictures += "![network map](network.svg)\n\n(PNG: [network.png](network.png); the " +
                        std::to_string(std::min<index>(n, picture_nodes)) +
                        " strongest nodes, colour = cluster, size = strength)\n";
        std::string group_maps;
        for (const auto& gr : res.groups) {
            const std::string stem = "network-" + file_part(gr.name);
            const bool drawn = write_map(out_dir, stem, gr.graph, gr.strength, gr.cluster, picture_nodes);
            group_maps += "| " + gr.name + " | " + std::to_string(gr.summary.nodes) + " | [" + stem + ".dot](" + stem +
                          ".dot)" + (drawn ? " [" + stem + ".svg](" + stem + ".svg) [" + stem + ".png](" + stem + ".png)" : "") +
                          " |\n";
        }
        // time series: records and distinct codes per year, and the yearly convergence index
        {
            line_chart ch{"series", "records, distinct codes and convergence index by year", "year", "count", {},
                          {"records", "distinct " + level_s + " codes"}, {{}, {}}};
            line_chart ci{"convergence", "convergence index by year", "year", "CI", {}, {"CI = (records - codes) / records"}, {{}}};
            for (const auto& y : res.years) {
                ch.x.push_back(static_cast<double>(y.year));
                ch.ys[0].push_back(static_cast<double>(y.records));
                ch.ys[1].push_back(static_cast<double>(y.codes));
                ci.x.push_back(static_cast<double>(y.year));
                ci.ys[0].push_back(y.convergence_index);
            }
            if (res.years.size() >= 2) {
                pictures += plot_lines(out_dir, ch);
                pictures += plot_lines(out_dir, ci);
            }
        }

        // report.md
        auto md = open_output(out_dir, "report.md");
        md << "# Co-classification network report\n\nGenerated by `techconv network` ([KCT] §2.2). Nodes: "
           << codes_s << " codes at " << level_s << " level" << (no.main_only ? " (main code only)" : " (all codes)")
           << "; an edge joins two codes on the same record, weight = records (" << counting
           << " counting). **Path measures (betweenness, closeness) read the weight as a " << meaning_text
           << ".** Clusters: " << algo << " (resolution " << num(no.resolution) << ", seed " << no.seed
           << ").\n\n## Inputs\n\n";
        for (const auto& s : in.notes) md << "- " << s << "\n";
        md << "- records read: " << in.read << "; after simple-family merging: " << in.records.size() << "\n";
        if (!kc_note.empty()) md << "- " << kc_note << "\n";
        md << "\n## Summary\n\n| | value |\n|---|---|\n| records | " << stats.records << " |\n| records with codes | "
           << stats.records_with_codes << " |\n| nodes | " << stats.nodes << " |\n| edges | " << stats.edges
           << " |\n| density | " << fixed(stats.density) << " |\n| components | " << stats.components
           << " (largest " << stats.largest_component << " nodes) |\n| clusters | " << stats.clusters << " |\n| modularity | "
           << fixed(stats.modularity) << " |\n| convergence index | " << percent(stats.convergence_index)
           << "% |\n| sections covered | " << stats.sections << " |\n| cross-section links | "
           << stats.cross_section_links << " of " << stats.edges << " |\n\n";
        md << "## Dominant technologies (by strength = weighted degree, [KCT] Table 5)\n\n| code | title | occurrences | "
              "degree | strength | betweenness | cluster |\n|---|---|---|---|---|---|---|\n";
        const auto rank = cg::ranking(m.strength);
        for (std::size_t k = 0; k < rank.size() && k < 15; ++k) {
            const index v = rank[k];
            std::string t = m.title[static_cast<std::size_t>(v)];
            if (t.size() > 70) t = t.substr(0, 67) + "...";  // full titles are in nodes.csv
            md << "| " << g.label(v) << " | " << t << " | " << num(g.node_weight(v)) << " | "
               << num(m.degree[v]) << " | " << num(m.strength[v]) << " | " << fixed(m.betweenness[v], 2) << " | "
               << m.cluster[static_cast<std::size_t>(v)] << " |\n";
        }
        md << "\n## Clusters\n\n| cluster | nodes | internal weight | external weight | leading codes |\n|---|---|---|---|---|\n";
        for (std::size_t c = 0; c < res.clusters.size() && c < 15; ++c) {
            const auto& ci = res.clusters[c];
            md << "| " << c << " | " << ci.size << " | " << num(ci.internal_weight) << " | " << num(ci.external_weight) << " | ";
            for (const auto v : ci.top_nodes) md << g.label(v) << " ";
            md << "|\n";
        }
        md << "\n## Sections\n\n| section | nodes |\n|---|---|\n";
        for (std::size_t s = 0; s < sv.sections.size(); ++s) md << "| " << sv.sections[s] << " | " << sv.nodes[s] << " |\n";
        if (!res.groups.empty()) {
            md << "\n## Groups (country)\n\n| group | records | nodes | edges | CI | sections | strongest codes |\n"
                  "|---|---|---|---|---|---|---|\n";
            for (std::size_t k = 0; k < res.groups.size() && k < 20; ++k) {
                const auto& s = res.groups[k].summary;
                md << "| " << res.groups[k].name << " | " << s.records << " | " << s.nodes << " | " << s.edges << " | "
                   << percent(s.convergence_index) << "% | " << s.sections << " | ";
                for (const auto& t : s.top_nodes) md << t << " ";
                md << "|\n";
            }
        }
        if (!pictures.empty()) md << "\n## Pictures\n\n" << pictures;
        if (!group_maps.empty())
            md << "\n## Group maps\n\n| group | nodes | map |\n|---|---|---|\n" << group_maps;
        md << "\n## Files\n\n```\n" << spec.outputs << "\n```\n";
        report_count("nodes", static_cast<long long>(n));
        report_count("edges", static_cast<long long>(g.num_edges()));
        std::printf("records: %lld\nnodes: %lld\nedges: %lld\nclusters: %lld\nout: %s\n",
                    static_cast<long long>(stats.records), static_cast<long long>(n),
                    static_cast<long long>(g.num_edges()), static_cast<long long>(stats.clusters), a.final_out.c_str());
        return 0;
    });
}

}  // namespace tcli
