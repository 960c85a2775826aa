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

#include <algorithm>     // std::min
#include <cstdlib>       // std::getenv, std::system
#include <filesystem>    // std::filesystem::path
#include <ostream>       // std::ostream
#include <stdexcept>     // std::runtime_error
#include <string>        // std::string
#include <system_error>  // std::error_code
#include <vector>        // std::vector

#include "techconv/config.hpp"
#include "techconv/analysis/network.hpp"
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

/// \brief Writes dir/name with `write(std::ostream&)` (open_output, then closed).
template <class Write>
void write_file(const std::string& dir, const std::string& name, Write&& write) {
    auto f = open_output(dir, name);
    write(static_cast<std::ostream&>(f));
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

/// \brief Draws dir/stem.dot as stem.svg and stem.png with sfdp when it is on PATH.
/// \returns whether both pictures were drawn.
inline bool render_dot(const std::string& dir, const std::string& stem) {
    if (!have_program("sfdp")) return false;
    const std::string cd = "cd " + shell_quote(dir) + " && ";
    return run_quiet(cd + "sfdp -Tsvg " + shell_quote(stem + ".dot") + " -o " + shell_quote(stem + ".svg")) &&
           run_quiet(cd + "sfdp -Tpng " + shell_quote(stem + ".dot") + " -o " + shell_quote(stem + ".png"));
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
    return g.num_nodes() > 0 && render_dot(dir, stem);
}

/// \brief The file stem of a group's network map: "network-" and the letters, digits,
/// '-' and '_' of the group name ("(unknown)" -> "network-unknown"; "network-group" when none is left).
inline std::string network_map_stem(const std::string& group) {
    std::string part;
    for (const char c : group)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            part += c;
    return "network-" + (part.empty() ? std::string("group") : part);
}

/// \brief The network maps of `res` as report.md shows them.
struct network_maps {
    std::string pictures;    ///< Markdown of the whole network's map (empty when not drawn)
    std::string group_maps;  ///< rows of the group-map table: group, nodes, files
};

/// \brief Draws the map of the whole network (stem "network") and one per group
/// (network_map_stem) with render_network_map, the `picture_nodes` strongest nodes each.
inline network_maps render_network_maps(const std::string& dir, const analysis::network_result& res,
                                        long long picture_nodes) {
    network_maps out;
    const auto& m = res.nodes;
    if (render_network_map(dir, "network", res.graph, m.strength, m.cluster, picture_nodes))
        out.pictures = "![network map](network.svg)\n\n(PNG: [network.png](network.png); the " +
                       std::to_string(std::min<long long>(res.graph.num_nodes(), picture_nodes)) +
                       " strongest nodes, colour = cluster, size = strength)\n";
    for (const auto& gr : res.groups) {
        const std::string stem = network_map_stem(gr.name);
        const bool drawn = render_network_map(dir, stem, gr.graph, gr.strength, gr.cluster, picture_nodes);
        out.group_maps += "| " + gr.name + " | " + std::to_string(gr.summary.nodes) + " | [" + stem + ".dot](" +
                          stem + ".dot)" +
                          (drawn ? " [" + stem + ".svg](" + stem + ".svg) [" + stem + ".png](" + stem + ".png)" : "") +
                          " |\n";
    }
    return out;
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_RENDER_HPP_
