// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// analysis::weigh_table over the rows of a table spread across MPI ranks, as
// `mpirun -np N techconv weights` runs it: the weights from the mergeable column statistics
// and chunk partial states of parallel::mpi (weighting.hpp), the scores of each rank's rows
// and their global ranks, bit-identical to the single-process result.
#ifndef TECHCONV_PARALLEL_MPI_TABLE_WEIGHTS_HPP_
#define TECHCONV_PARALLEL_MPI_TABLE_WEIGHTS_HPP_

#include <mpi.h>

#include <utility>  // std::move

#include <Eigen/Core>

#include "techconv/analysis/table_weights.hpp"
#include "techconv/config.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/mpi/weighting.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"
#include "techconv/weighting/normalize.hpp"
#include "techconv/weighting/objective.hpp"
#include "techconv/weighting/top_k.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {

namespace detail {

/// The kernels of analysis::weigh_table over the rows of all ranks (analysis::
/// weigh_table_with runs the same steps with them as with the one-process kernels).
struct rank_table_kernels {
    MPI_Comm comm;
    template <class D>
    auto key_core(const Eigen::DenseBase<D>& x, const weighting::key_core_options& o) const {
        return parallel::mpi::key_core(x, comm, o);
    }
    template <class D>
    weighting::objective_result objective(analysis::weight_method m, const Eigen::DenseBase<D>& x,
                                          const weighting::objective_options& o) const {
        switch (m) {
            case analysis::weight_method::critic: return parallel::mpi::critic_weights(x, comm, o);
            case analysis::weight_method::std_dev: return parallel::mpi::std_dev_weights(x, comm, o);
            case analysis::weight_method::cv: return parallel::mpi::cv_weights(x, comm, o);
            default: return parallel::mpi::merec_weights(x, comm, o);
        }
    }
    /// each row scored with the min-max map of the global column minima and maxima
    /// (global_column_stats), as weighting::normalize maps it
    template <class D>
    vector scores(const Eigen::DenseBase<D>& x, const weighting::normalize_options& no, const vector& w) const {
        weighting::column_stats_options so;  // what weighting::normalize accumulates
        so.histogram = false;
        so.xlogx = false;
        const weighting::column_stats st = global_column_stats(x, comm, so);
        matrix z(x.rows(), x.cols());
        weighting::normalize_into(x, z, weighting::make_normalization_map(st, no));
        return z * w;
    }
    index_vector ranks(const vector& s) const { return parallel::mpi::ranks(s, comm); }
    index total_rows(index rows) const { return global_rows(rows, comm).total; }
};

}  // namespace detail

/// \brief analysis::weigh_table over rows spread across ranks (each rank's rows consecutive
/// in rank order; a rank may hold none). Every field equals analysis::weigh_table of all the
/// rows, bit for bit: `weights`, `entropy`, `k`, `info` and `degenerate_columns` (global, the
/// same on every rank), and `scores` and `ranks` restricted to this rank's rows (the ranks
/// global, 1-based). The same steps as one process (analysis::weigh_table_with) with
/// the kernels over ranks: the entropy method is mpi::key_core (as weighting::key_core is for
/// one process); the others mpi::critic_weights, std_dev_weights, cv_weights or
/// merec_weights, then each row scored with the min-max map of the global column minima and
/// maxima (mpi::global_column_stats). Collective.
/// Communication: the boundary rows of the chunk alignment, allgathers of the partial
/// states (O(chunks x columns) bytes), and the global ranks (mpi::ranks).
/// \throws as analysis::weigh_table, on every rank.
template <class Derived>
analysis::table_weight_result weigh_table(const Eigen::DenseBase<Derived>& x, MPI_Comm comm,
                                          const analysis::table_weight_options& opts = {}) {
    return analysis::weigh_table_with(x, opts, detail::rank_table_kernels{comm});
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_TABLE_WEIGHTS_HPP_
