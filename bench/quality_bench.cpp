// Quality-indicator benchmarks: analysis::quality_indicators (the citation graph, then every
// indicator of every record, cohorts by year) for C = 10^6 and 10^7 citation-table rows over
// C / 10 records, the shape bench/make_quality_corpus.py writes for the whole-command benchmark:
// records "US <10000000+i> B2" with the synthetic corpus's IPC codes (techconv/testing/synthetic.hpp,
// default seed) and years 2000-2019 rising with i; rows (seed 19): 85 % a record citing one up to
// 10 years earlier, 10 % a record citing an outside "EP" document (two classes each in the class
// table), 5 % an outside "WO" document citing a record. The inputs are built once, outside the
// timing; the files' reading and the command's output are in the whole-command figures
// (docs/internals/performance.md, "Quality indicators, whole command").
#include <techconv/analysis/quality.hpp>
#include <techconv/classification/ipc.hpp>
#include <techconv/io/citations.hpp>
#include <techconv/testing/synthetic.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

namespace ta = techconv::analysis;
namespace tio = techconv::io;
using idx = techconv::index;

struct quality_inputs {
    std::vector<tio::patent_record> records;
    std::vector<tio::citation_row> citations;
    std::vector<tio::class_row> classes;
};

const quality_inputs& inputs_of(idx citations) {
    static quality_inputs in;
    static idx made = -1;
    if (made == citations) return in;
    made = citations;
    in = {};
    const idx n = citations / 10, n_ext = n / 5;
    techconv::testing::synthetic_options so;
    so.records = n;
    const techconv::testing::synthetic_corpus corpus(so);
    auto us = [](idx i) { return "US " + std::to_string(10000000 + i) + " B2"; };
    auto year = [n](idx i) { return static_cast<techconv::year_type>(2000 + i * 20 / n); };
    in.records.reserve(static_cast<std::size_t>(n));
    for (idx i = 0; i < n; ++i) {
        tio::patent_record r;
        r.id = us(i);
        r.ipc = corpus.record(i).ipc;
        r.application_year = r.publication_year = year(i);
        in.records.push_back(std::move(r));
    }
    std::mt19937_64 gen(19);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    in.citations.reserve(static_cast<std::size_t>(citations));
    for (idx k = 0; k < citations; ++k) {
        const auto citing = static_cast<idx>(gen() % static_cast<std::uint64_t>(n));
        const double kind = u(gen);
        const auto ext = static_cast<idx>(gen() % static_cast<std::uint64_t>(n_ext));
        tio::citation_row row;
        if (kind < 0.95) {
            row.citing = us(citing);
            row.citing_year = year(citing);
            if (kind < 0.85) {
                const auto back = static_cast<idx>(u(gen) * 10.0 * static_cast<double>(n) / 20.0);
                row.cited = us(citing > back ? citing - back : 0);
            } else {
                row.cited = "EP " + std::to_string(1000000 + ext) + " A1";
            }
        } else {
            row.citing = "WO " + std::to_string(ext) + " A1";
            if (ext % 3 != 0) row.citing_year = static_cast<techconv::year_type>(2000 + (ext * 7919) % 25);
            row.cited = us(citing);
        }
        in.citations.push_back(std::move(row));
    }
    for (idx e = 0; e < n_ext; ++e)
        for (int c = 0; c < 2; ++c) {
            tio::class_row row;
            row.id = "EP " + std::to_string(1000000 + e) + " A1";
            row.ipc = techconv::classification::parse_ipc(corpus.record(e * 2 + c).ipc.front());
            in.classes.push_back(std::move(row));
        }
    return in;
}

void quality_indicators_citations(benchmark::State& st) {
    const auto& in = inputs_of(st.range(0));
    ta::quality_options o;
    std::size_t edges = 0;
    for (auto _ : st) {
        const auto r = ta::quality_indicators(in.records, o, in.citations, in.classes);
        edges = static_cast<std::size_t>(r.graph.stats.edges);
        benchmark::DoNotOptimize(r.records.data());
    }
    st.counters["records"] = static_cast<double>(in.records.size());
    st.counters["edges"] = static_cast<double>(edges);
    st.counters["rows_per_s"] =
        benchmark::Counter(static_cast<double>(in.citations.size()), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK(quality_indicators_citations)->Arg(1000000)->Arg(10000000)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK_MAIN();
