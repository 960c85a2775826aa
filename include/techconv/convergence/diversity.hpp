// SPDX-License-Identifier: BSL-1.0
//
// Diversity indices of a count vector (a group's distribution over
// categories) as stateless function objects, and diversity(), which adds the
// maximum for k categories, the normalised value and a status.
//
// Measure contract. A diversity measure M is a function object with
//   template <class Counts> double operator()(const Counts& counts) const;
//   double max_for_size(index k) const;  // the largest value over k categories
// `Counts` is any range of arithmetic values (std::vector<int>,
// std::array<double, N>, Eigen::VectorXd, ...), each finite and >= 0; a
// negative or non-finite count throws techconv::invalid_argument. With
// p_i = x_i / sum(x) over the non-zero counts, every measure returns 0 for an
// empty or all-zero vector (never NaN). Rao-Stirling (rao_stirling.hpp)
// follows the same contract.
#ifndef TECHCONV_CONVERGENCE_DIVERSITY_HPP_
#define TECHCONV_CONVERGENCE_DIVERSITY_HPP_

#include <cmath>   // std::log, std::exp, std::pow, std::isnan, std::isinf
#include <limits>  // std::numeric_limits
#include <string>  // std::string
#include <vector>  // std::vector

#include "techconv/config.hpp"
#include "techconv/convergence/common.hpp"
#include "techconv/convergence/detail/counts.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {

/// The base of the natural logarithm, e (the default Shannon base).
inline constexpr double natural_base = 2.718281828459045;

/// \brief Richness: the number of categories with a non-zero count.
///
/// Formula: S = #{ i : x_i > 0 }. Equals the Hill number of order 0.
/// [KCT] §2.1 uses it for industry diversity (Japan 32 industries, US 30,
/// Korea 17, China 12) and technology diversity (distinct main subclasses).
/// Degenerate input: 0 for an empty or all-zero vector. Complexity: O(k).
struct richness_t {
    /// \brief Number of non-zero counts.
    /// \throws techconv::invalid_argument if a count is negative or not finite.
    template <class Counts>
    double operator()(const Counts& counts) const {
        return static_cast<double>(detail::summarize_counts(counts).observed);
    }
    /// \brief Maximum over k categories: k.
    static constexpr double max_for_size(index k) noexcept { return k > 0 ? static_cast<double>(k) : 0.0; }
};

/// \brief Shannon entropy in any logarithm base.
///
/// Formula: H = - sum_i p_i log_b p_i over p_i > 0 (0 log 0 = 0), the same
/// value as scipy.stats.entropy(counts, base=b). Reference: Shannon (1948),
/// doi:10.1002/j.1538-7305.1948.tb01338.x.
/// Degenerate input: 0 for an empty or all-zero vector and for one category.
/// Complexity: O(k) with one logarithm per non-zero count.
struct shannon_t {
    double base = natural_base;  ///< logarithm base b (> 0, != 1): e gives nats, 2 bits

    /// \brief The entropy of the proportions of `counts`.
    /// \throws techconv::invalid_argument if a count is negative or not finite, or the base is
    /// not a finite positive number other than 1.
    template <class Counts>
    double operator()(const Counts& counts) const {
        const double scale = log_base();
        const detail::count_summary s = detail::summarize_counts(counts);
        if (s.total <= 0.0) return 0.0;
        double h = 0.0;
        for (const auto& c : counts) {
            const double x = static_cast<double>(c);
            if (x > 0.0) {
                const double p = x / s.total;
                h -= p * std::log(p);
            }
        }
        return scale == 1.0 ? h : h / scale;
    }
    /// \brief Maximum over k categories: log_b k (the uniform distribution); 0 for k <= 1.
    double max_for_size(index k) const {
        const double scale = log_base();
        if (k <= 1) return 0.0;
        const double m = std::log(static_cast<double>(k));
        return scale == 1.0 ? m : m / scale;
    }

private:
    double log_base() const {
        techconv::detail::require(base > 0.0 && base != 1.0 && !std::isinf(base) && !std::isnan(base),
                                  "shannon: the logarithm base must be finite, positive and not 1");
        return base == natural_base ? 1.0 : std::log(base);
    }
};

