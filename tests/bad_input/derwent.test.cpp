// Bad Derwent Innovations Index exports (techconv/io/derwent.hpp): each case states the
// exact error (code, line, column, field tag) under malformed_policy::error, and what
// malformed_policy::skip keeps and counts. The inputs are written by hand; a good record
// is the shape of the first record of the shared sample.
#include <doctest/doctest.h>

#include <techconv/io/derwent.hpp>
#include <techconv/io/wos.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv_bad_input::expected_error;
namespace io = techconv::io;

namespace {

// One well-formed record with publication number `pn`.
std::string derwent_record(const std::string& pn) {
    return "PT P\nPN " + pn + "\nAE TABUCHI DENKI KK (TABU-Non-standard)\nIP B64C-039/02; G05D-001/00\nPD " + pn +
           "   13 Apr 2017   B64C-039/02   201731   Pages: 10   Japanese\nPI JP198782    06 Oct 2015\nER\n\n";
}

struct derwent_read {
    std::vector<std::string> ids;
    io::patent_read_stats stats;
    std::vector<io::read_issue> issues;
};

// Reads `text`; under malformed_policy::error with `want`, checks the error it must raise.
derwent_read read_derwent_text(const std::string& text, io::malformed_policy policy, const expected_error* want = nullptr,
                               io::unknown_tag_policy tags = io::unknown_tag_policy::skip_field) {
    std::istringstream in(text);
    io::derwent_options o;
    o.malformed = policy;
    o.unknown_tags = tags;
    io::derwent_reader r(in, "bad.ciw", o);
    derwent_read out;
    io::patent_record rec;
    try {
        while (r.next(rec)) out.ids.push_back(rec.id);
        CHECK(want == nullptr);
    } catch (const parse_error& e) {
        REQUIRE(want != nullptr);
        techconv_bad_input::check_error(e, *want, "bad.ciw");
    }
    out.stats = r.stats();
    out.issues = r.issues();
    return out;
}

std::size_t derwent_skipped(const io::patent_read_stats& st, const std::string& what) {
    for (const auto& s : st.skipped)
        if (s.first == what) return s.second;
    return 0;
}

}  // namespace

TEST_CASE("bad input: derwent: a truncated record") {
    // the second record (line 9) has no ER: the input ends inside it
    const std::string text = derwent_record("JP2017071285-A") + "PT P\nPN TW536742-U\nIP F41J-007/00\n";
    const expected_error want{error_code::truncated, 9, 0, 0, "ER"};
    const auto e = read_derwent_text(text, io::malformed_policy::error, &want);
    CHECK(e.ids == std::vector<std::string>{"JP 2017071285 A"});  // the record before it was delivered
    const auto s = read_derwent_text(text, io::malformed_policy::skip);
    CHECK(s.ids == std::vector<std::string>{"JP 2017071285 A"});
    CHECK(derwent_skipped(s.stats, "malformed records") == 1);
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues[0].code == error_code::truncated);
    CHECK(s.issues[0].line == 9);
    // an EF inside a record, and a PT before ER (missing_terminator at the record's first line)
    const expected_error ef{error_code::truncated, 1, 0, 0, "EF"};
    read_derwent_text("PT P\nPN TW536742-U\nEF\n", io::malformed_policy::error, &ef);
    const expected_error no_er{error_code::missing_terminator, 1, 0, 0, "ER"};
    read_derwent_text("PT P\nPN TW536742-U\n" + derwent_record("JP2017071285-A"), io::malformed_policy::error, &no_er);
    const auto k = read_derwent_text("PT P\nPN TW536742-U\n" + derwent_record("JP2017071285-A"), io::malformed_policy::skip);
    CHECK(k.ids == std::vector<std::string>{"JP 2017071285 A"});
}

TEST_CASE("bad input: derwent: a line outside a record") {
    // line 3 is text between the header and the first record
    const std::string text = "FN Thomson Reuters Web of Science\nVR 1.0\nstray text\n" + derwent_record("TW536742-U");
    const expected_error want{error_code::bad_markup, 3, 0, 0, ""};
    read_derwent_text(text, io::malformed_policy::error, &want);
    const auto s = read_derwent_text(text, io::malformed_policy::skip);
    CHECK(s.ids == std::vector<std::string>{"TW 536742 U"});
    CHECK(derwent_skipped(s.stats, "malformed records") == 1);
    // a field after ER names its tag
    const expected_error field{error_code::bad_markup, 9, 0, 0, "PN"};
    read_derwent_text(derwent_record("TW536742-U") + "PN US1-A\n", io::malformed_policy::error, &field);
    // a continuation line outside a record
    const expected_error cont{error_code::bad_markup, 9, 0, 0, ""};
    read_derwent_text(derwent_record("TW536742-U") + "   more\n", io::malformed_policy::error, &cont);
    // inside a record, a line that is neither a field nor a continuation (DS excepted)
    const expected_error inside{error_code::bad_markup, 3, 0, 0, ""};
    read_derwent_text("PT P\nPN TW536742-U\nnot a field\nER\n", io::malformed_policy::error, &inside);
}

