// The one-run performance suite behind scripts/bench and docs/internals/performance.md:
// every task timed on the SAME synthetic inputs the Python peers read, with
// techconv's answers written to files so that each peer checks its result
// against techconv's before its time counts.
//
//   suite_bench generate DIR N...   writes the inputs of each size N (cached by scripts/bench):
//       corpus_N.csv     the canonical synthetic patent CSV (testing/synthetic.hpp, default seed)
//       int_N.bin        its n x 9 indicator matrix, float64 row-major (counts)
//       real_N.bin       a real-valued n x 9 matrix (lognormal, 30% exact zeros), float64 row-major
//       inc_sub_N.bin    the records x IPC-subclass incidence (binary CSR)
//       inc_mg_N.bin     the records x IPC-main-group incidence (binary CSR)
//   suite_bench answers DIR N...    writes techconv's results to DIR/answers/ (and the graphs
//                                   the network peers use to DIR/graph_*.txt)
//   suite_bench [benchmark flags]   runs the Google Benchmarks; env TECHCONV_BENCH_DATA = DIR,
//                                   TECHCONV_BENCH_SIZES = comma-separated sizes (default 100000),
//                                   TECHCONV_BENCH_QUICK = 1: no path measures on graph 1
//
// Binary CSR incidence: int64 records, codes, nnz; int64 offsets[records + 1]; int32 ids[nnz].
#include <techconv/cograph.hpp>
#include <techconv/detail/parallel.hpp>
#include <techconv/format/csv.hpp>
#include <techconv/format/parse.hpp>
#include <techconv/testing/synthetic.hpp>
#include <techconv/weighting/pipeline.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

namespace cg = techconv::cograph;
namespace w = techconv::weighting;
namespace ts = techconv::testing;
using idx = techconv::index;
constexpr idx cols = 9;

std::string data_dir() {
    const char* e = std::getenv("TECHCONV_BENCH_DATA");
    return e ? std::string(e) : std::string("build/bench-data");
}
std::string file(const std::string& stem, idx n, const char* ext) {
    return data_dir() + "/" + stem + "_" + std::to_string(n) + ext;
}

// ---------------------------------------------------------------- file helpers
void write_bytes(std::ofstream& f, const void* p, std::size_t bytes) {
    f.write(static_cast<const char*>(p), static_cast<std::streamsize>(bytes));
}

std::vector<char> read_all(const std::string& path) {
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) throw std::runtime_error("cannot read " + path);
    const auto size = static_cast<std::size_t>(f.tellg());
    std::vector<char> buf(size);
    f.seekg(0);
    f.read(buf.data(), static_cast<std::streamsize>(size));
    return buf;
}

// A row-major n x 9 float64 file as a column-major matrix (the layout the
// weighting kernels read fastest; conversion is outside every timing).
const Eigen::MatrixXd& matrix_for(const std::string& stem, idx n) {
    static std::map<std::pair<std::string, idx>, std::unique_ptr<Eigen::MatrixXd>> cache;
    auto& slot = cache[{stem, n}];
    if (!slot) {
        const auto bytes = read_all(file(stem, n, ".bin"));
        if (bytes.size() != static_cast<std::size_t>(n * cols) * sizeof(double))
            throw std::runtime_error(stem + ": unexpected size");
        techconv::row_matrix r(n, cols);
        std::memcpy(r.data(), bytes.data(), bytes.size());
        slot = std::make_unique<Eigen::MatrixXd>(r);
    }
    return *slot;
}

// The same matrix in row-major storage (the file's own order).
const techconv::row_matrix& row_matrix_for(const std::string& stem, idx n) {
    static std::map<std::pair<std::string, idx>, std::unique_ptr<techconv::row_matrix>> cache;
    auto& slot = cache[{stem, n}];
    if (!slot) slot = std::make_unique<techconv::row_matrix>(matrix_for(stem, n));
    return *slot;
}

