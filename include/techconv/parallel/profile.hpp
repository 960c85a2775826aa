// SPDX-License-Identifier: BSL-1.0
//
// Group profiles (convergence::group_profiles, the [KCT] per-group report)
// over records split across processes: a mergeable partial state that keeps
// only what the profiles depend on (per-group record and key-core counts,
// the code dictionary in first-appearance order, and the lists of the
// profiled records), its versioned serial form, and finish(), which equals
// group_profiles over all records bit for bit. Transport-free:
// techconv/parallel/mpi.hpp moves the bytes.
#ifndef TECHCONV_PARALLEL_PROFILE_HPP_
#define TECHCONV_PARALLEL_PROFILE_HPP_

#include <algorithm>    // std::sort, std::min
#include <cstdint>      // std::int32_t, std::int64_t, std::uint8_t, std::uint64_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/analysis/profile.hpp"
#include "techconv/error.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/records/labels.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {

/// \brief Mergeable partial state of convergence::group_profiles over a run
/// of consecutive records.
///
/// What group_profiles depends on, and nothing more: each group's record and
/// key-core counts; the dictionary of codes over ALL records in order of
/// first appearance (it numbers the nodes of each group's network, so it
/// fixes the Louvain visiting order and ties of the strength ranking); and,
/// for the profiled records only (the key-core records under
/// profile_scope::key_core, every record under profile_scope::all), their
/// group, key-core flag, codes, industries and applicants with types, held
/// in a convergence::profile_table (so normalised by profile_table::add
/// itself: duplicates within a list dropped, first code = main code, an
/// applicant keeps the type of its first occurrence). Size under the [KCT] scope: O(groups +
/// distinct codes + key-core list items), not O(records).
///
/// merge(later) appends the state of the records that FOLLOW this state's
/// records (an ordered monoid: associative, not commutative); a rank-order
/// reduction therefore reproduces the single-process record order.
///
/// Thread safety: const members may be called concurrently.
class profile_partial {
public:
    /// \brief An empty state for `scope` (the scope must match the options given to finish()).
    explicit profile_partial(convergence::profile_scope scope = convergence::profile_scope::key_core) : scope_(scope) {}

    /// \brief Adds one record, with the arguments of convergence::profile_table::add
    /// (a profiled record is stored by profile_table::add itself, so its lists are normalised alike).
    /// \param group            the record's group label
    /// \param key_core         whether the record is key core
    /// \param codes            codes at the profiling level, main code first
    /// \param industries       industry categories (multi-label), may be empty
    /// \param applicants       applicant names, may be empty
    /// \param applicant_types  one type per applicant, or empty
    /// \throws invalid_argument if applicant_types is neither empty nor as long as applicants.
    /// Complexity: O(list lengths) expected (quadratic in one record's list, as profile_table).
    template <class Codes, class Industries = std::vector<std::string>, class Applicants = std::vector<std::string>,
              class Types = std::vector<std::string>>
    void add(std::string_view group, bool key_core, const Codes& codes, const Industries& industries = {},
             const Applicants& applicants = {}, const Types& applicant_types = {}) {
        const bool profiled = scope_ == convergence::profile_scope::all || key_core;
        if (profiled) profiled_.add(group, key_core, codes, industries, applicants, applicant_types);
        count(group, 1, key_core ? 1 : 0);
        for (const auto& c : codes) codes_.intern(std::string_view(c));
    }

    /// \brief Appends the state of the records that follow this state's records.
    /// \throws invalid_argument if the scopes differ.
    /// Complexity: O(size of `later`) expected.
    void merge(const profile_partial& later) {
        techconv::detail::require(later.scope_ == scope_ || later.empty(), "profile_partial::merge: scopes differ");
        if (empty()) scope_ = later.scope_;
        for (std::size_t g = 0; g < later.groups_.size(); ++g)
            count(label(later.groups_, g), later.group_records_[g], later.group_key_[g]);
        for (std::size_t c = 0; c < later.codes_.size(); ++c) codes_.intern(label(later.codes_, c));
        later.for_each_profiled([&](std::string_view g, bool key, const auto& codes, const auto& industries,
                                    const auto& names, const auto& types) {
            profiled_.add(g, key, codes, industries, names, types);
        });
    }

