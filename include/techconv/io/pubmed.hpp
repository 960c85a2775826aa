// SPDX-License-Identifier: BSL-1.0
//
// PubMed reader: the MEDLINE tagged text PubMed saves ("Save -> PubMed
// format", .nbib / .txt), streamed one record at a time into a sink: a
// records::paper_table (next_into) or an io::bibliographic_record (next):
// PMID, DP, countries and institutions of the AD affiliations, TI, and the
// MH / OT keywords. The format has no cited references.
#ifndef TECHCONV_IO_PUBMED_HPP_
#define TECHCONV_IO_PUBMED_HPP_

#include <cstddef>      // std::size_t
#include <istream>      // std::istream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/line_records.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

/// A PubMed tag line `TAG - value`: the tag (1 to 4 of A-Z, 0-9, left-justified in 4
/// columns) and the value after "- ". False for any other line.
inline bool pubmed_tag_line(std::string_view l, std::string_view& tag, std::string_view& value) {
    if (l.size() < 5 || l[4] != '-' || (l.size() > 5 && l[5] != ' ')) return false;
    std::size_t n = 0;
    while (n < 4 && is_tag_char(l[n])) ++n;
    if (n == 0) return false;
    for (std::size_t k = n; k < 4; ++k)
        if (l[k] != ' ') return false;
    tag = l.substr(0, n);
    value = l.size() > 6 ? l.substr(6) : std::string_view();
    return true;
}

/// The affiliation of a PubMed `AD` entry without what follows its address: from
/// "Electronic address:", "ISNI:" or "GRID:" on (the e-mail and the identifiers PubMed
/// appends), then, repeatedly, a trailing word holding an '@' (an e-mail, also in angle brackets),
/// a trailing "Email" / "E-mail" word and a trailing parenthesised group (the initials of
/// the affiliation's authors: "Quebec, Canada (MMG, MW, DR)"). Empty when nothing else is left (an entry that is
/// only an e-mail).
inline std::string_view pubmed_affiliation(std::string_view a) {
    for (const std::string_view marker : {std::string_view("Electronic address:"), std::string_view("ISNI:"),
                                          std::string_view("GRID:")}) {
        const auto p = a.find(marker);
        if (p != std::string_view::npos) a = a.substr(0, p);
    }
    for (;;) {
        a = trim(a);
        while (!a.empty() && (a.back() == '.' || a.back() == ',' || a.back() == ';' || a.back() == ':'))
            a = trim(a.substr(0, a.size() - 1));
        const auto sp = a.find_last_of(' ');
        const std::string_view last = sp == std::string_view::npos ? a : a.substr(sp + 1);
        const bool email = last.find('@') != std::string_view::npos;
        const bool label = iequals(last, "Email") || iequals(last, "E-mail");
        if (!last.empty() && last.back() == ')' && !email) {  // "(MMG, MW, DR)": the initials of its authors
            const auto open = a.rfind('(');
            if (open != std::string_view::npos && open > 0) {
                a = a.substr(0, open);
                continue;
            }
        }
        if (last.empty() || (!email && !label)) return a;
        a = sp == std::string_view::npos ? std::string_view() : a.substr(0, sp);
    }
}

/// A MeSH heading as a keyword: the descriptor, without the major-topic '*' and the
/// "/qualifier" subheadings ("Decision Support Techniques/*methods" -> "Decision Support
/// Techniques").
inline std::string_view mesh_descriptor(std::string_view mh) {
    mh = trim(mh.substr(0, mh.find('/')));
    if (!mh.empty() && mh.front() == '*') mh = trim(mh.substr(1));
    return mh;
}

/// Appends `v` to `out` with the character entities PubMed writes in its text (`&amp;`,
/// `&lt;`, `&gt;`, `&quot;`, `&apos;`) read as the characters they stand for.
inline void append_unescaped(std::string& out, std::string_view v) {
    static const std::pair<std::string_view, char> entities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    for (std::size_t i = 0; i < v.size();) {
        bool done = false;
        if (v[i] == '&') {
            for (const auto& e : entities) {
                if (v.substr(i, e.first.size()) == e.first) {
                    out += e.second;
                    i += e.first.size();
                    done = true;
                    break;
                }
            }
        }
        if (!done) out += v[i++];
    }
}

// The pieces of one PubMed record a reader needs.
struct pubmed_fields {
    std::string pmid, dp, ad, ti, mh, ot;
    std::size_t line = 0, dp_line = 0;
    void clear() {
        pmid.clear();
        dp.clear();
        ad.clear();
        ti.clear();
        mh.clear();
        ot.clear();
        line = dp_line = 0;
    }
};

}  // namespace detail

