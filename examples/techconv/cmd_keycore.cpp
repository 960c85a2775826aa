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
#include <cstdlib>    // std::getenv
#include <exception>  // std::exception_ptr
#include <sstream>    // std::ostringstream

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
    return o;
}

#ifdef TECHCONV_CLI_MPI
namespace tmpi = techconv::parallel::mpi;

// keycore on every rank of `comm` (run_distributed_command): each rank reads its share of
// the input (a byte range of one Lens or canonical CSV file; else rank 0 reads every input
// as one process does and scatters the rows), then parallel::mpi::key_core_analysis; every
// rank writes its rows of scores.csv (MPI-IO), rank 0 the other files. The files and the
// manifest's counts are those of one process; see docs/cli.md and docs/parallel.md.
int keycore_ranks(const arguments& a, MPI_Comm comm) {
    const int me = tmpi::rank(comm);
    for (const char* name : {"concordance", "indicators", "citations", "classes", "fields", "hall"})
        if (a.has(name))
            throw usage_error(std::string("--") + name + " is not offered under mpirun yet (run techconv keycore as one process)");
    const ta::key_core_options o = keycore_options(a);
    std::vector<double> shares;  // TECHCONV_MPI_SHARES: relative shares of the ranks (default equal)
    try {
        const char* env = std::getenv("TECHCONV_MPI_SHARES");
        shares = tmpi::share_weights(env ? env : "", tmpi::size(comm));
    } catch (const techconv::invalid_argument& e) {
        throw usage_error("TECHCONV_MPI_SHARES: " + rp::plain_message(e));
    }
    const auto fmt = format_option(a);
    const bool merge = !a.has("no-merge");
    const auto file_fmt = a.inputs.size() == 1 && fmt == input_format::automatic && a.inputs.front() != "-"
                              ? detect_format(a.inputs.front())
                              : fmt;
    progress prog(a.quiet || me != 0);
    techconv::records::patent_table table;
    std::vector<std::string> notes;
    std::size_t read = 0, records = 0, merged = 0;
    if (a.inputs.size() == 1 && a.inputs.front() != "-" && tmpi::byte_range_splittable(file_fmt)) {
        tio::read_patents_options ro;  // as report::read_patent_inputs sets them
        ro.limits = a.limits;
        ro.format = file_fmt;
        ro.encoding = a.encoding;
        ro.merge_families = merge;
        auto in = every_rank([&] {
            return tmpi::read_patent_table_split(a.inputs.front(), ro, fmt == input_format::automatic, shares, comm,
                                                 {true});
        });
        records = static_cast<std::size_t>(tmpi::global_rows(static_cast<techconv::index>(in.table.size()), comm).total);
        if (me == 0) {  // the counts report::read_patent_inputs records, over all ranks
            const auto& st = in.files.front().stats;
            report_count("records_read", static_cast<long long>(in.read + in.duplicates));
            report_count("duplicates_dropped", static_cast<long long>(in.duplicates));
            report_count("codes_not_ipc_dropped", static_cast<long long>(in.rejected_codes));
            report_count("merged_into_families", static_cast<long long>(in.merged));
            report_count("bytes_not_utf8", static_cast<long long>(st.text.stray_bytes));
            report_count("blank_rows_skipped", static_cast<long long>(st.blank_rows));
            report_count("repeated_headers_skipped", static_cast<long long>(st.repeated_headers));
            rp::report_detection(in.files.front().detection);
        }
        notes = in.notes();
        read = in.read;
        merged = in.merged;
        table = std::move(in.table);
    } else {  // XML, JSON, multi-table extracts, several inputs: rank 0 reads, the rows are scattered
        std::exception_ptr failed;
        if (me == 0) {
            try {
                auto in = rp::read_patent_inputs(a, fmt, merge, prog, [&](const tio::read_patents_options& ro) {
                    return tio::read_patent_table(open_inputs(a.inputs), ro, {true});
                });
                notes = in.notes();
                read = in.read;
                merged = in.merged;
                records = in.table.size();
                table = std::move(in.table);
            } catch (...) {
                failed = std::current_exception();
            }
        }
        agree(failed, comm);
        table = tmpi::scatter_rows(std::move(table), shares, 0, comm, {true});
    }
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
        if (a.has("indicators"))
            o.chosen = a.choice("indicators", "", ta::keycore_indicators_from_list);
        std::vector<tio::citation_row> citations;
        std::vector<tio::class_row> classes;
        techconv::classification::concordance fields;
        if (a.has("citations")) {
            citations = tio::read_citation_table(a.get("citations"));
            o.citations = &citations;
        }
        if (a.has("classes")) {
            classes = tio::read_class_table(a.get("classes"));
            o.classes = &classes;
        }
        if (a.has("fields")) {
            fields = techconv::classification::load_concordance_file(a.get("fields"));
            o.quality.fields = &fields;
        }
        o.quality.hall_correction = a.has("hall");
        techconv::classification::concordance industries;
        if (a.has("concordance")) {
            industries = techconv::classification::load_concordance_file(a.get("concordance"));
            o.industries = &industries;
        }
        progress prog(a.quiet);
        auto in = rp::read_patent_inputs(a, fmt, !a.has("no-merge"), prog, [&](const tio::read_patents_options& ro) {
            return tio::read_patent_table(open_inputs(a.inputs), ro, {true});  // titles: top20.csv prints them
        });
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
