// SPDX-License-Identifier: BSL-1.0
//
// Collaboration counting: from records with sets of actors to the counts
// N_i (per actor) and N_ij (per pair) that every closeness measure takes,
// for a whole period or per year (panels). N_ij comes from
// records::cooccurrence, the co-occurrence engine shared with cograph.
#ifndef TECHCONV_CLOSENESS_COUNTING_HPP_
#define TECHCONV_CLOSENESS_COUNTING_HPP_

#include <algorithm>  // std::min, std::max
#include <cstdint>    // std::uint8_t, std::int64_t
#include <string_view>  // std::string_view
#include <vector>     // std::vector

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "techconv/closeness/records.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/cooccurrence.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/types.hpp"
#include "techconv/vocabulary.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace closeness {

/// \brief Which records make up an actor's count <tt>N_i</tt>.
enum class denominator : std::uint8_t {
    /// <tt>N_i</tt> = records of i with at least one other actor: i's
    /// international collaborations. The [COOP] (METHODS §6) definition.
    international,
    /// <tt>N_i</tt> = all records of i, with or without partners: the diagonal of
    /// bibliometrix's crossprod co-occurrence matrix.
    all_records,
};

/// \brief The names of the denominators: "international", and "all" (also
/// "all_records") for all_records. The first name of a value is its to_string().
inline constexpr named<denominator> denominator_names[] = {{denominator::international, "international"},
                                                           {denominator::all_records, "all"},
                                                           {denominator::all_records, "all_records"}};

/// \brief Name of a denominator: "international" or "all".
constexpr std::string_view to_string(denominator d) noexcept { return name_of(d, denominator_names); }

/// \brief The denominator named `name` (a name of denominator_names).
/// \throws invalid_argument for any other name, listing the accepted ones.
inline denominator denominator_from_string(std::string_view name) {
    return from_name(name, denominator_names, "denominator");
}

/// \brief How much one record contributes to the counts: records::counting,
/// the one counting vocabulary (names, formulas and table in
/// records/incidence.hpp; the same names and formulas closeness had before).
///
/// With the international denominator and `link_fractional`,
/// <tt>sum_j N_ij = N_i</tt> and the importance shares of an actor sum to 1.
/// A record with k = 1 adds 1 to <tt>N_i</tt> under the all_records
/// denominator (every mode) and nothing to any pair.
using records::counting;

/// \brief Options of count_collaboration() and count_by_year().
struct count_options {
    denominator denom = denominator::international;  ///< [COOP] default
    counting mode = counting::full;                   ///< whole counting, as [COOP]
    year_type first_year = no_year;  ///< keep records from this year on (no_year: no lower bound)
    year_type last_year = no_year;   ///< keep records up to this year (no_year: no upper bound)
};

/// \brief Counts of one period: <tt>N_i</tt>, <tt>N_ij</tt> and what was counted.
struct collaboration_counts {
    /// <tt>N_i</tt> per actor id (size actor_count()), under the chosen denominator and mode.
    Eigen::VectorXd n;
    /// <tt>N_ij</tt>: symmetric, zero diagonal, compressed, actor_count() square.
    Eigen::SparseMatrix<double> pairs;
    /// Records in the period (after the year filter).
    index records = 0;
    /// Records in the period with at least two actors.
    index multi_actor_records = 0;
    /// Records in the period with exactly one actor.
    index single_actor_records = 0;
    /// Records in the period with no actor at all (e.g. no country could be read).
    index empty_records = 0;
    /// Records dropped by the year filter (including records with no_year when a bound is set).
    index outside_period = 0;
    /// ok, or empty_input when no record of the period has an actor.
    status info = status::ok;
};

