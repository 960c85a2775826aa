// SPDX-License-Identifier: BSL-1.0
//
// Records x technology branch ([COOP] §1.2, Table 1): every patent or paper
// assigned to the branches whose terms occur in its title (and keywords), by
// classification::term_classifier; the branch counts overall and per year;
// and term lists read from CSV for branches other than the built-in [COOP]
// AI-chip taxonomy.
#ifndef TECHCONV_ANALYSIS_BRANCHES_HPP_
#define TECHCONV_ANALYSIS_BRANCHES_HPP_

#include <cstddef>      // std::size_t, std::ptrdiff_t
#include <fstream>      // std::ifstream
#include <istream>      // std::istream
#include <map>          // std::map
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::pair
#include <vector>       // std::vector

#include "techconv/analysis/patent_rules.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/classification/terms.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/records/paper_table.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief Records x branch: one row per record (identifier, year, the ids of
/// its branches) over the branch names.
///
/// `records` is a closeness::actor_records whose labels are the classifier's
/// branch names with the classifier's ids (label k = branch k, even for a
/// branch no record has), so it feeds closeness::count_collaboration() for
/// branch co-occurrence as well.
struct branch_table {
    closeness::actor_records records;        ///< per record: id, year, branch ids (ascending)
    std::vector<index> records_per_branch;   ///< records assigned to branch k (multi-label: sums past the records)
    index unclassified = 0;                  ///< records with no branch
    index duplicates = 0;                    ///< records dropped because their identifier was seen before
};

/// \brief Options of classify_branches().
struct branch_options {
    /// Restricted-term policy, IPC filter scope, English plurals (see term_classifier_options).
    classification::term_classifier_options match;
};

namespace detail {

inline branch_table empty_branch_table(const classification::term_classifier& k) {
    branch_table t;
    for (std::size_t b = 0; b < k.branch_count(); ++b) t.records.intern(k.branch(static_cast<label_id>(b)).name);
    t.records_per_branch.assign(k.branch_count(), 0);
    return t;
}

inline void add_branch_row(branch_table& t, std::string_view id, year_type year, const std::vector<label_id>& ids) {
    if (!t.records.add_ids(id, year, ids)) {
        ++t.duplicates;
        return;
    }
    if (ids.empty()) ++t.unclassified;
    for (const label_id b : ids) ++t.records_per_branch[b];
}

}  // namespace detail

namespace detail {

// The branch rule of a patent, over a record source (analysis/record_source.hpp):
// the title, the parsed IPC codes (those that are symbols), family_id else id, row_year.
template <class Source>
branch_table patent_branches_of(Source& src, const classification::term_classifier& classifier,
                                const branch_options& opts) {
    auto t = empty_branch_table(classifier);
    std::vector<classification::ipc_code> codes;
    std::vector<label_id> ids;
    for (std::size_t i = 0; i < src.size(); ++i) {
        const auto r = src.row(i);
        codes.clear();
        if (classifier.has_ipc_filter())
            for (const auto c : src.codes(i))
                if (!c.empty()) codes.push_back(c);
        ids.clear();
        classifier.classify_into(r.title(), codes, ids, opts.match);
        add_branch_row(t, r.family_id().empty() ? r.id() : r.family_id(), row_year(r), ids);
    }
    return t;
}

}  // namespace detail

/// \brief Branches of patent records: the classifier on each record's title,
/// its IPC codes for the classifier's IPC filter (codes that do not parse are
/// ignored), identifier = family_id (id when none), year = patent_year().
///
/// \param records patent records (merged into simple families to count each family once)
/// \param classifier the branches (classification::coop_ai_chip_classifier() for [COOP] Table 1)
/// \param opts matching options. \returns the records x branch table.
/// Deterministic; complexity O(records x terms x title length) worst case.
inline branch_table classify_branches(const std::vector<io::patent_record>& records,
                                      const classification::term_classifier& classifier,
                                      const branch_options& opts = {}) {
    vector_source src(records);
    return detail::patent_branches_of(src, classifier, opts);
}

/// \brief classify_branches() of a columnar patent table (io::read_patent_table
/// with titles kept, records::patent_table_options::titles), read from its
/// columns with the IPC codes the table parsed once: the same table as the
/// vector form of the same records.
/// \throws invalid_argument when the table keeps no titles.
template <class Table, if_patent_table<Table> = 0>
branch_table classify_branches(const Table& patents, const classification::term_classifier& classifier,
                               const branch_options& opts = {}) {
    ::techconv::detail::require(patents.options().titles,
                                "classify_branches: the patent table keeps no titles "
                                "(records::patent_table_options::titles)");
    table_source src(patents);
    return detail::patent_branches_of(src, classifier, opts);
}

