// The record layer: reading patents into std::vector<io::patent_record>
// (io::read_patents) beside reading them into the columnar
// records::patent_table (io::read_patent_table), on the synthetic corpus
// (testing::synthetic_corpus, seed 11, written to a temporary canonical CSV)
// and, when TECHCONV_DATA_DIR names the shared datasets, on the Lens
// jet-engine export and the USPTO grant XML files. Besides time, each run
// reports the heap its result holds (glibc mallinfo2: bytes in use after the
// read minus before, mapped blocks included, so allocator overhead counts) per record.
// Then the stages after the read on both forms, the vector path being the
// reference: simple-family merging (the input copied outside the timing),
// the indicator matrix, select_key_core and the whole analysis::key_core
// grouped by country, at 10^5 and 10^6 records.
//
//   TECHCONV_DATA_DIR=../shared/datasets build-bench/bench/records_bench
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "techconv/analysis/indicators.hpp"
#include "techconv/analysis/keycore.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/records/families.hpp"
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

// ---- stages after the read: vector (reference) and table, same records ----

/// The synthetic corpus of `n` records read once into both forms (unmerged and merged), kept.
struct stage_inputs {
    std::vector<tio::patent_record> vector_raw, vector_merged;
    techconv::records::patent_table table_raw, table_merged;
};
const stage_inputs& inputs_of(long n) {
    static std::map<long, stage_inputs> cache;
    auto it = cache.find(n);
    if (it != cache.end()) return it->second;
    stage_inputs in;
    const std::vector<std::string> paths{synthetic_file(n)};
    in.vector_raw = tio::read_patents(paths, options(false)).records;
    in.vector_merged = tio::read_patents(paths, options(true)).records;
    in.table_raw = tio::read_patent_table(paths, options(false)).table;
    in.table_merged = tio::read_patent_table(paths, options(true)).table;
    return cache.emplace(n, std::move(in)).first->second;
}

techconv::analysis::key_core_options key_core_by_country() {
    techconv::analysis::key_core_options o;
    o.grouping.by_country = true;
    return o;
}

template <class Work>
void stage(benchmark::State& state, std::size_t records, Work&& work) {
    for (auto _ : state) work(state);
    state.counters["records"] = static_cast<double>(records);
    state.counters["records_per_s"] =
        benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_merge_vector(benchmark::State& s) {
    const auto& in = inputs_of(s.range(0));
    stage(s, in.vector_raw.size(), [&](benchmark::State& st) {
        st.PauseTiming();
        auto copy = in.vector_raw;
        st.ResumeTiming();
        auto m = tio::merge_families(std::move(copy));
        benchmark::DoNotOptimize(m);
        st.PauseTiming();
        { auto release = std::move(m); }
        st.ResumeTiming();
    });
}
void BM_merge_table(benchmark::State& s) {
    const auto& in = inputs_of(s.range(0));
    stage(s, in.table_raw.size(), [&](benchmark::State& st) {
        st.PauseTiming();
        auto copy = in.table_raw;
        st.ResumeTiming();
        auto m = techconv::records::merge_families(std::move(copy));
        benchmark::DoNotOptimize(m);
        st.PauseTiming();
        { auto release = std::move(m); }
        st.ResumeTiming();
    });
}
void BM_indicators_vector(benchmark::State& s) {
    const auto& in = inputs_of(s.range(0));
    stage(s, in.vector_merged.size(), [&](benchmark::State&) {
        benchmark::DoNotOptimize(tio::indicator_matrix(in.vector_merged));
    });
}
void BM_indicators_table(benchmark::State& s) {
    const auto& in = inputs_of(s.range(0));
    stage(s, in.table_merged.size(), [&](benchmark::State&) {
        benchmark::DoNotOptimize(tio::indicator_matrix(in.table_merged));
    });
}
void BM_select_key_core_vector(benchmark::State& s) {
    const auto& in = inputs_of(s.range(0));
    stage(s, in.vector_merged.size(), [&](benchmark::State&) {
        benchmark::DoNotOptimize(techconv::analysis::select_key_core(in.vector_merged));
    });
}
void BM_select_key_core_table(benchmark::State& s) {
    const auto& in = inputs_of(s.range(0));
    stage(s, in.table_merged.size(), [&](benchmark::State&) {
        benchmark::DoNotOptimize(techconv::analysis::select_key_core(in.table_merged));
    });
}
void BM_key_core_vector(benchmark::State& s) {
    const auto& in = inputs_of(s.range(0));
    const auto o = key_core_by_country();
    stage(s, in.vector_merged.size(), [&](benchmark::State&) {
        benchmark::DoNotOptimize(techconv::analysis::key_core(in.vector_merged, o));
    });
}
void BM_key_core_table(benchmark::State& s) {
    const auto& in = inputs_of(s.range(0));
    const auto o = key_core_by_country();
    stage(s, in.table_merged.size(), [&](benchmark::State&) {
        benchmark::DoNotOptimize(techconv::analysis::key_core(in.table_merged, o));
    });
}

}  // namespace

#define TECHCONV_STAGE(name) \
    BENCHMARK(name)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime()
TECHCONV_STAGE(BM_merge_vector);
TECHCONV_STAGE(BM_merge_table);
TECHCONV_STAGE(BM_indicators_vector);
TECHCONV_STAGE(BM_indicators_table);
TECHCONV_STAGE(BM_select_key_core_vector);
TECHCONV_STAGE(BM_select_key_core_table);
TECHCONV_STAGE(BM_key_core_vector);
TECHCONV_STAGE(BM_key_core_table);

BENCHMARK(BM_synthetic_vector)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_synthetic_table)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_synthetic_vector_merged)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_synthetic_table_merged)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_lens_vector)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_lens_table)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_uspto_vector)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_uspto_table)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
