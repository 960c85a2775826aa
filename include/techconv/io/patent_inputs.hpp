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
#include <string>      // std::string
#include <string_view>  // std::string_view
#include <utility>     // std::move
#include <unordered_set>  // std::unordered_set
#include <vector>      // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/canonical_csv.hpp"
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
};

/// \brief What one input file gave.
struct input_file_report {
    std::string path;         ///< the file
    input_format format = input_format::automatic;  ///< its format (detected or given)
    patent_read_stats stats;  ///< the reader's counters
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
/// `; read as ...` (describe(encoding_evidence)) unless the file was plain UTF-8 throughout.
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
    return s;
}

inline std::vector<std::string> patent_input_report::notes() const {
    std::vector<std::string> out;
    out.reserve(files.size());
    for (const auto& f : files) out.push_back(input_note(f.path, f.stats));
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
    for (const auto* list : {&r.ipc, &r.cpc, &r.family_jurisdictions, &r.priority_countries, &r.priority_numbers}) {
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

[[noreturn]] inline void no_patents(const std::string& source, input_format f) {
    ::techconv::detail::throw_error<invalid_argument>(source + ": format " + std::string(to_string(f)) +
                                                      " holds no patents (use lens, uspto-xml or csv)");
}

/// Reads the input `in` (its head already sniffed or not) in format `f` with the encoding and
/// limits of `opts`: opens the reader on in.stream(), calls `read(reader)`, then reads the
/// input to its end (input_source::finish, for its observer). The report's has_country_column
/// is set for a canonical CSV with a country column.
template <class Fn>
patent_read_stats with_patent_reader(input_source& in, input_format f, const read_patents_options& opts,
                                     patent_input_report& out, Fn&& read) {
    const std::string& path = in.name();
    patent_read_stats st;
    switch (f) {
        case input_format::lens: {
            lens_reader reader(in.stream(), path, csv_options_of(opts.limits, opts.encoding));
            st = read(reader);
            break;
        }
        case input_format::uspto_xml: {
            uspto_xml_options o;
            o.encoding = opts.encoding;
            o.max_codes_per_record = opts.limits.max_codes_per_record;
            o.max_depth = opts.limits.max_xml_depth;
            uspto_xml_reader reader(in.stream(), path, o);
            st = read(reader);
            break;
        }
        case input_format::csv: {
            canonical_csv_reader reader(in.stream(), path, csv_options_of(opts.limits, opts.encoding));
            out.has_country_column = out.has_country_column || reader.has_country_column();
            st = read(reader);
            break;
        }
        default: no_patents(path, f);
    }
    in.finish();
    return st;
}

/// One input_source per path, in order.
inline std::vector<input_source> sources_of(const std::vector<std::string>& paths) {
    std::vector<input_source> inputs;
    inputs.reserve(paths.size());
    for (const auto& path : paths) inputs.emplace_back(path);
    return inputs;
}

/// Counts and lists a record dropped for a repeated id.
inline void note_duplicate(patent_input_report& out, const std::string& path, std::size_t line, std::string_view id) {
    ++out.duplicates;
    if (out.duplicate_examples.size() < 100)
        out.duplicate_examples.push_back(path + ":" + std::to_string(line) + ": " + std::string(id));
}

/// The set of ids of a table's records (open addressing over row indices; the ids
/// themselves stay in the table): read_patent_table's duplicate check.
class table_id_set {
public:
    explicit table_id_set(const records::patent_table& t) : table_(t) {}
    /// Whether some row of the table has id `id`.
    bool contains(std::string_view id) const {
        if (slots_.empty()) return false;
        for (std::size_t i = slot(id);; i = (i + 1) & (slots_.size() - 1)) {
            if (slots_[i] == 0) return false;
            if (id_of(slots_[i] - 1) == id) return true;
        }
    }
    /// Adds row `row` (its id must not be in the set).
    void insert(std::size_t row) {
        if (2 * (count_ + 1) > slots_.size()) grow();
        std::size_t i = slot(id_of(row));
        while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
        slots_[i] = row + 1;
        ++count_;
    }
    /// Bytes the set holds.
    std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(std::size_t); }

private:
    std::string_view id_of(std::size_t row) const {
        const auto [c, k] = table_.locate(row);
        return c->id(k);
    }
    std::size_t slot(std::string_view id) const {
        return static_cast<std::size_t>(records::label_pool::hash(id)) & (slots_.size() - 1);
    }
    void grow() {
        std::vector<std::size_t> old(slots_.empty() ? 0 : slots_.size());
        old.swap(slots_);
        slots_.assign(old.empty() ? 1024 : 2 * old.size(), 0);
        for (const auto s : old)
            if (s != 0) {
                std::size_t i = slot(id_of(s - 1));
                while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
                slots_[i] = s;
            }
    }
    const records::patent_table& table_;
    std::vector<std::size_t> slots_;  // row + 1, 0 = free; size a power of two
    std::size_t count_ = 0;
};

}  // namespace detail

