// SPDX-License-Identifier: BSL-1.0
//
// Record access shared by the analyses: one record at a time, from either
// form of the patent records (std::vector<io::patent_record> or the columnar
// records::patent_table), plus each record's parsed classification codes.
// An analysis written once over a source runs on both forms with the same
// rules: the per-record rules (patent_year, patent_country, indicators) see
// an io::patent_record, and the code rules see classification::ipc_code
// values, parsed once in the table and parsed on access for the vector.
#ifndef TECHCONV_ANALYSIS_RECORD_SOURCE_HPP_
#define TECHCONV_ANALYSIS_RECORD_SOURCE_HPP_

#include <cstddef>  // std::size_t
#include <limits>   // std::numeric_limits
#include <string>   // std::string
#include <type_traits>  // std::enable_if_t, std::is_same_v
#include <vector>   // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"

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

/// \brief Records of a std::vector<io::patent_record>, accessed one at a time.
class vector_source {
public:
    /// A view of `records` (not owned; must outlive the source).
    explicit vector_source(const std::vector<io::patent_record>& records) noexcept : records_(records) {}
    /// Number of records.
    std::size_t size() const noexcept { return records_.size(); }
    /// Record `i`.
    const io::patent_record& record(std::size_t i) const noexcept { return records_[i]; }
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
    /// The IPC (`f` = ipc) or CPC codes of record `i`, parsed now (valid until the next call).
    code_range codes(std::size_t i, io::patent_field f = io::patent_field::ipc) {
        parse_codes(f == io::patent_field::cpc ? records_[i]->cpc : records_[i]->ipc, codes_);
        return code_range(codes_.data(), codes_.size());
    }

private:
    const std::vector<const io::patent_record*>& records_;
    std::vector<classification::ipc_code> codes_;
};

/// \brief Records of a records::patent_table, accessed one at a time.
///
/// record(i) materialises row `i` into one scratch record reused for every
/// row (valid until the next call with another row); codes() reads the
/// table's parsed codes without materialising anything.
class table_source {
public:
    /// A view of `table` (not owned; must outlive the source).
    explicit table_source(const records::patent_table& table) noexcept : table_(table) {}
    /// Number of records.
    std::size_t size() const noexcept { return table_.size(); }
    /// Record `i` (the scratch record; valid until record() is called with another row).
    const io::patent_record& record(std::size_t i) {
        if (i != current_) {
            table_.to_record(i, scratch_);
            current_ = i;
        }
        return scratch_;
    }
    /// The IPC (`f` = ipc) or CPC codes of record `i`, main first.
    code_range codes(std::size_t i, io::patent_field f = io::patent_field::ipc) const noexcept {
        const auto [c, k] = table_.locate(i);
        return f == io::patent_field::cpc ? c->cpc(k) : c->ipc(k);
    }

private:
    const records::patent_table& table_;
    io::patent_record scratch_;
    std::size_t current_ = std::numeric_limits<std::size_t>::max();
};

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_RECORD_SOURCE_HPP_
