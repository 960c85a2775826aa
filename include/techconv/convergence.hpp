// SPDX-License-Identifier: BSL-1.0
//
// The convergence module: [KCT]'s convergence index and all-vs-main gap,
// diversity indices (richness, Shannon, Pielou, Simpson, Gini-Simpson/Blau,
// HHI, Hill numbers, Rao-Stirling), concentration (CR_k, HHI, applicant
// shares) and single- and multi-label share tables.
#ifndef TECHCONV_CONVERGENCE_HPP_
#define TECHCONV_CONVERGENCE_HPP_

#include "techconv/convergence/common.hpp"
#include "techconv/convergence/concentration.hpp"
#include "techconv/convergence/convergence_index.hpp"
#include "techconv/convergence/diversity.hpp"
#include "techconv/convergence/rao_stirling.hpp"
#include "techconv/convergence/shares.hpp"

#endif  // TECHCONV_CONVERGENCE_HPP_
