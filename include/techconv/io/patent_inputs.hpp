// SPDX-License-Identifier: BSL-1.0
//
// Reading the patent records of several files of any supported format (Lens
// CSV, USPTO XML, techconv canonical CSV) with simple-family merging, one
// note and one set of counters per file, and an optional progress callback.
#ifndef TECHCONV_IO_PATENT_INPUTS_HPP_
#define TECHCONV_IO_PATENT_INPUTS_HPP_

#include <cstddef>     // std::size_t
#include <cstdint>     // std::uint64_t
#include <functional>  // std::function
#include <istream>     // std::istream
#include <memory>      // std::unique_ptr
#include <optional>    // std::optional
#include <string>      // std::string
#include <string_view>  // std::string_view
#include <utility>     // std::move, std::forward
#include <unordered_set>  // std::unordered_set
#include <vector>      // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/canonical_csv.hpp"
#include "techconv/io/derwent.hpp"
#include "techconv/io/google_patents.hpp"
#include "techconv/io/lens_json.hpp"
#include "techconv/io/patentsview.hpp"
#include "techconv/io/patstat.hpp"
#include "techconv/io/patentsview_bulk.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/format/csv.hpp"  // delimiter_note
#include "techconv/format/encoding.hpp"
#include "techconv/format/input.hpp"
#include "techconv/records/families.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/lens.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/io/uspto_xml.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Callbacks of read_patents() for progress reports; each may be empty.
struct read_progress {
    /// A file starts (called before it is opened).
    std::function<void(const std::string& path)> start;
    /// After each record: bytes of the current file consumed, records read so far (all files).
    std::function<void(std::uint64_t bytes, std::size_t records)> update;
    /// A file ends: the records it gave.
    std::function<void(std::size_t records)> finish;
};

/// \brief Limits read_patents() applies to every input; more is a parse_error limit_exceeded
/// naming the file, line and field (docs/reliability.md, "Bounds"). Defaults: the readers'.
struct read_limits {
    /// Distinct IPC codes and as many CPC codes in one record (patent_csv_options,
    /// uspto_xml_options::max_codes_per_record).
    std::size_t max_codes_per_record = patent_csv_options{}.max_codes_per_record;
    /// Columns of a CSV table (csv_options::max_fields).
    std::size_t max_columns = csv_options{}.max_fields;
    /// Elements open at once in XML (uspto_xml_options::max_depth).
    std::size_t max_xml_depth = uspto_xml_options{}.max_depth;
    /// Bytes the records read so far may take (records::patent_table::memory_bytes, checked as
    /// read_patent_table fills the table; the family merge then needs up to as much again);
    /// 0: no bound. More is limit_exceeded naming the file and line (check_memory_bound).
    std::size_t max_memory_bytes = 0;
};

/// \brief Options of read_patents().
struct read_patents_options {
    read_limits limits;                             ///< bounds applied to every input
    input_format format = input_format::automatic;  ///< automatic: detect_format per file
    /// Encoding of every input; automatic: decided per file from its first block (reported per file).
    text_encoding encoding = text_encoding::automatic;
    bool merge_families = true;                     ///< merge simple families (records/families.hpp)
    /// Drop a record whose id (publication number) an earlier record of any input already had:
    /// the same file given twice or overlapping downloads would otherwise count every record
    /// twice. Dropped records are counted and listed (patent_inputs::duplicates). false keeps them.
    bool drop_duplicates = true;
    read_progress progress;                         ///< progress callbacks (optional)
    /// Records of the file before the (one) input, when it is a part of a file (a rank's share
    /// under mpirun): the JSON readers, which name records by number in their messages, number
    /// the first one records_before + 1 (the other readers' numbers are offset by the caller).
    std::size_t records_before = 0;
};

/// \brief What one input file gave.
struct input_file_report {
    std::string path;         ///< the file
    input_format format = input_format::automatic;  ///< its format (detected or given)
    patent_read_stats stats;  ///< the reader's counters
    /// Format, encoding and line ends (detection_of; of a PATSTAT extract: its first table's).
    input_detection detection;
};

/// \brief What read_patents() and read_patent_table() did, per file and in total.
struct patent_input_report {
    std::vector<input_file_report> files;  ///< one per input file, in input order
    std::size_t read = 0;             ///< records read and kept (duplicates dropped) before family merging
    std::size_t merged = 0;           ///< records folded into another member of their simple family
    std::size_t duplicates = 0;       ///< records dropped for an id seen before (drop_duplicates)
    std::size_t rejected_codes = 0;   ///< list items that are not IPC/CPC symbols, over all files (dropped)
    /// The first 100 of them: `file:line: id`.
    std::vector<std::string> duplicate_examples;
    bool has_country_column = false;  ///< a canonical CSV input has a `country` column

