// Tests of classification/ipc.hpp: the ipc_code value type, every spelling
// of the parser, formatting round trips, order, truncation, errors and list
// parsing. Expected values are the symbols written out by hand; orderings
// follow the order of the official CPC title list (e.g. G01B3/002 is listed
// before G01B3/02 in cpc-section-G_20250501.txt).
#include <doctest/doctest.h>

#include <techconv/classification/ipc.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <tuple>
#include <type_traits>
#include <string>
#include <unordered_set>
#include <vector>

namespace tc = techconv;
using tc::classification::ipc_code;
using tc::classification::ipc_errc;
using tc::classification::ipc_format;
using tc::classification::ipc_level;
using tc::classification::parse_ipc;
using tc::classification::try_parse_ipc;

TEST_CASE("ipc_code: value-type properties") {
    static_assert(sizeof(ipc_code) == 8);
    static_assert(std::is_trivially_copyable_v<ipc_code>);
    constexpr ipc_code e{};
    static_assert(e.empty());
    CHECK(e.to_string().empty());
    CHECK_FALSE(static_cast<bool>(e));
    // constexpr parsing works at compile time
    constexpr auto r = tc::classification::ipc_from_chars("G06T 7/00");
    static_assert(static_cast<bool>(r));
    static_assert(r.code.main_group() == 7);
}

TEST_CASE("ipc_code: every real-data spelling of G06T 7/00 gives the same code") {
    const ipc_code ref = parse_ipc("G06T 7/00");
    CHECK(ref.section() == 'G');
    CHECK(ref.class_number() == 6);
    CHECK(ref.subclass() == 'T');
    CHECK(ref.main_group() == 7);
    CHECK(ref.subgroup() == 0);
    CHECK(ref.level() == ipc_level::main_group);
    for (const char* s :
         {"G06T7/00", "G06T0007000000", "G06T 7/00 (2006.01)", "G06T 7/00 20060101", "g06t 7/00",
          "  G06T  7 / 00  ", "G06T   7/00", "G06T 0007/00", "G06T 7/000", "G06T7/00(2017.01)",
          "G06T 0007000000", "G06T0007000000 20060101", "G06T 7/00\t2006.01", "\tg06T7/00\r\n"}) {
        CAPTURE(s);
        const auto c = try_parse_ipc(s);
        REQUIRE(c.has_value());
        CHECK(*c == ref);
    }
}

TEST_CASE("ipc_code: the Derwent form B64C-039/02 (dash after the subclass, padded group)") {
    // the codes of the first records of the shared Derwent sample (derwent-dii-drones), each
    // written out by hand in the WIPO form
    struct pair {
        const char* derwent;
        const char* wipo;
    };
    for (const pair& p : {pair{"B64C-039/02", "B64C 39/02"}, pair{"G05D-001/00", "G05D 1/00"},
                          pair{"H04N-009/77", "H04N 9/77"}, pair{"F21K-099/00", "F21K 99/00"},
                          pair{"A61K-2300/00", "A61K 2300/00"}, pair{"b64c-039/024", "B64C 39/024"},
                          pair{"B64C-39/02", "B64C 39/02"}}) {
        CAPTURE(p.derwent);
        const auto c = try_parse_ipc(p.derwent);
        REQUIRE(c.has_value());
        CHECK(*c == parse_ipc(p.wipo));
        CHECK(c->to_string(ipc_format::compact) == parse_ipc(p.wipo).to_string(ipc_format::compact));
    }
    // Derwent's subclass without a group (B64C-000/00, 6 of the sample's IP items) is the subclass
    const auto sub = try_parse_ipc("B64C-000/00");
    REQUIRE(sub.has_value());
    CHECK(*sub == parse_ipc("B64C"));
    CHECK(sub->level() == ipc_level::subclass);
    CHECK(tc::classification::ipc_from_chars("B64C 000/00").error == ipc_errc::bad_main_group);  // only in that form
    CHECK(tc::classification::ipc_from_chars("B64C-000/01").error == ipc_errc::bad_main_group);
    // the dash is read only right after the subclass letter, once
    CHECK(tc::classification::ipc_from_chars("B64C-").error == ipc_errc::bad_main_group);
    CHECK(tc::classification::ipc_from_chars("B64C--039/02").error == ipc_errc::bad_main_group);
    CHECK(tc::classification::ipc_from_chars("B64C -039/02").error == ipc_errc::bad_main_group);
    CHECK(tc::classification::ipc_from_chars("B64C-039-02").error == ipc_errc::bad_main_group);
    CHECK(tc::classification::ipc_from_chars("B64-C039/02").error == ipc_errc::bad_subclass);
}

