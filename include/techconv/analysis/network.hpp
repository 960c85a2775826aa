// SPDX-License-Identifier: BSL-1.0
//
// The [KCT] §2.2 co-classification network of a set of patent records, as one
// library call: nodes (classification codes at a level) with every measure,
// clusters with their leading codes and the links between clusters, the A-H
// section block matrix, the convergence index with its all-vs-main gap, the
// yearly series and per-group networks.
#ifndef TECHCONV_ANALYSIS_NETWORK_HPP_
#define TECHCONV_ANALYSIS_NETWORK_HPP_

#include <algorithm>    // std::stable_sort
#include <cstdint>      // std::uint64_t
#include <map>          // std::map (years, groups)
#include <optional>     // std::optional
#include <set>          // std::set (codes of a year)
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/analysis/patent_rules.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/analysis/relatedness.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/classification/titles.hpp"
#include "techconv/cograph/centrality.hpp"
#include "techconv/cograph/community.hpp"
#include "techconv/cograph/cooccurrence.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/cograph/incidence.hpp"
#include "techconv/cograph/structure.hpp"
#include "techconv/config.hpp"
#include "techconv/convergence/convergence_index.hpp"
#include "techconv/error.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief The community detection that finds the network's clusters.
enum class community_method {
    louvain,  ///< Louvain (Blondel et al. 2008), cograph::louvain
    leiden,   ///< Leiden (Traag et al. 2019), cograph::leiden
};

/// \brief Stable name of a community method ("louvain", "leiden").
constexpr std::string_view to_string(community_method m) noexcept {
    return m == community_method::leiden ? "leiden" : "louvain";
}

/// \brief The community method named `name` (the names of to_string).
/// \throws invalid_argument for any other name, listing the accepted ones.
inline community_method community_method_from_string(std::string_view name) {
    if (name == "louvain") return community_method::louvain;
    if (name == "leiden") return community_method::leiden;
    throw invalid_argument("unknown community method '" + std::string(name) + "' (louvain, leiden)");
}

/// \brief The clustering coefficient that goes with a weight meaning: unweighted (none)
/// when the path measures ignore the weights, else onnela (weights read as strengths).
constexpr cograph::clustering_weighting clustering_for(cograph::weight_meaning m) noexcept {
    return m == cograph::weight_meaning::ignore ? cograph::clustering_weighting::none
                                                : cograph::clustering_weighting::onnela;
}

/// \brief What network() builds and how.
struct network_options {
    /// Level of the nodes: section, class_, subclass ([KCT], default) or main_group.
    classification::ipc_level level = classification::ipc_level::subclass;
    /// The code list of a record the nodes come from: io::patent_field::ipc or io::patent_field::cpc.
    io::patent_field codes = io::patent_field::ipc;
    /// Only each record's main (first valid) code: a network without edges ([KCT]'s main-subclass counts).
    bool main_only = false;
    /// Weight of a pair on a record with k codes (records::pair_weight): full (1),
    /// link_fractional (1/(k-1)) or fractional (2/(k(k-1))).
    records::counting counting = records::counting::full;
    /// How betweenness and closeness read an edge weight (similarity: length 1/w).
    cograph::weight_meaning weights = cograph::weight_meaning::similarity;
    /// Weighting of the local clustering coefficient (onnela: NetworkX `clustering(G, weight=...)`).
    cograph::clustering_weighting clustering = cograph::clustering_weighting::onnela;
    community_method method = community_method::louvain;  ///< how clusters are found
    double resolution = 1.0;                              ///< community resolution gamma
    std::uint64_t seed = 42;                              ///< community seed
    index top_nodes = 5;  ///< leading codes kept per cluster, per network and per group (by strength)
    int threads = 1;      ///< worker threads (0 = hardware); results do not depend on it
    /// Per-group networks keyed by the patent's country (analysis::patent_country);
    /// none when empty. Records without a country form the group "(unknown)".
    std::optional<country_source> group_by_country;
    /// Titles of the codes (nodes and clusters); none when null. Not owned.
    const classification::title_table* titles = nullptr;
};

/// \brief Every node measure of a network, one value per node (node ids of network_result::graph).
struct network_nodes {
    vector degree;       ///< number of neighbours
    vector strength;     ///< weighted degree ([KCT] Table 5 "degree centrality")
    vector betweenness;  ///< shortest-path betweenness (lengths from network_options::weights)
    vector closeness;    ///< closeness (lengths from network_options::weights)
    vector eigenvector;  ///< weighted eigenvector centrality, largest 1
    vector pagerank;     ///< weighted PageRank, damping 0.85
    vector clustering;   ///< local clustering coefficient (network_options::clustering)
    std::vector<index> cluster;       ///< cluster of each node (0 = largest)
    std::vector<std::string> title;   ///< title of each code ("" when unknown or no title table)
};

