// SPDX-License-Identifier: BSL-1.0
//
// The citation graph of a corpus (issue 19 §1): its records' backward citation
// lists resolved to the records that have the cited publication numbers, the
// forward citation lists the sources state (the documents citing a record), the
// forward citations that follow from both, and an optional citation table and
// class table (io/citations.hpp) that extend the graph beyond the corpus.
#ifndef TECHCONV_ANALYSIS_CITATIONS_HPP_
#define TECHCONV_ANALYSIS_CITATIONS_HPP_

#include <algorithm>      // std::sort, std::unique
#include <cstddef>        // std::size_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <vector>         // std::vector

#include "techconv/analysis/record_source.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/io/citations.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief Counters of build_citation_graph().
struct citation_graph_stats {
    index list_citations = 0;            ///< items of the records' own cited_patents lists
    index forward_list_citations = 0;    ///< items of the records' own citing_patents lists (forward)
    /// records whose source lists their citing documents (io::patent_field::citing_list)
    index records_with_citing_list = 0;
    index table_rows = 0;         ///< rows of the citation table
    index table_rows_unused = 0;  ///< table rows with neither end a record of the corpus
    index self_citations = 0;     ///< citations of a document by itself (dropped)
    index duplicate_ids = 0;      ///< records whose key an earlier record already has (resolve to it)
    index internal_edges = 0;     ///< citations between two records of the corpus
    index edges = 0;              ///< distinct citations in the graph
};

/// \brief Citations between the records of a corpus and the documents they cite or are cited by.
///
/// Nodes 0..records-1 are the records, in input order; the nodes after them are documents
/// outside the corpus (named by a cited_patents list, then by a citing_patents list, then by
/// the citation table), in order of first appearance. A publication number resolves by
/// io::publication_key (the number without its kind code) to the first record with that key;
/// an id that is no record's number resolves to the first record with that Lens ID (Lens lists
/// a citation without a number by its Lens ID); else to its external node. Citations are
/// directed citing -> cited, each once (a citation both lists state is one edge);
/// self-citations are dropped.
struct citation_graph {
    index records = 0;                           ///< number of corpus records (the first nodes)
    std::vector<std::string> ids;                ///< publication number of each node
    std::vector<year_type> publication_year;     ///< per node; no_year when unknown
    /// Per node: its IPC/CPC codes, sorted, distinct. A record's own IPC codes (the texts that
    /// parse); for a record without any, and for external documents, the class table's codes.
    std::vector<std::vector<classification::ipc_code>> classes;
    std::vector<std::vector<index>> cited;   ///< per node: the nodes it cites, ascending
    std::vector<std::vector<index>> citing;  ///< per node: the nodes citing it, ascending
    citation_graph_stats stats;              ///< counters

    /// Number of nodes.
    index size() const noexcept { return static_cast<index>(ids.size()); }
    /// Whether node `v` has at least one known class.
    bool has_classes(index v) const noexcept { return !classes[static_cast<std::size_t>(v)].empty(); }
};

namespace detail {

class citation_graph_builder {
public:
    explicit citation_graph_builder(std::size_t records) { g_.records = static_cast<index>(records); }

