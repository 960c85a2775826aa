// SPDX-License-Identifier: BSL-1.0
// report/tables.hpp, report/markdown.hpp, report/plots.hpp: small results written
// to CSV / Markdown / chart data and compared with bytes written out by hand.
// Every expected number below is worked out in the comment next to it.
#include <doctest/doctest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <techconv/analysis/branches.hpp>
#include <techconv/analysis/collaboration.hpp>
#include <techconv/analysis/network.hpp>
#include <techconv/report/markdown.hpp>
#include <techconv/report/plots.hpp>
#include <techconv/report/tables.hpp>

namespace ta = techconv::analysis;
namespace tio = techconv::io;
namespace rp = techconv::report;

namespace {

tio::patent_record patent(const std::string& id, std::vector<std::string> ipc, int year = 2010) {
    tio::patent_record r;
    r.id = id;
    r.family_id = id;
    r.application_year = year;
    r.ipc = std::move(ipc);
    return r;
}

}  // namespace

TEST_CASE("write_scores_csv: header, shortest numbers, key_core flag from the rank, quoted ids") {
    techconv::vector scores(3);
    scores << 0.5, 0.25, 1.0;
    techconv::index_vector ranks(3);
    ranks << 2, 3, 1;
    std::ostringstream out;
    rp::write_scores_csv(out, {"a", "b,c", "d"}, scores, ranks, 2);
    // k = 2: ranks 1 and 2 are the key core; "b,c" holds the delimiter, so it is quoted
    CHECK(out.str() == "id,score,rank,key_core\na,0.5,2,1\n\"b,c\",0.25,3,0\nd,1,1,1\n");
    std::ostringstream rows;
    rp::write_scores_csv(rows, {"a", "b,c", "d"}, scores, ranks, 0, false);
    CHECK(rows.str() == "a,0.5,2,0\n\"b,c\",0.25,3,0\nd,1,1,0\n");
}

TEST_CASE("write_scores_csv: 3,000 rows byte-identical to csv_writer, doubles read back bit for bit") {
    // The reference is the stream writer write_scores_csv used before it formatted into one
    // buffer: io::csv_writer, field by field. Scores are random 64-bit patterns (every exponent,
    // subnormals, both signs; NaN and infinities skipped: no exact bits to compare) and a few
    // chosen values; ids hold the delimiter, quotes, line breaks, a byte-order mark, or nothing.
    const std::size_t n = 3000;
    std::mt19937_64 gen(17);
    techconv::vector scores(static_cast<techconv::index>(n));
    techconv::index_vector ranks(static_cast<techconv::index>(n));
    std::vector<std::string> ids(n);
    const double chosen[] = {0.0, -0.0, 1.0, 0.1, 1e-5, 123456789.0, 5e-324, 1.7976931348623157e308, 1.0 / 3.0};
    for (std::size_t i = 0; i < n; ++i) {
        double v = 0;
        if (i < std::size(chosen)) {
            v = chosen[i];
        } else {
            do {
                const std::uint64_t bits = gen();
                std::memcpy(&v, &bits, sizeof v);
            } while (!std::isfinite(v));
        }
        scores[static_cast<techconv::index>(i)] = v;
        ranks[static_cast<techconv::index>(i)] = static_cast<techconv::index>(1 + gen() % n);
        switch (i % 7) {
            case 0: ids[i] = "US " + std::to_string(i) + " A"; break;
            case 1: ids[i] = "a,b" + std::to_string(i); break;
            case 2: ids[i] = "say \"" + std::to_string(i) + "\""; break;
            case 3: ids[i] = "two\nlines" + std::to_string(i); break;
            case 4: ids[i] = "cr\r" + std::to_string(i); break;
            case 5: ids[i] = "\xEF\xBB\xBF" + std::to_string(i); break;  // a BOM, quoted only at the start
            default: ids[i] = ""; break;
        }
    }
    ids[0] = "\xEF\xBB\xBF" "first";  // at the start of a header-less output it must be quoted
    const techconv::index k = 750;
    for (const bool header : {true, false}) {
        std::ostringstream reference;
        tio::csv_writer w(reference);
        if (header) w.row({"id", "score", "rank", "key_core"});
        for (std::size_t i = 0; i < n; ++i) {
            const auto r = ranks[static_cast<techconv::index>(i)];
            w.field(ids[i]).field(scores[static_cast<techconv::index>(i)]).field(static_cast<std::int64_t>(r))
                .field(r <= k ? 1 : 0).end_row();
        }
        std::ostringstream out;
        rp::write_scores_csv(out, ids, scores, ranks, k, header);
        CHECK(out.str().size() == reference.str().size());
        CHECK(out.str() == reference.str());
    }
    // read back with the library's CSV reader: every id, every score's bits, every rank and flag
    std::ostringstream out;
    rp::write_scores_csv(out, ids, scores, ranks, k);
    std::istringstream in(out.str());
    tio::csv_reader rd(in, "scores.csv");
    std::size_t rows = 0, bad = 0;
    while (rd.next()) {
        const std::size_t i = rows++;
        if (i >= n) break;
        double back = 0;
        const auto f = rd.field(1);
        const auto res = std::from_chars(f.data(), f.data() + f.size(), back);
        std::uint64_t a = 0, b = 0;
        const double want = scores[static_cast<techconv::index>(i)];
        std::memcpy(&a, &want, sizeof a);
        std::memcpy(&b, &back, sizeof b);
        const auto r = ranks[static_cast<techconv::index>(i)];
        if (res.ec != std::errc() || res.ptr != f.data() + f.size() || a != b || rd.field(0) != ids[i] ||
            rd.field(2) != std::to_string(r) || rd.field(3) != (r <= k ? "1" : "0"))
            ++bad;
    }
    CHECK(rows == n);
    CHECK(bad == 0);
}

