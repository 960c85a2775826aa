// SPDX-License-Identifier: BSL-1.0
//
// Internal helpers for count vectors: validation and the one-pass summary
// (length, observed categories, total) every diversity index starts from.
// IWYU pragma: private, include "techconv/convergence.hpp"
#ifndef TECHCONV_CONVERGENCE_DETAIL_COUNTS_HPP_
#define TECHCONV_CONVERGENCE_DETAIL_COUNTS_HPP_

#include <cmath>     // std::isfinite
#include <iterator>  // std::begin, std::end
#include <string>    // std::string, std::to_string
#include <vector>    // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {
namespace detail {

/// Length, number of non-zero entries and sum of a count vector.
struct count_summary {
    index size = 0;      ///< entries, zeros included
    index observed = 0;  ///< entries > 0
    double total = 0.0;  ///< sum of the entries
    double largest = 0.0;
};

/// Validates (finite, >= 0) and summarises any range of arithmetic counts.
template <class Counts>
count_summary summarize_counts(const Counts& counts, const char* what = "counts") {
    count_summary s;
    for (const auto& c : counts) {
        const double x = static_cast<double>(c);
        if (TECHCONV_UNLIKELY(!std::isfinite(x) || x < 0.0)) {
            techconv::detail::throw_error<invalid_argument>(
                std::string(what) + " must be finite and non-negative; entry " +
                std::to_string(s.size) + " is " + std::to_string(x));
        }
        ++s.size;
        if (x > 0.0) {
            ++s.observed;
            s.total += x;
            if (x > s.largest) s.largest = x;
        }
    }
    return s;
}

/// The non-zero proportions p_i = x_i / total (in input order) with their positions.
template <class Counts>
void proportions(const Counts& counts, double total, std::vector<double>& p,
                 std::vector<index>* positions = nullptr) {
    p.clear();
    if (positions != nullptr) positions->clear();
    index i = 0;
    for (const auto& c : counts) {
        const double x = static_cast<double>(c);
        if (x > 0.0) {
            p.push_back(x / total);
            if (positions != nullptr) positions->push_back(i);
        }
        ++i;
    }
}

}  // namespace detail
}  // namespace convergence
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CONVERGENCE_DETAIL_COUNTS_HPP_
