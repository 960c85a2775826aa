// SPDX-License-Identifier: BSL-1.0
//
// Reader of Lens.org patent records in JSON: the responses of the Lens Patent
// API (`https://api.lens.org/patent/search`: pages `{"total":N,"data":[...],
// ...}`) and JSON Lines of the same records, into the patent record layer with
// the rules of the Lens CSV reader (io/lens.hpp, io/generic_csv.hpp).
#ifndef TECHCONV_IO_LENS_JSON_HPP_
#define TECHCONV_IO_LENS_JSON_HPP_

#include <algorithm>    // std::find
#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t
#include <istream>      // std::istream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/json_reader.hpp"
#include "techconv/format/line_reader.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/applicant_type.hpp"
#include "techconv/io/bibliographic.hpp"  // malformed_policy, read_issue
#include "techconv/io/dates.hpp"
#include "techconv/io/generic_csv.hpp"    // patent_read_stats, the Lens rules (detail::simple_family_key, ...)
#include "techconv/io/json_items.hpp"
#include "techconv/io/patent_sink.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Options of lens_json_reader.
struct lens_json_options {
    /// A malformed record: parse_error (error, the default) or dropped, counted and listed (skip).
    /// Text that is not JSON is always an error.
    malformed_policy malformed = malformed_policy::error;
    /// automatic: decided from the first block (the API writes UTF-8); else this encoding.
    text_encoding encoding = text_encoding::automatic;
    /// Distinct IPC codes, and as many CPC codes, of one record at most; more is limit_exceeded.
    std::size_t max_codes_per_record = 1000;
    bool classify_applicants = true;         ///< type applicants by name rules
    const applicant_rules* rules = nullptr;  ///< rules (nullptr: default_applicant_rules())
    /// Records of the file before this input, when it is a part of a file read alone (a rank's
    /// share under mpirun): messages number the first record read records_before + 1.
    std::size_t records_before = 0;
};

/// \brief Streaming reader of Lens patent records in JSON (Lens Patent API responses and JSON Lines).
///
/// Input, found with detail::json_item_cursor: response pages (the records in the member
/// `data`; `total`, `max_score`, `scroll_id`, `results` and any other member of the page
/// passed over), several pages one after another, a JSON array of records, a single record,
/// and JSON Lines of records (one per line, as a bulk export gives them). Memory: the text of
/// one page (or one line) and one record's fields; records are delivered one at a time.
///
/// Fields (docs/io-patents.md, "Lens patent JSON"), each read when the record has it (a
/// request's `include` list decides which it has), with the rules of the Lens CSV reader:
///  - `lens_id` (required) as the Lens ID; the id is the publication number
///    detail::publication_id(`jurisdiction`, `doc_number`, `kind`) (`US 9833479 B2`; each
///    from `biblio.publication_reference` when the record has no top-level one; no number or
///    no jurisdiction: the Lens ID); document type `publication_type`; title `biblio.invention_title[]` (the
///    English one, else the first);
///  - publication year `date_published` (else `biblio.publication_reference.date`);
///    application year `biblio.application_reference.date`; priority year
///    `biblio.priority_claims.earliest_claim.date`, else the earliest
///    `biblio.priority_claims.claims[].date`, else the application year; each date by
///    parse_date_year;
///  - priority numbers `biblio.priority_claims.claims[]` (`jurisdiction doc_number kind`),
///    their countries by detail::priority_country_into;
///  - applicants and inventors `biblio.parties.applicants[]` / `inventors[]`:
///    `extracted_name.value` with `residence` (two letters, else empty), each name key once;
///    applicants typed by name rules;
///  - IPC `biblio.classifications_ipcr.classifications[].symbol`, CPC
///    `biblio.classifications_cpc.classifications[].symbol` (normalised like the CSV's codes,
///    main first, each once; an item that is no symbol is dropped and counted);
///  - backward citations `biblio.references_cited.patent_count`, else the number of
///    `citations[]` with a `patcit`; their publication numbers (`patcit.document_id`, else
///    `patcit.lens_id`) as cited patents; NPL citations `references_cited.npl_count`, else the
///    number of `citations[]` with an `nplcit`; forward citations `biblio.cited_by.patent_count`,
///    else the length of `biblio.cited_by.patents[]`; the citing documents of that list
///    (`document_id`, else `lens_id`, as for a `patcit`; each once) as citing patents, and the
///    list's presence as patent_field::citing_list;
///  - family key detail::simple_family_key(`lens_id`, `families.simple_family.members[].lens_id`);
///    family size `families.simple_family.size`, else the number of members; filing
///    jurisdictions the members' `document_id.jurisdiction`;
///  - claims: the number of `claims[].claims[]` of the first language group.
///
/// Errors (parse_error naming the file, the line, the record's index in the file as the record,
/// and the member path such as `data[].biblio.application_reference.date`): text that is not
/// JSON (bad_markup) or that ends inside a value (truncated), always errors; a record that is
/// not an object or has no string `lens_id` (bad_value); a member of another type than the
/// schema's (an object or array member that is a string, a name that is a number: bad_value); a
/// date that is not a date (bad_year); a count that is not a whole number >= 0 (bad_number);
/// more codes than max_codes_per_record (limit_exceeded, always an error). A null member is
/// absent. Under malformed_policy::skip a record with a bad member is dropped, counted in
/// stats().skipped as "malformed records" and listed in issues().
///
/// Not safe for concurrent use.
/// \code
/// techconv::io::lens_json_reader r("lens-patents.jsonl");
/// techconv::io::patent_record rec;
/// while (r.next(rec)) use(rec.ipc);
/// \endcode
class lens_json_reader {
public:
    /// Reads the file at `path`. \throws parse_error (io_error) if it cannot be opened.
    explicit lens_json_reader(const std::string& path, lens_json_options opts = {})
        : opts_(std::move(opts)), items_(path, line_opts(opts_), "a Lens patent record") {
        index_ = opts_.records_before;
        stats_.layout = "lens-json";
    }
    /// Reads `in`; `source` names it in messages.
    lens_json_reader(std::istream& in, std::string source, lens_json_options opts = {})
        : opts_(std::move(opts)), items_(in, std::move(source), line_opts(opts_), "a Lens patent record") {
        index_ = opts_.records_before;
        stats_.layout = "lens-json";
    }

