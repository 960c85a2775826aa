// SPDX-License-Identifier: BSL-1.0
//
// Internal: x ln x with the convention 0 ln 0 = 0, and the fused kernels
// over contiguous runs of doubles that the statistics and log passes use:
// one sweep with explicit Eigen packet math (a vectorised logarithm,
// zeros masked rather than branched on) per run. The summation order of every
// kernel depends on the run length only, never on the address of the run.
// IWYU pragma: private, include "techconv/weighting.hpp"
#ifndef TECHCONV_WEIGHTING_DETAIL_XLOGX_HPP_
#define TECHCONV_WEIGHTING_DETAIL_XLOGX_HPP_

#include <cmath>        // std::log
#include <cstdint>      // std::uint64_t
#include <cstring>      // std::memcpy
#include <limits>       // std::numeric_limits
#include <type_traits>  // std::is_same_v
#include <vector>       // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/simd.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/detail/view.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
namespace detail {

/// x ln x for x > 0, and 0 for x <= 0 (the 0 ln 0 = 0 convention; callers
/// never pass negative values).
inline double xlogx(double x) noexcept { return x > 0.0 ? x * std::log(x) : 0.0; }

/// The widest double packet of the target (a plain double without SIMD).
using dpacket = typename Eigen::internal::packet_traits<double>::type;
/// Lanes of a dpacket.
inline constexpr index dpacket_size = Eigen::internal::packet_traits<double>::size;
/// Independent accumulators per kernel (hides the latency of the additions).
inline constexpr index kernel_unroll = 4;

/// Whether the kernels take logarithms with log_parts4 (techconv's own
/// four-lane logarithm) instead of Eigen's: exactly when Eigen's double
/// packet is four lanes (AVX without AVX-512: it is then simd::d4, __m256d)
/// and the target has AVX2 and FMA.
inline constexpr bool log4_path = simd::has_avx2 && simd::has_fma && dpacket_size == 4;
/// Whether dpacket is simd::d4 or simd::d2, whose masks simd::movemask reads.
inline constexpr bool movemask_packet = (simd::has_avx && dpacket_size == 4) || (simd::has_sse2 && dpacket_size == 2);

/// \brief ln x = k ln 2 + ln m, four lanes, as the two parts k and ln m, for
/// positive normal finite x; within about 2 ulp once combined.
///
/// x = 2^k m with m in [sqrt(1/2), sqrt(2)) from the bits of x, then
/// ln m = 2 atanh f = 2 (f + f^3/3 + ... + f^19/19) with f = (m - 1)/(m + 1),
/// |f| <= 0.1716 (the omitted terms are below 2.5e-17 relative). For x = +0
/// the parts are k = -1023 and ln m = 0 (finite, so 0 * part = 0); for other
/// lanes (negative, subnormal) they are finite but meaningless. Written in
/// the simd vocabulary: AVX2 and FMA instructions where log4_path holds.
inline void log_parts4(simd::d4 x, simd::d4& k, simd::d4& lnm) noexcept {
    using namespace simd;
    const u64x4 b = bits(x);
    // The exponent field of bits - bits(sqrt(1/2)) + bits(1) is k + 1023.
    const u64x4 kb = shift_right<52>(add(b, splat_u64(0x3FF0000000000000ULL - 0x3FE6A09E667F3BCDULL)));
    const d4 m = from_bits(add(sub(b, shift_left<52>(kb)), splat_u64(0x3FF0000000000000ULL)));
    // k as a double: 2^52 + (k + 1023) has kb in its low bits.
    k = sub(from_bits(or_bits(kb, splat_u64(0x4330000000000000ULL))), splat4(4503599627370496.0 + 1023.0));
    const d4 one = splat4(1.0);
    const d4 f = div(sub(m, one), add(m, one));
    const d4 s = mul(f, f);
    // p = sum_{i=1..9} s^(i-1) / (2i + 1), by Estrin's scheme (short dependency chains).
    const d4 s2 = mul(s, s);
    const d4 s4 = mul(s2, s2);
    const d4 q0 = fmadd(splat4(1.0 / 5.0), s, splat4(1.0 / 3.0));
    const d4 q1 = fmadd(splat4(1.0 / 9.0), s, splat4(1.0 / 7.0));
    const d4 q2 = fmadd(splat4(1.0 / 13.0), s, splat4(1.0 / 11.0));
    const d4 q3 = fmadd(splat4(1.0 / 17.0), s, splat4(1.0 / 15.0));
    const d4 r0 = fmadd(q1, s2, q0);
    const d4 r1 = fmadd(fmadd(splat4(1.0 / 19.0), s2, q3), s2, q2);
    const d4 p = fmadd(r1, s4, r0);
    const d4 f2 = add(f, f);
    lnm = fmadd(mul(f2, s), p, f2);
}

/// ln 2 as the nearest double plus the remainder.
inline constexpr double ln2_hi = 0.6931471805599453;
inline constexpr double ln2_lo = 2.3190468138462996e-17;

/// \brief ln x, four lanes, for positive normal finite x (other lanes give
/// unspecified values; callers mask them), within about 2 ulp.
inline simd::d4 log4(simd::d4 x) noexcept {
    simd::d4 k, lnm;
    log_parts4(x, k, lnm);
    return simd::fmadd(k, simd::splat4(ln2_hi), simd::fmadd(k, simd::splat4(ln2_lo), lnm));
}

/// Lane-wise ln x (x a dpacket) for positive normal finite lanes (others
/// unspecified). A template only so that the discarded branch is not compiled.
template <class P>
inline P plog_normal(const P& x) noexcept {
    if constexpr (log4_path) {
        return log4(x);
    } else {
        return Eigen::internal::plog(x);
    }
}

/// The lanes of a comparison mask (a dpacket) as bits (bit l set: lane l
/// set). A template only so that the discarded branch is not compiled.
template <class P>
inline unsigned lane_bits(const P& mask) noexcept {
    if constexpr (movemask_packet) {
        return simd::movemask(mask);
    } else {
        double lanes[dpacket_size];
        Eigen::internal::pstoreu(lanes, mask);
        unsigned r = 0;
        for (index l = 0; l < dpacket_size; ++l) {
            std::uint64_t bits = 0;
            std::memcpy(&bits, &lanes[l], sizeof bits);
            if (bits != 0) r |= 1u << l;
        }
        return r;
    }
}

/// Whether any lane of a comparison mask is set.
template <class P>
inline bool any_lane(const P& mask) noexcept {
    return lane_bits(mask) != 0;
}

/// Whether every lane of a comparison mask is set.
inline bool all_lanes(const dpacket& mask) noexcept {
    double lanes[dpacket_size];
    Eigen::internal::pstoreu(lanes, mask);
    for (index l = 0; l < dpacket_size; ++l) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &lanes[l], sizeof bits);
        if (bits == 0) return false;
    }
    return true;
}

