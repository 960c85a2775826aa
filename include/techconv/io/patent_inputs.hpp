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
#include <utility>     // std::move
#include <unordered_set>  // std::unordered_set
#include <vector>      // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/canonical_csv.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/format/encoding.hpp"
#include "techconv/format/input.hpp"
#include "techconv/records/families.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/lens.hpp"
#include "techconv/records/patent.hpp"
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
};

/// \brief Options of read_patents().
struct read_patents_options {
    read_limits limits;                             ///< bounds applied to every input
    input_format format = input_format::automatic;  ///< automatic: detect_format per file
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

/// \brief Records read by read_patents(), with what happened per file.
struct patent_inputs {
    std::vector<patent_record> records;  ///< after family merging (when asked), input order
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

/// \brief The note of one input file: `path: layout, N records[, skipped K what]...`
/// (layout "csv" when the reader names none).
inline std::string input_note(const std::string& path, const patent_read_stats& st) {
    std::string s = path + ": " + (st.layout.empty() ? std::string("csv") : st.layout) + ", " +
                    std::to_string(st.records) + " records";
    for (const auto& k : st.skipped) s += ", skipped " + std::to_string(k.second) + " " + k.first;
    if (st.rejected_codes > 0)
        s += ", dropped " + std::to_string(st.rejected_codes) + " codes that are not IPC/CPC symbols (first: " +
             st.rejected_code_examples.front() + ")";
    return s;
}

inline std::vector<std::string> patent_inputs::notes() const {
    std::vector<std::string> out;
    out.reserve(files.size());
    for (const auto& f : files) out.push_back(input_note(f.path, f.stats));
    if (duplicates > 0)
        out.push_back(std::to_string(duplicates) + " duplicate records dropped (an id seen before in these inputs; first: " +
                      duplicate_examples.front() + ")");
    return out;
}

/// \brief The encoding a patent file of format `f` is read in: sniffed from
/// its first MiB for a Lens export (UTF-8, Latin-1 or Mac Roman), UTF-8 for
/// every other format.
/// \throws parse_error (io_error) when a Lens file cannot be opened.
inline text_encoding input_encoding(const std::string& path, input_format f) {
    return f == input_format::lens ? detail::sniff_file_encoding(path, path) : text_encoding::utf8;
}

namespace detail {

template <class Reader>
patent_read_stats drain(Reader& reader, std::vector<patent_record>& out, const read_progress& p) {
    patent_record r;
    while (reader.next(r)) {
        out.push_back(std::move(r));
        if (p.update) p.update(reader.bytes_read(), out.size());
    }
    return reader.stats();
}

inline patent_csv_options csv_options_of(const read_limits& l) {
    patent_csv_options o;
    o.max_codes_per_record = l.max_codes_per_record;
    o.csv.max_fields = l.max_columns;
    return o;
}

[[noreturn]] inline void no_patents(const std::string& source, input_format f) {
    ::techconv::detail::throw_error<invalid_argument>(source + ": format " + std::string(to_string(f)) +
                                                      " holds no patents (use lens, uspto-xml or csv)");
}

}  // namespace detail

/// \brief Reads the patent records of the inputs `inputs`, in order, and merges
/// simple families unless `opts.merge_families` is false.
///
/// Each input is opened once and read in its format (`opts.format`, or
/// detect_format from its head when automatic): a Lens export in the encoding
/// sniffed from its first MiB, USPTO XML, or the canonical CSV
/// (canonical_csv_reader). The reader continues from the sniffed head, so a
/// FIFO or standard input (`-`) is read like a file; after its records each
/// input is read to its end (input_source::finish, for its observer) and
/// closed. Family merging runs once over the records of all inputs
/// (merge_families with default options).
/// \throws invalid_argument when an input's format holds no patents (WoS, Scopus);
///         parse_error from detection and the readers (naming file, line and field).
/// Complexity: O(total input size) plus the merge.
inline patent_inputs read_patents(std::vector<input_source> inputs, const read_patents_options& opts = {}) {
    patent_inputs out;
    const read_progress& p = opts.progress;
    std::unordered_set<std::string> seen;  // ids read so far (drop_duplicates)
    for (auto& in : inputs) {
        const std::string& path = in.name();
        const input_format f = opts.format == input_format::automatic ? detect_format(in) : opts.format;
        if (p.start) p.start(path);
        const std::size_t before = out.records.size();
        input_file_report file{path, f, {}};
        switch (f) {
            case input_format::lens: {
                patent_csv_options o = detail::csv_options_of(opts.limits);
                o.csv.encoding = detail::sniff_encoding_of(in.head(std::size_t{1} << 20), path);
                lens_reader reader(in.stream(), path, o);
                file.stats = detail::drain(reader, out.records, p);
                break;
            }
            case input_format::uspto_xml: {
                uspto_xml_options o;
                o.max_codes_per_record = opts.limits.max_codes_per_record;
                o.max_depth = opts.limits.max_xml_depth;
                uspto_xml_reader reader(in.stream(), path, o);
                file.stats = detail::drain(reader, out.records, p);
                break;
            }
            case input_format::csv: {
                canonical_csv_reader reader(in.stream(), path, detail::csv_options_of(opts.limits));
                out.has_country_column = out.has_country_column || reader.has_country_column();
                file.stats = detail::drain(reader, out.records, p);
                break;
            }
            default: detail::no_patents(path, f);
        }
        in.finish();
        if (opts.drop_duplicates) {
            // keep the first record of each id, across files and within one
            std::size_t w = before;
            for (std::size_t i = before; i < out.records.size(); ++i) {
                auto& r = out.records[i];
                if (!seen.insert(r.id).second) {
                    ++out.duplicates;
                    if (out.duplicate_examples.size() < 100)
                        out.duplicate_examples.push_back(path + ":" + std::to_string(r.source_line) + ": " + r.id);
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
    std::vector<input_source> inputs;
    inputs.reserve(paths.size());
    for (const auto& path : paths) inputs.emplace_back(path);
    return read_patents(std::move(inputs), opts);
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
