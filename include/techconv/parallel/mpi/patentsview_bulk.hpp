// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// A PatentsView bulk table set read by shares across MPI ranks (`mpirun -np N techconv ...`):
// each rank joins a consecutive run of g_patent's rows with the rows of the child tables that
// belong to them, and the forward citations of its rows are sent to it by the ranks that read
// the cited side of g_us_patent_citation. The ranks' tables in rank order equal the table one
// io::read_patent_table of the set gives.
#ifndef TECHCONV_PARALLEL_MPI_PATENTSVIEW_BULK_HPP_
#define TECHCONV_PARALLEL_MPI_PATENTSVIEW_BULK_HPP_

#include <mpi.h>

#include <algorithm>      // std::max, std::min, std::stable_sort, std::upper_bound
#include <cstddef>        // std::size_t
#include <cstdint>        // std::int64_t, std::uint8_t, std::uint32_t, std::uint64_t
#include <exception>      // std::exception_ptr, std::current_exception, std::rethrow_exception
#include <fstream>        // std::ifstream
#include <istream>        // std::istream
#include <memory>         // std::unique_ptr
#include <stdexcept>      // std::runtime_error
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move, std::pair
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/encoding.hpp"
#include "techconv/format/line_ends.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/io/patentsview_bulk.hpp"
#include "techconv/parallel/mpi/keycore.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/records/patent_table.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {
namespace detail {

// The states of a left-to-right scan of delimited text whose quoted values may hold line
// breaks (io::csv_reader's grammar; detail::csv_scanner in keycore.hpp follows the same grammar
// for one file's shares, without this per-block map): at a line's start (no byte of a record yet), after a CR there,
// at a field's start, in an unquoted value, in a quoted value, after a quote inside one, after
// a CR that may end a record.
enum class bulk_csv_state : std::uint8_t { line, line_cr, field, bare, quoted, quote, cr };
constexpr std::size_t bulk_csv_states = 7;

// What one byte does to the scan: the next state; `ended` is set when a record with bytes ends
// at a line feed. A CR followed by anything but a line feed (a lone CR: the reader ends a record
// there) makes the state `field` and sets `lone_cr` (the split then is not done).
inline bulk_csv_state csv_step(bulk_csv_state s, char c, char delim, bool& ended, bool& lone_cr) noexcept {
    ended = false;
    if (s == bulk_csv_state::quoted) return c == '"' ? bulk_csv_state::quote : bulk_csv_state::quoted;
    if (s == bulk_csv_state::line_cr || s == bulk_csv_state::cr) {
        if (c == '\n') {
            ended = s == bulk_csv_state::cr;
            return bulk_csv_state::line;
        }
        lone_cr = true;
        s = s == bulk_csv_state::cr ? bulk_csv_state::field : bulk_csv_state::line;
    }
    if (s == bulk_csv_state::quote && c == '"') return bulk_csv_state::quoted;
    if (c == '\n') {
        ended = s != bulk_csv_state::line;
        return bulk_csv_state::line;
    }
    if (c == '\r') return s == bulk_csv_state::line ? bulk_csv_state::line_cr : bulk_csv_state::cr;
    if (c == delim) return bulk_csv_state::field;
    if (c == '"' && (s == bulk_csv_state::line || s == bulk_csv_state::field)) return bulk_csv_state::quoted;
    return bulk_csv_state::bare;  // (a byte after a closing quote: the reader fails there)
}

constexpr std::int64_t table_block = std::int64_t{1} << 20;  // bytes between two known states

// Where the records of one table file start, known to every rank: the scan's state, the
// records ended and the line feeds before every table_block-th byte (one scan of the file split
// across the ranks, each rank scanning its blocks from every possible state).
struct table_map {
    std::string path;
    std::string header;  // the first line (to its line feed)
    char delim = '\t';
    std::int64_t size = 0, header_end = 0;
    std::vector<std::uint8_t> states;  // state at block k's first byte
    std::vector<std::uint64_t> records, breaks;  // before block k (blocks + 1 entries)
    bool splittable = true;  // no lone CR; the header line ends outside quotes
};

struct scan_point {
    bulk_csv_state state = bulk_csv_state::line;
    std::uint64_t records = 0, breaks = 0;
};

// The scan of `len` bytes at `from` in `f` from state `s`.
inline scan_point scan_bytes(std::ifstream& f, std::int64_t from, std::int64_t len, scan_point p, char delim) {
    std::vector<char> buf(static_cast<std::size_t>(std::min<std::int64_t>(std::max<std::int64_t>(len, 1), table_block)));
    f.clear();
    f.seekg(from);
    bool ended = false, lone = false;
    for (std::int64_t done = 0; done < len;) {
        const auto want = static_cast<std::streamsize>(std::min<std::int64_t>(len - done, static_cast<std::int64_t>(buf.size())));
        f.read(buf.data(), want);
        const std::streamsize got = f.gcount();
        if (got <= 0) throw std::runtime_error("read failed (the file changed while it was read?)");
        for (std::streamsize i = 0; i < got; ++i) {
            const char c = buf[static_cast<std::size_t>(i)];
            p.breaks += c == '\n' ? 1 : 0;
            p.state = csv_step(p.state, c, delim, ended, lone);
            p.records += ended ? 1 : 0;
        }
        done += got;
    }
    return p;
}

// The scan at byte `pos` (from the state before its block).
inline scan_point scan_at(const table_map& m, std::ifstream& f, std::int64_t pos) {
    const auto k = static_cast<std::size_t>(pos / table_block);
    scan_point p;
    if (k >= m.states.size()) {  // pos == size at a block boundary
        p.state = bulk_csv_state::line;
        p.records = m.records.back();
        p.breaks = m.breaks.back();
        return p;
    }
    p.state = static_cast<bulk_csv_state>(m.states[k]);
    p.records = m.records[k];
    p.breaks = m.breaks[k];
    return scan_bytes(f, static_cast<std::int64_t>(k) * table_block, pos - static_cast<std::int64_t>(k) * table_block, p,
                      m.delim);
}

// The first record start at or after `pos` (a byte after a line feed outside quotes; the header's
// end at the latest for pos at or before it; the file's size when none).
inline std::int64_t record_start_at(const table_map& m, std::ifstream& f, std::int64_t pos) {
    if (pos <= m.header_end) return m.header_end;
    if (pos >= m.size) return m.size;
    scan_point p = scan_at(m, f, pos - 1);
    f.clear();
    f.seekg(pos - 1);
    bool ended = false, lone = false;
    for (std::int64_t at = pos - 1; at < m.size; ++at) {
        const int c = f.get();
        if (c == std::char_traits<char>::eof()) break;
        const bulk_csv_state before = p.state;
        p.state = csv_step(p.state, static_cast<char>(c), m.delim, ended, lone);
        if (c == '\n' && before != bulk_csv_state::quoted) return at + 1;
    }
    return m.size;
}

// Scans `path` across the ranks (each its blocks, by `weights`) into a table_map. Collective.
inline table_map map_table(const std::string& path, const std::vector<double>& weights, MPI_Comm comm) {
    table_map m;
    m.path = path;
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot open");
    f.seekg(0, std::ios::end);
    m.size = static_cast<std::int64_t>(f.tellg());
    f.seekg(0);
    std::getline(f, m.header);
    m.header_end = f.tellg() < 0 ? m.size : static_cast<std::int64_t>(f.tellg());
    {
        std::string_view line = m.header;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        m.delim = io::detect_delimiter(line);
    }
    const std::int64_t blocks = (m.size + table_block - 1) / table_block;
    const auto cut = share_cuts(blocks, weights);
    const auto me = static_cast<std::size_t>(rank(comm));
    const std::int64_t kb = cut[me], ke = cut[me + 1];
    // from each start state: the state, records and lone CR at each of this rank's blocks
    std::vector<std::uint8_t> at_state(static_cast<std::size_t>(ke - kb) * bulk_csv_states);
    std::vector<std::uint64_t> at_records(at_state.size()), at_breaks(static_cast<std::size_t>(ke - kb));
    bulk_csv_state s[bulk_csv_states];
    std::uint64_t recs[bulk_csv_states] = {}, breaks = 0;
    bool lone[bulk_csv_states] = {};
    for (std::size_t i = 0; i < bulk_csv_states; ++i) s[i] = static_cast<bulk_csv_state>(i);
    std::vector<char> buf(static_cast<std::size_t>(table_block));
    f.clear();
    for (std::int64_t k = kb; k < ke; ++k) {
        const auto j = static_cast<std::size_t>(k - kb);
        for (std::size_t i = 0; i < bulk_csv_states; ++i) {
            at_state[j * bulk_csv_states + i] = static_cast<std::uint8_t>(s[i]);
            at_records[j * bulk_csv_states + i] = recs[i];
        }
        at_breaks[j] = breaks;
        f.seekg(k * table_block);
        f.read(buf.data(), static_cast<std::streamsize>(std::min(table_block, m.size - k * table_block)));
        const auto got = static_cast<std::size_t>(f.gcount());
        // the distinct states of the start states' scans (often two), each scanned once
        bulk_csv_state d[bulk_csv_states];
        std::size_t nd = 0, of[bulk_csv_states];
        for (std::size_t i = 0; i < bulk_csv_states; ++i) {
            std::size_t q = 0;
            while (q < nd && d[q] != s[i]) ++q;
            if (q == nd) d[nd++] = s[i];
            of[i] = q;
        }
        std::uint64_t dr[bulk_csv_states] = {};
        bool dl[bulk_csv_states] = {};
        bool ended = false;
        for (std::size_t b = 0; b < got; ++b) {
            const char c = buf[b];
            breaks += c == '\n' ? 1 : 0;
            for (std::size_t q = 0; q < nd; ++q) {
                d[q] = csv_step(d[q], c, m.delim, ended, dl[q]);
                dr[q] += ended ? 1 : 0;
            }
        }
        for (std::size_t i = 0; i < bulk_csv_states; ++i) {
            s[i] = d[of[i]];
            recs[i] += dr[of[i]];
            lone[i] = lone[i] || dl[of[i]];
        }
    }
    // every rank's end state, records and lone CR per start state: each rank's true start state
    byte_writer w;
    for (std::size_t i = 0; i < bulk_csv_states; ++i) {
        w.u8(static_cast<std::uint8_t>(s[i]));
        w.u64(recs[i]);
        w.u8(lone[i] ? 1 : 0);
    }
    w.u64(breaks);
    const auto ends = allgather_bytes(w.data(), comm);
    std::size_t start = static_cast<std::size_t>(bulk_csv_state::line);  // the file starts at a line start
    std::size_t mine = start;
    std::uint64_t rec_before = 0, breaks_before = 0;
    for (std::size_t r = 0; r < ends.size(); ++r) {
        byte_reader rd(ends[r].data(), ends[r].size(), "table scan of rank " + std::to_string(r));
        std::uint8_t st[bulk_csv_states], ln[bulk_csv_states];
        std::uint64_t rc[bulk_csv_states];
        for (std::size_t i = 0; i < bulk_csv_states; ++i) {
            st[i] = rd.u8("state");
            rc[i] = rd.u64("records");
            ln[i] = rd.u8("lone CR");
        }
        const std::uint64_t br = rd.u64("line feeds");
        expect_end(rd);
        if (r == me) {
            mine = start;
            m.records.assign(1, rec_before);
            m.breaks.assign(1, breaks_before);
        }
        if (ln[start] != 0) m.splittable = false;
        rec_before += rc[start];
        breaks_before += br;
        start = st[start];
    }
    // this rank's blocks from its true start state, then every rank's
    byte_writer bw;
    for (std::size_t j = 0; j < at_breaks.size(); ++j) {
        bw.u8(at_state[j * bulk_csv_states + mine]);
        bw.u64(m.records.front() + at_records[j * bulk_csv_states + mine]);
        bw.u64(m.breaks.front() + at_breaks[j]);
    }
    const auto all = allgather_bytes(bw.data(), comm);
    m.states.clear();
    m.records.clear();
    m.breaks.clear();
    for (std::size_t r = 0; r < all.size(); ++r) {
        byte_reader rd(all[r].data(), all[r].size(), "table blocks of rank " + std::to_string(r));
        while (rd.remaining() > 0) {
            m.states.push_back(rd.u8("state"));
            m.records.push_back(rd.u64("records"));
            m.breaks.push_back(rd.u64("line feeds"));
        }
    }
    m.records.push_back(rec_before);
    m.breaks.push_back(breaks_before);
    // the header line must end a record (not a line break inside a quoted name)
    if (m.header_end > 0 && m.header_end <= m.size) {
        const scan_point h = scan_at(m, f, m.header_end - 1);
        if (h.state == bulk_csv_state::quoted) m.splittable = false;
    }
    return m;
}

// The first record at or after the record start `pos` whose patent_id (column `c_id`) is a patent
// of g_patent: its start and g_patent row; (size, rows) when none.
inline std::pair<std::int64_t, std::uint32_t> first_listed(const table_map& m, std::ifstream& f, std::int64_t pos,
                                                           std::size_t c_id,
                                                           const std::unordered_map<std::string, std::uint32_t>& rows,
                                                           io::text_encoding enc) {
    const auto none = std::make_pair(m.size, static_cast<std::uint32_t>(rows.size()));
    f.clear();
    f.seekg(pos);
    std::string id, decoded;
    while (pos < m.size) {
        // one record: the value of column c_id
        std::size_t field = 0;
        id.clear();
        bulk_csv_state s = bulk_csv_state::line;
        bool ended = false, lone = false;
        std::int64_t at = pos;
        for (; at < m.size; ++at) {
            const int ci = f.get();
            if (ci == std::char_traits<char>::eof()) {
                at = m.size;
                break;
            }
            const char c = static_cast<char>(ci);
            const bulk_csv_state before = s;
            s = csv_step(s, c, m.delim, ended, lone);
            if (c == '\n' && before != bulk_csv_state::quoted) {
                ++at;
                break;
            }
            if (field != c_id) {
                if (c == m.delim && before != bulk_csv_state::quoted) ++field;
                continue;
            }
            if (before == bulk_csv_state::quoted) {
                if (c != '"') id.push_back(c);
            } else if (before == bulk_csv_state::quote && c == '"') {
                id.push_back('"');
            } else if (c == m.delim) {
                ++field;
            } else if (c != '\r' && !(c == '"' && (before == bulk_csv_state::line || before == bulk_csv_state::field))) {
                id.push_back(c);
            }
        }
        std::string key(io::trim(id));
        if (enc == io::text_encoding::utf8_cp1252_strays && !io::is_valid_utf8(key)) {
            decoded.clear();
            io::append_as_utf8(key, enc, decoded);
            key = decoded;
        }
        const auto it = rows.find(key);
        if (it != rows.end()) return {pos, it->second};
        pos = at;
    }
    return none;
}

// The start of the first record of `m` (whose patent_id is column `c_id`) that belongs to
// g_patent row `row` or later: every record before it is about an earlier patent or none
// (binary search over byte offsets; the table is in g_patent's order, or the join fails).
inline std::int64_t child_boundary(const table_map& m, std::ifstream& f, std::uint32_t row, std::size_t c_id,
                                   const std::unordered_map<std::string, std::uint32_t>& rows, io::text_encoding enc) {
    if (row == 0) return m.header_end;  // rows about no patent before the first: the first share's
    if (row >= rows.size()) return m.size;
    const auto probe = [&](std::int64_t o) { return first_listed(m, f, record_start_at(m, f, o), c_id, rows, enc); };
    std::int64_t lo = m.header_end, hi = m.size;
    auto p = probe(lo);
    if (p.second >= row) return p.first;
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        p = probe(mid);
        if (p.second >= row) hi = mid;  // (none: the table's end, after every row)
        else lo = mid;
    }
    return probe(hi).first;
}

