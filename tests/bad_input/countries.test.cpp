// SPDX-License-Identifier: BSL-1.0
// Countries a record must not get or must not lose silently (docs/reliability.md, "Countries"):
// WIPO's International Bureau and the regional offices are no countries, and an address country
// the table does not know is counted and listed by spelling, never dropped without a count.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <techconv/analysis/patent_rules.hpp>
#include <techconv/classification/country.hpp>
#include <techconv/io/bibliographic.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/wos.hpp>

namespace ta = techconv::analysis;
namespace tio = techconv::io;

TEST_CASE("bad input: countries: office codes (WO, IB, EP) in a Lens export are no country") {
    // A PCT application (jurisdiction WO) whose priorities are an international application
    // (IB is WIPO's receiving office code) and a European one, then a French one: the record's
    // country is FR, the first priority country that is a country (analysis::patent_country).
    const std::string text =
        "Lens ID,Jurisdiction,Kind,Publication Number,Publication Year,Priority Numbers,IPCR Classifications\n"
        "000-000-000-000-001,WO,A1,WO 2012/000001 A1,2012,IB 2011000001 W;;EP 11000001 A;;FR 1100001 A,G06N3/08\n"
        "000-000-000-000-002,WO,A1,WO 2012/000002 A1,2012,WO 2011000002 W,G06N3/08\n";
    std::istringstream in(text);
    tio::lens_reader r(in, "offices.csv");
    tio::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(ta::patent_country(rec) == "FR");
    CHECK(ta::patent_country(rec, ta::country_source::jurisdiction).empty());
    REQUIRE(r.next(rec));
    CHECK(ta::patent_country(rec).empty());  // only offices: unknown, never "WO"
    CHECK_FALSE(r.next(rec));
}

TEST_CASE("bad input: countries: what stays unresolved is counted and listed by spelling") {
    // Three addresses resolve (DO, SU, XK), three do not: "Atlantis" twice and "Channel Islands"
    // (ambiguous: Jersey or Guernsey) once -- counted by hand.
    const std::string text =
        "PT J\nUT WOS:1\nPY 1990\nC1 [A, B] Univ Santo Domingo, Santo Domingo, Dominican Rep.\n"
        "   [C] Acad Sci, Moscow, USSR.\n   [D] Univ Atlantis, Poseidonia, Atlantis.\nER\n"
        "PT J\nUT WOS:2\nPY 2010\nC1 [E] Univ Pristina, Pristina, Kosovo.\n   [F] Inst Sea, Mu, Atlantis.\n"
        "   [G] Coll St Helier, St Helier, Channel Islands.\nER\nEF\n";
    std::istringstream in(text);
    tio::wos_tagged_reader r(in, "c.txt");
    tio::bibliographic_record rec;
    std::vector<std::vector<std::string>> countries;
    while (r.next(rec)) countries.push_back(rec.countries);
    REQUIRE(countries.size() == 2);
    CHECK(countries[0] == std::vector<std::string>{"DO", "SU"});
    CHECK(countries[1] == std::vector<std::string>{"XK"});
    const auto& rep = r.report();
    CHECK(rep.unresolved_addresses == 3);
    const auto top = rep.top_unresolved(10);
    REQUIRE(top.size() == 2);
    CHECK(top[0] == std::pair<std::string, std::size_t>{"Atlantis", 2});
    CHECK(top[1] == std::pair<std::string, std::size_t>{"Channel Islands", 1});
    const auto notes = tio::report_notes(rep, 1);
    REQUIRE(notes.size() == 1);  // plain UTF-8: no encoding note
    CHECK(notes[0] == "3 addresses with an unresolved country: Atlantis (2), and 1 more spellings");
}


TEST_CASE("bad input: countries: Scopus addresses with a contact tail or without commas") {
    // Spellings of the last comma token of real Scopus affiliations (scopus-ble-iot-scientopy,
    // which left them unresolved); the countries by hand from the words. A country name after
    // "New", "South", "of", ... is part of another place's name and is not read.
    const techconv::classification::country_normalizer cn;
    const techconv::classification::country_options o;
    const auto country = [&](const char* a) { return std::string(tio::detail::address_country(a, cn, o)); };
    CHECK(country("Inst X, 50791 Grenoble France 38000 (e-mail: a@b.org)") == "FR");
    CHECK(country("Univ Y, Indiana United States 47906 (e-mail: c@d.edu)") == "US");
    CHECK(country("Univ Y, Indiana United States (e-mail: c@d.edu)") == "US");
    CHECK(country("Lab Z, Johannesburg South Africa xxxx (e-mail: e@f.com)") == "ZA");
    CHECK(country("IIT, India 600036") == "IN");
    CHECK(country("Univ, Pisa Italy") == "IT");
    CHECK(country("Department of Electrical Engineering Kansas State University Manhattan USA") == "US");
    // not a country, or part of another name: unresolved
    CHECK(country("Univ, Albuquerque New Mexico 87131 (e-mail: g@h.edu)").empty());
    CHECK(country("Univ, Sydney New South Wales 2006").empty());
    CHECK(country("Dept Math, University of Georgia").empty());
    CHECK(country("Nokia Research Center").empty());
    CHECK(country("Inst, 38000").empty());
    CHECK(country("").empty());
}
