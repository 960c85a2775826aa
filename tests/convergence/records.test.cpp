// Tests of convergence/convergence_index.hpp, shares.hpp and
// concentration.hpp: hand-computed cases (worked out in the comments), then a
// synthetic corpus and the real Lens jet-engine export against
// tests/convergence/records_reference.py, an independent implementation with
// Python sets, Counter and scipy.stats.entropy.
#include <doctest/doctest.h>

#include <techconv/convergence.hpp>
#include <techconv/format/csv.hpp>
#include <techconv/format/parse.hpp>
#include <techconv/testing/synthetic.hpp>

#include "test_support.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cv = techconv::convergence;
using techconv::status;
using techconv_test::close;

namespace {

using records_t = std::vector<std::vector<std::string>>;

const auto subclass = [](const std::string& code) { return code.substr(0, 4); };
const auto section = [](const std::string& code) { return code.substr(0, 1); };

// A key type with hashing and equality but no operator<.
struct tag {
    int v = 0;
    bool operator==(const tag& o) const { return v == o.v; }
};

}  // namespace

template <>
struct std::hash<tag> {
    std::size_t operator()(const tag& t) const noexcept { return std::hash<int>{}(t.v); }
};

TEST_CASE("convergence: index, gap and multi-category shares by hand") {
    const records_t recs{{"G06F3/01", "H04N5/232"}, {"G06F17/30"}, {"G06T7/00", "G06F3/048"}, {}};
    const auto r = cv::convergence(recs, subclass);
    CHECK(r.info == status::ok);
    CHECK(r.records == 4);
    CHECK(r.records_without_codes == 1);
    CHECK(r.denominator == 4);
    CHECK(r.distinct_all == 3);   // G06F, H04N, G06T
    CHECK(r.distinct_main == 2);  // G06F, G06T
    CHECK(r.gap() == 1);
    CHECK(r.index_all == 0.25);   // (4 - 3) / 4
    CHECK(r.index_main == 0.5);   // (4 - 2) / 4
    CHECK(r.multi_category_records == 2);  // records 1 and 3 span two subclasses
    CHECK(r.multi_category_share == 0.5);
    // At section level only record 1 (G and H) spans two sections.
    const auto s = cv::convergence(recs, section);
    CHECK(s.distinct_all == 2);  // G and H; the empty record adds nothing
    CHECK(s.multi_category_records == 1);
    CHECK(s.multi_category_share == 0.25);
    // Over labelled records only: n = 3.
    cv::convergence_options lab;
    lab.base = cv::share_base::labelled_records;
    const auto l = cv::convergence(recs, subclass, lab);
    CHECK(l.denominator == 3);
    CHECK(l.index_all == 0.0);
    CHECK(close(l.index_main, 1.0 / 3.0));
    CHECK(close(l.multi_category_share, 2.0 / 3.0));
    // Identity projection over integer ids; more distinct codes than records gives CI < 0.
    const std::vector<std::vector<techconv::label_id>> ids{{1, 2, 3}, {4, 1}};
    const auto i = cv::convergence(ids);
    CHECK(i.distinct_all == 4);
    CHECK(i.distinct_main == 2);
    CHECK(i.index_all == -1.0);  // (2 - 4) / 2
    CHECK(i.index_main == 0.0);
    // Degenerate: nothing, or nothing labelled.
    const auto e = cv::convergence(records_t{});
    CHECK(e.info == status::empty_input);
    CHECK(e.index_all == 0.0);
    const auto u = cv::convergence(records_t{{}, {}}, lab);
    CHECK(u.info == status::empty_input);
    CHECK(u.records_without_codes == 2);
    CHECK(cv::convergence_index(0, 0) == 0.0);
    CHECK_THROWS_AS(cv::convergence_index(-1, 0), techconv::invalid_argument);
}

