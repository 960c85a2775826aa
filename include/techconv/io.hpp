// SPDX-License-Identifier: BSL-1.0
//
// Opt-in umbrella of the input/output module (includes <fstream>).
#ifndef TECHCONV_IO_HPP_
#define TECHCONV_IO_HPP_

#include "techconv/io/csv.hpp"
#include "techconv/io/encoding.hpp"
#include "techconv/io/json.hpp"
#include "techconv/io/line_reader.hpp"
#include "techconv/io/parse.hpp"

#endif  // TECHCONV_IO_HPP_
