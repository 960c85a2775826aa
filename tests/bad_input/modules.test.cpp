// Bad-input catalogue, part 3: the module readers (IPC/CPC code lists, Web
// of Science tagged and tab-delimited, Scopus CSV, Lens CSV). Each case
// checks the error (code and location, counted by hand from the small input)
// under malformed_policy::error, and under malformed_policy::skip what is
// kept and how the loss is counted.
#include <doctest/doctest.h>

#include <techconv/classification/ipc.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/scopus.hpp>
#include <techconv/io/wos.hpp>
#include <techconv/analysis/indicators.hpp>
#include <techconv/weighting/entropy.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv_bad_input::expected_error;
using techconv_bad_input::read_bib;
namespace io = techconv::io;
namespace tc = techconv::classification;

TEST_CASE("bad input: codes: invalid sections") {
    // One symbol: bad_section at character 0 (Z is no IPC/CPC section).
    const auto r = tc::ipc_from_chars("Z99Q 1/00");
    CHECK_FALSE(r);
    CHECK(r.error == tc::ipc_errc::bad_section);
    CHECK(r.position == 0);
    // In a list, with the record's location: the error carries it.
    const techconv::source_location where{"bad.csv", 7, 13, 6, "IPCR Classifications"};
    std::vector<tc::ipc_code> codes;
    tc::ipc_list_report rep;
    try {
        tc::parse_ipc_list_into("F01D5/18;;Z01B1/00;;G06T", where, codes, rep);
        FAIL("expected bad_code");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, {error_code::bad_code, 7, 13, 6, "IPCR Classifications"},
                                        "bad.csv");
    }
    // Under collect: the good codes are kept, the bad one counted with a sample.
    codes.clear();
    rep = {};
    tc::ipc_list_options o;
    o.on_error = tc::ipc_error_policy::collect;
    tc::parse_ipc_list_into("F01D5/18;;Z01B1/00;;G06T", where, codes, rep, o);
    CHECK(codes.size() == 2);
    CHECK(rep.parsed == 2);
    CHECK(rep.failed == 1);
    REQUIRE(rep.samples.size() == 1);
    CHECK(rep.samples[0].text == "Z01B1/00");
    CHECK(rep.samples[0].error == tc::ipc_errc::bad_section);
    CHECK(rep.samples[0].where.line == 7);
}

TEST_CASE("bad input: wos: a record without ER") {
    // Record 1 (line 1) runs into the PT of record 2 on line 4.
    const std::string text = "PT J\nUT WOS:1\nPY 2020\nPT J\nUT WOS:2\nPY 2021\nER\nEF\n";
    const expected_error want{error_code::missing_terminator, 1, 0, 0, ""};
    read_bib<io::wos_tagged_reader>(text, io::malformed_policy::error, &want);
    // Skip: record 2 is kept, record 1 counted with its line.
    const auto d = read_bib<io::wos_tagged_reader>(text, io::malformed_policy::skip);
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].id == "WOS:2");
    CHECK(d.report.skipped == 1);
    REQUIRE(d.report.issues.size() == 1);
    CHECK(d.report.issues[0].code == error_code::missing_terminator);
    CHECK(d.report.issues[0].line == 1);
    // Truncated file: the input ends inside the record that started on line 1.
    const expected_error cut{error_code::truncated, 1, 0, 0, ""};
    read_bib<io::wos_tagged_reader>("PT J\nUT WOS:1\nPY 2020\n", io::malformed_policy::error, &cut);
    // A record with invalid UTF-8 (UTF-8 named) and no ER is counted once (bad_encoding at its bad line).
    const auto e = read_bib<io::wos_tagged_reader>(
        "PT J\nUT WOS:1\nTI Caf\xE9\nPT J\nUT WOS:2\nER\n", io::malformed_policy::skip, nullptr,
        io::text_encoding::utf8);
    CHECK(e.records.size() == 1);
    CHECK(e.report.skipped == 1);
    REQUIRE(e.report.issues.size() == 1);
    CHECK(e.report.issues[0].code == error_code::bad_encoding);
    CHECK(e.report.issues[0].line == 3);
}

