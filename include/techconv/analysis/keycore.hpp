// SPDX-License-Identifier: BSL-1.0
//
// The [KCT] key-core analysis of patent records (§1–§2.1): indicator matrix,
// entropy weights in the Table 1 layout, scores, ranks, the key core (the
// top ceil(q n) records), level-2 sub-scores, the best records, per-group
// profiles of the key core and the industry table of a concordance.
#ifndef TECHCONV_ANALYSIS_KEYCORE_HPP_
#define TECHCONV_ANALYSIS_KEYCORE_HPP_

#include <algorithm>  // std::min, std::sort
#include <array>      // std::array
#include <cstddef>    // std::size_t
#include <cstdint>    // std::uint64_t
#include <map>        // std::map
#include <string>     // std::string
#include <string_view>  // std::string_view
#include <utility>    // std::move
#include <vector>     // std::vector

#include "techconv/analysis/group_diversity.hpp"
#include "techconv/analysis/kct_indicators.hpp"
#include "techconv/analysis/keycore_indicators.hpp"
#include "techconv/analysis/quality.hpp"
#include "techconv/analysis/patent_rules.hpp"
#include "techconv/classification/concordance.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/analysis/profile.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/error.hpp"
#include "techconv/analysis/indicators.hpp"
#include "techconv/io/citations.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/pipeline.hpp"
#include "techconv/weighting/top_k.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief How the key-core analysis groups records for its profiles.
struct record_grouping {
    bool by_country = false;                              ///< one group per country, else one group "all"
    country_source country_from = country_source::automatic;  ///< where the country comes from (patent_country)
};

/// \brief The group of a record given as a row view (record_view, table_row): its country
/// (row_country) when grouping by country, else "all"; "(unknown)" when the country is unknown.
template <class Row>
std::string row_group(const Row& r, const record_grouping& g) {
    return g.by_country ? row_country_group(r, g.country_from) : std::string("all");
}

/// \brief The group of a record (row_group of its record_view).
inline std::string record_group(const io::patent_record& r, const record_grouping& g) {
    return row_group(record_view(r), g);
}

/// \brief The distinct IPC subclasses of parsed codes, in order (the main
/// code's first): classification::ipc_code::truncate to ipc_level::subclass,
/// canonical text. Empty codes (text that did not parse) and codes that stop
/// above subclass level are left out. Written into `out` (cleared first; its
/// capacity is kept, so a caller's loop over many records reuses it).
inline void code_subclasses_into(code_range codes, std::vector<std::string>& out) {
    out.clear();  // (a subclass's text fits a string's own buffer: no allocation per code)
    for (const auto c : codes) {
        if (!c.has(classification::ipc_level::subclass)) continue;
        std::string sub = c.truncate(classification::ipc_level::subclass).to_string();
        if (std::find(out.begin(), out.end(), sub) == out.end()) out.push_back(std::move(sub));
    }
}

/// \brief code_subclasses_into() into a new vector.
inline std::vector<std::string> code_subclasses(code_range codes) {
    std::vector<std::string> out;
    code_subclasses_into(codes, out);
    return out;
}

/// \brief The distinct IPC subclasses of a record's IPC codes (code_subclasses
/// of the codes parsed with classification::try_parse_ipc).
inline std::vector<std::string> record_subclasses(const io::patent_record& r) {
    std::vector<classification::ipc_code> codes;
    parse_codes(r.ipc, codes);
    return code_subclasses(code_range(codes.data(), codes.size()));
}

/// \brief The categories of parsed codes in a concordance: the union over
/// the codes (all codes, not only the main one; empty codes left out), sorted
/// and distinct. A record counts once per category (multi-label, [KCT] Table 3).
inline std::vector<label_id> code_categories(code_range codes, const classification::concordance& c) {
    std::vector<classification::ipc_code> valid;
    for (const auto code : codes)
        if (!code.empty()) valid.push_back(code);
    return c.lookup(valid);
}

/// \brief The categories of a record's IPC codes in a concordance (code_categories).
inline std::vector<label_id> record_categories(const io::patent_record& r, const classification::concordance& c) {
    std::vector<classification::ipc_code> codes;
    parse_codes(r.ipc, codes);
    return code_categories(code_range(codes.data(), codes.size()), c);
}

/// \brief Adds a record given as a row view (record_view, table_row) to a
/// convergence::profile_table (or a parallel::profile_partial): the IPC
/// subclasses of its parsed IPC codes `ipc` (code_subclasses), industry
/// categories of `industries` (when given, by category name), applicant names and types.
/// \brief Scratch of add_profile_row, kept by a caller that adds many rows so that
/// a row allocates nothing (the names are views into the row's source).
struct profile_row_scratch {
    std::vector<std::string_view> names{}, types{};
    std::vector<std::string> categories{}, subclasses{};
};

