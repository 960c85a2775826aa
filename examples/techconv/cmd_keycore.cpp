// SPDX-License-Identifier: BSL-1.0
// techconv keycore: the [KCT] key-core analysis of a patent export — indicator
// matrix, entropy weights in the Table 1 layout, scores, the top 5%, and a
// per-group (country) profile of the key core with the convergence module.
#include "cli.hpp"
#include "keycore.hpp"

#include <algorithm>  // std::sort
#include <map>        // groups by name
#include <set>        // distinct subclasses

#include <techconv/convergence.hpp>
#include <techconv/format/csv.hpp>
#include <techconv/analysis/indicators.hpp>
#include <techconv/format/json.hpp>
#include <techconv/weighting.hpp>

namespace tcli {

namespace tio = techconv::io;
namespace tw = techconv::weighting;
namespace cv = techconv::convergence;
using techconv::index;

const command_spec& keycore_spec() {
    static const command_spec spec{
        "keycore",
        "INPUT... --out DIR [--format auto|lens|uspto-xml|csv] [--top 0.05] [--group-by country]",
        "key core records by entropy-weighted indicators, with group profiles ([KCT])",
        "Reads patents, merges simple families, builds the [KCT] indicator matrix (the\n"
        "indicators the source lacks are reported and left out, never zero-filled), weights the\n"
        "indicators by the entropy method (min-max, then entropy with 0 ln 0 = 0), scores every\n"
        "record s_i = sum_j w_j x'_ij and selects the key core, the top ceil(q n) records\n"
        "(ties: score descending, then input order). With --group-by country each country's\n"
        "records and key core are profiled: counts and shares, distinct main and all IPC\n"
        "subclasses, convergence index, company share, leading applicant, top main subclasses.",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", "auto (default: per file), lens, uspto-xml or csv (techconv canonical CSV)"},
            {"top", "Q", "key-core fraction q (default 0.05)"},
            {"group-by", "KEY", "country or none (default)"},
            {"country-from", "SRC", "auto (default), applicant, inventor, priority or jurisdiction"},
            {"missing", "POLICY", "records lacking a kept indicator: drop-record (default), drop-indicator, zero"},
            {"no-merge", "", "do not merge simple families"},
            {"threads", "N", "worker threads for weighting and scoring (default 1; same result for any N)"},
        },
        "  weights.csv  indicator, group, weight, entropy   ([KCT] Table 1 order; indicators the\n"
        "               source lacks have empty weight and entropy)\n"
        "  scores.csv   id, score, rank, key_core           (one row per record, input order)\n"
        "  top20.csv    rank, id, score, group, year, title, then one sub-score per level-2 group\n"
        "  groups.csv   group, records, key_core, key_share_of_group, share_of_key_core,\n"
        "               key_main_subclasses, key_all_subclasses, key_convergence_index,\n"
        "               key_company_share, top_applicant, top_applicant_share\n"
        "  report.md, report.json"};
    return spec;
}

std::vector<char> key_core_mask(const std::vector<tio::patent_record>& records, double q, std::string& note) {
    const auto table = tio::indicator_matrix(records);
    std::vector<char> mask(records.size(), 0);
    if (table.values.rows() < 2 || table.columns.empty())
        throw std::runtime_error("--key-core-only: no usable indicator matrix (" +
                                 std::to_string(table.values.rows()) + " records with " +
                                 std::to_string(table.columns.size()) + " indicators)");
    tw::key_core_options ko;
    ko.fraction = q;
    const auto kc = tw::key_core(table.values, ko);
    for (const auto i : kc.top.indices) mask[table.rows[static_cast<std::size_t>(i)]] = 1;
    note = "key core: " + std::to_string(kc.top.k) + " of " + std::to_string(table.values.rows()) +
           " scored records (" + std::to_string(table.columns.size()) + " indicators, " +
           std::to_string(table.dropped_records) + " records without all of them)";
    return mask;
}

std::string keycore_group(const tio::patent_record& r, bool by_country, country_source src) {
    std::string g = by_country ? techconv::analysis::patent_country(r, src) : "all";
    return g.empty() ? std::string("(unknown)") : g;
}

