// SPDX-License-Identifier: BSL-1.0
// techconv quality: the OECD patent quality indicators of each record
// (Squicciarini, Dernis & Criscuolo 2013) over the citations between the
// records, extended by a citation table and a class table (issue 19 §1-2).
#include "cli.hpp"

#include <techconv/analysis/quality.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/io/citations.hpp>
#include <techconv/report/quality.hpp>

#include <exception>  // std::exception_ptr
#include <string>     // std::string
#include <vector>     // std::vector

#ifdef TECHCONV_CLI_MPI
#include "mpi_command.hpp"
#endif

namespace tcli {

namespace {
constexpr std::size_t quality_picture_groups = 8;  // boxes per panel of quality_by_group.svg

// quality_by_group.dat and .gp, drawn as .svg and .png when gnuplot is on PATH; the Markdown of the
// picture (empty when not drawn).
std::string render_quality_groups(const std::string& dir, const ta::quality_result& res) {
    if (!rp::have_program("gnuplot")) return {};
    const auto drawn = rp::quality_drawn_groups(res, quality_picture_groups);
    std::vector<ta::quality_indicator> indicators;
    write_file(dir, "quality_by_group.dat",
               [&](std::ostream& f) { indicators = rp::write_quality_group_data(f, res, drawn); });
    if (indicators.empty()) return {};
    write_file(dir, "quality_by_group.gp",
               [&](std::ostream& f) { rp::write_quality_group_script(f, indicators, drawn.size()); });
    if (!rp::run_quiet("cd " + rp::shell_quote(dir) + " && gnuplot quality_by_group.gp")) return {};
    std::size_t groups = 0;
    for (std::size_t k = 0; k < res.groups.size(); k += ta::quality_indicator_count) ++groups;
    std::string md = "![quality indicators per group](quality_by_group.svg)\n\n(PNG: [quality_by_group.png](quality_by_group.png); "
                     "per indicator a box per group: q1 to q3, line at the median, whiskers from the minimum to the "
                     "90th percentile, cross at the mean; ";
    md += groups > drawn.size() ? "the " + std::to_string(drawn.size()) + " groups with the most records of " +
                                      std::to_string(groups) + ", the others in quality_by_group.csv)\n"
                                : "every group)\n";
    return md;
}
}  // namespace

const command_spec& quality_spec() {
    static const command_spec spec{
        "quality",
        "INPUT... --out DIR [--citations FILE] [--classes FILE] [--fields FILE] [--group-by country]",
        "patent quality indicators (OECD): scope, citations, generality, originality, ...",
        "Per record, the patent quality indicators of Squicciarini, Dernis & Criscuolo (2013):\n"
        "patent scope (distinct IPC subclasses), family size, claims, backward citations,\n"
        "forward citations within 5 years of publication, generality, originality, radicalness\n"
        "(IPC subclasses) and breakthrough (top 1 % of forward citations in its cohort), each also\n"
        "divided by the largest value of its cohort (year x technology field; year alone without\n"
        "--fields). Citations are the records' own cited-patent lists and, where the source lists\n"
        "them (Lens JSON cited_by, PatentsView bulk g_us_patent_citation), the documents citing them,\n"
        "resolved within the corpus, plus the rows of --citations (CSV citing,cited[,citing_year]);\n"
        "--classes (CSV id,ipc[,year]) gives the classes and years of documents outside the corpus: a\n"
        "citing document without a year is left out of the 5-year window (unknown_citing_years), one\n"
        "without a class out of generality (unknown_citing_classes), a cited document without a class\n"
        "out of originality and radicalness (unknown_cited_classes). An undefined value is an empty cell\n"
        "with its reason in the <indicator>_status column. With --group-by country the records are\n"
        "grouped by country (--country-from, as keycore, network and evolution group them) and each\n"
        "indicator's distribution is summarised per group. See docs/analysis-quality.md.",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", patent_format_help()},
            {"citations", "FILE", "citation table: CSV citing,cited[,citing_year]"},
            {"classes", "FILE", "class table: CSV id,ipc[,year]"},
            {"fields", "FILE", "technology-field table (the WIPO IPC-technology concordance, ipc_technology.csv)"},
            {"hall", "", "apply Hall's N/(N-1) correction to generality and originality"},
            {"group-by", "KEY", "country: each indicator's distribution per country group; none (default)"},
            {"country-from", "SRC", "auto (default), applicant, inventor, priority or jurisdiction"},
            {"no-merge", "", "do not merge simple families"},
        },
        "  quality.csv  id, year, publication_year, field, with --group-by group, one column per indicator (patent_scope,\n"
        "               family_size, claims, backward_citations, forward_citations_5y, generality,\n"
        "               originality, radicalness, breakthrough), the same with _normalised, the\n"
        "               same with _status, citing, citing_with_classes, cited, cited_with_classes,\n"
        "               citing_with_year\n"
        "  report.md    inputs, the citation graph, the distribution and statuses of each indicator,\n"
        "               with quality_quantiles.svg/.png (gnuplot): quantile curves of the normalised values,\n"
        "               and with --fields quality_by_field_INDICATOR.svg/.png: each indicator's quantile\n"
        "               curves in the 6 fields with the most records\n"
        "  quality_by_group.csv  with --group-by: group, indicator, records, with_value, min, q1, median,\n"
        "               q3, p90, max, mean, status (the values of the group's records; quantiles by linear\n"
        "               interpolation), and quality_by_group.svg/.png (gnuplot): a panel per indicator, a box\n"
        "               per group for the 8 groups with the most records",
        true};
    return spec;
}

