// SPDX-License-Identifier: BSL-1.0
//
// Revealed technological advantage (RTA, Balassa's index over patent classes)
// of groups (countries, firms) in classes, the proximity of two classes from
// the groups that have an advantage in both, and the relatedness density of a
// class for a group (Hidalgo, Klinger, Barabási & Hausmann 2007).
#ifndef TECHCONV_ANALYSIS_RELATEDNESS_HPP_
#define TECHCONV_ANALYSIS_RELATEDNESS_HPP_

#include <algorithm>  // std::max
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief RTA, advantage, proximity and relatedness density of groups × classes.
struct relatedness_result {
    std::vector<std::string> groups;   ///< row names
    std::vector<std::string> classes;  ///< column names
    matrix counts;     ///< P_gc (groups × classes), as given
    matrix rta;        ///< (P_gc / Σ_c P_gc) / (Σ_g P_gc / Σ P); 0 where a denominator is 0
    matrix proximity;  ///< φ_ij (classes × classes), diagonal 1 for a class with an advantage somewhere, else 0
    matrix density;    ///< Σ_{j≠i} φ_ij x_gj / Σ_{j≠i} φ_ij (groups × classes); 0 when the denominator is 0
    index empty_groups = 0;      ///< groups with Σ_c P_gc = 0 (RTA 0)
    index isolated_classes = 0;  ///< classes with Σ_{j≠i} φ_ij = 0 (density 0)
    /// ok; empty_input when Σ P = 0 (everything 0); zero_denominator when a group is empty
    /// or a class isolated (those values reported as 0).
    status info = status::ok;

    /// \brief x_gc = [RTA ≥ 1]: whether group g has a revealed advantage in class c.
    bool advantage(index g, index c) const { return rta(g, c) >= 1.0; }
};

/// \brief Revealed technological advantage and relatedness density.
///
/// RTA_gc = (P_gc / Σ_c P_gc) / (Σ_g P_gc / Σ_g Σ_c P_gc): the share of class c in group g's
/// output over its share in everyone's (Balassa 1965; Soete 1987 for patents); x_gc = [RTA_gc ≥ 1].
/// Proximity (Hidalgo et al. 2007, Science 317:482–487, doi:10.1126/science.1144581):
/// φ_ij = min(P(x_i | x_j), P(x_j | x_i)) over the groups = n_ij / max(n_i, n_j), with n_i the
/// groups with an advantage in i and n_ij those with both (0 when max(n_i, n_j) = 0).
/// Relatedness density of class i for group g: ω_gi = Σ_{j≠i} φ_ij x_gj / Σ_{j≠i} φ_ij (the
/// class itself left out, so that a group's own advantage in i does not count for i).
///
/// \param counts P (groups × classes), non-negative: records (or fractional records) of the
///        group with the class.
/// \throws invalid_argument when the names do not match the matrix or a count is negative.
/// Degenerate input: see relatedness_result::info. Complexity: O(G C²).
inline relatedness_result relatedness(std::vector<std::string> groups, std::vector<std::string> classes,
                                      matrix counts) {
    techconv::detail::require(static_cast<index>(groups.size()) == counts.rows() &&
                                  static_cast<index>(classes.size()) == counts.cols(),
                              "analysis::relatedness: one group name per row and one class name per column");
    techconv::detail::require((counts.array() >= 0).all(), "analysis::relatedness: counts must be >= 0");
    relatedness_result r;
    const index G = counts.rows(), C = counts.cols();
    r.rta = matrix::Zero(G, C);
    r.proximity = matrix::Zero(C, C);
    r.density = matrix::Zero(G, C);
    const double total = counts.sum();
    const vector row = counts.rowwise().sum(), col = counts.colwise().sum().transpose();
    if (total > 0) {
        for (index g = 0; g < G; ++g) {
            if (row[g] <= 0) {
                ++r.empty_groups;
                continue;
            }
            for (index c = 0; c < C; ++c)
                if (col[c] > 0) r.rta(g, c) = (counts(g, c) / row[g]) / (col[c] / total);
        }
        matrix x(G, C);
        for (index g = 0; g < G; ++g)
            for (index c = 0; c < C; ++c) x(g, c) = r.rta(g, c) >= 1.0 ? 1.0 : 0.0;
        const matrix both = x.transpose() * x;  // n_ij; diagonal n_i
        for (index i = 0; i < C; ++i)
            for (index j = 0; j < C; ++j) {
                const double m = std::max(both(i, i), both(j, j));
                r.proximity(i, j) = m > 0 ? both(i, j) / m : 0.0;
            }
        for (index i = 0; i < C; ++i) {
            const double den = r.proximity.col(i).sum() - r.proximity(i, i);
            if (den <= 0) {
                ++r.isolated_classes;
                continue;
            }
            for (index g = 0; g < G; ++g) {
                double num = 0;
                for (index j = 0; j < C; ++j)
                    if (j != i) num += r.proximity(i, j) * x(g, j);
                r.density(g, i) = num / den;
            }
        }
        if (r.empty_groups > 0 || r.isolated_classes > 0) r.info = status::zero_denominator;
    } else {
        r.info = status::empty_input;
    }
    r.groups = std::move(groups);
    r.classes = std::move(classes);
    r.counts = std::move(counts);
    return r;
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_RELATEDNESS_HPP_
