// SPDX-License-Identifier: BSL-1.0
//
// Reader of the PatentsView bulk download tables (tab-separated, one header
// line): g_patent, g_cpc_current, g_ipc_at_issue, g_inventor_disambiguated,
// g_assignee_disambiguated, g_location_disambiguated and g_us_patent_citation
// (column names of the PatentsView data download dictionary), joined on
// patent_id as a merge of streams into one patent record per g_patent row.
#ifndef TECHCONV_IO_PATENTSVIEW_BULK_HPP_
#define TECHCONV_IO_PATENTSVIEW_BULK_HPP_

#include <algorithm>      // std::stable_sort, std::find
#include <cstddef>        // std::size_t
#include <cstdint>        // std::int64_t, std::uint32_t, std::uint64_t
#include <limits>         // std::numeric_limits
#include <memory>         // std::unique_ptr
#include <optional>       // std::optional
#include <sstream>        // std::istringstream
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
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
#include "techconv/io/patentsview.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Options of patentsview_bulk_reader.
struct patentsview_bulk_options {
    /// automatic: decided per table from its first block (PatentsView writes UTF-8); else this encoding.
    text_encoding encoding = text_encoding::automatic;
    /// Distinct IPC codes, and as many CPC codes, of one patent at most; more is limit_exceeded.
    std::size_t max_codes_per_record = 1000;
    std::size_t max_columns = csv_options{}.max_fields;  ///< columns of one table (csv_options::max_fields)
    bool classify_applicants = true;         ///< type assignees without a type code by name rules
    const applicant_rules* rules = nullptr;  ///< rules (nullptr: default_applicant_rules())
};

/// \brief What patentsview_bulk_reader did with one table file.
struct patentsview_bulk_table_report {
    std::string path;                                     ///< the file
    patentsview_table table = patentsview_table::unknown;  ///< the table its header names
    std::size_t rows = 0;                                 ///< data rows read (in the join pass)
    /// Rows whose patent_id is not in g_patent (a child table with more patents than the
    /// g_patent given): passed over, counted here; the first one's `file:line: patent_id`.
    std::size_t outside = 0;
    std::string first_outside;  ///< `file:line: patent_id` of the first row outside, or empty
};

/// \brief One reader's share of a PatentsView bulk table set, when several readers each join a
/// consecutive run of g_patent's rows (parallel::mpi::read_patentsview_bulk_split sets it up;
/// patentsview_bulk_reader::set_share). The tables are identified, g_location_disambiguated
/// and g_patent's patent_id column read whole as one reader reads them (prepare()); the join
/// reads `join[k]` for input k instead of the whole table: the table's header line, an empty
/// line for every line before the share (so that each line keeps its number) and the share's
/// rows.
struct patentsview_bulk_share {
    std::vector<input_source*> join;       ///< per input: the share the join reads (not owned)
    std::vector<text_encoding> encodings;  ///< per input: its encoding, decided once for the whole table
    std::uint32_t first_row = 0;           ///< g_patent row of the share's first patent
    bool last = true;                      ///< whether the share ends with g_patent's last patent
    /// The citing patents of the share's row i (`US <number>`, in the table's order):
    /// forward_names[forward_start[i]] to forward_names[forward_start[i + 1]] (excluded);
    /// used when g_us_patent_citation is given (forward_start then holds rows + 1 entries).
    std::vector<std::size_t> forward_start;
    std::vector<std::string> forward_names;
};

/// \brief What patentsview_bulk_reader::cited_rows saw of a run of g_us_patent_citation rows.
struct patentsview_citing_runs {
    bool any = false;      ///< a row was read
    std::string first_id;  ///< patent_id of the first row
    std::string last_id;   ///< patent_id of the last row
    std::size_t runs = 0;  ///< runs of consecutive rows of one citing patent
};

