// SPDX-License-Identifier: BSL-1.0
//
// Reader of EPO PATSTAT CSV extracts: the tables tls201_appln, tls209_appln_ipc,
// tls206_person, tls207_pers_appln, tls211_pat_publn and tls212_citation (column
// names of the PATSTAT Global data catalogue), joined on appln_id into one
// patent record per application.
#ifndef TECHCONV_IO_PATSTAT_HPP_
#define TECHCONV_IO_PATSTAT_HPP_

#include <algorithm>      // std::stable_sort
#include <cstddef>        // std::size_t
#include <cstdint>        // std::int64_t, std::uint64_t
#include <memory>         // std::unique_ptr
#include <optional>       // std::optional
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/input.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/applicant_type.hpp"
#include "techconv/io/dates.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/patent_sink.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Options of patstat_reader.
struct patstat_options {
    /// automatic: decided per table from its first block (PATSTAT writes UTF-8); else this encoding.
    text_encoding encoding = text_encoding::automatic;
    /// Distinct IPC codes of one application at most; more is limit_exceeded.
    std::size_t max_codes_per_record = 1000;
    std::size_t max_columns = csv_options{}.max_fields;  ///< columns of one table (csv_options::max_fields)
    bool classify_applicants = true;         ///< type applicants without a psn_sector by name rules
    const applicant_rules* rules = nullptr;  ///< rules (nullptr: default_applicant_rules())
};

/// \brief What patstat_reader did with one table file.
struct patstat_table_report {
    std::string path;                               ///< the file
    patstat_table table = patstat_table::unknown;   ///< the table its header names
    std::size_t rows = 0;                           ///< data rows read
    /// Rows about an application, publication or person outside the extract (an appln_id not
    /// in tls201_appln, a pat_publn_id not in tls211_pat_publn of those applications, a
    /// person_id no tls207_pers_appln row of them names): passed over, counted here.
    std::size_t outside = 0;
};

namespace detail {

/// The applicant type of a PATSTAT `psn_sector` (the EEE-PPAT sector of tls206_person):
/// `COMPANY` (also `COMPANY GOV NON-PROFIT` and the like, any text starting with it) company,
/// `UNIVERSITY` university, `GOV NON-PROFIT` and `HOSPITAL` institute, `INDIVIDUAL`
/// individual; anything else (`UNKNOWN`, empty) unknown. Any case.
inline applicant_type patstat_sector_type(std::string_view s) noexcept {
    s = trim(s);
    const auto starts = [&](std::string_view w) { return s.size() >= w.size() && iequals(s.substr(0, w.size()), w); };
    if (starts("COMPANY")) return applicant_type::company;
    if (starts("UNIVERSITY")) return applicant_type::university;
    if (starts("GOV NON-PROFIT") || starts("HOSPITAL")) return applicant_type::institute;
    if (starts("INDIVIDUAL")) return applicant_type::individual;
    return applicant_type::unknown;
}

}  // namespace detail

