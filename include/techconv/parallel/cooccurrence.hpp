// SPDX-License-Identifier: BSL-1.0
//
// Sparse co-occurrence counts (cograph::cooccurrence, C = A^T A) over
// records split across processes: a global code dictionary (the sorted union
// of the processes' keys, as one incidence_builder numbers them), local
// incidences re-keyed to it, and a serial form of the sparse counts. With
// full counting every entry is an integer below 2^53, so partial matrices add
// up exactly in any order: the merged counts equal the single-process matrix
// bit for bit. Transport-free: techconv/parallel/mpi.hpp moves the bytes.
#ifndef TECHCONV_PARALLEL_COOCCURRENCE_HPP_
#define TECHCONV_PARALLEL_COOCCURRENCE_HPP_

#include <algorithm>  // std::sort, std::unique, std::lower_bound
#include <cstdint>    // std::int32_t, std::int64_t
#include <string>     // std::string, std::to_string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <Eigen/SparseCore>

#include "techconv/cograph/cooccurrence.hpp"
#include "techconv/cograph/incidence.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {

/// \brief The code dictionary of all processes: the sorted union of their
/// keys (incidence_builder numbers codes in ascending key order).
/// \param per_rank  each process's incidence labels (each ascending)
/// \returns the global labels, ascending and unique.
/// Complexity: O(L log L) for L labels in total.
inline std::vector<std::string> merge_code_labels(const std::vector<std::vector<std::string>>& per_rank) {
    std::vector<std::string> all;
    for (const auto& l : per_rank) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
}

/// \brief The incidence `local` with code ids of the global dictionary.
/// \param local   this process's incidence (labels ascending)
/// \param labels  merge_code_labels() of all processes
/// \returns the records x labels.size() incidence (rows stay ascending: the
///          re-keying keeps the key order).
/// \throws invalid_argument if a local label is not in `labels`.
/// Complexity: O(codes log labels + nnz).
inline cograph::incidence_matrix with_code_labels(const cograph::incidence<std::string>& local,
                                                  const std::vector<std::string>& labels) {
    std::vector<std::int32_t> map(local.labels.size());
    for (std::size_t i = 0; i < map.size(); ++i) {
        const auto it = std::lower_bound(labels.begin(), labels.end(), local.labels[i]);
        techconv::detail::require(it != labels.end() && *it == local.labels[i],
                                  "with_code_labels: code '" + local.labels[i] + "' is not in the global dictionary");
        map[i] = static_cast<std::int32_t>(it - labels.begin());
    }
    cograph::incidence_matrix out;
    out.records = local.records;
    out.codes = static_cast<index>(labels.size());
    out.record_offsets = local.record_offsets;
    out.code_ids.reserve(local.code_ids.size());
    for (const std::int32_t c : local.code_ids) out.code_ids.push_back(map[static_cast<std::size_t>(c)]);
    return out;
}

/// \brief Encodes a sparse matrix: rows, cols (i64), stored entries (u64),
/// then (row i64, col i64, value f64) in column-major order.
inline void write(byte_writer& w, const Eigen::SparseMatrix<double>& m) {
    w.i64(m.rows());
    w.i64(m.cols());
    w.u64(static_cast<std::uint64_t>(m.nonZeros()));
    for (index k = 0; k < m.outerSize(); ++k)
        for (Eigen::SparseMatrix<double>::InnerIterator it(m, k); it; ++it) {
            w.i64(it.row());
            w.i64(it.col());
            w.f64(it.value());
        }
}

