// SPDX-License-Identifier: BSL-1.0
// techconv keycore: the [KCT] key-core analysis of a patent export
// (analysis::key_core) written as weights.csv, scores.csv, top20.csv,
// groups.csv, industries.csv, report.json and report.md.
#include "cli.hpp"
#include "keycore_report.hpp"

#include <techconv/analysis/keycore.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/io/citations.hpp>

#ifdef TECHCONV_CLI_MPI
#include <sstream>  // std::ostringstream

#include "mpi_command.hpp"
#endif

namespace tcli {

namespace {

// The options every run of keycore takes from the command line (one process or ranks).
ta::key_core_options keycore_options(const arguments& a) {
    ta::key_core_options o;
    o.fraction = a.fraction();
    o.grouping.by_country = group_by_country(a);
    o.grouping.country_from = a.choice("country-from", "auto", ta::country_source_from_string);
    o.indicators.missing = a.choice("missing", "drop-record", tio::missing_policy_from_string);
    o.threads = a.threads();
    if (a.has("indicators")) o.chosen = a.choice("indicators", "", ta::keycore_indicators_from_list);
    o.quality.hall_correction = a.has("hall");
    return o;
}

// The tables of --citations, --classes, --fields and --concordance (the options point into them).
struct keycore_tables {
    std::vector<tio::citation_row> citations;
    std::vector<tio::class_row> classes;
    techconv::classification::concordance fields, industries;
};

// Reads the tables the command line names into `t` and points `o` at them: the concordances
// always, the citation and class tables when `citation_tables` (they feed the quality
// indicators, which a run over ranks computes on rank 0 alone).
void load_keycore_tables(const arguments& a, bool citation_tables, keycore_tables& t, ta::key_core_options& o) {
    if (citation_tables && a.has("citations")) {
        t.citations = tio::read_citation_table(a.get("citations"));
        o.citations = &t.citations;
    }
    if (citation_tables && a.has("classes")) {
        t.classes = tio::read_class_table(a.get("classes"));
        o.classes = &t.classes;
    }
    if (a.has("fields")) {
        t.fields = techconv::classification::load_concordance_file(a.get("fields"));
        o.quality.fields = &t.fields;
    }
    if (a.has("concordance")) {
        t.industries = techconv::classification::load_concordance_file(a.get("concordance"));
        o.industries = &t.industries;
    }
}

#ifdef TECHCONV_CLI_MPI
namespace tmpi = techconv::parallel::mpi;

// keycore on every rank of `comm` (run_distributed_command): every option as one process
// takes it (the concordances read by every rank, the citation and class tables by rank 0,
// which computes the quality indicators of --indicators); each rank reads its share of
// the input (a byte range of one Lens or canonical CSV file, whole files of several, or a
// PatentsView bulk table set by shares of g_patent: read_patents_on_ranks; standard input and
// PATSTAT extracts: rank 0 reads every input as one process does and scatters the rows), then parallel::mpi::key_core_analysis (the
// steps of analysis::key_core with kernels over the ranks); every
// rank writes its rows of scores.csv (MPI-IO), rank 0 the other files. The files and the
// manifest's counts are those of one process; see docs/cli.md and docs/parallel.md.
int keycore_ranks(const arguments& a, MPI_Comm comm) {
    const int me = tmpi::rank(comm);
    ta::key_core_options o = keycore_options(a);
    keycore_tables tables;
    {
        std::exception_ptr failed;  // a table's error is every rank's (rank 0's first)
        try {
            load_keycore_tables(a, me == 0, tables, o);
        } catch (...) {
            failed = std::current_exception();
        }
        agree(failed, comm);
    }
    const std::vector<double> shares = mpi_shares(comm);  // TECHCONV_MPI_SHARES (default equal)
    progress prog(a.quiet || me != 0);
    auto in = read_patents_on_ranks(a, shares, true, prog, comm, {true});  // titles: top20.csv prints them
    techconv::records::patent_table table = std::move(in.table);
    std::vector<std::string> notes = std::move(in.notes);
    const std::size_t read = in.read, records = in.records, merged = in.merged;
    if (me == 0) report_count("records", static_cast<long long>(records));
    auto share = every_rank([&] { return tmpi::key_core_analysis(table, o, comm); });
    {
        std::ostringstream body;
        const auto& kc = share.result;
        rp::write_scores_csv(body, ta::key_core_ids(table, kc), kc.scores, kc.ranks, kc.k, me == 0);
        tmpi::write_ordered(a.get("out") + "/scores.csv", body.str(), comm);
    }
    if (me != 0) return 0;
    const auto scored = share.scored;
    auto rep = rp::make_key_core_report(std::move(share.result), o);
    const auto& kc = rep.result;
    rep.scored = scored;
    prog.note("techconv keycore: " + std::to_string(scored) + " records x " + std::to_string(kc.columns.size()) +
              " indicators");
    rep.notes = std::move(notes);
    rep.read = read;
    rep.records = records;
    rep.merged = merged;
    write_keycore_report(a.get("out"), rep);
    report_count("scored", static_cast<long long>(scored));
    report_count("dropped_missing_indicator", static_cast<long long>(kc.dropped));
    report_count("key_core", static_cast<long long>(kc.k));
    std::printf("records: %lld\nindicators: %zu\nkey_core: %lld\nout: %s\n", static_cast<long long>(scored),
                kc.columns.size(), static_cast<long long>(kc.k), a.final_out.c_str());
    return 0;
}
#endif

}  // namespace

int cmd_keycore(int argc, char** argv) {
#ifdef TECHCONV_CLI_MPI
    if (mpi_active()) return run_distributed_command(keycore_spec(), argc, argv, MPI_COMM_WORLD, keycore_ranks);
#endif
    return rp::run_command(keycore_spec(), argc, argv, [&](const arguments& a) -> int {
        const auto fmt = format_option(a);
        ta::key_core_options o = keycore_options(a);
        keycore_tables tables;
        load_keycore_tables(a, true, tables, o);
        progress prog(a.quiet);
        auto in = read_patents_one_process(a, fmt, prog, {true});  // titles: top20.csv prints them
        report_count("records", static_cast<long long>(in.table.size()));
        auto rep = rp::make_key_core_report(ta::key_core(in.table, o), o);
        const auto& kc = rep.result;
        prog.note("techconv keycore: " + std::to_string(kc.scores.size()) + " records x " +
                  std::to_string(kc.columns.size()) + " indicators");
        rep.notes = in.notes();
        rep.read = in.read;
        rep.records = in.table.size();
        rep.merged = in.merged;
        write_file(a.get("out"), "scores.csv", [&](std::ostream& f) { rp::write_key_core_scores_csv(f, in.table, kc); });
        write_keycore_report(a.get("out"), rep);
        report_count("scored", static_cast<long long>(kc.scores.size()));
        report_count("dropped_missing_indicator", static_cast<long long>(kc.dropped));
        report_count("key_core", static_cast<long long>(kc.k));
        std::printf("records: %lld\nindicators: %zu\nkey_core: %lld\nout: %s\n",
                    static_cast<long long>(kc.scores.size()), kc.columns.size(), static_cast<long long>(kc.k),
                    a.final_out.c_str());
        return 0;
    });
}

}  // namespace tcli
