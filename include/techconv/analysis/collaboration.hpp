// SPDX-License-Identifier: BSL-1.0
//
// The [COOP] collaboration analysis as one library call: actor records of
// papers (countries, institutions) and of patents (party countries per simple
// family), then, for every pair of countries, N_ij, N_i, N_j, the five
// closeness measures and the importance shares, per period and per year; the
// per-country table; one pair's yearly series and peaks; the change between
// two periods; institution shares compared between periods. Every formula is
// the closeness module's; this header only assembles them.
#ifndef TECHCONV_ANALYSIS_COLLABORATION_HPP_
#define TECHCONV_ANALYSIS_COLLABORATION_HPP_

#include <algorithm>    // std::sort, std::find
#include <array>        // std::array
#include <functional>   // std::function
#include <cstdint>      // std::uint8_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <tuple>        // std::tie
#include <utility>      // std::move
#include <vector>       // std::vector

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "techconv/analysis/patent_rules.hpp"
#include "techconv/analysis/periods.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/closeness/counting.hpp"
#include "techconv/closeness/institutions.hpp"
#include "techconv/closeness/matrix.hpp"
#include "techconv/closeness/measures.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/closeness/series.hpp"
#include "techconv/config.hpp"
#include "techconv/detail/parallel.hpp"
#include "techconv/error.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/records/paper_table.hpp"
#include "techconv/records/patent.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

// --- actor records ------------------------------------------------------------------------

/// \brief Country actors of bibliographic records, for closeness::count_collaboration().
///
/// One record per paper with its identifier, year and countries. Identifiers
/// are kept: a record whose identifier was already added (e.g. the same paper
/// in two exports) is counted once and listed in actor_records::duplicates().
/// Complexity: O(total countries).
inline closeness::actor_records country_records(const std::vector<io::bibliographic_record>& records) {
    closeness::actor_records out;
    for (const auto& r : records) out.add(r.id, r.year, r.countries);
    return out;
}

/// \brief Institution actors of bibliographic records, record for record as
/// country_records() (the pairing closeness::institution_shares() needs).
/// Complexity: O(total institutions).
inline closeness::actor_records institution_records(const std::vector<io::bibliographic_record>& records) {
    closeness::actor_records out;
    for (const auto& r : records) out.add(r.id, r.year, r.institutions);
    return out;
}

namespace detail {

template <class Column>
closeness::actor_records paper_actor_records(const records::paper_table& t, Column column) {
    closeness::actor_records out;
    std::vector<label_id> cache;  // table label -> actor id
    for (const auto& c : t.chunks())
        for (std::size_t i = 0; i < c.size(); ++i) out.add_pooled(c.id(i), c.year(i), column(c, i), t.labels(), cache);
    return out;
}

}  // namespace detail

/// \brief country_records() of a columnar paper table (io::read_paper_table):
/// the same records, actor ids and duplicates as the vector form of the same
/// papers, built straight into the incidence (no per-record strings).
/// Complexity: O(total countries).
inline closeness::actor_records country_records(const records::paper_table& table) {
    return detail::paper_actor_records(
        table, [](const records::paper_table_chunk& c, std::size_t i) { return c.countries(i); });
}

/// \brief institution_records() of a columnar paper table, record for record as
/// country_records(const records::paper_table&).
/// Complexity: O(total institutions).
inline closeness::actor_records institution_records(const records::paper_table& table) {
    return detail::paper_actor_records(
        table, [](const records::paper_table_chunk& c, std::size_t i) { return c.institutions(i); });
}

/// \brief Whose countries make a patent's actors.
enum class patent_parties : std::uint8_t {
    inventors,   ///< inventor countries: co-invented patents, as [COOP]
    applicants,  ///< applicant (assignee) countries
    both,        ///< the union of the two
};

/// \brief Stable name of a party choice ("inventors", "applicants", "both").
constexpr std::string_view to_string(patent_parties p) noexcept {
    switch (p) {
        case patent_parties::inventors: return "inventors";
        case patent_parties::applicants: return "applicants";
        case patent_parties::both: return "both";
    }
    return "inventors";
}

/// \brief The party choice named `name` (a name of to_string()).
/// \throws invalid_argument for any other name, listing the accepted ones.
inline patent_parties patent_parties_from_string(std::string_view name) {
    for (const auto p : {patent_parties::inventors, patent_parties::applicants, patent_parties::both})
        if (name == to_string(p)) return p;
    throw invalid_argument("unknown patent parties '" + std::string(name) + "' (inventors, applicants, both)");
}