// The column `patent_id` of a table's header line (none: not there; the join names it).
inline std::size_t id_column(const table_map& m) {
    std::string_view h = m.header;
    if (!h.empty() && h.back() == '\r') h.remove_suffix(1);
    if (h.substr(0, 3) == "\xEF\xBB\xBF") h.remove_prefix(3);
    for (std::size_t col = 0, at = 0;; ++col) {
        const std::size_t next = h.find(m.delim, at);
        std::string_view name = io::trim(h.substr(at, next == std::string_view::npos ? h.size() - at : next - at));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = io::trim(name.substr(1, name.size() - 2));
        if (io::iequals(name, "patent_id")) return col;
        if (next == std::string_view::npos) return static_cast<std::size_t>(-1);
        at = next + 1;
    }
}

// Line ends of bytes [begin, end) of `path`.
inline void count_line_ends(const std::string& path, std::int64_t begin, std::int64_t end, io::line_end_counter& c) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot open");
    f.seekg(begin);
    std::vector<char> buf(share_block);
    for (std::int64_t at = begin; at < end;) {
        f.read(buf.data(), static_cast<std::streamsize>(std::min<std::int64_t>(end - at, static_cast<std::int64_t>(buf.size()))));
        const std::streamsize got = f.gcount();
        if (got <= 0) throw std::runtime_error(path + ": read failed (the file changed while it was read?)");
        c.feed(buf.data(), static_cast<std::size_t>(got));
        at += got;
    }
}