/// \brief Reader of an EPO PATSTAT CSV extract: its tables joined on `appln_id`, one patent
/// record per application of tls201_appln, in that table's order.
///
/// Input: any number of table files, each recognised by its header (patstat_table_of; file
/// names do not matter), a table possibly split into several files (PATSTAT ships parts);
/// tls201_appln is required, every other table optional. Columns are found by their
/// catalogue names (any case, any order; others are passed over). The tables are streamed
/// one row at a time in the order tls201, tls211, tls212, tls209, tls207, tls206; the reader
/// holds per application its record fields, per publication of those applications its
/// number, per person named by tls207 its slot: O(records + their publications, IPC symbols
/// and persons), never a table's text.
///
/// Fields (docs/io-patents.md, "EPO PATSTAT"):
///  - tls201_appln (required columns `appln_id`, `appln_auth`, `appln_nr`): the record. Its
///    id is the publication number (detail::publication_id of `publn_auth`, `publn_nr`,
///    `publn_kind`) of the application's first publication in tls211 (earliest `publn_date`,
///    then smallest `pat_publn_id`); without one, the application number `appln_auth`
///    `appln_nr` (no kind). Jurisdiction `appln_auth`; kind `publn_kind` of that publication;
///    family id `docdb_family_id` (0 or empty: none; the family merge uses it); family
///    jurisdictions: `appln_auth` (the merge unions a family's); application
///    year `appln_filing_year` (9999, PATSTAT's unknown date, or empty: none); priority year
///    `earliest_filing_year` (else the application year); forward citations
///    `nb_citing_docdb_fam` (citing DOCDB families, PATSTAT's own count). The year a record
///    counts in is analysis::row_year's rule (the application year first).
///  - tls211_pat_publn (`pat_publn_id`, `appln_id`, `publn_auth`, `publn_nr`, optional
///    `publn_kind`, `publn_date`, `publn_claims`): the publications; publication year = the
///    first publication's `publn_date` (9999-12-31: none); claims = the largest `publn_claims`
///    of the application's publications (0, PATSTAT's unknown, everywhere: none).
///  - tls212_citation (`pat_publn_id`, `cited_pat_publn_id`, optional `cited_appln_id`,
///    `cited_npl_publn_id`): backward citations of a record = the distinct patent documents
///    its publications cite (a `cited_pat_publn_id`, else a `cited_appln_id`, other than 0);
///    a cited publication in tls211 of the extract is named (its publication number, in
///    cited_patents); NPL list items = rows with a `cited_npl_publn_id` other than 0.
///  - tls209_appln_ipc (`appln_id`, `ipc_class_symbol`; optional `ipc_class_level`,
///    `ipc_position`, `ipc_value`): the IPC codes, read by
///    classification::patstat_ipc_from_chars (the padded `G06F  17/30` or the concatenated
///    `G06F  17/30  20060101AFI`); the flags of the columns or of the symbol must be letters
///    of their column; the code at position `F` first, then file order, each once.
///  - tls207_pers_appln (`person_id`, `appln_id`, `applt_seq_nr`, `invt_seq_nr`): a person
///    with `applt_seq_nr` > 0 is an applicant, with `invt_seq_nr` > 0 an inventor (both: both),
///    in sequence order; tls206_person (`person_id`, `person_name`, optional
///    `person_ctry_code`, `psn_sector`): the name, the country (two letters, else empty) and
///    the applicant type (detail::patstat_sector_type; unknown ones by name rules).
/// A list whose table is not given leaves its field unsupplied.
///
/// Errors (parse_error naming the file, line and column): a missing required column
/// (missing_column), an id that is not a whole number (bad_number), an `appln_id` twice in
/// tls201 (duplicate_record), a year outside [min_plausible_year, max_plausible_year]
/// (bad_year), a date that is not a date (bad_year), an IPC symbol or flag that is not one
/// (bad_code), more codes than max_codes_per_record (limit_exceeded); no tls201_appln table,
/// a file whose header is no PATSTAT table (bad_value, naming the file). Rows about
/// applications outside tls201 are counted (tables()), not errors.
///
/// Not safe for concurrent use.
/// \code
/// techconv::io::patstat_reader r({"tls201.csv", "tls209.csv", "tls211.csv"});
/// techconv::io::patent_record rec;
/// while (r.next(rec)) use(rec.ipc);
/// \endcode
class patstat_reader {
public:
    /// Reads the table files at `paths` (`-`: standard input). \throws parse_error (io_error).
    explicit patstat_reader(const std::vector<std::string>& paths, patstat_options opts = {}) : opts_(std::move(opts)) {
        for (const auto& p : paths) owned_.push_back(std::make_unique<input_source>(p));
        for (auto& o : owned_) sources_.push_back(o.get());
        stats_.layout = "patstat";
    }
    /// Reads the tables `tables` (not owned; each not read yet, or only its head).
    explicit patstat_reader(std::vector<input_source*> tables, patstat_options opts = {})
        : opts_(std::move(opts)), sources_(std::move(tables)) {
        stats_.layout = "patstat";
    }

