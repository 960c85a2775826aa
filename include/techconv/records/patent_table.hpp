// SPDX-License-Identifier: BSL-1.0
//
// The columnar form of patent records: one table, in chunks of a fixed
// number of records, whose columns are flat arrays (offsets + values).
// Identifiers live in char arenas, repeated labels (offices, kind codes,
// document types, party names and countries, family jurisdictions, priority
// countries and numbers) are interned once in a label_pool shared by all
// chunks, and IPC/CPC codes are parsed once into 8-byte
// classification::ipc_code values, main code first.
//
// Memory per record, measured as the heap held after reading (glibc
// mallinfo2; bench/records_bench.cpp, commands in
// docs/internals/performance-records.md):
//   synthetic corpus (100,000 records): std::vector<io::patent_record> 998 B,
//       patent_table 190 B (5.2x less);
//   Lens jet-engine export (3,779 records): 1,367 B and 360 B (3.8x);
//   USPTO grant XML (9 files, 225 records): 1,408 B and 341 B (4.1x).
// Titles are off by default (patent_table_options::titles); they add their
// length in bytes plus 4 per record.
#ifndef TECHCONV_RECORDS_PATENT_TABLE_HPP_
#define TECHCONV_RECORDS_PATENT_TABLE_HPP_

#include <algorithm>    // std::lower_bound
#include <array>        // std::array
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint16_t, std::uint32_t, std::int64_t
#include <limits>       // std::numeric_limits
#include <optional>     // std::optional
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <type_traits>  // std::is_lvalue_reference_v
#include <unordered_set>  // std::unordered_set
#include <utility>      // std::pair, std::move, std::forward
#include <vector>       // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/chunked_table.hpp"
#include "techconv/records/families.hpp"
#include "techconv/records/labels.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace records {

/// \brief A read-only run of `T` in a column (pointer and length).
template <class T>
class column_range {
public:
    constexpr column_range() noexcept = default;
    constexpr column_range(const T* first, std::size_t n) noexcept : first_(first), n_(n) {}
    constexpr const T* begin() const noexcept { return first_; }
    constexpr const T* end() const noexcept { return first_ + n_; }
    constexpr std::size_t size() const noexcept { return n_; }
    constexpr bool empty() const noexcept { return n_ == 0; }
    constexpr const T& operator[](std::size_t i) const noexcept { return first_[i]; }

private:
    const T* first_ = nullptr;
    std::size_t n_ = 0;
};

/// \brief A party (applicant or inventor) in the table: interned name and country, and its type.
struct party_cell {
    label_index name = 0;                                  ///< the name as the source wrote it
    label_index country = 0;                               ///< two-letter country, or the empty label
    io::applicant_type type = io::applicant_type::unknown;  ///< the type
};

/// \brief Options of patent_table.
struct patent_table_options {
    /// Keep the titles. Off by default: of the analyses only the key core's best-records
    /// table prints record titles (the network's cluster titles come from a title list).
    bool titles = false;
    /// Records per chunk (at least 1). A consumer can process a table chunk by chunk.
    std::size_t chunk_capacity = 65536;
    /// How many unparsed codes patent_table::unparsed_examples keeps.
    std::size_t unparsed_examples = 20;
};

namespace detail {

/// Strings back to back with 32-bit offsets (one chunk's ids, Lens IDs, ...).
class text_column {
public:
    void push(std::string_view s) {
        ::techconv::detail::require(chars_.size() + s.size() <= std::numeric_limits<std::uint32_t>::max(),
                                    "patent_table: a chunk's text column exceeds 4 GiB");
        chars_.insert(chars_.end(), s.begin(), s.end());
        offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
    }
    std::string_view view(std::size_t i) const noexcept {
        return std::string_view(chars_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
    }
    /// Strings held.
    std::size_t size() const noexcept { return offsets_.size() - 1; }
    /// The last string. \pre size() > 0
    std::string_view last() const noexcept { return view(size() - 1); }
    /// Removes the last string. \pre size() > 0
    void pop_back() noexcept {
        offsets_.pop_back();
        chars_.resize(offsets_.back());
    }
    std::size_t memory_bytes() const noexcept {
        return chars_.capacity() + offsets_.capacity() * sizeof(std::uint32_t);
    }
    void shrink_to_fit() {
        chars_.shrink_to_fit();
        offsets_.shrink_to_fit();
    }

private:
    std::vector<char> chars_;
    std::vector<std::uint32_t> offsets_{0};
};

/// Lists of `T` back to back with 32-bit offsets (one list per record).
template <class T>
class list_column {
public:
    void push_back(const T& v) { values_.push_back(v); }
    /// Ends the current record's list.
    void close() {
        ::techconv::detail::require(values_.size() <= std::numeric_limits<std::uint32_t>::max(),
                                    "patent_table: a chunk's list column exceeds 2^32 values");
        offsets_.push_back(static_cast<std::uint32_t>(values_.size()));
    }
    column_range<T> at(std::size_t i) const noexcept {
        return column_range<T>(values_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
    }
    /// Position of the first value of the list not yet closed.
    std::size_t open_start() const noexcept { return offsets_.back(); }
    /// Drops the values of the list not yet closed.
    void drop_open() noexcept { values_.resize(offsets_.back()); }
    /// Position of the first value of record i (for per-value side tables).
    std::size_t first(std::size_t i) const noexcept { return offsets_[i]; }
    std::size_t values() const noexcept { return values_.size(); }
    std::size_t memory_bytes() const noexcept {
        return values_.capacity() * sizeof(T) + offsets_.capacity() * sizeof(std::uint32_t);
    }
    void shrink_to_fit() {
        values_.shrink_to_fit();
        offsets_.shrink_to_fit();
    }

private:
    std::vector<T> values_;
    std::vector<std::uint32_t> offsets_{0};
};

/// A code column: parsed codes, plus the exact text of each code whose text is not
/// the compact form of its parsed value (so to_record gives back the source string).
struct code_column {
    list_column<classification::ipc_code> codes;
    std::vector<std::pair<std::uint32_t, label_index>> texts;  // (value position, label), ascending

    std::size_t memory_bytes() const noexcept {
        return codes.memory_bytes() + texts.capacity() * sizeof(texts[0]);
    }
};

struct table_access;

}  // namespace detail

class patent_table;

/// \brief Up to patent_table_options::chunk_capacity records, column by column.
///
/// Label ids refer to the label_pool of the table the chunk belongs to
/// (patent_table::labels()). Row indices here are local to the chunk.
class patent_table_chunk {
public:
    /// Records in the chunk.
    std::size_t size() const noexcept { return source_line_.size(); }
    /// Index in the table of the chunk's first record.
    std::size_t first_row() const noexcept { return first_row_; }

