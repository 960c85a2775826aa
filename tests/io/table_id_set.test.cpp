// SPDX-License-Identifier: BSL-1.0
// io::detail::table_id_set (io/patent_inputs.hpp), the duplicate check of read_patent_table:
// ids found through the table's id column, across the set's growths (1,024 slots, doubled at
// half load), for ids present and absent, and ids that share a prefix. Expected answers: the
// ids the test wrote into the table (membership by construction).
#include <doctest/doctest.h>

#include <string>

#include <techconv/io/patent_inputs.hpp>
#include <techconv/records/patent_table.hpp>

namespace tio = techconv::io;
namespace tr = techconv::records;

TEST_CASE("table_id_set: every row's id is found, other ids are not, through several growths") {
    tr::patent_table_options o;
    o.chunk_capacity = 1000;  // rows spread over several chunks
    tr::patent_table t(o);
    tio::detail::table_id_set seen(t);
    CHECK_FALSE(seen.contains("EP 1 A1"));  // empty set
    const int n = 6000;                     // past 1024, 2048, 4096, 8192 slots
    for (int i = 0; i < n; ++i) {
        t.begin_row(static_cast<std::size_t>(i) + 2);
        t.set_id("EP " + std::to_string(i) + " A1");
        t.end_row();
        seen.insert(t.size() - 1);
    }
    int missing = 0, extra = 0;
    for (int i = 0; i < n; ++i) {
        missing += seen.contains("EP " + std::to_string(i) + " A1") ? 0 : 1;
        extra += seen.contains("EP " + std::to_string(i) + " A2") ? 1 : 0;  // same prefix, other kind
        extra += seen.contains("EP " + std::to_string(n + i) + " A1") ? 1 : 0;
    }
    CHECK(missing == 0);
    CHECK(extra == 0);
    CHECK_FALSE(seen.contains(""));
    CHECK(seen.memory_bytes() >= 16384 * sizeof(std::uint64_t));  // 6000 ids at most half full
}