void write_incidence(const std::string& path, const cg::incidence_matrix& inc) {
    std::ofstream f(path, std::ios::binary);
    const std::int64_t head[3] = {inc.records, inc.codes, inc.nnz()};
    write_bytes(f, head, sizeof head);
    write_bytes(f, inc.record_offsets.data(), inc.record_offsets.size() * sizeof(idx));
    write_bytes(f, inc.code_ids.data(), inc.code_ids.size() * sizeof(std::int32_t));
    if (!f) throw std::runtime_error("cannot write " + path);
}

const cg::incidence<std::int32_t>& incidence_for(const std::string& level, idx n) {
    static std::map<std::pair<std::string, idx>, std::unique_ptr<cg::incidence<std::int32_t>>> cache;
    auto& slot = cache[{level, n}];
    if (!slot) {
        const auto bytes = read_all(file("inc_" + level, n, ".bin"));
        std::int64_t head[3];
        std::memcpy(head, bytes.data(), sizeof head);
        slot = std::make_unique<cg::incidence<std::int32_t>>();
        auto& a = *slot;
        a.records = head[0];
        a.codes = head[1];
        a.record_offsets.resize(static_cast<std::size_t>(head[0] + 1));
        a.code_ids.resize(static_cast<std::size_t>(head[2]));
        std::memcpy(a.record_offsets.data(), bytes.data() + sizeof head, a.record_offsets.size() * sizeof(idx));
        std::memcpy(a.code_ids.data(), bytes.data() + sizeof head + a.record_offsets.size() * sizeof(idx),
                    a.code_ids.size() * sizeof(std::int32_t));
        a.labels.resize(static_cast<std::size_t>(a.codes));
        for (std::size_t i = 0; i < a.labels.size(); ++i) a.labels[i] = static_cast<std::int32_t>(i);
    }
    return *slot;
}

