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

#include <techconv/io/generic_csv.hpp>
#include <techconv/analysis/patent_rules.hpp>
#include <techconv/records/patent.hpp>
#include <techconv/types.hpp>

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
};

/// Parsed command line: positional inputs, option values and flags.
struct arguments {
    std::vector<std::string> inputs;
    std::map<std::string, std::string> values;
    bool help = false;
    bool quiet = false;

    bool has(const std::string& name) const { return values.count(name) != 0; }
    std::string get(const std::string& name, const std::string& fallback = {}) const;
    double get_double(const std::string& name, double fallback) const;
    long long get_int(const std::string& name, long long fallback) const;
};

/// Parses argv[first..argc) against `spec`. Throws usage_error.
arguments parse_args(const command_spec& spec, int argc, char** argv, int first);
/// Prints the --help text of a subcommand.
void print_help(const command_spec& spec, std::FILE* out);
/// Runs a subcommand: parses argv[2..] against `spec`, prints --help (exit 0),
/// requires at least one input and --out, then calls body(arguments). Usage
/// errors exit 2; any other error prints one line `techconv NAME: error: ...`
/// and exits 1.
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

/// Input formats of the commands.
enum class input_format { automatic, lens, uspto_xml, csv, wos, wos_tab, scopus };
/// "auto", "lens", "uspto-xml", "csv", "wos", "wos-tab", "scopus"; throws usage_error.
input_format parse_format(const std::string& s);
/// Stable name of a format.
const char* format_name(input_format f);
/// Detects the format from the first bytes of a file: `<?xml` (USPTO XML), a
/// tagged `FN`/`PT` first line (WoS), a tab header starting `PT` (WoS tab),
/// CSV headers with `Lens ID` (Lens), `EID` or `Authors with affiliations`
/// (Scopus), `id` and `ipc` (techconv canonical CSV). Throws std::runtime_error
/// naming the file when nothing matches.
input_format detect_format(const std::string& path);

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

/// Reads patents (Lens CSV, USPTO XML or techconv canonical CSV; `automatic`
/// detects per file) and merges simple families unless `merge` is false.
patent_input read_patents(const std::vector<std::string>& paths, input_format fmt, bool merge,
                          progress& prog);

/// Reads the patents of one CSV input held in memory (Lens export, or the
/// techconv canonical CSV) into out.records; `source` names it in errors,
/// `encoding` is the file's (see input_encoding). Returns the reader's counters.
techconv::io::patent_read_stats read_patent_csv_text(const std::string& text, const std::string& source,
                                                     input_format f, techconv::io::text_encoding encoding,
                                                     patent_input& out);
/// The encoding keycore reads `path` in: sniffed from its first MiB for a Lens export, UTF-8 otherwise.
techconv::io::text_encoding input_encoding(const std::string& path, input_format f);
/// The note of one input file ("path: layout, N records[, skipped ...]").
std::string input_note(const std::string& path, const techconv::io::patent_read_stats& st);

/// Where a record's country comes from for --group-by country (the library's rule).
using techconv::analysis::country_source;
/// "auto", "applicant", "inventor", "priority", "jurisdiction"; throws usage_error.
country_source parse_country_source(const std::string& s);

// --- outputs ------------------------------------------------------------------------------

/// Creates `dir` (and parents). Throws std::runtime_error.
void make_dir(const std::string& dir);
/// Opens dir/name for writing (binary). Throws std::runtime_error naming the file.
std::ofstream open_output(const std::string& dir, const std::string& name);
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
        const auto a = parse_args(spec, argc, argv, 2);
        if (a.help) {
            print_help(spec, stdout);
            return 0;
        }
        if (a.inputs.empty()) throw usage_error("no INPUT file");
        if (!a.has("out")) throw usage_error("--out DIR is required");
        return body(a);
    } catch (const usage_error& e) {
        return report_error(spec, e, true);
    } catch (const std::exception& e) {
        return report_error(spec, e, false);
    }
}

}  // namespace tcli

#endif  // TECHCONV_CLI_CLI_HPP_
