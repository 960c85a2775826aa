// SPDX-License-Identifier: BSL-1.0
//
// Writers of a cograph::graph (plus optional clusters and node scores) on a
// std::ostream: GraphML, GEXF 1.3, Pajek .net and .clu, VOSviewer map and
// network text files, VOSviewer JSON, CSV node and edge tables, Graphviz DOT.
// Numbers are written in their shortest round-trip form, so a reader gets
// the same doubles back.
#ifndef TECHCONV_COGRAPH_EXPORT_HPP_
#define TECHCONV_COGRAPH_EXPORT_HPP_

#include <cstdint>      // std::int64_t
#include <cstdio>       // std::snprintf
#include <optional>     // std::optional
#include <ostream>      // std::ostream
#include <string>       // std::string, std::to_string
#include <string_view>  // std::string_view
#include <utility>      // std::pair
#include <vector>       // std::vector

#include "techconv/cograph/graph.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief A named per-node score column for exports (e.g. "betweenness").
struct node_score {
    std::string name;  ///< column / attribute name
    vector values;     ///< one value per node
};

/// \brief A named per-node text column for exports (e.g. "title", or a DOT
/// attribute such as "fillcolor").
struct node_text {
    std::string name;                 ///< column / attribute name
    std::vector<std::string> values;  ///< one value per node
};

/// \brief A named per-edge text column (one value per edge, in graph::edges() order).
struct edge_text {
    std::string name;                 ///< column / attribute name
    std::vector<std::string> values;  ///< one value per edge
};

/// \brief One chosen column of a table (write_nodes_csv, write_edges_csv) or
/// one attribute of a DOT node or edge (write_dot).
///
/// `source` names what the column holds. Node sources: `id`, `label`,
/// `node_weight`, `degree`, `strength`, `cluster`, or the name of an
/// export_options::scores or export_options::texts entry. Edge sources:
/// `source`, `target` (0-based ids), `source_label`, `target_label`, `weight`,
/// or the name of an export_options::edge_texts entry.
struct column {
    std::string header;  ///< header text (CSV) or attribute name (DOT)
    std::string source;  ///< what it holds; empty = the same as `header`
};

/// \brief How write_dot draws the graph when its defaults do not fit (e.g. a
/// picture for Graphviz with sizes and colours computed by the caller).
struct dot_options {
    std::string name = "G";               ///< graph name
    std::vector<std::string> statements;  ///< written first, one per line (e.g. `node [shape=circle];`)
    bool label_ids = false;               ///< node ids are the quoted labels instead of n0, n1, ...
    /// Nodes written, in this order; none = all in id order. An edge is written when both its ends are.
    std::optional<std::vector<index>> nodes;
};

/// \brief What the writers add beside nodes, labels, node weights and edges,
/// and which columns the tables have.
struct export_options {
    std::vector<index> clusters;       ///< cluster of each node (0-based), empty = none
    std::vector<node_score> scores;    ///< extra numeric node columns
    std::string node_weight_name = "occurrences";  ///< name of the node weight column
    std::vector<node_text> texts;      ///< text node columns (only written when chosen in node_columns)
    std::vector<edge_text> edge_texts; ///< text edge columns (only written when chosen in edge_columns)
    /// Columns of write_nodes_csv and attributes of DOT nodes, in order; empty = each writer's default.
    std::vector<column> node_columns;
    /// Columns of write_edges_csv and attributes of DOT edges, in order; empty = each writer's default.
    std::vector<column> edge_columns;
    dot_options dot;                   ///< layout of write_dot
};

namespace detail {

inline void check_export(const graph& g, const export_options& o) {
    techconv::detail::require(o.clusters.empty() || static_cast<index>(o.clusters.size()) == g.num_nodes(),
                              "cograph export: clusters must have one entry per node");
    for (const auto& s : o.scores)
        techconv::detail::require(s.values.size() == g.num_nodes(),
                                  "cograph export: every score needs one value per node");
    for (const auto& t : o.texts)
        techconv::detail::require(static_cast<index>(t.values.size()) == g.num_nodes(),
                                  "cograph export: text column '" + t.name + "' needs one value per node");
    for (const auto& t : o.edge_texts)
        techconv::detail::require(static_cast<index>(t.values.size()) == g.num_edges(),
                                  "cograph export: edge text column '" + t.name + "' needs one value per edge");
    if (o.dot.nodes)
        for (const index v : *o.dot.nodes)
            techconv::detail::require(v >= 0 && v < g.num_nodes(), "cograph export: dot node id out of range");
}

inline std::string num(double v) { return io::format_double(v); }

/// XML text / attribute escaping.
inline std::string xml(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    out += ' ';  // not representable in XML 1.0
                else
                    out += c;
        }
    }
    return out;
}

