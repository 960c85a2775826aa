// Helpers of the bad-input catalogue (tests/bad_input/*.test.cpp; the table
// of cases is in docs/reliability.md). Each case states the exact error
// (code, line, column, record, field) a bad input must produce, and what is
// kept: the records delivered before the error, or every record and a count.
#ifndef TECHCONV_TESTS_BAD_INPUT_CATALOGUE_HPP_
#define TECHCONV_TESTS_BAD_INPUT_CATALOGUE_HPP_

#include <doctest/doctest.h>

#include <techconv/error.hpp>
#include <techconv/io/bibliographic.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <streambuf>
#include <sstream>
#include <string>
#include <vector>

namespace techconv_bad_input {

/// The error a case must produce; column/record/field as in parse_error.
struct expected_error {
    techconv::error_code code;
    std::size_t line;
    std::size_t column;
    std::size_t record;
    std::string field;
};

/// Checks every part of a parse_error against the expectation.
inline void check_error(const techconv::parse_error& e, const expected_error& want,
                        const std::string& source) {
    CHECK(e.code() == want.code);
    CHECK(e.source() == source);
    CHECK(e.line() == want.line);
    CHECK(e.column() == want.column);
    CHECK(e.record() == want.record);
    CHECK(e.field() == want.field);
    // what() leads with the location and ends with the stable code name.
    const std::string what = e.what();
    CHECK(what.rfind(source, 0) == 0);
    CHECK(what.find("[" + std::string(techconv::to_string(want.code)) + "]") != std::string::npos);
}

/// An input stream of `total` bytes of a repeated pattern, made on the fly:
/// a huge input that never exists in memory. Counts what was handed out.
class endless_buf : public std::streambuf {
public:
    endless_buf(std::string pattern, std::uint64_t total) : pattern_(std::move(pattern)), left_(total) {
        block_.resize(1 << 16);
        for (std::size_t i = 0; i < block_.size(); ++i) block_[i] = pattern_[i % pattern_.size()];
    }
    std::uint64_t handed_out() const noexcept { return handed_; }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        if (left_ == 0) return traits_type::eof();
        // Keep the pattern's phase across blocks.
        const std::size_t phase = static_cast<std::size_t>(handed_ % pattern_.size());
        std::size_t n = block_.size() - pattern_.size();
        if (n > left_) n = static_cast<std::size_t>(left_);
        char* b = block_.data() + phase;
        setg(b, b, b + n);
        left_ -= n;
        handed_ += n;
        return traits_type::to_int_type(*gptr());
    }

private:
    std::string pattern_;
    std::vector<char> block_;
    std::uint64_t left_;
    std::uint64_t handed_ = 0;
};

/// Reads `text` (named "bad.txt") with a bibliographic reader under `policy`; checks the
/// parse_error against `want` (nullptr: none expected). Returns the records and report.
template <class Reader>
inline techconv::io::bibliographic_data read_bib(const std::string& text, techconv::io::malformed_policy policy,
                                const expected_error* want = nullptr,
                                techconv::io::text_encoding enc = techconv::io::text_encoding::automatic) {
    techconv::io::bibliographic_data d;
    std::istringstream in(text);
    techconv::io::bibliographic_options o;
    o.malformed = policy;
    o.encoding = enc;
    try {
        Reader r(in, "bad.txt", o);
        techconv::io::bibliographic_record rec;
        while (r.next(rec)) d.records.push_back(rec);
        d.report = r.report();
        CHECK_MESSAGE(want == nullptr, "expected a parse_error, none was thrown");
    } catch (const techconv::parse_error& e) {
        REQUIRE_MESSAGE(want != nullptr, e.what());
        techconv_bad_input::check_error(e, *want, "bad.txt");
    }
    return d;
}


}  // namespace techconv_bad_input

#endif
