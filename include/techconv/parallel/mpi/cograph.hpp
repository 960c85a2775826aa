// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// The co-occurrence matrix of records spread over MPI ranks, bit-identical to
// cograph::cooccurrence over all records (every records::counting mode).
#ifndef TECHCONV_PARALLEL_MPI_COGRAPH_HPP_
#define TECHCONV_PARALLEL_MPI_COGRAPH_HPP_

#include <mpi.h>

#include <cstdint>  // std::int64_t, std::uint64_t
#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "techconv/cograph/cooccurrence.hpp"
#include "techconv/cograph/incidence.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/parallel/cooccurrence.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {

/// \brief A co-occurrence matrix over all ranks' records and its code dictionary.
struct cooccurrence_result {
    std::vector<std::string> labels;  ///< code of each id, ascending (as one incidence_builder numbers them)
    cograph::sparse_matrix counts;    ///< C = A^T A: co-occurrences off the diagonal, occurrences on it
};

/// \brief Options of mpi::cooccurrence (the MPI side; the counting is in cograph::cooccurrence_options).
struct cooccurrence_options {
    index blocks_per_rank = 8;  ///< fractional modes: row blocks per rank in the pipeline (>= 1)
};

/// \brief Deprecated name of mpi::cooccurrence_options.
using cooccurrence_mpi_options [[deprecated("use techconv::parallel::mpi::cooccurrence_options")]] = cooccurrence_options;

/// \brief cograph::cooccurrence over records spread across ranks (rank
/// order = record order), identical bit for bit to the single-process
/// matrix of all records, for every records::counting mode. Collective.
///
/// The code dictionaries are merged (sorted union) and each rank re-keys its
/// incidence to the global ids. Then:
/// - full counting (integer entries, exact in any order): each rank counts
///   its records (cograph::cooccurrence), splits the upper triangle into P
///   row ranges and sends range q to rank q (MPI_Alltoallv: a
///   reduce-scatter); rank q adds the P partials of its range; the final
///   ranges are allgathered. Bytes per rank: its partial out, about |C|/P
///   per partner in, and |C| in the allgather: O(|C|), not O(P |C|).
/// - the fractional modes: an entry is the record-order floating-point sum of
///   records::pair_weight, which partial sums would change in the last bits. The ranks
///   continue each other's sums instead (parallel::cooccurrence_stream): the
///   rows are cut into blocks, block b goes from rank 0 to rank P - 1, each
///   rank adding its records' terms in record order, and a rank works on
///   block b while the next rank works on block b - 1 (a pipeline). The last
///   rank broadcasts the result. Bytes per rank: |C| in, |C| out, and the
///   broadcast.
/// \param local  this rank's incidence (string keys)
/// \param comm   the communicator
/// \param opts   counting and threads per rank (threads: full counting's local product)
/// \param mopts  pipeline granularity
/// \returns the global dictionary and matrix, on every rank.
/// \throws invalid_argument if mopts.blocks_per_rank < 1.
/// Complexity: as cograph::cooccurrence on the local records, plus O(|C|)
/// merging; the fractional pipeline's critical path is the slowest rank's
/// share plus (P - 1) blocks.
inline cooccurrence_result cooccurrence(const cograph::incidence<std::string>& local, MPI_Comm comm,
                                        const cograph::cooccurrence_options& opts = {},
                                        const cooccurrence_options& mopts = {}) {
    techconv::detail::require(mopts.blocks_per_rank >= 1, "mpi::cooccurrence: blocks_per_rank must be >= 1");
    const int p = size(comm), me = rank(comm);
    cooccurrence_result out;
    out.labels = merge_code_labels(allgather_labels(local.labels, comm));
    const cograph::incidence_matrix a = with_code_labels(local, out.labels);
    const auto n = static_cast<index>(out.labels.size());
    std::vector<cooccurrence_rows> blocks;
    if (opts.method == records::counting::full) {
        const cograph::sparse_matrix c = cograph::cooccurrence(a, opts);
        std::vector<std::vector<unsigned char>> msg(static_cast<std::size_t>(p));
        for (int q = 0; q < p; ++q) {
            const auto [b, e] = detail::code_range(n, q, p);
            msg[static_cast<std::size_t>(q)] = to_bytes(serial_type::cooccurrence_rows, cooccurrence_rows::of(c, b, e));
        }
        const auto got = alltoall_bytes(msg, comm);
        const auto [mb, me_] = detail::code_range(n, me, p);
        cooccurrence_rows mine = cooccurrence_rows::empty(mb, me_, n);
        for (int q = 0; q < p; ++q)
            mine.add(detail::decode<cooccurrence_rows>(got[static_cast<std::size_t>(q)], serial_type::cooccurrence_rows,
                                                       cooccurrence_rows::read, "rank " + std::to_string(q)));
        const auto all = allgather_bytes(to_bytes(serial_type::cooccurrence_rows, mine), comm);
        for (int q = 0; q < p; ++q)
            blocks.push_back(detail::decode<cooccurrence_rows>(all[static_cast<std::size_t>(q)], serial_type::cooccurrence_rows,
                                                               cooccurrence_rows::read, "rank " + std::to_string(q)));
    } else {
        const cooccurrence_stream stream(a, opts.method);
        const index nb = std::max<index>(1, std::min<index>(n, mopts.blocks_per_rank * p));
        for (index b = 0; b < nb; ++b) {
            const index rb = n * b / nb, re = n * (b + 1) / nb;
            cooccurrence_rows before = me == 0 ? cooccurrence_rows::empty(rb, re, n)
                                               : detail::decode<cooccurrence_rows>(detail::recv_bytes(me - 1, 50, comm),
                                                                                   serial_type::cooccurrence_rows,
                                                                                   cooccurrence_rows::read,
                                                                                   "rank " + std::to_string(me - 1));
            cooccurrence_rows after = stream.continue_rows(before);
            if (me + 1 < p) detail::send_bytes(to_bytes(serial_type::cooccurrence_rows, after), me + 1, 50, comm);
            else blocks.push_back(std::move(after));
        }
        std::vector<unsigned char> bytes;
        if (me == p - 1) {
            byte_writer w;
            w.u64(blocks.size());
            for (const auto& blk : blocks) write(w, blk);
            bytes = seal(serial_type::cooccurrence_rows, w.data());
        }
        detail::bcast_bytes(bytes, p - 1, comm);
        if (me != p - 1) {
            byte_reader rd = open_sealed(bytes.data(), bytes.size(), serial_type::cooccurrence_rows,
                                         "rank " + std::to_string(p - 1));
            const std::uint64_t k = rd.count(24, "blocks");
            for (std::uint64_t q = 0; q < k; ++q) blocks.push_back(cooccurrence_rows::read(rd));
            expect_end(rd);
        }
    }
    out.counts = assemble(blocks, n);
    return out;
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_COGRAPH_HPP_
