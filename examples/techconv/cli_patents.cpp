// SPDX-License-Identifier: BSL-1.0
// Reading patent inputs for keycore / network: the library's io::read_patents and
// io::read_patent_table with the command's progress lines.
#include "cli.hpp"

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <vector>   // std::vector
#include <utility>  // std::move

#include <techconv/io/patent_inputs.hpp>

namespace tcli {

namespace tio = techconv::io;

std::vector<tio::input_source> open_inputs(const std::vector<std::string>& paths) {
    std::vector<tio::input_source> out;
    out.reserve(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) out.emplace_back(paths[i], techconv::report::input_observer(i));
    return out;
}

namespace {

/// Runs `read` (read_patents or read_patent_table) with the command's progress lines and
/// counts what was read, dropped and merged for manifest.json; a format without patents
/// is a usage error.
template <class Read>
auto read_with_progress(input_format fmt, bool merge, const tio::read_limits& limits, tio::text_encoding enc,
                        progress& prog, Read&& read) {
    tio::read_patents_options o;
    o.limits = limits;
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
        report_count("codes_not_ipc_dropped", static_cast<long long>(in.rejected_codes));
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

patent_input read_patents(std::vector<tio::input_source> inputs, input_format fmt, bool merge, progress& prog,
                          const tio::read_limits& limits, tio::text_encoding enc) {
    auto in = read_with_progress(fmt, merge, limits, enc, prog, [&](const tio::read_patents_options& o) {
        return tio::read_patents(std::move(inputs), o);
    });
    report_count("records", static_cast<long long>(in.records.size()));
    patent_input out;
    take_report(in, out);
    out.records = std::move(in.records);
    return out;
}

patent_input read_patents(const std::vector<std::string>& paths, input_format fmt, bool merge, progress& prog,
                          const tio::read_limits& limits, tio::text_encoding enc) {
    return read_patents(open_inputs(paths), fmt, merge, prog, limits, enc);
}

patent_table_input read_patent_table(const std::vector<std::string>& paths, input_format fmt, bool merge,
                                     bool titles, progress& prog, const tio::read_limits& limits,
                                     tio::text_encoding enc) {
    techconv::records::patent_table_options to;
    to.titles = titles;
    auto in = read_with_progress(fmt, merge, limits, enc, prog, [&](const tio::read_patents_options& o) {
        return tio::read_patent_table(open_inputs(paths), o, to);
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
