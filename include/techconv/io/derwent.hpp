// SPDX-License-Identifier: BSL-1.0
//
// Reader of the Derwent Innovations Index (Clarivate, formerly Thomson Reuters)
// tagged export (`.ciw`): the ISI tagged line layout of Web of Science
// (io/tagged_line.hpp) with patent tags, one DWPI patent family per record.
#ifndef TECHCONV_IO_DERWENT_HPP_
#define TECHCONV_IO_DERWENT_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t
#include <istream>      // std::istream
#include <optional>     // std::optional
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move, std::pair
#include <vector>       // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/line_reader.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/applicant_type.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/dates.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/patent_sink.hpp"
#include "techconv/io/tagged_line.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Options of derwent_reader.
struct derwent_options {
    /// A malformed record: parse_error (error, the default) or dropped, counted and listed (skip).
    malformed_policy malformed = malformed_policy::error;
    /// A well-formed tag the format does not define: ignored and counted (default), or parse_error.
    unknown_tag_policy unknown_tags = unknown_tag_policy::skip_field;
    /// automatic: decided from the first block (a Derwent export is UTF-8); else this encoding.
    text_encoding encoding = text_encoding::automatic;
    /// Distinct IPC codes of one record at most; more is limit_exceeded (as the other readers).
    std::size_t max_codes_per_record = 1000;
    bool classify_applicants = true;         ///< type applicants the Derwent code leaves unknown by name rules
    const applicant_rules* rules = nullptr;  ///< rules (nullptr: default_applicant_rules())
};

namespace detail {

// Field tags of the Derwent Innovations Index export (Clarivate's DII field tag list).
inline bool is_known_derwent_tag(std::string_view t) noexcept {
    static const char* const tags[] = {"FN", "VR", "PT", "PN", "TI", "AU", "AE", "GA", "AB", "TF", "EA", "EC",
                                       "DC", "MC", "IP", "PD", "AD", "FD", "PI", "DS", "FS", "CP", "CR", "DN",
                                       "MN", "RI", "CI", "RG", "UT", "ER", "EF"};
    for (const char* k : tags)
        if (t == k) return true;
    return false;
}

// The columns of a PD, AD or PI line: text runs separated by two or more blanks
// ("US2017104972-A1   13 Apr 2017   H04N-009/77   201731   Pages: 18   English").
inline void derwent_columns(std::string_view l, std::vector<std::string_view>& out) {
    out.clear();
    l = trim(l);
    std::size_t b = 0;
    while (b < l.size()) {
        std::size_t e = l.find("  ", b);
        if (e == std::string_view::npos) e = l.size();
        out.push_back(trim(l.substr(b, e - b)));
        b = e;
        while (b < l.size() && (l[b] == ' ' || l[b] == '\t')) ++b;
    }
}

// An assignee without its Derwent code: "BOEING CO (BOEI-C)" -> "BOEING CO" and the code "BOEI-C".
inline std::pair<std::string_view, std::string_view> derwent_assignee(std::string_view l) {
    l = trim(l);
    if (!l.empty() && l.back() == ')') {
        const std::size_t open = l.rfind('(');
        if (open != std::string_view::npos && open > 0)
            return {trim(l.substr(0, open)), l.substr(open + 1, l.size() - open - 2)};
    }
    return {l, {}};
}

}  // namespace detail

