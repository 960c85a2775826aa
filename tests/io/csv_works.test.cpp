// The OpenAlex web interface's CSV export (techconv/io/csv_works.hpp): a hand-written export in
// the documented layout (tests/io/openalex_csv/works.csv) against Python's csv reading
// (tests/io/openalex_csv_reference.py) and hand counts; the shared OpenAlex API pages flattened
// into that layout by the same script read into the records the JSON reader gives; detection;
// bad input.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "techconv/io/csv_works.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/openalex.hpp"
#include "techconv/io/papers.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

// "ID YEAR COUNTRIES INSTITUTIONS REFERENCES" per work as openalex_csv_reference.py prints them
// (COUNTRIES: the resolved and the unresolved codes together, as the export lists them).
template <class Reader>
std::string works_lines(Reader& r, bool with_unresolved) {
    std::string out;
    tio::bibliographic_record rec;
    while (r.next(rec)) {
        std::vector<std::string> codes = rec.countries;
        if (with_unresolved) codes.insert(codes.end(), rec.unresolved.begin(), rec.unresolved.end());
        std::sort(codes.begin(), codes.end());
        std::string countries;
        for (const auto& c : codes) countries += (countries.empty() ? "" : ",") + c;
        out += rec.id + " " + (rec.year == techconv::no_year ? std::string("-") : std::to_string(rec.year)) + " " +
               (countries.empty() ? std::string("-") : countries) + " " + std::to_string(rec.institutions.size()) +
               " " + std::to_string(rec.references.size()) + "\n";
    }
    return out;
}

techconv::parse_error csv_error(const std::string& text, tio::bibliographic_options o = {}) {
    std::istringstream in(text);
    try {
        tio::openalex_csv_reader r(in, "works.csv", o);
        tio::bibliographic_record rec;
        while (r.next(rec)) {
        }
    } catch (const techconv::parse_error& e) {
        return e;
    }
    FAIL("no parse_error for: " << text);
    throw;
}

const char* const header =
    "id,display_name,publication_year,authorships.countries,authorships.institutions.display_name,referenced_works\n";

}  // namespace

TEST_CASE("openalex csv: the hand-written export equals Python's csv reading and the hand counts") {
    const std::string path = techconv_test::source_path("io/openalex_csv/works.csv");
    CHECK(tio::detect_format(path) == tio::input_format::openalex);
    tio::openalex_csv_reader r(path);
    const std::string mine = works_lines(r, true);
    CHECK(mine == techconv_test::run_python("io/openalex_csv_reference.py", {"read", path}));
    // hand counts of works.csv: 5 rows, W101 twice; W103 has no country; W104's XQ is no country
    CHECK(r.stats().records == 4);
    CHECK(r.stats().duplicates == 1);
    CHECK(r.stats().without_country == 1);
    CHECK(r.stats().unresolved_addresses == 1);

    tio::bibliographic_options o;
    o.titles_and_keywords = true;
    tio::openalex_csv_reader again(path, o);
    tio::bibliographic_record rec;
    REQUIRE(again.next(rec));
    CHECK(rec.id == "W101");
    CHECK(rec.title == "Drone swarms, a survey");
    CHECK(rec.keywords == "drones; swarms");
    CHECK(rec.countries == std::vector<std::string>{"CN", "US"});
    CHECK(rec.references == std::vector<std::string>{"W7", "W8"});
    REQUIRE(again.next(rec));
    CHECK(rec.institutions == std::vector<std::string>{"Technische Universität München"});
    REQUIRE(again.next(rec));
    CHECK(rec.references == std::vector<std::string>{"W7", "W9"});  // W7 twice in the row: once
}

TEST_CASE("openalex csv: the shared API pages flattened to the export's layout read as the JSON reader reads them") {
    const std::string dir = techconv_test::data_path("openalex-works-api-json");
    std::vector<std::string> args{"flatten", techconv_test::temp_path("openalex-flattened.csv")};
    for (const char* f : {"json_chunk_1_results_page_1.json", "json_chunk_2_results_page_1.json",
                          "json_chunk_3_results_page_1.json"})
        args.push_back(dir + "/" + f);
    techconv_test::run_python("io/openalex_csv_reference.py", args);
    std::string from_json;
    for (std::size_t i = 2; i < args.size(); ++i) {
        tio::openalex_reader j(args[i]);
        from_json += works_lines(j, false);
    }
    CHECK(tio::detect_format(args[1]) == tio::input_format::openalex);
    tio::openalex_csv_reader c(args[1]);
    CHECK(works_lines(c, false) == from_json);
    CHECK(c.stats().records == 150);  // PROVENANCE.md of the dataset: 150 works

    // read_paper_table with --format openalex picks the CSV reader from the content
    tio::read_papers_options po;
    po.format = tio::input_format::openalex;
    const auto t = tio::read_paper_table(std::vector<std::string>{args[1]}, po);
    CHECK(t.records() == 150);
}

TEST_CASE("openalex csv: detection tells the CSV export from the JSON and from other CSV layouts") {
    CHECK(tio::detect_format_of(header) == tio::input_format::openalex);
    CHECK(tio::openalex_csv_head(header));
    CHECK(tio::openalex_csv_head(std::string("\xEF\xBB\xBF") + header));
    CHECK(!tio::openalex_csv_head(R"({"results":[{"id":"https://openalex.org/W1","authorships":[]}]})"));
    // without an authorships column it is not the OpenAlex export
    CHECK(tio::detect_format_of("id,display_name,publication_year\n") == tio::input_format::automatic);
}

TEST_CASE("openalex csv: bad input names file, line and column") {
    auto e = csv_error(std::string(header) + "https://openalex.org/W1,A,20x9,US,MIT,\n");
    CHECK(e.code() == techconv::error_code::bad_year);
    CHECK(e.line() == 2);
    CHECK(std::string(e.what()).find("works.csv") != std::string::npos);
    CHECK(std::string(e.what()).find("publication_year") != std::string::npos);

    e = csv_error(std::string(header) + ",A,2019,US,MIT,\n");
    CHECK(e.code() == techconv::error_code::bad_value);
    CHECK(std::string(e.what()).find("id is empty") != std::string::npos);

    e = csv_error(std::string(header) + "https://openalex.org/W1,A,2019,US\n");
    CHECK(e.code() == techconv::error_code::field_count);
    CHECK(e.line() == 2);

    e = csv_error("id,display_name,authorships.countries\nW1,A,US\n");
    CHECK(e.code() == techconv::error_code::missing_column);
    CHECK(std::string(e.what()).find("publication_year") != std::string::npos);

    e = csv_error(std::string(header) + "https://openalex.org/W1,\"A,2019,US,MIT,\n");
    CHECK(e.code() == techconv::error_code::unterminated_quote);

    // under malformed_policy::skip the bad rows are counted and the good one read
    tio::bibliographic_options o;
    o.malformed = tio::malformed_policy::skip;
    std::istringstream in(std::string(header) + "W1,A,20x9,US,,\nW2,B,2019,US,,\n,C,2019,US,,\n");
    tio::openalex_csv_reader r(in, "works.csv", o);
    tio::bibliographic_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.id == "W2");
    CHECK(!r.next(rec));
    CHECK(r.stats().skipped == 2);
}
