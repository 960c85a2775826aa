// SPDX-License-Identifier: BSL-1.0
// The [KCT] key-core analysis (analysis/keycore.hpp, analysis/kct_indicators.hpp).
// Expected values are computed by hand in the comments from the [KCT] steps
// of METHODS.md §1 (min-max, p = x'/sum x', e = -(1/ln n) sum p ln p,
// w = d / sum d, s = sum w x') and §3 (shares of a group's key core).
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <techconv/analysis/keycore.hpp>
#include <techconv/io/canonical_csv.hpp>
#include <techconv/testing/synthetic.hpp>

#include "test_support.hpp"

namespace ta = techconv::analysis;
namespace tio = techconv::io;
namespace tw = techconv::weighting;
using idx = techconv::index;

namespace {

tio::patent_record make(const std::string& id, const std::string& country, std::int64_t claims, std::int64_t forward,
                        std::vector<std::string> ipc, const std::string& applicant, tio::applicant_type type) {
    tio::patent_record r;
    r.id = id;
    r.application_year = 2020;
    r.applicants = {{applicant, type, country}};
    r.ipc = std::move(ipc);
    r.counts.set(tio::indicator::claims, claims);
    r.counts.set(tio::indicator::forward_citations, forward);
    return r;
}

// Four records, two indicators (fields flags unset: nothing else is derived).
//   claims  [0, 0, 0, 1] -> x' = [0, 0, 0, 1], p = [0, 0, 0, 1], e = 0, d = 1
//   forward [0, 1, 1, 0] -> x' = [0, 1, 1, 0], p = [0, .5, .5, 0],
//           e = -(2 * .5 ln .5) / ln 4 = ln 2 / ln 4 = 0.5, d = 0.5
//   w = [1 / 1.5, 0.5 / 1.5] = [2/3, 1/3]; s = [0, 1/3, 1/3, 2/3]
std::vector<tio::patent_record> four() {
    return {make("R0", "JP", 0, 0, {"G06F 3/01"}, "SONY CORP", tio::applicant_type::company),
            make("R1", "JP", 0, 1, {"G06F 3/01", "XYZ"}, "TOKYO UNIV", tio::applicant_type::university),
            make("R2", "US", 0, 1, {"H04N 5/232"}, "ACME INC", tio::applicant_type::company),
            make("R3", "US", 1, 0, {"G06F 17/30", "H04N 5/232", "G06F 17/40"}, "ACME INC",
                 tio::applicant_type::company)};
}

}  // namespace

TEST_CASE("kct_indicator_tree: the tree parse() builds from the text, without the text") {
    const std::vector<tio::indicator> cols = {tio::indicator::backward_citations, tio::indicator::claims,
                                              tio::indicator::forward_citations, tio::indicator::family_size,
                                              tio::indicator::filing_countries};
    const auto t = ta::kct_indicator_tree(cols);
    const auto p = tw::indicator_tree::parse(
        "fundamentality: backward_citations, claims; coreness: forward_citations; strategic: family_size, "
        "filing_countries",
        {"backward_citations", "claims", "forward_citations", "family_size", "filing_countries"}, "key core");
    REQUIRE(t.size() == p.size());
    for (idx i = 0; i < t.size(); ++i) {
        CHECK(t.node(i).name == p.node(i).name);
        CHECK(t.node(i).level == p.node(i).level);
        CHECK(t.node(i).parent == p.node(i).parent);
        CHECK(t.node(i).column == p.node(i).column);
        CHECK(t.node(i).children == p.node(i).children);
    }
    CHECK_THROWS_AS(ta::kct_indicator_tree({tio::indicator::claims, tio::indicator::claims}), techconv::invalid_argument);
}

