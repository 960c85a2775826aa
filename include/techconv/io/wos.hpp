// SPDX-License-Identifier: BSL-1.0
//
// Web of Science readers: the plain-text ("tagged", .txt/.isi/.ciw) export
// and the tab-delimited export. Both stream one record at a time into a sink:
// a records::paper_table (next_into) or an io::bibliographic_record (next):
// UT, PY, countries from C1 with a fallback to RP, institutions from C1, the
// cited references of CR (io/references.hpp). Malformed input is a parse_error naming the file,
// line and field, or a counted, reported skip (malformed_policy::skip).
#ifndef TECHCONV_IO_WOS_HPP_
#define TECHCONV_IO_WOS_HPP_

#include <cstddef>        // std::size_t
#include <istream>        // std::istream
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/classification/country.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/line_reader.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/line_records.hpp"
#include "techconv/io/references.hpp"
#include "techconv/io/tagged_line.hpp"
#include "techconv/format/parse.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

// Field tags of WoS exports (Clarivate's field tag list, plus the Z* tags of
// regional citation indexes). Other well-formed tags are "unknown".
inline bool is_known_wos_tag(std::string_view t) {
    static const char* const tags[] = {
        "FN", "VR", "PT", "AU", "AF", "BA", "BF", "CA", "GP", "BE", "TI", "SO", "SE", "BS", "LA", "DT",
        "CT", "CY", "CL", "SP", "HO", "DE", "ID", "AB", "C1", "C3", "RP", "EM", "RI", "OI", "FU", "FP",
        "FX", "CR", "NR", "TC", "Z9", "U1", "U2", "PU", "PI", "PA", "SN", "EI", "BN", "J9", "JI", "PD",
        "PY", "VL", "IS", "PN", "SU", "SI", "MA", "BP", "EP", "AR", "DI", "DL", "D2", "EA", "EY", "PG",
        "WC", "WE", "SC", "GA", "PM", "OA", "HC", "HP", "DA", "UT", "ER", "EF", "Z1", "Z2", "Z3", "Z4",
        "Z5", "Z6", "Z7", "Z8", "ZA", "ZB", "ZR", "ZS", "KP", "PS", "CP", "ED", "NP", "C2"};
    for (const char* k : tags)
        if (t == k) return true;
    return false;
}

// The pieces of one WoS record a reader needs.
struct wos_fields {
    std::string ut, py, c1, rp, ti, kw, cr;
    std::size_t line = 0;
    void clear() {
        cr.clear();
        ti.clear();
        kw.clear();
        ut.clear();
        py.clear();
        c1.clear();
        rp.clear();
        line = 0;
    }
};

// Reads a record's countries and institutions from its fields into `rec`;
// C1 first, RP when C1 is empty or names no recognised country.
inline void build_wos_parts(const wos_fields& f, const record_builder& b, record_parts& rec) {
    rec.clear();
    if (!trim(f.c1).empty()) {
        rec.source = country_field::addresses;
        b.add_addresses(f.c1, rec, true, false);
    } else if (!trim(f.rp).empty()) {
        rec.source = country_field::reprint;
        b.add_addresses(f.rp, rec, true, true);
    }
    if (rec.source == country_field::addresses && rec.countries.empty() && !trim(f.rp).empty()) {
        // no C1 address named a recognised country: try RP as well (the
        // unresolved C1 tails stay listed)
        rec.institutions.clear();
        rec.source = country_field::reprint;
        b.add_addresses(f.rp, rec, true, true);
    }
}

// Hands the record of `f` to `sink`; false for a duplicate id (dropped and reported).
template <class Sink>
bool emit_wos_record(const wos_fields& f, const record_builder& b, record_parts& parts, reference_keys& refs,
                     std::unordered_set<std::string>& seen, bibliographic_report& rep, Sink& sink) {
    build_wos_parts(f, b, parts);
    refs.read(f.cr, parts.references);
    year_type year = no_year;
    if (!parse_year(f.py, year)) year = no_year;  // validated by the readers
    return emit_record(trim(f.ut), year, f.line, parts, f.ti, f.kw, seen, rep, sink);
}

