// SPDX-License-Identifier: BSL-1.0
//
// The evolution of convergence over time (issue 19 §3): the co-classification
// network of each period (explicit year ranges or sliding windows) with its
// summary figures, the first year each pair of classes co-occurs on a record
// ("fusion", Caviggioli 2016) and, per year, the share of the year's pairs
// that are new (Curran & Leker 2011).
#ifndef TECHCONV_ANALYSIS_EVOLUTION_HPP_
#define TECHCONV_ANALYSIS_EVOLUTION_HPP_

#include <algorithm>      // std::sort, std::unique, std::min, std::max
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint64_t
#include <map>            // std::map
#include <optional>       // std::optional
#include <string>         // std::string, std::to_string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::pair, std::move
#include <vector>         // std::vector

#include "techconv/analysis/lifecycle.hpp"
#include "techconv/analysis/network.hpp"
#include "techconv/analysis/patent_rules.hpp"
#include "techconv/analysis/periods.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/closeness/series.hpp"
#include "techconv/cograph/community.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief What evolution() computes and how.
struct evolution_options {
    /// The periods (parse_periods); when empty, sliding_periods(first record year,
    /// last record year, window, step).
    std::vector<year_period> periods;
    int window = 0;  ///< window length in years (used when `periods` is empty)
    int step = 0;    ///< years between window starts (0: equal to window)
    /// Nodes, codes, counting and clusters of each period's network: level, codes, counting,
    /// method, resolution, seed, top_nodes (leading codes per cluster) and threads are read;
    /// main_only, group_by_country and titles are not.
    network_options network;
    /// Life cycle per group (`evolution --group-by country`): when set, the records' countries
    /// (analysis::row_country from this source; "(unknown)" without one) group the records and
    /// each group gets its own lifecycle fit (evolution_result::group_lifecycles).
    std::optional<country_source> group_by_country;
    /// Fewest years from a group's first to its last year with a record (gaps included) for its
    /// S-curves to be fitted; a group with fewer has status empty_input and no fit. At least 3
    /// (the parameters of a curve: 3 points are always fitted exactly); default 5.
    index min_group_years = 5;
};

/// \brief The life cycle of one group of records (evolution_options::group_by_country).
struct group_lifecycle {
    std::string group;           ///< country code, or "(unknown)"
    index records = 0;           ///< records of the group (with or without a year)
    index records_with_year = 0; ///< of these, records with a year (the ones counted)
    /// ok (fitted: each fit has its own status); empty_input when the group's years span fewer
    /// than evolution_options::min_group_years (counts given, fits left unfitted with status
    /// empty_input).
    status info = status::ok;
    lifecycle_result lifecycle;  ///< yearly and cumulative counts, logistic and Gompertz fits
};

/// \brief The quadrant of a cluster in Callon's strategic diagram (Callon, Courtial &
/// Laville 1991; Cobo et al. 2011), relative to the medians of its period's clusters of two
/// or more codes (high: strictly above the median).
enum class strategic_quadrant {
    motor,     ///< centrality and density above the medians: well developed and central
    basic,     ///< central, density not above the median: basic and transversal
    niche,     ///< dense, centrality not above the median: highly developed and isolated
    emerging,  ///< neither above its median: emerging or declining
};

/// \brief Stable name of a quadrant ("motor", "basic", "niche", "emerging").
constexpr std::string_view to_string(strategic_quadrant q) noexcept {
    switch (q) {
        case strategic_quadrant::motor: return "motor";
        case strategic_quadrant::basic: return "basic";
        case strategic_quadrant::niche: return "niche";
        case strategic_quadrant::emerging: return "emerging";
    }
    return "motor";
}

/// \brief One cluster of a period's network, placed in the strategic diagram.
struct period_cluster {
    index size = 0;           ///< codes in the cluster
    double centrality = 0;    ///< weight of the edges leaving the cluster (Callon's external cohesion)
    double density = 0;       ///< weight of the edges inside it / its size (internal cohesion)
    strategic_quadrant quadrant = strategic_quadrant::emerging;  ///< against the period's medians
    std::vector<std::string> codes;      ///< its codes, byte order
    /// occurrences of each code in the period (parallel to `codes`): the node weight of the
    /// period's network, the records of the period carrying the code under every counting mode
    /// (the counting weighs the edges only)
    std::vector<double> occurrences;
    std::vector<std::string> top_nodes;  ///< leading codes by strength (network_options::top_nodes)
};

