// SPDX-License-Identifier: BSL-1.0
//
// The CSV tables of each analysis result, as the `techconv` command writes
// them (column names and bytes are stable; docs/cli.md lists them): one
// function per table, each writing one whole file to a std::ostream through
// format/csv.hpp (RFC 4180, shortest round-trip numbers). Opening files is
// the caller's business (report/output_folder.hpp for the all-or-nothing
// folder of the command).
#ifndef TECHCONV_REPORT_TABLES_HPP_
#define TECHCONV_REPORT_TABLES_HPP_

#include <algorithm>  // std::fill
#include <charconv>   // std::to_chars
#include <cstddef>    // std::size_t
#include <cstdint>    // std::int64_t
#include <cstring>    // std::memcpy
#include <ostream>    // std::ostream
#include <string>     // std::string, std::to_string
#include <string_view>  // std::string_view
#include <vector>     // std::vector

#include "techconv/analysis/branches.hpp"
#include "techconv/analysis/collaboration.hpp"
#include "techconv/analysis/keycore.hpp"
#include "techconv/analysis/network.hpp"
#include "techconv/analysis/network_selection.hpp"
#include "techconv/analysis/profile.hpp"
#include "techconv/analysis/table_weights.hpp"
#include "techconv/closeness/series.hpp"
#include "techconv/cograph/export.hpp"
#include "techconv/config.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/entropy.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

// --- key core ([KCT] §1) ---------------------------------------------------------------------

/// \brief Everything the key-core report files show besides the per-record
/// scores: the analysis::key_core result itself and what only the caller knows
/// about the input (notes, counts before merging).
struct key_core_report {
    analysis::key_core_result result;  ///< the analysis (its weights table and level-2 weights included)
    /// Records scored: result.scores.size() for one process; a distributed run, whose
    /// result holds only its own rows, sets the total.
    index scored = 0;
    std::vector<std::string> notes;  ///< per input file
    std::size_t read = 0;            ///< records read
    std::size_t records = 0;         ///< after family merging
    std::size_t merged = 0;          ///< folded into another family member
    io::missing_policy missing = io::missing_policy::drop_record;  ///< the options' missing-value policy
    bool by_country = false;         ///< groups are countries
    bool industries_table = false;   ///< write industries.csv (a concordance was given)
};

/// \brief The report of `kc`, the result of analysis::key_core(..., `o`) (moved in,
/// not copied); the input fields are left to the caller.
inline key_core_report make_key_core_report(analysis::key_core_result kc, const analysis::key_core_options& o) {
    key_core_report r;
    r.scored = kc.scores.size();
    r.result = std::move(kc);
    r.missing = o.indicators.missing;
    r.by_country = o.grouping.by_country;
    r.industries_table = o.industries != nullptr;
    return r;
}

namespace detail {

/// \brief scores.csv's rows (see write_scores_csv), the id of row i being `id_at(i)` (a
/// std::string_view), formatted without streams into one buffer (std::to_chars: shortest
/// round-trip doubles, integers) that goes to `out` in blocks of about 1 MiB. Text is quoted
/// by io::put_csv_field, csv_writer's rule, so the bytes are csv_writer's.
template <class IdAt>
void write_scores_rows(std::ostream& out, IdAt&& id_at, const vector& scores, const index_vector& ranks, index k,
                       bool header) {
    constexpr std::size_t block = std::size_t(1) << 20;
    // the numbers of one row: a double (at most 24 characters), two integers (20 each), 4 bytes
    constexpr std::size_t numbers = 72;
    const io::csv_options opts;
    std::string buf(block + numbers, '\0');
    std::size_t used = 0;
    bool at_start = true;
    auto flush = [&] {
        out.write(buf.data(), static_cast<std::streamsize>(used));
        used = 0;
    };
    if (header) {
        static constexpr std::string_view names = "id,score,rank,key_core\n";
        std::memcpy(&buf[0], names.data(), names.size());
        used = names.size();
        at_start = false;
    }
    for (index i = 0; i < scores.size(); ++i) {
        const std::string_view id = id_at(i);
        const std::size_t need = 2 * id.size() + 2 + numbers;
        if (used + need > buf.size()) {
            flush();
            if (need > buf.size()) buf.resize(need);
        }
        char* p = &buf[used];
        char* const end = &buf[0] + buf.size();
        p = io::put_csv_field(p, id, opts, at_start);
        at_start = false;
        *p++ = ',';
        p = std::to_chars(p, end, scores[i]).ptr;
        *p++ = ',';
        p = std::to_chars(p, end, static_cast<std::int64_t>(ranks[i])).ptr;
        *p++ = ',';
        *p++ = ranks[i] <= k ? '1' : '0';
        *p++ = '\n';
        used = static_cast<std::size_t>(p - &buf[0]);
        if (used >= block) flush();
    }
    if (used > 0) flush();
}

}  // namespace detail

