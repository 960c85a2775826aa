// SPDX-License-Identifier: BSL-1.0
//
// A versioned, portable byte form for the mergeable partial states that
// processes exchange: little-endian, explicit widths, an envelope with a
// magic number, a format version, a type tag, the payload length and a
// checksum. Decoding checks every length against the bytes that remain, so a
// truncated or corrupted message is a parse_error, never a crash or a huge
// allocation.
#ifndef TECHCONV_PARALLEL_SERIALIZE_HPP_
#define TECHCONV_PARALLEL_SERIALIZE_HPP_

#include <cmath>    // std::floor
#include <cstdint>  // std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t, std::int64_t
#include <cstring>  // std::memcpy
#include <string>   // std::string, std::to_string
#include <string_view>  // std::string_view
#include <utility>  // std::pair, std::move
#include <vector>   // std::vector

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "techconv/closeness/counting.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/labels.hpp"
#include "techconv/types.hpp"
#include "techconv/weighting/column_stats.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace parallel {

/// \brief Version of the serial format written by this header. Readers
/// accept exactly this version (a future reader may accept older ones).
inline constexpr std::uint16_t serial_version = 2;

/// \brief The four bytes every message starts with: "TCPS" (techconv partial state).
inline constexpr std::uint32_t serial_magic = 0x53504354u;  // 'T','C','P','S' in little-endian order

/// \brief Which state a message holds (the type tag of the envelope).
enum class serial_type : std::uint16_t {
    column_stats = 1,          ///< weighting::column_stats
    column_stats_partial = 2,  ///< parallel::column_stats_partial (histograms + per-chunk moments)
    chunk_sums = 3,            ///< parallel::chunk_sums (per-chunk vectors of partial sums)
    top_candidates = 4,        ///< parallel::top_candidates (score, global index) pairs
    collaboration_counts = 5,  ///< closeness::collaboration_counts
    collaboration_panel = 6,   ///< closeness::collaboration_panel
    labels = 7,                ///< a list of strings (actor dictionaries)
    rank_pairs = 8,            ///< (global index, rank) pairs
    cooccurrence = 9,          ///< parallel::cooccurrence_sum (a sparse co-occurrence matrix)
    patent_records = 10,       ///< io::patent_record lists with their global input positions (families.hpp)
    profile_partial = 11,      ///< parallel::profile_partial (group profiles, profile.hpp)
    cooccurrence_rows = 12,    ///< rows of the upper triangle of a co-occurrence matrix (cooccurrence.hpp)
    family_keys = 13,          ///< (family key, global input position) pairs (families.hpp)
    actor_records = 14,        ///< closeness::actor_records: dictionary, then id, year, actor ids per record
};

/// \brief Appends little-endian fixed-width values to a byte buffer.
///
/// Doubles are written as their IEEE-754 binary64 bit pattern, so every value
/// (including -0, subnormals and infinities) round-trips exactly.
class byte_writer {
public:
    /// Appends one byte.
    void u8(std::uint8_t v) { buf_.push_back(v); }
    /// Appends 2 bytes, little-endian.
    void u16(std::uint16_t v) { put(v, 2); }
    /// Appends 4 bytes, little-endian.
    void u32(std::uint32_t v) { put(v, 4); }
    /// Appends 8 bytes, little-endian.
    void u64(std::uint64_t v) { put(v, 8); }
    /// Appends a signed 64-bit value (two's complement, little-endian).
    void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v), 8); }
    /// Appends a double as its 8-byte IEEE-754 bit pattern.
    void f64(double v) {
        std::uint64_t b = 0;
        std::memcpy(&b, &v, sizeof b);
        put(b, 8);
    }
    /// Appends a length (u64) and the bytes of a string.
    void str(std::string_view s) {
        u64(s.size());
        buf_.insert(buf_.end(), s.begin(), s.end());
    }
    /// Appends raw bytes.
    void bytes(const unsigned char* p, std::size_t n) { buf_.insert(buf_.end(), p, p + n); }
    /// Bytes written so far.
    std::size_t size() const noexcept { return buf_.size(); }
    /// The buffer (moved out).
    std::vector<unsigned char> take() { return std::move(buf_); }
    /// The buffer.
    const std::vector<unsigned char>& data() const noexcept { return buf_; }

private:
    void put(std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i) buf_.push_back(static_cast<unsigned char>((v >> (8 * i)) & 0xFFu));
    }
    std::vector<unsigned char> buf_;
};

