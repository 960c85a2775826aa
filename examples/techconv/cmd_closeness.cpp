// SPDX-License-Identifier: BSL-1.0
// techconv closeness: Salton closeness and importance of country collaboration
// ([COOP] formula (1)) from WoS / Scopus exports or USPTO XML co-invented patents.
// A shell over analysis::load_collaboration_inputs and analysis::collaboration
// (include/techconv/analysis/collaboration_inputs.hpp, collaboration.hpp).
#include "cli.hpp"

#include <cstdint>    // std::int64_t
#include <utility>    // std::move

#include <techconv/analysis/collaboration.hpp>
#include <techconv/analysis/collaboration_inputs.hpp>
#include <techconv/io/dates.hpp>
#include <techconv/io/papers.hpp>
#include <techconv/io/patent_inputs.hpp>

namespace tcli {

namespace tio = techconv::io;
namespace tcl = techconv::closeness;
namespace tan = techconv::analysis;
using techconv::label_id;
using techconv::year_type;

namespace {
/// The formats closeness reads: papers, and patents that name their parties' countries.
bool closeness_format(tio::input_format f) { return tio::holds_papers(f) || tan::holds_party_countries(f); }
}  // namespace

const command_spec& closeness_spec() {
    static const command_spec spec{
        "closeness",
        "INPUT... --out DIR [--format auto|" + tio::format_names(closeness_format, "|", "|") + "] [--by year]",
        "Salton closeness and importance of country collaboration ([COOP])",
        "Counts, for every pair of countries, the records they share (N_ij) and each country's\n"
        "international records (N_i: records with at least one other country), then Salton's\n"
        "closeness N_ij / sqrt(N_i N_j) and the importance shares N_ij/N_i and N_ij/N_j\n"
        "([COOP] formula (1)). Papers: countries of the author addresses (WoS C1, Scopus\n"
        "Affiliations, OpenAlex authorships, Lens affiliations). Patents (USPTO XML, PATSTAT, Lens\n"
        "patent JSON): inventor countries of each simple family, so a co-invented patent is a record\n"
        "with more than one inventor country. Duplicate records (same UT / EID / OpenAlex or Lens id /\n"
        "family) across files are counted once.",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", "auto (default), " + tio::format_names(closeness_format) + " (patstat: the tables of one extract)"},
            {"by", "PERIOD", "year: one row per year and pair; all (default): one period"},
            {"pair", "I,J", "pair whose yearly series the report shows (default: the largest N_ij)"},
            {"counting", "MODE", "full (default, [COOP]), fractional (2/(k(k-1)) per pair) or link_fractional (1/(k-1))"},
            {"denominator", "D", "international (default, [COOP]) or all (every record of i; also all_records)"},
            {"first-year", "Y", "drop records before year Y"},
            {"last-year", "Y", "drop records after year Y"},
            {"parties", "WHO", "uspto-xml, patstat, lens-json: inventors (default), applicants or both"},
            {"merge-china", "", "count Taiwan, Hong Kong and Macau as CN (bibliometrix convention)"},
            {"measure", "M", "salton (default), association, jaccard, inclusion, equivalence or all: pairs.csv\n"
                             "                             columns; one measure also drives the series, peak and periods.csv"},
            {"periods", "A-B,C-D", "compare two year ranges: periods.csv (see docs/cli.md)"},
            {"institutions", "", "papers: institutions.csv, institution shares of both sides of the pair"},
        },
        "  pairs.csv      year, country_i, country_j, n_ij, n_i, n_j, salton, share_i, share_j\n"
        "                 (every pair with n_ij > 0, country_i < country_j; year 'all' without\n"
        "                 --by year; share_i = n_ij/n_i is the importance of j to i)\n"
        "  countries.csv  year, country, records, international, partners, link_strength\n"
        "  report.md      inputs, counts, top pairs, the pair's yearly series (gnuplot chart\n"
        "                 closeness.svg/.png when gnuplot is installed)"};
    return spec;
}

namespace {

// Files written only with --periods / --institutions (listed in report.md when written).
const char* const periods_file_help =
    "  periods.csv    country_i, country_j, period_1, period_2, then n_ij, n_i, n_j, the measure\n"
    "                 (salton, or the one --measure), share_i, share_j in each period (_1, _2)\n"
    "                 and their change (_change = _2 - _1)\n";
const char* const institutions_file_help =
    "  institutions.csv  period, home, partner, institution, international, with_partner, share\n"
    "                 (records of the institution listing the home country and another country;\n"
    "                 share = with_partner / international; period 'all' = the whole period)\n";

}  // namespace

