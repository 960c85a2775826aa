// SPDX-License-Identifier: BSL-1.0
// records::patent_table (records/patent_table.hpp): every field of
// io::patent_record survives append/to_record on the real Lens and USPTO
// exports; chunk boundaries; codes that do not parse are counted and kept;
// read_patent_table and the table's family merging give the records of
// read_patents and io::merge_families. Expected values: the vector form of the
// same input (the existing, independently tested path), and hand-made records.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <techconv/classification/ipc.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/records/patent_table.hpp>
#include <techconv/testing/synthetic.hpp>

#include "record_equal.hpp"
#include "test_support.hpp"

namespace tio = techconv::io;
namespace rec = techconv::records;
namespace cls = techconv::classification;

namespace {

std::vector<std::string> uspto_files() {
    std::vector<std::string> out;
    for (const char* f : {"ipg050104.small.xml", "ipg060103.small.xml", "ipg070102.small.xml", "ipg080101.small.xml",
                          "ipg090106.small.xml", "ipg100105.small.xml", "ipg110104.small.xml", "ipg120103.small.xml",
                          "ipg130416.small.xml"})
        out.push_back(techconv_test::data_path(std::string("patents-uspto-grant-xml/") + f));
    return out;
}

std::vector<std::string> lens_files() {
    return {techconv_test::data_path("patents-lens-jet-engines/lens-export.csv"),
            techconv_test::data_path("patents-lens-sangamo/lens-export.csv"),
            techconv_test::data_path("patents-lens-drones-2016/drones_fulltext_families_5884_raw.first4000.csv"),
            techconv_test::data_path("patents-lens-pizza-2015-macexcel/pizza_lens_1000_raw.csv")};
}

tio::patent_record small_record(int i) {
    tio::patent_record r;
    r.id = "X " + std::to_string(i);
    r.jurisdiction = i % 2 ? "US" : "EP";
    r.publication_year = 2000 + i;
    r.ipc = {"G06F17/30", "H04L9/32"};
    r.source_line = static_cast<std::size_t>(i + 2);
    return r;
}

void check_round_trip(const std::vector<tio::patent_record>& recs, std::size_t chunk) {
    rec::patent_table_options o;
    o.titles = true;
    o.chunk_capacity = chunk;
    const auto t = rec::patent_table::from_records(recs, o);
    REQUIRE(t.size() == recs.size());
    CHECK(techconv_test::count_record_differences(t.to_records(), recs) == 0);
}

}  // namespace

TEST_CASE("patent_table: every field of the Lens exports survives append and to_record" * doctest::test_suite("data")) {
    for (const auto& path : lens_files()) {
        INFO(path);
        tio::read_patents_options o;
        o.format = tio::input_format::lens;  // the Mac Roman pizza export is not detected from its first line
        o.merge_families = false;
        o.drop_duplicates = false;
        const auto in = tio::read_patents({path}, o);
        REQUIRE(in.records.size() >= 130);  // the smallest, Sangamo, has 130 rows
        check_round_trip(in.records, 65536);
        check_round_trip(in.records, 1000);  // several chunks
    }
}

TEST_CASE("patent_table: every field of the USPTO grant XML survives append and to_record" *
          doctest::test_suite("data")) {
    tio::read_patents_options o;
    o.merge_families = false;
    o.drop_duplicates = false;
    const auto in = tio::read_patents(uspto_files(), o);
    REQUIRE(in.records.size() >= 200);
    check_round_trip(in.records, 65536);
    check_round_trip(in.records, 777);
}

TEST_CASE("patent_table: titles are dropped unless asked for, all else is kept") {
    auto r = small_record(1);
    r.title = "A title";
    rec::patent_table t;  // default options: no titles
    t.append(r);
    const auto back = t.to_record(0);
    CHECK(back.title.empty());
    r.title.clear();
    CHECK(techconv_test::record_difference(back, r).empty());
}

