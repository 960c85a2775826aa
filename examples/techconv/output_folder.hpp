// SPDX-License-Identifier: BSL-1.0
//
// The result folder of one techconv run, written all or nothing.
//
// A run writes every file into a staging folder beside --out
// (`.NAME.techconv-staging-PID`, same file system), checks every write and
// close, fsyncs the files and the folder, writes manifest.json last, and only
// then puts the folder in place with one atomic rename (or an atomic exchange
// with the previous result under --force). On an error, SIGINT, SIGTERM or
// SIGHUP the staging folder is removed and --out is left as it was. A lock
// file beside --out (`.NAME.techconv-lock`, flock) refuses a concurrent run
// into the same folder. See docs/reliability.md.
#ifndef TECHCONV_CLI_OUTPUT_FOLDER_HPP_
#define TECHCONV_CLI_OUTPUT_FOLDER_HPP_

#include <cstdint>  // std::uint64_t
#include <cstddef>  // std::size_t
#include <fstream>  // std::ofstream
#include <functional>  // std::function
#include <map>      // std::map
#include <string>   // std::string
#include <utility>  // std::pair
#include <vector>   // std::vector

namespace tcli {

/// An output file of the current run: an ofstream whose write or close
/// errors are reported to the active output_folder (which then refuses to
/// commit). Close it explicitly or let it go out of scope.
class output_file : public std::ofstream {
public:
    output_file() = default;
    /// Opens `path` for binary writing (check with operator bool).
    explicit output_file(const std::string& path);
    output_file(output_file&& other) noexcept;
    output_file& operator=(output_file&& other) noexcept;
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;
    /// Closes the file (flushing it); a failed write or close is recorded.
    ~output_file() override;
    /// Closes the file now; a failed write or close is recorded.
    void finish();

private:
    std::string path_;
};

/// What manifest.json records besides the files: the command, its inputs and
/// options, and the run's counts (records read, kept, dropped by reason).
struct run_manifest {
    std::string command;                                   ///< subcommand name
    std::vector<std::string> argv;                         ///< the whole command line
    std::vector<std::string> inputs;                       ///< input paths (size and checksum are added)
    std::map<std::string, std::string> options;            ///< parsed option values
    std::vector<std::pair<std::string, long long>> counts;  ///< in the order they were reported
};

/// The staging folder of one run and its commit (see the file comment).
class output_folder {
public:
    /// Checks `final_dir` before any work: it must be absent, an empty folder,
    /// or a previous techconv result (a folder whose manifest.json names
    /// techconv as its generator) together with `force`. Takes the lock,
    /// creates the staging folder and installs the signal handlers.
    /// Throws std::runtime_error with the reason.
    output_folder(std::string final_dir, bool force);
    /// Removes the staging folder unless commit() succeeded.
    ~output_folder();
    output_folder(const output_folder&) = delete;
    output_folder& operator=(const output_folder&) = delete;

    /// Where the run writes its files.
    const std::string& staging() const noexcept { return staging_; }
    /// The --out folder.
    const std::string& final_dir() const noexcept { return final_; }

    /// Writes manifest.json, checks that no write failed, fsyncs every file
    /// and the folder, and moves the folder into place (replacing a previous
    /// result as a whole). Throws std::runtime_error naming the failed file;
    /// --out is then untouched.
    void commit(const run_manifest& m);

private:
    std::string final_, staging_, lock_path_;
    int lock_fd_ = -1;
    bool committed_ = false;
};

/// Records a count for manifest.json of the active run (no effect without one).
void report_count(const std::string& key, long long value);
/// Records that writing `path` failed (called by output_file).
void report_write_failure(const std::string& path);

/// The fnv1a64x4 checksum (see output_folder.cpp) of bytes given in pieces.
class checksum {
public:
    /// Adds `n` bytes.
    void update(const char* data, std::size_t n);
    /// The checksum and the byte count of everything added.
    std::pair<std::uint64_t, std::uint64_t> result() const;

private:
    std::uint64_t lane_[4] = {1469598103934665603ULL, 1469598103934665603ULL ^ 1, 1469598103934665603ULL ^ 2,
                              1469598103934665603ULL ^ 3};
    std::uint64_t bytes_ = 0;
    unsigned char tail_[32] = {};
    std::size_t have_ = 0;  // bytes in tail_ (less than 32)
};

/// An observer (io::byte_observer) that checksums input number `index` of the
/// command line as it is read, for manifest.json: an input read to its end
/// this way is not read a second time, and a FIFO or standard input gets its
/// size and checksum too. Without an active run it does nothing.
std::function<void(const char*, std::size_t)> input_observer(std::size_t index);

/// Checksum (fnv1a64x4, see output_folder.cpp) of a file's bytes and its size; throws std::runtime_error
/// naming the file when it cannot be read.
std::pair<std::uint64_t, std::uint64_t> file_checksum(const std::string& path);

}  // namespace tcli

#endif  // TECHCONV_CLI_OUTPUT_FOLDER_HPP_
