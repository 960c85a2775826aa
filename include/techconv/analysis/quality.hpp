// SPDX-License-Identifier: BSL-1.0
//
// Patent quality indicators of Squicciarini, Dernis & Criscuolo (2013),
// "Measuring patent quality: indicators of technological and economic value",
// OECD STI Working Papers 2013/03 (issue 19 §2): per record, patent scope,
// family size, claims, backward citations, forward citations within 5 years,
// generality, originality, radicalness and breakthrough, each also normalised
// within its cohort (technology field × year). Each value is an
// std::optional with a status saying why it is empty (or partial).
#ifndef TECHCONV_ANALYSIS_QUALITY_HPP_
#define TECHCONV_ANALYSIS_QUALITY_HPP_

#include <algorithm>    // std::sort, std::max
#include <array>        // std::array
#include <cmath>        // std::ceil
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <map>          // std::map
#include <optional>     // std::optional
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::pair
#include <vector>       // std::vector

#include "techconv/analysis/citations.hpp"
#include "techconv/analysis/patent_rules.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/classification/concordance.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/io/citations.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief The OECD quality indicators, in the order of the quality.csv columns.
enum class quality_indicator : std::uint8_t {
    patent_scope = 0,          ///< distinct IPC classes at quality_options::level (subclass)
    family_size = 1,           ///< stated simple-family size
    claims = 2,                ///< stated number of claims
    backward_citations = 3,    ///< patent documents cited
    forward_citations_5y = 4,  ///< citations received within 5 years of publication
    generality = 5,            ///< 1 - sum of squared class shares of the citing documents
    originality = 6,           ///< 1 - sum of squared class shares of the cited documents
    radicalness = 7,           ///< share of the cited documents' classes outside the focal's
    breakthrough = 8,          ///< 1 when in the top share of forward citations of its cohort
};

/// \brief Number of quality indicators.
inline constexpr std::size_t quality_indicator_count = 9;

/// \brief All quality indicators, in column order.
inline constexpr std::array<quality_indicator, quality_indicator_count> all_quality_indicators = {
    quality_indicator::patent_scope,       quality_indicator::family_size,
    quality_indicator::claims,             quality_indicator::backward_citations,
    quality_indicator::forward_citations_5y, quality_indicator::generality,
    quality_indicator::originality,        quality_indicator::radicalness,
    quality_indicator::breakthrough};

/// \brief Stable snake_case name of a quality indicator (the quality.csv column).
constexpr std::string_view to_string(quality_indicator q) noexcept {
    switch (q) {
        case quality_indicator::patent_scope: return "patent_scope";
        case quality_indicator::family_size: return "family_size";
        case quality_indicator::claims: return "claims";
        case quality_indicator::backward_citations: return "backward_citations";
        case quality_indicator::forward_citations_5y: return "forward_citations_5y";
        case quality_indicator::generality: return "generality";
        case quality_indicator::originality: return "originality";
        case quality_indicator::radicalness: return "radicalness";
        case quality_indicator::breakthrough: return "breakthrough";
    }
    return "unknown";
}

/// \brief Why a quality value is empty, or what limits it.
enum class quality_status : std::uint8_t {
    ok = 0,                    ///< computed from complete inputs
    not_stated = 1,            ///< the source states no value (no codes, no claims count, ...)
    no_citations = 2,          ///< no cited (originality, radicalness) or citing (generality) documents
    no_known_classes = 3,      ///< citations exist, but none of those documents has a known class
    single_citation = 4,       ///< Hall's correction N/(N-1) is undefined for N = 1
    no_year = 5,               ///< the record has no publication year (5-year window) or no year (cohort)
    unknown_citing_years = 6,  ///< value given, but some citing documents have no year and are not counted
    no_cohort = 7,             ///< normalised/breakthrough: no year or no technology field
    zero_cohort_maximum = 8,   ///< normalised: the cohort's largest value is 0
    /// generality: value given, but some citing documents have no known class and are not counted
    unknown_citing_classes = 9,
    /// originality, radicalness: value given, but some cited documents have no known class and
    /// are not counted
    unknown_cited_classes = 10,
};

