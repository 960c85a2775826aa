// The [KCT] co-classification network of a Lens export: IPC subclasses as
// nodes, an edge when two subclasses appear on the same patent (weight =
// patents), ranked by strength (weighted degree, [KCT] Table 5), clustered by
// Louvain, with the share of cross-section links.
//
// usage: technology_network LENS.csv [TOP]
//
// example-args: @DATA_DIR@/patents-lens-jet-engines/lens-export.csv 5
// example-expect: nodes: 350
// example-expect: 1\. F02B strength 638
// example-needs-data: yes
//
// Expected: 350 subclasses and F02B's strength 638 as rebuilt with NetworkX from
// the CSV by tests/cli/check_network.py.
#include <techconv/analysis/network.hpp>
#include <techconv/cograph.hpp>
#include <techconv/io/lens.hpp>

#include <cstdio>    // std::printf
#include <cstdlib>   // std::atoi
#include <string>    // std::string

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s LENS.csv [TOP]\n", argv[0]);
        return 2;
    }
    namespace cg = techconv::cograph;
    try {
        cg::incidence_builder<std::string> builder;  // all codes of a record ([KCT] all-subclass counting)
        techconv::io::lens_reader reader(argv[1]);
        techconv::io::patent_record r;
        // "F02C7/055" -> "F02C" by classification::ipc_code::truncate; a code that is not
        // an IPC symbol, or has no subclass, is rejected (counted in inc.rejected_codes)
        const auto subclass = [](const std::string& code) {
            return techconv::analysis::network_code(code, techconv::classification::ipc_level::subclass);
        };
        while (reader.next(r)) builder.add_record(r.ipc, subclass);
        const auto inc = builder.finish();
        const auto g = cg::make_graph(inc, cg::cooccurrence(inc));
        const auto s = cg::strength(g);
        const auto clusters = cg::louvain(g);
        const auto sections = cg::section_view(g);
        std::printf("records: %lld\nnodes: %lld\nedges: %lld\nclusters: %lld (modularity %.4f)\n"
                    "sections: %lld, cross-section links %lld of %lld\n",
                    static_cast<long long>(inc.records), static_cast<long long>(g.num_nodes()),
                    static_cast<long long>(g.num_edges()), static_cast<long long>(clusters.count), clusters.quality,
                    static_cast<long long>(sections.covered()), static_cast<long long>(sections.cross_links),
                    static_cast<long long>(g.num_edges()));
        const auto order = cg::ranking(s);
        const int top = argc > 2 ? std::atoi(argv[2]) : 10;
        for (int k = 0; k < top && k < static_cast<int>(order.size()); ++k) {
            const auto v = order[static_cast<std::size_t>(k)];
            std::printf("%d. %s strength %.0f degree %lld cluster %lld\n", k + 1, g.label(v).c_str(), s[v],
                        static_cast<long long>(g.degree(v)),
                        static_cast<long long>(clusters.membership[static_cast<std::size_t>(v)]));
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