TEST_CASE("write_table_weights_csv: entropy column empty when the method has none") {
    ta::table_weight_result r;
    r.weights.resize(2);
    r.weights << 0.75, 0.25;
    std::ostringstream out;
    rp::write_table_weights_csv(out, {"x", "y"}, r);
    CHECK(out.str() == "indicator,weight,entropy\nx,0.75,\ny,0.25,\n");
    r.entropy.resize(2);
    r.entropy << 0.5, 0.125;
    std::ostringstream with;
    rp::write_table_weights_csv(with, {"x", "y"}, r);
    CHECK(with.str() == "indicator,weight,entropy\nx,0.75,0.5\ny,0.25,0.125\n");
}

TEST_CASE("network tables: edges, sections block matrix, clusters of three records") {
    // codes A01B+B02C twice and A01B+C03D once: edge A01B-B02C weight 2, A01B-C03D weight 1;
    // sections A, B, C with one node each; A-B weight 2, A-C weight 1, nothing within a section.
    const std::vector<tio::patent_record> recs{patent("1", {"A01B 1/00", "B02C 1/00"}),
                                               patent("2", {"A01B 3/00", "B02C 2/00"}),
                                               patent("3", {"A01B 1/00", "C03D 1/00"})};
    const auto res = ta::network(recs);
    std::ostringstream edges;
    rp::write_network_edges_csv(edges, res);
    CHECK(edges.str() == "source,target,weight\nA01B,B02C,2\nA01B,C03D,1\n");
    std::ostringstream sections;
    rp::write_sections_csv(sections, res);
    CHECK(sections.str() == "section,nodes,A,B,C\nA,1,0,2,1\nB,1,2,0,0\nC,1,1,0,0\n");
    std::ostringstream links;
    rp::write_cluster_links_csv(links, res);
    std::string expected_links = "cluster_a,cluster_b,edges,weight\n";
    for (const auto& l : res.cluster_links)
        expected_links += std::to_string(l.first) + "," + std::to_string(l.second) + "," + std::to_string(l.edges) +
                          "," + tio::format_double(l.weight) + "\n";
    CHECK(links.str() == expected_links);
    // nodes.csv: one header and one line per code (3)
    std::ostringstream nodes;
    rp::write_network_nodes_csv(nodes, res);
    const auto text = nodes.str();
    CHECK(text.rfind("code,title,occurrences,degree,strength,betweenness,closeness,eigenvector,pagerank,cluster,"
                     "clustering\n", 0) == 0);
    CHECK(std::count(text.begin(), text.end(), '\n') == 4);
    // A01B occurs on 3 records, has degree 2 and strength 2 + 1 = 3
    CHECK(text.find("\nA01B,,3,2,3,") != std::string::npos);
}

