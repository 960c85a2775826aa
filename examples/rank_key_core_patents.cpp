// Scores patents with the [KCT] entropy-weight method and selects the key core
// (the top 5%): indicator matrix from a Lens export, entropy weights per
// indicator and per level-2 group, the best records.
//
// usage: rank_key_core_patents LENS.csv [Q]
//
// example-args: @DATA_DIR@/patents-lens-jet-engines/lens-export.csv 0.05
// example-expect: records: 3779
// example-expect: key core: 189
// example-expect: weight npl_citations \(fundamentality\): 0\.[0-9]+
// example-needs-data: yes
//
// Expected: 3,779 records (PROVENANCE.md); k = ceil(0.05 x 3779) = 189 (METHODS.md §1 step 6).
#include <techconv/records/families.hpp>
#include <techconv/analysis/indicators.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/weighting.hpp>

#include <cstdio>   // std::printf
#include <cstdlib>  // std::atof
#include <string>   // std::string

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s LENS.csv [Q]\n", argv[0]);
        return 2;
    }
    namespace tio = techconv::io;
    namespace tw = techconv::weighting;
    try {
        const auto families = tio::merge_families(tio::read_lens(argv[1]));
        const auto table = tio::indicator_matrix(families.records);  // absent indicators left out
        tw::key_core_options o;
        o.fraction = argc > 2 ? std::atof(argv[2]) : 0.05;
        const auto r = tw::key_core(table.values, o);  // min-max, entropy with 0 ln 0 = 0, top ceil(q n)
        std::printf("records: %lld\nkey core: %lld (threshold %.4f)\n", static_cast<long long>(table.values.rows()),
                    static_cast<long long>(r.top.k), r.top.threshold);
        for (std::size_t j = 0; j < table.columns.size(); ++j)
            std::printf("weight %s (%s): %.4f\n", std::string(tio::to_string(table.columns[j])).c_str(),
                        std::string(tio::indicator_group(table.columns[j])).c_str(),
                        r.weighting.weights[static_cast<techconv::index>(j)]);
        for (std::size_t p = 0; p < 3 && p < r.top.indices.size(); ++p) {
            const auto i = r.top.indices[p];
            std::printf("#%zu %s score %.4f\n", p + 1, families.records[table.rows[static_cast<std::size_t>(i)]].id.c_str(),
                        r.scores[i]);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
