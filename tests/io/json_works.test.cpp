// The JSON works readers (techconv/io/openalex.hpp, techconv/io/lens_scholarly.hpp):
// the shared OpenAlex API pages and Lens scholarly export against an independent
// reading with Python's json module (tests/io/json_works_reference.py), the
// layouts (page, array, JSON Lines, pretty-printed), the country rules and the
// errors, on hand-written works.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "techconv/io/detect.hpp"
#include "techconv/io/lens_scholarly.hpp"
#include "techconv/io/openalex.hpp"
#include "techconv/io/papers.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

// "ID YEAR COUNTRIES INSTITUTIONS REFERENCES" per work, as json_works_reference.py prints them.
template <class Reader>
std::string works_lines(Reader& r) {
    std::string out;
    tio::bibliographic_record rec;
    while (r.next(rec)) {
        std::string countries;
        for (const auto& c : rec.countries) countries += (countries.empty() ? "" : ",") + c;
        out += rec.id + " " + (rec.year == techconv::no_year ? std::string("-") : std::to_string(rec.year)) + " " +
               (countries.empty() ? std::string("-") : countries) + " " + std::to_string(rec.institutions.size()) +
               " " + std::to_string(rec.references.size()) + "\n";
    }
    return out;
}

// FORMAT then the files: the arguments of json_works_reference.py.
std::vector<std::string> with_format(const std::string& format, const std::vector<std::string>& files) {
    std::vector<std::string> args{format};
    args.insert(args.end(), files.begin(), files.end());
    return args;
}

std::vector<tio::bibliographic_record> openalex_records(const std::string& text, tio::bibliographic_options o = {}) {
    std::istringstream in(text);
    tio::openalex_reader r(in, "works.json", o);
    std::vector<tio::bibliographic_record> out;
    tio::bibliographic_record rec;
    while (r.next(rec)) out.push_back(rec);
    return out;
}

techconv::parse_error openalex_error(const std::string& text, tio::bibliographic_options o = {}) {
    try {
        openalex_records(text, o);
    } catch (const techconv::parse_error& e) {
        return e;
    }
    FAIL("no parse_error for: " << text);
    throw;
}

const char* const work_a =
    R"({"id":"https://openalex.org/W1","publication_year":2019,"display_name":"A title",)"
    R"("authorships":[{"countries":["US","CN"],"institutions":[{"display_name":"MIT","country_code":"US"}]},)"
    R"({"countries":[],"institutions":[{"display_name":"Tsinghua University","country_code":"CN"}]}],)"
    R"("keywords":[{"id":"k","display_name":"drones"},{"display_name":"swarms"}]})";
const char* const work_b =
    R"({"id":"https://openalex.org/W2","publication_year":null,)"
    R"("authorships":[{"institutions":[{"display_name":"ETH","country_code":"CH"},{"country_code":"XQ"}]}]})";

}  // namespace

TEST_CASE("openalex: the shared API pages equal Python's json reading, work by work") {
    const std::string dir = techconv_test::data_path("openalex-works-api-json");
    std::vector<std::string> files;
    for (const char* f : {"json_chunk_1_results_page_1.json", "json_chunk_2_results_page_1.json",
                          "json_chunk_3_results_page_1.json"})
        files.push_back(dir + "/" + f);
    std::string mine;
    std::size_t records = 0, without = 0;
    for (const auto& f : files) {
        CHECK(tio::detect_format(f) == tio::input_format::openalex);
        tio::openalex_reader r(f);
        mine += works_lines(r);
        records += r.stats().records;
        without += r.stats().without_country;
        CHECK(r.stats().duplicates == 0);
        CHECK(r.stats().unresolved_addresses == 0);
    }
    const std::string ref = techconv_test::run_python("io/json_works_reference.py", with_format("openalex", files));
    CHECK(mine == ref);
    CHECK(records == 150);  // PROVENANCE.md of the dataset: 50 works per file, 150 in all
    // PROVENANCE.md: 81 works cite something, 1,748 references in all
    std::size_t citing = 0, references = 0;
    for (const auto& f : files) {
        tio::openalex_reader again(f);
        tio::bibliographic_record rec;
        while (again.next(rec)) {
            citing += rec.references.empty() ? 0 : 1;
            references += rec.references.size();
            for (const auto& w : rec.references) CHECK(w.substr(0, 1) == "W");  // the id, not the URL
        }
    }
    CHECK(citing == 81);
    CHECK(references == 1748);
    // works without any country: 13 + 23 + 32 (the reference's '-' lines; PROVENANCE.md counts
    // 72 works without an institution country, authorships[].countries also holds the
    // countries OpenAlex read from raw affiliation strings)
    std::size_t dashes = 0;
    for (std::size_t p = 0; (p = ref.find(" - ", p)) != std::string::npos; ++p) ++dashes;
    CHECK(without == dashes);
}

