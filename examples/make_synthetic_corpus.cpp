// Writes a deterministic synthetic patent corpus (techconv::testing::
// synthetic_corpus) as the canonical techconv CSV, and optionally the raw
// n x 9 float64 indicator matrix. Same arguments, same bytes.
//
// usage: make_synthetic_corpus RECORDS OUT.csv [OUT.bin] [--seed N]
//
// example-args: 1000 @OUT_DIR@/synthetic.csv @OUT_DIR@/synthetic.bin --seed 11
// example-expect: wrote 1000 records
#include <techconv/testing/synthetic.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s RECORDS OUT.csv [OUT.bin] [--seed N]\n", argv[0]);
        return 2;
    }
    techconv::testing::synthetic_options o;
    o.records = std::atoll(argv[1]);
    std::string csv = argv[2], bin;
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seed" && i + 1 < argc) {
            o.seed = std::strtoull(argv[++i], nullptr, 10);
        } else {
            bin = a;
        }
    }
    try {
        const techconv::testing::synthetic_corpus corpus(o);
        std::ofstream out(csv, std::ios::binary);
        if (!out) throw std::runtime_error("cannot write " + csv);
        corpus.write_csv(out);
        if (!bin.empty()) {
            std::ofstream b(bin, std::ios::binary);
            if (!b) throw std::runtime_error("cannot write " + bin);
            corpus.write_indicator_binary(b);
        }
        std::printf("wrote %lld records to %s\n", static_cast<long long>(corpus.size()), csv.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "make_synthetic_corpus: %s\n", e.what());
        return 1;
    }
    return 0;
}
