// Classification benchmarks: IPC/CPC code parsing throughput (codes/s, one
// core) against a straightforward std::regex parser in the same binary, for
// the common "G06T 7/00" form and for a mix of real-data spellings; list
// parsing of Lens ";;" cells; concordance lookup.
#include <techconv/classification/concordance.hpp>
#include <techconv/classification/ipc.hpp>

#include <cstdint>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

namespace cl = techconv::classification;

// 4096 random valid codes in one spelling (deterministic seed).
std::vector<std::string> make_codes(cl::ipc_format f, bool mixed) {
    std::mt19937_64 gen(4);
    std::uniform_int_distribution<int> sec(0, 8), cls(1, 99), letter(0, 25), grp(1, 120),
        sub(0, 99), form(0, 4);
    const char sections[] = "ABCDEFGHY";
    std::vector<std::string> out;
    for (int i = 0; i < 4096; ++i) {
        const auto s = static_cast<std::uint32_t>(sub(gen)) * 10000u;
        const auto c = cl::ipc_code::from_fields(
            s == 0 ? cl::ipc_level::main_group : cl::ipc_level::subgroup, sections[sec(gen)],
            static_cast<unsigned>(cls(gen)), static_cast<char>('A' + letter(gen)),
            static_cast<unsigned>(grp(gen)), s);
        if (!mixed) {
            out.push_back(c.to_string(f));
            continue;
        }
        switch (form(gen)) {
            case 0:
                out.push_back(c.to_string());
                break;
            case 1:
                out.push_back(c.to_string(cl::ipc_format::compact));
                break;
            case 2:
                out.push_back(c.to_string(cl::ipc_format::wipo14));
                break;
            case 3:
                out.push_back(c.to_string() + " (2006.01)");
                break;
            default:
                out.push_back(c.to_string(cl::ipc_format::padded) + " 20060101");
                break;
        }
    }
    return out;
}

// Baseline: the straightforward regex parser a user would write.
struct regex_parser {
    std::regex re{R"(^\s*([A-HY])(\d\d)([A-Z])\s*(\d{1,4})\s*/\s*(\d{2,6})\s*$)",
                  std::regex::icase | std::regex::optimize};
    cl::ipc_code operator()(const std::string& s) const {
        std::smatch m;
        if (!std::regex_match(s, m, re)) return {};
        const std::string sg = m[5].str() + std::string(6 - m[5].length(), '0');
        const auto sub = static_cast<std::uint32_t>(std::stoul(sg));
        return cl::ipc_code::from_fields(
            sub == 0 ? cl::ipc_level::main_group : cl::ipc_level::subgroup, m[1].str()[0],
            static_cast<unsigned>(std::stoul(m[2])), m[3].str()[0],
            static_cast<unsigned>(std::stoul(m[4])), sub);
    }
};

template <class Parse>
void run_parse(benchmark::State& state, const std::vector<std::string>& codes, Parse&& parse) {
    std::uint64_t sink = 0;
    for (auto _ : state) {
        for (const auto& s : codes) sink += parse(s).bits();
        benchmark::DoNotOptimize(sink);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(codes.size()));
}

void bm_parse_canonical_techconv(benchmark::State& state) {
    const auto codes = make_codes(cl::ipc_format::canonical, false);
    run_parse(state, codes, [](const std::string& s) { return cl::ipc_from_chars(s).code; });
}
BENCHMARK(bm_parse_canonical_techconv);

void bm_parse_canonical_regex(benchmark::State& state) {
    const auto codes = make_codes(cl::ipc_format::canonical, false);
    const regex_parser p;
    run_parse(state, codes, p);
}
BENCHMARK(bm_parse_canonical_regex);

void bm_parse_mixed_spellings_techconv(benchmark::State& state) {
    const auto codes = make_codes(cl::ipc_format::canonical, true);
    run_parse(state, codes, [](const std::string& s) { return cl::ipc_from_chars(s).code; });
}
BENCHMARK(bm_parse_mixed_spellings_techconv);

void bm_format_canonical(benchmark::State& state) {
    const auto text = make_codes(cl::ipc_format::canonical, false);
    std::vector<cl::ipc_code> codes;
    for (const auto& s : text) codes.push_back(cl::parse_ipc(s));
    char buf[cl::ipc_code::max_text_size];
    std::size_t sink = 0;
    for (auto _ : state) {
        for (auto c : codes) sink += static_cast<std::size_t>(c.to_chars(buf) - buf);
        benchmark::DoNotOptimize(sink);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(codes.size()));
}
BENCHMARK(bm_format_canonical);

void bm_parse_lens_lists(benchmark::State& state) {
    const auto codes = make_codes(cl::ipc_format::compact, false);
    std::vector<std::string> cells;  // 4 codes per cell, like Lens IPCR columns
    for (std::size_t i = 0; i + 4 <= codes.size(); i += 4)
        cells.push_back(codes[i] + ";;" + codes[i + 1] + ";;" + codes[i + 2] + ";;" + codes[i + 3]);
    std::vector<cl::ipc_code> out;
    cl::ipc_list_report rep;
    for (auto _ : state) {
        for (const auto& c : cells) {
            out.clear();
            cl::parse_ipc_list_into(c, out, rep);
        }
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(cells.size() * 4));
}
BENCHMARK(bm_parse_lens_lists);

void bm_concordance_lookup(benchmark::State& state) {
    // A WIPO-like table: every subclass of the codes -> one of 35 fields, one
    // split subclass by main group.
    const auto text = make_codes(cl::ipc_format::canonical, false);
    std::vector<cl::ipc_code> codes;
    cl::concordance t;
    for (int f = 1; f <= 35; ++f) t.add_category("field " + std::to_string(f), std::to_string(f));
    for (std::size_t i = 0; i < text.size(); ++i) {
        codes.push_back(cl::parse_ipc(text[i]));
        t.add_rule(cl::ipc_pattern{codes.back().truncate(cl::ipc_level::subclass), 0},
                   static_cast<techconv::label_id>(i % 35));
    }
    std::vector<techconv::label_id> out;
    for (auto _ : state) {
        for (auto c : codes) {
            out.clear();
            t.lookup_into(c, out);
        }
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(codes.size()));
}
BENCHMARK(bm_concordance_lookup);

}  // namespace

BENCHMARK_MAIN();
