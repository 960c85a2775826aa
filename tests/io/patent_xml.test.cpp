// Tests of the streaming XML tokenizer and the USPTO grant XML reader.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "techconv/analysis/indicators.hpp"
#include "techconv/io/uspto_xml.hpp"
#include "techconv/records/patent_table.hpp"
#include "patent_test_util.hpp"
#include "test_support.hpp"

namespace tio = techconv::io;
using techconv::error_code;
using techconv::parse_error;
using techconv_test::expect_parse_error;

namespace {

std::vector<tio::patent_record> read_xml(const std::string& text, tio::patent_read_stats* st = nullptr,
                                         tio::text_encoding enc = tio::text_encoding::automatic) {
    std::istringstream in(text);
    tio::uspto_xml_options o;
    o.encoding = enc;
    tio::uspto_xml_reader r(in, "mem.xml", o);
    auto v = r.read_all();
    if (st) *st = r.stats();
    return v;
}

// A small grant in the v4.3 shape (hand-written; the numbers below are counted by hand).
const char* const grant43 =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE us-patent-grant SYSTEM \"us-patent-grant-v43-2012-12-04.dtd\" [ ]>\n"
    "<us-patent-grant lang=\"EN\" file=\"x\">\n"
    "<us-bibliographic-data-grant>\n"
    "<publication-reference><document-id><country>US</country><doc-number>08000001</doc-number>"
    "<kind>B2</kind><date>20130416</date></document-id></publication-reference>\n"
    "<application-reference appl-type=\"utility\"><document-id><country>US</country>"
    "<doc-number>12000000</doc-number><date>20080604</date></document-id></application-reference>\n"
    "<priority-claims><priority-claim sequence=\"01\"><country>JP</country><doc-number>1</doc-number>"
    "<date>20070101</date></priority-claim></priority-claims>\n"
    "<classifications-ipcr>"
    "<classification-ipcr><section>G</section><class>06</class><subclass>N</subclass>"
    "<main-group>3</main-group><subgroup>08</subgroup><symbol-position>L</symbol-position></classification-ipcr>"
    "<classification-ipcr><section>H</section><class>01</class><subclass>L</subclass>"
    "<main-group>21</main-group><subgroup>02</subgroup><symbol-position>F</symbol-position></classification-ipcr>"
    "</classifications-ipcr>\n"
    "<invention-title id=\"t\">Chip &#x26; <i>neural</i> core &lt;v2&gt;</invention-title>\n"
    "<us-references-cited>"
    "<us-citation><patcit num=\"1\"><document-id><country>US</country><doc-number>1</doc-number></document-id></patcit></us-citation>"
    "<us-citation><patcit num=\"2\"><document-id><country>JP</country><doc-number>2</doc-number></document-id></patcit></us-citation>"
    "<us-citation><nplcit num=\"3\"><othercit><![CDATA[Smith <2010>]]></othercit></nplcit></us-citation>"
    "</us-references-cited>\n"
    "<number-of-claims>18</number-of-claims>\n"
    "<!-- a comment with <tags> -->\n"
    "<us-parties><us-applicants>"
    "<us-applicant sequence=\"001\" app-type=\"applicant\"><addressbook><orgname>Tsinghua University</orgname>"
    "<address><city>Beijing</city><country>CN</country></address></addressbook></us-applicant>"
    "</us-applicants><inventors>"
    "<inventor sequence=\"001\"><addressbook><last-name>Li</last-name><first-name>Wei</first-name>"
    "<address><country>CN</country></address></addressbook></inventor>"
    "<inventor sequence=\"002\"><addressbook><last-name>Smith</last-name><first-name>Ann</first-name>"
    "<address><country>US</country></address></addressbook></inventor>"
    "</inventors></us-parties>\n"
    "<assignees><assignee><addressbook><orgname>Black &#x26; Decker Inc.</orgname>"
    "<address><country>US</country></address></addressbook></assignee></assignees>\n"
    "</us-bibliographic-data-grant>\n"
    "<abstract><p>An abstract.<br/>More.</p></abstract>\n"
    "</us-patent-grant>\n";

const char* const sequence_doc =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE sequence-cwu SYSTEM \"us-sequence-listing-2004-03-09.dtd\" [ ]>\n"
    "<sequence-cwu id=\"SEQLST-1\"><number>1</number><s400>Gln Trp</s400></sequence-cwu>\n";

}  // namespace

