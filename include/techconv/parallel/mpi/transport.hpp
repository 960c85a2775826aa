// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// MPI transport of techconv's partial states: rank and size, global row ranges,
// allgather/alltoall of bytes, and the ordered merges of mergeable states
// (allmerge, ordered_scan, tree_allmerge). MPI failures throw parse_error
// (error_code::io_error). Plain MPI C API; link MPI::MPI_CXX.
#ifndef TECHCONV_PARALLEL_MPI_TRANSPORT_HPP_
#define TECHCONV_PARALLEL_MPI_TRANSPORT_HPP_

#include <mpi.h>

#include <climits>  // INT_MAX
#include <cstdint>  // std::int64_t
#include <cstring>  // std::memcpy
#include <exception>  // std::exception_ptr, std::rethrow_exception
#include <stdexcept>  // std::runtime_error
#include <string>   // std::string, std::to_string
#include <string_view>  // std::string_view
#include <utility>  // std::pair, std::move
#include <vector>   // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {

/// \brief Throws parse_error (error_code::io_error, source "MPI", field `what`)
/// with MPI's message when `rc` is not MPI_SUCCESS: the partial states of the
/// other ranks could not be read. (With MPI's default error handler, errors
/// abort before returning.)
inline void check(int rc, const char* what) {
    if (rc == MPI_SUCCESS) return;
    char msg[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, msg, &len);
    source_location where;
    where.source = "MPI";
    where.field = what;
    techconv::detail::throw_error<parse_error>(error_code::io_error, std::move(where),
                                               std::string(msg, static_cast<std::size_t>(len)));
}

/// \brief This process's rank in `comm`.
inline int rank(MPI_Comm comm) {
    int r = 0;
    check(MPI_Comm_rank(comm, &r), "MPI_Comm_rank");
    return r;
}

/// \brief Number of processes in `comm`.
inline int size(MPI_Comm comm) {
    int s = 0;
    check(MPI_Comm_size(comm, &s), "MPI_Comm_size");
    return s;
}

/// \brief A process's contiguous share of the global rows: [begin, end) of total.
struct row_range {
    index begin = 0;  ///< global index of the first local row
    index end = 0;    ///< one past the last local row
    index total = 0;  ///< rows over all processes
    /// Local rows.
    index rows() const noexcept { return end - begin; }
};

