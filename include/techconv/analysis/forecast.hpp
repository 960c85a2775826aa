// SPDX-License-Identifier: BSL-1.0
//
// Forecasting convergence by link prediction: the co-classification network
// of the records up to a year (the train graph), every unlinked pair of its
// codes as a candidate, the link-prediction scores of each candidate
// (cograph/link_prediction.hpp), which candidates the later records realise,
// and how well each score ranks the realised pairs (AUC, precision at L,
// average precision).
#ifndef TECHCONV_ANALYSIS_FORECAST_HPP_
#define TECHCONV_ANALYSIS_FORECAST_HPP_

#include <algorithm>      // std::sort, std::lower_bound, std::min
#include <cstddef>        // std::size_t
#include <optional>       // std::optional
#include <string>         // std::string, std::to_string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/analysis/network.hpp"
#include "techconv/analysis/patent_rules.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/cograph/link_prediction.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief What forecast() does.
struct forecast_options {
    /// Last year of the train graph (required): records with analysis::patent_year ≤ it build
    /// the train graph, records after it decide which candidates are realised.
    year_type train_until = no_year;
    /// Level of the nodes (network_code(): the one truncation rule of analysis::network).
    classification::ipc_level level = classification::ipc_level::subclass;
    /// The code list the nodes come from: io::patent_field::ipc or io::patent_field::cpc.
    io::patent_field codes = io::patent_field::ipc;
    /// Edge weights of the train graph (the weighted scores read them): records::pair_weight.
    records::counting counting = records::counting::full;
    /// L of precision at L: the L best-scored candidates (fewer when there are fewer candidates).
    index top = 100;
    /// Largest number of candidates evaluated. Above it forecast() throws invalid_argument:
    /// the bounded evaluation (top pairs per score plus a deterministic sample) is not implemented.
    index max_candidates = 20000000;
    /// Katz β, weight exponent α; its `threads` is replaced by `threads` below.
    cograph::link_prediction_options scores;
    int threads = 1;  ///< worker threads (0 = hardware); results do not depend on it
};

/// \brief How one score ranks the realised candidates among all candidates.
///
/// A value is empty when it is undefined: auc without a realised or without an unrealised
/// candidate, average_precision without a realised candidate, every value of a score that
/// was not computed (Katz with status not_converged); `info` then says why.
struct score_evaluation {
    std::optional<double> auc;                ///< Mann-Whitney AUC, ties ½
    std::optional<double> precision_at_L;     ///< realised among the L best / L
    std::optional<double> average_precision;  ///< as scikit-learn's average_precision_score
    status info = status::ok;                 ///< ok, empty_input or not_converged
};

/// \brief Everything forecast() computes.
struct forecast_result {
    cograph::graph train;                      ///< the train graph (nodes = codes, weights = co-occurrence)
    std::vector<cograph::node_pair> candidates;  ///< unlinked pairs of train nodes, by (source, target)
    cograph::link_scores scores;               ///< the scores of each candidate
    std::vector<char> realised;                ///< 1 when the candidate co-occurs after train_until
    std::vector<year_type> first_year;         ///< first year it co-occurs (no_year when not realised)
    /// One evaluation per score, in cograph::link_score_names order.
    std::vector<score_evaluation> evaluation;
    index top = 0;                        ///< L used for precision at L
    index realised_count = 0;             ///< candidates realised
    index records = 0;                    ///< records given
    index train_records = 0;              ///< records with year ≤ train_until
    index test_records = 0;               ///< records with year > train_until
    index records_without_year = 0;       ///< records without a year: in neither set (counted, not used)
    /// Pairs of codes on test records that are not candidates because a code is not a train
    /// node (a new code), counted once per distinct pair.
    index pairs_with_new_codes = 0;
    index rejected_codes = 0;             ///< codes that are not symbols or lie above the level
};

/// \brief The Mann-Whitney AUC of `scores` for the positives `labels` (non-zero = positive):
/// the probability that a random positive scores above a random negative, ties counting ½.
///
/// Exact over all pairs: AUC = (R₊ − P(P+1)/2) / (P N), R₊ the sum of the positives' ranks
/// (average ranks for ties) among all n = P + N scores.
/// \returns empty when P = 0 or N = 0.
/// Complexity: O(n log n).
inline std::optional<double> auc_mann_whitney(const vector& scores, const std::vector<char>& labels) {
    const auto n = static_cast<std::size_t>(scores.size());
    techconv::detail::require(labels.size() == n, "analysis::auc_mann_whitney: one label per score");
    std::vector<index> ord(n);
    for (std::size_t i = 0; i < n; ++i) ord[i] = static_cast<index>(i);
    std::sort(ord.begin(), ord.end(), [&](index a, index b) { return scores[a] < scores[b] || (scores[a] == scores[b] && a < b); });
    double pos = 0, rank_sum = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && scores[ord[j]] == scores[ord[i]]) ++j;
        const double avg = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;  // ranks i+1..j
        for (std::size_t k = i; k < j; ++k)
            if (labels[static_cast<std::size_t>(ord[k])]) {
                rank_sum += avg;
                pos += 1;
            }
        i = j;
    }
    const double neg = static_cast<double>(n) - pos;
    if (pos == 0 || neg == 0) return std::nullopt;
    return (rank_sum - pos * (pos + 1) / 2.0) / (pos * neg);
}

