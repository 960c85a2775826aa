// SPDX-License-Identifier: BSL-1.0
//
// A streaming reader of patent records from any CSV table, given a mapping
// from record fields to column names. The Lens.org reader (lens.hpp) is this
// reader with a mapping built from the export's header.
#ifndef TECHCONV_IO_GENERIC_CSV_HPP_
#define TECHCONV_IO_GENERIC_CSV_HPP_

#include <array>        // std::array
#include <cstddef>      // std::size_t, std::ptrdiff_t
#include <cstdint>      // std::int64_t, std::uint64_t
#include <functional>   // std::function
#include <istream>      // std::istream
#include <memory>       // std::unique_ptr
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move, std::pair
#include <vector>       // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/applicant_type.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/io/dates.hpp"
#include "techconv/io/patent_sink.hpp"
#include "techconv/format/detail/byte_source.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/format/encoding.hpp"
#include "techconv/format/input.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Which column holds which record field. An empty name means "not in
/// this table"; a non-empty name must be in the header (else parse_error
/// missing_column). Names match the header case-insensitively after trimming.
struct patent_csv_mapping {
    std::string id;                ///< publication number (required; falls back to lens_id when a cell is empty)
    std::string lens_id;           ///< Lens ID
    std::string family_id;         ///< a simple-family key column
    std::string family_members;    ///< list of family member ids; the key is the smallest id
    std::string jurisdiction;      ///< publishing office
    std::string kind;              ///< kind code
    std::string document_type;     ///< document type
    std::string title;             ///< title
    std::string publication_year;  ///< year of publication (integer)
    std::string publication_date;  ///< date of publication (year used when no year column)
    std::string application_date;  ///< filing date
    std::string priority_date;     ///< earliest priority date
    std::string applicants;        ///< list of applicant names
    std::string inventors;         ///< list of inventor names
    std::string ipc;               ///< list of IPC codes, main first
    std::string cpc;               ///< list of CPC codes, main first
    std::string family_jurisdictions;  ///< list of jurisdictions of the simple family
    std::string priority_numbers;  ///< list of priority numbers (country code first)
    std::string npl_list;          ///< list of NPL citations (counted when no NPL count is stated)
    /// Columns stating an indicator count directly, indexed by position(indicator).
    std::array<std::string, indicator_count> counts;
    std::string list_separator = ";;";  ///< separator of list cells (Lens: ";;")
    /// The id cell is a publication number written as one token (`US-5686888-A`,
    /// `US5686888A`, `US2017104972-A1`): it is normalised by detail::publication_id_token
    /// (`US 5686888 A`) and, when the mapping has no jurisdiction or kind column, gives them.
    /// An id cell that is none of those forms is a located bad_value error.
    bool id_is_publication_number = false;
    /// In the applicant and inventor lists, an item whose every word is a legal form of the
    /// applicant rules (applicant_rules::company_forms: `Inc.`, `Ltd`, `LLC`, `Co., Ltd.`)
    /// belongs to the name before it, with the separator between (`General Interactive, Inc.`
    /// is one name in a ','-separated list). Google Patents joins names with ", ".
    bool join_legal_forms = false;
    /// Date columns the record has no field for (Google Patents' `grant date`): each non-empty
    /// cell must be a date or year (parse_date_year, the publication year as reference), else a
    /// located bad_year error; the years are counted in patent_read_stats::date_rules only.
    std::vector<std::string> checked_dates;
};

/// \brief Options of the CSV patent readers.
struct patent_csv_options {
    /// Delimiter, encoding, limits. The encoding defaults to `automatic`
    /// (decided from the first block, reported in patent_read_stats::text), the delimiter to
    /// auto_delimiter (',' ';' or tab from the header line, reported in patent_read_stats::delimiter):
    /// an export saved again by a spreadsheet in a decimal-comma locale is ';'-separated.
    csv_options csv = [] {
        csv_options c;
        c.encoding = text_encoding::automatic;
        c.delimiter = auto_delimiter;
        return c;
    }();
    bool classify_applicants = true; ///< set applicant types by name rules
    const applicant_rules* rules = nullptr;  ///< rules to use (nullptr: default_applicant_rules())
    /// A row whose field count differs from the header's is an error (field_count, naming the
    /// file, line and both counts) unless this is set: then it is skipped and counted
    /// (patent_read_stats::malformed_rows and malformed_lines).
    bool skip_malformed_rows = false;
    /// At most this many distinct IPC and as many CPC codes in one record; more is an error
    /// (limit_exceeded, naming the file, line and column). Real records hold at most a few
    /// hundred (70 in the datasets techconv is tested on); one record with n codes adds n(n-1)/2
    /// edges to a co-classification network, so 10,000 invented codes made 50 M edges.
    std::size_t max_codes_per_record = 1000;
};

