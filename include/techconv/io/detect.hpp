// SPDX-License-Identifier: BSL-1.0
//
// The input formats techconv reads, their stable names, and the detection of
// a file's format from its first bytes.
#ifndef TECHCONV_IO_DETECT_HPP_
#define TECHCONV_IO_DETECT_HPP_

#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/encoding.hpp"
#include "techconv/format/input.hpp"
#include "techconv/format/line_ends.hpp"
#include "techconv/format/parse.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief The input formats of techconv's readers (a new one is also added to all_input_formats).
enum class input_format {
    automatic,  ///< detect per file (detect_format)
    lens,       ///< Lens.org patent CSV export (io/lens.hpp)
    uspto_xml,  ///< USPTO grant full-text XML (io/uspto_xml.hpp)
    csv,        ///< the techconv canonical patent CSV (io/canonical_csv.hpp)
    wos,        ///< Web of Science plain-text (tagged) export
    wos_tab,    ///< Web of Science tab-delimited export
    scopus,     ///< Scopus CSV export
    openalex,   ///< OpenAlex works: API JSON pages, JSON arrays or JSON Lines (io/openalex.hpp)
    lens_scholarly,  ///< Lens scholarly works: JSON Lines export or API JSON (io/lens_scholarly.hpp)
    pubmed,          ///< PubMed MEDLINE tagged text, "Save -> PubMed format" (io/pubmed.hpp)
    derwent,         ///< Derwent Innovations Index tagged export, .ciw (io/derwent.hpp)
    patentsview,     ///< PatentsView PatentSearch API JSON responses (io/patentsview.hpp)
    google_patents,  ///< Google Patents search export, CSV (io/google_patents.hpp)
    patstat,         ///< EPO PATSTAT CSV extract tables, read together (io/patstat.hpp)
    lens_json,       ///< Lens patent records in JSON: Lens Patent API responses, JSON Lines (io/lens_json.hpp)
    patentsview_bulk,  ///< PatentsView bulk tab-separated g_* tables, read together (io/patentsview_bulk.hpp)
};

/// \brief Stable name of a format: "auto", "lens", "uspto-xml", "csv", "wos", "wos-tab", "scopus",
/// "openalex", "lens-scholarly", "pubmed", "derwent", "patentsview", "google-patents", "patstat",
/// "lens-json", "patentsview-bulk".
constexpr std::string_view to_string(input_format f) noexcept {
    switch (f) {
        case input_format::automatic: return "auto";
        case input_format::lens: return "lens";
        case input_format::uspto_xml: return "uspto-xml";
        case input_format::csv: return "csv";
        case input_format::wos: return "wos";
        case input_format::wos_tab: return "wos-tab";
        case input_format::scopus: return "scopus";
        case input_format::openalex: return "openalex";
        case input_format::lens_scholarly: return "lens-scholarly";
        case input_format::pubmed: return "pubmed";
        case input_format::derwent: return "derwent";
        case input_format::patentsview: return "patentsview";
        case input_format::google_patents: return "google-patents";
        case input_format::patstat: return "patstat";
        case input_format::lens_json: return "lens-json";
        case input_format::patentsview_bulk: return "patentsview-bulk";
    }
    return "auto";
}

/// \brief Every input format, in declaration order: the one list that the accepted names, the
/// error messages and the command's help texts are made from.
inline constexpr input_format all_input_formats[] = {
    input_format::automatic, input_format::lens,     input_format::uspto_xml,      input_format::csv,
    input_format::wos,       input_format::wos_tab,  input_format::scopus,         input_format::openalex,
    input_format::lens_scholarly, input_format::pubmed, input_format::derwent,     input_format::patentsview,
    input_format::google_patents, input_format::patstat, input_format::lens_json,
    input_format::patentsview_bulk};

namespace detail {
constexpr bool formats_in_declaration_order() noexcept {
    for (std::size_t i = 0; i < sizeof(all_input_formats) / sizeof(all_input_formats[0]); ++i)
        if (static_cast<std::size_t>(all_input_formats[i]) != i) return false;
    return true;
}
}  // namespace detail
static_assert(detail::formats_in_declaration_order() &&
                  sizeof(all_input_formats) / sizeof(all_input_formats[0]) ==
                      static_cast<std::size_t>(input_format::patentsview_bulk) + 1,
              "all_input_formats lists every input_format once, in declaration order (update both)");