/// \brief The order in which candidates are ranked: score descending, ties by position
/// ascending (for forecast(): by source node id, then target node id).
inline std::vector<index> score_ranking(const vector& scores) {
    std::vector<index> ord(static_cast<std::size_t>(scores.size()));
    for (std::size_t i = 0; i < ord.size(); ++i) ord[i] = static_cast<index>(i);
    std::sort(ord.begin(), ord.end(), [&](index a, index b) { return scores[a] > scores[b] || (scores[a] == scores[b] && a < b); });
    return ord;
}

/// \brief The share of positives among the `top` best-ranked entries (score_ranking order).
/// \returns empty when there is no entry; L = min(top, n).
inline std::optional<double> precision_at(const vector& scores, const std::vector<char>& labels, index top) {
    techconv::detail::require(labels.size() == static_cast<std::size_t>(scores.size()),
                              "analysis::precision_at: one label per score");
    const index l = std::min<index>(top, scores.size());
    if (l <= 0) return std::nullopt;
    const auto ord = score_ranking(scores);
    index hits = 0;
    for (index k = 0; k < l; ++k) hits += labels[static_cast<std::size_t>(ord[static_cast<std::size_t>(k)])] ? 1 : 0;
    return static_cast<double>(hits) / static_cast<double>(l);
}

/// \brief Average precision: Σ over the distinct scores t, from the highest, of
/// (R_t − R_{t'}) · P_t, with R_t the recall and P_t the precision of "score ≥ t" and t' the
/// previous threshold (scikit-learn's average_precision_score; tied entries enter together,
/// so the value does not depend on a tie order).
/// \returns empty when there is no positive.
inline std::optional<double> average_precision(const vector& scores, const std::vector<char>& labels) {
    const auto n = static_cast<std::size_t>(scores.size());
    techconv::detail::require(labels.size() == n, "analysis::average_precision: one label per score");
    double pos = 0;
    for (const char c : labels) pos += c ? 1 : 0;
    if (pos == 0) return std::nullopt;
    const auto ord = score_ranking(scores);
    double ap = 0, tp = 0, prev_recall = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && scores[ord[j]] == scores[ord[i]]) {
            if (labels[static_cast<std::size_t>(ord[j])]) tp += 1;
            ++j;
        }
        const double recall = tp / pos;
        ap += (recall - prev_recall) * (tp / static_cast<double>(j));
        prev_recall = recall;
        i = j;
    }
    return ap;
}

/// \brief auc_mann_whitney, precision_at (L = top) and average_precision of one score.
inline score_evaluation evaluate_score(const vector& scores, const std::vector<char>& labels, index top) {
    score_evaluation e;
    e.auc = auc_mann_whitney(scores, labels);
    e.precision_at_L = precision_at(scores, labels, top);
    e.average_precision = average_precision(scores, labels);
    if (!e.auc || !e.average_precision) e.info = status::empty_input;
    return e;
}

