// The PubMed MEDLINE text reader (techconv/io/pubmed.hpp): the shared export
// (datasets/pubmed-mcda-pybibx) against an independent reading in Python
// (tests/io/pubmed_reference.py: its own parsing and e-mail removal, the
// closeness module's reference country lookup over the ISO country-codes CSV),
// the counts of the dataset's PROVENANCE.md, format detection of every shared
// sample, the country aliases PubMed spellings needed, and the field rules on
// hand-written records.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "techconv/classification/country.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/papers.hpp"
#include "techconv/io/pubmed.hpp"
#include "test_support.hpp"

namespace {

namespace pio = techconv::io;

std::vector<pio::bibliographic_record> pubmed_records(const std::string& text, pio::bibliographic_options o = {}) {
    std::istringstream in(text);
    pio::pubmed_reader r(in, "pubmed.nbib", o);
    std::vector<pio::bibliographic_record> out;
    pio::bibliographic_record rec;
    while (r.next(rec)) out.push_back(rec);
    return out;
}

}  // namespace

TEST_CASE("pubmed: the shared export equals an independent Python reading, record by record") {
    const std::string file = techconv_test::data_path("pubmed-mcda-pybibx/pubmed.txt");
    CHECK(pio::detect_format(file) == pio::input_format::pubmed);
    pio::pubmed_reader r(file);
    std::string mine;
    std::size_t with_affiliations = 0;
    pio::bibliographic_record rec;
    while (r.next(rec)) {
        std::string countries;
        for (const auto& c : rec.countries) countries += (countries.empty() ? "" : ",") + c;
        mine += "R " + rec.id + " " + (rec.year == techconv::no_year ? std::string("-") : std::to_string(rec.year)) +
                " " + (countries.empty() ? std::string("-") : countries) + " " +
                std::to_string(rec.institutions.size()) + "\n";
        // an affiliation read: a country (country_field::affiliations) or an unresolved one
        if (!rec.countries.empty() || !rec.unresolved.empty()) ++with_affiliations;
        if (!rec.countries.empty()) CHECK(rec.source == pio::country_field::affiliations);
        CHECK(rec.references.empty());  // the format has none
    }
    // the reference prints "R id year countries institutions ad_lines"; compare the first five columns
    const std::string ref_full = techconv_test::run_python(
        "io/pubmed_reference.py", {file, techconv_test::data_path("ref-country-codes/country-codes.csv")});
    std::string ref, ad_counts;
    std::size_t ad_lines = 0, records_with_ad = 0;
    std::istringstream lines(ref_full);
    for (std::string line; std::getline(lines, line);) {
        const auto last = line.rfind(' ');
        ref += line.substr(0, last) + "\n";
        const std::size_t n = std::stoul(line.substr(last + 1));
        ad_lines += n;
        records_with_ad += n > 0 ? 1 : 0;
    }
    CHECK(mine == ref);
    const auto& s = r.stats();
    // PROVENANCE.md: 335 records, 331 with AD, 1,918 AD lines; no PMID twice
    CHECK(s.records == 335);
    CHECK(with_affiliations == 331);
    CHECK(records_with_ad == 331);
    CHECK(ad_lines == 1918);
    CHECK(s.duplicates == 0);
    CHECK(s.skipped == 0);
    // the affiliations naming no recognised country are counted and listed (the provinces and
    // states, organisation names without a country); the real country spellings all resolve
    CHECK(s.unresolved_addresses > 0);
    for (const char* spelling : {"Brasil", "Tunisie", "Sultanate of Oman", "The Netherlands", "the Netherlands",
                                 "United Kingdom of Great Britain and Northern Ireland", "Canada", "USA"})
        CHECK(s.unresolved_spellings.count(spelling) == 0);
    CHECK(s.unresolved_spellings.count("QC") == 1);  // Quebec: names no country, not guessed
    std::size_t listed = 0;
    for (const auto& kv : s.unresolved_spellings) listed += kv.second;
    CHECK(listed == s.unresolved_addresses);
}

TEST_CASE("pubmed: read_paper_table and paper_chunk_reader read the export with --format auto") {
    const std::string file = techconv_test::data_path("pubmed-mcda-pybibx/pubmed.txt");
    const auto in = pio::read_paper_table(std::vector<std::string>{file});
    REQUIRE(in.files.size() == 1);
    CHECK(in.files[0].format == pio::input_format::pubmed);
    CHECK(in.records() == 335);  // PROVENANCE.md
    CHECK(in.table.size() == 335);
    pio::paper_chunk_reader chunks(std::vector<std::string>{file}, {}, 100);
    techconv::records::paper_table chunk;
    std::size_t n = 0, parts = 0;
    while (chunks.next_chunk(chunk)) {
        n += chunk.size();
        ++parts;
    }
    CHECK(n == 335);
    CHECK(parts == 4);  // 100 + 100 + 100 + 35
    CHECK(chunks.files().at(0).report.without_country == in.files[0].report.without_country);
}

