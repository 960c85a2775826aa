// SPDX-License-Identifier: BSL-1.0
// The key core over chosen indicators (key_core_options::chosen, issue 19 §2):
// names, the [KCT] counts and the OECD quality indicators in one matrix, and
// what happens to records without a value. Expected values are worked out by
// hand in the comments with the steps of METHODS.md §1 (min-max, p = x'/sum x',
// e = -(1/ln n) sum p ln p, w = d / sum d, s = sum w x') and the quality
// definitions of docs/analysis-quality.md.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include <techconv/analysis/keycore.hpp>
#include <techconv/records/patent_table.hpp>


namespace ta = techconv::analysis;
namespace tio = techconv::io;
using qi = techconv::analysis::quality_indicator;
using qs = techconv::analysis::quality_status;

namespace keycore_chosen_test {

tio::patent_record rec(std::string id, std::vector<std::string> ipc, std::int64_t claims,
                       std::vector<std::string> cited) {
    tio::patent_record r;
    r.id = std::move(id);
    r.ipc = std::move(ipc);
    r.publication_year = 2010;
    r.application_year = 2008;
    r.cited_patents = std::move(cited);
    r.counts.set(tio::indicator::claims, claims);
    return r;
}

// Four records of 2010 (subclasses in brackets), claims, citations:
//   A US 1000001 B2 [A01B, B02C] claims 0, cites B and C
//   B US 1000002 B2 [A01B]       claims 0
//   C US 1000003 B1 [C03C, D04B] claims 0
//   D US 1000004 B2 [C03C]       claims 1, cites A
std::vector<tio::patent_record> corpus() {
    return {rec("US 1000001 B2", {"A01B1/00", "B02C1/00"}, 0, {"US 1000002 B2", "US 1000003 B1"}),
            rec("US 1000002 B2", {"A01B3/00"}, 0, {}),
            rec("US 1000003 B1", {"C03C1/00", "D04B1/00"}, 0, {}),
            rec("US 1000004 B2", {"C03C3/00"}, 1, {"US 1000001 B2"})};
}

// The message of the invalid_argument `f` throws (empty when it throws none).
template <class F>
std::string error_text(F f) {
    try {
        f();
    } catch (const techconv::invalid_argument& e) {
        return e.what();
    }
    return {};
}

ta::keycore_indicator k(qi q, bool normalised = false) { return ta::keycore_indicator::of(q, normalised); }
ta::keycore_indicator k(tio::indicator i) { return ta::keycore_indicator::of(i); }

}  // namespace keycore_chosen_test

TEST_CASE("keycore indicators: stable names, the list parser and its errors") {
    using keycore_chosen_test::k;
    // 9 [KCT] + 9 quality + 8 normalised (breakthrough has no normalised form)
    CHECK(ta::all_keycore_indicators().size() == 26);
    CHECK(ta::to_string(k(tio::indicator::claims)) == "claims");
    CHECK(ta::to_string(k(qi::claims)) == "oecd_claims");
    CHECK(ta::to_string(k(qi::generality, true)) == "oecd_generality_normalised");
    CHECK(ta::indicator_group(k(qi::generality, true)) == "quality");
    CHECK(ta::indicator_group(k(tio::indicator::claims)) == "fundamentality");
    for (const auto x : ta::all_keycore_indicators()) CHECK(ta::keycore_indicator_from_string(ta::to_string(x)) == x);

    const auto l = ta::keycore_indicators_from_list(" claims, oecd_radicalness ,oecd_patent_scope_normalised");
    CHECK(l == std::vector<ta::keycore_indicator>{k(tio::indicator::claims), k(qi::radicalness),
                                                  k(qi::patent_scope, true)});
    const std::string bad = keycore_chosen_test::error_text(
        [] { ta::keycore_indicators_from_list("claims,oecd_generalty"); });
    CHECK(bad.find("unknown indicator 'oecd_generalty'") != std::string::npos);
    CHECK(bad.find("accepted: backward_citations, npl_citations") != std::string::npos);
    CHECK(bad.find("oecd_generality_normalised") != std::string::npos);
    CHECK(keycore_chosen_test::error_text([] {
              ta::keycore_indicators_from_list("claims,,oecd_claims");
          }).find("empty indicator name") != std::string::npos);
    CHECK(keycore_chosen_test::error_text([] {
              ta::keycore_indicators_from_list("claims,claims");
          }).find("'claims' is given twice") != std::string::npos);
    CHECK_THROWS_AS(ta::keycore_indicator_from_string("oecd_breakthrough_normalised"), techconv::invalid_argument);
}