// What the two Web of Science readers share beyond the line-oriented front: the
// fields of one raw record, the keys of its CR references, and emit(), which
// emit_wos_record turns into a record or a dropped duplicate.
template <class Derived>
class wos_reader_base : public line_records_reader<Derived> {
protected:
    friend class line_records_reader<Derived>;
    wos_reader_base(std::istream& in, std::string source, const bibliographic_options& opts)
        : line_records_reader<Derived>(in, std::move(source), opts) {}
    wos_reader_base(const std::string& path, const bibliographic_options& opts)
        : line_records_reader<Derived>(path, opts) {}

    template <class Sink>
    bool emit(Sink& sink) {
        return emit_wos_record(fields_, this->builder_, this->parts_, refs_, this->seen_, this->report_, sink);
    }

    wos_fields fields_;
    reference_keys refs_;  // the keys of the current record's CR references
};

}  // namespace detail

/// \brief Streaming reader of the Web of Science plain-text ("tagged") export.
///
/// Format: optional `FN`/`VR` header lines; records from `PT` to `ER`; each
/// field starts with a two-character tag and a space, continuation lines
/// start with three spaces; `EF` ends one export. Concatenated exports (the
/// 500- or 1,000-record downloads of one search joined into one file, each
/// part with its own `FN`/`VR` lines and byte-order mark) are read whole;
/// report().parts counts the `EF` lines. Countries are read from the
/// `C1` addresses (one per line; a leading "[authors]" group is ignored),
/// from `RP` when C1 is empty or names no recognised country; institutions are
/// the first comma token of each address; `UT` is the identifier, `PY` the year,
/// `TI` the title (continuation lines joined by a space), `DE` and `ID` the keywords,
/// `CR` the cited references (one per line; their keys, io::reference_key, each once).
///
/// Malformed input (under malformed_policy::error a parse_error, under
/// malformed_policy::skip a counted skip with a read_issue): a new `PT` before
/// `ER` (missing_terminator), the input ending inside a record (truncated),
/// a line that is neither a tag line nor a continuation (bad_markup), a bad
/// `PY` (bad_year), invalid UTF-8 (bad_encoding). A well-formed unknown tag is
/// skipped and counted (or an error under unknown_tag_policy::error).
/// Duplicate UT: the later record is dropped and reported.
///
/// Not safe for concurrent use. Memory: one record.
/// \code
/// techconv::io::wos_tagged_reader r("savedrecs.txt");
/// techconv::io::bibliographic_record rec;
/// while (r.next(rec)) use(rec.countries);
/// \endcode
class wos_tagged_reader : public detail::wos_reader_base<wos_tagged_reader> {
public:
    /// Reads from a stream; `source` names it in messages.
    wos_tagged_reader(std::istream& in, std::string source = "<stream>", bibliographic_options opts = {})
        : wos_reader_base(in, std::move(source), opts) {}
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    explicit wos_tagged_reader(const std::string& path, bibliographic_options opts = {})
        : wos_reader_base(path, opts) {}

private:
    friend class detail::wos_reader_base<wos_tagged_reader>;
    friend class detail::line_records_reader<wos_tagged_reader>;

