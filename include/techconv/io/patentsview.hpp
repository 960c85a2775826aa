// SPDX-License-Identifier: BSL-1.0
//
// Reader of the JSON responses of the PatentsView PatentSearch API
// (`https://search.patentsview.org/api/v1/patent/`): pages
// `{"error":false,"count":N,"total_hits":M,"patents":[...]}` of US patents,
// into the patent record layer.
#ifndef TECHCONV_IO_PATENTSVIEW_HPP_
#define TECHCONV_IO_PATENTSVIEW_HPP_

#include <algorithm>    // std::stable_sort
#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t
#include <istream>      // std::istream
#include <limits>       // std::numeric_limits
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
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/dates.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/json_items.hpp"
#include "techconv/io/patent_sink.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Options of patentsview_reader.
struct patentsview_options {
    /// A malformed patent: parse_error (error, the default) or dropped, counted and listed (skip).
    /// Text that is not JSON is always an error.
    malformed_policy malformed = malformed_policy::error;
    /// automatic: decided from the first block (the API writes UTF-8); else this encoding.
    text_encoding encoding = text_encoding::automatic;
    /// Distinct IPC codes, and as many CPC codes, of one patent at most; more is limit_exceeded.
    std::size_t max_codes_per_record = 1000;
    bool classify_applicants = true;         ///< type assignees without a type code by name rules
    const applicant_rules* rules = nullptr;  ///< rules (nullptr: default_applicant_rules())
    /// Patents of the file before this input, when it is a part of a file read alone (a rank's
    /// share under mpirun): messages number the first patent read records_before + 1.
    std::size_t records_before = 0;
};

namespace detail {

/// The applicant type of a PatentsView `assignee_type` code: its last digit (a leading `1`
/// marks a part interest) 2, 3 company; 4, 5 individual; 6 to 9 government (institute);
/// anything else (1 unassigned, empty, null) unknown.
inline applicant_type patentsview_assignee_type(std::string_view code) noexcept {
    code = trim(code);
    if (code.empty() || code.size() > 2 || !is_digit(code.back()) || (code.size() == 2 && code[0] != '1'))
        return applicant_type::unknown;
    switch (code.back()) {
        case '2':
        case '3': return applicant_type::company;
        case '4':
        case '5': return applicant_type::individual;
        case '6':
        case '7':
        case '8':
        case '9': return applicant_type::institute;
        default: return applicant_type::unknown;
    }
}

// The field rules PatentsView's API responses and its bulk tables (io/patentsview_bulk.hpp)
// share: one place each.

/// The country of a PatentsView inventor, assignee or location: two letters, upper-cased;
/// anything else (a name, `omitted`, empty) is none (empty).
inline std::string patentsview_country(std::string_view v) {
    v = trim(v);
    if (v.size() != 2 || !is_alpha(v[0]) || !is_alpha(v[1])) return {};
    return std::string{ascii_upper(v[0]), ascii_upper(v[1])};
}

/// The IPC symbol of PatentsView's IPC parts (section, class, subclass, main group,
/// subgroup): `A` `61` `F` `13` `00` is `A61F13/00`; without a main group the subclass
/// alone (`A61F`); a main group without a subgroup gets `/00`.
inline std::string patentsview_ipc_symbol(std::string_view section, std::string_view cls, std::string_view subclass,
                                          std::string_view main_group, std::string_view subgroup) {
    std::string code;
    code.append(trim(section)).append(trim(cls)).append(trim(subclass));
    main_group = trim(main_group);
    subgroup = trim(subgroup);
    if (!main_group.empty()) code.append(main_group).append("/").append(subgroup.empty() ? std::string_view("00") : subgroup);
    return code;
}

/// The CPC symbol of a PatentsView CPC item: the group (`A42B1/247`), else the subclass
/// (`A42B`), else none (empty).
inline std::string patentsview_cpc_symbol(std::string_view group, std::string_view subclass) {
    group = trim(group);
    return std::string(!group.empty() ? group : trim(subclass));
}

/// The name of a PatentsView person: first and last name joined by a space (trimmed).
inline std::string patentsview_person_name(std::string_view first, std::string_view last) {
    std::string n(trim(first));
    const std::string_view l = trim(last);
    if (!n.empty() && !l.empty()) n += ' ';
    n.append(l);
    return n;
}

/// The name of a PatentsView assignee: the organisation, else the individual's name.
inline std::string patentsview_assignee_name(std::string_view organization, std::string_view first,
                                             std::string_view last) {
    organization = trim(organization);
    return !organization.empty() ? std::string(organization) : patentsview_person_name(first, last);
}

/// The record id of a PatentsView `patent_id` (`6009555`, `D412345`) with its `wipo_kind`
/// (may be empty): the US publication number `US 6009555 A` (detail::publication_id).
inline std::string patentsview_record_id(std::string_view patent_id, std::string_view wipo_kind) {
    return publication_id("US", patent_id, wipo_kind);
}

}  // namespace detail

