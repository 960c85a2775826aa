// SPDX-License-Identifier: BSL-1.0
//
// Group profiles: for every group of records (a country, an applicant, a
// year, a cluster, any key), what [KCT] reports about it in one call. The
// records are held in convergence::profile_table as records::incidence_matrix
// values (codes, industries, applicants) with records::label_pool labels, and
// each group's network is counted by records::cooccurrence on the code
// incidence itself.
#ifndef TECHCONV_ANALYSIS_PROFILE_HPP_
#define TECHCONV_ANALYSIS_PROFILE_HPP_

#include <algorithm>    // std::sort, std::unique, std::find
#include <cstddef>      // std::size_t, std::ptrdiff_t
#include <cstdint>      // std::int32_t, INT32_MAX
#include <iterator>     // std::begin, std::forward_iterator_tag
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move, std::pair
#include <vector>       // std::vector

#include "techconv/cograph/centrality.hpp"
#include "techconv/cograph/community.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/cograph/structure.hpp"
#include "techconv/config.hpp"
#include "techconv/convergence/concentration.hpp"
#include "techconv/convergence/convergence_index.hpp"
#include "techconv/convergence/diversity.hpp"
#include "techconv/convergence/shares.hpp"
#include "techconv/error.hpp"
#include "techconv/records/cooccurrence.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/records/labels.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {

/// \brief One record's code ids as the convergence module reads a record:
/// its main code first, then its other codes in ascending id order
/// (profile_table::codes_main_first()). Empty for a record without codes.
///
/// A forward range of std::int32_t; it walks the record's ascending row of
/// profile_table::codes() once, skipping the main code where it sits.
struct main_first_codes {
    std::int32_t main = -1;  ///< the main code id (-1: the record has no code)
    records::row_span row;   ///< all code ids of the record, ascending (holds `main` once)

    /// Forward iterator over the ids (yields std::int32_t).
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;  ///< iterator traits
        using value_type = std::int32_t;                      ///< iterator traits
        using difference_type = std::ptrdiff_t;               ///< iterator traits
        using pointer = void;                                 ///< iterator traits
        using reference = std::int32_t;                       ///< iterator traits
        /// An iterator at the main code (`at_main`) or at `p` in the row [p, last).
        iterator(std::int32_t main, const std::int32_t* p, const std::int32_t* last, bool at_main) noexcept
            : main_(main), p_(p), last_(last), at_main_(at_main) {}
        /// The current id.
        std::int32_t operator*() const noexcept { return at_main_ ? main_ : *p_; }
        /// Advances to the next id.
        iterator& operator++() noexcept {
            if (at_main_) {
                at_main_ = false;
            } else {
                ++p_;
            }
            if (p_ != last_ && *p_ == main_) ++p_;
            return *this;
        }
        /// Whether both are at the same place.
        bool operator==(const iterator& o) const noexcept { return p_ == o.p_ && at_main_ == o.at_main_; }
        /// Whether they are at different places.
        bool operator!=(const iterator& o) const noexcept { return !(*this == o); }

    private:
        std::int32_t main_;
        const std::int32_t* p_;
        const std::int32_t* last_;
        bool at_main_;
    };
    /// Iteration support: the main code first.
    iterator begin() const noexcept { return iterator(main, row.first, row.last, main >= 0); }
    /// Iteration support.
    iterator end() const noexcept { return iterator(main, row.last, row.last, false); }
};