/// \brief add_profile_row() with the caller's scratch (the same row added).
template <class Table, class Row>
void add_profile_row(Table& t, const Row& r, code_range ipc, const std::string& group, bool key_core,
                     const classification::concordance* industries, profile_row_scratch& s) {
    s.names.clear();
    s.types.clear();
    s.categories.clear();
    r.each_applicant([&s](std::string_view name, io::applicant_type type, std::string_view) {
        s.names.push_back(name);
        s.types.push_back(io::to_string(type));
    });
    if (industries)
        for (const label_id id : code_categories(ipc, *industries)) s.categories.push_back(industries->category(id).name);
    code_subclasses_into(ipc, s.subclasses);
    t.add(group, key_core, s.subclasses, s.categories, s.names, s.types);
}

template <class Table, class Row>
void add_profile_row(Table& t, const Row& r, code_range ipc, const std::string& group, bool key_core,
                     const classification::concordance* industries = nullptr) {
    profile_row_scratch s;
    add_profile_row(t, r, ipc, group, key_core, industries, s);
}

/// \brief Adds a record to a convergence::profile_table (or a
/// parallel::profile_partial): add_profile_row of its record_view.
template <class Table>
void add_profile_record(Table& t, const io::patent_record& r, code_range ipc, const std::string& group, bool key_core,
                        const classification::concordance* industries = nullptr) {
    add_profile_row(t, record_view(r), ipc, group, key_core, industries);
}

/// \brief add_profile_record() with the record's IPC codes parsed from its text.
template <class Table>
void add_profile_record(Table& t, const io::patent_record& r, const std::string& group, bool key_core,
                        const classification::concordance* industries = nullptr) {
    std::vector<classification::ipc_code> codes;
    parse_codes(r.ipc, codes);
    add_profile_record(t, r, code_range(codes.data(), codes.size()), group, key_core, industries);
}

/// \brief One row of the industry table ([KCT] Table 3 analogue).
struct industry_row {
    std::string group;     ///< the group
    std::string industry;  ///< the concordance category name
    index records = 0;     ///< profiled records of the group in that category
    double share = 0.0;    ///< records / profiled records of the group (multi-label: shares may sum past 1)
};

/// \brief Options of key_core().
struct key_core_options {
    io::indicator_options indicators;  ///< indicator extraction and the missing-value policy
    double fraction = 0.05;            ///< q: the key core is the top ceil(q n) scored records
    record_grouping grouping;          ///< groups of the profiles
    int threads = 1;                   ///< worker threads for weighting and scoring (0: all); same result for any
    index top_rows = 20;               ///< rows of key_core_result::top
    convergence::profile_options profile;  ///< group profile options (default: key-core scope, top 10)
    /// Concordance of the industry table (e.g. classification::load_wipo_technology_fields);
    /// nullptr: no industries. Not owned; must outlive the call.
    const classification::concordance* industries = nullptr;
    /// The indicators to weight, in this order (keycore_indicators_from_list): any of the
    /// nine [KCT] counts and the OECD quality indicators. Empty: the [KCT] counts of
    /// `indicators` (indicators.select, empty: all nine), as before this option existed.
    /// Records lacking a value of a chosen indicator (a quality value with a status other
    /// than ok / unknown_citing_years) follow `indicators.missing`, as the [KCT] counts do.
    std::vector<keycore_indicator> chosen;
    /// Options of the quality indicators (used when `chosen` names one).
    quality_options quality;
    /// Citation and class tables that extend the citation graph of the quality indicators
    /// (io::read_citation_table, io::read_class_table); nullptr: none. Not owned. Over MPI
    /// ranks (parallel::mpi::key_core_analysis) only rank 0's are read.
    const std::vector<io::citation_row>* citations = nullptr;
    const std::vector<io::class_row>* classes = nullptr;
};

/// \brief How many records have a value of one chosen indicator (key_core_result::coverage).
struct indicator_coverage {
    keycore_indicator indicator;  ///< the indicator
    index with_value = 0;         ///< records with a value
    index without_value = 0;      ///< records without one (dropped, zero-filled or left out by the policy)
    /// Of the records with a value: forward counts that leave out citing documents without a
    /// year (quality_status::unknown_citing_years: the value is a lower bound).
    index lower_bounds = 0;
    /// Of the records without a value, how many have each quality_status (by its value);
    /// [KCT] counts a source does not state count as not_stated.
    std::array<index, quality_status_count> statuses{};
};

/// \brief One of the best records.
struct key_core_top_row {
    std::size_t record = 0;       ///< index into the input records
    std::string id;               ///< record id
    double score = 0.0;           ///< s_i
    std::string group;            ///< record_group
    year_type year = no_year;     ///< patent_year
    std::string title;            ///< title
    std::vector<double> sub;      ///< level-2 sub-scores (kct_subscores::groups order)
};

