// SPDX-License-Identifier: BSL-1.0
//
// Technology life cycle (issue 19 §3): logistic and Gompertz S-curves fitted by
// least squares to the cumulative yearly record counts, with a small
// deterministic Levenberg–Marquardt solver.
#ifndef TECHCONV_ANALYSIS_LIFECYCLE_HPP_
#define TECHCONV_ANALYSIS_LIFECYCLE_HPP_

#include <algorithm>    // std::max, std::min
#include <array>        // std::array
#include <cmath>        // std::exp, std::log, std::abs, std::isfinite
#include <cstddef>      // std::size_t
#include <string_view>  // std::string_view
#include <utility>      // std::pair, std::swap
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief The S-curve of a growth fit.
enum class growth_model {
    logistic,  ///< y = K / (1 + exp(−r (t − t0))): symmetric around t0, y(t0) = K/2
    gompertz,  ///< y = K exp(−exp(−r (t − t0))): inflection at t0, y(t0) = K/e
};

/// \brief Stable name of a model ("logistic", "gompertz").
constexpr std::string_view to_string(growth_model m) noexcept {
    return m == growth_model::logistic ? "logistic" : "gompertz";
}

/// \brief Bounds of the Levenberg–Marquardt iteration.
struct growth_fit_options {
    int max_iterations = 200;  ///< accepted or rejected steps before status not_converged
    double tolerance = 1e-10;  ///< stop when a step changes every parameter by less than this (relative)
};

/// \brief One fitted S-curve.
struct growth_fit {
    growth_model model = growth_model::logistic;
    double saturation = 0;  ///< K, the level the curve approaches
    double midpoint = 0;    ///< t0: the year of the inflection (K/2 logistic, K/e Gompertz)
    double rate = 0;        ///< r > 0, per year
    double duration = 0;    ///< years from 10 % to 90 % of K: ln 81 / r (logistic), ln(ln 10 / ln(10/9)) / r (Gompertz)
    double sse = 0;         ///< Σ (y − ŷ)²
    double r_squared = 0;   ///< 1 − SSE / Σ (y − ȳ)²; 0 with status zero_denominator when every y is equal
    double aic = 0;         ///< n ln(SSE / n) + 2·3 (least squares, Gaussian errors); see aic_defined
    bool aic_defined = true;  ///< false when SSE = 0 (a perfect fit: AIC is −∞, reported as not defined)
    index points = 0;         ///< points fitted
    int iterations = 0;       ///< Levenberg–Marquardt steps tried
    /// ok; empty_input (fewer than 3 points, the parameters' number: nothing fitted, every figure 0);
    /// zero_denominator (every y equal: no growth to fit, nothing fitted); not_converged (the
    /// iteration bound was reached: the figures are those of the last accepted step).
    status info = status::ok;
};

namespace detail {

/// The model value and its partial derivatives by (K, t0, r) at time t.
inline double growth_eval(growth_model m, const std::array<double, 3>& p, double t, std::array<double, 3>& d) {
    const double K = p[0], t0 = p[1], r = p[2];
    const double e = std::exp(-r * (t - t0));
    if (m == growth_model::logistic) {
        const double s = 1.0 / (1.0 + e);  // y / K
        d[0] = s;
        d[1] = -K * s * s * e * r;          // ∂y/∂t0 = −K r e / (1+e)²
        d[2] = K * s * s * e * (t - t0);    // ∂y/∂r  = K (t − t0) e / (1+e)²
        return K * s;
    }
    const double g = std::exp(-e);  // y / K
    d[0] = g;
    d[1] = -K * g * e * r;          // ∂y/∂t0 = −K g e r
    d[2] = K * g * e * (t - t0);    // ∂y/∂r  = K g e (t − t0)
    return K * g;
}

inline double growth_sse(growth_model m, const std::array<double, 3>& p, const std::vector<double>& t,
                         const std::vector<double>& y) {
    std::array<double, 3> d{};
    double s = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const double e = y[i] - growth_eval(m, p, t[i], d);
        s += e * e;
    }
    return s;
}