    std::string_view id(std::size_t i) const noexcept { return ids_.view(i); }               ///< publication number
    std::string_view lens_id(std::size_t i) const noexcept { return lens_ids_.view(i); }     ///< Lens ID or ""
    std::string_view family_id(std::size_t i) const noexcept { return family_ids_.view(i); } ///< family id or ""
    /// Title ("" when the table keeps no titles).
    std::string_view title(std::size_t i) const noexcept { return has_titles_ ? titles_.view(i) : std::string_view(); }
    label_index jurisdiction(std::size_t i) const noexcept { return office_[i][0]; }   ///< publishing office
    label_index kind(std::size_t i) const noexcept { return office_[i][1]; }           ///< kind code
    label_index document_type(std::size_t i) const noexcept { return office_[i][2]; }  ///< document type
    year_type publication_year(std::size_t i) const noexcept { return years_[i][0]; }  ///< or no_year
    year_type application_year(std::size_t i) const noexcept { return years_[i][1]; }  ///< or no_year
    year_type priority_year(std::size_t i) const noexcept { return years_[i][2]; }     ///< or no_year
    column_range<party_cell> applicants(std::size_t i) const noexcept { return applicants_.at(i); }  ///< source order
    column_range<party_cell> inventors(std::size_t i) const noexcept { return inventors_.at(i); }    ///< source order
    /// IPC codes, main first; a code that did not parse is the empty ipc_code.
    column_range<classification::ipc_code> ipc(std::size_t i) const noexcept { return ipc_.codes.at(i); }
    /// CPC codes, main first; a code that did not parse is the empty ipc_code.
    column_range<classification::ipc_code> cpc(std::size_t i) const noexcept { return cpc_.codes.at(i); }
    /// \brief The number of distinct source texts among record i's IPC codes (what
    /// counting the texts of to_record(i).ipc gives), from the parsed codes: two codes
    /// have the same text when both are stored as their compact form and equal, or
    /// both keep the same exact text (a kept text never is another code's compact form).
    std::size_t distinct_ipc_texts(std::size_t i) const {
        constexpr label_index compact = std::numeric_limits<label_index>::max();
        const auto codes = ipc(i);
        const std::size_t base = ipc_.codes.first(i);
        label_index small[16];
        std::vector<label_index> large;
        label_index* text = small;
        if (codes.size() > 16) {
            large.resize(codes.size());
            text = large.data();
        }
        auto it = std::lower_bound(ipc_.texts.begin(), ipc_.texts.end(), base,
                                   [](const auto& e, std::size_t p) { return e.first < p; });
        for (std::size_t j = 0; j < codes.size(); ++j)
            text[j] = it != ipc_.texts.end() && it->first == base + j ? (it++)->second : compact;
        std::size_t n = 0;
        for (std::size_t j = 0; j < codes.size(); ++j) {
            bool seen = false;
            for (std::size_t q = 0; q < j && !seen; ++q)
                seen = text[q] == text[j] && (text[j] != compact || codes[q] == codes[j]);
            n += seen ? 0 : 1;
        }
        return n;
    }
    column_range<label_index> family_jurisdictions(std::size_t i) const noexcept { return family_juris_.at(i); }
    column_range<label_index> priority_countries(std::size_t i) const noexcept { return priority_countries_.at(i); }
    column_range<label_index> priority_numbers(std::size_t i) const noexcept { return priority_numbers_.at(i); }
    /// Publication numbers of the patents record `i` cites (io::patent_record::cited_patents), as label ids.
    column_range<label_index> cited_patents(std::size_t i) const noexcept { return cited_.at(i); }
    /// Publication numbers of the documents citing record `i` (io::patent_record::citing_patents), as label ids.
    column_range<label_index> citing_patents(std::size_t i) const noexcept { return citing_.at(i); }
    std::size_t npl_list_items(std::size_t i) const noexcept { return npl_items_[i]; }  ///< NPL list items
    /// The stated indicator counts.
    io::indicator_values counts(std::size_t i) const {
        io::indicator_values v;
        const auto vals = count_values_.at(i);
        std::size_t k = 0;
        for (const auto ind : io::all_indicators) {
            if (((count_mask_[i] >> io::position(ind)) & 1U) == 0) continue;
            v.set(ind, vals[k] != wide_count ? std::int64_t{vals[k]} : wide_value(count_values_.first(i) + k));
            ++k;
        }
        return v;
    }
    std::uint16_t count_mask(std::size_t i) const noexcept { return count_mask_[i]; }  ///< bit k: indicator k stated
    std::uint16_t fields(std::size_t i) const noexcept { return fields_[i]; }  ///< bit k: io::patent_field k supplied
    /// Whether record i's source supplied list field `f`.
    bool has(std::size_t i, io::patent_field f) const noexcept {
        return ((fields_[i] >> static_cast<unsigned>(f)) & 1U) != 0;
    }
    std::size_t source_line(std::size_t i) const noexcept { return source_line_[i]; }  ///< line in its source
    std::size_t members(std::size_t i) const noexcept { return members_[i]; }          ///< merged publications

    /// Bytes held by the chunk's columns (capacities; the shared label pool not included).
    std::size_t memory_bytes() const noexcept {
        return ids_.memory_bytes() + lens_ids_.memory_bytes() + family_ids_.memory_bytes() + titles_.memory_bytes() +
               office_.capacity() * sizeof(office_[0]) + years_.capacity() * sizeof(years_[0]) +
               applicants_.memory_bytes() + inventors_.memory_bytes() + ipc_.memory_bytes() + cpc_.memory_bytes() +
               family_juris_.memory_bytes() + priority_countries_.memory_bytes() +
               priority_numbers_.memory_bytes() + cited_.memory_bytes() + citing_.memory_bytes() +
               npl_items_.capacity() * sizeof(std::uint32_t) +
               count_mask_.capacity() * sizeof(std::uint16_t) + count_values_.memory_bytes() +
               wide_counts_.capacity() * sizeof(wide_counts_[0]) +
               fields_.capacity() * sizeof(std::uint16_t) + source_line_.capacity() * sizeof(std::uint64_t) +
               members_.capacity() * sizeof(std::uint32_t);
    }

private:
    friend class patent_table;
    template <class, class> friend class chunked_table;
    friend struct detail::table_access;

    // the stated counts of one record (mask, values, wide values)
    void push_counts(const io::indicator_values& counts) {
        count_mask_.push_back(counts.mask());
        for (const auto ind : io::all_indicators) {
            if (!counts.has(ind)) continue;
            const std::int64_t v = *counts.get(ind);
            if (v >= wide_count) {
                wide_counts_.emplace_back(static_cast<std::uint32_t>(count_values_.values()), v);
                count_values_.push_back(wide_count);
            } else {
                count_values_.push_back(static_cast<std::uint32_t>(v));
            }
        }
        count_values_.close();
    }

