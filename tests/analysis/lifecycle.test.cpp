// SPDX-License-Identifier: BSL-1.0
// analysis::fit_growth and analysis::lifecycle: exact logistic and Gompertz data
// recover their parameters (hand case), the statuses of degenerate input, and the
// fits of the Lens jet-engine export's cumulative yearly counts against SciPy's
// curve_fit (tests/analysis/lifecycle_reference.py).
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <techconv/analysis/lifecycle.hpp>
#include <techconv/analysis/patent_rules.hpp>
#include <techconv/io/patent_inputs.hpp>

#include "test_support.hpp"

namespace ta = techconv::analysis;

namespace lifecycle_test {

// points of y = K / (1 + exp(-r (t - t0))) or K exp(-exp(-r (t - t0))) for t = first..last
std::pair<std::vector<double>, std::vector<double>> curve(ta::growth_model m, double K, double t0, double r, int first,
                                                          int last) {
    std::vector<double> t, y;
    for (int k = first; k <= last; ++k) {
        const double e = std::exp(-r * (k - t0));
        t.push_back(k);
        y.push_back(m == ta::growth_model::logistic ? K / (1.0 + e) : K * std::exp(-e));
    }
    return {t, y};
}

struct ref_fit {
    double K = 0, t0 = 0, r = 0, r2 = 0, aic = 0;
};

// SciPy's fits of the points (lifecycle_reference.py), by model name
std::map<std::string, ref_fit> scipy_fits(const std::vector<double>& t, const std::vector<double>& y,
                                          const std::string& name) {
    std::ostringstream s;
    s.precision(17);
    for (std::size_t i = 0; i < t.size(); ++i) s << t[i] << ' ' << y[i] << '\n';
    const auto path = techconv_test::temp_path(name);
    techconv_test::write_file(path, s.str());
    std::istringstream out(techconv_test::run_python("analysis/lifecycle_reference.py", {path}));
    std::map<std::string, ref_fit> fits;
    std::string model;
    ref_fit f;
    while (out >> model >> f.K >> f.t0 >> f.r >> f.r2 >> f.aic) fits[model] = f;
    return fits;
}

}  // namespace lifecycle_test

TEST_CASE("fit_growth: exact logistic and Gompertz data recover their parameters") {
    using lifecycle_test::curve;
    // K = 800, t0 = 2005, r = 0.4 over 1990-2020: the fit must return them (SSE ~ 0, R² = 1)
    const auto [t, y] = curve(ta::growth_model::logistic, 800.0, 2005.0, 0.4, 1990, 2020);
    const auto f = ta::fit_growth(ta::growth_model::logistic, t, y);
    CHECK(f.info == techconv::status::ok);
    CHECK(f.points == 31);
    CHECK(f.saturation == doctest::Approx(800.0).epsilon(1e-8));
    CHECK(f.midpoint == doctest::Approx(2005.0).epsilon(1e-10));
    CHECK(f.rate == doctest::Approx(0.4).epsilon(1e-8));
    CHECK(f.duration == doctest::Approx(std::log(81.0) / 0.4).epsilon(1e-8));  // 10.986 years
    CHECK(f.r_squared == doctest::Approx(1.0).epsilon(1e-12));
    // Gompertz K = 500, t0 = 2000, r = 0.3 over 1985-2015; 10→90 %: ln(ln 10 / ln(10/9)) / r
    const auto [tg, yg] = curve(ta::growth_model::gompertz, 500.0, 2000.0, 0.3, 1985, 2015);
    const auto g = ta::fit_growth(ta::growth_model::gompertz, tg, yg);
    CHECK(g.info == techconv::status::ok);
    CHECK(g.saturation == doctest::Approx(500.0).epsilon(1e-8));
    CHECK(g.midpoint == doctest::Approx(2000.0).epsilon(1e-10));
    CHECK(g.rate == doctest::Approx(0.3).epsilon(1e-8));
    CHECK(g.duration == doctest::Approx(std::log(std::log(10.0) / std::log(10.0 / 9.0)) / 0.3).epsilon(1e-8));
    // the Gompertz start on logistic data still fits (a worse fit: R² < 1, AIC above the logistic's)
    const auto cross = ta::fit_growth(ta::growth_model::gompertz, t, y);
    CHECK(cross.info == techconv::status::ok);
    CHECK(cross.r_squared < 1.0);
    CHECK(cross.aic > f.aic);
}

