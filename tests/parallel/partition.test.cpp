// The distributed algorithms with every process played in one address
// space: uneven partitions (one with zero rows), partial states sent through
// their serial forms and merged in reverse order. Every result must equal
// the single-process result bit for bit (the single-process weighting
// functions are the reference; each expectation says which).
#include <doctest/doctest.h>

#include <techconv/cograph/cooccurrence.hpp>
#include <techconv/cograph/incidence.hpp>
#include <techconv/analysis/profile.hpp>
#include <techconv/records/cooccurrence.hpp>
#include <techconv/records/families.hpp>
#include <techconv/records/patent_table.hpp>
#include <techconv/parallel/collaboration.hpp>
#include <techconv/parallel/cooccurrence.hpp>
#include <techconv/parallel/families.hpp>
#include <techconv/parallel/mergeable.hpp>
#include <techconv/parallel/profile.hpp>
#include <techconv/parallel/serialize.hpp>
#include <techconv/parallel/weighting.hpp>
#include <techconv/testing/synthetic.hpp>
#include <techconv/weighting.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "test_support.hpp"

namespace par = techconv::parallel;
namespace w = techconv::weighting;
using idx = techconv::index;
using techconv::matrix;
using techconv::vector;
using techconv_test::same_bits;
using techconv_test::same_counts;

namespace {

matrix synthetic_indicators(idx n) {
    techconv::testing::synthetic_options o;
    o.records = n;
    o.seed = 77;
    const techconv::testing::synthetic_corpus c(o);
    matrix x(n, 9);
    c.indicators_into(0, x);
    return x;
}

// Real-valued data (the second entropy pass, per-chunk moments) with a cost-free shift of scale.
matrix real_valued(idx n) {
    matrix x(n, 3);
    for (idx i = 0; i < n; ++i) {
        const double t = static_cast<double>(i);
        x(i, 0) = 1.0 + std::fabs(std::sin(t * 0.37)) * 10.0;
        x(i, 1) = std::exp(std::cos(t * 0.011)) + 0.5;
        x(i, 2) = static_cast<double>(i % 17) + 0.25;
    }
    return x;
}

// Old partitions (uneven, one empty) and the aligned ranges derived from them.
struct simulated {
    std::vector<idx> old_b;  // P + 1 boundaries
    std::vector<idx> new_b;  // P + 1 boundaries after chunk alignment
};

simulated partition(idx n, idx chunk_rows) {
    simulated s;
    s.old_b = {0, n / 5 + 3, n / 5 + 3, (2 * n) / 3 + 1, n};  // rank 2 holds no rows
    std::vector<idx> begins(s.old_b.begin(), s.old_b.end() - 1);
    s.new_b = par::chunk_aligned_begins(begins, n, chunk_rows);
    return s;
}

template <class T, class Make, class Read>
T exchange_and_merge(idx ranks, Make make, par::serial_type type, Read read) {
    std::vector<std::vector<unsigned char>> msgs;
    for (idx r = 0; r < ranks; ++r) msgs.push_back(par::to_bytes(type, make(r)));
    T acc{};
    for (idx r = ranks - 1; r >= 0; --r) {  // reverse order: merge order must not matter
        auto& m = msgs[static_cast<std::size_t>(r)];
        par::byte_reader rd = par::open_sealed(m.data(), m.size(), type);
        acc.merge(read(rd));
    }
    return acc;
}

void check_entropy(const matrix& x, const w::entropy_options& opts) {
    const simulated s = partition(x.rows(), opts.chunk_rows);
    const idx P = static_cast<idx>(s.new_b.size()) - 1;
    auto rows = [&](idx r) {
        const auto u = static_cast<std::size_t>(r);
        return x.middleRows(s.new_b[u], s.new_b[u + 1] - s.new_b[u]);
    };
    const w::column_stats st =
        exchange_and_merge<par::column_stats_partial>(
            P,
            [&](idx r) {
                return par::partial_column_stats(rows(r), s.new_b[static_cast<std::size_t>(r)],
                                                 w::detail::entropy_stats_options(opts), opts.chunk_rows);
            },
            par::serial_type::column_stats_partial, par::column_stats_partial::read)
            .finish();
    // reference: the single-process statistics with the same options and chunking
    CHECK(st == w::compute_column_stats(x, w::detail::entropy_stats_options(opts), 2, opts.chunk_rows));
    par::chunk_sums pass;
    if (par::entropy_needs_pass(st, opts))
        pass = exchange_and_merge<par::chunk_sums>(
            P,
            [&](idx r) { return par::partial_entropy_pass(rows(r), s.new_b[static_cast<std::size_t>(r)], st, opts); },
            par::serial_type::chunk_sums, par::chunk_sums::read);
    const w::entropy_result d = par::entropy_from_partials(st, pass, opts);
    const w::entropy_result ref = w::entropy_weights(x, opts);
    CHECK(same_bits(d.weights, ref.weights));
    CHECK(same_bits(d.entropy, ref.entropy));
    CHECK(d.info == ref.info);
    CHECK(d.data_reads == ref.data_reads);
}

}  // namespace

