// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// [COOP] collaboration counts (N_i, N_ij) and per-year panels of records
// spread over MPI ranks, bit-identical to one process over all records.
#ifndef TECHCONV_PARALLEL_MPI_CLOSENESS_HPP_
#define TECHCONV_PARALLEL_MPI_CLOSENESS_HPP_

#include <mpi.h>

#include <cstdint>      // std::int64_t, std::uint32_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/closeness/counting.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/config.hpp"
#include "techconv/parallel/collaboration.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {

/// \brief The actor dictionary of all ranks: labels in first-appearance
/// order over the ranks' records in rank order (the ids one process reading
/// all records would assign). Collective.
/// \param local  this rank's records
/// \param comm   the communicator
inline std::vector<std::string> global_dictionary(const closeness::actor_records& local, MPI_Comm comm) {
    return merge_dictionaries(allgather_labels(local.labels(), comm));
}

/// \brief Collaboration counts over all ranks' records and their dictionary.
struct collaboration_result {
    std::vector<std::string> labels;         ///< global actor dictionary (id = position)
    closeness::collaboration_counts counts;  ///< N_i, N_ij and record counters
};

/// \brief [COOP] collaboration counts (N_i, N_ij) of records spread over
/// ranks (consecutive in rank order), identical bit for bit to
/// closeness::count_collaboration over all records, for every counting
/// mode. Collective.
///
/// The dictionary is merged first; then an ordered scan continues the counts
/// rank after rank (parallel::continue_counts), so every sum is formed in
/// record order. Reading and parsing, the costly part, stay parallel.
/// \param local  this rank's records
/// \param comm   the communicator
/// \param opts   as closeness::count_collaboration
/// \pre record ids are unique across ranks (actor_records rejects duplicates only within a rank).
/// \returns the global dictionary and counts, on every rank.
/// \throws invalid_argument as closeness::count_collaboration.
/// Complexity: O(local records) per rank plus P sequential merges of O(actors + pairs).
inline collaboration_result count_collaboration(const closeness::actor_records& local, MPI_Comm comm,
                                                const closeness::count_options& opts = {}) {
    collaboration_result out;
    out.labels = global_dictionary(local, comm);
    const closeness::actor_records rec = with_dictionary(local, out.labels);
    out.counts = ordered_scan<closeness::collaboration_counts>(
        [&](closeness::collaboration_counts before) { return continue_counts(std::move(before), rec, opts); },
        serial_type::collaboration_counts, [](byte_reader& r) { return read_collaboration_counts(r); }, comm);
    return out;
}

/// \brief Per-year collaboration panel over all ranks' records.
struct panel_result {
    std::vector<std::string> labels;        ///< global actor dictionary
    closeness::collaboration_panel panel;   ///< one collaboration_counts per year
};

