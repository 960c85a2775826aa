// SPDX-License-Identifier: BSL-1.0
//
// The files of `techconv quality` (analysis::quality_indicators): quality.csv
// and report.md, each one whole file to a std::ostream (column names are
// stable; docs/cli.md lists them).
#ifndef TECHCONV_REPORT_QUALITY_HPP_
#define TECHCONV_REPORT_QUALITY_HPP_

#include <algorithm>  // std::sort
#include <array>      // std::array
#include <cstddef>    // std::size_t
#include <cstdint>    // std::int64_t
#include <limits>     // std::numeric_limits
#include <map>        // std::map
#include <ostream>    // std::ostream
#include <string>     // std::string
#include <utility>    // std::pair, std::move
#include <vector>     // std::vector

#include "techconv/analysis/quality.hpp"
#include "techconv/classification/concordance.hpp"
#include "techconv/config.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/report/markdown.hpp"
#include "techconv/report/plots.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief What a quality report says about its input and options besides the result.
struct quality_settings {
    std::vector<std::string> notes;   ///< per input file
    std::size_t read = 0;             ///< records read
    std::size_t records = 0;          ///< after family merging
    std::string citations;            ///< the citation table's file ("" = none)
    std::size_t citation_rows = 0;    ///< its rows
    std::string classes;              ///< the class table's file ("" = none)
    std::size_t class_rows = 0;       ///< its rows
    std::string fields;               ///< the technology-field table's file ("" = cohorts by year)
    bool hall_correction = false;     ///< analysis::quality_options::hall_correction
    std::string group_by;             ///< "" (no groups), else how the groups were made ("country from auto", ...)
};

/// \brief The field name of a record ("" when it has none).
inline std::string quality_field_name(const analysis::quality_record& r, const classification::concordance* fields) {
    if (fields == nullptr || r.field == no_label) return {};
    return fields->category(r.field).name;
}

/// \brief quality.csv: id, year (the cohort year), publication_year, field, with groups
/// (analysis::quality_options::group_by_country) group, then per indicator
/// (analysis::all_quality_indicators order) its value, then per indicator `<name>_normalised`,
/// then per indicator `<name>_status` (analysis::quality_status names), then citing,
/// citing_with_classes, cited, cited_with_classes, citing_with_year. An empty value cell is an undefined value
/// (its status column says why); an empty normalised cell means the value is empty, the record
/// has no cohort (no year, or no field when a field table is used) or its cohort's maximum is 0.
inline void write_quality_csv(std::ostream& out, const analysis::quality_result& r,
                              const classification::concordance* fields) {
    io::csv_writer w(out);
    const bool groups = !r.groups.empty();
    w.field("id").field("year").field("publication_year").field("field");
    if (groups) w.field("group");
    for (const auto q : analysis::all_quality_indicators) w.field(to_string(q));
    for (const auto q : analysis::all_quality_indicators) w.field(std::string(to_string(q)) + "_normalised");
    for (const auto q : analysis::all_quality_indicators) w.field(std::string(to_string(q)) + "_status");
    w.field("citing").field("citing_with_classes").field("cited").field("cited_with_classes");
    w.field("citing_with_year").end_row();
    const auto year = [&w](year_type y) {
        if (y == no_year) w.empty();
        else w.field(static_cast<std::int64_t>(y));
    };
    const auto value = [&w](const analysis::quality_value& v) {
        if (v.value) w.field(*v.value);
        else w.empty();
    };
    for (const auto& rec : r.records) {
        w.field(rec.id);
        year(rec.year);
        year(rec.publication_year);
        w.field(quality_field_name(rec, fields));
        if (groups) w.field(rec.group);
        for (const auto& v : rec.values) value(v);
        for (const auto& v : rec.normalised) value(v);
        for (const auto& v : rec.values) w.field(to_string(v.status));
        w.field(static_cast<std::int64_t>(rec.citing)).field(static_cast<std::int64_t>(rec.citing_with_classes));
        w.field(static_cast<std::int64_t>(rec.cited)).field(static_cast<std::int64_t>(rec.cited_with_classes));
        w.field(static_cast<std::int64_t>(rec.citing_with_year));
        w.end_row();
    }
}

