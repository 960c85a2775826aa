// SPDX-License-Identifier: BSL-1.0
//
// Lens scholarly works reader: the JSON Lines export of lens.org scholarly
// search (one work per line, UTF-8 with a byte-order mark) and the Lens API's
// JSON (`{"total": ..., "data": [work, ...]}`), into a sink: a
// records::paper_table (next_into) or an io::bibliographic_record (next).
#ifndef TECHCONV_IO_LENS_SCHOLARLY_HPP_
#define TECHCONV_IO_LENS_SCHOLARLY_HPP_

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

/// \brief Streaming reader of Lens scholarly works (JSON).
///
/// Accepts, detected from the text itself: JSON Lines (the lens.org export: one work per
/// line), an API response (an object whose `data` array holds the works; `total`,
/// `results` and its other members are passed over), a JSON array of works, and a single
/// work; several values may follow one another (detail::json_works_reader).
///
/// Per work: the identifier `lens_id` (`000-781-931-144-518`), `year_published`, the
/// countries of `authors[].affiliations[].country_code` (ISO alpha-2, the region policy
/// applied; a code outside the country table is an unresolved address), the institutions
/// (`authors[].affiliations[].name`), the cited works (`references[].lens_id`, each once), and
/// with titles_and_keywords the `title` and the
/// `keywords` (an array of strings, "; "-joined). Works repeated in one file (same
/// lens_id) are delivered once and counted as duplicates.
///
/// Errors (parse_error naming the file, line and member path): text that is not JSON
/// (bad_markup), a file that ends inside a value (truncated), a work that is not an object
/// or has no string `lens_id` (bad_value), a `year_published` that is not a whole number in
/// [min_plausible_year, max_plausible_year] or null (bad_year). Under
/// malformed_policy::skip, a work with a bad id or year is skipped and counted instead.
///
/// Not safe for concurrent use.
class lens_scholarly_reader : public detail::json_works_reader<lens_scholarly_reader> {
public:
    /// Reads from a stream; `source` names it in messages.
    lens_scholarly_reader(std::istream& in, std::string source = "<stream>", bibliographic_options opts = {})
        : json_works_reader(in, std::move(source), opts) {}
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    explicit lens_scholarly_reader(const std::string& path, bibliographic_options opts = {})
        : json_works_reader(path, opts) {}

private:
    friend class detail::json_works_reader<lens_scholarly_reader>;
    static constexpr const char* what = "a Lens scholarly work";
    static constexpr std::string_view page_member = "data";
    static constexpr const char* id_member = "lens_id";

    void begin() {}

    void member(std::string_view k) {
        auto& j = json();
        if (k == "lens_id") {
            if (string_value()) id_span_ = keep(trim(j.text()));
        } else if (k == "year_published") {
            year_ = year_value("year_published");
        } else if (k == "authors") {
            each_object([&](std::string_view akey) {
                if (akey != "affiliations") return j.skip();
                each_object([&](std::string_view fkey) {
                    const bool name = fkey == "name", code = fkey == "country_code";
                    if (!name && !code) return j.skip();
                    if (!string_value()) return;
                    const auto v = trim(j.text());
                    if (!v.empty()) (name ? institution_spans_ : country_spans_).push_back(keep(v));
                });
            });
        } else if (options().references && k == "references") {
            each_object([&](std::string_view rkey) {
                if (rkey != "lens_id") return j.skip();
                if (string_value() && !trim(j.text()).empty()) reference_spans_.push_back(keep(trim(j.text())));
            });
        } else if (options().titles_and_keywords && k == "title") {
            if (string_value()) title_span_ = keep(j.text());
        } else if (options().titles_and_keywords && k == "keywords") {
            read_strings(keyword_spans_);
        } else {
            j.skip();
        }
    }
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_LENS_SCHOLARLY_HPP_
