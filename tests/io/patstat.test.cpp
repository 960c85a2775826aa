// The EPO PATSTAT extract reader (techconv/io/patstat.hpp) on the hand-written extract
// tests/io/patstat/ (six tables written from the PATSTAT Global data catalogue; README.md
// there says what each row exercises): record by record against a pandas merge of the same
// tables (tests/io/patstat_reference.py), the hand-checked values, the detection of every
// table, the family merge through read_patent_table, and the PATSTAT IPC form; a generated
// extract of 3,000 applications in parts (tests/io/patstat_extract.py) against a Python csv
// join of the same tables.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "techconv/analysis/patent_rules.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/io/detect.hpp"
#include "techconv/io/patent_inputs.hpp"
#include "techconv/io/patstat.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

std::string ps_dir() { return techconv_test::source_path("io/patstat/"); }

// The six tables, in an order other than the reader's (it finds each by its header).
std::vector<std::string> ps_tables() {
    const std::string d = ps_dir();
    return {d + "tls209_appln_ipc.csv", d + "tls206_person.csv",   d + "tls201_appln.csv",
            d + "tls212_citation.csv",  d + "tls207_pers_appln.csv", d + "tls211_pat_publn.csv"};
}

std::string ps_joined(const std::vector<std::string>& xs, const char* sep = ",") {
    if (xs.empty()) return "-";
    std::string s = xs.front();
    for (std::size_t k = 1; k < xs.size(); ++k) s += sep + xs[k];
    return s;
}

std::string ps_year(techconv::year_type y) { return y == techconv::no_year ? std::string("-") : std::to_string(y); }

// The record as patstat_reference.py prints it.
std::string ps_line(const tio::patent_record& r) {
    std::vector<std::string> applicants, inventors;
    for (const auto& a : r.applicants) applicants.push_back(a.name + "@" + a.country);
    for (const auto& i : r.inventors) inventors.push_back(i.name + "@" + i.country);
    return r.id + "\t" + (r.family_id.empty() ? "-" : r.family_id) + "\t" + ps_year(r.publication_year) +
           "\t" + ps_year(r.application_year) + "\t" + ps_year(r.priority_year) + "\t" +
           ps_joined(r.ipc) + "\t" + ps_joined(applicants, ";") + "\t" + ps_joined(inventors, ";") + "\t" +
           std::to_string(r.counts.value_or(tio::indicator::backward_citations, -1)) + "\t" +
           ps_joined(r.cited_patents) + "\t" + std::to_string(r.npl_list_items) + "\t" +
           std::to_string(r.counts.value_or(tio::indicator::forward_citations, -1)) + "\n";
}

}  // namespace

TEST_CASE("patstat: the joined extract equals a pandas merge of the same tables, record by record") {
    tio::patstat_reader r(ps_tables());
    std::string mine;
    tio::patent_record rec;
    std::size_t n = 0;
    while (r.next(rec)) {
        mine += ps_line(rec);
        ++n;
    }
    const std::string py = techconv_test::run_python("io/patstat_reference.py", {ps_dir()});
    CHECK(mine == py);
    CHECK(n == 5);  // tls201_appln has five rows
    CHECK(r.stats().layout == "patstat");
    CHECK(r.stats().rejected_codes == 0);
    // person 19 (application 1004) is in tls207 but not in tls206: one link counted, not read
    REQUIRE(r.stats().skipped.size() == 1);
    CHECK(r.stats().skipped[0].second == 1);
    // rows outside the extract (README.md): application 9999 in tls209, tls211 and tls207,
    // publication 8888 in tls212, person 18 in tls206
    REQUIRE(r.tables().size() == 6);
    for (const auto& t : r.tables()) {
        CAPTURE(t.path);
        const std::size_t outside = t.table == tio::patstat_table::appln ? 0 : 1;
        CHECK(t.outside == outside);
    }
}