/// \brief Reads little-endian fixed-width values with bounds checks.
///
/// Every read that would pass the end throws parse_error (code truncated)
/// naming the source, the byte offset and what was being read.
class byte_reader {
public:
    /// Reads `size` bytes at `data`; `source` names the message in errors.
    byte_reader(const unsigned char* data, std::size_t size, std::string source = "<message>")
        : p_(data), n_(size), src_(std::move(source)) {}

    /// One byte.
    std::uint8_t u8(const char* what) { return static_cast<std::uint8_t>(get(1, what)); }
    /// 2 bytes, little-endian.
    std::uint16_t u16(const char* what) { return static_cast<std::uint16_t>(get(2, what)); }
    /// 4 bytes, little-endian.
    std::uint32_t u32(const char* what) { return static_cast<std::uint32_t>(get(4, what)); }
    /// 8 bytes, little-endian.
    std::uint64_t u64(const char* what) { return get(8, what); }
    /// Signed 64-bit value.
    std::int64_t i64(const char* what) { return static_cast<std::int64_t>(get(8, what)); }
    /// A double from its bit pattern.
    double f64(const char* what) {
        const std::uint64_t b = get(8, what);
        double v = 0.0;
        std::memcpy(&v, &b, sizeof v);
        return v;
    }
    /// A length-prefixed string.
    std::string str(const char* what) {
        const std::uint64_t len = count(1, what);
        std::string s(reinterpret_cast<const char*>(p_ + pos_), static_cast<std::size_t>(len));
        pos_ += static_cast<std::size_t>(len);
        return s;
    }
    /// \brief Reads an element count and checks that `count * min_bytes`
    /// bytes remain (so a corrupted count cannot trigger a huge allocation).
    std::uint64_t count(std::size_t min_bytes, const char* what) {
        const std::uint64_t c = u64(what);
        if (min_bytes > 0 && c > (n_ - pos_) / min_bytes)
            fail(error_code::truncated, what,
                 "count " + std::to_string(c) + " needs more bytes than the " + std::to_string(n_ - pos_) +
                     " that remain");
        return c;
    }
    /// Bytes not yet read.
    std::size_t remaining() const noexcept { return n_ - pos_; }
    /// Current byte offset.
    std::size_t offset() const noexcept { return pos_; }
    /// Name of the message (for errors).
    const std::string& source() const noexcept { return src_; }
    /// \brief Throws parse_error `code` about `what` at the current offset.
    [[noreturn]] void fail(error_code code, const char* what, const std::string& message) const {
        source_location loc;
        loc.source = src_;
        loc.field = what;
        techconv::detail::throw_error<parse_error>(code, loc, "byte " + std::to_string(pos_) + ": " + message);
    }

private:
    std::uint64_t get(int n, const char* what) {
        if (n_ - pos_ < static_cast<std::size_t>(n))
            fail(error_code::truncated, what,
                 "message ends after " + std::to_string(n_) + " bytes, " + std::to_string(n) + " more needed");
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(p_[pos_ + static_cast<std::size_t>(i)]) << (8 * i);
        pos_ += static_cast<std::size_t>(n);
        return v;
    }
    const unsigned char* p_;
    std::size_t n_;
    std::size_t pos_ = 0;
    std::string src_;
};

namespace detail {

/// FNV-1a 64-bit hash of the payload (detects corruption, not tampering).
inline std::uint64_t fnv1a(const unsigned char* p, std::size_t n) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/// Bytes of the envelope around a payload: magic, version, type, length, checksum.
inline constexpr std::size_t envelope_bytes = 4 + 2 + 2 + 8 + 8;

}  // namespace detail

/// \brief Wraps a payload in the envelope: magic (4 bytes), version (u16),
/// type tag (u16), payload length (u64), payload, FNV-1a checksum (u64).
/// \param type     what the payload holds
/// \param payload  the encoded state
/// \returns the message bytes.
/// Complexity: O(payload).
inline std::vector<unsigned char> seal(serial_type type, const std::vector<unsigned char>& payload) {
    byte_writer w;
    w.u32(serial_magic);
    w.u16(serial_version);
    w.u16(static_cast<std::uint16_t>(type));
    w.u64(payload.size());
    w.bytes(payload.data(), payload.size());
    w.u64(detail::fnv1a(payload.data(), payload.size()));
    return w.take();
}

