// SPDX-License-Identifier: BSL-1.0
//
// Reading bibliographic exports (Web of Science tagged and tab-delimited,
// Scopus CSV, OpenAlex and Lens scholarly JSON) into one records::paper_table: the formats detected per file,
// each reader filling the table column by column, and a report per file.
#ifndef TECHCONV_IO_PAPERS_HPP_
#define TECHCONV_IO_PAPERS_HPP_

#include <cstddef>  // std::size_t
#include <memory>   // std::unique_ptr
#include <string>   // std::string
#include <utility>  // std::move, std::forward
#include <vector>   // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/input.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/csv_works.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/lens_scholarly.hpp"
#include "techconv/io/openalex.hpp"
#include "techconv/io/pubmed.hpp"
#include "techconv/io/scopus.hpp"
#include "techconv/io/wos.hpp"
#include "techconv/records/paper_table.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Options of read_paper_table.
struct read_papers_options {
    input_format format = input_format::automatic;  ///< automatic: detect_format per file
    bibliographic_options reader;                   ///< countries, policies, encoding
    records::paper_table_options table;             ///< texts kept, chunk size
    /// Bytes the records read so far may take (records::paper_table::memory_bytes, checked
    /// while the table fills); 0: no bound. More is limit_exceeded naming the file and line.
    std::size_t max_memory_bytes = 0;
};

/// \brief What reading one file did.
struct paper_file_report {
    std::string source;                            ///< the input's name
    input_format format = input_format::automatic;  ///< the format it was read as
    bibliographic_report report;                   ///< the reader's report
    input_detection detection;                     ///< format, encoding and line ends (detection_of)
};

/// \brief Papers of several files in one table, and what reading each did.
struct paper_inputs {
    records::paper_table table;            ///< every file's records, in input order
    std::vector<paper_file_report> files;  ///< one per input, in order

    /// Records delivered (after each file's duplicates were dropped).
    std::size_t records() const noexcept { return sum(&bibliographic_report::records); }
    /// Records dropped because their id appeared earlier in the same file.
    std::size_t duplicates() const noexcept { return sum(&bibliographic_report::duplicates); }
    /// Addresses whose country was not recognised.
    std::size_t unresolved_addresses() const noexcept { return sum(&bibliographic_report::unresolved_addresses); }
    /// Bytes read as CP1252 in files otherwise UTF-8.
    std::size_t bytes_not_utf8() const noexcept {
        std::size_t n = 0;
        for (const auto& f : files) n += f.report.text.stray_bytes;
        return n;
    }

private:
    std::size_t sum(std::size_t bibliographic_report::*field) const noexcept {
        std::size_t n = 0;
        for (const auto& f : files) n += f.report.*field;
        return n;
    }
};

/// \brief One line about a file: "path: wos, 500 records, 3 without a country,
/// 0 duplicates dropped", then report_notes() (encoding, unresolved countries) and the
/// detection (describe(input_detection): format, encoding, line ends).
/// `countries` false leaves out the records without a country.
inline std::string paper_input_note(const paper_file_report& f, bool countries = true) {
    std::string s = f.source + ": " + std::string(to_string(f.format)) + ", " + std::to_string(f.report.records) +
                    " records, ";
    if (countries) s += std::to_string(f.report.without_country) + " without a country, ";
    s += std::to_string(f.report.duplicates) + " duplicates dropped";
    for (const auto& n : report_notes(f.report)) s += "; " + n;
    if (!f.detection.source.empty()) s += "; " + describe(f.detection);
    return s;
}