TEST_CASE("USPTO XML: a hand-written grant, field by field") {
    tio::patent_read_stats st;
    const auto recs = read_xml(std::string(grant43) + sequence_doc + grant43, &st);
    REQUIRE(recs.size() == 2);
    CHECK(st.documents == 3);
    CHECK(st.skipped_total() == 1);
    REQUIRE(st.skipped.size() == 1);
    CHECK(st.skipped[0].first == "sequence-cwu");
    const auto& r = recs[0];
    CHECK(r.id == "US 8000001 B2");
    CHECK(r.document_type == "utility");
    CHECK(r.publication_year == 2013);
    CHECK(r.application_year == 2008);
    CHECK(r.priority_year == 2007);
    CHECK(r.priority_countries == std::vector<std::string>{"JP"});
    CHECK(r.title == "Chip & neural core <v2>");
    CHECK(r.ipc == std::vector<std::string>{"H01L21/02", "G06N3/08"});  // position F first
    CHECK(*r.counts.get(tio::indicator::backward_citations) == 2);
    CHECK(*r.counts.get(tio::indicator::npl_citations) == 1);
    CHECK(*r.counts.get(tio::indicator::claims) == 18);
    REQUIRE(r.applicants.size() == 2);
    CHECK(r.applicants[0].name == "Tsinghua University");
    CHECK(r.applicants[0].type == tio::applicant_type::university);
    CHECK(r.applicants[1].name == "Black & Decker Inc.");
    CHECK(r.applicants[1].type == tio::applicant_type::company);
    REQUIRE(r.inventors.size() == 2);
    CHECK(r.inventors[0].name == "Li, Wei");
    CHECK(r.inventors[0].type == tio::applicant_type::individual);
    // co-invented: inventors from CN and US (what the closeness module counts)
    CHECK(tio::party_countries(r.inventors) == std::vector<std::string>{"CN", "US"});
    CHECK(tio::party_countries(r.applicants) == std::vector<std::string>{"CN", "US"});
    const auto v = tio::record_indicators(r);
    CHECK(*v.get(tio::indicator::technology_classes) == 2);
    CHECK(*v.get(tio::indicator::applicants) == 2);
    CHECK_FALSE(v.has(tio::indicator::forward_citations));
    CHECK_FALSE(v.has(tio::indicator::family_size));
    CHECK_FALSE(v.has(tio::indicator::filing_countries));
    // assignees can be left out of the applicants
    tio::uspto_xml_options o;
    o.assignees_are_applicants = false;
    std::istringstream in(grant43);
    tio::uspto_xml_reader rd(in, "mem.xml", o);
    tio::patent_record one;
    REQUIRE(rd.next(one));
    CHECK(one.applicants.size() == 1);
}

