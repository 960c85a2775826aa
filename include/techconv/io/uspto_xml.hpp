// SPDX-License-Identifier: BSL-1.0
//
// Reader of USPTO full-text grant (and pre-grant publication) XML, DTD
// versions 4.0 to 4.x: the weekly bulk files concatenate one XML document
// per patent; documents that are not patents (sequence listings, ...) are
// skipped and counted.
#ifndef TECHCONV_IO_USPTO_XML_HPP_
#define TECHCONV_IO_USPTO_XML_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t
#include <fstream>      // std::ifstream
#include <istream>      // std::istream
#include <memory>       // std::unique_ptr
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/applicant_type.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/format/detail/xml_tokenizer.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/patent_sink.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Options of uspto_xml_reader.
struct uspto_xml_options {
    /// Count `<assignee>` entries as applicants next to `<applicant>` /
    /// `<us-applicant>` (before 2013 the applicants are the inventors, the
    /// owners are the assignees).
    bool assignees_are_applicants = true;
    bool classify_applicants = true;          ///< classify organisation names by name rules
    const applicant_rules* rules = nullptr;   ///< rules (nullptr: default_applicant_rules())
    std::size_t buffer_bytes = std::size_t{1} << 20;      ///< read block size
    std::size_t max_token_bytes = std::size_t{64} << 20;  ///< longer tags or texts: line_too_long
    /// Elements open at once at most (a grant nests about 10 deep); deeper is limit_exceeded.
    /// Each open element costs its name and a line number: 100 M nested elements used to end in
    /// bad_alloc.
    std::size_t max_depth = 256;
    /// IPC entries and CPC entries of one patent at most (each; see
    /// patent_csv_options::max_codes_per_record); more is limit_exceeded.
    std::size_t max_codes_per_record = 1000;
    /// automatic: a BOM (UTF-16 is transcoded), else each document's `<?xml encoding=...?>`
    /// declaration, else UTF-8 (bytes that are not UTF-8 read as CP1252, counted); any other
    /// value overrides the declarations.
    text_encoding encoding = text_encoding::automatic;
};

/// \brief Streaming reader of USPTO grant XML (`ipgYYMMDD.xml` bulk files).
///
/// A stream holds XML documents one after another, each with its own
/// `<?xml ...?>` declaration and DOCTYPE. Root elements `us-patent-grant` and
/// `us-patent-application` become records; any other root (`sequence-cwu`
/// sequence listings, ...) is skipped and counted in stats().skipped.
///
/// Extracted per patent: id `US 8418590 B2` (zero padding of the number
/// removed), publication / application / earliest priority years (no
/// priority claim: the filing year), the `appl-type` as document type,
/// title, IPC codes (`classification-ipcr`, the `F` symbol position first;
/// the fixed-width IPC-7 `classification-ipc` of DTD v4.0), CPC codes
/// (`classifications-cpc`, main first), applicants (`applicant` /
/// `us-applicant`, and `assignee` when `assignees_are_applicants`) and
/// inventors (`inventor`, and applicants of type `applicant-inventor`), each
/// with the country of its address (else of its residence), persons typed
/// `individual`; priority countries; the cited patents (`us-citation/patcit/document-id`,
/// as publication numbers in the form of the record id, each once). Stated counts: backward
/// citations (`patcit`), NPL citations (`nplcit`), claims (`number-of-claims`).
/// Forward citations, family size and filing countries are not in this
/// format and stay absent.
///
/// Errors (parse_error with file and line): truncated documents (`truncated`,
/// at the line of the unclosed root), mismatched tags (`bad_markup`), invalid
/// UTF-8 (`bad_encoding`), NUL bytes, a patent without a publication number
/// (`bad_value`), a date that does not parse (`bad_year`), a claim count that
/// is not a number (`bad_number`).
///
/// Memory: one document's bibliographic fields; text is streamed.
/// Not safe for concurrent use.
class uspto_xml_reader {
public:
    /// Reads the file at `path`.
    explicit uspto_xml_reader(const std::string& path, uspto_xml_options opts = {})
        : opts_(std::move(opts)), owned_(detail::open_input_file(path)),
          tz_(*owned_, path, opts_.buffer_bytes, opts_.max_token_bytes, opts_.encoding, opts_.max_depth) {
        stats_.layout = "uspto-xml";
    }
    /// Reads `in`; `source` names it in messages.
    uspto_xml_reader(std::istream& in, std::string source, uspto_xml_options opts = {})
        : opts_(std::move(opts)), tz_(in, std::move(source), opts_.buffer_bytes,
                                      opts_.max_token_bytes, opts_.encoding, opts_.max_depth) {
        stats_.layout = "uspto-xml";
    }

