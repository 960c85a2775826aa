// SPDX-License-Identifier: BSL-1.0
//
// Simple-family merging (records::merge_families on a patent_table) over
// records split across processes, identical to merging all records in one
// process: a versioned serial form of io::patent_record (a table row travels
// as the record to_record gives back), the owner of a family key (a hash),
// the owner's decision of where each family is merged (the process holding
// its first member, its "home"), and the home's merge of the members in
// global input order. Transport-free: techconv/parallel/mpi.hpp moves the bytes.
#ifndef TECHCONV_PARALLEL_FAMILIES_HPP_
#define TECHCONV_PARALLEL_FAMILIES_HPP_

#include <algorithm>      // std::find, std::sort, std::upper_bound, std::min
#include <cstddef>        // std::size_t
#include <cstdint>        // std::int32_t, std::int64_t, std::uint8_t, std::uint64_t
#include <functional>     // std::hash
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <utility>        // std::pair, std::move
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/families.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {

namespace detail {

inline void write_strings(byte_writer& w, const std::vector<std::string>& v) {
    w.u64(v.size());
    for (const auto& s : v) w.str(s);
}

inline std::vector<std::string> read_strings(byte_reader& r, const char* what) {
    const std::uint64_t n = r.count(8, what);
    std::vector<std::string> v;
    v.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t k = 0; k < n; ++k) v.push_back(r.str(what));
    return v;
}

inline void write_parties(byte_writer& w, const std::vector<io::party>& v) {
    w.u64(v.size());
    for (const auto& p : v) {
        w.str(p.name);
        w.u8(static_cast<std::uint8_t>(p.type));
        w.str(p.country);
    }
}

inline std::vector<io::party> read_parties(byte_reader& r, const char* what) {
    const std::uint64_t n = r.count(17, what);
    std::vector<io::party> v(static_cast<std::size_t>(n));
    for (auto& p : v) {
        p.name = r.str("party name");
        const std::uint8_t t = r.u8("party type");
        if (t > static_cast<std::uint8_t>(io::applicant_type::individual))
            r.fail(error_code::bad_value, "party type", "unknown applicant type " + std::to_string(t));
        p.type = static_cast<io::applicant_type>(t);
        p.country = r.str("party country");
    }
    return v;
}

inline year_type read_year(byte_reader& r, const char* what) {
    const std::int64_t y = r.i64(what);
    if (y < INT32_MIN || y > INT32_MAX) r.fail(error_code::out_of_range, what, "year outside 32 bits");
    return static_cast<year_type>(y);
}

}  // namespace detail

/// \brief Encodes a patent record, every field: the seven strings (id, Lens
/// ID, family id, jurisdiction, kind, document type, title), the three
/// years (i64), applicants and inventors (count, then name, type u8,
/// country), the six string lists (IPC, CPC, family jurisdictions, priority
/// countries, priority numbers, cited patents, citing patents), NPL list items (u64), the nine stated
/// counts (presence bits u16, then the present values as i64 in indicator
/// order), the field bits (u16), source line and members (u64).
inline void write(byte_writer& w, const io::patent_record& p) {
    for (const std::string* s : {&p.id, &p.lens_id, &p.family_id, &p.jurisdiction, &p.kind, &p.document_type, &p.title})
        w.str(*s);
    w.i64(p.publication_year);
    w.i64(p.application_year);
    w.i64(p.priority_year);
    detail::write_parties(w, p.applicants);
    detail::write_parties(w, p.inventors);
    for (const auto* v : {&p.ipc, &p.cpc, &p.family_jurisdictions, &p.priority_countries, &p.priority_numbers,
                          &p.cited_patents, &p.citing_patents})
        detail::write_strings(w, *v);
    w.u64(p.npl_list_items);
    std::uint16_t present = 0;
    for (const auto ind : io::all_indicators)
        if (p.counts.has(ind)) present = static_cast<std::uint16_t>(present | (1U << io::position(ind)));
    w.u16(present);
    for (const auto ind : io::all_indicators)
        if (p.counts.has(ind)) w.i64(p.counts.value_or(ind, 0));
    w.u16(p.fields);
    w.u64(p.source_line);
    w.u64(p.members);
}

/// \brief Decodes a patent record written by write().
/// \throws parse_error on truncation, an unknown applicant type, a year
/// outside 32 bits, unknown presence bits or a negative count.
inline io::patent_record read_patent_record(byte_reader& r) {
    io::patent_record p;
    for (std::string* s : {&p.id, &p.lens_id, &p.family_id, &p.jurisdiction, &p.kind, &p.document_type, &p.title})
        *s = r.str("record string");
    p.publication_year = detail::read_year(r, "publication year");
    p.application_year = detail::read_year(r, "application year");
    p.priority_year = detail::read_year(r, "priority year");
    p.applicants = detail::read_parties(r, "applicants");
    p.inventors = detail::read_parties(r, "inventors");
    for (auto* v : {&p.ipc, &p.cpc, &p.family_jurisdictions, &p.priority_countries, &p.priority_numbers,
                    &p.cited_patents, &p.citing_patents})
        *v = detail::read_strings(r, "record list");
    p.npl_list_items = static_cast<std::size_t>(r.u64("npl list items"));
    const std::uint16_t present = r.u16("count presence");
    if (present >> io::indicator_count) r.fail(error_code::bad_value, "count presence", "unknown indicator bits");
    for (const auto ind : io::all_indicators) {
        if (!((present >> io::position(ind)) & 1U)) continue;
        const std::int64_t v = r.i64("count");
        if (v < 0) r.fail(error_code::negative_value, "count", "negative stated count");
        p.counts.set(ind, v);
    }
    p.fields = r.u16("fields");
    p.source_line = static_cast<std::size_t>(r.u64("source line"));
    p.members = static_cast<std::size_t>(r.u64("members"));
    return p;
}