/// \brief Counters of a reader, for reports ("read 3,779 records, skipped 0").
struct patent_read_stats {
    std::size_t records = 0;    ///< records returned
    std::size_t documents = 0;  ///< XML documents seen (patents and skipped ones)
    /// Documents skipped because they are not patents, by root element name.
    std::vector<std::pair<std::string, std::size_t>> skipped;
    std::string layout;               ///< detected layout, e.g. "lens-2021", "uspto-xml"
    /// The field delimiter of a CSV input (',', ';' or a tab; decided from the header line unless
    /// patent_csv_options::csv names one); '\0' for XML.
    char delimiter = '\0';
    text_encoding encoding = text_encoding::utf8;  ///< encoding the input was read in (text.used)
    /// What the encoding was decided from and the bytes that were not UTF-8
    /// (describe(text) is the report's sentence).
    encoding_evidence text;
    /// Takes a source's encoding evidence (the readers' stats() call it).
    void set_text(const encoding_evidence& e) {
        text = e;
        encoding = e.used;
    }
    std::size_t malformed_rows = 0;                ///< rows skipped for a wrong field count
    /// Rows of the header's width whose every field is empty (`,,,,`: rows a spreadsheet
    /// emptied but kept in its used range), skipped like blank lines and counted.
    std::size_t blank_rows = 0;
    /// Rows that repeat the header (two exports joined into one file: `cat a.csv b.csv`),
    /// skipped and counted; the records after them are read (csv_reader::repeats_header).
    std::size_t repeated_headers = 0;
    std::vector<std::size_t> malformed_lines;      ///< their lines (the first 100)
    /// Dates and years read by each rule of parse_date_year (index: date_rule).
    std::array<std::size_t, date_rule_count> date_rules{};
    /// Items of IPC/CPC lists that are not IPC/CPC symbols (classification::ipc_from_chars):
    /// dropped from the record, counted here (`ZZZZ`, `12345`, `G06N/` used to become network nodes).
    std::size_t rejected_codes = 0;
    /// The first 20 of them: `file:line: 'ZZZZ' in COLUMN (bad_section)`.
    std::vector<std::string> rejected_code_examples;
    /// Counts a rejected item `shown` as written; `where` is `file:line`, `column` the list it came
    /// from, `code` the text that was parsed (after normalisation).
    void reject_code(const std::string& where, std::string_view shown, std::string_view column,
                     std::string_view code) {
        ++rejected_codes;
        if (rejected_code_examples.size() >= 20) return;
        const auto why = classification::to_string(classification::ipc_from_chars(code).error);
        rejected_code_examples.push_back(where + ": '" + std::string(shown) + "' in " + std::string(column) + " (" +
                                         std::string(why) + ")");
    }
    /// Counts one skip of kind `what` in `skipped` (a new kind is added at the end).
    void count_skip(std::string_view what) {
        for (auto& s : skipped)
            if (s.first == what) {
                ++s.second;
                return;
            }
        skipped.emplace_back(std::string(what), 1);
    }
    /// Total of `skipped`.
    std::size_t skipped_total() const noexcept {
        std::size_t n = 0;
        for (const auto& s : skipped) n += s.second;
        return n;
    }
};

