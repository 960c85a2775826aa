// Tests of incidence, co-occurrence, the graph type, degree/strength and the
// section view. Small cases are checked against hand computations written
// next to them; the real-data cases against SciPy's sparse A^T A run by
// tests/cograph/cooc_reference.py on the same CSV.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cograph_test.hpp"

namespace cg = techconv::cograph;
using idx = techconv::index;
using cograph_test::ipc_level;

namespace {

// Three records: {A1, B1, A1 (duplicate)}, {A1, B1, C1}, {C1}.
cg::incidence<std::string> small_incidence(cg::code_selection sel = cg::code_selection::all) {
    cg::incidence_options o;
    o.selection = sel;
    cg::incidence_builder<std::string> b(o);
    b.add_record(std::vector<std::string>{"B1", "A1", "A1"});
    b.add_record(std::vector<std::string>{"C1", "A1", "B1"});
    b.add_record(std::vector<std::string>{"C1"});
    return b.finish();
}

double entry(const cg::sparse_matrix& c, idx i, idx j) { return c.coeff(i, j); }

// Compares our matrix with the reference script's "n nnz / labels / i j v" output.
void check_against_reference(const cg::sparse_matrix& c, const std::vector<std::string>& labels,
                             const std::string& out, double rel) {
    std::istringstream in(out);
    idx n = 0, nnz = 0;
    in >> n >> nnz;
    REQUIRE(n == c.rows());
    REQUIRE(nnz == c.nonZeros());
    for (idx i = 0; i < n; ++i) {
        std::string l;
        in >> l;
        REQUIRE(l == labels[static_cast<std::size_t>(i)]);
    }
    idx bad = 0;
    for (idx k = 0; k < nnz; ++k) {
        idx i = 0, j = 0;
        double v = 0;
        in >> i >> j >> v;
        if (!techconv_test::close(c.coeff(i, j), v, rel)) ++bad;
    }
    CHECK(bad == 0);
}

}  // namespace

TEST_CASE("incidence: keys numbered in order, duplicates once, first-only selection") {
    const auto a = small_incidence();
    REQUIRE(a.records == 3);
    REQUIRE(a.codes == 3);
    CHECK(a.labels == std::vector<std::string>{"A1", "B1", "C1"});
    CHECK(a.nnz() == 6);  // 2 + 3 + 1 after removing the repeated A1
    CHECK(a.codes_of_size(0) == 2);
    CHECK(a.codes_of(1)[0] == 0);
    CHECK(a.codes_of(1)[2] == 2);
    const auto occ = a.occurrences();
    CHECK(occ[0] == 2);
    CHECK(occ[1] == 2);
    CHECK(occ[2] == 2);
    const auto sp = a.to_sparse();
    CHECK(sp.nonZeros() == 6);
    CHECK(sp.coeff(2, 2) == 1.0);
    CHECK(sp.coeff(2, 0) == 0.0);

    const auto f = small_incidence(cg::code_selection::first_only);
    CHECK(f.nnz() == 3);  // B1, C1, C1
    CHECK(f.labels == std::vector<std::string>{"B1", "C1"});
}

TEST_CASE("incidence: projection rejects codes and counts them, integer keys, empty records") {
    cg::incidence_builder<int> b;
    auto proj = [](int x) -> std::optional<int> {
        if (x < 0) return std::nullopt;
        return x / 10;
    };
    b.add_record(std::vector<int>{11, 12, 25, -1}, proj);  // {1, 2}, one rejected
    b.add_record(std::vector<int>{-5}, proj);              // empty
    const auto a = b.finish();
    CHECK(a.rejected_codes == 2);
    CHECK(a.empty_records == 1);
    CHECK(a.records == 2);
    CHECK(a.labels == std::vector<int>{1, 2});
    CHECK(cg::label_strings(a) == std::vector<std::string>{"1", "2"});
}