/// \brief Streaming reader of PubMed's MEDLINE tagged text ("Save -> PubMed format":
/// .nbib, .txt).
///
/// Format: records separated by blank lines, each starting with a `PMID- ` line; a field
/// is a tag of up to four characters, left-justified in four columns, then "- " and the
/// value (`AU  - `, `FAU - `, `PMID- `); continuation lines are indented six spaces.
/// A `PMID` line also starts a new record when no blank line came before it. Line ends
/// LF, CRLF or CR; the encoding as the line reader detects it (bibliographic_options::encoding).
///
/// Per record:
///  - identifier: "PMID:" and the PMID ("PMID:35757629"). The prefix keeps a PubMed
///    record apart from the numeric identifiers of other sources when several exports
///    are read into one table, as WoS UTs carry "WOS:";
///  - year: the first four digits of `DP` ("2022 Jun 9" -> 2022), no_year when absent;
///  - countries (country_field::affiliations): every `AD` line is one author affiliation
///    (continuation lines joined by a space); one line holding several affiliations of one
///    author separated by "; " gives each (split_addresses). From each affiliation the
///    e-mail and the identifiers PubMed appends are removed (detail::pubmed_affiliation:
///    "Electronic address: ...", "ISNI: ...", "GRID: ...", a trailing word with an '@'),
///    and the country is found by the rule every bibliographic reader uses
///    (detail::address_country: the last comma token, a US state with ZIP code, or the
///    last words naming a country). Affiliations naming no recognised country are counted
///    and listed by their last token (bibliographic_report::unresolved_spellings);
///    the character entities PubMed writes (`&amp;` and the like) are read as characters;
///  - institutions: per affiliation the organisation rule of Scopus (PubMed affiliations
///    also start with the department): the first comma token naming a university, else the
///    first naming another organisation (institute, hospital, centre, ...), else the first
///    token (detail::affiliation_organisation);
///  - title: `TI` (continuation lines joined by a space);
///  - keywords: the MeSH headings of `MH` (the descriptor: without '*' and "/qualifier"
///    subheadings) then the author keywords of `OT`, "; "-joined;
///  - references: none (the format holds no cited references).
/// Other tags are passed over (unknown_tag_policy applies to WoS only).
///
/// Malformed input (under malformed_policy::error a parse_error naming the file, line and
/// tag; under malformed_policy::skip a counted skip with a read_issue): a line that is
/// neither a tag line nor a continuation (bad_markup), a field or a continuation line
/// outside a record (bad_markup: before the first `PMID` or after a blank line), a `PMID`
/// that is not a number (bad_value), a `DP` that does not start with a year (bad_year),
/// invalid UTF-8 (bad_encoding). Duplicate PMID: the later record is dropped and reported.
///
/// Not safe for concurrent use. Memory: one record.
/// \code
/// techconv::io::pubmed_reader r("pubmed-export.nbib");
/// techconv::io::bibliographic_record rec;
/// while (r.next(rec)) use(rec.id, rec.countries);
/// \endcode
class pubmed_reader : public detail::line_records_reader<pubmed_reader> {
public:
    /// Reads from a stream; `source` names it in messages.
    pubmed_reader(std::istream& in, std::string source = "<stream>", bibliographic_options opts = {})
        : line_records_reader(in, std::move(source), opts) {}
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    explicit pubmed_reader(const std::string& path, bibliographic_options opts = {})
        : line_records_reader(path, opts) {}

private:
    friend class detail::line_records_reader<pubmed_reader>;

    void start_record(std::string_view pmid, std::size_t line) {
        fields_.clear();
        fields_.line = line;
        in_record_ = true;
        encoding_bad_ = false;
        bad_ = false;
        cont_ = nullptr;
        pmid = trim(pmid);
        bool digits = !pmid.empty();
        for (const char c : pmid)
            if (c < '0' || c > '9') digits = false;
        if (!digits) {
            malformed(error_code::bad_value, line, "PMID is not a number: '" + std::string(pmid.substr(0, 40)) + "'",
                      "PMID");
            bad_ = true;
            return;
        }
        fields_.pmid = "PMID:";
        fields_.pmid.append(pmid.data(), pmid.size());
    }

    // Ends the record being read: true when it is to be delivered.
    bool finish_record() {
        in_record_ = false;
        cont_ = nullptr;
        if (encoding_bad_ && !bad_)
            malformed(error_code::bad_encoding, bad_line_,
                      "invalid UTF-8 in the record starting on line " + std::to_string(fields_.line));
        if (bad_ || encoding_bad_) return false;
        year_type y = no_year;
        if (!detail::parse_year(fields_.dp, y)) {
            malformed(error_code::bad_year, fields_.dp_line, "DP is not a date starting with a year: '" + fields_.dp + "'",
                      "DP");
            return false;
        }
        return true;
    }

    // A line that makes the current record (or the stray text outside records) malformed.
    void bad_line(std::size_t line, const std::string& msg, const std::string& tag = {}) {
        if (!bad_) malformed(error_code::bad_markup, line, msg, tag);
        bad_ = true;
        cont_ = nullptr;
    }

