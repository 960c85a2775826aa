// The paper side of the record layer: reading bibliographic exports into
// std::vector<io::bibliographic_record> (io::read_wos_tagged, read_wos_tab,
// read_scopus) beside reading them into the columnar records::paper_table
// (io::read_paper_table), with and without titles and keywords, on a synthetic
// WoS tagged export (written to a temporary file) and, when TECHCONV_DATA_DIR
// names the shared datasets, on the WoS and Scopus exports there. Besides
// time, each run reports the heap its result holds per record (glibc
// mallinfo2 after the read minus before; mapped blocks and allocator
// overhead count).
//
//   TECHCONV_DATA_DIR=../shared/datasets build-bench/bench/papers_bench
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "techconv/io/papers.hpp"
#include "techconv/io/scopus.hpp"
#include "techconv/io/wos.hpp"

namespace {

namespace tio = techconv::io;

std::size_t heap_bytes() {
    const auto m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

// A deterministic WoS tagged export of `n` papers: 1 to 6 C1 addresses from
// 5,000 institutions in 40 countries, a title of 6 to 13 words from 400, 2 to 6
// keywords, years 2000-2022.
std::string synthetic_wos(long n) {
    const std::string path = "/tmp/techconv_papers_bench_" + std::to_string(n) + ".txt";
    if (std::ifstream(path)) return path;
    static const char* const countries[] = {
        "USA", "Peoples R China", "England", "Germany", "France", "Japan", "South Korea", "Italy", "Spain",
        "Canada", "Australia", "India", "Brazil", "Netherlands", "Switzerland", "Sweden", "Taiwan", "Poland",
        "Belgium", "Austria", "Denmark", "Finland", "Norway", "Israel", "Singapore", "Iran", "Turkey", "Mexico",
        "Portugal", "Greece", "Ireland", "Scotland", "Russia", "South Africa", "Egypt", "Chile", "Argentina",
        "New Zealand", "Czech Republic", "Hungary"};
    std::uint64_t s = 0x9E3779B97F4A7C15ULL;
    const auto next = [&s](std::uint64_t m) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s % m;
    };
    std::ofstream out(path);
    out << "FN Clarivate Analytics Web of Science\nVR 1.0\n";
    for (long r = 0; r < n; ++r) {
        out << "PT J\nAU Author, A\nTI";
        const auto words = 6 + next(8);
        for (std::uint64_t w = 0; w < words; ++w) out << " word" << next(400);
        out << "\nDE";
        const auto kws = 2 + next(5);
        for (std::uint64_t k = 0; k < kws; ++k) out << (k ? "; " : " ") << "keyword " << next(2000);
        out << '\n';
        const auto addrs = 1 + next(6);
        for (std::uint64_t a = 0; a < addrs; ++a) {
            const auto inst = next(5000);
            out << (a == 0 ? "C1 " : "   ") << "[Author, A] Univ " << inst << ", Dept " << next(20) << ", City "
                << inst % 300 << ", " << countries[inst % 40] << ".\n";
        }
        out << "PY " << 2000 + next(23) << "\nUT WOS:" << 100000000 + r << "\nER\n\n";
    }
    out << "EF\n";
    return path;
}

struct input {
    std::string path;
    tio::input_format format;
};

std::vector<input> dataset(const std::string& which) {
    const char* dir = std::getenv("TECHCONV_DATA_DIR");
    if (!dir) return {};
    const std::string d(dir);
    if (which == "wos-tab") return {{d + "/wos-ble-scientopy/wos_2026_04_02_1000.txt", tio::input_format::wos_tab}};
    if (which == "wos") return {{d + "/wos-medicine-metaknowledge/ManyAuthors.isi", tio::input_format::wos}};
    if (which == "openalex")
        return {{d + "/openalex-works-api-json/json_chunk_1_results_page_1.json", tio::input_format::openalex}};
    if (which == "lens-scholarly")
        return {{d + "/lens-scholarly-jsonl-covid/lens-export.jsonl", tio::input_format::lens_scholarly}};
    if (which == "pubmed") return {{d + "/pubmed-mcda-pybibx/pubmed.txt", tio::input_format::pubmed}};
    return {{d + "/scopus-ble-iot-scientopy/scopus.csv", tio::input_format::scopus}};
}

template <class Read>
void measure(benchmark::State& state, const std::vector<input>& in, Read&& read) {
    if (in.empty()) {
        state.SkipWithError("TECHCONV_DATA_DIR is not set");
        return;
    }
    std::size_t records = 0, held = 0;
    for (auto _ : state) {
        const std::size_t before = heap_bytes();
        auto result = read(in.front());
        held = heap_bytes() - before;
        records = result.first;
        benchmark::DoNotOptimize(result);
    }
    state.counters["records"] = static_cast<double>(records);
    std::ifstream f(in.front().path, std::ios::binary | std::ios::ate);  // input bytes per second
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(f.tellg()));
    state.counters["heap_B_per_record"] = static_cast<double>(held) / static_cast<double>(records);
}

