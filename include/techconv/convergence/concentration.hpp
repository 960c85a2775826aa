// SPDX-License-Identifier: BSL-1.0
//
// Concentration of a distribution over actors or categories: concentration
// ratio CR_k, Herfindahl-Hirschman index (raw and normalised) and top-n
// shares; applicant concentration of a group of records ([KCT] §2.1.3's
// "monopoly effect": Samsung 98 of Korea's 172 key core patents).
#ifndef TECHCONV_CONVERGENCE_CONCENTRATION_HPP_
#define TECHCONV_CONVERGENCE_CONCENTRATION_HPP_

#include <algorithm>  // std::sort, std::min
#include <cstddef>    // std::size_t
#include <utility>    // std::move
#include <vector>     // std::vector

#include "techconv/config.hpp"
#include "techconv/convergence/common.hpp"
#include "techconv/convergence/detail/counts.hpp"
#include "techconv/convergence/detail/tally.hpp"
#include "techconv/convergence/diversity.hpp"
#include "techconv/convergence/shares.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {

/// \brief How a record with m actors (applicants) is counted in a
/// concentration: a per-actor weighting, not a pair counting (for pairs see
/// records::counting).
enum class actor_weighting : unsigned char {
    whole,       ///< each of its m distinct actors gets 1 (full counting)
    fractional,  ///< each of its m distinct actors gets 1/m (the actor counts sum to the records)
};

/// \brief Deprecated name of actor_weighting (renamed so that `counting`
/// names only records::counting, the pair-counting vocabulary).
using counting [[deprecated("use techconv::convergence::actor_weighting")]] = actor_weighting;

/// \brief Options of concentration() and applicant_concentration().
struct concentration_options {
    index k = 4;                             ///< the k of the concentration ratio CR_k (>= 1)
    index top = 10;                          ///< rows of the top table (0 = all)
    actor_weighting count = actor_weighting::whole;  ///< actor counting for HHI and CR_k (records only)
    tie_break ties = tie_break::first_seen;  ///< order of equal counts in the top table
};

/// \brief Concentration figures of one distribution.
struct concentration_result {
    double total = 0.0;           ///< sum of the counts
    index categories = 0;         ///< actors with a non-zero count
    double cr_k = 0.0;            ///< share of the k largest (all of them when fewer than k)
    double hhi = 0.0;             ///< sum of squared fractional shares, in (0, 1]
    double hhi_normalized = 0.0;  ///< (hhi - 1/N) / (1 - 1/N), N = categories; 1 when N = 1
    status info = status::ok;     ///< ok, or empty_input (all figures 0)
};

/// \brief CR_k and HHI (raw and normalised) of a count vector.
///
/// Formula: s_i = x_i / sum(x); CR_k = sum of the k largest s_i; HHI = sum s_i^2;
/// HHI* = (HHI - 1/N) / (1 - 1/N). Reference: Hirschman (1964); [KCT] §2.1.3.
/// \param counts a range of finite non-negative counts (fractional counts allowed).
/// \param opts   k of CR_k (the top table and counting options do not apply here).
/// \returns the total, number of non-zero actors, CR_k, HHI, HHI* and a status.
/// \throws techconv::invalid_argument if a count is negative or not finite, or k < 1.
/// Degenerate input: empty or all-zero counts give zeros and status::empty_input; one
/// actor gives CR_k = HHI = HHI* = 1.
/// Complexity: O(k log k) for k entries.
/// \code
/// std::vector<int> applicants{98, 11, 8, 55};
/// auto c = techconv::convergence::concentration(applicants);
/// // c.cr_k = 1, c.hhi = (98^2 + 11^2 + 8^2 + 55^2) / 172^2
/// \endcode
template <class Counts>
concentration_result concentration(const Counts& counts, const concentration_options& opts = {}) {
    techconv::detail::require(opts.k >= 1, "concentration: k must be >= 1");
    const detail::count_summary s = detail::summarize_counts(counts);
    concentration_result r;
    r.total = s.total;
    r.categories = s.observed;
    if (s.total <= 0.0) {
        r.info = status::empty_input;
        return r;
    }
    std::vector<double> x;
    x.reserve(static_cast<std::size_t>(s.observed));
    for (const auto& c : counts) {
        const double v = static_cast<double>(c);
        if (v > 0.0) x.push_back(v);
    }
    std::sort(x.begin(), x.end(), [](double a, double b) { return a > b; });
    const std::size_t k = static_cast<std::size_t>(std::min<index>(opts.k, s.observed));
    double top = 0.0;
    for (std::size_t i = 0; i < k; ++i) top += x[i];
    r.cr_k = top / s.total;
    r.hhi = simpson(x);
    r.hhi_normalized = herfindahl_normalized(x);
    return r;
}

/// \brief Applicant concentration of a group: top applicants' record shares, CR_k, HHI.
template <class Key>
struct applicant_concentration_result {
    /// Top applicants by records (whole counting), share = records of the applicant /
    /// all records ([KCT]: Samsung 98 / 172 = 56.98% of Korea's key core patents).
    share_table<Key> top;
    /// CR_k, HHI and HHI* over the applicant counts (whole or fractional: options.count).
    concentration_result concentration;
};

/// \brief Applicant (or any actor) concentration of records with per-record actor lists.
///
/// Each record lists its applicants; a record counts once per distinct applicant
/// (`proj` may map names to harmonised keys). The top table gives record shares
/// (may sum past 1 with co-applicants); CR_k and HHI use whole or fractional
/// applicant counts, whose shares sum to 1.
/// Reference: [KCT] §2.1.3 (leading applicants' shares as a monopoly measure).
/// \param records a range of ranges of applicants (see common.hpp).
/// \param proj    applicant -> key (hashable, ==).
/// \param opts    k, top rows, counting and tie rule.
/// \returns the top table and the concentration figures.
/// \throws techconv::invalid_argument if k < 1 or top < 0, or key_ascending is asked for
/// keys without operator<.
/// Degenerate input: no records or no applicant gives status::empty_input in both parts;
/// records without applicants are counted in top.records_without_labels.
/// Complexity: O(total applicants) expected plus O(m log m) for m applicants.
template <class Records, class Projection>
applicant_concentration_result<detail::record_key_t<Records, Projection>> applicant_concentration(
    const Records& records, const Projection& proj, const concentration_options& opts = {}) {
    using key = detail::record_key_t<Records, Projection>;
    techconv::detail::require(opts.top >= 0, "applicant_concentration: top must be >= 0");
    detail::key_tally<key> t = detail::tally_records(records, proj, code_scope::all);
    applicant_concentration_result<key> r;
    if (opts.count == actor_weighting::whole) {
        r.concentration = concentration(t.whole, opts);
    } else {
        r.concentration = concentration(t.fractional, opts);
    }
    share_options so;
    so.top = opts.top;
    so.ties = opts.ties;
    r.top = detail::table_from_tally(std::move(t), so);
    return r;
}

/// \brief applicant_concentration() with applicants used as keys unchanged.
/// \param records a range of ranges of hashable applicant keys.
/// \param opts    k, top rows, counting and tie rule.
/// \returns see applicant_concentration(records, proj, opts).
template <class Records>
applicant_concentration_result<detail::record_key_t<Records, identity>> applicant_concentration(
    const Records& records, const concentration_options& opts = {}) {
    return applicant_concentration(records, identity{}, opts);
}

}  // namespace convergence
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CONVERGENCE_CONCENTRATION_HPP_
