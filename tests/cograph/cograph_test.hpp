// Shared pieces of the cograph tests: loading the Lens jet-engine export
// into an incidence at subclass or main-group level, and writing a graph
// as a plain edge list for the Python reference scripts.
//
// The IPC levels are derived here with simple string code (the
// classification module owns the real IPC parser): subclass = the first
// four characters of an IPCR symbol ("F02C7/055" -> "F02C"), main group =
// the text before '/' ("F02C7/055" -> "F02C7"). Symbols too short for the
// level are rejected (and counted by the builder).
#ifndef TECHCONV_TESTS_COGRAPH_TEST_HPP_
#define TECHCONV_TESTS_COGRAPH_TEST_HPP_

#include <techconv/cograph.hpp>
#include <techconv/format/csv.hpp>
#include <techconv/format/parse.hpp>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "test_support.hpp"

namespace cograph_test {

namespace cg = techconv::cograph;
using idx = techconv::index;

enum class ipc_level { subclass, main_group };

inline std::optional<std::string> project(std::string_view code, ipc_level lv) {
    code = techconv::io::trim(code);
    if (lv == ipc_level::subclass) {
        if (code.size() < 4) return std::nullopt;
        return std::string(code.substr(0, 4));
    }
    const auto slash = code.find('/');
    if (slash == std::string_view::npos || slash < 5) return std::nullopt;
    return std::string(code.substr(0, slash));
}

struct lens_data {
    cg::incidence<std::string> inc;
    std::vector<std::string> jurisdiction;
    std::vector<std::string> first_priority;
};

inline std::string lens_path() { return techconv_test::data_path("patents-lens-jet-engines/lens-export.csv"); }

inline lens_data load_lens(ipc_level lv, cg::code_selection sel = cg::code_selection::all) {
    lens_data d;
    techconv::io::csv_reader r(lens_path());
    const auto ipc = r.require_column("IPCR Classifications");
    const auto jur = r.require_column("Jurisdiction");
    const auto pri = r.require_column("Priority Numbers");
    cg::incidence_options o;
    o.selection = sel;
    cg::incidence_builder<std::string> b(o);
    while (r.next()) {
        const auto codes = techconv::io::split_list(r[ipc], ";;");
        b.add_record(codes, [lv](std::string_view c) { return project(c, lv); });
        d.jurisdiction.emplace_back(r[jur]);
        const auto p = techconv::io::split_list(r[pri], ";;");
        d.first_priority.emplace_back(p.empty() ? std::string_view() : p.front());
    }
    d.inc = b.finish();
    return d;
}

inline const char* level_name(ipc_level lv) { return lv == ipc_level::subclass ? "subclass" : "main_group"; }

/// Writes "n m" then one "u v w" line per edge (u < v), full precision.
inline std::string write_edge_list(const cg::graph& g, const std::string& name) {
    std::ostringstream os;
    os << g.num_nodes() << ' ' << g.num_edges() << '\n';
    for (const auto& e : g.edges()) os << e.u << ' ' << e.v << ' ' << techconv::io::format_double(e.weight) << '\n';
    const std::string path = techconv_test::temp_path(name);
    techconv_test::write_file(path, os.str());
    return path;
}

}  // namespace cograph_test

#endif