    /// One note per file (input_note), in input order.
    std::vector<std::string> notes() const;
    /// \brief Counts a record dropped for a repeated id and, while fewer than 100 are listed,
    /// lists it as `file:line: id` (the readers' duplicate check; parallel::mpi::drop_duplicate_ids).
    void note_duplicate(const std::string& path, std::size_t line, std::string_view id) {
        ++duplicates;
        if (duplicate_examples.size() < 100)
            duplicate_examples.push_back(path + ":" + std::to_string(line) + ": " + std::string(id));
    }
};

/// \brief Records read by read_patents(), with what happened per file.
struct patent_inputs : patent_input_report {
    std::vector<patent_record> records;  ///< after family merging (when asked), input order
};

/// \brief Records read by read_patent_table(), with what happened per file.
struct patent_table_inputs : patent_input_report {
    records::patent_table table;  ///< after family merging (when asked), input order
};

/// \brief The note of one input file: `path: layout, N records[, skipped K what]...`
/// (layout "csv" when the reader names none), the delimiter when it is not a comma, then
/// `; read as ...` (describe(encoding_evidence)) unless the file was plain UTF-8 throughout, and
/// for a single-byte reading how many bytes from 0x80 it transcoded (encoding_evidence::
/// transcoded_bytes, unassigned_bytes). patent_input_report::notes() appends the file's
/// detection (`; format ..., encoding ..., line ends ...`: describe(input_detection)).
inline std::string input_note(const std::string& path, const patent_read_stats& st) {
    std::string s = path + ": " + (st.layout.empty() ? std::string("csv") : st.layout) + ", " +
                    std::to_string(st.records) + " records";
    for (const auto& k : st.skipped) s += ", skipped " + std::to_string(k.second) + " " + k.first;
    if (st.blank_rows > 0) s += ", skipped " + std::to_string(st.blank_rows) + " rows with every field empty";
    if (st.repeated_headers > 0)
        s += ", skipped " + std::to_string(st.repeated_headers) +
             " rows repeating the header (exports joined into one file)";
    if (st.rejected_codes > 0)
        s += ", dropped " + std::to_string(st.rejected_codes) + " codes that are not IPC/CPC symbols (first: " +
             st.rejected_code_examples.front() + ")";
    if (const auto d = delimiter_note(st.delimiter); !d.empty()) s += "; " + d;
    if (!plain_utf8(st.text)) s += "; " + describe(st.text);
    if (st.text.transcoded_bytes > 0)
        s += " (" + std::to_string(st.text.transcoded_bytes) + " bytes from 0x80, each read as one " +
             std::string(display_name(st.text.used)) + " character, none dropped or replaced" +
             (st.text.unassigned_bytes > 0 ? "; " + std::to_string(st.text.unassigned_bytes) +
                                                 " of them unassigned in CP1252, kept as C1 controls"
                                           : std::string()) +
             ")";
    return s;
}

inline std::vector<std::string> patent_input_report::notes() const {
    std::vector<std::string> out;
    out.reserve(files.size());
    for (const auto& f : files) {
        out.push_back(input_note(f.path, f.stats));
        if (!f.detection.source.empty()) out.back() += "; " + describe(f.detection);
    }
    if (duplicates > 0)
        out.push_back(std::to_string(duplicates) + " duplicate records dropped (an id seen before in these inputs; first: " +
                      duplicate_examples.front() + ")");
    return out;
}

/// \brief The encoding of the file at `path` from its first MiB (detect_encoding),
/// for callers that read the file in slices (each slice must be read alike).
/// \throws parse_error (io_error) when the file cannot be opened.
inline text_encoding input_encoding(const std::string& path, input_format) {
    const auto f = detail::open_input_file(path);
    std::string buf(std::size_t{1} << 20, '\0');
    f->read(&buf[0], static_cast<std::streamsize>(buf.size()));
    buf.resize(static_cast<std::size_t>(f->gcount()));
    return detect_encoding(buf).encoding;
}

