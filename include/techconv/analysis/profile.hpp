// SPDX-License-Identifier: BSL-1.0
//
// Group profiles: for every group of records (a country, an applicant, a
// year, a cluster, any key), what [KCT] reports about it in one call.
#ifndef TECHCONV_ANALYSIS_PROFILE_HPP_
#define TECHCONV_ANALYSIS_PROFILE_HPP_

#include <algorithm>      // std::sort, std::min
#include <cstdint>        // std::int32_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move, std::pair
#include <vector>         // std::vector

#include "techconv/cograph/centrality.hpp"
#include "techconv/cograph/community.hpp"
#include "techconv/cograph/cooccurrence.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/cograph/incidence.hpp"
#include "techconv/cograph/structure.hpp"
#include "techconv/config.hpp"
#include "techconv/convergence/concentration.hpp"
#include "techconv/convergence/convergence_index.hpp"
#include "techconv/convergence/diversity.hpp"
#include "techconv/convergence/shares.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {

namespace detail {
struct profile_access;
}  // namespace detail

/// \brief Records prepared for group profiles: labels interned to dense ids,
/// lists stored contiguously (compressed rows).
///
/// Each record has one group, a key-core flag, its classification codes at
/// the profiling level ([KCT]: IPC subclasses; main code first), and
/// optionally its industry categories (multi-label), its applicants and one
/// type per applicant ("company", "university", ...). Duplicates within a
/// record's list are stored once; the first code stays the main code.
///
/// Thread safety: const members may be called concurrently.
class profile_table {
public:
    /// \brief Adds one record.
    ///
    /// \param group           the record's group label (an empty label is a group too).
    /// \param key_core        whether the record is key core (the top share by score).
    /// \param codes           codes at the profiling level, main code first.
    /// \param industries      industry categories (multi-label), may be empty.
    /// \param applicants      applicant names, may be empty.
    /// \param applicant_types one type label per applicant, or empty (types unknown).
    /// \returns the record's 0-based index.
    /// \throws invalid_argument if applicant_types is neither empty nor as long as applicants.
    /// Complexity: O(total list length) expected.
    template <class Codes, class Industries = std::vector<std::string>,
              class Applicants = std::vector<std::string>, class Types = std::vector<std::string>>
    index add(std::string_view group, bool key_core, const Codes& codes,
              const Industries& industries = {}, const Applicants& applicants = {},
              const Types& applicant_types = {}) {
        std::size_t n_app = 0, n_types = 0;
        for (const auto& a : applicants) {
            static_cast<void>(a);
            ++n_app;
        }
        for (const auto& t : applicant_types) {
            static_cast<void>(t);
            ++n_types;
        }
        ::techconv::detail::require(n_types == 0 || n_types == n_app,
                        "profile_table::add: one applicant type per applicant, or none");
        group_.push_back(groups_.intern(group));
        key_core_.push_back(key_core ? 1 : 0);
        append(codes, codes_, code_ids_, code_offsets_);
        append(industries, industries_, industry_ids_, industry_offsets_);
        // applicants: distinct names, with the type of the first occurrence
        const std::size_t start = applicant_ids_.size();
        auto t = std::begin(applicant_types);
        for (const auto& a : applicants) {
            const std::int32_t id = applicants_.intern(std::string_view(a));
            std::int32_t type = -1;
            if (n_types != 0) {
                type = types_.intern(std::string_view(*t));
                ++t;
            }
            bool seen = false;
            for (std::size_t k = start; k < applicant_ids_.size(); ++k) seen = seen || applicant_ids_[k] == id;
            if (seen) continue;
            applicant_ids_.push_back(id);
            applicant_type_ids_.push_back(type);
        }
        applicant_offsets_.push_back(static_cast<index>(applicant_ids_.size()));
        return records() - 1;
    }

    /// Number of records.
    index records() const noexcept { return static_cast<index>(group_.size()); }
    /// Number of distinct groups.
    index groups() const noexcept { return static_cast<index>(groups_.labels.size()); }
    /// Label of group `g`.
    const std::string& group_label(index g) const { return groups_.labels[static_cast<std::size_t>(g)]; }
    /// Label of code id `c`.
    const std::string& code_label(index c) const { return codes_.labels[static_cast<std::size_t>(c)]; }