/// \brief scores.csv: id, score, rank, key_core (1 for the top `k` ranks, else 0),
/// one row per record in the given order; `ranks` are 1-based. `header` puts the
/// header line first (without it, rows of several parts can be concatenated).
/// The bytes are those of io::csv_writer (ids quoted when needed, shortest round-trip
/// scores), formatted without streams and written in blocks of about 1 MiB.
inline void write_scores_csv(std::ostream& out, const std::vector<std::string>& ids, const vector& scores,
                             const index_vector& ranks, index k, bool header = true) {
    detail::write_scores_rows(
        out, [&](index i) { return std::string_view(ids[static_cast<std::size_t>(i)]); }, scores, ranks, k, header);
}

/// \brief scores.csv of analysis::key_core(`table`, ...): write_scores_csv with the
/// publication numbers of the scored rows (analysis::key_core_id: views into the table, not copied).
inline void write_key_core_scores_csv(std::ostream& out, const records::patent_table& table,
                                      const analysis::key_core_result& kc) {
    detail::write_scores_rows(
        out,
        [&](index i) { return analysis::key_core_id(table, kc, static_cast<std::size_t>(i)); },
        kc.scores, kc.ranks, kc.k, true);
}

/// \brief weights.csv of the key core: indicator, group, weight, entropy — all nine
/// [KCT] indicators in Table 1 order, or the chosen indicators in their order
/// (key_core_options::chosen); the ones the source lacks have empty weight and entropy.
inline void write_key_core_weights_csv(std::ostream& out, const key_core_report& r) {
    io::csv_writer w(out);
    w.row({"indicator", "group", "weight", "entropy"});
    for (const auto& row : r.result.weights) {
        w.field(analysis::to_string(row.id)).field(row.group);
        if (!row.present) w.empty().empty().end_row();
        else w.field(row.weight).field(row.entropy).end_row();
    }
}

/// \brief industries.csv: group, industry, records, share (each group's key-core
/// records per concordance category, multi-label; [KCT] Table 3 analogue).
inline void write_industries_csv(std::ostream& out, const key_core_report& r) {
    io::csv_writer w(out);
    w.row({"group", "industry", "records", "share"});
    for (const auto& row : r.result.industries)
        w.field(row.group).field(row.industry).field(static_cast<std::int64_t>(row.records)).field(row.share).end_row();
}

/// \brief top20.csv: rank, id, score, group, year (empty when unknown), title, then
/// one sub-score per level-2 group.
inline void write_top_csv(std::ostream& out, const key_core_report& r) {
    io::csv_writer w(out);
    w.field("rank").field("id").field("score").field("group").field("year").field("title");
    for (const auto& g : r.result.subscores.groups) w.field(g);
    w.end_row();
    for (std::size_t p = 0; p < r.result.top.size(); ++p) {
        const auto& t = r.result.top[p];
        w.field(static_cast<std::int64_t>(p + 1)).field(t.id).field(t.score).field(t.group);
        if (t.year == no_year) w.empty();
        else w.field(static_cast<std::int64_t>(t.year));
        w.field(t.title);
        for (const double v : t.sub) w.field(v);
        w.end_row();
    }
}

