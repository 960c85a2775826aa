// Link-prediction benchmarks: cograph::link_prediction over every unlinked pair
// (cograph::non_edges) of a seeded preferential-attachment graph of n nodes
// (n = 640, about the IPC subclasses of a large corpus, and n = 2000), with
// weights 1..5: all ten scores, including the exact Katz (O(n^3)), on 1 and 2
// threads. The graphs are written to a folder (env TECHCONV_BENCH_DIR, default
// <temp>/techconv_forecast_bench) so that bench/peers/forecast_peer.py times
// NetworkX (and numpy's inverse for Katz) on the same data.
#include <techconv/analysis/forecast.hpp>
#include <techconv/cograph/graph.hpp>
#include <techconv/cograph/link_prediction.hpp>
#include <techconv/testing/synthetic.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

namespace cg = techconv::cograph;
using idx = techconv::index;

// Every new node links to 3 earlier ones picked in proportion to their degree (seed 7).
cg::graph make_graph(idx n) {
    std::mt19937_64 gen(7);
    std::vector<cg::edge> edges;
    std::vector<idx> ends{0, 1, 1, 2, 0, 2};  // a triangle to start
    edges.push_back({0, 1, 1});
    edges.push_back({1, 2, 1});
    edges.push_back({0, 2, 1});
    for (idx v = 3; v < n; ++v)
        for (int k = 0; k < 3; ++k) {
            const auto pick = ends[static_cast<std::size_t>(gen() % ends.size())];
            edges.push_back({v, pick, static_cast<double>(1 + gen() % 5)});
            ends.push_back(v);
            ends.push_back(pick);
        }
    auto g = cg::graph::from_edges(n, edges);  // parallel edges summed
    const char* e = std::getenv("TECHCONV_BENCH_DIR");
    const auto dir = e ? std::filesystem::path(e) : std::filesystem::temp_directory_path() / "techconv_forecast_bench";
    std::filesystem::create_directories(dir);
    std::ofstream f(dir / ("graph_" + std::to_string(n) + ".txt"));
    f << g.num_nodes() << ' ' << g.num_edges() << '\n';
    f.precision(17);
    for (const auto& ed : g.edges()) f << ed.u << ' ' << ed.v << ' ' << ed.weight << '\n';
    return g;
}

const cg::graph& graph_of(idx n) {
    static const cg::graph small = make_graph(640);
    static const cg::graph large = make_graph(2000);
    return n == 640 ? small : large;
}

void link_prediction_all_pairs(benchmark::State& st) {
    const auto& g = graph_of(st.range(0));
    cg::link_prediction_options o;
    o.threads = static_cast<int>(st.range(1));
    std::size_t pairs = 0;
    for (auto _ : st) {
        const auto cand = cg::non_edges(g);
        const auto s = cg::link_prediction(g, cand, o);
        pairs = cand.size();
        benchmark::DoNotOptimize(s.values[0].data());
    }
    st.counters["pairs"] = static_cast<double>(pairs);
    st.counters["pairs_per_s"] = benchmark::Counter(static_cast<double>(pairs), benchmark::Counter::kIsIterationInvariantRate);
}

// Katz alone (eigenvalues + dense Cholesky inverse): the O(n^3) part.
void katz_lambda_and_inverse(benchmark::State& st) {
    const auto& g = graph_of(st.range(0));
    const std::vector<cg::node_pair> one{{0, 1}};
    for (auto _ : st) {
        const auto s = cg::link_prediction(g, one);
        benchmark::DoNotOptimize(s.lambda_max);
    }
}

// analysis::forecast over every candidate pair of the main-group graph of the synthetic corpus
// (techconv/testing/synthetic.hpp, default seed; args: records, threads): train graph of the
// records up to 2019, realised pairs from 2020-2024, ten scores, bounded evaluation (the
// candidates exceed the default max_candidates; Katz is not_computed above 4,000 nodes). The
// corpus is generated once, outside the timing. The train graph is written with its labels to
// TECHCONV_BENCH_DIR/graph_synthetic_<records>.txt for bench/peers/forecast_peer.py.
void forecast_synthetic_main_group(benchmark::State& st) {
    const idx n = st.range(0);
    static std::vector<techconv::io::patent_record> recs;
    if (static_cast<idx>(recs.size()) != n) {
        techconv::testing::synthetic_options so;
        so.records = n;
        const techconv::testing::synthetic_corpus corpus(so);
        recs.clear();
        recs.reserve(static_cast<std::size_t>(n));
        for (idx i = 0; i < n; ++i) {
            const auto p = corpus.record(i);
            techconv::io::patent_record r;
            r.ipc = p.ipc;
            r.application_year = p.year;
            recs.push_back(std::move(r));
        }
    }
    techconv::analysis::forecast_options o;
    o.train_until = 2019;
    o.level = techconv::classification::ipc_level::main_group;
    o.threads = static_cast<int>(st.range(1));
    techconv::analysis::forecast_result r;
    for (auto _ : st) {
        r = techconv::analysis::forecast(recs, o);
        benchmark::DoNotOptimize(r.evaluation.data());
    }
    st.counters["nodes"] = static_cast<double>(r.train.num_nodes());
    st.counters["edges"] = static_cast<double>(r.train.num_edges());
    st.counters["candidates"] = static_cast<double>(r.candidate_count);
    st.counters["evaluated"] = static_cast<double>(r.candidates.size());
    st.counters["bounded"] = r.bounded ? 1 : 0;
    st.counters["pairs_per_s"] =
        benchmark::Counter(static_cast<double>(r.candidate_count), benchmark::Counter::kIsIterationInvariantRate);
    const char* e = std::getenv("TECHCONV_BENCH_DIR");
    const auto dir = e ? std::filesystem::path(e) : std::filesystem::temp_directory_path() / "techconv_forecast_bench";
    std::filesystem::create_directories(dir);
    std::ofstream f(dir / ("graph_synthetic_" + std::to_string(n) + ".txt"));
    f << r.train.num_nodes() << ' ' << r.train.num_edges() << '\n';
    f.precision(17);
    for (const auto& ed : r.train.edges()) f << ed.u << ' ' << ed.v << ' ' << ed.weight << '\n';
}

}  // namespace

BENCHMARK(forecast_synthetic_main_group)->Args({1000000, 1})->Args({1000000, 2})->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(link_prediction_all_pairs)->Args({640, 1})->Args({640, 2})->Args({2000, 1})->Args({2000, 2})->Unit(benchmark::kMillisecond);
BENCHMARK(katz_lambda_and_inverse)->Arg(640)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
