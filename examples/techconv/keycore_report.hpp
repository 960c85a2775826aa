// SPDX-License-Identifier: BSL-1.0
//
// The report files of `techconv keycore`, shared with
// examples/distributed_keycore (both link the techconv_report library) so
// that both write the same files byte for byte: every output file except
// scores.csv (write_scores_rows formats that one).
#ifndef TECHCONV_CLI_KEYCORE_REPORT_HPP_
#define TECHCONV_CLI_KEYCORE_REPORT_HPP_

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector

#include <techconv/analysis/keycore.hpp>
#include <techconv/analysis/profile.hpp>
#include <techconv/records/patent.hpp>
#include <techconv/types.hpp>
#include <techconv/weighting/entropy.hpp>

#include "cli.hpp"

namespace tcli {

/// The options, synopsis and output list of `techconv keycore`.
const command_spec& keycore_spec();

/// Everything keycore reports besides the per-record scores.
struct keycore_report {
    std::vector<std::string> notes;  ///< per input file
    std::size_t read = 0;            ///< records read
    std::size_t records = 0;         ///< after family merging
    std::size_t merged = 0;          ///< folded into another family member
    techconv::index rows = 0;        ///< scored records
    std::size_t dropped = 0;         ///< dropped for a missing indicator
    std::vector<techconv::io::indicator> columns, absent, incomplete;
    techconv::weighting::entropy_result weighting;
    double fraction = 0.05;          ///< --top
    techconv::index k = 0;           ///< key-core size
    double threshold = 0.0;          ///< score of the k-th record
    std::string missing;             ///< --missing policy name
    bool by_country = false;         ///< --group-by country
    std::vector<std::string> subgroup_names;  ///< level-2 groups of the sub-scores
    std::vector<techconv::analysis::key_core_top_row> top;       ///< the best min(20, rows), rank order
    std::vector<techconv::convergence::group_profile> profiles;  ///< group_profiles(...).groups
    bool industries_table = false;   ///< write industries.csv (--concordance)
    std::vector<techconv::analysis::industry_row> industries;    ///< its rows
};

/// The report of an analysis::key_core result (input fields left to the caller).
void set_key_core(keycore_report& r, const techconv::analysis::key_core_result& kc, const std::string& missing,
                  bool by_country);

/// Writes weights.csv, top20.csv, groups.csv, industries.csv (with a concordance), report.json and report.md.
void write_keycore_report(const std::string& dir, const keycore_report& r);

}  // namespace tcli

#endif  // TECHCONV_CLI_KEYCORE_REPORT_HPP_
