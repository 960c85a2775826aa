// SPDX-License-Identifier: BSL-1.0
//
// OPT-IN adapter between cograph::graph and Boost.Graph. This is the only
// techconv header that includes Boost.Graph; cograph.hpp and techconv.hpp
// never pull it in.
#ifndef TECHCONV_COGRAPH_BOOST_GRAPH_HPP_
#define TECHCONV_COGRAPH_BOOST_GRAPH_HPP_

#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/properties.hpp>
#include <boost/property_map/property_map.hpp>

#include "techconv/cograph/detail/paths.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/config.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief The Boost.Graph type produced by to_boost_graph(): undirected
/// adjacency_list, vertex_name = label, edge_weight = weight.
using boost_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                          boost::property<boost::vertex_name_t, std::string>,
                                          boost::property<boost::edge_weight_t, double>>;

/// \brief Copies a cograph::graph into a Boost.Graph adjacency_list.
///
/// Vertex i of the result is node i; each undirected edge appears once.
/// Complexity: O(n + m).
inline boost_graph to_boost_graph(const graph& g) {
    boost_graph b(static_cast<std::size_t>(g.num_nodes()));
    for (index v = 0; v < g.num_nodes(); ++v)
        boost::put(boost::vertex_name, b, static_cast<std::size_t>(v), g.label(v));
    for (const edge& e : g.edges())
        boost::add_edge(static_cast<std::size_t>(e.u), static_cast<std::size_t>(e.v), e.weight, b);
    return b;
}

/// \brief Copies any undirected Boost.Graph with an edge_weight property and
/// a vertex_index into a cograph::graph (parallel edges summed, self-loops dropped).
///
/// \param b      the Boost graph.
/// \param labels node labels (empty: "0", "1", ...).
/// Complexity: O(n + m log m).
template <class BoostGraph>
graph from_boost_graph(const BoostGraph& b, std::vector<std::string> labels = {}) {
    std::vector<edge> es;
    const auto idx = boost::get(boost::vertex_index, b);
    const auto wt = boost::get(boost::edge_weight, b);
    for (auto [it, end] = boost::edges(b); it != end; ++it)
        es.push_back(edge{static_cast<index>(boost::get(idx, boost::source(*it, b))),
                          static_cast<index>(boost::get(idx, boost::target(*it, b))), boost::get(wt, *it)});
    return graph::from_edges(static_cast<index>(boost::num_vertices(b)), es, std::move(labels));
}

/// \brief Betweenness by Boost.Graph's brandes_betweenness_centrality, with
/// the same weight meanings as cograph::betweenness() (for cross-checks and
/// comparisons; cograph::betweenness() is the faster, parallel one).
///
/// Values follow cograph::betweenness(normalized = false): on an undirected
/// graph Boost.Graph already counts each unordered pair once.
/// Complexity: O(n m log n) weighted, O(n m) unweighted.
inline vector boost_betweenness(const graph& g, weight_meaning meaning = weight_meaning::similarity) {
    boost_graph b = to_boost_graph(g);
    std::vector<double> cent(static_cast<std::size_t>(g.num_nodes()), 0.0);
    auto cmap = boost::make_iterator_property_map(cent.begin(), boost::get(boost::vertex_index, b));
    if (meaning == weight_meaning::ignore) {
        boost::brandes_betweenness_centrality(b, boost::centrality_map(cmap));
    } else {
        auto w = boost::get(boost::edge_weight, b);
        for (auto [it, end] = boost::edges(b); it != end; ++it) w[*it] = detail::edge_length(w[*it], meaning);
        boost::brandes_betweenness_centrality(b, boost::centrality_map(cmap).weight_map(w));
    }
    vector out(g.num_nodes());
    for (index v = 0; v < g.num_nodes(); ++v) out[v] = cent[static_cast<std::size_t>(v)];
    return out;
}

}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_BOOST_GRAPH_HPP_
