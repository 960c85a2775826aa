// SPDX-License-Identifier: BSL-1.0
// distributed_keycore: `techconv keycore` with the records of one CSV file
// split across MPI ranks. Each rank reads only its byte range of the file
// into a records::patent_table, under the command's read limits (an error is
// raised on every rank); the ranks drop repeated ids and merge simple families across ranks,
// agree on the indicator columns, compute the entropy weights, scores, the
// global key core, global ranks and the per-group profiles together
// (techconv/parallel/mpi.hpp), each step with the function analysis::key_core
// uses for it (techconv/analysis/keycore.hpp, analysis/indicators.hpp),
// and the output files are byte-identical to those of `techconv keycore`
// with the same options, whatever the number of ranks.
//
// usage: mpirun -np P distributed_keycore INPUT.csv --out DIR [--format auto|csv|lens] [--top Q]
//            [--group-by country|none] [--country-from SRC] [--missing POLICY] [--no-merge]
//            [--threads N] [--split W0,W1,...]
//
// Outputs: those of `techconv keycore` (weights.csv, scores.csv, top20.csv,
// groups.csv, report.json, report.md); see distributed_keycore.md.
#include <mpi.h>

#include <techconv/analysis/keycore.hpp>
#include <techconv/format/csv.hpp>
#include <techconv/analysis/indicators.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/parallel/mpi.hpp>
#include <techconv/parallel/profile.hpp>
#include <techconv/records/patent_table.hpp>
#include <techconv/weighting.hpp>

#include "cli.hpp"             // the command line of techconv (report/command_line.hpp)
#include "keycore_report.hpp"  // techconv_report: the keycore report files

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace tio = techconv::io;
namespace ta = techconv::analysis;
namespace tw = techconv::weighting;
namespace tmpi = techconv::parallel::mpi;
namespace par = techconv::parallel;
namespace rp = techconv::report;
using idx = techconv::index;