TEST_CASE("co-occurrence: full and fractional counting by hand") {
    const auto a = small_incidence();
    const auto c = cg::cooccurrence(a);
    // A1-B1 share records 0 and 1; A1-C1 and B1-C1 share record 1.
    CHECK(entry(c, 0, 1) == 2);
    CHECK(entry(c, 1, 0) == 2);
    CHECK(entry(c, 0, 2) == 1);
    CHECK(entry(c, 1, 2) == 1);
    CHECK(entry(c, 0, 0) == 2);
    CHECK(entry(c, 2, 2) == 2);
    CHECK(c.nonZeros() == 9);
    cg::cooccurrence_options o;
    o.method = techconv::records::counting::link_fractional;
    const auto f = cg::cooccurrence(a, o);
    // record 0 (k = 2) adds 1 to A1-B1; record 1 (k = 3) adds 1/2 to each pair.
    CHECK(entry(f, 0, 1) == doctest::Approx(1.5));
    CHECK(entry(f, 0, 2) == doctest::Approx(0.5));
    CHECK(entry(f, 2, 2) == 2);  // diagonal stays the occurrences
    // subsets: record 2 alone has only C1; records {0, 0} count record 0 twice
    const auto s = cg::cooccurrence(a, std::vector<idx>{2});
    CHECK(s.nonZeros() == 1);
    CHECK(entry(s, 2, 2) == 1);
    const auto s2 = cg::cooccurrence(a, cg::selected_records({true, false, false}));
    CHECK(entry(s2, 0, 1) == 1);
    CHECK(entry(s2, 2, 2) == 0);
    CHECK_THROWS_AS(cg::cooccurrence(a, std::vector<idx>{3}), techconv::invalid_argument);
}

TEST_CASE("co-occurrence: degenerate incidences") {
    cg::incidence_builder<std::string> b;
    const auto empty = b.finish();
    CHECK(cg::cooccurrence(empty).rows() == 0);
    b.add_record(std::vector<std::string>{});
    b.add_record(std::vector<std::string>{"X"});
    const auto one = b.finish();
    const auto c = cg::cooccurrence(one);
    REQUIRE(c.rows() == 1);
    CHECK(c.coeff(0, 0) == 1);
    const auto g = cg::make_graph(one, c);
    CHECK(g.num_nodes() == 1);
    CHECK(g.num_edges() == 0);
    CHECK(g.node_weight(0) == 1);
    CHECK(cg::strength(g)[0] == 0);
}

namespace {

// Seeded random incidence: `records` rows of 0..12 distinct codes out of n,
// skewed towards small ids (u^3), and code 0 on about a third of the rows,
// so that low codes get dense rows (many partners) and high codes sparse ones.
cg::incidence_matrix random_incidence(idx records, idx n, std::uint64_t seed) {
    auto next = [&seed]() {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(seed >> 11) * 0x1.0p-53;
    };
    cg::incidence_matrix a;
    a.records = records;
    a.codes = n;
    std::vector<std::int32_t> rec;
    for (idx r = 0; r < records; ++r) {
        rec.clear();
        const auto k = static_cast<int>(13.0 * next() * next());
        if (next() < 0.33) rec.push_back(0);
        for (int q = 0; q < k; ++q) {
            const double u = next();
            rec.push_back(static_cast<std::int32_t>(static_cast<double>(n) * u * u * u));
        }
        std::sort(rec.begin(), rec.end());
        rec.erase(std::unique(rec.begin(), rec.end()), rec.end());
        a.code_ids.insert(a.code_ids.end(), rec.begin(), rec.end());
        a.record_offsets.push_back(static_cast<idx>(a.code_ids.size()));
    }
    return a;
}

// Reference by another method: every (i, j, weight) of every selected record
// listed, sorted by (j, i) and summed in runs; column-major (row, col, value).
struct entry_ref {
    idx row, col;
    double value;
};
std::vector<entry_ref> pair_list_reference(const cg::incidence_matrix& a, const std::vector<idx>& rows, bool frac) {
    std::vector<std::pair<std::uint64_t, double>> all;
    for (const idx r : rows) {
        const auto k = a.codes_of_size(r);
        const std::int32_t* p = a.codes_of(r);
        for (idx x = 0; x < k; ++x)
            for (idx y = 0; y < k; ++y) {
                const double w = x == y ? 1.0 : (frac ? 1.0 / static_cast<double>(k - 1) : 1.0);
                all.emplace_back((static_cast<std::uint64_t>(p[y]) << 32) | static_cast<std::uint64_t>(p[x]), w);
            }
    }
    std::sort(all.begin(), all.end());
    std::vector<entry_ref> out;
    for (std::size_t u = 0; u < all.size(); ++u) {
        const idx col = static_cast<idx>(all[u].first >> 32), row = static_cast<idx>(all[u].first & 0xFFFFFFFFULL);
        if (!out.empty() && out.back().row == row && out.back().col == col)
            out.back().value += all[u].second;
        else
            out.push_back({row, col, all[u].second});
    }
    return out;
}

// Stored entries of C in column-major order equal the reference (rel = 0: exactly).
void check_stored(const cg::sparse_matrix& c, const std::vector<entry_ref>& want, double rel) {
    REQUIRE(c.isCompressed());
    REQUIRE(c.nonZeros() == static_cast<idx>(want.size()));
    std::size_t u = 0;
    idx bad = 0;
    for (idx j = 0; j < c.outerSize(); ++j)
        for (cg::sparse_matrix::InnerIterator it(c, j); it; ++it, ++u) {
            const auto& e = want[u];
            if (it.row() != e.row || j != e.col) ++bad;
            else if (rel == 0.0 ? it.value() != e.value : !techconv_test::close(it.value(), e.value, rel)) ++bad;
        }
    CHECK(bad == 0);
}

bool same_bits(const cg::sparse_matrix& x, const cg::sparse_matrix& y) {
    if (x.rows() != y.rows() || x.nonZeros() != y.nonZeros()) return false;
    for (idx j = 0; j <= x.outerSize(); ++j)
        if (x.outerIndexPtr()[j] != y.outerIndexPtr()[j]) return false;
    for (idx k = 0; k < x.nonZeros(); ++k)
        if (x.innerIndexPtr()[k] != y.innerIndexPtr()[k] || x.valuePtr()[k] != y.valuePtr()[k]) return false;
    return true;
}

}  // namespace

