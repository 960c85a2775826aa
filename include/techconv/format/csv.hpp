// SPDX-License-Identifier: BSL-1.0
//
// A streaming RFC 4180 CSV reader and a matching writer.
//
// The reader holds one record at a time (bounded by csv_options::
// max_record_bytes, checked while reading, so an endless line is rejected
// without being loaded), tracks the physical line where every record starts,
// and reports malformed input as techconv::parse_error naming source, line,
// field index and the header's field name. It accepts LF, CRLF and CR line
// ends, a UTF-8 byte-order mark, quoted fields spanning lines, and doubled
// quotes. Text is validated as UTF-8 by default (or transcoded from Latin-1
// or Mac Roman).
#ifndef TECHCONV_FORMAT_CSV_HPP_
#define TECHCONV_FORMAT_CSV_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t
#include <cstring>      // std::memcpy
#include <fstream>      // std::ifstream
#include <initializer_list>  // std::initializer_list
#include <memory>       // std::unique_ptr
#include <ostream>      // std::ostream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/detail/simd.hpp"
#include "techconv/error.hpp"
#include "techconv/format/detail/byte_source.hpp"
#include "techconv/format/encoding.hpp"
#include "techconv/format/parse.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// csv_options::delimiter value that lets csv_reader decide from the first line (detect_delimiter).
constexpr char auto_delimiter = '\0';

/// \brief The delimiter of a delimited text whose first line is `line`: the one of ',', ';' and
/// tab that occurs most often outside double quotes; ',' on a tie or when none occurs.
///
/// A spreadsheet saves ';' as "CSV" in locales whose decimal mark is a comma (most of
/// continental Europe and Latin America) and tabs as "Text (tab delimited)"; an export's header
/// names hold none of the three.
/// Complexity: O(line size).
constexpr char detect_delimiter(std::string_view line) noexcept {
    std::size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (c == ',') ++comma;
        else if (c == ';') ++semicolon;
        else if (c == '\t') ++tab;
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
}

/// \brief The delimiter a first line names in the way spreadsheet programs read and write it
/// to fix the delimiter whatever the locale: `sep=,`, `sep=;` or `sep=` and a tab, possibly in
/// double quotes (`"sep=;"`), `sep` in any case; '\0' for any other line. Such a line is not
/// part of the table: csv_reader skips it and, with auto_delimiter, reads with its delimiter.
constexpr char delimiter_hint(std::string_view line) noexcept {
    if (line.size() == 7 && line.front() == '"' && line.back() == '"') line = line.substr(1, 5);
    if (line.size() != 5) return '\0';
    if (!iequals(line.substr(0, 4), "sep=")) return '\0';
    return line[4] == ',' || line[4] == ';' || line[4] == '\t' ? line[4] : '\0';
}

/// \brief How the notes of a report name a file's delimiter `d`: nothing for ',' (the rule),
/// "';'-separated (as a spreadsheet saves CSV in a decimal-comma locale)" for ';',
/// "tab-separated" for a tab.
inline std::string delimiter_note(char d) {
    if (d == ';') return "';'-separated (as a spreadsheet saves CSV in a decimal-comma locale)";
    if (d == '\t') return "tab-separated";
    return {};
}

