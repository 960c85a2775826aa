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

#include <algorithm>      // std::sort, std::min
#include <cstdint>        // std::int32_t, std::int64_t, std::uint8_t, std::uint64_t
#include <iterator>       // std::begin, std::end
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/convergence/profile.hpp"
#include "techconv/error.hpp"
#include "techconv/parallel/serialize.hpp"
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
/// group, key-core flag, codes, industries and applicants with types, stored
/// with local dictionaries exactly as profile_table stores them (duplicates
/// within a list dropped, first code = main code, an applicant keeps the
/// type of its first occurrence). Size under the [KCT] scope: O(groups +
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

    /// \brief Adds one record, with the arguments of convergence::profile_table::add.
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
        std::size_t n_app = 0, n_types = 0;
        for (auto it = std::begin(applicants); it != std::end(applicants); ++it) ++n_app;
        for (auto it = std::begin(applicant_types); it != std::end(applicant_types); ++it) ++n_types;
        techconv::detail::require(n_types == 0 || n_types == n_app,
                                  "profile_partial::add: one applicant type per applicant, or none");
        const std::int32_t g = groups_.intern(group);
        if (static_cast<std::size_t>(g) == group_records_.size()) {
            group_records_.push_back(0);
            group_key_.push_back(0);
        }
        ++group_records_[static_cast<std::size_t>(g)];
        if (key_core) ++group_key_[static_cast<std::size_t>(g)];
        const bool profiled = scope_ == convergence::profile_scope::all || key_core;
        const std::size_t code_start = code_ids_.size();
        for (const auto& c : codes) {
            const std::int32_t id = codes_.intern(std::string_view(c));
            if (profiled) push_distinct(code_ids_, code_start, id);
        }
        if (!profiled) return;
        rec_group_.push_back(g);
        rec_key_.push_back(key_core ? 1 : 0);
        code_offsets_.push_back(code_ids_.size());
        const std::size_t ind_start = industry_ids_.size();
        for (const auto& s : industries) push_distinct(industry_ids_, ind_start, industries_.intern(std::string_view(s)));
        industry_offsets_.push_back(industry_ids_.size());
        const std::size_t app_start = applicant_ids_.size();
        auto t = std::begin(applicant_types);
        for (const auto& a : applicants) {
            const std::int32_t id = applicants_.intern(std::string_view(a));
            std::int32_t type = -1;
            if (n_types != 0) {
                type = types_.intern(std::string_view(*t));
                ++t;
            }
            bool seen = false;
            for (std::size_t k = app_start; k < applicant_ids_.size() && !seen; ++k) seen = applicant_ids_[k] == id;
            if (seen) continue;
            applicant_ids_.push_back(id);
            applicant_types_.push_back(type);
        }
        applicant_offsets_.push_back(applicant_ids_.size());
    }

    /// \brief Appends the state of the records that follow this state's records.
    /// \throws invalid_argument if the scopes differ.
    /// Complexity: O(size of `later`) expected.
    void merge(const profile_partial& later) {
        techconv::detail::require(later.scope_ == scope_ || later.empty(), "profile_partial::merge: scopes differ");
        if (empty()) scope_ = later.scope_;
        const auto gmap = groups_.absorb(later.groups_);
        group_records_.resize(groups_.labels.size(), 0);
        group_key_.resize(groups_.labels.size(), 0);
        for (std::size_t g = 0; g < gmap.size(); ++g) {
            group_records_[static_cast<std::size_t>(gmap[g])] += later.group_records_[g];
            group_key_[static_cast<std::size_t>(gmap[g])] += later.group_key_[g];
        }
        const auto cmap = codes_.absorb(later.codes_);
        const auto imap = industries_.absorb(later.industries_);
        const auto amap = applicants_.absorb(later.applicants_);
        const auto tmap = types_.absorb(later.types_);
        for (std::size_t r = 0; r < later.rec_group_.size(); ++r) {
            rec_group_.push_back(gmap[static_cast<std::size_t>(later.rec_group_[r])]);
            rec_key_.push_back(later.rec_key_[r]);
        }
        append_mapped(code_ids_, code_offsets_, later.code_ids_, later.code_offsets_, cmap);
        append_mapped(industry_ids_, industry_offsets_, later.industry_ids_, later.industry_offsets_, imap);
        append_mapped(applicant_ids_, applicant_offsets_, later.applicant_ids_, later.applicant_offsets_, amap);
        for (const std::int32_t t : later.applicant_types_)
            applicant_types_.push_back(t < 0 ? -1 : tmap[static_cast<std::size_t>(t)]);
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
        const std::size_t ng = groups_.labels.size();
        std::vector<index> profiled(ng, 0);
        for (const std::int32_t g : rec_group_) ++profiled[static_cast<std::size_t>(g)];
        std::vector<char> present(ng, 0);
        // fillers first: the code dictionary (in pieces, so that the per-record de-duplication stays cheap)
        std::size_t host = ng;
        for (std::size_t g = 0; g < ng && host == ng; ++g)
            if (group_records_[g] > profiled[g]) host = g;
        if (host < ng) {
            const std::vector<std::string>& cl = codes_.labels;
            std::size_t c = 0;
            do {
                const std::size_t e = std::min(cl.size(), c + 256);
                t.add(groups_.labels[host], false, std::vector<std::string>(cl.begin() + static_cast<std::ptrdiff_t>(c),
                                                                            cl.begin() + static_cast<std::ptrdiff_t>(e)));
                c = e;
            } while (c < cl.size());
            present[host] = 1;
        }
        std::vector<std::string> codes, industries, names, types;
        for (std::size_t r = 0; r < rec_group_.size(); ++r) {
            labels_of(code_ids_, code_offsets_, r, codes_.labels, codes);
            labels_of(industry_ids_, industry_offsets_, r, industries_.labels, industries);
            labels_of(applicant_ids_, applicant_offsets_, r, applicants_.labels, names);
            types.clear();
            for (std::size_t k = applicant_offsets_[r]; k < applicant_offsets_[r + 1]; ++k)
                if (applicant_types_[k] >= 0) types.push_back(types_.labels[static_cast<std::size_t>(applicant_types_[k])]);
            const auto g = static_cast<std::size_t>(rec_group_[r]);
            t.add(groups_.labels[g], rec_key_[r] != 0, codes, industries, names, types);
            present[g] = 1;
        }
        for (std::size_t g = 0; g < ng; ++g)
            if (!present[g]) t.add(groups_.labels[g], false, std::vector<std::string>{});
        convergence::profile_result res = convergence::group_profiles(t, opts);
        res.records = 0;
        std::unordered_map<std::string, index> count;
        for (std::size_t g = 0; g < ng; ++g) {
            count.emplace(groups_.labels[g], group_records_[g]);
            res.records += group_records_[g];
        }
        if (res.records == 0) {
            res.groups.clear();
            res.info = status::empty_input;
            return res;
        }
        for (auto& p : res.groups) {
            p.records = count.at(p.group);
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
    index profiled_records() const noexcept { return static_cast<index>(rec_group_.size()); }
    /// Whether nothing was added.
    bool empty() const noexcept { return group_records_.empty(); }
    /// The scope.
    convergence::profile_scope scope() const noexcept { return scope_; }

    /// \brief Serial form: scope (u8); groups (count u64, then label, records
    /// i64, key core i64); the code, industry, applicant and type
    /// dictionaries (string lists); profiled records (count u64, then group
    /// u32, key-core u8, and the code, industry and applicant id lists, each
    /// a u32 length and u32 ids; applicants as (id u32, type i32, -1 = none)).
    friend void write(byte_writer& w, const profile_partial& s) {
        w.u8(static_cast<std::uint8_t>(s.scope_));
        w.u64(s.groups_.labels.size());
        for (std::size_t g = 0; g < s.groups_.labels.size(); ++g) {
            w.str(s.groups_.labels[g]);
            w.i64(s.group_records_[g]);
            w.i64(s.group_key_[g]);
        }
        write(w, s.codes_.labels);
        write(w, s.industries_.labels);
        write(w, s.applicants_.labels);
        write(w, s.types_.labels);
        w.u64(s.rec_group_.size());
        for (std::size_t r = 0; r < s.rec_group_.size(); ++r) {
            w.u32(static_cast<std::uint32_t>(s.rec_group_[r]));
            w.u8(s.rec_key_[r]);
            write_list(w, s.code_ids_, s.code_offsets_, r, nullptr);
            write_list(w, s.industry_ids_, s.industry_offsets_, r, nullptr);
            write_list(w, s.applicant_ids_, s.applicant_offsets_, r, &s.applicant_types_);
        }
    }

    /// \brief Decodes the serial form.
    /// \throws parse_error on truncation, an unknown scope, negative counts,
    /// duplicate labels or ids outside their dictionary.
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
            if (static_cast<std::size_t>(s.groups_.intern(label)) != g)
                r.fail(error_code::bad_value, "group label", "duplicate group label");
            s.group_records_.push_back(static_cast<index>(n));
            s.group_key_.push_back(static_cast<index>(k));
        }
        read_dictionary(r, s.codes_, "code");
        read_dictionary(r, s.industries_, "industry");
        read_dictionary(r, s.applicants_, "applicant");
        read_dictionary(r, s.types_, "applicant type");
        const std::uint64_t nr = r.count(17, "profiled records");
        std::vector<index> seen(ng, 0);
        for (std::uint64_t q = 0; q < nr; ++q) {
            const std::uint32_t g = r.u32("record group");
            const std::uint8_t k = r.u8("record key core");
            if (g >= ng || k > 1) r.fail(error_code::out_of_range, "record group", "group id or key-core flag out of range");
            if (++seen[g] > s.group_records_[g]) r.fail(error_code::bad_value, "record group", "more profiled records than records");
            s.rec_group_.push_back(static_cast<std::int32_t>(g));
            s.rec_key_.push_back(k);
            read_list(r, s.code_ids_, s.code_offsets_, s.codes_.labels.size(), nullptr, 0);
            read_list(r, s.industry_ids_, s.industry_offsets_, s.industries_.labels.size(), nullptr, 0);
            read_list(r, s.applicant_ids_, s.applicant_offsets_, s.applicants_.labels.size(), &s.applicant_types_,
                      s.types_.labels.size());
        }
        return s;
    }

