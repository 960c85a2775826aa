// SPDX-License-Identifier: BSL-1.0
//
// The command line of a tool that embeds techconv, as the `techconv` command
// reads it: an option table (command_spec) that both the parser and --help
// read, parsed arguments with checked numbers and enum names, the options
// every command takes (--encoding, --force, --quiet, --help and the patent
// readers' limits), and progress lines on stderr. Portable; the all-or-nothing
// run around a command body is in report/command.hpp (Linux).
//
// Conventions: `--name VALUE` or `--name=VALUE`; a flag takes no value; `--`
// ends the options; anything else is an input. A mistake of the command line
// is a usage_error (the command prints its usage and exits 2).
#ifndef TECHCONV_REPORT_COMMAND_LINE_HPP_
#define TECHCONV_REPORT_COMMAND_LINE_HPP_

#include <chrono>        // progress throttling
#include <cmath>         // std::isfinite
#include <cstddef>       // std::size_t
#include <cstdint>       // std::uint64_t, std::int64_t
#include <cstdio>        // std::FILE, std::fprintf
#include <exception>     // std::exception
#include <filesystem>    // std::filesystem::file_size
#include <limits>        // std::numeric_limits
#include <map>           // std::map
#include <stdexcept>     // std::runtime_error
#include <string>        // std::string
#include <string_view>   // std::string_view
#include <system_error>  // std::error_code
#include <vector>        // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/encoding.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/patent_inputs.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief A command-line mistake: printed with the command's usage line, exit code 2.
struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// \brief One option of a command (`value` empty: a flag without argument).
struct option_spec {
    std::string name;   ///< without the leading "--"
    std::string value;  ///< name of its value in the help text ("DIR"), empty for a flag
    std::string help;   ///< one line
};

/// \brief What --help prints and what parse_args() accepts.
struct command_spec {
    std::string name;                  ///< command name
    std::string synopsis;              ///< arguments after the name
    std::string summary;               ///< one line (a list of commands shows it)
    std::string description;           ///< paragraphs
    std::vector<option_spec> options;  ///< accepted options (the common ones are implicit)
    std::string outputs;               ///< the output files and their columns
    bool patent_limits = false;        ///< accepts the patent readers' limits (limit_options())
};

/// \brief The message of a library exception without its "techconv: " prefix.
inline std::string plain_message(const std::exception& e) {
    std::string msg = e.what();
    const std::string prefix = "techconv: ";
    if (msg.compare(0, prefix.size(), prefix) == 0) msg.erase(0, prefix.size());
    return msg;
}

/// \brief A parsed command line: inputs, option values and the common options.
struct arguments {
    std::vector<std::string> inputs;            ///< positional arguments, in order
    std::map<std::string, std::string> values;  ///< option name -> value ("1" for a flag)
    bool help = false;                          ///< --help
    bool quiet = false;                         ///< --quiet: no progress on stderr
    bool force = false;                         ///< --force: replace a previous result as a whole
    /// --encoding NAME: how the inputs' bytes are read; automatic decides per file.
    io::text_encoding encoding = io::text_encoding::automatic;
    io::read_limits limits;  ///< --max-codes-per-record, --max-xml-depth; --max-columns, --max-memory
    std::string final_out;   ///< --out as given (run_command puts the staging folder in values["out"])

    bool has(const std::string& name) const { return values.count(name) != 0; }
    /// The value of --name, or `fallback` without one.
    std::string get(const std::string& name, const std::string& fallback = {}) const {
        const auto it = values.find(name);
        return it == values.end() ? fallback : it->second;
    }
    /// The integer value of --name (fallback without one) in [lo, hi]; else usage_error naming the range.
    long long get_int(const std::string& name, long long fallback, long long lo = std::numeric_limits<long long>::min(),
                      long long hi = std::numeric_limits<long long>::max()) const {
        if (!has(name)) return fallback;
        std::int64_t v = 0;
        if (io::parse_int64(get(name), v) != io::number_status::ok || v < lo || v > hi)
            throw usage_error("--" + name + " expects an integer" +
                              (lo == std::numeric_limits<long long>::min() && hi == std::numeric_limits<long long>::max()
                                   ? std::string()
                                   : " in " + std::to_string(lo) + ".." + std::to_string(hi)) +
                              ", got '" + get(name) + "'");
        return static_cast<long long>(v);
    }
    /// The finite number of --name (fallback without one) in [lo, hi]; else usage_error naming the range.
    double get_double(const std::string& name, double fallback, double lo, double hi) const {
        if (!has(name)) return fallback;
        double v = 0.0;
        if (io::parse_double(get(name), v) != io::number_status::ok || !(std::isfinite(v) && v >= lo && v <= hi))
            throw usage_error("--" + name + " expects a number in [" + io::format_double(lo) + ", " + io::format_double(hi) + "], got '" +
                              get(name) + "'");
        return v;
    }
    /// `parse` (a library `X_from_string`) of the value of --name, or of `fallback`; its
    /// invalid_argument (listing the accepted names) becomes a usage_error naming --name.
    template <class Parse>
    auto choice(const std::string& name, std::string_view fallback, Parse&& parse) const {
        const std::string v = has(name) ? get(name) : std::string(fallback);
        try {
            return parse(std::string_view(v));
        } catch (const invalid_argument& e) {
            throw usage_error("--" + name + ": " + plain_message(e));
        }
    }
    /// --top Q in (0, 1] (default 0.05): the key-core fraction.
    double fraction() const {
        const double q = get_double("top", 0.05, 0.0, 1.0);
        if (!(q > 0.0)) throw usage_error("--top expects a fraction in (0, 1]");
        return q;
    }
    /// --threads N in 0..256 (default 1; 0 = the hardware's).
    int threads() const { return static_cast<int>(get_int("threads", 1, 0, 256)); }
};

