// SPDX-License-Identifier: BSL-1.0
//
// The small shared vocabulary of techconv: index type, dense matrix and
// vector aliases, year and label id types, sentinels.
#ifndef TECHCONV_TYPES_HPP_
#define TECHCONV_TYPES_HPP_

#include <cstdint>  // std::int32_t, std::uint32_t
#include <limits>   // std::numeric_limits

#include <Eigen/Core>

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN

/// Index type used everywhere (Eigen's, signed): no sign conversions at the
/// Eigen boundary.
using index = Eigen::Index;

/// Dense column-major matrix of doubles (records x indicators).
using matrix = Eigen::MatrixXd;
/// Dense row-major matrix of doubles (the layout of CSV and binary files).
using row_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// Dense column vector of doubles.
using vector = Eigen::VectorXd;
/// Dense column vector of indices.
using index_vector = Eigen::Matrix<index, Eigen::Dynamic, 1>;

/// Calendar year (publication, filing, priority).
using year_type = std::int32_t;
/// Dense id of a label in a dictionary (codes, countries, categories).
using label_id = std::uint32_t;

/// "No year": a record whose year is unknown.
inline constexpr year_type no_year = std::numeric_limits<year_type>::min();
/// "No label": an id that refers to nothing.
inline constexpr label_id no_label = std::numeric_limits<label_id>::max();
/// "No index": a position that refers to nothing.
inline constexpr index no_index = -1;

TECHCONV_NAMESPACE_END

#endif  // TECHCONV_TYPES_HPP_