TEST_CASE("key_core: a [KCT] count and a quality indicator weighted together, by hand") {
    using keycore_chosen_test::k;
    const auto recs = keycore_chosen_test::corpus();
    ta::key_core_options o;
    o.chosen = {k(qi::patent_scope), k(tio::indicator::claims)};
    const auto r = ta::key_core(recs, o);
    // oecd_patent_scope [2, 1, 2, 1] -> x' = [1, 0, 1, 0], p = [.5, 0, .5, 0], e = ln 2 / ln 4 = .5, d = .5
    // claims [0, 0, 0, 1] -> x' = [0, 0, 0, 1], p = [0, 0, 0, 1], e = 0, d = 1
    // w = [.5 / 1.5, 1 / 1.5] = [1/3, 2/3]; s = [1/3, 0, 1/3, 2/3]
    REQUIRE(r.chosen_columns == o.chosen);
    CHECK(r.columns == std::vector<tio::indicator>{tio::indicator::claims});  // the [KCT] ones among them
    CHECK(r.chosen_absent.empty());
    CHECK(r.dropped == 0);
    CHECK(r.weighting.entropy[0] == doctest::Approx(0.5));
    CHECK(r.weighting.weights[0] == doctest::Approx(1.0 / 3.0));
    CHECK(r.weighting.weights[1] == doctest::Approx(2.0 / 3.0));
    CHECK(r.scores[0] == doctest::Approx(1.0 / 3.0));
    CHECK(r.scores[1] == doctest::Approx(0.0));
    CHECK(r.scores[3] == doctest::Approx(2.0 / 3.0));
    CHECK(r.ranks[3] == 1);
    CHECK(r.ranks[0] == 2);  // the tie A/C in input order
    CHECK(r.k == 1);         // ceil(0.05 * 4)
    // the weights table lists the chosen indicators in their order with their groups
    REQUIRE(r.weights.size() == 2);
    CHECK(ta::to_string(r.weights[0].id) == "oecd_patent_scope");
    CHECK(r.weights[0].group == "quality");
    CHECK(r.weights[1].group == "fundamentality");
    // level-2 groups in canonical order ([KCT] first): fundamentality 2/3, quality 1/3
    REQUIRE(r.group_weights.size() == 2);
    CHECK(r.group_weights[0].group == "fundamentality");
    CHECK(r.group_weights[1].weight == doctest::Approx(1.0 / 3.0));
    CHECK(r.subscores.groups == std::vector<std::string>{"quality", "fundamentality"});
    for (techconv::index i = 0; i < 4; ++i)
        CHECK(r.subscores.values(i, 0) + r.subscores.values(i, 1) == doctest::Approx(r.scores[i]));
    REQUIRE(r.coverage.size() == 2);
    CHECK(r.coverage[0].with_value == 4);
    CHECK(r.coverage[0].without_value == 0);

    // normalised within the one cohort (2010): scope / 2 = [1, .5, 1, .5]: the same min-max
    // columns, so the same weights and scores
    o.chosen = {k(qi::patent_scope, true), k(tio::indicator::claims)};
    const auto rn = ta::key_core(recs, o);
    CHECK(rn.weighting.weights[0] == doctest::Approx(1.0 / 3.0));
    CHECK(rn.scores[2] == doctest::Approx(1.0 / 3.0));
    // the table form gives the same as the records
    const auto table = techconv::records::patent_table::from_records(recs);
    const auto rt = ta::key_core(table, o);
    CHECK(rt.scores[3] == doctest::Approx(2.0 / 3.0));
}

