// SPDX-License-Identifier: BSL-1.0
//
// A streaming line reader for line-oriented formats (Web of Science tagged
// exports, CPC title lists, XML scanned line-wise): LF, CRLF and CR line
// ends, a UTF-8 byte-order mark, a per-line byte limit checked while reading,
// NUL bytes rejected, UTF-8 validated (or Latin-1 / Mac Roman transcoded).
#ifndef TECHCONV_FORMAT_LINE_READER_HPP_
#define TECHCONV_FORMAT_LINE_READER_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint64_t
#include <fstream>      // std::ifstream
#include <memory>       // std::unique_ptr
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/detail/byte_source.hpp"
#include "techconv/format/encoding.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Options of line_reader.
struct line_options {
    text_encoding encoding = text_encoding::utf8;          ///< byte interpretation
    std::size_t max_line_bytes = std::size_t{16} << 20;   ///< longer lines: line_too_long
    std::size_t buffer_bytes = std::size_t{1} << 20;      ///< read block size
};

/// \brief Reads a text input line by line; line() is 1-based.
///
/// The view returned by text() stays valid until the next call to next().
class line_reader {
public:
    line_reader(std::istream& in, std::string source = "<stream>", line_options opts = {})
        : opts_(opts), src_(in, std::move(source), opts.buffer_bytes) {
        start();
    }
    explicit line_reader(const std::string& path, line_options opts = {})
        : opts_(opts), owned_(detail::open_input_file(path)), src_(*owned_, path, opts.buffer_bytes) {
        start();
    }
    line_reader(const line_reader&) = delete;
    line_reader& operator=(const line_reader&) = delete;

    /// Reads the next line (without its line end). False at end of input.
    bool next() {
        line_.clear();
        if (src_.peek() == detail::byte_source::eof) return false;
        ++number_;
        for (;;) {
            if (!src_.fill()) break;
            const char* p = src_.data();
            const std::size_t n = src_.available();
            std::size_t k = 0;
            while (k < n && p[k] != '\n' && p[k] != '\r' && p[k] != '\0') ++k;
            line_.append(p, k);
            src_.advance(k);
            if (line_.size() > opts_.max_line_bytes) {
                fail(error_code::line_too_long, 0,
                     "line exceeds the limit of " + std::to_string(opts_.max_line_bytes) +
                         " bytes (line_options::max_line_bytes)");
            }
            if (k == n) continue;
            const int c = src_.get();
            if (c == 0) fail(error_code::nul_byte, line_.size() + 1, "NUL byte in text");
            if (c == '\r' && src_.peek() == '\n') src_.get();
            break;
        }
        decode();
        return true;
    }

    /// The current line.
    std::string_view text() const noexcept { return line_; }
    /// 1-based number of the current line.
    std::size_t line() const noexcept { return number_; }
    /// Bytes consumed so far.
    std::uint64_t bytes_read() const noexcept { return src_.offset(); }
    const std::string& source() const noexcept { return src_.source(); }
    bool had_bom() const noexcept { return had_bom_; }
    /// The encoding the input is read as and the bytes read so far that were not UTF-8.
    const encoding_evidence& encoding() const noexcept { return evidence_; }

    /// Location of byte column `column` (1-based, 0 = whole line) of the current line.
    source_location location(std::size_t column = 0, std::string field = {}) const {
        return source_location{src_.source(), number_, column, 0, std::move(field)};
    }
    /// Throws parse_error at the current line.
    [[noreturn]] void fail(error_code code, std::size_t column, const std::string& message,
                           std::string field = {}) const {
        ::techconv::detail::throw_error<parse_error>(code, location(column, std::move(field)),
                                                     message);
    }

private:
    void start() {
        decode_as_ = src_.settle_encoding(opts_.encoding, evidence_);
        had_bom_ = evidence_.bom;
    }

    void decode() {
        if (decode_as_ == text_encoding::unchecked) return;
        if (decode_as_ == text_encoding::utf8) {
            const std::size_t bad = find_invalid_utf8(line_);
            if (bad != std::string_view::npos)
                fail(error_code::bad_encoding, bad + 1,
                     "invalid UTF-8 (the file is not UTF-8: name its encoding, e.g. cp1252, latin1 or macroman)");
            return;
        }
        if (decode_as_ == text_encoding::utf8_cp1252_strays && is_valid_utf8(line_)) return;
        tmp_.clear();
        evidence_.add_strays(append_as_utf8(line_, decode_as_, tmp_), number_);
        line_.swap(tmp_);
    }

    line_options opts_;
    std::unique_ptr<std::ifstream> owned_;
    detail::byte_source src_;
    std::string line_, tmp_;
    std::size_t number_ = 0;
    bool had_bom_ = false;
    text_encoding decode_as_ = text_encoding::utf8;
    encoding_evidence evidence_;
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_LINE_READER_HPP_