    uspto_xml_reader(const uspto_xml_reader&) = delete;
    uspto_xml_reader& operator=(const uspto_xml_reader&) = delete;

    /// Reads the next patent into `out`, skipping other documents. False at the end.
    bool next(patent_record& out) {
        patent_record_sink s(out);
        return next_into(s);
    }
    /// \brief Reads the next patent into `sink` (records::patent_table, patent_record_sink
    /// or any type with their row functions), skipping other documents. The document is
    /// parsed whole (its fields come in any order) and then written as one row.
    /// False at the end.
    template <class Sink>
    bool next_into(Sink& out) {
        for (;;) {
            const auto t = tz_.next();
            if (t == detail::xml_token::end_of_input) return false;
            if (t != detail::xml_token::start || tz_.depth() != 1) continue;
            ++stats_.documents;
            const std::string root(tz_.name());
            if (root == "us-patent-grant" || root == "us-patent-application") {
                parse_patent(out);
                ++stats_.records;
                return true;
            }
            skip_document();
            stats_.count_skip(root);
        }
    }

    /// Reads all remaining patents.
    std::vector<patent_record> read_all() { return detail::read_all_patents(*this); }

    /// Counters: patents read, documents seen, documents skipped by root name.
    const patent_read_stats& stats() const noexcept {
        stats_.set_text(tz_.encoding());
        return stats_;
    }
    /// Bytes consumed (for progress reports).
    std::uint64_t bytes_read() const noexcept { return tz_.bytes_read(); }

private:

    void skip_document() {
        for (;;) {
            const auto t = tz_.next();
            if (t == detail::xml_token::end && tz_.depth() == 0) return;
        }
    }

    struct party_state {
        std::string org, last, first, address_country, residence_country, app_type;
        void clear() {
            org.clear();
            last.clear();
            first.clear();
            address_country.clear();
            residence_country.clear();
            app_type.clear();
        }
    };
    struct code_state {
        std::string section, klass, subclass, main_group, subgroup, position;
        void clear() {
            section.clear();
            klass.clear();
            subclass.clear();
            main_group.clear();
            subgroup.clear();
            position.clear();
        }
        std::string code() const {
            if (section.empty() || klass.empty() || subclass.empty() || main_group.empty())
                return {};
            return detail::normalize_code(section + klass + subclass + main_group + "/" +
                                          (subgroup.empty() ? std::string("00") : subgroup));
        }
    };

    // The patent's own IPC-7 classification is a child of the bibliographic
    // data; the ones inside citations and fields of search are other documents'.
    static bool is_biblio(std::string_view n) noexcept {
        return n == "us-bibliographic-data-grant" || n == "us-bibliographic-data-application";
    }

    year_type year_text(std::string_view s, std::size_t line, const char* field) const {
        const auto y = detail::year_of(s);
        if (!y) {
            tz_.fail_at(line, error_code::bad_year,
                        "expected a date YYYYMMDD, found '" + std::string(s) + "'", field);
        }
        return *y;
    }