    /// Reads the next application into `out`. False at the end.
    bool next(patent_record& out) {
        patent_record_sink s(out);
        return next_into(s);
    }
    /// \brief Reads the next application into `sink` (records::patent_table, patent_record_sink
    /// or any type with their row functions). The first call reads and joins every table.
    /// False at the end. \throws parse_error.
    template <class Sink>
    bool next_into(Sink& sink) {
        if (!joined_) join();
        if (next_ == apps_.size()) return false;
        emit(apps_[next_++], sink);
        ++stats_.records;
        return true;
    }
    /// Reads all remaining applications.
    std::vector<patent_record> read_all() {
        std::vector<patent_record> v;
        patent_record r;
        while (next(r)) v.push_back(std::move(r));
        return v;
    }

    /// Counters: records, rejected codes, dates by rule, person links without a person, the
    /// encoding (of the last table read).
    const patent_read_stats& stats() const noexcept { return stats_; }
    /// One entry per table file, in the order read (after the first next()).
    const std::vector<patstat_table_report>& tables() const noexcept { return reports_; }
    /// Bytes of the tables consumed so far (for progress reports).
    std::uint64_t bytes_read() const noexcept { return bytes_; }

private:
    struct ipc_item {
        std::string text;  // compact form, the dedup key
        classification::ipc_code code;
        bool first = false;  // ipc_position F
    };
    struct link {
        std::size_t person;  // slot in persons_
        std::int64_t seq;
        bool applicant;
    };
    struct application {
        std::int64_t appln_id = 0;
        std::size_t line = 0;
        std::string auth, nr, family;
        year_type filing = no_year, earliest = no_year;
        std::int64_t forward = -1;
        std::int64_t claims = 0;  // the most publn_claims of a publication (0: PATSTAT's unknown)
        // first publication
        std::int64_t publn_id = -1;
        std::string publn_date, publn_number, publn_kind;
        year_type publn_year = no_year;
        std::vector<ipc_item> ipc;
        std::vector<link> links;
        std::vector<std::string> cited;
        std::vector<std::int64_t> cited_keys;  // distinct cited documents (publication ids, or -appln_id)
        std::size_t npl = 0;
    };
    struct publication {
        std::size_t app;
        std::string number;
    };
    struct person {
        std::string name, country;
        applicant_type type = applicant_type::unknown;
        bool found = false;
    };

    // One open table file: the CSV reader and its columns (case-insensitive names).
    struct table_file {
        table_file(input_source& in, const patstat_options& o)
            : csv(in.stream(), in.name(), csv_opts(o)), src(&in) {}
        static csv_options csv_opts(const patstat_options& o) {
            csv_options c;
            c.encoding = o.encoding;
            c.delimiter = auto_delimiter;
            c.max_fields = o.max_columns;
            return c;
        }
        std::size_t column(std::string_view name) const {
            const auto& h = csv.header();
            for (std::size_t i = 0; i < h.size(); ++i)
                if (iequals(h[i], name)) return i;
            return none;
        }
        std::size_t require(std::string_view name) const {
            const std::size_t i = column(name);
            if (i == none)
                ::techconv::detail::throw_error<parse_error>(
                    error_code::missing_column, source_location{csv.source(), csv.header_line(), 0, 0, std::string(name)},
                    "required column '" + std::string(name) + "' is not in the header of this PATSTAT table");
            return i;
        }
        std::string_view cell(std::size_t i) const { return i == none ? std::string_view() : trim(csv.field(i)); }
        // A whole-number id; `empty_ok` allows an empty cell (returns 0).
        std::int64_t id(std::size_t i, bool empty_ok = false) const {
            const std::string_view v = cell(i);
            std::int64_t x = 0;
            if (v.empty() && empty_ok) return 0;
            if (parse_int64(v, x) != number_status::ok)
                csv.fail(error_code::bad_number, i, "expected a whole number, found '" + std::string(v) + "'");
            return x;
        }
        static constexpr std::size_t none = static_cast<std::size_t>(-1);
        csv_reader csv;
        input_source* src;
    };

    static constexpr std::int64_t unknown_year = 9999;  // PATSTAT's year of an unknown date

