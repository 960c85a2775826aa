// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// The [KCT] key-core analysis of patent records spread across MPI ranks, as
// `mpirun -np N techconv keycore` runs it: reading the ranks' shares of the
// inputs (byte ranges of one Lens or canonical CSV file split at line starts or
// of one USPTO XML file split at document starts; whole files of several; or the
// rows of a table one rank read, scattered), and analysis::key_core's
// one sequence of steps (analysis::key_core_with) over the shares with kernels
// over the ranks (indicator columns agreed from summed presence or coverage
// counts, entropy weights, scores, the global key core and ranks, the best rows,
// the group profiles, the industry table, the quality values computed on rank 0),
// so that the result equals the single-process one bit for bit.
#ifndef TECHCONV_PARALLEL_MPI_KEYCORE_HPP_
#define TECHCONV_PARALLEL_MPI_KEYCORE_HPP_

#include <mpi.h>

#include <algorithm>  // std::min, std::max, std::sort, std::find_if
#include <cstddef>    // std::size_t
#include <cstdint>    // std::int64_t, std::uint64_t
#include <exception>  // std::exception_ptr, std::current_exception
#include <fstream>    // std::ifstream
#include <istream>    // std::istream
#include <memory>     // std::unique_ptr, std::make_unique
#include <sstream>    // std::stringstream
#include <stdexcept>  // std::runtime_error
#include <streambuf>  // std::streambuf
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include "techconv/analysis/indicators.hpp"
#include "techconv/analysis/keycore.hpp"
#include "techconv/analysis/quality.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/google_patents.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/parallel/families.hpp"
#include "techconv/parallel/mpi/records.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/mpi/weighting.hpp"
#include "techconv/parallel/profile.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/records/patent_table.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {
namespace mpi {

/// \brief Relative shares of `ranks` ranks from "W0,W1,..." (one non-negative weight per
/// rank, not all 0); an empty text gives equal shares. A weight 0 gives its rank nothing.
/// \throws invalid_argument naming the problem (count, sign, all zero, not a number).
inline std::vector<double> share_weights(const std::string& text, int ranks) {
    std::vector<double> w(static_cast<std::size_t>(ranks), 1.0);
    if (text.empty()) return w;
    std::vector<double> v;
    std::stringstream ss(text);
    for (std::string item; std::getline(ss, item, ',');) {
        std::size_t used = 0;
        double x = 0.0;
        try {
            x = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        ::techconv::detail::require(used == item.size() && !item.empty(),
                                    "share weights: '" + item + "' is not a number");
        ::techconv::detail::require(x >= 0.0, "share weights must be >= 0");
        v.push_back(x);
    }
    ::techconv::detail::require(static_cast<int>(v.size()) == ranks,
                                "share weights: " + std::to_string(v.size()) + " given for " +
                                    std::to_string(ranks) + " ranks (one per rank)");
    double total = 0.0;
    for (const double x : v) total += x;
    ::techconv::detail::require(total > 0.0, "share weights must not all be 0");
    return v;
}

/// \brief Where the shares of `weights` cut `size` units: ranks + 1 offsets, 0 first and
/// `size` last; share r is [cut[r], cut[r + 1]).
inline std::vector<std::int64_t> share_cuts(std::int64_t size, const std::vector<double>& weights) {
    double total = 0.0;
    for (const double x : weights) total += x;
    std::vector<std::int64_t> c{0};
    double acc = 0.0;
    for (std::size_t r = 0; r < weights.size(); ++r) {
        acc += weights[r];
        c.push_back(r + 1 == weights.size() ? size
                                            : static_cast<std::int64_t>(static_cast<double>(size) * (acc / total)));
    }
    return c;
}

/// \brief Whether a file of format `f` can be split into byte ranges at record starts: CSV
/// records where one reader finds them (Lens, Google Patents, techconv canonical CSV; quoted
/// fields may hold line breaks; not UTF-16), documents on lines `<?xml` (USPTO grant XML, a
/// concatenation of documents), Derwent records on lines `PT `, JSON values starting a line
/// at the top level (Lens patent JSON, PatentsView JSON: JSON Lines split line by line, a
/// document over many lines read by one rank). Multi-table extracts are read by their own
/// split readings or by one rank; paper formats by whole files.
inline bool byte_range_splittable(io::input_format f) {
    return f == io::input_format::lens || f == io::input_format::csv || f == io::input_format::google_patents ||
           f == io::input_format::uspto_xml || f == io::input_format::derwent || f == io::input_format::lens_json ||
           f == io::input_format::patentsview;
}

namespace detail {

// This rank's part of the file: the header line (CSV), and the byte range [begin, end) of the
// records that START in byte range [cut[r], cut[r + 1]) (a record starts at a line start; of a
// USPTO XML file, at a line starting with `<?xml`: rank 0's share starts at the file's start),
// with the number of line breaks and of non-empty lines among them and their line ends (rank
// 0: the header line's too). The bytes are scanned in blocks, never held whole.
struct line_share {
    bool has_header = true;
    std::string header;  // the bytes before the first record (the header line, its line end included)
    std::int64_t begin = 0, end = 0;
    std::int64_t breaks = 0;
    std::int64_t rows = 0;
    std::uint64_t lf = 0, crlf = 0, cr = 0;
};

constexpr std::size_t share_block = std::size_t{1} << 20;  // bytes read at a time

// Calls fn(data, size) on the bytes [begin, end) of `f`, a block of at most share_block bytes
// at a time. \throws std::runtime_error when the file ends before `end`.
template <class Fn>
void each_block(std::ifstream& f, std::int64_t begin, std::int64_t end, const std::string& path, Fn&& fn) {
    std::vector<char> block(share_block);
    f.clear();
    f.seekg(begin);
    for (std::int64_t at = begin; at < end;) {
        const auto want = static_cast<std::streamsize>(std::min<std::int64_t>(end - at, static_cast<std::int64_t>(block.size())));
        f.read(block.data(), want);
        const std::streamsize got = f.gcount();
        if (got <= 0) throw std::runtime_error(path + ": read failed (the file changed while it was read?)");
        fn(static_cast<const char*>(block.data()), static_cast<std::size_t>(got));
        at += got;
    }
}

// The line breaks ('\n'), non-empty lines and line ends (`ends`, continued) of the bytes
// [out.begin, out.end) of `f`, which start at a line start.
inline void count_share_lines(line_share& out, std::ifstream& f, const std::string& path, io::line_end_counter& ends) {
    bool content = false;  // the current line has a character other than '\r'
    each_block(f, out.begin, out.end, path, [&](const char* data, std::size_t got) {
        for (std::size_t i = 0; i < got; ++i) {
            const char c = data[i];
            if (c == '\n') {
                ++out.breaks;
                out.rows += content ? 1 : 0;
                content = false;
            } else if (c != '\r') {
                content = true;
            }
        }
        ends.feed(data, got);
    });
    out.rows += content ? 1 : 0;
    out.lf = ends.lf();
    out.crlf = ends.crlf();
    out.cr = ends.cr();
}

inline line_share read_line_share(const std::string& path, int rank, const std::vector<std::int64_t>& cut,
                                  bool has_header = true, const std::string& record_start = {}) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot open");
    f.seekg(0, std::ios::end);
    const auto size = static_cast<std::int64_t>(f.tellg());
    f.seekg(0);
    line_share out;
    out.has_header = has_header;
    std::int64_t header_end = 0;
    if (has_header) {  // the header line's bytes, its line end included
        std::getline(f, out.header);
        header_end = f.tellg() < 0 ? size : static_cast<std::int64_t>(f.tellg());
        if (header_end > static_cast<std::int64_t>(out.header.size())) out.header.push_back('\n');
    }
    auto line_start_at_or_after = [&](std::int64_t pos) -> std::int64_t {
        if (pos <= header_end) return header_end;
        if (pos >= size) return size;
        f.clear();
        f.seekg(pos - 1);
        std::string line;
        std::getline(f, line);  // the line holding pos - 1 belongs to the previous share
        for (;;) {  // then the first line that starts a record
            const auto p = f.tellg();
            if (p < 0) return size;
            if (record_start.empty()) return static_cast<std::int64_t>(p);
            if (!std::getline(f, line)) return size;
            if (line.compare(0, record_start.size(), record_start) == 0) return static_cast<std::int64_t>(p);
        }
    };
    const auto u = static_cast<std::size_t>(rank);
    out.begin = line_start_at_or_after(std::min(cut[u], size));
    out.end = std::max(out.begin, line_start_at_or_after(std::min(cut[u + 1], size)));
    io::line_end_counter ends;  // every share starts at a line start: the counts add up
    if (rank == 0 && has_header) ends.feed(out.header.data(), out.header.size());
    count_share_lines(out, f, path, ends);
    return out;
}

// The text a rank's reader parses: the share's header line and as many empty lines as the
// line breaks of the shares before it (`breaks_before`), so that every line keeps its number
// in the file, then the file's bytes [sh.begin, sh.end), read in blocks.
class share_buf : public std::streambuf {
public:
    share_buf(const line_share& sh, std::int64_t breaks_before, const std::string& path)
        : file_(path, std::ios::binary), at_(sh.begin), end_(sh.end), block_(share_block) {
        if (!file_) throw std::runtime_error(path + ": cannot open");
        prefix_.reserve(sh.header.size() + static_cast<std::size_t>(breaks_before));
        prefix_.append(sh.header);  // empty without a header
        prefix_.append(static_cast<std::size_t>(breaks_before), '\n');
        file_.seekg(sh.begin);
        char* const p = prefix_.data();  // an empty prefix (an XML share of rank 0): no bytes
        setg(p, p, p + prefix_.size());
    }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        if (at_ >= end_) return traits_type::eof();
        const auto want = static_cast<std::streamsize>(std::min<std::int64_t>(end_ - at_, static_cast<std::int64_t>(block_.size())));
        file_.read(block_.data(), want);
        const std::streamsize got = file_.gcount();
        if (got <= 0) return traits_type::eof();
        at_ += got;
        setg(block_.data(), block_.data(), block_.data() + got);
        return traits_type::to_int_type(*gptr());
    }

private:
    std::string prefix_;
    std::ifstream file_;
    std::int64_t at_, end_;
    std::vector<char> block_;
};

// Where the records of a delimited text start, in any byte range, as io::csv_reader
// (format/csv.hpp) reads them: a quoted field may hold line breaks, so a line start is not
// always a record start. The reader's states between two bytes: at a record's start, at a
// field's start, in an unquoted field (a quote there is text), in a quoted field, right after
// a quote in a quoted field (the closing one, or the first of a doubled pair), right after
// a CR that ended a record (a LF next belongs to it).
enum csv_state : std::uint8_t { at_record, at_field, in_unquoted, in_quoted, after_quote, after_cr, csv_states };

class csv_scanner {
public:
    explicit csv_scanner(char delimiter, char quote = '"') {
        enum : std::uint8_t { other, delim, quote_mark, lf, cr };
        for (auto& c : class_) c = other;
        class_[static_cast<unsigned char>(delimiter)] = delim;
        class_[static_cast<unsigned char>(quote)] = quote_mark;
        class_[static_cast<unsigned char>('\n')] = lf;
        class_[static_cast<unsigned char>('\r')] = cr;
        // after a record's or a field's start, a CR's (but for its LF), or a closing quote's
        const std::uint8_t start[5] = {in_unquoted, at_field, in_quoted, at_record, after_cr};
        for (int s = 0; s < csv_states; ++s)
            for (int k = 0; k < 5; ++k) next_[s][k] = start[k];
        next_[after_cr][lf] = at_record;
        for (int k = 0; k < 5; ++k) next_[in_quoted][k] = in_quoted;
        next_[in_quoted][quote_mark] = after_quote;
        next_[in_unquoted][quote_mark] = in_unquoted;  // a stray quote is text
        next_[after_quote][quote_mark] = in_quoted;     // a doubled quote
        // (after a closing quote, any other character is the reader's bad_quote error)
    }
    std::uint8_t step(std::uint8_t s, char c) const noexcept { return next_[s][class_[static_cast<unsigned char>(c)]]; }
    // Whether the byte `c` read in state `s` starts a record (an empty line's line end too).
    static bool record_start(std::uint8_t s, char c) noexcept { return s == at_record || (s == after_cr && c != '\n'); }
    // Whether the byte `c` read in state `s` ends a line as the reader numbers lines (every LF
    // but a CR's; a CR outside quotes).
    static bool line_break(std::uint8_t s, char c) noexcept {
        return (c == '\n' && s != after_cr) || (c == '\r' && s != in_quoted);
    }

private:
    std::uint8_t class_[256];
    std::uint8_t next_[csv_states][5];
};

// The state after the bytes [begin, end) of `f` from each state (f[s]): one run over the
// bytes per distinct state reached (a block's runs from states that met are merged).
struct csv_transfer {
    std::uint8_t to[csv_states];
};

inline csv_transfer scan_transfer(const csv_scanner& sc, std::ifstream& f, std::int64_t begin, std::int64_t end,
                                  const std::string& path) {
    csv_transfer t{};
    for (std::uint8_t s = 0; s < csv_states; ++s) t.to[s] = s;
    each_block(f, begin, end, path, [&](const char* data, std::size_t got) {
        std::uint8_t done[csv_states];  // the end state of each state this block starts in
        bool seen[csv_states] = {};
        for (const std::uint8_t s0 : t.to) {
            if (seen[s0]) continue;
            seen[s0] = true;
            std::uint8_t s = s0;
            for (std::size_t i = 0; i < got; ++i) s = sc.step(s, data[i]);
            done[s0] = s;
        }
        for (auto& s : t.to) s = done[s];
    });
    return t;
}

// The first position p in [pos, size) of `f` at which at(c) is true for the byte c there (`at`
// sees the bytes from pos on, in order, and keeps its own state); `size` if none.
template <class At>
std::int64_t first_position(std::ifstream& f, std::int64_t pos, std::int64_t size, At&& at) {
    std::vector<char> block(std::size_t{1} << 16);
    f.clear();
    f.seekg(pos);
    while (pos < size) {
        f.read(block.data(), static_cast<std::streamsize>(std::min<std::int64_t>(size - pos, static_cast<std::int64_t>(block.size()))));
        const std::streamsize got = f.gcount();
        if (got <= 0) return size;
        for (std::streamsize i = 0; i < got; ++i, ++pos)
            if (at(block[static_cast<std::size_t>(i)])) return pos;
    }
    return size;
}

// The first record start at or after byte `pos` of `f` (`size` if none), the reader being in
// state `s` before byte `pos`.
inline std::int64_t first_record_start(const csv_scanner& sc, std::ifstream& f, std::int64_t pos, std::uint8_t s,
                                       std::int64_t size) {
    return first_position(f, pos, size, [&](char c) {
        if (csv_scanner::record_start(s, c)) return true;
        s = sc.step(s, c);
        return false;
    });
}

// This rank's part of a delimited text file read by io::csv_reader with the options `co`
// (its delimiter and preamble): the bytes before the first data record (a `sep=` line, a
// preamble line, the header record, blank lines), read by every rank, and the byte range
// [begin, end) of the records that START in this rank's byte range [cut[r], cut[r + 1]),
// with the lines the reader counts among them (`breaks`), the records that are not empty
// (`rows`) and their line ends. Record starts are those of one reader of the whole file,
// quoted line breaks included: each rank scans its range once from every state of the reader
// (csv_transfer), the ranks' transfers are gathered, and each rank continues from the state
// that the ranges before it end in. The bytes are scanned in blocks, never held whole.
// Collective; an error of any rank (cannot open, a UTF-16 file) is every rank's.
inline line_share read_csv_share(const std::string& path, const std::vector<std::int64_t>& cut,
                                 const io::csv_options& co, MPI_Comm comm) {
    const int me = rank(comm);
    std::exception_ptr failed;
    std::ifstream f(path, std::ios::binary);
    line_share out;
    std::int64_t file_size = 0, chunk[2] = {0, 0};
    csv_transfer mine{};
    std::unique_ptr<csv_scanner> sc;
    try {
        if (!f) throw std::runtime_error(path + ": cannot open");
        f.seekg(0, std::ios::end);
        file_size = static_cast<std::int64_t>(f.tellg());
        f.seekg(0);
        std::string head(static_cast<std::size_t>(std::min<std::int64_t>(file_size, 64)), '\0');
        f.read(&head[0], static_cast<std::streamsize>(head.size()));
        const auto u = [&](std::size_t i) { return i < head.size() ? static_cast<unsigned char>(head[i]) : 0u; };
        if ((u(0) == 0xFF && u(1) == 0xFE) || (u(0) == 0xFE && u(1) == 0xFF))
            throw std::runtime_error(path + ": a UTF-16 file is not split by byte ranges");
        const std::size_t bom = u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF ? 3 : 0;
        const io::csv_table_start start = io::csv_table_start_of(std::string_view(head).substr(bom, 60), co);
        sc = std::make_unique<csv_scanner>(start.delimiter, co.quote);
        // the head: the sep line, the preamble and the header (records that are not empty),
        // up to the first data record's start
        const int head_records = 1 + (start.sep_line ? 1 : 0) + (start.preamble ? 1 : 0);
        std::int64_t header_end = file_size;
        {
            std::vector<char> block(std::size_t{1} << 16);
            f.clear();
            f.seekg(static_cast<std::streamoff>(bom));
            std::uint8_t s = at_record;
            int records = 0;
            for (std::int64_t pos = static_cast<std::int64_t>(bom); pos < file_size && header_end == file_size;) {
                f.read(block.data(), static_cast<std::streamsize>(block.size()));
                const std::streamsize got = f.gcount();
                if (got <= 0) break;
                for (std::streamsize i = 0; i < got; ++i, ++pos) {
                    const char c = block[static_cast<std::size_t>(i)];
                    if (csv_scanner::record_start(s, c) && c != '\n' && c != '\r' && ++records > head_records) {
                        header_end = pos;
                        break;
                    }
                    s = sc->step(s, c);
                }
            }
        }
        out.header.resize(static_cast<std::size_t>(header_end));
        f.clear();
        f.seekg(0);
        f.read(&out.header[0], static_cast<std::streamsize>(header_end));
        const auto u_me = static_cast<std::size_t>(me);
        chunk[0] = std::min(std::max(cut[u_me], header_end), file_size);
        chunk[1] = std::min(std::max(cut[u_me + 1], header_end), file_size);
        mine = scan_transfer(*sc, f, chunk[0], chunk[1], path);
    } catch (...) {
        failed = std::current_exception();
    }
    agree_on_error(failed, comm);
    std::vector<csv_transfer> all(static_cast<std::size_t>(size(comm)));
    check(MPI_Allgather(&mine, static_cast<int>(sizeof mine), MPI_BYTE, all.data(), static_cast<int>(sizeof mine),
                        MPI_BYTE, comm),
          "MPI_Allgather");
    std::uint8_t s = at_record;  // after the head
    for (int r = 0; r < me; ++r) s = all[static_cast<std::size_t>(r)].to[s];
    try {
        out.begin = first_record_start(*sc, f, chunk[0], s, file_size);
        out.end = std::max(out.begin, first_record_start(*sc, f, chunk[1], mine.to[s], file_size));
        io::line_end_counter ends;  // every share starts at a record start: the counts add up
        if (me == 0) ends.feed(out.header.data(), out.header.size());
        std::uint8_t st = at_record;  // a record starts at out.begin (a CR's LF is not there)
        each_block(f, out.begin, out.end, path, [&](const char* data, std::size_t got) {
            for (std::size_t i = 0; i < got; ++i) {
                const char c = data[i];
                out.rows += csv_scanner::record_start(st, c) && c != '\n' && c != '\r' ? 1 : 0;
                out.breaks += csv_scanner::line_break(st, c) ? 1 : 0;
                st = sc->step(st, c);
            }
            ends.feed(data, got);
        });
        out.lf = ends.lf();
        out.crlf = ends.crlf();
        out.cr = ends.cr();
    } catch (...) {
        failed = std::current_exception();
    }
    agree_on_error(failed, comm);
    return out;
}

// Where the top-level values of JSON text start at line starts (JSON Lines: every line; a
// pretty-printed document: only its first line), as io::detail::json_item_cursor reads them
// line by line. The states between two bytes: outside a string, in a string, right after a
// backslash in a string; brackets and braces outside strings change the depth.
enum json_state : std::uint8_t { json_out, json_in, json_escape, json_states };

inline std::uint8_t json_step(std::uint8_t s, char c, std::int64_t& depth) noexcept {
    if (s == json_escape) return json_in;
    if (s == json_in) return c == '\\' ? json_escape : c == '"' ? json_out : json_in;
    if (c == '"') return json_in;
    if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') --depth;
    return json_out;
}

// The state after the bytes [begin, end) from each state, and the change of depth on the way.
struct json_transfer {
    std::uint8_t to[json_states];
    std::int64_t depth[json_states];
};

inline json_transfer scan_json_transfer(std::ifstream& f, std::int64_t begin, std::int64_t end, const std::string& path) {
    json_transfer t{};
    for (std::uint8_t s = 0; s < json_states; ++s) t.to[s] = s;
    each_block(f, begin, end, path, [&](const char* data, std::size_t got) {
        std::uint8_t done[json_states];
        std::int64_t delta[json_states] = {};
        bool seen[json_states] = {};
        for (const std::uint8_t s0 : t.to) {
            if (seen[s0]) continue;
            seen[s0] = true;
            std::uint8_t s = s0;
            std::int64_t d = 0;
            for (std::size_t i = 0; i < got; ++i) s = json_step(s, data[i], d);
            done[s0] = s;
            delta[s0] = d;
        }
        for (std::uint8_t s = 0; s < json_states; ++s) {
            t.depth[s] += delta[t.to[s]];
            t.to[s] = done[t.to[s]];
        }
    });
    return t;
}

// The first line start at or after byte `pos` of `f` where the text is outside any string at
// depth 0 (`size` if none), the state before byte `pos` being `s` at depth `depth`.
inline std::int64_t first_top_line(std::ifstream& f, std::int64_t pos, std::uint8_t s, std::int64_t depth,
                                   std::int64_t size) {
    if (pos >= size) return size;
    char before = '\n';  // the byte before pos (none at the start)
    if (pos > 0) {
        f.clear();
        f.seekg(pos - 1);
        f.get(before);
    }
    return first_position(f, pos, size, [&](char c) {
        if (before == '\n' && s == json_out && depth == 0) return true;
        s = json_step(s, c, depth);
        before = c;
        return false;
    });
}

// This rank's part of a JSON file read line by line (Lens patent JSON, PatentsView JSON): the
// byte range [begin, end) of the top-level values that start at a line start in its byte range
// [cut[r], cut[r + 1]) (a JSON Lines file is split line by line; a document written over many
// lines goes whole to the rank whose range holds its start), with its line breaks, non-empty
// lines and line ends. Each rank scans its range once from each state; the ranks' transfers
// are gathered, and each rank continues from the state and depth the ranges before it end in.
// Collective; an error of any rank is every rank's.
inline line_share read_json_share(const std::string& path, const std::vector<std::int64_t>& cut, MPI_Comm comm) {
    const int me = rank(comm);
    std::exception_ptr failed;
    std::ifstream f(path, std::ios::binary);
    line_share out;
    out.has_header = false;
    std::int64_t file_size = 0, chunk[2] = {0, 0};
    json_transfer mine{};
    try {
        if (!f) throw std::runtime_error(path + ": cannot open");
        f.seekg(0, std::ios::end);
        file_size = static_cast<std::int64_t>(f.tellg());
        const auto u_me = static_cast<std::size_t>(me);
        chunk[0] = std::min(cut[u_me], file_size);
        chunk[1] = std::min(cut[u_me + 1], file_size);
        mine = scan_json_transfer(f, chunk[0], chunk[1], path);
    } catch (...) {
        failed = std::current_exception();
    }
    agree_on_error(failed, comm);
    std::vector<json_transfer> all(static_cast<std::size_t>(size(comm)));
    check(MPI_Allgather(&mine, static_cast<int>(sizeof mine), MPI_BYTE, all.data(), static_cast<int>(sizeof mine),
                        MPI_BYTE, comm),
          "MPI_Allgather");
    std::uint8_t s = json_out;
    std::int64_t depth = 0;
    for (int r = 0; r < me; ++r) {
        depth += all[static_cast<std::size_t>(r)].depth[s];
        s = all[static_cast<std::size_t>(r)].to[s];
    }
    try {
        out.begin = first_top_line(f, chunk[0], s, depth, file_size);
        out.end = std::max(out.begin, first_top_line(f, chunk[1], mine.to[s], depth + mine.depth[s], file_size));
        io::line_end_counter ends;
        count_share_lines(out, f, path, ends);
    } catch (...) {
        failed = std::current_exception();
    }
    agree_on_error(failed, comm);
    return out;
}

// The serial form of a reader's counters (every member: the notes and manifest.json of one
// process are made from them on rank 0).
inline void write_read_stats(byte_writer& w, const io::patent_read_stats& s) {
    w.u64(s.records);
    w.u64(s.documents);
    w.u64(s.skipped.size());
    for (const auto& [name, n] : s.skipped) {
        w.str(name);
        w.u64(n);
    }
    w.str(s.layout);
    w.u8(static_cast<std::uint8_t>(s.delimiter));
    w.u8(static_cast<std::uint8_t>(s.encoding));
    w.u8(static_cast<std::uint8_t>(s.text.requested));
    w.u8(static_cast<std::uint8_t>(s.text.used));
    w.u8(s.text.bom ? 1 : 0);
    w.u64(s.text.stray_bytes);
    w.u64(s.text.stray_lines.size());
    for (const auto l : s.text.stray_lines) w.u64(l);
    w.u64(s.text.transcoded_bytes);
    w.u64(s.text.unassigned_bytes);
    w.u64(s.malformed_rows);
    w.u64(s.blank_rows);
    w.u64(s.repeated_headers);
    w.u64(s.malformed_lines.size());
    for (const auto l : s.malformed_lines) w.u64(l);
    for (const auto n : s.date_rules) w.u64(n);
    w.u64(s.rejected_codes);
    w.u64(s.rejected_code_examples.size());
    for (const auto& e : s.rejected_code_examples) w.str(e);
}

inline io::patent_read_stats read_read_stats(byte_reader& rd) {
    io::patent_read_stats s;
    s.records = static_cast<std::size_t>(rd.u64("records"));
    s.documents = static_cast<std::size_t>(rd.u64("documents"));
    for (std::uint64_t k = rd.count(16, "skipped"); k > 0; --k) {
        std::string name = rd.str("skipped name");
        s.skipped.emplace_back(std::move(name), static_cast<std::size_t>(rd.u64("skipped count")));
    }
    s.layout = rd.str("layout");
    s.delimiter = static_cast<char>(rd.u8("delimiter"));
    s.encoding = static_cast<io::text_encoding>(rd.u8("encoding"));
    s.text.requested = static_cast<io::text_encoding>(rd.u8("requested encoding"));
    s.text.used = static_cast<io::text_encoding>(rd.u8("used encoding"));
    s.text.bom = rd.u8("bom") != 0;
    s.text.stray_bytes = static_cast<std::size_t>(rd.u64("stray bytes"));
    for (std::uint64_t k = rd.count(8, "stray lines"); k > 0; --k)
        s.text.stray_lines.push_back(static_cast<std::size_t>(rd.u64("stray line")));
    s.text.transcoded_bytes = static_cast<std::size_t>(rd.u64("transcoded bytes"));
    s.text.unassigned_bytes = static_cast<std::size_t>(rd.u64("unassigned bytes"));
    s.malformed_rows = static_cast<std::size_t>(rd.u64("malformed rows"));
    s.blank_rows = static_cast<std::size_t>(rd.u64("blank rows"));
    s.repeated_headers = static_cast<std::size_t>(rd.u64("repeated headers"));
    for (std::uint64_t k = rd.count(8, "malformed lines"); k > 0; --k)
        s.malformed_lines.push_back(static_cast<std::size_t>(rd.u64("malformed line")));
    for (auto& n : s.date_rules) n = static_cast<std::size_t>(rd.u64("date rule count"));
    s.rejected_codes = static_cast<std::size_t>(rd.u64("rejected codes"));
    for (std::uint64_t k = rd.count(8, "rejected code examples"); k > 0; --k)
        s.rejected_code_examples.push_back(rd.str("rejected code example"));
    return s;
}

// The reader counters of all ranks, as one reader of the whole file has them: the counts summed,
// the skipped kinds merged by name, the listed lines and examples the first ones in file order
// (each rank lists its own ascending; the header line, which every rank reads, once), the
// layout and delimiter rank 0's. The encoding evidence is this rank's (every rank decodes the
// file in the encoding decided once for it) but for its lines, listed over the ranks; its byte
// counts stay this rank's (read_patent_table_split sums them, the header's counted once).
inline io::patent_read_stats global_stats(const io::patent_read_stats& st, MPI_Comm comm) {
    byte_writer w;
    write_read_stats(w, st);
    const auto all = allgather_bytes(w.data(), comm);
    io::patent_read_stats out = st;
    out.records = out.documents = out.blank_rows = out.repeated_headers = out.rejected_codes = out.malformed_rows = 0;
    out.skipped.clear();
    out.rejected_code_examples.clear();
    out.text.stray_lines.clear();
    out.malformed_lines.clear();
    out.date_rules.fill(0);
    const auto add_lines = [](std::vector<std::size_t>& to, const std::vector<std::size_t>& from, std::size_t most) {
        for (const auto line : from)
            if (to.size() < most && (to.empty() || line > to.back())) to.push_back(line);
    };
    for (std::size_t r = 0; r < all.size(); ++r) {
        byte_reader rd(all[r].data(), all[r].size(), "reader counters of rank " + std::to_string(r));
        const io::patent_read_stats s = read_read_stats(rd);
        expect_end(rd);
        if (r == 0) {
            out.layout = s.layout;
            out.delimiter = s.delimiter;
        }
        out.records += s.records;
        out.documents += s.documents;
        out.blank_rows += s.blank_rows;
        out.repeated_headers += s.repeated_headers;
        out.malformed_rows += s.malformed_rows;
        out.rejected_codes += s.rejected_codes;
        for (std::size_t k = 0; k < s.date_rules.size(); ++k) out.date_rules[k] += s.date_rules[k];
        for (const auto& kind : s.skipped) {  // (name, count); no structured binding: a lambda uses it
            auto it = std::find_if(out.skipped.begin(), out.skipped.end(),
                                   [&kind](const auto& x) { return x.first == kind.first; });
            if (it == out.skipped.end()) out.skipped.push_back(kind);
            else it->second += kind.second;
        }
        for (const auto& e : s.rejected_code_examples)  // the first 20 over the ranks, in file order
            if (out.rejected_code_examples.size() < 20) out.rejected_code_examples.push_back(e);
        add_lines(out.text.stray_lines, s.text.stray_lines, io::encoding_evidence::max_listed);
        add_lines(out.malformed_lines, s.malformed_lines, 100);
    }
    return out;
}

// The steps of a split reading after the ranks' own: repeated ids dropped across the ranks (each
// noted in `out` by its file: `sources` gives the first row of each file among this rank's
// rows), the global count of the records read, and, when `merge`, simple families merged
// across the ranks. Collective.
inline void finish_split_reading(io::patent_table_inputs& out, records::patent_table table,
                                 const std::vector<std::pair<std::size_t, std::string>>& sources, bool merge,
                                 MPI_Comm comm) {
    out.table = drop_duplicate_ids(std::move(table), comm, sources, out);
    out.read = static_cast<std::size_t>(global_rows(static_cast<index>(out.table.size()), comm).total);
    if (merge) {
        auto m = merge_families(std::move(out.table), comm);
        out.table = std::move(m.table);
        out.merged = m.merged;
    }
}

inline std::uint64_t sum_u64(std::uint64_t v, MPI_Comm comm) {
    std::uint64_t s = 0;
    check(MPI_Allreduce(&v, &s, 1, MPI_UINT64_T, MPI_SUM, comm), "MPI_Allreduce");
    return s;
}

}  // namespace detail

