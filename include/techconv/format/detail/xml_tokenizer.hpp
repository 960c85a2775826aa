// SPDX-License-Identifier: BSL-1.0
// IWYU pragma: private, include "techconv/io/uspto_xml.hpp"
//
// A small streaming XML tokenizer for the USPTO bulk files: start and end
// tags (attributes kept raw, parsed on request), text with the predefined and
// numeric character references decoded, CDATA, comments and processing
// instructions skipped, DOCTYPE declarations (with an internal subset)
// reported, and several documents in one stream (each `<?xml` declaration
// starts a new one). Well-formedness is checked for what the readers rely on:
// end tags match, the input does not end inside a token or an element.
#ifndef TECHCONV_FORMAT_DETAIL_XML_TOKENIZER_HPP_
#define TECHCONV_FORMAT_DETAIL_XML_TOKENIZER_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint32_t, std::uint64_t, std::uint8_t
#include <istream>      // std::istream
#include <optional>     // std::optional
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/detail/byte_source.hpp"
#include "techconv/format/encoding.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

enum class xml_token : std::uint8_t { start, end, text, declaration, doctype, end_of_input };

class xml_tokenizer {
public:
    /// `encoding`: `automatic` reads a BOM, else the `<?xml encoding="..."?>`
    /// declaration of each document (none: UTF-8, bytes that are not UTF-8 read
    /// as CP1252 and counted); any other value overrides the declarations.
    xml_tokenizer(std::istream& in, std::string source, std::size_t buffer_bytes,
                  std::size_t max_token_bytes, text_encoding encoding = text_encoding::utf8,
                  std::size_t max_depth = 256)
        : src_(in, std::move(source), buffer_bytes), max_token_(max_token_bytes), max_depth_(max_depth) {
        decode_as_ = src_.settle_encoding(encoding, evidence_);
        if (encoding == text_encoding::automatic && evidence_.used != text_encoding::utf16le &&
            evidence_.used != text_encoding::utf16be) {
            // XML's own rule (XML 1.0, appendix F) replaces byte statistics: a BOM, else the declaration
            decode_as_ = evidence_.used = text_encoding::utf8_cp1252_strays;
            by_declaration_ = true;
        }
    }

    /// The encoding the input is read as and the bytes that were not UTF-8.
    const encoding_evidence& encoding() const noexcept { return evidence_; }

    /// Next token. Text tokens are only reported when they hold a non-blank character.
    xml_token next() {
        if (pending_end_) {
            pending_end_ = false;
            pop(name_);
            return xml_token::end;
        }
        for (;;) {
            token_line_ = line_;
            int c = src_.peek();
            if (c == byte_source::eof) {
                if (!stack_.empty()) {
                    fail_at(open_lines_.back(), error_code::truncated,
                            "input ends inside <" + stack_.back() + "> opened on line " +
                                std::to_string(open_lines_.back()) + " (truncated document?)");
                }
                return xml_token::end_of_input;
            }
            if (c != '<') {
                if (read_text()) return xml_token::text;
                continue;
            }
            src_.get();
            c = src_.peek();
            if (c == '?') {
                src_.get();
                read_until("?>", buf_);
                if (buf_.compare(0, 3, "xml") == 0 &&
                    (buf_.size() == 3 || buf_[3] == ' ' || buf_[3] == '\t' || buf_[3] == '\n' ||
                     buf_[3] == '\r')) {
                    if (!stack_.empty()) {
                        fail_at(open_lines_.back(), error_code::truncated,
                                "a new XML document starts on line " + std::to_string(token_line_) +
                                    " inside <" + stack_.back() + "> opened on line " +
                                    std::to_string(open_lines_.back()) + " (truncated document?)");
                    }
                    if (by_declaration_) follow_declaration();
                    return xml_token::declaration;
                }
                continue;  // other processing instructions
            }
            if (c == '!') {
                src_.get();
                if (starts("--")) {
                    read_until("-->", buf_);
                    continue;
                }
                if (starts("[CDATA[")) {
                    read_until("]]>", text_);
                    check_utf8(text_);
                    if (stack_.empty()) fail(error_code::bad_markup, "CDATA outside an element");
                    return xml_token::text;
                }
                if (starts("DOCTYPE")) {
                    read_doctype();
                    return xml_token::doctype;
                }
                fail(error_code::bad_markup, "unknown markup declaration '<!'");
            }
            if (c == '/') {
                src_.get();
                read_until(">", buf_);
                name_.assign(trim_view(buf_));
                if (stack_.empty() || stack_.back() != name_) {
                    fail(error_code::bad_markup,
                         "end tag </" + name_ + "> does not match " +
                             (stack_.empty() ? std::string("any open element")
                                             : "<" + stack_.back() + "> opened on line " +
                                                   std::to_string(open_lines_.back())));
                }
                pop(name_);
                return xml_token::end;
            }
            read_tag();
            return xml_token::start;
        }
    }