namespace detail {

// The heap bytes a record holds beyond sizeof(patent_record) (string and vector capacities):
// what read_patents counts against read_limits::max_memory_bytes.
inline std::size_t record_bytes(const patent_record& r) {
    const auto str = [](const std::string& x) { return x.capacity() > 15 ? x.capacity() + 1 : std::size_t{0}; };
    std::size_t b = str(r.id) + str(r.lens_id) + str(r.family_id) + str(r.jurisdiction) + str(r.kind) +
                    str(r.document_type) + str(r.title);
    for (const auto* parties : {&r.applicants, &r.inventors}) {
        b += parties->capacity() * sizeof(party);
        for (const auto& x : *parties) b += str(x.name) + str(x.country);
    }
    for (const auto* list : {&r.ipc, &r.cpc, &r.family_jurisdictions, &r.priority_countries, &r.priority_numbers,
                             &r.cited_patents, &r.citing_patents}) {
        b += list->capacity() * sizeof(std::string);
        for (const auto& x : *list) b += str(x);
    }
    return b;
}

template <class Reader>
patent_read_stats drain(Reader& reader, std::vector<patent_record>& out, const read_progress& p,
                        std::size_t max_memory = 0, std::size_t* held = nullptr, const std::string& source = {}) {
    patent_record r;
    while (reader.next(r)) {
        if (max_memory != 0 && held) {
            *held += record_bytes(r);
            check_memory_bound(*held + out.capacity() * sizeof(patent_record), max_memory, source,
                               r.source_line, out.size() + 1);
        }
        out.push_back(std::move(r));
        if (p.update) p.update(reader.bytes_read(), out.size());
    }
    return reader.stats();
}

inline patent_csv_options csv_options_of(const read_limits& l, text_encoding encoding) {
    patent_csv_options o;
    o.csv.encoding = encoding;
    o.max_codes_per_record = l.max_codes_per_record;
    o.csv.max_fields = l.max_columns;
    return o;
}

inline patstat_options patstat_options_of(const read_patents_options& opts) {
    patstat_options o;
    o.encoding = opts.encoding;
    o.max_codes_per_record = opts.limits.max_codes_per_record;
    o.max_columns = opts.limits.max_columns;
    return o;
}

inline patentsview_bulk_options patentsview_bulk_options_of(const read_patents_options& opts) {
    patentsview_bulk_options o;
    o.encoding = opts.encoding;
    o.max_codes_per_record = opts.limits.max_codes_per_record;
    o.max_columns = opts.limits.max_columns;
    return o;
}

/// Whether format `f` is a set of tables read together by one reader (patstat, patentsview-bulk).
constexpr bool is_table_set(input_format f) noexcept {
    return f == input_format::patstat || f == input_format::patentsview_bulk;
}

[[noreturn]] inline void no_patents(const std::string& source, input_format f) {
    ::techconv::detail::throw_error<invalid_argument>(source + ": format " + std::string(to_string(f)) +
                                                      " holds no patents (use " + format_names(holds_patents) + ")");
}

/// What the report learns from a reader once it is open: a canonical CSV's country column.
template <class R>
void note_reader(patent_input_report&, const R&) noexcept {}
inline void note_reader(patent_input_report& out, const canonical_csv_reader& r) noexcept {
    out.has_country_column = out.has_country_column || r.has_country_column();
}

/// The one place that opens a reader of format `f` on in.stream() with the encoding and limits
/// of `opts`: calls `make(reader_tag<R>{}, args...)`, where `R(args...)` is the reader.
template <class Make>
void construct_patent_reader(input_source& in, input_format f, const read_patents_options& opts, Make&& make) {
    const std::string& path = in.name();
    switch (f) {
        case input_format::lens:
            make(reader_tag<lens_reader>{}, in.stream(), path, csv_options_of(opts.limits, opts.encoding));
            return;
        case input_format::uspto_xml: {
            uspto_xml_options o;
            o.encoding = opts.encoding;
            o.max_codes_per_record = opts.limits.max_codes_per_record;
            o.max_depth = opts.limits.max_xml_depth;
            make(reader_tag<uspto_xml_reader>{}, in.stream(), path, o);
            return;
        }
        case input_format::csv:
            make(reader_tag<canonical_csv_reader>{}, in.stream(), path, csv_options_of(opts.limits, opts.encoding));
            return;
        case input_format::derwent: {
            derwent_options o;
            o.encoding = opts.encoding;
            o.max_codes_per_record = opts.limits.max_codes_per_record;
            make(reader_tag<derwent_reader>{}, in.stream(), path, o);
            return;
        }
        case input_format::patentsview: {
            patentsview_options o;
            o.encoding = opts.encoding;
            o.max_codes_per_record = opts.limits.max_codes_per_record;
            o.records_before = opts.records_before;
            make(reader_tag<patentsview_reader>{}, in.stream(), path, o);
            return;
        }
        case input_format::lens_json: {
            lens_json_options o;
            o.encoding = opts.encoding;
            o.max_codes_per_record = opts.limits.max_codes_per_record;
            o.records_before = opts.records_before;
            make(reader_tag<lens_json_reader>{}, in.stream(), path, o);
            return;
        }
        case input_format::google_patents:
            make(reader_tag<google_patents_reader>{}, in.stream(), path, csv_options_of(opts.limits, opts.encoding));
            return;
        case input_format::patstat:
            // the tables of an extract are one reader's inputs together (patstat_tables)
            make(reader_tag<patstat_reader>{}, std::vector<input_source*>{&in}, patstat_options_of(opts));
            return;
        case input_format::patentsview_bulk:
            // the tables are one reader's inputs together (patstat_tables)
            make(reader_tag<patentsview_bulk_reader>{}, std::vector<input_source*>{&in},
                 patentsview_bulk_options_of(opts));
            return;
        default: no_patents(path, f);
    }
}

/// The tables of a PATSTAT extract (or of a PatentsView bulk set: `format`) among `inputs`:
/// inputs[first] (such a table) and every later input whose format (`opts.format`, or
/// detect_format) is `format`. The readers' entry points give them to one reader at the first
/// table and pass over the others.
inline std::vector<input_source*> patstat_tables(std::vector<input_source>& inputs, std::size_t first,
                                                 const read_patents_options& opts,
                                                 input_format format = input_format::patstat) {
    std::vector<input_source*> g{&inputs[first]};
    for (std::size_t j = first + 1; j < inputs.size(); ++j) {
        const input_format f = opts.format == input_format::automatic ? detect_format(inputs[j]) : opts.format;
        if (f == format) g.push_back(&inputs[j]);
    }
    return g;
}

/// Whether `in` is a table of the PATSTAT extract `extract` (read already: not to be detected again).
inline bool in_extract(const std::vector<input_source*>& extract, const input_source& in) noexcept {
    for (const auto* t : extract)
        if (t == &in) return true;
    return false;
}

/// Opens the reader of input `k` of `inputs` in format `f` (construct_patent_reader; a PATSTAT
/// table: the reader of every table of the extract, patstat_tables) and calls
/// `make(reader_tag<R>{}, args...)`; the tables of the extract are kept in `extract`.
/// \returns false, calling nothing, for a table of an extract read already (in `extract`).
template <class Make>
bool construct_input_reader(std::vector<input_source>& inputs, std::size_t k, input_format f,
                            const read_patents_options& opts, std::vector<input_source*>& extract, Make&& make) {
    if (!is_table_set(f)) {
        construct_patent_reader(inputs[k], f, opts, make);
        return true;
    }
    if (in_extract(extract, inputs[k])) return false;
    const std::vector<input_source*> tables = patstat_tables(inputs, k, opts, f);
    extract.insert(extract.end(), tables.begin(), tables.end());  // a PATSTAT extract and a PatentsView set may both be given
    if (f == input_format::patstat) make(reader_tag<patstat_reader>{}, tables, patstat_options_of(opts));
    else make(reader_tag<patentsview_bulk_reader>{}, tables, patentsview_bulk_options_of(opts));
    return true;
}

/// Reads input `k` of `inputs` (its head already sniffed or not) in format `f` with the encoding
/// and limits of `opts`: opens the reader (construct_input_reader: a PATSTAT table opens the reader
/// of its whole extract), calls `read(reader)`, then reads the input to its end
/// (input_source::finish, for its observer). The report's has_country_column is set for a
/// canonical CSV with a country column. \returns std::nullopt, reading nothing, for a PATSTAT
/// table of an extract read already.
template <class Fn>
std::optional<patent_read_stats> with_input_reader(std::vector<input_source>& inputs, std::size_t k, input_format f,
                                                   const read_patents_options& opts,
                                                   std::vector<input_source*>& extract, patent_input_report& out,
                                                   Fn&& read) {
    patent_read_stats st;
    const bool opened = construct_input_reader(inputs, k, f, opts, extract, [&](auto tag, auto&&... args) {
        typename decltype(tag)::type reader(std::forward<decltype(args)>(args)...);
        note_reader(out, reader);
        st = read(reader);
    });
    inputs[k].finish();
    if (!opened) return std::nullopt;
    return st;
}

/// The set of ids of a table's records (open addressing over row indices; the ids
/// themselves stay in the table): read_patent_table's duplicate check.
class table_id_set {
public:
    explicit table_id_set(const records::patent_table& t) : table_(t) {}
    /// Whether some row of the table has id `id`.
    bool contains(std::string_view id) const {
        if (slots_.empty()) return false;
        const std::uint64_t h = records::label_pool::hash(id);
        const std::uint64_t tag = h >> row_bits;
        for (std::size_t i = slot(h);; i = (i + 1) & (slots_.size() - 1)) {
            const std::uint64_t s = slots_[i];
            if (s == 0) return false;
            // a row is read only when its tag (the hash's top bits) matches: a probe past
            // another id costs no access to the table
            if ((s >> row_bits) == tag && id_of((s & row_mask) - 1) == id) return true;
        }
    }
    /// Adds row `row` (its id must not be in the set).
    /// \throws invalid_argument when row is 2^40 - 2 or more (a slot holds row + 1 in 40 bits,
    /// below the all-ones value).
    void insert(std::size_t row) {
        ::techconv::detail::require(row + 1 < row_mask, "table_id_set: more than 2^40 - 2 rows");
        if (2 * (count_ + 1) > slots_.size()) grow();
        const std::uint64_t h = records::label_pool::hash(id_of(row));
        std::size_t i = slot(h);
        while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
        slots_[i] = ((h >> row_bits) << row_bits) | (row + 1);
        ++count_;
    }
    /// Adds row `row` of the table (the id is read there).
    void insert(std::string_view, std::size_t row) { insert(row); }
    /// Bytes the set holds.
    std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(std::uint64_t); }

private:
    // a slot: the top 24 bits of the id's hash, then row + 1 in the low 40 bits (0 = free);
    // the slot index is the hash's top `bits_` bits, so up to 2^24 slots a growth finds each
    // entry's new slot from its tag, without reading its id again
    static constexpr unsigned row_bits = 40;
    static constexpr std::uint64_t row_mask = (std::uint64_t{1} << row_bits) - 1;
    static constexpr unsigned tag_bits = 64 - row_bits;

