// Streams a CSV export and summarises its numeric columns: the smallest
// end-to-end use of techconv's reader (errors carry file, line and field).
//
// usage: csv_column_summary FILE.csv [COLUMN...]
//
// example-args: @DATA_DIR@/patents-lens-jet-engines/lens-export.csv "Cites Patent Count" "Cited by Patent Count" "Simple Family Size"
// example-expect: records: 3779
// example-expect: Cites Patent Count: n=3779
// example-needs-data: yes
#include <techconv/format/csv.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.csv [COLUMN...]\n", argv[0]);
        return 2;
    }
    try {
        techconv::io::csv_reader reader(argv[1]);
        struct column {
            std::string name;
            std::size_t index;
            long long n = 0, missing = 0;
            double min = std::numeric_limits<double>::infinity();
            double max = -std::numeric_limits<double>::infinity();
            double sum = 0;
        };
        std::vector<column> cols;
        for (int i = 2; i < argc; ++i) cols.push_back({argv[i], reader.require_column(argv[i])});
        while (reader.next()) {
            for (auto& c : cols) {
                double v = 0;
                if (!reader.double_field(c.index, v)) {
                    ++c.missing;
                    continue;
                }
                ++c.n;
                c.min = std::min(c.min, v);
                c.max = std::max(c.max, v);
                c.sum += v;
            }
        }
        std::printf("records: %zu\n", reader.record());
        for (const auto& c : cols) {
            std::printf("%s: n=%lld missing=%lld min=%g max=%g mean=%.4f\n", c.name.c_str(), c.n,
                        c.missing, c.n ? c.min : 0.0, c.n ? c.max : 0.0,
                        c.n ? c.sum / static_cast<double>(c.n) : 0.0);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "csv_column_summary: %s\n", e.what());
        return 1;
    }
    return 0;
}
