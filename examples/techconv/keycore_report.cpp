// SPDX-License-Identifier: BSL-1.0
// The options of techconv keycore and its report files (weights.csv, top20.csv,
// groups.csv, industries.csv, report.json, report.md: techconv/report/), written
// by one process and by rank 0 under mpirun alike.
#include "keycore_report.hpp"

#include "cli.hpp"  // patent_format_help

#include <techconv/analysis/keycore_indicators.hpp>
#include <techconv/io/detect.hpp>
#include <techconv/report/json.hpp>
#include <techconv/report/markdown.hpp>
#include <techconv/report/render.hpp>

namespace tcli {

const techconv::report::command_spec& keycore_spec() {
    static const techconv::report::command_spec spec{
        "keycore",
        "INPUT... --out DIR [--format auto|" + techconv::io::format_names(techconv::io::holds_patents, "|", "|") +
            "] [--top 0.05] [--group-by country] [--concordance FILE] [--indicators LIST]",
        "key core records by entropy-weighted indicators, with group profiles ([KCT])",
        "Reads patents, merges simple families, builds the [KCT] indicator matrix (the\n"
        "indicators the source lacks are reported and left out, never zero-filled), weights the\n"
        "indicators by the entropy method (min-max, then entropy with 0 ln 0 = 0), scores every\n"
        "record s_i = sum_j w_j x'_ij and selects the key core, the top ceil(q n) records\n"
        "(ties: score descending, then input order). With --group-by country each country's\n"
        "records and key core are profiled: counts and shares, distinct main and all IPC\n"
        "subclasses, convergence index, company share, leading applicant, top main subclasses.\n"
        "--indicators chooses the weighted indicators: any of the nine [KCT] counts and the OECD\n"
        "quality indicators of `techconv quality` (oecd_<name>, oecd_<name>_normalised), over the\n"
        "citations of --citations and the classes of --classes; a record without a value of a\n"
        "chosen indicator follows --missing (never a silent 0). See docs/analysis-keycore.md.",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", patent_format_help()},
            {"top", "Q", "key-core fraction q (default 0.05)"},
            {"group-by", "KEY", "country or none (default)"},
            {"country-from", "SRC", "auto (default), applicant, inventor, priority or jurisdiction"},
            {"missing", "POLICY", "records lacking a kept indicator: drop-record (default), drop-indicator, zero"},
            {"no-merge", "", "do not merge simple families"},
            {"threads", "N", "worker threads for weighting and scoring (default 1; same result for any N)"},
            {"concordance", "FILE", "IPC-to-industry concordance CSV (WIPO 35 fields or pattern,category): industries.csv"},
            {"indicators", "LIST", "comma-separated indicators to weight (default: the nine [KCT] counts): " +
                                       techconv::analysis::keycore_indicator_names()},
            {"citations", "FILE", "citation table for the quality indicators: CSV citing,cited[,citing_year]"},
            {"classes", "FILE", "class table for the quality indicators: CSV id,ipc[,year]"},
            {"fields", "FILE", "technology fields of the quality cohorts (ipc_technology.csv; default: years alone)"},
            {"hall", "", "Hall's N/(N-1) correction of oecd_generality and oecd_originality"},
        },
        "  weights.csv  indicator, group, weight, entropy   ([KCT] Table 1 order; indicators the\n"
        "               source lacks have empty weight and entropy)\n"
        "  scores.csv   id, score, rank, key_core           (one row per record, input order)\n"
        "  top20.csv    rank, id, score, group, year, title, then one sub-score per level-2 group\n"
        "  groups.csv   group, records, key_core, key_share_of_group, share_of_key_core,\n"
        "               key_main_subclasses, key_all_subclasses, key_convergence_index,\n"
        "               key_company_share, top_applicant, top_applicant_share\n"
        "  industries.csv  group, industry, records, share  (with --concordance: each group's key core\n"
        "               records per concordance category, multi-label)\n"
        "  report.md, report.json",
        true};
    return spec;
}


void write_keycore_report(const std::string& dir, const techconv::report::key_core_report& r) {
    namespace rp = techconv::report;
    const auto write = [&](const char* name, void (*fn)(std::ostream&, const rp::key_core_report&)) {
        rp::write_file(dir, name, [&](std::ostream& f) { fn(f, r); });
    };
    write("weights.csv", rp::write_key_core_weights_csv);
    if (r.industries_table) write("industries.csv", rp::write_industries_csv);
    write("top20.csv", rp::write_top_csv);
    write("groups.csv", rp::write_key_core_groups_csv);
    write("report.json", rp::write_key_core_json);
    rp::write_file(dir, "report.md", [&](std::ostream& f) { rp::write_key_core_markdown(f, r, keycore_spec().outputs); });
}

}  // namespace tcli
