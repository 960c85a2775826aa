// Tests of the patent record model, the Lens and generic CSV readers, and
// the text encodings they accept.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "techconv/format/encoding.hpp"
#include "techconv/records/families.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/analysis/indicators.hpp"
#include "techconv/io/lens.hpp"
#include "patent_test_util.hpp"
#include "test_support.hpp"

namespace tio = techconv::io;
using techconv::error_code;
using techconv::parse_error;
using techconv_test::expect_parse_error;

namespace {

std::vector<tio::patent_record> read_lens_text(const std::string& text,
                                               tio::patent_csv_options o = {}) {
    std::istringstream in(text);
    tio::lens_reader r(in, "mem.csv", o);
    return r.read_all();
}

const char* const lens2021_header =
    "\"#\",Jurisdiction,Kind,Publication Number,Lens ID,Publication Date,Publication Year,"
    "Application Number,Application Date,Priority Numbers,Earliest Priority Date,Title,"
    "Applicants,Inventors,Owners (US),URL,Type,Has Full Text,Cites Patent Count,"
    "Cited by Patent Count,Simple Family Size,Extended Family Size,Sequence Count,"
    "CPC Classifications,IPCR Classifications,US Classifications,NPL Citation Count,"
    "NPL Resolved Citation Count,NPL Resolved Lens ID(s),NPL Resolved External Id(s),"
    "NPL Citations\n";

}  // namespace

TEST_CASE("indicator_values: absent is not zero") {
    tio::indicator_values v;
    CHECK_FALSE(v.has(tio::indicator::claims));
    CHECK_FALSE(v.get(tio::indicator::claims).has_value());
    v.set(tio::indicator::claims, 0);
    CHECK(v.has(tio::indicator::claims));
    CHECK(*v.get(tio::indicator::claims) == 0);
    CHECK(v.count() == 1);
    v.clear(tio::indicator::claims);
    CHECK(v.count() == 0);
    CHECK_THROWS_AS(v.set(tio::indicator::claims, -1), techconv::invalid_argument);
    // groups of [KCT] Table 1
    CHECK(tio::indicator_group(tio::indicator::npl_citations) == "fundamentality");
    CHECK(tio::indicator_group(tio::indicator::applicants) == "coreness");
    CHECK(tio::indicator_group(tio::indicator::developed_filing_countries) == "strategic");
    CHECK(tio::to_string(tio::indicator::forward_citations) == "forward_citations");
}

TEST_CASE("applicant types by name rules") {
    using T = tio::applicant_type;
    CHECK(tio::classify_applicant("TSINGHUA UNIVERSITY") == T::university);
    CHECK(tio::classify_applicant("Univ California") == T::university);
    CHECK(tio::classify_applicant("MASSACHUSETTS INSTITUTE OF TECHNOLOGY") == T::university);
    CHECK(tio::classify_applicant("清华大学") == T::university);
    CHECK(tio::classify_applicant("SAMSUNG ELECTRONICS CO LTD") == T::company);
    CHECK(tio::classify_applicant("SANGAMO THERAPEUTICS INC") == T::company);
    CHECK(tio::classify_applicant("Rolls-Royce plc") == T::company);
    CHECK(tio::classify_applicant("TOYOTA JIDOSHA KABUSHIKI KAISHA") == T::company);
    CHECK(tio::classify_applicant("SAFRAN AIRCRAFT ENGINES") == T::company);
    CHECK(tio::classify_applicant("华为技术有限公司") == T::company);
    CHECK(tio::classify_applicant("US NAVY") == T::institute);
    CHECK(tio::classify_applicant("CHINESE ACADEMY OF SCIENCES") == T::institute);
    CHECK(tio::classify_applicant("INDUSTRIAL TECHNOLOGY RESEARCH INSTITUTE") == T::institute);
    CHECK(tio::classify_applicant("NEWCOMER FRED MICHAEL") == T::individual);
    CHECK(tio::classify_applicant("BACON; RICHARD J.") == T::individual);
    CHECK(tio::classify_applicant("") == T::unknown);
    CHECK(tio::classify_applicant("ACME") == T::unknown);  // one word, no keyword
    // overridable: a firm without legal form, and a replaced rule set
    tio::applicant_rules r = tio::default_applicant_rules();
    r.overrides.push_back({"Newcomer Fred Michael", T::company});
    CHECK(tio::classify_applicant("NEWCOMER FRED MICHAEL", r) == T::company);
    tio::applicant_rules only;
    only.institute = {"BUREAU*"};
    CHECK(tio::classify_applicant("BUREAUX DE RECHERCHE", only) == T::institute);
    CHECK(tio::classify_applicant("SONY CORP", only) == T::individual);  // no company rules left
}