/// \brief The leading applicant of a group profile (empty when none) and its share (0 when none).
inline std::string top_applicant(const convergence::group_profile& g) {
    return g.top_applicants.empty() ? std::string() : g.top_applicants.front().key;
}
inline double top_applicant_share(const convergence::group_profile& g) {
    return g.top_applicants.empty() ? 0.0 : g.top_applicants.front().share;
}
/// \brief A group's share of the key core, key_core / k (0 when k = 0).
inline double share_of_key_core(const convergence::group_profile& g, index k) {
    return k > 0 ? static_cast<double>(g.key_core) / static_cast<double>(k) : 0.0;
}

/// \brief groups.csv of the key core: one row per group profile (see docs/cli.md for the columns).
/// The subclass, convergence and network columns are empty for a group whose key core has no
/// IPC code (convergence::group_profile::has_technology), never 0.
inline void write_key_core_groups_csv(std::ostream& out, const key_core_report& r) {
    io::csv_writer w(out);
    w.row({"group", "records", "key_core", "key_share_of_group", "share_of_key_core", "key_main_subclasses",
           "key_all_subclasses", "key_convergence_index", "key_company_share", "top_applicant",
           "top_applicant_share", "key_subclass_gap", "key_network_nodes", "key_network_edges",
           "key_network_density", "key_network_clusters", "key_sections"});
    for (const auto& g : r.result.profiles) {
        std::string sections;
        for (const auto& sec : g.network.sections) sections += sec;
        const bool tech = g.has_technology();
        w.field(g.group).field(static_cast<std::int64_t>(g.records)).field(static_cast<std::int64_t>(g.key_core))
            .field(g.key_core_rate).field(share_of_key_core(g, r.result.k));
        if (tech) w.field(static_cast<std::int64_t>(g.main_codes)).field(static_cast<std::int64_t>(g.all_codes)).field(g.convergence_index);
        else w.empty().empty().empty();
        w.field(g.company_share).field(top_applicant(g)).field(top_applicant_share(g));
        if (tech)
            w.field(static_cast<std::int64_t>(g.code_gap)).field(static_cast<std::int64_t>(g.network.nodes))
                .field(static_cast<std::int64_t>(g.network.edges)).field(g.network.density)
                .field(static_cast<std::int64_t>(g.network.clusters)).field(sections);
        else w.empty().empty().empty().empty().empty().empty();
        w.end_row();
    }
}

// --- objective weights of any table -----------------------------------------------------------

/// \brief weights.csv of analysis::weigh_table: indicator, weight, entropy (empty for
/// methods without one); `columns` are the table's column names.
inline void write_table_weights_csv(std::ostream& out, const std::vector<std::string>& columns,
                                    const analysis::table_weight_result& res) {
    io::csv_writer wr(out);
    wr.row({"indicator", "weight", "entropy"});
    const auto m = static_cast<index>(columns.size());
    for (index j = 0; j < m; ++j) {
        wr.field(columns[static_cast<std::size_t>(j)]).field(res.weights[j]);
        if (res.entropy.size() == m) wr.field(res.entropy[j]);
        else wr.empty();
        wr.end_row();
    }
}

// --- network ([KCT] §2.2) -------------------------------------------------------------------

/// \brief The export options of the network files (GraphML, GEXF, VOSviewer): the
/// clusters, and degree, strength, betweenness and PageRank as node scores.
inline cograph::export_options network_export_options(const analysis::network_result& res) {
    cograph::export_options eo;
    const auto& m = res.nodes;
    eo.clusters = m.cluster;
    eo.scores = {{"degree", m.degree}, {"strength", m.strength}, {"betweenness", m.betweenness},
                 {"pagerank", m.pagerank}};
    return eo;
}

/// \brief nodes.csv: code, title, occurrences, degree, strength, betweenness, closeness,
/// eigenvector, pagerank, cluster, clustering.
inline void write_network_nodes_csv(std::ostream& out, const analysis::network_result& res) {
    const auto& m = res.nodes;
    cograph::export_options eo;
    eo.clusters = m.cluster;
    eo.scores = {{"betweenness", m.betweenness}, {"closeness", m.closeness}, {"eigenvector", m.eigenvector},
                 {"pagerank", m.pagerank}, {"clustering", m.clustering}};
    eo.texts = {{"title", m.title}};
    eo.node_columns = {{"code", "label"}, {"title", ""}, {"occurrences", "node_weight"}, {"degree", ""},
                       {"strength", ""}, {"betweenness", ""}, {"closeness", ""}, {"eigenvector", ""},
                       {"pagerank", ""}, {"cluster", ""}, {"clustering", ""}};
    cograph::write_nodes_csv(out, res.graph, eo);
}

