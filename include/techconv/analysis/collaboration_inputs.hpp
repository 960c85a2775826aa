// SPDX-License-Identifier: BSL-1.0
//
// The actor records of the [COOP] collaboration analysis read from input files:
// which inputs hold countries (paper exports: author addresses; USPTO XML
// patents: the parties of each simple family), the refusal of other formats and
// of mixed kinds, and the reading of either kind into closeness::actor_records.
// `techconv closeness` and the Python binding's techconv.closeness both load
// their inputs here.
#ifndef TECHCONV_ANALYSIS_COLLABORATION_INPUTS_HPP_
#define TECHCONV_ANALYSIS_COLLABORATION_INPUTS_HPP_

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include "techconv/analysis/collaboration.hpp"
#include "techconv/closeness/records.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/papers.hpp"
#include "techconv/io/patent_inputs.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief How load_collaboration_inputs() reads its inputs.
struct collaboration_input_options {
    io::input_format format = io::input_format::automatic;  ///< automatic: io::detect_format per input
    /// Options of paper inputs. The loader reads countries and institutions only:
    /// it turns off titles, keywords, references and the table's texts itself.
    io::read_papers_options papers;
    /// Options of patent inputs (encoding, limits); the loader reads them as
    /// uspto-xml with simple families merged.
    io::read_patents_options patents;
    patent_parties parties = patent_parties::inventors;  ///< patents: whose countries are the actors
    bool institutions = false;  ///< papers: also the institution records (refused for patents)
};

/// \brief The actors of a collaboration analysis and what reading them did.
struct collaboration_inputs {
    closeness::actor_records countries;     ///< one record per paper or simple family
    closeness::actor_records institutions;  ///< papers, with collaboration_input_options::institutions
    bool papers = true;                     ///< paper inputs (false: USPTO XML patents)
    std::string kind = "papers";            ///< "papers" or "patents (simple families)"
    std::vector<std::string> notes;         ///< one line per input file (then the family merging, patents)
    /// Records dropped as repeated: a file's repeated ids plus the records whose id
    /// an earlier file gave (closeness::actor_records::duplicates).
    std::size_t duplicates = 0;
    std::size_t unresolved = 0;      ///< papers: addresses whose country was not recognised
    std::size_t bytes_not_utf8 = 0;  ///< bytes read as CP1252 in files otherwise UTF-8
    /// Per input read: format, encoding and line ends (io::detection_of), in input order.
    std::vector<io::input_detection> detections;
};

/// \brief The countries (and, when `institutions`, the institutions) of papers
/// read by io::read_paper_table, with the notes and counts of reading them.
inline collaboration_inputs collaboration_inputs_of(const io::paper_inputs& in, bool institutions = false) {
    collaboration_inputs out;
    for (const auto& f : in.files) {
        out.notes.push_back(io::paper_input_note(f));
        out.detections.push_back(f.detection);
    }
    out.countries = country_records(in.table);
    if (institutions) out.institutions = institution_records(in.table);
    out.duplicates = in.duplicates() + out.countries.duplicates().size();
    out.unresolved = in.unresolved_addresses();
    out.bytes_not_utf8 = in.bytes_not_utf8();
    return out;
}

/// \brief The countries of `parties` of each simple family of USPTO XML patents
/// read by io::read_patent_table with families merged, with the notes and counts.
inline collaboration_inputs collaboration_inputs_of(const io::patent_table_inputs& in, patent_parties parties) {
    collaboration_inputs out;
    out.papers = false;
    out.kind = "patents (simple families)";
    out.notes = in.notes();
    out.notes.push_back("simple-family merging: " + std::to_string(in.read) + " -> " +
                        std::to_string(in.table.size()) + " records");
    for (const auto& f : in.files) {
        out.bytes_not_utf8 += f.stats.text.stray_bytes;
        out.detections.push_back(f.detection);
    }
    out.countries = patent_country_records(in.table, parties);
    out.duplicates = in.duplicates + out.countries.duplicates().size();
    return out;
}

/// \brief Inputs whose kind is known: all papers, or all USPTO XML patents.
struct collaboration_input_plan {
    std::vector<io::input_source> inputs;  ///< in order, each with its head read once
    bool patents = false;                  ///< patents of holds_party_countries (false: papers, or no input)
};

