// SPDX-License-Identifier: BSL-1.0
//
// The inputs of the report pictures, as text: line charts as a gnuplot data
// file and script, the network map as a Graphviz DOT file. Drawing them
// (running gnuplot or sfdp) is the caller's business; the `techconv` command
// does it when the programs are on PATH.
#ifndef TECHCONV_REPORT_PLOTS_HPP_
#define TECHCONV_REPORT_PLOTS_HPP_

#include <algorithm>  // std::max
#include <cmath>      // std::sqrt
#include <cstddef>    // std::size_t
#include <ostream>    // std::ostream
#include <limits>     // std::numeric_limits
#include <string>     // std::string, std::to_string
#include <utility>    // std::move
#include <vector>     // std::vector

#include "techconv/analysis/collaboration.hpp"
#include "techconv/analysis/network.hpp"
#include "techconv/cograph/centrality.hpp"
#include "techconv/cograph/export.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/config.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/report/markdown.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief A line chart: one or more series over a shared x axis.
struct line_chart {
    std::string stem;    ///< file name without extension (stem.dat, stem.gp, stem.png, stem.svg)
    std::string title;   ///< chart title
    std::string xlabel;  ///< x axis label
    std::string ylabel;  ///< y axis label
    std::vector<double> x;                ///< x values (years)
    std::vector<std::string> names;       ///< one per series
    std::vector<std::vector<double>> ys;  ///< ys[s][t] belongs to x[t]
};

/// \brief stem.dat of a chart: a "# x" header with the series names, then one
/// tab-separated row per x value; a NaN (no value, e.g. a year without codes) is written `?`,
/// which gnuplot skips.
inline void write_chart_data(std::ostream& dat, const line_chart& c) {
    dat << "# x";
    for (const auto& n : c.names) dat << '\t' << n;
    dat << '\n';
    for (std::size_t t = 0; t < c.x.size(); ++t) {
        dat << io::format_double(c.x[t]);
        for (const auto& y : c.ys) {
            dat << '\t';
            if (std::isnan(y[t])) dat << '?';  // gnuplot's missing value: no point drawn
            else dat << io::format_double(y[t]);
        }
        dat << '\n';
    }
}

/// \brief stem.gp of a chart: a gnuplot script, run in the chart's folder, that draws
/// stem.png (pngcairo when available, else png) and stem.svg from stem.dat.
inline void write_chart_script(std::ostream& gp, const line_chart& c) {
    auto quote = [](const std::string& s) {
        std::string o = "\"";
        for (const char ch : s) o += (ch == '"' || ch == '\\') ? '\'' : ch;
        return o + "\"";
    };
    gp << "set datafile separator '\\t'\n";
    bool missing = false;  // a value written as '?' (write_chart_data)
    for (const auto& y : c.ys)
        for (const double v : y) missing = missing || std::isnan(v);
    if (missing) gp << "set datafile missing '?'\n";
    gp << "set title " << quote(c.title) << "\nset xlabel " << quote(c.xlabel) << "\nset ylabel "
       << quote(c.ylabel) << "\nset grid\nset key outside right top\nset xtics nomirror\n";
    std::string plot = "plot ";
    for (std::size_t s = 0; s < c.names.size(); ++s) {
        if (s) plot += ", ";
        plot += quote(c.stem + ".dat") + " using 1:" + std::to_string(s + 2) + " with linespoints title " +
                quote(c.names[s]);
    }
    // pngcairo when this gnuplot has it (gnuplot-nox may not), else the libgd png terminal
    gp << "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) { set terminal pngcairo size 900,500 } "
          "else { set terminal png size 900,500 }\nset output " << quote(c.stem + ".png") << '\n'
       << plot << "\nset terminal svg size 900,500\nset output " << quote(c.stem + ".svg") << '\n'
       << plot << '\n';
}

/// \brief Markdown that embeds a drawn chart (stem.svg, with a link to stem.png).
inline std::string chart_markdown(const line_chart& c) {
    return "![" + c.title + "](" + c.stem + ".svg)\n\n(PNG: [" + c.stem + ".png](" + c.stem + ".png))\n";
}

