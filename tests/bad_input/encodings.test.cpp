// SPDX-License-Identifier: BSL-1.0
// Encodings as exports arrive: a UTF-8 file with one stray Latin-1 byte, UTF-16 LE / BE
// with a BOM (made at test time from a shared dataset, in the build dir), CP1252 with the
// euro sign and curly quotes, and an encoding named wrongly. Rules: docs/reliability.md,
// "Encodings".
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <techconv/io/patent_inputs.hpp>
#include <techconv/io/scopus.hpp>

#include "catalogue.hpp"
#include "test_support.hpp"

namespace io = techconv::io;
using techconv::error_code;
using techconv_bad_input::check_error;
using techconv_bad_input::expected_error;

namespace {

const std::string lens_head = "Lens ID,Publication Number,Publication Year,Applicants,Title\n";

std::vector<io::patent_record> read_lens(const std::string& path, io::text_encoding enc, io::patent_read_stats* st) {
    io::patent_csv_options o;
    o.csv.encoding = enc;
    io::lens_reader r(path, o);
    auto v = r.read_all();
    if (st) *st = r.stats();
    return v;
}

// The file written by tests/format/encode_reference.py (Python's own encoder) for `codec`.
std::string python_encoded(const std::string& src, const std::string& codec) {
    const auto out = techconv_test::run_python("format/encode_reference.py", {src, codec});
    return out.substr(0, out.find('\n'));
}

}  // namespace

TEST_CASE("bad input: encodings: UTF-8 with one Latin-1 byte is read as UTF-8, the byte counted") {
    // Line 3 holds the stray byte C9 ("SOCI\xC9T\xC3\x89": the first E-acute Latin-1, the second UTF-8).
    const std::string text = lens_head + "1,US 1 A,2001,M\xC3\xBCLLER GMBH,Caf\xC3\xA9 machine\n" +
                             "2,US 2 A,2002,SOCI\xC9T\xC3\x89 G\xC3\x89N\xC3\x89RALE,Cr\xC3\xA8me\n";
    const auto path = techconv_test::temp_path("stray.csv");
    techconv_test::write_file(path, text);
    io::patent_read_stats st;
    const auto recs = read_lens(path, io::text_encoding::automatic, &st);
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].applicants[0].name == "M\xC3\xBCLLER GMBH");
    CHECK(recs[1].applicants[0].name == "SOCI\xC3\x89T\xC3\x89 G\xC3\x89N\xC3\x89RALE");  // C9 as CP1252: U+00C9
    CHECK(st.encoding == io::text_encoding::utf8_cp1252_strays);
    CHECK(st.text.stray_bytes == 1);
    CHECK(st.text.stray_lines == std::vector<std::size_t>{3});
    CHECK(io::describe(st.text) == "read as UTF-8; 1 byte at line 3 not UTF-8, read as CP1252");
    CHECK(io::input_note(path, st) == path + ": lens-2021, 2 records; read as UTF-8; 1 byte at line 3 not UTF-8, read as CP1252");

    // the same file with UTF-8 named: an error at that line and field
    try {
        read_lens(path, io::text_encoding::utf8, nullptr);
        FAIL("expected bad_encoding");
    } catch (const techconv::parse_error& e) {
        check_error(e, {error_code::bad_encoding, 3, 4, 2, "Applicants"}, path);
    }
}