auto vector_of(bool texts) {
    return [texts](const input& in) {
        tio::bibliographic_options o;
        o.titles_and_keywords = texts;
        o.references = texts;  // off: countries and institutions only, what techconv closeness reads
        auto d = in.format == tio::input_format::scopus    ? tio::read_scopus(in.path, o)
                 : in.format == tio::input_format::wos_tab ? tio::read_wos_tab(in.path, o)
                                                           : tio::read_wos_tagged(in.path, o);
        return std::make_pair(d.records.size(), std::move(d));
    };
}
auto table_of(bool texts) {
    return [texts](const input& in) {
        tio::read_papers_options o;
        o.format = in.format;
        o.reader.titles_and_keywords = texts;
        o.reader.references = texts;
        o.table.texts = texts;
        auto d = tio::read_paper_table(std::vector<std::string>{in.path}, o);
        return std::make_pair(d.table.size(), std::move(d));
    };
}

std::vector<input> synthetic(long n) { return {{synthetic_wos(n), tio::input_format::wos}}; }

void BM_synthetic_vector(benchmark::State& s) { measure(s, synthetic(s.range(0)), vector_of(s.range(1) != 0)); }
void BM_synthetic_table(benchmark::State& s) { measure(s, synthetic(s.range(0)), table_of(s.range(1) != 0)); }
void BM_wos_tab_vector(benchmark::State& s) { measure(s, dataset("wos-tab"), vector_of(s.range(0) != 0)); }
void BM_wos_tab_table(benchmark::State& s) { measure(s, dataset("wos-tab"), table_of(s.range(0) != 0)); }
void BM_wos_vector(benchmark::State& s) { measure(s, dataset("wos"), vector_of(s.range(0) != 0)); }
void BM_wos_table(benchmark::State& s) { measure(s, dataset("wos"), table_of(s.range(0) != 0)); }
void BM_scopus_vector(benchmark::State& s) { measure(s, dataset("scopus"), vector_of(s.range(0) != 0)); }
void BM_scopus_table(benchmark::State& s) { measure(s, dataset("scopus"), table_of(s.range(0) != 0)); }
void BM_openalex_table(benchmark::State& s) { measure(s, dataset("openalex"), table_of(s.range(0) != 0)); }
void BM_pubmed_table(benchmark::State& s) { measure(s, dataset("pubmed"), table_of(s.range(0) != 0)); }
void BM_lens_scholarly_table(benchmark::State& s) { measure(s, dataset("lens-scholarly"), table_of(s.range(0) != 0)); }

}  // namespace

// second argument / only argument: 1 = titles and keywords kept, 0 = countries and institutions only
BENCHMARK(BM_synthetic_vector)->Args({100000, 1})->Args({100000, 0})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_synthetic_table)->Args({100000, 1})->Args({100000, 0})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_wos_tab_vector)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_wos_tab_table)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_wos_vector)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_wos_table)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scopus_vector)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_scopus_table)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_openalex_table)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_lens_scholarly_table)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_pubmed_table)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