/// \brief The network of one period (network_summary's figures of the records of the period).
struct period_summary {
    year_period span;              ///< the years
    index records = 0;             ///< records whose analysis::patent_year lies in the period
    index records_with_codes = 0;  ///< of these, records with a code at the level
    index nodes = 0;               ///< distinct codes
    index edges = 0;               ///< pairs of codes sharing a record
    double density = 0;            ///< 2 edges / (nodes (nodes - 1)); 0 below 2 nodes
    double convergence_index = 0;  ///< (records - nodes) / records; 0 without nodes
    double modularity = 0;         ///< modularity of the period's clusters; 0 without edges
    index clusters = 0;            ///< clusters found (network_options::method)
    /// ok; empty_input when no record of the period has a code (every figure 0).
    status info = status::ok;
    std::vector<period_cluster> cluster_list;  ///< by cluster id (0 = largest)
    /// The medians the quadrants are placed against (the strategic diagram's axes): over the
    /// clusters of two or more codes, all clusters when none has two; 0 without clusters.
    double median_centrality = 0;
    double median_density = 0;  ///< see median_centrality
};

/// \brief The codes two clusters of consecutive periods share (Cobo et al. 2011's thematic
/// evolution): one entry per pair of clusters with at least one code in common.
struct cluster_flow {
    std::size_t period_a = 0;  ///< index of the earlier period in evolution_result::periods
    index cluster_a = 0;       ///< its cluster
    std::size_t period_b = 0;  ///< the next period (period_a + 1)
    index cluster_b = 0;       ///< its cluster
    index shared = 0;          ///< codes in both clusters
    double inclusion = 0;      ///< shared / min(size_a, size_b)
    /// Σ over shared codes k of min(occ_a(k), occ_b(k)) / min(Σ occ_a, Σ occ_b): the inclusion
    /// index with each code weighted by its occurrences in each period (period_cluster::occurrences)
    double weighted_inclusion = 0;
    /// Stability of the two periods (the same on every flow between them): codes of both
    /// periods' networks / codes of either (Jaccard of the node sets).
    double stability = 0;
};

/// \brief A pair of classes and the first year it co-occurs on a record ("fusion").
struct new_pair {
    std::string source;           ///< the lower code (byte order)
    std::string target;           ///< the higher code
    year_type first_year = no_year;   ///< first year a record has both codes
    index records_in_first_year = 0;  ///< records of that year with both codes
};

/// \brief The pairs of classes of one year and how many of them are new.
struct pair_year {
    year_type year = no_year;  ///< the year
    index records = 0;         ///< records of the year
    index pairs = 0;           ///< distinct pairs of codes co-occurring on a record of the year
    index new_pairs = 0;       ///< of these, pairs never seen in an earlier year
    double share_new = 0;      ///< new_pairs / pairs; 0 with status empty_input when pairs = 0
    status info = status::ok;  ///< ok or empty_input (no pair in the year)
};

/// \brief Everything evolution() computes.
struct evolution_result {
    std::vector<period_summary> periods;  ///< one per period, in the order given
    std::vector<cluster_flow> flows;      ///< between consecutive periods, by (period_a, cluster_a, cluster_b)
    std::vector<new_pair> new_pairs;      ///< every pair, by first_year, then source, then target
    std::vector<pair_year> years;         ///< every year with a record, ascending
    index records = 0;                    ///< records given
    index records_without_year = 0;       ///< records without a year: in no period and no pair (counted, not used)
    index rejected_codes = 0;             ///< codes that are not symbols or lie above the level
    /// logistic and Gompertz fits of the cumulative yearly record counts (records with a year,
    /// with or without codes; analysis::lifecycle)
    lifecycle_result lifecycle;
    /// With evolution_options::group_by_country: one per group, by records descending, then name.
    std::vector<group_lifecycle> group_lifecycles;
};