    void shrink_to_fit() {
        for (auto* t : {&ids_, &lens_ids_, &family_ids_, &titles_}) t->shrink_to_fit();
        for (auto* l : {&applicants_, &inventors_}) l->shrink_to_fit();
        for (auto* l : {&family_juris_, &priority_countries_, &priority_numbers_, &cited_, &citing_})
            l->shrink_to_fit();
        for (auto* c : {&ipc_, &cpc_}) {
            c->codes.shrink_to_fit();
            c->texts.shrink_to_fit();
        }
        count_values_.shrink_to_fit();
        wide_counts_.shrink_to_fit();
        office_.shrink_to_fit();
        years_.shrink_to_fit();
        npl_items_.shrink_to_fit();
        count_mask_.shrink_to_fit();
        fields_.shrink_to_fit();
        source_line_.shrink_to_fit();
        members_.shrink_to_fit();
    }

    std::size_t first_row_ = 0;
    bool has_titles_ = false;
    detail::text_column ids_, lens_ids_, family_ids_, titles_;
    std::vector<std::array<label_index, 3>> office_;  // jurisdiction, kind, document type
    std::vector<std::array<year_type, 3>> years_;     // publication, application, priority
    detail::list_column<party_cell> applicants_, inventors_;
    detail::code_column ipc_, cpc_;
    detail::list_column<label_index> family_juris_, priority_countries_, priority_numbers_, cited_, citing_;
    std::vector<std::uint32_t> npl_items_;
    std::vector<std::uint16_t> count_mask_;
    // the stated counts only, in indicator order; a count of 2^32 - 1 or more is wide_count here
    // and its value is in wide_counts_ (value position, value), ascending
    static constexpr std::uint32_t wide_count = std::numeric_limits<std::uint32_t>::max();
    detail::list_column<std::uint32_t> count_values_;
    std::vector<std::pair<std::uint32_t, std::int64_t>> wide_counts_;
    std::int64_t wide_value(std::size_t pos) const noexcept {
        const auto it = std::lower_bound(wide_counts_.begin(), wide_counts_.end(), pos,
                                         [](const auto& e, std::size_t p) { return e.first < p; });
        return it->second;
    }
    std::vector<std::uint16_t> fields_;
    std::vector<std::uint64_t> source_line_;
    std::vector<std::uint32_t> members_;
};

/// \brief Codes of a table that did not parse as IPC/CPC symbols.
struct unparsed_codes {
    std::size_t ipc = 0;  ///< IPC codes kept as text only (their parsed value is the empty code)
    std::size_t cpc = 0;  ///< CPC codes kept as text only
    /// The first patent_table_options::unparsed_examples of them: `id: ipc|cpc 'text'`.
    std::vector<std::string> examples;
    /// IPC + CPC.
    std::size_t total() const noexcept { return ipc + cpc; }
};

/// \brief Patent records in columns: chunks of a fixed capacity sharing one label pool.
///
/// Filled row by row: a reader writes each field straight into the columns
/// (begin_row(), setters and adders taking views, end_row() or abandon_row();
/// the readers' next_into(table)), and append() writes an io::patent_record
/// through the same interface. Every field of
/// the record is kept: to_record(i) gives back a record equal to the one
/// appended (titles only with patent_table_options::titles). Codes are parsed
/// with classification::try_parse_ipc; a code that does not parse is stored as
/// the empty code with its text, counted in unparsed() and never dropped.
///
/// \code
/// records::patent_table t;
/// for (const auto& r : records) t.append(r);
/// for (const auto& c : t.chunks())
///     for (std::size_t i = 0; i < c.size(); ++i)
///         for (const auto code : c.ipc(i)) use(code.truncate(classification::ipc_level::subclass));
/// \endcode
class patent_table : public chunked_table<patent_table_chunk, patent_table_options> {
public:
    /// An empty table. \throws invalid_argument when opts.chunk_capacity is 0.
    explicit patent_table(patent_table_options opts = {})
        : chunked_table(opts, "patent_table: chunk_capacity must be at least 1") {}

    /// \brief Appends `r` as the last record (through the row interface below).
    /// \throws invalid_argument when a count exceeds 2^32 - 1 (NPL items, members);
    /// the table is then unchanged.
    void append(const io::patent_record& r) {
        begin_row(r.source_line);
        set_id(r.id);
        set_lens_id(r.lens_id);
        set_family_id(r.family_id);
        set_title(r.title);
        set_jurisdiction(r.jurisdiction);
        set_kind(r.kind);
        set_document_type(r.document_type);
        set_years(r.publication_year, r.application_year, r.priority_year);
        for (const auto& p : r.applicants) add_applicant(p.name, p.country, p.type);
        for (const auto& p : r.inventors) add_inventor(p.name, p.country, p.type);
        for (const auto& s : r.ipc) add_ipc(s);
        for (const auto& s : r.cpc) add_cpc(s);
        for (const auto& x : r.family_jurisdictions) add_family_jurisdiction(x);
        for (const auto& x : r.priority_countries) add_priority_country(x);
        for (const auto& x : r.priority_numbers) add_priority_number(x);
        for (const auto& x : r.cited_patents) add_cited_patent(x);
        for (const auto& x : r.citing_patents) add_citing_patent(x);
        set_npl_list_items(r.npl_list_items);
        set_counts(r.counts);
        set_fields(r.fields);
        set_members(r.members);
        end_row();
    }

    /// \name Row interface
    /// A reader writes a record straight into the columns: begin_row(), any of the
    /// setters and adders in any order (each list keeps the order of its adds; a
    /// setter called twice keeps the last value), then end_row(), or abandon_row()
    /// to drop the unfinished row (a duplicate, a record whose parse failed midway):
    /// the table is then as before begin_row(), its label pool included (the labels the
    /// row added are removed), so dropped rows do not accumulate. A field never set is empty: "" texts and labels, no_year,
    /// empty lists, no stated count, no field bit, members 1. Labels are interned
    /// from the views; the views need only live until the call returns.
    /// \code
    /// t.begin_row(line);
    /// t.set_id("EP 1234567 A1");
    /// t.add_ipc("H01M10/05");
    /// t.end_row();
    /// \endcode
    /// @{

    /// \brief Starts a row whose source line is `source_line`.
    /// \throws invalid_argument when a row is open (end or abandon it first).
    void begin_row(std::size_t source_line) {
        ::techconv::detail::require(!row_.open, "patent_table::begin_row: the previous row was not ended");
        auto& c = open_chunk();
        row_ = open_row{};
        row_.open = true;
        row_.line = source_line;
        row_.labels = labels_.size();
        row_.new_chunk = c.source_line_.empty() && c.ids_.size() == 0;
    }
    /// Whether a row is open (begin_row() called, end_row() / abandon_row() not yet).
    bool row_open() const noexcept { return row_.open; }
    /// The open row's id so far ("" before set_id). \pre row_open()
    std::string_view row_id() const noexcept { return row_.set[0] ? chunks_.back().ids_.last() : std::string_view(); }
    /// The open row's source line. \pre row_open()
    std::size_t row_source_line() const noexcept { return row_.line; }

