// SPDX-License-Identifier: BSL-1.0
//
// The techconv command under `mpirun -np N` (built when CMake finds MPI: TECHCONV_CLI_MPI).
// main() initialises MPI when an MPI launcher started the process (mpi_launched); a
// command that runs distributed calls run_distributed_command instead of
// report::run_command: the same command line on every rank, --out checked, locked and
// staged by rank 0 (every rank writes into the staging folder), manifest.json written by
// rank 0 with "ranks": N, the folder committed by rank 0. See docs/cli.md.
#ifndef TECHCONV_CLI_MPI_COMMAND_HPP_
#define TECHCONV_CLI_MPI_COMMAND_HPP_

#include <mpi.h>

#include <cstdio>     // std::fprintf
#include <cstdlib>    // std::getenv
#include <exception>  // std::exception_ptr
#include <memory>     // std::unique_ptr
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <techconv/parallel/mpi/transport.hpp>
#include <techconv/parallel/mpi/keycore.hpp>
#include <techconv/parallel/mpi/patentsview_bulk.hpp>
#include <techconv/parallel/mpi/patstat.hpp>
#include <techconv/report/command.hpp>

#include "cli.hpp"  // mpi_active, the reading helpers

namespace tcli {

/// Thrown by run_distributed_command's agree(): the error is every rank's (each rank leaves
/// with it; rank 0 prints it once) rather than one rank's (which ends the job: MPI_Abort).
struct agreed_failure {
    std::exception_ptr error;
};

/// agree_on_error, marking the error it throws as every rank's. A report::usage_error of the
/// lowest failing rank (the error agree_on_error throws) stays a usage error on every rank
/// (exit 2, as one process exits), where agree_on_error alone would make it a plain error.
inline void agree(std::exception_ptr failed, MPI_Comm comm, std::size_t record_offset = 0) {
    namespace tmpi = techconv::parallel::mpi;
    try {
        tmpi::agree_on_error(failed, comm, record_offset);
    } catch (const std::exception& e) {  // every rank is here, with the lowest failing rank's error
        const int me = tmpi::rank(comm);
        int mine = failed ? me : tmpi::size(comm), lowest = mine;
        MPI_Allreduce(&mine, &lowest, 1, MPI_INT, MPI_MIN, comm);
        int usage = 0;
        if (me == lowest) {
            try {
                std::rethrow_exception(failed);
            } catch (const rp::usage_error&) {
                usage = 1;
            } catch (...) {
            }
        }
        MPI_Bcast(&usage, 1, MPI_INT, lowest, comm);
        if (usage) throw agreed_failure{std::make_exception_ptr(rp::usage_error(e.what()))};
        throw agreed_failure{std::current_exception()};
    }
}

/// Runs `body(const arguments&, MPI_Comm)` on every rank as report::run_command runs a
/// command: parses the command line (the same on every rank), --help on rank 0, --out
/// opened by rank 0 (a refusal is every rank's error) and its staging folder given to every
/// rank as `out`; when the body returns 0 on rank 0, rank 0 commits the folder with
/// manifest.json ("ranks": N). Errors: a usage error exits 2 and an error every rank
/// raised (agreed_failure) exits 1 on every rank, printed once by rank 0, --out left as it
/// was; an error of one rank alone ends the job (MPI_Abort; the other ranks may be waiting
/// for it) after that rank printed it, and the termination signal removes the staging folder.
template <class Body>
int run_distributed_command(const techconv::report::command_spec& spec, int argc, char** argv, MPI_Comm comm,
                            Body&& body) {
    namespace rp = techconv::report;
    namespace tmpi = techconv::parallel::mpi;
    const int me = tmpi::rank(comm);
    bool agreed = false;  // the error is every rank's
    try {
        try {
            auto a = rp::parse_args(spec, argc, argv, 2);
            if (a.help) {
                if (me == 0) rp::print_help(spec, stdout);
                return 0;
            }
            if (a.inputs.empty()) throw rp::usage_error("no INPUT file");
            if (!a.has("out")) throw rp::usage_error("--out DIR is required");
            std::unique_ptr<rp::output_folder> folder;
            std::exception_ptr failed;
            if (me == 0) {
                try {
                    folder = std::make_unique<rp::output_folder>(a.get("out"), a.force);
                } catch (...) {
                    failed = std::current_exception();
                }
            }
            agree(failed, comm);
            a.final_out = tmpi::broadcast_string(folder ? folder->final_dir() : std::string(), 0, comm);
            a.values["out"] = tmpi::broadcast_string(folder ? folder->staging() : std::string(), 0, comm);
            const int rc = body(static_cast<const rp::arguments&>(a), comm);
            if (rc == 0 && me == 0) {
                rp::run_manifest m;
                m.command = spec.name;
                m.ranks = tmpi::size(comm);
                m.argv.assign(argv, argv + argc);
                m.inputs = a.inputs;
                m.auxiliary = rp::auxiliary_files(spec, a);
                m.options = a.values;
                m.options["out"] = a.final_out;
                folder->commit(m);
            }
            return rc;
        } catch (const agreed_failure& f) {
            agreed = true;
            std::rethrow_exception(f.error);
        }
    } catch (const rp::usage_error& e) {  // from the command line: the same on every rank
        return me == 0 ? rp::report_error(spec, e, true) : 2;
    } catch (const std::exception& e) {
        if (agreed) return me == 0 ? rp::report_error(spec, e, false) : 1;
        std::fprintf(stderr, "techconv %s (rank %d of %d): error: %s\n", spec.name.c_str(), me, tmpi::size(comm),
                     e.what());
        MPI_Abort(comm, 1);
        return 1;
    }
}

/// Calls `f()`, whose errors are every rank's (a collective library call that agrees on its
/// errors: parallel::mpi::read_patent_table_split, key_core_analysis), marking them so.
template <class F>
auto every_rank(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (...) {
        throw agreed_failure{std::current_exception()};
    }
}

/// The ranks' relative shares of the input from TECHCONV_MPI_SHARES ("W0,W1,...", one per
/// rank; unset or empty: equal shares). A bad value is a usage error (exit 2).
inline std::vector<double> mpi_shares(MPI_Comm comm) {
    namespace tmpi = techconv::parallel::mpi;
    try {
        const char* env = std::getenv("TECHCONV_MPI_SHARES");
        return tmpi::share_weights(env ? env : "", tmpi::size(comm));
    } catch (const techconv::invalid_argument& e) {
        throw rp::usage_error("TECHCONV_MPI_SHARES: " + rp::plain_message(e));
    }
}

/// What read_patents_on_ranks gives each rank.
struct ranked_patents {
    techconv::records::patent_table table;  ///< this rank's rows (rank order = input order)
    std::vector<std::string> notes;         ///< the reading notes of one process (rank 0's are the ones written)
    std::size_t read = 0;                   ///< records read, duplicates dropped (all ranks)
    std::size_t records = 0;                ///< records after the family merge (all ranks)
    std::size_t merged = 0;                 ///< records merged into families (all ranks)
};

/// How the ranks read the patent inputs of a distributed command (patent_split_of).
enum class patent_split {
    rank0,        ///< rank 0 reads every input as one process does
    byte_ranges,  ///< one file of a byte_range_splittable format, split by byte ranges at record starts
    files,        ///< every input a file one reader reads alone: split by whole files
    patentsview_bulk,  ///< every input a PatentsView bulk table file: g_patent's rows split, the tables joined by shares
    patstat,      ///< every input a table file of one PATSTAT extract: tls201 by byte ranges, the rest from offsets
};

/// Whether the one input of `a` (of format `f`) is UTF-16 text, named by --encoding or
/// detected: its lines are not split by byte ranges.
inline bool utf16_text(const rp::arguments& a, input_format f) {
    const auto e = a.encoding == tio::text_encoding::automatic ? tio::input_encoding(a.inputs.front(), f) : a.encoding;
    return e == tio::text_encoding::utf16le || e == tio::text_encoding::utf16be;
}

/// How the inputs of `a` (format option `fmt`) are read on the ranks, decided by rank 0 and
/// the same on every rank: one file of a byte_range_splittable format (Lens, Google Patents,
/// canonical CSV, USPTO XML, Derwent, Lens patent JSON, PatentsView JSON; not UTF-16) by byte
/// ranges; several files, or one UTF-16 file, each read by one reader alone (given or detected
/// per file), by whole files; every input a PatentsView bulk table file (given or detected) by
/// shares of the set (parallel::mpi::read_patentsview_bulk_split); every input a PATSTAT table
/// file by shares of the extract (parallel::mpi::read_patstat_split); anything else by rank 0
/// as one process reads it: standard input among the inputs, a PATSTAT extract or a set of
/// PatentsView bulk tables given with other inputs, a file of papers, or a file whose format
/// cannot be detected (rank 0 then reports the error as one process does).
/// `file_fmt` gets the format of the one file split by byte ranges. Collective.
inline patent_split patent_split_of(const rp::arguments& a, input_format fmt, MPI_Comm comm,
                                    input_format* file_fmt = nullptr) {
    namespace tmpi = techconv::parallel::mpi;
    int decided[2] = {static_cast<int>(patent_split::rank0), static_cast<int>(fmt)};
    if (tmpi::rank(comm) == 0) {
        std::vector<input_format> fs;  // each file's format; empty: rank 0 reads
        try {
            for (const auto& path : a.inputs) {
                if (path == "-") {
                    fs.clear();
                    break;
                }
                fs.push_back(fmt == input_format::automatic ? detect_format(path) : fmt);
            }
        } catch (...) {  // rank 0 reads: the error is then reported as one process reports it
            fs.clear();
        }
        const auto is = [&fs](auto&& pred) {
            for (const auto f : fs)
                if (!pred(f)) return false;
            return !fs.empty();
        };
        if (is([](input_format f) { return f == input_format::patentsview_bulk; })) {
            decided[0] = static_cast<int>(patent_split::patentsview_bulk);
        } else if (is([](input_format f) { return f == input_format::patstat; })) {
            decided[0] = static_cast<int>(patent_split::patstat);
        } else if (is([](input_format f) { return tio::holds_patents(f) && !tio::detail::is_table_set(f); })) {
            // (a UTF-16 file is read whole by one rank: its records are not split by byte ranges)
            if (fs.size() == 1 && tmpi::byte_range_splittable(fs.front()) &&
                (fs.front() == input_format::uspto_xml || !utf16_text(a, fs.front()))) {
                decided[0] = static_cast<int>(patent_split::byte_ranges);
                decided[1] = static_cast<int>(fs.front());
            } else {
                decided[0] = static_cast<int>(patent_split::files);
            }
        }
    }
    tmpi::check(MPI_Bcast(decided, 2, MPI_INT, 0, comm), "MPI_Bcast");
    if (file_fmt) *file_fmt = static_cast<input_format>(decided[1]);
    return static_cast<patent_split>(decided[0]);
}

/// Reads the patent inputs of a distributed command as report::read_patent_inputs reads them
/// for one process, over the ranks of `comm` (patent_split_of): one Lens or canonical CSV
/// file is split by byte ranges at line starts, one USPTO XML file at document starts
/// (parallel::mpi::read_patent_table_split);
/// several files, or one file of another single-reader format, are split by whole files
/// (parallel::mpi::read_patent_tables_split: rank r reads a contiguous run of the files, cut
/// by their byte sizes and `shares`); both drop repeated ids and merge simple families across
/// the ranks; a PatentsView bulk table set is joined by shares of g_patent's rows
/// (parallel::mpi::read_patentsview_bulk_split); the table files of one PATSTAT extract are
/// read by shares of the extract (parallel::mpi::read_patstat_split: each rank joins its byte
/// share of tls201 with the rows of those applications in the other tables). Other inputs
/// (standard input, a table set among other inputs) are read by rank 0 as one process reads them, and their rows scattered by `shares` when `scatter`
/// (else they stay on rank 0). Rank 0 reports the counts report::read_patent_inputs reports
/// (manifest.json). Every error is every rank's (agreed). Collective.
inline ranked_patents read_patents_on_ranks(const rp::arguments& a, const std::vector<double>& shares, bool scatter,
                                            progress& prog, MPI_Comm comm,
                                            const techconv::records::patent_table_options& table_opts = {}) {
    namespace tmpi = techconv::parallel::mpi;
    const int me = tmpi::rank(comm);
    const auto fmt = format_option(a);
    const bool merge = !a.has("no-merge");
    input_format file_fmt = fmt;
    const patent_split how = patent_split_of(a, fmt, comm, &file_fmt);
    ranked_patents out;
    if (how != patent_split::rank0) {
        tio::read_patents_options ro;  // as report::read_patent_inputs sets them
        ro.limits = a.limits;
        ro.format = how == patent_split::byte_ranges ? file_fmt : fmt;
        ro.encoding = a.encoding;
        ro.merge_families = merge;
        auto in = every_rank([&] {
            try {
                if (how == patent_split::patstat) return tmpi::read_patstat_split(a.inputs, ro, shares, comm, table_opts);
                if (how == patent_split::byte_ranges)
                    return tmpi::read_patent_table_split(a.inputs.front(), ro, fmt == input_format::automatic, shares,
                                                         comm, table_opts);
                if (how == patent_split::patentsview_bulk)
                    return tmpi::read_patentsview_bulk_split(a.inputs, ro, shares, comm, table_opts);
                return tmpi::read_patent_tables_split(a.inputs, ro, shares, comm, table_opts);
            } catch (const techconv::invalid_argument& e) {  // as report::read_patent_inputs (every rank has it)
                throw rp::usage_error(rp::plain_message(e));
            }
        });
        out.records =
            static_cast<std::size_t>(tmpi::global_rows(static_cast<techconv::index>(in.table.size()), comm).total);
        if (me == 0) rp::report_patent_reading(in);  // over all ranks, as one process reports them
        out.notes = in.notes();
        out.read = in.read;
        out.merged = in.merged;
        out.table = std::move(in.table);
        return out;
    }
    std::exception_ptr failed;  // rank 0 reads as one process does
    if (me == 0) {
        try {
            auto in = read_patents_one_process(a, fmt, prog, table_opts);
            out.notes = in.notes();
            out.read = in.read;
            out.merged = in.merged;
            out.records = in.table.size();
            out.table = std::move(in.table);
        } catch (...) {
            failed = std::current_exception();
        }
    }
    agree(failed, comm);
    if (scatter) out.table = tmpi::scatter_rows(std::move(out.table), shares, 0, comm, table_opts);
    return out;
}

/// What gather_patents gives: on rank 0 every record of the inputs in input order, as
/// report::read_patent_inputs gives them to one process (`table`, `notes()`, `read`, `merged`,
/// the members the commands' one-process code reads); on the other ranks an empty table.
struct gathered_patents {
    techconv::records::patent_table table;  ///< every record on rank 0 (input order), none elsewhere
    std::vector<std::string> reading_notes; ///< the reading notes of one process
    std::size_t read = 0;                   ///< records read, duplicates dropped
    std::size_t merged = 0;                 ///< records merged into families
    const std::vector<std::string>& notes() const { return reading_notes; }
};

/// The reading of the commands whose analysis runs on rank 0 (network, evolution, forecast,
/// quality, branches): the ranks read their shares (read_patents_on_ranks with the shares of
/// TECHCONV_MPI_SHARES: byte ranges of one Lens, canonical CSV or USPTO XML file, or whole files of
/// several, or a PatentsView bulk table set by shares of g_patent, duplicates dropped and
/// families merged across the ranks; standard input and PATSTAT extracts: rank 0 reads every
/// input) and the rows are gathered
/// on rank 0 in input order (parallel::mpi::gather_rows). Rank 0 then holds the table one
/// process reads. Every error is every rank's (agreed). Collective.
inline gathered_patents gather_patents(const rp::arguments& a, progress& prog, MPI_Comm comm,
                                       const techconv::records::patent_table_options& table_opts = {}) {
    namespace tmpi = techconv::parallel::mpi;
    const std::vector<double> shares = mpi_shares(comm);  // TECHCONV_MPI_SHARES (default equal)
    auto got = read_patents_on_ranks(a, shares, false, prog, comm, table_opts);
    gathered_patents out;
    out.table = every_rank([&] { return tmpi::gather_rows(std::move(got.table), 0, comm); });
    out.reading_notes = std::move(got.notes);
    out.read = got.read;
    out.merged = got.merged;
    return out;
}

/// Runs `f()` on rank 0 alone (the step of a distributed command that writes the files from
/// the gathered data) while the other ranks wait; an error of rank 0 is every rank's (exit 1,
/// printed once), as one process reports it. Returns f()'s exit code on rank 0, 0 elsewhere.
template <class F>
int on_rank0(F&& f, MPI_Comm comm) {
    int rc = 0;
    std::exception_ptr failed;
    if (techconv::parallel::mpi::rank(comm) == 0) {
        try {
            rc = f();
        } catch (...) {
            failed = std::current_exception();
        }
    }
    agree(failed, comm);
    return rc;
}

}  // namespace tcli

#endif  // TECHCONV_CLI_MPI_COMMAND_HPP_