TEST_CASE("bad input: derwent: DS continues on tab- and number-started lines") {
    // the shape of the sample's designated states (derwent_drone_drones_1_500.ciw, line 1143 ff.)
    const std::string rec = "PT P\nPN WO2017066662-A1\nDS WO2017066662-A1: \n\t\t      (National): AE; AG\n"
                            "      (Regional): BW; GH\nWO2017066662-A3: \n\t\t      (National): AE\nIP B64C-039/02\n"
                            "PD WO2017066662-A1   20 Apr 2017   B64C-039/02   201729      English\nER\n";
    const auto s = read_derwent_text(rec, io::malformed_policy::error);
    CHECK(s.ids == std::vector<std::string>{"WO 2017066662 A1"});
}

TEST_CASE("bad input: derwent: bad dates and publication numbers") {
    // PD on line 5 of the record: the date is not 'D Mon YYYY'
    std::string text = derwent_record("TW536742-U");
    text.replace(text.find("13 Apr 2017"), 11, "13 Abr 2017");
    const expected_error want{error_code::bad_year, 5, 0, 0, "PD"};
    read_derwent_text(text, io::malformed_policy::error, &want);
    const auto s = read_derwent_text(text + derwent_record("JP2017071285-A"), io::malformed_policy::skip);
    CHECK(s.ids == std::vector<std::string>{"JP 2017071285 A"});
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues[0].code == error_code::bad_year);
    CHECK(s.issues[0].line == 5);
    // PI on line 6
    std::string prio = derwent_record("TW536742-U");
    prio.replace(prio.find("06 Oct 2015"), 11, "2015-10-06x");
    const expected_error pi{error_code::bad_year, 6, 0, 0, "PI"};
    read_derwent_text(prio, io::malformed_policy::error, &pi);
    // a PN member that is no publication number (line 2), a record without PN (line 1)
    const expected_error pn{error_code::bad_value, 2, 0, 0, "PN"};
    read_derwent_text("PT P\nPN TW536742-U; 12345\nER\n", io::malformed_policy::error, &pn);
    const expected_error none{error_code::bad_value, 1, 0, 0, "PN"};
    read_derwent_text("PT P\nTI A drone\nER\n", io::malformed_policy::error, &none);
}

TEST_CASE("bad input: derwent: an unknown tag") {
    std::string text = derwent_record("TW536742-U");
    text.insert(text.find("AE "), "ZZ something new\n");  // line 3
    // default: ignored, counted and listed; the record is kept
    const auto s = read_derwent_text(text, io::malformed_policy::error);
    CHECK(s.ids == std::vector<std::string>{"TW 536742 U"});
    CHECK(derwent_skipped(s.stats, "fields with an unknown tag") == 1);
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues[0].code == error_code::unknown_tag);
    CHECK(s.issues[0].line == 3);
    // unknown_tag_policy::error: the tag, its line and column 1
    const expected_error want{error_code::unknown_tag, 3, 1, 0, "ZZ"};
    read_derwent_text(text, io::malformed_policy::error, &want, io::unknown_tag_policy::error);
}

TEST_CASE("bad input: derwent: IPC items that are no symbol are dropped and counted") {
    std::string text = derwent_record("TW536742-U");
    text.replace(text.find("IP B64C-039/02"), 14, "IP B64C-039/02; ZZZZ-001/00; B64C-039/02");
    std::istringstream in(text);
    io::derwent_reader r(in, "bad.ciw");
    io::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.ipc == std::vector<std::string>{"B64C39/02", "G05D1/00"});  // main (PD) first, each once
    CHECK(r.stats().rejected_codes == 1);
    REQUIRE(r.stats().rejected_code_examples.size() == 1);
    CHECK(r.stats().rejected_code_examples[0] == "bad.ciw:1: 'ZZZZ-001/00' in IP (bad_section)");
}

TEST_CASE("bad input: derwent and wos: UTF-16 ending inside a character ends the input under skip") {
    // Found by tests/fuzz/derwent.fuzz.cpp (regressions/derwent/utf16_odd_byte_count_skip): the byte
    // source raised the error at every read, and the skip policy's retry never ended (the WoS
    // tagged reader alike). The error is raised once (line 4: after three line ends); then the
    // input ends.
    const auto utf16 = [](const std::string& s) {
        std::string t = "\xFF\xFE";  // UTF-16LE byte-order mark
        for (const char c : s) {
            t += c;
            t += '\0';
        }
        return t + "x";  // an odd byte count
    };
    const std::string text = utf16("PT P\nPN TW536742-U\nER\n");
    const auto s = read_derwent_text(text, io::malformed_policy::skip);
    CHECK(s.ids == std::vector<std::string>{"TW 536742 U"});
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues[0].code == error_code::bad_encoding);
    CHECK(s.issues[0].line == 4);
    const expected_error want{error_code::bad_encoding, 4, 0, 0, ""};
    const auto e = read_derwent_text(text, io::malformed_policy::error, &want);
    CHECK(e.ids == std::vector<std::string>{"TW 536742 U"});
    // the WoS tagged reader on the same shape
    std::istringstream in(utf16("PT J\nUT WOS:1\nPY 2020\nER\n"));
    io::bibliographic_options o;
    o.malformed = io::malformed_policy::skip;
    io::wos_tagged_reader w(in, "bad.txt", o);
    io::bibliographic_record rec;
    std::size_t n = 0;
    while (w.next(rec)) ++n;
    CHECK(n == 1);
    CHECK(w.report().skipped == 1);
}