/// \brief One cluster of the network ([KCT] Figure 8's technology clusters).
struct network_cluster {
    index size = 0;                       ///< nodes in the cluster
    double internal_weight = 0;           ///< weight of the edges inside it
    double external_weight = 0;           ///< weight of the edges leaving it
    std::vector<index> top_nodes;         ///< leading nodes by strength (ties: lower id)
    std::vector<std::string> top_titles;  ///< title of each leading node ("" when unknown)
};

/// \brief The weight of the edges between two clusters ([KCT] "cluster association").
struct cluster_link {
    index first = 0;    ///< the lower cluster id
    index second = 0;   ///< the higher cluster id
    index edges = 0;    ///< edges with one end in each
    double weight = 0;  ///< their total weight
};

/// \brief Records, distinct codes and the convergence index of one year.
struct network_year {
    year_type year = no_year;      ///< analysis::patent_year of the records
    index records = 0;             ///< records of that year
    index codes = 0;               ///< distinct codes on them (nodes of that year's network)
    double convergence_index = 0;  ///< (records - codes) / records; 0 when codes = 0
    status info = status::ok;      ///< empty_input when the year's records have no code (index 0, not 100 %)
};

/// \brief The summary figures of a network (the whole set or one group).
struct network_summary {
    index records = 0;             ///< records of the set (with or without codes)
    index records_with_codes = 0;  ///< records with at least one valid code at the level
    index nodes = 0;               ///< distinct codes
    index edges = 0;               ///< pairs of codes that share a record
    double density = 0;            ///< 2 edges / (nodes (nodes - 1))
    index components = 0;          ///< connected components
    index largest_component = 0;   ///< nodes of the largest one
    index clusters = 0;            ///< clusters found
    double modularity = 0;         ///< modularity of the clusters (0 without edges)
    /// Convergence index (records - nodes) / records ([KCT] §2.2.3), from convergence::convergence_index.
    double convergence_index = 0;
    /// All-codes vs main-code counts over the same records: distinct_all, distinct_main, gap() ([KCT] §2.2).
    convergence::convergence_result convergence;
    index sections = 0;              ///< IPC sections covered by the nodes
    index cross_section_links = 0;   ///< edges between two sections
    std::vector<std::string> top_nodes;  ///< leading codes by strength
};

/// \brief The network of one group (e.g. one country's records).
struct network_group {
    std::string name;                ///< group key (country code, or "(unknown)")
    network_summary summary;         ///< its summary figures
    cograph::graph graph;            ///< its network
    vector strength;                 ///< strength of each of its nodes
    std::vector<index> cluster;      ///< cluster of each of its nodes
};

/// \brief Everything network() computes.
struct network_result {
    cograph::graph graph;                    ///< nodes = codes (labels, occurrences), edges = co-occurrence
    network_nodes nodes;                     ///< the node measures
    std::vector<network_cluster> clusters;   ///< by cluster id (0 = largest)
    std::vector<cluster_link> cluster_links; ///< pairs of clusters with at least one edge, by (first, second)
    /// Section block matrix: sections covered (ascending), nodes per section, and the
    /// S x S edge counts (`links`) and weights (`weights`) between sections, diagonal within.
    cograph::section_view_result sections;
    network_summary summary;                 ///< summary figures
    std::vector<network_year> years;         ///< yearly series, ascending (records without a year left out)
    std::vector<network_group> groups;       ///< with group_by_country: by records descending, ties by name
    /// With group_by_country: RTA and relatedness density of every group (rows, in `groups`
    /// order) in every node's code (columns, in byte order of the codes). P_gc is the group's
    /// records with code c, each adding records::actor_weight(counting, k) for its k codes at
    /// the level: 1 under full and link_fractional counting, 1/k under fractional.
    relatedness_result relatedness;
    index rejected_codes = 0;                ///< codes that are not valid symbols or lie above the level
};

/// \brief The node key of a parsed code at `level`: the code truncated with
/// classification::ipc_code::truncate, in compact form ("G06T", "G06T7/00").
///
/// \returns std::nullopt when `code` is not an IPC/CPC symbol or is coarser
/// than `level` (a class code has no subclass).
inline std::optional<std::string> network_code(classification::ipc_code code, classification::ipc_level level) {
    if (!code.has(level)) return std::nullopt;  // also the empty code (text that is not a symbol)
    return code.truncate_unchecked(level).to_string(classification::ipc_format::compact);
}

