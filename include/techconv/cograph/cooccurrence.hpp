// SPDX-License-Identifier: BSL-1.0
//
// Co-occurrence C = A^T A of a records x codes incidence, sparse end to end
// (the kernels are in cograph/detail/cooccurrence.hpp): with few codes the
// pairs are counted in a cache-sized triangle, otherwise the code pairs of
// every record are bucketed by their smaller code and each bucket is summed
// straight into the final matrix; no dense codes x codes array is made for
// more than a thousand codes.
#ifndef TECHCONV_COGRAPH_COOCCURRENCE_HPP_
#define TECHCONV_COGRAPH_COOCCURRENCE_HPP_

#include <vector>  // std::vector

#include <Eigen/SparseCore>

#include "techconv/cograph/detail/cooccurrence.hpp"
#include "techconv/cograph/incidence.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief How a record's code pairs are weighted.
enum class counting : unsigned char {
    full,        ///< every pair of codes on a record adds 1 (whole counting)
    fractional,  ///< a record with k >= 2 codes adds 1/(k-1) to each of its pairs
};

/// \brief Options of cooccurrence().
struct cooccurrence_options {
    counting method = counting::full;  ///< full or fractional counting
    int threads = 1;                   ///< worker threads (0 = hardware); results do not depend on it
};

namespace detail {

/// Runs the kernel of cograph/detail/cooccurrence.hpp; `rows == nullptr` selects all records.
inline sparse_matrix cooccurrence_impl(const incidence_matrix& a, const std::vector<index>* rows,
                                       const cooccurrence_options& opts) {
    return cooccurrence_kernel(a, rows, opts.method == counting::fractional, opts.threads);
}

}  // namespace detail

/// \brief Co-occurrence matrix C = A^T A of an incidence.
///
/// Off-diagonal: C_ij = sum over records r holding codes i and j of w_r,
/// where w_r = 1 (full counting) or 1/(k_r - 1) for a record with k_r
/// distinct codes (fractional counting, Perianes-Rodriguez, Waltman & van Eck
/// 2016, J. Informetr. 10(4):1178). Diagonal: C_ii = number of records
/// holding code i (occurrences, for both counting methods). Reproduces [KCT]
/// section 2.2 with full counting at subclass level over all codes.
/// \param a    the incidence (duplicates within a record are already removed).
/// \param opts counting method and threads.
/// \returns the symmetric codes x codes sparse matrix, both triangles and
///          the diagonal stored; codes that never occur have empty columns.
/// Degenerate input: no codes gives a 0 x 0 matrix; no records gives an
/// all-zero n x n matrix; records with one code only add to the diagonal.
/// Complexity: O(nnz(A) + P + nnz(C)) time with P = sum over records of
/// k_r (k_r - 1) / 2 code pairs (plus O(n^2) for n <= 1024 codes, counted in
/// a packed triangle); memory besides the result: for n <= 1024 one triangle
/// of n (n + 1) / 2 counters of 4 bytes per thread (up to 4 triangles of
/// 8-byte sums with fractional counting), else 2 bytes per pair (4 with more
/// than 65536 codes; twice that with fractional counting) plus 4 bytes per
/// distinct pair (8 with fractional counting).
/// Bit-identical for any thread count.
inline sparse_matrix cooccurrence(const incidence_matrix& a, const cooccurrence_options& opts = {}) {
    return detail::cooccurrence_impl(a, nullptr, opts);
}

/// \brief Co-occurrence of a subset of records (a country, a year, the key-core
/// set), without rebuilding the incidence.
///
/// \param a       the incidence.
/// \param records the selected record indices (each counted as often as it appears).
/// \param opts    counting method and threads.
/// \throws invalid_argument if an index is outside [0, a.records).
/// Complexity: as cooccurrence() over the selected records.
inline sparse_matrix cooccurrence(const incidence_matrix& a, const std::vector<index>& records,
                                  const cooccurrence_options& opts = {}) {
    for (const index r : records)
        techconv::detail::require(r >= 0 && r < a.records,
                                  "cograph::cooccurrence: record index out of range");
    return detail::cooccurrence_impl(a, &records, opts);
}

/// \brief Record indices whose mask entry is true (for cooccurrence() on a subset).
///
/// \param mask one flag per record.
/// \returns the indices i with mask[i], ascending. Complexity: O(mask size).
inline std::vector<index> selected_records(const std::vector<bool>& mask) {
    std::vector<index> out;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i]) out.push_back(static_cast<index>(i));
    return out;
}

}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_COOCCURRENCE_HPP_
