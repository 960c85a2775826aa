// SPDX-License-Identifier: BSL-1.0
//
// Internal: the fused check-and-count kernel of the integer histogram path.
// One sweep converts four values at a time to 32-bit integers, checks that
// the conversion was exact, and increments a histogram cell per value; a
// value that is not an integer in [0, L) still increments a cell (its key is
// clamped into range), and the caller undoes those increments when the
// lanes report failure (uncount). Several vector positions are interleaved
// so that repeated values do not wait on each other's increments.
// IWYU pragma: private, include "techconv/weighting.hpp"
#ifndef TECHCONV_WEIGHTING_DETAIL_COUNT_HPP_
#define TECHCONV_WEIGHTING_DETAIL_COUNT_HPP_

#include <algorithm>  // std::min
#include <cstdint>    // std::uint32_t

#include "techconv/config.hpp"
#include "techconv/detail/simd.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/detail/view.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
namespace detail {

/// Whether this build runs the fused kernel (it needs AVX: four-lane
/// conversions, SSE4.1 unsigned min/max).
inline constexpr bool fused_count_available = simd::has_avx;

/// The histogram key of one value exactly as count_group computes it: the
/// value truncated to a 32-bit integer (INT_MIN for NaN and out-of-range
/// values, as cvttsd2si), read as unsigned and clamped to cap.
inline std::uint32_t clamped_key(double x, std::uint32_t cap) noexcept {
    const auto a = static_cast<std::uint32_t>(simd::trunc_i32(x));
    return a < cap ? a : cap;
}

/// \brief Counts `steps` x G packets of four values into `counts`.
///
/// Packet j of step s starts at p[j] + s * stride. Lane l of packet j
/// increments counts[off[4 j + l] + min(key, cap)] (key: the value truncated
/// to an unsigned 32-bit integer). On return ok[j] has bit l cleared if a
/// value of lane l was not an exact integer (NaN, infinity, fraction, beyond
/// 32 bits), and top[4 j + l] is the largest unsigned key of that lane (a
/// negative value shows up as a key >= 2^31): the lane's values were all
/// integers in [0, cap] iff its ok bit is set and its top <= cap. ok and top
/// accumulate over calls (initialise ok to 15 and top to 0). Meanwhile the
/// pf_lines 64-byte lines from pf on are prefetched, spread over the steps.
template <int G, class Scalar>
inline void count_group(const Scalar* const* p, index stride, index steps, const std::uint32_t* off,
                        std::uint32_t cap, std::uint32_t* counts, int* ok, std::uint32_t* top,
                        const char* pf, index pf_lines) noexcept {
    simd::d4 good[G];
    simd::u32x4 hi[G];
    simd::u32x4 o[G];
    for (int j = 0; j < G; ++j) {
        good[j] = simd::all_set4();
        hi[j] = simd::load_u32(top + 4 * j);
        o[j] = simd::load_u32(off + 4 * j);
    }
    const simd::u32x4 c = simd::splat_u32(cap);  // cap < 2^31
    constexpr index batch = 8;  // steps whose keys are computed before they are counted
    index acc = 0;
    alignas(16) std::uint32_t keys[batch * 4 * G];
    for (index s0 = 0; s0 < steps; s0 += batch) {
        const index ns = std::min(batch, steps - s0);
        std::uint32_t* q = keys;
        for (index s = s0; s < s0 + ns; ++s) {
            // pf_lines spread evenly over the steps (no division per step)
            for (acc += pf_lines; acc >= steps; acc -= steps, pf += 64) simd::prefetch(pf);
            for (int j = 0; j < G; ++j, q += 4) {
                const simd::d4 x = simd::load4(p[j] + s * stride);
                const simd::u32x4 a = simd::trunc_i32(x);
                good[j] = simd::and_bits(good[j], simd::cmp_eq(simd::to_double(a), x));
                hi[j] = simd::max_u32(hi[j], a);
                simd::store_u32(q, simd::add(simd::min_u32(a, c), o[j]));
            }
        }
        const index n = ns * 4 * G;
        for (index i = 0; i < n; i += 4) {
            ++counts[keys[i]];
            ++counts[keys[i + 1]];
            ++counts[keys[i + 2]];
            ++counts[keys[i + 3]];
        }
    }
    for (int j = 0; j < G; ++j) {
        ok[j] &= static_cast<int>(simd::movemask(good[j]));
        simd::store_u32(top + 4 * j, hi[j]);
    }
}

/// count_group for any group size g in [1, 4].
template <class Scalar>
inline void count_packets(int g, const Scalar* const* p, index stride, index steps, const std::uint32_t* off,
                          std::uint32_t cap, std::uint32_t* counts, int* ok, std::uint32_t* top,
                          const char* pf, index pf_lines) noexcept {
    switch (g) {
        case 1: count_group<1>(p, stride, steps, off, cap, counts, ok, top, pf, pf_lines); break;
        case 2: count_group<2>(p, stride, steps, off, cap, counts, ok, top, pf, pf_lines); break;
        case 3: count_group<3>(p, stride, steps, off, cap, counts, ok, top, pf, pf_lines); break;
        default: count_group<4>(p, stride, steps, off, cap, counts, ok, top, pf, pf_lines); break;
    }
}

/// Size of the next group when `left` packets remain: threes (measured
/// fastest on AMD Zen 3: fewer interleaved packets leave increments waiting
/// on each other, more spill registers), ending in a group of 2 to 4.
constexpr int next_group(index left) noexcept {
    return left <= 4 ? static_cast<int>(left) : 3;
}

}  // namespace detail
}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_DETAIL_COUNT_HPP_