TEST_CASE("shares: single- and multi-label tables, ties and the top cut, by hand") {
    const records_t ind{{"net", "media"}, {"net"}, {"chip", "net", "net"}, {}};
    // Multi-label: net on 3 of 4 records, media 1, chip 1; shares sum to 5/4.
    const auto m = cv::category_shares(ind);
    CHECK(m.info == status::ok);
    CHECK(m.records == 4);
    CHECK(m.records_without_labels == 1);
    CHECK(m.categories == 3);
    REQUIRE(m.entries.size() == 3);
    CHECK(m.entries[0].key == "net");
    CHECK(m.entries[0].count == 3);  // record 3 lists net twice and counts once
    CHECK(m.entries[0].share == 0.75);
    CHECK(m.entries[1].key == "media");  // tie with chip: media was seen first
    CHECK(m.entries[2].key == "chip");
    CHECK(m.share_sum() == 1.25);
    // Key-ascending ties put chip before media.
    cv::share_options ka;
    ka.ties = cv::tie_break::key_ascending;
    CHECK(cv::category_shares(ind, ka).entries[1].key == "chip");
    // Top 2 cuts a tied entry and says so.
    cv::share_options top2;
    top2.top = 2;
    const auto t = cv::category_shares(ind, top2);
    CHECK(t.entries.size() == 2);
    CHECK(t.categories == 3);
    CHECK(t.tied_beyond_cut == 1);
    // Single-label (main code only): net 2/4, chip 1/4; shares sum to 3/4 over all records.
    cv::share_options main;
    main.scope = cv::code_scope::main;
    const auto s = cv::category_shares(ind, main);
    REQUIRE(s.entries.size() == 2);
    CHECK(s.entries[0].key == "net");
    CHECK(s.entries[0].share == 0.5);
    CHECK(s.entries[1].key == "chip");
    main.base = cv::share_base::labelled_records;
    CHECK(close(cv::category_shares(ind, main).share_sum(), 1.0));
    // A flat range with one label per record.
    const std::vector<std::string> flat{"a", "b", "a", "c"};
    const auto f = cv::label_shares(flat);
    CHECK(f.entries[0].key == "a");
    CHECK(f.entries[0].share == 0.5);
    CHECK(f.share_sum() == 1.0);
    // Shares of a count vector, keyed by position: 5/13, 5/13, 3/13.
    const auto c = cv::count_shares(std::vector<int>{3, 0, 5, 5});
    REQUIRE(c.entries.size() == 3);
    CHECK(c.entries[0].key == 2);
    CHECK(c.entries[1].key == 3);
    CHECK(c.entries[2].key == 0);
    CHECK(close(c.entries[2].share, 3.0 / 13.0));
    CHECK(c.counts() == std::vector<techconv::index>{5, 5, 3});
    // Degenerate and misuse.
    CHECK(cv::category_shares(records_t{}).info == status::empty_input);
    CHECK(cv::count_shares(std::vector<int>{0, 0}).info == status::empty_input);
    CHECK_THROWS_AS(cv::count_shares(std::vector<double>{1.5}), techconv::invalid_argument);
    const std::vector<std::vector<tag>> tags{{tag{1}}, {tag{2}}};
    CHECK(cv::category_shares(tags).entries.size() == 2);
    CHECK_THROWS_AS(cv::category_shares(tags, ka), techconv::invalid_argument);
    cv::share_options neg;
    neg.top = -1;
    CHECK_THROWS_AS(cv::category_shares(ind, neg), techconv::invalid_argument);
}

