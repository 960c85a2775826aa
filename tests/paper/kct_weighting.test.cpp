// [KCT] facts about the entropy-weight scoring (METHODS.md section 1):
// Table 1's level-2 weights are the sums of its level-3 weights, and the key
// core is the top 5%: k = ceil(0.05 n), 71,874 patents -> 3,594.
#include <doctest/doctest.h>

#include <techconv/weighting/hierarchy.hpp>
#include <techconv/weighting/top_k.hpp>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace w = techconv::weighting;

TEST_CASE("KCT Table 1: level-2 weights are the sums of the level-3 weights") {
    // METHODS.md section 1, Table 1 (level-3 weights in percent, as published).
    const std::vector<std::string> cols = {"backward_cites", "npl_cites", "claims",
                                           "forward_cites", "classes", "applicants",
                                           "family_size", "countries", "developed_countries"};
    const auto tree = w::indicator_tree::parse(
        "fundamentality: backward_cites, npl_cites, claims;"
        " coreness: forward_cites, classes, applicants;"
        " strategic: family_size, countries, developed_countries",
        cols, "key core technology");
    techconv::vector level3(9);
    level3 << 18.50, 34.90, 3.70, 13.20, 6.50, 0.60, 3.40, 16.40, 2.80;
    level3 /= 100.0;
    const techconv::vector nw = tree.node_weights(level3);
    CHECK(techconv_test::close(100.0 * nw(tree.find("fundamentality")), 57.10, 1e-12));  // 18.50 + 34.90 + 3.70
    CHECK(techconv_test::close(100.0 * nw(tree.find("coreness")), 20.30, 1e-12));        // 13.20 + 6.50 + 0.60
    CHECK(techconv_test::close(100.0 * nw(tree.find("strategic")), 22.60, 1e-12));       // 3.40 + 16.40 + 2.80
    CHECK(techconv_test::close(nw(tree.root()), 1.0, 1e-12));
    // printed in the Table 1 layout (level, name, weight %)
    w::table_options o;
    o.header = false;
    o.separator = " | ";
    const std::string t = tree.table(level3, o);
    CHECK(t.find("2 | fundamentality | 57.10\n") != std::string::npos);
    CHECK(t.find("2 | coreness | 20.30\n") != std::string::npos);
    CHECK(t.find("2 | strategic | 22.60\n") != std::string::npos);
    CHECK(t.find("3 | npl_cites | 34.90\n") != std::string::npos);
}

TEST_CASE("KCT key core: the top 5% of 71,874 patents is 3,594") {
    // k = ceil(0.05 * 71874) = ceil(3593.7) = 3594 (METHODS.md section 1 step 6)
    CHECK(w::top_count(71874, 0.05) == 3594);
    // and top_fraction selects exactly that many from 71,874 scores
    techconv::vector s(71874);
    for (techconv::index i = 0; i < s.size(); ++i) s(i) = static_cast<double>((i * 7919) % 1000) / 1000.0;
    const auto top = w::top_fraction(s, 0.05);
    CHECK(top.k == 3594);
    CHECK(top.indices.size() == 3594);
}
