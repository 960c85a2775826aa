// SPDX-License-Identifier: BSL-1.0
//
// The report.md texts of the analyses as the `techconv` command writes them:
// one function per analysis, writing the whole Markdown file to a
// std::ostream. What only the caller knows (input notes, the options' names,
// the pictures it drew, the list of files it wrote) comes in as arguments.
#ifndef TECHCONV_REPORT_MARKDOWN_HPP_
#define TECHCONV_REPORT_MARKDOWN_HPP_

#include <algorithm>  // std::stable_sort, std::min
#include <cmath>      // std::isfinite
#include <cstddef>    // std::size_t
#include <cstdio>     // std::snprintf
#include <optional>   // std::optional
#include <ostream>    // std::ostream
#include <string>     // std::string
#include <utility>    // std::pair
#include <vector>     // std::vector

#include "techconv/analysis/branches.hpp"
#include "techconv/analysis/collaboration.hpp"
#include "techconv/analysis/network.hpp"
#include "techconv/analysis/table_weights.hpp"
#include "techconv/cograph/centrality.hpp"
#include "techconv/config.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/report/json.hpp"
#include "techconv/report/tables.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief Shortest round-trip text of a double.
inline std::string num(double v) { return io::format_double(v); }
/// \brief `v` with `digits` decimals ("0.4300"); "n/a" when not finite.
inline std::string fixed(double v, int digits = 4) {
    if (!std::isfinite(v)) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}
/// \brief `v` as a percentage with `digits` decimals ("12.34").
inline std::string percent(double v, int digits = 2) { return fixed(100.0 * v, digits); }

/// \brief Name of a collaboration measure in report texts ("Association strength", ...).
inline std::string measure_display_name(analysis::measure m) {
    switch (m) {
        case analysis::measure::association_strength: return "Association strength";
        case analysis::measure::jaccard: return "Jaccard";
        case analysis::measure::inclusion: return "Inclusion";
        case analysis::measure::equivalence: return "Equivalence";
        case analysis::measure::salton: break;
    }
    return "Salton";
}

/// \brief The panel years [first, last) of the pair's series where either country has
/// records (empty range when neither has any).
inline std::pair<std::size_t, std::size_t> pair_series_span(const analysis::collaboration_result& r) {
    const auto& s = r.series;
    std::size_t t0 = s.years.size(), t1 = 0;
    for (std::size_t t = 0; t < s.years.size(); ++t)
        if (s.stats[t].n_i > 0.0 || s.stats[t].n_j > 0.0) {
            t0 = std::min(t0, t);
            t1 = t;
        }
    return t0 < s.years.size() ? std::make_pair(t0, t1 + 1) : std::make_pair(t0, t0);
}

// --- key core --------------------------------------------------------------------------------

/// \brief The "Chosen indicators" part of the key-core report.md (key_core_options::chosen):
/// the list as asked for, then per indicator the records with and without a value, the
/// statuses of the ones without, and what the missing-value policy did with them.
inline void write_key_core_selection_markdown(std::ostream& md, const key_core_report& r) {
    md << "\n## Chosen indicators\n\nWeighted as chosen (`--indicators`):";
    for (const auto k : r.result.chosen) md << " `" << analysis::to_string(k) << "`";
    md << ".\nA record without a value of a chosen indicator (a quality value with a status other than `ok`, "
          "`unknown_citing_years`, `unknown_citing_classes` or `unknown_cited_classes`, or a count the source does not state) is never read as 0 silently: "
          "the policy `" << io::to_string(r.missing) << "` applies (drop-record: the record is left out; "
          "drop-indicator: the indicator is left out; zero: 0, counted below; fail: an error).\n\n"
          "| indicator | group | records with a value | without | statuses of those without | lower bounds |\n"
          "|---|---|---|---|---|---|\n";
    for (const auto& c : r.result.coverage) {
        md << "| " << analysis::to_string(c.indicator) << " | " << analysis::indicator_group(c.indicator) << " | "
           << c.with_value << " | " << c.without_value << " | ";
        bool first = true;
        for (std::size_t s = 0; s < analysis::quality_status_count; ++s) {
            if (c.statuses[s] == 0) continue;
            md << (first ? "" : ", ") << analysis::to_string(static_cast<analysis::quality_status>(s)) << " "
               << c.statuses[s];
            first = false;
        }
        md << (first ? "–" : "") << " | " << c.lower_bounds << " |\n";
    }
    const auto incomplete = analysis::incomplete_indicators(r.result);
    if (!incomplete.empty()) {
        md << "\nLeft out by `drop-indicator` (some records lack them):";
        for (const auto k : incomplete) md << " `" << analysis::to_string(k) << "`";
        md << "\n";
    }
    if (r.missing == io::missing_policy::zero) md << "\nThe records without a value were scored with 0 (policy `zero`).\n";
    md << "\n`lower bounds`: forward citations that leave out citing documents without a year "
          "(`unknown_citing_years`).\n";
}