/// \brief Options of csv_reader and csv_writer.
struct csv_options {
    /// ',' for CSV, a tab for tab-delimited exports; auto_delimiter (readers only): decided by
    /// detect_delimiter from the first line's first 60 bytes (30 in UTF-16 input: what every read
    /// block holds, so the block size never changes it; csv_reader::delimiter() tells which).
    char delimiter = ',';
    char quote = '"';                      ///< quote character (RFC 4180: '"')
    bool has_header = true;                ///< the first record names the columns
    bool skip_empty_lines = true;          ///< lines with no characters are not records
    bool require_consistent_width = false; ///< a record with another field count than the header is an error
    text_encoding encoding = text_encoding::utf8;  ///< how bytes are interpreted
    /// Longest record accepted, in bytes as read (fields, delimiters and quotes;
    /// not the line end): a longer one is line_too_long, detected while reading.
    std::size_t max_record_bytes = std::size_t{64} << 20;
    /// Most fields in one record (the header's columns included); one more is limit_exceeded,
    /// before it is stored. 65,536 is four times a spreadsheet's column limit (16,384); a table
    /// of 1 M columns used to exhaust memory (a numeric table holds every cell as text).
    std::size_t max_fields = std::size_t{1} << 16;
    std::size_t buffer_bytes = std::size_t{1} << 20;       ///< read block size
    /// When not empty: a first line that starts with this text (ASCII case ignored, after a
    /// byte-order mark) is not the header but a note before the table; it is read as one record,
    /// kept (csv_reader::preamble()) and the header is the record after it. Google Patents
    /// writes `search URL:` and the search there. With auto_delimiter the delimiter is the
    /// character right after the prefix when it is ',', ';' or a tab (a spreadsheet that saves
    /// the file again writes its own delimiter there), else detect_delimiter of that line.
    std::string preamble_prefix;
};

/// \brief How a delimited text starts, as csv_reader decides it (csv_table_start_of).
struct csv_table_start {
    char delimiter = ',';   ///< the delimiter the table is read with
    bool sep_line = false;  ///< the first line is a `sep=X` line (delimiter_hint), not part of the table
    bool preamble = false;  ///< the first line starts with csv_options::preamble_prefix: a note before the header
};

/// \brief The start of a table whose text (after a byte-order mark) begins with `head`: the
/// first line's `sep=X` hint, the preamble (csv_options::preamble_prefix) and the delimiter
/// (opts.delimiter, or with auto_delimiter: the hint's, else the character right after the
/// preamble's prefix when it is ',', ';' or a tab, else detect_delimiter of the first line).
/// csv_reader decides with `head` = the first 60 bytes of the text (30 in UTF-16), so that
/// the decision does not depend on the read block; whoever decides for it passes the same.
inline csv_table_start csv_table_start_of(std::string_view head, const csv_options& opts) {
    const std::string_view first = head.substr(0, head.find_first_of("\r\n"));
    const char hint = delimiter_hint(first);
    const std::string_view prefix = opts.preamble_prefix;
    csv_table_start t;
    t.sep_line = hint != '\0';
    t.preamble = !prefix.empty() && first.size() >= prefix.size() && iequals(first.substr(0, prefix.size()), prefix);
    t.delimiter = opts.delimiter;
    if (t.delimiter == auto_delimiter) {
        const char after = t.preamble && first.size() > prefix.size() ? first[prefix.size()] : '\0';
        t.delimiter = t.sep_line                                          ? hint
                      : (after == ',' || after == ';' || after == '\t') ? after
                                                                         : detect_delimiter(first);
    }
    return t;
}

/// \brief Streaming CSV reader. One record at a time; views returned by
/// field() stay valid until the next call to next().
///
/// Not safe for concurrent use; distinct readers are independent.
///
/// \code
/// techconv::io::csv_reader r("lens-export.csv");
/// const auto col = r.require_column("Cited by Patent Count");
/// while (r.next()) { std::int64_t v; if (r.int_field(col, v)) use(v); }
/// \endcode
class csv_reader {
public:
    /// Reads from a stream; `source` names it in error messages.
    csv_reader(std::istream& in, std::string source = "<stream>", csv_options opts = {})
        : opts_(opts), src_(in, std::move(source), opts.buffer_bytes) {
        start();
    }

    /// Opens and reads a file. Throws parse_error (io_error) if it cannot be opened.
    explicit csv_reader(const std::string& path, csv_options opts = {})
        : opts_(opts), owned_(detail::open_input_file(path)), src_(*owned_, path, opts.buffer_bytes) {
        start();
    }

    csv_reader(const csv_reader&) = delete;
    csv_reader& operator=(const csv_reader&) = delete;

    /// Column names of the header (trimmed), empty without a header.
    const std::vector<std::string>& header() const noexcept { return header_; }