/// \brief Everything the key-core analysis computes.
struct key_core_result {
    std::vector<io::indicator> columns;     ///< weighted indicators ([KCT] order)
    std::vector<io::indicator> absent;      ///< indicators the source does not have
    std::vector<io::indicator> incomplete;  ///< left out by missing_policy::drop_indicator
    std::vector<std::size_t> rows;          ///< input record of each scored row
    std::size_t dropped = 0;                ///< records left out for a missing value
    weighting::entropy_result weighting;    ///< weights, entropies, status
    std::vector<kct_weight_row> weights;    ///< all nine indicators, [KCT] Table 1 layout
    std::vector<kct_group_weight> group_weights;  ///< level-2 weights
    vector scores;                          ///< score of each scored row
    index_vector ranks;                     ///< 1-based rank of each row (ties: input order)
    index k = 0;                            ///< key-core size ceil(q n)
    double threshold = 0.0;                 ///< score of the k-th record
    double fraction = 0.05;                 ///< q
    kct_subscores subscores;                ///< level-2 sub-scores of each row
    std::vector<std::string> groups;        ///< record_group of each row
    std::vector<key_core_top_row> top;      ///< the best min(top_rows, n) rows in rank order
    std::vector<convergence::group_profile> profiles;  ///< per group (convergence::group_profiles order)
    /// Diversity indices of each group's profiled records (Shannon, Simpson, HHI, Hill, CR_4,
    /// Rao–Stirling over main subclasses; applicant HHI and CR_4), in `profiles` order.
    std::vector<diversity_indices> diversity;
    std::vector<industry_row> industries;   ///< industry table (empty without a concordance)
    /// With key_core_options::chosen: the chosen indicators in order, the weighted ones
    /// (columns of the matrix), those no record has (left out, never zero-filled), those
    /// left out by missing_policy::drop_indicator, and the coverage of each chosen one.
    /// Empty otherwise: `columns`, `absent` and `incomplete` say it. `columns`, `absent` and
    /// `incomplete` always hold the [KCT] counts among them.
    std::vector<keycore_indicator> chosen;
    std::vector<keycore_indicator> chosen_columns;     ///< weighted, in matrix column order
    std::vector<keycore_indicator> chosen_absent;      ///< no record has a value
    std::vector<keycore_indicator> chosen_incomplete;  ///< left out by drop_indicator
    std::vector<indicator_coverage> coverage;          ///< one per chosen indicator, `chosen` order

    /// Whether scored row `i` is in the key core.
    bool in_key_core(index i) const { return ranks[i] <= k; }
};

/// \brief The weighted indicators of a key-core result, in matrix column order:
/// `chosen_columns` with a chosen selection, else `columns`.
inline std::vector<keycore_indicator> weighted_indicators(const key_core_result& r) {
    return r.chosen.empty() ? kct_keycore_indicators(r.columns) : r.chosen_columns;
}
/// \brief The selected indicators no record has (`chosen_absent`, else `absent`).
inline std::vector<keycore_indicator> absent_indicators(const key_core_result& r) {
    return r.chosen.empty() ? kct_keycore_indicators(r.absent) : r.chosen_absent;
}
/// \brief The indicators left out by drop_indicator (`chosen_incomplete`, else `incomplete`).
inline std::vector<keycore_indicator> incomplete_indicators(const key_core_result& r) {
    return r.chosen.empty() ? kct_keycore_indicators(r.incomplete) : r.chosen_incomplete;
}
/// \brief The rows of the weights table: `chosen` in its order, else the nine [KCT] counts
/// in Table 1 order.
inline std::vector<keycore_indicator> weight_table_indicators(const key_core_result& r) {
    return r.chosen.empty() ? kct_keycore_indicators({io::all_indicators.begin(), io::all_indicators.end()})
                            : r.chosen;
}

/// \brief What the industry table counts, per group: the profiled records (`profiled`) and,
/// per concordance category, those holding it (`records`). Counts of parts of the records
/// add up (merge), so processes holding parts can sum them into the counts of all.
struct industry_counts {
    std::map<std::string, std::map<label_id, index>> records;  ///< group -> category -> records
    std::map<std::string, index> profiled;                     ///< group -> profiled records

    /// Adds the counts of other records.
    void merge(const industry_counts& o) {
        for (const auto& [g, m] : o.records) {
            auto& mine = records[g];
            for (const auto& [id, n] : m) mine[id] += n;
        }
        for (const auto& [g, n] : o.profiled) profiled[g] += n;
    }
};

/// \brief The industry_counts of the scored rows of `src` (`rows`: record of each scored
/// row, `groups`: its group, `profiled`: whether it is profiled) in the concordance `c`:
/// code_categories of each profiled record's codes (multi-label).
template <class Source>
industry_counts industry_counts_of(Source& src, const std::vector<std::size_t>& rows,
                                   const std::vector<std::string>& groups, const std::vector<char>& profiled,
                                   const classification::concordance& c) {
    industry_counts out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!profiled[i]) continue;
        ++out.profiled[groups[i]];
        auto& m = out.records[groups[i]];
        for (const label_id id : code_categories(src.codes(rows[i]), c)) ++m[id];
    }
    return out;
}

