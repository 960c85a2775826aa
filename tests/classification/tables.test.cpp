// Tests of the dense code dictionary, IPC patterns, concordance tables (built
// in code, from CSV, and the real WIPO 35-field table) and the title table.
// Expected categories come from reading the rows of the WIPO table
// (ref-ipc-wipo-technology-fields/ipc_technology.csv) by eye; expected titles
// are copied from the CPC title list lines quoted beside each check.
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <techconv/classification/dictionary.hpp>
#include <techconv/classification/loaders.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace tc = techconv;
namespace cl = techconv::classification;
using cl::ipc_level;
using cl::parse_ipc;
using cl::parse_ipc_pattern;

TEST_CASE("code_dictionary: truncation, dense ids, sort, labels") {
    cl::code_dictionary d(ipc_level::subclass);
    CHECK(d.insert(parse_ipc("H04N 5/232")) == 0);
    CHECK(d.insert(parse_ipc("G06T 7/00")) == 1);
    CHECK(d.insert(parse_ipc("H04N 1/00")) == 0);
    CHECK(d.insert(parse_ipc("G06T")) == 1);
    CHECK(d.size() == 2);
    CHECK(d.find(parse_ipc("G06T 9/00")) == 1);
    CHECK(d.find(parse_ipc("G06F 3/01")) == tc::no_label);
    CHECK(d.find(parse_ipc("G06")) == tc::no_label);
    CHECK_THROWS_AS(d.insert(parse_ipc("G06")), tc::invalid_argument);
    CHECK(d.try_insert(parse_ipc("G06")) == tc::no_label);
    CHECK(d.label(0) == "H04N");
    const auto old_to_new = d.sort();
    CHECK(old_to_new == std::vector<tc::label_id>{1, 0});
    CHECK(d.labels() == std::vector<std::string>{"G06T", "H04N"});
    CHECK(d.find(parse_ipc("H04N 5/232")) == 1);
    CHECK_THROWS_AS(d.code(2), tc::invalid_argument);

    const auto m =
        cl::code_dictionary::from_codes({parse_ipc("G06T 7/246"), parse_ipc("G06T 7/20"),
                                         parse_ipc("A61K 2300/00"), parse_ipc("G06T 7/00")},
                                        ipc_level::main_group);
    CHECK(m.labels() == std::vector<std::string>{"A61K 2300/00", "G06T 7/00"});
}

TEST_CASE("ipc_pattern: syntax and matching") {
    struct row {
        const char* pattern;
        const char* text;
        unsigned spec;
    };
    for (const row& r : {row{"G", "G", 1}, row{"G06%", "G06", 2}, row{"g06t", "G06T", 3},
                         row{"G06T%", "G06T", 3}, row{"G06T 7/00", "G06T 7/00", 4},
                         row{"G06T 7/", "G06T 7/00", 4}, row{"G06T 7", "G06T 7/00", 4},
                         row{"H04N   3/%", "H04N 3/00", 4}, row{"G06T 7/246", "G06T 7/246", 11},
                         row{"H04N 5/23%", "H04N 5/23%", 6}, row{"H04N5/2*", "H04N 5/2%", 5}}) {
        CAPTURE(r.pattern);
        const auto p = parse_ipc_pattern(r.pattern);
        CHECK(p.to_string() == r.text);
        CHECK(p.specificity() == r.spec);
    }
    const auto grp = parse_ipc_pattern("G06T 7/00");
    CHECK(grp.matches(parse_ipc("G06T 7/246")));
    CHECK(grp.matches(parse_ipc("G06T 7/00")));
    CHECK_FALSE(grp.matches(parse_ipc("G06T 9/00")));
    CHECK_FALSE(grp.matches(parse_ipc("G06T")));
    const auto dig = parse_ipc_pattern("H04N 5/23%");
    CHECK(dig.matches(parse_ipc("H04N 5/23")));
    CHECK(dig.matches(parse_ipc("H04N 5/232")));
    CHECK(dig.matches(parse_ipc("H04N 5/2321")));
    CHECK_FALSE(dig.matches(parse_ipc("H04N 5/24")));
    CHECK_FALSE(dig.matches(parse_ipc("H04N 5/00")));
    CHECK_FALSE(dig.matches(parse_ipc("H04N 15/232")));
    CHECK_FALSE(parse_ipc_pattern("G06T 7/24").matches(parse_ipc("G06T 7/246")));
    CHECK_THROWS_AS(parse_ipc_pattern("G06T 7/2%4"), tc::parse_error);
    CHECK_THROWS_AS(parse_ipc_pattern("X06T%"), tc::parse_error);
    CHECK_THROWS_AS(parse_ipc_pattern("G06T 7/1234567%"), tc::parse_error);
    // Derwent's group 000 is the subclass (B64C-000/00 is B64C), so it takes no subgroup digits
    // (found by fuzz/ipc: "H40N-00/02%" gave a pattern printed as "H40N 0/02%")
    CHECK(parse_ipc_pattern("H04N-000/%").to_string() == "H04N");
    CHECK(tc::classification::ipc_pattern_from_chars("H40N-00/02%").error ==
          tc::classification::ipc_errc::bad_main_group);
    CHECK(parse_ipc_pattern("H04N-005/23%").to_string() == "H04N 5/23%");
}

