// SPDX-License-Identifier: BSL-1.0
//
// The pictures of `techconv evolution` beyond its line charts (issue 19, Pictures): Callon's
// strategic diagram of each period (gnuplot), the flows of clusters between consecutive
// periods (Graphviz dot) and the S-curves of each group's life cycle (gnuplot small multiples). Both write their data and script files always and draw PNG and SVG
// only when the program is on PATH, as the other reports do.
#ifndef TECHCONV_REPORT_EVOLUTION_PICTURES_HPP_
#define TECHCONV_REPORT_EVOLUTION_PICTURES_HPP_

#include <cstdio>     // std::snprintf
#include <cstddef>    // std::size_t
#include <ostream>    // std::ostream
#include <string>     // std::string, std::to_string
#include <vector>     // std::vector

#include "techconv/analysis/evolution.hpp"
#include "techconv/config.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/report/evolution.hpp"
#include "techconv/report/plots.hpp"
#include "techconv/report/render.hpp"
#include "techconv/report/tables.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

namespace detail {
/// A cluster's label in the pictures: its leading code, else its first code, with its id.
inline std::string cluster_label(const analysis::period_cluster& c, std::size_t id) {
    const std::string lead = !c.top_nodes.empty() ? c.top_nodes.front() : (!c.codes.empty() ? c.codes.front() : "");
    return std::to_string(id) + ":" + lead;
}
/// A string as a gnuplot or DOT double-quoted string (quotes and backslashes replaced by ').
inline std::string picture_quote(const std::string& s) {
    std::string o = "\"";
    for (const char ch : s) o += (ch == '"' || ch == '\\') ? '\'' : ch;
    return o + "\"";
}
}  // namespace detail

/// \brief The file stem of a period's strategic diagram: "strategic-" and the period name.
inline std::string strategic_stem(const analysis::year_period& p) { return "strategic-" + period_name(p); }

/// \brief stem.dat of a period's strategic diagram: one row per cluster, "centrality density size
/// label quadrant" (tab-separated; label as cluster_label for clusters of two or more codes, "-"
/// for a lone code: drawn, not labelled, as it is no theme and would cover the themes' labels).
inline void write_strategic_data(std::ostream& dat, const analysis::period_summary& p) {
    dat << "# centrality\tdensity\tsize\tlabel\tquadrant\n";
    for (std::size_t k = 0; k < p.cluster_list.size(); ++k) {
        const auto& c = p.cluster_list[k];
        dat << io::format_double(c.centrality) << '\t' << io::format_double(c.density) << '\t' << c.size << '\t'
            << (c.size >= 2 ? detail::cluster_label(c, k) : std::string("-")) << '\t' << analysis::to_string(c.quadrant)
            << '\n';
    }
}

/// \brief stem.gp of a period's strategic diagram: the clusters at (centrality, density), point
/// area by size, labelled, with the period's median centrality and density as the quadrant lines
/// (motor top right, basic bottom right, niche top left, emerging bottom left).
inline void write_strategic_script(std::ostream& gp, const analysis::period_summary& p, const std::string& stem) {
    const auto q = detail::picture_quote;
    gp << "set datafile separator '\\t'\nset title " << q("strategic diagram " + period_name(p.span))
       << "\nset xlabel 'centrality (weight of edges leaving the cluster)'\n"
          "set ylabel 'density (weight of edges inside / codes)'\nset grid\nunset key\nset offsets graph 0.08, graph 0.08, graph 0.08, graph 0.08\n"
       << "set arrow from " << io::format_double(p.median_centrality) << ", graph 0 to "
       << io::format_double(p.median_centrality) << ", graph 1 nohead dt 2\n"
       << "set arrow from graph 0, first " << io::format_double(p.median_density) << " to graph 1, first "
       << io::format_double(p.median_density) << " nohead dt 2\n"
       << "set label 'motor' at graph 0.98, graph 0.97 right\nset label 'basic' at graph 0.98, graph 0.03 right\n"
          "set label 'niche' at graph 0.02, graph 0.97 left\nset label 'emerging' at graph 0.02, graph 0.03 left\n";
    const std::string plot = "plot " + q(stem + ".dat") + " using 1:2:(0.6 + sqrt($3) / 2) with points pt 7 ps variable, " +
                             q(stem + ".dat") + " using 1:2:(strcol(4) eq '-' ? '' : strcol(4)) with labels offset 1, 1 font ',8'";
    gp << "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) { set terminal pngcairo size 800,600 } "
          "else { set terminal png size 800,600 }\nset output "
       << q(stem + ".png") << '\n' << plot << "\nset terminal svg size 800,600\nset output " << q(stem + ".svg")
       << '\n' << plot << '\n';
}

