// SPDX-License-Identifier: BSL-1.0
//
// One input opened once: a file, a FIFO or standard input (`-`). Format and
// encoding are sniffed from a buffered prefix (head) that the reader then
// continues from, so an input that cannot be read twice (a pipe) works like a
// file. An optional observer sees every byte once, in order (checksums of
// inputs that cannot be re-read).
#ifndef TECHCONV_FORMAT_INPUT_HPP_
#define TECHCONV_FORMAT_INPUT_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint64_t
#include <filesystem>   // std::filesystem::is_regular_file
#include <fstream>      // std::ifstream
#include <functional>   // std::function
#include <iostream>     // std::cin
#include <istream>      // std::istream
#include <memory>       // std::unique_ptr
#include <streambuf>    // std::streambuf
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <system_error> // std::error_code
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/line_ends.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Sees the bytes of an input: each block as it is read, in order, every
/// byte once; then once `(nullptr, 0)` when the end of the input is reached.
using byte_observer = std::function<void(const char* data, std::size_t n)>;

/// \brief The name under which input_source reads standard input.
inline constexpr std::string_view standard_input_name = "-";

/// \brief One input (file, FIFO, character device or standard input), opened
/// once on first use.
///
/// head(n) reads the first n bytes without consuming them; stream() then
/// yields the whole input from its first byte. Formats are detected from the
/// head and the reader continues from the same open file, so a FIFO or a pipe
/// is read exactly once. finish() reads what the reader left (for the
/// observer) and closes the input.
///
/// Movable, not copyable. Not safe for concurrent use.
class input_source {
public:
    /// The file at `path`; `-` is standard input. Nothing is opened yet.
    explicit input_source(std::string path, byte_observer observe = {})
        : s_(std::make_unique<state>()) {
        s_->name = std::move(path);
        s_->observe = std::move(observe);
        s_->buf.observe = &s_->observe;
    }
    /// An open stream `in` (not owned), named `name` in errors.
    input_source(std::istream& in, std::string name, byte_observer observe = {}) : input_source(std::move(name), std::move(observe)) {
        s_->buf.src = in.rdbuf();
        s_->opened = true;
    }

    /// The path as given (`-` for standard input).
    const std::string& name() const noexcept { return s_->name; }

    /// The first `n` bytes of the input (fewer when it is shorter), read but
    /// not consumed. Call before reading from stream().
    /// \throws parse_error (io_error) when the input cannot be opened.
    std::string_view head(std::size_t n) {
        open();
        auto& b = s_->buf;
        ::techconv::detail::require(!b.started, "input_source::head after reading from stream()");
        while (b.head.size() < n && !b.at_end) {
            const std::size_t have = b.head.size();
            b.head.resize(n);
            const std::size_t got = b.fetch(&b.head[have], n - have);
            b.head.resize(have + got);
        }
        // A regular file is closed until it is read on (reopened at the same offset), so that
        // detecting the formats of many files first does not hold them all open.
        if (s_->regular && s_->file) {
            s_->file.reset();
            b.src = nullptr;
        }
        return std::string_view(b.head).substr(0, n);
    }

    /// The input from its first byte (the head included).
    /// \throws parse_error (io_error) when the input cannot be opened.
    std::istream& stream() {
        open();
        return s_->in;
    }

    /// Reads the rest of the input (the observer sees every byte) and closes it.
    void finish() {
        if (!s_->opened) open();
        auto& b = s_->buf;
        b.started = true;
        std::vector<char> sink(std::size_t{1} << 16);
        while (!b.at_end) b.fetch(sink.data(), sink.size());
        s_->file.reset();
        b.src = nullptr;
    }

    /// Bytes taken from the underlying file so far (head and stream).
    std::uint64_t bytes_taken() const noexcept { return s_->buf.taken; }

    /// The line ends of the bytes taken so far (after finish(): of the whole input), counted as
    /// the bytes pass (line_end_counter; by code units after a UTF-16 byte-order mark).
    const line_end_counter& line_ends() const noexcept { return s_->buf.ends; }

private:
    // Serves the head, then the rest of the underlying buffer in blocks.
    struct prefix_buf : std::streambuf {
        std::streambuf* src = nullptr;
        std::string head;
        std::vector<char> block;
        byte_observer* observe = nullptr;
        std::uint64_t taken = 0;
        line_end_counter ends;  // of every byte taken
        bool at_end = false, started = false, head_served = false;

        std::function<void()> reopen;  // sets src again after a regular file was closed