/// JSON / DOT string escaping (without the surrounding quotes).
inline std::string quoted_escape(std::string_view s, bool json) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            if (json) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                out += buf;
            } else {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
    return out;
}

/// CSV field (RFC 4180 quoting when needed).
inline std::string csv(std::string_view s, char delim = ',') {
    bool needs = false;
    for (const char c : s) needs = needs || c == delim || c == '"' || c == '\n' || c == '\r';
    if (!needs) return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

/// Pajek / VOSviewer labels: no quotes, tabs or newlines inside.
inline std::string plain(std::string_view s, char bad_quote) {
    std::string out(s);
    for (char& c : out)
        if (c == bad_quote || c == '\t' || c == '\n' || c == '\r') c = ' ';
    return out;
}

/// A chosen column's value: text, or a number (the caller formats numbers).
struct cell {
    enum class type { text, number, integer } what = type::number;  ///< which member holds the value
    std::string text;      ///< the text value
    double number = 0;     ///< the numeric value
    std::int64_t integer = 0;  ///< the integer value
    static cell of_text(std::string t) { return {type::text, std::move(t), 0, 0}; }
    static cell of_number(double v) { return {type::number, {}, v, 0}; }
    static cell of_integer(index v) { return {type::integer, {}, 0, static_cast<std::int64_t>(v)}; }
};

/// Resolves a node column to a function v -> cell; throws on an unknown source.
class node_columns {
public:
    node_columns(const graph& g, const export_options& o) : g_(g), o_(o) {
        for (const auto& c : o.node_columns) {
            const std::string& src = c.source.empty() ? c.header : c.source;
            kind k{};
            std::size_t at = 0;
            if (src == "id") k = kind::id;
            else if (src == "label") k = kind::label;
            else if (src == "node_weight") k = kind::node_weight;
            else if (src == "degree") k = kind::degree;
            else if (src == "strength") k = kind::strength;
            else if (src == "cluster") k = kind::cluster;
            else if (find(o.scores, src, at)) k = kind::score;
            else if (find(o.texts, src, at)) k = kind::text;
            else throw invalid_argument("cograph export: unknown node column '" + src + "'");
            techconv::detail::require(k != kind::cluster || !o.clusters.empty(),
                                      "cograph export: column 'cluster' chosen without clusters");
            cols_.push_back({k, at});
        }
    }
    std::size_t size() const noexcept { return cols_.size(); }
    cell operator()(std::size_t c, index v) const {
        const auto& col = cols_[c];
        switch (col.what) {
            case kind::id: return cell::of_integer(v);
            case kind::label: return cell::of_text(g_.label(v));
            case kind::node_weight: return cell::of_number(g_.node_weight(v));
            case kind::degree: return cell::of_integer(g_.degree(v));
            case kind::strength: {
                const adjacency a = g_.neighbors(v);
                double st = 0;
                for (index k = 0; k < a.size(); ++k) st += a.weight(k);
                return cell::of_number(st);
            }
            case kind::cluster:
                return cell::of_integer(o_.clusters[static_cast<std::size_t>(v)]);
            case kind::score: return cell::of_number(o_.scores[col.at].values[v]);
            case kind::text: return cell::of_text(o_.texts[col.at].values[static_cast<std::size_t>(v)]);
        }
        return {};
    }

private:
    enum class kind { id, label, node_weight, degree, strength, cluster, score, text };
    struct resolved {
        kind what;
        std::size_t at;
    };
    template <class Columns>
    static bool find(const Columns& cs, const std::string& name, std::size_t& at) {
        for (std::size_t k = 0; k < cs.size(); ++k)
            if (cs[k].name == name) {
                at = k;
                return true;
            }
        return false;
    }
    const graph& g_;
    const export_options& o_;
    std::vector<resolved> cols_;
};

/// Resolves an edge column to a function (edge, edge number) -> cell; throws on an unknown source.
class edge_columns {
public:
    edge_columns(const graph& g, const export_options& o) : g_(g), o_(o) {
        for (const auto& c : o.edge_columns) {
            const std::string& src = c.source.empty() ? c.header : c.source;
            kind k{};
            std::size_t at = 0;
            if (src == "source") k = kind::source;
            else if (src == "target") k = kind::target;
            else if (src == "source_label") k = kind::source_label;
            else if (src == "target_label") k = kind::target_label;
            else if (src == "weight") k = kind::weight;
            else {
                bool found = false;
                for (std::size_t t = 0; t < o.edge_texts.size() && !found; ++t)
                    if (o.edge_texts[t].name == src) {
                        at = t;
                        found = true;
                    }
                if (!found) throw invalid_argument("cograph export: unknown edge column '" + src + "'");
                k = kind::text;
            }
            cols_.push_back({k, at});
        }
    }
    std::size_t size() const noexcept { return cols_.size(); }
    cell operator()(std::size_t c, const edge& e, index number) const {
        const auto& col = cols_[c];
        switch (col.what) {
            case kind::source: return cell::of_integer(e.u);
            case kind::target: return cell::of_integer(e.v);
            case kind::source_label: return cell::of_text(g_.label(e.u));
            case kind::target_label: return cell::of_text(g_.label(e.v));
            case kind::weight: return cell::of_number(e.weight);
            case kind::text: return cell::of_text(o_.edge_texts[col.at].values[static_cast<std::size_t>(number)]);
        }
        return {};
    }

private:
    enum class kind { source, target, source_label, target_label, weight, text };
    struct resolved {
        kind what;
        std::size_t at;
    };
    const graph& g_;
    const export_options& o_;
    std::vector<resolved> cols_;
};

/// Whether `s` is a DOT numeral ([-]digits[.digits] or [-].digits), written bare.
inline bool dot_numeral(std::string_view s) {
    std::size_t i = s.empty() || s[0] != '-' ? 0 : 1;
    bool digit = false, dot = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') digit = true;
        else if (s[i] == '.' && !dot) dot = true;
        else return false;
    }
    return digit;
}

