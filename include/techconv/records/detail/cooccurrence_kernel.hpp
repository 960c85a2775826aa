// SPDX-License-Identifier: BSL-1.0
//
// Kernels of records::cooccurrence (C = A^T A of a records x labels incidence,
// weighted by records::counting), used by cograph::cooccurrence and
// closeness::count_collaboration.
//
// Two paths, chosen by the number of codes n:
//  - dense (n <= dense_code_limit): each record adds its pairs to a packed
//    upper triangle of n (n + 1) / 2 counters, small enough to stay in cache;
//    the triangle is then written out column by column.
//  - buckets (larger n): the partners j > i of every code i are collected in
//    i's bucket (record order); each bucket is summed into row i of the upper
//    triangle, stored compactly (over the consumed buckets); the result is
//    then allocated at its exact size and assembled a block of columns at a
//    time: the part above the diagonal of column j gathered from the rows
//    i < j (write cursors of one block stay in cache), then the diagonal,
//    then row j itself below it.
// Neither path makes an intermediate copy of C. Every floating-point sum runs
// in an order fixed by the record order and the input size only, so the bits
// never depend on the thread count; with `sequential` every sum runs in record
// order (as a triplet sum would), whatever the input size.
#ifndef TECHCONV_RECORDS_DETAIL_COOCCURRENCE_KERNEL_HPP_
#define TECHCONV_RECORDS_DETAIL_COOCCURRENCE_KERNEL_HPP_

#include <algorithm>  // std::sort, std::min, std::max
#include <cstdint>    // std::int32_t, std::uint16_t, std::uint32_t, std::uint64_t, INT32_MAX, UINT32_MAX
#include <memory>     // std::unique_ptr
#include <type_traits>  // std::is_floating_point_v
#include <vector>     // std::vector

#include <Eigen/SparseCore>

