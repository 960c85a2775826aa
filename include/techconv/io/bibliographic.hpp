// SPDX-License-Identifier: BSL-1.0
//
// The record model shared by the bibliographic readers (io/wos.hpp,
// io/scopus.hpp): one record per paper with its identifier, year, countries
// and institutions; reader options and the report every reader fills (what
// was skipped, duplicated or not understood, with lines). The actor records
// of collaboration counting are built in the analysis layer
// (analysis/collaboration.hpp: country_records, institution_records).
#ifndef TECHCONV_IO_BIBLIOGRAPHIC_HPP_
#define TECHCONV_IO_BIBLIOGRAPHIC_HPP_

#include <algorithm>      // std::sort, std::stable_sort, std::unique
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint8_t
#include <map>            // std::map
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/classification/country.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/encoding.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief The field a record's countries were read from.
enum class country_field : std::uint8_t {
    none,                       ///< no country could be read
    addresses,                  ///< WoS C1 (author addresses)
    reprint,                    ///< WoS RP (reprint / corresponding address), used when C1 is empty
    affiliations,               ///< Scopus `Affiliations`
    authors_with_affiliations,  ///< Scopus `Authors with affiliations`, used when `Affiliations` is empty
};

/// \brief One paper: identifier, year, countries and institutions.
struct bibliographic_record {
    std::string id;                         ///< WoS UT ("WOS:...") or Scopus EID
    year_type year = no_year;               ///< publication year (PY / Year), no_year if absent
    std::vector<std::string> countries;     ///< ISO alpha-2 codes after the region policy, sorted, each once
    std::vector<std::string> institutions;  ///< institution strings, sorted, each once
    std::string title;                      ///< title (WoS TI, Scopus Title; lines joined by a space), may be empty
    /// Keywords, "; "-separated: WoS DE then ID (Keywords Plus), Scopus
    /// `Author Keywords` then `Index Keywords`; may be empty.
    std::string keywords;
    country_field source = country_field::none;  ///< where `countries` came from
    /// Addresses whose country was not recognised (their last comma token), in input order.
    std::vector<std::string> unresolved;
    std::size_t line = 0;  ///< line where the record starts in the input
};

/// \brief What a reader does with a malformed record.
enum class malformed_policy : std::uint8_t {
    error,  ///< throw parse_error naming file, line and field (default)
    skip,   ///< drop the record, count it and list it in the report
};

/// \brief What the WoS tagged reader does with a well-formed tag it does not know.
enum class unknown_tag_policy : std::uint8_t {
    skip_field,  ///< ignore the field, count it and list it in the report (default)
    error,       ///< throw parse_error (unknown_tag)
};

/// \brief Options of the bibliographic readers.
struct bibliographic_options {
    /// Region policy for countries (Taiwan / Hong Kong / Macau). Addresses
    /// are always read with country_input::names_only.
    classification::region_policy regions;
    /// Country table and aliases; nullptr: the built-in ones.
    const classification::country_normalizer* countries = nullptr;
    malformed_policy malformed = malformed_policy::error;    ///< truncated / unterminated / garbled records
    unknown_tag_policy unknown_tags = unknown_tag_policy::skip_field;  ///< WoS tagged only
    /// automatic: decided from the first block (a BOM, else byte statistics) and
    /// reported in bibliographic_report::text; utf8 makes invalid UTF-8 an error
    /// (bad_encoding, under `malformed`); any other value is read as named.
    text_encoding encoding = text_encoding::automatic;
    /// Fill bibliographic_record::title and keywords (for term classification);
    /// false leaves them empty and saves their memory when only countries are needed.
    bool titles_and_keywords = true;
};

/// \brief One thing a reader skipped or did not understand.
struct read_issue {
    std::size_t line = 0;              ///< input line
    error_code code = error_code::none;  ///< what kind of problem
    std::string message;               ///< human-readable detail
};

