// SPDX-License-Identifier: BSL-1.0
//
// The techconv command: shared pieces of the subcommands (argument parsing,
// input format detection, patent reading, progress, output files).
// Each subcommand lives in its own cmd_<name>.cpp so they compile in parallel.
#ifndef TECHCONV_CLI_CLI_HPP_
#define TECHCONV_CLI_CLI_HPP_

#include <cstdint>    // std::uint64_t
#include <cstdio>     // std::FILE
#include <fstream>    // std::ofstream (output files)
#include <map>        // std::map (option values)
#include <stdexcept>  // std::runtime_error
#include <string>     // std::string
#include <vector>     // std::vector

#include <techconv/analysis/patent_rules.hpp>
#include <techconv/format/encoding.hpp>
#include <techconv/format/input.hpp>
#include <techconv/io/detect.hpp>
#include <techconv/io/generic_csv.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/records/patent.hpp>
#include <techconv/report/markdown.hpp>
#include <techconv/report/output_folder.hpp>
#include <techconv/report/plots.hpp>
#include <techconv/report/render.hpp>
#include <techconv/records/patent_table.hpp>
#include <techconv/types.hpp>


namespace tcli {

// The all-or-nothing output folder of a run (library: techconv/report/output_folder.hpp).
using techconv::report::output_file;
using techconv::report::output_folder;
using techconv::report::report_count;
using techconv::report::run_manifest;

/// A command-line mistake: printed with the command's usage line, exit code 2.
struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// One option of a subcommand (`value` empty: a flag without argument).
struct option_spec {
    std::string name;   ///< without the leading "--"
    std::string value;  ///< name of its value in the help text ("DIR"), empty for a flag
    std::string help;   ///< one line
};

/// What --help prints, and what parse_args accepts.
struct command_spec {
    std::string name;                  ///< subcommand name
    std::string synopsis;              ///< arguments after the name
    std::string summary;               ///< one line, shown in `techconv --help`
    std::string description;           ///< paragraphs
    std::vector<option_spec> options;  ///< accepted options (--help and --quiet are implicit)
    std::string outputs;               ///< the output files and their columns
    bool patent_limits = false;        ///< accepts the patent readers' limits (limit_options)
};

/// Parsed command line: positional inputs, option values and flags.
struct arguments {
    std::vector<std::string> inputs;
    std::map<std::string, std::string> values;
    bool help = false;
    bool quiet = false;
    bool force = false;             ///< --force: replace a previous result in --out as a whole
    /// --encoding NAME (every command): how the inputs' bytes are read; auto decides per file.
    techconv::io::text_encoding encoding = techconv::io::text_encoding::automatic;
    std::string final_out;          ///< --out as given; values["out"] is the run's staging folder
    std::vector<std::string> argv;  ///< the whole command line (manifest.json)
    techconv::io::read_limits limits;  ///< --max-codes-per-record, --max-columns, --max-xml-depth