/// A DOT attribute value: a text is bare when it is a numeral and quoted
/// otherwise; a number is always quoted (DOT numerals cannot hold an exponent).
inline std::string dot_value(const cell& c) {
    switch (c.what) {
        case cell::type::text: return dot_numeral(c.text) ? c.text : '"' + quoted_escape(c.text, false) + '"';
        case cell::type::integer: return '"' + std::to_string(c.integer) + '"';
        case cell::type::number: break;
    }
    return '"' + num(c.number) + '"';
}

/// A CSV field of a cell.
inline std::string csv_value(const cell& c) {
    switch (c.what) {
        case cell::type::text: return csv(c.text);
        case cell::type::integer: return std::to_string(c.integer);
        case cell::type::number: break;
    }
    return num(c.number);
}


/// write_dot with a dot_options layout or chosen attributes.
inline void write_dot_custom(std::ostream& os, const graph& g, const export_options& opts) {
    const node_columns ncols(g, opts);
    const edge_columns ecols(g, opts);
    const auto id = [&](index v) {
        return opts.dot.label_ids ? '"' + quoted_escape(g.label(v), false) + '"' : 'n' + std::to_string(v);
    };
    const auto attributes = [&](const std::vector<column>& names, auto&& value) {
        std::string a;
        for (std::size_t c = 0; c < names.size(); ++c)
            a += (c ? ", " : "") + names[c].header + '=' + dot_value(value(c));
        return a.empty() ? a : " [" + a + ']';
    };
    os << "graph " << opts.dot.name << " {\n";
    for (const auto& st : opts.dot.statements) os << "  " << st << "\n";
    std::vector<char> written(static_cast<std::size_t>(g.num_nodes()), opts.dot.nodes ? 0 : 1);
    const auto node = [&](index v) {
        if (opts.node_columns.empty() && !opts.dot.label_ids) {
            os << "  " << id(v) << " [label=\"" << quoted_escape(g.label(v), false) << "\"];\n";
            return;
        }
        os << "  " << id(v) << attributes(opts.node_columns, [&](std::size_t c) { return ncols(c, v); }) << ";\n";
    };
    if (!opts.dot.nodes) {
        for (index v = 0; v < g.num_nodes(); ++v) node(v);
    } else {
        for (const index v : *opts.dot.nodes) {
            written[static_cast<std::size_t>(v)] = 1;
            node(v);
        }
    }
    index number = 0;
    for (const edge& e : g.edges()) {
        if (written[static_cast<std::size_t>(e.u)] && written[static_cast<std::size_t>(e.v)]) {
            os << "  " << id(e.u) << " -- " << id(e.v);
            if (opts.edge_columns.empty())
                os << " [weight=\"" << num(e.weight) << "\"]";
            else
                os << attributes(opts.edge_columns, [&](std::size_t c) { return ecols(c, e, number); });
            os << ";\n";
        }
        ++number;
    }
    os << "}\n";
}

}  // namespace detail