namespace detail {

/// The Lens rule for the key of a simple family (the CSV `Simple Family Members` column and the
/// API's `families.simple_family.members[].lens_id`): the smallest of the member ids and the
/// record's own id `self`; empty members are passed over. One place for both Lens readers.
template <class Range>
std::string_view simple_family_key(std::string_view self, const Range& members) {
    std::string_view best = self;
    for (const auto& m : members) {
        const std::string_view v(m);
        if (!v.empty() && v < best) best = v;
    }
    return best;
}

/// The country of a priority number (`US 201715458258 A`): its first two characters upper-cased
/// into `out` when both are ASCII letters; false otherwise (`out` untouched). One place for the
/// readers that take priority countries from priority numbers.
inline bool priority_country_into(std::string_view number, std::string& out) {
    if (number.size() < 2 || !is_alpha(number[0]) || !is_alpha(number[1])) return false;
    out.push_back(ascii_upper(number[0]));
    out.push_back(ascii_upper(number[1]));
    return true;
}

}  // namespace detail

/// \brief Streaming reader of patent records from a CSV table with a column mapping.
///
/// Each call to next() reads one row into a patent_record: identifiers,
/// years, lists split at `list_separator` (trimmed, empty items dropped,
/// codes normalised and de-duplicated keeping the first = main code,
/// applicants and inventors de-duplicated by name key), and the stated counts.
/// An empty count cell leaves the indicator absent (never 0).
///
/// Errors (parse_error, naming file, line, record and column): an unreadable
/// file (io_error), a mapped column missing from the header (missing_column),
/// a count that is not an integer (bad_number / out_of_range) or is negative
/// (negative_value), a year or date that does not parse (bad_year), a row with
/// neither an id nor a Lens ID (bad_value), invalid UTF-8 (bad_encoding, unless
/// the encoding is latin1 / mac_roman or detected).
///
/// Not safe for concurrent use. Memory: one row at a time.
///
/// \code
/// techconv::io::patent_csv_mapping m;
/// m.id = "number"; m.ipc = "ipc"; m.list_separator = "|";
/// m.counts[techconv::io::position(techconv::io::indicator::claims)] = "claims";
/// techconv::io::patent_csv_reader r("table.csv", m);
/// techconv::io::patent_record rec;
/// while (r.next(rec)) use(rec);
/// \endcode
class patent_csv_reader {
public:
    /// Reads the file at `path` with the mapping `mapping`.
    patent_csv_reader(const std::string& path, patent_csv_mapping mapping,
                      patent_csv_options opts = {})
        : opts_(checked_width(std::move(opts))) {
        csv_ = std::make_unique<csv_reader>(path, opts_.csv);
        bind(std::move(mapping));
    }
    /// Reads `in`; `source` names it in error messages.
    patent_csv_reader(std::istream& in, std::string source, patent_csv_mapping mapping,
                      patent_csv_options opts = {})
        : opts_(checked_width(std::move(opts))) {
        csv_ = std::make_unique<csv_reader>(in, std::move(source), opts_.csv);
        bind(std::move(mapping));
    }

    patent_csv_reader(const patent_csv_reader&) = delete;
    patent_csv_reader& operator=(const patent_csv_reader&) = delete;
    virtual ~patent_csv_reader() = default;

    /// Reads the next row into `out` (overwritten). False at the end of the input.
    bool next(patent_record& out) {
        patent_record_sink s(out);
        return next_into(s);
    }
    /// \brief Reads the next row into `sink` (records::patent_table, patent_record_sink
    /// or any type with their row functions): begin_row, the fields, end_row; a row
    /// whose parse fails is abandoned (abandon_row) before the error leaves.
    /// False at the end of the input.
    template <class Sink>
    bool next_into(Sink& sink) {
        return read_row(sink, [](std::vector<party>&, Sink&) {});
    }
    /// Reads all remaining records.
    std::vector<patent_record> read_all() { return detail::read_all_patents(*this); }