/// \brief The rows of the industry table from the counts of all records: for each group of
/// `profiles` (in that order) with profiled records, one row per category it holds (records
/// descending, then category name), share = records / profiled records of the group.
inline std::vector<industry_row> industry_rows(const industry_counts& counts,
                                               const std::vector<convergence::group_profile>& profiles,
                                               const classification::concordance& c) {
    std::vector<industry_row> out;
    for (const auto& g : profiles) {
        const auto it = counts.records.find(g.group);
        if (it == counts.records.end()) continue;
        const double n = static_cast<double>(counts.profiled.at(g.group));
        std::vector<industry_row> part;
        for (const auto& [id, cnt] : it->second)
            part.push_back(industry_row{g.group, c.category(id).name, cnt, static_cast<double>(cnt) / n});
        std::sort(part.begin(), part.end(), [](const industry_row& a, const industry_row& b) {
            return a.records != b.records ? a.records > b.records : a.industry < b.industry;
        });
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

/// \brief The industry table of key-core profiles: for each group (in the
/// order of `profiles`) and each category of `c` held by at least one of its
/// profiled records, the record count and share. Rows of a group: by
/// records descending, then category name.
/// \param records  the records
/// \param rows     record of each scored row
/// \param groups   group of each scored row
/// \param profiled whether each scored row is profiled (key core, or all)
inline std::vector<industry_row> industry_table(const std::vector<io::patent_record>& records,
                                                const std::vector<std::size_t>& rows,
                                                const std::vector<std::string>& groups,
                                                const std::vector<char>& profiled,
                                                const std::vector<convergence::group_profile>& profiles,
                                                const classification::concordance& c) {
    vector_source src(records);
    return industry_rows(industry_counts_of(src, rows, groups, profiled, c), profiles, c);
}

/// \brief The check key_core() applies to its indicator matrix: at least 2
/// scored records and 1 indicator (over all processes, for a distributed run).
/// \throws invalid_argument "no usable indicator matrix: R records with C
/// indicators (need at least 2 records and 1 indicator)" otherwise.
inline void require_usable_matrix(index rows, std::size_t columns) {
    if (rows < 2 || columns == 0)
        ::techconv::detail::throw_error<invalid_argument>(
            "no usable indicator matrix: " + std::to_string(rows) + " records with " + std::to_string(columns) +
            " indicators (need at least 2 records and 1 indicator)");
}

/// \brief The options of weighting::key_core that key_core() uses: `opts.fraction`
/// and `opts.threads` (entropy weighting and scoring).
inline weighting::key_core_options weighting_options(const key_core_options& opts) {
    weighting::key_core_options ko;
    ko.fraction = opts.fraction;
    ko.entropy.threads = opts.threads;
    return ko;
}

/// \brief Fills the weight fields of `out` from the entropy weighting `w` of the
/// matrix `values` (whose columns are weighted_indicators(out)): `weighting`, the [KCT]
/// Table 1 layout (kct_weight_table over weight_table_indicators), the level-2 weights (kct_group_weights)
/// and the level-2 sub-scores of the rows of `values` (kct_group_scores).
inline void set_key_core_weights(key_core_result& out, weighting::entropy_result w, const matrix& values) {
    out.weighting = std::move(w);
    const auto columns = weighted_indicators(out);
    out.weights = kct_weight_table(columns, out.weighting, weight_table_indicators(out));
    out.group_weights = kct_group_weights(columns, out.weighting);
    out.subscores = kct_group_scores(values, columns, out.weighting);
}

/// \brief The group (row_group) of each record `rows[i]` of `src`.
template <class Source>
std::vector<std::string> row_groups(Source& src, const std::vector<std::size_t>& rows, const record_grouping& g) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto rec : rows) out.push_back(row_group(src.row(rec), g));
    return out;
}

/// \brief The best records of a key-core result: the scored rows i with
/// `r.ranks[i] <= top_rows`, in rank order, each with its id, score, group,
/// year (row_year), title and level-2 sub-scores read from `src` and `r`
/// (rows, scores, ranks, groups and subscores must be set). `record` is
/// `first_record + r.rows[i]`: the input record (a process holding part of
/// the records passes the position of its first one; ranks may then be global).
template <class Source>
std::vector<key_core_top_row> key_core_top_rows(Source& src, const key_core_result& r, index top_rows,
                                                std::size_t first_record = 0) {
    std::vector<index> best;
    for (index i = 0; i < r.ranks.size(); ++i)
        if (r.ranks[i] <= top_rows) best.push_back(i);
    std::sort(best.begin(), best.end(), [&r](index a, index b) { return r.ranks[a] < r.ranks[b]; });
    std::vector<key_core_top_row> out;
    out.reserve(best.size());
    for (const index i : best) {
        const std::size_t rec = r.rows[static_cast<std::size_t>(i)];
        const auto row = src.row(rec);
        key_core_top_row t;
        t.record = first_record + rec;
        t.id = row.id();
        t.score = r.scores[i];
        t.group = r.groups[static_cast<std::size_t>(i)];
        t.year = row_year(row);
        t.title = row.title();
        for (index g = 0; g < r.subscores.values.cols(); ++g) t.sub.push_back(r.subscores.values(i, g));
        out.push_back(std::move(t));
    }
    return out;
}

