// SPDX-License-Identifier: BSL-1.0
//
// Streaming entropy weighting: consume the matrix as row chunks (e.g. read
// from a file larger than memory), in two passes: pass 1 gathers the
// mergeable column statistics, pass 2 scores each chunk. Count data and
// columns with minimum 0 need nothing more; otherwise an entropy pass
// (a log per element) sits between them.
#ifndef TECHCONV_WEIGHTING_STREAM_HPP_
#define TECHCONV_WEIGHTING_STREAM_HPP_

#include <utility>  // std::move
#include <vector>   // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/entropy.hpp"
#include "techconv/weighting/score.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {

/// \brief Entropy weights and scores over a matrix given as row chunks.
///
/// Use:
/// 1. add_statistics(chunk) for every chunk, in row order (pass 1);
/// 2. if needs_entropy_pass(): add_entropy(chunk) for every chunk, in row order;
/// 3. weights() finishes the entropy weights;
/// 4. scores_into(chunk, out) for every chunk (pass 2; any order, any thread).
///
/// Results equal entropy_weights(x, opts) up to rounding; they are
/// bit-identical to it when every chunk except the last holds a multiple of
/// opts.chunk_rows rows (then the chunk boundaries, and so the merge order,
/// are the same). Memory: O(m (chunks + dense_limit)), independent of n.
/// Not safe for concurrent writers; scores_into is const and may run concurrently.
///
/// \code
/// techconv::weighting::entropy_stream s(9);
/// for (auto& chunk : file_chunks()) s.add_statistics(chunk);      // pass 1
/// if (s.needs_entropy_pass()) for (auto& chunk : file_chunks()) s.add_entropy(chunk);
/// const auto& w = s.weights();
/// for (auto& chunk : file_chunks()) s.scores_into(chunk, out.segment(chunk_begin, chunk.rows()));  // pass 2
/// \endcode
class entropy_stream {
public:
    /// \brief A stream over `columns` indicators.
    /// \param columns  m
    /// \param opts     entropy policies; threads and chunk_rows apply within each chunk
    /// \throws invalid_argument on bad options.
    explicit entropy_stream(index columns, const entropy_options& opts = {})
        : opts_(opts), stats_(columns, detail::entropy_stats_options(opts)) {
        detail::check_entropy_options(opts, columns);
    }

    /// \brief Pass 1: adds a chunk of rows (the next rows of the matrix).
    /// \throws invalid_argument on a column-count mismatch, NaN/Inf (row
    ///         numbers count from the first chunk), or after weights().
    template <class Derived>
    void add_statistics(const Eigen::DenseBase<Derived>& rows) {
        techconv::detail::require(!finished_, "entropy_stream: add_statistics after weights()");
        detail::with_view(rows, [&](const auto& v) {
            techconv::detail::require(v.cols == stats_.cols(), "entropy_stream: column count mismatch");
            const index chunks = techconv::detail::chunk_count(v.rows, opts_.chunk_rows);
            std::vector<column_stats> parts(static_cast<std::size_t>(chunks),
                                            column_stats(v.cols, stats_.options()));
            techconv::detail::for_each_chunk(v.rows, opts_.chunk_rows, opts_.threads, [&](index c, index b, index e) {
                parts[static_cast<std::size_t>(c)].add_view(v, b, e, next_row_);
            });
            for (const column_stats& p : parts) stats_.merge(p);
            next_row_ += v.rows;
        });
    }

    /// \brief Whether some column needs the entropy pass (real-valued data
    /// whose normalised value is not a multiple of the raw value: minimum
    /// not 0, cost direction, or a shift). Call after pass 1.
    bool needs_entropy_pass() {
        plan();
        return !plan_.pass.empty();
    }

    /// \brief The optional middle pass: adds a chunk of rows, in the same
    /// order as pass 1.
    /// \throws invalid_argument if no entropy pass is needed, or after weights().
    template <class Derived>
    void add_entropy(const Eigen::DenseBase<Derived>& rows) {
        plan();
        techconv::detail::require(!finished_ && !plan_.pass.empty(),
                                  "entropy_stream: add_entropy when no entropy pass is needed, or after weights()");
        detail::with_view(rows, [&](const auto& v) {
            techconv::detail::require(v.cols == stats_.cols(), "entropy_stream: column count mismatch");
            const std::size_t k = plan_.pass.size();
            const index chunks = techconv::detail::chunk_count(v.rows, opts_.chunk_rows);
            std::vector<double> part(static_cast<std::size_t>(chunks) * 2 * k, 0.0);
            techconv::detail::for_each_chunk(v.rows, opts_.chunk_rows, opts_.threads, [&](index c, index b, index e) {
                thread_local std::vector<double> tile;
                double* t = part.data() + static_cast<std::size_t>(c) * 2 * k;
                detail::entropy_pass_chunk(v, b, e, plan_, t, t + k, tile);
            });
            if (pass_t_.empty()) {
                pass_t_.assign(k, 0.0);
                pass_s_.assign(k, 0.0);
            }
            for (index c = 0; c < chunks; ++c)
                for (std::size_t q = 0; q < k; ++q) {
                    pass_t_[q] += part[static_cast<std::size_t>(c) * 2 * k + q];
                    pass_s_[q] += part[static_cast<std::size_t>(c) * 2 * k + k + q];
                }
            entropy_rows_ += v.rows;
        });
    }

    /// \brief Finishes the weights (after pass 1 and, if needed, the entropy pass).
    /// \returns the same fields as entropy_weights(x).
    /// \throws invalid_argument if the entropy pass was needed but did not
    ///         cover the rows of pass 1.
    const entropy_result& weights() {
        if (finished_) return result_;
        plan();
        if (!plan_.pass.empty()) {
            techconv::detail::require(entropy_rows_ == next_row_,
                                      "entropy_stream: the entropy pass must cover the same rows as pass 1");
            detail::apply_pass(plan_, pass_t_, pass_s_);
        }
        result_ = detail::finish_entropy(std::move(plan_), opts_);
        score_ = make_linear_score(result_.weights, result_.map);
        finished_ = true;
        return result_;
    }

    /// \brief Pass 2: scores of a chunk of rows into `out` (one per row).
    /// \throws invalid_argument before weights(), or on a size mismatch.
    template <class Derived>
    void scores_into(const Eigen::DenseBase<Derived>& rows, Eigen::Ref<vector> out) const {
        techconv::detail::require(finished_, "entropy_stream: scores_into before weights()");
        techconv::detail::require(out.size() == rows.rows() && rows.cols() == stats_.cols(),
                                  "entropy_stream::scores_into: size mismatch");
        const vector offsets = vector::Constant(1, score_.offset);
        Eigen::Map<matrix> o(out.data(), out.size(), 1);
        score_options so;
        so.threads = opts_.threads;
        so.chunk_rows = opts_.chunk_rows;
        linear_scores_into(rows, score_.coefficients, o, offsets, so);
    }

    /// The statistics of pass 1.
    const column_stats& statistics() const noexcept { return stats_; }
    /// Rows seen in pass 1.
    index rows() const noexcept { return next_row_; }

private:
    void plan() {
        if (!planned_ && !finished_) {
            plan_ = detail::plan_entropy(stats_, opts_);
            planned_ = true;
        }
    }

    entropy_options opts_;
    column_stats stats_;
    index next_row_ = 0;
    index entropy_rows_ = 0;
    bool planned_ = false;
    bool finished_ = false;
    detail::entropy_plan plan_;
    std::vector<double> pass_t_, pass_s_;
    entropy_result result_;
    linear_score score_;
};

}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_STREAM_HPP_
