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
};

/// \brief The field name of a record ("" when it has none).
inline std::string quality_field_name(const analysis::quality_record& r, const classification::concordance* fields) {
    if (fields == nullptr || r.field == no_label) return {};
    return fields->category(r.field).name;
}

/// \brief quality.csv: id, year (the cohort year), publication_year, field, then per indicator
/// (analysis::all_quality_indicators order) its value, then per indicator `<name>_normalised`,
/// then per indicator `<name>_status` (analysis::quality_status names), then citing,
/// citing_with_classes, cited, cited_with_classes. An empty value cell is an undefined value
/// (its status column says why); an empty normalised cell means the value is empty, the record
/// has no cohort (no year, or no field when a field table is used) or its cohort's maximum is 0.
inline void write_quality_csv(std::ostream& out, const analysis::quality_result& r,
                              const classification::concordance* fields) {
    io::csv_writer w(out);
    w.field("id").field("year").field("publication_year").field("field");
    for (const auto q : analysis::all_quality_indicators) w.field(to_string(q));
    for (const auto q : analysis::all_quality_indicators) w.field(std::string(to_string(q)) + "_normalised");
    for (const auto q : analysis::all_quality_indicators) w.field(std::string(to_string(q)) + "_status");
    w.field("citing").field("citing_with_classes").field("cited").field("cited_with_classes").end_row();
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
        for (const auto& v : rec.values) value(v);
        for (const auto& v : rec.normalised) value(v);
        for (const auto& v : rec.values) w.field(to_string(v.status));
        w.field(static_cast<std::int64_t>(rec.citing)).field(static_cast<std::int64_t>(rec.citing_with_classes));
        w.field(static_cast<std::int64_t>(rec.cited)).field(static_cast<std::int64_t>(rec.cited_with_classes));
        w.end_row();
    }
}

namespace detail {
// The ceil(p n)-th smallest of sorted `v` (nearest rank), \pre v not empty.
inline double nearest_rank(const std::vector<double>& v, double p) {
    auto k = static_cast<std::size_t>(p * static_cast<double>(v.size()) + 0.999999999);
    return v[std::min(v.size(), std::max<std::size_t>(k, 1)) - 1];
}
}  // namespace detail

/// \brief The picture of a quality report: "quality_quantiles", the quantile curve of each
/// normalised indicator (analysis::all_quality_indicators order; x = p = 0, 0.01, ..., 1, y = the
/// nearest-rank p-quantile of the records' normalised values), so that the distributions share
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
            y.push_back(v.empty() ? std::numeric_limits<double>::quiet_NaN() : detail::nearest_rank(v, p));
        c.ys.push_back(std::move(y));
    }
    return c;
}

/// \brief The pictures of each indicator per group (issue 19, Pictures): with a technology-field
/// table, one chart per indicator, "quality_by_field_<indicator>", holding the quantile curve of the
/// indicator's values (not normalised: one indicator per chart, one scale) in each of the
/// `max_groups` fields with the most records (ties: field name), x = p = 0, 0.01, ..., 1, y = the
/// nearest-rank p-quantile of the field's defined values. No chart without a field table, without
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
                y.push_back(v.empty() ? std::numeric_limits<double>::quiet_NaN() : detail::nearest_rank(v, p));
            any = any || !v.empty();
            c.ys.push_back(std::move(y));
        }
        if (any) out.push_back(std::move(c));
    }
    return out;
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
    md << "\n## Citation graph\n\n| | value |\n|---|---|\n| records | " << g.records << " |\n| documents outside the corpus | "
       << g.size() - g.records << " |\n| citations | " << g.stats.edges << " |\n| citations between records | "
       << g.stats.internal_edges << " |\n| citation-table rows not touching the corpus (unused) | "
       << g.stats.table_rows_unused << " |\n| self-citations (dropped) | " << g.stats.self_citations
       << " |\n| records sharing an earlier record's number | " << g.stats.duplicate_ids
       << " |\n| records without a year (no cohort) | " << r.records_without_year << " |\n";
    if (!s.fields.empty()) md << "| records without a technology field (no cohort) | " << r.records_without_field << " |\n";
    md << "\n## Distribution of each indicator\n\nOver the records where the indicator is defined; quartiles by the "
          "nearest-rank rule.\n\n| indicator | n | min | q1 | median | q3 | mean | max |\n|---|---|---|---|---|---|---|---|\n";
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
        const auto rank = [&v](double p) { return detail::nearest_rank(v, p); };
        md << " | " << num(v.front()) << " | " << num(rank(0.25)) << " | " << num(rank(0.5)) << " | "
           << num(rank(0.75)) << " | " << fixed(sum / static_cast<double>(v.size())) << " | " << num(v.back())
           << " |\n";
    }
    md << "\n## Status of each indicator\n\nHow many records have each status (`ok`: defined from complete inputs; "
          "`unknown_citing_years`: defined, some citing documents without a year not counted; the others: "
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
    if (!pictures.empty()) md << "\n## Pictures\n\n" << pictures;
    md << "\n## Files\n\n```\n" << files << "\n```\n";
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_QUALITY_HPP_
