// Bad Google Patents CSV exports (techconv/io/google_patents.hpp): each case states the exact
// error (code, line, column, record, field). The inputs are written by hand in the shape of the
// shared samples (patents-google-biogas-br: a `search URL:` line, the 10-column header).
#include <doctest/doctest.h>

#include <techconv/io/google_patents.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "catalogue.hpp"

using techconv::error_code;
using techconv::parse_error;
using techconv_bad_input::expected_error;
namespace io = techconv::io;

namespace {

const std::string google_head =
    "search URL:,https://patents.google.com/?q=biogas&country=BR\n"
    "id,title,assignee,inventor/author,priority date,filing/creation date,publication date,grant date,result link,"
    "representative figure link\n";

// A row in the shape of the sample's first one, with `id` and `publication` date.
std::string google_row(const std::string& id, const std::string& publication = "2022-12-13") {
    return id + ",BIOGAS PLANT ,Waga Energy,\"Pierre Briend, Nicolas Paget\",2015-12-24,2016-11-10," + publication +
           ",,https://patents.google.com/patent/X/en,\n";
}

// Reads `text` as google-patents.csv; with `want`, checks the error it must raise. The ids read.
std::vector<std::string> read_google_text(const std::string& text, const expected_error* want = nullptr,
                                          io::patent_csv_options opts = {}, io::patent_read_stats* stats = nullptr) {
    std::vector<std::string> ids;
    std::istringstream in(text);
    try {
        io::google_patents_reader r(in, "google-patents.csv", opts);
        io::patent_record rec;
        while (r.next(rec)) ids.push_back(rec.id);
        if (stats) *stats = r.stats();
        CHECK(want == nullptr);
    } catch (const parse_error& e) {
        REQUIRE(want != nullptr);
        techconv_bad_input::check_error(e, *want, "google-patents.csv");
    }
    return ids;
}

}  // namespace

TEST_CASE("bad input: google-patents: an id that is no publication number") {
    // line 4 is the second record; column 1 is `id`
    const expected_error want{error_code::bad_value, 4, 1, 2, "id"};
    read_google_text(google_head + google_row("BR-112018012788-B1") + google_row("BIOGAS-1"), &want);
    const expected_error no_kind{error_code::bad_value, 3, 1, 1, "id"};
    read_google_text(google_head + google_row("BR-112018012788"), &no_kind);  // Google's form always has a kind
    const expected_error empty{error_code::bad_value, 3, 1, 1, "id"};
    read_google_text(google_head + google_row(""), &empty);
}

TEST_CASE("bad input: google-patents: dates that are no dates") {
    // publication date (column 7): month and day both above 12
    const expected_error month{error_code::bad_year, 3, 7, 1, "publication date"};
    read_google_text(google_head + google_row("BR-1-A", "13/13/22"), &month);
    const expected_error text{error_code::bad_year, 3, 7, 1, "publication date"};
    read_google_text(google_head + google_row("BR-1-A", "Dec 2022"), &text);
    // grant date (column 8) is checked though the record has no grant year
    std::string row = google_row("BR-1-A");
    row.replace(row.find(",,https"), 2, ",soon,");
    const expected_error grant{error_code::bad_year, 3, 8, 1, "grant date"};
    read_google_text(google_head + row, &grant);
    // a year outside 1700-2199
    const expected_error implausible{error_code::bad_year, 3, 7, 1, "publication date"};
    read_google_text(google_head + google_row("BR-1-A", "0022-12-13"), &implausible);
}

TEST_CASE("bad input: google-patents: a row of another width, an error or skipped and counted") {
    const std::string text = google_head + google_row("BR-1-A") + "BR-2-A,short row\n" + google_row("BR-3-A");
    const expected_error want{error_code::field_count, 4, 1, 2, "id"};  // located at the row's first field
    CHECK(read_google_text(text, &want) == std::vector<std::string>{"BR 1 A"});  // the row before it was delivered
    io::patent_csv_options o;
    o.skip_malformed_rows = true;
    io::patent_read_stats st;
    const auto ids = read_google_text(text, nullptr, o, &st);
    CHECK(ids == std::vector<std::string>{"BR 1 A", "BR 3 A"});
    CHECK(st.malformed_rows == 1);
    CHECK(st.malformed_lines == std::vector<std::size_t>{4});
}

TEST_CASE("bad input: google-patents: bytes that are not UTF-8 when UTF-8 is named") {
    // 0xE9 (a CP1252 e-acute between lower-case letters) in the title of the first record, column 2
    std::string row = google_row("BR-1-A");
    row.replace(row.find("PLANT"), 5, "pl\xE9nt");
    io::patent_csv_options o;
    o.csv.encoding = io::text_encoding::utf8;
    const expected_error want{error_code::bad_encoding, 3, 2, 1, "title"};
    read_google_text(google_head + row, &want, o);
    // detected instead (the default): read as CP1252, the byte counted
    io::patent_read_stats st;
    read_google_text(google_head + row, nullptr, {}, &st);
    CHECK(st.text.used == io::text_encoding::cp1252);
    CHECK(st.text.transcoded_bytes == 1);
}

TEST_CASE("bad input: google-patents: no id column, no header, an unterminated quote") {
    const expected_error no_id{error_code::missing_column, 2, 0, 0, "id"};  // the header is line 2
    read_google_text("search URL:,x\nnumber,title\nBR-1-A,T\n", &no_id);
    const expected_error no_header{error_code::empty_input, 1, 0, 0, ""};
    read_google_text("search URL:,https://patents.google.com/?q=x\n", &no_header);
    // a quote opened in the assignee of line 3 and never closed: the input ends inside it
    const expected_error open_quote{error_code::unterminated_quote, 3, 3, 1, "assignee"};
    read_google_text(google_head + "BR-1-A,T,\"Waga Energy,x,2015-12-24\n", &open_quote);
}