    /// Reads the next record into `out`. False at the end of input.
    bool next(patent_record& out) {
        patent_record_sink s(out);
        return next_into(s);
    }
    /// \brief Reads the next record into `sink` (records::patent_table, patent_record_sink or
    /// any type with their row functions). False at the end of input. \throws parse_error.
    template <class Sink>
    bool next_into(Sink& sink) {
        for (;;) {
            if (!items_.next_object()) return false;
            const bool whole = read_record();
            items_.end_object();
            if (!whole) continue;  // a page opened, or a record skipped
            emit(sink);
            ++stats_.records;
            return true;
        }
    }

    /// Reads all remaining records.
    std::vector<patent_record> read_all() { return detail::read_all_patents(*this); }

    /// Counters: records read, records skipped ("malformed records"), rejected codes, dates by
    /// rule, the encoding.
    const patent_read_stats& stats() const noexcept {
        stats_.set_text(items_.encoding());
        return stats_;
    }
    /// The records skipped so far (malformed_policy::skip), with their lines and messages.
    const std::vector<read_issue>& issues() const noexcept { return issues_; }
    /// Bytes consumed (for progress reports).
    std::uint64_t bytes_read() const noexcept { return items_.bytes_read(); }

private:
    struct reference {  // a publication: biblio.publication_reference, a priority claim, a member
        std::string jurisdiction, doc_number, kind;
        void clear() {
            jurisdiction.clear();
            doc_number.clear();
            kind.clear();
        }
    };

    static line_options line_opts(const lens_json_options& o) {
        line_options l;
        l.encoding = o.encoding;
        return l;
    }

    void clear() {
        lens_id_.clear();
        top_.clear();
        pub_ref_.clear();
        type_.clear();
        title_.clear();
        title_en_ = false;
        publication_ = pub_ref_year_ = application_ = earliest_claim_ = claims_min_ = no_year;
        priority_numbers_.clear();
        applicants_.clear();
        inventors_.clear();
        ipc_items_.clear();
        cpc_items_.clear();
        cited_.clear();
        citing_.clear();
        members_.clear();
        member_juris_.clear();
        patcit_ = nplcit_ = forward_listed_ = 0;
        patent_count_ = npl_count_ = forward_count_ = family_size_ = claims_ = -1;
        has_ipc_ = has_cpc_ = has_applicants_ = has_inventors_ = has_priority_ = has_citations_ = has_forward_list_ =
            has_members_ = false;
        bad_ = false;
    }

