// SPDX-License-Identifier: BSL-1.0
//
// Rao-Stirling diversity: variety, balance and disparity in one index, with
// the category dissimilarity either supplied by the user or derived from a
// co-occurrence matrix by the cosine (cosine_dissimilarity).
#ifndef TECHCONV_CONVERGENCE_RAO_STIRLING_HPP_
#define TECHCONV_CONVERGENCE_RAO_STIRLING_HPP_

#include <cmath>    // std::sqrt, std::pow, std::isfinite
#include <cstddef>  // std::size_t
#include <utility>  // std::move
#include <vector>   // std::vector

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "techconv/config.hpp"
#include "techconv/convergence/detail/counts.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {

/// \brief Which pairs Rao-Stirling sums over.
enum class pair_sum : unsigned char {
    ordered,    ///< all ordered pairs i != j (Stirling 2007; equals Gini-Simpson when every d = 1)
    unordered,  ///< pairs i < j only: half the ordered sum for a symmetric d
};

/// \brief Options of rao_stirling_t.
struct rao_stirling_options {
    double alpha = 1.0;               ///< exponent of the dissimilarity d_ij (>= 0)
    double beta = 1.0;                ///< exponent of the product p_i p_j (> 0)
    pair_sum pairs = pair_sum::ordered;  ///< ordered (i != j) or unordered (i < j) pairs
};

/// \brief Rao-Stirling diversity with a fixed k x k dissimilarity matrix.
///
/// Formula: Delta = sum over pairs i != j of d_ij^alpha (p_i p_j)^beta, with
/// p_i = x_i / sum(x). With alpha = beta = 1, ordered pairs and every
/// off-diagonal d_ij = 1 it equals the Gini-Simpson index.
/// Reference: Stirling (2007), doi:10.1098/rsif.2007.0213; Rafols & Meyer
/// (2010), doi:10.1007/s11192-009-0041-y.
/// The object owns a copy of the dissimilarity (safe to keep; no dangling view)
/// and is safe for concurrent use.
/// \pre the dissimilarity is square, finite and non-negative; its diagonal is ignored.
/// Degenerate input: 0 for an empty or all-zero count vector and for one category.
/// Complexity: O(S^2) for S non-zero counts (zeros are skipped).
/// \code
/// techconv::matrix d(3, 3);
/// d << 0, 1, 0.5,  1, 0, 0.2,  0.5, 0.2, 0;
/// techconv::convergence::rao_stirling_t rs(d);
/// double delta = rs(std::vector<int>{4, 2, 2});
/// \endcode
class rao_stirling_t {
public:
    /// \brief Keeps a copy of `dissimilarity` and the options.
    /// \throws techconv::invalid_argument if the matrix is not square, has a negative or
    /// non-finite entry, or alpha < 0, or beta <= 0.
    explicit rao_stirling_t(const Eigen::Ref<const Eigen::MatrixXd>& dissimilarity,
                            const rao_stirling_options& opts = {})
        : d_(dissimilarity), opts_(opts) {
        techconv::detail::require(d_.rows() == d_.cols(), "rao_stirling: the dissimilarity matrix must be square");
        techconv::detail::require(opts_.alpha >= 0.0 && std::isfinite(opts_.alpha),
                                  "rao_stirling: alpha must be finite and >= 0");
        techconv::detail::require(opts_.beta > 0.0 && std::isfinite(opts_.beta),
                                  "rao_stirling: beta must be finite and > 0");
        for (index j = 0; j < d_.cols(); ++j)
            for (index i = 0; i < d_.rows(); ++i)
                techconv::detail::require(std::isfinite(d_(i, j)) && d_(i, j) >= 0.0,
                                          "rao_stirling: dissimilarities must be finite and >= 0");
    }

    /// \brief Delta of the proportions of `counts` (one count per row of the matrix).
    /// \throws techconv::invalid_argument if the length differs from the matrix size, or a
    /// count is negative or not finite.
    template <class Counts>
    double operator()(const Counts& counts) const {
        const detail::count_summary s = detail::summarize_counts(counts);
        techconv::detail::require(s.size == d_.rows(),
                                  "rao_stirling: the count vector length must equal the dissimilarity size");
        if (s.total <= 0.0) return 0.0;
        std::vector<double> p;
        std::vector<index> at;
        detail::proportions(counts, s.total, p, &at);
        const bool plain = opts_.alpha == 1.0 && opts_.beta == 1.0;
        double sum = 0.0;
        for (std::size_t a = 0; a < p.size(); ++a) {
            for (std::size_t b = 0; b < p.size(); ++b) {
                if (a == b) continue;
                if (opts_.pairs == pair_sum::unordered && b < a) continue;
                double d = d_(at[a], at[b]);
                if (opts_.pairs == pair_sum::unordered) d = 0.5 * (d + d_(at[b], at[a]));
                sum += plain ? d * p[a] * p[b] : std::pow(d, opts_.alpha) * std::pow(p[a] * p[b], opts_.beta);
            }
        }
        return sum;
    }