/// \brief The picture of a quality report: "quality_quantiles", the quantile curve of each
/// normalised indicator (analysis::all_quality_indicators order; x = p = 0, 0.01, ..., 1, y = the
/// p-quantile of the records' normalised values by analysis::linear_quantile), so that the distributions share
/// one [0, 1] scale. An indicator without normalised values is a series without points.
inline line_chart quality_chart(const analysis::quality_result& r) {
    line_chart c{"quality_quantiles", "normalised quality indicators: quantile curves", "share of records (p)",
                 "value / cohort maximum", {}, {}, {}};
    for (int k = 0; k <= 100; ++k) c.x.push_back(k / 100.0);
    for (std::size_t q = 0; q < analysis::quality_indicator_count; ++q) {
        std::string name(to_string(analysis::all_quality_indicators[q]));
        for (char& ch : name)
            if (ch == '_') ch = ' ';  // "_" would be a subscript in gnuplot's text
        c.names.push_back(name);
        std::vector<double> v;
        for (const auto& rec : r.records)
            if (rec.normalised[q].value) v.push_back(*rec.normalised[q].value);
        std::sort(v.begin(), v.end());
        std::vector<double> y;
        for (const double p : c.x)
            y.push_back(v.empty() ? std::numeric_limits<double>::quiet_NaN() : analysis::linear_quantile(v, p));
        c.ys.push_back(std::move(y));
    }
    return c;
}

