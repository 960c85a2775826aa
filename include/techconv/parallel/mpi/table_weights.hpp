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

/// \brief analysis::weigh_table over rows spread across ranks (each rank's rows consecutive
/// in rank order; a rank may hold none). Every field equals analysis::weigh_table of all the
/// rows, bit for bit: `weights`, `entropy`, `k`, `info` and `degenerate_columns` (global, the
/// same on every rank), and `scores` and `ranks` restricted to this rank's rows (the ranks
/// global, 1-based). The entropy method is mpi::key_core (as weighting::key_core is for one
/// process); the others mpi::critic_weights, std_dev_weights, cv_weights or merec_weights,
/// then each row scored with the min-max map of the global column minima and maxima
/// (mpi::global_column_stats), as weighting::normalize maps it. Collective.
/// Communication: the boundary rows of the chunk alignment, allgathers of the partial
/// states (O(chunks x columns) bytes), and the global ranks (mpi::ranks).
/// \throws as analysis::weigh_table, on every rank.
template <class Derived>
analysis::table_weight_result weigh_table(const Eigen::DenseBase<Derived>& x, MPI_Comm comm,
                                          const analysis::table_weight_options& opts = {}) {
    analysis::table_weight_result out;
    if (opts.method == analysis::weight_method::entropy) {
        weighting::key_core_options ko;
        ko.fraction = opts.fraction;
        ko.entropy.directions = opts.directions;
        ko.entropy.threads = opts.threads;
        auto kc = key_core(x, comm, ko);
        out.weights = std::move(kc.weighting.weights);
        out.entropy = std::move(kc.weighting.entropy);
        out.scores = std::move(kc.scores);
        out.info = kc.weighting.info;
        out.degenerate_columns = std::move(kc.weighting.degenerate_columns);
    } else {
        weighting::objective_options oo;
        oo.directions = opts.directions;
        oo.threads = opts.threads;
        weighting::objective_result res;
        switch (opts.method) {
            case analysis::weight_method::critic: res = critic_weights(x, comm, oo); break;
            case analysis::weight_method::std_dev: res = std_dev_weights(x, comm, oo); break;
            case analysis::weight_method::cv: res = cv_weights(x, comm, oo); break;
            default: res = merec_weights(x, comm, oo); break;
        }
        out.weights = std::move(res.weights);
        out.info = res.info;
        out.degenerate_columns = std::move(res.degenerate_columns);
        weighting::normalize_options no;
        no.directions = opts.directions;
        weighting::column_stats_options so;  // what weighting::normalize accumulates
        so.histogram = false;
        so.xlogx = false;
        const weighting::column_stats st = global_column_stats(x, comm, so);
        matrix z(x.rows(), x.cols());
        weighting::normalize_into(x, z, weighting::make_normalization_map(st, no));
        out.scores = z * out.weights;
    }
    out.ranks = ranks(out.scores, comm);
    out.k = weighting::top_count(global_rows(x.rows(), comm).total, opts.fraction);
    return out;
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_TABLE_WEIGHTS_HPP_