// ---------------------------------------------------------------- generation
// Deterministic real-valued data: splitmix64 + Box-Muller (lognormal, sigma 1.2),
// column j scaled by j + 1, 30% exact zeros.
std::uint64_t splitmix(std::uint64_t& s) {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
double unit(std::uint64_t& s) { return static_cast<double>(splitmix(s) >> 11) * 0x1.0p-53; }

// Main-group key of a canonical code "G06F 17/30": subclass * 64 + (group - 1) / 2.
std::int32_t main_group_key(int subclass, const std::string& code) {
    const auto sp = code.find(' '), sl = code.find('/');
    return static_cast<std::int32_t>(subclass * 64 + (std::stoi(code.substr(sp + 1, sl - sp - 1)) - 1) / 2);
}

void generate(idx n) {
    ts::synthetic_options so;
    so.records = n;
    const ts::synthetic_corpus corpus(so);
    std::ofstream csv(file("corpus", n, ".csv"), std::ios::binary);
    std::ofstream ib(file("int", n, ".bin"), std::ios::binary);
    std::ofstream rb(file("real", n, ".bin"), std::ios::binary);
    if (!csv || !ib || !rb) throw std::runtime_error("cannot write into " + data_dir());
    corpus.write_csv(csv, 0, 0, true);  // header only
    cg::incidence_builder<std::int32_t> sub, mg;
    const idx chunk = 65536, batch = 16 * chunk;
    struct part {
        std::string text;
        std::vector<double> ints, reals;
        std::vector<std::int32_t> sub_keys, mg_keys, sizes;
    };
    for (idx b0 = 0; b0 < n; b0 += batch) {
        const idx bn = std::min(batch, n - b0);
        std::vector<part> parts(static_cast<std::size_t>(techconv::detail::chunk_count(bn, chunk)));
        techconv::detail::for_each_chunk(bn, chunk, 0, [&](idx c, idx b, idx e) {
            part& p = parts[static_cast<std::size_t>(c)];
            std::ostringstream os;
            corpus.write_csv(os, b0 + b, b0 + e, false);
            p.text = os.str();
            for (idx i = b0 + b; i < b0 + e; ++i) {
                const auto r = corpus.record(i);
                p.ints.insert(p.ints.end(), r.indicators.begin(), r.indicators.end());
                std::uint64_t s = static_cast<std::uint64_t>(i) * 0x2545F4914F6CDD1DULL + 7;
                for (idx j = 0; j < cols; ++j) {
                    const double u1 = 1.0 - unit(s), u2 = unit(s), z = unit(s);
                    const double g = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
                    p.reals.push_back(z < 0.3 ? 0.0 : std::exp(1.2 * g) * static_cast<double>(j + 1));
                }
                for (std::size_t k = 0; k < r.ipc.size(); ++k) {
                    p.sub_keys.push_back(r.subclass_ids[k]);
                    p.mg_keys.push_back(main_group_key(r.subclass_ids[k], r.ipc[k]));
                }
                p.sizes.push_back(static_cast<std::int32_t>(r.ipc.size()));
            }
        });
        std::vector<std::int32_t> rec;
        for (const part& p : parts) {
            write_bytes(csv, p.text.data(), p.text.size());
            write_bytes(ib, p.ints.data(), p.ints.size() * sizeof(double));
            write_bytes(rb, p.reals.data(), p.reals.size() * sizeof(double));
            std::size_t pos = 0;
            for (const std::int32_t k : p.sizes) {
                const auto b = static_cast<std::ptrdiff_t>(pos), e = b + k;
                rec.assign(p.sub_keys.begin() + b, p.sub_keys.begin() + e);
                sub.add_record(rec);
                rec.assign(p.mg_keys.begin() + b, p.mg_keys.begin() + e);
                mg.add_record(rec);
                pos += static_cast<std::size_t>(k);
            }
        }
    }
    write_incidence(file("inc_sub", n, ".bin"), sub.finish());
    write_incidence(file("inc_mg", n, ".bin"), mg.finish());
    if (!csv || !ib || !rb) throw std::runtime_error("write failed in " + data_dir());
    std::printf("generated %lld records in %s\n", static_cast<long long>(n), data_dir().c_str());
}

// ---------------------------------------------------------------- the end-to-end analysis
// CSV -> n x 9 indicators + IPC subclasses per record -> [KCT] key core (top 5%)
// -> co-classification graph of the key core's subclasses -> network summary
// (size, density, components, PageRank leaders, Louvain communities).
struct e2e_result {
    idx records = 0;
    w::key_core_result kc;
    std::vector<idx> core;  // key-core records, ascending
    cg::graph g;
    std::vector<std::string> labels;
    idx components = 0;
    techconv::vector pagerank;
    cg::community_result louvain;
    std::uint64_t bytes = 0;
};

// Big-endian packing of a 4-letter subclass: integer order = string order.
std::int32_t pack_subclass(std::string_view code) {
    std::uint32_t k = 0;
    for (std::size_t i = 0; i < 4; ++i) k = (k << 8) | (i < code.size() ? static_cast<unsigned char>(code[i]) : 0u);
    return static_cast<std::int32_t>(k);
}

e2e_result end_to_end(const std::string& path, int threads, double pagerank_tolerance) {
    e2e_result out;
    techconv::io::csv_reader r(path);
    const std::size_t ipc = r.require_column("ipc");
    std::size_t ind[cols];
    for (idx j = 0; j < cols; ++j)
        ind[j] = r.require_column(ts::synthetic_corpus::indicator_names()[static_cast<std::size_t>(j)]);
    std::vector<double> x;
    std::vector<std::int32_t> keys;
    std::vector<idx> offsets{0};
    while (r.next()) {
        for (idx j = 0; j < cols; ++j) {
            double v = 0;
            if (!r.double_field(ind[j], v)) r.fail(techconv::error_code::bad_number, ind[j], "empty indicator");
            x.push_back(v);
        }
        const std::string_view list = r[ipc];
        std::size_t b = 0;
        while (b < list.size()) {
            std::size_t e = list.find(";;", b);
            if (e == std::string_view::npos) e = list.size();
            if (e > b) keys.push_back(pack_subclass(list.substr(b, e - b)));
            b = e + 2;
        }
        offsets.push_back(static_cast<idx>(keys.size()));
    }
    out.bytes = r.bytes_read();
    out.records = static_cast<idx>(offsets.size()) - 1;
    const Eigen::Map<const techconv::row_matrix> xm(x.data(), out.records, cols);
    w::key_core_options ko;
    ko.entropy.threads = threads;
    w::key_core_into(xm, out.kc, ko);
    out.core = out.kc.top.indices;
    std::sort(out.core.begin(), out.core.end());
    cg::incidence_builder<std::int32_t> ib;
    std::vector<std::int32_t> rec;
    for (const idx i : out.core) {
        rec.assign(keys.begin() + offsets[static_cast<std::size_t>(i)], keys.begin() + offsets[static_cast<std::size_t>(i + 1)]);
        ib.add_record(rec);
    }
    const auto inc = ib.finish();
    cg::cooccurrence_options co;
    co.threads = threads;
    for (const std::int32_t k : inc.labels) {
        std::string s(4, ' ');
        for (int c = 0; c < 4; ++c) s[static_cast<std::size_t>(c)] = static_cast<char>((static_cast<std::uint32_t>(k) >> (24 - 8 * c)) & 0xFF);
        out.labels.push_back(s);
    }
    out.g = cg::graph::from_cooccurrence(cg::cooccurrence(inc, co), out.labels);
    out.components = cg::connected_components(out.g).count;
    cg::spectral_options so;
    so.tolerance = pagerank_tolerance;
    so.threads = threads;
    out.pagerank = cg::pagerank(out.g, so).values;
    out.louvain = cg::louvain(out.g);
    return out;
}

// ---------------------------------------------------------------- graphs for the network rows
// Graph 0: subclass graph of min(10^6, largest size) records; graph 1: main-group graph
// of 10^5 records restricted to its 6,000 most frequent codes.
const cg::graph& graph_for(int which) {
    static std::map<int, cg::graph> cache;
    auto it = cache.find(which);
    if (it != cache.end()) return it->second;
    idx n = 100000;
    if (which == 0) {
        std::ifstream probe(file("inc_sub", 1000000, ".bin"));
        if (probe) n = 1000000;
    }
    const auto& inc = incidence_for(which == 0 ? "sub" : "mg", n);
    cg::cooccurrence_options o;
    o.threads = 0;
    cg::graph_options go;
    if (which == 1) go.top_nodes = 6000;
    return cache[which] = cg::make_graph(inc, cg::cooccurrence(inc, o), go);
}

// ---------------------------------------------------------------- answers
void write_vector(const std::string& path, const techconv::vector& v) {
    std::ofstream f(path);
    for (idx i = 0; i < v.size(); ++i) f << techconv::io::format_double(v[i]) << '\n';
}
template <class T>
void write_binary(const std::string& path, const std::vector<T>& v) {
    std::ofstream f(path, std::ios::binary);
    write_bytes(f, v.data(), v.size() * sizeof(T));
}
void write_membership(const std::string& path, const std::vector<idx>& m, double q) {
    std::ofstream f(path);
    f << techconv::io::format_double(q) << '\n';
    for (const idx c : m) f << c << '\n';
}

void answers(const std::vector<idx>& sizes) {
    const std::string a = data_dir() + "/answers";
    std::system(("mkdir -p '" + a + "'").c_str());
    for (const idx n : sizes) {
        for (const char* kind : {"int", "real"}) {
            const auto& x = matrix_for(kind, n);
            const auto r = w::key_core(x);
            const std::string stem = a + "/entropy_" + kind + "_" + std::to_string(n);
            write_vector(stem + "_weights.txt", r.weighting.weights);
            write_binary(stem + "_scores.bin", std::vector<double>(r.scores.data(), r.scores.data() + r.scores.size()));
            write_binary(stem + "_top.bin", r.top.indices);
        }
        for (const char* level : {"sub", "mg"}) {
            const auto& inc = incidence_for(level, n);
            const auto c = cg::cooccurrence(inc);
            // fingerprint: nnz, total, sum of C_ij * h(i, j) with h in [0, 1)
            double total = 0, print = 0;
            for (idx j = 0; j < c.outerSize(); ++j)
                for (cg::sparse_matrix::InnerIterator it(c, j); it; ++it) {
                    total += it.value();
                    const auto h = (static_cast<std::uint64_t>(it.row()) * 2654435761ULL +
                                    static_cast<std::uint64_t>(j) * 40503ULL) % 1000003ULL;
                    print += it.value() * static_cast<double>(h) / 1000003.0;
                }
            std::ofstream f(a + "/cooc_" + level + "_" + std::to_string(n) + ".txt");
            f << c.nonZeros() << '\n' << techconv::io::format_double(total) << '\n'
              << techconv::io::format_double(print) << '\n';
        }
        const auto e = end_to_end(file("corpus", n, ".csv"), 1, 1e-13);
        const std::string stem = a + "/e2e_" + std::to_string(n);
        write_vector(stem + "_weights.txt", e.kc.weighting.weights);
        write_binary(stem + "_core.bin", e.core);
        {
            std::ofstream f(stem + "_graph.txt");
            f << e.g.num_nodes() << ' ' << e.g.num_edges() << '\n';
            for (const auto& ed : e.g.edges())
                f << e.labels[static_cast<std::size_t>(ed.u)] << ' ' << e.labels[static_cast<std::size_t>(ed.v)] << ' '
                  << techconv::io::format_double(ed.weight) << '\n';
        }
        write_vector(stem + "_pagerank.txt", e.pagerank);
        write_membership(stem + "_louvain.txt", e.louvain.membership, e.louvain.quality);
        std::ofstream f(stem + "_summary.txt");
        f << "records " << e.records << "\nkey_core " << e.kc.top.k << "\nnodes " << e.g.num_nodes() << "\nedges "
          << e.g.num_edges() << "\ncomponents " << e.components << "\nlouvain_communities " << e.louvain.count
          << "\nlouvain_q " << techconv::io::format_double(e.louvain.quality) << '\n';
        std::printf("answers for %lld records written\n", static_cast<long long>(n));
    }
    for (int which : {0, 1}) {
        const auto& g = graph_for(which);
        const std::string stem = data_dir() + "/graph_" + std::to_string(which);
        {
            std::ofstream f(stem + ".txt");
            f << g.num_nodes() << ' ' << g.num_edges() << '\n';
            for (const auto& ed : g.edges())
                f << ed.u << ' ' << ed.v << ' ' << techconv::io::format_double(ed.weight) << '\n';
        }
        const std::string s = a + "/graph_" + std::to_string(which);
        cg::betweenness_options bo;
        bo.threads = 0;
        write_vector(s + "_betweenness.txt", cg::betweenness(g, bo).values);
        cg::closeness_options clo;
        clo.threads = 0;
        write_vector(s + "_closeness.txt", cg::closeness(g, clo).values);
        cg::spectral_options so;  // default tolerance 1e-13
        write_vector(s + "_pagerank.txt", cg::pagerank(g, so).values);
        write_vector(s + "_eigenvector.txt", cg::eigenvector_centrality(g, so).values);
        const auto lv = cg::louvain(g);
        write_membership(s + "_louvain.txt", lv.membership, lv.quality);
        cg::community_options lo;
        lo.iterations = 2;
        const auto ld = cg::leiden(g, lo);
        write_membership(s + "_leiden.txt", ld.membership, ld.quality);
    }
    std::printf("graph answers written\n");
}

// ---------------------------------------------------------------- benchmarks
void bytes(benchmark::State& st, idx n) {
    st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations()) * n * cols * 8);
}

