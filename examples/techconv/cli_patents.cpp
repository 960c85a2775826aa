// SPDX-License-Identifier: BSL-1.0
// Reading patent inputs for keycore / network: the library's io::read_patents
// with the command's progress lines.
#include "cli.hpp"

#include <string>   // std::string
#include <utility>  // std::move

#include <techconv/io/patent_inputs.hpp>

namespace tcli {

namespace tio = techconv::io;

std::vector<tio::input_source> open_inputs(const std::vector<std::string>& paths) {
    std::vector<tio::input_source> out;
    out.reserve(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) out.emplace_back(paths[i], input_observer(i));
    return out;
}

patent_input read_patents(const std::vector<std::string>& paths, input_format fmt, bool merge, progress& prog,
                          const tio::read_limits& limits) {
    return read_patents(open_inputs(paths), fmt, merge, prog, limits);
}

patent_input read_patents(std::vector<tio::input_source> inputs, input_format fmt, bool merge, progress& prog,
                          const tio::read_limits& limits) {
    tio::read_patents_options o;
    o.limits = limits;
    o.format = fmt;
    o.merge_families = merge;
    o.progress.start = [&](const std::string& path) { prog.start(path); };
    o.progress.update = [&](std::uint64_t bytes, std::size_t records) { prog.update(bytes, records); };
    o.progress.finish = [&](std::size_t records) { prog.finish(records); };
    tio::patent_inputs in;
    try {
        in = tio::read_patents(std::move(inputs), o);
    } catch (const techconv::invalid_argument& e) {
        std::string msg = e.what();  // a format without patents
        const std::string prefix = "techconv: ";
        if (msg.compare(0, prefix.size(), prefix) == 0) msg.erase(0, prefix.size());
        throw usage_error(msg);
    }
    // manifest.json: what was read, dropped and merged
    report_count("records_read", static_cast<long long>(in.read + in.duplicates));
    report_count("duplicates_dropped", static_cast<long long>(in.duplicates));
    report_count("codes_not_ipc_dropped", static_cast<long long>(in.rejected_codes));
    report_count("merged_into_families", static_cast<long long>(in.merged));
    report_count("records", static_cast<long long>(in.records.size()));
    patent_input out;
    out.notes = in.notes();
    out.records = std::move(in.records);
    out.read = in.read;
    out.merged = in.merged;
    out.has_country_column = in.has_country_column;
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
