// SPDX-License-Identifier: BSL-1.0
//
// Forward declarations of techconv's public core types, for headers of
// users' own that only pass them around.
#ifndef TECHCONV_FWD_HPP_
#define TECHCONV_FWD_HPP_

#include <cstdint>  // std::uint8_t

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN
enum class error_code : std::uint8_t;
enum class status : std::uint8_t;
struct source_location;
class invalid_argument;
class parse_error;
namespace classification {
enum class ipc_level : std::uint8_t;
class ipc_code;
struct ipc_pattern;
class concordance;
class code_dictionary;
class title_table;
class term_classifier;
}  // namespace classification
namespace io {
struct csv_options;
class csv_reader;
class csv_writer;
struct line_options;
class line_reader;
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FWD_HPP_