/// \brief The names of the formats `keep` accepts, in declaration order, joined by `sep` and, before
/// the last one, by `last`: `format_names(holds_patents)` is "lens, uspto-xml, …, google-patents",
/// `format_names(holds_patents, "|", "|")` the form of a usage line.
template <class Keep>
std::string format_names(Keep keep, std::string_view sep = ", ", std::string_view last = " or ") {
    std::vector<std::string_view> names;
    for (const auto f : all_input_formats)
        if (keep(f)) names.push_back(to_string(f));
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? last : sep;
        out += names[i];
    }
    return out;
}

/// \brief The format named `name` (the names of to_string(input_format)).
/// \throws invalid_argument for any other name, listing the accepted ones.
inline input_format input_format_from_string(std::string_view name) {
    for (const auto f : all_input_formats)
        if (name == to_string(f)) return f;
    throw invalid_argument("unknown format '" + std::string(name) + "' (" +
                           format_names([](input_format) { return true; }, ", ", ", ") + ")");
}

/// \brief Whether records of format `f` are patents (the patent readers accept it).
constexpr bool holds_patents(input_format f) noexcept {
    return f == input_format::lens || f == input_format::uspto_xml || f == input_format::csv ||
           f == input_format::derwent || f == input_format::patentsview ||
           f == input_format::google_patents || f == input_format::patstat || f == input_format::lens_json ||
           f == input_format::patentsview_bulk;
}

/// \brief Whether records of format `f` are papers (the bibliographic readers accept it).
constexpr bool holds_papers(input_format f) noexcept {
    return f == input_format::wos || f == input_format::wos_tab || f == input_format::scopus ||
           f == input_format::openalex || f == input_format::lens_scholarly || f == input_format::pubmed;
}

/// \brief The tables of an EPO PATSTAT extract that io::patstat_reader reads.
enum class patstat_table : unsigned char {
    unknown,     ///< not a table the reader reads
    appln,       ///< tls201_appln: the applications (the records)
    appln_ipc,   ///< tls209_appln_ipc: IPC symbols per application
    person,      ///< tls206_person: names and countries of persons
    pers_appln,  ///< tls207_pers_appln: persons of an application, as applicant or inventor
    pat_publn,   ///< tls211_pat_publn: publications of an application
    citation,    ///< tls212_citation: citations made by a publication
};

/// \brief The catalogue name of a PATSTAT table ("tls201_appln", ...; "unknown").
constexpr std::string_view to_string(patstat_table t) noexcept {
    switch (t) {
        case patstat_table::appln: return "tls201_appln";
        case patstat_table::appln_ipc: return "tls209_appln_ipc";
        case patstat_table::person: return "tls206_person";
        case patstat_table::pers_appln: return "tls207_pers_appln";
        case patstat_table::pat_publn: return "tls211_pat_publn";
        case patstat_table::citation: return "tls212_citation";
        case patstat_table::unknown: break;
    }
    return "unknown";
}

namespace detail {
inline bool has_name(const std::vector<std::string>& h, std::string_view name);
}  // namespace detail

/// \brief The PATSTAT table whose header is `header` (column names of the PATSTAT Global
/// data catalogue, any case), from the columns only that table has: `appln_id` with
/// `appln_auth` and `appln_nr` (tls201_appln); `appln_id` with `ipc_class_symbol`
/// (tls209_appln_ipc); `person_id` with `person_name` (tls206_person); `person_id`,
/// `appln_id` and `applt_seq_nr` or `invt_seq_nr` (tls207_pers_appln); `pat_publn_id` with
/// `citn_id` (tls212_citation); `pat_publn_id` with `publn_auth` and `publn_nr`
/// (tls211_pat_publn). The one rule both format detection and the reader apply.
inline patstat_table patstat_table_of(const std::vector<std::string>& header) {
    const auto has = [&](std::string_view n) { return detail::has_name(header, n); };
    if (has("appln_id") && has("appln_auth") && has("appln_nr")) return patstat_table::appln;
    if (has("appln_id") && has("ipc_class_symbol")) return patstat_table::appln_ipc;
    if (has("person_id") && has("person_name")) return patstat_table::person;
    if (has("person_id") && has("appln_id") && (has("applt_seq_nr") || has("invt_seq_nr")))
        return patstat_table::pers_appln;
    if (has("pat_publn_id") && has("citn_id")) return patstat_table::citation;
    if (has("pat_publn_id") && has("publn_auth") && has("publn_nr")) return patstat_table::pat_publn;
    return patstat_table::unknown;
}