/// \brief closeness::count_by_year over records spread across ranks,
/// bit-identical to the single-process panel. Collective.
/// Unset year bounds are taken from the global minimum and maximum year.
/// \param local  this rank's records
/// \param comm   the communicator
/// \param opts   as closeness::count_by_year
/// \pre record ids are unique across ranks.
/// \returns the global dictionary and panel, on every rank.
/// \throws invalid_argument if first_year > last_year.
inline panel_result count_by_year(const closeness::actor_records& local, MPI_Comm comm,
                                  const closeness::count_options& opts = {}) {
    techconv::detail::require(opts.first_year == no_year || opts.last_year == no_year || opts.first_year <= opts.last_year,
                              "count_by_year: first_year > last_year");
    panel_result out;
    out.labels = global_dictionary(local, comm);
    std::int64_t lo_in = INT64_MAX, hi_in = INT64_MIN, undated_in = 0, dated_in = 0;
    for (index r = 0; r < local.size(); ++r) {
        const year_type y = local.year(r);
        if (y == no_year) {
            ++undated_in;
            continue;
        }
        ++dated_in;
        lo_in = std::min<std::int64_t>(lo_in, y);
        hi_in = std::max<std::int64_t>(hi_in, y);
    }
    std::int64_t lo = 0, hi = 0, undated = 0, dated = 0;
    check(MPI_Allreduce(&lo_in, &lo, 1, MPI_INT64_T, MPI_MIN, comm), "MPI_Allreduce");
    check(MPI_Allreduce(&hi_in, &hi, 1, MPI_INT64_T, MPI_MAX, comm), "MPI_Allreduce");
    check(MPI_Allreduce(&undated_in, &undated, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    check(MPI_Allreduce(&dated_in, &dated, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    closeness::count_options o = opts;
    if (o.first_year == no_year || o.last_year == no_year) {
        if (dated == 0) {
            out.panel.records_without_year = static_cast<index>(undated);
            out.panel.info = status::empty_input;
            return out;
        }
        if (o.first_year == no_year) o.first_year = static_cast<year_type>(lo);
        if (o.last_year == no_year) o.last_year = static_cast<year_type>(hi);
    }
    if (o.first_year > o.last_year) {  // a single bound outside the data
        out.panel.info = status::empty_input;
        out.panel.records_without_year = static_cast<index>(undated);
        out.panel.outside_period = static_cast<index>(dated);
        return out;
    }
    const closeness::actor_records rec = with_dictionary(local, out.labels);
    out.panel = ordered_scan<closeness::collaboration_panel>(
        [&](closeness::collaboration_panel before) { return continue_panel(std::move(before), rec, o); },
        serial_type::collaboration_panel, [](byte_reader& r) { return read_collaboration_panel(r); }, comm);
    return out;
}

/// \brief The records of every rank's `local`, appended in rank order on rank 0, each as
/// closeness::actor_records::add appends it: the result is the actor_records one process
/// builds from all records in that order (the same record ids, years, actor sets and
/// dictionary in first-appearance order). A record whose non-empty id an earlier rank gave is
/// dropped and listed in duplicates(), as add() does. Rank 0's records are moved, not copied,
/// so the result's duplicates() holds rank 0's own (its `local.duplicates()`) and then the
/// records dropped on rank 0; the other ranks' own duplicates() are not sent (a caller adds
/// their counts). The other ranks get empty records. Collective.
/// Communication: each rank other than rank 0 sends one message to rank 0: its dictionary,
/// then per record the id, the year and the actor ids (a gather: rank 0 receives every record
/// not its own and holds one message at a time besides the result; a sender holds its
/// records and their message).
/// \throws parse_error if a message does not decode (names the rank that sent it).
/// Complexity: O(records + actor occurrences + labels) on rank 0.
inline closeness::actor_records gather_actor_records(closeness::actor_records local, MPI_Comm comm) {
    const int me = rank(comm), ranks = size(comm);
    constexpr int tag = 30;  // and tag + 1 (send_bytes)
    if (me != 0) {
        byte_writer w;
        write(w, local.labels());
        w.u64(static_cast<std::uint64_t>(local.size()));
        for (index r = 0; r < local.size(); ++r) {
            w.str(local.id(r));
            w.i64(local.year(r));
            const auto a = local.actors(r);
            w.u64(a.size());
            for (const auto id : a) w.u32(static_cast<std::uint32_t>(id));
        }
        local = closeness::actor_records{};
        detail::send_bytes(seal(serial_type::actor_records, w.data()), 0, tag, comm);
        return local;
    }
    closeness::actor_records out = std::move(local);
    std::vector<std::string_view> actors;
    for (int q = 1; q < ranks; ++q) {
        const auto bytes = detail::recv_bytes(q, tag, comm);
        byte_reader rd = open_sealed(bytes.data(), bytes.size(), serial_type::actor_records, "rank " + std::to_string(q));
        const std::vector<std::string> labels = read_labels(rd);
        const std::uint64_t n = rd.count(8 + 8 + 8, "records");
        for (std::uint64_t k = 0; k < n; ++k) {
            const std::string id = rd.str("record id");
            const auto year = static_cast<year_type>(rd.i64("year"));
            const std::uint64_t m = rd.count(4, "actors");
            actors.clear();
            for (std::uint64_t x = 0; x < m; ++x) {
                const std::uint32_t a = rd.u32("actor");
                if (a >= labels.size()) rd.fail(error_code::out_of_range, "actor", "actor id outside the dictionary");
                actors.emplace_back(labels[a]);
            }
            out.add(id, year, actors);  // the actors in the sender's id order: its first appearances
        }
        expect_end(rd);
    }
    return out;
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_CLOSENESS_HPP_
