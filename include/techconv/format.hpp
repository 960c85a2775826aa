// SPDX-License-Identifier: BSL-1.0
//
// Aggregate header of the format module: the generic text formats every other
// module may use (CSV, JSON, line reader, encodings, number parsing). No domain
// knowledge; includes <fstream>.
#ifndef TECHCONV_FORMAT_HPP_
#define TECHCONV_FORMAT_HPP_

#include "techconv/format/csv.hpp"
#include "techconv/format/encoding.hpp"
#include "techconv/format/json.hpp"
#include "techconv/format/line_ends.hpp"
#include "techconv/format/line_reader.hpp"
#include "techconv/format/parse.hpp"

#endif  // TECHCONV_FORMAT_HPP_