/// \brief Writes GraphML (undirected; node data: label, node weight, cluster,
/// scores; edge data: weight). Node ids are "n0", "n1", ... in node order.
///
/// Read back by NetworkX read_graphml and igraph Graph.Read_GraphML.
/// \throws invalid_argument if clusters/scores have the wrong size.
/// Complexity: O(n + m).
inline void write_graphml(std::ostream& os, const graph& g, const export_options& opts = {}) {
    detail::check_export(g, opts);
    os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    os << "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n";
    os << "  <key id=\"nw\" for=\"node\" attr.name=\"" << detail::xml(opts.node_weight_name)
       << "\" attr.type=\"double\"/>\n";
    if (!opts.clusters.empty())
        os << "  <key id=\"cluster\" for=\"node\" attr.name=\"cluster\" attr.type=\"long\"/>\n";
    for (std::size_t k = 0; k < opts.scores.size(); ++k)
        os << "  <key id=\"s" << k << "\" for=\"node\" attr.name=\"" << detail::xml(opts.scores[k].name)
           << "\" attr.type=\"double\"/>\n";
    os << "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n";
    os << "  <graph id=\"G\" edgedefault=\"undirected\">\n";
    for (index v = 0; v < g.num_nodes(); ++v) {
        os << "    <node id=\"n" << v << "\"><data key=\"label\">" << detail::xml(g.label(v))
           << "</data><data key=\"nw\">" << detail::num(g.node_weight(v)) << "</data>";
        if (!opts.clusters.empty())
            os << "<data key=\"cluster\">" << opts.clusters[static_cast<std::size_t>(v)] << "</data>";
        for (std::size_t k = 0; k < opts.scores.size(); ++k)
            os << "<data key=\"s" << k << "\">" << detail::num(opts.scores[k].values[v]) << "</data>";
        os << "</node>\n";
    }
    for (const edge& e : g.edges())
        os << "    <edge source=\"n" << e.u << "\" target=\"n" << e.v << "\"><data key=\"weight\">"
           << detail::num(e.weight) << "</data></edge>\n";
    os << "  </graph>\n</graphml>\n";
}

