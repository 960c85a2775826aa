// The Derwent Innovations Index reader (techconv/io/derwent.hpp): the two files of the
// shared sample (derwent-dii-drones) against an independent reading with Python's re
// module (tests/io/derwent_reference.py), the counts of its PROVENANCE.md, the
// publication numbers in Derwent's form, the detection against the WoS samples, and the
// reading through read_patent_table and patent_chunk_reader.
#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "techconv/io/derwent.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/records/detail/patent_text.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

std::vector<std::string> derwent_files() {
    const std::string d = techconv_test::data_path("derwent-dii-drones/");
    return {d + "derwent_drone_drones_1_500.ciw", d + "derwent_drone_drones_501_1000.ciw"};
}

std::string derwent_joined(const std::vector<std::string>& xs) {
    std::string s;
    for (const auto& x : xs) s += (s.empty() ? "" : ",") + x;
    return s.empty() ? std::string("-") : s;
}

// "ID YEAR IPC APPLICANTS CITED MEMBERS NPL" (tab-separated) per record, as derwent_reference.py
// prints them; MEMBERS are not a record field: the family jurisdictions and the family size are,
// so the members are checked through them.
std::string derwent_lines(const std::vector<tio::patent_record>& recs) {
    std::string out;
    for (const auto& r : recs) {
        out += r.id + "\t" + std::to_string(r.publication_year) + "\t" + derwent_joined(r.ipc) + "\t" +
               std::to_string(r.applicants.size()) + "\t" + derwent_joined(r.cited_patents) + "\t";
        out += "@" + std::to_string(r.counts.value_or(tio::indicator::family_size, -1)) + "\t" +
               std::to_string(r.counts.value_or(tio::indicator::npl_citations, -1)) + "\n";
    }
    return out;
}

// The reference's lines with MEMBERS replaced by "@<count>" (what derwent_lines writes), and the
// members' countries of each record, distinct, in order.
std::string derwent_reference_lines(const std::string& py, std::vector<std::vector<std::string>>& countries) {
    std::istringstream in(py);
    std::string line, out;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::size_t b = 0;
        for (;;) {
            const auto e = line.find('\t', b);
            f.push_back(line.substr(b, e == std::string::npos ? std::string::npos : e - b));
            if (e == std::string::npos) break;
            b = e + 1;
        }
        REQUIRE(f.size() == 7);
        std::size_t members = 0;
        countries.emplace_back();
        std::istringstream m(f[5]);
        std::string id;
        while (std::getline(m, id, ',')) {
            ++members;
            const std::string cc = id.substr(0, 2);
            bool seen = false;
            for (const auto& c : countries.back()) seen = seen || c == cc;
            if (!seen) countries.back().push_back(cc);
        }
        f[5] = "@" + std::to_string(members);
        for (std::size_t k = 0; k < f.size(); ++k) out += f[k] + (k + 1 < f.size() ? "\t" : "\n");
    }
    return out;
}

}  // namespace

TEST_CASE("derwent: both sample files equal the Python reading, record by record") {
    const auto files = derwent_files();
    std::vector<tio::patent_record> recs;
    std::size_t rejected = 0;
    for (const auto& f : files) {
        tio::derwent_reader r(f);
        auto part = r.read_all();
        recs.insert(recs.end(), part.begin(), part.end());
        CHECK(r.stats().skipped.empty());
        CHECK(r.issues().empty());
        CHECK(r.stats().layout == "derwent");
        rejected += r.stats().rejected_codes;
    }
    std::vector<std::vector<std::string>> countries;
    const std::string py = derwent_reference_lines(techconv_test::run_python("io/derwent_reference.py", files), countries);
    const std::string mine = derwent_lines(recs);
    CHECK(mine == py);
    REQUIRE(countries.size() == recs.size());
    for (std::size_t i = 0; i < recs.size(); ++i) {
        CAPTURE(recs[i].id);
        CHECK(recs[i].family_jurisdictions == countries[i]);
    }
    // every IP item is read in Derwent's form: none is rejected (the 6 B64C-000/00-like items
    // are subclasses)
    CHECK(rejected == 0);
}