    std::string_view id_of(std::uint64_t row) const {
        const auto [c, k] = table_.locate(static_cast<std::size_t>(row));
        return c->id(k);
    }
    std::size_t slot(std::uint64_t h) const { return static_cast<std::size_t>(h >> (64 - bits_)); }
    void grow() {
        std::vector<std::uint64_t> old;
        old.swap(slots_);
        bits_ = old.empty() ? 10 : bits_ + 1;
        slots_.assign(std::size_t{1} << bits_, 0);
        for (const auto s : old)
            if (s != 0) {
                const std::uint64_t h =
                    bits_ <= tag_bits ? s : records::label_pool::hash(id_of((s & row_mask) - 1));
                std::size_t i = slot(h);
                while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
                slots_[i] = s;
            }
    }
    const records::patent_table& table_;
    std::vector<std::uint64_t> slots_;  // tag and row + 1, 0 = free; size 2^bits_
    unsigned bits_ = 0;
    std::size_t count_ = 0;
};

/// The ids of the records of a stream of tables (patent_chunk_reader's duplicate check):
/// each id once, in a label_pool, since the chunks that held them are gone.
class id_pool_set {
public:
    bool contains(std::string_view id) const noexcept { return ids_.contains(id); }  ///< whether seen
    void insert(std::string_view id, std::size_t) { ids_.intern(id); }              ///< adds `id`
    std::size_t memory_bytes() const noexcept { return ids_.memory_bytes(); }       ///< bytes held

private:
    records::label_pool ids_;
};