TEST_CASE("patent_table: counts of 2^32 and more keep their value") {
    auto r = small_record(0);
    r.counts.set(tio::indicator::claims, 12);
    r.counts.set(tio::indicator::forward_citations, 5000000000LL);  // past 32 bits
    r.counts.set(tio::indicator::family_size, 4294967295LL);        // 2^32 - 1, the escape value itself
    r.counts.set(tio::indicator::applicants, 0);
    rec::patent_table t;
    t.append(small_record(1));
    t.append(r);
    const auto back = t.to_record(1);
    CHECK(back.counts == r.counts);
    CHECK(*back.counts.get(tio::indicator::forward_citations) == 5000000000LL);
    CHECK(*back.counts.get(tio::indicator::family_size) == 4294967295LL);
    CHECK_FALSE(back.counts.has(tio::indicator::npl_citations));
}

TEST_CASE("patent_table: chunks of a fixed capacity, rows located across boundaries") {
    rec::patent_table_options o;
    o.chunk_capacity = 3;
    rec::patent_table t(o);
    for (int i = 0; i < 7; ++i) t.append(small_record(i));
    REQUIRE(t.size() == 7);
    REQUIRE(t.chunks().size() == 3);  // 3 + 3 + 1
    CHECK(t.chunks()[0].size() == 3);
    CHECK(t.chunks()[1].size() == 3);
    CHECK(t.chunks()[2].size() == 1);
    CHECK(t.chunks()[1].first_row() == 3);
    CHECK(t.chunks()[2].first_row() == 6);
    for (int i = 0; i < 7; ++i) {
        const auto [c, k] = t.locate(static_cast<std::size_t>(i));
        CHECK(c->id(k) == "X " + std::to_string(i));
        CHECK(c->publication_year(k) == 2000 + i);
        CHECK(t.label(c->jurisdiction(k)) == (i % 2 ? "US" : "EP"));
        REQUIRE(c->ipc(k).size() == 2);
        CHECK(c->ipc(k)[0] == cls::parse_ipc("G06F 17/30"));
        CHECK(techconv_test::record_difference(t.to_record(static_cast<std::size_t>(i)), small_record(i)).empty());
    }
    // the labels are shared: two offices, one kind "", one type "" (first seen: EP, "", US)
    CHECK(t.labels().find("EP") != rec::label_pool::npos);
    CHECK(t.labels().find("US") != rec::label_pool::npos);
    CHECK(t.labels().size() == 3);
    CHECK_THROWS_AS(rec::patent_table(rec::patent_table_options{false, 0, 20}), techconv::invalid_argument);
}

TEST_CASE("patent_table: codes that do not parse are counted, kept as text, and give the empty code") {
    tio::patent_record r = small_record(0);
    r.ipc = {"G06F17/30", "NOT A CODE", "G06T7/020", ""};
    r.cpc = {"Y02T50/60", "#"};
    rec::patent_table t;
    t.append(r);
    t.append(small_record(1));
    CHECK(t.unparsed().ipc == 2);  // "NOT A CODE" and ""
    CHECK(t.unparsed().cpc == 1);  // "#"
    CHECK(t.unparsed().total() == 3);
    REQUIRE(t.unparsed().examples.size() == 3);
    CHECK(t.unparsed().examples[0] == "X 0: ipc 'NOT A CODE'");
    CHECK(t.unparsed().examples[2] == "X 0: cpc '#'");
    const auto [c, k] = t.locate(0);
    REQUIRE(c->ipc(k).size() == 4);  // never dropped
    CHECK(c->ipc(k)[1].empty());
    CHECK(c->ipc(k)[3].empty());
    // "G06T7/020" parses as G06T 7/02 (a subgroup is a decimal fraction) and keeps its text
    CHECK(c->ipc(k)[2] == cls::parse_ipc("G06T 7/02"));
    CHECK(t.ipc_text(0, 2) == "G06T7/020");
    CHECK(t.ipc_text(0, 0) == "G06F17/30");
    CHECK(t.cpc_text(0, 0) == "Y02T50/60");
    CHECK(techconv_test::record_difference(t.to_record(0), r).empty());
}

TEST_CASE("read_patent_table gives the records and counters of read_patents" * doctest::test_suite("data")) {
    const auto lens = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    const std::vector<std::vector<std::string>> inputs = {{lens}, {lens, lens}, uspto_files()};
    for (const auto& paths : inputs) {
        for (const bool merge : {false, true}) {
            INFO(paths.front() << " x" << paths.size() << " merge " << merge);
            tio::read_patents_options o;
            o.merge_families = merge;
            const auto v = tio::read_patents(paths, o);
            rec::patent_table_options to;
            to.titles = true;
            to.chunk_capacity = 1024;
            const auto t = tio::read_patent_table(paths, o, to);
            CHECK(techconv_test::count_record_differences(t.table.to_records(), v.records) == 0);
            CHECK(t.read == v.read);
            CHECK(t.merged == v.merged);
            CHECK(t.duplicates == v.duplicates);
            CHECK(t.duplicate_examples == v.duplicate_examples);
            CHECK(t.notes() == v.notes());
            CHECK(t.has_country_column == v.has_country_column);
        }
    }
}