TEST_CASE("patstat: hand-checked records of the extract") {
    const auto recs = tio::read_patstat(ps_tables());
    REQUIRE(recs.size() == 5);
    const auto& a = recs[0];  // appln_id 1001
    // two publications: A1 of 2016-09-07 before B1 of 2018-01-03
    CHECK(a.id == "EP 3000001 A1");
    CHECK(a.jurisdiction == "EP");
    CHECK(a.kind == "A1");
    CHECK(a.family_id == "5001");
    // appln_filing_year 2015 is the year the record counts in (analysis::row_year)
    CHECK(techconv::analysis::patent_year(a) == 2015);
    CHECK(a.priority_year == 2014);
    // G06F 21/60 has ipc_position F: first; H04L 9/32 (two offices) once
    CHECK(a.ipc == std::vector<std::string>{"G06F21/60", "H04L9/32"});
    REQUIRE(a.applicants.size() == 1);
    CHECK(a.applicants[0].type == techconv::io::applicant_type::company);  // psn_sector COMPANY
    REQUIRE(a.inventors.size() == 2);
    CHECK(a.inventors[0].name == "Müller, Anna");  // invt_seq_nr 1 before 2
    CHECK(a.counts.value_or(tio::indicator::forward_citations, -1) == 3);  // nb_citing_docdb_fam
    CHECK(a.counts.value_or(tio::indicator::claims, -1) == 12);  // publn_claims of the B1 (the A1 has 0)
    CHECK(a.family_jurisdictions == std::vector<std::string>{"EP"});
    const auto& b = recs[1];  // 1002: the concatenated IPC form, an applicant who is also inventor
    CHECK(b.ipc == std::vector<std::string>{"G06F17/30", "G06N3/08"});  // AFI before ALI
    REQUIRE(b.applicants.size() == 2);
    CHECK(b.applicants[0].type == techconv::io::applicant_type::individual);
    CHECK(b.applicants[1].type == techconv::io::applicant_type::university);
    // 7777777 cited twice, not in the extract: one backward citation, not named
    CHECK(b.counts.value_or(tio::indicator::backward_citations, -1) == 1);
    CHECK(b.cited_patents.empty());
    const auto& c = recs[2];  // 1003 cites both publications of 1001 and one NPL document
    CHECK(c.counts.value_or(tio::indicator::backward_citations, -1) == 2);
    CHECK(c.cited_patents == std::vector<std::string>{"EP 3000001 A1", "EP 3000001 B1"});
    CHECK(c.npl_list_items == 1);
    const auto& d = recs[3];  // 1004: no publication, unknown filing date (9999)
    CHECK(d.id == "CN 201710003");
    CHECK(d.family_id.empty());
    CHECK(techconv::analysis::patent_year(d) == techconv::no_year);
    CHECK(d.applicants.empty());
    CHECK(d.has(tio::patent_field::ipc));  // tls209 given: an empty list, not an unknown one
    CHECK_FALSE(d.counts.has(tio::indicator::forward_citations));
    CHECK_FALSE(d.counts.has(tio::indicator::claims));  // no publication
    const auto& e = recs[4];  // 1005 cites application 1002 by cited_appln_id only
    CHECK(e.counts.value_or(tio::indicator::backward_citations, -1) == 1);
    CHECK(e.applicants.at(0).type == techconv::io::applicant_type::institute);  // GOV NON-PROFIT
}

TEST_CASE("patstat: every table is detected from its header and the inputs are joined by read_patent_table") {
    for (const auto& f : ps_tables()) {
        CAPTURE(f);
        CHECK(tio::detect_format(f) == tio::input_format::patstat);
    }
    CHECK(tio::input_format_from_string("patstat") == tio::input_format::patstat);
    // the family merge folds 1001 and 1003 (DOCDB family 5001): four records
    const auto in = tio::read_patent_table(ps_tables());
    CHECK(in.read == 5);
    CHECK(in.merged == 1);
    CHECK(in.table.size() == 4);
    REQUIRE(in.files.size() == 1);  // one entry for the extract
    CHECK(in.files[0].format == tio::input_format::patstat);
    CHECK(in.files[0].stats.records == 5);
    // the same through read_patents, without the merge
    tio::read_patents_options o;
    o.merge_families = false;
    CHECK(tio::read_patents(ps_tables(), o).records.size() == 5);
    // an extract without tls201_appln is refused, naming the first file
    const std::vector<std::string> no_appln = {ps_dir() + "tls209_appln_ipc.csv"};
    CHECK_THROWS_AS(tio::read_patents(no_appln), techconv::parse_error);
}

