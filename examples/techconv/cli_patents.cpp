// SPDX-License-Identifier: BSL-1.0
// Reading patent inputs for keycore / network: the library's io::read_patents and
// io::read_patent_table with the command's progress lines.
#include "cli.hpp"

#include <string>   // std::string
#include <utility>  // std::move

#include <techconv/io/patent_inputs.hpp>

namespace tcli {

namespace tio = techconv::io;

namespace {

/// Runs `read` (read_patents or read_patent_table) with the command's progress lines and
/// counts what was read, dropped and merged for manifest.json; a format without patents
/// is a usage error.
template <class Read>
auto read_with_progress(input_format fmt, bool merge, tio::text_encoding enc, progress& prog, Read&& read) {
    tio::read_patents_options o;
    o.format = fmt;
    o.encoding = enc;
    o.merge_families = merge;
    o.progress.start = [&](const std::string& path) { prog.start(path); };
    o.progress.update = [&](std::uint64_t bytes, std::size_t records) { prog.update(bytes, records); };
    o.progress.finish = [&](std::size_t records) { prog.finish(records); };
    try {
        auto in = read(o);
        report_count("records_read", static_cast<long long>(in.read + in.duplicates));
        report_count("duplicates_dropped", static_cast<long long>(in.duplicates));
        report_count("merged_into_families", static_cast<long long>(in.merged));
        std::size_t strays = 0;  // bytes read as CP1252 in files otherwise UTF-8 (each file's note lists their lines)
        for (const auto& f : in.files) strays += f.stats.text.stray_bytes;
        report_count("bytes_not_utf8", static_cast<long long>(strays));
        return in;
    } catch (const techconv::invalid_argument& e) {
        std::string msg = e.what();  // a format without patents
        const std::string prefix = "techconv: ";
        if (msg.compare(0, prefix.size(), prefix) == 0) msg.erase(0, prefix.size());
        throw usage_error(msg);
    }
}

/// The command's copy of what was read, dropped and merged.
template <class Out>
void take_report(const tio::patent_input_report& in, Out& out) {
    out.notes = in.notes();
    out.read = in.read;
    out.merged = in.merged;
    out.has_country_column = in.has_country_column;
}

}  // namespace

patent_input read_patents(const std::vector<std::string>& paths, input_format fmt, bool merge, progress& prog,
                          tio::text_encoding enc) {
    auto in = read_with_progress(fmt, merge, enc, prog, [&](const tio::read_patents_options& o) {
        return tio::read_patents(paths, o);
    });
    report_count("records", static_cast<long long>(in.records.size()));
    patent_input out;
    take_report(in, out);
    out.records = std::move(in.records);
    return out;
}

patent_table_input read_patent_table(const std::vector<std::string>& paths, input_format fmt, bool merge,
                                     bool titles, progress& prog, tio::text_encoding enc) {
    techconv::records::patent_table_options to;
    to.titles = titles;
    auto in = read_with_progress(fmt, merge, enc, prog, [&](const tio::read_patents_options& o) {
        return tio::read_patent_table(paths, o, to);
    });
    report_count("records", static_cast<long long>(in.table.size()));
    patent_table_input out;
    take_report(in, out);
    out.table = std::move(in.table);
    return out;
}

country_source parse_country_source(const std::string& s) {
    try {
        return techconv::analysis::country_source_from_string(s);
    } catch (const techconv::invalid_argument&) {
        throw usage_error("unknown --country-from '" + s + "' (auto, applicant, inventor, priority, jurisdiction)");
    }
}

}  // namespace tcli
