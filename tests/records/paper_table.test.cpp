// SPDX-License-Identifier: BSL-1.0
// records::paper_table (records/paper_table.hpp) and io::read_paper_table
// (io/papers.hpp): the readers fill the table column by column, and every field
// of every record equals what the same reader gives as io::bibliographic_record
// (the row form, tested on its own in tests/io and tests/closeness) on the
// shared WoS and Scopus exports, with equal reports; the actor records and the
// branch table built from the table equal those of the vector; label interning
// and chunk boundaries by hand-made records. Expected values: the vector form of
// the same input, and hand counts written next to each check.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <techconv/analysis/branches.hpp>
#include <techconv/analysis/collaboration.hpp>
#include <techconv/classification/terms.hpp>
#include <techconv/io/papers.hpp>
#include <techconv/io/scopus.hpp>
#include <techconv/io/wos.hpp>
#include <techconv/records/paper_table.hpp>

#include "test_support.hpp"

namespace tio = techconv::io;
namespace rec = techconv::records;
namespace ana = techconv::analysis;

namespace {

struct dataset {
    const char* path;
    tio::input_format format;
};

// The shared WoS and Scopus exports (the JSON exports join them in the chunk reader's test).
const dataset datasets[] = {
    {"wos-ble-scientopy/wos_2026_04_02_1000.txt", tio::input_format::wos_tab},
    {"wos-medicine-metaknowledge/ManyAuthors.isi", tio::input_format::wos},
    {"scopus-ble-iot-scientopy/scopus.csv", tio::input_format::scopus},
};

tio::bibliographic_data read_rows(const std::string& path, tio::input_format f, const tio::bibliographic_options& o) {
    if (f == tio::input_format::scopus) return tio::read_scopus(path, o);
    return f == tio::input_format::wos_tab ? tio::read_wos_tab(path, o) : tio::read_wos_tagged(path, o);
}

std::vector<std::string> texts(const rec::paper_table& t, rec::column_range<rec::label_index> ids) {
    std::vector<std::string> out;
    for (const auto id : ids) out.emplace_back(t.label(id));
    return out;
}

void check_same_report(const tio::bibliographic_report& a, const tio::bibliographic_report& b) {
    CHECK(a.records == b.records);
    CHECK(a.duplicates == b.duplicates);
    CHECK(a.duplicate_ids == b.duplicate_ids);
    CHECK(a.skipped == b.skipped);
    CHECK(a.unknown_tags == b.unknown_tags);
    CHECK(a.parts == b.parts);
    CHECK(a.issues.size() == b.issues.size());
    CHECK(a.without_country == b.without_country);
    CHECK(a.from_fallback == b.from_fallback);
    CHECK(a.unresolved_addresses == b.unresolved_addresses);
    CHECK(a.unresolved_spellings == b.unresolved_spellings);
    CHECK(a.text.used == b.text.used);
    CHECK(a.text.stray_lines == b.text.stray_lines);
    CHECK(a.text.stray_bytes == b.text.stray_bytes);
}

// Every field of every record of `t` against the vector form.
void check_same_records(const rec::paper_table& t, const std::vector<tio::bibliographic_record>& v, bool with_texts) {
    REQUIRE(t.size() == v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        const auto [c, k] = t.locate(i);
        const auto& r = v[i];
        INFO("record " << i << " " << r.id);
        CHECK(c->id(k) == r.id);
        CHECK(c->year(k) == r.year);
        CHECK(c->line(k) == r.line);
        CHECK(c->source(k) == r.source);
        CHECK(texts(t, c->countries(k)) == r.countries);
        CHECK(texts(t, c->institutions(k)) == r.institutions);
        CHECK(texts(t, c->unresolved(k)) == r.unresolved);
        CHECK(texts(t, c->references(k)) == r.references);
        CHECK(c->title(k) == (with_texts ? r.title : std::string()));
        CHECK(c->keywords(k) == (with_texts ? r.keywords : std::string()));
    }
}

void check_same_actors(const techconv::closeness::actor_records& a, const techconv::closeness::actor_records& b) {
    CHECK(a.labels() == b.labels());
    CHECK(a.duplicates() == b.duplicates());
    REQUIRE(a.size() == b.size());
    for (techconv::index r = 0; r < a.size(); ++r) {
        CHECK(a.id(r) == b.id(r));
        CHECK(a.year(r) == b.year(r));
        CHECK(std::vector<techconv::label_id>(a.actors(r).begin(), a.actors(r).end()) ==
              std::vector<techconv::label_id>(b.actors(r).begin(), b.actors(r).end()));
    }
}

}  // namespace

