// SPDX-License-Identifier: BSL-1.0
//
// Reader of Lens.org patent CSV exports in their 2017, 2021 and 2026
// layouts. The reader is header-driven: it finds each field by its column
// name (with the names each layout used), never by position.
#ifndef TECHCONV_IO_LENS_HPP_
#define TECHCONV_IO_LENS_HPP_

#include <cstdint>      // std::uint8_t
#include <initializer_list>  // std::initializer_list
#include <istream>      // std::istream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Generations of the Lens.org patent CSV export.
enum class lens_layout : std::uint8_t {
    unknown,  ///< none of the marker columns below; read by column names anyway
    v2017,    ///< `Cited Count` (forward citations) instead of `Cited by Patent Count`
    v2021,    ///< `Publication Number`, `Type`, `Cites Patent Count`, `Cited by Patent Count`, no family members
    v2026,    ///< `Display Key`, `Document Type`, `Simple Family Members` and `... Member Jurisdictions`, `Legal Status`
};

/// \brief Short stable name of a layout ("lens-2017", "lens-2021", "lens-2026", "lens").
constexpr std::string_view to_string(lens_layout l) noexcept {
    switch (l) {
        case lens_layout::unknown: return "lens";
        case lens_layout::v2017: return "lens-2017";
        case lens_layout::v2021: return "lens-2021";
        case lens_layout::v2026: return "lens-2026";
    }
    return "lens";
}

namespace detail {

inline std::string find_header(const std::vector<std::string>& header,
                               std::initializer_list<std::string_view> names) {
    for (const auto n : names)
        for (const auto& h : header)
            if (iequals(h, n)) return h;
    return {};
}

}  // namespace detail

/// \brief Which layout a Lens header is: `Display Key` or `Simple Family
/// Members` → v2026; `Cited Count` → v2017; `Cited by Patent Count` or
/// `Publication Number` → v2021; otherwise unknown.
inline lens_layout detect_lens_layout(const std::vector<std::string>& header) {
    if (!detail::find_header(header, {"Display Key", "Simple Family Members"}).empty())
        return lens_layout::v2026;
    if (!detail::find_header(header, {"Cited Count"}).empty()) return lens_layout::v2017;
    if (!detail::find_header(header, {"Cited by Patent Count", "Publication Number"}).empty())
        return lens_layout::v2021;
    return lens_layout::unknown;
}

/// \brief The column mapping of a Lens export, built from its header.
///
/// Each field takes the first of its known column names present (case-
/// insensitive): id `Display Key` / `Publication Number`; `Lens ID`; family
/// members `Simple Family Members`; document type `Document Type` / `Type`;
/// publication date `Publication Date` / `Publication Date (YYYY-MM-DD)`;
/// IPC `IPCR Classifications` / `IPC Classifications`; backward citations
/// `Cites Patent Count`; NPL `NPL Citation Count` and the list `NPL Citations`
/// (2016/2017 layouts: `Non-Patent Citations`);
/// forward citations `Cited by Patent Count` / `Cited Count`; family size
/// `Simple Family Size`; filing jurisdictions `Simple Family Member
/// Jurisdictions`; plus `Jurisdiction`, `Kind`, `Title`, `Publication Year`,
/// `Application Date`, `Earliest Priority Date`, `Applicants`, `Inventors`,
/// `CPC Classifications`, `Priority Numbers`. Lists are `;;`-separated.
///
/// \throws parse_error (missing_column) when the header has neither an id
///         column nor `Lens ID` (not a Lens patent export).
inline patent_csv_mapping lens_mapping(const std::vector<std::string>& header,
                                       const std::string& source = "<lens>") {
    using detail::find_header;
    patent_csv_mapping m;
    m.id = find_header(header, {"Display Key", "Publication Number"});
    m.lens_id = find_header(header, {"Lens ID"});
    if (m.id.empty() && m.lens_id.empty()) {
        ::techconv::detail::throw_error<parse_error>(
            error_code::missing_column, source_location{source, 1, 0, 0, "Lens ID"},
            "not a Lens patent export: the header has none of 'Lens ID', 'Display Key', "
            "'Publication Number'");
    }
    m.family_members = find_header(header, {"Simple Family Members"});
    m.jurisdiction = find_header(header, {"Jurisdiction"});
    m.kind = find_header(header, {"Kind"});
    m.document_type = find_header(header, {"Document Type", "Type"});
    m.title = find_header(header, {"Title"});
    m.publication_year = find_header(header, {"Publication Year"});
    m.publication_date = find_header(header, {"Publication Date", "Publication Date (YYYY-MM-DD)"});
    m.application_date = find_header(header, {"Application Date"});
    m.priority_date = find_header(header, {"Earliest Priority Date"});
    m.applicants = find_header(header, {"Applicants"});
    m.inventors = find_header(header, {"Inventors"});
    m.ipc = find_header(header, {"IPCR Classifications", "IPC Classifications"});
    m.cpc = find_header(header, {"CPC Classifications"});
    m.family_jurisdictions = find_header(header, {"Simple Family Member Jurisdictions"});
    m.priority_numbers = find_header(header, {"Priority Numbers"});
    m.npl_list = find_header(header, {"NPL Citations", "Non-Patent Citations"});
    m.counts[position(indicator::backward_citations)] = find_header(header, {"Cites Patent Count"});
    m.counts[position(indicator::npl_citations)] = find_header(header, {"NPL Citation Count"});
    m.counts[position(indicator::forward_citations)] =
        find_header(header, {"Cited by Patent Count", "Cited Count"});
    m.counts[position(indicator::family_size)] = find_header(header, {"Simple Family Size"});
    m.list_separator = ";;";
    return m;
}

/// \brief Streaming reader of a Lens.org patent CSV export (any layout).
///
/// The same reader as patent_csv_reader, with lens_mapping() of the header;
/// stats().layout names the detected layout. The indicators a Lens export
/// states: backward citations, NPL citations, forward citations, family
/// size; it supplies the lists behind technology classes and applicants, and
/// (2026 layout) filing jurisdictions. Claims are never in a Lens CSV.
///
/// \code
/// techconv::io::lens_reader r("lens-export.csv");
/// techconv::io::patent_record rec;
/// while (r.next(rec)) use(rec);
/// \endcode
class lens_reader : public patent_csv_reader {
public:
    /// Reads the Lens export at `path`.
    explicit lens_reader(const std::string& path, patent_csv_options opts = {})
        : patent_csv_reader(path, factory(path), std::move(opts)),
          layout_(detect_lens_layout(header())) {}
    /// Reads a Lens export from `in`; `source` names it in messages.
    lens_reader(std::istream& in, std::string source, patent_csv_options opts = {})
        : patent_csv_reader(in, source, factory(source), std::move(opts)),
          layout_(detect_lens_layout(header())) {}

    /// The layout of the header.
    lens_layout layout() const noexcept { return layout_; }

private:
    static mapping_factory factory(const std::string& source) {
        return [source](const std::vector<std::string>& h, patent_read_stats& st) {
            st.layout = std::string(to_string(detect_lens_layout(h)));
            return lens_mapping(h, source);
        };
    }
    lens_layout layout_;
};

/// \brief Reads a whole Lens export. \sa lens_reader
inline std::vector<patent_record> read_lens(const std::string& path,
                                            const patent_csv_options& opts = {}) {
    lens_reader r(path, opts);
    return r.read_all();
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_LENS_HPP_