/// \brief report.md of the key core; `files` is the list of output files shown at the end.
inline void write_key_core_markdown(std::ostream& md, const key_core_report& r, const std::string& files) {
    const double q = r.result.fraction;
    const auto& wt = r.result.weighting;
    const auto& table1 = r.result.weights;
    const auto& group_weights = r.result.group_weights;
    auto group_weight = [&](const std::string& g) -> const analysis::kct_group_weight* {
        for (const auto& x : group_weights)
            if (x.group == g) return &x;
        return nullptr;
    };
    const auto top_n = r.result.top.size();
    const auto& profiles = r.result.profiles;
    md << "# Key core report\n\nGenerated by `techconv keycore` ([KCT] §1.1: min-max normalisation, entropy "
          "weights with 0·ln 0 = 0, score s_i = Σ_j w_j x'_ij, key core = top ⌈"
       << num(q) << "·n⌉).\n\n## Inputs\n\n";
    for (const auto& s : r.notes) md << "- " << s << "\n";
    md << "- records read: " << r.read << "; after simple-family merging: " << r.records
       << " (" << r.merged << " merged)\n- scored: " << r.scored << " (" << r.result.dropped
       << " dropped for a missing indicator value, policy `" << io::to_string(r.missing) << "`)\n";
    const auto absent = analysis::absent_indicators(r.result);
    if (!absent.empty()) {
        md << "- indicators this source does not have (left out of the weighting, not zero-filled):";
        for (const auto ind : absent) md << " `" << analysis::to_string(ind) << "`";
        md << "\n";
    }
    if (!r.result.chosen.empty()) write_key_core_selection_markdown(md, r);
    md << "\n## Indicator weights ("
       << (r.result.chosen.empty() ? "[KCT] Table 1 layout" : "chosen indicators, level 2 of [KCT] plus quality")
       << ")\n\n| level 2 (weight) | level 3 indicator | weight | entropy |\n"
          "|---|---|---|---|\n";
    for (const auto& row : table1) {
        const auto* gw = group_weight(row.group);
        md << "| " << row.group << " (" << (gw ? percent(gw->weight) + "%" : "–") << ") | "
           << analysis::to_string(row.id) << " | ";
        if (!row.present) {
            md << "not in source | – |\n";
            continue;
        }
        md << percent(row.weight) << "% | " << fixed(row.entropy, 6) << " |\n";
    }
    md << "\nWeighting status: `" << to_string(wt.info) << "`";
    if (!wt.degenerate_columns.empty()) {
        md << " (constant columns, weight 0:";
        const auto columns = analysis::weighted_indicators(r.result);
        for (const auto c : wt.degenerate_columns) md << " `" << analysis::to_string(columns[static_cast<std::size_t>(c)]) << "`";
        md << ")";
    }
    md << ".\n\n## Key core\n\nk = ⌈" << num(q) << " × " << r.scored << "⌉ = " << r.result.k
       << " records; threshold score " << fixed(r.result.threshold, 6) << ". Ties are broken by input order.\n\n"
       << "### Top " << top_n << "\n\n| rank | id | score | group |";
    for (const auto& g : r.result.subscores.groups) md << " " << g << " |";
    md << "\n|---|---|---|---|";
    for (std::size_t g = 0; g < r.result.subscores.groups.size(); ++g) md << "---|";
    md << "\n";
    for (std::size_t p = 0; p < top_n; ++p) {
        const auto& t = r.result.top[p];
        md << "| " << p + 1 << " | " << t.id << " | " << fixed(t.score) << " | " << t.group << " |";
        for (const double v : t.sub) md << " " << fixed(v) << " |";
        md << "\n";
    }
    md << "\n## Groups" << (r.by_country ? " (country)" : "") << "\n\n"
       << "| group | records | key core | key / records | share of key core | main subclasses | all subclasses | "
          "CI | company share | leading applicant |\n|---|---|---|---|---|---|---|---|---|---|\n";
    for (std::size_t k = 0; k < profiles.size() && k < 25; ++k) {
        const auto& g = profiles[k];
        md << "| " << g.group << " | " << g.records << " | " << g.key_core << " | "
           << percent(g.key_core_rate) << "% | " << percent(share_of_key_core(g, r.result.k)) << "% | ";
        if (g.has_technology())
            md << g.main_codes << " | " << g.all_codes << " | " << percent(g.convergence_index) << "% | ";
        else
            md << "– | – | – | ";
        md << percent(g.company_share)
           << "% | " << (top_applicant(g).empty() ? "–" : top_applicant(g) + " (" + percent(top_applicant_share(g)) + "%)")
           << " |\n";
    }
    if (profiles.size() > 25) md << "\n(" << profiles.size() - 25 << " more groups in groups.csv)\n";
    const auto no_codes = std::count_if(profiles.begin(), profiles.end(), [](const convergence::group_profile& g) {
        return !g.has_technology();
    });
    if (no_codes > 0)
        md << "\n" << no_codes << " of " << profiles.size()
           << " groups have no IPC code in their key core (the source may not list IPC codes): their subclass\n"
              "counts, CI and network are not computed (– here, empty in groups.csv, null in report.json).\n";
    md << "\nProfiles describe each group's key core records: distinct IPC subclasses over main codes and over all\n"
          "codes, the convergence index CI = (key core records − all subclasses) / key core records ([KCT] §2.2.3),\n"
          "the share of records with a company applicant, and the applicant on most records.\n";
    for (std::size_t k = 0; k < profiles.size() && k < 5; ++k) {
        const auto& g = profiles[k];
        if (g.top_main_codes.empty()) continue;
        md << "\n**" << g.group << "**, top main subclasses of the key core:";
        for (const auto& t : g.top_main_codes) md << " " << t.key << " " << percent(t.share) << "%;";
        md << "\n";
    }
    md << "\n## Files\n\n```\n" << files << "\n```\n";
}