    void set_id(std::string_view s) { set_text(0, &patent_table_chunk::ids_, s); }                ///< publication number
    void set_lens_id(std::string_view s) { set_text(1, &patent_table_chunk::lens_ids_, s); }      ///< Lens ID
    void set_family_id(std::string_view s) { set_text(2, &patent_table_chunk::family_ids_, s); }  ///< family id
    /// The title (ignored unless patent_table_options::titles).
    void set_title(std::string_view s) {
        if (opts_.titles) set_text(3, &patent_table_chunk::titles_, s);
    }
    void set_jurisdiction(std::string_view s) { open().office[0] = labels_.intern(s); }   ///< publishing office
    void set_kind(std::string_view s) { open().office[1] = labels_.intern(s); }           ///< kind code
    void set_document_type(std::string_view s) { open().office[2] = labels_.intern(s); }  ///< document type
    /// Publication, application and priority years (no_year: unknown).
    void set_years(year_type publication, year_type application, year_type priority) {
        open().years = {publication, application, priority};
    }
    /// Adds an applicant (name and country interned).
    void add_applicant(std::string_view name, std::string_view country, io::applicant_type type) {
        add_party(&patent_table_chunk::applicants_, name, country, type);
    }
    /// Adds an inventor (name and country interned).
    void add_inventor(std::string_view name, std::string_view country, io::applicant_type type) {
        add_party(&patent_table_chunk::inventors_, name, country, type);
    }
    /// \brief Adds an IPC code, parsed here (classification::try_parse_ipc). A code that
    /// does not parse is kept as text with the empty code and counted in unparsed().
    void add_ipc(std::string_view text) { add_code(true, text, classification::try_parse_ipc(text)); }
    /// \brief Adds an IPC code that the reader already parsed: `parsed` must be
    /// try_parse_ipc(text) (so the code is parsed once).
    void add_ipc(std::string_view text, const std::optional<classification::ipc_code>& parsed) {
        add_code(true, text, parsed);
    }
    /// Adds a CPC code (as add_ipc).
    void add_cpc(std::string_view text) { add_code(false, text, classification::try_parse_ipc(text)); }
    /// Adds a CPC code the reader already parsed (as add_ipc).
    void add_cpc(std::string_view text, const std::optional<classification::ipc_code>& parsed) {
        add_code(false, text, parsed);
    }
    /// Adds a jurisdiction of the simple family.
    void add_family_jurisdiction(std::string_view s) {
        open();
        chunks_.back().family_juris_.push_back(labels_.intern(s));
    }
    /// Adds a priority country.
    void add_priority_country(std::string_view s) {
        open();
        chunks_.back().priority_countries_.push_back(labels_.intern(s));
    }
    /// Adds a priority number.
    void add_priority_number(std::string_view s) {
        open();
        chunks_.back().priority_numbers_.push_back(labels_.intern(s));
    }
    /// Adds the publication number of a cited patent.
    void add_cited_patent(std::string_view s) {
        open();
        chunks_.back().cited_.push_back(labels_.intern(s));
    }
    /// Adds the publication number of a citing patent.
    void add_citing_patent(std::string_view s) {
        open();
        chunks_.back().citing_.push_back(labels_.intern(s));
    }
    void set_npl_list_items(std::size_t n) { open().npl = n; }  ///< items of the NPL citation list
    /// States indicator `ind`'s count (io::indicator_values::set rules).
    void set_count(io::indicator ind, std::int64_t v) { open().counts.set(ind, v); }
    void set_counts(const io::indicator_values& v) { open().counts = v; }  ///< every stated count
    /// Marks list field `f` as supplied by the source.
    void supply(io::patent_field f) {
        auto& r = open();
        r.fields = static_cast<std::uint16_t>(r.fields | (1U << static_cast<unsigned>(f)));
    }
    void set_fields(std::uint16_t bits) { open().fields = bits; }  ///< every field bit
    void set_members(std::size_t n) { open().members = n; }      ///< publications merged into the row

    /// \brief Ends the open row: it becomes the last record.
    /// \throws invalid_argument when NPL items or members exceed 2^32 - 1 (the row is
    /// abandoned) or no row is open.
    void end_row() {
        auto& r = open();
        if (r.npl > std::numeric_limits<std::uint32_t>::max() || r.members > std::numeric_limits<std::uint32_t>::max()) {
            const bool npl = r.npl > std::numeric_limits<std::uint32_t>::max();
            const std::size_t v = npl ? r.npl : r.members;
            abandon_row();
            narrow(v, npl ? "npl_list_items" : "members");
        }
        auto& c = chunks_.back();
        if (!r.set[0]) c.ids_.push({});
        if (!r.set[1]) c.lens_ids_.push({});
        if (!r.set[2]) c.family_ids_.push({});
        if (opts_.titles && !r.set[3]) c.titles_.push({});
        for (auto& o : r.office)
            if (o == unset_label) o = labels_.intern({});
        c.office_.push_back(r.office);
        c.years_.push_back(r.years);
        c.applicants_.close();
        c.inventors_.close();
        c.ipc_.codes.close();
        c.cpc_.codes.close();
        c.family_juris_.close();
        c.priority_countries_.close();
        c.priority_numbers_.close();
        c.cited_.close();
        c.citing_.close();
        c.npl_items_.push_back(static_cast<std::uint32_t>(r.npl));
        c.push_counts(r.counts);
        c.fields_.push_back(r.fields);
        c.source_line_.push_back(r.line);
        c.members_.push_back(static_cast<std::uint32_t>(r.members));
        // the codes that did not parse: IPC first, then CPC, each in the order added
        for (const bool ipc : {true, false})
            for (const auto& u : r.unparsed) {
                if (u.first != ipc) continue;
                ++(ipc ? unparsed_.ipc : unparsed_.cpc);
                if (unparsed_.examples.size() < opts_.unparsed_examples)
                    unparsed_.examples.push_back(std::string(c.ids_.last()) + (ipc ? ": ipc '" : ": cpc '") +
                                                 std::string(labels_.view(u.second)) + "'");
            }
        r.open = false;
        end_of_record(c);
    }

    /// \brief Drops the open row (nothing when no row is open): the columns are as
    /// before begin_row().
    void abandon_row() noexcept {
        if (!row_.open) return;
        auto& c = chunks_.back();
        if (row_.set[0]) c.ids_.pop_back();
        if (row_.set[1]) c.lens_ids_.pop_back();
        if (row_.set[2]) c.family_ids_.pop_back();
        if (row_.set[3]) c.titles_.pop_back();
        c.applicants_.drop_open();
        c.inventors_.drop_open();
        for (auto* col : {&c.ipc_, &c.cpc_}) {
            const std::size_t start = col->codes.open_start();
            while (!col->texts.empty() && col->texts.back().first >= start) col->texts.pop_back();
            col->codes.drop_open();
        }
        c.family_juris_.drop_open();
        c.priority_countries_.drop_open();
        c.priority_numbers_.drop_open();
        c.cited_.drop_open();
        c.citing_.drop_open();
        if (row_.new_chunk) chunks_.pop_back();
        labels_.truncate(row_.labels);  // only the abandoned row used the labels it added
        row_.open = false;
        row_.unparsed.clear();
    }
    /// @}