/// Solves the 3×3 system A x = b by Gaussian elimination with partial pivoting; false when singular.
inline bool solve3(std::array<std::array<double, 3>, 3> A, std::array<double, 3> b, std::array<double, 3>& x) {
    for (std::size_t c = 0; c < 3; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < 3; ++r)
            if (std::abs(A[r][c]) > std::abs(A[piv][c])) piv = r;
        if (!(std::abs(A[piv][c]) > 0)) return false;
        std::swap(A[c], A[piv]);
        std::swap(b[c], b[piv]);
        for (std::size_t r = c + 1; r < 3; ++r) {
            const double f = A[r][c] / A[c][c];
            for (std::size_t k = c; k < 3; ++k) A[r][k] -= f * A[c][k];
            b[r] -= f * b[c];
        }
    }
    for (std::size_t c = 3; c-- > 0;) {
        double s = b[c];
        for (std::size_t k = c + 1; k < 3; ++k) s -= A[c][k] * x[k];
        x[c] = s / A[c][c];
    }
    return std::isfinite(x[0]) && std::isfinite(x[1]) && std::isfinite(x[2]);
}

}  // namespace detail

/// \brief Least-squares fit of an S-curve y(t) to the points (t_i, y_i).
///
/// Levenberg–Marquardt (Marquardt 1963) on (K, t0, r) with Marquardt's scaling: the step δ
/// solves (JᵀJ + λ diag(JᵀJ)) δ = Jᵀ(y − ŷ); a step that lowers the SSE and keeps K > 0 and
/// r > 0 is accepted and λ divided by 10, otherwise λ is multiplied by 10 (λ starts at 10⁻³).
/// Start (documented, deterministic): K = 1.5 · max y; t0 = the first t whose y reaches K/2
/// (logistic) or K/e (Gompertz), else the last t; r = ln 81 / (last t − first t), the rate whose
/// 10→90 % duration is the span of the data. The fit ends when an accepted step changes every
/// parameter by less than `tolerance` relative to its value (status ok), when λ exceeds 10¹⁶
/// (no step lowers the SSE any more: a minimum, status ok), or after `max_iterations` steps
/// (status not_converged). Time is centred on the mean t inside the solver (the result is not).
/// \pre t and y have the same size; t ascending is not required.
inline growth_fit fit_growth(growth_model m, const std::vector<double>& t, const std::vector<double>& y,
                             const growth_fit_options& opts = {}) {
    techconv::detail::require(t.size() == y.size(), "analysis::fit_growth: t and y differ in size");
    techconv::detail::require(opts.max_iterations >= 1 && opts.tolerance > 0,
                              "analysis::fit_growth: max_iterations must be >= 1 and tolerance > 0");
    growth_fit f;
    f.model = m;
    f.points = static_cast<index>(t.size());
    if (t.size() < 3) {
        f.info = status::empty_input;
        return f;
    }
    double ymax = y[0], ymean = 0, tmean = 0, tmin = t[0], tmax = t[0];
    bool all_equal = true;
    for (std::size_t i = 0; i < t.size(); ++i) {
        ymax = std::max(ymax, y[i]);
        all_equal = all_equal && y[i] == y[0];
        ymean += y[i];
        tmean += t[i];
        tmin = std::min(tmin, t[i]);
        tmax = std::max(tmax, t[i]);
    }
    ymean /= static_cast<double>(t.size());
    tmean /= static_cast<double>(t.size());
    if (all_equal || !(tmax > tmin)) {
        f.info = status::zero_denominator;
        return f;
    }
    std::vector<double> tc(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) tc[i] = t[i] - tmean;

    const double K0 = 1.5 * ymax;
    const double level = m == growth_model::logistic ? K0 / 2.0 : K0 / std::exp(1.0);
    double tstart = tmax;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (y[i] >= level && t[i] < tstart) tstart = t[i];
    std::array<double, 3> p{K0, tstart - tmean, std::log(81.0) / (tmax - tmin)};
    double sse = detail::growth_sse(m, p, tc, y);
    double lambda = 1e-3;
    bool done = false;
    int it = 0;
    while (it < opts.max_iterations && !done) {
        ++it;
        std::array<std::array<double, 3>, 3> A{};
        std::array<double, 3> g{}, d{};
        for (std::size_t i = 0; i < tc.size(); ++i) {
            const double e = y[i] - detail::growth_eval(m, p, tc[i], d);
            for (std::size_t a = 0; a < 3; ++a) {
                g[a] += d[a] * e;
                for (std::size_t b = 0; b < 3; ++b) A[a][b] += d[a] * d[b];
            }
        }
        auto M = A;
        for (std::size_t a = 0; a < 3; ++a) M[a][a] += lambda * A[a][a];
        std::array<double, 3> step{};
        const bool solved = detail::solve3(M, g, step);
        std::array<double, 3> q{p[0] + step[0], p[1] + step[1], p[2] + step[2]};
        const double s = solved && q[0] > 0 && q[2] > 0 ? detail::growth_sse(m, q, tc, y) : sse;
        if (solved && q[0] > 0 && q[2] > 0 && std::isfinite(s) && s < sse) {
            bool small = true;
            for (std::size_t a = 0; a < 3; ++a)
                small = small && std::abs(step[a]) <= opts.tolerance * (std::abs(q[a]) + opts.tolerance);
            p = q;
            sse = s;
            lambda = std::max(lambda / 10.0, 1e-12);
            done = small;
        } else {
            lambda *= 10.0;
            done = lambda > 1e16;
        }
    }
    f.iterations = it;
    f.info = done ? status::ok : status::not_converged;
    f.saturation = p[0];
    f.midpoint = p[1] + tmean;
    f.rate = p[2];
    f.duration = (m == growth_model::logistic ? std::log(81.0) : std::log(std::log(10.0) / std::log(10.0 / 9.0))) / p[2];
    f.sse = sse;
    double sst = 0;
    for (const double v : y) sst += (v - ymean) * (v - ymean);
    f.r_squared = 1.0 - sse / sst;
    const double n = static_cast<double>(t.size());
    f.aic_defined = sse > 0;
    f.aic = f.aic_defined ? n * std::log(sse / n) + 6.0 : 0.0;
    return f;
}