/// \brief Writes GEXF 1.3 (static, undirected): node label, attribute
/// columns for the node weight, cluster and scores; edge weights.
///
/// Node ids are "0", "1", ...; edge ids "0", "1", ... in edges() order.
/// Read back by Gephi and NetworkX read_gexf (given the 1.3 namespace).
/// \throws invalid_argument if clusters/scores have the wrong size.
/// Complexity: O(n + m).
inline void write_gexf(std::ostream& os, const graph& g, const export_options& opts = {}) {
    detail::check_export(g, opts);
    os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
          "  <meta><creator>techconv</creator></meta>\n"
          "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n"
          "    <attributes class=\"node\" mode=\"static\">\n";
    os << "      <attribute id=\"0\" title=\"" << detail::xml(opts.node_weight_name) << "\" type=\"double\"/>\n";
    if (!opts.clusters.empty()) os << "      <attribute id=\"1\" title=\"cluster\" type=\"long\"/>\n";
    for (std::size_t k = 0; k < opts.scores.size(); ++k)
        os << "      <attribute id=\"" << k + 2 << "\" title=\"" << detail::xml(opts.scores[k].name)
           << "\" type=\"double\"/>\n";
    os << "    </attributes>\n    <nodes>\n";
    for (index v = 0; v < g.num_nodes(); ++v) {
        os << "      <node id=\"" << v << "\" label=\"" << detail::xml(g.label(v)) << "\"><attvalues>"
           << "<attvalue for=\"0\" value=\"" << detail::num(g.node_weight(v)) << "\"/>";
        if (!opts.clusters.empty())
            os << "<attvalue for=\"1\" value=\"" << opts.clusters[static_cast<std::size_t>(v)] << "\"/>";
        for (std::size_t k = 0; k < opts.scores.size(); ++k)
            os << "<attvalue for=\"" << k + 2 << "\" value=\"" << detail::num(opts.scores[k].values[v]) << "\"/>";
        os << "</attvalues></node>\n";
    }
    os << "    </nodes>\n    <edges>\n";
    index id = 0;
    for (const edge& e : g.edges())
        os << "      <edge id=\"" << id++ << "\" source=\"" << e.u << "\" target=\"" << e.v << "\" weight=\""
           << detail::num(e.weight) << "\"/>\n";
    os << "    </edges>\n  </graph>\n</gexf>\n";
}

/// \brief Writes a Pajek .net file: `*Vertices n` with quoted labels (1-based
/// ids), then `*Edges` with `u v weight` lines.
///
/// Double quotes inside labels become single quotes (Pajek has no escape).
/// Read back by Pajek, VOSviewer, NetworkX read_pajek and igraph.
/// Complexity: O(n + m).
inline void write_pajek(std::ostream& os, const graph& g) {
    os << "*Vertices " << g.num_nodes() << "\n";
    for (index v = 0; v < g.num_nodes(); ++v) {
        std::string l = detail::plain(g.label(v), '\0');
        for (char& c : l)
            if (c == '"') c = '\'';
        os << v + 1 << " \"" << l << "\"\n";
    }
    os << "*Edges\n";
    for (const edge& e : g.edges()) os << e.u + 1 << ' ' << e.v + 1 << ' ' << detail::num(e.weight) << "\n";
}

/// \brief Writes a Pajek partition (.clu): `*Vertices n`, then the cluster of
/// each node plus one (Pajek clusters are conventionally 1-based).
/// \throws invalid_argument if clusters.size() != g.num_nodes().
/// Complexity: O(n).
inline void write_pajek_clusters(std::ostream& os, const graph& g, const std::vector<index>& clusters) {
    techconv::detail::require(static_cast<index>(clusters.size()) == g.num_nodes(),
                              "cograph::write_pajek_clusters: one cluster per node required");
    os << "*Vertices " << g.num_nodes() << "\n";
    for (const index c : clusters) os << c + 1 << "\n";
}

/// \brief Writes a VOSviewer map file (tab-separated, header row): id (1-based),
/// label, cluster (cluster + 1, when given), weight<Links>, weight<Total link
/// strength>, weight<node weight name>, and score<name> columns.
///
/// VOSviewer computes a layout when x and y are absent.
/// \throws invalid_argument if clusters/scores have the wrong size.
/// Complexity: O(n + m).
inline void write_vosviewer_map(std::ostream& os, const graph& g, const export_options& opts = {}) {
    detail::check_export(g, opts);
    os << "id\tlabel";
    if (!opts.clusters.empty()) os << "\tcluster";
    os << "\tweight<Links>\tweight<Total link strength>\tweight<" << detail::plain(opts.node_weight_name, '>')
       << ">";
    for (const auto& s : opts.scores) os << "\tscore<" << detail::plain(s.name, '>') << ">";
    os << "\n";
    for (index v = 0; v < g.num_nodes(); ++v) {
        const adjacency a = g.neighbors(v);
        double st = 0;
        for (index k = 0; k < a.size(); ++k) st += a.weight(k);
        os << v + 1 << '\t' << detail::plain(g.label(v), '\0');
        if (!opts.clusters.empty()) os << '\t' << opts.clusters[static_cast<std::size_t>(v)] + 1;
        os << '\t' << a.size() << '\t' << detail::num(st) << '\t' << detail::num(g.node_weight(v));
        for (const auto& s : opts.scores) os << '\t' << detail::num(s.values[v]);
        os << "\n";
    }
}

