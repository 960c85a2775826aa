// Bad-input catalogue, classification codes: list items that are not IPC/CPC
// symbols (`ZZZZ`, `12345`, `Z"ZZ`, `G06N/`) are dropped by the readers,
// counted per file and listed with file:line, column and the parser's reason
// (they used to become network nodes); and a label that would break a DOT or
// CSV export is escaped or quoted. Expected values are read off the small
// inputs by hand; the reasons are classification::ipc_errc names.
#include <doctest/doctest.h>

#include <techconv/cograph/export.hpp>
#include <techconv/format/csv.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/io/uspto_xml.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace io = techconv::io;
namespace cg = techconv::cograph;

TEST_CASE("bad input: codes: garbage in a Lens code list is dropped, counted and listed") {
    const std::string text =
        "Lens ID,Publication Number,IPCR Classifications,CPC Classifications\n"
        "000-1,US 1 A,\"ZZZZ;;12345;;Z\"\"ZZ;;G06N/;;G06N3/08\",Y02E10/50\n"
        "000-2,US 2 A,G06F17/30;;g06f 17/30,G06N 3/08;;X\n";
    std::vector<io::input_source> inputs;
    std::istringstream in(text);
    inputs.emplace_back(in, "garbage.csv");
    io::read_patents_options o;
    o.merge_families = false;
    const auto got = io::read_patents(std::move(inputs), o);
    REQUIRE(got.records.size() == 2);
    CHECK(got.records[0].ipc == std::vector<std::string>{"G06N3/08"});
    CHECK(got.records[0].cpc == std::vector<std::string>{"Y02E10/50"});
    CHECK(got.records[1].ipc == std::vector<std::string>{"G06F17/30"});  // one code, spelled twice
    CHECK(got.records[1].cpc == std::vector<std::string>{"G06N3/08"});
    const auto& st = got.files.at(0).stats;
    CHECK(st.rejected_codes == 5);  // ZZZZ, 12345, Z"ZZ, G06N/ on line 2; X on line 3
    CHECK(got.rejected_codes == 5);
    CHECK(st.rejected_code_examples == std::vector<std::string>{
                                           "garbage.csv:2: 'ZZZZ' in IPCR Classifications (bad_section)",
                                           "garbage.csv:2: '12345' in IPCR Classifications (bad_section)",
                                           "garbage.csv:2: 'Z\"ZZ' in IPCR Classifications (bad_section)",
                                           "garbage.csv:2: 'G06N/' in IPCR Classifications (bad_main_group)",
                                           "garbage.csv:3: 'X' in CPC Classifications (bad_section)",
                                       });
    const auto notes = got.notes();
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("dropped 5 codes that are not IPC/CPC symbols (first: garbage.csv:2: 'ZZZZ' in IPCR "
                        "Classifications (bad_section))") != std::string::npos);
}

TEST_CASE("bad input: codes: a USPTO XML classification that is no symbol is dropped and counted") {
    // Two ipcr entries on line 2: A01B 1/00 and one with section Z.
    const auto entry = [](const char* section) {
        return std::string("<classification-ipcr><section>") + section +
               "</section><class>01</class><subclass>B</subclass><main-group>1</main-group>"
               "<subgroup>00</subgroup></classification-ipcr>";
    };
    const std::string xml = "<?xml version=\"1.0\"?>\n<us-patent-grant><us-bibliographic-data-grant>"
                            "<publication-reference><document-id><country>US</country><doc-number>1</doc-number>"
                            "<kind>B1</kind><date>20050104</date></document-id></publication-reference>"
                            "<classifications-ipcr>" +
                            entry("A") + entry("Z") +
                            "</classifications-ipcr></us-bibliographic-data-grant></us-patent-grant>\n";
    std::istringstream in(xml);
    io::uspto_xml_reader r(in, "x.xml");
    io::patent_record rec;
    REQUIRE(r.next(rec));
    CHECK(rec.ipc == std::vector<std::string>{"A01B1/00"});
    CHECK(r.stats().rejected_codes == 1);
    REQUIRE(r.stats().rejected_code_examples.size() == 1);
    CHECK(r.stats().rejected_code_examples[0].rfind("x.xml:2: 'Z", 0) == 0);
    CHECK(r.stats().rejected_code_examples[0].find("in classification-ipcr (bad_section)") != std::string::npos);
}

TEST_CASE("bad input: codes: labels with quotes and backslashes cannot break DOT or CSV exports") {
    const std::string nasty = "Z\"ZZ\\";  // Z"ZZ\ : a quote inside, a backslash at the end
    const auto g = cg::graph::from_edges(2, {{0, 1, 1.0}}, {nasty, "a,b\nc"});
    // DOT: every line's quoted strings are closed (a backslash escapes the next character).
    for (const bool label_ids : {false, true}) {
        cg::export_options o;
        o.dot.label_ids = label_ids;
        std::ostringstream dot;
        cg::write_dot(dot, g, o);
        const std::string text = dot.str();
        CHECK(text.find("Z\\\"ZZ\\\\\"") != std::string::npos);  // written as "Z\"ZZ\\"
        std::istringstream lines(text);
        std::string line;
        int n = 0;
        while (std::getline(lines, line)) {
            ++n;
            bool in_string = false;
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (in_string && line[i] == '\\') ++i;
                else if (line[i] == '"') in_string = !in_string;
            }
            CHECK_MESSAGE(!in_string, "unclosed DOT string on line ", n, ": ", line);
        }
        CHECK(n == 5);  // graph {, two nodes, one edge, }: the newline in "a,b\nc" did not split a line
    }
    // CSV: the labels come back unchanged through the CSV reader.
    std::ostringstream csv;
    cg::write_nodes_csv(csv, g);
    std::istringstream back(csv.str());
    io::csv_reader r(back, "nodes.csv");
    std::size_t label = r.header().size();
    for (std::size_t c = 0; c < r.header().size(); ++c)
        if (r.header()[c] == "label") label = c;
    REQUIRE(label < r.header().size());
    std::vector<std::string> labels;
    while (r.next()) labels.emplace_back(r.field(label));
    CHECK(labels == std::vector<std::string>{nasty, "a,b\nc"});
}