/// \brief Decodes a sparse matrix written by write() (compressed).
/// \throws parse_error on entries outside the shape, out of order, or truncation.
inline Eigen::SparseMatrix<double> read_sparse(byte_reader& r) {
    const std::int64_t rows = r.i64("rows"), cols = r.i64("cols");
    if (rows < 0 || cols < 0 || rows > INT32_MAX || cols > INT32_MAX)
        r.fail(error_code::out_of_range, "shape", "impossible sparse shape");
    const std::uint64_t nnz = r.count(24, "entries");
    std::vector<Eigen::Triplet<double>> t;
    t.reserve(static_cast<std::size_t>(nnz));
    std::int64_t pr = -1, pc = -1;
    for (std::uint64_t k = 0; k < nnz; ++k) {
        const std::int64_t i = r.i64("row"), j = r.i64("col");
        const double v = r.f64("value");
        if (i < 0 || j < 0 || i >= rows || j >= cols || j < pc || (j == pc && i <= pr))
            r.fail(error_code::out_of_range, "entry",
                   "entry (" + std::to_string(i) + ", " + std::to_string(j) + ") outside the shape or out of order");
        pr = i;
        pc = j;
        t.emplace_back(static_cast<index>(i), static_cast<index>(j), v);
    }
    Eigen::SparseMatrix<double> m(static_cast<index>(rows), static_cast<index>(cols));
    m.setFromTriplets(t.begin(), t.end());
    m.makeCompressed();
    return m;
}

/// \brief Exact sum of integer-valued co-occurrence matrices (a monoid for full counting).
class cooccurrence_sum {
public:
    /// The identity (0 x 0).
    cooccurrence_sum() = default;
    /// Holds `m` (integer-valued, as full counting produces).
    explicit cooccurrence_sum(Eigen::SparseMatrix<double> m) : m_(std::move(m)) {}
    /// \brief Adds another partial matrix of the same shape.
    /// \throws invalid_argument if the shapes differ.
    void merge(const cooccurrence_sum& o) {
        if (o.m_.rows() == 0 && o.m_.cols() == 0) return;
        if (m_.rows() == 0 && m_.cols() == 0) {
            m_ = o.m_;
            return;
        }
        techconv::detail::require(o.m_.rows() == m_.rows() && o.m_.cols() == m_.cols(),
                                  "cooccurrence_sum::merge: shapes differ");
        m_ = m_ + o.m_;
        m_.makeCompressed();
    }
    /// The summed counts.
    const Eigen::SparseMatrix<double>& matrix() const noexcept { return m_; }
    /// \brief Serial form: the sparse matrix.
    friend void write(byte_writer& w, const cooccurrence_sum& s) { parallel::write(w, s.m_); }
    /// \brief Decodes the serial form.
    static cooccurrence_sum read(byte_reader& r) { return cooccurrence_sum(read_sparse(r)); }

private:
    Eigen::SparseMatrix<double> m_;
};

/// \brief Rows [begin, end) of the upper triangle of a co-occurrence matrix
/// (diagonal apart): the unit the distributed co-occurrence passes between
/// processes.
///
/// Row i holds its occurrences diag[i - begin] (C_ii) and its entries
/// C_ij, j > i, with ascending j. A row with no occurrence has diag 0 and no
/// entries (cograph::cooccurrence stores nothing for an absent code).
struct cooccurrence_rows {
    index begin = 0;                  ///< first row
    index end = 0;                    ///< one past the last row
    index codes = 0;                  ///< order of the whole matrix
    std::vector<double> diag;         ///< C_ii of each row (end - begin values)
    std::vector<index> offsets{0};    ///< row i's entries are [offsets[i - begin], offsets[i - begin + 1])
    std::vector<std::int32_t> cols;   ///< column j > i of each entry, ascending per row
    std::vector<double> vals;         ///< C_ij of each entry

