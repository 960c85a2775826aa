// SPDX-License-Identifier: BSL-1.0
//
// The files of `techconv evolution` (analysis::evolution): periods.csv,
// new_pairs.csv, new_pairs_by_year.csv, strategic.csv, cluster_flows.csv and report.md, each one whole file to a
// std::ostream (column names are stable; docs/cli.md lists them).
#ifndef TECHCONV_REPORT_EVOLUTION_HPP_
#define TECHCONV_REPORT_EVOLUTION_HPP_

#include <algorithm>  // std::sort
#include <cmath>      // std::exp
#include <cstddef>    // std::size_t
#include <cstdint>    // std::int64_t
#include <limits>     // std::numeric_limits
#include <ostream>    // std::ostream
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include "techconv/analysis/evolution.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/json.hpp"
#include "techconv/report/markdown.hpp"
#include "techconv/report/plots.hpp"
#include "techconv/report/tables.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief What an evolution report says about its input and options besides the result.
struct evolution_settings {
    std::string level = "subclass";  ///< level of the nodes
    std::string codes = "ipc";       ///< ipc or cpc
    std::string counting = "full";   ///< edge weights of the period networks
    std::string method = "louvain";  ///< community method of the modularity
    std::string periods;             ///< how the periods were given ("--periods ..." or "--window N --step M")
    std::vector<std::string> notes;  ///< per input file
    std::size_t read = 0;            ///< records read
    std::size_t records = 0;         ///< after family merging
};

/// \brief periods.csv: period, records, nodes, edges, density, convergence_index, modularity,
/// clusters, records_with_codes, first_year, last_year, status. A period without a code
/// (status empty_input) has empty density, convergence_index and modularity cells.
inline void write_periods_csv(std::ostream& out, const analysis::evolution_result& r) {
    io::csv_writer w(out);
    w.row({"period", "records", "nodes", "edges", "density", "convergence_index", "modularity", "clusters",
           "records_with_codes", "first_year", "last_year", "status"});
    for (const auto& p : r.periods) {
        w.field(period_name(p.span)).field(static_cast<std::int64_t>(p.records))
            .field(static_cast<std::int64_t>(p.nodes)).field(static_cast<std::int64_t>(p.edges));
        if (p.info == status::empty_input) w.empty().empty().empty();
        else w.field(p.density).field(p.convergence_index).field(p.modularity);
        w.field(static_cast<std::int64_t>(p.clusters)).field(static_cast<std::int64_t>(p.records_with_codes))
            .field(static_cast<std::int64_t>(p.span.first)).field(static_cast<std::int64_t>(p.span.last))
            .field(to_string(p.info)).end_row();
    }
}

/// \brief new_pairs.csv: source, target, first_year, records_in_first_year; one row per pair
/// of codes that ever co-occur, by first_year, then source, then target.
inline void write_new_pairs_csv(std::ostream& out, const analysis::evolution_result& r) {
    io::csv_writer w(out);
    w.row({"source", "target", "first_year", "records_in_first_year"});
    for (const auto& p : r.new_pairs)
        w.field(p.source).field(p.target).field(static_cast<std::int64_t>(p.first_year))
            .field(static_cast<std::int64_t>(p.records_in_first_year)).end_row();
}

/// \brief new_pairs_by_year.csv: year, records, pairs, new_pairs, share_new, status; one row
/// per year with a record. share_new is empty when the year has no pair (status empty_input).
inline void write_new_pairs_by_year_csv(std::ostream& out, const analysis::evolution_result& r) {
    io::csv_writer w(out);
    w.row({"year", "records", "pairs", "new_pairs", "share_new", "status"});
    for (const auto& y : r.years) {
        w.field(static_cast<std::int64_t>(y.year)).field(static_cast<std::int64_t>(y.records))
            .field(static_cast<std::int64_t>(y.pairs)).field(static_cast<std::int64_t>(y.new_pairs));
        if (y.info == status::empty_input) w.empty();
        else w.field(y.share_new);
        w.field(to_string(y.info)).end_row();
    }
}

/// \brief strategic.csv: period, cluster, size, centrality, density, quadrant, top_nodes
/// (';'-joined); one row per cluster of each period (Callon's strategic diagram,
/// analysis::period_cluster).
inline void write_strategic_csv(std::ostream& out, const analysis::evolution_result& r) {
    io::csv_writer w(out);
    w.row({"period", "cluster", "size", "centrality", "density", "quadrant", "top_nodes"});
    for (const auto& p : r.periods)
        for (std::size_t k = 0; k < p.cluster_list.size(); ++k) {
            const auto& c = p.cluster_list[k];
            std::string top;
            for (const auto& t : c.top_nodes) top += (top.empty() ? "" : ";") + t;
            w.field(period_name(p.span)).field(static_cast<std::int64_t>(k)).field(static_cast<std::int64_t>(c.size))
                .field(c.centrality).field(c.density).field(analysis::to_string(c.quadrant)).field(top).end_row();
        }
}