/// \brief network_code() of a code's text (parsed with classification::try_parse_ipc).
inline std::optional<std::string> network_code(std::string_view code, classification::ipc_level level) {
    const auto c = classification::try_parse_ipc(code);
    if (!c) return std::nullopt;
    return network_code(*c, level);
}

/// \brief The title_options a title list is loaded with for a network at `level`
/// (titles down to main groups for a main-group network, else down to subclasses;
/// CPC braces removed).
inline classification::title_options network_title_options(classification::ipc_level level) noexcept {
    classification::title_options o;
    o.max_level = level == classification::ipc_level::main_group ? classification::ipc_level::main_group
                                                                 : classification::ipc_level::subclass;
    o.strip_cpc_braces = true;
    return o;
}

namespace detail {

/// The records' codes at the level (valid codes only, source order, main first).
struct projected_codes {
    std::vector<std::vector<std::string>> lists;  ///< per record
    index rejected = 0;                           ///< codes dropped
};

template <class Source>
projected_codes project_records(Source& src, const std::vector<std::size_t>& rows, const network_options& o) {
    projected_codes p;
    p.lists.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (const auto c : src.codes(rows[i], o.codes)) {
            auto k = network_code(c, o.level);
            if (k) p.lists[i].push_back(std::move(*k));
            else ++p.rejected;
        }
    }
    return p;
}

/// The network of a set of projected records: incidence, graph and summary without clusters.
struct built_network {
    cograph::incidence<std::string> incidence;
    cograph::graph graph;
    network_summary summary;
    vector strength;
};

inline built_network build_network(const std::vector<std::vector<std::string>>& lists,
                                   const std::vector<std::size_t>& rows, const network_options& o) {
    cograph::incidence_options io;
    if (o.main_only) io.selection = cograph::code_selection::first_only;
    cograph::incidence_builder<std::string> b(io);
    for (const auto r : rows) b.add_record(lists[r]);
    built_network out;
    out.incidence = b.finish();
    cograph::cooccurrence_options co;
    co.method = o.counting;
    co.threads = o.threads;
    out.graph = cograph::make_graph(out.incidence, cograph::cooccurrence(out.incidence, co));
    const auto& g = out.graph;
    auto& s = out.summary;
    s.records = static_cast<index>(rows.size());
    s.records_with_codes = s.records - out.incidence.empty_records;
    s.nodes = g.num_nodes();
    s.edges = g.num_edges();
    s.density = cograph::density(g);
    const auto comp = cograph::connected_components(g);
    s.components = comp.count;
    s.largest_component = comp.largest == no_index ? 0 : comp.sizes[static_cast<std::size_t>(comp.largest)];
    // no node: no index (CI = (n - 0) / n would read 100 %); s.convergence.info says empty_input
    s.convergence_index = s.nodes == 0 ? 0.0 : convergence::convergence_index(s.records, s.nodes);
    std::vector<std::vector<std::string>> subset;
    subset.reserve(rows.size());
    for (const auto r : rows) subset.push_back(lists[r]);
    s.convergence = convergence::convergence(subset);
    const auto sv = cograph::section_view(g);
    s.sections = sv.covered();
    s.cross_section_links = sv.cross_links;
    out.strength = cograph::strength(g);
    for (const auto v : cograph::ranking(out.strength)) {
        if (static_cast<index>(s.top_nodes.size()) >= o.top_nodes) break;
        s.top_nodes.push_back(g.label(v));
    }
    return out;
}

inline cograph::community_result find_clusters(const cograph::graph& g, const network_options& o) {
    cograph::community_options copt;
    copt.resolution = o.resolution;
    copt.seed = o.seed;
    return o.method == community_method::leiden ? cograph::leiden(g, copt) : cograph::louvain(g, copt);
}

inline double partition_modularity(const cograph::graph& g, const cograph::community_result& c, double resolution) {
    return g.num_nodes() > 0 && g.num_edges() > 0 ? cograph::modularity(g, c.membership, resolution) : 0.0;
}

inline std::string title_of(const network_options& o, const std::string& code) {
    if (o.titles == nullptr) return {};
    const auto c = classification::try_parse_ipc(code);
    return c ? std::string(o.titles->title(*c)) : std::string();
}

inline void check_network_options(const network_options& o) {
    techconv::detail::require(o.level <= classification::ipc_level::main_group,
                              "analysis::network: level must be section, class, subclass or main group");
    techconv::detail::require(o.codes == io::patent_field::ipc || o.codes == io::patent_field::cpc,
                              "analysis::network: codes must be patent_field::ipc or patent_field::cpc");
    techconv::detail::require(o.top_nodes >= 0, "analysis::network: top_nodes must be >= 0");
}

}  // namespace detail

