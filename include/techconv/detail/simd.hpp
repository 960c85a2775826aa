// SPDX-License-Identifier: BSL-1.0
//
// Internal: the SIMD vocabulary of techconv's kernels, and the only header
// that tests instruction-set macros of the compiler or includes an
// intrinsics header.
//
//  - Which instruction sets this translation unit was compiled for, as
//    constexpr values (simd::has_sse2, avx, avx2, fma, avx512f, simd::target);
//    kernels choose their path with `if constexpr`, not with #if.
//  - Small fixed-width types with the operations the kernels use:
//      d2      two doubles     (__m128d with SSE2)
//      d4      four doubles    (__m256d with AVX)
//      u64x4   four 64-bit integers, the bits of a d4 (__m256i with AVX2)
//      u32x4   four 32-bit integers (__m128i with AVX: SSE4.1 unsigned min/max)
//      b16     sixteen bytes   (__m128i with SSE2)
//    d2 and d4 are the intrinsic types themselves where available (so they
//    are Eigen's Packet2d / Packet4d); the integer types wrap theirs.
//    Without the instruction set each type is a plain array and each
//    operation a loop with the same lane-wise result (the same bits: fmadd
//    rounds once through std::fma, conversions saturate as the instructions do).
//  - prefetch, and the index of the lowest set bit of a mask.
//
// No macro is defined here: nothing of this header is visible to a user
// beyond the techconv::detail::simd names.
#ifndef TECHCONV_DETAIL_SIMD_HPP_
#define TECHCONV_DETAIL_SIMD_HPP_

#include <cmath>    // std::fma, std::isnan
#include <cstdint>  // std::uint32_t, std::uint64_t, std::int32_t
#include <cstring>  // std::memcpy

#if defined(__SSE2__) || defined(__AVX__)
#include <immintrin.h>  // every intrinsic of techconv is used through this header
#endif

#include "techconv/config.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace detail {
namespace simd {

// --- the instruction sets of this translation unit -----------------------------------

#if defined(__SSE2__)
inline constexpr bool has_sse2 = true;  ///< SSE2: d2 and b16 are native
#else
inline constexpr bool has_sse2 = false;
#endif
#if defined(__AVX__)
inline constexpr bool has_avx = true;  ///< AVX: d4 and u32x4 are native
#else
inline constexpr bool has_avx = false;
#endif
#if defined(__AVX2__)
inline constexpr bool has_avx2 = true;  ///< AVX2: u64x4 is native
#else
inline constexpr bool has_avx2 = false;
#endif
#if defined(__FMA__)
inline constexpr bool has_fma = true;  ///< fused multiply-add instructions
#else
inline constexpr bool has_fma = false;
#endif
#if defined(__AVX512F__)
inline constexpr bool has_avx512f = true;  ///< AVX-512 Foundation (Eigen's widest packet is then 8 doubles)
#else
inline constexpr bool has_avx512f = false;
#endif

/// The widest instruction set of the translation unit, in the order the kernels care about.
enum class isa : unsigned char { scalar, sse2, avx, avx2, avx512 };
inline constexpr isa target = has_avx512f ? isa::avx512
                              : has_avx2  ? isa::avx2
                              : has_avx   ? isa::avx
                              : has_sse2  ? isa::sse2
                                          : isa::scalar;

// --- helpers without vector types --------------------------------------------------------

/// Hints that the 64-byte line at p will be read soon (no effect where the
/// compiler offers no prefetch builtin).
inline void prefetch(const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p, 0, 3);
#else
    static_cast<void>(p);
#endif
}

/// Index of the lowest set bit of bits (bits != 0).
inline unsigned lowest_bit(unsigned bits) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    return static_cast<unsigned>(__builtin_ctz(bits));
#else
    unsigned l = 0;
    for (; (bits & 1u) == 0; bits >>= 1) ++l;
    return l;
#endif
}

/// Index of the lowest set bit of a non-zero 64-bit word.
inline unsigned lowest_bit(std::uint64_t bits) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    return static_cast<unsigned>(__builtin_ctzll(bits));
#else
    unsigned l = 0;
    for (; (bits & 1u) == 0; bits >>= 1) ++l;
    return l;
#endif
}

