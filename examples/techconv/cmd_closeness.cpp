// SPDX-License-Identifier: BSL-1.0
// techconv closeness: Salton closeness and importance of country collaboration
// ([COOP] formula (1)) from WoS / Scopus exports or USPTO XML co-invented patents.
// A shell over analysis::load_collaboration_inputs and analysis::collaboration
// (include/techconv/analysis/collaboration_inputs.hpp, collaboration.hpp).
#include "cli.hpp"

#include <cstdint>    // std::int64_t
#include <exception>  // std::exception_ptr
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <techconv/analysis/collaboration.hpp>
#include <techconv/analysis/collaboration_inputs.hpp>
#include <techconv/io/dates.hpp>
#include <techconv/io/papers.hpp>
#include <techconv/io/patent_inputs.hpp>

#ifdef TECHCONV_CLI_MPI
#include <techconv/parallel/mpi/closeness.hpp>
#include <techconv/parallel/serialize.hpp>

#include "mpi_command.hpp"
#endif

namespace tcli {

namespace tio = techconv::io;
namespace tcl = techconv::closeness;
namespace tan = techconv::analysis;
using techconv::label_id;
using techconv::year_type;

namespace {
/// The formats closeness reads: papers, and patents that name their parties' countries.
bool closeness_format(tio::input_format f) { return tio::holds_papers(f) || tan::holds_party_countries(f); }
}  // namespace

const command_spec& closeness_spec() {
    static const command_spec spec{
        "closeness",
        "INPUT... --out DIR [--format auto|" + tio::format_names(closeness_format, "|", "|") + "] [--by year]",
        "Salton closeness and importance of country collaboration ([COOP])",
        "Counts, for every pair of countries, the records they share (N_ij) and each country's\n"
        "international records (N_i: records with at least one other country), then Salton's\n"
        "closeness N_ij / sqrt(N_i N_j) and the importance shares N_ij/N_i and N_ij/N_j\n"
        "([COOP] formula (1)). Papers: countries of the author addresses (WoS C1, Scopus\n"
        "Affiliations, OpenAlex authorships, Lens affiliations). Patents (USPTO XML, PATSTAT, Lens\n"
        "patent JSON): inventor countries of each simple family, so a co-invented patent is a record\n"
        "with more than one inventor country. Duplicate records (same UT / EID / OpenAlex or Lens id /\n"
        "family) across files are counted once.",
        {
            {"out", "DIR", "output folder (created)"},
            {"format", "FMT", "auto (default), " + tio::format_names(closeness_format) + " (patstat: the tables of one extract)"},
            {"by", "PERIOD", "year: one row per year and pair; all (default): one period"},
            {"pair", "I,J", "pair whose yearly series the report shows (default: the largest N_ij)"},
            {"counting", "MODE", "full (default, [COOP]), fractional (2/(k(k-1)) per pair) or link_fractional (1/(k-1))"},
            {"denominator", "D", "international (default, [COOP]) or all (every record of i; also all_records)"},
            {"first-year", "Y", "drop records before year Y"},
            {"last-year", "Y", "drop records after year Y"},
            {"parties", "WHO", "uspto-xml, patstat, lens-json: inventors (default), applicants or both"},
            {"merge-china", "", "count Taiwan, Hong Kong and Macau as CN (bibliometrix convention)"},
            {"measure", "M", "salton (default), association, jaccard, inclusion, equivalence or all: pairs.csv\n"
                             "                             columns; one measure also drives the series, peak and periods.csv"},
            {"periods", "A-B,C-D", "compare two year ranges: periods.csv (see docs/cli.md)"},
            {"institutions", "", "papers: institutions.csv, institution shares of both sides of the pair"},
        },
        "  pairs.csv      year, country_i, country_j, n_ij, n_i, n_j, salton, share_i, share_j\n"
        "                 (every pair with n_ij > 0, country_i < country_j; year 'all' without\n"
        "                 --by year; share_i = n_ij/n_i is the importance of j to i)\n"
        "  countries.csv  year, country, records, international, partners, link_strength\n"
        "  report.md      inputs, counts, top pairs, the pair's yearly series (gnuplot chart\n"
        "                 closeness.svg/.png when gnuplot is installed)"};
    return spec;
}

namespace {

// Files written only with --periods / --institutions (listed in report.md when written).
const char* const periods_file_help =
    "  periods.csv    country_i, country_j, period_1, period_2, then n_ij, n_i, n_j, the measure\n"
    "                 (salton, or the one --measure), share_i, share_j in each period (_1, _2)\n"
    "                 and their change (_change = _2 - _1)\n";
const char* const institutions_file_help =
    "  institutions.csv  period, home, partner, institution, international, with_partner, share\n"
    "                 (records of the institution listing the home country and another country;\n"
    "                 share = with_partner / international; period 'all' = the whole period)\n";

}  // namespace

namespace {

// What the command line asks (the same on every rank under mpirun).
struct closeness_run {
    std::string out_dir;
    input_format fmt = input_format::automatic;
    tan::collaboration_options opt;
    std::vector<tan::measure> measures{tan::measure::salton};
    tan::collaboration_input_options lo;
};

void parse_closeness_run(const arguments& a, closeness_run& r) {
    r.out_dir = a.get("out");
    r.fmt = format_option(a);
    const std::string by = a.get("by", "all");
    if (by != "year" && by != "all") throw usage_error("--by expects year or all");
    const auto parties = a.choice("parties", "inventors", tan::patent_parties_from_string);
    auto& opt = r.opt;
    opt.by_year = by == "year";
    auto& co = opt.counts;
    co.mode = a.choice("counting", "full", techconv::records::counting_from_string);
    co.denom = a.choice("denominator", "international", tcl::denominator_from_string);
    co.first_year = static_cast<year_type>(
        a.get_int("first-year", techconv::no_year, tio::min_plausible_year, tio::max_plausible_year));
    co.last_year = static_cast<year_type>(
        a.get_int("last-year", techconv::no_year, tio::min_plausible_year, tio::max_plausible_year));
    if (co.first_year != techconv::no_year && co.last_year != techconv::no_year && co.first_year > co.last_year)
        throw usage_error("--first-year is after --last-year");
    if (a.has("measure")) {
        const auto m = a.get("measure");
        if (m == "all") {
            r.measures.assign(tan::all_measures.begin(), tan::all_measures.end());
        } else {
            r.measures = {a.choice("measure", "", tan::measure_from_string)};
        }
    }
    if (a.has("periods")) {
        try {  // the library's rule, as techconv.closeness(periods="A-B,C-D") applies it
            opt.periods = tan::collaboration_periods(a.get("periods"));
        } catch (const techconv::invalid_argument& e) {
            throw usage_error("--periods: " + rp::plain_message(e));
        }
    }
    if (r.measures.size() == 1) opt.series_measure = r.measures.front();
    opt.institutions = a.has("institutions");
    if (a.has("pair")) {
        const auto s = a.get("pair");
        const auto comma = s.find(',');
        if (comma == std::string::npos) throw usage_error("--pair expects I,J (e.g. US,CN)");
        opt.pair_i = s.substr(0, comma);
        opt.pair_j = s.substr(comma + 1);
    }
    auto& lo = r.lo;
    lo.format = r.fmt;
    lo.parties = parties;
    lo.institutions = opt.institutions;
    auto& bo = lo.papers.reader;
    bo.encoding = a.encoding;
    bo.max_columns = a.limits.max_columns;
    if (a.has("merge-china")) bo.regions = techconv::classification::region_policy::merged_into_china();
    lo.papers.max_memory_bytes = a.limits.max_memory_bytes;
}

// The inputs' kinds decided (each input opened once: detection reads a head the reader continues).
tan::collaboration_input_plan plan_inputs(const arguments& a, const closeness_run& r) {
    try {
        return tan::plan_collaboration_inputs(open_inputs(a.inputs), r.lo);
    } catch (const techconv::invalid_argument& e) {
        throw usage_error(rp::plain_message(e));
    }
}

// Reads planned inputs as one process does. Patents: as every patent command reads them
// (io::read_patent_table: duplicates dropped, simple families merged; progress and counters
// of the run).
tan::collaboration_inputs read_inputs(const arguments& a, const closeness_run& r, tan::collaboration_input_plan plan,
                                      progress& prog) {
    const auto read_patents = [&](std::vector<tio::input_source> in, const tio::read_patents_options&) {
        return rp::read_patent_inputs(a, r.fmt, true, prog, [&](const tio::read_patents_options& ro) {
            return tio::read_patent_table(std::move(in), ro);
        });
    };
    return tan::read_collaboration_inputs(std::move(plan), r.lo, read_patents);
}

// The analysis of every record (one process's, or the records rank 0 gathered from the
// ranks) and every file of the output folder.
int write_closeness(const arguments& a, const closeness_run& r, const tan::collaboration_inputs& data,
                    progress& prog) {
    const auto& spec = closeness_spec();
    const auto& opt = r.opt;
    const auto& co = opt.counts;
    const auto& out_dir = r.out_dir;
    if (data.papers) report_count("unresolved_countries", static_cast<long long>(data.unresolved));
    if (data.papers)  // (patents: reported by read_patent_inputs)
        for (const auto& d : data.detections) rp::report_detection(d);
    report_count("bytes_not_utf8", static_cast<long long>(data.bytes_not_utf8));
    const auto& rec = data.countries;

    const auto res = tan::collaboration(rec, opt, opt.institutions ? &data.institutions : nullptr);

    {
        auto f = open_output(out_dir, "pairs.csv");
        rp::write_pairs_csv(f, opt.by_year ? res.yearly_pairs : res.pairs, r.measures, rec);
        auto c = open_output(out_dir, "countries.csv");
        rp::write_countries_csv(c, opt.by_year ? res.yearly_actors : res.actors, rec);
    }
    if (!opt.periods.empty()) {
        auto f = open_output(out_dir, "periods.csv");
        rp::write_periods_csv(f, res, opt.periods, opt.series_measure, rec);
    }
    if (opt.institutions) {
        auto f = open_output(out_dir, "institutions.csv");
        rp::write_institutions_csv(f, res, opt.periods, data.countries, data.institutions);
    }
    rp::collaboration_settings cs;
    cs.counting = techconv::records::to_string(co.mode);
    cs.denominator = std::string(tcl::to_string(co.denom));
    cs.notes = data.notes;
    cs.kind = data.kind;
    cs.duplicates = data.duplicates;
    if (data.papers) cs.unresolved_addresses = data.unresolved;
    const std::string chart = render_chart(out_dir, rp::collaboration_pair_chart(res, opt.series_measure));
    auto md = open_output(out_dir, "report.md");
    rp::write_collaboration_markdown(md, res, opt, rec, cs, chart,
                                     spec.outputs + "\n" + (opt.periods.empty() ? "" : periods_file_help) +
                                         (opt.institutions ? institutions_file_help : ""));
    prog.note("techconv closeness: " + std::to_string(rec.size()) + " records, " + std::to_string(res.pairs.size()) +
              " pairs -> " + a.final_out);
    report_count("records", static_cast<long long>(rec.size()));
    report_count("international", static_cast<long long>(res.total.multi_actor_records));
    report_count("pairs", static_cast<long long>(res.pairs.size()));
    std::printf("records: %lld\ninternational: %lld\npairs: %zu\nout: %s\n", static_cast<long long>(rec.size()),
                static_cast<long long>(res.total.multi_actor_records), res.pairs.size(), a.final_out.c_str());
    return 0;
}

#ifdef TECHCONV_CLI_MPI
namespace tmpi = techconv::parallel::mpi;
namespace tser = techconv::parallel;

// What reading a rank's files gave besides its records: the file-level counts and, per
// file in input order, its note and detection record (encoded for the gather on rank 0).
void write_reading(tser::byte_writer& w, const tan::collaboration_inputs& d, bool rank0) {
    // repeated within a file, or in an earlier file of this rank (rank 0's second kind: kept in
    // the gathered records' duplicates(), counted there)
    w.u64(rank0 ? d.duplicates - d.countries.duplicates().size() : d.duplicates);
    w.u64(d.unresolved);
    w.u64(d.bytes_not_utf8);
    tser::write(w, d.notes);
    w.u64(d.detections.size());
    for (const auto& x : d.detections) tmpi::write_detection(w, x);
}

// Adds what write_reading encoded to `d` (rank order = input order).
void read_reading(tser::byte_reader& rd, tan::collaboration_inputs& d) {
    d.duplicates += static_cast<std::size_t>(rd.u64("duplicates"));
    d.unresolved += static_cast<std::size_t>(rd.u64("unresolved"));
    d.bytes_not_utf8 += static_cast<std::size_t>(rd.u64("bytes_not_utf8"));
    for (auto& n : tser::read_labels(rd)) d.notes.push_back(std::move(n));
    const std::uint64_t k = rd.count(8, "detections");
    for (std::uint64_t q = 0; q < k; ++q) d.detections.push_back(tmpi::read_detection(rd));
    tser::expect_end(rd);
}

// closeness on every rank of `comm` (run_distributed_command). Rank 0 decides the inputs'
// kinds as one process does (plan_collaboration_inputs: the same refusals). Paper files are
// split among the ranks, consecutive files per rank (share_cuts of the number of files by
// TECHCONV_MPI_SHARES), each rank reading its files as one process reads them; the actor
// records are gathered in input order on rank 0 (parallel::mpi::gather_actor_records: a
// record whose id an earlier file gave is dropped there, as one process drops it), with the
// files' notes, detections and counts. Patents (USPTO XML, PATSTAT, Lens JSON: no format
// closeness reads can be split by byte ranges, and families merge across files) and standard
// input are read by rank 0 alone. Rank 0 then runs the one-process analysis and writes every
// file (write_closeness). See docs/cli.md.
int closeness_ranks(const arguments& a, MPI_Comm comm) {
    const int me = tmpi::rank(comm), ranks = tmpi::size(comm);
    closeness_run r;
    parse_closeness_run(a, r);
    const std::vector<double> shares = mpi_shares(comm);  // TECHCONV_MPI_SHARES (default equal)
    progress prog(a.quiet || me != 0);
    tan::collaboration_input_plan plan;
    std::exception_ptr failed;
    if (me == 0) {
        try {
            plan = plan_inputs(a, r);
        } catch (...) {
            failed = std::current_exception();
        }
    }
    // a refusal of the inputs is a usage error (exit 2), as for one process
    std::int64_t refused = 0;
    if (failed) {
        try {
            std::rethrow_exception(failed);
        } catch (const usage_error&) {
            refused = 1;
        } catch (...) {
        }
    }
    tmpi::check(MPI_Bcast(&refused, 1, MPI_INT64_T, 0, comm), "MPI_Bcast");
    if (refused) {
        if (me == 0) std::rethrow_exception(failed);
        throw usage_error("the inputs were refused (rank 0 says why)");
    }
    agree(failed, comm);
    bool stdin_read = false;
    for (const auto& in : a.inputs) stdin_read = stdin_read || in == "-";
    std::int64_t split = me == 0 && !plan.patents && !stdin_read ? 1 : 0;
    tmpi::check(MPI_Bcast(&split, 1, MPI_INT64_T, 0, comm), "MPI_Bcast");
    tan::collaboration_inputs data;
    if (split) {  // paper files: consecutive files per rank
        const auto cut = tmpi::share_cuts(static_cast<std::int64_t>(a.inputs.size()), shares);
        const auto b = static_cast<std::size_t>(cut[static_cast<std::size_t>(me)]);
        const auto e = static_cast<std::size_t>(cut[static_cast<std::size_t>(me) + 1]);
        try {
            tan::collaboration_input_plan mine;
            if (me == 0) {  // the inputs rank 0 opened to plan: its own files continue from their heads
                for (std::size_t k = b; k < e; ++k) mine.inputs.push_back(std::move(plan.inputs[k]));
                plan.inputs.clear();
            } else {
                mine.inputs = open_inputs(std::vector<std::string>(a.inputs.begin() + static_cast<std::ptrdiff_t>(b),
                                                                   a.inputs.begin() + static_cast<std::ptrdiff_t>(e)));
            }
            data = read_inputs(a, r, std::move(mine), prog);
        } catch (...) {
            failed = std::current_exception();
        }
        agree(failed, comm);  // the error of the first file in input order that failed
        tser::byte_writer w;
        write_reading(w, data, me == 0);
        // (a message that does not decode is rank 0's error alone: it ends the job)
        auto countries = tmpi::gather_actor_records(std::move(data.countries), comm);
        auto institutions = r.opt.institutions ? tmpi::gather_actor_records(std::move(data.institutions), comm)
                                               : techconv::closeness::actor_records{};
        data = tan::collaboration_inputs{};
        constexpr int tag = 40;  // and tag + 1 (send_bytes)
        if (me != 0) {
            tmpi::detail::send_bytes(w.data(), 0, tag, comm);
        } else {
            tan::collaboration_inputs all;
            all.countries = std::move(countries);
            all.institutions = std::move(institutions);
            all.duplicates = all.countries.duplicates().size();  // rank 0's own, and those of an earlier rank
            for (int q = 0; q < ranks; ++q) {
                const auto bytes = q == 0 ? w.data() : tmpi::detail::recv_bytes(q, tag, comm);
                tser::byte_reader rd(bytes.data(), bytes.size(), "reading report of rank " + std::to_string(q));
                read_reading(rd, all);
            }
            data = std::move(all);
        }
    } else if (me == 0) {  // patents, or standard input: rank 0 reads as one process reads
        try {
            data = read_inputs(a, r, std::move(plan), prog);
        } catch (...) {
            failed = std::current_exception();
        }
    }
    if (!split) agree(failed, comm);
    return on_rank0([&] { return write_closeness(a, r, data, prog); }, comm);
}
#endif

}  // namespace

int cmd_closeness(int argc, char** argv) {
    const auto& spec = closeness_spec();
#ifdef TECHCONV_CLI_MPI
    if (mpi_active()) return run_distributed_command(spec, argc, argv, MPI_COMM_WORLD, closeness_ranks);
#endif
    return rp::run_command(spec, argc, argv, [&](const arguments& a) -> int {
        closeness_run r;
        parse_closeness_run(a, r);
        progress prog(a.quiet);
        auto data = read_inputs(a, r, plan_inputs(a, r), prog);
        return write_closeness(a, r, data, prog);
    });
}

}  // namespace tcli
