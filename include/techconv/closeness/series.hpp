// SPDX-License-Identifier: BSL-1.0
//
// One pair over time: closeness and importance per year, change between two
// periods, peak years ([COOP] METHODS §6: "paper closeness peaked in 2019 at
// 0.43", "US international co-authored papers peaked in 2019 (792)").
#ifndef TECHCONV_CLOSENESS_SERIES_HPP_
#define TECHCONV_CLOSENESS_SERIES_HPP_

#include <cstddef>  // std::size_t
#include <vector>   // std::vector

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "techconv/closeness/counting.hpp"
#include "techconv/closeness/measures.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace closeness {

/// \brief Everything about one pair (i, j) in one period.
struct pair_stats {
    double n_ij = 0.0;       ///< <tt>N_ij</tt>
    double n_i = 0.0;        ///< <tt>N_i</tt>
    double n_j = 0.0;        ///< <tt>N_j</tt>
    double closeness = 0.0;  ///< the measure's value (0 when undefined)
    double share_i = 0.0;    ///< importance of j to i: <tt>N_ij/N_i</tt> (0 when <tt>N_i = 0</tt>)
    double share_j = 0.0;    ///< importance of i to j: <tt>N_ij/N_j</tt> (0 when <tt>N_j = 0</tt>)
    /// ok, or zero_denominator when <tt>N_i</tt> or <tt>N_j</tt> is 0 (values then 0).
    status info = status::ok;
};

/// \brief Pair statistics from one period's counts.
///
/// \param counts from count_collaboration() \param i first actor id
/// \param j second actor id \param m the measure (for needs_total measures
/// <tt>T = sum_k N_k</tt>). \returns the pair's counts, closeness and shares.
/// \throws invalid_argument if an id is out of range.
/// Degenerate input: <tt>N_i = 0</tt> or <tt>N_j = 0</tt> gives zeros and
/// status::zero_denominator. Complexity: O(log nnz of column j) plus O(actors)
/// for needs_total measures.
template <class Measure = salton_t>
pair_stats pair_statistics(const collaboration_counts& counts, label_id i, label_id j, Measure m = {}) {
    static_assert(is_measure_v<Measure>, "pair_statistics: Measure must satisfy the measure contract");
    const auto ii = static_cast<index>(i), jj = static_cast<index>(j);
    ::techconv::detail::require(i != no_label && j != no_label && ii < counts.n.size() && jj < counts.n.size(),
                                "pair_statistics: actor id out of range");
    pair_stats s;
    s.n_ij = counts.pairs.coeff(ii, jj);
    s.n_i = counts.n[ii];
    s.n_j = counts.n[jj];
    const double total = Measure::needs_total ? counts.n.sum() : 0.0;
    s.closeness = m(s.n_ij, s.n_i, s.n_j, total);
    s.share_i = s.n_i > 0.0 ? s.n_ij / s.n_i : 0.0;
    s.share_j = s.n_j > 0.0 ? s.n_ij / s.n_j : 0.0;
    if (!(s.n_i > 0.0 && s.n_j > 0.0)) s.info = status::zero_denominator;
    return s;
}

/// \brief A pair's statistics per year.
struct pair_series {
    std::vector<year_type> years;  ///< the panel's years
    std::vector<pair_stats> stats; ///< stats[t] belongs to years[t]
    /// Years whose closeness is undefined (<tt>N_i</tt> or <tt>N_j</tt> = 0), reported as 0.
    index zero_denominator_years = 0;
    /// ok; zero_denominator when some years are undefined; empty_input for an empty panel.
    status info = status::ok;

    /// The closeness values as a vector (one per year).
    Eigen::VectorXd closeness() const {
        Eigen::VectorXd v(static_cast<index>(stats.size()));
        for (std::size_t t = 0; t < stats.size(); ++t) v[static_cast<index>(t)] = stats[t].closeness;
        return v;
    }
};

/// \brief Closeness and importance of one pair for every year of a panel
/// (the [COOP] per-year Salton series).
///
/// \param panel from count_by_year() \param i first actor \param j second actor
/// \param m the measure. \returns one pair_stats per panel year.
/// \throws invalid_argument if an id is out of range.
/// Degenerate input: years where either actor has no count are 0 and
/// counted in zero_denominator_years. Complexity: O(years x log nnz).
/// \code
/// auto panel = techconv::closeness::count_by_year(records);
/// auto s = techconv::closeness::closeness_series(panel, us, cn);
/// auto peak = techconv::closeness::peak(s.years, s.closeness());
/// \endcode
template <class Measure = salton_t>
pair_series closeness_series(const collaboration_panel& panel, label_id i, label_id j, Measure m = {}) {
    pair_series out;
    out.years = panel.years;
    out.stats.reserve(panel.counts.size());
    for (const auto& c : panel.counts) {
        out.stats.push_back(pair_statistics(c, i, j, m));
        if (out.stats.back().info != status::ok) ++out.zero_denominator_years;
    }
    if (panel.counts.empty()) out.info = status::empty_input;
    else if (out.zero_denominator_years > 0) out.info = status::zero_denominator;
    return out;
}

