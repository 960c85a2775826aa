// SPDX-License-Identifier: BSL-1.0
// records::label_pool (records/labels.hpp): first-seen ids, de-duplication,
// the empty string, growth past many rehashes. Expected ids are the order in
// which the test interns the strings (the pool's documented rule).
#include <doctest/doctest.h>

#include <string>

#include <techconv/records/labels.hpp>

using techconv::records::label_pool;

TEST_CASE("label_pool: ids in first-seen order, repeats give the first id") {
    label_pool p;
    CHECK(p.empty());
    CHECK(p.find("US") == label_pool::npos);
    CHECK(p.intern("US") == 0);
    CHECK(p.intern("CN") == 1);
    CHECK(p.intern("US") == 0);
    CHECK(p.intern("DE") == 2);
    CHECK(p.intern("CN") == 1);
    CHECK(p.size() == 3);
    CHECK(p.view(0) == "US");
    CHECK(p.view(1) == "CN");
    CHECK(p.view(2) == "DE");
    CHECK(p.find("DE") == 2);
    CHECK(p.find("FR") == label_pool::npos);
    CHECK_FALSE(p.contains("us"));  // case matters: labels are bytes
}

TEST_CASE("label_pool: the empty string is a label, distinct from the others") {
    label_pool p;
    CHECK(p.intern("A") == 0);
    CHECK(p.intern("") == 1);
    CHECK(p.intern("") == 1);
    CHECK(p.view(1).empty());
    CHECK(p.find("") == 1);
    CHECK(p.size() == 2);
}

TEST_CASE("label_pool: 200000 labels keep their ids through every rehash") {
    label_pool p;
    const int n = 200000;
    for (int i = 0; i < n; ++i) CHECK_EQ(p.intern("label-" + std::to_string(i)), static_cast<unsigned>(i));
    REQUIRE(p.size() == static_cast<std::size_t>(n));
    int wrong = 0;
    for (int i = 0; i < n; ++i) {
        const std::string s = "label-" + std::to_string(i);
        wrong += p.find(s) == static_cast<unsigned>(i) ? 0 : 1;
        wrong += p.view(static_cast<unsigned>(i)) == s ? 0 : 1;
        wrong += p.intern(s) == static_cast<unsigned>(i) ? 0 : 1;
    }
    CHECK(wrong == 0);
    CHECK(p.size() == static_cast<std::size_t>(n));
    // Storage: at least the bytes of the labels ("label-0".."label-199999": 6 + digits each).
    std::size_t chars = 0;
    for (int i = 0; i < n; ++i) chars += 6 + std::to_string(i).size();
    CHECK(p.memory_bytes() >= chars + n * sizeof(std::uint64_t));
}

TEST_CASE("label_pool: the same strings in the same order give the same ids") {
    label_pool a, b;
    const char* words[] = {"x", "y", "x", "z", "", "y", "w"};
    for (const char* w : words) CHECK(a.intern(w) == b.intern(w));
    REQUIRE(a.size() == 5);
    for (std::uint32_t i = 0; i < a.size(); ++i) CHECK(a.view(i) == b.view(i));
}

TEST_CASE("label_pool: reserve keeps ids, views and lookups, and holds the slots asked for") {
    label_pool p;
    CHECK(p.intern("kept") == 0);
    p.reserve(5000);  // 2 * 5000 slots rounded up to a power of two: 16384 four-byte slots
    CHECK(p.memory_bytes() >= 16384 * sizeof(std::uint32_t) + 5000 * sizeof(std::uint64_t));
    CHECK(p.find("kept") == 0);
    CHECK(p.view(0) == "kept");
    const std::size_t after_reserve = p.memory_bytes();
    for (int i = 1; i < 5000; ++i) CHECK_EQ(p.intern("k" + std::to_string(i)), static_cast<unsigned>(i));
    for (int i = 1; i < 5000; ++i) CHECK_EQ(p.find("k" + std::to_string(i)), static_cast<unsigned>(i));
    CHECK(p.intern("kept") == 0);
    // no growth of the slots or the offsets: only the arena of bytes may have grown
    std::size_t chars = 4;
    for (int i = 1; i < 5000; ++i) chars += 1 + std::to_string(i).size();
    CHECK(p.memory_bytes() <= after_reserve + 2 * chars);
    p.reserve(10);  // smaller than held: nothing changes
    CHECK(p.find("k4999") == 4999);
}