TEST_CASE("partition: aligned begins keep rank order and give empty ranks no rows") {
    // begins 0, 2500, 2500, 9000 of 10000 rows, chunks of 1000:
    // first chunk start at or after each begin: 0, 3000, 3000, 9000, then the total
    const auto nb = par::chunk_aligned_begins({0, 2500, 2500, 9000}, 10000, 1000);
    CHECK(nb == std::vector<idx>{0, 3000, 3000, 9000, 10000});
    // a rank whose rows hold no chunk start gets nothing: 0, 100, 900 in chunks of 1000
    CHECK(par::chunk_aligned_begins({0, 100, 900}, 950, 1000) == std::vector<idx>{0, 950, 950, 950});
}

TEST_CASE("partition: entropy weights of count data equal the single-process result bit for bit") {
    const matrix x = synthetic_indicators(20000);
    w::entropy_options o;
    o.chunk_rows = 1024;
    check_entropy(x, o);
    o.chunk_rows = 1 << 16;  // one chunk: everything moves to rank 0
    check_entropy(x, o);
}

TEST_CASE("partition: entropy weights of real-valued data (second pass) equal bit for bit") {
    const matrix x = real_valued(9000);
    w::entropy_options o;
    o.chunk_rows = 700;
    check_entropy(x, o);
    o.zeros = w::zero_policy::shift;  // every column needs the log pass
    o.directions = {w::direction::cost, w::direction::benefit, w::direction::benefit};
    check_entropy(x, o);
    o.path = w::entropy_path::per_element;  // no histograms at all
    check_entropy(x, o);
}

TEST_CASE("partition: std-dev, CV, CRITIC and MEREC weights equal bit for bit") {
    const matrix x = real_valued(5000);
    w::objective_options o;
    o.chunk_rows = 512;
    const simulated s = partition(x.rows(), o.chunk_rows);
    const idx P = 4;
    auto rows = [&](idx r) {
        const auto u = static_cast<std::size_t>(r);
        return x.middleRows(s.new_b[u], s.new_b[u + 1] - s.new_b[u]);
    };
    auto begin = [&](idx r) { return s.new_b[static_cast<std::size_t>(r)]; };
    const w::column_stats st =
        exchange_and_merge<par::column_stats_partial>(
            P,
            [&](idx r) {
                return par::partial_column_stats(rows(r), begin(r), w::detail::objective_stats_options(), o.chunk_rows);
            },
            par::serial_type::column_stats_partial, par::column_stats_partial::read)
            .finish();
    CHECK(same_bits(w::std_dev_weights(st, o).weights, w::std_dev_weights(x, o).weights));
    CHECK(same_bits(w::cv_weights(st, o).weights, w::cv_weights(x, o).weights));
    const auto cross = exchange_and_merge<par::chunk_sums>(
        P, [&](idx r) { return par::partial_cross_products(rows(r), begin(r), st, o); }, par::serial_type::chunk_sums,
        par::chunk_sums::read);
    CHECK(same_bits(par::critic_from_partials(st, cross, o).weights, w::critic_weights(x, o).weights));
    const auto eff = exchange_and_merge<par::chunk_sums>(
        P, [&](idx r) { return par::partial_merec(rows(r), begin(r), st, o); }, par::serial_type::chunk_sums,
        par::chunk_sums::read);
    CHECK(same_bits(par::merec_from_partials(st, eff, o).weights, w::merec_weights(x, o).weights));
}

