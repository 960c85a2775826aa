// SPDX-License-Identifier: BSL-1.0
//
// Aggregate header of the closeness module: collaboration counting from
// records with sets of actors, Salton and related measures on sparse
// co-occurrence matrices, importance shares, per-year series, period
// comparison, peak years and institution-level shares ([COOP], METHODS §6).
#ifndef TECHCONV_CLOSENESS_HPP_
#define TECHCONV_CLOSENESS_HPP_

#include "techconv/closeness/counting.hpp"
#include "techconv/closeness/institutions.hpp"
#include "techconv/closeness/matrix.hpp"
#include "techconv/closeness/measures.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/closeness/series.hpp"

#endif  // TECHCONV_CLOSENESS_HPP_
