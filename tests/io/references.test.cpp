// Cited references written as free text (techconv/io/references.hpp): the DOI
// and key rule on hand-written references (the first ones are lines of the
// shared WoS export), the split of a list, the WoS tagged export's CR field
// against an independent reading in Python (tests/io/references_reference.py,
// which also checks each record's CR lines against its NR field), and the
// WoS tab-delimited and Scopus readers on hand-written exports.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "techconv/io/papers.hpp"
#include "techconv/io/references.hpp"
#include "techconv/io/scopus.hpp"
#include "techconv/io/wos.hpp"
#include "test_support.hpp"

namespace {

namespace tio = techconv::io;

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string_view> v;
    tio::split_references(s, v);
    return {v.begin(), v.end()};
}

template <class Reader>
std::vector<tio::bibliographic_record> all(Reader& r) {
    std::vector<tio::bibliographic_record> out;
    tio::bibliographic_record rec;
    while (r.next(rec)) out.push_back(rec);
    return out;
}

using strings = std::vector<std::string>;

}  // namespace

TEST_CASE("reference_doi: the DOI a WoS or Scopus reference names") {
    // lines of ManyAuthors.isi (wos-medicine-metaknowledge), DOIs read by hand
    CHECK(tio::reference_doi("Amling CL, 2001, J UROLOGY, V165, P1146, DOI 10.1016/S0022-5347(05)66452-X") ==
          "10.1016/S0022-5347(05)66452-X");
    CHECK(tio::reference_doi("Cox JD, 1997, INT J RADIAT ONCOL, V37, P1035").empty());
    CHECK(tio::reference_doi("Holmes DR, 2010, J AM COLL CARDIOL, V56, P1357, DOI [10.1016/j.jacc.2010.07.016, "
                             "10.1016/j.jacc.2009.07.016]") == "10.1016/j.jacc.2010.07.016");
    CHECK(tio::reference_doi("Kovacic JC, 2011, CATHETER CARDIOVASC, DOI [10.1002/ccd.22929, DOI 10.1002/CCD.22929]") ==
          "10.1002/ccd.22929");
    // a SICI DOI holds a ';' and '<', '>', ':'
    CHECK(tio::reference_doi("Fischell TA, 1998, CATHETER CARDIO DIAG, V45, P360, DOI "
                             "10.1002/(SICI)1097-0304(199812)45:4<360::AID-CCD1>3.0.CO;2-R") ==
          "10.1002/(SICI)1097-0304(199812)45:4<360::AID-CCD1>3.0.CO;2-R");
    // a place in the DOI slot, an author named Doi, a word containing "doi": no DOI
    CHECK(tio::reference_doi("Cox D, 1984, ANAL SURVIVAL DATA, DOI Boca Raton, FL").empty());
    CHECK(tio::reference_doi("DOI K, 1990, EXP BRAIN RES, V82, P254").empty());
    CHECK(tio::reference_doi("Doizaki T, 2001, 10.1000/x").empty());
    // other spellings: "doi:", a trailing period, no '/' (not a DOI)
    CHECK(tio::reference_doi("Smith, A., A title (2010) J. X, 3, pp. 1-2. doi: 10.1000/xyz.") == "10.1000/xyz");
    CHECK(tio::reference_doi("DOI 10.1000").empty());
    CHECK(tio::reference_doi("DOI 10.1000/").empty());
}

TEST_CASE("reference_key: the DOI in lower case, else the normal form of the text") {
    CHECK(tio::reference_key("Amling CL, 2001, J UROLOGY, V165, P1146, DOI 10.1016/S0022-5347(05)66452-X") ==
          "10.1016/s0022-5347(05)66452-x");
    // two spellings of one DOI: one key
    CHECK(tio::reference_key("Kovacic JC, 2011, CATHETER CARDIOVASC, DOI [10.1002/ccd.22929, DOI 10.1002/CCD.22929]") ==
          tio::reference_key("KOVACIC JC, 2011, CATHETER CARDIOVASC, DOI 10.1002/CCD.22929"));
    // without a DOI: upper case, one space, no trailing period; other bytes kept
    CHECK(tio::reference_key("  Cox JD,  1997, Int J Radiat Oncol,\tV37, P1035. ") ==
          "COX JD, 1997, INT J RADIAT ONCOL, V37, P1035");
    CHECK(tio::reference_key("Müller K, 2003, ÉTUDES") == "MüLLER K, 2003, ÉTUDES");
    CHECK(tio::reference_key("  . ").empty());
}