/// \brief Streaming reader of the Derwent Innovations Index tagged export (`.ciw`, "Full
/// Record" plain text), one DWPI patent family per record.
///
/// Layout: optional `FN`/`VR` header lines; records from `PT P` to `ER`; a field starts
/// with a two-character tag and a space, its further lines with three spaces (the WoS rule,
/// detail::split_tagged_line); `EF` ends one export (concatenated downloads are read whole).
/// The designated states (`DS`) also continue on lines that start with a tab or with a
/// publication number and a colon; those lines are read as part of `DS` (and ignored).
///
/// Fields (docs/io-patents.md, "Derwent Innovations Index"):
///  - id: the first `PN` member as a publication number (`US2017104972-A1` →
///    `US 2017104972 A1`, detail::publication_id); jurisdiction and kind are its own;
///    family_id the smallest member id; the countries of the `PN` members are the family
///    jurisdictions; family size (stated) = the number of `PN` members;
///  - publication year: the earliest `PD` date (`13 Apr 2017`); application year: the
///    earliest `AD` date; priority year: the earliest `PI` date (none: the application
///    year); priority numbers and countries from `PI`;
///  - IPC codes: the main IPC of the first `PD` line (PD's third column), then the `IP`
///    codes in their order, each once, read in Derwent's form `B64C-039/02` by the
///    classification parser and kept in the record's compact form `B64C39/02`; an item
///    that is no IPC symbol is dropped and counted (patent_read_stats::rejected_codes);
///  - applicants: the `AE` lines without the Derwent patent-assignee code in parentheses
///    (the record model has no place for it: dropped); a code ending `-Individual` types
///    the applicant individual, the others are typed by name rules; inventors: `AU` lines;
///  - cited patents: `CP` lines. Derwent groups them by the citing family member: a line
///    naming only a `PN` member starts a group, the other lines are cited patents, whose
///    first token is the publication number; each cited number once. Backward citations
///    (stated) = their number; NPL citations (stated) = the distinct `CR` lines other than
///    member lines; both are 0 for a record without `CP` / `CR`.
/// Not in the format: claims, forward citations, applicant and inventor countries; the
/// record's counts leave them absent. `UT`/`GA` (the DWPI accession number), `TI` (title,
/// kept), and the other tags are not used.
///
/// Malformed input (malformed_policy::error: parse_error naming file, line and tag;
/// skip: the record is dropped, counted in stats().skipped as "malformed records" and listed
/// in issues()): a new `PT` before `ER` (missing_terminator), the input or an `EF` ending a
/// record (truncated), a line outside a record or neither a field nor a continuation
/// (bad_markup), a record without `PN` or with a member that is no publication number
/// (bad_value), a `PD`/`AD`/`PI` date that is not `D Mon YYYY` (bad_year), more IPC codes
/// than max_codes_per_record (limit_exceeded, always an error), invalid UTF-8 (bad_encoding).
/// An unknown well-formed tag is skipped and counted (or an error, unknown_tag_policy::error).
///
/// Not safe for concurrent use. Memory: one record.
/// \code
/// techconv::io::derwent_reader r("savedrecs.ciw");
/// techconv::io::patent_record rec;
/// while (r.next(rec)) use(rec.ipc);
/// \endcode
class derwent_reader {
public:
    /// Reads the file at `path`. \throws parse_error (io_error) if it cannot be opened.
    explicit derwent_reader(const std::string& path, derwent_options opts = {})
        : opts_(std::move(opts)), lines_(path, line_opts(opts_)) {
        stats_.layout = "derwent";
    }
    /// Reads `in`; `source` names it in messages.
    derwent_reader(std::istream& in, std::string source, derwent_options opts = {})
        : opts_(std::move(opts)), lines_(in, std::move(source), line_opts(opts_)) {
        stats_.layout = "derwent";
    }

    /// Reads the next record into `out`. False at the end of input.
    bool next(patent_record& out) {
        patent_record_sink s(out);
        return next_into(s);
    }
    /// \brief Reads the next record into `sink` (records::patent_table, patent_record_sink or any
    /// type with their row functions). False at the end of input. \throws parse_error (see above).
    template <class Sink>
    bool next_into(Sink& sink) {
        while (read_raw()) {
            if (emit(sink)) {
                ++stats_.records;
                return true;
            }
        }
        return false;
    }

    /// Reads all remaining records.
    std::vector<patent_record> read_all() { return detail::read_all_patents(*this); }

    /// Counters: records read, records skipped ("malformed records"), fields with an unknown
    /// tag ("fields with an unknown tag"), rejected IPC items, dates by rule, the encoding.
    const patent_read_stats& stats() const noexcept {
        stats_.set_text(lines_.encoding());
        return stats_;
    }
    /// The problems met so far: skipped records and unknown tags, with their lines.
    const std::vector<read_issue>& issues() const noexcept { return issues_; }
    /// Bytes consumed (for progress reports).
    std::uint64_t bytes_read() const noexcept { return lines_.bytes_read(); }

private:
    struct item {
        std::size_t line = 0;
        std::string text;
    };
    struct fields {
        std::size_t line = 0;
        std::string title;
        std::vector<item> pn, au, ae, ip, pd, ad, pi, cp, cr;
        void clear() {
            line = 0;
            title.clear();
            for (auto* v : {&pn, &au, &ae, &ip, &pd, &ad, &pi, &cp, &cr}) v->clear();
        }
    };

    static line_options line_opts(const derwent_options& o) {
        line_options l;
        l.encoding = o.encoding;
        return l;
    }

    // A malformed record: throw, or list the issue and drop the record.
    void malformed(error_code code, std::size_t line, std::string_view tag, const std::string& msg) {
        detail::malformed_record(opts_.malformed, lines_.source(), line, tag, code, msg, issues_);
        stats_.count_skip("malformed records");
    }