/// \brief edges.csv: source, target, weight.
inline void write_network_edges_csv(std::ostream& out, const analysis::network_result& res) {
    cograph::export_options eo;
    eo.edge_columns = {{"source", "source_label"}, {"target", "target_label"}, {"weight", ""}};
    cograph::write_edges_csv(out, res.graph, eo);
}

/// \brief clusters.csv: cluster, nodes, internal_weight, external_weight, top_nodes (';'-joined codes).
inline void write_clusters_csv(std::ostream& out, const analysis::network_result& res) {
    io::csv_writer w(out);
    w.row({"cluster", "nodes", "internal_weight", "external_weight", "top_nodes"});
    for (std::size_t c = 0; c < res.clusters.size(); ++c) {
        const auto& ci = res.clusters[c];
        std::string top;
        for (const auto v : ci.top_nodes) top += (top.empty() ? "" : ";") + res.graph.label(v);
        w.field(static_cast<std::int64_t>(c)).field(static_cast<std::int64_t>(ci.size)).field(ci.internal_weight)
            .field(ci.external_weight).field(top).end_row();
    }
}

/// \brief cluster_links.csv: cluster_a, cluster_b, edges, weight.
inline void write_cluster_links_csv(std::ostream& out, const analysis::network_result& res) {
    io::csv_writer w(out);
    w.row({"cluster_a", "cluster_b", "edges", "weight"});
    for (const auto& l : res.cluster_links)
        w.field(static_cast<std::int64_t>(l.first)).field(static_cast<std::int64_t>(l.second))
            .field(static_cast<std::int64_t>(l.edges)).field(l.weight).end_row();
}

/// \brief sections.csv: section, nodes, then one column per covered section (the block matrix
/// of edge weights; diagonal = within a section).
inline void write_sections_csv(std::ostream& out, const analysis::network_result& res) {
    const auto& sv = res.sections;
    io::csv_writer w(out);
    w.field("section").field("nodes");
    for (const auto& s : sv.sections) w.field(s);
    w.end_row();
    for (index r = 0; r < sv.covered(); ++r) {
        w.field(sv.sections[static_cast<std::size_t>(r)])
            .field(static_cast<std::int64_t>(sv.nodes[static_cast<std::size_t>(r)]));
        for (index c = 0; c < sv.covered(); ++c) w.field(sv.weights(r, c));
        w.end_row();
    }
}

/// \brief groups.csv of the network: group, records, nodes, edges, density, components,
/// convergence_index, sections, top_nodes (';'-joined). A group whose records have no code has
/// no convergence index (status::empty_input): the cell is empty, not 0.
inline void write_network_groups_csv(std::ostream& out, const analysis::network_result& res) {
    io::csv_writer w(out);
    w.row({"group", "records", "nodes", "edges", "density", "components", "convergence_index", "sections",
           "top_nodes"});
    for (const auto& gr : res.groups) {
        const auto& s = gr.summary;
        std::string top;
        for (const auto& t : s.top_nodes) top += (top.empty() ? "" : ";") + t;
        w.field(gr.name).field(static_cast<std::int64_t>(s.records)).field(static_cast<std::int64_t>(s.nodes))
            .field(static_cast<std::int64_t>(s.edges)).field(s.density).field(static_cast<std::int64_t>(s.components));
        if (s.nodes == 0) w.empty();
        else w.field(s.convergence_index);
        w.field(static_cast<std::int64_t>(s.sections)).field(top).end_row();
    }
}

