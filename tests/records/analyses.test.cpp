// SPDX-License-Identifier: BSL-1.0
// The analyses on the columnar table give the results of the vector form:
// analysis::key_core, select_key_core, io::indicator_matrix,
// analysis::network, patent_country_records and classify_branches on
// records::patent_table against the same functions on
// std::vector<io::patent_record> (the existing, independently tested path),
// on the Lens jet-engine export, the USPTO grant XML files and the synthetic
// corpus. Both forms run the same arithmetic in the same order, so values are
// compared exactly.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <techconv/analysis/branches.hpp>
#include <techconv/analysis/collaboration.hpp>
#include <techconv/analysis/keycore.hpp>
#include <techconv/analysis/network.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/io/canonical_csv.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/records/patent_table.hpp>
#include <techconv/testing/synthetic.hpp>

#include "test_support.hpp"

namespace tio = techconv::io;
namespace ta = techconv::analysis;
namespace rec = techconv::records;
using tindex = techconv::index;

namespace {

struct input {
    std::string name;
    std::vector<tio::patent_record> records;
};

std::vector<input> inputs() {
    std::vector<input> out;
    out.push_back({"lens", tio::read_patents({techconv_test::data_path("patents-lens-jet-engines/lens-export.csv")})
                               .records});
    std::vector<std::string> xml;
    for (const char* f : {"ipg050104", "ipg060103", "ipg070102", "ipg080101", "ipg090106", "ipg100105", "ipg110104",
                          "ipg120103", "ipg130416"})
        xml.push_back(techconv_test::data_path(std::string("patents-uspto-grant-xml/") + f + ".small.xml"));
    out.push_back({"uspto", tio::read_patents(xml).records});
    techconv::testing::synthetic_options so;
    so.records = 4000;
    so.seed = 5;
    std::ostringstream text;
    techconv::testing::synthetic_corpus(so).write_csv(text);
    std::istringstream in(text.str());
    tio::canonical_csv_reader reader(in, "synthetic");
    out.push_back({"synthetic", tio::merge_families(reader.read_all()).records});
    return out;
}

rec::patent_table table_of(const std::vector<tio::patent_record>& r) {
    rec::patent_table_options o;
    o.titles = true;
    o.chunk_capacity = 1000;  // several chunks on every input
    return rec::patent_table::from_records(r, o);
}

void check_same_summary(const ta::network_summary& a, const ta::network_summary& b) {
    CHECK(a.records == b.records);
    CHECK(a.records_with_codes == b.records_with_codes);
    CHECK(a.nodes == b.nodes);
    CHECK(a.edges == b.edges);
    CHECK(a.density == b.density);
    CHECK(a.components == b.components);
    CHECK(a.largest_component == b.largest_component);
    CHECK(a.clusters == b.clusters);
    CHECK(a.modularity == b.modularity);
    CHECK(a.convergence_index == b.convergence_index);
    CHECK(a.sections == b.sections);
    CHECK(a.cross_section_links == b.cross_section_links);
    CHECK(a.top_nodes == b.top_nodes);
}

void check_same_network(const ta::network_result& a, const ta::network_result& b) {
    check_same_summary(a.summary, b.summary);
    CHECK(a.rejected_codes == b.rejected_codes);
    REQUIRE(a.graph.num_nodes() == b.graph.num_nodes());
    for (tindex v = 0; v < a.graph.num_nodes(); ++v) CHECK(a.graph.label(v) == b.graph.label(v));
    CHECK(a.nodes.strength == b.nodes.strength);
    CHECK(a.nodes.betweenness == b.nodes.betweenness);
    CHECK(a.nodes.pagerank == b.nodes.pagerank);
    CHECK(a.nodes.cluster == b.nodes.cluster);
    REQUIRE(a.years.size() == b.years.size());
    for (std::size_t i = 0; i < a.years.size(); ++i) {
        CHECK(a.years[i].year == b.years[i].year);
        CHECK(a.years[i].records == b.years[i].records);
        CHECK(a.years[i].codes == b.years[i].codes);
    }
    REQUIRE(a.groups.size() == b.groups.size());
    for (std::size_t i = 0; i < a.groups.size(); ++i) {
        CHECK(a.groups[i].name == b.groups[i].name);
        check_same_summary(a.groups[i].summary, b.groups[i].summary);
    }
}

}  // namespace

