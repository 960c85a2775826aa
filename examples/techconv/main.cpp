// SPDX-License-Identifier: BSL-1.0
//
// techconv: the command-line front door of the library. Subcommands read real
// exports (Lens, USPTO XML, WoS, Scopus, techconv CSV) and write stable CSV,
// JSON and Markdown reports that reproduce the [KCT] and [COOP] analyses.
// See docs/cli.md.
#include "cli.hpp"

#include <cstring>  // std::strcmp

#include <techconv/version.hpp>

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
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("techconv %d.%d.%d\n", TECHCONV_VERSION_MAJOR, TECHCONV_VERSION_MINOR, TECHCONV_VERSION_PATCH);
        return 0;
    }
    for (const auto& c : commands)
        if (!std::strcmp(argv[1], c.name)) return c.run(argc, argv);
    std::fprintf(stderr, "techconv: error: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