/// \brief Streaming reader of PatentsView PatentSearch API responses (the `patent` endpoint).
///
/// Input, found with detail::json_item_cursor: response pages (the patents in the member
/// `patents`; `error`, `count`, `total_hits` and any other member of the page passed over,
/// except `"error": true`, which is an error), several pages one after another (one per line,
/// as saved pages of one query are concatenated), a JSON array of patents, a single patent,
/// and JSON Lines of patents. Memory: the text of one page (the API writes a page on one
/// line) and one patent's fields; patents are delivered one at a time.
///
/// Fields (docs/io-patents.md, "PatentsView PatentSearch API"), each read when the response
/// has it (the query's `f` list decides which it has):
///  - id: `patent_id` (required; `6009555`, `D412345`, `RE37000`) as a US publication number
///    (detail::publication_id: `US 6009555`, with `wipo_kind` when the response has it:
///    `US 5116621 A`); jurisdiction `US`; kind `wipo_kind`; document type `patent_type`;
///    title `patent_title`;
///  - publication year: `patent_date` (else `patent_year`); application year: the earliest
///    `application[].filing_date`; priority year: the earliest of
///    `foreign_priority[].filing_date` and `patent_earliest_application_date` (none: the
///    application year); priority countries and numbers from `foreign_priority[]`;
///  - CPC codes: `cpc_current[].cpc_group_id` (`A42B1/247`; null: `cpc_subclass_id`) in
///    `cpc_sequence` order, each once; IPC codes: `ipcr[]` (section, class, subclass, main group
///    and subgroup joined: `A61F13/00`) in `ipc_sequence` order; an item that is no IPC/CPC
///    symbol is dropped and counted (patent_read_stats::rejected_codes);
///  - applicants: `assignees[]` in `assignee_sequence` order, the organisation (else the
///    individual's first and last name) with `assignee_country`, typed by `assignee_type`
///    (detail::patentsview_assignee_type; untyped ones by name rules); inventors:
///    `inventors[]` in `inventor_sequence` order, first and last name, `inventor_country`;
///    a country that is not two letters is left empty;
///  - stated counts: backward citations = `patent_num_total_documents_cited` (else the sum of
///    `patent_num_us_patents_cited`, `patent_num_us_applications_cited` and
///    `patent_num_foreign_documents_cited` when all three are there), forward citations =
///    `patent_num_times_cited_by_us_patents`.
/// A list member that the patent does not have leaves its field unsupplied (the API leaves
/// an empty list out, and a query that did not ask for it has none either: the reader cannot
/// tell which). Not in the format: NPL citations, claims, family size and filing countries.
///
/// Errors (parse_error naming the file, the line, the patent's index in the file as the
/// record, and the member path such as `patents[].patent_date`): text that is not JSON
/// (bad_markup, always an error), a page with `"error": true` (bad_value, always an error), a
/// patent that is not an object or has no string `patent_id` (bad_value), a date that is not
/// a date or a `patent_year` outside [min_plausible_year, max_plausible_year] (bad_year), a
/// count that is not a whole number >= 0 (bad_number), more codes than
/// max_codes_per_record (limit_exceeded, always an error). Under malformed_policy::skip a
/// patent with a bad id, date or count is dropped, counted in stats().skipped as "malformed
/// records" and listed in issues().
///
/// Not safe for concurrent use.
/// \code
/// techconv::io::patentsview_reader r("page-1.json");
/// techconv::io::patent_record rec;
/// while (r.next(rec)) use(rec.cpc);
/// \endcode
class patentsview_reader {
public:
    /// Reads the file at `path`. \throws parse_error (io_error) if it cannot be opened.
    explicit patentsview_reader(const std::string& path, patentsview_options opts = {})
        : opts_(std::move(opts)), items_(path, line_opts(opts_), "a PatentsView patent") {
        index_ = opts_.records_before;
        stats_.layout = "patentsview";
    }
    /// Reads `in`; `source` names it in messages.
    patentsview_reader(std::istream& in, std::string source, patentsview_options opts = {})
        : opts_(std::move(opts)), items_(in, std::move(source), line_opts(opts_), "a PatentsView patent") {
        index_ = opts_.records_before;
        stats_.layout = "patentsview";
    }

