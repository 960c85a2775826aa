// SPDX-License-Identifier: BSL-1.0
// IWYU pragma: private, include "techconv/format/csv.hpp"
//
// A buffered reader of bytes from a std::istream, shared by the CSV and line
// readers. Reads in blocks; never holds more than one block plus what the
// caller copies out, so arbitrarily large files stream in bounded memory.
#ifndef TECHCONV_FORMAT_DETAIL_BYTE_SOURCE_HPP_
#define TECHCONV_FORMAT_DETAIL_BYTE_SOURCE_HPP_

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t
#include <fstream>  // std::ifstream
#include <istream>  // std::istream
#include <memory>   // std::unique_ptr
#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

/// Opens `path` for binary reading; parse_error (io_error) naming it if that fails.
inline std::unique_ptr<std::ifstream> open_input_file(const std::string& path) {
    auto f = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!f->is_open()) {
        ::techconv::detail::throw_error<parse_error>(
            error_code::io_error, source_location{path, 0, 0, 0, {}}, "cannot open file");
    }
    return f;
}

class byte_source {
public:
    static constexpr int eof = -1;

    byte_source(std::istream& in, std::string source, std::size_t buffer_bytes)
        : in_(&in), source_(std::move(source)), buf_(buffer_bytes < 64 ? 64 : buffer_bytes) {}

    /// Next byte as 0..255, or eof.
    int get() {
        if (TECHCONV_LIKELY(pos_ < end_)) return static_cast<unsigned char>(buf_[pos_++]);
        if (!refill()) return eof;
        return static_cast<unsigned char>(buf_[pos_++]);
    }
    /// The next byte without consuming it, or eof.
    int peek() {
        if (TECHCONV_LIKELY(pos_ < end_)) return static_cast<unsigned char>(buf_[pos_]);
        if (!refill()) return eof;
        return static_cast<unsigned char>(buf_[pos_]);
    }
    /// Direct access to the unread part of the current block (may be empty).
    const char* data() const noexcept { return buf_.data() + pos_; }
    std::size_t available() const noexcept { return end_ - pos_; }
    void advance(std::size_t n) noexcept { pos_ += n; }
    /// Makes at least one byte available; false at end of input.
    bool fill() { return pos_ < end_ || refill(); }

    /// Bytes consumed so far.
    std::uint64_t offset() const noexcept { return consumed_before_ + pos_; }
    const std::string& source() const noexcept { return source_; }

    /// Skips a UTF-8 byte-order mark at the very start of the input.
    /// Returns true if one was present.
    bool skip_bom() {
        if (offset() != 0) return false;
        if (!fill()) return false;
        // The first block holds at least 3 bytes unless the input is shorter.
        if (available() < 3) top_up();
        if (available() >= 3 && static_cast<unsigned char>(buf_[pos_]) == 0xEF &&
            static_cast<unsigned char>(buf_[pos_ + 1]) == 0xBB &&
            static_cast<unsigned char>(buf_[pos_ + 2]) == 0xBF) {
            pos_ += 3;
            return true;
        }
        return false;
    }

private:
    bool refill() {
        consumed_before_ += end_;
        pos_ = end_ = 0;
        if (at_end_) return false;
        in_->read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        const auto got = in_->gcount();
        if (in_->bad()) {
            ::techconv::detail::throw_error<parse_error>(
                error_code::io_error, source_location{source_, 0, 0, 0, {}},
                "read error on input stream");
        }
        if (got <= 0) {
            at_end_ = true;
            return false;
        }
        end_ = static_cast<std::size_t>(got);
        if (!*in_) at_end_ = true;
        return true;
    }
    // Reads more bytes behind the unread ones (used only at the start).
    void top_up() {
        if (at_end_) return;
        const std::size_t keep = end_ - pos_;
        for (std::size_t i = 0; i < keep; ++i) buf_[i] = buf_[pos_ + i];
        consumed_before_ += pos_;
        pos_ = 0;
        end_ = keep;
        in_->read(buf_.data() + keep, static_cast<std::streamsize>(buf_.size() - keep));
        const auto got = in_->gcount();
        if (got > 0) end_ += static_cast<std::size_t>(got);
        if (!*in_) at_end_ = true;
    }

    std::istream* in_;
    std::string source_;
    std::vector<char> buf_;
    std::size_t pos_ = 0, end_ = 0;
    std::uint64_t consumed_before_ = 0;
    bool at_end_ = false;
};

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_DETAIL_BYTE_SOURCE_HPP_