    // Reads one record's fields; false at end of input.
    bool read_raw() {
        fields_.clear();
        in_record_ = false;
        bool bad = false;  // the current record is being skipped
        std::string* cont = nullptr;  // field receiving continuation lines
        encoding_bad_ = false;
        while (next_line()) {
            // concatenated downloads: each part may start with its own byte-order mark
            const detail::tagged_line tl = detail::split_tagged_line(lines_.text());
            const std::string_view l = tl.value;
            const std::size_t ln = lines_.line();
            if (tl.kind == detail::tagged_line_kind::blank) continue;
            if (tl.kind == detail::tagged_line_kind::continuation) {
                if (!in_record_) {
                    if (!bad) malformed(error_code::bad_markup, ln, "continuation line outside a record");
                    bad = true;
                    continue;
                }
                if (cont == &fields_.ti) detail::append_words(*cont, tl.value);
                else if (cont != nullptr) detail::append_item(*cont, tl.value);
                continue;
            }
            if (tl.kind == detail::tagged_line_kind::other) {
                if (in_record_ && !bad) {
                    malformed(error_code::bad_markup, ln,
                              "line is neither a field tag nor a continuation: '" + std::string(l.substr(0, 40)) + "'");
                    bad = true;
                } else if (!in_record_ && !bad) {
                    malformed(error_code::bad_markup, ln, "text outside a record: '" + std::string(l.substr(0, 40)) + "'");
                    bad = true;
                }
                cont = nullptr;
                continue;
            }
            const std::string_view tag = tl.tag;
            const std::string_view value = tl.value;
            cont = nullptr;
            if (tag == "FN" || tag == "VR") continue;
            if (tag == "EF") {
                // The end of one export. Users concatenate the 500- or 1,000-record downloads
                // of one search into one file, so reading goes on: the next part starts with
                // FN/VR and PT; text after the last EF is an error like any text outside a record.
                if (in_record_ && !bad) malformed(error_code::truncated, fields_.line, "file ends (EF) inside a record without ER");
                in_record_ = false;
                bad = false;
                ++report_.parts;
                continue;
            }
            if (tag == "PT") {
                if (in_record_ && !bad && encoding_bad_)  // counted once, as its first defect
                    malformed(error_code::bad_encoding, bad_line_, "invalid UTF-8 in the record starting on line " + std::to_string(fields_.line));
                else if (in_record_ && !bad)
                    malformed(error_code::missing_terminator, fields_.line, "record has no ER before the next PT on line " + std::to_string(ln));
                fields_.clear();
                fields_.line = ln;
                in_record_ = true;
                bad = false;
                encoding_bad_ = false;
                continue;
            }
            if (!in_record_) {
                if (!bad) malformed(error_code::bad_markup, ln, "field " + std::string(tag) + " outside a record (missing PT?)");
                bad = true;
                continue;
            }
            if (tag == "ER") {
                in_record_ = false;
                if (encoding_bad_ && !bad) malformed(error_code::bad_encoding, bad_line_, "invalid UTF-8 in the record starting on line " + std::to_string(fields_.line));
                if (bad || encoding_bad_) {
                    bad = false;
                    encoding_bad_ = false;
                    fields_.clear();
                    continue;
                }
                year_type y = no_year;
                if (!detail::parse_year(fields_.py, y)) {
                    malformed(error_code::bad_year, fields_.line, "PY is not a year: '" + fields_.py + "'");
                    fields_.clear();
                    continue;
                }
                return true;
            }
            if (!detail::is_known_wos_tag(tag)) {
                detail::unknown_tag(opts_.unknown_tags, lines_.source(), ln, tag, report_.issues);
                ++report_.unknown_tags;
                continue;
            }
            if (tag == "UT") cont = &fields_.ut;
            else if (tag == "PY") cont = &fields_.py;
            else if (tag == "C1") cont = &fields_.c1;
            else if (tag == "RP") cont = &fields_.rp;
            else if (opts_.titles_and_keywords && tag == "TI") cont = &fields_.ti;
            else if (opts_.titles_and_keywords && (tag == "DE" || tag == "ID")) cont = &fields_.kw;
            else if (opts_.references && tag == "CR") cont = &fields_.cr;
            if (cont != nullptr) detail::append_item(*cont, value);
        }
        if (in_record_ && !bad) malformed(error_code::truncated, fields_.line, "input ends inside a record (no ER): truncated file?");
        in_record_ = false;
        return false;
    }

};

