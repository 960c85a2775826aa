// SPDX-License-Identifier: BSL-1.0
// distributed_keycore: `techconv keycore` with the records of one CSV file
// split across MPI ranks. Each rank reads only its byte range of the file;
// the ranks merge simple families across ranks, agree on the indicator
// columns, compute the entropy weights, scores, the global key core, global
// ranks and the per-group profiles together (techconv/parallel/mpi.hpp),
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
        // industries.csv (--concordance) is not offered over MPI
        c.options.erase(std::remove_if(c.options.begin(), c.options.end(),
                                       [](const rp::option_spec& o) { return o.name == "concordance"; }),
                        c.options.end());
        const std::string conc = " [--concordance FILE]";
        if (const auto p = c.synopsis.find(conc); p != std::string::npos) c.synopsis.erase(p, conc.size());
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

// This rank's text: the header line, then the lines that START in byte range
// [cut[r], cut[r + 1]) of the file. Line breaks inside quoted fields are not
// supported by the split (a reader error names the file then).
std::string read_share(const std::string& path, int rank, const std::vector<std::int64_t>& cut, std::string& source) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot open");
    f.seekg(0, std::ios::end);
    const auto size = static_cast<std::int64_t>(f.tellg());
    f.seekg(0);
    std::string header;
    std::getline(f, header);
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
    std::string text = header + "\n";
    if (e > b) {
        std::string seg(static_cast<std::size_t>(e - b), '\0');
        f.clear();
        f.seekg(b);
        f.read(&seg[0], static_cast<std::streamsize>(seg.size()));
        text += seg;
    }
    source = path + " (bytes " + std::to_string(b) + ".." + std::to_string(e) + ")";
    return text;
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
    const double q = a.fraction();
    ta::record_grouping grouping;
    grouping.by_country = tcli::group_by_country(a);
    grouping.country_from = a.choice("country-from", "auto", ta::country_source_from_string);
    if (fmt != tio::input_format::lens && fmt != tio::input_format::csv)
        throw rp::usage_error(path + ": only Lens and techconv canonical CSV inputs can be split by byte ranges");
    tio::indicator_options io;
    io.missing = a.choice("missing", "drop-record", tio::missing_policy_from_string);

    // --out is written all or nothing, as by `techconv` (output_folder.hpp): rank 0 checks it,
    // takes the lock and makes the staging folder, which every rank writes into; rank 0
    // commits it at the end. On an error the folder's destructor removes the staging folder.
    std::unique_ptr<rp::output_folder> folder;
    if (rank == 0) folder = std::make_unique<rp::output_folder>(out_dir, a.force);
    const std::string dir = broadcast(folder ? folder->staging() : std::string(), comm);

    // 1. this rank's share of the file
    std::int64_t size = 0;
    {
        std::ifstream f(path, std::ios::binary | std::ios::ate);
        if (!f) throw std::runtime_error(path + ": cannot open");
        size = static_cast<std::int64_t>(f.tellg());
    }
    std::string source;
    const std::string text = read_share(path, rank, cuts(size, ranks, a.get("split")), source);
    std::vector<tio::patent_record> records;
    std::istringstream share(text);
    const auto st =
        global_stats(tio::read_patent_csv(share, source, fmt, tio::input_encoding(path, fmt), records), comm);
    rp::key_core_report rep;  // its result is filled here part by part, as analysis::key_core fills it
    auto& res = rep.result;
    rep.notes.push_back(tio::input_note(path, st));
    rep.read = st.records;
    // 2. simple families, merged across ranks
    if (!a.has("no-merge")) {
        auto m = tmpi::merge_families(std::move(records), comm);
        records = std::move(m.records);
        rep.merged = m.merged;
    }
    rep.records = static_cast<std::size_t>(sum_all(static_cast<std::int64_t>(records.size()), comm));
    // 3. the indicator columns, decided over all ranks as io::indicator_matrix decides them
    std::vector<tio::indicator_values> vals;
    std::array<std::int64_t, tio::indicator_count> have{}, lack{}, all_have{}, all_lack{};
    for (const auto& r : records) {
        vals.push_back(tio::record_indicators(r, io));
        for (const auto ind : tio::all_indicators) (vals.back().has(ind) ? have : lack)[tio::position(ind)] += 1;
    }
    tmpi::check(MPI_Allreduce(have.data(), all_have.data(), static_cast<int>(have.size()), MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    tmpi::check(MPI_Allreduce(lack.data(), all_lack.data(), static_cast<int>(lack.size()), MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
    for (const auto ind : tio::all_indicators) {
        const auto p = tio::position(ind);
        if (all_have[p] == 0) res.absent.push_back(ind);
        else if (all_lack[p] > 0 && io.missing == tio::missing_policy::drop_indicator) res.incomplete.push_back(ind);
        else res.columns.push_back(ind);
    }
    std::vector<std::size_t> rows;  // kept records
    std::int64_t dropped = 0;
    for (std::size_t r = 0; r < vals.size(); ++r) {
        bool complete = true;
        for (const auto c : res.columns) complete = complete && vals[r].has(c);
        if (!complete && io.missing == tio::missing_policy::drop_record) ++dropped;
        else rows.push_back(r);
    }
    techconv::matrix x(static_cast<idx>(rows.size()), static_cast<idx>(res.columns.size()));
    for (std::size_t c = 0; c < res.columns.size(); ++c)
        for (std::size_t k = 0; k < rows.size(); ++k)
            x(static_cast<idx>(k), static_cast<idx>(c)) = static_cast<double>(vals[rows[k]].value_or(res.columns[c], 0));
    res.dropped = static_cast<std::size_t>(sum_all(dropped, comm));
    rep.scored = tmpi::global_rows(x.rows(), comm).total;
    if (rep.scored < 2 || res.columns.empty())
        throw std::runtime_error("no usable indicator matrix: " + std::to_string(rep.scored) + " records with " +
                                 std::to_string(res.columns.size()) +
                                 " indicators (need at least 2 records and 1 indicator)");
    // 4. weights, scores, key core, ranks
    tw::key_core_options ko;
    ko.fraction = q;
    ko.entropy.threads = a.threads();
    const tw::key_core_result kc = tmpi::key_core(x, comm, ko);
    const techconv::index_vector rk = tmpi::ranks(kc.scores, comm);
    res.weighting = kc.weighting;
    res.weights = ta::kct_weight_table(res.columns, kc.weighting);
    res.group_weights = ta::kct_group_weights(res.columns, kc.weighting);
    res.fraction = q;
    res.k = kc.top.k;
    res.threshold = kc.top.threshold;
    rep.missing = io.missing;
    rep.by_country = grouping.by_country;
    res.subscores = ta::kct_group_scores(x, res.columns, kc.weighting);
    const auto& subscores = res.subscores;
    const techconv::matrix& sub = subscores.values;
    std::vector<std::string> ids, groups;
    for (const auto r : rows) {
        ids.push_back(records[r].id);
        groups.push_back(ta::record_group(records[r], grouping));
    }
    {
        std::ostringstream body;
        techconv::report::write_scores_csv(body, ids, kc.scores, rk, kc.top.k, rank == 0);
        write_scores_mpi(dir + "/scores.csv", body.str(), comm);
    }
    // 5. the best 20: each rank sends the ones it holds
    par::byte_writer tw20;
    std::uint64_t mine = 0;
    for (idx i = 0; i < x.rows(); ++i) mine += rk[i] <= 20 ? 1 : 0;
    tw20.u64(mine);
    for (idx i = 0; i < x.rows(); ++i) {
        if (rk[i] > 20) continue;
        const auto& r = records[rows[static_cast<std::size_t>(i)]];
        tw20.i64(rk[i]);
        tw20.str(r.id);
        tw20.f64(kc.scores[i]);
        tw20.str(groups[static_cast<std::size_t>(i)]);
        tw20.i64(techconv::analysis::patent_year(r));
        tw20.str(r.title);
        tw20.u64(static_cast<std::uint64_t>(sub.cols()));
        for (idx g = 0; g < sub.cols(); ++g) tw20.f64(sub(i, g));
    }
    const auto parts = tmpi::allgather_bytes(tw20.data(), comm);
    res.top.assign(static_cast<std::size_t>(std::min<idx>(20, rep.scored)), {});
    for (std::size_t r = 0; r < parts.size(); ++r) {
        par::byte_reader br(parts[r].data(), parts[r].size(), "top of rank " + std::to_string(r));
        const std::uint64_t n = br.count(40, "entries");
        for (std::uint64_t k = 0; k < n; ++k) {
            auto& t = res.top.at(static_cast<std::size_t>(br.i64("rank") - 1));
            t.id = br.str("id");
            t.score = br.f64("score");
            t.group = br.str("group");
            t.year = static_cast<techconv::year_type>(br.i64("year"));
            t.title = br.str("title");
            t.sub.resize(static_cast<std::size_t>(br.count(8, "sub-scores")));
            for (auto& v : t.sub) v = br.f64("sub-score");
        }
    }
    // 6. group profiles: a mergeable partial state per rank, merged in rank order
    par::profile_partial partial;
    for (std::size_t k = 0; k < rows.size(); ++k)
        ta::add_profile_record(partial, records[rows[k]], groups[k], rk[static_cast<idx>(k)] <= kc.top.k);
    res.profiles = tmpi::group_profiles(partial, comm, techconv::convergence::profile_options{}).groups;
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
        std::fprintf(stderr, "distributed_keycore (rank %d): error: %s\n", tmpi::rank(MPI_COMM_WORLD), e.what());
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    MPI_Finalize();
    return rc;
}
