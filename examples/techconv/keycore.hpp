// SPDX-License-Identifier: BSL-1.0
//
// The pieces of `techconv keycore` that examples/distributed_keycore shares,
// so that both write the same files byte for byte: the group of a record,
// its profile entry, the level-2 sub-scores, and the writer of every output
// file except scores.csv (write_scores_rows formats that one).
#ifndef TECHCONV_CLI_KEYCORE_HPP_
#define TECHCONV_CLI_KEYCORE_HPP_

#include <cstdint>  // std::int64_t
#include <string>   // std::string
#include <vector>   // std::vector

#include <techconv/analysis/profile.hpp>
#include <techconv/analysis/indicators.hpp>
#include <techconv/records/patent.hpp>
#include <techconv/types.hpp>
#include <techconv/weighting/entropy.hpp>
#include <techconv/weighting/pipeline.hpp>

#include "cli.hpp"

namespace tcli {

/// The group of a record in keycore: its country (--group-by country) or
/// "all"; "(unknown)" when the country is unknown.
std::string keycore_group(const techconv::io::patent_record& r, bool by_country, country_source src);

/// Adds a record to a profile table or a parallel::profile_partial with the
/// arguments keycore uses: IPC subclasses (main first), applicant names and types.
template <class Table>
void add_profile_entry(Table& t, const techconv::io::patent_record& r, const std::string& group, bool key_core) {
    std::vector<std::string> codes, names, types;
    for (const auto& x : r.ipc)
        if (x.size() >= 4) codes.push_back(x.substr(0, 4));
    for (const auto& p : r.applicants) {
        names.push_back(p.name);
        types.emplace_back(techconv::io::to_string(p.type));
    }
    t.add(group, key_core, codes, std::vector<std::string>{}, names, types);
}

/// The [KCT] level-2 groups of the present indicators: their names (in
/// [KCT] order) and the per-record sub-scores sum_{j in g} w_j x'_ij.
techconv::matrix keycore_subscores(const techconv::matrix& values, const std::vector<techconv::io::indicator>& columns,
                                   const techconv::weighting::entropy_result& w, std::vector<std::string>& names);

/// One row of top20.csv.
struct keycore_top_row {
    std::string id;                 ///< record id
    double score = 0.0;             ///< s_i
    std::string group;              ///< keycore_group
    techconv::year_type year = techconv::no_year;  ///< application year, else publication year
    std::string title;              ///< title
    std::vector<double> sub;        ///< one sub-score per level-2 group
};

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
    std::vector<keycore_top_row> top;         ///< the best min(20, rows), rank order
    std::vector<techconv::convergence::group_profile> profiles;  ///< group_profiles(...).groups
};

/// Fills the report's weighting and selection fields from a key-core result and the options.
void set_key_core(keycore_report& r, const techconv::weighting::key_core_result& kc, double fraction,
                  const std::string& missing, bool by_country);

/// The profile options keycore uses for groups.csv.
techconv::convergence::profile_options keycore_profile_options();

/// Writes weights.csv, top20.csv, groups.csv, report.json and report.md into `dir`.
void write_keycore_report(const std::string& dir, const keycore_report& r);

}  // namespace tcli

#endif  // TECHCONV_CLI_KEYCORE_HPP_
