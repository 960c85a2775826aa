// SPDX-License-Identifier: BSL-1.0
// The column rule of the indicator matrix (io::choose_indicator_columns) on
// presence counts worked out by hand, the same counts summed from two parts
// of the records (what the ranks of `mpirun techconv keycore` sum), and the steps of
// io::indicator_matrix_of against indicator_matrix on five hand-built records.
#include <doctest/doctest.h>

#include <vector>

#include <techconv/analysis/indicators.hpp>
#include <techconv/analysis/record_source.hpp>
#include <techconv/records/patent.hpp>

namespace tio = techconv::io;
namespace ta = techconv::analysis;
using ind = tio::indicator;

namespace {

// Five records stating counts only (no list fields, so row_indicators is their counts):
//   r0: claims 3, backward 1
//   r1: claims 5
//   r2: claims 2, backward 4, family_size 1
//   r3: claims 7, backward 0
//   r4: claims 1
// By hand: claims  have 5 lack 0; backward_citations have 3 lack 2; family_size have 1 lack 4;
// the other six indicators have 0 lack 5 (absent).
std::vector<tio::patent_record> five() {
    std::vector<tio::patent_record> v(5);
    const long long claims[5] = {3, 5, 2, 7, 1};
    for (std::size_t i = 0; i < 5; ++i) {
        v[i].id = "R" + std::to_string(i);
        v[i].source_line = i + 2;
        v[i].counts.set(ind::claims, claims[i]);
    }
    v[0].counts.set(ind::backward_citations, 1);
    v[2].counts.set(ind::backward_citations, 4);
    v[3].counts.set(ind::backward_citations, 0);
    v[2].counts.set(ind::family_size, 1);
    return v;
}

tio::indicator_presence presence(const std::vector<tio::patent_record>& v, std::size_t b, std::size_t e) {
    tio::indicator_presence p;
    for (std::size_t i = b; i < e; ++i) p.add(tio::record_indicators(v[i]));
    return p;
}

}  // namespace

TEST_CASE("choose_indicator_columns: the column rule on presence counts counted by hand") {
    tio::indicator_presence p;
    p.have[tio::position(ind::claims)] = 5;
    p.have[tio::position(ind::backward_citations)] = 3;
    p.lack[tio::position(ind::backward_citations)] = 2;
    p.have[tio::position(ind::family_size)] = 1;
    p.lack[tio::position(ind::family_size)] = 4;
    for (const auto i : tio::all_indicators)
        if (i != ind::claims && i != ind::backward_citations && i != ind::family_size) p.lack[tio::position(i)] = 5;

    const std::vector<ind> absent = {ind::npl_citations, ind::forward_citations, ind::technology_classes,
                                     ind::applicants, ind::filing_countries, ind::developed_filing_countries};
    SUBCASE("drop-record (default): every indicator some record has is a column, in [KCT] order") {
        const auto c = tio::choose_indicator_columns(p);
        CHECK(c.columns == std::vector<ind>{ind::backward_citations, ind::claims, ind::family_size});
        CHECK(c.absent == absent);
        CHECK(c.incomplete.empty());
        CHECK(c.missing_counts[tio::position(ind::backward_citations)] == 2);
        CHECK(c.missing_counts[tio::position(ind::family_size)] == 4);
        CHECK(c.missing_counts[tio::position(ind::claims)] == 0);
        CHECK(c.missing_counts[tio::position(ind::applicants)] == 0);  // absent: not counted
    }
    SUBCASE("drop-indicator: an indicator some record lacks is left out as incomplete") {
        tio::indicator_options o;
        o.missing = tio::missing_policy::drop_indicator;
        const auto c = tio::choose_indicator_columns(p, o);
        CHECK(c.columns == std::vector<ind>{ind::claims});
        CHECK(c.incomplete == std::vector<ind>{ind::backward_citations, ind::family_size});
        CHECK(c.absent == absent);
    }
    SUBCASE("a selection keeps its own order and leaves the rest out") {
        tio::indicator_options o;
        o.select = {ind::family_size, ind::applicants, ind::claims};
        const auto c = tio::choose_indicator_columns(p, o);
        CHECK(c.columns == std::vector<ind>{ind::family_size, ind::claims});
        CHECK(c.absent == std::vector<ind>{ind::applicants});
    }
    SUBCASE("no record at all: everything absent") {
        const auto c = tio::choose_indicator_columns(tio::indicator_presence{});
        CHECK(c.columns.empty());
        CHECK(c.absent.size() == tio::indicator_count);
    }
}

TEST_CASE("indicator_presence counts records, and counts of two parts merge to those of the whole") {
    const auto v = five();
    const auto whole = presence(v, 0, 5);
    CHECK(whole.have[tio::position(ind::claims)] == 5);
    CHECK(whole.have[tio::position(ind::backward_citations)] == 3);
    CHECK(whole.lack[tio::position(ind::backward_citations)] == 2);
    CHECK(whole.have[tio::position(ind::family_size)] == 1);
    CHECK(whole.lack[tio::position(ind::applicants)] == 5);
    auto parts = presence(v, 0, 2);
    parts.merge(presence(v, 2, 5));
    CHECK(parts.have == whole.have);
    CHECK(parts.lack == whole.lack);
}

TEST_CASE("indicator_table_of with columns chosen from all records, on a part, gives that part's rows") {
    const auto v = five();
    for (const auto policy : {tio::missing_policy::drop_record, tio::missing_policy::zero,
                              tio::missing_policy::drop_indicator}) {
        CAPTURE(tio::to_string(policy));
        tio::indicator_options o;
        o.missing = policy;
        const auto ref = tio::indicator_matrix(v, o);
        const auto cols = tio::choose_indicator_columns(presence(v, 0, 5), o);
        CHECK(cols.columns == ref.columns);
        // the last three records alone, with the columns of all five
        const std::vector<tio::patent_record> tail(v.begin() + 2, v.end());
        ta::vector_source src(tail);
        const auto part = tio::indicator_table_of(src, tio::source_indicators(src, o), cols, o);
        CHECK(part.columns == ref.columns);
        // ref rows at input 2..4 are this part's rows 0..2
        std::vector<std::size_t> want;
        for (std::size_t k = 0; k < ref.rows.size(); ++k)
            if (ref.rows[k] >= 2) want.push_back(ref.rows[k] - 2);
        CHECK(part.rows == want);
        REQUIRE(part.values.rows() == static_cast<techconv::index>(want.size()));
        CHECK(part.values == ref.values.bottomRows(part.values.rows()));
    }
    // by hand, drop-record: columns backward, claims, family_size; only r2 has all three
    tio::indicator_options o;
    const auto ref = tio::indicator_matrix(v, o);
    CHECK(ref.rows == std::vector<std::size_t>{2});
    CHECK(ref.dropped_records == 4);
    CHECK(ref.values(0, 0) == 4.0);
    CHECK(ref.values(0, 1) == 2.0);
    CHECK(ref.values(0, 2) == 1.0);
    // fail names the first record lacking a value: r0 lacks family_size
    o.missing = tio::missing_policy::fail;
    ta::vector_source src(v);
    CHECK_THROWS_WITH_AS(tio::indicator_table_of(src, tio::source_indicators(src, o),
                                                 tio::choose_indicator_columns(presence(v, 0, 5), o), o),
                         doctest::Contains("'R0' (line 2) has no value of family_size"),
                         techconv::invalid_argument);
}