/// \brief The options of the patent readers' limits (io::read_limits), accepted by a
/// command whose spec has patent_limits.
inline const std::vector<option_spec>& limit_options() {
    const io::read_limits d;
    static const std::vector<option_spec> o{
        {"max-codes-per-record", "N",
         "at most N distinct IPC (and N CPC) codes in one record, else an error (default " +
             std::to_string(d.max_codes_per_record) + ")"},
        {"max-xml-depth", "N", "at most N nested XML elements (default " + std::to_string(d.max_xml_depth) + ")"},
    };
    return o;
}

/// \brief The bounds every command accepts: --max-columns and --max-memory.
inline const std::vector<option_spec>& bound_options() {
    static const std::vector<option_spec> o{
        {"max-columns", "N", "at most N columns in a CSV input (default " + std::to_string(io::read_limits{}.max_columns) + ")"},
        {"max-memory", "SIZE",
         "stop with an error when the records read take more than SIZE bytes (K, M, G suffixes; default: no bound)"},
    };
    return o;
}

/// \brief A byte size as --max-memory takes it: digits with an optional K, M or G (powers of 1024).
/// \returns false when `text` is no such size or it overflows.
inline bool parse_byte_size(std::string_view text, std::size_t& out) {
    std::size_t shift = 0;
    if (!text.empty()) {
        const char u = text.back();
        if (u == 'K' || u == 'k') shift = 10;
        else if (u == 'M' || u == 'm') shift = 20;
        else if (u == 'G' || u == 'g') shift = 30;
        if (shift) text.remove_suffix(1);
    }
    std::int64_t v = 0;
    if (io::parse_int64(text, v) != io::number_status::ok || v <= 0) return false;
    const auto u = static_cast<std::uint64_t>(v);
    if (shift && u > (std::numeric_limits<std::uint64_t>::max() >> shift)) return false;
    out = static_cast<std::size_t>(u << shift);
    return true;
}

/// \brief Parses argv[first..argc) against `spec`; numbers of the limits and the encoding
/// are checked here, before any work. \throws usage_error.
inline arguments parse_args(const command_spec& spec, int argc, char** argv, int first) {
    arguments a;
    bool options_done = false;
    for (int i = first; i < argc; ++i) {
        const std::string tok = argv[i];
        if (options_done || tok.size() < 2 || tok.compare(0, 2, "--") != 0) {
            a.inputs.push_back(tok);
            continue;
        }
        if (tok == "--") {
            options_done = true;
            continue;
        }
        std::string name = tok.substr(2), value;
        const auto eq = name.find('=');
        const bool inline_value = eq != std::string::npos;
        if (inline_value) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        const option_spec* o = nullptr;
        static const std::vector<option_spec> common{{"help", "", ""}, {"quiet", "", ""}, {"force", "", ""},
                                                     {"encoding", "NAME", ""}};
        for (const auto* list : {&spec.options, &common, &bound_options(), spec.patent_limits ? &limit_options() : nullptr})
            if (list)
                for (const auto& x : *list)
                    if (x.name == name) o = &x;
        if (!o) throw usage_error("unknown option --" + name);
        if (o->value.empty()) {
            if (inline_value) throw usage_error("option --" + name + " takes no value");
            if (name == "help") a.help = true;
            else if (name == "quiet") a.quiet = true;
            else if (name == "force") a.force = true;
            else a.values[name] = "1";
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= argc) throw usage_error("option --" + name + " needs a value " + o->value);
            value = argv[++i];
        }
        if (name == "encoding" &&
            (!io::text_encoding_from_string(value, a.encoding) || a.encoding == io::text_encoding::unchecked))
            throw usage_error("unknown --encoding '" + value + "' (" + std::string(io::encoding_names) + ")");
        a.values[name] = value;
    }
    if (spec.patent_limits) {
        const auto limit = [&](const char* name, std::size_t& v, long long hi) {
            v = static_cast<std::size_t>(a.get_int(name, static_cast<long long>(v), 1, hi));
        };
        limit("max-codes-per-record", a.limits.max_codes_per_record, 1000000);
        limit("max-xml-depth", a.limits.max_xml_depth, 1000000);
    }
    a.limits.max_columns = static_cast<std::size_t>(
        a.get_int("max-columns", static_cast<long long>(a.limits.max_columns), 1, 1LL << 24));
    if (a.has("max-memory") && !parse_byte_size(a.get("max-memory"), a.limits.max_memory_bytes))
        throw usage_error("--max-memory expects a size such as 2G, 512M or 1000000, got '" + a.get("max-memory") + "'");
    return a;
}

