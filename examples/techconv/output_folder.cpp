// SPDX-License-Identifier: BSL-1.0
// The all-or-nothing result folder (output_folder.hpp).
#include "output_folder.hpp"

#include <cerrno>      // errno
#include <csignal>     // sigaction, raise
#include <cstdio>      // std::rename, renameat2
#include <cstring>     // std::strerror, std::strlen
#include <algorithm>   // std::sort
#include <filesystem>  // paths, directory listing
#include <fstream>     // std::ifstream
#include <sstream>     // std::ostringstream
#include <stdexcept>   // std::runtime_error

#include <dirent.h>     // DT_DIR (the signal-time clean-up reads entries with getdents64)
#include <fcntl.h>      // open, O_* flags, AT_FDCWD
#include <sys/file.h>   // flock
#include <sys/stat.h>   // stat, mkdir
#include <sys/syscall.h>  // SYS_getdents64, SYS_renameat2
#include <unistd.h>     // fsync, close, unlinkat, getpid

#include <techconv/format/json.hpp>
#include <techconv/version.hpp>

namespace tcli {

namespace fs = std::filesystem;

namespace {

// --- the active run (one per process) ------------------------------------------------------

struct input_digest {
    checksum sum;
    bool complete = false;  // the observer saw the end of the input
};

struct active_run {
    std::vector<std::pair<std::string, long long>> counts;
    std::vector<std::string> failures;
    std::vector<input_digest> inputs;  // by position on the command line
};
active_run* g_run = nullptr;

// The staging folder as a C string for the signal handler (no allocation there).
char g_staging[4096] = {0};
volatile std::sig_atomic_t g_armed = 0;

// Removes every entry of the folder `path` (one level of subfolders) and the
// folder itself using only async-signal-safe calls.
void remove_tree_signal_safe(const char* path, int depth) {
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

extern "C" void on_fatal_signal(int sig) {
    if (g_armed) {
        g_armed = 0;
        remove_tree_signal_safe(g_staging, 0);
    }
    // The default action (terminate) with the same signal, so the exit status says what happened.
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    ::sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
    ::raise(sig);
}

constexpr int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void install_handlers() {
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
};

std::string errno_text() { return std::strerror(errno); }

void fsync_path(const std::string& path, bool dir) {
    const int fd = ::open(path.c_str(), (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error(path + ": cannot open to sync: " + errno_text());
    const int rc = ::fsync(fd);
    const std::string err = rc != 0 ? errno_text() : std::string();
    ::close(fd);
    if (rc != 0) throw std::runtime_error(path + ": cannot sync to disk: " + err);
}

// Whether `dir` holds a previous techconv result (manifest.json naming techconv as generator).
bool is_techconv_result(const fs::path& dir) {
    std::ifstream in(dir / "manifest.json", std::ios::binary);
    if (!in) return false;
    std::string head(4096, '\0');
    in.read(&head[0], static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.find("\"generator\": \"techconv\"") != std::string::npos;
}

std::string hex64(std::uint64_t v) {
    static const char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = digits[v & 15U];
    return s;
}

// The files of the staging folder, relative paths, sorted (subfolders included).
std::vector<std::string> list_files(const fs::path& root) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

// --- output_file ------------------------------------------------------------------------------

output_file::output_file(const std::string& path) : std::ofstream(path, std::ios::binary), path_(path) {}

output_file::output_file(output_file&& other) noexcept
    : std::ofstream(std::move(other)), path_(std::move(other.path_)) {
    other.path_.clear();
}

output_file& output_file::operator=(output_file&& other) noexcept {
    finish();
    std::ofstream::operator=(std::move(other));
    path_ = std::move(other.path_);
    other.path_.clear();
    return *this;
}

output_file::~output_file() { finish(); }

void output_file::finish() {
    if (path_.empty()) return;
    if (is_open()) close();
    if (fail()) report_write_failure(path_);
    path_.clear();
}

// --- output_folder -----------------------------------------------------------------------------

output_folder::output_folder(std::string final_dir, bool force) : final_(std::move(final_dir)) {
    if (final_.empty()) throw std::runtime_error("--out is empty");
    while (final_.size() > 1 && final_.back() == '/') final_.pop_back();
    const fs::path out(final_);
    const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
    const std::string name = out.filename().string();
    if (name.empty() || name == "." || name == "..")
        throw std::runtime_error(final_ + ": --out must name a folder (not '.' or '..')");

    std::error_code ec;
    fs::create_directories(parent, ec);
    if (!fs::is_directory(parent)) throw std::runtime_error(parent.string() + ": cannot create the parent of --out");

    // One run at a time per --out.
    lock_path_ = (parent / ("." + name + ".techconv-lock")).string();
    lock_fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) throw std::runtime_error(lock_path_ + ": cannot create the lock file: " + errno_text());
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(lock_fd_);
        lock_fd_ = -1;
        throw std::runtime_error(final_ + ": another techconv run is writing this folder");
    }

    const auto st = fs::symlink_status(out, ec);
    if (!ec && fs::exists(st)) {
        if (fs::is_symlink(st))
            throw std::runtime_error(final_ + ": --out is a symbolic link; give the folder itself");
        if (!fs::is_directory(st)) throw std::runtime_error(final_ + ": --out exists and is not a folder");
        const bool empty = fs::directory_iterator(out) == fs::directory_iterator();
        if (!empty) {
            if (!is_techconv_result(out))
                throw std::runtime_error(final_ + ": --out is not empty and holds no techconv result "
                                         "(no manifest.json); refusing to write into it");
            if (!force)
                throw std::runtime_error(final_ + ": --out holds a previous techconv result; "
                                         "use --force to replace it as a whole");
        }
    }

    staging_ = (parent / ("." + name + ".techconv-staging-" + std::to_string(::getpid()))).string();
    fs::remove_all(staging_, ec);  // a leftover of a killed run with the same pid
    if (::mkdir(staging_.c_str(), 0755) != 0)
        throw std::runtime_error(staging_ + ": cannot create the staging folder: " + errno_text());
    if (staging_.size() < sizeof g_staging) {
        std::memcpy(g_staging, staging_.c_str(), staging_.size() + 1);
        g_armed = 1;
    }
    install_handlers();
    static active_run run;
    run = active_run{};
    g_run = &run;
}

output_folder::~output_folder() {
    if (!committed_) {
        g_armed = 0;
        std::error_code ec;
        fs::remove_all(staging_, ec);
    }
    g_run = nullptr;
    if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

void output_folder::commit(const run_manifest& m) {
    // Every file the run wrote must have been written and closed without error.
    const auto check_writes = [&] {
        if (!g_run || g_run->failures.empty()) return;
        std::string f = g_run->failures.front();
        if (f.compare(0, staging_.size(), staging_) == 0) f = final_ + f.substr(staging_.size());
        throw std::runtime_error(f + ": write failed (disk full or I/O error); --out was left as it was");
    };
    check_writes();

    const auto files = list_files(staging_);
    {
        output_file f((fs::path(staging_) / "manifest.json").string());
        if (!f) throw std::runtime_error(staging_ + "/manifest.json: cannot write");
        techconv::io::json_writer j(f);
        j.begin_object();
        j.key("generator").value("techconv");
        j.key("version").value(std::string(TECHCONV_VERSION_STRING));
        j.key("command").value(m.command);
        j.key("argv").array(m.argv);
        j.key("inputs").begin_array();
        for (std::size_t i = 0; i < m.inputs.size(); ++i) {
            const std::string& in = m.inputs[i];
            j.begin_object().key("path").value(in);
            // the bytes as the run read them (every input the command reads through open_inputs);
            // else a regular file is read for its checksum; else (not read to its end) unknown
            const input_digest* seen =
                g_run && i < g_run->inputs.size() && g_run->inputs[i].complete ? &g_run->inputs[i] : nullptr;
            struct stat sb {};
            if (seen || (in != "-" && ::stat(in.c_str(), &sb) == 0 && S_ISREG(sb.st_mode))) {
                const auto [sum, bytes] = seen ? seen->sum.result() : file_checksum(in);
                j.key("bytes").value(static_cast<std::int64_t>(bytes));
                j.key("fnv1a64x4").value(hex64(sum));
            } else {
                j.key("bytes").null().key("fnv1a64x4").null();
            }
            j.end_object();
        }
        j.end_array();
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
            j.key("bytes").value(static_cast<std::int64_t>(bytes)).key("fnv1a64x4").value(hex64(sum));
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
    signal_block block;  // no interruption between the rename and the clean-up
    std::error_code ec;
    if (fs::exists(fs::symlink_status(out, ec))) {
        // Swap the new result with the previous one atomically, then remove the previous one.
        if (::syscall(SYS_renameat2, AT_FDCWD, staging_.c_str(), AT_FDCWD, final_.c_str(), 2 /*RENAME_EXCHANGE*/) !=
            0)
            throw std::runtime_error(final_ + ": cannot replace the previous result: " + errno_text());
        committed_ = true;
        g_armed = 0;
        fs::remove_all(staging_, ec);  // now holds the previous result
    } else {
        if (std::rename(staging_.c_str(), final_.c_str()) != 0)
            throw std::runtime_error(final_ + ": cannot move the result into place: " + errno_text());
        committed_ = true;
        g_armed = 0;
    }
    fsync_path(parent, true);
}

// --- counts and failures -----------------------------------------------------------------------

void report_count(const std::string& key, long long value) {
    if (!g_run) return;
    for (auto& [k, v] : g_run->counts)
        if (k == key) {
            v = value;
            return;
        }
    g_run->counts.emplace_back(key, value);
}

void report_write_failure(const std::string& path) {
    if (g_run) g_run->failures.push_back(path);
}

// fnv1a64x4: four FNV-1a lanes over little-endian 64-bit words (word k of
// each 32-byte block goes to lane k), the tail bytes FNV-1a into lane 0,
// then FNV-1a over the four lanes' and the length's little-endian bytes.
// Four independent multiply chains run at memory speed; docs/reliability.md
// states it and tests/cli/check_output_folder.py recomputes it in Python.
namespace {
constexpr std::uint64_t fnv_prime = 1099511628211ULL;
inline void hash_blocks(std::uint64_t (&lane)[4], const unsigned char* p, std::size_t blocks) {
    for (std::size_t i = 0; i < blocks; ++i, p += 32)
        for (int k = 0; k < 4; ++k) {
            std::uint64_t w = 0;
            for (int b = 7; b >= 0; --b) w = (w << 8) | p[8 * k + b];
            lane[k] = (lane[k] ^ w) * fnv_prime;
        }
}
}  // namespace

void checksum::update(const char* data, std::size_t n) {
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
    std::memcpy(tail_, p + (n - have_), have_);
}

std::pair<std::uint64_t, std::uint64_t> checksum::result() const {
    std::uint64_t lane[4] = {lane_[0], lane_[1], lane_[2], lane_[3]};
    for (std::size_t i = 0; i < have_; ++i) lane[0] = (lane[0] ^ tail_[i]) * fnv_prime;
    std::uint64_t h = 1469598103934665603ULL;
    const auto mix = [&](std::uint64_t v) {
        for (int b = 0; b < 8; ++b, v >>= 8) h = (h ^ (v & 0xFFU)) * fnv_prime;
    };
    for (const auto l : lane) mix(l);
    mix(bytes_);
    return {h, bytes_};
}

std::function<void(const char*, std::size_t)> input_observer(std::size_t index) {
    return [index](const char* data, std::size_t n) {
        if (!g_run) return;
        if (g_run->inputs.size() <= index) g_run->inputs.resize(index + 1);
        auto& d = g_run->inputs[index];
        if (n == 0) d.complete = true;
        else d.sum.update(data, n);
    };
}

std::pair<std::uint64_t, std::uint64_t> file_checksum(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error(path + ": cannot read: " + errno_text());
    checksum sum;
    std::vector<char> buf(1U << 20);
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string err = errno_text();
            ::close(fd);
            throw std::runtime_error(path + ": cannot read: " + err);
        }
        if (n == 0) break;
        sum.update(buf.data(), static_cast<std::size_t>(n));
    }
    ::close(fd);
    return sum.result();
}

}  // namespace tcli
