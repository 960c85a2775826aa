// Salton closeness of every pair: techconv's sparse closeness_matrix (one
// pass over the non-zeros) beside the bibliometrix-style baseline (a dense
// outer product of the counts, then an element-wise division, then
// re-sparsification), collaboration counting from records, and building the
// records from labels (interning and the duplicate-id check).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "bench_common.hpp"
#include "techconv/closeness.hpp"

namespace {

namespace tc = techconv::closeness;

// Records with 1-4 actors drawn from `actors` (skewed towards low ids), fixed seed.
tc::actor_records make_records(std::int64_t records, std::int64_t actors) {
    std::mt19937_64 gen(42);
    std::geometric_distribution<int> pick(4.0 / static_cast<double>(actors));
    std::uniform_int_distribution<int> size(1, 4);
    tc::actor_records r;
    for (std::int64_t a = 0; a < actors; ++a) r.intern(std::to_string(a));
    std::vector<techconv::label_id> ids;
    for (std::int64_t i = 0; i < records; ++i) {
        ids.clear();
        const int k = size(gen);
        for (int j = 0; j < k; ++j)
            ids.push_back(static_cast<techconv::label_id>(std::min<std::int64_t>(pick(gen), actors - 1)));
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        r.add_ids("", 2000 + static_cast<int>(i % 20), ids);
    }
    return r;
}

// Building actor_records from text: every record has an identifier (1 in 50 repeats an
// earlier one, as duplicate exports do) and 1-4 actor labels drawn as in make_records.
void BM_actor_records_add(benchmark::State& state) {
    const std::int64_t records = state.range(0), actors = state.range(1);
    std::mt19937_64 gen(42);
    std::geometric_distribution<int> pick(4.0 / static_cast<double>(actors));
    std::uniform_int_distribution<int> size(1, 4);
    std::vector<std::string> ids;
    std::vector<std::vector<std::string>> labels;
    for (std::int64_t i = 0; i < records; ++i) {
        ids.push_back("WOS:" + std::to_string(i % 50 == 49 ? i / 2 : i));
        labels.emplace_back();
        const int k = size(gen);
        for (int j = 0; j < k; ++j)
            labels.back().push_back("actor " + std::to_string(std::min<std::int64_t>(pick(gen), actors - 1)));
    }
    for (auto _ : state) {
        tc::actor_records r;
        for (std::size_t i = 0; i < ids.size(); ++i) r.add(ids[i], 2000 + static_cast<int>(i % 20), labels[i]);
        benchmark::DoNotOptimize(r.matrix().code_ids.data());
        benchmark::DoNotOptimize(r.duplicates().size());
    }
    state.SetItemsProcessed(state.iterations() * records);
}

void BM_count_collaboration(benchmark::State& state) {
    const auto rec = make_records(state.range(0), state.range(1));
    for (auto _ : state) {
        auto c = tc::count_collaboration(rec);
        benchmark::DoNotOptimize(c.pairs.nonZeros());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_salton_sparse(benchmark::State& state) {
    const auto c = tc::count_collaboration(make_records(state.range(0), state.range(1)));
    for (auto _ : state) {
        auto s = tc::closeness_matrix(c.pairs, c.n, 0.0, tc::salton);
        benchmark::DoNotOptimize(s.values.valuePtr());
    }
    state.counters["nnz"] = static_cast<double>(c.pairs.nonZeros());
    state.SetItemsProcessed(state.iterations() * c.pairs.nonZeros());
}

// Baseline: what bibliometrix's normalizeSimilarity does (dense outer product of the counts).
void BM_salton_dense_outer_baseline(benchmark::State& state) {
    const auto c = tc::count_collaboration(make_records(state.range(0), state.range(1)));
    for (auto _ : state) {
        const Eigen::MatrixXd dense = Eigen::MatrixXd(c.pairs);
        const Eigen::MatrixXd outer = c.n * c.n.transpose();
        Eigen::MatrixXd s = dense.array() / outer.array().sqrt();
        s = s.unaryExpr([](double v) { return std::isfinite(v) ? v : 0.0; });
        Eigen::SparseMatrix<double> back = s.sparseView();
        benchmark::DoNotOptimize(back.valuePtr());
    }
    state.SetItemsProcessed(state.iterations() * c.pairs.nonZeros());
}

}  // namespace

// records, actors: countries (200) and institutions (5000)
BENCHMARK(BM_actor_records_add)->Args({100000, 200})->Args({100000, 5000})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_count_collaboration)->Args({100000, 200})->Args({100000, 5000})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_salton_sparse)->Args({100000, 200})->Args({100000, 5000})->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_salton_dense_outer_baseline)->Args({100000, 200})->Args({100000, 5000})->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