    /// An empty block of rows [b, e) of an n x n matrix (all rows absent).
    static cooccurrence_rows empty(index b, index e, index n) {
        cooccurrence_rows r;
        r.begin = b;
        r.end = e;
        r.codes = n;
        r.diag.assign(static_cast<std::size_t>(e - b), 0.0);
        r.offsets.assign(static_cast<std::size_t>(e - b) + 1, 0);
        return r;
    }
    /// \brief Rows [b, e) of the upper triangle of a symmetric matrix `c`
    /// (both triangles stored, as cograph::cooccurrence returns it).
    static cooccurrence_rows of(const Eigen::SparseMatrix<double>& c, index b, index e) {
        cooccurrence_rows r = empty(b, e, c.rows());
        for (index i = b; i < e; ++i) {  // column i holds row i by symmetry
            for (Eigen::SparseMatrix<double>::InnerIterator it(c, i); it; ++it) {
                if (it.row() == i) r.diag[static_cast<std::size_t>(i - b)] = it.value();
                else if (it.row() > i) {
                    r.cols.push_back(static_cast<std::int32_t>(it.row()));
                    r.vals.push_back(it.value());
                }
            }
            r.offsets[static_cast<std::size_t>(i - b) + 1] = static_cast<index>(r.cols.size());
        }
        return r;
    }
    /// \brief Adds the rows of `o` (same range; exact for integer counts, whose sums do not depend on order).
    /// \throws invalid_argument if the ranges differ.
    void add(const cooccurrence_rows& o) {
        techconv::detail::require(o.begin == begin && o.end == end && o.codes == codes,
                                  "cooccurrence_rows::add: ranges differ");
        cooccurrence_rows m = empty(begin, end, codes);
        for (std::size_t i = 0; i < diag.size(); ++i) {
            m.diag[i] = diag[i] + o.diag[i];
            auto a = static_cast<std::size_t>(offsets[i]), ae = static_cast<std::size_t>(offsets[i + 1]);
            auto b = static_cast<std::size_t>(o.offsets[i]), be = static_cast<std::size_t>(o.offsets[i + 1]);
            while (a < ae || b < be) {
                if (b == be || (a < ae && cols[a] < o.cols[b])) {
                    m.cols.push_back(cols[a]);
                    m.vals.push_back(vals[a++]);
                } else if (a == ae || o.cols[b] < cols[a]) {
                    m.cols.push_back(o.cols[b]);
                    m.vals.push_back(o.vals[b++]);
                } else {
                    m.cols.push_back(cols[a]);
                    m.vals.push_back(vals[a++] + o.vals[b++]);
                }
            }
            m.offsets[i + 1] = static_cast<index>(m.cols.size());
        }
        *this = std::move(m);
    }
    /// \brief Serial form: begin, end, codes (i64), the diagonal (f64 each),
    /// then per row its entry count (u32) and (column u32, value f64) entries.
    friend void write(byte_writer& w, const cooccurrence_rows& r) {
        w.i64(r.begin);
        w.i64(r.end);
        w.i64(r.codes);
        for (const double d : r.diag) w.f64(d);
        for (std::size_t i = 0; i + 1 < r.offsets.size(); ++i) {
            w.u32(static_cast<std::uint32_t>(r.offsets[i + 1] - r.offsets[i]));
            for (auto k = static_cast<std::size_t>(r.offsets[i]); k < static_cast<std::size_t>(r.offsets[i + 1]); ++k) {
                w.u32(static_cast<std::uint32_t>(r.cols[k]));
                w.f64(r.vals[k]);
            }
        }
    }
    /// \brief Decodes the serial form.
    /// \throws parse_error on an impossible range, truncation, or columns not ascending above the diagonal.
    static cooccurrence_rows read(byte_reader& r) {
        const std::int64_t b = r.i64("begin"), e = r.i64("end"), n = r.i64("codes");
        if (b < 0 || e < b || n < e || n > INT32_MAX || static_cast<std::uint64_t>(e - b) > r.remaining() / 12)
            r.fail(error_code::out_of_range, "rows", "impossible row range");
        cooccurrence_rows out = empty(static_cast<index>(b), static_cast<index>(e), static_cast<index>(n));
        for (auto& d : out.diag) d = r.f64("diagonal");
        for (index i = out.begin; i < out.end; ++i) {
            const std::uint32_t k = r.u32("row entries");
            if (static_cast<std::uint64_t>(k) * 12 > r.remaining()) r.fail(error_code::truncated, "row entries", "row longer than the message");
            std::int64_t prev = i;
            for (std::uint32_t q = 0; q < k; ++q) {
                const std::uint32_t j = r.u32("column");
                if (static_cast<std::int64_t>(j) <= prev || static_cast<std::int64_t>(j) >= n)
                    r.fail(error_code::out_of_range, "column", "columns must ascend above the diagonal");
                prev = j;
                out.cols.push_back(static_cast<std::int32_t>(j));
                out.vals.push_back(r.f64("value"));
            }
            out.offsets[static_cast<std::size_t>(i - out.begin) + 1] = static_cast<index>(out.cols.size());
        }
        return out;
    }
};

