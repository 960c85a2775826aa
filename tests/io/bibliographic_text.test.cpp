// SPDX-License-Identifier: BSL-1.0
// The title and keywords the WoS and Scopus readers keep for term
// classification (analysis/branches.hpp), on hand-written exports; expected
// strings by hand from the field rules in io/wos.hpp and io/scopus.hpp.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "techconv/io/scopus.hpp"
#include "techconv/io/wos.hpp"

namespace io = techconv::io;

TEST_CASE("wos tagged: title lines joined by a space, DE then ID as keywords") {
    std::istringstream in(
        "FN Clarivate Analytics Web of Science\n"
        "VR 1.0\n"
        "PT J\n"
        "TI A Graphics Processing\n"
        "   Unit for Sensor Fusion\n"
        "DE GPU; sensor\n"
        "   fusion\n"
        "ID NEURAL-NETWORKS\n"
        "C1 Tsinghua Univ, Beijing 100084, Peoples R China.\n"
        "PY 2019\n"
        "UT WOS:1\n"
        "ER\n"
        "\n"
        "PT J\n"
        "C1 MIT, Cambridge, MA 02139 USA.\n"
        "PY 2020\n"
        "UT WOS:2\n"
        "ER\n"
        "EF\n");
    io::wos_tagged_reader r(in, "saved.txt");
    io::bibliographic_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.title == "A Graphics Processing Unit for Sensor Fusion");  // not "...Processing; Unit..."
    CHECK(rec.keywords == "GPU; sensor; fusion; NEURAL-NETWORKS");
    REQUIRE(r.next(rec));
    CHECK(rec.title.empty());  // no TI / DE / ID: empty, and nothing left from the record before
    CHECK(rec.keywords.empty());
}

TEST_CASE("wos tab-delimited and scopus: title and keyword columns") {
    std::istringstream tab(
        "PT\tTI\tDE\tID\tC1\tPY\tUT\n"
        "J\t An FPGA accelerator \tFPGA; CNN\t\tKAIST, Daejeon, South Korea\t2021\tWOS:10\n");
    io::wos_tab_reader t(tab, "tab.txt");
    io::bibliographic_record rec;
    REQUIRE(t.next(rec));
    CHECK(rec.title == "An FPGA accelerator");
    CHECK(rec.keywords == "FPGA; CNN");  // empty ID adds nothing

    std::istringstream csv(
        "Title,Year,Affiliations,EID,Author Keywords,Index Keywords\n"
        "\"Brain-like chips\",2018,\"Univ Turku, Turku, Finland\",2-s2.0-1,\"neuromorphic; SNN\",\"Chips\"\n"
        "\"No keywords\",2018,\"Univ Turku, Turku, Finland\",2-s2.0-2,,\n");
    io::scopus_reader s(csv, "scopus.csv");
    REQUIRE(s.next(rec));
    CHECK(rec.title == "Brain-like chips");
    CHECK(rec.keywords == "neuromorphic; SNN; Chips");
    REQUIRE(s.next(rec));
    CHECK(rec.keywords.empty());
}

TEST_CASE("titles_and_keywords = false leaves them empty") {
    io::bibliographic_options o;
    o.titles_and_keywords = false;
    std::istringstream tagged("PT J\nTI A title\nDE GPU\nC1 MIT, Cambridge, MA 02139 USA.\nPY 2020\nUT WOS:2\nER\n");
    io::wos_tagged_reader r(tagged, "saved.txt", o);
    io::bibliographic_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.title.empty());
    CHECK(rec.keywords.empty());
    CHECK(rec.countries == std::vector<std::string>{"US"});
    std::istringstream tab("PT\tTI\tDE\tC1\tPY\tUT\nJ\tA title\tGPU\tKAIST, Daejeon, South Korea\t2021\tWOS:10\n");
    io::wos_tab_reader t(tab, "tab.txt", o);
    REQUIRE(t.next(rec));
    CHECK(rec.title.empty());
    CHECK(rec.keywords.empty());
    std::istringstream csv("Title,Year,Affiliations,Author Keywords\n\"T\",2018,\"Univ Turku, Turku, Finland\",\"k\"\n");
    io::scopus_reader s(csv, "scopus.csv", o);
    REQUIRE(s.next(rec));
    CHECK(rec.title.empty());
    CHECK(rec.keywords.empty());
}