TEST_CASE("split_references: at a semicolon and a space only") {
    CHECK(split("A, 2001, X; B, 2002, Y;  C, 2003, Z") == strings{"A, 2001, X", "B, 2002, Y", "C, 2003, Z"});
    // a SICI DOI's ';' and a DOI list's ", " do not split; empty pieces go
    CHECK(split("A, DOI 10.1002/(SICI)1(2)3.0.CO;2-R; ; B, DOI [10.1/a, 10.2/b]") ==
          strings{"A, DOI 10.1002/(SICI)1(2)3.0.CO;2-R", "B, DOI [10.1/a, 10.2/b]"});
    CHECK(split("").empty());
    CHECK(split("only one") == strings{"only one"});
}

TEST_CASE("WoS tagged: the CR references of the shared export equal an independent reading") {
    const std::string path = techconv_test::data_path("wos-medicine-metaknowledge/ManyAuthors.isi");
    tio::wos_tagged_reader r(path);
    std::string mine;
    std::size_t keys = 0;
    for (const auto& rec : all(r)) {
        mine += rec.id;
        for (const auto& k : rec.references) mine += "\t" + k;
        mine += "\n";
        keys += rec.references.size();
    }
    CHECK(mine == techconv_test::run_python("io/references_reference.py", {path}));
    // 40,321 CR lines (the sum of the NR fields, checked by the script), of which 17 repeat a
    // key within their record: 40,304 keys (references_reference.py on the same file)
    CHECK(keys == 40304);

    // the same keys in the columnar table, interned
    tio::read_papers_options o;
    const auto in = tio::read_paper_table(std::vector<std::string>{path}, o);
    tio::wos_tagged_reader again(path);
    const auto recs = all(again);
    REQUIRE(in.table.size() == recs.size());
    for (std::size_t i = 0; i < recs.size(); i += 97) {
        const auto [chunk, row] = in.table.locate(i);
        const auto refs = chunk->references(row);
        REQUIRE(refs.size() == recs[i].references.size());
        std::size_t k = 0;
        for (const auto id : refs) CHECK(in.table.label(id) == recs[i].references[k++]);
    }

    // references = false: none kept
    tio::bibliographic_options off;
    off.references = false;
    tio::wos_tagged_reader none(path, off);
    for (const auto& rec : all(none)) CHECK(rec.references.empty());
}

TEST_CASE("WoS tab-delimited and Scopus: the CR and References cells") {
    // keys by hand: the DOI in lower case; the text in upper case; a repeat dropped
    std::istringstream wos(
        "PT\tUT\tPY\tC1\tCR\n"
        "J\tWOS:1\t2020\tMIT, Cambridge, MA 02139 USA\t"
        "Cox JD, 1997, INT J RADIAT ONCOL, V37, P1035; Beyer DC, 2000, RADIOTHER ONCOL, V57, P263, DOI "
        "10.1016/S0167-8140(00)00286-3; COX JD, 1997, INT J RADIAT ONCOL, V37, P1035\n"
        "J\tWOS:2\t2021\tETH, Zurich, Switzerland\t\n");
    tio::wos_tab_reader w(wos, "tab.txt");
    const auto wr = all(w);
    REQUIRE(wr.size() == 2);
    CHECK(wr[0].references == strings{"COX JD, 1997, INT J RADIAT ONCOL, V37, P1035", "10.1016/s0167-8140(00)00286-3"});
    CHECK(wr[1].references.empty());

    std::istringstream scopus(
        "Title,Year,Affiliations,EID,References\n"
        "\"T\",2019,\"Univ X, Paris, France\",2-s2.0-1,\"Smith, A., Jones, B., A title; with a semicolon, (2010) "
        "J. Y, 3, pp. 1-10.; Lee, C., Other, (2012) Z, 1, p. 5; doi: 10.1000/ABC\"\n"
        "\"U\",2020,\"Univ Y, Rome, Italy\",2-s2.0-2,\n");
    tio::scopus_reader s(scopus, "scopus.csv");
    const auto sr = all(s);
    REQUIRE(sr.size() == 2);
    // "; " inside a title splits too (the documented rule): four pieces, the last a DOI
    CHECK(sr[0].references == strings{"SMITH, A., JONES, B., A TITLE", "WITH A SEMICOLON, (2010) J. Y, 3, PP. 1-10",
                                      "LEE, C., OTHER, (2012) Z, 1, P. 5", "10.1000/abc"});
    CHECK(sr[1].references.empty());
}