TEST_CASE("ipc_code: subgroups, CPC Y section and 2000-series indexing codes") {
    const ipc_code a = parse_ipc("H04N5/232");
    CHECK(a.level() == ipc_level::subgroup);
    CHECK(a.main_group() == 5);
    CHECK(a.subgroup() == 232000);
    CHECK(a.to_string() == "H04N 5/232");
    CHECK(a.to_string(ipc_format::compact) == "H04N5/232");
    CHECK(a.to_string(ipc_format::padded) == "H04N   5/232");
    CHECK(a.to_string(ipc_format::wipo14) == "H04N0005232000");
    CHECK(parse_ipc("H04N0005232000") == a);

    const ipc_code y = parse_ipc("Y02E 10/50");
    CHECK(y.section() == 'Y');
    CHECK(y.to_string() == "Y02E 10/50");
    CHECK_FALSE(y.is_indexing_group());

    const ipc_code ix = parse_ipc("A61K 2300/00");
    CHECK(ix.main_group() == 2300);
    CHECK(ix.is_indexing_group());
    CHECK(ix.level() == ipc_level::main_group);
    CHECK(ix.to_string(ipc_format::wipo14) == "A61K2300000000");
    // Longest forms in the 2025.05 CPC title list: 4-digit group, 6-digit subgroup.
    CHECK(parse_ipc("C12N2750/14143").to_string() == "C12N 2750/14143");
    CHECK(parse_ipc("H01L31/022491").to_string() == "H01L 31/022491");
    CHECK(parse_ipc("Y10S977/00").to_string() == "Y10S 977/00");
    CHECK(parse_ipc("C12Y301/06013").to_string(ipc_format::padded) == "C12Y 301/06013");
    // Trailing zeros beyond two subgroup digits are not significant (14-character form).
    CHECK(parse_ipc("G06F 3/0100") == parse_ipc("G06F3/01"));
    CHECK(parse_ipc("G06F 3/0100").to_string() == "G06F 3/01");
}

TEST_CASE("ipc_code: incomplete codes") {
    const ipc_code s = parse_ipc("g");
    CHECK(s.level() == ipc_level::section);
    CHECK(s.to_string() == "G");
    const ipc_code c = parse_ipc(" G06 ");
    CHECK(c.level() == ipc_level::class_);
    CHECK(c.to_string(ipc_format::wipo14) == "G06");
    const ipc_code sc = parse_ipc("G06T (2006.01)");
    CHECK(sc.level() == ipc_level::subclass);
    CHECK(sc.to_string() == "G06T");
    CHECK(sc.main_group() == 0);
}

TEST_CASE("ipc_code: parse errors name the reason, position and quote the text") {
    struct bad {
        const char* text;
        ipc_errc err;
        std::size_t pos;
    };
    for (const bad& b :
         {bad{"", ipc_errc::empty, 0}, bad{"   ", ipc_errc::empty, 3},
          bad{"I06T 7/00", ipc_errc::bad_section, 0}, bad{"G6T 7/00", ipc_errc::bad_class, 1},
          bad{"G00T 7/00", ipc_errc::bad_class, 1}, bad{"G061 7/00", ipc_errc::bad_class, 1},
          bad{"G06 7/00", ipc_errc::bad_subclass, 3},
          bad{"G06T 12345/00", ipc_errc::bad_main_group, 5},
          bad{"G06T 7", ipc_errc::bad_main_group, 6}, bad{"G06T 0/00", ipc_errc::bad_main_group, 4},
          bad{"G06T 7/0", ipc_errc::bad_subgroup, 7},
          bad{"G06T 7/1234567", ipc_errc::bad_subgroup, 7},
          bad{"G06T 7/", ipc_errc::bad_subgroup, 7},
          bad{"G06T 7/00 x", ipc_errc::trailing_text, 10},
          bad{"G06T 7/00 (2006.1)", ipc_errc::trailing_text, 10},
          bad{"G06T7/00;H04N5/232", ipc_errc::trailing_text, 8},
          bad{"G06T00070000", ipc_errc::bad_main_group, 4}}) {
        CAPTURE(b.text);
        const auto r = tc::classification::ipc_from_chars(b.text);
        CHECK(r.error == b.err);
        CHECK(r.position == b.pos);
        CHECK_FALSE(try_parse_ipc(b.text).has_value());
    }
    try {
        parse_ipc("G06T 7/0", tc::source_location{"x.csv", 12, 3, 11, "IPCR Classifications"});
        FAIL("no throw");
    } catch (const tc::parse_error& e) {
        CHECK(e.code() == tc::error_code::bad_code);
        CHECK(e.line() == 12);
        CHECK(e.field() == "IPCR Classifications");
        CHECK(e.message() == "invalid IPC/CPC code 'G06T 7/0': bad_subgroup at character 8");
    }
}

