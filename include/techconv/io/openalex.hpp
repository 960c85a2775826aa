// SPDX-License-Identifier: BSL-1.0
//
// OpenAlex works reader: the JSON the OpenAlex API returns (a page
// `{"meta": ..., "results": [work, ...]}`), a JSON array of works, and JSON
// Lines snapshots (one work, or one page, per line), into a sink: a
// records::paper_table (next_into) or an io::bibliographic_record (next).
#ifndef TECHCONV_IO_OPENALEX_HPP_
#define TECHCONV_IO_OPENALEX_HPP_

#include <cstddef>        // std::size_t
#include <cstdint>        // std::int64_t
#include <istream>        // std::istream
#include <memory>         // std::unique_ptr
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::move, std::pair
#include <vector>         // std::vector

#include "techconv/classification/country.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/json_reader.hpp"
#include "techconv/format/line_reader.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/dates.hpp"
#include "techconv/io/wos.hpp"  // detail::line_opts, detail::make_builder

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

}  // namespace detail

/// \brief Streaming reader of OpenAlex works.
///
/// Accepts, detected from the text itself: an API page (an object whose `results` array
/// holds the works; its other members such as `meta` are passed over), a JSON array of
/// works, a single work, and JSON Lines of any of these (a snapshot: one work per line).
/// Several values may follow one another. A value that spans lines (pretty-printed JSON)
/// is read whole; JSON Lines are read one line at a time (memory: one line).
///
/// Per work: the identifier (`id`, without the `https://openalex.org/` prefix: `W2741809807`),
/// `publication_year`, the countries of `authorships[].countries` (ISO alpha-2 codes, the
/// region policy applied; an authorship without that member gives its institutions'
/// `country_code`), the institutions (`authorships[].institutions[].display_name`), and with
/// titles_and_keywords the title (`display_name`, else `title`) and the keywords
/// (`keywords[].display_name`, "; "-joined). A code that is not in the country table is an
/// unresolved address (counted and listed with its spelling). Works repeated in one file
/// (same id) are delivered once and counted as duplicates.
///
/// Errors (parse_error naming the file, line and member path): text that is not JSON
/// (bad_markup), a file that ends inside a value (truncated), a work that is not an object
/// or has no string `id` (bad_value), a `publication_year` that is not a whole number in
/// [min_plausible_year, max_plausible_year] or null (bad_year). Under
/// malformed_policy::skip, a work with a bad id or year is skipped and counted instead;
/// text that is not JSON is always an error (the reader cannot tell where the next work
/// starts).
///
/// Not safe for concurrent use.
class openalex_reader {
public:
    /// Reads from a stream; `source` names it in messages.
    openalex_reader(std::istream& in, std::string source = "<stream>", bibliographic_options opts = {})
        : opts_(opts), source_(source), lines_(in, std::move(source), line_opts(opts)),
          countries_(detail::make_builder(opts_).cn) {}
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    explicit openalex_reader(const std::string& path, bibliographic_options opts = {})
        : opts_(opts), source_(path), lines_(path, line_opts(opts)), countries_(detail::make_builder(opts_).cn) {}

    /// \brief Reads the next work into `rec`. \returns false at the end of input.
    bool next(bibliographic_record& rec) {
        record_sink s(rec);
        return next_into(s);
    }

    /// \brief Reads the next work into `sink` (records::paper_table, or any type with its
    /// sink functions). \returns false at the end of input.
    /// \throws parse_error as described in the class documentation.
    template <class Sink>
    bool next_into(Sink& sink) {
        for (;;) {
            if (!to_next_work()) return false;
            const std::size_t line = json_->line();
            const bool whole = read_work();
            if (where_ == place::top) expect_end();
            if (!whole) continue;  // skipped (malformed_policy::skip)
            if (detail::emit_record(id_, year_, line, parts_, title_, keywords_, seen_, report_, sink)) return true;
        }
    }

    /// \brief What was read, skipped and not understood so far.
    const bibliographic_report& stats() const noexcept {
        report_.text = lines_.encoding();
        return report_;
    }
    /// The same as stats() (the spelling of the other bibliographic readers).
    const bibliographic_report& report() const noexcept { return stats(); }

private:
    // where the parser is between works
    enum class place : unsigned char {
        top,        // between top-level values
        top_array,  // inside a top-level array of works
        results,    // inside a page's `results` array
        page_rest,  // inside a page, after its `results`
    };