TEST_CASE("paper_table: read_paper_table equals the vector reading on every shared WoS and Scopus export") {
    for (const auto& d : datasets) {
        const std::string path = techconv_test::data_path(d.path);
        for (const bool with_texts : {true, false}) {
            const std::string what = std::string(d.path) + (with_texts ? " with texts" : " without texts");
            INFO(what);
            tio::bibliographic_options o;
            o.titles_and_keywords = with_texts;
            const auto rows = read_rows(path, d.format, o);
            tio::read_papers_options ro;
            ro.reader = o;
            ro.table.texts = with_texts;
            ro.table.chunk_capacity = 97;  // several chunks, a boundary inside every export
            const auto in = tio::read_paper_table(std::vector<std::string>{path}, ro);
            REQUIRE(in.files.size() == 1);
            CHECK(in.files[0].format == d.format);  // detected
            check_same_report(in.files[0].report, rows.report);
            CHECK(in.records() == rows.report.records);
            check_same_records(in.table, rows.records, with_texts);
            check_same_actors(ana::country_records(in.table), ana::country_records(rows.records));
            check_same_actors(ana::institution_records(in.table), ana::institution_records(rows.records));
            CHECK(in.table.chunks().size() == (rows.records.size() + 96) / 97);
        }
    }
}

TEST_CASE("paper_table: two files and the same file twice keep every record, actor records count an id once") {
    const std::string wos = techconv_test::data_path(datasets[0].path);
    const std::string scopus = techconv_test::data_path(datasets[2].path);
    const auto in = tio::read_paper_table(std::vector<std::string>{wos, scopus, wos});
    auto a = tio::read_wos_tab(wos).records;
    const auto b = tio::read_scopus(scopus).records;
    const std::size_t once = a.size();
    a.insert(a.end(), b.begin(), b.end());
    const auto again = tio::read_wos_tab(wos).records;
    a.insert(a.end(), again.begin(), again.end());
    check_same_records(in.table, a, true);
    const auto actors = ana::country_records(in.table);
    check_same_actors(actors, ana::country_records(a));
    // the third file repeats the first: each of its records with an id is a duplicate
    std::size_t with_id = 0;
    for (std::size_t i = 0; i < once; ++i) with_id += a[i].id.empty() ? 0 : 1;
    CHECK(actors.duplicates().size() >= with_id);
}

TEST_CASE("paper_table: branches on the table equal branches on the vector") {
    // two branches by hand; terms that occur in the BLE / IoT exports' titles and keywords
    std::istringstream terms("branch,term\nradio,bluetooth\nradio,wireless\nsensing,sensor\n");
    const techconv::classification::term_classifier k(ana::read_branch_terms(terms, "<terms>"));
    for (const auto& d : datasets) {
        const std::string what = d.path;
        INFO(what);
        const std::string path = techconv_test::data_path(d.path);
        const auto rows = read_rows(path, d.format, {});
        const auto in = tio::read_paper_table(std::vector<std::string>{path});
        const auto a = ana::classify_branches(in.table, k);
        const auto b = ana::classify_branches(rows.records, k);
        check_same_actors(a.records, b.records);
        CHECK(a.records_per_branch == b.records_per_branch);
        CHECK(a.unclassified == b.unclassified);
        CHECK(a.duplicates == b.duplicates);
    }
    rec::paper_table_options no_texts;
    no_texts.texts = false;
    CHECK_THROWS_AS(ana::classify_branches(rec::paper_table(no_texts), k), techconv::invalid_argument);
}