    // Record i (called for i = 0, 1, ... in order).
    void add_record(std::string_view id, std::string_view lens_id, year_type pub,
                    std::vector<classification::ipc_code> codes) {
        const auto v = static_cast<index>(g_.ids.size());
        g_.ids.emplace_back(id);
        g_.publication_year.push_back(pub);
        normalise(codes);
        g_.classes.push_back(std::move(codes));
        if (!key_.emplace(std::string(io::publication_key(id)), v).second) ++g_.stats.duplicate_ids;
        if (!lens_id.empty() && lens_id != id) lens_.emplace(std::string(lens_id), v);
    }
    // After every record: its Lens ID resolves to it unless an id of the corpus is that text.
    void records_done() {
        for (auto& [lens, v] : lens_) key_.emplace(lens, v);
        lens_.clear();
    }
    void add_list_citation(index citing, std::string_view cited) {
        ++g_.stats.list_citations;
        add_edge(citing, node(cited));
    }
    // Record `cited`'s source lists `citing` among the documents citing it.
    void add_forward_list_citation(index cited, std::string_view citing) {
        ++g_.stats.forward_list_citations;
        add_edge(node(citing), cited);
    }
    void count_citing_list() { ++g_.stats.records_with_citing_list; }
    void add_table(const std::vector<io::citation_row>& rows) {
        for (const auto& r : rows) {
            ++g_.stats.table_rows;
            const index a = find(r.citing), b = find(r.cited);
            if ((a < 0 || a >= g_.records) && (b < 0 || b >= g_.records)) {
                ++g_.stats.table_rows_unused;
                continue;
            }
            const index ca = a < 0 ? node(r.citing) : a;
            const index cb = b < 0 ? node(r.cited) : b;
            if (ca >= g_.records && r.citing_year != no_year &&
                g_.publication_year[static_cast<std::size_t>(ca)] == no_year)
                g_.publication_year[static_cast<std::size_t>(ca)] = r.citing_year;
            add_edge(ca, cb);
        }
    }
    void add_classes(const std::vector<io::class_row>& rows) {
        std::vector<std::vector<classification::ipc_code>> extra(g_.ids.size());
        for (const auto& r : rows) {
            const index v = find(r.id);
            if (v < 0) continue;  // a document outside the graph
            const auto k = static_cast<std::size_t>(v);
            extra[k].push_back(r.ipc);
            if (g_.publication_year[k] == no_year && r.year != no_year) g_.publication_year[k] = r.year;
        }
        for (std::size_t k = 0; k < extra.size(); ++k) {
            if (!g_.classes[k].empty() || extra[k].empty()) continue;  // a record's own codes come first
            normalise(extra[k]);
            g_.classes[k] = std::move(extra[k]);
        }
    }
    citation_graph finish() {
        g_.citing.assign(g_.ids.size(), {});
        g_.cited.resize(g_.ids.size());
        for (std::size_t v = 0; v < g_.cited.size(); ++v) {
            auto& c = g_.cited[v];
            std::sort(c.begin(), c.end());
            c.erase(std::unique(c.begin(), c.end()), c.end());
            for (const index w : c) {
                g_.citing[static_cast<std::size_t>(w)].push_back(static_cast<index>(v));
                ++g_.stats.edges;
                if (static_cast<index>(v) < g_.records && w < g_.records) ++g_.stats.internal_edges;
            }
        }
        return std::move(g_);
    }

private:
    static void normalise(std::vector<classification::ipc_code>& codes) {
        codes.erase(std::remove_if(codes.begin(), codes.end(), [](classification::ipc_code c) { return c.empty(); }),
                    codes.end());
        std::sort(codes.begin(), codes.end());
        codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    }
    index find(std::string_view id) const {
        const auto it = key_.find(std::string(io::publication_key(id)));
        return it == key_.end() ? -1 : it->second;
    }
    index node(std::string_view id) {
        const index f = find(id);
        if (f >= 0) return f;
        const auto v = static_cast<index>(g_.ids.size());
        g_.ids.emplace_back(id);
        g_.publication_year.push_back(no_year);
        g_.classes.emplace_back();
        g_.cited.resize(g_.ids.size());
        key_.emplace(std::string(io::publication_key(id)), v);
        return v;
    }
    void add_edge(index a, index b) {
        if (a == b) {
            ++g_.stats.self_citations;
            return;
        }
        if (g_.cited.size() < g_.ids.size()) g_.cited.resize(g_.ids.size());
        g_.cited[static_cast<std::size_t>(a)].push_back(b);
    }

    citation_graph g_;
    std::unordered_map<std::string, index> key_;
    std::unordered_map<std::string, index> lens_;  // Lens ID -> first record with it (until records_done)
};

}  // namespace detail

/// \brief The citation graph of `records` (their cited_patents lists and, where the source
/// lists the documents citing a record, their citing_patents lists), extended by the rows
/// of a citation table and the codes of a class table (io::read_citation_table,
/// io::read_class_table; both may be empty).
///
/// Deterministic: nodes and edges depend only on the input order. After family merging
/// (records/families.hpp) a record's list is the union of its members' lists; a citation of
/// a member merged away (its id no longer in the corpus) stays an external node.
/// Complexity: O(C log C) for C citations, plus hashing of the ids.
inline citation_graph build_citation_graph(const std::vector<io::patent_record>& records,
                                           const std::vector<io::citation_row>& table = {},
                                           const std::vector<io::class_row>& classes = {}) {
    detail::citation_graph_builder b(records.size());
    std::vector<classification::ipc_code> codes;
    for (const auto& r : records) {
        parse_codes(r.ipc, codes);
        b.add_record(r.id, r.lens_id, r.publication_year, codes);
    }
    b.records_done();
    for (std::size_t i = 0; i < records.size(); ++i)
        for (const auto& c : records[i].cited_patents) b.add_list_citation(static_cast<index>(i), c);
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (records[i].has(io::patent_field::citing_list)) b.count_citing_list();
        for (const auto& c : records[i].citing_patents) b.add_forward_list_citation(static_cast<index>(i), c);
    }
    b.add_table(table);
    b.add_classes(classes);
    return b.finish();
}

/// \brief build_citation_graph of the records of a records::patent_table.
template <class Table, if_patent_table<Table> = 0>
citation_graph build_citation_graph(const Table& table, const std::vector<io::citation_row>& citations = {},
                                    const std::vector<io::class_row>& classes = {}) {
    detail::citation_graph_builder b(table.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto [c, k] = table.locate(i);
        const auto codes = c->ipc(k);
        b.add_record(c->id(k), c->lens_id(k), c->publication_year(k),
                     std::vector<classification::ipc_code>(codes.begin(), codes.end()));
    }
    b.records_done();
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto [c, k] = table.locate(i);
        for (const auto l : c->cited_patents(k)) b.add_list_citation(static_cast<index>(i), table.label(l));
    }
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto [c, k] = table.locate(i);
        if (c->has(k, io::patent_field::citing_list)) b.count_citing_list();
        for (const auto l : c->citing_patents(k)) b.add_forward_list_citation(static_cast<index>(i), table.label(l));
    }
    b.add_table(citations);
    b.add_classes(classes);
    return b.finish();
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_CITATIONS_HPP_