/// \brief Draws the strategic diagram of every period with clusters (strategic_stem: .dat and .gp,
/// then .png and .svg with gnuplot when it is on PATH).
/// \returns the Markdown of the drawn diagrams (empty when gnuplot is missing or no period has clusters).
inline std::string render_strategic_diagrams(const std::string& dir, const analysis::evolution_result& r) {
    if (!have_program("gnuplot")) return {};
    std::string md;
    for (const auto& p : r.periods) {
        if (p.cluster_list.empty()) continue;
        const auto stem = strategic_stem(p.span);
        {
            auto dat = open_output(dir, stem + ".dat");
            write_strategic_data(dat, p);
        }
        {
            auto gp = open_output(dir, stem + ".gp");
            write_strategic_script(gp, p, stem);
        }
        if (run_quiet("cd " + shell_quote(dir) + " && gnuplot " + shell_quote(stem + ".gp")))
            md += "![strategic diagram " + period_name(p.span) + "](" + stem + ".svg)\n\n(PNG: [" + stem + ".png](" +
                  stem + ".png))\n\n";
    }
    return md;
}

/// \brief cluster_flows.dot: the clusters of two or more codes of each period as boxes in a column
/// per period (left to right, label "id:leading code (size)"), an edge for every flow between two
/// such clusters of consecutive periods (cluster_flows.csv has every flow, lone codes included), its
/// width 1 + 6 × inclusion and its label the inclusion (two decimals); solid when the weighted
/// inclusion is at least 0.5, dashed otherwise. Drawn with `dot`.
/// \returns the number of flows drawn.
inline std::size_t write_cluster_flows_dot(std::ostream& out, const analysis::evolution_result& r) {
    const auto q = detail::picture_quote;
    out << "digraph cluster_flows {\n  rankdir=LR;\n  nodesep=0.15;\n  ranksep=1.6;\n"
           "  node [shape=box, style=\"rounded,filled\", fontsize=10];\n  edge [arrowsize=0.5];\n";
    for (std::size_t k = 0; k < r.periods.size(); ++k) {
        const auto& p = r.periods[k];
        out << "  subgraph p" << k << " {\n    rank=same;\n    t" << k << " [label=" << q(period_name(p.span))
            << ", shape=plaintext, style=\"\", fontsize=12];\n";
        for (std::size_t c = 0; c < p.cluster_list.size(); ++c)
            if (p.cluster_list[c].size >= 2)
                out << "    p" << k << "c" << c << " [label="
                    << q(detail::cluster_label(p.cluster_list[c], c) + " (" + std::to_string(p.cluster_list[c].size) + ")")
                    << ", fillcolor=" << q(cluster_color(static_cast<index>(c))) << "];\n";
        out << "  }\n";
        if (k > 0) out << "  t" << (k - 1) << " -> t" << k << " [style=invis];\n";
    }
    std::size_t drawn = 0;
    for (const auto& f : r.flows) {
        if (r.periods[f.period_a].cluster_list[static_cast<std::size_t>(f.cluster_a)].size < 2 ||
            r.periods[f.period_b].cluster_list[static_cast<std::size_t>(f.cluster_b)].size < 2)
            continue;
        ++drawn;
        char label[32];
        std::snprintf(label, sizeof label, "%.2f", f.inclusion);
        out << "  p" << f.period_a << "c" << f.cluster_a << " -> p" << f.period_b << "c" << f.cluster_b
            << " [penwidth=" << io::format_double(1.0 + 6.0 * f.inclusion) << ", label=" << q(label)
            << (f.weighted_inclusion >= 0.5 ? "" : ", style=dashed") << "];\n";
    }
    out << "}\n";
    return drawn;
}

