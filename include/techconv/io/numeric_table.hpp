// SPDX-License-Identifier: BSL-1.0
//
// A numeric CSV table with a header row and an optional first column of
// identifiers: the input of objective weighting of any indicator table.
#ifndef TECHCONV_IO_NUMERIC_TABLE_HPP_
#define TECHCONV_IO_NUMERIC_TABLE_HPP_

#include <algorithm>   // std::copy, std::min
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
    /// Bytes the rows read so far may take while held (the first column's cells as text, about
    /// their length plus 32 bytes each, and 8 bytes per other cell); 0: no bound. More is
    /// limit_exceeded naming the file and line.
    std::size_t max_memory_bytes = 0;
    /// Called after each row with the bytes consumed and the rows read (optional).
    std::function<void(std::uint64_t, std::size_t)> progress;
};

/// \brief A cell of numeric_cells: row (0-based among the rows read) and column (0-based in
/// the header), or row == npos for none.
struct numeric_cell_at {
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::size_t row = npos;
    std::size_t column = 0;
    std::string text;  ///< the cell's text (numeric_values' bad cell)

    /// The cell (row, column) with its text.
    static numeric_cell_at at(std::size_t row, std::size_t column, std::string text = {}) {
        numeric_cell_at a;
        a.row = row;
        a.column = column;
        a.text = std::move(text);
        return a;
    }
};

/// \brief The cells of a numeric CSV table as read_numeric_table's first step holds them,
/// before the id column is decided (numeric_values): the first column as text (identifiers or
/// numbers: the rule needs every row), every other column converted where it is read, in
/// blocks of `block_rows` rows (column after column inside a block). numeric_values moves the
/// blocks into the matrix one at a time, so reading holds about one matrix of values, not the
/// cells as text. A reader of one part of a file (an MPI rank's byte range) decides the id
/// column over every part.
struct numeric_cells {
    static constexpr std::size_t block_rows = 8192;  ///< rows per block of converted cells
    std::vector<std::string> header;          ///< the header row
    std::vector<std::string> first;           ///< the first column's cells, one per row
    std::vector<std::vector<double>> blocks;  ///< columns 2, 3, ... of block_rows rows each
    std::vector<std::size_t> lines;           ///< the line of each row in the file
    std::size_t blank_rows = 0;               ///< rows whose every cell is empty, skipped
    encoding_evidence text;                   ///< the encoding the bytes were read as
    char delimiter = ',';                     ///< decided from the header line
    bool identifiers = false;  ///< some row's first cell is an identifier (detail::identifier_cell)
    /// The first cell of columns 2, 3, ... in file order that is not a finite number, with its
    /// text (row npos: none). The first column's cells are checked by numeric_values, which
    /// knows whether that column is numeric.
    numeric_cell_at bad;

    /// The rows read.
    std::size_t size() const noexcept { return lines.size(); }
};

