// SPDX-License-Identifier: BSL-1.0
//
// Vocabulary shared by the convergence module: which codes of a record count
// (all or the main one), what a share is relative to, how ties are broken,
// and the identity projection.
//
// Record contract (used by convergence.hpp, shares.hpp, concentration.hpp):
// a "records" argument is any range of ranges (`std::vector<std::vector<K>>`,
// a vector of spans, ...). Each inner range lists one record's codes or
// labels; by convention its FIRST element is the record's main code. A
// projection `proj(code)` maps a code to the key that is counted (an IPC
// subclass, a section, an industry); keys must be hashable with `std::hash`
// and comparable with `==`.
#ifndef TECHCONV_CONVERGENCE_COMMON_HPP_
#define TECHCONV_CONVERGENCE_COMMON_HPP_

#include <utility>  // std::forward

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {

/// \brief Which codes of a record are used.
enum class code_scope : unsigned char {
    all,   ///< every code of the record (multi-label)
    main,  ///< only the first code of the record, its main code (single-label)
};

/// \brief The denominator of a per-record share or index.
enum class share_base : unsigned char {
    all_records,       ///< every record, including records without any code ([KCT])
    labelled_records,  ///< only records with at least one code
};

/// \brief How entries with equal counts are ordered in ranked tables.
///
/// Ranking is always count descending first; this rule orders equal counts.
enum class tie_break : unsigned char {
    first_seen,     ///< the key met first in the input comes first (works for any key)
    key_ascending,  ///< the smaller key (operator<) comes first; requires an ordered key
};

/// \brief Which categories k a normalisation by max_for_size(k) uses.
enum class category_basis : unsigned char {
    observed,  ///< categories with a non-zero count (the observed richness)
    declared,  ///< every entry of the count vector, zeros included
};

/// \brief The identity projection: a code is its own key.
struct identity {
    /// Returns its argument unchanged.
    template <class T>
    constexpr T&& operator()(T&& t) const noexcept {
        return std::forward<T>(t);
    }
};

}  // namespace convergence
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CONVERGENCE_COMMON_HPP_
