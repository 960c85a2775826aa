// The one incidence type and the one counting vocabulary (issue 16, point 2):
// records::counting's formulas, records::cooccurrence on a hand example, and
// closeness::count_collaboration (which now takes N_ij from
// records::cooccurrence) bit for bit against the per-record triplet sums of
// closeness::add_record_counts, the engine it replaced, on both kernel paths
// (dense triangle for <= 1024 actors, buckets above).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/SparseCore>

#include "techconv/closeness/counting.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/records/cooccurrence.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/records/labels.hpp"

namespace tc = techconv::closeness;
namespace rec = techconv::records;
using idx = techconv::index;

namespace {

double coeff_at(const Eigen::SparseMatrix<double>& m, idx i, idx j) { return m.coeff(i, j); }

// The triplet engine that count_collaboration used before it shared records::cooccurrence.
tc::collaboration_counts triplet_counts(const tc::actor_records& r, const tc::count_options& o) {
    tc::collaboration_counts c;
    const idx m = r.actor_count();
    c.n = Eigen::VectorXd::Zero(m);
    std::vector<Eigen::Triplet<double>> t;
    for (idx i = 0; i < r.size(); ++i) tc::add_record_counts(r.actors(i), o, c.n, t);
    c.pairs.resize(m, m);
    c.pairs.setFromTriplets(t.begin(), t.end());
    c.pairs.makeCompressed();
    return c;
}

bool same_bits(const Eigen::SparseMatrix<double>& a, const Eigen::SparseMatrix<double>& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols() || a.nonZeros() != b.nonZeros()) return false;
    for (idx k = 0; k < a.outerSize(); ++k) {
        Eigen::SparseMatrix<double>::InnerIterator x(a, k), y(b, k);
        for (; x && y; ++x, ++y)
            if (x.row() != y.row() || x.value() != y.value()) return false;
        if (x || y) return false;
    }
    return true;
}

// A deterministic corpus: `records` records with 1..6 actors out of `actors`.
tc::actor_records corpus(idx records, std::uint32_t actors) {
    tc::actor_records r;
    for (std::uint32_t a = 0; a < actors; ++a) r.intern("a" + std::to_string(a));
    std::uint64_t s = 0x9E3779B97F4A7C15ULL;
    auto next = [&] {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    };
    std::vector<techconv::label_id> ids;
    for (idx i = 0; i < records; ++i) {
        ids.clear();
        const auto k = 1 + next() % 6;
        for (std::uint64_t q = 0; q < k; ++q) ids.push_back(static_cast<techconv::label_id>(next() % actors));
        r.add_ids("", static_cast<techconv::year_type>(2000 + i % 5), ids);
    }
    return r;
}

}  // namespace

TEST_CASE("records::counting: each name says its formula") {
    // hand values for a record with k = 3 labels (3 pairs)
    CHECK(rec::pair_weight(rec::counting::full, 3) == 1.0);
    CHECK(rec::pair_weight(rec::counting::fractional, 3) == doctest::Approx(1.0 / 3.0));      // 2/(3*2)
    CHECK(rec::pair_weight(rec::counting::link_fractional, 3) == doctest::Approx(0.5));       // 1/(3-1)
    CHECK(rec::actor_weight(rec::counting::fractional, 3) == doctest::Approx(1.0 / 3.0));     // 1/k
    CHECK(rec::actor_weight(rec::counting::link_fractional, 3) == 1.0);
    CHECK(std::string(rec::to_string(rec::counting::link_fractional)) == "link_fractional");
    // closeness names the same type
    CHECK(std::is_same_v<tc::counting, rec::counting>);
}

TEST_CASE("records::cooccurrence: the three modes on a hand example") {
    // {A, B}, {A, B, C}, {C}: ids ascending A = 0, B = 1, C = 2
    rec::incidence_builder<std::string> b;
    b.add_record(std::vector<std::string>{"B", "A"});
    b.add_record(std::vector<std::string>{"C", "A", "B"});
    b.add_record(std::vector<std::string>{"C"});
    const auto a = b.finish();
    rec::pair_count_options o;
    const auto full = rec::cooccurrence(a, o);
    CHECK(coeff_at(full, 0, 1) == 2.0);  // records 0 and 1
    CHECK(coeff_at(full, 2, 2) == 2.0);  // C occurs in records 1 and 2
    o.mode = rec::counting::fractional;
    const auto frac = rec::cooccurrence(a, o);
    CHECK(coeff_at(frac, 0, 1) == doctest::Approx(1.0 + 1.0 / 3.0));  // 2/(2*1) + 2/(3*2)
    CHECK(coeff_at(frac, 0, 2) == doctest::Approx(1.0 / 3.0));
    CHECK(coeff_at(frac, 1, 1) == 2.0);  // the diagonal is the occurrences in every mode
    o.mode = rec::counting::link_fractional;
    const auto link = rec::cooccurrence(a, o);
    CHECK(coeff_at(link, 0, 1) == doctest::Approx(1.5));  // 1/(2-1) + 1/(3-1)
    CHECK(coeff_at(link, 1, 2) == doctest::Approx(0.5));
    // the optional columns: absent here, so every year is unknown
    CHECK(a.year(0) == techconv::no_year);
}