TEST_CASE("derwent: the counts of the sample's PROVENANCE.md") {
    std::vector<tio::patent_record> recs;
    for (const auto& f : derwent_files()) {
        auto part = tio::read_derwent(f);
        recs.insert(recs.end(), part.begin(), part.end());
    }
    // PROVENANCE.md: 1,000 records; IP 1,000, AE 1,000, AU 992, CP 483, CR 105 records
    CHECK(recs.size() == 1000);
    std::size_t ipc = 0, applicants = 0, inventors = 0, cp = 0, cr = 0, members = 0;
    for (const auto& r : recs) {
        ipc += r.ipc.empty() ? 0 : 1;
        applicants += r.applicants.empty() ? 0 : 1;
        inventors += r.inventors.empty() ? 0 : 1;
        cp += r.cited_patents.empty() ? 0 : 1;
        cr += r.counts.value_or(tio::indicator::npl_citations, 0) > 0 ? 1 : 0;
        members += static_cast<std::size_t>(r.counts.value_or(tio::indicator::family_size, 0));
        CHECK(r.publication_year >= 2015);  // PROVENANCE.md: publication years 2015-2017
        CHECK(r.publication_year <= 2017);
        CHECK_FALSE(r.counts.has(tio::indicator::claims));  // not in the format
        CHECK_FALSE(r.counts.has(tio::indicator::forward_citations));
    }
    CHECK(ipc == 1000);
    CHECK(applicants == 1000);
    CHECK(inventors == 992);
    CHECK(cp == 483);
    CHECK(cr == 105);
    // PROVENANCE.md: PN members "mean 1.5"; 1,466 counted by derwent_reference.py
    CHECK(members == 1466);
    // PROVENANCE.md: family member countries US 437, WO 266, KR 258, FR 112, CN 91, JP 74, EP 72, DE 56
    // (members, not records), from the reference's MEMBERS (the first test checks the reader's
    // members against them)
    std::map<std::string, std::size_t> per_member;
    const std::string py = techconv_test::run_python("io/derwent_reference.py", derwent_files());
    std::istringstream in(py);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::istringstream cells(line);
        std::string c;
        while (std::getline(cells, c, '\t')) f.push_back(c);
        std::istringstream m(f.at(5));
        while (std::getline(m, c, ',')) ++per_member[c.substr(0, 2)];
    }
    CHECK(per_member["US"] == 437);
    CHECK(per_member["WO"] == 266);
    CHECK(per_member["KR"] == 258);
    CHECK(per_member["FR"] == 112);
    CHECK(per_member["DE"] == 56);
}

TEST_CASE("derwent: publication numbers in Derwent's form become record ids") {
    using tio::detail::publication_id;
    CHECK(publication_id("US2017104972-A1") == "US 2017104972 A1");
    CHECK(publication_id("WO2017062725-A1") == "WO 2017062725 A1");
    CHECK(publication_id("JP2017071285-A") == "JP 2017071285 A");
    CHECK(publication_id("US20140374541-A1") == "US 20140374541 A1");
    CHECK(publication_id(" TW536742-U ") == "TW 536742 U");
    CHECK(publication_id("DE202014000236-U1") == "DE 202014000236 U1");
    CHECK(publication_id("USRE045678-E") == "US RE45678 E");  // zero padding after a letter prefix
    CHECK(publication_id("us9479392-b2") == "US 9479392 b2");  // the country upper-cased, the kind as written
    CHECK(publication_id("EP3125151") == "EP 3125151");       // no kind
    // the same id as the three-part rule gives (USPTO XML: country, number, kind)
    CHECK(publication_id("US9479392-B2") == publication_id("US", "09479392", "B2"));
    for (const char* bad : {"", "US", "U2017104972-A1", "US-A1", "US2017104972-", "US2017 104972-A1",
                            "US2017104972-1A", "US2017104972-A123", "2017104972-A1"}) {
        CAPTURE(bad);
        CHECK(publication_id(bad).empty());
    }
}