TEST_CASE("USPTO XML bulk files vs an xml.etree extraction" * doctest::test_suite("data")) {
    std::vector<std::string> files;
    for (const char* f : {"ipg050104", "ipg060103", "ipg070102", "ipg080101", "ipg090106",
                          "ipg100105", "ipg110104", "ipg120103", "ipg130416"})
        files.push_back(techconv_test::data_path(std::string("patents-uspto-grant-xml/") + f +
                                                 ".small.xml"));
    std::vector<tio::patent_record> recs;
    std::size_t skipped = 0, documents = 0;
    for (const auto& f : files) {
        tio::uspto_xml_reader r(f);
        auto v = r.read_all();
        CHECK(v.size() == 25);  // PROVENANCE.md: the first 25 grants of each weekly file
        recs.insert(recs.end(), v.begin(), v.end());
        skipped += r.stats().skipped_total();
        documents += r.stats().documents;
    }
    CHECK(recs.size() == 225);  // PROVENANCE.md: 225 patents
    CHECK(skipped == 5);        // PROVENANCE.md: 2 + 1 + 2 sequence-cwu documents
    CHECK(documents == 230);
    std::int64_t patcit = 0, nplcit = 0, min_claims = 1000, max_claims = 0;
    for (const auto& r : recs) {
        patcit += *r.counts.get(tio::indicator::backward_citations);
        nplcit += *r.counts.get(tio::indicator::npl_citations);
        const auto c = *r.counts.get(tio::indicator::claims);
        min_claims = std::min(min_claims, c);
        max_claims = std::max(max_claims, c);
    }
    CHECK(patcit == 5122);  // PROVENANCE.md totals
    CHECK(nplcit == 970);
    CHECK(min_claims == 1);  // PROVENANCE.md: claims range 1-63
    CHECK(max_claims == 63);

    const auto out = techconv_test::run_python("io/uspto_reference.py", files);
    std::istringstream ref(out);
    std::string line;
    std::size_t k = 0, mismatches = 0;
    std::map<std::string, std::size_t> ref_skipped;
    while (std::getline(ref, line)) {
        std::istringstream ls(line);
        std::string id;
        ls >> id;
        if (id == "skipped") {
            std::string tag;
            std::size_t n = 0;
            ls >> tag >> n;
            ref_skipped[tag] = n;
            continue;
        }
        if (id == "patents") {
            std::size_t n = 0;
            ls >> n;
            CHECK(n == recs.size());
            continue;
        }
        REQUIRE(k < recs.size());
        const auto& r = recs[k++];
        std::string claims, patc, nplc, codes, apps, inv_c, app_c;
        ls >> claims >> patc >> nplc >> codes >> apps >> inv_c >> app_c;
        const auto v = tio::record_indicators(r);
        auto str = [&](tio::indicator i) {
            const auto x = v.get(i);
            return x ? std::to_string(*x) : std::string("NA");
        };
        auto joined = [](std::vector<std::string> c) {
            std::sort(c.begin(), c.end());
            std::string s;
            for (const auto& x : c) s += (s.empty() ? "" : ",") + x;
            return s.empty() ? std::string("-") : s;
        };
        std::string my_id = r.id;
        for (auto& c : my_id)
            if (c == ' ') c = '_';
        const std::vector<std::pair<std::string, std::string>> pairs = {
            {my_id, id},
            {str(tio::indicator::claims), claims},
            {str(tio::indicator::backward_citations), patc},
            {str(tio::indicator::npl_citations), nplc},
            {str(tio::indicator::technology_classes), codes},
            {str(tio::indicator::applicants), apps},
            {joined(tio::party_countries(r.inventors)), inv_c},
            {joined(tio::party_countries(r.applicants)), app_c}};
        for (const auto& p : pairs) {
            if (p.first != p.second) {
                ++mismatches;
                MESSAGE(r.id << ": " << p.first << " vs reference " << p.second);
            }
        }
    }
    CHECK(k == recs.size());
    CHECK(mismatches == 0);
    CHECK(ref_skipped["sequence-cwu"] == 5);

    // IPCR entries of the 2006-2013 files (PROVENANCE.md: 316); distinct codes per patent can only be fewer
    std::size_t codes = 0;
    for (std::size_t i = 25; i < recs.size(); ++i) codes += recs[i].ipc.size();
    CHECK(codes <= 316);
    CHECK(codes > 250);
    // the matrix: forward citations, family size and filing countries are absent from grant XML
    const auto t = tio::indicator_matrix(recs);
    CHECK(t.absent == std::vector<tio::indicator>{tio::indicator::forward_citations,
                                                  tio::indicator::family_size,
                                                  tio::indicator::filing_countries,
                                                  tio::indicator::developed_filing_countries});
    // design patents (S1, 24 of them per PROVENANCE.md) have no IPC: dropped, and counted
    CHECK(t.dropped_records == 24);
    CHECK(t.missing_counts[tio::position(tio::indicator::technology_classes)] == 24);
}