/// \brief The life cycle of a set of records: the years, the yearly and cumulative counts,
/// and the logistic and Gompertz fits of the cumulative counts.
struct lifecycle_result {
    std::vector<year_type> years;     ///< every year from the first to the last with a record (gaps filled)
    std::vector<index> counts;        ///< records of each year (0 in a gap)
    std::vector<index> cumulative;    ///< records up to and including each year
    growth_fit logistic;              ///< growth_model::logistic fitted to (year, cumulative)
    growth_fit gompertz;              ///< growth_model::gompertz fitted to (year, cumulative)
};

/// \brief Fits the S-curves to the cumulative counts of yearly record counts given as
/// (year, records) pairs in any order (a year may repeat: its counts add up). The fit is of
/// the cumulative counts, not of the yearly ones: the S-curve describes the accumulated
/// output of a technology (Meyer, Yung & Ausubel 1999), and cumulative counts are smooth where
/// yearly ones are noisy. Years between the first and the last without a record count 0.
/// With `fit` false only the counts are made: both fits keep status empty_input, their model
/// and the number of points (nothing fitted).
inline lifecycle_result lifecycle(const std::vector<std::pair<year_type, index>>& year_counts,
                                  const growth_fit_options& opts = {}, bool fit = true) {
    lifecycle_result r;
    year_type lo = no_year, hi = no_year;
    for (const auto& [y, n] : year_counts) {
        techconv::detail::require(y != no_year && n >= 0, "analysis::lifecycle: a year and a count >= 0 are needed");
        if (lo == no_year || y < lo) lo = y;
        if (hi == no_year || y > hi) hi = y;
    }
    if (lo != no_year) {
        for (int y = lo; y <= hi; ++y) r.years.push_back(static_cast<year_type>(y));
        r.counts.assign(r.years.size(), 0);
        for (const auto& [y, n] : year_counts) r.counts[static_cast<std::size_t>(y - lo)] += n;
        index c = 0;
        for (const auto n : r.counts) r.cumulative.push_back(c += n);
    }
    std::vector<double> t, v;
    for (std::size_t i = 0; i < r.years.size(); ++i) {
        t.push_back(static_cast<double>(r.years[i]));
        v.push_back(static_cast<double>(r.cumulative[i]));
    }
    if (!fit) {
        r.gompertz.model = growth_model::gompertz;
        r.logistic.points = r.gompertz.points = static_cast<index>(t.size());
        r.logistic.info = r.gompertz.info = status::empty_input;
        return r;
    }
    r.logistic = fit_growth(growth_model::logistic, t, v, opts);
    r.gompertz = fit_growth(growth_model::gompertz, t, v, opts);
    return r;
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_LIFECYCLE_HPP_
