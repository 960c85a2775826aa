// SPDX-License-Identifier: BSL-1.0
//
// What the readers of JSON bibliographic exports share (OpenAlex works, Lens
// scholarly works): finding the works in the text (an API page, an array,
// JSON Lines of either), reading each work's members through a derived
// reader, the checks of the identifier and year, and the hand-over to a sink
// (records::paper_table or bibliographic_record) with the report every
// bibliographic reader fills.
#ifndef TECHCONV_IO_JSON_WORKS_HPP_
#define TECHCONV_IO_JSON_WORKS_HPP_

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
#include "techconv/io/json_items.hpp"
#include "techconv/io/references.hpp"  // detail::keep_first_each

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

/// \brief The reading loop of the JSON works readers (CRTP).
///
/// Finds the works with json_item_cursor (io/json_items.hpp): a work, an array of works, or
/// a page whose member Derived::page_member holds them, and JSON Lines of these.
/// For each work, Derived::begin() resets its own state and Derived::member(key) reads or
/// skips the value of each member, keeping with keep() and the helpers below the identifier
/// (id_span_, required), year_, title_span_ and the country codes, institution names,
/// keywords and cited works (country_spans_, institution_spans_, keyword_spans_,
/// reference_spans_). Problems noted with note()
/// make the work an error or, under malformed_policy::skip, a counted skip. Every work's
/// countries come from its authors' affiliations (country_field::authorships).
template <class Derived>
class json_works_reader {
public:
    /// \brief Reads the next work into `rec`. \returns false at the end of input.
    bool next(bibliographic_record& rec) {
        record_sink s(rec);
        return next_into(s);
    }

    /// \brief Reads the next work into `sink` (records::paper_table, or any type with its
    /// sink functions). \returns false at the end of input.
    /// \throws parse_error as the reader documents.
    template <class Sink>
    bool next_into(Sink& sink) {
        for (;;) {
            if (!items_.next_object()) return false;
            const std::size_t line = items_.json().line();
            const bool whole = read_work();
            items_.end_object();
            if (!whole) continue;  // a page opened, or a work skipped (malformed_policy::skip)
            if (emit_record(id_, year_, line, parts_, title_, keywords_, seen_, report_, sink)) return true;
        }
    }

    /// \brief What was read, skipped and not understood so far.
    const bibliographic_report& stats() const noexcept {
        report_.text = items_.encoding();
        return report_;
    }
    /// The same as stats() (the spelling of the other bibliographic readers).
    const bibliographic_report& report() const noexcept { return stats(); }

protected:
    json_works_reader(std::istream& in, std::string source, bibliographic_options opts)
        : opts_(opts), source_(source), items_(in, std::move(source), line_opts(opts), Derived::what),
          countries_(make_builder(opts_).cn), country_opts_(code_options(opts_)) {}
    json_works_reader(const std::string& path, bibliographic_options opts)
        : opts_(opts), source_(path), items_(path, line_opts(opts), Derived::what), countries_(make_builder(opts_).cn),
          country_opts_(code_options(opts_)) {}

    using span = std::pair<std::size_t, std::size_t>;  ///< (offset, size) in the work's arena

