// [KCT] facts of METHODS.md §2, §3, §4 and §5 reproduced by the convergence
// module: the four convergence indices, the all-vs-main subclass gaps, the
// Table 4 main-subclass shares, the §2.1.1 industry shares (multi-label), and
// the §2.1.3 applicant shares.
//
// The paper publishes percentages and group sizes, not record lists. Each group
// below is built from integer counts: for every published percentage p of a
// group of n records the count is the integer c with round(100 c / n, 2) = p
// (e.g. Japan H04N 28.86% of 1483 -> c = 428); the published counts (46, 172,
// 1300, 1483 records; 91/105/38/20 main and 286/204/55/30 all subclasses) are
// used as they are. Categories the paper does not list are filled with
// filler keys ("other-1", ...) whose counts are chosen to stay below the
// listed ones and to make the published totals. Every expected value is the
// paper's number, written as printed.
#include <doctest/doctest.h>

#include <techconv/convergence.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace cv = techconv::convergence;
using idx = techconv::index;

namespace {

using records_t = std::vector<std::vector<std::string>>;

/// A share rounded to a percentage with two decimals, as the paper prints it.
double pct(double share) { return std::round(share * 10000.0) / 100.0; }

/// One category with a count (the paper's listed categories come first).
using counted = std::pair<std::string, idx>;

/// `n` records whose main code follows `main` (in order) and, from record 0 on,
/// one secondary code per record cycling through `extra` new subclasses.
records_t build_group(const std::vector<counted>& main, idx extra) {
    records_t recs;
    for (const auto& [code, count] : main)
        for (idx i = 0; i < count; ++i) recs.push_back({code});
    for (idx e = 0; e < extra; ++e)
        recs[static_cast<std::size_t>(e) % recs.size()].push_back("extra-" + std::to_string(e));
    return recs;
}

/// Appends `how_many` filler categories, each with `count` records.
void add_fillers(std::vector<counted>& v, idx count, idx how_many) {
    const idx start = static_cast<idx>(v.size());
    for (idx i = 0; i < how_many; ++i) v.emplace_back("other-" + std::to_string(start + i), count);
}

struct country {
    const char* name;
    idx records;          // key core patents
    idx main_subclasses;  // distinct main IPC subclasses (§3)
    idx all_subclasses;   // distinct IPC subclasses over all codes (§4)
    double ci_percent;      // convergence index as printed (§5)
    std::vector<counted> top10;          // Table 4 counts, in the paper's order
    std::vector<double> top10_percent;   // Table 4 as printed
    std::vector<std::pair<idx, idx>> fillers;  // (count, how many) for unlisted subclasses
};

std::vector<country> countries() {
    return {
        {"Japan", 1483, 91, 286, 80.71,
         {{"H04N", 428}, {"G06T", 285}, {"G06F", 88}, {"A61B", 84}, {"G09G", 51},
          {"G06V", 49}, {"A63F", 46}, {"G02B", 38}, {"G01N", 34}, {"G06K", 32}},
         {28.86, 19.22, 5.93, 5.66, 3.44, 3.30, 3.10, 2.56, 2.29, 2.16},
         {{5, 24}, {4, 57}}},  // 81 more subclasses with 348 patents
        {"US", 1300, 105, 204, 84.31,
         {{"G06T", 258}, {"G06F", 247}, {"H04N", 143}, {"A61B", 58}, {"G09G", 46},
          {"H01L", 41}, {"G06K", 36}, {"H03K", 36}, {"H04L", 30}, {"G06V", 29}},
         {19.85, 19.00, 11.00, 4.46, 3.54, 3.15, 2.77, 2.77, 2.31, 2.23},
         {{4, 91}, {3, 4}}},  // 95 more with 376
        {"Korea", 172, 38, 55, 68.02,
         {{"H04N", 48}, {"G06F", 19}, {"G06T", 19}, {"G09G", 14}, {"A61B", 13},
          {"H04M", 5}, {"A63B", 4}, {"G01N", 4}, {"G06V", 4}, {"H04R", 3}},
         {27.91, 11.05, 11.05, 8.14, 7.56, 2.91, 2.33, 2.33, 2.33, 1.74},
         {{2, 11}, {1, 17}}},  // 28 more with 39
        {"China", 46, 20, 30, 34.78,
         {{"G06F", 8}, {"H04N", 5}, {"G01N", 4}, {"G06T", 4}, {"G09G", 3},
          {"H04L", 3}, {"A63F", 2}, {"G06K", 2}, {"G06N", 2}, {"H02P", 2}},
         {17.39, 10.87, 8.70, 8.70, 6.52, 6.52, 4.35, 4.35, 4.35, 4.35},
         {{2, 1}, {1, 9}}},  // 10 more with 11 (the one of count 2 ranks after the listed ties)
    };
}

}  // namespace

