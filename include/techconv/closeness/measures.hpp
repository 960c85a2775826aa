// SPDX-License-Identifier: BSL-1.0
//
// Closeness measures of a pair of actors from co-occurrence counts: Salton
// (cosine), Jaccard, inclusion, equivalence and association strength in the
// two conventions in use (bibliometrix's and VOSviewer's).
//
// The measure contract (checked by closeness::is_measure_v): a measure is a
// stateless, default-constructible function object with
//   double operator()(double n_ij, double n_i, double n_j, double total) const noexcept;
//   static constexpr bool needs_total;   // whether `total` is used
//   static constexpr std::string_view name;
// where n_ij is the co-occurrence count of i and j, n_i and n_j the counts of
// i and j, and `total` the grand total the measure is scaled by (ignored when
// needs_total is false). Every measure returns 0 when its denominator is 0
// (the convention of bibliometrix, where NaN becomes 0); callers that must
// tell "no collaboration" from "undefined" test the denominator themselves
// (closeness_matrix() counts such pairs and reports status::zero_denominator).
#ifndef TECHCONV_CLOSENESS_MEASURES_HPP_
#define TECHCONV_CLOSENESS_MEASURES_HPP_

#include <algorithm>    // std::min
#include <cmath>        // std::sqrt
#include <string_view>  // std::string_view
#include <type_traits>  // std::is_invocable_r_v, std::is_default_constructible_v, std::is_same, std::void_t

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace closeness {

/// \brief Salton's cosine: <tt>S_ij = N_ij / sqrt(N_i N_j)</tt>.
///
/// Reference: [COOP] formula (1); Salton and McGill (1983), Introduction to
/// Modern Information Retrieval. Range [0, 1] when <tt>N_ij <= min(N_i, N_j)</tt>.
/// Degenerate input: 0 when <tt>N_i N_j <= 0</tt>. Complexity: O(1).
struct salton_t {
    static constexpr bool needs_total = false;
    static constexpr std::string_view name = "salton";
    /// \param n_ij co-occurrences \param n_i count of i \param n_j count of j
    /// \returns the cosine, or 0 when the denominator is not positive.
    double operator()(double n_ij, double n_i, double n_j, double = 0.0) const noexcept {
        const double d = n_i * n_j;
        return d > 0.0 ? n_ij / std::sqrt(d) : 0.0;
    }
};

/// \brief Jaccard index: <tt>J_ij = N_ij / (N_i + N_j - N_ij)</tt>.
///
/// Reference: Jaccard (1901); bibliometrix normalizeSimilarity(type = "jaccard").
/// Degenerate input: 0 when the denominator is not positive. Complexity: O(1).
struct jaccard_t {
    static constexpr bool needs_total = false;
    static constexpr std::string_view name = "jaccard";
    /// \returns the Jaccard index, or 0 when the denominator is not positive.
    constexpr double operator()(double n_ij, double n_i, double n_j, double = 0.0) const noexcept {
        const double d = n_i + n_j - n_ij;
        return d > 0.0 ? n_ij / d : 0.0;
    }
};

/// \brief Inclusion index: <tt>I_ij = N_ij / min(N_i, N_j)</tt>.
///
/// Reference: bibliometrix normalizeSimilarity(type = "inclusion"); Callon,
/// Courtial and Laville (1991). Degenerate input: 0 when min(N_i, N_j) <= 0.
/// Complexity: O(1).
struct inclusion_t {
    static constexpr bool needs_total = false;
    static constexpr std::string_view name = "inclusion";
    /// \returns the inclusion index, or 0 when the denominator is not positive.
    constexpr double operator()(double n_ij, double n_i, double n_j, double = 0.0) const noexcept {
        const double d = std::min(n_i, n_j);
        return d > 0.0 ? n_ij / d : 0.0;
    }
};

/// \brief Equivalence index: <tt>E_ij = N_ij^2 / (N_i N_j)</tt> (Salton squared).
///
/// Reference: Callon, Courtial and Laville (1991); bibliometrix
/// normalizeSimilarity(type = "equivalence"). Degenerate input: 0 when
/// <tt>N_i N_j <= 0</tt>. Complexity: O(1).
struct equivalence_t {
    static constexpr bool needs_total = false;
    static constexpr std::string_view name = "equivalence";
    /// \returns the equivalence index, or 0 when the denominator is not positive.
    constexpr double operator()(double n_ij, double n_i, double n_j, double = 0.0) const noexcept {
        const double d = n_i * n_j;
        return d > 0.0 ? n_ij * n_ij / d : 0.0;
    }
};

/// \brief Association strength as bibliometrix computes it: <tt>A_ij = N_ij / (N_i N_j)</tt>.
///
/// No scaling by a total: values are tiny and depend on the corpus size, but
/// rankings within one corpus equal those of association_strength_vosviewer
/// when both use the same node counts. Reference: bibliometrix
/// normalizeSimilarity(type = "association"); van Eck and Waltman (2009),
/// doi:10.1002/asi.21075. Degenerate input: 0 when <tt>N_i N_j <= 0</tt>.
/// Complexity: O(1).
struct association_strength_bibliometrix_t {
    static constexpr bool needs_total = false;
    static constexpr std::string_view name = "association_strength_bibliometrix";
    /// \returns <tt>N_ij/(N_i N_j)</tt>, or 0 when the denominator is not positive.
    constexpr double operator()(double n_ij, double n_i, double n_j, double = 0.0) const noexcept {
        const double d = n_i * n_j;
        return d > 0.0 ? n_ij / d : 0.0;
    }
};

/// \brief Association strength as VOSviewer computes it:
/// <tt>A_ij = N_ij / (N_i N_j / T) = T N_ij / (N_i N_j)</tt>.
///
/// The ratio of observed to expected co-occurrences under independence.
/// VOSviewer (CWTS networkanalysis, Network.createNormalizedNetworkUsingAssociationStrength)
/// uses node weights <tt>N_i</tt> equal to each node's *total link strength*
/// <tt>sum_j N_ij</tt> by default and <tt>T = sum_i N_i</tt> (twice the total
/// edge weight); pass those (see closeness::link_strength) to reproduce it,
/// or occurrence counts and the record count for the probabilistic
/// affinity-style variant. Reference: van Eck and Waltman (2009),
/// doi:10.1002/asi.21075. Degenerate input: 0 when <tt>N_i N_j <= 0</tt>.
/// Complexity: O(1).
struct association_strength_vosviewer_t {
    static constexpr bool needs_total = true;
    static constexpr std::string_view name = "association_strength_vosviewer";
    /// \returns <tt>T N_ij/(N_i N_j)</tt>, or 0 when the denominator is not positive.
    constexpr double operator()(double n_ij, double n_i, double n_j, double total) const noexcept {
        const double d = n_i * n_j;
        return d > 0.0 ? total * n_ij / d : 0.0;
    }
};

/// Salton's cosine (see salton_t).
inline constexpr salton_t salton{};
/// Jaccard index (see jaccard_t).
inline constexpr jaccard_t jaccard{};
/// Inclusion index (see inclusion_t).
inline constexpr inclusion_t inclusion{};
/// Equivalence index (see equivalence_t).
inline constexpr equivalence_t equivalence{};
/// Association strength, bibliometrix convention (see association_strength_bibliometrix_t).
inline constexpr association_strength_bibliometrix_t association_strength_bibliometrix{};
/// Association strength, VOSviewer convention (see association_strength_vosviewer_t).
inline constexpr association_strength_vosviewer_t association_strength_vosviewer{};

namespace detail {
template <class M, class = void>
struct has_needs_total : std::false_type {};
template <class M>
struct has_needs_total<M, std::void_t<decltype(M::needs_total)>>
    : std::is_same<decltype(M::needs_total), const bool> {};
}  // namespace detail

/// \brief True when `Measure` satisfies the measure contract described at the top of this header.
template <class Measure>
inline constexpr bool is_measure_v =
    std::is_default_constructible_v<Measure> && detail::has_needs_total<Measure>::value &&
    std::is_invocable_r_v<double, const Measure&, double, double, double, double>;

}  // namespace closeness
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLOSENESS_MEASURES_HPP_
