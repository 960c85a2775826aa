// Tests of group profiles (techconv/analysis/profile.hpp): a small case
// computed by hand, and the Lens jet-engine export grouped by jurisdiction,
// checked against an independent Python computation (sets, Counter and
// NetworkX) run by the test.
#include <doctest/doctest.h>

#include <techconv/classification/ipc.hpp>
#include <techconv/analysis/profile.hpp>
#include <techconv/format/csv.hpp>
#include <techconv/format/parse.hpp>
#include <techconv/records/cooccurrence.hpp>
#include <techconv/records/incidence.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tc = techconv::convergence;
using strings = std::vector<std::string>;

TEST_CASE("profile: a hand-computed case") {
    tc::profile_table t;
    // group JP: three records, two key core
    t.add("JP", true, strings{"G06T", "H04N"}, strings{"net", "media"}, strings{"Canon", "Sony"},
          strings{"company", "company"});
    t.add("JP", true, strings{"G06T", "G06F"}, strings{"net"}, strings{"Canon"}, strings{"company"});
    t.add("JP", false, strings{"B60R"}, strings{}, strings{"Univ Tokyo"}, strings{"university"});
    // group CN: one record, not key core
    t.add("CN", false, strings{"H04N", "H04N"}, strings{"media"}, strings{"Huawei"}, strings{"company"});
    tc::profile_options o;
    o.top = 2;
    const auto r = tc::group_profiles(t, o);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.records == 4);
    CHECK(r.key_core == 2);
    const auto& jp = r.groups[0];  // 2 key core first
    CHECK(jp.group == "JP");
    CHECK(jp.records == 3);
    CHECK(jp.key_core == 2);
    CHECK(jp.record_share == doctest::Approx(3.0 / 4.0));
    CHECK(jp.key_core_share == 1.0);       // 2 of all 2 key-core records
    CHECK(jp.key_core_rate == doctest::Approx(2.0 / 3.0));
    CHECK(jp.profiled == 2);               // key-core scope: the two key-core records
    // industries over the profiled records: net 2, media 1 -> 2 categories
    CHECK(jp.industries == 2);
    REQUIRE(jp.top_industries.size() == 2);
    CHECK(jp.top_industries[0].key == "net");
    CHECK(jp.top_industries[0].share == 1.0);  // 2/2
    CHECK(jp.top_industries[1].share == 0.5);  // 1/2: shares sum past 1
    // Shannon of (2, 1) in nats: -(2/3 ln 2/3 + 1/3 ln 1/3)
    CHECK(jp.industry_shannon == doctest::Approx(-(2.0 / 3 * std::log(2.0 / 3) + 1.0 / 3 * std::log(1.0 / 3))));
    // codes: main G06T twice -> 1 main code; all codes {G06T, H04N, G06F} = 3
    CHECK(jp.main_codes == 1);
    CHECK(jp.all_codes == 3);
    CHECK(jp.code_gap == 2);
    CHECK(jp.convergence_index == doctest::Approx((2.0 - 3.0) / 2.0));  // (n - distinct) / n = -0.5
    CHECK(jp.convergence_index_main == doctest::Approx((2.0 - 1.0) / 2.0));
    REQUIRE(jp.top_main_codes.size() == 1);
    CHECK(jp.top_main_codes[0].key == "G06T");
    CHECK(jp.top_main_codes[0].count == 2);
    CHECK(jp.technology_shannon == 0.0);  // one main code
    // applicants: Canon on both records, Sony on one; both records have a company
    CHECK(jp.company_share == 1.0);
    REQUIRE(jp.top_applicants.size() == 2);
    CHECK(jp.top_applicants[0].key == "Canon");
    CHECK(jp.top_applicants[0].share == 1.0);
    // HHI over whole counts (Canon 2, Sony 1): (2/3)^2 + (1/3)^2 = 5/9
    CHECK(jp.applicant_hhi == doctest::Approx(5.0 / 9.0));
    // network: nodes G06T, H04N, G06F; edges G06T-H04N (1), G06T-G06F (1)
    CHECK(jp.network.nodes == 3);
    CHECK(jp.network.edges == 2);
    CHECK(jp.network.density == doctest::Approx(2.0 / 3.0));  // 2 / (3*2/2)
    CHECK(jp.network.components == 1);
    REQUIRE(!jp.network.top_strength.empty());
    CHECK(jp.network.top_strength[0].first == "G06T");
    CHECK(jp.network.top_strength[0].second == 2.0);
    CHECK(jp.network.sections == strings{"G", "H"});
    CHECK(jp.network.cross_section_edges == 1);  // G06T-H04N
    CHECK(jp.network.cross_section_weight == 1.0);
    CHECK(jp.info == techconv::status::ok);
    // CN has no key-core record: profiled nothing, reported as such
    const auto& cn = r.groups[1];
    CHECK(cn.group == "CN");
    CHECK(cn.profiled == 0);
    CHECK(cn.info == techconv::status::empty_input);
    // all-records scope profiles CN's record; its duplicate code is stored once
    o.scope = tc::profile_scope::all;
    const auto all = tc::group_profiles(t, o);
    CHECK(all.groups[1].profiled == 1);
    CHECK(all.groups[1].all_codes == 1);
    CHECK(all.groups[1].network.nodes == 1);
    CHECK(all.groups[1].network.edges == 0);
    CHECK(all.groups[1].network.clusters == 1);
    // misuse and empty input
    CHECK_THROWS_AS(t.add("X", false, strings{}, strings{}, strings{"a", "b"}, strings{"company"}),
                    techconv::invalid_argument);
    CHECK(tc::group_profiles(tc::profile_table{}).info == techconv::status::empty_input);
    CHECK(jp.technology_info == techconv::status::ok);
    CHECK(cn.technology_info == techconv::status::ok);  // nothing profiled: `info` says so
}

