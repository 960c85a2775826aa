// SPDX-License-Identifier: BSL-1.0
//
// Reader of the Google Patents search export ("Download (CSV)" on
// patents.google.com): a `search URL:` line, then a header and one row per
// publication. The reader is the CSV patent reader (generic_csv.hpp) with the
// mapping below; it finds each column by its name, never by position.
#ifndef TECHCONV_IO_GOOGLE_PATENTS_HPP_
#define TECHCONV_IO_GOOGLE_PATENTS_HPP_

#include <istream>      // std::istream
#include <string>       // std::string
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/lens.hpp"  // detail::find_header
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief The text Google Patents writes at the start of the line before the header.
inline constexpr std::string_view google_patents_preamble = "search URL:";

/// \brief The column mapping of a Google Patents export, built from its header.
///
/// Columns (names compared case-insensitively): `id` (required; a publication number,
/// `BR-112018012788-B1` or, after a spreadsheet saved the file again, `US5686888A`:
/// normalised to `BR 112018012788 B1`, which gives the jurisdiction and the kind), `title`,
/// `assignee` (the applicants), `inventor/author` (the inventors), `priority date`,
/// `filing/creation date`, `publication date`, and `grant date` (checked as a date; the
/// record has no grant year). Lists are ','-separated; an item made of legal forms only
/// (`Inc.`) is joined to the name before it (patent_csv_mapping::join_legal_forms).
/// `result link` and `representative figure link` are not read: the record has no link.
/// The export has no classification, citation, claim or family column.
///
/// A header without `id` is a missing_column error of the reader (at the header's line).
inline patent_csv_mapping google_patents_mapping(const std::vector<std::string>& header) {
    using detail::find_header;
    patent_csv_mapping m;
    m.id = "id";  // required: patent_csv_reader names the header line when it is missing
    m.id_is_publication_number = true;
    m.title = find_header(header, {"title"});
    m.applicants = find_header(header, {"assignee"});
    m.inventors = find_header(header, {"inventor/author"});
    m.priority_date = find_header(header, {"priority date"});
    m.application_date = find_header(header, {"filing/creation date"});
    m.publication_date = find_header(header, {"publication date"});
    const std::string grant = find_header(header, {"grant date"});
    if (!grant.empty()) m.checked_dates.push_back(grant);
    m.list_separator = ",";
    m.join_legal_forms = true;
    return m;
}

/// \brief Streaming reader of a Google Patents CSV export.
///
/// The line before the header that starts with `search URL:` is kept (search_url()); the
/// delimiter is the character after `search URL:` (',' in Google's file, ';' after a
/// spreadsheet in a decimal-comma locale saved it). The encoding is detected unless
/// patent_csv_options::csv names it: a file a spreadsheet saved again in a single-byte code
/// page is read as CP1252 or Mac Roman (stats().text says which and counts the transcoded
/// bytes). Dates may be ISO (`2015-12-24`) or a spreadsheet's `M/D/YY` (parse_date_year: the
/// publication year is the reference of the filing and priority dates). Errors as
/// patent_csv_reader, plus bad_value for an id that is no publication number.
///
/// \code
/// techconv::io::google_patents_reader r("gp-search-20230830-124212.csv");
/// techconv::io::patent_record rec;
/// while (r.next(rec)) use(rec);
/// \endcode
class google_patents_reader : public patent_csv_reader {
public:
    /// Reads the export at `path`.
    explicit google_patents_reader(const std::string& path, patent_csv_options opts = {})
        : patent_csv_reader(path, factory(), with_preamble(std::move(opts))) {}
    /// Reads an export from `in`; `source` names it in messages.
    google_patents_reader(std::istream& in, std::string source, patent_csv_options opts = {})
        : patent_csv_reader(in, source, factory(), with_preamble(std::move(opts))) {}

    /// The fields (trimmed) of the `search URL:` line before the header; empty without one.
    const std::vector<std::string>& preamble() const noexcept { return table().preamble(); }
    /// The search URL of the line before the header (its second field), empty without one.
    std::string search_url() const {
        const auto& p = table().preamble();
        return p.size() >= 2 ? p[1] : std::string();
    }

private:
    static patent_csv_options with_preamble(patent_csv_options o) {
        o.csv.preamble_prefix = std::string(google_patents_preamble);
        return o;
    }
    static mapping_factory factory() {
        return [](const std::vector<std::string>& h, patent_read_stats& st) {
            st.layout = "google-patents";
            return google_patents_mapping(h);
        };
    }
};

/// \brief Reads a whole Google Patents export. \sa google_patents_reader
inline std::vector<patent_record> read_google_patents(const std::string& path, const patent_csv_options& opts = {}) {
    google_patents_reader r(path, opts);
    return r.read_all();
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_GOOGLE_PATENTS_HPP_
