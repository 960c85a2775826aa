// SPDX-License-Identifier: BSL-1.0
//
// Collaboration counts ([COOP] N_i, N_ij) over records split across
// processes, bit-identical to counting all records in one process: a global
// actor dictionary in first-appearance order, and counting that continues
// from the state of the records before (an ordered scan), so every
// floating-point sum is formed in record order, exactly as
// closeness::count_collaboration forms it, for whole and fractional counting.
// Transport-free: techconv/parallel/mpi.hpp passes the states along.
#ifndef TECHCONV_PARALLEL_COLLABORATION_HPP_
#define TECHCONV_PARALLEL_COLLABORATION_HPP_

#include <cstdint>        // std::int64_t
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "techconv/closeness/counting.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {

/// \brief The actor dictionary of all processes: labels in order of first
/// appearance when the processes' dictionaries are read in rank order, i.e.
/// the ids one process would have assigned reading all records in order.
/// \param per_rank  each process's actor_records::labels(), in rank order
/// \returns the global labels (id = position).
/// Complexity: O(total labels) expected.
inline std::vector<std::string> merge_dictionaries(const std::vector<std::vector<std::string>>& per_rank) {
    std::vector<std::string> out;
    std::unordered_map<std::string, std::size_t> seen;
    for (const auto& labels : per_rank)
        for (const auto& l : labels)
            if (seen.emplace(l, out.size()).second) out.push_back(l);
    return out;
}

/// \brief The records of `local` with actor ids from the global dictionary `labels`.
/// \param local   this process's records
/// \param labels  merge_dictionaries() of all processes (contains every local label)
/// \returns the same records, ids re-keyed (actor_count() == labels.size()).
/// \throws invalid_argument if a local label is missing from `labels`.
/// Complexity: O(records + actor occurrences + labels).
inline closeness::actor_records with_dictionary(const closeness::actor_records& local,
                                                const std::vector<std::string>& labels) {
    closeness::actor_records out;
    for (const auto& l : labels) out.intern(l);
    std::vector<label_id> map(local.labels().size());
    for (std::size_t i = 0; i < map.size(); ++i) {
        map[i] = out.find(local.labels()[i]);
        techconv::detail::require(map[i] != no_label, "with_dictionary: label '" + local.labels()[i] +
                                                          "' is not in the global dictionary");
    }
    std::vector<label_id> ids;
    for (index r = 0; r < local.size(); ++r) {
        ids.clear();
        for (const label_id a : local.actors(r)) ids.push_back(map[a]);
        out.add_ids(local.id(r), local.year(r), ids);
    }
    return out;
}

namespace detail {

// Seeds triplets with the entries of `pairs` (one per stored entry), so that
// setFromTriplets continues each sum: ((previous + t1) + t2) ...
inline std::vector<Eigen::Triplet<double>> seed_triplets(const Eigen::SparseMatrix<double>& pairs) {
    std::vector<Eigen::Triplet<double>> t;
    for (index k = 0; k < pairs.outerSize(); ++k)
        for (Eigen::SparseMatrix<double>::InnerIterator it(pairs, k); it; ++it)
            t.emplace_back(it.row(), it.col(), it.value());
    return t;
}

inline void start_counts(closeness::collaboration_counts& c, index m) {
    if (c.n.size() == 0) c.n = Eigen::VectorXd::Zero(m);
    techconv::detail::require(c.n.size() == m, "continue_counts: the state has a different actor count");
    if (c.pairs.rows() == 0) c.pairs.resize(m, m);
}

inline void tally(closeness::collaboration_counts& c, const closeness::actor_span& a, const closeness::count_options& o,
                  std::vector<Eigen::Triplet<double>>& trip) {
    ++c.records;
    if (a.size() == 0) ++c.empty_records;
    else if (a.size() == 1) ++c.single_actor_records;
    else ++c.multi_actor_records;
    closeness::add_record_counts(a, o, c.n, trip);
}

inline void close_counts(closeness::collaboration_counts& c, index m, std::vector<Eigen::Triplet<double>>& trip) {
    c.pairs.resize(m, m);
    c.pairs.setFromTriplets(trip.begin(), trip.end());
    c.pairs.makeCompressed();
    c.info = c.multi_actor_records + c.single_actor_records == 0 ? status::empty_input : status::ok;
}

}  // namespace detail