/// Lane-wise y ln(y * f) where y > 0, else 0; `tiny` collects the lanes whose
/// log argument is subnormal (the vectorised logarithm is not exact there).
inline dpacket pxlogx(const dpacket& y, const dpacket& f, bool scaled, dpacket& tiny) noexcept {
    namespace ei = Eigen::internal;
    const dpacket zero = ei::pset1<dpacket>(0.0);
    const dpacket pos = ei::pcmp_lt(zero, y);
    const dpacket arg = scaled ? ei::pmul(y, f) : y;
    tiny = ei::por(tiny, ei::pand(pos, ei::pcmp_lt(arg, ei::pset1<dpacket>(std::numeric_limits<double>::min()))));
    return ei::pand(ei::pmul(y, plog_normal(arg)), pos);
}

/// The last (n mod dpacket_size) values of a run, padded to a packet with `pad`.
inline dpacket padded_tail(const double* p, index r, double pad) noexcept {
    double lanes[dpacket_size];
    for (index l = 0; l < dpacket_size; ++l) lanes[l] = l < r ? p[l] : pad;
    return Eigen::internal::ploadu<dpacket>(lanes);
}

/// Sums of one run of doubles gathered by run_moments.
struct run_sums {
    double min = 0.0;    ///< smallest value
    double max = 0.0;    ///< largest value
    double sum = 0.0;    ///< sum of the values
    double m2 = 0.0;     ///< sum of squared deviations from sum / n
    double xlogx = 0.0;  ///< sum of x ln x over the positive values (when asked)
};