namespace detail {

template <class Source>
closeness::actor_records patent_country_records_of(Source& src, patent_parties who) {
    closeness::actor_records out;
    std::vector<std::string_view> c;  // views into the row's storage
    // the distinct non-empty countries in first-seen order (io::party_countries of each
    // list, the applicants' after the inventors'), without office codes (WO, IB, EP, ...),
    // which name no country
    const auto add_country = [&c](std::string_view, io::applicant_type, std::string_view country) {
        if (!country.empty() && !is_patent_office(country) && std::find(c.begin(), c.end(), country) == c.end())
            c.push_back(country);
    };
    for (std::size_t i = 0; i < src.size(); ++i) {
        const auto r = src.row(i);
        c.clear();
        if (who != patent_parties::applicants) r.each_inventor(add_country);
        if (who != patent_parties::inventors) r.each_applicant(add_country);
        out.add(r.family_id().empty() ? r.id() : r.family_id(), row_year(r), c);
    }
    return out;
}

}  // namespace detail

/// \brief Country actors of patent records ([COOP]: one record per simple
/// family; a co-invented patent is a record with two or more countries).
///
/// Per record: identifier = family_id (the record's id when it has none),
/// year = patent_year(), actors = the distinct two-letter countries of the
/// chosen parties (io::party_countries: inventors first, then applicants for
/// `both`), without office codes (is_patent_office). Pass records merged by
/// io::merge_families() to count each simple
/// family once; a repeated identifier is counted once and listed in
/// actor_records::duplicates(). Records without a country are kept (no actor).
/// Complexity: O(total parties).
inline closeness::actor_records patent_country_records(const std::vector<io::patent_record>& records,
                                                       patent_parties who = patent_parties::inventors) {
    vector_source src(records);
    return detail::patent_country_records_of(src, who);
}

/// \brief patent_country_records() of a columnar table's records, read from its columns.
template <class Table, if_patent_table<Table> = 0>
closeness::actor_records patent_country_records(const Table& table, patent_parties who = patent_parties::inventors) {
    table_source src(table);
    return detail::patent_country_records_of(src, who);
}

// --- the analysis -------------------------------------------------------------------------

/// \brief The closeness measures a collaboration result carries for every pair.
enum class measure : std::uint8_t {
    salton,                ///< closeness::salton, <tt>N_ij / sqrt(N_i N_j)</tt> ([COOP] formula (1))
    association_strength,  ///< closeness::association_strength_vosviewer, <tt>T N_ij / (N_i N_j)</tt>, T = sum of N_k
    jaccard,               ///< closeness::jaccard, <tt>N_ij / (N_i + N_j - N_ij)</tt>
    inclusion,             ///< closeness::inclusion, <tt>N_ij / min(N_i, N_j)</tt>
    equivalence,           ///< closeness::equivalence, <tt>N_ij^2 / (N_i N_j)</tt>
};

/// \brief Every measure, in the order of the enum (the column order of the command's pairs.csv).
inline constexpr std::array<measure, 5> all_measures = {measure::salton, measure::association_strength,
                                                        measure::jaccard, measure::inclusion,
                                                        measure::equivalence};

/// \brief Stable name of a measure: "salton", "association_strength", "jaccard", "inclusion", "equivalence".
constexpr std::string_view to_string(measure m) noexcept {
    switch (m) {
        case measure::salton: return "salton";
        case measure::association_strength: return "association_strength";
        case measure::jaccard: return "jaccard";
        case measure::inclusion: return "inclusion";
        case measure::equivalence: return "equivalence";
    }
    return "salton";
}

/// \brief Calls `f` with the closeness module's function object of measure `m`
/// (closeness::salton, association_strength_vosviewer, jaccard, inclusion,
/// equivalence) and returns its result; `f` must return the same type for each.
template <class F>
decltype(auto) visit_measure(measure m, F&& f) {
    switch (m) {
        case measure::association_strength: return f(closeness::association_strength_vosviewer);
        case measure::jaccard: return f(closeness::jaccard);
        case measure::inclusion: return f(closeness::inclusion);
        case measure::equivalence: return f(closeness::equivalence);
        case measure::salton: break;
    }
    return f(closeness::salton);
}

/// \brief The measure named `name`: a name of to_string(), or "association"
/// for association_strength. \throws invalid_argument for any other name.
inline measure measure_from_string(std::string_view name) {
    if (name == "association") return measure::association_strength;
    for (const auto m : all_measures)
        if (name == to_string(m)) return m;
    throw invalid_argument("unknown measure '" + std::string(name) +
                           "' (salton, association, jaccard, inclusion, equivalence)");
}