namespace {

const rp::command_spec& spec() {
    static const rp::command_spec s = [] {
        rp::command_spec c = tcli::keycore_spec();
        c.name = "distributed_keycore";
        // industries.csv (--concordance) and chosen indicators (--indicators, the quality
        // indicators' tables; they need the whole citation graph) are not offered over MPI
        c.options.erase(std::remove_if(c.options.begin(), c.options.end(),
                                       [](const rp::option_spec& o) {
                                           return o.name == "concordance" || o.name == "indicators" ||
                                                  o.name == "citations" || o.name == "classes" ||
                                                  o.name == "fields" || o.name == "hall";
                                       }),
                        c.options.end());
        for (const std::string opt : {" [--concordance FILE]", " [--indicators LIST]"})
            if (const auto p = c.synopsis.find(opt); p != std::string::npos) c.synopsis.erase(p, opt.size());
        c.options.push_back({"split", "W0,W1,...", "relative byte shares of the ranks (default equal; 0 = no rows)"});
        return c;
    }();
    return s;
}

// The byte offsets where the ranks' shares start: equal shares, or the
// relative weights of --split (one per rank).
std::vector<std::int64_t> cuts(std::int64_t size, int ranks, const std::string& split) {
    std::vector<double> w(static_cast<std::size_t>(ranks), 1.0);
    if (!split.empty()) {
        std::vector<double> v;
        std::stringstream ss(split);
        for (std::string item; std::getline(ss, item, ',');) v.push_back(std::stod(item));
        if (static_cast<int>(v.size()) != ranks) throw rp::usage_error("--split needs one weight per rank");
        w = v;
    }
    double total = 0.0;
    for (const double x : w) {
        if (!(x >= 0.0)) throw rp::usage_error("--split weights must be >= 0");
        total += x;
    }
    if (!(total > 0.0)) throw rp::usage_error("--split weights must not all be 0");
    std::vector<std::int64_t> c{0};
    double acc = 0.0;
    for (int r = 0; r < ranks; ++r) {
        acc += w[static_cast<std::size_t>(r)];
        c.push_back(r + 1 == ranks ? size : static_cast<std::int64_t>(static_cast<double>(size) * (acc / total)));
    }
    return c;
}

// This rank's part of the file: the header line, and the lines that START in byte range
// [cut[r], cut[r + 1]) of the file, with the number of line breaks and of non-empty lines
// (CSV rows) among them. Line breaks inside quoted fields are not supported by the split
// (a reader error names the file and line then).
struct share {
    std::string header;   // the file's first line
    std::string lines;    // this rank's lines
    std::int64_t breaks = 0;  // '\n' in `lines`
    std::int64_t rows = 0;    // lines with a character other than '\r' (what the CSV reader counts as records)
    // the line ends of this share's bytes of the file (rank 0: the header line's too)
    std::uint64_t lf = 0, crlf = 0, cr = 0;
};
share read_share(const std::string& path, int rank, const std::vector<std::int64_t>& cut) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot open");
    f.seekg(0, std::ios::end);
    const auto size = static_cast<std::int64_t>(f.tellg());
    f.seekg(0);
    share out;
    std::getline(f, out.header);
    const std::int64_t header_end = f.tellg() < 0 ? size : static_cast<std::int64_t>(f.tellg());
    auto line_start_at_or_after = [&](std::int64_t pos) -> std::int64_t {
        if (pos <= header_end) return header_end;
        if (pos >= size) return size;
        f.clear();
        f.seekg(pos - 1);
        std::string skip;
        std::getline(f, skip);  // the line holding pos - 1 belongs to the previous share
        const auto p = f.tellg();
        return p < 0 ? size : static_cast<std::int64_t>(p);
    };
    const auto u = static_cast<std::size_t>(rank);
    const std::int64_t b = line_start_at_or_after(std::min(cut[u], size));
    const std::int64_t e = line_start_at_or_after(std::min(cut[u + 1], size));
    if (e > b) {
        out.lines.assign(static_cast<std::size_t>(e - b), '\0');
        f.clear();
        f.seekg(b);
        f.read(&out.lines[0], static_cast<std::streamsize>(out.lines.size()));
    }
    bool content = false;  // the current line has a character other than '\r'
    for (const char c : out.lines) {
        if (c == '\n') {
            ++out.breaks;
            out.rows += content ? 1 : 0;
            content = false;
        } else if (c != '\r') {
            content = true;
        }
    }
    out.rows += content ? 1 : 0;
    // Every share starts at a line start, so the ranks' counts add up to those of the whole file.
    tio::line_end_counter ends;
    if (rank == 0) {
        ends.feed(out.header.data(), out.header.size());
        if (header_end > static_cast<std::int64_t>(out.header.size())) ends.feed("\n", 1);  // its line end
    }
    ends.feed(out.lines.data(), out.lines.size());
    out.lf = ends.lf();
    out.crlf = ends.crlf();
    out.cr = ends.cr();
    return out;
}

// Set when every rank raised the same error (parallel::mpi::agree_on_error): the ranks then
// leave together, with the error printed once, instead of MPI_Abort.
bool agreed_error = false;

// tmpi::agree_on_error, remembering that the error it throws is every rank's.
void agree(std::exception_ptr error, MPI_Comm comm, std::size_t record_offset = 0) {
    try {
        tmpi::agree_on_error(error, comm, record_offset);
    } catch (...) {
        agreed_error = true;
        throw;
    }
}