/// \brief Pielou evenness: Shannon entropy over its maximum for the observed richness.
///
/// Formula: J = H / ln S with S the number of non-zero counts (base-free).
/// Reference: Pielou (1966), doi:10.1016/0022-5193(66)90013-0.
/// Degenerate input: 0 when S <= 1 (ln 1 = 0: evenness is undefined; diversity()
/// reports status::zero_denominator for it). Complexity: O(k).
struct pielou_t {
    /// \brief Evenness J in [0, 1] of the proportions of `counts`.
    /// \throws techconv::invalid_argument if a count is negative or not finite.
    template <class Counts>
    double operator()(const Counts& counts) const {
        const detail::count_summary s = detail::summarize_counts(counts);
        if (s.observed <= 1) return 0.0;
        return shannon_t{}(counts) / std::log(static_cast<double>(s.observed));
    }
    /// \brief Maximum over k categories: 1 for k >= 2, else 0.
    static constexpr double max_for_size(index k) noexcept { return k >= 2 ? 1.0 : 0.0; }
};

/// \brief Simpson's index (dominance): the probability that two draws with
/// replacement fall in the same category.
///
/// Formula: lambda = sum_i p_i^2. Reference: Simpson (1949), doi:10.1038/163688a0.
/// Degenerate input: 0 for an empty or all-zero vector. Complexity: O(k).
/// \sa gini_simpson_t, herfindahl_t (the same sum on a chosen scale).
struct simpson_t {
    /// \brief lambda of the proportions of `counts`, in [1/S, 1].
    /// \throws techconv::invalid_argument if a count is negative or not finite.
    template <class Counts>
    double operator()(const Counts& counts) const {
        const detail::count_summary s = detail::summarize_counts(counts);
        if (s.total <= 0.0) return 0.0;
        double sum = 0.0;
        for (const auto& c : counts) {
            const double p = static_cast<double>(c) / s.total;
            sum += p * p;
        }
        return sum;
    }
    /// \brief Maximum over k categories: 1 (all in one category) for k >= 1, else 0.
    static constexpr double max_for_size(index k) noexcept { return k >= 1 ? 1.0 : 0.0; }
};

/// \brief Gini-Simpson index, also called Blau's index: 1 - lambda.
///
/// Formula: D = 1 - sum_i p_i^2. Reference: Blau (1977), Inequality and
/// Heterogeneity; Rao (1982), doi:10.1016/0040-5809(82)90004-1.
/// Degenerate input: 0 for an empty or all-zero vector and for one category.
/// Complexity: O(k).
struct gini_simpson_t {
    /// \brief 1 - lambda of the proportions of `counts`, in [0, 1 - 1/S].
    /// \throws techconv::invalid_argument if a count is negative or not finite.
    template <class Counts>
    double operator()(const Counts& counts) const {
        const detail::count_summary s = detail::summarize_counts(counts);
        if (s.total <= 0.0) return 0.0;
        return 1.0 - simpson_t{}(counts);
    }
    /// \brief Maximum over k categories: 1 - 1/k (uniform) for k >= 1, else 0.
    static constexpr double max_for_size(index k) noexcept {
        return k >= 1 ? 1.0 - 1.0 / static_cast<double>(k) : 0.0;
    }
};

/// \brief Herfindahl-Hirschman index (HHI), raw, on a chosen scale.
///
/// Formula: HHI = scale * sum_i s_i^2 with s_i = x_i / sum(x) the market shares.
/// scale = 1 gives shares as fractions (HHI in (0, 1]); scale = 10000 gives the
/// antitrust convention of shares in percent. Reference: Hirschman (1964),
/// American Economic Review 54(5):761. [KCT] §2.1.3 uses applicant
/// concentration as its "monopoly effect".
/// Degenerate input: 0 for an empty or all-zero vector. Complexity: O(k).
struct herfindahl_t {
    double scale = 1.0;  ///< multiplier of the sum of squared fractional shares (> 0)

