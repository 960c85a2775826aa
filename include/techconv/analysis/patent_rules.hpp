// SPDX-License-Identifier: BSL-1.0
//
// The domain rules every analysis of patent records applies, stated once:
// the year of a patent and the country of a patent, each written over a row
// view (record_view, table_row) so that the records and the columnar table
// share it. The command, the examples and the distributed programs call
// these; none has a copy.
#ifndef TECHCONV_ANALYSIS_PATENT_RULES_HPP_
#define TECHCONV_ANALYSIS_PATENT_RULES_HPP_

#include <array>        // std::array
#include <string>       // std::string
#include <string_view>  // std::string_view

#include "techconv/config.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/error.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief The year a patent counts in for every yearly series, period filter
/// and table of techconv, from a row view (record_view or table_row,
/// analysis/record_source.hpp).
///
/// Rule: the application (filing) year; when the source has none, the year of
/// the earliest priority; when it has neither, the publication year; no_year
/// when the source gives no year at all. Filing and priority years date the
/// invention, the publication year only its disclosure (18 months or more
/// later), so the publication year is the last resort. After family merging
/// (records/families.hpp) each of the three is the earliest of the family's members.
template <class Row>
constexpr year_type row_year(const Row& r) noexcept {
    if (r.application_year() != no_year) return r.application_year();
    if (r.priority_year() != no_year) return r.priority_year();
    return r.publication_year();
}

/// \brief The year of a patent record (row_year of its record_view).
constexpr year_type patent_year(const io::patent_record& r) noexcept { return row_year(record_view(r)); }

/// \brief Codes of the patent offices that publish or receive for more than one
/// country: WIPO (WO, and IB, its International Bureau as receiving office of
/// PCT applications), the EPO (EP), the Eurasian office (EA), ARIPO (AP), OAPI
/// (OA) and the GCC office (GC). A jurisdiction, priority or party "country"
/// with one of these codes names no country.
inline constexpr std::array<std::string_view, 7> regional_patent_offices = {"WO", "IB", "EP", "EA",
                                                                            "AP", "OA", "GC"};

/// \brief Whether `code` is the code of a regional or international patent office.
constexpr bool is_patent_office(std::string_view code) noexcept {
    for (const auto o : regional_patent_offices)
        if (code == o) return true;
    return false;
}

/// \brief Where the country of a patent is taken from.
enum class country_source {
    automatic,     ///< applicant, else inventor, else priority, else jurisdiction
    applicant,     ///< the first applicant with a country (an office code such as WO is none)
    inventor,      ///< the first inventor with a country (an office code such as WO is none)
    priority,      ///< the first priority country that is not an office
    jurisdiction,  ///< the publishing office, unless it is a regional office
};

/// \brief Stable name of a country source ("auto", "applicant", ...).
constexpr std::string_view to_string(country_source s) noexcept {
    switch (s) {
        case country_source::automatic: return "auto";
        case country_source::applicant: return "applicant";
        case country_source::inventor: return "inventor";
        case country_source::priority: return "priority";
        case country_source::jurisdiction: return "jurisdiction";
    }
    return "auto";
}

/// \brief The country source named `name` (the names of to_string).
/// \throws invalid_argument for any other name, listing the accepted ones.
inline country_source country_source_from_string(std::string_view name) {
    for (const auto s : {country_source::automatic, country_source::applicant, country_source::inventor,
                         country_source::priority, country_source::jurisdiction})
        if (name == to_string(s)) return s;
    throw invalid_argument("unknown country source '" + std::string(name) +
                           "' (auto, applicant, inventor, priority, jurisdiction)");
}

/// \brief The country of a patent, from a row view (record_view or table_row,
/// analysis/record_source.hpp), as an upper-case two-letter code written by
/// the source (a view into the row's storage); empty when unknown.
///
/// `applicant` and `inventor` take the first party, in source order, that has
/// a country; `priority` the first priority country that is not a regional
/// office; `jurisdiction` the publishing office unless it is a regional office
/// (a `WO` publication has no country). `automatic` tries them in that order.
template <class Row>
std::string_view row_country(const Row& r, country_source src = country_source::automatic) {
    const auto country_code = [](std::string_view c) {
        return c.size() == 2 && !is_patent_office(c) ? c : std::string_view();
    };
    std::string_view out;
    const auto first_party = [&out](std::string_view, io::applicant_type, std::string_view country) {
        // a party's office code (WO, EP, ...) is no country, as in patent_country_records
        if (out.empty() && !country.empty() && !is_patent_office(country)) out = country;
    };
    switch (src) {
        case country_source::applicant: r.each_applicant(first_party); return out;
        case country_source::inventor: r.each_inventor(first_party); return out;
        case country_source::priority:
            r.each_priority_country([&](std::string_view c) {
                if (out.empty()) out = country_code(c);
            });
            return out;
        case country_source::jurisdiction: return country_code(r.jurisdiction());
        case country_source::automatic: break;
    }
    for (const auto s : {country_source::applicant, country_source::inventor, country_source::priority,
                         country_source::jurisdiction}) {
        out = row_country(r, s);
        if (!out.empty()) return out;
    }
    return {};
}

/// \brief The group of a record under `--group-by country`, the one rule every grouped analysis
/// applies: its row_country from `src`, or "(unknown)" when it has none.
template <class Row>
std::string row_country_group(const Row& r, country_source src = country_source::automatic) {
    const auto c = row_country(r, src);
    return c.empty() ? std::string("(unknown)") : std::string(c);
}

/// \brief The country of a patent record (row_country of its record_view).
inline std::string patent_country(const io::patent_record& r, country_source src = country_source::automatic) {
    return std::string(row_country(record_view(r), src));
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_PATENT_RULES_HPP_