/// \brief The tables of the PatentsView bulk release that io::patentsview_bulk_reader reads.
enum class patentsview_table : unsigned char {
    unknown,             ///< not a table the reader reads
    patent,              ///< g_patent: the patents (the records)
    cpc_current,         ///< g_cpc_current: CPC codes per patent
    ipc_at_issue,        ///< g_ipc_at_issue: IPC codes per patent
    inventor,            ///< g_inventor_disambiguated: inventors per patent
    assignee,            ///< g_assignee_disambiguated: assignees per patent
    location,            ///< g_location_disambiguated: locations (the countries of inventors and assignees)
    us_patent_citation,  ///< g_us_patent_citation: US patents cited by a patent
};

/// \brief The bulk file name of a PatentsView table ("g_patent", ...; "unknown").
constexpr std::string_view to_string(patentsview_table t) noexcept {
    switch (t) {
        case patentsview_table::patent: return "g_patent";
        case patentsview_table::cpc_current: return "g_cpc_current";
        case patentsview_table::ipc_at_issue: return "g_ipc_at_issue";
        case patentsview_table::inventor: return "g_inventor_disambiguated";
        case patentsview_table::assignee: return "g_assignee_disambiguated";
        case patentsview_table::location: return "g_location_disambiguated";
        case patentsview_table::us_patent_citation: return "g_us_patent_citation";
        case patentsview_table::unknown: break;
    }
    return "unknown";
}

/// \brief The PatentsView bulk table whose header is `header` (column names of the
/// PatentsView data download dictionary, any case), from the columns only that table has:
/// `patent_id` with `patent_date` and `patent_type` (g_patent); `patent_id` with
/// `citation_patent_id` (g_us_patent_citation); `patent_id` with `cpc_group` and
/// `cpc_subclass` (g_cpc_current); `patent_id` with `main_group` and `subgroup`
/// (g_ipc_at_issue); `patent_id` with `inventor_sequence` (g_inventor_disambiguated);
/// `patent_id` with `assignee_sequence` (g_assignee_disambiguated); `location_id` with
/// `disambig_country` and no `patent_id` (g_location_disambiguated). The one rule both format
/// detection and the reader apply.
inline patentsview_table patentsview_table_of(const std::vector<std::string>& header) {
    const auto has = [&](std::string_view n) { return detail::has_name(header, n); };
    if (!has("patent_id"))
        return has("location_id") && has("disambig_country") ? patentsview_table::location
                                                              : patentsview_table::unknown;
    if (has("patent_date") && has("patent_type")) return patentsview_table::patent;
    if (has("citation_patent_id")) return patentsview_table::us_patent_citation;
    if (has("cpc_group") && has("cpc_subclass")) return patentsview_table::cpc_current;
    if (has("main_group") && has("subgroup")) return patentsview_table::ipc_at_issue;
    if (has("inventor_sequence")) return patentsview_table::inventor;
    if (has("assignee_sequence")) return patentsview_table::assignee;
    return patentsview_table::unknown;
}

/// \brief Whether a CSV header (column names, exact) is the OpenAlex web export's
/// (io/csv_works.hpp): `id` and `publication_year` with `authorships.countries` or
/// `authorships.institutions.display_name`. The one rule of format detection and of the
/// openalex format's choice between its JSON and CSV readers (openalex_csv_head).
inline bool is_openalex_csv_header(const std::vector<std::string>& h) {
    bool id = false, year = false, authorships = false;
    for (const auto& n : h) {
        id = id || n == "id";
        year = year || n == "publication_year";
        authorships = authorships || n == "authorships.countries" || n == "authorships.institutions.display_name";
    }
    return id && year && authorships;
}

