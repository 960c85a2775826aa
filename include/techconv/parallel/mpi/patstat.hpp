// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// An EPO PATSTAT extract (its table files) read by shares across MPI ranks, as
// `mpirun -np N techconv ...` reads one: each rank joins the applications of its
// byte share of tls201_appln with the rows of those applications in the child
// tables, found by binary searches over the tables' bytes.
#ifndef TECHCONV_PARALLEL_MPI_PATSTAT_HPP_
#define TECHCONV_PARALLEL_MPI_PATSTAT_HPP_

#include <mpi.h>

#include <algorithm>    // std::min, std::max, std::stable_sort, std::lower_bound
#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint64_t
#include <exception>    // std::exception_ptr, std::current_exception
#include <fstream>      // std::ifstream
#include <functional>   // std::function
#include <istream>      // std::istream
#include <limits>       // std::numeric_limits
#include <memory>       // std::unique_ptr, std::make_unique
#include <optional>     // std::optional
#include <sstream>      // std::istringstream
#include <stdexcept>    // std::runtime_error
#include <string>       // std::string
#include <utility>      // std::move, std::pair
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/io/patstat.hpp"
#include "techconv/parallel/mpi/keycore.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/records/patent_table.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {
namespace detail {

// One table file of an extract: its table (from its header line), header and sizes.
struct patstat_file {
    std::string path;
    io::patstat_table table = io::patstat_table::unknown;
    std::string header;           // the header line (as read_line_share reads it)
    std::int64_t header_end = 0;  // the byte after the header line
    std::int64_t size = 0;        // the file's bytes
};

inline patstat_file patstat_file_of(const std::string& path) {
    if (path == io::standard_input_name) throw std::runtime_error(path + ": standard input is read by one process");
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot open");
    patstat_file out;
    out.path = path;
    f.seekg(0, std::ios::end);
    out.size = static_cast<std::int64_t>(f.tellg());
    f.seekg(0);
    std::getline(f, out.header);
    out.header_end = f.tellg() < 0 ? out.size : static_cast<std::int64_t>(f.tellg());
    std::string_view line = out.header;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // read by one process (its BOM evidence)
    out.table = io::patstat_table_of(io::sniff_header(line, io::detect_delimiter(line)));
    if (out.table == io::patstat_table::unknown) throw std::runtime_error(path + ": no PATSTAT table");
    return out;
}

// An istream over a share of a file (share_buf): the header line, the line breaks before
// the share, then its bytes.
class share_stream : public std::istream {
public:
    share_stream(const line_share& sh, std::int64_t breaks_before, const std::string& path)
        : std::istream(nullptr), buf_(sh, breaks_before, path) {
        rdbuf(&buf_);
    }

private:
    share_buf buf_;
};

// The key of a data row (its appln_id, or for tls212 the application of its pat_publn_id):
// nullopt passes the row over (a publication outside the extract).
using patstat_key_of = std::function<std::optional<std::int64_t>(std::string_view)>;

// The tables of one kind as one sequence of data bytes (the parts in the order given): part
// i holds positions [start[i], start[i] + data bytes of part i).
struct patstat_sequence {
    std::vector<const patstat_file*> parts;
    std::vector<std::int64_t> start;
    std::int64_t total = 0;
};

inline patstat_sequence sequence_of(const std::vector<patstat_file>& files, io::patstat_table t) {
    patstat_sequence s;
    for (const auto& f : files)
        if (f.table == t) {
            s.parts.push_back(&f);
            s.start.push_back(s.total);
            s.total += f.size - f.header_end;
        }
    return s;
}

// The first row of file `f` starting at or after byte `pos` (a line start: read_line_share's
// rule) that has a key: (its global position in `seq` part `part`, its key), or nullopt.
inline std::optional<std::pair<std::int64_t, std::int64_t>> first_keyed_row(const patstat_sequence& seq, std::size_t part,
                                                                           std::int64_t pos, const std::string& column,
                                                                           const patstat_key_of& key_of,
                                                                           const io::csv_options& co) {
    const patstat_file& pf = *seq.parts[part];
    std::ifstream f(pf.path, std::ios::binary);
    if (!f) throw std::runtime_error(pf.path + ": cannot open");
    std::int64_t at = pf.header_end;
    if (pos > pf.header_end) {
        if (pos >= pf.size) return std::nullopt;
        f.seekg(pos - 1);
        std::string rest;
        std::getline(f, rest);
        if (f.tellg() < 0) return std::nullopt;
        at = static_cast<std::int64_t>(f.tellg());
    }
    f.clear();
    f.seekg(at);
    std::size_t col = static_cast<std::size_t>(-1);
    for (std::string line;; at = static_cast<std::int64_t>(f.tellg())) {
        if (at < 0 || at >= pf.size || !std::getline(f, line)) return std::nullopt;
        if (line.find_first_not_of('\r') == std::string::npos) continue;  // an empty line
        std::istringstream text(pf.header + "\n" + line + "\n");
        io::csv_reader r(text, pf.path, co);
        if (col == static_cast<std::size_t>(-1)) {
            for (std::size_t i = 0; i < r.header().size(); ++i)
                if (io::iequals(r.header()[i], column)) col = i;
            if (col == static_cast<std::size_t>(-1)) throw std::runtime_error(pf.path + ": no column " + column);
        }
        if (!r.next() || r.blank()) continue;
        if (const auto k = key_of(io::trim(r.field(col)))) return std::make_pair(seq.start[part] + (at - pf.header_end), *k);
        if (f.tellg() < 0) return std::nullopt;
    }
}

// The first row with a key at or after global position `g` of `seq` (across its parts).
inline std::optional<std::pair<std::int64_t, std::int64_t>> keyed_row_at(const patstat_sequence& seq, std::int64_t g,
                                                                        const std::string& column,
                                                                        const patstat_key_of& key_of,
                                                                        const io::csv_options& co) {
    for (std::size_t p = 0; p < seq.parts.size(); ++p) {
        const std::int64_t data = seq.parts[p]->size - seq.parts[p]->header_end;
        if (g >= seq.start[p] + data) continue;
        const std::int64_t local = seq.parts[p]->header_end + std::max<std::int64_t>(0, g - seq.start[p]);
        if (auto r = first_keyed_row(seq, p, local, column, key_of, co)) return r;
    }
    return std::nullopt;
}

// The smallest position of `seq` from which every row with a key has a key >= `key`, when
// the rows are in key order (binary search over the bytes: O(log bytes) probes).
inline std::int64_t lower_position(const patstat_sequence& seq, std::int64_t key, const std::string& column,
                                   const patstat_key_of& key_of, const io::csv_options& co) {
    std::int64_t lo = 0, hi = seq.total;
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        const auto r = keyed_row_at(seq, mid, column, key_of, co);
        if (!r || r->second >= key) hi = mid;
        else lo = r->first + 1;  // that row and every row before it: keys < key
    }
    return lo;
}

