// The [KCT] convergence index per country on the bundled synthetic corpus:
// CI = (inventions - distinct IPC subclasses) / inventions, over all codes
// and over main codes only, and the gap between the two subclass counts
// (knowledge converging from other fields). No data files needed.
//
// usage: convergence_by_country [RECORDS] [SEED]
//
// example-args: 20000 11
// example-expect: records: 20000
// example-expect: US +[0-9]+ +[0-9]+ +[0-9]+ +0\.[0-9]+
#include <techconv/classification/ipc.hpp>
#include <techconv/convergence.hpp>
#include <techconv/testing/synthetic.hpp>

#include <algorithm>  // std::sort
#include <cstdio>     // std::printf
#include <cstdlib>    // std::atoll
#include <map>        // records per country
#include <string>     // std::string
#include <vector>     // std::vector

int main(int argc, char** argv) {
    namespace cv = techconv::convergence;
    techconv::testing::synthetic_options o;
    o.records = argc > 1 ? std::atoll(argv[1]) : 20000;
    if (argc > 2) o.seed = std::strtoull(argv[2], nullptr, 10);
    try {
        const techconv::testing::synthetic_corpus corpus(o);
        // each country's records, as lists of IPC codes (main first)
        std::map<std::string, std::vector<std::vector<std::string>>> groups;
        for (techconv::index i = 0; i < corpus.size(); ++i) {
            auto p = corpus.record(i);
            groups[p.country].push_back(std::move(p.ipc));
        }
        namespace tcc = techconv::classification;
        const auto subclass = [](const std::string& c) {  // "G06F 17/30" -> G06F (throws on a bad code)
            return tcc::parse_ipc(c).truncate(tcc::ipc_level::subclass).to_string();
        };
        struct row {
            std::string country;
            cv::convergence_result r;
        };
        std::vector<row> rows;
        for (const auto& g : groups) rows.push_back({g.first, cv::convergence(g.second, subclass)});
        std::stable_sort(rows.begin(), rows.end(), [](const row& a, const row& b) { return a.r.records > b.r.records; });
        std::printf("records: %lld\n%-8s %8s %8s %8s %8s %8s\n", static_cast<long long>(corpus.size()), "country",
                    "records", "all", "main", "CI", "gap");
        for (std::size_t k = 0; k < rows.size() && k < 8; ++k) {
            const auto& r = rows[k].r;
            std::printf("%-8s %8lld %8lld %8lld %8.4f %8lld\n", rows[k].country.c_str(),
                        static_cast<long long>(r.records), static_cast<long long>(r.distinct_all),
                        static_cast<long long>(r.distinct_main), r.index_all, static_cast<long long>(r.gap()));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
