// Country collaboration closeness from a Web of Science export, the [COOP]
// method: N_ij papers shared by countries i and j, N_i the international
// papers of i, Salton closeness N_ij / sqrt(N_i N_j) and the asymmetric
// importance shares N_ij/N_i and N_ij/N_j; then one pair's yearly series and
// the year it peaked.
//
// usage: country_collaboration WOS.txt [I J]
//
// example-args: @DATA_DIR@/wos-medicine-metaknowledge/ManyAuthors.isi GB US
// example-expect: records: 500
// example-expect: GB-US: N_ij=11 N_i=25 N_j=40
// example-needs-data: yes
//
// Expected counts: 500 records (PROVENANCE.md); GB-US 11, 25, 40 as computed by the
// independent Python extraction tests/closeness/country_reference.py.
#include <techconv/analysis/collaboration.hpp>
#include <techconv/closeness.hpp>
#include <techconv/io/wos.hpp>

#include <cstdio>  // std::printf
#include <string>  // std::string

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s WOS.txt [I J]\n", argv[0]);
        return 2;
    }
    namespace cl = techconv::closeness;
    const std::string ci = argc > 3 ? argv[2] : "US", cj = argc > 3 ? argv[3] : "CN";
    try {
        const auto data = techconv::io::read_wos_tagged(argv[1]);
        const auto records = techconv::analysis::country_records(data.records);
        const auto counts = cl::count_collaboration(records);  // [COOP]: whole counting, international N_i
        std::printf("records: %lld\ninternational: %lld\nwithout country: %zu\n",
                    static_cast<long long>(records.size()), static_cast<long long>(counts.multi_actor_records),
                    data.report.without_country);
        const auto i = records.find(ci), j = records.find(cj);
        if (i == techconv::no_label || j == techconv::no_label) {
            std::printf("%s or %s does not occur\n", ci.c_str(), cj.c_str());
            return 0;
        }
        const auto s = cl::pair_statistics(counts, i, j);
        std::printf("%s-%s: N_ij=%g N_i=%g N_j=%g salton=%.4f share_i=%.4f share_j=%.4f\n", ci.c_str(), cj.c_str(),
                    s.n_ij, s.n_i, s.n_j, s.closeness, s.share_i, s.share_j);
        const auto panel = cl::count_by_year(records);
        const auto series = cl::closeness_series(panel, i, j);
        const auto top = cl::peak(series.years, series.closeness());
        std::printf("peak: %d (%.4f)\n", static_cast<int>(top.year), top.value);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
