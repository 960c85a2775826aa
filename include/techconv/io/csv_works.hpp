// SPDX-License-Identifier: BSL-1.0
//
// Readers of the works exports that come as CSV with list columns (one work per row, the
// items of a list joined by a separator): the CSV export of the OpenAlex web interface
// (flattened columns `authorships.countries`, ... with `|`-separated lists), into a sink:
// a records::paper_table (next_into) or an io::bibliographic_record (next).
#ifndef TECHCONV_IO_CSV_WORKS_HPP_
#define TECHCONV_IO_CSV_WORKS_HPP_

#include <cstddef>        // std::size_t, std::ptrdiff_t
#include <istream>        // std::istream
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/dates.hpp"  // min_plausible_year
#include "techconv/io/references.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief The columns of a CSV works export that a csv_works_reader reads (exact names).
struct csv_works_layout {
    std::string_view what;          ///< the export, for messages ("an OpenAlex CSV export")
    std::string_view id;            ///< the work's identifier (required)
    std::string_view year;          ///< the publication year (required)
    std::string_view countries;     ///< ISO alpha-2 country codes, a list (optional)
    std::string_view institutions;  ///< institution names, a list (optional)
    std::string_view references;    ///< identifiers of the cited works, a list (optional)
    std::string_view title;         ///< the title (optional; titles_and_keywords)
    std::string_view keywords;      ///< keywords, a list (optional; titles_and_keywords)
    std::string_view separator;     ///< what joins the items of a list ("|")
    std::string_view id_prefix;     ///< stripped from identifiers and references ("https://openalex.org/")
};

/// \brief The layout of the OpenAlex web interface's CSV export (openalex.org, "Export" ->
/// CSV): `id` (`https://openalex.org/W...`), `publication_year`, `authorships.countries`,
/// `authorships.institutions.display_name`, `referenced_works`, `display_name` (the title),
/// `keywords.display_name`; lists joined by `|`. The layout is documented in docs/io-bibliographic.md.
inline constexpr csv_works_layout openalex_csv_layout{
    "an OpenAlex CSV export", "id", "publication_year", "authorships.countries",
    "authorships.institutions.display_name", "referenced_works", "display_name", "keywords.display_name", "|",
    "https://openalex.org/"};

/// \brief The layout of the CSV export of lens.org scholarly search ("Export" -> CSV): `Lens ID`
/// (`000-319-464-916-426`), `Publication Year`, `References` (the Lens IDs of the cited works),
/// `Title`, `Keywords`; lists joined by `; `. The export has no author affiliations and no
/// author countries (`Source Country` is the journal's country): its records have neither, and
/// closeness cannot count countries or institutions on it (docs/io-bibliographic.md).
inline constexpr csv_works_layout lens_scholarly_csv_layout{
    "a Lens scholarly CSV export", "Lens ID", "Publication Year", "", "", "References", "Title", "Keywords", ";", ""};

/// \brief Streaming reader of a CSV works export described by a csv_works_layout.
///
/// Per row: the identifier (the id column, `id_prefix` removed: `W2741809807`), the year (a
/// 4-digit year or a date starting with one; empty: no year), the countries (each item of the
/// country list an ISO alpha-2 code, the region policy applied; a code outside the country
/// table is an unresolved address, counted and listed with its spelling), the institutions,
/// the cited works (their identifiers, `id_prefix` removed, each once) and, with
/// titles_and_keywords, the title and keywords ("; "-joined). Items are trimmed; empty items
/// are passed over. Works repeated in one file (same id) are delivered once and counted as
/// duplicates. The export flattens the authorships: the countries and institutions of a work
/// are those of all its authors together, which is what the records keep anyway.
///
/// The delimiter is decided from the header (',', ';' or a tab: csv_reader). Errors
/// (parse_error naming the file, line and column): a header without the id or year column
/// (missing_column); a row with another field count than the header (field_count), an empty
/// id (bad_value), a year that is not one (bad_year) or invalid UTF-8 (bad_encoding) is an error
/// or, under malformed_policy::skip, a counted skip. A quoted field left open at the end of
/// the input is always an error (unterminated_quote). Rows repeating the header (exports
/// joined into one file) are skipped and counted.
///
/// Not safe for concurrent use. Memory: one row.
class csv_works_reader {
public:
    /// Reads from a stream; `source` names it in messages.
    csv_works_reader(const csv_works_layout& layout, std::istream& in, std::string source = "<stream>",
                     bibliographic_options opts = {})
        : layout_(layout), opts_(opts), csv_(in, std::move(source), detail::csv_options_of(opts)), builder_(detail::make_builder(opts_)) {
        init();
    }
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    csv_works_reader(const csv_works_layout& layout, const std::string& path, bibliographic_options opts = {})
        : layout_(layout), opts_(opts), csv_(path, detail::csv_options_of(opts)), builder_(detail::make_builder(opts_)) {
        init();
    }