TEST_CASE("paper_table: labels are interned once in first-seen order and shared by the columns") {
    rec::paper_table t;
    t.begin_record("P1", 2019, 1);
    t.add_country("CN");
    t.add_country("US");
    t.add_institution("Univ A");
    t.set_texts("a title", "k1; k2");
    t.end_record(tio::country_field::addresses);
    t.begin_record("P2", 2020, 9);
    t.add_country("US");
    t.add_country("DE");
    t.add_institution("CN");  // the same text as a country: the same label
    t.add_unresolved("Atlantis");
    t.end_record(tio::country_field::reprint);  // no set_texts: empty title and keywords
    // labels by hand: CN 0, US 1, Univ A 2, DE 3, Atlantis 4
    REQUIRE(t.labels().size() == 5);
    CHECK(t.label(0) == "CN");
    CHECK(t.label(1) == "US");
    CHECK(t.label(2) == "Univ A");
    CHECK(t.label(3) == "DE");
    CHECK(t.label(4) == "Atlantis");
    const auto& c = t.chunks().at(0);
    CHECK(std::vector<rec::label_index>(c.countries(1).begin(), c.countries(1).end()) ==
          std::vector<rec::label_index>{1, 3});
    CHECK(c.institutions(1)[0] == 0);
    CHECK(c.unresolved(0).empty());
    CHECK(c.unresolved(1)[0] == 4);
    CHECK(c.title(0) == "a title");
    CHECK(c.keywords(0) == "k1; k2");
    CHECK(c.title(1).empty());
    CHECK(c.source(1) == tio::country_field::reprint);
    CHECK(c.line(1) == 9);
    // the actor records intern in the order of the records' lists: CN 0, US 1, DE 2
    const auto a = ana::country_records(t);
    CHECK(a.labels() == std::vector<std::string>{"CN", "US", "DE"});
}

TEST_CASE("paper_table: chunk boundaries") {
    rec::paper_table_options o;
    o.chunk_capacity = 2;
    rec::paper_table t(o);
    for (int i = 0; i < 5; ++i) {
        t.begin_record("R" + std::to_string(i), static_cast<techconv::year_type>(2000 + i), static_cast<std::size_t>(i));
        t.add_country(i % 2 == 0 ? "US" : "FR");
        t.end_record(tio::country_field::addresses);
    }
    // 5 records in chunks of 2: [0,1] [2,3] [4]
    REQUIRE(t.size() == 5);
    REQUIRE(t.chunks().size() == 3);
    CHECK(t.chunks()[1].first_row() == 2);
    CHECK(t.chunks()[2].first_row() == 4);
    CHECK(t.chunks()[2].size() == 1);
    const auto [c, k] = t.locate(3);
    CHECK(c == &t.chunks()[1]);
    CHECK(k == 1);
    CHECK(c->id(k) == "R3");
    CHECK(c->year(k) == 2003);
    CHECK(t.label(c->countries(k)[0]) == "FR");
    CHECK(t.labels().size() == 2);  // US and FR, shared by all chunks
    CHECK(t.memory_bytes() > 0);
}

TEST_CASE("paper_table: misuse of the sink is an error") {
    CHECK_THROWS_AS(rec::paper_table(rec::paper_table_options{true, 0}), techconv::invalid_argument);
    rec::paper_table t;
    CHECK_THROWS_AS(t.add_country("US"), techconv::invalid_argument);  // no open record
    t.begin_record("A", 2020, 1);
    CHECK_THROWS_AS(t.begin_record("B", 2020, 2), techconv::invalid_argument);  // A not ended
    t.set_texts("t", "k");
    CHECK_THROWS_AS(t.set_texts("t", "k"), techconv::invalid_argument);
    t.end_record(tio::country_field::none);
    CHECK(t.size() == 1);
}

