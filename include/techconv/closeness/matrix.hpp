// SPDX-License-Identifier: BSL-1.0
//
// Closeness of every pair at once, on the sparse co-occurrence matrix: each
// measure is applied to the stored non-zeros only (no dense outer product of
// the counts, the cause of bibliometrix's out-of-memory failures), plus the
// asymmetric importance shares N_ij / N_i of [COOP].
#ifndef TECHCONV_CLOSENESS_MATRIX_HPP_
#define TECHCONV_CLOSENESS_MATRIX_HPP_

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "techconv/closeness/counting.hpp"
#include "techconv/closeness/measures.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace closeness {

/// \brief A sparse matrix of pair values and what was degenerate.
struct sparse_result {
    /// Same sparsity pattern as the input co-occurrence matrix.
    Eigen::SparseMatrix<double> values;
    /// Stored pairs whose measure denominator was not positive (value set to 0).
    index zero_denominator_pairs = 0;
    /// ok, or zero_denominator when zero_denominator_pairs > 0.
    status info = status::ok;
};

namespace detail {

template <class Measure, class Denominator>
sparse_result apply_to_nonzeros(const Eigen::SparseMatrix<double>& pairs,
                                const Eigen::Ref<const Eigen::VectorXd>& n, double total,
                                Measure m, Denominator positive) {
    ::techconv::detail::require(pairs.rows() == pairs.cols(), "closeness: co-occurrence matrix must be square");
    ::techconv::detail::require(n.size() == pairs.rows(), "closeness: counts and co-occurrence matrix sizes differ");
    sparse_result out;
    out.values = pairs;
    for (index c = 0; c < out.values.outerSize(); ++c)
        for (Eigen::SparseMatrix<double>::InnerIterator it(out.values, c); it; ++it) {
            const double ni = n[it.row()], nj = n[it.col()];
            if (!positive(it.value(), ni, nj)) ++out.zero_denominator_pairs;
            it.valueRef() = m(it.value(), ni, nj, total);
        }
    if (out.zero_denominator_pairs > 0) out.info = status::zero_denominator;
    return out;
}

// Whether a measure's denominator is positive (mirrors measures.hpp).
struct product_positive {
    bool operator()(double, double a, double b) const noexcept { return a * b > 0.0; }
};
struct union_positive {
    bool operator()(double ab, double a, double b) const noexcept { return a + b - ab > 0.0; }
};
struct min_positive {
    bool operator()(double, double a, double b) const noexcept { return (a < b ? a : b) > 0.0; }
};
template <class Measure>
struct denominator_of {
    using type = product_positive;
};
template <>
struct denominator_of<jaccard_t> {
    using type = union_positive;
};
template <>
struct denominator_of<inclusion_t> {
    using type = min_positive;
};

}  // namespace detail

/// \brief Applies a closeness measure to every stored pair of a sparse co-occurrence matrix.
///
/// <tt>C_ij = m(N_ij, N_i, N_j, T)</tt> for every stored <tt>N_ij</tt>;
/// pairs that never co-occur stay structurally zero.
/// \tparam Measure a type satisfying closeness::is_measure_v (measures.hpp).
/// \param pairs <tt>N_ij</tt>, square (any symmetric or asymmetric pattern).
/// \param n <tt>N_i</tt>, one entry per row of `pairs`.
/// \param total T, used only by measures with needs_total (association_strength_vosviewer).
/// \param m the measure. \returns the values with the pattern of `pairs`.
/// \throws invalid_argument on a non-square matrix or mismatched sizes.
/// Degenerate input: a stored pair with a non-positive denominator gets 0 and
/// is counted; status::zero_denominator then. Complexity: O(nnz) time and
/// memory; never O(actors²).
/// \code
/// auto c = techconv::closeness::count_collaboration(records);
/// auto s = techconv::closeness::closeness_matrix(c.pairs, c.n, 0.0, techconv::closeness::salton);
/// \endcode
template <class Measure>
sparse_result closeness_matrix(const Eigen::SparseMatrix<double>& pairs,
                               const Eigen::Ref<const Eigen::VectorXd>& n, double total, Measure m) {
    static_assert(is_measure_v<Measure>, "closeness_matrix: Measure must satisfy the measure contract");
    return detail::apply_to_nonzeros(pairs, n, total, m, typename detail::denominator_of<Measure>::type{});
}

