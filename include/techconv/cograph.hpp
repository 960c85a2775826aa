// SPDX-License-Identifier: BSL-1.0
//
// The co-classification graph module: incidence, co-occurrence, the graph
// type, centralities, structure, communities and exports. Never includes
// Boost.Graph (see techconv/cograph/boost_graph.hpp for the adapter).
#ifndef TECHCONV_COGRAPH_HPP_
#define TECHCONV_COGRAPH_HPP_

#include "techconv/cograph/centrality.hpp"
#include "techconv/cograph/community.hpp"
#include "techconv/cograph/cooccurrence.hpp"
#include "techconv/cograph/export.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/cograph/incidence.hpp"
#include "techconv/cograph/link_prediction.hpp"
#include "techconv/cograph/structure.hpp"

#endif  // TECHCONV_COGRAPH_HPP_