/// \brief cluster_flows.csv: period_a, cluster_a, period_b, cluster_b, shared, inclusion,
/// weighted_inclusion, stability; one row per pair of clusters of consecutive periods sharing a code
/// (analysis::cluster_flow).
inline void write_cluster_flows_csv(std::ostream& out, const analysis::evolution_result& r) {
    io::csv_writer w(out);
    w.row({"period_a", "cluster_a", "period_b", "cluster_b", "shared", "inclusion", "weighted_inclusion", "stability"});
    for (const auto& f : r.flows)
        w.field(period_name(r.periods[f.period_a].span)).field(static_cast<std::int64_t>(f.cluster_a))
            .field(period_name(r.periods[f.period_b].span)).field(static_cast<std::int64_t>(f.cluster_b))
            .field(static_cast<std::int64_t>(f.shared)).field(f.inclusion).field(f.weighted_inclusion).field(f.stability).end_row();
}

namespace detail {
inline void write_growth_fit_json(io::json_writer& j, const analysis::growth_fit& f) {
    j.begin_object();
    j.key("status").value(std::string(to_string(f.info)));
    j.key("points").value(static_cast<std::int64_t>(f.points));
    const bool fitted = f.info == status::ok || f.info == status::not_converged;
    if (fitted) {
        j.key("saturation_K").value(f.saturation);
        j.key("midpoint_t0").value(f.midpoint);
        j.key("rate_r").value(f.rate);
        j.key("duration_10_90").value(f.duration);
        j.key("sse").value(f.sse);
        j.key("r_squared").value(f.r_squared);
        j.key("aic");
        if (f.aic_defined) j.value(f.aic);
        else j.null();
        j.key("iterations").value(f.iterations);
    } else {
        for (const char* k : {"saturation_K", "midpoint_t0", "rate_r", "duration_10_90", "sse", "r_squared", "aic"})
            j.key(k).null();
        j.key("iterations").value(f.iterations);
    }
    j.end_object();
}

/// The value of a fitted curve at year t (NaN, drawn as no point, when nothing was fitted).
inline double growth_value(const analysis::growth_fit& f, double t) {
    if (f.info != status::ok && f.info != status::not_converged) return std::numeric_limits<double>::quiet_NaN();
    const double e = std::exp(-f.rate * (t - f.midpoint));
    return f.model == analysis::growth_model::logistic ? f.saturation / (1.0 + e) : f.saturation * std::exp(-e);
}

/// first_year, last_year, records (per year), cumulative, logistic and gompertz of `l`.
inline void write_lifecycle_fields(io::json_writer& j, const analysis::lifecycle_result& l) {
    j.key("first_year");
    if (l.years.empty()) j.null();
    else j.value(static_cast<std::int64_t>(l.years.front()));
    j.key("last_year");
    if (l.years.empty()) j.null();
    else j.value(static_cast<std::int64_t>(l.years.back()));
    j.key("records").begin_array();
    for (const auto n : l.counts) j.value(static_cast<std::int64_t>(n));
    j.end_array();
    j.key("cumulative").begin_array();
    for (const auto n : l.cumulative) j.value(static_cast<std::int64_t>(n));
    j.end_array();
    j.key("logistic");
    write_growth_fit_json(j, l.logistic);
    j.key("gompertz");
    write_growth_fit_json(j, l.gompertz);
}
}  // namespace detail

/// \brief lifecycle.json: what was fitted ("cumulative records per year"), the years, counts and
/// cumulative counts, then "logistic" and "gompertz" objects with status, points, saturation_K,
/// midpoint_t0, rate_r, duration_10_90, sse, r_squared, aic (null when undefined: a perfect
/// fit) and iterations; every figure null when nothing was fitted (status empty_input or
/// zero_denominator). With groups (evolution --group-by): "groups", one object per group
/// (group, total_records, records_with_year, status, then the same fields as above).
inline void write_lifecycle_json(std::ostream& f, const analysis::evolution_result& r) {
    io::json_writer j(f);
    j.begin_object();
    j.key("fitted").value("cumulative records per year (records with a year)");
    detail::write_lifecycle_fields(j, r.lifecycle);
    if (!r.group_lifecycles.empty()) {
        j.key("groups").begin_array();
        for (const auto& g : r.group_lifecycles) {
            j.begin_object();
            j.key("group").value(g.group);
            j.key("total_records").value(static_cast<std::int64_t>(g.records));
            j.key("records_with_year").value(static_cast<std::int64_t>(g.records_with_year));
            j.key("status").value(to_string(g.info));
            detail::write_lifecycle_fields(j, g.lifecycle);
            j.end_object();
        }
        j.end_array();
    }
    j.end_object();
    f << '\n';
}

