// SPDX-License-Identifier: BSL-1.0
//
// techconv: the command-line front door of the library. Subcommands read real
// exports (Lens, USPTO XML, WoS, Scopus, techconv CSV) and write stable CSV,
// JSON and Markdown reports that reproduce the [KCT] and [COOP] analyses.
// See docs/cli.md.
#include "cli.hpp"

#include <cstring>  // std::strcmp

#include <techconv/version.hpp>

#ifdef TECHCONV_CLI_MPI
#include <mpi.h>

#include <cstdlib>  // std::getenv
#endif

namespace {

struct command {
    const char* name;
    int (*run)(int, char**);
    const tcli::command_spec& (*spec)();
};

const command commands[] = {
#ifdef TECHCONV_CLI_WEIGHTING
    {"keycore", tcli::cmd_keycore, tcli::keycore_spec},
#endif
#ifdef TECHCONV_CLI_COGRAPH
    {"network", tcli::cmd_network, tcli::network_spec},
    {"forecast", tcli::cmd_forecast, tcli::forecast_spec},
    {"evolution", tcli::cmd_evolution, tcli::evolution_spec},
#endif
#ifdef TECHCONV_CLI_WEIGHTING
    {"weights", tcli::cmd_weights, tcli::weights_spec},
#endif
    {"closeness", tcli::cmd_closeness, tcli::closeness_spec},
    {"branches", tcli::cmd_branches, tcli::branches_spec},
    {"quality", tcli::cmd_quality, tcli::quality_spec},
};

void usage(std::FILE* out) {
    std::fprintf(out, "usage: techconv COMMAND [ARGS...]   (techconv COMMAND --help for details)\n\ncommands:\n");
    for (const auto& c : commands) std::fprintf(out, "  %-10s %s\n", c.name, c.spec().summary.c_str());
    std::fprintf(out, "\n  --version  print the library version\n");
#ifdef TECHCONV_CLI_MPI
    std::fprintf(out, "\nBuilt with MPI: `mpirun -np N techconv keycore|network|weights|evolution|forecast|quality|branches ...`\n"
                      "runs on N ranks and "
                      "writes the files of one process (docs/cli.md); the other commands run as one process.\n");
#else
    std::fprintf(out, "\nBuilt without MPI: no command runs under mpirun (docs/cli.md).\n");
#endif
}

#ifdef TECHCONV_CLI_MPI
bool g_mpi = false;

// Whether an MPI launcher (mpirun, mpiexec, srun) started this process: the environment
// variables Open MPI, MPICH/Hydra (PMI) and PMIx set for the processes they start.
bool started_by_mpi_launcher() {
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMI_RANK", "PMIX_RANK"})
        if (std::getenv(v)) return true;
    return false;
}
#endif

// Rank 0 prints (every rank of mpirun -np N would otherwise print the same lines).
bool printing_rank() { return tcli::mpi_rank() == 0; }

int dispatch(int argc, char** argv);

}  // namespace

#ifdef TECHCONV_CLI_MPI
bool tcli::mpi_active() { return g_mpi; }
int tcli::mpi_rank() {
    int r = 0;
    if (g_mpi) MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}
#else
int tcli::mpi_rank() { return 0; }
#endif

int main(int argc, char** argv) {
#ifdef TECHCONV_CLI_MPI
    if (started_by_mpi_launcher()) {
        MPI_Init(&argc, &argv);
        g_mpi = true;
        const int rc = dispatch(argc, argv);
        MPI_Finalize();
        return rc;
    }
#endif
    return dispatch(argc, argv);
}

namespace {

int dispatch(int argc, char** argv) {
    if (argc < 2) {
        if (printing_rank()) usage(stderr);
        return 2;
    }
    if (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
        if (printing_rank()) usage(stdout);
        return 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        if (printing_rank()) std::printf("techconv %d.%d.%d\n", TECHCONV_VERSION_MAJOR, TECHCONV_VERSION_MINOR, TECHCONV_VERSION_PATCH);
        return 0;
    }
    for (const auto& c : commands) {
        if (std::strcmp(argv[1], c.name)) continue;
        return c.run(argc, argv);
    }
    if (printing_rank()) {
        std::fprintf(stderr, "techconv: error: unknown command '%s'\n", argv[1]);
        usage(stderr);
    }
    return 2;
}

}  // namespace
