// SPDX-License-Identifier: BSL-1.0
//
// The patent record model shared by every patent reader (Lens CSV, USPTO
// grant XML, generic CSV): identifiers, years, jurisdiction, parties with
// their type and country, IPC/CPC codes (main first) and the counts a source
// states for the nine [KCT] indicators, each with an "absent" marker.
#ifndef TECHCONV_RECORDS_PATENT_HPP_
#define TECHCONV_RECORDS_PATENT_HPP_

#include <array>        // std::array
#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint8_t, std::uint16_t
#include <optional>     // std::optional
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Kind of applicant (patent owner at filing): [KCT] §2.1 reports the
/// share of key core patents filed by companies.
enum class applicant_type : std::uint8_t {
    unknown = 0,  ///< not classified (no rule matched, or classification off)
    company,      ///< a firm (legal-form words such as INC, LTD, GMBH, CORP)
    university,   ///< a university, college or institute of technology
    institute,    ///< a public research institute, academy or government body
    individual,   ///< a natural person (an inventor filing in their own name)
};

/// \brief Short stable name of an applicant type ("company", ...).
constexpr std::string_view to_string(applicant_type t) noexcept {
    switch (t) {
        case applicant_type::unknown: return "unknown";
        case applicant_type::company: return "company";
        case applicant_type::university: return "university";
        case applicant_type::institute: return "institute";
        case applicant_type::individual: return "individual";
    }
    return "unknown";
}

/// \brief A person or organisation named on a patent (applicant, assignee, inventor).
struct party {
    std::string name;                               ///< as written by the source (trimmed)
    applicant_type type = applicant_type::unknown;  ///< known from the source or classified
    std::string country;                            ///< two-letter code from the source, or empty
};

/// \brief The nine [KCT] Table 1 indicators, in the paper's order.
///
/// Groups (level 2 of the hierarchy): fundamentality = backward citations, NPL
/// citations, claims; coreness = forward citations, technology classes,
/// applicants; strategic = family size, filing countries, developed filing
/// countries. The numeric values index indicator_values and are stable.
enum class indicator : std::uint8_t {
    backward_citations = 0,      ///< patents cited by the record
    npl_citations = 1,           ///< non-patent literature cited by the record
    claims = 2,                  ///< number of claims
    forward_citations = 3,       ///< patents citing the record
    technology_classes = 4,      ///< distinct IPC codes at full symbol level
    applicants = 5,              ///< distinct applicants
    family_size = 6,             ///< members of the simple family
    filing_countries = 7,        ///< distinct jurisdictions of the simple family
    developed_filing_countries = 8,  ///< of those, jurisdictions on the developed list
};

/// \brief Number of [KCT] indicators.
inline constexpr std::size_t indicator_count = 9;

/// \brief All indicators in [KCT] Table 1 order.
inline constexpr std::array<indicator, indicator_count> all_indicators = {
    indicator::backward_citations, indicator::npl_citations,     indicator::claims,
    indicator::forward_citations,  indicator::technology_classes, indicator::applicants,
    indicator::family_size,        indicator::filing_countries,
    indicator::developed_filing_countries};

/// \brief Stable snake_case name of an indicator ("backward_citations", ...).
constexpr std::string_view to_string(indicator i) noexcept {
    switch (i) {
        case indicator::backward_citations: return "backward_citations";
        case indicator::npl_citations: return "npl_citations";
        case indicator::claims: return "claims";
        case indicator::forward_citations: return "forward_citations";
        case indicator::technology_classes: return "technology_classes";
        case indicator::applicants: return "applicants";
        case indicator::family_size: return "family_size";
        case indicator::filing_countries: return "filing_countries";
        case indicator::developed_filing_countries: return "developed_filing_countries";
    }
    return "unknown";
}

/// \brief The [KCT] level-2 group of an indicator: "fundamentality", "coreness" or "strategic".
///
/// These are the only spellings techconv uses for the three groups ([KCT]
/// Table 1: 基础性, 核心性, 战略性); analysis::kct_indicator_tree names its
/// groups with them.
constexpr std::string_view indicator_group(indicator i) noexcept {
    switch (i) {
        case indicator::backward_citations:
        case indicator::npl_citations:
        case indicator::claims: return "fundamentality";
        case indicator::forward_citations:
        case indicator::technology_classes:
        case indicator::applicants: return "coreness";
        case indicator::family_size:
        case indicator::filing_countries:
        case indicator::developed_filing_countries: return "strategic";
    }
    return "unknown";
}

/// \brief Position of an indicator in [KCT] order (0..8).
constexpr std::size_t position(indicator i) noexcept { return static_cast<std::size_t>(i); }

/// \brief Nine non-negative counts, each either present or absent.
///
/// An absent value means "the source does not say", never zero: a reader sets
/// only what its input states, and indicator extraction reports absent values
/// instead of filling them (see indicators.hpp).
class indicator_values {
public:
    /// Whether indicator `i` has a value.
    constexpr bool has(indicator i) const noexcept {
        return ((present_ >> position(i)) & 1U) != 0;
    }
    /// The value of `i`, or std::nullopt when absent.
    constexpr std::optional<std::int64_t> get(indicator i) const noexcept {
        if (!has(i)) return std::nullopt;
        return values_[position(i)];
    }
    /// The value of `i`, or `fallback` when absent.
    constexpr std::int64_t value_or(indicator i, std::int64_t fallback) const noexcept {
        return has(i) ? values_[position(i)] : fallback;
    }
    /// Sets `i` to `v` (marks it present). \pre v >= 0 (checked: invalid_argument).
    void set(indicator i, std::int64_t v) {
        ::techconv::detail::require(v >= 0, "indicator_values::set: counts are non-negative");
        values_[position(i)] = v;
        present_ = static_cast<std::uint16_t>(present_ | (1U << position(i)));
    }
    /// Marks `i` absent.
    constexpr void clear(indicator i) noexcept {
        values_[position(i)] = 0;
        present_ = static_cast<std::uint16_t>(present_ & ~(1U << position(i)));
    }
    /// Number of present indicators.
    constexpr std::size_t count() const noexcept {
        std::size_t n = 0;
        for (std::size_t k = 0; k < indicator_count; ++k) n += (present_ >> k) & 1U;
        return n;
    }
    /// Bit k set = indicator k present.
    constexpr std::uint16_t mask() const noexcept { return present_; }