/// \brief Reads one Lens or canonical CSV file or one USPTO grant XML file
/// (byte_range_splittable) split across the ranks: rank r parses the records that start in
/// its byte range (share_cuts of the file size by `weights`, one per rank: CSV lines, the
/// header line read by every rank; XML documents, each starting on a line `<?xml`) with
/// io::read_patent_table under `ro` (format, limits, encoding: for CSV automatic is decided
/// once, by io::input_encoding on the file's start; an XML document says its own), each line
/// keeping its line number in the file; then repeated ids are dropped across the ranks
/// (drop_duplicate_ids) and, when `ro.merge_families`, simple families merged across them
/// (merge_families). The ranks' tables in rank order equal the table one
/// io::read_patent_table of the file gives.
///
/// The report fields are GLOBAL and the same on every rank: read, merged, duplicates and
/// their examples, rejected_codes, and files[0] (the counters of all shares, and the
/// detection record one reader of the whole file makes; `format_detected` says whether the
/// format was detected rather than given).
/// An error of any rank's reading is thrown on every rank (agree_on_error: the first in
/// file order, its record number counted over the whole file). Collective.
/// \throws invalid_argument when the format cannot be split or `weights` has not one per rank.
inline io::patent_table_inputs read_patent_table_split(const std::string& path, io::read_patents_options ro,
                                                       bool format_detected, const std::vector<double>& weights,
                                                       MPI_Comm comm,
                                                       const records::patent_table_options& table_opts = {}) {
    const int me = rank(comm), ranks = size(comm);
    ::techconv::detail::require(byte_range_splittable(ro.format),
                                path + ": only Lens, Google Patents, techconv canonical CSV, USPTO XML, Derwent, Lens "
                                       "patent JSON and PatentsView JSON files are split by byte ranges");
    ::techconv::detail::require(static_cast<int>(weights.size()) == ranks, "read_patent_table_split: one weight per rank");
    std::exception_ptr failed;
    detail::line_share sh;
    const bool xml = ro.format == io::input_format::uspto_xml;
    const bool derwent = ro.format == io::input_format::derwent;
    const bool json = ro.format == io::input_format::lens_json || ro.format == io::input_format::patentsview;
    const bool csv = !xml && !derwent && !json;
    std::vector<std::int64_t> cuts;
    try {
        std::ifstream f(path, std::ios::binary | std::ios::ate);
        if (!f) throw std::runtime_error(path + ": cannot open");
        cuts = share_cuts(static_cast<std::int64_t>(f.tellg()), weights);
        // documents start on a line `<?xml`, Derwent records on a line `PT ` (a field's
        // continuation lines start with spaces)
        if (xml || derwent) sh = detail::read_line_share(path, me, cuts, false, xml ? "<?xml" : "PT ");
    } catch (...) {
        failed = std::current_exception();
    }
    agree_on_error(failed, comm);
    if (csv) {  // record starts as one reader finds them (a quoted field may hold line breaks)
        io::csv_options co = io::patent_csv_options{}.csv;
        if (ro.format == io::input_format::google_patents) co.preamble_prefix = std::string(io::google_patents_preamble);
        sh = detail::read_csv_share(path, cuts, co, comm);
    } else if (json) {  // top-level values at line starts (JSON Lines)
        sh = detail::read_json_share(path, cuts, comm);
    }
    // The share is read as the header line, then as many empty lines as the shares before it
    // hold (the CSV readers skip empty lines), then its lines: every line keeps its number.
    const std::uint64_t line_ends[3] = {sh.lf, sh.crlf, sh.cr};
    const std::string header = sh.header;
    std::int64_t counts[2] = {sh.breaks, sh.rows}, before[2] = {0, 0};
    check(MPI_Exscan(counts, before, 2, MPI_INT64_T, MPI_SUM, comm), "MPI_Exscan");
    if (me == 0) before[0] = before[1] = 0;
    const bool encoding_detected = ro.encoding == io::text_encoding::automatic;
    // the whole file's (an XML document says its own encoding: each share starts with one;
    // JSON is UTF-8)
    if (encoding_detected && (csv || derwent)) ro.encoding = io::input_encoding(path, ro.format);
    const bool merge = ro.merge_families;
    ro.merge_families = false;   // across the ranks below
    ro.drop_duplicates = false;  // across the ranks below (a per-share check would miss repeats)
    io::patent_table_inputs in;
    const auto read_share = [&] {
        try {
            detail::share_buf buf(sh, before[0], path);
            std::istream share_in(&buf);
            std::vector<io::input_source> inputs;
            inputs.emplace_back(share_in, path);
            in = io::read_patent_table(std::move(inputs), ro, table_opts);
        } catch (...) {
            failed = std::current_exception();
        }
    };
    read_share();
    if (json) {
        // The JSON readers name a record by its number in the message: a rank that failed
        // reads its share again, numbering from the records of the shares before it (the
        // shares before the first failing one were read whole: their counts are right).
        std::uint64_t mine = failed ? 0 : in.files.front().stats.records, records_before = 0;
        if (detail::sum_u64(failed ? 1 : 0, comm) > 0) {
            check(MPI_Exscan(&mine, &records_before, 1, MPI_UINT64_T, MPI_SUM, comm), "MPI_Exscan");
            if (me > 0 && failed) {
                failed = nullptr;
                ro.records_before = static_cast<std::size_t>(records_before);
                read_share();
            }
        }
        agree_on_error(failed, comm);
    } else {
        agree_on_error(failed, comm, static_cast<std::size_t>(before[1]));
    }
    io::patent_table_inputs out;
    out.files.push_back({path, ro.format, detail::global_stats(in.files.front().stats, comm), {}});
    out.rejected_codes = out.files.back().stats.rejected_codes;
    {
        const auto& ev = in.files.front().stats.text;
        std::uint64_t sums[4] = {line_ends[0], line_ends[1], line_ends[2], ev.stray_bytes};
        check(MPI_Allreduce(MPI_IN_PLACE, sums, 4, MPI_UINT64_T, MPI_SUM, comm), "MPI_Allreduce");
        auto& d = out.files.back().detection;
        d.source = path;
        d.format = ro.format;
        d.format_detected = format_detected;
        d.encoding = ev.used == io::text_encoding::utf8_cp1252_strays ? io::text_encoding::utf8 : ev.used;
        d.encoding_detected = encoding_detected;
        d.bom = ev.bom;
        // the header line is read by every rank: its bytes that are not UTF-8 counted once
        const std::uint64_t header_strays = sh.has_header && ro.encoding == io::text_encoding::utf8_cp1252_strays
                                                ? io::detect_encoding(header).invalid_bytes
                                                : 0;
        d.bytes_not_utf8 = static_cast<std::size_t>(sums[3] - static_cast<std::uint64_t>(ranks - 1) * header_strays);
        d.lf = static_cast<std::size_t>(sums[0]);
        d.crlf = static_cast<std::size_t>(sums[1]);
        d.cr = static_cast<std::size_t>(sums[2]);
        // the file's counts of bytes read otherwise than as UTF-8 (rank 0's evidence otherwise)
        auto& text_all = out.files.back().stats.text;
        text_all.stray_bytes = d.bytes_not_utf8;
        text_all.transcoded_bytes = static_cast<std::size_t>(detail::sum_u64(ev.transcoded_bytes, comm));
        text_all.unassigned_bytes = static_cast<std::size_t>(detail::sum_u64(ev.unassigned_bytes, comm));
        // decided once above for the ranks' readers, as one reader decides it: detected
        if (encoding_detected) text_all.requested = io::text_encoding::automatic;
    }
    detail::finish_split_reading(out, std::move(in.table), {{0, path}}, merge, comm);
    return out;
}