TEST_CASE("Lens layouts are detected from the header, not positions") {
    const std::string v2017 =
        "Result #,Jurisdiction,Kind,Publication Number,Lens ID,Publication Date,Publication Year,"
        "Title,Applicants,Inventors,Type,Cited Count,Simple Family Size,IPCR Classifications,"
        "NPL Citation Count\n"
        "1,US,B2,US 7000001 B2,111-111-111-111-111,2006-02-14,2006,T,ACME CORP;;BETA LTD,"
        "DOE JOHN,Granted Patent,12,3,F02C7/055;;F02C 7/055;;B64D27/02,2\n";
    std::istringstream in(v2017);
    tio::lens_reader r(in, "v2017.csv");
    CHECK(r.layout() == tio::lens_layout::v2017);
    CHECK(r.stats().layout == "lens-2017");
    tio::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.id == "US 7000001 B2");
    CHECK(rec.publication_year == 2006);
    // "Cited Count" is the forward citation count of the 2017 layout
    CHECK(*rec.counts.get(tio::indicator::forward_citations) == 12);
    CHECK_FALSE(rec.counts.has(tio::indicator::backward_citations));  // no such column in 2017
    // codes normalised and de-duplicated, main first
    CHECK(rec.ipc == std::vector<std::string>{"F02C7/055", "B64D27/02"});
    REQUIRE(rec.applicants.size() == 2);
    CHECK(rec.applicants[0].type == tio::applicant_type::company);
    const auto v = tio::record_indicators(rec);
    CHECK(*v.get(tio::indicator::technology_classes) == 2);
    CHECK(*v.get(tio::indicator::applicants) == 2);
    CHECK(*v.get(tio::indicator::npl_citations) == 2);
    CHECK_FALSE(v.has(tio::indicator::claims));
    CHECK_FALSE(v.has(tio::indicator::filing_countries));
    CHECK_FALSE(r.next(rec));

    // columns in another order, 2021 names
    const std::string shuffled =
        "Lens ID,Cited by Patent Count,Publication Number,Cites Patent Count\n"
        "222-222-222-222-222,5,EP 1 A1,7\n";
    const auto recs = read_lens_text(shuffled);
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].id == "EP 1 A1");
    CHECK(*recs[0].counts.get(tio::indicator::forward_citations) == 5);
    CHECK(*recs[0].counts.get(tio::indicator::backward_citations) == 7);
}

TEST_CASE("Lens 2021 export: records and indicators vs an independent Python extraction" *
          doctest::test_suite("data")) {
    const auto path = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    tio::lens_reader r(path);
    CHECK(r.layout() == tio::lens_layout::v2021);
    const auto recs = r.read_all();
    CHECK(recs.size() == 3779);  // PROVENANCE.md: 3,779 records
    std::size_t with_ipc = 0, empty_applicants = 0;
    for (const auto& rec : recs) {
        with_ipc += rec.ipc.empty() ? 0 : 1;
        empty_applicants += rec.applicants.empty() ? 1 : 0;
    }
    CHECK(with_ipc == 3758);          // PROVENANCE.md: 3,758 rows have IPCR codes
    CHECK(empty_applicants == 141);   // PROVENANCE.md: 141 rows with an empty Applicants field

    const auto out = techconv_test::run_python("io/lens_reference.py", {path});
    std::istringstream ref(out);
    std::string id;
    std::size_t k = 0, mismatches = 0;
    while (ref >> id) {
        if (id == "families") {
            std::size_t fam = 0;
            ref >> fam;
            CHECK(tio::merge_families(recs).records.size() == fam);
            break;
        }
        REQUIRE(k < recs.size());
        std::string expect_id = recs[k].id;
        for (auto& c : expect_id)
            if (c == ' ') c = '_';
        CHECK(id == expect_id);
        const auto v = tio::record_indicators(recs[k]);
        for (const auto ind : tio::all_indicators) {
            std::string tok;
            ref >> tok;
            const auto got = v.get(ind);
            const std::string mine = got ? std::to_string(*got) : "NA";
            if (mine != tok) {
                ++mismatches;
                MESSAGE(recs[k].id << " " << tio::to_string(ind) << ": " << mine << " vs " << tok);
            }
        }
        ++k;
    }
    CHECK(k == recs.size());
    CHECK(mismatches == 0);

    // the matrix: claims and filing countries are absent from this export, never zero-filled
    const auto t = tio::indicator_matrix(recs);
    CHECK(t.absent == std::vector<tio::indicator>{tio::indicator::claims,
                                                  tio::indicator::filing_countries,
                                                  tio::indicator::developed_filing_countries});
    CHECK(t.columns.size() == 6);
    CHECK(t.values.rows() + static_cast<techconv::index>(t.dropped_records) == 3779);
}