TEST_CASE("key_core on the table equals key_core on the records" * doctest::test_suite("data")) {
    const auto fields = techconv::classification::load_wipo_technology_fields(
        techconv_test::data_path("ref-ipc-wipo-technology-fields/ipc_technology.csv"));
    for (const auto& in : inputs()) {
        INFO(in.name);
        const auto t = table_of(in.records);
        ta::key_core_options o;
        o.grouping.by_country = true;
        o.industries = &fields;
        const auto a = ta::key_core(in.records, o);
        const auto b = ta::key_core(t, o);
        CHECK(a.columns == b.columns);
        CHECK(a.rows == b.rows);
        CHECK(a.dropped == b.dropped);
        CHECK(a.scores == b.scores);
        CHECK(a.ranks == b.ranks);
        CHECK(a.k == b.k);
        CHECK(a.k > 0);
        CHECK(a.threshold == b.threshold);
        CHECK(a.groups == b.groups);
        CHECK(a.subscores.values == b.subscores.values);
        REQUIRE(a.top.size() == b.top.size());
        for (std::size_t i = 0; i < a.top.size(); ++i) {
            CHECK(a.top[i].id == b.top[i].id);
            CHECK(a.top[i].title == b.top[i].title);
            CHECK(a.top[i].year == b.top[i].year);
            CHECK(a.top[i].sub == b.top[i].sub);
        }
        REQUIRE(a.profiles.size() == b.profiles.size());
        for (std::size_t i = 0; i < a.profiles.size(); ++i) {
            const auto &p = a.profiles[i], &q = b.profiles[i];
            CHECK(p.group == q.group);
            CHECK(p.key_core == q.key_core);
            CHECK(p.profiled == q.profiled);
            CHECK(p.industries == q.industries);
            CHECK(p.main_codes == q.main_codes);
            CHECK(p.all_codes == q.all_codes);
            CHECK(p.technology_shannon == q.technology_shannon);
            CHECK(p.company_share == q.company_share);
            CHECK(p.applicant_hhi == q.applicant_hhi);
        }
        REQUIRE(a.diversity.size() == b.diversity.size());
        for (std::size_t i = 0; i < a.diversity.size(); ++i) {
            CHECK(a.diversity[i].shannon == b.diversity[i].shannon);
            CHECK(a.diversity[i].rao_stirling == b.diversity[i].rao_stirling);
            CHECK(a.diversity[i].applicants == b.diversity[i].applicants);
        }
        REQUIRE(a.industries.size() == b.industries.size());
        CHECK_FALSE(a.industries.empty());
        for (std::size_t i = 0; i < a.industries.size(); ++i) {
            CHECK(a.industries[i].group == b.industries[i].group);
            CHECK(a.industries[i].industry == b.industries[i].industry);
            CHECK(a.industries[i].records == b.industries[i].records);
        }
        const auto sa = ta::select_key_core(in.records, o);
        const auto sb = ta::select_key_core(t, o);
        CHECK(sa.mask == sb.mask);
        CHECK(sa.k == sb.k);
        const auto ma = tio::indicator_matrix(in.records);
        const auto mb = tio::indicator_matrix(t);
        CHECK(ma.values == mb.values);
        CHECK(ma.missing_counts == mb.missing_counts);
    }
}

TEST_CASE("network on the table equals network on the records, all records and the key core" *
          doctest::test_suite("data")) {
    for (const auto& in : inputs()) {
        INFO(in.name);
        const auto t = table_of(in.records);
        for (const auto level : {techconv::classification::ipc_level::subclass,
                                 techconv::classification::ipc_level::main_group}) {
            ta::network_options o;
            o.level = level;
            o.group_by_country = ta::country_source::automatic;
            // All records at subclass level; the main-group networks of all records take the
            // most time (betweenness over thousands of nodes) and test no other path of the
            // table than the key core's main-group networks below.
            if (level == techconv::classification::ipc_level::subclass)
                check_same_network(ta::network(in.records, o), ta::network(t, o));
            const auto mask = ta::select_key_core(t).mask;
            std::vector<const tio::patent_record*> ptrs;
            std::vector<std::size_t> rows;
            for (std::size_t i = 0; i < mask.size(); ++i)
                if (mask[i]) {
                    ptrs.push_back(&in.records[i]);
                    rows.push_back(i);
                }
            REQUIRE_FALSE(rows.empty());
            check_same_network(ta::network(ptrs, o), ta::network(t, rows, o));
        }
    }
}