    /// Reads the next patent into `out`. False at the end of input.
    bool next(patent_record& out) {
        patent_record_sink s(out);
        return next_into(s);
    }
    /// \brief Reads the next patent into `sink` (records::patent_table, patent_record_sink or
    /// any type with their row functions). False at the end of input. \throws parse_error.
    template <class Sink>
    bool next_into(Sink& sink) {
        for (;;) {
            if (!items_.next_object()) return false;
            const read_result r = read_patent();
            items_.end_object();
            if (r != read_result::patent) continue;  // a page opened, or a patent skipped
            emit(sink);
            ++stats_.records;
            return true;
        }
    }

    /// Reads all remaining patents.
    std::vector<patent_record> read_all() { return detail::read_all_patents(*this); }

    /// Counters: patents read, patents skipped ("malformed records"), rejected codes, dates by
    /// rule, the encoding.
    const patent_read_stats& stats() const noexcept {
        stats_.set_text(items_.encoding());
        return stats_;
    }
    /// The patents skipped so far (malformed_policy::skip), with their lines and messages.
    const std::vector<read_issue>& issues() const noexcept { return issues_; }
    /// Bytes consumed (for progress reports).
    std::uint64_t bytes_read() const noexcept { return items_.bytes_read(); }

private:
    enum class read_result : unsigned char { patent, page, skipped };
    static constexpr std::size_t no_sequence = std::numeric_limits<std::size_t>::max();
    struct code_item {
        std::size_t sequence = no_sequence;
        std::string text;
    };
    struct party_item {
        std::size_t sequence = no_sequence;
        party p;
    };

    static line_options line_opts(const patentsview_options& o) {
        line_options l;
        l.encoding = o.encoding;
        return l;
    }

    void clear() {
        id_.clear();
        kind_.clear();
        type_.clear();
        title_.clear();
        publication_ = application_ = priority_ = year_from_number_ = no_year;
        cpc_items_.clear();
        ipc_items_.clear();
        assignees_.clear();
        inventors_.clear();
        priority_countries_.clear();
        priority_numbers_.clear();
        total_cited_ = us_patents_cited_ = us_applications_cited_ = foreign_cited_ = forward_ = -1;
        has_cpc_ = has_ipc_ = has_assignees_ = has_inventors_ = has_priority_ = false;
        bad_ = false;
    }

    json_pull& json() noexcept { return items_.json(); }

    // A problem of the patent being read (the first one counts): its location and message.
    void note(error_code c, const std::string& msg) {
        if (bad_) return;
        bad_ = true;
        problem_code_ = c;
        problem_ = msg;
        problem_line_ = json().line();
        problem_field_ = json().path();
    }