/// \brief Counting that continues: the counts of the records summarised by
/// `before` followed by `records`, in record order.
///
/// `continue_counts(continue_counts({}, A), B)` equals, bit for bit,
/// closeness::count_collaboration(A then B) (same dictionary, same options),
/// for every counting mode: each N_i and N_ij is summed in record order.
/// \param before   the state of the earlier records (default-constructed for none)
/// \param records  the next records, ids from the same (global) dictionary
/// \param opts     as closeness::count_collaboration
/// \returns the state after `records`.
/// \throws invalid_argument if the dictionary sizes differ or first_year > last_year.
/// Complexity: O(sum_r k_r^2 + P log P), P = pair entries.
inline closeness::collaboration_counts continue_counts(closeness::collaboration_counts before,
                                                       const closeness::actor_records& records,
                                                       const closeness::count_options& opts = {}) {
    techconv::detail::require(opts.first_year == no_year || opts.last_year == no_year || opts.first_year <= opts.last_year,
                              "continue_counts: first_year > last_year");
    const index m = records.actor_count();
    detail::start_counts(before, m);
    std::vector<Eigen::Triplet<double>> trip = detail::seed_triplets(before.pairs);
    for (index r = 0; r < records.size(); ++r) {
        if (!closeness::in_period(records.year(r), opts)) {
            ++before.outside_period;
            continue;
        }
        detail::tally(before, records.actors(r), opts, trip);
    }
    detail::close_counts(before, m, trip);
    return before;
}

/// \brief Per-year counting that continues from `before` (the panel of the
/// earlier records over the SAME years first_year..last_year).
///
/// With explicit opts.first_year and opts.last_year (a distributed run takes
/// them from the global minimum and maximum year when unset), the result
/// equals closeness::count_by_year over all records bit for bit.
/// \param before   the panel of the earlier records (default-constructed for none)
/// \param records  the next records (global dictionary)
/// \param opts     counting options with both year bounds set
/// \returns the panel after `records`.
/// \throws invalid_argument if a year bound is unset or first_year > last_year.
inline closeness::collaboration_panel continue_panel(closeness::collaboration_panel before,
                                                     const closeness::actor_records& records,
                                                     const closeness::count_options& opts) {
    techconv::detail::require(opts.first_year != no_year && opts.last_year != no_year && opts.first_year <= opts.last_year,
                              "continue_panel: both year bounds must be set, first_year <= last_year");
    const index m = records.actor_count();
    const auto years = static_cast<std::size_t>(static_cast<std::int64_t>(opts.last_year) - opts.first_year + 1);
    if (before.years.empty()) {
        before.years.resize(years);
        before.counts.resize(years);
        for (std::size_t t = 0; t < years; ++t) before.years[t] = static_cast<year_type>(opts.first_year + static_cast<year_type>(t));
    }
    techconv::detail::require(before.years.size() == years, "continue_panel: the state covers other years");
    std::vector<std::vector<Eigen::Triplet<double>>> trip(years);
    for (std::size_t t = 0; t < years; ++t) {
        detail::start_counts(before.counts[t], m);
        trip[t] = detail::seed_triplets(before.counts[t].pairs);
    }
    for (index r = 0; r < records.size(); ++r) {
        const year_type y = records.year(r);
        if (y == no_year) {
            ++before.records_without_year;
            continue;
        }
        if (y < opts.first_year || y > opts.last_year) {
            ++before.outside_period;
            continue;
        }
        const auto t = static_cast<std::size_t>(y - opts.first_year);
        detail::tally(before.counts[t], records.actors(r), opts, trip[t]);
    }
    bool any = false;
    for (std::size_t t = 0; t < years; ++t) {
        detail::close_counts(before.counts[t], m, trip[t]);
        any = any || before.counts[t].info == status::ok;
    }
    before.info = any ? status::ok : status::empty_input;
    return before;
}

}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_COLLABORATION_HPP_
