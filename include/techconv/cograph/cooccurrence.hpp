// SPDX-License-Identifier: BSL-1.0
//
// Co-occurrence C = A^T A of a records x codes incidence, sparse end to end:
// Gustavson's row-by-row product with a sparse accumulator of one row, so
// memory is O(nnz(A) + nnz(C)) and no dense codes x codes array is ever made.
#ifndef TECHCONV_COGRAPH_COOCCURRENCE_HPP_
#define TECHCONV_COGRAPH_COOCCURRENCE_HPP_

#include <algorithm>  // std::sort, std::lower_bound
#include <cstdint>    // std::int32_t
#include <vector>     // std::vector

#include <Eigen/SparseCore>

#include "techconv/cograph/incidence.hpp"
#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
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

/// Gustavson product over the selected rows; `rows == nullptr` selects all.
inline sparse_matrix cooccurrence_impl(const incidence_matrix& a, const std::vector<index>* rows,
                                       const cooccurrence_options& opts) {
    const index n = a.codes;
    sparse_matrix c(n, n);
    if (n == 0) return c;
    const index nsel = rows ? static_cast<index>(rows->size()) : a.records;
    auto record_at = [&](index s) { return rows ? (*rows)[static_cast<std::size_t>(s)] : s; };

    // A^T restricted to the selection: for each code, its records (ascending selection order).
    std::vector<index> tptr(static_cast<std::size_t>(n) + 1, 0);
    for (index s = 0; s < nsel; ++s) {
        const index r = record_at(s);
        const std::int32_t* p = a.codes_of(r);
        for (index k = 0, kk = a.codes_of_size(r); k < kk; ++k) ++tptr[static_cast<std::size_t>(p[k]) + 1];
    }
    for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) tptr[i + 1] += tptr[i];
    std::vector<index> trec(static_cast<std::size_t>(tptr.back()));
    {
        std::vector<index> pos(tptr.begin(), tptr.end() - 1);
        for (index s = 0; s < nsel; ++s) {
            const index r = record_at(s);
            const std::int32_t* p = a.codes_of(r);
            for (index k = 0, kk = a.codes_of_size(r); k < kk; ++k)
                trec[static_cast<std::size_t>(pos[static_cast<std::size_t>(p[k])]++)] = r;
        }
    }
    const bool frac = opts.method == counting::fractional;

    // Upper triangle (j >= i) of each row, computed independently per row.
    const index chunk = 4;
    const index nchunks = techconv::detail::chunk_count(n, chunk);
    std::vector<std::vector<std::int32_t>> cols(static_cast<std::size_t>(nchunks));
    std::vector<std::vector<double>> vals(static_cast<std::size_t>(nchunks));
    std::vector<std::vector<index>> counts(static_cast<std::size_t>(nchunks));
    techconv::detail::for_each_chunk(n, chunk, opts.threads, [&](index ci, index b, index e) {
        std::vector<double> acc(static_cast<std::size_t>(n), 0.0);
        std::vector<char> seen(static_cast<std::size_t>(n), 0);
        std::vector<std::int32_t> touched;
        auto& oc = cols[static_cast<std::size_t>(ci)];
        auto& ov = vals[static_cast<std::size_t>(ci)];
        auto& cnt = counts[static_cast<std::size_t>(ci)];
        for (index i = b; i < e; ++i) {
            touched.clear();
            const auto ii = static_cast<std::int32_t>(i);
            for (index t = tptr[static_cast<std::size_t>(i)]; t < tptr[static_cast<std::size_t>(i) + 1]; ++t) {
                const index r = trec[static_cast<std::size_t>(t)];
                const std::int32_t* p = a.codes_of(r);
                const std::int32_t* pe = p + a.codes_of_size(r);
                const index k = pe - p;
                const double w = (frac && k > 1) ? 1.0 / static_cast<double>(k - 1) : 1.0;
                // codes are sorted: start at i itself (diagonal = occurrences)
                const std::int32_t* q = std::lower_bound(p, pe, ii);
                if (!seen[static_cast<std::size_t>(ii)]) {
                    seen[static_cast<std::size_t>(ii)] = 1;
                    touched.push_back(ii);
                }
                acc[static_cast<std::size_t>(ii)] += 1.0;
                for (++q; q < pe; ++q) {
                    const auto j = static_cast<std::size_t>(*q);
                    if (!seen[j]) {
                        seen[j] = 1;
                        touched.push_back(*q);
                    }
                    acc[j] += w;
                }
            }
            std::sort(touched.begin(), touched.end());
            for (const std::int32_t j : touched) {
                oc.push_back(j);
                ov.push_back(acc[static_cast<std::size_t>(j)]);
                acc[static_cast<std::size_t>(j)] = 0.0;
                seen[static_cast<std::size_t>(j)] = 0;
            }
            cnt.push_back(static_cast<index>(touched.size()));
        }
    });

    // Mirror the upper triangle into a full symmetric column-major matrix.
    std::vector<index> uptr(static_cast<std::size_t>(n) + 1, 0);
    std::vector<std::int32_t> ucol;
    std::vector<double> uval;
    {
        std::size_t total = 0;
        for (const auto& v : cols) total += v.size();
        ucol.reserve(total);
        uval.reserve(total);
        std::size_t row = 0;
        for (std::size_t ci = 0; ci < cols.size(); ++ci) {
            ucol.insert(ucol.end(), cols[ci].begin(), cols[ci].end());
            uval.insert(uval.end(), vals[ci].begin(), vals[ci].end());
            for (const index k : counts[ci]) {
                uptr[row + 1] = uptr[row] + k;
                ++row;
            }
            std::vector<std::int32_t>().swap(cols[ci]);
            std::vector<double>().swap(vals[ci]);
        }
    }
    std::vector<int> colcount(static_cast<std::size_t>(n), 0);
    for (index i = 0; i < n; ++i)
        for (index t = uptr[static_cast<std::size_t>(i)]; t < uptr[static_cast<std::size_t>(i) + 1]; ++t) {
            const std::int32_t j = ucol[static_cast<std::size_t>(t)];
            ++colcount[static_cast<std::size_t>(i)];
            if (j != i) ++colcount[static_cast<std::size_t>(j)];
        }
    c.reserve(colcount);
    // Lower part of column j (rows i < j) first, in ascending i; then row j's upper part.
    for (index i = 0; i < n; ++i)
        for (index t = uptr[static_cast<std::size_t>(i)]; t < uptr[static_cast<std::size_t>(i) + 1]; ++t) {
            const index j = ucol[static_cast<std::size_t>(t)];
            if (j == i) {
                // column i: rows >= i, which all come after every row < i already placed
                for (index u = t; u < uptr[static_cast<std::size_t>(i) + 1]; ++u)
                    c.insertBackUncompressed(ucol[static_cast<std::size_t>(u)], i) =
                        uval[static_cast<std::size_t>(u)];
            }
            if (j > i) c.insertBackUncompressed(i, j) = uval[static_cast<std::size_t>(t)];
        }
    c.makeCompressed();
    return c;
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
/// Complexity: O(nnz(A) + sum over records of k_r^2 / 2 + nnz(C) log)
/// time, O(nnz(A) + nnz(C) + codes * threads) memory. Bit-identical for any
/// thread count.
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
