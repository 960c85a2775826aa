// SPDX-License-Identifier: BSL-1.0
//
// The record model shared by the bibliographic readers (io/wos.hpp,
// io/scopus.hpp, io/openalex.hpp, io/lens_scholarly.hpp, io/pubmed.hpp): one record per paper
// with its identifier, year, countries, institutions and cited works; reader options and the report every reader fills (what
// was skipped, duplicated or not understood, with lines). The readers push
// each record's fields into a sink: records::paper_table (the columnar form,
// no per-record strings) or one bibliographic_record (record_sink). The actor records
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
#include "techconv/format/csv.hpp"  // delimiter_note
#include "techconv/format/encoding.hpp"
#include "techconv/format/line_reader.hpp"  // line_options
#include "techconv/format/parse.hpp"
#include "techconv/records/paper_table.hpp"  // io::country_field, the columnar sink
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief One paper: identifier, year, countries and institutions.
struct bibliographic_record {
    std::string id;                         ///< WoS UT ("WOS:..."), Scopus EID, OpenAlex W-id, Lens id or PubMed "PMID:35757629"
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
    /// The works it cites, in source order, each once: OpenAlex `referenced_works` W-ids,
    /// Lens `references[].lens_id`, and for the free-text fields (WoS `CR`, Scopus
    /// `References`) the key of each reference (io::reference_key: its DOI in lower case,
    /// else its normalised text). Empty when bibliographic_options::references is false.
    std::vector<std::string> references;
    std::size_t line = 0;  ///< line where the record starts in the input
};

/// \brief What a reader does with a malformed record.
enum class malformed_policy : std::uint8_t {
    error,  ///< throw parse_error naming file, line and field (default)
    skip,   ///< drop the record, count it and list it in the report
};

namespace detail {
/// \brief `reader.next()` of a line_reader or csv_reader (false at the end of the input).
/// Under malformed_policy::skip a line or row with invalid UTF-8 is consumed and handed to
/// `on_bad(error)` (the parse_error, code bad_encoding) instead of leaving, and reading goes
/// on: the reader decides there what the bad unit costs (the record being read, or a counted
/// skip of its own). Other errors, and every error under the error policy, leave.
template <class Reader, class OnBad>
bool next_skipping_bad_encoding(Reader& reader, malformed_policy policy, OnBad&& on_bad) {
#if TECHCONV_HAS_EXCEPTIONS
    if (policy == malformed_policy::skip) {
        for (;;) {
            try {
                return reader.next();
            } catch (const parse_error& e) {
                if (e.code() != error_code::bad_encoding) throw;
                on_bad(e);
            }
        }
    }
#else
    (void)policy;
    (void)on_bad;
#endif
    return reader.next();
}
}  // namespace detail

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
    /// Fill bibliographic_record::references (the cited works); false leaves them empty and
    /// saves their memory and time (a WoS record cites about 80 works) when only countries,
    /// institutions or texts are needed.
    bool references = true;
    /// Columns of a Scopus CSV or WoS tab-delimited header; more is limit_exceeded (a header of
    /// 1 M columns would otherwise take memory before any record is read).
    std::size_t max_columns = std::size_t{1} << 16;
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
    /// Scopus: rows repeating the header (exports joined into one file), skipped; the records
    /// after them are read.
    std::size_t repeated_headers = 0;
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
    if (auto d = delimiter_note(r.delimiter); !d.empty()) out.push_back(std::move(d));
    if (!plain_utf8(r.text)) out.push_back(describe(r.text));
    if (r.repeated_headers > 0)
        out.push_back("skipped " + std::to_string(r.repeated_headers) +
                      " rows repeating the header (exports joined into one file)");
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
/// three or more x's ("xxxx", written where the postcode is unknown).
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

