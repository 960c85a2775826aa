// SPDX-License-Identifier: BSL-1.0
//
// A numeric CSV table with a header row and an optional first column of
// identifiers: the input of objective weighting of any indicator table.
#ifndef TECHCONV_IO_NUMERIC_TABLE_HPP_
#define TECHCONV_IO_NUMERIC_TABLE_HPP_

#include <cstddef>     // std::size_t
#include <cstdint>     // std::uint64_t
#include <functional>  // std::function
#include <istream>     // std::istream
#include <limits>      // std::numeric_limits
#include <string>      // std::string
#include <string_view> // std::string_view
#include <utility>     // std::move
#include <vector>      // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/input.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief A numeric table: named columns of finite numbers, one row per record.
struct numeric_table {
    std::vector<std::string> columns;  ///< names of the numeric columns (header order)
    std::vector<std::string> ids;      ///< the id column's cells, or "1", "2", ... (1-based rows) without one
    bool has_id_column = false;        ///< the first column held identifiers
    matrix values;                     ///< rows x columns.size()
    encoding_evidence text;            ///< the encoding the file was read as, and stray bytes
    /// The delimiter decided from the header line (',', ';' or a tab; detect_delimiter). In a
    /// ';'-separated table a decimal comma is read: `1,5` is 1.5 (detail::table_number).
    char delimiter = ',';
    /// The line of each row in the file (for the locations of errors found after reading).
    std::vector<std::size_t> lines;
    /// Rows whose every cell is empty (`,,,`: emptied in a spreadsheet), skipped.
    std::size_t blank_rows = 0;
};

namespace detail {

/// Whether a cell of a table's first column shows that the column holds identifiers: text that
/// is no number and no missing-value marker. An empty cell, `nan`, `inf`, an out-of-range number,
/// `NA`, `N/A`, `null`, `none`, `-`, `?` and spreadsheet error values (`#N/A`, `#VALUE!`, ...)
/// are a numeric column's bad cells, not identifiers: taken as ids they would silently drop the
/// column from the weighting.
inline bool identifier_cell(std::string_view cell, bool decimal_comma = false);

/// A cell of a numeric table as a number. With `decimal_comma` (a ';'-separated table, as a
/// spreadsheet saves CSV in a locale whose decimal mark is a comma) a cell with one comma and
/// no dot is read with the comma as the decimal mark: `1,5` is 1.5; `1.234,5` stays invalid.
inline number_status table_number(std::string_view cell, bool decimal_comma, double& v) {
    if (decimal_comma) {
        const auto c = cell.find(',');
        if (c != std::string_view::npos && cell.find(',', c + 1) == std::string_view::npos &&
            cell.find('.') == std::string_view::npos) {
            std::string dotted(cell);
            dotted[c] = '.';
            return parse_double(dotted, v);
        }
    }
    return parse_double(cell, v);
}

inline bool identifier_cell(std::string_view cell, bool decimal_comma) {
    double v = 0.0;
    if (table_number(cell, decimal_comma, v) != number_status::invalid) return false;
    std::string t;
    for (const char c : trim(cell)) t.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    if (t == "na" || t == "n/a" || t == "null" || t == "none" || t == "-" || t == "?") return false;
    return t.empty() || t[0] != '#';
}

}  // namespace detail

/// \brief Options of read_numeric_table.
struct numeric_table_options {
    /// How the bytes are read; automatic decides from the first block (numeric_table::text).
    text_encoding encoding = text_encoding::automatic;
    /// Columns of the table, the id column included; more is limit_exceeded (csv_options::max_fields).
    std::size_t max_columns = csv_options{}.max_fields;
    /// Bytes the cells read so far may take while held as text (about their length plus
    /// 32 bytes each); 0: no bound. More is limit_exceeded naming the file and line.
    std::size_t max_memory_bytes = 0;
    /// Called after each row with the bytes consumed and the rows read (optional).
    std::function<void(std::uint64_t, std::size_t)> progress;
};