TEST_CASE("Lens 2026 export: filing countries from family jurisdictions" *
          doctest::test_suite("data")) {
    const auto path = techconv_test::data_path("patents-lens-sangamo/lens-export.csv");
    tio::lens_reader r(path);
    CHECK(r.layout() == tio::lens_layout::v2026);
    const auto recs = r.read_all();
    CHECK(recs.size() == 130);  // PROVENANCE.md: 130 records
    const auto out = techconv_test::run_python("io/lens_reference.py", {path});
    std::istringstream ref(out);
    std::string id;
    std::size_t k = 0, mismatches = 0;
    double mean_juris = 0;
    std::int64_t max_juris = 0;
    while (ref >> id && id != "families") {
        REQUIRE(k < recs.size());
        const auto v = tio::record_indicators(recs[k]);
        for (const auto ind : tio::all_indicators) {
            std::string tok;
            ref >> tok;
            const auto got = v.get(ind);
            if ((got ? std::to_string(*got) : "NA") != tok) ++mismatches;
        }
        const auto fc = *v.get(tio::indicator::filing_countries);
        mean_juris += static_cast<double>(fc);
        max_juris = std::max(max_juris, fc);
        CHECK(*v.get(tio::indicator::developed_filing_countries) <= fc);
        ++k;
    }
    CHECK(k == 130);
    CHECK(mismatches == 0);
    // PROVENANCE.md: distinct family jurisdictions per record mean 9.3, max 32
    CHECK(mean_juris / 130.0 == doctest::Approx(9.3).epsilon(0.01));
    CHECK(max_juris == 32);
    const auto t = tio::indicator_matrix(recs);
    CHECK(t.absent == std::vector<tio::indicator>{tio::indicator::claims});
    CHECK(t.columns.size() == 8);
}

TEST_CASE("generic CSV with a column mapping") {
    const std::string text =
        "number|office|yr|owners|classes|n_claims|cites\n"
        "X-1|de|2019-05-01|Fraunhofer Ges;Siemens AG|h01l 21/02;G06N3/08|12|4\n"
        "X-2|US|2020||G06N3/08||0\n";
    tio::patent_csv_mapping m;
    m.id = "number";
    m.jurisdiction = "office";
    m.publication_date = "yr";
    m.applicants = "owners";
    m.ipc = "classes";
    m.list_separator = ";";
    m.counts[tio::position(tio::indicator::claims)] = "n_claims";
    m.counts[tio::position(tio::indicator::backward_citations)] = "CITES";  // case-insensitive
    tio::patent_csv_options o;
    o.csv.delimiter = '|';
    std::istringstream in(text);
    tio::patent_csv_reader r(in, "generic.csv", m, o);
    const auto recs = r.read_all();
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].jurisdiction == "DE");
    CHECK(recs[0].publication_year == 2019);
    CHECK(recs[0].ipc == std::vector<std::string>{"H01L21/02", "G06N3/08"});
    CHECK(recs[0].applicants[0].type == tio::applicant_type::institute);
    CHECK(recs[0].applicants[1].type == tio::applicant_type::company);
    CHECK(*recs[0].counts.get(tio::indicator::claims) == 12);
    CHECK_FALSE(recs[1].counts.has(tio::indicator::claims));  // empty cell: absent, not 0
    CHECK(*recs[1].counts.get(tio::indicator::backward_citations) == 0);

    // missing_policy on the record without claims (hand count: 1 of 2 records lacks claims)
    tio::indicator_options io;
    io.select = {tio::indicator::claims, tio::indicator::technology_classes};
    auto t = tio::indicator_matrix(recs, io);
    CHECK(t.dropped_records == 1);
    CHECK(t.rows == std::vector<std::size_t>{0});
    CHECK(t.values(0, 0) == 12.0);
    CHECK(t.values(0, 1) == 2.0);
    io.missing = tio::missing_policy::drop_indicator;
    t = tio::indicator_matrix(recs, io);
    CHECK(t.incomplete == std::vector<tio::indicator>{tio::indicator::claims});
    CHECK(t.values.rows() == 2);
    CHECK(t.values.cols() == 1);
    io.missing = tio::missing_policy::zero;
    t = tio::indicator_matrix(recs, io);
    CHECK(t.values(1, 0) == 0.0);
    CHECK(t.missing_counts[tio::position(tio::indicator::claims)] == 1);
    io.missing = tio::missing_policy::fail;
    CHECK_THROWS_AS(tio::indicator_matrix(recs, io), techconv::invalid_argument);
    CHECK(tio::indicator_matrix({}, io).info == techconv::status::empty_input);
}

