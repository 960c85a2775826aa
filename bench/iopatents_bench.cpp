// Patent readers: Lens CSV and USPTO XML parsing into patent records, each
// beside a baseline that only tokenises the same bytes (plain csv_reader
// field iteration; a byte scan counting '<'), plus indicator extraction, and
// reading into a records::patent_table by append against next_into.
// Inputs are generated in memory (deterministic), shaped like the real exports; the Derwent
// Innovations Index and Google Patents cases read the shared samples when TECHCONV_DATA_DIR
// names the datasets.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_common.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/analysis/indicators.hpp"
#include "techconv/io/lens.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/io/uspto_xml.hpp"
#include "techconv/records/patent_table.hpp"

namespace {

std::string lens_text(std::size_t n) {
    std::string s =
        "#,Jurisdiction,Kind,Publication Number,Lens ID,Publication Year,Applicants,Inventors,"
        "Cites Patent Count,Cited by Patent Count,Simple Family Size,Simple Family Members,"
        "Simple Family Member Jurisdictions,IPCR Classifications,NPL Citation Count\n";
    for (std::size_t i = 0; i < n; ++i) {
        const auto k = std::to_string(i);
        s += k + ",US,B2,US " + k + " B2,100-" + k + ",20" + std::to_string(10 + i % 10) +
             ",ACME CORP;;UNIV OF X;;DOE JOHN,DOE JOHN;;ROE JANE," + std::to_string(i % 37) + "," +
             std::to_string(i % 11) + ",3,100-" + k + ";;200-" + k + ";;300-" + k +
             ",US;;EP;;CN;;JP,G06N3/08;;H01L21/02;;G06F17/30;;G06N3/04," + std::to_string(i % 7) +
             "\n";
    }
    return s;
}

std::string xml_text(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE us-patent-grant SYSTEM \"x.dtd\" [ ]>\n"
             "<us-patent-grant><us-bibliographic-data-grant>\n<publication-reference><document-id>"
             "<country>US</country><doc-number>0" + std::to_string(7000000 + i) +
             "</doc-number><kind>B2</kind><date>20130416</date></document-id></publication-reference>\n"
             "<application-reference appl-type=\"utility\"><document-id><country>US</country>"
             "<doc-number>1</doc-number><date>20100101</date></document-id></application-reference>\n"
             "<classifications-ipcr><classification-ipcr><section>G</section><class>06</class>"
             "<subclass>N</subclass><main-group>3</main-group><subgroup>08</subgroup>"
             "<symbol-position>F</symbol-position></classification-ipcr></classifications-ipcr>\n"
             "<invention-title>Neural chip</invention-title><us-references-cited>";
        for (int c = 0; c < 20; ++c)
            s += "<us-citation><patcit num=\"1\"><document-id><country>US</country><doc-number>5</doc-number>"
                 "</document-id></patcit><category>cited by examiner</category></us-citation>\n";
        s += "</us-references-cited><number-of-claims>18</number-of-claims>\n"
             "<us-parties><us-applicants><us-applicant app-type=\"applicant\"><addressbook>"
             "<orgname>Acme Corp</orgname><address><country>US</country></address></addressbook>"
             "</us-applicant></us-applicants><inventors><inventor><addressbook><last-name>Li</last-name>"
             "<first-name>Wei</first-name><address><country>CN</country></address></addressbook>"
             "</inventor></inventors></us-parties></us-bibliographic-data-grant>\n<description>";
        for (int p = 0; p < 30; ++p)
            s += "<p>A long description paragraph with &#x3b1; entities and text about chips.</p>\n";
        s += "</description></us-patent-grant>\n";
    }
    return s;
}

void bm_lens_reader(benchmark::State& st) {
    const auto text = lens_text(static_cast<std::size_t>(st.range(0)));
    for (auto _ : st) {
        std::istringstream in(text);
        techconv::io::lens_reader r(in, "bench.csv");
        techconv::io::patent_record rec;
        std::size_t n = 0;
        while (r.next(rec)) n += rec.ipc.size();
        benchmark::DoNotOptimize(n);
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * st.iterations());
}
BENCHMARK(bm_lens_reader)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Into a records::patent_table: each record read then appended (what read_patent_table did before
// the readers had next_into), against the reader writing the columns directly (next_into).
template <class Reader>
void into_table(benchmark::State& st, const std::string& text, const char* name, bool direct) {
    for (auto _ : st) {
        std::istringstream in(text);
        Reader r(in, name);
        techconv::records::patent_table t;
        if (direct) {
            while (r.next_into(t)) {}
        } else {
            techconv::io::patent_record rec;
            while (r.next(rec)) t.append(rec);
        }
        benchmark::DoNotOptimize(t.size());
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * st.iterations());
}
void bm_lens_reader_append(benchmark::State& st) {
    into_table<techconv::io::lens_reader>(st, lens_text(static_cast<std::size_t>(st.range(0))), "bench.csv", false);
}
void bm_lens_reader_table(benchmark::State& st) {
    into_table<techconv::io::lens_reader>(st, lens_text(static_cast<std::size_t>(st.range(0))), "bench.csv", true);
}
BENCHMARK(bm_lens_reader_append)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_lens_reader_table)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Files of a shared sample (`folder` in TECHCONV_DATA_DIR) read into the columnar table with
// --format auto (io::read_patent_table, families not merged).
void read_shared_sample(benchmark::State& st, const std::vector<std::string>& names) {
    const char* dir = std::getenv("TECHCONV_DATA_DIR");
    if (dir == nullptr) {
        st.SkipWithError("TECHCONV_DATA_DIR is not set");
        return;
    }
    std::vector<std::string> files;
    std::int64_t bytes = 0;
    for (const auto& n : names) {
        files.push_back(std::string(dir) + "/" + n);
        bytes += static_cast<std::int64_t>(std::ifstream(files.back(), std::ios::binary | std::ios::ate).tellg());
    }
    techconv::io::read_patents_options o;
    o.merge_families = false;
    for (auto _ : st) {
        const auto in = techconv::io::read_patent_table(files, o);
        benchmark::DoNotOptimize(in.table.size());
    }
    st.SetBytesProcessed(bytes * st.iterations());
}

