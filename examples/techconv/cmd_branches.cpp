// SPDX-License-Identifier: BSL-1.0
// techconv branches: records x technology branch by term lists ([COOP] §1.2,
// Table 1). A shell over analysis::classify_branches
// (include/techconv/analysis/branches.hpp).
#include "cli.hpp"

#include <algorithm>  // std::min
#include <cstdint>   // std::int64_t
#include <exception> // std::exception_ptr
#include <string>    // std::string
#include <utility>   // std::move
#include <vector>    // std::vector

#include <techconv/analysis/branches.hpp>
#include <techconv/classification/concordance.hpp>
#include <techconv/io/papers.hpp>

#ifdef TECHCONV_CLI_MPI
#include "mpi_command.hpp"
#endif

namespace tcli {

namespace tan = techconv::analysis;
namespace tcf = techconv::classification;

const command_spec& branches_spec() {
    static const command_spec spec{
        "branches",
        "INPUT... --out DIR [--terms FILE] [--format FMT]",
        "Records x technology branch by term lists ([COOP] Table 1)",
        "Assigns every record to the technology branches whose terms occur in its title\n"
        "(papers: title and keywords), case-insensitively and multi-label ([COOP] §1.2).\n"
        "Built in: the [COOP] Table 1 AI-chip branches (brain-like chip, GPU, VPU, DPU,\n"
        "NPU, IPU, TPU, FPGA, ASIC, CPLD, VLSI, English and Chinese terms); --terms FILE\n"
        "reads other lists. Noisy (restricted) terms count only for patents whose IPC codes\n"
        "pass --ipc-filter, or everywhere with --all-terms. Patents (Lens CSV, USPTO XML,\n"
        "techconv CSV) are merged into simple families; papers come from WoS or Scopus.",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", "auto (default), " + tio::format_names([](tio::input_format f) { return tio::holds_patents(f) || tio::holds_papers(f); })},
            {"terms", "FILE", "CSV with columns branch, term[, kind] (kind: term, restricted or exclusion)"},
            {"ipc-filter", "LIST", "comma-separated IPC patterns (e.g. G06N,G06F15/78) restricted terms need"},
            {"all-terms", "", "count restricted terms like the others (no IPC filter needed)"},
        },
        "  records.csv    id, year, then one column per branch (1 = the record is in the branch)\n"
        "  branches.csv   branch, records, share (records / all records; multi-label, so shares\n"
        "                 sum past 1)\n"
        "  years.csv      year, branch, records (records with a year; non-zero cells only)\n"
        "  report.md      inputs, counts and the branch table",
        true};
    return spec;
}