TEST_CASE("co-occurrence: every kernel path equals a sorted pair list, same bits for 1, 2 and 3 threads") {
    // n <= 1024: dense triangle (1024 is the largest such n); 1025 and 3000:
    // buckets with 16-bit partners; 70000: buckets with 32-bit partners. The
    // skewed codes give rows dense enough for the bitmap listing (code 0 meets
    // most codes) and rows of a few partners (sorted), on every bucket size.
    // 150,000 records make several record chunks (65,536 records each) and
    // several partial triangles in the dense fractional path.
    struct shape {
        idx records, codes;
    };
    for (const shape sh : {shape{150000, 40}, shape{3000, 1024}, shape{20000, 1025}, shape{150000, 3000},
                           shape{60000, 70000}}) {
        CAPTURE(sh.codes);
        const auto a = random_incidence(sh.records, sh.codes, 7 + static_cast<std::uint64_t>(sh.codes));
        std::vector<idx> all(static_cast<std::size_t>(a.records));
        for (idx r = 0; r < a.records; ++r) all[static_cast<std::size_t>(r)] = r;
        // a subset with a repeated record, out of order
        std::vector<idx> subset;
        for (idx r = a.records - 1; r >= 0; r -= 3) subset.push_back(r);
        subset.push_back(a.records / 2);
        for (const bool frac : {false, true}) {
            CAPTURE(frac);
            cg::cooccurrence_options o;
            o.method = frac ? techconv::records::counting::link_fractional : techconv::records::counting::full;
            const auto c1 = cg::cooccurrence(a, o);
            // full counting adds integers: exact; fractional sums 1/(k-1) in another order
            check_stored(c1, pair_list_reference(a, all, frac), frac ? 1e-12 : 0.0);
            for (const int t : {2, 3}) {
                o.threads = t;
                CHECK(same_bits(c1, cg::cooccurrence(a, o)));
            }
            o.threads = 1;
            const auto s1 = cg::cooccurrence(a, subset, o);
            check_stored(s1, pair_list_reference(a, subset, frac), frac ? 1e-12 : 0.0);
            o.threads = 2;
            CHECK(same_bits(s1, cg::cooccurrence(a, subset, o)));
        }
    }
}

TEST_CASE("family merging unions codes of grouped records") {
    const auto a = small_incidence();
    idx dropped = -1;
    // records 0 and 1 form family 0; record 2 is left out
    const auto m = cg::merge_records(a, {0, 0, techconv::no_index}, &dropped);
    CHECK(dropped == 1);
    REQUIRE(m.records == 1);
    CHECK(m.codes_of_size(0) == 3);
    const auto c = cg::cooccurrence(m);
    CHECK(c.coeff(0, 1) == 1);  // one family holds A1 and B1
    CHECK(c.coeff(2, 2) == 1);
    CHECK_THROWS_AS(cg::merge_records(a, {0, 1}), techconv::invalid_argument);
}

