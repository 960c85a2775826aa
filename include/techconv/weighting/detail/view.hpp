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
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace weighting {
namespace detail {

/// Rows handled per inner tile: a tile of a few columns stays in L1/L2.
inline constexpr index tile_rows = 2048;

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

/// Copies rows [b, e) of v into a column-major double tile (ld = e - b).
template <class Scalar, bool RowMajor>
void load_tile(const dense_view<Scalar, RowMajor>& v, index b, index e, double* out) {
    const index len = e - b;
    if constexpr (RowMajor) {
        // Column by column: contiguous writes; the strided reads of the
        // tile's rows stay in cache after the first column.
        const Scalar* base = v.row(b);
        const index ld = v.outer;
        for (index j = 0; j < v.cols; ++j) {
            const Scalar* c = base + j;
            double* o = out + j * len;
            for (index i = 0; i < len; ++i) o[i] = static_cast<double>(c[i * ld]);
        }
    } else {
        for (index j = 0; j < v.cols; ++j) {
            const Scalar* c = v.col(j) + b;
            double* o = out + j * len;
            for (index i = 0; i < len; ++i) o[i] = static_cast<double>(c[i]);
        }
    }
}

/// Hints that the 64-byte line at p will be read soon (no effect where the
/// compiler offers no prefetch builtin).
inline void prefetch(const void* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p, 0, 3);
#else
    static_cast<void>(p);
#endif
}

/// Whether the kernels can read column j of v directly as doubles.
template <class Scalar, bool RowMajor>
constexpr bool direct_columns() noexcept {
    return !RowMajor && std::is_same_v<Scalar, double>;
}

/// Calls fn(tb, len, col) for every tile [tb, tb + len) of rows [b, e), where
/// col(j) points at the tile's `len` values of column j as doubles (in place
/// for column-major double, else converted into `tile`).
template <class Scalar, bool RowMajor, class Fn>
void for_each_tile(const dense_view<Scalar, RowMajor>& v, index b, index e, std::vector<double>& tile,
                   Fn&& fn) {
    constexpr bool direct = direct_columns<Scalar, RowMajor>();
    if (!direct && tile.size() < static_cast<std::size_t>(tile_rows * v.cols))
        tile.resize(static_cast<std::size_t>(tile_rows * v.cols));
    for (index tb = b; tb < e; tb += tile_rows) {
        const index len = std::min(e, tb + tile_rows) - tb;
        if constexpr (!direct) load_tile(v, tb, tb + len, tile.data());
        const auto col = [&](index j) -> const double* {
            if constexpr (direct) {
                return v.col(j) + tb;
            } else {
                return tile.data() + j * len;
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
