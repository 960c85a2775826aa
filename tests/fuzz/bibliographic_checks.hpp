// Checks shared by the fuzz targets of the bibliographic readers (WoS tagged,
// WoS tab-delimited, Scopus CSV, OpenAlex JSON): read an input under both malformed-record
// policies and check what the readers promise about the records and the report.
#ifndef TECHCONV_TESTS_FUZZ_BIBLIOGRAPHIC_CHECKS_HPP_
#define TECHCONV_TESTS_FUZZ_BIBLIOGRAPHIC_CHECKS_HPP_

#include <algorithm>  // std::is_sorted, std::adjacent_find
#include <cstddef>    // std::size_t
#include <set>        // std::set
#include <sstream>    // std::istringstream
#include <string>     // std::string
#include <vector>     // std::vector

#include <techconv/io/bibliographic.hpp>

#include "fuzz_support.hpp"

namespace techconv_fuzz {

/// Records and report of one read, or the error that ended it.
struct bib_outcome {
    std::vector<techconv::io::bibliographic_record> records;
    techconv::io::bibliographic_report report;
    bool failed = false;
    outcome error;
};

/// Reads `text` with a reader of type Reader (constructed from a stream).
template <class Reader>
bib_outcome read_bibliographic(const std::string& text, const techconv::io::bibliographic_options& o) {
    bib_outcome out;
    std::istringstream in(text);
    try {
        Reader r(in, "fuzz.txt", o);
        techconv::io::bibliographic_record rec;
        while (r.next(rec)) out.records.push_back(rec);
        out.report = r.report();
    } catch (const techconv::parse_error& e) {
        check_located_error(e);
        out.failed = true;
        out.error = outcome::of(e);
    }
    return out;
}

inline bool sorted_unique(const std::vector<std::string>& v) {
    return std::is_sorted(v.begin(), v.end()) && std::adjacent_find(v.begin(), v.end()) == v.end();
}

/// What every successful read promises. `one_per_line`: every record starts on a later line
/// than the one before (false for formats with several records on one line, as an OpenAlex
/// API page: lines then only never decrease).
inline void check_bibliographic(const bib_outcome& b, bool one_per_line = true) {
    if (b.failed) return;
    const auto& rep = b.report;
    check(rep.records == b.records.size(), "report.records differs from the records delivered");
    check(rep.duplicate_ids.size() == rep.duplicates, "duplicate ids miscounted");
    check(rep.issues.size() == rep.skipped + rep.unknown_tags + rep.duplicates,
          "an issue without a count, or a count without an issue");
    std::set<std::string> ids;
    std::size_t last_line = 0, without_country = 0;
    for (const auto& r : b.records) {
        if (!r.id.empty()) check(ids.insert(r.id).second, "a duplicate id was delivered", r.id);
        check(one_per_line ? r.line > last_line : r.line >= last_line && r.line > 0, "record lines do not increase");
        last_line = r.line;
        check(sorted_unique(r.countries), "countries not sorted and unique");
        check(sorted_unique(r.institutions), "institutions not sorted and unique");
        for (const auto& c : r.countries)
            check(c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z',
                  "a country that is not an alpha-2 code", c);
        if (r.countries.empty()) ++without_country;
    }
    check(without_country == rep.without_country, "records without a country miscounted");
}

/// The policies agree: when the strict read succeeds, the lenient one gives
/// the same records and skips nothing.
inline void check_policies_agree(const bib_outcome& strict, const bib_outcome& lenient) {
    if (strict.failed) return;
    check(!lenient.failed, "skip policy fails where the error policy succeeds");
    check(lenient.report.skipped == 0, "skip policy skipped records the error policy accepted");
    check(lenient.records.size() == strict.records.size(), "the policies deliver different records");
    for (std::size_t i = 0; i < strict.records.size(); ++i) {
        check(lenient.records[i].id == strict.records[i].id &&
                  lenient.records[i].countries == strict.records[i].countries &&
                  lenient.records[i].year == strict.records[i].year,
              "the policies deliver different records");
    }
}

/// Reads `text` under the error policy and then the skip policy, checks
/// both and their agreement; returns the skip-policy read.
template <class Reader>
bib_outcome read_both_policies(const std::string& text, techconv::io::bibliographic_options o,
                               bool one_per_line = true) {
    o.malformed = techconv::io::malformed_policy::error;
    const bib_outcome strict = read_bibliographic<Reader>(text, o);
    check_bibliographic(strict, one_per_line);
    o.malformed = techconv::io::malformed_policy::skip;
    bib_outcome lenient = read_bibliographic<Reader>(text, o);
    check_bibliographic(lenient, one_per_line);
    check_policies_agree(strict, lenient);
    return lenient;
}

/// Input options from a flags byte: bit 0 latin1, bit 1 unknown tags are errors,
/// bits 2-3 the Taiwan / Hong Kong policy.
inline techconv::io::bibliographic_options bibliographic_options_from(unsigned flags) {
    techconv::io::bibliographic_options o;
    o.encoding = (flags & 1u) ? techconv::io::text_encoding::latin1 : techconv::io::text_encoding::utf8;
    o.unknown_tags = (flags & 2u) ? techconv::io::unknown_tag_policy::error
                                  : techconv::io::unknown_tag_policy::skip_field;
    if (flags & 4u) o.regions.taiwan = techconv::classification::territory_policy::merge_into_china;
    if (flags & 8u) o.regions.hong_kong = techconv::classification::territory_policy::merge_into_china;
    return o;
}

/// Lines of `s` as line_reader splits them (BOM skipped; LF, CRLF, CR).
inline std::vector<std::string_view> split_lines(std::string_view s) {
    std::vector<std::string_view> out;
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    while (!s.empty()) {
        std::size_t end = 0;
        while (end < s.size() && s[end] != '\n' && s[end] != '\r') ++end;
        out.push_back(s.substr(0, end));
        std::size_t next = end;
        if (next < s.size() && s[next] == '\r') {
            ++next;
            if (next < s.size() && s[next] == '\n') ++next;
        } else if (next < s.size()) {
            ++next;
        }
        s.remove_prefix(next);
    }
    return out;
}

}  // namespace techconv_fuzz

#endif  // TECHCONV_TESTS_FUZZ_BIBLIOGRAPHIC_CHECKS_HPP_