// One read of the n x 9 matrix: the bandwidth floor of every matrix task.
void bm_floor(benchmark::State& st, idx n) {
    const auto& x = matrix_for("int", n);
    for (auto _ : st) benchmark::DoNotOptimize(techconv_bench::read_floor(x.data(), static_cast<std::size_t>(x.size())));
    bytes(st, n);
}

template <bool RowMajor>
void bm_entropy(benchmark::State& st, const char* kind, idx n, int threads) {
    const auto& x = [&]() -> const auto& {
        if constexpr (RowMajor) {
            return row_matrix_for(kind, n);
        } else {
            return matrix_for(kind, n);
        }
    }();
    w::key_core_options o;
    o.entropy.threads = threads;
    w::key_core_result r;
    r.scores.resize(n);
    for (auto _ : st) {
        w::key_core_into(x, r, o);
        benchmark::DoNotOptimize(r.top.threshold);
    }
    bytes(st, n);
    st.counters["reads"] = static_cast<double>(r.weighting.data_reads + 1);
}

void bm_cooc(benchmark::State& st, const char* level, idx n, int threads) {
    const auto& inc = incidence_for(level, n);
    cg::cooccurrence_options o;
    o.threads = threads;
    idx nnz = 0;
    for (auto _ : st) {
        auto c = cg::cooccurrence(inc, o);
        nnz = c.nonZeros();
        benchmark::DoNotOptimize(c.valuePtr());
    }
    st.counters["codes"] = static_cast<double>(inc.codes);
    st.counters["nnz_C"] = static_cast<double>(nnz);
}