/// \brief Records prepared for group profiles: labels interned to dense ids
/// (records::label_pool, first-seen order), lists held as
/// records::incidence_matrix values (rows = records, columns = label ids).
///
/// Each record has one group, a key-core flag, its classification codes at
/// the profiling level ([KCT]: IPC subclasses; main code first), and
/// optionally its industry categories (multi-label), its applicants and one
/// type per applicant ("company", "university", ...). Duplicates within a
/// record's list are stored once.
///
/// How the three lists are held, and why:
/// - codes(): rows ascending (records::row_order::ascending), the form
///   records::cooccurrence reads, so each group's co-classification network
///   is counted on this incidence itself, without a sorted copy. The main
///   code, which the ascending row cannot show, is its own column:
///   main_codes() (the first code given to add(); [KCT] Table 4 counts main
///   subclasses). codes_main_first(r) gives the record back as "main code,
///   then the others" for the convergence module's record contract.
/// - industries() and applicants(): rows in the order given
///   (records::row_order::as_given, first occurrence kept), because the
///   ranked tables break ties by first appearance in the input
///   (convergence::tie_break::first_seen), an order an ascending row loses.
///   applicant_type_ids() is a column parallel to applicants().code_ids
///   (the type given with an applicant's first occurrence; -1: none).
///
/// Thread safety: const members may be called concurrently.
class profile_table {
public:
    profile_table() {
        industries_.order = records::row_order::as_given;
        applicants_.order = records::row_order::as_given;
    }

    /// \brief Adds one record.
    ///
    /// \param group           the record's group label (an empty label is a group too).
    /// \param key_core        whether the record is key core (the top share by score).
    /// \param codes           codes at the profiling level, main code first.
    /// \param industries      industry categories (multi-label), may be empty.
    /// \param applicants      applicant names, may be empty.
    /// \param applicant_types one type label per applicant, or empty (types unknown).
    /// \returns the record's 0-based index.
    /// \throws invalid_argument if applicant_types is neither empty nor as long as
    /// applicants, or a list would hold more than 2^31 - 1 distinct labels.
    /// Complexity: O(k log k) for k codes, O(m^2) for a list of m industries or applicants.
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
        group_.push_back(group_labels_.intern(group));
        key_core_.push_back(key_core ? 1 : 0);
        // codes: ascending row, main code in its own column
        {
            auto& ids = codes_.code_ids;
            const std::size_t start = ids.size();
            std::int32_t main = -1;
            for (const auto& c : codes) {
                const std::int32_t id = intern(code_labels_, std::string_view(c));
                if (main < 0) main = id;
                ids.push_back(id);
            }
            const auto b = ids.begin() + static_cast<std::ptrdiff_t>(start);
            std::sort(b, ids.end());
            ids.erase(std::unique(b, ids.end()), ids.end());
            main_.push_back(main);
            close_row(codes_, code_labels_);
        }
        // industries: distinct, in the order given
        for (const auto& x : industries) push_distinct(industries_, intern(industry_labels_, std::string_view(x)));
        close_row(industries_, industry_labels_);
        // applicants: distinct names in the order given, with the type of the first occurrence
        auto t = std::begin(applicant_types);
        for (const auto& a : applicants) {
            const std::int32_t id = intern(applicant_labels_, std::string_view(a));
            std::int32_t type = -1;
            if (n_types != 0) {
                type = intern(type_labels_, std::string_view(*t));
                ++t;
            }
            if (push_distinct(applicants_, id)) applicant_types_.push_back(type);
        }
        close_row(applicants_, applicant_labels_);
        return records() - 1;
    }

    /// Number of records.
    index records() const noexcept { return static_cast<index>(group_.size()); }
    /// Number of distinct groups.
    index groups() const noexcept { return static_cast<index>(group_labels_.size()); }
    /// Label of group `g`. \pre 0 <= g < groups()
    std::string_view group_label(index g) const noexcept {
        return group_labels_.view(static_cast<records::label_index>(g));
    }
    /// Label of code id `c`. \pre 0 <= c < codes().codes
    std::string_view code_label(index c) const noexcept {
        return code_labels_.view(static_cast<records::label_index>(c));
    }

    /// \name Storage
    /// The table's columns, for code that counts on them or serialises and
    /// replays records (parallel::profile_partial). Label ids are ids of the
    /// matching label pool (first-seen order).
    ///@{
    /// Group labels, by id.
    const records::label_pool& group_labels() const noexcept { return group_labels_; }
    /// Code labels, by id (the columns of codes()).
    const records::label_pool& code_labels() const noexcept { return code_labels_; }
    /// Industry labels, by id (the columns of industries()).
    const records::label_pool& industry_labels() const noexcept { return industry_labels_; }
    /// Applicant names, by id (the columns of applicants()).
    const records::label_pool& applicant_labels() const noexcept { return applicant_labels_; }
    /// Applicant type labels, by id (the values of applicant_type_ids()).
    const records::label_pool& type_labels() const noexcept { return type_labels_; }
    /// Group id of every record (labels: group_labels()).
    const std::vector<records::label_index>& group_ids() const noexcept { return group_; }
    /// Key-core flag (0 or 1) of every record.
    const std::vector<unsigned char>& key_core_flags() const noexcept { return key_core_; }
    /// Records x codes, each record's distinct codes in ascending id order.
    const records::incidence_matrix& codes() const noexcept { return codes_; }
    /// Main code id of every record (its first code), -1 for a record without codes.
    const std::vector<std::int32_t>& main_codes() const noexcept { return main_; }
    /// Record `r`'s codes, main code first, then the others ascending. \pre 0 <= r < records()
    main_first_codes codes_main_first(index r) const noexcept {
        return main_first_codes{main_[static_cast<std::size_t>(r)], codes_.row(r)};
    }
    /// Records x industries, each record's distinct industries in the order given.
    const records::incidence_matrix& industries() const noexcept { return industries_; }
    /// Records x applicants, each record's distinct applicants in the order given.
    const records::incidence_matrix& applicants() const noexcept { return applicants_; }
    /// Type id of each entry of applicants().code_ids (-1: no type).
    const std::vector<std::int32_t>& applicant_type_ids() const noexcept { return applicant_types_; }
    ///@}

