// Fuzz target: io::patstat_reader (the tables of an EPO PATSTAT extract joined on appln_id)
// over the CSV reader.
// fuzz-options: -max_len=4096
//
// Input: byte 0 (bit 0: encoding UTF-8 named instead of automatic; bit 1: at most 2 codes per
// record), the rest is up to eight tables separated by form feeds ('\f'), named t0.csv,
// t1.csv, ... (the reader finds each by its header).
//
// Invariants: the reader ends in records or a located parse_error; every record has an id;
// its stated counts are never negative; its IPC codes parse, are each listed once and are at
// most max_codes_per_record; stats().records is the number delivered and equals the
// tls201_appln rows read (tables()); a second reading of the same tables gives the same ids.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <set>      // std::set
#include <string>   // std::string
#include <utility>  // std::pair, std::move
#include <vector>   // std::vector

#include <techconv/classification/ipc.hpp>
#include <techconv/io/patstat.hpp>

#include "fuzz_support.hpp"
#include "patent_checks.hpp"

namespace io = techconv::io;
using techconv_fuzz::check;
using techconv_fuzz::check_codes;

namespace {

struct patstat_result {
    std::vector<std::string> ids;
    bool failed = false;
};

patstat_result read_patstat_fuzz(const std::vector<std::string>& texts, const io::patstat_options& o) {
    patstat_result out;
    // in memory: the reader reads some tables twice (its index passes, then the join)
    std::vector<std::pair<std::string, std::string>> tables;
    for (std::size_t k = 0; k < texts.size(); ++k) tables.emplace_back("t" + std::to_string(k) + ".csv", texts[k]);
    io::patstat_reader r(std::move(tables), o);
    try {
        io::patent_record rec;
        while (r.next(rec)) {
            check(!rec.id.empty(), "a record without an id");
            techconv_fuzz::check_counts(rec, io::all_indicators);
            check_codes(rec.ipc, rec.id);
            check(rec.ipc.size() <= o.max_codes_per_record, "more codes than max_codes_per_record", rec.id);
            out.ids.push_back(rec.id);
        }
        check(r.stats().records == out.ids.size(), "stats().records differs from the records delivered");
        std::size_t appln_rows = 0;
        for (const auto& t : r.tables())
            if (t.table == io::patstat_table::appln) appln_rows += t.rows;
        check(out.ids.size() == appln_rows, "records differ from the tls201_appln rows read");
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
    const std::vector<std::string> tables = techconv_fuzz::split_tables(text);
    io::patstat_options o;
    o.encoding = (flags & 1u) ? io::text_encoding::utf8 : io::text_encoding::automatic;
    o.max_codes_per_record = (flags & 2u) ? 2 : 1000;
    const patstat_result first = read_patstat_fuzz(tables, o);
    const patstat_result second = read_patstat_fuzz(tables, o);
    check(first.failed == second.failed && first.ids == second.ids, "two readings of the same tables differ");
    return 0;
}