    bool has(const std::string& name) const { return values.count(name) != 0; }
    std::string get(const std::string& name, const std::string& fallback = {}) const;
    double get_double(const std::string& name, double fallback) const;
    long long get_int(const std::string& name, long long fallback) const;
    /// get_int, and the value must lie in [lo, hi] (else usage_error naming the range).
    long long get_int(const std::string& name, long long fallback, long long lo, long long hi) const;
    /// get_double, and the value must be finite and lie in [lo, hi] (else usage_error).
    double get_double(const std::string& name, double fallback, double lo, double hi) const;
};

/// The options of the patent readers' limits (io::read_limits), accepted by a command whose
/// spec has patent_limits: --max-codes-per-record, --max-columns, --max-xml-depth.
const std::vector<option_spec>& limit_options();

/// Parses argv[first..argc) against `spec`. Throws usage_error.
arguments parse_args(const command_spec& spec, int argc, char** argv, int first);
/// Prints the --help text of a subcommand.
void print_help(const command_spec& spec, std::FILE* out);
/// Runs a subcommand: parses argv[2..] against `spec`, prints --help (exit 0),
/// requires at least one input and --out, checks --out and opens its staging
/// folder (report/output_folder.hpp: the body writes into a.get("out"), which is that
/// folder), calls body(arguments), and on exit status 0 commits the folder
/// with its manifest.json. Usage errors exit 2; any other error prints one
/// line `techconv NAME: error: ...`, leaves --out as it was and exits 1.
template <class Body>
int guarded(const command_spec& spec, int argc, char** argv, Body&& body);
/// --top Q in (0, 1] (default 0.05). Throws usage_error.
double fraction_option(const arguments& a);
/// --threads N in 0..256 (default 1). Throws usage_error.
int threads_option(const arguments& a);
/// --group-by country|none (default none): true for country. Throws usage_error.
bool group_by_country(const arguments& a);
int report_error(const command_spec& spec, const std::exception& e, bool usage);

// --- input formats ----------------------------------------------------------------------

/// Input formats of the commands (the library's).
using techconv::io::input_format;
/// Detects the format of a file (the library's rule, io/detect.hpp).
using techconv::io::detect_format;
/// "auto", "lens", "uspto-xml", "csv", "wos", "wos-tab", "scopus"; throws usage_error.
input_format parse_format(const std::string& s);
/// Stable name of a format.
inline const char* format_name(input_format f) { return techconv::io::to_string(f).data(); }

// --- progress -----------------------------------------------------------------------------

/// Progress of a long read on stderr: at most twice a second, only for inputs
/// of at least 8 MiB, silent with --quiet.
class progress {
public:
    explicit progress(bool quiet) : quiet_(quiet) {}
    /// Starts a file of `total` bytes.
    void start(const std::string& path);
    /// Reports `bytes` consumed of the current file and `records` so far.
    void update(std::uint64_t bytes, std::size_t records);
    /// Ends the current file (prints a final line if anything was printed).
    void finish(std::size_t records);
    /// A message on stderr unless quiet.
    void note(const std::string& msg) const;

private:
    bool quiet_;
    bool shown_ = false;
    std::string path_;
    std::uint64_t total_ = 0;
    double last_ = 0.0;
};

// --- patent inputs ------------------------------------------------------------------------

/// Patent records read from one or more files, with what happened.
struct patent_input {
    std::vector<techconv::io::patent_record> records;
    std::vector<std::string> notes;   ///< per file: path, format/layout, records, skipped documents
    std::size_t read = 0;             ///< records read before family merging
    std::size_t merged = 0;           ///< records folded into another of their simple family
    bool has_country_column = false;  ///< canonical CSV country column present
};

/// The command's inputs `paths` (`-`: standard input), each opened once on first use; the bytes
/// read are checksummed for manifest.json (input_observer of its position in `paths`).
std::vector<techconv::io::input_source> open_inputs(const std::vector<std::string>& paths);

/// io::read_patents with progress printed by `prog`, every input read in `enc` within
/// `limits`; a format without patents is a usage error.
patent_input read_patents(std::vector<techconv::io::input_source> inputs, input_format fmt, bool merge,
                          progress& prog, const techconv::io::read_limits& limits,
                          techconv::io::text_encoding enc = techconv::io::text_encoding::automatic);
/// read_patents of open_inputs(paths).
patent_input read_patents(const std::vector<std::string>& paths, input_format fmt, bool merge,
                          progress& prog, const techconv::io::read_limits& limits,
                          techconv::io::text_encoding enc = techconv::io::text_encoding::automatic);

/// Patent records read into the columnar table (records::patent_table), with what happened.
struct patent_table_input {
    techconv::records::patent_table table;
    std::vector<std::string> notes;   ///< per file: path, format/layout, records, skipped documents
    std::size_t read = 0;             ///< records read before family merging
    std::size_t merged = 0;           ///< records folded into another of their simple family
    bool has_country_column = false;  ///< canonical CSV country column present
};

/// io::read_patent_table of open_inputs(paths) with progress printed by `prog` (titles kept
/// when `titles`), every input read in `enc` within `limits`; a format without patents is a
/// usage error.
patent_table_input read_patent_table(const std::vector<std::string>& paths, input_format fmt, bool merge,
                                     bool titles, progress& prog, const techconv::io::read_limits& limits,
                                     techconv::io::text_encoding enc = techconv::io::text_encoding::automatic);

/// Where a record's country comes from for --group-by country (the library's rule).
using techconv::analysis::country_source;
/// "auto", "applicant", "inventor", "priority", "jurisdiction"; throws usage_error.
country_source parse_country_source(const std::string& s);

// --- outputs ------------------------------------------------------------------------------

/// Creates `dir` (and parents). Throws std::runtime_error.
void make_dir(const std::string& dir);
/// Opens dir/name as an output_file (a failed write stops the commit); throws naming the file.
using techconv::report::open_output;
using techconv::report::fixed;    // `v` with 4 (or `digits`) decimals
using techconv::report::num;      // shortest round-trip text of a double
using techconv::report::percent;  // 100 v with 2 (or `digits`) decimals
/// Writes scores.csv (report::write_scores_csv) into dir.
void write_scores(const std::string& dir, const std::vector<std::string>& ids, const techconv::vector& scores,
                  const techconv::index_vector& ranks, techconv::index k);

/// Draws a line chart with gnuplot (report/render.hpp); returns the Markdown that embeds it, or "".
using techconv::report::render_chart;

// --- subcommands --------------------------------------------------------------------------

int cmd_branches(int argc, char** argv);
const command_spec& branches_spec();
int cmd_closeness(int argc, char** argv);
const command_spec& closeness_spec();
int cmd_keycore(int argc, char** argv);
const command_spec& keycore_spec();
int cmd_weights(int argc, char** argv);
const command_spec& weights_spec();
int cmd_network(int argc, char** argv);
const command_spec& network_spec();
/// The key core of `records` as in `keycore` (default indicator options, entropy
/// weights, top ceil(q n)): mask[i] = 1 for key core records. `note` gets a one-line summary.
std::vector<char> key_core_mask(const techconv::records::patent_table& records, double q, std::string& note);

// ------------------------------------------------------------------------------------------

template <class Body>
int guarded(const command_spec& spec, int argc, char** argv, Body&& body) {
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

}  // namespace tcli

#endif  // TECHCONV_CLI_CLI_HPP_
