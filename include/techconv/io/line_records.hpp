// SPDX-License-Identifier: BSL-1.0
//
// The front the line-oriented bibliographic readers share (Web of Science
// tagged and tab-delimited, io/wos.hpp; PubMed MEDLINE text, io/pubmed.hpp):
// the options, the line reader (encoding detection, CRLF), the record builder,
// the reading loop over the derived reader's raw records, the report, and the
// handling of a malformed record (a located parse_error, or a counted skip).
#ifndef TECHCONV_IO_LINE_RECORDS_HPP_
#define TECHCONV_IO_LINE_RECORDS_HPP_

#include <cstddef>        // std::size_t
#include <istream>        // std::istream
#include <string>         // std::string
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::move

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/line_reader.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/tagged_line.hpp"  // malformed_record, is_tag_char

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

/// \brief The reading loop of the line-oriented bibliographic readers (CRTP).
///
/// Derived::read_raw() reads one raw record (false at the end of input) and
/// Derived::emit(sink) hands it to the sink (false for a duplicate id, dropped
/// and reported by emit_record). The tagged formats (WoS, PubMed) read lines
/// with next_line(), which under malformed_policy::skip turns invalid UTF-8 into
/// a flag on the record being read (in_record_, encoding_bad_, bad_line_) and
/// outside a record into a counted skip; malformed() is the one place a bad
/// record becomes an error or a skip.
template <class Derived>
class line_records_reader {
public:
    /// \brief Reads the next record into `rec`. \returns false at the end of input.
    /// \throws parse_error as described in the reader's documentation.
    bool next(bibliographic_record& rec) {
        record_sink s(rec);
        return next_into(s);
    }
    /// \brief Reads the next record into `sink` (records::paper_table, or any type
    /// with its sink functions). \returns false at the end of input.
    template <class Sink>
    bool next_into(Sink& sink) {
        auto& self = static_cast<Derived&>(*this);
        for (;;) {
            if (!self.read_raw()) return false;
            if (self.emit(sink)) return true;
        }
    }
    /// \brief What was read, skipped and not understood so far.
    const bibliographic_report& stats() const noexcept {
        report_.text = lines_.encoding();
        return report_;
    }
    /// The same as stats() (the older spelling; the patent readers say stats()).
    const bibliographic_report& report() const noexcept { return stats(); }

protected:
    line_records_reader(std::istream& in, std::string source, const bibliographic_options& opts)
        : opts_(opts), lines_(in, std::move(source), line_opts(opts)), builder_(make_builder(opts_)) {}
    line_records_reader(const std::string& path, const bibliographic_options& opts)
        : opts_(opts), lines_(path, line_opts(opts)), builder_(make_builder(opts_)) {}

    // A malformed record: throw a parse_error at `line` (naming `field` when not empty), or
    // record the issue and count the skip.
    void malformed(error_code code, std::size_t line, const std::string& msg, const std::string& field = {}) {
        malformed_record(opts_.malformed, lines_.source(), line, field, code, msg, report_.issues);
        ++report_.skipped;
    }

    // The next line; under malformed_policy::skip a line with invalid UTF-8 is consumed and
    // marks the record being read (its reader drops it at its end), or outside a record is a
    // counted skip of its own.
    bool next_line() {
        return next_skipping_bad_encoding(lines_, opts_.malformed, [this](const parse_error& e) {
            encoding_bad_ = true;  // the line was consumed; its record is dropped
            bad_line_ = e.line();
            if (!in_record_) {
                malformed(error_code::bad_encoding, e.line(), "invalid UTF-8 outside a record");
                encoding_bad_ = false;
            }
        });
    }

    bibliographic_options opts_;
    line_reader lines_;
    record_builder builder_;
    record_parts parts_;
    mutable bibliographic_report report_;  // stats() copies the line reader's encoding evidence
    std::unordered_set<std::string> seen_;
    bool in_record_ = false;     // next_line(): a record is being read
    bool encoding_bad_ = false;  // next_line(): it had a line with invalid UTF-8 (skip policy)
    std::size_t bad_line_ = 0;   // that line
};

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_LINE_RECORDS_HPP_
