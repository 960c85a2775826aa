// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// Record-level analyses over MPI ranks: dropping repeated ids, patent family
// merging and the [KCT] group profiles, bit-identical to one process over all records.
#ifndef TECHCONV_PARALLEL_MPI_RECORDS_HPP_
#define TECHCONV_PARALLEL_MPI_RECORDS_HPP_

#include <mpi.h>

#include <algorithm>  // std::sort, std::min
#include <cstdint>    // std::int64_t, std::uint64_t
#include <string>     // std::string, std::to_string
#include <utility>    // std::pair, std::move
#include <vector>     // std::vector

#include "techconv/analysis/profile.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/parallel/families.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/profile.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/records/families.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {

/// \brief convergence::group_profiles of all ranks' records, identical bit
/// for bit to the single-process profiles of all records in rank order.
/// Collective.
///
/// Each rank summarises its records in a parallel::profile_partial (add()
/// with the arguments of profile_table::add, in record order); the states
/// are merged in rank order along a binomial tree (tree_allmerge) and
/// finished on every rank.
/// \param local  this rank's state
/// \param comm   the communicator
/// \param opts   as group_profiles (scope must be the state's)
/// \returns the profiles, on every rank.
/// \throws invalid_argument as profile_partial::finish.
/// Complexity: communication O(state) per rank sent, O(log P) states
/// received, one broadcast; under the [KCT] scope a state holds the key-core
/// records' lists, the code dictionary and the group counts.
inline convergence::profile_result group_profiles(const profile_partial& local, MPI_Comm comm,
                                                  const convergence::profile_options& opts = {}) {
    return tree_allmerge(local, serial_type::profile_partial, profile_partial::read, comm).finish(opts);
}

namespace detail {

/// The (key, position) pairs of every rank to every rank (to_owner[q] goes to rank q); returns
/// the pairs received, per sending rank. Collective.
inline std::vector<std::vector<keyed_position>> send_keys(const std::vector<std::vector<keyed_position>>& to_owner,
                                                          MPI_Comm comm) {
    std::vector<std::vector<unsigned char>> msg(to_owner.size());
    for (std::size_t q = 0; q < to_owner.size(); ++q) msg[q] = to_bytes(serial_type::family_keys, to_owner[q]);
    const auto got = alltoall_bytes(msg, comm);
    std::vector<std::vector<keyed_position>> from(got.size());
    for (std::size_t q = 0; q < got.size(); ++q)
        from[q] = decode<std::vector<keyed_position>>(got[q], serial_type::family_keys, read_keyed_positions,
                                                      "rank " + std::to_string(q));
    return from;
}

}  // namespace detail