    /// Codes that did not parse (counted, with examples).
    const unparsed_codes& unparsed() const noexcept { return unparsed_; }

    /// \brief Writes record `i` into `out` (its strings reuse their capacity). \pre i < size()
    void to_record(std::size_t i, io::patent_record& out) const { to_record(labels_, i, out); }
    /// \brief Record `i` as an io::patent_record. \pre i < size()
    io::patent_record to_record(std::size_t i) const {
        io::patent_record r;
        to_record(i, r);
        return r;
    }
    /// Every record, in order.
    std::vector<io::patent_record> to_records() const {
        std::vector<io::patent_record> out(size_);
        for (std::size_t i = 0; i < size_; ++i) to_record(i, out[i]);
        return out;
    }

private:
    // to_record with the label ids read in `L` (the table's own labels, or the labels they moved to)
    void to_record(const label_pool& L, std::size_t i, io::patent_record& out) const {
        const auto [c, k] = locate(i);
        const auto label = [&L](label_index id) { return L.view(id); };
        out.id.assign(c->id(k));
        out.lens_id.assign(c->lens_id(k));
        out.family_id.assign(c->family_id(k));
        out.jurisdiction.assign(label(c->jurisdiction(k)));
        out.kind.assign(label(c->kind(k)));
        out.document_type.assign(label(c->document_type(k)));
        out.title.assign(c->title(k));
        out.publication_year = c->publication_year(k);
        out.application_year = c->application_year(k);
        out.priority_year = c->priority_year(k);
        get_parties(L, c->applicants(k), out.applicants);
        get_parties(L, c->inventors(k), out.inventors);
        get_codes(L, c->ipc_, k, out.ipc);
        get_codes(L, c->cpc_, k, out.cpc);
        get_labels(L, c->family_jurisdictions(k), out.family_jurisdictions);
        get_labels(L, c->priority_countries(k), out.priority_countries);
        get_labels(L, c->priority_numbers(k), out.priority_numbers);
        get_labels(L, c->cited_patents(k), out.cited_patents);
        get_labels(L, c->citing_patents(k), out.citing_patents);
        out.npl_list_items = c->npl_list_items(k);
        out.counts = c->counts(k);
        out.fields = c->fields(k);
        out.source_line = c->source_line(k);
        out.members = c->members(k);
    }

public:

    /// \brief The exact source text of IPC code `j` of record `i` ("" for a code past the list).
    std::string ipc_text(std::size_t i, std::size_t j) const { return code_text(true, i, j); }
    /// \brief The exact source text of CPC code `j` of record `i`.
    std::string cpc_text(std::size_t i, std::size_t j) const { return code_text(false, i, j); }

    /// Bytes held: every chunk, the label pool and the chunk list.
    std::size_t memory_bytes() const noexcept {
        std::size_t b = sizeof(*this) + held_bytes();
        for (const auto& e : unparsed_.examples) b += e.capacity();
        return b;
    }

    /// \brief A table of `records`, in order.
    static patent_table from_records(const std::vector<io::patent_record>& records, patent_table_options opts = {}) {
        patent_table t(opts);
        for (const auto& r : records) t.append(r);
        return t;
    }

private:
    friend struct detail::table_access;

    // the chunk the next record goes into (a new one when the last is full)
    patent_table_chunk& open_chunk() {
        if (chunks_.empty() || chunks_.back().size() == opts_.chunk_capacity) {
            chunks_.emplace_back();
            chunks_.back().first_row_ = size_;
            chunks_.back().has_titles_ = opts_.titles;
        }
        return chunks_.back();
    }

    static std::uint32_t narrow(std::size_t v, const char* field) {
        if (v > std::numeric_limits<std::uint32_t>::max())
            ::techconv::detail::throw_error<invalid_argument>(std::string("patent_table: ") + field +
                                                              " exceeds 2^32 - 1: " + std::to_string(v));
        return static_cast<std::uint32_t>(v);
    }

    // the open row: what is pushed at end_row, and which text columns were set
    static constexpr label_index unset_label = std::numeric_limits<label_index>::max();
    struct open_row {
        bool open = false, new_chunk = false;
        std::array<bool, 4> set{};  // id, lens id, family id, title pushed
        std::size_t line = 0, npl = 0, members = 1;
        std::size_t labels = 0;  // labels in the pool at begin_row (abandon_row removes the rest)
        std::array<label_index, 3> office{unset_label, unset_label, unset_label};
        std::array<year_type, 3> years{no_year, no_year, no_year};
        io::indicator_values counts;
        std::uint16_t fields = 0;
        std::vector<std::pair<bool, label_index>> unparsed;  // (ipc?, text) of codes that did not parse
    };

    open_row& open() {
        if (!row_.open)
            ::techconv::detail::throw_error<invalid_argument>("patent_table: a field was given outside begin_row/end_row");
        return row_;
    }
    void set_text(std::size_t k, detail::text_column patent_table_chunk::*col, std::string_view s) {
        auto& r = open();
        auto& t = chunks_.back().*col;
        if (r.set[k]) t.pop_back();
        t.push(s);
        r.set[k] = true;
    }
    void add_party(detail::list_column<party_cell> patent_table_chunk::*col, std::string_view name,
                   std::string_view country, io::applicant_type type) {
        open();
        const auto n = labels_.intern(name);
        (chunks_.back().*col).push_back(party_cell{n, labels_.intern(country), type});
    }
    // the one rule of the code columns: the parsed code, and its text when it is not the
    // code's compact form; a code that did not parse is the empty code with its text
    void add_code(bool ipc, std::string_view s, const std::optional<classification::ipc_code>& parsed) {
        auto& r = open();
        auto& col = ipc ? chunks_.back().ipc_ : chunks_.back().cpc_;
        const classification::ipc_code code = parsed ? *parsed : classification::ipc_code{};
        bool exact = false;
        if (parsed) {
            char buf[classification::ipc_code::max_text_size];
            const char* end = code.to_chars(buf, classification::ipc_format::compact);
            exact = std::string_view(buf, static_cast<std::size_t>(end - buf)) == s;
        }
        if (!exact) {
            const auto text = labels_.intern(s);
            col.texts.emplace_back(static_cast<std::uint32_t>(col.codes.values()), text);
            if (!parsed) r.unparsed.emplace_back(ipc, text);
        }
        col.codes.push_back(code);
    }