/// \brief Reader of the PatentsView bulk tables: one patent record per row of g_patent, in
/// that table's order, its child tables merged in as streams.
///
/// Input: one file per table, each recognised by its header (patentsview_table_of; file names
/// do not matter): g_patent (required), g_cpc_current, g_ipc_at_issue,
/// g_inventor_disambiguated, g_assignee_disambiguated, g_location_disambiguated,
/// g_us_patent_citation (each optional). Tab-separated with a header line; a value may be
/// quoted with double quotes (a quote inside doubled), as the release writes them. Columns are
/// found by their data-dictionary names (any case, any order; others are passed over).
///
/// Streaming (docs/io-patents.md, "PatentsView bulk tables"): every child table keyed by
/// `patent_id` must list its rows grouped by patent and in the order of g_patent (assumed of
/// the release, whose tables are dumps keyed on patent_id: not verified on a real file; a table
/// in another order is an error naming the file and line). The reader makes three passes: g_location_disambiguated into a map location_id ->
/// country (about 0.13 million rows in the release: a few MB); g_patent's patent_id column
/// into a map patent_id -> row (about 9 million keys for the whole release, about 75 bytes
/// each) and g_us_patent_citation (the cited side) into a count per row of g_patent; then the
/// join: g_patent and each child table advance together, one patent's rows at a time. Held:
/// the two maps and one count per patent, never a table's text. g_patent and
/// g_us_patent_citation are read twice, so they must be files (standard input is an error).
///
/// Fields (docs/io-patents.md has the table):
///  - g_patent (required column `patent_id`; optional `patent_date`, `patent_type`,
///    `patent_title`, `wipo_kind`, `num_claims`): id = detail::patentsview_record_id
///    (`US 6009555 A`), jurisdiction US, kind `wipo_kind`, document type `patent_type`,
///    title, publication year = the year of `patent_date` (parse_date_year), claims
///    `num_claims` (0 or empty: none). No application or priority year (g_application is
///    not read); no family (PatentsView has none: each patent is its own simple family).
///  - g_cpc_current (`patent_id`, `cpc_group`, `cpc_subclass`, optional `cpc_sequence`): CPC
///    codes by detail::patentsview_cpc_symbol in `cpc_sequence` order, each once.
///  - g_ipc_at_issue (`patent_id`, `section`, `ipc_class` or `class`, `subclass`,
///    `main_group`, `subgroup`, optional `ipc_sequence`): IPC codes by
///    detail::patentsview_ipc_symbol in sequence order, each once. A code that is no IPC/CPC
///    symbol is dropped and counted (patent_read_stats::rejected_codes).
///  - g_inventor_disambiguated (`patent_id`, optional `inventor_sequence`,
///    `disambig_inventor_name_first`, `disambig_inventor_name_last`, `location_id`) and
///    g_assignee_disambiguated (`patent_id`, optional `assignee_sequence`,
///    `disambig_assignee_organization`, `disambig_assignee_individual_name_first`,
///    `disambig_assignee_individual_name_last`, `assignee_type`, `location_id`): inventors and
///    applicants in sequence order, named as the API reader names them, typed by
///    detail::patentsview_assignee_type; the country is g_location_disambiguated's
///    `disambig_country` of the `location_id` (detail::patentsview_country).
///  - g_us_patent_citation (`patent_id`, `citation_patent_id`): backward citations = the
///    distinct patents the patent cites (listed in cited_patents as `US <number>`); forward
///    citations = the distinct citing patents of the table that cite it (any citing patent of
///    the table, in g_patent or not: give the whole table for whole counts), listed in
///    citing_patents as `US <number>` in the table's order (patent_field::citing_list). Memory:
///    one 4-byte entry per such citation, plus each distinct citing patent's number.
/// A list whose table is not given leaves its field unsupplied; countries need the location
/// table.
///
/// Errors (parse_error naming the file, line and column): a missing required column
/// (missing_column), a `patent_id` twice in g_patent (duplicate_record), an empty patent_id
/// (bad_value), a child table out of g_patent's order (bad_value), a date that is not a date
/// (bad_year), a count or sequence that is not a whole number >= 0 (bad_number), more codes
/// than max_codes_per_record (limit_exceeded), a `location_id` twice (duplicate_record), a
/// table given twice or a file that is no such table (bad_value), no g_patent
/// (missing_column), a table on standard input that must be read twice (bad_value). Rows
/// about patents outside g_patent are counted (tables()), not errors.
///
/// Not safe for concurrent use.
class patentsview_bulk_reader {
public:
    /// Reads the table files at `paths`. \throws parse_error (io_error).
    explicit patentsview_bulk_reader(const std::vector<std::string>& paths, patentsview_bulk_options opts = {})
        : opts_(std::move(opts)) {
        for (const auto& p : paths) owned_.push_back(std::make_unique<input_source>(p));
        for (auto& o : owned_) sources_.push_back(o.get());
        stats_.layout = "patentsview-bulk";
    }
    /// Reads the tables `tables` (not owned; each not read yet, or only its head). Each is
    /// opened again by its name for the passes before the join.
    explicit patentsview_bulk_reader(std::vector<input_source*> tables, patentsview_bulk_options opts = {})
        : opts_(std::move(opts)), sources_(std::move(tables)) {
        stats_.layout = "patentsview-bulk";
    }
    /// Reads tables held in memory: (name, text) pairs (tests and fuzzing).
    explicit patentsview_bulk_reader(std::vector<std::pair<std::string, std::string>> texts,
                                     patentsview_bulk_options opts = {})
        : opts_(std::move(opts)), texts_(std::move(texts)) {
        for (std::size_t k = 0; k < texts_.size(); ++k) {
            streams_.push_back(std::make_unique<std::istringstream>(texts_[k].second));
            owned_.push_back(std::make_unique<input_source>(*streams_.back(), texts_[k].first));
            sources_.push_back(owned_.back().get());
        }
        in_memory_ = true;
        stats_.layout = "patentsview-bulk";
    }

