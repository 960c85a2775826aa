// SPDX-License-Identifier: BSL-1.0
// The row interface of records::patent_table (begin_row ... end_row /
// abandon_row), the patent readers' next_into writing the table directly, and
// io::patent_chunk_reader. Expected values: the record path of the same
// readers (next(patent_record&) then patent_table::from_records, the
// existing, independently tested path) and read_patent_table without family
// merging; for the row interface, append of the same record.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdio>
#include <memory>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <techconv/io/canonical_csv.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/io/uspto_xml.hpp>
#include <techconv/records/patent_table.hpp>
#include <techconv/testing/synthetic.hpp>

#include "../io/patent_test_util.hpp"  // expect_parse_error
#include "record_equal.hpp"
#include "test_support.hpp"

namespace tio = techconv::io;
namespace rec = techconv::records;

namespace {

std::vector<std::string> lens_paths() {
    return {techconv_test::data_path("patents-lens-jet-engines/lens-export.csv"),
            techconv_test::data_path("patents-lens-sangamo/lens-export.csv"),
            techconv_test::data_path("patents-lens-drones-2016/drones_fulltext_families_5884_raw.first4000.csv"),
            techconv_test::data_path("patents-lens-pizza-2015-macexcel/pizza_lens_1000_raw.csv")};
}

std::vector<std::string> uspto_paths() {
    std::vector<std::string> out;
    for (const char* f : {"ipg050104.small.xml", "ipg070102.small.xml", "ipg100105.small.xml", "ipg130416.small.xml"})
        out.push_back(techconv_test::data_path(std::string("patents-uspto-grant-xml/") + f));
    return out;
}

/// The synthetic canonical CSV of `n` records (seed 11; testing/synthetic.hpp).
std::string synthetic_csv(long n) {
    techconv::testing::synthetic_options so;
    so.records = n;
    so.seed = 11;
    std::ostringstream out;
    techconv::testing::synthetic_corpus(so).write_csv(out);
    return out.str();
}

/// Reads `make()`'s reader twice, through next(record) + from_records and through next_into(table),
/// and checks the same records, unparsed codes and reader counters.
template <class Make>
void check_direct(Make&& make, std::size_t chunk) {
    rec::patent_table_options o;
    o.titles = true;
    o.chunk_capacity = chunk;
    std::vector<tio::patent_record> records;
    auto a = make();
    tio::patent_record r;
    while (a->next(r)) records.push_back(r);
    const auto expected = rec::patent_table::from_records(records, o);
    auto b = make();
    rec::patent_table t(o);
    while (b->next_into(t)) CHECK_FALSE(t.row_open());
    REQUIRE(t.size() == expected.size());
    CHECK(techconv_test::count_record_differences(t.to_records(), records) == 0);
    CHECK(t.unparsed().ipc == expected.unparsed().ipc);
    CHECK(t.unparsed().cpc == expected.unparsed().cpc);
    CHECK(t.unparsed().examples == expected.unparsed().examples);
    CHECK(a->stats().records == b->stats().records);
    CHECK(a->stats().rejected_codes == b->stats().rejected_codes);
    CHECK(a->stats().rejected_code_examples == b->stats().rejected_code_examples);
    CHECK(tio::input_note("x", a->stats()) == tio::input_note("x", b->stats()));
}

}  // namespace