    bool next_line() {
        return detail::next_skipping_bad_encoding(lines_, opts_.malformed, [this](const parse_error& e) {
            if (in_record_ && !bad_) malformed(error_code::bad_encoding, e.line(), {}, "invalid UTF-8");
            else if (!in_record_) malformed(error_code::bad_encoding, e.line(), {}, "invalid UTF-8 outside a record");
            bad_ = in_record_;
        });
    }

    std::vector<item>* field_of(std::string_view tag) {
        if (tag == "PN") return &f_.pn;
        if (tag == "AU") return &f_.au;
        if (tag == "AE") return &f_.ae;
        if (tag == "IP") return &f_.ip;
        if (tag == "PD") return &f_.pd;
        if (tag == "AD") return &f_.ad;
        if (tag == "PI") return &f_.pi;
        if (tag == "CP") return &f_.cp;
        if (tag == "CR") return &f_.cr;
        return nullptr;
    }

    void add(std::string_view value, std::size_t line) {
        if (title_) {
            detail::append_words(f_.title, value);
            return;
        }
        if (cont_ == nullptr) return;
        const auto v = trim(value);
        if (!v.empty()) cont_->push_back(item{line, std::string(v)});
    }

    // Reads one record's fields (f_); false at the end of input.
    bool read_raw() {
        f_.clear();
        in_record_ = false;
        bad_ = false;
        while (next_line()) {
            const detail::tagged_line tl = detail::split_tagged_line(lines_.text());
            const std::size_t ln = lines_.line();
            using K = detail::tagged_line_kind;
            if (tl.kind == K::blank) continue;
            if (tl.kind == K::continuation || (tl.kind == K::other && in_ds_)) {
                if (!in_record_) {
                    if (!bad_outside_) malformed(error_code::bad_markup, ln, {}, "continuation line outside a record");
                    bad_outside_ = true;
                    continue;
                }
                if (tl.kind == K::continuation) add(tl.value, ln);
                continue;
            }
            in_ds_ = false;
            if (tl.kind == K::other) {
                if (in_record_ && !bad_) {
                    malformed(error_code::bad_markup, ln, {},
                              "line is neither a field tag nor a continuation: '" + std::string(tl.value.substr(0, 40)) + "'");
                    bad_ = true;
                } else if (!in_record_ && !bad_outside_) {
                    malformed(error_code::bad_markup, ln, {}, "text outside a record: '" + std::string(tl.value.substr(0, 40)) + "'");
                    bad_outside_ = true;
                }
                cont_ = nullptr;
                title_ = false;
                continue;
            }
            const std::string_view tag = tl.tag;
            cont_ = nullptr;
            title_ = false;
            if (tag == "FN" || tag == "VR") continue;
            if (tag == "EF") {
                if (in_record_ && !bad_) malformed(error_code::truncated, f_.line, "EF", "the export ends (EF) inside a record without ER");
                in_record_ = false;
                bad_ = false;
                bad_outside_ = false;
                continue;
            }
            if (tag == "PT") {
                if (in_record_ && !bad_)
                    malformed(error_code::missing_terminator, f_.line, "ER",
                              "record has no ER before the next PT on line " + std::to_string(ln));
                f_.clear();
                f_.line = ln;
                in_record_ = true;
                bad_ = false;
                bad_outside_ = false;
                continue;
            }
            if (!in_record_) {
                if (!bad_outside_) malformed(error_code::bad_markup, ln, tag, "field " + std::string(tag) + " outside a record (missing PT?)");
                bad_outside_ = true;
                continue;
            }
            if (tag == "ER") {
                in_record_ = false;
                if (bad_) {
                    bad_ = false;
                    continue;
                }
                return true;
            }
            if (!detail::is_known_derwent_tag(tag)) {
                detail::unknown_tag(opts_.unknown_tags, lines_.source(), ln, tag, issues_);
                stats_.count_skip("fields with an unknown tag");
                continue;
            }
            in_ds_ = tag == "DS";
            title_ = tag == "TI";
            cont_ = field_of(tag);
            add(tl.value, ln);
        }
        if (in_record_ && !bad_) malformed(error_code::truncated, f_.line, "ER", "input ends inside a record (no ER): truncated file?");
        in_record_ = false;
        return false;
    }