    /// The header of the table.
    const std::vector<std::string>& header() const noexcept { return csv_->header(); }
    /// Counters so far.
    const patent_read_stats& stats() const noexcept {
        stats_.set_text(csv_->encoding());
        stats_.delimiter = csv_->delimiter();
        return stats_;
    }
    /// Bytes consumed (for progress reports).
    std::uint64_t bytes_read() const noexcept { return csv_->bytes_read(); }
    /// The mapping in use (for a Lens file: the one built from its header).
    const patent_csv_mapping& mapping() const noexcept { return map_; }

protected:
    /// For readers that derive the mapping from the header (lens_reader).
    using mapping_factory = std::function<patent_csv_mapping(const std::vector<std::string>&,
                                                             patent_read_stats&)>;
    patent_csv_reader(const std::string& path, const mapping_factory& make,
                      patent_csv_options opts)
        : opts_(checked_width(std::move(opts))) {
        csv_ = std::make_unique<csv_reader>(path, opts_.csv);
        bind(make(csv_->header(), stats_));
    }
    patent_csv_reader(std::istream& in, std::string source, const mapping_factory& make,
                      patent_csv_options opts)
        : opts_(checked_width(std::move(opts))) {
        csv_ = std::make_unique<csv_reader>(in, std::move(source), opts_.csv);
        bind(make(csv_->header(), stats_));
    }
    /// The CSV row reader, for derived readers that read more columns of the
    /// current row (io/canonical_csv.hpp).
    csv_reader& table() noexcept { return *csv_; }
    /// The CSV row reader (read-only).
    const csv_reader& table() const noexcept { return *csv_; }
    /// The options, for derived readers that settle one after seeing the header.
    patent_csv_options& options() noexcept { return opts_; }

    /// \brief Reads the next row into `sink`; `finish(applicants, sink)` runs after every
    /// field of the row is read (it may add priority countries to `sink`), just before the
    /// applicants are written: derived readers adjust the applicants there
    /// (io/canonical_csv.hpp). False at the end of the input.
    template <class Sink, class Finish>
    bool read_row(Sink& sink, Finish&& finish) {
        if (!next_row()) return false;
        sink.begin_row(csv_->line());
        detail::row_guard<Sink> guard(sink);
        fill(sink);
        finish(applicants_, sink);
        for (const auto& p : applicants_) sink.add_applicant(p.name, p.country, p.type);
        guard.commit();
        ++stats_.records;
        return true;
    }

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    // Every constructor: a row of another width than the header is never read as shifted values.
    static patent_csv_options checked_width(patent_csv_options o) {
        o.csv.require_consistent_width = true;
        return o;
    }

    // The next row of the right width; rows of another width are an error or, with
    // skip_malformed_rows, skipped and counted (the csv reader consumed them whole).
    // The next row that is not blank (every field empty after trimming) and does not repeat
    // the header (a second export joined on): those are skipped and counted.
    bool next_row() {
        for (;;) {
            if (!next_row_of_width()) return false;
            if (csv_->blank()) {
                ++stats_.blank_rows;
            } else if (csv_->repeats_header()) {
                ++stats_.repeated_headers;
            } else {
                return true;
            }
        }
    }

    bool next_row_of_width() {
#if TECHCONV_HAS_EXCEPTIONS
        if (opts_.skip_malformed_rows) {
            for (;;) {
                try {
                    return csv_->next();
                } catch (const parse_error& e) {
                    if (e.code() != error_code::field_count) throw;
                    ++stats_.malformed_rows;
                    if (stats_.malformed_lines.size() < 100) stats_.malformed_lines.push_back(e.line());
                }
            }
        }
#endif
        return csv_->next();
    }

    std::size_t column(const std::string& name, const char* what) const {
        if (name.empty()) return none;
        const auto& h = csv_->header();
        for (std::size_t i = 0; i < h.size(); ++i) {
            if (!iequals(h[i], name)) continue;
            // A second column of the same name (a spreadsheet copy, two exports pasted side by
            // side): which one holds the field is unknowable, so neither is guessed.
            for (std::size_t j = i + 1; j < h.size(); ++j)
                if (iequals(h[j], name))
                    ::techconv::detail::throw_error<parse_error>(
                        error_code::duplicate_column, source_location{csv_->source(), csv_->header_line(), j + 1, 0, h[j]},
                        std::string("column '") + name + "' (mapped to " + what + ") appears twice in the header, as columns " +
                            std::to_string(i + 1) + " and " + std::to_string(j + 1));
            return i;
        }
        ::techconv::detail::throw_error<parse_error>(
            error_code::missing_column, source_location{csv_->source(), csv_->header_line(), 0, 0, name},
            std::string("column '") + name + "' (mapped to " + what + ") is not in the header");
    }

