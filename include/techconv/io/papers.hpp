// SPDX-License-Identifier: BSL-1.0
//
// Reading bibliographic exports (Web of Science tagged and tab-delimited,
// Scopus CSV, OpenAlex and Lens scholarly JSON) into one records::paper_table: the formats detected per file,
// each reader filling the table column by column, and a report per file.
#ifndef TECHCONV_IO_PAPERS_HPP_
#define TECHCONV_IO_PAPERS_HPP_

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/input.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/lens_scholarly.hpp"
#include "techconv/io/openalex.hpp"
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
/// 0 duplicates dropped" and then report_notes() (encoding, unresolved countries).
/// `countries` false leaves out the records without a country.
inline std::string paper_input_note(const paper_file_report& f, bool countries = true) {
    std::string s = f.source + ": " + std::string(to_string(f.format)) + ", " + std::to_string(f.report.records) +
                    " records, ";
    if (countries) s += std::to_string(f.report.without_country) + " without a country, ";
    s += std::to_string(f.report.duplicates) + " duplicates dropped";
    for (const auto& n : report_notes(f.report)) s += "; " + n;
    return s;
}

/// \brief Reads every input into one records::paper_table.
///
/// Each input's format is opts.format, or detected (detect_format) when that is
/// automatic; its reader (wos_tagged_reader, wos_tab_reader, scopus_reader, openalex_reader,
/// lens_scholarly_reader)
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
        if (!holds_papers(f))
            ::techconv::detail::throw_error<invalid_argument>(
                path + ": format " + std::string(to_string(f)) +
                " holds no papers (the bibliographic formats are wos, wos-tab, scopus, openalex and lens-scholarly)");
        paper_file_report file{path, f, {}};
        const auto drain = [&](auto& reader) {
            while (reader.next_into(out.table)) {
                const std::size_t n = out.table.size();
                if (memory_check_due(opts.max_memory_bytes, n))
                    check_memory_bound(out.table.memory_bytes(), opts.max_memory_bytes, path,
                                       out.table.locate(n - 1).first->line(out.table.locate(n - 1).second), n);
            }
            file.report = reader.stats();
            const std::size_t n = out.table.size();
            if (n != 0) {  // the bound holds at the end of each file too, whatever its size
                const auto [chunk, k] = out.table.locate(n - 1);
                check_memory_bound(out.table.memory_bytes(), opts.max_memory_bytes, path, chunk->line(k), n);
            }
        };
        if (f == input_format::wos) {
            wos_tagged_reader r(in.stream(), path, opts.reader);
            drain(r);
        } else if (f == input_format::wos_tab) {
            wos_tab_reader r(in.stream(), path, opts.reader);
            drain(r);
        } else if (f == input_format::openalex) {
            openalex_reader r(in.stream(), path, opts.reader);
            drain(r);
        } else if (f == input_format::lens_scholarly) {
            lens_scholarly_reader r(in.stream(), path, opts.reader);
            drain(r);
        } else {
            scopus_reader r(in.stream(), path, opts.reader);
            drain(r);
        }
        in.finish();
        out.files.push_back(std::move(file));
    }
    out.table.shrink_to_fit();
    return out;
}

/// \brief read_paper_table of the files `paths` (`-`: standard input), one input_source per path.
inline paper_inputs read_paper_table(const std::vector<std::string>& paths, const read_papers_options& opts = {}) {
    std::vector<input_source> inputs;
    inputs.reserve(paths.size());
    for (const auto& p : paths) inputs.emplace_back(p);
    return read_paper_table(std::move(inputs), opts);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PAPERS_HPP_