/// x truncated to a 32-bit integer; NaN and values out of range give
/// INT32_MIN (as the cvttsd2si instruction does).
inline std::int32_t trunc_i32(double x) noexcept {
#if defined(__SSE2__)
    return _mm_cvttsd_si32(_mm_set_sd(x));
#else
    if (std::isnan(x) || !(x > -2147483649.0 && x < 2147483648.0)) return INT32_MIN;
    return static_cast<std::int32_t>(x);
#endif
}

namespace impl {
inline std::uint64_t bits_of(double x) noexcept {
    std::uint64_t b = 0;
    std::memcpy(&b, &x, sizeof b);
    return b;
}
inline double from_bits(std::uint64_t b) noexcept {
    double x = 0.0;
    std::memcpy(&x, &b, sizeof x);
    return x;
}
inline constexpr std::uint64_t all_bits = ~std::uint64_t{0};
}  // namespace impl

// --- d2: two doubles ---------------------------------------------------------------------

#if defined(__SSE2__)
using d2 = __m128d;
/// Two consecutive values at p as doubles (exact for float and double).
inline d2 load2(const double* p) noexcept { return _mm_loadu_pd(p); }
inline d2 load2(const float* p) noexcept {
    return _mm_set_pd(static_cast<double>(p[1]), static_cast<double>(p[0]));
}
inline void store2(double* p, d2 x) noexcept { _mm_storeu_pd(p, x); }
/// (a[0], b[0])
inline d2 unpacklo(d2 a, d2 b) noexcept { return _mm_unpacklo_pd(a, b); }
/// (a[1], b[1])
inline d2 unpackhi(d2 a, d2 b) noexcept { return _mm_unpackhi_pd(a, b); }
/// Bit l set: lane l of a comparison mask is set (its sign bit).
inline unsigned movemask(d2 m) noexcept { return static_cast<unsigned>(_mm_movemask_pd(m)); }
#else
struct d2 {
    double v[2];
};
template <class T>
inline d2 load2(const T* p) noexcept { return d2{{static_cast<double>(p[0]), static_cast<double>(p[1])}}; }
inline void store2(double* p, d2 x) noexcept { std::memcpy(p, x.v, sizeof x.v); }
inline d2 unpacklo(d2 a, d2 b) noexcept { return d2{{a.v[0], b.v[0]}}; }
inline d2 unpackhi(d2 a, d2 b) noexcept { return d2{{a.v[1], b.v[1]}}; }
inline unsigned movemask(d2 m) noexcept {
    return static_cast<unsigned>((impl::bits_of(m.v[0]) >> 63) | ((impl::bits_of(m.v[1]) >> 63) << 1));
}
#endif

// --- d4: four doubles, u64x4: their bits -------------------------------------------------

