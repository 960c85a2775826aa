// SPDX-License-Identifier: BSL-1.0
//
// The JSON summaries of the analyses as the `techconv` command writes them:
// report.json of the key core and summary.json of the network, each one whole
// file to a std::ostream through format/json.hpp (keys in a stable order,
// shortest round-trip numbers, a final newline).
#ifndef TECHCONV_REPORT_JSON_HPP_
#define TECHCONV_REPORT_JSON_HPP_

#include <cstddef>  // std::size_t
#include <cstdint>  // std::int64_t, std::uint64_t
#include <ostream>  // std::ostream
#include <limits>  // std::numeric_limits
#include <string>   // std::string
#include <string_view>  // std::string_view

#include "techconv/analysis/network.hpp"
#include "techconv/config.hpp"
#include "techconv/format/json.hpp"
#include "techconv/report/tables.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief report.json of the key core: inputs, counts, indicators with weights and
/// entropies, level-2 weights, the key core, the top rows and every group profile.
inline void write_key_core_json(std::ostream& f, const key_core_report& r) {
    const auto& wt = r.result.weighting;
    const auto& group_weights = r.result.group_weights;
    io::json_writer j(f);
    j.begin_object();
    j.key("command").value("keycore");
    j.key("inputs").begin_array();
    for (const auto& s : r.notes) j.value(s);
    j.end_array();
    j.key("records_read").value(r.read);
    j.key("records").value(r.records);
    j.key("families_merged").value(r.merged);
    j.key("rows").value(static_cast<std::int64_t>(r.scored));
    j.key("dropped_records").value(r.result.dropped);
    j.key("absent_indicators").begin_array();
    for (const auto ind : analysis::absent_indicators(r.result)) j.value(analysis::to_string(ind));
    j.end_array();
    j.key("incomplete_indicators").begin_array();
    for (const auto ind : analysis::incomplete_indicators(r.result)) j.value(analysis::to_string(ind));
    j.end_array();
    if (!r.result.chosen.empty()) {  // --indicators: what was asked for and how many records have each
        j.key("chosen_indicators").begin_array();
        for (const auto& c : r.result.coverage) {
            j.begin_object().key("indicator").value(analysis::to_string(c.indicator))
                .key("records_with_value").value(static_cast<std::int64_t>(c.with_value))
                .key("records_without_value").value(static_cast<std::int64_t>(c.without_value))
                .key("lower_bounds").value(static_cast<std::int64_t>(c.lower_bounds));
            j.key("missing_statuses").begin_object();
            for (std::size_t s = 0; s < analysis::quality_status_count; ++s)
                if (c.statuses[s] > 0)
                    j.key(analysis::to_string(static_cast<analysis::quality_status>(s)))
                        .value(static_cast<std::int64_t>(c.statuses[s]));
            j.end_object().end_object();
        }
        j.end_array();
    }
    j.key("weighting_status").value(to_string(wt.info));
    j.key("indicators").begin_array();
    const auto columns = analysis::weighted_indicators(r.result);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto jj = static_cast<index>(c);
        j.begin_object().key("indicator").value(analysis::to_string(columns[c]))
            .key("group").value(analysis::indicator_group(columns[c]))
            .key("weight").value(wt.weights[jj]).key("entropy").value(wt.entropy[jj])
            .end_object();
    }
    j.end_array();
    j.key("group_weights").begin_object();
    for (const auto& g : group_weights) j.key(g.group).value(g.weight);
    j.end_object();
    j.key("fraction").value(r.result.fraction);
    j.key("key_core").value(static_cast<std::int64_t>(r.result.k));
    j.key("threshold").value(r.result.threshold);
    j.key("top").begin_array();
    for (std::size_t p = 0; p < r.result.top.size(); ++p) {
        const auto& t = r.result.top[p];
        j.begin_object().key("rank").value(static_cast<std::int64_t>(p + 1))
            .key("id").value(t.id).key("score").value(t.score)
            .key("group").value(t.group).end_object();
    }
    j.end_array();
    j.key("groups").begin_array();
    for (const auto& g : r.result.profiles) {
        j.begin_object().key("group").value(g.group).key("records").value(static_cast<std::int64_t>(g.records))
            .key("key_core").value(static_cast<std::int64_t>(g.key_core));
        // a key core without IPC codes: the technology figures are null (not computed), not 0
        const bool tech = g.has_technology();
        if (tech)
            j.key("key_main_subclasses").value(static_cast<std::int64_t>(g.main_codes))
                .key("key_all_subclasses").value(static_cast<std::int64_t>(g.all_codes))
                .key("key_subclass_gap").value(static_cast<std::int64_t>(g.code_gap))
                .key("key_convergence_index").value(g.convergence_index);
        else
            j.key("key_main_subclasses").null().key("key_all_subclasses").null().key("key_subclass_gap").null()
                .key("key_convergence_index").null();
        j.key("key_company_share").value(g.company_share)
            .key("top_applicant").value(top_applicant(g))
            .key("top_applicant_share").value(top_applicant_share(g))
            .key("applicant_hhi").value(g.applicant_hhi);
        j.key("top_main_subclasses").begin_array();
        for (const auto& t : g.top_main_codes)
            j.begin_object().key("subclass").value(t.key).key("share").value(t.share).end_object();
        j.end_array();
        if (!tech) {
            j.key("network").null();
            j.end_object();
            continue;
        }
        j.key("network").begin_object()
            .key("nodes").value(static_cast<std::int64_t>(g.network.nodes))
            .key("edges").value(static_cast<std::int64_t>(g.network.edges))
            .key("density").value(g.network.density)
            .key("components").value(static_cast<std::int64_t>(g.network.components))
            .key("clusters").value(static_cast<std::int64_t>(g.network.clusters))
            .key("modularity").value(g.network.modularity)
            .key("sections").array(g.network.sections)
            .key("cross_section_edges").value(static_cast<std::int64_t>(g.network.cross_section_edges));
        j.key("top_strength").begin_array();
        for (const auto& t : g.network.top_strength)
            j.begin_object().key("subclass").value(t.first).key("strength").value(t.second).end_object();
        j.end_array();
        j.end_object();
        j.end_object();
    }
    j.end_array();
    j.end_object();
    f << '\n';
}