/// \brief The sink read_patent_table and patent_chunk_reader hand to the readers'
/// next_into: the table's row interface, where end_row drops (abandons) a row whose id an
/// earlier record had when `seen` is given (drop_duplicates), noting it in the report.
/// `Seen` is table_id_set or id_pool_set.
template <class Seen>
class table_row_filter {
public:
    table_row_filter(records::patent_table& t, Seen* seen, patent_input_report& report) noexcept
        : t_(&t), seen_(seen), report_(&report) {}
    /// The input the rows come from (named in duplicate notes).
    void set_source(const std::string& path) noexcept { path_ = &path; }
    /// Whether the last row ended was kept (false: a duplicate, dropped).
    bool kept() const noexcept { return kept_; }
    /// The source line of the last row ended (kept or not).
    std::size_t line() const noexcept { return line_; }

    void begin_row(std::size_t l) { t_->begin_row(l); }
    void set_id(std::string_view s) { t_->set_id(s); }
    void set_lens_id(std::string_view s) { t_->set_lens_id(s); }
    void set_family_id(std::string_view s) { t_->set_family_id(s); }
    void set_title(std::string_view s) { t_->set_title(s); }
    void set_jurisdiction(std::string_view s) { t_->set_jurisdiction(s); }
    void set_kind(std::string_view s) { t_->set_kind(s); }
    void set_document_type(std::string_view s) { t_->set_document_type(s); }
    void set_years(year_type p, year_type a, year_type q) { t_->set_years(p, a, q); }
    void add_applicant(std::string_view n, std::string_view c, applicant_type t) { t_->add_applicant(n, c, t); }
    void add_inventor(std::string_view n, std::string_view c, applicant_type t) { t_->add_inventor(n, c, t); }
    void add_ipc(std::string_view s, const std::optional<classification::ipc_code>& p) { t_->add_ipc(s, p); }
    void add_cpc(std::string_view s, const std::optional<classification::ipc_code>& p) { t_->add_cpc(s, p); }
    void add_family_jurisdiction(std::string_view s) { t_->add_family_jurisdiction(s); }
    void add_priority_country(std::string_view s) { t_->add_priority_country(s); }
    void add_priority_number(std::string_view s) { t_->add_priority_number(s); }
    void add_cited_patent(std::string_view s) { t_->add_cited_patent(s); }
    void add_citing_patent(std::string_view s) { t_->add_citing_patent(s); }
    void set_npl_list_items(std::size_t n) { t_->set_npl_list_items(n); }
    void set_count(indicator ind, std::int64_t v) { t_->set_count(ind, v); }
    void supply(patent_field f) { t_->supply(f); }
    void abandon_row() noexcept { t_->abandon_row(); }
    void end_row() {
        line_ = t_->row_source_line();
        if (seen_ && seen_->contains(t_->row_id())) {
            report_->note_duplicate(path_ ? *path_ : std::string(), line_, t_->row_id());
            t_->abandon_row();
            kept_ = false;
            return;
        }
        t_->end_row();
        kept_ = true;
        if (seen_) {
            const auto [c, k] = t_->locate(t_->size() - 1);
            seen_->insert(c->id(k), t_->size() - 1);
        }
    }

private:
    records::patent_table* t_;
    Seen* seen_;
    patent_input_report* report_;
    const std::string* path_ = nullptr;
    std::size_t line_ = 0;
    bool kept_ = false;
};

}  // namespace detail