    void pass_over(json_token t) { detail::pass_over(json(), t); }
    // A string value into `out` (trimmed; null or another value: empty, passed over).
    void string_into(std::string& out) {
        out.clear();
        const json_token t = json().next();
        if (t == json_token::string) out.assign(trim(json().text()));
        else pass_over(t);
    }
    // A date member: its year (parse_date_year, counted by rule); no_year for null; a string
    // that is no date, or another value, is noted (bad_year).
    year_type date_value(std::string_view name) {
        const json_token t = json().next();
        if (t == json_token::null) return no_year;
        if (t == json_token::string) {
            const auto v = trim(json().text());
            if (v.empty()) return no_year;
            if (const auto d = parse_date_year(v)) {
                ++stats_.date_rules[static_cast<std::size_t>(d->rule)];
                return d->year;
            }
            note(error_code::bad_year, std::string(name) + " '" + std::string(v) + "' is not a date");
            return no_year;
        }
        pass_over(t);
        note(error_code::bad_year, std::string(name) + " is not a date string");
        return no_year;
    }
    // A count member: a whole number >= 0, or null (-1); anything else is noted (bad_number).
    std::int64_t count_value(std::string_view name) {
        const json_token t = json().next();
        if (t == json_token::null) return -1;
        std::int64_t v = -1;
        if (t == json_token::number && parse_int64(json().text(), v) == number_status::ok && v >= 0) return v;
        const std::string shown = t == json_token::number || t == json_token::string ? std::string(json().text()) : "";
        pass_over(t);
        note(error_code::bad_number, std::string(name) + " '" + shown + "' is not a count (a whole number >= 0)");
        return -1;
    }
    // A sequence member (an order key): a whole number >= 0, else no_sequence.
    std::size_t sequence_value() {
        const json_token t = json().next();
        std::int64_t v = -1;
        if (t == json_token::number && parse_int64(json().text(), v) == number_status::ok && v >= 0)
            return static_cast<std::size_t>(v);
        pass_over(t);
        return no_sequence;
    }
    static void min_year(year_type& into, year_type y) noexcept {
        if (y != no_year && (into == no_year || y < into)) into = y;
    }
    static std::string country_of(std::string_view v) { return detail::patentsview_country(v); }

    template <class Begin, class Member, class End>
    void each_object(Begin&& begin, Member&& member, End&& end) {
        detail::each_object(json(), begin, member, end);
    }

    // Reads the members of the object just opened: a page (its patents follow), a patent, or
    // a patent skipped under malformed_policy::skip.
    read_result read_patent() {
        clear();
        const bool top = items_.at_top();
        const std::size_t line = json().line();
        while (json().next() == json_token::key) {
            const std::string_view k = json().text();
            if (top && k == "patents") {
                items_.enter_page("patents");
                return read_result::page;
            }
            if (top && k == "error") {
                const json_token t = json().next();
                if (t == json_token::true_value)
                    json().fail("the response reports an error (\"error\": true)", error_code::bad_value);
                pass_over(t);
                continue;
            }
            member(k);
        }
        ++index_;
        if (id_.empty() && !bad_) {
            bad_ = true;
            problem_code_ = error_code::bad_value;
            problem_ = "a patent without a `patent_id` string";
            problem_line_ = line;
            problem_field_ = top ? "patent_id" : "patents[].patent_id";
        }
        if (!bad_) return read_result::patent;
        const std::string msg = "patent " + std::to_string(index_) + (id_.empty() ? "" : " (patent_id " + id_ + ")") +
                                ": " + problem_;
        if (opts_.malformed == malformed_policy::error)
            ::techconv::detail::throw_error<parse_error>(
                problem_code_, source_location{items_.source(), problem_line_, 0, index_, problem_field_}, msg);
        issues_.push_back(read_issue{problem_line_, problem_code_, msg + "; record skipped"});
        stats_.count_skip("malformed records");
        return read_result::skipped;
    }