/// \brief Whether a CSV header (column names, any case) is the Lens scholarly search export's
/// (io/csv_works.hpp, lens_scholarly_csv_layout): `Lens ID` with `Author/s`, `Source Title` or
/// `Citing Works Count`, and no `Jurisdiction` (a Lens patent export has one). The one rule of
/// format detection and of the lens-scholarly format's choice of its CSV reader.
inline bool is_lens_scholarly_csv_header(const std::vector<std::string>& h) {
    bool lens = false, scholarly = false, jurisdiction = false;
    for (const auto& n : h) {
        lens = lens || iequals(n, "Lens ID");
        scholarly = scholarly || iequals(n, "Author/s") || iequals(n, "Source Title") || iequals(n, "Citing Works Count");
        jurisdiction = jurisdiction || iequals(n, "Jurisdiction");
    }
    return lens && scholarly && !jurisdiction;
}

namespace detail {

/// The type of a reader, handed to the callbacks of construct_patent_reader and
/// construct_paper_reader (the one place each maps a format to its reader).
template <class R>
struct reader_tag {
    using type = R;
};

// Splits a CSV header line into trimmed, unquoted names (enough for sniffing).
inline std::vector<std::string> sniff_header(std::string_view line, char delim) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == delim && !quoted) {
            out.emplace_back(trim(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.emplace_back(trim(cur));
    return out;
}

// Whether a tagged export's head holds a Derwent Innovations Index record: a line `UT DIIDW:`
// (the DWPI accession), or a record `PT P` whose next line is `PN` with a publication number
// `CC<digits>...-<kind>` (a Web of Science record of type P, a patent, has no PN of that form:
// its PN is a part number).
constexpr bool is_alpha_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }

inline bool derwent_head(std::string_view head) {
    if (head.find("\nUT DIIDW:") != std::string_view::npos) return true;
    for (std::size_t p = head.find("PT P"); p != std::string_view::npos; p = head.find("PT P", p + 1)) {
        if (p != 0 && head[p - 1] != '\n') continue;
        std::size_t q = p + 4;
        if (q < head.size() && head[q] == '\r') ++q;
        if (q >= head.size() || head[q] != '\n') continue;
        const std::string_view pn = head.substr(q + 1, 64);
        if (pn.size() < 6 || pn.substr(0, 3) != "PN " || !is_alpha_upper(pn[3]) || !is_alpha_upper(pn[4])) continue;
        std::size_t k = 5;
        while (k < pn.size() && pn[k] >= '0' && pn[k] <= '9') ++k;
        if (k > 5 && k < pn.size() && pn[k] == '-') return true;
    }
    return false;
}

// Whether a JSON head holds PatentsView patents: a member `"patent_id"` and one of the
// members only a PatentsView response has: the page's `"patents"` array, `"cpc_current"`,
// `"patent_date"`, `"inventors"` or `"assignees"` (checked after the OpenAlex and Lens
// scholarly rules, whose works have none of these).
inline bool patentsview_head(std::string_view head) {
    if (head.find("\"patent_id\"") == std::string_view::npos) return false;
    for (const char* m : {"\"patents\"", "\"cpc_current\"", "\"patent_date\"", "\"inventors\"", "\"assignees\""})
        if (head.find(m) != std::string_view::npos) return true;
    return false;
}

// Whether a JSON head holds Lens patent records (Lens Patent API): a member `"lens_id"` and one
// only a patent record has: `"biblio"`, or `"doc_number"` with `"jurisdiction"` (checked before
// the Lens scholarly rule; scholarly works have none of these).
inline bool lens_patent_json_head(std::string_view head) {
    if (head.find("\"lens_id\"") == std::string_view::npos) return false;
    return head.find("\"biblio\"") != std::string_view::npos ||
           (head.find("\"doc_number\"") != std::string_view::npos &&
            head.find("\"jurisdiction\"") != std::string_view::npos);
}

inline bool has_name(const std::vector<std::string>& h, std::string_view name) {
    for (const auto& x : h)
        if (iequals(x, name)) return true;
    return false;
}

}  // namespace detail

/// \brief Whether `head` holds nothing but a byte-order mark (UTF-8 or UTF-16), spaces,
/// tabs, line ends and NUL bytes (the zeros of an empty UTF-16 text).
constexpr bool blank_text(std::string_view head) noexcept {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    else if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") head.remove_prefix(2);
    for (const char c : head)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\0') return false;
    return true;
}