/// \brief Branches of papers: the classifier on each record's title and
/// keywords (joined by " | ", so no term spans the two), without IPC codes
/// (restricted terms count only under restriction_policy::ignore).
///
/// \param records papers from the WoS / Scopus readers \param classifier the branches
/// \param opts matching options. \returns the records x branch table.
/// Deterministic; complexity O(records x terms x text length) worst case.
inline branch_table classify_branches(const std::vector<io::bibliographic_record>& records,
                                      const classification::term_classifier& classifier,
                                      const branch_options& opts = {}) {
    auto t = detail::empty_branch_table(classifier);
    std::vector<label_id> ids;
    std::string text;
    for (const auto& r : records) {
        text = r.title;
        if (!r.keywords.empty()) text += " | " + r.keywords;
        ids.clear();
        classifier.classify_into(text, {}, ids, opts.match);
        detail::add_branch_row(t, r.id, r.year, ids);
    }
    return t;
}

/// \brief classify_branches() of a columnar paper table (io::read_paper_table,
/// made with paper_table_options::texts): the same table as the vector form of
/// the same papers.
/// \throws invalid_argument when the table keeps no titles and keywords.
inline branch_table classify_branches(const records::paper_table& papers,
                                      const classification::term_classifier& classifier,
                                      const branch_options& opts = {}) {
    ::techconv::detail::require(papers.options().texts,
                                "classify_branches: the paper table keeps no titles and keywords "
                                "(paper_table_options::texts)");
    auto t = detail::empty_branch_table(classifier);
    std::vector<label_id> ids;
    std::string text;
    for (const auto& c : papers.chunks()) {
        for (std::size_t i = 0; i < c.size(); ++i) {
            text.assign(c.title(i));
            if (!c.keywords(i).empty()) text.append(" | ").append(c.keywords(i));
            ids.clear();
            classifier.classify_into(text, {}, ids, opts.match);
            detail::add_branch_row(t, c.id(i), c.year(i), ids);
        }
    }
    return t;
}

/// \brief Records of one branch in one year.
struct branch_year {
    year_type year = no_year;   ///< the year (no_year: records without a year)
    label_id branch = no_label; ///< the branch id
    index records = 0;          ///< records of the branch in the year
};

/// \brief Records per year and branch, ascending by year then branch id;
/// only non-zero cells. Complexity O(assignments x log cells).
inline std::vector<branch_year> branches_by_year(const branch_table& t) {
    std::map<std::pair<year_type, label_id>, index> cells;
    for (index r = 0; r < t.records.size(); ++r)
        for (const label_id b : t.records.actors(r)) ++cells[{t.records.year(r), b}];
    std::vector<branch_year> out;
    out.reserve(cells.size());
    for (const auto& [k, n] : cells) out.push_back(branch_year{k.first, k.second, n});
    return out;
}

/// \brief Reads branch term lists from CSV: columns `branch`, `term` and an
/// optional `kind` (`term` (default when empty or absent), `restricted`: a
/// noisy term counted only for records passing the IPC filter, `exclusion`:
/// a term that vetoes the branch). Branches get ids in order of first appearance.
///
/// \param in the CSV text; `source` names it in errors.
/// \returns the branches, for classification::term_classifier.
/// \throws parse_error naming file, line and field for a missing column
/// (missing_column), an empty branch or term (bad_value) or an unknown kind
/// (bad_value); parse_error (empty_input) when no row defines a branch.
/// Complexity: O(file size).
inline std::vector<classification::branch_definition> read_branch_terms(std::istream& in,
                                                                        const std::string& source) {
    io::csv_reader r(in, source);
    const std::size_t bc = r.require_column("branch");
    const std::size_t tc = r.require_column("term");
    const std::ptrdiff_t kc = r.find_column("kind");
    std::vector<classification::branch_definition> out;
    while (r.next()) {
        const auto name = io::trim(r.field(bc));
        const auto term = io::trim(r.field(tc));
        const auto kind = kc < 0 ? std::string_view() : io::trim(r.field(static_cast<std::size_t>(kc)));
        if (name.empty()) r.fail(error_code::bad_value, bc, "empty branch name");
        if (term.empty()) r.fail(error_code::bad_value, tc, "empty term");
        if (!kind.empty() && kind != "term" && kind != "restricted" && kind != "exclusion")
            r.fail(error_code::bad_value, static_cast<std::size_t>(kc),
                   "kind must be term, restricted or exclusion, found '" + std::string(kind) + "'");
        classification::branch_definition* b = nullptr;
        for (auto& x : out)
            if (x.name == name) b = &x;
        if (b == nullptr) {
            out.push_back(classification::branch_definition{std::string(name), {}, {}});
            b = &out.back();
        }
        if (kind == "exclusion") b->exclusions.emplace_back(term);
        else b->terms.push_back(classification::branch_term{std::string(term), kind == "restricted"});
    }
    if (out.empty())
        ::techconv::detail::throw_error<parse_error>(error_code::empty_input, source_location{source, 0, 0, 0, {}},
                                                     "no branch terms in " + source);
    return out;
}

/// \brief read_branch_terms() from a file. \throws parse_error (io_error) if it cannot be opened.
inline std::vector<classification::branch_definition> load_branch_terms(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        ::techconv::detail::throw_error<parse_error>(error_code::io_error, source_location{path, 0, 0, 0, {}},
                                                     "cannot open " + path);
    return read_branch_terms(in, path);
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_BRANCHES_HPP_
