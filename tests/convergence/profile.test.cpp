// Tests of group profiles (techconv/analysis/profile.hpp): a small case
// computed by hand, and the Lens jet-engine export grouped by jurisdiction,
// checked against an independent Python computation (sets, Counter and
// NetworkX) run by the test.
#include <doctest/doctest.h>

#include <techconv/classification/ipc.hpp>
#include <techconv/analysis/profile.hpp>
#include <techconv/format/csv.hpp>
#include <techconv/format/parse.hpp>

#include <cmath>
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
