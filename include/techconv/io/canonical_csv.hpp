// SPDX-License-Identifier: BSL-1.0
//
// The reader of the techconv canonical patent CSV: the layout that
// testing::synthetic_corpus::write_csv writes and `techconv keycore --format
// csv` reads.
#ifndef TECHCONV_IO_CANONICAL_CSV_HPP_
#define TECHCONV_IO_CANONICAL_CSV_HPP_

#include <cstddef>      // std::size_t, std::ptrdiff_t
#include <istream>      // std::istream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/applicant_type.hpp"
#include "techconv/io/generic_csv.hpp"
#include "techconv/io/patent_sink.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief The column mapping of the canonical CSV for a table with `header`.
///
/// Columns (names compare case-insensitively; all but `id` optional):
/// `id`, `family_id`, `year` (read as the application and the publication
/// year), `applicants`, `inventors`, `ipc` (main code first), `cpc`,
/// `jurisdiction`, `title`, and one count column per [KCT] indicator named
/// to_string(indicator), except `applicant_count` for indicator::applicants
/// (`applicants` is the list of names). Lists are separated by `;;`.
/// The columns `country` and `applicant_types` have no slot in the mapping;
/// canonical_csv_reader reads them.
inline patent_csv_mapping canonical_csv_mapping(const std::vector<std::string>& header) {
    auto has = [&](std::string_view n) {
        for (const auto& h : header)
            if (iequals(h, n)) return true;
        return false;
    };
    patent_csv_mapping m;
    m.id = "id";
    if (has("family_id")) m.family_id = "family_id";
    if (has("year")) {
        m.publication_year = "year";
        m.application_date = "year";
    }
    if (has("applicants")) m.applicants = "applicants";
    if (has("inventors")) m.inventors = "inventors";
    if (has("ipc")) m.ipc = "ipc";
    if (has("cpc")) m.cpc = "cpc";
    if (has("jurisdiction")) m.jurisdiction = "jurisdiction";
    if (has("title")) m.title = "title";
    for (const auto ind : all_indicators) {
        const std::string name =
            ind == indicator::applicants ? std::string("applicant_count") : std::string(to_string(ind));
        if (has(name)) m.counts[position(ind)] = name;
    }
    return m;
}

/// \brief The applicant type written as `name` in the canonical CSV
/// ("company", "university", "institute", "individual"; anything else: unknown).
inline applicant_type canonical_applicant_type(std::string_view name) noexcept {
    if (iequals(name, "company")) return applicant_type::company;
    if (iequals(name, "university")) return applicant_type::university;
    if (iequals(name, "institute")) return applicant_type::institute;
    if (iequals(name, "individual")) return applicant_type::individual;
    return applicant_type::unknown;
}

/// \brief Streaming reader of the techconv canonical patent CSV
/// (see canonical_csv_mapping for the columns).
///
/// Besides the fields of patent_csv_reader it reads:
///  - `country`: an upper-cased code that becomes the first applicant's
///    country and the only priority country (so that every country_source
///    but `inventor` and `jurisdiction` finds it);
///  - `applicant_types`: one type per applicant (`;;`-separated, as many as
///    applicants, else a bad_value error naming the line); without that
///    column applicant types come from the name rules (when the options ask
///    for them, the default).
/// The reader's stats() give the layout "techconv-csv".
///
/// Not safe for concurrent use. Memory: one row at a time.
class canonical_csv_reader : public patent_csv_reader {
public:
    /// Reads the file at `path`.
    explicit canonical_csv_reader(const std::string& path, patent_csv_options opts = {})
        : patent_csv_reader(path, &make_mapping, std::move(opts)) {
        init();
    }
    /// Reads `in`; `source` names it in error messages.
    canonical_csv_reader(std::istream& in, std::string source, patent_csv_options opts = {})
        : patent_csv_reader(in, std::move(source), &make_mapping, std::move(opts)) {
        init();
    }

    /// Reads the next row into `out` (overwritten). False at the end of the input.
    bool next(patent_record& out) {
        patent_record_sink s(out);
        return next_into(s);
    }
    /// \brief Reads the next row into `sink` (records::patent_table, patent_record_sink, ...),
    /// as patent_csv_reader::next_into, with the `country` and `applicant_types` columns.
    /// False at the end of the input.
    template <class Sink>
    bool next_into(Sink& sink) {
        return read_row(sink, [this](std::vector<party>& applicants, Sink& to) {
            const csv_reader& row = table();
            if (country_col_ >= 0) {
                country_.assign(trim(row.field(static_cast<std::size_t>(country_col_))));
                for (auto& ch : country_) ch = ascii_upper(ch);
                if (!country_.empty()) {
                    if (!applicants.empty()) applicants.front().country = country_;
                    to.add_priority_country(country_);  // the only one: the mapping has no priority numbers
                }
            }
            if (types_col_ >= 0 && names_col_ >= 0) {
                auto& names = names_;
                auto& types = types_;
                split_list_into(row.field(static_cast<std::size_t>(names_col_)), ";;", names);
                split_list_into(row.field(static_cast<std::size_t>(types_col_)), ";;", types);
                if (names.size() != types.size())
                    row.fail(error_code::bad_value, static_cast<std::size_t>(types_col_),
                             "applicant_types lists " + std::to_string(types.size()) + " types for " +
                                 std::to_string(names.size()) + " applicants");
                for (auto& p : applicants)
                    for (std::size_t k = 0; k < names.size(); ++k)
                        if (names[k] == p.name) {
                            p.type = canonical_applicant_type(types[k]);
                            break;
                        }
            }
        });
    }

    /// Reads all remaining records.
    std::vector<patent_record> read_all() { return detail::read_all_patents(*this); }

    /// Whether the table has a `country` column.
    bool has_country_column() const noexcept { return country_col_ >= 0; }

private:
    static patent_csv_mapping make_mapping(const std::vector<std::string>& header, patent_read_stats& st) {
        st.layout = "techconv-csv";
        return canonical_csv_mapping(header);
    }
    void init() {
        const csv_reader& row = table();
        country_col_ = row.find_column("country");
        types_col_ = row.find_column("applicant_types");
        names_col_ = row.find_column("applicants");
        if (types_col_ >= 0) options().classify_applicants = false;
    }

    std::ptrdiff_t country_col_ = -1;
    std::ptrdiff_t types_col_ = -1;
    std::ptrdiff_t names_col_ = -1;
    std::string country_;  // the current row's country, upper-cased
    std::vector<std::string_view> names_, types_;  // the current row's applicants and their types
};

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_CANONICAL_CSV_HPP_
