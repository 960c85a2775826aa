// SPDX-License-Identifier: BSL-1.0
//
// Scopus CSV reader: streams the records of a Scopus CSV export (EID, Year,
// Affiliations, Authors with affiliations, References) into a sink: a records::paper_table
// (next_into) or an io::bibliographic_record (next).
#ifndef TECHCONV_IO_SCOPUS_HPP_
#define TECHCONV_IO_SCOPUS_HPP_

#include <cstddef>        // std::size_t, std::ptrdiff_t
#include <istream>        // std::istream
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::move

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/io/bibliographic.hpp"
#include "techconv/io/references.hpp"
#include "techconv/io/wos.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Streaming reader of Scopus CSV exports.
///
/// Columns used: `Affiliations` (required; affiliations separated by ";",
/// each ending in the country name), `Year` (required), `EID` (identifier;
/// optional, without it duplicates cannot be detected), `Authors with
/// affiliations` (optional fallback when `Affiliations` is empty: every
/// comma token after the author's name and initials that is a whole
/// country name is taken). Institutions are, per affiliation, the first
/// comma token naming a university (Univ..., College, Politecnico, ...), else
/// the first naming another organisation (Institute, Academy, Hospital,
/// Laboratory, Centre, Inc, ...), else the first token. Optional `Title`,
/// `Author Keywords` and `Index Keywords` fill the title and keywords, and
/// `References` (cited works separated by "; ") the references: their keys
/// (io::reference_key), each once.
///
/// The delimiter is decided from the header line (',', ';' as a spreadsheet saves CSV in a
/// decimal-comma locale, or a tab; stats().delimiter). Errors: a header that is still one
/// column containing ';' or a tab (a quoted header) is the wrong delimiter (parse_error,
/// missing_column) whatever the policy; a record with
/// another field count than the header (field_count), a bad Year (bad_year)
/// or invalid UTF-8 (bad_encoding) is an error or, under
/// malformed_policy::skip, a counted skip. A quoted field left open at the end
/// of the input (a truncated file) is always an error (unterminated_quote).
///
/// Not safe for concurrent use. Memory: one record.
class scopus_reader {
public:
    /// Reads from a stream; `source` names it in messages.
    scopus_reader(std::istream& in, std::string source = "<stream>", bibliographic_options opts = {})
        : opts_(opts), csv_(in, std::move(source), detail::csv_options_of(opts)), builder_(detail::make_builder(opts_)) {
        init();
    }
    /// Opens a file. \throws parse_error (io_error) if it cannot be opened.
    explicit scopus_reader(const std::string& path, bibliographic_options opts = {})
        : opts_(opts), csv_(path, detail::csv_options_of(opts)), builder_(detail::make_builder(opts_)) {
        init();
    }