TEST_CASE("patent_table rows: append is the row interface, and abandon_row leaves the table as it was") {
    tio::patent_record r;
    r.id = "X 1";
    r.jurisdiction = "EP";
    r.ipc = {"G06F17/30", "NOT A CODE", "G06T7/020"};
    r.cpc = {"#"};
    r.applicants = {{"ACME", tio::applicant_type::company, "DE"}};
    r.source_line = 7;
    rec::patent_table appended;
    appended.append(r);

    rec::patent_table t;
    t.begin_row(99);  // abandoned: a duplicate, or a record whose parse failed midway
    t.set_id("DROPPED");
    t.add_ipc("ALSO NOT A CODE");
    t.add_applicant("NOBODY", "FR", tio::applicant_type::individual);
    t.abandon_row();
    CHECK(t.size() == 0);
    CHECK(t.chunks().empty());  // the chunk opened for the abandoned row is gone
    CHECK(t.labels().empty());  // and so are the labels it added
    CHECK(t.unparsed().total() == 0);
    t.begin_row(7);
    t.add_cpc("#");  // order between columns is free
    t.add_ipc("G06F17/30");
    t.add_ipc("NOT A CODE");
    t.add_ipc("G06T7/020");
    t.set_id("X 1");
    t.set_jurisdiction("EP");
    t.add_applicant("ACME", "DE", tio::applicant_type::company);
    t.end_row();
    REQUIRE(t.size() == 1);
    CHECK(techconv_test::record_difference(t.to_record(0), r).empty());
    // counted and listed as append counts them: IPC first, with the id set after the codes
    CHECK(t.unparsed().ipc == 1);
    CHECK(t.unparsed().cpc == 1);
    CHECK(t.unparsed().examples == appended.unparsed().examples);
    CHECK(t.unparsed().examples == std::vector<std::string>{"X 1: ipc 'NOT A CODE'", "X 1: cpc '#'"});
    CHECK(t.ipc_text(0, 2) == "G06T7/020");
    // an abandoned row in a chunk that holds records keeps them
    t.begin_row(8);
    t.set_id("X 2");
    t.add_ipc("H01M10/05");
    t.set_title("ignored without titles");
    const auto labels = t.labels().size();
    t.abandon_row();
    CHECK(t.size() == 1);
    CHECK(t.labels().size() == labels);
    CHECK(techconv_test::record_difference(t.to_record(0), r).empty());
    // a field outside a row and a second begin_row are errors
    CHECK_THROWS_AS(t.set_id("Z"), techconv::invalid_argument);
    t.begin_row(9);
    CHECK_THROWS_AS(t.begin_row(10), techconv::invalid_argument);
    t.end_row();  // every field unset: the empty record of line 9
    tio::patent_record empty;
    empty.source_line = 9;
    CHECK(techconv_test::record_difference(t.to_record(1), empty).empty());
}

TEST_CASE("label_pool::truncate removes the last labels and keeps every other findable") {
    // 3,000 labels (several rehashes), many sharing probe runs; removing the last 1,000 one
    // batch at a time must leave exactly the first 2,000 findable, at their ids
    rec::label_pool p;
    const auto text = [](std::size_t i) { return "L" + std::to_string(i * 7919 % 3001); };
    for (std::size_t i = 0; i < 3000; ++i) REQUIRE(p.intern(text(i)) == i);
    for (std::size_t n = 2900; n >= 2000; n -= 100) {
        p.truncate(n);
        REQUIRE(p.size() == n);
    }
    std::size_t found = 0, gone = 0;
    for (std::size_t i = 0; i < 3000; ++i) {
        const auto id = p.find(text(i));
        if (i < 2000) found += id == i ? 1 : 0;
        else gone += id == rec::label_pool::npos ? 1 : 0;
    }
    CHECK(found == 2000);
    CHECK(gone == 1000);
    CHECK(p.intern(text(2500)) == 2000);  // a removed label comes back with the next id
}

TEST_CASE("patent_table rows: a count over 2^32 - 1 abandons the row and throws") {
    rec::patent_table t;
    t.begin_row(1);
    t.set_id("X");
    t.set_npl_list_items(std::size_t{1} << 33);
    CHECK_THROWS_AS(t.end_row(), techconv::invalid_argument);
    CHECK_FALSE(t.row_open());
    CHECK(t.size() == 0);
}

TEST_CASE("next_into writes the table of next + from_records: Lens exports (all layouts)" *
          doctest::test_suite("data")) {
    for (const auto& path : lens_paths()) {
        INFO(path);
        tio::patent_csv_options o;
        const auto make = [&] { return std::make_unique<tio::lens_reader>(path, o); };
        check_direct(make, 65536);
        check_direct(make, 333);
    }
}