    /// \brief The group profiles of all records summarised, identical to
    /// convergence::group_profiles over a profile_table holding the same
    /// records in the same order.
    ///
    /// Method: a profile_table of the profiled records, preceded by filler
    /// rows (not key core, so never profiled) that carry the code dictionary
    /// in first-appearance order and make every group appear; group_profiles
    /// on it; then each group's record count, record share and key-core
    /// rate are set from the true counts with the same formulas, and the
    /// groups re-sorted by the same total order (key core, records, label).
    /// \param opts  as group_profiles (opts.scope must equal the state's scope)
    /// \returns the profiles.
    /// \throws invalid_argument if opts.scope differs or opts.top < 0.
    /// Degenerate input: no records gives no groups and status::empty_input.
    /// Complexity: group_profiles over the profiled records plus O(groups + codes).
    convergence::profile_result finish(const convergence::profile_options& opts = {}) const {
        techconv::detail::require(opts.scope == scope_ || empty(), "profile_partial::finish: scope differs from the state's");
        convergence::profile_table t;
        const std::size_t ng = groups_.size();
        const std::vector<index> profiled = profiled_per_group();
        std::vector<char> present(ng, 0);
        // fillers first: the code dictionary (in pieces, so that the per-record de-duplication stays cheap)
        std::size_t host = ng;
        for (std::size_t g = 0; g < ng && host == ng; ++g)
            if (group_records_[g] > profiled[g]) host = g;
        if (host < ng) {
            std::vector<std::string_view> piece;
            std::size_t c = 0;
            do {
                const std::size_t e = std::min(codes_.size(), c + 256);
                piece.clear();
                for (; c < e; ++c) piece.push_back(label(codes_, c));
                t.add(label(groups_, host), false, piece);
            } while (c < codes_.size());
            present[host] = 1;
        }
        for_each_profiled([&](std::string_view g, bool key, const auto& codes, const auto& industries,
                              const auto& names, const auto& types) {
            t.add(g, key, codes, industries, names, types);
            present[groups_.find(g)] = 1;
        });
        for (std::size_t g = 0; g < ng; ++g)
            if (!present[g]) t.add(label(groups_, g), false, std::vector<std::string>{});
        convergence::profile_result res = convergence::group_profiles(t, opts);
        res.records = records();
        if (res.records == 0) {
            res.groups.clear();
            res.info = status::empty_input;
            return res;
        }
        for (auto& p : res.groups) {
            p.records = group_records_[groups_.find(p.group)];
            p.record_share = static_cast<double>(p.records) / static_cast<double>(res.records);
            p.key_core_rate = static_cast<double>(p.key_core) / static_cast<double>(p.records);
        }
        std::sort(res.groups.begin(), res.groups.end(), [](const convergence::group_profile& a, const convergence::group_profile& b) {
            if (a.key_core != b.key_core) return a.key_core > b.key_core;
            if (a.records != b.records) return a.records > b.records;
            return a.group < b.group;
        });
        return res;
    }

    /// Records summarised.
    index records() const noexcept {
        index n = 0;
        for (const index c : group_records_) n += c;
        return n;
    }
    /// Profiled records held (key-core records under the [KCT] scope).
    index profiled_records() const noexcept { return profiled_.records(); }
    /// Whether nothing was added.
    bool empty() const noexcept { return group_records_.empty(); }
    /// The scope.
    convergence::profile_scope scope() const noexcept { return scope_; }

