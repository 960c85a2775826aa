// SPDX-License-Identifier: BSL-1.0
//
// Aggregate header of the records module: the patent record, its field
// vocabulary and patent families, the columnar patent and paper tables, the
// records x labels incidence with its
// counting vocabulary and co-occurrence engine, above format/ and below every
// reader and measure.
#ifndef TECHCONV_RECORDS_HPP_
#define TECHCONV_RECORDS_HPP_

#include "techconv/records/cooccurrence.hpp"
#include "techconv/records/families.hpp"
#include "techconv/records/labels.hpp"
#include "techconv/records/paper_table.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"

#endif  // TECHCONV_RECORDS_HPP_