TEST_CASE("derwent: detected from content, and the WoS samples stay WoS") {
    for (const auto& f : derwent_files()) CHECK(tio::detect_format(f) == tio::input_format::derwent);
    CHECK(tio::detect_format(techconv_test::data_path("wos-medicine-metaknowledge/ManyAuthors.isi")) ==
          tio::input_format::wos);
    CHECK(tio::detect_format(techconv_test::data_path("wos-ble-scientopy/wos_2026_04_02_1000.txt")) ==
          tio::input_format::wos_tab);  // as before this format (tests/analysis/reading.test.cpp)
    // by the record: PT P then a PN publication number, or the DWPI accession in UT
    CHECK(tio::detect_format_of("FN Thomson Reuters Web of Science\nVR 1.0\nPT P\nPN US2017104972-A1\n") ==
          tio::input_format::derwent);
    CHECK(tio::detect_format_of("FN Clarivate\r\nVR 1.0\r\nPT P\r\nPN EP3125151-A2; EP3125151-A3\r\n") ==
          tio::input_format::derwent);
    CHECK(tio::detect_format_of("PT P\nTI X\nUT DIIDW:201729614T\nER\n") == tio::input_format::derwent);
    // a WoS record of type P (a patent in the Core Collection) or J with a part number PN stays WoS
    CHECK(tio::detect_format_of("FN Clarivate\nVR 1.0\nPT P\nAU Smith, J\nUT WOS:000123\nER\n") ==
          tio::input_format::wos);
    CHECK(tio::detect_format_of("FN Clarivate\nVR 1.0\nPT J\nPN 3\nUT WOS:000123\nER\n") == tio::input_format::wos);
    CHECK(tio::detect_format_of("FN Clarivate\nVR 1.0\nPT P\nPN 2\nUT WOS:000123\nER\n") == tio::input_format::wos);
    CHECK(tio::input_format_from_string("derwent") == tio::input_format::derwent);
    CHECK(tio::to_string(tio::input_format::derwent) == "derwent");
    CHECK(tio::holds_patents(tio::input_format::derwent));
    CHECK_FALSE(tio::holds_papers(tio::input_format::derwent));
}

TEST_CASE("derwent: read_patent_table and patent_chunk_reader read the sample with --format auto") {
    const auto files = derwent_files();
    tio::read_patents_options opts;
    opts.merge_families = false;
    const auto in = tio::read_patent_table(files, opts);
    REQUIRE(in.files.size() == 2);
    CHECK(in.files[0].format == tio::input_format::derwent);
    CHECK(in.files[1].format == tio::input_format::derwent);
    CHECK(in.table.size() == 1000);
    CHECK(in.duplicates == 0);
    CHECK(tio::input_note(in.files[0].path, in.files[0].stats).find(": derwent, 500 records") != std::string::npos);
    // the table's rows are the reader's records
    const auto rows = tio::read_derwent(files[0]);
    const auto [c, k] = in.table.locate(2);
    CHECK(c->id(k) == rows[2].id);
    CHECK(c->ipc(k).size() == rows[2].ipc.size());
    CHECK(c->cited_patents(k).size() == rows[2].cited_patents.size());
    // chunk by chunk: the same 1,000 records
    tio::patent_chunk_reader chunks(files, opts, 300);
    techconv::records::patent_table t;
    std::size_t n = 0, chunk_count = 0;
    while (chunks.next_chunk(t)) {
        n += t.size();
        ++chunk_count;
    }
    CHECK(n == 1000);
    CHECK(chunk_count == 4);
    CHECK(chunks.report().files.size() == 2);
    // merged: each record is a DWPI family of its own (no two share their smallest member)
    const auto merged = tio::read_patent_table(files);
    CHECK(merged.table.size() + merged.merged == 1000);
}
