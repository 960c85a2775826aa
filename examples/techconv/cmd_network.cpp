// SPDX-License-Identifier: BSL-1.0
// techconv network: the [KCT] co-classification network of a patent set —
// nodes (IPC codes at a level), edges (records sharing two codes), centralities,
// clusters, section view, convergence index, exports and pictures.
#include "cli.hpp"

#include <algorithm>   // std::sort
#include <filesystem>  // title list folder
#include <map>         // per-year and per-group tables
#include <optional>    // code projection
#include <set>         // distinct codes per year

#include <techconv/classification/ipc.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/classification/titles.hpp>
#include <techconv/cograph.hpp>
#include <techconv/convergence/convergence_index.hpp>
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
        "                 eigenvector, pagerank, cluster\n"
        "  edges.csv      source, target, weight\n"
        "  summary.json   records, nodes, edges, density, components, modularity,\n"
        "                 convergence_index, sections, ... (see docs/cli.md)\n"
        "  clusters.csv   cluster, nodes, internal_weight, external_weight, top_nodes\n"
        "  groups.csv     with --group-by: group, records, nodes, edges, density, components,\n"
        "                 convergence_index, sections, top_nodes\n"
        "  network.graphml, network.gexf, network.net + network.clu (Pajek),\n"
        "  vosviewer_map.txt + vosviewer_network.txt, vosviewer.json, network.dot\n"
        "  report.md      with network.svg/.png (Graphviz sfdp) and series.svg/.png (gnuplot)"};
    return spec;
}

namespace {

enum class code_level { section, class_, subclass, main_group };

std::optional<std::string> project(const std::string& code, code_level l) {
    switch (l) {
        case code_level::section:
            if (code.size() >= 1) return code.substr(0, 1);
            break;
        case code_level::class_:
            if (code.size() >= 3) return code.substr(0, 3);
            break;
        case code_level::subclass:
            if (code.size() >= 4) return code.substr(0, 4);
            break;
        case code_level::main_group: {
            const auto slash = code.find('/');
            if (slash != std::string::npos && slash > 4) return code.substr(0, slash) + "/00";
            break;
        }
    }
    return std::nullopt;
}

struct network_stats {
    index records = 0, with_codes = 0, nodes = 0, edges = 0, components = 0, largest = 0, clusters = 0;
    double density = 0.0, modularity = 0.0, ci = 0.0;
    index sections = 0, cross_links = 0;
    std::vector<std::string> top;  // nodes by strength
};

struct built {
    cg::incidence<std::string> inc;
    cg::graph g;
};

built build(const std::vector<const tio::patent_record*>& recs, bool cpc, code_level level, bool main_only,
            const cg::cooccurrence_options& co) {
    cg::incidence_options io;
    if (main_only) io.selection = cg::code_selection::first_only;
    cg::incidence_builder<std::string> b(io);
    for (const auto* r : recs) b.add_record(cpc ? r->cpc : r->ipc, [&](const std::string& c) { return project(c, level); });
    built out{b.finish(), {}};
    out.g = cg::make_graph(out.inc, cg::cooccurrence(out.inc, co));
    return out;
}

network_stats describe(const built& b, index records) {
    network_stats s;
    s.records = records;
    s.with_codes = records - b.inc.empty_records;
    s.nodes = b.g.num_nodes();
    s.edges = b.g.num_edges();
    s.density = cg::density(b.g);
    const auto comp = cg::connected_components(b.g);
    s.components = comp.count;
    s.largest = comp.largest == techconv::no_index ? 0 : comp.sizes[static_cast<std::size_t>(comp.largest)];
    // CI over all records of the set (records without a code count as inventions too)
    s.ci = records > 0 ? static_cast<double>(records - s.nodes) / static_cast<double>(records) : 0.0;
    const auto sv = cg::section_view(b.g);
    s.sections = sv.covered();
    s.cross_links = sv.cross_links;
    const auto st = cg::strength(b.g);
    for (const auto v : cg::ranking(st)) {
        if (static_cast<index>(s.top.size()) >= 5) break;
        s.top.push_back(b.g.label(v));
    }
    return s;
}

std::string dot_color(index cluster) {
    static const char* const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                                          "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"};
    return palette[static_cast<std::size_t>(cluster) % (sizeof palette / sizeof palette[0])];
}

}  // namespace