/// Visits p[0, n) packet by packet in a fixed order: fn(x, u) with x a packet
/// and u the accumulator (kernel_unroll per packet column); the final partial
/// packet is padded with `pad`. The grouping depends on n only.
template <class Fn>
inline void for_each_packet(const double* p, index n, double pad, Fn&& fn) {
    constexpr index step = kernel_unroll * dpacket_size;
    index i = 0;
    for (; i + step <= n; i += step)
        for (index u = 0; u < kernel_unroll; ++u)
            fn(Eigen::internal::ploadu<dpacket>(p + i + u * dpacket_size), u);
    for (; i + dpacket_size <= n; i += dpacket_size) fn(Eigen::internal::ploadu<dpacket>(p + i), index{0});
    if (i < n) fn(padded_tail(p + i, n - i, pad), index{0});
}

/// s + c x as every kernel rounds it (simd::madd: one fused multiply-add
/// exactly when the target has FMA). Kernels that must give the same bits
/// (both storage orders, both score kernels) all use it.
inline double madd(double s, double c, double x) noexcept { return simd::madd(s, c, x); }

/// madd lane by lane (Eigen's pmadd is a fused multiply-add exactly when the
/// target has FMA).
inline dpacket madd(const dpacket& s, const dpacket& c, const dpacket& x) noexcept {
    if constexpr (simd::has_fma) {
        return Eigen::internal::pmadd(c, x, s);
    } else {
        return Eigen::internal::padd(s, Eigen::internal::pmul(c, x));
    }
}

/// Adds the kernel_unroll accumulators in a fixed order and reduces the lanes.
inline double reduce_sum(const dpacket* a) noexcept {
    namespace ei = Eigen::internal;
    return ei::predux(ei::padd(ei::padd(a[0], a[1]), ei::padd(a[2], a[3])));
}

/// Sum of x ln x over the positive values of p[0, n), exact scalar logarithms.
inline double xlogx_scalar(const double* p, index n) noexcept {
    double t = 0.0;
    for (index i = 0; i < n; ++i) t += xlogx(p[i]);
    return t;
}

