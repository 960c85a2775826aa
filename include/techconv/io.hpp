// SPDX-License-Identifier: BSL-1.0
//
// Opt-in umbrella of the input/output module (includes <fstream>).
#ifndef TECHCONV_IO_HPP_
#define TECHCONV_IO_HPP_

#include "techconv/classification/country.hpp"
#include "techconv/io/applicant_type.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/csv.hpp"
#include "techconv/io/encoding.hpp"
#include "techconv/io/families.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/indicators.hpp"
#include "techconv/io/json.hpp"
#include "techconv/io/lens.hpp"
#include "techconv/io/line_reader.hpp"
#include "techconv/io/parse.hpp"
#include "techconv/io/patent.hpp"
#include "techconv/io/scopus.hpp"
#include "techconv/io/uspto_xml.hpp"
#include "techconv/io/wos.hpp"

#endif  // TECHCONV_IO_HPP_
