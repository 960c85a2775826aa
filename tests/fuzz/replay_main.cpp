// Replays fuzz inputs through the fuzz targets, built with the project's
// compiler (no libFuzzer needed): every seed and every saved regression input
// in tests/fuzz/{seeds,regressions}/<target>/ runs in the ordinary test suite,
// and under ASan+UBSan in the sanitizer build, so a crash once found stays fixed.
//
//   techconv_fuzz_replay <target> <file-or-folder>...   replay the inputs
//   techconv_fuzz_replay --list                          list the targets
//   techconv_fuzz_replay --skip <reason>                 print reason, exit 77 (CTest: skipped)
//
// A folder that does not exist counts as empty; at least one input must be
// found overall. A crash aborts with the input's name printed first.
#include <algorithm>    // std::sort
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <cstdio>       // std::printf, std::fprintf, std::fflush
#include <filesystem>   // std::filesystem
#include <fstream>      // std::ifstream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "fuzz_registry.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::string bytes(static_cast<std::size_t>(fs::file_size(p)), '\0');
    std::ifstream f(p, std::ios::binary);
    f.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return bytes;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::string_view(argv[1]) == "--list") {
        for (const auto& t : techconv_fuzz::targets) std::printf("%s\n", t.name);
        return 0;
    }
    if (argc >= 2 && std::string_view(argv[1]) == "--skip") {
        std::printf("skipped: %s\n", argc >= 3 ? argv[2] : "no reason given");
        return 77;
    }
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <target> <file-or-folder>...\n", argv[0]);
        return 2;
    }
    techconv_fuzz::entry_point entry = nullptr;
    for (const auto& t : techconv_fuzz::targets)
        if (std::string_view(argv[1]) == t.name) entry = t.entry;
    if (entry == nullptr) {
        std::fprintf(stderr, "unknown fuzz target '%s'\n", argv[1]);
        return 2;
    }
    std::vector<fs::path> inputs;
    for (int a = 2; a < argc; ++a) {
        const fs::path p(argv[a]);
        if (fs::is_regular_file(p)) {
            inputs.push_back(p);
        } else if (fs::is_directory(p)) {
            std::vector<fs::path> here;
            for (const auto& e : fs::directory_iterator(p))
                if (e.is_regular_file() && e.path().filename().string()[0] != '.')
                    here.push_back(e.path());
            std::sort(here.begin(), here.end());
            inputs.insert(inputs.end(), here.begin(), here.end());
        }
    }
    if (inputs.empty()) {
        std::fprintf(stderr, "no inputs found for target '%s'\n", argv[1]);
        return 1;
    }
    for (const auto& p : inputs) {
        std::printf("replay %s\n", p.string().c_str());
        std::fflush(stdout);  // the name is out before a crash
        const std::string bytes = slurp(p);
        entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::printf("%s: %zu inputs replayed without a crash\n", argv[1], inputs.size());
    return 0;
}
