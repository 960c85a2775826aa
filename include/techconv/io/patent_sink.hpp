// SPDX-License-Identifier: BSL-1.0
//
// Where the patent readers write a record: their sink. records::patent_table
// is one (its row interface: begin_row, setters and adders, end_row or
// abandon_row), so a reader fills the columns directly; patent_record_sink
// is the other, filling one io::patent_record (the readers' next(record)
// reads through it). A reader has one parsing code path, next_into(sink).
#ifndef TECHCONV_IO_PATENT_SINK_HPP_
#define TECHCONV_IO_PATENT_SINK_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint16_t
#include <optional>     // std::optional
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief A reader sink that fills one patent_record (the row form of the
/// readers: `reader.next(rec)` reads through it). Its functions are those of
/// records::patent_table's row interface; the record is reset at begin_row,
/// and a code is kept as its text (the parsed value is the table's business).
class patent_record_sink {
public:
    /// Fills `rec`.
    explicit patent_record_sink(patent_record& rec) noexcept : rec_(&rec) {}

    /// Starts the record (reset) at `source_line`.
    void begin_row(std::size_t source_line) {
        *rec_ = patent_record{};
        rec_->source_line = source_line;
    }
    void set_id(std::string_view s) { rec_->id.assign(s.data(), s.size()); }                ///< publication number
    void set_lens_id(std::string_view s) { rec_->lens_id.assign(s.data(), s.size()); }      ///< Lens ID
    void set_family_id(std::string_view s) { rec_->family_id.assign(s.data(), s.size()); }  ///< family id
    void set_title(std::string_view s) { rec_->title.assign(s.data(), s.size()); }          ///< title
    void set_jurisdiction(std::string_view s) { rec_->jurisdiction.assign(s.data(), s.size()); }  ///< office
    void set_kind(std::string_view s) { rec_->kind.assign(s.data(), s.size()); }                  ///< kind code
    void set_document_type(std::string_view s) { rec_->document_type.assign(s.data(), s.size()); }  ///< type
    /// Publication, application and priority years.
    void set_years(year_type publication, year_type application, year_type priority) noexcept {
        rec_->publication_year = publication;
        rec_->application_year = application;
        rec_->priority_year = priority;
    }
    /// Adds an applicant.
    void add_applicant(std::string_view name, std::string_view country, applicant_type type) {
        add(rec_->applicants, name, country, type);
    }
    /// Adds an inventor.
    void add_inventor(std::string_view name, std::string_view country, applicant_type type) {
        add(rec_->inventors, name, country, type);
    }
    void add_ipc(std::string_view s) { rec_->ipc.emplace_back(s); }  ///< an IPC code (its text)
    /// An IPC code the reader parsed (the record keeps the text).
    void add_ipc(std::string_view s, const std::optional<classification::ipc_code>&) { add_ipc(s); }
    void add_cpc(std::string_view s) { rec_->cpc.emplace_back(s); }  ///< a CPC code (its text)
    /// A CPC code the reader parsed (the record keeps the text).
    void add_cpc(std::string_view s, const std::optional<classification::ipc_code>&) { add_cpc(s); }
    void add_family_jurisdiction(std::string_view s) { rec_->family_jurisdictions.emplace_back(s); }  ///< a jurisdiction
    void add_priority_country(std::string_view s) { rec_->priority_countries.emplace_back(s); }       ///< a country
    void add_priority_number(std::string_view s) { rec_->priority_numbers.emplace_back(s); }          ///< a number
    void add_cited_patent(std::string_view s) { rec_->cited_patents.emplace_back(s); }  ///< a cited patent
    void add_citing_patent(std::string_view s) { rec_->citing_patents.emplace_back(s); }  ///< a citing patent
    void set_npl_list_items(std::size_t n) noexcept { rec_->npl_list_items = n; }  ///< NPL list items
    void set_count(indicator ind, std::int64_t v) { rec_->counts.set(ind, v); }     ///< a stated count
    void set_counts(const indicator_values& v) { rec_->counts = v; }                ///< every stated count
    void supply(patent_field f) noexcept { rec_->supply(f); }                       ///< a supplied list field
    void set_fields(std::uint16_t bits) noexcept { rec_->fields = bits; }           ///< every field bit
    void set_members(std::size_t n) noexcept { rec_->members = n; }                 ///< merged publications
    /// Ends the record.
    void end_row() noexcept {}
    /// Nothing to undo: the record is overwritten at the next begin_row.
    void abandon_row() noexcept {}

private:
    static void add(std::vector<party>& to, std::string_view name, std::string_view country, applicant_type type) {
        to.emplace_back();
        to.back().name.assign(name.data(), name.size());
        to.back().country.assign(country.data(), country.size());
        to.back().type = type;
    }
    patent_record* rec_;
};

namespace detail {

/// Every remaining record of a patent reader, in input order: the one loop behind the
/// readers' read_all().
template <class Reader>
std::vector<patent_record> read_all_patents(Reader& reader) {
    std::vector<patent_record> out;
    patent_record r;
    while (reader.next(r)) out.push_back(std::move(r));
    return out;
}

}  // namespace detail

namespace detail {

/// Abandons the sink's open row when the parse leaves by an exception
/// (a reader error midway through a record), unless committed.
template <class Sink>
class row_guard {
public:
    explicit row_guard(Sink& s) noexcept : sink_(&s) {}
    row_guard(const row_guard&) = delete;
    row_guard& operator=(const row_guard&) = delete;
    ~row_guard() {
        if (sink_) sink_->abandon_row();
    }
    /// Ends the row (sink.end_row()); the guard then does nothing.
    void commit() {
        Sink* s = sink_;
        sink_ = nullptr;
        s->end_row();
    }

private:
    Sink* sink_;
};

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PATENT_SINK_HPP_