    std::string_view name() const noexcept { return name_; }
    std::string_view text() const noexcept { return text_; }
    /// Value of attribute `key` of the current start tag (entity references decoded).
    std::optional<std::string> attribute(std::string_view key) const {
        std::string_view a = attrs_;
        while (!a.empty()) {
            std::size_t i = 0;
            while (i < a.size() && is_space(a[i])) ++i;
            std::size_t e = i;
            while (e < a.size() && a[e] != '=' && !is_space(a[e])) ++e;
            const std::string_view k = a.substr(i, e - i);
            while (e < a.size() && (is_space(a[e]) || a[e] == '=')) ++e;
            if (e >= a.size()) break;
            const char q = a[e];
            if (q != '"' && q != '\'') break;
            const std::size_t close = a.find(q, e + 1);
            if (close == std::string_view::npos) break;
            if (k == key) {
                std::string v;
                decode_append(a.substr(e + 1, close - e - 1), v);
                return v;
            }
            a = a.substr(close + 1);
        }
        return std::nullopt;
    }
    /// Name of the k-th open element counted from the innermost (0), or empty.
    std::string_view ancestor(std::size_t k) const noexcept {
        return k < stack_.size() ? std::string_view(stack_[stack_.size() - 1 - k])
                                 : std::string_view();
    }
    /// Whether an element named `n` is open.
    bool inside(std::string_view n) const noexcept {
        for (const auto& s : stack_)
            if (s == n) return true;
        return false;
    }
    /// Open elements (the current start tag included).
    std::size_t depth() const noexcept { return stack_.size(); }
    /// Line where the current token starts.
    std::size_t line() const noexcept { return token_line_; }
    std::uint64_t bytes_read() const noexcept { return src_.offset(); }
    const std::string& source() const noexcept { return src_.source(); }