// A share of a table for a reader: bytes [begin, end) after the header line, each line keeping
// its number (share_buf), as an input_source named by the table's path.
struct table_share {
    table_share(const table_map& m, std::int64_t begin, std::int64_t end, std::int64_t breaks_before)
        : sh{true, m.header + "\n", begin, end, 0, 0, 0, 0, 0}, buf(sh, breaks_before, m.path), stream(&buf), src(stream, m.path) {}
    line_share sh;
    share_buf buf;
    std::istream stream;
    io::input_source src;
};

// Rethrows a parse_error of a share of `m` whose record numbers count from `records_before`
// records, with its record number in the whole file.
[[noreturn]] inline void rethrow_in_file(std::exception_ptr e, const std::vector<std::pair<std::string, std::uint64_t>>& offsets) {
    try {
        std::rethrow_exception(e);
    } catch (const parse_error& pe) {
        for (const auto& [path, before] : offsets)
            if (pe.source() == path && pe.record() != 0) {
                source_location where{pe.source(), pe.line(), pe.column(), pe.record() + before, pe.field()};
                ::techconv::detail::throw_error<parse_error>(pe.code(), where, pe.message());
            }
        throw;
    }
}

// The reports of each table over the ranks: rows and rows outside summed, the first row outside
// the first rank's that has one; g_location_disambiguated (read whole by every rank) rank 0's.
inline std::vector<io::patentsview_bulk_table_report> global_table_reports(
    const std::vector<io::patentsview_bulk_table_report>& mine, MPI_Comm comm) {
    byte_writer w;
    w.u64(mine.size());
    for (const auto& t : mine) {
        w.str(t.path);
        w.u8(static_cast<std::uint8_t>(t.table));
        w.u64(t.rows);
        w.u64(t.outside);
        w.str(t.first_outside);
    }
    const auto all = allgather_bytes(w.data(), comm);
    std::vector<io::patentsview_bulk_table_report> out;
    for (std::size_t r = 0; r < all.size(); ++r) {
        byte_reader rd(all[r].data(), all[r].size(), "table reports of rank " + std::to_string(r));
        for (std::uint64_t k = rd.count(32, "tables"); k > 0; --k) {
            io::patentsview_bulk_table_report t;
            t.path = rd.str("path");
            t.table = static_cast<io::patentsview_table>(rd.u8("table"));
            t.rows = static_cast<std::size_t>(rd.u64("rows"));
            t.outside = static_cast<std::size_t>(rd.u64("outside"));
            t.first_outside = rd.str("first outside");
            auto it = std::find_if(out.begin(), out.end(), [&t](const auto& x) { return x.table == t.table; });
            if (it == out.end()) {
                out.push_back(std::move(t));
            } else if (t.table != io::patentsview_table::location) {
                it->rows += t.rows;
                it->outside += t.outside;
                if (it->first_outside.empty()) it->first_outside = t.first_outside;
            }
        }
        expect_end(rd);
    }
    return out;
}

}  // namespace detail

