// SPDX-License-Identifier: BSL-1.0
//
// The report files of `techconv keycore`, shared with
// examples/distributed_keycore (both link the techconv_report library) so
// that both write the same files byte for byte: every output file except
// scores.csv (report::write_scores_csv formats that one).
#ifndef TECHCONV_CLI_KEYCORE_REPORT_HPP_
#define TECHCONV_CLI_KEYCORE_REPORT_HPP_

#include <string>  // std::string

#include <techconv/report/tables.hpp>

#include "cli.hpp"

namespace tcli {

/// The options, synopsis and output list of `techconv keycore`.
const command_spec& keycore_spec();

/// Everything keycore reports besides the per-record scores (the library's).
using keycore_report = techconv::report::key_core_report;
using techconv::report::set_key_core;

/// Writes weights.csv, top20.csv, groups.csv, industries.csv (with a concordance), report.json and report.md.
void write_keycore_report(const std::string& dir, const keycore_report& r);

}  // namespace tcli

#endif  // TECHCONV_CLI_KEYCORE_REPORT_HPP_