TEST_CASE("partition: scores on any partition, and the global top k with ties") {
    const matrix x = synthetic_indicators(12000);
    w::key_core_options ko;
    ko.entropy.chunk_rows = 1000;
    const w::key_core_result ref = w::key_core(x, ko);
    const simulated s = partition(x.rows(), 1000);
    vector all(x.rows());
    for (std::size_t r = 0; r + 1 < s.old_b.size(); ++r) {  // scores on the UNALIGNED partition
        const idx b = s.old_b[r], e = s.old_b[r + 1];
        all.segment(b, e - b) = w::scores(x.middleRows(b, e - b), ref.weighting.weights, ref.weighting.map);
    }
    CHECK(same_bits(all, ref.scores));
    // count data has many tied scores: the selection must follow (score desc, idx asc)
    for (const idx k : {idx{0}, idx{1}, idx{600}, idx{12000}}) {
        const auto t = exchange_and_merge<par::top_candidates>(
            4,
            [&](idx r) {
                const idx b = s.old_b[static_cast<std::size_t>(r)], e = s.old_b[static_cast<std::size_t>(r) + 1];
                return par::partial_top_k(all.segment(b, e - b), b, k);
            },
            par::serial_type::top_candidates, par::top_candidates::read);
        const auto got = t.finish();
        const auto want = w::top_k(all, k);
        CHECK(got.indices == want.indices);
        CHECK(got.threshold == want.threshold);
        CHECK(t.seen() == 12000u);
    }
}

TEST_CASE("partition: misaligned rows and duplicate chunks are rejected") {
    const matrix x = real_valued(100);
    CHECK_THROWS_AS(par::partial_column_stats(x, 10, {}, 64), techconv::invalid_argument);
    par::column_stats_partial a = par::partial_column_stats(x, 0, {}, 64);
    const par::column_stats_partial b = par::partial_column_stats(x, 0, {}, 64);
    CHECK_THROWS_AS(a.merge(b), techconv::invalid_argument);
    // the identity merges with anything
    par::column_stats_partial id;
    id.merge(b);
    CHECK(id.finish() == w::compute_column_stats(x, {}, 1, 64));
    static_assert(par::is_mergeable_v<par::column_stats_partial>);
    static_assert(par::is_mergeable_v<par::chunk_sums>);
    static_assert(par::is_mergeable_v<par::top_candidates>);
}

namespace cl = techconv::closeness;