TEST_CASE("key_core: weights, scores, ranks, sub-scores and top rows by hand") {
    const auto recs = four();
    ta::key_core_options o;
    o.fraction = 0.5;  // k = ceil(0.5 * 4) = 2
    o.grouping.by_country = true;
    const auto r = ta::key_core(recs, o);
    REQUIRE(r.columns == std::vector<tio::indicator>{tio::indicator::claims, tio::indicator::forward_citations});
    CHECK(r.absent.size() == 7);
    CHECK(r.dropped == 0);
    CHECK(r.weighting.entropy[0] == doctest::Approx(0.0));
    CHECK(r.weighting.entropy[1] == doctest::Approx(0.5));
    CHECK(r.weighting.weights[0] == doctest::Approx(2.0 / 3.0));
    CHECK(r.weighting.weights[1] == doctest::Approx(1.0 / 3.0));
    CHECK(r.scores[0] == doctest::Approx(0.0));
    CHECK(r.scores[1] == doctest::Approx(1.0 / 3.0));
    CHECK(r.scores[2] == doctest::Approx(1.0 / 3.0));
    CHECK(r.scores[3] == doctest::Approx(2.0 / 3.0));
    // ranks: R3 first, then the tie R1/R2 in input order, R0 last
    CHECK(r.ranks[0] == 4);
    CHECK(r.ranks[1] == 2);
    CHECK(r.ranks[2] == 3);
    CHECK(r.ranks[3] == 1);
    CHECK(r.k == 2);
    CHECK(r.threshold == doctest::Approx(1.0 / 3.0));
    CHECK(r.in_key_core(1));
    CHECK_FALSE(r.in_key_core(2));

    // Table 1 layout: all nine, present ones weighted; level-2 = sum of children
    REQUIRE(r.weights.size() == 9);
    CHECK(r.weights[2].indicator == tio::indicator::claims);
    CHECK(r.weights[2].group == "fundamentality");
    CHECK(r.weights[2].present);
    CHECK(r.weights[2].weight == doctest::Approx(2.0 / 3.0));
    CHECK(r.weights[3].group == "coreness");
    CHECK(r.weights[3].entropy == doctest::Approx(0.5));
    CHECK_FALSE(r.weights[0].present);
    CHECK(r.weights[8].group == "strategic");
    REQUIRE(r.group_weights.size() == 2);
    CHECK(r.group_weights[0].group == "fundamentality");
    CHECK(r.group_weights[0].weight == doctest::Approx(2.0 / 3.0));
    CHECK(r.group_weights[1].group == "coreness");

    // sub-scores: fundamentality = (2/3) x'_claims, coreness = (1/3) x'_forward; rows sum to the score
    CHECK(r.subscores.groups == std::vector<std::string>{"fundamentality", "coreness"});
    CHECK(r.subscores.values(3, 0) == doctest::Approx(2.0 / 3.0));
    CHECK(r.subscores.values(3, 1) == doctest::Approx(0.0));
    CHECK(r.subscores.values(1, 1) == doctest::Approx(1.0 / 3.0));
    for (idx i = 0; i < 4; ++i)
        CHECK(r.subscores.values(i, 0) + r.subscores.values(i, 1) == doctest::Approx(r.scores[i]));

    REQUIRE(r.top.size() == 4);  // min(20, 4)
    CHECK(r.top[0].id == "R3");
    CHECK(r.top[0].group == "US");
    CHECK(r.top[0].year == 2020);
    CHECK(r.top[1].id == "R1");
    CHECK(r.top[1].record == 1);
    CHECK(r.top[1].sub.size() == 2);
    CHECK(r.groups == std::vector<std::string>{"JP", "JP", "US", "US"});
}

TEST_CASE("key_core: group profiles and the industry table by hand") {
    const auto recs = four();
    techconv::classification::concordance c;
    c.add_rule("G06F", "Computer technology");
    c.add_rule("H04N", "Audio-visual technology");
    c.add_rule("G06F 17/40", "Measurement");  // a subgroup: longest prefix gives 17/40 this one only
    ta::key_core_options o;
    o.fraction = 0.5;
    o.grouping.by_country = true;
    o.industries = &c;
    const auto r = ta::key_core(recs, o);
    // key core: R3 (US) and R1 (JP); both groups have 2 records and 1 key-core record
    REQUIRE(r.profiles.size() == 2);
    const auto& us = r.profiles[0].group == "US" ? r.profiles[0] : r.profiles[1];
    const auto& jp = r.profiles[0].group == "US" ? r.profiles[1] : r.profiles[0];
    CHECK(us.records == 2);
    CHECK(us.key_core == 1);
    CHECK(us.key_core_share == doctest::Approx(0.5));  // 1 of k = 2
    // R3: subclasses G06F (main), H04N -> 1 main, 2 all, CI = (1 - 2) / 1
    CHECK(us.main_codes == 1);
    CHECK(us.all_codes == 2);
    CHECK(us.convergence_index == doctest::Approx(-1.0));
    CHECK(us.company_share == doctest::Approx(1.0));
    CHECK(us.industries == 3);  // R3: Computer (G06F 17/30), Audio-visual, Measurement (G06F 17/40)
    // R1: "XYZ" is not an IPC symbol and is left out: one subclass, G06F
    CHECK(jp.all_codes == 1);
    CHECK(jp.company_share == doctest::Approx(0.0));  // a university
    REQUIRE(jp.top_applicants.size() == 1);
    CHECK(jp.top_applicants[0].key == "TOKYO UNIV");

    // industries.csv rows: per group (profile order), records descending, then name
    std::vector<ta::industry_row> want;
    for (const auto& g : r.profiles) {
        if (g.group == "US") {
            want.push_back({"US", "Audio-visual technology", 1, 1.0});
            want.push_back({"US", "Computer technology", 1, 1.0});
            want.push_back({"US", "Measurement", 1, 1.0});
        } else {
            want.push_back({"JP", "Computer technology", 1, 1.0});
        }
    }
    REQUIRE(r.industries.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        CHECK(r.industries[i].group == want[i].group);
        CHECK(r.industries[i].industry == want[i].industry);
        CHECK(r.industries[i].records == want[i].records);
        CHECK(r.industries[i].share == doctest::Approx(want[i].share));
    }
    // without a concordance: no table, the same profiles otherwise
    o.industries = nullptr;
    const auto r2 = ta::key_core(recs, o);
    CHECK(r2.industries.empty());
    CHECK(r2.profiles[0].all_codes == r.profiles[0].all_codes);
}

