// SPDX-License-Identifier: BSL-1.0
//
// Finding the items (works, patents) of a JSON export or API response: an API
// page whose items are in one array member, a JSON array of items, a single
// item, and JSON Lines of any of these. Shared by the JSON readers (OpenAlex
// and Lens scholarly works through io/json_works.hpp, PatentsView patents).
#ifndef TECHCONV_IO_JSON_ITEMS_HPP_
#define TECHCONV_IO_JSON_ITEMS_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint64_t
#include <istream>      // std::istream
#include <memory>       // std::unique_ptr
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/json_reader.hpp"
#include "techconv/format/line_reader.hpp"
#include "techconv/format/parse.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

// Whether `text` holds at least one complete JSON value: brackets outside strings return to
// depth 0 after something was opened, or the text is a scalar (a cheap scan, no validation).
inline bool holds_complete_json(std::string_view text) noexcept {
    long depth = 0;
    bool in_string = false, opened = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
            opened = true;
        } else if (c == '}' || c == ']') {
            if (--depth <= 0) return true;
        }
    }
    return !opened && !in_string;
}

/// After token `t` of `p`: when it opened an array or object, reads to its end.
inline void pass_over(json_pull& p, json_token t) {
    if (t != json_token::begin_array && t != json_token::begin_object) return;
    const std::size_t d = p.depth();
    while (p.depth() >= d) p.next();
}

/// The value that follows in `p`: for an array of objects, `begin()`, then `member(key)` for
/// each member (it reads or skips the value; the key view is valid until it reads), then
/// `end()`, object by object; other elements and any other value are passed over.
template <class Begin, class Member, class End>
void each_object(json_pull& p, Begin&& begin, Member&& member, End&& end) {
    json_token t = p.next();
    if (t != json_token::begin_array) return pass_over(p, t);
    while ((t = p.next()) != json_token::end_array) {
        if (t != json_token::begin_object) {
            pass_over(p, t);
            continue;
        }
        begin();
        while (p.next() == json_token::key) member(p.text());
        end();
    }
}

/// \brief Walks the items of JSON input, one object at a time (the JSON readers' loop).
///
/// Between top-level values, a `[` opens an array of items and a `{` an item or, when the
/// reader finds the page member in it (an array), a page whose items are in that array; the
/// page's other members are passed over. One line is read at a time while each holds
/// complete JSON (JSON Lines, or an API page written on one line); a value that spans lines
/// (pretty-printed JSON) is read with the rest of the input. Memory: the text of the
/// top-level value(s) being read (one line, or the rest of a pretty-printed input).
///
/// Use: next_object() moves just after the `{` of the next item or top-level object; the
/// reader reads its members with json(); a top-level object (at_top()) whose page member
/// it meets is a page: enter_page() after that key, and the page's items follow. After an
/// item's closing brace, end_object().
class json_item_cursor {
public:
    /// Reads `in`; `source` names it in messages; `what` names an item in errors
    /// ("a PatentsView patent").
    json_item_cursor(std::istream& in, std::string source, const line_options& opts, std::string what)
        : source_(source), what_(std::move(what)), lines_(in, std::move(source), big_lines(opts)) {}
    /// Opens the file at `path`. \throws parse_error (io_error) if it cannot be opened.
    json_item_cursor(const std::string& path, const line_options& opts, std::string what)
        : source_(path), what_(std::move(what)), lines_(path, big_lines(opts)) {}

    /// Moves the parser to just after the `{` of the next item (or top-level object).
    /// False at the end of input. \throws parse_error (bad_value) for a top-level value or an
    /// array item that is not an object, and the parser's errors.
    bool next_object() {
        for (;;) {
            if (!json_) {
                if (!load()) return false;
            }
            switch (where_) {
                case place::top: {
                    if (!json_->next_value()) {
                        json_.reset();
                        continue;
                    }
                    const json_token t = json_->next();
                    if (t == json_token::begin_array) {
                        where_ = place::top_array;
                        continue;
                    }
                    if (t != json_token::begin_object)
                        json_->fail("expected " + what_ + " (a JSON object), a page of them or an array of them",
                                    error_code::bad_value);
                    return true;
                }
                case place::top_array:
                case place::items: {
                    const json_token t = json_->next();
                    if (t == json_token::begin_object) return true;
                    if (t == json_token::end_array) {
                        if (where_ == place::top_array) {
                            expect_end();
                            where_ = place::top;
                        } else {
                            where_ = place::page_rest;
                        }
                        continue;
                    }
                    json_->fail("expected " + what_ + " (a JSON object)", error_code::bad_value);
                }
                case place::page_rest: {
                    const json_token t = json_->next();
                    if (t == json_token::key) {
                        json_->skip();
                        continue;
                    }
                    expect_end();  // t was the page's closing brace
                    where_ = place::top;
                    continue;
                }
            }
        }
    }

    /// Whether the object just opened is a top-level value (an item, or a page).
    bool at_top() const noexcept { return where_ == place::top; }

    /// After the page member's key of a top-level object: its value must be an array (else
    /// parse_error bad_value naming `member`); the page's items follow.
    void enter_page(std::string_view member) {
        const std::size_t line = json_->line();
        if (json_->next() != json_token::begin_array)
            ::techconv::detail::throw_error<parse_error>(
                error_code::bad_value, source_location{source_, line, 0, 0, std::string(member)},
                "the page member `" + std::string(member) + "` must be an array");
        where_ = place::items;
    }

    /// After an item's closing brace: a top-level item must end its value.
    void end_object() {
        if (where_ == place::top) expect_end();
    }

    /// The parser (valid after next_object() returned true).
    json_pull& json() noexcept { return *json_; }
    /// The source's name.
    const std::string& source() const noexcept { return source_; }
    /// How the input was decoded.
    const encoding_evidence& encoding() const noexcept { return lines_.encoding(); }
    /// Bytes consumed (for progress reports).
    std::uint64_t bytes_read() const noexcept { return lines_.bytes_read(); }

private:
    enum class place : unsigned char {
        top,         // between top-level values
        top_array,   // inside a top-level array of items
        items,       // inside a page's array of items
        page_rest,   // inside a page, after its array of items
    };

    static line_options big_lines(line_options l) {
        l.max_line_bytes = std::size_t{1} << 30;  // an API page is one line of a few MB
        return l;
    }

    // Loads the next top-level value(s): one line when it holds complete JSON, else the rest
    // of the input (a pretty-printed document). False at the end of input.
    bool load() {
        text_.clear();
        std::size_t first = 0;
        while (lines_.next()) {
            if (trim(lines_.text()).empty()) continue;
            first = lines_.line();
            text_.assign(lines_.text());
            break;
        }
        if (first == 0) return false;
        if (!holds_complete_json(text_)) {
            while (lines_.next()) {
                text_ += '\n';
                text_.append(lines_.text());
            }
        }
        json_ = std::make_unique<json_pull>(text_, source_, first);
        return true;
    }

    void expect_end() {
        if (json_->next() != json_token::end) json_->fail("expected the end of a JSON value");
    }

    std::string source_, what_;
    line_reader lines_;
    std::string text_;                 // the top-level value(s) being parsed
    std::unique_ptr<json_pull> json_;  // over text_
    place where_ = place::top;
};

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_JSON_ITEMS_HPP_