TEST_CASE("pubmed: fields of a hand-written record") {
    const std::string text =
        "PMID- 123\r\n"
        "DP  - 2019 Jun 9\r\n"
        "TI  - Multicriteria decision analysis of a \r\n"
        "      wrapped title.\r\n"
        "AD  - Department of Cardiology, Guang'anmen Hospital, China Academy of Chinese Medical \r\n"
        "      Sciences, Beijing, China.\r\n"
        "AD  - Erasmus School of Health Policy &amp; Management, Erasmus University Rotterdam, \r\n"
        "      Rotterdam, The Netherlands; Amphia Hospital, Breda, Netherlands. Electronic \r\n"
        "      address: x@y.nl.\r\n"
        "AD  - Faculty of Medicine, Universidade de Sao Paulo, Brasil. a.b@usp.br\r\n"
        "AD  - BioMedCom Consultants, Inc., Dorval, Quebec, Canada (MMG, MW, DR)\r\n"
        "AD  - Ministry of Health, Sultanate of Oman. Email: q@moh.om\r\n"
        "AD  - Health Department, Montreal, QC\r\n"
        "AD  - UK. ISNI: 0000 0004 1936 9262. GRID: grid.11835.3e\r\n"
        "AD  - a.b@example.org\r\n"
        "MH  - Decision Support Techniques/*methods\r\n"
        "MH  - *Humans\r\n"
        "OT  - MCDA\r\n"
        "OT  - AHP\r\n";
    const auto recs = pubmed_records(text);
    REQUIRE(recs.size() == 1);
    const auto& r = recs[0];
    CHECK(r.id == "PMID:123");
    CHECK(r.year == 2019);
    CHECK(r.title == "Multicriteria decision analysis of a wrapped title.");
    // CN; NL twice (The Netherlands, Netherlands); BR (alias Brasil, e-mail dropped); CA (the
    // authors' initials dropped); OM (alias, "Email:" dropped); GB (identifiers dropped); the
    // QC affiliation names no country; the e-mail-only entry is no affiliation
    CHECK(r.countries == std::vector<std::string>{"BR", "CA", "CN", "GB", "NL", "OM"});
    CHECK(r.unresolved == std::vector<std::string>{"QC"});
    CHECK(r.source == pio::country_field::affiliations);
    // the organisation rule: university, else another organisation, else the first token
    // ("BioMedCom Consultants, Inc.": the token naming a company is "Inc.", as for Scopus)
    CHECK(r.institutions == std::vector<std::string>{"Amphia Hospital", "Erasmus University Rotterdam",
                                                     "Guang'anmen Hospital", "Health Department", "Inc.",
                                                     "Ministry of Health", "UK", "Universidade de Sao Paulo"});
    CHECK(r.keywords == "Decision Support Techniques; Humans; MCDA; AHP");
    CHECK(r.references.empty());
    // without texts: title and keywords stay empty, countries are read the same
    pio::bibliographic_options o;
    o.titles_and_keywords = false;
    const auto bare = pubmed_records(text, o);
    REQUIRE(bare.size() == 1);
    CHECK(bare[0].title.empty());
    CHECK(bare[0].keywords.empty());
    CHECK(bare[0].countries == r.countries);
}

TEST_CASE("pubmed: record boundaries, LF and CR line ends, a missing DP, duplicates") {
    const std::string a = "PMID- 1\nDP  - 2001\nAD  - Univ Oslo, Oslo, Norway.\n";
    const std::string b = "PMID- 2\nAD  - Kyoto University, Kyoto, Japan.\n";
    // blank lines between records; a PMID right after a record also starts a new one
    for (const std::string& text : {a + "\n" + b, a + b, a + "\n\n\n" + b + "\n", std::string("\r\n") + a + "\r" + b}) {
        CAPTURE(text);
        const auto recs = pubmed_records(text);
        REQUIRE(recs.size() == 2);
        CHECK(recs[0].id == "PMID:1");
        CHECK(recs[0].year == 2001);
        CHECK(recs[0].countries == std::vector<std::string>{"NO"});
        CHECK(recs[1].id == "PMID:2");
        CHECK(recs[1].year == techconv::no_year);  // no DP
        CHECK(recs[1].countries == std::vector<std::string>{"JP"});
    }
    std::istringstream in(a + "\n" + b + "\n" + a);
    pio::pubmed_reader r(in, "twice.nbib");
    pio::bibliographic_record rec;
    std::size_t n = 0;
    while (r.next(rec)) ++n;
    CHECK(n == 2);
    CHECK(r.stats().duplicates == 1);
    CHECK(r.stats().duplicate_ids == std::vector<std::string>{"PMID:1"});
}

