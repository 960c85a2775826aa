// Fuzz target: io::patentsview_bulk_reader (the PatentsView bulk g_* tables joined on
// patent_id as a merge of streams) over the CSV reader.
// fuzz-options: -max_len=4096
//
// Input: byte 0 (bit 0: encoding UTF-8 named instead of automatic; bit 1: at most 2 codes per
// record), the rest is up to eight tables separated by form feeds ('\f'), named t0.tsv,
// t1.tsv, ... (the reader finds each by its header).
//
// Invariants: the reader ends in records or a located parse_error; every record has an id
// `US <number>...` and jurisdiction US; its stated counts are never negative; its backward
// citations equal its cited patents; its CPC and IPC codes parse, are each listed once and
// are at most max_codes_per_record; stats().records is the number delivered; no more records
// than g_patent rows were read (tables()); a second reading of the same tables gives the same
// ids (the passes are deterministic).
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <set>      // std::set
#include <string>   // std::string
#include <utility>  // std::pair
#include <vector>   // std::vector

#include <techconv/classification/ipc.hpp>
#include <techconv/io/patentsview_bulk.hpp>

#include "fuzz_support.hpp"
#include "patent_checks.hpp"

namespace io = techconv::io;
using techconv_fuzz::check;
using techconv_fuzz::check_codes;

namespace {

struct pvb_result {
    std::vector<std::string> ids;
    bool failed = false;
};

pvb_result read_pvb_fuzz(const std::vector<std::pair<std::string, std::string>>& tables,
                         const io::patentsview_bulk_options& o) {
    pvb_result out;
    io::patentsview_bulk_reader r(tables, o);
    try {
        io::patent_record rec;
        while (r.next(rec)) {
            check(rec.id.size() > 3 && rec.id.compare(0, 3, "US ") == 0, "a record id that is no US number", rec.id);
            check(rec.jurisdiction == "US", "a record outside the US", rec.id);
            techconv_fuzz::check_counts(rec, io::all_indicators);
            const auto backward = rec.counts.get(io::indicator::backward_citations);
            if (backward)
                check(static_cast<std::size_t>(*backward) == rec.cited_patents.size(),
                      "backward citations differ from the cited patents", rec.id);
            const auto forward = rec.counts.get(io::indicator::forward_citations);
            if (forward)
                check(static_cast<std::size_t>(*forward) == rec.citing_patents.size() &&
                          rec.has(io::patent_field::citing_list),
                      "forward citations differ from the citing patents", rec.id);
            else
                check(rec.citing_patents.empty(), "citing patents without the citation table", rec.id);
            check_codes(rec.cpc, rec.id);
            check_codes(rec.ipc, rec.id);
            check(rec.cpc.size() <= o.max_codes_per_record && rec.ipc.size() <= o.max_codes_per_record,
                  "more codes than max_codes_per_record", rec.id);
            out.ids.push_back(rec.id);
        }
        check(r.stats().records == out.ids.size(), "stats().records differs from the records delivered");
        std::size_t patent_rows = 0;
        for (const auto& t : r.tables())
            if (t.table == io::patentsview_table::patent) patent_rows += t.rows;
        check(out.ids.size() == patent_rows, "records differ from the g_patent rows read");
    } catch (const techconv::parse_error& e) {
        techconv_fuzz::check_located_error(e);
        out.failed = true;
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    techconv_fuzz::input in(data, size);
    const unsigned flags = in.take_byte();
    const std::string text(in.rest());
    std::vector<std::pair<std::string, std::string>> tables;
    for (auto& t : techconv_fuzz::split_tables(text))
        tables.emplace_back("t" + std::to_string(tables.size()) + ".tsv", std::move(t));
    io::patentsview_bulk_options o;
    o.encoding = (flags & 1u) ? io::text_encoding::utf8 : io::text_encoding::automatic;
    o.max_codes_per_record = (flags & 2u) ? 2 : 1000;
    const pvb_result first = read_pvb_fuzz(tables, o);
    const pvb_result second = read_pvb_fuzz(tables, o);
    check(first.failed == second.failed && first.ids == second.ids, "two readings of the same tables differ");
    return 0;
}
