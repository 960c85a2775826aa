// SPDX-License-Identifier: BSL-1.0
//
// File loaders of the classification module (the only header of the module
// that reads files): concordance tables from CSV (generic, and the WIPO IPC ->
// 35 technology fields concordance), the official CPC/IPC title lists, and
// the ISO country table. Reads through techconv/format.
#ifndef TECHCONV_CLASSIFICATION_LOADERS_HPP_
#define TECHCONV_CLASSIFICATION_LOADERS_HPP_

#include <algorithm>    // std::sort
#include <cstddef>      // std::size_t
#include <filesystem>   // title list folders
#include <cstdint>      // std::int64_t
#include <istream>      // std::istream
#include <string>       // std::string
#include <unordered_set>  // std::unordered_set
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/classification/concordance.hpp"
#include "techconv/classification/country.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/classification/titles.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/line_reader.hpp"
#include "techconv/format/parse.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace classification {

/// \brief Options of load_concordance_csv: which columns hold what.
struct concordance_csv_options {
    std::string pattern_column = "pattern";    ///< IPC/CPC patterns (syntax of ipc_pattern)
    std::string category_column = "category";  ///< category name
    std::string code_column;   ///< optional category code column (e.g. a field number)
    std::string group_column;  ///< optional category group column (e.g. a sector)
    /// Separators of several patterns in one cell (any of these strings).
    std::vector<std::string> pattern_separators = {";", ",", "\xE3\x80\x81", "\xEF\xBC\x8C"};
    ipc_error_policy on_error = ipc_error_policy::throw_error;  ///< bad patterns: throw or collect
    std::size_t max_error_samples = 16;                         ///< samples kept under collect
    io::csv_options csv;  ///< delimiter, quoting, encoding of the file
};

namespace detail {
inline void split_any(std::string_view s, const std::vector<std::string>& seps,
                      std::vector<std::string_view>& out) {
    out.clear();
    std::size_t start = 0;
    for (;;) {
        std::size_t best = std::string_view::npos, len = 0;
        for (const auto& sep : seps) {
            if (sep.empty()) continue;
            const std::size_t p = s.find(sep, start);
            if (p < best) {
                best = p;
                len = sep.size();
            }
        }
        const auto piece = io::trim(s.substr(
            start, best == std::string_view::npos ? std::string_view::npos : best - start));
        if (!piece.empty()) out.push_back(piece);
        if (best == std::string_view::npos) return;
        start = best + len;
    }
}
}  // namespace detail

namespace detail {
inline concordance read_concordance(io::csv_reader& r, const concordance_csv_options& opts) {
    const std::size_t pc = r.require_column(opts.pattern_column);
    const std::size_t cc = r.require_column(opts.category_column);
    const std::ptrdiff_t kc = opts.code_column.empty()
                                  ? -1
                                  : static_cast<std::ptrdiff_t>(r.require_column(opts.code_column));
    const std::ptrdiff_t gc =
        opts.group_column.empty()
            ? -1
            : static_cast<std::ptrdiff_t>(r.require_column(opts.group_column));
    concordance t;
    std::vector<std::string_view> pieces;
    while (r.next()) {
        ++t.stats().rows;
        detail::split_any(r.field(pc), opts.pattern_separators, pieces);
        if (pieces.empty()) {
            ++t.stats().empty_rows;
            continue;
        }
        const label_id cat = t.add_category(
            std::string(io::trim(r.field(cc))),
            kc < 0 ? std::string() : std::string(io::trim(r.field(static_cast<std::size_t>(kc)))),
            gc < 0 ? std::string() : std::string(io::trim(r.field(static_cast<std::size_t>(gc)))));
        for (std::string_view p : pieces) {
            const ipc_pattern_result pr = ipc_pattern_from_chars(p);
            if (!pr) {
                if (opts.on_error == ipc_error_policy::throw_error)
                    r.fail(error_code::bad_code, pc,
                           "invalid IPC/CPC pattern '" + std::string(p) +
                               "': " + std::string(to_string(pr.error)));
                ++t.stats().bad_patterns;
                if (t.stats().samples.size() < opts.max_error_samples)
                    t.stats().samples.push_back(
                        ipc_bad_code{std::string(p), pr.error, 0, r.location(pc)});
                continue;
            }
            t.add_rule(pr.pattern, cat);
        }
    }
    return t;
}
}  // namespace detail

