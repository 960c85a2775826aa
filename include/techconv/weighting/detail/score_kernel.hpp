// SPDX-License-Identifier: BSL-1.0
//
// The private kernel of the linear scores of weighting/score.hpp
// (linear_scores, weighted_scores, the pipeline's score-and-select pass):
// the packet loop over columns, with AVX the four-rows-at-a-time
// transposing loop for row-major input, and the candidate scan of the
// key-core pass (weighting/pipeline.hpp). Written in the simd vocabulary and
// Eigen's packets; no intrinsic and no ISA test here or in the public headers.
#ifndef TECHCONV_WEIGHTING_DETAIL_SCORE_KERNEL_HPP_
#define TECHCONV_WEIGHTING_DETAIL_SCORE_KERNEL_HPP_

#include <cmath>    // std::isnan
#include <utility>  // std::pair
#include <vector>   // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/simd.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/detail/view.hpp"
#include "techconv/weighting/detail/xlogx.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
namespace detail {

/// Scores of rows [b, e) of a row-major view for one coefficient vector,
/// written to out[0, e - b): four rows at a time, read in memory order and
/// transposed in registers (no tile in memory). Per score the same
/// operations in the same order as the column kernel of linear_chunk
/// (offset, then madd with c_j x_ij for every non-zero c_j in column order),
/// so the same bits. Calls after_tile(tb, len) for consecutive ranges
/// covering [b, e), in row order, at the end. Taken where simd::has_avx holds
/// (simd::d4 is then one register).
template <class Scalar, class AfterTile>
void linear_rows(const dense_view<Scalar, true>& v, index b, index e, const double* coef, double offset,
                 double* out, AfterTile&& after_tile) {
    const index m = v.cols;
    const index ld = v.outer;
    const simd::d4 off = simd::splat4(offset);
    const index line = index{64} / static_cast<index>(sizeof(Scalar));
    constexpr index streams = 4;
    constexpr index ahead_rows = 32;  // software prefetch distance in each part
    // Scores of the 4 rows from row i on.
    const auto four = [&](index i) {
        const Scalar* r = v.row(i);
        if (i + 4 + ahead_rows <= e)
            for (index k = 0; k < 4 * ld; k += line) simd::prefetch(r + ahead_rows * ld + k);
        simd::d4 s = off;
        index j = 0;
        for (; j + 4 <= m; j += 4) {
            simd::d4 c[4];
            simd::transpose4(simd::load4(r + j), simd::load4(r + ld + j), simd::load4(r + 2 * ld + j),
                             simd::load4(r + 3 * ld + j), c);
            for (int k = 0; k < 4; ++k)
                if (coef[j + k] != 0.0) s = simd::madd(s, simd::splat4(coef[j + k]), c[k]);
        }
        for (; j < m; ++j)
            if (coef[j] != 0.0) {
                const simd::d4 c = simd::setr4(static_cast<double>(r[j]), static_cast<double>(r[ld + j]),
                                               static_cast<double>(r[2 * ld + j]),
                                               static_cast<double>(r[3 * ld + j]));
                s = simd::madd(s, simd::splat4(coef[j]), c);
            }
        simd::store4(out + (i - b), s);
    };
    // The rows go in `streams` parts read side by side: the memory system
    // fetches several streams faster than one (measured 1.5x on AMD Zen 3).
    const index q = (e - b) / (4 * streams) * 4;  // rows of every part but the last
    for (index i = 0; i < q; i += 4)
        for (index k = 0; k < streams; ++k) four(b + k * q + i);
    index i = b + (streams - 1) * q + q;
    for (; i + 4 <= e; i += 4) four(i);
    for (; i < e; ++i) {
        const Scalar* r = v.row(i);
        double s = offset;
        for (index j = 0; j < m; ++j)
            if (coef[j] != 0.0) s = madd(s, coef[j], static_cast<double>(r[j]));
        out[i - b] = s;
    }
    for (index k = 0; k + 1 < streams; ++k) after_tile(b + k * q, q);
    after_tile(b + (streams - 1) * q, e - b - (streams - 1) * q);
}

/// out[g * ld + i - b] = offsets(g) + sum_j coef(j, g) x(i, j) for i in [b, e),
/// accumulated in column order (the same arithmetic for either storage order
/// and for every position: the last partial packet is padded), one packet of
/// rows at a time in registers. Converted input (row-major, float) goes
/// through small L1-resident tiles. After each tile, calls after_tile(tb, len):
/// rows [tb, tb + len) are final.
template <class Scalar, bool RowMajor, class AfterTile>
void linear_chunk(const dense_view<Scalar, RowMajor>& v, index b, index e,
                  const Eigen::Ref<const matrix>& coef, const Eigen::Ref<const vector>& offsets,
                  double* out, index ld, std::vector<double>& tile, AfterTile&& after_tile) {
    if constexpr (RowMajor && simd::has_avx) {
        if (coef.cols() == 1) {  // (one column of a Ref: contiguous)
            linear_rows(v, b, e, coef.data(), offsets(0), out, after_tile);
            return;
        }
    }
    namespace ei = Eigen::internal;
    constexpr index w = dpacket_size;
    // The non-zero coefficients of each score, in column order.
    std::vector<std::pair<index, double>> terms;
    std::vector<index> first(static_cast<std::size_t>(coef.cols()) + 1, 0);
    for (index g = 0; g < coef.cols(); ++g) {
        for (index j = 0; j < v.cols; ++j)
            if (coef(j, g) != 0.0) terms.emplace_back(j, coef(j, g));
        first[static_cast<std::size_t>(g) + 1] = static_cast<index>(terms.size());
    }
    std::vector<const double*> cols(static_cast<std::size_t>(v.cols));
    for_each_tile(v, b, e, tile, [&](index tb, index len, const auto& col) {
        for (index j = 0; j < v.cols; ++j) cols[static_cast<std::size_t>(j)] = col(j);
        for (index g = 0; g < coef.cols(); ++g) {
            double* o = out + g * ld + (tb - b);
            const auto* t0 = terms.data() + first[static_cast<std::size_t>(g)];
            const auto* t1 = terms.data() + first[static_cast<std::size_t>(g) + 1];
            const dpacket off = ei::pset1<dpacket>(offsets(g));
            index i = 0;
            for (; i + w <= len; i += w) {
                dpacket s = off;
                for (const auto* t = t0; t != t1; ++t)
                    s = madd(s, ei::pset1<dpacket>(t->second),
                             ei::ploadu<dpacket>(cols[static_cast<std::size_t>(t->first)] + i));
                ei::pstoreu(o + i, s);
            }
            if (i < len) {
                dpacket s = off;
                for (const auto* t = t0; t != t1; ++t)
                    s = madd(s, ei::pset1<dpacket>(t->second),
                             padded_tail(cols[static_cast<std::size_t>(t->first)] + i, len - i, 0.0));
                double lanes[w];
                ei::pstoreu(lanes, s);
                for (index l = 0; l < len - i; ++l) o[i + l] = lanes[l];
            }
        }
        after_tile(tb, len);
    }, direct_columns<Scalar, RowMajor>() ? tile_rows : row_tile_rows);
}

template <class Scalar, bool RowMajor>
void linear_chunk(const dense_view<Scalar, RowMajor>& v, index b, index e,
                  const Eigen::Ref<const matrix>& coef, const Eigen::Ref<const vector>& offsets,
                  double* out, index ld, std::vector<double>& tile) {
    linear_chunk(v, b, e, coef, offsets, out, ld, tile, [](index, index) {});
}

/// \brief The scores s[0, len) (of records tb, tb + 1, ...) that are >= t,
/// as (score, record) pairs written from f on in record order; returns the
/// end of what was written (room for len pairs is needed). Sets `nan` when
/// a score is NaN. Branch-free per lane: the comparison mask of a packet is
/// read as bits.
inline std::pair<double, index>* scores_at_least(const double* s, index len, index tb, double t,
                                                 std::pair<double, index>* f, bool& nan) noexcept {
    namespace ei = Eigen::internal;
    const dpacket tv = ei::pset1<dpacket>(t);
    dpacket nans = ei::pset1<dpacket>(0.0);
    index i = 0;
    for (; i + dpacket_size <= len; i += dpacket_size) {
        const dpacket x = ei::ploadu<dpacket>(s + i);
        nans = ei::por(nans, ei::pandnot(ei::ptrue(x), ei::pcmp_eq(x, x)));
        for (unsigned bits = lane_bits(ei::pcmp_le(tv, x)); bits != 0; bits &= bits - 1) {
            const index l = i + static_cast<index>(simd::lowest_bit(bits));
            *f++ = {s[l], tb + l};
        }
    }
    for (; i < len; ++i) {
        if (s[i] >= t) *f++ = {s[i], tb + i};
        if (std::isnan(s[i])) nan = true;
    }
    if (any_lane(nans)) nan = true;
    return f;
}

}  // namespace detail
}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_DETAIL_SCORE_KERNEL_HPP_