/// \brief Writes a VOSviewer network file: `id1 TAB id2 TAB strength` per edge
/// (1-based ids, each undirected edge once, no header).
/// Complexity: O(m).
inline void write_vosviewer_network(std::ostream& os, const graph& g) {
    for (const edge& e : g.edges()) os << e.u + 1 << '\t' << e.v + 1 << '\t' << detail::num(e.weight) << "\n";
}

/// \brief Writes VOSviewer JSON: `{"network": {"items": [...], "links": [...]}}`
/// with item ids 1-based, `cluster` (+1) when given, `weights` (Links,
/// Total link strength, node weight) and `scores`; links carry
/// `source_id`, `target_id`, `strength`.
/// \throws invalid_argument if clusters/scores have the wrong size.
/// Complexity: O(n + m).
inline void write_vosviewer_json(std::ostream& os, const graph& g, const export_options& opts = {}) {
    detail::check_export(g, opts);
    os << "{\"network\":{\"items\":[";
    for (index v = 0; v < g.num_nodes(); ++v) {
        const adjacency a = g.neighbors(v);
        double st = 0;
        for (index k = 0; k < a.size(); ++k) st += a.weight(k);
        os << (v ? ",\n" : "\n") << "{\"id\":" << v + 1 << ",\"label\":\""
           << detail::quoted_escape(g.label(v), true) << '"';
        if (!opts.clusters.empty()) os << ",\"cluster\":" << opts.clusters[static_cast<std::size_t>(v)] + 1;
        os << ",\"weights\":{\"Links\":" << a.size() << ",\"Total link strength\":" << detail::num(st) << ",\""
           << detail::quoted_escape(opts.node_weight_name, true) << "\":" << detail::num(g.node_weight(v)) << '}';
        if (!opts.scores.empty()) {
            os << ",\"scores\":{";
            for (std::size_t k = 0; k < opts.scores.size(); ++k)
                os << (k ? "," : "") << '"' << detail::quoted_escape(opts.scores[k].name, true)
                   << "\":" << detail::num(opts.scores[k].values[v]);
            os << '}';
        }
        os << '}';
    }
    os << "],\n\"links\":[";
    bool first = true;
    for (const edge& e : g.edges()) {
        os << (first ? "\n" : ",\n") << "{\"source_id\":" << e.u + 1 << ",\"target_id\":" << e.v + 1
           << ",\"strength\":" << detail::num(e.weight) << '}';
        first = false;
    }
    os << "]}}\n";
}

/// \brief Writes the node table as CSV: id (0-based), label, node weight,
/// degree, strength, cluster (when given), one column per score.
///
/// With opts.node_columns the table has exactly those columns, in that order
/// (see column for the sources; texts are quoted as RFC 4180 requires,
/// integers written as integers, other numbers in shortest round-trip form).
/// \throws invalid_argument if clusters/scores/texts have the wrong size or a
/// chosen column names an unknown source.
/// Complexity: O(n + m).
inline void write_nodes_csv(std::ostream& os, const graph& g, const export_options& opts = {}) {
    detail::check_export(g, opts);
    if (!opts.node_columns.empty()) {
        const detail::node_columns cols(g, opts);
        for (std::size_t c = 0; c < cols.size(); ++c)
            os << (c ? "," : "") << detail::csv(opts.node_columns[c].header);
        os << "\n";
        for (index v = 0; v < g.num_nodes(); ++v) {
            for (std::size_t c = 0; c < cols.size(); ++c) os << (c ? "," : "") << detail::csv_value(cols(c, v));
            os << "\n";
        }
        return;
    }
    os << "id,label," << detail::csv(opts.node_weight_name) << ",degree,strength";
    if (!opts.clusters.empty()) os << ",cluster";
    for (const auto& s : opts.scores) os << ',' << detail::csv(s.name);
    os << "\n";
    for (index v = 0; v < g.num_nodes(); ++v) {
        const adjacency a = g.neighbors(v);
        double st = 0;
        for (index k = 0; k < a.size(); ++k) st += a.weight(k);
        os << v << ',' << detail::csv(g.label(v)) << ',' << detail::num(g.node_weight(v)) << ',' << a.size()
           << ',' << detail::num(st);
        if (!opts.clusters.empty()) os << ',' << opts.clusters[static_cast<std::size_t>(v)];
        for (const auto& s : opts.scores) os << ',' << detail::num(s.values[v]);
        os << "\n";
    }
}