TEST_CASE("next_into writes the table of next + from_records: USPTO grant XML" * doctest::test_suite("data")) {
    for (const auto& path : uspto_paths()) {
        INFO(path);
        const auto make = [&] { return std::make_unique<tio::uspto_xml_reader>(path); };
        check_direct(make, 65536);
        check_direct(make, 10);
    }
}

TEST_CASE("next_into writes the table of next + from_records: synthetic canonical CSV with rejected codes") {
    std::string csv = synthetic_csv(500);
    // two items that are no IPC symbols in the first record's IPC list: dropped and counted by both paths
    const auto header_end = csv.find('\n');
    const auto ipc_col = [&] {
        std::size_t col = 0, pos = 0;
        const std::string header = csv.substr(0, header_end);
        while (true) {
            const auto comma = header.find(',', pos);
            if (header.substr(pos, comma - pos) == "ipc") return col;
            REQUIRE(comma != std::string::npos);
            pos = comma + 1;
            ++col;
        }
    }();
    std::size_t pos = header_end + 1;
    for (std::size_t c = 0; c < ipc_col; ++c) pos = csv.find(',', pos) + 1;
    REQUIRE(csv[pos] != '"');  // the synthetic codes need no quotes
    csv.insert(pos, "ZZZZ;;12345;;");
    const auto make = [&] {
        auto in = std::make_shared<std::istringstream>(csv);
        struct holder : tio::canonical_csv_reader {
            explicit holder(std::shared_ptr<std::istringstream> s)
                : tio::canonical_csv_reader(*s, "synthetic.csv"), keep(std::move(s)) {}
            std::shared_ptr<std::istringstream> keep;
        };
        return std::make_unique<holder>(in);
    };
    check_direct(make, 64);
    auto r = make();
    rec::patent_table t;
    while (r->next_into(t)) {
    }
    CHECK(r->stats().rejected_codes == 2);
    REQUIRE(r->stats().rejected_code_examples.size() == 2);
    CHECK(r->stats().rejected_code_examples[0].rfind("synthetic.csv:2: 'ZZZZ' in ipc", 0) == 0);
    CHECK(t.size() == 500);
}

TEST_CASE("next_into: a row whose parse fails is abandoned, with the error of next (file, line, field)") {
    const std::string csv =
        "id,year,applicants,applicant_types,ipc,claims\n"
        "A1,2001,ACME,company,G06F17/30,3\n"
        "A2,2002,ACME;;BOB,company,H01M10/05,4\n"   // line 3: 2 applicants, 1 type
        "A3,2003,ACME,company,H01M10/05,x\n";       // line 4: claims not a number
    for (const int bad : {3, 4}) {
        INFO("bad line " << bad);
        std::string text = csv;
        if (bad == 4) text.replace(text.find("ACME;;BOB"), 9, "ACME");  // line 3 fixed
        std::istringstream a(text), b(text);
        tio::canonical_csv_reader ra(a, "t.csv"), rb(b, "t.csv");
        tio::patent_record r;
        rec::patent_table t;
        std::size_t before_a = 0, before_b = 0;
        const auto ea = techconv_test::expect_parse_error([&] {
            while (ra.next(r)) ++before_a;
        });
        const auto eb = techconv_test::expect_parse_error([&] {
            while (rb.next_into(t)) ++before_b;
        });
        CHECK(ea.code() == eb.code());
        CHECK(ea.line() == eb.line());
        CHECK(ea.line() == static_cast<std::size_t>(bad));
        CHECK(std::string(ea.what()) == std::string(eb.what()));
        CHECK(before_a == before_b);
        CHECK_FALSE(t.row_open());  // the failed row was abandoned
        CHECK(t.size() == before_b);
        CHECK(t.to_record(t.size() - 1).id == (bad == 3 ? "A1" : "A2"));
    }
}

