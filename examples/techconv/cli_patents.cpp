// SPDX-License-Identifier: BSL-1.0
// Reading patent inputs for keycore / network (Lens CSV, USPTO XML, techconv
// canonical CSV), family merging, and the country of a record.
#include "cli.hpp"

#include <memory>   // std::unique_ptr
#include <sstream>  // std::istringstream
#include <utility>  // std::move

#include <techconv/records/families.hpp>
#include <techconv/io/generic_csv.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/uspto_xml.hpp>

namespace tcli {

namespace tio = techconv::io;

namespace {

// Mapping of the techconv canonical CSV (the synthetic corpus layout):
// id, family_id, year, country, applicants, applicant_types, ipc, [cpc,
// inventors, jurisdiction, title], and indicator columns named as
// io::to_string(indicator), except `applicant_count` for indicator::applicants.
tio::patent_csv_mapping canonical_mapping(const std::vector<std::string>& header) {
    auto has = [&](const char* n) {
        for (const auto& h : header)
            if (tio::iequals(h, n)) return true;
        return false;
    };
    tio::patent_csv_mapping m;
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
    for (const auto ind : tio::all_indicators) {
        // `applicants` is the list of names; its count column is `applicant_count`
        const std::string name = ind == tio::indicator::applicants ? "applicant_count" : std::string(tio::to_string(ind));
        if (has(name.c_str())) m.counts[tio::position(ind)] = name;
    }
    return m;
}

tio::applicant_type type_from_name(std::string_view s) {
    if (tio::iequals(s, "company")) return tio::applicant_type::company;
    if (tio::iequals(s, "university")) return tio::applicant_type::university;
    if (tio::iequals(s, "institute")) return tio::applicant_type::institute;
    if (tio::iequals(s, "individual")) return tio::applicant_type::individual;
    return tio::applicant_type::unknown;
}

// The canonical CSV: the patent reader does the fields it knows; a second
// reader over the same rows supplies the columns it has no slot for
// (country, applicant_types). make(mapping, options) opens the patent reader.
template <class Make>
tio::patent_read_stats read_canonical_rows(tio::csv_reader& extra, Make&& make, patent_input& out, progress& prog) {
    const auto country_col = extra.find_column("country");
    const auto types_col = extra.find_column("applicant_types");
    const auto app_col = extra.find_column("applicants");
    out.has_country_column = out.has_country_column || country_col >= 0;
    tio::patent_csv_options o;
    o.classify_applicants = types_col < 0;
    const std::unique_ptr<tio::patent_csv_reader> reader = make(canonical_mapping(extra.header()), o);
    tio::patent_record r;
    while (reader->next(r)) {
        if (!extra.next())
            throw std::runtime_error(extra.source() + ": rows of the two passes disagree (internal error)");
        if (country_col >= 0) {
            std::string c(tio::trim(extra.field(static_cast<std::size_t>(country_col))));
            for (auto& ch : c) ch = tio::ascii_upper(ch);
            if (!c.empty()) {
                if (!r.applicants.empty()) r.applicants.front().country = c;
                r.priority_countries.assign(1, c);
            }
        }
        if (types_col >= 0 && app_col >= 0) {
            const auto names = tio::split_list(extra.field(static_cast<std::size_t>(app_col)), ";;");
            const auto types = tio::split_list(extra.field(static_cast<std::size_t>(types_col)), ";;");
            if (names.size() != types.size())
                extra.fail(techconv::error_code::bad_value, static_cast<std::size_t>(types_col),
                           "applicant_types lists " + std::to_string(types.size()) +
                               " types for " + std::to_string(names.size()) + " applicants");
            for (auto& p : r.applicants)
                for (std::size_t k = 0; k < names.size(); ++k)
                    if (names[k] == p.name) {
                        p.type = type_from_name(types[k]);
                        break;
                    }
        }
        out.records.push_back(std::move(r));
        prog.update(reader->bytes_read(), out.records.size());
    }
    auto st = reader->stats();
    st.layout = "techconv-csv";
    return st;
}

void read_canonical(const std::string& path, patent_input& out, progress& prog) {
    tio::csv_reader extra(path);
    const auto st = read_canonical_rows(
        extra,
        [&](tio::patent_csv_mapping m, tio::patent_csv_options o) {
            return std::make_unique<tio::patent_csv_reader>(path, std::move(m), std::move(o));
        },
        out, prog);
    out.notes.push_back(input_note(path, st));
}

template <class Reader>
void read_with(Reader& reader, const std::string& path, patent_input& out, progress& prog) {
    tio::patent_record r;
    while (reader.next(r)) {
        out.records.push_back(std::move(r));
        prog.update(reader.bytes_read(), out.records.size());
    }
    out.notes.push_back(input_note(path, reader.stats()));
}

}  // namespace

patent_input read_patents(const std::vector<std::string>& paths, input_format fmt, bool merge,
                          progress& prog) {
    patent_input out;
    for (const auto& path : paths) {
        input_format f = fmt == input_format::automatic ? detect_format(path) : fmt;
        prog.start(path);
        const std::size_t before = out.records.size();
        switch (f) {
            case input_format::lens: {
                tio::patent_csv_options o;
                o.detect_encoding = true;
                tio::lens_reader reader(path, o);
                read_with(reader, path, out, prog);
                break;
            }
            case input_format::uspto_xml: {
                tio::uspto_xml_reader reader(path);
                read_with(reader, path, out, prog);
                break;
            }
            case input_format::csv: read_canonical(path, out, prog); break;
            default:
                throw usage_error(path + ": format " + std::string(format_name(f)) +
                                  " holds no patents (use lens, uspto-xml or csv)");
        }
        prog.finish(out.records.size() - before);
    }
    out.read = out.records.size();
    if (merge) {
        auto m = tio::merge_families(std::move(out.records));
        out.records = std::move(m.records);
        out.merged = m.merged;
    }
    return out;
}

std::string input_note(const std::string& path, const tio::patent_read_stats& st) {
    std::string s = path + ": " + (st.layout.empty() ? std::string("csv") : st.layout) + ", " +
                    std::to_string(st.records) + " records";
    for (const auto& k : st.skipped) s += ", skipped " + std::to_string(k.second) + " " + k.first;
    return s;
}

tio::text_encoding input_encoding(const std::string& path, input_format f) {
    return f == input_format::lens ? tio::detail::sniff_file_encoding(path, path) : tio::text_encoding::utf8;
}

tio::patent_read_stats read_patent_csv_text(const std::string& text, const std::string& source, input_format f,
                                            tio::text_encoding encoding, patent_input& out) {
    progress quiet(true);
    std::istringstream in(text);
    if (f == input_format::lens) {
        tio::patent_csv_options o;
        o.csv.encoding = encoding;
        tio::lens_reader reader(in, source, o);
        tio::patent_record r;
        while (reader.next(r)) out.records.push_back(std::move(r));
        return reader.stats();
    }
    if (f != input_format::csv)
        throw usage_error(source + ": only Lens and techconv canonical CSV inputs can be split by byte ranges");
    std::istringstream in2(text);
    tio::csv_reader extra(in2, source);
    return read_canonical_rows(
        extra,
        [&](tio::patent_csv_mapping m, tio::patent_csv_options o) {
            return std::make_unique<tio::patent_csv_reader>(in, source, std::move(m), std::move(o));
        },
        out, quiet);
}

country_source parse_country_source(const std::string& s) {
    try {
        return techconv::analysis::country_source_from_string(s);
    } catch (const techconv::invalid_argument&) {
        throw usage_error("unknown --country-from '" + s + "' (auto, applicant, inventor, priority, jurisdiction)");
    }
}

}  // namespace tcli
