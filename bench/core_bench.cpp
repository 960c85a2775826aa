// Core benchmarks: the memory-bandwidth floor, and the CSV reader against
// copying the same bytes out of memory (the reader's own floor).
#include <techconv/format/csv.hpp>

#include <random>
#include <sstream>
#include <string>

#include "bench_common.hpp"

namespace {

void bm_bandwidth_floor(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto buf = techconv_bench::prefaulted(n);
    for (auto _ : state) {
        benchmark::DoNotOptimize(techconv_bench::read_floor(buf.data(), n));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(n * sizeof(double)));
}
BENCHMARK(bm_bandwidth_floor)->Arg(1 << 17)->Arg(1 << 24)->Arg(90'000'000)->Unit(benchmark::kMillisecond);

std::string make_csv(std::size_t rows) {
    std::mt19937_64 rng(42);
    std::string s = "id,year,country,codes,cites,npl,family\n";
    for (std::size_t i = 0; i < rows; ++i) {
        s += std::to_string(i) + "," + std::to_string(1990 + rng() % 32) + ",US,\"G06F17/00;;H04N5/232\"," +
             std::to_string(rng() % 50) + "," + std::to_string(rng() % 9) + "," +
             std::to_string(1 + rng() % 20) + "\n";
    }
    return s;
}

void bm_csv_reader(benchmark::State& state) {
    const std::string text = make_csv(static_cast<std::size_t>(state.range(0)));
    std::size_t fields = 0;
    for (auto _ : state) {
        std::istringstream in(text);
        techconv::io::csv_reader r(in);
        while (r.next()) fields += r.size();
        benchmark::DoNotOptimize(fields);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(text.size()));
}
BENCHMARK(bm_csv_reader)->Arg(200'000)->Unit(benchmark::kMillisecond);

void bm_csv_baseline_stream_copy(benchmark::State& state) {
    const std::string text = make_csv(static_cast<std::size_t>(state.range(0)));
    std::string sink(1 << 20, '\0');
    for (auto _ : state) {
        std::istringstream in(text);
        while (in.read(sink.data(), static_cast<std::streamsize>(sink.size())) || in.gcount() > 0) {
            benchmark::DoNotOptimize(sink.data());
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(text.size()));
}
BENCHMARK(bm_csv_baseline_stream_copy)->Arg(200'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