TEST_CASE("openalex: page, array, JSON Lines and pretty-printed text give the same works") {
    const std::string a = work_a, b = work_b;
    const std::string page = R"({"meta":{"count":2,"next_cursor":null},"results":[)" + a + "," + b +
                             R"(],"group_by":[]})";
    const std::string array = "[" + a + ",\n" + b + "]";
    const std::string lines = a + "\n\n" + b + "\r\n";
    const std::string pretty = "{\n  \"meta\": {},\n  \"results\": [\n    " + a + ",\n    " + b + "\n  ]\n}\n";
    const std::string pages_as_lines = R"({"results":[)" + a + "]}\n" + R"({"results":[)" + b + "]}";
    const auto expect = openalex_records(lines);
    REQUIRE(expect.size() == 2);
    // W1: countries of both authorships' `countries` (sorted), not the second one's institution
    // (it lists countries, even empty); institutions of both; title and keywords
    CHECK(expect[0].id == "W1");
    CHECK(expect[0].year == 2019);
    CHECK(expect[0].countries == std::vector<std::string>{"CN", "US"});
    CHECK(expect[0].institutions == std::vector<std::string>{"MIT", "Tsinghua University"});
    CHECK(expect[0].title == "A title");
    CHECK(expect[0].keywords == "drones; swarms");
    CHECK(expect[0].source == tio::country_field::authorships);
    // W2: no `countries` member: the institutions' codes; XQ is no country (unresolved)
    CHECK(expect[1].id == "W2");
    CHECK(expect[1].year == techconv::no_year);
    CHECK(expect[1].countries == std::vector<std::string>{"CH"});
    CHECK(expect[1].unresolved == std::vector<std::string>{"XQ"});
    for (const auto* text : {&page, &array, &pretty, &pages_as_lines}) {
        CAPTURE(*text);
        const auto got = openalex_records(*text);
        REQUIRE(got.size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(got[i].id == expect[i].id);
            CHECK(got[i].year == expect[i].year);
            CHECK(got[i].countries == expect[i].countries);
            CHECK(got[i].institutions == expect[i].institutions);
            CHECK(got[i].unresolved == expect[i].unresolved);
        }
        CHECK(tio::detect_format_of(*text) == tio::input_format::openalex);
    }
    // the line of each work: where its object starts
    CHECK(openalex_records(lines)[1].line == 3);
    CHECK(openalex_records(pretty)[1].line == 5);
}