/// \brief Streaming reader of the Web of Science tab-delimited export.
///
/// Format: a header row of field tags separated by tabs (`PT AU ... UT`),
/// then one record per line; fields are split at tabs and quotes are text.
/// Fields used: `UT`, `PY`, `C1` (addresses separated by "; " outside
/// "[authors]" groups), `RP`, and when present `TI` (title), `DE` and `ID`
/// (keywords) and `CR` (cited references separated by "; "; their keys,
/// io::reference_key, each once). A header without tabs is rejected as the wrong
/// delimiter (parse_error, missing_column) whatever the policy; a record with
/// another field count than the header (field_count), a bad PY (bad_year) or
/// invalid UTF-8 (bad_encoding) is an error or a counted skip.
///
/// Not safe for concurrent use. Memory: one line.
class wos_tab_reader : public detail::wos_reader_base<wos_tab_reader> {
public:
    /// Reads from a stream; `source` names it in messages.
    wos_tab_reader(std::istream& in, std::string source = "<stream>", bibliographic_options opts = {})
        : wos_reader_base(in, std::move(source), opts) {
        read_header();
    }
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    explicit wos_tab_reader(const std::string& path, bibliographic_options opts = {})
        : wos_reader_base(path, opts) {
        read_header();
    }

private:
    friend class detail::wos_reader_base<wos_tab_reader>;
    friend class detail::line_records_reader<wos_tab_reader>;