    // The year of a year column: empty or 9999 none, else a plausible year.
    static year_type year_of(const table_file& t, std::size_t c) {
        const std::string_view v = t.cell(c);
        if (v.empty()) return no_year;
        std::int64_t y = 0;
        if (parse_int64(v, y) != number_status::ok || (y != unknown_year && (y < min_plausible_year || y > max_plausible_year)))
            t.csv.fail(error_code::bad_year, c,
                       "'" + std::string(v) + "' is not a year in [" + std::to_string(min_plausible_year) + ", " +
                           std::to_string(max_plausible_year) + "] or 9999 (unknown)");
        return y == unknown_year ? no_year : static_cast<year_type>(y);
    }
    // The year of a date column (9999-12-31: none).
    year_type date_year_of(const table_file& t, std::size_t c) {
        const std::string_view v = t.cell(c);
        if (v.empty() || v.substr(0, 4) == "9999") return no_year;
        const auto d = parse_date_year(v);
        if (!d) t.csv.fail(error_code::bad_year, c, "'" + std::string(v) + "' is not a date");
        ++stats_.date_rules[static_cast<std::size_t>(d->rule)];
        return d->year;
    }

    void join() {
        joined_ = true;
        // each input's table, from its header line
        std::vector<std::vector<input_source*>> by_table(7);
        for (auto* in : sources_) {
            const std::string_view head = in->head(4096);
            std::string_view line = head.substr(0, head.find_first_of("\r\n"));
            if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
            const patstat_table t = patstat_table_of(detail::sniff_header(line, detect_delimiter(line)));
            if (t == patstat_table::unknown)
                ::techconv::detail::throw_error<parse_error>(
                    error_code::bad_value, source_location{in->name(), 1, 0, 0, {}},
                    "the header names no PATSTAT table this reader reads (tls201_appln, tls209_appln_ipc, "
                    "tls206_person, tls207_pers_appln, tls211_pat_publn, tls212_citation)");
            by_table[static_cast<std::size_t>(t)].push_back(in);
        }
        if (by_table[static_cast<std::size_t>(patstat_table::appln)].empty())
            ::techconv::detail::throw_error<parse_error>(
                error_code::missing_column,
                source_location{sources_.empty() ? std::string("<no input>") : sources_.front()->name(), 1, 0, 0,
                                "appln_id"},
                "a PATSTAT extract needs its tls201_appln table (columns appln_id, appln_auth, appln_nr); none of "
                "the " + std::to_string(sources_.size()) + " files given is one");
        for (const auto t : {patstat_table::appln, patstat_table::pat_publn, patstat_table::citation,
                             patstat_table::appln_ipc, patstat_table::pers_appln, patstat_table::person}) {
            has_[static_cast<std::size_t>(t)] = !by_table[static_cast<std::size_t>(t)].empty();
            for (auto* in : by_table[static_cast<std::size_t>(t)]) read_table(*in, t);
        }
        publications_ = {};  // the join is done: only the records are kept
        if (opts_.classify_applicants) classifier_.emplace(opts_.rules ? *opts_.rules : default_applicant_rules());
    }

    void read_table(input_source& in, patstat_table t) {
        table_file f(in, opts_);
        reports_.push_back(patstat_table_report{in.name(), t, 0, 0});
        patstat_table_report& rep = reports_.back();
        switch (t) {
            case patstat_table::appln: read_appln(f, rep); break;
            case patstat_table::pat_publn: read_publn(f, rep); break;
            case patstat_table::citation: read_citation(f, rep); break;
            case patstat_table::appln_ipc: read_ipc(f, rep); break;
            case patstat_table::pers_appln: read_pers_appln(f, rep); break;
            case patstat_table::person: read_person(f, rep); break;
            case patstat_table::unknown: break;
        }
        bytes_ += f.csv.bytes_read();
        stats_.text = f.csv.encoding();
        stats_.encoding = stats_.text.used;
        stats_.delimiter = f.csv.delimiter();
        in.finish();
    }

    // Calls `fn` for each data row of `f` (a row of empty fields passed over), counting it.
    template <class Fn>
    static void each_row(table_file& f, patstat_table_report& rep, Fn&& fn) {
        while (f.csv.next()) {
            if (f.csv.blank()) continue;
            ++rep.rows;
            fn();
        }
    }

