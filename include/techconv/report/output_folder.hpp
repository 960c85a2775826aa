// SPDX-License-Identifier: BSL-1.0
//
// OPT-IN, POSIX (Linux) only: not included by techconv.hpp nor report.hpp.
//
// The result folder of one run, written all or nothing.
//
// A run writes every file into a staging folder beside the final folder
// (`.NAME.techconv-staging-PID`, same file system), checks every write and
// close, fsyncs the files and the folder, writes manifest.json last, and only
// then puts the folder in place with one atomic rename (or an atomic exchange
// with the previous result under `force`). On an error, SIGINT, SIGTERM,
// SIGHUP or SIGQUIT the staging folder is removed and the final folder is
// left as it was. A lock file beside it (`.NAME.techconv-lock`, flock)
// refuses a concurrent run into the same folder; the run that holds it removes
// it when it ends (also on those signals). See docs/reliability.md.
//
// Uses open/fsync/flock/sigaction and the Linux system calls getdents64 and
// renameat2 (RENAME_EXCHANGE); on another system the header stops with #error.
// File-system failures throw std::runtime_error naming the path: they come
// from the environment, not from the input data (parse_error) nor from the
// caller (invalid_argument). One output_folder per process at a time: the
// counts, the write failures and the signal-time clean-up are process-wide.
#ifndef TECHCONV_REPORT_OUTPUT_FOLDER_HPP_
#define TECHCONV_REPORT_OUTPUT_FOLDER_HPP_

#if !defined(__linux__)
#error "techconv/report/output_folder.hpp needs Linux (getdents64, renameat2, flock)"
#endif

#include <algorithm>     // std::sort
#include <cerrno>        // errno
#include <csignal>       // sigaction, raise
#include <cstddef>       // std::size_t
#include <cstdint>       // std::uint64_t
#include <cstdio>        // std::rename
#include <cstring>       // std::strerror, std::strlen, std::memcpy
#include <filesystem>    // paths, directory listing
#include <fstream>       // std::ofstream, std::ifstream
#include <functional>    // std::function
#include <map>           // std::map
#include <stdexcept>     // std::runtime_error
#include <string>        // std::string
#include <system_error>  // std::error_code
#include <utility>       // std::pair, std::move
#include <vector>        // std::vector