TEST_CASE("concentration: CR_k, HHI and applicant shares by hand") {
    // Counts 98, 11, 8, 55 of 172: CR_1 = 98/172, CR_4 = 1,
    // HHI = (9604 + 121 + 64 + 3025) / 29584 = 12814 / 29584, HHI* = (HHI - 1/4) / (3/4).
    const std::vector<int> x{98, 11, 8, 55};
    cv::concentration_options one;
    one.k = 1;
    CHECK(close(cv::concentration(x, one).cr_k, 98.0 / 172.0));
    const auto c = cv::concentration(x);
    CHECK(c.cr_k == 1.0);
    CHECK(c.total == 172.0);
    CHECK(c.categories == 4);
    CHECK(close(c.hhi, 12814.0 / 29584.0));
    CHECK(close(c.hhi_normalized, (12814.0 / 29584.0 - 0.25) / 0.75));
    const auto mono = cv::concentration(std::vector<int>{0, 9});
    CHECK(mono.cr_k == 1.0);
    CHECK(mono.hhi == 1.0);
    CHECK(mono.hhi_normalized == 1.0);
    CHECK(cv::concentration(std::vector<int>{}).info == status::empty_input);
    cv::concentration_options bad;
    bad.k = 0;
    CHECK_THROWS_AS(cv::concentration(x, bad), techconv::invalid_argument);

    // Applicants: A on records 1 and 2, B on 1, C on 3, record 4 has none.
    // Whole counts A 2, B 1, C 1: HHI = (4 + 1 + 1) / 16. Fractional A 1.5, B 0.5,
    // C 1 (sum 3 = labelled records): HHI = (2.25 + 0.25 + 1) / 9.
    const records_t apps{{"A", "B"}, {"A"}, {"C"}, {}};
    const auto w = cv::applicant_concentration(apps);
    CHECK(close(w.concentration.hhi, 6.0 / 16.0));
    CHECK(w.top.entries[0].key == "A");
    CHECK(w.top.entries[0].share == 0.5);  // 2 of 4 records
    CHECK(w.top.records_without_labels == 1);
    cv::concentration_options frac;
    frac.count = cv::actor_weighting::fractional;
    frac.k = 1;
    const auto f = cv::applicant_concentration(apps, frac);
    CHECK(close(f.concentration.hhi, 3.5 / 9.0));
    CHECK(close(f.concentration.cr_k, 0.5));  // 1.5 / 3
    CHECK(f.concentration.total == 3.0);
}

namespace {

// Checks our figures for `recs`/`apps` against records_reference.py output.
void check_against_reference(const records_t& recs, const records_t& apps, const std::string& ref_text) {
    const auto ref = techconv_test::parse_numbers(ref_text);
    std::size_t at = 0;
    auto next = [&]() {
        REQUIRE(at < ref.size());
        return ref[at++];
    };
    const auto sub = cv::convergence(recs, subclass);
    const auto sec = cv::convergence(recs, section);
    CHECK(sub.records == next());
    CHECK(sub.records_without_codes == next());
    CHECK(sub.distinct_all == next());
    CHECK(sub.distinct_main == next());
    CHECK(sub.multi_category_records == next());
    CHECK(sec.multi_category_records == next());
    CHECK(sec.distinct_all == next());
    CHECK(sec.distinct_main == next());

    cv::share_options top10;
    top10.top = 10;
    top10.scope = cv::code_scope::main;
    for (const auto& e : cv::category_shares(recs, subclass, top10).entries) {
        CHECK(e.first_seen == next());
        CHECK(e.count == next());
    }
    top10.scope = cv::code_scope::all;
    for (const auto& e : cv::category_shares(recs, subclass, top10).entries) {
        CHECK(e.first_seen == next());
        CHECK(e.count == next());
    }

    cv::concentration_options co;
    co.top = 5;
    const auto whole = cv::applicant_concentration(apps, co);
    co.count = cv::actor_weighting::fractional;
    const auto frac = cv::applicant_concentration(apps, co);
    CHECK(close(whole.concentration.hhi, next(), 1e-12));
    CHECK(close(frac.concentration.hhi, next(), 1e-12));
    CHECK(close(whole.concentration.cr_k, next(), 1e-12));
    CHECK(close(frac.concentration.cr_k, next(), 1e-12));
    CHECK(whole.concentration.categories == next());
    CHECK(whole.top.records_without_labels == next());
    for (const auto& e : whole.top.entries) {
        CHECK(e.first_seen == next());
        CHECK(e.count == next());
    }

    const auto counts = cv::category_shares(recs, subclass).counts();
    CHECK(close(cv::shannon(counts), next(), 1e-12));
    CHECK(close(cv::gini_simpson(counts), next(), 1e-12));
    CHECK(at == ref.size());
}

}  // namespace

