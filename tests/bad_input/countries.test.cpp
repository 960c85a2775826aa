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