    /// Index of the first column named `name` (exact, after trimming), or -1.
    std::ptrdiff_t find_column(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < header_.size(); ++i)
            if (header_[i] == name) return static_cast<std::ptrdiff_t>(i);
        return -1;
    }
    /// Index of the column named `name`; parse_error (missing_column) if absent.
    std::size_t require_column(std::string_view name) const {
        const auto i = find_column(name);
        if (i < 0) {
            ::techconv::detail::throw_error<parse_error>(
                error_code::missing_column,
                source_location{src_.source(), header_line_, 0, 0, std::string(name)},
                "required column '" + std::string(name) + "' is not in the header");
        }
        return static_cast<std::size_t>(i);
    }

    /// Reads the next record. Returns false at the end of the input.
    ///
    /// After a bad_encoding or field_count error the record was consumed
    /// whole, so the caller may catch the error and call next() again
    /// (record numbers count the bad record); after any other parse_error the
    /// reader's state is unspecified.
    bool next() {
        if (!read_record()) return false;
        ++record_;
        if (opts_.require_consistent_width && opts_.has_header && size() != header_.size()) {
            ::techconv::detail::throw_error<parse_error>(
                error_code::field_count, location(0),
                "record has " + std::to_string(size()) + " fields, the header has " +
                    std::to_string(header_.size()));
        }
        return true;
    }

    /// Number of fields in the current record.
    std::size_t size() const noexcept { return ends_.size(); }
    /// Field `i` of the current record (i < size()).
    std::string_view operator[](std::size_t i) const noexcept {
        const std::size_t b = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(text().data() + b, ends_[i] - b);
    }
    /// Field `i`, or an empty view when the record is shorter.
    std::string_view field(std::size_t i) const noexcept {
        return i < size() ? (*this)[i] : std::string_view();
    }
    /// \brief Whether every field of the current record is empty after trimming white
    /// space: a row a spreadsheet emptied (`,,,`), which the readers skip and count.
    bool blank() const noexcept {
        for (std::size_t i = 0; i < size(); ++i)
            if (!trim((*this)[i]).empty()) return false;
        return true;
    }
    /// \brief Whether the current record repeats the header, name for name after trimming (a
    /// UTF-8 byte-order mark before the first name, and the quotes after it, ignored): what two
    /// exports joined into one
    /// file (`cat a.csv b.csv`) hold where the second begins. The patent and Scopus readers skip
    /// such rows and count them. False without a header.
    bool repeats_header() const noexcept {
        if (header_.empty() || size() != header_.size()) return false;
        for (std::size_t i = 0; i < size(); ++i) {
            std::string_view f = trim((*this)[i]);
            if (i == 0 && f.substr(0, 3) == "\xEF\xBB\xBF") {
                // after a mark the field is not read as quoted: its quotes are still there
                f = trim(f.substr(3));
                if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
            }
            if (f != header_[i]) return false;
        }
        return true;
    }

    /// Parses field `i` as an integer. Returns false if it is empty (or
    /// absent); throws parse_error (bad_number / out_of_range) otherwise.
    bool int_field(std::size_t i, std::int64_t& out) const {
        const auto st = parse_int64(field(i), out);
        if (st == number_status::empty) return false;
        if (st != number_status::ok) number_error(i, st, "an integer");
        return true;
    }
    /// Parses field `i` as a finite double; like int_field.
    bool double_field(std::size_t i, double& out) const {
        const auto st = parse_double(field(i), out);
        if (st == number_status::empty) return false;
        if (st != number_status::ok) number_error(i, st, "a finite number");
        return true;
    }

    /// Physical line (1-based) where the current record starts.
    std::size_t line() const noexcept { return record_line_; }
    /// 1-based index of the current data record (the header is not counted).
    std::size_t record() const noexcept { return record_; }
    /// Bytes consumed from the input so far (for progress reports).
    std::uint64_t bytes_read() const noexcept { return src_.offset(); }
    /// Name of the input in messages.
    const std::string& source() const noexcept { return src_.source(); }
    /// Whether a byte-order mark was skipped at the start.
    bool had_bom() const noexcept { return had_bom_; }
    /// The delimiter the input is read with (csv_options::delimiter, or what auto_delimiter decided).
    char delimiter() const noexcept { return opts_.delimiter; }
    /// The encoding the input is read as (csv_options::encoding, or what
    /// `automatic` decided) and the bytes read so far that were not UTF-8.
    const encoding_evidence& encoding() const noexcept { return evidence_; }
    /// The line of the header (1, or 2 after a `sep=` line or a preamble; 0 without a header).
    std::size_t header_line() const noexcept { return header_line_; }
    /// The fields (trimmed) of the line before the header that csv_options::preamble_prefix
    /// matched; empty when there was none.
    const std::vector<std::string>& preamble() const noexcept { return preamble_; }
    /// The line of that preamble (0 when there was none).
    std::size_t preamble_line() const noexcept { return preamble_line_; }

    /// Location of field `i` of the current record, with its header name.
    source_location location(std::size_t i) const {
        source_location loc{src_.source(), record_line_, i + 1, record_, {}};
        if (i < header_.size()) loc.field = header_[i];
        return loc;
    }
    /// Throws parse_error at field `i` of the current record.
    [[noreturn]] void fail(error_code code, std::size_t i, const std::string& message) const {
        ::techconv::detail::throw_error<parse_error>(code, location(i), message);
    }

