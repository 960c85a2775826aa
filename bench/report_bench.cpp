// Writing scores.csv (report::write_scores_csv: id, score, rank, key_core) for
// 10^5 to 10^7 rows, the formatting into one buffer beside the stream writer it
// replaced (io::csv_writer field by field, the baseline), each to /dev/null
// (formatting and the write calls only) and to a file in the temporary
// directory (the page cache too). Issue 17 asks for 10^7 rows in at most 1 s.
// Ids are publication numbers as the synthetic corpus writes them ("US 1234567 A"),
// scores uniform in (0, 1) with their full 17 digits, ranks a permutation.
//
//   build-bench/bench/report_bench --benchmark_filter=scores
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "techconv/format/csv.hpp"
#include "techconv/report/tables.hpp"
#include "techconv/types.hpp"

namespace {

struct scores_input {
    std::vector<std::string> ids;
    techconv::vector scores;
    techconv::index_vector ranks;
    techconv::index k = 0;
};

const scores_input& input(long n) {
    static scores_input in;
    if (static_cast<long>(in.ids.size()) == n) return in;
    std::mt19937_64 gen(17);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    in.ids.assign(static_cast<std::size_t>(n), std::string());
    in.scores.resize(n);
    in.ranks.resize(n);
    std::vector<techconv::index> perm(static_cast<std::size_t>(n));
    std::iota(perm.begin(), perm.end(), techconv::index(1));
    std::shuffle(perm.begin(), perm.end(), gen);
    for (long i = 0; i < n; ++i) {
        in.ids[static_cast<std::size_t>(i)] = "US " + std::to_string(1000000 + i) + " A";
        in.scores[i] = u(gen);
        in.ranks[i] = perm[static_cast<std::size_t>(i)];
    }
    in.k = n / 20;  // the top 5 %
    return in;
}

std::string target(bool file) {
    if (!file) return "/dev/null";
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/techconv_report_bench_scores.csv";
}

void stream_writer(std::ostream& out, const scores_input& in) {
    techconv::io::csv_writer w(out);
    w.row({"id", "score", "rank", "key_core"});
    for (techconv::index i = 0; i < in.scores.size(); ++i)
        w.field(in.ids[static_cast<std::size_t>(i)]).field(in.scores[i])
            .field(static_cast<std::int64_t>(in.ranks[i])).field(in.ranks[i] <= in.k ? 1 : 0).end_row();
}

// range(0): rows; range(1): 1 = a file in the temporary directory, 0 = /dev/null
template <bool Buffer>
void BM_scores_csv(benchmark::State& st) {
    const auto& in = input(st.range(0));
    const std::string path = target(st.range(1) != 0);
    std::size_t bytes = 0;
    for (auto _ : st) {
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        if (Buffer) techconv::report::write_scores_csv(f, in.ids, in.scores, in.ranks, in.k);
        else stream_writer(f, in);
        f.flush();
        const auto at = f.tellp();  // -1 on /dev/null (no position): bytes are counted for files only
        if (at > 0) bytes = static_cast<std::size_t>(at);
    }
    if (st.range(1) != 0) std::remove(path.c_str());
    st.SetItemsProcessed(st.iterations() * st.range(0));
    if (bytes > 0) st.SetBytesProcessed(st.iterations() * static_cast<std::int64_t>(bytes));
}

void sizes(benchmark::internal::Benchmark* b) {
    for (const long n : {100000L, 1000000L, 10000000L})
        for (const long file : {0L, 1L}) b->Args({n, file});
    b->ArgNames({"rows", "file"})->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace

BENCHMARK(BM_scores_csv<true>)->Name("scores_csv/buffer")->Apply(sizes);
BENCHMARK(BM_scores_csv<false>)->Name("scores_csv/stream_writer")->Apply(sizes);

BENCHMARK_MAIN();
