// Tests of the synthetic corpus generator (techconv/testing/synthetic.hpp):
// determinism, random access, the documented ranges, the skew it promises,
// and that its CSV is read back by techconv's CSV reader with the same values.
#include <doctest/doctest.h>

#include <techconv/format/csv.hpp>
#include <techconv/format/parse.hpp>
#include <techconv/testing/synthetic.hpp>

#include <map>
#include <set>
#include <sstream>

using techconv::testing::synthetic_corpus;
using techconv::testing::synthetic_options;

TEST_CASE("synthetic: same seed same corpus, other seed other corpus, random access") {
    synthetic_options o;
    o.records = 2000;
    const synthetic_corpus a(o), b(o);
    std::ostringstream sa, sb;
    a.write_csv(sa);
    b.write_csv(sb);
    CHECK(sa.str() == sb.str());
    // record(i) alone equals record i of a full pass: chunks write the same bytes
    std::ostringstream parts;
    a.write_csv(parts, 0, 700);
    a.write_csv(parts, 700, 2000, false);
    CHECK(parts.str() == sa.str());
    o.seed = 7;
    std::ostringstream sc;
    synthetic_corpus(o).write_csv(sc);
    CHECK(sc.str() != sa.str());
}

TEST_CASE("synthetic: documented ranges and invariants hold on every record") {
    synthetic_options o;
    o.records = 20000;
    const synthetic_corpus c(o);
    std::map<std::string, int> country;
    std::map<int, int> subclass_count;
    int same_section_pairs = 0, pairs = 0;
    for (techconv::index i = 0; i < c.size(); ++i) {
        const auto p = c.record(i);
        REQUIRE(p.year >= 1995);
        REQUIRE(p.year <= 2024);
        REQUIRE(!p.ipc.empty());
        REQUIRE(p.ipc.size() <= 8);
        REQUIRE(p.ipc.size() == p.subclass_ids.size());
        REQUIRE(std::set<std::string>(p.ipc.begin(), p.ipc.end()).size() == p.ipc.size());
        REQUIRE(p.applicants.size() == p.applicant_types.size());
        REQUIRE(!p.applicants.empty());
        for (const double v : p.indicators) REQUIRE(v >= 0.0);
        CHECK(p.indicators[4] == static_cast<double>(p.ipc.size()));
        CHECK(p.indicators[5] == static_cast<double>(p.applicants.size()));
        CHECK(p.indicators[7] <= p.indicators[6]);  // filing countries <= family size
        CHECK(p.indicators[8] <= p.indicators[7]);  // developed <= all filing countries
        ++country[p.country];
        for (std::size_t k = 0; k < p.ipc.size(); ++k) {
            const auto& sub = synthetic_corpus::subclasses()[static_cast<std::size_t>(p.subclass_ids[k])];
            CHECK(p.ipc[k].compare(0, 4, sub) == 0);
            ++subclass_count[p.subclass_ids[k]];
            if (k > 0) {
                ++pairs;
                if (p.ipc[k][0] == p.ipc[0][0]) ++same_section_pairs;
            }
        }
    }
    CHECK(country.size() == 40);
    CHECK(country["US"] > country["TH"] * 10);  // Zipf(1): share ratio 40 in expectation
    // Codes after the first keep its section with probability >= same_section (0.7).
    CHECK(static_cast<double>(same_section_pairs) / pairs > 0.7);
    // Subclass popularity is heavy-tailed: the top 10% of subclasses carry > 40% of codes.
    std::vector<int> counts;
    for (const auto& kv : subclass_count) counts.push_back(kv.second);
    std::sort(counts.rbegin(), counts.rend());
    long long total = 0, top = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        total += counts[k];
        if (k < synthetic_corpus::subclasses().size() / 10) top += counts[k];
    }
    CHECK(static_cast<double>(top) / static_cast<double>(total) > 0.4);
}

TEST_CASE("synthetic: the canonical CSV reads back with the same values") {
    synthetic_options o;
    o.records = 3000;
    const synthetic_corpus c(o);
    std::stringstream ss;
    c.write_csv(ss);
    techconv::io::csv_options copts;
    copts.require_consistent_width = true;
    techconv::io::csv_reader r(ss, "synthetic.csv", copts);
    REQUIRE(r.header().size() == 16);
    const auto ipc = r.require_column("ipc");
    const auto claims = r.require_column("claims");
    techconv::index i = 0;
    while (r.next()) {
        const auto p = c.record(i++);
        const auto codes = techconv::io::split_list(r[ipc], ";;");
        REQUIRE(codes.size() == p.ipc.size());
        for (std::size_t k = 0; k < codes.size(); ++k) CHECK(codes[k] == p.ipc[k]);
        double v = -1;
        REQUIRE(r.double_field(claims, v));
        CHECK(v == p.indicators[2]);
    }
    CHECK(i == 3000);
    Eigen::MatrixXd m(5, 9);
    c.indicators_into(10, m);
    CHECK(m(2, 6) == c.record(12).indicators[6]);
}

TEST_CASE("synthetic: canonical CSV header names are unique") {
    synthetic_options o;
    o.records = 1;
    std::stringstream ss;
    synthetic_corpus(o).write_csv(ss);
    techconv::io::csv_reader r(ss);
    const std::set<std::string> names(r.header().begin(), r.header().end());
    CHECK(names.size() == r.header().size());
}