/// \brief Adds every scored row of a key-core result to a
/// convergence::profile_table (or a parallel::profile_partial), in row order:
/// add_profile_row with its IPC codes from `src`, its group, whether it is in
/// the key core (r.in_key_core: ranks and k must be set) and the industries
/// of `industries` (when given).
template <class Table, class Source>
void add_key_core_profiles(Table& t, Source& src, const key_core_result& r,
                           const classification::concordance* industries = nullptr) {
    profile_row_scratch scratch;
    for (index i = 0; i < r.ranks.size(); ++i) {
        const std::size_t rec = r.rows[static_cast<std::size_t>(i)];
        add_profile_row(t, src.row(rec), src.codes(rec), r.groups[static_cast<std::size_t>(i)], r.in_key_core(i),
                        industries, scratch);
    }
}

/// \brief Whether `o.chosen` names a quality indicator (key_core then reads quality_indicators).
inline bool key_core_needs_quality(const key_core_options& o) {
    for (const auto k : o.chosen)
        if (!k.is_kct()) return true;
    return false;
}

/// \brief The quality indicators a chosen selection reads: quality_indicators of all the
/// records (a std::vector of io::patent_record or a records::patent_table) with `o.quality`
/// over the citation graph extended by `o.citations` and `o.classes`; an empty result when
/// the selection names none (key_core_needs_quality).
template <class Records>
quality_result key_core_quality(const Records& records, const key_core_options& o) {
    if (!key_core_needs_quality(o)) return {};
    const std::vector<io::citation_row> no_citations;
    const std::vector<io::class_row> no_classes;
    return quality_indicators(records, o.quality, o.citations ? *o.citations : no_citations,
                              o.classes ? *o.classes : no_classes);
}

/// \brief The kernels of key_core_with on one process: the steps of the key-core analysis
/// that need all the records (the global reductions), over the records of this process.
/// parallel::mpi::key_core_analysis passes a set with the same calls over the records of
/// all ranks (each rank's records consecutive in rank order); key_core_with is the one
/// sequence of steps for both.
///  - quality(records, o): the quality indicators of these records (key_core_quality), one
///    entry per record of this process;
///  - sum(v, n): the counts v[0..n) summed over all records (presence and coverage of the
///    indicators, dropped records), in place;
///  - agreed(f): runs f, whose error (missing_policy::fail) is thrown by every process;
///  - total_rows(n): scored rows over all processes; first_record(): position of this
///    process's first record among all;
///  - key_core(x, o): weighting::key_core over all rows (scores of this process's rows,
///    the global key core); ranks(s): global 1-based ranks of this process's scores;
///  - best_rows(mine, r, top_rows, scored): the best rows of all processes in rank order,
///    from this process's (key_core_top_rows: those with r.ranks <= top_rows);
///  - profile_table(scope) and group_profiles(t, o): the table the rows are added to
///    (add_key_core_profiles) and the group profiles of all of them;
///  - merge(c): industry_counts of all records, in place;
///  - diversity: whether the per-group diversity indices are computed (they are not over
///    ranks: key_core_result::diversity stays empty).
struct local_key_core_kernels {
    static constexpr bool diversity = true;
    template <class Records>
    quality_result quality(const Records& records, const key_core_options& o) const {
        return key_core_quality(records, o);
    }
    void sum(std::uint64_t*, std::size_t) const noexcept {}
    template <class F>
    void agreed(F&& f) const {
        f();
    }
    index total_rows(index rows) const noexcept { return rows; }
    std::size_t first_record() const noexcept { return 0; }
    weighting::key_core_result key_core(const matrix& x, const weighting::key_core_options& o) const {
        return weighting::key_core(x, o);
    }
    index_vector ranks(const vector& s) const { return weighting::ranks(s); }
    std::vector<key_core_top_row> best_rows(std::vector<key_core_top_row> mine, const key_core_result&, index,
                                            index) const {
        return mine;
    }
    convergence::profile_table profile_table(convergence::profile_scope) const { return {}; }
    std::vector<convergence::group_profile> group_profiles(const convergence::profile_table& t,
                                                           const convergence::profile_options& o) const {
        return convergence::group_profiles(t, o).groups;
    }
    void merge(industry_counts&) const noexcept {}
};