/// \brief What a reader did, for the caller to report: nothing is dropped silently.
struct bibliographic_report {
    std::size_t records = 0;              ///< records delivered
    std::size_t duplicates = 0;           ///< records dropped because their id was seen before
    std::vector<std::string> duplicate_ids;  ///< their ids, in input order
    std::size_t skipped = 0;              ///< malformed records dropped (malformed_policy::skip)
    std::size_t unknown_tags = 0;         ///< fields with unknown tags ignored (WoS tagged)
    std::size_t parts = 0;                ///< WoS tagged: exports read (EF lines); > 1 for concatenated downloads
    std::vector<read_issue> issues;       ///< every skip and unknown tag, with its line
    std::size_t without_country = 0;      ///< delivered records with no recognised country
    std::size_t from_fallback = 0;        ///< records whose countries came from RP / Authors with affiliations
    std::size_t unresolved_addresses = 0; ///< addresses whose country was not recognised
    /// Those addresses by their last token (the country spelling), with counts.
    std::map<std::string, std::size_t> unresolved_spellings;
    encoding_evidence text;               ///< the encoding the file was read as, and stray bytes
    /// Scopus CSV: the field delimiter decided from the header line (',', ';' or a tab); '\0' otherwise.
    char delimiter = '\0';

    /// The `n` most frequent unresolved spellings, most frequent first (ties by spelling).
    std::vector<std::pair<std::string, std::size_t>> top_unresolved(std::size_t n) const {
        std::vector<std::pair<std::string, std::size_t>> v(unresolved_spellings.begin(), unresolved_spellings.end());
        std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        if (v.size() > n) v.resize(n);
        return v;
    }
};

/// \brief What a report says about one file beyond its record counts: how its
/// bytes were read (describe(), unless the file was plain UTF-8) and its
/// addresses with an unresolved country ("3 addresses with an unresolved
/// country: Foo Rep (2), Atlantis (1)", the `top` most frequent spellings).
inline std::vector<std::string> report_notes(const bibliographic_report& r, std::size_t top = 10) {
    std::vector<std::string> out;
    if (r.delimiter == ';') out.emplace_back("';'-separated (as a spreadsheet saves CSV in a decimal-comma locale)");
    if (r.delimiter == '\t') out.emplace_back("tab-separated");
    if (!plain_utf8(r.text)) out.push_back(describe(r.text));
    if (r.unresolved_addresses > 0) {
        std::string s = std::to_string(r.unresolved_addresses) +
                        (r.unresolved_addresses == 1 ? " address" : " addresses") + " with an unresolved country: ";
        const auto t = r.top_unresolved(top);
        for (std::size_t i = 0; i < t.size(); ++i)
            s += (i ? ", " : "") + (t[i].first.empty() ? std::string("(empty)") : t[i].first) + " (" +
                 std::to_string(t[i].second) + ")";
        if (r.unresolved_spellings.size() > t.size())
            s += ", and " + std::to_string(r.unresolved_spellings.size() - t.size()) + " more spellings";
        out.push_back(std::move(s));
    }
    return out;
}

/// \brief Records and the report of reading one file.
struct bibliographic_data {
    std::vector<bibliographic_record> records;  ///< in input order, duplicates removed
    bibliographic_report report;                ///< what happened
};

namespace detail {

/// Whether `s` ends with an unterminated HTML numeric entity ("&#x00FC",
/// "&#252"): Scopus exports contain them, and their ';' is not a separator.
inline bool ends_html_entity(std::string_view s) {
    std::size_t k = s.size(), digits = 0;
    while (k > 0 && ((s[k - 1] >= '0' && s[k - 1] <= '9') || (s[k - 1] >= 'a' && s[k - 1] <= 'f') ||
                     (s[k - 1] >= 'A' && s[k - 1] <= 'F'))) {
        --k;
        ++digits;
    }
    if (digits == 0 || digits > 6) return false;
    if (k > 0 && (s[k - 1] == 'x' || s[k - 1] == 'X')) --k;
    return k >= 2 && s[k - 1] == '#' && s[k - 2] == '&';
}

/// Splits an address list at ';' outside square brackets ("[A; B] Inst, City, Country; ...")
/// and outside HTML numeric entities.
inline std::vector<std::string_view> split_addresses(std::string_view s) {
    std::vector<std::string_view> out;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        const char c = i < s.size() ? s[i] : ';';
        if (c == '[') ++depth;
        else if (c == ']' && depth > 0) --depth;
        else if (c == ';' && depth == 0 && !ends_html_entity(s.substr(0, i))) {
            const auto piece = trim(s.substr(start, i - start));
            if (!piece.empty()) out.push_back(piece);
            start = i + 1;
        }
    }
    return out;
}