TEST_CASE("ipc_code: order is canonical symbol order") {
    // In the order of the CPC title list (hand-checked against section G and H files).
    const std::vector<std::string> sorted = {
        "A",          "A01",        "A01B",        "A01B 1/00",    "A01B 1/02", "A01B 3/00",
        "A61K",       "A61K 8/00",  "A61K 38/00",  "A61K 2300/00", "G01B 3/00", "G01B 3/002",
        "G01B 3/004", "G01B 3/02",  "G01B 3/04",   "G01B 3/10",    "G06T 7/00", "G06T 7/246",
        "G06T 7/30",  "H04N 5/232", "H04N 5/2321", "H04N 5/233",   "Y02E",      "Y02E 10/50"};
    std::vector<ipc_code> codes;
    for (const auto& s : sorted) codes.push_back(parse_ipc(s));
    for (std::size_t i = 1; i < codes.size(); ++i) {
        CAPTURE(sorted[i]);
        CHECK(codes[i - 1] < codes[i]);
    }
    std::vector<ipc_code> shuffled = codes;
    std::mt19937 gen(7);
    std::shuffle(shuffled.begin(), shuffled.end(), gen);
    std::sort(shuffled.begin(), shuffled.end());
    CHECK(shuffled == codes);
    CHECK(ipc_code{} < codes.front());
}

TEST_CASE("ipc_code: truncation and containment") {
    const ipc_code c = parse_ipc("G06T 7/246");
    CHECK(c.truncate(ipc_level::subgroup) == c);
    CHECK(c.truncate(ipc_level::main_group).to_string() == "G06T 7/00");
    CHECK(c.truncate(ipc_level::main_group).level() == ipc_level::main_group);
    CHECK(c.truncate(ipc_level::subclass).to_string() == "G06T");
    CHECK(c.truncate(ipc_level::class_).to_string() == "G06");
    CHECK(c.truncate(ipc_level::section).to_string() == "G");
    CHECK(c.truncate(ipc_level::subclass) == parse_ipc("G06T"));
    const ipc_code sub = parse_ipc("G06T");
    CHECK_THROWS_AS(sub.truncate(ipc_level::main_group), tc::invalid_argument);
    CHECK_THROWS_AS(ipc_code{}.truncate(ipc_level::section), tc::invalid_argument);
    CHECK(sub.contains(c));
    CHECK(parse_ipc("G06T 7/00").contains(c));
    CHECK_FALSE(parse_ipc("G06T 7/24").contains(c));  // subgroups contain only themselves
    CHECK_FALSE(parse_ipc("G06F").contains(c));
    CHECK_FALSE(c.contains(sub));
    CHECK(c.has(ipc_level::subgroup));
    CHECK_FALSE(sub.has(ipc_level::main_group));
}

TEST_CASE("ipc_code: from_fields, bits and hashing") {
    const ipc_code c = ipc_code::from_fields(ipc_level::subgroup, 'h', 4, 'n', 5, 232000);
    CHECK(c == parse_ipc("H04N 5/232"));
    CHECK(ipc_code::from_bits(c.bits()) == c);
    CHECK(ipc_code::from_bits(0).empty());
    CHECK_THROWS_AS(ipc_code::from_bits(c.bits() + 1), tc::invalid_argument);  // level 5
    CHECK_THROWS_AS(ipc_code::from_fields(ipc_level::class_, 'I', 4), tc::invalid_argument);
    CHECK_THROWS_AS(ipc_code::from_fields(ipc_level::class_, 'G', 100), tc::invalid_argument);
    CHECK_THROWS_AS(ipc_code::from_fields(ipc_level::main_group, 'G', 6, 'T', 10000),
                    tc::invalid_argument);
    CHECK_THROWS_AS(ipc_code::from_fields(ipc_level::subgroup, 'G', 6, 'T', 7, 0),
                    tc::invalid_argument);
    std::unordered_set<ipc_code> set{parse_ipc("G06T7/00"), parse_ipc("G06T 7/00"),
                                     parse_ipc("G06T0007000000"), parse_ipc("G06F")};
    CHECK(set.size() == 2);
}