#if defined(__AVX__)
using d4 = __m256d;
/// Four consecutive values at p as doubles (exact for float and double).
inline d4 load4(const double* p) noexcept { return _mm256_loadu_pd(p); }
inline d4 load4(const float* p) noexcept { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }
inline void store4(double* p, d4 x) noexcept { _mm256_storeu_pd(p, x); }
inline d4 splat4(double x) noexcept { return _mm256_set1_pd(x); }
/// (a, b, c, d) in lane order.
inline d4 setr4(double a, double b, double c, double d) noexcept { return _mm256_setr_pd(a, b, c, d); }
inline d4 add(d4 a, d4 b) noexcept { return _mm256_add_pd(a, b); }
inline d4 sub(d4 a, d4 b) noexcept { return _mm256_sub_pd(a, b); }
inline d4 mul(d4 a, d4 b) noexcept { return _mm256_mul_pd(a, b); }
inline d4 div(d4 a, d4 b) noexcept { return _mm256_div_pd(a, b); }
/// Every lane all ones (a mask with every lane set).
inline d4 all_set4() noexcept { return _mm256_castsi256_pd(_mm256_set1_epi32(-1)); }
/// Lane-wise a == b (ordered: false for NaN), as a mask.
inline d4 cmp_eq(d4 a, d4 b) noexcept { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
inline d4 and_bits(d4 a, d4 b) noexcept { return _mm256_and_pd(a, b); }
inline unsigned movemask(d4 m) noexcept { return static_cast<unsigned>(_mm256_movemask_pd(m)); }
/// The columns c[k] = (r0[k], r1[k], r2[k], r3[k]) of four rows of four
/// values: unpack pairs, then swap 128-bit halves. Pure copies.
inline void transpose4(d4 r0, d4 r1, d4 r2, d4 r3, d4* c) noexcept {
    const d4 t0 = _mm256_unpacklo_pd(r0, r1);  // r0[0] r1[0] r0[2] r1[2]
    const d4 t1 = _mm256_unpackhi_pd(r0, r1);  // r0[1] r1[1] r0[3] r1[3]
    const d4 t2 = _mm256_unpacklo_pd(r2, r3);
    const d4 t3 = _mm256_unpackhi_pd(r2, r3);
    c[0] = _mm256_permute2f128_pd(t0, t2, 0x20);
    c[1] = _mm256_permute2f128_pd(t1, t3, 0x20);
    c[2] = _mm256_permute2f128_pd(t0, t2, 0x31);
    c[3] = _mm256_permute2f128_pd(t1, t3, 0x31);
}
#else
struct d4 {
    double v[4];
};
template <class T>
inline d4 load4(const T* p) noexcept {
    return d4{{static_cast<double>(p[0]), static_cast<double>(p[1]), static_cast<double>(p[2]),
               static_cast<double>(p[3])}};
}
inline void store4(double* p, d4 x) noexcept { std::memcpy(p, x.v, sizeof x.v); }
inline d4 splat4(double x) noexcept { return d4{{x, x, x, x}}; }
inline d4 setr4(double a, double b, double c, double d) noexcept { return d4{{a, b, c, d}}; }
template <class Op>
inline d4 lanewise(d4 a, d4 b, Op op) noexcept {
    return d4{{op(a.v[0], b.v[0]), op(a.v[1], b.v[1]), op(a.v[2], b.v[2]), op(a.v[3], b.v[3])}};
}
inline d4 add(d4 a, d4 b) noexcept { return lanewise(a, b, [](double x, double y) { return x + y; }); }
inline d4 sub(d4 a, d4 b) noexcept { return lanewise(a, b, [](double x, double y) { return x - y; }); }
inline d4 mul(d4 a, d4 b) noexcept { return lanewise(a, b, [](double x, double y) { return x * y; }); }
inline d4 div(d4 a, d4 b) noexcept { return lanewise(a, b, [](double x, double y) { return x / y; }); }
inline d4 all_set4() noexcept {
    const double m = impl::from_bits(impl::all_bits);
    return d4{{m, m, m, m}};
}
inline d4 cmp_eq(d4 a, d4 b) noexcept {
    return lanewise(a, b, [](double x, double y) { return impl::from_bits(x == y ? impl::all_bits : 0); });
}
inline d4 and_bits(d4 a, d4 b) noexcept {
    return lanewise(a, b, [](double x, double y) { return impl::from_bits(impl::bits_of(x) & impl::bits_of(y)); });
}
inline unsigned movemask(d4 m) noexcept {
    unsigned r = 0;
    for (unsigned l = 0; l < 4; ++l) r |= static_cast<unsigned>(impl::bits_of(m.v[l]) >> 63) << l;
    return r;
}
inline void transpose4(d4 r0, d4 r1, d4 r2, d4 r3, d4* c) noexcept {
    for (int k = 0; k < 4; ++k) c[k] = d4{{r0.v[k], r1.v[k], r2.v[k], r3.v[k]}};
}
#endif

/// a * b + c lane by lane, rounded once (a fused multiply-add).
inline d4 fmadd(d4 a, d4 b, d4 c) noexcept {
#if defined(__AVX__) && defined(__FMA__)
    return _mm256_fmadd_pd(a, b, c);
#else
    double x[4], y[4], z[4];
    store4(x, a);
    store4(y, b);
    store4(z, c);
    return setr4(std::fma(x[0], y[0], z[0]), std::fma(x[1], y[1], z[1]), std::fma(x[2], y[2], z[2]),
                 std::fma(x[3], y[3], z[3]));
#endif
}

/// s + c x as every kernel rounds it: one fused multiply-add exactly when
/// the target has FMA, else a product and a sum (written out, so that
/// kernels do not depend on what the compiler contracts).
inline double madd(double s, double c, double x) noexcept {
    if constexpr (has_fma) {
        return std::fma(c, x, s);
    } else {
        return s + c * x;
    }
}
/// madd on four lanes.
inline d4 madd(d4 s, d4 c, d4 x) noexcept {
    if constexpr (has_fma) {
        return fmadd(c, x, s);
    } else {
        return add(s, mul(c, x));
    }
}

#if defined(__AVX2__)
struct u64x4 {
    __m256i v;
};
/// The bits of the four doubles.
inline u64x4 bits(d4 x) noexcept { return {_mm256_castpd_si256(x)}; }
inline d4 from_bits(u64x4 x) noexcept { return _mm256_castsi256_pd(x.v); }
inline u64x4 splat_u64(std::uint64_t x) noexcept { return {_mm256_set1_epi64x(static_cast<long long>(x))}; }
inline u64x4 add(u64x4 a, u64x4 b) noexcept { return {_mm256_add_epi64(a.v, b.v)}; }
inline u64x4 sub(u64x4 a, u64x4 b) noexcept { return {_mm256_sub_epi64(a.v, b.v)}; }
inline u64x4 or_bits(u64x4 a, u64x4 b) noexcept { return {_mm256_or_si256(a.v, b.v)}; }
/// Logical shifts by a constant.
template <int N>
inline u64x4 shift_left(u64x4 a) noexcept { return {_mm256_slli_epi64(a.v, N)}; }
template <int N>
inline u64x4 shift_right(u64x4 a) noexcept { return {_mm256_srli_epi64(a.v, N)}; }
#else
struct u64x4 {
    std::uint64_t v[4];
};
inline u64x4 bits(d4 x) noexcept {
    double t[4];
    store4(t, x);
    return {{impl::bits_of(t[0]), impl::bits_of(t[1]), impl::bits_of(t[2]), impl::bits_of(t[3])}};
}
inline d4 from_bits(u64x4 x) noexcept {
    return setr4(impl::from_bits(x.v[0]), impl::from_bits(x.v[1]), impl::from_bits(x.v[2]),
                 impl::from_bits(x.v[3]));
}
inline u64x4 splat_u64(std::uint64_t x) noexcept { return {{x, x, x, x}}; }
inline u64x4 add(u64x4 a, u64x4 b) noexcept {
    return {{a.v[0] + b.v[0], a.v[1] + b.v[1], a.v[2] + b.v[2], a.v[3] + b.v[3]}};
}
inline u64x4 sub(u64x4 a, u64x4 b) noexcept {
    return {{a.v[0] - b.v[0], a.v[1] - b.v[1], a.v[2] - b.v[2], a.v[3] - b.v[3]}};
}
inline u64x4 or_bits(u64x4 a, u64x4 b) noexcept {
    return {{a.v[0] | b.v[0], a.v[1] | b.v[1], a.v[2] | b.v[2], a.v[3] | b.v[3]}};
}
template <int N>
inline u64x4 shift_left(u64x4 a) noexcept { return {{a.v[0] << N, a.v[1] << N, a.v[2] << N, a.v[3] << N}}; }
template <int N>
inline u64x4 shift_right(u64x4 a) noexcept { return {{a.v[0] >> N, a.v[1] >> N, a.v[2] >> N, a.v[3] >> N}}; }
#endif

// --- u32x4: four 32-bit integers ---------------------------------------------------------

#if defined(__AVX__)
struct u32x4 {
    __m128i v;
};
inline u32x4 load_u32(const std::uint32_t* p) noexcept {
    return {_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))};
}
inline void store_u32(std::uint32_t* p, u32x4 x) noexcept { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), x.v); }
inline u32x4 splat_u32(std::uint32_t x) noexcept { return {_mm_set1_epi32(static_cast<int>(x))}; }
/// The four doubles truncated to 32-bit integers (INT32_MIN for NaN and out of range).
inline u32x4 trunc_i32(d4 x) noexcept { return {_mm256_cvttpd_epi32(x)}; }
/// The four integers, read as signed, as doubles (exact).
inline d4 to_double(u32x4 a) noexcept { return _mm256_cvtepi32_pd(a.v); }
inline u32x4 max_u32(u32x4 a, u32x4 b) noexcept { return {_mm_max_epu32(a.v, b.v)}; }
inline u32x4 min_u32(u32x4 a, u32x4 b) noexcept { return {_mm_min_epu32(a.v, b.v)}; }
inline u32x4 add(u32x4 a, u32x4 b) noexcept { return {_mm_add_epi32(a.v, b.v)}; }
#else
struct u32x4 {
    std::uint32_t v[4];
};
inline u32x4 load_u32(const std::uint32_t* p) noexcept {
    u32x4 r;
    std::memcpy(r.v, p, sizeof r.v);
    return r;
}
inline void store_u32(std::uint32_t* p, u32x4 x) noexcept { std::memcpy(p, x.v, sizeof x.v); }
inline u32x4 splat_u32(std::uint32_t x) noexcept { return {{x, x, x, x}}; }
inline u32x4 trunc_i32(d4 x) noexcept {
    double t[4];
    store4(t, x);
    u32x4 r;
    for (int l = 0; l < 4; ++l) r.v[l] = static_cast<std::uint32_t>(simd::trunc_i32(t[l]));
    return r;
}
inline d4 to_double(u32x4 a) noexcept {
    return setr4(static_cast<std::int32_t>(a.v[0]), static_cast<std::int32_t>(a.v[1]),
                 static_cast<std::int32_t>(a.v[2]), static_cast<std::int32_t>(a.v[3]));
}
inline u32x4 max_u32(u32x4 a, u32x4 b) noexcept {
    u32x4 r;
    for (int l = 0; l < 4; ++l) r.v[l] = a.v[l] > b.v[l] ? a.v[l] : b.v[l];
    return r;
}
inline u32x4 min_u32(u32x4 a, u32x4 b) noexcept {
    u32x4 r;
    for (int l = 0; l < 4; ++l) r.v[l] = a.v[l] < b.v[l] ? a.v[l] : b.v[l];
    return r;
}
inline u32x4 add(u32x4 a, u32x4 b) noexcept {
    u32x4 r;
    for (int l = 0; l < 4; ++l) r.v[l] = a.v[l] + b.v[l];
    return r;
}
#endif

