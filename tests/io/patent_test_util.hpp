// Shared helper of the io tests.
#ifndef TECHCONV_TESTS_IO_PATENT_TEST_UTIL_HPP_
#define TECHCONV_TESTS_IO_PATENT_TEST_UTIL_HPP_

#include <doctest/doctest.h>

#include "techconv/error.hpp"

namespace techconv_test {

/// Runs `fn` and returns the parse_error it throws (fails the test if none).
template <class Fn>
techconv::parse_error expect_parse_error(Fn&& fn) {
    try {
        fn();
    } catch (const techconv::parse_error& e) {
        return e;
    }
    FAIL("expected a parse_error");
    return techconv::parse_error(techconv::error_code::none, {}, "");
}

}  // namespace techconv_test

#endif
