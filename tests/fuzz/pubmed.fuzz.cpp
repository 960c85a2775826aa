// Fuzz target: io::pubmed_reader (PubMed MEDLINE text, "Save -> PubMed format").
// fuzz-options: -max_len=4096
//
// Input: byte 0 selects the options (see bibliographic_options_from), the
// rest is the export text.
//
// Invariants: the checks of bibliographic_checks.hpp under both policies;
// the skip policy agrees with the error policy when that one succeeds; every
// delivered id is "PMID:" and digits; no record is lost without a count:
// under the skip policy every `PMID- ` line (a record start, counted here on
// the raw lines) ends as a delivered record, a dropped duplicate or a counted skip.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <string>   // std::string

#include <techconv/format/encoding.hpp>
#include <techconv/io/pubmed.hpp>

#include "bibliographic_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const auto o = techconv_fuzz::bibliographic_options_from(in.take_byte());
    const std::string text(in.rest());
    const auto lenient = techconv_fuzz::read_both_policies<techconv::io::pubmed_reader>(text, o);

    if (lenient.failed) return 0;
    std::size_t starts = 0;
    for (auto line : techconv_fuzz::split_lines(text)) {
        if (o.encoding == techconv::io::text_encoding::utf8 && !techconv::io::is_valid_utf8(line))
            continue;  // the reader cannot see its tag
        // a byte-order mark at a line start (concatenated downloads) only in UTF-8: read as
        // latin1 the same three bytes are the text "\u00EF\u00BB\u00BF", not a mark
        if (o.encoding == techconv::io::text_encoding::utf8 && line.substr(0, 3) == "\xEF\xBB\xBF")
            line.remove_prefix(3);
        if (line.substr(0, 6) == "PMID- " || line == "PMID-") ++starts;
    }
    const auto& rep = lenient.report;
    techconv_fuzz::check(rep.records + rep.duplicates + rep.skipped >= starts,
                         "a PubMed record was dropped without a count",
                         std::to_string(rep.records) + "+" + std::to_string(rep.duplicates) + "+" +
                             std::to_string(rep.skipped) + " < " + std::to_string(starts));
    for (const auto& r : lenient.records) {
        bool ok = r.id.size() > 5 && r.id.compare(0, 5, "PMID:") == 0;
        for (std::size_t i = 5; ok && i < r.id.size(); ++i) ok = r.id[i] >= '0' && r.id[i] <= '9';
        techconv_fuzz::check(ok, "a PubMed id that is not PMID:<digits>", r.id);
        techconv_fuzz::check(r.references.empty(), "a PubMed record with references", r.id);
    }
    return 0;
}
