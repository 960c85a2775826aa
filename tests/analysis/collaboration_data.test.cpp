// Real exports: per-record country sets of the C++ readers against an
// independent Python extraction (country_reference.py: last comma token of
// each address + its own alias map over the ISO names CSV), on at least 99%
// of records; every disagreement must be listed and explained in
// country_disagreements.txt (and every listed one must still occur). Then
// N_i, N_ij and Salton of the reference's top pairs (numpy B^T B) against
// count_collaboration() + closeness_matrix(), on the actor records of
// analysis::country_records() (moved here from tests/closeness/ with it).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "techconv/analysis/collaboration.hpp"
#include "techconv/closeness.hpp"
#include "techconv/io/scopus.hpp"
#include "techconv/io/wos.hpp"
#include "test_support.hpp"

namespace io = techconv::io;
namespace tc = techconv::closeness;

namespace {

struct ref_record {
    std::string year;
    std::string countries;  // "CN,US" or "-"
};
struct ref_pair {
    std::string a, b;
    double n_ab = 0, n_a = 0, n_b = 0, salton = 0;
};
struct reference {
    std::map<std::string, ref_record> records;
    std::vector<std::string> order;
    std::vector<ref_pair> pairs;
};

reference run_reference(const std::string& format, const std::string& path) {
    const auto codes = techconv_test::data_path("ref-country-codes/country-codes.csv");
    const auto out = techconv_test::run_python("closeness/country_reference.py", {format, path, codes});
    reference ref;
    std::istringstream in(out);
    std::string kind;
    while (in >> kind) {
        if (kind == "R") {
            std::string id;
            ref_record r;
            in >> id >> r.year >> r.countries;
            ref.records[id] = r;
            ref.order.push_back(id);
        } else if (kind == "P") {
            ref_pair p;
            in >> p.a >> p.b >> p.n_ab >> p.n_a >> p.n_b >> p.salton;
            ref.pairs.push_back(p);
        }
    }
    return ref;
}

std::string joined(const std::vector<std::string>& v) {
    if (v.empty()) return "-";
    std::string s;
    for (const auto& c : v) s += (s.empty() ? "" : ",") + c;
    return s;
}

// "dataset id cpp ref" keys of the explained disagreements (lines starting with '#' are comments).
std::set<std::string> fixture_entries(const std::string& dataset) {
    std::set<std::string> out;
    std::istringstream in(techconv_test::read_file(techconv_test::source_path("closeness/country_disagreements.txt")));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream f(line);
        std::string ds, id, cpp, ref, hash;
        f >> ds >> id >> cpp >> ref >> hash;
        REQUIRE_MESSAGE(hash == "#", "fixture line without an explanation: " << line);
        std::string why;
        std::getline(f, why);
        REQUIRE_MESSAGE(why.size() > 10, "fixture line without an explanation: " << line);
        if (ds == dataset) out.insert(id + " " + cpp + " " + ref);
    }
    return out;
}

std::set<std::string> split_codes(const std::string& s) {
    std::set<std::string> out;
    if (s == "-") return out;
    std::istringstream in(s);
    std::string c;
    while (std::getline(in, c, ',')) out.insert(c);
    return out;
}

void compare_with_reference(const std::string& dataset, const std::string& format, const std::string& path,
                            const io::bibliographic_data& data) {
    const auto ref = run_reference(format, path);
    REQUIRE(ref.records.size() == data.records.size());
    std::set<std::string> disagreements;
    std::map<std::string, int> touched;  // disagreeing records per country (either side)
    for (const auto& r : data.records) {
        const auto it = ref.records.find(r.id);
        REQUIRE_MESSAGE(it != ref.records.end(), "record " << r.id << " missing from the reference");
        CHECK(it->second.year == (r.year == techconv::no_year ? std::string("-") : std::to_string(r.year)));
        const auto mine = joined(r.countries);
        if (mine != it->second.countries) {
            disagreements.insert(r.id + " " + mine + " " + it->second.countries);
            for (const auto& c : split_codes(mine)) ++touched[c];
            for (const auto& c : split_codes(it->second.countries)) ++touched[c];
        }
    }
    const auto explained = fixture_entries(dataset);
    for (const auto& d : disagreements) CHECK_MESSAGE(explained.count(d) == 1, "unexplained disagreement: " << dataset << " " << d);
    for (const auto& e : explained) CHECK_MESSAGE(disagreements.count(e) == 1, "fixture entry no longer disagrees: " << dataset << " " << e);
    const double agree = 1.0 - static_cast<double>(disagreements.size()) / static_cast<double>(data.records.size());
    MESSAGE(dataset << ": " << data.records.size() << " records, " << disagreements.size() << " disagreements");
    CHECK(agree >= 0.99);

    // N_i, N_ij, Salton of the reference's top pairs
    const auto rec = techconv::analysis::country_records(data.records);
    const auto counts = tc::count_collaboration(rec);
    const auto salton = tc::closeness_matrix(counts, tc::salton);
    REQUIRE(ref.pairs.size() >= 10);
    for (const auto& p : ref.pairs) {
        CAPTURE(p.a);
        CAPTURE(p.b);
        const auto a = rec.find(p.a), b = rec.find(p.b);
        REQUIRE(a != techconv::no_label);
        REQUIRE(b != techconv::no_label);
        const auto ia = static_cast<techconv::index>(a), ib = static_cast<techconv::index>(b);
        const int slack = touched[p.a] + touched[p.b];  // records whose sets differ may move the counts
        if (slack == 0) {
            CHECK(counts.pairs.coeff(ia, ib) == p.n_ab);
            CHECK(counts.n[ia] == p.n_a);
            CHECK(counts.n[ib] == p.n_b);
            CHECK(techconv_test::close(salton.values.coeff(ia, ib), p.salton, 1e-12));
        } else {
            CHECK(std::abs(counts.pairs.coeff(ia, ib) - p.n_ab) <= slack);
            CHECK(std::abs(counts.n[ia] - p.n_a) <= slack);
            CHECK(std::abs(counts.n[ib] - p.n_b) <= slack);
        }
    }
}

}  // namespace

TEST_CASE("data: WoS plain text (wos-medicine-metaknowledge)" * doctest::test_suite("data")) {
    const auto path = techconv_test::data_path("wos-medicine-metaknowledge/ManyAuthors.isi");
    const auto d = io::read_wos_tagged(path);
    CHECK(d.records.size() == 500);  // PROVENANCE.md: 500 records, 500 with UT
    CHECK(d.report.skipped == 0);
    CHECK(d.report.duplicates == 0);
    compare_with_reference("wos-medicine-metaknowledge", "wos-tagged", path, d);
}

TEST_CASE("data: WoS tab-delimited (wos-ble-scientopy)" * doctest::test_suite("data")) {
    const auto path = techconv_test::data_path("wos-ble-scientopy/wos_2026_04_02_1000.txt");
    const auto d = io::read_wos_tab(path);
    CHECK(d.records.size() == 1000);  // PROVENANCE.md: 1,000 records
    CHECK(d.report.skipped == 0);
    compare_with_reference("wos-ble-scientopy", "wos-tab", path, d);
}

TEST_CASE("data: Scopus CSV (scopus-ble-iot-scientopy)" * doctest::test_suite("data")) {
    const auto path = techconv_test::data_path("scopus-ble-iot-scientopy/scopus.csv");
    const auto d = io::read_scopus(path);
    CHECK(d.records.size() + d.report.duplicates == 921);  // PROVENANCE.md: 921 records
    CHECK(d.report.skipped == 0);
    compare_with_reference("scopus-ble-iot-scientopy", "scopus", path, d);
}
