// Helpers shared by the fuzz targets (tests/fuzz/*.fuzz.cpp).
//
// A target is built twice: by clang with -fsanitize=fuzzer,address,undefined
// (the clang sub-build in project/), and by the project's compiler into the
// regression replay driver (replay_main.cpp), where LLVMFuzzerTestOneInput is
// renamed per target. So the targets use only standard C++17 and techconv.
//
// Conventions of every target:
//  - techconv::parse_error is the expected outcome of bad input and is caught;
//  - any other exception escapes, and libFuzzer reports it as a crash
//    (uncaught exception -> std::terminate), as do sanitizer reports;
//  - a broken invariant calls fail(), which prints and aborts.
#ifndef TECHCONV_TESTS_FUZZ_SUPPORT_HPP_
#define TECHCONV_TESTS_FUZZ_SUPPORT_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <cstdio>       // std::fprintf
#include <cstdlib>      // std::abort
#include <string>       // std::string
#include <string_view>  // std::string_view

#include <techconv/error.hpp>

namespace techconv_fuzz {

/// Reports a broken invariant and aborts (a crash for libFuzzer and for the replay driver).
[[noreturn]] inline void fail(const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "techconv fuzz invariant broken: %s %s\n", what, detail.c_str());
    std::abort();
}

/// Aborts unless `cond` holds.
inline void check(bool cond, const char* what, const std::string& detail = {}) {
    if (!cond) fail(what, detail);
}

/// The fuzzer's bytes: a few leading option bytes, then the text.
class input {
public:
    input(const std::uint8_t* data, std::size_t size)
        : s_(reinterpret_cast<const char*>(data), size) {}

    /// Consumes one byte (0 when none is left).
    unsigned take_byte() noexcept {
        if (s_.empty()) return 0;
        const auto b = static_cast<unsigned char>(s_.front());
        s_.remove_prefix(1);
        return b;
    }
    /// The bytes not consumed yet.
    std::string_view rest() const noexcept { return s_; }

private:
    std::string_view s_;
};

/// The outcome of reading an input: the error code and location, if any.
struct outcome {
    techconv::error_code code = techconv::error_code::none;
    std::size_t line = 0, column = 0, record = 0;
    std::string field;

    static outcome of(const techconv::parse_error& e) {
        return outcome{e.code(), e.line(), e.column(), e.record(), e.field()};
    }
    bool operator==(const outcome& o) const {
        return code == o.code && line == o.line && column == o.column && record == o.record &&
               field == o.field;
    }
    std::string str() const {
        return std::string(techconv::to_string(code)) + " line " + std::to_string(line) +
               " column " + std::to_string(column) + " record " + std::to_string(record) +
               " field '" + field + "'";
    }
};

/// Every parse_error carries a code and a message.
inline void check_error(const techconv::parse_error& e) {
    check(e.code() != techconv::error_code::none, "parse_error without a code", e.what());
    check(!e.message().empty(), "parse_error without a message", e.what());
}

/// A reader's parse_error also names its source and a line.
inline void check_located_error(const techconv::parse_error& e) {
    check_error(e);
    check(!e.source().empty(), "parse_error without a source name", e.what());
    check(e.line() != 0 || e.code() == techconv::error_code::io_error, "parse_error without a line",
          e.what());
}

/// Stated counts of a patent record (io::patent_record) are never negative;
/// `indicators` is io::all_indicators (passed in to keep this header light).
template <class Record, class Indicators>
void check_counts(const Record& rec, const Indicators& indicators) {
    for (const auto ind : indicators) {
        const auto v = rec.counts.get(ind);
        if (v) check(*v >= 0, "a negative count was accepted", rec.id);
    }
}

}  // namespace techconv_fuzz

#endif  // TECHCONV_TESTS_FUZZ_SUPPORT_HPP_