    static line_options line_opts(const bibliographic_options& o) {
        line_options l = detail::line_opts(o);
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
        if (!detail::holds_complete_json(text_)) {
            while (lines_.next()) {
                text_ += '\n';
                text_.append(lines_.text());
            }
        }
        json_ = std::make_unique<json_pull>(text_, source_, first);
        return true;
    }

    // Moves the parser to just after the `{` of the next work. False at the end of input.
    bool to_next_work() {
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
                        json_->fail("expected an OpenAlex work or page (a JSON object) or an array of works",
                                    error_code::bad_value);
                    return true;  // a work, or a page: read_work() tells (it sees `results`)
                }
                case place::top_array:
                case place::results: {
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
                    json_->fail("expected an OpenAlex work (a JSON object)", error_code::bad_value);
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

    void expect_end() {
        if (json_->next() != json_token::end) json_->fail("expected the end of a JSON value");
    }

    using span = std::pair<std::size_t, std::size_t>;  // (offset, size) in arena_

    // Keeps `v` in the work's arena; returns its position.
    span keep(std::string_view v) {
        const std::size_t b = arena_.size();
        arena_.append(v.data(), v.size());
        return {b, v.size()};
    }
    std::string_view kept(span s) const {
        return std::string_view(arena_).substr(s.first, s.second);
    }

    // After token `t`: when it opened an array or object, reads to its end.
    void pass_over(json_token t) {
        if (t != json_token::begin_array && t != json_token::begin_object) return;
        const std::size_t d = json_->depth();
        while (json_->depth() >= d) json_->next();
    }
    // A string member's value (any other value passed over): true, its text in json_->text().
    bool string_value() {
        const json_token t = json_->next();
        if (t == json_token::string) return true;
        pass_over(t);
        return false;
    }
    // An array of strings (trimmed, non-empty ones kept in `out`); any other value passed over.
    void read_strings(std::vector<span>& out) {
        json_token t = json_->next();
        if (t != json_token::begin_array) return pass_over(t);
        while ((t = json_->next()) != json_token::end_array) {
            if (t == json_token::string) {
                const auto v = trim(json_->text());
                if (!v.empty()) out.push_back(keep(v));
            } else {
                pass_over(t);
            }
        }
    }
    // An array of objects, `member(key)` called for each member (it reads or skips the value;
    // the key view is valid until it reads); any other value passed over.
    template <class Member>
    void each_object(Member&& member) {
        json_token t = json_->next();
        if (t != json_token::begin_array) return pass_over(t);
        while ((t = json_->next()) != json_token::end_array) {
            if (t != json_token::begin_object) {
                pass_over(t);
                continue;
            }
            while (json_->next() == json_token::key) member(json_->text());
        }
    }
    // `authorships`: each one's `countries`, else its institutions' `country_code`s, into
    // `countries`; institution names into institutions_.
    void read_authorships(std::vector<span>& countries) {
        json_token t = json_->next();
        if (t != json_token::begin_array) return pass_over(t);
        std::vector<span> fallback;
        while ((t = json_->next()) != json_token::end_array) {
            if (t != json_token::begin_object) {
                pass_over(t);
                continue;
            }
            bool listed = false;
            fallback.clear();
            while (json_->next() == json_token::key) {
                const std::string_view key = json_->text();
                if (key == "countries") {
                    listed = true;
                    read_strings(countries);
                } else if (key == "institutions") {
                    each_object([&](std::string_view ikey) {
                        const bool name = ikey == "display_name", code = ikey == "country_code";
                        if (!name && !code) return json_->skip();
                        if (!string_value()) return;
                        const auto v = trim(json_->text());
                        if (!v.empty()) (name ? institutions_ : fallback).push_back(keep(v));
                    });
                } else {
                    json_->skip();
                }
            }
            if (!listed) countries.insert(countries.end(), fallback.begin(), fallback.end());
        }
    }

    // Reads the members of the object just opened. At the top level, a `results` array makes it
    // a page (where_ = results; returns false with nothing to deliver). Returns false for a work
    // skipped under malformed_policy::skip; true for a work to deliver.
    bool read_work() {
        arena_.clear();
        spans_.clear();
        span id{0, 0}, title{0, 0}, name{0, 0};
        bool has_id = false, has_title = false, has_name = false, bad = false;
        std::string problem;
        error_code problem_code = error_code::none;
        std::size_t problem_line = 0;
        year_type year = no_year;
        std::vector<span>& countries = spans_;
        institutions_.clear();
        keyword_spans_.clear();
        const bool top = where_ == place::top;
        const auto note = [&](error_code c, std::string msg) {
            if (bad) return;
            bad = true;
            problem_code = c;
            problem = std::move(msg);
            problem_line = json_->line();
        };
        while (json_->next() == json_token::key) {
            const std::string_view k = json_->text();
            if (top && k == "results") {
                if (json_->next() != json_token::begin_array)
                    json_->fail("an OpenAlex page's `results` must be an array of works", error_code::bad_value);
                where_ = place::results;
                return false;
            }
            if (k == "id") {
                if (string_value()) {
                    std::string_view v = json_->text();
                    constexpr std::string_view prefix = "https://openalex.org/";
                    if (v.substr(0, prefix.size()) == prefix) v.remove_prefix(prefix.size());
                    id = keep(trim(v));
                    has_id = id.second != 0;
                }
            } else if (k == "publication_year") {
                const json_token t = json_->next();
                if (t == json_token::number) {
                    std::int64_t y = 0;
                    if (parse_int64(json_->text(), y) != number_status::ok || y < min_plausible_year ||
                        y > max_plausible_year)
                        note(error_code::bad_year, "publication_year " + std::string(json_->text()) +
                                                       " is not a year in [" + std::to_string(min_plausible_year) +
                                                       ", " + std::to_string(max_plausible_year) + "]");
                    else year = static_cast<year_type>(y);
                } else if (t != json_token::null) {
                    pass_over(t);
                    note(error_code::bad_year, "publication_year is not a number");
                }
            } else if (k == "authorships") {
                read_authorships(countries);
            } else if (opts_.titles_and_keywords && (k == "display_name" || k == "title")) {
                const bool is_name = k == "display_name";
                if (string_value()) {
                    (is_name ? name : title) = keep(json_->text());
                    (is_name ? has_name : has_title) = true;
                }
            } else if (opts_.titles_and_keywords && k == "keywords") {
                each_object([&](std::string_view kkey) {
                    if (kkey != "display_name") return json_->skip();
                    if (string_value() && !trim(json_->text()).empty())
                        keyword_spans_.push_back(keep(trim(json_->text())));
                });
            } else {
                json_->skip();
            }
        }
        if (!has_id) note(error_code::bad_value, "a work without an `id` string");
        if (bad) {
            if (opts_.malformed == malformed_policy::skip) {
                ++report_.skipped;
                report_.issues.push_back(read_issue{problem_line, problem_code, problem});
                return false;
            }
            ::techconv::detail::throw_error<parse_error>(problem_code,
                                                          source_location{source_, problem_line, 0, 0, "work"},
                                                          problem);
        }
        // the views of the record, now that the arena no longer grows
        parts_.clear();
        id_ = kept(id);
        year_ = year;
        for (const auto& s : countries) add_country(kept(s));
        for (const auto& s : institutions_) parts_.institutions.push_back(kept(s));
        parts_.source = country_field::authorships;
        title_ = has_name ? kept(name) : has_title ? kept(title) : std::string_view();
        keywords_text_.clear();
        for (const auto& s : keyword_spans_) detail::append_item(keywords_text_, kept(s));
        keywords_ = keywords_text_;
        return true;
    }

    void add_country(std::string_view code) {
        classification::country_options o;
        o.regions = opts_.regions;
        o.input = classification::country_input::names_and_codes;
        const auto c = countries_->lookup(code, o);
        if (c.empty()) parts_.unresolved.push_back(code);
        else parts_.countries.push_back(c);
    }

    bibliographic_options opts_;
    std::string source_;
    line_reader lines_;
    const classification::country_normalizer* countries_;
    std::string text_;                 // the top-level value(s) being parsed
    std::unique_ptr<json_pull> json_;  // over text_
    place where_ = place::top;
    // the work being read: strings in one arena, (offset, size) spans into it
    std::string arena_;
    std::vector<span> spans_, institutions_, keyword_spans_;
    std::string keywords_text_;
    std::string_view id_, title_, keywords_;
    year_type year_ = no_year;
    detail::record_parts parts_;
    std::unordered_set<std::string> seen_;
    mutable bibliographic_report report_;
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_OPENALEX_HPP_
