// SPDX-License-Identifier: BSL-1.0
// distributed_keycore: the [KCT] key-core analysis with the records of one
// CSV file split across MPI ranks. Each rank reads only its byte range of the
// file, the ranks compute the entropy weights, scores, the global key core
// and global ranks together (techconv/parallel/mpi.hpp), and the output files
// are byte-identical to a single-process run (--serial), whatever the number
// of ranks.
//
// usage: mpirun -np P distributed_keycore INPUT.csv --out DIR [--format csv|lens] [--top Q] [--serial]
//
// Outputs (the layout of `techconv keycore`):
//   weights.csv  indicator, group, weight, entropy   (all nine [KCT] indicators; absent ones empty)
//   scores.csv   id, score, rank, key_core           (one row per scored record, input order)
//   report.json  rows, dropped_records, weighting_status, indicators, fraction, key_core, threshold, top 20
#include <mpi.h>

#include <techconv/io/csv.hpp>
#include <techconv/io/generic_csv.hpp>
#include <techconv/io/indicators.hpp>
#include <techconv/io/json.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/parallel/mpi.hpp>
#include <techconv/weighting.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace tio = techconv::io;
namespace tw = techconv::weighting;
namespace tmpi = techconv::parallel::mpi;
using idx = techconv::index;

namespace {

struct options {
    std::string input, out, format = "csv";
    double top = 0.05;
    bool serial = false;
};

// Mapping of the techconv canonical CSV (examples/make_synthetic_corpus): id and the count columns.
tio::patent_csv_mapping canonical_mapping(const std::vector<std::string>& header) {
    tio::patent_csv_mapping m;
    m.id = "id";
    for (const auto ind : tio::all_indicators) {
        const std::string name =
            ind == tio::indicator::applicants ? "applicant_count" : std::string(tio::to_string(ind));
        for (const auto& h : header)
            if (tio::iequals(h, name)) m.counts[tio::position(ind)] = name;
    }
    return m;
}

// This rank's records: the lines that START in byte range [size * r / P, size * (r + 1) / P).
// The header line is read from the top of the file. Line breaks inside quoted
// fields are not supported by the split (a reader error names the file then).
struct share {
    std::vector<std::string> ids;
    std::vector<tio::indicator_values> values;
};

share read_share(const options& o, int rank, int ranks) {
    std::ifstream f(o.input, std::ios::binary);
    if (!f) throw std::runtime_error(o.input + ": cannot open");
    f.seekg(0, std::ios::end);
    const auto size = static_cast<std::int64_t>(f.tellg());
    f.seekg(0);
    std::string header;
    std::getline(f, header);
    const auto header_end = static_cast<std::int64_t>(f.tellg() < 0 ? size : static_cast<std::int64_t>(f.tellg()));
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
    const std::int64_t b = line_start_at_or_after(size * rank / ranks);
    const std::int64_t e = line_start_at_or_after(size * (rank + 1) / ranks);
    std::string text = header + "\n";
    if (e > b) {
        std::string seg(static_cast<std::size_t>(e - b), '\0');
        f.clear();
        f.seekg(b);
        f.read(&seg[0], static_cast<std::streamsize>(seg.size()));
        text += seg;
    }
    std::istringstream in(text);
    const std::string source = o.input + " (bytes " + std::to_string(b) + ".." + std::to_string(e) + ")";
    std::unique_ptr<tio::patent_csv_reader> reader;
    if (o.format == "lens") {
        reader = std::make_unique<tio::lens_reader>(in, source);
    } else {
        std::istringstream h(header + "\n");
        tio::csv_reader hr(h, "header");
        reader = std::make_unique<tio::patent_csv_reader>(in, source, canonical_mapping(hr.header()));
    }
    share s;
    tio::patent_record r;
    while (reader->next(r)) {
        s.ids.push_back(r.id);
        s.values.push_back(tio::record_indicators(r));
    }
    return s;
}

std::string weights_csv(const std::vector<tio::indicator>& cols, const tw::entropy_result& w) {
    std::ostringstream f;
    tio::csv_writer out(f);
    out.row({"indicator", "group", "weight", "entropy"});
    for (const auto ind : tio::all_indicators) {
        out.field(tio::to_string(ind)).field(tio::indicator_group(ind));
        idx j = -1;
        for (std::size_t c = 0; c < cols.size(); ++c)
            if (cols[c] == ind) j = static_cast<idx>(c);
        if (j < 0) out.empty().empty().end_row();
        else out.field(w.weights[j]).field(w.entropy[j]).end_row();
    }
    return f.str();
}

std::string scores_rows(const std::vector<std::string>& ids, const techconv::vector& s, const techconv::index_vector& rk,
                        idx k, bool header) {
    std::ostringstream f;
    tio::csv_writer out(f);
    if (header) out.row({"id", "score", "rank", "key_core"});
    for (idx i = 0; i < s.size(); ++i)
        out.field(ids[static_cast<std::size_t>(i)]).field(s[i]).field(static_cast<std::int64_t>(rk[i]))
            .field(rk[i] <= k ? 1 : 0).end_row();
    return f.str();
}

struct summary {
    idx rows = 0, dropped = 0;
    std::vector<tio::indicator> cols;
    tw::key_core_result kc;
    std::vector<std::pair<std::string, double>> top;  // ids and scores of the best 20, best first
};

std::string report_json(const summary& s, double q) {
    std::ostringstream f;
    tio::json_writer j(f);
    j.begin_object();
    j.key("command").value("keycore");
    j.key("rows").value(static_cast<std::int64_t>(s.rows));
    j.key("dropped_records").value(static_cast<std::int64_t>(s.dropped));
    j.key("weighting_status").value(techconv::to_string(s.kc.weighting.info));
    j.key("indicators").begin_array();
    for (std::size_t c = 0; c < s.cols.size(); ++c) {
        const auto jj = static_cast<idx>(c);
        j.begin_object().key("indicator").value(tio::to_string(s.cols[c]))
            .key("group").value(tio::indicator_group(s.cols[c]))
            .key("weight").value(s.kc.weighting.weights[jj]).key("entropy").value(s.kc.weighting.entropy[jj])
            .end_object();
    }
    j.end_array();
    j.key("fraction").value(q);
    j.key("key_core").value(static_cast<std::int64_t>(s.kc.top.k));
    j.key("threshold").value(s.kc.top.threshold);
    j.key("top").begin_array();
    for (std::size_t p = 0; p < s.top.size(); ++p)
        j.begin_object().key("rank").value(static_cast<std::int64_t>(p + 1)).key("id").value(s.top[p].first)
            .key("score").value(s.top[p].second).end_object();
    j.end_array();
    j.end_object();
    f << '\n';
    return f.str();
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    if (!f) throw std::runtime_error(path + ": cannot write");
}

// Rows with every indicator in `cols`; the others are dropped (missing_policy::drop_record).
techconv::matrix to_matrix(const share& in, const std::vector<tio::indicator>& cols, std::vector<std::string>& ids,
                           idx& dropped) {
    std::vector<std::size_t> keep;
    for (std::size_t r = 0; r < in.values.size(); ++r) {
        bool complete = true;
        for (const auto c : cols) complete = complete && in.values[r].has(c);
        if (complete) keep.push_back(r);
        else ++dropped;
    }
    techconv::matrix x(static_cast<idx>(keep.size()), static_cast<idx>(cols.size()));
    for (std::size_t k = 0; k < keep.size(); ++k) {
        ids.push_back(in.ids[keep[k]]);
        for (std::size_t c = 0; c < cols.size(); ++c)
            x(static_cast<idx>(k), static_cast<idx>(c)) = static_cast<double>(in.values[keep[k]].value_or(cols[c], 0));
    }
    return x;
}

int run(const options& o, MPI_Comm comm) {
    const int rank = o.serial ? 0 : tmpi::rank(comm), ranks = o.serial ? 1 : tmpi::size(comm);
    if (rank == 0) std::filesystem::create_directories(o.out);
    if (!o.serial) tmpi::check(MPI_Barrier(comm), "MPI_Barrier");
    const share in = read_share(o, rank, ranks);
    // the indicator columns: those any record of the whole file has, in [KCT] order
    std::array<int, techconv::io::indicator_count> any{}, all_any{};
    for (const auto& v : in.values)
        for (const auto ind : tio::all_indicators) any[tio::position(ind)] |= v.has(ind) ? 1 : 0;
    if (o.serial) all_any = any;
    else tmpi::check(MPI_Allreduce(any.data(), all_any.data(), static_cast<int>(any.size()), MPI_INT, MPI_LOR, comm), "MPI_Allreduce");
    summary s;
    for (const auto ind : tio::all_indicators)
        if (all_any[tio::position(ind)]) s.cols.push_back(ind);
    std::vector<std::string> ids;
    idx dropped = 0;
    const techconv::matrix x = to_matrix(in, s.cols, ids, dropped);

    tw::key_core_options ko;
    ko.fraction = o.top;
    techconv::index_vector rk;
    if (o.serial) {
        s.rows = x.rows();
        s.dropped = dropped;
        if (s.rows < 2 || s.cols.empty()) throw std::runtime_error("no usable indicator matrix");
        s.kc = tw::key_core(x, ko);
        rk = tw::ranks(s.kc.scores);
    } else {
        const tmpi::row_range rr = tmpi::global_rows(x.rows(), comm);
        s.rows = rr.total;
        const auto d = static_cast<std::int64_t>(dropped);
        std::int64_t all_dropped = 0;
        tmpi::check(MPI_Allreduce(&d, &all_dropped, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Allreduce");
        s.dropped = static_cast<idx>(all_dropped);
        if (s.rows < 2 || s.cols.empty()) throw std::runtime_error("no usable indicator matrix");
        s.kc = tmpi::key_core(x, comm, ko);
        rk = tmpi::ranks(s.kc.scores, comm);
    }
    const idx k = s.kc.top.k;
    // the best 20: each rank lists the ones it holds, everyone gathers them
    techconv::parallel::byte_writer tw20;
    std::vector<std::pair<idx, std::pair<std::string, double>>> mine;
    for (idx i = 0; i < x.rows(); ++i)
        if (rk[i] <= 20) mine.push_back({rk[i], {ids[static_cast<std::size_t>(i)], s.kc.scores[i]}});
    tw20.u64(mine.size());
    for (const auto& m : mine) {
        tw20.i64(m.first);
        tw20.str(m.second.first);
        tw20.f64(m.second.second);
    }
    std::vector<std::vector<unsigned char>> parts{tw20.data()};
    if (!o.serial) parts = tmpi::allgather_bytes(tw20.data(), comm);
    s.top.assign(static_cast<std::size_t>(std::min<idx>(20, s.rows)), {});
    for (std::size_t r = 0; r < parts.size(); ++r) {
        techconv::parallel::byte_reader br(parts[r].data(), parts[r].size(), "top of rank " + std::to_string(r));
        const std::uint64_t n = br.count(24, "entries");
        for (std::uint64_t q = 0; q < n; ++q) {
            const auto pos = static_cast<std::size_t>(br.i64("rank") - 1);
            s.top[pos].first = br.str("id");
            s.top[pos].second = br.f64("score");
        }
    }

    // scores.csv: every rank formats its rows and writes them at its offset
    const std::string body = scores_rows(ids, s.kc.scores, rk, k, rank == 0);
    const std::string path = o.out + "/scores.csv";
    if (o.serial) {
        write_file(path, body);
    } else {
        const auto len = static_cast<std::int64_t>(body.size());
        std::int64_t off = 0;
        tmpi::check(MPI_Exscan(&len, &off, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Exscan");
        if (rank == 0) off = 0;
        MPI_File fh;
        tmpi::check(MPI_File_open(comm, path.c_str(), MPI_MODE_CREATE | MPI_MODE_WRONLY, MPI_INFO_NULL, &fh),
                    "MPI_File_open");
        tmpi::check(MPI_File_set_size(fh, 0), "MPI_File_set_size");
        for (std::int64_t done = 0; done < len;) {
            const int n = static_cast<int>(std::min<std::int64_t>(len - done, 1 << 30));
            MPI_Status st;
            tmpi::check(MPI_File_write_at(fh, off + done, body.data() + done, n, MPI_BYTE, &st), "MPI_File_write_at");
            done += n;
        }
        tmpi::check(MPI_File_close(&fh), "MPI_File_close");
    }
    if (rank == 0) {
        write_file(o.out + "/weights.csv", weights_csv(s.cols, s.kc.weighting));
        write_file(o.out + "/report.json", report_json(s, o.top));
        std::printf("records: %lld\nindicators: %zu\nkey_core: %lld\nranks: %d\nout: %s\n",
                    static_cast<long long>(s.rows), s.cols.size(), static_cast<long long>(k), ranks, o.out.c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    MPI_Init(&argc, &argv);
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--out" && i + 1 < argc) o.out = argv[++i];
        else if (a == "--format" && i + 1 < argc) o.format = argv[++i];
        else if (a == "--top" && i + 1 < argc) o.top = std::stod(argv[++i]);
        else if (a == "--serial") o.serial = true;
        else if (o.input.empty()) o.input = a;
        else o.out.clear();
    }
    int rc = 0;
    if (o.input.empty() || o.out.empty() || (o.format != "csv" && o.format != "lens")) {
        std::fprintf(stderr, "usage: %s INPUT.csv --out DIR [--format csv|lens] [--top Q] [--serial]\n", argv[0]);
        rc = 2;
    } else {
        try {
            if (o.serial && tmpi::size(MPI_COMM_WORLD) != 1) throw std::runtime_error("--serial runs on one rank");
            rc = run(o, MPI_COMM_WORLD);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "distributed_keycore: %s\n", e.what());
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
    }
    MPI_Finalize();
    return rc;
}