    // The application of `appln_id`, or nullptr (counted as outside the extract).
    application* app_of(std::int64_t appln_id, patstat_table_report& rep) {
        const auto it = index_.find(appln_id);
        if (it == index_.end()) {
            ++rep.outside;
            return nullptr;
        }
        return &apps_[it->second];
    }

    void read_appln(table_file& f, patstat_table_report& rep) {
        const std::size_t c_id = f.require("appln_id"), c_auth = f.require("appln_auth"), c_nr = f.require("appln_nr");
        const std::size_t c_year = f.column("appln_filing_year"), c_earliest = f.column("earliest_filing_year"),
                          c_family = f.column("docdb_family_id"), c_citing = f.column("nb_citing_docdb_fam");
        each_row(f, rep, [&] {
            application a;
            a.appln_id = f.id(c_id);
            a.line = f.csv.line();
            a.auth.assign(f.cell(c_auth));
            for (auto& ch : a.auth) ch = ascii_upper(ch);
            a.nr.assign(f.cell(c_nr));
            if (a.nr.empty()) f.csv.fail(error_code::bad_value, c_nr, "an application without appln_nr");
            a.filing = year_of(f, c_year);
            a.earliest = year_of(f, c_earliest);
            if (c_family != table_file::none) {
                const std::int64_t fam = f.id(c_family, true);
                if (fam != 0) a.family = std::to_string(fam);
            }
            if (c_citing != table_file::none && !f.cell(c_citing).empty()) {
                a.forward = f.id(c_citing);
                if (a.forward < 0)
                    f.csv.fail(error_code::negative_value, c_citing, "nb_citing_docdb_fam is negative");
            }
            if (!index_.emplace(a.appln_id, apps_.size()).second)
                f.csv.fail(error_code::duplicate_record, c_id,
                           "appln_id " + std::to_string(a.appln_id) + " is in tls201_appln twice");
            apps_.push_back(std::move(a));
        });
    }

    void read_publn(table_file& f, patstat_table_report& rep) {
        const std::size_t c_pub = f.require("pat_publn_id"), c_app = f.require("appln_id"),
                          c_auth = f.require("publn_auth"), c_nr = f.require("publn_nr");
        const std::size_t c_kind = f.column("publn_kind"), c_date = f.column("publn_date"),
                          c_claims = f.column("publn_claims");
        each_row(f, rep, [&] {
            const std::int64_t pub = f.id(c_pub);
            application* a = app_of(f.id(c_app), rep);
            const year_type y = date_year_of(f, c_date);
            const std::int64_t claims = c_claims == table_file::none ? 0 : f.id(c_claims, true);
            if (claims < 0) f.csv.fail(error_code::negative_value, c_claims, "publn_claims is negative");
            if (!a) return;
            if (claims > a->claims) a->claims = claims;
            std::string number = detail::publication_id(f.cell(c_auth), f.cell(c_nr), f.cell(c_kind), f.cell(c_auth));
            // the first publication: earliest date (an unknown 9999 date or none last), then smallest id
            const std::string_view date = f.cell(c_date).empty() ? std::string_view("9999-12-31") : f.cell(c_date);
            const bool earlier = a->publn_id < 0 || date < a->publn_date || (date == a->publn_date && pub < a->publn_id);
            if (earlier) {
                a->publn_id = pub;
                a->publn_date.assign(date);
                a->publn_number = number;
                a->publn_kind.assign(f.cell(c_kind));
                a->publn_year = y;
            }
            publications_.emplace(pub, publication{static_cast<std::size_t>(a - apps_.data()), std::move(number)});
        });
    }

