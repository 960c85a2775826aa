// SPDX-License-Identifier: BSL-1.0
//
// Internal: a raw view of a dense Eigen matrix (pointer, shape, outer stride,
// storage order as a template parameter), built from any DenseBase without
// copying data that already has direct access, plus the located errors the
// weighting kernels raise (non-finite and negative values).
// IWYU pragma: private, include "techconv/weighting.hpp"
#ifndef TECHCONV_WEIGHTING_DETAIL_VIEW_HPP_
#define TECHCONV_WEIGHTING_DETAIL_VIEW_HPP_

#include <algorithm>    // std::min
#include <cmath>        // std::isfinite, std::isnan
#include <string>       // std::string, std::to_string
#include <type_traits>  // std::is_same_v
#include <utility>      // std::forward
#include <vector>       // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/detail/simd.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
namespace detail {

/// The SIMD vocabulary of every weighting kernel (techconv/detail/simd.hpp).
namespace simd = techconv::detail::simd;

/// Rows handled per inner tile: a tile of a few columns stays in L1/L2.
inline constexpr index tile_rows = 2048;
/// Rows per tile of kernels whose result for a row does not depend on the
/// tile (scores): a converted tile of up to ~16 columns stays in L1.
inline constexpr index row_tile_rows = 256;

/// A read-only view of a dense matrix with unit inner stride.
template <class Scalar, bool RowMajor>
struct dense_view {
    const Scalar* data = nullptr;
    index rows = 0;
    index cols = 0;
    index outer = 0;  ///< distance between consecutive rows (row-major) or columns