// --- b16: sixteen bytes (the CSV scanner) ------------------------------------------------

#if defined(__SSE2__)
struct b16 {
    __m128i v;
};
inline b16 load16(const char* p) noexcept { return {_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))}; }
inline b16 splat16(char c) noexcept { return {_mm_set1_epi8(c)}; }
/// Byte-wise a == b, as a mask.
inline b16 cmp_eq(b16 a, b16 b) noexcept { return {_mm_cmpeq_epi8(a.v, b.v)}; }
inline b16 or_bits(b16 a, b16 b) noexcept { return {_mm_or_si128(a.v, b.v)}; }
/// Bit k set: byte k of a comparison mask is set (its top bit).
inline unsigned movemask(b16 m) noexcept { return static_cast<unsigned>(_mm_movemask_epi8(m.v)); }
#else
struct b16 {
    unsigned char v[16];
};
inline b16 load16(const char* p) noexcept {
    b16 r;
    std::memcpy(r.v, p, sizeof r.v);
    return r;
}
inline b16 splat16(char c) noexcept {
    b16 r;
    for (auto& x : r.v) x = static_cast<unsigned char>(c);
    return r;
}
inline b16 cmp_eq(b16 a, b16 b) noexcept {
    b16 r;
    for (int k = 0; k < 16; ++k) r.v[k] = static_cast<unsigned char>(a.v[k] == b.v[k] ? 0xFF : 0);
    return r;
}
inline b16 or_bits(b16 a, b16 b) noexcept {
    b16 r;
    for (int k = 0; k < 16; ++k) r.v[k] = static_cast<unsigned char>(a.v[k] | b.v[k]);
    return r;
}
inline unsigned movemask(b16 m) noexcept {
    unsigned r = 0;
    for (unsigned k = 0; k < 16; ++k) r |= static_cast<unsigned>(m.v[k] >> 7) << k;
    return r;
}
#endif

}  // namespace simd
}  // namespace detail
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_DETAIL_SIMD_HPP_
