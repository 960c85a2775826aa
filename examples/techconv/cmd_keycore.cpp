// SPDX-License-Identifier: BSL-1.0
// techconv keycore: the [KCT] key-core analysis of a patent export
// (analysis::key_core) written as weights.csv, scores.csv, top20.csv,
// groups.csv, industries.csv, report.json and report.md.
#include "cli.hpp"
#include "keycore_report.hpp"

#include <techconv/analysis/keycore.hpp>
#include <techconv/classification/loaders.hpp>

namespace tcli {

namespace tio = techconv::io;
namespace ta = techconv::analysis;
using techconv::index;

std::vector<char> key_core_mask(const techconv::records::patent_table& records, double q, std::string& note) {
    ta::key_core_options o;
    o.fraction = q;
    ta::key_core_selection s;
    try {
        s = ta::select_key_core(records, o);
    } catch (const techconv::invalid_argument& e) {
        std::string msg = e.what();
        const std::string prefix = "techconv: ";
        if (msg.compare(0, prefix.size(), prefix) == 0) msg.erase(0, prefix.size());
        throw std::runtime_error("--key-core-only: " + msg);
    }
    note = "key core: " + std::to_string(s.k) + " of " + std::to_string(s.rows) + " scored records (" +
           std::to_string(s.columns) + " indicators, " + std::to_string(s.dropped) + " records without all of them)";
    return std::move(s.mask);
}

int cmd_keycore(int argc, char** argv) {
    const auto& spec = keycore_spec();
    return guarded(spec, argc, argv, [&](const arguments& a) -> int {
        const std::string out_dir = a.get("out");
        const auto fmt = parse_format(a.get("format", "auto"));
        ta::key_core_options o;
        o.fraction = fraction_option(a);
        o.grouping.by_country = group_by_country(a);
        o.grouping.country_from = parse_country_source(a.get("country-from", "auto"));
        const std::string missing = a.get("missing", "drop-record");
        if (missing == "drop-indicator") o.indicators.missing = tio::missing_policy::drop_indicator;
        else if (missing == "zero") o.indicators.missing = tio::missing_policy::zero;
        else if (missing != "drop-record") throw usage_error("--missing expects drop-record, drop-indicator or zero");
        o.threads = threads_option(a);
        techconv::classification::concordance industries;
        if (a.has("concordance")) {
            industries = techconv::classification::load_concordance_file(a.get("concordance"));
            o.industries = &industries;
        }

        progress prog(a.quiet);
        // titles: the report's best-records table prints them
        auto in = read_patent_table(a.inputs, fmt, !a.has("no-merge"), true, prog, a.limits, a.encoding);
        const auto kc = ta::key_core(in.table, o);
        prog.note("techconv keycore: " + std::to_string(kc.scores.size()) + " records x " +
                  std::to_string(kc.columns.size()) + " indicators");

        keycore_report rep;
        rep.notes = in.notes;
        rep.read = in.read;
        rep.records = in.table.size();
        rep.merged = in.merged;
        set_key_core(rep, kc, missing, o.grouping.by_country);
        rep.industries_table = o.industries != nullptr;

        make_dir(out_dir);
        std::vector<std::string> ids;
        ids.reserve(kc.rows.size());
        for (const auto r : kc.rows) {
            const auto [chunk, k] = in.table.locate(r);
            ids.emplace_back(chunk->id(k));
        }
        write_scores(out_dir, ids, kc.scores, kc.ranks, kc.k);
        write_keycore_report(out_dir, rep);
        report_count("scored", static_cast<long long>(kc.scores.size()));
        report_count("dropped_missing_indicator", static_cast<long long>(kc.dropped));
        report_count("key_core", static_cast<long long>(kc.k));
        std::printf("records: %lld\nindicators: %zu\nkey_core: %lld\nout: %s\n",
                    static_cast<long long>(kc.scores.size()), kc.columns.size(), static_cast<long long>(kc.k),
                    a.final_out.c_str());
        return 0;
    });
}

}  // namespace tcli
