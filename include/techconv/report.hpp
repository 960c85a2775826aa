// SPDX-License-Identifier: BSL-1.0
//
// Aggregate header of the report layer: the analyses' results written as the
// `techconv` command writes them — CSV tables (report/tables.hpp), JSON
// summaries (report/json.hpp), report.md texts (report/markdown.hpp) and the
// inputs of the pictures (report/plots.hpp), all to std::ostream. Opt-in like
// analysis.hpp (it includes the readers' <fstream> through it). The POSIX
// all-or-nothing output folder is a separate opt-in header:
// techconv/report/output_folder.hpp, and so is report/command.hpp, one run of a
// command over it; the command line itself is report/command_line.hpp.
#ifndef TECHCONV_REPORT_HPP_
#define TECHCONV_REPORT_HPP_

#include "techconv/report/command_line.hpp"
#include "techconv/report/forecast.hpp"
#include "techconv/report/json.hpp"
#include "techconv/report/markdown.hpp"
#include "techconv/report/plots.hpp"
#include "techconv/report/tables.hpp"

#endif  // TECHCONV_REPORT_HPP_