TEST_CASE("partition: collaboration counts and panels continue bit for bit across processes") {
    const std::vector<idx> cut = {0, 1234, 1234, 2900, 4000};  // the third process holds no records
    techconv::testing::synthetic_options so;
    so.records = 4000;
    const techconv::testing::synthetic_corpus corpus(so);
    const cl::actor_records all = techconv_test::subclass_records(corpus, 0, 4000);
    std::vector<cl::actor_records> local;
    std::vector<std::vector<std::string>> dicts;
    for (std::size_t r = 0; r + 1 < cut.size(); ++r) {
        local.push_back(techconv_test::subclass_records(corpus, cut[r], cut[r + 1]));
        dicts.push_back(local.back().labels());
    }
    const auto labels = par::merge_dictionaries(dicts);
    CHECK(labels == all.labels());  // first appearance over all records
    for (const auto mode : {cl::counting::full, cl::counting::fractional, cl::counting::link_fractional}) {
        cl::count_options o;
        o.mode = mode;
        o.first_year = 2000;  // some records fall outside the period
        cl::collaboration_counts state;
        cl::collaboration_panel panel;
        cl::count_options po = o;
        po.first_year = 1995;
        po.last_year = 2024;
        for (const auto& l : local) {
            const cl::actor_records rec = par::with_dictionary(l, labels);
            // the state travels between processes in its serial form
            const auto bytes = par::to_bytes(par::serial_type::collaboration_counts, par::continue_counts(state, rec, o));
            par::byte_reader rd = par::open_sealed(bytes.data(), bytes.size(), par::serial_type::collaboration_counts);
            state = par::read_collaboration_counts(rd);
            const auto pb = par::to_bytes(par::serial_type::collaboration_panel, par::continue_panel(panel, rec, po));
            par::byte_reader pr = par::open_sealed(pb.data(), pb.size(), par::serial_type::collaboration_panel);
            panel = par::read_collaboration_panel(pr);
        }
        // reference: the single-process counting of all records
        CHECK(same_counts(state, cl::count_collaboration(all, o)));
        const cl::collaboration_panel ref = cl::count_by_year(all, po);
        REQUIRE(panel.years == ref.years);
        bool same = panel.records_without_year == ref.records_without_year && panel.info == ref.info;
        for (std::size_t t = 0; t < ref.years.size(); ++t) same = same && same_counts(panel.counts[t], ref.counts[t]);
        CHECK(same);
    }
}

using techconv_test::subclass_incidence;


TEST_CASE("partition: group profiles from partial states merged in record order equal group_profiles") {
    namespace cv = techconv::convergence;
    const std::vector<idx> cut = {0, 2100, 2100, 5200, 6000};  // the second process holds no records
    techconv::testing::synthetic_options so;
    so.records = 6000;
    const techconv::testing::synthetic_corpus corpus(so);
    for (const auto scope : {cv::profile_scope::key_core, cv::profile_scope::all}) {
        cv::profile_table all;
        for (idx i = 0; i < 6000; ++i) techconv_test::add_synthetic_profile(all, corpus, i);
        par::profile_partial merged(scope);
        for (std::size_t r = 0; r + 1 < cut.size(); ++r) {
            par::profile_partial part(scope);
            for (idx i = cut[r]; i < cut[r + 1]; ++i) techconv_test::add_synthetic_profile(part, corpus, i);
            merged.merge(techconv_test::round_trip(part, par::serial_type::profile_partial, par::profile_partial::read));
        }
        cv::profile_options po;
        po.scope = scope;
        // reference: convergence::group_profiles over all records in one table
        const auto ref = cv::group_profiles(all, po);
        CHECK(merged.records() == 6000);
        CHECK(techconv_test::same_profiles(merged.finish(po), ref));
        if (scope == cv::profile_scope::key_core) CHECK(merged.profiled_records() == ref.key_core);
    }
    CHECK(par::profile_partial().finish().info == techconv::status::empty_input);
    CHECK_THROWS_AS(par::profile_partial(cv::profile_scope::all).merge([] {
        par::profile_partial k;
        k.add("x", true, std::vector<std::string>{"G06F"});
        return k;
    }()), techconv::invalid_argument);
}

