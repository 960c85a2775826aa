// SPDX-License-Identifier: BSL-1.0
//
// Citation and class tables that extend a corpus's own citation lists
// (issue 19 §1): a citation table `citing,cited[,citing_year]` and a class
// table `id,ipc`, read with errors that name the file, the line and the
// field; publication numbers in them are normalised to the form of
// io::patent_record::id.
#ifndef TECHCONV_IO_CITATIONS_HPP_
#define TECHCONV_IO_CITATIONS_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t
#include <istream>      // std::istream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief A publication number in the form of io::patent_record::id (`US 5123456 B2`), from
/// that form itself (`US 5123456 B2`, blanks between country, number and kind) or from one
/// token (`US5123456B2`, `US5123456-B2`, `US-5123456-B2`: the forms the CSV readers accept).
/// In the form with blanks the number may hold any printable character (`JP 7-23484`, as the
/// USPTO lists some foreign citations) and must hold a digit. An empty string when the text is
/// none of these forms.
inline std::string publication_number(std::string_view text) {
    text = trim(text);
    const std::size_t b = text.find(' ');
    if (b == std::string_view::npos) return detail::publication_id_token(text);
    const std::string_view country = text.substr(0, b);
    std::string_view rest = trim(text.substr(b + 1));
    const std::size_t e = rest.rfind(' ');
    std::string_view number = rest, kind;
    if (e != std::string_view::npos) {
        number = trim(rest.substr(0, e));
        kind = trim(rest.substr(e + 1));
    }
    if (country.size() != 2 || !detail::is_alpha(country[0]) || !detail::is_alpha(country[1])) return {};
    bool digit = false;
    for (const char c : number) {  // the number as the office writes it (`JP 7-23484`): no control character
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return {};
        digit = digit || detail::is_digit(c);
    }
    if (!digit) return {};
    const char cc[2] = {ascii_upper(country[0]), ascii_upper(country[1])};
    return detail::publication_id(std::string_view(cc, 2), number, kind);
}

/// \brief The key a citation resolves by: the publication number without its kind code
/// (`US 5123456 B2` -> `US 5123456`). A citation names the document its citing office
/// publishes (kind `A` for a US grant before 2001, `B1`/`B2` after), so two ids that differ
/// only in the kind are the same document for citation purposes.
/// \pre `id` is in the form of io::patent_record::id (publication_number()).
inline std::string_view publication_key(std::string_view id) noexcept {
    const std::size_t b = id.find(' ');
    if (b == std::string_view::npos) return id;
    const std::size_t e = id.find(' ', b + 1);
    return e == std::string_view::npos ? id : id.substr(0, e);
}

/// \brief One row of a citation table: `citing` cites `cited`.
struct citation_row {
    std::string citing;                 ///< citing publication number (publication_number form)
    std::string cited;                  ///< cited publication number (publication_number form)
    year_type citing_year = no_year;    ///< publication year of the citing document, when given
    std::size_t line = 0;               ///< line of the row in its file
};

/// \brief One row of a class table: document `id` is classified in `ipc` (one code per row;
/// a document on several rows has all their codes).
struct class_row {
    std::string id;                  ///< publication number (publication_number form)
    classification::ipc_code ipc;    ///< the parsed code
    year_type year = no_year;        ///< publication year of the document, when given
    std::size_t line = 0;            ///< line of the row in its file
};