TEST_CASE("collaboration tables: pairs, countries and the 'all' year") {
    // records {US, CN} twice and {DE, FR} once: CN-US n_ij = 2, n_CN = n_US = 2 (international
    // records), Salton 2 / sqrt(2 * 2) = 1, shares 2/2 = 1; DE-FR: 1, 1, 1, Salton 1, shares 1.
    techconv::closeness::actor_records rec;
    rec.add("W1", 2019, std::vector<std::string>{"US", "CN"});
    rec.add("W2", 2020, std::vector<std::string>{"US", "CN"});
    rec.add("W3", 2020, std::vector<std::string>{"DE", "FR"});
    const auto r = ta::collaboration(rec, {});
    std::ostringstream pairs;
    rp::write_pairs_csv(pairs, r.pairs, {ta::measure::salton, ta::measure::jaccard}, rec);
    // Jaccard n_ij / (n_i + n_j - n_ij) = 2 / (2 + 2 - 2) = 1 and 1 / (1 + 1 - 1) = 1
    const std::string body = pairs.str();
    CHECK(body.rfind("year,country_i,country_j,n_ij,n_i,n_j,salton,jaccard,share_i,share_j\n", 0) == 0);
    CHECK(body.find("all,CN,US,2,2,2,1,1,1,1\n") != std::string::npos);
    CHECK(body.find("all,DE,FR,1,1,1,1,1,1,1\n") != std::string::npos);
    CHECK(std::count(body.begin(), body.end(), '\n') == 3);
    std::ostringstream countries;
    rp::write_countries_csv(countries, r.actors, rec);
    // US: 2 records, both international, 1 partner (CN), link strength 2 (two shared records)
    CHECK(countries.str().find("all,US,2,2,1,2\n") != std::string::npos);
    CHECK(countries.str().find("all,DE,1,1,1,1\n") != std::string::npos);
    CHECK(rp::year_or_all(techconv::no_year) == "all");
    CHECK(rp::year_or_all(2019) == "2019");
    CHECK(rp::period_name({2007, 2014}) == "2007-2014");
    CHECK(rp::period_name({2019, 2019}) == "2019");
}

TEST_CASE("branch tables: records x branch, counts with shares, years") {
    // two branches; record r1 in both, r2 in "b" only, r3 in none (no year)
    ta::branch_table t;
    t.records.add("r1", 2019, std::vector<std::string>{"a", "b"});
    t.records.add("r2", 2020, std::vector<std::string>{"b"});
    t.records.add("r3", techconv::no_year, std::vector<std::string>{});
    t.records_per_branch = {1, 2};
    t.unclassified = 1;
    std::ostringstream records;
    rp::write_branch_records_csv(records, t);
    CHECK(records.str() == "id,year,a,b\nr1,2019,1,1\nr2,2020,0,1\nr3,,0,0\n");
    std::ostringstream counts;
    rp::write_branch_counts_csv(counts, t);
    // shares over the 3 records: 1/3 and 2/3, shortest round-trip text
    CHECK(counts.str() == "branch,records,share\na,1," + tio::format_double(1.0 / 3.0) + "\nb,2," +
                              tio::format_double(2.0 / 3.0) + "\n");
    CHECK(tio::format_double(1.0 / 3.0) == "0.3333333333333333");
    std::ostringstream years;
    rp::write_branch_years_csv(years, t);
    CHECK(years.str() == "year,branch,records\n2019,a,1\n2019,b,1\n2020,b,1\n");
}