namespace detail {

template <class Source>
network_result network_of(Source& src, const std::vector<std::size_t>& records, const network_options& opts) {
    check_network_options(opts);
    network_result res;
    const auto proj = project_records(src, records, opts);
    res.rejected_codes = proj.rejected;
    std::vector<std::size_t> all(records.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    auto built = build_network(proj.lists, all, opts);
    if (built.summary.nodes == 0) {
        const char* list = opts.codes == io::patent_field::cpc ? "CPC" : "IPC";
        ::techconv::detail::throw_error<invalid_argument>(
            "analysis::network: none of the " + std::to_string(records.size()) + " records has an " + list +
            " code at level " + std::string(classification::to_string(opts.level)) + " (" +
            std::to_string(res.rejected_codes) + " codes rejected): no " + list +
            " column in the input? A convergence index over no code is not computed");
    }
    res.graph = std::move(built.graph);
    res.summary = std::move(built.summary);
    const auto& g = res.graph;
    const index n = g.num_nodes();

    auto& m = res.nodes;
    m.degree = cograph::degree(g);
    m.strength = std::move(built.strength);
    cograph::betweenness_options bo;
    bo.weights = opts.weights;
    bo.threads = opts.threads;
    m.betweenness = cograph::betweenness(g, bo).values;
    cograph::closeness_options clo;
    clo.weights = opts.weights;
    clo.threads = opts.threads;
    m.closeness = cograph::closeness(g, clo).values;
    cograph::spectral_options so;
    so.threads = opts.threads;
    m.eigenvector = cograph::eigenvector_centrality(g, so).values;
    m.pagerank = cograph::pagerank(g, so).values;
    cograph::clustering_options cco;
    cco.weighting = opts.clustering;
    cco.threads = opts.threads;
    m.clustering = cograph::clustering(g, cco).local;
    auto comm = find_clusters(g, opts);
    res.summary.modularity = partition_modularity(g, comm, opts.resolution);
    res.summary.clusters = comm.count;
    m.cluster = std::move(comm.membership);
    m.title.resize(static_cast<std::size_t>(n));
    for (index v = 0; v < n; ++v) m.title[static_cast<std::size_t>(v)] = title_of(opts, g.label(v));

    const auto cs = cograph::cluster_summary(g, m.cluster, opts.top_nodes);
    for (const auto& c : cs.clusters) {
        network_cluster nc{c.size, c.internal_weight, c.external_weight, c.top_nodes, {}};
        for (const auto v : c.top_nodes) nc.top_titles.push_back(m.title[static_cast<std::size_t>(v)]);
        res.clusters.push_back(std::move(nc));
    }
    std::map<std::pair<index, index>, cluster_link> links;
    for (const auto& e : g.edges()) {
        index a = m.cluster[static_cast<std::size_t>(e.u)], b = m.cluster[static_cast<std::size_t>(e.v)];
        if (a == b) continue;
        if (b < a) std::swap(a, b);
        auto& l = links[{a, b}];
        l.first = a;
        l.second = b;
        ++l.edges;
        l.weight += e.weight;
    }
    for (const auto& kv : links) res.cluster_links.push_back(kv.second);
    res.sections = cograph::section_view(g);

    // yearly series over the rows of the incidence (the codes each record adds to the network)
    std::map<year_type, std::pair<index, std::set<std::int32_t>>> years;
    const auto& inc = built.incidence;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto y = row_year(src.row(records[i]));
        if (y == no_year) continue;
        auto& slot = years[y];
        ++slot.first;
        const auto r = static_cast<index>(i);
        slot.second.insert(inc.codes_of(r), inc.codes_of(r) + inc.codes_of_size(r));
    }
    for (const auto& [y, v] : years) {
        const auto codes = static_cast<index>(v.second.size());
        if (codes == 0) res.years.push_back({y, v.first, 0, 0.0, status::empty_input});
        else res.years.push_back({y, v.first, codes, convergence::convergence_index(v.first, codes)});
    }

    if (opts.group_by_country) {
        std::map<std::string, std::vector<std::size_t>> by;
        for (std::size_t i = 0; i < records.size(); ++i) {
            by[row_country_group(src.row(records[i]), *opts.group_by_country)].push_back(i);
        }
        for (const auto& [name, rows] : by) {
            auto b = build_network(proj.lists, rows, opts);
            auto c = find_clusters(b.graph, opts);
            b.summary.modularity = partition_modularity(b.graph, c, opts.resolution);
            b.summary.clusters = c.count;
            res.groups.push_back({name, std::move(b.summary), std::move(b.graph), std::move(b.strength),
                                  std::move(c.membership)});
        }
        std::stable_sort(res.groups.begin(), res.groups.end(), [](const network_group& x, const network_group& y) {
            return x.summary.records > y.summary.records;
        });
        // P_gc over the codes each record adds to the whole network (its incidence row)
        std::vector<index> column(static_cast<std::size_t>(n));
        std::vector<index> by_label(static_cast<std::size_t>(n));
        for (index v = 0; v < n; ++v) by_label[static_cast<std::size_t>(v)] = v;
        std::sort(by_label.begin(), by_label.end(), [&g](index x, index y) { return g.label(x) < g.label(y); });
        std::vector<std::string> classes;
        for (const auto v : by_label) {
            column[static_cast<std::size_t>(v)] = static_cast<index>(classes.size());
            classes.push_back(g.label(v));
        }
        std::vector<std::string> names;
        matrix p = matrix::Zero(static_cast<index>(res.groups.size()), n);
        for (std::size_t k = 0; k < res.groups.size(); ++k) {
            names.push_back(res.groups[k].name);
            for (const auto i : by[res.groups[k].name]) {
                const auto r = static_cast<index>(i);
                const index codes = inc.codes_of_size(r);
                const double w = records::actor_weight(opts.counting, codes);
                for (index c = 0; c < codes; ++c)
                    p(static_cast<index>(k), column[static_cast<std::size_t>(inc.codes_of(r)[c])]) += w;
            }
        }
        res.relatedness = relatedness(std::move(names), std::move(classes), std::move(p));
    }
    return res;
}

}  // namespace detail

