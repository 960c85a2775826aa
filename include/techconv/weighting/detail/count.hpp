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
#include "techconv/types.hpp"
#include "techconv/weighting/detail/view.hpp"

#if defined(__AVX__)
#include <immintrin.h>  // AVX conversions and compares, SSE4.1 unsigned min/max
#endif

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
namespace detail {

#if defined(__AVX__)
/// Whether this build has the fused kernel (it needs AVX).
inline constexpr bool fused_count_available = true;

/// The histogram key of one value exactly as count_group computes it: the
/// value truncated to a 32-bit integer (INT_MIN for NaN and out-of-range
/// values, as cvttsd2si), read as unsigned and clamped to cap.
inline std::uint32_t clamped_key(double x, std::uint32_t cap) noexcept {
    const auto a = static_cast<std::uint32_t>(_mm_cvttsd_si32(_mm_set_sd(x)));
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
    __m256d good[G];
    __m128i hi[G];
    __m128i o[G];
    for (int j = 0; j < G; ++j) {
        good[j] = _mm256_castsi256_pd(_mm256_set1_epi32(-1));
        hi[j] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(top + 4 * j));
        o[j] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(off + 4 * j));
    }
    const __m128i c = _mm_set1_epi32(static_cast<int>(cap));  // cap < 2^31
    constexpr index batch = 8;  // steps whose keys are computed before they are counted
    index acc = 0;
    alignas(16) std::uint32_t keys[batch * 4 * G];
    for (index s0 = 0; s0 < steps; s0 += batch) {
        const index ns = std::min(batch, steps - s0);
        std::uint32_t* q = keys;
        for (index s = s0; s < s0 + ns; ++s) {
            // pf_lines spread evenly over the steps (no division per step)
            for (acc += pf_lines; acc >= steps; acc -= steps, pf += 64) prefetch(pf);
            for (int j = 0; j < G; ++j, q += 4) {
                const __m256d x = load4(p[j] + s * stride);
                const __m128i a = _mm256_cvttpd_epi32(x);
                good[j] = _mm256_and_pd(good[j], _mm256_cmp_pd(_mm256_cvtepi32_pd(a), x, _CMP_EQ_OQ));
                hi[j] = _mm_max_epu32(hi[j], a);
                _mm_store_si128(reinterpret_cast<__m128i*>(q), _mm_add_epi32(_mm_min_epu32(a, c), o[j]));
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
        ok[j] &= _mm256_movemask_pd(good[j]);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(top + 4 * j), hi[j]);
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
#else
inline constexpr bool fused_count_available = false;
#endif

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