TEST_CASE("patstat: the IPC symbol forms of tls209_appln_ipc (classification::patstat_ipc_from_chars)") {
    namespace cl = techconv::classification;
    const auto padded = cl::patstat_ipc_from_chars("G06F  17/30");
    REQUIRE(padded);
    CHECK(padded.parse.code == cl::parse_ipc("G06F 17/30"));
    CHECK(padded.flags.position == '\0');
    const auto full = cl::patstat_ipc_from_chars("G06F  17/30  20060101AFI");
    REQUIRE(full);
    CHECK(full.parse.code == cl::parse_ipc("G06F 17/30"));
    CHECK(full.flags.level == 'A');
    CHECK(full.flags.position == 'F');
    CHECK(full.flags.value == 'I');
    const auto core = cl::patstat_ipc_from_chars("A01B   1/00  20060101CLN");
    REQUIRE(core);
    CHECK(core.flags.level == 'C');
    CHECK(core.flags.position == 'L');
    CHECK(core.flags.value == 'N');
    // flags out of order, a letter of no column, flags without the version: trailing_text at it
    for (const char* bad : {"G06F  17/30  20060101FA", "G06F  17/30  20060101XFI", "G06F  17/30  AFI"}) {
        CAPTURE(bad);
        const auto r = cl::patstat_ipc_from_chars(bad);
        CHECK_FALSE(r);
        CHECK(r.parse.error == cl::ipc_errc::trailing_text);
    }
    // ipc_from_chars itself still refuses the flags (Lens and the others never write them)
    CHECK_FALSE(cl::ipc_from_chars("G06F  17/30  20060101AFI"));
    const auto cols = cl::patstat_ipc_flags_of("a", " F ", "");
    REQUIRE(cols);
    CHECK(cols->level == 'A');
    CHECK(cols->position == 'F');
    CHECK(cols->value == '\0');
    CHECK_FALSE(cl::patstat_ipc_flags_of("F", "", ""));   // F is a position, not a level
    CHECK_FALSE(cl::patstat_ipc_flags_of("", "FL", ""));  // one letter
}

namespace {

// The record as patstat_extract.py's join prints it: ps_line's fields, then claims and kind.
std::string px_line(const tio::patent_record& r) {
    std::string line = ps_line(r);
    line.pop_back();  // the line end
    return line + "\t" + std::to_string(r.counts.value_or(tio::indicator::claims, -1)) + "\t" +
           (r.kind.empty() ? "-" : r.kind) + "\n";
}

}  // namespace

TEST_CASE("patstat: a generated extract of 3,000 applications in parts equals a Python csv join") {
    // tests/io/patstat_extract.py writes the six tables (tls201 in three parts, tls207 and
    // tls212 in two; rows outside the extract mixed in) and joins them with the csv module
    const std::string d = techconv_test::temp_path("patstat-extract");
    REQUIRE(techconv_test::run_python("io/patstat_extract.py", {"write", d, "3000", "3", "7"}) ==
            "applications 3000\n");
    // the tables in an order other than the reader's, the parts of each in order
    std::vector<std::string> files;
    for (const char* n : {"tls212_citation_part01", "tls212_citation_part02", "tls206_person", "tls201_appln_part01",
                          "tls201_appln_part02", "tls201_appln_part03", "tls209_appln_ipc", "tls207_pers_appln_part01",
                          "tls207_pers_appln_part02", "tls211_pat_publn"})
        files.push_back(d + "/" + n + ".csv");
    tio::patstat_reader r(files);
    std::string mine;
    tio::patent_record rec;
    while (r.next(rec)) mine += px_line(rec);
    std::vector<std::string> outside;
    for (const auto& t : r.tables())
        outside.push_back("outside " + t.path.substr(d.size() + 1) + " " + std::to_string(t.outside) + "\n");
    std::sort(outside.begin(), outside.end());
    for (const auto& o : outside) mine += o;
    std::size_t unlinked = 0;
    for (const auto& s : r.stats().skipped) unlinked += s.second;
    mine += "unlinked " + std::to_string(unlinked) + "\n";
    const std::string py = techconv_test::run_python("io/patstat_extract.py", {"join", d});
    CHECK(mine == py);
    CHECK(r.stats().records == 3000);
    CHECK(r.tables().size() == files.size());  // one entry per file, every part its own
}