/// \brief The pictures of an evolution report: "new_pairs" (distinct pairs and new pairs per
/// year) and "new_pair_share" (share of new pairs per year; no point for a year without pairs).
inline std::vector<line_chart> evolution_charts(const analysis::evolution_result& r) {
    line_chart n{"new_pairs", "pairs of codes per year: all and first-time (new)", "year", "pairs", {},
                 {"distinct pairs", "new pairs"}, {{}, {}}};
    line_chart s{"new_pair_share", "share of new pairs among the year's pairs", "year", "share", {}, {"share new"}, {{}}};
    for (const auto& y : r.years) {
        n.x.push_back(static_cast<double>(y.year));
        n.ys[0].push_back(static_cast<double>(y.pairs));
        n.ys[1].push_back(static_cast<double>(y.new_pairs));
        s.x.push_back(static_cast<double>(y.year));
        s.ys[0].push_back(y.info == status::empty_input ? std::numeric_limits<double>::quiet_NaN() : y.share_new);
    }
    std::vector<line_chart> out{std::move(n), std::move(s)};
    const auto& l = r.lifecycle;
    if (l.years.size() >= 2) {
        line_chart c{"lifecycle", "cumulative records per year and the fitted S-curves", "year", "records", {},
                     {"cumulative records", "logistic fit", "Gompertz fit"}, {{}, {}, {}}};
        for (std::size_t k = 0; k < l.years.size(); ++k) {
            const double t = static_cast<double>(l.years[k]);
            c.x.push_back(t);
            c.ys[0].push_back(static_cast<double>(l.cumulative[k]));
            c.ys[1].push_back(detail::growth_value(l.logistic, t));
            c.ys[2].push_back(detail::growth_value(l.gompertz, t));
        }
        out.push_back(std::move(c));
    }
    return out;
}

