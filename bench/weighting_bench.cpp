// The [KCT] pipeline (statistics -> entropy weights -> scores -> top 5%) on
// n x 9 indicator matrices, integer-valued (heavy-tailed counts with zeros)
// and real-valued, column- and row-major, next to:
//  - naive_eigen: a straightforward Eigen implementation (colwise
//    expressions, normalised and p matrices materialised);
//  - floor: the memory-bandwidth floor, two reads of the matrix (bench_common).
// techconv runs with 1 and 2 threads. Data come from a seeded RNG; every
// matrix is generated (and so pre-faulted) before timing.
#include "bench_common.hpp"

#include <techconv/weighting/pipeline.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <tuple>
#include <vector>

namespace w = techconv::weighting;
using idx = techconv::index;

namespace {

constexpr idx cols = 9;

// kind 0: counts (geometric with many zeros, a few large values);
// kind 1: real (lognormal with 30% exact zeros).
template <class M>
const M& data(idx n, int kind) {
    static std::map<std::pair<idx, int>, std::unique_ptr<M>> cache;
    auto& slot = cache[{n, kind}];
    if (!slot) {
        slot = std::make_unique<M>(n, cols);
        std::mt19937_64 gen(static_cast<unsigned long long>(n * 2 + kind));
        std::geometric_distribution<int> g(0.35);
        std::lognormal_distribution<double> ln(0.0, 1.2);
        std::bernoulli_distribution zero(0.3);
        M& x = *slot;
        for (idx i = 0; i < n; ++i)
            for (idx j = 0; j < cols; ++j)
                x(i, j) = kind == 0 ? static_cast<double>(g(gen) * (1 + (j % 3) * g(gen)))
                                    : (zero(gen) ? 0.0 : ln(gen) * static_cast<double>(j + 1));
    }
    return *slot;
}

template <class M>
void bm_techconv(benchmark::State& st) {
    const idx n = st.range(0);
    const M& x = data<M>(n, static_cast<int>(st.range(1)));
    w::key_core_options o;
    o.entropy.threads = static_cast<int>(st.range(2));
    w::key_core_result r;
    r.scores.resize(n);  // reused buffer: no allocation in the loop
    for (auto _ : st) {
        w::key_core_into(x, r, o);
        benchmark::DoNotOptimize(r.top.threshold);
    }
    st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) * n * cols * 8);
    st.counters["reads"] = static_cast<double>(r.weighting.data_reads + 1);
}

template <class M>
void bm_naive_eigen(benchmark::State& st) {
    const idx n = st.range(0);
    const M& x = data<M>(n, static_cast<int>(st.range(1)));
    for (auto _ : st) {
        const Eigen::RowVectorXd mn = x.colwise().minCoeff(), mx = x.colwise().maxCoeff();
        const Eigen::MatrixXd y = (x.rowwise() - mn).array().rowwise() / (mx - mn).array();
        const Eigen::RowVectorXd s = y.colwise().sum();
        const Eigen::MatrixXd p = y.array().rowwise() / s.array();
        const Eigen::RowVectorXd e =
            -(p.array() > 0).select(p.array() * p.array().log(), 0.0).colwise().sum() / std::log(static_cast<double>(n));
        const Eigen::RowVectorXd d = 1.0 - e.array();
        const Eigen::VectorXd wt = (d / d.sum()).transpose();
        const Eigen::VectorXd sc = y * wt;
        const idx k = w::top_count(n, 0.05);
        std::vector<idx> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), idx{0});
        std::nth_element(order.begin(), order.begin() + (k - 1), order.end(),
                         [&](idx a, idx b) { return sc(a) > sc(b) || (sc(a) == sc(b) && a < b); });
        benchmark::DoNotOptimize(order[static_cast<std::size_t>(k - 1)]);
    }
    st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) * n * cols * 8);
}

void bm_floor_two_reads(benchmark::State& st) {
    const idx n = st.range(0);
    const auto& x = data<Eigen::MatrixXd>(n, static_cast<int>(st.range(1)));
    for (auto _ : st) {
        benchmark::DoNotOptimize(techconv_bench::read_floor(x.data(), static_cast<std::size_t>(x.size())));
        benchmark::DoNotOptimize(techconv_bench::read_floor(x.data(), static_cast<std::size_t>(x.size())));
    }
    st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) * n * cols * 8);
}

using col_major = Eigen::MatrixXd;
using row_major = techconv::row_matrix;

void sizes(benchmark::internal::Benchmark* b, bool threads) {
    for (const int64_t n : {100000, 1000000, 10000000})
        for (const int64_t kind : {0, 1}) {
            if (threads) {
                b->Args({n, kind, 1});
                b->Args({n, kind, 2});
            } else {
                b->Args({n, kind});
            }
        }
    b->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace

BENCHMARK(bm_floor_two_reads)->Apply([](benchmark::internal::Benchmark* b) { sizes(b, false); });
BENCHMARK_TEMPLATE(bm_techconv, col_major)->Apply([](benchmark::internal::Benchmark* b) { sizes(b, true); });
BENCHMARK_TEMPLATE(bm_techconv, row_major)->Apply([](benchmark::internal::Benchmark* b) { sizes(b, true); });
BENCHMARK_TEMPLATE(bm_naive_eigen, col_major)->Apply([](benchmark::internal::Benchmark* b) { sizes(b, false); });
BENCHMARK_TEMPLATE(bm_naive_eigen, row_major)->Apply([](benchmark::internal::Benchmark* b) { sizes(b, false); });

BENCHMARK_MAIN();
