// SPDX-License-Identifier: BSL-1.0
//
// Record access shared by the analyses: one record at a time, from either
// form of the patent records (std::vector<io::patent_record> or the columnar
// records::patent_table), plus each record's parsed classification codes.
// An analysis written once over a source runs on both forms with the same
// rules: the per-record rules (patent_year, patent_country, indicators,
// the group profile's applicants, the branches) read a row view
// (record_view over an io::patent_record, table_row over a table row: the
// same accessors, the table's read from its columns without building a
// record), and the code rules see classification::ipc_code values, parsed
// once in the table and parsed on access for the vector. The table source
// has no record(i): no analysis builds an io::patent_record from a table row
// (records::patent_table::to_record does, for a caller that wants one).
#ifndef TECHCONV_ANALYSIS_RECORD_SOURCE_HPP_
#define TECHCONV_ANALYSIS_RECORD_SOURCE_HPP_

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <string_view>  // std::string_view
#include <type_traits>  // std::enable_if_t, std::is_same_v
#include <vector>   // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief Enables an overload for records::patent_table only: the table overloads of the
/// analyses are templates on it so that a braced `{}` argument still picks the vector form.
template <class T>
using if_patent_table = std::enable_if_t<std::is_same_v<T, records::patent_table>, int>;

/// \brief Parsed codes of one record: the code, or the empty code when the text is not a symbol.
using code_range = records::column_range<classification::ipc_code>;

/// \brief Parses code texts into `out` (cleared first): each text's classification::try_parse_ipc
/// value, or the empty code when it is not a symbol (so positions match the texts).
inline void parse_codes(const std::vector<std::string>& texts, std::vector<classification::ipc_code>& out) {
    out.clear();
    for (const auto& s : texts) {
        const auto c = classification::try_parse_ipc(s);
        out.push_back(c ? *c : classification::ipc_code{});
    }
}

/// \brief The fields of one io::patent_record that the analyses' per-record rules read.
///
/// table_row has the same accessors over a records::patent_table row; a rule
/// written over a row view (a template on it) runs on both forms.
class record_view {
public:
    /// A view of `r` (not owned).
    constexpr explicit record_view(const io::patent_record& r) noexcept : r_(r) {}
    std::string_view id() const noexcept { return r_.id; }                      ///< publication number
    std::string_view family_id() const noexcept { return r_.family_id; }        ///< family id or ""
    std::string_view title() const noexcept { return r_.title; }                ///< title or ""
    constexpr year_type publication_year() const noexcept { return r_.publication_year; }  ///< or no_year
    constexpr year_type application_year() const noexcept { return r_.application_year; }  ///< or no_year
    constexpr year_type priority_year() const noexcept { return r_.priority_year; }        ///< or no_year
    std::size_t source_line() const noexcept { return r_.source_line; }          ///< line in its source
    std::string_view jurisdiction() const noexcept { return r_.jurisdiction; }  ///< publishing office
    const io::indicator_values& counts() const noexcept { return r_.counts; }   ///< stated counts
    bool has(io::patent_field f) const noexcept { return r_.has(f); }           ///< list field supplied
    std::size_t npl_list_items() const noexcept { return r_.npl_list_items; }   ///< NPL list items
    /// Distinct texts among the IPC codes (as the source wrote them).
    std::size_t distinct_ipc_texts() const {
        std::size_t n = 0;
        for (std::size_t j = 0; j < r_.ipc.size(); ++j) {
            bool seen = false;
            for (std::size_t i = 0; i < j && !seen; ++i) seen = r_.ipc[i] == r_.ipc[j];
            n += seen ? 0 : 1;
        }
        return n;
    }
    /// Calls f(name, type, country) for each applicant, in source order.
    template <class F>
    void each_applicant(F&& f) const {
        for (const auto& p : r_.applicants) f(std::string_view(p.name), p.type, std::string_view(p.country));
    }
    /// Calls f(name, type, country) for each inventor, in source order.
    template <class F>
    void each_inventor(F&& f) const {
        for (const auto& p : r_.inventors) f(std::string_view(p.name), p.type, std::string_view(p.country));
    }
    /// Calls f(code) for each simple-family jurisdiction, in source order.
    template <class F>
    void each_family_jurisdiction(F&& f) const {
        for (const auto& j : r_.family_jurisdictions) f(std::string_view(j));
    }
    /// Calls f(code) for each priority country, in source order.
    template <class F>
    void each_priority_country(F&& f) const {
        for (const auto& c : r_.priority_countries) f(std::string_view(c));
    }

private:
    const io::patent_record& r_;
};

