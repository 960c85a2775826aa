// SPDX-License-Identifier: BSL-1.0
//
// OPT-IN, Linux only (it stands on report/output_folder.hpp): one run of a
// command as the `techconv` command runs it. run_command() parses the
// command line (report/command_line.hpp), opens the all-or-nothing output
// folder, calls the command's body and commits the folder with its
// manifest.json; open_inputs() and read_patent_inputs() read the inputs so that
// manifest.json gets their checksums and counts.
#ifndef TECHCONV_REPORT_COMMAND_HPP_
#define TECHCONV_REPORT_COMMAND_HPP_

#include <algorithm>   // std::sort
#include <cstddef>    // std::size_t
#include <exception>  // std::exception
#include <filesystem> // std::filesystem::is_directory
#include <system_error>  // std::error_code
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/input.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/report/command_line.hpp"
#include "techconv/report/output_folder.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief The auxiliary input files of a command line for manifest.json: the value of every
/// option whose spec names a FILE or a PATH (a folder: its regular files, in name order).
inline std::vector<std::pair<std::string, std::string>> auxiliary_files(const command_spec& spec,
                                                                        const arguments& a) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& o : spec.options) {
        if ((o.value != "FILE" && o.value != "PATH") || !a.has(o.name)) continue;
        const std::string path = a.get(o.name);
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) {
            std::vector<std::string> files;
            for (const auto& e : std::filesystem::directory_iterator(path, ec))
                if (e.is_regular_file(ec)) files.push_back(e.path().string());
            std::sort(files.begin(), files.end());
            for (auto& f : files) out.emplace_back(o.name, std::move(f));
        } else {
            out.emplace_back(o.name, path);
        }
    }
    return out;
}

/// \brief Runs a command: parses argv[2..] against `spec`, prints --help (exit 0), requires
/// at least one input and --out, opens the output folder of --out (the body writes into
/// `a.get("out")`, its staging folder; `a.final_out` is --out as given), calls
/// `body(const arguments&)` and, when it returns 0, commits the folder with its
/// manifest.json. A usage_error exits 2 and any other error 1, each printed as one line
/// (report_error); --out is then left as it was.
template <class Body>
int run_command(const command_spec& spec, int argc, char** argv, Body&& body) {
    try {
        auto a = parse_args(spec, argc, argv, 2);
        if (a.help) {
            print_help(spec, stdout);
            return 0;
        }
        if (a.inputs.empty()) throw usage_error("no INPUT file");
        if (!a.has("out")) throw usage_error("--out DIR is required");
        output_folder folder(a.get("out"), a.force);
        a.final_out = folder.final_dir();
        a.values["out"] = folder.staging();
        const int rc = body(static_cast<const arguments&>(a));
        if (rc == 0) {
            run_manifest m;
            m.command = spec.name;
            m.argv.assign(argv, argv + argc);
            m.inputs = a.inputs;
            m.auxiliary = auxiliary_files(spec, a);
            m.options = a.values;
            m.options["out"] = a.final_out;
            folder.commit(m);
        }
        return rc;
    } catch (const usage_error& e) {
        return report_error(spec, e, true);
    } catch (const std::exception& e) {
        return report_error(spec, e, false);
    }
}

/// \brief The inputs `paths` (`-`: standard input), each opened once on first use; the
/// bytes read are checksummed for manifest.json (input_observer of the position in `paths`).
inline std::vector<io::input_source> open_inputs(const std::vector<std::string>& paths) {
    std::vector<io::input_source> out;
    out.reserve(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) out.emplace_back(paths[i], input_observer(i));
    return out;
}

/// \brief Reports for manifest.json the counts of what a reading of patent inputs read,
/// dropped and merged (`in`: its report, every file's counters and detection record), and
/// each file's detection record. The one place read_patent_inputs and the distributed
/// readings of the techconv command (under mpirun, on rank 0) report them.
inline void report_patent_reading(const io::patent_input_report& in) {
    report_count("records_read", static_cast<long long>(in.read + in.duplicates));
    report_count("duplicates_dropped", static_cast<long long>(in.duplicates));
    report_count("codes_not_ipc_dropped", static_cast<long long>(in.rejected_codes));
    report_count("merged_into_families", static_cast<long long>(in.merged));
    std::size_t strays = 0;  // bytes read as CP1252 in files otherwise UTF-8 (each file's note lists them)
    std::size_t blank = 0, headers = 0;  // rows skipped: every field empty; the header again
    for (const auto& f : in.files) {
        strays += f.stats.text.stray_bytes;
        blank += f.stats.blank_rows;
        headers += f.stats.repeated_headers;
    }
    report_count("bytes_not_utf8", static_cast<long long>(strays));
    report_count("blank_rows_skipped", static_cast<long long>(blank));
    report_count("repeated_headers_skipped", static_cast<long long>(headers));
    for (const auto& f : in.files) report_detection(f.detection);
}

/// \brief Reads patents with `read` (a call of io::read_patents or io::read_patent_table
/// taking the options) as the command line `a` says (format `fmt`, encoding, limits,
/// simple families merged when `merge`), with progress lines by `prog`; reports the counts
/// of what was read, dropped and merged for manifest.json. A format without patents is a
/// usage_error.
template <class Read>
auto read_patent_inputs(const arguments& a, io::input_format fmt, bool merge, progress& prog, Read&& read) {
    io::read_patents_options o;
    o.limits = a.limits;
    o.format = fmt;
    o.encoding = a.encoding;
    o.merge_families = merge;
    prog.attach(o);
    try {
        auto in = read(static_cast<const io::read_patents_options&>(o));
        report_patent_reading(in);
        return in;
    } catch (const invalid_argument& e) {
        throw usage_error(plain_message(e));
    }
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_COMMAND_HPP_