private:
    static std::int32_t intern(records::label_pool& pool, std::string_view s) {
        const records::label_index id = pool.intern(s);
        ::techconv::detail::require(id < static_cast<records::label_index>(INT32_MAX),
                                    "profile_table::add: more than 2^31 - 1 distinct labels in one list");
        return static_cast<std::int32_t>(id);
    }
    // Appends `id` to the open row of `m` unless the row holds it already.
    static bool push_distinct(records::incidence_matrix& m, std::int32_t id) {
        const auto b = m.code_ids.begin() + static_cast<std::ptrdiff_t>(m.record_offsets.back());
        if (std::find(b, m.code_ids.end(), id) != m.code_ids.end()) return false;
        m.code_ids.push_back(id);
        return true;
    }
    static void close_row(records::incidence_matrix& m, const records::label_pool& labels) {
        m.record_offsets.push_back(static_cast<index>(m.code_ids.size()));
        ++m.records;
        m.codes = static_cast<index>(labels.size());
    }

    records::label_pool group_labels_, code_labels_, industry_labels_, applicant_labels_, type_labels_;
    std::vector<records::label_index> group_;
    std::vector<unsigned char> key_core_;
    records::incidence_matrix codes_, industries_, applicants_;
    std::vector<std::int32_t> main_, applicant_types_;
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
    /// empty_input when records are profiled but none has a code (a source without IPC codes,
    /// such as a Google Patents export): the code counts, the convergence indices, the top main
    /// codes, the technology entropy and the network are then not computed (0 and empty), and
    /// the reports print them as empty, not as 0. ok otherwise (also for a group without
    /// profiled records, whose counts are 0 under `info`).
    status technology_info = status::ok;

    /// \brief Whether the technology figures (codes, convergence indices, network) stand; false
    /// when technology_info is empty_input.
    bool has_technology() const noexcept { return technology_info == status::ok; }
};

/// \brief Profiles of all groups.
struct profile_result {
    std::vector<group_profile> groups;  ///< by key-core count, then records (descending), then label
    index records = 0;                  ///< all records
    index key_core = 0;                 ///< all key-core records
    status info = status::ok;           ///< empty_input without records
};