/// \brief Writes dir/cluster_flows.dot when there are two periods or more, and draws .svg and .png
/// with `dot` when it is on PATH.
/// \returns the Markdown of the picture (a link to the .dot alone when not drawn; empty with no file).
inline std::string render_cluster_flows(const std::string& dir, const analysis::evolution_result& r) {
    if (r.periods.size() < 2) return {};
    {
        auto f = open_output(dir, "cluster_flows.dot");
        write_cluster_flows_dot(f, r);
    }
    const std::string cd = "cd " + shell_quote(dir) + " && ";
    if (have_program("dot") && run_quiet(cd + "dot -Tsvg cluster_flows.dot -o cluster_flows.svg") &&
        run_quiet(cd + "dot -Tpng cluster_flows.dot -o cluster_flows.png"))
        return "![cluster flows between periods](cluster_flows.svg)\n\n(PNG: [cluster_flows.png](cluster_flows.png); "
               "edge width and label: inclusion index; dashed: weighted inclusion below 0.5)\n\n";
    return "Cluster flows: [cluster_flows.dot](cluster_flows.dot) (Graphviz `dot` was not found to draw it).\n\n";
}

/// \brief The groups of an evolution result whose S-curves the picture of the life cycle per group
/// draws: the first `max_groups` groups with status ok in evolution_result::group_lifecycles order
/// (records descending, then name).
inline std::vector<const analysis::group_lifecycle*> drawn_group_lifecycles(const analysis::evolution_result& r,
                                                                            std::size_t max_groups) {
    std::vector<const analysis::group_lifecycle*> out;
    for (const auto& g : r.group_lifecycles)
        if (g.info == status::ok && out.size() < max_groups) out.push_back(&g);
    return out;
}

/// \brief lifecycle_groups.dat: one gnuplot data block per drawn group (drawn_group_lifecycles),
/// blocks separated by two blank lines (gnuplot's `index`), each opened by a comment line
/// "# group NAME" and holding one row per year from the group's first to its last: "year
/// cumulative logistic gompertz" (tab-separated), the fitted curves' values at the year, `?` for a
/// fit whose status is not ok (not drawn).
inline void write_group_lifecycle_data(std::ostream& dat, const std::vector<const analysis::group_lifecycle*>& groups) {
    for (std::size_t k = 0; k < groups.size(); ++k) {
        const auto& l = groups[k]->lifecycle;
        if (k) dat << "\n\n";
        dat << "# group " << groups[k]->group << "\n# year\tcumulative\tlogistic\tgompertz\n";
        const auto curve = [&dat](const analysis::growth_fit& f, double t) {
            if (f.info == status::ok) dat << io::format_double(detail::growth_value(f, t));
            else dat << '?';
        };
        for (std::size_t i = 0; i < l.years.size(); ++i) {
            const double t = static_cast<double>(l.years[i]);
            dat << l.years[i] << '\t' << l.cumulative[i] << '\t';
            curve(l.logistic, t);
            dat << '\t';
            curve(l.gompertz, t);
            dat << '\n';
        }
    }
}

