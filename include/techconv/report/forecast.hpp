// SPDX-License-Identifier: BSL-1.0
//
// The files of `techconv forecast` (analysis::forecast): predictions.csv,
// evaluation.json and report.md, each one whole file to a std::ostream
// (column and key names are stable; docs/cli.md lists them).
#ifndef TECHCONV_REPORT_FORECAST_HPP_
#define TECHCONV_REPORT_FORECAST_HPP_

#include <algorithm>  // std::min, std::max, std::sort
#include <cmath>    // std::sqrt
#include <cstddef>  // std::size_t
#include <utility>  // std::pair, std::move
#include <cstdint>  // std::int64_t
#include <limits>   // std::numeric_limits
#include <optional> // std::optional
#include <ostream>  // std::ostream
#include <string>   // std::string
#include <string_view>  // std::string_view
#include <vector>   // std::vector

#include "techconv/analysis/forecast.hpp"
#include "techconv/cograph/centrality.hpp"
#include "techconv/cograph/export.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/cograph/link_prediction.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/json.hpp"
#include "techconv/report/markdown.hpp"
#include "techconv/report/plots.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief What a forecast report says about its input and options besides the result.
struct forecast_settings {
    std::string level = "subclass";  ///< level of the nodes
    std::string codes = "ipc";       ///< ipc or cpc
    std::string counting = "full";   ///< edge weights of the train graph
    year_type train_until = no_year; ///< last train year
    double weight_exponent = 1.0;    ///< α of the weighted scores
    std::vector<std::string> notes;  ///< per input file
    std::size_t read = 0;            ///< records read
    std::size_t records = 0;         ///< after family merging
    std::size_t merged = 0;          ///< folded into another family member
    index max_candidates = 0;        ///< the bound above which the evaluation is bounded
};

/// \brief The settings the forecast reports state, from the run's options and its read inputs
/// (io::patent_table_inputs: notes(), read, table, merged): the one place the command and the
/// Python package make them.
template <class Inputs>
forecast_settings make_forecast_settings(const analysis::forecast_options& o, const Inputs& in) {
    forecast_settings s;
    s.level = std::string(classification::to_string(o.level));
    s.codes = o.codes == io::patent_field::cpc ? "cpc" : "ipc";
    s.counting = records::to_string(o.counting);
    s.train_until = o.train_until;
    s.weight_exponent = o.scores.weight_exponent;
    s.notes = in.notes();
    s.read = in.read;
    s.records = in.table.size();
    s.merged = in.merged;
    s.max_candidates = o.max_candidates;  // evaluation.json names the bound of a bounded evaluation
    return s;
}

/// \brief The sampling rule of a bounded evaluation as evaluation.json and report.md state it
/// (analysis::candidate_sample_key).
inline constexpr std::string_view forecast_sampling_rule =
    "the sample_size candidates outside the kept set with the smallest key "
    "splitmix64(splitmix64(sample_seed xor lo) xor hi), lo <= hi the FNV-1a 64 hashes of the two codes "
    "(ties by source, then target node id)";

/// \brief predictions.csv: source, target, one column per score (cograph::link_score_names;
/// katz empty when Katz was not converged or not computed), realised (1/0),
/// first_year (empty when not realised). One row per evaluated candidate, by (source, target)
/// node id: every candidate, or under a bounded evaluation the kept pairs and the sample.
inline void write_predictions_csv(std::ostream& out, const analysis::forecast_result& r) {
    io::csv_writer w(out);
    w.field("source").field("target");
    for (const auto name : cograph::link_score_names) w.field(name);
    w.field("realised").field("first_year").end_row();
    for (std::size_t k = 0; k < r.candidates.size(); ++k) {
        const auto& p = r.candidates[k];
        w.field(r.train.label(p.source)).field(r.train.label(p.target));
        for (const auto& v : r.scores.values) {
            if (v.size() == 0) w.empty();
            else w.field(v[static_cast<index>(k)]);
        }
        w.field(r.realised[k] ? 1 : 0);
        if (r.first_year[k] == no_year) w.empty();
        else w.field(static_cast<std::int64_t>(r.first_year[k]));
        w.end_row();
    }
}

namespace detail {
inline void optional_value(io::json_writer& j, const std::optional<double>& v) {
    if (v) j.value(*v);
    else j.null();
}
}  // namespace detail