namespace detail {

/// The head key_core() and select_key_core() share: the indicator matrix of
/// `src`, its check, and weighting::key_core on it. With a chosen selection,
/// `table` holds the matrix, its rows and the dropped count (its columns,
/// absent and incomplete the [KCT] counts among the chosen ones) and the
/// fields below say the rest. `table.dropped_records` and `scored` count all
/// the records (the kernels' sums).
struct key_core_head {
    io::indicator_table table;
    weighting::key_core_result kc;
    std::vector<keycore_indicator> columns, absent, incomplete;  // chosen selection only
    std::vector<indicator_coverage> coverage;                    // chosen selection only
    std::size_t column_count = 0;                                // weighted indicators
    index scored = 0;                                            // scored rows of all records
};

// Value of chosen indicator `k` of record `r`: a [KCT] count of `kct` (not_stated when the
// source does not state it) or a quality value of `q`.
inline quality_value chosen_value(keycore_indicator k, std::size_t r, const std::vector<io::indicator_values>& kct,
                                  const quality_result* q) {
    if (k.is_kct()) {
        const auto v = kct[r].get(k.kct());
        return v ? quality_value{static_cast<double>(*v), quality_status::ok}
                 : quality_value{std::nullopt, quality_status::not_stated};
    }
    const auto& rec = q->records[r];
    return k.source == indicator_source::quality ? rec.values[k.code] : rec.normalised[k.code];
}

// The coverage counts of the chosen indicators summed by the kernels (3 + the statuses per indicator).
template <class Kernels>
void sum_coverage(std::vector<indicator_coverage>& cov, const Kernels& k) {
    constexpr std::size_t per = 3 + quality_status_count;
    std::vector<std::uint64_t> v(cov.size() * per);
    for (std::size_t j = 0; j < cov.size(); ++j) {
        std::uint64_t* p = v.data() + j * per;
        p[0] = static_cast<std::uint64_t>(cov[j].with_value);
        p[1] = static_cast<std::uint64_t>(cov[j].without_value);
        p[2] = static_cast<std::uint64_t>(cov[j].lower_bounds);
        for (std::size_t s = 0; s < quality_status_count; ++s) p[3 + s] = static_cast<std::uint64_t>(cov[j].statuses[s]);
    }
    k.sum(v.data(), v.size());
    for (std::size_t j = 0; j < cov.size(); ++j) {
        const std::uint64_t* p = v.data() + j * per;
        cov[j].with_value = static_cast<index>(p[0]);
        cov[j].without_value = static_cast<index>(p[1]);
        cov[j].lower_bounds = static_cast<index>(p[2]);
        for (std::size_t s = 0; s < quality_status_count; ++s) cov[j].statuses[s] = static_cast<index>(p[3 + s]);
    }
}

// The matrix of the chosen indicators: columns by the rule of io::choose_indicator_columns
// (absent when no record has a value; incomplete under drop_indicator when some record
// lacks one) from the coverage of all records, rows by the missing-value policy
// (io::indicator_table_of's rule).
template <class Source, class Kernels>
void chosen_matrix_of(Source& src, const key_core_options& opts, const quality_result* q, key_core_head& h,
                      const Kernels& kern) {
    const auto& sel = opts.chosen;
    const auto policy = opts.indicators.missing;
    bool any_kct = false;
    for (const auto k : sel) any_kct = any_kct || k.is_kct();
    const auto kct = any_kct ? io::source_indicators(src, opts.indicators) : std::vector<io::indicator_values>{};
    const std::size_t n = src.size();
    h.coverage.assign(sel.size(), {});
    for (std::size_t j = 0; j < sel.size(); ++j) {
        auto& c = h.coverage[j];
        c.indicator = sel[j];
        for (std::size_t r = 0; r < n; ++r) {
            const auto v = chosen_value(sel[j], r, kct, q);
            if (v.value) {
                ++c.with_value;
                if (v.status == quality_status::unknown_citing_years) ++c.lower_bounds;
            } else {
                ++c.without_value;
                ++c.statuses[static_cast<std::size_t>(v.status)];
            }
        }
    }
    sum_coverage(h.coverage, kern);
    std::vector<std::size_t> cols;
    for (std::size_t j = 0; j < sel.size(); ++j) {
        const auto& c = h.coverage[j];
        if (c.with_value == 0) h.absent.push_back(sel[j]);
        else if (c.without_value > 0 && policy == io::missing_policy::drop_indicator) h.incomplete.push_back(sel[j]);
        else {
            cols.push_back(j);
            h.columns.push_back(sel[j]);
        }
    }
    auto& t = h.table;
    for (const auto k : h.columns)
        if (k.is_kct()) t.columns.push_back(k.kct());
    for (const auto k : h.absent)
        if (k.is_kct()) t.absent.push_back(k.kct());
    for (const auto k : h.incomplete)
        if (k.is_kct()) t.incomplete.push_back(k.kct());
    kern.agreed([&] {
        for (std::size_t r = 0; r < n; ++r) {
            bool complete = true;
            for (const auto j : cols) {
                const auto v = chosen_value(sel[j], r, kct, q);
                if (v.value) continue;
                complete = false;
                if (policy == io::missing_policy::fail)
                    ::techconv::detail::throw_error<invalid_argument>(
                        "key_core: record '" + std::string(src.row(r).id()) + "' (line " +
                        std::to_string(src.row(r).source_line()) + ") has no value of " + to_string(sel[j]) +
                        " (status " + std::string(to_string(v.status)) + "; missing_policy::fail)");
            }
            if (!complete && policy == io::missing_policy::drop_record) {
                ++t.dropped_records;
                continue;
            }
            t.rows.push_back(r);
        }
    });
    t.values.resize(static_cast<index>(t.rows.size()), static_cast<index>(cols.size()));
    for (std::size_t c = 0; c < cols.size(); ++c)
        for (std::size_t k = 0; k < t.rows.size(); ++k)
            t.values(static_cast<index>(k), static_cast<index>(c)) =
                chosen_value(sel[cols[c]], t.rows[k], kct, q).value.value_or(0.0);  // 0: missing_policy::zero only
    if (t.rows.empty() || cols.empty()) t.info = status::empty_input;
}

// The indicator matrix (the [KCT] counts: io::indicator_matrix_of's steps, the presence
// counts summed by the kernels; or the chosen indicators), its check over all records and
// the key-core weighting.
template <class Source, class Kernels = local_key_core_kernels>
key_core_head key_core_head_of(Source& src, const key_core_options& opts, const quality_result* q = nullptr,
                               const Kernels& k = {}) {
    key_core_head h;
    if (opts.chosen.empty()) {
        const auto vals = io::source_indicators(src, opts.indicators);
        io::indicator_presence p;
        for (const auto& v : vals) p.add(v);
        k.sum(p.have.data(), p.have.size());
        k.sum(p.lack.data(), p.lack.size());
        k.agreed([&] {
            h.table = io::indicator_table_of(src, vals, io::choose_indicator_columns(p, opts.indicators), opts.indicators);
        });
        h.column_count = h.table.columns.size();
    } else {
        chosen_matrix_of(src, opts, q, h, k);
        h.column_count = h.columns.size();
    }
    std::uint64_t dropped = h.table.dropped_records;
    k.sum(&dropped, 1);
    h.table.dropped_records = static_cast<std::size_t>(dropped);
    h.scored = k.total_rows(h.table.values.rows());
    require_usable_matrix(h.scored, h.column_count);
    h.kc = k.key_core(h.table.values, weighting_options(opts));
    return h;
}

// key_core()'s steps over `src` with the kernels `k` (key_core_with).
template <class Source, class Kernels>
key_core_result key_core_of(Source& src, const key_core_options& opts, const quality_result* q, const Kernels& k) {
    auto head = key_core_head_of(src, opts, q, k);
    auto& table = head.table;
    auto& kc = head.kc;
    key_core_result out;
    out.columns = table.columns;
    out.absent = table.absent;
    out.incomplete = table.incomplete;
    out.rows = table.rows;
    out.dropped = table.dropped_records;
    out.fraction = opts.fraction;
    out.chosen = opts.chosen;
    out.chosen_columns = std::move(head.columns);
    out.chosen_absent = std::move(head.absent);
    out.chosen_incomplete = std::move(head.incomplete);
    out.coverage = std::move(head.coverage);

    out.scores = std::move(kc.scores);
    out.k = kc.top.k;
    out.threshold = kc.top.threshold;
    out.ranks = k.ranks(out.scores);
    set_key_core_weights(out, std::move(kc.weighting), table.values);
    out.groups = row_groups(src, out.rows, opts.grouping);
    out.top = k.best_rows(key_core_top_rows(src, out, opts.top_rows, k.first_record()), out, opts.top_rows,
                          head.scored);

    auto ptab = k.profile_table(opts.profile.scope);
    add_key_core_profiles(ptab, src, out, opts.industries);
    out.profiles = k.group_profiles(ptab, opts.profile);

    const index n = table.values.rows();
    std::vector<char> profiled(static_cast<std::size_t>(n));
    for (index i = 0; i < n; ++i)
        profiled[static_cast<std::size_t>(i)] =
            opts.profile.scope == convergence::profile_scope::all || out.in_key_core(i) ? 1 : 0;
    if (Kernels::diversity) {
        std::map<std::string, group_diversity> div;
        for (index i = 0; i < n; ++i) {
            if (!profiled[static_cast<std::size_t>(i)]) continue;
            const std::size_t rec = out.rows[static_cast<std::size_t>(i)];
            std::vector<std::string> names;
            src.row(rec).each_applicant(
                [&names](std::string_view name, io::applicant_type, std::string_view) { names.emplace_back(name); });
            div[out.groups[static_cast<std::size_t>(i)]].add(code_subclasses(src.codes(rec)), names);
        }
        for (const auto& g : out.profiles) {
            const auto it = div.find(g.group);
            out.diversity.push_back(it == div.end() ? diversity_indices{} : it->second.result());
        }
    }
    if (opts.industries) {
        auto counts = industry_counts_of(src, out.rows, out.groups, profiled, *opts.industries);
        k.merge(counts);
        out.industries = industry_rows(counts, out.profiles, *opts.industries);
    }
    return out;
}

}  // namespace detail

