// SPDX-License-Identifier: BSL-1.0
// Argument parsing, help text, format detection, progress and output helpers.
#include "cli.hpp"

#include <algorithm>   // std::find_if
#include <chrono>      // progress throttling
#include <cmath>       // std::isfinite
#include <filesystem>  // create_directories, file_size, exists
#include <sstream>     // std::ostringstream

#include <techconv/format/parse.hpp>

namespace tcli {

namespace fs = std::filesystem;

std::string arguments::get(const std::string& name, const std::string& fallback) const {
    const auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
}

double arguments::get_double(const std::string& name, double fallback) const {
    const auto it = values.find(name);
    if (it == values.end()) return fallback;
    double v = 0.0;
    if (techconv::io::parse_double(it->second, v) != techconv::io::number_status::ok)
        throw usage_error("--" + name + " expects a number, got '" + it->second + "'");
    return v;
}

long long arguments::get_int(const std::string& name, long long fallback) const {
    const auto it = values.find(name);
    if (it == values.end()) return fallback;
    std::int64_t v = 0;
    if (techconv::io::parse_int64(it->second, v) != techconv::io::number_status::ok)
        throw usage_error("--" + name + " expects an integer, got '" + it->second + "'");
    return static_cast<long long>(v);
}

long long arguments::get_int(const std::string& name, long long fallback, long long lo, long long hi) const {
    const long long v = get_int(name, fallback);
    if (has(name) && (v < lo || v > hi))
        throw usage_error("--" + name + " expects an integer in " + std::to_string(lo) + ".." + std::to_string(hi) +
                          ", got '" + get(name) + "'");
    return v;
}

double arguments::get_double(const std::string& name, double fallback, double lo, double hi) const {
    const double v = get_double(name, fallback);
    if (has(name) && !(std::isfinite(v) && v >= lo && v <= hi))
        throw usage_error("--" + name + " expects a number in [" + num(lo) + ", " + num(hi) + "], got '" + get(name) +
                          "'");
    return v;
}

arguments parse_args(const command_spec& spec, int argc, char** argv, int first) {
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
        bool inline_value = false;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
            inline_value = true;
        }
        if (name == "help") {
            a.help = true;
            continue;
        }
        if (name == "quiet") {
            a.quiet = true;
            continue;
        }
        if (name == "force") {
            if (inline_value) throw usage_error("option --force takes no value");
            a.force = true;
            continue;
        }
        if (name == "encoding") {  // every command reads text: checked here, before any work
            if (!inline_value) {
                if (i + 1 >= argc) throw usage_error("option --encoding needs a value NAME");
                value = argv[++i];
            }
            if (!techconv::io::text_encoding_from_string(value, a.encoding) ||
                a.encoding == techconv::io::text_encoding::unchecked)
                throw usage_error("unknown --encoding '" + value + "' (" +
                                  std::string(techconv::io::encoding_names) + ")");
            a.values[name] = value;
            continue;
        }
        const option_spec* it = nullptr;
        for (const auto& o : spec.options)
            if (o.name == name) it = &o;
        if (!it && spec.patent_limits)
            for (const auto& o : limit_options())
                if (o.name == name) it = &o;
        if (!it) throw usage_error("unknown option --" + name);
        if (it->value.empty()) {
            if (inline_value) throw usage_error("option --" + name + " takes no value");
            a.values[name] = "1";
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= argc) throw usage_error("option --" + name + " needs a value " + it->value);
            value = argv[++i];
        }
        a.values[name] = value;
    }
    if (spec.patent_limits) {  // range-checked before any work, like every option
        a.limits.max_codes_per_record = static_cast<std::size_t>(
            a.get_int("max-codes-per-record", static_cast<long long>(a.limits.max_codes_per_record), 1, 1000000));
        a.limits.max_columns = static_cast<std::size_t>(
            a.get_int("max-columns", static_cast<long long>(a.limits.max_columns), 1, 1LL << 24));
        a.limits.max_xml_depth = static_cast<std::size_t>(
            a.get_int("max-xml-depth", static_cast<long long>(a.limits.max_xml_depth), 1, 1000000));
    }
    return a;
}

const std::vector<option_spec>& limit_options() {
    static const std::vector<option_spec> o{
        {"max-codes-per-record", "N",
         "at most N distinct IPC (and N CPC) codes in one record, else an error (default " +
             std::to_string(techconv::io::read_limits{}.max_codes_per_record) + ")"},
        {"max-columns", "N",
         "at most N columns in a CSV input (default " + std::to_string(techconv::io::read_limits{}.max_columns) +
             ")"},
        {"max-xml-depth", "N",
         "at most N nested XML elements (default " + std::to_string(techconv::io::read_limits{}.max_xml_depth) +
             ")"},
    };
    return o;
}