/// \brief One pair of actors in one period (i's label before j's).
struct collaboration_pair {
    year_type year = no_year;  ///< the year of a yearly row; no_year for the whole period
    label_id i = no_label;     ///< first actor (smaller label)
    label_id j = no_label;     ///< second actor
    double n_ij = 0.0;         ///< records shared by i and j (<tt>N_ij</tt>)
    double n_i = 0.0;          ///< <tt>N_i</tt> under the chosen denominator
    double n_j = 0.0;          ///< <tt>N_j</tt>
    double salton = 0.0;                ///< see measure::salton
    double association_strength = 0.0; ///< see measure::association_strength
    double jaccard = 0.0;               ///< see measure::jaccard
    double inclusion = 0.0;             ///< see measure::inclusion
    double equivalence = 0.0;           ///< see measure::equivalence
    double share_i = 0.0;  ///< importance of j to i: <tt>N_ij / N_i</tt> (0 when <tt>N_i = 0</tt>)
    double share_j = 0.0;  ///< importance of i to j: <tt>N_ij / N_j</tt>

    /// The value of measure `m`.
    constexpr double value(measure m) const noexcept {
        switch (m) {
            case measure::salton: return salton;
            case measure::association_strength: return association_strength;
            case measure::jaccard: return jaccard;
            case measure::inclusion: return inclusion;
            case measure::equivalence: return equivalence;
        }
        return salton;
    }
};

/// \brief One actor (country) in one period.
struct collaboration_actor {
    year_type year = no_year;   ///< the year of a yearly row; no_year for the whole period
    label_id actor = no_label;  ///< the actor
    double records = 0.0;        ///< records of the actor in the period (each once, with or without partners)
    double international = 0.0;  ///< <tt>N_i</tt> (records with a partner under the default denominator)
    double partners = 0.0;       ///< distinct partners in the period
    double link_strength = 0.0;  ///< <tt>sum_j N_ij</tt> (closeness::link_strength)
};

/// \brief One pair in the two compared periods.
struct collaboration_change {
    label_id i = no_label;            ///< first actor (smaller label)
    label_id j = no_label;            ///< second actor
    closeness::period_change change;  ///< both periods' statistics (options.series_measure) and the differences
};

/// \brief One institution's share in one period ([COOP]: an institution's
/// records with the partner country over all its international records).
struct collaboration_institution {
    std::size_t period = 0;         ///< 0: the whole period; k >= 1: options.periods[k - 1]
    label_id home = no_label;       ///< country the institution's records must list (a country id)
    label_id partner = no_label;    ///< partner country (a country id)
    closeness::institution_share share;  ///< institution id (in the institution records), counts, share
};

/// \brief Options of collaboration().
struct collaboration_options {
    /// Denominator, counting mode and the year range ([COOP]: international, full).
    closeness::count_options counts;
    /// Also count every year (yearly_pairs, yearly_actors).
    bool by_year = false;
    /// The pair whose yearly series, peaks and institution shares are computed,
    /// as two labels (e.g. "US", "CN"); empty: the pair with the largest
    /// whole-period <tt>N_ij</tt>, ties to the smaller labels.
    std::string pair_i, pair_j;
    /// Empty, or two periods to compare (changes, and institution shares per period).
    std::vector<closeness::period> periods;
    /// Institution shares of the pair (needs the institution records).
    bool institutions = false;
    /// The measure of the pair's yearly series, its closeness peak and the
    /// two-period changes (the pair tables always carry all five).
    measure series_measure = measure::salton;
    /// Institutions with fewer international records in a period are left out.
    index min_international = 1;
    /// Worker threads (0: all hardware threads) for the independent counting passes (whole
    /// period, per year, each compared period); each pass is the same ordered scan as on
    /// one thread, so the result is the same for any number.
    int threads = 1;
};

/// \brief The two periods of collaboration_options::periods from their text, e.g.
/// "2007-2014,2015-2022" (parse_periods' syntax: a range FIRST-LAST or a single year each):
/// the rule of the command's --periods and the Python package's periods=.
/// \throws invalid_argument (message naming the list) for a list parse_periods refuses or
/// one that does not hold exactly two periods.
inline std::vector<closeness::period> collaboration_periods(std::string_view list) {
    auto out = parse_periods(list);
    if (out.size() != 2)
        ::techconv::detail::throw_error<invalid_argument>(
            "analysis::collaboration_periods: '" + std::string(list) +
            "' holds " + std::to_string(out.size()) + (out.size() == 1 ? " period" : " periods") +
            "; two year ranges are compared, e.g. 2007-2014,2015-2022");
    return out;
}