    static void get_parties(const label_pool& L, column_range<party_cell> cells, std::vector<io::party>& out) {
        out.resize(cells.size());
        for (std::size_t j = 0; j < cells.size(); ++j) {
            out[j].name.assign(L.view(cells[j].name));
            out[j].type = cells[j].type;
            out[j].country.assign(L.view(cells[j].country));
        }
    }
    static void get_labels(const label_pool& L, column_range<label_index> ids, std::vector<std::string>& out) {
        out.resize(ids.size());
        for (std::size_t j = 0; j < ids.size(); ++j) out[j].assign(L.view(ids[j]));
    }
    static std::string_view stored_text(const label_pool& L, const detail::code_column& col,
                                        std::size_t pos) noexcept {
        const auto it = std::lower_bound(col.texts.begin(), col.texts.end(), pos,
                                         [](const auto& e, std::size_t p) { return e.first < p; });
        if (it == col.texts.end() || it->first != pos) return {};
        return L.view(it->second);
    }
    static void get_codes(const label_pool& L, const detail::code_column& col, std::size_t k,
                          std::vector<std::string>& out) {
        const auto codes = col.codes.at(k);
        const std::size_t base = col.codes.first(k);
        out.resize(codes.size());
        for (std::size_t j = 0; j < codes.size(); ++j) {
            const auto t = stored_text(L, col, base + j);
            if (!t.empty() || codes[j].empty()) {
                out[j].assign(t);
            } else {
                char buf[classification::ipc_code::max_text_size];
                out[j].assign(buf, codes[j].to_chars(buf, classification::ipc_format::compact));
            }
        }
    }
    std::string code_text(bool ipc, std::size_t i, std::size_t j) const {
        const auto [c, k] = locate(i);
        const auto& col = ipc ? c->ipc_ : c->cpc_;
        const auto codes = col.codes.at(k);
        if (j >= codes.size()) return {};
        const auto t = stored_text(labels_, col, col.codes.first(k) + j);
        if (!t.empty() || codes[j].empty()) return std::string(t);
        return codes[j].to_string(classification::ipc_format::compact);
    }

    unparsed_codes unparsed_;
    open_row row_;
};


/// \brief Result of merge_families() on a table.
struct table_merge_result {
    patent_table table;            ///< one record per family, in order of first appearance
    std::size_t input_records = 0;  ///< records before merging
    std::size_t merged = 0;         ///< records folded into another (input - output)
    std::size_t without_key = 0;    ///< records with no family id and no priorities (kept alone)
};

namespace detail {

/// What the table's family merge does inside a table: copy a row between two tables
/// whose label pools agree on the row's ids, and free a chunk that is no longer read.
struct table_access {
    template <class T>
    static void copy_list(list_column<T>& to, const list_column<T>& from, std::size_t k) {
        for (const auto& v : from.at(k)) to.push_back(v);
        to.close();
    }
    static void copy_codes(patent_table& to, code_column& into, const code_column& from, std::size_t k,
                           std::string_view id, const char* scheme, std::size_t& unparsed) {
        const auto codes = from.codes.at(k);
        const std::size_t base = from.codes.first(k);
        auto it = std::lower_bound(from.texts.begin(), from.texts.end(), base,
                                   [](const auto& e, std::size_t p) { return e.first < p; });
        for (std::size_t j = 0; j < codes.size(); ++j) {
            if (it != from.texts.end() && it->first == base + j) {
                if (codes[j].empty()) {
                    ++unparsed;
                    if (to.unparsed_.examples.size() < to.opts_.unparsed_examples)
                        to.unparsed_.examples.push_back(std::string(id) + ": " + scheme + " '" +
                                                        std::string(to.label(it->second)) + "'");
                }
                into.texts.emplace_back(static_cast<std::uint32_t>(into.codes.values()), it->second);
                ++it;
            }
            into.codes.push_back(codes[j]);
        }
        into.codes.close();
    }
    /// Appends row `k` of `c` (a chunk of a table whose label ids mean the same in `to`) to `to`,
    /// as append(to_record) would, without building the record or parsing its codes again.
    static void append_row(patent_table& to, const patent_table_chunk& c, std::size_t k) {
        auto& o = to.open_chunk();
        o.ids_.push(c.id(k));
        o.lens_ids_.push(c.lens_id(k));
        o.family_ids_.push(c.family_id(k));
        if (to.opts_.titles) o.titles_.push(c.title(k));
        o.office_.push_back(c.office_[k]);
        o.years_.push_back(c.years_[k]);
        copy_list(o.applicants_, c.applicants_, k);
        copy_list(o.inventors_, c.inventors_, k);
        copy_codes(to, o.ipc_, c.ipc_, k, c.id(k), "ipc", to.unparsed_.ipc);
        copy_codes(to, o.cpc_, c.cpc_, k, c.id(k), "cpc", to.unparsed_.cpc);
        copy_list(o.family_juris_, c.family_juris_, k);
        copy_list(o.priority_countries_, c.priority_countries_, k);
        copy_list(o.priority_numbers_, c.priority_numbers_, k);
        copy_list(o.cited_, c.cited_, k);
        copy_list(o.citing_, c.citing_, k);
        o.npl_items_.push_back(c.npl_items_[k]);
        o.count_mask_.push_back(c.count_mask_[k]);
        const std::size_t base = c.count_values_.first(k);
        const auto vals = c.count_values_.at(k);
        for (std::size_t j = 0; j < vals.size(); ++j) {
            if (vals[j] == patent_table_chunk::wide_count)
                o.wide_counts_.emplace_back(static_cast<std::uint32_t>(o.count_values_.values()),
                                            c.wide_value(base + j));
            o.count_values_.push_back(vals[j]);
        }
        o.count_values_.close();
        o.fields_.push_back(c.fields_[k]);
        o.source_line_.push_back(c.source_line_[k]);
        o.members_.push_back(c.members_[k]);
        to.end_of_record(o);
    }
    /// Keys seen so far, in insertion order: a scan while few, a hash set from 32 on.
    template <class K, class H = std::hash<K>>
    class seen_keys {
    public:
        bool insert(const K& k) {
            if (set_.empty() && list_.size() < 32) {
                for (const auto& x : list_)
                    if (x == k) return false;
            } else {
                if (set_.empty()) set_.insert(list_.begin(), list_.end());
                if (!set_.insert(k).second) return false;
            }
            list_.push_back(k);
            return true;
        }

    private:
        std::vector<K> list_;
        std::unordered_set<K, H> set_;
    };
    using code_key = std::pair<label_index, std::uint64_t>;  // (kept text or `compact`, code bits)
    struct code_key_hash {
        std::size_t operator()(const code_key& k) const noexcept {
            return std::hash<std::uint64_t>{}(k.second * 0x9E3779B97F4A7C15ULL ^ k.first);
        }
    };
    static constexpr label_index compact = std::numeric_limits<label_index>::max();