namespace detail {

template <class Source>
forecast_result forecast_of(Source& src, const forecast_options& opts) {
    techconv::detail::require(opts.train_until != no_year, "analysis::forecast: train_until (a year) is required");
    techconv::detail::require(opts.top >= 1, "analysis::forecast: top (L) must be >= 1");
    network_options no;
    no.level = opts.level;
    no.codes = opts.codes;
    no.counting = opts.counting;
    no.threads = opts.threads;
    no.top_nodes = 0;
    check_network_options(no);

    forecast_result res;
    res.records = static_cast<index>(src.size());
    std::vector<std::size_t> all(src.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    const auto proj = project_records(src, all, no);
    res.rejected_codes = proj.rejected;
    std::vector<std::size_t> train_rows, test_rows;
    std::vector<year_type> year(src.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        year[i] = row_year(src.row(i));
        if (year[i] == no_year) ++res.records_without_year;
        else if (year[i] <= opts.train_until) train_rows.push_back(i);
        else test_rows.push_back(i);
    }
    res.train_records = static_cast<index>(train_rows.size());
    res.test_records = static_cast<index>(test_rows.size());
    auto built = build_network(proj.lists, train_rows, no);
    if (built.graph.num_nodes() == 0)
        ::techconv::detail::throw_error<invalid_argument>(
            "analysis::forecast: none of the " + std::to_string(train_rows.size()) + " records up to " +
            std::to_string(opts.train_until) + " has a code at level " +
            std::string(classification::to_string(opts.level)) + " (" + std::to_string(res.records_without_year) +
            " records without a year): no train graph");
    res.train = std::move(built.graph);
    const auto& g = res.train;
    res.candidates = cograph::non_edges(g);
    const auto nc = static_cast<index>(res.candidates.size());
    if (nc > opts.max_candidates)
        ::techconv::detail::throw_error<invalid_argument>(
            "analysis::forecast: " + std::to_string(nc) + " candidate pairs exceed the bound of " +
            std::to_string(opts.max_candidates) +
            " (max_candidates; a coarser level or a later train year gives fewer; the bounded evaluation is not implemented)");

    // realised candidates: pairs of train nodes on a later record
    std::unordered_map<std::string, index> id;
    for (index v = 0; v < g.num_nodes(); ++v) id.emplace(g.label(v), v);
    res.realised.assign(res.candidates.size(), 0);
    res.first_year.assign(res.candidates.size(), no_year);
    std::vector<std::pair<std::string, std::string>> new_pairs;
    for (const auto r : test_rows) {
        auto codes = proj.lists[r];
        std::sort(codes.begin(), codes.end());
        codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
        for (std::size_t a = 0; a < codes.size(); ++a)
            for (std::size_t b = a + 1; b < codes.size(); ++b) {
                const auto ia = id.find(codes[a]), ib = id.find(codes[b]);
                if (ia == id.end() || ib == id.end()) {
                    new_pairs.emplace_back(codes[a], codes[b]);
                    continue;
                }
                cograph::node_pair p{std::min(ia->second, ib->second), std::max(ia->second, ib->second)};
                const auto it = std::lower_bound(res.candidates.begin(), res.candidates.end(), p,
                                                 [](const cograph::node_pair& x, const cograph::node_pair& y) {
                                                     return x.source != y.source ? x.source < y.source : x.target < y.target;
                                                 });
                if (it == res.candidates.end() || it->source != p.source || it->target != p.target) continue;  // a train edge
                const auto k = static_cast<std::size_t>(it - res.candidates.begin());
                res.realised[k] = 1;
                if (res.first_year[k] == no_year || year[r] < res.first_year[k]) res.first_year[k] = year[r];
            }
    }
    std::sort(new_pairs.begin(), new_pairs.end());
    res.pairs_with_new_codes = static_cast<index>(std::unique(new_pairs.begin(), new_pairs.end()) - new_pairs.begin());
    for (const char c : res.realised) res.realised_count += c ? 1 : 0;

    auto so = opts.scores;
    so.threads = opts.threads;
    res.scores = cograph::link_prediction(g, res.candidates, so);
    res.top = std::min<index>(opts.top, nc);
    for (std::size_t k = 0; k < cograph::link_score_count; ++k) {
        if (k == 6 && res.scores.katz_info == status::not_converged) {
            score_evaluation e;
            e.info = status::not_converged;
            res.evaluation.push_back(e);
            continue;
        }
        res.evaluation.push_back(evaluate_score(res.scores.values[k], res.realised, opts.top));
    }
    return res;
}

}  // namespace detail

/// \brief Forecasts convergence by link prediction on the co-classification network.
///
/// Train graph: the co-classification network (analysis::network's nodes, edges and weights:
/// network_code() at forecast_options::level, records::pair_weight under `counting`) of the
/// records whose analysis::patent_year is ≤ train_until. Candidates: every pair of train nodes
/// without an edge (cograph::non_edges). Realised: a candidate whose two codes appear together
/// on a record with a year > train_until; first_year is the first such year. Records without
/// a year are in neither set and are counted in records_without_year. Each candidate gets the
/// scores of cograph::link_prediction; each score is evaluated by auc_mann_whitney,
/// precision_at (L = top, ranking by score descending, ties by source then target node id) and
/// average_precision over all candidates.
///
/// \throws invalid_argument without train_until, with top < 1, a level below main group, codes
///         other than IPC/CPC, when no record up to train_until has a code at the level, and
///         when the candidates exceed max_candidates.
/// Degenerate input: no realised (or no unrealised) candidate leaves auc / average_precision
/// empty with status empty_input; Katz with β ≥ 1/λmax is not_converged (no Katz values).
/// Deterministic for any thread count. Complexity: O(n²) candidates for n train nodes,
/// O(n³) for Katz, as cograph::link_prediction for the rest.
inline forecast_result forecast(const records::patent_table& table, const forecast_options& opts) {
    table_source src(table);
    return detail::forecast_of(src, opts);
}

/// \brief forecast() of records given as a vector.
inline forecast_result forecast(const std::vector<io::patent_record>& records, const forecast_options& opts) {
    std::vector<const io::patent_record*> p;
    p.reserve(records.size());
    for (const auto& r : records) p.push_back(&r);
    pointer_source src(p);
    return detail::forecast_of(src, opts);
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_FORECAST_HPP_