TEST_CASE("pubmed: detection from content, and every other shared sample keeps its format") {
    CHECK(pio::detect_format_of("PMID- 35757629\r\nOWN - NLM\r\n") == pio::input_format::pubmed);
    CHECK(pio::detect_format_of("\xEF\xBB\xBF\r\nPMID- 1\n") == pio::input_format::pubmed);
    CHECK(pio::detect_format_of("PMID-\n") == pio::input_format::pubmed);
    CHECK(pio::detect_format_of("PMIDS- 1\n") == pio::input_format::automatic);
    CHECK(pio::detect_format_of("OWN - NLM\nPMID- 1\n") == pio::input_format::automatic);  // PMID must come first
    CHECK(pio::input_format_from_string("pubmed") == pio::input_format::pubmed);
    CHECK(pio::to_string(pio::input_format::pubmed) == "pubmed");
    CHECK(pio::holds_papers(pio::input_format::pubmed));
    CHECK_FALSE(pio::holds_patents(pio::input_format::pubmed));
    // the formats the shared samples were detected as before the PubMed rule (main at 8d0c31a),
    // but for the Derwent, PatentsView and Google Patents exports, which have their own readers and
    // rules since (tests/io/derwent.test.cpp, tests/io/patentsview.test.cpp,
    // tests/io/google_patents.test.cpp);
    // files no rule matches (licences, notes, other layouts) stay `auto`
    const std::pair<const char*, pio::input_format> samples[] = {
        {"derwent-dii-drones/derwent_drone_drones_1_500.ciw", pio::input_format::derwent},
        {"lens-scholarly-jsonl-covid/lens-export.jsonl", pio::input_format::lens_scholarly},
        {"openalex-works-api-json/json_chunk_2_results_page_1.json", pio::input_format::openalex},
        {"patents-google-autonomous-patentr/google_autonomous_search.csv", pio::input_format::google_patents},
        {"patents-google-biogas-br/gp-search-20230830-124212.csv", pio::input_format::google_patents},
        {"patents-lens-drones-2016/drones_fulltext_families_5884_raw.first4000.csv", pio::input_format::lens},
        {"patents-lens-jet-engines/lens-export.csv", pio::input_format::lens},
        {"patents-lens-pizza-2015-macexcel/pizza_lens_1000_raw.csv", pio::input_format::lens},
        {"patents-lens-sangamo/lens-export.csv", pio::input_format::lens},
        {"patents-uspto-grant-xml/ipg130416.small.xml", pio::input_format::uspto_xml},
        {"patentsview-api-json-vcr/patent-all-fields.response.json", pio::input_format::patentsview},
        {"pubmed-mcda-pybibx/pubmed.txt", pio::input_format::pubmed},
        {"pubmed-mcda-pybibx/PROVENANCE.md", pio::input_format::automatic},
        {"ref-country-codes/country-codes.csv", pio::input_format::automatic},
        {"scopus-ble-iot-scientopy/scopus.csv", pio::input_format::scopus},
        {"wos-ble-scientopy/wos_2026_04_02_1000.txt", pio::input_format::wos_tab},
        {"wos-medicine-metaknowledge/ManyAuthors.isi", pio::input_format::wos},
    };
    for (const auto& sample : samples) {
        const char* file = sample.first;  // not a structured binding: CAPTURE takes it into a lambda
        CAPTURE(file);
        techconv::io::input_source src(techconv_test::data_path(file));
        CHECK(pio::detect_format_of(src.head(4096)) == sample.second);
    }
}

TEST_CASE("country aliases: the country spellings of PubMed affiliations") {
    // each a real name of the country (the local-language or long form), met in the shared
    // PubMed export's AD lines and unresolved before these aliases
    const techconv::classification::country_normalizer cn;
    CHECK(cn.lookup("Brasil") == "BR");             // Portuguese
    CHECK(cn.lookup("Tunisie") == "TN");            // French
    CHECK(cn.lookup("Sultanate of Oman") == "OM");  // the long form
    // the spellings the task named resolve (already in the table or the list)
    CHECK(cn.lookup("The Netherlands") == "NL");
    CHECK(cn.lookup("Republic of Korea") == "KR");
    CHECK(cn.lookup("P.R. China") == "CN");
    CHECK(cn.lookup("Thaïland") == "TH");
    CHECK(cn.lookup("México") == "MX");
    // provinces and states are no countries
    CHECK(cn.lookup("QC").empty());
    CHECK(cn.lookup("Massachusetts").empty());
}