namespace detail {

template <class Table>
std::vector<ranked_entry> ranked(const Table& t, const records::label_pool& labels, index profiled) {
    std::vector<ranked_entry> out;
    out.reserve(t.entries.size());
    for (const auto& e : t.entries) {
        out.push_back(ranked_entry{std::string(labels.view(static_cast<records::label_index>(e.key))), e.count,
                                   profiled > 0 ? static_cast<double>(e.count) / static_cast<double>(profiled) : 0.0});
    }
    return out;
}

/// The rows `rows` of `m`, as ranges for the tally functions.
inline std::vector<records::row_span> rows_of(const records::incidence_matrix& m, const std::vector<index>& rows) {
    std::vector<records::row_span> out;
    out.reserve(rows.size());
    for (const index r : rows) out.push_back(m.row(r));
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
    ::techconv::detail::require(opts.top >= 0, "group_profiles: top must be >= 0");
    profile_result res;
    res.records = t.records();
    const auto& group = t.group_ids();
    const auto& kc = t.key_core_flags();
    for (const unsigned char k : kc) res.key_core += k;
    if (res.records == 0) {
        res.info = status::empty_input;
        return res;
    }
    // Bucket records by group (counting sort, stable in record order).
    const index ng = t.groups();
    std::vector<index> start(static_cast<std::size_t>(ng) + 1, 0);
    for (const records::label_index g : group) ++start[static_cast<std::size_t>(g) + 1];
    for (std::size_t g = 0; g < static_cast<std::size_t>(ng); ++g) start[g + 1] += start[g];
    std::vector<index> order(static_cast<std::size_t>(res.records));
    {
        std::vector<index> pos(start.begin(), start.end() - 1);
        for (index r = 0; r < res.records; ++r)
            order[static_cast<std::size_t>(pos[static_cast<std::size_t>(group[static_cast<std::size_t>(r)])]++)] = r;
    }
    const records::label_index company_type = t.type_labels().find(opts.company_type);
    const std::int32_t company_id =
        company_type == records::label_pool::npos ? -1 : static_cast<std::int32_t>(company_type);
    std::vector<std::string> code_names;  // node labels of the networks
    if (opts.network) {
        code_names.reserve(t.code_labels().size());
        for (std::size_t c = 0; c < t.code_labels().size(); ++c)
            code_names.emplace_back(t.code_labels().view(static_cast<records::label_index>(c)));
    }

    for (index g = 0; g < ng; ++g) {
        group_profile p;
        p.group = std::string(t.group_label(g));
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
            const auto spans = detail::rows_of(t.industries(), rows);
            const auto tab = category_shares(spans, so);
            p.industries = tab.categories;
            p.top_industries = detail::ranked(tab, t.industry_labels(), p.profiled);
            share_options all = so;
            all.top = 0;
            p.industry_shannon = shannon(category_shares(spans, all).counts());
        }
        // technology
        {
            std::vector<main_first_codes> spans;  // main code first: the convergence record contract
            spans.reserve(rows.size());
            for (const index r : rows) spans.push_back(t.codes_main_first(r));
            const convergence_result cr = convergence(spans);
            p.all_codes = cr.distinct_all;
            p.main_codes = cr.distinct_main;
            p.code_gap = cr.distinct_all - cr.distinct_main;
            p.convergence_index = cr.index_all;
            p.convergence_index_main = cr.index_main;
            p.technology_info = cr.info;
            share_options mo = so;
            mo.scope = code_scope::main;
            p.top_main_codes = detail::ranked(category_shares(spans, mo), t.code_labels(), p.profiled);
            mo.top = 0;
            p.technology_shannon = shannon(category_shares(spans, mo).counts());
        }
        // applicants
        {
            const auto spans = detail::rows_of(t.applicants(), rows);
            concentration_options co;
            co.top = opts.top;
            const auto ac = applicant_concentration(spans, co);
            p.top_applicants = detail::ranked(ac.top, t.applicant_labels(), p.profiled);
            p.applicant_hhi = ac.concentration.hhi;
            index companies = 0;
            const auto& types = t.applicant_type_ids();
            const auto& off = t.applicants().record_offsets;
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
            const records::sparse_matrix c = records::cooccurrence(t.codes(), rows);  // full counting
            cograph::graph_options go;
            go.min_occurrences = 1.0;
            const cograph::graph net = cograph::graph::from_cooccurrence(c, code_names, go);
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
