// SPDX-License-Identifier: BSL-1.0
// techconv network: the [KCT] co-classification network of a patent set —
// nodes (IPC codes at a level), edges (records sharing two codes), centralities,
// clusters, section view, convergence index, exports and pictures.
#include "cli.hpp"

#include <cstdint>     // std::int64_t
#include <exception>   // std::exception_ptr
#include <filesystem>  // std::filesystem::create_directories
#include <limits>      // std::numeric_limits
#include <optional>    // std::optional
#include <string>      // std::string
#include <vector>      // std::vector

#include <techconv/analysis/keycore.hpp>
#include <techconv/analysis/network.hpp>
#include <techconv/analysis/network_selection.hpp>
#include <techconv/analysis/periods.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/cograph.hpp>

#ifdef TECHCONV_CLI_MPI
#include "mpi_command.hpp"
#endif

namespace tcli {

namespace cg = techconv::cograph;
namespace tcc = techconv::classification;

const command_spec& network_spec() {
    static const command_spec spec{
        "network",
        "INPUT... --out DIR [--level subclass] [--main-only] [--key-core-only] [--group-by country]"
        " [--periods A-B,C-D,... | --window N [--step M]]",
        "co-classification network, centralities, clusters and exports ([KCT])",
        "Builds the co-classification network of the records ([KCT] §2.2): nodes are the IPC\n"
        "codes at --level (subclass by default, e.g. G06T), an edge joins two codes that appear\n"
        "on the same record, weighted by the number of such records. Node measures: degree,\n"
        "strength (weighted degree, [KCT] Table 5), betweenness, closeness, eigenvector,\n"
        "PageRank; clusters by Louvain (modularity) or Leiden. Path measures read the weight\n"
        "as a similarity: an edge of weight w has length 1/w (--weights changes this).\n"
        "convergence_index = (records - distinct codes) / records ([KCT] §2.2.3).\n"
        "With --periods or --window the network of the records of each period is written besides\n"
        "the whole set's (time-sliced networks): a record belongs to every period holding its year\n"
        "(filing, else priority, else publication year), exactly as in `evolution`; records\n"
        "without a year belong to no period. Each period's network is built, measured and\n"
        "clustered as the network of its records alone.",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", patent_format_help()},
            {"level", "L", "section, class, subclass (default), main-group or subgroup"},
            {"codes", "KIND", "ipc (default) or cpc"},
            {"main-only", "", "only each record's main (first) code: no edges, [KCT] main-subclass counts"},
            {"key-core-only", "", "only the key core records (as `keycore`, see --top)"},
            {"top", "Q", "key-core fraction for --key-core-only (default 0.05)"},
            {"group-by", "KEY", "country: per-country summaries in groups.csv; none (default)"},
            {"country-from", "SRC", "auto (default), applicant, inventor, priority or jurisdiction"},
            {"counting", "MODE", "full (default), fractional (2/(k(k-1)) per pair of a k-code record) or link_fractional (1/(k-1))"},
            {"weights", "MEANING", "similarity (default: length 1/w), distance (length w) or ignore (hops)"},
            {"algorithm", "A", "louvain (default) or leiden"},
            {"resolution", "R", "community resolution (default 1)"},
            {"seed", "N", "community seed (default 42)"},
            {"titles", "PATH", "CPC/IPC title list file or folder of them (node titles)"},
            {"periods", "LIST", "also one network per period: year ranges A-B (or single years) separated by commas"},
            {"window", "N", "also one network per window of N years (instead of --periods)"},
            {"step", "M", "years between window starts (default: N, windows side by side)"},
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
        "  rta.csv        with --group-by: group, class, count, rta, advantage, density (revealed\n"
        "                 technological advantage and relatedness density; count follows --counting:\n"
        "                 records with the class, 1/k per record of k classes under fractional)\n"
        "  network-GROUP.dot (+ .svg/.png)  with --group-by: one network map per group\n"
        "  network.graphml, network.gexf, network.net + network.clu (Pajek),\n"
        "  vosviewer_map.txt + vosviewer_network.txt, vosviewer.json, network.dot\n"
        "  periods.csv    with --periods/--window: period, records, nodes, edges, density,\n"
        "                 convergence_index, modularity, clusters, records_with_codes, first_year,\n"
        "                 last_year, status (empty_input: no record of the period has a code)\n"
        "  periods/PERIOD/  nodes.csv, edges.csv, clusters.csv, summary.json and network.dot\n"
        "                 (+ .svg/.png) of each period's network (PERIOD as in periods.csv)\n"
        "  report.md      with network.svg/.png (Graphviz sfdp) and series.svg/.png (gnuplot)",
        true};
    return spec;
}

namespace {

// The settings of one run from the command line (the same on every rank).
struct network_run {
    ta::network_options no;
    double q = 0.05;
    std::int64_t picture_nodes = 120;
    std::optional<ta::period_spec> slices;  // --periods / --window: time-sliced networks
    tcc::title_table titles;                // no.titles points here once loaded
};

// The options of a run (usage errors only; the title lists are loaded by load_titles).
void parse_network_run(const arguments& a, network_run& r) {
    auto& no = r.no;
    no.level = a.choice("level", "subclass", tcc::ipc_level_from_string);
    no.codes = codes_option(a);
    if (group_by_country(a)) no.group_by_country = a.choice("country-from", "auto", ta::country_source_from_string);
    r.q = a.fraction();
    no.counting = a.choice("counting", "full", techconv::records::counting_from_string);
    no.weights = a.choice("weights", "similarity", cg::weight_meaning_from_string);
    no.clustering = ta::clustering_for(no.weights);
    no.method = a.choice("algorithm", "louvain", ta::community_method_from_string);
    no.resolution = a.get_double("resolution", 1.0, 0.0, cg::max_resolution);
    no.seed = static_cast<std::uint64_t>(a.get_int("seed", 42, 0, std::numeric_limits<std::int64_t>::max()));
    no.threads = a.threads();
    no.main_only = a.has("main-only");
    r.picture_nodes = a.get_int("picture-nodes", 120, 0, 1000000);
    if (a.has("periods") && a.has("window")) throw usage_error("give either --periods LIST or --window N");
    if (a.has("step") && !a.has("window")) throw usage_error("--step needs --window N");
    if (a.has("periods")) {
        r.slices.emplace();
        try {
            r.slices->periods = ta::parse_periods(a.get("periods"));
        } catch (const techconv::invalid_argument& e) {
            throw usage_error("--periods: " + rp::plain_message(e));
        }
    } else if (a.has("window")) {
        r.slices.emplace();
        r.slices->window = static_cast<int>(a.get_int("window", 1, 1, 1000));
        r.slices->step = static_cast<int>(a.get_int("step", r.slices->window, 1, 1000));
    }
}

void load_titles(const arguments& a, network_run& r) {
    if (a.has("titles") && tcc::load_title_lists(a.get("titles"), r.titles, ta::network_title_options(r.no.level)) > 0)
        r.no.titles = &r.titles;
}

// What the reading gives the analysis besides the table.
struct network_input {
    std::vector<std::string> notes;
    std::size_t read = 0, merged = 0;
};

// The network of every record of `table` (the whole input: one process's table, or the
// table rank 0 gathered from the ranks) and every file of the output folder.
int write_network(const arguments& a, const network_run& r, const techconv::records::patent_table& table,
                  const network_input& in, progress& prog) {
    const std::string out_dir = a.get("out");
    const auto& no = r.no;
    const auto picture_nodes = r.picture_nodes;
    report_count("records", static_cast<long long>(table.size()));
    auto ns = rp::make_network_settings(no, a.has("key-core-only"));
    ta::key_core_options ko;
    ko.fraction = r.q;
    ta::network_selection sel;  // the rows of the table in the network
    try {
        sel = ta::network_records(table, ns.key_core_only, ko);
    } catch (const techconv::invalid_argument& e) {
        throw std::runtime_error("--key-core-only: " + rp::plain_message(e));
    }
    if (sel.key_core) ns.key_core_note = rp::key_core_note(*sel.key_core);
    const auto& recs = sel.rows;
    const auto res = ta::network(table, recs, no);
    const auto& g = res.graph;
    prog.note("techconv network: " + std::to_string(recs.size()) + " records, " + std::to_string(g.num_nodes()) +
              " nodes, " + std::to_string(g.num_edges()) + " edges");

    const auto write = [&](const char* name, void (*fn)(std::ostream&, const ta::network_result&)) {
        write_file(out_dir, name, [&](std::ostream& f) { fn(f, res); });
    };
    write("nodes.csv", rp::write_network_nodes_csv);
    write("edges.csv", rp::write_network_edges_csv);
    write("clusters.csv", rp::write_clusters_csv);
    write("cluster_links.csv", rp::write_cluster_links_csv);
    write("sections.csv", rp::write_sections_csv);
    const auto eo = rp::network_export_options(res);
    write_file(out_dir, "network.graphml", [&](std::ostream& f) { cg::write_graphml(f, g, eo); });
    write_file(out_dir, "network.gexf", [&](std::ostream& f) { cg::write_gexf(f, g, eo); });
    write_file(out_dir, "network.net", [&](std::ostream& f) { cg::write_pajek(f, g); });
    write_file(out_dir, "network.clu", [&](std::ostream& f) { cg::write_pajek_clusters(f, g, res.nodes.cluster); });
    write_file(out_dir, "vosviewer_map.txt", [&](std::ostream& f) { cg::write_vosviewer_map(f, g, eo); });
    write_file(out_dir, "vosviewer_network.txt", [&](std::ostream& f) { cg::write_vosviewer_network(f, g); });
    write_file(out_dir, "vosviewer.json", [&](std::ostream& f) { cg::write_vosviewer_json(f, g, eo); });
    if (!res.groups.empty()) write("groups.csv", rp::write_network_groups_csv);
    if (!res.groups.empty()) write("rta.csv", rp::write_rta_csv);
    ns.notes = in.notes;
    ns.read = in.read;
    ns.records = table.size();
    ns.merged = in.merged;
    write_file(out_dir, "summary.json", [&](std::ostream& f) { rp::write_network_summary_json(f, res, ns); });
    std::string period_rows;  // report.md's table of the period networks
    if (r.slices) {
        const auto pn = ta::period_networks(table, recs, *r.slices, no);
        write_file(out_dir, "periods.csv", [&](std::ostream& f) { rp::write_period_networks_csv(f, pn); });
        for (const auto& p : pn) {
            const auto name = rp::period_name(p.span);
            const auto dir = (std::filesystem::path(out_dir) / "periods" / name).string();
            if (p.info != techconv::status::ok) {  // no folder: nothing to write
                period_rows += "| " + name + " | " + std::to_string(p.records) + " | 0 | 0 | no record with a code |\n";
                continue;
            }
            std::filesystem::create_directories(dir);
            const auto wp = [&](const char* file, void (*fn)(std::ostream&, const ta::network_result&)) {
                write_file(dir, file, [&](std::ostream& f) { fn(f, p.network); });
            };
            wp("nodes.csv", rp::write_network_nodes_csv);
            wp("edges.csv", rp::write_network_edges_csv);
            wp("clusters.csv", rp::write_clusters_csv);
            write_file(dir, "summary.json",
                       [&](std::ostream& f) { rp::write_network_summary_json(f, p.network, ns, name); });
            const auto& pm = p.network.nodes;
            const bool drawn =
                rp::render_network_map(dir, "network", p.network.graph, pm.strength, pm.cluster, picture_nodes);
            const auto rel = "periods/" + name + "/";
            period_rows += "| " + name + " | " + std::to_string(p.records) + " | " +
                           std::to_string(p.network.summary.nodes) + " | " +
                           std::to_string(p.network.summary.edges) + " | [nodes](" + rel + "nodes.csv) [edges](" +
                           rel + "edges.csv) [dot](" + rel + "network.dot)" +
                           (drawn ? " [svg](" + rel + "network.svg) [png](" + rel + "network.png)" : "") + " |\n";
        }
    }
    auto maps = rp::render_network_maps(out_dir, res, picture_nodes);  // the whole set, then one per group
    if (res.years.size() >= 2)  // records, distinct codes and the convergence index per year
        for (const auto& ch : rp::network_year_charts(res, ns.level)) maps.pictures += rp::render_chart(out_dir, ch);
    write_file(out_dir, "report.md", [&](std::ostream& f) {
        rp::write_network_markdown(f, res, ns, maps.pictures, maps.group_maps, network_spec().outputs, period_rows);
    });
    report_count("nodes", static_cast<long long>(g.num_nodes()));
    report_count("edges", static_cast<long long>(g.num_edges()));
    std::printf("records: %lld\nnodes: %lld\nedges: %lld\nclusters: %lld\nout: %s\n",
                static_cast<long long>(res.summary.records), static_cast<long long>(g.num_nodes()),
                static_cast<long long>(g.num_edges()), static_cast<long long>(res.summary.clusters), a.final_out.c_str());
    return 0;
}

#ifdef TECHCONV_CLI_MPI
namespace tmpi = techconv::parallel::mpi;

// network on every rank of `comm` (run_distributed_command): each rank reads its share of the
// input and the rows are gathered on rank 0 in input order (gather_patents, mpi_command.hpp:
// families merged across the ranks), and rank 0 runs the one-process analysis and writes every
// file (write_network). See docs/cli.md.
int network_ranks(const arguments& a, MPI_Comm comm) {
    const int me = tmpi::rank(comm);
    network_run r;
    parse_network_run(a, r);
    std::exception_ptr failed;  // the title lists: rank 0's alone (it writes the files)
    if (me == 0) {
        try {
            load_titles(a, r);
        } catch (...) {
            failed = std::current_exception();
        }
    }
    agree(failed, comm);
    progress prog(a.quiet || me != 0);
    auto got = gather_patents(a, prog, comm);
    network_input in{std::move(got.reading_notes), got.read, got.merged};
    return on_rank0([&] { return write_network(a, r, got.table, in, prog); }, comm);
}
#endif

}  // namespace

int cmd_network(int argc, char** argv) {
#ifdef TECHCONV_CLI_MPI
    if (mpi_active()) return run_distributed_command(network_spec(), argc, argv, MPI_COMM_WORLD, network_ranks);
#endif
    return rp::run_command(network_spec(), argc, argv, [&](const arguments& a) -> int {
        network_run r;
        parse_network_run(a, r);
        load_titles(a, r);
        progress prog(a.quiet);
        auto in = read_patents_one_process(a, format_option(a), prog);
        return write_network(a, r, in.table, {in.notes(), in.read, in.merged}, prog);
    });
}

}  // namespace tcli
