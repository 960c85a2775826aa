// Group-profile benchmarks (techconv/analysis/profile.hpp and the parallel
// state of techconv/parallel/profile.hpp) on the synthetic corpus: filling a
// convergence::profile_table, convergence::group_profiles under the [KCT]
// key-core scope (with the co-classification network) and over all records
// (tallies only, and with the network), and the distributed path's
// serialise + decode + finish of a parallel::profile_partial.
//
// Input: synthetic_corpus records; codes = IPC subclasses (main first),
// industries = the sections of the codes (a multi-label category list),
// applicants with their types, group = country, key core = 5 % of records
// chosen by a multiplicative hash of the index (as tests/mpi/mpi_scaling.cpp).
#include <techconv/analysis/profile.hpp>
#include <techconv/parallel/profile.hpp>
#include <techconv/parallel/serialize.hpp>
#include <techconv/testing/synthetic.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

namespace cv = techconv::convergence;
namespace par = techconv::parallel;
namespace ts = techconv::testing;
using idx = techconv::index;

struct bench_record {
    std::string group;
    bool key_core = false;
    std::vector<std::string> codes, industries, applicants, types;
};

const char* type_name(ts::synthetic_applicant_type t) {
    switch (t) {
        case ts::synthetic_applicant_type::company: return "company";
        case ts::synthetic_applicant_type::university: return "university";
        case ts::synthetic_applicant_type::institute: return "institute";
        case ts::synthetic_applicant_type::individual: break;
    }
    return "individual";
}

// The first n records of the default synthetic corpus, prepared once per size.
const std::vector<bench_record>& records(idx n) {
    static std::vector<std::vector<bench_record>> cache;
    for (const auto& c : cache)
        if (static_cast<idx>(c.size()) == n) return c;
    ts::synthetic_options o;
    o.records = n;
    const ts::synthetic_corpus corpus(o);
    std::vector<bench_record> out(static_cast<std::size_t>(n));
    for (idx i = 0; i < n; ++i) {
        const auto p = corpus.record(i);
        auto& r = out[static_cast<std::size_t>(i)];
        r.group = p.country;
        r.key_core = (static_cast<std::uint64_t>(i) * 2654435761u) % 100 < 5;
        for (const auto& code : p.ipc) {
            r.codes.push_back(code.substr(0, 4));
            r.industries.push_back(code.substr(0, 1));
        }
        r.applicants = p.applicants;
        for (const auto t : p.applicant_types) r.types.emplace_back(type_name(t));
    }
    cache.push_back(std::move(out));
    return cache.back();
}

template <class Table>
void fill(Table& t, const std::vector<bench_record>& rs) {
    for (const auto& r : rs) t.add(r.group, r.key_core, r.codes, r.industries, r.applicants, r.types);
}

void bm_profile_table_add(benchmark::State& state) {
    const auto& rs = records(state.range(0));
    for (auto _ : state) {
        cv::profile_table t;
        fill(t, rs);
        benchmark::DoNotOptimize(t.records());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_profile_table_add)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// [KCT] default: key-core records of each country, with the network summary.
void bm_group_profiles_key_core(benchmark::State& state) {
    cv::profile_table t;
    fill(t, records(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(cv::group_profiles(t).groups.size());
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_group_profiles_key_core)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Every record profiled: tallies only (industries, codes, applicants; second
// argument 0), or with each country's network (co-occurrence, Louvain; 1).
void bm_group_profiles_all(benchmark::State& state) {
    cv::profile_table t;
    fill(t, records(state.range(0)));
    cv::profile_options o;
    o.scope = cv::profile_scope::all;
    o.network = state.range(1) != 0;
    for (auto _ : state) benchmark::DoNotOptimize(cv::group_profiles(t, o).groups.size());
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_group_profiles_all)
    ->Args({100'000, 0})
    ->Args({1'000'000, 0})
    ->Args({100'000, 1})
    ->Unit(benchmark::kMillisecond);

// The distributed path on one process: a partial state to bytes, back, and finish().
void bm_profile_partial_round_trip(benchmark::State& state) {
    par::profile_partial p;
    fill(p, records(state.range(0)));
    for (auto _ : state) {
        const auto bytes = par::to_bytes(par::serial_type::profile_partial, p);
        auto r = par::open_sealed(bytes.data(), bytes.size(), par::serial_type::profile_partial);
        const auto q = par::profile_partial::read(r);
        par::expect_end(r);
        benchmark::DoNotOptimize(q.finish().groups.size());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_profile_partial_round_trip)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
