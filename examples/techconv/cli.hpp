// SPDX-License-Identifier: BSL-1.0
//
// The techconv command: one cmd_<name>.cpp per subcommand (they compile in
// parallel), each an option table and a body over the library. The command
// line, progress and the all-or-nothing run are the report layer's
// (techconv/report/command_line.hpp, command.hpp).
#ifndef TECHCONV_CLI_CLI_HPP_
#define TECHCONV_CLI_CLI_HPP_

#include <string>  // std::string
#include <string_view>  // std::string_view
#include <vector>  // std::vector

#include <techconv/io/detect.hpp>
#include <techconv/report/command.hpp>
#include <techconv/report/render.hpp>

namespace tcli {

using techconv::io::detect_format;
using techconv::report::arguments;
using techconv::report::command_spec;
using techconv::report::open_inputs;
using techconv::report::open_output;
using techconv::report::progress;
using techconv::report::render_chart;
using techconv::report::report_count;
using techconv::report::usage_error;
using techconv::report::write_file;
using techconv::io::input_format;
namespace tio = techconv::io;
namespace ta = techconv::analysis;
namespace rp = techconv::report;

/// --format of `a` (default auto): a library format name.
inline input_format format_option(const arguments& a) {
    return a.choice("format", "auto", tio::input_format_from_string);
}

/// The help text of --format for the commands that read patents: the library's list of patent
/// formats (io::holds_patents) and how the table sets are given.
inline std::string patent_format_help() {
    return "auto (default: per file), " + tio::format_names(tio::holds_patents) +
           " (csv: the techconv canonical CSV; patstat, patentsview-bulk: the tables of one set, each an INPUT)";
}

/// Stable name of a format.
inline const char* format_name(input_format f) { return tio::to_string(f).data(); }

/// --codes ipc|cpc (default ipc): the code list the nodes come from.
inline tio::patent_field codes_option(const arguments& a) {
    return a.choice("codes", "ipc", [](std::string_view c) {
        if (c != "ipc" && c != "cpc") throw usage_error("--codes expects ipc or cpc");
        return c == "cpc" ? tio::patent_field::cpc : tio::patent_field::ipc;
    });
}

/// --group-by country|none (default none): true for country.
inline bool group_by_country(const arguments& a) {
    const auto g = a.get("group-by", "none");
    if (g != "country" && g != "none") throw usage_error("--group-by expects country or none");
    return g == "country";
}

/// The patent inputs of a command read by one process as every command reads them
/// (report::read_patent_inputs: the counts of manifest.json; io::read_patent_table of the
/// inputs, simple families merged unless --no-merge); `table` sets the table's options
/// (titles for the commands that print or classify them).
inline tio::patent_table_inputs read_patents_one_process(const arguments& a, input_format fmt, progress& prog,
                                                         const techconv::records::patent_table_options& table = {}) {
    return rp::read_patent_inputs(a, fmt, !a.has("no-merge"), prog, [&](const tio::read_patents_options& ro) {
        return tio::read_patent_table(open_inputs(a.inputs), ro, table);
    });
}

/// MPI rank of this process (0 unless the command was built with MPI and started by an MPI
/// launcher: main.cpp).
int mpi_rank();
#ifdef TECHCONV_CLI_MPI
/// Whether MPI was initialised (the process was started by an MPI launcher: main.cpp).
bool mpi_active();
#endif

int cmd_branches(int argc, char** argv);
const command_spec& branches_spec();
int cmd_closeness(int argc, char** argv);
const command_spec& closeness_spec();
int cmd_forecast(int argc, char** argv);
const command_spec& forecast_spec();
int cmd_evolution(int argc, char** argv);
const command_spec& evolution_spec();
int cmd_quality(int argc, char** argv);
const command_spec& quality_spec();
int cmd_keycore(int argc, char** argv);
const command_spec& keycore_spec();
int cmd_weights(int argc, char** argv);
const command_spec& weights_spec();
int cmd_network(int argc, char** argv);
const command_spec& network_spec();

}  // namespace tcli

#endif  // TECHCONV_CLI_CLI_HPP_