TEST_CASE("key_core: diversity indices of each group by hand") {
    const auto recs = four();
    ta::key_core_options o;
    o.fraction = 1.0;  // every record is key core (k = 4): the US group is R2 and R3
    o.grouping.by_country = true;
    const auto r = ta::key_core(recs, o);
    REQUIRE(r.diversity.size() == r.profiles.size());
    const std::size_t us = r.profiles[0].group == "US" ? 0 : 1;
    const auto& d = r.diversity[us];
    // main subclasses: R2 H04N, R3 G06F -> counts {1, 1}, p = {1/2, 1/2}
    CHECK(d.records == 2);
    CHECK(d.main_subclasses == 2);
    CHECK(d.shannon == doctest::Approx(std::log(2.0)));
    CHECK(d.simpson == doctest::Approx(0.5));
    CHECK(d.gini_simpson == doctest::Approx(0.5));
    CHECK(d.hhi == doctest::Approx(0.5));
    CHECK(d.hill2 == doctest::Approx(2.0));
    CHECK(d.cr4 == doctest::Approx(1.0));
    // co-occurrence over all codes: H04N on R2 and R3 (2), G06F on R3 (1), both on R3 (1):
    // cosine = 1 / sqrt(1 * 2), d = 1 - 1/sqrt(2); ordered pairs: 2 * d * (1/2)(1/2)
    CHECK(d.rao_stirling == doctest::Approx(0.5 * (1.0 - 1.0 / std::sqrt(2.0))));
    // one applicant (ACME INC) on both records
    CHECK(d.applicants == 1);
    CHECK(d.applicant_hhi == doctest::Approx(1.0));
    CHECK(d.applicant_cr4 == doctest::Approx(1.0));
    // JP: R0 and R1, both main G06F, two applicants with one record each
    const auto& j = r.diversity[1 - us];
    CHECK(j.main_subclasses == 1);
    CHECK(j.shannon == doctest::Approx(0.0));
    CHECK(j.rao_stirling == doctest::Approx(0.0));
    CHECK(j.applicant_hhi == doctest::Approx(0.5));
}

TEST_CASE("record_subclasses and record_group") {
    tio::patent_record r;
    r.ipc = {"H04N 5/232", "G06F 17/30", "H04N 7/18", "G06", "bad"};
    // subclasses of the parseable codes at subclass level or below, main code's first, distinct
    CHECK(ta::record_subclasses(r) == std::vector<std::string>{"H04N", "G06F"});
    ta::record_grouping g;
    CHECK(ta::record_group(r, g) == "all");
    g.by_country = true;
    CHECK(ta::record_group(r, g) == "(unknown)");
    r.jurisdiction = "KR";
    CHECK(ta::record_group(r, g) == "KR");
}

TEST_CASE("key_core: too little input is an error, never NaN") {
    auto recs = four();
    recs.resize(1);
    CHECK_THROWS_AS(ta::key_core(recs), techconv::invalid_argument);
    CHECK_THROWS_AS(ta::select_key_core(recs), techconv::invalid_argument);
}

TEST_CASE("key_core: the same result for any thread count, and select_key_core agrees") {
    techconv::testing::synthetic_options so;
    so.records = 3000;
    so.seed = 3;
    const techconv::testing::synthetic_corpus corpus(so);
    std::ostringstream text;
    corpus.write_csv(text);
    std::istringstream in(text.str());
    tio::canonical_csv_reader reader(in, "synthetic");
    const auto recs = reader.read_all();
    ta::key_core_options o;
    o.grouping.by_country = true;
    const auto a = ta::key_core(recs, o);
    o.threads = 3;
    const auto b = ta::key_core(recs, o);
    CHECK(a.k == 150);  // ceil(0.05 * 3000)
    CHECK(a.scores.size() == b.scores.size());
    CHECK((a.scores.array() == b.scores.array()).all());
    CHECK((a.ranks.array() == b.ranks.array()).all());
    CHECK((a.subscores.values.array() == b.subscores.values.array()).all());
    REQUIRE(a.profiles.size() == b.profiles.size());
    for (std::size_t g = 0; g < a.profiles.size(); ++g) {
        CHECK(a.profiles[g].group == b.profiles[g].group);
        CHECK(a.profiles[g].key_core == b.profiles[g].key_core);
        CHECK(a.profiles[g].applicant_hhi == b.profiles[g].applicant_hhi);
        CHECK(a.diversity[g].rao_stirling == b.diversity[g].rao_stirling);
        CHECK(a.diversity[g].shannon == b.diversity[g].shannon);
    }
    const auto sel = ta::select_key_core(recs, o);
    CHECK(sel.k == a.k);
    for (std::size_t i = 0; i < a.rows.size(); ++i)
        CHECK((sel.mask[a.rows[i]] != 0) == a.in_key_core(static_cast<idx>(i)));
}