/// \brief The fields of one records::patent_table row that the analyses' per-record rules
/// read (the accessors of record_view), straight from the table's columns.
class table_row {
public:
    /// Row `k` of chunk `c` of `table` (not owned).
    table_row(const records::patent_table& table, const records::patent_table_chunk& c, std::size_t k) noexcept
        : t_(table), c_(c), k_(k) {}
    std::string_view id() const noexcept { return c_.id(k_); }                          ///< publication number
    std::string_view family_id() const noexcept { return c_.family_id(k_); }            ///< family id or ""
    /// Title ("" when the table keeps no titles, records::patent_table_options::titles).
    std::string_view title() const noexcept { return c_.title(k_); }
    year_type publication_year() const noexcept { return c_.publication_year(k_); }      ///< or no_year
    year_type application_year() const noexcept { return c_.application_year(k_); }      ///< or no_year
    year_type priority_year() const noexcept { return c_.priority_year(k_); }            ///< or no_year
    std::size_t source_line() const noexcept { return c_.source_line(k_); }              ///< line in its source
    std::string_view jurisdiction() const noexcept { return t_.label(c_.jurisdiction(k_)); }  ///< office
    io::indicator_values counts() const { return c_.counts(k_); }                        ///< stated counts
    bool has(io::patent_field f) const noexcept { return c_.has(k_, f); }                ///< list field supplied
    std::size_t npl_list_items() const noexcept { return c_.npl_list_items(k_); }        ///< NPL list items
    /// Distinct texts among the IPC codes (records::patent_table_chunk::distinct_ipc_texts).
    std::size_t distinct_ipc_texts() const { return c_.distinct_ipc_texts(k_); }
    /// Calls f(name, type, country) for each applicant, in source order.
    template <class F>
    void each_applicant(F&& f) const {
        for (const auto& p : c_.applicants(k_)) f(t_.label(p.name), p.type, t_.label(p.country));
    }
    /// Calls f(name, type, country) for each inventor, in source order.
    template <class F>
    void each_inventor(F&& f) const {
        for (const auto& p : c_.inventors(k_)) f(t_.label(p.name), p.type, t_.label(p.country));
    }
    /// Calls f(code) for each simple-family jurisdiction, in source order.
    template <class F>
    void each_family_jurisdiction(F&& f) const {
        for (const auto j : c_.family_jurisdictions(k_)) f(t_.label(j));
    }
    /// Calls f(code) for each priority country, in source order.
    template <class F>
    void each_priority_country(F&& f) const {
        for (const auto c : c_.priority_countries(k_)) f(t_.label(c));
    }

private:
    const records::patent_table& t_;
    const records::patent_table_chunk& c_;
    std::size_t k_;
};

/// \brief Records of a std::vector<io::patent_record>, accessed one at a time.
class vector_source {
public:
    /// A view of `records` (not owned; must outlive the source).
    explicit vector_source(const std::vector<io::patent_record>& records) noexcept : records_(records) {}
    /// Number of records.
    std::size_t size() const noexcept { return records_.size(); }
    /// Record `i`.
    const io::patent_record& record(std::size_t i) const noexcept { return records_[i]; }
    /// The rule fields of record `i`.
    record_view row(std::size_t i) const noexcept { return record_view(records_[i]); }
    /// The IPC (`f` = ipc) or CPC codes of record `i`, parsed now (valid until the next call).
    code_range codes(std::size_t i, io::patent_field f = io::patent_field::ipc) {
        parse_codes(f == io::patent_field::cpc ? records_[i].cpc : records_[i].ipc, codes_);
        return code_range(codes_.data(), codes_.size());
    }

private:
    const std::vector<io::patent_record>& records_;
    std::vector<classification::ipc_code> codes_;
};

/// \brief Records given as pointers into the caller's storage (e.g. a key core), one at a time.
class pointer_source {
public:
    /// A view of `records` (not owned; must outlive the source).
    explicit pointer_source(const std::vector<const io::patent_record*>& records) noexcept : records_(records) {}
    /// Number of records.
    std::size_t size() const noexcept { return records_.size(); }
    /// Record `i`.
    const io::patent_record& record(std::size_t i) const noexcept { return *records_[i]; }
    /// The rule fields of record `i`.
    record_view row(std::size_t i) const noexcept { return record_view(*records_[i]); }
    /// The IPC (`f` = ipc) or CPC codes of record `i`, parsed now (valid until the next call).
    code_range codes(std::size_t i, io::patent_field f = io::patent_field::ipc) {
        parse_codes(f == io::patent_field::cpc ? records_[i]->cpc : records_[i]->ipc, codes_);
        return code_range(codes_.data(), codes_.size());
    }

private:
    const std::vector<const io::patent_record*>& records_;
    std::vector<classification::ipc_code> codes_;
};

/// \brief Pointers to `records` in order, for pointer_source and the analyses that take
/// record pointers (the vector overloads of network, forecast and evolution).
inline std::vector<const io::patent_record*> record_pointers(const std::vector<io::patent_record>& records) {
    std::vector<const io::patent_record*> p;
    p.reserve(records.size());
    for (const auto& r : records) p.push_back(&r);
    return p;
}

/// \brief Records of a records::patent_table, accessed one at a time.
///
/// row(i) and codes() read the table's columns (parsed codes, interned
/// labels) without materialising anything.
class table_source {
public:
    /// A view of `table` (not owned; must outlive the source).
    explicit table_source(const records::patent_table& table) noexcept : table_(table) {}
    /// Number of records.
    std::size_t size() const noexcept { return table_.size(); }
    /// The rule fields of record `i`, from the columns.
    table_row row(std::size_t i) const noexcept {
        const auto [c, k] = table_.locate(i);
        return table_row(table_, *c, k);
    }
    /// The IPC (`f` = ipc) or CPC codes of record `i`, main first.
    code_range codes(std::size_t i, io::patent_field f = io::patent_field::ipc) const noexcept {
        const auto [c, k] = table_.locate(i);
        return f == io::patent_field::cpc ? c->cpc(k) : c->ipc(k);
    }

private:
    const records::patent_table& table_;
};

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_RECORD_SOURCE_HPP_