    json_pull& json() noexcept { return items_.json(); }

    // A problem of the record being read (the first one counts): its location and message.
    // `field` empty: the member being read (json().path()).
    void note(error_code c, const std::string& msg, std::string field = {}) {
        if (bad_) return;
        bad_ = true;
        problem_code_ = c;
        problem_ = msg;
        problem_line_ = json().line();
        problem_field_ = field.empty() ? json().path() : std::move(field);
    }
    void pass_over(json_token t) { detail::pass_over(json(), t); }
    // The path of the value whose first token `t` was just read (json().path() without the
    // array or object `t` opened), and its last member name. (A key's text() view is not valid
    // after the parser moves on: messages take the name from the path, which keeps copies.)
    std::string here(json_token t) {
        std::string p = json().path();
        if (t == json_token::begin_array && p.size() >= 2) p.resize(p.size() - 2);
        else if (t == json_token::begin_object && !p.empty() && p.back() == '.') p.pop_back();
        return p;
    }
    static std::string last_name(const std::string& path) {
        const auto d = path.rfind('.');
        return d == std::string::npos ? path : path.substr(d + 1);
    }
    // A value of another type than expected: noted (bad_value) and passed over.
    void wrong_type(json_token t, const char* expected) {
        if (!bad_) {
            std::string field = here(t);
            note(error_code::bad_value, "`" + last_name(field) + "` is not " + expected, field);
        }
        pass_over(t);
    }

    // A string member into `out` (trimmed); null: empty; another value: noted.
    void string_into(std::string& out) {
        out.clear();
        const json_token t = json().next();
        if (t == json_token::string) out.assign(trim(json().text()));
        else if (t != json_token::null) wrong_type(t, "a string");
    }
    // An object member: `member(key)` for each of its members (it reads or skips the value);
    // null: nothing; another value: noted.
    template <class Member>
    void object(Member&& member) {
        const json_token t = json().next();
        if (t == json_token::null) return;
        if (t != json_token::begin_object) return wrong_type(t, "an object");
        while (json().next() == json_token::key) member(json().text());
    }
    // An array member of objects: `begin()`, `member(key)` for each member, `end()`, object by
    // object; true when it was an array (null: false); another value, or an element that is no
    // object (null elements are passed over), is noted.
    template <class Begin, class Member, class End>
    bool objects(Begin&& begin, Member&& member, End&& end) {
        json_token t = json().next();
        if (t == json_token::null) return false;
        if (t != json_token::begin_array) {
            wrong_type(t, "an array");
            return false;
        }
        while ((t = json().next()) != json_token::end_array) {
            if (t == json_token::null) continue;
            if (t != json_token::begin_object) {
                wrong_type(t, "an object");
                continue;
            }
            begin();
            while (json().next() == json_token::key) member(json().text());
            end();
        }
        return true;
    }
    // A date member: its year (parse_date_year, counted by rule); null or "": no_year; a string
    // that is no date, or another value, is noted (bad_year).
    year_type date_value() {
        const json_token t = json().next();
        if (t == json_token::null) return no_year;
        if (t == json_token::string) {
            const auto v = trim(json().text());
            if (v.empty()) return no_year;
            if (const auto d = parse_date_year(v)) {
                ++stats_.date_rules[static_cast<std::size_t>(d->rule)];
                return d->year;
            }
            note(error_code::bad_year, last_name(here(t)) + " '" + std::string(v) + "' is not a date");
            return no_year;
        }
        const std::string field = here(t);  // the name only on an error (path() builds a string)
        pass_over(t);
        note(error_code::bad_year, last_name(field) + " is not a date string", field);
        return no_year;
    }
    // A count member: a whole number >= 0, or null (-1); anything else is noted (bad_number).
    std::int64_t count_value() {
        const json_token t = json().next();
        if (t == json_token::null) return -1;
        std::int64_t v = -1;
        if (t == json_token::number && parse_int64(json().text(), v) == number_status::ok && v >= 0) return v;
        const std::string shown = t == json_token::number || t == json_token::string ? std::string(json().text()) : "";
        const std::string field = here(t);
        pass_over(t);
        note(error_code::bad_number, last_name(field) + " '" + shown + "' is not a count (a whole number >= 0)", field);
        return -1;
    }
    static void min_year(year_type& into, year_type y) noexcept {
        if (y != no_year && (into == no_year || y < into)) into = y;
    }
    static std::string country_of(std::string_view v) {
        v = trim(v);
        if (v.size() != 2 || !detail::is_alpha(v[0]) || !detail::is_alpha(v[1])) return {};
        return std::string{ascii_upper(v[0]), ascii_upper(v[1])};
    }
    // The members of a document reference (`jurisdiction`, `doc_number`, `kind`, `date`).
    void reference_member(std::string_view k, reference& r, year_type* date) {
        if (k == "jurisdiction") string_into(r.jurisdiction);
        else if (k == "doc_number") string_into(r.doc_number);
        else if (k == "kind") string_into(r.kind);
        else if (date && k == "date") *date = date_value();
        else json().skip();
    }