/// \brief Everything collaboration() computes. Label ids refer to the
/// country records (actors) and, for institutions, the institution records.
struct collaboration_result {
    closeness::collaboration_counts total;          ///< whole-period counts
    std::vector<collaboration_pair> pairs;          ///< whole period, every pair with N_ij > 0, by labels
    std::vector<collaboration_actor> actors;        ///< whole period, every actor with records, by label
    closeness::collaboration_panel panel;           ///< per-year counts (by_year, or when a pair is known)
    std::vector<collaboration_pair> yearly_pairs;   ///< by_year: per year, then by labels
    std::vector<collaboration_actor> yearly_actors; ///< by_year: per year, then by label
    std::string pair_i, pair_j;                     ///< labels of the pair (asked, or chosen); empty: none
    label_id pair_i_id = no_label;                  ///< its ids; no_label when a label does not occur
    label_id pair_j_id = no_label;                  ///< see pair_i_id
    closeness::pair_series series;                  ///< the pair per panel year (options.series_measure)
    Eigen::VectorXd series_n_i;                     ///< <tt>N_i</tt> of pair_i per panel year
    Eigen::VectorXd series_n_j;                     ///< <tt>N_j</tt> of pair_j per panel year
    closeness::peak_result closeness_peak;          ///< peak year of the pair's series_measure
    closeness::peak_result n_i_peak;                ///< peak year of pair_i's <tt>N_i</tt>
    closeness::peak_result n_j_peak;                ///< peak year of pair_j's <tt>N_j</tt>
    std::vector<closeness::collaboration_counts> period_counts;  ///< counts of each options.periods entry
    std::vector<collaboration_change> changes;       ///< two periods: every pair with N_ij > 0 in either (series_measure)
    std::vector<collaboration_institution> institutions;  ///< whole period, then each period; home pair_i, then pair_j

    /// True when the pair's two labels occur in the records.
    bool has_pair() const noexcept { return pair_i_id != no_label && pair_j_id != no_label; }
};

namespace detail {

inline collaboration_pair make_pair_row(year_type year, const closeness::collaboration_counts& c, double total,
                                        label_id i, label_id j) {
    const auto s = closeness::pair_statistics(c, i, j, closeness::salton);
    collaboration_pair p;
    p.year = year;
    p.i = i;
    p.j = j;
    p.n_ij = s.n_ij;
    p.n_i = s.n_i;
    p.n_j = s.n_j;
    p.salton = s.closeness;
    p.association_strength = closeness::association_strength_vosviewer(s.n_ij, s.n_i, s.n_j, total);
    p.jaccard = closeness::jaccard(s.n_ij, s.n_i, s.n_j);
    p.inclusion = closeness::inclusion(s.n_ij, s.n_i, s.n_j);
    p.equivalence = closeness::equivalence(s.n_ij, s.n_i, s.n_j);
    p.share_i = s.share_i;
    p.share_j = s.share_j;
    return p;
}

// Pairs and actors of one period's counts, appended sorted by labels.
// `all` = records per actor (each record once).
inline void period_rows(year_type year, const closeness::collaboration_counts& c, const Eigen::VectorXd& all,
                        const closeness::actor_records& rec, std::vector<collaboration_pair>& pairs,
                        std::vector<collaboration_actor>& actors) {
    const double total = c.n.sum();
    const auto strength = closeness::link_strength(c.pairs);
    const auto first = pairs.size();
    for (Eigen::Index k = 0; k < c.pairs.outerSize(); ++k)
        for (Eigen::SparseMatrix<double>::InnerIterator it(c.pairs, k); it; ++it) {
            const auto i = static_cast<label_id>(it.row()), j = static_cast<label_id>(it.col());
            if (it.value() <= 0.0 || !(rec.label(i) < rec.label(j))) continue;
            pairs.push_back(make_pair_row(year, c, total, i, j));
        }
    std::sort(pairs.begin() + static_cast<std::ptrdiff_t>(first), pairs.end(),
              [&rec](const collaboration_pair& x, const collaboration_pair& y) {
                  return std::tie(rec.label(x.i), rec.label(x.j)) < std::tie(rec.label(y.i), rec.label(y.j));
              });
    const auto first_actor = actors.size();
    for (Eigen::Index i = 0; i < c.n.size(); ++i) {
        if (all[i] <= 0.0) continue;
        actors.push_back(collaboration_actor{year, static_cast<label_id>(i), all[i], c.n[i],
                                             static_cast<double>(c.pairs.col(i).nonZeros()), strength[i]});
    }
    std::sort(actors.begin() + static_cast<std::ptrdiff_t>(first_actor), actors.end(),
              [&rec](const collaboration_actor& x, const collaboration_actor& y) {
                  return rec.label(x.actor) < rec.label(y.actor);
              });
}

// Options counting every record of an actor once (the `records` column).
inline closeness::count_options record_count_options(closeness::count_options o) {
    o.denom = closeness::denominator::all_records;
    o.mode = closeness::counting::full;
    return o;
}

}  // namespace detail

