// SPDX-License-Identifier: BSL-1.0
//
// A small streaming JSON writer for reports and exports (summary.json,
// report.json, VOSviewer JSON). Numbers are written in their shortest exact
// form; non-finite numbers, which JSON cannot represent, become null.
#ifndef TECHCONV_FORMAT_JSON_HPP_
#define TECHCONV_FORMAT_JSON_HPP_

#include <cmath>        // std::isfinite
#include <cstdint>      // std::int64_t
#include <ostream>      // std::ostream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/parse.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Writes JSON text to a stream, checking nesting as it goes.
///
/// \code
/// io::json_writer j(out);
/// j.begin_object().key("nodes").value(643).key("density").value(0.54).end_object();
/// \endcode
/// Misuse (a value where a key is due, unbalanced end_*) throws
/// techconv::invalid_argument. `indent` > 0 pretty-prints.
class json_writer {
public:
    explicit json_writer(std::ostream& out, int indent = 2) : out_(&out), indent_(indent) {}

    json_writer& begin_object() { return open('{', frame::object); }
    json_writer& end_object() { return close('}', frame::object); }
    json_writer& begin_array() { return open('[', frame::array); }
    json_writer& end_array() { return close(']', frame::array); }

    /// Writes an object key; the next call must write its value.
    json_writer& key(std::string_view k) {
        ::techconv::detail::require(!stack_.empty() && stack_.back().kind == frame::object && !expect_value_,
                        "json_writer: key outside an object or after another key");
        separator();
        string(k);
        *out_ << (indent_ > 0 ? ": " : ":");
        expect_value_ = true;
        return *this;
    }

    json_writer& value(std::string_view s) {
        before_value();
        string(s);
        return *this;
    }
    json_writer& value(const char* s) { return value(std::string_view(s)); }
    json_writer& value(const std::string& s) { return value(std::string_view(s)); }
    json_writer& value(double v) {
        before_value();
        if (std::isfinite(v)) {
            *out_ << format_double(v);
        } else {
            *out_ << "null";
        }
        return *this;
    }
    json_writer& value(std::int64_t v) {
        before_value();
        *out_ << v;
        return *this;
    }
    json_writer& value(int v) { return value(static_cast<std::int64_t>(v)); }
    json_writer& value(long long v) { return value(static_cast<std::int64_t>(v)); }
    json_writer& value(unsigned v) { return value(static_cast<std::int64_t>(v)); }
    json_writer& value(std::size_t v) { return value(static_cast<std::int64_t>(v)); }
    json_writer& value(bool v) {
        before_value();
        *out_ << (v ? "true" : "false");
        return *this;
    }
    json_writer& null() {
        before_value();
        *out_ << "null";
        return *this;
    }
    /// Writes a whole array of numbers or strings.
    template <class T>
    json_writer& array(const std::vector<T>& v) {
        begin_array();
        for (const auto& x : v) value(x);
        return end_array();
    }

    /// True once the top-level value is complete.
    bool done() const noexcept { return stack_.empty() && wrote_root_; }

private:
    enum class frame : unsigned char { object, array };
    struct level {
        frame kind;
        bool first;
    };

    json_writer& open(char c, frame kind) {
        before_value();
        *out_ << c;
        stack_.push_back({kind, true});
        return *this;
    }
    json_writer& close(char c, frame kind) {
        ::techconv::detail::require(!stack_.empty() && stack_.back().kind == kind && !expect_value_,
                        "json_writer: unbalanced end_object/end_array");
        const bool empty = stack_.back().first;
        stack_.pop_back();
        if (!empty) newline();
        *out_ << c;
        if (stack_.empty()) *out_ << (indent_ > 0 ? "\n" : "");
        return *this;
    }
    void before_value() {
        if (stack_.empty()) {
            ::techconv::detail::require(!wrote_root_, "json_writer: a second top-level value");
            wrote_root_ = true;
            return;
        }
        if (stack_.back().kind == frame::object) {
            ::techconv::detail::require(expect_value_, "json_writer: value without a key inside an object");
            expect_value_ = false;
            return;
        }
        separator();
    }
    void separator() {
        auto& top = stack_.back();
        if (!top.first) *out_ << ',';
        top.first = false;
        newline();
    }
    void newline() {
        if (indent_ <= 0) return;
        *out_ << '\n';
        for (std::size_t i = 0; i < stack_.size() * static_cast<std::size_t>(indent_); ++i) *out_ << ' ';
    }
    void string(std::string_view s) {
        static const char* hex = "0123456789abcdef";
        *out_ << '"';
        for (const char ch : s) {
            const auto c = static_cast<unsigned char>(ch);
            switch (ch) {
                case '"': *out_ << "\\\""; break;
                case '\\': *out_ << "\\\\"; break;
                case '\n': *out_ << "\\n"; break;
                case '\r': *out_ << "\\r"; break;
                case '\t': *out_ << "\\t"; break;
                default:
                    if (c < 0x20) {
                        *out_ << "\\u00" << hex[c >> 4] << hex[c & 15];
                    } else {
                        *out_ << ch;  // UTF-8 passes through
                    }
            }
        }
        *out_ << '"';
    }

    std::ostream* out_;
    int indent_;
    std::vector<level> stack_;
    bool expect_value_ = false;
    bool wrote_root_ = false;
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_JSON_HPP_