/// \brief The format of a text that starts with `head` (the first few KiB of a file).
///
/// A head that starts with a UTF-16 byte-order mark is transcoded to UTF-8 first.
/// Rules, in order, after a UTF-8 byte-order mark and leading blanks:
///  - `<?xml` or `<us-patent-grant`: USPTO XML;
///  - `{` or `[` with `"https://openalex.org/W` or `"authorships"` in the head: OpenAlex works
///    (an API page, an array, or JSON Lines);
///  - `{` or `[` with `"lens_id"` and `"biblio"`, or `"doc_number"` with `"jurisdiction"`: Lens
///    patent records (a Lens Patent API response or JSON Lines of records);
///  - `{` or `[` with `"lens_id"` and `"year_published"` or `"scholarly_citations"`: Lens
///    scholarly works (JSON Lines export or API JSON);
///  - `{` or `[` with `"patent_id"` and one of `"patents"`, `"cpc_current"`, `"patent_date"`,
///    `"inventors"`, `"assignees"`: a PatentsView PatentSearch API response (or its patents);
///  - a first line starting `FN `, `PT ` or `VR `: the Derwent Innovations Index export when
///    the head holds a line `UT DIIDW:` or a record `PT P` followed by a line `PN` with a
///    publication number `CC<digits>-<kind>` (`PN US2017104972-A1`), else Web of Science
///    tagged text;
///  - a first line starting `PT` and a tab: Web of Science tab-delimited;
///  - a first line starting `PMID- ` (or `PMID-` and its end): PubMed MEDLINE text;
///  - a header (separated by ',', ';' or tabs: detect_delimiter, or the delimiter a `sep=`
///    line before it names: delimiter_hint) of the Lens scholarly export
///    (is_lens_scholarly_csv_header: `Lens ID` with `Author/s`, ..., no `Jurisdiction`): Lens
///    scholarly works, the CSV export (lens_scholarly_csv_head tells it from the JSON);
///  - naming `Lens ID` or
///    `Display Key`: Lens;
///  - naming `Publication Number`, `Jurisdiction`, `Kind` and `IPCR Classifications` or
///    `CPC Classifications`: Lens (the 2015 layout, which has no `Lens ID` column);
///  - a first line starting `search URL:` (any case), or a header naming `id`,
///    `inventor/author` and `result link`: the Google Patents export;
///  - naming `EID` or `Authors with affiliations`: Scopus;
///  - naming `id`, `publication_year` and `authorships.countries` or
///    `authorships.institutions.display_name` (is_openalex_csv_header): OpenAlex works, the CSV
///    export of the web interface (openalex_csv_head tells it from the JSON);
///  - naming both `id` and `ipc`: the techconv canonical CSV;
///  - a header of a PATSTAT table (patstat_table_of: `appln_id`, `appln_auth`, `appln_nr`
///    for tls201_appln, ...): an EPO PATSTAT extract;
///  - a header of a PatentsView bulk table (patentsview_table_of: `patent_id`, `patent_date`
///    and `patent_type` for g_patent, ...): the PatentsView bulk tables.
/// Header names compare case-insensitively. The first line ends at LF or CR: a spreadsheet on
/// a Mac saves CR-only line ends.
/// \returns input_format::automatic when no rule matches.
/// Complexity: O(head size).
inline input_format detect_format_of(std::string_view head) {
    if (head.size() >= 2 && (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF")) {
        // UTF-16 with a BOM: the rules apply to its UTF-8 transcoding (the readers transcode too)
        const std::string utf8 = utf16_sample_to_utf8(head, head[0] == '\xFE');
        return detect_format_of(utf8);
    }
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    std::size_t p = 0;
    while (p < head.size() && (head[p] == ' ' || head[p] == '\n' || head[p] == '\r' || head[p] == '\t')) ++p;
    head.remove_prefix(p);
    if (head.substr(0, 5) == "<?xml" || head.substr(0, 16) == "<us-patent-grant") return input_format::uspto_xml;
    if ((head.substr(0, 1) == "{" || head.substr(0, 1) == "[") &&
        (head.find("\"https://openalex.org/W") != std::string_view::npos ||
         head.find("\"authorships\"") != std::string_view::npos))
        return input_format::openalex;
    if ((head.substr(0, 1) == "{" || head.substr(0, 1) == "[") && detail::lens_patent_json_head(head))
        return input_format::lens_json;
    if ((head.substr(0, 1) == "{" || head.substr(0, 1) == "[") && head.find("\"lens_id\"") != std::string_view::npos &&
        (head.find("\"year_published\"") != std::string_view::npos ||
         head.find("\"scholarly_citations") != std::string_view::npos))
        return input_format::lens_scholarly;
    if ((head.substr(0, 1) == "{" || head.substr(0, 1) == "[") && detail::patentsview_head(head))
        return input_format::patentsview;
    std::string_view line = head.substr(0, head.find_first_of("\r\n"));
    char delimiter = delimiter_hint(line);  // a spreadsheet's `sep=X` line: the header follows it
    if (delimiter != '\0') {
        head.remove_prefix(line.size());
        while (!head.empty() && (head.front() == '\r' || head.front() == '\n')) head.remove_prefix(1);
        line = head.substr(0, head.find_first_of("\r\n"));
    } else {
        delimiter = detect_delimiter(line);
    }
    const auto starts = [&](std::string_view s) { return line.substr(0, s.size()) == s; };
    if (starts("FN ") || starts("PT ") || starts("VR "))
        return detail::derwent_head(head) ? input_format::derwent : input_format::wos;
    if (starts("PT\t")) return input_format::wos_tab;
    if (starts("PMID- ") || line == "PMID-") return input_format::pubmed;
    if (line.size() >= 11 && iequals(line.substr(0, 11), "search URL:")) return input_format::google_patents;
    const auto h = detail::sniff_header(line, delimiter);
    if (is_lens_scholarly_csv_header(h)) return input_format::lens_scholarly;
    if (detail::has_name(h, "Lens ID") || detail::has_name(h, "Display Key")) return input_format::lens;
    if (detail::has_name(h, "Publication Number") && detail::has_name(h, "Jurisdiction") &&
        detail::has_name(h, "Kind") &&
        (detail::has_name(h, "IPCR Classifications") || detail::has_name(h, "CPC Classifications")))
        return input_format::lens;
    if (detail::has_name(h, "id") && detail::has_name(h, "inventor/author") && detail::has_name(h, "result link"))
        return input_format::google_patents;
    if (detail::has_name(h, "EID") || detail::has_name(h, "Authors with affiliations")) return input_format::scopus;
    if (is_openalex_csv_header(h)) return input_format::openalex;
    if (detail::has_name(h, "id") && detail::has_name(h, "ipc")) return input_format::csv;
    if (patstat_table_of(h) != patstat_table::unknown) return input_format::patstat;
    if (patentsview_table_of(h) != patentsview_table::unknown) return input_format::patentsview_bulk;
    return input_format::automatic;
}

/// \brief Whether `head` (the first KiB of an input of format openalex) is the CSV export of
/// the OpenAlex web interface rather than JSON: detect_format_of gives openalex and the text
/// does not start with `{` or `[` (after a byte-order mark and blanks).
inline bool openalex_csv_head(std::string_view head) {
    if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF")
        return openalex_csv_head(utf16_sample_to_utf8(head, head[0] == '\xFE'));
    if (detect_format_of(head) != input_format::openalex) return false;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    const std::size_t p = head.find_first_not_of(" \t\r\n");
    return p != std::string_view::npos && head[p] != '{' && head[p] != '[';
}

/// \brief Whether `head` (the first KiB of an input of format lens-scholarly) is the CSV export of
/// lens.org scholarly search rather than JSON: detect_format_of gives lens-scholarly and the text
/// does not start with `{` or `[` (after a byte-order mark and blanks).
inline bool lens_scholarly_csv_head(std::string_view head) {
    if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF")
        return lens_scholarly_csv_head(utf16_sample_to_utf8(head, head[0] == '\xFE'));
    if (detect_format_of(head) != input_format::lens_scholarly) return false;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    const std::size_t p = head.find_first_not_of(" \t\r\n");
    return p != std::string_view::npos && head[p] != '{' && head[p] != '[';
}

/// \brief Detects the format of `in` from its first 4 KiB (rules of detect_format_of),
/// read as input_source::head: the input is not consumed, a reader continues from stream().
/// \throws parse_error: io_error when the input cannot be opened, empty_input when it holds
///         nothing (blank_text), bad_value naming it when no rule matches.
inline input_format detect_format(input_source& in) {
    const std::string_view head = in.head(4096);
    const input_format f = detect_format_of(head);
    if (f == input_format::automatic && blank_text(head))
        ::techconv::detail::throw_error<parse_error>(error_code::empty_input, source_location{in.name(), 1, 0, 0, {}},
                                                      "the input is empty (no bytes, or only blank lines)");
    if (f == input_format::automatic)
        ::techconv::detail::throw_error<parse_error>(
            error_code::bad_value, source_location{in.name(), 1, 0, 0, {}},
            "cannot detect the format from the first line; name the format explicitly");
    return f;
}

/// \brief What techconv decided about one input before and while reading it: the format, the
/// encoding its reader used, and the line ends of its bytes. The command writes it to
/// manifest.json (per input) and to report.md.
struct input_detection {
    std::string source;                             ///< the input's name (`-`: standard input)
    input_format format = input_format::automatic;  ///< the format it was read as
    bool format_detected = false;                   ///< detected from content (`--format auto`), not given
    text_encoding encoding = text_encoding::utf8;   ///< the encoding its reader used (encoding_evidence::used)
    bool encoding_detected = false;                 ///< decided by detect_encoding, not given
    bool bom = false;                               ///< a byte-order mark was skipped
    std::size_t bytes_not_utf8 = 0;                 ///< stray bytes of a UTF-8 reading, read as CP1252
    std::size_t lf = 0, crlf = 0, cr = 0;           ///< how many line ends of each kind (line_end_counter)
    /// The kind of line ends of every byte read, from the counts (line_end_style_of).
    line_end_style line_ends() const noexcept { return line_end_style_of(lf, crlf, cr); }
};

/// \brief The detection record of input `in` read as format `f` (`requested`: the format the
/// caller asked for, automatic when `f` was detected), whose reader reported the encoding
/// evidence `ev`. Call after the input was read to its end (input_source::finish), so that the
/// line ends are those of the whole input. The one place the record is made.
inline input_detection detection_of(const input_source& in, input_format f, input_format requested,
                                    const encoding_evidence& ev) {
    input_detection d;
    d.source = in.name();
    d.format = f;
    d.format_detected = requested == input_format::automatic;
    d.encoding = ev.used == text_encoding::utf8_cp1252_strays ? text_encoding::utf8 : ev.used;
    d.encoding_detected = ev.requested == text_encoding::automatic;
    d.bom = ev.bom;
    d.bytes_not_utf8 = ev.stray_bytes;
    const auto& c = in.line_ends();
    d.lf = c.lf();
    d.crlf = c.crlf();
    d.cr = c.cr();
    return d;
}

/// \brief The detection for a report line: "format lens (detected), encoding Mac Roman
/// (detected), line ends CR only (31 CR)"; "encoding UTF-8 with BOM (given)"; "line ends
/// mixed (10 LF, 2 CRLF)"; empty for a record never made (no source).
inline std::string describe(const input_detection& d) {
    if (d.source.empty()) return {};
    std::string s = "format ";
    s += to_string(d.format);
    s += d.format_detected ? " (detected)" : " (given)";
    s += ", encoding ";
    s += display_name(d.encoding);
    if (d.bom) s += " with BOM";
    s += d.encoding_detected ? " (detected)" : " (given)";
    s += ", line ends ";
    s += display_name(d.line_ends());
    if (d.line_ends() == line_end_style::none) return s;
    s += " (";
    bool first = true;
    const auto part = [&](std::size_t n, const char* what) {
        if (n == 0) return;
        if (!first) s += ", ";
        first = false;
        s += std::to_string(n) + " " + what;
    };
    part(d.lf, "LF");
    part(d.crlf, "CRLF");
    part(d.cr, "CR");
    return s + ")";
}

/// \brief Detects the format of the file at `path` (opens it for that alone; to read a FIFO or
/// standard input, detect and read through one input_source instead).
inline input_format detect_format(const std::string& path) {
    input_source in(path);
    return detect_format(in);
}

// Public for the split readings of parallel::mpi, which read a table set by shares with the
// readers' own rules:
using detail::sniff_header;  ///< the column names of a header line (the table readers' rule)

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_DETECT_HPP_