TEST_CASE("ipc_code: property: random valid codes survive format -> parse in every format") {
    std::mt19937_64 gen(20240319);
    std::uniform_int_distribution<int> lvl(0, 4), sec(0, 8), cls(1, 99), letter(0, 25),
        group(1, 9999), digits(2, 6);
    const char sections[] = "ABCDEFGHY";
    std::set<ipc_code> seen;
    for (int n = 0; n < 20000; ++n) {
        const auto l = static_cast<ipc_level>(lvl(gen));
        std::uint32_t sub = 0;
        if (l == ipc_level::subgroup) {
            const int k = digits(gen);
            std::uint32_t p = 1;
            for (int i = 0; i < k; ++i) p *= 10;
            std::uniform_int_distribution<std::uint32_t> d(1, p - 1);
            sub = d(gen) * (1000000 / p);
        }
        const ipc_code c = ipc_code::from_fields(
            l, sections[sec(gen)], static_cast<unsigned>(cls(gen)),
            static_cast<char>('A' + letter(gen)), static_cast<unsigned>(group(gen)), sub);
        seen.insert(c);
        for (ipc_format f :
             {ipc_format::canonical, ipc_format::compact, ipc_format::padded, ipc_format::wipo14}) {
            const std::string s = c.to_string(f);
            CAPTURE(s);
            REQUIRE(s.size() <= ipc_code::max_text_size);
            const auto back = try_parse_ipc(s);
            REQUIRE(back.has_value());
            CHECK(*back == c);
        }
        // lower case and a version suffix too
        std::string lower = c.to_string();
        for (char& ch : lower)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        REQUIRE(try_parse_ipc(lower + " (2019.01)").has_value());
        CHECK(*try_parse_ipc(lower + " (2019.01)") == c);
    }
    // std::set order equals the order of the canonical text compared level by level:
    // check against a hand-written key (section, class, subclass, group, subgroup fraction, level).
    auto key = [](ipc_code c) {
        return std::make_tuple(c.section(), c.class_number(), c.subclass(), c.main_group(),
                               c.subgroup(), static_cast<int>(c.level()));
    };
    ipc_code prev{};
    for (ipc_code c : seen) {
        if (!prev.empty()) CHECK(key(prev) < key(c));
        prev = c;
    }
}

TEST_CASE("ipc_from_parts: USPTO classification-ipcr elements") {
    using tc::classification::ipc_from_parts;
    using tc::classification::parse_ipc_parts;
    CHECK(parse_ipc_parts("H", "05", "K", "3", "02") == parse_ipc("H05K 3/02"));
    CHECK(parse_ipc_parts(" B ", "26", "D", "1", "14") == parse_ipc("B26D 1/14"));
    CHECK(parse_ipc_parts("G", "06", "F", "", "") == parse_ipc("G06F"));
    CHECK(parse_ipc_parts("a", "61", "k", "38", "00") == parse_ipc("A61K 38/00"));
    CHECK(ipc_from_parts("H", "04", "N", "5", "").error == ipc_errc::bad_subgroup);
    try {
        parse_ipc_parts("H", "4", "N", "5", "232");
        FAIL("no throw");
    } catch (const tc::parse_error& e) {
        CHECK(e.code() == tc::error_code::bad_code);
        CHECK(std::string(e.what()).find("'H|4|N|5|232'") != std::string::npos);
    }
}

TEST_CASE("ipc lists: Lens double-semicolon lists, generic separators, unique, collected errors") {
    using namespace tc::classification;
    CHECK(parse_ipc_list("G06T7/00;;H04N5/232;; ;;G06F3/01") ==
          std::vector<ipc_code>{parse_ipc("G06T 7/00"), parse_ipc("H04N 5/232"),
                                parse_ipc("G06F 3/01")});
    CHECK(parse_ipc_list("").empty());
    ipc_list_options o;
    o.separator = ";,|";
    o.mode = separator_mode::any_char;
    CHECK(parse_ipc_list("G06T 7/00 (2006.01), H04N 5/232|G06F 3/01", o).size() == 3);
    CHECK_THROWS_AS(parse_ipc_list("G06T7/00;;X99"), tc::parse_error);

    ipc_list_options c;
    c.on_error = ipc_error_policy::collect;
    c.unique = true;
    c.max_error_samples = 1;
    std::vector<ipc_code> out;
    ipc_list_report rep;
    const tc::source_location where{"lens.csv", 5, 25, 4, "IPCR Classifications"};
    CHECK(parse_ipc_list_into("G06T7/00;;X99;;G06T 7/00;;H04N5/2;;H04N5/232", where, out, rep, c) ==
          2);
    CHECK(parse_ipc_list_into("G06F", out, rep, c) == 1);
    CHECK(out.size() == 3);
    CHECK(rep.lists == 2);
    CHECK(rep.parsed == 3);
    CHECK(rep.failed == 2);
    CHECK(rep.duplicates == 1);
    REQUIRE(rep.samples.size() == 1);
    CHECK(rep.samples[0].text == "X99");
    CHECK(rep.samples[0].error == ipc_errc::bad_section);
    CHECK(rep.samples[0].where.record == 4);
    ipc_list_report total;
    total.merge(rep);
    total.merge(rep);
    CHECK(total.failed == 4);
    CHECK(total.samples.size() == 2);
}