#include <dirent.h>       // DT_DIR (the signal-time clean-up reads entries with getdents64)
#include <fcntl.h>        // open, O_* flags, AT_FDCWD
#include <sys/file.h>     // flock
#include <sys/stat.h>     // stat, mkdir
#include <sys/syscall.h>  // SYS_getdents64, SYS_renameat2
#include <unistd.h>       // fsync, close, unlinkat, getpid

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/json.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/version.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace report {

/// \brief Records a count for manifest.json of the active run (no effect without one).
inline void report_count(const std::string& key, long long value);
/// \brief Records what was detected about an input (io::detection_of) for manifest.json of the
/// active run: written with the first input of the same path that has none yet (no effect
/// without a run).
inline void report_detection(const io::input_detection& d);
/// \brief Records that writing `path` failed (called by output_file).
inline void report_write_failure(const std::string& path);
/// \brief Checksum (fnv1a64x4, see below) of a file's bytes and its size.
/// \throws std::runtime_error naming the file when it cannot be read.
inline std::pair<std::uint64_t, std::uint64_t> file_checksum(const std::string& path);

/// \brief The fnv1a64x4 checksum of bytes given in pieces (file_checksum over a stream).
///
/// fnv1a64x4: four FNV-1a lanes over little-endian 64-bit words (word k of
/// each 32-byte block goes to lane k), the tail bytes FNV-1a into lane 0,
/// then FNV-1a over the four lanes' and the length's little-endian bytes.
/// Four independent multiply chains run at memory speed; docs/reliability.md
/// states it and tests/cli/check_output_folder.py recomputes it in Python.
class checksum {
public:
    /// Adds `n` bytes.
    void update(const char* data, std::size_t n) {
        const auto* p = reinterpret_cast<const unsigned char*>(data);
        bytes_ += n;
        if (have_ > 0) {
            const std::size_t k = std::min(n, 32 - have_);
            std::memcpy(tail_ + have_, p, k);
            have_ += k;
            p += k;
            n -= k;
            if (have_ < 32) return;
            hash_blocks(lane_, tail_, 1);
            have_ = 0;
        }
        hash_blocks(lane_, p, n / 32);
        have_ = n % 32;
        if (have_ > 0) std::memcpy(tail_, p + (n - have_), have_);
    }
    /// The checksum and the byte count of everything added.
    std::pair<std::uint64_t, std::uint64_t> result() const {
        std::uint64_t lane[4] = {lane_[0], lane_[1], lane_[2], lane_[3]};
        for (std::size_t i = 0; i < have_; ++i) lane[0] = (lane[0] ^ tail_[i]) * prime;
        std::uint64_t h = 1469598103934665603ULL;
        const auto mix = [&](std::uint64_t v) {
            for (int b = 0; b < 8; ++b, v >>= 8) h = (h ^ (v & 0xFFU)) * prime;
        };
        for (const auto l : lane) mix(l);
        mix(bytes_);
        return {h, bytes_};
    }

private:
    static constexpr std::uint64_t prime = 1099511628211ULL;
    static void hash_blocks(std::uint64_t (&lane)[4], const unsigned char* p, std::size_t blocks) {
        for (std::size_t i = 0; i < blocks; ++i, p += 32)
            for (int k = 0; k < 4; ++k) {
                std::uint64_t w = 0;
                for (int b = 7; b >= 0; --b) w = (w << 8) | p[8 * k + b];
                lane[k] = (lane[k] ^ w) * prime;
            }
    }
    std::uint64_t lane_[4] = {1469598103934665603ULL, 1469598103934665603ULL ^ 1, 1469598103934665603ULL ^ 2,
                              1469598103934665603ULL ^ 3};
    std::uint64_t bytes_ = 0;
    unsigned char tail_[32] = {};
    std::size_t have_ = 0;  // bytes in tail_ (less than 32)
};

/// \brief An observer of input bytes (io::byte_observer) that checksums input number `index`
/// of run_manifest::inputs as it is read, for manifest.json: an input read to its end this
/// way is not read a second time, and a FIFO or standard input gets its size and checksum too.
/// Without an active run it does nothing.
inline std::function<void(const char*, std::size_t)> input_observer(std::size_t index);

/// \brief An output file of the current run: an ofstream whose write or close
/// errors are reported to the active output_folder (which then refuses to
/// commit). Close it explicitly or let it go out of scope.
class output_file : public std::ofstream {
public:
    output_file() = default;
    /// Opens `path` for binary writing (check with operator bool).
    explicit output_file(const std::string& path) : std::ofstream(path, std::ios::binary), path_(path) {}
    output_file(output_file&& other) noexcept : std::ofstream(std::move(other)), path_(std::move(other.path_)) {
        other.path_.clear();
    }
    output_file& operator=(output_file&& other) noexcept {
        finish();
        std::ofstream::operator=(std::move(other));
        path_ = std::move(other.path_);
        other.path_.clear();
        return *this;
    }
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;
    /// Closes the file (flushing it); a failed write or close is recorded.
    ~output_file() override { finish(); }
    /// Closes the file now; a failed write or close is recorded.
    void finish() {
        if (path_.empty()) return;
        if (is_open()) close();
        if (fail()) report_write_failure(path_);
        path_.clear();
    }

private:
    std::string path_;
};

/// \brief What manifest.json records besides the files: the command, its inputs and
/// options, and the run's counts (records read, kept, dropped by reason).
struct run_manifest {
    std::string command;                                    ///< subcommand name
    /// Processes that computed the result (MPI ranks of `mpirun -np N`; 1 for one process).
    int ranks = 1;
    std::vector<std::string> argv;                          ///< the whole command line
    std::vector<std::string> inputs;                        ///< input paths (size and checksum are added)
    /// Auxiliary input files (option, path): concordances, term lists, title lists; a folder
    /// is listed file by file. Size and checksum are added from the file at commit time.
    std::vector<std::pair<std::string, std::string>> auxiliary;
    std::map<std::string, std::string> options;             ///< parsed option values
    std::vector<std::pair<std::string, long long>> counts;  ///< in the order they were reported
};

namespace detail {

namespace fs = std::filesystem;

// --- the active run (one per process) ------------------------------------------------------

struct input_digest {
    checksum sum;
    bool complete = false;  // the observer saw the end of the input
};

struct active_run {
    std::vector<std::pair<std::string, long long>> counts;
    std::vector<std::string> failures;
    std::vector<input_digest> inputs;  // by position in run_manifest::inputs
    std::vector<io::input_detection> detections;  // in the order they were reported
};

// Writes the members of detection `d` into the open object of `j` (manifest.json inputs[]).
inline void write_detection(io::json_writer& j, const io::input_detection& d) {
    j.key("format").value(std::string(io::to_string(d.format)));
    j.key("format_detected").value(d.format_detected);
    j.key("encoding").value(std::string(io::to_string(d.encoding)));
    j.key("encoding_name").value(std::string(io::display_name(d.encoding)));
    j.key("encoding_detected").value(d.encoding_detected);
    j.key("bom").value(d.bom);
    j.key("bytes_not_utf8").value(static_cast<std::int64_t>(d.bytes_not_utf8));
    j.key("line_ends").value(std::string(io::to_string(d.line_ends())));
    j.key("line_end_counts").begin_object();
    j.key("lf").value(static_cast<std::int64_t>(d.lf));
    j.key("crlf").value(static_cast<std::int64_t>(d.crlf));
    j.key("cr").value(static_cast<std::int64_t>(d.cr));
    j.end_object();
}
inline active_run* g_run = nullptr;

// The staging folder as a C string for the signal handler (no allocation there).
inline char g_staging[4096] = {0};
inline volatile std::sig_atomic_t g_armed = 0;
// The lock file this process holds, removed by the signal handler too.
inline char g_lock[4096] = {0};
inline volatile std::sig_atomic_t g_lock_armed = 0;

// Removes every entry of the folder `path` (one level of subfolders) and the
// folder itself using only async-signal-safe calls.
inline void remove_tree_signal_safe(const char* path, int depth) {
    const int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    alignas(8) char buf[8192];
    for (;;) {
        const long n = ::syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0) break;
        for (long off = 0; off < n;) {
            // struct linux_dirent64 { u64 ino; s64 off; u16 reclen; u8 type; char name[]; }
            unsigned short reclen = 0;
            std::memcpy(&reclen, buf + off + 16, sizeof reclen);
            const unsigned char type = static_cast<unsigned char>(buf[off + 18]);
            const char* name = buf + off + 19;
            off += reclen;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
            if (type == DT_DIR && depth < 4) {
                char sub[4096];
                const std::size_t a = std::strlen(path), b = std::strlen(name);
                if (a + b + 2 > sizeof sub) continue;
                std::memcpy(sub, path, a);
                sub[a] = '/';
                std::memcpy(sub + a + 1, name, b + 1);
                remove_tree_signal_safe(sub, depth + 1);
            } else {
                ::unlinkat(fd, name, 0);
            }
        }
    }
    ::close(fd);
    ::rmdir(path);
}

inline void on_fatal_signal(int sig) {
    if (g_armed) {
        g_armed = 0;
        remove_tree_signal_safe(g_staging, 0);
    }
    if (g_lock_armed) {  // still held: removing the name is safe (see output_folder::release_lock)
        g_lock_armed = 0;
        ::unlink(g_lock);
    }
    // The default action (terminate) with the same signal, so the exit status says what happened.
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    ::sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
    ::raise(sig);
}

constexpr int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

inline void install_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_fatal_signal;
    ::sigemptyset(&sa.sa_mask);
    for (int s : fatal_signals) ::sigaddset(&sa.sa_mask, s);
    for (int s : fatal_signals) ::sigaction(s, &sa, nullptr);
}

