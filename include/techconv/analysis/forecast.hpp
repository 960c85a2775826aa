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

#include <algorithm>      // std::sort, std::push_heap, std::pop_heap, std::min
#include <array>          // std::array
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint64_t
#include <optional>       // std::optional
#include <string>         // std::string, std::to_string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <unordered_set>  // std::unordered_set
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
    /// Largest number of candidates evaluated exactly (all of them). Above it the evaluation is
    /// bounded: the keep_top best-ranked candidates of each score plus sample_size of the
    /// others (candidate_sample_key()), scored by streaming over the source nodes without
    /// holding every candidate (forecast()).
    index max_candidates = 20000000;
    /// Bounded evaluation: the best-ranked candidates kept per score (ranking of score_ranking:
    /// score descending, then source, then target node id). Must be >= top when bounded, so that
    /// precision at L is that of all candidates.
    index keep_top = 10000;
    /// Bounded evaluation: the candidates outside the kept set added as a sample: those with the
    /// smallest candidate_sample_key(sample_seed, ...) (all of them when fewer remain).
    index sample_size = 1000000;
    /// Seed of the bounded evaluation's sample.
    std::uint64_t sample_seed = 1;
    /// Katz β, weight exponent α; its `threads` is replaced by `threads` below.
    cograph::link_prediction_options scores;
    int threads = 1;  ///< worker threads (0 = hardware); results do not depend on it
};

/// \brief How one score ranks the realised candidates among all candidates.
///
/// A value is empty when it is undefined: auc without a realised or without an unrealised
/// candidate, average_precision without a realised candidate, every value of a score that
/// was not computed (Katz with status not_converged or not_computed); `info` then says why.
struct score_evaluation {
    std::optional<double> auc;                ///< Mann-Whitney AUC, ties ½
    std::optional<double> precision_at_L;     ///< realised among the L best / L
    std::optional<double> average_precision;  ///< as scikit-learn's average_precision_score
    status info = status::ok;                 ///< ok, empty_input, not_converged or not_computed
};

/// \brief Everything forecast() computes.
struct forecast_result {
    cograph::graph train;                      ///< the train graph (nodes = codes, weights = co-occurrence)
    /// The evaluated candidates, by (source, target): every unlinked pair of train nodes, or when
    /// `bounded` the kept pairs and the sample.
    std::vector<cograph::node_pair> candidates;
    cograph::link_scores scores;               ///< the scores of each evaluated candidate
    std::vector<char> realised;                ///< 1 when the candidate co-occurs after train_until
    std::vector<year_type> first_year;         ///< first year it co-occurs (no_year when not realised)
    /// One evaluation per score, in cograph::link_score_names order, over `candidates`.
    std::vector<score_evaluation> evaluation;
    index top = 0;                        ///< L used for precision at L
    index realised_count = 0;             ///< candidates realised (all candidates, also when bounded)
    index candidate_count = 0;            ///< all candidates (unlinked pairs of train nodes)
    index evaluated_realised = 0;         ///< realised among `candidates` (= realised_count unless bounded)
    /// Whether the evaluation is bounded (candidate_count > max_candidates): `candidates` are then
    /// the union of each score's keep_top best-ranked candidates (`kept` pairs, in_top 1) and a
    /// sample of the others (`sampled` pairs, in_top 0).
    bool bounded = false;
    std::vector<char> in_top;             ///< bounded: 1 when the pair is among a score's keep_top best
    index kept = 0;                       ///< bounded: pairs among some score's keep_top best
    index sampled = 0;                    ///< bounded: pairs of the sample
    index keep_top = 0;                   ///< bounded: the keep_top used
    index sample_size = 0;                ///< bounded: the sample_size asked
    std::uint64_t sample_seed = 0;        ///< bounded: the seed used
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

/// \brief FNV-1a (64-bit) of a code's bytes: the label part of candidate_sample_key().
constexpr std::uint64_t label_hash(std::string_view label) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : label) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