/// \brief Closeness of all pairs of a count result: uses counts.n and, for
/// measures with needs_total, <tt>T = sum_i N_i</tt>.
///
/// \param counts from count_collaboration() \param m the measure (Salton by default).
/// \returns as closeness_matrix(pairs, n, total, m). Complexity: O(nnz + actors).
template <class Measure = salton_t>
sparse_result closeness_matrix(const collaboration_counts& counts, Measure m = {}) {
    return closeness_matrix(counts.pairs, counts.n, counts.n.sum(), m);
}

/// \brief Closeness from a co-occurrence matrix whose diagonal holds the
/// occurrence counts (bibliometrix's crossprod(W), a co-classification
/// matrix <tt>A^T A</tt>): <tt>N_i = C_ii</tt>, pairs are the off-diagonal entries.
///
/// \param cooc square sparse matrix, diagonal = occurrences.
/// \param total T for needs_total measures (e.g. the record count).
/// \param m the measure. \returns off-diagonal closeness values (diagonal dropped).
/// \throws invalid_argument on a non-square matrix.
/// Degenerate input: as closeness_matrix(). Complexity: O(nnz).
template <class Measure = salton_t>
sparse_result closeness_from_cooccurrence(const Eigen::SparseMatrix<double>& cooc, double total = 0.0,
                                          Measure m = {}) {
    ::techconv::detail::require(cooc.rows() == cooc.cols(), "closeness_from_cooccurrence: matrix must be square");
    const Eigen::VectorXd n = cooc.diagonal();
    Eigen::SparseMatrix<double> off = cooc;
    off.prune([](index r, index c, double) { return r != c; });
    return closeness_matrix(off, n, total, m);
}

/// \brief Total link strength of every actor: <tt>s_i = sum_j N_ij</tt> (the
/// default VOSviewer node weight). \param pairs <tt>N_ij</tt> (symmetric).
/// \returns one value per row. Complexity: O(nnz).
inline Eigen::VectorXd link_strength(const Eigen::SparseMatrix<double>& pairs) {
    Eigen::VectorXd s = Eigen::VectorXd::Zero(pairs.rows());
    for (index c = 0; c < pairs.outerSize(); ++c)
        for (Eigen::SparseMatrix<double>::InnerIterator it(pairs, c); it; ++it) s[it.row()] += it.value();
    return s;
}

/// \brief Importance shares (asymmetric): <tt>I_ij = N_ij / N_i</tt>, the
/// share of i's collaboration that is with j ([COOP] METHODS §6).
///
/// Row i holds how important each partner is to i; column i how important i
/// is to each partner. With counting::link_fractional and the international
/// denominator every non-empty row sums to 1.
/// \param pairs <tt>N_ij</tt> \param n <tt>N_i</tt>. \returns the shares, pattern of `pairs`.
/// \throws invalid_argument on mismatched sizes.
/// Degenerate input: a stored pair with <tt>N_i = 0</tt> gets 0 and is counted
/// (status::zero_denominator). Complexity: O(nnz).
inline sparse_result importance_matrix(const Eigen::SparseMatrix<double>& pairs,
                                       const Eigen::Ref<const Eigen::VectorXd>& n) {
    struct row_share {
        double operator()(double nij, double ni, double, double) const noexcept { return ni > 0.0 ? nij / ni : 0.0; }
    };
    struct row_positive {
        bool operator()(double, double ni, double) const noexcept { return ni > 0.0; }
    };
    return detail::apply_to_nonzeros(pairs, n, 0.0, row_share{}, row_positive{});
}

/// \brief Importance shares of a count result (see importance_matrix(pairs, n)).
inline sparse_result importance_matrix(const collaboration_counts& counts) {
    return importance_matrix(counts.pairs, counts.n);
}

}  // namespace closeness
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLOSENESS_MATRIX_HPP_
