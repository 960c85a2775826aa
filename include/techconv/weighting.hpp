// SPDX-License-Identifier: BSL-1.0
//
// techconv::weighting: entropy weights, objective weights, indicator
// hierarchies, scores and top-k selection ([KCT] section 1.1).
#ifndef TECHCONV_WEIGHTING_HPP_
#define TECHCONV_WEIGHTING_HPP_

#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/entropy.hpp"
#include "techconv/weighting/hierarchy.hpp"
#include "techconv/weighting/normalize.hpp"
#include "techconv/weighting/objective.hpp"
#include "techconv/weighting/partials.hpp"
#include "techconv/weighting/pipeline.hpp"
#include "techconv/weighting/score.hpp"
#include "techconv/weighting/stream.hpp"
#include "techconv/weighting/top_k.hpp"

#endif  // TECHCONV_WEIGHTING_HPP_