// Per part of `seq`, the cut (file bytes) of global positions `g` (ranks + 1 of them).
inline std::vector<std::vector<std::int64_t>> part_cuts(const patstat_sequence& seq, const std::vector<std::int64_t>& g) {
    std::vector<std::vector<std::int64_t>> out;
    for (std::size_t p = 0; p < seq.parts.size(); ++p) {
        const std::int64_t data = seq.parts[p]->size - seq.parts[p]->header_end;
        std::vector<std::int64_t> c;
        for (const auto x : g) c.push_back(seq.parts[p]->header_end + std::min(data, std::max<std::int64_t>(0, x - seq.start[p])));
        out.push_back(std::move(c));
    }
    return out;
}

// Whether no rank failed (each rank's `failed`). Collective.
inline bool all_ok(const std::exception_ptr& failed, MPI_Comm comm) {
    int ok = failed ? 0 : 1, all = 0;
    check(MPI_Allreduce(&ok, &all, 1, MPI_INT, MPI_MIN, comm), "MPI_Allreduce");
    return all == 1;
}

// The reading of an extract by rank 0 as one process reads it (io::read_patent_table), its
// rows then spread over the ranks by `weights` (scatter_rows) and its report sent to every
// rank: what read_patstat_split does when the tables cannot be read by shares (or a share
// failed: one process's reading then reports the first error as one process does).
inline io::patent_table_inputs patstat_on_rank0(const std::vector<std::string>& paths, const io::read_patents_options& ro,
                                                const std::vector<double>& weights, MPI_Comm comm,
                                                const records::patent_table_options& table_opts) {
    const int me = rank(comm);
    io::patent_table_inputs in;
    in.table = records::patent_table(table_opts);
    std::exception_ptr failed;
    if (me == 0) {
        try {
            in = io::read_patent_table(paths, ro, table_opts);
        } catch (...) {
            failed = std::current_exception();
        }
    }
    agree_on_error(failed, comm);
    std::vector<unsigned char> bytes;
    if (me == 0) {
        byte_writer w;
        w.u64(in.files.size());
        for (const auto& f : in.files) write_file_report(w, f);
        w.u64(in.read);
        w.u64(in.merged);
        w.u64(in.duplicates);
        w.u64(in.rejected_codes);
        w.u8(in.has_country_column ? 1 : 0);
        w.u64(in.duplicate_examples.size());
        for (const auto& e : in.duplicate_examples) w.str(e);
        bytes = w.data();
    }
    bcast_bytes(bytes, 0, comm);
    io::patent_table_inputs out;
    byte_reader rd(bytes.data(), bytes.size(), "reading report of rank 0");
    for (std::uint64_t k = rd.count(16, "files"); k > 0; --k) out.files.push_back(read_file_report(rd));
    out.read = static_cast<std::size_t>(rd.u64("read"));
    out.merged = static_cast<std::size_t>(rd.u64("merged"));
    out.duplicates = static_cast<std::size_t>(rd.u64("duplicates"));
    out.rejected_codes = static_cast<std::size_t>(rd.u64("rejected codes"));
    out.has_country_column = rd.u8("country column") != 0;
    for (std::uint64_t k = rd.count(8, "duplicate examples"); k > 0; --k) out.duplicate_examples.push_back(rd.str("example"));
    expect_end(rd);
    out.table = scatter_rows(std::move(in.table), weights, 0, comm, table_opts);
    return out;
}

