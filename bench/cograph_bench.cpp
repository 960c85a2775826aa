// Co-classification graph benchmarks.
//
// Inputs come from the seeded synthetic corpus (techconv/testing/synthetic.hpp):
// IPC subclass level (~640 codes, Zipf) and main-group level (subclass x main
// group), 1..8 codes per record. The incidences and graphs used here are also
// written to a folder (env TECHCONV_BENCH_DIR, default <temp>/techconv_cograph_bench)
// so that bench/peers/cograph_peer.py times SciPy and python-igraph on the
// same data.
//
// Kernels beside baselines in the same binary:
//  - co-occurrence (dense triangle up to 1024 codes, else pair buckets) vs Eigen's sparse A^T * A;
//  - betweenness vs Boost.Graph's brandes_betweenness_centrality; heap vs dense-array Dijkstra;
//  - closeness, eigenvector, PageRank, clustering, Louvain, Leiden (1 and 2 threads).
#include <techconv/cograph.hpp>
#include <techconv/cograph/boost_graph.hpp>
#include <techconv/detail/parallel.hpp>
#include <techconv/testing/synthetic.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

namespace cg = techconv::cograph;
using idx = techconv::index;

std::string out_dir() {
    const char* e = std::getenv("TECHCONV_BENCH_DIR");
    std::filesystem::path p = e ? std::filesystem::path(e)
                                : std::filesystem::temp_directory_path() / "techconv_cograph_bench";
    std::filesystem::create_directories(p);
    return p.string();
}

// level 0: subclass; level 1: main group (key = subclass * 64 + main-group rank).
cg::incidence<std::int32_t> make_incidence(idx records, int level) {
    techconv::testing::synthetic_options so;
    so.records = records;
    const techconv::testing::synthetic_corpus corpus(so);
    const idx chunk = 65536;
    const idx nchunks = techconv::detail::chunk_count(records, chunk);
    std::vector<std::vector<std::int32_t>> keys(static_cast<std::size_t>(nchunks));
    std::vector<std::vector<std::int32_t>> sizes(static_cast<std::size_t>(nchunks));
    techconv::detail::for_each_chunk(records, chunk, 0, [&](idx c, idx b, idx e) {
        auto& k = keys[static_cast<std::size_t>(c)];
        auto& s = sizes[static_cast<std::size_t>(c)];
        for (idx i = b; i < e; ++i) {
            const auto p = corpus.record(i);
            for (std::size_t j = 0; j < p.ipc.size(); ++j) {
                std::int32_t key = p.subclass_ids[j];
                if (level == 1) {
                    // "G06F 17/30": the number between the space and '/' (odd, 1..99)
                    const auto& code = p.ipc[j];
                    const auto sp = code.find(' '), sl = code.find('/');
                    key = key * 64 + (std::stoi(code.substr(sp + 1, sl - sp - 1)) - 1) / 2;
                }
                k.push_back(key);
            }
            s.push_back(static_cast<std::int32_t>(p.ipc.size()));
        }
    });
    cg::incidence_builder<std::int32_t> b;
    std::vector<std::int32_t> rec;
    for (std::size_t c = 0; c < keys.size(); ++c) {
        std::size_t pos = 0;
        for (const std::int32_t s : sizes[c]) {
            rec.assign(keys[c].begin() + static_cast<std::ptrdiff_t>(pos),
                       keys[c].begin() + static_cast<std::ptrdiff_t>(pos) + s);
            pos += static_cast<std::size_t>(s);
            b.add_record(rec);
        }
    }
    return b.finish();
}