/// \brief Encodes an input's detection record (io::input_detection: source, format, encoding,
/// whether each was detected, BOM, bytes not UTF-8, line-end counts), for a rank that reads
/// an input to send rank 0 what one process reports of it.
inline void write_detection(byte_writer& w, const io::input_detection& d) {
    w.str(d.source);
    w.u8(static_cast<std::uint8_t>(d.format));
    w.u8(d.format_detected ? 1 : 0);
    w.u8(static_cast<std::uint8_t>(d.encoding));
    w.u8(d.encoding_detected ? 1 : 0);
    w.u8(d.bom ? 1 : 0);
    w.u64(d.bytes_not_utf8);
    w.u64(d.lf);
    w.u64(d.crlf);
    w.u64(d.cr);
}

/// \brief Decodes a detection record written by write_detection. \throws parse_error on truncation.
inline io::input_detection read_detection(byte_reader& rd) {
    io::input_detection d;
    d.source = rd.str("detection source");
    d.format = static_cast<io::input_format>(rd.u8("detection format"));
    d.format_detected = rd.u8("format detected") != 0;
    d.encoding = static_cast<io::text_encoding>(rd.u8("detection encoding"));
    d.encoding_detected = rd.u8("encoding detected") != 0;
    d.bom = rd.u8("detection bom") != 0;
    d.bytes_not_utf8 = static_cast<std::size_t>(rd.u64("bytes not UTF-8"));
    d.lf = static_cast<std::size_t>(rd.u64("lf"));
    d.crlf = static_cast<std::size_t>(rd.u64("crlf"));
    d.cr = static_cast<std::size_t>(rd.u64("cr"));
    return d;
}