/// \brief rta.csv of the network's groups: group, class, count (P_gc), rta, advantage (1 when
/// rta >= 1), density (relatedness density); one row per group and class, groups in groups.csv
/// order, classes in byte order (analysis::network_result::relatedness).
inline void write_rta_csv(std::ostream& out, const analysis::network_result& res) {
    const auto& r = res.relatedness;
    io::csv_writer w(out);
    w.row({"group", "class", "count", "rta", "advantage", "density"});
    for (index g = 0; g < static_cast<index>(r.groups.size()); ++g)
        for (index c = 0; c < static_cast<index>(r.classes.size()); ++c)
            w.field(r.groups[static_cast<std::size_t>(g)]).field(r.classes[static_cast<std::size_t>(c)])
                .field(r.counts(g, c)).field(r.rta(g, c)).field(r.advantage(g, c) ? 1 : 0).field(r.density(g, c))
                .end_row();
}

// --- collaboration ([COOP]) -------------------------------------------------------------------

/// \brief A year as the tables show it: "all" for no_year (one period).
inline std::string year_or_all(year_type y) { return y == no_year ? std::string("all") : std::to_string(y); }

/// \brief A period as "2007-2014", or "2019" for a single year.
inline std::string period_name(const closeness::period& p) {
    return p.first == p.last ? std::to_string(p.first) : std::to_string(p.first) + "-" + std::to_string(p.last);
}

/// \brief periods.csv of the time-sliced networks (`network --periods`): period, records, nodes,
/// edges, density, convergence_index, modularity, clusters, records_with_codes, first_year,
/// last_year, status — the columns of `evolution`'s periods.csv. A period whose records have no
/// code (status empty_input) has 0 counts and empty density, convergence index and modularity.
inline void write_period_networks_csv(std::ostream& out, const std::vector<analysis::period_network>& periods) {
    io::csv_writer w(out);
    w.row({"period", "records", "nodes", "edges", "density", "convergence_index", "modularity", "clusters",
           "records_with_codes", "first_year", "last_year", "status"});
    for (const auto& p : periods) {
        const auto& s = p.network.summary;
        w.field(period_name(p.span)).field(static_cast<std::int64_t>(p.records))
            .field(static_cast<std::int64_t>(s.nodes)).field(static_cast<std::int64_t>(s.edges));
        if (p.info != status::ok) w.empty().empty().empty();
        else w.field(s.density).field(s.convergence_index).field(s.modularity);
        w.field(static_cast<std::int64_t>(s.clusters)).field(static_cast<std::int64_t>(s.records_with_codes))
            .field(static_cast<std::int64_t>(p.span.first)).field(static_cast<std::int64_t>(p.span.last))
            .field(to_string(p.info)).end_row();
    }
}

/// \brief pairs.csv: year, country_i, country_j, n_ij, n_i, n_j, one column per measure
/// (analysis::to_string names), share_i, share_j; `rec` gives the country names.
inline void write_pairs_csv(std::ostream& out, const std::vector<analysis::collaboration_pair>& pairs,
                            const std::vector<analysis::measure>& measures, const closeness::actor_records& rec) {
    io::csv_writer w(out);
    w.field("year").field("country_i").field("country_j").field("n_ij").field("n_i").field("n_j");
    for (const auto m : measures) w.field(analysis::to_string(m));
    w.field("share_i").field("share_j").end_row();
    for (const auto& p : pairs) {
        w.field(year_or_all(p.year));
        w.field(rec.label(p.i)).field(rec.label(p.j)).field(p.n_ij).field(p.n_i).field(p.n_j);
        for (const auto m : measures) w.field(p.value(m));
        w.field(p.share_i).field(p.share_j).end_row();
    }
}

/// \brief countries.csv: year, country, records, international, partners, link_strength.
inline void write_countries_csv(std::ostream& out, const std::vector<analysis::collaboration_actor>& actors,
                                const closeness::actor_records& rec) {
    io::csv_writer w(out);
    w.row({"year", "country", "records", "international", "partners", "link_strength"});
    for (const auto& c : actors)
        w.field(year_or_all(c.year)).field(rec.label(c.actor)).field(c.records).field(c.international)
            .field(c.partners).field(c.link_strength).end_row();
}

