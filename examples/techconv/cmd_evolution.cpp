// SPDX-License-Identifier: BSL-1.0
// techconv evolution: how convergence develops over time — the co-classification
// network of each period and the year each pair of classes first meets on a
// record (issue 19 §3).
#include "cli.hpp"

#include <cstdint>  // std::int64_t
#include <limits>   // std::numeric_limits
#include <string>   // std::string

#include <techconv/analysis/evolution.hpp>
#include <techconv/report/evolution.hpp>
#include <techconv/report/evolution_pictures.hpp>

#ifdef TECHCONV_CLI_MPI
#include "mpi_command.hpp"
#endif

namespace tcli {

namespace tcc = techconv::classification;

const command_spec& evolution_spec() {
    static const command_spec spec{
        "evolution",
        "INPUT... (--periods A-B,C-D,... | --window N [--step M]) --out DIR [--level subclass] [--group-by country]",
        "evolution of convergence: period networks and first co-occurrence of class pairs",
        "Splits the records by year (filing, else priority, else publication year; records without\n"
        "a year are counted and not used) into periods: the --periods list (overlaps allowed), or\n"
        "windows of N years every M years (default M = N) from the first year of the data until a\n"
        "window starts after the last. For each period it builds the co-classification network as\n"
        "`network` does and reports records, nodes, edges, density, the convergence index\n"
        "(records - nodes) / records and the modularity of its clusters. For every pair of codes\n"
        "it reports the first year a record carries both (technology fusion, Caviggioli 2016) and\n"
        "per year the share of the year's pairs that are new (Curran & Leker 2011). Each period's\n"
        "clusters are placed in Callon's strategic diagram (centrality, density) and linked to the\n"
        "clusters of the next period that share codes (inclusion and weighted inclusion indexes, Cobo\n"
        "et al. 2011). Logistic and Gompertz S-curves are fitted to the cumulative records per year\n"
        "(technology life cycle: saturation, midpoint, 10-90 % duration, R², AIC). With --group-by\n"
        "country the curves are also fitted per country group; a group whose years (first to last,\n"
        "gaps included) span fewer than --min-group-years gets status empty_input and no fit.",
        {
            {"out", "DIR", "output folder (created)"},
            {"periods", "LIST", "year ranges A-B (or single years) separated by commas"},
            {"window", "N", "window length in years (instead of --periods)"},
            {"step", "M", "years between window starts (default: N, windows side by side)"},
            {"format", "FMT", patent_format_help()},
            {"level", "L", "section, class, subclass (default) or main-group"},
            {"codes", "KIND", "ipc (default) or cpc"},
            {"counting", "MODE", "edge weights of the period networks: full (default), fractional or link_fractional"},
            {"algorithm", "A", "louvain (default) or leiden (the clusters of the modularity)"},
            {"resolution", "R", "community resolution (default 1)"},
            {"seed", "N", "community seed (default 42)"},
            {"group-by", "KEY", "country: life cycle per country group in lifecycle.json; none (default)"},
            {"country-from", "SRC", "auto (default), applicant, inventor, priority or jurisdiction"},
            {"min-group-years", "N", "fewest years a group's records span for its fit (default 5, at least 3)"},
            {"no-merge", "", "do not merge simple families"},
            {"threads", "N", "worker threads (default 1; same result for any N)"},
        },
        "  periods.csv        period, records, nodes, edges, density, convergence_index, modularity,\n"
        "                     clusters, records_with_codes, first_year, last_year, status\n"
        "  new_pairs.csv      source, target, first_year, records_in_first_year\n"
        "  new_pairs_by_year.csv  year, records, pairs, new_pairs, share_new, status\n"
        "  strategic.csv      period, cluster, size, centrality, density, quadrant, top_nodes\n"
        "                     (Callon's strategic diagram: motor, basic, niche or emerging)\n"
        "  cluster_flows.csv  period_a, cluster_a, period_b, cluster_b, shared, inclusion,\n"
        "                     weighted_inclusion, stability\n"
        "                     (codes shared by clusters of consecutive periods, Cobo et al. 2011)\n"
        "  lifecycle.json     logistic and Gompertz fits of the cumulative records per year: status,\n"
        "                     saturation_K, midpoint_t0, rate_r, duration_10_90, r_squared, aic;\n"
        "                     with --group-by also \"groups\": the same per group, with its status\n"
        "  cluster_flows.dot  with two periods or more: the flow diagram of the clusters (+ .svg/.png, Graphviz dot)\n"
        "  report.md          the tables, with new_pairs, new_pair_share, lifecycle and one\n"
        "                     strategic-PERIOD .svg/.png per period (gnuplot); with --group-by\n"
        "                     lifecycle_groups.svg/.png: the S-curves of the 6 largest groups with\n"
        "                     status ok, one panel each (data in lifecycle_groups.dat)",
        true};
    return spec;
}

namespace {

// The settings of one run from the command line (usage errors only; the same on every rank).
struct evolution_run {
    input_format fmt = input_format::automatic;  // --format
    ta::evolution_options eo;
    rp::evolution_settings es;
};

void parse_evolution_run(const arguments& a, evolution_run& r) {
    auto& eo = r.eo;
    auto& es = r.es;
    r.fmt = format_option(a);
    if (a.has("periods") == a.has("window")) throw usage_error("give either --periods LIST or --window N");
    if (a.has("periods")) {
        try {
            eo.periods = ta::parse_periods(a.get("periods"));
        } catch (const techconv::invalid_argument& e) {
            throw usage_error("--periods: " + rp::plain_message(e));
        }
        es.periods = "--periods " + a.get("periods");
    } else {
        eo.window = static_cast<int>(a.get_int("window", 1, 1, 1000));
        eo.step = static_cast<int>(a.get_int("step", eo.window, 1, 1000));
        es.periods = "windows of " + std::to_string(eo.window) + " years every " + std::to_string(eo.step);
    }
    auto& no = eo.network;
    no.level = a.choice("level", "subclass", tcc::ipc_level_from_string);
    if (no.level > tcc::ipc_level::main_group) throw usage_error("--level expects section, class, subclass or main-group");
    no.codes = codes_option(a);
    no.counting = a.choice("counting", "full", techconv::records::counting_from_string);
    no.method = a.choice("algorithm", "louvain", ta::community_method_from_string);
    no.resolution = a.get_double("resolution", 1.0, 0.0, techconv::cograph::max_resolution);
    no.seed = static_cast<std::uint64_t>(a.get_int("seed", 42, 0, std::numeric_limits<std::int64_t>::max()));
    no.threads = a.threads();
    if (group_by_country(a)) eo.group_by_country = a.choice("country-from", "auto", ta::country_source_from_string);
    eo.min_group_years = a.get_int("min-group-years", 5, 3, 10000);
}

// The analysis of every record of `in.table` (one process's reading, or the table rank 0
// gathered from the ranks: tcli::gathered_patents) and every file of the output folder.
template <class Inputs>
int write_evolution(const arguments& a, evolution_run& r, const Inputs& in, progress& prog) {
    const auto& spec = evolution_spec();
    const std::string out_dir = a.get("out");
    const auto& eo = r.eo;
    const auto& no = eo.network;
    auto& es = r.es;
    report_count("records", static_cast<long long>(in.table.size()));
    const auto res = ta::evolution(in.table, eo);
    prog.note("techconv evolution: " + std::to_string(res.periods.size()) + " periods, " +
              std::to_string(res.new_pairs.size()) + " pairs");

    es.level = std::string(tcc::to_string(no.level));
    es.codes = no.codes == tio::patent_field::cpc ? "cpc" : "ipc";
    es.counting = techconv::records::to_string(no.counting);
    es.method = std::string(ta::to_string(no.method));
    es.notes = in.notes();
    es.read = in.read;
    es.records = in.table.size();
    write_file(out_dir, "periods.csv", [&](std::ostream& f) { rp::write_periods_csv(f, res); });
    write_file(out_dir, "new_pairs.csv", [&](std::ostream& f) { rp::write_new_pairs_csv(f, res); });
    write_file(out_dir, "new_pairs_by_year.csv", [&](std::ostream& f) { rp::write_new_pairs_by_year_csv(f, res); });
    write_file(out_dir, "strategic.csv", [&](std::ostream& f) { rp::write_strategic_csv(f, res); });
    write_file(out_dir, "cluster_flows.csv", [&](std::ostream& f) { rp::write_cluster_flows_csv(f, res); });
    write_file(out_dir, "lifecycle.json", [&](std::ostream& f) { rp::write_lifecycle_json(f, res); });
    std::string pictures;  // new pairs per year (gnuplot, when on PATH)
    if (res.years.size() >= 2)
        for (const auto& ch : rp::evolution_charts(res)) pictures += rp::render_chart(out_dir, ch);
    pictures += rp::render_strategic_diagrams(out_dir, res);  // per period (gnuplot)
    pictures += rp::render_cluster_flows(out_dir, res);       // cluster_flows.dot (+ Graphviz dot)
    pictures += rp::render_group_lifecycles(out_dir, res);    // with --group-by (gnuplot)
    write_file(out_dir, "report.md", [&](std::ostream& f) { rp::write_evolution_markdown(f, res, es, pictures, spec.outputs); });
    report_count("records_without_year", static_cast<long long>(res.records_without_year));
    report_count("pairs", static_cast<long long>(res.new_pairs.size()));
    std::printf("records: %lld\nrecords without a year: %lld\nperiods: %lld\npairs: %lld\nout: %s\n",
                static_cast<long long>(res.records), static_cast<long long>(res.records_without_year),
                static_cast<long long>(res.periods.size()), static_cast<long long>(res.new_pairs.size()),
                a.final_out.c_str());
    return 0;
}

#ifdef TECHCONV_CLI_MPI
// evolution on every rank of `comm` (run_distributed_command): the ranks read their shares and
// the rows are gathered on rank 0 (gather_patents: families merged across the ranks), which runs
// the one-process analysis and writes every file (write_evolution). See docs/cli.md.
int evolution_ranks(const arguments& a, MPI_Comm comm) {
    evolution_run r;
    parse_evolution_run(a, r);
    progress prog(a.quiet || techconv::parallel::mpi::rank(comm) != 0);
    const auto in = gather_patents(a, prog, comm);
    return on_rank0([&] { return write_evolution(a, r, in, prog); }, comm);
}
#endif

}  // namespace

int cmd_evolution(int argc, char** argv) {
#ifdef TECHCONV_CLI_MPI
    if (mpi_active()) return run_distributed_command(evolution_spec(), argc, argv, MPI_COMM_WORLD, evolution_ranks);
#endif
    return rp::run_command(evolution_spec(), argc, argv, [&](const arguments& a) -> int {
        evolution_run r;
        parse_evolution_run(a, r);
        progress prog(a.quiet);
        const auto in = read_patents_one_process(a, r.fmt, prog);
        return write_evolution(a, r, in, prog);
    });
}

}  // namespace tcli