/// \brief evaluation.json: train_edges, candidates, realised, then the counts of records and
/// the settings, L, the Katz β / λmax / status, and one object per score keyed by its column
/// name with auc, precision_at_L, average_precision (null when undefined) and status.
inline void write_forecast_evaluation_json(std::ostream& f, const analysis::forecast_result& r,
                                           const forecast_settings& s) {
    io::json_writer j(f);
    j.begin_object();
    j.key("train_edges").value(static_cast<std::int64_t>(r.train.num_edges()));
    j.key("candidates").value(static_cast<std::int64_t>(r.candidate_count));
    j.key("realised").value(static_cast<std::int64_t>(r.realised_count));
    j.key("train_nodes").value(static_cast<std::int64_t>(r.train.num_nodes()));
    j.key("train_until").value(static_cast<std::int64_t>(s.train_until));
    j.key("L").value(static_cast<std::int64_t>(r.top));
    if (!r.bounded) {
        j.key("evaluated").value("all candidates (exact)");
    } else {
        j.key("evaluated").value("bounded: the keep_top best-ranked candidates of each score plus a sample of the others");
        j.key("evaluation").begin_object();
        j.key("mode").value("bounded");
        j.key("max_candidates").value(static_cast<std::int64_t>(s.max_candidates));
        j.key("keep_top").value(static_cast<std::int64_t>(r.keep_top));
        j.key("kept").value(static_cast<std::int64_t>(r.kept));
        j.key("sample_size").value(static_cast<std::int64_t>(r.sample_size));
        j.key("sampled").value(static_cast<std::int64_t>(r.sampled));
        j.key("sample_seed").value(static_cast<std::int64_t>(r.sample_seed));
        j.key("sampling").value(std::string(forecast_sampling_rule));
        j.key("evaluated_pairs").value(r.candidates.size());
        j.key("evaluated_realised").value(static_cast<std::int64_t>(r.evaluated_realised));
        j.end_object();
    }
    j.key("records").value(static_cast<std::int64_t>(r.records));
    j.key("train_records").value(static_cast<std::int64_t>(r.train_records));
    j.key("test_records").value(static_cast<std::int64_t>(r.test_records));
    j.key("records_without_year").value(static_cast<std::int64_t>(r.records_without_year));
    j.key("pairs_with_new_codes").value(static_cast<std::int64_t>(r.pairs_with_new_codes));
    j.key("rejected_codes").value(static_cast<std::int64_t>(r.rejected_codes));
    j.key("level").value(s.level);
    j.key("codes").value(s.codes);
    j.key("counting").value(s.counting);
    j.key("weight_exponent").value(s.weight_exponent);
    if (r.scores.katz_info == status::not_computed) {  // above katz_max_nodes: neither is known
        j.key("katz_beta").null();
        j.key("lambda_max").null();
    } else {
        j.key("katz_beta").value(r.scores.katz_beta);
        j.key("lambda_max").value(r.scores.lambda_max);
    }
    j.key("katz_status").value(to_string(r.scores.katz_info));
    j.key("records_read").value(s.read);
    j.key("families_merged").value(s.merged);
    for (std::size_t k = 0; k < cograph::link_score_count; ++k) {
        const auto& e = r.evaluation[k];
        j.key(cograph::link_score_names[k]).begin_object();
        j.key("auc");
        detail::optional_value(j, e.auc);
        j.key("precision_at_L");
        detail::optional_value(j, e.precision_at_L);
        j.key("average_precision");
        detail::optional_value(j, e.average_precision);
        j.key("status").value(to_string(e.info));
        j.end_object();
    }
    j.end_object();
    f << '\n';
}

/// \brief The score with the highest AUC (the first of equals, link_score_names order), or
/// link_score_count when no score has an AUC: the score report.md ranks and maps.
inline std::size_t forecast_best_score(const analysis::forecast_result& r) {
    std::size_t best = cograph::link_score_count;
    for (std::size_t k = 0; k < r.evaluation.size(); ++k)
        if (r.evaluation[k].auc && (best == cograph::link_score_count || *r.evaluation[k].auc > *r.evaluation[best].auc))
            best = k;
    return best;
}