    /// Reads the next patent into `out`. False at the end.
    bool next(patent_record& out) {
        patent_record_sink s(out);
        return next_into(s);
    }
    /// \brief Reads the next patent into `sink` (records::patent_table, patent_record_sink or
    /// any type with their row functions). The first call reads the location table and the
    /// two index passes. False at the end. \throws parse_error.
    template <class Sink>
    bool next_into(Sink& sink) {
        if (!started_) start();
        if (done_) return false;
        if (!patents_->csv.next()) {
            finish();
            return false;
        }
        if (patents_->csv.blank()) return next_into(sink);
        read_patent(sink);
        ++stats_.records;
        return true;
    }
    /// Reads all remaining patents.
    std::vector<patent_record> read_all() {
        std::vector<patent_record> v;
        patent_record r;
        while (next(r)) v.push_back(std::move(r));
        return v;
    }

    /// Counters: records, rejected codes, dates by rule, party locations not found, the
    /// encoding (of g_patent).
    const patent_read_stats& stats() const noexcept { return stats_; }
    /// One entry per table file, in the order the join reads them (after the first next()).
    const std::vector<patentsview_bulk_table_report>& tables() const noexcept { return reports_; }
    /// Bytes of g_patent consumed so far in the join (for progress reports).
    std::uint64_t bytes_read() const noexcept { return patents_ ? patents_->csv.bytes_read() : 0; }

    /// \name Split reading (parallel::mpi::read_patentsview_bulk_split)
    /// \{
    /// Identifies the tables and reads g_location_disambiguated and g_patent's patent_id column
    /// (the steps of the first next() before the citation and join passes). \throws parse_error.
    void prepare() {
        if (prepared_) return;
        prepared_ = true;
        identify();
        if (opts_.classify_applicants) classifier_.emplace(opts_.rules ? *opts_.rules : default_applicant_rules());
        read_locations();
        index_patents();
    }
    /// The input holding table `t` (after prepare()), or std::size_t(-1) when not given.
    std::size_t input_of(patentsview_table t) const noexcept { return which_[slot(t)]; }
    /// g_patent's row of each patent_id (after prepare(); emptied at the end of the join).
    const std::unordered_map<std::string, std::uint32_t>& patent_rows() const noexcept { return index_; }
    /// \brief The cited side of the g_us_patent_citation rows in `in` (the table's header, then
    /// rows), in order: `emit(row, citing, run)` for each citing patent's first citation of a
    /// patent of g_patent (its row) within a run of consecutive rows of that citing patent
    /// (`run`, counted from 0 in `in`), as the forward citations count them. After prepare().
    /// \throws parse_error.
    template <class Emit>
    patentsview_citing_runs cited_rows(input_source& in, text_encoding encoding, Emit&& emit) {
        patentsview_bulk_options o = opts_;
        o.encoding = encoding;
        table_file f(in, o);
        const std::size_t c_id = f.require("patent_id", "g_us_patent_citation"),
                          c_cited = f.require("citation_patent_id", "g_us_patent_citation");
        patentsview_citing_runs out;
        std::vector<std::uint32_t> seen;  // the cited rows of the citing patent's run so far
        while (f.csv.next()) {
            if (f.csv.blank()) continue;
            const std::string_view id = f.cell(c_id);
            if (!out.any || id != out.last_id) {
                out.runs += out.any ? 1 : 0;
                out.last_id.assign(id);
                if (!out.any) out.first_id.assign(id);
                out.any = true;
                seen.clear();
            }
            const auto it = index_.find(std::string(f.cell(c_cited)));
            if (it == index_.end() || std::find(seen.begin(), seen.end(), it->second) != seen.end()) continue;
            seen.push_back(it->second);
            emit(it->second, std::string_view(out.last_id), out.runs);
        }
        if (out.any) ++out.runs;
        return out;
    }
    /// Makes the join read the share `s` (after prepare(), before the first next()).
    void set_share(patentsview_bulk_share s) {
        share_ = std::move(s);
        row_ = share_->first_row;
    }
    /// Whether the join of a share that is not the last ended with a child row of a later patent
    /// unread (an out-of-order table: one reader of the whole set fails on it).
    bool share_out_of_order() const noexcept { return out_of_order_; }
    /// \}

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    static constexpr std::size_t no_sequence = std::numeric_limits<std::size_t>::max();
    static constexpr std::size_t n_tables = 8;