/// \brief Number of quality statuses (their values are 0 .. quality_status_count - 1).
inline constexpr std::size_t quality_status_count = 11;

/// \brief Stable name of a quality status (the quality.csv status cells).
constexpr std::string_view to_string(quality_status s) noexcept {
    switch (s) {
        case quality_status::ok: return "ok";
        case quality_status::not_stated: return "not_stated";
        case quality_status::no_citations: return "no_citations";
        case quality_status::no_known_classes: return "no_known_classes";
        case quality_status::single_citation: return "single_citation";
        case quality_status::no_year: return "no_year";
        case quality_status::unknown_citing_years: return "unknown_citing_years";
        case quality_status::no_cohort: return "no_cohort";
        case quality_status::zero_cohort_maximum: return "zero_cohort_maximum";
        case quality_status::unknown_citing_classes: return "unknown_citing_classes";
        case quality_status::unknown_cited_classes: return "unknown_cited_classes";
    }
    return "unknown";
}

/// \brief A value and its status: empty value = undefined, the status says why; a value with
/// status unknown_citing_years is a lower bound, one with unknown_citing_classes
/// (unknown_cited_classes) rests on the citing (cited) documents with a known class only.
struct quality_value {
    std::optional<double> value;              ///< the value, or empty
    quality_status status = quality_status::ok;  ///< ok, or why it is empty / partial
};

/// \brief How a cited or citing document with several classes counts in the shares s_j.
enum class class_shares : std::uint8_t {
    fractional,  ///< each document counts 1/|classes| in each of its classes (total weight 1 per document)
    full,        ///< each document counts 1 in each of its classes; shares over all class occurrences
};

/// \brief What quality_indicators() computes.
struct quality_options {
    /// Level of the classes of patent scope, generality, originality and radicalness
    /// (Squicciarini et al. 2013 use 4-character IPC subclasses).
    classification::ipc_level level = classification::ipc_level::subclass;
    class_shares shares = class_shares::fractional;  ///< multi-class documents in generality / originality
    /// Multiply generality and originality by N/(N-1), N the documents with known classes
    /// (Hall 2005's bias correction); undefined (single_citation) for N = 1.
    bool hall_correction = false;
    year_type forward_window = 5;  ///< citing publication year <= focal publication year + window
    double breakthrough_share = 0.01;  ///< top share of a cohort's forward citations (OECD: 1 %)
    /// The technology fields (e.g. classification::load_wipo_technology_fields, the WIPO 35
    /// fields); null: cohorts are years alone and every field is empty. Not owned.
    const classification::concordance* fields = nullptr;
    /// Worker threads for the per-record indicators (0: all hardware threads); every value
    /// is computed from the record's own citations, so the result is the same for any number.
    int threads = 1;
    /// Indicators per group (`quality --group-by country`): when set, each record's group is
    /// row_country_group from this source (its country, "(unknown)" without one) and
    /// quality_result::groups summarises every indicator's values in every group.
    std::optional<country_source> group_by_country;
};

/// \brief The technology field of a record, the one rule techconv applies: the category
/// `fields` gives the first of its codes (source order, main code first) that it maps;
/// the smallest category id when that code maps to several; no_label when none maps.
template <class Codes>
label_id technology_field(const Codes& codes, const classification::concordance& fields) {
    for (const classification::ipc_code c : codes) {
        if (c.empty()) continue;
        const auto f = fields.lookup(c);
        if (!f.empty()) return f.front();
    }
    return no_label;
}

/// \brief The quality indicators of one record.
struct quality_record {
    std::string id;                  ///< publication number
    year_type year = no_year;        ///< analysis::patent_year (the cohort year)
    year_type publication_year = no_year;  ///< the start of the forward-citation window
    label_id field = no_label;       ///< technology field (technology_field), no_label if none
    std::array<quality_value, quality_indicator_count> values;      ///< by all_quality_indicators order
    std::array<quality_value, quality_indicator_count> normalised;  ///< value / cohort maximum
    index citing = 0;               ///< documents citing it (corpus, the sources' citing lists, citation table)
    index citing_with_classes = 0;  ///< of those, with a known class at the level
    index citing_with_year = 0;     ///< of those, with a known publication year (the 5-year window's coverage)
    index cited = 0;                ///< documents it cites that the graph has
    index cited_with_classes = 0;   ///< of those, with a known class at the level
    std::string group;              ///< with quality_options::group_by_country: its group, else empty