TEST_CASE("concordance: longest prefix vs all matches, multi-label") {
    cl::concordance t;
    t.add_rule("G06", "computing");
    t.add_rule("G06T", "imaging");
    t.add_rule("G06T 7/00", "analysis");
    t.add_rule("G06T 7/20", "motion");
    t.add_rule("G06T 7/20", "video");  // multi-label
    t.add_rule("G06T 7/2%", "motion-like");
    const auto id = [&](const char* n) { return t.find_category(n); };
    using ids = std::vector<tc::label_id>;
    CHECK(t.category_count() == 6);
    CHECK(t.lookup(parse_ipc("G06T 7/20")) == ids{id("motion"), id("video")});
    CHECK(t.lookup(parse_ipc("G06T 7/246")) == ids{id("motion-like")});
    CHECK(t.lookup(parse_ipc("G06T 7/30")) == ids{id("analysis")});
    CHECK(t.lookup(parse_ipc("G06T 1/00")) == ids{id("imaging")});
    CHECK(t.lookup(parse_ipc("G06F 3/01")) == ids{id("computing")});
    CHECK(t.lookup(parse_ipc("H04N")).empty());
    cl::concordance_options all;
    all.match = cl::concordance_match::all;
    CHECK(t.lookup(parse_ipc("G06T 7/20"), all) == ids{0, 1, 2, 3, 4, 5});
    CHECK(t.lookup(parse_ipc("G06T 7/246"), all) ==
          ids{id("computing"), id("imaging"), id("analysis"), id("motion-like")});
    // a record: union of its codes' categories, each once
    CHECK(t.lookup({parse_ipc("G06T 7/30"), parse_ipc("G06T 7/31"), parse_ipc("G06F 3/01")}) ==
          ids{id("computing"), id("analysis")});
    CHECK_THROWS_AS(t.add_rule(parse_ipc_pattern("G"), 99), tc::invalid_argument);
}

TEST_CASE("concordance: CSV loader with several patterns per cell and error collection") {
    const std::string csv =
        "category,pattern,code\n"
        "AI,\"G06N 3/%; G06N 5/%\",1\n"
        "Chips,\"H01L 21/00\xE3\x80\x81H01L 25\",2\n"
        "AI,G06F 18/%,1\n"
        "Empty,,3\n"
        "Bad,\"G06Q 10/00, X99\",4\n";
    {
        std::istringstream in(csv);
        try {
            cl::load_concordance_csv(in, "sei.csv");
            FAIL("no throw");
        } catch (const tc::parse_error& e) {
            CHECK(e.code() == tc::error_code::bad_code);
            CHECK(e.source() == "sei.csv");
            CHECK(e.record() == 5);
            CHECK(e.field() == "pattern");
        }
    }
    std::istringstream in(csv);
    cl::concordance_csv_options o;
    o.code_column = "code";
    o.on_error = cl::ipc_error_policy::collect;
    const cl::concordance t = cl::load_concordance_csv(in, "sei.csv", o);
    CHECK(t.stats().rows == 5);
    CHECK(t.stats().empty_rows == 1);
    CHECK(t.stats().bad_patterns == 1);
    REQUIRE(t.stats().samples.size() == 1);
    CHECK(t.stats().samples[0].text == "X99");
    CHECK(t.category_count() == 3);  // AI, Chips, Bad (Empty has no pattern)
    CHECK(t.rules().size() == 6);
    CHECK(t.category(t.lookup(parse_ipc("G06N 3/08"))[0]).name == "AI");
    CHECK(t.category(t.lookup(parse_ipc("G06F 18/24"))[0]).code == "1");
    CHECK(t.category(t.lookup(parse_ipc("H01L 25/065"))[0]).name == "Chips");
    CHECK(t.lookup(parse_ipc("G06Q 10/06")).size() == 1);
    CHECK(t.lookup(parse_ipc("G06F 17/00")).empty());
}

