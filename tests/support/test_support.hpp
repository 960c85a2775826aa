// Support for techconv's tests: where the real datasets are, how to run the
// independent reference implementations (Python: numpy, SciPy, NetworkX,
// python-igraph), temporary files, and skipping.
//
// Skips: a test that needs the datasets or Python and cannot find them calls
// skip(), which exits with code 77; CTest registers every test with
// SKIP_RETURN_CODE 77 and reports it as skipped. When the environment
// variable CI is set, skip() fails the test instead: CI may never skip.
#ifndef TECHCONV_TESTS_SUPPORT_HPP_
#define TECHCONV_TESTS_SUPPORT_HPP_

#include <string>
#include <string_view>
#include <vector>

namespace techconv_test {

/// The datasets folder (env TECHCONV_DATA_DIR overrides the configured one).
std::string data_dir();
/// Whether the datasets folder exists.
bool have_data();
/// Path of `relative` inside the datasets folder; skips the test if the
/// folder (or that file) is missing.
std::string data_path(std::string_view relative);
/// The tests' source folder (for Python scripts and fixtures).
std::string source_dir();
/// Path of `relative` inside the tests' source folder.
std::string source_path(std::string_view relative);
/// The Python interpreter with the reference packages; skips if none.
std::string python();

/// Skips the current test (exit 77), or fails it when CI is set.
[[noreturn]] void skip(const std::string& why);

/// Result of a shell command.
struct command_result {
    int exit_code = -1;
    std::string out;  ///< standard output (standard error passes through)
};
/// Runs a shell command and captures its standard output.
command_result run(const std::string& command);
/// Quotes one argument for the shell.
std::string shell_quote(std::string_view arg);
/// Runs tests/<script> with python() and `args`; fails the test if it exits
/// non-zero; returns its standard output.
std::string run_python(std::string_view script, const std::vector<std::string>& args);

/// A fresh folder for this process's temporary files.
std::string temp_dir();
/// A path in temp_dir() named `name`.
std::string temp_path(std::string_view name);
/// Reads a whole file (binary).
std::string read_file(const std::string& path);
/// Writes a whole file (binary).
void write_file(const std::string& path, std::string_view content);

/// Parses whitespace-separated numbers (as printed by a reference script).
std::vector<double> parse_numbers(std::string_view text);

/// |a - b| <= rel * max(|a|, |b|) + abs.
bool close(double a, double b, double rel = 1e-12, double abs = 0.0);

}  // namespace techconv_test

#endif