/// \brief Whether patents of format `f` name their inventors' and applicants' countries, so
/// that a collaboration analysis can count them (uspto-xml, patstat, lens-json: `residence`).
constexpr bool holds_party_countries(io::input_format f) noexcept {
    return f == io::input_format::uspto_xml || f == io::input_format::patstat || f == io::input_format::lens_json;
}

/// \brief Decides the kind of each input of a collaboration analysis and refuses
/// what it cannot read.
///
/// Each input's format is `o.format`, or detected from its head (the reader then
/// continues the same stream). Paper formats (wos, wos-tab, scopus, openalex,
/// lens-scholarly, pubmed) give the countries of the author addresses; uspto-xml and patstat
/// the countries of `o.parties` of each simple family.
/// \throws invalid_argument naming the input when a format has no author or inventor
///         countries; when papers and patents are mixed; when institutions are
///         asked of patents.
inline collaboration_input_plan plan_collaboration_inputs(std::vector<io::input_source> inputs,
                                                          const collaboration_input_options& o) {
    bool papers = false;
    collaboration_input_plan out;
    for (auto& in : inputs) {
        const auto f = o.format == io::input_format::automatic ? io::detect_format(in) : o.format;
        if (holds_party_countries(f)) {
            out.patents = true;
        } else if (io::holds_papers(f)) {
            papers = true;
        } else {
            throw invalid_argument(in.name() + ": format " + std::string(io::to_string(f)) +
                                   " has no author or inventor countries (use " +
                                   io::format_names([](io::input_format g) {
                                       return io::holds_papers(g) || holds_party_countries(g);
                                   }) +
                                   ")");
        }
    }
    if (out.patents && papers) throw invalid_argument("mixing papers and patents in one run is not supported");
    if (o.institutions && out.patents)
        throw invalid_argument(
            "--institutions needs paper inputs (wos, wos-tab, scopus, openalex, lens-scholarly or pubmed)");
    out.inputs = std::move(inputs);
    return out;
}

/// \brief Reads the actors of planned inputs (plan_collaboration_inputs).
///
/// Papers: io::read_paper_table with `o.papers` reading countries (and institutions)
/// only. Patents: `read_patents(inputs, ro)` reads them into an io::patent_table_inputs,
/// where `ro` is `o.patents` with `o.format` and simple families merged (a caller
/// may add its progress and counters around io::read_patent_table, with the same
/// reading). \throws parse_error and invalid_argument from the readers.
template <class ReadPatents>
collaboration_inputs read_collaboration_inputs(collaboration_input_plan plan, const collaboration_input_options& o,
                                               ReadPatents&& read_patents) {
    if (plan.patents) {
        io::read_patents_options ro = o.patents;
        ro.format = o.format;  // automatic: each input's own (detected again from its kept head)
        ro.merge_families = true;
        const io::patent_table_inputs in =
            read_patents(std::move(plan.inputs), static_cast<const io::read_patents_options&>(ro));
        return collaboration_inputs_of(in, o.parties);
    }
    if (plan.inputs.empty()) return {};
    io::read_papers_options ro = o.papers;
    ro.format = o.format;
    ro.reader.titles_and_keywords = false;  // countries and institutions only
    ro.reader.references = false;
    ro.table.texts = false;
    return collaboration_inputs_of(io::read_paper_table(std::move(plan.inputs), ro), o.institutions);
}

/// \brief The actors of a collaboration analysis read from `inputs`:
/// read_collaboration_inputs(plan_collaboration_inputs(inputs, o), o), patents read with
/// io::read_patent_table. \throws as those two do.
inline collaboration_inputs load_collaboration_inputs(std::vector<io::input_source> inputs,
                                                      const collaboration_input_options& o = {}) {
    return read_collaboration_inputs(plan_collaboration_inputs(std::move(inputs), o), o,
                                     [](std::vector<io::input_source> in, const io::read_patents_options& ro) {
                                         return io::read_patent_table(std::move(in), ro);
                                     });
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_COLLABORATION_INPUTS_HPP_