        std::size_t fetch(char* dst, std::size_t n) {
            if (at_end || n == 0) return 0;
            if (!src) reopen();
            const auto got = src->sgetn(dst, static_cast<std::streamsize>(n));
            const auto k = got > 0 ? static_cast<std::size_t>(got) : std::size_t{0};
            taken += k;
            ends.feed(dst, k);
            if (observe && *observe && k > 0) (*observe)(dst, k);
            if (k < n) {  // sgetn returns short only at the end of the input
                at_end = true;
                if (observe && *observe) (*observe)(nullptr, 0);
            }
            return k;
        }
        int_type underflow() override {
            if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
            started = true;
            if (!head_served) {
                head_served = true;
                if (!head.empty()) {
                    setg(&head[0], &head[0], &head[0] + head.size());
                    return traits_type::to_int_type(*gptr());
                }
            }
            if (block.empty()) block.resize(std::size_t{1} << 16);
            const std::size_t k = fetch(block.data(), block.size());
            if (k == 0) return traits_type::eof();
            setg(block.data(), block.data(), block.data() + k);
            return traits_type::to_int_type(*gptr());
        }
    };
    struct state {
        std::string name;
        byte_observer observe;
        std::unique_ptr<std::ifstream> file;
        bool regular = false;
        prefix_buf buf;
        std::istream in{&buf};
        bool opened = false;
    };

    void open() {
        if (s_->opened) return;
        s_->opened = true;
        if (s_->name == standard_input_name) {
            s_->buf.src = std::cin.rdbuf();
            return;
        }
        std::error_code ec;
        s_->regular = std::filesystem::is_regular_file(s_->name, ec);
        if (std::filesystem::is_directory(s_->name, ec))
            ::techconv::detail::throw_error<parse_error>(
                error_code::io_error, source_location{s_->name, 0, 0, 0, {}}, "is a directory, not a file");
        open_file(0);
        state* st = s_.get();
        s_->buf.reopen = [st] { open_file(*st, st->buf.taken); };
    }
    void open_file(std::uint64_t offset) { open_file(*s_, offset); }
    static void open_file(state& st, std::uint64_t offset) {
        st.file = std::make_unique<std::ifstream>(st.name, std::ios::binary);
        if (!st.file->is_open())
            ::techconv::detail::throw_error<parse_error>(error_code::io_error,
                                                          source_location{st.name, 0, 0, 0, {}}, "cannot open file");
        if (offset > 0 && !st.file->seekg(static_cast<std::streamoff>(offset)))
            ::techconv::detail::throw_error<parse_error>(error_code::io_error,
                                                          source_location{st.name, 0, 0, 0, {}}, "cannot reopen file");
        st.buf.src = st.file->rdbuf();
    }

    std::unique_ptr<state> s_;
};

/// \brief The `--max-memory` bound of a reading: throws parse_error limit_exceeded naming the
/// input, line and record when `held` (the bytes the records read so far take) exceeds `limit`;
/// a `limit` of 0 means no bound. The readers call it as they fill a table, so a run stops
/// while it reads, before the analyses (docs/reliability.md, "Bounds").
inline void check_memory_bound(std::size_t held, std::size_t limit, const std::string& source, std::size_t line,
                               std::size_t record) {
    if (limit == 0 || held <= limit) return;
    const auto size = [](std::size_t b) {  // KiB below 10 MiB, else MiB; rounded up
        if (b < (std::size_t{10} << 20)) return std::to_string((b + 1023) >> 10) + " KiB";
        return std::to_string((b + (std::size_t{1} << 20) - 1) >> 20) + " MiB";
    };
    ::techconv::detail::throw_error<parse_error>(
        error_code::limit_exceeded, source_location{source, line, 0, record, {}},
        "the records read so far take " + size(held) + ", more than the memory bound of " + size(limit) +
            " (--max-memory)");
}

/// \brief Whether a reader filling a table checks the bound `limit` after its `records`-th
/// record: every 1,024 records when there is a bound (a table's memory_bytes() walks its
/// chunks, too slow for every record), never without one. The readers check once more at
/// the end of each file, so the bound holds whatever the file's size.
constexpr bool memory_check_due(std::size_t limit, std::size_t records) noexcept {
    return limit != 0 && records % 1024 == 0;
}

namespace detail {

/// One input_source per path (`-`: standard input), in order.
inline std::vector<input_source> sources_of(const std::vector<std::string>& paths) {
    std::vector<input_source> inputs;
    inputs.reserve(paths.size());
    for (const auto& path : paths) inputs.emplace_back(path);
    return inputs;
}

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_INPUT_HPP_