namespace detail {
// A publication number cell, or parse_error (bad_value) naming file, line and field.
inline std::string citation_number_field(const csv_reader& r, std::size_t col) {
    const std::string_view cell = trim(r.field(col));
    if (cell.empty()) r.fail(error_code::bad_value, col, "empty publication number");
    std::string id = publication_number(cell);
    if (id.empty()) r.fail(error_code::bad_value, col, "'" + std::string(cell) + "' is not a publication number");
    return id;
}
// An optional year cell (empty: no_year), or parse_error (bad_year).
inline year_type citation_year_field(const csv_reader& r, std::ptrdiff_t col) {
    if (col < 0) return no_year;
    const auto c = static_cast<std::size_t>(col);
    if (trim(r.field(c)).empty()) return no_year;
    std::int64_t y = 0;
    try {
        r.int_field(c, y);
    } catch (const parse_error&) {
        r.fail(error_code::bad_year, c, "'" + std::string(trim(r.field(c))) + "' is not a year");
    }
    if (y < 1 || y > 9999) r.fail(error_code::bad_year, c, "year " + std::to_string(y) + " is outside 1..9999");
    return static_cast<year_type>(y);
}
}  // namespace detail

/// \brief Reads a citation table: a CSV with a header naming `citing` and `cited` (each a
/// publication number, publication_number()) and optionally `citing_year` (the publication
/// year of the citing document, used for the 5-year window of forward citations when the
/// citing document is not a record of the corpus). Blank rows are skipped; other columns are
/// ignored. A row citing itself is kept (the citation graph drops it and counts it).
/// \throws parse_error: missing_column, bad_value (a cell that is no publication number),
///         bad_year, and the CSV errors, each naming the file, the line and the field.
/// Complexity: O(file size).
inline std::vector<citation_row> read_citation_table(csv_reader& r) {
    const std::size_t citing = r.require_column("citing");
    const std::size_t cited = r.require_column("cited");
    const std::ptrdiff_t year = r.find_column("citing_year");
    std::vector<citation_row> out;
    while (r.next()) {
        if (r.blank()) continue;
        citation_row row;
        row.citing = detail::citation_number_field(r, citing);
        row.cited = detail::citation_number_field(r, cited);
        row.citing_year = detail::citation_year_field(r, year);
        row.line = r.line();
        out.push_back(std::move(row));
    }
    return out;
}
/// \brief read_citation_table from a stream; `source` names it in errors.
inline std::vector<citation_row> read_citation_table(std::istream& in, const std::string& source) {
    csv_reader r(in, source);
    return read_citation_table(r);
}
/// \brief read_citation_table from a file. \throws parse_error (io_error) if it cannot be opened.
inline std::vector<citation_row> read_citation_table(const std::string& path) {
    csv_reader r(path);
    return read_citation_table(r);
}

/// \brief Reads a class table: a CSV with a header naming `id` (a publication number) and
/// `ipc` (one IPC or CPC symbol, e.g. `H04L 9/32`, `H04L`), optionally `year` (the
/// document's publication year). Blank rows are skipped; other columns are ignored.
/// \throws parse_error: missing_column, bad_value, bad_code (a symbol that does not parse),
///         bad_year, and the CSV errors, each naming the file, the line and the field.
/// Complexity: O(file size).
inline std::vector<class_row> read_class_table(csv_reader& r) {
    const std::size_t id = r.require_column("id");
    const std::size_t ipc = r.require_column("ipc");
    const std::ptrdiff_t year = r.find_column("year");
    std::vector<class_row> out;
    while (r.next()) {
        if (r.blank()) continue;
        class_row row;
        row.id = detail::citation_number_field(r, id);
        const std::string_view code = trim(r.field(ipc));
        const auto c = classification::try_parse_ipc(code);
        if (!c) r.fail(error_code::bad_code, ipc, "'" + std::string(code) + "' is not an IPC or CPC symbol");
        row.ipc = *c;
        row.year = detail::citation_year_field(r, year);
        row.line = r.line();
        out.push_back(std::move(row));
    }
    return out;
}
/// \brief read_class_table from a stream; `source` names it in errors.
inline std::vector<class_row> read_class_table(std::istream& in, const std::string& source) {
    csv_reader r(in, source);
    return read_class_table(r);
}
/// \brief read_class_table from a file. \throws parse_error (io_error) if it cannot be opened.
inline std::vector<class_row> read_class_table(const std::string& path) {
    csv_reader r(path);
    return read_class_table(r);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_CITATIONS_HPP_