namespace {

// The settings and auxiliary tables of one run. Under mpirun the tables are rank 0's alone
// (the analysis runs there); the options are parsed on every rank.
struct quality_run {
    input_format fmt = input_format::automatic;  // --format
    rp::quality_settings qs;
    std::vector<tio::citation_row> citations;
    std::vector<tio::class_row> classes;
    techconv::classification::concordance fields;  // qo.fields points here once loaded
    ta::quality_options qo;
    quality_run() = default;
    quality_run(const quality_run&) = delete;  // qo.fields points into the object
    quality_run& operator=(const quality_run&) = delete;
};

// --citations, --classes and --fields: read as one process reads them.
void load_quality_tables(const arguments& a, quality_run& r) {
    auto& qs = r.qs;
    if (a.has("citations")) {
        qs.citations = a.get("citations");
        r.citations = tio::read_citation_table(qs.citations);
        qs.citation_rows = r.citations.size();
    }
    if (a.has("classes")) {
        qs.classes = a.get("classes");
        r.classes = tio::read_class_table(qs.classes);
        qs.class_rows = r.classes.size();
    }
    if (a.has("fields")) {
        qs.fields = a.get("fields");
        r.fields = techconv::classification::load_concordance_file(qs.fields);
        r.qo.fields = &r.fields;
    }
}

// The options after the tables (usage errors only; the same on every rank).
void parse_quality_options(const arguments& a, quality_run& r) {
    r.qo.hall_correction = a.has("hall");
    r.qs.hall_correction = r.qo.hall_correction;
    if (group_by_country(a)) {
        r.qo.group_by_country = a.choice("country-from", "auto", ta::country_source_from_string);
        r.qs.group_by = "country from " + std::string(ta::to_string(*r.qo.group_by_country));
    }
}

// The indicators of every record of `in.table` (one process's reading, or the table rank 0
// gathered from the ranks: tcli::gathered_patents) and every file of the output folder.
template <class Inputs>
int write_quality(const arguments& a, quality_run& r, const Inputs& in) {
    const auto& spec = quality_spec();
    const std::string out_dir = a.get("out");
    const auto& qo = r.qo;
    auto& qs = r.qs;
    report_count("records", static_cast<long long>(in.table.size()));
    const auto res = ta::quality_indicators(in.table, qo, r.citations, r.classes);
    qs.notes = in.notes();
    qs.read = in.read;
    qs.records = in.table.size();
    write_file(out_dir, "quality.csv", [&](std::ostream& f) { rp::write_quality_csv(f, res, qo.fields); });
    std::string pictures = rp::render_chart(out_dir, rp::quality_chart(res));  // gnuplot, when on PATH
    for (const auto& ch : rp::quality_group_charts(res, qo.fields)) pictures += rp::render_chart(out_dir, ch);
    if (qo.group_by_country) {
        write_file(out_dir, "quality_by_group.csv", [&](std::ostream& f) { rp::write_quality_by_group_csv(f, res); });
        pictures += render_quality_groups(out_dir, res);
    }
    write_file(out_dir, "report.md",
               [&](std::ostream& f) { rp::write_quality_markdown(f, res, qs, pictures, spec.outputs); });
    report_count("citations", static_cast<long long>(res.graph.stats.edges));
    report_count("citations_between_records", static_cast<long long>(res.graph.stats.internal_edges));
    std::printf("records: %lld\ncitations: %lld\ncitations between records: %lld\nout: %s\n",
                static_cast<long long>(res.records.size()), static_cast<long long>(res.graph.stats.edges),
                static_cast<long long>(res.graph.stats.internal_edges), a.final_out.c_str());
    return 0;
}

#ifdef TECHCONV_CLI_MPI
// quality on every rank of `comm` (run_distributed_command): rank 0 reads --citations,
// --classes and --fields as one process does (the other ranks never need them); the ranks read
// their shares of the records, which are gathered on rank 0 (gather_patents: families merged
// across the ranks); rank 0 computes the indicators and writes every file (write_quality).
int quality_ranks(const arguments& a, MPI_Comm comm) {
    const int me = techconv::parallel::mpi::rank(comm);
    quality_run r;
    r.fmt = format_option(a);
    std::exception_ptr failed;
    if (me == 0) {
        try {
            load_quality_tables(a, r);
        } catch (...) {
            failed = std::current_exception();
        }
    }
    agree(failed, comm);
    parse_quality_options(a, r);
    progress prog(a.quiet || me != 0);
    const auto in = gather_patents(a, prog, comm);
    return on_rank0([&] { return write_quality(a, r, in); }, comm);
}
#endif

}  // namespace

int cmd_quality(int argc, char** argv) {
#ifdef TECHCONV_CLI_MPI
    if (mpi_active()) return run_distributed_command(quality_spec(), argc, argv, MPI_COMM_WORLD, quality_ranks);
#endif
    return rp::run_command(quality_spec(), argc, argv, [&](const arguments& a) -> int {
        quality_run r;
        r.fmt = format_option(a);
        load_quality_tables(a, r);
        parse_quality_options(a, r);
        progress prog(a.quiet);
        const auto in = read_patents_one_process(a, r.fmt, prog);
        return write_quality(a, r, in);
    });
}

}  // namespace tcli