TEST_CASE("bad input: wos: concatenated exports are read whole") {
    // Two downloads joined with `cat`: each starts with a byte-order mark and FN/VR and ends
    // with EF. Before, everything after the first EF was dropped without a word.
    const std::string part1 = "\xEF\xBB\xBF" "FN Clarivate Analytics Web of Science\nVR 1.0\n"
                              "PT J\nUT WOS:1\nPY 2020\nC1 Univ Tokyo, Tokyo, Japan.\nER\n\nEF\n";
    const std::string part2 = "\xEF\xBB\xBF" "FN Clarivate Analytics Web of Science\nVR 1.0\n"
                              "PT J\nUT WOS:2\nPY 2021\nC1 Univ Oslo, Oslo, Norway.\nER\n"
                              "PT J\nUT WOS:3\nPY 2022\nC1 Peking Univ, Beijing, Peoples R China.\nER\n\nEF\n";
    const auto d = read_bib<io::wos_tagged_reader>(part1 + part2, io::malformed_policy::error);
    REQUIRE(d.records.size() == 3);
    CHECK(d.records[2].id == "WOS:3");
    CHECK(d.records[2].countries == std::vector<std::string>{"CN"});
    CHECK(d.report.parts == 2);
    // The same download twice: the second copy's records are duplicates, dropped and counted.
    const auto twice = read_bib<io::wos_tagged_reader>(part1 + part1, io::malformed_policy::error);
    CHECK(twice.records.size() == 1);
    CHECK(twice.report.duplicates == 1);
    // Text after the last EF is still an error with its line.
    const expected_error after{error_code::bad_markup, 10, 0, 0, ""};  // part1 has 9 lines
    read_bib<io::wos_tagged_reader>(part1 + "garbage\n", io::malformed_policy::error, &after);
}

TEST_CASE("bad input: wos: duplicated records and one-record input") {
    const std::string rec1 = "PT J\nUT WOS:1\nPY 2020\nC1 Univ Tokyo, Tokyo, Japan.\nER\n";
    const auto d = read_bib<io::wos_tagged_reader>(rec1 + rec1 + "EF\n", io::malformed_policy::error);
    REQUIRE(d.records.size() == 1);  // kept once
    CHECK(d.records[0].countries == std::vector<std::string>{"JP"});
    CHECK(d.report.duplicates == 1);  // and counted
    CHECK(d.report.duplicate_ids == std::vector<std::string>{"WOS:1"});
    REQUIRE(d.report.issues.size() == 1);
    CHECK(d.report.issues[0].code == error_code::duplicate_record);
    CHECK(d.report.issues[0].line == 6);
    // One record, no EF: read as is.
    CHECK(read_bib<io::wos_tagged_reader>(rec1, io::malformed_policy::error).records.size() == 1);
}

TEST_CASE("bad input: wos tab: shifted row") {
    // Line 3 has one field too many.
    const std::string text =
        "PT\tUT\tPY\tC1\nJ\tWOS:1\t2020\tUniv Oslo, Oslo, Norway\nJ\tWOS:2\textra\t2021\tx\n";
    const expected_error want{error_code::field_count, 3, 0, 0, ""};
    read_bib<io::wos_tab_reader>(text, io::malformed_policy::error, &want);
    const auto d = read_bib<io::wos_tab_reader>(text, io::malformed_policy::skip);
    CHECK(d.records.size() == 1);
    CHECK(d.report.skipped == 1);
}