/// \brief Checks the envelope of `msg` and returns a reader over its payload.
/// \param data, size  the message
/// \param type        the expected type tag
/// \param source      name of the message in errors
/// \throws parse_error: bad magic or unknown version (bad_value), wrong type
///         (bad_value), a length that disagrees with the message size
///         (truncated), or a checksum mismatch (bad_value).
/// Complexity: O(size).
inline byte_reader open_sealed(const unsigned char* data, std::size_t size, serial_type type,
                               const std::string& source = "<message>") {
    byte_reader r(data, size, source);
    if (r.u32("magic") != serial_magic)
        r.fail(error_code::bad_value, "magic", "not a techconv partial state (magic 'TCPS' expected)");
    const std::uint16_t v = r.u16("version");
    if (v != serial_version)
        r.fail(error_code::bad_value, "version",
               "format version " + std::to_string(v) + " is not supported (this reader: " +
                   std::to_string(serial_version) + ")");
    const std::uint16_t t = r.u16("type");
    if (t != static_cast<std::uint16_t>(type))
        r.fail(error_code::bad_value, "type",
               "type tag " + std::to_string(t) + " where " + std::to_string(static_cast<std::uint16_t>(type)) +
                   " was expected");
    const std::uint64_t len = r.u64("length");
    if (r.remaining() < 8 || len != r.remaining() - 8)
        r.fail(error_code::truncated, "length",
               "payload length " + std::to_string(len) + " disagrees with the " + std::to_string(size) +
                   "-byte message");
    const unsigned char* payload = data + r.offset();
    const auto plen = static_cast<std::size_t>(len);
    byte_reader tail(payload + plen, 8, source);
    if (tail.u64("checksum") != detail::fnv1a(payload, plen))
        r.fail(error_code::bad_value, "checksum", "payload checksum mismatch (corrupted message)");
    return byte_reader(payload, plen, source);
}

/// \brief Throws parse_error unless every byte of the payload was read.
inline void expect_end(const byte_reader& r) {
    if (r.remaining() != 0)
        r.fail(error_code::bad_value, "payload", std::to_string(r.remaining()) + " unexpected trailing bytes");
}

// --- weighting::column_stats ----------------------------------------------------------

/// \brief Encodes a histogram: entry count (u64), then ascending (value f64, count u64).
inline void write(byte_writer& w, const weighting::value_histogram& h) {
    std::vector<std::pair<double, std::uint64_t>> e;
    h.for_each([&](double v, std::uint64_t c) { e.emplace_back(v, c); });
    w.u64(e.size());
    for (const auto& [v, c] : e) {
        w.f64(v);
        w.u64(c);
    }
}

/// \brief Decodes a histogram written by write(); integer values below
/// `dense_limit` go to the dense part as column_stats places them.
/// \throws parse_error if values are not strictly ascending, or a count is 0.
inline weighting::value_histogram read_histogram(byte_reader& r, index dense_limit) {
    const std::uint64_t n = r.count(16, "histogram entries");
    std::vector<std::pair<double, std::uint64_t>> e;
    e.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t k = 0; k < n; ++k) {
        const double v = r.f64("histogram value");
        const std::uint64_t c = r.u64("histogram count");
        if (!(v == v) || (!e.empty() && !(e.back().first < v)))
            r.fail(error_code::bad_value, "histogram value", "histogram values must be strictly ascending");
        if (c == 0) r.fail(error_code::bad_value, "histogram count", "histogram count 0");
        e.emplace_back(v, c);
    }
    return weighting::value_histogram::from_entries(e, dense_limit);
}

/// \brief Encodes real-valued moments: count (u64), min, max, sum, mean, m2, xlogx (f64).
inline void write(byte_writer& w, const weighting::real_moments& m) {
    w.u64(m.count);
    w.f64(m.min);
    w.f64(m.max);
    w.f64(m.sum);
    w.f64(m.mean);
    w.f64(m.m2);
    w.f64(m.xlogx);
}

/// \brief Decodes real-valued moments written by write().
inline weighting::real_moments read_moments(byte_reader& r) {
    weighting::real_moments m;
    m.count = r.u64("moments count");
    m.min = r.f64("moments min");
    m.max = r.f64("moments max");
    m.sum = r.f64("moments sum");
    m.mean = r.f64("moments mean");
    m.m2 = r.f64("moments m2");
    m.xlogx = r.f64("moments xlogx");
    return m;
}

/// \brief Encodes column_stats options: histogram (u8), flags (u8: bit 0
/// xlogx, bit 1 set when m2 is off, so the default options encode as in
/// earlier writers), dense_limit (i64).
inline void write(byte_writer& w, const weighting::column_stats_options& o) {
    w.u8(o.histogram ? 1 : 0);
    w.u8(static_cast<std::uint8_t>((o.xlogx ? 1 : 0) | (o.m2 ? 0 : 2)));
    w.i64(o.dense_limit);
}