    /// Value of indicator `q`.
    const quality_value& operator[](quality_indicator q) const noexcept {
        return values[static_cast<std::size_t>(q)];
    }
};

/// \brief The distribution of one indicator's values (quality_record::values, not normalised)
/// over the records of one group (quality_options::group_by_country).
///
/// Quantiles interpolate linearly between the order statistics x_(1) <= ... <= x_(n) of the
/// defined values: Q(p) = x_(⌊h⌋+1) + (h − ⌊h⌋)(x_(⌊h⌋+2) − x_(⌊h⌋+1)) with h = (n − 1)p (Hyndman
/// & Fan 1996's definition 7, the default of numpy.percentile and pandas' quantile).
struct quality_group_summary {
    std::string group;  ///< the group (row_country_group)
    quality_indicator indicator = quality_indicator::patent_scope;  ///< the indicator
    index records = 0;     ///< records of the group
    index with_value = 0;  ///< of these, records where the indicator is defined (the n of the figures)
    double min = 0;        ///< smallest value
    double q1 = 0;         ///< Q(0.25)
    double median = 0;     ///< Q(0.5)
    double q3 = 0;         ///< Q(0.75)
    double p90 = 0;        ///< Q(0.9)
    double max = 0;        ///< largest value
    double mean = 0;       ///< arithmetic mean
    /// ok; empty_input when no record of the group has a value (every figure 0: none is defined)
    status info = status::ok;
};

/// \brief Everything quality_indicators() computes.
struct quality_result {
    std::vector<quality_record> records;  ///< one per input record, input order
    citation_graph graph;                 ///< the citation graph the indicators read
    index records_without_year = 0;       ///< records without a cohort year
    index records_without_field = 0;      ///< records without a field (0 when no fields are given)
    /// With quality_options::group_by_country (quality_group_summaries): per group (records
    /// descending, then name), one entry per indicator in all_quality_indicators order.
    std::vector<quality_group_summary> groups;
};

