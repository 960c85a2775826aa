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

#include "techconv/cograph/incidence.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/parallel/serialize.hpp"
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

}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_COOCCURRENCE_HPP_