/// \brief Decodes column_stats options.
/// \throws parse_error if the histogram flag is not 0/1, the flags byte is
/// above 3, or dense_limit is outside [1, 2^24].
inline weighting::column_stats_options read_stats_options(byte_reader& r) {
    weighting::column_stats_options o;
    const std::uint8_t h = r.u8("histogram flag"), x = r.u8("xlogx flag");
    if (h > 1 || x > 3) r.fail(error_code::bad_value, "options", "option flags out of range");
    o.histogram = h == 1;
    o.xlogx = (x & 1) != 0;
    o.m2 = (x & 2) == 0;
    const std::int64_t dl = r.i64("dense_limit");
    if (dl < 1 || dl > (std::int64_t{1} << 24))
        r.fail(error_code::out_of_range, "dense_limit", "dense_limit must be in [1, 2^24]");
    o.dense_limit = static_cast<index>(dl);
    return o;
}

/// \brief Encodes a column_stats: options, columns (i64), rows (u64), then
/// per column its histogram, its real-valued moments and its first negative row (i64, -1 for none).
inline void write(byte_writer& w, const weighting::column_stats& s) {
    write(w, s.options());
    w.i64(s.cols());
    w.u64(s.rows());
    for (index j = 0; j < s.cols(); ++j) {
        write(w, s.histogram(j));
        write(w, s.real_part(j));
        w.i64(s.first_negative_row(j));
    }
}

/// \brief Decodes a column_stats written by write(); equal (operator==) to the original.
/// \param r           the payload
/// \param check_rows  check that every column accounts for every row (histogram + moments)
/// \throws parse_error on a negative column count, truncation or inconsistent histograms.
inline weighting::column_stats read_column_stats(byte_reader& r, bool check_rows = true) {
    const weighting::column_stats_options o = read_stats_options(r);
    const std::int64_t m = r.i64("columns");
    if (m < 0 || static_cast<std::uint64_t>(m) > r.remaining() / 72)
        r.fail(error_code::out_of_range, "columns", "column count " + std::to_string(m) + " is impossible here");
    const std::uint64_t rows = r.u64("rows");
    const auto cols = static_cast<std::size_t>(m);
    std::vector<weighting::value_histogram> hist(cols);
    std::vector<weighting::real_moments> real(cols);
    std::vector<index> neg(cols, no_index);
    for (std::size_t j = 0; j < cols; ++j) {
        hist[j] = read_histogram(r, o.dense_limit);
        real[j] = read_moments(r);
        neg[j] = static_cast<index>(r.i64("first negative row"));
        if (check_rows && hist[j].total() + real[j].count != rows)
            r.fail(error_code::bad_value, "rows", "column " + std::to_string(j) + " does not account for every row");
    }
    return weighting::column_stats::from_parts(o, rows, std::move(hist), std::move(real), std::move(neg));
}

// --- closeness::collaboration_counts and panels ------------------------------------------

/// \brief Decodes a status (u8). \throws parse_error on an unknown value.
inline status read_status(byte_reader& r) {
    const std::uint8_t s = r.u8("status");
    if (s > static_cast<std::uint8_t>(status::disconnected))
        r.fail(error_code::bad_value, "status", "unknown status " + std::to_string(s));
    return static_cast<status>(s);
}

/// \brief Encodes collaboration counts: N_i (count u64 + f64 values), N_ij
/// as upper-triangle triplets (count u64 + (i64 row, i64 col, f64 value)),
/// the record counters (5 x i64) and the status (u8).
inline void write(byte_writer& w, const closeness::collaboration_counts& c) {
    w.u64(static_cast<std::uint64_t>(c.n.size()));
    for (index i = 0; i < c.n.size(); ++i) w.f64(c.n[i]);
    std::vector<Eigen::Triplet<double>> t;
    for (index k = 0; k < c.pairs.outerSize(); ++k)
        for (Eigen::SparseMatrix<double>::InnerIterator it(c.pairs, k); it; ++it)
            if (it.row() < it.col()) t.emplace_back(it.row(), it.col(), it.value());
    w.u64(t.size());
    for (const auto& e : t) {
        w.i64(e.row());
        w.i64(e.col());
        w.f64(e.value());
    }
    w.i64(c.records);
    w.i64(c.multi_actor_records);
    w.i64(c.single_actor_records);
    w.i64(c.empty_records);
    w.i64(c.outside_period);
    w.u8(static_cast<std::uint8_t>(c.info));
}