    /// \brief scale * sum of squared shares of `counts`.
    /// \throws techconv::invalid_argument if a count is negative or not finite, or scale <= 0.
    template <class Counts>
    double operator()(const Counts& counts) const {
        techconv::detail::require(scale > 0.0 && !std::isinf(scale), "herfindahl: scale must be finite and positive");
        return scale * simpson_t{}(counts);
    }
    /// \brief Maximum over k categories: scale (a monopoly) for k >= 1, else 0.
    double max_for_size(index k) const noexcept { return k >= 1 ? scale : 0.0; }
};

/// \brief Normalised Herfindahl-Hirschman index, in [0, 1].
///
/// Formula: HHI* = (H - 1/N) / (1 - 1/N) with H = sum_i s_i^2 and N the number
/// of categories (observed non-zero ones, or every entry: `basis`). 0 means
/// equal shares, 1 a monopoly.
/// Degenerate input: 0 for an empty or all-zero vector; 1 when N = 1 (one
/// firm holds everything: full concentration, by convention instead of 0/0).
/// Complexity: O(k).
struct herfindahl_normalized_t {
    category_basis basis = category_basis::observed;  ///< what N counts

    /// \brief HHI* of the shares of `counts`.
    /// \throws techconv::invalid_argument if a count is negative or not finite.
    template <class Counts>
    double operator()(const Counts& counts) const {
        const detail::count_summary s = detail::summarize_counts(counts);
        if (s.total <= 0.0) return 0.0;
        const index n = basis == category_basis::observed ? s.observed : s.size;
        if (n <= 1) return 1.0;
        const double inv_n = 1.0 / static_cast<double>(n);
        const double h = simpson_t{}(counts);
        const double v = (h - inv_n) / (1.0 - inv_n);
        return v < 0.0 ? 0.0 : v;
    }
    /// \brief Maximum over k categories: 1 for k >= 1, else 0.
    static constexpr double max_for_size(index k) noexcept { return k >= 1 ? 1.0 : 0.0; }
};

/// \brief Hill number (effective number of categories) of any order q.
///
/// Formula: D_q = (sum_i p_i^q)^(1 / (1 - q)) over p_i > 0; the limits are
/// D_0 = richness, D_1 = exp(H) (Shannon, natural log), D_inf = 1 / max p_i,
/// D_-inf = 1 / min p_i; D_2 = 1 / lambda (inverse Simpson). Reference: Hill
/// (1973), doi:10.2307/1934352.
/// Degenerate input: 0 for an empty or all-zero vector; 1 for one category.
/// Complexity: O(k) with one power (or logarithm) per non-zero count.
struct hill_t {
    double order = 1.0;  ///< q; any real number or +-infinity, not NaN

    /// \brief D_q of the proportions of `counts`.
    /// \throws techconv::invalid_argument if a count is negative or not finite, or q is NaN.
    template <class Counts>
    double operator()(const Counts& counts) const {
        techconv::detail::require(!std::isnan(order), "hill: the order q must not be NaN");
        const detail::count_summary s = detail::summarize_counts(counts);
        if (s.total <= 0.0) return 0.0;
        if (order == 0.0) return static_cast<double>(s.observed);
        if (order == 1.0) return std::exp(shannon_t{}(counts));
        if (std::isinf(order)) {
            if (order > 0.0) return s.total / s.largest;
            double smallest = s.largest;
            for (const auto& c : counts) {
                const double x = static_cast<double>(c);
                if (x > 0.0 && x < smallest) smallest = x;
            }
            return s.total / smallest;
        }
        double sum = 0.0;
        for (const auto& c : counts) {
            const double x = static_cast<double>(c);
            if (x > 0.0) sum += std::pow(x / s.total, order);
        }
        return std::exp(std::log(sum) / (1.0 - order));
    }
    /// \brief Maximum over k categories: k (the uniform distribution) for k >= 1, else 0.
    static constexpr double max_for_size(index k) noexcept { return k > 0 ? static_cast<double>(k) : 0.0; }
};