/// \brief Min, max, sum, (optionally) the centred second moment and the sum
/// of x ln x over the positive values of p[0, n), n >= 1: one vectorised sweep
/// for min, max, sum and x ln x (zeros need no mask: their terms are exactly
/// 0), a second sweep over the (cache-resident) run for m2.
///
/// x ln x is exact to rounding for values that are 0 or normal. A run with a
/// negative value, or whose largest value is below 2^-960 (so that subnormal
/// values could matter), takes exact scalar logarithms instead. A non-finite
/// value makes `sum` non-finite (callers check it).
template <bool WithXlogx, bool WithM2 = true>
inline run_sums run_moments(const double* p, index n) noexcept {
    namespace ei = Eigen::internal;
    static_assert(kernel_unroll == 4, "reduce_sum adds four accumulators");
    const dpacket zero = ei::pset1<dpacket>(0.0);
    // (min and max need no unrolling: they have latency 1 and no rounding)
    dpacket s[kernel_unroll];
    for (index u = 0; u < kernel_unroll; ++u) s[u] = zero;
    dpacket lo = ei::pset1<dpacket>(p[0]);
    dpacket hi = lo;
    // x ln x = ln 2 * sum x k + sum x ln m (log4_path), else masked x plog(x).
    [[maybe_unused]] dpacket xk = zero;  // log4_path only
    dpacket xl = zero;
    [[maybe_unused]] dpacket tiny = zero;  // Eigen's logarithm only
    // (x is generic so that the log4_path branch is only compiled where it is taken)
    const auto add = [&](const auto& x, index u) {
        s[u] = ei::padd(s[u], x);
        if constexpr (WithXlogx) {
            if constexpr (log4_path) {
                simd::d4 k, lnm;
                log_parts4(x, k, lnm);
                xk = simd::fmadd(x, k, xk);
                xl = simd::fmadd(x, lnm, xl);
            } else {
                xl = ei::padd(xl, pxlogx(x, x, false, tiny));
            }
        }
    };
    constexpr index step = kernel_unroll * dpacket_size;
    index i = 0;
    for (; i + step <= n; i += step)
        for (index u = 0; u < kernel_unroll; ++u) {
            const dpacket x = ei::ploadu<dpacket>(p + i + u * dpacket_size);
            add(x, u);
            lo = ei::pmin(lo, x);
            hi = ei::pmax(hi, x);
        }
    for (; i + dpacket_size <= n; i += dpacket_size) {
        const dpacket x = ei::ploadu<dpacket>(p + i);
        add(x, 0);
        lo = ei::pmin(lo, x);
        hi = ei::pmax(hi, x);
    }
    if (i < n) {
        add(padded_tail(p + i, n - i, 0.0), 0);  // zeros add exactly nothing
        const dpacket x = padded_tail(p + i, n - i, p[0]);  // p[0] is a member of the run
        lo = ei::pmin(lo, x);
        hi = ei::pmax(hi, x);
    }
    run_sums r;
    r.sum = reduce_sum(s);
    r.min = ei::predux_min(lo);
    r.max = ei::predux_max(hi);
    if constexpr (WithXlogx) {
        if (r.min < 0.0 || r.max < 0x1p-960 || any_lane(tiny)) {
            r.xlogx = xlogx_scalar(p, n);
        } else if constexpr (log4_path) {
            const double sk = ei::predux(xk);
            r.xlogx = sk * ln2_hi + (sk * ln2_lo + ei::predux(xl));
        } else {
            r.xlogx = ei::predux(xl);
        }
    }
    if constexpr (!WithM2) return r;
    const double mean = r.sum / static_cast<double>(n);
    const dpacket pm = ei::pset1<dpacket>(mean);
    dpacket q[kernel_unroll] = {zero, zero, zero, zero};
    // The tail is padded with the mean (a zero deviation).
    for_each_packet(p, n, mean, [&](const dpacket& x, index u) {
        const dpacket d = ei::psub(x, pm);
        q[u] = madd(q[u], d, d);
    });
    r.m2 = reduce_sum(q);
    return r;
}

/// dpacket, as a type that depends on T.
template <class T>
struct packet_for {
    using type = dpacket;
};

