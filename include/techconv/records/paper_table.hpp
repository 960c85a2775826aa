// SPDX-License-Identifier: BSL-1.0
//
// The columnar form of bibliographic records (papers from Web of Science and
// Scopus exports): one table, in chunks of a fixed number of records, whose
// columns are flat arrays (offsets + values). Identifiers live in a char
// arena; countries, institutions and the unresolved address tails are
// interned once in a label_pool shared by all chunks; titles and keywords
// (for the branch classification) are optional and stored once in arenas.
//
// The readers fill the table column by column (it is their sink: see
// paper_table::begin_record), so no per-record strings are made.
//
// Memory per record, measured as the heap held after reading (glibc
// mallinfo2; bench/papers_bench.cpp, commands in
// docs/internals/performance-records.md), vector of io::bibliographic_record
// against this table, titles and keywords kept / off:
//   synthetic WoS export (100,000 papers): 660 / 503 B and 204 / 71 B;
//   WoS tab-delimited (1,000): 580 / 382 B and 321 / 125 B;
//   WoS tagged (500): 629 / 389 B and 415 / 134 B;
//   Scopus CSV (921): 805 / 431 B and 620 / 165 B.
#ifndef TECHCONV_RECORDS_PAPER_TABLE_HPP_
#define TECHCONV_RECORDS_PAPER_TABLE_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint64_t
#include <string_view>  // std::string_view
#include <utility>      // std::pair
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/chunked_table.hpp"
#include "techconv/records/labels.hpp"
#include "techconv/records/patent_table.hpp"  // column_range and the text and list columns
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief The field a record's countries were read from.
enum class country_field : std::uint8_t {
    none,                       ///< no country could be read
    addresses,                  ///< WoS C1 (author addresses)
    reprint,                    ///< WoS RP (reprint / corresponding address), used when C1 is empty
    affiliations,               ///< Scopus `Affiliations`
    authors_with_affiliations,  ///< Scopus `Authors with affiliations`, used when `Affiliations` is empty
    authorships,                ///< OpenAlex `authorships[].countries` (else their institutions' codes), Lens `authors[].affiliations[].country_code`
};

}  // namespace io

namespace records {

/// \brief Options of paper_table.
struct paper_table_options {
    /// Keep titles and keywords (the branch classification reads them). Off: the
    /// title and keywords columns stay empty and cost nothing.
    bool texts = true;
    /// Records per chunk (at least 1). A consumer can process a table chunk by chunk.
    std::size_t chunk_capacity = 65536;
};

class paper_table;

/// \brief Up to paper_table_options::chunk_capacity papers, column by column.
///
/// Label ids refer to the label_pool of the table the chunk belongs to
/// (paper_table::labels()). Row indices here are local to the chunk.
class paper_table_chunk {
public:
    /// Records in the chunk.
    std::size_t size() const noexcept { return years_.size(); }
    /// Index in the table of the chunk's first record.
    std::size_t first_row() const noexcept { return first_row_; }

    std::string_view id(std::size_t i) const noexcept { return ids_.view(i); }  ///< WoS UT, Scopus EID or ""
    year_type year(std::size_t i) const noexcept { return years_[i]; }           ///< publication year or no_year
    /// Countries (ISO alpha-2 after the region policy), in the order the reader gave (sorted by text, each once).
    column_range<label_index> countries(std::size_t i) const noexcept { return countries_.at(i); }
    /// Institutions, in the order the reader gave (sorted by text, each once).
    column_range<label_index> institutions(std::size_t i) const noexcept { return institutions_.at(i); }
    /// Addresses whose country was not recognised (their last comma token), in input order.
    column_range<label_index> unresolved(std::size_t i) const noexcept { return unresolved_.at(i); }
    /// The works record `i` cites (io::bibliographic_record::references), as label ids.
    column_range<label_index> references(std::size_t i) const noexcept { return references_.at(i); }
    /// Title ("" when the table keeps no texts).
    std::string_view title(std::size_t i) const noexcept { return has_texts_ ? titles_.view(i) : std::string_view(); }
    /// Keywords, "; "-separated ("" when the table keeps no texts).
    std::string_view keywords(std::size_t i) const noexcept {
        return has_texts_ ? keywords_.view(i) : std::string_view();
    }
    /// Where the countries came from.
    io::country_field source(std::size_t i) const noexcept { return static_cast<io::country_field>(source_[i]); }
    /// Line where the record starts in its input.
    std::size_t line(std::size_t i) const noexcept { return static_cast<std::size_t>(lines_[i]); }