/// \brief Loads a concordance table from CSV rows `pattern(s), category[, code, group]`.
///
/// Each row adds a rule per pattern of its pattern cell (cells may list
/// several patterns, see pattern_separators) to the row's category; a
/// pattern on several rows gives a multi-label mapping. Rows with an empty
/// pattern cell are counted (stats().empty_rows) and skipped. Categories get
/// ids in order of first appearance.
/// \param in the CSV text; `source` names it in errors.
/// \param opts columns, separators, error policy.
/// \throws parse_error (missing_column, bad_code with file, line and field)
///         for a missing column or, under throw_error, a bad pattern.
/// Complexity: O(file size).
inline concordance load_concordance_csv(std::istream& in, const std::string& source,
                                        const concordance_csv_options& opts = {}) {
    io::csv_reader r(in, source, opts.csv);
    return detail::read_concordance(r, opts);
}
/// \brief load_concordance_csv from a file.
/// \throws parse_error (io_error) if the file cannot be opened.
inline concordance load_concordance_csv(const std::string& path,
                                        const concordance_csv_options& opts = {}) {
    io::csv_reader r(path, opts.csv);
    return detail::read_concordance(r, opts);
}

/// \brief Column settings of the WIPO IPC-technology concordance
/// (`Field_number, Sector_en, ..., Field_en, ..., IPC_code, ...`): patterns
/// from IPC_code (SQL LIKE, `F21H%`, `H04N   3/%`), categories = Field_en
/// with code Field_number and group Sector_en.
inline concordance_csv_options wipo_technology_fields_options() {
    concordance_csv_options o;
    o.pattern_column = "IPC_code";
    o.category_column = "Field_en";
    o.code_column = "Field_number";
    o.group_column = "Sector_en";
    o.pattern_separators.clear();
    return o;
}

/// \brief Loads the WIPO IPC -> 35 technology fields concordance (Schmoch
/// 2008 with WIPO updates) from the user's copy of the published table.
///
/// Six subclasses are split across fields at main-group level (H04N, G01N,
/// A61K, C13B, B01D, E01F): their rows are main-group patterns, so lookup
/// resolves them by main group; every other code resolves by subclass. Each
/// code maps to at most one field. Codes the table does not cover (e.g.
/// main groups created after the table's last update) map to none.
/// Reference: Schmoch U. (2008), Concept of a technology classification for
/// country comparisons, WIPO.
/// \throws parse_error (io_error, missing_column, bad_code).
/// Complexity: O(file size).
inline concordance load_wipo_technology_fields(const std::string& path) {
    return load_concordance_csv(path, wipo_technology_fields_options());
}

/// \brief Loads a concordance file of either layout: the WIPO
/// IPC-technology table (a header naming `IPC_code` and `Field_en`: options
/// of wipo_technology_fields_options) or `pattern, category[, ...]` rows
/// (default concordance_csv_options).
/// \throws parse_error (io_error, missing_column, bad_code).
/// Complexity: O(file size).
inline concordance load_concordance_file(const std::string& path) {
    io::csv_reader r(path);
    bool wipo_pattern = false, wipo_field = false;
    for (const auto& h : r.header()) {
        wipo_pattern = wipo_pattern || io::iequals(h, "IPC_code");
        wipo_field = wipo_field || io::iequals(h, "Field_en");
    }
    return detail::read_concordance(r, wipo_pattern && wipo_field ? wipo_technology_fields_options()
                                                                   : concordance_csv_options{});
}

namespace detail {
inline std::size_t read_title_list(io::line_reader& r, title_table& table,
                                   const title_options& opts) {
    std::size_t stored = 0;
    while (r.next()) {
        const std::string_view line = r.text();
        if (io::trim(line).empty()) continue;
        const std::size_t t1 = line.find('\t');
        const std::string_view symbol = line.substr(0, t1);
        std::string_view level, title;
        if (t1 != std::string_view::npos) {
            const std::size_t t2 = line.find('\t', t1 + 1);
            if (t2 == std::string_view::npos) {
                title = line.substr(t1 + 1);
            } else {
                level = io::trim(line.substr(t1 + 1, t2 - t1 - 1));
                title = line.substr(t2 + 1);
            }
        }
        const ipc_code c = parse_ipc(symbol, r.location(1, "symbol"));
        int dot = -1;
        if (!level.empty()) {
            std::int64_t v = 0;
            if (io::parse_int64(level, v) != io::number_status::ok || v < 0 || v > 100)
                r.fail(error_code::bad_number, t1 + 2,
                       "bad dot level '" + std::string(level) + "'");
            dot = static_cast<int>(v);
        }
        if (table.add(c, io::trim(title), dot, opts)) ++stored;
    }
    return stored;
}
}  // namespace detail