namespace detail {

inline bool in_period(year_type y, year_type first, year_type last) noexcept {
    if (first == no_year && last == no_year) return true;
    if (y == no_year) return false;
    return (first == no_year || y >= first) && (last == no_year || y <= last);
}

// Adds record r's contributions to n and the pair triplets.
inline void count_record(const actor_span& a, const count_options& opts, Eigen::VectorXd& n,
                         std::vector<Eigen::Triplet<double>>& pairs) {
    const index k = a.size();
    if (k == 0) return;
    if (k == 1) {
        if (opts.denom == denominator::all_records) n[static_cast<index>(*a.first)] += 1.0;
        return;
    }
    const double node = records::actor_weight(opts.mode, k), link = records::pair_weight(opts.mode, k);
    for (const std::int32_t* p = a.first; p != a.last; ++p) n[static_cast<index>(*p)] += node;
    for (const std::int32_t* p = a.first; p != a.last; ++p)
        for (const std::int32_t* q = p + 1; q != a.last; ++q) {
            pairs.emplace_back(static_cast<index>(*p), static_cast<index>(*q), link);
            pairs.emplace_back(static_cast<index>(*q), static_cast<index>(*p), link);
        }
}

// Adds record r's contributions to n (N_i only) and lists it for the pair count when k >= 2.
inline void count_actors(const actor_span& a, index r, const count_options& opts, Eigen::VectorXd& n,
                         std::vector<index>& pair_rows) {
    const index k = a.size();
    if (k == 0) return;
    if (k == 1) {
        if (opts.denom == denominator::all_records) n[static_cast<index>(*a.first)] += 1.0;
        return;
    }
    const double node = records::actor_weight(opts.mode, k);
    for (const std::int32_t* p = a.first; p != a.last; ++p) n[static_cast<index>(*p)] += node;
    pair_rows.push_back(r);
}

// N_ij of the listed records: records::cooccurrence summed in record order
// (as the triplets of add_record_counts), without its diagonal.
inline Eigen::SparseMatrix<double> pair_counts(const records::incidence_matrix& a, const std::vector<index>& rows,
                                               counting mode) {
    records::pair_count_options o;
    o.mode = mode;
    o.sequential = true;
    Eigen::SparseMatrix<double> c = records::cooccurrence(a, rows, o);
    c.prune([](index i, index j, double) { return i != j; });
    return c;
}

}  // namespace detail

/// \brief Whether a record of year `year` is counted under the period of `opts`
/// (first_year..last_year, either open; a record without a year is counted
/// only when both ends are open).
inline bool in_period(year_type year, const count_options& opts) noexcept {
    return detail::in_period(year, opts.first_year, opts.last_year);
}

/// \brief Adds one record's contributions to the counts, as
/// count_collaboration does for each record in its period: to `n` the
/// record's weight for each of its actors (a single actor counts only under
/// denominator::all_records), to `pair_triplets` both (i, j) and (j, i) with
/// the pair weight of `opts.mode` for every pair of its actors.
/// \param actors         the record's actor ids (distinct)
/// \param opts           denominator and counting mode
/// \param n              N_i, one entry per actor of the dictionary
/// \param pair_triplets  N_ij as triplets, summed when the sparse matrix is built
/// Complexity: O(k^2) for k actors.
inline void add_record_counts(const actor_span& actors, const count_options& opts, Eigen::VectorXd& n,
                              std::vector<Eigen::Triplet<double>>& pair_triplets) {
    detail::count_record(actors, opts, n, pair_triplets);
}

/// \brief Counts <tt>N_i</tt> and <tt>N_ij</tt> over the records of a period.
///
/// <tt>N_ij</tt> = records listing both i and j (weighted by `opts.mode`);
/// <tt>N_i</tt> = records of i with a partner (`denominator::international`,
/// [COOP] METHODS §6) or all records of i (`denominator::all_records`).
/// Reference: [COOP] formula (1). \param records the input records
/// \param opts denominator, counting mode, year range.
/// \returns the counts; `pairs` has the actor dictionary's dimensions.
/// \throws invalid_argument if first_year > last_year (both set).
/// Degenerate input: no record with an actor gives zero counts and
/// status::empty_input; single-actor records only change <tt>N_i</tt> under
/// all_records. Complexity: <tt>O(sum_r k_r^2 + P log P)</tt> for k_r actors
/// per record and P pair entries; memory O(P) (no dense actor x actor matrix
/// beyond the co-occurrence engine's packed triangle for at most 1024 actors).
inline collaboration_counts count_collaboration(const actor_records& records,
                                                const count_options& opts = {}) {
    ::techconv::detail::require(opts.first_year == no_year || opts.last_year == no_year ||
                                    opts.first_year <= opts.last_year,
                                "count_collaboration: first_year > last_year");
    const index m = records.actor_count();
    collaboration_counts out;
    out.n = Eigen::VectorXd::Zero(m);
    std::vector<index> rows;
    for (index r = 0; r < records.size(); ++r) {
        if (!detail::in_period(records.year(r), opts.first_year, opts.last_year)) {
            ++out.outside_period;
            continue;
        }
        const auto a = records.actors(r);
        ++out.records;
        if (a.size() == 0) ++out.empty_records;
        else if (a.size() == 1) ++out.single_actor_records;
        else ++out.multi_actor_records;
        detail::count_actors(a, r, opts, out.n, rows);
    }
    out.pairs = detail::pair_counts(records.matrix(), rows, opts.mode);
    if (out.multi_actor_records + out.single_actor_records == 0) out.info = status::empty_input;
    return out;
}

