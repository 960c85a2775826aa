// Serial forms of the mergeable partial states: exact round trips, the
// envelope (magic, version, type, length, checksum) and located parse errors
// on corrupted or truncated messages.
#include <doctest/doctest.h>

#include <techconv/cograph/cooccurrence.hpp>
#include <techconv/cograph/incidence.hpp>
#include <techconv/parallel/cooccurrence.hpp>
#include <techconv/parallel/families.hpp>
#include <techconv/parallel/mergeable.hpp>
#include <techconv/parallel/profile.hpp>
#include <techconv/parallel/serialize.hpp>
#include <techconv/testing/synthetic.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "test_support.hpp"

namespace par = techconv::parallel;
namespace w = techconv::weighting;
using idx = techconv::index;
using techconv::matrix;

using techconv_test::round_trip;

namespace {

// A matrix with a count column, a real-valued column with negatives, a
// column of large integers (sparse histogram part) and a constant column.
matrix mixed(idx n) {
    matrix x(n, 4);
    for (idx i = 0; i < n; ++i) {
        x(i, 0) = static_cast<double>((i * 7) % 13);
        x(i, 1) = std::sin(static_cast<double>(i)) * 3.5;
        x(i, 2) = 100000.0 + static_cast<double>((i * 31) % 5) * 1000.0;
        x(i, 3) = 2.0;
    }
    return x;
}

std::string parse_message(const std::vector<unsigned char>& bytes, par::serial_type type) {
    try {
        par::byte_reader r = par::open_sealed(bytes.data(), bytes.size(), type, "msg");
        par::column_stats_partial::read(r);
        par::expect_end(r);
    } catch (const techconv::parse_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("serialize: scalars are little-endian with explicit widths") {
    par::byte_writer w;
    w.u16(0x0102);
    w.u32(0x03040506u);
    w.i64(-2);
    w.f64(1.0);  // IEEE-754: 0x3FF0000000000000
    const auto& b = w.data();
    REQUIRE(b.size() == 2 + 4 + 8 + 8);
    CHECK(b[0] == 0x02);
    CHECK(b[1] == 0x01);
    CHECK(b[2] == 0x06);
    CHECK(b[5] == 0x03);
    CHECK(b[6] == 0xFE);  // -2 = 0xFF..FE
    CHECK(b[13] == 0xFF);
    CHECK(b[14 + 7] == 0x3F);
    CHECK(b[14 + 6] == 0xF0);
    par::byte_reader r(b.data(), b.size());
    CHECK(r.u16("a") == 0x0102);
    CHECK(r.u32("b") == 0x03040506u);
    CHECK(r.i64("c") == -2);
    CHECK(r.f64("d") == 1.0);
    CHECK_THROWS_AS(r.u8("past the end"), techconv::parse_error);
}

TEST_CASE("serialize: doubles round-trip bit for bit, including -0, subnormals, infinities") {
    const std::vector<double> v = {-0.0, std::numeric_limits<double>::denorm_min(),
                                   std::numeric_limits<double>::infinity(), 0.1, -1e308};
    par::byte_writer w;
    for (const double d : v) w.f64(d);
    par::byte_reader r(w.data().data(), w.size());
    for (const double d : v) {
        const double got = r.f64("x");
        CHECK(std::signbit(got) == std::signbit(d));
        CHECK(got == d);
    }
}

TEST_CASE("serialize: column_stats round trip is equal (histograms, moments, first negative row)") {
    const matrix x = mixed(5000);
    w::column_stats_options o;
    o.dense_limit = 64;  // column 2's values go to the sparse part
    const w::column_stats s = w::compute_column_stats(x, o, 1, 1000);
    const w::column_stats back = round_trip(s, par::serial_type::column_stats, [](par::byte_reader& r) { return par::read_column_stats(r); });
    CHECK(back == s);
    CHECK(back.summary(1).first_negative_row == s.summary(1).first_negative_row);
    CHECK(back.histogram(2).distinct() == 5);  // 100000 + {0..4} x 1000
    // the entropy options (no m2, no x ln x): the flags byte carries both
    for (const bool x2 : {false, true}) {
        w::column_stats_options e = o;
        e.m2 = false;
        e.xlogx = x2;
        const w::column_stats t = w::compute_column_stats(x, e, 1, 1000);
        const w::column_stats tb = round_trip(t, par::serial_type::column_stats, [](par::byte_reader& r) { return par::read_column_stats(r); });
        CHECK(tb == t);
        CHECK(!tb.options().m2);
        CHECK(tb.options().xlogx == x2);
    }
}

TEST_CASE("serialize: column_stats_partial, chunk_sums and top_candidates round trips") {
    const matrix x = mixed(3000);
    par::column_stats_partial p(4, {});
    for (idx c = 0; c < 3; ++c) {
        w::column_stats s(4);
        s.add(x.middleRows(c * 1000, 1000), c * 1000);
        p.add_chunk(c, s);
    }
    const auto back = round_trip(p, par::serial_type::column_stats_partial, par::column_stats_partial::read);
    CHECK(back.finish() == p.finish());
    CHECK(back.chunks() == 3);

    par::chunk_sums cs(2);
    const double a[2] = {0.1, 0.2}, b[2] = {0.3, -0.4};
    cs.add(5, a);
    cs.add(2, b);
    const auto cs2 = round_trip(cs, par::serial_type::chunk_sums, par::chunk_sums::read);
    // total in chunk order: chunk 2 first, then chunk 5: (0 + 0.3) + 0.1, (0 - 0.4) + 0.2
    CHECK(cs2.total() == std::vector<double>{(0.0 + 0.3) + 0.1, (0.0 - 0.4) + 0.2});

    par::top_candidates t(2);
    t.add(0.5, 10);
    t.add(0.7, 3);
    t.add(0.5, 4);
    const auto t2 = round_trip(t, par::serial_type::top_candidates, par::top_candidates::read);
    const auto r = t2.finish();
    // best two by (score desc, idx asc): (0.7, 3), then (0.5, 4) before (0.5, 10)
    CHECK(r.indices == std::vector<idx>{3, 4});
    CHECK(r.threshold == 0.5);
}

TEST_CASE("serialize: collaboration counts round trip") {
    techconv::closeness::actor_records rec;
    rec.add("a", 2019, std::vector<std::string>{"US", "CN", "JP"});
    rec.add("b", 2019, std::vector<std::string>{"US", "CN"});
    rec.add("c", 2020, std::vector<std::string>{"DE"});
    techconv::closeness::count_options o;
    o.mode = techconv::closeness::counting::fractional;
    const auto c = techconv::closeness::count_collaboration(rec, o);
    const auto back = par::to_bytes(par::serial_type::collaboration_counts, c);
    par::byte_reader r = par::open_sealed(back.data(), back.size(), par::serial_type::collaboration_counts);
    const auto d = par::read_collaboration_counts(r);
    CHECK(d.n == c.n);
    CHECK(matrix(d.pairs) == matrix(c.pairs));
    CHECK(d.multi_actor_records == 2);
    CHECK(d.single_actor_records == 1);
    const auto panel = techconv::closeness::count_by_year(rec, o);
    const auto pb = par::to_bytes(par::serial_type::collaboration_panel, panel);
    par::byte_reader pr = par::open_sealed(pb.data(), pb.size(), par::serial_type::collaboration_panel);
    const auto p2 = par::read_collaboration_panel(pr);
    REQUIRE(p2.years == panel.years);
    CHECK(matrix(p2.counts[0].pairs) == matrix(panel.counts[0].pairs));
}

TEST_CASE("serialize: corrupted messages are parse errors naming the field") {
    par::column_stats_partial p(2, {});
    w::column_stats s(2);
    matrix x(3, 2);
    x << 1, 2, 3, 4, 5, 6;
    s.add(x);
    p.add_chunk(0, s);
    const auto good = par::to_bytes(par::serial_type::column_stats_partial, p);
    CHECK(parse_message(good, par::serial_type::column_stats_partial).empty());

    auto bad = good;
    bad[0] ^= 1;
    CHECK(parse_message(bad, par::serial_type::column_stats_partial).find("magic") != std::string::npos);

    bad = good;
    bad[4] = 9;  // version 9
    CHECK(parse_message(bad, par::serial_type::column_stats_partial).find("version 9") != std::string::npos);

    CHECK(parse_message(good, par::serial_type::chunk_sums).find("type tag 2") != std::string::npos);

    bad.assign(good.begin(), good.end() - 3);  // truncated
    CHECK(parse_message(bad, par::serial_type::column_stats_partial).find("length") != std::string::npos);

    bad = good;
    bad[par::detail::envelope_bytes] ^= 0x40;  // payload byte flipped
    CHECK(parse_message(bad, par::serial_type::column_stats_partial).find("checksum") != std::string::npos);

    // a payload whose count field claims more entries than bytes remain
    par::byte_writer w;
    w.i64(1);           // width
    w.u64(1000000000);  // chunk count
    const auto huge = par::seal(par::serial_type::chunk_sums, w.data());
    par::byte_reader r = par::open_sealed(huge.data(), huge.size(), par::serial_type::chunk_sums, "huge");
    try {
        par::chunk_sums::read(r);
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::truncated);
        CHECK(std::string(e.what()).find("huge") != std::string::npos);
    }
}

TEST_CASE("serialize: patent records, group-profile states and co-occurrence rows round trip") {
    techconv::testing::synthetic_options so;
    so.records = 300;
    const techconv::testing::synthetic_corpus corpus(so);
    // every field of a record, including absent counts, members and the field bits
    std::vector<par::positioned_record> recs;
    for (idx i = 0; i < 300; ++i) {
        auto r = techconv_test::synthetic_patent(corpus, i);
        r.cpc = {"Y02T 50/60"};
        r.priority_numbers = {"US 2019-12345"};
        r.members = static_cast<std::size_t>(1 + i % 3);
        r.fields = static_cast<std::uint16_t>(i * 37);
        r.npl_list_items = static_cast<std::size_t>(i % 4);
        r.priority_year = techconv::no_year;
        recs.push_back({i * 2, r});
    }
    const auto back = round_trip(recs, par::serial_type::patent_records, par::read_positioned_records);
    REQUIRE(back.size() == recs.size());
    bool same = true;
    for (std::size_t k = 0; k < recs.size(); ++k)
        same = same && back[k].position == recs[k].position && techconv_test::same_record(back[k].record, recs[k].record);
    CHECK(same);

    // group-profile state: the decoded state finishes to the same profiles
    par::profile_partial p;
    for (idx i = 0; i < 300; ++i) techconv_test::add_synthetic_profile(p, corpus, i);
    const auto q = round_trip(p, par::serial_type::profile_partial, par::profile_partial::read);
    CHECK(q.records() == 300);
    CHECK(q.profiled_records() == p.profiled_records());
    CHECK(techconv_test::same_profiles(q.finish(), p.finish()));
    CHECK(par::to_bytes(par::serial_type::profile_partial, q) == par::to_bytes(par::serial_type::profile_partial, p));

    // co-occurrence rows: values bit for bit, rows without occurrences empty
    techconv::cograph::incidence_builder<std::string> ib;
    ib.add_record(std::vector<std::string>{"A01B", "G06F", "H04N"});
    ib.add_record(std::vector<std::string>{"G06F", "H04N"});
    ib.add_record(std::vector<std::string>{"B65D"});
    techconv::cograph::cooccurrence_options co;
    co.method = techconv::records::counting::link_fractional;
    const auto c = techconv::cograph::cooccurrence(ib.finish(), co);
    const auto rows = par::cooccurrence_rows::of(c, 0, c.rows());
    const auto rb = round_trip(rows, par::serial_type::cooccurrence_rows, par::cooccurrence_rows::read);
    CHECK(rb.diag == rows.diag);
    CHECK(rb.cols == rows.cols);
    CHECK(rb.vals == rows.vals);
    // hand computation: G06F-H04N = 1/2 (record 1, 3 codes) + 1 (record 2, 2 codes) = 1.5
    CHECK(matrix(par::assemble({rb}, c.rows()))(2, 3) == 1.5);
}

TEST_CASE("serialize: corrupted group-profile and record messages are located parse errors") {
    par::profile_partial p;
    p.add("US", true, std::vector<std::string>{"G06F", "H04N"}, std::vector<std::string>{},
          std::vector<std::string>{"ACME"}, std::vector<std::string>{"company"});
    par::byte_writer w;
    write(w, p);
    auto payload = w.data();
    // the record ends with its code list (u32 count 2, two u32 ids), industry list (u32 0) and applicant
    // list (u32 count 1, u32 id, u32 type): point its first code id outside the 2-code dictionary
    const std::size_t at = payload.size() - (4 + 4 + 4) - 4 - (4 + 4);
    REQUIRE(payload[at] == 0);
    payload[at] = 7;
    const auto bad = par::seal(par::serial_type::profile_partial, payload);
    par::byte_reader r = par::open_sealed(bad.data(), bad.size(), par::serial_type::profile_partial, "profile");
    try {
        par::profile_partial::read(r);
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::out_of_range);
        CHECK(std::string(e.what()).find("profile") != std::string::npos);
        CHECK(std::string(e.what()).find("list id") != std::string::npos);
    }
    par::byte_writer rw;
    rw.u64(1);
    rw.i64(0);
    rw.str("only an id");
    const auto cut = par::seal(par::serial_type::patent_records, rw.data());
    par::byte_reader rr = par::open_sealed(cut.data(), cut.size(), par::serial_type::patent_records, "records");
    CHECK_THROWS_AS(par::read_positioned_records(rr), techconv::parse_error);
}
