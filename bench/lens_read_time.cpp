// Reads one file with one Lens reader and prints the records and the CPU time (std::clock):
// the reader timings of docs/internals/performance-iopatents.md ("Lens patent JSON and Lens
// scholarly CSV"). Not built by CMake (the Google Benchmark programs are bench/*_bench.cpp);
// compile it by hand as that page says.
//
// usage: lens_read_time lens-json|lens|lens-scholarly-csv FILE
#include <cstdio>
#include <ctime>
#include <string>
#include <techconv/io/csv_works.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/lens_json.hpp>
int main(int argc, char** argv) {
    const std::string kind = argv[1], path = argv[2];
    const std::clock_t t0 = std::clock();
    std::size_t n = 0;
    if (kind == "lens-json") {
        techconv::io::lens_json_reader r(path);
        techconv::io::patent_record rec;
        while (r.next(rec)) ++n;
    } else if (kind == "lens") {
        techconv::io::lens_reader r(path);
        techconv::io::patent_record rec;
        while (r.next(rec)) ++n;
    } else {
        techconv::io::lens_scholarly_csv_reader r(path);
        techconv::io::bibliographic_record rec;
        while (r.next(rec)) ++n;
    }
    std::printf("%s: %zu records, %.2f s CPU\n", kind.c_str(), n, double(std::clock() - t0) / CLOCKS_PER_SEC);
}
