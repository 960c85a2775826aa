// SPDX-License-Identifier: BSL-1.0
// The same records twice (the same file given twice, overlapping downloads):
// io::read_patents drops a record whose id was read before, counts and lists it.
// Expected counts: the Lens jet-engine export has 3,779 rows with distinct
// publication numbers (checked with Python's csv module: 0 repeated keys).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <techconv/io/patent_inputs.hpp>
#include <techconv/io/scopus.hpp>

#include "test_support.hpp"

namespace io = techconv::io;

TEST_CASE("duplicates: the same export twice counts once") {
    const auto lens = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    io::read_patents_options o;
    o.merge_families = false;
    const auto once = io::read_patents({lens}, o);
    const auto twice = io::read_patents({lens, lens}, o);
    CHECK(once.records.size() == 3779);
    CHECK(once.duplicates == 0);
    CHECK(twice.records.size() == 3779);
    CHECK(twice.duplicates == 3779);
    REQUIRE(twice.duplicate_examples.size() == 100);
    CHECK(twice.duplicate_examples.front() == lens + ":2: " + once.records.front().id);
    const auto notes = twice.notes();
    REQUIRE(notes.size() == 3);
    CHECK(notes.back().find("3779 duplicate records dropped") == 0);
    for (std::size_t i = 0; i < once.records.size(); i += 97) CHECK(twice.records[i].id == once.records[i].id);
    // With family merging the result equals one read of the file.
    const auto merged_once = io::read_patents({lens});
    const auto merged_twice = io::read_patents({lens, lens});
    CHECK(merged_twice.records.size() == merged_once.records.size());
    CHECK(merged_twice.merged == merged_once.merged);
    // Kept on request.
    o.drop_duplicates = false;
    CHECK(io::read_patents({lens, lens}, o).records.size() == 2 * 3779);
}

TEST_CASE("duplicates: two exports joined into one file (cat a.csv b.csv) are read, the second header skipped") {
    // Lens and Scopus limit the rows of one download, so users join downloads with `cat`; the
    // second file's header then stands where its records begin. It used to be a bad_year error
    // at that line ("found 'Publication Year'").
    const auto lens = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    const std::string text = techconv_test::read_file(lens);
    const std::string joined = techconv_test::temp_path("lens-joined.csv");
    // the second copy with a UTF-8 byte-order mark, as a second download has it
    techconv_test::write_file(joined, text + "\xEF\xBB\xBF" + text);
    io::read_patents_options o;
    o.merge_families = false;
    const auto in = io::read_patents({joined}, o);
    REQUIRE(in.files.size() == 1);
    CHECK(in.files[0].stats.repeated_headers == 1);
    CHECK(in.records.size() == 3779);  // the export's rows (above)
    CHECK(in.duplicates == 3779);      // the second copy: every record again, dropped and counted
    CHECK(io::input_note(joined, in.files[0].stats).find("skipped 1 rows repeating the header") !=
          std::string::npos);
    // a row that repeats only some header names is a record (and here a located bad_year error)
    const std::string header = text.substr(0, text.find('\n') + 1);
    std::string partial = header;
    partial.replace(partial.find("Jurisdiction"), 12, "US");
    techconv_test::write_file(joined, text + partial);
    try {
        (void)io::read_patents({joined}, o);
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::bad_year);
        CHECK(e.line() == 3781);  // the header, 3,779 records on lines 2-3780 (one line each)
    }
}

TEST_CASE("duplicates: two Scopus exports joined into one file are read, the second header skipped") {
    const auto scopus = techconv_test::data_path("scopus-ble-iot-scientopy/scopus.csv");
    const std::string text = techconv_test::read_file(scopus);
    const std::string joined = techconv_test::temp_path("scopus-joined.csv");
    techconv_test::write_file(joined, text + text);
    const auto once = io::read_scopus(scopus);
    const auto twice = io::read_scopus(joined);
    CHECK(twice.report.repeated_headers == 1);
    CHECK(twice.records.size() == once.records.size());
    CHECK(twice.report.duplicates == once.records.size() + once.report.duplicates);
    const auto notes = io::report_notes(twice.report);
    bool said = false;
    for (const auto& n : notes) said = said || n.find("skipped 1 rows repeating the header") != std::string::npos;
    CHECK(said);
}