/// \brief Reads a PatentsView bulk table set (io::patentsview_bulk_reader; the files `paths`,
/// not standard input) split across the ranks: rank r joins the consecutive rows of g_patent
/// that start in its byte share of the file (share_cuts by `weights`, cut at record starts),
/// with the rows of each child table that belong to them, and gets the forward citations of
/// its patents from the ranks that read the cited side of g_us_patent_citation by byte shares.
/// The ranks' tables in rank order equal the table one io::read_patent_table of the set under
/// `ro` gives; then repeated ids are dropped and, when `ro.merge_families`, simple families
/// merged across the ranks (finish_split_reading).
///
/// How (docs/scaling.md, "PatentsView bulk tables"):
///  - every rank identifies the tables and reads g_location_disambiguated and g_patent's
///    patent_id column whole (patentsview_bulk_reader::prepare: the map patent_id -> row of
///    one reader, so its errors are one reader's);
///  - each table keyed by patent_id (g_patent, the child tables) is scanned once across the
///    ranks by blocks, each rank its blocks from every state of the quoting grammar, so that
///    every rank knows where records start (a quoted value may hold a line break: a line start
///    is no sure record start), how many records and line feeds come before every MiB;
///  - g_patent's shares start at the first record start at or after each cut; a child table's
///    share of rank r starts at its first record about g_patent row first(r) or later (binary
///    search over byte offsets: the child tables are in g_patent's order, as the reader
///    requires), so rows about patents outside g_patent go with the patent before them, as one
///    reader reads them;
///  - g_us_patent_citation's cited side: each rank reads a byte share, sends each citation of a
///    patent of g_patent (its row, the citing patent, the run of rows it belongs to) to the
///    rank holding that row, which orders them as one reader does.
/// Each share is read with each line keeping its number, in the encoding one reader decides for
/// the whole table. A set that cannot be cut this way (a table read as an encoding other than
/// UTF-8, a CR alone as line end, a header line ending inside quotes) is read by rank 0 and its
/// rows scattered by `weights` (scatter_rows): the same result.
///
/// The report fields are GLOBAL and the same on every rank: files[0] (the set's counters, and
/// the detection record of its first table, as one reader makes them), read, merged,
/// duplicates and their examples, rejected_codes; `tables`, when given, gets the table reports
/// (io::patentsview_bulk_reader::tables()) of one reader.
/// Errors: the error one reader of the set meets first, thrown on every rank (every rank's own
/// share's errors agreed, record numbers counted over the whole file; when a child table is
/// out of g_patent's order across a share boundary, rank 0 reads the set as one reader to
/// name it). Collective.
/// \throws invalid_argument when `weights` has not one per rank or an input is standard input.
inline io::patent_table_inputs read_patentsview_bulk_split(
    const std::vector<std::string>& paths, io::read_patents_options ro, const std::vector<double>& weights,
    MPI_Comm comm, const records::patent_table_options& table_opts = {},
    std::vector<io::patentsview_bulk_table_report>* tables = nullptr) {
    using io::patentsview_table;
    const int me = rank(comm), ranks = size(comm);
    ::techconv::detail::require(static_cast<int>(weights.size()) == ranks,
                                "read_patentsview_bulk_split: one weight per rank");
    ::techconv::detail::require(!paths.empty(), "read_patentsview_bulk_split: no table");
    for (const auto& p : paths)
        ::techconv::detail::require(p != "-", "read_patentsview_bulk_split: the tables must be files, not standard input");
    const io::read_patents_options asked = ro;
    const bool merge = ro.merge_families;
    io::patentsview_bulk_reader reader(paths, io::patentsview_bulk_options_of(ro));
    std::exception_ptr failed;
    try {
        reader.prepare();  // the same on every rank: its errors are one reader's
    } catch (...) {
        failed = std::current_exception();
    }
    agree_on_error(failed, comm);
    const std::size_t none = static_cast<std::size_t>(-1);
    const auto& rows = reader.patent_rows();
    const auto n_rows = static_cast<std::uint32_t>(rows.size());

    // each table's encoding, as one reader decides it (the first MiB), and its map
    const patentsview_table keyed[] = {patentsview_table::patent,   patentsview_table::cpc_current,
                                       patentsview_table::ipc_at_issue, patentsview_table::inventor,
                                       patentsview_table::assignee, patentsview_table::us_patent_citation};
    std::vector<io::text_encoding> enc(paths.size(), io::text_encoding::utf8);
    std::vector<int> enc_code(paths.size(), static_cast<int>(io::text_encoding::utf8));
    if (me == 0) {
        for (const auto t : keyed) {
            const std::size_t k = reader.input_of(t);
            if (k == none) continue;
            io::text_encoding e = ro.encoding;
            try {
                io::input_source in(paths[k]);
                io::csv_options c;
                c.encoding = ro.encoding;
                c.delimiter = io::auto_delimiter;
                c.max_fields = ro.limits.max_columns;
                io::csv_reader probe(in.stream(), paths[k], c);
                e = probe.encoding().used;
            } catch (...) {  // the join meets the error as one reader does
            }
            enc_code[k] = static_cast<int>(e);
        }
    }
    check(MPI_Bcast(enc_code.data(), static_cast<int>(enc_code.size()), MPI_INT, 0, comm), "MPI_Bcast");
    bool splittable = true;
    for (std::size_t k = 0; k < paths.size(); ++k) {
        enc[k] = static_cast<io::text_encoding>(enc_code[k]);
        if (enc[k] != io::text_encoding::utf8 && enc[k] != io::text_encoding::utf8_cp1252_strays) splittable = false;
    }
    std::vector<detail::table_map> maps(paths.size());
    if (splittable) {
        try {
            for (const auto t : keyed) {
                const std::size_t k = reader.input_of(t);
                if (k != none) maps[k] = detail::map_table(paths[k], weights, comm);
                if (k != none && !maps[k].splittable) splittable = false;
            }
        } catch (...) {
            failed = std::current_exception();
        }
        agree_on_error(failed, comm);
    }

    records::patent_table table(table_opts);
    io::patent_input_report sink_report;  // (no duplicate check here: across the ranks below)
    io::table_row_filter<io::table_id_set> sink(table, nullptr, sink_report);
    std::vector<std::pair<std::string, std::uint64_t>> offsets;  // records before this rank's share, per table
    std::int64_t first_begin = 0, first_end = 0;                 // this rank's bytes of paths[0] (line ends)
    if (splittable) {
        const std::size_t kp = reader.input_of(patentsview_table::patent);
        const auto& pm = maps[kp];
        std::vector<std::unique_ptr<detail::table_share>> shares;
        io::patentsview_bulk_share share;
        share.join.assign(paths.size(), nullptr);
        share.encodings = enc;
        share.last = me + 1 == ranks;
        std::vector<std::int64_t> firsts;  // each rank's first g_patent row, and the total
        try {
            std::ifstream f(paths[kp], std::ios::binary);
            const auto cut = share_cuts(pm.size, weights);
            const auto u = static_cast<std::size_t>(me);
            const std::int64_t b = detail::record_start_at(pm, f, cut[u]);
            const std::int64_t e = me + 1 == ranks ? pm.size : detail::record_start_at(pm, f, cut[u + 1]);
            std::int64_t my_first = 0;
            {
                // the row of the share's first patent (every patent_id of g_patent is in the map)
                const std::size_t c_id = detail::id_column(pm);
                const auto p = detail::first_listed(pm, f, b, c_id, rows, enc[kp]);
                my_first = p.first < e ? static_cast<std::int64_t>(p.second) : -1;  // -1: no patent in this share
            }
            firsts = detail::allgather_i64(my_first, comm);
            firsts.push_back(n_rows);
            for (int r = ranks - 1; r >= 0; --r)  // a share without patents starts where the next does
                if (firsts[static_cast<std::size_t>(r)] < 0) firsts[static_cast<std::size_t>(r)] = firsts[static_cast<std::size_t>(r) + 1];
            share.first_row = static_cast<std::uint32_t>(firsts[u]);
            const auto breaks_of = [](const detail::table_map& m, std::ifstream& g, std::int64_t pos) {
                return static_cast<std::int64_t>(detail::scan_at(m, g, pos).breaks - detail::scan_at(m, g, m.header_end).breaks);
            };
            const auto records_of = [](const detail::table_map& m, std::ifstream& g, std::int64_t pos) {
                return detail::scan_at(m, g, pos).records - detail::scan_at(m, g, m.header_end).records;
            };
            shares.push_back(std::make_unique<detail::table_share>(pm, b, e, breaks_of(pm, f, b)));
            share.join[kp] = &shares.back()->src;
            offsets.emplace_back(paths[kp], records_of(pm, f, b));
            if (kp == 0) {
                first_begin = me == 0 ? 0 : b;
                first_end = e;
            }
            // the child tables: the records about this share's patents (and the rows about no
            // patent of g_patent that follow them)
            const patentsview_table kids[] = {patentsview_table::cpc_current, patentsview_table::ipc_at_issue,
                                              patentsview_table::inventor, patentsview_table::assignee,
                                              patentsview_table::us_patent_citation};
            for (const auto t : kids) {
                const std::size_t k = reader.input_of(t);
                if (k == none) continue;
                const auto& m = maps[k];
                std::ifstream g(paths[k], std::ios::binary);
                const std::size_t c_id = detail::id_column(m);
                std::int64_t cb = m.header_end, ce = m.size;
                if (c_id != none) {  // (none: the join names the missing column)
                    const std::int64_t mine = detail::child_boundary(m, g, share.first_row, c_id, rows, enc[k]);
                    auto begins = detail::allgather_i64(mine, comm);
                    for (std::size_t r = 1; r < begins.size(); ++r) begins[r] = std::max(begins[r], begins[r - 1]);
                    cb = me == 0 ? m.header_end : begins[u];
                    ce = me + 1 == ranks ? m.size : begins[u + 1];
                } else if (me != 0) {
                    cb = ce = m.size;
                }
                shares.push_back(std::make_unique<detail::table_share>(m, cb, ce, breaks_of(m, g, cb)));
                share.join[k] = &shares.back()->src;
                offsets.emplace_back(paths[k], records_of(m, g, cb));
                if (k == 0) {
                    first_begin = me == 0 ? 0 : cb;
                    first_end = ce;
                }
            }
        } catch (...) {
            failed = std::current_exception();
        }
        agree_on_error(failed, comm);

        // the cited side of g_us_patent_citation: each rank a byte share, each citation of a
        // patent of g_patent sent to the rank holding it
        const std::size_t kc = reader.input_of(patentsview_table::us_patent_citation);
        if (kc != none) {
            const auto& m = maps[kc];
            struct cited {
                std::uint32_t row;
                std::uint64_t run;
                std::string name;
            };
            std::vector<cited> got;
            io::patentsview_citing_runs summary;
            std::vector<std::pair<std::uint32_t, std::pair<std::size_t, std::string>>> pairs;
            try {
                std::ifstream g(paths[kc], std::ios::binary);
                const auto cut = share_cuts(m.size, weights);
                const auto u = static_cast<std::size_t>(me);
                const std::int64_t b = detail::record_start_at(m, g, cut[u]);
                const std::int64_t e = me + 1 == ranks ? m.size : detail::record_start_at(m, g, cut[u + 1]);
                detail::table_share cs(m, b, e,
                                       static_cast<std::int64_t>(detail::scan_at(m, g, b).breaks -
                                                                 detail::scan_at(m, g, m.header_end).breaks));
                summary = reader.cited_rows(cs.src, enc[kc], [&](std::uint32_t row, std::string_view citing, std::size_t run) {
                    pairs.emplace_back(row, std::make_pair(run, io::patentsview_record_id(citing, "")));
                });
            } catch (...) {
                failed = std::current_exception();
            }
            if (failed) {
                // record numbers over the whole file
                try {
                    std::ifstream g(paths[kc], std::ios::binary);
                    const auto cut = share_cuts(m.size, weights);
                    const std::int64_t b = detail::record_start_at(m, g, cut[static_cast<std::size_t>(me)]);
                    detail::rethrow_in_file(failed, {{paths[kc], detail::scan_at(m, g, b).records -
                                                                     detail::scan_at(m, g, m.header_end).records}});
                } catch (...) {
                    failed = std::current_exception();
                }
            }
            agree_on_error(failed, comm);
            // the runs of one citing patent across the shares: global run numbers
            byte_writer w;
            w.u8(summary.any ? 1 : 0);
            w.str(summary.first_id);
            w.str(summary.last_id);
            w.u64(summary.runs);
            const auto all = allgather_bytes(w.data(), comm);
            std::uint64_t base = 0, my_first_run = 0, my_base = 0;
            bool have_prev = false;
            std::string prev_last;
            std::uint64_t prev_last_run = 0;
            for (std::size_t r = 0; r < all.size(); ++r) {
                byte_reader rd(all[r].data(), all[r].size(), "citing runs of rank " + std::to_string(r));
                const bool any = rd.u8("any") != 0;
                const std::string first_id = rd.str("first id"), last_id = rd.str("last id");
                const std::uint64_t runs = rd.u64("runs");
                expect_end(rd);
                if (!any) continue;
                const bool continued = have_prev && first_id == prev_last;
                const std::uint64_t first_run = continued ? prev_last_run : base;
                if (r == static_cast<std::size_t>(me)) {
                    my_first_run = first_run;
                    my_base = base;
                }
                prev_last_run = runs == 1 ? first_run : base + runs - 1;
                prev_last = last_id;
                have_prev = true;
                base += runs;
            }
            // to the rank holding each cited row
            std::vector<byte_writer> out(static_cast<std::size_t>(ranks));
            for (const auto& p : pairs) {
                const auto at = std::upper_bound(firsts.begin(), firsts.end() - 1, static_cast<std::int64_t>(p.first));
                const auto q = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, (at - firsts.begin()) - 1));
                out[q].u32(p.first);
                out[q].u64(p.second.first == 0 ? my_first_run : my_base + p.second.first);
                out[q].str(p.second.second);
            }
            pairs = {};
            std::vector<std::vector<unsigned char>> msgs(static_cast<std::size_t>(ranks));
            for (std::size_t q = 0; q < msgs.size(); ++q) msgs[q] = out[q].data();
            const auto in = alltoall_bytes(msgs, comm);
            for (std::size_t r = 0; r < in.size(); ++r) {
                byte_reader rd(in[r].data(), in[r].size(), "citations from rank " + std::to_string(r));
                while (rd.remaining() > 0) {
                    cited c;
                    c.row = rd.u32("row");
                    c.run = rd.u64("run");
                    c.name = rd.str("citing patent");
                    got.push_back(std::move(c));
                }
            }
            std::stable_sort(got.begin(), got.end(), [](const cited& a, const cited& b) { return a.row < b.row; });
            const auto u = static_cast<std::size_t>(me);
            const auto first_row = static_cast<std::uint32_t>(firsts[u]);
            share.forward_start.assign(static_cast<std::size_t>(firsts[u + 1] - firsts[u]) + 1, 0);
            for (std::size_t i = 0; i < got.size();) {
                std::size_t j = i;
                std::vector<std::uint64_t> runs;  // each run's first citation of the row only
                for (; j < got.size() && got[j].row == got[i].row; ++j) {
                    if (std::find(runs.begin(), runs.end(), got[j].run) != runs.end()) continue;
                    runs.push_back(got[j].run);
                    share.forward_names.push_back(std::move(got[j].name));
                    ++share.forward_start[got[i].row - first_row + 1];
                }
                i = j;
            }
            for (std::size_t r = 1; r < share.forward_start.size(); ++r)
                share.forward_start[r] += share.forward_start[r - 1];
        }
        // the join of this rank's share
        bool out_of_order = false;
        try {
            reader.set_share(std::move(share));
            while (reader.next_into(sink)) {
            }
            // --max-memory bounds each rank's rows (checked once the share is read)
            io::check_memory_bound(table.memory_bytes(), ro.limits.max_memory_bytes, paths[kp], sink.line(),
                                   table.size());
            out_of_order = reader.share_out_of_order();
        } catch (...) {
            failed = std::current_exception();
        }
        if (failed) {
            try {
                detail::rethrow_in_file(failed, offsets);
            } catch (...) {
                failed = std::current_exception();
            }
        }
        const auto status = detail::allgather_i64(failed ? 1 : out_of_order ? 2 : 0, comm);
        std::size_t lowest = status.size();
        for (std::size_t r = 0; r < status.size() && lowest == status.size(); ++r)
            if (status[r] != 0) lowest = r;
        if (lowest < status.size() && status[lowest] == 2) {
            // a child table out of order across a share boundary: one reader names the first error
            failed = nullptr;
            if (me == 0) {
                try {
                    io::read_patent_table(paths, asked, table_opts);
                    throw std::runtime_error(paths.front() +
                                             ": a PatentsView bulk child table is out of g_patent's order");
                } catch (...) {
                    failed = std::current_exception();
                }
            }
        }
        agree_on_error(failed, comm);
    } else {
        // rank 0 reads the set as one reader, then the rows go to the ranks by weights
        if (me == 0) {
            try {
                while (reader.next_into(sink)) {
                }
            } catch (...) {
                failed = std::current_exception();
            }
        }
        agree_on_error(failed, comm);
        table = scatter_rows(std::move(table), weights, 0, comm, table_opts);
        first_begin = 0;
        first_end = me == 0 ? static_cast<std::int64_t>(-1) : 0;  // rank 0 counts the whole first file
    }

    // the set's counters and its first table's detection record, as one reader makes them
    io::patent_read_stats st = reader.stats();
    if (!splittable) {  // rank 0's
        byte_writer w;
        detail::write_read_stats(w, st);
        auto bytes = w.data();
        detail::bcast_bytes(bytes, 0, comm);
        byte_reader rd(bytes.data(), bytes.size(), "reader counters of rank 0");
        st = detail::read_read_stats(rd);
    }
    io::patent_read_stats global = splittable ? detail::global_stats(st, comm) : st;
    io::line_end_counter ends;
    std::exception_ptr counting;
    try {
        if (first_end < 0) {
            std::ifstream f(paths.front(), std::ios::binary | std::ios::ate);
            first_end = f ? static_cast<std::int64_t>(f.tellg()) : 0;
        }
        const bool location_first = reader.input_of(patentsview_table::location) == 0;
        if (location_first) {  // read whole by every rank: counted by rank 0
            first_begin = 0;
            std::ifstream f(paths.front(), std::ios::binary | std::ios::ate);
            first_end = me == 0 && f ? static_cast<std::int64_t>(f.tellg()) : 0;
        }
        if (first_end > first_begin) detail::count_line_ends(paths.front(), first_begin, first_end, ends);
    } catch (...) {
        counting = std::current_exception();
    }
    agree_on_error(counting, comm);
    std::uint64_t sums[4] = {ends.lf(), ends.crlf(), ends.cr(), st.text.stray_bytes};
    check(MPI_Allreduce(MPI_IN_PLACE, sums, 4, MPI_UINT64_T, MPI_SUM, comm), "MPI_Allreduce");
    if (splittable) {
        const std::size_t kp = reader.input_of(patentsview_table::patent);
        // g_patent's header line is read by every rank: its bytes that are not UTF-8 counted once
        const std::uint64_t header_strays = enc[kp] == io::text_encoding::utf8_cp1252_strays
                                                ? io::detect_encoding(maps[kp].header).invalid_bytes
                                                : 0;
        global.text.stray_bytes = static_cast<std::size_t>(sums[3] - static_cast<std::uint64_t>(ranks - 1) * header_strays);
        global.text.transcoded_bytes = static_cast<std::size_t>(detail::sum_u64(st.text.transcoded_bytes, comm));
        global.text.unassigned_bytes = static_cast<std::size_t>(detail::sum_u64(st.text.unassigned_bytes, comm));
        global.text.requested = asked.encoding;  // (each share read in the encoding decided for the table)
    }
    io::patent_table_inputs out;
    io::input_detection d;
    d.source = paths.front();
    d.format = io::input_format::patentsview_bulk;
    d.format_detected = asked.format == io::input_format::automatic;
    d.encoding = global.text.used == io::text_encoding::utf8_cp1252_strays ? io::text_encoding::utf8 : global.text.used;
    d.encoding_detected = global.text.requested == io::text_encoding::automatic;
    d.bom = global.text.bom;
    d.bytes_not_utf8 = global.text.stray_bytes;
    d.lf = static_cast<std::size_t>(sums[0]);
    d.crlf = static_cast<std::size_t>(sums[1]);
    d.cr = static_cast<std::size_t>(sums[2]);
    out.files.push_back({paths.front(), io::input_format::patentsview_bulk, global, d});
    out.rejected_codes = global.rejected_codes;
    auto reports = detail::global_table_reports(reader.tables(), comm);
    if (tables) *tables = std::move(reports);
    detail::finish_split_reading(out, std::move(table), {{0, paths.front()}}, merge, comm);
    return out;
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_PATENTSVIEW_BULK_HPP_