int cmd_network(int argc, char** argv) {
    const auto& spec = network_spec();
    return guarded(spec, argc, argv, [&](const arguments& a) -> int {
        const std::string out_dir = a.get("out");
        const auto fmt = parse_format(a.get("format", "auto"));
        const std::string level_s = a.get("level", "subclass");
        code_level level;
        if (level_s == "section") level = code_level::section;
        else if (level_s == "class") level = code_level::class_;
        else if (level_s == "subclass") level = code_level::subclass;
        else if (level_s == "main-group") level = code_level::main_group;
        else throw usage_error("--level expects section, class, subclass or main-group");
        const std::string codes_s = a.get("codes", "ipc");
        if (codes_s != "ipc" && codes_s != "cpc") throw usage_error("--codes expects ipc or cpc");
        const bool cpc = codes_s == "cpc";
        const bool by_country = group_by_country(a);
        const auto csrc = parse_country_source(a.get("country-from", "auto"));
        const double q = fraction_option(a);
        cg::cooccurrence_options co;
        const std::string counting = a.get("counting", "full");
        if (counting == "fractional") co.method = cg::counting::fractional;
        else if (counting != "full") throw usage_error("--counting expects full or fractional");
        const std::string meaning_s = a.get("weights", "similarity");
        cg::weight_meaning meaning;
        if (meaning_s == "similarity") meaning = cg::weight_meaning::similarity;
        else if (meaning_s == "distance") meaning = cg::weight_meaning::distance;
        else if (meaning_s == "ignore") meaning = cg::weight_meaning::ignore;
        else throw usage_error("--weights expects similarity, distance or ignore");
        const std::string algo = a.get("algorithm", "louvain");
        if (algo != "louvain" && algo != "leiden") throw usage_error("--algorithm expects louvain or leiden");
        cg::community_options copt;
        copt.resolution = a.get_double("resolution", 1.0);
        copt.seed = static_cast<std::uint64_t>(a.get_int("seed", 42));
        const int threads = threads_option(a);
        co.threads = threads;
        const auto picture_nodes = a.get_int("picture-nodes", 120);

        progress prog(a.quiet);
        auto in = read_patents(a.inputs, fmt, !a.has("no-merge"), prog);
        std::vector<const tio::patent_record*> recs;
        std::string kc_note;
        if (a.has("key-core-only")) {
            const auto mask = key_core_mask(in.records, q, kc_note);
            for (std::size_t i = 0; i < in.records.size(); ++i)
                if (mask[i]) recs.push_back(&in.records[i]);
        } else {
            for (const auto& r : in.records) recs.push_back(&r);
        }
        const bool main_only = a.has("main-only");
        const auto net = build(recs, cpc, level, main_only, co);
        const auto& g = net.g;
        const index n = g.num_nodes();
        prog.note("techconv network: " + std::to_string(recs.size()) + " records, " + std::to_string(n) + " nodes, " +
                  std::to_string(g.num_edges()) + " edges");

        // measures
        const auto deg = cg::degree(g);
        const auto str = cg::strength(g);
        cg::betweenness_options bo;
        bo.weights = meaning;
        bo.threads = threads;
        const auto btw = cg::betweenness(g, bo);
        cg::closeness_options clo;
        clo.weights = meaning;
        clo.threads = threads;
        const auto cls = cg::closeness(g, clo);
        cg::spectral_options so;
        so.threads = threads;
        const auto eig = cg::eigenvector_centrality(g, so);
        const auto pr = cg::pagerank(g, so);
        const auto comm = algo == "leiden" ? cg::leiden(g, copt) : cg::louvain(g, copt);
        const double modularity = n > 0 && g.num_edges() > 0 ? cg::modularity(g, comm.membership, copt.resolution) : 0.0;
        const auto summary = cg::cluster_summary(g, comm.membership, 5);
        const auto sv = cg::section_view(g);
        auto stats = describe(net, static_cast<index>(recs.size()));
        stats.modularity = modularity;
        stats.clusters = comm.count;

        // titles
        tcc::title_table titles;
        bool have_titles = false;
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
            tcc::title_options to;
            to.max_level = level == code_level::main_group ? tcc::ipc_level::main_group : tcc::ipc_level::subclass;
            to.strip_cpc_braces = true;
            for (const auto& f : files) tcc::load_title_list(f, titles, to);
            have_titles = !files.empty();
        }
        auto title_of = [&](const std::string& code) -> std::string {
            if (!have_titles) return {};
            const auto c = tcc::try_parse_ipc(code);
            return c ? std::string(titles.title(*c)) : std::string();
        };

        make_dir(out_dir);
        {
            auto f = open_output(out_dir, "nodes.csv");
            tio::csv_writer w(f);
            w.row({"code", "title", "occurrences", "degree", "strength", "betweenness", "closeness", "eigenvector",
                   "pagerank", "cluster"});
            for (index v = 0; v < n; ++v)
                w.field(g.label(v)).field(title_of(g.label(v))).field(g.node_weight(v)).field(deg[v]).field(str[v])
                    .field(btw.values[v]).field(cls.values[v]).field(eig.values[v]).field(pr.values[v])
                    .field(static_cast<std::int64_t>(comm.membership[static_cast<std::size_t>(v)])).end_row();
        }
        {
            auto f = open_output(out_dir, "edges.csv");
            tio::csv_writer w(f);
            w.row({"source", "target", "weight"});
            for (const auto& e : g.edges()) w.field(g.label(e.u)).field(g.label(e.v)).field(e.weight).end_row();
        }
        {
            auto f = open_output(out_dir, "clusters.csv");
            tio::csv_writer w(f);
            w.row({"cluster", "nodes", "internal_weight", "external_weight", "top_nodes"});
            for (std::size_t c = 0; c < summary.clusters.size(); ++c) {
                const auto& ci = summary.clusters[c];
                std::string top;
                for (const auto v : ci.top_nodes) top += (top.empty() ? "" : ";") + g.label(v);
                w.field(static_cast<std::int64_t>(c)).field(static_cast<std::int64_t>(ci.size)).field(ci.internal_weight)
                    .field(ci.external_weight).field(top).end_row();
            }
        }
        // exports
        cg::export_options eo;
        eo.clusters = comm.membership;
        eo.scores = {{"degree", deg}, {"strength", str}, {"betweenness", btw.values}, {"pagerank", pr.values}};
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
            cg::write_pajek_clusters(c, g, comm.membership);
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
        std::vector<std::pair<std::string, network_stats>> groups;
        if (by_country) {
            std::map<std::string, std::vector<const tio::patent_record*>> by;
            for (const auto* r : recs) {
                auto c = techconv::analysis::patent_country(*r, csrc);
                by[c.empty() ? "(unknown)" : c].push_back(r);
            }
            for (const auto& kv : by)
                groups.emplace_back(kv.first, describe(build(kv.second, cpc, level, main_only, co),
                                                       static_cast<index>(kv.second.size())));
            std::stable_sort(groups.begin(), groups.end(),
                             [](const auto& x, const auto& y) { return x.second.records > y.second.records; });
            auto f = open_output(out_dir, "groups.csv");
            tio::csv_writer w(f);
            w.row({"group", "records", "nodes", "edges", "density", "components", "convergence_index", "sections",
                   "top_nodes"});
            for (const auto& [name, s] : groups) {
                std::string top;
                for (const auto& t : s.top) top += (top.empty() ? "" : ";") + t;
                w.field(name).field(static_cast<std::int64_t>(s.records)).field(static_cast<std::int64_t>(s.nodes))
                    .field(static_cast<std::int64_t>(s.edges)).field(s.density).field(static_cast<std::int64_t>(s.components))
                    .field(s.ci).field(static_cast<std::int64_t>(s.sections)).field(top).end_row();
            }
        }

        // summary.json
        const char* meaning_text = meaning == cg::weight_meaning::similarity ? "similarity: length 1/w"
                                   : meaning == cg::weight_meaning::distance ? "distance: length w"
                                                                              : "ignored: every edge length 1";
        {
            auto f = open_output(out_dir, "summary.json");
            tio::json_writer j(f);
            j.begin_object();
            j.key("records").value(static_cast<std::int64_t>(stats.records));
            j.key("records_with_codes").value(static_cast<std::int64_t>(stats.with_codes));
            j.key("nodes").value(static_cast<std::int64_t>(stats.nodes));
            j.key("edges").value(static_cast<std::int64_t>(stats.edges));
            j.key("density").value(stats.density);
            j.key("components").value(static_cast<std::int64_t>(stats.components));
            j.key("largest_component").value(static_cast<std::int64_t>(stats.largest));
            j.key("modularity").value(stats.modularity);
            j.key("clusters").value(static_cast<std::int64_t>(stats.clusters));
            j.key("convergence_index").value(stats.ci);
            j.key("sections").value(static_cast<std::int64_t>(stats.sections));
            j.key("cross_section_links").value(static_cast<std::int64_t>(stats.cross_links));
            j.key("level").value(level_s);
            j.key("codes").value(codes_s);
            j.key("main_only").value(main_only);
            j.key("key_core_only").value(a.has("key-core-only"));
            j.key("counting").value(counting);
            j.key("weight_meaning").value(meaning_s);
            j.key("algorithm").value(algo);
            j.key("resolution").value(copt.resolution);
            j.key("seed").value(static_cast<std::int64_t>(copt.seed));
            j.key("records_read").value(in.read);
            j.key("families_merged").value(in.merged);
            j.key("top_nodes").begin_array();
            for (const auto& t : stats.top) j.value(t);
            j.end_array();
            if (!groups.empty()) {
                j.key("groups").begin_array();
                for (const auto& [name, s] : groups)
                    j.begin_object().key("group").value(name).key("records").value(static_cast<std::int64_t>(s.records))
                        .key("nodes").value(static_cast<std::int64_t>(s.nodes))
                        .key("edges").value(static_cast<std::int64_t>(s.edges))
                        .key("convergence_index").value(s.ci).key("sections").value(static_cast<std::int64_t>(s.sections))
                        .end_object();
                j.end_array();
            }
            j.end_object();
            f << '\n';
        }

        // network map: the strongest nodes, coloured by cluster, sized by strength
        std::string pictures;
        {
            std::vector<index> order = cg::ranking(str);
            if (static_cast<index>(order.size()) > picture_nodes) order.resize(static_cast<std::size_t>(picture_nodes));
            std::vector<char> keep(static_cast<std::size_t>(n), 0);
            for (const auto v : order) keep[static_cast<std::size_t>(v)] = 1;
            const double smax = n > 0 ? std::max(1.0, str.maxCoeff()) : 1.0;
            double wmax = 1.0;
            for (const auto& e : g.edges()) wmax = std::max(wmax, e.weight);
            auto f = open_output(out_dir, "network.dot");
            f << "graph techconv {\n  graph [overlap=prism, outputorder=edgesfirst, splines=false, bgcolor=white];\n"
                 "  node [shape=circle, style=filled, fontname=Helvetica, fontsize=9, fixedsize=true];\n"
                 "  edge [color=\"#99999955\"];\n";
            for (const auto v : order) {
                const double size = 0.25 + 1.0 * std::sqrt(str[v] / smax);
                f << "  \"" << g.label(v) << "\" [width=" << fixed(size, 3) << ", fillcolor=\""
                  << dot_color(comm.membership[static_cast<std::size_t>(v)]) << "\"];\n";
            }
            for (const auto& e : g.edges())
                if (keep[static_cast<std::size_t>(e.u)] && keep[static_cast<std::size_t>(e.v)])
                    f << "  \"" << g.label(e.u) << "\" -- \"" << g.label(e.v) << "\" [penwidth="
                      << fixed(0.3 + 3.0 * e.weight / wmax, 2) << "];\n";
            f << "}\n";
        }
        if (n > 0 && have_program("sfdp")) {
            const std::string cd = "cd " + shell_quote(out_dir) + " && ";
            if (run_quiet(cd + "sfdp -Tsvg network.dot -o network.svg") &&
                run_quiet(cd + "sfdp -Tpng network.dot -o network.png"))
                pictures += "![network map](network.svg)\n\n(PNG: [network.png](network.png); the " +
                            std::to_string(std::min<index>(n, picture_nodes)) +
                            " strongest nodes, colour = cluster, size = strength)\n";
        }
        // time series: records and distinct codes per year, and the yearly convergence index
        {
            std::map<techconv::year_type, std::pair<index, std::set<std::string>>> years;
            for (const auto* r : recs) {
                const auto y = techconv::analysis::patent_year(*r);
                if (y == techconv::no_year) continue;
                auto& slot = years[y];
                ++slot.first;
                for (const auto& c : cpc ? r->cpc : r->ipc) {
                    const auto k = project(c, level);
                    if (k) slot.second.insert(*k);
                    if (main_only) break;
                }
            }
            line_chart ch{"series", "records, distinct codes and convergence index by year", "year", "count", {},
                          {"records", "distinct " + level_s + " codes"}, {{}, {}}};
            line_chart ci{"convergence", "convergence index by year", "year", "CI", {}, {"CI = (records - codes) / records"}, {{}}};
            for (const auto& [y, v] : years) {
                ch.x.push_back(static_cast<double>(y));
                ch.ys[0].push_back(static_cast<double>(v.first));
                ch.ys[1].push_back(static_cast<double>(v.second.size()));
                ci.x.push_back(static_cast<double>(y));
                ci.ys[0].push_back(static_cast<double>(v.first - static_cast<index>(v.second.size())) /
                                   static_cast<double>(v.first));
            }
            if (years.size() >= 2) {
                pictures += plot_lines(out_dir, ch);
                pictures += plot_lines(out_dir, ci);
            }
        }

        // report.md
        auto md = open_output(out_dir, "report.md");
        md << "# Co-classification network report\n\nGenerated by `techconv network` ([KCT] §2.2). Nodes: "
           << codes_s << " codes at " << level_s << " level" << (main_only ? " (main code only)" : " (all codes)")
           << "; an edge joins two codes on the same record, weight = records (" << counting
           << " counting). **Path measures (betweenness, closeness) read the weight as a " << meaning_text
           << ".** Clusters: " << algo << " (resolution " << num(copt.resolution) << ", seed " << copt.seed
           << ").\n\n## Inputs\n\n";
        for (const auto& s : in.notes) md << "- " << s << "\n";
        md << "- records read: " << in.read << "; after simple-family merging: " << in.records.size() << "\n";
        if (!kc_note.empty()) md << "- " << kc_note << "\n";
        md << "\n## Summary\n\n| | value |\n|---|---|\n| records | " << stats.records << " |\n| records with codes | "
           << stats.with_codes << " |\n| nodes | " << stats.nodes << " |\n| edges | " << stats.edges
           << " |\n| density | " << fixed(stats.density) << " |\n| components | " << stats.components
           << " (largest " << stats.largest << " nodes) |\n| clusters | " << stats.clusters << " |\n| modularity | "
           << fixed(stats.modularity) << " |\n| convergence index | " << percent(stats.ci) << "% |\n| sections covered | "
           << stats.sections << " |\n| cross-section links | " << stats.cross_links << " of " << stats.edges << " |\n\n";
        md << "## Dominant technologies (by strength = weighted degree, [KCT] Table 5)\n\n| code | title | occurrences | "
              "degree | strength | betweenness | cluster |\n|---|---|---|---|---|---|---|\n";
        const auto rank = cg::ranking(str);
        for (std::size_t k = 0; k < rank.size() && k < 15; ++k) {
            const index v = rank[k];
            std::string t = title_of(g.label(v));
            if (t.size() > 70) t = t.substr(0, 67) + "...";  // full titles are in nodes.csv
            md << "| " << g.label(v) << " | " << t << " | " << num(g.node_weight(v)) << " | "
               << num(deg[v]) << " | " << num(str[v]) << " | " << fixed(btw.values[v], 2) << " | "
               << comm.membership[static_cast<std::size_t>(v)] << " |\n";
        }
        md << "\n## Clusters\n\n| cluster | nodes | internal weight | external weight | leading codes |\n|---|---|---|---|---|\n";
        for (std::size_t c = 0; c < summary.clusters.size() && c < 15; ++c) {
            const auto& ci = summary.clusters[c];
            md << "| " << c << " | " << ci.size << " | " << num(ci.internal_weight) << " | " << num(ci.external_weight) << " | ";
            for (const auto v : ci.top_nodes) md << g.label(v) << " ";
            md << "|\n";
        }
        md << "\n## Sections\n\n| section | nodes |\n|---|---|\n";
        for (std::size_t s = 0; s < sv.sections.size(); ++s) md << "| " << sv.sections[s] << " | " << sv.nodes[s] << " |\n";
        if (!groups.empty()) {
            md << "\n## Groups (country)\n\n| group | records | nodes | edges | CI | sections | strongest codes |\n"
                  "|---|---|---|---|---|---|---|\n";
            for (std::size_t k = 0; k < groups.size() && k < 20; ++k) {
                const auto& s = groups[k].second;
                md << "| " << groups[k].first << " | " << s.records << " | " << s.nodes << " | " << s.edges << " | "
                   << percent(s.ci) << "% | " << s.sections << " | ";
                for (const auto& t : s.top) md << t << " ";
                md << "|\n";
            }
        }
        if (!pictures.empty()) md << "\n## Pictures\n\n" << pictures;
        md << "\n## Files\n\n```\n" << spec.outputs << "\n```\n";
        std::printf("records: %lld\nnodes: %lld\nedges: %lld\nclusters: %lld\nout: %s\n",
                    static_cast<long long>(stats.records), static_cast<long long>(n),
                    static_cast<long long>(g.num_edges()), static_cast<long long>(comm.count), out_dir.c_str());
        return 0;
    });
}

}  // namespace tcli