    /// \brief Reads the next record into `rec`. \returns false at the end of input.
    bool next(bibliographic_record& rec) {
        record_sink s(rec);
        return next_into(s);
    }
    /// \brief Reads the next record into `sink` (records::paper_table, or any type with its
    /// sink functions). \returns false at the end of input.
    template <class Sink>
    bool next_into(Sink& sink) {
        for (;;) {
            if (!next_row()) return false;
            if (csv_.repeats_header()) {
                ++report_.repeated_headers;
                continue;
            }
            const std::size_t ln = csv_.line();
            if (csv_.size() != csv_.header().size()) {
                malformed(error_code::field_count, ln, 0,
                          "record has " + std::to_string(csv_.size()) + " fields, the header has " +
                              std::to_string(csv_.header().size()));
                continue;
            }
            const std::string_view id = strip_prefix(trim(csv_.field(id_)));
            if (id.empty()) {
                malformed(error_code::bad_value, ln, id_ + 1, std::string(layout_.id) + " is empty");
                continue;
            }
            year_type year = no_year;
            if (!detail::parse_year(csv_.field(year_), year) || (year != no_year && (year < min_plausible_year ||
                                                                                    year > max_plausible_year))) {
                malformed(error_code::bad_year, ln, year_ + 1,
                          std::string(layout_.year) + " is not a year: '" + std::string(csv_.field(year_)) + "'");
                continue;
            }
            parts_.clear();
            if (countries_ >= 0) {
                for (const auto code : items(countries_)) {
                    const auto c = builder_.cn->lookup(code, code_opts_);
                    if (c.empty()) parts_.unresolved.push_back(code);
                    else parts_.countries.push_back(c);
                }
                parts_.source = country_field::authorships;
            }
            if (institutions_ >= 0)
                for (const auto x : items(institutions_)) parts_.institutions.push_back(x);
            if (references_ >= 0) {
                for (const auto r : items(references_)) {
                    const auto w = strip_prefix(r);
                    if (!w.empty()) parts_.references.push_back(w);
                }
                detail::keep_first_each(parts_.references, seen_references_);
            }
            const std::string_view title = title_ >= 0 ? trim(csv_.field(static_cast<std::size_t>(title_))) : std::string_view();
            keywords_.clear();
            if (keywords_col_ >= 0)
                for (const auto k : items(keywords_col_)) detail::append_item(keywords_, k);
            if (detail::emit_record(id, year, ln, parts_, title, keywords_, seen_, report_, sink)) return true;
        }
    }
    /// \brief What was read, skipped and not understood so far.
    const bibliographic_report& stats() const noexcept {
        report_.text = csv_.encoding();
        report_.delimiter = csv_.delimiter();
        return report_;
    }
    /// The same as stats().
    const bibliographic_report& report() const noexcept { return stats(); }

private:
    void init() {
        id_ = csv_.require_column(layout_.id);
        year_ = csv_.require_column(layout_.year);
        const auto optional = [&](std::string_view name) { return name.empty() ? -1 : csv_.find_column(name); };
        countries_ = optional(layout_.countries);
        institutions_ = optional(layout_.institutions);
        if (opts_.references) references_ = optional(layout_.references);
        if (opts_.titles_and_keywords) {
            title_ = optional(layout_.title);
            keywords_col_ = optional(layout_.keywords);
        }
        code_opts_.regions = opts_.regions;
        code_opts_.input = classification::country_input::names_and_codes;
    }
    std::string_view strip_prefix(std::string_view v) const {
        if (!layout_.id_prefix.empty() && v.substr(0, layout_.id_prefix.size()) == layout_.id_prefix)
            v.remove_prefix(layout_.id_prefix.size());
        return trim(v);
    }
    // The items of list column `col` of the current row (trimmed, empty ones passed over).
    std::vector<std::string_view> items(std::ptrdiff_t col) const {
        return split_list(csv_.field(static_cast<std::size_t>(col)), layout_.separator);
    }
    void malformed(error_code code, std::size_t line, std::size_t col, const std::string& msg) {
        detail::csv_row_malformed(csv_, opts_.malformed, report_, code, line, col, msg);
    }
    bool next_row() {
        return detail::next_skipping_bad_encoding(csv_, opts_.malformed, [this](const parse_error& e) {
            malformed(error_code::bad_encoding, e.line(), 0, e.message());
        });
    }

    csv_works_layout layout_;
    bibliographic_options opts_;
    csv_reader csv_;
    detail::record_builder builder_;
    classification::country_options code_opts_;  // country codes and names, the region policy
    std::size_t id_ = 0, year_ = 0;
    std::ptrdiff_t countries_ = -1, institutions_ = -1, references_ = -1, title_ = -1, keywords_col_ = -1;
    detail::record_parts parts_;
    std::string keywords_;
    std::unordered_set<std::string_view> seen_references_;
    mutable bibliographic_report report_;
    std::unordered_set<std::string> seen_;
};

/// \brief Streaming reader of the OpenAlex web interface's CSV export (openalex_csv_layout;
/// csv_works_reader documents what it reads and its errors).
class openalex_csv_reader : public csv_works_reader {
public:
    /// Reads from a stream; `source` names it in messages.
    openalex_csv_reader(std::istream& in, std::string source = "<stream>", bibliographic_options opts = {})
        : csv_works_reader(openalex_csv_layout, in, std::move(source), opts) {}
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    explicit openalex_csv_reader(const std::string& path, bibliographic_options opts = {})
        : csv_works_reader(openalex_csv_layout, path, opts) {}
};

/// \brief Streaming reader of the CSV export of lens.org scholarly search
/// (lens_scholarly_csv_layout; csv_works_reader documents what it reads and its errors).
class lens_scholarly_csv_reader : public csv_works_reader {
public:
    /// Reads from a stream; `source` names it in messages.
    lens_scholarly_csv_reader(std::istream& in, std::string source = "<stream>", bibliographic_options opts = {})
        : csv_works_reader(lens_scholarly_csv_layout, in, std::move(source), opts) {}
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    explicit lens_scholarly_csv_reader(const std::string& path, bibliographic_options opts = {})
        : csv_works_reader(lens_scholarly_csv_layout, path, opts) {}
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_CSV_WORKS_HPP_