    // Reads the members of the object just opened: a page (its records follow: false), a record
    // (true), or a record skipped under malformed_policy::skip (false).
    bool read_record() {
        clear();
        const bool top = items_.at_top();
        const std::size_t line = json().line();
        while (json().next() == json_token::key) {
            const std::string_view k = json().text();
            if (top && k == "data") {
                items_.enter_page("data");
                return false;
            }
            member(k);
        }
        ++index_;
        if (lens_id_.empty() && !bad_) {
            bad_ = true;
            problem_code_ = error_code::bad_value;
            problem_ = "a record without a `lens_id` string";
            problem_line_ = line;
            problem_field_ = top ? "lens_id" : "data[].lens_id";
        }
        if (!bad_) return true;
        const std::string msg = "record " + std::to_string(index_) +
                                (lens_id_.empty() ? "" : " (lens_id " + lens_id_ + ")") + ": " + problem_;
        if (opts_.malformed == malformed_policy::error)
            ::techconv::detail::throw_error<parse_error>(
                problem_code_, source_location{items_.source(), problem_line_, 0, index_, problem_field_}, msg);
        issues_.push_back(read_issue{problem_line_, problem_code_, msg + "; record skipped"});
        stats_.count_skip("malformed records");
        return false;
    }

    void member(std::string_view k) {
        if (k == "lens_id") {
            string_into(lens_id_);
            if (lens_id_.empty() && !bad_) note(error_code::bad_value, "lens_id is not a non-empty string");
        } else if (k == "jurisdiction" || k == "doc_number" || k == "kind") {
            reference_member(k, top_, nullptr);
        } else if (k == "date_published") {
            publication_ = date_value();
        } else if (k == "publication_type") {
            string_into(type_);
        } else if (k == "biblio") {
            object([&](std::string_view b) { biblio_member(b); });
        } else if (k == "families") {
            object([&](std::string_view f) {
                if (f != "simple_family") return json().skip();
                object([&](std::string_view m) {
                    if (m == "size") family_size_ = count_value();
                    else if (m == "members") read_members();
                    else json().skip();
                });
            });
        } else if (k == "claims") {
            read_claims();
        } else {
            json().skip();
        }
    }