    void add_party(std::vector<party>& list, std::vector<std::string>& keys, const party_state& p) {
        party q;
        if (!p.org.empty()) {
            q.name = p.org;
        } else {
            q.name = p.last;
            if (!p.first.empty()) q.name += (q.name.empty() ? "" : ", ") + p.first;
            if (!q.name.empty()) q.type = applicant_type::individual;
        }
        if (q.name.empty()) return;
        q.country = p.address_country.empty() ? p.residence_country : p.address_country;
        if (q.country == "unknown") q.country.clear();
        if (!detail::push_unique(keys, detail::name_key(q.name))) return;
        list.push_back(std::move(q));
    }

    void count_codes(std::size_t n, std::string_view element) const {
        if (n > opts_.max_codes_per_record)
            tz_.fail(error_code::limit_exceeded,
                     "more than " + std::to_string(opts_.max_codes_per_record) +
                         " classification entries in one patent (uspto_xml_options::max_codes_per_record)",
                     std::string(element));
    }

    template <class Sink>
    void parse_patent(Sink& sink) {
        const std::size_t source_line = tz_.line();
        document_type_.assign(tz_.name() == "us-patent-grant" ? "grant" : "application");
        title_.clear();
        applicants_.clear();
        inventors_.clear();
        priority_countries_.clear();
        cited_.clear();
        std::string pub_country, pub_number, pub_kind, pub_date, app_date, prio_country, prio_date;
        std::string claims_text;
        std::size_t pub_date_line = 0, app_date_line = 0, prio_date_line = 0;
        std::int64_t patcit = 0, nplcit = 0;
        bool has_ipc = false, in_biblio_seen = false;
        party_state ps;
        code_state cs;
        std::vector<std::string> app_keys, inv_keys, ipc_main, ipc_rest, cpc_main, cpc_rest;
        year_type prio_year = no_year;
        for (;;) {
            const auto t = tz_.next();
            if (t == detail::xml_token::end && tz_.depth() == 0) break;
            if (t == detail::xml_token::start) {
                const auto n = tz_.name();
                if (n == "us-bibliographic-data-grant" || n == "us-bibliographic-data-application") {
                    in_biblio_seen = true;
                } else if (n == "patcit") {
                    ++patcit;
                    cited_.emplace_back();
                } else if (n == "nplcit") {
                    ++nplcit;
                } else if (n == "classification-ipcr" || n == "classification-cpc") {
                    cs.clear();
                } else if (n == "applicant" || n == "us-applicant" || n == "inventor" ||
                           n == "assignee") {
                    ps.clear();
                    if (auto a = tz_.attribute("app-type")) ps.app_type = *a;
                } else if (n == "application-reference") {
                    if (auto a = tz_.attribute("appl-type")) document_type_ = *a;
                } else if (n == "classifications-ipcr" ||
                           (n == "classification-ipc" && is_biblio(tz_.ancestor(1)))) {
                    has_ipc = true;
                }
                continue;
            }
            if (t == detail::xml_token::text) {
                const auto top = tz_.ancestor(0);
                const auto parent = tz_.ancestor(1);
                const std::string_view txt = trim(tz_.text());
                if (tz_.inside("invention-title")) {
                    if (!title_.empty()) title_ += ' ';
                    title_ += txt;
                } else if (parent == "document-id" && tz_.inside("publication-reference") &&
                           !tz_.inside("us-related-documents")) {
                    if (top == "country") pub_country = std::string(txt);
                    if (top == "doc-number") pub_number = std::string(txt);
                    if (top == "kind") pub_kind = std::string(txt);
                    if (top == "date") {
                        pub_date = std::string(txt);
                        pub_date_line = tz_.line();
                    }
                } else if (parent == "document-id" && tz_.inside("patcit") && !cited_.empty()) {
                    auto& c = cited_.back();  // a cited patent's publication number
                    if (top == "country") c.country = std::string(txt);
                    if (top == "doc-number") c.number = std::string(txt);
                    if (top == "kind") c.kind = std::string(txt);
                } else if (parent == "document-id" && tz_.inside("application-reference")) {
                    if (top == "date") {
                        app_date = std::string(txt);
                        app_date_line = tz_.line();
                    }
                } else if (parent == "priority-claim") {
                    if (top == "country") prio_country = std::string(txt);
                    if (top == "date") {
                        prio_date = std::string(txt);
                        prio_date_line = tz_.line();
                    }
                } else if (parent == "classification-ipcr" || parent == "classification-cpc") {
                    if (top == "section") cs.section = std::string(txt);
                    if (top == "class") cs.klass = std::string(txt);
                    if (top == "subclass") cs.subclass = std::string(txt);
                    if (top == "main-group") cs.main_group = std::string(txt);
                    if (top == "subgroup") cs.subgroup = std::string(txt);
                    if (top == "symbol-position") cs.position = std::string(txt);
                } else if (parent == "classification-ipc" && is_biblio(tz_.ancestor(2))) {
                    const auto code = detail::legacy_ipc_to_code(txt);
                    if (!code.empty() && top == "main-classification") ipc_main.push_back(code);
                    if (!code.empty() && top == "further-classification") ipc_rest.push_back(code);
                } else if (top == "number-of-claims") {
                    claims_text = std::string(txt);
                } else if (tz_.inside("addressbook") || parent == "residence") {
                    if (top == "orgname") ps.org = std::string(txt);
                    if (top == "last-name") ps.last = std::string(txt);
                    if (top == "first-name") ps.first = std::string(txt);
                    if (top == "country" && parent == "address") ps.address_country = std::string(txt);
                    if (top == "country" && parent == "residence") ps.residence_country = std::string(txt);
                }
                continue;
            }
            if (t != detail::xml_token::end) continue;
            const auto n = tz_.name();
            if (n == "classification-ipcr") {
                auto code = cs.code();
                if (!code.empty()) (cs.position == "F" ? ipc_main : ipc_rest).push_back(std::move(code));
                count_codes(ipc_main.size() + ipc_rest.size(), n);
            } else if (n == "classification-cpc") {
                auto code = cs.code();
                if (!code.empty())
                    (tz_.inside("main-cpc") ? cpc_main : cpc_rest).push_back(std::move(code));
                count_codes(cpc_main.size() + cpc_rest.size(), n);
            } else if (n == "priority-claim") {
                if (prio_country.size() == 2) detail::push_unique(priority_countries_, prio_country);
                if (!prio_date.empty()) {
                    const auto y = year_text(prio_date, prio_date_line, "priority-claim/date");
                    if (prio_year == no_year || y < prio_year) prio_year = y;
                }
                prio_country.clear();
                prio_date.clear();
            } else if (n == "applicant" || n == "us-applicant") {
                add_party(applicants_, app_keys, ps);
                if (ps.app_type == "applicant-inventor") add_party(inventors_, inv_keys, ps);
            } else if (n == "inventor") {
                add_party(inventors_, inv_keys, ps);
            } else if (n == "assignee" && opts_.assignees_are_applicants) {
                add_party(applicants_, app_keys, ps);
            }
        }
        if (pub_number.empty()) {
            tz_.fail_at(source_line, error_code::bad_value,
                        "patent document without a publication number", "publication-reference");
        }
        const std::string jurisdiction = pub_country.empty() ? std::string("US") : pub_country;
        const std::string id = detail::publication_id(jurisdiction, pub_number, pub_kind);
        year_type publication = no_year, application = no_year;
        if (!pub_date.empty()) publication = year_text(pub_date, pub_date_line, "publication-reference/date");
        if (!app_date.empty()) application = year_text(app_date, app_date_line, "application-reference/date");
        // an entry that is no IPC/CPC symbol is dropped and counted; the others are parsed once
        std::vector<std::string> ipc_kept, cpc_kept;
        std::vector<classification::ipc_code> ipc_codes, cpc_codes;
        detail::unique_list ipc(ipc_kept), cpc(cpc_kept);
        const std::string where = tz_.source() + ":" + std::to_string(source_line);
        const auto keep = [&](detail::unique_list& list, std::vector<classification::ipc_code>& parsed_codes,
                              std::vector<std::string>& codes, const char* element) {
            for (auto& c : codes) {
                const auto parsed = classification::try_parse_ipc(c);
                if (!parsed) stats_.reject_code(where, c, element, c);
                else if (list.push(c)) parsed_codes.push_back(*parsed);
            }
        };
        keep(ipc, ipc_codes, ipc_main, "classification-ipcr");
        keep(ipc, ipc_codes, ipc_rest, "classification-ipcr");
        keep(cpc, cpc_codes, cpc_main, "classification-cpc");
        keep(cpc, cpc_codes, cpc_rest, "classification-cpc");
        std::int64_t claims = -1;
        if (!claims_text.empty()) {
            if (parse_int64(claims_text, claims) != number_status::ok || claims < 0) {
                tz_.fail_at(source_line, error_code::bad_number,
                            "number-of-claims is not a count: '" + claims_text + "'",
                            "number-of-claims");
            }
        }
        if (opts_.classify_applicants) classifier_.classify(applicants_);
        // every check done: the document is one row
        sink.begin_row(source_line);
        detail::row_guard<Sink> guard(sink);
        sink.set_id(id);
        sink.set_jurisdiction(jurisdiction);
        sink.set_kind(pub_kind);
        sink.set_document_type(document_type_);
        sink.set_title(title_);
        sink.set_years(publication, application, prio_year != no_year ? prio_year : application);
        for (const auto& p : applicants_) sink.add_applicant(p.name, p.country, p.type);
        for (const auto& p : inventors_) sink.add_inventor(p.name, p.country, p.type);
        for (std::size_t k = 0; k < ipc_kept.size(); ++k) sink.add_ipc(ipc_kept[k], ipc_codes[k]);
        for (std::size_t k = 0; k < cpc_kept.size(); ++k) sink.add_cpc(cpc_kept[k], cpc_codes[k]);
        for (const auto& c : priority_countries_) sink.add_priority_country(c);
        {
            std::vector<std::string> cited_ids;
            detail::unique_list cited(cited_ids);
            for (const auto& c : cited_)
                if (!trim(c.number).empty() && cited.push(detail::publication_id(c.country, c.number, c.kind)))
                    sink.add_cited_patent(cited_ids.back());
        }
        if (has_ipc) sink.supply(patent_field::ipc);
        if (!cpc_kept.empty()) sink.supply(patent_field::cpc);
        sink.supply(patent_field::applicants);
        sink.supply(patent_field::inventors);
        sink.supply(patent_field::party_countries);
        sink.supply(patent_field::priority_countries);
        if (in_biblio_seen) {
            sink.set_count(indicator::backward_citations, patcit);
            sink.set_count(indicator::npl_citations, nplcit);
        }
        if (claims >= 0) sink.set_count(indicator::claims, claims);
        guard.commit();
    }

    uspto_xml_options opts_;
    applicant_classifier classifier_{opts_.rules ? *opts_.rules : default_applicant_rules()};
    std::unique_ptr<std::ifstream> owned_;
    detail::xml_tokenizer tz_;
    mutable patent_read_stats stats_;  // stats() copies the tokenizer's encoding evidence
    // the current document's fields that come in any order, kept until it ends
    std::string document_type_, title_;
    std::vector<party> applicants_, inventors_;
    struct cited_document {
        std::string country, number, kind;
    };
    std::vector<cited_document> cited_;  // us-citation/patcit document-ids, in order
    std::vector<std::string> priority_countries_;
};

/// \brief Reads all patents of a USPTO XML file. \sa uspto_xml_reader
inline std::vector<patent_record> read_uspto_xml(const std::string& path,
                                                 const uspto_xml_options& opts = {}) {
    uspto_xml_reader r(path, opts);
    return r.read_all();
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_USPTO_XML_HPP_
