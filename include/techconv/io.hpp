// SPDX-License-Identifier: BSL-1.0
//
// Opt-in umbrella of the input/output module: the domain readers (Lens, USPTO,
// generic patent CSV, WoS, Scopus) and the format and records layers they
// stand on (includes <fstream>).
#ifndef TECHCONV_IO_HPP_
#define TECHCONV_IO_HPP_

#include "techconv/classification/country.hpp"
#include "techconv/format.hpp"
#include "techconv/io/applicant_type.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/canonical_csv.hpp"
#include "techconv/io/csv_works.hpp"
#include "techconv/io/dates.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/lens.hpp"
#include "techconv/io/line_records.hpp"
#include "techconv/io/numeric_table.hpp"
#include "techconv/io/papers.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/io/pubmed.hpp"
#include "techconv/io/scopus.hpp"
#include "techconv/io/uspto_xml.hpp"
#include "techconv/io/wos.hpp"
#include "techconv/records.hpp"

#endif  // TECHCONV_IO_HPP_