namespace detail {

/// The median of `v` (the mean of the middle two for an even count); 0 when empty.
inline double median_of(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const auto h = v.size() / 2;
    return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2.0;
}

/// The flows between the clusters of periods k and k + 1.
inline void add_flows(evolution_result& res, std::size_t k) {
    const auto& a = res.periods[k];
    const auto& b = res.periods[k + 1];
    std::map<std::string, std::pair<index, double>> in_b;  // code -> its cluster in period b, its occurrences
    std::vector<double> total_b(b.cluster_list.size(), 0.0);
    for (std::size_t j = 0; j < b.cluster_list.size(); ++j)
        for (std::size_t q = 0; q < b.cluster_list[j].codes.size(); ++q) {
            in_b.emplace(b.cluster_list[j].codes[q], std::make_pair(static_cast<index>(j), b.cluster_list[j].occurrences[q]));
            total_b[j] += b.cluster_list[j].occurrences[q];
        }
    index common = 0;
    for (const auto& ca : a.cluster_list)
        for (const auto& c : ca.codes) common += in_b.count(c) ? 1 : 0;
    const index either = a.nodes + b.nodes - common;
    const double stability = either > 0 ? static_cast<double>(common) / static_cast<double>(either) : 0.0;
    for (std::size_t i = 0; i < a.cluster_list.size(); ++i) {
        const auto& ca = a.cluster_list[i];
        double total_a = 0;
        for (const auto o : ca.occurrences) total_a += o;
        std::map<index, std::pair<index, double>> shared;  // cluster of b -> codes shared, Σ min occurrences
        for (std::size_t c = 0; c < ca.codes.size(); ++c) {
            const auto it = in_b.find(ca.codes[c]);
            if (it == in_b.end()) continue;
            auto& s = shared[it->second.first];
            ++s.first;
            s.second += std::min(ca.occurrences[c], it->second.second);
        }
        for (const auto& [j, n] : shared) {
            const auto jj = static_cast<std::size_t>(j);
            const auto m = std::min(ca.size, b.cluster_list[jj].size);
            const double mw = std::min(total_a, total_b[jj]);  // > 0: both hold a shared code
            res.flows.push_back({k, static_cast<index>(i), k + 1, j, n.first,
                                 static_cast<double>(n.first) / static_cast<double>(m), n.second / mw, stability});
        }
    }
}

template <class Source>
evolution_result evolution_of(Source& src, const evolution_options& opts) {
    techconv::detail::require(opts.min_group_years >= 3, "analysis::evolution: min_group_years must be >= 3");
    auto no = opts.network;
    no.main_only = false;
    no.group_by_country.reset();
    no.titles = nullptr;
    check_network_options(no);

    evolution_result res;
    res.records = static_cast<index>(src.size());
    std::vector<std::size_t> all(src.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    const auto proj = project_records(src, all, no);
    res.rejected_codes = proj.rejected;
    const auto split = split_periods_of(src, all, period_spec{opts.periods, opts.window, opts.step});
    const auto& year = split.years;
    res.records_without_year = split.records_without_year;

    // the network of each period: analysis::network's build, then its clusters
    for (std::size_t k = 0; k < split.periods.size(); ++k) {
        const auto& p = split.periods[k];
        const auto& rows = split.rows[k];
        period_summary ps;
        ps.span = p;
        ps.records = static_cast<index>(rows.size());
        auto b = build_network(proj.lists, rows, no);
        if (b.summary.nodes == 0) {
            ps.info = status::empty_input;
            res.periods.push_back(ps);
            continue;
        }
        const auto c = find_clusters(b.graph, no);
        ps.records_with_codes = b.summary.records_with_codes;
        ps.nodes = b.summary.nodes;
        ps.edges = b.summary.edges;
        ps.density = b.summary.density;
        ps.convergence_index = b.summary.convergence_index;
        ps.modularity = partition_modularity(b.graph, c, no.resolution);
        ps.clusters = c.count;
        const auto cs = cograph::cluster_summary(b.graph, c.membership, no.top_nodes);
        for (const auto& ci : cs.clusters) {
            period_cluster pc;
            pc.size = ci.size;
            pc.centrality = ci.external_weight;
            pc.density = ci.size > 0 ? ci.internal_weight / static_cast<double>(ci.size) : 0.0;
            for (const auto v : ci.top_nodes) pc.top_nodes.push_back(b.graph.label(v));
            ps.cluster_list.push_back(std::move(pc));
        }
        {
            std::vector<std::vector<std::pair<std::string, double>>> members(ps.cluster_list.size());
            for (index v = 0; v < b.graph.num_nodes(); ++v)
                members[static_cast<std::size_t>(c.membership[static_cast<std::size_t>(v)])].emplace_back(
                    b.graph.label(v), b.graph.node_weight(v));
            for (std::size_t j = 0; j < members.size(); ++j) {
                std::sort(members[j].begin(), members[j].end());
                for (auto& [code, occ] : members[j]) {
                    ps.cluster_list[j].codes.push_back(std::move(code));
                    ps.cluster_list[j].occurrences.push_back(occ);
                }
            }
        }
        // medians over the clusters of two or more codes (a lone code is no theme: counted, it
        // drags both medians to 0); over all clusters when there is none
        std::vector<double> cen, den;
        for (int pass = 0; pass < 2 && cen.empty(); ++pass)
            for (const auto& pc : ps.cluster_list)
                if (pass == 1 || pc.size >= 2) {
                    cen.push_back(pc.centrality);
                    den.push_back(pc.density);
                }
        const double mc = median_of(cen), md = median_of(den);
        ps.median_centrality = mc;
        ps.median_density = md;
        for (auto& pc : ps.cluster_list) {
            const bool hc = pc.centrality > mc, hd = pc.density > md;
            pc.quadrant = hc ? (hd ? strategic_quadrant::motor : strategic_quadrant::basic)
                             : (hd ? strategic_quadrant::niche : strategic_quadrant::emerging);
        }
        res.periods.push_back(std::move(ps));
    }
    for (std::size_t k = 0; k + 1 < res.periods.size(); ++k) add_flows(res, k);

    // pairs: codes interned by label, a pair keyed by its two ids
    std::map<std::string, std::uint32_t> code_id;
    for (const auto& l : proj.lists)
        for (const auto& c : l) code_id.emplace(c, 0);
    std::vector<const std::string*> label;
    for (auto& kv : code_id) {  // ids in byte order of the labels
        kv.second = static_cast<std::uint32_t>(label.size());
        label.push_back(&kv.first);
    }
    struct first_seen {
        year_type year;
        index records;
    };
    std::unordered_map<std::uint64_t, first_seen> first;
    std::vector<std::pair<year_type, std::uint64_t>> seen;  // (year, pair) per record, made distinct below
    std::map<year_type, index> records_of_year;
    std::vector<std::uint32_t> ids;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto y = year[i];
        if (y == no_year) continue;
        ++records_of_year[y];
        ids.clear();
        for (const auto& c : proj.lists[i]) ids.push_back(code_id.find(c)->second);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        for (std::size_t a = 0; a < ids.size(); ++a)
            for (std::size_t b = a + 1; b < ids.size(); ++b) {
                const auto key = (static_cast<std::uint64_t>(ids[a]) << 32) | ids[b];
                seen.emplace_back(y, key);
                const auto it = first.find(key);
                if (it == first.end()) first.emplace(key, first_seen{y, 1});
                else if (y < it->second.year) it->second = {y, 1};
                else if (y == it->second.year) ++it->second.records;
            }
    }
    res.new_pairs.reserve(first.size());
    for (const auto& kv : first)
        res.new_pairs.push_back({*label[kv.first >> 32], *label[kv.first & 0xffffffffu], kv.second.year,
                                 kv.second.records});
    std::sort(res.new_pairs.begin(), res.new_pairs.end(), [](const new_pair& x, const new_pair& y) {
        if (x.first_year != y.first_year) return x.first_year < y.first_year;
        if (x.source != y.source) return x.source < y.source;
        return x.target < y.target;
    });
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    std::map<year_type, std::pair<index, index>> per_year;  // year -> (pairs, new pairs)
    for (const auto& [y, key] : seen) {
        auto& slot = per_year[y];
        ++slot.first;
        if (first.find(key)->second.year == y) ++slot.second;
    }
    for (const auto& [y, n] : records_of_year) {
        pair_year py;
        py.year = y;
        py.records = n;
        const auto it = per_year.find(y);
        if (it != per_year.end()) {
            py.pairs = it->second.first;
            py.new_pairs = it->second.second;
            py.share_new = static_cast<double>(py.new_pairs) / static_cast<double>(py.pairs);
        } else {
            py.info = status::empty_input;
        }
        res.years.push_back(py);
    }
    std::vector<std::pair<year_type, index>> counts;
    for (const auto& py : res.years) counts.emplace_back(py.year, py.records);
    res.lifecycle = analysis::lifecycle(counts);
    if (opts.group_by_country) {
        std::map<std::string, std::pair<index, std::map<year_type, index>>> by;  // group -> records, year counts
        for (std::size_t i = 0; i < all.size(); ++i) {
            auto& slot = by[row_country_group(src.row(i), *opts.group_by_country)];
            ++slot.first;
            if (year[i] != no_year) ++slot.second[year[i]];
        }
        for (auto& [name, g] : by) {
            group_lifecycle gl;
            gl.group = name;
            gl.records = g.first;
            std::vector<std::pair<year_type, index>> yc(g.second.begin(), g.second.end());
            for (const auto& [y, n] : yc) gl.records_with_year += n;
            const index span = yc.empty() ? 0 : static_cast<index>(yc.back().first - yc.front().first + 1);
            if (span >= opts.min_group_years) {
                gl.lifecycle = analysis::lifecycle(yc);
            } else {  // the counts, no fit: too few years for an S-curve
                gl.info = status::empty_input;
                gl.lifecycle = analysis::lifecycle(yc, growth_fit_options{}, false);
            }
            res.group_lifecycles.push_back(std::move(gl));
        }
        std::stable_sort(res.group_lifecycles.begin(), res.group_lifecycles.end(),
                         [](const group_lifecycle& x, const group_lifecycle& y) { return x.records > y.records; });
    }
    return res;
}

}  // namespace detail

