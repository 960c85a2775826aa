// SPDX-License-Identifier: BSL-1.0
// Reading in the library: format detection (io/detect.hpp), the canonical CSV
// reader against the synthetic writer (io/canonical_csv.hpp) and
// io::read_patents (io/patent_inputs.hpp). Expected values: the detection
// rules as documented, the synthetic generator's own records, and the first
// lines of the shared datasets' files (their formats are named in each
// PROVENANCE.md).
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <techconv/classification/ipc.hpp>
#include <techconv/io/canonical_csv.hpp>
#include <techconv/io/detect.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/testing/synthetic.hpp>

#include "test_support.hpp"

namespace tio = techconv::io;
using tio::input_format;

TEST_CASE("input_format: names round-trip and unknown names throw") {
    for (const auto f : {input_format::automatic, input_format::lens, input_format::uspto_xml, input_format::csv,
                         input_format::wos, input_format::wos_tab, input_format::scopus})
        CHECK(tio::input_format_from_string(tio::to_string(f)) == f);
    CHECK(tio::to_string(input_format::uspto_xml) == "uspto-xml");
    CHECK_THROWS_AS(tio::input_format_from_string("xml"), techconv::invalid_argument);
    CHECK(tio::holds_patents(input_format::csv));
    CHECK_FALSE(tio::holds_patents(input_format::scopus));
}

TEST_CASE("detect_format_of: one rule per format") {
    CHECK(tio::detect_format_of("<?xml version=\"1.0\"?>\n<us-patent-grant>") == input_format::uspto_xml);
    CHECK(tio::detect_format_of("\n  <us-patent-grant lang=\"EN\">") == input_format::uspto_xml);
    CHECK(tio::detect_format_of("FN Clarivate Analytics Web of Science\nVR 1.0\n") == input_format::wos);
    CHECK(tio::detect_format_of("PT J\nAU Smith\n") == input_format::wos);
    CHECK(tio::detect_format_of("PT\tAU\tTI\r\nJ\tSmith\tX\r\n") == input_format::wos_tab);
    CHECK(tio::detect_format_of("#,Jurisdiction,\"Lens ID\",Title\n") == input_format::lens);
    // The 2015 Lens layout has no Lens ID; a Mac spreadsheet ends its lines with CR only.
    CHECK(tio::detect_format_of("#,Jurisdiction,Kind,Publication Number,Title,IPCR Classifications\r1,US,A1,") ==
          input_format::lens);
    CHECK(tio::detect_format_of("Jurisdiction,Kind,Publication Number,CPC Classifications\n") == input_format::lens);
    CHECK(tio::detect_format_of("Jurisdiction,Kind,Publication Number\n") == input_format::automatic);  // no classes
    CHECK(tio::detect_format_of("Authors,Title,Year,EID\n") == input_format::scopus);
    CHECK(tio::detect_format_of("\xEF\xBB\xBFid,family_id,year,IPC\n") == input_format::csv);  // BOM, any case
    CHECK(tio::detect_format_of("id,title\n") == input_format::automatic);                      // no ipc column
    CHECK(tio::detect_format_of("") == input_format::automatic);
}

TEST_CASE("detect_format: the shared datasets' files") {
    CHECK(tio::detect_format(techconv_test::data_path("patents-lens-jet-engines/lens-export.csv")) ==
          input_format::lens);
    CHECK(tio::detect_format(techconv_test::data_path("patents-uspto-grant-xml/ipg050104.small.xml")) ==
          input_format::uspto_xml);
    CHECK(tio::detect_format(techconv_test::data_path("wos-medicine-metaknowledge/ManyAuthors.isi")) ==
          input_format::wos);
    CHECK(tio::detect_format(techconv_test::data_path("wos-ble-scientopy/wos_2026_04_02_1000.txt")) ==
          input_format::wos_tab);
    CHECK(tio::detect_format(techconv_test::data_path("scopus-ble-iot-scientopy/scopus.csv")) ==
          input_format::scopus);
    CHECK(tio::detect_format(techconv_test::data_path("patents-lens-pizza-2015-macexcel/pizza_lens_1000_raw.csv")) ==
          input_format::lens);
    const std::string bad = techconv_test::temp_path("unknown.csv");
    techconv_test::write_file(bad, "a,b\n1,2\n");
    try {
        (void)tio::detect_format(bad);
        FAIL("no error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::bad_value);
        CHECK(e.source() == bad);
    }
    CHECK_THROWS_AS(tio::detect_format(techconv_test::temp_path("missing.csv")), techconv::parse_error);
}

TEST_CASE("canonical_csv_reader reads what synthetic_corpus::write_csv writes") {
    techconv::testing::synthetic_options so;
    so.records = 500;
    so.seed = 7;
    const techconv::testing::synthetic_corpus corpus(so);
    std::ostringstream text;
    corpus.write_csv(text);
    std::istringstream in(text.str());
    tio::canonical_csv_reader reader(in, "synthetic");
    CHECK(reader.has_country_column());
    const auto records = reader.read_all();
    REQUIRE(records.size() == 500);
    CHECK(reader.stats().layout == "techconv-csv");
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto p = corpus.record(static_cast<techconv::index>(i));
        const auto& r = records[i];
        CAPTURE(p.id);
        CHECK(r.id == p.id);
        CHECK(r.family_id == p.family_id);
        CHECK(r.application_year == p.year);
        CHECK(r.publication_year == p.year);
        // main code first; the reader normalises the spelling (no blanks), the symbols are the same
        REQUIRE(r.ipc.size() == p.ipc.size());
        for (std::size_t k = 0; k < p.ipc.size(); ++k)
            CHECK(techconv::classification::parse_ipc(r.ipc[k]) == techconv::classification::parse_ipc(p.ipc[k]));
        REQUIRE(r.applicants.size() == p.applicants.size());
        for (std::size_t a = 0; a < p.applicants.size(); ++a) {
            CHECK(r.applicants[a].name == p.applicants[a]);
            CHECK(tio::to_string(r.applicants[a].type) ==
                  techconv::testing::synthetic_corpus::type_name(p.applicant_types[a]));
        }
        CHECK(r.applicants.front().country == p.country);
        CHECK(r.priority_countries == std::vector<std::string>{p.country});
        for (std::size_t j = 0; j < tio::indicator_count; ++j)
            CHECK(r.counts.value_or(tio::all_indicators[j], -1) == static_cast<std::int64_t>(p.indicators[j]));
    }
}