/// \brief Prints the --help text of `spec` (`tool` names the program, e.g. "techconv").
inline void print_help(const command_spec& spec, std::FILE* out, const char* tool = "techconv") {
    std::fprintf(out, "usage: %s %s %s\n\n%s\n\noptions:\n", tool, spec.name.c_str(), spec.synopsis.c_str(),
                 spec.description.c_str());
    const auto line = [&](const std::string& left, const std::string& help) {
        std::fprintf(out, "  %-26s %s\n", left.c_str(), help.c_str());
    };
    for (const auto& o : spec.options) line("--" + o.name + (o.value.empty() ? "" : " " + o.value), o.help);
    if (spec.patent_limits)
        for (const auto& o : limit_options()) line("--" + o.name + " " + o.value, o.help);
    for (const auto& o : bound_options()) line("--" + o.name + " " + o.value, o.help);
    line("--encoding NAME", "how input bytes are read: auto (default: per file, reported), utf-8, latin1, cp1252, "
                            "macroman, utf-16le, utf-16be");
    line("--force", "replace a previous techconv result in --out as a whole");
    line("--quiet", "no progress messages on stderr");
    line("--help", "this text");
    if (!spec.outputs.empty()) std::fprintf(out, "\noutputs:\n%s\n", spec.outputs.c_str());
    std::fprintf(out, "\nexit status: 0 success, 1 bad input (one-line reason on stderr), 2 usage error\n");
}

/// \brief Prints `e` as one line `TOOL NAME: error: ...` on stderr (with the usage line
/// when `usage`); returns the exit status, 2 for a usage error and 1 otherwise.
inline int report_error(const command_spec& spec, const std::exception& e, bool usage,
                        const char* tool = "techconv") {
    std::string msg = e.what();
    for (auto& c : msg)
        if (c == '\n' || c == '\r') c = ' ';
    std::fprintf(stderr, "%s %s: error: %s\n", tool, spec.name.c_str(), msg.c_str());
    if (!usage) return 1;
    std::fprintf(stderr, "usage: %s %s %s (see --help)\n", tool, spec.name.c_str(), spec.synopsis.c_str());
    return 2;
}

/// \brief Progress of a long read on stderr: at most twice a second, only for inputs
/// of at least 8 MiB, silent when quiet. Its members fit io::read_patents_options::progress.
class progress {
public:
    explicit progress(bool quiet) : quiet_(quiet) {}
    /// Starts the file `path` (its size, when it has one, is the 100 %).
    void start(const std::string& path) {
        path_ = path;
        shown_ = false;
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        total_ = ec ? 0 : static_cast<std::uint64_t>(size);
        last_ = now();
    }
    /// Reports `bytes` consumed of the current file and `records` so far.
    void update(std::uint64_t bytes, std::size_t records) {
        if (quiet_ || total_ < (std::uint64_t{8} << 20)) return;
        const double t = now();
        if (t - last_ < 0.5) return;
        last_ = t;
        shown_ = true;
        std::fprintf(stderr, "\r%s: %5.1f%%  %zu records", path_.c_str(),
                     100.0 * static_cast<double>(bytes) / static_cast<double>(total_), records);
        std::fflush(stderr);
    }
    /// Ends the current file (a final line if anything was printed).
    void finish(std::size_t records) {
        if (shown_) std::fprintf(stderr, "\r%s: 100.0%%  %zu records\n", path_.c_str(), records);
        shown_ = false;
    }
    /// A message on stderr unless quiet.
    void note(const std::string& msg) const {
        if (!quiet_) std::fprintf(stderr, "%s\n", msg.c_str());
    }
    /// Connects `o.progress` to this object (which must outlive the read).
    void attach(io::read_patents_options& o) {
        o.progress.start = [this](const std::string& path) { start(path); };
        o.progress.update = [this](std::uint64_t bytes, std::size_t records) { update(bytes, records); };
        o.progress.finish = [this](std::size_t records) { finish(records); };
    }

private:
    static double now() {
        using clock = std::chrono::steady_clock;
        return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
    }
    bool quiet_;
    bool shown_ = false;
    std::string path_;
    std::uint64_t total_ = 0;
    double last_ = 0.0;
};

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_COMMAND_LINE_HPP_