techconv::matrix keycore_subscores(const techconv::matrix& values, const std::vector<tio::indicator>& columns,
                                   const tw::entropy_result& w, std::vector<std::string>& names) {
    // level-2 groups of the present indicators, in [KCT] order
    std::vector<std::string> colnames, group_names;
    std::map<std::string, std::vector<std::string>> members;
    for (const auto ind : columns) {
        colnames.emplace_back(tio::to_string(ind));
        const std::string gname(tio::indicator_group(ind));
        if (!members.count(gname)) group_names.push_back(gname);
        members[gname].push_back(colnames.back());
    }
    std::string desc;
    for (const auto& gname : group_names) {
        if (!desc.empty()) desc += "; ";
        desc += gname + ":";
        for (std::size_t k = 0; k < members[gname].size(); ++k) desc += (k ? ", " : " ") + members[gname][k];
    }
    const auto tree = tw::indicator_tree::parse(desc, colnames, "key core");
    const auto gnodes = tree.groups(2);
    names.clear();
    for (const auto g : gnodes) names.push_back(tree.node(g).name);
    return tw::group_scores(values, w.weights, tree, gnodes, w.map);
}

void set_key_core(keycore_report& r, const tw::key_core_result& kc, double fraction, const std::string& missing,
                  bool by_country) {
    r.weighting = kc.weighting;
    r.fraction = fraction;
    r.k = kc.top.k;
    r.threshold = kc.top.threshold;
    r.missing = missing;
    r.by_country = by_country;
}

cv::profile_options keycore_profile_options() {
    cv::profile_options popts;
    popts.top = 10;
    return popts;
}