    /// The kept text label of each code of row k of `col` (`compact` where none), pushed into `out`.
    static void code_texts(const code_column& col, std::size_t k, std::vector<label_index>& out) {
        out.clear();
        const auto codes = col.codes.at(k);
        const std::size_t base = col.codes.first(k);
        auto it = std::lower_bound(col.texts.begin(), col.texts.end(), base,
                                   [](const auto& e, std::size_t p) { return e.first < p; });
        for (std::size_t j = 0; j < codes.size(); ++j)
            out.push_back(it != col.texts.end() && it->first == base + j ? (it++)->second : compact);
    }

    /// Appends to `to` the family of rows `rows` (of `in`, input order) merged by the rule of
    /// io::merge_family, column by column: the same record as appending io::merge_family of the
    /// materialised members (label ids read in `to`'s labels, which `in`'s ids index).
    /// Scratch of append_family, reused from family to family (strings and vectors keep their capacity).
    struct family_scratch {
        io::detail::scratch_unique_list names;  // name keys of the parties kept
        std::vector<label_index> texts;         // kept code texts of one row
    };
    static void append_family(patent_table& to, const patent_table& in, const std::size_t* rows, std::size_t m,
                              io::family_count_merge counts, family_scratch& scratch) {
        std::size_t rep = 0;
        for (std::size_t j = 0; j < m; ++j) {
            const auto y = in.locate(rows[j]).first->publication_year(in.locate(rows[j]).second);
            const auto [rc, rk] = in.locate(rows[rep]);
            const auto ry = rc->publication_year(rk);
            if (y != no_year && (ry == no_year || y < ry)) rep = j;
        }
        // not a structured binding: the lambdas below capture c and k, which clang rejects in C++17
        const auto rep_at = in.locate(rows[rep]);
        const auto* const c = rep_at.first;
        const std::size_t k = rep_at.second;
        auto& o = to.open_chunk();
        o.ids_.push(c->id(k));
        o.lens_ids_.push(c->lens_id(k));
        o.family_ids_.push(c->family_id(k));
        if (to.opts_.titles) o.titles_.push(c->title(k));
        o.office_.push_back(c->office_[k]);
        const auto min_year = [](year_type a, year_type b) {
            if (a == no_year) return b;
            if (b == no_year) return a;
            return std::min(a, b);
        };
        std::array<year_type, 3> years = c->years_[k];
        std::uint16_t fields = c->fields_[k];
        std::uint64_t npl = c->npl_items_[k], members = 0;
        io::indicator_values cnt = c->counts(k);
        for (std::size_t j = 0; j < m; ++j) {
            const auto [mc, mk] = in.locate(rows[j]);
            members += mc->members_[mk];
            if (j == rep) continue;
            for (std::size_t y = 0; y < 3; ++y) years[y] = min_year(years[y], mc->years_[mk][y]);
            fields = static_cast<std::uint16_t>(fields | mc->fields_[mk]);
            switch (counts) {
                case io::family_count_merge::max: npl = std::max<std::uint64_t>(npl, mc->npl_items_[mk]); break;
                case io::family_count_merge::sum: npl += mc->npl_items_[mk]; break;
                case io::family_count_merge::first: break;
            }
            if (counts == io::family_count_merge::first) continue;
            const auto mv = mc->counts(mk);
            for (const auto ind : io::all_indicators) {
                if (!mv.has(ind)) continue;
                const auto v = *mv.get(ind);
                if (!cnt.has(ind)) cnt.set(ind, v);
                else if (counts == io::family_count_merge::max) cnt.set(ind, std::max(v, *cnt.get(ind)));
                else cnt.set(ind, v + *cnt.get(ind));
            }
        }
        o.years_.push_back(years);
        // parties: the representative's, then each other member's whose name key is new
        const auto parties = [&](list_column<party_cell> patent_table_chunk::*col) {
            auto& keys = scratch.names;
            keys.clear();
            for (const auto& p : (c->*col).at(k)) {
                io::detail::name_key_into(to.label(p.name), keys.next());
                keys.keep();
                (o.*col).push_back(p);
            }
            for (std::size_t j = 0; j < m; ++j) {
                if (j == rep) continue;
                const auto [mc, mk] = in.locate(rows[j]);
                for (const auto& p : (mc->*col).at(mk)) {
                    io::detail::name_key_into(to.label(p.name), keys.next());
                    if (keys.keep()) (o.*col).push_back(p);
                }
            }
            (o.*col).close();
        };
        parties(&patent_table_chunk::applicants_);
        parties(&patent_table_chunk::inventors_);
        // codes: the representative's, then each other member's whose text is new
        std::vector<label_index>& texts = scratch.texts;
        const auto codes = [&](code_column patent_table_chunk::*col, const char* scheme, std::size_t& unparsed) {
            seen_keys<code_key, code_key_hash> keys;
            auto& into = o.*col;
            const auto take = [&](const patent_table_chunk& from, std::size_t fk, bool all) {
                code_texts(from.*col, fk, texts);
                const auto cs = (from.*col).codes.at(fk);
                for (std::size_t j = 0; j < cs.size(); ++j) {
                    const code_key key{texts[j], texts[j] == compact ? cs[j].bits() : 0};
                    if (!keys.insert(key) && !all) continue;
                    if (texts[j] != compact) {
                        if (cs[j].empty()) {
                            ++unparsed;
                            if (to.unparsed_.examples.size() < to.opts_.unparsed_examples)
                                to.unparsed_.examples.push_back(std::string(c->id(k)) + ": " + scheme + " '" +
                                                                std::string(to.label(texts[j])) + "'");
                        }
                        into.texts.emplace_back(static_cast<std::uint32_t>(into.codes.values()), texts[j]);
                    }
                    into.codes.push_back(cs[j]);
                }
            };
            take(*c, k, true);
            for (std::size_t j = 0; j < m; ++j) {
                if (j == rep) continue;
                const auto [mc, mk] = in.locate(rows[j]);
                take(*mc, mk, false);
            }
            into.codes.close();
        };
        codes(&patent_table_chunk::ipc_, "ipc", to.unparsed_.ipc);
        codes(&patent_table_chunk::cpc_, "cpc", to.unparsed_.cpc);
        // label lists: the representative's, then each other member's new labels
        const auto labels = [&](list_column<label_index> patent_table_chunk::*col) {
            seen_keys<label_index> keys;
            for (const auto id : (c->*col).at(k)) {
                keys.insert(id);
                (o.*col).push_back(id);
            }
            for (std::size_t j = 0; j < m; ++j) {
                if (j == rep) continue;
                const auto [mc, mk] = in.locate(rows[j]);
                for (const auto id : (mc->*col).at(mk))
                    if (keys.insert(id)) (o.*col).push_back(id);
            }
            (o.*col).close();
        };
        labels(&patent_table_chunk::family_juris_);
        labels(&patent_table_chunk::priority_countries_);
        labels(&patent_table_chunk::priority_numbers_);
        labels(&patent_table_chunk::cited_);
        labels(&patent_table_chunk::citing_);
        o.npl_items_.push_back(patent_table::narrow(npl, "npl_list_items"));
        o.push_counts(cnt);
        o.fields_.push_back(fields);
        o.source_line_.push_back(c->source_line_[k]);
        o.members_.push_back(patent_table::narrow(members, "members"));
        to.end_of_record(o);
    }
    /// An empty table with `in`'s options and a copy of its labels (or its labels, moved).
    static patent_table with_labels(const patent_table& in) {
        patent_table t(in.opts_);
        t.labels_ = in.labels_;
        return t;
    }
    static patent_table with_labels(patent_table&& in) {
        patent_table t(in.opts_);
        t.labels_ = std::move(in.labels_);
        return t;
    }
    /// Record `i` of `t`, its label ids read in `labels` (where t's labels may have moved).
    static void to_record(const patent_table& t, const label_pool& labels, std::size_t i, io::patent_record& out) {
        t.to_record(labels, i, out);
    }
    /// Frees chunk `c` of `t`: its rows must not be read again.
    static void release(patent_table& t, std::size_t c) { t.chunks_[c] = patent_table_chunk(); }
};

template <class In>
table_merge_result merge_table_families(In&& in, const io::family_options& opts) {
    constexpr bool consume = !std::is_lvalue_reference_v<In>;
    const std::size_t n = in.size();
    table_merge_result res{patent_table(in.options()), n, 0, 0};
    constexpr std::uint32_t alone = std::numeric_limits<std::uint32_t>::max();
    // The keys of io::family_key: a row with a family id is keyed by it (its "F:" key), the
    // others by their priority numbers ("P:" keys, io::family_key itself). The two kinds live
    // in two pools, so no "F:" string is made; a family id equal to the previous row's (the
    // members of a family are usually consecutive) takes that row's key without a lookup.
    label_pool families;                    // family id -> id in first-seen order
    families.reserve(n);                    // at most one key per row: no rehash while interning
    label_pool priorities;                  // "P:" key -> id in first-seen order
    constexpr std::uint32_t by_priority = std::uint32_t(1) << 31;  // tag of a priorities id in key_of
    std::vector<std::uint32_t> key_of(n, alone);  // key of each row (tagged), or alone
    std::vector<std::string_view> numbers;  // scratch: a row's priority numbers
    std::string_view previous;              // the last row's family id ("" when it had none)
    std::uint32_t previous_key = alone;
    for (const auto& c : in.chunks()) {
        for (std::size_t k = 0; k < c.size(); ++k) {
            const std::string_view family = c.family_id(k);
            std::uint32_t& g = key_of[c.first_row() + k];
            if (!family.empty()) {
                if (family != previous) {
                    previous = family;
                    previous_key = families.intern(family);
                }
                g = previous_key;
                continue;
            }
            previous = std::string_view();
            numbers.clear();
            for (const auto id : c.priority_numbers(k)) numbers.push_back(in.label(id));
            const auto key = io::family_key(std::string_view(), numbers, opts.key);
            if (key.empty()) {
                ++res.without_key;
                continue;
            }
            g = by_priority | priorities.intern(key);
        }
    }
    const std::size_t nkeys = families.size() + priorities.size();
    ::techconv::detail::require(nkeys < by_priority, "merge_families: more than 2^31 family keys");
    for (auto& g : key_of)  // dense ids: the family ids', then the priority keys'
        if (g != alone && (g & by_priority)) g = static_cast<std::uint32_t>(families.size()) + (g & ~by_priority);
    // members of each key, in input order (CSR); a family's first member is its slot in the output
    std::vector<std::uint32_t> start(nkeys + 1, 0);
    for (const auto g : key_of)
        if (g != alone) ++start[g + 1];
    for (std::size_t g = 0; g < nkeys; ++g) start[g + 1] += start[g];
    std::vector<std::size_t> members(start.back());
    {
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (std::size_t i = 0; i < n; ++i)
            if (key_of[i] != alone) members[fill[key_of[i]]++] = i;
    }
    // when consuming: chunk c is freed once the scan has passed its last row and the first
    // member of every family with a row in it (families of the synthetic corpus and of most
    // exports are near each other, so at most a few input chunks are held beside the output)
    const std::size_t cap = in.options().chunk_capacity;
    const std::size_t nchunks = in.chunks().size();
    std::vector<std::size_t> release_after(nchunks, 0), order(nchunks);
    if (consume) {
        for (std::size_t c = 0; c < nchunks; ++c) release_after[c] = std::min(n, (c + 1) * cap) - 1;
        for (std::size_t i = 0; i < n; ++i)
            if (key_of[i] != alone) {
                auto& r = release_after[i / cap];
                r = std::max(r, members[start[key_of[i]]]);
            }
        for (std::size_t c = 0; c < nchunks; ++c) order[c] = c;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return release_after[a] < release_after[b]; });
    }
    res.table = table_access::with_labels(std::forward<In>(in));  // (moving keeps the chunks in `in`)
    std::size_t next_release = 0;
    table_access::family_scratch scratch;
    for (std::size_t i = 0; i < n; ++i) {
        const auto g = key_of[i];
        const bool first = g == alone || members[start[g]] == i;
        if (first) {
            const std::size_t m = g == alone ? 1 : start[g + 1] - start[g];
            if (m == 1) {
                const auto [c, k] = in.locate(i);
                table_access::append_row(res.table, *c, k);
            } else {
                table_access::append_family(res.table, in, &members[start[g]], m, opts.counts, scratch);
            }
        }
        if constexpr (consume) {
            while (next_release < nchunks && release_after[order[next_release]] <= i)
                table_access::release(in, order[next_release++]);
        }
    }
    res.merged = res.input_records - res.table.size();
    return res;
}

}  // namespace detail

/// \brief Simple-family merging of a table: the rule of io::merge_families
/// (same key, same representative, same unions and count combination), with
/// the family ids interned in a label_pool (a row whose family id equals the
/// previous row's takes its key without a lookup) and the priority keys in another.
///
/// The merged table starts from the input's labels, so a family of one
/// record is copied column by column (no record built, no code parsed
/// again); the members of a larger family are materialised (io::patent_record)
/// and merged by the same code as the vector form, so both forms give equal
/// records. Given an rvalue, the input's labels move to the result and each
/// input chunk is freed as soon as no family still to be written has a row in
/// it, so the input and the merged table are not held whole together.
/// Complexity: O(n) expected plus the unions of the families with several members.
inline table_merge_result merge_families(const patent_table& in, const io::family_options& opts = {}) {
    return detail::merge_table_families(in, opts);
}

/// \brief merge_families() consuming `in` (its chunks are freed as the merge passes them).
inline table_merge_result merge_families(patent_table&& in, const io::family_options& opts = {}) {
    return detail::merge_table_families(std::move(in), opts);
}

}  // namespace records
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_PATENT_TABLE_HPP_