    // Reads one record's fields; false at end of input.
    bool read_raw() {
        if (pending_line_ != 0) {  // a PMID line ended the previous record and starts this one
            const std::size_t ln = pending_line_;
            pending_line_ = 0;
            start_record(pending_pmid_, ln);
        } else {
            fields_.clear();
            in_record_ = false;
            bad_ = false;
            cont_ = nullptr;
        }
        while (next_line()) {
            std::string_view l = lines_.text();
            const std::size_t ln = lines_.line();
            // Concatenated downloads: each part may start with its own byte-order mark.
            if (l.size() >= 3 && l.compare(0, 3, "\xEF\xBB\xBF") == 0) l.remove_prefix(3);
            if (trim(l).empty()) {  // the end of a record
                if (in_record_) {
                    if (finish_record()) return true;
                    fields_.clear();
                }
                bad_ = false;
                continue;
            }
            if (l.size() >= 6 && l.compare(0, 6, "      ") == 0) {  // continuation
                if (!in_record_) bad_line(ln, "continuation line outside a record");
                else if (cont_ != nullptr) detail::append_words(*cont_, l.substr(6));
                continue;
            }
            std::string_view tag, value;
            if (!detail::pubmed_tag_line(l, tag, value)) {
                bad_line(ln, std::string(in_record_ ? "line is neither a field tag nor a continuation: '"
                                                    : "text outside a record: '") +
                                 std::string(l.substr(0, 40)) + "'");
                continue;
            }
            if (tag == "PMID") {
                if (in_record_) {
                    pending_pmid_.assign(value.data(), value.size());
                    pending_line_ = ln;
                    if (finish_record()) return true;
                    pending_line_ = 0;
                }
                start_record(value, ln);
                continue;
            }
            if (!in_record_) {
                bad_line(ln, "field " + std::string(tag) + " outside a record (missing PMID?)", std::string(tag));
                continue;
            }
            cont_ = nullptr;
            if (tag == "DP") {
                if (fields_.dp_line == 0) {
                    fields_.dp.assign(value.data(), value.size());
                    fields_.dp_line = ln;
                    cont_ = &fields_.dp;
                }
            } else if (tag == "AD") {
                detail::append_item(fields_.ad, value);
                cont_ = &fields_.ad;
            } else if (opts_.titles_and_keywords && tag == "TI") {
                detail::append_words(fields_.ti, value);
                cont_ = &fields_.ti;
            } else if (opts_.titles_and_keywords && (tag == "MH" || tag == "OT")) {
                auto& to = tag == "MH" ? fields_.mh : fields_.ot;
                detail::append_item(to, value);
                cont_ = &to;
            }
        }
        if (in_record_ && finish_record()) return true;
        in_record_ = false;
        return false;
    }

    // Hands the record read to `sink`; false for a duplicate PMID (dropped and reported).
    template <class Sink>
    bool emit(Sink& sink) {
        parts_.clear();
        affiliations_.clear();
        detail::append_unescaped(affiliations_, fields_.ad);
        if (!affiliations_.empty()) parts_.source = country_field::affiliations;
        for (const auto entry : detail::split_addresses(affiliations_)) {
            const auto a = detail::pubmed_affiliation(entry);
            if (a.empty()) continue;
            builder_.add_country(a, parts_);
            const auto inst = detail::affiliation_organisation(detail::strip_address(a));
            if (!inst.empty()) parts_.institutions.push_back(inst);
        }
        keywords_.clear();
        for (const auto h : detail::split_addresses(fields_.mh)) detail::append_item(keywords_, detail::mesh_descriptor(h));
        detail::append_item(keywords_, fields_.ot);
        year_type year = no_year;
        (void)detail::parse_year(fields_.dp, year);  // checked by finish_record
        return detail::emit_record(fields_.pmid, year, fields_.line, parts_, fields_.ti, keywords_, seen_, report_,
                                   sink);
    }

    detail::pubmed_fields fields_;
    std::string* cont_ = nullptr;  // the field continuation lines extend
    bool bad_ = false;             // the current record (or stray text) is being skipped
    std::string pending_pmid_;     // a PMID line that ended the previous record
    std::size_t pending_line_ = 0;
    std::string affiliations_, keywords_;  // the current record's, as delivered
};

/// \brief Reads a whole PubMed export (see pubmed_reader). \returns records (duplicates
/// removed) and the report. \throws parse_error as pubmed_reader. Complexity: O(file size).
inline bibliographic_data read_pubmed(const std::string& path, const bibliographic_options& opts = {}) {
    pubmed_reader r(path, opts);
    return detail::read_all(r);
}

/// \brief read_pubmed of a stream `in`, named `source` in errors.
inline bibliographic_data read_pubmed(std::istream& in, const std::string& source,
                                      const bibliographic_options& opts = {}) {
    pubmed_reader r(in, source, opts);
    return detail::read_all(r);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PUBMED_HPP_
