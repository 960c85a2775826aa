// The Lens scholarly CSV reader (techconv/io/csv_works.hpp, lens_scholarly_csv_reader): the
// hand-written export of tests/io/lens_scholarly_csv/ (the column layout of lens.org scholarly
// search exports; README.md there) against an independent reading with Python's csv module
// (tests/io/lens_scholarly_csv_reference.py), what the export cannot give (countries,
// institutions), the detection from the header and the reading through read_paper_table.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "techconv/io/csv_works.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/papers.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

std::string lsc_file() { return techconv_test::source_path("io/lens_scholarly_csv/lens-scholarly.csv"); }

}  // namespace

TEST_CASE("lens scholarly csv: the sample equals the Python reading, work by work") {
    tio::lens_scholarly_csv_reader r(lsc_file());
    tio::bibliographic_record rec;
    std::string mine;
    while (r.next(rec)) {
        std::string refs;
        for (const auto& x : rec.references) refs += (refs.empty() ? "" : ";") + x;
        mine += rec.id + "\t" + (rec.year == techconv::no_year ? "-" : std::to_string(rec.year)) + "\t" +
                (refs.empty() ? "-" : refs) + "\t" + rec.title + "\t" + rec.keywords + "\n";
        // the export has no affiliations: no countries, no institutions
        CHECK(rec.countries.empty());
        CHECK(rec.institutions.empty());
        CHECK(rec.source == techconv::io::country_field::none);
    }
    mine += "duplicates " + std::to_string(r.report().duplicates) + "\n";
    CHECK(mine == techconv_test::run_python("io/lens_scholarly_csv_reference.py", {lsc_file()}));
    // by hand: 6 rows, 003-118-402-775-61X twice; 5 works, 4 with a year
    CHECK(r.report().records == 5);
    CHECK(r.report().duplicates == 1);
    CHECK(r.report().without_country == 5);
}

TEST_CASE("lens scholarly csv: detected from the header, told from the Lens patent CSV and the JSON") {
    CHECK(tio::detect_format(lsc_file()) == tio::input_format::lens_scholarly);
    CHECK(tio::lens_scholarly_csv_head("Lens ID,Title,Publication Year,Author/s\n"));
    CHECK(tio::lens_scholarly_csv_head("\xEF\xBB\xBFLens ID;Title;Publication Year;Source Title\r\n"));
    CHECK_FALSE(tio::lens_scholarly_csv_head("{\"lens_id\":\"1\",\"year_published\":2020}\n"));
    // a Lens patent export (it has `Jurisdiction`) stays lens
    CHECK(tio::detect_format_of("\"#\",Jurisdiction,Kind,Display Key,Lens ID,Publication Date\n") ==
          tio::input_format::lens);
    CHECK(tio::detect_format(techconv_test::data_path("patents-lens-sangamo/lens-export.csv")) ==
          tio::input_format::lens);
    CHECK(tio::detect_format(techconv_test::data_path("lens-scholarly-jsonl-covid/lens-export.jsonl")) ==
          tio::input_format::lens_scholarly);
}

TEST_CASE("lens scholarly csv: read_paper_table picks the CSV reader for format lens-scholarly") {
    std::vector<tio::input_source> inputs;
    inputs.emplace_back(lsc_file());
    const auto in = tio::read_paper_table(std::move(inputs));
    CHECK(in.table.size() == 5);
    REQUIRE(in.files.size() == 1);
    CHECK(in.files[0].format == tio::input_format::lens_scholarly);
    CHECK(in.files[0].report.duplicates == 1);
}
