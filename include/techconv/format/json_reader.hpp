// SPDX-License-Identifier: BSL-1.0
//
// A pull parser of JSON text (RFC 8259) held in memory: the caller asks for
// the next token and reads, skips or descends into values as it goes, so a
// reader keeps only the fields it wants and never builds a tree. Strings are
// unescaped (\uXXXX with surrogate pairs to UTF-8), numbers are checked
// against the grammar and given as their text, nesting is bounded, and every
// error names the source, the line and the member being read.
#ifndef TECHCONV_FORMAT_JSON_READER_HPP_
#define TECHCONV_FORMAT_JSON_READER_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/encoding.hpp"  // append_utf8

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief What json_pull::next() read.
enum class json_token : std::uint8_t {
    begin_object,  ///< `{`
    end_object,    ///< `}`
    begin_array,   ///< `[`
    end_array,     ///< `]`
    key,           ///< a member name (text(); the value follows)
    string,        ///< a string value (text(), unescaped)
    number,        ///< a number value (text(): its JSON text, grammar checked)
    true_value,    ///< `true`
    false_value,   ///< `false`
    null,          ///< `null`
    end,           ///< the end of the current top-level value (see json_pull)
};

/// \brief Pull parser over JSON text in memory.
///
/// The text may hold several top-level values separated by white space (JSON
/// Lines is the case of one per line): next() returns json_token::end after
/// each complete top-level value, and next_value() tells whether another one
/// follows. A value is read token by token (next()) or passed over with skip().
///
/// Errors are parse_error with the source, the line of the offending byte and
/// the path of the member being read (`field`, as path()): bad_markup for text that is not JSON,
/// truncated when the text ends inside a value, limit_exceeded beyond
/// `max_depth` nested arrays and objects. An unpaired \\u surrogate escape is
/// read as U+FFFD (as a decoder replaces it), never as invalid UTF-8; bytes of
/// the text itself are passed through as they are (the caller validates the
/// strings it keeps).
///
/// The views returned by text() stay valid until the next call of next() or skip().
/// Not safe for concurrent use. Memory: the nesting stack and one unescaped string.
class json_pull {
public:
    /// Parses `text`; `source` names it in errors, `first_line` is the line its first byte is on.
    explicit json_pull(std::string_view text, std::string source = "<memory>", std::size_t first_line = 1,
                       std::size_t max_depth = 512)
        : text_(text), source_(std::move(source)), line_(first_line), max_depth_(max_depth) {}

    /// \brief Whether another top-level value follows (white space skipped).
    /// \pre the previous top-level value, if any, was read to its json_token::end.
    bool next_value() {
        skip_space();
        return pos_ < text_.size();
    }

    /// \brief Reads the next token. \throws parse_error as described in the class documentation.
    json_token next() {
        skip_space();
        if (stack_.empty() && done_) {  // between top-level values
            done_ = false;
            return json_token::end;
        }
        if (!stack_.empty()) {
            slot& f = stack_.back();
            if (f.st == state::after_value) {
                if (pos_ >= text_.size()) truncated();
                const char c = text_[pos_];
                if (c == ',') {
                    ++pos_;
                    skip_space();
                    f.st = f.object ? state::want_key : state::want_value;
                } else if (c == (f.object ? '}' : ']')) {
                    ++pos_;
                    return close();
                } else {
                    fail(std::string("expected ',' or '") + (f.object ? '}' : ']') + "', found " + shown(c));
                }
            }
            if (f.object && (f.st == state::want_key || f.st == state::first)) {
                if (pos_ >= text_.size()) truncated();
                if (f.st == state::first && text_[pos_] == '}') {
                    ++pos_;
                    return close();
                }
                if (text_[pos_] != '"') fail("expected a member name in quotes, found " + shown(text_[pos_]));
                ++pos_;
                read_string();
                f.key.assign(value_.data(), value_.size());
                skip_space();
                if (pos_ >= text_.size()) truncated();
                if (text_[pos_] != ':') fail("expected ':' after the member name, found " + shown(text_[pos_]));
                ++pos_;
                f.st = state::want_value;
                return json_token::key;
            }
            if (!f.object && f.st == state::first) {
                if (pos_ >= text_.size()) truncated();
                if (text_[pos_] == ']') {
                    ++pos_;
                    return close();
                }
            }
            f.st = state::after_value;  // the value read below completes this slot
        }
        return read_value();
    }

    /// \brief Skips the value that starts at the next token (after a key, inside an array,
    /// or at the top level), nested values included. \throws parse_error as next().
    void skip() {
        const std::size_t depth = stack_.size();
        const json_token t = next();
        if (t != json_token::begin_object && t != json_token::begin_array) return;
        while (stack_.size() > depth) next();
    }

    /// \brief The text of the last key, string (unescaped) or number token.
    std::string_view text() const noexcept { return value_; }
    /// \brief Where the parser is, as member names from the top: `results[].authorships[].countries`
    /// ("" at the top level; `[]` marks an array element).
    std::string path() const {
        std::string p;
        for (const auto& f : stack_) {
            if (f.object) {
                if (!p.empty()) p += '.';
                p += f.key;
            } else {
                p += "[]";
            }
        }
        return p;
    }
    /// \brief Nesting depth: 0 at the top level, 1 inside the outermost array or object, ...
    std::size_t depth() const noexcept { return stack_.size(); }
    /// \brief Line of the parse position.
    std::size_t line() const noexcept { return line_; }
    /// \brief Bytes consumed so far.
    std::size_t offset() const noexcept { return pos_; }