/// \brief The symmetric matrix (both triangles and the diagonal, compressed)
/// of row blocks that together cover rows [0, n) once.
/// \throws invalid_argument if the blocks overlap or leave a row out.
/// Complexity: O(nnz log nnz).
inline Eigen::SparseMatrix<double> assemble(const std::vector<cooccurrence_rows>& blocks, index n) {
    std::vector<Eigen::Triplet<double>> t;
    index covered = 0;
    for (const auto& b : blocks) {
        techconv::detail::require(b.codes == n, "assemble: block of another matrix");
        covered += b.end - b.begin;
        for (index i = b.begin; i < b.end; ++i) {
            const auto u = static_cast<std::size_t>(i - b.begin);
            if (b.diag[u] == 0.0) continue;
            t.emplace_back(i, i, b.diag[u]);
            for (auto k = static_cast<std::size_t>(b.offsets[u]); k < static_cast<std::size_t>(b.offsets[u + 1]); ++k) {
                t.emplace_back(i, b.cols[k], b.vals[k]);
                t.emplace_back(b.cols[k], i, b.vals[k]);
            }
        }
    }
    techconv::detail::require(covered == n, "assemble: the blocks do not cover every row once");
    Eigen::SparseMatrix<double> c(n, n);
    c.setFromTriplets(t.begin(), t.end());
    c.makeCompressed();
    return c;
}

/// \brief The contributions of one process's records to a co-occurrence
/// matrix, kept per row in record order, so that they can CONTINUE the sums
/// of the records before them (an ordered scan).
///
/// Needed for the fractional modes: an entry is the floating-point sum, in
/// record order, of records::pair_weight over the records holding both codes (as
/// cograph::cooccurrence forms it); it cannot be split into partial sums
/// without changing the last bits, but it can be continued: the running
/// sums of all records before this process's, plus this process's terms in
/// order, give exactly the single-process value. Full counting continues the
/// same way (its sums are exact anyway).
class cooccurrence_stream {
public:
    /// \brief Buckets the pairs of every record of `a` by their smaller code (record order kept).
    /// \param a       this process's records with global code ids, rows ascending (row_order::ascending)
    /// \param method  any records::counting mode
    /// \throws invalid_argument if `a.order` is row_order::as_given (records::require_ascending_rows,
    ///         the rule of records::cooccurrence: each record's pairs are bucketed by their smaller id).
    /// Complexity: O(nnz(a) + pairs) time, 8 bytes per pair.
    cooccurrence_stream(const cograph::incidence_matrix& a, records::counting method)
        : codes_(a.codes), mode_(method), frac_(method != records::counting::full) {
        records::require_ascending_rows(a, "parallel::cooccurrence_stream");
        const auto n = static_cast<std::size_t>(a.codes);
        occ_.assign(n, 0);
        start_.assign(n + 1, 0);
        for (index r = 0; r < a.records; ++r) {
            const std::int32_t* p = a.codes_of(r);
            const index k = a.codes_of_size(r);
            for (index x = 0; x < k; ++x) {
                ++occ_[static_cast<std::size_t>(p[x])];
                start_[static_cast<std::size_t>(p[x]) + 1] += k - 1 - x;
            }
        }
        for (std::size_t i = 0; i < n; ++i) start_[i + 1] += start_[i];
        std::vector<index> cur(start_.begin(), start_.end() - 1);
        partner_.resize(static_cast<std::size_t>(start_[n]));
        size_.resize(frac_ ? partner_.size() : 0);
        for (index r = 0; r < a.records; ++r) {
            const std::int32_t* p = a.codes_of(r);
            const index k = a.codes_of_size(r);
            for (index x = 0; x + 1 < k; ++x) {
                auto& pos = cur[static_cast<std::size_t>(p[x])];
                for (index y = x + 1; y < k; ++y) {
                    partner_[static_cast<std::size_t>(pos)] = p[y];
                    if (frac_) size_[static_cast<std::size_t>(pos)] = static_cast<std::uint32_t>(k);
                    ++pos;
                }
            }
        }
    }