    // The year of a date (parse_date_year, counted by rule); false when it is not a date.
    bool date_year_of(std::string_view text, year_type& y) {
        const auto d = parse_date_year(text);
        if (!d) return false;
        ++stats_.date_rules[static_cast<std::size_t>(d->rule)];
        y = d->year;
        return true;
    }

    // The earliest year of the dates in column `col` of `items` (the last column when col is
    // npos); false (a malformed record) when one is not a date.
    bool earliest(const std::vector<item>& items, std::size_t col, const char* tag, year_type& out) {
        out = no_year;
        for (const auto& it : items) {
            detail::derwent_columns(it.text, cols_);
            const std::size_t k = col == npos ? cols_.size() - 1 : col;
            if (cols_.empty() || k >= cols_.size()) {
                malformed(error_code::bad_year, it.line, tag, std::string(tag) + " line has no date: '" + it.text + "'");
                return false;
            }
            year_type y = no_year;
            if (!date_year_of(cols_[k], y)) {
                malformed(error_code::bad_year, it.line, tag,
                          std::string(tag) + " date is not 'D Mon YYYY': '" + std::string(cols_[k]) + "'");
                return false;
            }
            if (out == no_year || y < out) out = y;
        }
        return true;
    }

    // Checks the record in f_ and writes it to `sink`; false when it was malformed and skipped.
    template <class Sink>
    bool emit(Sink& sink) {
        // the family members
        members_.clear();
        member_texts_.clear();
        for (const auto& it : f_.pn)
            for (auto m : split_list(it.text, ";")) {
                m = trim(m);
                if (m.empty()) continue;
                std::string id = detail::publication_id(m);
                if (id.empty()) {
                    malformed(error_code::bad_value, it.line, "PN", "PN member is not a publication number: '" + std::string(m) + "'");
                    return false;
                }
                member_texts_.emplace_back(m);
                members_.push_back(std::move(id));
            }
        if (members_.empty()) {
            malformed(error_code::bad_value, f_.line, "PN", "record has no PN (publication numbers)");
            return false;
        }
        year_type publication = no_year, application = no_year, priority = no_year;
        if (!earliest(f_.pd, 1, "PD", publication) || !earliest(f_.ad, npos, "AD", application) ||
            !earliest(f_.pi, npos, "PI", priority))
            return false;
        // IPC: the main code of the first PD line, then IP in order
        const std::string where = lines_.source() + ":" + std::to_string(f_.line);
        codes_.clear();
        parsed_.clear();
        detail::unique_list codes(codes_);
        const auto code = [&](std::string_view text, std::size_t line, const char* tag) {
            text = trim(text);
            if (text.empty()) return;
            const auto c = classification::try_parse_ipc(text);
            if (!c) {
                stats_.reject_code(where, text, tag, text);
                return;
            }
            if (!codes.push(c->to_string(classification::ipc_format::compact))) return;
            parsed_.push_back(*c);
            if (codes.size() > opts_.max_codes_per_record)
                ::techconv::detail::throw_error<parse_error>(
                    error_code::limit_exceeded, source_location{lines_.source(), line, 0, 0, tag},
                    "more than " + std::to_string(opts_.max_codes_per_record) +
                        " distinct IPC codes in one record (derwent_options::max_codes_per_record)");
        };
        if (!f_.pd.empty()) {
            detail::derwent_columns(f_.pd.front().text, cols_);
            if (cols_.size() > 2 && classification::try_parse_ipc(cols_[2])) code(cols_[2], f_.pd.front().line, "PD");
        }
        for (const auto& it : f_.ip)
            for (const auto c : split_list(it.text, ";")) code(c, it.line, "IP");
        // applicants (the Derwent code dropped; "-Individual" types a person), inventors
        applicants_.clear();
        keys_.clear();
        {
            detail::unique_list seen(keys_);
            for (const auto& it : f_.ae) {
                const auto [name, dcode] = detail::derwent_assignee(it.text);
                if (name.empty() || !seen.push(detail::name_key(name))) continue;
                party p;
                p.name.assign(name.data(), name.size());
                const std::string_view individual = "-Individual";
                if (dcode.size() >= individual.size() &&
                    dcode.substr(dcode.size() - individual.size()) == individual)
                    p.type = applicant_type::individual;
                applicants_.push_back(std::move(p));
            }
        }
        if (opts_.classify_applicants) classifier_.classify(applicants_);
        // cited patents: lines other than a citing member's own line; first token, each once
        cited_.clear();
        std::size_t npl = 0;
        {
            detail::unique_list cited(cited_);
            for (const auto& it : f_.cp) {
                if (is_member_line(it.text)) continue;
                const auto t = first_token(it.text);
                std::string id = detail::publication_id(t);
                if (id.empty()) {
                    malformed(error_code::bad_value, it.line, "CP", "cited patent is not a publication number: '" + std::string(t) + "'");
                    return false;
                }
                cited.push(std::move(id));
            }
            npl_.clear();
            detail::unique_list refs(npl_);
            for (const auto& it : f_.cr)
                if (!is_member_line(it.text)) refs.push(it.text);
            npl = npl_.size();
        }
        // every check done: the record is one row
        sink.begin_row(f_.line);
        detail::row_guard<Sink> guard(sink);
        const std::string_view id = members_.front();
        sink.set_id(id);
        std::string_view family = id;
        for (const auto& m : members_)
            if (std::string_view(m) < family) family = m;
        sink.set_family_id(family);
        sink.set_jurisdiction(id.substr(0, 2));
        const auto last_blank = id.rfind(' ');
        sink.set_kind(last_blank > 2 ? id.substr(last_blank + 1) : std::string_view());
        sink.set_title(f_.title);
        sink.set_years(publication, application, priority != no_year ? priority : application);
        for (const auto& p : applicants_) sink.add_applicant(p.name, p.country, p.type);
        {
            keys_.clear();
            detail::unique_list seen(keys_);
            for (const auto& it : f_.au)
                if (seen.push(detail::name_key(it.text))) sink.add_inventor(it.text, {}, applicant_type::individual);
        }
        for (std::size_t k = 0; k < codes_.size(); ++k) sink.add_ipc(codes_[k], parsed_[k]);
        {
            keys_.clear();
            detail::unique_list seen(keys_);
            for (const auto& m : members_)
                if (seen.push(m.substr(0, 2))) sink.add_family_jurisdiction(keys_.back());
        }
        {
            keys_.clear();
            detail::unique_list seen(keys_);
            for (const auto& it : f_.pi) {
                detail::derwent_columns(it.text, cols_);
                const std::string_view number = cols_.empty() ? std::string_view() : cols_.front();
                if (number.size() >= 2 && detail::is_alpha(number[0]) && detail::is_alpha(number[1]) &&
                    seen.push(std::string{ascii_upper(number[0]), ascii_upper(number[1])}))
                    sink.add_priority_country(keys_.back());
                if (!number.empty()) sink.add_priority_number(number);
            }
        }
        for (const auto& c : cited_) sink.add_cited_patent(c);
        sink.supply(patent_field::ipc);
        sink.supply(patent_field::applicants);
        sink.supply(patent_field::inventors);
        sink.supply(patent_field::family_jurisdictions);
        sink.supply(patent_field::priority_countries);
        sink.set_count(indicator::backward_citations, static_cast<std::int64_t>(cited_.size()));
        sink.set_count(indicator::npl_citations, static_cast<std::int64_t>(npl));
        sink.set_count(indicator::family_size, static_cast<std::int64_t>(members_.size()));
        guard.commit();
        return true;
    }