/// \brief Writes the edge table as CSV: source, target (0-based ids),
/// source_label, target_label, weight; each undirected edge once (u < v).
/// Complexity: O(m).
inline void write_edges_csv(std::ostream& os, const graph& g) {
    os << "source,target,source_label,target_label,weight\n";
    for (const edge& e : g.edges())
        os << e.u << ',' << e.v << ',' << detail::csv(g.label(e.u)) << ',' << detail::csv(g.label(e.v)) << ','
           << detail::num(e.weight) << "\n";
}

/// \brief Writes the edge table as CSV with the columns of opts.edge_columns
/// (all five default columns when it is empty); each undirected edge once (u < v).
/// \throws invalid_argument if an edge text has the wrong size or a chosen
/// column names an unknown source.
/// Complexity: O(m).
inline void write_edges_csv(std::ostream& os, const graph& g, const export_options& opts) {
    if (opts.edge_columns.empty()) {
        write_edges_csv(os, g);
        return;
    }
    detail::check_export(g, opts);
    const detail::edge_columns cols(g, opts);
    for (std::size_t c = 0; c < cols.size(); ++c) os << (c ? "," : "") << detail::csv(opts.edge_columns[c].header);
    os << "\n";
    index number = 0;
    for (const edge& e : g.edges()) {
        for (std::size_t c = 0; c < cols.size(); ++c) os << (c ? "," : "") << detail::csv_value(cols(c, e, number));
        os << "\n";
        ++number;
    }
}

/// \brief Writes Graphviz DOT: `graph G { ... }` with nodes n0, n1, ...
/// carrying `label`, the node weight, cluster and scores, edges carrying
/// `weight` (numbers quoted, as DOT numerals cannot hold an exponent).
///
/// opts.dot changes the layout: the graph name, statements written first,
/// nodes named by their quoted labels, and the nodes written (in a given order;
/// an edge only when both ends are written). With opts.node_columns or
/// opts.edge_columns, nodes or edges carry exactly those attributes (texts
/// bare when they are DOT numerals, quoted otherwise; numbers quoted).
/// \throws invalid_argument if clusters/scores/texts have the wrong size, a
/// dot node id is out of range or a chosen column names an unknown source.
/// Complexity: O(n + m).
inline void write_dot(std::ostream& os, const graph& g, const export_options& opts = {}) {
    detail::check_export(g, opts);
    const bool custom = opts.dot.name != "G" || !opts.dot.statements.empty() || opts.dot.label_ids ||
                        opts.dot.nodes.has_value() || !opts.node_columns.empty() || !opts.edge_columns.empty();
    if (custom) {
        detail::write_dot_custom(os, g, opts);
        return;
    }
    // DOT numerals have no exponent: every number is written as a quoted string.
    auto id = [](std::string_view s) {
        bool bare = !s.empty() && !(s[0] >= '0' && s[0] <= '9');
        for (const char c : s)
            bare = bare && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
        return bare ? std::string(s) : '"' + detail::quoted_escape(s, false) + '"';
    };
    os << "graph G {\n";
    for (index v = 0; v < g.num_nodes(); ++v) {
        os << "  n" << v << " [label=\"" << detail::quoted_escape(g.label(v), false) << "\", "
           << id(opts.node_weight_name) << "=\"" << detail::num(g.node_weight(v)) << '"';
        if (!opts.clusters.empty()) os << ", cluster=\"" << opts.clusters[static_cast<std::size_t>(v)] << '"';
        for (const auto& s : opts.scores) os << ", " << id(s.name) << "=\"" << detail::num(s.values[v]) << '"';
        os << "];\n";
    }
    for (const edge& e : g.edges())
        os << "  n" << e.u << " -- n" << e.v << " [weight=\"" << detail::num(e.weight) << "\"];\n";
    os << "}\n";
}

}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_EXPORT_HPP_