/// \brief The map of the top predicted links over the train network, as DOT (for sfdp).
///
/// The `links` best-ranked candidates of score `score` (score_ranking order) are drawn as
/// dashed edges labelled by rank, green when realised, red when not; over them, the train
/// network restricted to the links' end points and the strongest train nodes (by weighted
/// degree, ties by node id) up to `picture_nodes` nodes in all (never fewer than the end
/// points), its edges grey and as wide as their weight, nodes sized by strength. Nothing but
/// the graph header when the score has no values. Under a bounded evaluation at most keep_top
/// links (the best of all candidates). \returns the number of predicted links drawn.
inline index write_forecast_map_dot(std::ostream& out, const analysis::forecast_result& r, std::size_t score,
                                    index links, index picture_nodes) {
    const auto& g = r.train;
    const index n = g.num_nodes();
    std::vector<index> order;
    if (score < cograph::link_score_count && r.scores.values[score].size() > 0) order = analysis::score_ranking(r.scores.values[score]);
    if (r.bounded) links = std::min(links, r.keep_top);  // the best of all candidates only
    if (static_cast<index>(order.size()) > links) order.resize(static_cast<std::size_t>(links));
    vector str = vector::Zero(n);
    for (index v = 0; v < n; ++v) {
        const auto a = g.neighbors(v);
        for (index k = 0; k < a.size(); ++k) str[v] += a.weight(k);
    }
    // the drawn nodes: link end points first, then the strongest others
    std::vector<index> newid(static_cast<std::size_t>(n), -1), nodes;
    auto add = [&](index v) {
        if (newid[static_cast<std::size_t>(v)] >= 0) return;
        newid[static_cast<std::size_t>(v)] = static_cast<index>(nodes.size());
        nodes.push_back(v);
    };
    for (const index i : order) {
        add(r.candidates[static_cast<std::size_t>(i)].source);
        add(r.candidates[static_cast<std::size_t>(i)].target);
    }
    for (const index v : cograph::ranking(str)) {
        if (static_cast<index>(nodes.size()) >= picture_nodes) break;
        add(v);
    }
    // the picture's graph: train edges among the drawn nodes, then the predicted links
    std::vector<cograph::edge> edges;
    std::vector<std::string> labels;
    for (const index v : nodes) labels.push_back(g.label(v));
    double wmax = 1.0;
    for (const auto& e : g.edges())
        if (newid[static_cast<std::size_t>(e.u)] >= 0 && newid[static_cast<std::size_t>(e.v)] >= 0) {
            edges.push_back({newid[static_cast<std::size_t>(e.u)], newid[static_cast<std::size_t>(e.v)], e.weight});
            wmax = std::max(wmax, e.weight);
        }
    const std::size_t train_edges = edges.size();
    for (const index i : order) {
        const auto& p = r.candidates[static_cast<std::size_t>(i)];
        edges.push_back({newid[static_cast<std::size_t>(p.source)], newid[static_cast<std::size_t>(p.target)], 1.0});
    }
    // attributes by edge, in the picture graph's edges() order (by end points)
    std::vector<std::string> style(edges.size()), color(edges.size()), pen(edges.size()), label(edges.size());
    std::vector<std::pair<std::pair<index, index>, std::size_t>> at;
    for (std::size_t k = 0; k < edges.size(); ++k)
        at.push_back({{std::min(edges[k].u, edges[k].v), std::max(edges[k].u, edges[k].v)}, k});
    std::sort(at.begin(), at.end());
    for (std::size_t j = 0; j < at.size(); ++j) {
        const std::size_t k = at[j].second;
        if (k < train_edges) {
            style[j] = "solid";
            color[j] = "#99999988";
            pen[j] = fixed(0.3 + 3.0 * edges[k].weight / wmax, 2);
        } else {
            const auto i = static_cast<std::size_t>(order[k - train_edges]);
            style[j] = "dashed";
            color[j] = r.realised[i] ? "#2ca02c" : "#d62728";
            pen[j] = "2.5";
            label[j] = std::to_string(k - train_edges + 1);
        }
    }
    const auto pic = cograph::graph::from_edges(static_cast<index>(nodes.size()), edges, labels);
    const index pn = pic.num_nodes();
    const double smax = pn > 0 ? std::max(1.0, str.maxCoeff()) : 1.0;
    cograph::node_text width{"width", {}};
    for (const index v : nodes) width.values.push_back(fixed(0.3 + 0.9 * std::sqrt(str[v] / smax), 3));
    cograph::export_options eo;
    eo.dot.name = "forecast";
    eo.dot.statements = {"graph [overlap=prism, outputorder=edgesfirst, splines=false, bgcolor=white];",
                         "node [shape=circle, style=filled, fillcolor=\"#dbe9f6\", fontname=Helvetica, fontsize=9, fixedsize=true];",
                         "edge [fontname=Helvetica, fontsize=8];"};
    eo.dot.label_ids = true;
    eo.texts = {std::move(width)};
    eo.edge_texts = {{"style", std::move(style)}, {"color", std::move(color)}, {"penwidth", std::move(pen)}, {"label", std::move(label)}};
    eo.node_columns = {{"width", ""}};
    eo.edge_columns = {{"style", ""}, {"color", ""}, {"penwidth", ""}, {"label", ""}};
    cograph::write_dot(out, pic, eo);
    return static_cast<index>(order.size());
}

