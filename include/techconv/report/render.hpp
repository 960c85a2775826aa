// SPDX-License-Identifier: BSL-1.0
//
// OPT-IN, POSIX only: not included by techconv.hpp nor report.hpp.
//
// Drawing the report pictures with external programs when they are on PATH:
// gnuplot for line charts (report/plots.hpp writes stem.dat and stem.gp), sfdp
// (Graphviz) for the network map (stem.dot). The programs run through
// std::system with the folder and file names single-quoted for the shell;
// their output is discarded. A missing program or a failed run is not an
// error: the functions say whether the pictures exist. The text files are
// written as report::output_file, so a failed write stops the commit of an
// active output_folder.
#ifndef TECHCONV_REPORT_RENDER_HPP_
#define TECHCONV_REPORT_RENDER_HPP_

#include <cstdlib>       // std::getenv, std::system
#include <filesystem>    // std::filesystem::path
#include <stdexcept>     // std::runtime_error
#include <string>        // std::string
#include <system_error>  // std::error_code
#include <vector>        // std::vector

#include "techconv/config.hpp"
#include "techconv/cograph/graph.hpp"
#include "techconv/report/output_folder.hpp"
#include "techconv/report/plots.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief Opens dir/name for writing (binary) as an output_file.
/// \throws std::runtime_error naming the file when it cannot be opened.
inline output_file open_output(const std::string& dir, const std::string& name) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    output_file out(path);
    if (!out) ::techconv::detail::throw_error<std::runtime_error>(path + ": cannot write");
    return out;
}

/// \brief Whether an executable named `prog` is in a folder of PATH.
inline bool have_program(const std::string& prog) {
    const char* path = std::getenv("PATH");
    if (!path) return false;
    std::string p = path;
    std::size_t b = 0;
    while (b <= p.size()) {
        auto e = p.find(':', b);
        if (e == std::string::npos) e = p.size();
        const std::filesystem::path cand = std::filesystem::path(p.substr(b, e - b)) / prog;
        std::error_code ec;
        if (e > b && std::filesystem::is_regular_file(cand, ec)) return true;
        b = e + 1;
    }
    return false;
}

/// \brief Runs a shell command with its output discarded; true on exit status 0.
inline bool run_quiet(const std::string& command) {
    return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

/// \brief Single-quotes a string for the shell.
inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    out += '\'';
    return out;
}

/// \brief Writes stem.dat and stem.gp of `c` into dir and draws stem.png and stem.svg
/// with gnuplot. Nothing is written when `c` has no x value or gnuplot is not on PATH.
/// \returns the Markdown that embeds the chart (chart_markdown), empty when not drawn.
inline std::string render_chart(const std::string& dir, const line_chart& c) {
    if (c.x.empty() || !have_program("gnuplot")) return {};
    {
        auto dat = open_output(dir, c.stem + ".dat");
        write_chart_data(dat, c);
    }
    {
        auto gp = open_output(dir, c.stem + ".gp");
        write_chart_script(gp, c);
    }
    if (!run_quiet("cd " + shell_quote(dir) + " && gnuplot " + shell_quote(c.stem + ".gp"))) return {};
    return chart_markdown(c);
}

/// \brief Writes the network map dir/stem.dot (write_network_map_dot), then draws
/// stem.svg and stem.png with sfdp when it is on PATH and the graph has nodes.
/// \returns whether the pictures were drawn.
inline bool render_network_map(const std::string& dir, const std::string& stem, const cograph::graph& g,
                               const vector& strength, const std::vector<index>& cluster, long long picture_nodes) {
    {
        auto f = open_output(dir, stem + ".dot");
        write_network_map_dot(f, g, strength, cluster, picture_nodes);
    }
    if (g.num_nodes() == 0 || !have_program("sfdp")) return false;
    const std::string cd = "cd " + shell_quote(dir) + " && ";
    return run_quiet(cd + "sfdp -Tsvg " + stem + ".dot -o " + stem + ".svg") &&
           run_quiet(cd + "sfdp -Tpng " + stem + ".dot -o " + stem + ".png");
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_RENDER_HPP_