    // One open table file: the CSV reader and its columns (case-insensitive names).
    struct table_file {
        table_file(input_source& in, const patentsview_bulk_options& o) : csv(in.stream(), in.name(), csv_opts(o)) {}
        static csv_options csv_opts(const patentsview_bulk_options& o) {
            csv_options c;
            c.encoding = o.encoding;
            c.delimiter = auto_delimiter;
            c.max_fields = o.max_columns;
            return c;
        }
        std::size_t column(std::string_view name) const {
            const auto& h = csv.header();
            for (std::size_t i = 0; i < h.size(); ++i)
                if (iequals(trim(h[i]), name)) return i;
            return none;
        }
        std::size_t require(std::string_view name, std::string_view table) const {
            const std::size_t i = column(name);
            if (i == none)
                ::techconv::detail::throw_error<parse_error>(
                    error_code::missing_column, source_location{csv.source(), csv.header_line(), 0, 0, std::string(name)},
                    "required column '" + std::string(name) + "' is not in the header of this " + std::string(table) +
                        " table");
            return i;
        }
        std::string_view cell(std::size_t i) const { return i == none ? std::string_view() : trim(csv.field(i)); }
        // A whole number >= 0 (empty: -1).
        std::int64_t count(std::size_t i, std::string_view what) const {
            const std::string_view v = cell(i);
            if (v.empty()) return -1;
            std::int64_t x = 0;
            if (parse_int64(v, x) != number_status::ok || x < 0)
                csv.fail(error_code::bad_number, i,
                         std::string(what) + " '" + std::string(v) + "' is not a whole number >= 0");
            return x;
        }
        std::size_t sequence(std::size_t i, std::string_view what) const {
            const std::int64_t x = count(i, what);
            return x < 0 ? no_sequence : static_cast<std::size_t>(x);
        }
        csv_reader csv;
    };

    // A child table in the join: its file, its columns, and whether a row is waiting (its
    // patent's row in g_patent is `row`).
    struct child {
        std::unique_ptr<table_file> f;
        patentsview_table table = patentsview_table::unknown;
        std::size_t report = 0;
        input_source* src = nullptr;
        std::size_t c_id = none;
        std::size_t c[6] = {none, none, none, none, none, none};
        std::size_t c_seq = none;
        bool waiting = false, done = false;
        std::uint32_t row = 0;
        std::string last_id;  // patent_id of the last row taken (for the order message)
    };

    struct code_item {
        std::size_t sequence = no_sequence;
        std::string text;
        std::size_t line = 0;
    };
    struct party_item {
        std::size_t sequence = no_sequence;
        party p;
    };

    static std::size_t slot(patentsview_table t) noexcept { return static_cast<std::size_t>(t); }

    [[noreturn]] static void fail_file(const std::string& file, std::size_t line, error_code code,
                                       const std::string& field, const std::string& msg) {
        ::techconv::detail::throw_error<parse_error>(code, source_location{file, line, 0, 0, field}, msg);
    }

    // A fresh reading of table `k` for a pass before the join.
    std::unique_ptr<input_source> reopen(std::size_t k) {
        if (in_memory_) {
            streams_.push_back(std::make_unique<std::istringstream>(texts_[k].second));
            return std::make_unique<input_source>(*streams_.back(), texts_[k].first);
        }
        const std::string& name = sources_[k]->name();
        if (name == "-")
            fail_file(name, 1, error_code::bad_value, {},
                      "g_patent and g_us_patent_citation are read twice (an index pass, then the join): give them "
                      "as files, not on standard input");
        return std::make_unique<input_source>(name);
    }

    void start() {
        started_ = true;
        prepare();
        if (share_) {
            const std::size_t k = which_[slot(patentsview_table::us_patent_citation)];
            if (k != none) {  // the citing patents of the share's rows, given
                forward_start_ = share_->forward_start;
                citing_names_ = std::move(share_->forward_names);
                forward_ids_.resize(citing_names_.size());
                for (std::size_t j = 0; j < forward_ids_.size(); ++j) forward_ids_[j] = static_cast<std::uint32_t>(j);
            }
        } else {
            count_forward();
        }
        open_join();
    }

    // Each input's table, from its header line.
    void identify() {
        for (std::size_t k = 0; k < sources_.size(); ++k) {
            input_source* in = sources_[k];
            const std::string_view head = in->head(4096);
            std::string_view line = head.substr(0, head.find_first_of("\r\n"));
            if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
            const patentsview_table t = patentsview_table_of(detail::sniff_header(line, detect_delimiter(line)));
            if (t == patentsview_table::unknown)
                fail_file(in->name(), 1, error_code::bad_value, {},
                          "the header names no PatentsView bulk table this reader reads (g_patent, g_cpc_current, "
                          "g_ipc_at_issue, g_inventor_disambiguated, g_assignee_disambiguated, "
                          "g_location_disambiguated, g_us_patent_citation)");
            if (which_[slot(t)] != none)
                fail_file(in->name(), 1, error_code::bad_value, {},
                          std::string(to_string(t)) + " is given twice (also " + sources_[which_[slot(t)]]->name() +
                              "): give one file per table");
            which_[slot(t)] = k;
        }
        if (which_[slot(patentsview_table::patent)] == none)
            fail_file(sources_.empty() ? std::string("<no input>") : sources_.front()->name(), 1,
                      error_code::missing_column, "patent_id",
                      "the PatentsView bulk tables need g_patent (columns patent_id, patent_date, patent_type); none "
                      "of the " + std::to_string(sources_.size()) + " files given is one");
    }

    void add_report(input_source& in, patentsview_table t) {
        reports_.push_back(patentsview_bulk_table_report{in.name(), t, 0, 0, {}});
    }