/// \brief report.md of a forecast: inputs, the split, the evaluation table, the best-ranked
/// candidates of the score with the highest AUC; `pictures` is the Markdown of the pictures
/// drawn (may be empty), `files` lists the output files.
inline void write_forecast_markdown(std::ostream& md, const analysis::forecast_result& r, const forecast_settings& s,
                                    const std::string& pictures, const std::string& files) {
    auto opt = [](const std::optional<double>& v) { return v ? fixed(*v) : std::string("n/a"); };
    md << "# Convergence forecast report\n\nGenerated by `techconv forecast`: link prediction on the "
       << s.codes << " co-classification network at " << s.level << " level (" << s.counting
       << " counting). Train graph: records up to " << s.train_until
       << "; candidates: every pair of its codes without an edge; realised: a candidate that appears together on a "
          "later record.\n\n## Inputs\n\n";
    for (const auto& n : s.notes) md << "- " << n << "\n";
    md << "- records read: " << s.read << "; after simple-family merging: " << s.records << "\n\n";
    md << "## Split\n\n| | value |\n|---|---|\n| train records (year <= " << s.train_until << ") | " << r.train_records
       << " |\n| later records | " << r.test_records << " |\n| records without a year (not used) | "
       << r.records_without_year << " |\n| train nodes | " << r.train.num_nodes() << " |\n| train edges | "
       << r.train.num_edges() << " |\n| candidates | " << r.candidate_count << " |\n| realised | " << r.realised_count
       << " |\n| later pairs with a code new after " << s.train_until << " (not candidates) | "
       << r.pairs_with_new_codes << " |\n| Katz beta (lambda_max " << fixed(r.scores.lambda_max) << ") | "
       << num(r.scores.katz_beta) << " (" << to_string(r.scores.katz_info) << ") |\n\n";
    if (!r.bounded) {
        md << "## Evaluation over all candidates\n\n";
    } else {
        md << "## Evaluation over the kept and sampled candidates (bounded)\n\nThe " << r.candidate_count
           << " candidates exceed the bound of " << s.max_candidates
           << " (--max-candidates), so the evaluation is bounded: the " << r.keep_top
           << " best-ranked candidates of each score (" << r.kept << " distinct pairs) plus a sample of " << r.sampled
           << " of the others (asked " << r.sample_size << ", seed " << r.sample_seed << ": " << forecast_sampling_rule
           << "), " << r.candidates.size() << " pairs of which " << r.evaluated_realised
           << " realised. The measures below are exact over these pairs; they are not estimates of the values over "
              "all candidates (the kept pairs favour high scores). Precision at L is that of all candidates (L <= "
           << r.keep_top << "). predictions.csv lists these pairs.\n\n";
    }
    md << "AUC: probability that a realised candidate scores above an "
          "unrealised one (ties count 1/2; 0.5 = chance). Precision at L = "
       << r.top << ": share of realised pairs among the L best-scored (ties by source, then target). Average "
                   "precision: area under the precision-recall steps (chance = "
       << (r.candidates.empty() ? std::string("n/a")
                                : fixed(static_cast<double>(r.evaluated_realised) / static_cast<double>(r.candidates.size())))
       << ").\n\n| score | AUC | precision at L | average precision | status |\n|---|---|---|---|---|\n";
    for (std::size_t k = 0; k < cograph::link_score_count; ++k) {
        const auto& e = r.evaluation[k];
        md << "| " << cograph::link_score_names[k] << " | " << opt(e.auc) << " | " << opt(e.precision_at_L) << " | "
           << opt(e.average_precision) << " | " << to_string(e.info) << " |\n";
    }
    const std::size_t best = forecast_best_score(r);
    if (best < cograph::link_score_count) {
        const auto& v = r.scores.values[best];
        const auto order = analysis::score_ranking(v);
        md << "\n## Best-ranked candidates by " << cograph::link_score_names[best]
           << " (highest AUC)\n\n| rank | source | target | score | realised | first year |\n|---|---|---|---|---|---|\n";
        // bounded: only the keep_top first are the best of all candidates
        const std::size_t rows = r.bounded ? std::min<std::size_t>(20, static_cast<std::size_t>(r.keep_top)) : 20;
        for (std::size_t k = 0; k < order.size() && k < rows; ++k) {
            const auto i = static_cast<std::size_t>(order[k]);
            const auto& p = r.candidates[i];
            md << "| " << k + 1 << " | " << r.train.label(p.source) << " | " << r.train.label(p.target) << " | "
               << num(v[order[k]]) << " | " << (r.realised[i] ? "yes" : "no") << " | "
               << (r.first_year[i] == no_year ? std::string() : std::to_string(r.first_year[i])) << " |\n";
        }
    }
    if (!pictures.empty()) md << "\n## Pictures\n\n" << pictures;
    md << "\n## Files\n\n```\n" << files << "\n```\n";
}

