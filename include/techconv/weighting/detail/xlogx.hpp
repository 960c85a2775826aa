// SPDX-License-Identifier: BSL-1.0
//
// Internal: x ln x with the convention 0 ln 0 = 0, scalar and over a
// contiguous block (vectorised through Eigen arrays).
// IWYU pragma: private, include "techconv/weighting.hpp"
#ifndef TECHCONV_WEIGHTING_DETAIL_XLOGX_HPP_
#define TECHCONV_WEIGHTING_DETAIL_XLOGX_HPP_

#include <cmath>  // std::log

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
namespace detail {

/// x ln x for x > 0, and 0 for x <= 0 (the 0 ln 0 = 0 convention; callers
/// never pass negative values).
inline double xlogx(double x) noexcept { return x > 0.0 ? x * std::log(x) : 0.0; }

/// Sum of y ln(y * inv_mu) with y = (p[i] - center) * scale + shift over
/// i < n (0 where y = 0), vectorised. The affine argument is evaluated exactly
/// as the histogram path does, so both paths see the same normalised values.
inline double xlogx_sum_affine(const double* p, index n, double center, double scale,
                               double shift, double inv_mu) noexcept {
    if (n <= 0) return 0.0;
    const Eigen::Map<const Eigen::ArrayXd> a(p, n);
    const auto y = (a - center) * scale + shift;  // lazy: no temporary
    return (y > 0.0).select(y * (y * inv_mu).log(), 0.0).sum();
}

/// Sum of xlogx(p[i]) over i < n, vectorised (negative entries give 0).
inline double xlogx_sum(const double* p, index n) noexcept {
    if (n <= 0) return 0.0;
    const Eigen::Map<const Eigen::ArrayXd> a(p, n);
    return (a > 0.0).select(a * a.log(), 0.0).sum();
}

}  // namespace detail
}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_DETAIL_XLOGX_HPP_