    void biblio_member(std::string_view b) {
        if (b == "publication_reference") {
            object([&](std::string_view m) { reference_member(m, pub_ref_, &pub_ref_year_); });
        } else if (b == "application_reference") {
            object([&](std::string_view m) {
                if (m == "date") application_ = date_value();
                else json().skip();
            });
        } else if (b == "priority_claims") {
            object([&](std::string_view m) {
                if (m == "earliest_claim") {
                    object([&](std::string_view e) {
                        if (e == "date") earliest_claim_ = date_value();
                        else json().skip();
                    });
                } else if (m == "claims") {
                    reference r;
                    year_type y = no_year;
                    has_priority_ = objects([&] {
                        r.clear();
                        y = no_year;
                    }, [&](std::string_view c) { reference_member(c, r, &y); }, [&] {
                        min_year(claims_min_, y);
                        if (r.doc_number.empty()) return;
                        std::string n = r.jurisdiction;
                        for (const auto* part : {&r.doc_number, &r.kind}) {
                            if (part->empty()) continue;
                            if (!n.empty()) n += ' ';
                            n += *part;
                        }
                        priority_numbers_.push_back(std::move(n));
                    }) || has_priority_;
                } else {
                    json().skip();
                }
            });
        } else if (b == "invention_title") {
            read_title();
        } else if (b == "parties") {
            object([&](std::string_view p) {
                if (p == "applicants") has_applicants_ = read_parties(applicants_) || has_applicants_;
                else if (p == "inventors") has_inventors_ = read_parties(inventors_) || has_inventors_;
                else json().skip();
            });
        } else if (b == "classifications_ipcr" || b == "classifications_cpc") {
            const bool ipc = b == "classifications_ipcr";
            object([&](std::string_view c) {
                if (c != "classifications") return json().skip();
                std::string symbol;
                const bool listed = objects([&] { symbol.clear(); }, [&](std::string_view s) {
                    if (s == "symbol") string_into(symbol);
                    else json().skip();
                }, [&] {
                    if (!symbol.empty()) (ipc ? ipc_items_ : cpc_items_).push_back(symbol);
                });
                (ipc ? has_ipc_ : has_cpc_) = (ipc ? has_ipc_ : has_cpc_) || listed;
            });
        } else if (b == "references_cited") {
            object([&](std::string_view m) {
                if (m == "patent_count") patent_count_ = count_value();
                else if (m == "npl_count") npl_count_ = count_value();
                else if (m == "citations") read_citations();
                else json().skip();
            });
        } else if (b == "cited_by") {
            object([&](std::string_view m) {
                if (m == "patent_count") {
                    forward_count_ = count_value();
                } else if (m == "patents") {
                    read_cited_by();
                } else {
                    json().skip();
                }
            });
        } else {
            json().skip();
        }
    }

    void read_title() {
        std::string text, lang;
        objects([&] {
            text.clear();
            lang.clear();
        }, [&](std::string_view m) {
            if (m == "text") string_into(text);
            else if (m == "lang") string_into(lang);
            else json().skip();
        }, [&] {
            if (text.empty() || title_en_) return;
            const bool en = iequals(lang, "en");
            if (title_.empty() || en) title_ = text;
            title_en_ = en;
        });
    }

    // Parties with their name and residence; true when the member was an array.
    bool read_parties(std::vector<party>& out) {
        std::string value, residence;
        return objects([&] {
            value.clear();
            residence.clear();
        }, [&](std::string_view m) {
            if (m == "residence") {
                string_into(residence);
            } else if (m == "extracted_name") {
                object([&](std::string_view v) {
                    if (v == "value") string_into(value);
                    else json().skip();
                });
            } else {
                json().skip();
            }
        }, [&] {
            if (value.empty()) return;
            party p;
            p.name = value;
            p.country = country_of(residence);
            out.push_back(std::move(p));
        });
    }

    void read_citations() {
        has_citations_ = true;
        bool pat = false, npl = false;
        reference r;
        std::string lens;
        objects([&] {
            pat = npl = false;
            r.clear();
            lens.clear();
        }, [&](std::string_view m) {
            if (m == "patcit") {
                pat = true;
                object([&](std::string_view p) {
                    if (p == "lens_id") string_into(lens);
                    else if (p == "document_id") object([&](std::string_view d) { reference_member(d, r, nullptr); });
                    else json().skip();
                });
            } else if (m == "nplcit") {
                npl = true;
                json().skip();
            } else {
                json().skip();
            }
        }, [&] {
            if (npl) ++nplcit_;
            if (!pat) return;
            ++patcit_;
            if (!r.doc_number.empty()) cited_.push_back(detail::publication_id(r.jurisdiction, r.doc_number, r.kind, ""));
            else if (!lens.empty()) cited_.push_back(lens);
        });
    }

    // biblio.cited_by.patents[]: the citing documents, named as a patcit is (document_id, else
    // lens_id), each once; every element counts in the listed forward citations.
    void read_cited_by() {
        reference r;
        std::string lens;
        has_forward_list_ = objects([&] {
            r.clear();
            lens.clear();
        }, [&](std::string_view m) {
            if (m == "lens_id") string_into(lens);
            else if (m == "document_id") object([&](std::string_view d) { reference_member(d, r, nullptr); });
            else json().skip();
        }, [&] {
            ++forward_listed_;
            std::string id = !r.doc_number.empty() ? detail::publication_id(r.jurisdiction, r.doc_number, r.kind, "")
                                                   : lens;
            if (!id.empty() && std::find(citing_.begin(), citing_.end(), id) == citing_.end())
                citing_.push_back(std::move(id));
        }) || has_forward_list_;
    }