private:

    void start() {
        decode_as_ = src_.settle_encoding(opts_.encoding, evidence_);
        had_bom_ = evidence_.bom;
        // The first line, up to a fixed number of bytes that the first block always holds
        // (a block is at least 64 bytes, less a BOM; UTF-16 transcodes at least 30), so the
        // decisions do not depend on the block size.
        const bool utf16 = evidence_.used == text_encoding::utf16le || evidence_.used == text_encoding::utf16be;
        const std::size_t sample = utf16 ? 30 : 60;
        std::string_view head = src_.fill() ? std::string_view(src_.data(), src_.available()) : std::string_view();
        head = head.substr(0, sample);
        const csv_table_start table = csv_table_start_of(head, opts_);
        opts_.delimiter = table.delimiter;
        if (table.sep_line) read_record();  // a `sep=X` line is not part of the table
        if (table.preamble && read_record()) {
            preamble_line_ = record_line_;
            for (std::size_t i = 0; i < size(); ++i) preamble_.emplace_back(trim((*this)[i]));
        }
        if (!opts_.has_header) return;
        if (!read_record()) {
            ::techconv::detail::throw_error<parse_error>(
                error_code::empty_input, source_location{src_.source(), 1, 0, 0, {}},
                "no header row: the input is empty");
        }
        header_line_ = record_line_;
        header_.reserve(size());
        for (std::size_t i = 0; i < size(); ++i) header_.emplace_back(trim((*this)[i]));
    }

    [[noreturn]] void number_error(std::size_t i, number_status st, const char* what) const {
        const auto code = st == number_status::out_of_range ? error_code::out_of_range
                          : st == number_status::non_finite ? error_code::non_finite
                                                            : error_code::bad_number;
        fail(code, i, "expected " + std::string(what) + ", found '" + std::string(field(i)) + "'");
    }

    // 1-based index of the record being read (0 while reading the header).
    std::size_t pending_record() const noexcept {
        return (opts_.has_header && header_line_ == 0) ? 0 : record_ + 1;
    }

    [[noreturn]] void raw_fail(error_code code, const std::string& message) const {
        const std::size_t f = ends_.size();
        source_location loc{src_.source(), record_line_, f + 1, pending_record(),
                            f < header_.size() ? header_[f] : std::string()};
        ::techconv::detail::throw_error<parse_error>(code, std::move(loc), message);
    }

    // Before a field end is stored: at most max_fields per record.
    void check_fields() const {
        if (TECHCONV_UNLIKELY(ends_.size() >= opts_.max_fields)) {
            raw_fail(error_code::limit_exceeded,
                     "record has more than " + std::to_string(opts_.max_fields) +
                         " fields (csv_options::max_fields)");
        }
    }

    // The record's bytes as read so far (delimiters and quotes included).
    void check_size() const {
        if (TECHCONV_UNLIKELY(src_.offset() - record_start_ > opts_.max_record_bytes)) {
            raw_fail(error_code::line_too_long,
                     "record exceeds the limit of " + std::to_string(opts_.max_record_bytes) +
                         " bytes (csv_options::max_record_bytes)");
        }
    }

    // Position of the first byte of p[0, n) that is one of the five bytes
    // `set` (the stop table `stop` holds the same bytes), or n. Sixteen
    // bytes per step where SSE2 is available, one otherwise.
    static std::size_t find_stop(const char* p, std::size_t n, const char* set, const bool* stop) noexcept {
        namespace simd = ::techconv::detail::simd;
        std::size_t k = 0;
        if constexpr (simd::has_sse2) {
            const simd::b16 s0 = simd::splat16(set[0]), s1 = simd::splat16(set[1]), s2 = simd::splat16(set[2]),
                            s3 = simd::splat16(set[3]), s4 = simd::splat16(set[4]);
            for (; k + 16 <= n; k += 16) {
                const simd::b16 v = simd::load16(p + k);
                const simd::b16 m = simd::or_bits(
                    simd::or_bits(simd::cmp_eq(v, s0), simd::cmp_eq(v, s1)),
                    simd::or_bits(simd::or_bits(simd::cmp_eq(v, s2), simd::cmp_eq(v, s3)), simd::cmp_eq(v, s4)));
                const unsigned bits = simd::movemask(m);
                if (bits != 0) return k + simd::lowest_bit(bits);
            }
        }
        while (k < n && !stop[static_cast<unsigned char>(p[k])]) ++k;
        return k;
    }

    // Appends the run of ordinary bytes at the read position; stops at any
    // byte in `stop` (a 256-entry table; `set`: the same five bytes).
    void scan_run(const bool* stop, const char* set) {
        while (src_.fill()) {
            const char* p = src_.data();
            const std::size_t n = src_.available();
            const std::size_t k = find_stop(p, n, set, stop);
            rec_.append(p, k);
            src_.advance(k);
            check_size();
            if (k < n) return;
        }
    }

    // Reads complete unquoted fields straight from the current block while
    // they hold no quote, NUL or stray CR; stops at the start of a field the
    // general loop must handle, or where the block ends. Returns true when
    // it also consumed the line end (LF, CRLF or CR): the record is complete.
    bool fast_fields() {
        const char* p = src_.data();
        const std::size_t n = src_.available();
        std::size_t fs = 0;  // start of the current field in p
        for (;;) {
            const std::size_t j = fs + find_stop(p + fs, n - fs, unq_set_, unq_stop_);
            if (j == n) break;
            const char ch = p[j];
            std::size_t next = j + 1;
            if (ch == '\r') {
                if (next == n) break;  // cannot see whether LF follows
                if (p[next] == '\n') ++next;
            } else if (ch != opts_.delimiter && ch != '\n') {
                break;  // quote or NUL: the general loop decides
            }
            if (TECHCONV_UNLIKELY(src_.offset() + j - record_start_ > opts_.max_record_bytes ||
                                  ends_.size() >= opts_.max_fields)) {
                src_.advance(j);  // the general checks then report it, as the slow path would
                check_size();
                check_fields();
            }
            rec_.append(p + fs, j - fs);
            ends_.push_back(rec_.size());
            fs = next;
            if (ch != opts_.delimiter) {
                src_.advance(fs);
                ++line_;
                return true;
            }
        }
        src_.advance(fs);
        return false;
    }

    bool read_record() {
        // Stop tables: unquoted fields stop at delimiter, quote, CR, LF, NUL;
        // quoted fields at quote, LF, NUL (CR is kept inside quotes).
        if (!tables_ready_) {
            for (int c = 0; c < 256; ++c) unq_stop_[c] = q_stop_[c] = false;
            const auto d = static_cast<unsigned char>(opts_.delimiter);
            const auto q = static_cast<unsigned char>(opts_.quote);
            constexpr unsigned char cr = '\r', lf = '\n';  // (a char subscript warns under clang)
            unq_stop_[d] = unq_stop_[q] = unq_stop_[cr] = unq_stop_[lf] = unq_stop_[0] = true;
            q_stop_[q] = q_stop_[lf] = q_stop_[0] = true;
            const char unq[5] = {opts_.delimiter, opts_.quote, '\r', '\n', '\0'};
            const char qs[5] = {opts_.quote, '\n', '\0', opts_.quote, opts_.quote};
            for (int i = 0; i < 5; ++i) {
                unq_set_[i] = unq[i];
                q_set_[i] = qs[i];
            }
            tables_ready_ = true;
        }
        const int delim = static_cast<unsigned char>(opts_.delimiter);
        const int quote = static_cast<unsigned char>(opts_.quote);
        for (;;) {
            rec_.clear();
            ends_.clear();
            record_line_ = line_;
            if (src_.peek() == detail::byte_source::eof) return false;
            record_start_ = src_.offset();
            bool record_done = false;
            bool empty_line = false;
            bool quoted = false;  // a quoted field, even "", makes the line a record
            while (!record_done) {
                // at the start of a field
                if (fast_fields()) {
                    record_done = true;
                    empty_line = ends_.size() == 1 && rec_.empty();
                    continue;
                }
                int c = src_.peek();
                if (c == quote) {
                    quoted = true;
                    src_.get();
                    for (;;) {
                        scan_run(q_stop_, q_set_);
                        c = src_.get();
                        if (c == detail::byte_source::eof) {
                            raw_fail(error_code::unterminated_quote,
                                     "input ends inside a quoted field opened on line " +
                                         std::to_string(record_line_) + " (truncated record?)");
                        }
                        if (c == 0) raw_fail(error_code::nul_byte, "NUL byte in text");
                        if (c == '\n') {
                            ++line_;
                            rec_.push_back('\n');
                            check_size();
                            continue;
                        }
                        // a quote: doubled, or the end of the field
                        if (src_.peek() == quote) {
                            src_.get();
                            rec_.push_back(static_cast<char>(quote));
                            continue;
                        }
                        break;
                    }
                    c = src_.peek();
                    if (c == 0) raw_fail(error_code::nul_byte, "NUL byte in text");
                    if (c != delim && c != '\n' && c != '\r' && c != detail::byte_source::eof) {
                        raw_fail(error_code::bad_quote,
                                 "unexpected character " + describe_byte(c) +
                                     " after a closing quote");
                    }
                } else {
                    for (;;) {
                        scan_run(unq_stop_, unq_set_);
                        c = src_.peek();
                        if (c == quote) {  // a stray quote inside an unquoted field: kept as text
                            src_.get();
                            rec_.push_back(static_cast<char>(quote));
                            continue;
                        }
                        if (c == 0) raw_fail(error_code::nul_byte, "NUL byte in text");
                        break;
                    }
                }
                check_size();
                check_fields();
                ends_.push_back(rec_.size());
                c = src_.get();
                if (c == delim) continue;
                if (c == '\r') {
                    if (src_.peek() == '\n') src_.get();
                    c = '\n';
                }
                if (c == '\n') ++line_;
                record_done = true;  // newline or end of input
                empty_line = ends_.size() == 1 && rec_.empty() && !quoted && c == '\n';
                if (ends_.size() == 1 && rec_.empty() && !quoted &&
                    c == detail::byte_source::eof) {
                    // the input ended right after the last newline: no record
                    return false;
                }
            }
            if (empty_line && opts_.skip_empty_lines) continue;
            decode();
            return true;
        }
    }

    void decode() {
        switch (decode_as_) {
            case text_encoding::unchecked:
            case text_encoding::automatic:  // (settled in start(): never here)
                return;
            case text_encoding::utf8:
            case text_encoding::utf16le:
            case text_encoding::utf16be: {
                // Field by field: the fields are stored back to back, and two
                // invalid halves of adjacent fields can look like one valid character.
                std::size_t f = 0, b = 0, bad = std::string_view::npos;
                for (; f < ends_.size(); b = ends_[f], ++f) {
                    bad = find_invalid_utf8(std::string_view(rec_).substr(b, ends_[f] - b));
                    if (bad != std::string_view::npos) break;
                }
                if (bad == std::string_view::npos) return;
                std::string msg =
                    "invalid UTF-8 " + describe_byte(static_cast<unsigned char>(rec_[b + bad]));
                msg += " (the file is not UTF-8: name its encoding, e.g. cp1252, latin1 or macroman)";
                source_location loc{src_.source(), line_at(b + bad), f + 1, pending_record(),
                                    f < header_.size() ? header_[f] : std::string()};
                // The record was read whole: a caller may catch this error and
                // go on with the next record, whose number must then count this one.
                if (loc.record != 0) record_ = loc.record;
                ::techconv::detail::throw_error<parse_error>(error_code::bad_encoding,
                                                             std::move(loc), msg);
            }
            case text_encoding::utf8_cp1252_strays:
            case text_encoding::latin1:
            case text_encoding::cp1252:
            case text_encoding::mac_roman: {
                if (decode_as_ != text_encoding::utf8_cp1252_strays) {
                    std::size_t high = 0, unassigned = 0;
                    for (const char ch : rec_) {
                        const auto c = static_cast<unsigned char>(ch);
                        high += c >= 0x80 ? 1 : 0;
                        unassigned += decode_as_ == text_encoding::cp1252 && cp1252_unassigned(c) ? 1 : 0;
                    }
                    evidence_.transcoded_bytes += high;
                    evidence_.unassigned_bytes += unassigned;
                    if (high == 0) return;
                } else {
                    // valid UTF-8 (ASCII included) is kept as it is: the validator skips ASCII 8 bytes at a time
                    std::size_t f = 0, b = 0;
                    for (; f < ends_.size(); b = ends_[f], ++f)
                        if (!is_valid_utf8(std::string_view(rec_).substr(b, ends_[f] - b))) break;
                    if (f == ends_.size()) return;
                    // lines of the stray bytes, for the report
                    for (std::size_t g = f, gb = b; g < ends_.size(); gb = ends_[g], ++g) {
                        std::string_view field = std::string_view(rec_).substr(gb, ends_[g] - gb);
                        std::size_t at = gb;
                        for (;;) {
                            const std::size_t bad = find_invalid_utf8(field);
                            if (bad == std::string_view::npos) break;
                            evidence_.add_strays(1, line_at(at + bad));
                            field.remove_prefix(bad + 1);
                            at += bad + 1;
                        }
                    }
                }
                tmp_.clear();
                std::size_t b = 0;
                for (auto& e : ends_) {
                    append_as_utf8(std::string_view(rec_).substr(b, e - b), decode_as_, tmp_);
                    b = e;
                    e = tmp_.size();
                }
                rec_.swap(tmp_);
                return;
            }
        }
    }

    // Physical line of byte `at` of the current record's text.
    std::size_t line_at(std::size_t at) const noexcept {
        std::size_t line = record_line_;
        for (std::size_t i = 0; i < at && i < rec_.size(); ++i) line += rec_[i] == '\n' ? 1 : 0;
        return line;
    }

    std::string_view text() const noexcept { return rec_; }

    // 'x' for a printable ASCII byte, else its hex value (messages stay valid UTF-8).
    static std::string describe_byte(int c) {
        if (c > 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
        static const char* hex = "0123456789ABCDEF";
        std::string s = "byte 0x";
        s += hex[(c >> 4) & 15];
        s += hex[c & 15];
        return s;
    }

    csv_options opts_;
    std::unique_ptr<std::ifstream> owned_;
    detail::byte_source src_;
    std::vector<std::string> header_, preamble_;
    std::size_t preamble_line_ = 0;
    std::string rec_, tmp_;
    std::vector<std::size_t> ends_;
    std::size_t line_ = 1, record_line_ = 1, header_line_ = 0, record_ = 0;
    std::uint64_t record_start_ = 0;
    bool had_bom_ = false;
    text_encoding decode_as_ = text_encoding::utf8;
    encoding_evidence evidence_;
    bool tables_ready_ = false;
    bool unq_stop_[256] = {};
    bool q_stop_[256] = {};
    char unq_set_[5] = {};  // the bytes of unq_stop_
    char q_set_[5] = {};    // the bytes of q_stop_ (repeated to five)
};