    [[noreturn]] void header_error(error_code code, const std::string& field, const std::string& msg) const {
        ::techconv::detail::throw_error<parse_error>(code, source_location{lines_.source(), 1, 0, 0, field}, msg);
    }
    void read_header() {
        if (!lines_.next()) header_error(error_code::empty_input, {}, "empty input: no header row");
        const std::string_view h = lines_.text();
        if (h.find('\t') == std::string_view::npos) {
            const bool comma = h.find(',') != std::string_view::npos, semi = h.find(';') != std::string_view::npos;
            header_error(error_code::missing_column, {},
                         std::string("header row has no tab: not a WoS tab-delimited export") +
                             (comma ? " (it is comma-separated: wrong delimiter?)" : semi ? " (it is semicolon-separated: wrong delimiter?)" : ""));
        }
        split(h, header_);
        if (header_.size() > opts_.max_columns)
            header_error(error_code::limit_exceeded, {},
                         "header row has " + std::to_string(header_.size()) + " columns, more than " +
                             std::to_string(opts_.max_columns) + " (bibliographic_options::max_columns, --max-columns)");
        width_ = header_.size();
        for (std::size_t i = 0; i < header_.size(); ++i) {
            const auto t = trim(header_[i]);
            if (t == "UT") ut_ = i;
            else if (t == "PY") py_ = i;
            else if (t == "C1") c1_ = i;
            else if (t == "RP") rp_ = i;
            else if (opts_.titles_and_keywords && t == "TI") ti_ = i;
            else if (opts_.titles_and_keywords && t == "DE") de_ = i;
            else if (opts_.titles_and_keywords && t == "ID") id_ = i;
            else if (opts_.references && t == "CR") cr_ = i;
        }
        if (trim(header_.empty() ? std::string_view() : header_[0]) != "PT")
            header_error(error_code::missing_header, "PT", "header row does not start with the PT tag: not a WoS tab-delimited export");
        if (ut_ == npos) header_error(error_code::missing_column, "UT", "required column 'UT' is not in the header");
        if (py_ == npos) header_error(error_code::missing_column, "PY", "required column 'PY' is not in the header");
        if (c1_ == npos) header_error(error_code::missing_column, "C1", "required column 'C1' is not in the header");
        names_.assign(header_.begin(), header_.end());
        header_.clear();  // the views point into the line buffer, which the next line overwrites
    }
    static void split(std::string_view l, std::vector<std::string_view>& out) {
        out.clear();
        std::size_t b = 0;
        for (;;) {
            const auto p = l.find('\t', b);
            out.push_back(l.substr(b, p == std::string_view::npos ? std::string_view::npos : p - b));
            if (p == std::string_view::npos) break;
            b = p + 1;
        }
    }
    void malformed(error_code code, std::size_t line, std::size_t col, const std::string& msg) {
        if (opts_.malformed == malformed_policy::error) {
            source_location loc{lines_.source(), line, col, 0, col > 0 && col <= names_.size() ? names_[col - 1] : std::string()};
            ::techconv::detail::throw_error<parse_error>(code, std::move(loc), msg);
        }
        report_.issues.push_back(read_issue{line, code, msg + "; record skipped"});
        ++report_.skipped;
    }
    bool read_raw() {
        for (;;) {
            const bool more = detail::next_skipping_bad_encoding(lines_, opts_.malformed, [this](const parse_error& e) {
                malformed(error_code::bad_encoding, e.line(), e.column(), "invalid UTF-8");
            });
            if (!more) return false;
            const std::string_view l = lines_.text();
            if (trim(l).empty()) continue;
            split(l, cells_);
            const std::size_t ln = lines_.line();
            if (cells_.size() != width_) {
                malformed(error_code::field_count, ln, 0,
                          "record has " + std::to_string(cells_.size()) + " tab-separated fields, the header has " +
                              std::to_string(width_));
                continue;
            }
            fields_.clear();
            fields_.line = ln;
            fields_.ut = std::string(cells_[ut_]);
            fields_.py = std::string(cells_[py_]);
            fields_.c1 = std::string(cells_[c1_]);
            if (rp_ != npos) fields_.rp = std::string(cells_[rp_]);
            if (ti_ != npos) fields_.ti = std::string(trim(cells_[ti_]));
            if (de_ != npos) detail::append_item(fields_.kw, cells_[de_]);
            if (id_ != npos) detail::append_item(fields_.kw, cells_[id_]);
            if (cr_ != npos) fields_.cr.assign(cells_[cr_].data(), cells_[cr_].size());
            year_type y = no_year;
            if (!detail::parse_year(fields_.py, y)) {
                malformed(error_code::bad_year, ln, py_ + 1, "PY is not a year: '" + fields_.py + "'");
                continue;
            }
            return true;
        }
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::vector<std::string_view> header_, cells_;
    std::vector<std::string> names_;
    std::size_t width_ = 0, ut_ = npos, py_ = npos, c1_ = npos, rp_ = npos, ti_ = npos, de_ = npos, id_ = npos, cr_ = npos;
};

/// \brief Reads a whole WoS plain-text export. \param path the file
/// \param opts reader options. \returns records (duplicates removed) and the report.
/// \throws parse_error as wos_tagged_reader. Complexity: O(file size).
inline bibliographic_data read_wos_tagged(const std::string& path, const bibliographic_options& opts = {}) {
    wos_tagged_reader r(path, opts);
    return detail::read_all(r);
}

/// \brief read_wos_tagged of a stream `in`, named `source` in errors.
inline bibliographic_data read_wos_tagged(std::istream& in, const std::string& source,
                                  const bibliographic_options& opts = {}) {
    wos_tagged_reader r(in, source, opts);
    return detail::read_all(r);
}

/// \brief Reads a whole WoS tab-delimited export (see wos_tab_reader).
inline bibliographic_data read_wos_tab(const std::string& path, const bibliographic_options& opts = {}) {
    wos_tab_reader r(path, opts);
    return detail::read_all(r);
}

/// \brief read_wos_tab of a stream `in`, named `source` in errors.
inline bibliographic_data read_wos_tab(std::istream& in, const std::string& source,
                                  const bibliographic_options& opts = {}) {
    wos_tab_reader r(in, source, opts);
    return detail::read_all(r);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_WOS_HPP_
