// SPDX-License-Identifier: BSL-1.0
// techconv closeness: Salton closeness and importance of country collaboration
// ([COOP] formula (1)) from WoS / Scopus exports or USPTO XML co-invented patents.
#include "cli.hpp"

#include <algorithm>  // std::sort
#include <map>        // per-year tables
#include <tuple>      // std::tie

#include <techconv/closeness.hpp>
#include <techconv/records/families.hpp>
#include <techconv/io/scopus.hpp>
#include <techconv/io/uspto_xml.hpp>
#include <techconv/io/wos.hpp>

namespace tcli {

namespace tio = techconv::io;
namespace tcl = techconv::closeness;
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

struct loaded {
    tcl::actor_records records;
    std::vector<std::string> notes;
    std::size_t read = 0, without_country = 0, duplicates = 0;
    std::string kind = "papers";
};

void load_bibliographic(const std::string& path, input_format f, const tio::bibliographic_options& o,
                        loaded& out) {
    tio::bibliographic_data d;
    if (f == input_format::wos) d = tio::read_wos_tagged(path, o);
    else if (f == input_format::wos_tab) d = tio::read_wos_tab(path, o);
    else d = tio::read_scopus(path, o);
    out.read += d.report.records;
    out.without_country += d.report.without_country;
    out.duplicates += d.report.duplicates;
    out.notes.push_back(path + ": " + format_name(f) + ", " + std::to_string(d.report.records) +
                        " records, " + std::to_string(d.report.without_country) + " without a country, " +
                        std::to_string(d.report.duplicates) + " duplicates dropped");
    for (const auto& r : d.records)
        if (!out.records.add(r.id, r.year, r.countries)) ++out.duplicates;
}

void load_patents(const std::vector<std::string>& paths, const std::string& parties, progress& prog,
                  loaded& out) {
    out.kind = "patents (simple families)";
    std::vector<tio::patent_record> all;
    for (const auto& path : paths) {
        prog.start(path);
        tio::uspto_xml_reader reader(path);
        tio::patent_record r;
        std::size_t n = 0;
        while (reader.next(r)) {
            all.push_back(std::move(r));
            prog.update(reader.bytes_read(), ++n);
        }
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
    for (const auto& r : fam.records) {
        std::vector<std::string> c;
        if (parties != "applicants") c = tio::party_countries(r.inventors);
        if (parties != "inventors")
            for (const auto& x : tio::party_countries(r.applicants))
                if (std::find(c.begin(), c.end(), x) == c.end()) c.push_back(x);
        if (c.empty()) ++out.without_country;
        if (!out.records.add(r.family_id.empty() ? r.id : r.family_id, techconv::analysis::patent_year(r), c)) ++out.duplicates;
    }
}

struct pair_row {
    std::string year;
    std::string a, b;
    tcl::pair_stats s;
};

struct country_row {
    std::string year, country;
    double records = 0, international = 0, partners = 0, strength = 0;
};

// Rows of one period's counts; `all` = counts of every record of each actor.
void period_rows(const std::string& year, const tcl::collaboration_counts& c, const Eigen::VectorXd& all,
                 const tcl::actor_records& rec, std::vector<pair_row>& pairs, std::vector<country_row>& countries) {
    const auto strength = tcl::link_strength(c.pairs);
    std::vector<pair_row> local;
    for (Eigen::Index k = 0; k < c.pairs.outerSize(); ++k)
        for (Eigen::SparseMatrix<double>::InnerIterator it(c.pairs, k); it; ++it) {
            const auto i = static_cast<label_id>(it.row()), j = static_cast<label_id>(it.col());
            if (it.value() <= 0.0 || !(rec.label(i) < rec.label(j))) continue;
            local.push_back({year, rec.label(i), rec.label(j), tcl::pair_statistics(c, i, j)});
        }
    std::sort(local.begin(), local.end(), [](const pair_row& x, const pair_row& y) {
        return std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
    pairs.insert(pairs.end(), local.begin(), local.end());
    std::vector<country_row> cl;
    for (Eigen::Index i = 0; i < c.n.size(); ++i) {
        if (all[i] <= 0.0) continue;
        country_row r{year, rec.label(static_cast<label_id>(i)), all[i], c.n[i],
                      static_cast<double>(c.pairs.col(i).nonZeros()), strength[i]};
        cl.push_back(r);
    }
    std::sort(cl.begin(), cl.end(), [](const country_row& x, const country_row& y) { return x.country < y.country; });
    countries.insert(countries.end(), cl.begin(), cl.end());
}

// Records per actor (each record once), over the same period filter.
Eigen::VectorXd record_counts(const tcl::actor_records& rec, const tcl::count_options& o) {
    auto all = o;
    all.denom = tcl::denominator::all_records;
    all.mode = tcl::counting::full;
    return tcl::count_collaboration(rec, all).n;
}

}  // namespace

int cmd_closeness(int argc, char** argv) {
    const auto& spec = closeness_spec();
    return guarded(spec, argc, argv, [&](const arguments& a) -> int {
        const std::string out_dir = a.get("out");
        const auto fmt = parse_format(a.get("format", "auto"));
        const std::string by = a.get("by", "all");
        if (by != "year" && by != "all") throw usage_error("--by expects year or all");
        const std::string parties = a.get("parties", "inventors");
        if (parties != "inventors" && parties != "applicants" && parties != "both")
            throw usage_error("--parties expects inventors, applicants or both");
        tcl::count_options co;
        const std::string counting = a.get("counting", "full");
        if (counting == "fractional") co.mode = tcl::counting::fractional;
        else if (counting == "link-fractional") co.mode = tcl::counting::link_fractional;
        else if (counting != "full") throw usage_error("--counting expects full, fractional or link-fractional");
        const std::string denom = a.get("denominator", "international");
        if (denom == "all") co.denom = tcl::denominator::all_records;
        else if (denom != "international") throw usage_error("--denominator expects international or all");
        co.first_year = static_cast<year_type>(a.get_int("first-year", techconv::no_year));
        co.last_year = static_cast<year_type>(a.get_int("last-year", techconv::no_year));
        if (co.first_year != techconv::no_year && co.last_year != techconv::no_year && co.first_year > co.last_year)
            throw usage_error("--first-year is after --last-year");

        progress prog(a.quiet);
        loaded data;
        tio::bibliographic_options bo;
        if (a.has("merge-china")) {
            bo.regions.taiwan = techconv::classification::territory_policy::merge_into_china;
            bo.regions.hong_kong = techconv::classification::territory_policy::merge_into_china;
            bo.regions.macau = techconv::classification::territory_policy::merge_into_china;
        }
        std::vector<std::string> xml_paths;
        for (const auto& path : a.inputs) {
            const auto f = fmt == input_format::automatic ? detect_format(path) : fmt;
            if (f == input_format::uspto_xml) {
                xml_paths.push_back(path);
            } else if (f == input_format::wos || f == input_format::wos_tab || f == input_format::scopus) {
                load_bibliographic(path, f, bo, data);
            } else {
                throw usage_error(path + ": format " + std::string(format_name(f)) +
                                  " has no author or inventor countries (use wos, wos-tab, scopus or uspto-xml)");
            }
        }
        if (!xml_paths.empty() && data.read > 0)
            throw usage_error("mixing papers and patents in one run is not supported");
        if (!xml_paths.empty()) load_patents(xml_paths, parties, prog, data);
        const auto& rec = data.records;

        // counts: whole period, and per year when asked
        const auto total = tcl::count_collaboration(rec, co);
        const Eigen::VectorXd total_records = record_counts(rec, co);
        std::vector<pair_row> pairs, total_pairs;
        std::vector<country_row> countries, total_countries;
        period_rows("all", total, total_records, rec, total_pairs, total_countries);
        tcl::collaboration_panel panel;
        if (by == "year") {
            panel = tcl::count_by_year(rec, co);
            for (std::size_t t = 0; t < panel.years.size(); ++t) {
                auto yo = co;
                yo.first_year = yo.last_year = panel.years[t];
                period_rows(std::to_string(panel.years[t]), panel.counts[t], record_counts(rec, yo), rec, pairs,
                            countries);
            }
        } else {
            pairs = total_pairs;
            countries = total_countries;
        }

        make_dir(out_dir);
        {
            auto f = open_output(out_dir, "pairs.csv");
            tio::csv_writer w(f);
            w.row({"year", "country_i", "country_j", "n_ij", "n_i", "n_j", "salton", "share_i", "share_j"});
            for (const auto& p : pairs)
                w.field(p.year).field(p.a).field(p.b).field(p.s.n_ij).field(p.s.n_i).field(p.s.n_j)
                    .field(p.s.closeness).field(p.s.share_i).field(p.s.share_j).end_row();
        }
        {
            auto f = open_output(out_dir, "countries.csv");
            tio::csv_writer w(f);
            w.row({"year", "country", "records", "international", "partners", "link_strength"});
            for (const auto& c : countries)
                w.field(c.year).field(c.country).field(c.records).field(c.international).field(c.partners)
                    .field(c.strength).end_row();
        }

        // the pair of the report
        std::string pi, pj;
        if (a.has("pair")) {
            const auto s = a.get("pair");
            const auto comma = s.find(',');
            if (comma == std::string::npos) throw usage_error("--pair expects I,J (e.g. US,CN)");
            pi = s.substr(0, comma);
            pj = s.substr(comma + 1);
        } else if (!total_pairs.empty()) {
            const auto best = std::max_element(total_pairs.begin(), total_pairs.end(),
                                               [](const pair_row& x, const pair_row& y) {
                                                   if (x.s.n_ij != y.s.n_ij) return x.s.n_ij < y.s.n_ij;
                                                   return std::tie(y.a, y.b) < std::tie(x.a, x.b);
                                               });
            pi = best->a;
            pj = best->b;
        }

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
           << "| countries | " << total_countries.size() << " |\n\n";
        md << "## Top pairs (whole period)\n\n| country_i | country_j | N_ij | N_i | N_j | Salton | N_ij/N_i | N_ij/N_j |\n"
              "|---|---|---|---|---|---|---|---|\n";
        auto top = total_pairs;
        std::stable_sort(top.begin(), top.end(), [](const pair_row& x, const pair_row& y) { return x.s.n_ij > y.s.n_ij; });
        if (top.size() > 15) top.resize(15);
        for (const auto& p : top)
            md << "| " << p.a << " | " << p.b << " | " << num(p.s.n_ij) << " | " << num(p.s.n_i) << " | "
               << num(p.s.n_j) << " | " << fixed(p.s.closeness) << " | " << percent(p.s.share_i)
               << "% | " << percent(p.s.share_j) << "% |\n";
        md << "\nN_ij/N_i is the importance of j to i (share of i's international records shared with j);\n"
              "[COOP]'s main finding is the asymmetry between the two shares.\n";

        if (!pi.empty()) {
            const auto i = rec.find(pi), j = rec.find(pj);
            md << "\n## " << pi << "–" << pj << " by year\n\n";
            if (i == techconv::no_label || j == techconv::no_label) {
                md << "Country " << (i == techconv::no_label ? pi : pj) << " does not occur in the input.\n";
            } else {
                const auto yp = panel.years.empty() ? tcl::count_by_year(rec, co) : panel;
                const auto s = tcl::closeness_series(yp, i, j);
                const auto ni = tcl::count_series(yp, i), nj = tcl::count_series(yp, j);
                md << "| year | N_ij | N_" << pi << " | N_" << pj << " | Salton | N_ij/N_" << pi << " | N_ij/N_"
                   << pj << " |\n|---|---|---|---|---|---|---|\n";
                line_chart ch{"closeness", pi + "-" + pj + " collaboration by year", "year",
                              "closeness / share", {},
                              {"Salton closeness", "N_ij/N_" + pi + " (importance of " + pj + " to " + pi + ")",
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
                    const auto pk = tcl::peak(s.years, s.closeness());
                    const auto pki = tcl::peak(s.years, ni), pkj = tcl::peak(s.years, nj);
                    md << "\nPeak closeness: " << pk.year << " (" << fixed(pk.value)
                       << "); international records of " << pi << " peaked in " << pki.year << " ("
                       << num(pki.value) << "), of " << pj << " in " << pkj.year << " (" << num(pkj.value)
                       << "). Years where either side has no international record show 0 ("
                       << s.zero_denominator_years << " such years).\n\n";
                    md << plot_lines(out_dir, ch);
                }
            }
        }
        md << "\n## Files\n\n```\n" << spec.outputs << "\n```\n";
        prog.note("techconv closeness: " + std::to_string(rec.size()) + " records, " +
                  std::to_string(total_pairs.size()) + " pairs -> " + out_dir);
        std::printf("records: %lld\ninternational: %lld\npairs: %zu\nout: %s\n",
                    static_cast<long long>(rec.size()), static_cast<long long>(total.multi_actor_records),
                    total_pairs.size(), out_dir.c_str());
        return 0;
    });
}

}  // namespace tcli