void write_keycore_report(const std::string& out_dir, const keycore_report& r) {
    const auto& spec = keycore_spec();
    const double q = r.fraction;
    const auto& wt = r.weighting;
    std::vector<std::string> colnames, group_names;
    for (const auto ind : r.columns) {
        colnames.emplace_back(tio::to_string(ind));
        const std::string gname(tio::indicator_group(ind));
        if (std::find(group_names.begin(), group_names.end(), gname) == group_names.end()) group_names.push_back(gname);
    }
    // weights.csv: all nine indicators in [KCT] order; absent ones empty
    std::map<std::string, double> group_weight;
    {
        auto f = open_output(out_dir, "weights.csv");
        tio::csv_writer w(f);
        w.row({"indicator", "group", "weight", "entropy"});
        for (const auto ind : tio::all_indicators) {
            w.field(tio::to_string(ind)).field(tio::indicator_group(ind));
            const auto it = std::find(r.columns.begin(), r.columns.end(), ind);
            if (it == r.columns.end()) {
                w.empty().empty().end_row();
                continue;
            }
            const auto j = static_cast<index>(it - r.columns.begin());
            group_weight[std::string(tio::indicator_group(ind))] += wt.weights[j];
            w.field(wt.weights[j]).field(wt.entropy[j]).end_row();
        }
    }
    const auto top_n = static_cast<index>(r.top.size());
    {
        auto f = open_output(out_dir, "top20.csv");
        tio::csv_writer w(f);
        w.field("rank").field("id").field("score").field("group").field("year").field("title");
        for (const auto& g : r.subgroup_names) w.field(g);
        w.end_row();
        for (index p = 0; p < top_n; ++p) {
            const auto& t = r.top[static_cast<std::size_t>(p)];
            w.field(static_cast<std::int64_t>(p + 1)).field(t.id).field(t.score).field(t.group);
            if (t.year == techconv::no_year) w.empty();
            else w.field(static_cast<std::int64_t>(t.year));
            w.field(t.title);
            for (const double v : t.sub) w.field(v);
            w.end_row();
        }
    }
    const auto& profiles = r.profiles;
    const double K = static_cast<double>(r.k);
    auto ratio = [](double x, double y) { return y > 0.0 ? x / y : 0.0; };
    auto top_applicant = [](const cv::group_profile& g) {
        return g.top_applicants.empty() ? std::string() : g.top_applicants.front().key;
    };
    auto top_applicant_share = [](const cv::group_profile& g) {
        return g.top_applicants.empty() ? 0.0 : g.top_applicants.front().share;
    };
    {
        auto f = open_output(out_dir, "groups.csv");
        tio::csv_writer w(f);
        w.row({"group", "records", "key_core", "key_share_of_group", "share_of_key_core", "key_main_subclasses",
               "key_all_subclasses", "key_convergence_index", "key_company_share", "top_applicant",
               "top_applicant_share", "key_subclass_gap", "key_network_nodes", "key_network_edges",
               "key_network_density", "key_network_clusters", "key_sections"});
        for (const auto& g : profiles) {
            std::string sections;
            for (const auto& sec : g.network.sections) sections += sec;
            w.field(g.group).field(static_cast<std::int64_t>(g.records)).field(static_cast<std::int64_t>(g.key_core))
                .field(g.key_core_rate)
                .field(ratio(static_cast<double>(g.key_core), K)).field(static_cast<std::int64_t>(g.main_codes))
                .field(static_cast<std::int64_t>(g.all_codes)).field(g.convergence_index)
                .field(g.company_share).field(top_applicant(g)).field(top_applicant_share(g))
                .field(static_cast<std::int64_t>(g.code_gap)).field(static_cast<std::int64_t>(g.network.nodes))
                .field(static_cast<std::int64_t>(g.network.edges)).field(g.network.density)
                .field(static_cast<std::int64_t>(g.network.clusters)).field(sections).end_row();
        }
    }

    // report.json
    {
        auto f = open_output(out_dir, "report.json");
        tio::json_writer j(f);
        j.begin_object();
        j.key("command").value("keycore");
        j.key("inputs").begin_array();
        for (const auto& s : r.notes) j.value(s);
        j.end_array();
        j.key("records_read").value(r.read);
        j.key("records").value(r.records);
        j.key("families_merged").value(r.merged);
        j.key("rows").value(static_cast<std::int64_t>(r.rows));
        j.key("dropped_records").value(r.dropped);
        j.key("absent_indicators").begin_array();
        for (const auto ind : r.absent) j.value(tio::to_string(ind));
        j.end_array();
        j.key("incomplete_indicators").begin_array();
        for (const auto ind : r.incomplete) j.value(tio::to_string(ind));
        j.end_array();
        j.key("weighting_status").value(techconv::to_string(wt.info));
        j.key("indicators").begin_array();
        for (std::size_t c = 0; c < r.columns.size(); ++c) {
            const auto jj = static_cast<index>(c);
            j.begin_object().key("indicator").value(colnames[c])
                .key("group").value(tio::indicator_group(r.columns[c]))
                .key("weight").value(wt.weights[jj]).key("entropy").value(wt.entropy[jj])
                .end_object();
        }
        j.end_array();
        j.key("group_weights").begin_object();
        for (const auto& gname : group_names) j.key(gname).value(group_weight[gname]);
        j.end_object();
        j.key("fraction").value(q);
        j.key("key_core").value(static_cast<std::int64_t>(r.k));
        j.key("threshold").value(r.threshold);
        j.key("top").begin_array();
        for (index p = 0; p < top_n; ++p) {
            const auto& t = r.top[static_cast<std::size_t>(p)];
            j.begin_object().key("rank").value(static_cast<std::int64_t>(p + 1))
                .key("id").value(t.id).key("score").value(t.score)
                .key("group").value(t.group).end_object();
        }
        j.end_array();
        j.key("groups").begin_array();
        for (const auto& g : profiles) {
            j.begin_object().key("group").value(g.group).key("records").value(static_cast<std::int64_t>(g.records))
                .key("key_core").value(static_cast<std::int64_t>(g.key_core))
                .key("key_main_subclasses").value(static_cast<std::int64_t>(g.main_codes))
                .key("key_all_subclasses").value(static_cast<std::int64_t>(g.all_codes))
                .key("key_subclass_gap").value(static_cast<std::int64_t>(g.code_gap))
                .key("key_convergence_index").value(g.convergence_index)
                .key("key_company_share").value(g.company_share)
                .key("top_applicant").value(top_applicant(g))
                .key("top_applicant_share").value(top_applicant_share(g))
                .key("applicant_hhi").value(g.applicant_hhi);
            j.key("top_main_subclasses").begin_array();
            for (const auto& t : g.top_main_codes)
                j.begin_object().key("subclass").value(t.key).key("share").value(t.share).end_object();
            j.end_array();
            j.key("network").begin_object()
                .key("nodes").value(static_cast<std::int64_t>(g.network.nodes))
                .key("edges").value(static_cast<std::int64_t>(g.network.edges))
                .key("density").value(g.network.density)
                .key("components").value(static_cast<std::int64_t>(g.network.components))
                .key("clusters").value(static_cast<std::int64_t>(g.network.clusters))
                .key("modularity").value(g.network.modularity)
                .key("sections").array(g.network.sections)
                .key("cross_section_edges").value(static_cast<std::int64_t>(g.network.cross_section_edges));
            j.key("top_strength").begin_array();
            for (const auto& t : g.network.top_strength)
                j.begin_object().key("subclass").value(t.first).key("strength").value(t.second).end_object();
            j.end_array();
            j.end_object();
            j.end_object();
        }
        j.end_array();
        j.end_object();
        f << '\n';
    }

    // report.md
    auto md = open_output(out_dir, "report.md");
    md << "# Key core report\n\nGenerated by `techconv keycore` ([KCT] §1.1: min-max normalisation, entropy "
          "weights with 0·ln 0 = 0, score s_i = Σ_j w_j x'_ij, key core = top ⌈"
       << num(q) << "·n⌉).\n\n## Inputs\n\n";
    for (const auto& s : r.notes) md << "- " << s << "\n";
    md << "- records read: " << r.read << "; after simple-family merging: " << r.records
       << " (" << r.merged << " merged)\n- scored: " << r.rows << " (" << r.dropped
       << " dropped for a missing indicator value, policy `" << r.missing << "`)\n";
    if (!r.absent.empty()) {
        md << "- indicators this source does not have (left out of the weighting, not zero-filled):";
        for (const auto ind : r.absent) md << " `" << tio::to_string(ind) << "`";
        md << "\n";
    }
    md << "\n## Indicator weights ([KCT] Table 1 layout)\n\n| level 2 (weight) | level 3 indicator | weight | entropy |\n"
          "|---|---|---|---|\n";
    for (const auto ind : tio::all_indicators) {
        const std::string gname(tio::indicator_group(ind));
        const auto it = std::find(r.columns.begin(), r.columns.end(), ind);
        md << "| " << gname << " (" << (group_weight.count(gname) ? percent(group_weight[gname]) + "%" : "–")
           << ") | " << tio::to_string(ind) << " | ";
        if (it == r.columns.end()) {
            md << "not in source | – |\n";
            continue;
        }
        const auto jj = static_cast<index>(it - r.columns.begin());
        md << percent(wt.weights[jj]) << "% | " << fixed(wt.entropy[jj], 6) << " |\n";
    }
    md << "\nWeighting status: `" << techconv::to_string(wt.info) << "`";
    if (!wt.degenerate_columns.empty()) {
        md << " (constant columns, weight 0:";
        for (const auto c : wt.degenerate_columns) md << " `" << colnames[static_cast<std::size_t>(c)] << "`";
        md << ")";
    }
    md << ".\n\n## Key core\n\nk = ⌈" << num(q) << " × " << r.rows << "⌉ = " << r.k
       << " records; threshold score " << fixed(r.threshold, 6) << ". Ties are broken by input order.\n\n"
       << "### Top " << top_n << "\n\n| rank | id | score | group |";
    for (const auto& g : r.subgroup_names) md << " " << g << " |";
    md << "\n|---|---|---|---|";
    for (std::size_t g = 0; g < r.subgroup_names.size(); ++g) md << "---|";
    md << "\n";
    for (index p = 0; p < top_n; ++p) {
        const auto& t = r.top[static_cast<std::size_t>(p)];
        md << "| " << p + 1 << " | " << t.id << " | " << fixed(t.score) << " | " << t.group << " |";
        for (const double v : t.sub) md << " " << fixed(v) << " |";
        md << "\n";
    }
    md << "\n## Groups" << (r.by_country ? " (country)" : "") << "\n\n"
       << "| group | records | key core | key / records | share of key core | main subclasses | all subclasses | "
          "CI | company share | leading applicant |\n|---|---|---|---|---|---|---|---|---|---|\n";
    for (std::size_t k = 0; k < profiles.size() && k < 25; ++k) {
        const auto& g = profiles[k];
        md << "| " << g.group << " | " << g.records << " | " << g.key_core << " | "
           << percent(g.key_core_rate) << "% | "
           << percent(ratio(static_cast<double>(g.key_core), K)) << "% | " << g.main_codes << " | "
           << g.all_codes << " | " << percent(g.convergence_index) << "% | " << percent(g.company_share)
           << "% | " << (top_applicant(g).empty() ? "–" : top_applicant(g) + " (" + percent(top_applicant_share(g)) + "%)")
           << " |\n";
    }
    if (profiles.size() > 25) md << "\n(" << profiles.size() - 25 << " more groups in groups.csv)\n";
    md << "\nProfiles describe each group's key core records: distinct IPC subclasses over main codes and over all\n"
          "codes, the convergence index CI = (key core records − all subclasses) / key core records ([KCT] §2.2.3),\n"
          "the share of records with a company applicant, and the applicant on most records.\n";
    for (std::size_t k = 0; k < profiles.size() && k < 5; ++k) {
        const auto& g = profiles[k];
        if (g.top_main_codes.empty()) continue;
        md << "\n**" << g.group << "**, top main subclasses of the key core:";
        for (const auto& t : g.top_main_codes) md << " " << t.key << " " << percent(t.share) << "%;";
        md << "\n";
    }
    md << "\n## Files\n\n```\n" << spec.outputs << "\n```\n";
}