int cmd_closeness(int argc, char** argv) {
    const auto& spec = closeness_spec();
    return rp::run_command(spec, argc, argv, [&](const arguments& a) -> int {
        const std::string out_dir = a.get("out");
        const auto fmt = format_option(a);
        const std::string by = a.get("by", "all");
        if (by != "year" && by != "all") throw usage_error("--by expects year or all");
        const auto parties = a.choice("parties", "inventors", tan::patent_parties_from_string);
        tan::collaboration_options opt;
        opt.by_year = by == "year";
        auto& co = opt.counts;
        co.mode = a.choice("counting", "full", techconv::records::counting_from_string);
        co.denom = a.choice("denominator", "international", tcl::denominator_from_string);
        co.first_year = static_cast<year_type>(
            a.get_int("first-year", techconv::no_year, tio::min_plausible_year, tio::max_plausible_year));
        co.last_year = static_cast<year_type>(
            a.get_int("last-year", techconv::no_year, tio::min_plausible_year, tio::max_plausible_year));
        if (co.first_year != techconv::no_year && co.last_year != techconv::no_year && co.first_year > co.last_year)
            throw usage_error("--first-year is after --last-year");
        std::vector<tan::measure> measures{tan::measure::salton};
        if (a.has("measure")) {
            const auto m = a.get("measure");
            if (m == "all") {
                measures.assign(tan::all_measures.begin(), tan::all_measures.end());
            } else {
                measures = {a.choice("measure", "", tan::measure_from_string)};
            }
        }
        if (a.has("periods")) {
            try {  // the library's rule, as techconv.closeness(periods="A-B,C-D") applies it
                opt.periods = tan::collaboration_periods(a.get("periods"));
            } catch (const techconv::invalid_argument& e) {
                throw usage_error("--periods: " + rp::plain_message(e));
            }
        }
        if (measures.size() == 1) opt.series_measure = measures.front();
        opt.institutions = a.has("institutions");
        if (a.has("pair")) {
            const auto s = a.get("pair");
            const auto comma = s.find(',');
            if (comma == std::string::npos) throw usage_error("--pair expects I,J (e.g. US,CN)");
            opt.pair_i = s.substr(0, comma);
            opt.pair_j = s.substr(comma + 1);
        }

        progress prog(a.quiet);
        tan::collaboration_input_options lo;
        lo.format = fmt;
        lo.parties = parties;
        lo.institutions = opt.institutions;
        auto& bo = lo.papers.reader;
        bo.encoding = a.encoding;
        bo.max_columns = a.limits.max_columns;
        if (a.has("merge-china")) bo.regions = techconv::classification::region_policy::merged_into_china();
        lo.papers.max_memory_bytes = a.limits.max_memory_bytes;
        // Patents: read as every patent command reads them (io::read_patent_table: duplicates
        // dropped, simple families merged; progress and counters of the run).
        const auto read_patents = [&](std::vector<tio::input_source> in, const tio::read_patents_options&) {
            return rp::read_patent_inputs(a, fmt, true, prog,
                                          [&](const tio::read_patents_options& ro) {
                                              return tio::read_patent_table(std::move(in), ro);
                                          });
        };
        tan::collaboration_input_plan plan;
        try {  // each input opened once: detection reads a head the reader continues
            plan = tan::plan_collaboration_inputs(open_inputs(a.inputs), lo);
        } catch (const techconv::invalid_argument& e) {
            throw usage_error(rp::plain_message(e));
        }
        const auto data = tan::read_collaboration_inputs(std::move(plan), lo, read_patents);
        if (data.papers) report_count("unresolved_countries", static_cast<long long>(data.unresolved));
        if (data.papers)  // (patents: reported by read_patent_inputs)
            for (const auto& d : data.detections) rp::report_detection(d);
        report_count("bytes_not_utf8", static_cast<long long>(data.bytes_not_utf8));
        const auto& rec = data.countries;

        const auto r = tan::collaboration(rec, opt, opt.institutions ? &data.institutions : nullptr);

        {
            auto f = open_output(out_dir, "pairs.csv");
            rp::write_pairs_csv(f, opt.by_year ? r.yearly_pairs : r.pairs, measures, rec);
            auto c = open_output(out_dir, "countries.csv");
            rp::write_countries_csv(c, opt.by_year ? r.yearly_actors : r.actors, rec);
        }
        if (!opt.periods.empty()) {
            auto f = open_output(out_dir, "periods.csv");
            rp::write_periods_csv(f, r, opt.periods, opt.series_measure, rec);
        }
        if (opt.institutions) {
            auto f = open_output(out_dir, "institutions.csv");
            rp::write_institutions_csv(f, r, opt.periods, data.countries, data.institutions);
        }
        rp::collaboration_settings cs;
        cs.counting = techconv::records::to_string(co.mode);
        cs.denominator = std::string(tcl::to_string(co.denom));
        cs.notes = data.notes;
        cs.kind = data.kind;
        cs.duplicates = data.duplicates;
        if (data.papers) cs.unresolved_addresses = data.unresolved;
        const std::string chart = render_chart(out_dir, rp::collaboration_pair_chart(r, opt.series_measure));
        auto md = open_output(out_dir, "report.md");
        rp::write_collaboration_markdown(md, r, opt, rec, cs, chart,
                                         spec.outputs + "\n" + (opt.periods.empty() ? "" : periods_file_help) +
                                             (opt.institutions ? institutions_file_help : ""));
        prog.note("techconv closeness: " + std::to_string(rec.size()) + " records, " +
                  std::to_string(r.pairs.size()) + " pairs -> " + a.final_out);
        report_count("records", static_cast<long long>(rec.size()));
        report_count("international", static_cast<long long>(r.total.multi_actor_records));
        report_count("pairs", static_cast<long long>(r.pairs.size()));
        std::printf("records: %lld\ninternational: %lld\npairs: %zu\nout: %s\n",
                    static_cast<long long>(rec.size()), static_cast<long long>(r.total.multi_actor_records),
                    r.pairs.size(), a.final_out.c_str());
        return 0;
    });
}

}  // namespace tcli
