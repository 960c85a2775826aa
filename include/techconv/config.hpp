// SPDX-License-Identifier: BSL-1.0
//
// Library-wide configuration: namespace macros, the throw hook, assertion
// macros and the OpenMP pragma guard. Every techconv header includes this one.
//
// User-overridable macros (define them before including any techconv header):
//  - TECHCONV_THROW(exception_object): how errors leave the library. Default:
//    `throw exception_object`; with exceptions disabled (-fno-exceptions) the
//    default prints what() to stderr and calls std::abort().
//  - TECHCONV_ASSERT(cond): cheap internal checks, on unless NDEBUG.
//  - TECHCONV_ENABLE_AUDITS: define to 1 to turn on TECHCONV_AUDIT(cond),
//    the expensive checks (weights sum to one, matrices non-negative, ...).
//  - TECHCONV_ASSERTION_HANDLER(expr, file, line): what a failed assertion
//    does; default prints and aborts.
#ifndef TECHCONV_CONFIG_HPP_
#define TECHCONV_CONFIG_HPP_

#include <cstdio>   // std::fprintf
#include <cstdlib>  // std::abort

#include "techconv/version.hpp"

// Versioned inline namespace: two tools that embed different techconv
// versions link without ODR clashes. C++17 cannot spell namespace a::inline b.
#define TECHCONV_NAMESPACE_BEGIN \
    namespace techconv {         \
    inline namespace v0 {
#define TECHCONV_NAMESPACE_END \
    }                          \
    }

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define TECHCONV_HAS_EXCEPTIONS 1
#else
#define TECHCONV_HAS_EXCEPTIONS 0
#endif

#ifndef TECHCONV_THROW
#if TECHCONV_HAS_EXCEPTIONS
#define TECHCONV_THROW(exception_object) throw exception_object
#else
#define TECHCONV_THROW(exception_object)                              \
    (std::fprintf(stderr, "techconv: %s\n", (exception_object).what()), \
     std::abort())
#endif
#endif

#ifndef TECHCONV_ASSERTION_HANDLER
#define TECHCONV_ASSERTION_HANDLER(expr, file, line)                                  \
    (std::fprintf(stderr, "techconv: assertion failed: %s (%s:%d)\n", expr, file, line), \
     std::abort())
#endif

#ifndef TECHCONV_ASSERT
#ifdef NDEBUG
#define TECHCONV_ASSERT(cond) static_cast<void>(0)
#else
#define TECHCONV_ASSERT(cond) \
    ((cond) ? static_cast<void>(0) : TECHCONV_ASSERTION_HANDLER(#cond, __FILE__, __LINE__))
#endif
#endif

#ifndef TECHCONV_AUDIT
#if defined(TECHCONV_ENABLE_AUDITS) && TECHCONV_ENABLE_AUDITS
#define TECHCONV_AUDIT(cond) \
    ((cond) ? static_cast<void>(0) : TECHCONV_ASSERTION_HANDLER(#cond, __FILE__, __LINE__))
#else
#define TECHCONV_AUDIT(cond) static_cast<void>(0)
#endif
#endif

// OpenMP pragmas are never written bare in headers: a user compiling with
// -Wall and without -fopenmp would get -Wunknown-pragmas. techconv's own
// parallelism uses std::thread (see techconv/detail/parallel.hpp); this guard
// exists for opt-in OpenMP kernels.
#if defined(TECHCONV_USE_OPENMP) && TECHCONV_USE_OPENMP && defined(_OPENMP)
#define TECHCONV_PRAGMA_OMP(x) _Pragma(TECHCONV_DETAIL_STR(omp x))
#else
#define TECHCONV_PRAGMA_OMP(x)
#endif

#if defined(__GNUC__) || defined(__clang__)
#define TECHCONV_LIKELY(x) __builtin_expect(!!(x), 1)
#define TECHCONV_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define TECHCONV_LIKELY(x) (x)
#define TECHCONV_UNLIKELY(x) (x)
#endif

#endif  // TECHCONV_CONFIG_HPP_