TEST_CASE("bad input: scopus: shifted columns") {
    // Line 2: an unquoted comma in the affiliation shifts the row to 5 fields.
    const std::string header = "Title,Year,Affiliations,EID\n";
    const std::string text = header + "Shifted,2020,Univ X, Germany,2-s2.0-1\n" +
                             "Fine,2021,\"Univ Y, Spain\",2-s2.0-2\n";
    const expected_error want{error_code::field_count, 2, 0, 1, ""};
    read_bib<io::scopus_reader>(text, io::malformed_policy::error, &want);
    const auto d = read_bib<io::scopus_reader>(text, io::malformed_policy::skip);
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].countries == std::vector<std::string>{"ES"});
    CHECK(d.report.skipped == 1);
    CHECK(d.report.issues[0].line == 2);
    // Same width but shifted values: the Year column holds text -> bad_year at field 2 'Year'.
    const expected_error year{error_code::bad_year, 2, 2, 1, "Year"};
    read_bib<io::scopus_reader>(header + "A,Univ Z,2020,2-s2.0-3\n", io::malformed_policy::error, &year);
    // A semicolon export (a spreadsheet's CSV in a decimal-comma locale) is read, not shifted.
    const auto semi = read_bib<io::scopus_reader>("Title;Year;Affiliations\nA;2020;\"Univ Z, Madrid, Spain\"\n",
                                                  io::malformed_policy::error);
    REQUIRE(semi.records.size() == 1);
    CHECK(semi.records[0].year == 2020);
    CHECK(semi.records[0].countries == std::vector<std::string>{"ES"});
}

TEST_CASE("bad input: scopus: one-record input") {
    const auto d = read_bib<io::scopus_reader>(
        "Year,Affiliations,EID\n2019,\"Univ Y, Madrid, Spain\",2-s2.0-9\n", io::malformed_policy::error);
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].year == 2019);
    CHECK(d.report.records == 1);
}

TEST_CASE("bad input: lens: negative and overflowing counts") {
    const std::string header = "Lens ID,Publication Number,Cited by Patent Count\n";
    const auto expect = [&](const std::string& row, const expected_error& want) {
        std::istringstream in(header + row);
        try {
            io::lens_reader r(in, "bad.csv");
            io::patent_record rec;
            while (r.next(rec)) {
            }
            FAIL("expected a parse_error");
        } catch (const parse_error& e) {
            techconv_bad_input::check_error(e, want, "bad.csv");
        }
    };
    expect("000-1,US 1 A,-1\n", {error_code::negative_value, 2, 3, 1, "Cited by Patent Count"});
    expect("000-1,US 1 A,99999999999999999999\n", {error_code::out_of_range, 2, 3, 1, "Cited by Patent Count"});
    expect("000-1,US 1 A,NaN\n", {error_code::bad_number, 2, 3, 1, "Cited by Patent Count"});
    // An empty count is absent, not zero.
    std::istringstream in(header + "000-1,US 1 A,\n");
    io::lens_reader r(in, "bad.csv");
    io::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK_FALSE(rec.counts.has(io::indicator::forward_citations));
}

TEST_CASE("weighting: all-constant indicator columns from a Lens export") {
    // Three records whose counts are all equal: every indicator column is
    // constant, so none carries information. Expected (weighting docs):
    // status all_degenerate, every column listed as degenerate, the
    // equal-weights fallback (1/m each), entropies 1, and no NaN anywhere;
    // the records themselves are all kept.
    const std::string text =
        "Lens ID,Jurisdiction,Publication Year,Cites Patent Count,Cited by Patent Count,"
        "Simple Family Size,NPL Citation Count,IPCR Classifications,Applicants\n"
        "1,US,2010,4,2,3,0,G06F17/00,ACME CORP\n"
        "2,US,2011,4,2,3,0,G06F17/00,ACME CORP\n"
        "3,JP,2012,4,2,3,0,H04N5/232,SONY CORP\n";
    std::istringstream in(text);
    io::lens_reader r(in, "constant.csv");
    std::vector<io::patent_record> recs;
    io::patent_record rec;
    while (r.next(rec)) recs.push_back(rec);
    REQUIRE(recs.size() == 3);
    const auto table = io::indicator_matrix(recs);
    REQUIRE(table.values.rows() == 3);
    REQUIRE(table.values.cols() >= 4);
    const auto w = techconv::weighting::entropy_weights(table.values);
    CHECK(w.info == techconv::status::all_degenerate);
    CHECK(static_cast<techconv::index>(w.degenerate_columns.size()) == table.values.cols());
    const double m = static_cast<double>(table.values.cols());
    for (techconv::index j = 0; j < w.weights.size(); ++j) {
        CHECK(w.weights[j] == doctest::Approx(1.0 / m));
        CHECK(w.entropy[j] == 1.0);
    }
    CHECK(w.weights.allFinite());
    CHECK(w.divergence.allFinite());
}