/// \brief Reads the header and the rows of a CSV table (read_numeric_table's first step: the
/// encoding, the delimiter, the field counts and the read limits), converting every cell but
/// the first column's.
/// \throws parse_error naming the file and line: io_error, an empty header (missing_header),
///         a row with another number of fields (field_count), more columns than
///         opts.max_columns or more bytes held than opts.max_memory_bytes (limit_exceeded: the
///         first column's cells as text, about their length plus 32 bytes each, and 8 bytes
///         per converted cell).
inline numeric_cells read_numeric_cells(std::istream& in, const std::string& path, const numeric_table_options& opts) {
    const auto& progress = opts.progress;
    csv_options co;
    co.encoding = opts.encoding;
    co.delimiter = auto_delimiter;
    co.max_fields = opts.max_columns;
    csv_reader r(in, path, co);
    const bool decimal_comma = r.delimiter() == ';';
    numeric_cells c;
    c.header = r.header();
    if (c.header.empty())
        ::techconv::detail::throw_error<parse_error>(error_code::missing_header, source_location{path, 1, 0, 0, {}},
                                                      "empty header");
    const std::size_t rest = c.header.size() - 1;  // the converted columns
    const std::size_t B = numeric_cells::block_rows;
    std::size_t held = 0;  // bytes held (check_memory_bound)
    while (r.next()) {
        if (r.blank()) {  // every cell empty: a row a spreadsheet emptied (skipped, counted)
            ++c.blank_rows;
            continue;
        }
        if (r.size() != c.header.size())
            r.fail(error_code::field_count, r.size() < c.header.size() ? r.size() : c.header.size(),
                   "expected " + std::to_string(c.header.size()) + " fields, found " + std::to_string(r.size()));
        const std::size_t row = c.lines.size();
        c.first.emplace_back(r.field(0));
        held += c.first.back().size() + 32 + 8 * rest;
        if (!c.identifiers && detail::identifier_cell(c.first.back(), decimal_comma)) c.identifiers = true;
        if (rest > 0) {
            if (row % B == 0) c.blocks.emplace_back(B * rest, 0.0);
            double* block = c.blocks.back().data() + row % B;
            for (std::size_t k = 1; k <= rest; ++k) {
                double v = 0.0;
                const auto cell = r.field(k);
                if (detail::table_number(cell, decimal_comma, v) != number_status::ok && c.bad.row == numeric_cell_at::npos)
                    c.bad = numeric_cell_at::at(row, k, std::string(cell));
                block[(k - 1) * B] = v;
            }
        }
        c.lines.push_back(r.line());
        check_memory_bound(held, opts.max_memory_bytes, path, r.line(), c.lines.size());
        if (progress) progress(r.bytes_read(), c.lines.size());
    }
    c.text = r.encoding();
    c.delimiter = r.delimiter();
    return c;
}

/// \brief The numeric_table of `cells` with the id column decided (`id_column`: the first column
/// holds identifiers; numeric_cells::identifiers of every part of the file), WITHOUT the checks
/// of the cells: the values, and in `bad` the first cell in file order that is not a finite
/// number (row npos: none); the cells after it are not used (add_column_sums stops there). The
/// rows are numbered from `first_row` (0-based position of the first row of `cells` in the
/// file's rows: the ids "1", "2", ... without an id column). The blocks of `cells` are freed as
/// they are moved into the matrix.
/// \throws parse_error missing_column when no column is numeric.
inline numeric_table numeric_values(numeric_cells cells, const std::string& path, bool id_column,
                                    std::size_t first_row, numeric_cell_at& bad) {
    const bool decimal_comma = cells.delimiter == ';';
    numeric_table t;
    t.has_id_column = id_column;
    const std::size_t first = id_column ? 1 : 0;
    if (cells.header.size() <= first)
        ::techconv::detail::throw_error<parse_error>(error_code::missing_column, source_location{path, 1, 0, 0, {}},
                                                      "no numeric column");
    t.columns.assign(cells.header.begin() + static_cast<std::ptrdiff_t>(first), cells.header.end());
    const std::size_t rows = cells.size(), rest = cells.header.size() - 1, B = numeric_cells::block_rows;
    t.values.resize(static_cast<index>(rows), static_cast<index>(t.columns.size()));
    bad = std::move(cells.bad);
    t.ids.reserve(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        auto& cell = cells.first[i];
        if (!id_column) {
            double v = 0.0;
            // the first column's bad cell comes first in its row: it wins over a later row's,
            // and over its own row's in the other columns
            if (detail::table_number(cell, decimal_comma, v) != number_status::ok &&
                (bad.row == numeric_cell_at::npos || i <= bad.row)) {
                bad = numeric_cell_at::at(i, 0, cell);
            }
            t.values(static_cast<index>(i), 0) = v;
        }
        t.ids.push_back(id_column ? std::move(cell) : std::to_string(first_row + i + 1));
    }
    std::vector<std::string>().swap(cells.first);
    const auto col0 = static_cast<index>(1 - first);  // the matrix column of the header's second
    for (std::size_t b = 0; b < cells.blocks.size(); ++b) {
        const std::size_t begin = b * B, n = std::min(B, rows - begin);
        const double* block = cells.blocks[b].data();
        for (std::size_t k = 0; k < rest; ++k)
            std::copy(block + k * B, block + k * B + n,
                      t.values.col(col0 + static_cast<index>(k)).data() + static_cast<std::ptrdiff_t>(begin));
        std::vector<double>().swap(cells.blocks[b]);
    }
    t.text = cells.text;
    t.delimiter = cells.delimiter;
    t.lines = std::move(cells.lines);
    t.blank_rows = cells.blank_rows;
    return t;
}

