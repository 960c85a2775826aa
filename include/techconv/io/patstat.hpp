// SPDX-License-Identifier: BSL-1.0
//
// Reader of EPO PATSTAT CSV extracts: the tables tls201_appln, tls209_appln_ipc,
// tls206_person, tls207_pers_appln, tls211_pat_publn and tls212_citation (column
// names of the PATSTAT Global data catalogue), joined on appln_id as a merge of
// streams into one patent record per application.
#ifndef TECHCONV_IO_PATSTAT_HPP_
#define TECHCONV_IO_PATSTAT_HPP_

#include <algorithm>      // std::stable_sort, std::sort, std::lower_bound, std::binary_search
#include <cstddef>        // std::size_t
#include <cstdint>        // std::int64_t, std::uint64_t
#include <functional>     // std::function
#include <istream>        // std::istream
#include <limits>         // std::numeric_limits
#include <memory>         // std::unique_ptr
#include <optional>       // std::optional
#include <sstream>        // std::istringstream
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <utility>        // std::move, std::pair
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
    encoding_evidence text{};  ///< how its text was read (after the file's last row)
    char delimiter = ',';      ///< its field delimiter
};

/// \brief A publication of an extract: a tls211_pat_publn row of one of its applications
/// (patstat_reader::publication_index).
struct patstat_publication {
    std::int64_t id = 0;        ///< pat_publn_id
    std::int64_t appln_id = 0;  ///< its application
    std::string number;         ///< its publication number (detail::publication_id)
};

/// \brief How a patstat_reader reads a share of an extract (parallel::mpi::read_patstat_split
/// gives each rank one): one process needs none of it.
struct patstat_share {
    /// A fresh reading of input k for an index pass (empty: the input is opened again by its name).
    std::function<std::unique_ptr<std::istream>(std::size_t)> reopen;
    /// The publications of the whole extract (tls211 rows of its applications, in file order),
    /// given: the reader makes no index pass of tls211 (nullptr: it makes one).
    const std::vector<patstat_publication>* publications = nullptr;
    /// The applications of the share: a row of tls211, tls209, tls207 (or tls212, by the
    /// application of its publication) of an application outside [first, end) is an error
    /// (bad_value: the tables are not in the order the share was cut by).
    std::int64_t first = std::numeric_limits<std::int64_t>::min();
    std::int64_t end = std::numeric_limits<std::int64_t>::max();
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

/// \brief Reader of an EPO PATSTAT CSV extract: its tables joined on `appln_id` as a merge of
/// streams, one patent record per application of tls201_appln, in that table's order.
///
/// Input: any number of table files, each recognised by its header (patstat_table_of; file
/// names do not matter), a table possibly split into several files (PATSTAT ships parts:
/// the parts of one table are read in the order given, as one table); tls201_appln is
/// required, every other table optional. Columns are found by their catalogue names (any
/// case, any order; others are passed over).
///
/// Streaming (docs/io-patents.md, "EPO PATSTAT CSV extracts"): tls201_appln, tls211_pat_publn,
/// tls209_appln_ipc and tls207_pers_appln must list their rows by `appln_id`, ascending
/// (tls201 strictly); tls212_citation must list its rows grouped by the application of their
/// `pat_publn_id`, those applications ascending. A row out of that order is an error naming
/// the file, line, column and both ids. Before the join the reader makes at most three index
/// passes, each only when the tables that need it are given: tls201's `appln_id`s (8 bytes an
/// application; freed before the join); tls211 when tls212 is given, into a sorted map
/// `pat_publn_id` → (`appln_id`, publication number) of the extract's publications (32 bytes
/// plus the number's text, about 15 bytes, a publication); tls207 when tls206 is given, into
/// the sorted `person_id`s the extract's applications name, then tls206 (one reading) into
/// their name, country and type (24 bytes plus the name's text a person). Then tls201 and
/// the child tables tls211, tls212, tls209 and tls207 advance together, one application's
/// rows at a time, each application delivered before the next is read. Held: those maps and
/// one application's lists, never a table's text. Tables read twice (tls201, tls211 with
/// tls212, tls207 with tls206) must be files, not standard input (an error naming it).
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
/// tls201 (duplicate_record), a row out of the order above (bad_value), a year outside
/// [min_plausible_year, max_plausible_year] (bad_year), a date that is not a date (bad_year),
/// an IPC symbol or flag that is not one (bad_code), more codes than max_codes_per_record
/// (limit_exceeded); no tls201_appln table, a file whose header is no PATSTAT table
/// (bad_value, naming the file), a table to be read twice on standard input (bad_value). Rows
/// about applications outside tls201 are counted (tables()), not errors.
///
/// Not safe for concurrent use.
/// \code
/// techconv::io::patstat_reader r({"tls201.csv", "tls209.csv", "tls211.csv"});
/// techconv::io::patent_record rec;
/// while (r.next(rec)) use(rec.ipc);
/// \endcode
class patstat_reader {
public:
    /// Reads the table files at `paths` (`-`: standard input, for a table read once).
    /// \throws parse_error (io_error).
    explicit patstat_reader(const std::vector<std::string>& paths, patstat_options opts = {}) : opts_(std::move(opts)) {
        for (const auto& p : paths) owned_.push_back(std::make_unique<input_source>(p));
        for (auto& o : owned_) sources_.push_back(o.get());
        stats_.layout = "patstat";
    }
    /// Reads the tables `tables` (not owned; each not read yet, or only its head). A table the
    /// index passes read is opened again by its name for them.
    explicit patstat_reader(std::vector<input_source*> tables, patstat_options opts = {})
        : opts_(std::move(opts)), sources_(std::move(tables)) {
        stats_.layout = "patstat";
    }
    /// Reads the share `share` of an extract from the tables `tables` (not owned; each the
    /// share's part of a table file, read as that file: parallel::mpi::read_patstat_split).
    patstat_reader(std::vector<input_source*> tables, patstat_share share, patstat_options opts)
        : opts_(std::move(opts)), sources_(std::move(tables)), share_(std::move(share)) {
        stats_.layout = "patstat";
    }
    /// Reads tables held in memory: (name, text) pairs (tests and fuzzing).
    explicit patstat_reader(std::vector<std::pair<std::string, std::string>> texts, patstat_options opts = {})
        : opts_(std::move(opts)), texts_(std::move(texts)) {
        for (const auto& t : texts_) {
            streams_.push_back(std::make_unique<std::istringstream>(t.second));
            owned_.push_back(std::make_unique<input_source>(*streams_.back(), t.first));
            sources_.push_back(owned_.back().get());
        }
        in_memory_ = true;
        stats_.layout = "patstat";
    }