/// \brief run_moments of every column of a row-major block of n >= 1 rows
/// (m values per row, rows m values apart) into out[0, m), bit for bit what
/// run_moments gives on each column copied out, without copying it out.
///
/// Read four rows (4 m values) at a time in memory order: lane l of packet
/// g holds row (4 g + l) / m and column (4 g + l) % m of the four, which is
/// lane (4 g + l) / m of that column's packet in run_moments. Accumulators
/// are kept per packet position (in `scratch`) with the same accumulator
/// choice per row as for_each_packet, then moved to their columns' lanes
/// before the same reductions; the partial last packet of every column is
/// built padded exactly as run_moments pads it. Only where log4_path holds
/// (P, Eigen's packet, is then simd::d4).
template <bool WithXlogx, bool WithM2, class Scalar>
inline void row_moments(const Scalar* x, index n, index m, run_sums* out, std::vector<double>& scratch) {
    // P is dpacket, named through Scalar so that this body is only compiled where it is called.
    using P = typename packet_for<Scalar>::type;
    static_assert(log4_path && sizeof(Scalar) > 0, "row_moments needs the four-lane logarithm");
    namespace ei = Eigen::internal;
    constexpr index U = kernel_unroll;
    // Per position g: sum[U], lo, hi, xk, xl, q[U] packets (4 lanes each).
    constexpr index per = (2 * U + 4) * 4;
    const std::size_t need = static_cast<std::size_t>((2 * m + 1) * per);
    if (scratch.size() < need) scratch.resize(need);
    double* acc = scratch.data();
    const auto at = [&](index g, index slot) { return acc + g * per + slot * 4; };
    enum : index { s_lo = U, s_hi = U + 1, s_xk = U + 2, s_xl = U + 3, s_q = U + 4 };
    const index blocks = n / 4;
    const index unrolled = (n / (U * 4)) * U;  // blocks that rotate over the U accumulators
    const P zero = ei::pset1<P>(0.0);
    for (index g = 0; g < m; ++g) {
        double first[4];
        for (index l = 0; l < 4; ++l) first[l] = static_cast<double>(x[(4 * g + l) % m]);
        for (index u = 0; u < U; ++u) {
            ei::pstoreu(at(g, u), zero);
            ei::pstoreu(at(g, s_q + u), zero);
        }
        ei::pstoreu(at(g, s_lo), ei::ploadu<P>(first));
        ei::pstoreu(at(g, s_hi), ei::ploadu<P>(first));
        ei::pstoreu(at(g, s_xk), zero);
        ei::pstoreu(at(g, s_xl), zero);
    }
    for (index b = 0; b < blocks; ++b) {
        const index u = b < unrolled ? b % U : 0;
        const Scalar* row = x + b * 4 * m;
        for (index g = 0; g < m; ++g) {
            const P v = simd::load4(row + 4 * g);
            ei::pstoreu(at(g, u), ei::padd(ei::ploadu<P>(at(g, u)), v));
            ei::pstoreu(at(g, s_lo), ei::pmin(ei::ploadu<P>(at(g, s_lo)), v));
            ei::pstoreu(at(g, s_hi), ei::pmax(ei::ploadu<P>(at(g, s_hi)), v));
            if constexpr (WithXlogx) {
                P k, lnm;
                log_parts4(v, k, lnm);
                ei::pstoreu(at(g, s_xk), simd::fmadd(v, k, ei::ploadu<P>(at(g, s_xk))));
                ei::pstoreu(at(g, s_xl), simd::fmadd(v, lnm, ei::ploadu<P>(at(g, s_xl))));
            }
        }
    }
    // Columns: lane r of column j's accumulator is lane l of position g.
    double* col = acc + m * per;  // one position's worth of slots, reused per column
    const index tail = n - 4 * blocks;
    const Scalar* last = x + blocks * 4 * m;
    for (index j = 0; j < m; ++j) {
        for (index r = 0; r < 4; ++r) {
            const index e = r * m + j;  // element of a 4-row block
            const double* src = acc + (e / 4) * per + (e % 4);
            for (index slot = 0; slot < s_q; ++slot) col[slot * 4 + r] = src[slot * 4];
        }
        P s[U], lo, hi, xk, xl;
        for (index u = 0; u < U; ++u) s[u] = ei::ploadu<P>(col + u * 4);
        lo = ei::ploadu<P>(col + s_lo * 4);
        hi = ei::ploadu<P>(col + s_hi * 4);
        xk = ei::ploadu<P>(col + s_xk * 4);
        xl = ei::ploadu<P>(col + s_xl * 4);
        const double x0 = static_cast<double>(x[j]);
        if (tail > 0) {
            double pz[4], pf[4];
            for (index r = 0; r < 4; ++r) {
                pz[r] = r < tail ? static_cast<double>(last[r * m + j]) : 0.0;
                pf[r] = r < tail ? pz[r] : x0;
            }
            const P vz = ei::ploadu<P>(pz);
            s[0] = ei::padd(s[0], vz);
            if constexpr (WithXlogx) {
                P k, lnm;
                log_parts4(vz, k, lnm);
                xk = simd::fmadd(vz, k, xk);
                xl = simd::fmadd(vz, lnm, xl);
            }
            const P vf = ei::ploadu<P>(pf);
            lo = ei::pmin(lo, vf);
            hi = ei::pmax(hi, vf);
        }
        run_sums& r = out[j];
        r = run_sums{};
        r.sum = reduce_sum(s);
        r.min = ei::predux_min(lo);
        r.max = ei::predux_max(hi);
        if constexpr (WithXlogx) {
            if (r.min < 0.0 || r.max < 0x1p-960) {
                double t = 0.0;
                for (index i = 0; i < n; ++i) t += xlogx(static_cast<double>(x[i * m + j]));
                r.xlogx = t;
            } else {
                const double sk = ei::predux(xk);
                r.xlogx = sk * ln2_hi + (sk * ln2_lo + ei::predux(xl));
            }
        }
    }
    if constexpr (!WithM2) return;
    // Second sweep: squared deviations from each column's mean (the block is
    // cache-resident), same accumulator choice, tail padded with the mean.
    for (index g = 0; g < m; ++g) {
        double mu[4];
        for (index l = 0; l < 4; ++l) mu[l] = out[(4 * g + l) % m].sum / static_cast<double>(n);
        ei::pstoreu(at(g, s_lo), ei::ploadu<P>(mu));  // the slot now holds the means
    }
    for (index b = 0; b < blocks; ++b) {
        const index u = b < unrolled ? b % U : 0;
        const Scalar* row = x + b * 4 * m;
        for (index g = 0; g < m; ++g) {
            const P d = ei::psub(simd::load4(row + 4 * g), ei::ploadu<P>(at(g, s_lo)));
            ei::pstoreu(at(g, s_q + u), madd(ei::ploadu<P>(at(g, s_q + u)), d, d));
        }
    }
    for (index j = 0; j < m; ++j) {
        P q[U];
        for (index u = 0; u < U; ++u) {
            for (index r = 0; r < 4; ++r) {
                const index e = r * m + j;
                col[u * 4 + r] = acc[(e / 4) * per + (s_q + u) * 4 + (e % 4)];
            }
            q[u] = ei::ploadu<P>(col + u * 4);
        }
        if (tail > 0) {
            const double mean = out[j].sum / static_cast<double>(n);
            double pm[4];
            for (index r = 0; r < 4; ++r) pm[r] = r < tail ? static_cast<double>(last[r * m + j]) : mean;
            const P d = ei::psub(ei::ploadu<P>(pm), ei::pset1<P>(mean));
            q[0] = madd(q[0], d, d);
        }
        out[j].m2 = reduce_sum(q);
    }
}