/// \brief <tt>N_i</tt> of one actor for every year of a panel.
/// \throws invalid_argument if the id is out of range. Complexity: O(years).
inline Eigen::VectorXd count_series(const collaboration_panel& panel, label_id i) {
    Eigen::VectorXd v(static_cast<index>(panel.counts.size()));
    for (std::size_t t = 0; t < panel.counts.size(); ++t) {
        const auto& n = panel.counts[t].n;
        ::techconv::detail::require(i != no_label && static_cast<index>(i) < n.size(),
                                    "count_series: actor id out of range");
        v[static_cast<index>(t)] = n[static_cast<index>(i)];
    }
    return v;
}

/// \brief The year of a series' maximum.
struct peak_result {
    year_type year = no_year;  ///< year of the maximum (no_year for an empty series)
    double value = 0.0;        ///< the maximum
    index position = no_index; ///< its index in the series
    status info = status::ok;  ///< empty_input for an empty series
};

/// \brief Peak year of a yearly series; ties go to the earliest year.
///
/// \param years the years \param values one value per year.
/// \returns the first position holding the maximum. \throws invalid_argument
/// on different lengths. Degenerate input: empty series gives
/// status::empty_input. Complexity: O(years).
inline peak_result peak(const std::vector<year_type>& years, const Eigen::Ref<const Eigen::VectorXd>& values) {
    ::techconv::detail::require(static_cast<index>(years.size()) == values.size(),
                                "peak: years and values differ in length");
    peak_result p;
    if (values.size() == 0) {
        p.info = status::empty_input;
        return p;
    }
    index best = 0;
    for (index t = 1; t < values.size(); ++t)
        if (values[t] > values[best]) best = t;
    p.position = best;
    p.year = years[static_cast<std::size_t>(best)];
    p.value = values[best];
    return p;
}

/// \brief An inclusive range of years.
struct period {
    year_type first = no_year;  ///< first year (no_year: unbounded)
    year_type last = no_year;   ///< last year (no_year: unbounded)
};

/// \brief A pair in two periods and the change from the first to the second.
struct period_change {
    pair_stats before;              ///< the first period
    pair_stats after;               ///< the second period
    double closeness_change = 0.0;  ///< after.closeness - before.closeness
    double share_i_change = 0.0;    ///< after.share_i - before.share_i
    double share_j_change = 0.0;    ///< after.share_j - before.share_j
    double n_ij_change = 0.0;       ///< after.n_ij - before.n_ij
};

/// \brief Compares a pair between two periods whose counts are already made.
///
/// \param before counts of the first period (count_collaboration() with its years)
/// \param after counts of the second period \param i first actor \param j second actor
/// \param m the measure. \returns both periods' statistics and their differences.
/// \throws invalid_argument if an id is out of range in either count.
/// Degenerate input: as pair_statistics() per period.
/// Complexity: two pair_statistics() calls.
template <class Measure = salton_t>
period_change compare_periods(const collaboration_counts& before, const collaboration_counts& after, label_id i,
                              label_id j, Measure m = {}) {
    period_change out;
    out.before = pair_statistics(before, i, j, m);
    out.after = pair_statistics(after, i, j, m);
    out.closeness_change = out.after.closeness - out.before.closeness;
    out.share_i_change = out.after.share_i - out.before.share_i;
    out.share_j_change = out.after.share_j - out.before.share_j;
    out.n_ij_change = out.after.n_ij - out.before.n_ij;
    return out;
}

/// \brief Compares a pair between two periods (e.g. two years, [COOP]'s
/// institution comparison between 2007 and 2022).
///
/// \param records input \param i first actor \param j second actor
/// \param a first period \param b second period \param m the measure
/// \param opts denominator and counting mode (its year bounds are ignored).
/// \returns both periods' statistics and their differences.
/// \throws invalid_argument on an inverted period or an id out of range.
/// Degenerate input: as pair_statistics() per period.
/// Complexity: two passes of count_collaboration().
template <class Measure = salton_t>
period_change compare_periods(const actor_records& records, label_id i, label_id j, period a, period b,
                              Measure m = {}, count_options opts = {}) {
    opts.first_year = a.first;
    opts.last_year = a.last;
    const auto before = count_collaboration(records, opts);
    opts.first_year = b.first;
    opts.last_year = b.last;
    return compare_periods(before, count_collaboration(records, opts), i, j, m);
}

}  // namespace closeness
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLOSENESS_SERIES_HPP_
