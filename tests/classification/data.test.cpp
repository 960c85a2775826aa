// Real-data tests of the classification module: every IPCR/CPC string in the
// Lens exports and every classification-ipcr element of the USPTO grant XML
// in the shared datasets parses, and the counts (codes, distinct subclasses,
// distinct codes) agree with an independent count made by
// count_codes.py (Python csv module + one regular expression per spelling).
#include <doctest/doctest.h>

#include "test_support.hpp"

#include <techconv/classification/ipc.hpp>
#include <techconv/format/csv.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tc = techconv;
namespace cl = techconv::classification;

namespace {

struct code_counts {
    std::size_t codes = 0;
    std::set<cl::ipc_code> subclasses;
    std::set<cl::ipc_code> distinct;
    cl::ipc_list_report report;

    void add(cl::ipc_code c) {
        ++codes;
        subclasses.insert(c.truncate(cl::ipc_level::subclass));
        distinct.insert(c);
    }
    std::vector<double> numbers() const {
        return {static_cast<double>(codes), static_cast<double>(subclasses.size()),
                static_cast<double>(distinct.size()), static_cast<double>(report.failed)};
    }
};

void count_lens(const std::string& path, code_counts& ipcr, code_counts& cpc) {
    tc::io::csv_reader r(path);
    const std::size_t ci = r.require_column("IPCR Classifications");
    const std::size_t cc = r.require_column("CPC Classifications");
    cl::ipc_list_options opts;
    opts.on_error = cl::ipc_error_policy::collect;
    std::vector<cl::ipc_code> codes;
    while (r.next()) {
        for (auto [col, counts] : {std::pair{ci, &ipcr}, std::pair{cc, &cpc}}) {
            codes.clear();
            cl::parse_ipc_list_into(r.field(col), r.location(col), codes, counts->report, opts);
            for (cl::ipc_code c : codes) counts->add(c);
        }
    }
}

std::string_view element(std::string_view block, std::string_view tag) {
    const std::string open = "<" + std::string(tag) + ">";
    const std::string close = "</" + std::string(tag) + ">";
    const std::size_t b = block.find(open);
    if (b == std::string_view::npos) return {};
    const std::size_t e = block.find(close, b);
    if (e == std::string_view::npos) return {};
    return block.substr(b + open.size(), e - b - open.size());
}

std::vector<double> python_line(const std::string& out, std::string_view label) {
    const std::size_t p = out.find(std::string(label) + " ");
    REQUIRE(p != std::string::npos);
    const std::size_t e = out.find('\n', p);
    return techconv_test::parse_numbers(out.substr(p + label.size(), e - p - label.size()));
}

}  // namespace

TEST_CASE("data: every IPCR and CPC string of the Lens exports parses, counts match Python" *
          doctest::test_suite("data")) {
    for (const char* rel :
         {"patents-lens-jet-engines/lens-export.csv", "patents-lens-sangamo/lens-export.csv"}) {
        CAPTURE(rel);
        const std::string path = techconv_test::data_path(rel);
        code_counts ipcr, cpc;
        count_lens(path, ipcr, cpc);
        CHECK(ipcr.report.failed == 0);
        CHECK(cpc.report.failed == 0);
        const std::string out =
            techconv_test::run_python("classification/count_codes.py", {"lens", path});
        CHECK(ipcr.numbers() == python_line(out, "IPCR"));
        CHECK(cpc.numbers() == python_line(out, "CPC"));
        CHECK(ipcr.codes > 600);  // both exports carry hundreds of IPCR codes (PROVENANCE.md)
    }
}

TEST_CASE("data: every USPTO classification-ipcr element parses, counts match Python" *
          doctest::test_suite("data")) {
    const char* files[] = {"ipg050104", "ipg060103", "ipg070102", "ipg080101", "ipg090106",
                           "ipg100105", "ipg110104", "ipg120103", "ipg130416"};
    code_counts counts;
    std::vector<std::string> args{"uspto"};
    for (const char* f : files) {
        const std::string path =
            techconv_test::data_path(std::string("patents-uspto-grant-xml/") + f + ".small.xml");
        args.push_back(path);
        const std::string text = techconv_test::read_file(path);
        const std::string_view all(text);
        const std::string_view open = "<classification-ipcr>", close = "</classification-ipcr>";
        for (std::size_t p = all.find(open); p != std::string_view::npos; p = all.find(open, p)) {
            const std::size_t e = all.find(close, p);
            REQUIRE(e != std::string_view::npos);
            const std::string_view block = all.substr(p, e - p);
            counts.add(cl::parse_ipc_parts(element(block, "section"), element(block, "class"),
                                           element(block, "subclass"), element(block, "main-group"),
                                           element(block, "subgroup")));
            p = e;
        }
    }
    // PROVENANCE.md: 316 IPCR entries in the 2006-2013 files.
    CHECK(counts.codes == 316);
    CHECK(counts.numbers() ==
          python_line(techconv_test::run_python("classification/count_codes.py", args), "USPTO"));
}