void print_help(const command_spec& spec, std::FILE* out) {
    std::fprintf(out, "usage: techconv %s %s\n\n%s\n", spec.name.c_str(), spec.synopsis.c_str(),
                 spec.description.c_str());
    std::fprintf(out, "\noptions:\n");
    for (const auto& o : spec.options) {
        std::string left = "--" + o.name + (o.value.empty() ? "" : " " + o.value);
        std::fprintf(out, "  %-26s %s\n", left.c_str(), o.help.c_str());
    }
    if (spec.patent_limits)
        for (const auto& o : limit_options()) {
            const std::string left = "--" + o.name + " " + o.value;
            std::fprintf(out, "  %-26s %s\n", left.c_str(), o.help.c_str());
        }
    std::fprintf(out, "  %-26s %s\n", "--encoding NAME",
                 "how input bytes are read: auto (default: per file, reported), utf-8, latin1, cp1252, macroman, "
                 "utf-16le, utf-16be");
    std::fprintf(out, "  %-26s %s\n", "--force", "replace a previous techconv result in --out as a whole");
    std::fprintf(out, "  %-26s %s\n", "--quiet", "no progress messages on stderr");
    std::fprintf(out, "  %-26s %s\n", "--help", "this text");
    if (!spec.outputs.empty()) std::fprintf(out, "\noutputs:\n%s\n", spec.outputs.c_str());
    std::fprintf(out, "\nexit status: 0 success, 1 bad input (one-line reason on stderr), 2 usage error\n");
}

double fraction_option(const arguments& a) {
    const double q = a.get_double("top", 0.05);
    if (!(q > 0.0 && q <= 1.0)) throw usage_error("--top expects a fraction in (0, 1]");
    return q;
}

int threads_option(const arguments& a) {
    const long long t = a.get_int("threads", 1);
    if (t < 0 || t > 256) throw usage_error("--threads expects 0..256");
    return static_cast<int>(t);
}

bool group_by_country(const arguments& a) {
    const std::string g = a.get("group-by", "none");
    if (g != "country" && g != "none") throw usage_error("--group-by expects country or none");
    return g == "country";
}

int report_error(const command_spec& spec, const std::exception& e, bool usage) {
    std::string msg = e.what();
    for (auto& c : msg)
        if (c == '\n' || c == '\r') c = ' ';
    std::fprintf(stderr, "techconv %s: error: %s\n", spec.name.c_str(), msg.c_str());
    if (usage) {
        std::fprintf(stderr, "usage: techconv %s %s (see --help)\n", spec.name.c_str(),
                     spec.synopsis.c_str());
        return 2;
    }
    return 1;
}

// --- formats --------------------------------------------------------------------------------

input_format parse_format(const std::string& s) {
    try {
        return techconv::io::input_format_from_string(s);
    } catch (const techconv::invalid_argument&) {
        throw usage_error("unknown --format '" + s + "' (auto, lens, uspto-xml, csv, wos, wos-tab, scopus)");
    }
}

// --- progress -------------------------------------------------------------------------------

namespace {
double now_seconds() {
    using clock = std::chrono::steady_clock;
    return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}
constexpr std::uint64_t progress_min_bytes = std::uint64_t{8} << 20;
}  // namespace

void progress::start(const std::string& path) {
    path_ = path;
    shown_ = false;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    total_ = ec ? 0 : static_cast<std::uint64_t>(size);
    last_ = now_seconds();
}

void progress::update(std::uint64_t bytes, std::size_t records) {
    if (quiet_ || total_ < progress_min_bytes) return;
    const double t = now_seconds();
    if (t - last_ < 0.5) return;
    last_ = t;
    shown_ = true;
    const double pct = 100.0 * static_cast<double>(bytes) / static_cast<double>(total_);
    std::fprintf(stderr, "\r%s: %5.1f%%  %zu records", path_.c_str(), pct, records);
    std::fflush(stderr);
}

void progress::finish(std::size_t records) {
    if (shown_) std::fprintf(stderr, "\r%s: 100.0%%  %zu records\n", path_.c_str(), records);
    shown_ = false;
}

void progress::note(const std::string& msg) const {
    if (!quiet_) std::fprintf(stderr, "%s\n", msg.c_str());
}

// --- outputs --------------------------------------------------------------------------------

void make_dir(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) throw std::runtime_error(dir + ": cannot create the output folder");
}

void write_scores(const std::string& dir, const std::vector<std::string>& ids, const techconv::vector& scores,
                  const techconv::index_vector& ranks, techconv::index k) {
    auto f = open_output(dir, "scores.csv");
    techconv::report::write_scores_csv(f, ids, scores, ranks, k, true);
}

}  // namespace tcli