    void member(std::string_view k) {
        if (k == "patent_id") {
            string_into(id_);
            if (id_.empty()) note(error_code::bad_value, "patent_id is not a non-empty string");
        } else if (k == "wipo_kind") {
            string_into(kind_);
        } else if (k == "patent_type") {
            string_into(type_);
        } else if (k == "patent_title") {
            string_into(title_);
        } else if (k == "patent_date") {
            publication_ = date_value("patent_date");
        } else if (k == "patent_year") {
            read_year_number();
        } else if (k == "patent_earliest_application_date") {
            min_year(priority_, date_value("patent_earliest_application_date"));
        } else if (k == "application") {
            each_object([] {}, [&](std::string_view m) {
                if (m == "filing_date") min_year(application_, date_value("filing_date"));
                else json().skip();
            }, [] {});
        } else if (k == "foreign_priority") {
            has_priority_ = true;
            each_object([] {}, [&](std::string_view m) {
                if (m == "filing_date") {
                    min_year(priority_, date_value("filing_date"));
                } else if (m == "foreign_country_filed") {
                    string_into(scratch_);
                    const std::string c = country_of(scratch_);
                    if (!c.empty()) detail::push_unique(priority_countries_, c);
                } else if (m == "foreign_application_id") {
                    string_into(scratch_);
                    if (!scratch_.empty()) priority_numbers_.push_back(scratch_);
                } else {
                    json().skip();
                }
            }, [] {});
        } else if (k == "cpc_current") {
            has_cpc_ = true;
            read_cpc();
        } else if (k == "ipcr") {
            has_ipc_ = true;
            read_ipcr();
        } else if (k == "assignees") {
            has_assignees_ = true;
            read_assignees();
        } else if (k == "inventors") {
            has_inventors_ = true;
            read_inventors();
        } else if (k == "patent_num_total_documents_cited") {
            total_cited_ = count_value(k);
        } else if (k == "patent_num_us_patents_cited") {
            us_patents_cited_ = count_value(k);
        } else if (k == "patent_num_us_applications_cited") {
            us_applications_cited_ = count_value(k);
        } else if (k == "patent_num_foreign_documents_cited") {
            foreign_cited_ = count_value(k);
        } else if (k == "patent_num_times_cited_by_us_patents") {
            forward_ = count_value(k);
        } else {
            json().skip();
        }
    }

    void read_year_number() {
        const json_token t = json().next();
        if (t == json_token::null) return;
        std::int64_t y = 0;
        if (t == json_token::number && parse_int64(json().text(), y) == number_status::ok && y >= min_plausible_year &&
            y <= max_plausible_year) {
            year_from_number_ = static_cast<year_type>(y);
            return;
        }
        const std::string shown = t == json_token::number || t == json_token::string ? std::string(json().text()) : "";
        pass_over(t);
        note(error_code::bad_year, "patent_year '" + shown + "' is not a year in [" + std::to_string(min_plausible_year) +
                                       ", " + std::to_string(max_plausible_year) + "]");
    }

    void read_cpc() {
        std::string group, subclass;
        std::size_t seq = no_sequence;
        each_object([&] {
            group.clear();
            subclass.clear();
            seq = no_sequence;
        }, [&](std::string_view m) {
            if (m == "cpc_group_id") string_into(group);
            else if (m == "cpc_subclass_id") string_into(subclass);
            else if (m == "cpc_sequence") seq = sequence_value();
            else json().skip();
        }, [&] {
            std::string code = detail::patentsview_cpc_symbol(group, subclass);
            if (!code.empty()) cpc_items_.push_back(code_item{seq, std::move(code)});
        });
    }