/// \brief periods.csv: the change of every pair between the two `periods` of
/// collaboration_options (measure `m` names the closeness columns).
inline void write_periods_csv(std::ostream& out, const analysis::collaboration_result& r,
                              const std::vector<closeness::period>& periods, analysis::measure m,
                              const closeness::actor_records& rec) {
    io::csv_writer w(out);
    const std::string name(analysis::to_string(m));
    w.row({"country_i", "country_j", "period_1", "period_2", "n_ij_1", "n_ij_2", "n_ij_change", "n_i_1", "n_i_2",
           "n_j_1", "n_j_2", name + "_1", name + "_2", name + "_change", "share_i_1", "share_i_2", "share_i_change",
           "share_j_1", "share_j_2", "share_j_change"});
    for (const auto& c : r.changes) {
        const auto& a = c.change.before;
        const auto& b = c.change.after;
        w.field(rec.label(c.i)).field(rec.label(c.j)).field(period_name(periods[0])).field(period_name(periods[1]))
            .field(a.n_ij).field(b.n_ij).field(c.change.n_ij_change).field(a.n_i).field(b.n_i).field(a.n_j)
            .field(b.n_j).field(a.closeness).field(b.closeness).field(c.change.closeness_change)
            .field(a.share_i).field(b.share_i).field(c.change.share_i_change).field(a.share_j).field(b.share_j)
            .field(c.change.share_j_change).end_row();
    }
}

/// \brief institutions.csv: period ("all" or a period name), home, partner, institution,
/// international, with_partner, share.
inline void write_institutions_csv(std::ostream& out, const analysis::collaboration_result& r,
                                   const std::vector<closeness::period>& periods,
                                   const closeness::actor_records& countries,
                                   const closeness::actor_records& institutions) {
    io::csv_writer w(out);
    w.row({"period", "home", "partner", "institution", "international", "with_partner", "share"});
    for (const auto& x : r.institutions)
        w.field(x.period == 0 ? std::string("all") : period_name(periods[x.period - 1]))
            .field(countries.label(x.home)).field(countries.label(x.partner))
            .field(institutions.label(x.share.institution))
            .field(static_cast<std::int64_t>(x.share.international)).field(static_cast<std::int64_t>(x.share.with_partner))
            .field(x.share.share).end_row();
}

// --- branches ([COOP] Table 1) ----------------------------------------------------------------

/// \brief records.csv: id, year (empty when unknown), then one 0/1 column per branch.
inline void write_branch_records_csv(std::ostream& out, const analysis::branch_table& t) {
    const auto& rec = t.records;
    const auto k = t.records_per_branch.size();
    io::csv_writer w(out);
    w.field("id").field("year");
    for (std::size_t b = 0; b < k; ++b) w.field(rec.label(static_cast<label_id>(b)));
    w.end_row();
    std::vector<int> row(k);
    for (index r = 0; r < rec.size(); ++r) {
        std::fill(row.begin(), row.end(), 0);
        for (const auto b : rec.actors(r)) row[b] = 1;
        w.field(rec.id(r)).field(rec.year(r) == no_year ? std::string() : std::to_string(rec.year(r)));
        for (const int v : row) w.field(v);
        w.end_row();
    }
}

/// \brief A branch's share of all records (multi-label; 0 without records).
inline double branch_share(const analysis::branch_table& t, std::size_t b) {
    const double n = static_cast<double>(t.records.size());
    return n > 0.0 ? static_cast<double>(t.records_per_branch[b]) / n : 0.0;
}

/// \brief branches.csv: branch, records, share.
inline void write_branch_counts_csv(std::ostream& out, const analysis::branch_table& t) {
    io::csv_writer w(out);
    w.row({"branch", "records", "share"});
    for (std::size_t b = 0; b < t.records_per_branch.size(); ++b)
        w.field(t.records.label(static_cast<label_id>(b))).field(static_cast<std::int64_t>(t.records_per_branch[b]))
            .field(branch_share(t, b)).end_row();
}

/// \brief years.csv: year, branch, records (records with a year; non-zero cells only).
inline void write_branch_years_csv(std::ostream& out, const analysis::branch_table& t) {
    io::csv_writer w(out);
    w.row({"year", "branch", "records"});
    for (const auto& c : analysis::branches_by_year(t))
        if (c.year != no_year)
            w.field(static_cast<std::int64_t>(c.year)).field(t.records.label(c.branch))
                .field(static_cast<std::int64_t>(c.records)).end_row();
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_TABLES_HPP_
