// Bad-input catalogue, bounds (docs/reliability.md, "Bounds"): XML nesting
// depth, columns of a table and codes per record are limited with a located
// limit_exceeded error before memory grows with the hostile input, and
// de-duplicating a long code list takes expected linear time, keeping the
// first of equal codes in input order. Every expected location is counted by
// hand from the small generated input.
#include <doctest/doctest.h>

#include <techconv/format/csv.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/io/uspto_xml.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv_bad_input::expected_error;
namespace io = techconv::io;

namespace {

// A USPTO grant whose bibliographic data holds `n` IPC entries A01B i/00 (i = 1..n), all on line 2.
std::string grant_with_codes(int n) {
    std::string s = "<?xml version=\"1.0\"?>\n<us-patent-grant><us-bibliographic-data-grant>"
                    "<publication-reference><document-id><country>US</country><doc-number>1</doc-number>"
                    "<kind>B1</kind><date>20050104</date></document-id></publication-reference>"
                    "<classifications-ipcr>";
    for (int i = 1; i <= n; ++i)
        s += "<classification-ipcr><section>A</section><class>01</class><subclass>B</subclass><main-group>" +
             std::to_string(i) + "</main-group><subgroup>00</subgroup></classification-ipcr>";
    s += "</classifications-ipcr></us-bibliographic-data-grant></us-patent-grant>\n";
    return s;
}

// Distinct valid IPC codes for i = 0..209,999: A01B 1/10000 .. A01B 21/19999.
std::string code(int i) { return "A01B" + std::to_string(1 + i / 10000) + "/" + std::to_string(10000 + i % 10000); }

// A Lens export of one record whose IPCR cell is `cell` (line 2, column 3).
std::string lens_with_cell(const std::string& cell) {
    return "Lens ID,Publication Number,IPCR Classifications\n000-1,US 1 A," + cell + "\n";
}

// Reading the first record of `in` with a Reader and options `o` must fail with `want`.
template <class Reader, class Options>
void expect_error(std::istream& in, const std::string& source, const Options& o, const expected_error& want) {
    try {
        Reader r(in, source, o);
        io::patent_record rec;
        (void)r.next(rec);
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        techconv_bad_input::check_error(e, want, source);
    }
}

}  // namespace

TEST_CASE("bad input: bounds: XML nesting deeper than max_depth") {
    // 1 TiB of "<a>" made on the fly (100 M levels used to end in bad_alloc): the 257th open
    // element of the default limit 256 is refused, line 1, naming the element.
    techconv_bad_input::endless_buf buf("<a>", std::uint64_t{1} << 40);
    std::istream in(&buf);
    expect_error<io::uspto_xml_reader>(in, "deep.xml", io::uspto_xml_options{},
                                       expected_error{error_code::limit_exceeded, 1, 0, 0, "a"});
    CHECK(buf.handed_out() <= (std::size_t{1} << 20) + (std::size_t{1} << 16));  // one read block
    // A configured limit: 3 levels accepted, the 4th refused (by hand: <r><s><t><u>).
    io::uspto_xml_options o;
    o.max_depth = 3;
    std::istringstream four("<r>\n<s>\n<t>\n<u>\n</u></t></s></r>\n");
    expect_error<io::uspto_xml_reader>(four, "four.xml", o, expected_error{error_code::limit_exceeded, 4, 0, 0, "u"});
    std::istringstream three("<r>\n<s>\n<t>\n</t></s></r>\n");
    io::uspto_xml_reader ok(three, "three.xml", o);
    io::patent_record rec;
    CHECK_FALSE(ok.next(rec));  // no patent in it, and no error
}

TEST_CASE("bad input: bounds: a header with more columns than max_fields") {
    // An endless header "x,x,x,..." (1 M columns used to exhaust memory): the default limit
    // 65,536 refuses field 65,537 of line 1 before storing it.
    techconv_bad_input::endless_buf buf("x,", std::uint64_t{1} << 40);
    std::istream in(&buf);
    try {
        io::csv_reader r(in, "wide.csv");
        FAIL("expected limit_exceeded");
    } catch (const parse_error& e) {
        CHECK(e.code() == error_code::limit_exceeded);
        CHECK(e.line() == 1);
        CHECK(e.column() == 65537);
    }
    CHECK(buf.handed_out() <= 2 * 65537 + 2 * (std::size_t{1} << 20));
    // read_patents applies read_limits::max_columns: a 4-column Lens header with a limit of 3.
    io::read_patents_options o;
    o.limits.max_columns = 3;
    std::istringstream lens("Lens ID,Publication Number,IPCR Classifications,Title\n000-1,US 1 A,A01B1/00,t\n");
    std::vector<io::input_source> inputs;
    inputs.emplace_back(lens, "narrow.csv");
    try {
        (void)io::read_patents(std::move(inputs), o);
        FAIL("expected limit_exceeded");
    } catch (const parse_error& e) {
        CHECK(e.code() == error_code::limit_exceeded);
        CHECK(e.source() == "narrow.csv");
        CHECK(e.line() == 1);
        CHECK(e.column() == 4);
    }
}

