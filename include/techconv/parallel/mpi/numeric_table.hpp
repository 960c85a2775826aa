// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// A numeric CSV table (io::read_numeric_table) read by MPI ranks in byte ranges split at
// line starts, as `mpirun -np N techconv weights` reads it: the ranks' rows in rank order,
// the id column, the row numbers, the errors and the reading notes are those one
// io::read_numeric_table of the whole file gives.
#ifndef TECHCONV_PARALLEL_MPI_NUMERIC_TABLE_HPP_
#define TECHCONV_PARALLEL_MPI_NUMERIC_TABLE_HPP_

#include <mpi.h>

#include <cstddef>    // std::size_t
#include <cstdint>    // std::int64_t, std::uint64_t
#include <exception>  // std::exception_ptr, std::current_exception
#include <fstream>    // std::ifstream
#include <istream>    // std::istream
#include <stdexcept>  // std::runtime_error
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/numeric_table.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/parallel/mpi/keycore.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {

/// \brief What read_numeric_table_split gives each rank.
struct numeric_table_share {
    /// This rank's rows: `values`, `ids` and `lines` of its rows (ids "1", "2", ... numbered
    /// over the whole file without an id column); `columns`, `has_id_column`, `delimiter`,
    /// `blank_rows` and `text` (the encoding evidence) are those of the whole file, the same on
    /// every rank.
    io::numeric_table table;
    index first_row = 0;  ///< global position (0-based) of this rank's first row
    index rows = 0;       ///< rows of the whole file
};

/// \brief io::read_numeric_table of the file `path` split across the ranks: rank r reads as
/// text the lines that start in its byte range (share_cuts of the file size by `weights`, one
/// per rank; the header line read by every rank, every line keeping its number in the file),
/// then the id column is decided over all ranks' rows (io::numeric_cells::identifiers), the
/// cells converted, and the columns' running sums of absolute values continued from rank to
/// rank in row order (the overflow check). The ranks' rows in rank order, the ids and every
/// error (the first in file order, named by file, line, column and row over the whole file)
/// equal those of one io::read_numeric_table. The encoding, when automatic, is decided once
/// from the file's start (io::input_encoding). Collective.
///
/// The file must hold one row per line (no line break inside a quoted cell) and be a regular
/// file (seekable). `opts.max_memory_bytes` bounds each rank's share; `opts.progress` is not
/// called.
/// \throws on every rank: parse_error as io::read_numeric_table; invalid_argument unless
///         `weights` has one weight per rank.
inline numeric_table_share read_numeric_table_split(const std::string& path, io::numeric_table_options opts,
                                                    const std::vector<double>& weights, MPI_Comm comm) {
    const int me = rank(comm), ranks = size(comm);
    ::techconv::detail::require(static_cast<int>(weights.size()) == ranks, "read_numeric_table_split: one weight per rank");
    opts.progress = nullptr;
    const io::text_encoding requested = opts.encoding;
    std::exception_ptr failed;
    std::vector<std::int64_t> cuts;
    try {
        std::ifstream f(path, std::ios::binary | std::ios::ate);
        if (!f) throw std::runtime_error(path + ": cannot open");
        cuts = share_cuts(static_cast<std::int64_t>(f.tellg()), weights);
        if (opts.encoding == io::text_encoding::automatic)
            opts.encoding = io::input_encoding(path, io::input_format::csv);  // the whole file's
    } catch (...) {
        failed = std::current_exception();
    }
    agree_on_error(failed, comm);
    io::csv_options co;  // as io::read_numeric_cells reads the table: the delimiter from the header
    co.delimiter = io::auto_delimiter;
    const detail::line_share sh = detail::read_csv_share(path, cuts, co, comm);
    std::int64_t counts[2] = {sh.breaks, sh.rows}, before[2] = {0, 0};
    check(MPI_Exscan(counts, before, 2, MPI_INT64_T, MPI_SUM, comm), "MPI_Exscan");
    if (me == 0) before[0] = before[1] = 0;
    // 1. the cells (numeric_cells): the header line, as many empty lines as the shares before hold
    //    (the CSV reader skips them), then the share's lines
    io::numeric_cells cells;
    try {
        detail::share_buf buf(sh, before[0], path);
        std::istream share_in(&buf);
        cells = io::read_numeric_cells(share_in, path, opts);
    } catch (...) {
        failed = std::current_exception();
    }
    agree_on_error(failed, comm, static_cast<std::size_t>(before[1]));
    // 2. the id column over every rank's rows; the rows before this rank's
    int ids_here = cells.identifiers ? 1 : 0, ids_any = 0;
    check(MPI_Allreduce(&ids_here, &ids_any, 1, MPI_INT, MPI_MAX, comm), "MPI_Allreduce");
    const row_range rr = global_rows(static_cast<index>(cells.size()), comm);
    const auto first_row = static_cast<std::size_t>(rr.begin);
    const std::vector<std::string> header = cells.header;
    std::uint64_t text_sums[4] = {cells.text.stray_bytes, cells.text.transcoded_bytes, cells.text.unassigned_bytes,
                                  cells.blank_rows};
    byte_writer stray_lines;  // the lines of this share's first strays (the header's: rank 0's)
    {
        std::vector<std::size_t> v;
        for (const auto line : cells.text.stray_lines)
            if (me == 0 || line > 1) v.push_back(line);
        stray_lines.u64(v.size());
        for (const auto line : v) stray_lines.u64(line);
    }
    // 3. the values (a cell that is not a number stops the conversion: `bad`)
    io::numeric_cell_at bad;
    io::numeric_table t;
    try {
        t = io::numeric_values(std::move(cells), path, ids_any != 0, first_row, bad);
    } catch (...) {
        failed = std::current_exception();  // no numeric column: the same on every rank
    }
    agree_on_error(failed, comm);
    // 4. the columns' running sums, rank after rank in row order, as one reader adds them: the
    //    first overflow or bad cell in file order is the error (ranks after it add nothing)
    const std::size_t m = t.columns.size();
    std::vector<double> sums(m + 1, 0.0);  // the sums, then 1 when an earlier rank stopped
    if (me > 0)
        check(MPI_Recv(sums.data(), static_cast<int>(m + 1), MPI_DOUBLE, me - 1, 28, comm, MPI_STATUS_IGNORE),
              "MPI_Recv");
    if (sums[m] == 0.0) {
        std::vector<double> running(sums.begin(), sums.begin() + static_cast<std::ptrdiff_t>(m));
        const io::numeric_cell_at over = io::add_column_sums(t, running, bad);
        try {
            if (over.row != io::numeric_cell_at::npos) io::numeric_table_error(path, header, t.lines, over, first_row, true);
            if (bad.row != io::numeric_cell_at::npos) io::numeric_table_error(path, header, t.lines, bad, first_row, false);
        } catch (...) {
            failed = std::current_exception();
        }
        for (std::size_t j = 0; j < m; ++j) sums[j] = running[j];
        sums[m] = failed ? 1.0 : 0.0;
    }
    if (me + 1 < ranks)
        check(MPI_Send(sums.data(), static_cast<int>(m + 1), MPI_DOUBLE, me + 1, 28, comm), "MPI_Send");
    agree_on_error(failed, comm);
    // 5. the whole file's reading notes: the counts of every share (the header line, read by
    //    every rank, counted once)
    check(MPI_Allreduce(MPI_IN_PLACE, text_sums, 4, MPI_UINT64_T, MPI_SUM, comm), "MPI_Allreduce");
    const std::uint64_t header_strays =
        opts.encoding == io::text_encoding::utf8_cp1252_strays ? io::detect_encoding(sh.header).invalid_bytes : 0;
    t.text.stray_bytes = static_cast<std::size_t>(text_sums[0] - static_cast<std::uint64_t>(ranks - 1) * header_strays);
    t.text.transcoded_bytes = static_cast<std::size_t>(text_sums[1]);
    t.text.unassigned_bytes = static_cast<std::size_t>(text_sums[2]);
    t.blank_rows = static_cast<std::size_t>(text_sums[3]);
    t.text.requested = requested;
    t.text.stray_lines.clear();
    const auto lines = allgather_bytes(stray_lines.data(), comm);
    for (std::size_t r = 0; r < lines.size(); ++r) {  // the first ones in file order
        byte_reader rd(lines[r].data(), lines[r].size(), "stray lines of rank " + std::to_string(r));
        const std::uint64_t k = rd.count(8, "stray lines");
        for (std::uint64_t q = 0; q < k; ++q) {
            const auto line = static_cast<std::size_t>(rd.u64("stray line"));
            if (t.text.stray_lines.size() < io::encoding_evidence::max_listed) t.text.stray_lines.push_back(line);
        }
        expect_end(rd);
    }
    numeric_table_share out;
    out.table = std::move(t);
    out.first_row = rr.begin;
    out.rows = rr.total;
    return out;
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_NUMERIC_TABLE_HPP_