TEST_CASE("key_core: chosen quality indicators without a value follow the missing-value policy") {
    using keycore_chosen_test::k;
    const auto recs = keycore_chosen_test::corpus();
    ta::key_core_options o;
    o.chosen = {k(qi::originality), k(tio::indicator::claims)};
    // originality: A cites B [A01B] and C [C03C, D04B]: A01B 1, C03C 1/2, D04B 1/2 of 2,
    // 1 - (1/4 + 1/16 + 1/16) = 0.625; D cites A [A01B, B02C]: 1 - (1/4 + 1/4) = 0.5;
    // B and C cite nothing: no value, status no_citations.
    const auto r = ta::key_core(recs, o);  // drop-record
    CHECK(r.dropped == 2);
    REQUIRE(r.rows == std::vector<std::size_t>{0, 3});
    // originality [.625, .5] -> x' = [1, 0]; claims [0, 1] -> x' = [0, 1]; both e = 0, w = .5 each
    CHECK(r.weighting.weights[0] == doctest::Approx(0.5));
    CHECK(r.scores[0] == doctest::Approx(0.5));
    CHECK(r.scores[1] == doctest::Approx(0.5));
    REQUIRE(r.coverage.size() == 2);
    CHECK(r.coverage[0].with_value == 2);
    CHECK(r.coverage[0].without_value == 2);
    CHECK(r.coverage[0].statuses[static_cast<std::size_t>(qs::no_citations)] == 2);
    CHECK(r.coverage[1].without_value == 0);

    // drop-indicator: originality is left out, claims alone is weighted over all four
    o.indicators.missing = tio::missing_policy::drop_indicator;
    const auto ri = ta::key_core(recs, o);
    CHECK(ri.chosen_incomplete == std::vector<ta::keycore_indicator>{k(qi::originality)});
    CHECK(ri.chosen_columns == std::vector<ta::keycore_indicator>{k(tio::indicator::claims)});
    CHECK(ri.dropped == 0);
    CHECK(ri.weights.size() == 2);
    CHECK_FALSE(ri.weights[0].present);

    // zero (explicit): B and C get 0: originality [.625, 0, 0, .5] -> x' = [1, 0, 0, .8]
    o.indicators.missing = tio::missing_policy::zero;
    const auto rz = ta::key_core(recs, o);
    CHECK(rz.dropped == 0);
    CHECK(rz.coverage[0].without_value == 2);
    // p = [1/1.8, 0, 0, .8/1.8]; e = -(p1 ln p1 + p4 ln p4) / ln 4
    const double p1 = 1.0 / 1.8, p4 = 0.8 / 1.8;
    const double e = -(p1 * std::log(p1) + p4 * std::log(p4)) / std::log(4.0);
    CHECK(rz.weighting.entropy[0] == doctest::Approx(e));

    // fail: the first record without a value, with the indicator and its status
    o.indicators.missing = tio::missing_policy::fail;
    const std::string msg = keycore_chosen_test::error_text([&] { ta::key_core(recs, o); });
    CHECK(msg.find("record 'US 1000002 B2'") != std::string::npos);
    CHECK(msg.find("oecd_originality (status no_citations") != std::string::npos);

    // an indicator no record has is absent, never zero-filled
    o.indicators.missing = tio::missing_policy::drop_record;
    o.chosen = {k(qi::family_size), k(tio::indicator::claims)};
    const auto ra = ta::key_core(recs, o);
    CHECK(ra.chosen_absent == std::vector<ta::keycore_indicator>{k(qi::family_size)});
    CHECK(ra.coverage[0].statuses[static_cast<std::size_t>(qs::not_stated)] == 4);
}

TEST_CASE("key_core: choosing the nine [KCT] counts gives the default result") {
    const auto recs = keycore_chosen_test::corpus();
    const auto def = ta::key_core(recs);
    ta::key_core_options o;
    o.chosen = ta::keycore_indicators_from_list(
        "backward_citations,npl_citations,claims,forward_citations,technology_classes,applicants,family_size,"
        "filing_countries,developed_filing_countries");
    const auto r = ta::key_core(recs, o);
    CHECK(r.columns == def.columns);
    CHECK(r.absent == def.absent);
    REQUIRE(r.weights.size() == def.weights.size());
    for (std::size_t j = 0; j < r.weights.size(); ++j) {
        CHECK(r.weights[j].present == def.weights[j].present);
        CHECK(r.weights[j].weight == def.weights[j].weight);
    }
    REQUIRE(r.scores.size() == def.scores.size());
    for (techconv::index i = 0; i < r.scores.size(); ++i) CHECK(r.scores[i] == def.scores[i]);
    const auto sel = ta::select_key_core(recs, o);
    CHECK(sel.columns == def.columns.size());
}