/// \brief The [COOP] collaboration analysis of actor records (METHODS §6).
///
/// Counts <tt>N_i</tt> and <tt>N_ij</tt> (closeness::count_collaboration, and
/// closeness::count_by_year per year), then for every pair with
/// <tt>N_ij > 0</tt> the five measures of closeness/measures.hpp and the
/// importance shares <tt>N_ij/N_i</tt>, <tt>N_ij/N_j</tt>; per actor its
/// records, <tt>N_i</tt>, partners and link strength. For one pair (asked, or
/// the largest <tt>N_ij</tt>): the yearly series of opts.series_measure (closeness::closeness_series,
/// count_series) and the peak years (closeness::peak, ties to the earliest
/// year). With two periods: every pair's statistics in both and the change
/// (closeness::compare_periods). With institutions: closeness::institution_shares
/// of each side of the pair (home pair_i with partner pair_j, then the
/// reverse) over the whole period and each compared period.
///
/// \param countries country actors per record (country_records(), patent_country_records())
/// \param opts counting, years, pair, periods, institutions
/// \param institutions institution actors, record for record as `countries`
///        (institution_records()); needed only with opts.institutions.
/// \returns the tables above; label ids refer to `countries` (institution ids to `institutions`).
/// \throws invalid_argument on an inverted year range or period, a number of
///         periods other than 0 or 2, or opts.institutions without matching institution records.
/// Degenerate input: no record with an actor gives empty tables and
/// total.info = status::empty_input; a pair label that does not occur leaves
/// has_pair() false (no series, no institutions).
/// Deterministic: rows are sorted by labels, independent of input order of equal records.
/// Complexity: O(sum_r k_r^2 + P log P) per counted period (k_r actors of record r, P pairs).
/// \code
/// auto data = techconv::io::read_wos_tagged("savedrecs.txt");
/// auto countries = techconv::analysis::country_records(data.records);
/// techconv::analysis::collaboration_options o;
/// o.pair_i = "US"; o.pair_j = "CN";
/// auto r = techconv::analysis::collaboration(countries, o);
/// // r.pairs: N_ij, N_i, N_j, Salton, ..., shares; r.closeness_peak.year
/// \endcode
inline collaboration_result collaboration(const closeness::actor_records& countries,
                                          const collaboration_options& opts = {},
                                          const closeness::actor_records* institutions = nullptr) {
    ::techconv::detail::require(opts.periods.empty() || opts.periods.size() == 2,
                                "collaboration: periods must be empty or two periods");
    for (const auto& p : opts.periods)
        ::techconv::detail::require(p.first == no_year || p.last == no_year || p.first <= p.last,
                                    "collaboration: a period ends before it starts");
    ::techconv::detail::require(!opts.institutions || (institutions && institutions->size() == countries.size()),
                                "collaboration: institution shares need institution records matching the countries");
    ::techconv::detail::require(opts.threads >= 0, "collaboration: threads must be >= 0");
    collaboration_result out;
    const auto& co = opts.counts;
    // the counting passes read `countries` only and are independent: run them as tasks
    // (the panel is needed by_year and for the pair's series; without a pair it goes unused)
    closeness::collaboration_counts all_records;
    closeness::collaboration_panel panel_records;
    out.period_counts.resize(opts.periods.size());
    std::vector<std::function<void()>> passes{
        [&] { out.total = closeness::count_collaboration(countries, co); },
        [&] { all_records = closeness::count_collaboration(countries, detail::record_count_options(co)); },
        [&] { out.panel = closeness::count_by_year(countries, co); }};
    if (opts.by_year)
        passes.emplace_back([&] { panel_records = closeness::count_by_year(countries, detail::record_count_options(co)); });
    for (std::size_t k = 0; k < opts.periods.size(); ++k)
        passes.emplace_back([&, k] {
            auto o = co;
            o.first_year = opts.periods[k].first;
            o.last_year = opts.periods[k].last;
            out.period_counts[k] = closeness::count_collaboration(countries, o);
        });
    ::techconv::detail::for_each_chunk(static_cast<index>(passes.size()), 1, opts.threads,
                                       [&](index t, index, index) { passes[static_cast<std::size_t>(t)](); });
    detail::period_rows(no_year, out.total, all_records.n, countries, out.pairs, out.actors);
    if (opts.by_year) {
        const auto& all = panel_records;
        for (std::size_t t = 0; t < out.panel.years.size(); ++t)
            detail::period_rows(out.panel.years[t], out.panel.counts[t], all.counts[t].n, countries,
                                out.yearly_pairs, out.yearly_actors);
    }

    // the pair
    if (!opts.pair_i.empty() || !opts.pair_j.empty()) {
        out.pair_i = opts.pair_i;
        out.pair_j = opts.pair_j;
    } else if (!out.pairs.empty()) {
        const collaboration_pair* best = &out.pairs.front();
        for (const auto& p : out.pairs)
            if (p.n_ij > best->n_ij) best = &p;  // pairs are sorted by labels: ties keep the smaller labels
        out.pair_i = countries.label(best->i);
        out.pair_j = countries.label(best->j);
    }
    if (!out.pair_i.empty()) {
        out.pair_i_id = countries.find(out.pair_i);
        out.pair_j_id = countries.find(out.pair_j);
    }
    if (!opts.by_year && !out.has_pair()) out.panel = closeness::collaboration_panel{};  // as documented
    if (out.has_pair()) {
        out.series = visit_measure(opts.series_measure, [&](auto m) {
            return closeness::closeness_series(out.panel, out.pair_i_id, out.pair_j_id, m);
        });
        out.series_n_i = closeness::count_series(out.panel, out.pair_i_id);
        out.series_n_j = closeness::count_series(out.panel, out.pair_j_id);
        if (!out.series.years.empty()) {
            out.closeness_peak = closeness::peak(out.series.years, out.series.closeness());
            out.n_i_peak = closeness::peak(out.series.years, out.series_n_i);
            out.n_j_peak = closeness::peak(out.series.years, out.series_n_j);
        }
    }

    // two periods
    if (!opts.periods.empty()) {
        const auto& a = out.period_counts[0];
        const auto& b = out.period_counts[1];
        Eigen::SparseMatrix<double> either = a.pairs + b.pairs;
        for (Eigen::Index k = 0; k < either.outerSize(); ++k)
            for (Eigen::SparseMatrix<double>::InnerIterator it(either, k); it; ++it) {
                const auto i = static_cast<label_id>(it.row()), j = static_cast<label_id>(it.col());
                if (it.value() <= 0.0 || !(countries.label(i) < countries.label(j))) continue;
                out.changes.push_back(collaboration_change{
                    i, j, visit_measure(opts.series_measure, [&](auto m) { return closeness::compare_periods(a, b, i, j, m); })});
            }
        std::sort(out.changes.begin(), out.changes.end(),
                  [&countries](const collaboration_change& x, const collaboration_change& y) {
                      return std::tie(countries.label(x.i), countries.label(x.j)) <
                             std::tie(countries.label(y.i), countries.label(y.j));
                  });
    }

    // institutions of each side of the pair
    if (opts.institutions && out.has_pair()) {
        std::vector<closeness::period> spans{closeness::period{co.first_year, co.last_year}};
        spans.insert(spans.end(), opts.periods.begin(), opts.periods.end());
        for (std::size_t s = 0; s < spans.size(); ++s)
            for (const auto& side : {std::array<label_id, 2>{out.pair_i_id, out.pair_j_id},
                                     std::array<label_id, 2>{out.pair_j_id, out.pair_i_id}}) {
                closeness::institution_options iopt;
                iopt.home = side[0];
                iopt.first_year = spans[s].first;
                iopt.last_year = spans[s].last;
                iopt.min_international = opts.min_international;
                const auto r = closeness::institution_shares(*institutions, countries, side[1], iopt);
                for (const auto& row : r.rows)
                    out.institutions.push_back(collaboration_institution{s, side[0], side[1], row});
            }
    }
    return out;
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_COLLABORATION_HPP_