namespace detail {

// The serial form of what one input file gave (io::input_file_report).
inline void write_file_report(byte_writer& w, const io::input_file_report& f) {
    w.str(f.path);
    w.u8(static_cast<std::uint8_t>(f.format));
    write_read_stats(w, f.stats);
    write_detection(w, f.detection);
}

inline io::input_file_report read_file_report(byte_reader& rd) {
    io::input_file_report f;
    f.path = rd.str("path");
    f.format = static_cast<io::input_format>(rd.u8("format"));
    f.stats = read_read_stats(rd);
    f.detection = read_detection(rd);
    return f;
}

}  // namespace detail

/// \brief Which rank reads each of the files of byte sizes `sizes` (in input order) when
/// the ranks take the shares `weights` of their total: file k goes to the rank whose byte
/// range (share_cuts of the total) holds the middle of the file, so that every rank gets a
/// contiguous run of whole files, in rank order, and a rank of weight 0 gets none (a file of
/// 0 bytes goes with the file before it; before any, to the first rank of weight > 0).
inline std::vector<int> file_owners(const std::vector<std::int64_t>& sizes, const std::vector<double>& weights) {
    std::int64_t total = 0;
    for (const auto s : sizes) total += s;
    const auto cut = share_cuts(total, weights);
    const int ranks = static_cast<int>(weights.size());
    int first = 0;  // the first rank with a share
    while (first + 1 < ranks && !(weights[static_cast<std::size_t>(first)] > 0.0)) ++first;
    std::vector<int> owner(sizes.size(), first);
    std::int64_t at = 0;
    int r = first;
    for (std::size_t k = 0; k < sizes.size(); ++k) {
        if (sizes[k] > 0) {
            const std::int64_t mid = at + (sizes[k] - 1) / 2;  // a byte of the file
            while (r + 1 < ranks && cut[static_cast<std::size_t>(r) + 1] <= mid) ++r;
        }
        owner[k] = r;
        at += sizes[k];
    }
    return owner;
}

