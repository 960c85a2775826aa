// Convergence benchmarks: convergence() (one pass with hash sets) against a
// std::set baseline and the read floor of the same codes, and Shannon entropy
// against a scalar baseline. Peer: bench/peers/convergence_peer.py (Python sets
// and scipy.stats.entropy on the same sizes).
#include <techconv/convergence.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "bench_common.hpp"

namespace {

namespace cv = techconv::convergence;
using records_t = std::vector<std::vector<techconv::label_id>>;

// n records with 1-4 codes each drawn from 650 subclass ids (the size of the IPC subclass level).
records_t make_records(std::size_t n) {
    std::mt19937_64 rng(42);
    records_t r(n);
    for (auto& rec : r) {
        const std::size_t m = 1 + rng() % 4;
        for (std::size_t j = 0; j < m; ++j) rec.push_back(static_cast<techconv::label_id>(rng() % 650));
    }
    return r;
}

std::int64_t total_codes(const records_t& r) {
    std::int64_t t = 0;
    for (const auto& rec : r) t += static_cast<std::int64_t>(rec.size());
    return t;
}

void bm_convergence(benchmark::State& state) {
    const auto recs = make_records(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(cv::convergence(recs).index_all);
    state.SetItemsProcessed(state.iterations() * total_codes(recs));
}
BENCHMARK(bm_convergence)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Baseline: ordered sets and a per-record set for the multi-category test.
void bm_convergence_std_set(benchmark::State& state) {
    const auto recs = make_records(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::set<techconv::label_id> all, main;
        std::int64_t multi = 0;
        for (const auto& rec : recs) {
            if (rec.empty()) continue;
            main.insert(rec.front());
            all.insert(rec.begin(), rec.end());
            if (std::set<techconv::label_id>(rec.begin(), rec.end()).size() > 1) ++multi;
        }
        benchmark::DoNotOptimize(all.size() + main.size() + static_cast<std::size_t>(multi));
    }
    state.SetItemsProcessed(state.iterations() * total_codes(recs));
}
BENCHMARK(bm_convergence_std_set)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Floor: touching every code once (the records are vectors, so this includes the pointer chase).
void bm_convergence_read_floor(benchmark::State& state) {
    const auto recs = make_records(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::uint64_t s = 0;
        for (const auto& rec : recs)
            for (const auto c : rec) s += c;
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(state.iterations() * total_codes(recs));
}
BENCHMARK(bm_convergence_read_floor)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

std::vector<double> make_counts(std::size_t k) {
    std::mt19937_64 rng(7);
    std::vector<double> c(k);
    for (auto& x : c) x = static_cast<double>(rng() % 1000);
    return c;
}

void bm_shannon(benchmark::State& state) {
    const auto c = make_counts(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(cv::shannon(c));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_shannon)->Arg(1'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

// Baseline: the textbook two-pass loop (sum, then -sum p ln p) without validation.
void bm_shannon_plain_loop(benchmark::State& state) {
    const auto c = make_counts(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        double t = 0.0, h = 0.0;
        for (double x : c) t += x;
        for (double x : c)
            if (x > 0.0) h -= (x / t) * std::log(x / t);
        benchmark::DoNotOptimize(h);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_shannon_plain_loop)->Arg(1'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