/// \brief The evolution of the co-classification network over periods, and the first
/// co-occurrence of every pair of classes.
///
/// Each record counts in the year analysis::patent_year gives it; records without a year
/// are counted in records_without_year and used nowhere else. Nodes are network_code() at
/// network_options::level of the code list network_options::codes.
///
/// - Periods: evolution_options::periods, or sliding_periods(first year, last year, window,
///   step) over the records' years. For each, the network of the records of the period is
///   built as analysis::network builds it (edge weights records::pair_weight under
///   `counting`), and its records, nodes, edges, density, convergence index
///   ((records − nodes)/records, [KCT] §2.2.3, over every record of the period) and the
///   modularity of its clusters (Louvain or Leiden with the network's resolution and seed)
///   are reported. A period whose records have no code has every figure 0 and status
///   empty_input.
/// - Clusters of each period (period_summary::cluster_list) in Callon's strategic diagram
///   (Callon, Courtial & Laville 1991, Scientometrics 22(1):155–205; Cobo et al. 2011):
///   centrality = weight of the edges leaving the cluster, density = weight of the edges inside
///   it / its size (the network's co-occurrence weights, not the equivalence index; Cobo's
///   factors 10 and 100 left out, they change no quadrant), quadrant against the medians over
///   the period's clusters of two or more codes (all clusters when none has two); high means
///   strictly above the median.
/// - Flows between the clusters of consecutive periods (in the order given; Cobo, López-Herrera,
///   Herrera-Viedma & Herrera 2011, J. Informetr. 5(1):146–166, doi:10.1016/j.joi.2010.10.002):
///   for every pair of clusters sharing a code, shared codes and the inclusion index
///   shared / min(sizes), the weighted inclusion index Σ_{k∈U∩V} min(occ_U(k), occ_V(k)) /
///   min(Σ_U occ, Σ_V occ) with occ a code's occurrences in its period; the periods' stability |N_a ∩ N_b| / |N_a ∪ N_b| over their codes.
/// - New pairs ("fusion", Caviggioli 2016, Technovation 55–56:22–32): for every unordered
///   pair of distinct codes found together on a record, the first year it occurs and the
///   number of records of that year carrying both codes.
/// - Per year (Curran & Leker 2011, Technol. Forecast. Soc. Change 78(2):256–273): the
///   distinct pairs co-occurring on the year's records, how many of them occur for the
///   first time, and their share. Every pair of the first year of the data is new by
///   construction (the data start there), so that year's share is 1.
/// - Life cycle: analysis::lifecycle of the yearly record counts (every record with a year):
///   logistic and Gompertz fits of the cumulative counts; with group_by_country the same per
///   country group (row_country), fitted only when the group's years span at least
///   min_group_years (else status empty_input, counts only).
///
/// \throws invalid_argument for a level below main group, codes other than IPC/CPC, a
///         period with first > last, without periods when window < 1 or step < 0, and for
///         min_group_years < 3.
/// Deterministic for any thread count. Complexity: O(P·total codes) for P periods plus
/// the network clustering of each, O(Σ k²) for the pairs of records with k codes.
inline evolution_result evolution(const records::patent_table& table, const evolution_options& opts) {
    table_source src(table);
    return detail::evolution_of(src, opts);
}

/// \brief evolution() of records given as a vector.
inline evolution_result evolution(const std::vector<io::patent_record>& records, const evolution_options& opts) {
    const auto p = record_pointers(records);
    pointer_source src(p);
    return detail::evolution_of(src, opts);
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_EVOLUTION_HPP_