/// \brief Continues the columns' running sums of absolute values `sums` (one per column, in
/// row order; zeros before a file's first row) over the rows of `t` before cell `stop` (its
/// row up to its column; row npos: every row): the first cell where a sum exceeds the largest
/// double, or none (row npos). The weightings sum each column: a sum that overflows is
/// refused where its row and column are known (numeric_table_error).
inline numeric_cell_at add_column_sums(const numeric_table& t, std::vector<double>& sums, numeric_cell_at stop) {
    const index n = t.values.rows(), m = t.values.cols();
    const std::size_t first = t.has_id_column ? 1 : 0;
    for (index i = 0; i < n; ++i) {
        const bool last = static_cast<std::size_t>(i) == stop.row;
        for (index j = 0; j < m; ++j) {
            const auto c = static_cast<std::size_t>(j) + first;
            if (last && c >= stop.column) return {};
            const double v = t.values(i, j);
            sums[static_cast<std::size_t>(j)] += v < 0 ? -v : v;
            if (sums[static_cast<std::size_t>(j)] > std::numeric_limits<double>::max())
                return numeric_cell_at::at(static_cast<std::size_t>(i), c);
        }
        if (last) return {};
    }
    return {};
}

/// \brief Throws the error of cell `at` of a table: a cell that is not a finite number
/// (bad_number, its text at.text) unless `overflow`, else a column whose sum of absolute
/// values overflows there (out_of_range); it names the file, the line (`lines`: the table's),
/// the column (1-based, its header) and the row `first_row + at.row + 1`.
[[noreturn]] inline void numeric_table_error(const std::string& path, const std::vector<std::string>& header,
                                             const std::vector<std::size_t>& lines, const numeric_cell_at& at,
                                             std::size_t first_row, bool overflow) {
    const source_location where{path, lines[at.row], at.column + 1, first_row + at.row + 1, header[at.column]};
    if (overflow)
        ::techconv::detail::throw_error<parse_error>(
            error_code::out_of_range, where, "values too large: the column's sum of absolute values overflows at this row");
    ::techconv::detail::throw_error<parse_error>(error_code::bad_number, where,
                                                  "expected a finite number, found '" + at.text + "'");
}

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
/// Complexity: O(file size); memory: about the matrix, the first column's cells as text and
/// O(rows) (numeric_cells).
inline numeric_table read_numeric_table(std::istream& in, const std::string& path, const numeric_table_options& opts) {
    numeric_cells cells = read_numeric_cells(in, path, opts);
    const std::vector<std::string> header = cells.header;
    const bool id_column = cells.identifiers;
    numeric_cell_at bad;
    numeric_table t = numeric_values(std::move(cells), path, id_column, 0, bad);
    std::vector<double> sums(t.columns.size(), 0.0);
    const numeric_cell_at over = add_column_sums(t, sums, bad);
    if (over.row != numeric_cell_at::npos) numeric_table_error(path, header, t.lines, over, 0, true);
    if (bad.row != numeric_cell_at::npos) numeric_table_error(path, header, t.lines, bad, 0, false);
    return t;
}

/// \brief One line about a table as read: "path: 120 rows, 9 numeric columns, id column 'id'",
/// then the delimiter when it is not a comma and how the bytes were read unless plain UTF-8;
/// `rows`: the rows of the whole table (`t` may hold a part of it: an MPI rank's rows).
inline std::string table_note(const std::string& path, const numeric_table& t, std::size_t rows) {
    std::string s = path + ": " + std::to_string(rows) + " rows, " + std::to_string(t.columns.size()) +
                    " numeric columns, " + (t.has_id_column ? "an id column" : "no id column (rows are numbered)");
    if (t.blank_rows > 0) s += ", skipped " + std::to_string(t.blank_rows) + " rows with every cell empty";
    if (const auto d = delimiter_note(t.delimiter); !d.empty()) s += "; " + d;
    if (t.delimiter == ';') s += ", numbers with decimal commas";
    if (!plain_utf8(t.text)) s += "; " + describe(t.text);
    return s;
}

/// \brief table_note of a whole table.
inline std::string table_note(const std::string& path, const numeric_table& t) {
    return table_note(path, t, t.ids.size());
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