TEST_CASE("read_paper_table: a format without papers is an error naming the input") {
    tio::read_papers_options o;
    o.format = tio::input_format::lens;
    const std::string path = techconv_test::data_path(datasets[0].path);
    CHECK_THROWS_WITH_AS(tio::read_paper_table(std::vector<std::string>{path}, o),
                         doctest::Contains("holds no papers"), techconv::invalid_argument);
}

TEST_CASE("paper_chunk_reader: the chunks, joined, are read_paper_table's table, across five formats") {
    // every shared bibliographic export, one input after the other; chunks of 333 records end
    // inside files and across their ends
    std::vector<std::string> paths;
    for (const auto& d : datasets) paths.push_back(techconv_test::data_path(d.path));
    for (const char* f : {"json_chunk_1_results_page_1.json", "json_chunk_2_results_page_1.json",
                          "json_chunk_3_results_page_1.json"})
        paths.push_back(techconv_test::data_path(std::string("openalex-works-api-json/") + f));
    paths.push_back(techconv_test::data_path("lens-scholarly-jsonl-covid/lens-export.jsonl"));
    const auto whole = tio::read_paper_table(paths);

    tio::paper_chunk_reader r(paths, {}, 333);
    rec::paper_table chunk;
    std::size_t row = 0, chunks = 0;
    while (r.next_chunk(chunk)) {
        ++chunks;
        CHECK(chunk.size() <= 333);
        for (std::size_t i = 0; i < chunk.size(); ++i, ++row) {
            REQUIRE(row < whole.table.size());
            const auto [a, ka] = chunk.locate(i);
            const auto [b, kb] = whole.table.locate(row);
            const std::string_view id = b->id(kb);  // not a structured binding: INFO takes it into a lambda
            INFO("record " << row << " " << id);
            CHECK(a->id(ka) == b->id(kb));
            CHECK(a->year(ka) == b->year(kb));
            CHECK(a->line(ka) == b->line(kb));
            CHECK(a->source(ka) == b->source(kb));
            CHECK(texts(chunk, a->countries(ka)) == texts(whole.table, b->countries(kb)));
            CHECK(texts(chunk, a->institutions(ka)) == texts(whole.table, b->institutions(kb)));
            CHECK(texts(chunk, a->unresolved(ka)) == texts(whole.table, b->unresolved(kb)));
            CHECK(texts(chunk, a->references(ka)) == texts(whole.table, b->references(kb)));
            CHECK(a->title(ka) == b->title(kb));
            CHECK(a->keywords(ka) == b->keywords(kb));
        }
    }
    CHECK(chunk.empty());
    CHECK(row == whole.table.size());
    CHECK(r.records() == whole.records());
    CHECK(chunks == (whole.table.size() + 332) / 333);
    REQUIRE(r.files().size() == whole.files.size());
    for (std::size_t f = 0; f < whole.files.size(); ++f) {
        INFO(whole.files[f].source);
        CHECK(r.files()[f].source == whole.files[f].source);
        CHECK(r.files()[f].format == whole.files[f].format);
        check_same_report(r.files()[f].report, whole.files[f].report);
    }
    CHECK(!r.next_chunk(chunk));  // stays at the end

    CHECK_THROWS_AS(tio::paper_chunk_reader(paths, {}, 0), techconv::invalid_argument);
    // the memory bound applies to each chunk: a bound below one chunk's size fails, naming the input
    tio::read_papers_options small;
    small.max_memory_bytes = 4096;
    tio::paper_chunk_reader tight(paths, small, 333);
    CHECK_THROWS_WITH_AS(tight.next_chunk(chunk), doctest::Contains(paths[0].c_str()), techconv::parse_error);
}
