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
#include <algorithm>  // std::copy, std::count
#include <fstream>  // std::ifstream
#include <istream>  // std::istream
#include <memory>   // std::unique_ptr
#include <string>   // std::string
#include <string_view>  // std::string_view
#include <utility>  // std::move
#include <vector>   // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/encoding.hpp"

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

    /// Looks at the first block: skips a UTF-8 BOM, or after a UTF-16 BOM (or
    /// when `requested` is utf16le / utf16be) transcodes the rest of the input
    /// from UTF-16 to UTF-8 while reading, so callers see UTF-8 only.
    /// \returns the encoding found: `requested`, or the UTF-16 flavour of a
    /// BOM when `requested` is automatic; `bom` is set when a BOM was skipped.
    text_encoding begin(text_encoding requested, bool& bom) {
        bom = false;
        if (offset() != 0 || !fill()) {
            if (requested == text_encoding::utf16le || requested == text_encoding::utf16be) start_utf16(requested == text_encoding::utf16be);
            return requested;
        }
        if (available() < 3) top_up();
        const auto* p = reinterpret_cast<const unsigned char*>(buf_.data() + pos_);
        const std::size_t n = available();
        const bool le = n >= 2 && p[0] == 0xFF && p[1] == 0xFE;
        const bool be = n >= 2 && p[0] == 0xFE && p[1] == 0xFF;
        text_encoding e = requested;
        if ((le || be) && (requested == text_encoding::automatic || requested == text_encoding::utf16le ||
                           requested == text_encoding::utf16be)) {
            if (requested == text_encoding::automatic) e = le ? text_encoding::utf16le : text_encoding::utf16be;
            // a BOM that disagrees with an explicit byte order: the explicit order wins
            if ((e == text_encoding::utf16le) == le) {
                pos_ += 2;
                bom = true;
            }
        } else if (requested != text_encoding::utf16le && requested != text_encoding::utf16be) {
            bom = skip_bom();
            return e;
        }
        start_utf16(e == text_encoding::utf16be);
        return e;
    }

    /// Settles how the input is decoded: begin(), then for `automatic`
    /// detect_encoding() over the first block (a large sample: the block size).
    /// Fills `ev` (requested, used, bom). \returns the encoding the caller
    /// decodes bytes with: `utf8` after UTF-16 (transcoded here), else ev.used.
    text_encoding settle_encoding(text_encoding requested, encoding_evidence& ev) {
        ev.requested = requested;
        text_encoding e = begin(requested, ev.bom);
        if (e == text_encoding::automatic) {
            e = text_encoding::utf8_cp1252_strays;
            if (!ev.bom && fill()) {
                // The decision reads the same sample whatever the block size: the first MiB
                // (or the whole input when shorter), so a small buffer grows once to hold it.
                constexpr std::size_t sample = std::size_t{1} << 20;
                if (buf_.size() < sample) buf_.resize(sample);
                while (available() < sample && !at_end_) top_up();
                const std::size_t n = available() < sample ? available() : sample;
                e = detect_encoding(std::string_view(data(), n)).encoding;
            }
        }
        ev.used = e;
        return e == text_encoding::utf16le || e == text_encoding::utf16be ? text_encoding::utf8 : e;
    }

private:
    // From now on the unread bytes and the rest of the stream are UTF-16.
    void start_utf16(bool big_endian) {
        utf16_ = std::make_unique<utf16_decoder>(big_endian);
        raw_.assign(buf_.begin() + static_cast<std::ptrdiff_t>(pos_), buf_.begin() + static_cast<std::ptrdiff_t>(end_));
        consumed_before_ += pos_;
        raw_offset_ = consumed_before_;
        pos_ = end_ = 0;  // the next refill() transcodes raw_; offset() then counts UTF-8 bytes
    }

    // Transcodes UTF-16 into buf_ (as UTF-8) until at least one byte is there.
    bool refill_utf16() {
        out_.clear();
        // A UTF-16 error ends the text: it is raised once, then the input is at its end (a reader
        // that counts the error and reads on, malformed_policy::skip, used to get it forever).
        if (utf16_failed_) return false;
        if (!utf16_error_.empty()) {  // the text before the bad surrogate has been read: now the error
            utf16_failed_ = true;
            ::techconv::detail::throw_error<parse_error>(
                error_code::bad_encoding, source_location{source_, utf16_error_line_, 0, 0, {}}, utf16_error_);
        }
        for (;;) {
            if (!raw_.empty()) {
                const std::size_t before = out_.size();
                const bool ok = utf16_->feed(std::string_view(raw_.data(), raw_.size()), out_);
                utf16_newlines_ += static_cast<std::size_t>(
                    std::count(out_.begin() + static_cast<std::ptrdiff_t>(before), out_.end(), '\n'));
                if (!ok) {
                    // Deliver the text before the surrogate first, so that an error in it (a NUL
                    // byte, say) comes first whatever the block size; the surrogate's error follows.
                    utf16_error_ = "unpaired UTF-16 surrogate at byte offset " +
                                   std::to_string(raw_offset_ + utf16_->bytes_done()) + " (read as UTF-16)";
                    utf16_error_line_ = utf16_newlines_ + 1;
                    raw_.clear();
                    if (out_.empty()) {
                        utf16_failed_ = true;
                        ::techconv::detail::throw_error<parse_error>(
                            error_code::bad_encoding, source_location{source_, utf16_error_line_, 0, 0, {}},
                            utf16_error_);
                    }
                    at_end_ = true;
                    break;
                }
                raw_.clear();
            }
            if (!out_.empty()) break;
            if (at_end_) {
                if (utf16_->incomplete()) {
                    utf16_failed_ = true;
                    ::techconv::detail::throw_error<parse_error>(
                        error_code::bad_encoding, source_location{source_, utf16_newlines_ + 1, 0, 0, {}},
                        "the input ends inside a UTF-16 character (odd byte count or a lone high surrogate)");
                }
                return false;
            }
            raw_.resize(buf_.size() / 2);
            in_->read(raw_.data(), static_cast<std::streamsize>(raw_.size()));
            const auto got = in_->gcount();
            if (in_->bad()) {
                ::techconv::detail::throw_error<parse_error>(
                    error_code::io_error, source_location{source_, 0, 0, 0, {}}, "read error on input stream");
            }
            raw_.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
            if (!*in_) at_end_ = true;
        }
        if (out_.size() > buf_.size()) buf_.resize(out_.size());
        std::copy(out_.begin(), out_.end(), buf_.begin());
        end_ = out_.size();
        return true;
    }

    bool refill() {
        consumed_before_ += end_;
        pos_ = end_ = 0;
        if (utf16_) return refill_utf16();
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
    std::unique_ptr<utf16_decoder> utf16_;  // set while transcoding UTF-16 input
    std::size_t utf16_newlines_ = 0;        // line ends transcoded so far: the line of a UTF-16 error
    std::string utf16_error_;               // a surrogate error raised once the text before it is read
    bool utf16_failed_ = false;             // a UTF-16 error was raised: the input ends there
    std::size_t utf16_error_line_ = 0;
    std::vector<char> raw_;                  // UTF-16 bytes not yet transcoded
    std::string out_;                        // one block's UTF-8
    std::uint64_t raw_offset_ = 0;           // input offset where the UTF-16 text starts
};

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_DETAIL_BYTE_SOURCE_HPP_
