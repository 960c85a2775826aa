// SPDX-License-Identifier: BSL-1.0
// The rules that left the techconv command for the library: the network settings in the
// command's words (report/json.hpp), the key-core note, the group-map file names
// (report/render.hpp), the clustering coefficient that follows the weight meaning
// (analysis/network.hpp), the --merge-china region policy and the paper formats. Each
// expected value is the text or value the command produced before the move (docs/cli.md).
#include <doctest/doctest.h>

#include <string>

#include <techconv/analysis/keycore.hpp>
#include <techconv/analysis/network.hpp>
#include <techconv/classification/country.hpp>
#include <techconv/io/detect.hpp>
#include <techconv/report/json.hpp>
#include <techconv/report/render.hpp>

namespace ta = techconv::analysis;
namespace cg = techconv::cograph;
namespace rp = techconv::report;
namespace tio = techconv::io;
namespace tcc = techconv::classification;

TEST_CASE("settings: network_settings from the options use the library names") {
    ta::network_options o;  // the defaults: what summary.json of a default run shows
    auto s = rp::make_network_settings(o, false);
    CHECK(s.level == "subclass");
    CHECK(s.codes == "ipc");
    CHECK(s.counting == "full");
    CHECK(s.weight_meaning == "similarity");
    CHECK(s.algorithm == "louvain");
    CHECK(s.resolution == 1.0);
    CHECK(s.seed == 42);
    CHECK_FALSE(s.key_core_only);
    o.level = tcc::ipc_level::main_group;
    o.codes = tio::patent_field::cpc;
    o.counting = techconv::records::counting::link_fractional;
    o.weights = cg::weight_meaning::ignore;
    o.method = ta::community_method::leiden;
    o.main_only = true;
    s = rp::make_network_settings(o, true);
    CHECK(s.level == "main_group");
    CHECK(s.codes == "cpc");
    CHECK(s.counting == "link_fractional");
    CHECK(s.weight_meaning == "ignore");
    CHECK(s.algorithm == "leiden");
    CHECK(s.main_only);
    CHECK(s.key_core_only);
}

TEST_CASE("settings: key-core note, group-map stems, clustering, regions, paper formats") {
    ta::key_core_selection sel;
    sel.k = 5;
    sel.rows = 90;
    sel.columns = 9;
    sel.dropped = 10;
    CHECK(rp::key_core_note(sel) == "key core: 5 of 90 scored records (9 indicators, 10 records without all of them)");
    CHECK(rp::network_map_stem("US") == "network-US");
    CHECK(rp::network_map_stem("(unknown)") == "network-unknown");
    CHECK(rp::network_map_stem("()") == "network-group");
    CHECK(ta::clustering_for(cg::weight_meaning::similarity) == cg::clustering_weighting::onnela);
    CHECK(ta::clustering_for(cg::weight_meaning::distance) == cg::clustering_weighting::onnela);
    CHECK(ta::clustering_for(cg::weight_meaning::ignore) == cg::clustering_weighting::none);
    const auto china = tcc::region_policy::merged_into_china();
    CHECK(china.taiwan == tcc::territory_policy::merge_into_china);
    CHECK(china.hong_kong == tcc::territory_policy::merge_into_china);
    CHECK(china.macau == tcc::territory_policy::merge_into_china);
    for (const auto f : {tio::input_format::wos, tio::input_format::wos_tab, tio::input_format::scopus}) {
        CHECK(tio::holds_papers(f));
        CHECK_FALSE(tio::holds_patents(f));
    }
    for (const auto f : {tio::input_format::lens, tio::input_format::uspto_xml, tio::input_format::csv,
                         tio::input_format::automatic})
        CHECK_FALSE(tio::holds_papers(f));
}