    void read_locations() {
        const std::size_t k = which_[slot(patentsview_table::location)];
        if (k == none) return;
        input_source& in = *sources_[k];
        table_file f(in, opts_);
        add_report(in, patentsview_table::location);
        const std::size_t c_id = f.require("location_id", "g_location_disambiguated"),
                          c_ctry = f.require("disambig_country", "g_location_disambiguated");
        while (f.csv.next()) {
            if (f.csv.blank()) continue;
            ++reports_.back().rows;
            const std::string_view id = f.cell(c_id);
            if (id.empty()) f.csv.fail(error_code::bad_value, c_id, "a location without location_id");
            if (!locations_.emplace(std::string(id), detail::patentsview_country(f.cell(c_ctry))).second)
                f.csv.fail(error_code::duplicate_record, c_id,
                           "location_id " + std::string(id) + " is in g_location_disambiguated twice");
        }
        in.finish();
    }

    void index_patents() {
        const std::size_t k = which_[slot(patentsview_table::patent)];
        const auto in = reopen(k);
        table_file f(*in, opts_);
        const std::size_t c_id = f.require("patent_id", "g_patent");
        while (f.csv.next()) {
            if (f.csv.blank()) continue;
            const std::string_view id = f.cell(c_id);
            if (id.empty()) f.csv.fail(error_code::bad_value, c_id, "a patent without patent_id");
            if (index_.size() >= std::numeric_limits<std::uint32_t>::max())
                f.csv.fail(error_code::limit_exceeded, c_id, "more than 2^32 - 1 patents in g_patent");
            if (!index_.emplace(std::string(id), static_cast<std::uint32_t>(index_.size())).second)
                f.csv.fail(error_code::duplicate_record, c_id, "patent_id " + std::string(id) + " is in g_patent twice");
        }
    }