    /// \brief Serial form: scope (u8); groups (count u64, then label, records
    /// i64, key core i64); the code dictionary of all records (a string
    /// list); the profiled records' group, code, industry, applicant and type
    /// dictionaries (string lists); profiled records (count u64, then group
    /// u32, key-core u8, and the code, industry and applicant id lists, each
    /// a u32 length and u32 ids; codes main code first, then the others in
    /// ascending id order; applicants as (id u32, type i32, -1 = none)).
    friend void write(byte_writer& w, const profile_partial& s) {
        const auto& t = s.profiled_;
        w.u8(static_cast<std::uint8_t>(s.scope_));
        w.u64(s.groups_.size());
        for (std::size_t g = 0; g < s.groups_.size(); ++g) {
            w.str(label(s.groups_, g));
            w.i64(s.group_records_[g]);
            w.i64(s.group_key_[g]);
        }
        write(w, s.codes_);
        write(w, t.group_labels());
        write(w, t.code_labels());
        write(w, t.industry_labels());
        write(w, t.applicant_labels());
        write(w, t.type_labels());
        w.u64(static_cast<std::uint64_t>(t.records()));
        for (index r = 0; r < t.records(); ++r) {
            const auto ur = static_cast<std::size_t>(r);
            w.u32(t.group_ids()[ur]);
            w.u8(t.key_core_flags()[ur]);
            write_list(w, t.codes().codes_of_size(r), t.codes_main_first(r), nullptr);
            write_list(w, t.industries().codes_of_size(r), t.industries().row(r), nullptr);
            write_list(w, t.applicants().codes_of_size(r), t.applicants().row(r),
                       t.applicant_type_ids().data() + t.applicants().record_offsets[ur]);
        }
    }

    /// \brief Decodes the serial form.
    /// \throws parse_error on truncation, an unknown scope, impossible
    /// counts, duplicate labels or ids outside their dictionary.
    static profile_partial read(byte_reader& r) {
        const std::uint8_t sc = r.u8("scope");
        if (sc > static_cast<std::uint8_t>(convergence::profile_scope::all))
            r.fail(error_code::bad_value, "scope", "unknown profile scope " + std::to_string(sc));
        profile_partial s(static_cast<convergence::profile_scope>(sc));
        const std::uint64_t ng = r.count(24, "groups");
        for (std::uint64_t g = 0; g < ng; ++g) {
            const std::string label = r.str("group label");
            const std::int64_t n = r.i64("group records"), k = r.i64("group key core");
            if (n < 1 || k < 0 || k > n) r.fail(error_code::bad_value, "group counts", "impossible group counts");
            if (s.groups_.contains(label)) r.fail(error_code::bad_value, "group label", "duplicate group label");
            s.count(label, static_cast<index>(n), static_cast<index>(k));
        }
        for (const auto& c : read_labels(r)) s.codes_.intern(c);
        const auto pg = read_labels(r), codes = read_labels(r), industries = read_labels(r), applicants = read_labels(r),
                   types = read_labels(r);
        const std::uint64_t nr = r.count(17, "profiled records");
        std::vector<std::string> cl, il, al, tl;
        for (std::uint64_t q = 0; q < nr; ++q) {
            const std::uint32_t g = r.u32("record group");
            const std::uint8_t k = r.u8("record key core");
            if (g >= pg.size() || k > 1 || !s.groups_.contains(pg[g]))
                r.fail(error_code::out_of_range, "record group", "group id or key-core flag out of range");
            read_list(r, codes, cl, nullptr, nullptr);
            read_list(r, industries, il, nullptr, nullptr);
            read_list(r, applicants, al, &types, &tl);
            s.profiled_.add(pg[g], k == 1, cl, il, al, tl);
        }
        const std::vector<index> held = s.profiled_per_group();
        for (std::size_t g = 0; g < held.size(); ++g)
            if (held[g] > s.group_records_[g])
                r.fail(error_code::bad_value, "profiled records",
                       "more profiled records than records in group '" +
                           std::string(label(s.groups_, g)) + "'");
        return s;
    }

private:
    static std::string_view label(const records::label_pool& pool, std::size_t id) noexcept {
        return pool.view(static_cast<records::label_index>(id));
    }
    void count(std::string_view group, index records, index key_core) {
        const auto g = static_cast<std::size_t>(groups_.intern(group));
        if (g == group_records_.size()) {
            group_records_.push_back(0);
            group_key_.push_back(0);
        }
        group_records_[g] += records;
        group_key_[g] += key_core;
    }