TEST_CASE("bad input: bounds: more codes in one record than max_codes_per_record") {
    // 1,001 distinct codes code(0) .. code(1000) in one cell: the 1,001st exceeds the default
    // 1,000; the error names line 2, the IPCR column (field 3), record 1.
    std::string cell;
    for (int i = 0; i <= 1000; ++i) cell += (i > 0 ? ";;" : "") + code(i);
    {
        std::istringstream in(lens_with_cell(cell));
        expect_error<io::lens_reader>(in, "many.csv", io::patent_csv_options{},
                                      expected_error{error_code::limit_exceeded, 2, 3, 1, "IPCR Classifications"});
    }
    {  // with the limit raised to 1,001 the record is read whole
        io::patent_csv_options o;
        o.max_codes_per_record = 1001;
        std::istringstream in(lens_with_cell(cell));
        io::lens_reader r(in, "many.csv", o);
        io::patent_record rec;
        REQUIRE(r.next(rec));
        CHECK(rec.ipc.size() == 1001);
        CHECK(rec.ipc.front() == code(0));
        CHECK(rec.ipc.back() == code(1000));
    }
    {  // repeats of one code count once: 5,000 copies are one code, within any limit
        std::string same;
        for (int i = 0; i < 5000; ++i) same += (i ? ";;" : "") + std::string("A01B1/00");
        io::patent_csv_options o;
        o.max_codes_per_record = 1;
        std::istringstream in(lens_with_cell(same));
        io::lens_reader r(in, "same.csv", o);
        io::patent_record rec;
        REQUIRE(r.next(rec));
        CHECK(rec.ipc == std::vector<std::string>{"A01B1/00"});
    }
    {  // USPTO XML: 1,001 classification-ipcr entries, all on line 2
        std::istringstream in(grant_with_codes(1001));
        expect_error<io::uspto_xml_reader>(in, "many.xml", io::uspto_xml_options{},
                                           expected_error{error_code::limit_exceeded, 2, 0, 0, "classification-ipcr"});
        std::istringstream in2(grant_with_codes(1000));
        io::uspto_xml_reader r2(in2, "many.xml");
        io::patent_record rec;
        REQUIRE(r2.next(rec));
        CHECK(rec.ipc.size() == 1000);
    }
}

TEST_CASE("bounds: de-duplicating 200,000 codes in one cell is not quadratic and keeps first-seen order") {
    // 200,000 distinct codes, each given twice (the second copies in reverse order after all
    // first copies): 400,000 items, 200,000 kept in the order of their first copies. The
    // former scan of the kept list per item took 2 * 10^10 comparisons (> 30 s); hashed it
    // is well under a second in a release build, so 20 s leaves room for sanitizer builds.
    const int n = 200000;
    std::string cell;
    cell.reserve(static_cast<std::size_t>(n) * 30);
    for (int i = 0; i < n; ++i) cell += (i > 0 ? ";;" : "") + code(i);
    for (int i = n - 1; i >= 0; --i) cell += ";;" + code(i);
    io::patent_csv_options o;
    o.max_codes_per_record = static_cast<std::size_t>(n);
    o.csv.max_record_bytes = std::size_t{64} << 20;
    std::istringstream in(lens_with_cell(cell));
    io::lens_reader r(in, "long.csv", o);
    io::patent_record rec;
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(r.next(rec));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(seconds < 20.0);
    REQUIRE(rec.ipc.size() == static_cast<std::size_t>(n));
    CHECK(rec.ipc[0] == code(0));
    CHECK(rec.ipc[12345] == code(12345));
    CHECK(rec.ipc.back() == code(n - 1));
}