// --- network -----------------------------------------------------------------------------------

/// \brief report.md of the network. `pictures` and `group_maps` are the Markdown of the
/// pictures drawn and the rows of the group-map table (both may be empty); `files` lists
/// the output files; `period_rows`, when not empty, are the rows of the "Period networks" table
/// (`network --periods`/`--window`), placed before the file list.
inline void write_network_markdown(std::ostream& md, const analysis::network_result& res, const network_settings& s,
                                   const std::string& pictures, const std::string& group_maps,
                                   const std::string& files, const std::string& period_rows = {}) {
    const auto& g = res.graph;
    const auto& m = res.nodes;
    const auto& stats = res.summary;
    const auto& sv = res.sections;
    const char* meaning_text = s.weight_meaning == "similarity" ? "similarity: length 1/w"
                               : s.weight_meaning == "distance" ? "distance: length w"
                                                                : "ignored: every edge length 1";
    md << "# Co-classification network report\n\nGenerated by `techconv network` ([KCT] §2.2). Nodes: "
       << s.codes << " codes at " << s.level << " level" << (s.main_only ? " (main code only)" : " (all codes)")
       << "; an edge joins two codes on the same record, weight = records (" << s.counting
       << " counting). **Path measures (betweenness, closeness) read the weight as a " << meaning_text
       << ".** Clusters: " << s.algorithm << " (resolution " << num(s.resolution) << ", seed " << s.seed
       << ").\n\n## Inputs\n\n";
    for (const auto& n : s.notes) md << "- " << n << "\n";
    md << "- records read: " << s.read << "; after simple-family merging: " << s.records << "\n";
    if (!s.key_core_note.empty()) md << "- " << s.key_core_note << "\n";
    md << "\n## Summary\n\n| | value |\n|---|---|\n| records | " << stats.records << " |\n| records with codes | "
       << stats.records_with_codes << " |\n| nodes | " << stats.nodes << " |\n| edges | " << stats.edges
       << " |\n| density | " << fixed(stats.density) << " |\n| components | " << stats.components
       << " (largest " << stats.largest_component << " nodes) |\n| clusters | " << stats.clusters << " |\n| modularity | "
       << fixed(stats.modularity) << " |\n| convergence index | " << percent(stats.convergence_index)
       << "% |\n| sections covered | " << stats.sections << " |\n| cross-section links | "
       << stats.cross_section_links << " of " << stats.edges << " |\n\n";
    md << "## Dominant technologies (by strength = weighted degree, [KCT] Table 5)\n\n| code | title | occurrences | "
          "degree | strength | betweenness | cluster |\n|---|---|---|---|---|---|---|\n";
    const auto rank = cograph::ranking(m.strength);
    for (std::size_t k = 0; k < rank.size() && k < 15; ++k) {
        const index v = rank[k];
        std::string t = m.title[static_cast<std::size_t>(v)];
        if (t.size() > 70) t = t.substr(0, 67) + "...";  // full titles are in nodes.csv
        md << "| " << g.label(v) << " | " << t << " | " << num(g.node_weight(v)) << " | "
           << num(m.degree[v]) << " | " << num(m.strength[v]) << " | " << fixed(m.betweenness[v], 2) << " | "
           << m.cluster[static_cast<std::size_t>(v)] << " |\n";
    }
    md << "\n## Clusters\n\n| cluster | nodes | internal weight | external weight | leading codes |\n|---|---|---|---|---|\n";
    for (std::size_t c = 0; c < res.clusters.size() && c < 15; ++c) {
        const auto& ci = res.clusters[c];
        md << "| " << c << " | " << ci.size << " | " << num(ci.internal_weight) << " | " << num(ci.external_weight) << " | ";
        for (const auto v : ci.top_nodes) md << g.label(v) << " ";
        md << "|\n";
    }
    md << "\n## Sections\n\n| section | nodes |\n|---|---|\n";
    for (std::size_t k = 0; k < sv.sections.size(); ++k) md << "| " << sv.sections[k] << " | " << sv.nodes[k] << " |\n";
    if (!res.groups.empty()) {
        md << "\n## Groups (country)\n\n| group | records | nodes | edges | CI | sections | strongest codes |\n"
              "|---|---|---|---|---|---|---|\n";
        for (std::size_t k = 0; k < res.groups.size() && k < 20; ++k) {
            const auto& gs = res.groups[k].summary;
            md << "| " << res.groups[k].name << " | " << gs.records << " | " << gs.nodes << " | " << gs.edges << " | "
               << percent(gs.convergence_index) << "% | " << gs.sections << " | ";
            for (const auto& t : gs.top_nodes) md << t << " ";
            md << "|\n";
        }
    }
    if (!pictures.empty()) md << "\n## Pictures\n\n" << pictures;
    if (!group_maps.empty()) md << "\n## Group maps\n\n| group | nodes | map |\n|---|---|---|\n" << group_maps;
    if (!period_rows.empty())
        md << "\n## Period networks\n\nThe network of the records of each period (periods.csv; a record counts in "
              "every period holding its year).\n\n| period | records | nodes | edges | files |\n|---|---|---|---|---|\n"
           << period_rows;
    md << "\n## Files\n\n```\n" << files << "\n```\n";
}

