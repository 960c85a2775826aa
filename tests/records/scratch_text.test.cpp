// SPDX-License-Identifier: BSL-1.0
// The reusable scratch forms of the readers' text rules (records/detail/patent_text.hpp,
// format/parse.hpp): name_key_into, normalize_code_into, split_list_into and
// scratch_unique_list must give what the allocating forms (name_key, normalize_code,
// split_list, unique_list) give, also when a scratch string or vector held a longer value
// before. Expected values: the allocating forms on the same input (and, for the lists, the
// first-of-equal rule applied by hand).
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include <techconv/format/parse.hpp>
#include <techconv/records/detail/patent_text.hpp>

namespace tio = techconv::io;

TEST_CASE("name_key_into and normalize_code_into equal name_key and normalize_code, scratch reused") {
    const std::vector<std::string> names = {"Bacon; Richard J.", "", "  SIEMENS AG ", "x", "M\xC3\xBCller-Thurgau GmbH",
                                            "a very long applicant name, inc. (formerly another)", "3M"};
    const std::vector<std::string> codes = {"a61k 35/28", "G06F 017/30", "G06N0003080000", "H01L0021027000", "",
                                            "C07D 471/04", "H04W0004000000", "not a code at all, longer"};
    std::string key = "previous content that is longer than any key here";
    for (const auto& n : names) {
        tio::detail::name_key_into(n, key);
        CHECK(key == tio::detail::name_key(n));
    }
    std::string code = "previous content that is longer than any code here";
    for (const auto& c : codes) {
        tio::detail::normalize_code_into(c, code);
        CHECK(code == tio::detail::normalize_code(c));
    }
    CHECK(tio::detail::normalize_code("G06N0003080000") == "G06N3/08");  // the rule's documented example
}

TEST_CASE("split_list_into equals split_list and empties the vector first") {
    std::vector<std::string_view> out = {"stale", "stale", "stale", "stale", "stale"};
    for (const std::string_view s : {" a ;; b;;;; c ", "", ";;", "one", "x;;y"}) {
        tio::split_list_into(s, ";;", out);
        CHECK(out == tio::split_list(s, ";;"));
    }
    tio::split_list_into("  lone  ", "", out);  // no separator: the trimmed cell
    CHECK(out == std::vector<std::string_view>{"lone"});
}

TEST_CASE("scratch_unique_list keeps the first of equal strings, below and above 32 strings") {
    tio::detail::scratch_unique_list u;
    for (int round = 0; round < 2; ++round) {  // the second round reuses the strings of the first
        u.clear();
        std::vector<std::string> kept;  // the rule by hand
        std::vector<std::string> list;  // unique_list on the same input
        tio::detail::unique_list ref(list);
        for (int i = 0; i < 100; ++i) {
            const std::string v = "s" + std::to_string((i * 7) % (40 + round));  // repeats after 40 (41)
            u.next() = v;
            const bool added = u.keep();
            bool seen = false;
            for (const auto& k : kept) seen = seen || k == v;
            if (!seen) kept.push_back(v);
            CHECK(added == !seen);
            CHECK(ref.push(v) == added);
            if (added) CHECK(u.back() == v);
        }
        CHECK(u.size() == kept.size());
        CHECK(u.size() == list.size());
    }
    u.clear();
    CHECK(u.size() == 0);
    u.next() = "dropped";  // a candidate not kept is not in the list
    u.next() = "a";
    CHECK(u.keep());
    u.next() = "dropped";
    CHECK(u.keep());
    CHECK(u.size() == 2);
}