    /// \brief Reads the next record into `rec`. \returns false at the end of input.
    bool next(bibliographic_record& rec) {
        record_sink s(rec);
        return next_into(s);
    }
    /// \brief Reads the next record into `sink` (records::paper_table, or any type
    /// with its sink functions). \returns false at the end of input.
    template <class Sink>
    bool next_into(Sink& sink) {
        auto& rec = parts_;
        for (;;) {
            if (!next_row()) return false;
            if (csv_.repeats_header()) {  // a second export joined on: its header is not a record
                ++report_.repeated_headers;
                continue;
            }
            const std::size_t ln = csv_.line();
            if (csv_.size() != csv_.header().size()) {
                malformed(error_code::field_count, ln, 0,
                          "record has " + std::to_string(csv_.size()) + " fields, the header has " +
                              std::to_string(csv_.header().size()));
                continue;
            }
            rec.clear();
            year_type year = no_year;
            if (!detail::parse_year(csv_.field(year_), year)) {
                malformed(error_code::bad_year, ln, year_ + 1,
                          "Year is not a year: '" + std::string(csv_.field(year_)) + "'");
                continue;
            }
            const auto affs = trim(csv_.field(aff_));
            if (!affs.empty()) {
                rec.source = country_field::affiliations;
                for (const auto a : detail::split_addresses(affs)) {
                    builder_.add_country(a, rec);
                    const auto inst = detail::affiliation_organisation(a);
                    if (!inst.empty()) rec.institutions.push_back(inst);
                }
            } else if (awa_ >= 0) {
                rec.source = country_field::authors_with_affiliations;
                for (const auto a : detail::split_addresses(csv_.field(static_cast<std::size_t>(awa_)))) {
                    std::size_t b = 0, k = 0;
                    for (;;) {  // every comma token after "Surname, Initials." that is a whole country name
                        const auto p = a.find(',', b);
                        const auto tok = trim(a.substr(b, p == std::string_view::npos ? std::string_view::npos : p - b));
                        if (k++ >= 2) {
                            const auto c = builder_.cn->lookup(tok, builder_.copts);
                            if (!c.empty()) rec.countries.push_back(c);
                        }
                        if (p == std::string_view::npos) break;
                        b = p + 1;
                    }
                }
            }
            if (refs_col_ >= 0) refs_.read(csv_.field(static_cast<std::size_t>(refs_col_)), rec.references);
            const std::string_view id = eid_ >= 0 ? trim(csv_.field(static_cast<std::size_t>(eid_))) : std::string_view();
            const std::string_view title =
                title_ >= 0 ? trim(csv_.field(static_cast<std::size_t>(title_))) : std::string_view();
            keywords_.clear();
            for (const auto k : {akw_, ikw_})
                if (k >= 0) detail::append_item(keywords_, csv_.field(static_cast<std::size_t>(k)));
            if (detail::emit_record(id, year, ln, rec, title, keywords_, seen_, report_, sink)) return true;
        }
    }
    /// \brief What was read, skipped and not understood so far.
    const bibliographic_report& stats() const noexcept {
        report_.text = csv_.encoding();
        report_.delimiter = csv_.delimiter();
        return report_;
    }
    /// The same as stats() (the older spelling; the patent readers say stats()).
    const bibliographic_report& report() const noexcept { return stats(); }

private:
    void init() {
        const auto& h = csv_.header();
        if (h.size() == 1 && (h[0].find(';') != std::string::npos || h[0].find('\t') != std::string::npos)) {
            ::techconv::detail::throw_error<parse_error>(
                error_code::missing_column, source_location{csv_.source(), 1, 0, 0, {}},
                std::string("the header is a single column containing ") +
                    (h[0].find(';') != std::string::npos ? "';'" : "tabs") +
                    ": not a comma-separated Scopus export (wrong delimiter?)");
        }
        aff_ = csv_.require_column("Affiliations");
        year_ = csv_.require_column("Year");
        eid_ = csv_.find_column("EID");
        awa_ = csv_.find_column("Authors with affiliations");
        if (opts_.titles_and_keywords) {
            title_ = csv_.find_column("Title");
            akw_ = csv_.find_column("Author Keywords");
            ikw_ = csv_.find_column("Index Keywords");
        }
        if (opts_.references) refs_col_ = csv_.find_column("References");
    }
    void malformed(error_code code, std::size_t line, std::size_t col, const std::string& msg) {
        detail::csv_row_malformed(csv_, opts_.malformed, report_, code, line, col, msg);
    }
    bool next_row() {
        return detail::next_skipping_bad_encoding(csv_, opts_.malformed, [this](const parse_error& e) {
            malformed(error_code::bad_encoding, e.line(), 0, e.message());
        });
    }

    bibliographic_options opts_;
    csv_reader csv_;
    detail::record_builder builder_;
    std::size_t aff_ = 0, year_ = 0;
    std::ptrdiff_t eid_ = -1, awa_ = -1, title_ = -1, akw_ = -1, ikw_ = -1, refs_col_ = -1;
    detail::record_parts parts_;  // the current record's lists (views into the row)
    std::string keywords_;        // the current record's keywords, joined
    detail::reference_keys refs_;  // the keys of the current record's references
    mutable bibliographic_report report_;  // report() copies the CSV reader's encoding evidence
    std::unordered_set<std::string> seen_;
};

/// \brief Reads a whole Scopus CSV export (see scopus_reader). \returns records and report.
/// \throws parse_error as scopus_reader. Complexity: O(file size).
inline bibliographic_data read_scopus(const std::string& path, const bibliographic_options& opts = {}) {
    scopus_reader r(path, opts);
    return detail::read_all(r);
}

/// \brief read_scopus of a stream `in`, named `source` in errors.
inline bibliographic_data read_scopus(std::istream& in, const std::string& source,
                                  const bibliographic_options& opts = {}) {
    scopus_reader r(in, source, opts);
    return detail::read_all(r);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_SCOPUS_HPP_