TEST_CASE("convergence, shares and concentration agree with Python on a synthetic corpus") {
    // 3000 records with 0-5 IPC-like codes (8 sections x 4 classes x 5 subclass letters,
    // skewed towards small values) and 0-3 of 40 applicants, from a 64-bit LCG.
    std::uint64_t state = 42;
    auto draw = [&](std::uint32_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33) % n;
    };
    records_t recs, apps;
    std::string text;
    for (int r = 0; r < 3000; ++r) {
        std::vector<std::string> codes, who;
        const std::uint32_t m = draw(6);
        for (std::uint32_t j = 0; j < m; ++j) {
            std::string c;
            c += static_cast<char>('A' + draw(8) * draw(2));
            c += static_cast<char>('0' + draw(2));
            c += static_cast<char>('1' + draw(4));
            c += static_cast<char>('A' + draw(5) * draw(2));
            c += std::to_string(draw(20)) + "/" + std::to_string(draw(100));
            codes.push_back(c);
        }
        const std::uint32_t a = draw(4);
        for (std::uint32_t j = 0; j < a; ++j) who.push_back("APPLICANT " + std::to_string(draw(5) * draw(8)));
        for (std::size_t j = 0; j < codes.size(); ++j) text += (j ? ";" : "") + codes[j];
        text += '|';
        for (std::size_t j = 0; j < who.size(); ++j) text += (j ? ";" : "") + who[j];
        text += '\n';
        recs.push_back(codes);
        apps.push_back(who);
    }
    const std::string path = techconv_test::temp_path("synthetic_records.txt");
    techconv_test::write_file(path, text);
    check_against_reference(recs, apps,
                            techconv_test::run_python("convergence/records_reference.py", {"text", path}));
}

TEST_CASE("convergence, shares and concentration agree with Python on the synthetic patent corpus") {
    // The library's synthetic corpus: Zipf-distributed subclasses, codes of one record
    // tending to share a section, 1-4 applicants per record.
    techconv::testing::synthetic_options so;
    so.records = 20000;
    const techconv::testing::synthetic_corpus corpus(so);
    records_t recs, apps;
    std::string text;
    bool separators_free = true;  // the text format needs names without ';' and '|'
    for (techconv::index i = 0; i < corpus.size(); ++i) {
        auto p = corpus.record(i);
        for (std::size_t j = 0; j < p.ipc.size(); ++j) text += (j ? ";" : "") + p.ipc[j];
        text += '|';
        for (std::size_t j = 0; j < p.applicants.size(); ++j) {
            separators_free = separators_free && p.applicants[j].find_first_of(";|") == std::string::npos;
            text += (j ? ";" : "") + p.applicants[j];
        }
        text += '\n';
        recs.push_back(std::move(p.ipc));
        apps.push_back(std::move(p.applicants));
    }
    REQUIRE(separators_free);
    const std::string path = techconv_test::temp_path("synthetic_corpus.txt");
    techconv_test::write_file(path, text);
    check_against_reference(recs, apps,
                            techconv_test::run_python("convergence/records_reference.py", {"text", path}));
}

TEST_CASE("convergence, shares and concentration agree with Python on the Lens jet-engine export" *
          doctest::test_suite("data")) {
    const std::string path = techconv_test::data_path("patents-lens-jet-engines/lens-export.csv");
    techconv::io::csv_reader r(path);
    const std::size_t ipc = r.require_column("IPCR Classifications");
    const std::size_t app = r.require_column("Applicants");
    records_t recs, apps;
    while (r.next()) {
        std::vector<std::string> codes, who;
        for (auto v : techconv::io::split_list(r[ipc], ";;")) codes.emplace_back(v);
        for (auto v : techconv::io::split_list(r[app], ";;")) who.emplace_back(v);
        recs.push_back(std::move(codes));
        apps.push_back(std::move(who));
    }
    REQUIRE(recs.size() == 3779);  // the export's record count (its PROVENANCE.md)
    check_against_reference(recs, apps,
                            techconv_test::run_python("convergence/records_reference.py", {"lens", path}));
}