    void bind(patent_csv_mapping m) {
        map_ = std::move(m);
        ::techconv::detail::require(!map_.id.empty() || !map_.lens_id.empty(),
                        "patent_csv_mapping: map at least one of id and lens_id");
        ::techconv::detail::require(!map_.list_separator.empty(),
                        "patent_csv_mapping: list_separator must not be empty");
        c_id_ = column(map_.id, "id");
        c_lens_ = column(map_.lens_id, "lens_id");
        c_family_ = column(map_.family_id, "family_id");
        c_members_ = column(map_.family_members, "family_members");
        c_juris_ = column(map_.jurisdiction, "jurisdiction");
        c_kind_ = column(map_.kind, "kind");
        c_type_ = column(map_.document_type, "document_type");
        c_title_ = column(map_.title, "title");
        c_pub_year_ = column(map_.publication_year, "publication_year");
        c_pub_date_ = column(map_.publication_date, "publication_date");
        c_app_date_ = column(map_.application_date, "application_date");
        c_prio_date_ = column(map_.priority_date, "priority_date");
        c_applicants_ = column(map_.applicants, "applicants");
        c_inventors_ = column(map_.inventors, "inventors");
        c_ipc_ = column(map_.ipc, "ipc");
        c_cpc_ = column(map_.cpc, "cpc");
        c_fam_juris_ = column(map_.family_jurisdictions, "family_jurisdictions");
        c_prio_num_ = column(map_.priority_numbers, "priority_numbers");
        c_npl_list_ = column(map_.npl_list, "npl_list");
        for (std::size_t k = 0; k < indicator_count; ++k)
            c_counts_[k] = column(map_.counts[k], "an indicator count");
        c_checked_.clear();
        for (const auto& d : map_.checked_dates) c_checked_.push_back(column(d, "a checked date"));
        if (map_.join_legal_forms) {
            const applicant_rules& r = opts_.rules ? *opts_.rules : default_applicant_rules();
            for (const auto& f : r.company_forms)
                if (f.find(' ') == std::string::npos) legal_forms_.push_back(f);
        }
    }

    // Whether every word of `item` (name_key: ASCII upper case, punctuation as breaks) is a
    // one-word legal form of the applicant rules.
    bool legal_form_only(std::string_view item) const {
        const std::string key = detail::name_key(item);
        if (key.empty()) return false;
        std::size_t b = 0;
        for (;;) {
            const std::size_t e = key.find(' ', b);
            const std::string_view word = std::string_view(key).substr(b, e == std::string::npos ? key.npos : e - b);
            bool known = false;
            for (const auto& f : legal_forms_) known = known || word == f;
            if (!known) return false;
            if (e == std::string::npos) return true;
            b = e + 1;
        }
    }

    // A count: an integer, or an integer written with a zero decimal part ("3.0", as pandas
    // writes a column that had a missing value, and spreadsheets with a number format). Any other
    // decimal or an exponent ("8.00E+00": a spreadsheet's display form, which may have rounded)
    // is a located bad_number error. False when the cell is empty.
    bool count_field(std::size_t c, std::int64_t& v) const {
        const std::string_view f = trim(csv_->field(c));
        const auto dot = f.find('.');
        if (dot != std::string_view::npos && dot > 0 && dot + 1 < f.size() &&
            f.find_first_not_of('0', dot + 1) == std::string_view::npos) {
            const auto st = parse_int64(f.substr(0, dot), v);
            if (st == number_status::ok) return true;
        }
        return csv_->int_field(c, v);
    }

    std::string_view cell(std::size_t c) const {
        return c == none ? std::string_view() : trim(csv_->field(c));
    }

    // The year of a year or date cell (parse_date_year; `reference` resolves two-digit years).
    year_type year_cell(std::size_t c, year_type reference = no_year) {
        const auto s = cell(c);
        if (s.empty()) return no_year;
        const auto y = parse_date_year(s, reference);
        if (!y)
            csv_->fail(error_code::bad_year, c,
                       "expected a year (" + std::to_string(min_plausible_year) + "-" +
                           std::to_string(max_plausible_year) + ") or a date, found '" + std::string(s) + "'");
        ++stats_.date_rules[static_cast<std::size_t>(y->rule)];
        return y->year;
    }