    /// Bytes held by the chunk's columns (capacities; the shared label pool not included).
    std::size_t memory_bytes() const noexcept {
        return ids_.memory_bytes() + titles_.memory_bytes() + keywords_.memory_bytes() +
               years_.capacity() * sizeof(year_type) + countries_.memory_bytes() + institutions_.memory_bytes() +
               unresolved_.memory_bytes() + references_.memory_bytes() + source_.capacity() + lines_.capacity() * sizeof(std::uint64_t);
    }

private:
    friend class paper_table;
    template <class, class> friend class chunked_table;

    void shrink_to_fit() {
        for (auto* t : {&ids_, &titles_, &keywords_}) t->shrink_to_fit();
        for (auto* l : {&countries_, &institutions_, &unresolved_, &references_}) l->shrink_to_fit();
        years_.shrink_to_fit();
        source_.shrink_to_fit();
        lines_.shrink_to_fit();
    }

    std::size_t first_row_ = 0;
    bool has_texts_ = false;
    detail::text_column ids_, titles_, keywords_;
    std::vector<year_type> years_;
    detail::list_column<label_index> countries_, institutions_, unresolved_, references_;
    std::vector<std::uint8_t> source_;
    std::vector<std::uint64_t> lines_;
};

/// \brief Papers in columns: chunks of a fixed capacity sharing one label pool.
///
/// Filled by a reader, field by field, as the reader's sink:
/// begin_record(), then any number of add_country(), add_institution(),
/// add_unresolved(), add_reference(), at most one set_texts(), then end_record(). The table
/// stores the lists in the order given (the readers give countries and
/// institutions sorted by text, each once, as io::bibliographic_record
/// holds them). Every record is kept; duplicate identifiers are the
/// reader's business (it reports and drops them before begin_record).
///
/// \code
/// records::paper_table t;
/// io::wos_tagged_reader r("savedrecs.txt");
/// while (r.next_into(t)) {}
/// for (const auto& c : t.chunks())
///     for (std::size_t i = 0; i < c.size(); ++i)
///         for (const auto country : c.countries(i)) use(t.label(country));
/// \endcode
class paper_table : public chunked_table<paper_table_chunk, paper_table_options> {
public:
    /// An empty table. \throws invalid_argument when opts.chunk_capacity is 0.
    explicit paper_table(paper_table_options opts = {})
        : chunked_table(opts, "paper_table: chunk_capacity must be at least 1") {}

    /// \brief Starts a record (the previous one must be ended).
    void begin_record(std::string_view id, year_type year, std::size_t line) {
        ::techconv::detail::require(!open_, "paper_table::begin_record: the previous record was not ended");
        if (chunks_.empty() || chunks_.back().size() == opts_.chunk_capacity) {
            chunks_.emplace_back();
            chunks_.back().first_row_ = size_;
            chunks_.back().has_texts_ = opts_.texts;
        }
        auto& c = chunks_.back();
        c.ids_.push(id);
        c.years_.push_back(year);
        c.lines_.push_back(line);
        open_ = true;
        texts_set_ = false;
    }
    /// Adds a country to the open record.
    void add_country(std::string_view s) { current().countries_.push_back(labels_.intern(s)); }
    /// Adds an institution to the open record.
    void add_institution(std::string_view s) { current().institutions_.push_back(labels_.intern(s)); }
    /// Adds an unresolved address tail to the open record.
    void add_unresolved(std::string_view s) { current().unresolved_.push_back(labels_.intern(s)); }
    /// Adds a cited work (an identifier of the source: OpenAlex W-id, Lens ID) to the open record.
    void add_reference(std::string_view s) { current().references_.push_back(labels_.intern(s)); }
    /// Sets the open record's title and keywords (ignored when the table keeps no texts).
    void set_texts(std::string_view title, std::string_view keywords) {
        auto& c = current();
        ::techconv::detail::require(!texts_set_, "paper_table::set_texts: called twice for one record");
        texts_set_ = true;
        if (!opts_.texts) return;
        c.titles_.push(title);
        c.keywords_.push(keywords);
    }
    /// \brief Ends the open record; `source` says where its countries came from.
    void end_record(io::country_field source) {
        auto& c = current();
        if (!texts_set_ && opts_.texts) {
            c.titles_.push({});
            c.keywords_.push({});
        }
        c.countries_.close();
        c.institutions_.close();
        c.unresolved_.close();
        c.references_.close();
        c.source_.push_back(static_cast<std::uint8_t>(source));
        open_ = false;
        end_of_record(c);
    }

    /// Bytes held: every chunk, the label pool and the chunk list.
    std::size_t memory_bytes() const noexcept { return sizeof(*this) + held_bytes(); }

private:
    paper_table_chunk& current() {
        if (!open_ || chunks_.empty())
            ::techconv::detail::throw_error<invalid_argument>(
                "paper_table: a field was given outside begin_record/end_record");
        return chunks_.back();
    }

    bool open_ = false, texts_set_ = false;
};

}  // namespace records
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_PAPER_TABLE_HPP_