/// \brief The pictures of each indicator per group (issue 19, Pictures): with a technology-field
/// table, one chart per indicator, "quality_by_field_<indicator>", holding the quantile curve of the
/// indicator's values (not normalised: one indicator per chart, one scale) in each of the
/// `max_groups` fields with the most records (ties: field name), x = p = 0, 0.01, ..., 1, y = the
/// p-quantile of the field's defined values (analysis::linear_quantile). No chart without a field table, without
/// a record in a field, or for an indicator no record of these fields has (e.g. family size when
/// the source states none); a field without defined values is a series without points.
inline std::vector<line_chart> quality_group_charts(const analysis::quality_result& r,
                                                    const classification::concordance* fields,
                                                    std::size_t max_groups = 6) {
    std::vector<line_chart> out;
    if (fields == nullptr) return out;
    std::map<std::string, std::vector<const analysis::quality_record*>> by;
    for (const auto& rec : r.records)
        if (rec.field != no_label) by[quality_field_name(rec, fields)].push_back(&rec);
    std::vector<std::pair<std::string, std::vector<const analysis::quality_record*>>> groups(by.begin(), by.end());
    std::stable_sort(groups.begin(), groups.end(),
                     [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    if (groups.size() > max_groups) groups.resize(max_groups);
    if (groups.empty()) return out;
    for (std::size_t q = 0; q < analysis::quality_indicator_count; ++q) {
        const std::string name(to_string(analysis::all_quality_indicators[q]));
        std::string title = name;
        for (char& ch : title)
            if (ch == '_') ch = ' ';  // "_" would be a subscript in gnuplot's text
        line_chart c{"quality_by_field_" + name, title + ": quantile curve per technology field", "share of records (p)",
                     title, {}, {}, {}};
        for (int k = 0; k <= 100; ++k) c.x.push_back(k / 100.0);
        bool any = false;  // a defined value in some field: else no chart
        for (const auto& [field, recs] : groups) {
            std::string label = field;
            for (char& ch : label)
                if (ch == '_' || ch == '"') ch = ' ';
            c.names.push_back(label + " (" + std::to_string(recs.size()) + ")");
            std::vector<double> v;
            for (const auto* rec : recs)
                if (rec->values[q].value) v.push_back(*rec->values[q].value);
            std::sort(v.begin(), v.end());
            std::vector<double> y;
            for (const double p : c.x)
                y.push_back(v.empty() ? std::numeric_limits<double>::quiet_NaN() : analysis::linear_quantile(v, p));
            any = any || !v.empty();
            c.ys.push_back(std::move(y));
        }
        if (any) out.push_back(std::move(c));
    }
    return out;
}

/// \brief quality_by_group.csv: group, indicator, records, with_value, min, q1, median, q3, p90,
/// max, mean, status; one row per group (records descending, then name) and indicator
/// (analysis::quality_group_summary: values, not normalised; quantiles by linear interpolation).
/// The figures are empty when no record of the group has a value (status empty_input).
inline void write_quality_by_group_csv(std::ostream& out, const analysis::quality_result& r) {
    io::csv_writer w(out);
    w.row({"group", "indicator", "records", "with_value", "min", "q1", "median", "q3", "p90", "max", "mean", "status"});
    for (const auto& g : r.groups) {
        w.field(g.group).field(to_string(g.indicator)).field(static_cast<std::int64_t>(g.records))
            .field(static_cast<std::int64_t>(g.with_value));
        if (g.info == status::ok) w.field(g.min).field(g.q1).field(g.median).field(g.q3).field(g.p90).field(g.max).field(g.mean);
        else w.empty().empty().empty().empty().empty().empty().empty();
        w.field(to_string(g.info)).end_row();
    }
}

/// \brief The groups the picture of the indicators per group draws: the `max_groups` first of
/// quality_result::groups (the groups with the most records).
inline std::vector<std::string> quality_drawn_groups(const analysis::quality_result& r, std::size_t max_groups) {
    std::vector<std::string> out;
    for (const auto& g : r.groups)
        if ((out.empty() || out.back() != g.group) && out.size() < max_groups) out.push_back(g.group);
    return out;
}

/// \brief quality_by_group.dat: one gnuplot data block per indicator that some drawn group
/// (quality_drawn_groups) has values of, blocks separated by two blank lines and opened by a
/// comment "# indicator NAME"; one row per drawn group with values of it: "x group min q1 median q3
/// p90 max mean" (tab-separated; x = the group's position 1, 2, ... among the drawn groups).
/// \returns the indicators written, in block order.
inline std::vector<analysis::quality_indicator> write_quality_group_data(std::ostream& dat,
                                                                        const analysis::quality_result& r,
                                                                        const std::vector<std::string>& drawn) {
    std::vector<analysis::quality_indicator> out;
    for (const auto q : analysis::all_quality_indicators) {
        std::string rows;
        for (std::size_t k = 0; k < drawn.size(); ++k)
            for (const auto& g : r.groups)
                if (g.group == drawn[k] && g.indicator == q && g.info == status::ok) {
                    rows += std::to_string(k + 1) + '\t' + g.group;
                    for (const double v : {g.min, g.q1, g.median, g.q3, g.p90, g.max, g.mean})
                        rows += '\t' + io::format_double(v);
                    rows += '\n';
                }
        if (rows.empty()) continue;
        if (!out.empty()) dat << "\n\n";
        dat << "# indicator " << to_string(q) << "\n# x\tgroup\tmin\tq1\tmedian\tq3\tp90\tmax\tmean\n" << rows;
        out.push_back(q);
    }
    return out;
}

/// \brief quality_by_group.gp: one panel per indicator of the data file (`indicators`, 3 columns),
/// a box per drawn group: box from q1 to q3, a line at the median, whiskers from the minimum to the
/// 90th percentile (the maximum of skewed counts would flatten the boxes; it is in the CSV), a cross
/// at the mean, y from 0 (every indicator is >= 0); drawn as quality_by_group.png and .svg.
inline void write_quality_group_script(std::ostream& gp, const std::vector<analysis::quality_indicator>& indicators,
                                       std::size_t groups) {
    const std::size_t cols = indicators.size() < 3 ? indicators.size() : 3;
    const std::size_t rows = (indicators.size() + cols - 1) / cols;
    const int width = static_cast<int>(480 * cols), height = static_cast<int>(340 * rows + 40);
    std::string panels = "set multiplot layout " + std::to_string(rows) + "," + std::to_string(cols) +
                         " title 'quality indicators per group: box q1-q3, line median, whiskers min-p90, cross mean'\n";
    for (std::size_t k = 0; k < indicators.size(); ++k) {
        std::string title(to_string(indicators[k]));
        for (char& ch : title)
            if (ch == '_') ch = ' ';  // "_" would be a subscript in gnuplot's text
        const std::string idx = " index " + std::to_string(k);
        panels += "set title '" + title + "'\nplot 'quality_by_group.dat'" + idx +
                  " using 1:4:3:7:6:xticlabels(2) with candlesticks whiskerbars 0.5 lw 1.5 notitle, "
                  "'quality_by_group.dat'" + idx + " using 1:5:5:5:5 with candlesticks lt -1 lw 2 notitle, "
                  "'quality_by_group.dat'" + idx + " using 1:9 with points pt 2 ps 1.2 lc rgb '#d62728' notitle\n";
    }
    panels += "unset multiplot\n";
    gp << "set datafile separator '\\t'\nset grid ytics\nset boxwidth 0.5\nset style fill solid 0.25\n"
          "set xrange [0.3:" << groups << ".7]\nset xtics rotate by -35 font ',9'\nset offsets 0, 0, graph 0.05, 0\nset yrange [0:*]\n"
       << "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) { set terminal pngcairo size " << width << "," << height
       << " } else { set terminal png size " << width << "," << height << " }\nset output 'quality_by_group.png'\n"
       << panels << "set terminal svg size " << width << "," << height << "\nset output 'quality_by_group.svg'\n" << panels;
}

/// \brief report.md of the quality indicators: inputs, the citation graph, and per indicator
/// its distribution over the records where it is defined (n, min, quartiles, mean, max) and how
/// many records have each status; `pictures` is the Markdown of the pictures drawn (may be
/// empty), `files` lists the output files.
inline void write_quality_markdown(std::ostream& md, const analysis::quality_result& r, const quality_settings& s,
                                   const std::string& pictures, const std::string& files) {
    const auto& g = r.graph;
    md << "# Patent quality report\n\nGenerated by `techconv quality`: the patent quality indicators of "
          "Squicciarini, Dernis & Criscuolo (2013, OECD STI Working Paper 2013/03) per record, over the "
          "citations between the records"
       << (s.citations.empty() ? "" : " and the citation table") << " (docs/analysis-quality.md). Cohorts: "
       << (s.fields.empty() ? "year" : "year x technology field") << ". Generality and originality "
       << (s.hall_correction ? "with" : "without") << " Hall's N/(N-1) correction.\n\n## Inputs\n\n";
    for (const auto& n : s.notes) md << "- " << n << "\n";
    md << "- records read: " << s.read << "; after simple-family merging: " << s.records << "\n";
    if (!s.citations.empty()) md << "- citation table: " << s.citations << " (" << s.citation_rows << " rows)\n";
    if (!s.classes.empty()) md << "- class table: " << s.classes << " (" << s.class_rows << " rows)\n";
    if (!s.fields.empty()) md << "- technology fields: " << s.fields << "\n";
    // the documents citing a record: in the corpus (date and classes of their own) or outside it
    index citing_outside = 0, outside_without_year = 0, outside_without_classes = 0;
    for (index v = g.records; v < g.size(); ++v) {
        bool cites_record = false;
        for (const index w : g.cited[static_cast<std::size_t>(v)]) cites_record = cites_record || w < g.records;
        if (!cites_record) continue;
        ++citing_outside;
        if (g.publication_year[static_cast<std::size_t>(v)] == no_year) ++outside_without_year;
        if (!g.has_classes(v)) ++outside_without_classes;
    }
    md << "\n## Citation graph\n\n| | value |\n|---|---|\n| records | " << g.records << " |\n| documents outside the corpus | "
       << g.size() - g.records << " |\n| citations | " << g.stats.edges << " |\n| citations between records | "
       << g.stats.internal_edges << " |\n| records whose source lists their citing documents | "
       << g.stats.records_with_citing_list << " |\n| items of those lists (forward citations stated by the sources) | "
       << g.stats.forward_list_citations << " |\n| documents outside the corpus citing a record | " << citing_outside
       << " |\n| of those, without a publication year (not in the 5-year window: `unknown_citing_years`) | "
       << outside_without_year
       << " |\n| of those, without a known class (not in generality: `unknown_citing_classes`) | "
       << outside_without_classes << " |\n| citation-table rows not touching the corpus (unused) | "
       << g.stats.table_rows_unused << " |\n| self-citations (dropped) | " << g.stats.self_citations
       << " |\n| records sharing an earlier record's number | " << g.stats.duplicate_ids
       << " |\n| records without a year (no cohort) | " << r.records_without_year << " |\n";
    if (!s.fields.empty()) md << "| records without a technology field (no cohort) | " << r.records_without_field << " |\n";
    md << "\n## Distribution of each indicator\n\nOver the records where the indicator is defined; quartiles by linear "
          "interpolation, as in quality_by_group.csv (numpy's and pandas' default).\n\n| indicator | n | min | q1 | median | q3 | mean | max |\n|---|---|---|---|---|---|---|---|\n";
    for (std::size_t q = 0; q < analysis::quality_indicator_count; ++q) {
        std::vector<double> v;
        for (const auto& rec : r.records)
            if (rec.values[q].value) v.push_back(*rec.values[q].value);
        md << "| " << to_string(analysis::all_quality_indicators[q]) << " | " << v.size();
        if (v.empty()) {
            md << " | | | | | | |\n";
            continue;
        }
        std::sort(v.begin(), v.end());
        double sum = 0;
        for (const double x : v) sum += x;
        const auto rank = [&v](double p) { return analysis::linear_quantile(v, p); };
        md << " | " << num(v.front()) << " | " << num(rank(0.25)) << " | " << num(rank(0.5)) << " | "
           << num(rank(0.75)) << " | " << fixed(sum / static_cast<double>(v.size())) << " | " << num(v.back())
           << " |\n";
    }
    md << "\n## Status of each indicator\n\nHow many records have each status (`ok`: defined from complete inputs; "
          "`unknown_citing_years`: defined, some citing documents without a year not counted; "
          "`unknown_citing_classes`: defined, some citing documents without a known class not counted; "
          "`unknown_cited_classes`: defined, some cited documents without a known class not counted; the others: "
          "undefined, the cell of quality.csv is empty).\n\n| indicator |";
    constexpr std::size_t statuses = analysis::quality_status_count;
    for (std::size_t k = 0; k < statuses; ++k) md << " " << to_string(static_cast<analysis::quality_status>(k)) << " |";
    md << "\n|---|";
    for (std::size_t k = 0; k < statuses; ++k) md << "---|";
    md << "\n";
    for (std::size_t q = 0; q < analysis::quality_indicator_count; ++q) {
        std::array<std::size_t, statuses> c{};
        for (const auto& rec : r.records) ++c[static_cast<std::size_t>(rec.values[q].status)];
        md << "| " << to_string(analysis::all_quality_indicators[q]) << " |";
        for (const auto x : c) md << " " << x << " |";
        md << "\n";
    }
    if (!r.groups.empty()) {
        std::size_t n = 0;
        for (std::size_t k = 0; k < r.groups.size(); k += analysis::quality_indicator_count) ++n;
        md << "\n## Indicators per group\n\nGroups: " << s.group_by << " (" << n
           << " groups; quality_by_group.csv has every group's min, quartiles, 90th percentile, max and mean of each "
              "indicator, quantiles by linear interpolation). The median of each indicator over the group's records "
              "where it is defined (n: how many), for the "
           << (n > 20 ? "20 largest groups" : "groups") << ":\n\n| group | records |";
        for (const auto q : analysis::all_quality_indicators) md << " " << to_string(q) << " (n) |";
        md << "\n|---|---|";
        for (std::size_t q = 0; q < analysis::quality_indicator_count; ++q) md << "---|";
        md << "\n";
        for (std::size_t k = 0; k < r.groups.size() && k < 20 * analysis::quality_indicator_count;
             k += analysis::quality_indicator_count) {
            md << "| " << r.groups[k].group << " | " << r.groups[k].records << " |";
            for (std::size_t q = 0; q < analysis::quality_indicator_count; ++q) {
                const auto& gs = r.groups[k + q];
                md << " " << (gs.info == status::ok ? num(gs.median) : std::string()) << " (" << gs.with_value << ") |";
            }
            md << "\n";
        }
    }
    if (!pictures.empty()) md << "\n## Pictures\n\n" << pictures;
    md << "\n## Files\n\n```\n" << files << "\n```\n";
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_QUALITY_HPP_