TEST_CASE("profile: a key core without codes has its technology figures not computed") {
    tc::profile_table t;
    // group BR: two key-core records, neither with a code (a source without IPC codes);
    // group US: one key-core record with a code
    t.add("BR", true, strings{}, strings{}, strings{"Acme"}, strings{"company"});
    t.add("BR", true, strings{}, strings{}, strings{"Univ"}, strings{"university"});
    t.add("US", true, strings{"G06F"}, strings{}, strings{"Acme"}, strings{"company"});
    const auto r = tc::group_profiles(t);
    REQUIRE(r.groups.size() == 2);
    const auto& br = r.groups[0];
    CHECK(br.group == "BR");
    CHECK(br.info == techconv::status::ok);  // records were profiled
    CHECK(br.profiled == 2);
    CHECK(br.technology_info == techconv::status::empty_input);
    CHECK_FALSE(br.has_technology());
    CHECK(br.company_share == 0.5);  // the other figures stand: 1 of 2 records
    const auto& us = r.groups[1];
    CHECK(us.has_technology());
    CHECK(us.all_codes == 1);
    CHECK(us.convergence_index == 0.0);  // (1 - 1) / 1, computed
}

TEST_CASE("profile: the table holds records::incidence_matrix lists and codes() counts with records::cooccurrence") {
    namespace rec = techconv::records;
    tc::profile_table t;
    t.add("A", true, strings{"H04N", "G06T", "H04N"}, strings{"media", "net", "media"}, strings{"Sony", "Canon"},
          strings{"company", "company"});
    t.add("A", true, strings{"G06F", "G06T"});
    t.add("B", true, strings{"B60R"});
    t.add("B", true, strings{});
    t.add("B", true, strings{"G06T", "H04N", "G06F"}, strings{}, strings{"Canon", "Univ", "Canon"},
          strings{"company", "university", "institute"});
    // labels are numbered in first-seen order: H04N 0, G06T 1, G06F 2, B60R 3
    REQUIRE(t.code_labels().size() == 4);
    CHECK(t.code_labels().find("H04N") == 0);
    CHECK(t.code_labels().find("G06T") == 1);
    CHECK(t.code_labels().find("G06F") == 2);
    CHECK(t.code_labels().find("B60R") == 3);
    const rec::incidence_matrix& a = t.codes();
    CHECK(a.order == rec::row_order::ascending);
    CHECK(a.records == 5);
    CHECK(a.codes == 4);
    // rows: distinct ids ascending (record 0's repeated H04N stored once)
    CHECK(std::vector<std::int32_t>(a.row(0).begin(), a.row(0).end()) == std::vector<std::int32_t>{0, 1});
    CHECK(std::vector<std::int32_t>(a.row(1).begin(), a.row(1).end()) == std::vector<std::int32_t>{1, 2});
    CHECK(std::vector<std::int32_t>(a.row(2).begin(), a.row(2).end()) == std::vector<std::int32_t>{3});
    CHECK(a.row(3).empty());
    CHECK(std::vector<std::int32_t>(a.row(4).begin(), a.row(4).end()) == std::vector<std::int32_t>{0, 1, 2});
    // the main code (the first code given) is kept beside the ascending rows
    CHECK(t.main_codes() == std::vector<std::int32_t>{0, 2, 3, -1, 1});
    const auto m4 = t.codes_main_first(4);
    CHECK(std::vector<std::int32_t>(m4.begin(), m4.end()) == std::vector<std::int32_t>{1, 0, 2});  // G06T, H04N, G06F
    const auto m3 = t.codes_main_first(3);
    CHECK(m3.begin() == m3.end());
    // co-occurrence of the incidence itself, against pairs counted by hand:
    // record 0 {H04N, G06T}, record 1 {G06T, G06F}, record 4 {H04N, G06T, G06F}
    const rec::sparse_matrix full = rec::cooccurrence(a);
    CHECK(full.coeff(0, 1) == 2.0);  // H04N-G06T: records 0 and 4
    CHECK(full.coeff(1, 2) == 2.0);  // G06T-G06F: records 1 and 4
    CHECK(full.coeff(0, 2) == 1.0);  // H04N-G06F: record 4
    CHECK(full.coeff(2, 0) == 1.0);  // symmetric
    CHECK(full.coeff(0, 3) == 0.0);  // B60R never shares a record
    CHECK(full.coeff(1, 3) == 0.0);
    CHECK(full.coeff(0, 0) == 2.0);  // occurrences: H04N in records 0, 4
    CHECK(full.coeff(1, 1) == 3.0);  // G06T in records 0, 1, 4
    CHECK(full.coeff(2, 2) == 2.0);  // G06F in records 1, 4
    CHECK(full.coeff(3, 3) == 1.0);  // B60R in record 2
    CHECK(full.nonZeros() == 10);    // 4 diagonal + 3 pairs in both triangles
    // fractional counting: a record with k = 3 codes gives each pair 2/(3*2) = 1/3
    rec::pair_count_options fo;
    fo.mode = rec::counting::fractional;
    const rec::sparse_matrix frac = rec::cooccurrence(a, fo);
    CHECK(frac.coeff(0, 1) == doctest::Approx(1.0 + 1.0 / 3.0));
    CHECK(frac.coeff(0, 2) == doctest::Approx(1.0 / 3.0));
    // industries and applicants keep the order given (first occurrence), with the types beside
    CHECK(t.industries().order == rec::row_order::as_given);
    CHECK(std::vector<std::int32_t>(t.industries().row(0).begin(), t.industries().row(0).end()) ==
          std::vector<std::int32_t>{0, 1});  // media, net
    const rec::incidence_matrix& ap = t.applicants();
    CHECK(ap.order == rec::row_order::as_given);
    // record 4 lists Canon, Univ, Canon: ids 1, 2
    CHECK(std::vector<std::int32_t>(ap.row(4).begin(), ap.row(4).end()) == std::vector<std::int32_t>{1, 2});
    // one type per stored applicant entry: Canon keeps the type of its first occurrence
    REQUIRE(t.applicant_type_ids().size() == static_cast<std::size_t>(ap.nnz()));
    const auto e4 = static_cast<std::size_t>(ap.record_offsets[4]);  // record 4's entries: 2 (Sony, Canon) before
    CHECK(e4 == 2);
    CHECK(t.type_labels().view(static_cast<rec::label_index>(t.applicant_type_ids()[e4])) == "company");
    CHECK(t.type_labels().view(static_cast<rec::label_index>(t.applicant_type_ids()[e4 + 1])) == "university");
    // records::cooccurrence needs ascending rows and says so
    CHECK_THROWS_AS(rec::cooccurrence(ap), techconv::invalid_argument);
    // the profiles read the same incidence: group A's network is the co-occurrence of its rows 0 and 1
    tc::profile_options o;
    o.scope = tc::profile_scope::all;
    const auto r = tc::group_profiles(t, o);
    REQUIRE(r.groups.size() == 2);
    const auto& ga = r.groups[1];  // A: 2 key-core records, B: 3
    REQUIRE(ga.group == "A");
    CHECK(ga.network.nodes == 3);
    CHECK(ga.network.edges == 2);  // H04N-G06T, G06T-G06F
    // group B's main codes are B60R and G06T (record 4 lists G06T first), not H04N,
    // the smallest id of record 4's row; ties keep record order
    const auto& gb = r.groups[0];
    REQUIRE(gb.group == "B");
    REQUIRE(gb.top_main_codes.size() == 2);
    CHECK(gb.top_main_codes[0].key == "B60R");
    CHECK(gb.top_main_codes[1].key == "G06T");
    CHECK(gb.main_codes == 2);
    CHECK(gb.all_codes == 4);  // B60R, G06T, H04N, G06F
}