    // The citing patents of each row of g_patent (forward_start_ / forward_ids_ into citing_names_),
    // in the table's order, each once.
    void count_forward() {
        const std::size_t k = which_[slot(patentsview_table::us_patent_citation)];
        if (k == none) return;
        const auto in = reopen(k);
        std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (cited row, citing name)
        std::unordered_map<std::string, std::uint32_t> names;
        std::size_t named_run = none;  // the run whose citing patent has its name in citing_name
        std::uint32_t citing_name = 0;
        cited_rows(*in, opts_.encoding, [&](std::uint32_t row, std::string_view citing, std::size_t run) {
            if (run != named_run) {  // the run's first citation of a patent of g_patent
                const auto n = names.emplace(std::string(citing), static_cast<std::uint32_t>(citing_names_.size()));
                if (n.second) citing_names_.push_back(detail::patentsview_record_id(citing, ""));
                citing_name = n.first->second;
                named_run = run;
            }
            pairs.emplace_back(row, citing_name);
        });
        std::stable_sort(pairs.begin(), pairs.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        forward_start_.assign(index_.size() + 1, 0);
        forward_ids_.clear();
        forward_ids_.reserve(pairs.size());
        for (const auto& [row, name] : pairs) {
            ++forward_start_[row + 1];
            forward_ids_.push_back(name);
        }
        for (std::size_t r = 1; r < forward_start_.size(); ++r) forward_start_[r] += forward_start_[r - 1];
    }

    // What the join reads of input k: the input, or this reader's share of it.
    input_source* join_source(std::size_t k) const { return share_ ? share_->join.at(k) : sources_[k]; }
    patentsview_bulk_options join_options(std::size_t k) const {
        patentsview_bulk_options o = opts_;
        if (share_) o.encoding = share_->encodings.at(k);
        return o;
    }

    void open_join() {
        const std::size_t kp = which_[slot(patentsview_table::patent)];
        patent_src_ = join_source(kp);
        patents_ = std::make_unique<table_file>(*patent_src_, join_options(kp));
        add_report(*patent_src_, patentsview_table::patent);
        patent_report_ = reports_.size() - 1;
        const table_file& p = *patents_;
        pc_id_ = p.require("patent_id", "g_patent");
        pc_date_ = p.column("patent_date");
        pc_type_ = p.column("patent_type");
        pc_title_ = p.column("patent_title");
        pc_kind_ = p.column("wipo_kind");
        pc_claims_ = p.column("num_claims");
        stats_.text = p.csv.encoding();
        stats_.encoding = stats_.text.used;
        stats_.delimiter = p.csv.delimiter();
        for (const auto t : {patentsview_table::cpc_current, patentsview_table::ipc_at_issue, patentsview_table::inventor,
                             patentsview_table::assignee, patentsview_table::us_patent_citation}) {
            const std::size_t k = which_[slot(t)];
            if (k == none) continue;
            child ch;
            ch.table = t;
            ch.src = join_source(k);
            ch.f = std::make_unique<table_file>(*ch.src, join_options(k));
            add_report(*ch.src, t);
            ch.report = reports_.size() - 1;
            const table_file& f = *ch.f;
            const std::string name(to_string(t));
            ch.c_id = f.require("patent_id", name);
            switch (t) {
                case patentsview_table::cpc_current:
                    ch.c[0] = f.require("cpc_group", name);
                    ch.c[1] = f.require("cpc_subclass", name);
                    ch.c_seq = f.column("cpc_sequence");
                    break;
                case patentsview_table::ipc_at_issue:
                    ch.c[0] = f.require("section", name);
                    ch.c[1] = f.column("ipc_class") != none ? f.column("ipc_class") : f.require("class", name);
                    ch.c[2] = f.require("subclass", name);
                    ch.c[3] = f.require("main_group", name);
                    ch.c[4] = f.require("subgroup", name);
                    ch.c_seq = f.column("ipc_sequence");
                    break;
                case patentsview_table::inventor:
                    ch.c[0] = f.column("disambig_inventor_name_first");
                    ch.c[1] = f.column("disambig_inventor_name_last");
                    ch.c[2] = f.column("location_id");
                    ch.c_seq = f.column("inventor_sequence");
                    break;
                case patentsview_table::assignee:
                    ch.c[0] = f.column("disambig_assignee_organization");
                    ch.c[1] = f.column("disambig_assignee_individual_name_first");
                    ch.c[2] = f.column("disambig_assignee_individual_name_last");
                    ch.c[3] = f.column("assignee_type");
                    ch.c[4] = f.column("location_id");
                    ch.c_seq = f.column("assignee_sequence");
                    break;
                case patentsview_table::us_patent_citation:
                    ch.c[0] = f.require("citation_patent_id", name);
                    break;
                default: break;
            }
            has_[slot(t)] = true;
            children_.push_back(std::move(ch));
        }
    }

    // Moves `ch` to its next row of a patent in g_patent (rows of other patents counted); a
    // row of a patent before `row` (the one being read) is out of order.
    void advance(child& ch, std::uint32_t row) {
        table_file& f = *ch.f;
        patentsview_bulk_table_report& rep = reports_[ch.report];
        while (f.csv.next()) {
            if (f.csv.blank()) continue;
            ++rep.rows;
            const std::string_view id = f.cell(ch.c_id);
            key_.assign(id);
            const auto it = index_.find(key_);
            if (it == index_.end()) {
                if (rep.outside++ == 0)
                    rep.first_outside = f.csv.source() + ":" + std::to_string(f.csv.line()) + ": " + key_;
                continue;
            }
            if (it->second < row)
                f.csv.fail(error_code::bad_value, ch.c_id,
                           "patent_id " + key_ + " comes after patent_id " + ch.last_id + " here, but before it in " +
                               "g_patent: " + std::string(to_string(ch.table)) +
                               " must list its rows grouped by patent in g_patent's order (sort every table by "
                               "patent_id the same way)");
            ch.waiting = true;
            ch.row = it->second;
            ch.last_id = key_;
            return;
        }
        ch.done = true;
        ch.waiting = false;
    }

    void clear() {
        cpc_items_.clear();
        ipc_items_.clear();
        inventors_.clear();
        assignees_.clear();
        cited_.clear();
    }

    template <class Sink>
    void read_patent(Sink& sink) {
        table_file& p = *patents_;
        ++reports_[patent_report_].rows;
        key_.assign(p.cell(pc_id_));
        const auto it = index_.find(key_);
        if (it == index_.end() || it->second != row_)
            p.csv.fail(error_code::bad_value, pc_id_,
                       "g_patent changed between the index pass and the join (patent_id " + key_ + ")");
        const std::string id = detail::patentsview_record_id(key_, p.cell(pc_kind_));
        year_type publication = no_year;
        const std::string_view date = p.cell(pc_date_);
        if (!date.empty()) {
            const auto d = parse_date_year(date);
            if (!d) p.csv.fail(error_code::bad_year, pc_date_, "patent_date '" + std::string(date) + "' is not a date");
            ++stats_.date_rules[static_cast<std::size_t>(d->rule)];
            publication = d->year;
        }
        const std::int64_t claims = p.count(pc_claims_, "num_claims");
        const std::size_t line = p.csv.line();
        clear();
        for (auto& ch : children_) take(ch);
        codes_of(cpc_items_, "g_cpc_current", cpc_, cpc_parsed_);
        codes_of(ipc_items_, "g_ipc_at_issue", ipc_, ipc_parsed_);
        by_sequence(inventors_);
        by_sequence(assignees_);
        applicants_.clear();
        for (auto& a : assignees_) applicants_.push_back(std::move(a.p));
        if (classifier_) classifier_->classify(applicants_);

        sink.begin_row(line);
        detail::row_guard<Sink> guard(sink);
        sink.set_id(id);
        sink.set_jurisdiction("US");
        sink.set_kind(p.cell(pc_kind_));
        sink.set_document_type(p.cell(pc_type_));
        sink.set_title(p.cell(pc_title_));
        sink.set_years(publication, no_year, no_year);
        for (const auto& a : applicants_) sink.add_applicant(a.name, a.country, a.type);
        for (const auto& i : inventors_) sink.add_inventor(i.p.name, i.p.country, i.p.type);
        for (std::size_t k = 0; k < ipc_.size(); ++k) sink.add_ipc(ipc_[k], ipc_parsed_[k]);
        for (std::size_t k = 0; k < cpc_.size(); ++k) sink.add_cpc(cpc_[k], cpc_parsed_[k]);
        if (has_[slot(patentsview_table::ipc_at_issue)]) sink.supply(patent_field::ipc);
        if (has_[slot(patentsview_table::cpc_current)]) sink.supply(patent_field::cpc);
        if (has_[slot(patentsview_table::assignee)]) sink.supply(patent_field::applicants);
        if (has_[slot(patentsview_table::inventor)]) sink.supply(patent_field::inventors);
        if ((has_[slot(patentsview_table::assignee)] || has_[slot(patentsview_table::inventor)]) &&
            which_[slot(patentsview_table::location)] != none)
            sink.supply(patent_field::party_countries);
        if (has_[slot(patentsview_table::us_patent_citation)]) {
            for (const auto& c : cited_) sink.add_cited_patent(detail::patentsview_record_id(c, ""));
            sink.set_count(indicator::backward_citations, static_cast<std::int64_t>(cited_.size()));
            sink.supply(patent_field::citing_list);
            const std::size_t r = row_ - (share_ ? share_->first_row : 0);  // the share's rows from 0
            ::techconv::detail::require(r + 1 < forward_start_.size(), "patentsview_bulk_reader: no citing list for a row");
            for (std::size_t j = forward_start_[r]; j < forward_start_[r + 1]; ++j)
                sink.add_citing_patent(citing_names_[forward_ids_[j]]);
            sink.set_count(indicator::forward_citations,
                           static_cast<std::int64_t>(forward_start_[r + 1] - forward_start_[r]));
        }
        if (claims > 0) sink.set_count(indicator::claims, claims);
        guard.commit();
        ++row_;
    }

    // Takes the rows of child `ch` that belong to the patent being read (row_).
    void take(child& ch) {
        if (ch.done) return;
        if (!ch.waiting) advance(ch, row_);
        while (ch.waiting && ch.row == row_) {
            const table_file& f = *ch.f;
            switch (ch.table) {
                case patentsview_table::cpc_current: {
                    std::string code = detail::patentsview_cpc_symbol(f.cell(ch.c[0]), f.cell(ch.c[1]));
                    const std::size_t seq = f.sequence(ch.c_seq, "cpc_sequence");
                    if (!code.empty()) cpc_items_.push_back(code_item{seq, std::move(code), f.csv.line()});
                    break;
                }
                case patentsview_table::ipc_at_issue: {
                    std::string code = detail::patentsview_ipc_symbol(f.cell(ch.c[0]), f.cell(ch.c[1]), f.cell(ch.c[2]),
                                                                      f.cell(ch.c[3]), f.cell(ch.c[4]));
                    const std::size_t seq = f.sequence(ch.c_seq, "ipc_sequence");
                    if (!code.empty()) ipc_items_.push_back(code_item{seq, std::move(code), f.csv.line()});
                    break;
                }
                case patentsview_table::inventor: {
                    party_item it;
                    it.sequence = f.sequence(ch.c_seq, "inventor_sequence");
                    it.p.name = detail::patentsview_person_name(f.cell(ch.c[0]), f.cell(ch.c[1]));
                    it.p.country = country_at(f.cell(ch.c[2]));
                    it.p.type = applicant_type::individual;
                    if (!it.p.name.empty() || !it.p.country.empty()) inventors_.push_back(std::move(it));
                    break;
                }
                case patentsview_table::assignee: {
                    party_item it;
                    it.sequence = f.sequence(ch.c_seq, "assignee_sequence");
                    it.p.name = detail::patentsview_assignee_name(f.cell(ch.c[0]), f.cell(ch.c[1]), f.cell(ch.c[2]));
                    it.p.country = country_at(f.cell(ch.c[4]));
                    it.p.type = detail::patentsview_assignee_type(f.cell(ch.c[3]));
                    if (!it.p.name.empty()) assignees_.push_back(std::move(it));
                    break;
                }
                case patentsview_table::us_patent_citation: {
                    const std::string_view cited = f.cell(ch.c[0]);
                    if (!cited.empty() && std::find(cited_.begin(), cited_.end(), cited) == cited_.end())
                        cited_.emplace_back(cited);
                    break;
                }
                default: break;
            }
            ch.waiting = false;
            advance(ch, row_);
        }
    }

    // The country of a location_id (none without the location table or for an unknown id,
    // counted).
    std::string country_at(std::string_view location_id) {
        if (which_[slot(patentsview_table::location)] == none || location_id.empty()) return {};
        key2_.assign(location_id);
        const auto it = locations_.find(key2_);
        if (it == locations_.end()) {
            stats_.count_skip("party location_ids not in g_location_disambiguated");
            return {};
        }
        return it->second;
    }

    template <class T>
    static void by_sequence(std::vector<T>& v) {
        std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.sequence < b.sequence; });
    }

    // Parses, orders and de-duplicates the codes of `items` into `kept`/`parsed`.
    void codes_of(std::vector<code_item>& items, const char* table, std::vector<std::string>& kept,
                  std::vector<classification::ipc_code>& parsed) {
        kept.clear();
        parsed.clear();
        by_sequence(items);
        detail::unique_list list(kept);
        for (const auto& it : items) {
            const auto c = classification::try_parse_ipc(it.text);
            if (!c) {
                stats_.reject_code(source_of(table) + ":" + std::to_string(it.line), it.text, table, it.text);
                continue;
            }
            if (!list.push(c->to_string(classification::ipc_format::compact))) continue;
            parsed.push_back(*c);
            if (list.size() > opts_.max_codes_per_record)
                fail_file(source_of(table), it.line, error_code::limit_exceeded, table,
                          "patent_id " + key_ + ": more than " + std::to_string(opts_.max_codes_per_record) +
                              " distinct codes (patentsview_bulk_options::max_codes_per_record)");
        }
    }
    std::string source_of(std::string_view table) const {
        for (const auto& r : reports_)
            if (to_string(r.table) == table) return r.path;
        return std::string(table);
    }

    // The end of g_patent: the rest of each child table must be about patents outside it.
    void finish() {
        done_ = true;
        const auto n = share_ ? row_ : static_cast<std::uint32_t>(index_.size());
        for (auto& ch : children_) {
            if (!ch.done && !ch.waiting) advance(ch, n);
            if (ch.waiting && share_ && !share_->last) {
                // a row of a later share's patent before rows of this one's (their boundary
                // has a row of this share's patents just before it): the table is out of order
                out_of_order_ = true;
                continue;
            }
            if (ch.waiting)
                ch.f->csv.fail(error_code::bad_value, ch.c_id,
                               "patent_id " + ch.last_id + " comes after every patent of g_patent was read: " +
                                   std::string(to_string(ch.table)) +
                                   " must list its rows grouped by patent in g_patent's order (sort every table by "
                                   "patent_id the same way)");
            ch.src->finish();
        }
        stats_.text = patents_->csv.encoding();  // with the stray bytes of every row read
        stats_.encoding = stats_.text.used;
        patent_src_->finish();
        index_ = {};
        forward_start_ = {};
        forward_ids_ = {};
        citing_names_ = {};
    }

    patentsview_bulk_options opts_;
    std::vector<std::pair<std::string, std::string>> texts_;
    std::vector<std::unique_ptr<std::istringstream>> streams_;
    std::vector<std::unique_ptr<input_source>> owned_;
    std::vector<input_source*> sources_;
    bool in_memory_ = false;
    std::optional<applicant_classifier> classifier_;
    patent_read_stats stats_;
    std::vector<patentsview_bulk_table_report> reports_;
    bool started_ = false, done_ = false, prepared_ = false, out_of_order_ = false;
    std::optional<patentsview_bulk_share> share_;
    std::size_t which_[n_tables] = {none, none, none, none, none, none, none, none};
    bool has_[n_tables] = {};
    std::unordered_map<std::string, std::string> locations_;  // location_id -> country (may be empty)
    std::unordered_map<std::string, std::uint32_t> index_;    // patent_id -> row of g_patent
    // the citing patents of row r of g_patent: citing_names_[forward_ids_[j]] for j from
    // forward_start_[r] to forward_start_[r + 1] (excluded)
    std::vector<std::size_t> forward_start_;
    std::vector<std::uint32_t> forward_ids_;
    std::vector<std::string> citing_names_;  // `US <number>` of each citing patent
    input_source* patent_src_ = nullptr;
    std::unique_ptr<table_file> patents_;
    std::size_t patent_report_ = 0;
    std::size_t pc_id_ = none, pc_date_ = none, pc_type_ = none, pc_title_ = none, pc_kind_ = none, pc_claims_ = none;
    std::vector<child> children_;
    std::uint32_t row_ = 0;  // the row of g_patent being read
    std::string key_, key2_;
    // the patent being read, reused
    std::vector<code_item> cpc_items_, ipc_items_;
    std::vector<party_item> inventors_, assignees_;
    std::vector<std::string> cited_, cpc_, ipc_;
    std::vector<classification::ipc_code> cpc_parsed_, ipc_parsed_;
    std::vector<party> applicants_;
};

/// \brief Reads all patents of the PatentsView bulk tables at `paths`. \sa patentsview_bulk_reader
inline std::vector<patent_record> read_patentsview_bulk(const std::vector<std::string>& paths,
                                                        const patentsview_bulk_options& opts = {}) {
    patentsview_bulk_reader r(paths, opts);
    return r.read_all();
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_PATENTSVIEW_BULK_HPP_
