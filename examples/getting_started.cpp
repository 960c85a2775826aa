// Getting started (docs/index.md quotes this file): the three analyses of techconv in a
// few library calls each, and their tables written as the `techconv` command writes them.
//
// usage: getting_started PATENTS.csv WOS.txt OUT_DIR
//
// example-args: @DATA_DIR@/patents-lens-jet-engines/lens-export.csv @DATA_DIR@/wos-medicine-metaknowledge/ManyAuthors.isi @OUT_DIR@
// example-expect: key core: 189 of 3779 records
// example-expect: network: 350 codes, 1353 edges, convergence index 0\.9074
// example-expect: collaboration: 65 of 500 papers international, top pair GB-US 11 \(Salton 0\.3479\)
// example-needs-data: yes
//
// Expected: 3,779 Lens records, k = ceil(0.05 x 3779) = 189 (examples/key_core_analysis.cpp);
// 350 subclasses, 1,353 edges, CI = (3779 - 350) / 3779 = 0.9074 ([KCT] §2.2.3; summary.json of
// `techconv network`, tests/cli/check_network.py); 500 WoS papers of which 65 list two or more
// countries, GB-US on 11 of them, N_GB = 25, N_US = 40, Salton 11 / sqrt(25 x 40) = 0.3479
// (report.md and pairs.csv of `techconv closeness`, tests/cli/check_closeness.py).
#include <techconv/analysis.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/io/wos.hpp>
#include <techconv/report.hpp>

#include <algorithm>   // std::max_element
#include <cstdio>      // std::printf
#include <exception>   // std::exception
#include <filesystem>  // std::filesystem::create_directories
#include <fstream>     // std::ofstream
#include <string>      // std::string

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: getting_started PATENTS.csv WOS.txt OUT_DIR\n");
        return 2;
    }
    namespace ta = techconv::analysis;
    namespace rp = techconv::report;
    const std::string out = argv[3];
    try {
        std::filesystem::create_directories(out);

        // 1. key core ([KCT] §1): read patents (any format, simple families merged), weigh, score, select
        const auto patents = techconv::io::read_patents({argv[1]});
        const auto kc = ta::key_core(patents.records);
        std::printf("key core: %lld of %lld records\n", static_cast<long long>(kc.k),
                    static_cast<long long>(kc.scores.size()));
        const auto kr = rp::make_key_core_report(kc, {});  // the result and its options (defaults here)
        std::ofstream weights(out + "/weights.csv", std::ios::binary);
        rp::write_key_core_weights_csv(weights, kr);  // the [KCT] Table 1 layout

        // 2. co-classification network ([KCT] §2.2): IPC subclasses, measures, clusters, CI
        const auto net = ta::network(patents.records);
        std::printf("network: %lld codes, %lld edges, convergence index %.4f\n",
                    static_cast<long long>(net.summary.nodes), static_cast<long long>(net.summary.edges),
                    net.summary.convergence_index);
        std::ofstream nodes(out + "/nodes.csv", std::ios::binary);
        rp::write_network_nodes_csv(nodes, net);

        // 3. collaboration ([COOP]): countries of the author addresses, Salton closeness of every pair
        const auto papers = techconv::io::read_wos_tagged(argv[2]);
        const auto countries = ta::country_records(papers.records);
        const auto co = ta::collaboration(countries);
        const auto top = std::max_element(co.pairs.begin(), co.pairs.end(),
                                          [](const auto& x, const auto& y) { return x.n_ij < y.n_ij; });
        std::printf("collaboration: %lld of %lld papers international", static_cast<long long>(co.total.multi_actor_records),
                    static_cast<long long>(countries.size()));
        if (top != co.pairs.end())
            std::printf(", top pair %s-%s %g (Salton %.4f)", countries.label(top->i).c_str(),
                        countries.label(top->j).c_str(), top->n_ij, top->salton);
        std::printf("\n");
        std::ofstream pairs(out + "/pairs.csv", std::ios::binary);
        rp::write_pairs_csv(pairs, co.pairs, {ta::measure::salton}, countries);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "getting_started: %s\n", e.what());
        return 1;
    }
    return 0;
}
