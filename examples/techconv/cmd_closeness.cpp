// SPDX-License-Identifier: BSL-1.0
// techconv closeness: Salton closeness and importance of country collaboration
// ([COOP] formula (1)) from WoS / Scopus exports or USPTO XML co-invented patents.
// A shell over analysis::collaboration (include/techconv/analysis/collaboration.hpp).
#include "cli.hpp"

#include <algorithm>  // std::stable_sort, std::min
#include <cstdint>    // std::int64_t
#include <iterator>   // std::back_inserter
#include <utility>    // std::pair, std::move

#include <techconv/analysis/collaboration.hpp>
#include <techconv/io/dates.hpp>
#include <techconv/records/families.hpp>
#include <techconv/io/scopus.hpp>
#include <techconv/io/uspto_xml.hpp>
#include <techconv/io/wos.hpp>

namespace tcli {

namespace tio = techconv::io;
namespace tcl = techconv::closeness;
namespace tan = techconv::analysis;
using techconv::label_id;
using techconv::year_type;

const command_spec& closeness_spec() {
    static const command_spec spec{
        "closeness",
        "INPUT... --out DIR [--format auto|wos|wos-tab|scopus|uspto-xml] [--by year]",
        "Salton closeness and importance of country collaboration ([COOP])",
        "Counts, for every pair of countries, the records they share (N_ij) and each country's\n"
        "international records (N_i: records with at least one other country), then Salton's\n"
        "closeness N_ij / sqrt(N_i N_j) and the importance shares N_ij/N_i and N_ij/N_j\n"
        "([COOP] formula (1)). Papers: countries of the author addresses (WoS C1, Scopus\n"
        "Affiliations). Patents (USPTO XML): inventor countries of each simple family, so a\n"
        "co-invented patent is a record with more than one inventor country. Duplicate\n"
        "records (same UT / EID / family) across files are counted once.",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", "auto (default), wos, wos-tab, scopus or uspto-xml"},
            {"by", "PERIOD", "year: one row per year and pair; all (default): one period"},
            {"pair", "I,J", "pair whose yearly series the report shows (default: the largest N_ij)"},
            {"counting", "MODE", "full (default, [COOP]), fractional or link-fractional"},
            {"denominator", "D", "international (default, [COOP]) or all (every record of i)"},
            {"first-year", "Y", "drop records before year Y"},
            {"last-year", "Y", "drop records after year Y"},
            {"parties", "WHO", "uspto-xml: inventors (default), applicants or both"},
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

struct loaded {
    tcl::actor_records countries, institutions;
    std::vector<std::string> notes;
    std::size_t read = 0, duplicates = 0;
    std::string kind = "papers";
};

void load_papers(std::vector<tio::input_source>& inputs, const std::vector<std::pair<std::size_t, input_format>>& files,
                 const tio::bibliographic_options& o, bool institutions, loaded& out) {
    std::vector<tio::bibliographic_record> all;
    for (const auto& [i, f] : files) {
        auto& in = inputs[i];
        const std::string& path = in.name();
        tio::bibliographic_data d;
        if (f == input_format::wos) d = tio::read_wos_tagged(in.stream(), path, o);
        else if (f == input_format::wos_tab) d = tio::read_wos_tab(in.stream(), path, o);
        else d = tio::read_scopus(in.stream(), path, o);
        in.finish();
        out.read += d.report.records;
        out.duplicates += d.report.duplicates;
        out.notes.push_back(path + ": " + format_name(f) + ", " + std::to_string(d.report.records) +
                            " records, " + std::to_string(d.report.without_country) + " without a country, " +
                            std::to_string(d.report.duplicates) + " duplicates dropped");
        if (all.empty()) all = std::move(d.records);  // one file: no second copy of the records
        else std::move(d.records.begin(), d.records.end(), std::back_inserter(all));
    }
    out.countries = tan::country_records(all);
    if (institutions) out.institutions = tan::institution_records(all);
    out.duplicates += out.countries.duplicates().size();
}

void load_patents(std::vector<tio::input_source>& inputs, const std::vector<std::size_t>& files,
                  tan::patent_parties parties, progress& prog, loaded& out) {
    out.kind = "patents (simple families)";
    std::vector<tio::patent_record> all;
    for (const auto i : files) {
        auto& in = inputs[i];
        const std::string& path = in.name();
        prog.start(path);
        tio::uspto_xml_reader reader(in.stream(), path);
        tio::patent_record r;
        std::size_t n = 0;
        while (reader.next(r)) {
            all.push_back(std::move(r));
            prog.update(reader.bytes_read(), ++n);
        }
        in.finish();
        prog.finish(n);
        std::string note = path + ": uspto-xml, " + std::to_string(n) + " patents";
        for (const auto& s : reader.stats().skipped)
            note += ", skipped " + std::to_string(s.second) + " " + s.first;
        out.notes.push_back(note);
    }
    out.read = all.size();
    auto fam = tio::merge_families(std::move(all));
    out.notes.push_back("simple-family merging: " + std::to_string(fam.input_records) + " -> " +
                        std::to_string(fam.records.size()) + " records");
    out.countries = tan::patent_country_records(fam.records, parties);
    out.duplicates += out.countries.duplicates().size();
}

// "2007-2014" or "2019" -> a period.
tcl::period parse_period(const std::string& s) {
    const auto dash = s.find('-', 1);
    const auto year = [&](const std::string& t) {
        std::int64_t v = 0;
        if (t.empty() || tio::parse_int64(t, v) != tio::number_status::ok)
            throw usage_error("--periods expects A-B,C-D (years), got '" + s + "'");
        return static_cast<year_type>(v);
    };
    tcl::period p;
    p.first = year(s.substr(0, dash));
    p.last = dash == std::string::npos ? p.first : year(s.substr(dash + 1));
    if (p.first > p.last) throw usage_error("--periods: " + s + " ends before it starts");
    return p;
}

std::string period_name(const tcl::period& p) {
    return p.first == p.last ? std::to_string(p.first) : std::to_string(p.first) + "-" + std::to_string(p.last);
}

void write_pairs(const std::string& dir, const std::vector<tan::collaboration_pair>& pairs,
                 const std::vector<tan::measure>& measures, const tcl::actor_records& rec) {
    auto f = open_output(dir, "pairs.csv");
    tio::csv_writer w(f);
    w.field("year").field("country_i").field("country_j").field("n_ij").field("n_i").field("n_j");
    for (const auto m : measures) w.field(tan::to_string(m));
    w.field("share_i").field("share_j").end_row();
    for (const auto& p : pairs) {
        w.field(p.year == techconv::no_year ? std::string("all") : std::to_string(p.year));
        w.field(rec.label(p.i)).field(rec.label(p.j)).field(p.n_ij).field(p.n_i).field(p.n_j);
        for (const auto m : measures) w.field(p.value(m));
        w.field(p.share_i).field(p.share_j).end_row();
    }
}

void write_countries(const std::string& dir, const std::vector<tan::collaboration_actor>& actors,
                     const tcl::actor_records& rec) {
    auto f = open_output(dir, "countries.csv");
    tio::csv_writer w(f);
    w.row({"year", "country", "records", "international", "partners", "link_strength"});
    for (const auto& c : actors)
        w.field(c.year == techconv::no_year ? std::string("all") : std::to_string(c.year))
            .field(rec.label(c.actor)).field(c.records).field(c.international).field(c.partners)
            .field(c.link_strength).end_row();
}

// Name of a measure in report.md.
std::string display_name(tan::measure m) {
    switch (m) {
        case tan::measure::association_strength: return "Association strength";
        case tan::measure::jaccard: return "Jaccard";
        case tan::measure::inclusion: return "Inclusion";
        case tan::measure::equivalence: return "Equivalence";
        case tan::measure::salton: break;
    }
    return "Salton";
}

void write_periods(const std::string& dir, const tan::collaboration_result& r,
                   const std::vector<tcl::period>& periods, tan::measure m, const tcl::actor_records& rec) {
    auto f = open_output(dir, "periods.csv");
    tio::csv_writer w(f);
    const std::string name(tan::to_string(m));
    w.row({"country_i", "country_j", "period_1", "period_2", "n_ij_1", "n_ij_2", "n_ij_change", "n_i_1", "n_i_2",
           "n_j_1", "n_j_2", name + "_1", name + "_2", name + "_change", "share_i_1", "share_i_2", "share_i_change",
           "share_j_1", "share_j_2", "share_j_change"});
    for (const auto& c : r.changes) {
        const auto& a = c.change.before;
        const auto& b = c.change.after;
        w.field(rec.label(c.i)).field(rec.label(c.j)).field(period_name(periods[0])).field(period_name(periods[1]))
            .field(a.n_ij).field(b.n_ij).field(c.change.n_ij_change).field(a.n_i).field(b.n_i).field(a.n_j)
            .field(b.n_j).field(a.closeness).field(b.closeness).field(c.change.closeness_change)
            .field(a.share_i).field(b.share_i).field(c.change.share_i_change).field(a.share_j).field(b.share_j)
            .field(c.change.share_j_change).end_row();
    }
}

void write_institutions(const std::string& dir, const tan::collaboration_result& r,
                        const std::vector<tcl::period>& periods, const loaded& data) {
    auto f = open_output(dir, "institutions.csv");
    tio::csv_writer w(f);
    w.row({"period", "home", "partner", "institution", "international", "with_partner", "share"});
    for (const auto& x : r.institutions)
        w.field(x.period == 0 ? std::string("all") : period_name(periods[x.period - 1]))
            .field(data.countries.label(x.home)).field(data.countries.label(x.partner))
            .field(data.institutions.label(x.share.institution))
            .field(static_cast<std::int64_t>(x.share.international)).field(static_cast<std::int64_t>(x.share.with_partner))
            .field(x.share.share).end_row();
}

}  // namespace

int cmd_closeness(int argc, char** argv) {
    const auto& spec = closeness_spec();
    return guarded(spec, argc, argv, [&](const arguments& a) -> int {
        const std::string out_dir = a.get("out");
        const auto fmt = parse_format(a.get("format", "auto"));
        const std::string by = a.get("by", "all");
        if (by != "year" && by != "all") throw usage_error("--by expects year or all");
        tan::patent_parties parties = tan::patent_parties::inventors;
        try {
            parties = tan::patent_parties_from_string(a.get("parties", "inventors"));
        } catch (const std::exception&) {
            throw usage_error("--parties expects inventors, applicants or both");
        }
        tan::collaboration_options opt;
        opt.by_year = by == "year";
        auto& co = opt.counts;
        const std::string counting = a.get("counting", "full");
        if (counting == "fractional") co.mode = tcl::counting::fractional;
        else if (counting == "link-fractional") co.mode = tcl::counting::link_fractional;
        else if (counting != "full") throw usage_error("--counting expects full, fractional or link-fractional");
        const std::string denom = a.get("denominator", "international");
        if (denom == "all") co.denom = tcl::denominator::all_records;
        else if (denom != "international") throw usage_error("--denominator expects international or all");
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
                try {
                    measures = {tan::measure_from_string(m)};
                } catch (const std::exception&) {
                    throw usage_error("--measure expects salton, association, jaccard, inclusion, equivalence or all");
                }
            }
        }
        if (a.has("periods")) {
            const auto s = a.get("periods");
            const auto comma = s.find(',');
            if (comma == std::string::npos || s.find(',', comma + 1) != std::string::npos)
                throw usage_error("--periods expects two year ranges A-B,C-D (e.g. 2007-2014,2015-2022)");
            opt.periods = {parse_period(s.substr(0, comma)), parse_period(s.substr(comma + 1))};
        }
        if (measures.size() == 1) opt.series_measure = measures.front();
        const std::string mname = display_name(opt.series_measure);
        opt.institutions = a.has("institutions");
        if (a.has("pair")) {
            const auto s = a.get("pair");
            const auto comma = s.find(',');
            if (comma == std::string::npos) throw usage_error("--pair expects I,J (e.g. US,CN)");
            opt.pair_i = s.substr(0, comma);
            opt.pair_j = s.substr(comma + 1);
        }

        progress prog(a.quiet);
        loaded data;
        tio::bibliographic_options bo;
        bo.titles_and_keywords = false;  // countries and institutions only
        if (a.has("merge-china")) {
            bo.regions.taiwan = techconv::classification::territory_policy::merge_into_china;
            bo.regions.hong_kong = techconv::classification::territory_policy::merge_into_china;
            bo.regions.macau = techconv::classification::territory_policy::merge_into_china;
        }
        auto inputs = open_inputs(a.inputs);  // each opened once: detection reads a head the reader continues
        std::vector<std::size_t> xml_paths;
        std::vector<std::pair<std::size_t, input_format>> papers;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const std::string& path = inputs[i].name();
            const auto f = fmt == input_format::automatic ? detect_format(inputs[i]) : fmt;
            if (f == input_format::uspto_xml) {
                xml_paths.push_back(i);
            } else if (f == input_format::wos || f == input_format::wos_tab || f == input_format::scopus) {
                papers.emplace_back(i, f);
            } else {
                throw usage_error(path + ": format " + std::string(format_name(f)) +
                                  " has no author or inventor countries (use wos, wos-tab, scopus or uspto-xml)");
            }
        }
        if (!xml_paths.empty() && !papers.empty())
            throw usage_error("mixing papers and patents in one run is not supported");
        if (opt.institutions && !xml_paths.empty())
            throw usage_error("--institutions needs paper inputs (wos, wos-tab or scopus)");
        if (!papers.empty()) load_papers(inputs, papers, bo, opt.institutions, data);
        if (!xml_paths.empty()) load_patents(inputs, xml_paths, parties, prog, data);
        const auto& rec = data.countries;

        const auto r = tan::collaboration(rec, opt, opt.institutions ? &data.institutions : nullptr);
        const auto& total = r.total;

        make_dir(out_dir);
        write_pairs(out_dir, opt.by_year ? r.yearly_pairs : r.pairs, measures, rec);
        write_countries(out_dir, opt.by_year ? r.yearly_actors : r.actors, rec);
        if (!opt.periods.empty()) write_periods(out_dir, r, opt.periods, opt.series_measure, rec);
        if (opt.institutions) write_institutions(out_dir, r, opt.periods, data);

        auto md = open_output(out_dir, "report.md");
        md << "# Collaboration closeness report\n\n"
           << "Generated by `techconv closeness`. Method: [COOP] formula (1), closeness(i, j) = "
              "N_ij / sqrt(N_i N_j); counting `"
           << counting << "`, denominator `" << denom << "`.\n\n## Inputs\n\n";
        for (const auto& n : data.notes) md << "- " << n << "\n";
        md << "\n| | count |\n|---|---|\n"
           << "| " << data.kind << " counted | " << rec.size() << " |\n"
           << "| records in the period | " << total.records << " |\n"
           << "| with two or more countries (international) | " << total.multi_actor_records << " |\n"
           << "| with one country | " << total.single_actor_records << " |\n"
           << "| with no recognised country | " << total.empty_records << " |\n"
           << "| outside the year range | " << total.outside_period << " |\n"
           << "| duplicates dropped | " << data.duplicates << " |\n"
           << "| countries | " << r.actors.size() << " |\n\n";
        md << "## Top pairs (whole period)\n\n| country_i | country_j | N_ij | N_i | N_j | Salton | N_ij/N_i | N_ij/N_j |\n"
              "|---|---|---|---|---|---|---|---|\n";
        auto top = r.pairs;
        std::stable_sort(top.begin(), top.end(), [](const auto& x, const auto& y) { return x.n_ij > y.n_ij; });
        if (top.size() > 15) top.resize(15);
        for (const auto& p : top)
            md << "| " << rec.label(p.i) << " | " << rec.label(p.j) << " | " << num(p.n_ij) << " | " << num(p.n_i)
               << " | " << num(p.n_j) << " | " << fixed(p.salton) << " | " << percent(p.share_i) << "% | "
               << percent(p.share_j) << "% |\n";
        md << "\nN_ij/N_i is the importance of j to i (share of i's international records shared with j);\n"
              "[COOP]'s main finding is the asymmetry between the two shares.\n";

        const std::string& pi = r.pair_i;
        const std::string& pj = r.pair_j;
        if (!pi.empty()) {
            md << "\n## " << pi << "–" << pj << " by year\n\n";
            if (!r.has_pair()) {
                md << "Country " << (r.pair_i_id == techconv::no_label ? pi : pj) << " does not occur in the input.\n";
            } else {
                const auto& s = r.series;
                md << "| year | N_ij | N_" << pi << " | N_" << pj << " | " << mname << " | N_ij/N_" << pi << " | N_ij/N_"
                   << pj << " |\n|---|---|---|---|---|---|---|\n";
                line_chart ch{"closeness", pi + "-" + pj + " collaboration by year", "year",
                              "closeness / share", {},
                              {mname + (opt.series_measure == tan::measure::salton ? " closeness" : ""), "N_ij/N_" + pi + " (importance of " + pj + " to " + pi + ")",
                               "N_ij/N_" + pj + " (importance of " + pi + " to " + pj + ")"},
                              {{}, {}, {}}};
                // the table and chart span the years where either country has records
                std::size_t t0 = s.years.size(), t1 = 0;
                for (std::size_t t = 0; t < s.years.size(); ++t)
                    if (s.stats[t].n_i > 0.0 || s.stats[t].n_j > 0.0) {
                        t0 = std::min(t0, t);
                        t1 = t;
                    }
                for (std::size_t t = t0; t <= t1 && t < s.years.size(); ++t) {
                    const auto& st = s.stats[t];
                    md << "| " << s.years[t] << " | " << num(st.n_ij) << " | " << num(st.n_i) << " | "
                       << num(st.n_j) << " | " << fixed(st.closeness) << " | "
                       << percent(st.share_i) << "% | " << percent(st.share_j) << "% |\n";
                    ch.x.push_back(static_cast<double>(s.years[t]));
                    ch.ys[0].push_back(st.closeness);
                    ch.ys[1].push_back(st.share_i);
                    ch.ys[2].push_back(st.share_j);
                }
                if (!s.years.empty()) {
                    md << "\nPeak closeness: " << r.closeness_peak.year << " (" << fixed(r.closeness_peak.value)
                       << "); international records of " << pi << " peaked in " << r.n_i_peak.year << " ("
                       << num(r.n_i_peak.value) << "), of " << pj << " in " << r.n_j_peak.year << " ("
                       << num(r.n_j_peak.value) << "). Years where either side has no international record show 0 ("
                       << s.zero_denominator_years << " such years).\n\n";
                    md << plot_lines(out_dir, ch);
                }
            }
        }
        if (!opt.periods.empty()) {
            md << "\n## " << period_name(opt.periods[0]) << " vs " << period_name(opt.periods[1]) << "\n\n"
               << "Records with two or more countries: " << r.period_counts[0].multi_actor_records << " and "
               << r.period_counts[1].multi_actor_records << "; " << r.changes.size()
               << " pairs collaborate in either period (periods.csv).\n";
            for (const auto& c : r.changes)
                if ((c.i == r.pair_i_id && c.j == r.pair_j_id) || (c.i == r.pair_j_id && c.j == r.pair_i_id)) {
                    md << rec.label(c.i) << "–" << rec.label(c.j) << ": " << mname << " " << fixed(c.change.before.closeness)
                       << " -> " << fixed(c.change.after.closeness) << ", N_ij " << num(c.change.before.n_ij)
                       << " -> " << num(c.change.after.n_ij) << ".\n";
                }
        }
        if (opt.institutions)
            md << "\n## Institutions\n\n" << r.institutions.size()
               << " institution rows (institutions.csv): each institution's international records listing "
                  "its home country, and the share of them that include the partner country.\n";
        md << "\n## Files\n\n```\n" << spec.outputs << "\n"
           << (opt.periods.empty() ? "" : periods_file_help) << (opt.institutions ? institutions_file_help : "")
           << "```\n";
        prog.note("techconv closeness: " + std::to_string(rec.size()) + " records, " +
                  std::to_string(r.pairs.size()) + " pairs -> " + a.final_out);
        report_count("records", static_cast<long long>(rec.size()));
        report_count("international", static_cast<long long>(total.multi_actor_records));
        report_count("pairs", static_cast<long long>(r.pairs.size()));
        std::printf("records: %lld\ninternational: %lld\npairs: %zu\nout: %s\n",
                    static_cast<long long>(rec.size()), static_cast<long long>(total.multi_actor_records),
                    r.pairs.size(), a.final_out.c_str());
        return 0;
    });
}

}  // namespace tcli