namespace detail {

/// The one place that opens the paper reader of format `f` on in.stream() with the options `o`:
/// calls `make(reader_tag<R>{}, args...)`, where `R(args...)` is the reader.
/// \throws invalid_argument naming the input when `f` holds no papers.
template <class Make>
void construct_paper_reader(input_source& in, input_format f, const bibliographic_options& o, Make&& make) {
    const std::string& path = in.name();
    switch (f) {
        case input_format::wos: make(reader_tag<wos_tagged_reader>{}, in.stream(), path, o); return;
        case input_format::wos_tab: make(reader_tag<wos_tab_reader>{}, in.stream(), path, o); return;
        case input_format::scopus: make(reader_tag<scopus_reader>{}, in.stream(), path, o); return;
        case input_format::openalex:  // the API's JSON, or the web interface's CSV export
            if (openalex_csv_head(in.head(4096))) make(reader_tag<openalex_csv_reader>{}, in.stream(), path, o);
            else make(reader_tag<openalex_reader>{}, in.stream(), path, o);
            return;
        case input_format::lens_scholarly:  // the JSON Lines export or API JSON, or the CSV export
            if (lens_scholarly_csv_head(in.head(4096))) make(reader_tag<lens_scholarly_csv_reader>{}, in.stream(), path, o);
            else make(reader_tag<lens_scholarly_reader>{}, in.stream(), path, o);
            return;
        case input_format::pubmed: make(reader_tag<pubmed_reader>{}, in.stream(), path, o); return;
        default:
            ::techconv::detail::throw_error<invalid_argument>(
                path + ": format " + std::string(to_string(f)) +
                " holds no papers (the bibliographic formats are wos, wos-tab, scopus, openalex, lens-scholarly and pubmed)");
    }
}

/// Checks `table`'s memory against `bound` after its last record (0: no bound), naming
/// `source` and the record's line.
inline void check_paper_memory(const records::paper_table& table, std::size_t bound, const std::string& source) {
    const std::size_t n = table.size();
    if (n == 0) return;
    const auto [chunk, k] = table.locate(n - 1);
    check_memory_bound(table.memory_bytes(), bound, source, chunk->line(k), n);
}

}  // namespace detail

/// \brief Reads every input into one records::paper_table.
///
/// Each input's format is opts.format, or detected (detect_format) when that is
/// automatic; its reader (wos_tagged_reader, wos_tab_reader, scopus_reader, openalex_reader,
/// lens_scholarly_reader, pubmed_reader)
/// pushes the fields of each record straight into the table (no per-record
/// strings), dropping and reporting the records whose id it already read in
/// that file. Records repeated across files are kept: the analyses count an
/// identifier once (closeness::actor_records, analysis::classify_branches).
/// Each input is finished (input_source::finish) after its reader.
/// \throws invalid_argument naming the input when its format holds no papers;
///         parse_error from the readers, as they document.
/// Complexity: O(total input size).
inline paper_inputs read_paper_table(std::vector<input_source> inputs, const read_papers_options& opts = {}) {
    paper_inputs out;
    out.table = records::paper_table(opts.table);
    for (auto& in : inputs) {
        const std::string& path = in.name();
        const input_format f = opts.format == input_format::automatic ? detect_format(in) : opts.format;
        paper_file_report file{path, f, {}, {}};
        detail::construct_paper_reader(in, f, opts.reader, [&](auto tag, auto&&... args) {
            typename decltype(tag)::type reader(std::forward<decltype(args)>(args)...);
            while (reader.next_into(out.table))
                if (memory_check_due(opts.max_memory_bytes, out.table.size()))
                    detail::check_paper_memory(out.table, opts.max_memory_bytes, path);
            file.report = reader.stats();
            detail::check_paper_memory(out.table, opts.max_memory_bytes, path);  // at each file's end too
        });
        in.finish();
        file.detection = detection_of(in, f, opts.format, file.report.text);
        out.files.push_back(std::move(file));
    }
    out.table.shrink_to_fit();
    return out;
}

/// \brief read_paper_table of the files `paths` (`-`: standard input), one input_source per path.
inline paper_inputs read_paper_table(const std::vector<std::string>& paths, const read_papers_options& opts = {}) {
    return read_paper_table(detail::sources_of(paths), opts);
}