    Scalar operator()(index i, index j) const noexcept {
        if constexpr (RowMajor) {
            return data[i * outer + j];
        } else {
            return data[j * outer + i];
        }
    }
    /// Start of column j (column-major only).
    const Scalar* col(index j) const noexcept { return data + j * outer; }
    /// Start of row i (row-major only).
    const Scalar* row(index i) const noexcept { return data + i * outer; }
};

/// Calls fn(view) with a dense_view of x. Plain matrices, Maps and blocks
/// with unit inner stride are viewed in place (no copy); an unevaluated
/// expression is evaluated once, as Eigen::Ref does.
template <class Derived, class Fn>
decltype(auto) with_view(const Eigen::DenseBase<Derived>& x, Fn&& fn) {
    using scalar = typename Derived::Scalar;
    static_assert(std::is_same_v<scalar, double> || std::is_same_v<scalar, float>,
                  "techconv::weighting: the indicator matrix must hold float or double");
    constexpr bool row_major = static_cast<bool>(Derived::IsRowMajor);
    using plain = Eigen::Matrix<scalar, Eigen::Dynamic, Eigen::Dynamic,
                                row_major ? Eigen::RowMajor : Eigen::ColMajor>;
    const Eigen::Ref<const plain, 0, Eigen::OuterStride<>> r(x.derived());
    const dense_view<scalar, row_major> v{r.data(), r.rows(), r.cols(), r.outerStride()};
    return std::forward<Fn>(fn)(v);
}

/// Transposes rows [i, i + R) of a row-major block (first row r, row
/// distance ld, m columns) into columns of out (column distance len): out[j *
/// len + i + k] = r[k * ld + j]. Columns go in blocks of 4 (AVX 4x4 register
/// transposes: unpack, then swap 128-bit halves), blocks of 2 (SSE2 2x2), then
/// one at a time. Pure copies: the values are bit-identical to a scalar copy.
template <int R, class Scalar>
inline void transpose_rows(const Scalar* r, index ld, index m, double* out, index len, index i) noexcept {
    index j = 0;
    if constexpr (R == 4 && simd::has_avx) {
        for (; j + 4 <= m; j += 4) {
            simd::d4 c[4];
            simd::transpose4(simd::load4(r + j), simd::load4(r + ld + j), simd::load4(r + 2 * ld + j),
                             simd::load4(r + 3 * ld + j), c);
            double* o = out + j * len + i;
            for (int k = 0; k < 4; ++k) simd::store4(o + k * len, c[k]);
        }
    }
    if constexpr (R % 2 == 0 && simd::has_sse2) {
        for (; j + 2 <= m; j += 2) {
            double* o = out + j * len + i;
            for (int k = 0; k < R; k += 2) {
                const simd::d2 a = simd::load2(r + k * ld + j);
                const simd::d2 c = simd::load2(r + (k + 1) * ld + j);
                simd::store2(o + k, simd::unpacklo(a, c));
                simd::store2(o + len + k, simd::unpackhi(a, c));
            }
        }
    }
    for (; j < m; ++j) {
        double* o = out + j * len + i;
        for (int k = 0; k < R; ++k) o[k] = static_cast<double>(r[k * ld + j]);
    }
}

/// Distance between the columns of a converted tile of len rows: a few cache
/// lines more than len, so that the columns of a power-of-two tile do not all
/// map to the same L1 set.
constexpr index tile_stride(index len) noexcept { return len + 24; }

/// Copies rows [b, e) of v into a column-major double tile with column
/// distance ld (at least e - b; by default e - b). Row-major input is read in
/// memory order, four rows at a time, and transposed in registers (see
/// transpose_rows).
template <class Scalar, bool RowMajor>
void load_tile(const dense_view<Scalar, RowMajor>& v, index b, index e, double* out, index ld_out = -1) {
    const index len = e - b;
    if (ld_out < len) ld_out = len;
    if constexpr (RowMajor) {
        const Scalar* base = v.row(b);
        const index ld = v.outer;
        // The next tile's rows are prefetched meanwhile: the caller computes
        // on this tile without reading memory, and the hardware prefetcher
        // alone would stall at the start of every tile.
        const index ahead = std::max(index{0}, std::min(len, v.rows - e));
        const index step = index{64} / static_cast<index>(sizeof(Scalar));
        index i = 0;
        for (; i + 4 <= len; i += 4) {
            if (i < ahead) {
                const Scalar* q = v.row(e + i);
                const index n = std::min(index{4}, ahead - i) * ld;
                for (index k = 0; k < n; k += step) simd::prefetch(q + k);
            }
            transpose_rows<4>(base + i * ld, ld, v.cols, out, ld_out, i);
        }
        for (; i + 2 <= len; i += 2) transpose_rows<2>(base + i * ld, ld, v.cols, out, ld_out, i);
        for (; i < len; ++i) transpose_rows<1>(base + i * ld, ld, v.cols, out, ld_out, i);
    } else {
        for (index j = 0; j < v.cols; ++j) {
            const Scalar* c = v.col(j) + b;
            double* o = out + j * ld_out;
            for (index i = 0; i < len; ++i) o[i] = static_cast<double>(c[i]);
        }
    }
}

/// Whether the kernels can read column j of v directly as doubles.
template <class Scalar, bool RowMajor>
constexpr bool direct_columns() noexcept {
    return !RowMajor && std::is_same_v<Scalar, double>;
}

/// Calls fn(tb, len, col) for every tile [tb, tb + len) of rows [b, e), where
/// col(j) points at the tile's `len` values of column j as doubles (in place
/// for column-major double, else converted into `tile`). Tiles have `rows`
/// rows (the last one fewer); kernels whose sums run over a whole tile keep
/// the default, so that both storage orders give the same bits.
template <class Scalar, bool RowMajor, class Fn>
void for_each_tile(const dense_view<Scalar, RowMajor>& v, index b, index e, std::vector<double>& tile,
                   Fn&& fn, index rows = tile_rows) {
    constexpr bool direct = direct_columns<Scalar, RowMajor>();
    if (!direct && tile.size() < static_cast<std::size_t>(tile_stride(rows) * v.cols))
        tile.resize(static_cast<std::size_t>(tile_stride(rows) * v.cols));
    for (index tb = b; tb < e; tb += rows) {
        const index len = std::min(e, tb + rows) - tb;
        if constexpr (!direct) load_tile(v, tb, tb + len, tile.data(), tile_stride(len));
        const auto col = [&](index j) -> const double* {
            if constexpr (direct) {
                return v.col(j) + tb;
            } else {
                return tile.data() + j * tile_stride(len);
            }
        };
        fn(tb, len, col);
    }
}

/// Throws invalid_argument naming the first non-finite value of rows [b, e)
/// in row order, then column order (0-based indices).
template <class Scalar, bool RowMajor>
[[noreturn]] void throw_first_non_finite(const char* who, const dense_view<Scalar, RowMajor>& v,
                                         index b, index e) {
    for (index i = b; i < e; ++i)
        for (index j = 0; j < v.cols; ++j) {
            const double x = static_cast<double>(v(i, j));
            if (!std::isfinite(x))
                techconv::detail::throw_error<invalid_argument>(
                    std::string(who) + ": non-finite value (" + (std::isnan(x) ? "nan" : "inf") +
                    ") at row " + std::to_string(i) + ", column " + std::to_string(j) +
                    " (0-based)");
        }
    techconv::detail::throw_error<invalid_argument>(
        std::string(who) + ": values too large: a column sum overflows in rows " +
        std::to_string(b) + ".." + std::to_string(e - 1));
}

/// Throws invalid_argument for a negative value where the chosen
/// normalisation forbids one.
[[noreturn]] inline void throw_negative(const char* who, index col, index row, double value,
                                        const char* why) {
    techconv::detail::throw_error<invalid_argument>(
        std::string(who) + ": negative value " + std::to_string(value) + " at row " +
        std::to_string(row) + ", column " + std::to_string(col) + " (0-based): " + why);
}

}  // namespace detail
}  // namespace weighting
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_WEIGHTING_DETAIL_VIEW_HPP_