    void read_citation(table_file& f, patstat_table_report& rep) {
        const std::size_t c_pub = f.require("pat_publn_id"), c_cited = f.require("cited_pat_publn_id");
        const std::size_t c_cited_app = f.column("cited_appln_id"), c_npl = f.column("cited_npl_publn_id");
        each_row(f, rep, [&] {
            const auto it = publications_.find(f.id(c_pub));
            const std::int64_t cited = f.id(c_cited, true);
            const std::int64_t cited_app = c_cited_app == table_file::none ? 0 : f.id(c_cited_app, true);
            const bool npl = c_npl != table_file::none && !f.cell(c_npl).empty() && f.cell(c_npl) != "0";
            if (it == publications_.end()) {
                ++rep.outside;
                return;
            }
            application& a = apps_[it->second.app];
            if (npl) ++a.npl;
            if (cited == 0 && cited_app == 0) return;
            const std::int64_t key = cited != 0 ? cited : -cited_app;
            if (std::find(a.cited_keys.begin(), a.cited_keys.end(), key) != a.cited_keys.end()) return;
            a.cited_keys.push_back(key);
            if (cited != 0) {
                const auto c = publications_.find(cited);
                if (c != publications_.end()) a.cited.push_back(c->second.number);
            }
        });
    }

    void read_ipc(table_file& f, patstat_table_report& rep) {
        const std::size_t c_app = f.require("appln_id"), c_sym = f.require("ipc_class_symbol");
        const std::size_t c_level = f.column("ipc_class_level"), c_pos = f.column("ipc_position"),
                          c_value = f.column("ipc_value");
        each_row(f, rep, [&] {
            application* a = app_of(f.id(c_app), rep);
            const std::string_view sym = f.csv.field(c_sym);
            const auto r = classification::parse_patstat_ipc(sym, f.csv.location(c_sym));
            const auto cols = classification::patstat_ipc_flags_of(f.cell(c_level), f.cell(c_pos), f.cell(c_value));
            if (!cols)
                f.csv.fail(error_code::bad_code, c_pos != table_file::none ? c_pos : c_sym,
                           "ipc_class_level, ipc_position or ipc_value is not a PATSTAT flag (level A or C, position "
                           "F or L, value I or N)");
            if (!a) return;
            const bool first = cols->position == 'F' || r.flags.position == 'F';
            std::string text = r.parse.code.to_string(classification::ipc_format::compact);
            bool seen = false;
            for (auto& it : a->ipc)
                if (it.text == text) {
                    it.first = it.first || first;
                    seen = true;
                }
            if (seen) return;
            if (a->ipc.size() == opts_.max_codes_per_record)
                f.csv.fail(error_code::limit_exceeded, c_sym,
                           "application " + std::to_string(a->appln_id) + ": more than " +
                               std::to_string(opts_.max_codes_per_record) +
                               " distinct IPC codes (patstat_options::max_codes_per_record)");
            a->ipc.push_back(ipc_item{std::move(text), r.parse.code, first});
        });
    }

    void read_pers_appln(table_file& f, patstat_table_report& rep) {
        const std::size_t c_person = f.require("person_id"), c_app = f.require("appln_id");
        const std::size_t c_applt = f.column("applt_seq_nr"), c_invt = f.column("invt_seq_nr");
        each_row(f, rep, [&] {
            const std::int64_t pid = f.id(c_person);
            application* a = app_of(f.id(c_app), rep);
            const std::int64_t applt = c_applt == table_file::none ? 0 : f.id(c_applt, true);
            const std::int64_t invt = c_invt == table_file::none ? 0 : f.id(c_invt, true);
            if (!a || (applt <= 0 && invt <= 0)) return;
            const auto slot = person_index_.emplace(pid, persons_.size());
            if (slot.second) persons_.emplace_back();
            if (applt > 0) a->links.push_back(link{slot.first->second, applt, true});
            if (invt > 0) a->links.push_back(link{slot.first->second, invt, false});
        });
    }

    void read_person(table_file& f, patstat_table_report& rep) {
        const std::size_t c_person = f.require("person_id"), c_name = f.require("person_name");
        const std::size_t c_ctry = f.column("person_ctry_code"), c_sector = f.column("psn_sector");
        each_row(f, rep, [&] {
            const auto it = person_index_.find(f.id(c_person));
            if (it == person_index_.end()) {
                ++rep.outside;
                return;
            }
            person& p = persons_[it->second];
            p.found = true;
            p.name.assign(f.cell(c_name));
            const std::string_view c = f.cell(c_ctry);
            p.country.clear();
            if (c.size() == 2 && detail::is_alpha(c[0]) && detail::is_alpha(c[1]))
                p.country = {ascii_upper(c[0]), ascii_upper(c[1])};
            p.type = detail::patstat_sector_type(f.cell(c_sector));
        });
    }