/// \brief How a network was built and read, in the words of the command's options
/// (summary.json and report.md repeat them).
struct network_settings {
    std::string level = "subclass";        ///< section, class, subclass, main_group or subgroup
    std::string codes = "ipc";             ///< ipc or cpc
    bool main_only = false;                ///< only each record's main code
    bool key_core_only = false;            ///< only the key core records
    std::string counting = "full";         ///< full, fractional or link_fractional
    std::string weight_meaning = "similarity";  ///< similarity, distance or ignore
    std::string algorithm = "louvain";     ///< louvain or leiden
    double resolution = 1.0;               ///< community resolution
    std::uint64_t seed = 42;               ///< community seed
    std::vector<std::string> notes;        ///< per input file
    std::size_t read = 0;                  ///< records read
    std::size_t records = 0;               ///< after family merging
    std::size_t merged = 0;                ///< folded into another family member
    std::string key_core_note;             ///< with key_core_only: what the key core was
};

/// \brief The settings of `o` in the command's words: level, codes, counting, weight
/// meaning and community method by their library names (vocabulary.hpp tables), resolution
/// and seed; the input fields are left to the caller.
inline network_settings make_network_settings(const analysis::network_options& o, bool key_core_only) {
    network_settings s;
    s.level = std::string(classification::to_string(o.level));
    s.codes = o.codes == io::patent_field::cpc ? "cpc" : "ipc";
    s.main_only = o.main_only;
    s.key_core_only = key_core_only;
    s.counting = records::to_string(o.counting);
    s.weight_meaning = std::string(cograph::to_string(o.weights));
    s.algorithm = std::string(analysis::to_string(o.method));
    s.resolution = o.resolution;
    s.seed = o.seed;
    return s;
}

/// \brief The one-line description of a key-core selection that network_settings::key_core_note holds.
inline std::string key_core_note(const analysis::key_core_selection& s) {
    return "key core: " + std::to_string(s.k) + " of " + std::to_string(s.rows) + " scored records (" +
           std::to_string(s.columns) + " indicators, " + std::to_string(s.dropped) + " records without all of them)";
}

/// \brief summary.json of the network: the summary figures, the settings and the groups. With
/// `period` (the network of one period of `network --periods`, named as its folder) the file
/// names the period after `records` and leaves out the run's input figures (`records_read`,
/// `families_merged`), which the run's own summary.json states once.
inline void write_network_summary_json(std::ostream& f, const analysis::network_result& res,
                                       const network_settings& s, std::string_view period = {}) {
    const auto& stats = res.summary;
    io::json_writer j(f);
    j.begin_object();
    j.key("records").value(static_cast<std::int64_t>(stats.records));
    if (!period.empty()) j.key("period").value(period);
    j.key("records_with_codes").value(static_cast<std::int64_t>(stats.records_with_codes));
    j.key("nodes").value(static_cast<std::int64_t>(stats.nodes));
    j.key("edges").value(static_cast<std::int64_t>(stats.edges));
    j.key("density").value(stats.density);
    j.key("components").value(static_cast<std::int64_t>(stats.components));
    j.key("largest_component").value(static_cast<std::int64_t>(stats.largest_component));
    j.key("modularity").value(stats.modularity);
    j.key("clusters").value(static_cast<std::int64_t>(stats.clusters));
    // no code at all: no index (null; status::empty_input), not 0
    j.key("convergence_index").value(stats.nodes == 0 ? std::numeric_limits<double>::quiet_NaN() : stats.convergence_index);
    j.key("sections").value(static_cast<std::int64_t>(stats.sections));
    j.key("cross_section_links").value(static_cast<std::int64_t>(stats.cross_section_links));
    j.key("level").value(s.level);
    j.key("codes").value(s.codes);
    j.key("main_only").value(s.main_only);
    j.key("key_core_only").value(s.key_core_only);
    j.key("counting").value(s.counting);
    j.key("weight_meaning").value(s.weight_meaning);
    j.key("algorithm").value(s.algorithm);
    j.key("resolution").value(s.resolution);
    j.key("seed").value(static_cast<std::int64_t>(s.seed));
    if (period.empty()) {
        j.key("records_read").value(s.read);
        j.key("families_merged").value(s.merged);
    }
    j.key("top_nodes").begin_array();
    for (const auto& t : stats.top_nodes) j.value(t);
    j.end_array();
    if (!res.groups.empty()) {
        j.key("groups").begin_array();
        for (const auto& gr : res.groups)
            j.begin_object().key("group").value(gr.name).key("records").value(static_cast<std::int64_t>(gr.summary.records))
                .key("nodes").value(static_cast<std::int64_t>(gr.summary.nodes))
                .key("edges").value(static_cast<std::int64_t>(gr.summary.edges))
                .key("convergence_index").value(gr.summary.nodes == 0 ? std::numeric_limits<double>::quiet_NaN()
                                                                       : gr.summary.convergence_index)
                .key("sections").value(static_cast<std::int64_t>(gr.summary.sections))
                .end_object();
        j.end_array();
    }
    j.end_object();
    f << '\n';
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_JSON_HPP_