    void read_members() {
        std::string lens;
        reference r;
        has_members_ = objects([&] {
            lens.clear();
            r.clear();
        }, [&](std::string_view m) {
            if (m == "lens_id") string_into(lens);
            else if (m == "document_id") object([&](std::string_view d) { reference_member(d, r, nullptr); });
            else json().skip();
        }, [&] {
            if (!lens.empty()) members_.push_back(lens);
            const std::string c = country_of(r.jurisdiction);
            if (!c.empty()) detail::push_unique(member_juris_, c);
        }) || has_members_;
    }

    // claims[]: language groups {lang, claims: [...]}; the claims of the first group are counted.
    void read_claims() {
        bool first = true;
        objects([] {}, [&](std::string_view m) {
            if (m != "claims") return json().skip();
            json_token t = json().next();
            if (t == json_token::null) return;
            if (t != json_token::begin_array) return wrong_type(t, "an array");
            std::int64_t n = 0;
            while ((t = json().next()) != json_token::end_array) {
                pass_over(t);
                ++n;
            }
            if (first) claims_ = n;
            first = false;
        }, [] {});
    }

    // Parses, de-duplicates and bounds the codes of `items`, written to `sink` with the Lens CSV
    // reader's rule (detail::normalize_code_into, classification::try_parse_ipc).
    template <class Sink>
    void codes(const std::vector<std::string>& items, bool ipc, Sink& sink) {
        const char* member = ipc ? "biblio.classifications_ipcr" : "biblio.classifications_cpc";
        codes_.clear();
        for (const auto& item : items) {
            std::string& code = codes_.next();
            detail::normalize_code_into(item, code);
            const auto parsed = classification::try_parse_ipc(code);
            if (!parsed) {
                stats_.reject_code(items_.source() + ":" + std::to_string(line_), item, member, code);
                continue;
            }
            if (!codes_.keep()) continue;
            if (codes_.size() > opts_.max_codes_per_record)
                ::techconv::detail::throw_error<parse_error>(
                    error_code::limit_exceeded, source_location{items_.source(), line_, 0, index_, member},
                    "record " + std::to_string(index_) + " (lens_id " + lens_id_ + "): more than " +
                        std::to_string(opts_.max_codes_per_record) +
                        " distinct codes (lens_json_options::max_codes_per_record)");
            if (ipc) sink.add_ipc(codes_.back(), parsed);
            else sink.add_cpc(codes_.back(), parsed);
        }
    }

    // The parties of `in`, each name key once (the CSV reader's rule), into `out`.
    void unique_parties(std::vector<party>& in, std::vector<party>& out) {
        keys_.clear();
        out.clear();
        for (auto& p : in) {
            detail::name_key_into(p.name, keys_.next());
            if (keys_.keep()) out.push_back(std::move(p));
        }
    }