/// \brief Reads an official title list into `table`: CPC title lists
/// (`symbol TAB dot-level TAB title`, levels empty above group level) and
/// two-column `symbol TAB title` lists; symbols in any spelling parse_ipc
/// accepts (compact, 14-character).
/// \param in the text; `source` names it in errors.
/// \returns the number of titles stored.
/// \throws parse_error (bad_code) naming the line for a symbol that does not
///         parse, (bad_number) for a bad dot level.
/// Complexity: O(file size).
inline std::size_t load_title_list(std::istream& in, const std::string& source, title_table& table,
                                   const title_options& opts = {}) {
    io::line_reader r(in, source);
    return detail::read_title_list(r, table, opts);
}
/// \brief load_title_list from a file (call once per section file).
/// \throws parse_error (io_error) if the file cannot be opened.
inline std::size_t load_title_list(const std::string& path, title_table& table,
                                   const title_options& opts = {}) {
    io::line_reader r(path);
    return detail::read_title_list(r, table, opts);
}

/// \brief load_title_list of a file, or of every `*.txt` file of a folder in name order
/// (the CPC title list comes as one file per section).
/// \returns the number of files read (0 for a folder without `.txt` files).
/// \throws parse_error as load_title_list.
inline std::size_t load_title_lists(const std::string& path, title_table& table, const title_options& opts = {}) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    if (fs::is_directory(path)) {
        for (const auto& e : fs::directory_iterator(path))
            if (e.path().extension() == ".txt") files.push_back(e.path().string());
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(path);
    }
    for (const auto& f : files) load_title_list(f, table, opts);
    return files.size();
}

namespace detail {
inline bool is_alpha_code(std::string_view s, std::size_t n) {
    if (s.size() != n) return false;
    for (const char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
    return true;
}
inline std::string ascii_upper_copy(std::string_view s) {
    std::string o(s);
    for (auto& c : o) c = io::ascii_upper(c);
    return o;
}
}  // namespace detail

/// \brief A country_normalizer whose ISO table is loaded from a CSV file in
/// the layout of the Frictionless Data country-codes dataset: columns
/// `ISO3166-1-Alpha-2`, `ISO3166-1-Alpha-3` and at least one name column
/// among `CLDR display name`, `UNTERM English Short`, `official_name_en`
/// (every one present is added as a lookup name; the first non-empty is the
/// entry's name), with techconv's alias list. Rows with an empty alpha-2
/// code are skipped. (Was country_normalizer::from_csv.)
/// \param path  the CSV file
/// \throws parse_error (missing_column, bad_country, ...) naming file, line and field.
/// Complexity: O(file size).
inline country_normalizer load_country_table_csv(const std::string& path) {
    io::csv_reader r(path);
    const auto a2 = r.require_column("ISO3166-1-Alpha-2");
    const auto a3 = r.require_column("ISO3166-1-Alpha-3");
    const char* name_cols[] = {"CLDR display name", "UNTERM English Short", "official_name_en"};
    std::vector<std::size_t> names;
    for (const char* n : name_cols) {
        const auto i = r.find_column(n);
        if (i >= 0) names.push_back(static_cast<std::size_t>(i));
    }
    if (names.empty()) (void)r.require_column("official_name_en");
    std::vector<country_row> rows;
    std::unordered_set<std::string> seen;
    while (r.next()) {
        const auto code = io::trim(r.field(a2));
        if (code.empty()) continue;
        if (!detail::is_alpha_code(code, 2))
            r.fail(error_code::bad_country, a2, "not a two-letter ISO code: '" + std::string(code) + "'");
        const auto code3 = io::trim(r.field(a3));
        if (!code3.empty() && !detail::is_alpha_code(code3, 3))
            r.fail(error_code::bad_country, a3, "not a three-letter ISO code: '" + std::string(code3) + "'");
        country_row row;
        row.entry = country_entry{detail::ascii_upper_copy(code), detail::ascii_upper_copy(code3), {}};
        for (const auto i : names) {
            const auto nm = io::trim(r.field(i));
            if (!nm.empty() && row.entry.name.empty()) row.entry.name = std::string(nm);
            row.names.emplace_back(nm);
        }
        if (!seen.insert(row.entry.alpha2).second)
            r.fail(error_code::bad_country, a2, "ISO code '" + row.entry.alpha2 + "' appears twice");
        rows.push_back(std::move(row));
    }
    return country_normalizer::from_rows(rows);
}

}  // namespace classification
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLASSIFICATION_LOADERS_HPP_