    void read_ipcr() {
        std::string part[5];
        std::size_t seq = no_sequence;
        each_object([&] {
            for (auto& p : part) p.clear();
            seq = no_sequence;
        }, [&](std::string_view m) {
            if (m == "ipc_section") string_into(part[0]);
            else if (m == "ipc_class") string_into(part[1]);
            else if (m == "ipc_subclass") string_into(part[2]);
            else if (m == "ipc_main_group") string_into(part[3]);
            else if (m == "ipc_subgroup") string_into(part[4]);
            else if (m == "ipc_sequence") seq = sequence_value();
            else json().skip();
        }, [&] {
            std::string code = detail::patentsview_ipc_symbol(part[0], part[1], part[2], part[3], part[4]);
            if (!code.empty()) ipc_items_.push_back(code_item{seq, std::move(code)});
        });
    }

    void read_assignees() {
        std::string org, first, last, country, type;
        std::size_t seq = no_sequence;
        each_object([&] {
            for (auto* s : {&org, &first, &last, &country, &type}) s->clear();
            seq = no_sequence;
        }, [&](std::string_view m) {
            if (m == "assignee_organization") string_into(org);
            else if (m == "assignee_individual_name_first") string_into(first);
            else if (m == "assignee_individual_name_last") string_into(last);
            else if (m == "assignee_country") string_into(country);
            else if (m == "assignee_type") string_into(type);
            else if (m == "assignee_sequence") seq = sequence_value();
            else json().skip();
        }, [&] {
            party_item it;
            it.sequence = seq;
            it.p.name = detail::patentsview_assignee_name(org, first, last);
            if (it.p.name.empty()) return;
            it.p.country = country_of(country);
            it.p.type = detail::patentsview_assignee_type(type);
            assignees_.push_back(std::move(it));
        });
    }

    void read_inventors() {
        std::string first, last, country;
        std::size_t seq = no_sequence;
        each_object([&] {
            for (auto* s : {&first, &last, &country}) s->clear();
            seq = no_sequence;
        }, [&](std::string_view m) {
            if (m == "inventor_name_first") string_into(first);
            else if (m == "inventor_name_last") string_into(last);
            else if (m == "inventor_country") string_into(country);
            else if (m == "inventor_sequence") seq = sequence_value();
            else json().skip();
        }, [&] {
            party_item it;
            it.sequence = seq;
            it.p.name = detail::patentsview_person_name(first, last);
            it.p.country = country_of(country);
            it.p.type = applicant_type::individual;
            if (!it.p.name.empty() || !it.p.country.empty()) inventors_.push_back(std::move(it));
        });
    }