/// \brief Reads bibliographic inputs chunk by chunk: at most `chunk_records` records in
/// memory at once, for a later stage that streams (counts per year, per country, ...).
///
/// The inputs are read in order, as by read_paper_table(), through the readers' next_into
/// into the chunk's columns: the concatenation of the chunks is the table read_paper_table()
/// gives (same records, order, per-file duplicate dropping and reports). Each chunk is a
/// table of its own (its own label pool); a chunk holds whole records, and an input may end
/// inside a chunk (the next input continues it). What grows with the input is the open
/// reader's set of the ids it has read (duplicates are dropped per file, as read_paper_table
/// does: about the id's bytes plus 40 B per record of the file being read).
/// read_papers_options::max_memory_bytes bounds each chunk. Errors are those of
/// read_paper_table, thrown by next_chunk.
///
/// \code
/// io::paper_chunk_reader r({"savedrecs.txt", "scopus.csv"}, {}, 10000);
/// records::paper_table chunk;
/// while (r.next_chunk(chunk))
///     for (const auto& c : chunk.chunks())
///         for (std::size_t i = 0; i < c.size(); ++i) ++per_year[c.year(i)];
/// r.files();  // one report per input read to its end
/// \endcode
class paper_chunk_reader {
public:
    /// \brief Reads `inputs` with `opts`, at most `chunk_records` records per chunk.
    /// \throws invalid_argument when chunk_records is 0.
    paper_chunk_reader(std::vector<input_source> inputs, read_papers_options opts = {},
                       std::size_t chunk_records = 65536)
        : inputs_(std::move(inputs)), opts_(std::move(opts)), n_(chunk_records) {
        ::techconv::detail::require(n_ > 0, "paper_chunk_reader: chunk_records must be at least 1");
    }
    /// Reads the files `paths` (`-`: standard input).
    paper_chunk_reader(const std::vector<std::string>& paths, read_papers_options opts = {},
                       std::size_t chunk_records = 65536)
        : paper_chunk_reader(detail::sources_of(paths), std::move(opts), chunk_records) {}

    /// \brief Replaces `chunk` by a table of the next records (at most chunk_records).
    /// \returns false, `chunk` empty, when every input is read.
    bool next_chunk(records::paper_table& chunk) {
        chunk = records::paper_table(opts_.table);
        while (chunk.size() < n_) {
            if (!current_ && !open_next()) break;
            if (!current_->next(chunk)) {
                close_current();
                continue;
            }
            ++records_;
            if (memory_check_due(opts_.max_memory_bytes, chunk.size()))
                detail::check_paper_memory(chunk, opts_.max_memory_bytes, source_);
        }
        detail::check_paper_memory(chunk, opts_.max_memory_bytes, source_);
        chunk.shrink_to_fit();
        return !chunk.empty();
    }

    /// One report per input read to its end, in order.
    const std::vector<paper_file_report>& files() const noexcept { return files_; }
    /// Records delivered so far (after each file's duplicates were dropped).
    std::size_t records() const noexcept { return records_; }

private:
    // an open reader of any format, behind one interface
    struct reader_base {
        virtual ~reader_base() = default;
        virtual bool next(records::paper_table& t) = 0;
        virtual bibliographic_report stats() const = 0;
    };
    template <class R>
    struct reader_of final : reader_base {
        template <class... A>
        explicit reader_of(A&&... args) : r(std::forward<A>(args)...) {}
        bool next(records::paper_table& t) override { return r.next_into(t); }
        bibliographic_report stats() const override { return r.stats(); }
        R r;
    };

    bool open_next() {
        if (next_input_ == inputs_.size()) return false;
        auto& in = inputs_[next_input_];
        const input_format f = opts_.format == input_format::automatic ? detect_format(in) : opts_.format;
        file_ = paper_file_report{in.name(), f, {}, {}};
        source_ = in.name();
        detail::construct_paper_reader(in, f, opts_.reader, [&](auto tag, auto&&... args) {
            using R = typename decltype(tag)::type;
            current_ = std::make_unique<reader_of<R>>(std::forward<decltype(args)>(args)...);
        });
        return true;
    }
    void close_current() {
        file_.report = current_->stats();
        current_.reset();
        inputs_[next_input_].finish();
        file_.detection = detection_of(inputs_[next_input_], file_.format, opts_.format, file_.report.text);
        ++next_input_;
        files_.push_back(std::move(file_));
        file_ = paper_file_report{};
    }

    std::vector<input_source> inputs_;
    read_papers_options opts_;
    std::size_t n_;
    std::size_t next_input_ = 0, records_ = 0;
    std::unique_ptr<reader_base> current_;
    paper_file_report file_;
    std::string source_;  // the input of the chunk's last record (named in a memory error)
    std::vector<paper_file_report> files_;
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PAPERS_HPP_