/// \brief Reads a CSV table (held in `in`, named `path` in errors) whose columns are all
/// numeric except, optionally,
/// the first: that one is an id column when any of its cells is text that is no
/// number and no missing-value marker (detail::identifier_cell; the rule needs
/// every row, so all cells are read as text first). A first column of numbers
/// with an empty, `nan` or `NA` cell is numeric, so that cell is an error.
/// The delimiter is ',', ';' or a tab, decided from the header line (numeric_table::delimiter);
/// a ';'-separated table is read with decimal commas.
///
/// `progress`, when set, is called after each row with the bytes consumed and
/// the rows read.
/// \throws parse_error naming the file, line and column: io_error, an empty
///         header (missing_header), a row with another number of fields
///         (field_count), no numeric column (missing_column), a cell of a
///         numeric column that is not a finite number (bad_number), a column whose
///         sum of absolute values overflows (out_of_range, at the row where it does),
///         more columns than opts.max_columns or more cell bytes than
///         opts.max_memory_bytes (limit_exceeded).
/// Complexity: O(file size); memory: the cells as text, then the matrix.
inline numeric_table read_numeric_table(std::istream& in, const std::string& path, const numeric_table_options& opts) {
    const auto& progress = opts.progress;
    csv_options co;
    co.encoding = opts.encoding;
    co.delimiter = auto_delimiter;
    co.max_fields = opts.max_columns;
    csv_reader r(in, path, co);
    const bool decimal_comma = r.delimiter() == ';';
    const auto header = r.header();
    if (header.empty())
        ::techconv::detail::throw_error<parse_error>(error_code::missing_header, source_location{path, 1, 0, 0, {}},
                                                      "empty header");
    std::vector<std::vector<std::string>> cells;
    std::vector<std::size_t> lines;
    std::size_t held = 0;  // bytes of the cells held as text (check_memory_bound)
    std::size_t blank_rows = 0;
    while (r.next()) {
        if (r.blank()) {  // every cell empty: a row a spreadsheet emptied (skipped, counted)
            ++blank_rows;
            continue;
        }
        if (r.size() != header.size())
            r.fail(error_code::field_count, r.size() < header.size() ? r.size() : header.size(),
                   "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(r.size()));
        std::vector<std::string> row;
        row.reserve(r.size());
        for (std::size_t c = 0; c < r.size(); ++c) {
            row.emplace_back(r.field(c));
            held += row.back().size() + 32;
        }
        cells.push_back(std::move(row));
        lines.push_back(r.line());
        check_memory_bound(held, opts.max_memory_bytes, path, r.line(), cells.size());
        if (progress) progress(r.bytes_read(), cells.size());
    }
    numeric_table t;
    for (const auto& row : cells)
        if (detail::identifier_cell(row[0], decimal_comma)) t.has_id_column = true;
    const std::size_t first = t.has_id_column ? 1 : 0;
    if (header.size() <= first)
        ::techconv::detail::throw_error<parse_error>(error_code::missing_column, source_location{path, 1, 0, 0, {}},
                                                      "no numeric column");
    t.columns.assign(header.begin() + static_cast<std::ptrdiff_t>(first), header.end());
    const auto n = static_cast<index>(cells.size());
    const auto m = static_cast<index>(t.columns.size());
    t.values.resize(n, m);
    std::vector<double> sums(static_cast<std::size_t>(m), 0.0);
    for (index i = 0; i < n; ++i) {
        const auto& row = cells[static_cast<std::size_t>(i)];
        for (index j = 0; j < m; ++j) {
            const auto c = static_cast<std::size_t>(j) + first;
            double v = 0.0;
            if (detail::table_number(row[c], decimal_comma, v) != number_status::ok)
                ::techconv::detail::throw_error<parse_error>(
                    error_code::bad_number,
                    source_location{path, lines[static_cast<std::size_t>(i)], c + 1, static_cast<std::size_t>(i) + 1,
                                    header[c]},
                    "expected a finite number, found '" + row[c] + "'");
            t.values(i, j) = v;
            // The weightings sum each column: a sum that overflows (1e308 twice) is refused here,
            // where its row and column are known, not later as a nameless overflow.
            sums[static_cast<std::size_t>(j)] += v < 0 ? -v : v;
            if (sums[static_cast<std::size_t>(j)] > std::numeric_limits<double>::max())
                ::techconv::detail::throw_error<parse_error>(
                    error_code::out_of_range,
                    source_location{path, lines[static_cast<std::size_t>(i)], c + 1, static_cast<std::size_t>(i) + 1,
                                    header[c]},
                    "values too large: the column's sum of absolute values overflows at this row");
        }
        t.ids.push_back(t.has_id_column ? row[0] : std::to_string(i + 1));
    }
    t.text = r.encoding();
    t.delimiter = r.delimiter();
    t.lines = std::move(lines);
    t.blank_rows = blank_rows;
    return t;
}

/// \brief One line about a table as read: "path: 120 rows, 9 numeric columns, id column 'id'",
/// then the delimiter when it is not a comma and how the bytes were read unless plain UTF-8.
inline std::string table_note(const std::string& path, const numeric_table& t) {
    std::string s = path + ": " + std::to_string(t.ids.size()) + " rows, " + std::to_string(t.columns.size()) +
                    " numeric columns, " + (t.has_id_column ? "an id column" : "no id column (rows are numbered)");
    if (t.blank_rows > 0) s += ", skipped " + std::to_string(t.blank_rows) + " rows with every cell empty";
    if (const auto d = delimiter_note(t.delimiter); !d.empty()) s += "; " + d;
    if (t.delimiter == ';') s += ", numbers with decimal commas";
    if (!plain_utf8(t.text)) s += "; " + describe(t.text);
    return s;
}

/// \brief read_numeric_table with a progress callback and an encoding (the older spelling).
inline numeric_table read_numeric_table(std::istream& in, const std::string& path,
                                        const std::function<void(std::uint64_t, std::size_t)>& progress = {},
                                        text_encoding encoding = text_encoding::automatic) {
    numeric_table_options o;
    o.progress = progress;
    o.encoding = encoding;
    return read_numeric_table(in, path, o);
}

/// \brief read_numeric_table of the file at `path` (`-`: standard input).
inline numeric_table read_numeric_table(const std::string& path,
                                        const std::function<void(std::uint64_t, std::size_t)>& progress = {},
                                        text_encoding encoding = text_encoding::automatic) {
    input_source in(path);
    return read_numeric_table(in.stream(), path, progress, encoding);
}

/// \brief read_numeric_table of the file at `path` (`-`: standard input) with `opts`.
inline numeric_table read_numeric_table(const std::string& path, const numeric_table_options& opts) {
    input_source in(path);
    return read_numeric_table(in.stream(), path, opts);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_NUMERIC_TABLE_HPP_