// Whether a comma token of an affiliation names a university (tier 1)
// or another organisation (tier 2); 0 otherwise.
inline int organisation_tier(std::string_view t) {
    static const char* const universities[] = {"Univ", "univ", "Universit", "Politecnico", "Polytechnic",
                                               "Ecole", "College", "Hochschule"};
    static const char* const others[] = {"Institut", "institut", "Academy", "Academia", "Hospital", "School",
                                         "Laborator", "Centre", "Center", "Corporation", "Company", "Inc",
                                         "Ltd", "GmbH", "CNRS", "Council", "Agency"};
    for (const char* w : universities)
        if (t.find(w) != std::string_view::npos) return 1;
    for (const char* w : others)
        if (t.find(w) != std::string_view::npos) return 2;
    return 0;
}

// The organisation of one affiliation that starts with its department (Scopus, PubMed):
// the first comma token naming a university, else the first naming another
// organisation (organisation_tier), else the first token.
inline std::string_view affiliation_organisation(std::string_view aff) {
    std::string_view best;
    int best_tier = 3;
    std::size_t b = 0;
    for (;;) {
        const auto p = aff.find(',', b);
        const auto tok = trim(aff.substr(b, p == std::string_view::npos ? std::string_view::npos : p - b));
        const int t = organisation_tier(tok);
        if (t != 0 && t < best_tier) {
            best = tok;
            best_tier = t;
        }
        if (p == std::string_view::npos) break;
        b = p + 1;
    }
    return best_tier < 3 ? best : first_token(aff);
}

/// One record's countries, institutions and unresolved address tails as views
/// into the reader's current fields (reused from record to record: no strings).
struct record_parts {
    std::vector<std::string_view> countries, institutions, unresolved, references;
    country_field source = country_field::none;
    void clear() {
        countries.clear();
        institutions.clear();
        unresolved.clear();
        references.clear();
        source = country_field::none;
    }
};

/// Reads one record's countries and institutions from its addresses.
struct record_builder {
    const classification::country_normalizer* cn;
    classification::country_options copts;

    /// Adds the country of address `a` (address_country), or its last token as unresolved.
    void add_country(std::string_view a, record_parts& rec) const {
        const auto c = address_country(a, *cn, copts);
        if (c.empty()) rec.unresolved.push_back(last_token(strip_address(a)));
        else rec.countries.push_back(c);
    }