TEST_CASE("malformed patent CSV: exact codes and locations") {
    // a mapped column that the header lacks
    {
        tio::patent_csv_mapping m;
        m.id = "id";
        m.ipc = "IPC";
        std::istringstream in("id,cpc\nA,B\n");
        const auto e = expect_parse_error([&] { tio::patent_csv_reader r(in, "m.csv", m); });
        CHECK(e.code() == error_code::missing_column);
        CHECK(e.field() == "IPC");
    }
    // not a Lens export at all
    {
        const auto e = expect_parse_error([] { read_lens_text("a,b\n1,2\n"); });
        CHECK(e.code() == error_code::missing_column);
        CHECK(e.source() == "mem.csv");
    }
    // a count that is not a number: line 3, record 2, column 19 'Cites Patent Count'
    {
        std::string text = lens2021_header;
        text += "1,US,A1,US 1 A1,100-000-000-000-001,2011-08-04,2011,,,,,T,,,,,,,3,1,1,1,0,,,,0,0,,,\n";
        text += "2,US,A1,US 2 A1,100-000-000-000-002,2011-08-04,2011,,,,,T,,,,,,,x7,1,1,1,0,,,,0,0,,,\n";
        const auto e = expect_parse_error([&] { read_lens_text(text); });
        CHECK(e.code() == error_code::bad_number);
        CHECK(e.line() == 3);
        CHECK(e.record() == 2);
        CHECK(e.column() == 19);
        CHECK(e.field() == "Cites Patent Count");
    }
    // a negative count
    {
        std::string text = lens2021_header;
        text += "1,US,A1,US 1 A1,100-000-000-000-001,2011-08-04,2011,,,,,T,,,,,,,3,-1,1,1,0,,,,0,0,,,\n";
        const auto e = expect_parse_error([&] { read_lens_text(text); });
        CHECK(e.code() == error_code::negative_value);
        CHECK(e.field() == "Cited by Patent Count");
    }
    // a year that does not parse
    {
        std::string text = lens2021_header;
        text += "1,US,A1,US 1 A1,100-000-000-000-001,2011-08-04,20x1,,,,,T,,,,,,,3,1,1,1,0,,,,0,0,,,\n";
        const auto e = expect_parse_error([&] { read_lens_text(text); });
        CHECK(e.code() == error_code::bad_year);
        CHECK(e.field() == "Publication Year");
    }
    // a record without any identifier
    {
        std::string text = lens2021_header;
        text += "1,US,A1,,,2011-08-04,2011,,,,,T,,,,,,,3,1,1,1,0,,,,0,0,,,\n";
        const auto e = expect_parse_error([&] { read_lens_text(text); });
        CHECK(e.code() == error_code::bad_value);
        CHECK(e.line() == 2);
    }
    // a truncated file: the last quoted field never closes
    {
        std::string text = lens2021_header;
        text += "1,US,A1,US 1 A1,100-000-000-000-001,2011-08-04,2011,,,,,\"Jet engine";
        const auto e = expect_parse_error([&] { read_lens_text(text); });
        CHECK(e.code() == error_code::unterminated_quote);
        CHECK(e.line() == 2);
    }
}