    bool has(patstat_table t) const noexcept { return has_[static_cast<std::size_t>(t)]; }

    template <class Sink>
    void emit(application& a, Sink& sink) {
        std::stable_sort(a.ipc.begin(), a.ipc.end(),
                         [](const ipc_item& x, const ipc_item& y) { return x.first && !y.first; });
        std::stable_sort(a.links.begin(), a.links.end(), [](const link& x, const link& y) { return x.seq < y.seq; });
        applicants_.clear();
        inventors_.clear();
        for (const auto& l : a.links) {
            const person& p = persons_[l.person];
            if (!p.found) {
                stats_.count_skip("person links whose person_id is not in tls206_person");
                continue;
            }
            if (l.applicant) applicants_.push_back(party{p.name, p.type, p.country});
            else inventors_.push_back(party{p.name, applicant_type::individual, p.country});
        }
        if (classifier_) classifier_->classify(applicants_);
        const std::string id = a.publn_id >= 0 ? a.publn_number : detail::publication_id(a.auth, a.nr, "", a.auth);
        sink.begin_row(a.line);
        detail::row_guard<Sink> guard(sink);
        sink.set_id(id);
        sink.set_family_id(a.family);
        sink.set_jurisdiction(a.auth);
        sink.set_kind(a.publn_kind);
        sink.set_years(a.publn_year, a.filing, a.earliest != no_year ? a.earliest : a.filing);
        for (const auto& p : applicants_) sink.add_applicant(p.name, p.country, p.type);
        for (const auto& p : inventors_) sink.add_inventor(p.name, p.country, p.type);
        for (const auto& c : a.ipc) sink.add_ipc(c.text, std::optional<classification::ipc_code>(c.code));
        for (const auto& c : a.cited) sink.add_cited_patent(c);
        if (has(patstat_table::appln_ipc)) sink.supply(patent_field::ipc);
        if (has(patstat_table::pers_appln) && has(patstat_table::person)) {
            sink.supply(patent_field::applicants);
            sink.supply(patent_field::inventors);
            sink.supply(patent_field::party_countries);
        }
        if (has(patstat_table::citation)) {
            sink.supply(patent_field::npl_list);
            sink.set_count(indicator::backward_citations, static_cast<std::int64_t>(a.cited_keys.size()));
            sink.set_npl_list_items(a.npl);
        }
        if (a.forward >= 0) sink.set_count(indicator::forward_citations, a.forward);
        if (a.claims > 0) sink.set_count(indicator::claims, a.claims);
        // the application is a filing at its office: the family merge unions them
        sink.add_family_jurisdiction(a.auth);
        sink.supply(patent_field::family_jurisdictions);
        guard.commit();
        // the record is delivered: its lists are not needed again
        a = application{};
    }

    patstat_options opts_;
    std::vector<std::unique_ptr<input_source>> owned_;
    std::vector<input_source*> sources_;
    std::optional<applicant_classifier> classifier_;
    patent_read_stats stats_;
    std::vector<patstat_table_report> reports_;
    std::uint64_t bytes_ = 0;
    bool joined_ = false;
    bool has_[7] = {};
    std::vector<application> apps_;
    std::unordered_map<std::int64_t, std::size_t> index_;  // appln_id -> apps_
    std::unordered_map<std::int64_t, publication> publications_;  // pat_publn_id of the extract's applications
    std::vector<person> persons_;
    std::unordered_map<std::int64_t, std::size_t> person_index_;  // person_id -> persons_
    std::vector<party> applicants_, inventors_;
    std::size_t next_ = 0;
};

/// \brief Reads all applications of a PATSTAT extract (its table files). \sa patstat_reader
inline std::vector<patent_record> read_patstat(const std::vector<std::string>& paths, const patstat_options& opts = {}) {
    patstat_reader r(paths, opts);
    return r.read_all();
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PATSTAT_HPP_
