// SPDX-License-Identifier: BSL-1.0
// The report files of techconv keycore (weights.csv, top20.csv, groups.csv,
// industries.csv, report.json, report.md), shared with distributed_keycore.
#include "keycore_report.hpp"

#include <algorithm>  // std::find

#include <techconv/format/csv.hpp>
#include <techconv/format/json.hpp>

namespace tcli {

namespace tio = techconv::io;
namespace ta = techconv::analysis;
namespace cv = techconv::convergence;
using techconv::index;

const command_spec& keycore_spec() {
    static const command_spec spec{
        "keycore",
        "INPUT... --out DIR [--format auto|lens|uspto-xml|csv] [--top 0.05] [--group-by country]"
        " [--concordance FILE]",
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
            {"concordance", "FILE", "IPC-to-industry concordance CSV (WIPO 35 fields or pattern,category): industries.csv"},
        },
        "  weights.csv  indicator, group, weight, entropy   ([KCT] Table 1 order; indicators the\n"
        "               source lacks have empty weight and entropy)\n"
        "  scores.csv   id, score, rank, key_core           (one row per record, input order)\n"
        "  top20.csv    rank, id, score, group, year, title, then one sub-score per level-2 group\n"
        "  groups.csv   group, records, key_core, key_share_of_group, share_of_key_core,\n"
        "               key_main_subclasses, key_all_subclasses, key_convergence_index,\n"
        "               key_company_share, top_applicant, top_applicant_share\n"
        "  industries.csv  group, industry, records, share  (with --concordance: each group's key core\n"
        "               records per concordance category, multi-label)\n"
        "  report.md, report.json",
        true};
    return spec;
}


void set_key_core(keycore_report& r, const ta::key_core_result& kc, const std::string& missing, bool by_country) {
    r.rows = kc.scores.size();
    r.dropped = kc.dropped;
    r.columns = kc.columns;
    r.absent = kc.absent;
    r.incomplete = kc.incomplete;
    r.weighting = kc.weighting;
    r.fraction = kc.fraction;
    r.k = kc.k;
    r.threshold = kc.threshold;
    r.missing = missing;
    r.by_country = by_country;
    r.subgroup_names = kc.subscores.groups;
    r.top = kc.top;
    r.profiles = kc.profiles;
    r.industries = kc.industries;
}

void write_keycore_report(const std::string& out_dir, const keycore_report& r) {
    const auto& spec = keycore_spec();
    const double q = r.fraction;
    const auto& wt = r.weighting;
    std::vector<std::string> colnames;
    for (const auto ind : r.columns) colnames.emplace_back(tio::to_string(ind));
    const auto table1 = ta::kct_weight_table(r.columns, wt);
    const auto group_weights = ta::kct_group_weights(r.columns, wt);
    auto group_weight = [&](const std::string& g) -> const ta::kct_group_weight* {
        for (const auto& x : group_weights)
            if (x.group == g) return &x;
        return nullptr;
    };
    // weights.csv: all nine indicators in [KCT] order; absent ones empty
    {
        auto f = open_output(out_dir, "weights.csv");
        tio::csv_writer w(f);
        w.row({"indicator", "group", "weight", "entropy"});
        for (const auto& row : table1) {
            w.field(tio::to_string(row.indicator)).field(row.group);
            if (!row.present) w.empty().empty().end_row();
            else w.field(row.weight).field(row.entropy).end_row();
        }
    }
    if (r.industries_table) {
        auto f = open_output(out_dir, "industries.csv");
        tio::csv_writer w(f);
        w.row({"group", "industry", "records", "share"});
        for (const auto& row : r.industries)
            w.field(row.group).field(row.industry).field(static_cast<std::int64_t>(row.records)).field(row.share).end_row();
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
        for (const auto& g : group_weights) j.key(g.group).value(g.weight);
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
    for (const auto& row : table1) {
        const auto* gw = group_weight(row.group);
        md << "| " << row.group << " (" << (gw ? percent(gw->weight) + "%" : "–") << ") | "
           << tio::to_string(row.indicator) << " | ";
        if (!row.present) {
            md << "not in source | – |\n";
            continue;
        }
        md << percent(row.weight) << "% | " << fixed(row.entropy, 6) << " |\n";
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


}  // namespace tcli