/// \brief Reads the patent records of the inputs `inputs`, in order, and merges
/// simple families unless `opts.merge_families` is false.
///
/// Each input is opened once and read in its format (`opts.format`, or
/// detect_format from its head when automatic), in `opts.encoding`
/// (automatic: decided per input from its first block by the reader, which
/// continues from the sniffed head): a Lens export, USPTO XML, or the
/// canonical CSV (canonical_csv_reader), ... . The tables of an EPO PATSTAT extract (format
/// patstat, wherever they stand among the inputs) are read together, joined by one
/// patstat_reader at the place of the first of them, and reported as one input under that
/// table's path; so are the PatentsView bulk tables (format patentsview-bulk,
/// patentsview_bulk_reader). A FIFO or standard input (`-`) is
/// read like a file; after its records each input is read to its end
/// (input_source::finish, for its observer) and closed. Family merging runs
/// once over the records of all inputs (merge_families with default options).
/// \throws invalid_argument when an input's format holds no patents (WoS, Scopus);
///         parse_error from detection and the readers (naming file, line and field).
/// Complexity: O(total input size) plus the merge.
inline patent_inputs read_patents(std::vector<input_source> inputs, const read_patents_options& opts = {}) {
    patent_inputs out;
    const read_progress& p = opts.progress;
    std::unordered_set<std::string> seen;  // ids read so far (drop_duplicates)
    std::size_t held = 0;                  // heap bytes of the records read (max_memory_bytes)
    std::vector<input_source*> extract;    // the tables of the PATSTAT extract among the inputs, once read
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        auto& in = inputs[k];
        if (detail::in_extract(extract, in)) continue;  // read with the extract's first table
        const std::string& path = in.name();
        const input_format f = opts.format == input_format::automatic ? detect_format(in) : opts.format;
        if (p.start) p.start(path);
        const std::size_t before = out.records.size();
        input_file_report file{path, f, {}, {}};
        file.stats = *detail::with_input_reader(inputs, k, f, opts, extract, out, [&](auto& reader) {
            return detail::drain(reader, out.records, p, opts.limits.max_memory_bytes, &held, path);
        });
        if (opts.drop_duplicates) {
            // keep the first record of each id, across files and within one
            std::size_t w = before;
            for (std::size_t i = before; i < out.records.size(); ++i) {
                auto& r = out.records[i];
                if (!seen.insert(r.id).second) {
                    out.note_duplicate(path, r.source_line, r.id);
                    continue;
                }
                if (w != i) out.records[w] = std::move(r);
                ++w;
            }
            out.records.resize(w);
        }
        file.detection = detection_of(in, f, opts.format, file.stats.text);
        out.rejected_codes += file.stats.rejected_codes;
        out.files.push_back(std::move(file));
        if (p.finish) p.finish(out.records.size() - before);
    }
    out.read = out.records.size();
    if (opts.merge_families) {
        auto m = merge_families(std::move(out.records));
        out.records = std::move(m.records);
        out.merged = m.merged;
    }
    return out;
}

/// \brief Reads the patent records of the files `paths` (`-`: standard input), in order
/// (read_patents of one input_source per path).
inline patent_inputs read_patents(const std::vector<std::string>& paths, const read_patents_options& opts = {}) {
    return read_patents(detail::sources_of(paths), opts);
}

