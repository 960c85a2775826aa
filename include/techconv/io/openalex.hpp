// SPDX-License-Identifier: BSL-1.0
//
// OpenAlex works reader: the JSON the OpenAlex API returns (a page
// `{"meta": ..., "results": [work, ...]}`), a JSON array of works, and JSON
// Lines snapshots (one work, or one page, per line), into a sink: a
// records::paper_table (next_into) or an io::bibliographic_record (next).
#ifndef TECHCONV_IO_OPENALEX_HPP_
#define TECHCONV_IO_OPENALEX_HPP_

#include <istream>      // std::istream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/format/json_reader.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/json_works.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

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
/// `country_code`), the institutions (`authorships[].institutions[].display_name`), the cited
/// works (`referenced_works`, as W-ids, each once), and with
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
class openalex_reader : public detail::json_works_reader<openalex_reader> {
public:
    /// Reads from a stream; `source` names it in messages.
    openalex_reader(std::istream& in, std::string source = "<stream>", bibliographic_options opts = {})
        : json_works_reader(in, std::move(source), opts) {}
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    explicit openalex_reader(const std::string& path, bibliographic_options opts = {})
        : json_works_reader(path, opts) {}

private:
    friend class detail::json_works_reader<openalex_reader>;
    static constexpr const char* what = "an OpenAlex work";
    static constexpr std::string_view page_member = "results";
    static constexpr const char* id_member = "id";

    void begin() { title_from_name_ = false; }

    // The length of the "https://openalex.org/" an id starts with (0 if none): OpenAlex writes
    // ids as URLs, techconv keeps the short form (W2741809807).
    static std::size_t url_prefix_of(std::string_view v) {
        constexpr std::string_view prefix = "https://openalex.org/";
        return v.substr(0, prefix.size()) == prefix ? prefix.size() : 0;
    }

    void member(std::string_view k) {
        auto& j = json();
        if (k == "id") {
            if (string_value()) {
                std::string_view v = j.text();
                v.remove_prefix(url_prefix_of(v));
                id_span_ = keep(trim(v));
            }
        } else if (k == "publication_year") {
            year_ = year_value("publication_year");
        } else if (k == "authorships") {
            read_authorships();
        } else if (options().references && k == "referenced_works") {
            const std::size_t first = reference_spans_.size();
            read_strings(reference_spans_);
            for (std::size_t i = first; i < reference_spans_.size(); ++i) {  // the W-id of each URL
                auto& s = reference_spans_[i];
                const std::size_t n = url_prefix_of(kept(s));
                s = {s.first + n, s.second - n};
            }
        } else if (options().titles_and_keywords && (k == "display_name" || k == "title")) {
            const bool name = k == "display_name";  // display_name wins over title
            if (string_value() && (name || !title_from_name_)) {
                title_span_ = keep(j.text());
                title_from_name_ = name;
            }
        } else if (options().titles_and_keywords && k == "keywords") {
            each_object([&](std::string_view kkey) {
                if (kkey != "display_name") return j.skip();
                if (string_value() && !trim(j.text()).empty()) keyword_spans_.push_back(keep(trim(j.text())));
            });
        } else {
            j.skip();
        }
    }

    // `authorships`: each one's `countries`, else its institutions' `country_code`s; the
    // institution names.
    void read_authorships() {
        auto& j = json();
        json_token t = j.next();
        if (t != json_token::begin_array) return pass_over(t);
        std::vector<span> fallback;
        while ((t = j.next()) != json_token::end_array) {
            if (t != json_token::begin_object) {
                pass_over(t);
                continue;
            }
            bool listed = false;
            fallback.clear();
            while (j.next() == json_token::key) {
                const std::string_view key = j.text();
                if (key == "countries") {
                    listed = true;
                    read_strings(country_spans_);
                } else if (key == "institutions") {
                    each_object([&](std::string_view ikey) {
                        const bool name = ikey == "display_name", code = ikey == "country_code";
                        if (!name && !code) return j.skip();
                        if (!string_value()) return;
                        const auto v = trim(j.text());
                        if (!v.empty()) (name ? institution_spans_ : fallback).push_back(keep(v));
                    });
                } else {
                    j.skip();
                }
            }
            if (!listed) country_spans_.insert(country_spans_.end(), fallback.begin(), fallback.end());
        }
    }

    bool title_from_name_ = false;  // the title came from display_name
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_OPENALEX_HPP_