    static classification::country_options code_options(const bibliographic_options& o) {
        classification::country_options c;
        c.regions = o.regions;
        c.input = classification::country_input::names_and_codes;
        return c;
    }

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
    void pass_over(json_token t) { detail::pass_over(items_.json(), t); }
    // A string member's value (any other value passed over): true, its text in items_.json().text().
    bool string_value() {
        const json_token t = items_.json().next();
        if (t == json_token::string) return true;
        pass_over(t);
        return false;
    }
    // An array of strings (trimmed, non-empty ones kept in `out`); any other value passed over.
    void read_strings(std::vector<span>& out) {
        json_token t = items_.json().next();
        if (t != json_token::begin_array) return pass_over(t);
        while ((t = items_.json().next()) != json_token::end_array) {
            if (t == json_token::string) {
                const auto v = trim(items_.json().text());
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
        detail::each_object(items_.json(), [] {}, member, [] {});
    }
    // Notes a problem of the work being read (the first one counts).
    void note(error_code c, std::string msg) {
        if (bad_) return;
        bad_ = true;
        problem_code_ = c;
        problem_ = std::move(msg);
        problem_line_ = items_.json().line();
    }
    // A year member: a whole number in [min_plausible_year, max_plausible_year], or null.
    year_type year_value(std::string_view name) {
        const json_token t = items_.json().next();
        if (t == json_token::null) return no_year;
        if (t == json_token::number) {
            std::int64_t y = 0;
            if (parse_int64(items_.json().text(), y) == number_status::ok && y >= min_plausible_year &&
                y <= max_plausible_year)
                return static_cast<year_type>(y);
            note(error_code::bad_year, std::string(name) + " " + std::string(items_.json().text()) +
                                           " is not a year in [" + std::to_string(min_plausible_year) + ", " +
                                           std::to_string(max_plausible_year) + "]");
            return no_year;
        }
        pass_over(t);
        note(error_code::bad_year, std::string(name) + " is not a number");
        return no_year;
    }
    // A country code of the work (the region policy applied; unresolved when not in the table).
    void add_country(std::string_view code) {
        const auto c = countries_->lookup(code, country_opts_);
        if (c.empty()) parts_.unresolved.push_back(code);
        else parts_.countries.push_back(c);
    }

    json_pull& json() noexcept { return items_.json(); }
    const bibliographic_options& options() const noexcept { return opts_; }

    // what Derived::member() keeps of the work being read (reset before each work)
    span id_span_{0, 0}, title_span_{0, 0};  // the identifier (required) and the title
    year_type year_ = no_year;
    std::vector<span> country_spans_, institution_spans_, keyword_spans_, reference_spans_;

private:
    // Reads the members of the object just opened. At the top level, the page member makes it a
    // page (its works follow; false). False for a work skipped under malformed_policy::skip;
    // true for a work to deliver.
    bool read_work() {
        arena_.clear();
        parts_.clear();
        bad_ = false;
        id_span_ = title_span_ = span{0, 0};
        year_ = no_year;
        country_spans_.clear();
        institution_spans_.clear();
        keyword_spans_.clear();
        reference_spans_.clear();
        auto& self = static_cast<Derived&>(*this);
        self.begin();
        const bool top = items_.at_top();
        while (items_.json().next() == json_token::key) {
            const std::string_view k = items_.json().text();
            if (top && k == Derived::page_member) {
                items_.enter_page(Derived::page_member);
                return false;
            }
            self.member(k);
        }
        // the arena no longer grows: views into it are stable
        id_ = kept(id_span_);
        for (const auto& s : country_spans_) add_country(kept(s));
        for (const auto& s : institution_spans_) parts_.institutions.push_back(kept(s));
        for (const auto& s : reference_spans_) parts_.references.push_back(kept(s));
        keep_first_each(parts_.references, seen_references_);  // each cited work once, in source order
        parts_.source = country_field::authorships;
        title_ = kept(title_span_);
        keywords_text_.clear();
        for (const auto& s : keyword_spans_) append_item(keywords_text_, kept(s));
        keywords_ = keywords_text_;
        if (id_.empty()) note(error_code::bad_value, std::string("a work without an `") + Derived::id_member + "` string");
        if (!bad_) return true;
        if (opts_.malformed == malformed_policy::skip) {
            ++report_.skipped;
            report_.issues.push_back(read_issue{problem_line_, problem_code_, problem_});
            return false;
        }
        ::techconv::detail::throw_error<parse_error>(problem_code_, source_location{source_, problem_line_, 0, 0, "work"},
                                                      problem_);
    }

    bibliographic_options opts_;
    std::string source_;
    json_item_cursor items_;  // finds the works
    const classification::country_normalizer* countries_;
    classification::country_options country_opts_;  // codes and names, the region policy
    std::string arena_;  // the strings of the work being read
    std::string_view id_, title_, keywords_;
    record_parts parts_;
    std::string keywords_text_;  // keywords_ views it
    bool bad_ = false;
    error_code problem_code_ = error_code::none;
    std::string problem_;
    std::size_t problem_line_ = 0;
    std::unordered_set<std::string> seen_;
    std::unordered_set<std::string_view> seen_references_;  // scratch of keep_first_each
    mutable bibliographic_report report_;
};

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_JSON_WORKS_HPP_