/// \brief records::merge_families over a table spread across ranks: afterwards
/// each rank holds the merged rows of the families whose first member it
/// held, in input order, so the ranks' tables in rank order equal the
/// single-process records::merge_families result exactly (same
/// representatives, same unions in member order, same order; the same
/// records as io::merge_families of the records). Collective.
///
/// Exchange by hash of the family key (parallel::table_family_key): every
/// keyed row sends (key, global position) to the key's owner
/// (parallel::family_owner); the owner tells each member the home of its
/// family (the rank holding the first member, parallel::family_homes);
/// members away from home travel there as the records to_record gives back
/// (parallel::write_table_rows); each home merges its rows and the arrivals in
/// global position order (parallel::merge_families_at_home). Families within
/// one rank never move, and a rank none of whose rows leaves merges its own
/// table without copying it.
/// \param local  this rank's rows, in input order (consecutive in rank order)
/// \param comm   the communicator
/// \param opts   as records::merge_families
/// \returns this rank's merged table; input_records, merged and without_key
///          are GLOBAL totals (identical on every rank).
/// \throws parse_error if a message does not decode (names the sending rank).
/// Complexity: O(local rows) hashing; communication 16 bytes + key per keyed
/// row, and the serial form of each row whose family spans ranks.
inline records::table_merge_result merge_families(records::patent_table local, MPI_Comm comm,
                                                  const io::family_options& opts = {}) {
    const int p = size(comm), me = rank(comm);
    const auto up = static_cast<std::size_t>(p);
    const std::size_t n = local.size();
    const row_range rr = global_rows(static_cast<index>(n), comm);
    const auto b64 = detail::allgather_i64(static_cast<std::int64_t>(rr.begin), comm);
    const std::vector<index> begins(b64.begin(), b64.end());
    // 1. keys to their owners
    std::vector<std::vector<keyed_position>> to_owner(up);
    std::vector<int> owner_of(n, -1);
    std::int64_t without_key = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::string key = table_family_key(local, i, opts.key);
        if (key.empty()) {
            ++without_key;
            continue;
        }
        const int o = family_owner(key, p);
        owner_of[i] = o;
        to_owner[static_cast<std::size_t>(o)].emplace_back(std::move(key), rr.begin + static_cast<index>(i));
    }
    const auto from = detail::send_keys(to_owner, comm);
    std::vector<std::vector<unsigned char>> msg(up);
    // 2. the owners' answers: the home of each key sent, in the order sent
    const auto homes = family_homes(from, begins);
    for (std::size_t q = 0; q < up; ++q) {
        byte_writer w;
        w.u64(homes[q].size());
        for (const std::int32_t h : homes[q]) w.u32(static_cast<std::uint32_t>(h));
        msg[q] = seal(serial_type::family_keys, w.data());
    }
    const auto answers = alltoall_bytes(msg, comm);
    std::vector<std::vector<std::int32_t>> home_of(up);
    for (std::size_t q = 0; q < up; ++q) {
        byte_reader rd = open_sealed(answers[q].data(), answers[q].size(), serial_type::family_keys, "rank " + std::to_string(q));
        const std::uint64_t m = rd.count(4, "homes");
        if (m != to_owner[q].size()) rd.fail(error_code::bad_value, "homes", "answer count differs from the keys sent");
        for (std::uint64_t k = 0; k < m; ++k) {
            const std::uint32_t h = rd.u32("home");
            if (h >= static_cast<std::uint32_t>(p)) rd.fail(error_code::out_of_range, "home", "rank out of range");
            home_of[q].push_back(static_cast<std::int32_t>(h));
        }
        expect_end(rd);
    }
    // 3. members away from home travel there
    std::vector<std::vector<std::size_t>> away(up);
    std::vector<char> stays(n, 1);
    std::vector<std::size_t> next(up, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (owner_of[i] < 0) continue;
        const auto o = static_cast<std::size_t>(owner_of[i]);
        const int h = home_of[o][next[o]++];
        if (h == me) continue;
        stays[i] = 0;
        away[static_cast<std::size_t>(h)].push_back(i);
    }
    for (std::size_t q = 0; q < up; ++q) {
        byte_writer w;
        write_table_rows(w, local, away[q], rr.begin);
        msg[q] = seal(serial_type::patent_records, w.data());
    }
    const auto arrived = alltoall_bytes(msg, comm);
    std::vector<positioned_record> in;
    for (std::size_t q = 0; q < up; ++q) {
        auto v = detail::decode<std::vector<positioned_record>>(arrived[q], serial_type::patent_records,
                                                                read_positioned_records, "rank " + std::to_string(q));
        for (auto& pr : v) in.push_back(std::move(pr));
    }
    // 4. merge at home, in global order
    records::table_merge_result res = merge_families_at_home(std::move(local), rr.begin, stays, std::move(in), opts);
    std::int64_t mine[2] = {static_cast<std::int64_t>(res.table.size()), without_key}, all[2] = {0, 0};
    check(MPI_Allreduce(mine, all, 2, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    res.input_records = static_cast<std::size_t>(rr.total);
    res.merged = static_cast<std::size_t>(rr.total - all[0]);
    res.without_key = static_cast<std::size_t>(all[1]);
    return res;
}

/// \brief The duplicate check of io::read_patent_table over a table spread across ranks:
/// a row whose id (publication number) a row before it in global order has is dropped,
/// so the ranks' tables in rank order equal what one reader of all the rows keeps with
/// read_patents_options::drop_duplicates (the later occurrence goes, whichever ranks hold
/// the two), for any number of ranks. Collective.
///
/// Exchange by hash of the id, as merge_families does with family keys: every row sends
/// (id, global position) to the id's owner (parallel::family_owner of the id); the owner
/// answers, for each, whether it is the id's first position (parallel::first_positions);
/// the other rows are removed (parallel::keep_rows). Each dropped row is noted in `report`
/// (io::patent_input_report::note_duplicate, as `path:line: id` with the row's source line),
/// the rows of all ranks in global order, on every rank: `report.duplicates` is the global
/// count and `report.duplicate_examples` the first 100, as the serial reader lists them.
/// \param local    this rank's rows, in input order (consecutive in rank order)
/// \param comm     the communicator
/// \param sources  the inputs this rank's rows come from (named in the notes): pairs (first
///                 local row, path) in row order, the first at row 0 (empty: no rows)
/// \param report   where the dropped rows are counted and listed
/// \returns this rank's rows without the repeated ids.
/// \throws parse_error if a message does not decode (names the sending rank).
/// Complexity: O(local rows) hashing; communication 17 bytes + id per row.
inline records::patent_table drop_duplicate_ids(records::patent_table local, MPI_Comm comm,
                                                const std::vector<std::pair<std::size_t, std::string>>& sources,
                                                io::patent_input_report& report) {
    const int p = size(comm);
    const auto up = static_cast<std::size_t>(p);
    const std::size_t n = local.size();
    const row_range rr = global_rows(static_cast<index>(n), comm);
    // 1. ids to their owners
    std::vector<std::vector<keyed_position>> to_owner(up);
    std::vector<int> owner_of(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto [c, k] = local.locate(i);
        std::string id(c->id(k));
        owner_of[i] = family_owner(id, p);
        to_owner[static_cast<std::size_t>(owner_of[i])].emplace_back(std::move(id), rr.begin + static_cast<index>(i));
    }
    const auto from = detail::send_keys(to_owner, comm);
    std::vector<std::vector<unsigned char>> msg(up);
    // 2. the owners' answers: whether each position sent is its id's first
    const auto first = first_positions(from);
    for (std::size_t q = 0; q < up; ++q) {
        byte_writer w;
        w.u64(first[q].size());
        for (std::size_t j = 0; j < first[q].size(); ++j) w.u8(first[q][j] == from[q][j].second ? 1 : 0);
        msg[q] = seal(serial_type::family_keys, w.data());
    }
    const auto answers = alltoall_bytes(msg, comm);
    std::vector<std::vector<char>> keep_of(up);
    for (std::size_t q = 0; q < up; ++q) {
        byte_reader rd = open_sealed(answers[q].data(), answers[q].size(), serial_type::family_keys, "rank " + std::to_string(q));
        const std::uint64_t m = rd.count(1, "flags");
        if (m != to_owner[q].size()) rd.fail(error_code::bad_value, "flags", "answer count differs from the ids sent");
        for (std::uint64_t k = 0; k < m; ++k) keep_of[q].push_back(static_cast<char>(rd.u8("flag") != 0));
        expect_end(rd);
    }
    // 3. this rank's dropped rows, then those of every rank in global order into the report
    std::vector<char> keep(n, 1);
    std::vector<std::size_t> next(up, 0);
    byte_writer dropped;  // count, then (path, line, id) of the first 100
    std::vector<std::size_t> gone;
    for (std::size_t i = 0; i < n; ++i) {
        const auto o = static_cast<std::size_t>(owner_of[i]);
        keep[i] = keep_of[o][next[o]++];
        if (!keep[i]) gone.push_back(i);
    }
    dropped.u64(gone.size());
    const std::size_t listed = std::min<std::size_t>(gone.size(), 100);
    dropped.u64(listed);
    std::size_t src = 0;  // sources[src] holds row gone[j]
    for (std::size_t j = 0; j < listed; ++j) {
        while (src + 1 < sources.size() && sources[src + 1].first <= gone[j]) ++src;
        const auto [c, k] = local.locate(gone[j]);
        dropped.str(src < sources.size() ? sources[src].second : std::string());
        dropped.u64(c->source_line(k));
        dropped.str(c->id(k));
    }
    const auto all = allgather_bytes(dropped.data(), comm);
    for (std::size_t r = 0; r < all.size(); ++r) {
        byte_reader rd(all[r].data(), all[r].size(), "duplicates of rank " + std::to_string(r));
        const std::uint64_t total = rd.u64("duplicates");
        const std::uint64_t m = rd.count(24, "listed duplicates");
        if (m > total) rd.fail(error_code::bad_value, "listed duplicates", "more listed than counted");
        for (std::uint64_t k = 0; k < m; ++k) {
            const std::string path = rd.str("path");
            const auto line = static_cast<std::size_t>(rd.u64("line"));
            report.note_duplicate(path, line, rd.str("id"));
        }
        report.duplicates += static_cast<std::size_t>(total - m);  // counted, beyond the ones listed here
        expect_end(rd);
    }
    return keep_rows(std::move(local), keep);
}

/// \brief drop_duplicate_ids of rows that all come from the input `path`.
inline records::patent_table drop_duplicate_ids(records::patent_table local, MPI_Comm comm, const std::string& path,
                                                io::patent_input_report& report) {
    return drop_duplicate_ids(std::move(local), comm, {{std::size_t{0}, path}}, report);
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_RECORDS_HPP_