TEST_CASE("malformed XML: exact codes and locations") {
    const std::string g = grant43;
    // truncated between elements: the error names the root opened on line 3
    {
        const auto e = expect_parse_error([&] { read_xml(g.substr(0, g.find("<abstract>"))); });
        CHECK(e.code() == error_code::truncated);
        CHECK(e.line() == 3);
        CHECK(e.source() == "mem.xml");
    }
    // truncated inside a tag: the error names the line of that tag (hand count: line 11)
    {
        const auto cut = g.find("<number-of-claims>") + 5;
        const auto e = expect_parse_error([&] { read_xml(g.substr(0, cut)); });
        CHECK(e.code() == error_code::truncated);
        CHECK(e.line() == 11);
    }
    // truncated: a new declaration starts while a document is open
    {
        const auto cut = g.substr(0, g.find("<abstract>"));
        const auto e = expect_parse_error([&] { read_xml(cut + g); });
        CHECK(e.code() == error_code::truncated);
        CHECK(e.line() == 3);
    }
    // mismatched end tag on line 2
    {
        const auto e = expect_parse_error(
            [] { read_xml("<?xml version=\"1.0\"?>\n<us-patent-grant><a></b></us-patent-grant>\n"); });
        CHECK(e.code() == error_code::bad_markup);
        CHECK(e.line() == 2);
    }
    // input ends inside a start tag / a comment
    {
        const auto e = expect_parse_error([] { read_xml("<?xml version=\"1.0\"?>\n<us-patent-grant a=\"1"); });
        CHECK(e.code() == error_code::truncated);
        const auto e2 = expect_parse_error([] { read_xml("<?xml version=\"1.0\"?>\n<x><!-- open"); });
        CHECK(e2.code() == error_code::truncated);
    }
    // invalid UTF-8 in the title, on line 9 of the document
    {
        std::string bad = g;
        bad.replace(bad.find("Chip"), 4, "Ch\xE9p");
        // UTF-8 named explicitly: an error at the line
        const auto e = expect_parse_error([&] { read_xml(bad, nullptr, tio::text_encoding::utf8); });
        CHECK(e.code() == error_code::bad_encoding);
        CHECK(e.line() == 9);
        // automatic (the declaration says UTF-8): the stray byte is read as CP1252 (0xE9 = U+00E9), counted at line 9
        tio::patent_read_stats st;
        const auto recs = read_xml(bad, &st);
        REQUIRE(recs.size() == 1);
        CHECK(recs[0].title.find("Ch\xC3\xA9p") != std::string::npos);
        CHECK(st.text.stray_bytes == 1);
        CHECK(st.text.stray_lines == std::vector<std::size_t>{9});
        CHECK(tio::describe(st.text) == "read as UTF-8; 1 byte at line 9 not UTF-8, read as CP1252");
    }
    // UTF-16 LE with a BOM (the ASCII document widened byte by byte by hand) reads the same
    {
        std::string u16 = "\xFF\xFE";
        for (const char c : g) {
            REQUIRE(static_cast<unsigned char>(c) < 0x80);
            u16 += c;
            u16 += '\0';
        }
        tio::patent_read_stats st;
        const auto recs = read_xml(u16, &st);
        REQUIRE(recs.size() == 1);
        CHECK(recs[0].title == "Chip & neural core <v2>");
        CHECK(st.encoding == tio::text_encoding::utf16le);
    }
    // a declaration naming ISO-8859-1 is followed; the option overrides it
    {
        std::string lat = g;
        lat.replace(lat.find("UTF-8"), 5, "ISO-8859-1");
        lat.replace(lat.find("Chip"), 4, "Ch\xE9p");
        tio::patent_read_stats st;
        auto recs = read_xml(lat, &st);
        REQUIRE(recs.size() == 1);
        CHECK(recs[0].title.find("Ch\xC3\xA9p") != std::string::npos);
        CHECK(st.encoding == tio::text_encoding::latin1);
        recs = read_xml(lat, &st, tio::text_encoding::mac_roman);  // 0xE9 in Mac Roman is U+00C8
        CHECK(recs[0].title.find("Ch\xC3\x88p") != std::string::npos);
        std::string odd = g;
        odd.replace(odd.find("UTF-8"), 5, "EBCDIC");
        const auto e2 = expect_parse_error([&] { read_xml(odd); });
        CHECK(e2.code() == error_code::bad_encoding);
        CHECK(e2.line() == 1);
    }
    // a claim count that is not a number
    {
        std::string bad = g;
        bad.replace(bad.find("<number-of-claims>18"), 20, "<number-of-claims>1x");
        const auto e = expect_parse_error([&] { read_xml(bad); });
        CHECK(e.code() == error_code::bad_number);
        CHECK(e.field() == "number-of-claims");
        CHECK(e.line() == 3);
    }
    // a date that does not parse
    {
        std::string bad = g;
        bad.replace(bad.find("20130416"), 8, "2O130416");  // letter O
        const auto e = expect_parse_error([&] { read_xml(bad); });
        CHECK(e.code() == error_code::bad_year);
        CHECK(e.field() == "publication-reference/date");
        CHECK(e.line() == 5);
    }
    // a grant without a publication number
    {
        std::string bad = g;
        bad.replace(bad.find("<doc-number>08000001</doc-number>"), 33, "");
        const auto e = expect_parse_error([&] { read_xml(bad); });
        CHECK(e.code() == error_code::bad_value);
        CHECK(e.line() == 3);
    }
    // a NUL byte, text outside the root
    {
        const auto e = expect_parse_error([] { read_xml(std::string("<?xml?>\n<a>x\0y</a>", 18)); });
        CHECK(e.code() == error_code::nul_byte);
        const auto e2 = expect_parse_error([] { read_xml("<?xml version=\"1.0\"?>\nstray<a/>"); });
        CHECK(e2.code() == error_code::bad_markup);
    }
    // an unreadable file
    {
        const auto e = expect_parse_error([] { tio::uspto_xml_reader r("/nonexistent/x.xml"); });
        CHECK(e.code() == error_code::io_error);
    }
    // empty input and whitespace only: no records, no error
    CHECK(read_xml("").empty());
    CHECK(read_xml("\n \n").empty());
}

