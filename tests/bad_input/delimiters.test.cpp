// SPDX-License-Identifier: BSL-1.0
// Exports saved again by a spreadsheet in a decimal-comma locale are ';'-separated ("CSV" in
// Excel or LibreOffice set to German, French, Spanish, ...), and "Text (tab delimited)" is
// tab-separated. Both used to be refused ("cannot detect the format"). The delimiter is decided
// from the header line (io::detect_delimiter; docs/reliability.md, "Delimiters"). Expected
// values: the same export read with commas (the records must be the same, field by field), and
// hand-made tables whose numbers are written in the test.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <techconv/format/csv.hpp>
#include <techconv/io/detect.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/numeric_table.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/io/scopus.hpp>

#include "catalogue.hpp"
#include "test_support.hpp"

namespace io = techconv::io;
using techconv::error_code;
using techconv_bad_input::expected_error;

namespace {

// The file at `path` written again with `delim` (every field re-quoted as csv_writer needs).
std::string rewrite_with(const std::string& path, char delim) {
    io::csv_options in_opts;
    in_opts.has_header = false;
    in_opts.encoding = techconv::io::text_encoding::automatic;
    io::csv_reader r(path, in_opts);
    std::ostringstream out;
    io::csv_options out_opts;
    out_opts.delimiter = delim;
    io::csv_writer w(out, out_opts);
    while (r.next()) {
        for (std::size_t i = 0; i < r.size(); ++i) w.field(r[i]);
        w.end_row();
    }
    return out.str();
}

std::vector<io::patent_record> read_lens_text(const std::string& text, const std::string& name,
                                              char* delimiter = nullptr) {
    std::istringstream in(text);
    io::lens_reader r(in, name);
    auto v = r.read_all();
    if (delimiter) *delimiter = r.stats().delimiter;
    return v;
}

}  // namespace

TEST_CASE("delimiters: the rule, by hand") {
    CHECK(io::detect_delimiter("a,b,c") == ',');
    CHECK(io::detect_delimiter("a;b;c") == ';');
    CHECK(io::detect_delimiter("a\tb\tc") == '\t');
    CHECK(io::detect_delimiter("id") == ',');            // none: a comma
    CHECK(io::detect_delimiter("a;b,c") == ',');         // a tie: a comma
    CHECK(io::detect_delimiter("\"a,b,c\";d;e") == ';');  // quoted commas do not count
    CHECK(io::detect_delimiter("a;b\tc\td") == '\t');
    CHECK(io::detect_delimiter("") == ',');
}

TEST_CASE("delimiters: a Lens export saved with semicolons or tabs is detected and gives the same records") {
    const std::string path = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    const std::string commas = techconv_test::read_file(path);
    char d = 0;
    const auto want = read_lens_text(commas, "commas.csv", &d);
    CHECK(d == ',');
    REQUIRE(want.size() == 3779);  // the export's records (PROVENANCE.md; the reader's tests)
    for (const char delim : {';', '\t'}) {
        INFO("delimiter code " << static_cast<int>(delim));
        const std::string text = rewrite_with(path, delim);
        CHECK(io::detect_format_of(text.substr(0, 4096)) == io::input_format::lens);
        const auto got = read_lens_text(text, "saved.csv", &d);
        CHECK(d == delim);
        REQUIRE(got.size() == want.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            INFO("record " << i);
            CHECK(got[i].id == want[i].id);
            CHECK(got[i].publication_year == want[i].publication_year);
            CHECK(got[i].application_year == want[i].application_year);
            CHECK(got[i].ipc == want[i].ipc);
            CHECK(got[i].cpc == want[i].cpc);
            REQUIRE(got[i].applicants.size() == want[i].applicants.size());
            for (std::size_t a = 0; a < got[i].applicants.size(); ++a)
                CHECK(got[i].applicants[a].name == want[i].applicants[a].name);
            CHECK(got[i].title == want[i].title);
            if (got[i].ipc != want[i].ipc) break;
        }
    }
    // read_patents says how the file was read
    const std::string saved = techconv_test::temp_path("lens-semicolon.csv");
    techconv_test::write_file(saved, rewrite_with(path, ';'));
    const auto in = io::read_patents({saved});
    REQUIRE(in.files.size() == 1);
    CHECK(in.files[0].format == io::input_format::lens);
    CHECK(io::input_note(saved, in.files[0].stats).find("';'-separated") != std::string::npos);
}

TEST_CASE("delimiters: a Scopus export saved with semicolons is read (it used to be refused)") {
    std::istringstream semi("Authors;Title;Year;Affiliations;EID\n"
                            "A;T;2017;\"Univ X, Paris, France\";1\n");
    io::scopus_reader r(semi, "semi.csv");
    io::bibliographic_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.year == 2017);
    CHECK(rec.countries == std::vector<std::string>{"FR"});
    CHECK_FALSE(r.next(rec));
    CHECK(r.stats().delimiter == ';');
    const auto notes = io::report_notes(r.stats());
    REQUIRE_FALSE(notes.empty());
    CHECK(notes[0].find("';'-separated") != std::string::npos);
}