namespace {

/// Merges `recs` both ways under every key and count rule; returns the records merged (vector form).
std::size_t check_merges(const std::vector<tio::patent_record>& recs) {
    std::size_t merged = 0;
    rec::patent_table_options to;
    to.titles = true;
    to.chunk_capacity = 999;
    const auto t = rec::patent_table::from_records(recs, to);
    for (const auto rule : {tio::family_key_rule::family_id_then_priorities, tio::family_key_rule::family_id_only})
        for (const auto counts :
             {tio::family_count_merge::max, tio::family_count_merge::sum, tio::family_count_merge::first}) {
            const tio::family_options fo{rule, counts};
            const auto v = tio::merge_families(recs, fo);
            const auto m = rec::merge_families(t, fo);
            CHECK(m.merged == v.merged);
            CHECK(m.without_key == v.without_key);
            CHECK(m.input_records == v.input_records);
            merged += v.merged;
            CHECK(techconv_test::count_record_differences(m.table.to_records(), v.records) == 0);
            // the unparsed codes are those of the merged records (as if they were appended)
            const auto appended = rec::patent_table::from_records(v.records, to);
            CHECK(m.table.unparsed().ipc == appended.unparsed().ipc);
            CHECK(m.table.unparsed().cpc == appended.unparsed().cpc);
            CHECK(m.table.unparsed().examples == appended.unparsed().examples);
            // consuming the input (chunks freed as the merge passes them) gives the same table
            auto copy = t;
            const auto c = rec::merge_families(std::move(copy), fo);
            CHECK(c.merged == v.merged);
            CHECK(c.without_key == v.without_key);
            CHECK(techconv_test::count_record_differences(c.table.to_records(), v.records) == 0);
            CHECK(c.table.unparsed().examples == appended.unparsed().examples);
        }
    return merged;
}

}  // namespace

TEST_CASE("merge_families on a table equals io::merge_families on the real exports" * doctest::test_suite("data")) {
    for (const auto& path : lens_files()) {
        INFO(path);
        tio::read_patents_options o;
        o.format = tio::input_format::lens;
        o.merge_families = false;
        check_merges(tio::read_patents({path}, o).records);
    }
    tio::read_patents_options o;
    o.merge_families = false;
    check_merges(tio::read_patents(uspto_files(), o).records);
}

namespace {

/// The synthetic corpus (5,000 records, seed 3) read back from its canonical CSV.
std::vector<tio::patent_record> synthetic_records() {
    techconv::testing::synthetic_options so;
    so.records = 5000;
    so.seed = 3;
    const techconv::testing::synthetic_corpus corpus(so);
    std::ostringstream text;
    corpus.write_csv(text);
    std::istringstream in(text.str());
    tio::canonical_csv_reader reader(in, "synthetic");
    return reader.read_all();
}

}  // namespace

TEST_CASE("merge_families on a table equals io::merge_families on a corpus with families") {
    const auto recs = synthetic_records();
    REQUIRE(recs.size() == 5000);
    // synthetic.hpp: families group 1..3 consecutive records, so thousands of records merge
    CHECK(check_merges(recs) > 1000);
}

TEST_CASE("merge_families consuming a table whose families are spread over its chunks") {
    // the same corpus, records dealt into 7 piles (record i goes to pile i mod 7) and the piles
    // concatenated: a family's members (consecutive in synthetic.hpp) land ~700 records apart,
    // in different chunks of 999, so a chunk is needed after the scan has left it
    const auto recs = synthetic_records();
    std::vector<tio::patent_record> spread;
    for (std::size_t pile = 0; pile < 7; ++pile)
        for (std::size_t i = pile; i < recs.size(); i += 7) spread.push_back(recs[i]);
    REQUIRE(spread.size() == recs.size());
    CHECK(check_merges(spread) > 1000);
}