/// \brief Reads the patent records of the inputs `inputs`, in order, and merges
/// simple families unless `opts.merge_families` is false.
///
/// Each input is opened once and read in its format (`opts.format`, or
/// detect_format from its head when automatic), in `opts.encoding`
/// (automatic: decided per input from its first block by the reader, which
/// continues from the sniffed head): a Lens export, USPTO XML, or the
/// canonical CSV (canonical_csv_reader). A FIFO or standard input (`-`) is
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
    for (auto& in : inputs) {
        const std::string& path = in.name();
        const input_format f = opts.format == input_format::automatic ? detect_format(in) : opts.format;
        if (p.start) p.start(path);
        const std::size_t before = out.records.size();
        input_file_report file{path, f, {}};
        file.stats = detail::with_patent_reader(in, f, opts, out,
                                                [&](auto& reader) {
                                                    return detail::drain(reader, out.records, p,
                                                                         opts.limits.max_memory_bytes, &held, path);
                                                });
        if (opts.drop_duplicates) {
            // keep the first record of each id, across files and within one
            std::size_t w = before;
            for (std::size_t i = before; i < out.records.size(); ++i) {
                auto& r = out.records[i];
                if (!seen.insert(r.id).second) {
                    detail::note_duplicate(out, path, r.source_line, r.id);
                    continue;
                }
                if (w != i) out.records[w] = std::move(r);
                ++w;
            }
            out.records.resize(w);
        }
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
/// Each reader fills one scratch record that is appended to the table
/// (records::patent_table::append) and reused, so no per-record strings are
/// kept; duplicates are found through the table's id column. `table` sets
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
    patent_record r;  // the scratch record every reader fills
    std::size_t count = 0;  // records read, duplicates included (what progress reports)
    for (auto& in : inputs) {
        const std::string& path = in.name();
        const input_format f = opts.format == input_format::automatic ? detect_format(in) : opts.format;
        if (p.start) p.start(path);
        const std::size_t before = out.table.size();
        input_file_report file{path, f, {}};
        file.stats = detail::with_patent_reader(in, f, opts, out, [&](auto& reader) {
            while (reader.next(r)) {
                ++count;
                if (p.update) p.update(reader.bytes_read(), count);
                if (opts.drop_duplicates && seen.contains(r.id)) {
                    detail::note_duplicate(out, path, r.source_line, r.id);
                    continue;
                }
                out.table.append(r);
                if (opts.drop_duplicates) seen.insert(out.table.size() - 1);
                if (memory_check_due(opts.limits.max_memory_bytes, out.table.size()))
                    check_memory_bound(out.table.memory_bytes() + seen.memory_bytes(), opts.limits.max_memory_bytes,
                                       path, r.source_line, out.table.size());
            }
            check_memory_bound(out.table.memory_bytes() + seen.memory_bytes(), opts.limits.max_memory_bytes, path,
                               r.source_line, out.table.size());
            return reader.stats();
        });
        count = out.table.size();
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

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PATENT_INPUTS_HPP_
