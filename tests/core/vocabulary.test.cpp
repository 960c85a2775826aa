// SPDX-License-Identifier: BSL-1.0
// vocabulary.hpp and the name tables of the option enums: every value's name reads back
// as the value, '-' and '_' are the same character, and an unknown name is an
// invalid_argument that names what was asked for and lists the accepted names. The
// expected names are the ones the command and its reports print (docs/cli.md).
#include <doctest/doctest.h>

#include <string>

#include <techconv/analysis/indicators.hpp>
#include <techconv/classification/ipc.hpp>
#include <techconv/closeness/counting.hpp>
#include <techconv/cograph/centrality.hpp>
#include <techconv/records/incidence.hpp>
#include <techconv/vocabulary.hpp>

namespace {

namespace tc = techconv;

// The message of the invalid_argument that `f` throws ("" when it throws none).
template <class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const tc::invalid_argument& e) {
        return e.what();
    }
    return {};
}

enum class colour { red, dark_blue };
constexpr tc::named<colour> colour_names[] = {{colour::red, "red"}, {colour::dark_blue, "dark_blue"}};

}  // namespace

TEST_CASE("vocabulary: names read both ways, '-' and '_' alike, unknown names listed") {
    CHECK(tc::same_name("main-group", "main_group"));
    CHECK(tc::same_name("main_group", "main-group"));
    CHECK_FALSE(tc::same_name("main group", "main_group"));
    CHECK_FALSE(tc::same_name("main", "main_group"));
    CHECK(tc::name_of(colour::dark_blue, colour_names) == "dark_blue");
    CHECK(tc::from_name("dark-blue", colour_names, "colour") == colour::dark_blue);
    CHECK(tc::names_list(colour_names) == "red, dark_blue");
    CHECK(message_of([] { tc::from_name("Red", colour_names, "colour"); }) ==
          "techconv: unknown colour 'Red' (red, dark_blue)");
}

TEST_CASE("vocabulary: ipc_level round trip and error") {
    using tc::classification::ipc_level;
    for (const auto l : {ipc_level::section, ipc_level::class_, ipc_level::subclass, ipc_level::main_group,
                         ipc_level::subgroup})
        CHECK(tc::classification::ipc_level_from_string(tc::classification::to_string(l)) == l);
    CHECK(tc::classification::ipc_level_from_string("main-group") == ipc_level::main_group);
    CHECK(message_of([] { tc::classification::ipc_level_from_string("group"); }) ==
          "techconv: unknown IPC level 'group' (section, class, subclass, main_group, subgroup)");
}

TEST_CASE("vocabulary: counting round trip, one meaning per name, and error") {
    using tc::records::counting;
    for (const auto c : {counting::full, counting::fractional, counting::link_fractional})
        CHECK(tc::records::counting_from_string(tc::records::to_string(c)) == c);
    // "fractional" is 2/(k(k-1)) and "link_fractional" 1/(k-1) (records/incidence.hpp table):
    // k = 3 gives 1/3 and 1/2.
    CHECK(tc::records::pair_weight(tc::records::counting_from_string("fractional"), 3) == doctest::Approx(1.0 / 3.0));
    CHECK(tc::records::pair_weight(tc::records::counting_from_string("link-fractional"), 3) == doctest::Approx(0.5));
    CHECK(message_of([] { tc::records::counting_from_string("fractionnal"); }) ==
          "techconv: unknown counting 'fractionnal' (full, fractional, link_fractional)");
}

TEST_CASE("vocabulary: closeness denominator round trip and error") {
    using tc::closeness::denominator;
    CHECK(tc::closeness::to_string(denominator::international) == "international");
    CHECK(tc::closeness::to_string(denominator::all_records) == "all");
    for (const auto d : {denominator::international, denominator::all_records})
        CHECK(tc::closeness::denominator_from_string(tc::closeness::to_string(d)) == d);
    CHECK(tc::closeness::denominator_from_string("all_records") == denominator::all_records);
    CHECK(message_of([] { tc::closeness::denominator_from_string("every"); }) ==
          "techconv: unknown denominator 'every' (international, all, all_records)");
}

TEST_CASE("vocabulary: weight_meaning round trip and error") {
    using tc::cograph::weight_meaning;
    for (const auto m : {weight_meaning::similarity, weight_meaning::distance, weight_meaning::ignore})
        CHECK(tc::cograph::weight_meaning_from_string(tc::cograph::to_string(m)) == m);
    CHECK(message_of([] { tc::cograph::weight_meaning_from_string("length"); }) ==
          "techconv: unknown weight meaning 'length' (similarity, distance, ignore)");
}

TEST_CASE("vocabulary: missing_policy round trip and error") {
    using tc::io::missing_policy;
    for (const auto p : {missing_policy::drop_record, missing_policy::drop_indicator, missing_policy::zero,
                         missing_policy::fail})
        CHECK(tc::io::missing_policy_from_string(tc::io::to_string(p)) == p);
    CHECK(tc::io::to_string(missing_policy::drop_record) == "drop-record");
    CHECK(tc::io::missing_policy_from_string("drop_indicator") == missing_policy::drop_indicator);
    CHECK(message_of([] { tc::io::missing_policy_from_string("skip"); }) ==
          "techconv: unknown missing-value policy 'skip' (drop-record, drop-indicator, zero, fail)");
}