// The two files of the shared Derwent sample (derwent-dii-drones, 2 x 500 DWPI families).
void bm_derwent_table(benchmark::State& st) {
    read_shared_sample(st, {"derwent-dii-drones/derwent_drone_drones_1_500.ciw",
                            "derwent-dii-drones/derwent_drone_drones_501_1000.ciw"});
}
BENCHMARK(bm_derwent_table)->Unit(benchmark::kMillisecond);

// The four PatentsView API responses of the shared sample (213 patents).
void bm_patentsview_table(benchmark::State& st) {
    read_shared_sample(st, {"patentsview-api-json-vcr/after-paging-1.response.json",
                            "patentsview-api-json-vcr/after-paging-2.response.json",
                            "patentsview-api-json-vcr/and-operator.response.json",
                            "patentsview-api-json-vcr/patent-all-fields.response.json"});
}
BENCHMARK(bm_patentsview_table)->Unit(benchmark::kMillisecond);

// The two Google Patents samples: 316 rows re-saved in Mac Roman with M/D/YY dates, 511 rows
// of Google's UTF-8 export.
void bm_google_patents_table(benchmark::State& st) {
    read_shared_sample(st, {"patents-google-autonomous-patentr/google_autonomous_search.csv",
                            "patents-google-biogas-br/gp-search-20230830-124212.csv"});
}
BENCHMARK(bm_google_patents_table)->Unit(benchmark::kMillisecond);

void bm_lens_baseline_csv_fields(benchmark::State& st) {
    const auto text = lens_text(static_cast<std::size_t>(st.range(0)));
    for (auto _ : st) {
        std::istringstream in(text);
        techconv::io::csv_reader r(in, "bench.csv");
        std::size_t n = 0;
        while (r.next()) n += r.field(13).size();
        benchmark::DoNotOptimize(n);
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * st.iterations());
}
BENCHMARK(bm_lens_baseline_csv_fields)->Arg(100'000)->Unit(benchmark::kMillisecond);

void bm_uspto_xml_reader(benchmark::State& st) {
    const auto text = xml_text(static_cast<std::size_t>(st.range(0)));
    for (auto _ : st) {
        std::istringstream in(text);
        techconv::io::uspto_xml_reader r(in, "bench.xml");
        techconv::io::patent_record rec;
        std::size_t n = 0;
        while (r.next(rec)) n += rec.ipc.size();
        benchmark::DoNotOptimize(n);
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * st.iterations());
}
BENCHMARK(bm_uspto_xml_reader)->Arg(5'000)->Unit(benchmark::kMillisecond);

void bm_uspto_xml_reader_append(benchmark::State& st) {
    into_table<techconv::io::uspto_xml_reader>(st, xml_text(static_cast<std::size_t>(st.range(0))), "bench.xml",
                                               false);
}
void bm_uspto_xml_reader_table(benchmark::State& st) {
    into_table<techconv::io::uspto_xml_reader>(st, xml_text(static_cast<std::size_t>(st.range(0))), "bench.xml",
                                               true);
}
BENCHMARK(bm_uspto_xml_reader_append)->Arg(5'000)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_uspto_xml_reader_table)->Arg(5'000)->Unit(benchmark::kMillisecond);

void bm_xml_baseline_scan(benchmark::State& st) {
    const auto text = xml_text(static_cast<std::size_t>(st.range(0)));
    for (auto _ : st) {
        std::istringstream in(text);
        std::vector<char> buf(std::size_t{1} << 20);
        std::size_t tags = 0;
        while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
            const auto got = static_cast<std::size_t>(in.gcount());
            for (std::size_t i = 0; i < got; ++i) tags += buf[i] == '<' ? 1 : 0;
        }
        benchmark::DoNotOptimize(tags);
    }
    st.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * st.iterations());
}
BENCHMARK(bm_xml_baseline_scan)->Arg(5'000)->Unit(benchmark::kMillisecond);

void bm_indicator_matrix(benchmark::State& st) {
    const auto text = lens_text(static_cast<std::size_t>(st.range(0)));
    std::istringstream in(text);
    techconv::io::lens_reader r(in, "bench.csv");
    const auto recs = r.read_all();
    for (auto _ : st) {
        auto t = techconv::io::indicator_matrix(recs);
        benchmark::DoNotOptimize(t.values.data());
    }
    st.SetItemsProcessed(static_cast<std::int64_t>(recs.size()) * st.iterations());
}
BENCHMARK(bm_indicator_matrix)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
