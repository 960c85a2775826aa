// Bad-input catalogue: the PubMed MEDLINE text reader (io/pubmed.hpp). Each case checks the
// error (code, line counted by hand from the small input, and the tag as the field when the
// problem is in one field) under malformed_policy::error, and under malformed_policy::skip
// what is kept and how the loss is counted.
#include <doctest/doctest.h>

#include <techconv/io/pubmed.hpp>

#include <string>

#include "catalogue.hpp"

namespace {

namespace pmio = techconv::io;
using techconv::error_code;
using techconv_bad_input::expected_error;

pmio::bibliographic_data read_pubmed_text(const std::string& text, pmio::malformed_policy policy,
                                          const expected_error* want = nullptr,
                                          pmio::text_encoding enc = pmio::text_encoding::automatic) {
    return techconv_bad_input::read_bib<pmio::pubmed_reader>(text, policy, want, enc);
}

const std::string pubmed_good = "PMID- 9\nDP  - 2020\nAD  - Univ Oslo, Oslo, Norway.\n";

}  // namespace

TEST_CASE("bad input: pubmed: a field outside a record") {
    // line 1 is a field before any PMID
    const std::string text = "OWN - NLM\nPMID- 1\nDP  - 2020\n\n" + pubmed_good;
    const expected_error want{error_code::bad_markup, 1, 0, 0, "OWN"};
    read_pubmed_text(text, pmio::malformed_policy::error, &want);
    const auto d = read_pubmed_text(text, pmio::malformed_policy::skip);
    CHECK(d.records.size() == 2);  // the stray field is counted, the records after it kept
    CHECK(d.report.skipped == 1);
    REQUIRE(d.report.issues.size() == 1);
    CHECK(d.report.issues[0].line == 1);
    // after a blank line the record has ended: DP on line 3 is outside any record
    const expected_error after{error_code::bad_markup, 3, 0, 0, "DP"};
    read_pubmed_text("PMID- 1\n\nDP  - 2020\n", pmio::malformed_policy::error, &after);
}

TEST_CASE("bad input: pubmed: a continuation line before any tag, text that is no field") {
    const expected_error want{error_code::bad_markup, 1, 0, 0, ""};
    read_pubmed_text("      wrapped text\n" + pubmed_good, pmio::malformed_policy::error, &want);
    const auto d = read_pubmed_text("      wrapped text\n" + pubmed_good, pmio::malformed_policy::skip);
    CHECK(d.records.size() == 1);
    CHECK(d.report.skipped == 1);
    // inside a record, a line that is neither a tag line nor a continuation drops the record
    const std::string text = "PMID- 1\nDP  - 2020\nno tag here\n\n" + pubmed_good;
    const expected_error bad{error_code::bad_markup, 3, 0, 0, ""};
    read_pubmed_text(text, pmio::malformed_policy::error, &bad);
    const auto e = read_pubmed_text(text, pmio::malformed_policy::skip);
    REQUIRE(e.records.size() == 1);
    CHECK(e.records[0].id == "PMID:9");
    CHECK(e.report.skipped == 1);
}

TEST_CASE("bad input: pubmed: bad DP and bad PMID") {
    // DP on line 3 of the record starting on line 1
    const std::string text = "PMID- 1\nTI  - A title\nDP  - Spring 2020\n\n" + pubmed_good;
    const expected_error want{error_code::bad_year, 3, 0, 0, "DP"};
    read_pubmed_text(text, pmio::malformed_policy::error, &want);
    const auto d = read_pubmed_text(text, pmio::malformed_policy::skip);
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].id == "PMID:9");
    CHECK(d.report.skipped == 1);
    REQUIRE(d.report.issues.size() == 1);
    CHECK(d.report.issues[0].code == error_code::bad_year);
    CHECK(d.report.issues[0].line == 3);
    const expected_error pmid{error_code::bad_value, 1, 0, 0, "PMID"};
    read_pubmed_text("PMID- 12a\nDP  - 2020\n", pmio::malformed_policy::error, &pmid);
    read_pubmed_text("PMID- \nDP  - 2020\n", pmio::malformed_policy::error, &pmid);
}

TEST_CASE("bad input: pubmed: invalid UTF-8") {
    // line 3 has a lone 0xE9; named UTF-8 it is an error at that line and column
    const std::string text = "PMID- 1\nDP  - 2020\nAD  - Caf\xE9, Paris, France.\n\n" + pubmed_good;
    const expected_error want{error_code::bad_encoding, 3, 10, 0, ""};
    read_pubmed_text(text, pmio::malformed_policy::error, &want, pmio::text_encoding::utf8);
    const auto d = read_pubmed_text(text, pmio::malformed_policy::skip, nullptr, pmio::text_encoding::utf8);
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].id == "PMID:9");
    CHECK(d.report.skipped == 1);
    REQUIRE(d.report.issues.size() == 1);
    CHECK(d.report.issues[0].code == error_code::bad_encoding);
    CHECK(d.report.issues[0].line == 3);
    // automatic: a single-byte text is read as CP1252 and reported
    const auto a = read_pubmed_text(text, pmio::malformed_policy::error);
    REQUIRE(a.records.size() == 2);
    CHECK(a.records[0].countries == std::vector<std::string>{"FR"});
    CHECK(a.report.text.used == pmio::text_encoding::cp1252);
}