TEST_CASE("partition: co-occurrence sums continued process after process equal cograph, full and fractional") {
    namespace cg = techconv::cograph;
    const std::vector<idx> cut = {0, 1500, 1500, 3700, 5000};
    techconv::testing::synthetic_options so;
    so.records = 5000;
    const techconv::testing::synthetic_corpus corpus(so);
    const auto all = subclass_incidence(corpus, 0, 5000);
    std::vector<std::vector<std::string>> dicts;
    for (std::size_t r = 0; r + 1 < cut.size(); ++r) dicts.push_back(subclass_incidence(corpus, cut[r], cut[r + 1]).labels);
    const auto labels = par::merge_code_labels(dicts);
    REQUIRE(labels == all.labels);
    const auto n = static_cast<idx>(labels.size());
    for (const auto method : {techconv::records::counting::full, techconv::records::counting::link_fractional}) {
        cg::cooccurrence_options co;
        co.method = method;
        const cg::sparse_matrix ref = cg::cooccurrence(all, co);  // reference: one process, all records
        // three row blocks, each continued through the processes in order
        std::vector<par::cooccurrence_rows> blocks;
        for (idx b = 0; b < 3; ++b) blocks.push_back(par::cooccurrence_rows::empty(n * b / 3, n * (b + 1) / 3, n));
        cg::sparse_matrix partial_sum(n, n);  // what adding per-process matrices gives
        for (std::size_t r = 0; r + 1 < cut.size(); ++r) {
            const auto a = par::with_code_labels(subclass_incidence(corpus, cut[r], cut[r + 1]), labels);
            const par::cooccurrence_stream stream(a, method);
            for (auto& blk : blocks)
                blk = techconv_test::round_trip(stream.continue_rows(blk), par::serial_type::cooccurrence_rows, par::cooccurrence_rows::read);
            partial_sum = partial_sum + cg::cooccurrence(a, co);
        }
        const cg::sparse_matrix got = par::assemble(blocks, n);
        CHECK(got.nonZeros() == ref.nonZeros());
        CHECK(matrix(got) == matrix(ref));
        // the test can fail: per-process partial sums of 1/(k-1) differ from the record-order sum in the last bits
        if (method == techconv::records::counting::link_fractional) CHECK_FALSE(matrix(partial_sum) == matrix(ref));
        else CHECK(matrix(partial_sum) == matrix(ref));
    }
    // full counting's reduce-scatter step: row ranges of per-process matrices added exactly
    par::cooccurrence_rows acc = par::cooccurrence_rows::empty(0, n, n);
    for (std::size_t r = 0; r + 1 < cut.size(); ++r)
        acc.add(par::cooccurrence_rows::of(
            cg::cooccurrence(par::with_code_labels(subclass_incidence(corpus, cut[r], cut[r + 1]), labels)), 0, n));
    CHECK(matrix(par::assemble({acc}, n)) == matrix(cg::cooccurrence(all)));
    CHECK_THROWS_AS(par::assemble({par::cooccurrence_rows::empty(0, 1, n)}, n), techconv::invalid_argument);
}

TEST_CASE("partition: cooccurrence_stream refuses an as_given incidence, as records::cooccurrence does") {
    namespace rec = techconv::records;
    // three records over codes 0..2: {0, 1, 2}, {0, 2}, {1}; by hand, full counting:
    // C_01 = 1, C_02 = 2, C_12 = 1; diagonal (records holding the code) 2, 2, 2
    rec::incidence_matrix a;
    a.records = 3;
    a.codes = 3;
    a.code_ids = {0, 1, 2, 0, 2, 1};
    a.record_offsets = {0, 3, 5, 6};
    const par::cooccurrence_stream stream(a, rec::counting::full);
    const matrix got = matrix(par::assemble({stream.continue_rows(par::cooccurrence_rows::empty(0, 3, 3))}, 3));
    matrix want(3, 3);
    want << 2, 1, 2,  //
        1, 2, 1,      //
        2, 1, 2;
    CHECK(got == want);
    CHECK(got == matrix(rec::cooccurrence(a)));
    // the same records with their codes in the records' own order: pairs (2, 0) would be
    // bucketed under code 2 with partner 0, so the stream refuses it with the rule of records::cooccurrence
    rec::incidence_matrix given = a;
    given.order = rec::row_order::as_given;
    given.code_ids = {2, 0, 1, 2, 0, 1};
    CHECK_THROWS_WITH_AS(par::cooccurrence_stream(given, rec::counting::full),
                         "techconv: parallel::cooccurrence_stream: the incidence's rows must be ascending "
                         "(row_order::ascending), not in the records' own order",
                         techconv::invalid_argument);
    CHECK_THROWS_AS(par::cooccurrence_stream(given, rec::counting::link_fractional), techconv::invalid_argument);
    CHECK_THROWS_WITH_AS(rec::cooccurrence(given),
                         "techconv: records::cooccurrence: the incidence's rows must be ascending "
                         "(row_order::ascending), not in the records' own order",
                         techconv::invalid_argument);
}