/// \brief The splitmix64 finaliser (Steele, Lea & Flood 2014): z += 0x9e3779b97f4a7c15, then two
/// xor-shift-multiply rounds and a final xor-shift.
constexpr std::uint64_t splitmix64(std::uint64_t z) noexcept {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// \brief The sampling key of a candidate from the label hashes of its two codes:
/// splitmix64(splitmix64(seed xor lo) xor hi), lo ≤ hi the two label_hash() values.
///
/// The bounded evaluation samples the candidates with the smallest keys (ties by source, then
/// target node id): a uniform sample without replacement that depends on the seed and the two
/// codes only, not on the thread count, the order of the records or the node ids.
constexpr std::uint64_t candidate_sample_key(std::uint64_t seed, std::uint64_t label_hash_a,
                                             std::uint64_t label_hash_b) noexcept {
    const std::uint64_t lo = label_hash_a < label_hash_b ? label_hash_a : label_hash_b;
    const std::uint64_t hi = label_hash_a < label_hash_b ? label_hash_b : label_hash_a;
    return splitmix64(splitmix64(seed ^ lo) ^ hi);
}

namespace detail {

inline std::uint64_t pair_key(const cograph::node_pair& p, index n) noexcept {
    return static_cast<std::uint64_t>(p.source) * static_cast<std::uint64_t>(n) + static_cast<std::uint64_t>(p.target);
}

/// One candidate in a bounded-evaluation heap: its score (or sampling key) and pair.
struct ranked_pair {
    double score = 0;
    std::uint64_t key = 0;
    cograph::node_pair pair;
};

/// score_ranking's order: a before b when it scores higher, ties by (source, target).
inline bool ranks_before(const ranked_pair& a, const ranked_pair& b) noexcept {
    if (a.score != b.score) return a.score > b.score;
    if (a.pair.source != b.pair.source) return a.pair.source < b.pair.source;
    return a.pair.target < b.pair.target;
}

/// Sampling order: smaller key first, ties by (source, target).
inline bool samples_before(const ranked_pair& a, const ranked_pair& b) noexcept {
    if (a.key != b.key) return a.key < b.key;
    if (a.pair.source != b.pair.source) return a.pair.source < b.pair.source;
    return a.pair.target < b.pair.target;
}

/// Keeps the `cap` first entries by `before` in a heap whose front is the last of them.
template <class Before>
void keep_first(std::vector<ranked_pair>& heap, std::size_t cap, const ranked_pair& x, Before before) {
    if (cap == 0) return;
    if (heap.size() < cap) {
        heap.push_back(x);
        std::push_heap(heap.begin(), heap.end(), before);
    } else if (before(x, heap.front())) {
        std::pop_heap(heap.begin(), heap.end(), before);
        heap.back() = x;
        std::push_heap(heap.begin(), heap.end(), before);
    }
}

/// The bounded evaluation's pairs: each score's keep_top best-ranked candidates and the
/// sample_size others with the smallest sampling keys, by (source, target); in_top marks the
/// kept ones. Streams over the source nodes in blocks of about 2^18 candidates (scored by
/// cograph::link_prediction with the Katz resolvent solved once): memory O(keep_top · scores +
/// sample_size + block), never the whole candidate list.
inline std::vector<cograph::node_pair> bounded_pairs(const cograph::graph& g, const cograph::link_prediction_options& so,
                                                     const cograph::katz_solution& katz, index keep_top,
                                                     index sample_size, std::uint64_t seed, std::vector<char>& in_top) {
    const index n = g.num_nodes();
    std::vector<std::uint64_t> lh(static_cast<std::size_t>(n));
    for (index v = 0; v < n; ++v) lh[static_cast<std::size_t>(v)] = label_hash(g.label(v));
    const auto kcap = static_cast<std::size_t>(keep_top);
    const std::size_t scap = static_cast<std::size_t>(sample_size) + kcap * cograph::link_score_count;
    std::array<std::vector<ranked_pair>, cograph::link_score_count> best;
    std::vector<ranked_pair> sample;
    std::vector<cograph::node_pair> block;
    constexpr std::size_t block_pairs = std::size_t{1} << 18;
    auto flush = [&] {
        if (block.empty()) return;
        const auto sc = cograph::link_prediction(g, block, so, katz);
        for (std::size_t i = 0; i < block.size(); ++i) {
            ranked_pair rp;
            rp.pair = block[i];
            for (std::size_t k = 0; k < cograph::link_score_count; ++k) {
                if (sc.values[k].size() == 0) continue;  // Katz not computed / not converged
                rp.score = sc.values[k][static_cast<index>(i)];
                keep_first(best[k], kcap, rp, ranks_before);
            }
            rp.score = 0;
            rp.key = candidate_sample_key(seed, lh[static_cast<std::size_t>(rp.pair.source)],
                                          lh[static_cast<std::size_t>(rp.pair.target)]);
            keep_first(sample, scap, rp, samples_before);
        }
        block.clear();
    };
    for (index u = 0; u < n; ++u) {
        cograph::non_edges_of(g, u, block);
        if (block.size() >= block_pairs) flush();
    }
    flush();
    std::unordered_set<std::uint64_t> top_keys;
    std::vector<cograph::node_pair> out;
    for (const auto& h : best)
        for (const auto& e : h)
            if (top_keys.insert(pair_key(e.pair, n)).second) out.push_back(e.pair);
    const std::size_t kept = out.size();
    std::sort(sample.begin(), sample.end(), samples_before);
    std::size_t taken = 0;
    for (const auto& e : sample) {
        if (taken == static_cast<std::size_t>(sample_size)) break;
        if (top_keys.count(pair_key(e.pair, n))) continue;
        out.push_back(e.pair);
        ++taken;
    }
    std::vector<std::size_t> ord(out.size());
    for (std::size_t i = 0; i < ord.size(); ++i) ord[i] = i;
    std::sort(ord.begin(), ord.end(), [&](std::size_t a, std::size_t b) { return pair_key(out[a], n) < pair_key(out[b], n); });
    std::vector<cograph::node_pair> sorted;
    sorted.reserve(out.size());
    in_top.assign(out.size(), 0);
    for (std::size_t i = 0; i < ord.size(); ++i) {
        sorted.push_back(out[ord[i]]);
        in_top[i] = ord[i] < kept ? 1 : 0;
    }
    return sorted;
}

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
    const index n = g.num_nodes();
    res.candidate_count = cograph::non_edge_count(g);
    res.bounded = res.candidate_count > opts.max_candidates;
    auto so = opts.scores;
    so.threads = opts.threads;
    const auto katz = cograph::katz_solve(g, so);
    if (res.bounded) {
        if (opts.keep_top < opts.top || opts.sample_size < 0)
            ::techconv::detail::throw_error<invalid_argument>(
                "analysis::forecast: " + std::to_string(res.candidate_count) + " candidates exceed max_candidates (" +
                std::to_string(opts.max_candidates) + "), so the evaluation is bounded; it needs keep_top (" +
                std::to_string(opts.keep_top) + ") >= top (" + std::to_string(opts.top) + ") and sample_size >= 0");
        res.keep_top = opts.keep_top;
        res.sample_size = opts.sample_size;
        res.sample_seed = opts.sample_seed;
        res.candidates = bounded_pairs(g, so, katz, opts.keep_top, opts.sample_size, opts.sample_seed, res.in_top);
        for (const char c : res.in_top) res.kept += c ? 1 : 0;
        res.sampled = static_cast<index>(res.candidates.size()) - res.kept;
    } else {
        res.candidates = cograph::non_edges(g);
    }

    // realised candidates: pairs of train nodes, not train edges, on a later record
    std::unordered_map<std::string, index> id;
    for (index v = 0; v < n; ++v) id.emplace(g.label(v), v);
    std::unordered_map<std::uint64_t, year_type> realised_first;  // pair_key -> first year
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
                const cograph::node_pair p{std::min(ia->second, ib->second), std::max(ia->second, ib->second)};
                const cograph::adjacency adj = g.neighbors(p.source);
                bool edge = false;
                for (index k = 0; k < adj.size() && !edge; ++k) edge = adj.node(k) == p.target;
                if (edge) continue;  // a train edge
                const auto ins = realised_first.emplace(pair_key(p, n), year[r]);
                if (!ins.second && year[r] < ins.first->second) ins.first->second = year[r];
            }
    }
    std::sort(new_pairs.begin(), new_pairs.end());
    res.pairs_with_new_codes = static_cast<index>(std::unique(new_pairs.begin(), new_pairs.end()) - new_pairs.begin());
    res.realised_count = static_cast<index>(realised_first.size());
    res.realised.assign(res.candidates.size(), 0);
    res.first_year.assign(res.candidates.size(), no_year);
    for (std::size_t k = 0; k < res.candidates.size(); ++k) {
        const auto it = realised_first.find(pair_key(res.candidates[k], n));
        if (it == realised_first.end()) continue;
        res.realised[k] = 1;
        res.first_year[k] = it->second;
        ++res.evaluated_realised;
    }

    res.scores = cograph::link_prediction(g, res.candidates, so, katz);
    res.top = std::min<index>(opts.top, static_cast<index>(res.candidates.size()));
    for (std::size_t k = 0; k < cograph::link_score_count; ++k) {
        if (k == 6 && (res.scores.katz_info == status::not_converged || res.scores.katz_info == status::not_computed)) {
            score_evaluation e;
            e.info = res.scores.katz_info;
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
/// Bounded evaluation: when the candidates exceed max_candidates, the evaluated set is the
/// union of each score's keep_top best-ranked candidates (the kept set) and the sample_size
/// other candidates with the smallest candidate_sample_key(sample_seed, ...) (the sample); the
/// three measures are computed exactly over that set (not estimates of the values over all
/// candidates, which the kept set tilts towards high scores), and precision at L, with
/// L ≤ keep_top, is that of all candidates. The candidates are generated and scored source
/// node by source node, so memory stays O(keep_top · 10 + sample_size) beyond the graph;
/// realised_count still counts every realised candidate, evaluated_realised those evaluated.
///
/// \throws invalid_argument without train_until, with top < 1, a level below main group, codes
///         other than IPC/CPC, when no record up to train_until has a code at the level, and
///         for a bounded evaluation with keep_top < top or sample_size < 0.
/// Degenerate input: no realised (or no unrealised) candidate leaves auc / average_precision
/// empty with status empty_input; Katz with β ≥ 1/λmax is not_converged, and above
/// scores.katz_max_nodes train nodes not_computed (no Katz values either way).
/// Deterministic for any thread count. Complexity: O(n²) candidates for n train nodes,
/// O(n³) for Katz, as cograph::link_prediction for the rest.
inline forecast_result forecast(const records::patent_table& table, const forecast_options& opts) {
    table_source src(table);
    return detail::forecast_of(src, opts);
}

/// \brief forecast() of records given as a vector.
inline forecast_result forecast(const std::vector<io::patent_record>& records, const forecast_options& opts) {
    const auto p = record_pointers(records);
    pointer_source src(p);
    return detail::forecast_of(src, opts);
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_FORECAST_HPP_