/// \brief The global position of each process's rows, ranks holding
/// consecutive row ranges in rank order (rank 0 first).
/// \param local_rows  rows held by this process (>= 0; may be 0)
/// \param comm        the communicator (collective call)
/// \returns this process's range and the total.
/// Complexity: one exclusive scan and one allreduce.
inline row_range global_rows(index local_rows, MPI_Comm comm) {
    techconv::detail::require(local_rows >= 0, "mpi::global_rows: negative row count");
    const auto n = static_cast<std::int64_t>(local_rows);
    std::int64_t before = 0, total = 0;
    check(MPI_Exscan(&n, &before, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Exscan");
    if (rank(comm) == 0) before = 0;  // MPI leaves rank 0's result undefined
    check(MPI_Allreduce(&n, &total, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    return row_range{static_cast<index>(before), static_cast<index>(before + n), static_cast<index>(total)};
}

namespace detail {

inline std::vector<std::int64_t> allgather_i64(std::int64_t v, MPI_Comm comm) {
    std::vector<std::int64_t> all(static_cast<std::size_t>(size(comm)));
    check(MPI_Allgather(&v, 1, MPI_INT64_T, all.data(), 1, MPI_INT64_T, comm), "MPI_Allgather");
    return all;
}

inline int to_int(std::int64_t v, const char* what) {
    techconv::detail::require(v >= 0 && v <= INT_MAX, std::string("mpi: ") + what + " exceeds INT_MAX");
    return static_cast<int>(v);
}

/// Alltoallv of `unit`-byte elements with 64-bit bookkeeping checked to fit MPI's int counts.
inline void alltoall_units(const void* send, const std::vector<std::int64_t>& scount, void* recv,
                           const std::vector<std::int64_t>& rcount, int unit, MPI_Comm comm) {
    const std::size_t p = scount.size();
    std::vector<int> sc(p), sd(p), rc(p), rd(p);
    std::int64_t so = 0, ro = 0;
    for (std::size_t r = 0; r < p; ++r) {
        sc[r] = to_int(scount[r], "elements sent to one rank");
        sd[r] = to_int(so, "send displacement");
        rc[r] = to_int(rcount[r], "elements received from one rank");
        rd[r] = to_int(ro, "receive displacement");
        so += scount[r];
        ro += rcount[r];
    }
    MPI_Datatype t;
    check(MPI_Type_contiguous(unit, MPI_BYTE, &t), "MPI_Type_contiguous");
    check(MPI_Type_commit(&t), "MPI_Type_commit");
    const int rc_ = MPI_Alltoallv(send, sc.data(), sd.data(), t, recv, rc.data(), rd.data(), t, comm);
    MPI_Type_free(&t);
    check(rc_, "MPI_Alltoallv");
}

}  // namespace detail

/// \brief Every process's bytes, in rank order, on every process.
/// \param mine  this process's message
/// \param comm  the communicator (collective call)
/// \returns one byte vector per rank.
/// \throws invalid_argument if the total exceeds INT_MAX bytes (MPI's count type).
inline std::vector<std::vector<unsigned char>> allgather_bytes(const std::vector<unsigned char>& mine, MPI_Comm comm) {
    const auto sizes = detail::allgather_i64(static_cast<std::int64_t>(mine.size()), comm);
    std::vector<int> counts(sizes.size()), displs(sizes.size());
    std::int64_t off = 0;
    for (std::size_t r = 0; r < sizes.size(); ++r) {
        counts[r] = detail::to_int(sizes[r], "message size");
        displs[r] = detail::to_int(off, "gathered bytes");
        off += sizes[r];
    }
    std::vector<unsigned char> all(static_cast<std::size_t>(off));
    check(MPI_Allgatherv(mine.data(), counts[static_cast<std::size_t>(rank(comm))], MPI_BYTE, all.data(),
                         counts.data(), displs.data(), MPI_BYTE, comm),
          "MPI_Allgatherv");
    std::vector<std::vector<unsigned char>> out(sizes.size());
    for (std::size_t r = 0; r < sizes.size(); ++r)
        out[r].assign(all.begin() + displs[r], all.begin() + displs[r] + counts[r]);
    return out;
}

/// \brief Merges a mergeable state over all processes: each serialises its
/// state (sealed, versioned), all states are exchanged, every process
/// decodes and merges them. Every process returns the same state.
/// \param mine  this process's partial state
/// \param type  its serial type tag
/// \param read  decoder: T(byte_reader&)
/// \param comm  the communicator (collective call)
/// \throws parse_error if a message does not decode (names the sending rank).
template <class T, class Read>
T allmerge(const T& mine, serial_type type, Read&& read, MPI_Comm comm) {
    const auto all = allgather_bytes(to_bytes(type, mine), comm);
    T acc{};
    for (std::size_t r = 0; r < all.size(); ++r) {
        byte_reader rd = open_sealed(all[r].data(), all[r].size(), type, "rank " + std::to_string(r));
        T part = read(rd);
        expect_end(rd);
        acc.merge(part);
    }
    return acc;
}

/// \brief An ordered scan over the ranks: rank 0 applies `step` to the
/// identity, each next rank to the state it receives from the rank before,
/// and the last rank's state is broadcast to all. The state is formed in rank
/// (= record) order, so non-associative floating-point sums come out exactly
/// as one process forms them. Collective.
/// \param step  T(T previous): this rank's contribution
/// \param type  the state's serial type tag
/// \param read  decoder: T(byte_reader&)
/// \param comm  the communicator
/// \returns the final state, on every rank.
/// Complexity: P sequential steps; each state crosses one link, then one broadcast.
template <class T, class Step, class Read>
T ordered_scan(Step&& step, serial_type type, Read&& read, MPI_Comm comm) {
    const int r = rank(comm), p = size(comm);
    T state{};
    if (r > 0) {
        std::int64_t len = 0;
        check(MPI_Recv(&len, 1, MPI_INT64_T, r - 1, 1, comm, MPI_STATUS_IGNORE), "MPI_Recv");
        std::vector<unsigned char> buf(static_cast<std::size_t>(len));
        check(MPI_Recv(buf.data(), detail::to_int(len, "scan state"), MPI_BYTE, r - 1, 2, comm, MPI_STATUS_IGNORE),
              "MPI_Recv");
        byte_reader rd = open_sealed(buf.data(), buf.size(), type, "rank " + std::to_string(r - 1));
        state = read(rd);
        expect_end(rd);
    }
    state = step(std::move(state));
    std::vector<unsigned char> bytes;
    if (r + 1 < p || r == p - 1) bytes = to_bytes(type, state);
    if (r + 1 < p) {
        const auto len = static_cast<std::int64_t>(bytes.size());
        check(MPI_Send(&len, 1, MPI_INT64_T, r + 1, 1, comm), "MPI_Send");
        check(MPI_Send(bytes.data(), detail::to_int(len, "scan state"), MPI_BYTE, r + 1, 2, comm), "MPI_Send");
    }
    std::int64_t len = r == p - 1 ? static_cast<std::int64_t>(bytes.size()) : 0;
    check(MPI_Bcast(&len, 1, MPI_INT64_T, p - 1, comm), "MPI_Bcast");
    if (r != p - 1) bytes.assign(static_cast<std::size_t>(len), 0);
    check(MPI_Bcast(bytes.data(), detail::to_int(len, "final state"), MPI_BYTE, p - 1, comm), "MPI_Bcast");
    if (r == p - 1) return state;
    byte_reader rd = open_sealed(bytes.data(), bytes.size(), type, "rank " + std::to_string(p - 1));
    T out = read(rd);
    expect_end(rd);
    return out;
}

/// \brief Makes an error of some ranks the error of all: a collective step after work
/// that may fail on some ranks only (reading a rank's share of a file), so that no rank
/// waits in a later collective call for one that left.
///
/// Every rank passes what its step threw (nullptr: nothing). When no rank failed, returns on
/// every rank. Otherwise every rank throws the error of the LOWEST failing rank (the first in
/// the order of the ranks' shares, which is what one process reading them in order meets
/// first): a parse_error with the same code, location and message, its record number plus
/// that rank's `record_offset` when it names one; an invalid_argument with the same message;
/// any other std::exception as a std::runtime_error with its what(). Collective.
/// \param error          what this rank's step threw, or nullptr
/// \param comm           the communicator
/// \param record_offset  records before this rank's share (added to a parse_error's record number)
/// \throws as described, on every rank; parse_error (io_error) if MPI fails.
inline void agree_on_error(std::exception_ptr error, MPI_Comm comm, std::size_t record_offset = 0) {
    byte_writer w;
    if (!error) {
        w.u8(0);
    } else {
        try {
            std::rethrow_exception(error);
        } catch (const parse_error& e) {
            w.u8(1);
            w.u32(static_cast<std::uint32_t>(e.code()));
            w.str(e.source());
            w.u64(e.line());
            w.u64(e.column());
            w.u64(e.record() == 0 ? 0 : e.record() + record_offset);
            w.str(e.field());
            w.str(e.message());
        } catch (const invalid_argument& e) {
            const std::string_view prefix = "techconv: ", what = e.what();
            w.u8(2);
            w.str(what.substr(0, prefix.size()) == prefix ? what.substr(prefix.size()) : what);
        } catch (const std::exception& e) {
            w.u8(3);
            w.str(e.what());
        }
    }
    std::uint8_t failed = w.data().front(), any = 0;
    check(MPI_Allreduce(&failed, &any, 1, MPI_UINT8_T, MPI_MAX, comm), "MPI_Allreduce");
    if (any == 0) return;
    const auto all = allgather_bytes(w.data(), comm);
    for (std::size_t r = 0; r < all.size(); ++r) {
        byte_reader rd(all[r].data(), all[r].size(), "error of rank " + std::to_string(r));
        const std::uint8_t kind = rd.u8("kind");
        if (kind == 0) continue;
        if (kind == 1) {
            const auto code = static_cast<error_code>(rd.u32("code"));
            source_location where;
            where.source = rd.str("source");
            where.line = static_cast<std::size_t>(rd.u64("line"));
            where.column = static_cast<std::size_t>(rd.u64("column"));
            where.record = static_cast<std::size_t>(rd.u64("record"));
            where.field = rd.str("field");
            techconv::detail::throw_error<parse_error>(code, std::move(where), rd.str("message"));
        }
        if (kind == 2) techconv::detail::throw_error<invalid_argument>(rd.str("message"));
        techconv::detail::throw_error<std::runtime_error>(rd.str("message"));
    }
}

/// \brief Every rank's list of labels, in rank order, on every rank. Collective.
/// \param labels  this rank's labels
/// \param comm    the communicator
inline std::vector<std::vector<std::string>> allgather_labels(const std::vector<std::string>& labels, MPI_Comm comm) {
    const auto all = allgather_bytes(to_bytes(serial_type::labels, labels), comm);
    std::vector<std::vector<std::string>> per_rank;
    for (std::size_t r = 0; r < all.size(); ++r) {
        byte_reader rd = open_sealed(all[r].data(), all[r].size(), serial_type::labels, "rank " + std::to_string(r));
        per_rank.push_back(read_labels(rd));
        expect_end(rd);
    }
    return per_rank;
}

namespace detail {

/// Rows [b, e) of the p-th of `parts` equal code ranges of n codes.
inline std::pair<index, index> code_range(index n, int part, int parts) {
    return {n * part / parts, n * (part + 1) / parts};
}

/// Sends `bytes` to `dest` (length first; tags t and t + 1).
inline void send_bytes(const std::vector<unsigned char>& bytes, int dest, int tag, MPI_Comm comm) {
    const auto len = static_cast<std::int64_t>(bytes.size());
    check(MPI_Send(&len, 1, MPI_INT64_T, dest, tag, comm), "MPI_Send");
    check(MPI_Send(bytes.data(), to_int(len, "message"), MPI_BYTE, dest, tag + 1, comm), "MPI_Send");
}

/// Receives what send_bytes sent from `src` with tag `tag`.
inline std::vector<unsigned char> recv_bytes(int src, int tag, MPI_Comm comm) {
    std::int64_t len = 0;
    check(MPI_Recv(&len, 1, MPI_INT64_T, src, tag, comm, MPI_STATUS_IGNORE), "MPI_Recv");
    std::vector<unsigned char> buf(static_cast<std::size_t>(len));
    check(MPI_Recv(buf.data(), to_int(len, "message"), MPI_BYTE, src, tag + 1, comm, MPI_STATUS_IGNORE), "MPI_Recv");
    return buf;
}

/// Broadcasts `bytes` from `root` (resized on the other ranks).
inline void bcast_bytes(std::vector<unsigned char>& bytes, int root, MPI_Comm comm) {
    std::int64_t len = static_cast<std::int64_t>(bytes.size());
    check(MPI_Bcast(&len, 1, MPI_INT64_T, root, comm), "MPI_Bcast");
    bytes.resize(static_cast<std::size_t>(len));
    check(MPI_Bcast(bytes.data(), to_int(len, "broadcast"), MPI_BYTE, root, comm), "MPI_Bcast");
}

template <class T, class Read>
T decode(const std::vector<unsigned char>& bytes, serial_type type, Read&& read, const std::string& source) {
    byte_reader rd = open_sealed(bytes.data(), bytes.size(), type, source);
    T v = read(rd);
    expect_end(rd);
    return v;
}

}  // namespace detail

/// \brief Every rank's message to every rank: out[q] goes to rank q; returns
/// in[q], the message from rank q. Collective (one MPI_Alltoall of the sizes,
/// one MPI_Alltoallv of the bytes).
/// \throws invalid_argument if a count exceeds INT_MAX bytes.
inline std::vector<std::vector<unsigned char>> alltoall_bytes(const std::vector<std::vector<unsigned char>>& out,
                                                              MPI_Comm comm) {
    const auto p = static_cast<std::size_t>(size(comm));
    techconv::detail::require(out.size() == p, "mpi::alltoall_bytes: one message per rank");
    std::vector<std::int64_t> sc(p), rc(p);
    std::vector<unsigned char> flat;
    for (std::size_t q = 0; q < p; ++q) {
        sc[q] = static_cast<std::int64_t>(out[q].size());
        flat.insert(flat.end(), out[q].begin(), out[q].end());
    }
    check(MPI_Alltoall(sc.data(), 1, MPI_INT64_T, rc.data(), 1, MPI_INT64_T, comm), "MPI_Alltoall");
    std::int64_t total = 0;
    for (const auto c : rc) total += c;
    std::vector<unsigned char> got(static_cast<std::size_t>(total));
    detail::alltoall_units(flat.data(), sc, got.data(), rc, 1, comm);
    std::vector<std::vector<unsigned char>> in(p);
    std::size_t off = 0;
    for (std::size_t q = 0; q < p; ++q) {
        in[q].assign(got.begin() + static_cast<std::ptrdiff_t>(off), got.begin() + static_cast<std::ptrdiff_t>(off + static_cast<std::size_t>(rc[q])));
        off += static_cast<std::size_t>(rc[q]);
    }
    return in;
}

/// \brief Merges an ORDERED mergeable state (merge(later) appends the
/// records that follow) over the ranks along a binomial tree, preserving
/// rank order, then broadcasts the result. Collective.
///
/// Step s: a rank whose bit s is set sends its state (covering ranks
/// [r, r + 2^s)) to rank r - 2^s and leaves; the receiver appends it. Each
/// rank sends its state once and receives at most ceil(log2 P) states; the
/// result reaches every rank with one broadcast (O(|state|) bytes per rank
/// under MPI's large-message broadcast), instead of the P states an
/// allgather delivers to every rank.
/// \param mine  this rank's state
/// \param type  its serial type tag
/// \param read  decoder T(byte_reader&)
/// \param comm  the communicator
/// \returns the merged state, identical on every rank.
/// \throws parse_error if a message does not decode (names the sending rank).
template <class T, class Read>
T tree_allmerge(T mine, serial_type type, Read&& read, MPI_Comm comm) {
    const int r = rank(comm), p = size(comm);
    for (int mask = 1; mask < p; mask <<= 1) {
        if (r & mask) {
            detail::send_bytes(to_bytes(type, mine), r - mask, 40, comm);
            break;
        }
        if (r + mask < p)
            mine.merge(detail::decode<T>(detail::recv_bytes(r + mask, 40, comm), type, read,
                                         "rank " + std::to_string(r + mask)));
    }
    std::vector<unsigned char> bytes;
    if (r == 0) bytes = to_bytes(type, mine);
    detail::bcast_bytes(bytes, 0, comm);
    if (r == 0) return mine;
    return detail::decode<T>(bytes, type, read, "rank 0");
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_TRANSPORT_HPP_
