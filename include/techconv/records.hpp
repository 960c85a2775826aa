// SPDX-License-Identifier: BSL-1.0
//
// Aggregate header of the records module: the patent record, its field
// vocabulary and patent families, above format/ and below every reader.
#ifndef TECHCONV_RECORDS_HPP_
#define TECHCONV_RECORDS_HPP_

#include "techconv/records/families.hpp"
#include "techconv/records/labels.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"

#endif  // TECHCONV_RECORDS_HPP_