const cg::incidence<std::int32_t>& incidence_for(idx records, int level) {
    static std::map<std::pair<idx, int>, cg::incidence<std::int32_t>> cache;
    static std::mutex m;
    std::lock_guard<std::mutex> lock(m);
    auto it = cache.find({records, level});
    if (it != cache.end()) return it->second;
    auto& inc = cache[{records, level}] = make_incidence(records, level);
    // binary file for the SciPy peer: int64 records, codes, nnz; int64 offsets; int32 ids
    std::ofstream f(out_dir() + "/inc_" + std::to_string(level) + "_" + std::to_string(records) + ".bin",
                    std::ios::binary);
    const std::int64_t head[3] = {inc.records, inc.codes, inc.nnz()};
    f.write(reinterpret_cast<const char*>(head), sizeof head);
    f.write(reinterpret_cast<const char*>(inc.record_offsets.data()),
            static_cast<std::streamsize>(inc.record_offsets.size() * sizeof(idx)));
    f.write(reinterpret_cast<const char*>(inc.code_ids.data()),
            static_cast<std::streamsize>(inc.code_ids.size() * sizeof(std::int32_t)));
    return inc;
}

// Graph "0": subclass graph of 10^6 records; "1": main-group graph of 10^5 records
// restricted to its 6,000 most frequent codes (the size of PEERS.md's main-group
// graph: the synthetic corpus has ~22k main groups at 10^5 records).
const cg::graph& graph_for(int which) {
    static std::map<int, cg::graph> cache;
    auto it = cache.find(which);
    if (it != cache.end()) return it->second;
    const auto& inc = which == 0 ? incidence_for(1000000, 0) : incidence_for(100000, 1);
    cg::cooccurrence_options o;
    o.threads = 0;
    cg::graph_options go;
    if (which == 1) go.top_nodes = 6000;
    auto& g = cache[which] = cg::make_graph(inc, cg::cooccurrence(inc, o), go);
    std::ofstream f(out_dir() + "/graph_" + std::to_string(which) + ".txt");
    f << g.num_nodes() << ' ' << g.num_edges() << '\n';
    for (const auto& e : g.edges()) f << e.u << ' ' << e.v << ' ' << techconv::io::format_double(e.weight) << '\n';
    return g;
}

void counters(benchmark::State& st, const cg::graph& g) {
    st.counters["nodes"] = static_cast<double>(g.num_nodes());
    st.counters["edges"] = static_cast<double>(g.num_edges());
}