/// \brief Decodes collaboration counts written by write() (N_ij symmetric, compressed).
/// \throws parse_error on an index outside the actor range or truncation.
inline closeness::collaboration_counts read_collaboration_counts(byte_reader& r) {
    closeness::collaboration_counts c;
    const std::uint64_t m = r.count(8, "actors");
    c.n.resize(static_cast<index>(m));
    for (index i = 0; i < c.n.size(); ++i) c.n[i] = r.f64("N_i");
    const std::uint64_t p = r.count(24, "pairs");
    std::vector<Eigen::Triplet<double>> t;
    t.reserve(static_cast<std::size_t>(2 * p));
    for (std::uint64_t k = 0; k < p; ++k) {
        const std::int64_t i = r.i64("pair row"), j = r.i64("pair column");
        const double v = r.f64("pair value");
        if (i < 0 || j <= i || static_cast<std::uint64_t>(j) >= m)
            r.fail(error_code::out_of_range, "pair", "pair (" + std::to_string(i) + ", " + std::to_string(j) +
                                                         ") outside the upper triangle of " + std::to_string(m) + " actors");
        t.emplace_back(static_cast<index>(i), static_cast<index>(j), v);
        t.emplace_back(static_cast<index>(j), static_cast<index>(i), v);
    }
    c.pairs.resize(static_cast<index>(m), static_cast<index>(m));
    c.pairs.setFromTriplets(t.begin(), t.end());
    c.pairs.makeCompressed();
    c.records = static_cast<index>(r.i64("records"));
    c.multi_actor_records = static_cast<index>(r.i64("multi_actor_records"));
    c.single_actor_records = static_cast<index>(r.i64("single_actor_records"));
    c.empty_records = static_cast<index>(r.i64("empty_records"));
    c.outside_period = static_cast<index>(r.i64("outside_period"));
    c.info = read_status(r);
    return c;
}

/// \brief Encodes a panel: years (count + i64 each), the counts of each
/// year, records_without_year, outside_period (i64) and the status (u8).
inline void write(byte_writer& w, const closeness::collaboration_panel& p) {
    w.u64(p.years.size());
    for (std::size_t t = 0; t < p.years.size(); ++t) {
        w.i64(static_cast<std::int64_t>(p.years[t]));
        write(w, p.counts[t]);
    }
    w.i64(p.records_without_year);
    w.i64(p.outside_period);
    w.u8(static_cast<std::uint8_t>(p.info));
}

/// \brief Decodes a panel written by write().
inline closeness::collaboration_panel read_collaboration_panel(byte_reader& r) {
    closeness::collaboration_panel p;
    const std::uint64_t years = r.count(8 + 8 + 8 + 41, "years");
    for (std::uint64_t t = 0; t < years; ++t) {
        p.years.push_back(static_cast<year_type>(r.i64("year")));
        p.counts.push_back(read_collaboration_counts(r));
    }
    p.records_without_year = static_cast<index>(r.i64("records_without_year"));
    p.outside_period = static_cast<index>(r.i64("outside_period"));
    p.info = read_status(r);
    return p;
}

/// \brief Encodes a list of strings: count (u64), then each length-prefixed.
inline void write(byte_writer& w, const std::vector<std::string>& labels) {
    w.u64(labels.size());
    for (const auto& s : labels) w.str(s);
}

/// \brief Encodes the labels of a pool, by id, as a list of strings (read back with read_labels).
inline void write(byte_writer& w, const records::label_pool& labels) {
    w.u64(labels.size());
    for (std::size_t id = 0; id < labels.size(); ++id) w.str(labels.view(static_cast<records::label_index>(id)));
}

/// \brief Decodes a list of strings.
inline std::vector<std::string> read_labels(byte_reader& r) {
    const std::uint64_t n = r.count(8, "labels");
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t k = 0; k < n; ++k) out.push_back(r.str("label"));
    return out;
}

/// \brief Serialises any state with a write() overload into a sealed message.
/// \param type   the envelope's type tag
/// \param value  the state
/// \returns the message bytes (envelope + payload).
template <class T>
std::vector<unsigned char> to_bytes(serial_type type, const T& value) {
    byte_writer w;
    write(w, value);
    return seal(type, w.data());
}

}  // namespace parallel
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_PARALLEL_SERIALIZE_HPP_