/// \brief Reads several patent files split across the ranks by whole files: rank r reads
/// the contiguous run of `paths` that file_owners gives it (the files' byte sizes cut by
/// `weights`, one per rank; a rank may get none) with io::read_patent_table under `ro`
/// (format per file when automatic, limits, encoding per file), then repeated ids are
/// dropped across the ranks (drop_duplicate_ids, each dropped row named by its file and line)
/// and, when `ro.merge_families`, simple families merged across them (merge_families). The
/// ranks' tables in rank order equal the table one io::read_patent_table of all the files
/// gives. Every file must be of a format one reader reads alone (not a PATSTAT or PatentsView
/// bulk table set: their tables are joined) and not standard input.
///
/// The report fields are GLOBAL and the same on every rank: files (one per path, in input
/// order, each with the counters and detection record its reader made), read, merged,
/// duplicates and their examples, rejected_codes, has_country_column.
/// An error of any rank's reading is thrown on every rank (agree_on_error): the error of the
/// first file in input order that fails, as one process reports it. `ro.progress` is called
/// on each rank for its own files. Collective.
/// \throws invalid_argument when `weights` has not one per rank.
inline io::patent_table_inputs read_patent_tables_split(const std::vector<std::string>& paths,
                                                        io::read_patents_options ro,
                                                        const std::vector<double>& weights, MPI_Comm comm,
                                                        const records::patent_table_options& table_opts = {}) {
    const int me = rank(comm);
    ::techconv::detail::require(static_cast<int>(weights.size()) == size(comm),
                                "read_patent_tables_split: one weight per rank");
    // every rank measures every file: a file that cannot be measured counts 0 bytes, and the
    // rank that reads it reports why it cannot be opened, as one process does
    std::vector<std::int64_t> sizes(paths.size(), 0);
    if (me == 0) {
        for (std::size_t k = 0; k < paths.size(); ++k) {
            std::ifstream f(paths[k], std::ios::binary | std::ios::ate);
            const auto end = f ? static_cast<std::int64_t>(f.tellg()) : std::int64_t{0};
            sizes[k] = end > 0 ? end : 0;
        }
    }
    if (!paths.empty())
        check(MPI_Bcast(sizes.data(), static_cast<int>(sizes.size()), MPI_INT64_T, 0, comm), "MPI_Bcast");
    const auto owner = file_owners(sizes, weights);
    std::vector<std::string> mine;
    for (std::size_t k = 0; k < paths.size(); ++k)
        if (owner[k] == me) mine.push_back(paths[k]);
    const bool merge = ro.merge_families;
    ro.merge_families = false;   // across the ranks below
    ro.drop_duplicates = false;  // across the ranks below (a per-rank check would miss repeats)
    std::vector<std::size_t> rows_of;  // rows each of this rank's files gave
    {
        auto finish = ro.progress.finish;
        ro.progress.finish = [&rows_of, finish](std::size_t n) {
            rows_of.push_back(n);
            if (finish) finish(n);
        };
    }
    io::patent_table_inputs in;
    in.table = records::patent_table(table_opts);
    std::exception_ptr failed;
    if (!mine.empty()) {
        try {
            in = io::read_patent_table(mine, ro, table_opts);
        } catch (...) {
            failed = std::current_exception();
        }
    }
    agree_on_error(failed, comm);
    io::patent_table_inputs out;
    {  // every file's report, in input order (the ranks' runs of files in rank order)
        byte_writer w;
        w.u8(in.has_country_column ? 1 : 0);
        w.u64(in.files.size());
        for (const auto& f : in.files) detail::write_file_report(w, f);
        const auto all = allgather_bytes(w.data(), comm);
        for (std::size_t r = 0; r < all.size(); ++r) {
            byte_reader rd(all[r].data(), all[r].size(), "file reports of rank " + std::to_string(r));
            out.has_country_column = (rd.u8("country column") != 0) || out.has_country_column;
            for (std::uint64_t k = rd.count(16, "files"); k > 0; --k) {
                out.files.push_back(detail::read_file_report(rd));
                out.rejected_codes += out.files.back().stats.rejected_codes;
            }
            expect_end(rd);
        }
    }
    std::vector<std::pair<std::size_t, std::string>> sources;  // this rank's rows by file
    std::size_t row = 0;
    for (std::size_t j = 0; j < in.files.size() && j < rows_of.size(); ++j) {
        sources.emplace_back(row, in.files[j].path);
        row += rows_of[j];
    }
    detail::finish_split_reading(out, std::move(in.table), sources, merge, comm);
    return out;
}