TEST_CASE("openalex: duplicates, the region policy, titles off") {
    const std::string a = work_a;
    std::istringstream in(a + "\n" + a + "\n");
    tio::openalex_reader r(in, "twice.jsonl");
    tio::bibliographic_record rec;
    CHECK(r.next(rec));
    CHECK_FALSE(r.next(rec));
    CHECK(r.stats().records == 1);
    CHECK(r.stats().duplicates == 1);
    CHECK(r.stats().duplicate_ids == std::vector<std::string>{"W1"});

    const std::string tw = R"({"id":"W9","authorships":[{"countries":["TW","HK","JP"]}]})";
    CHECK(openalex_records(tw)[0].countries == std::vector<std::string>{"HK", "JP", "TW"});
    tio::bibliographic_options merged;
    merged.regions = techconv::classification::region_policy::merged_into_china();
    CHECK(openalex_records(tw, merged)[0].countries == std::vector<std::string>{"CN", "JP"});

    tio::bibliographic_options bare;
    bare.titles_and_keywords = false;
    const auto got = openalex_records(a, bare);
    CHECK(got[0].title.empty());
    CHECK(got[0].keywords.empty());
    CHECK(got[0].countries == std::vector<std::string>{"CN", "US"});
}

TEST_CASE("openalex: errors name the file, the line and the member") {
    using techconv::error_code;
    // not JSON: a trailing comma inside authorships, on line 2
    auto e = openalex_error("{\"id\":\"W1\",\n\"authorships\":[{\"countries\":[\"US\",]}]}");
    CHECK(e.code() == error_code::bad_markup);
    CHECK(e.where().source == "works.json");
    CHECK(e.where().line == 2);
    CHECK(e.where().field == "authorships[].countries[]");
    // the file ends inside a work (a download cut short)
    e = openalex_error(std::string(work_a).substr(0, 80));
    CHECK(e.code() == error_code::truncated);
    // a year that is no year, on the second line of JSON Lines
    e = openalex_error(std::string(work_a) + "\n{\"id\":\"W3\",\"publication_year\":20.5}");
    CHECK(e.code() == error_code::bad_year);
    CHECK(e.where().line == 2);
    e = openalex_error("{\"id\":\"W3\",\"publication_year\":\"2019\"}");
    CHECK(e.code() == error_code::bad_year);
    // a work without an id; a top-level value that is no work
    CHECK(openalex_error("{\"publication_year\":2019}").code() == error_code::bad_value);
    CHECK(openalex_error("[1,2]").code() == error_code::bad_value);
    CHECK(openalex_error("\"W1\"").code() == error_code::bad_value);
    // under malformed_policy::skip, works with a bad id or year are counted skips
    tio::bibliographic_options skip;
    skip.malformed = tio::malformed_policy::skip;
    std::istringstream in(std::string(work_a) + "\n{\"id\":\"W3\",\"publication_year\":99999}\n" + work_b);
    tio::openalex_reader r(in, "skips.jsonl", skip);
    tio::bibliographic_record rec;
    std::vector<std::string> ids;
    while (r.next(rec)) ids.push_back(rec.id);
    CHECK(ids == std::vector<std::string>{"W1", "W2"});
    CHECK(r.stats().skipped == 1);
    REQUIRE(r.stats().issues.size() == 1);
    CHECK(r.stats().issues[0].line == 2);
    CHECK(r.stats().issues[0].code == error_code::bad_year);
    // text that is not JSON stays an error under skip (the next work cannot be found)
    CHECK(openalex_error("{\"id\":\"W1\" \"x\":1}", skip).code() == error_code::bad_markup);
}

TEST_CASE("openalex: read_paper_table reads OpenAlex files into the paper table") {
    const std::string dir = techconv_test::data_path("openalex-works-api-json");
    const auto in = tio::read_paper_table(std::vector<std::string>{dir + "/json_chunk_1_results_page_1.json"});
    REQUIRE(in.files.size() == 1);
    CHECK(in.files[0].format == tio::input_format::openalex);
    CHECK(in.table.size() == 50);  // PROVENANCE.md: 50 works per file
    CHECK(in.records() == 50);
    CHECK(tio::paper_input_note(in.files[0]).find(": openalex, 50 records, 13 without a country") !=
          std::string::npos);  // 13: the reference's works without a country in this file
    CHECK(tio::input_format_from_string("openalex") == tio::input_format::openalex);
}

