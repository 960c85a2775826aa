// Maps every patent of a Lens export to the 35 WIPO technology fields
// (Schmoch concordance) through its IPC codes, and prints how many patents
// fall in each field (multi-label: a patent counts once in every field of
// its codes). The classification module in a few lines.
//
// usage: count_technology_fields LENS.csv ipc_technology.csv [TOP]
//
// example-args: @DATA_DIR@/patents-lens-jet-engines/lens-export.csv @DATA_DIR@/ref-ipc-wipo-technology-fields/ipc_technology.csv 5
// example-expect: patents: 3779
// example-expect: 1\. Engines, pumps, turbines: [0-9]+
// example-needs-data: yes
//
// Expected: 3,779 publications (PROVENANCE.md); a jet-engine search lands mostly in
// F02 / F01D / F02C, the WIPO field 'Engines, pumps, turbines'.
#include <techconv/classification/ipc.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/io/lens.hpp>

#include <algorithm>  // std::sort
#include <cstdio>     // std::printf
#include <cstdlib>    // std::atoi
#include <vector>     // std::vector

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s LENS.csv ipc_technology.csv [TOP]\n", argv[0]);
        return 2;
    }
    namespace tcl = techconv::classification;
    try {
        const tcl::concordance fields = tcl::load_wipo_technology_fields(argv[2]);
        std::vector<long> count(fields.category_count(), 0);
        long patents = 0, without_field = 0, bad_codes = 0;
        techconv::io::lens_reader reader(argv[1]);
        techconv::io::patent_record r;
        while (reader.next(r)) {
            ++patents;
            std::vector<tcl::ipc_code> codes;
            for (const auto& s : r.ipc) {
                if (const auto c = tcl::try_parse_ipc(s)) codes.push_back(*c);
                else ++bad_codes;
            }
            const auto cats = fields.lookup(codes);  // sorted, distinct: one count per field
            if (cats.empty()) ++without_field;
            for (const auto k : cats) ++count[k];
        }
        std::vector<std::size_t> order(count.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return count[a] > count[b]; });
        const std::size_t top = argc > 3 ? static_cast<std::size_t>(std::atoi(argv[3])) : 10;
        std::printf("patents: %ld\nwithout a field: %ld\nunparsable codes: %ld\n", patents, without_field, bad_codes);
        for (std::size_t k = 0; k < top && k < order.size(); ++k) {
            const auto& c = fields.category(static_cast<techconv::label_id>(order[k]));
            std::printf("%zu. %s: %ld (%s)\n", k + 1, c.name.c_str(), count[order[k]], c.group.c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
