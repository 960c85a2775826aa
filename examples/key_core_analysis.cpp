// The [KCT] key-core analysis in a few library calls: read patent files of any
// supported format (simple families merged), run analysis::key_core grouped by
// country, and print the Table 1 weights, the best records and each country's
// key-core profile, with the industry shares of the WIPO 35 technology fields.
//
// usage: key_core_analysis WIPO_FIELDS.csv PATENTS...
//
// example-args: @DATA_DIR@/ref-ipc-wipo-technology-fields/ipc_technology.csv @DATA_DIR@/patents-lens-jet-engines/lens-export.csv
// example-expect: records: 3779 scored, key core 189
// example-expect: coreness forward_citations [0-9.]+ %
// example-expect: US: 145 of 605 records in the key core
// example-needs-data: yes
//
// Expected: 3,779 records (PROVENANCE.md); k = ceil(0.05 x 3779) = 189 (METHODS.md §1 step 6);
// 145 of them from the US, of 605 US records (groups.csv of `techconv keycore --group-by country`, checked by
// tests/cli/check_keycore.py against a Python count).
#include <techconv/analysis/keycore.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/io/patent_inputs.hpp>

#include <cstdio>     // std::printf
#include <exception>  // std::exception
#include <string>     // std::string
#include <vector>     // std::vector

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: key_core_analysis WIPO_FIELDS.csv PATENTS...\n");
        return 2;
    }
    namespace ta = techconv::analysis;
    try {
        // 1. records: any mix of Lens CSV, USPTO XML and canonical CSV files
        const auto in = techconv::io::read_patents(std::vector<std::string>(argv + 2, argv + argc));
        // 2. the analysis: entropy weights, scores, top 5 %, profiles per country, industries
        const auto fields = techconv::classification::load_wipo_technology_fields(argv[1]);
        ta::key_core_options o;
        o.grouping.by_country = true;
        o.industries = &fields;
        const auto kc = ta::key_core(in.records, o);
        // 3. what [KCT] reports
        std::printf("records: %lld scored, key core %lld\n", static_cast<long long>(kc.scores.size()),
                    static_cast<long long>(kc.k));
        for (const auto& w : kc.weights)
            if (w.present)
                std::printf("%s %s %.2f %%\n", w.group.c_str(), std::string(techconv::io::to_string(w.indicator)).c_str(),
                            100.0 * w.weight);
        for (const auto& t : kc.top) std::printf("best: %s %.4f %s\n", t.id.c_str(), t.score, t.group.c_str());
        for (const auto& g : kc.profiles)
            std::printf("%s: %lld of %lld records in the key core, %lld main subclasses, CI %.4f\n", g.group.c_str(),
                        static_cast<long long>(g.key_core), static_cast<long long>(g.records),
                        static_cast<long long>(g.main_codes), g.convergence_index);
        for (const auto& r : kc.industries)
            if (r.group == "US") std::printf("US industry: %s %.2f %%\n", r.industry.c_str(), 100.0 * r.share);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "key_core_analysis: %s\n", e.what());
        return 1;
    }
    return 0;
}