void bm_csv_reader(benchmark::State& st, idx n) {
    const std::string path = file("corpus", n, ".csv");
    std::uint64_t total = 0;
    for (auto _ : st) {
        techconv::io::csv_reader r(path);
        std::size_t fields = 0;
        while (r.next()) fields += r.size();
        benchmark::DoNotOptimize(fields);
        total += r.bytes_read();
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(total));
}

// Baseline: reading the same file into memory (1 MiB blocks, page cache warm).
void bm_file_read(benchmark::State& st, idx n) {
    const std::string path = file("corpus", n, ".csv");
    std::vector<char> buf(std::size_t{1} << 20);
    std::uint64_t total = 0;
    for (auto _ : st) {
        std::ifstream f(path, std::ios::binary);
        while (f.read(buf.data(), static_cast<std::streamsize>(buf.size())) || f.gcount() > 0) {
            total += static_cast<std::uint64_t>(f.gcount());
            benchmark::DoNotOptimize(buf.data());
        }
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(total));
}

void bm_e2e(benchmark::State& st, idx n, int threads) {
    const std::string path = file("corpus", n, ".csv");
    std::uint64_t total = 0;
    for (auto _ : st) {
        const auto e = end_to_end(path, threads, 1e-10);
        benchmark::DoNotOptimize(e.louvain.quality);
        total += e.bytes;
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(total));
}