TEST_CASE("profile: Lens jet engines by jurisdiction agree with Python" * doctest::test_suite("data")) {
    const auto path = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    // Key core here: records with at least 5 forward citations (a rule both
    // sides apply; the entropy ranking is tested in the weighting module).
    techconv::io::csv_reader r(path);
    const auto jur = r.require_column("Jurisdiction");
    const auto cited = r.require_column("Cited by Patent Count");
    const auto ipcr = r.require_column("IPCR Classifications");
    const auto apps = r.require_column("Applicants");
    tc::profile_table t;
    while (r.next()) {
        std::int64_t c = 0;
        const bool has = r.int_field(cited, c);
        strings codes, applicants;
        for (const auto s : techconv::io::split_list(r[ipcr], ";;")) {
            const auto code = techconv::classification::parse_ipc(s);
            codes.push_back(code.truncate(techconv::classification::ipc_level::subclass).to_string());
        }
        for (const auto a : techconv::io::split_list(r[apps], ";;")) applicants.emplace_back(a);
        t.add(r[jur], has && c >= 5, codes, strings{}, applicants);
    }
    tc::profile_options o;
    o.top = 3;
    const auto res = tc::group_profiles(t, o);
    // Reference: one line per group with profiled records, sorted like ours.
    const auto out = techconv_test::run_python("convergence/profile_reference.py", {path});
    std::map<std::string, std::vector<double>> ref;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream f(line);
        std::string g;
        f >> g;
        std::vector<double> v;
        double x;
        while (f >> x) v.push_back(x);
        ref[g] = v;
    }
    REQUIRE(!ref.empty());
    int checked = 0;
    for (const auto& p : res.groups) {
        if (p.profiled == 0) continue;
        REQUIRE(ref.count(p.group) == 1);
        const auto& v = ref[p.group];
        REQUIRE(v.size() == 12);
        CHECK(p.records == v[0]);
        CHECK(p.key_core == v[1]);
        CHECK(p.main_codes == v[2]);
        CHECK(p.all_codes == v[3]);
        CHECK(techconv_test::close(p.convergence_index, v[4], 1e-12, 1e-15));
        CHECK((p.top_main_codes.empty() ? 0 : p.top_main_codes[0].count) == v[5]);
        CHECK(p.network.nodes == v[6]);
        CHECK(p.network.edges == v[7]);
        CHECK(techconv_test::close(p.network.density, v[8], 1e-12, 1e-15));
        CHECK(p.network.components == v[9]);
        CHECK((p.network.top_strength.empty() ? 0.0 : p.network.top_strength[0].second) == v[10]);
        CHECK((p.top_applicants.empty() ? 0 : p.top_applicants[0].count) == v[11]);
        ++checked;
    }
    CHECK(checked == static_cast<int>(ref.size()));
    CHECK(checked >= 3);
}