TEST_CASE("KCT §5: the four convergence indices from the published counts") {
    // CI = (inventions - distinct IPC subclasses) / inventions.
    CHECK(pct(cv::convergence_index(1483, 286)) == 80.71);
    CHECK(pct(cv::convergence_index(1300, 204)) == 84.31);
    CHECK(pct(cv::convergence_index(172, 55)) == 68.02);
    CHECK(pct(cv::convergence_index(46, 30)) == 34.78);
}

TEST_CASE("KCT §3-§5: per-country groups reproduce CI, gaps, technology diversity and Table 4") {
    const idx gaps[] = {195, 99, 17, 10};  // §4: 286-91, 204-105, 55-38, 30-20
    int g = 0;
    for (const country& c : countries()) {
        INFO(c.name);
        std::vector<counted> main = c.top10;
        for (const auto& [count, how_many] : c.fillers) add_fillers(main, count, how_many);
        const records_t recs = build_group(main, c.all_subclasses - c.main_subclasses);
        REQUIRE(static_cast<idx>(recs.size()) == c.records);

        const auto r = cv::convergence(recs);
        CHECK(r.distinct_main == c.main_subclasses);
        CHECK(r.distinct_all == c.all_subclasses);
        CHECK(r.gap() == gaps[g++]);
        CHECK(pct(r.index_all) == c.ci_percent);

        cv::share_options top10;
        top10.top = 10;
        top10.scope = cv::code_scope::main;
        const auto t = cv::category_shares(recs, top10);
        REQUIRE(t.entries.size() == 10);
        CHECK(t.categories == c.main_subclasses);
        CHECK(cv::richness(cv::category_shares(recs, [](const std::string& s) { return s; },
                                               cv::share_options{0, cv::code_scope::main})
                               .counts()) == static_cast<double>(c.main_subclasses));
        for (std::size_t i = 0; i < 10; ++i) {
            CHECK(t.entries[i].key == c.top10[i].first);
            CHECK(pct(t.entries[i].share) == c.top10_percent[i]);
        }
    }
}

TEST_CASE("KCT §3: industry shares are multi-label and sum past 100%") {
    // China, 46 key core patents, 12 industries (§2.1.1): next-generation information
    // networks 32.61%, digital creative equipment 19.57%, digital cultural creative
    // activities 17.39%, electronic core 15.22%, artificial intelligence 13.04%,
    // internet/cloud/big data services 10.87%; six further industries (1 patent each).
    const std::vector<counted> listed{{"next-gen information networks", 15}, {"digital creative equipment", 9},
                                      {"digital cultural creative", 8},      {"electronic core", 7},
                                      {"artificial intelligence", 6},        {"internet cloud big data", 5}};
    const double printed[] = {32.61, 19.57, 17.39, 15.22, 13.04, 10.87};
    std::vector<counted> all = listed;
    add_fillers(all, 1, 6);
    records_t recs(46);
    std::size_t at = 0;  // deal industries to records in turn, so records carry several
    for (const auto& [name, count] : all)
        for (idx i = 0; i < count; ++i) recs[at++ % recs.size()].push_back(name);

    const auto t = cv::category_shares(recs);
    CHECK(t.categories == 12);
    CHECK(cv::richness(t.counts()) == 12.0);
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(t.entries[i].key == listed[i].first);
        CHECK(pct(t.entries[i].share) == printed[i]);
    }
    CHECK(t.share_sum() > 1.0);  // 56 assignments over 46 patents

    // Japan, 1483 patents, 32 industries: the eight shares §2.1.1 prints.
    const std::vector<counted> jp{{"digital cultural creative", 706}, {"next-gen information networks", 680},
                                  {"digital creative equipment", 544}, {"electronic core", 273},
                                  {"new tech services", 235},           {"intelligent manufacturing", 174},
                                  {"biomedical engineering", 153},      {"artificial intelligence", 151}};
    const double jp_printed[] = {47.61, 45.85, 36.68, 18.41, 15.85, 11.73, 10.32, 10.18};
    std::vector<counted> jp_all = jp;
    add_fillers(jp_all, 20, 24);
    records_t jrecs(1483);
    at = 0;
    for (const auto& [name, count] : jp_all)
        for (idx i = 0; i < count; ++i) jrecs[at++ % jrecs.size()].push_back(name);
    const auto jt = cv::category_shares(jrecs);
    CHECK(jt.categories == 32);
    for (std::size_t i = 0; i < 8; ++i) CHECK(pct(jt.entries[i].share) == jp_printed[i]);
}