    /// \brief Value at the uniform distribution over k categories with every d_ij = 1:
    /// k(k-1) k^(-2 beta), halved for unordered pairs; 0 for k <= 1. It is the maximum
    /// when every d_ij <= 1 and beta <= 1 (the cosine dissimilarity lies in [0, 1]).
    double max_for_size(index k) const {
        if (k <= 1) return 0.0;
        const double kd = static_cast<double>(k);
        const double v = kd * (kd - 1.0) * std::pow(kd, -2.0 * opts_.beta);
        return opts_.pairs == pair_sum::unordered ? 0.5 * v : v;
    }

    /// The dissimilarity matrix in use.
    const matrix& dissimilarity() const noexcept { return d_; }
    /// The options in use.
    const rao_stirling_options& options() const noexcept { return opts_; }

private:
    matrix d_;
    rao_stirling_options opts_;
};

/// \brief Which cosine turns a co-occurrence matrix into a similarity.
enum class cosine_basis : unsigned char {
    /// Salton's cosine from the occurrence diagonal: s_ij = C_ij / sqrt(C_ii C_jj).
    occurrence,
    /// cosine of the co-occurrence profiles: s_ij = <C_i, C_j> / (|C_i| |C_j|),
    /// the rows of C compared as vectors (Rafols & Meyer's similarity of profiles).
    profile,
};

/// \brief Options of cosine_dissimilarity().
struct dissimilarity_options {
    cosine_basis basis = cosine_basis::occurrence;  ///< which cosine
};

/// \brief A k x k dissimilarity matrix with its diagnostics.
struct dissimilarity_result {
    matrix distance;                ///< d_ij = 1 - s_ij clamped to [0, 1], zero diagonal
    index empty_categories = 0;     ///< categories with zero occurrence (or a zero profile)
    status info = status::ok;       ///< ok, or zero_denominator when empty_categories > 0
};

namespace detail {

/// d_ij = 1 - s_ij (i != j) with s_ij = g_ij / sqrt(n_i n_j) clamped to [0, 1]; 1 when
/// n_i or n_j is not positive (a category that never occurs). The one place of this rule.
inline double cosine_distance(double g, double ni, double nj) noexcept {
    if (!(ni > 0.0 && nj > 0.0)) return 1.0;
    double s = g / std::sqrt(ni * nj);
    if (s > 1.0) s = 1.0;
    if (s < 0.0) s = 0.0;
    return 1.0 - s;
}

inline dissimilarity_result distance_from_gram(const matrix& gram, const Eigen::VectorXd& norm2) {
    const index k = gram.rows();
    dissimilarity_result r;
    r.distance = matrix::Ones(k, k);
    for (index i = 0; i < k; ++i)
        if (!(norm2(i) > 0.0)) ++r.empty_categories;
    for (index j = 0; j < k; ++j) {
        for (index i = 0; i < k; ++i) {
            r.distance(i, j) = i == j ? 0.0 : cosine_distance(gram(i, j), norm2(i), norm2(j));
        }
    }
    if (r.empty_categories > 0) r.info = status::zero_denominator;
    return r;
}

inline void check_cooccurrence_shape(index rows, index cols) {
    techconv::detail::require(rows == cols, "cosine_dissimilarity: the co-occurrence matrix must be square");
}

inline void check_cooccurrence_value(double v) {
    techconv::detail::require(std::isfinite(v) && v >= 0.0,
                              "cosine_dissimilarity: co-occurrence counts must be finite and >= 0");
}

}  // namespace detail

/// \brief Dissimilarity d = 1 - cosine from a dense co-occurrence matrix.
///
/// Formula: occurrence basis s_ij = C_ij / sqrt(C_ii C_jj) (Salton); profile basis
/// s_ij = sum_m C_im C_jm / sqrt(sum_m C_im^2 sum_m C_jm^2); then d_ij = 1 - s_ij,
/// clamped to [0, 1], with d_ii = 0.
/// Reference: Salton & McGill (1983); Rafols & Meyer (2010), doi:10.1007/s11192-009-0041-y.
/// \param cooccurrence k x k counts; the diagonal holds each category's occurrences
///        (the AᵀA of a record x category incidence).
/// \param opts which cosine.
/// \returns the distance matrix for rao_stirling_t, the number of empty categories and a status.
/// \throws techconv::invalid_argument if the matrix is not square or has a negative or
/// non-finite entry.
/// Degenerate input: a category that never occurs (zero diagonal or zero profile) is at
/// distance 1 from every other category; it is counted and the status is zero_denominator.
/// Complexity: O(k^2) (occurrence) or O(k^3) (profile).
inline dissimilarity_result cosine_dissimilarity(const Eigen::Ref<const Eigen::MatrixXd>& cooccurrence,
                                                 const dissimilarity_options& opts = {}) {
    detail::check_cooccurrence_shape(cooccurrence.rows(), cooccurrence.cols());
    for (index j = 0; j < cooccurrence.cols(); ++j)
        for (index i = 0; i < cooccurrence.rows(); ++i) detail::check_cooccurrence_value(cooccurrence(i, j));
    if (opts.basis == cosine_basis::occurrence) {
        const Eigen::VectorXd diag = cooccurrence.diagonal();
        return detail::distance_from_gram(cooccurrence, diag);
    }
    const matrix gram = cooccurrence * cooccurrence.transpose();
    const Eigen::VectorXd diag = gram.diagonal();
    return detail::distance_from_gram(gram, diag);
}