/// \brief The [KCT] key-core analysis of `records`.
///
/// Steps: io::indicator_matrix (absent indicators left out, missing values
/// by `opts.indicators.missing`), or with `opts.chosen` the matrix of the chosen
/// indicators (the [KCT] counts and the quality_indicators of the records over the
/// citation graph extended by `opts.citations` and `opts.classes`; the same absent and
/// missing-value rules, coverage per indicator); weighting::key_core (min-max, entropy with
/// 0 ln 0 = 0, s_i = sum_j w_j x'_ij, the top ceil(q n); ties: score
/// descending, then input order); the weights in the Table 1 layout; the
/// level-2 sub-scores (kct_group_scores); the best `top_rows` records; the
/// group of each scored record (record_group) and convergence::group_profiles
/// of the groups' key core (main subclasses via ipc_code::truncate, top-10
/// shares, applicant diversity and company share, diversity indices, the
/// co-classification network summary), the diversity indices of each group
/// (group_diversity); the industry table when a concordance is given.
/// Deterministic for any thread count. The steps are key_core_with's with
/// local_key_core_kernels.
/// \throws invalid_argument when fewer than 2 records or no indicator remain.
inline key_core_result key_core(const std::vector<io::patent_record>& records, const key_core_options& opts = {}) {
    vector_source src(records);
    const local_key_core_kernels k;
    const auto q = k.quality(records, opts);
    return detail::key_core_of(src, opts, &q, k);
}