// A rank's sources of the extract's files: its share of each (tls206: the whole file) as an
// input_source, and the fresh readings the reader's index passes ask for.
struct patstat_sources {
    std::vector<line_share> shares;
    std::vector<std::int64_t> before;
    std::vector<std::string> paths;
    std::vector<std::unique_ptr<share_stream>> streams;
    std::vector<std::unique_ptr<io::input_source>> inputs;

    std::unique_ptr<std::istream> open(std::size_t k) const {
        return std::make_unique<share_stream>(shares[k], before[k], paths[k]);
    }
    // The inputs `which` (indexes of the files) for a reader, and its reopen function.
    std::vector<io::input_source*> of(const std::vector<std::size_t>& which, io::patstat_share& share) {
        std::vector<io::input_source*> v;
        for (const auto k : which) {
            streams.push_back(std::make_unique<share_stream>(shares[k], before[k], paths[k]));
            inputs.push_back(std::make_unique<io::input_source>(*streams.back(), paths[k]));
            v.push_back(inputs.back().get());
        }
        share.reopen = [this, which](std::size_t j) { return open(which[j]); };
        return v;
    }
};

}  // namespace detail

/// \brief Reads an EPO PATSTAT extract (every path a table file, io::patstat_reader's
/// inputs; none standard input) split across the ranks: rank r joins the applications of
/// its share of tls201_appln (its parts as one sequence of bytes, cut by `weights` at line
/// starts: share_cuts) with their rows of the child tables, read from byte offsets. The
/// ranks' tables in rank order equal the table one io::read_patent_table of `paths` gives.
///
/// How (docs/scaling.md, "PATSTAT extracts under mpirun"): each rank's first appln_id of
/// tls201 bounds the ranges of applications [lo_r, lo_{r+1}); each rank finds where its
/// range starts in tls211_pat_publn, tls209_appln_ipc and tls207_pers_appln (sorted by
/// appln_id) by a binary search over the bytes of the table (O(log bytes) probes of one
/// row each), and in tls212_citation (grouped by the application of its pat_publn_id) the
/// same way through the extract's publications (each rank indexes the tls211 rows of its
/// applications; the indexes are gathered on every rank: one process's index, about 50
/// bytes a publication). Every rank reads tls206_person whole, keeping the persons its
/// applications name. Each share is read by io::patstat_reader (patstat_share), its lines
/// keeping their numbers; a child row of an application outside the rank's range is an
/// error, and so is an appln_id of tls201 not above the last one of the rank before: the
/// tables are then not in the order one process requires. Then repeated ids are dropped
/// across the ranks and, when `ro.merge_families`, simple families merged across them.
///
/// The report fields are GLOBAL and the same on every rank (read, merged, duplicates,
/// rejected_codes, files: one entry under the first path, as one process reports the
/// extract). When the shares cannot give one process's report or records exactly - a file
/// that cannot be opened, is no PATSTAT table, holds text other than plain UTF-8 (without
/// BOM) or another delimiter than the other tables, a memory bound
/// (`ro.limits.max_memory_bytes`, on one process's table), or an error in any rank's share - rank 0
/// reads the extract as one process does and its rows are spread over the ranks by
/// `weights` (scatter_rows): an error is then one process's, thrown on every rank.
/// `by_shares` (when not nullptr) is set to whether the ranks read by shares (false: rank 0
/// read the extract). Collective. \throws invalid_argument when `weights` has not one per rank.
inline io::patent_table_inputs read_patstat_split(const std::vector<std::string>& paths, io::read_patents_options ro,
                                                  const std::vector<double>& weights, MPI_Comm comm,
                                                  const records::patent_table_options& table_opts = {},
                                                  bool* by_shares = nullptr) {
    using io::patstat_table;
    const int me = rank(comm), ranks = size(comm);
    const auto R = static_cast<std::size_t>(ranks), u = static_cast<std::size_t>(me);
    ::techconv::detail::require(static_cast<int>(weights.size()) == ranks, "read_patstat_split: one weight per rank");
    if (by_shares) *by_shares = false;
    const auto fallback = [&] { return detail::patstat_on_rank0(paths, ro, weights, comm, table_opts); };
    constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t highest = std::numeric_limits<std::int64_t>::max();

    // 1. the files: tables, headers, sizes; the text must be plain UTF-8 (decided as one
    // process decides it, from each file's start)
    std::vector<detail::patstat_file> files;
    std::exception_ptr failed;
    io::read_patents_options so = ro;  // the shares' reading: the encoding decided once
    try {
        bool appln = false;
        // automatic: UTF-8 (stray bytes counted) for every table, as one process decides it
        so.encoding = ro.encoding == io::text_encoding::automatic ? io::text_encoding::utf8_cp1252_strays : ro.encoding;
        if (so.encoding != io::text_encoding::utf8 && so.encoding != io::text_encoding::utf8_cp1252_strays)
            throw std::runtime_error("an encoding other than UTF-8 given");
        if (ro.limits.max_memory_bytes != 0)  // one process's bound is on the whole table
            throw std::runtime_error("a memory bound: read as one process");
        for (const auto& p : paths) {
            files.push_back(detail::patstat_file_of(p));
            appln = appln || files.back().table == patstat_table::appln;
            if (ro.encoding == io::text_encoding::automatic &&
                io::input_encoding(p, io::input_format::patstat) != so.encoding)
                throw std::runtime_error(p + ": not UTF-8");
        }
        if (!appln) throw std::runtime_error("no tls201_appln");
    } catch (...) {
        failed = std::current_exception();
    }
    if (!detail::all_ok(failed, comm)) return fallback();
    io::csv_options co;
    co.encoding = so.encoding;
    co.delimiter = io::auto_delimiter;
    co.max_fields = ro.limits.max_columns;
    const detail::patstat_key_of id_key = [](std::string_view v) -> std::optional<std::int64_t> {
        std::int64_t x = 0;
        if (io::parse_int64(v, x) != io::number_status::ok) throw std::runtime_error("not an id");
        return x;
    };

    // 2. tls201 cut by bytes; each rank's first application bounds the ranges
    const auto appln = detail::sequence_of(files, patstat_table::appln);
    const auto g201 = share_cuts(appln.total, weights);
    std::int64_t probe[3] = {0, 0, 0};  // found, position, appln_id
    try {
        if (const auto r = detail::keyed_row_at(appln, g201[u], "appln_id", id_key, co)) {
            probe[0] = 1;
            probe[1] = r->first;
            probe[2] = r->second;
        }
    } catch (...) {
        failed = std::current_exception();
    }
    if (!detail::all_ok(failed, comm)) return fallback();
    std::vector<std::int64_t> probes(3 * R);
    check(MPI_Allgather(probe, 3, MPI_INT64_T, probes.data(), 3, MPI_INT64_T, comm), "MPI_Allgather");
    std::vector<char> has_rows(R, 0);
    int first_rank = -1;
    for (std::size_t r = 0; r < R; ++r) {
        const bool found = probes[3 * r] != 0;
        const bool next_same = r + 1 < R && probes[3 * (r + 1)] != 0 && probes[3 * (r + 1) + 1] == probes[3 * r + 1];
        has_rows[r] = found && !next_same;
        if (has_rows[r] && first_rank < 0) first_rank = static_cast<int>(r);
    }
    const auto next_with_rows = [&](std::size_t r) {  // the first rank after r with rows (R: none)
        std::size_t q = r + 1;
        while (q < R && !has_rows[q]) ++q;
        return q;
    };
    io::patstat_share share;
    if (has_rows[u]) {
        share.first = me == first_rank ? lowest : probes[3 * u + 2];
        const std::size_t q = next_with_rows(u);
        share.end = q < R ? probes[3 * q + 2] : highest;
    } else {
        share.first = share.end = 0;  // no application: no child row
    }

    // 3. where each rank's range starts in a child table (global positions, ranks + 1)
    const auto child_cuts = [&](const detail::patstat_sequence& seq, const std::string& column,
                                const detail::patstat_key_of& key_of) -> std::optional<std::vector<std::int64_t>> {
        std::int64_t mine = -1;
        std::exception_ptr err;
        try {
            if (has_rows[u] && me != first_rank) mine = detail::lower_position(seq, probes[3 * u + 2], column, key_of, co);
        } catch (...) {
            err = std::current_exception();
        }
        if (!detail::all_ok(err, comm)) return std::nullopt;
        const auto found = detail::allgather_i64(mine, comm);
        std::vector<std::int64_t> g(R + 1, seq.total);
        for (std::size_t r = R; r-- > 0;) {
            if (first_rank < 0 || static_cast<int>(r) <= first_rank) g[r] = 0;
            else if (has_rows[r]) g[r] = found[r];
            else g[r] = g[r + 1];
        }
        return g;
    };
    std::vector<std::vector<std::int64_t>> cut(files.size());  // per file, ranks + 1 byte offsets
    const auto place = [&](const detail::patstat_sequence& seq, const std::vector<std::int64_t>& g) {
        const auto pc = detail::part_cuts(seq, g);
        for (std::size_t p = 0; p < seq.parts.size(); ++p)
            for (std::size_t k = 0; k < files.size(); ++k)
                if (&files[k] == seq.parts[p]) cut[k] = pc[p];
    };
    place(appln, g201);
    for (const auto t : {patstat_table::pat_publn, patstat_table::appln_ipc, patstat_table::pers_appln}) {
        const auto seq = detail::sequence_of(files, t);
        if (seq.parts.empty()) continue;
        const auto g = child_cuts(seq, "appln_id", id_key);
        if (!g) return fallback();
        place(seq, *g);
    }
    for (std::size_t k = 0; k < files.size(); ++k)  // tls206: read whole by every rank (rank 0 counts its line ends)
        if (files[k].table == patstat_table::person) cut[k] = std::vector<std::int64_t>(R + 1, files[k].size), cut[k][0] = 0;

    // 4. the shares of the files known so far; then the extract's publications (each rank's
    // of its applications, gathered) and tls212's cuts through them
    detail::patstat_sources src;
    src.paths = paths;
    src.shares.resize(files.size());
    src.before.assign(files.size(), 0);
    const auto read_shares = [&](const std::vector<std::size_t>& which) -> bool {
        std::exception_ptr err;
        std::vector<std::int64_t> breaks(which.size(), 0), before(which.size(), 0);
        try {
            for (std::size_t j = 0; j < which.size(); ++j) {
                const std::size_t k = which[j];
                src.shares[k] = detail::read_line_share(paths[k], me, cut[k]);
                breaks[j] = src.shares[k].breaks;
            }
        } catch (...) {
            err = std::current_exception();
        }
        if (!detail::all_ok(err, comm)) return false;
        if (!which.empty())
            check(MPI_Exscan(breaks.data(), before.data(), static_cast<int>(which.size()), MPI_INT64_T, MPI_SUM, comm),
                  "MPI_Exscan");
        for (std::size_t j = 0; j < which.size(); ++j) src.before[which[j]] = me == 0 ? 0 : before[j];
        return true;
    };
    std::vector<std::size_t> known, later;
    for (std::size_t k = 0; k < files.size(); ++k) (files[k].table == patstat_table::citation ? later : known).push_back(k);
    if (!read_shares(known)) return fallback();
    for (std::size_t k = 0; k < files.size(); ++k)
        if (files[k].table == patstat_table::person) {  // every rank reads the whole table
            src.shares[k].begin = files[k].header_end;
            src.shares[k].end = files[k].size;
            src.shares[k].header = files[k].header + "\n";  // (the share's bytes follow its line end)
            src.before[k] = 0;
        }
    const bool citations = !later.empty() && !detail::sequence_of(files, patstat_table::pat_publn).parts.empty();
    std::vector<io::patstat_publication> pubs;
    if (citations) {
        std::vector<io::patstat_publication> mine;
        try {
            std::vector<std::size_t> which;
            for (std::size_t k = 0; k < files.size(); ++k)
                if (files[k].table == patstat_table::appln || files[k].table == patstat_table::pat_publn) which.push_back(k);
            io::patstat_share s;
            detail::patstat_sources own;
            own.paths = src.paths;
            own.shares = src.shares;
            own.before = src.before;
            auto tables = own.of(which, s);  // sets s.reopen
            io::patstat_reader index(std::move(tables), s, io::patstat_options_of(so));
            mine = index.publication_index();
        } catch (...) {
            failed = std::current_exception();
        }
        if (!detail::all_ok(failed, comm)) return fallback();
        byte_writer w;
        w.u64(mine.size());
        for (const auto& p : mine) {
            w.i64(p.id);
            w.i64(p.appln_id);
            w.str(p.number);
        }
        for (const auto& part : allgather_bytes(w.data(), comm)) {
            byte_reader rd(part.data(), part.size(), "publications");
            for (std::uint64_t n = rd.count(17, "publications"); n > 0; --n) {
                io::patstat_publication p;
                p.id = rd.i64("pat_publn_id");
                p.appln_id = rd.i64("appln_id");
                p.number = rd.str("number");
                pubs.push_back(std::move(p));
            }
            expect_end(rd);
        }
        share.publications = &pubs;
    }
    if (!later.empty()) {
        std::vector<std::pair<std::int64_t, std::int64_t>> by_id;  // (pat_publn_id, appln_id), the first row of an id
        for (const auto& p : pubs) by_id.emplace_back(p.id, p.appln_id);
        std::stable_sort(by_id.begin(), by_id.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        const detail::patstat_key_of pub_key = [&by_id, &id_key](std::string_view v) -> std::optional<std::int64_t> {
            const std::int64_t pub = *id_key(v);
            const auto it = std::lower_bound(by_id.begin(), by_id.end(), pub,
                                             [](const auto& x, std::int64_t y) { return x.first < y; });
            if (it == by_id.end() || it->first != pub) return std::nullopt;
            return it->second;
        };
        const auto seq = detail::sequence_of(files, patstat_table::citation);
        const auto g = child_cuts(seq, "pat_publn_id", pub_key);
        if (!g) return fallback();
        place(seq, *g);
        if (!read_shares(later)) return fallback();
    }

    // 5. this rank's applications, joined
    records::patent_table table(table_opts);
    io::patent_read_stats stats;
    std::int64_t last[2] = {0, 0};  // rows read, the last appln_id
    char delimiter = 0;
    try {
        std::vector<std::size_t> all;
        for (std::size_t k = 0; k < files.size(); ++k) all.push_back(k);
        auto tables = src.of(all, share);  // sets share.reopen
        io::patstat_reader reader(std::move(tables), share, io::patstat_options_of(so));
        while (reader.next_into(table)) ++last[0];
        last[1] = reader.last_appln_id();
        stats = reader.stats();
        for (const auto& t : reader.tables()) {  // one process's evidence only if every table reads alike
            if (!io::plain_utf8(t.text) || t.text.bom || t.text.used != so.encoding || t.text.transcoded_bytes != 0)
                throw std::runtime_error(t.path + ": not plain UTF-8");
            if (delimiter != 0 && t.delimiter != delimiter) throw std::runtime_error(t.path + ": another delimiter");
            delimiter = t.delimiter;
        }
    } catch (...) {
        failed = std::current_exception();
    }
    if (!detail::all_ok(failed, comm)) return fallback();
    {  // tls201 strictly ascending across the shares; one delimiter over all ranks
        std::vector<std::int64_t> lasts(2 * R);
        check(MPI_Allgather(last, 2, MPI_INT64_T, lasts.data(), 2, MPI_INT64_T, comm), "MPI_Allgather");
        const auto delims = detail::allgather_i64(delimiter, comm);
        bool ok = true;
        for (std::size_t r = 0; r < R; ++r) {
            if (delims[r] != delims[0]) ok = false;
            if (!has_rows[r]) continue;
            const std::size_t q = next_with_rows(r);
            if (q < R && lasts[2 * r + 1] >= probes[3 * q + 2]) ok = false;
        }
        if (!ok) return fallback();
    }

    // 6. the report of one process, and the steps across the ranks
    io::patent_table_inputs out;
    io::input_file_report file{paths.front(), io::input_format::patstat, detail::global_stats(stats, comm), {}};
    file.stats.text.requested = ro.encoding;
    auto& d = file.detection;
    d.source = paths.front();
    d.format = io::input_format::patstat;
    d.format_detected = ro.format == io::input_format::automatic;
    d.encoding = file.stats.text.used == io::text_encoding::utf8_cp1252_strays ? io::text_encoding::utf8
                                                                                : file.stats.text.used;
    d.encoding_detected = ro.encoding == io::text_encoding::automatic;
    d.bom = false;
    d.bytes_not_utf8 = 0;
    {  // the first file's line ends: the ranks' shares add up (tls206: rank 0 counted it whole)
        const auto& s0 = src.shares[0];
        std::uint64_t ends[3] = {s0.lf, s0.crlf, s0.cr};
        check(MPI_Allreduce(MPI_IN_PLACE, ends, 3, MPI_UINT64_T, MPI_SUM, comm), "MPI_Allreduce");
        d.lf = static_cast<std::size_t>(ends[0]);
        d.crlf = static_cast<std::size_t>(ends[1]);
        d.cr = static_cast<std::size_t>(ends[2]);
    }
    out.rejected_codes = file.stats.rejected_codes;
    out.files.push_back(std::move(file));
    detail::finish_split_reading(out, std::move(table), {{0, paths.front()}}, ro.merge_families, comm);
    if (by_shares) *by_shares = true;
    return out;
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_PATSTAT_HPP_
