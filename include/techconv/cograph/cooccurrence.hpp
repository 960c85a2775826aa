// SPDX-License-Identifier: BSL-1.0
//
// Co-occurrence C = A^T A of a records x codes incidence, sparse end to end:
// the code pairs of every record are bucketed by their smaller code and each
// bucket is summed in a sparse accumulator, so memory is O(nnz(A) + pairs +
// nnz(C)) and no dense codes x codes array is ever made.
#ifndef TECHCONV_COGRAPH_COOCCURRENCE_HPP_
#define TECHCONV_COGRAPH_COOCCURRENCE_HPP_

#include <algorithm>  // std::sort, std::max
#include <cstdint>    // std::int32_t, std::uint16_t, std::uint32_t, INT32_MAX
#include <memory>     // std::unique_ptr
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

/// Pair-bucket product over the selected rows; `rows == nullptr` selects all.
///
/// 1. Records are cut into fixed chunks (independent of the thread count);
///    each chunk counts, per code i, its occurrences and the pairs (i, j > i)
///    it will emit. 2. Prefix sums give every (code, chunk) an output range
///    (code-major, chunk-minor). 3. Each chunk streams its records once and
///    writes every partner j of i into i's bucket. 4. Each row i sums its
///    bucket in a sparse accumulator. 5. The upper triangle is mirrored into
///    a full compressed column-major matrix. Records are read sequentially
///    and every bucket is read sequentially, unlike a row-by-row product of
///    A^T and A, which jumps between records. The order of every sum is
///    fixed by the record order, so the bits do not depend on the threads.
template <class Partner>
sparse_matrix cooccurrence_pairs(const incidence_matrix& a, const std::vector<index>* rows,
                                 const cooccurrence_options& opts) {
    const index n = a.codes;
    sparse_matrix c(n, n);
    if (n == 0) return c;
    const auto un = static_cast<std::size_t>(n);
    const index nsel = rows ? static_cast<index>(rows->size()) : a.records;
    auto record_at = [&](index s) { return rows ? (*rows)[static_cast<std::size_t>(s)] : s; };
    const bool frac = opts.method == counting::fractional;

    // 1. per-chunk counts
    const index rchunk = std::max<index>(65536, (nsel + 63) / 64);
    const auto nrc = static_cast<std::size_t>(techconv::detail::chunk_count(nsel, rchunk));
    std::vector<index> cursor(nrc * un, 0);  // pair counts, then write cursors
    std::vector<index> occ(nrc * un, 0);
    techconv::detail::for_each_chunk(nsel, rchunk, opts.threads, [&](index ci, index b, index e) {
        index* cnt = cursor.data() + static_cast<std::size_t>(ci) * un;
        index* oc = occ.data() + static_cast<std::size_t>(ci) * un;
        for (index s = b; s < e; ++s) {
            const index r = record_at(s);
            const std::int32_t* p = a.codes_of(r);
            const index k = a.codes_of_size(r);
            for (index x = 0; x < k; ++x) {
                ++oc[p[x]];
                cnt[p[x]] += k - 1 - x;
            }
        }
    });
    // 2. bucket ranges: code-major, chunk-minor
    std::vector<index> start(un + 1, 0);
    index total = 0;
    for (std::size_t i = 0; i < un; ++i) {
        start[i] = total;
        for (std::size_t ci = 0; ci < nrc; ++ci) {
            const index k = cursor[ci * un + i];
            cursor[ci * un + i] = total;
            total += k;
        }
    }
    start[un] = total;
    // 3. scatter the partners
    // not value-initialised: every slot is written below (saves a pass over fresh pages)
    std::unique_ptr<Partner[]> partner(new Partner[static_cast<std::size_t>(total)]);
    std::vector<std::uint32_t> size_of(frac ? static_cast<std::size_t>(total) : 0);
    techconv::detail::for_each_chunk(nsel, rchunk, opts.threads, [&](index ci, index b, index e) {
        index* cur = cursor.data() + static_cast<std::size_t>(ci) * un;
        for (index s = b; s < e; ++s) {
            const index r = record_at(s);
            const std::int32_t* p = a.codes_of(r);
            const index k = a.codes_of_size(r);
            for (index x = 0; x + 1 < k; ++x) {
                index pos = cur[p[x]];
                for (index y = x + 1; y < k; ++y) {
                    partner[static_cast<std::size_t>(pos)] = static_cast<Partner>(p[y]);
                    if (frac) size_of[static_cast<std::size_t>(pos)] = static_cast<std::uint32_t>(k);
                    ++pos;
                }
                cur[p[x]] = pos;
            }
        }
    });
    std::vector<index>().swap(cursor);

    // 4. rows: diagonal (occurrences) then partners j > i, ascending
    const index chunk = std::max<index>(1, (n + 63) / 64);
    const auto nchunks = static_cast<std::size_t>(techconv::detail::chunk_count(n, chunk));
    std::vector<std::vector<std::int32_t>> cols(nchunks);
    std::vector<std::vector<double>> vals(nchunks);
    std::vector<index> row_nnz(un, 0);
    techconv::detail::for_each_chunk(n, chunk, opts.threads, [&](index ci, index b, index e) {
        std::vector<double> acc(un, 0.0);
        std::vector<char> seen(un, 0);
        std::vector<std::int32_t> touched;
        auto& oc = cols[static_cast<std::size_t>(ci)];
        auto& ov = vals[static_cast<std::size_t>(ci)];
        for (index i = b; i < e; ++i) {
            const auto ii = static_cast<std::size_t>(i);
            index d = 0;
            for (std::size_t q = 0; q < nrc; ++q) d += occ[q * un + ii];
            if (d == 0) continue;  // a code absent from the selection has no pairs either
            touched.clear();
            for (index t = start[ii]; t < start[ii + 1]; ++t) {
                const auto j = static_cast<std::size_t>(partner[static_cast<std::size_t>(t)]);
                if (!seen[j]) {
                    seen[j] = 1;
                    touched.push_back(static_cast<std::int32_t>(j));
                }
                acc[j] += frac ? 1.0 / static_cast<double>(size_of[static_cast<std::size_t>(t)] - 1) : 1.0;
            }
            oc.push_back(static_cast<std::int32_t>(i));
            ov.push_back(static_cast<double>(d));
            if (touched.size() * 16 > un - ii) {
                touched.clear();  // dense row: scan in order instead of sorting
                for (std::size_t j = ii + 1; j < un; ++j)
                    if (seen[j]) touched.push_back(static_cast<std::int32_t>(j));
            } else {
                std::sort(touched.begin(), touched.end());
            }
            for (const std::int32_t j : touched) {
                oc.push_back(j);
                ov.push_back(acc[static_cast<std::size_t>(j)]);
                acc[static_cast<std::size_t>(j)] = 0.0;
                seen[static_cast<std::size_t>(j)] = 0;
            }
            row_nnz[ii] = static_cast<index>(touched.size()) + 1;
        }
    });
    partner.reset();
    std::vector<std::uint32_t>().swap(size_of);

    // 5. mirror: column j = rows i < j (from the upper rows of i), then row j's upper part
    std::vector<index> colcount(un, 0);
    for (std::size_t ci = 0; ci < nchunks; ++ci)
        for (const std::int32_t j : cols[ci]) ++colcount[static_cast<std::size_t>(j)];
    // colcount[j] now counts entries (i, j) with i <= j; add row j's strictly upper part
    for (std::size_t j = 0; j < un; ++j)
        if (row_nnz[j] > 0) colcount[j] += row_nnz[j] - 1;
    index nnz = 0;
    for (std::size_t j = 0; j < un; ++j) nnz += colcount[j];
    techconv::detail::require(nnz <= static_cast<index>(INT32_MAX),
                              "cograph::cooccurrence: more than 2^31-1 non-zeros");
    c.resizeNonZeros(nnz);
    int* outer = c.outerIndexPtr();
    int* inner = c.innerIndexPtr();
    double* value = c.valuePtr();
    std::vector<index> fill(un + 1, 0);
    for (std::size_t j = 0; j < un; ++j) fill[j + 1] = fill[j] + colcount[j];
    for (std::size_t j = 0; j <= un; ++j) outer[j] = static_cast<int>(fill[j]);
    // Visits the stored upper rows in order: fn(row, entries, values, length),
    // entries[0] being the row's diagonal.
    auto for_each_row = [&](auto&& fn) {
        std::size_t row = 0;
        for (std::size_t ci = 0; ci < nchunks; ++ci) {
            for (std::size_t t = 0; t < cols[ci].size();) {
                while (row_nnz[row] == 0) ++row;
                const auto len = static_cast<std::size_t>(row_nnz[row]);
                fn(row, cols[ci].data() + t, vals[ci].data() + t, len);
                t += len;
                ++row;
            }
        }
    };
    // rows i <= j of column j first, in ascending i (rows are visited in order) ...
    for_each_row([&](std::size_t row, const std::int32_t* oc, const double* ov, std::size_t len) {
        for (std::size_t u = 0; u < len; ++u) {
            const auto pos = static_cast<std::size_t>(fill[static_cast<std::size_t>(oc[u])]++);
            inner[pos] = static_cast<int>(row);
            value[pos] = ov[u];
        }
    });
    // ... then each column's own strictly upper part (rows > j), already ascending
    for_each_row([&](std::size_t row, const std::int32_t* oc, const double* ov, std::size_t len) {
        for (std::size_t u = 1; u < len; ++u) {
            const auto pos = static_cast<std::size_t>(fill[row]++);
            inner[pos] = oc[u];
            value[pos] = ov[u];
        }
    });
    return c;
}

/// Partners are stored in 16 bits when the code ids fit (half the traffic).
inline sparse_matrix cooccurrence_impl(const incidence_matrix& a, const std::vector<index>* rows,
                                       const cooccurrence_options& opts) {
    if (a.codes <= 65536) return cooccurrence_pairs<std::uint16_t>(a, rows, opts);
    return cooccurrence_pairs<std::int32_t>(a, rows, opts);
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
/// k_r (k_r - 1) / 2 code pairs; memory: 4 bytes per pair (8 with
/// fractional counting; 2 + 4 when there are at most 65536 codes) plus
/// O(nnz(C) + 64 codes) besides the result.
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