TEST_CASE("partition: simple families of tables merged at the home of their first member equal merge_families") {
    namespace rec = techconv::records;
    techconv::testing::synthetic_options so;
    so.records = 3001;
    const techconv::testing::synthetic_corpus corpus(so);
    std::vector<techconv::io::patent_record> all;  // members of a family far apart: position i is record 7i mod n
    for (idx i = 0; i < 3001; ++i) all.push_back(techconv_test::synthetic_patent(corpus, (i * 7) % 3001));
    const std::vector<idx> begins = {0, 1000, 1000, 2200};  // process 1 holds no records
    const std::vector<idx> cut = {0, 1000, 1000, 2200, 3001};
    const auto P = begins.size();
    const rec::patent_table_options titles{true};
    std::vector<rec::patent_table> tables;  // each process's rows
    for (std::size_t r = 0; r < P; ++r)
        tables.push_back(rec::patent_table::from_records(
            std::vector<techconv::io::patent_record>(all.begin() + cut[r], all.begin() + cut[r + 1]), titles));
    // 1. keys to their owners (the table's keys are the records' keys)
    std::vector<std::vector<std::vector<par::keyed_position>>> sent(P, std::vector<std::vector<par::keyed_position>>(P));
    for (std::size_t r = 0; r < P; ++r)
        for (idx g = cut[r]; g < cut[r + 1]; ++g) {
            const auto key = par::table_family_key(tables[r], static_cast<std::size_t>(g - cut[r]));
            CHECK(key == techconv::io::family_key(all[static_cast<std::size_t>(g)]));
            if (!key.empty()) sent[r][static_cast<std::size_t>(par::family_owner(key, static_cast<int>(P)))].emplace_back(key, g);
        }
    // 2. each owner decides the homes
    std::vector<int> home(3001, -1);
    for (std::size_t o = 0; o < P; ++o) {
        std::vector<std::vector<par::keyed_position>> from(P);
        for (std::size_t r = 0; r < P; ++r) from[r] = sent[r][o];
        const auto homes = par::family_homes(from, begins);
        for (std::size_t r = 0; r < P; ++r)
            for (std::size_t k = 0; k < from[r].size(); ++k) home[static_cast<std::size_t>(from[r][k].second)] = homes[r][k];
    }
    // 3. members away from home travel there as serialised table rows
    std::vector<std::vector<par::positioned_record>> arrived(P);
    std::vector<std::vector<char>> stays(P);
    std::size_t travelled = 0;
    for (std::size_t r = 0; r < P; ++r) {
        std::vector<std::vector<std::size_t>> away(P);
        for (idx g = cut[r]; g < cut[r + 1]; ++g) {
            const int h = home[static_cast<std::size_t>(g)] < 0 ? static_cast<int>(r) : home[static_cast<std::size_t>(g)];
            stays[r].push_back(h == static_cast<int>(r) ? 1 : 0);
            if (h != static_cast<int>(r)) away[static_cast<std::size_t>(h)].push_back(static_cast<std::size_t>(g - cut[r]));
        }
        for (std::size_t h = 0; h < P; ++h) {
            par::byte_writer w;
            par::write_table_rows(w, tables[r], away[h], cut[r]);
            const auto bytes = par::seal(par::serial_type::patent_records, w.data());
            auto rd = par::open_sealed(bytes.data(), bytes.size(), par::serial_type::patent_records, "test");
            for (auto& p : par::read_positioned_records(rd)) arrived[h].push_back(std::move(p));
            par::expect_end(rd);
            travelled += away[h].size();
        }
    }
    REQUIRE(travelled > 100);
    // 4. merged at home, concatenated in process order
    std::vector<techconv::io::patent_record> got;
    for (std::size_t r = 0; r < P; ++r) {
        const auto m = par::merge_families_at_home(std::move(tables[r]), cut[r], stays[r], std::move(arrived[r]));
        for (std::size_t k = 0; k < m.table.size(); ++k) got.push_back(m.table.to_record(k));
    }
    // reference: io::merge_families over all records in one process
    const auto ref = techconv::io::merge_families(all);
    REQUIRE(ref.merged > 500);
    REQUIRE(got.size() == ref.records.size());
    bool same = true;
    for (std::size_t k = 0; k < got.size(); ++k) same = same && techconv_test::same_record(got[k], ref.records[k]);
    CHECK(same);
}

