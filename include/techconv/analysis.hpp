// SPDX-License-Identifier: BSL-1.0
//
// Aggregate header of the analysis layer: the [KCT] and [COOP] recipes (patent
// rules, indicator matrix, group profiles, ...) built on the records, readers and
// measure modules. Includes <fstream> through the readers.
#ifndef TECHCONV_ANALYSIS_HPP_
#define TECHCONV_ANALYSIS_HPP_

#include "techconv/analysis/branches.hpp"
#include "techconv/analysis/collaboration.hpp"
#include "techconv/analysis/collaboration_inputs.hpp"
#include "techconv/analysis/forecast.hpp"
#include "techconv/analysis/group_diversity.hpp"
#include "techconv/analysis/indicators.hpp"
#include "techconv/analysis/kct_indicators.hpp"
#include "techconv/analysis/keycore.hpp"
#include "techconv/analysis/network.hpp"
#include "techconv/analysis/network_selection.hpp"
#include "techconv/analysis/patent_rules.hpp"
#include "techconv/analysis/profile.hpp"
#include "techconv/analysis/table_weights.hpp"

#endif  // TECHCONV_ANALYSIS_HPP_