/// \brief The network's yearly series: records and distinct codes per year (stem "series")
/// and the yearly convergence index (stem "convergence"); `level` names the code level.
inline std::vector<line_chart> network_year_charts(const analysis::network_result& res, const std::string& level) {
    line_chart ch{"series", "records, distinct codes and convergence index by year", "year", "count", {},
                  {"records", "distinct " + level + " codes"}, {{}, {}}};
    line_chart ci{"convergence", "convergence index by year", "year", "CI", {}, {"CI = (records - codes) / records"}, {{}}};
    for (const auto& y : res.years) {
        ch.x.push_back(static_cast<double>(y.year));
        ch.ys[0].push_back(static_cast<double>(y.records));
        ch.ys[1].push_back(static_cast<double>(y.codes));
        ci.x.push_back(static_cast<double>(y.year));
        // a year whose records have no code has no index (status::empty_input): no point, not 0
        ci.ys[0].push_back(y.info == status::empty_input ? std::numeric_limits<double>::quiet_NaN()
                                                         : y.convergence_index);
    }
    return {std::move(ch), std::move(ci)};
}

/// \brief The pair's yearly chart of a collaboration result (stem "closeness"): the
/// series measure and both importance shares over the years where either country has
/// records (the same years as the report's table); empty x without a pair.
inline line_chart collaboration_pair_chart(const analysis::collaboration_result& r, analysis::measure m) {
    const std::string& pi = r.pair_i;
    const std::string& pj = r.pair_j;
    line_chart ch{"closeness", pi + "-" + pj + " collaboration by year", "year", "closeness / share", {},
                  {measure_display_name(m) + (m == analysis::measure::salton ? " closeness" : ""),
                   "N_ij/N_" + pi + " (importance of " + pj + " to " + pi + ")",
                   "N_ij/N_" + pj + " (importance of " + pi + " to " + pj + ")"},
                  {{}, {}, {}}};
    if (pi.empty() || !r.has_pair()) return ch;
    const auto& s = r.series;
    const auto span = pair_series_span(r);
    for (std::size_t t = span.first; t < span.second; ++t) {
        const auto& st = s.stats[t];
        ch.x.push_back(static_cast<double>(s.years[t]));
        ch.ys[0].push_back(st.closeness);
        ch.ys[1].push_back(st.share_i);
        ch.ys[2].push_back(st.share_j);
    }
    return ch;
}

/// \brief Graphviz colour of a cluster (12 colours, repeated).
inline std::string cluster_color(index cluster) {
    static const char* const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                                          "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"};
    return palette[static_cast<std::size_t>(cluster) % (sizeof palette / sizeof palette[0])];
}

/// \brief The network map as DOT: the `picture_nodes` strongest nodes, coloured by
/// cluster, sized by strength, edges as wide as their weight (for sfdp).
inline void write_network_map_dot(std::ostream& out, const cograph::graph& g, const vector& str,
                                  const std::vector<index>& cluster, long long picture_nodes) {
    const index n = g.num_nodes();
    cograph::export_options eo;
    eo.dot.name = "techconv";
    eo.dot.statements = {"graph [overlap=prism, outputorder=edgesfirst, splines=false, bgcolor=white];",
                         "node [shape=circle, style=filled, fontname=Helvetica, fontsize=9, fixedsize=true];",
                         "edge [color=\"#99999955\"];"};
    eo.dot.label_ids = true;
    eo.dot.nodes = cograph::ranking(str);
    if (static_cast<long long>(eo.dot.nodes->size()) > picture_nodes)
        eo.dot.nodes->resize(static_cast<std::size_t>(picture_nodes));
    const double smax = n > 0 ? std::max(1.0, str.maxCoeff()) : 1.0;
    cograph::node_text width{"width", std::vector<std::string>(static_cast<std::size_t>(n))};
    cograph::node_text fill{"fillcolor", std::vector<std::string>(static_cast<std::size_t>(n))};
    for (index v = 0; v < n; ++v) {
        width.values[static_cast<std::size_t>(v)] = fixed(0.25 + 1.0 * std::sqrt(str[v] / smax), 3);
        fill.values[static_cast<std::size_t>(v)] = cluster_color(cluster[static_cast<std::size_t>(v)]);
    }
    const auto edges = g.edges();
    double wmax = 1.0;
    for (const auto& e : edges) wmax = std::max(wmax, e.weight);
    cograph::edge_text pen{"penwidth", {}};
    for (const auto& e : edges) pen.values.push_back(fixed(0.3 + 3.0 * e.weight / wmax, 2));
    eo.texts = {std::move(width), std::move(fill)};
    eo.edge_texts = {std::move(pen)};
    eo.node_columns = {{"width", ""}, {"fillcolor", ""}};
    eo.edge_columns = {{"penwidth", ""}};
    cograph::write_dot(out, g, eo);
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_PLOTS_HPP_