    /// \name Read-only storage
    /// The table's columns, for code that serialises or replays records
    /// (parallel::profile_partial). Lists are compressed rows: record r's
    /// codes are code_ids()[code_offsets()[r] .. code_offsets()[r + 1]), ids
    /// into code_labels(); likewise industries and applicants
    /// (applicant_type_ids() parallel to applicant_ids(), -1 = no type).
    /// Offsets have records() + 1 entries, starting at 0.
    ///@{
    /// Distinct code labels, by id (first-appearance order).
    const std::vector<std::string>& code_labels() const noexcept { return codes_.labels; }
    /// Distinct industry labels, by id.
    const std::vector<std::string>& industry_labels() const noexcept { return industries_.labels; }
    /// Distinct applicant names, by id.
    const std::vector<std::string>& applicant_labels() const noexcept { return applicants_.labels; }
    /// Distinct applicant type labels, by id.
    const std::vector<std::string>& type_labels() const noexcept { return types_.labels; }
    /// Group id of every record (labels: group_label()).
    const std::vector<std::int32_t>& group_ids() const noexcept { return group_; }
    /// Key-core flag (0 or 1) of every record.
    const std::vector<unsigned char>& key_core_flags() const noexcept { return key_core_; }
    /// Code ids of all records, concatenated.
    const std::vector<std::int32_t>& code_ids() const noexcept { return code_ids_; }
    /// Where each record's codes start in code_ids().
    const std::vector<index>& code_offsets() const noexcept { return code_offsets_; }
    /// Industry ids of all records, concatenated.
    const std::vector<std::int32_t>& industry_ids() const noexcept { return industry_ids_; }
    /// Where each record's industries start in industry_ids().
    const std::vector<index>& industry_offsets() const noexcept { return industry_offsets_; }
    /// Applicant ids of all records, concatenated.
    const std::vector<std::int32_t>& applicant_ids() const noexcept { return applicant_ids_; }
    /// Type id of each entry of applicant_ids() (-1: no type).
    const std::vector<std::int32_t>& applicant_type_ids() const noexcept { return applicant_type_ids_; }
    /// Where each record's applicants start in applicant_ids().
    const std::vector<index>& applicant_offsets() const noexcept { return applicant_offsets_; }
    ///@}

private:
    friend struct detail::profile_access;
    struct dictionary {
        std::unordered_map<std::string, std::int32_t> ids;
        std::vector<std::string> labels;
        std::int32_t intern(std::string_view s) {
            auto it = ids.find(std::string(s));
            if (it != ids.end()) return it->second;
            const auto id = static_cast<std::int32_t>(labels.size());
            labels.emplace_back(s);
            ids.emplace(labels.back(), id);
            return id;
        }
    };
    template <class Range>
    void append(const Range& r, dictionary& d, std::vector<std::int32_t>& ids, std::vector<index>& offsets) {
        const std::size_t start = ids.size();
        for (const auto& x : r) {
            const std::int32_t id = d.intern(std::string_view(x));
            bool seen = false;
            for (std::size_t k = start; k < ids.size(); ++k) seen = seen || ids[k] == id;
            if (!seen) ids.push_back(id);
        }
        offsets.push_back(static_cast<index>(ids.size()));
    }

    dictionary groups_, codes_, industries_, applicants_, types_;
    std::vector<std::int32_t> group_;
    std::vector<unsigned char> key_core_;
    std::vector<std::int32_t> code_ids_, industry_ids_, applicant_ids_, applicant_type_ids_;
    std::vector<index> code_offsets_{0}, industry_offsets_{0}, applicant_offsets_{0};
};

/// \brief Which records of a group are profiled.
enum class profile_scope : unsigned char {
    key_core,  ///< only its key-core records ([KCT] §2 profiles each country's key core patents)
    all,       ///< all its records
};

/// \brief Options of group_profiles().
struct profile_options {
    profile_scope scope = profile_scope::key_core;  ///< which records of a group are profiled
    index top = 10;                    ///< rows of the top tables (subclasses, industries, applicants, nodes)
    bool network = true;               ///< compute the co-classification network summary
    cograph::community_options communities{};  ///< Louvain options (seeded: deterministic)
    std::string company_type = "company";      ///< the applicant type counted by company_share
};

/// \brief Summary of a group's co-classification network ([KCT] §2.2).
struct network_summary {
    index nodes = 0;          ///< distinct codes on the profiled records
    index edges = 0;          ///< code pairs sharing at least one record
    double density = 0.0;     ///< 2 edges / (nodes (nodes - 1)), 0 below two nodes
    index components = 0;     ///< connected components (isolated codes count)
    std::vector<std::pair<std::string, double>> top_strength;  ///< codes by strength ([KCT] Table 5)
    index clusters = 0;       ///< Louvain communities
    double modularity = 0.0;  ///< modularity of that partition
    std::vector<std::string> sections;  ///< sections (first characters) covered, ascending
    index cross_section_edges = 0;      ///< edges between codes of different sections
    double cross_section_weight = 0.0;  ///< their total weight
};

