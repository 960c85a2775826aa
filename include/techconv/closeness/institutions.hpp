// SPDX-License-Identifier: BSL-1.0
//
// Institution-level shares ([COOP] METHODS §6): for each institution, the
// share of its international records that include a partner country.
#ifndef TECHCONV_CLOSENESS_INSTITUTIONS_HPP_
#define TECHCONV_CLOSENESS_INSTITUTIONS_HPP_

#include <algorithm>  // std::sort
#include <cstddef>    // std::size_t
#include <vector>     // std::vector

#include "techconv/closeness/counting.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace closeness {

/// \brief Options of institution_shares().
struct institution_options {
    /// Only records that list this country (an id of the country records),
    /// e.g. China when ranking Chinese institutions; no_label: all records.
    label_id home = no_label;
    year_type first_year = no_year;  ///< first year counted (no_year: unbounded)
    year_type last_year = no_year;   ///< last year counted (no_year: unbounded)
    /// Institutions with fewer international records are left out of the result.
    index min_international = 1;
};

/// \brief One institution's share.
struct institution_share {
    label_id institution = no_label;  ///< id in the institution records
    index with_partner = 0;   ///< international records of the institution listing the partner
    index international = 0;  ///< records of the institution listing at least two countries
    double share = 0.0;       ///< with_partner / international
};

/// \brief Shares of all institutions, ranked.
struct institution_shares_result {
    /// Ranked by share descending, then international descending, then institution id ascending.
    std::vector<institution_share> rows;
    index records_used = 0;     ///< international records counted (after filters)
    status info = status::ok;   ///< empty_input when no record qualified
};

/// \brief For every institution: records with the partner country over its
/// international records (records listing at least two countries).
///
/// <tt>s_u = #{r : u in r, p in C(r), |C(r)| >= 2} / #{r : u in r, |C(r)| >= 2}</tt>
/// for institution u, partner country p and the country set C(r) of record r.
/// \param institutions institution actors per record
/// \param countries country actors per record, same records in the same order
/// \param partner the partner country's id in `countries`
/// \param opts home country, years, minimum size.
/// \returns the institutions with at least opts.min_international international records.
/// \throws invalid_argument when the record sets differ in size or an id is out of range.
/// Degenerate input: no qualifying record gives an empty result and
/// status::empty_input. Complexity: O(records x (institutions + countries per record)
/// + U log U) for U institutions.
inline institution_shares_result institution_shares(const actor_records& institutions,
                                                    const actor_records& countries, label_id partner,
                                                    const institution_options& opts = {}) {
    ::techconv::detail::require(institutions.size() == countries.size(),
                                "institution_shares: the two record sets differ in size");
    ::techconv::detail::require(partner != no_label && static_cast<index>(partner) < countries.actor_count(),
                                "institution_shares: partner id out of range");
    ::techconv::detail::require(opts.home == no_label || static_cast<index>(opts.home) < countries.actor_count(),
                                "institution_shares: home id out of range");
    const auto u = static_cast<std::size_t>(institutions.actor_count());
    std::vector<index> with(u, 0), intl(u, 0);
    institution_shares_result out;
    for (index r = 0; r < countries.size(); ++r) {
        if (!detail::in_period(countries.year(r), opts.first_year, opts.last_year)) continue;
        const auto c = countries.actors(r);
        if (c.size() < 2) continue;
        if (opts.home != no_label && !c.contains(opts.home)) continue;
        ++out.records_used;
        const bool has_partner = c.contains(partner);
        for (const label_id inst : institutions.actors(r)) {
            ++intl[inst];
            if (has_partner) ++with[inst];
        }
    }
    for (std::size_t k = 0; k < u; ++k) {
        if (intl[k] == 0 || intl[k] < opts.min_international) continue;
        out.rows.push_back(institution_share{static_cast<label_id>(k), with[k], intl[k],
                                             static_cast<double>(with[k]) / static_cast<double>(intl[k])});
    }
    std::sort(out.rows.begin(), out.rows.end(), [](const institution_share& a, const institution_share& b) {
        if (a.share != b.share) return a.share > b.share;
        if (a.international != b.international) return a.international > b.international;
        return a.institution < b.institution;
    });
    if (out.records_used == 0) out.info = status::empty_input;
    return out;
}

}  // namespace closeness
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLOSENESS_INSTITUTIONS_HPP_
