// Country normalisation (every spelling of the issue, the region policy, the
// ISO table loaded from CSV) and the WoS / Scopus readers on hand-written
// exports, including malformed ones: each must give a clear error or a
// counted, reported skip.
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "techconv/classification/country.hpp"
#include "techconv/classification/loaders.hpp"
#include "techconv/io/scopus.hpp"
#include "techconv/io/wos.hpp"
#include "test_support.hpp"

namespace cl = techconv::classification;
namespace io = techconv::io;
using techconv::error_code;
using strings = std::vector<std::string>;

TEST_CASE("country: WoS / Scopus spellings, names and codes") {
    const cl::country_normalizer cn;
    CHECK(cn.size() == 253);  // 249 ISO 3166-1 codes + XK, SU, YU, CS (detail::builtin_extra_countries)
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Peoples R China", "CN"}, {"USA", "US"}, {"England", "GB"}, {"Scotland", "GB"},
        {"Wales", "GB"}, {"North Ireland", "GB"}, {"Northern Ireland", "GB"}, {"U Arab Emirates", "AE"},
        {"Korea", "KR"}, {"South Korea", "KR"}, {"Taiwan", "TW"}, {"Hong Kong", "HK"}, {"Macau", "MO"},
        {"Macao", "MO"}, {"United States", "US"}, {"China", "CN"}, {"United Kingdom", "GB"},
        {"Russian Federation", "RU"}, {"Viet Nam", "VN"}, {"Czech Republic", "CZ"}, {"Turkey", "TR"},
        {"Türkiye", "TR"}, {"Côte d’Ivoire", "CI"}, {"Cote Ivoire", "CI"}, {"Curaçao", "CW"},
        {"Åland Islands", "AX"}, {"The Netherlands", "NL"}, {"Bosnia & Herceg", "BA"},
        {"Trinid & Tobago", "TT"}, {"Papua N Guinea", "PG"}, {"Fed Rep Ger", "DE"},
        {"PEOPLES R CHINA", "CN"}, {"  south   korea. ", "KR"}, {"Iran", "IR"}, {"Dem Rep Congo", "CD"},
        {"Rep Congo", "CG"}, {"Namibia", "NA"},
        // ISO codes, any case
        {"cn", "CN"}, {"CHN", "CN"}, {"gbr", "GB"}, {"NA", "NA"}};
    for (const auto& c : cases) {
        const auto& text = c.first;  // a variable, not a structured binding: CAPTURE's lambda takes it (clang, C++17)
        CAPTURE(text);
        CHECK(cn.lookup(text) == c.second);
    }
    // former states keep their ISO 3166-3 former codes (docs/reliability.md, "Countries")
    CHECK(cn.lookup("USSR") == "SU");
    CHECK(cn.lookup("Yugoslavia") == "YU");
    // not countries (ambiguous or no state, US states as codes in free text)
    CHECK(cn.lookup("Channel Islands").empty());
    CHECK(cn.lookup("").empty());
    cl::country_options names_only;
    names_only.input = cl::country_input::names_only;
    CHECK(cn.lookup("CA", names_only).empty());
    CHECK(cn.lookup("CA") == "CA");
    CHECK(cn.lookup("USA", names_only) == "US");  // an alias, not a code
    CHECK_THROWS_AS(cn.normalize("Atlantis"), techconv::parse_error);
    try {
        (void)cn.normalize("Atlantis", {}, techconv::source_location{"x.txt", 7, 0, 0, "C1"});
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::bad_country);
        CHECK(e.line() == 7);
        CHECK(std::string(e.what()).find("Atlantis") != std::string::npos);
    }
}

TEST_CASE("country: region policy") {
    const cl::country_normalizer cn;
    cl::country_options o;
    CHECK(cn.lookup("Taiwan", o) == "TW");
    o.regions.taiwan = cl::territory_policy::merge_into_china;
    CHECK(cn.lookup("Taiwan", o) == "CN");
    CHECK(cn.lookup("TWN", o) == "CN");
    CHECK(cn.lookup("Hong Kong", o) == "HK");  // each territory separately
    o.regions.hong_kong = cl::territory_policy::merge_into_china;
    o.regions.macau = cl::territory_policy::merge_into_china;
    CHECK(cn.lookup("Hong Kong", o) == "CN");
    CHECK(cn.lookup("Macao", o) == "CN");
    CHECK(cn.lookup("Jersey", o) == "JE");  // crown dependencies keep their code
    cl::country_normalizer custom;
    custom.add_alias("Formosa", "TW");
    CHECK(custom.lookup("FORMOSA") == "TW");
    CHECK_THROWS_AS(custom.add_alias("Nowhere", "ZZ"), techconv::invalid_argument);
}