    /// Reads the next application into `out`. False at the end.
    bool next(patent_record& out) {
        patent_record_sink s(out);
        return next_into(s);
    }
    /// \brief Reads the next application into `sink` (records::patent_table, patent_record_sink
    /// or any type with their row functions). The first call makes the index passes. False at
    /// the end. \throws parse_error.
    template <class Sink>
    bool next_into(Sink& sink) {
        if (!started_) start();
        if (done_) return false;
        table_stream& t = streams_of(patstat_table::appln);
        if (!next_row(t)) {
            finish();
            return false;
        }
        read_application(t);
        for (const auto k : {patstat_table::pat_publn, patstat_table::citation, patstat_table::appln_ipc,
                             patstat_table::pers_appln})
            if (has(k)) take(streams_of(k));
        emit(sink);
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
    /// encoding (of the last table file finished).
    const patent_read_stats& stats() const noexcept { return stats_; }
    /// One entry per table file, in the order opened (after the first next()).
    const std::vector<patstat_table_report>& tables() const noexcept { return reports_; }
    /// \brief The publications of the extract's applications: the tls211 rows whose appln_id
    /// is in tls201 (index passes over tls201 and tls211 only, before and without the join),
    /// in file order. Empty without tls211. \throws parse_error, as next().
    std::vector<patstat_publication> publication_index() {
        classify();
        std::vector<patstat_publication> out;
        if (!has(patstat_table::pat_publn)) return out;
        const std::vector<std::int64_t> ids = appln_ids();
        scan(patstat_table::pat_publn, [&](const table_file& f, const std::size_t (&c)[n_columns]) {
            const std::int64_t pub = f.id(c[0]), app = f.id(c[1]);
            if (std::binary_search(ids.begin(), ids.end(), app))
                out.push_back(patstat_publication{
                    pub, app, detail::publication_id(f.cell(c[2]), f.cell(c[3]), f.cell(c[4]), f.cell(c[2]))});
        });
        return out;
    }
    /// The appln_id of the last tls201 row read (after next() returned false; 0 when none).
    std::int64_t last_appln_id() const noexcept { return tables_[slot(patstat_table::appln)].last; }
    /// Bytes of the tables consumed so far by the join (for progress reports).
    std::uint64_t bytes_read() const noexcept {
        std::uint64_t n = bytes_;
        for (const auto& t : tables_)
            if (t.f) n += t.f->csv.bytes_read();
        return n;
    }

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    static constexpr std::size_t n_tables = 7;
    static constexpr std::size_t n_columns = 7;

    struct ipc_item {
        std::string text;  // compact form, the dedup key
        classification::ipc_code code;
        bool first = false;  // ipc_position F
    };
    struct link {
        std::int64_t person = 0;  // person_id
        std::int64_t seq = 0;
        bool applicant = false;
    };
    // The application being read.
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
    // A publication of the extract (index of tls211): its application and number (in text_).
    struct publication {
        std::int64_t id = 0;
        std::int64_t appln_id = 0;
        std::uint64_t offset = 0;
        std::uint32_t size = 0;
    };
    // A person some application of the extract names (at the same place in person_ids_).
    struct person {
        std::uint64_t offset = 0;  // name in text_
        std::uint32_t size = 0;
        char country[2] = {0, 0};
        applicant_type type = applicant_type::unknown;
        bool found = false;
    };

    // One open table file: the CSV reader and its columns (case-insensitive names).
    struct table_file {
        table_file(input_source& in, const patstat_options& o) : csv(in.stream(), in.name(), csv_opts(o)) {}
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
        // The columns of table `t` (required ones checked), by slot.
        void columns(patstat_table t, std::size_t (&c)[n_columns]) const {
            for (auto& x : c) x = none;
            switch (t) {
                case patstat_table::appln:
                    c[0] = require("appln_id");
                    c[1] = require("appln_auth");
                    c[2] = require("appln_nr");
                    c[3] = column("appln_filing_year");
                    c[4] = column("earliest_filing_year");
                    c[5] = column("docdb_family_id");
                    c[6] = column("nb_citing_docdb_fam");
                    break;
                case patstat_table::pat_publn:
                    c[0] = require("pat_publn_id");
                    c[1] = require("appln_id");
                    c[2] = require("publn_auth");
                    c[3] = require("publn_nr");
                    c[4] = column("publn_kind");
                    c[5] = column("publn_date");
                    c[6] = column("publn_claims");
                    break;
                case patstat_table::citation:
                    c[0] = require("pat_publn_id");
                    c[1] = require("cited_pat_publn_id");
                    c[2] = column("cited_appln_id");
                    c[3] = column("cited_npl_publn_id");
                    break;
                case patstat_table::appln_ipc:
                    c[0] = require("appln_id");
                    c[1] = require("ipc_class_symbol");
                    c[2] = column("ipc_class_level");
                    c[3] = column("ipc_position");
                    c[4] = column("ipc_value");
                    break;
                case patstat_table::pers_appln:
                    c[0] = require("person_id");
                    c[1] = require("appln_id");
                    c[2] = column("applt_seq_nr");
                    c[3] = column("invt_seq_nr");
                    break;
                case patstat_table::person:
                    c[0] = require("person_id");
                    c[1] = require("person_name");
                    c[2] = column("person_ctry_code");
                    c[3] = column("psn_sector");
                    break;
                case patstat_table::unknown: break;
            }
        }
        csv_reader csv;
    };

    // One table of the join, its parts read in sequence, and its waiting row (its application
    // is `key`, after the one being read).
    struct table_stream {
        patstat_table table = patstat_table::unknown;
        std::vector<std::size_t> parts;  // indexes into sources_, in the order given
        std::size_t part = 0;            // the next part to open
        std::unique_ptr<table_file> f;   // the part being read
        std::size_t report = 0;          // its reports_ entry
        std::size_t c[n_columns] = {none, none, none, none, none, none, none};
        bool waiting = false;
        std::int64_t key = 0;          // appln_id of the waiting row
        bool ordered = false;          // a row was taken in order (last, last_at)
        std::int64_t last = 0;         // appln_id of that row
        std::string last_at;           // its file:line
    };

    static constexpr std::int64_t unknown_year = 9999;  // PATSTAT's year of an unknown date

    static std::size_t slot(patstat_table t) noexcept { return static_cast<std::size_t>(t); }
    bool has(patstat_table t) const noexcept { return !tables_[slot(t)].parts.empty(); }
    table_stream& streams_of(patstat_table t) noexcept { return tables_[slot(t)]; }

    [[noreturn]] static void fail_file(const std::string& file, std::size_t line, error_code code,
                                       const std::string& field, const std::string& msg) {
        ::techconv::detail::throw_error<parse_error>(code, source_location{file, line, 0, 0, field}, msg);
    }

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

    // A fresh reading of input `k` for an index pass.
    std::unique_ptr<input_source> reopen(std::size_t k) {
        if (in_memory_) {
            streams_.push_back(std::make_unique<std::istringstream>(texts_[k].second));
            return std::make_unique<input_source>(*streams_.back(), texts_[k].first);
        }
        const std::string& name = sources_[k]->name();
        if (share_.reopen) {
            streams_.push_back(share_.reopen(k));
            return std::make_unique<input_source>(*streams_.back(), name);
        }
        if (name == standard_input_name)
            fail_file(name, 1, error_code::bad_value, {},
                      "this PATSTAT table is read twice (an index pass, then the join; tls201_appln, and "
                      "tls211_pat_publn with tls212_citation, tls207_pers_appln with tls206_person): give it as a "
                      "file, not on standard input");
        return std::make_unique<input_source>(name);
    }

    // Calls `fn(file, columns)` for each data row of every part of table `t`, read afresh.
    template <class Fn>
    void scan(patstat_table t, Fn&& fn) {
        for (const std::size_t k : tables_[slot(t)].parts) {
            const auto in = reopen(k);
            table_file f(*in, opts_);
            std::size_t c[n_columns];
            f.columns(t, c);
            while (f.csv.next())
                if (!f.csv.blank()) fn(f, c);
        }
    }

    // Each input's table, from its header line (once); tls201_appln required.
    void classify() {
        if (classified_) return;
        classified_ = true;
        for (std::size_t t = 0; t < n_tables; ++t) tables_[t].table = static_cast<patstat_table>(t);
        // each input's table, from its header line
        for (std::size_t k = 0; k < sources_.size(); ++k) {
            input_source* in = sources_[k];
            const std::string_view head = in->head(4096);
            std::string_view line = head.substr(0, head.find_first_of("\r\n"));
            if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
            const patstat_table t = patstat_table_of(detail::sniff_header(line, detect_delimiter(line)));
            if (t == patstat_table::unknown)
                fail_file(in->name(), 1, error_code::bad_value, {},
                          "the header names no PATSTAT table this reader reads (tls201_appln, tls209_appln_ipc, "
                          "tls206_person, tls207_pers_appln, tls211_pat_publn, tls212_citation)");
            tables_[slot(t)].parts.push_back(k);
        }
        if (!has(patstat_table::appln))
            fail_file(sources_.empty() ? std::string("<no input>") : sources_.front()->name(), 1,
                      error_code::missing_column, "appln_id",
                      "a PATSTAT extract needs its tls201_appln table (columns appln_id, appln_auth, appln_nr); none of "
                      "the " + std::to_string(sources_.size()) + " files given is one");
    }
    // tls201's appln_ids, sorted (an index pass).
    std::vector<std::int64_t> appln_ids() {
        std::vector<std::int64_t> ids;
        scan(patstat_table::appln, [&](const table_file& f, const std::size_t (&c)[n_columns]) { ids.push_back(f.id(c[0])); });
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    void start() {
        started_ = true;
        classify();
        if (opts_.classify_applicants) classifier_.emplace(opts_.rules ? *opts_.rules : default_applicant_rules());
        const bool citations = has(patstat_table::pat_publn) && has(patstat_table::citation);
        const bool persons = has(patstat_table::pers_appln) && has(patstat_table::person);
        std::vector<std::int64_t> ids;  // tls201's appln_ids, sorted
        if ((citations && !share_.publications) || persons) ids = appln_ids();
        const auto in_extract = [&](std::int64_t id) { return std::binary_search(ids.begin(), ids.end(), id); };
        if (citations && share_.publications) given_publications(*share_.publications);
        else if (citations) index_publications(in_extract);
        if (persons) index_persons(in_extract);
        ids = {};
        if (has(patstat_table::person)) read_persons();
        for (const auto t : {patstat_table::appln, patstat_table::pat_publn, patstat_table::citation,
                             patstat_table::appln_ipc, patstat_table::pers_appln})
            if (has(t)) open_part(streams_of(t));
    }

    // tls211 of the extract's applications: pat_publn_id -> application and number.
    template <class InExtract>
    void index_publications(const InExtract& in_extract) {
        scan(patstat_table::pat_publn, [&](const table_file& f, const std::size_t (&c)[n_columns]) {
            const std::int64_t pub = f.id(c[0]), app = f.id(c[1]);
            if (!in_extract(app)) return;
            const std::string number = detail::publication_id(f.cell(c[2]), f.cell(c[3]), f.cell(c[4]), f.cell(c[2]));
            publications_.push_back(publication{pub, app, text_.size(), static_cast<std::uint32_t>(number.size())});
            text_ += number;
        });
        // the first row of a pat_publn_id counts (stable)
        std::stable_sort(publications_.begin(), publications_.end(),
                         [](const publication& x, const publication& y) { return x.id < y.id; });
    }
    // The extract's publications, given (patstat_share::publications), indexed as index_publications does.
    void given_publications(const std::vector<patstat_publication>& v) {
        for (const auto& p : v) {
            publications_.push_back(publication{p.id, p.appln_id, text_.size(), static_cast<std::uint32_t>(p.number.size())});
            text_ += p.number;
        }
        std::stable_sort(publications_.begin(), publications_.end(),
                         [](const publication& x, const publication& y) { return x.id < y.id; });
    }
    const publication* publication_of(std::int64_t id) const {
        const auto it = std::lower_bound(publications_.begin(), publications_.end(), id,
                                         [](const publication& p, std::int64_t v) { return p.id < v; });
        return it != publications_.end() && it->id == id ? &*it : nullptr;
    }

    // The person_ids tls207 links to the extract's applications (with a role).
    template <class InExtract>
    void index_persons(const InExtract& in_extract) {
        scan(patstat_table::pers_appln, [&](const table_file& f, const std::size_t (&c)[n_columns]) {
            const std::int64_t pid = f.id(c[0]), app = f.id(c[1]);
            const std::int64_t applt = f.id(c[2], true), invt = f.id(c[3], true);
            if ((applt > 0 || invt > 0) && in_extract(app)) person_ids_.push_back(pid);
        });
        std::sort(person_ids_.begin(), person_ids_.end());
        person_ids_.erase(std::unique(person_ids_.begin(), person_ids_.end()), person_ids_.end());
        persons_.assign(person_ids_.size(), person{});
    }
    std::size_t person_slot(std::int64_t id) const {
        const auto it = std::lower_bound(person_ids_.begin(), person_ids_.end(), id);
        return it != person_ids_.end() && *it == id ? static_cast<std::size_t>(it - person_ids_.begin()) : none;
    }

    // tls206: the persons of person_ids_ (a later row of a person replaces an earlier one).
    void read_persons() {
        table_stream& t = streams_of(patstat_table::person);
        while (next_row(t)) {
            const table_file& f = *t.f;
            const std::size_t k = person_slot(f.id(t.c[0]));
            if (k == none) {
                ++reports_[t.report].outside;
                continue;
            }
            person& p = persons_[k];
            p.found = true;
            const std::string_view name = f.cell(t.c[1]);
            p.offset = text_.size();
            p.size = static_cast<std::uint32_t>(name.size());
            text_ += name;
            const std::string_view c = f.cell(t.c[2]);
            p.country[0] = p.country[1] = 0;
            if (c.size() == 2 && detail::is_alpha(c[0]) && detail::is_alpha(c[1])) {
                p.country[0] = ascii_upper(c[0]);
                p.country[1] = ascii_upper(c[1]);
            }
            p.type = detail::patstat_sector_type(f.cell(t.c[3]));
        }
    }

    // Opens the next part of `t` (false when none is left).
    bool open_part(table_stream& t) {
        if (t.part == t.parts.size()) return false;
        input_source& in = *sources_[t.parts[t.part++]];
        t.f = std::make_unique<table_file>(in, opts_);
        reports_.push_back(patstat_table_report{in.name(), t.table, 0, 0, {}, ','});
        t.report = reports_.size() - 1;
        t.f->columns(t.table, t.c);
        return true;
    }
    // Closes the part of `t` being read.
    void close_part(table_stream& t) {
        bytes_ += t.f->csv.bytes_read();
        stats_.text = t.f->csv.encoding();
        stats_.encoding = stats_.text.used;
        stats_.delimiter = t.f->csv.delimiter();
        reports_[t.report].text = stats_.text;
        reports_[t.report].delimiter = stats_.delimiter;
        t.f.reset();
        sources_[t.parts[t.part - 1]]->finish();
    }
    // Moves `t` to its next data row, across its parts (a row of empty fields passed over),
    // counting it. False at the end of its last part.
    bool next_row(table_stream& t) {
        while (t.f || open_part(t)) {
            while (t.f->csv.next()) {
                if (t.f->csv.blank()) continue;
                ++reports_[t.report].rows;
                return true;
            }
            close_part(t);
        }
        return false;
    }

    // The row of `t` has application `key`: it must not come before the last one taken.
    void in_order(table_stream& t, std::int64_t key, std::size_t column, const std::string& what) {
        const table_file& f = *t.f;
        if (t.ordered && key < t.last)
            f.csv.fail(error_code::bad_value, column,
                       what + " comes after a row of appln_id " + std::to_string(t.last) + " (" + t.last_at +
                           "): " + std::string(to_string(t.table)) +
                           (t.table == patstat_table::citation
                                ? " must list its rows grouped by the application of their pat_publn_id, by appln_id "
                                  "ascending"
                                : " must list its rows by appln_id, ascending") +
                           " (docs/io-patents.md: sorting an extract)");
        t.ordered = true;
        t.last = key;
        t.last_at = f.csv.source() + ":" + std::to_string(f.csv.line());
    }

    // Moves child `t` to its next row of an application of the extract (tls212 rows whose
    // publication is not one are read and counted on the way). False at its end.
    bool advance(table_stream& t) {
        while (next_row(t)) {
            const table_file& f = *t.f;
            std::int64_t key = 0;
            std::size_t col = t.c[0];
            if (t.table == patstat_table::citation) {
                const std::int64_t pub = f.id(t.c[0]);
                const publication* p = publication_of(pub);
                if (!p) {
                    row(t, nullptr);
                    continue;
                }
                key = p->appln_id;
                in_order(t, key, t.c[0],
                         "pat_publn_id " + std::to_string(pub) + " (of appln_id " + std::to_string(key) + ")");
            } else {
                col = t.table == patstat_table::appln_ipc ? t.c[0] : t.c[1];
                key = f.id(col);
                in_order(t, key, col, "appln_id " + std::to_string(key));
            }
            if (key < share_.first || key >= share_.end)
                f.csv.fail(error_code::bad_value, col,
                           "appln_id " + std::to_string(key) + " is outside the applications of this share of " +
                               std::string(to_string(t.table)) + " (the table is not in the order its share was cut by)");
            t.waiting = true;
            t.key = key;
            return true;
        }
        return false;
    }

    // Takes the rows of child `t` up to the application being read: its own rows, and before
    // them rows of applications not in tls201 (counted).
    void take(table_stream& t) {
        while (t.waiting || advance(t)) {
            if (t.key > app_.appln_id) return;  // a later application's row: it waits
            t.waiting = false;
            row(t, t.key == app_.appln_id ? &app_ : nullptr);
        }
    }

    // The row of tls201 at `t`: the application being read.
    void read_application(table_stream& t) {
        const table_file& f = *t.f;
        application& a = app_;
        a.appln_id = f.id(t.c[0]);
        if (t.ordered && a.appln_id <= t.last) {
            if (a.appln_id == t.last)
                f.csv.fail(error_code::duplicate_record, t.c[0],
                           "appln_id " + std::to_string(a.appln_id) + " is in tls201_appln twice");
            in_order(t, a.appln_id, t.c[0], "appln_id " + std::to_string(a.appln_id));
        }
        t.ordered = true;
        t.last = a.appln_id;
        t.last_at = f.csv.source() + ":" + std::to_string(f.csv.line());
        a.line = f.csv.line();
        a.auth.assign(f.cell(t.c[1]));
        for (auto& ch : a.auth) ch = ascii_upper(ch);
        a.nr.assign(f.cell(t.c[2]));
        if (a.nr.empty()) f.csv.fail(error_code::bad_value, t.c[2], "an application without appln_nr");
        a.filing = year_of(f, t.c[3]);
        a.earliest = year_of(f, t.c[4]);
        a.family.clear();
        if (t.c[5] != none) {
            const std::int64_t fam = f.id(t.c[5], true);
            if (fam != 0) a.family = std::to_string(fam);
        }
        a.forward = -1;
        if (t.c[6] != none && !f.cell(t.c[6]).empty()) {
            a.forward = f.id(t.c[6]);
            if (a.forward < 0) f.csv.fail(error_code::negative_value, t.c[6], "nb_citing_docdb_fam is negative");
        }
        a.claims = 0;
        a.publn_id = -1;
        a.publn_date.clear();
        a.publn_number.clear();
        a.publn_kind.clear();
        a.publn_year = no_year;
        a.ipc.clear();
        a.links.clear();
        a.cited.clear();
        a.cited_keys.clear();
        a.npl = 0;
    }

    // One row of child `t`, of application `a` (nullptr: an application outside the extract,
    // counted). The row is checked either way.
    void row(table_stream& t, application* a) {
        const table_file& f = *t.f;
        const auto& c = t.c;
        patstat_table_report& rep = reports_[t.report];
        switch (t.table) {
            case patstat_table::pat_publn: {
                const std::int64_t pub = f.id(c[0]);
                const year_type y = date_year_of(f, c[5]);
                const std::int64_t claims = c[6] == none ? 0 : f.id(c[6], true);
                if (claims < 0) f.csv.fail(error_code::negative_value, c[6], "publn_claims is negative");
                if (!a) break;
                if (claims > a->claims) a->claims = claims;
                // the first publication: earliest date (an unknown 9999 date or none last), then smallest id
                const std::string_view date = f.cell(c[5]).empty() ? std::string_view("9999-12-31") : f.cell(c[5]);
                const bool earlier = a->publn_id < 0 || date < a->publn_date || (date == a->publn_date && pub < a->publn_id);
                if (earlier) {
                    a->publn_id = pub;
                    a->publn_date.assign(date);
                    a->publn_number = detail::publication_id(f.cell(c[2]), f.cell(c[3]), f.cell(c[4]), f.cell(c[2]));
                    a->publn_kind.assign(f.cell(c[4]));
                    a->publn_year = y;
                }
                return;
            }
            case patstat_table::citation: {
                const std::int64_t cited = f.id(c[1], true);
                const std::int64_t cited_app = c[2] == none ? 0 : f.id(c[2], true);
                const bool npl = c[3] != none && !f.cell(c[3]).empty() && f.cell(c[3]) != "0";
                if (!a) break;
                if (npl) ++a->npl;
                if (cited == 0 && cited_app == 0) return;
                const std::int64_t key = cited != 0 ? cited : -cited_app;
                if (std::find(a->cited_keys.begin(), a->cited_keys.end(), key) != a->cited_keys.end()) return;
                a->cited_keys.push_back(key);
                if (cited != 0) {
                    if (const publication* p = publication_of(cited))
                        a->cited.emplace_back(text_.data() + p->offset, p->size);
                }
                return;
            }
            case patstat_table::appln_ipc: {
                const std::string_view sym = f.csv.field(c[1]);
                const auto r = classification::parse_patstat_ipc(sym, f.csv.location(c[1]));
                const auto cols = classification::patstat_ipc_flags_of(f.cell(c[2]), f.cell(c[3]), f.cell(c[4]));
                if (!cols)
                    f.csv.fail(error_code::bad_code, c[3] != none ? c[3] : c[1],
                               "ipc_class_level, ipc_position or ipc_value is not a PATSTAT flag (level A or C, "
                               "position F or L, value I or N)");
                if (!a) break;
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
                    f.csv.fail(error_code::limit_exceeded, c[1],
                               "application " + std::to_string(a->appln_id) + ": more than " +
                                   std::to_string(opts_.max_codes_per_record) +
                                   " distinct IPC codes (patstat_options::max_codes_per_record)");
                a->ipc.push_back(ipc_item{std::move(text), r.parse.code, first});
                return;
            }
            case patstat_table::pers_appln: {
                const std::int64_t pid = f.id(c[0]);
                const std::int64_t applt = c[2] == none ? 0 : f.id(c[2], true);
                const std::int64_t invt = c[3] == none ? 0 : f.id(c[3], true);
                if (!a) break;
                if (applt > 0) a->links.push_back(link{pid, applt, true});
                if (invt > 0) a->links.push_back(link{pid, invt, false});
                return;
            }
            default: return;
        }
        ++rep.outside;
    }

    // The end of tls201: the rest of each child table is about applications after the last
    // one (outside the extract), read, checked and counted.
    void finish() {
        done_ = true;
        for (const auto k : {patstat_table::pat_publn, patstat_table::citation, patstat_table::appln_ipc,
                             patstat_table::pers_appln}) {
            if (!has(k)) continue;
            table_stream& t = streams_of(k);
            while (t.waiting || advance(t)) {
                t.waiting = false;
                row(t, nullptr);
            }
        }
        publications_ = {};
        person_ids_ = {};
        persons_ = {};
        text_ = {};
    }

    template <class Sink>
    void emit(Sink& sink) {
        application& a = app_;
        std::stable_sort(a.ipc.begin(), a.ipc.end(),
                         [](const ipc_item& x, const ipc_item& y) { return x.first && !y.first; });
        std::stable_sort(a.links.begin(), a.links.end(), [](const link& x, const link& y) { return x.seq < y.seq; });
        applicants_.clear();
        inventors_.clear();
        for (const auto& l : a.links) {
            const std::size_t k = person_slot(l.person);
            if (k == none || !persons_[k].found) {
                stats_.count_skip("person links whose person_id is not in tls206_person");
                continue;
            }
            const person& p = persons_[k];
            party q;
            q.name.assign(text_.data() + p.offset, p.size);
            if (p.country[0] != 0) q.country.assign(p.country, 2);
            q.type = l.applicant ? p.type : applicant_type::individual;
            (l.applicant ? applicants_ : inventors_).push_back(std::move(q));
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
    }

    patstat_options opts_;
    std::vector<std::pair<std::string, std::string>> texts_;
    std::vector<std::unique_ptr<std::istream>> streams_;
    std::vector<std::unique_ptr<input_source>> owned_;
    std::vector<input_source*> sources_;
    bool in_memory_ = false;
    patstat_share share_;
    std::optional<applicant_classifier> classifier_;
    patent_read_stats stats_;
    std::vector<patstat_table_report> reports_;
    std::uint64_t bytes_ = 0;  // of the parts closed
    bool started_ = false, done_ = false, classified_ = false;
    table_stream tables_[n_tables];
    std::vector<publication> publications_;   // tls211 of the extract, by pat_publn_id (with tls212)
    std::vector<std::int64_t> person_ids_;    // persons the extract names, sorted (with tls206)
    std::vector<person> persons_;             // at the same places
    std::string text_;                        // publication numbers and person names
    application app_;                         // the application being read
    std::vector<party> applicants_, inventors_;
};

/// \brief Reads all applications of a PATSTAT extract (its table files). \sa patstat_reader
inline std::vector<patent_record> read_patstat(const std::vector<std::string>& paths, const patstat_options& opts = {}) {
    patstat_reader r(paths, opts);
    return r.read_all();
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PATSTAT_HPP_