TEST_CASE("partition: first_positions gives each pair its key's smallest position, as a map of the pairs does") {
    // Expected values: a std::map from each key to the smallest position sent with it, built
    // here from the same pairs (the definition), compared pair by pair in sending order.
    // 3 senders, 20,000 pairs over 5,000 keys of 1 to 12 characters (many repeats within and
    // across senders; keys that are prefixes of others), positions in no particular order.
    std::vector<std::vector<par::keyed_position>> from(3);
    std::uint64_t x = 12345;
    const auto next = [&x] {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        return x >> 33;
    };
    for (idx g = 0; g < 20000; ++g) {
        const auto k = next() % 5000;
        const std::string key = std::string(1 + k % 12, static_cast<char>('a' + k % 7)) + std::to_string(k / 84);
        from[next() % 3].emplace_back(key, static_cast<idx>(next() % 1000000));
    }
    from[1].emplace_back("", 7);  // an empty key is a key like any other here
    from[2].emplace_back("", 3);
    std::map<std::string, idx> smallest;
    for (const auto& v : from)
        for (const auto& [k, g] : v) {
            const auto it = smallest.emplace(k, g).first;
            it->second = std::min(it->second, g);
        }
    const auto first = par::first_positions(from);
    REQUIRE(first.size() == from.size());
    std::size_t checked = 0;
    for (std::size_t s = 0; s < from.size(); ++s) {
        REQUIRE(first[s].size() == from[s].size());
        for (std::size_t j = 0; j < from[s].size(); ++j, ++checked) CHECK(first[s][j] == smallest.at(from[s][j].first));
    }
    CHECK(checked == 20002);
    CHECK(par::first_positions({}).empty());
    CHECK(par::first_positions({{}, {}}).size() == 2);
}

TEST_CASE("partition: merge_families_at_home refuses a flag list of another length and arrivals before its rows") {
    namespace rec = techconv::records;
    techconv::testing::synthetic_options so;
    so.records = 10;
    const techconv::testing::synthetic_corpus corpus(so);
    std::vector<techconv::io::patent_record> recs;
    for (idx i = 0; i < 4; ++i) recs.push_back(techconv_test::synthetic_patent(corpus, i));
    const auto t = rec::patent_table::from_records(recs, rec::patent_table_options{true});
    CHECK_THROWS_AS(par::merge_families_at_home(t, 10, std::vector<char>(3, 1), {}), techconv::invalid_argument);
    // rows at positions 10..13; a member at position 12 cannot arrive from another process
    CHECK_THROWS_AS(par::merge_families_at_home(t, 10, std::vector<char>(4, 1), {{12, recs[0]}}),
                    techconv::invalid_argument);
    // one at position 14 can (a second publication of record 3's family): the result is
    // io::merge_families of the five records in position order
    const auto m = par::merge_families_at_home(t, 10, std::vector<char>(4, 1), {{14, recs[3]}});
    auto five = recs;
    five.push_back(recs[3]);
    const auto ref = techconv::io::merge_families(five);
    REQUIRE(ref.merged >= 1);
    CHECK(m.input_records == 5);
    CHECK(m.merged == ref.merged);
    REQUIRE(m.table.size() == ref.records.size());
    for (std::size_t k = 0; k < ref.records.size(); ++k) CHECK(techconv_test::same_record(m.table.to_record(k), ref.records[k]));
}