TEST_CASE("WIPO technology fields: 35 fields, split subclasses resolve by main group" *
          doctest::test_suite("data")) {
    const cl::concordance t = cl::load_wipo_technology_fields(
        techconv_test::data_path("ref-ipc-wipo-technology-fields/ipc_technology.csv"));
    // PROVENANCE.md: 764 rows, 35 fields, 5 sectors, no pattern twice.
    CHECK(t.stats().rows == 764);
    CHECK(t.rules().size() == 764);
    CHECK(t.category_count() == 35);
    for (std::size_t i = 0; i < t.category_count(); ++i)
        CHECK(t.categories()[i].code == std::to_string(i + 1));
    auto field = [&](const char* code) {
        const auto cats = t.lookup(parse_ipc(code));
        REQUIRE_MESSAGE(cats.size() == 1, code);
        return t.category(cats[0]).code;
    };
    // Rows read from ipc_technology.csv.
    CHECK(field("H04N 5/232") == "2");    // H04N   5/% -> 2 Audio-visual technology
    CHECK(field("H04N 1/00") == "3");     // H04N   1/% -> 3 Telecommunications
    CHECK(field("H04N 21/234") == "4");   // H04N  21/% -> 4 Digital communication
    CHECK(field("G01N 21/00") == "10");   // G01N  21/% -> 10 Measurement
    CHECK(field("G01N 33/48") == "11");   // G01N  33/% -> 11 Analysis of biological materials
    CHECK(field("A61K 8/02") == "14");    // A61K   8/% -> 14 Organic fine chemistry
    CHECK(field("A61K 31/00") == "16");   // A61K  31/% -> 16 Pharmaceuticals
    CHECK(field("B01D 53/047") == "24");  // B01D  53/% -> 24 Environmental technology
    CHECK(field("B01D 29/00") == "23");   // B01D  29/% -> 23 Chemical engineering
    CHECK(field("E01F 8/00") == "24");    // E01F   8/% -> 24 Environmental technology
    CHECK(field("E01F 9/00") == "35");    // E01F   9/% -> 35 Civil engineering
    CHECK(field("C13B 10/02") == "18");   // C13B  10/% -> 18 Food chemistry
    CHECK(field("C13B 5/00") == "29");    // C13B   5/% -> 29 Other special machines
    CHECK(field("G06T 7/00") == "6");     // G06T% -> 6 Computer technology
    CHECK(t.category(t.find_category("6")).group == "Electrical engineering");
    // The six split subclasses have no subclass row: a bare subclass is not covered.
    for (const char* s : {"H04N", "G01N", "A61K", "C13B", "B01D", "E01F"}) {
        CAPTURE(s);
        CHECK(t.lookup(parse_ipc(s)).empty());
        // ...and each of them reaches at least two fields through its main groups.
        std::vector<std::string> fields;
        for (const auto& rule : t.rules())
            if (rule.pattern.anchor.truncate(ipc_level::subclass) == parse_ipc(s)) {
                CHECK(rule.pattern.anchor.level() == ipc_level::main_group);
                fields.push_back(t.category(rule.category).code);
            }
        std::sort(fields.begin(), fields.end());
        fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
        CHECK(fields.size() >= 2);
    }
}