/// \brief key_core()'s steps over the records of a columnar table with the kernels `k`:
/// local_key_core_kernels (key_core(table, opts)), or a set with the same calls whose
/// global steps run over the records of several processes (parallel::mpi::key_core_analysis).
/// The global fields of the result (columns, weights, k, threshold, top, profiles,
/// industries, dropped, coverage) are those of all the records; the per-row fields (rows,
/// scores, ranks, groups, subscores) are the rows of `table`.
template <class Table, class Kernels, if_patent_table<Table> = 0>
key_core_result key_core_with(const Table& table, const key_core_options& opts, const Kernels& k) {
    table_source src(table);
    const auto q = k.quality(table, opts);
    return detail::key_core_of(src, opts, &q, k);
}

/// \brief The [KCT] key-core analysis of the records of a columnar table:
/// the same result as key_core() on `table.to_records()`, read from the
/// table's columns (indicators, groups, profiles, the best `top_rows`
/// records; no record is materialised) with the IPC codes the table parsed
/// once. Titles of the best records are empty unless the table keeps titles
/// (records::patent_table_options::titles).
template <class Table, if_patent_table<Table> = 0>
key_core_result key_core(const Table& table, const key_core_options& opts = {}) {
    return key_core_with(table, opts, local_key_core_kernels{});
}

/// \brief The id (publication number) of scored row `i` of key_core(`table`, ...) (the
/// record `r.rows[i]`), a view into the table: the id column of the command's scores.csv.
template <class Table, if_patent_table<Table> = 0>
std::string_view key_core_id(const Table& table, const key_core_result& r, std::size_t i) {
    const auto [chunk, k] = table.locate(r.rows[i]);
    return chunk->id(k);
}

/// \brief The id (publication number) of each scored record of key_core(`table`, ...), in
/// the order of `r.rows` (key_core_id of each, copied).
template <class Table, if_patent_table<Table> = 0>
std::vector<std::string> key_core_ids(const Table& table, const key_core_result& r) {
    std::vector<std::string> ids;
    ids.reserve(r.rows.size());
    for (std::size_t i = 0; i < r.rows.size(); ++i) ids.emplace_back(key_core_id(table, r, i));
    return ids;
}

/// \brief Which records are key core, as key_core() selects them with
/// `opts` (only indicators, fraction and threads are used): mask[r] = 1
/// for input record r in the key core, 0 otherwise (also for unscored records).
struct key_core_selection {
    std::vector<char> mask;            ///< one entry per input record
    index k = 0;                       ///< key-core size
    index rows = 0;                    ///< scored records
    std::size_t columns = 0;           ///< indicators used
    std::size_t dropped = 0;           ///< records without all of them
};

namespace detail {

template <class Source>
key_core_selection select_key_core_of(Source& src, const key_core_options& opts, const quality_result* q = nullptr) {
    const auto head = key_core_head_of(src, opts, q);
    const auto& table = head.table;
    const auto& kc = head.kc;
    key_core_selection out;
    out.mask.assign(src.size(), 0);
    for (const auto i : kc.top.indices) out.mask[table.rows[static_cast<std::size_t>(i)]] = 1;
    out.k = kc.top.k;
    out.rows = table.values.rows();
    out.columns = head.column_count;
    out.dropped = table.dropped_records;
    return out;
}

}  // namespace detail

/// \brief The key core of `records` without the profiles (see key_core_selection).
/// \throws invalid_argument when fewer than 2 records or no indicator remain.
inline key_core_selection select_key_core(const std::vector<io::patent_record>& records,
                                          const key_core_options& opts = {}) {
    vector_source src(records);
    const auto q = key_core_quality(records, opts);
    return detail::select_key_core_of(src, opts, &q);
}

/// \brief The key core of a table's records (select_key_core on the table, read from its columns).
template <class Table, if_patent_table<Table> = 0>
key_core_selection select_key_core(const Table& table, const key_core_options& opts = {}) {
    table_source src(table);
    const auto q = key_core_quality(table, opts);
    return detail::select_key_core_of(src, opts, &q);
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_KEYCORE_HPP_