// Blocks the fatal signals while the folder is moved into place.
struct signal_block {
    sigset_t old{};
    signal_block() {
        sigset_t set;
        ::sigemptyset(&set);
        for (int s : fatal_signals) ::sigaddset(&set, s);
        ::sigprocmask(SIG_BLOCK, &set, &old);
    }
    ~signal_block() { ::sigprocmask(SIG_SETMASK, &old, nullptr); }
    signal_block(const signal_block&) = delete;
    signal_block& operator=(const signal_block&) = delete;
};

inline std::string errno_text() { return std::strerror(errno); }

[[noreturn]] inline void fail(const std::string& message) {
    ::techconv::detail::throw_error<std::runtime_error>(message);
}

inline void fsync_path(const std::string& path, bool dir) {
    const int fd = ::open(path.c_str(), (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) fail(path + ": cannot open to sync: " + errno_text());
    const int rc = ::fsync(fd);
    const std::string err = rc != 0 ? errno_text() : std::string();
    ::close(fd);
    if (rc != 0) fail(path + ": cannot sync to disk: " + err);
}

// Whether `dir` holds a previous techconv result (manifest.json naming techconv as generator).
inline bool is_techconv_result(const fs::path& dir) {
    std::ifstream in(dir / "manifest.json", std::ios::binary);
    if (!in) return false;
    std::string head(4096, '\0');
    in.read(&head[0], static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.find("\"generator\": \"techconv\"") != std::string::npos;
}

inline std::string hex64(std::uint64_t v) {
    static const char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = digits[v & 15U];
    return s;
}

// The files of the staging folder, relative paths, sorted (subfolders included).
inline std::vector<std::string> list_files(const fs::path& root) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace detail

/// \brief The staging folder of one run and its commit (see the file comment).
class output_folder {
public:
    /// Checks `final_dir` before any work: it must be absent, an empty folder,
    /// or a previous techconv result (a folder whose manifest.json names
    /// techconv as its generator) together with `force`. Takes the lock,
    /// creates the staging folder and installs the signal handlers.
    /// \throws std::runtime_error with the reason.
    output_folder(std::string final_dir, bool force);
    /// Removes the staging folder unless commit() succeeded.
    ~output_folder() {
        if (!committed_) {
            detail::g_armed = 0;
            std::error_code ec;
            std::filesystem::remove_all(staging_, ec);
        }
        detail::g_run = nullptr;
        release_lock();
    }
    output_folder(const output_folder&) = delete;
    output_folder& operator=(const output_folder&) = delete;

    /// Where the run writes its files.
    const std::string& staging() const noexcept { return staging_; }
    /// The final folder.
    const std::string& final_dir() const noexcept { return final_; }

    /// Writes manifest.json, checks that no write failed, fsyncs every file
    /// and the folder, and moves the folder into place (replacing a previous
    /// result as a whole). \throws std::runtime_error naming the failed file;
    /// the final folder is then untouched.
    void commit(const run_manifest& m);

private:
    // The checks of `final_` after the lock, the staging folder and the signal handlers.
    void check_and_stage(bool force);
    // Removes the lock file's name while the lock is still held, then releases it. A run that
    // opened the file before the removal and locks it after the release finds that the name no
    // longer leads to its file (the check in the constructor) and takes a new one.
    void release_lock() noexcept {
        if (lock_fd_ < 0) return;
        detail::g_lock_armed = 0;
        ::unlink(lock_path_.c_str());
        ::close(lock_fd_);
        lock_fd_ = -1;
    }

    std::string final_, staging_, lock_path_;
    int lock_fd_ = -1;
    bool committed_ = false;
};

inline output_folder::output_folder(std::string final_dir, bool force) : final_(std::move(final_dir)) {
    namespace fs = std::filesystem;
    using detail::errno_text;
    using detail::fail;
    if (final_.empty()) fail("--out is empty");
    while (final_.size() > 1 && final_.back() == '/') final_.pop_back();
    const fs::path out(final_);
    const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
    const std::string name = out.filename().string();
    if (name.empty() || name == "." || name == "..")
        fail(final_ + ": --out must name a folder (not '.' or '..')");

    std::error_code ec;
    fs::create_directories(parent, ec);
    if (!fs::is_directory(parent)) fail(parent.string() + ": cannot create the parent of --out");

    // One run at a time per --out.
    lock_path_ = (parent / ("." + name + ".techconv-lock")).string();
    for (;;) {
        lock_fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (lock_fd_ < 0) fail(lock_path_ + ": cannot create the lock file: " + errno_text());
        if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
            ::close(lock_fd_);
            lock_fd_ = -1;
            fail(final_ + ": another techconv run is writing this folder");
        }
        // The run that held the lock removes the name before it releases the lock: the file
        // locked here may be one that no longer has the name; then lock the file the name has now.
        struct stat held {}, named {};
        if (::fstat(lock_fd_, &held) == 0 && ::stat(lock_path_.c_str(), &named) == 0 &&
            held.st_dev == named.st_dev && held.st_ino == named.st_ino)
            break;
        ::close(lock_fd_);
        lock_fd_ = -1;
    }
    if (lock_path_.size() < sizeof detail::g_lock) {
        std::memcpy(detail::g_lock, lock_path_.c_str(), lock_path_.size() + 1);
        detail::g_lock_armed = 1;
    }
    try {
        check_and_stage(force);
    } catch (...) {
        release_lock();  // a refused folder releases the lock at once (the destructor does not run)
        throw;
    }
}

inline void output_folder::check_and_stage(bool force) {
    namespace fs = std::filesystem;
    using detail::errno_text;
    using detail::fail;
    const fs::path out(final_);
    const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
    const std::string name = out.filename().string();
    std::error_code ec;
    const auto st = fs::symlink_status(out, ec);
    if (!ec && fs::exists(st)) {
        if (fs::is_symlink(st)) fail(final_ + ": --out is a symbolic link; give the folder itself");
        if (!fs::is_directory(st)) fail(final_ + ": --out exists and is not a folder");
        const bool empty = fs::directory_iterator(out) == fs::directory_iterator();
        if (!empty) {
            if (!detail::is_techconv_result(out))
                fail(final_ + ": --out is not empty and holds no techconv result "
                              "(no manifest.json); refusing to write into it");
            if (!force)
                fail(final_ + ": --out holds a previous techconv result; "
                              "use --force to replace it as a whole");
        }
    }

    staging_ = (parent / ("." + name + ".techconv-staging-" + std::to_string(::getpid()))).string();
    fs::remove_all(staging_, ec);  // a leftover of a killed run with the same pid
    if (::mkdir(staging_.c_str(), 0755) != 0)
        fail(staging_ + ": cannot create the staging folder: " + errno_text());
    if (staging_.size() < sizeof detail::g_staging) {
        std::memcpy(detail::g_staging, staging_.c_str(), staging_.size() + 1);
        detail::g_armed = 1;
    }
    detail::install_handlers();
    static detail::active_run run;
    run = detail::active_run{};
    detail::g_run = &run;
}

inline void output_folder::commit(const run_manifest& m) {
    namespace fs = std::filesystem;
    using detail::errno_text;
    using detail::fail;
    using detail::fsync_path;
    using detail::g_run;
    // Every file the run wrote must have been written and closed without error.
    const auto check_writes = [&] {
        if (!g_run || g_run->failures.empty()) return;
        std::string f = g_run->failures.front();
        if (f.compare(0, staging_.size(), staging_) == 0) f = final_ + f.substr(staging_.size());
        fail(f + ": write failed (disk full or I/O error); --out was left as it was");
    };
    check_writes();

    const auto files = detail::list_files(staging_);
    {
        output_file f((fs::path(staging_) / "manifest.json").string());
        if (!f) fail(staging_ + "/manifest.json: cannot write");
        io::json_writer j(f);
        j.begin_object();
        j.key("generator").value("techconv");
        j.key("version").value(std::string(TECHCONV_VERSION_STRING));
        j.key("command").value(m.command);
        j.key("ranks").value(static_cast<std::int64_t>(m.ranks));
        j.key("argv").array(m.argv);
        j.key("inputs").begin_array();
        for (std::size_t i = 0; i < m.inputs.size(); ++i) {
            const std::string& in = m.inputs[i];
            j.begin_object().key("path").value(in);
            // the bytes as the run read them (every input read through an input_observer);
            // else a regular file is read for its checksum; else (not read to its end) unknown
            const detail::input_digest* seen =
                g_run && i < g_run->inputs.size() && g_run->inputs[i].complete ? &g_run->inputs[i] : nullptr;
            struct stat sb {};
            if (seen || (in != "-" && ::stat(in.c_str(), &sb) == 0 && S_ISREG(sb.st_mode))) {
                const auto [sum, bytes] = seen ? seen->sum.result() : file_checksum(in);
                j.key("bytes").value(static_cast<std::int64_t>(bytes));
                j.key("fnv1a64x4").value(detail::hex64(sum));
            } else {
                j.key("bytes").null().key("fnv1a64x4").null();
            }
            if (g_run)  // what was detected when it was read (report_detection), in input order
                for (auto& d : g_run->detections)
                    if (d.source == in) {
                        detail::write_detection(j, d);
                        d.source.clear();  // the next input of the same path takes the next one
                        break;
                    }
            j.end_object();
        }
        j.end_array();
        if (!m.auxiliary.empty()) {
            j.key("auxiliary").begin_array();
            for (const auto& [option, path] : m.auxiliary) {
                j.begin_object().key("option").value(option).key("path").value(path);
                struct stat sb {};
                if (::stat(path.c_str(), &sb) == 0 && S_ISREG(sb.st_mode)) {
                    const auto [sum, bytes] = file_checksum(path);
                    j.key("bytes").value(static_cast<std::int64_t>(bytes));
                    j.key("fnv1a64x4").value(detail::hex64(sum));
                } else {  // a FIFO or gone: its bytes cannot be read again
                    j.key("bytes").null().key("fnv1a64x4").null();
                }
                j.end_object();
            }
            j.end_array();
        }
        j.key("options").begin_object();
        for (const auto& [k, v] : m.options) j.key(k).value(v);
        j.end_object();
        j.key("counts").begin_object();
        if (g_run)
            for (const auto& [k, v] : g_run->counts) j.key(k).value(v);
        for (const auto& [k, v] : m.counts) j.key(k).value(v);
        j.end_object();
        j.key("files").begin_array();
        for (const auto& name : files) {
            const auto [sum, bytes] = file_checksum((fs::path(staging_) / name).string());
            j.begin_object().key("name").value(name);
            j.key("bytes").value(static_cast<std::int64_t>(bytes)).key("fnv1a64x4").value(detail::hex64(sum));
            j.end_object();
        }
        j.end_array();
        j.end_object();
        f << '\n';
        f.finish();
    }
    check_writes();

    for (const auto& name : files) fsync_path((fs::path(staging_) / name).string(), false);
    fsync_path((fs::path(staging_) / "manifest.json").string(), false);
    for (const auto& e : fs::recursive_directory_iterator(staging_))
        if (e.is_directory()) fsync_path(e.path().string(), true);
    fsync_path(staging_, true);

    const fs::path out(final_);
    const std::string parent = out.has_parent_path() ? out.parent_path().string() : std::string(".");
    detail::signal_block block;  // no interruption between the rename and the clean-up
    std::error_code ec;
    if (fs::exists(fs::symlink_status(out, ec))) {
        // Swap the new result with the previous one atomically, then remove the previous one.
        if (::syscall(SYS_renameat2, AT_FDCWD, staging_.c_str(), AT_FDCWD, final_.c_str(), 2 /*RENAME_EXCHANGE*/) !=
            0)
            fail(final_ + ": cannot replace the previous result: " + errno_text());
        committed_ = true;
        detail::g_armed = 0;
        fs::remove_all(staging_, ec);  // now holds the previous result
    } else {
        if (std::rename(staging_.c_str(), final_.c_str()) != 0)
            fail(final_ + ": cannot move the result into place: " + errno_text());
        committed_ = true;
        detail::g_armed = 0;
    }
    fsync_path(parent, true);
}

// --- counts and failures -----------------------------------------------------------------------

inline void report_detection(const io::input_detection& d) {
    if (detail::g_run) detail::g_run->detections.push_back(d);
}

inline void report_count(const std::string& key, long long value) {
    if (!detail::g_run) return;
    for (auto& [k, v] : detail::g_run->counts)
        if (k == key) {
            v = value;
            return;
        }
    detail::g_run->counts.emplace_back(key, value);
}

inline void report_write_failure(const std::string& path) {
    if (detail::g_run) detail::g_run->failures.push_back(path);
}

inline std::function<void(const char*, std::size_t)> input_observer(std::size_t index) {
    return [index](const char* data, std::size_t n) {
        auto* run = detail::g_run;
        if (!run) return;
        if (run->inputs.size() <= index) run->inputs.resize(index + 1);
        auto& d = run->inputs[index];
        if (n == 0) d.complete = true;
        else d.sum.update(data, n);
    };
}

inline std::pair<std::uint64_t, std::uint64_t> file_checksum(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) detail::fail(path + ": cannot read: " + detail::errno_text());
    checksum sum;
    std::vector<char> buf(1U << 20);
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string err = detail::errno_text();
            ::close(fd);
            detail::fail(path + ": cannot read: " + err);
        }
        if (n == 0) break;
        sum.update(buf.data(), static_cast<std::size_t>(n));
    }
    ::close(fd);
    return sum.result();
}

}  // namespace report
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_REPORT_OUTPUT_FOLDER_HPP_