TEST_CASE("closeness::actor_records holds a records::incidence_matrix") {
    tc::actor_records r;
    r.add("W1", 2019, std::vector<std::string>{"US", "CN", "US"});
    r.add("W2", 2020, std::vector<std::string>{"JP"});
    const rec::incidence_matrix& m = r.matrix();
    CHECK(m.records == 2);
    CHECK(m.codes == 3);
    CHECK(m.codes_of_size(0) == 2);  // US once
    CHECK(m.year(1) == 2020);
    CHECK(m.record_ids[0] == "W1");
    CHECK(r.actors(0).contains(r.find("CN")));
    CHECK_FALSE(r.actors(1).contains(r.find("CN")));
}

TEST_CASE("closeness::actor_records interns as records::label_pool does") {
    // 5000 distinct labels (the pool's table grows nine times from 16 slots), each offered in
    // three records; the expected ids come from a label_pool fed the same labels in the same order,
    // the expected duplicates from the input (every 7th record repeats the identifier 3 before it).
    tc::actor_records r;
    rec::label_pool pool;
    std::vector<std::string> dup_expected;
    std::vector<std::string> ids;
    for (int i = 0; i < 15000; ++i) {
        const std::string a = "actor " + std::to_string((i * 7919) % 5000);
        const std::string b = std::string("x\0y", 3) + std::to_string(i % 11);  // an embedded NUL
        const std::string id = i % 7 == 6 ? ids[static_cast<std::size_t>(i - 3)] : "W" + std::to_string(i);
        const bool repeated = i % 7 == 6;
        ids.push_back(id);
        if (repeated) dup_expected.push_back(id);
        CHECK(r.add(id, 2000, std::vector<std::string>{a, b, ""}) == !repeated);
        if (!repeated) {
            pool.intern(a);
            pool.intern(b);
            pool.intern("");
        }
    }
    CHECK(r.add("", 2000, std::vector<std::string>{"new"}));  // an empty identifier is never a duplicate
    CHECK(r.add("", 2001, std::vector<std::string>{"new"}));
    pool.intern("new");
    REQUIRE(static_cast<std::size_t>(r.actor_count()) == pool.size());
    REQUIRE(r.labels().size() == pool.size());
    for (std::size_t k = 0; k < pool.size(); ++k) {
        const auto id = static_cast<techconv::label_id>(k);
        CHECK(r.label(id) == pool.view(static_cast<rec::label_index>(k)));
        CHECK(r.labels()[k] == r.label(id));
        CHECK(r.find(r.label(id)) == id);
        CHECK(r.intern(r.label(id)) == id);  // interning a known label (through a view of its own text) adds nothing
    }
    CHECK(static_cast<std::size_t>(r.actor_count()) == pool.size());
    CHECK(r.matrix().codes == r.actor_count());
    CHECK(r.find("x") == techconv::no_label);  // a prefix of "x\0y..." only
    CHECK(r.find("actor 5000") == techconv::no_label);
    CHECK(r.duplicates() == dup_expected);
    CHECK(r.size() == static_cast<idx>(15000 - dup_expected.size() + 2));
    CHECK_THROWS_AS(r.label(static_cast<techconv::label_id>(pool.size())), techconv::invalid_argument);
}

TEST_CASE("count_collaboration on the shared engine equals the triplet sums bit for bit") {
    // 300 actors: dense-triangle path; 3000 actors: bucket path
    for (const std::uint32_t actors : {300u, 3000u}) {
        const tc::actor_records r = corpus(4000, actors);
        for (const auto mode : {rec::counting::full, rec::counting::fractional, rec::counting::link_fractional})
            for (const auto denom : {tc::denominator::international, tc::denominator::all_records}) {
                CAPTURE(actors);
                CAPTURE(rec::to_string(mode));
                tc::count_options o;
                o.mode = mode;
                o.denom = denom;
                const auto got = tc::count_collaboration(r, o);
                const auto want = triplet_counts(r, o);
                CHECK(same_bits(got.pairs, want.pairs));
                CHECK((got.n.array() == want.n.array()).all());
                for (idx i = 0; i < got.pairs.rows(); ++i) CHECK(coeff_at(got.pairs, i, i) == 0.0);
            }
    }
}
