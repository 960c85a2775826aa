// SPDX-License-Identifier: BSL-1.0
// The same records twice (the same file given twice, overlapping downloads):
// io::read_patents drops a record whose id was read before, counts and lists it.
// Expected counts: the Lens jet-engine export has 3,779 rows with distinct
// publication numbers (checked with Python's csv module: 0 repeated keys).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <techconv/io/patent_inputs.hpp>

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
