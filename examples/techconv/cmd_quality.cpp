// SPDX-License-Identifier: BSL-1.0
// techconv quality: the OECD patent quality indicators of each record
// (Squicciarini, Dernis & Criscuolo 2013) over the citations between the
// records, extended by a citation table and a class table (issue 19 §1-2).
#include "cli.hpp"

#include <techconv/analysis/quality.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/io/citations.hpp>
#include <techconv/report/quality.hpp>

namespace tcli {

const command_spec& quality_spec() {
    static const command_spec spec{
        "quality",
        "INPUT... --out DIR [--citations FILE] [--classes FILE] [--fields FILE]",
        "patent quality indicators (OECD): scope, citations, generality, originality, ...",
        "Per record, the patent quality indicators of Squicciarini, Dernis & Criscuolo (2013):\n"
        "patent scope (distinct IPC subclasses), family size, claims, backward citations,\n"
        "forward citations within 5 years of publication, generality, originality, radicalness\n"
        "(IPC subclasses) and breakthrough (top 1 % of forward citations in its cohort), each also\n"
        "divided by the largest value of its cohort (year x technology field; year alone without\n"
        "--fields). Citations are the records' own cited-patent lists resolved within the corpus,\n"
        "plus the rows of --citations (CSV citing,cited[,citing_year]); --classes (CSV id,ipc[,year])\n"
        "gives the classes of documents outside the corpus. An undefined value is an empty cell\n"
        "with its reason in the <indicator>_status column. See docs/analysis-quality.md.",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", "auto (default: per file), " + tio::format_names(tio::holds_patents) + " (patstat: the tables of one extract, each an INPUT)"},
            {"citations", "FILE", "citation table: CSV citing,cited[,citing_year]"},
            {"classes", "FILE", "class table: CSV id,ipc[,year]"},
            {"fields", "FILE", "technology-field table (the WIPO IPC-technology concordance, ipc_technology.csv)"},
            {"hall", "", "apply Hall's N/(N-1) correction to generality and originality"},
            {"no-merge", "", "do not merge simple families"},
        },
        "  quality.csv  id, year, publication_year, field, one column per indicator (patent_scope,\n"
        "               family_size, claims, backward_citations, forward_citations_5y, generality,\n"
        "               originality, radicalness, breakthrough), the same with _normalised, the\n"
        "               same with _status, citing, citing_with_classes, cited, cited_with_classes\n"
        "  report.md    inputs, the citation graph, the distribution and statuses of each indicator,\n"
        "               with quality_quantiles.svg/.png (gnuplot): quantile curves of the normalised values,\n"
        "               and with --fields quality_by_field_INDICATOR.svg/.png: each indicator's quantile\n"
        "               curves in the 6 fields with the most records",
        true};
    return spec;
}

int cmd_quality(int argc, char** argv) {
    const auto& spec = quality_spec();
    return rp::run_command(spec, argc, argv, [&](const arguments& a) -> int {
        const std::string out_dir = a.get("out");
        const auto fmt = format_option(a);
        rp::quality_settings qs;
        std::vector<tio::citation_row> citations;
        std::vector<tio::class_row> classes;
        if (a.has("citations")) {
            qs.citations = a.get("citations");
            citations = tio::read_citation_table(qs.citations);
            qs.citation_rows = citations.size();
        }
        if (a.has("classes")) {
            qs.classes = a.get("classes");
            classes = tio::read_class_table(qs.classes);
            qs.class_rows = classes.size();
        }
        techconv::classification::concordance fields;
        ta::quality_options qo;
        if (a.has("fields")) {
            qs.fields = a.get("fields");
            fields = techconv::classification::load_concordance_file(qs.fields);
            qo.fields = &fields;
        }
        qo.hall_correction = a.has("hall");
        qs.hall_correction = qo.hall_correction;

        progress prog(a.quiet);
        auto in = rp::read_patent_inputs(a, fmt, !a.has("no-merge"), prog, [&](const tio::read_patents_options& ro) {
            return tio::read_patent_table(open_inputs(a.inputs), ro);
        });
        report_count("records", static_cast<long long>(in.table.size()));
        const auto res = ta::quality_indicators(in.table, qo, citations, classes);
        qs.notes = in.notes();
        qs.read = in.read;
        qs.records = in.table.size();
        write_file(out_dir, "quality.csv", [&](std::ostream& f) { rp::write_quality_csv(f, res, qo.fields); });
        std::string pictures = rp::render_chart(out_dir, rp::quality_chart(res));  // gnuplot, when on PATH
        for (const auto& ch : rp::quality_group_charts(res, qo.fields)) pictures += rp::render_chart(out_dir, ch);
        write_file(out_dir, "report.md",
                   [&](std::ostream& f) { rp::write_quality_markdown(f, res, qs, pictures, spec.outputs); });
        report_count("citations", static_cast<long long>(res.graph.stats.edges));
        report_count("citations_between_records", static_cast<long long>(res.graph.stats.internal_edges));
        std::printf("records: %lld\ncitations: %lld\ncitations between records: %lld\nout: %s\n",
                    static_cast<long long>(res.records.size()), static_cast<long long>(res.graph.stats.edges),
                    static_cast<long long>(res.graph.stats.internal_edges), a.final_out.c_str());
        return 0;
    });
}

}  // namespace tcli