TEST_CASE("KCT §2-§3: applicant shares, company shares and key core concentration") {
    // Korea, 172 patents: Samsung 98 (56.98%), LG 11 (6.40%); the rest spread over
    // applicants with at most 8 patents (below 5%, as §2.1.3 says).
    records_t korea;
    for (int i = 0; i < 98; ++i) korea.push_back({"Samsung Electronics"});
    for (int i = 0; i < 11; ++i) korea.push_back({"LG"});
    for (int i = 0; i < 63; ++i) korea.push_back({"other-" + std::to_string(i % 9)});
    cv::concentration_options co;
    co.k = 1;
    const auto k = cv::applicant_concentration(korea, co);
    CHECK(k.top.entries[0].key == "Samsung Electronics");
    CHECK(pct(k.top.entries[0].share) == 56.98);
    CHECK(pct(k.top.entries[1].share) == 6.40);
    CHECK(pct(k.concentration.cr_k) == 56.98);
    CHECK(k.top.entries[2].share < 0.05);
    // The monopoly effect: Korea's HHI is far above an even split of its applicants.
    CHECK(k.concentration.hhi > 0.3);

    // China, 46 patents: Huawei 6 (13.04%), Xiaomi 4 and Tencent 4 (8.70%), OPPO 3 (6.52%).
    records_t china;
    const std::vector<counted> cn{{"Huawei", 6}, {"Xiaomi", 4}, {"Tencent", 4}, {"OPPO", 3}};
    for (const auto& [name, count] : cn)
        for (idx i = 0; i < count; ++i) china.push_back({name});
    for (int i = 0; i < 29; ++i) china.push_back({"other-" + std::to_string(i % 15)});
    cv::concentration_options top4;
    top4.top = 4;
    const auto c = cv::applicant_concentration(china, top4);
    const double printed[] = {13.04, 8.70, 8.70, 6.52};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(c.top.entries[i].key == cn[i].first);
        CHECK(pct(c.top.entries[i].share) == printed[i]);
    }

    // Share of key core patents filed by companies (single label per patent):
    // Japan 1434/1483 = 96.70%, US 1039/1300 = 79.92%, Korea 154/172 = 89.53%, China 43/46 = 93.48%.
    const std::pair<idx, idx> company[] = {{1434, 1483}, {1039, 1300}, {154, 172}, {43, 46}};
    const double company_printed[] = {96.70, 79.92, 89.53, 93.48};
    for (int i = 0; i < 4; ++i) {
        std::vector<std::string> type(static_cast<std::size_t>(company[i].second), "university/institute/person");
        for (idx j = 0; j < company[i].first; ++j) type[static_cast<std::size_t>(j)] = "company";
        const auto s = cv::label_shares(type);
        CHECK(s.entries[0].key == "company");
        CHECK(pct(s.entries[0].share) == company_printed[i]);
    }

    // §2: key core patents by country, 3594 in all: Japan 1483, US 1300, Korea 172,
    // China 46, everyone else 593. China 1.28% of all key core; Japan + US 77.43% (CR_2).
    const std::vector<idx> key_core{1483, 1300, 172, 46, 593};
    const auto sh = cv::count_shares(key_core);
    CHECK(sh.denominator == 3594.0);
    CHECK(sh.entries[4].key == 3);
    CHECK(pct(sh.entries[4].share) == 1.28);
    cv::concentration_options cr2;
    cr2.k = 2;
    CHECK(pct(cv::concentration(key_core, cr2).cr_k) == 77.43);
    // China 46 of 10,210 applications = 0.45%; US 1300 of 7049 = 18.44%.
    CHECK(pct(cv::count_shares(std::vector<idx>{46, 10210 - 46}).entries[1].share) == 0.45);
    CHECK(pct(cv::count_shares(std::vector<idx>{1300, 7049 - 1300}).entries[1].share) == 18.44);
}