// --- collaboration -----------------------------------------------------------------------------

/// \brief What a collaboration report says about its input besides the result.
struct collaboration_settings {
    std::string counting = "full";            ///< counting mode's name
    std::string denominator = "international";  ///< denominator's name
    std::vector<std::string> notes;           ///< per input file
    std::string kind = "papers";              ///< what a record is
    std::size_t duplicates = 0;               ///< duplicates dropped
    /// Addresses whose country stayed unresolved (papers; listed in the input notes), or empty
    /// when the records are not papers.
    std::optional<std::size_t> unresolved_addresses;
};

/// \brief report.md of a collaboration analysis over the country records `rec` with the
/// options `opt`; `chart` is the Markdown of the pair's chart (empty when not drawn).
inline void write_collaboration_markdown(std::ostream& md, const analysis::collaboration_result& r,
                                         const analysis::collaboration_options& opt,
                                         const closeness::actor_records& rec, const collaboration_settings& s,
                                         const std::string& chart, const std::string& files) {
    const auto& total = r.total;
    const std::string mname = measure_display_name(opt.series_measure);
    md << "# Collaboration closeness report\n\n"
       << "Generated by `techconv closeness`. Method: [COOP] formula (1), closeness(i, j) = "
          "N_ij / sqrt(N_i N_j); counting `"
       << s.counting << "`, denominator `" << s.denominator << "`.\n\n## Inputs\n\n";
    for (const auto& n : s.notes) md << "- " << n << "\n";
    md << "\n| | count |\n|---|---|\n"
       << "| " << s.kind << " counted | " << rec.size() << " |\n"
       << "| records in the period | " << total.records << " |\n"
       << "| with two or more countries (international) | " << total.multi_actor_records << " |\n"
       << "| with one country | " << total.single_actor_records << " |\n"
       << "| with no recognised country | " << total.empty_records << " |\n"
       << (s.unresolved_addresses ? "| addresses with an unresolved country (listed under Inputs) | " +
                                        std::to_string(*s.unresolved_addresses) + " |\n"
                                  : std::string())
       << "| outside the year range | " << total.outside_period << " |\n"
       << "| duplicates dropped | " << s.duplicates << " |\n"
       << "| countries | " << r.actors.size() << " |\n\n";
    md << "## Top pairs (whole period)\n\n| country_i | country_j | N_ij | N_i | N_j | Salton | N_ij/N_i | N_ij/N_j |\n"
          "|---|---|---|---|---|---|---|---|\n";
    auto top = r.pairs;
    std::stable_sort(top.begin(), top.end(), [](const auto& x, const auto& y) { return x.n_ij > y.n_ij; });
    if (top.size() > 15) top.resize(15);
    for (const auto& p : top)
        md << "| " << rec.label(p.i) << " | " << rec.label(p.j) << " | " << num(p.n_ij) << " | " << num(p.n_i)
           << " | " << num(p.n_j) << " | " << fixed(p.salton) << " | " << percent(p.share_i) << "% | "
           << percent(p.share_j) << "% |\n";
    md << "\nN_ij/N_i is the importance of j to i (share of i's international records shared with j);\n"
          "[COOP]'s main finding is the asymmetry between the two shares.\n";

    const std::string& pi = r.pair_i;
    const std::string& pj = r.pair_j;
    if (!pi.empty()) {
        md << "\n## " << pi << "–" << pj << " by year\n\n";
        if (!r.has_pair()) {
            md << "Country " << (r.pair_i_id == no_label ? pi : pj) << " does not occur in the input.\n";
        } else {
            const auto& ys = r.series;
            md << "| year | N_ij | N_" << pi << " | N_" << pj << " | " << mname << " | N_ij/N_" << pi << " | N_ij/N_"
               << pj << " |\n|---|---|---|---|---|---|---|\n";
            // the table spans the years where either country has records
            const auto span = pair_series_span(r);
            for (std::size_t t = span.first; t < span.second; ++t) {
                const auto& st = ys.stats[t];
                md << "| " << ys.years[t] << " | " << num(st.n_ij) << " | " << num(st.n_i) << " | "
                   << num(st.n_j) << " | " << fixed(st.closeness) << " | "
                   << percent(st.share_i) << "% | " << percent(st.share_j) << "% |\n";
            }
            if (!ys.years.empty()) {
                md << "\nPeak closeness: " << r.closeness_peak.year << " (" << fixed(r.closeness_peak.value)
                   << "); international records of " << pi << " peaked in " << r.n_i_peak.year << " ("
                   << num(r.n_i_peak.value) << "), of " << pj << " in " << r.n_j_peak.year << " ("
                   << num(r.n_j_peak.value) << "). Years where either side has no international record show 0 ("
                   << ys.zero_denominator_years << " such years).\n\n";
                md << chart;
            }
        }
    }
    if (!opt.periods.empty()) {
        md << "\n## " << period_name(opt.periods[0]) << " vs " << period_name(opt.periods[1]) << "\n\n"
           << "Records with two or more countries: " << r.period_counts[0].multi_actor_records << " and "
           << r.period_counts[1].multi_actor_records << "; " << r.changes.size()
           << " pairs collaborate in either period (periods.csv).\n";
        for (const auto& c : r.changes)
            if ((c.i == r.pair_i_id && c.j == r.pair_j_id) || (c.i == r.pair_j_id && c.j == r.pair_i_id)) {
                md << rec.label(c.i) << "–" << rec.label(c.j) << ": " << mname << " " << fixed(c.change.before.closeness)
                   << " -> " << fixed(c.change.after.closeness) << ", N_ij " << num(c.change.before.n_ij)
                   << " -> " << num(c.change.after.n_ij) << ".\n";
            }
    }
    if (opt.institutions)
        md << "\n## Institutions\n\n" << r.institutions.size()
           << " institution rows (institutions.csv): each institution's international records listing "
              "its home country, and the share of them that include the partner country.\n";
    md << "\n## Files\n\n```\n" << files << "```\n";
}