TEST_CASE("USPTO XML: cited patents equal an xml.etree extraction, and survive the table and family merging" *
          doctest::test_suite("data")) {
    std::vector<std::string> files;
    for (const char* f : {"ipg050104", "ipg060103", "ipg070102", "ipg080101", "ipg090106", "ipg100105",
                          "ipg110104", "ipg120103", "ipg130416"})
        files.push_back(techconv_test::data_path(std::string("patents-uspto-grant-xml/") + f + ".small.xml"));
    std::string mine;
    std::size_t cited = 0;
    std::vector<tio::patent_record> all;
    for (const auto& f : files) {
        tio::uspto_xml_reader r(f);
        for (const auto& rec : r.read_all()) {
            mine += rec.id + "|";
            for (std::size_t k = 0; k < rec.cited_patents.size(); ++k)
                mine += (k ? "," : "") + rec.cited_patents[k];
            mine += "\n";
            cited += rec.cited_patents.size();
            all.push_back(rec);
        }
    }
    CHECK(mine == techconv_test::run_python("io/uspto_citations_reference.py", files));
    // 5,119 cited publication numbers in the reference's lines, of the 5,122 patcit elements
    // (PROVENANCE.md): a patent cited twice by one grant, or an entry without a number, is not kept
    CHECK(cited == 5119);
    // the columnar table keeps them (to_record gives them back), and merging a family unites
    // its members' lists in member order, each once
    const auto table = techconv::records::patent_table::from_records(all);
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(table.to_record(i).cited_patents == all[i].cited_patents);
    tio::patent_record a = all[0], b = all[1];
    a.family_id = b.family_id = "F1";
    b.cited_patents.insert(b.cited_patents.begin(), a.cited_patents.front());  // shared with a
    std::vector<std::string> expect = a.cited_patents;
    for (std::size_t k = 1; k < b.cited_patents.size(); ++k) expect.push_back(b.cited_patents[k]);
    const auto merged = tio::merge_families({a, b});
    REQUIRE(merged.records.size() == 1);
    CHECK(merged.records[0].cited_patents == expect);
    const auto merged_table = techconv::records::merge_families(techconv::records::patent_table::from_records({a, b}));
    REQUIRE(merged_table.table.size() == 1);
    CHECK(merged_table.table.to_record(0).cited_patents == expect);
}