    /// \brief Continues the running sums of rows [before.begin, before.end)
    /// with this process's records: the result is the block after all
    /// records before this process's and this process's own.
    /// \param before  the block after the records before (cooccurrence_rows::empty for the first process)
    /// \returns the continued block.
    /// \throws invalid_argument if the block is of another matrix.
    /// Complexity: O(entries of the block + this process's pairs in it), one dense accumulator of `codes` doubles.
    cooccurrence_rows continue_rows(const cooccurrence_rows& before) const {
        techconv::detail::require(before.codes == codes_, "cooccurrence_stream: block of another matrix");
        cooccurrence_rows out = cooccurrence_rows::empty(before.begin, before.end, codes_);
        std::vector<double> acc(static_cast<std::size_t>(codes_), 0.0);
        std::vector<char> seen(static_cast<std::size_t>(codes_), 0);
        std::vector<std::int32_t> touched;
        for (index i = before.begin; i < before.end; ++i) {
            const auto u = static_cast<std::size_t>(i - before.begin);
            const auto ii = static_cast<std::size_t>(i);
            out.diag[u] = before.diag[u] + static_cast<double>(occ_[ii]);
            touched.clear();
            for (auto k = static_cast<std::size_t>(before.offsets[u]); k < static_cast<std::size_t>(before.offsets[u + 1]); ++k) {
                const auto j = static_cast<std::size_t>(before.cols[k]);
                acc[j] = before.vals[k];
                seen[j] = 1;
                touched.push_back(before.cols[k]);
            }
            const std::size_t carried = touched.size();
            for (auto t = static_cast<std::size_t>(start_[ii]); t < static_cast<std::size_t>(start_[ii + 1]); ++t) {
                const auto j = static_cast<std::size_t>(partner_[t]);
                if (!seen[j]) {
                    seen[j] = 1;
                    touched.push_back(partner_[t]);
                }
                acc[j] += frac_ ? records::pair_weight(mode_, static_cast<index>(size_[t])) : 1.0;
            }
            if (touched.size() > carried) std::sort(touched.begin(), touched.end());
            for (const std::int32_t j : touched) {
                out.cols.push_back(j);
                out.vals.push_back(acc[static_cast<std::size_t>(j)]);
                acc[static_cast<std::size_t>(j)] = 0.0;
                seen[static_cast<std::size_t>(j)] = 0;
            }
            out.offsets[u + 1] = static_cast<index>(out.cols.size());
        }
        return out;
    }

    /// Order of the matrix (global codes).
    index codes() const noexcept { return codes_; }
    /// Code pairs held (sum over records of k (k - 1) / 2).
    index pairs() const noexcept { return static_cast<index>(partner_.size()); }

private:
    index codes_ = 0;
    records::counting mode_ = records::counting::full;
    bool frac_ = false;
    std::vector<index> occ_, start_;
    std::vector<std::int32_t> partner_;
    std::vector<std::uint32_t> size_;
};

}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_COOCCURRENCE_HPP_
