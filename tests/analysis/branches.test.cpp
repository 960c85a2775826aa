// SPDX-License-Identifier: BSL-1.0
// analysis/branches.hpp: records x branch with the [COOP] Table 1 terms and
// with term lists read from CSV. Expected branches by hand from the terms
// listed in classification::coop_ai_chip_branches() and the matching rules
// of classification::term_classifier (docs/classification.md).
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <techconv/analysis/branches.hpp>

namespace ta = techconv::analysis;
namespace tio = techconv::io;
namespace tcf = techconv::classification;

namespace {

std::vector<std::string> names(const ta::branch_table& t, techconv::index r) {
    std::vector<std::string> out;
    for (const auto b : t.records.actors(r)) out.push_back(t.records.label(b));
    return out;
}

tio::patent_record patent(const std::string& id, const std::string& family, int year, const std::string& title,
                          std::vector<std::string> ipc = {}) {
    tio::patent_record r;
    r.id = id;
    r.family_id = family;
    r.application_year = year;
    r.title = title;
    r.ipc = std::move(ipc);
    return r;
}

}  // namespace

TEST_CASE("classify_branches: patents with the [COOP] Table 1 terms") {
    const auto k = tcf::coop_ai_chip_classifier();
    std::vector<tio::patent_record> v = {
        patent("US 1", "F1", 2019, "An FPGA-based Neural Network Processing Unit"),  // FPGA, NPU (open term)
        patent("US 2", "", 2020, "Graphics processing units for rendering"),      // GPU (plural)
        patent("US 3", "F3", 2020, "TPU film for phone cases", {"C08G18/00"}),     // TPU is restricted: none
        patent("US 4", "F4", 2021, "NPU scheduling", {"G06N3/063"}),               // restricted NPU
        patent("US 5", "F1", 2019, "FPGA"),                                         // family F1 again: dropped
    };
    const auto t = ta::classify_branches(v, k);
    REQUIRE(t.records.size() == 4);
    CHECK(t.duplicates == 1);
    CHECK(t.records.actor_count() == 11);  // every branch is a label, in the table's order
    CHECK(t.records.label(0) == "Brain-like chip");
    CHECK(t.records.label(10) == "VLSI");
    CHECK(names(t, 0) == std::vector<std::string>{"NPU", "FPGA"});  // ids ascending = table order
    CHECK(t.records.id(0) == "F1");
    CHECK(t.records.year(0) == 2019);
    CHECK(names(t, 1) == std::vector<std::string>{"GPU"});
    CHECK(t.records.id(1) == "US 2");
    CHECK(names(t, 2).empty());
    CHECK(names(t, 3).empty());  // no IPC filter: restricted terms never count
    CHECK(t.unclassified == 2);
    CHECK(t.records_per_branch[t.records.find("FPGA")] == 1);

    // with an IPC filter the restricted NPU term counts for the G06N patent only
    auto kf = k;
    kf.set_ipc_filter({tcf::ipc_pattern_from_chars("G06N").pattern});
    const auto f = ta::classify_branches(v, kf);
    CHECK(names(f, 3) == std::vector<std::string>{"NPU"});
    CHECK(names(f, 2).empty());  // C08G does not pass
    // restricted terms everywhere
    ta::branch_options all;
    all.match.restricted = tcf::restriction_policy::ignore;
    const auto g = ta::classify_branches(v, k, all);
    CHECK(names(g, 2) == std::vector<std::string>{"TPU"});

    // per year: 2019 FPGA 1, NPU 1; 2020 GPU 1
    const auto cells = ta::branches_by_year(t);
    REQUIRE(cells.size() == 3);
    CHECK(cells[0].year == 2019);
    CHECK(t.records.label(cells[0].branch) == "NPU");
    CHECK(t.records.label(cells[1].branch) == "FPGA");
    CHECK(cells[2].year == 2020);
    CHECK(cells[2].records == 1);
}

TEST_CASE("classify_branches: papers use the title and the keywords, never across the two") {
    const auto k = tcf::coop_ai_chip_classifier();
    std::vector<tio::bibliographic_record> v(3);
    v[0].id = "WOS:1";
    v[0].year = 2018;
    v[0].title = "Energy of brain-like chips";  // "Brain Like Chip" after normalising, plural
    v[1].id = "WOS:2";
    v[1].title = "A survey";
    v[1].keywords = "ASIC; VLSI design";
    v[2].id = "WOS:3";
    v[2].title = "Graphics processing";
    v[2].keywords = "unit testing";  // "graphics processing | unit": no GPU
    const auto t = ta::classify_branches(v, k);
    CHECK(names(t, 0) == std::vector<std::string>{"Brain-like chip"});
    CHECK(names(t, 1) == std::vector<std::string>{"ASIC", "VLSI"});
    CHECK(names(t, 2).empty());
    CHECK(t.records.year(1) == techconv::no_year);
}

TEST_CASE("read_branch_terms: kinds, order, and errors naming line and field") {
    std::istringstream in(
        "branch,term,kind\n"
        "Sensors,sensor,\n"
        "Radio,Bluetooth,term\n"
        "Sensors,smart dust,restricted\n"
        "Radio,bluetooth low energy audio,exclusion\n");
    const auto b = ta::read_branch_terms(in, "terms.csv");
    REQUIRE(b.size() == 2);
    CHECK(b[0].name == "Sensors");
    REQUIRE(b[0].terms.size() == 2);
    CHECK(b[0].terms[1].restricted);
    CHECK(b[1].exclusions == std::vector<std::string>{"bluetooth low energy audio"});
    const tcf::term_classifier k(b);
    CHECK(k.classify("Bluetooth sensors") == std::vector<techconv::label_id>{0, 1});
    CHECK(k.classify("Bluetooth Low Energy audio").empty());  // vetoed

    std::istringstream no_term("branch,kind\nA,term\n");
    CHECK_THROWS_AS(ta::read_branch_terms(no_term, "t.csv"), techconv::parse_error);
    std::istringstream bad_kind("branch,term,kind\nA,x,term\nA,y,maybe\n");
    try {
        ta::read_branch_terms(bad_kind, "t.csv");
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::bad_value);
        CHECK(e.line() == 3);
        CHECK(std::string(e.what()).find("maybe") != std::string::npos);
    }
    std::istringstream empty_term("branch,term\nA,\n");
    CHECK_THROWS_AS(ta::read_branch_terms(empty_term, "t.csv"), techconv::parse_error);
    std::istringstream nothing("branch,term\n");
    CHECK_THROWS_AS(ta::read_branch_terms(nothing, "t.csv"), techconv::parse_error);
    CHECK_THROWS_AS(ta::load_branch_terms("/nonexistent/terms.csv"), techconv::parse_error);
}