TEST_CASE("bad input: encodings: a real Lens export as UTF-16 LE and BE with a BOM" * doctest::test_suite("data")) {
    const auto lens = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    io::read_patents_options o;
    o.merge_families = false;
    const auto base = io::read_patents({lens}, o);
    REQUIRE(base.records.size() == 3779);
    // Python writes the transcodings into the build dir (the dataset is never copied into the tree);
    // utf-16 without -le/-be: Python writes a BOM in the machine's order, so -le/-be plus our own BOM.
    const auto src = techconv_test::temp_path("jet-engines-utf8.csv");
    techconv_test::write_file(src, techconv_test::read_file(lens));
    for (const bool be : {false, true}) {
        CAPTURE(be);
        const auto body = techconv_test::read_file(python_encoded(src, be ? "utf-16-be" : "utf-16-le"));
        const auto path = techconv_test::temp_path(be ? "jet-engines-utf16be.csv" : "jet-engines-utf16le.csv");
        techconv_test::write_file(path, (be ? std::string("\xFE\xFF") : std::string("\xFF\xFE")) + body);
        CHECK(io::detect_format(path) == io::input_format::lens);  // was "cannot detect the format"
        const auto in = io::read_patents({path}, o);
        REQUIRE(in.records.size() == base.records.size());
        for (std::size_t i = 0; i < in.records.size(); ++i) {
            const auto& a = in.records[i];
            const auto& b = base.records[i];
            REQUIRE(a.id == b.id);
            CHECK(a.source_line == b.source_line);  // lines count the same
            CHECK(a.title == b.title);
            CHECK(a.ipc == b.ipc);
            CHECK(a.applicants.size() == b.applicants.size());
        }
        CHECK(in.files[0].stats.encoding == (be ? io::text_encoding::utf16be : io::text_encoding::utf16le));
        CHECK(in.notes()[0].find(be ? "read as UTF-16 BE (BOM), transcoded to UTF-8" : "read as UTF-16 LE (BOM), transcoded to UTF-8") !=
              std::string::npos);
    }
}

TEST_CASE("bad input: encodings: CP1252 with the euro sign and curly quotes") {
    // Scopus rows saved by a Windows program: 0x80 euro, 0x93/0x94 curly double quotes,
    // 0x92 apostrophe, 0xE9 e-acute. Expected UTF-8 by hand from the CP1252 table
    // (also checked against Python's cp1252 codec in tests/format/encoding.test.cpp).
    const std::string text = "Year,Title,Affiliations,EID\n"
                             "2019,\"A \x80" "5 sensor for \x93smart\x94 homes\",\"Univ X, Montr\xE9" "al, Canada\",1\n"
                             "2020,\"Europe\x92s caf\xE9s\",\"Univ Y, Li\xE8ge, Belgium\",2\n";
    std::istringstream in(text);
    io::scopus_reader r(in, "cp1252.csv");
    io::bibliographic_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.title == "A \xE2\x82\xAC" "5 sensor for \xE2\x80\x9Csmart\xE2\x80\x9D homes");
    CHECK(rec.countries == std::vector<std::string>{"CA"});
    REQUIRE(r.next(rec));
    CHECK(rec.title == "Europe\xE2\x80\x99s caf\xC3\xA9s");
    CHECK(r.report().text.used == io::text_encoding::cp1252);
    CHECK(io::report_notes(r.report()) == std::vector<std::string>{"read as CP1252 (detected from byte statistics)"});
}

TEST_CASE("bad input: encodings: UTF-8 named on a Latin-1 WoS file names line and field") {
    const std::string text = "PT J\nUT WOS:1\nPY 2001\nC1 Univ Koln, K\xF6ln, Germany.\nER\nEF\n";
    std::istringstream in(text);
    io::bibliographic_options o;
    o.encoding = io::text_encoding::utf8;
    try {
        io::wos_tagged_reader r(in, "l1.txt", o);
        io::bibliographic_record rec;
        while (r.next(rec)) {
        }
        FAIL("expected bad_encoding");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::bad_encoding);
        CHECK(e.line() == 4);
        CHECK(e.source() == "l1.txt");
    }
    // automatic: single-byte text, read as CP1252 (0xF6 between lower-case letters is o-umlaut)
    std::istringstream in2(text);
    io::wos_tagged_reader r2(in2, "l1.txt");
    io::bibliographic_record rec;
    REQUIRE(r2.next(rec));
    CHECK(rec.countries == std::vector<std::string>{"DE"});
    CHECK(r2.report().text.used == io::text_encoding::cp1252);
}