TEST_CASE("non-UTF-8 input: rejected by default, transcoded on request") {
    // "Société Générale" and "Müller" in Latin-1 (E9, C9, FC) and Mac Roman (8E, 83, 9F)
    const std::string head = "Publication Number,Applicants\n";
    const std::string latin1 = head + "FR 1 A1,SOCI\xE9T\xC9 G\xC9N\xC9RALE SA;;M\xFCLLER HANS\n";
    const std::string mac = head + "FR 1 A1,SOCI\x8ET\x83 G\x83N\x83RALE SA;;M\x9FLLER HANS\n";
    tio::patent_csv_options o;
    {
        o.csv.encoding = tio::text_encoding::utf8;  // named wrongly: an error at the line and field
        const auto e = expect_parse_error([&] { read_lens_text(latin1, o); });
        CHECK(e.code() == error_code::bad_encoding);
        CHECK(e.line() == 2);
        CHECK(e.field() == "Applicants");
    }
    o.csv.encoding = tio::text_encoding::latin1;
    auto recs = read_lens_text(latin1, o);
    REQUIRE(recs[0].applicants.size() == 2);
    CHECK(recs[0].applicants[0].name == "SOCI\xC3\xA9T\xC3\x89 G\xC3\x89N\xC3\x89RALE SA");
    CHECK(recs[0].applicants[1].name == "M\xC3\xBCLLER HANS");
    o.csv.encoding = tio::text_encoding::mac_roman;
    recs = read_lens_text(mac, o);
    CHECK(recs[0].applicants[0].name == "SOCI\xC3\xA9T\xC3\x89 G\xC3\x89N\xC3\x89RALE SA");
    CHECK(recs[0].applicants[1].name == "M\xC3\xBCLLER HANS");

    // detection from a file
    const auto p1 = techconv_test::temp_path("latin1.csv");
    const auto p2 = techconv_test::temp_path("mac.csv");
    const auto p3 = techconv_test::temp_path("utf16.csv");
    techconv_test::write_file(p1, latin1);
    techconv_test::write_file(p2, mac);
    techconv_test::write_file(p3, std::string("\xFF\xFEP\0u\0", 6));
    tio::patent_csv_options d;  // encoding automatic (the default)
    tio::lens_reader r1(p1, d);
    CHECK(r1.stats().encoding == tio::text_encoding::cp1252);  // Latin-1 text reads the same as CP1252
    CHECK(r1.read_all()[0].applicants[1].name == "M\xC3\xBCLLER HANS");
    tio::lens_reader r2(p2, d);
    CHECK(r2.stats().encoding == tio::text_encoding::mac_roman);
    CHECK(r2.read_all()[0].applicants[1].name == "M\xC3\xBCLLER HANS");
    // UTF-16 is transcoded now; this one ("Pu") has no Lens header
    const auto e = expect_parse_error([&] { tio::lens_reader r3(p3, d); });
    CHECK(e.code() == error_code::missing_column);
    CHECK(e.source() == p3);
}

TEST_CASE("encodings: Mac Roman table vs Python's mac_roman codec, detector") {
    std::string all;
    for (int c = 0x80; c < 0x100; ++c) all.push_back(static_cast<char>(c));
    std::string mine;
    tio::append_mac_roman_as_utf8(all, mine);
    // Python decodes the same 128 bytes independently and prints the code points
    const auto path = techconv_test::temp_path("high.bin");
    techconv_test::write_file(path, all);
    const auto out = techconv_test::run_python("io/codec_reference.py", {path, "mac_roman"});
    std::string expect_utf8 = techconv_test::read_file(out.substr(0, out.find('\n')));
    CHECK(mine == expect_utf8);
    CHECK(tio::is_valid_utf8(mine));
    std::string lat;
    tio::append_as_utf8(all, tio::text_encoding::latin1, lat);
    const auto out2 = techconv_test::run_python("io/codec_reference.py", {path, "latin-1"});
    CHECK(lat == techconv_test::read_file(out2.substr(0, out2.find('\n'))));

    CHECK(tio::detect_encoding("plain ascii").ascii);
    CHECK(tio::detect_encoding("caf\xC3\xA9").encoding == tio::text_encoding::utf8_cp1252_strays);
    CHECK(tio::detect_encoding("caf\xC3").encoding == tio::text_encoding::utf8_cp1252_strays);  // cut at the end
    CHECK(tio::detect_encoding("caf\xE9 cr\xE8me").encoding == tio::text_encoding::cp1252);
    CHECK(tio::detect_encoding("caf\x8E cr\x8Fme").encoding == tio::text_encoding::mac_roman);
    CHECK(tio::detect_encoding("\xEF\xBB\xBFid").bom);
    CHECK(tio::detect_encoding(std::string("\xFE\xFF\0a", 4)).utf16);
    CHECK(tio::detect_encoding(std::string("a\0b", 3)).binary);
    CHECK(tio::to_string(tio::text_encoding::mac_roman) == "macroman");
}