/// Richness (number of non-zero categories). \sa richness_t
inline constexpr richness_t richness{};
/// Shannon entropy in nats. For bits write `shannon_t{2.0}`. \sa shannon_t
inline constexpr shannon_t shannon{};
/// Pielou evenness. \sa pielou_t
inline constexpr pielou_t pielou{};
/// Simpson's index sum p^2. \sa simpson_t
inline constexpr simpson_t simpson{};
/// Gini-Simpson index 1 - sum p^2. \sa gini_simpson_t
inline constexpr gini_simpson_t gini_simpson{};
/// Blau's index: the Gini-Simpson index under its name in organisation studies. \sa gini_simpson_t
inline constexpr gini_simpson_t blau{};
/// Raw HHI with fractional shares. For the 0-10000 convention write `herfindahl_t{10000.0}`.
inline constexpr herfindahl_t herfindahl{};
/// Normalised HHI over the observed categories. \sa herfindahl_normalized_t
inline constexpr herfindahl_normalized_t herfindahl_normalized{};
/// Hill number of order 1 (exp of Shannon entropy); other orders: `hill_t{q}`. \sa hill_t
inline constexpr hill_t hill{};

/// \brief Options of diversity().
struct diversity_options {
    /// Which k the maximum max_for_size(k) uses: the observed richness (default)
    /// or the length of the count vector (declared categories, zeros included).
    category_basis basis = category_basis::observed;
};

/// \brief A diversity value with its maximum, normalised value and status.
struct diversity_result {
    double value = 0.0;       ///< measure(counts)
    double maximum = 0.0;     ///< measure.max_for_size(categories)
    double normalized = 0.0;  ///< value / maximum; 0 when maximum is 0
    index categories = 0;     ///< k used for the maximum
    index observed = 0;       ///< categories with a non-zero count
    double total = 0.0;       ///< sum of the counts
    status info = status::ok; ///< ok, empty_input (no observation) or zero_denominator (maximum 0)
};

/// \brief Evaluates a diversity measure with its maximum for k categories.
///
/// Formula: normalized = measure(x) / measure.max_for_size(k), k from `opts.basis`.
/// \param counts  category counts, any range of finite non-negative numbers.
/// \param measure a function object following the measure contract (richness,
///                shannon, shannon_t{2.0}, hill_t{2.0}, rao_stirling_t, ...).
/// \param opts    which k normalises.
/// \returns the value, maximum, normalised value, k, richness, total and status.
/// \throws techconv::invalid_argument if a count is negative or not finite (or the
/// measure's own parameters are invalid).
/// Degenerate input: empty or all-zero counts give value 0, normalized 0 and
/// status::empty_input; a zero maximum (e.g. Shannon with one category) gives
/// normalized 0 and status::zero_denominator. Never NaN.
/// Complexity: that of the measure plus O(k).
/// \code
/// std::vector<int> industries{15, 9, 8, 7, 6, 5};
/// auto d = techconv::convergence::diversity(industries, techconv::convergence::shannon);
/// // d.value = H in nats, d.normalized = Pielou's J
/// \endcode
template <class Counts, class Measure>
diversity_result diversity(const Counts& counts, const Measure& measure, const diversity_options& opts = {}) {
    const detail::count_summary s = detail::summarize_counts(counts);
    diversity_result r;
    r.value = measure(counts);
    r.observed = s.observed;
    r.total = s.total;
    r.categories = opts.basis == category_basis::observed ? s.observed : s.size;
    r.maximum = measure.max_for_size(r.categories);
    if (s.total <= 0.0) {
        r.info = status::empty_input;
    } else if (r.maximum == 0.0) {
        r.info = status::zero_denominator;
    } else {
        r.normalized = r.value / r.maximum;
    }
    return r;
}

}  // namespace convergence
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CONVERGENCE_DIVERSITY_HPP_