/// \brief Whether csv_writer quotes the text field `s`: it holds the delimiter, the quote,
/// CR or LF, or it starts the output (`at_start`) with a UTF-8 byte-order mark (else a reader
/// would drop it as one). (A lone empty field of a row is the row's business: csv_writer::end_row.)
inline bool csv_field_needs_quotes(std::string_view s, const csv_options& opts, bool at_start) noexcept {
    if (at_start && starts_with_utf8_bom(s)) return true;
    for (const char c : s)
        if (c == opts.delimiter || c == opts.quote || c == '\n' || c == '\r') return true;
    return false;
}

/// \brief Writes the text field `s` at `out` as csv_writer::field does (quoted when
/// csv_field_needs_quotes says so, quotes doubled) and returns the end. `out` must have room
/// for 2 * s.size() + 2 bytes.
inline char* put_csv_field(char* out, std::string_view s, const csv_options& opts, bool at_start) noexcept {
    if (!csv_field_needs_quotes(s, opts, at_start)) {
        if (!s.empty()) std::memcpy(out, s.data(), s.size());
        return out + s.size();
    }
    *out++ = opts.quote;
    for (const char c : s) {
        if (c == opts.quote) *out++ = opts.quote;
        *out++ = c;
    }
    *out++ = opts.quote;
    return out;
}

