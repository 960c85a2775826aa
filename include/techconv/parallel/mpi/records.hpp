// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// Record-level analyses over MPI ranks: patent family merging and the
// [KCT] group profiles, bit-identical to one process over all records.
#ifndef TECHCONV_PARALLEL_MPI_RECORDS_HPP_
#define TECHCONV_PARALLEL_MPI_RECORDS_HPP_

#include <mpi.h>

#include <algorithm>  // std::sort
#include <cstdint>    // std::int64_t, std::uint64_t
#include <string>     // std::string, std::to_string
#include <utility>    // std::pair, std::move
#include <vector>     // std::vector

#include "techconv/analysis/profile.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
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
    std::vector<std::vector<unsigned char>> msg(up);
    for (std::size_t q = 0; q < up; ++q) msg[q] = to_bytes(serial_type::family_keys, to_owner[q]);
    const auto got = alltoall_bytes(msg, comm);
    std::vector<std::vector<keyed_position>> from(up);
    for (std::size_t q = 0; q < up; ++q)
        from[q] = detail::decode<std::vector<keyed_position>>(got[q], serial_type::family_keys, read_keyed_positions,
                                                              "rank " + std::to_string(q));
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

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_RECORDS_HPP_