namespace {

// The term lists and options of one run. Under mpirun the classifier is rank 0's alone (the
// classification runs there); the --ipc-filter patterns are parsed on every rank.
struct branches_run {
    input_format fmt = input_format::automatic;  // --format
    tcf::term_classifier classifier;
    tan::branch_options bo;
};

// --terms (the built-in [COOP] Table 1 lists without it): read as one process reads it.
void load_branch_classifier(const arguments& a, branches_run& r) {
    r.classifier = a.has("terms") ? tcf::term_classifier(tan::load_branch_terms(a.get("terms")))
                                  : tcf::coop_ai_chip_classifier();
}

// --ipc-filter (usage errors only; the same on every rank).
std::vector<tcf::ipc_pattern> ipc_filter_option(const arguments& a) {
    std::vector<tcf::ipc_pattern> patterns;
    if (!a.has("ipc-filter")) return patterns;
    const auto list = a.get("ipc-filter");
    for (std::size_t b = 0; b <= list.size();) {
        const auto e = std::min(list.find(',', b), list.size());
        const auto text = list.substr(b, e - b);
        const auto p = tcf::ipc_pattern_from_chars(text);
        if (!p) throw usage_error("--ipc-filter: '" + text + "' is not an IPC pattern");
        patterns.push_back(p.pattern);
        b = e + 1;
    }
    return patterns;
}

void apply_ipc_filter(const arguments& a, branches_run& r, const std::vector<tcf::ipc_pattern>& patterns) {
    if (a.has("ipc-filter")) r.classifier.set_ipc_filter(patterns);
    if (a.has("all-terms")) r.bo.match.restricted = tcf::restriction_policy::ignore;
}

// The patents of one run's reading (titles kept: the branch terms), classified.
template <class Inputs>
tan::branch_table classify_patents(const branches_run& r, const Inputs& in, std::vector<std::string>& notes,
                                   std::string& kind) {
    report_count("records", static_cast<long long>(in.table.size()));
    notes = in.notes();
    kind = "patents (simple families)";
    return tan::classify_branches(in.table, r.classifier, r.bo);
}

// The files of the output folder from the classified records.
int write_branches(const arguments& a, const branches_run& r, const tan::branch_table& t,
                   const std::vector<std::string>& notes, const std::string& kind) {
    const auto& spec = branches_spec();
    const std::string out_dir = a.get("out");
    const auto& rec = t.records;
    {
        auto f = open_output(out_dir, "records.csv");
        rp::write_branch_records_csv(f, t);
        auto b = open_output(out_dir, "branches.csv");
        rp::write_branch_counts_csv(b, t);
        auto y = open_output(out_dir, "years.csv");
        rp::write_branch_years_csv(y, t);
    }
    auto md = open_output(out_dir, "report.md");
    rp::write_branches_markdown(
        md, t, a.has("terms") ? "`" + a.get("terms") + "`" : std::string("[COOP] Table 1 (built in)"),
        a.has("all-terms") ? "counted everywhere"
        : r.classifier.has_ipc_filter() ? "need the IPC filter"
                                        : "not counted (no IPC filter)",
        notes, kind, spec.outputs);
    report_count("records", static_cast<long long>(rec.size()));
    report_count("unclassified", static_cast<long long>(t.unclassified));
    std::printf("records: %lld\nclassified: %lld\nout: %s\n", static_cast<long long>(rec.size()),
                static_cast<long long>(rec.size() - t.unclassified), a.final_out.c_str());
    return 0;
}

// The reading, classification and files of one process (under mpirun: rank 0's, for the
// inputs patent_split_of leaves to rank 0).
int branches_one_process(const arguments& a, const branches_run& r, progress& prog) {
    const auto fmt = r.fmt;
    // each input opened once: detection reads a head that the reader continues from
    std::vector<tio::input_source> patent_paths;
    std::vector<tio::input_source> paper_paths;
    for (auto& in : open_inputs(a.inputs)) {
        const auto f = fmt == input_format::automatic ? detect_format(in) : fmt;
        if (tio::holds_papers(f))
            paper_paths.push_back(std::move(in));
        else
            patent_paths.push_back(std::move(in));
    }
    if (!patent_paths.empty() && !paper_paths.empty())
        throw usage_error("mixing papers and patents in one run is not supported");

    std::vector<std::string> notes;
    std::string kind;
    tan::branch_table t;
    if (!patent_paths.empty()) {
        auto in = rp::read_patent_inputs(a, fmt, true, prog, [&](const tio::read_patents_options& ro) {
            return tio::read_patent_table(std::move(patent_paths), ro, {true});  // titles: the branch terms
        });
        t = classify_patents(r, in, notes, kind);
    } else {
        tio::read_papers_options po;
        po.format = fmt;
        po.reader.encoding = a.encoding;
        po.reader.references = false;  // titles and keywords only
        po.reader.max_columns = a.limits.max_columns;
        po.max_memory_bytes = a.limits.max_memory_bytes;
        const auto papers = tio::read_paper_table(std::move(paper_paths), po);
        for (const auto& f : papers.files) {
            notes.push_back(tio::paper_input_note(f, false));
            rp::report_detection(f.detection);
        }
        const std::size_t unresolved = papers.unresolved_addresses();
        report_count("unresolved_countries", static_cast<long long>(unresolved));
        kind = "papers";
        t = tan::classify_branches(papers.table, r.classifier, r.bo);
    }
    return write_branches(a, r, t, notes, kind);
}

#ifdef TECHCONV_CLI_MPI
namespace tmpi = techconv::parallel::mpi;

// branches on every rank of `comm` (run_distributed_command). Patent files (patent_split_of:
// one Lens or canonical CSV file by byte ranges, whole files of several, or a PatentsView bulk
// table set by shares of g_patent): the ranks read
// their shares, titles kept, and the rows are gathered on rank 0 (gather_patents: families
// merged across the ranks), which classifies them and writes every file. Any other input
// (papers, standard input, PATSTAT extracts): rank 0 reads, classifies and writes as one process
// does (branches_one_process) while the others wait.
// --terms is read by rank 0 alone.
int branches_ranks(const arguments& a, MPI_Comm comm) {
    const int me = tmpi::rank(comm);
    branches_run r;
    r.fmt = format_option(a);
    std::exception_ptr failed;
    if (me == 0) {
        try {
            load_branch_classifier(a, r);
        } catch (...) {
            failed = std::current_exception();
        }
    }
    agree(failed, comm);
    apply_ipc_filter(a, r, ipc_filter_option(a));
    progress prog(a.quiet || me != 0);
    if (patent_split_of(a, r.fmt, comm) == patent_split::rank0) return on_rank0([&] { return branches_one_process(a, r, prog); }, comm);
    const auto in = gather_patents(a, prog, comm, {true});  // titles: the branch terms
    return on_rank0(
        [&] {
            std::vector<std::string> notes;
            std::string kind;
            const auto t = classify_patents(r, in, notes, kind);
            return write_branches(a, r, t, notes, kind);
        },
        comm);
}
#endif

}  // namespace

int cmd_branches(int argc, char** argv) {
#ifdef TECHCONV_CLI_MPI
    if (mpi_active()) return run_distributed_command(branches_spec(), argc, argv, MPI_COMM_WORLD, branches_ranks);
#endif
    return rp::run_command(branches_spec(), argc, argv, [&](const arguments& a) -> int {
        branches_run r;
        r.fmt = format_option(a);
        load_branch_classifier(a, r);
        apply_ipc_filter(a, r, ipc_filter_option(a));
        progress prog(a.quiet);
        return branches_one_process(a, r, prog);
    });
}

}  // namespace tcli
