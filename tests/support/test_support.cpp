// doctest's main and the implementation of the test support functions.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// CTest runs every test case as `exe --test-case=<name>`. A name that the
// filter does not match (a ';' splits it in CMake, say) would run nothing and
// pass; this listener makes such a run fail instead.
int g_cases_passing_filters = -1;

struct count_listener : doctest::IReporter {
    explicit count_listener(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& stats) override {
        g_cases_passing_filters = static_cast<int>(stats.numTestCasesPassingFilters);
    }
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("techconv_count", 1, count_listener);

}  // namespace

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int rc = context.run();
    if (context.shouldExit()) return rc;
    bool filtered = false;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]).rfind("--test-case=", 0) == 0 || std::string(argv[i]).rfind("-tc=", 0) == 0)
            filtered = true;
    if (rc == 0 && filtered && g_cases_passing_filters == 0) {
        std::fprintf(stderr, "error: the --test-case filter matched no test case (a ';' in a test name?)\n");
        return 1;
    }
    return rc;
}

namespace techconv_test {

std::string data_dir() {
    if (const char* env = std::getenv("TECHCONV_DATA_DIR"); env && *env) return env;
    return TECHCONV_TEST_DATA_DIR;
}

bool have_data() { return fs::is_directory(data_dir()); }

void skip(const std::string& why) {
    if (const char* ci = std::getenv("CI"); ci && *ci) {
        FAIL("not skippable in CI: " << why);
    }
    std::fprintf(stderr, "SKIPPED: %s\n", why.c_str());
    std::fflush(nullptr);
    std::_Exit(77);
}

std::string data_path(std::string_view relative) {
    if (!have_data()) skip("datasets folder " + data_dir() + " is missing (TECHCONV_DATA_DIR)");
    fs::path p = fs::path(data_dir()) / fs::path(std::string(relative));
    if (!fs::exists(p)) skip("dataset " + p.string() + " is missing");
    return p.string();
}

std::string source_dir() { return TECHCONV_TEST_SOURCE_DIR; }

std::string source_path(std::string_view relative) {
    return (fs::path(source_dir()) / fs::path(std::string(relative))).string();
}

std::string python() {
    const std::string py = TECHCONV_TEST_PYTHON;
    if (py.empty()) skip("no python3 with numpy, scipy, networkx and igraph was found at configure time");
    return py;
}

std::string shell_quote(std::string_view arg) {
    std::string q = "'";
    for (char c : arg) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    q += "'";
    return q;
}

command_result run(const std::string& command) {
    command_result r;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed: " + command);
    std::array<char, 65536> buf{};
    std::size_t got;
    while ((got = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), got);
    const int st = ::pclose(pipe);
    r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

std::string run_python(std::string_view script, const std::vector<std::string>& args) {
    std::string cmd = shell_quote(python()) + " " + shell_quote(source_path(script));
    for (const auto& a : args) cmd += " " + shell_quote(a);
    const auto r = run(cmd);
    if (r.exit_code != 0) {
        FAIL("reference script failed (exit " << r.exit_code << "): " << cmd << "\n" << r.out);
    }
    return r.out;
}

std::string temp_dir() {
    static const std::string dir = [] {
        fs::path base = fs::path(TECHCONV_TEST_BINARY_DIR) / "tmp" /
                        ("p" + std::to_string(static_cast<long>(::getpid())));
        fs::remove_all(base);
        fs::create_directories(base);
        return base.string();
    }();
    return dir;
}

std::string temp_path(std::string_view name) {
    return (fs::path(temp_dir()) / fs::path(std::string(name))).string();
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

void write_file(const std::string& path, std::string_view content) {
    std::ofstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot write " + path);
    f.write(content.data(), static_cast<std::streamsize>(content.size()));
}

std::vector<double> parse_numbers(std::string_view text) {
    std::vector<double> v;
    std::istringstream ss{std::string(text)};
    std::string tok;
    while (ss >> tok) v.push_back(std::stod(tok));
    return v;
}

bool close(double a, double b, double rel, double abs) {
    return std::fabs(a - b) <= rel * std::max(std::fabs(a), std::fabs(b)) + abs;
}

}  // namespace techconv_test