TEST_CASE("lens scholarly: the shared JSON Lines export equals Python's json reading, work by work") {
    const std::string file = techconv_test::data_path("lens-scholarly-jsonl-covid/lens-export.jsonl");
    CHECK(tio::detect_format(file) == tio::input_format::lens_scholarly);  // after its byte-order mark
    tio::lens_scholarly_reader r(file);
    const std::string mine = works_lines(r);
    CHECK(mine == techconv_test::run_python("io/json_works_reference.py", with_format("lens-scholarly", {file})));
    // PROVENANCE.md of the dataset: 100 records, 71 with at least one country_code
    CHECK(r.stats().records == 100);
    CHECK(r.stats().records - r.stats().without_country == 71);
    CHECK(r.stats().duplicates == 0);
    // read_paper_table: the same records in the paper table, with their cited works
    // (PROVENANCE.md: 73 records have references, 2,388 Lens-id links)
    const auto in = tio::read_paper_table(std::vector<std::string>{file});
    CHECK(in.files[0].format == tio::input_format::lens_scholarly);
    CHECK(in.table.size() == 100);
    std::size_t citing = 0, links = 0;
    for (const auto& c : in.table.chunks())
        for (std::size_t i = 0; i < c.size(); ++i) {
            citing += c.references(i).size() == 0 ? 0 : 1;
            links += c.references(i).size();
        }
    CHECK(citing == 73);
    CHECK(links == 2388);
}

TEST_CASE("lens scholarly: API page, countries and institutions of the affiliations, errors") {
    const std::string w1 =
        R"({"lens_id":"000-1","year_published":2020,"title":"T","keywords":["covid","masks"],)"
        R"("authors":[{"last_name":"A","affiliations":[{"name":"Univ X","country_code":"GB"},)"
        R"({"name":"Inst Y","country_code":"FR"}]},{"last_name":"B","affiliations":[{"name":"Raw string"}]},)"
        R"({"last_name":"C"}]})";
    const std::string w2 = R"({"lens_id":"000-2","authors":[{"affiliations":[{"country_code":"ZZ"}]}]})";
    const std::string page = R"({"total":2,"max_score":1.0,"data":[)" + w1 + "," + w2 + R"(],"results":2})";
    CHECK(tio::detect_format_of(page) == tio::input_format::lens_scholarly);
    for (const std::string& text : {page, w1 + "\n" + w2, "[" + w1 + "," + w2 + "]"}) {
        CAPTURE(text);
        std::istringstream in(text);
        tio::lens_scholarly_reader r(in, "lens.json");
        tio::bibliographic_record rec;
        REQUIRE(r.next(rec));
        CHECK(rec.id == "000-1");
        CHECK(rec.year == 2020);
        CHECK(rec.countries == std::vector<std::string>{"FR", "GB"});
        CHECK(rec.institutions == std::vector<std::string>{"Inst Y", "Raw string", "Univ X"});
        CHECK(rec.title == "T");
        CHECK(rec.keywords == "covid; masks");
        REQUIRE(r.next(rec));
        CHECK(rec.id == "000-2");
        CHECK(rec.year == techconv::no_year);
        CHECK(rec.countries.empty());
        CHECK(rec.unresolved == std::vector<std::string>{"ZZ"});  // not an ISO code
        CHECK_FALSE(r.next(rec));
        CHECK(r.stats().without_country == 1);
        CHECK(r.stats().unresolved_addresses == 1);
    }
    // a work without lens_id; a year that is no year
    std::istringstream bad(R"({"year_published":2020})");
    tio::lens_scholarly_reader r(bad, "bad.jsonl");
    tio::bibliographic_record rec;
    try {
        r.next(rec);
        FAIL("no error for a work without lens_id");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::bad_value);
        CHECK(std::string(e.what()).find("lens_id") != std::string::npos);
    }
    std::istringstream year(R"({"lens_id":"1","year_published":"2020"})");
    tio::lens_scholarly_reader ry(year, "year.jsonl");
    CHECK_THROWS_AS(ry.next(rec), techconv::parse_error);
}