/// \brief One row of a ranked table with string keys: key, count, share.
struct ranked_entry {
    std::string key;     ///< category, code or applicant
    index count = 0;     ///< records holding it
    double share = 0.0;  ///< count / profiled records (multi-label shares may sum past 1)
};

/// \brief Everything [KCT] reports about one group.
struct group_profile {
    std::string group;            ///< the group label
    index records = 0;            ///< all records of the group
    index key_core = 0;           ///< its key-core records
    double record_share = 0.0;    ///< records / all records
    double key_core_share = 0.0;  ///< key_core / all key-core records ([KCT]: China 46 / 3,594)
    double key_core_rate = 0.0;   ///< key_core / records ([KCT]: China 46 / 10,210)
    index profiled = 0;           ///< records profiled (see profile_scope)

    index industries = 0;                   ///< industry categories covered (industry diversity)
    std::vector<ranked_entry> top_industries;  ///< multi-label industry shares
    double industry_shannon = 0.0;          ///< Shannon entropy (nats) of the industry counts

    index main_codes = 0;           ///< distinct main codes ([KCT]: main subclasses, US 105)
    index all_codes = 0;            ///< distinct codes over all codes ([KCT]: US 204)
    index code_gap = 0;             ///< all_codes - main_codes ([KCT]: US 99)
    double convergence_index = 0.0;       ///< (profiled - all_codes) / profiled ([KCT] §2.2.3)
    double convergence_index_main = 0.0;  ///< (profiled - main_codes) / profiled
    std::vector<ranked_entry> top_main_codes;  ///< main codes by share ([KCT] Table 4)
    double technology_shannon = 0.0;      ///< Shannon entropy (nats) of the main-code counts

    double company_share = 0.0;  ///< records with at least one applicant of company_type / profiled
    std::vector<ranked_entry> top_applicants;  ///< applicants by record share ([KCT]: Samsung 98/172)
    double applicant_hhi = 0.0;  ///< Herfindahl-Hirschman index of applicant record counts

    network_summary network;     ///< co-classification network of the profiled records
    status info = status::ok;    ///< empty_input when no record is profiled (all figures 0)
};

/// \brief Profiles of all groups.
struct profile_result {
    std::vector<group_profile> groups;  ///< by key-core count, then records (descending), then label
    index records = 0;                  ///< all records
    index key_core = 0;                 ///< all key-core records
    status info = status::ok;           ///< empty_input without records
};

namespace detail {

/// Read access to a profile_table's columns (internal).
struct profile_access {
    static const profile_table::dictionary& codes(const profile_table& t) { return t.codes_; }
    static const profile_table::dictionary& industries(const profile_table& t) { return t.industries_; }
    static const profile_table::dictionary& applicants(const profile_table& t) { return t.applicants_; }
    static const profile_table::dictionary& types(const profile_table& t) { return t.types_; }
    static const profile_table& self(const profile_table& t) { return t; }
    static const std::vector<std::int32_t>& group(const profile_table& t) { return t.group_; }
    static const std::vector<unsigned char>& key_core(const profile_table& t) { return t.key_core_; }
    static const std::vector<std::int32_t>& code_ids(const profile_table& t) { return t.code_ids_; }
    static const std::vector<index>& code_offsets(const profile_table& t) { return t.code_offsets_; }
    static const std::vector<std::int32_t>& industry_ids(const profile_table& t) { return t.industry_ids_; }
    static const std::vector<index>& industry_offsets(const profile_table& t) { return t.industry_offsets_; }
    static const std::vector<std::int32_t>& applicant_ids(const profile_table& t) { return t.applicant_ids_; }
    static const std::vector<std::int32_t>& applicant_type_ids(const profile_table& t) { return t.applicant_type_ids_; }
    static const std::vector<index>& applicant_offsets(const profile_table& t) { return t.applicant_offsets_; }
};

/// A list of ids inside a compressed-row array (a range for the tally functions).
struct id_span {
    const std::int32_t* first = nullptr;
    const std::int32_t* last = nullptr;
    const std::int32_t* begin() const noexcept { return first; }
    const std::int32_t* end() const noexcept { return last; }
};

inline std::vector<id_span> spans_of(const std::vector<std::int32_t>& ids, const std::vector<index>& offsets,
                                     const std::vector<index>& rows) {
    std::vector<id_span> out;
    out.reserve(rows.size());
    for (const index r : rows) {
        const auto b = static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)]);
        const auto e = static_cast<std::size_t>(offsets[static_cast<std::size_t>(r) + 1]);
        out.push_back(id_span{ids.data() + b, ids.data() + e});
    }
    return out;
}

