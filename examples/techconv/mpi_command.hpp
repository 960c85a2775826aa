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
#include <exception>  // std::exception_ptr
#include <memory>     // std::unique_ptr
#include <string>     // std::string

#include <techconv/parallel/mpi/transport.hpp>
#include <techconv/parallel/mpi/keycore.hpp>
#include <techconv/report/command.hpp>

#include "cli.hpp"  // mpi_active

namespace tcli {

/// Thrown by run_distributed_command's agree(): the error is every rank's (each rank leaves
/// with it; rank 0 prints it once) rather than one rank's (which ends the job: MPI_Abort).
struct agreed_failure {
    std::exception_ptr error;
};

/// agree_on_error, marking the error it throws as every rank's.
inline void agree(std::exception_ptr failed, MPI_Comm comm, std::size_t record_offset = 0) {
    try {
        techconv::parallel::mpi::agree_on_error(failed, comm, record_offset);
    } catch (...) {
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

}  // namespace tcli

#endif  // TECHCONV_CLI_MPI_COMMAND_HPP_
