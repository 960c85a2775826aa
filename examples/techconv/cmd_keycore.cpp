// SPDX-License-Identifier: BSL-1.0
// techconv keycore: the [KCT] key-core analysis of a patent export
// (analysis::key_core) written as weights.csv, scores.csv, top20.csv,
// groups.csv, industries.csv, report.json and report.md.
#include "cli.hpp"
#include "keycore_report.hpp"

#include <techconv/analysis/keycore.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/io/citations.hpp>

namespace tcli {

int cmd_keycore(int argc, char** argv) {
    return rp::run_command(keycore_spec(), argc, argv, [&](const arguments& a) -> int {
        const auto fmt = format_option(a);
        ta::key_core_options o;
        o.fraction = a.fraction();
        o.grouping.by_country = group_by_country(a);
        o.grouping.country_from = a.choice("country-from", "auto", ta::country_source_from_string);
        o.indicators.missing = a.choice("missing", "drop-record", tio::missing_policy_from_string);
        o.threads = a.threads();
        if (a.has("indicators"))
            o.chosen = a.choice("indicators", "", ta::keycore_indicators_from_list);
        std::vector<tio::citation_row> citations;
        std::vector<tio::class_row> classes;
        techconv::classification::concordance fields;
        if (a.has("citations")) {
            citations = tio::read_citation_table(a.get("citations"));
            o.citations = &citations;
        }
        if (a.has("classes")) {
            classes = tio::read_class_table(a.get("classes"));
            o.classes = &classes;
        }
        if (a.has("fields")) {
            fields = techconv::classification::load_concordance_file(a.get("fields"));
            o.quality.fields = &fields;
        }
        o.quality.hall_correction = a.has("hall");
        techconv::classification::concordance industries;
        if (a.has("concordance")) {
            industries = techconv::classification::load_concordance_file(a.get("concordance"));
            o.industries = &industries;
        }
        progress prog(a.quiet);
        auto in = rp::read_patent_inputs(a, fmt, !a.has("no-merge"), prog, [&](const tio::read_patents_options& ro) {
            return tio::read_patent_table(open_inputs(a.inputs), ro, {true});  // titles: top20.csv prints them
        });
        report_count("records", static_cast<long long>(in.table.size()));
        auto rep = rp::make_key_core_report(ta::key_core(in.table, o), o);
        const auto& kc = rep.result;
        prog.note("techconv keycore: " + std::to_string(kc.scores.size()) + " records x " +
                  std::to_string(kc.columns.size()) + " indicators");
        rep.notes = in.notes();
        rep.read = in.read;
        rep.records = in.table.size();
        rep.merged = in.merged;
        write_file(a.get("out"), "scores.csv", [&](std::ostream& f) { rp::write_key_core_scores_csv(f, in.table, kc); });
        write_keycore_report(a.get("out"), rep);
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
