// SPDX-License-Identifier: BSL-1.0
//
// The files of `techconv forecast` (analysis::forecast): predictions.csv,
// evaluation.json and report.md, each one whole file to a std::ostream
// (column and key names are stable; docs/cli.md lists them).
#ifndef TECHCONV_REPORT_FORECAST_HPP_
#define TECHCONV_REPORT_FORECAST_HPP_

#include <cstddef>  // std::size_t
#include <algorithm>  // std::min, std::max
#include <cstdint>  // std::int64_t
#include <limits>   // std::numeric_limits
#include <optional> // std::optional
#include <ostream>  // std::ostream
#include <string>   // std::string
#include <vector>   // std::vector

#include "techconv/analysis/forecast.hpp"
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
};

/// \brief predictions.csv: source, target, one column per score (cograph::link_score_names;
/// katz empty when the Katz series did not converge), realised (1/0),
/// first_year (empty when not realised). One row per candidate, by (source, target) node id.
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
    j.key("candidates").value(r.candidates.size());
    j.key("realised").value(static_cast<std::int64_t>(r.realised_count));
    j.key("train_nodes").value(static_cast<std::int64_t>(r.train.num_nodes()));
    j.key("train_until").value(static_cast<std::int64_t>(s.train_until));
    j.key("L").value(static_cast<std::int64_t>(r.top));
    j.key("evaluated").value("all candidates (exact)");
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
    j.key("katz_beta").value(r.scores.katz_beta);
    j.key("lambda_max").value(r.scores.lambda_max);
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
       << r.train.num_edges() << " |\n| candidates | " << r.candidates.size() << " |\n| realised | " << r.realised_count
       << " |\n| later pairs with a code new after " << s.train_until << " (not candidates) | "
       << r.pairs_with_new_codes << " |\n| Katz beta (lambda_max " << fixed(r.scores.lambda_max) << ") | "
       << num(r.scores.katz_beta) << " (" << to_string(r.scores.katz_info) << ") |\n\n";
    md << "## Evaluation over all candidates\n\nAUC: probability that a realised candidate scores above an "
          "unrealised one (ties count 1/2; 0.5 = chance). Precision at L = "
       << r.top << ": share of realised pairs among the L best-scored (ties by source, then target). Average "
                   "precision: area under the precision-recall steps (chance = "
       << (r.candidates.empty() ? std::string("n/a")
                                : fixed(static_cast<double>(r.realised_count) / static_cast<double>(r.candidates.size())))
       << ").\n\n| score | AUC | precision at L | average precision | status |\n|---|---|---|---|---|\n";
    std::size_t best = cograph::link_score_count;
    for (std::size_t k = 0; k < cograph::link_score_count; ++k) {
        const auto& e = r.evaluation[k];
        md << "| " << cograph::link_score_names[k] << " | " << opt(e.auc) << " | " << opt(e.precision_at_L) << " | "
           << opt(e.average_precision) << " | " << to_string(e.info) << " |\n";
        if (e.auc && (best == cograph::link_score_count || *e.auc > *r.evaluation[best].auc)) best = k;
    }
    if (best < cograph::link_score_count) {
        const auto& v = r.scores.values[best];
        const auto order = analysis::score_ranking(v);
        md << "\n## Best-ranked candidates by " << cograph::link_score_names[best]
           << " (highest AUC)\n\n| rank | source | target | score | realised | first year |\n|---|---|---|---|---|---|\n";
        for (std::size_t k = 0; k < order.size() && k < 20; ++k) {
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

/// \brief The two pictures of a forecast report: "roc" (true-positive rate against
/// false-positive rate, sampled at 101 rates 0, 0.01, ..., 1 with linear interpolation inside a
/// run of tied scores, the reading of ties that gives the AUC's ½) and "precision_at_L" (precision
/// at L for L = 1 ... min(candidates, 1000), at most 200 points), one series per score (named by its column name with spaces for
/// underscores). A score
/// without values (Katz not converged) is a series without points. The ROC chart has no x values
/// when no candidate, or every candidate, is realised (render_chart then draws nothing).
inline std::vector<line_chart> forecast_charts(const analysis::forecast_result& r) {
    line_chart roc{"roc", "ROC of each score over all candidates", "false-positive rate", "true-positive rate",
                   {}, {}, {}};
    line_chart pal{"precision_at_L", "precision at L (L best-scored candidates)", "L", "precision", {}, {}, {}};
    const auto n = r.candidates.size();
    const double pos = static_cast<double>(r.realised_count);
    const double neg = static_cast<double>(n) - pos;
    const bool have_roc = pos > 0 && neg > 0;
    if (have_roc)
        for (int k = 0; k <= 100; ++k) roc.x.push_back(k / 100.0);
    const std::size_t lmax = std::min<std::size_t>(n, 1000);
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
