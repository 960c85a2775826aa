// SPDX-License-Identifier: BSL-1.0
//
// Internal: x ln x with the convention 0 ln 0 = 0, scalar and over a
// contiguous block (vectorised through Eigen arrays).
// IWYU pragma: private, include "techconv/weighting.hpp"
#ifndef TECHCONV_WEIGHTING_DETAIL_XLOGX_HPP_
#define TECHCONV_WEIGHTING_DETAIL_XLOGX_HPP_

#include <cmath>    // std::log
#include <cstdint>  // std::uintptr_t
#include <vector>   // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
namespace detail {

/// Returns `p` when it is 64-byte aligned, else a copy of p[0, n) in a
/// 64-byte aligned thread-local buffer (valid until the next call on this
/// thread). Eigen's vectorised reductions peel scalar elements up to the first
/// aligned packet, so their summation order depends on the address; reducing
/// an aligned run makes it depend on n only: the same bits for column- or
/// row-major input and wherever the rows sit in memory (distributed runs).
inline const double* aligned_run(const double* p, index n) {
    if (reinterpret_cast<std::uintptr_t>(p) % 64 == 0 || n <= 0) return p;
    thread_local std::vector<double> buf;
    if (buf.size() < static_cast<std::size_t>(n) + 8) buf.resize(static_cast<std::size_t>(n) + 8);
    const auto mis = reinterpret_cast<std::uintptr_t>(buf.data()) % 64;
    double* q = buf.data() + (mis == 0 ? 0 : (64 - mis) / sizeof(double));
    for (index i = 0; i < n; ++i) q[i] = p[i];
    return q;
}

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