    // The items of the list in column c (split_list), in a scratch vector reused from row to
    // row: valid until the next list_cell or name_list.
    const std::vector<std::string_view>& list_cell(std::size_t c) const {
        split_list_into(cell(c), map_.list_separator, items_);
        return items_;
    }

    // The items of a name list: list_cell, with join_legal_forms applied (an item of legal forms
    // only is joined to the item before it: the span of the cell from one to the other).
    const std::vector<std::string_view>& name_list(std::size_t c) const {
        list_cell(c);
        auto& items = items_;
        if (!map_.join_legal_forms) return items;
        std::size_t n = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (n > 0 && legal_form_only(items[i])) {
                const char* b = items[n - 1].data();
                items[n - 1] = std::string_view(b, static_cast<std::size_t>(items[i].data() + items[i].size() - b));
            } else {
                items[n++] = items[i];
            }
        }
        items.resize(n);
        return items;
    }

    // The parties of column c into `out` (its strings reuse their capacity), each name key once.
    void parties(std::size_t c, std::vector<party>& out) {
        keys_.clear();
        std::size_t n = 0;
        for (const auto item : name_list(c)) {
            detail::name_key_into(item, keys_.next());
            if (!keys_.keep()) continue;
            if (n == out.size()) out.emplace_back();
            out[n].name.assign(item.data(), item.size());
            out[n].country.clear();
            out[n].type = applicant_type::unknown;
            ++n;
        }
        out.resize(n);
    }

    // The codes of column c, normalised, first of equal ones kept, at most max_codes_per_record,
    // written to `sink` with their parsed value (parsed once); an item that is no IPC/CPC symbol
    // is dropped and counted (patent_read_stats::reject_code).
    template <class Sink>
    void codes(std::size_t c, bool ipc, Sink& sink) {
        codes_.clear();
        for (const auto item : list_cell(c)) {
            std::string& code = codes_.next();
            detail::normalize_code_into(item, code);
            const auto parsed = classification::try_parse_ipc(code);
            if (!parsed) {
                stats_.reject_code(csv_->source() + ":" + std::to_string(csv_->line()), item, csv_->header()[c], code);
                continue;
            }
            if (!codes_.keep()) continue;
            if (codes_.size() > opts_.max_codes_per_record)
                csv_->fail(error_code::limit_exceeded, c,
                           "more than " + std::to_string(opts_.max_codes_per_record) +
                               " distinct codes in one record (patent_csv_options::max_codes_per_record)");
            if (ipc) sink.add_ipc(codes_.back(), parsed);
            else sink.add_cpc(codes_.back(), parsed);
        }
    }

    // Every field of the current row but the applicants, written to `sink`; the applicants
    // are left in applicants_ (read_row writes them).
    template <class Sink>
    void fill(Sink& sink) {
        const std::string_view lens = cell(c_lens_);
        std::string_view id = cell(c_id_);
        if (id.empty()) id = lens;
        if (id.empty()) {
            csv_->fail(error_code::bad_value, c_id_ != none ? c_id_ : c_lens_,
                       "the record has no identifier (publication number or Lens ID)");
        }
        std::string_view jurisdiction = cell(c_juris_), kind = cell(c_kind_);
        if (map_.id_is_publication_number) {
            id_ = detail::publication_id_token(id);
            if (id_.empty())
                csv_->fail(error_code::bad_value, c_id_,
                           "expected a publication number such as US-5686888-A or US5686888A, found '" +
                               std::string(id) + "'");
            id = id_;
            if (c_juris_ == none) jurisdiction = id.substr(0, 2);
            if (c_kind_ == none) {
                const auto blank = id.rfind(' ');
                if (blank != std::string_view::npos && blank > 2) kind = id.substr(blank + 1);
            }
        }
        sink.set_id(id);
        sink.set_lens_id(lens);
        std::string_view family = cell(c_family_);
        if (c_members_ != none) {
            // key of the simple family: the smallest member id (the record itself included)
            const std::string_view best = detail::simple_family_key(lens.empty() ? id : lens, list_cell(c_members_));
            if (family.empty()) family = best;
        }
        sink.set_family_id(family);
        upper_.assign(jurisdiction);
        for (auto& ch : upper_) ch = ascii_upper(ch);
        sink.set_jurisdiction(upper_);
        sink.set_kind(kind);
        sink.set_document_type(cell(c_type_));
        sink.set_title(cell(c_title_));
        // the year column first: it is the reference of two-digit years in the date columns
        year_type publication = year_cell(c_pub_year_);
        if (publication == no_year) publication = year_cell(c_pub_date_);
        const year_type application = year_cell(c_app_date_, publication);
        const year_type priority = year_cell(c_prio_date_, publication);
        sink.set_years(publication, application, priority);
        for (const auto c : c_checked_) year_cell(c, publication);
        applicants_.clear();
        if (c_applicants_ != none) {
            sink.supply(patent_field::applicants);
            parties(c_applicants_, applicants_);
            if (opts_.classify_applicants) classifier_.classify(applicants_);
        }
        if (c_inventors_ != none) {
            sink.supply(patent_field::inventors);
            parties(c_inventors_, inventors_);
            for (const auto& p : inventors_) sink.add_inventor(p.name, p.country, applicant_type::individual);
        }
        if (c_ipc_ != none) {
            sink.supply(patent_field::ipc);
            codes(c_ipc_, true, sink);
        }
        if (c_cpc_ != none) {
            sink.supply(patent_field::cpc);
            codes(c_cpc_, false, sink);
        }
        if (c_fam_juris_ != none) {
            sink.supply(patent_field::family_jurisdictions);
            codes_.clear();
            for (const auto j : list_cell(c_fam_juris_)) {
                std::string& u = codes_.next();
                for (const char ch : j) u.push_back(ascii_upper(ch));
                if (codes_.keep()) sink.add_family_jurisdiction(codes_.back());
            }
        }
        if (c_prio_num_ != none) {
            sink.supply(patent_field::priority_countries);
            codes_.clear();
            for (const auto p : list_cell(c_prio_num_)) {
                if (detail::priority_country_into(p, codes_.next()) && codes_.keep())
                    sink.add_priority_country(codes_.back());
                sink.add_priority_number(p);
            }
        }
        if (c_npl_list_ != none) {
            sink.supply(patent_field::npl_list);
            sink.set_npl_list_items(list_cell(c_npl_list_).size());
        }
        for (std::size_t k = 0; k < indicator_count; ++k) {
            if (c_counts_[k] == none) continue;
            std::int64_t v = 0;
            if (!count_field(c_counts_[k], v)) continue;  // empty: absent
            if (v < 0) csv_->fail(error_code::negative_value, c_counts_[k], "a count cannot be negative");
            sink.set_count(all_indicators[k], v);
        }
    }

    mutable patent_read_stats stats_;  // stats() copies the csv reader's encoding evidence
    patent_csv_options opts_;
    std::unique_ptr<csv_reader> csv_;
    patent_csv_mapping map_;
    applicant_classifier classifier_{opts_.rules ? *opts_.rules : default_applicant_rules()};
    std::size_t c_id_ = none, c_lens_ = none, c_family_ = none, c_members_ = none,
                c_juris_ = none, c_kind_ = none, c_type_ = none, c_title_ = none,
                c_pub_year_ = none, c_pub_date_ = none, c_app_date_ = none, c_prio_date_ = none,
                c_applicants_ = none, c_inventors_ = none, c_ipc_ = none, c_cpc_ = none,
                c_fam_juris_ = none, c_prio_num_ = none, c_npl_list_ = none;
    std::array<std::size_t, indicator_count> c_counts_{};
    std::vector<std::size_t> c_checked_;   // checked_dates
    std::vector<std::string> legal_forms_;  // one-word legal forms (join_legal_forms)
    std::string id_;                        // the normalised id of the row
    // scratch of the current row, reused: its parties, name keys, codes, upper-cased jurisdiction
    std::vector<party> applicants_, inventors_;
    detail::scratch_unique_list keys_, codes_;
    mutable std::vector<std::string_view> items_;  // list_cell's pieces
    std::string upper_;
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_GENERIC_CSV_HPP_