// The reader counters of all ranks, as one reader of the whole file would have them.
tio::patent_read_stats global_stats(const tio::patent_read_stats& st, MPI_Comm comm) {
    par::byte_writer w;
    w.str(st.layout);
    w.u64(st.records);
    w.u64(st.skipped.size());
    for (const auto& [name, n] : st.skipped) {
        w.str(name);
        w.u64(n);
    }
    w.u64(st.rejected_codes);
    w.u64(st.rejected_code_examples.size());
    for (const auto& e : st.rejected_code_examples) w.str(e);
    tio::patent_read_stats out;
    const auto all = tmpi::allgather_bytes(w.data(), comm);
    for (std::size_t r = 0; r < all.size(); ++r) {
        par::byte_reader rd(all[r].data(), all[r].size(), "reader counters of rank " + std::to_string(r));
        const std::string layout = rd.str("layout");
        if (r == 0) out.layout = layout;
        out.records += static_cast<std::size_t>(rd.u64("records"));
        const std::uint64_t k = rd.count(16, "skipped");
        for (std::uint64_t q = 0; q < k; ++q) {
            const std::string name = rd.str("skipped name");
            const auto n = static_cast<std::size_t>(rd.u64("skipped count"));
            auto it = std::find_if(out.skipped.begin(), out.skipped.end(), [&](const auto& s) { return s.first == name; });
            if (it == out.skipped.end()) out.skipped.emplace_back(name, n);
            else it->second += n;
        }
        out.rejected_codes += static_cast<std::size_t>(rd.u64("rejected codes"));
        const std::uint64_t x = rd.count(8, "rejected code examples");
        for (std::uint64_t q = 0; q < x; ++q) {  // the first 20 over the ranks, in file order
            std::string e = rd.str("rejected code example");
            if (out.rejected_code_examples.size() < 20) out.rejected_code_examples.push_back(std::move(e));
        }
    }
    return out;
}