TEST_CASE("graph: from co-occurrence with filters, from edges with self-loops and duplicates") {
    const auto a = small_incidence();
    const auto c = cg::cooccurrence(a);
    const auto g = cg::make_graph(a, c);
    REQUIRE(g.num_nodes() == 3);
    CHECK(g.num_edges() == 3);
    CHECK(g.label(1) == "B1");
    // strength of A1 = 2 (with B1) + 1 (with C1)
    const auto s = cg::strength(g);
    CHECK(s[0] == 3);
    CHECK(s[2] == 2);
    CHECK(cg::degree(g)[0] == 2);
    CHECK(cg::ranking(s) == std::vector<idx>{0, 1, 2});  // 3, 3, 2: tie A1/B1 by id

    cg::graph_options o;
    o.min_weight = 2;
    const auto h = cg::make_graph(a, c, o);
    CHECK(h.num_nodes() == 3);
    CHECK(h.num_edges() == 1);
    o.drop_isolated = true;
    const auto h2 = cg::make_graph(a, c, o);
    CHECK(h2.num_nodes() == 2);
    CHECK(h2.labels() == std::vector<std::string>{"A1", "B1"});
    cg::graph_options t;
    t.top_nodes = 2;  // occurrences 2, 2, 2: the two lowest ids win the tie
    const auto h3 = cg::make_graph(a, c, t);
    CHECK(h3.labels() == std::vector<std::string>{"A1", "B1"});
    CHECK(h3.num_edges() == 1);

    std::vector<cg::edge> es{{0, 1, 1.0}, {1, 0, 2.0}, {2, 2, 5.0}, {1, 2, 0.5}};
    const auto e = cg::graph::from_edges(4, es);
    CHECK(e.num_edges() == 2);
    CHECK(e.dropped_self_loops() == 1);
    CHECK(e.neighbors(0).weight(0) == 3.0);  // parallel edges summed
    CHECK(e.degree(3) == 0);
    CHECK(e.total_weight() == 3.5);
    cg::edge_list_options strict;
    strict.self_loops = cg::self_loop_policy::reject;
    CHECK_THROWS_AS(cg::graph::from_edges(4, es, {}, strict), techconv::invalid_argument);
    CHECK_THROWS_AS(cg::graph::from_edges(2, {{0, 2, 1.0}}), techconv::invalid_argument);
    CHECK_THROWS_AS(cg::graph::from_edges(2, {{0, 1, -1.0}}), techconv::invalid_argument);
    const cg::graph empty;
    CHECK(empty.num_nodes() == 0);
    CHECK(cg::density(empty) == 0);
    CHECK(cg::strength(empty).size() == 0);
}

TEST_CASE("section view, density, components by hand") {
    // A01-A02 (3), A01-H04 (1), G06-H04 (2); node X99 isolated.
    const auto g = cg::graph::from_edges(5, {{0, 1, 3}, {0, 3, 1}, {2, 3, 2}}, {"A01", "A02", "G06", "H04", "X99"});
    const auto sv = cg::section_view(g);
    CHECK(sv.sections == std::vector<std::string>{"A", "G", "H", "X"});
    CHECK(sv.covered() == 4);
    CHECK(sv.within_links == 1);
    CHECK(sv.within_weight == 3);
    CHECK(sv.cross_links == 2);
    CHECK(sv.cross_weight == 3);
    CHECK(sv.links(0, 2) == 1);
    CHECK(sv.weights(1, 2) == 2);
    CHECK(sv.nodes == std::vector<idx>{2, 1, 1, 1});
    CHECK(cg::density(g) == doctest::Approx(3.0 / 10.0));
    const auto cc = cg::connected_components(g);
    CHECK(cc.count == 2);
    CHECK(cc.sizes == std::vector<idx>{4, 1});
    CHECK(cc.membership[4] == 1);
    CHECK(cc.largest == 0);
}