/// \brief report.md of an evolution run: inputs, the period table, the yearly new-pair table,
/// the latest new pairs (by records in their first year); `pictures` is the Markdown of the
/// pictures drawn (may be empty), `files` lists the output files.
inline void write_evolution_markdown(std::ostream& md, const analysis::evolution_result& r,
                                     const evolution_settings& s, const std::string& pictures,
                                     const std::string& files) {
    md << "# Convergence evolution report\n\nGenerated by `techconv evolution`: the " << s.codes
       << " co-classification network at " << s.level << " level (" << s.counting << " counting, " << s.method
       << " clusters) of each period (" << s.periods
       << "), and the first year each pair of codes co-occurs on a record.\n\n## Inputs\n\n";
    for (const auto& n : s.notes) md << "- " << n << "\n";
    md << "- records read: " << s.read << "; after simple-family merging: " << s.records
       << "\n- records without a year (in no period, no pair): " << r.records_without_year
       << "\n- codes rejected (not a symbol, or above the level): " << r.rejected_codes << "\n\n";
    md << "## Periods\n\nConvergence index = (records - nodes) / records over every record of the period; "
          "density = 2 edges / (nodes (nodes - 1)).\n\n"
          "| period | records | nodes | edges | density | convergence index | modularity | clusters | status |\n"
          "|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& p : r.periods) {
        const bool e = p.info == status::empty_input;
        md << "| " << period_name(p.span) << " | " << p.records << " | " << p.nodes << " | " << p.edges << " | "
           << (e ? "" : fixed(p.density)) << " | " << (e ? "" : percent(p.convergence_index) + "%") << " | "
           << (e ? "" : fixed(p.modularity)) << " | " << p.clusters << " | " << to_string(p.info) << " |\n";
    }
    md << "\n## Strategic diagram\n\nPer period, each cluster's centrality (weight of its edges to other "
          "clusters) and density (weight inside / codes), against the medians over the period's clusters of two or more codes (high: above the median): motor "
          "(both high), basic (central, not dense), niche (dense, not central), emerging or declining (neither); "
          "strategic.csv has every cluster, cluster_flows.csv the codes clusters of consecutive periods share.\n\n"
          "| period | cluster | codes | centrality | density | quadrant | leading codes |\n"
          "|---|---|---|---|---|---|---|\n";
    for (const auto& p : r.periods)
        for (std::size_t k = 0; k < p.cluster_list.size() && k < 10; ++k) {
            const auto& c = p.cluster_list[k];
            std::string top;
            for (const auto& t : c.top_nodes) top += (top.empty() ? "" : ", ") + t;
            md << "| " << period_name(p.span) << " | " << k << " | " << c.size << " | " << num(c.centrality) << " | "
               << fixed(c.density) << " | " << analysis::to_string(c.quadrant) << " | " << top << " |\n";
        }
    md << "\n## New pairs per year\n\nA pair is new in the first year a record carries both codes (Caviggioli "
          "2016's technology fusion); the share is new pairs / distinct pairs of the year (Curran & Leker 2011). "
          "Every pair of the first year is new because the data start there.\n\n"
          "| year | records | pairs | new pairs | share new |\n|---|---|---|---|---|\n";
    for (const auto& y : r.years)
        md << "| " << y.year << " | " << y.records << " | " << y.pairs << " | " << y.new_pairs << " | "
           << (y.info == status::empty_input ? std::string() : percent(y.share_new) + "%") << " |\n";
    if (!r.new_pairs.empty()) {
        auto latest = r.new_pairs;
        std::stable_sort(latest.begin(), latest.end(), [](const analysis::new_pair& a, const analysis::new_pair& b) {
            return a.first_year != b.first_year ? a.first_year > b.first_year
                                                : a.records_in_first_year > b.records_in_first_year;
        });
        md << "\n## Latest new pairs\n\nThe 20 most recent first co-occurrences (ties by records in the first year, "
              "then source and target).\n\n| source | target | first year | records that year |\n|---|---|---|---|\n";
        for (std::size_t k = 0; k < latest.size() && k < 20; ++k)
            md << "| " << latest[k].source << " | " << latest[k].target << " | " << latest[k].first_year << " | "
               << latest[k].records_in_first_year << " |\n";
    }
    md << "\n" << r.new_pairs.size() << " pairs in all (new_pairs.csv).\n";
    md << "\n## Life cycle\n\nLogistic K / (1 + exp(-r (t - t0))) and Gompertz K exp(-exp(-r (t - t0))) fitted by least "
          "squares to the cumulative records per year (lifecycle.json); duration = years from 10 % to 90 % of K.\n\n"
          "| model | status | K | midpoint t0 | rate r | 10-90 % years | R² | AIC |\n|---|---|---|---|---|---|---|---|\n";
    for (const auto* f : {&r.lifecycle.logistic, &r.lifecycle.gompertz}) {
        const bool fitted = f->info == status::ok || f->info == status::not_converged;
        md << "| " << analysis::to_string(f->model) << " | " << to_string(f->info) << " | "
           << (fitted ? fixed(f->saturation, 1) : std::string()) << " | " << (fitted ? fixed(f->midpoint) : std::string())
           << " | " << (fitted ? fixed(f->rate) : std::string()) << " | " << (fitted ? fixed(f->duration) : std::string())
           << " | " << (fitted ? fixed(f->r_squared) : std::string()) << " | "
           << (fitted && f->aic_defined ? fixed(f->aic) : std::string()) << " |\n";
    }
    if (!r.group_lifecycles.empty()) {
        md << "\n### Life cycle per group\n\nThe logistic fit of each group's cumulative records (all fits in "
              "lifecycle.json). A group whose years span fewer than the minimum has status empty_input and no fit.\n\n"
              "| group | records | with a year | status | logistic status | K | midpoint t0 | 10-90 % years | R² |\n"
              "|---|---|---|---|---|---|---|---|---|\n";
        for (const auto& g : r.group_lifecycles) {
            const auto& f = g.lifecycle.logistic;
            const bool fitted = f.info == status::ok || f.info == status::not_converged;
            md << "| " << g.group << " | " << g.records << " | " << g.records_with_year << " | " << to_string(g.info)
               << " | " << to_string(f.info) << " | " << (fitted ? fixed(f.saturation, 1) : std::string()) << " | "
               << (fitted ? fixed(f.midpoint) : std::string()) << " | " << (fitted ? fixed(f.duration) : std::string())
               << " | " << (fitted ? fixed(f.r_squared) : std::string()) << " |\n";
        }
    }
    if (!pictures.empty()) md << "\n## Pictures\n\n" << pictures;
    md << "\n## Files\n\n```\n" << files << "\n```\n";
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_EVOLUTION_HPP_
