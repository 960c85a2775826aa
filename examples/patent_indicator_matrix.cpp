// Builds the [KCT] records x indicators matrix from a patent export: reads the
// records, merges simple families, extracts the nine indicators and reports
// which ones this source has (absent ones are left out, never zero-filled).
//
// usage: patent_indicator_matrix EXPORT (Lens CSV or USPTO grant XML)
//
// example-args: @DATA_DIR@/patents-lens-jet-engines/lens-export.csv
// example-expect: records: 3779
// example-expect: absent: claims
// example-expect: column forward_citations: sum [0-9]+
// example-needs-data: yes
//
// Expected: 3,779 publications and no claims column (datasets README / PROVENANCE.md).
#include <techconv/records/families.hpp>
#include <techconv/analysis/indicators.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/uspto_xml.hpp>

#include <cstdio>  // std::printf
#include <string>  // std::string

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s EXPORT\n", argv[0]);
        return 2;
    }
    namespace tio = techconv::io;
    try {
        const std::string path = argv[1];
        const bool xml = path.size() > 4 && path.compare(path.size() - 4, 4, ".xml") == 0;
        auto records = xml ? tio::read_uspto_xml(path) : tio::read_lens(path);
        const auto families = tio::merge_families(std::move(records));
        const auto table = tio::indicator_matrix(families.records);
        std::printf("records: %zu\nfamilies: %zu\nrows: %lld\ndropped (missing a value): %zu\n",
                    families.input_records, families.records.size(),
                    static_cast<long long>(table.values.rows()), table.dropped_records);
        for (const auto i : table.absent) std::printf("absent: %s\n", std::string(tio::to_string(i)).c_str());
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const auto col = table.values.col(static_cast<techconv::index>(c));
            std::printf("column %s: sum %.0f, max %.0f\n", std::string(tio::to_string(table.columns[c])).c_str(),
                        col.sum(), col.maxCoeff());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