/// \brief A record with its 0-based position in the whole input (all processes' records in rank order).
struct positioned_record {
    index position = 0;      ///< global input position
    io::patent_record record;  ///< the record
};

/// \brief Encodes positioned records: count (u64), then (position i64, record).
inline void write(byte_writer& w, const std::vector<positioned_record>& v) {
    w.u64(v.size());
    for (const auto& p : v) {
        w.i64(p.position);
        write(w, p.record);
    }
}

/// \brief Decodes positioned records. \throws parse_error on truncation or a negative position.
inline std::vector<positioned_record> read_positioned_records(byte_reader& r) {
    const std::uint64_t n = r.count(8 * 7 + 24 + 32 + 40 + 8 + 2 + 2 + 16 + 8, "records");
    std::vector<positioned_record> v(static_cast<std::size_t>(n));
    for (auto& p : v) {
        const std::int64_t g = r.i64("position");
        if (g < 0) r.fail(error_code::out_of_range, "position", "negative record position");
        p.position = static_cast<index>(g);
        p.record = read_patent_record(r);
    }
    return v;
}

/// \brief A family key with the global position of one member.
using keyed_position = std::pair<std::string, index>;

/// \brief Encodes (key, position) pairs: count (u64), then (key string, position i64).
inline void write(byte_writer& w, const std::vector<keyed_position>& v) {
    w.u64(v.size());
    for (const auto& [k, g] : v) {
        w.str(k);
        w.i64(g);
    }
}

/// \brief Decodes (key, position) pairs. \throws parse_error on truncation or a negative position.
inline std::vector<keyed_position> read_keyed_positions(byte_reader& r) {
    const std::uint64_t n = r.count(16, "keys");
    std::vector<keyed_position> v;
    v.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t k = 0; k < n; ++k) {
        std::string key = r.str("family key");
        const std::int64_t g = r.i64("position");
        if (g < 0) r.fail(error_code::out_of_range, "position", "negative record position");
        v.emplace_back(std::move(key), static_cast<index>(g));
    }
    return v;
}

/// \brief The process that decides where family `key` is merged: FNV-1a of the key modulo `processes`.
/// \pre processes >= 1.
inline int family_owner(const std::string& key, int processes) {
    const auto* p = reinterpret_cast<const unsigned char*>(key.data());
    return static_cast<int>(detail::fnv1a(p, key.size()) % static_cast<std::uint64_t>(processes));
}

/// \brief The owner's step of an exchange by key: for every (key, position) pair sent, the
/// smallest position any process sent with the same key (the key's first occurrence in
/// global order). family_homes places a family by it; mpi::drop_duplicate_ids keeps the
/// row whose position it is.
/// \param from  per sending process, the (key, position) pairs it sent (each key owned here)
/// \returns per sending process, the first position of the key of each pair, in the order sent.
/// Complexity: O(pairs) expected: one probe sequence per pair in an open-addressing table
/// of the distinct keys (viewed in `from`, not copied).
inline std::vector<std::vector<index>> first_positions(const std::vector<std::vector<keyed_position>>& from) {
    std::size_t total = 0;
    for (const auto& v : from) total += v.size();
    struct distinct {
        std::size_t hash;
        std::string_view key;  // a view into `from`, which outlives it
        index first;
    };
    std::vector<distinct> keys;
    keys.reserve(total);
    std::size_t capacity = 1;  // a power of two, at least twice the pairs: short probe runs
    while (capacity < 2 * total) capacity <<= 1;
    constexpr std::size_t empty = static_cast<std::size_t>(-1);
    std::vector<std::size_t> table(capacity, empty);  // slot -> index into keys
    std::vector<std::size_t> key_of;                  // pair (in sending order) -> index into keys
    key_of.reserve(total);
    const std::hash<std::string_view> hasher;
    for (const auto& v : from)
        for (const auto& [k, g] : v) {
            const std::string_view key(k);
            const std::size_t h = hasher(key);
            std::size_t slot = h & (capacity - 1);
            while (table[slot] != empty) {
                const auto& d = keys[table[slot]];
                if (d.hash == h && d.key == key) break;
                slot = (slot + 1) & (capacity - 1);
            }
            if (table[slot] == empty) {
                table[slot] = keys.size();
                keys.push_back({h, key, g});
            } else if (g < keys[table[slot]].first) {
                keys[table[slot]].first = g;
            }
            key_of.push_back(table[slot]);
        }
    std::vector<std::vector<index>> out(from.size());
    std::size_t at = 0;
    for (std::size_t s = 0; s < from.size(); ++s) {
        out[s].reserve(from[s].size());
        for (std::size_t j = 0; j < from[s].size(); ++j) out[s].push_back(keys[key_of[at++]].first);
    }
    return out;
}