TEST_CASE("country: the ISO table loaded from CSV" * doctest::test_suite("data")) {
    const auto path = techconv_test::data_path("ref-country-codes/country-codes.csv");
    const auto loaded = cl::load_country_table_csv(path);
    const cl::country_normalizer builtin;
    REQUIRE(loaded.size() == 253);  // the file's 249 ISO codes + the four every table gets
    std::set<std::string> a, b;
    for (const auto& e : loaded.entries()) a.insert(e.alpha2 + e.alpha3);
    for (const auto& e : builtin.entries()) b.insert(e.alpha2 + e.alpha3);
    CHECK(a == b);  // the built-in table has the same 249 (+4) alpha-2/alpha-3 pairs
    CHECK(loaded.lookup("Peoples R China") == "CN");  // aliases are ours, on top of the table
    CHECK(loaded.lookup("NAM") == "NA");
    CHECK(loaded.entry("NA") != nullptr);  // "NA" (Namibia) is a code, not a missing value

    const auto bad = techconv_test::temp_path("countries-bad.csv");
    techconv_test::write_file(bad, "ISO3166-1-Alpha-2,ISO3166-1-Alpha-3,official_name_en\nFR,FRA,France\nF1,XXX,Bad\n");
    try {
        (void)cl::load_country_table_csv(bad);
        FAIL("expected parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::bad_country);
        CHECK(e.line() == 3);
        CHECK(e.field() == "ISO3166-1-Alpha-2");
    }
    techconv_test::write_file(bad, "code,name\nFR,France\n");
    CHECK_THROWS_AS(cl::load_country_table_csv(bad), techconv::parse_error);
}

namespace {

// A small WoS plain-text export: a three-country record with [author]
// groups, a record with an empty C1 (RP fallback), a one-country record, a
// duplicate UT and an unknown tag.
const char* const tagged_ok =
    "\xEF\xBB\xBF" "FN Clarivate Analytics Web of Science\n"
    "VR 1.0\n"
    "PT J\n"
    "AU Li, X\n"
    "   Smith, J\n"
    "C1 [Li, X; Wang, Y] Tsinghua Univ, Dept Phys, Beijing 100084, Peoples R China.\n"
    "   [Smith, J] MIT, Cambridge, MA 02139 USA.\n"
    "   Univ Oxford, Oxford OX1 3PU, England.\n"
    "PY 2019\n"
    "UT WOS:000000000000001\n"
    "ER\n"
    "\n"
    "PT J\n"
    "C1 \n"
    "RP Roach, M (reprint author), Univ Calif San Francisco, San Francisco, CA 94143 USA.\n"
    "PY 2020\n"
    "XX something new\n"
    "   continued\n"
    "UT WOS:000000000000002\n"
    "ER\n"
    "\n"
    "PT J\n"
    "C1 UNIV CAMBRIDGE,DEPT ZOOL,CAMBRIDGE CB2 3EJ,ENGLAND.\n"
    "PY 1989\n"
    "UT WOS:000000000000003\n"
    "ER\n"
    "\n"
    "PT J\n"
    "C1 Somewhere Inst, Irvine, CA USA.\n"
    "PY 2019\n"
    "UT WOS:000000000000001\n"
    "ER\n"
    "\n"
    "EF\n";

io::bibliographic_data read_tagged(const std::string& text, io::bibliographic_options o = {}) {
    std::istringstream in(text);
    io::wos_tagged_reader r(in, "mem.txt", o);
    io::bibliographic_data d;
    io::bibliographic_record rec;
    while (r.next(rec)) d.records.push_back(rec);
    d.report = r.report();
    return d;
}

// Expects a parse_error with `code` at `line` from reading `text` (default policy: error).
void expect_tagged_error(const std::string& text, error_code code, std::size_t line,
                         io::bibliographic_options o = {}) {
    try {
        (void)read_tagged(text, o);
        FAIL("expected parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == code);
        CHECK(e.line() == line);
        CHECK(e.source() == "mem.txt");
    }
}

}  // namespace

TEST_CASE("wos tagged: countries, RP fallback, duplicates, unknown tags") {
    const auto d = read_tagged(tagged_ok);
    REQUIRE(d.records.size() == 3);
    CHECK(d.records[0].id == "WOS:000000000000001");
    CHECK(d.records[0].year == 2019);
    CHECK(d.records[0].countries == strings{"CN", "GB", "US"});  // three countries, sorted
    CHECK(d.records[0].institutions == strings{"MIT", "Tsinghua Univ", "Univ Oxford"});
    CHECK(d.records[0].source == io::country_field::addresses);
    CHECK(d.records[0].line == 3);
    CHECK(d.records[1].countries == strings{"US"});
    CHECK(d.records[1].source == io::country_field::reprint);
    CHECK(d.records[1].institutions == strings{"Univ Calif San Francisco"});
    CHECK(d.records[2].countries == strings{"GB"});
    CHECK(d.records[2].year == 1989);
    CHECK(d.report.records == 3);
    CHECK(d.report.duplicates == 1);
    CHECK(d.report.duplicate_ids == strings{"WOS:000000000000001"});
    CHECK(d.report.unknown_tags == 1);
    CHECK(d.report.from_fallback == 1);
    CHECK(d.report.skipped == 0);
    CHECK(d.report.issues.size() == 2);  // the unknown tag and the duplicate, with lines
    CHECK(d.report.issues[0].line == 17);

    io::bibliographic_options strict;
    strict.unknown_tags = io::unknown_tag_policy::error;
    try {
        (void)read_tagged(tagged_ok, strict);
        FAIL("expected parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::unknown_tag);
        CHECK(e.line() == 17);
        CHECK(e.field() == "XX");
    }
}

TEST_CASE("wos tagged: malformed records are errors or counted skips") {
    const std::string rec1 = "PT J\nC1 A Univ, Paris, France.\nPY 2001\nUT WOS:1\nER\n";
    const std::string rec2 = "PT J\nC1 B Univ, Rome, Italy.\nPY 2002\nUT WOS:2\nER\n";
    // missing ER: the record starting on line 1 runs into the next PT
    const std::string missing_er = "PT J\nC1 A Univ, Paris, France.\nPY 2001\nUT WOS:1\n" + rec2;
    expect_tagged_error(missing_er, error_code::missing_terminator, 1);
    // truncated: the input ends inside a record
    const std::string truncated = rec1 + "PT J\nC1 B Univ, Rome, It";
    expect_tagged_error(truncated, error_code::truncated, 6);
    // a garbled line inside a record
    const std::string garbled = rec1 + "PT J\nC1 B Univ, Rome, Italy.\nthis is not a tag line\nUT WOS:2\nER\n";
    expect_tagged_error(garbled, error_code::bad_markup, 8);
    // wrong delimiter: a tab-delimited file read as tagged
    expect_tagged_error("PT\tAU\tC1\tUT\nJ\tX\tY\tZ\n", error_code::bad_markup, 1);
    // non-UTF-8 bytes (Latin-1 'e' acute) in a file said to be UTF-8
    const std::string latin1 = rec1 + "PT J\nC1 B Univ, Montr\xE9" "al, Canada.\nPY 2002\nUT WOS:2\nER\n";
    io::bibliographic_options utf8;
    utf8.encoding = techconv::io::text_encoding::utf8;
    expect_tagged_error(latin1, error_code::bad_encoding, 7, utf8);
    // bad year
    expect_tagged_error("PT J\nC1 A Univ, Paris, France.\nPY 20x1\nUT WOS:1\nER\n", error_code::bad_year, 1);

    io::bibliographic_options skip;
    skip.malformed = io::malformed_policy::skip;
    skip.encoding = techconv::io::text_encoding::utf8;
    for (const auto& text : {missing_er, truncated, garbled, latin1}) {
        const auto d = read_tagged(text, skip);
        CAPTURE(text);
        CHECK(d.report.skipped == 1);     // counted
        CHECK(d.records.size() == 1);     // the good record survives
        REQUIRE(d.report.issues.size() == 1);  // and the skip is listed with its line
        CHECK(d.report.issues[0].line > 0);
    }
    io::bibliographic_options as_latin1;
    as_latin1.encoding = techconv::io::text_encoding::latin1;
    const auto d = read_tagged(latin1, as_latin1);
    REQUIRE(d.records.size() == 2);
    CHECK(d.records[1].countries == strings{"CA"});
    // automatic (the default): no UTF-8 sequence, one byte that is not UTF-8: single-byte text,
    // CP1252 (0xE9 after 'r' is a lower-case letter only in CP1252), and the report says so
    const auto a = read_tagged(latin1);
    REQUIRE(a.records.size() == 2);
    CHECK(a.report.text.used == techconv::io::text_encoding::cp1252);
    CHECK(techconv::io::describe(a.report.text) == "read as CP1252 (detected from byte statistics)");
}

TEST_CASE("wos tab-delimited: records, wrong delimiter, field count") {
    const std::string header = "PT\tAU\tC1\tRP\tPY\tUT\r\n";
    const std::string ok = header +
        "J\tLi, X\t[Li, X; Wang, Y] Tsinghua Univ, Beijing 100084, Peoples R China; [Kim, J] KAIST, Daejeon, South Korea\t\t2021\tWOS:10\r\n"
        "J\tRoe, A \"Al\"\t\tRoe, A (corresponding author), Univ Lagos, Lagos, Nigeria.\t2022\tWOS:11\r\n"
        "J\tLi, X\t[Li, X] Tsinghua Univ, Beijing, Peoples R China\t\t2021\tWOS:10\r\n";
    std::istringstream in(ok);
    io::wos_tab_reader r(in, "tab.txt");
    io::bibliographic_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.countries == strings{"CN", "KR"});
    CHECK(rec.institutions == strings{"KAIST", "Tsinghua Univ"});
    CHECK(rec.line == 2);
    REQUIRE(r.next(rec));
    CHECK(rec.countries == strings{"NG"});
    CHECK(rec.source == io::country_field::reprint);
    CHECK_FALSE(r.next(rec));
    CHECK(r.report().duplicates == 1);
    CHECK(r.report().records == 2);

    std::istringstream comma("PT,AU,C1,PY,UT\nJ,X,Y,2001,WOS:1\n");
    try {
        io::wos_tab_reader bad(comma, "comma.txt");
        FAIL("expected parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::missing_column);
        CHECK(std::string(e.what()).find("wrong delimiter") != std::string::npos);
    }
    const std::string short_row = header + "J\tX\tA Univ, Paris, France\t2001\tWOS:1\r\n";
    std::istringstream s1(short_row);
    io::wos_tab_reader strict(s1, "tab.txt");
    try {
        (void)strict.next(rec);
        FAIL("expected parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::field_count);
        CHECK(e.line() == 2);
    }
    std::istringstream s2(short_row);
    io::bibliographic_options skip;
    skip.malformed = io::malformed_policy::skip;
    io::wos_tab_reader lenient(s2, "tab.txt", skip);
    CHECK_FALSE(lenient.next(rec));
    CHECK(lenient.report().skipped == 1);
}

TEST_CASE("scopus csv: affiliations, fallback, duplicates, malformed") {
    const std::string csv =
        "\xEF\xBB\xBF" "Authors,Title,Year,Affiliations,Authors with affiliations,EID\n"
        "\"A B., C D.\",\"T1\",2017,\"Department of Computer Science, University of California Irvine, United States; "
        "Institute of Computer Technology, TU Wien, Vienna, Austria; Dept, University of Turku, Turku, Finland\","
        "\"x\",2-s2.0-1\n"
        "\"E F.\",\"T2\",2016,,\"Jordan, M., School of EE, Tsinghua University, Beijing, China, KAIST, Daejeon, South Korea\",2-s2.0-2\n"
        "\"G H.\",\"T3\",2016,\"Somewhere Lab, Atlantis\",,2-s2.0-3\n"
        "\"A B.\",\"T1\",2017,\"University of Turku, Turku, Finland\",,2-s2.0-1\n";
    std::istringstream in(csv);
    io::scopus_reader r(in, "scopus.csv");
    io::bibliographic_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.countries == strings{"AT", "FI", "US"});
    CHECK(rec.institutions == strings{"Institute of Computer Technology", "University of California Irvine", "University of Turku"});
    CHECK(rec.year == 2017);
    REQUIRE(r.next(rec));
    CHECK(rec.countries == strings{"CN", "KR"});  // "Jordan" is the author's name, not a country
    CHECK(rec.source == io::country_field::authors_with_affiliations);
    REQUIRE(r.next(rec));
    CHECK(rec.countries.empty());
    CHECK(rec.unresolved == strings{"Atlantis"});
    CHECK_FALSE(r.next(rec));
    CHECK(r.report().duplicates == 1);
    CHECK(r.report().without_country == 1);
    CHECK(r.report().unresolved_addresses == 1);

    // a ';'-separated export (a spreadsheet's CSV in a decimal-comma locale) is read
    std::istringstream semi("Authors;Title;Year;Affiliations;EID\nA;T;2017;X;1\n");
    io::scopus_reader sr(semi, "semi.csv");
    REQUIRE(sr.next(rec));
    CHECK(rec.year == 2017);
    CHECK(sr.stats().delimiter == ';');
    // truncated: an open quote at the end of the input
    std::istringstream trunc("Year,Affiliations,EID\n2017,\"Univ X, Paris, France\",1\n2018,\"Univ Y, Ro");
    io::scopus_reader t(trunc, "trunc.csv");
    REQUIRE(t.next(rec));
    try {
        (void)t.next(rec);
        FAIL("expected parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::unterminated_quote);
        CHECK(e.line() == 3);
    }
    // non-UTF-8 and a bad year: errors by default, counted skips on request
    const std::string bad_rows = "Year,Affiliations,EID\n2017,\"Univ X, Montr\xE9" "al, Canada\",1\n20x7,\"Univ Y, Rome, Italy\",2\n2019,\"Univ Z, Oslo, Norway\",3\n";
    std::istringstream b1(bad_rows);
    io::bibliographic_options utf8;
    utf8.encoding = techconv::io::text_encoding::utf8;
    io::scopus_reader strict(b1, "bad.csv", utf8);
    CHECK_THROWS_AS(strict.next(rec), techconv::parse_error);
    std::istringstream b2(bad_rows);
    io::bibliographic_options skip = utf8;
    skip.malformed = io::malformed_policy::skip;
    io::scopus_reader lenient(b2, "bad.csv", skip);
    REQUIRE(lenient.next(rec));
    CHECK(rec.countries == strings{"NO"});
    CHECK_FALSE(lenient.next(rec));
    CHECK(lenient.report().skipped == 2);
    REQUIRE(lenient.report().issues.size() == 2);
    CHECK(lenient.report().issues[0].code == error_code::bad_encoding);
    CHECK(lenient.report().issues[1].code == error_code::bad_year);
    CHECK(lenient.report().issues[1].line == 3);
}

TEST_CASE("readers: old WoS US addresses and HTML entities in Scopus affiliations") {
    const auto d = read_tagged(
        "PT J\nC1 UNIV CALIF LOS ANGELES,SCH MED,LOS ANGELES,CA 90024.\n   MAYO CLIN,ROCHESTER,MN.\n"
        "   UNIV TORONTO,TORONTO M5S 1A8,ONTARIO,CANADA.\nPY 1985\nUT WOS:A1\nER\n");
    REQUIRE(d.records.size() == 1);
    CHECK(d.records[0].countries == strings{"CA", "US"});  // "CA 90024" and "MN" are US states
    CHECK(d.records[0].unresolved.empty());
    std::istringstream in("Year,Affiliations,EID\n2017,\"Institut f&#x00FC;r Informatik, Universit&#x00E4;t Bonn, Bonn, "
                          "Germany; Dept X, University of Oslo, Oslo, Norway\",1\n");
    io::scopus_reader r(in, "s.csv");
    io::bibliographic_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.countries == strings{"DE", "NO"});
    CHECK(rec.institutions.size() == 2);  // two affiliations, not four pieces
    CHECK(rec.unresolved.empty());
}