/// \brief The two pictures of a forecast report (over the evaluated candidates: all, or the
/// kept and sampled ones of a bounded evaluation): "roc" (true-positive rate against
/// false-positive rate, sampled at 101 rates 0, 0.01, ..., 1 with linear interpolation inside a
/// run of tied scores, the reading of ties that gives the AUC's ½) and "precision_at_L" (precision
/// at L for L = 1 ... min(candidates, 1000), at most 200 points), one series per score (named by its column name with spaces for
/// underscores). A score
/// without values (Katz not converged) is a series without points. The ROC chart has no x values
/// when no candidate, or every candidate, is realised (render_chart then draws nothing).
inline std::vector<line_chart> forecast_charts(const analysis::forecast_result& r) {
    line_chart roc{"roc", r.bounded ? "ROC of each score over the kept and sampled candidates" : "ROC of each score over all candidates",
                   "false-positive rate", "true-positive rate", {}, {}, {}};
    line_chart pal{"precision_at_L", "precision at L (L best-scored candidates)", "L", "precision", {}, {}, {}};
    const auto n = r.candidates.size();
    const double pos = static_cast<double>(r.evaluated_realised);
    const double neg = static_cast<double>(n) - pos;
    const bool have_roc = pos > 0 && neg > 0;
    if (have_roc)
        for (int k = 0; k <= 100; ++k) roc.x.push_back(k / 100.0);
    // bounded: only L <= keep_top is the precision of all candidates
    const std::size_t lmax = std::min<std::size_t>(r.bounded ? std::min<std::size_t>(n, static_cast<std::size_t>(r.keep_top)) : n, 1000);
    const std::size_t step = std::max<std::size_t>(1, lmax / 200);
    for (std::size_t l = step; l <= lmax; l += step) pal.x.push_back(static_cast<double>(l));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t k = 0; k < cograph::link_score_count; ++k) {
        std::string name(cograph::link_score_names[k]);  // "_" would be a subscript in gnuplot's text
        for (char& c : name)
            if (c == '_') c = ' ';
        roc.names.push_back(name);
        pal.names.push_back(name);
        const auto& v = r.scores.values[k];
        if (v.size() == 0) {
            roc.ys.emplace_back(roc.x.size(), nan);
            pal.ys.emplace_back(pal.x.size(), nan);
            continue;
        }
        const auto order = analysis::score_ranking(v);
        // precision at each sampled L (ties by the ranking's rule, as precision_at_L)
        std::vector<double> p;
        double tp = 0;
        std::size_t next = 0;
        for (std::size_t i = 0; i < order.size() && next < pal.x.size(); ++i) {
            tp += r.realised[static_cast<std::size_t>(order[i])] ? 1 : 0;
            if (static_cast<double>(i + 1) == pal.x[next]) {
                p.push_back(tp / static_cast<double>(i + 1));
                ++next;
            }
        }
        pal.ys.push_back(std::move(p));
        if (!have_roc) continue;
        // ROC vertices after each run of tied scores
        std::vector<double> fx{0.0}, fy{0.0};
        double t = 0, f = 0;
        for (std::size_t i = 0; i < order.size();) {
            std::size_t j = i;
            while (j < order.size() && v[order[j]] == v[order[i]]) {
                if (r.realised[static_cast<std::size_t>(order[j])]) t += 1;
                else f += 1;
                ++j;
            }
            fx.push_back(f / neg);
            fy.push_back(t / pos);
            i = j;
        }
        std::vector<double> y;
        std::size_t seg = 1;
        for (const double x : roc.x) {
            // the first vertex right of x (a vertical run at x ends below it: the highest rate at x)
            while (seg + 1 < fx.size() && fx[seg] <= x) ++seg;
            if (fx[seg] <= x) y.push_back(fy[seg]);  // the last vertex (x = 1)
            else y.push_back(fy[seg - 1] + (fy[seg] - fy[seg - 1]) * (x - fx[seg - 1]) / (fx[seg] - fx[seg - 1]));
        }
        roc.ys.push_back(std::move(y));
    }
    return {std::move(roc), std::move(pal)};
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_FORECAST_HPP_