/// The address without a leading "[authors]" group and trailing periods.
inline std::string_view strip_address(std::string_view a) {
    a = trim(a);
    if (!a.empty() && a.front() == '[') {
        const auto close = a.find(']');
        a = close == std::string_view::npos ? std::string_view() : trim(a.substr(close + 1));
    }
    while (!a.empty() && (a.back() == '.' || a.back() == ' ')) a.remove_suffix(1);
    return a;
}

/// The last comma-separated token of an address (already stripped).
inline std::string_view last_token(std::string_view a) {
    const auto p = a.rfind(',');
    return trim(p == std::string_view::npos ? a : a.substr(p + 1));
}

/// The first comma-separated token of an address (already stripped).
inline std::string_view first_token(std::string_view a) {
    const auto p = a.find(',');
    return trim(p == std::string_view::npos ? a : a.substr(0, p));
}

inline bool has_digit(std::string_view w) {
    for (const char c : w)
        if (c >= '0' && c <= '9') return true;
    return false;
}
inline bool is_upper_code(std::string_view w) {
    if (w.size() < 2 || w.size() > 3) return false;
    for (const char c : w)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

/// Whether `t` is a US state (or DC) postal code, optionally followed by a
/// ZIP code ("CA", "CA 94143", "MD 20892-1234"): older WoS addresses of the
/// United States end so, without "USA".
inline bool is_us_state_zip(std::string_view t) {
    static const char* const states[] = {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
        "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
        "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"};
    if (t.size() != 2 && !(t.size() == 8 || t.size() == 13)) return false;
    bool state = false;
    for (const char* st : states)
        if (t.substr(0, 2) == st) state = true;
    if (!state) return false;
    if (t.size() == 2) return true;
    if (t[2] != ' ') return false;
    for (std::size_t i = 3; i < t.size(); ++i) {
        if (i == 8) {
            if (t[i] != '-') return false;
        } else if (t[i] < '0' || t[i] > '9') {
            return false;
        }
    }
    return true;
}

/// A word that turns the country name after it into part of another place's name
/// ("New Mexico", "New South Wales", "University of Georgia"): no country is read there.
inline bool joins_place_name(std::string_view w) {
    for (const char* j : {"new", "north", "south", "east", "west", "of", "de", "del", "la"})
        if (iequals(w, j)) return true;
    return false;
}

/// Whether a word is a postcode as Scopus writes it after the country: it has a digit, or it is
/// a placeholder of x's ("xxxx").
inline bool is_postcode_word(std::string_view w) {
    if (has_digit(w)) return true;
    if (w.size() < 3) return false;
    for (const char c : w)
        if (c != 'x' && c != 'X') return false;
    return true;
}

/// Country of one address: its last comma token as a whole, a US state code
/// with an optional ZIP code (US, see is_us_state_zip), or else the longest run
/// of at most four trailing words of that token that names a country. Scopus
/// writes some addresses without commas and with a contact tail after the
/// country ("Grenoble France 38000 (e-mail: a@b.fr)", "Indiana United States
/// (e-mail: ...)", "Pisa Italy"): a trailing parenthesis and trailing postcode
/// words are dropped first. A run is not taken after a word that makes it part
/// of another name (joins_place_name: "New Mexico", "New South Wales",
/// "University of Georgia"). Returns an empty view when nothing is recognised.
inline std::string_view address_country(std::string_view address, const classification::country_normalizer& cn,
                                        const classification::country_options& opts) {
    auto tok = last_token(strip_address(address));
    if (tok.empty()) return {};
    if (const auto c = cn.lookup(tok, opts); !c.empty()) return c;
    if (is_us_state_zip(tok)) return cn.lookup("USA", opts);  // an alias: found under names_only
    if (tok.back() == ')') {  // "... (e-mail: x@y.org)"
        const auto open = tok.rfind('(');
        if (open != std::string_view::npos) tok = trim(tok.substr(0, open));
    }
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < tok.size()) {
        while (i < tok.size() && tok[i] == ' ') ++i;
        const std::size_t b = i;
        while (i < tok.size() && tok[i] != ' ') ++i;
        if (i > b) words.push_back(tok.substr(b, i - b));
    }
    while (!words.empty() && is_postcode_word(words.back())) words.pop_back();  // "France 38000"
    const std::size_t n = words.size();
    for (std::size_t k = std::min<std::size_t>(n, 4); k >= 1; --k) {
        if (k < n && joins_place_name(words[n - k - 1])) continue;
        const auto from = static_cast<std::size_t>(words[n - k].data() - tok.data());
        const auto to = static_cast<std::size_t>(words[n - 1].data() + words[n - 1].size() - tok.data());
        if (const auto c = cn.lookup(tok.substr(from, to - from), opts); !c.empty()) return c;
    }
    return {};
}