/// \brief Reads the patent records of the inputs `inputs` into a columnar
/// table: the same records, in the same order, with the same duplicate
/// dropping, family merging, limits and encodings as read_patents().
///
/// Each reader writes its records straight into the table's columns
/// (next_into with the table's row interface: no per-record strings, each code
/// parsed once); a duplicate is abandoned once its id is known, found through
/// the table's id column. `table` sets
/// the table's options (titles, chunk size). With `opts.merge_families`, the
/// families are merged by records::merge_families on the table.
/// \throws as read_patents().
/// Complexity: O(total input size) plus the merge.
inline patent_table_inputs read_patent_table(std::vector<input_source> inputs,
                                             const read_patents_options& opts = {},
                                             const records::patent_table_options& table = {}) {
    patent_table_inputs out;
    out.table = records::patent_table(table);
    const read_progress& p = opts.progress;
    detail::table_id_set seen(out.table);
    // the readers write each record straight into the table's columns (next_into)
    detail::table_row_filter<detail::table_id_set> sink(out.table, opts.drop_duplicates ? &seen : nullptr, out);
    std::size_t count = 0;  // records read, duplicates included (what progress reports)
    std::vector<input_source*> extract;  // the tables of the PATSTAT extract among the inputs, once read
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        auto& in = inputs[k];
        if (detail::in_extract(extract, in)) continue;  // read with the extract's first table
        const std::string& path = in.name();
        const input_format f = opts.format == input_format::automatic ? detect_format(in) : opts.format;
        if (p.start) p.start(path);
        const std::size_t before = out.table.size();
        input_file_report file{path, f, {}, {}};
        sink.set_source(path);
        file.stats = *detail::with_input_reader(inputs, k, f, opts, extract, out, [&](auto& reader) {
            while (reader.next_into(sink)) {
                ++count;
                if (p.update) p.update(reader.bytes_read(), count);
                if (!sink.kept()) continue;
                if (memory_check_due(opts.limits.max_memory_bytes, out.table.size()))
                    check_memory_bound(out.table.memory_bytes() + seen.memory_bytes(), opts.limits.max_memory_bytes,
                                       path, sink.line(), out.table.size());
            }
            check_memory_bound(out.table.memory_bytes() + seen.memory_bytes(), opts.limits.max_memory_bytes, path,
                               sink.line(), out.table.size());
            return reader.stats();
        });
        count = out.table.size();
        file.detection = detection_of(in, f, opts.format, file.stats.text);
        out.rejected_codes += file.stats.rejected_codes;
        out.files.push_back(std::move(file));
        if (p.finish) p.finish(out.table.size() - before);
    }
    out.read = out.table.size();
    if (opts.merge_families) {
        auto m = records::merge_families(std::move(out.table));
        out.table = std::move(m.table);
        out.merged = m.merged;
    }
    out.table.shrink_to_fit();
    return out;
}

/// \brief read_patent_table of the files `paths` (`-`: standard input), one input_source per path.
inline patent_table_inputs read_patent_table(const std::vector<std::string>& paths,
                                             const read_patents_options& opts = {},
                                             const records::patent_table_options& table = {}) {
    return read_patent_table(detail::sources_of(paths), opts, table);
}

/// \brief Reads patent inputs chunk by chunk: at most `chunk_records` records in
/// memory at once, for a later stage that streams (counts per year, per code, ...).
///
/// The inputs are read in order, as by read_patent_table(), through the readers'
/// next_into into the chunk's columns: the concatenation of the chunks is the
/// table read_patent_table() gives with `merge_families = false` (same records,
/// order, duplicate dropping, per-file reports). Duplicates are dropped across
/// the whole stream (drop_duplicates): every id seen is kept in a label_pool
/// (its bytes plus about 24 B per id, id_memory_bytes()), the one part that
/// grows with the input; with drop_duplicates false nothing grows.
///
/// Simple families are NOT merged (read_patents_options::merge_families is
/// ignored): a family's members may be in any chunk, and the merged record
/// (representative, unions, count combination) needs all of them, so merging
/// needs the whole input (records::merge_families on a read_patent_table result).
///
/// Each chunk is a table of its own (its own label pool); a chunk holds whole
/// records only, and an input may end inside a chunk (the next input continues it).
/// Errors are those of read_patent_table, thrown by next_chunk; limits apply
/// per chunk (read_limits::max_memory_bytes against the chunk and the id set).
///
/// \code
/// io::patent_chunk_reader r({"a.csv", "b.xml"}, {}, 10000);
/// records::patent_table chunk;
/// while (r.next_chunk(chunk))
///     for (const auto& c : chunk.chunks())
///         for (std::size_t i = 0; i < c.size(); ++i) ++per_year[c.publication_year(i)];
/// r.report();  // per-file notes, duplicates, rejected codes
/// \endcode
class patent_chunk_reader {
public:
    /// \brief Reads `inputs` with `opts` (merge_families ignored), at most `chunk_records`
    /// records per chunk, each chunk a table with options `table`.
    /// \throws invalid_argument when chunk_records is 0.
    patent_chunk_reader(std::vector<input_source> inputs, read_patents_options opts = {},
                        std::size_t chunk_records = 65536, records::patent_table_options table = {})
        : inputs_(std::move(inputs)), opts_(std::move(opts)), n_(chunk_records), table_(table) {
        ::techconv::detail::require(n_ > 0, "patent_chunk_reader: chunk_records must be at least 1");
    }
    /// Reads the files `paths` (`-`: standard input).
    patent_chunk_reader(const std::vector<std::string>& paths, read_patents_options opts = {},
                        std::size_t chunk_records = 65536, records::patent_table_options table = {})
        : patent_chunk_reader(detail::sources_of(paths), std::move(opts), chunk_records, table) {}