TEST_CASE("delimiters: a semicolon-separated weights table is read with decimal commas") {
    const std::string path = techconv_test::temp_path("weights-semicolon.csv");
    techconv_test::write_file(path, "id;x;y\nP1;1,5;2\nP2;0,25;3\n");
    const auto t = io::read_numeric_table(path);
    CHECK(t.delimiter == ';');
    CHECK(t.has_id_column);
    REQUIRE(t.values.rows() == 2);
    CHECK(t.values(0, 0) == 1.5);
    CHECK(t.values(1, 0) == 0.25);
    CHECK(t.values(1, 1) == 3.0);
    // a first column of decimal-comma numbers is numeric, not an id column
    techconv_test::write_file(path, "x;y\n1,5;2\n2,5;3\n");
    const auto n = io::read_numeric_table(path);
    CHECK_FALSE(n.has_id_column);
    CHECK(n.values(1, 0) == 2.5);
    // a thousands dot with a decimal comma is not guessed at: a located error
    techconv_test::write_file(path, "id;x\nP1;1.234,5\n");
    try {
        (void)io::read_numeric_table(path);
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        techconv_bad_input::check_error(e, expected_error{error_code::bad_number, 2, 2, 1, "x"}, path);
    }
    // in a comma-separated table a quoted "1,5" stays an error (no decimal comma there)
    techconv_test::write_file(path, "id,x\nP1,\"1,5\"\n");
    try {
        (void)io::read_numeric_table(path);
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        techconv_bad_input::check_error(e, expected_error{error_code::bad_number, 2, 2, 1, "x"}, path);
    }
}

TEST_CASE("delimiters: a spreadsheet's sep= line, by hand") {
    CHECK(io::delimiter_hint("sep=,") == ',');
    CHECK(io::delimiter_hint("sep=;") == ';');
    CHECK(io::delimiter_hint("sep=\t") == '\t');
    CHECK(io::delimiter_hint("\"sep=;\"") == ';');
    CHECK(io::delimiter_hint("SEP=;") == ';');
    CHECK(io::delimiter_hint("sep=|") == '\0');    // not a delimiter techconv reads
    CHECK(io::delimiter_hint("sep=;;") == '\0');   // one character only
    CHECK(io::delimiter_hint("sep,x,y") == '\0');  // a header that merely starts so
    CHECK(io::delimiter_hint("") == '\0');
}

TEST_CASE("delimiters: an export with a sep= line before its header gives the same records") {
    // Excel writes `sep=;` as the first line of a CSV meant to open in any locale, and other
    // tools add it for Excel. The line names the delimiter and is not part of the table.
    const std::string path = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    const auto want = read_lens_text(techconv_test::read_file(path), "commas.csv");
    REQUIRE(want.size() == 3779);  // as above
    for (const char delim : {',', ';', '\t'}) {
        INFO("delimiter code " << static_cast<int>(delim));
        const std::string text = std::string("sep=") + delim + "\r\n" + rewrite_with(path, delim);
        CHECK(io::detect_format_of(text.substr(0, 4096)) == io::input_format::lens);
        char d = 0;
        const auto got = read_lens_text(text, "sep.csv", &d);
        CHECK(d == delim);
        REQUIRE(got.size() == want.size());
        CHECK(got.front().id == want.front().id);
        CHECK(got.front().source_line == want.front().source_line + 1);  // the sep= line counts
        CHECK(got.back().id == want.back().id);
        CHECK(got.back().ipc == want.back().ipc);
    }
    // through read_patents, from a file, with the format detected
    const std::string saved = techconv_test::temp_path("lens-sep.csv");
    techconv_test::write_file(saved, "\"sep=;\"\n" + rewrite_with(path, ';'));
    const auto in = io::read_patents({saved});
    REQUIRE(in.files.size() == 1);
    CHECK(in.files[0].format == io::input_format::lens);
    CHECK(in.read == want.size());  // before family merging
    // an error names the file's own line numbers (header on line 2, first record on line 3)
    techconv_test::write_file(saved, "sep=,\nid,x\nP1,abc\n");
    try {
        (void)io::read_numeric_table(saved);
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        techconv_bad_input::check_error(e, expected_error{error_code::bad_number, 3, 2, 1, "x"}, saved);
    }
    // a weights table with sep=; is read with decimal commas
    techconv_test::write_file(saved, "sep=;\nid;x;y\nP1;1,5;2\n");
    const auto t = io::read_numeric_table(saved);
    CHECK(t.delimiter == ';');
    REQUIRE(t.values.rows() == 1);
    CHECK(t.values(0, 0) == 1.5);
}

TEST_CASE("delimiters: an empty input is said to be empty, not of an unknown format") {
    // 0 bytes, a byte-order mark alone (what a spreadsheet saves of an empty sheet), blank lines
    const std::string path = techconv_test::temp_path("empty-input.csv");
    for (const std::string& text : {std::string(), std::string("\xEF\xBB\xBF"), std::string("\r\n\r\n  \n"),
                                   std::string("\xFF\xFE", 2)}) {
        INFO("bytes: " << text.size());
        techconv_test::write_file(path, text);
        try {
            (void)io::detect_format(path);
            FAIL("expected a parse_error");
        } catch (const techconv::parse_error& e) {
            CHECK(e.code() == error_code::empty_input);
            CHECK(e.line() == 1);
            CHECK(e.source() == path);
        }
    }
    CHECK_FALSE(io::blank_text("x"));
    CHECK_FALSE(io::blank_text("\xEF\xBB\xBF id"));
}
