// techconv: technology-convergence and collaboration metrics.
// SPDX-License-Identifier: BSL-1.0
//
// The single source of the library's version. CMake reads the three
// TECHCONV_VERSION_* lines below; keep their form.
#ifndef TECHCONV_VERSION_HPP_
#define TECHCONV_VERSION_HPP_

#include <string_view>  // std::string_view

#define TECHCONV_VERSION_MAJOR 0
#define TECHCONV_VERSION_MINOR 1
#define TECHCONV_VERSION_PATCH 0

/// Integer version: major * 10000 + minor * 100 + patch.
#define TECHCONV_VERSION \
    (TECHCONV_VERSION_MAJOR * 10000 + TECHCONV_VERSION_MINOR * 100 + TECHCONV_VERSION_PATCH)

#define TECHCONV_DETAIL_STR2(x) #x
#define TECHCONV_DETAIL_STR(x) TECHCONV_DETAIL_STR2(x)
/// The version as a string literal, e.g. "0.1.0".
#define TECHCONV_VERSION_STRING                                                  \
    TECHCONV_DETAIL_STR(TECHCONV_VERSION_MAJOR)                                  \
    "." TECHCONV_DETAIL_STR(TECHCONV_VERSION_MINOR) "." TECHCONV_DETAIL_STR( \
        TECHCONV_VERSION_PATCH)

namespace techconv {
/// \brief The library version as "major.minor.patch".
constexpr std::string_view version() noexcept { return TECHCONV_VERSION_STRING; }
}  // namespace techconv

#endif  // TECHCONV_VERSION_HPP_