    template <class T>
    static void by_sequence(std::vector<T>& v) {
        std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.sequence < b.sequence; });
    }

    // Parses, orders and de-duplicates the codes of `items` into `kept`/`parsed`.
    void codes_of(std::vector<code_item>& items, const char* member, std::vector<std::string>& kept,
                  std::vector<classification::ipc_code>& parsed) {
        kept.clear();
        parsed.clear();
        by_sequence(items);
        detail::unique_list list(kept);
        const std::string where = items_.source() + ":" + std::to_string(json().line());
        for (const auto& it : items) {
            const auto c = classification::try_parse_ipc(it.text);
            if (!c) {
                stats_.reject_code(where, it.text, member, it.text);
                continue;
            }
            if (!list.push(c->to_string(classification::ipc_format::compact))) continue;
            parsed.push_back(*c);
            if (list.size() > opts_.max_codes_per_record)
                ::techconv::detail::throw_error<parse_error>(
                    error_code::limit_exceeded, source_location{items_.source(), json().line(), 0, index_, member},
                    "patent " + std::to_string(index_) + " (patent_id " + id_ + "): more than " +
                        std::to_string(opts_.max_codes_per_record) +
                        " distinct codes (patentsview_options::max_codes_per_record)");
        }
    }

    template <class Sink>
    void emit(Sink& sink) {
        codes_of(cpc_items_, "cpc_current", cpc_, cpc_parsed_);
        codes_of(ipc_items_, "ipcr", ipc_, ipc_parsed_);
        by_sequence(assignees_);
        by_sequence(inventors_);
        applicants_.clear();
        for (auto& a : assignees_) applicants_.push_back(std::move(a.p));
        if (opts_.classify_applicants) classifier_.classify(applicants_);
        const std::string id = detail::patentsview_record_id(id_, kind_);
        // every check done: the patent is one row
        sink.begin_row(json().line());
        detail::row_guard<Sink> guard(sink);
        sink.set_id(id);
        sink.set_jurisdiction("US");
        sink.set_kind(kind_);
        sink.set_document_type(type_);
        sink.set_title(title_);
        const year_type publication = publication_ != no_year ? publication_ : year_from_number_;
        sink.set_years(publication, application_, priority_ != no_year ? priority_ : application_);
        for (const auto& p : applicants_) sink.add_applicant(p.name, p.country, p.type);
        for (const auto& i : inventors_) sink.add_inventor(i.p.name, i.p.country, i.p.type);
        for (std::size_t k = 0; k < ipc_.size(); ++k) sink.add_ipc(ipc_[k], ipc_parsed_[k]);
        for (std::size_t k = 0; k < cpc_.size(); ++k) sink.add_cpc(cpc_[k], cpc_parsed_[k]);
        for (const auto& c : priority_countries_) sink.add_priority_country(c);
        for (const auto& n : priority_numbers_) sink.add_priority_number(n);
        if (has_ipc_) sink.supply(patent_field::ipc);
        if (has_cpc_) sink.supply(patent_field::cpc);
        if (has_assignees_) sink.supply(patent_field::applicants);
        if (has_inventors_) sink.supply(patent_field::inventors);
        if (has_assignees_ || has_inventors_) sink.supply(patent_field::party_countries);
        if (has_priority_) sink.supply(patent_field::priority_countries);
        std::int64_t backward = total_cited_;
        if (backward < 0 && us_patents_cited_ >= 0 && us_applications_cited_ >= 0 && foreign_cited_ >= 0)
            backward = us_patents_cited_ + us_applications_cited_ + foreign_cited_;
        if (backward >= 0) sink.set_count(indicator::backward_citations, backward);
        if (forward_ >= 0) sink.set_count(indicator::forward_citations, forward_);
        guard.commit();
    }

    patentsview_options opts_;
    applicant_classifier classifier_{opts_.rules ? *opts_.rules : default_applicant_rules()};
    detail::json_item_cursor items_;
    mutable patent_read_stats stats_;  // stats() copies the cursor's encoding evidence
    std::vector<read_issue> issues_;
    std::size_t index_ = 0;  // patents met in the file (the record of an error)
    // the patent being read, reused
    std::string id_, kind_, type_, title_, scratch_;
    year_type publication_ = no_year, application_ = no_year, priority_ = no_year, year_from_number_ = no_year;
    std::vector<code_item> cpc_items_, ipc_items_;
    std::vector<party_item> assignees_, inventors_;
    std::vector<std::string> priority_countries_, priority_numbers_, cpc_, ipc_;
    std::vector<classification::ipc_code> cpc_parsed_, ipc_parsed_;
    std::vector<party> applicants_;
    std::int64_t total_cited_ = -1, us_patents_cited_ = -1, us_applications_cited_ = -1, foreign_cited_ = -1,
                 forward_ = -1;
    bool has_cpc_ = false, has_ipc_ = false, has_assignees_ = false, has_inventors_ = false, has_priority_ = false;
    bool bad_ = false;
    error_code problem_code_ = error_code::none;
    std::string problem_, problem_field_;
    std::size_t problem_line_ = 0;
};

/// \brief Reads all patents of a PatentsView API response file. \sa patentsview_reader
inline std::vector<patent_record> read_patentsview(const std::string& path, const patentsview_options& opts = {}) {
    patentsview_reader r(path, opts);
    return r.read_all();
}

// Public for the split readings of parallel::mpi, which read a table set by shares with the
// readers' own rules:
using detail::patentsview_record_id;  ///< the record id of a PatentsView patent (`US 6009555 A`)

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PATENTSVIEW_HPP_