private:
    struct dictionary {
        std::unordered_map<std::string, std::int32_t> ids;
        std::vector<std::string> labels;
        std::int32_t intern(std::string_view s) {
            const auto it = ids.find(std::string(s));
            if (it != ids.end()) return it->second;
            const auto id = static_cast<std::int32_t>(labels.size());
            labels.emplace_back(s);
            ids.emplace(labels.back(), id);
            return id;
        }
        // Appends o's labels not yet known (first appearance kept); returns o's id -> this id.
        std::vector<std::int32_t> absorb(const dictionary& o) {
            std::vector<std::int32_t> map;
            map.reserve(o.labels.size());
            for (const auto& l : o.labels) map.push_back(intern(l));
            return map;
        }
    };

    static void push_distinct(std::vector<std::int32_t>& ids, std::size_t start, std::int32_t id) {
        for (std::size_t k = start; k < ids.size(); ++k)
            if (ids[k] == id) return;
        ids.push_back(id);
    }
    static void append_mapped(std::vector<std::int32_t>& ids, std::vector<std::size_t>& offsets,
                              const std::vector<std::int32_t>& from, const std::vector<std::size_t>& from_offsets,
                              const std::vector<std::int32_t>& map) {
        for (const std::int32_t id : from) ids.push_back(map[static_cast<std::size_t>(id)]);
        const std::size_t base = offsets.back();
        for (std::size_t r = 1; r < from_offsets.size(); ++r) offsets.push_back(base + from_offsets[r]);
    }
    static void labels_of(const std::vector<std::int32_t>& ids, const std::vector<std::size_t>& offsets, std::size_t r,
                          const std::vector<std::string>& labels, std::vector<std::string>& out) {
        out.clear();
        for (std::size_t k = offsets[r]; k < offsets[r + 1]; ++k) out.push_back(labels[static_cast<std::size_t>(ids[k])]);
    }
    static void write_list(byte_writer& w, const std::vector<std::int32_t>& ids, const std::vector<std::size_t>& offsets,
                           std::size_t r, const std::vector<std::int32_t>* types) {
        w.u32(static_cast<std::uint32_t>(offsets[r + 1] - offsets[r]));
        for (std::size_t k = offsets[r]; k < offsets[r + 1]; ++k) {
            w.u32(static_cast<std::uint32_t>(ids[k]));
            if (types) w.u32(static_cast<std::uint32_t>((*types)[k]));
        }
    }
    static void read_list(byte_reader& r, std::vector<std::int32_t>& ids, std::vector<std::size_t>& offsets,
                          std::size_t labels, std::vector<std::int32_t>* types, std::size_t type_labels) {
        const std::uint32_t n = r.u32("list length");
        if (static_cast<std::uint64_t>(n) * (types ? 8u : 4u) > r.remaining())
            r.fail(error_code::truncated, "list length", "list longer than the message");
        const std::size_t start = ids.size();
        for (std::uint32_t k = 0; k < n; ++k) {
            const std::uint32_t id = r.u32("list id");
            if (id >= labels) r.fail(error_code::out_of_range, "list id", "id outside its dictionary");
            for (std::size_t q = start; q < ids.size(); ++q)
                if (ids[q] == static_cast<std::int32_t>(id)) r.fail(error_code::bad_value, "list id", "duplicate id in a list");
            ids.push_back(static_cast<std::int32_t>(id));
            if (types) {
                const auto t = static_cast<std::int32_t>(r.u32("applicant type"));
                if (t < -1 || (t >= 0 && static_cast<std::size_t>(t) >= type_labels))
                    r.fail(error_code::out_of_range, "applicant type", "type id outside its dictionary");
                types->push_back(t);
            }
        }
        offsets.push_back(ids.size());
    }
    static void read_dictionary(byte_reader& r, dictionary& d, const char* what) {
        for (auto& l : read_labels(r))
            if (static_cast<std::size_t>(d.intern(l)) + 1 != d.labels.size())
                r.fail(error_code::bad_value, what, std::string("duplicate ") + what + " label '" + l + "'");
    }

    convergence::profile_scope scope_;
    dictionary groups_, codes_, industries_, applicants_, types_;
    std::vector<index> group_records_, group_key_;
    std::vector<std::int32_t> rec_group_;
    std::vector<std::uint8_t> rec_key_;
    std::vector<std::int32_t> code_ids_, industry_ids_, applicant_ids_, applicant_types_;
    std::vector<std::size_t> code_offsets_{0}, industry_offsets_{0}, applicant_offsets_{0};
};

}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_PROFILE_HPP_