TEST_CASE("title_table: add, find, nearest, label, brace stripping") {
    cl::title_table t;
    cl::title_options o;
    CHECK(t.add(parse_ipc("G06T"), "IMAGE DATA PROCESSING", -1, o));
    CHECK(t.add(parse_ipc("G06T 7/00"), "Image analysis", 0, o));
    o.strip_cpc_braces = true;
    CHECK(t.add(parse_ipc("G06T 7/0002"), "{Inspection of images}", 1, o));
    o.max_level = ipc_level::main_group;
    CHECK_FALSE(t.add(parse_ipc("G06T 7/10"), "Segmentation", 1, o));
    CHECK(t.size() == 3);
    CHECK(t.title(parse_ipc("G06T 7/0002")) == "Inspection of images");
    CHECK(t.find(parse_ipc("G06T 7/0002")).dot_level == 1);
    CHECK(t.find(parse_ipc("G06T")).dot_level == -1);
    CHECK(t.title(parse_ipc("G06T 7/10")).empty());
    CHECK(t.nearest_title(parse_ipc("G06T 7/10")) == "Image analysis");
    CHECK(t.nearest_title(parse_ipc("G06T 9/00")) == "IMAGE DATA PROCESSING");
    CHECK(t.label(parse_ipc("G06T 7/00")) == "G06T 7/00 Image analysis");
    CHECK(t.label(parse_ipc("G06F")) == "G06F");

    std::istringstream bad("G06T\t\tIMAGE\r\nG6X1/00\t0\tbad\n");
    try {
        cl::load_title_list(bad, "list.txt", t);
        FAIL("no throw");
    } catch (const tc::parse_error& e) {
        CHECK(e.line() == 2);
        CHECK(e.field() == "symbol");
    }
}

TEST_CASE("CPC title list 2025.05: every symbol parses and round-trips, titles found" *
          doctest::test_suite("data")) {
    cl::title_table t;
    std::size_t total = 0;
    for (const char* s : {"A", "B", "C", "D", "E", "F", "G", "H", "Y"}) {
        const std::string path = techconv_test::data_path(
            std::string("ref-cpc-title-list-202505/cpc-section-") + s + "_20250501.txt");
        total += cl::load_title_list(path, t);
    }
    // Line counts in PROVENANCE.md: 29,939 + 56,935 + 38,328 + 5,692 + 9,271 + 28,141 +
    // 38,111 + 39,089 + 15,487 = 261,0.. lines, one symbol each, all distinct.
    CHECK(total == 29939u + 56935u + 38328u + 5692u + 9271u + 28141u + 38111u + 39089u + 15487u);
    CHECK(t.size() == total);
    // Quoted from cpc-section-G_20250501.txt: "G06T7/00<TAB>0<TAB>Image analysis"
    CHECK(t.title(parse_ipc("G06T 7/00")) == "Image analysis");
    CHECK(t.find(parse_ipc("G06T 7/00")).dot_level == 0);
    // "G01B3/004<TAB>2<TAB>{Scales; Graduations}"
    CHECK(t.title(parse_ipc("G01B3/004")) == "{Scales; Graduations}");
    CHECK(t.find(parse_ipc("G01B3/004")).dot_level == 2);
    CHECK(t.title(parse_ipc("G06T")) == "IMAGE DATA PROCESSING OR GENERATION, IN GENERAL");
    CHECK(t.title(parse_ipc("Y10S")).substr(0, 17) == "TECHNICAL SUBJECT");
    // Subclass rows per PROVENANCE.md: 680 subclasses, Y included.
    std::size_t subclasses = 0;
    for (const char* s : {"A", "B", "C", "D", "E", "F", "G", "H", "Y"}) {
        techconv::io::line_reader r(std::string(techconv_test::data_path(
            std::string("ref-cpc-title-list-202505/cpc-section-") + s + "_20250501.txt")));
        while (r.next()) {
            const auto sym = r.text().substr(0, r.text().find('\t'));
            const auto c = parse_ipc(sym);
            if (c.level() == ipc_level::subclass) ++subclasses;
            // compact form is the title list's own spelling
            REQUIRE(c.to_string(cl::ipc_format::compact) == sym);
        }
    }
    CHECK(subclasses == 680);
}