TEST_CASE("fit_growth: statuses of degenerate input, never a silent NaN") {
    // fewer points than the 3 parameters: nothing fitted
    const auto e = ta::fit_growth(ta::growth_model::logistic, {2000, 2001}, {1, 3});
    CHECK(e.info == techconv::status::empty_input);
    CHECK(e.points == 2);
    CHECK(e.saturation == 0);
    CHECK(e.r_squared == 0);
    // every y equal: no growth, SST = 0
    const auto z = ta::fit_growth(ta::growth_model::gompertz, {2000, 2001, 2002}, {5, 5, 5});
    CHECK(z.info == techconv::status::zero_denominator);
    // one iteration allowed: stops at the bound with not_converged and finite figures
    const auto [t, y] = lifecycle_test::curve(ta::growth_model::logistic, 800.0, 2005.0, 0.4, 1990, 2020);
    ta::growth_fit_options o;
    o.max_iterations = 1;
    const auto n = ta::fit_growth(ta::growth_model::logistic, t, y, o);
    CHECK(n.info == techconv::status::not_converged);
    CHECK(n.iterations == 1);
    CHECK(std::isfinite(n.saturation));
    CHECK(std::isfinite(n.aic));
    CHECK_THROWS_AS(ta::fit_growth(ta::growth_model::logistic, {1, 2, 3}, {1, 2}), techconv::invalid_argument);
}

TEST_CASE("lifecycle: yearly counts, gaps filled, cumulative counts fitted") {
    // 2000: 2 + 1 records (a year given twice adds up), 2001: none, 2002: 3, 2003: 4
    const auto r = ta::lifecycle({{2002, 3}, {2000, 2}, {2003, 4}, {2000, 1}});
    CHECK(r.years == std::vector<techconv::year_type>{2000, 2001, 2002, 2003});
    CHECK(r.counts == std::vector<techconv::index>{3, 0, 3, 4});
    CHECK(r.cumulative == std::vector<techconv::index>{3, 3, 6, 10});
    CHECK(r.logistic.points == 4);
    CHECK(r.gompertz.points == 4);
    CHECK(r.logistic.model == ta::growth_model::logistic);
    CHECK(r.gompertz.model == ta::growth_model::gompertz);
    const auto none = ta::lifecycle({});
    CHECK(none.years.empty());
    CHECK(none.logistic.info == techconv::status::empty_input);
}

TEST_CASE("lifecycle: the Lens jet-engine export's cumulative counts against SciPy curve_fit") {
    namespace tio = techconv::io;
    const auto in = tio::read_patent_table(std::vector<std::string>{
        techconv_test::data_path("patents-lens-jet-engines/lens-export.csv")});
    std::map<techconv::year_type, techconv::index> per_year;
    for (const auto& rec : in.table.to_records()) {
        const auto y = ta::patent_year(rec);
        if (y != techconv::no_year) ++per_year[y];
    }
    const auto r = ta::lifecycle(std::vector<std::pair<techconv::year_type, techconv::index>>(per_year.begin(), per_year.end()));
    std::vector<double> t, y;
    for (std::size_t i = 0; i < r.years.size(); ++i) {
        t.push_back(r.years[i]);
        y.push_back(static_cast<double>(r.cumulative[i]));
    }
    const auto ref = lifecycle_test::scipy_fits(t, y, "lens-cumulative.txt");
    REQUIRE(ref.size() == 2);
    for (const auto* f : {&r.logistic, &r.gompertz}) {
        const auto& s = ref.at(std::string(ta::to_string(f->model)));
        INFO(ta::to_string(f->model));
        CHECK(f->info == techconv::status::ok);
        CHECK(f->saturation == doctest::Approx(s.K).epsilon(1e-6));
        CHECK(f->midpoint == doctest::Approx(s.t0).epsilon(1e-8));
        CHECK(f->rate == doctest::Approx(s.r).epsilon(1e-6));
        CHECK(f->r_squared == doctest::Approx(s.r2).epsilon(1e-9));
        CHECK(f->aic == doctest::Approx(s.aic).epsilon(1e-6));
    }
}