/// \brief Sums over p[0, n) of y and of y ln(y * inv_mu) (0 where y <= 0),
/// with y = (p[i] - center) * scale + shift evaluated exactly as the
/// histogram path evaluates it, so both paths see the same normalised values.
/// One vectorised sweep; adds into `t` and `s`.
inline void affine_xlogx_sums(const double* p, index n, double center, double scale, double shift,
                              double inv_mu, double& t, double& s) noexcept {
    namespace ei = Eigen::internal;
    if (n <= 0) return;
    const dpacket zero = ei::pset1<dpacket>(0.0);
    const dpacket c = ei::pset1<dpacket>(center), a = ei::pset1<dpacket>(scale),
                  sh = ei::pset1<dpacket>(shift), f = ei::pset1<dpacket>(inv_mu);
    dpacket ys[kernel_unroll] = {zero, zero, zero, zero};
    dpacket ts[kernel_unroll] = {zero, zero, zero, zero};
    dpacket tiny = zero;
    // The tail is padded with the value whose y is 0 only when that is exact;
    // otherwise padded lanes are masked out below.
    const index full = n - n % dpacket_size;
    for_each_packet(p, full, 0.0, [&](const dpacket& x, index u) {
        const dpacket y = ei::padd(ei::pmul(ei::psub(x, c), a), sh);
        ys[u] = ei::padd(ys[u], y);
        ts[u] = ei::padd(ts[u], pxlogx(y, f, true, tiny));
    });
    double ysum = reduce_sum(ys);
    double tsum = reduce_sum(ts);
    if (any_lane(tiny)) {
        // A subnormal log argument: exact scalar logarithms for the whole run.
        tsum = 0.0;
        for (index i = 0; i < full; ++i) {
            const double y = (p[i] - center) * scale + shift;
            if (y > 0.0) tsum += y * std::log(y * inv_mu);
        }
    }
    for (index i = full; i < n; ++i) {  // fewer than dpacket_size values, in order
        const double y = (p[i] - center) * scale + shift;
        ysum += y;
        if (y > 0.0) tsum += y * std::log(y * inv_mu);
    }
    t += tsum;
    s += ysum;
}

}  // namespace detail
}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_DETAIL_XLOGX_HPP_