// --- co-occurrence ---------------------------------------------------------------
// args: records, level, threads
void bm_cooccurrence(benchmark::State& st) {
    const auto& inc = incidence_for(st.range(0), static_cast<int>(st.range(1)));
    cg::cooccurrence_options o;
    o.threads = static_cast<int>(st.range(2));
    idx nnz = 0;
    for (auto _ : st) {
        auto c = cg::cooccurrence(inc, o);
        nnz = c.nonZeros();
        benchmark::DoNotOptimize(c.valuePtr());
    }
    st.counters["codes"] = static_cast<double>(inc.codes);
    st.counters["nnz_C"] = static_cast<double>(nnz);
}
BENCHMARK(bm_cooccurrence)
    ->ArgsProduct({{100000, 1000000, 10000000}, {0, 1}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Baseline: Eigen's sparse product A^T * A (A built outside the timing).
void bm_cooccurrence_eigen_baseline(benchmark::State& st) {
    const auto& inc = incidence_for(st.range(0), static_cast<int>(st.range(1)));
    const Eigen::SparseMatrix<double> a = inc.to_sparse();
    const Eigen::SparseMatrix<double> at = a.transpose();
    for (auto _ : st) {
        Eigen::SparseMatrix<double> c = at * a;
        benchmark::DoNotOptimize(c.valuePtr());
    }
}
BENCHMARK(bm_cooccurrence_eigen_baseline)
    ->ArgsProduct({{100000, 1000000}, {0, 1}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// --- path measures -----------------------------------------------------------------
// args: graph, weight meaning (0 ignore, 2 similarity), threads, search method
// (0 automatic, 1 heap, 2 dense array)
void bm_betweenness(benchmark::State& st) {
    const auto& g = graph_for(static_cast<int>(st.range(0)));
    cg::betweenness_options o;
    o.weights = static_cast<cg::weight_meaning>(st.range(1));
    o.threads = static_cast<int>(st.range(2));
    o.method = static_cast<cg::shortest_path_method>(st.range(3));
    for (auto _ : st) benchmark::DoNotOptimize(cg::betweenness(g, o).values.data());
    counters(st, g);
}
BENCHMARK(bm_betweenness)
    ->ArgsProduct({{0}, {0, 2}, {1, 2}, {0}})
    ->Args({0, 2, 1, 1})
    ->Args({0, 2, 1, 2})
    ->Args({1, 2, 1, 0})
    ->Args({1, 2, 2, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

void bm_betweenness_boost_baseline(benchmark::State& st) {
    const auto& g = graph_for(static_cast<int>(st.range(0)));
    for (auto _ : st)
        benchmark::DoNotOptimize(cg::boost_betweenness(g, static_cast<cg::weight_meaning>(st.range(1))).data());
    counters(st, g);
}
BENCHMARK(bm_betweenness_boost_baseline)->Args({0, 2})->Args({0, 0})->Args({1, 2})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// args: graph, threads, search method (0 automatic, 1 heap, 2 dense array)
void bm_closeness(benchmark::State& st) {
    const auto& g = graph_for(static_cast<int>(st.range(0)));
    cg::closeness_options o;
    o.threads = static_cast<int>(st.range(1));
    o.method = static_cast<cg::shortest_path_method>(st.range(2));
    for (auto _ : st) benchmark::DoNotOptimize(cg::closeness(g, o).values.data());
    counters(st, g);
}
BENCHMARK(bm_closeness)
    ->ArgsProduct({{0, 1}, {1, 2}, {0}})
    ->Args({0, 1, 1})
    ->Args({0, 1, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

// --- spectral, clustering, communities --------------------------------------------------
void bm_pagerank(benchmark::State& st) {
    const auto& g = graph_for(static_cast<int>(st.range(0)));
    cg::spectral_options o;
    o.tolerance = 1e-10;  // PRPACK's default in igraph
    o.threads = static_cast<int>(st.range(1));
    for (auto _ : st) benchmark::DoNotOptimize(cg::pagerank(g, o).values.data());
    counters(st, g);
}
BENCHMARK(bm_pagerank)->ArgsProduct({{0, 1}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

void bm_eigenvector(benchmark::State& st) {
    const auto& g = graph_for(static_cast<int>(st.range(0)));
    cg::spectral_options o;
    o.tolerance = 1e-10;
    o.threads = static_cast<int>(st.range(1));
    for (auto _ : st) benchmark::DoNotOptimize(cg::eigenvector_centrality(g, o).values.data());
    counters(st, g);
}
BENCHMARK(bm_eigenvector)->ArgsProduct({{0, 1}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

void bm_clustering(benchmark::State& st) {
    const auto& g = graph_for(static_cast<int>(st.range(0)));
    cg::clustering_options o;
    o.threads = static_cast<int>(st.range(1));
    for (auto _ : st) benchmark::DoNotOptimize(cg::clustering(g, o).average);
    counters(st, g);
}
BENCHMARK(bm_clustering)->ArgsProduct({{0, 1}, {1, 2}})->Unit(benchmark::kMillisecond)->UseRealTime();

void bm_louvain(benchmark::State& st) {
    const auto& g = graph_for(static_cast<int>(st.range(0)));
    double q = 0;
    for (auto _ : st) q = cg::louvain(g).quality;
    st.counters["Q"] = q;
    counters(st, g);
}
BENCHMARK(bm_louvain)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// args: graph, iterations (2 = igraph's default, -1 = until stable)
void bm_leiden(benchmark::State& st) {
    const auto& g = graph_for(static_cast<int>(st.range(0)));
    cg::community_options o;
    o.iterations = st.range(1);
    double q = 0;
    for (auto _ : st) q = cg::leiden(g, o).quality;
    st.counters["Q"] = q;
    counters(st, g);
}
BENCHMARK(bm_leiden)->ArgsProduct({{0, 1}, {2, -1}})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
