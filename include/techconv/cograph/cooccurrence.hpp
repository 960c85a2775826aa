// SPDX-License-Identifier: BSL-1.0
//
// Co-occurrence C = A^T A of a records x codes incidence: the co-classification
// graph's entry to records::cooccurrence (the one co-occurrence engine, shared
// with closeness), sparse end to end: with few codes the pairs are counted in
// a cache-sized triangle, otherwise the code pairs of every record are
// bucketed by their smaller code and each bucket is summed straight into the
// final matrix; no dense codes x codes array is made for more than a thousand
// codes.
#ifndef TECHCONV_COGRAPH_COOCCURRENCE_HPP_
#define TECHCONV_COGRAPH_COOCCURRENCE_HPP_

#include <vector>  // std::vector

#include <Eigen/SparseCore>

#include "techconv/cograph/incidence.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/cooccurrence.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {

/// \brief Deprecated name of records::counting, the one counting vocabulary.
///
/// Caution when migrating: the co-classification graph's former
/// `counting::fractional` (1/(k-1) per pair) is now records::counting::link_fractional;
/// records::counting::fractional is 2/(k(k-1)) per pair, as in closeness.
using counting [[deprecated("use techconv::records::counting; the former cograph fractional "
                            "(1/(k-1)) is records::counting::link_fractional")]] = records::counting;

/// \brief Options of cooccurrence().
struct cooccurrence_options {
    records::counting method = records::counting::full;  ///< pair weight per record (records::counting)
    int threads = 1;  ///< worker threads (0 = hardware); results do not depend on it
};

namespace detail {

/// Runs records::cooccurrence; `rows == nullptr` selects all records.
inline sparse_matrix cooccurrence_impl(const incidence_matrix& a, const std::vector<index>* rows,
                                       const cooccurrence_options& opts) {
    records::pair_count_options o;
    o.mode = opts.method;
    o.threads = opts.threads;
    return rows ? records::cooccurrence(a, *rows, o) : records::cooccurrence(a, o);
}

}  // namespace detail

/// \brief Co-occurrence matrix C = A^T A of an incidence.
///
/// Off-diagonal: C_ij = sum over records r holding codes i and j of w_r =
/// records::pair_weight(opts.method, k_r) for a record with k_r distinct codes:
/// 1 (full), 1/(k_r - 1) (link_fractional: Perianes-Rodriguez, Waltman & van
/// Eck 2016, J. Informetr. 10(4):1178) or 2/(k_r (k_r - 1)) (fractional).
/// Diagonal: C_ii = number of records holding code i (occurrences, for every
/// counting mode). Reproduces [KCT]
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
/// 8-byte sums with the fractional modes), else 2 bytes per pair (4 with more
/// than 65536 codes; twice that with the fractional modes) plus 4 bytes per
/// distinct pair (8 with the fractional modes).
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