#include "techconv/records/incidence.hpp"
#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/detail/simd.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace records {
namespace detail {

/// Largest number of codes handled by the dense-triangle path.
inline constexpr index dense_code_limit = 1024;

/// The selected records: all of `a` when `rows` is null.
struct record_selection {
    const incidence_matrix& a;
    const std::vector<index>* rows;
    index size() const noexcept { return rows ? static_cast<index>(rows->size()) : a.records; }
    index operator[](index s) const noexcept { return rows ? (*rows)[static_cast<std::size_t>(s)] : s; }
};

/// Checks that C fits Eigen's `int` storage indices.
inline void require_int_nnz(index nnz) {
    techconv::detail::require(nnz <= static_cast<index>(INT32_MAX),
                              "records::cooccurrence: more than 2^31-1 non-zeros");
}

/// Dense path: packed upper triangle of counters of type T (std::uint32_t for
/// full counting, double for the fractional modes).
///
/// Full counting sums integers, exact in any order, so the records are split
/// into one part per thread; the fractional modes use a fixed split (at most
/// 4 parts of at least 65536 records, 1 part when `sequential`) whose partial
/// triangles are added in part order, so their bits depend on the input only.
template <class T>
sparse_matrix cooccurrence_dense(const record_selection& sel, counting mode, bool sequential, int threads) {
    const bool frac = mode != counting::full;
    const incidence_matrix& a = sel.a;
    const index n = a.codes;
    const auto un = static_cast<std::size_t>(n);
    const index nsel = sel.size();
    // row x of the triangle holds columns x..n-1 at base[x] + column
    std::vector<index> base(un);
    index tri = 0;
    for (index x = 0; x < n; ++x) {
        base[static_cast<std::size_t>(x)] = tri - x;
        tri += n - x;
    }
    const index max_parts = frac ? (sequential ? 1 : 4) : techconv::detail::resolve_threads(threads);
    const index parts = std::max<index>(1, std::min(max_parts, nsel / 65536));
    const index rchunk = std::max<index>(1, (nsel + parts - 1) / parts);
    std::vector<std::vector<T>> part(static_cast<std::size_t>(parts));
    techconv::detail::for_each_chunk(nsel, rchunk, threads, [&](index ci, index b, index e) {
        auto& t = part[static_cast<std::size_t>(ci)];
        t.assign(static_cast<std::size_t>(tri), T(0));
        T* tp = t.data();
        for (index s = b; s < e; ++s) {
            const index r = sel[s];
            const std::int32_t* p = a.codes_of(r);
            const index k = a.codes_of_size(r);
            const T w = frac && k > 1 ? static_cast<T>(pair_weight(mode, k)) : T(1);
            for (index x = 0; x < k; ++x) {
                T* row = tp + base[static_cast<std::size_t>(p[x])];
                row[p[x]] += T(1);
                for (index y = x + 1; y < k; ++y) row[p[y]] += w;
            }
        }
    });
    sparse_matrix c(n, n);
    if (nsel == 0) return c;
    const index used = techconv::detail::chunk_count(nsel, rchunk);
    std::vector<T>& t = part[0];
    for (index q = 1; q < used; ++q) {
        const std::vector<T>& o = part[static_cast<std::size_t>(q)];
        for (std::size_t u = 0; u < t.size(); ++u) t[u] += o[u];
    }
    auto at = [&](index i, index j) { return t[static_cast<std::size_t>(base[static_cast<std::size_t>(i)] + j)]; };
    // column j holds (i, j) for i <= j from row i, and (j, i) for i > j from row j
    std::vector<index> count(un + 1, 0);
    for (index i = 0; i < n; ++i)
        for (index j = i; j < n; ++j)
            if (at(i, j) != T(0)) {
                ++count[static_cast<std::size_t>(j)];
                if (j > i) ++count[static_cast<std::size_t>(i)];
            }
    index nnz = 0;
    for (std::size_t j = 0; j < un; ++j) nnz += count[j];
    require_int_nnz(nnz);
    c.resizeNonZeros(nnz);
    int* outer = c.outerIndexPtr();
    int* inner = c.innerIndexPtr();
    double* value = c.valuePtr();
    index pos = 0;
    for (index j = 0; j < n; ++j) {
        outer[j] = static_cast<int>(pos);
        for (index i = 0; i < n; ++i) {
            const T v = i <= j ? at(i, j) : at(j, i);
            if (v == T(0)) continue;
            inner[pos] = static_cast<int>(i);
            value[pos] = static_cast<double>(v);
            ++pos;
        }
    }
    outer[n] = static_cast<int>(pos);
    return c;
}

/// Bucket path; Partner is the storage type of a code id in the buckets
/// (16 bits when the ids fit, which halves the traffic); Sum the type of the
/// row sums (std::uint32_t for full counting, double for the fractional modes).
///
/// 1. Records are cut into at most 16 fixed chunks (a function of the input
///    size only); each chunk counts, per code i, its occurrences and the pairs
///    (i, j > i) it will emit. 2. Prefix sums give every (code, chunk) a range
///    of i's bucket (code-major, chunk-minor, hence record order). 3. Each
///    chunk streams its records and writes every partner j of i (and, for
///    the fractional modes, k - 1) into i's bucket. 4. The codes are cut into
///    16 ranges of about equal bucket volume. 5. Each range sums its buckets
///    in a dense accumulator (in bucket order, so in record order), lists the
///    partners in ascending order (a bitmap scan when the row is dense, else
///    a sort) and writes row i compactly: ids over the consumed buckets, sums
///    into a parallel array; it also counts, per column j, its rows holding j.
///    6. Column sizes give the exact layout of C. 7. Blocks of 4096 columns
///    (in 4 fixed groups) are assembled: the rows i < hi contribute their
///    entries in [lo, hi) in ascending i, then each column gets its diagonal
///    (the occurrences) and its own row below it.
template <class Partner, class Sum>
sparse_matrix cooccurrence_buckets(const record_selection& sel, counting mode, int threads) {
    const bool frac = mode != counting::full;
    const incidence_matrix& a = sel.a;
    const index n = a.codes;
    const auto un = static_cast<std::size_t>(n);
    const index nsel = sel.size();

    // 1. per-chunk counts
    const index rchunk = std::max<index>(65536, (nsel + 15) / 16);
    const auto nrc = static_cast<std::size_t>(techconv::detail::chunk_count(nsel, rchunk));
    std::vector<index> cursor(nrc * un, 0);  // pair counts, then write cursors
    std::vector<index> occ(nrc * un, 0);
    techconv::detail::for_each_chunk(nsel, rchunk, threads, [&](index ci, index b, index e) {
        index* cnt = cursor.data() + static_cast<std::size_t>(ci) * un;
        index* oc = occ.data() + static_cast<std::size_t>(ci) * un;
        for (index s = b; s < e; ++s) {
            const index r = sel[s];
            const std::int32_t* p = a.codes_of(r);
            const index k = a.codes_of_size(r);
            for (index x = 0; x < k; ++x) {
                ++oc[p[x]];
                cnt[p[x]] += k - 1 - x;
            }
        }
    });
    // 2. bucket ranges: code-major, chunk-minor; occurrences per code
    std::vector<index> start(un + 1, 0);
    std::vector<index> diag(un, 0);
    index total = 0;
    for (std::size_t i = 0; i < un; ++i) {
        start[i] = total;
        for (std::size_t ci = 0; ci < nrc; ++ci) {
            const index k = cursor[ci * un + i];
            cursor[ci * un + i] = total;
            total += k;
            diag[i] += occ[ci * un + i];
        }
    }
    start[un] = total;
    std::vector<index>().swap(occ);
    // 3. scatter the partners (not value-initialised: every slot is written)
    const auto utotal = static_cast<std::size_t>(total);
    std::unique_ptr<Partner[]> partner(new Partner[utotal]);
    std::unique_ptr<Partner[]> kminus1(frac ? new Partner[utotal] : nullptr);
    techconv::detail::for_each_chunk(nsel, rchunk, threads, [&](index ci, index b, index e) {
        index* cur = cursor.data() + static_cast<std::size_t>(ci) * un;
        for (index s = b; s < e; ++s) {
            const index r = sel[s];
            const std::int32_t* p = a.codes_of(r);
            const index k = a.codes_of_size(r);
            for (index x = 0; x + 1 < k; ++x) {
                const auto pos = static_cast<std::size_t>(cur[p[x]]);
                Partner* out = partner.get() + pos;
                for (index y = x + 1; y < k; ++y) out[y - x - 1] = static_cast<Partner>(p[y]);
                if (frac)
                    for (index y = x + 1; y < k; ++y) kminus1[pos + static_cast<std::size_t>(y - x - 1)] = static_cast<Partner>(k - 1);
                cur[p[x]] += k - 1 - x;
            }
        }
    });
    std::vector<index>().swap(cursor);

    // 4. ranges of codes with about equal work (bucket volume + one per code)
    const index nranges = std::min<index>(n, 16);
    std::vector<index> range_begin{0};
    {
        const index work = total + n;
        index done = 0;
        for (index i = 0; i < n && static_cast<index>(range_begin.size()) < nranges; ++i) {
            done += start[static_cast<std::size_t>(i) + 1] - start[static_cast<std::size_t>(i)] + 1;
            if (done * nranges >= work * static_cast<index>(range_begin.size())) range_begin.push_back(i + 1);
        }
        while (static_cast<index>(range_begin.size()) <= nranges) range_begin.push_back(n);
    }
    // 5. numeric: row i = its partners j > i in ascending order with their sums,
    // written compactly over the consumed buckets of its range (ids) and into
    // `sums` at the same positions; up[rg * n + j] counts rows of range rg holding j.
    std::unique_ptr<Sum[]> sums(new Sum[utotal]);
    std::vector<index> row_pos(un + 1, 0), row_len(un, 0);
    std::vector<std::int32_t> up(static_cast<std::size_t>(nranges) * un, 0);
    techconv::detail::for_each_chunk(nranges, 1, threads, [&](index rg, index, index) {
        std::vector<Sum> acc(un, Sum(0));
        std::vector<std::uint64_t> bits((un + 63) / 64, 0);
        std::vector<std::int32_t> touched(un + 1);
        std::int32_t* upr = up.data() + static_cast<std::size_t>(rg) * un;
        const index i0 = range_begin[static_cast<std::size_t>(rg)], i1 = range_begin[static_cast<std::size_t>(rg) + 1];
        auto w = static_cast<std::size_t>(start[static_cast<std::size_t>(i0)]);
        for (index i = i0; i < i1; ++i) {
            const auto ii = static_cast<std::size_t>(i);
            row_pos[ii] = static_cast<index>(w);
            // branch-free first-touch list: the slot is kept only when acc[j] was 0
            std::size_t nt = 0;
            auto t0 = static_cast<std::size_t>(start[ii]);
            const auto t1 = static_cast<std::size_t>(start[ii + 1]);
            if constexpr (std::is_floating_point_v<Sum>) {
                if (frac) {
                    for (std::size_t t = t0; t < t1; ++t) {
                        const auto j = static_cast<std::size_t>(partner[t]);
                        touched[nt] = static_cast<std::int32_t>(j);
                        nt += acc[j] == Sum(0) ? 1 : 0;
                        bits[j >> 6] |= std::uint64_t{1} << (j & 63);
                        acc[j] += static_cast<Sum>(pair_weight(mode, static_cast<index>(kminus1[t]) + 1));
                    }
                    t0 = t1;  // done
                }
            }
            for (std::size_t t = t0; t < t1; ++t) {
                const auto j = static_cast<std::size_t>(partner[t]);
                touched[nt] = static_cast<std::int32_t>(j);
                nt += acc[j] == Sum(0) ? 1 : 0;
                bits[j >> 6] |= std::uint64_t{1} << (j & 63);
                acc[j] += Sum(1);
            }
            // w <= start[i]: the bucket of row i is consumed before it is overwritten
            auto emit = [&](std::size_t j) {
                partner[w] = static_cast<Partner>(j);
                sums[w] = acc[j];
                acc[j] = Sum(0);
                ++upr[j];
                ++w;
            };
            const std::size_t w0 = (ii + 1) >> 6, w1 = (un + 63) >> 6;
            if (w1 - w0 <= 2 * nt) {
                // dense row: the bitmap lists the partners in order
                for (std::size_t q = w0; q < w1; ++q) {
                    std::uint64_t m = bits[q];
                    bits[q] = 0;
                    while (m) {
                        emit((q << 6) + static_cast<std::size_t>(techconv::detail::simd::lowest_bit(m)));
                        m &= m - 1;
                    }
                }
            } else {
                // sparse row: sort the few partners
                std::sort(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(nt));
                for (std::size_t q = 0; q < nt; ++q) {
                    const auto j = static_cast<std::size_t>(touched[q]);
                    bits[j >> 6] = 0;
                    emit(j);
                }
            }
            row_len[ii] = static_cast<index>(w) - row_pos[ii];
        }
    });
    std::unique_ptr<Partner[]>().swap(kminus1);
    // 6. layout: column j = [rows i < j] [diagonal] [rows i > j = row j]
    std::vector<index> col_up(un, 0);
    index nnz = 0;
    for (std::size_t j = 0; j < un; ++j) {
        for (index rg = 0; rg < nranges; ++rg) col_up[j] += up[static_cast<std::size_t>(rg) * un + j];
        nnz += col_up[j] + (diag[j] > 0 ? 1 : 0) + row_len[j];
    }
    std::vector<std::int32_t>().swap(up);
    require_int_nnz(nnz);
    sparse_matrix c(n, n);
    c.resizeNonZeros(nnz);
    int* outer = c.outerIndexPtr();
    int* inner = c.innerIndexPtr();
    double* value = c.valuePtr();
    {
        index pos = 0;
        for (std::size_t j = 0; j <= un; ++j) {
            outer[j] = static_cast<int>(pos);
            if (j < un) pos += col_up[j] + (diag[j] > 0 ? 1 : 0) + row_len[j];
        }
    }
    // 7. assembly in blocks of columns whose write cursors stay in cache: the
    // part above the diagonal of columns [lo, hi) is gathered from the rows
    // i < hi in ascending i (each row's entries in [lo, hi) are contiguous).
    const index block = 4096;
    const index nblocks = techconv::detail::chunk_count(n, block);
    const index group = std::max<index>(1, (nblocks + 3) / 4);  // fixed groups of blocks
    techconv::detail::for_each_chunk(nblocks, group, threads, [&](index, index b0, index b1) {
        // cur[i]: next entry of row i not yet placed (rows enter as blocks advance)
        std::vector<index> cur(un, 0);
        std::vector<index> fill(static_cast<std::size_t>(block));
        const index first_lo = b0 * block;
        for (index i = 0; i < std::min(n, b1 * block); ++i) {
            const auto ii = static_cast<std::size_t>(i);
            const Partner* rb = partner.get() + row_pos[ii];
            cur[ii] = row_pos[ii];
            if (first_lo > 0) cur[ii] += std::lower_bound(rb, rb + row_len[ii], static_cast<Partner>(first_lo)) - rb;
        }
        for (index bk = b0; bk < b1; ++bk) {
            const index lo = bk * block, hi = std::min(n, lo + block);
            for (index j = lo; j < hi; ++j) fill[static_cast<std::size_t>(j - lo)] = outer[j];
            for (index i = 0; i < hi - 1; ++i) {
                const auto ii = static_cast<std::size_t>(i);
                index t = cur[ii];
                const index end = row_pos[ii] + row_len[ii];
                for (; t < end; ++t) {
                    const index j = static_cast<index>(partner[static_cast<std::size_t>(t)]);
                    if (j >= hi) break;
                    const auto q = static_cast<std::size_t>(fill[static_cast<std::size_t>(j - lo)]++);
                    inner[q] = static_cast<int>(i);
                    value[q] = static_cast<double>(sums[static_cast<std::size_t>(t)]);
                }
                cur[ii] = t;
            }
            for (index j = lo; j < hi; ++j) {
                const auto uj = static_cast<std::size_t>(j);
                auto q = static_cast<std::size_t>(fill[static_cast<std::size_t>(j - lo)]);
                if (diag[uj] > 0) {
                    inner[q] = static_cast<int>(j);
                    value[q] = static_cast<double>(diag[uj]);
                    ++q;
                }
                for (index t = row_pos[uj]; t < row_pos[uj] + row_len[uj]; ++t, ++q) {
                    inner[q] = static_cast<int>(partner[static_cast<std::size_t>(t)]);
                    value[q] = static_cast<double>(sums[static_cast<std::size_t>(t)]);
                }
            }
        }
    });
    return c;
}

/// Chooses the path: dense triangle for few codes, else buckets with 16-bit
/// partners when the code ids fit. `rows == nullptr` selects all records.
/// `sequential`: every fractional sum in record order (the dense path's one
/// part); the bucket path sums in record order anyway.
inline sparse_matrix cooccurrence_kernel(const incidence_matrix& a, const std::vector<index>* rows, counting mode,
                                         bool sequential, int threads) {
    require_ascending_rows(a, "records::cooccurrence");
    const record_selection sel{a, rows};
    const bool frac = mode != counting::full;
    if (a.codes == 0) return sparse_matrix(0, 0);
    if (a.codes <= dense_code_limit) {
        if (frac) return cooccurrence_dense<double>(sel, mode, sequential, threads);
        if (sel.size() <= static_cast<index>(UINT32_MAX))
            return cooccurrence_dense<std::uint32_t>(sel, mode, sequential, threads);
    }
    // full counting sums integers: 32 bits suffice when no pair can occur more often
    const bool narrow = !frac && sel.size() <= static_cast<index>(UINT32_MAX);
    if (a.codes <= 65536)
        return narrow ? cooccurrence_buckets<std::uint16_t, std::uint32_t>(sel, mode, threads)
                      : cooccurrence_buckets<std::uint16_t, double>(sel, mode, threads);
    return narrow ? cooccurrence_buckets<std::int32_t, std::uint32_t>(sel, mode, threads)
                  : cooccurrence_buckets<std::int32_t, double>(sel, mode, threads);
}

}  // namespace detail
}  // namespace records
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_DETAIL_COOCCURRENCE_KERNEL_HPP_