    // Profiled records held per group (indexed like groups_).
    std::vector<index> profiled_per_group() const {
        std::vector<index> n(groups_.size(), 0);
        const auto& t = profiled_;
        for (const records::label_index g : t.group_ids()) ++n[groups_.find(t.group_label(g))];
        return n;
    }

    // fn(group label, key core, codes, industries, applicant names, applicant types) per profiled
    // record, in order; codes main code first; labels as views into profiled_'s pools.
    template <class Fn>
    void for_each_profiled(Fn&& fn) const {
        const auto& t = profiled_;
        std::vector<std::string_view> codes, industries, names, types;
        for (index r = 0; r < t.records(); ++r) {
            const auto ur = static_cast<std::size_t>(r);
            labels_of(t.codes_main_first(r), t.code_labels(), codes);
            labels_of(t.industries().row(r), t.industry_labels(), industries);
            labels_of(t.applicants().row(r), t.applicant_labels(), names);
            types.clear();
            const auto& ty = t.applicant_type_ids();
            for (auto k = static_cast<std::size_t>(t.applicants().record_offsets[ur]);
                 k < static_cast<std::size_t>(t.applicants().record_offsets[ur + 1]); ++k)
                if (ty[k] >= 0) types.push_back(t.type_labels().view(static_cast<records::label_index>(ty[k])));
            fn(t.group_label(t.group_ids()[ur]), t.key_core_flags()[ur] != 0, codes, industries, names, types);
        }
    }
    template <class Ids>
    static void labels_of(const Ids& ids, const records::label_pool& labels, std::vector<std::string_view>& out) {
        out.clear();
        for (const std::int32_t id : ids) out.push_back(labels.view(static_cast<records::label_index>(id)));
    }
    // One id list: its length (u32), then each id (u32), followed by its type (i32 as u32) when `types` is given.
    template <class Ids>
    static void write_list(byte_writer& w, index n, const Ids& ids, const std::int32_t* types) {
        w.u32(static_cast<std::uint32_t>(n));
        for (const std::int32_t id : ids) {
            w.u32(static_cast<std::uint32_t>(id));
            if (types) w.u32(static_cast<std::uint32_t>(*types++));
        }
    }
    // Reads one id list into labels; with `types`, each id is followed by a type id (-1: none).
    static void read_list(byte_reader& r, const std::vector<std::string>& labels, std::vector<std::string>& out,
                          const std::vector<std::string>* types, std::vector<std::string>* type_out) {
        const std::uint32_t n = r.u32("list length");
        if (static_cast<std::uint64_t>(n) * (types ? 8u : 4u) > r.remaining())
            r.fail(error_code::truncated, "list length", "list longer than the message");
        out.clear();
        if (type_out) type_out->clear();
        for (std::uint32_t k = 0; k < n; ++k) {
            const std::uint32_t id = r.u32("list id");
            if (id >= labels.size()) r.fail(error_code::out_of_range, "list id", "id outside its dictionary");
            out.push_back(labels[id]);
            if (types) {
                const auto t = static_cast<std::int32_t>(r.u32("applicant type"));
                if (t < -1 || (t >= 0 && static_cast<std::size_t>(t) >= types->size()))
                    r.fail(error_code::out_of_range, "applicant type", "type id outside its dictionary");
                if (t >= 0) type_out->push_back((*types)[static_cast<std::size_t>(t)]);
            }
        }
        if (type_out && !type_out->empty() && type_out->size() != out.size())
            r.fail(error_code::bad_value, "applicant type", "types given for some applicants only");
    }

    convergence::profile_scope scope_;
    records::label_pool groups_, codes_;  // groups and codes of all records, first-seen order
    std::vector<index> group_records_, group_key_;
    convergence::profile_table profiled_;
};

}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_PROFILE_HPP_