int cmd_keycore(int argc, char** argv) {
    const auto& spec = keycore_spec();
    return guarded(spec, argc, argv, [&](const arguments& a) -> int {
        const std::string out_dir = a.get("out");
        const auto fmt = parse_format(a.get("format", "auto"));
        const double q = fraction_option(a);
        const bool by_country = group_by_country(a);
        const auto csrc = parse_country_source(a.get("country-from", "auto"));
        tio::indicator_options io;
        const std::string missing = a.get("missing", "drop-record");
        if (missing == "drop-indicator") io.missing = tio::missing_policy::drop_indicator;
        else if (missing == "zero") io.missing = tio::missing_policy::zero;
        else if (missing != "drop-record") throw usage_error("--missing expects drop-record, drop-indicator or zero");
        const int threads = threads_option(a);

        progress prog(a.quiet);
        auto in = read_patents(a.inputs, fmt, !a.has("no-merge"), prog);
        const auto table = tio::indicator_matrix(in.records, io);
        if (table.values.rows() < 2 || table.columns.empty())
            throw std::runtime_error("no usable indicator matrix: " + std::to_string(table.values.rows()) +
                                     " records with " + std::to_string(table.columns.size()) +
                                     " indicators (need at least 2 records and 1 indicator)");
        prog.note("techconv keycore: " + std::to_string(table.values.rows()) + " records x " +
                  std::to_string(table.columns.size()) + " indicators");

        tw::key_core_options ko;
        ko.fraction = q;
        ko.entropy.threads = threads;
        const auto kc = tw::key_core(table.values, ko);
        const index n = table.values.rows();
        const auto rk = tw::ranks(kc.scores);
        std::vector<index> by_rank(static_cast<std::size_t>(n));  // record of each rank (rank 1 first)
        for (index i = 0; i < n; ++i) by_rank[static_cast<std::size_t>(rk[i] - 1)] = i;

        keycore_report rep;
        rep.notes = in.notes;
        rep.read = in.read;
        rep.records = in.records.size();
        rep.merged = in.merged;
        rep.rows = n;
        rep.dropped = table.dropped_records;
        rep.columns = table.columns;
        rep.absent = table.absent;
        rep.incomplete = table.incomplete;
        set_key_core(rep, kc, q, missing, by_country);
        const techconv::matrix sub = keycore_subscores(table.values, table.columns, kc.weighting, rep.subgroup_names);

        make_dir(out_dir);
        std::vector<std::string> ids(static_cast<std::size_t>(n)), groups(static_cast<std::size_t>(n));
        for (index i = 0; i < n; ++i) {
            const auto& r = in.records[table.rows[static_cast<std::size_t>(i)]];
            ids[static_cast<std::size_t>(i)] = r.id;
            groups[static_cast<std::size_t>(i)] = keycore_group(r, by_country, csrc);
        }
        write_scores(out_dir, ids, kc.scores, rk, kc.top.k);
        for (index p = 0; p < std::min<index>(20, n); ++p) {
            const index i = by_rank[static_cast<std::size_t>(p)];
            const auto& r = in.records[table.rows[static_cast<std::size_t>(i)]];
            keycore_top_row t;
            t.id = r.id;
            t.score = kc.scores[i];
            t.group = groups[static_cast<std::size_t>(i)];
            t.year = techconv::analysis::patent_year(r);
            t.title = r.title;
            for (index g = 0; g < sub.cols(); ++g) t.sub.push_back(sub(i, g));
            rep.top.push_back(std::move(t));
        }
        // group profiles (convergence::group_profiles over each group's key core records)
        cv::profile_table ptab;
        for (index i = 0; i < n; ++i)
            add_profile_entry(ptab, in.records[table.rows[static_cast<std::size_t>(i)]],
                              groups[static_cast<std::size_t>(i)], rk[i] <= kc.top.k);
        rep.profiles = cv::group_profiles(ptab, keycore_profile_options()).groups;
        write_keycore_report(out_dir, rep);
        std::printf("records: %lld\nindicators: %zu\nkey_core: %lld\nout: %s\n", static_cast<long long>(n),
                    table.columns.size(), static_cast<long long>(kc.top.k), out_dir.c_str());
        return 0;
    });
}

}  // namespace tcli