/// \brief The owner's step: the home of every family it owns.
///
/// A family's home is the process holding its first member (smallest global
/// position): merging there keeps the merged record at the position
/// merge_families gives it (first appearance), and the processes' records
/// stay in global order.
/// \param from    per sending process, the (key, position) pairs it sent (each key owned here)
/// \param begins  global position of each process's first record, ascending (process p holds [begins[p], begins[p+1]))
/// \returns per sending process, the home of each pair it sent, in the order sent.
/// Complexity: O(pairs) expected plus O(pairs log P) for the homes.
inline std::vector<std::vector<std::int32_t>> family_homes(const std::vector<std::vector<keyed_position>>& from,
                                                           const std::vector<index>& begins) {
    const auto first = first_positions(from);
    std::vector<std::vector<std::int32_t>> homes(from.size());
    for (std::size_t s = 0; s < from.size(); ++s)
        for (const index g : first[s])
            homes[s].push_back(static_cast<std::int32_t>(std::upper_bound(begins.begin(), begins.end(), g) - begins.begin()) - 1);
    return homes;
}

/// \brief The family key of row `i` of a table: io::family_key of its family id
/// and priority numbers under `rule` (what records::merge_families keys it by).
inline std::string table_family_key(const records::patent_table& t, std::size_t i,
                                    io::family_key_rule rule = io::family_key_rule::family_id_then_priorities) {
    const auto [c, k] = t.locate(i);
    std::vector<std::string_view> numbers;
    for (const auto id : c->priority_numbers(k)) numbers.push_back(t.label(id));
    return io::family_key(c->family_id(k), numbers, rule);
}

/// \brief Encodes rows `rows` of a table as positioned records (the form
/// read_positioned_records reads): count (u64), then for each row its global
/// position `first + row` (i64) and the record records::patent_table::to_record
/// gives back (every field, as appended).
inline void write_table_rows(byte_writer& w, const records::patent_table& t, const std::vector<std::size_t>& rows,
                             index first) {
    w.u64(rows.size());
    io::patent_record scratch;
    for (const auto i : rows) {
        w.i64(first + static_cast<index>(i));
        t.to_record(i, scratch);
        write(w, scratch);
    }
}

/// \brief The rows of `t` whose flag in `keep` is non-zero, in order: `t` itself when every
/// flag is set, else a new table with t's options filled by to_record and append (every field
/// and the source line kept).
/// \throws invalid_argument unless there is one flag per row.
/// Complexity: O(rows) when all are kept, else O(size of the kept rows).
inline records::patent_table keep_rows(records::patent_table t, const std::vector<char>& keep) {
    ::techconv::detail::require(keep.size() == t.size(), "keep_rows: one flag per row");
    if (std::find(keep.begin(), keep.end(), char{0}) == keep.end()) return t;
    records::patent_table out(t.options());
    io::patent_record scratch;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!keep[i]) continue;
        t.to_record(i, scratch);
        out.append(scratch);
    }
    return out;
}

/// \brief The home's step on a table: records::merge_families over the rows of
/// `local` that stay here followed by the members that arrived, in global
/// position order.
///
/// The members that arrive come from processes after this one (a family's home
/// holds its first member), so they follow every local row. When no row
/// leaves, `local` itself is merged (the arrivals appended to it); otherwise
/// the staying rows are copied into a new table (to_record, append) first.
/// \param local        this process's rows, in input order
/// \param local_begin  global position of local's first row
/// \param stays        one flag per local row: 1 when its family is merged here (or it has no key)
/// \param arrived      the members received from other processes (any order)
/// \param opts         as records::merge_families
/// \returns the merged rows in global order of first appearance (the single-process
///          result restricted to the families whose first member this process holds).
/// \throws invalid_argument when `stays` does not have one flag per row, or a member
///         arrived with a position inside or before the local rows.
/// Complexity: O(a log a) for a arrivals, a copy of the local rows when some leave, then the merge.
inline records::table_merge_result merge_families_at_home(records::patent_table local, index local_begin,
                                                          const std::vector<char>& stays,
                                                          std::vector<positioned_record> arrived,
                                                          const io::family_options& opts = {}) {
    ::techconv::detail::require(stays.size() == local.size(), "merge_families_at_home: one flag per local row");
    std::sort(arrived.begin(), arrived.end(),
              [](const positioned_record& a, const positioned_record& b) { return a.position < b.position; });
    const index local_end = local_begin + static_cast<index>(local.size());
    ::techconv::detail::require(arrived.empty() || arrived.front().position >= local_end,
                                "merge_families_at_home: a member arrived from before the local rows");
    records::patent_table in = keep_rows(std::move(local), stays);
    for (const auto& p : arrived) in.append(p.record);
    return records::merge_families(std::move(in), opts);
}

}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_FAMILIES_HPP_