std::int64_t sum_all(std::int64_t v, MPI_Comm comm) {
    std::int64_t s = 0;
    tmpi::check(MPI_Allreduce(&v, &s, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    return s;
}

// scores.csv: every rank formats its rows and writes them at its byte offset.
void write_scores_mpi(const std::string& path, const std::string& body, MPI_Comm comm) {
    const auto len = static_cast<std::int64_t>(body.size());
    std::int64_t off = 0;
    tmpi::check(MPI_Exscan(&len, &off, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Exscan");
    if (tmpi::rank(comm) == 0) off = 0;
    MPI_File fh;
    tmpi::check(MPI_File_open(comm, path.c_str(), MPI_MODE_CREATE | MPI_MODE_WRONLY, MPI_INFO_NULL, &fh), "MPI_File_open");
    tmpi::check(MPI_File_set_size(fh, 0), "MPI_File_set_size");
    for (std::int64_t done = 0; done < len;) {
        const int n = static_cast<int>(std::min<std::int64_t>(len - done, 1 << 30));
        MPI_Status st;
        tmpi::check(MPI_File_write_at(fh, off + done, body.data() + done, n, MPI_BYTE, &st), "MPI_File_write_at");
        done += n;
    }
    tmpi::check(MPI_File_close(&fh), "MPI_File_close");
}

// `s` of rank 0 on every rank.
std::string broadcast(std::string s, MPI_Comm comm) {
    std::int64_t n = static_cast<std::int64_t>(s.size());
    tmpi::check(MPI_Bcast(&n, 1, MPI_INT64_T, 0, comm), "MPI_Bcast");
    s.resize(static_cast<std::size_t>(n));
    tmpi::check(MPI_Bcast(&s[0], static_cast<int>(n), MPI_CHAR, 0, comm), "MPI_Bcast");
    return s;
}

int run(const rp::arguments& a, const std::vector<std::string>& argv, MPI_Comm comm) {
    const int rank = tmpi::rank(comm), ranks = tmpi::size(comm);
    if (a.inputs.size() != 1) throw rp::usage_error("exactly one INPUT file (it is split by byte ranges)");
    const std::string path = a.inputs.front();
    const std::string out_dir = a.get("out");
    auto fmt = a.choice("format", "auto", tio::input_format_from_string);
    if (fmt == tio::input_format::automatic) fmt = tio::detect_format(path);
    if (fmt != tio::input_format::lens && fmt != tio::input_format::csv)
        throw rp::usage_error(path + ": only Lens and techconv canonical CSV inputs can be split by byte ranges");
    ta::key_core_options o;  // as `techconv keycore` sets them (examples/techconv/cmd_keycore.cpp)
    o.fraction = a.fraction();
    o.grouping.by_country = tcli::group_by_country(a);
    o.grouping.country_from = a.choice("country-from", "auto", ta::country_source_from_string);
    o.indicators.missing = a.choice("missing", "drop-record", tio::missing_policy_from_string);
    o.threads = a.threads();

    // --out is written all or nothing, as by `techconv` (output_folder.hpp): rank 0 checks it,
    // takes the lock and makes the staging folder, which every rank writes into; rank 0
    // commits it at the end. On an error the folder's destructor removes the staging folder.
    std::unique_ptr<rp::output_folder> folder;
    if (rank == 0) folder = std::make_unique<rp::output_folder>(out_dir, a.force);
    const std::string dir = broadcast(folder ? folder->staging() : std::string(), comm);

    // 1. this rank's share of the file, read into a columnar table (with titles: top20.csv prints them)
    std::int64_t size = 0;
    {
        std::ifstream f(path, std::ios::binary | std::ios::ate);
        if (!f) throw std::runtime_error(path + ": cannot open");
        size = static_cast<std::int64_t>(f.tellg());
    }
    std::exception_ptr failed;
    share sh;
    try {
        sh = read_share(path, rank, cuts(size, ranks, a.get("split")));
    } catch (...) {
        failed = std::current_exception();
    }
    agree(failed, comm);
    // The share is read as the text header, then as many empty lines as the shares before it
    // hold (the CSV readers skip empty lines), then its lines: every line keeps its line number
    // in the file, so the reader's errors and the rows' source lines are those of one reader of
    // the whole file; record numbers in errors get the rows of the shares before added.
    std::uint64_t line_ends[3] = {sh.lf, sh.crlf, sh.cr};
    const std::string header = sh.header;
    std::int64_t counts[2] = {sh.breaks, sh.rows}, before[2] = {0, 0};
    tmpi::check(MPI_Exscan(counts, before, 2, MPI_INT64_T, MPI_SUM, comm), "MPI_Exscan");
    if (rank == 0) before[0] = before[1] = 0;
    std::string text;
    text.reserve(sh.header.size() + 1 + static_cast<std::size_t>(before[0]) + sh.lines.size());
    text.append(sh.header).append(1, '\n').append(static_cast<std::size_t>(before[0]), '\n').append(sh.lines);
    sh = share{};
    tio::read_patents_options ro;
    ro.format = fmt;
    ro.encoding = tio::input_encoding(path, fmt);  // every share is read in the encoding of the whole file
    ro.limits = a.limits;                          // --max-codes-per-record, --max-columns: as one reader;
                                                   // --max-memory bounds each rank's share
    ro.merge_families = false;                     // merged across ranks below
    ro.drop_duplicates = false;                    // across ranks below (a per-share check would miss repeats)
    tio::patent_table_inputs in;
    try {
        std::istringstream share_in(std::move(text));
        std::vector<tio::input_source> inputs;
        inputs.emplace_back(share_in, path);
        in = tio::read_patent_table(std::move(inputs), ro, techconv::records::patent_table_options{true});
    } catch (...) {
        failed = std::current_exception();
    }
    agree(failed, comm, static_cast<std::size_t>(before[1]));
    tio::patent_input_report inputs_report;
    inputs_report.files.push_back({path, fmt, global_stats(in.files.front().stats, comm), {}});
    // The detection record of the whole file as one reader of it makes it (io::detection_of,
    // printed in report.md's input note): the format as asked, the encoding every share was read
    // in (detected from the file's start), the line ends of all shares, and the bytes that are
    // not UTF-8 of all shares, the header (read by every rank) counted once.
    {
        const auto& ev = in.files.front().stats.text;
        std::uint64_t sums[4] = {line_ends[0], line_ends[1], line_ends[2], ev.stray_bytes};
        tmpi::check(MPI_Allreduce(MPI_IN_PLACE, sums, 4, MPI_UINT64_T, MPI_SUM, comm), "MPI_Allreduce");
        auto& d = inputs_report.files.back().detection;
        d.source = path;
        d.format = fmt;
        d.format_detected = a.get("format", "auto") == "auto";
        d.encoding = ev.used == tio::text_encoding::utf8_cp1252_strays ? tio::text_encoding::utf8 : ev.used;
        d.encoding_detected = true;  // tio::input_encoding above, as `--encoding auto`
        d.bom = ev.bom;
        const std::uint64_t header_strays =
            ro.encoding == tio::text_encoding::utf8_cp1252_strays ? tio::detect_encoding(header).invalid_bytes : 0;
        d.bytes_not_utf8 = static_cast<std::size_t>(sums[3] - static_cast<std::uint64_t>(ranks - 1) * header_strays);
        d.lf = static_cast<std::size_t>(sums[0]);
        d.crlf = static_cast<std::size_t>(sums[1]);
        d.cr = static_cast<std::size_t>(sums[2]);
        if (rank == 0) rp::report_detection(d);  // manifest.json, as read_patent_inputs does for the command
    }
    // 2. repeated ids dropped (the later occurrence in file order), as one reader of the file drops them
    techconv::records::patent_table table = tmpi::drop_duplicate_ids(std::move(in.table), comm, path, inputs_report);
    rp::key_core_report rep;  // its result is filled part by part with the steps of analysis::key_core
    auto& res = rep.result;
    rep.notes = inputs_report.notes();
    rep.read = static_cast<std::size_t>(tmpi::global_rows(static_cast<idx>(table.size()), comm).total);
    rep.missing = o.indicators.missing;
    rep.by_country = o.grouping.by_country;
    // 3. simple families, merged across ranks
    if (!a.has("no-merge")) {
        auto m = tmpi::merge_families(std::move(table), comm);
        table = std::move(m.table);
        rep.merged = m.merged;
    }
    const tmpi::row_range records = tmpi::global_rows(static_cast<idx>(table.size()), comm);
    rep.records = static_cast<std::size_t>(records.total);
    ta::table_source src(table);
    // 4. the indicator columns, chosen from the presence counts of all ranks by the rule of
    //    io::indicator_matrix; then this rank's rows of the matrix
    const auto vals = tio::source_indicators(src, o.indicators);
    tio::indicator_presence mine, all;
    for (const auto& v : vals) mine.add(v);
    tmpi::check(MPI_Allreduce(mine.have.data(), all.have.data(), static_cast<int>(all.have.size()), MPI_UINT64_T,
                              MPI_SUM, comm),
                "MPI_Allreduce");
    tmpi::check(MPI_Allreduce(mine.lack.data(), all.lack.data(), static_cast<int>(all.lack.size()), MPI_UINT64_T,
                              MPI_SUM, comm),
                "MPI_Allreduce");
    const tio::indicator_table x =
        tio::indicator_table_of(src, vals, tio::choose_indicator_columns(all, o.indicators), o.indicators);
    res.columns = x.columns;
    res.absent = x.absent;
    res.incomplete = x.incomplete;
    res.rows = x.rows;
    res.dropped = static_cast<std::size_t>(sum_all(static_cast<std::int64_t>(x.dropped_records), comm));
    rep.scored = tmpi::global_rows(x.values.rows(), comm).total;
    ta::require_usable_matrix(rep.scored, res.columns.size());
    // 5. weights, scores, key core, global ranks; the weight tables and this rank's sub-scores and groups
    tw::key_core_result kc = tmpi::key_core(x.values, comm, ta::weighting_options(o));
    res.scores = std::move(kc.scores);
    res.ranks = tmpi::ranks(res.scores, comm);
    res.k = kc.top.k;
    res.threshold = kc.top.threshold;
    res.fraction = o.fraction;
    ta::set_key_core_weights(res, std::move(kc.weighting), x.values);
    res.groups = ta::row_groups(src, res.rows, o.grouping);
    {
        std::vector<std::string> ids;
        ids.reserve(res.rows.size());
        for (const auto r : res.rows) ids.emplace_back(src.row(r).id());
        std::ostringstream body;
        techconv::report::write_scores_csv(body, ids, res.scores, res.ranks, res.k, rank == 0);
        write_scores_mpi(dir + "/scores.csv", body.str(), comm);
    }
    // 6. the best rows: each rank sends the ones it holds with their global ranks; placed by rank
    const auto best = ta::key_core_top_rows(src, res, o.top_rows, static_cast<std::size_t>(records.begin));
    std::vector<idx> best_ranks;  // the ranks of `best`, which key_core_top_rows gives in rank order
    for (idx i = 0; i < res.ranks.size(); ++i)
        if (res.ranks[i] <= o.top_rows) best_ranks.push_back(res.ranks[i]);
    std::sort(best_ranks.begin(), best_ranks.end());
    par::byte_writer tw20;
    tw20.u64(best.size());
    for (std::size_t j = 0; j < best.size(); ++j) {
        const auto& t = best[j];
        tw20.i64(best_ranks[j]);
        tw20.u64(t.record);
        tw20.str(t.id);
        tw20.f64(t.score);
        tw20.str(t.group);
        tw20.i64(t.year);
        tw20.str(t.title);
        tw20.u64(t.sub.size());
        for (const double v : t.sub) tw20.f64(v);
    }
    const auto parts = tmpi::allgather_bytes(tw20.data(), comm);
    res.top.assign(static_cast<std::size_t>(std::min(o.top_rows, rep.scored)), {});
    for (std::size_t r = 0; r < parts.size(); ++r) {
        par::byte_reader br(parts[r].data(), parts[r].size(), "best rows of rank " + std::to_string(r));
        const std::uint64_t n = br.count(64, "entries");
        for (std::uint64_t k = 0; k < n; ++k) {
            const std::int64_t at = br.i64("rank");
            if (at < 1 || at > static_cast<std::int64_t>(res.top.size()))
                br.fail(techconv::error_code::out_of_range, "rank", "rank outside the best rows");
            auto& t = res.top[static_cast<std::size_t>(at - 1)];
            t.record = static_cast<std::size_t>(br.u64("record"));
            t.id = br.str("id");
            t.score = br.f64("score");
            t.group = br.str("group");
            t.year = static_cast<techconv::year_type>(br.i64("year"));
            t.title = br.str("title");
            t.sub.resize(static_cast<std::size_t>(br.count(8, "sub-scores")));
            for (auto& v : t.sub) v = br.f64("sub-score");
        }
    }
    // 7. group profiles: this rank's rows in a mergeable partial state, merged in rank order
    par::profile_partial partial(o.profile.scope);
    ta::add_key_core_profiles(partial, src, res);
    res.profiles = tmpi::group_profiles(partial, comm, o.profile).groups;
    if (rank == 0) {
        tcli::write_keycore_report(dir, rep);
        rp::run_manifest m;
        m.command = "distributed_keycore";
        m.argv = argv;
        m.inputs = a.inputs;
        m.options = a.values;
        m.options["ranks"] = std::to_string(ranks);
        folder->commit(m);
        std::printf("records: %lld\nindicators: %zu\nkey_core: %lld\nranks: %d\nout: %s\n",
                    static_cast<long long>(rep.scored), res.columns.size(), static_cast<long long>(res.k), ranks,
                    out_dir.c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    MPI_Init(&argc, &argv);
    int rc = 0;
    try {
        const auto a = rp::parse_args(spec(), argc, argv, 1);
        if (a.help) {
            if (tmpi::rank(MPI_COMM_WORLD) == 0) rp::print_help(spec(), stdout);
        } else {
            if (a.inputs.empty() || !a.has("out")) throw rp::usage_error("INPUT and --out DIR are required");
            rc = run(a, std::vector<std::string>(argv, argv + argc), MPI_COMM_WORLD);
        }
    } catch (const rp::usage_error& e) {
        if (tmpi::rank(MPI_COMM_WORLD) == 0) std::fprintf(stderr, "distributed_keycore: %s\n", e.what());
        rc = 2;
    } catch (const std::exception& e) {
        if (!agreed_error) {  // this rank's alone: the others may wait for it in a collective call
            std::fprintf(stderr, "distributed_keycore (rank %d): error: %s\n", tmpi::rank(MPI_COMM_WORLD), e.what());
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        if (tmpi::rank(MPI_COMM_WORLD) == 0) std::fprintf(stderr, "distributed_keycore: error: %s\n", e.what());
        rc = 1;
    }
    MPI_Finalize();
    return rc;
}
