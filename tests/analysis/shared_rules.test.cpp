// SPDX-License-Identifier: BSL-1.0
// The rules the command and the Python binding share, on the shared datasets:
// analysis::network_records (all records, or exactly the key core that
// select_key_core marks), analysis::key_core_ids (the ids of the scored rows, as
// the records materialised by to_records() give them), and
// analysis::load_collaboration_inputs (the refusals naming the input; papers and
// USPTO XML families read as io::read_paper_table / read_patent_table read them).
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <vector>

#include <techconv/analysis/collaboration_inputs.hpp>
#include <techconv/analysis/keycore.hpp>
#include <techconv/analysis/network_selection.hpp>
#include <techconv/io/papers.hpp>
#include <techconv/io/patent_inputs.hpp>

#include "test_support.hpp"

namespace ta = techconv::analysis;
namespace tio = techconv::io;

namespace {

tio::patent_table_inputs lens_jet_engines() {
    return tio::read_patent_table(std::vector<std::string>{
        techconv_test::data_path("patents-lens-jet-engines/lens-export.csv")});
}

std::vector<tio::input_source> sources(const std::vector<std::string>& relative) {
    std::vector<tio::input_source> out;
    for (const auto& r : relative) out.emplace_back(techconv_test::data_path(r));
    return out;
}

const char* const wos_ble = "wos-ble-scientopy/wos_2026_04_02_1000.txt";
const char* const uspto_a = "patents-uspto-grant-xml/ipg050104.small.xml";
const char* const uspto_b = "patents-uspto-grant-xml/ipg060103.small.xml";

}  // namespace

TEST_CASE("network_records: every row, or the rows select_key_core marks") {
    const auto in = lens_jet_engines();
    const auto all = ta::network_records(in.table, false);
    REQUIRE(all.rows.size() == in.table.size());
    for (std::size_t i = 0; i < all.rows.size(); ++i) CHECK(all.rows[i] == i);
    CHECK_FALSE(all.key_core.has_value());

    ta::key_core_options ko;
    ko.fraction = 0.1;
    const auto core = ta::network_records(in.table, true, ko);
    const auto sel = ta::select_key_core(in.table, ko);
    REQUIRE(core.key_core.has_value());
    CHECK(core.key_core->k == sel.k);
    CHECK(static_cast<techconv::index>(core.rows.size()) == sel.k);  // the key core, no other row
    for (const auto r : core.rows) CHECK(sel.mask[r] == 1);
    for (std::size_t i = 1; i < core.rows.size(); ++i) CHECK(core.rows[i - 1] < core.rows[i]);  // input order
}

TEST_CASE("key_core_ids: the id of each scored row, as to_records() gives it") {
    const auto in = lens_jet_engines();
    const auto kc = ta::key_core(in.table);
    const auto ids = ta::key_core_ids(in.table, kc);
    const auto recs = in.table.to_records();
    REQUIRE(ids.size() == kc.rows.size());
    for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == recs[kc.rows[i]].id);
}

TEST_CASE("load_collaboration_inputs: refusals name the input") {
    ta::collaboration_input_options o;
    const auto lens = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    CHECK_THROWS_WITH_AS(ta::load_collaboration_inputs(sources({"patents-lens-jet-engines/lens-export.csv"}), o),
                         ("techconv: " + lens + ": format lens has no author or inventor countries (use uspto-xml, wos, wos-tab, "
                                 "scopus, openalex, lens-scholarly, pubmed, patstat or lens-json)").c_str(),
                         techconv::invalid_argument);
    CHECK_THROWS_WITH_AS(ta::load_collaboration_inputs(sources({wos_ble, uspto_a}), o),
                         "techconv: mixing papers and patents in one run is not supported",
                         techconv::invalid_argument);
    o.institutions = true;
    CHECK_THROWS_AS(ta::load_collaboration_inputs(sources({uspto_a}), o), techconv::invalid_argument);
    CHECK(ta::load_collaboration_inputs({}, o).countries.size() == 0);
}

TEST_CASE("load_collaboration_inputs: papers and USPTO XML families as the readers read them") {
    ta::collaboration_input_options o;
    o.institutions = true;
    const auto papers = ta::load_collaboration_inputs(sources({wos_ble}), o);
    const auto read = tio::read_paper_table(std::vector<std::string>{techconv_test::data_path(wos_ble)});
    CHECK(papers.papers);
    CHECK(papers.kind == "papers");
    CHECK(papers.countries.size() == ta::country_records(read.table).size());
    CHECK(papers.institutions.size() == papers.countries.size());
    CHECK(papers.unresolved == read.unresolved_addresses());
    REQUIRE(papers.notes.size() == 1);
    CHECK(papers.notes[0] == tio::paper_input_note(read.files[0]));

    o.institutions = false;
    const auto patents = ta::load_collaboration_inputs(sources({uspto_a, uspto_b}), o);
    tio::read_patents_options ro;
    ro.format = tio::input_format::uspto_xml;
    ro.merge_families = true;
    const auto fam = tio::read_patent_table(
        std::vector<std::string>{techconv_test::data_path(uspto_a), techconv_test::data_path(uspto_b)}, ro);
    CHECK_FALSE(patents.papers);
    CHECK(patents.kind == "patents (simple families)");
    CHECK(patents.countries.size() == fam.table.size());
    REQUIRE(patents.notes.size() == 3);  // one per file, then the family merging
    CHECK(patents.notes[2] == "simple-family merging: " + std::to_string(fam.read) + " -> " +
                                  std::to_string(fam.table.size()) + " records");
}
