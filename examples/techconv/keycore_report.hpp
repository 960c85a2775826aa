// SPDX-License-Identifier: BSL-1.0
//
// The option table of `techconv keycore` and its report files, written by one
// process and by rank 0 under mpirun alike (cmd_keycore.cpp), so that both write
// the same files byte for byte.
#ifndef TECHCONV_CLI_KEYCORE_REPORT_HPP_
#define TECHCONV_CLI_KEYCORE_REPORT_HPP_

#include <string>  // std::string

#include <techconv/report/command_line.hpp>
#include <techconv/report/tables.hpp>

namespace tcli {

/// The options, synopsis and output list of `techconv keycore`.
const techconv::report::command_spec& keycore_spec();

/// Writes weights.csv, top20.csv, groups.csv, industries.csv (with a concordance), report.json
/// and report.md into `dir` (everything but scores.csv).
void write_keycore_report(const std::string& dir, const techconv::report::key_core_report& r);

}  // namespace tcli

#endif  // TECHCONV_CLI_KEYCORE_REPORT_HPP_