namespace {

/// The rows of every chunk `r` gives, as records; checks each chunk's size and memory bound.
std::vector<tio::patent_record> read_chunks(tio::patent_chunk_reader& r, std::size_t n, std::size_t& chunks) {
    std::vector<tio::patent_record> out;
    rec::patent_table chunk;
    chunks = 0;
    while (r.next_chunk(chunk)) {
        ++chunks;
        CHECK(chunk.size() <= n);
        CHECK(chunk.size() > 0);
        // memory bound: the chunk's columns grow by doubling, so they hold at most twice what
        // one-record tables of its records hold together (each of those has capacity >= size,
        // plus its own label pool and fixed part); independent of the input's size
        std::size_t bound = 0;
        const auto rows = chunk.to_records();
        for (const auto& x : rows) bound += rec::patent_table::from_records({x}, chunk.options()).memory_bytes();
        CHECK(chunk.memory_bytes() <= 2 * bound);
        out.insert(out.end(), rows.begin(), rows.end());
    }
    CHECK(chunk.empty());
    return out;
}

}  // namespace

TEST_CASE("patent_chunk_reader: the chunks are read_patent_table without family merging" *
          doctest::test_suite("data")) {
    const std::string synth = "/tmp/techconv_chunk_reader_test_" + std::to_string(::getpid()) + ".csv";
    {
        std::ofstream f(synth);
        f << synthetic_csv(300);
    }
    const auto lens = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    const auto sangamo = techconv_test::data_path("patents-lens-sangamo/lens-export.csv");
    // a file given twice: its records are duplicates across the stream
    const std::vector<std::string> paths = {sangamo, uspto_paths()[0], synth, sangamo, lens};
    tio::read_patents_options o;
    o.merge_families = false;
    rec::patent_table_options to;
    to.titles = true;
    const auto whole = tio::read_patent_table(paths, o, to);
    const auto expected = whole.table.to_records();
    REQUIRE(whole.duplicates >= 130);  // Sangamo's 130 rows, read a second time
    for (const std::size_t n : {std::size_t{1}, std::size_t{7}, expected.size() + 5}) {
        INFO("chunk " << n);
        tio::read_patents_options oc;
        oc.merge_families = true;  // ignored by the chunk reader
        tio::patent_chunk_reader r(paths, oc, n, to);
        std::size_t chunks = 0;
        const auto got = read_chunks(r, n, chunks);
        CHECK(chunks == (expected.size() + n - 1) / n);
        CHECK(techconv_test::count_record_differences(got, expected) == 0);
        const auto& rep = r.report();
        CHECK(rep.read == whole.read);
        CHECK(rep.merged == 0);
        CHECK(rep.duplicates == whole.duplicates);
        CHECK(rep.duplicate_examples == whole.duplicate_examples);
        CHECK(rep.rejected_codes == whole.rejected_codes);
        CHECK(rep.has_country_column == whole.has_country_column);
        CHECK(rep.notes() == whole.notes());
    }
    // without duplicate dropping every record of every file is in the stream
    tio::read_patents_options keep;
    keep.drop_duplicates = false;
    keep.merge_families = false;
    tio::patent_chunk_reader r(paths, keep, 100);
    std::size_t chunks = 0;
    const auto all = read_chunks(r, 100, chunks);
    CHECK(all.size() == whole.table.size() + whole.duplicates);
    CHECK(r.id_memory_bytes() == rec::label_pool().memory_bytes());  // no id kept
    std::remove(synth.c_str());
}

TEST_CASE("patent_chunk_reader: chunk_records 0 is an error, and a stream without inputs has no chunk") {
    CHECK_THROWS_AS(tio::patent_chunk_reader(std::vector<std::string>{}, {}, 0), techconv::invalid_argument);
    tio::patent_chunk_reader r(std::vector<std::string>{}, {}, 5);
    rec::patent_table chunk;
    CHECK_FALSE(r.next_chunk(chunk));
    CHECK(r.report().files.empty());
}