// --- branches ----------------------------------------------------------------------------------

/// \brief report.md of a branch table. `terms` names the term list, `restricted` says how
/// restricted terms were counted, `kind` what a record is.
inline void write_branches_markdown(std::ostream& md, const analysis::branch_table& t, const std::string& terms,
                                    const std::string& restricted, const std::vector<std::string>& notes,
                                    const std::string& kind, const std::string& files) {
    const auto& rec = t.records;
    md << "# Technology branches report\n\nGenerated by `techconv branches`. Terms: " << terms
       << "; restricted terms " << restricted << ".\n\n## Inputs\n\n";
    for (const auto& s : notes) md << "- " << s << "\n";
    md << "\n| | count |\n|---|---|\n| " << kind << " | " << rec.size() << " |\n| in at least one branch | "
       << rec.size() - t.unclassified << " |\n| in no branch | " << t.unclassified << " |\n| duplicates dropped | "
       << t.duplicates << " |\n\n## Branches\n\n| branch | records | share |\n|---|---|---|\n";
    for (std::size_t b = 0; b < t.records_per_branch.size(); ++b)
        md << "| " << rec.label(static_cast<label_id>(b)) << " | " << t.records_per_branch[b] << " | "
           << percent(branch_share(t, b)) << "% |\n";
    md << "\n## Files\n\n```\n" << files << "\n```\n";
}