template <class Table>
std::vector<ranked_entry> ranked(const Table& t, const std::vector<std::string>& labels, index profiled) {
    std::vector<ranked_entry> out;
    out.reserve(t.entries.size());
    for (const auto& e : t.entries) {
        out.push_back(ranked_entry{labels[static_cast<std::size_t>(e.key)], e.count,
                                   profiled > 0 ? static_cast<double>(e.count) / static_cast<double>(profiled) : 0.0});
    }
    return out;
}

}  // namespace detail

/// \brief Profiles every group of `t` in one pass over the records.
///
/// For each group: record and key-core counts and shares; over its profiled
/// records (its key-core records by default, as in [KCT]): industry diversity
/// (categories covered, multi-label shares, Shannon), technology diversity
/// (distinct main and all codes, their gap, the convergence index
/// CI = (n - distinct codes) / n, top main codes with shares, Shannon),
/// applicant diversity (company share, top applicants' record shares, HHI)
/// and the co-classification network summary (nodes, edges, density,
/// components, top codes by strength, Louvain clusters and modularity,
/// sections covered, cross-section links).
///
/// Records are bucketed by group with one counting sort; every record is then
/// visited once, so the cost is linear in the data, not in groups × records.
/// Shares of ties follow the convergence module's rule (first seen; rows of a
/// top table with equal counts keep the order in which their keys first
/// appear in the input).
///
/// Reference: [KCT] §1.2, §2.1, §2.2, Tables 3-5.
/// \param t    the records.
/// \param opts scope, table length, network and community options.
/// \returns one profile per group, and the totals.
/// \throws invalid_argument if opts.top < 0.
/// Degenerate input: a group with no profiled record gets zeros and
/// status::empty_input; an empty table gives no groups and status::empty_input.
/// Complexity: O(L + sum over groups of the co-occurrence and Louvain costs),
/// L = total list length.
inline profile_result group_profiles(const profile_table& t, const profile_options& opts = {}) {
    using A = detail::profile_access;
    ::techconv::detail::require(opts.top >= 0, "group_profiles: top must be >= 0");
    profile_result res;
    res.records = t.records();
    const auto& group = A::group(t);
    const auto& kc = A::key_core(t);
    for (const unsigned char k : kc) res.key_core += k;
    if (res.records == 0) {
        res.info = status::empty_input;
        return res;
    }
    // Bucket records by group (counting sort, stable in record order).
    const index ng = t.groups();
    std::vector<index> start(static_cast<std::size_t>(ng) + 1, 0);
    for (const std::int32_t g : group) ++start[static_cast<std::size_t>(g) + 1];
    for (std::size_t g = 0; g < static_cast<std::size_t>(ng); ++g) start[g + 1] += start[g];
    std::vector<index> order(static_cast<std::size_t>(res.records));
    {
        std::vector<index> pos(start.begin(), start.end() - 1);
        for (index r = 0; r < res.records; ++r)
            order[static_cast<std::size_t>(pos[static_cast<std::size_t>(group[static_cast<std::size_t>(r)])]++)] = r;
    }
    // One incidence of all records at the profiling level (rows sorted).
    cograph::incidence_matrix inc;
    inc.records = res.records;
    inc.codes = static_cast<index>(A::codes(t).labels.size());
    inc.record_offsets = A::code_offsets(t);
    inc.code_ids = A::code_ids(t);
    for (index r = 0; r < res.records; ++r) {
        auto* b = inc.code_ids.data() + inc.record_offsets[static_cast<std::size_t>(r)];
        auto* e = inc.code_ids.data() + inc.record_offsets[static_cast<std::size_t>(r) + 1];
        std::sort(b, e);
    }
    std::string company_key = opts.company_type;
    std::int32_t company_id = -1;
    {
        const auto& tys = A::types(t);
        const auto it = tys.ids.find(company_key);
        if (it != tys.ids.end()) company_id = it->second;
    }

    for (index g = 0; g < ng; ++g) {
        group_profile p;
        p.group = t.group_label(g);
        std::vector<index> rows;
        for (index k = start[static_cast<std::size_t>(g)]; k < start[static_cast<std::size_t>(g) + 1]; ++k) {
            const index r = order[static_cast<std::size_t>(k)];
            ++p.records;
            if (kc[static_cast<std::size_t>(r)]) ++p.key_core;
            if (opts.scope == profile_scope::all || kc[static_cast<std::size_t>(r)]) rows.push_back(r);
        }
        p.record_share = static_cast<double>(p.records) / static_cast<double>(res.records);
        p.key_core_share = res.key_core > 0 ? static_cast<double>(p.key_core) / static_cast<double>(res.key_core) : 0.0;
        p.key_core_rate = static_cast<double>(p.key_core) / static_cast<double>(p.records);
        p.profiled = static_cast<index>(rows.size());
        if (p.profiled == 0) {
            p.info = status::empty_input;
            res.groups.push_back(std::move(p));
            continue;
        }
        share_options so;
        so.top = opts.top;
        // industries
        {
            const auto spans = detail::spans_of(A::industry_ids(t), A::industry_offsets(t), rows);
            const auto tab = category_shares(spans, so);
            p.industries = tab.categories;
            p.top_industries = detail::ranked(tab, A::industries(t).labels, p.profiled);
            share_options all = so;
            all.top = 0;
            p.industry_shannon = shannon(category_shares(spans, all).counts());
        }
        // technology
        {
            const auto spans = detail::spans_of(A::code_ids(t), A::code_offsets(t), rows);
            const convergence_result cr = convergence(spans);
            p.all_codes = cr.distinct_all;
            p.main_codes = cr.distinct_main;
            p.code_gap = cr.distinct_all - cr.distinct_main;
            p.convergence_index = cr.index_all;
            p.convergence_index_main = cr.index_main;
            share_options mo = so;
            mo.scope = code_scope::main;
            p.top_main_codes = detail::ranked(category_shares(spans, mo), A::codes(t).labels, p.profiled);
            mo.top = 0;
            p.technology_shannon = shannon(category_shares(spans, mo).counts());
        }
        // applicants
        {
            const auto spans = detail::spans_of(A::applicant_ids(t), A::applicant_offsets(t), rows);
            concentration_options co;
            co.top = opts.top;
            const auto ac = applicant_concentration(spans, co);
            p.top_applicants = detail::ranked(ac.top, A::applicants(t).labels, p.profiled);
            p.applicant_hhi = ac.concentration.hhi;
            index companies = 0;
            const auto& types = A::applicant_type_ids(t);
            const auto& off = A::applicant_offsets(t);
            for (const index r : rows) {
                bool company = false;
                for (index k = off[static_cast<std::size_t>(r)]; k < off[static_cast<std::size_t>(r) + 1]; ++k)
                    company = company || (company_id >= 0 && types[static_cast<std::size_t>(k)] == company_id);
                companies += company ? 1 : 0;
            }
            p.company_share = static_cast<double>(companies) / static_cast<double>(p.profiled);
        }
        // network
        if (opts.network) {
            const cograph::sparse_matrix c = cograph::cooccurrence(inc, rows);
            cograph::graph_options go;
            go.min_occurrences = 1.0;
            const cograph::graph net = cograph::graph::from_cooccurrence(c, A::codes(t).labels, go);
            auto& s = p.network;
            s.nodes = net.num_nodes();
            s.edges = net.num_edges();
            s.density = cograph::density(net);
            s.components = cograph::connected_components(net).count;
            const vector st = cograph::strength(net);
            const auto rank = cograph::ranking(st);
            for (std::size_t k = 0; k < rank.size() && static_cast<index>(k) < opts.top; ++k)
                s.top_strength.emplace_back(net.label(rank[k]), st[rank[k]]);
            if (s.edges > 0) {
                const auto com = cograph::louvain(net, opts.communities);
                s.clusters = com.count;
                s.modularity = com.quality;
            } else {
                s.clusters = s.nodes;
            }
            const auto sv = cograph::section_view(net);
            s.sections = sv.sections;
            s.cross_section_edges = sv.cross_links;
            s.cross_section_weight = sv.cross_weight;
        }
        res.groups.push_back(std::move(p));
    }
    std::sort(res.groups.begin(), res.groups.end(), [](const group_profile& a, const group_profile& b) {
        if (a.key_core != b.key_core) return a.key_core > b.key_core;
        if (a.records != b.records) return a.records > b.records;
        return a.group < b.group;
    });
    return res;
}

}  // namespace convergence
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_PROFILE_HPP_
