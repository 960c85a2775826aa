// Bad-input catalogue, inputs without classification codes: a convergence
// index over no code at all is not 100 % (CI = (n - 0) / n would read as total
// convergence). convergence::convergence reports status::empty_input with
// zeros; analysis::network refuses a record set without any usable code with
// an error naming the records and the code list; a year or group without codes
// inside a network has index 0 and status empty_input.
#include <doctest/doctest.h>

#include <techconv/analysis/network.hpp>
#include <techconv/convergence/convergence_index.hpp>
#include <techconv/io/lens.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace io = techconv::io;
namespace an = techconv::analysis;
namespace cv = techconv::convergence;
using techconv::status;

namespace {

std::vector<io::patent_record> read_lens_text(const std::string& text) {
    std::istringstream in(text);
    io::lens_reader r(in, "nocodes.csv");
    return r.read_all();
}

}  // namespace

TEST_CASE("bad input: no codes: convergence over records without any code is empty_input, not 100 %") {
    // three records, none with a code: n = 3, c = 0 would give (3 - 0) / 3 = 100 %
    const std::vector<std::vector<std::string>> none{{}, {}, {}};
    const auto r = cv::convergence(none);
    CHECK(r.info == status::empty_input);
    CHECK(r.records == 3);
    CHECK(r.records_without_codes == 3);
    CHECK(r.index_all == 0.0);
    CHECK(r.index_main == 0.0);
    // one record with a code: an ordinary result, the code-less records count as inventions
    // (by hand: n = 3, c = 1, CI = 2/3)
    const std::vector<std::vector<std::string>> one{{}, {"G06F"}, {}};
    const auto s = cv::convergence(one);
    CHECK(s.info == status::ok);
    CHECK(s.index_all == doctest::Approx(2.0 / 3.0));
}

TEST_CASE("bad input: no codes: a network of records without an IPC column is an error") {
    const auto recs = read_lens_text("Lens ID,Publication Number,Title\n000-1,US 1 A,a\n000-2,US 2 A,b\n");
    REQUIRE(recs.size() == 2);
    try {
        (void)an::network(recs);
        FAIL("expected invalid_argument");
    } catch (const techconv::invalid_argument& e) {
        const std::string what = e.what();
        CHECK(what.find("none of the 2 records has an IPC code") != std::string::npos);
        CHECK(what.find("no IPC column") != std::string::npos);
    }
    // codes in the CPC column only: the IPC network is refused, the CPC network is built
    const auto cpc = read_lens_text("Lens ID,Publication Number,CPC Classifications\n000-1,US 1 A,G06F17/30;;H04L9/32\n");
    CHECK_THROWS_AS(an::network(cpc), techconv::invalid_argument);
    an::network_options o;
    o.codes = io::patent_field::cpc;
    const auto net = an::network(cpc, o);
    CHECK(net.summary.nodes == 2);
    CHECK(net.summary.convergence.info == status::ok);
}

TEST_CASE("bad input: no codes: a year without codes in a network has index 0 and status empty_input") {
    // 2001: one record with G06F and H04L; 2002: one record without codes (by hand:
    // 2001 CI = (1 - 2) / 1 = -1, 2002 has no code: 0 with empty_input, not (1 - 0) / 1 = 100 %)
    const auto recs = read_lens_text(
        "Lens ID,Publication Number,Publication Year,IPCR Classifications\n"
        "000-1,US 1 A,2001,G06F17/30;;H04L9/32\n"
        "000-2,US 2 A,2002,\n");
    const auto net = an::network(recs);
    REQUIRE(net.years.size() == 2);
    CHECK(net.years[0].convergence_index == -1.0);
    CHECK(net.years[0].info == status::ok);
    CHECK(net.years[1].codes == 0);
    CHECK(net.years[1].convergence_index == 0.0);
    CHECK(net.years[1].info == status::empty_input);
}