/// \brief Q(p) of sorted values by linear interpolation (quality_group_summary's rule).
/// \pre `sorted` is ascending and not empty, 0 <= p <= 1.
inline double linear_quantile(const std::vector<double>& sorted, double p) {
    const double h = static_cast<double>(sorted.size() - 1) * p;
    const auto lo = static_cast<std::size_t>(h);
    if (lo + 1 >= sorted.size()) return sorted.back();
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

/// \brief The distribution of every indicator in every group of `records` (quality_record::group):
/// groups by records descending, then name; per group one quality_group_summary per indicator, in
/// all_quality_indicators order. quality_indicators() fills quality_result::groups with it when
/// quality_options::group_by_country is set.
inline std::vector<quality_group_summary> quality_group_summaries(const std::vector<quality_record>& records) {
    std::map<std::string, std::vector<const quality_record*>> by;
    for (const auto& r : records) by[r.group].push_back(&r);
    std::vector<std::pair<std::string, std::vector<const quality_record*>>> groups(by.begin(), by.end());
    std::stable_sort(groups.begin(), groups.end(),
                     [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    std::vector<quality_group_summary> out;
    std::vector<double> v;
    for (const auto& [name, recs] : groups)
        for (std::size_t q = 0; q < quality_indicator_count; ++q) {
            quality_group_summary g;
            g.group = name;
            g.indicator = all_quality_indicators[q];
            g.records = static_cast<index>(recs.size());
            v.clear();
            for (const auto* r : recs)
                if (r->values[q].value) v.push_back(*r->values[q].value);
            g.with_value = static_cast<index>(v.size());
            if (v.empty()) {
                g.info = status::empty_input;
            } else {
                std::sort(v.begin(), v.end());
                double sum = 0;
                for (const double x : v) sum += x;
                g.min = v.front();
                g.q1 = linear_quantile(v, 0.25);
                g.median = linear_quantile(v, 0.5);
                g.q3 = linear_quantile(v, 0.75);
                g.p90 = linear_quantile(v, 0.9);
                g.max = v.back();
                g.mean = sum / static_cast<double>(v.size());
            }
            out.push_back(std::move(g));
        }
    return out;
}

namespace detail {

// What quality reads of each record besides the graph.
struct quality_input {
    std::vector<year_type> year;
    std::vector<label_id> field;
    std::vector<io::indicator_values> counts;
    std::vector<std::string> group;  // quality_options::group_by_country: row_country_group; else empty
};

// The distinct classes of node v at `level` (codes coarser than it are ignored).
inline void classes_at(const citation_graph& g, index v, classification::ipc_level level,
                       std::vector<classification::ipc_code>& out) {
    out.clear();
    for (const auto c : g.classes[static_cast<std::size_t>(v)])
        if (c.has(level)) out.push_back(c.truncate_unchecked(level));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

// 1 - sum of squared class shares over `docs` (generality, originality), its status, and
// the number of documents with known classes.
inline quality_value concentration(const citation_graph& g, const std::vector<index>& docs,
                                   const quality_options& o, index& known) {
    known = 0;
    if (docs.empty()) return {std::nullopt, quality_status::no_citations};
    std::map<classification::ipc_code, double> weight;
    std::vector<classification::ipc_code> cls;
    double total = 0;
    for (const index d : docs) {
        classes_at(g, d, o.level, cls);
        if (cls.empty()) continue;
        ++known;
        const double w = o.shares == class_shares::fractional ? 1.0 / static_cast<double>(cls.size()) : 1.0;
        for (const auto c : cls) weight[c] += w;
        total += w * static_cast<double>(cls.size());
    }
    if (known == 0) return {std::nullopt, quality_status::no_known_classes};
    double sum_sq = 0;
    for (const auto& [c, w] : weight) sum_sq += (w / total) * (w / total);
    double v = 1.0 - sum_sq;
    if (o.hall_correction) {
        if (known == 1) return {std::nullopt, quality_status::single_citation};
        v *= static_cast<double>(known) / static_cast<double>(known - 1);
    }
    return {v, quality_status::ok};
}

inline quality_result compute_quality(citation_graph g, const quality_input& in, const quality_options& o) {
    if (!(o.breakthrough_share > 0.0 && o.breakthrough_share <= 1.0))
        throw invalid_argument("quality_options::breakthrough_share must lie in (0, 1]");
    if (o.forward_window < 0) throw invalid_argument("quality_options::forward_window must be >= 0");
    quality_result res;
    const auto n = static_cast<std::size_t>(g.records);
    res.records.resize(n);
    if (o.threads < 0) throw invalid_argument("quality_options::threads must be >= 0");
    // each record's indicators read the graph and write only that record: chunks of records
    // on o.threads threads give the same values as one pass
    const auto one_record = [&](std::size_t i, std::vector<classification::ipc_code>& focal,
                                std::vector<classification::ipc_code>& cls) {
        auto& r = res.records[i];
        const auto v = static_cast<index>(i);
        r.id = g.ids[i];
        r.year = in.year[i];
        r.publication_year = g.publication_year[i];
        r.field = in.field[i];
        if (!in.group.empty()) r.group = in.group[i];
        const auto set = [&r](quality_indicator q, quality_value x) { r.values[static_cast<std::size_t>(q)] = x; };
        const auto stated = [&](io::indicator k) -> quality_value {
            const auto c = in.counts[i].get(k);
            if (!c) return {std::nullopt, quality_status::not_stated};
            return {static_cast<double>(*c), quality_status::ok};
        };
        // patent scope
        classes_at(g, v, o.level, focal);
        set(quality_indicator::patent_scope, focal.empty() ? quality_value{std::nullopt, quality_status::not_stated}
                                                           : quality_value{static_cast<double>(focal.size()),
                                                                           quality_status::ok});
        set(quality_indicator::family_size, stated(io::indicator::family_size));
        set(quality_indicator::claims, stated(io::indicator::claims));
        // backward citations: the resolved list, else the stated count
        const auto& cited = g.cited[i];
        const auto& citing = g.citing[i];
        r.cited = static_cast<index>(cited.size());
        r.citing = static_cast<index>(citing.size());
        set(quality_indicator::backward_citations,
            cited.empty() ? stated(io::indicator::backward_citations)
                          : quality_value{static_cast<double>(cited.size()), quality_status::ok});
        // forward citations within the window
        for (const index c : citing)
            if (g.publication_year[static_cast<std::size_t>(c)] != no_year) ++r.citing_with_year;
        if (r.publication_year == no_year) {
            set(quality_indicator::forward_citations_5y, {std::nullopt, quality_status::no_year});
        } else {
            index within = 0, unknown = 0;
            for (const index c : citing) {
                const year_type y = g.publication_year[static_cast<std::size_t>(c)];
                if (y == no_year)
                    ++unknown;
                else if (y <= r.publication_year + o.forward_window)
                    ++within;
            }
            set(quality_indicator::forward_citations_5y,
                {static_cast<double>(within), unknown > 0 ? quality_status::unknown_citing_years : quality_status::ok});
        }
        // generality: a citing document without a known class (one outside the corpus that the class
        // table does not cover) is left out, and the status says so
        auto generality = concentration(g, citing, o, r.citing_with_classes);
        if (generality.value && generality.status == quality_status::ok &&
            r.citing_with_classes < static_cast<index>(citing.size()))
            generality.status = quality_status::unknown_citing_classes;
        set(quality_indicator::generality, generality);
        // originality and radicalness: likewise for a cited document without a known class
        auto originality = concentration(g, cited, o, r.cited_with_classes);
        const bool cited_unknown = r.cited_with_classes < static_cast<index>(cited.size());
        if (originality.value && originality.status == quality_status::ok && cited_unknown)
            originality.status = quality_status::unknown_cited_classes;
        set(quality_indicator::originality, originality);
        // radicalness: share of (cited document, class) pairs whose class the focal lacks
        if (cited.empty()) {
            set(quality_indicator::radicalness, {std::nullopt, quality_status::no_citations});
        } else if (focal.empty()) {
            set(quality_indicator::radicalness, {std::nullopt, quality_status::not_stated});
        } else {
            index pairs = 0, outside = 0;
            for (const index c : cited) {
                classes_at(g, c, o.level, cls);
                for (const auto k : cls) {
                    ++pairs;
                    outside += std::binary_search(focal.begin(), focal.end(), k) ? 0 : 1;
                }
            }
            set(quality_indicator::radicalness,
                pairs == 0 ? quality_value{std::nullopt, quality_status::no_known_classes}
                           : quality_value{static_cast<double>(outside) / static_cast<double>(pairs),
                                           cited_unknown ? quality_status::unknown_cited_classes
                                                         : quality_status::ok});
        }
    };
    techconv::detail::for_each_chunk(static_cast<index>(n), 32, o.threads, [&](index, index b, index e) {
        std::vector<classification::ipc_code> focal, cls;
        for (index i = b; i < e; ++i) one_record(static_cast<std::size_t>(i), focal, cls);
    });
    for (const auto& r : res.records) {
        if (r.year == no_year) ++res.records_without_year;
        if (o.fields != nullptr && r.field == no_label) ++res.records_without_field;
    }
    // cohorts: (year, field); the field is ignored without a field table
    const auto in_cohort = [&](const quality_record& r) {
        return r.year != no_year && (o.fields == nullptr || r.field != no_label);
    };
    std::map<std::pair<year_type, label_id>, std::vector<std::size_t>> cohorts;
    for (std::size_t i = 0; i < n; ++i)
        if (in_cohort(res.records[i]))
            cohorts[{res.records[i].year, o.fields == nullptr ? no_label : res.records[i].field}].push_back(i);
    const auto fwd = static_cast<std::size_t>(quality_indicator::forward_citations_5y);
    const auto brk = static_cast<std::size_t>(quality_indicator::breakthrough);
    for (std::size_t i = 0; i < n; ++i) {
        auto& r = res.records[i];
        if (!in_cohort(r))
            r.values[brk] = {std::nullopt, quality_status::no_cohort};
        else if (!r.values[fwd].value)
            r.values[brk] = {std::nullopt, r.values[fwd].status};
    }
    for (const auto& [key, members] : cohorts) {
        // breakthrough: forward citations at least the k-th largest of the cohort, k = ceil(share * n)
        std::vector<double> f;
        for (const auto i : members)
            if (res.records[i].values[fwd].value) f.push_back(*res.records[i].values[fwd].value);
        if (!f.empty()) {
            std::sort(f.begin(), f.end(), [](double a, double b) { return a > b; });
            const auto k = static_cast<std::size_t>(std::ceil(o.breakthrough_share * static_cast<double>(f.size())));
            const double threshold = f[std::min(f.size(), std::max<std::size_t>(k, 1)) - 1];
            for (const auto i : members) {
                auto& r = res.records[i];
                if (!r.values[fwd].value) continue;
                const double x = *r.values[fwd].value;
                r.values[brk] = {x > 0 && x >= threshold ? 1.0 : 0.0, r.values[fwd].status};
            }
        }
        // normalised: value / largest value of the cohort
        for (std::size_t q = 0; q < quality_indicator_count; ++q) {
            std::optional<double> mx;
            for (const auto i : members)
                if (const auto& x = res.records[i].values[q].value) mx = mx ? std::max(*mx, *x) : *x;
            for (const auto i : members) {
                auto& r = res.records[i];
                if (!r.values[q].value)
                    r.normalised[q] = r.values[q];
                else if (*mx <= 0.0)
                    r.normalised[q] = {std::nullopt, quality_status::zero_cohort_maximum};
                else
                    r.normalised[q] = {*r.values[q].value / *mx, r.values[q].status};
            }
        }
    }
    for (auto& r : res.records)
        if (!in_cohort(r))
            for (std::size_t q = 0; q < quality_indicator_count; ++q)
                r.normalised[q] = r.values[q].value ? quality_value{std::nullopt, quality_status::no_cohort}
                                                    : r.values[q];
    if (o.group_by_country) res.groups = quality_group_summaries(res.records);
    res.graph = std::move(g);
    return res;
}

}  // namespace detail

/// \brief The OECD quality indicators (Squicciarini, Dernis & Criscuolo 2013) of each record,
/// over the citation graph of the records extended by a citation table and a class table
/// (build_citation_graph; both tables may be empty). Definitions in docs/analysis-quality.md.
/// With quality_options::group_by_country, also the distribution of every indicator per country
/// group (quality_result::groups, quality_group_summaries).
/// \throws invalid_argument for options out of range.
/// Complexity: O(C log C) for C citations plus O(n log n) for the cohorts.
inline quality_result quality_indicators(const std::vector<io::patent_record>& records,
                                         const quality_options& opts = {},
                                         const std::vector<io::citation_row>& citations = {},
                                         const std::vector<io::class_row>& classes = {}) {
    detail::quality_input in;
    std::vector<classification::ipc_code> codes;
    for (const auto& r : records) {
        in.year.push_back(patent_year(r));
        parse_codes(r.ipc, codes);
        in.field.push_back(opts.fields == nullptr ? no_label : technology_field(codes, *opts.fields));
        in.counts.push_back(r.counts);
        if (opts.group_by_country) in.group.push_back(row_country_group(record_view(r), *opts.group_by_country));
    }
    return detail::compute_quality(build_citation_graph(records, citations, classes), in, opts);
}

/// \brief quality_indicators of the records of a records::patent_table.
template <class Table, if_patent_table<Table> = 0>
quality_result quality_indicators(const Table& table, const quality_options& opts = {},
                                  const std::vector<io::citation_row>& citations = {},
                                  const std::vector<io::class_row>& classes = {}) {
    detail::quality_input in;
    const table_source src(table);
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto row = src.row(i);
        in.year.push_back(row_year(row));
        in.field.push_back(opts.fields == nullptr ? no_label : technology_field(src.codes(i), *opts.fields));
        in.counts.push_back(row.counts());
        if (opts.group_by_country) in.group.push_back(row_country_group(row, *opts.group_by_country));
    }
    return detail::compute_quality(build_citation_graph(table, citations, classes), in, opts);
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_QUALITY_HPP_
