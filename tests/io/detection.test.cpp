// The detection record of an input (techconv/io/detect.hpp detection_of, format/line_ends.hpp):
// line ends counted over blocks split anywhere, UTF-16 counted by code units, and the record
// read_paper_table fills per file. Expected counts are hand counts of the texts written here.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "techconv/format/input.hpp"
#include "techconv/format/line_ends.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/papers.hpp"

namespace {

namespace tio = techconv::io;

// Feeds `s` to a counter in blocks of `block` bytes.
tio::line_end_counter counted(const std::string& s, std::size_t block) {
    tio::line_end_counter c;
    for (std::size_t i = 0; i < s.size(); i += block) c.feed(s.data() + i, std::min(block, s.size() - i));
    return c;
}

}  // namespace

TEST_CASE("line_end_counter: LF, CRLF, CR only and mixed, whatever the block boundaries") {
    // "a\r\nb\rc\nd\r": 1 CRLF, then CR, LF, and a CR at the very end (hand count: 1 LF, 1 CRLF, 2 CR)
    const std::string mixed = "a\r\nb\rc\nd\r";
    for (std::size_t block = 1; block <= mixed.size(); ++block) {
        CAPTURE(block);
        const auto c = counted(mixed, block);
        CHECK(c.lf() == 1);
        CHECK(c.crlf() == 1);
        CHECK(c.cr() == 2);
        CHECK(c.style() == tio::line_end_style::mixed);
    }
    CHECK(counted("x\ny\n", 1).style() == tio::line_end_style::lf);
    CHECK(counted("x\r\ny\r\n", 3).style() == tio::line_end_style::crlf);
    CHECK(counted("x\r\ny\r\n", 3).crlf() == 2);
    CHECK(counted("x\ry\r", 2).style() == tio::line_end_style::cr);
    CHECK(counted("one line", 4).style() == tio::line_end_style::none);
    CHECK(counted("", 4).style() == tio::line_end_style::none);
    CHECK(tio::to_string(tio::line_end_style::cr) == "cr");
}

TEST_CASE("line_end_counter: UTF-16 is counted by code units, the BOM split or not") {
    // U+0A0D (bytes 0D 0A in UTF-16 LE) is a Gurmukhi code point, not a line end; then "a" CR LF
    // "b" CR: hand count 1 CRLF, 1 CR, 0 LF.
    const std::string le("\xFF\xFE\x0D\x0A" "a\0\r\0\n\0b\0\r\0", 14);
    const std::string be("\xFE\xFF\x0A\x0D" "\0a\0\r\0\n\0b\0\r", 14);
    for (const auto* s : {&le, &be})
        for (std::size_t block = 1; block <= s->size(); ++block) {
            CAPTURE(block);
            const auto c = counted(*s, block);
            CHECK(c.lf() == 0);
            CHECK(c.crlf() == 1);
            CHECK(c.cr() == 1);
        }
}

TEST_CASE("detection_of: read_paper_table records format, encoding and line ends per file") {
    // a PubMed record in Mac style (CR only, 3 line ends) after a UTF-8 BOM: hand count 3 CR
    std::istringstream a("\xEF\xBB\xBFPMID- 1\rDP  - 2020\rAD  - Dept, Univ Tokyo, Tokyo, Japan.\r");
    // the same record with CRLF and no BOM: hand count 3 CRLF
    std::istringstream b("PMID- 2\r\nDP  - 2021\r\nAD  - Dept, Univ Lyon, Lyon, France.\r\n");
    std::vector<tio::input_source> in;
    in.emplace_back(a, "a.txt");
    in.emplace_back(b, "b.txt");
    tio::read_papers_options o;
    o.format = tio::input_format::automatic;
    const auto got = tio::read_paper_table(std::move(in), o);
    REQUIRE(got.files.size() == 2);
    const auto& da = got.files[0].detection;
    CHECK(da.source == "a.txt");
    CHECK(da.format == tio::input_format::pubmed);
    CHECK(da.format_detected);
    CHECK(da.encoding == tio::text_encoding::utf8);
    CHECK(da.bom);
    CHECK(da.line_ends() == tio::line_end_style::cr);
    CHECK(da.cr == 3);
    CHECK(da.lf + da.crlf == 0);
    CHECK(tio::describe(da) == "format pubmed (detected), encoding UTF-8 with BOM (detected), line ends CR only (3 CR)");
    const auto& db = got.files[1].detection;
    CHECK(db.line_ends() == tio::line_end_style::crlf);
    CHECK(db.crlf == 3);
    CHECK(!db.bom);
    CHECK(tio::paper_input_note(got.files[1]).find("; format pubmed (detected), encoding UTF-8 (detected), line ends CRLF (3 CRLF)") !=
          std::string::npos);
    CHECK(tio::describe(tio::input_detection{}).empty());  // a record never made says nothing
}
