// The Google Patents CSV reader (techconv/io/google_patents.hpp): the two shared samples
// (patents-google-autonomous-patentr, re-saved by a spreadsheet in a single-byte code page
// with M/D/YY dates and unhyphenated ids; patents-google-biogas-br, Google's untouched UTF-8
// export) against an independent reading with Python's csv module
// (tests/io/google_patents_reference.py), the counts of their PROVENANCE.md, the ids in
// Google's two forms, the legal-form joining of comma-separated names, the detection, and the
// reading through read_patent_table.
#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "techconv/io/detect.hpp"
#include "techconv/io/google_patents.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

std::string autonomous_file() {
    return techconv_test::data_path("patents-google-autonomous-patentr/google_autonomous_search.csv");
}
std::string biogas_file() {
    return techconv_test::data_path("patents-google-biogas-br/gp-search-20230830-124212.csv");
}

std::string shown_year(techconv::year_type y) { return y == techconv::no_year ? "-" : std::to_string(y); }

// What google_patents_reference.py prints per record.
std::string google_lines(const std::vector<tio::patent_record>& recs) {
    std::string out;
    for (const auto& r : recs) {
        out += r.id + "\t" + r.jurisdiction + "\t" + r.kind + "\t" + shown_year(r.publication_year) + "\t" +
               shown_year(r.application_year) + "\t" + shown_year(r.priority_year) + "\t" +
               std::to_string(r.applicants.size()) + "\t" + std::to_string(r.inventors.size()) + "\t" + r.title +
               "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("google-patents: both samples equal the Python reading, record by record") {
    for (const auto& f : {autonomous_file(), biogas_file()}) {
        CAPTURE(f);
        tio::google_patents_reader r(f);
        const auto recs = r.read_all();
        CHECK(google_lines(recs) == techconv_test::run_python("io/google_patents_reference.py", {f}));
        CHECK(r.stats().layout == "google-patents");
        CHECK(r.stats().malformed_rows == 0);
        CHECK(r.stats().rejected_codes == 0);
        CHECK(r.search_url().rfind("https://patents.google.com/?q=", 0) == 0);
        for (const auto& rec : recs) {
            CHECK(rec.has(tio::patent_field::applicants));
            CHECK(rec.has(tio::patent_field::inventors));
            CHECK_FALSE(rec.has(tio::patent_field::ipc));  // Google's export has no classification
            CHECK_FALSE(rec.has(tio::patent_field::cpc));
            CHECK(rec.counts.count() == 0);                // nor citations, claims or family sizes
        }
    }
}

TEST_CASE("google-patents: the summary of the Python reading and of PROVENANCE.md") {
    // google_patents_reference.py --summary: records, bytes >= 0x80 of a non-UTF-8 file, the
    // codec that decoded it, rows with a grant date, rows with a figure link
    const std::string py =
        techconv_test::run_python("io/google_patents_reference.py", {"--summary", autonomous_file(), biogas_file()});
    CHECK(py == "316\t2676\tmac_roman\t149\t0\n511\t0\tutf-8\t0\t99\n");
    // PROVENANCE.md: 316 records, not UTF-8 (Python's strict cp1252 refuses the bytes CP1252
    // leaves unassigned, so mac_roman decoded it); 511 records, UTF-8; grant date empty in 167
    // of 316 rows (149 with one) and in all 511; 99 rows with a figure link
    tio::google_patents_reader a(autonomous_file());
    const auto ra = a.read_all();
    CHECK(ra.size() == 316);
    CHECK(a.stats().text.used == tio::text_encoding::mac_roman);
    CHECK(a.stats().text.transcoded_bytes == 2676);  // every byte >= 0x80 became one character
    CHECK(a.stats().text.unassigned_bytes == 0);     // (counted only when read as cp1252)
    CHECK(a.stats().text.stray_bytes == 0);
    // M/D/YY in every date cell: the 316 publication dates by the window, the 316 filing, 315
    // priority and 149 grant dates by the publication year (non-empty cells counted in the
    // Python reading's rows)
    CHECK(a.stats().date_rules[static_cast<std::size_t>(tio::date_rule::two_digit_window)] == 316);
    CHECK(a.stats().date_rules[static_cast<std::size_t>(tio::date_rule::two_digit_reference)] == 316 + 315 + 149);
    CHECK(a.stats().date_rules[static_cast<std::size_t>(tio::date_rule::year_first)] == 0);
    // PROVENANCE.md: US 222, CN 29, DE 15, EP 13, GB 11; kinds A1 122, B1 84, A 54, B2 38
    std::map<std::string, int> country, kind;
    for (const auto& r : ra) {
        ++country[r.jurisdiction];
        ++kind[r.kind];
        CHECK(r.publication_year >= 1981);  // the Python reading: publication years 1981-2017
        CHECK(r.publication_year <= 2017);
    }
    CHECK(country["US"] == 222);
    CHECK(country["CN"] == 29);
    CHECK(country["DE"] == 15);
    CHECK(country["EP"] == 13);
    CHECK(country["GB"] == 11);
    CHECK(kind["A1"] == 122);
    CHECK(kind["B1"] == 84);
    CHECK(kind["A"] == 54);
    CHECK(kind["B2"] == 38);

    tio::google_patents_reader b(biogas_file());
    const auto rb = b.read_all();
    CHECK(rb.size() == 511);
    CHECK(tio::plain_utf8(b.stats().text));
    CHECK(b.stats().text.transcoded_bytes == 0);
    // PROVENANCE.md: all BR; kinds A2 300, B1 90, A 61, U2 31, U 15; 18 rows without a priority
    // date; 6 without an inventor; ISO dates (non-empty cells in the Python reading's rows: 511
    // publication, 505 filing, 493 priority)
    std::size_t no_priority = 0, no_inventor = 0;
    kind.clear();
    for (const auto& r : rb) {
        CHECK(r.jurisdiction == "BR");
        ++kind[r.kind];
        no_priority += r.priority_year == techconv::no_year ? 1 : 0;
        no_inventor += r.inventors.empty() ? 1 : 0;
    }
    CHECK(kind["A2"] == 300);
    CHECK(kind["B1"] == 90);
    CHECK(kind["A"] == 61);
    CHECK(kind["U2"] == 31);
    CHECK(kind["U"] == 15);
    CHECK(no_priority == 18);
    CHECK(no_inventor == 6);
    CHECK(b.stats().date_rules[static_cast<std::size_t>(tio::date_rule::year_first)] == 511 + 505 + 493);
}

TEST_CASE("google-patents: ids in Google's forms become record ids") {
    using tio::detail::publication_id_token;
    CHECK(publication_id_token("BR-112018012788-B1") == "BR 112018012788 B1");
    CHECK(publication_id_token("US-5686888-A") == "US 5686888 A");
    CHECK(publication_id_token("BR-PI0617206-A2") == "BR PI617206 A2");  // zero padding after a letter prefix
    CHECK(publication_id_token("US5686888A") == "US 5686888 A");
    CHECK(publication_id_token("EP1930416A1") == "EP 1930416 A1");
    CHECK(publication_id_token("JPH06289931A") == "JP H6289931 A");
    CHECK(publication_id_token("USD680087S") == "US D680087 S");
    CHECK(publication_id_token("US5686888") == "US 5686888");         // ends in digits: no kind
    CHECK(publication_id_token("US2017104972-A1") == "US 2017104972 A1");  // Derwent's form too
    // the same id whichever form
    CHECK(publication_id_token("US-7730338-B2") == publication_id_token("US7730338B2"));
    for (const std::string bad : {"", "US", "US-", "US-A1", "USA-A1", "5686888A", "US 5686888 A", "US-5686888-",
                                  "US-56868 88-A", "US-5686888-A123", "U-5686888-A", "US-5686888"}) {
        CAPTURE(bad);
        CHECK(publication_id_token(bad).empty());
    }
}

TEST_CASE("google-patents: comma-separated names keep a legal form with the name before it") {
    std::istringstream in(
        "search URL:,https://patents.google.com/?q=x\n"
        "id,title,assignee,inventor/author,priority date,filing/creation date,publication date,grant date,result link\n"
        "US-1-A,T,\"General Interactive, Inc., Foo Co., Ltd., Bar GmbH\",\"Ann Lee, Bo Wu, Ann  Lee\","
        "2001-01-02,2001-02-03,2003-04-05,,https://patents.google.com/patent/US1A/en\n");
    tio::google_patents_reader r(in, "names.csv");
    tio::patent_record rec;
    REQUIRE(r.next(rec));
    REQUIRE(rec.applicants.size() == 3);
    CHECK(rec.applicants[0].name == "General Interactive, Inc.");
    CHECK(rec.applicants[1].name == "Foo Co., Ltd.");
    CHECK(rec.applicants[2].name == "Bar GmbH");
    CHECK(rec.applicants[0].type == tio::applicant_type::company);
    REQUIRE(rec.inventors.size() == 2);  // "Ann  Lee" has the name key of "Ann Lee"
    CHECK(rec.inventors[1].name == "Bo Wu");
    CHECK(rec.application_year == 2001);
    CHECK(rec.publication_year == 2003);
    CHECK_FALSE(r.next(rec));
}

TEST_CASE("google-patents: a re-saved file: semicolon after search URL, M/D/YY dates, CP1252 with an unassigned byte") {
    // a spreadsheet in a decimal-comma locale writes ';'; "\x81" is unassigned in CP1252
    const std::string text =
        "search URL:;https://patents.google.com/?q=x;;;\r\n"
        "id;title;assignee;inventor/author;priority date;filing/creation date;publication date;grant date;result link\r\n"
        "US5686888A;Caf\xE9 \x81;Acme Inc;Jos\xE9 Silva;6/7/95;6/7/95;1/11/02;;x\r\n";
    std::istringstream in(text);
    tio::patent_csv_options o;
    o.csv.encoding = tio::text_encoding::cp1252;
    tio::google_patents_reader r(in, "resaved.csv", o);
    tio::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(r.stats().delimiter == ';');
    CHECK(rec.id == "US 5686888 A");
    CHECK(rec.title == "Caf\xC3\xA9 \xC2\x81");  // 0x81 passed on as U+0081, and counted
    CHECK(rec.publication_year == 2002);         // 02: the window (00-29 -> 2000-2029)
    CHECK(rec.application_year == 1995);         // 95: the latest year ending in 95 not after 2002
    CHECK(r.stats().text.transcoded_bytes == 3);  // 0xE9, 0x81, 0xE9
    CHECK(r.stats().text.unassigned_bytes == 1);
}

TEST_CASE("google-patents: detected from content") {
    CHECK(tio::detect_format(autonomous_file()) == tio::input_format::google_patents);
    CHECK(tio::detect_format(biogas_file()) == tio::input_format::google_patents);
    // the preamble alone decides; without it, the header's id, inventor/author and result link
    CHECK(tio::detect_format_of("search URL:,https://patents.google.com/?q=x\nid,title\n") ==
          tio::input_format::google_patents);
    CHECK(tio::detect_format_of("\xEF\xBB\xBFSearch URL:;x\n") == tio::input_format::google_patents);
    CHECK(tio::detect_format_of("id,title,assignee,inventor/author,publication date,result link\n") ==
          tio::input_format::google_patents);
    CHECK(tio::detect_format_of("id,ipc,title\n") == tio::input_format::csv);  // the canonical CSV stays
    CHECK(tio::input_format_from_string("google-patents") == tio::input_format::google_patents);
    CHECK(tio::to_string(tio::input_format::google_patents) == "google-patents");
    CHECK(tio::holds_patents(tio::input_format::google_patents));
    CHECK_FALSE(tio::holds_papers(tio::input_format::google_patents));
}

TEST_CASE("google-patents: read_patent_table reads both samples with --format auto") {
    tio::read_patents_options opts;
    opts.merge_families = false;
    const auto in = tio::read_patent_table({autonomous_file(), biogas_file()}, opts);
    REQUIRE(in.files.size() == 2);
    CHECK(in.files[0].format == tio::input_format::google_patents);
    CHECK(in.files[1].format == tio::input_format::google_patents);
    CHECK(in.table.size() == 316 + 511);
    CHECK(tio::input_note(in.files[1].path, in.files[1].stats).find(": google-patents, 511 records") !=
          std::string::npos);
    // the re-saved file's note says how it was decoded and counts the bytes (2676: the Python
    // reading's bytes >= 0x80)
    CHECK(tio::input_note(in.files[0].path, in.files[0].stats) ==
          in.files[0].path +
              ": google-patents, 316 records; read as Mac Roman (detected from byte statistics) (2676 bytes from "
              "0x80, each read as one Mac Roman character, none dropped or replaced)");
    const auto rows = tio::read_google_patents(biogas_file());
    const auto [c, k] = in.table.locate(316 + 2);
    CHECK(c->id(k) == rows[2].id);
}