    static std::string_view first_token(std::string_view s) {
        s = trim(s);
        const auto e = s.find_first_of(" \t");
        return e == std::string_view::npos ? s : s.substr(0, e);
    }
    // A line naming only a member of the record's PN: the citing member a CP/CR group starts with.
    bool is_member_line(std::string_view s) const {
        s = trim(s);
        for (const auto& m : member_texts_)
            if (s == m) return true;
        return false;
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    derwent_options opts_;
    applicant_classifier classifier_{opts_.rules ? *opts_.rules : default_applicant_rules()};
    line_reader lines_;
    mutable patent_read_stats stats_;  // stats() copies the line reader's encoding evidence
    std::vector<read_issue> issues_;
    fields f_;
    std::vector<item>* cont_ = nullptr;  // field receiving continuation lines
    bool title_ = false;                 // TI receives them (joined by blanks)
    bool in_ds_ = false;                 // DS: its tab- and number-started lines continue it
    bool in_record_ = false, bad_ = false, bad_outside_ = false;
    // scratch of the current record, reused
    std::vector<std::string> members_, member_texts_, codes_, keys_, cited_, npl_;
    std::vector<classification::ipc_code> parsed_;
    std::vector<party> applicants_;
    std::vector<std::string_view> cols_;
};

/// \brief Reads all records of a Derwent export. \sa derwent_reader
inline std::vector<patent_record> read_derwent(const std::string& path, const derwent_options& opts = {}) {
    derwent_reader r(path, opts);
    return r.read_all();
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_DERWENT_HPP_