/// \brief Dissimilarity d = 1 - cosine from a sparse co-occurrence matrix.
///
/// The same as the dense overload (same formulas, same degenerate rules); the
/// profile Gram matrix is formed sparse, the result is dense (k x k).
/// \param cooccurrence k x k sparse counts with occurrences on the diagonal.
/// \param opts which cosine.
/// \returns the distance matrix, the number of empty categories and a status.
/// \throws techconv::invalid_argument if the matrix is not square or has a negative or
/// non-finite entry.
/// Complexity: O(nnz + k^2) (occurrence), plus the sparse product C Cᵀ (profile).
inline dissimilarity_result cosine_dissimilarity(const Eigen::SparseMatrix<double>& cooccurrence,
                                                 const dissimilarity_options& opts = {}) {
    detail::check_cooccurrence_shape(cooccurrence.rows(), cooccurrence.cols());
    for (index j = 0; j < cooccurrence.outerSize(); ++j)
        for (Eigen::SparseMatrix<double>::InnerIterator it(cooccurrence, j); it; ++it)
            detail::check_cooccurrence_value(it.value());
    if (opts.basis == cosine_basis::occurrence) {
        const matrix dense(cooccurrence);
        const Eigen::VectorXd diag = dense.diagonal();
        return detail::distance_from_gram(dense, diag);
    }
    const Eigen::SparseMatrix<double> g = cooccurrence * Eigen::SparseMatrix<double>(cooccurrence.transpose());
    const matrix gram(g);
    const Eigen::VectorXd diag = gram.diagonal();
    return detail::distance_from_gram(gram, diag);
}

/// \brief Rao-Stirling of `counts` with the occurrence-basis cosine dissimilarity of a
/// sparse co-occurrence matrix, without forming the k x k distance matrix.
///
/// The value of `rao_stirling_t(cosine_dissimilarity(C).distance)(counts)` (alpha = beta = 1,
/// ordered pairs i != j; d_ij = 1 - C_ij / sqrt(C_ii C_jj) clamped to [0, 1], 1 for a
/// category that never occurs), bit for bit: the same terms d_ij p_i p_j added in the same
/// order (i, then j, over the categories with a positive count, in index order).
/// \param counts k non-negative counts (the p_i = x_i / sum x).
/// \param cooccurrence k x k counts, row-major, occurrences on the diagonal.
/// \returns Delta; 0 when every count is 0.
/// \throws techconv::invalid_argument if the matrix is not square, an entry is negative or
/// not finite, or the count vector's length is not k.
/// Complexity: O(nnz + k + m^2) time and O(k) memory besides the matrix, m = categories with
/// a positive count (the dense route takes O(k^2) of both).
template <class Counts>
double rao_stirling_occurrence_cosine(const Counts& counts,
                                      const Eigen::SparseMatrix<double, Eigen::RowMajor>& cooccurrence) {
    detail::check_cooccurrence_shape(cooccurrence.rows(), cooccurrence.cols());
    const index k = cooccurrence.rows();
    std::vector<double> diag(static_cast<std::size_t>(k), 0.0);
    for (index i = 0; i < cooccurrence.outerSize(); ++i)
        for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(cooccurrence, i); it; ++it) {
            detail::check_cooccurrence_value(it.value());
            if (it.col() == i) diag[static_cast<std::size_t>(i)] = it.value();
        }
    const detail::count_summary s = detail::summarize_counts(counts);
    techconv::detail::require(s.size == k, "rao_stirling: the count vector length must equal the dissimilarity size");
    if (s.total <= 0.0) return 0.0;
    std::vector<double> p;
    std::vector<index> at;
    detail::proportions(counts, s.total, p, &at);
    std::vector<double> row(static_cast<std::size_t>(k), 0.0);  // scratch: row at[a] of C
    double sum = 0.0;
    for (std::size_t a = 0; a < p.size(); ++a) {
        using it_t = Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator;
        for (it_t it(cooccurrence, at[a]); it; ++it) row[static_cast<std::size_t>(it.col())] = it.value();
        const double na = diag[static_cast<std::size_t>(at[a])];
        for (std::size_t b = 0; b < p.size(); ++b) {
            if (a == b) continue;
            const auto j = static_cast<std::size_t>(at[b]);
            const double d = detail::cosine_distance(row[j], na, diag[j]);
            sum += d * p[a] * p[b];
        }
        for (it_t it(cooccurrence, at[a]); it; ++it) row[static_cast<std::size_t>(it.col())] = 0.0;
    }
    return sum;
}

}  // namespace convergence
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CONVERGENCE_RAO_STIRLING_HPP_