    /// \brief Throws parse_error `code` at the current line, naming the member being read.
    [[noreturn]] void fail(std::string message, error_code code = error_code::bad_markup) const {
        ::techconv::detail::throw_error<parse_error>(code, source_location{source_, line_, 0, 0, path()},
                                                      std::move(message));
    }

private:
    enum class state : std::uint8_t { first, want_key, want_value, after_value };
    struct slot {
        bool object;   // an object (else an array)
        state st;      // what comes next in it
        std::string key;  // objects: the member being read
    };

    [[noreturn]] void truncated() const { fail("the input ends inside a JSON value", error_code::truncated); }

    static std::string shown(char c) {
        if (c >= 0x20 && c < 0x7F) return std::string("'") + c + "'";
        const char* hex = "0123456789ABCDEF";
        const auto u = static_cast<unsigned char>(c);
        return std::string("byte 0x") + hex[u >> 4] + hex[u & 15];
    }

    void skip_space() noexcept {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\n') ++line_;
            else if (c != ' ' && c != '\t' && c != '\r') break;
            ++pos_;
        }
    }

    json_token close() {
        const bool object = stack_.back().object;
        stack_.pop_back();
        if (stack_.empty()) done_ = true;
        return object ? json_token::end_object : json_token::end_array;
    }

    json_token open(bool object) {
        if (stack_.size() >= max_depth_)
            fail("JSON nested deeper than " + std::to_string(max_depth_) + " arrays and objects",
                 error_code::limit_exceeded);
        stack_.push_back(slot{object, state::first, {}});
        return object ? json_token::begin_object : json_token::begin_array;
    }

    json_token scalar(json_token t) {
        if (stack_.empty()) done_ = true;
        return t;
    }

    json_token read_value() {
        if (pos_ >= text_.size()) truncated();
        const char c = text_[pos_];
        switch (c) {
            case '{': ++pos_; return open(true);
            case '[': ++pos_; return open(false);
            case '"': ++pos_; read_string(); return scalar(json_token::string);
            case 't': literal("true"); return scalar(json_token::true_value);
            case 'f': literal("false"); return scalar(json_token::false_value);
            case 'n': literal("null"); return scalar(json_token::null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    read_number();
                    return scalar(json_token::number);
                }
                fail("expected a JSON value, found " + shown(c));
        }
    }

    void literal(std::string_view word) {
        for (std::size_t i = 0; i < word.size(); ++i) {
            if (pos_ + i >= text_.size()) truncated();
            if (text_[pos_ + i] != word[i]) fail("expected '" + std::string(word) + "'");
        }
        pos_ += word.size();
    }

    void read_number() {
        const std::size_t b = pos_;
        const auto digit = [this] { return pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9'; };
        const auto digits = [&] {
            if (!digit()) {
                if (pos_ >= text_.size()) truncated();
                fail("a number needs a digit here, found " + shown(text_[pos_]));
            }
            while (digit()) ++pos_;
        };
        if (text_[pos_] == '-') ++pos_;
        if (pos_ < text_.size() && text_[pos_] == '0') {
            ++pos_;
            if (digit()) fail("a number does not start with 0 followed by digits");
        } else {
            digits();
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            digits();
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            digits();
        }
        value_ = text_.substr(b, pos_ - b);
    }

    unsigned hex4() {
        unsigned v = 0;
        for (int i = 0; i < 4; ++i, ++pos_) {
            if (pos_ >= text_.size()) truncated();
            const char c = text_[pos_];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else fail("\\u needs four hexadecimal digits, found " + shown(c));
        }
        return v;
    }

    // After the opening quote: the string's text into value_ (a view of text_ without escapes).
    void read_string() {
        const std::size_t b = pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '"') {
                value_ = text_.substr(b, pos_ - b);
                ++pos_;
                return;
            }
            if (c == '\\') break;
            if (static_cast<unsigned char>(c) < 0x20) fail("control character " + shown(c) + " inside a string");
            ++pos_;
        }
        if (pos_ >= text_.size()) truncated();
        scratch_.assign(text_.data() + b, pos_ - b);
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (c == '"') {
                value_ = scratch_;
                return;
            }
            if (static_cast<unsigned char>(c) < 0x20) fail("control character " + shown(c) + " inside a string");
            if (c != '\\') {
                scratch_ += c;
                continue;
            }
            if (pos_ >= text_.size()) truncated();
            const char e = text_[pos_++];
            switch (e) {
                case '"': scratch_ += '"'; break;
                case '\\': scratch_ += '\\'; break;
                case '/': scratch_ += '/'; break;
                case 'b': scratch_ += '\b'; break;
                case 'f': scratch_ += '\f'; break;
                case 'n': scratch_ += '\n'; break;
                case 'r': scratch_ += '\r'; break;
                case 't': scratch_ += '\t'; break;
                case 'u': {
                    std::uint32_t cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && pos_ + 1 < text_.size() && text_[pos_] == '\\' &&
                        text_[pos_ + 1] == 'u') {
                        const std::size_t back = pos_;
                        pos_ += 2;
                        const std::uint32_t lo = hex4();
                        if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        else pos_ = back;  // not a pair: the high half alone is replaced below
                    }
                    if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;  // unpaired surrogate
                    append_utf8(cp, scratch_);
                    break;
                }
                default: fail("unknown escape \\" + std::string(1, e) + " inside a string");
            }
        }
        truncated();
    }

    std::string_view text_;
    std::string source_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t max_depth_;
    std::vector<slot> stack_;
    bool done_ = false;  // a top-level value was completed and its end not yet returned
    std::string_view value_;
    std::string scratch_;
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_JSON_READER_HPP_
