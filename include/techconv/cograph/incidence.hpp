// SPDX-License-Identifier: BSL-1.0
//
// The records x codes incidence of the co-classification graph. The type
// lives in records/incidence.hpp (records::incidence_matrix, shared with
// closeness and the group profiles); cograph names it here so that
// cograph::incidence_builder and friends keep working.
#ifndef TECHCONV_COGRAPH_INCIDENCE_HPP_
#define TECHCONV_COGRAPH_INCIDENCE_HPP_

#include "techconv/config.hpp"
#include "techconv/records/incidence.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

using records::code_selection;
using records::incidence;
using records::incidence_builder;
using records::incidence_matrix;
using records::incidence_options;
using records::label_strings;
using records::merge_records;
using records::sparse_matrix;

}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_INCIDENCE_HPP_
