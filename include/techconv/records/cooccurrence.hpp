// SPDX-License-Identifier: BSL-1.0
//
// records::cooccurrence: the one co-occurrence engine of techconv. C = A^T A
// of a records x labels incidence, each record's pairs weighted by
// records::counting, sparse end to end (kernels in
// records/detail/cooccurrence_kernel.hpp). cograph::cooccurrence (the
// co-classification graph) and closeness::count_collaboration (N_ij) call it.
#ifndef TECHCONV_RECORDS_COOCCURRENCE_HPP_
#define TECHCONV_RECORDS_COOCCURRENCE_HPP_

#include <vector>  // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/detail/cooccurrence_kernel.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace records {

/// \brief Options of records::cooccurrence().
struct pair_count_options {
    counting mode = counting::full;  ///< pair weight per record (see counting)
    int threads = 1;                 ///< worker threads (0 = hardware); results do not depend on it
    /// Sum every entry in record order, whatever the input size (the order a
    /// triplet sum or a running sum over records uses). Without it, the
    /// fractional modes split more than 131072 records with few labels into
    /// up to 4 fixed parts (faster; the bits still depend on the input only).
    bool sequential = false;
};

/// \brief Co-occurrence C = A^T A of an incidence, pairs weighted by `opts.mode`.
///
/// Off-diagonal: C_ij = sum over records r holding labels i and j of
/// pair_weight(mode, k_r), k_r the distinct labels of r. Diagonal: C_ii =
/// records holding i (occurrences, for every mode).
/// \param a    the incidence (duplicates within a record are already removed),
///             rows ascending (row_order::ascending).
/// \param opts counting mode, threads, summation order.
/// \returns the symmetric codes x codes matrix, compressed, both triangles and
///          the diagonal stored; labels that never occur have empty columns.
/// \throws invalid_argument if `a.order` is row_order::as_given (records::require_ascending_rows).
/// Degenerate input: no labels gives 0 x 0; no records gives an all-zero
/// n x n matrix; records with one label only add to the diagonal.
/// Complexity: O(nnz(A) + P + nnz(C)), P = sum over records of k_r (k_r - 1) / 2
/// (plus O(n^2) for n <= 1024 labels, counted in a packed triangle).
/// Bit-identical for any thread count.
inline sparse_matrix cooccurrence(const incidence_matrix& a, const pair_count_options& opts = {}) {
    return detail::cooccurrence_kernel(a, nullptr, opts.mode, opts.sequential, opts.threads);
}

/// \brief Co-occurrence of the records listed in `rows` (each counted as often
/// as it appears), without building a smaller incidence.
/// \throws invalid_argument if an index is outside [0, a.records), or `a.order` is row_order::as_given.
/// Complexity: as cooccurrence() over the selected records.
inline sparse_matrix cooccurrence(const incidence_matrix& a, const std::vector<index>& rows,
                                  const pair_count_options& opts = {}) {
    for (const index r : rows)
        techconv::detail::require(r >= 0 && r < a.records, "records::cooccurrence: record index out of range");
    return detail::cooccurrence_kernel(a, &rows, opts.mode, opts.sequential, opts.threads);
}

}  // namespace records
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_COOCCURRENCE_HPP_
