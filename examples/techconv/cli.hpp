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
#include <techconv/format/input.hpp>
#include <techconv/io/detect.hpp>
#include <techconv/io/generic_csv.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/records/patent.hpp>
#include <techconv/types.hpp>

#include "output_folder.hpp"

namespace tcli {

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
/// folder (output_folder.hpp: the body writes into a.get("out"), which is that
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

/// io::read_patents with progress printed by `prog`; a format without patents is a usage error.
patent_input read_patents(std::vector<techconv::io::input_source> inputs, input_format fmt, bool merge,
                          progress& prog, const techconv::io::read_limits& limits);
/// read_patents of open_inputs(paths).
patent_input read_patents(const std::vector<std::string>& paths, input_format fmt, bool merge,
                          progress& prog, const techconv::io::read_limits& limits);

/// Where a record's country comes from for --group-by country (the library's rule).
using techconv::analysis::country_source;
/// "auto", "applicant", "inventor", "priority", "jurisdiction"; throws usage_error.
country_source parse_country_source(const std::string& s);

// --- outputs ------------------------------------------------------------------------------

/// Creates `dir` (and parents). Throws std::runtime_error.
void make_dir(const std::string& dir);
/// Opens dir/name for writing (binary); a failed write or close is reported to
/// the run's output_folder, which then refuses to commit. Throws
/// std::runtime_error naming the file when it cannot be opened.
output_file open_output(const std::string& dir, const std::string& name);
/// Shortest round-trip text of a double.
std::string num(double v);
/// `v` with `digits` decimals ("0.4300").
std::string fixed(double v, int digits = 4);
/// `v` as a percentage with `digits` decimals ("12.34").
std::string percent(double v, int digits = 2);
/// Whether an executable named `prog` is on PATH.
bool have_program(const std::string& prog);
/// Runs a shell command quietly; true on exit status 0.
bool run_quiet(const std::string& command);
/// Single-quotes a string for the shell.
std::string shell_quote(const std::string& s);

/// Writes the rows of scores.csv (see write_scores) for the given records; `header` puts the header line first.
void write_scores_rows(std::ostream& out, const std::vector<std::string>& ids, const techconv::vector& scores,
                       const techconv::index_vector& ranks, techconv::index k, bool header);
/// Writes scores.csv: id, score, rank, key_core (1 for the top `k` ranks, else 0),
/// one row per record in input order. `ranks` are 1-based.
void write_scores(const std::string& dir, const std::vector<std::string>& ids, const techconv::vector& scores,
                  const techconv::index_vector& ranks, techconv::index k);

/// A line chart (one or more series over a shared x axis) drawn by gnuplot.
struct line_chart {
    std::string stem;    ///< file name without extension (stem.dat, stem.gp, stem.png, stem.svg)
    std::string title;   ///< chart title
    std::string xlabel;  ///< x axis label
    std::string ylabel;  ///< y axis label
    std::vector<double> x;                 ///< x values (years)
    std::vector<std::string> names;        ///< one per series
    std::vector<std::vector<double>> ys;   ///< ys[s][t] belongs to x[t]
};
/// Draws `c` into dir as PNG and SVG when gnuplot is on PATH. Returns the
/// Markdown that embeds it (empty when gnuplot is missing or fails).
std::string plot_lines(const std::string& dir, const line_chart& c);

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
std::vector<char> key_core_mask(const std::vector<techconv::io::patent_record>& records, double q,
                                std::string& note);

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