    friend constexpr bool operator==(const indicator_values& a, const indicator_values& b) noexcept {
        if (a.present_ != b.present_) return false;
        for (std::size_t k = 0; k < indicator_count; ++k)
            if (a.values_[k] != b.values_[k]) return false;
        return true;
    }
    friend constexpr bool operator!=(const indicator_values& a, const indicator_values& b) noexcept {
        return !(a == b);
    }

private:
    std::array<std::int64_t, indicator_count> values_{};
    std::uint16_t present_ = 0;
};

/// \brief List fields a source can supply; a record says which ones its source had.
///
/// "Supplied" means the column or element exists in the source, so an empty
/// list is a real zero (e.g. a Lens row with an empty `Applicants` cell has no
/// applicants), while an unsupplied list is unknown.
enum class patent_field : std::uint8_t {
    ipc = 0,                   ///< IPC codes
    cpc = 1,                   ///< CPC codes
    applicants = 2,            ///< applicant names
    inventors = 3,             ///< inventor names
    family_jurisdictions = 4,  ///< jurisdictions of the simple family members
    priority_countries = 5,    ///< countries of the priority claims
    party_countries = 6,       ///< countries of applicants / inventors
    npl_list = 7,              ///< the NPL citations as a list (counted when no count is stated)
    citing_list = 8,           ///< the documents citing it as a list (patent_record::citing_patents)
};

/// \brief One patent publication (or, after merging, one simple family).
///
/// Codes are normalised strings (upper case, no blanks, `/` between main group
/// and subgroup, e.g. `F02C7/055`), main code first, each code once.
/// Countries and jurisdictions are upper-case two-letter codes as the source
/// writes them (`WO` and `EP` are offices, not countries).
struct patent_record {
    std::string id;             ///< publication number, e.g. `US 8001762 B2`
    std::string lens_id;        ///< Lens ID when the source has one
    std::string family_id;      ///< simple-family key (see families.hpp); empty when unknown
    std::string jurisdiction;   ///< publishing office, e.g. `US`
    std::string kind;           ///< kind code, e.g. `B2`
    std::string document_type;  ///< e.g. `Granted Patent`, `Patent Application`, `utility`
    std::string title;          ///< title (may be empty)
    year_type publication_year = no_year;  ///< year of publication
    year_type application_year = no_year;  ///< year of filing
    year_type priority_year = no_year;     ///< year of the earliest priority
    std::vector<party> applicants;         ///< applicants / assignees, source order
    std::vector<party> inventors;          ///< inventors, source order
    std::vector<std::string> ipc;          ///< IPC codes, main first
    std::vector<std::string> cpc;          ///< CPC codes, main first
    std::vector<std::string> family_jurisdictions;  ///< distinct jurisdictions of the simple family
    std::vector<std::string> priority_countries;    ///< countries of the priority claims
    std::vector<std::string> priority_numbers;      ///< priority application numbers, as written
    /// Publication numbers of the patents it cites, in the form of `id` (`US 5123456 A`), source
    /// order, each once: USPTO XML `us-citation/patcit`, Lens JSON `references_cited`, Derwent
    /// `CP`, PATSTAT, PatentsView bulk (docs/io-patents.md says which format lists them).
    std::vector<std::string> cited_patents;
    /// The documents citing it (forward citations) where the source lists them, in the form of
    /// cited_patents (a publication number, else the source's own id such as a Lens ID), source
    /// order, each once: Lens JSON `biblio.cited_by.patents[]`, PatentsView bulk
    /// `g_us_patent_citation`. patent_field::citing_list says the source supplied the list.
    std::vector<std::string> citing_patents;
    std::size_t npl_list_items = 0;        ///< items of an NPL citation list, when supplied
    indicator_values counts;   ///< counts the source states directly (absent = not stated)
    std::uint16_t fields = 0;  ///< bit k set = patent_field k supplied by the source
    std::size_t source_line = 0;  ///< line where the record starts in its source
    std::size_t members = 1;      ///< publications merged into this record (families.hpp)

    /// Whether the source supplied list field `f`.
    constexpr bool has(patent_field f) const noexcept {
        return ((fields >> static_cast<unsigned>(f)) & 1U) != 0;
    }
    /// Marks list field `f` as supplied.
    constexpr void supply(patent_field f) noexcept {
        fields = static_cast<std::uint16_t>(fields | (1U << static_cast<unsigned>(f)));
    }
};

/// \brief Distinct non-empty countries of `parties`, in first-seen order.
///
/// Used for the co-invention counts of the closeness module (inventor or
/// applicant countries of a patent). Complexity: O(p²) for p parties (p is small).
inline std::vector<std::string> party_countries(const std::vector<party>& parties) {
    std::vector<std::string> out;
    for (const auto& p : parties) {
        if (p.country.empty()) continue;
        bool seen = false;
        for (const auto& c : out)
            if (c == p.country) {
                seen = true;
                break;
            }
        if (!seen) out.push_back(p.country);
    }
    return out;
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_PATENT_HPP_