/// \brief Writes RFC 4180 CSV that csv_reader reads back unchanged: fields are
/// quoted only when needed (see field()); numbers use the shortest round-trip form.
class csv_writer {
public:
    explicit csv_writer(std::ostream& out, csv_options opts = {}) : out_(&out), opts_(opts) {}

    /// Writes one text field. A field is quoted when it contains the
    /// delimiter, a quote, CR or LF, when it is the only, empty field of a row
    /// (else the row would be an empty line), and when it starts the output
    /// with a byte-order mark (else a reader would drop it as one).
    csv_writer& field(std::string_view s) {
        sep();
        ++row_fields_;
        row_empty_ = s.empty();
        const bool needs = csv_field_needs_quotes(s, opts_, at_start_);
        at_start_ = false;
        if (!needs) {
            out_->write(s.data(), static_cast<std::streamsize>(s.size()));
            return *this;
        }
        out_->put(opts_.quote);
        for (const char c : s) {
            if (c == opts_.quote) out_->put(opts_.quote);
            out_->put(c);
        }
        out_->put(opts_.quote);
        return *this;
    }
    /// Writes a number in its shortest exact decimal form.
    csv_writer& field(double v) { return raw(format_double(v)); }
    /// Writes an integer.
    csv_writer& field(std::int64_t v) { return raw(std::to_string(v)); }
    csv_writer& field(int v) { return raw(std::to_string(v)); }
    csv_writer& field(std::size_t v) { return raw(std::to_string(v)); }
    csv_writer& field(const char* s) { return field(std::string_view(s)); }
    csv_writer& field(const std::string& s) { return field(std::string_view(s)); }
    /// Writes an empty field.
    csv_writer& empty() { return raw(std::string_view()); }
    /// Ends the current row with '\n'.
    csv_writer& end_row() {
        if (row_fields_ == 1 && row_empty_) {  // a lone empty field: "" keeps the record
            out_->put(opts_.quote);
            out_->put(opts_.quote);
        }
        out_->put('\n');
        first_ = true;
        row_fields_ = 0;
        at_start_ = false;
        return *this;
    }
    /// Writes a whole row of text fields.
    csv_writer& row(std::initializer_list<std::string_view> fields) {
        for (const auto f : fields) field(f);
        return end_row();
    }

private:
    void sep() {
        if (!first_) out_->put(opts_.delimiter);
        first_ = false;
    }
    csv_writer& raw(std::string_view s) {
        sep();
        ++row_fields_;
        row_empty_ = s.empty();
        at_start_ = false;
        out_->write(s.data(), static_cast<std::streamsize>(s.size()));
        return *this;
    }
    std::ostream* out_;
    csv_options opts_;
    bool first_ = true;
    bool at_start_ = true;     // nothing written yet
    bool row_empty_ = false;   // the last field written was empty
    std::size_t row_fields_ = 0;
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_CSV_HPP_
