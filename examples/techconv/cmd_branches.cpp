// SPDX-License-Identifier: BSL-1.0
// techconv branches: records x technology branch by term lists ([COOP] §1.2,
// Table 1). A shell over analysis::classify_branches
// (include/techconv/analysis/branches.hpp).
#include "cli.hpp"

#include <algorithm>  // std::min
#include <cstdint>   // std::int64_t
#include <utility>   // std::move

#include <techconv/analysis/branches.hpp>
#include <techconv/classification/concordance.hpp>
#include <techconv/io/papers.hpp>

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

int cmd_branches(int argc, char** argv) {
    const auto& spec = branches_spec();
    return rp::run_command(spec, argc, argv, [&](const arguments& a) -> int {
        const std::string out_dir = a.get("out");
        const auto fmt = format_option(a);
        tcf::term_classifier classifier = a.has("terms")
                                              ? tcf::term_classifier(tan::load_branch_terms(a.get("terms")))
                                              : tcf::coop_ai_chip_classifier();
        if (a.has("ipc-filter")) {
            std::vector<tcf::ipc_pattern> patterns;
            const auto list = a.get("ipc-filter");
            for (std::size_t b = 0; b <= list.size();) {
                const auto e = std::min(list.find(',', b), list.size());
                const auto text = list.substr(b, e - b);
                const auto p = tcf::ipc_pattern_from_chars(text);
                if (!p) throw usage_error("--ipc-filter: '" + text + "' is not an IPC pattern");
                patterns.push_back(p.pattern);
                b = e + 1;
            }
            classifier.set_ipc_filter(patterns);
        }
        tan::branch_options bo;
        if (a.has("all-terms")) bo.match.restricted = tcf::restriction_policy::ignore;

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

        progress prog(a.quiet);
        std::vector<std::string> notes;
        std::string kind;
        tan::branch_table t;
        if (!patent_paths.empty()) {
            auto in = rp::read_patent_inputs(a, fmt, true, prog, [&](const tio::read_patents_options& ro) {
                return tio::read_patent_table(std::move(patent_paths), ro, {true});  // titles: the branch terms
            });
            report_count("records", static_cast<long long>(in.table.size()));
            notes = in.notes();
            kind = "patents (simple families)";
            t = tan::classify_branches(in.table, classifier, bo);
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
            t = tan::classify_branches(papers.table, classifier, bo);
        }
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
            : classifier.has_ipc_filter() ? "need the IPC filter"
                                          : "not counted (no IPC filter)",
            notes, kind, spec.outputs);
        report_count("records", static_cast<long long>(rec.size()));
        report_count("unclassified", static_cast<long long>(t.unclassified));
        std::printf("records: %lld\nclassified: %lld\nout: %s\n", static_cast<long long>(rec.size()),
                    static_cast<long long>(rec.size() - t.unclassified), a.final_out.c_str());
        return 0;
    });
}

}  // namespace tcli