TEST_CASE("patent_country_records on the table equals the records form" * doctest::test_suite("data")) {
    for (const auto& in : inputs()) {
        INFO(in.name);
        const auto t = table_of(in.records);
        for (const auto who : {ta::patent_parties::inventors, ta::patent_parties::applicants, ta::patent_parties::both}) {
            const auto a = ta::patent_country_records(in.records, who);
            const auto b = ta::patent_country_records(t, who);
            REQUIRE(a.size() == b.size());
            CHECK(a.labels() == b.labels());
            CHECK(a.duplicates() == b.duplicates());
            std::size_t differ = 0;
            for (tindex i = 0; i < a.size(); ++i) {
                const auto ra = a.actors(i), rb = b.actors(i);
                // std::equal, not two vectors: GCC 12 at -O3 warned free-nonheap-object (a false
                // positive) on the vectors built from actor_span iterators in the unity build
                const bool same = std::equal(ra.begin(), ra.end(), rb.begin(), rb.end()) &&
                                  a.year(i) == b.year(i) && a.id(i) == b.id(i);
                differ += same ? 0 : 1;
            }
            CHECK(differ == 0);
        }
    }
}

TEST_CASE("classify_branches on the table equals the records form" * doctest::test_suite("data")) {
    namespace tcf = techconv::classification;
    // jet-engine branches (the Lens export's subject; the XML files and the synthetic titles match
    // fewer), a restricted term that needs the IPC filter and an exclusion, so that every kind of
    // term and the parsed IPC codes take part
    std::vector<tcf::branch_definition> defs = {
        {"Turbine", {{"turbine", false}, {"blade", true}}, {}},
        {"Combustion", {{"combustor", false}, {"combustion", false}}, {"internal combustion"}},
        {"Fan", {{"fan", false}}, {}},
        {"Nozzle", {{"nozzle", false}}, {}},
        {"Semiconductor", {{"semiconductor", false}}, {}},
    };
    tcf::term_classifier k(defs);
    auto kf = k;
    kf.set_ipc_filter({tcf::ipc_pattern_from_chars("F01D").pattern});
    for (const auto& in : inputs()) {
        INFO(in.name);
        const auto t = table_of(in.records);
        for (const auto* c : {&k, &kf}) {
            const auto a = ta::classify_branches(in.records, *c);
            const auto b = ta::classify_branches(t, *c);
            REQUIRE(a.records.size() == b.records.size());
            CHECK(a.records_per_branch == b.records_per_branch);
            CHECK(a.unclassified == b.unclassified);
            CHECK(a.duplicates == b.duplicates);
            std::size_t differ = 0;
            for (tindex i = 0; i < a.records.size(); ++i) {
                const auto ra = a.records.actors(i), rb = b.records.actors(i);
                const bool same = ra.size() == rb.size() && std::equal(ra.begin(), ra.end(), rb.begin()) &&
                                  a.records.year(i) == b.records.year(i) && a.records.id(i) == b.records.id(i);
                differ += same ? 0 : 1;
            }
            CHECK(differ == 0);
        }
        if (in.name == "lens") {
            // the comparison is not vacuous: jet-engine titles name turbines, and the
            // restricted "blade" adds records only under the F01D filter
            const auto a = ta::classify_branches(in.records, k);
            const auto f = ta::classify_branches(in.records, kf);
            CHECK(a.records_per_branch[0] > 0);
            CHECK(f.records_per_branch[0] > a.records_per_branch[0]);
        }
    }
}

TEST_CASE("indicators from the table's columns: distinct IPC texts and countries as on the record") {
    // technology_classes counts distinct code texts as the source wrote them. By hand:
    // "H01L 21/00" and "H01L21/00" parse to the same code but are two texts; "H01L 21/00" again
    // and "zz" again repeat; so the distinct texts are H01L 21/00, H01L21/00, zz, G06F 17/30: 4.
    tio::patent_record r;
    r.id = "X1";
    r.ipc = {"H01L 21/00", "H01L21/00", "H01L 21/00", "zz", "zz", "G06F 17/30"};
    r.supply(tio::patent_field::ipc);
    r.jurisdiction = "EP";
    r.priority_countries = {"WO", "DE"};
    const auto t = rec::patent_table::from_records({r});
    const ta::table_source src(t);
    CHECK(*tio::record_indicators(r).get(tio::indicator::technology_classes) == 4);
    CHECK(*tio::row_indicators(src.row(0)).get(tio::indicator::technology_classes) == 4);
    // no party has a country; priority: WO is an office, so DE; jurisdiction EP is an office
    CHECK(ta::row_country(src.row(0)) == "DE");
    CHECK(ta::patent_country(r) == "DE");
    CHECK(ta::row_country(src.row(0), ta::country_source::jurisdiction).empty());
}