    /// \brief Replaces `chunk` by a table of the next records (at most chunk_records).
    /// \returns false, `chunk` empty, when every input is read.
    bool next_chunk(records::patent_table& chunk) {
        chunk = records::patent_table(table_);
        detail::table_row_filter<detail::id_pool_set> sink(chunk, opts_.drop_duplicates ? &seen_ : nullptr,
                                                          report_);
        const read_progress& p = opts_.progress;
        while (chunk.size() < n_) {
            if (!current_ && !open_next()) break;
            sink.set_source(file_.path);
            if (!current_->next(sink)) {
                close_current();
                continue;
            }
            ++count_;
            if (p.update) p.update(current_->bytes_read(), count_);
            if (!sink.kept()) continue;
            ++report_.read;
            if (memory_check_due(opts_.limits.max_memory_bytes, chunk.size()))
                check_memory_bound(chunk.memory_bytes() + seen_.memory_bytes(), opts_.limits.max_memory_bytes,
                                   file_.path, sink.line(), report_.read);
        }
        chunk.shrink_to_fit();
        return !chunk.empty();
    }

    /// \brief What the inputs gave so far: one entry per input read to its end (its reader's
    /// counters), records kept (`read`), duplicates, rejected codes; `merged` stays 0.
    const patent_input_report& report() const noexcept { return report_; }
    /// Bytes of the duplicate check's id set (the part that grows with the input).
    std::size_t id_memory_bytes() const noexcept { return seen_.memory_bytes(); }

private:
    using sink_type = detail::table_row_filter<detail::id_pool_set>;
    // an open reader of any format, behind one interface
    struct reader_base {
        virtual ~reader_base() = default;
        virtual bool next(sink_type& s) = 0;
        virtual patent_read_stats stats() const = 0;
        virtual std::uint64_t bytes_read() const = 0;
    };
    template <class R>
    struct reader_of final : reader_base {
        template <class... A>
        explicit reader_of(A&&... args) : r(std::forward<A>(args)...) {}
        bool next(sink_type& s) override { return r.next_into(s); }
        patent_read_stats stats() const override { return r.stats(); }
        std::uint64_t bytes_read() const override { return r.bytes_read(); }
        R r;
    };

    bool open_next() {
        // a table of the PATSTAT extract read already is passed over
        while (next_input_ < inputs_.size() && detail::in_extract(extract_, inputs_[next_input_])) ++next_input_;
        if (next_input_ == inputs_.size()) return false;
        auto& in = inputs_[next_input_];
        const input_format f = opts_.format == input_format::automatic ? detect_format(in) : opts_.format;
        if (opts_.progress.start) opts_.progress.start(in.name());
        file_ = input_file_report{in.name(), f, {}, {}};
        file_read_before_ = report_.read;
        detail::construct_input_reader(inputs_, next_input_, f, opts_, extract_, [&](auto tag, auto&&... args) {
            using R = typename decltype(tag)::type;
            auto r = std::make_unique<reader_of<R>>(std::forward<decltype(args)>(args)...);
            detail::note_reader(report_, r->r);
            current_ = std::move(r);
        });
        return true;
    }
    void close_current() {
        file_.stats = current_->stats();
        current_.reset();
        inputs_[next_input_].finish();
        file_.detection = detection_of(inputs_[next_input_], file_.format, opts_.format, file_.stats.text);
        ++next_input_;
        report_.rejected_codes += file_.stats.rejected_codes;
        report_.files.push_back(std::move(file_));
        count_ = report_.read;
        if (opts_.progress.finish) opts_.progress.finish(report_.read - file_read_before_);
    }

    std::vector<input_source> inputs_;
    read_patents_options opts_;
    std::size_t n_;
    records::patent_table_options table_;
    std::size_t next_input_ = 0;
    std::vector<input_source*> extract_;  // the tables of the PATSTAT extract among the inputs, once read
    std::unique_ptr<reader_base> current_;
    input_file_report file_;
    std::size_t file_read_before_ = 0;
    std::size_t count_ = 0;  // records read, duplicates included (what progress reports)
    detail::id_pool_set seen_;
    patent_input_report report_;
};

/// \brief Reads the patents of one CSV input held in a stream (a Lens export
/// or the canonical CSV, `f` naming which) and appends them to `out`.
///
/// `source` names the input in errors; `encoding` is the text's encoding
/// (input_encoding of the file it came from). No family merging.
/// \returns the reader's counters.
/// \throws invalid_argument for any other format; parse_error from the readers.
inline patent_read_stats read_patent_csv(std::istream& in, const std::string& source, input_format f,
                                         text_encoding encoding, std::vector<patent_record>& out) {
    patent_csv_options o;
    o.csv.encoding = encoding;
    if (f == input_format::lens) {
        lens_reader reader(in, source, o);
        return detail::drain(reader, out, {});
    }
    if (f != input_format::csv) detail::no_patents(source, f);
    canonical_csv_reader reader(in, source, o);
    return detail::drain(reader, out, {});
}

// Public for the split readings of parallel::mpi, which read a table set by shares with the
// readers' own rules:
using detail::table_row_filter;  ///< the duplicate and family rules of a table reader, row by row
using detail::table_id_set;  ///< the ids a table reader has seen
using detail::patstat_options_of;  ///< the PATSTAT reader options of read_patents_options
using detail::patentsview_bulk_options_of;  ///< the PatentsView bulk reader options of read_patents_options

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PATENT_INPUTS_HPP_