/// \brief The co-classification network of patent records ([KCT] §2.2) with every measure.
///
/// Nodes are the records' codes (network_options::codes) truncated to
/// network_options::level by network_code(); codes that are not symbols or lie
/// above the level are dropped and counted in rejected_codes. An edge joins two
/// codes on the same record; its weight is the number of such records (full
/// counting) or the sum of records::pair_weight over them (1/(k-1) with
/// link_fractional, 2/(k(k-1)) with fractional). Node measures: degree,
/// strength, betweenness and closeness (lengths from network_options::weights),
/// eigenvector and PageRank (weighted), the local clustering coefficient, the
/// cluster (Louvain or Leiden) and the title. Clusters carry their leading
/// codes; cluster_links the weight between every two linked clusters; sections
/// the A-H block matrix. The convergence index is
/// convergence::convergence_index(records, nodes) over every record of the set
/// ([KCT] §2.2.3: records without a code count as inventions); the summary's
/// `convergence` adds the distinct main codes and the all-vs-main gap. The
/// yearly series counts, per analysis::patent_year, the records and the
/// distinct codes of that year's network. With group_by_country every country
/// (analysis::patent_country) gets its own network, summary and clusters.
///
/// \param records the records (pointers into the caller's storage, e.g. the key core).
/// \param opts    see network_options.
/// \returns the network, its measures and tables.
/// \throws invalid_argument for a level below main group or codes other than IPC/CPC, and
///         when no record has a code that makes a node (an input without the code column,
///         or none at the level): an index of 100 % over no code must not be reported.
/// Degenerate input: a year or country group without codes has convergence index 0 and
/// status::empty_input (network_year::info, network_summary::convergence.info).
/// Deterministic for any thread count. Complexity: O(n m log n) for the
/// path measures of a network with n nodes and m edges, O(total codes) for the rest.
inline network_result network(const std::vector<const io::patent_record*>& records,
                              const network_options& opts = {}) {
    pointer_source src(records);
    std::vector<std::size_t> rows(records.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    return detail::network_of(src, rows, opts);
}

/// \brief network() of the records `rows` of a columnar table (e.g. its key core),
/// from the codes the table parsed once.
/// \returns see network(const std::vector<const io::patent_record*>&, const network_options&).
inline network_result network(const records::patent_table& table, const std::vector<std::size_t>& rows,
                              const network_options& opts = {}) {
    table_source src(table);
    return detail::network_of(src, rows, opts);
}

/// \brief network() of every record of a columnar table.
template <class Table, if_patent_table<Table> = 0>
network_result network(const Table& table, const network_options& opts = {}) {
    std::vector<std::size_t> rows(table.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    return network(table, rows, opts);
}

/// \brief network() over all of `records`.
/// \param records the records.
/// \param opts    see network_options.
/// \returns see network(const std::vector<const io::patent_record*>&, const network_options&).
inline network_result network(const std::vector<io::patent_record>& records, const network_options& opts = {}) {
    const auto p = record_pointers(records);
    return network(p, opts);
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_NETWORK_HPP_