    /// Adds the countries of every address of `list`; returns how many addresses were read.
    std::size_t add_addresses(std::string_view list, record_parts& rec, bool institutions, bool reprint) const {
        std::size_t n = 0;
        for (auto a : split_addresses(list)) {
            if (reprint) {  // "Name, X (reprint author), Address" / "(corresponding author)"
                const auto p = a.find("author),");
                if (p != std::string_view::npos) a = trim(a.substr(p + 8));
            }
            ++n;
            add_country(a, rec);
            if (institutions) {
                const auto inst = first_token(strip_address(a));
                if (!inst.empty()) rec.institutions.push_back(inst);
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

inline void sort_unique(std::vector<std::string_view>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

/// \brief Hands one record to `sink` (records::paper_table or record_sink) and
/// updates the report; returns false, pushing nothing, for a duplicate id.
///
/// Countries and institutions are sorted by text and each kept once; the
/// unresolved address tails keep their input order.
template <class Sink>
bool emit_record(std::string_view id, year_type year, std::size_t line, record_parts& parts,
                 std::string_view title, std::string_view keywords, std::unordered_set<std::string>& seen,
                 bibliographic_report& rep, Sink& sink) {
    if (!id.empty() && !seen.insert(std::string(id)).second) {
        ++rep.duplicates;
        rep.duplicate_ids.emplace_back(id);
        rep.issues.push_back(read_issue{line, error_code::duplicate_record,
                                        "record " + std::string(id) + " appears again; counted once"});
        return false;
    }
    sort_unique(parts.countries);
    sort_unique(parts.institutions);
    if (parts.countries.empty()) parts.source = country_field::none;
    sink.begin_record(id, year, line);
    for (const auto c : parts.countries) sink.add_country(c);
    for (const auto x : parts.institutions) sink.add_institution(x);
    for (const auto u : parts.unresolved) sink.add_unresolved(u);
    for (const auto r : parts.references) sink.add_reference(r);
    sink.set_texts(title, keywords);
    sink.end_record(parts.source);
    rep.unresolved_addresses += parts.unresolved.size();
    for (const auto u : parts.unresolved) ++rep.unresolved_spellings[std::string(u)];
    if (parts.countries.empty()) ++rep.without_country;
    if (parts.source == country_field::reprint || parts.source == country_field::authors_with_affiliations)
        ++rep.from_fallback;
    ++rep.records;
    return true;
}

}  // namespace detail

/// \brief A reader sink that fills one bibliographic_record (the row form:
/// `reader.next(rec)` reads through it). Its functions are the ones of
/// records::paper_table's sink.
class record_sink {
public:
    /// Fills `rec` (which it resets at every begin_record).
    explicit record_sink(bibliographic_record& rec) noexcept : rec_(&rec) {}
    /// Starts the record.
    void begin_record(std::string_view id, year_type year, std::size_t line) {
        *rec_ = bibliographic_record{};
        rec_->id.assign(id.data(), id.size());
        rec_->year = year;
        rec_->line = line;
    }
    void add_country(std::string_view s) { rec_->countries.emplace_back(s); }        ///< a country
    void add_institution(std::string_view s) { rec_->institutions.emplace_back(s); }  ///< an institution
    void add_unresolved(std::string_view s) { rec_->unresolved.emplace_back(s); }     ///< an unresolved tail
    void add_reference(std::string_view s) { rec_->references.emplace_back(s); }      ///< a cited work
    /// The title and keywords.
    void set_texts(std::string_view title, std::string_view keywords) {
        rec_->title.assign(title.data(), title.size());
        rec_->keywords.assign(keywords.data(), keywords.size());
    }
    /// Ends the record.
    void end_record(country_field source) noexcept { rec_->source = source; }

private:
    bibliographic_record* rec_;
};

namespace detail {

inline const classification::country_normalizer& default_countries() {
    static const classification::country_normalizer cn;
    return cn;
}

/// The line reader's options of a bibliographic reader.
inline line_options line_opts(const bibliographic_options& o) {
    line_options l;
    l.encoding = o.encoding;
    return l;
}

/// The record builder of a bibliographic reader: its country table (the built-in one by
/// default), the region policy, addresses read with country_input::names_only.
inline record_builder make_builder(const bibliographic_options& o) {
    classification::country_options co;
    co.regions = o.regions;
    co.input = classification::country_input::names_only;
    return record_builder{o.countries != nullptr ? o.countries : &default_countries(), co};
}

/// The csv_options of a bibliographic CSV reader (Scopus, the CSV works exports): the encoding
/// and column bound of `o`, the delimiter decided from the header (',', ';' or a tab).
inline csv_options csv_options_of(const bibliographic_options& o) {
    csv_options c;
    c.encoding = o.encoding;
    c.delimiter = auto_delimiter;  // ';' when a spreadsheet saved the export again
    c.max_fields = o.max_columns;
    return c;
}

/// A malformed row of a bibliographic CSV reader at `line`: under malformed_policy::error a
/// parse_error naming the file, the line and, when `col` > 0 (1-based), that column's header
/// name; under skip an issue and a skip counted in `rep`.
inline void csv_row_malformed(const csv_reader& csv, malformed_policy policy, bibliographic_report& rep,
                              error_code code, std::size_t line, std::size_t col, const std::string& msg) {
    if (policy == malformed_policy::error) {
        if (col > 0) csv.fail(code, col - 1, msg);
        ::techconv::detail::throw_error<parse_error>(code, source_location{csv.source(), line, 0, csv.record(), {}}, msg);
    }
    rep.issues.push_back(read_issue{line, code, msg + "; record skipped"});
    ++rep.skipped;
}

/// Every record of reader `r` (the row form), and its report.
template <class Reader>
bibliographic_data read_all(Reader& r) {
    bibliographic_data d;
    bibliographic_record rec;
    while (r.next(rec)) d.records.push_back(rec);
    d.report = r.report();
    return d;
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