void bm_network(benchmark::State& st, const std::string& what, int which, int threads) {
    const auto& g = graph_for(which);
    for (auto _ : st) {
        if (what == "betweenness") {
            cg::betweenness_options o;
            o.threads = threads;
            benchmark::DoNotOptimize(cg::betweenness(g, o).values.data());
        } else if (what == "closeness") {
            cg::closeness_options o;
            o.threads = threads;
            benchmark::DoNotOptimize(cg::closeness(g, o).values.data());
        } else if (what == "pagerank" || what == "eigenvector") {
            cg::spectral_options o;
            o.tolerance = 1e-10;
            o.threads = threads;
            benchmark::DoNotOptimize(what == "pagerank" ? cg::pagerank(g, o).values.data()
                                                        : cg::eigenvector_centrality(g, o).values.data());
        } else if (what == "louvain") {
            benchmark::DoNotOptimize(cg::louvain(g).quality);
        } else {
            cg::community_options o;
            o.iterations = 2;
            benchmark::DoNotOptimize(cg::leiden(g, o).quality);
        }
    }
    st.counters["nodes"] = static_cast<double>(g.num_nodes());
    st.counters["edges"] = static_cast<double>(g.num_edges());
}

std::vector<idx> parse_sizes(int argc, char** argv, int from) {
    std::vector<idx> out;
    for (int i = from; i < argc; ++i) out.push_back(static_cast<idx>(std::atoll(argv[i])));
    return out;
}