    template <class Sink>
    void emit(Sink& sink) {
        line_ = json().line();
        const reference& ref = top_.doc_number.empty() ? pub_ref_ : top_;
        const std::string& juris = !top_.jurisdiction.empty() ? top_.jurisdiction : pub_ref_.jurisdiction;
        const std::string& kind = !top_.kind.empty() ? top_.kind : pub_ref_.kind;
        // a number without its office is no publication number: the Lens ID then
        id_ = ref.doc_number.empty() || trim(juris).empty() ? lens_id_
                                                             : detail::publication_id(juris, ref.doc_number, kind, "");
        unique_parties(applicants_, parties_);
        if (opts_.classify_applicants) classifier_.classify(parties_);
        unique_parties(inventors_, inventor_list_);
        // every check done: the record is one row
        sink.begin_row(line_);
        detail::row_guard<Sink> guard(sink);
        sink.set_id(id_);
        sink.set_lens_id(lens_id_);
        sink.set_family_id(detail::simple_family_key(lens_id_, members_));
        upper_.clear();
        for (const char c : juris) upper_.push_back(ascii_upper(c));
        sink.set_jurisdiction(upper_);
        sink.set_kind(kind);
        sink.set_document_type(type_);
        sink.set_title(title_);
        const year_type publication = publication_ != no_year ? publication_ : pub_ref_year_;
        const year_type priority = earliest_claim_ != no_year ? earliest_claim_
                                   : claims_min_ != no_year   ? claims_min_
                                                              : application_;
        sink.set_years(publication, application_, priority);
        for (const auto& p : parties_) sink.add_applicant(p.name, p.country, p.type);
        for (const auto& p : inventor_list_) sink.add_inventor(p.name, p.country, applicant_type::individual);
        if (has_applicants_) sink.supply(patent_field::applicants);
        if (has_inventors_) sink.supply(patent_field::inventors);
        if (has_applicants_ || has_inventors_) sink.supply(patent_field::party_countries);
        if (has_ipc_) sink.supply(patent_field::ipc);
        if (has_cpc_) sink.supply(patent_field::cpc);
        codes(ipc_items_, true, sink);
        codes(cpc_items_, false, sink);
        if (has_members_) {
            sink.supply(patent_field::family_jurisdictions);
            for (const auto& j : member_juris_) sink.add_family_jurisdiction(j);
        }
        if (has_priority_) {
            sink.supply(patent_field::priority_countries);
            codes_.clear();
            for (const auto& n : priority_numbers_) {
                if (detail::priority_country_into(n, codes_.next()) && codes_.keep())
                    sink.add_priority_country(codes_.back());
                sink.add_priority_number(n);
            }
        }
        for (const auto& c : cited_) sink.add_cited_patent(c);
        if (has_forward_list_) sink.supply(patent_field::citing_list);
        for (const auto& c : citing_) sink.add_citing_patent(c);
        const std::int64_t backward = patent_count_ >= 0 ? patent_count_ : has_citations_ ? patcit_ : -1;
        const std::int64_t npl = npl_count_ >= 0 ? npl_count_ : has_citations_ ? nplcit_ : -1;
        const std::int64_t forward = forward_count_ >= 0 ? forward_count_ : has_forward_list_ ? forward_listed_ : -1;
        const std::int64_t family = family_size_ >= 0 ? family_size_
                                    : has_members_   ? static_cast<std::int64_t>(members_.size())
                                                     : -1;
        if (backward >= 0) sink.set_count(indicator::backward_citations, backward);
        if (npl >= 0) sink.set_count(indicator::npl_citations, npl);
        if (forward >= 0) sink.set_count(indicator::forward_citations, forward);
        if (family >= 0) sink.set_count(indicator::family_size, family);
        if (claims_ >= 0) sink.set_count(indicator::claims, claims_);
        guard.commit();
    }

    lens_json_options opts_;
    applicant_classifier classifier_{opts_.rules ? *opts_.rules : default_applicant_rules()};
    detail::json_item_cursor items_;
    mutable patent_read_stats stats_;  // stats() copies the cursor's encoding evidence
    std::vector<read_issue> issues_;
    std::size_t index_ = 0;  // records met in the file (the record of an error)
    std::size_t line_ = 0;   // the line of the record being emitted
    // the record being read, reused
    std::string lens_id_, type_, title_, id_, upper_;
    bool title_en_ = false;
    reference top_, pub_ref_;
    year_type publication_ = no_year, pub_ref_year_ = no_year, application_ = no_year, earliest_claim_ = no_year,
              claims_min_ = no_year;
    std::vector<std::string> priority_numbers_, ipc_items_, cpc_items_, cited_, citing_, members_, member_juris_;
    std::vector<party> applicants_, inventors_, parties_, inventor_list_;
    detail::scratch_unique_list keys_, codes_;
    std::int64_t patcit_ = 0, nplcit_ = 0, forward_listed_ = 0;
    std::int64_t patent_count_ = -1, npl_count_ = -1, forward_count_ = -1, family_size_ = -1, claims_ = -1;
    bool has_ipc_ = false, has_cpc_ = false, has_applicants_ = false, has_inventors_ = false, has_priority_ = false,
         has_citations_ = false, has_forward_list_ = false, has_members_ = false;
    bool bad_ = false;
    error_code problem_code_ = error_code::none;
    std::string problem_, problem_field_;
    std::size_t problem_line_ = 0;
};

/// \brief Reads all records of a Lens patent JSON file. \sa lens_json_reader
inline std::vector<patent_record> read_lens_json(const std::string& path, const lens_json_options& opts = {}) {
    lens_json_reader r(path, opts);
    return r.read_all();
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_LENS_JSON_HPP_