TEST_CASE("markdown number helpers and the branches report") {
    CHECK(rp::fixed(0.43) == "0.4300");
    CHECK(rp::fixed(1.0 / 3.0, 2) == "0.33");
    CHECK(rp::fixed(std::numeric_limits<double>::quiet_NaN()) == "n/a");
    CHECK(rp::percent(0.1234) == "12.34");
    CHECK(rp::num(0.5) == "0.5");
    CHECK(rp::measure_display_name(ta::measure::association_strength) == "Association strength");
    ta::branch_table t;
    t.records.add("r1", 2019, std::vector<std::string>{"a"});
    t.records.add("r2", 2019, std::vector<std::string>{});
    t.records_per_branch = {1};
    t.unclassified = 1;
    std::ostringstream md;
    rp::write_branches_markdown(md, t, "`terms.csv`", "counted everywhere", {"in.txt: wos, 2 records"}, "papers",
                                "  records.csv ...");
    CHECK(md.str() ==
          "# Technology branches report\n\nGenerated by `techconv branches`. Terms: `terms.csv`; restricted terms "
          "counted everywhere.\n\n## Inputs\n\n- in.txt: wos, 2 records\n\n| | count |\n|---|---|\n| papers | 2 |\n"
          "| in at least one branch | 1 |\n| in no branch | 1 |\n| duplicates dropped | 0 |\n\n## Branches\n\n"
          "| branch | records | share |\n|---|---|---|\n| a | 1 | 50.00% |\n\n## Files\n\n```\n  records.csv ...\n```\n");
}

TEST_CASE("chart data and script of a line chart") {
    rp::line_chart c{"s", "T", "year", "n", {2019, 2020}, {"a", "b \"q\""}, {{1, 2}, {0.5, 0.25}}};
    std::ostringstream dat;
    rp::write_chart_data(dat, c);
    CHECK(dat.str() == "# x\ta\tb \"q\"\n2019\t1\t0.5\n2020\t2\t0.25\n");
    std::ostringstream gp;
    rp::write_chart_script(gp, c);
    // a double quote inside a gnuplot string becomes a single quote
    CHECK(gp.str().find("plot \"s.dat\" using 1:2 with linespoints title \"a\", \"s.dat\" using 1:3 with "
                        "linespoints title \"b 'q'\"\n") != std::string::npos);
    CHECK(rp::chart_markdown(c) == "![T](s.svg)\n\n(PNG: [s.png](s.png))\n");
}

TEST_CASE("network outputs: a group or year without codes shows no convergence index, not 0") {
    // Two US records with codes in 2010, one FR record without a code in 2011 (by hand: group FR
    // has 1 record and 0 nodes; year 2011 has 1 record and 0 codes -> status::empty_input).
    auto us1 = patent("1", {"A01B 1/00", "B02C 1/00"}, 2010);
    auto us2 = patent("2", {"A01B 3/00"}, 2010);
    auto fr = patent("3", {}, 2011);
    us1.jurisdiction = us2.jurisdiction = "US";
    fr.jurisdiction = "FR";
    ta::network_options o;
    o.group_by_country = ta::country_source::jurisdiction;
    const auto res = ta::network(std::vector<tio::patent_record>{us1, us2, fr}, o);
    std::ostringstream groups;
    rp::write_network_groups_csv(groups, res);
    // FR: records 1, nodes 0, edges 0, density 0, components 0, convergence_index empty
    CHECK(groups.str().find("\nFR,1,0,0,0,0,,") != std::string::npos);
    // US: 2 records, 2 nodes: CI = (2 - 2) / 2 = 0, written as 0
    CHECK(groups.str().find("\nUS,2,2,1,1,1,0,") != std::string::npos);
    std::ostringstream json;
    rp::write_network_summary_json(json, res, rp::network_settings{});
    const std::string js = json.str();
    const auto fr_at = js.find("\"group\": \"FR\"");
    REQUIRE(fr_at != std::string::npos);
    const std::string fr_object = js.substr(fr_at, js.find('}', fr_at) - fr_at);
    CHECK(fr_object.find("\"convergence_index\": null") != std::string::npos);
    const auto us_at = js.find("\"group\": \"US\"");
    REQUIRE(us_at != std::string::npos);
    CHECK(js.substr(us_at, js.find('}', us_at) - us_at).find("\"convergence_index\": 0") != std::string::npos);
    const auto charts = rp::network_year_charts(res, "subclass");
    REQUIRE(charts.size() == 2);
    std::ostringstream dat, gp;
    rp::write_chart_data(dat, charts[1]);
    rp::write_chart_script(gp, charts[1]);
    // 2010: 2 records, 2 codes -> CI 0; 2011: no code -> '?', which the script declares missing
    CHECK(dat.str() == "# x\tCI = (records - codes) / records\n2010\t0\n2011\t?\n");
    CHECK(gp.str().find("set datafile missing '?'\n") != std::string::npos);
}