void register_all(const std::vector<idx>& sizes) {
    using benchmark::RegisterBenchmark;
    const auto ms = benchmark::kMillisecond;
    for (const idx n : sizes) {
        const std::string ns = std::to_string(n);
        RegisterBenchmark(("floor/" + ns).c_str(), bm_floor, n)->Unit(ms)->UseRealTime();
        for (const char* kind : {"int", "real"})
            for (const int t : {1, 2})
                RegisterBenchmark(("entropy/" + std::string(kind) + "/" + ns + "/threads:" + std::to_string(t)).c_str(),
                                  bm_entropy<false>, kind, n, t)->Unit(ms)->UseRealTime();
        for (const char* kind : {"int", "real"})
            for (const int t : {1, 2})
                RegisterBenchmark(("entropy_rm/" + std::string(kind) + "/" + ns + "/threads:" + std::to_string(t)).c_str(),
                                  bm_entropy<true>, kind, n, t)->Unit(ms)->UseRealTime();
        for (const char* level : {"sub", "mg"})
            for (const int t : {1, 2})
                RegisterBenchmark(("cooccurrence/" + std::string(level) + "/" + ns + "/threads:" + std::to_string(t)).c_str(),
                                  bm_cooc, level, n, t)->Unit(ms)->UseRealTime();
        RegisterBenchmark(("csv_reader/" + ns).c_str(), bm_csv_reader, n)->Unit(ms)->UseRealTime();
        RegisterBenchmark(("file_read/" + ns).c_str(), bm_file_read, n)->Unit(ms)->UseRealTime();
        for (const int t : {1, 2})
            RegisterBenchmark(("e2e/" + ns + "/threads:" + std::to_string(t)).c_str(), bm_e2e, n, t)
                ->Unit(ms)->UseRealTime()->Iterations(n >= 10000000 ? 1 : 3);
    }
    const char* q = std::getenv("TECHCONV_BENCH_QUICK");
    const bool quick = q && std::string(q) == "1";
    for (const int which : {0, 1}) {
        for (const char* what : {"betweenness", "closeness"})
            for (const int t : {1, 2}) {
                if (which == 1 && quick) continue;  // quick mode: no path measures on the large graph
                RegisterBenchmark(("network/" + std::string(what) + "/graph" + std::to_string(which) + "/threads:" +
                                   std::to_string(t)).c_str(), bm_network, std::string(what), which, t)
                    ->Unit(ms)->UseRealTime()->Iterations(1);
            }
        for (const char* what : {"pagerank", "eigenvector", "louvain", "leiden"})
            RegisterBenchmark(("network/" + std::string(what) + "/graph" + std::to_string(which) + "/threads:1").c_str(),
                              bm_network, std::string(what), which, 1)->Unit(ms)->UseRealTime();
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc >= 2 && std::string(argv[1]) == "generate") {
            for (const idx n : parse_sizes(argc, argv, 2)) generate(n);
            return 0;
        }
        if (argc >= 2 && std::string(argv[1]) == "answers") {
            answers(parse_sizes(argc, argv, 2));
            return 0;
        }
        std::vector<idx> sizes;
        const char* e = std::getenv("TECHCONV_BENCH_SIZES");
        for (const auto s : techconv::io::split_list(e ? e : "100000", ","))
            sizes.push_back(static_cast<idx>(std::atoll(std::string(s).c_str())));
        register_all(sizes);
        benchmark::Initialize(&argc, argv);
        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
    } catch (const std::exception& ex) {
        std::fprintf(stderr, "suite_bench: %s\n", ex.what());
        return 1;
    }
    return 0;
}
