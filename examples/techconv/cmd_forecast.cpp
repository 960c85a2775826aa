// SPDX-License-Identifier: BSL-1.0
// techconv forecast: which technologies will converge next — link prediction
// on the co-classification network of the records up to a year, checked
// against the pairs the later records realise (issue 19 §4).
#include "cli.hpp"

#include <techconv/analysis/forecast.hpp>
#include <techconv/report/forecast.hpp>

#include <cstdint>  // std::uint64_t
#include <string>   // std::string

#ifdef TECHCONV_CLI_MPI
#include "mpi_command.hpp"
#endif

namespace tcli {

namespace tcc = techconv::classification;

constexpr techconv::index forecast_map_links = 20;  ///< predicted links drawn on forecast_map
constexpr techconv::index forecast_map_nodes = 60;  ///< nodes drawn on forecast_map (at least the links' ends)

const command_spec& forecast_spec() {
    static const command_spec spec{
        "forecast",
        "INPUT... --train-until YEAR --out DIR [--level subclass] [--top L]",
        "forecast convergence: link prediction on the co-classification network",
        "Builds the co-classification network of the records with year <= --train-until (the\n"
        "train graph; the year of a record is its filing, else priority, else publication year).\n"
        "Every pair of its codes without an edge is a candidate; it is realised when the two codes\n"
        "appear together on a later record. Each candidate gets ten scores (Lü & Zhou 2011, 2010):\n"
        "common neighbours, Jaccard, Salton, Adamic-Adar, resource allocation, preferential\n"
        "attachment, Katz (exact; beta 0.5/lambda_max unless --katz-beta) and weighted common\n"
        "neighbours, Adamic-Adar and resource allocation. Each score is evaluated over all\n"
        "candidates: AUC (ties 1/2), precision at L, average precision. Records without a year\n"
        "are counted and not used. Above --max-candidates the evaluation is bounded: the --keep-top\n"
        "best-ranked candidates of each score plus --sample others (the smallest keys of a seeded\n"
        "hash of the two codes), evaluated exactly over that set, as evaluation.json and report.md\n"
        "state; predictions.csv then lists those pairs.",
        {
            {"out", "DIR", "output folder (created)"},
            {"train-until", "YEAR", "last year of the train graph (required)"},
            {"format", "FMT", patent_format_help()},
            {"level", "L", "section, class, subclass (default) or main-group"},
            {"codes", "KIND", "ipc (default) or cpc"},
            {"top", "L", "L of precision at L (default 100)"},
            {"counting", "MODE", "edge weights for the weighted scores: full (default), fractional or link_fractional"},
            {"katz-beta", "B", "Katz attenuation (default 0: 0.5 / lambda_max); >= 1/lambda_max: Katz not computed"},
            {"weight-exponent", "A", "exponent of the weights in the weighted scores (default 1)"},
            {"max-candidates", "N", "evaluate all candidates up to N (default 20000000); above, bounded evaluation"},
            {"keep-top", "K", "bounded: keep the K best-ranked candidates of each score (default 10000; >= --top)"},
            {"sample", "S", "bounded: plus S other candidates, a deterministic sample (default 1000000)"},
            {"sample-seed", "N", "bounded: seed of the sample (default 1)"},
            {"katz-max-nodes", "N", "Katz (dense, O(n^3)) only up to N train nodes (default 4000); above: not_computed"},
            {"no-merge", "", "do not merge simple families"},
            {"threads", "N", "worker threads (default 1; same result for any N)"},
        },
        "  predictions.csv  one row per evaluated candidate: source, target, common_neighbours,\n"
        "                   jaccard, salton, adamic_adar,\n"
        "                   resource_allocation, preferential_attachment, katz,\n"
        "                   weighted_common_neighbours, weighted_adamic_adar,\n"
        "                   weighted_resource_allocation, realised (1/0), first_year\n"
        "  evaluation.json  train_edges, candidates, realised, counts, settings, evaluation (when\n"
        "                   bounded: keep_top, kept, sample_size, sampled, sample_seed, sampling),\n"
        "                   and per score {auc, precision_at_L, average_precision, status}\n"
        "  report.md        the split, the evaluation table, the best-ranked candidates,\n"
        "                   with roc.svg/.png and precision_at_L.svg/.png (gnuplot) and\n"
        "                   forecast_map.svg/.png (sfdp) of the 20 best-ranked candidates of the\n"
        "                   score with the highest AUC over the train network (forecast_map.dot)",
        true};
    return spec;
}

namespace {

// The settings of one run from the command line (usage errors only; the same on every rank).
struct forecast_run {
    input_format fmt = input_format::automatic;  // --format
    ta::forecast_options fo;
};

void parse_forecast_run(const arguments& a, forecast_run& r) {
    if (!a.has("train-until")) throw usage_error("--train-until YEAR is required");
    r.fmt = format_option(a);
    auto& fo = r.fo;
    fo.train_until = static_cast<techconv::year_type>(a.get_int("train-until", 0, 1, 9999));
    fo.level = a.choice("level", "subclass", tcc::ipc_level_from_string);
    if (fo.level > tcc::ipc_level::main_group) throw usage_error("--level expects section, class, subclass or main-group");
    fo.codes = codes_option(a);
    fo.top = static_cast<techconv::index>(a.get_int("top", 100, 1, 1LL << 40));
    fo.counting = a.choice("counting", "full", techconv::records::counting_from_string);
    fo.scores.katz_beta = a.get_double("katz-beta", 0.0, 0.0, 1e6);
    fo.scores.weight_exponent = a.get_double("weight-exponent", 1.0, 0.0, 100.0);
    fo.max_candidates = static_cast<techconv::index>(a.get_int("max-candidates", 20000000, 1, 1LL << 40));
    fo.keep_top = static_cast<techconv::index>(a.get_int("keep-top", 10000, 1, 1LL << 40));
    fo.sample_size = static_cast<techconv::index>(a.get_int("sample", 1000000, 0, 1LL << 40));
    fo.sample_seed = static_cast<std::uint64_t>(a.get_int("sample-seed", 1, 0, 1LL << 62));
    fo.scores.katz_max_nodes = static_cast<techconv::index>(a.get_int("katz-max-nodes", 4000, 0, 1LL << 40));
    fo.threads = a.threads();
}

// The link prediction over every record of `in.table` (one process's reading, or the table
// rank 0 gathered from the ranks: tcli::gathered_patents) and every file of the output folder.
template <class Inputs>
int write_forecast(const arguments& a, const forecast_run& r, const Inputs& in, progress& prog) {
    const auto& spec = forecast_spec();
    const std::string out_dir = a.get("out");
    const auto& fo = r.fo;
    report_count("records", static_cast<long long>(in.table.size()));
    const auto res = ta::forecast(in.table, fo);
    prog.note("techconv forecast: " + std::to_string(res.train.num_nodes()) + " train nodes, " +
              std::to_string(res.train.num_edges()) + " train edges, " + std::to_string(res.candidate_count) +
              " candidates, " + std::to_string(res.realised_count) + " realised" +
              (res.bounded ? ", " + std::to_string(res.candidates.size()) + " evaluated (bounded)" : std::string()));

    const auto fs = rp::make_forecast_settings(fo, in);
    write_file(out_dir, "predictions.csv", [&](std::ostream& f) { rp::write_predictions_csv(f, res); });
    write_file(out_dir, "evaluation.json", [&](std::ostream& f) { rp::write_forecast_evaluation_json(f, res, fs); });
    std::string pictures;  // ROC and precision-at-L curves (gnuplot, when on PATH)
    for (const auto& ch : rp::forecast_charts(res)) pictures += rp::render_chart(out_dir, ch);
    const auto best = rp::forecast_best_score(res);
    if (best < techconv::cograph::link_score_count) {  // the top predicted links over the train network
        techconv::index drawn = 0;
        write_file(out_dir, "forecast_map.dot", [&](std::ostream& f) {
            drawn = rp::write_forecast_map_dot(f, res, best, forecast_map_links, forecast_map_nodes);
        });
        if (rp::render_dot(out_dir, "forecast_map"))
            pictures += "![the " + std::to_string(drawn) +
                        " best-ranked candidates by " + std::string(techconv::cograph::link_score_names[best]) +
                        " over the train network](forecast_map.svg)\n\n(PNG: [forecast_map.png](forecast_map.png); "
                        "dashed: predicted links numbered by rank, green when realised, red when not; grey: train "
                        "edges among their end points and the strongest train nodes)\n";
    }
    write_file(out_dir, "report.md", [&](std::ostream& f) { rp::write_forecast_markdown(f, res, fs, pictures, spec.outputs); });
    report_count("records_without_year", static_cast<long long>(res.records_without_year));
    report_count("candidates", static_cast<long long>(res.candidate_count));
    std::printf("records: %lld\nrecords without a year: %lld\ntrain edges: %lld\ncandidates: %lld\nrealised: %lld\nout: %s\n",
                static_cast<long long>(res.records), static_cast<long long>(res.records_without_year),
                static_cast<long long>(res.train.num_edges()), static_cast<long long>(res.candidate_count),
                static_cast<long long>(res.realised_count), a.final_out.c_str());
    return 0;
}

#ifdef TECHCONV_CLI_MPI
// forecast on every rank of `comm` (run_distributed_command): the ranks read their shares and
// the rows are gathered on rank 0 (gather_patents: families merged across the ranks), which runs
// the one-process link prediction and writes every file (write_forecast). See docs/cli.md.
int forecast_ranks(const arguments& a, MPI_Comm comm) {
    forecast_run r;
    parse_forecast_run(a, r);
    progress prog(a.quiet || techconv::parallel::mpi::rank(comm) != 0);
    const auto in = gather_patents(a, prog, comm);
    return on_rank0([&] { return write_forecast(a, r, in, prog); }, comm);
}
#endif

}  // namespace

int cmd_forecast(int argc, char** argv) {
#ifdef TECHCONV_CLI_MPI
    if (mpi_active()) return run_distributed_command(forecast_spec(), argc, argv, MPI_COMM_WORLD, forecast_ranks);
#endif
    return rp::run_command(forecast_spec(), argc, argv, [&](const arguments& a) -> int {
        forecast_run r;
        parse_forecast_run(a, r);
        progress prog(a.quiet);
        const auto in = read_patents_one_process(a, r.fmt, prog);
        return write_forecast(a, r, in, prog);
    });
}

}  // namespace tcli