/// \brief Spreads the rows of a table that rank `root` holds over the ranks: rank r gets
/// the consecutive rows [cut[r], cut[r + 1]) of share_cuts(rows, weights), in order (as the
/// records records::patent_table::to_record gives back, every field and source line kept),
/// so the ranks' tables in rank order equal the root's table. Other ranks' `table` is
/// ignored. Collective.
/// Communication: the serial form of every row not kept by the root, sent point to point.
/// \throws parse_error if a message does not decode (names the root).
inline records::patent_table scatter_rows(records::patent_table table, const std::vector<double>& weights, int root,
                                          MPI_Comm comm, const records::patent_table_options& table_opts = {}) {
    const int me = rank(comm), ranks = size(comm);
    ::techconv::detail::require(static_cast<int>(weights.size()) == ranks, "scatter_rows: one weight per rank");
    std::int64_t n = me == root ? static_cast<std::int64_t>(table.size()) : 0;
    check(MPI_Bcast(&n, 1, MPI_INT64_T, root, comm), "MPI_Bcast");
    const auto cut = share_cuts(n, weights);
    constexpr int tag = 22;
    if (me == root) {
        for (int q = 0; q < ranks; ++q) {
            if (q == root) continue;
            std::vector<std::size_t> rows;
            for (auto i = cut[static_cast<std::size_t>(q)]; i < cut[static_cast<std::size_t>(q) + 1]; ++i)
                rows.push_back(static_cast<std::size_t>(i));
            byte_writer w;
            write_table_rows(w, table, rows, 0);
            detail::send_bytes(seal(serial_type::patent_records, w.data()), q, tag, comm);
        }
        std::vector<char> keep(table.size(), 0);
        for (auto i = cut[static_cast<std::size_t>(root)]; i < cut[static_cast<std::size_t>(root) + 1]; ++i)
            keep[static_cast<std::size_t>(i)] = 1;
        return keep_rows(std::move(table), keep);
    }
    const auto bytes = detail::recv_bytes(root, tag, comm);
    auto recs = detail::decode<std::vector<positioned_record>>(bytes, serial_type::patent_records,
                                                                    read_positioned_records,
                                                                    "rank " + std::to_string(root));
    records::patent_table out(table_opts);
    for (const auto& p : recs) out.append(p.record);
    return out;
}