TEST_CASE("real data: co-occurrence equals SciPy A^T A (subclass, main group, fractional, subset, families)" *
          doctest::test_suite("data")) {
    const std::string csv = cograph_test::lens_path();
    for (const ipc_level lv : {ipc_level::subclass, ipc_level::main_group}) {
        CAPTURE(cograph_test::level_name(lv));
        const auto d = cograph_test::load_lens(lv);
        CHECK(d.inc.records == 3779);  // PROVENANCE.md: 3,779 records
        cg::cooccurrence_options two;
        two.threads = 2;
        const auto c = cg::cooccurrence(d.inc);
        const auto c2 = cg::cooccurrence(d.inc, two);
        CHECK(c.isApprox(c2, 0.0));  // same bits for any thread count
        check_against_reference(c, d.inc.labels,
                                techconv_test::run_python("cograph/cooc_reference.py",
                                                          {csv, cograph_test::level_name(lv), "full"}),
                                0.0);
        cg::cooccurrence_options frac;
        frac.method = techconv::records::counting::link_fractional;
        check_against_reference(cg::cooccurrence(d.inc, frac), d.inc.labels,
                                techconv_test::run_python("cograph/cooc_reference.py",
                                                          {csv, cograph_test::level_name(lv), "fractional"}),
                                1e-12);
        // degree and strength of the graph follow exactly from the matrix rows
        const auto g = cg::make_graph(d.inc, c);
        const auto s = cg::strength(g);
        const auto deg = cg::degree(g);
        idx bad = 0;
        for (idx v = 0; v < g.num_nodes(); ++v) {
            double rs = 0, rd = 0;
            for (cg::sparse_matrix::InnerIterator it(c, v); it; ++it)
                if (it.row() != v) {
                    rs += it.value();
                    rd += 1;
                }
            if (rs != s[v] || rd != deg[v]) ++bad;
        }
        CHECK(bad == 0);
    }
    // subset: CN records, chosen by mask, without rebuilding the incidence
    const auto d = cograph_test::load_lens(ipc_level::subclass);
    std::vector<bool> cn(d.jurisdiction.size());
    for (std::size_t i = 0; i < cn.size(); ++i) cn[i] = d.jurisdiction[i] == "CN";
    const auto c_cn = cg::cooccurrence(d.inc, cg::selected_records(cn));
    // the reference renumbers codes over the subset: compare on the codes present
    std::vector<idx> present;
    for (idx i = 0; i < c_cn.rows(); ++i)
        if (c_cn.coeff(i, i) > 0) present.push_back(i);
    std::vector<idx> map(static_cast<std::size_t>(c_cn.rows()), -1);
    std::vector<std::string> sub_labels;
    for (std::size_t k = 0; k < present.size(); ++k) {
        map[static_cast<std::size_t>(present[k])] = static_cast<idx>(k);
        sub_labels.push_back(d.inc.labels[static_cast<std::size_t>(present[k])]);
    }
    std::vector<Eigen::Triplet<double>> trip;
    for (idx j = 0; j < c_cn.cols(); ++j)
        for (cg::sparse_matrix::InnerIterator it(c_cn, j); it; ++it)
            trip.emplace_back(static_cast<int>(map[static_cast<std::size_t>(it.row())]),
                              static_cast<int>(map[static_cast<std::size_t>(j)]), it.value());
    cg::sparse_matrix compact(static_cast<idx>(present.size()), static_cast<idx>(present.size()));
    compact.setFromTriplets(trip.begin(), trip.end());
    check_against_reference(compact, sub_labels,
                            techconv_test::run_python("cograph/cooc_reference.py",
                                                      {csv, "subclass", "full", "jurisdiction=CN"}),
                            0.0);
    // families: records grouped by their first priority number (a simple-family proxy)
    std::map<std::string, idx> fam;
    std::vector<idx> group_of;
    for (const auto& p : d.first_priority) {
        auto it = fam.find(p);
        if (it == fam.end()) it = fam.emplace(p, static_cast<idx>(fam.size())).first;
        group_of.push_back(it->second);
    }
    const auto merged = cg::merge_records(d.inc, group_of);
    CHECK(merged.records < d.inc.records);
    check_against_reference(cg::cooccurrence(merged), merged.labels,
                            techconv_test::run_python("cograph/cooc_reference.py",
                                                      {csv, "subclass", "full", "all", "priority"}),
                            0.0);
}