/// Accumulates one record's countries and institutions (sorted, unique at the end).
struct record_builder {
    const classification::country_normalizer* cn;
    classification::country_options copts;

    /// Adds the countries of every address of `list`; returns how many addresses were read.
    std::size_t add_addresses(std::string_view list, bibliographic_record& rec, bool institutions,
                              bool reprint) const {
        std::size_t n = 0;
        for (auto a : split_addresses(list)) {
            if (reprint) {  // "Name, X (reprint author), Address" / "(corresponding author)"
                const auto p = a.find("author),");
                if (p != std::string_view::npos) a = trim(a.substr(p + 8));
            }
            ++n;
            const auto c = address_country(a, *cn, copts);
            if (c.empty()) rec.unresolved.emplace_back(last_token(strip_address(a)));
            else rec.countries.emplace_back(c);
            if (institutions) {
                const auto inst = first_token(strip_address(a));
                if (!inst.empty()) rec.institutions.emplace_back(inst);
            }
        }
        return n;
    }
};

// Appends a field item: joined to earlier ones by "; ".
inline void append_item(std::string& to, std::string_view v) {
    v = trim(v);
    if (v.empty()) return;
    if (!to.empty()) to += "; ";
    to.append(v.data(), v.size());
}

// Appends a continuation line of running text (a title): joined by one space.
inline void append_words(std::string& to, std::string_view v) {
    v = trim(v);
    if (v.empty()) return;
    if (!to.empty()) to += ' ';
    to.append(v.data(), v.size());
}

inline void sort_unique(std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

/// Finishes a record: sorts and dedups, updates the report; returns false for a duplicate id.
inline bool finish_record(bibliographic_record& rec, std::unordered_set<std::string>& seen,
                          bibliographic_report& rep) {
    if (!rec.id.empty() && !seen.insert(rec.id).second) {
        ++rep.duplicates;
        rep.duplicate_ids.push_back(rec.id);
        rep.issues.push_back(read_issue{rec.line, error_code::duplicate_record,
                                        "record " + rec.id + " appears again; counted once"});
        return false;
    }
    sort_unique(rec.countries);
    sort_unique(rec.institutions);
    rep.unresolved_addresses += rec.unresolved.size();
    for (const auto& u : rec.unresolved) ++rep.unresolved_spellings[u];
    if (rec.countries.empty()) ++rep.without_country;
    if (rec.source == country_field::reprint || rec.source == country_field::authors_with_affiliations)
        ++rep.from_fallback;
    ++rep.records;
    return true;
}

/// Parses a year field: 4 digits, or a date starting with them; no_year when empty.
inline bool parse_year(std::string_view s, year_type& out) {
    s = trim(s);
    if (s.empty()) {
        out = no_year;
        return true;
    }
    if (s.size() < 4) return false;
    int y = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        y = y * 10 + (s[i] - '0');
    }
    if (s.size() > 4 && s[4] >= '0' && s[4] <= '9') return false;
    out = static_cast<year_type>(y);
    return true;
}

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_BIBLIOGRAPHIC_HPP_
