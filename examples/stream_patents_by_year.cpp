// Streams a patent corpus chunk by chunk (io::patent_chunk_reader) and counts,
// per filing year, the records and their IPC codes, holding at most CHUNK
// records at once: the memory of the read does not grow with the corpus. The
// corpus is the bundled synthetic one (testing/synthetic.hpp), written to a
// canonical CSV first.
//
// usage: stream_patents_by_year OUT_DIR [RECORDS] [CHUNK]
//
// example-args: @OUT_DIR@ 20000 1000
// example-expect: records: 20000 in 20 chunks of at most 1000
// example-expect: per-year counts equal the generator's: yes
// example-expect: 2024 +[0-9]+ +[0-9]+\.[0-9][0-9]
//
// Expected: 20,000 records in 20 chunks (20,000 / 1,000); the per-year record
// counts are checked against the generator's own records (synthetic_corpus::record).
#include <techconv/io/patent_inputs.hpp>
#include <techconv/records/patent_table.hpp>
#include <techconv/testing/synthetic.hpp>

#include <algorithm>  // std::max
#include <cstdio>     // std::printf
#include <cstdlib>    // std::atoll
#include <fstream>    // std::ofstream
#include <map>        // per-year counters
#include <string>     // std::string

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR [RECORDS] [CHUNK]\n", argv[0]);
        return 2;
    }
    namespace tio = techconv::io;
    techconv::testing::synthetic_options so;
    so.records = argc > 2 ? std::atoll(argv[2]) : 20000;
    so.seed = 11;
    const std::size_t chunk_records = argc > 3 ? static_cast<std::size_t>(std::atoll(argv[3])) : 1000;
    const techconv::testing::synthetic_corpus corpus(so);
    const std::string path = std::string(argv[1]) + "/corpus.csv";
    {
        std::ofstream out(path);
        corpus.write_csv(out);
    }
    try {
        struct year_counts {
            std::size_t records = 0, codes = 0;
        };
        std::map<int, year_counts> by_year;
        tio::read_patents_options opts;
        opts.merge_families = false;  // the chunk reader never merges families (that needs every member)
        tio::patent_chunk_reader reader({path}, opts, chunk_records);
        techconv::records::patent_table chunk;
        std::size_t chunks = 0, records = 0, peak = 0;
        while (reader.next_chunk(chunk)) {
            ++chunks;
            records += chunk.size();
            peak = std::max(peak, chunk.memory_bytes());
            for (const auto& c : chunk.chunks())
                for (std::size_t i = 0; i < c.size(); ++i) {
                    auto& y = by_year[c.application_year(i)];
                    ++y.records;
                    y.codes += c.ipc(i).size();
                }
        }
        std::printf("records: %zu in %zu chunks of at most %zu\n", records, chunks, chunk_records);
        std::printf("largest chunk: %zu KiB\n", peak / 1024);
        // the generator's own count per year, independent of the reader
        std::map<int, std::size_t> expected;
        for (techconv::index i = 0; i < corpus.size(); ++i) ++expected[corpus.record(i).year];
        bool same = expected.size() == by_year.size();
        for (const auto& [year, n] : expected) same = same && by_year.count(year) && by_year[year].records == n;
        std::printf("per-year counts equal the generator's: %s\n", same ? "yes" : "no");
        std::printf("year  records  IPC codes per record\n");
        for (const auto& [year, y] : by_year)
            std::printf("%d %8zu %8.2f\n", year, y.records,
                        static_cast<double>(y.codes) / static_cast<double>(y.records));
        return same ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