/// \brief lifecycle_groups.gp: small multiples, one panel per drawn group (2 columns up to 4 groups,
/// else 3), each with the group's cumulative records per year (points) and its logistic (solid) and
/// Gompertz (dashed) S-curves, its own y scale, a legend of its own (small) and in its title the fits
/// whose status is not ok (not drawn); drawn as lifecycle_groups.png and .svg.
inline void write_group_lifecycle_script(std::ostream& gp, const std::vector<const analysis::group_lifecycle*>& groups) {
    const auto q = detail::picture_quote;
    const std::size_t cols = groups.size() <= 1 ? 1 : (groups.size() <= 4 ? 2 : 3);
    const std::size_t rows = (groups.size() + cols - 1) / cols;
    const int width = static_cast<int>(440 * cols), height = static_cast<int>(330 * rows + 40);
    std::string panels = "set multiplot layout " + std::to_string(rows) + "," + std::to_string(cols) +
                         " title 'cumulative records per year and the fitted S-curves, per group'\n";
    for (std::size_t k = 0; k < groups.size(); ++k) {
        const auto& g = *groups[k];
        const auto& l = g.lifecycle;
        std::string title = g.group + " (" + std::to_string(g.records_with_year) + " records)";
        for (const auto* f : {&l.logistic, &l.gompertz})
            if (f->info != status::ok) {
                std::string why(to_string(f->info));
                for (char& ch : why)
                    if (ch == '_') ch = ' ';  // "_" would be a subscript in gnuplot's text
                title += (f->model == analysis::growth_model::logistic ? " logistic " : " Gompertz ") + why;
            }
        const auto span = l.years.empty() ? 0 : l.years.back() - l.years.front();
        const std::string dat = q("lifecycle_groups.dat"), idx = " index " + std::to_string(k);
        panels += "set title " + q(title) + "\nset xtics " + (span > 30 ? "10" : span > 12 ? "5" : "1") + "\nplot " +
                  dat + idx + " using 1:2 with points pt 7 ps 0.6 title 'cumulative', " + dat + idx +
                  " using 1:3 with lines lw 2 title 'logistic', " + dat + idx +
                  " using 1:4 with lines lw 2 dt 2 title 'Gompertz'\n";
    }
    panels += "unset multiplot\n";
    gp << "set datafile separator '\\t'\nset datafile missing '?'\nset grid\nset key left top font ',9' samplen 2\n"
          "set xlabel 'year'\nset ylabel 'records'\n"
       << "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) { set terminal pngcairo size " << width << "," << height
       << " } else { set terminal png size " << width << "," << height << " }\nset output "
       << q("lifecycle_groups.png") << '\n' << panels << "set terminal svg size " << width << "," << height
       << "\nset output " << q("lifecycle_groups.svg") << '\n' << panels;
}

/// \brief The picture of the life cycle per group (evolution --group-by): the S-curves of the
/// `max_groups` largest groups with status ok (drawn_group_lifecycles) as small multiples
/// (lifecycle_groups.dat and .gp, then .png and .svg with gnuplot when it is on PATH).
/// \returns the Markdown of the picture, saying which groups are drawn, how many ok groups are left
/// out by the cap, and listing the groups not drawn because of their status (empty when the result
/// has no groups, or no group is ok or gnuplot is missing: then only the list).
inline std::string render_group_lifecycles(const std::string& dir, const analysis::evolution_result& r,
                                           std::size_t max_groups = 6) {
    if (r.group_lifecycles.empty()) return {};
    const auto groups = drawn_group_lifecycles(r, max_groups);
    std::size_t ok = 0;
    std::string not_ok;
    for (const auto& g : r.group_lifecycles) {
        if (g.info == status::ok) ++ok;
        else not_ok += (not_ok.empty() ? "" : ", ") + g.group + " (" + std::to_string(g.records_with_year) + ")";
    }
    std::string md;
    if (!groups.empty() && have_program("gnuplot")) {
        {
            auto dat = open_output(dir, "lifecycle_groups.dat");
            write_group_lifecycle_data(dat, groups);
        }
        {
            auto gp = open_output(dir, "lifecycle_groups.gp");
            write_group_lifecycle_script(gp, groups);
        }
        if (run_quiet("cd " + shell_quote(dir) + " && gnuplot lifecycle_groups.gp")) {
            md += "![life cycle per group](lifecycle_groups.svg)\n\n(PNG: [lifecycle_groups.png](lifecycle_groups.png); "
                  "the " + std::to_string(groups.size()) + " largest groups with status ok";
            if (ok > groups.size())
                md += ", at most " + std::to_string(max_groups) + " drawn: " + std::to_string(ok - groups.size()) +
                      " more ok groups are in lifecycle.json";
            md += "; a fit whose own status is not ok is not drawn)\n\n";
        }
    }
    if (!not_ok.empty())
        md += "Groups not drawn, their status not ok (too few years for a fit; records with a year): " + not_ok + ".\n\n";
    return md;
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_EVOLUTION_PICTURES_HPP_