/// \brief The inverse of scatter_rows: the rows of every rank's table (each rank's rows
/// consecutive in rank order), appended in rank order into one table on rank `root`, equal
/// to the table one process reads (every field and source line kept, as
/// records::patent_table::to_record gives them back; the root's own rows are moved when
/// it is rank 0). The other ranks get an empty table with their table's options. Collective.
/// Communication: the serial form of every rank's rows, sent point to point to the root in
/// messages of at most `batch_rows` rows (a gather: the root receives every row not its own;
/// a sender holds one message's serial form at a time, the root one message and its records).
/// \throws parse_error if a message does not decode (names the rank that sent it);
///         invalid_argument if batch_rows < 1.
inline records::patent_table gather_rows(records::patent_table local, int root, MPI_Comm comm,
                                         std::size_t batch_rows = std::size_t{1} << 15) {
    ::techconv::detail::require(batch_rows >= 1, "gather_rows: batch_rows must be >= 1");
    const int me = rank(comm), ranks = size(comm);
    constexpr int tag = 24;  // and tag + 1 (send_bytes), tag + 2 (the count); scatter_rows uses 22 and 23
    if (me != root) {
        const std::int64_t batches = static_cast<std::int64_t>((local.size() + batch_rows - 1) / batch_rows);
        check(MPI_Send(&batches, 1, MPI_INT64_T, root, tag + 2, comm), "MPI_Send");
        std::vector<std::size_t> rows;
        for (std::size_t b = 0; b < local.size(); b += batch_rows) {
            rows.clear();
            for (std::size_t i = b; i < std::min(local.size(), b + batch_rows); ++i) rows.push_back(i);
            byte_writer w;
            write_table_rows(w, local, rows, 0);
            detail::send_bytes(seal(serial_type::patent_records, w.data()), root, tag, comm);
        }
        return records::patent_table(local.options());
    }
    records::patent_table out(local.options());
    io::patent_record scratch;
    for (int q = 0; q < ranks; ++q) {
        if (q == me) {
            if (q == 0) {
                out = std::move(local);
                continue;
            }
            for (std::size_t i = 0; i < local.size(); ++i) {
                local.to_record(i, scratch);
                out.append(scratch);
            }
            continue;
        }
        std::int64_t batches = 0;
        check(MPI_Recv(&batches, 1, MPI_INT64_T, q, tag + 2, comm, MPI_STATUS_IGNORE), "MPI_Recv");
        for (std::int64_t b = 0; b < batches; ++b) {
            const auto recs = detail::decode<std::vector<positioned_record>>(
                detail::recv_bytes(q, tag, comm), serial_type::patent_records, read_positioned_records,
                "rank " + std::to_string(q));
            for (const auto& p : recs) out.append(p.record);
        }
    }
    return out;
}

namespace detail {

// A quality value in serial form: whether it has a value, the value (0 without), the status.
inline void write_quality_value(byte_writer& w, const analysis::quality_value& v) {
    w.u8(v.value ? 1 : 0);
    w.f64(v.value.value_or(0.0));
    w.u8(static_cast<std::uint8_t>(v.status));
}

inline analysis::quality_value read_quality_value(byte_reader& rd) {
    const std::uint8_t has = rd.u8("has value");
    const double x = rd.f64("value");
    const std::uint8_t s = rd.u8("status");
    if (has > 1) rd.fail(error_code::out_of_range, "has value", "not 0 or 1");
    if (s >= analysis::quality_status_count) rd.fail(error_code::out_of_range, "status", "unknown quality status");
    analysis::quality_value v;
    if (has) v.value = x;
    v.status = static_cast<analysis::quality_status>(s);
    return v;
}

/// The kernels of analysis::key_core_with over the records of all ranks (each rank's records
/// consecutive in rank order; see analysis::local_key_core_kernels for what each call does):
/// analysis::key_core_with runs the same sequence of steps with them as with the one-process
/// kernels, so that the global fields equal the single-process ones bit for bit.
///  - quality: the rows gathered to rank 0 (gather_rows), analysis::key_core_quality of all
///    of them there (the citation and class tables of the options are read on rank 0 only),
///    each rank sent the values of its records;
///  - sum: MPI_Allreduce (integer sums: exact in any order); agreed: agree_on_error;
///  - key_core, ranks: mpi::key_core, mpi::ranks; best_rows: each rank's best rows with
///    their global ranks gathered to all and placed by rank;
///  - profiles: parallel::profile_partial merged in rank order (mpi::group_profiles);
///  - industry counts: gathered to all and summed (integers: exact);
///  - no diversity indices (key_core_result::diversity stays empty).
struct rank_key_core_kernels {
    static constexpr bool diversity = false;
    MPI_Comm comm;
    std::size_t first = 0;  // global position of this rank's first record