/// \brief The report.md of `techconv weights`: the input (`notes`: how it was read), the
/// method, the status and what it means, the degenerate columns, the weights and the key core.
inline void write_table_weights_markdown(std::ostream& md, const std::vector<std::string>& columns, std::size_t rows,
                                         const analysis::table_weight_result& res, analysis::weight_method method,
                                         double fraction, const std::vector<std::string>& notes,
                                         const std::string& files) {
    md << "# Indicator weights report\n\nGenerated by `techconv weights`.\n\n## Input\n\n";
    for (const auto& s : notes) md << "- " << s << "\n";
    md << "\n| | |\n|---|---|\n| rows | " << rows << " |\n| numeric columns | " << columns.size()
       << " |\n| method | " << to_string(method) << " |\n| status | `" << to_string(res.info) << "`: "
       << analysis::explain(res.info) << " |\n| key core (top " << num(fraction) << ") | " << res.k << " of " << rows << " rows |\n";
    if (!res.degenerate_columns.empty()) {
        md << (res.info == status::degenerate_columns ? "\nColumns without information (weight 0):"
                                                       : "\nColumns without information:");
        for (std::size_t i = 0; i < res.degenerate_columns.size(); ++i)
            md << (i ? ", " : " ") << "`" << columns[static_cast<std::size_t>(res.degenerate_columns[i])] << "`";
        md << ".\n";
    }
    md << "\n## Weights\n\n| column | weight |" << (res.entropy.size() ? " entropy |" : "") << "\n|---|---|"
       << (res.entropy.size() ? "---|" : "") << "\n";
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const auto jj = static_cast<index>(j);
        md << "| " << columns[j] << " | " << fixed(res.weights[jj], 6) << " |";
        if (res.entropy.size()) md << " " << fixed(res.entropy[jj], 6) << " |";
        md << "\n";
    }
    md << "\n## Files\n\n```\n" << files << "\n```\n";
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_MARKDOWN_HPP_