/// \brief Per-year counts: one collaboration_counts per calendar year.
struct collaboration_panel {
    /// Consecutive years first..last (years without records are present with zero counts).
    std::vector<year_type> years;
    /// counts[t] belongs to years[t].
    std::vector<collaboration_counts> counts;
    /// Records skipped because their year is unknown (no_year).
    index records_without_year = 0;
    /// Records outside the requested year range.
    index outside_period = 0;
    /// ok, or empty_input when no record has a known year in range.
    status info = status::ok;
};

/// \brief Counts per calendar year (a panel), for closeness series.
///
/// The year range is [opts.first_year, opts.last_year], each bound defaulting
/// to the smallest / largest year present. \param records input
/// \param opts as count_collaboration(). \returns one collaboration_counts per year.
/// \throws invalid_argument if first_year > last_year.
/// Degenerate input: no dated record gives an empty panel and
/// status::empty_input. Complexity: as count_collaboration() plus
/// O(years x actors) for the per-year <tt>N_i</tt> vectors.
inline collaboration_panel count_by_year(const actor_records& records, const count_options& opts = {}) {
    ::techconv::detail::require(opts.first_year == no_year || opts.last_year == no_year ||
                                    opts.first_year <= opts.last_year,
                                "count_by_year: first_year > last_year");
    collaboration_panel out;
    year_type lo = opts.first_year, hi = opts.last_year;
    if (lo == no_year || hi == no_year) {
        year_type dmin = 0, dmax = 0;
        bool any = false;
        for (index r = 0; r < records.size(); ++r) {
            const year_type y = records.year(r);
            if (y == no_year) continue;
            dmin = any ? std::min(dmin, y) : y;
            dmax = any ? std::max(dmax, y) : y;
            any = true;
        }
        if (!any) {
            out.records_without_year = records.size();
            out.info = status::empty_input;
            return out;
        }
        if (lo == no_year) lo = dmin;
        if (hi == no_year) hi = dmax;
    }
    if (lo > hi) {  // a single bound outside the data
        out.info = status::empty_input;
        for (index r = 0; r < records.size(); ++r)
            (records.year(r) == no_year ? out.records_without_year : out.outside_period) += 1;
        return out;
    }
    const auto years = static_cast<std::size_t>(static_cast<std::int64_t>(hi) - lo + 1);
    const index m = records.actor_count();
    std::vector<std::vector<index>> rows(years);
    out.years.resize(years);
    out.counts.resize(years);
    for (std::size_t t = 0; t < years; ++t) {
        out.years[t] = static_cast<year_type>(lo + static_cast<year_type>(t));
        out.counts[t].n = Eigen::VectorXd::Zero(m);
    }
    for (index r = 0; r < records.size(); ++r) {
        const year_type y = records.year(r);
        if (y == no_year) {
            ++out.records_without_year;
            continue;
        }
        if (y < lo || y > hi) {
            ++out.outside_period;
            continue;
        }
        const auto t = static_cast<std::size_t>(y - lo);
        auto& c = out.counts[t];
        const auto a = records.actors(r);
        ++c.records;
        if (a.size() == 0) ++c.empty_records;
        else if (a.size() == 1) ++c.single_actor_records;
        else ++c.multi_actor_records;
        detail::count_actors(a, r, opts, c.n, rows[t]);
    }
    bool any = false;
    for (std::size_t t = 0; t < years; ++t) {
        auto& c = out.counts[t];
        c.pairs = detail::pair_counts(records.matrix(), rows[t], opts.mode);
        if (c.multi_actor_records + c.single_actor_records == 0) c.info = status::empty_input;
        else any = true;
    }
    if (!any) out.info = status::empty_input;
    return out;
}

}  // namespace closeness
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLOSENESS_COUNTING_HPP_