    analysis::quality_result quality(const records::patent_table& local, const analysis::key_core_options& o) const {
        if (!analysis::key_core_needs_quality(o)) return {};
        const int me = rank(comm), ranks = size(comm);
        const auto counts = allgather_i64(static_cast<std::int64_t>(local.size()), comm);
        analysis::quality_result all;
        std::exception_ptr failed;
        {
            records::patent_table rows = gather_rows(records::patent_table(local), 0, comm);
            if (me == 0) {
                try {
                    all = analysis::key_core_quality(rows, o);
                } catch (...) {
                    failed = std::current_exception();
                }
            }
        }
        agree_on_error(failed, comm);
        constexpr int tag = 32;  // and 33 (send_bytes)
        analysis::quality_result out;
        if (me == 0) {
            std::size_t at = static_cast<std::size_t>(counts[0]);
            for (int q = 1; q < ranks; ++q) {
                const auto n = static_cast<std::size_t>(counts[static_cast<std::size_t>(q)]);
                byte_writer w;
                w.u64(n);
                for (std::size_t i = at; i < at + n; ++i)
                    for (const auto* vs : {&all.records[i].values, &all.records[i].normalised})
                        for (const auto& v : *vs) write_quality_value(w, v);
                send_bytes(w.data(), q, tag, comm);
                at += n;
            }
            all.records.resize(static_cast<std::size_t>(counts[0]));
            out.records = std::move(all.records);
            return out;
        }
        const auto bytes = recv_bytes(0, tag, comm);
        byte_reader rd(bytes.data(), bytes.size(), "quality values from rank 0");
        const std::uint64_t n = rd.count(2 * analysis::quality_indicator_count * 10, "records");
        if (n != local.size()) rd.fail(error_code::out_of_range, "records", "not this rank's record count");
        out.records.resize(static_cast<std::size_t>(n));
        for (auto& r : out.records)
            for (auto* vs : {&r.values, &r.normalised})
                for (auto& v : *vs) v = read_quality_value(rd);
        expect_end(rd);
        return out;
    }
    void sum(std::uint64_t* v, std::size_t n) const {
        check(MPI_Allreduce(MPI_IN_PLACE, v, to_int(static_cast<std::int64_t>(n), "counts"), MPI_UINT64_T, MPI_SUM,
                            comm),
              "MPI_Allreduce");
    }
    template <class F>
    void agreed(F&& f) const {
        std::exception_ptr failed;
        try {
            f();
        } catch (...) {
            failed = std::current_exception();
        }
        agree_on_error(failed, comm, first);
    }
    index total_rows(index rows) const { return global_rows(rows, comm).total; }
    std::size_t first_record() const noexcept { return first; }
    weighting::key_core_result key_core(const matrix& x, const weighting::key_core_options& o) const {
        return parallel::mpi::key_core(x, comm, o);
    }
    index_vector ranks(const vector& s) const { return parallel::mpi::ranks(s, comm); }
    // each rank's best rows with their global ranks, placed by rank on every rank
    std::vector<analysis::key_core_top_row> best_rows(std::vector<analysis::key_core_top_row> best,
                                                      const analysis::key_core_result& res, index top_rows,
                                                      index scored) const {
        std::vector<index> best_ranks;  // key_core_top_rows gives them in rank order
        for (index i = 0; i < res.ranks.size(); ++i)
            if (res.ranks[i] <= top_rows) best_ranks.push_back(res.ranks[i]);
        std::sort(best_ranks.begin(), best_ranks.end());
        byte_writer w;
        w.u64(best.size());
        for (std::size_t j = 0; j < best.size(); ++j) {
            const auto& t = best[j];
            w.i64(best_ranks[j]);
            w.u64(t.record);
            w.str(t.id);
            w.f64(t.score);
            w.str(t.group);
            w.i64(t.year);
            w.str(t.title);
            w.u64(t.sub.size());
            for (const double v : t.sub) w.f64(v);
        }
        const auto parts = allgather_bytes(w.data(), comm);
        std::vector<analysis::key_core_top_row> top(static_cast<std::size_t>(std::min(top_rows, scored)));
        for (std::size_t r = 0; r < parts.size(); ++r) {
            byte_reader br(parts[r].data(), parts[r].size(), "best rows of rank " + std::to_string(r));
            const std::uint64_t n = br.count(64, "entries");
            for (std::uint64_t k = 0; k < n; ++k) {
                const std::int64_t at = br.i64("rank");
                if (at < 1 || at > static_cast<std::int64_t>(top.size()))
                    br.fail(error_code::out_of_range, "rank", "rank outside the best rows");
                auto& t = top[static_cast<std::size_t>(at - 1)];
                t.record = static_cast<std::size_t>(br.u64("record"));
                t.id = br.str("id");
                t.score = br.f64("score");
                t.group = br.str("group");
                t.year = static_cast<year_type>(br.i64("year"));
                t.title = br.str("title");
                t.sub.resize(static_cast<std::size_t>(br.count(8, "sub-scores")));
                for (auto& v : t.sub) v = br.f64("sub-score");
            }
            expect_end(br);
        }
        return top;
    }
    profile_partial profile_table(convergence::profile_scope scope) const { return profile_partial(scope); }
    std::vector<convergence::group_profile> group_profiles(const profile_partial& t,
                                                           const convergence::profile_options& o) const {
        return parallel::mpi::group_profiles(t, comm, o).groups;
    }
    void merge(analysis::industry_counts& c) const {
        byte_writer w;
        w.u64(c.records.size());
        for (const auto& [group, cats] : c.records) {
            w.str(group);
            w.i64(c.profiled.at(group));
            w.u64(cats.size());
            for (const auto& [id, n] : cats) {
                w.u64(id);
                w.i64(n);
            }
        }
        const auto parts = allgather_bytes(w.data(), comm);
        analysis::industry_counts all;
        for (std::size_t r = 0; r < parts.size(); ++r) {
            byte_reader br(parts[r].data(), parts[r].size(), "industry counts of rank " + std::to_string(r));
            analysis::industry_counts part;
            const std::uint64_t groups = br.count(24, "groups");
            for (std::uint64_t g = 0; g < groups; ++g) {
                const std::string group = br.str("group");
                part.profiled[group] = static_cast<index>(br.i64("profiled records"));
                auto& cats = part.records[group];
                const std::uint64_t k = br.count(16, "categories");
                for (std::uint64_t q = 0; q < k; ++q) {
                    const auto id = static_cast<label_id>(br.u64("category"));
                    cats[id] = static_cast<index>(br.i64("records"));
                }
            }
            expect_end(br);
            all.merge(part);
        }
        c = std::move(all);
    }
};

}  // namespace detail

/// \brief What key_core_analysis gives each rank.
struct key_core_share {
    /// The analysis with this rank's rows: `rows`, `scores`, `ranks` (global), `groups` and
    /// `subscores` are this rank's scored rows; `columns`, `absent`, `incomplete`, the chosen
    /// indicators and their `coverage`, the weights, `k`, `threshold`, `top`, `profiles` and
    /// `industries` are global (the same on every rank); `dropped` is the global count.
    /// `diversity` is not computed.
    analysis::key_core_result result;
    index scored = 0;        ///< records scored over all ranks
    index first_record = 0;  ///< global position of this rank's first record
};

/// \brief analysis::key_core over the records of a table spread across ranks (each rank's
/// rows consecutive in rank order; a rank may hold none): analysis::key_core_with, the one
/// sequence of steps of analysis::key_core, with the kernels over ranks
/// (detail::rank_key_core_kernels): the indicator columns chosen from the presence counts
/// (or the coverage of the chosen indicators) of all ranks, this rank's rows of the matrix,
/// the entropy weights, scores and the global key core (mpi::key_core), global ranks
/// (mpi::ranks), the best `o.top_rows` rows (each rank's candidates gathered to all), the
/// group profiles (parallel::profile_partial, merged in rank order by mpi::group_profiles)
/// and the industry table (per-rank counts summed). The global fields of the result equal
/// those of analysis::key_core on all the rows, bit for bit, and the ranks' local fields in
/// rank order equal its per-row fields. Collective; an error of one rank's indicator rows
/// (missing_policy::fail) is thrown on every rank.
///
/// With quality indicators among `o.chosen`, the rows are gathered to rank 0, which computes
/// analysis::key_core_quality of all of them (the citation graph needs every record) and sends
/// each rank the values of its records: rank 0 then holds the whole table and the quality
/// result of all records (as one process does), and every rank a copy of its own rows while
/// they are sent. `o.citations` and `o.classes` are read on rank 0 only (other ranks may pass
/// nullptr). `o.industries` must be the same concordance on every rank.
/// \throws invalid_argument, as key_core, when fewer than 2 records or no indicator remain.
inline key_core_share key_core_analysis(const records::patent_table& local, const analysis::key_core_options& o,
                                        MPI_Comm comm) {
    key_core_share out;
    const row_range records = global_rows(static_cast<index>(local.size()), comm);
    out.first_record = records.begin;
    out.result = analysis::key_core_with(local, o,
                                         detail::rank_key_core_kernels{comm, static_cast<std::size_t>(records.begin)});
    out.scored = global_rows(out.result.scores.size(), comm).total;
    return out;
}

/// \brief Writes the ranks' bytes into one file, in rank order (rank r's at the sum of the
/// lengths before it), with MPI-IO: the file `path` is created or truncated. Collective.
/// \throws parse_error (io_error) naming the MPI call that failed.
inline void write_ordered(const std::string& path, const std::string& bytes, MPI_Comm comm) {
    const auto len = static_cast<std::int64_t>(bytes.size());
    std::int64_t off = 0;
    check(MPI_Exscan(&len, &off, 1, MPI_INT64_T, MPI_SUM, comm), "MPI_Exscan");
    if (rank(comm) == 0) off = 0;
    MPI_File fh;
    check(MPI_File_open(comm, path.c_str(), MPI_MODE_CREATE | MPI_MODE_WRONLY, MPI_INFO_NULL, &fh), "MPI_File_open");
    check(MPI_File_set_size(fh, 0), "MPI_File_set_size");
    for (std::int64_t done = 0; done < len;) {
        const int n = static_cast<int>(std::min<std::int64_t>(len - done, 1 << 30));
        MPI_Status st;
        check(MPI_File_write_at(fh, off + done, bytes.data() + done, n, MPI_BYTE, &st), "MPI_File_write_at");
        done += n;
    }
    check(MPI_File_close(&fh), "MPI_File_close");
}

/// \brief `s` of rank `root` on every rank. Collective.
inline std::string broadcast_string(std::string s, int root, MPI_Comm comm) {
    std::vector<unsigned char> b(s.begin(), s.end());
    detail::bcast_bytes(b, root, comm);
    return std::string(b.begin(), b.end());
}

}  // namespace mpi
}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_MPI_KEYCORE_HPP_
