// Agreement with an independent numpy implementation (entropy_reference.py)
// on real data: the indicators of the Lens jet-engine patent export.
//
// Indicator choice (the export has no claims or filing-country columns, see
// the dataset's PROVENANCE.md): Cites Patent Count (backward citations), NPL
// Citation Count, Cited by Patent Count (forward citations), Simple Family
// Size, Extended Family Size, the number of IPCR codes and the number of
// applicants (both counted from the ";;"-separated lists; empty = 0).
//
// The oracle computes in extended precision: on columns whose entropy is near
// 1 (d ~ 1e-4 here), float64 numpy itself is off by up to 2e-10 relative,
// while techconv's divergence form stays within 1e-12 of the exact value.
#include <doctest/doctest.h>

#include <techconv/format/csv.hpp>
#include <techconv/format/parse.hpp>
#include <techconv/weighting/entropy.hpp>
#include <techconv/weighting/objective.hpp>
#include <techconv/weighting/pipeline.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace w = techconv::weighting;
using techconv::matrix;
using techconv_test::close;

namespace {

const char* const dataset = "patents-lens-jet-engines/lens-export.csv";

matrix lens_indicators(const std::string& path) {
    techconv::io::csv_reader r(path);
    const std::vector<std::size_t> counts = {
        r.require_column("Cites Patent Count"), r.require_column("NPL Citation Count"),
        r.require_column("Cited by Patent Count"), r.require_column("Simple Family Size"),
        r.require_column("Extended Family Size")};
    const std::size_t ipcr = r.require_column("IPCR Classifications");
    const std::size_t applicants = r.require_column("Applicants");
    std::vector<double> v;
    while (r.next()) {
        for (const std::size_t c : counts) {
            std::int64_t x = 0;
            r.int_field(c, x);  // empty stays 0
            v.push_back(static_cast<double>(x));
        }
        v.push_back(static_cast<double>(techconv::io::split_list(r.field(ipcr), ";;").size()));
        v.push_back(static_cast<double>(techconv::io::split_list(r.field(applicants), ";;").size()));
    }
    const techconv::index n = static_cast<techconv::index>(v.size() / 7);
    matrix x(n, 7);
    for (techconv::index i = 0; i < n; ++i)
        for (techconv::index j = 0; j < 7; ++j) x(i, j) = v[static_cast<std::size_t>(i * 7 + j)];
    return x;
}

std::vector<double> reference(const std::string& path, const std::string& policy, techconv::index n) {
    const auto out = techconv_test::parse_numbers(techconv_test::run_python("weighting/entropy_reference.py", {path, policy}));
    REQUIRE(out.size() == 8);
    CHECK(out[0] == static_cast<double>(n));  // both read every record
    return {out.begin() + 1, out.end()};
}

void check_weights(const techconv::vector& got, const std::vector<double>& want) {
    REQUIRE(got.size() == static_cast<techconv::index>(want.size()));
    for (techconv::index j = 0; j < got.size(); ++j)
        CHECK_MESSAGE(close(got(j), want[static_cast<std::size_t>(j)], 1e-12), "column ", j, ": rel diff ", (got(j) - want[static_cast<std::size_t>(j)]) / got(j), " ",
                      want[static_cast<std::size_t>(j)]);
}

}  // namespace

TEST_CASE("reference: entropy weights of the Lens jet-engine indicators match numpy, every policy" *
          doctest::test_suite("data")) {
    const std::string path = techconv_test::data_path(dataset);
    const matrix x = lens_indicators(path);
    CHECK(x.rows() == 3779);  // PROVENANCE.md: 3,779 records

    for (const auto path_kind : {w::entropy_path::automatic, w::entropy_path::per_element}) {
        CAPTURE(static_cast<int>(path_kind));
        w::entropy_options o;
        o.path = path_kind;
        check_weights(w::entropy_weights(x, o).weights, reference(path, "minmax", x.rows()));
        w::entropy_options s = o;
        s.zeros = w::zero_policy::shift;
        s.epsilon = 1e-4;
        check_weights(w::entropy_weights(x, s).weights, reference(path, "minmax_shift", x.rows()));
        w::entropy_options sum = o;
        sum.norm = w::normalization::sum;
        check_weights(w::entropy_weights(x, sum).weights, reference(path, "sum", x.rows()));
        w::entropy_options cost = o;
        cost.directions.assign(7, w::direction::benefit);
        cost.directions[3] = cost.directions[6] = w::direction::cost;
        check_weights(w::entropy_weights(x, cost).weights, reference(path, "minmax_cost", x.rows()));
    }
    check_weights(w::std_dev_weights(x).weights, reference(path, "sd", x.rows()));
    check_weights(w::cv_weights(x).weights, reference(path, "cv", x.rows()));
    check_weights(w::critic_weights(x).weights, reference(path, "critic", x.rows()));

    // the whole pipeline: 3,779 records -> ceil(0.05 * 3779) = ceil(188.95) = 189 key core
    const auto kc = w::key_core(x);
    CHECK(kc.top.k == 189);
    CHECK(kc.weighting.info == techconv::status::ok);
    CHECK(kc.weighting.histogram_columns == 7);  // all counts: no logarithm per element
    CHECK(kc.scores.minCoeff() >= -1e-15);
    CHECK(kc.scores.maxCoeff() <= 1.0 + 1e-15);
}
