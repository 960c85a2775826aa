// The record layer: reading patents into std::vector<io::patent_record>
// (io::read_patents) beside reading them into the columnar
// records::patent_table (io::read_patent_table), on the synthetic corpus
// (testing::synthetic_corpus, seed 11, written to a temporary canonical CSV)
// and, when TECHCONV_DATA_DIR names the shared datasets, on the Lens
// jet-engine export and the USPTO grant XML files. Besides time, each run
// reports the heap its result holds (glibc mallinfo2: bytes in use after the
// read minus before, mapped blocks included, so allocator overhead counts) per record.
//
//   TECHCONV_DATA_DIR=../shared/datasets build-bench/bench/records_bench
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "techconv/io/patent_inputs.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/testing/synthetic.hpp"

namespace {

namespace tio = techconv::io;

std::size_t heap_in_use() {
    const auto m = mallinfo2();
    return m.uordblks + m.hblkhd;  // small blocks in use + blocks mapped on their own (large vectors)
}

/// The synthetic corpus of `n` records as a canonical CSV file (written once per size).
std::string synthetic_file(long n) {
    const std::string path = "/tmp/techconv_records_bench_" + std::to_string(n) + ".csv";
    std::ifstream probe(path);
    if (!probe) {
        techconv::testing::synthetic_options so;
        so.records = n;
        so.seed = 11;
        std::ofstream out(path);
        techconv::testing::synthetic_corpus(so).write_csv(out);
    }
    return path;
}

std::vector<std::string> dataset(const std::string& which) {
    const char* dir = std::getenv("TECHCONV_DATA_DIR");
    if (!dir) return {};
    const std::string d(dir);
    if (which == "lens") return {d + "/patents-lens-jet-engines/lens-export.csv"};
    std::vector<std::string> out;
    for (const char* f : {"ipg050104", "ipg060103", "ipg070102", "ipg080101", "ipg090106", "ipg100105", "ipg110104",
                          "ipg120103", "ipg130416"})
        out.push_back(d + "/patents-uspto-grant-xml/" + f + ".small.xml");
    return out;
}

tio::read_patents_options options(bool merge) {
    tio::read_patents_options o;
    o.merge_families = merge;
    return o;
}

template <class Read>
void run(benchmark::State& state, const std::vector<std::string>& paths, Read&& read) {
    if (paths.empty()) {
        state.SkipWithError("TECHCONV_DATA_DIR is not set");
        return;
    }
    std::size_t records = 0, held = 0;
    for (auto _ : state) {
        const std::size_t before = heap_in_use();
        auto result = read(paths);
        held = heap_in_use() - before;
        records = result.first;
        benchmark::DoNotOptimize(result);
    }
    state.counters["records"] = static_cast<double>(records);
    state.counters["heap_B_per_record"] = static_cast<double>(held) / static_cast<double>(records);
    state.counters["records_per_s"] =
        benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsIterationInvariantRate);
}

auto read_vector(bool merge) {
    return [merge](const std::vector<std::string>& paths) {
        auto in = tio::read_patents(paths, options(merge));
        return std::make_pair(in.records.size(), std::move(in));
    };
}
auto read_table(bool merge) {
    return [merge](const std::vector<std::string>& paths) {
        auto in = tio::read_patent_table(paths, options(merge));
        return std::make_pair(in.table.size(), std::move(in));
    };
}

void BM_synthetic_vector(benchmark::State& s) { run(s, {synthetic_file(s.range(0))}, read_vector(false)); }
void BM_synthetic_table(benchmark::State& s) { run(s, {synthetic_file(s.range(0))}, read_table(false)); }
void BM_synthetic_vector_merged(benchmark::State& s) { run(s, {synthetic_file(s.range(0))}, read_vector(true)); }
void BM_synthetic_table_merged(benchmark::State& s) { run(s, {synthetic_file(s.range(0))}, read_table(true)); }
void BM_lens_vector(benchmark::State& s) { run(s, dataset("lens"), read_vector(false)); }
void BM_lens_table(benchmark::State& s) { run(s, dataset("lens"), read_table(false)); }
void BM_uspto_vector(benchmark::State& s) { run(s, dataset("uspto"), read_vector(false)); }
void BM_uspto_table(benchmark::State& s) { run(s, dataset("uspto"), read_table(false)); }

}  // namespace

BENCHMARK(BM_synthetic_vector)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_synthetic_table)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_synthetic_vector_merged)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_synthetic_table_merged)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_lens_vector)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_lens_table)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_uspto_vector)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_uspto_table)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