TEST_CASE("canonical_csv_reader: applicant_types must list one type per applicant") {
    std::istringstream in("id,applicants,applicant_types,ipc\nP1,A CO;;B UNIV,company,G06F 17/30\n");
    tio::canonical_csv_reader reader(in, "mem.csv");
    tio::patent_record r;
    try {
        (void)reader.next(r);
        FAIL("no error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::bad_value);
        CHECK(e.line() == 2);
        CHECK(e.field() == "applicant_types");
    }
}

TEST_CASE("read_patents: several files, notes, family merging, progress") {
    // two canonical files; P1 and P3 share family F1 (simple family: one record after merging)
    const std::string a = techconv_test::temp_path("a.csv"), b = techconv_test::temp_path("b.csv");
    techconv_test::write_file(a, "id,family_id,year,country,ipc,claims\nP1,F1,2010,us,G06F 17/30,10\n"
                                 "P2,F2,2011,JP,H04N 5/232,3\n");
    techconv_test::write_file(b, "id,family_id,year,ipc,claims\nP3,F1,2012,G06F 3/01,7\n");
    tio::read_patents_options o;
    std::vector<std::string> started;
    std::size_t finished = 0;
    o.progress.start = [&](const std::string& p) { started.push_back(p); };
    o.progress.finish = [&](std::size_t n) { finished += n; };
    const auto in = tio::read_patents({a, b}, o);
    CHECK(started == std::vector<std::string>{a, b});
    CHECK(finished == 3);
    CHECK(in.read == 3);
    CHECK(in.merged == 1);
    CHECK(in.records.size() == 2);
    CHECK(in.has_country_column);
    REQUIRE(in.files.size() == 2);
    CHECK(in.files[0].format == input_format::csv);
    // each note ends with the detection: hand counts of the LF line ends written above (3 and 2)
    CHECK(in.notes() ==
          std::vector<std::string>{
              a + ": techconv-csv, 2 records; format csv (detected), encoding UTF-8 (detected), line ends LF (3 LF)",
              b + ": techconv-csv, 1 records; format csv (detected), encoding UTF-8 (detected), line ends LF (2 LF)"});
    CHECK(in.records[0].priority_countries == std::vector<std::string>{"US"});  // upper-cased

    o.merge_families = false;
    CHECK(tio::read_patents({a, b}, o).records.size() == 3);

    const std::string wos = techconv_test::data_path("wos-medicine-metaknowledge/ManyAuthors.isi");
    CHECK_THROWS_AS(tio::read_patents({wos}), techconv::invalid_argument);  // WoS holds no patents
}

TEST_CASE("read_patents: the 2015 Lens layout saved by a Mac spreadsheet, with no format named") {
    // patents-lens-pizza-2015-macexcel: Mac Roman, CR-only line ends, dd/mm/yy dates, no Lens ID.
    // 1,000 data rows and 1,000 distinct publication numbers (Python: csv.reader over the bytes
    // decoded as mac_roman, newline='').
    tio::read_patents_options o;
    o.merge_families = false;
    const auto in = tio::read_patents(
        {techconv_test::data_path("patents-lens-pizza-2015-macexcel/pizza_lens_1000_raw.csv")}, o);
    REQUIRE(in.files.size() == 1);
    CHECK(in.files[0].format == input_format::lens);
    CHECK(in.files[0].stats.encoding == techconv::io::text_encoding::mac_roman);
    CHECK(in.read == 1000);
    CHECK(in.duplicates == 0);
    CHECK(in.records.size() == 1000);
}