    [[noreturn]] void fail(error_code code, const std::string& message,
                           std::string field = {}) const {
        fail_at(token_line_, code, message, std::move(field));
    }
    [[noreturn]] void fail_at(std::size_t line, error_code code, const std::string& message,
                              std::string field = {}) const {
        ::techconv::detail::throw_error<parse_error>(
            code, source_location{src_.source(), line, 0, 0, std::move(field)}, message);
    }

private:
    static constexpr bool is_space(char c) noexcept {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
    static std::string_view trim_view(std::string_view s) noexcept {
        std::size_t b = 0, e = s.size();
        while (b < e && is_space(s[b])) ++b;
        while (e > b && is_space(s[e - 1])) --e;
        return s.substr(b, e - b);
    }

    int get_counted() {
        const int c = src_.get();
        if (c == '\n') ++line_;
        if (c == 0) fail(error_code::nul_byte, "NUL byte in XML text");
        return c;
    }

    void grow_check(const std::string& s) const {
        if (TECHCONV_UNLIKELY(s.size() > max_token_)) {
            fail(error_code::line_too_long, "an XML token exceeds the limit of " +
                                                std::to_string(max_token_) + " bytes");
        }
    }

    // Consumes `lit` if the input continues with it (only called right after "<!").
    bool starts(std::string_view lit) {
        // the literals are short and distinct in their first byte except '--' / 'DOCTYPE' / '[CDATA['
        if (src_.peek() != static_cast<unsigned char>(lit[0])) return false;
        for (const char ch : lit) {
            const int c = get_counted();
            if (c != static_cast<unsigned char>(ch)) {
                fail(error_code::bad_markup, "malformed markup after '<!'");
            }
        }
        return true;
    }

    // Reads up to and including `end`; the content before it goes to `out`.
    void read_until(std::string_view end, std::string& out) {
        out.clear();
        for (;;) {
            const int c = get_counted();
            if (c == byte_source::eof) {
                fail(error_code::truncated, "input ends inside markup that started here");
            }
            out.push_back(static_cast<char>(c));
            if (out.size() >= end.size() &&
                std::string_view(out).substr(out.size() - end.size()) == end) {
                out.resize(out.size() - end.size());
                return;
            }
            grow_check(out);
        }
    }

    void read_doctype() {
        // <!DOCTYPE name ... [ internal subset ] >
        buf_.clear();
        int depth = 0;
        char quote = 0;
        for (;;) {
            const int c = get_counted();
            if (c == byte_source::eof) fail(error_code::truncated, "input ends inside <!DOCTYPE");
            const char ch = static_cast<char>(c);
            if (quote) {
                if (ch == quote) quote = 0;
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '[') {
                ++depth;
            } else if (ch == ']') {
                --depth;
            } else if (ch == '>' && depth <= 0) {
                break;
            }
            buf_.push_back(ch);
            grow_check(buf_);
        }
        const auto t = trim_view(buf_);
        std::size_t e = 0;
        while (e < t.size() && !is_space(t[e]) && t[e] != '[') ++e;
        name_.assign(t.substr(0, e));
    }

    void read_tag() {
        buf_.clear();
        char quote = 0;
        for (;;) {
            const int c = get_counted();
            if (c == byte_source::eof) fail(error_code::truncated, "input ends inside a start tag");
            const char ch = static_cast<char>(c);
            if (quote) {
                if (ch == quote) quote = 0;
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '>') {
                break;
            } else if (ch == '<') {
                fail(error_code::bad_markup, "'<' inside a start tag");
            }
            buf_.push_back(ch);
            grow_check(buf_);
        }
        check_utf8(buf_);
        bool self_closing = !buf_.empty() && buf_.back() == '/';
        if (self_closing) buf_.pop_back();
        std::size_t e = 0;
        while (e < buf_.size() && !is_space(buf_[e])) ++e;
        if (e == 0) fail(error_code::bad_markup, "a start tag without a name");
        name_.assign(buf_, 0, e);
        attrs_.assign(buf_, e, std::string::npos);
        if (stack_.size() >= max_depth_)
            fail(error_code::limit_exceeded,
                 "elements nested more than " + std::to_string(max_depth_) + " deep (uspto_xml_options::max_depth)",
                 name_);
        stack_.push_back(name_);
        open_lines_.push_back(token_line_);
        pending_end_ = self_closing;
    }

    void pop(const std::string&) {
        stack_.pop_back();
        open_lines_.pop_back();
    }

    // Reads character data up to the next '<'; true if it holds a non-blank character.
    bool read_text() {
        raw_.clear();
        bool blank = true;
        for (;;) {
            if (!src_.fill()) break;
            const char* p = src_.data();
            // Scan no further than one byte past the token limit, so that the
            // error (too long, or a NUL beyond the limit) does not depend on
            // where the read blocks end.
            const std::size_t room = max_token_ - raw_.size();  // raw_ is within the limit here
            const std::size_t n = room < src_.available() ? room + 1 : src_.available();
            std::size_t k = 0;
            while (k < n && p[k] != '<') {
                if (p[k] == '\n') ++line_;
                if (p[k] == '\0') {
                    src_.advance(k);
                    fail(error_code::nul_byte, "NUL byte in XML text");
                }
                if (blank && !is_space(p[k])) blank = false;
                ++k;
            }
            raw_.append(p, k);
            src_.advance(k);
            grow_check(raw_);
            if (k < n) break;
        }
        if (blank) return false;
        if (stack_.empty()) fail(error_code::bad_markup, "text outside the root element");
        check_utf8(raw_);
        text_.clear();
        decode_append(raw_, text_);
        return true;
    }

    // Makes `s` UTF-8: validated (utf8), or transcoded from the single-byte
    // encoding; stray bytes of utf8_cp1252_strays counted with their lines.
    void check_utf8(std::string& s) {
        if (decode_as_ == text_encoding::unchecked) return;
        std::size_t bad = find_invalid_utf8(s);
        if (bad == std::string_view::npos) {
            if (decode_as_ == text_encoding::utf8 || decode_as_ == text_encoding::utf8_cp1252_strays) return;
            bool ascii = true;
            for (const char ch : s) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
            if (ascii) return;
        }
        const auto line_of = [&](std::size_t at) {
            std::size_t line = token_line_;
            for (std::size_t i = 0; i < at && i < s.size(); ++i) line += s[i] == '\n' ? 1 : 0;
            return line;
        };
        if (decode_as_ == text_encoding::utf8)
            fail_at(line_of(bad), error_code::bad_encoding,
                    "invalid UTF-8 in XML text (name the file's encoding, e.g. cp1252 or latin1)");
        if (decode_as_ == text_encoding::utf8_cp1252_strays) {
            for (std::size_t from = 0; bad != std::string_view::npos;) {
                evidence_.add_strays(1, line_of(from + bad));
                from += bad + 1;
                bad = find_invalid_utf8(std::string_view(s).substr(from));
            }
        }
        std::string out;
        append_as_utf8(s, decode_as_, out);
        s.swap(out);
    }

    // The declaration in buf_ ("xml version=... encoding='...'") sets the
    // encoding of the document that follows.
    void follow_declaration() {
        const std::size_t k = buf_.find("encoding");
        if (k == std::string::npos) {
            decode_as_ = evidence_.used = text_encoding::utf8_cp1252_strays;
            return;
        }
        std::size_t q = buf_.find_first_of("\"'", k);
        if (q == std::string::npos) return;
        const std::size_t e = buf_.find(buf_[q], q + 1);
        if (e == std::string::npos) return;
        const std::string name = buf_.substr(q + 1, e - q - 1);
        text_encoding t{};
        if (!text_encoding_from_string(name, t) || t == text_encoding::automatic || t == text_encoding::unchecked) {
            fail(error_code::bad_encoding, "the XML declaration names the encoding '" + name +
                                               "', which is not supported (" + std::string(encoding_names) + ")");
        }
        if (t == text_encoding::utf16le || t == text_encoding::utf16be) {
            fail(error_code::bad_encoding, "the XML declaration says UTF-16 but the file has no UTF-16 byte-order mark");
        }
        if (t == text_encoding::utf8) t = text_encoding::utf8_cp1252_strays;
        decode_as_ = evidence_.used = t;
    }

    void decode_append(std::string_view s, std::string& out) const {
        std::size_t i = 0;
        while (i < s.size()) {
            const std::size_t amp = s.find('&', i);
            if (amp == std::string_view::npos) {
                out.append(s.substr(i));
                return;
            }
            out.append(s.substr(i, amp - i));
            const std::size_t semi = s.find(';', amp);
            if (semi == std::string_view::npos || semi - amp > 12) {
                out.push_back('&');  // a bare ampersand: kept as text
                i = amp + 1;
                continue;
            }
            const std::string_view ref = s.substr(amp + 1, semi - amp - 1);
            if (!decode_ref(ref, out)) out.append(s.substr(amp, semi - amp + 1));  // unknown entity: kept
            i = semi + 1;
        }
    }

    static bool decode_ref(std::string_view ref, std::string& out) {
        if (ref == "amp") return out.push_back('&'), true;
        if (ref == "lt") return out.push_back('<'), true;
        if (ref == "gt") return out.push_back('>'), true;
        if (ref == "quot") return out.push_back('"'), true;
        if (ref == "apos") return out.push_back('\''), true;
        if (ref.size() < 2 || ref[0] != '#') return false;
        std::uint32_t cp = 0;
        const bool hex = ref[1] == 'x' || ref[1] == 'X';
        const std::size_t start = hex ? 2 : 1;
        if (start >= ref.size()) return false;
        for (std::size_t k = start; k < ref.size(); ++k) {
            const char c = ref[k];
            std::uint32_t d;
            if (c >= '0' && c <= '9') {
                d = static_cast<std::uint32_t>(c - '0');
            } else if (hex && c >= 'a' && c <= 'f') {
                d = static_cast<std::uint32_t>(c - 'a' + 10);
            } else if (hex && c >= 'A' && c <= 'F') {
                d = static_cast<std::uint32_t>(c - 'A' + 10);
            } else {
                return false;
            }
            cp = cp * (hex ? 16U : 10U) + d;
            if (cp > 0x10FFFF) return false;
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        append_utf8(cp, out);
        return true;
    }

    byte_source src_;
    text_encoding decode_as_ = text_encoding::utf8;
    encoding_evidence evidence_;
    bool by_declaration_ = false;  // automatic and no BOM: each declaration decides
    std::size_t max_token_;
    std::size_t max_depth_;  // open elements at most (limit_exceeded beyond)
    std::size_t line_ = 1, token_line_ = 1;
    std::string name_, attrs_, text_, raw_, buf_;
    std::vector<std::string> stack_;
    std::vector<std::size_t> open_lines_;
    bool pending_end_ = false;
};

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_FORMAT_DETAIL_XML_TOKENIZER_HPP_
