// Tests of encoding detection and transcoding (format/encoding.hpp) and of the
// readers' decoding of UTF-16, CP1252 and stray bytes (csv_reader, line_reader).
#include <doctest/doctest.h>

#include <techconv/format/csv.hpp>
#include <techconv/format/encoding.hpp>
#include <techconv/format/line_reader.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tio = techconv::io;
using tio::text_encoding;

namespace {

// Python's codec `codec` (an independent implementation) applied to `bytes`, as UTF-8.
std::string python_decode(const std::string& name, const std::string& bytes, const std::string& codec) {
    const auto path = techconv_test::temp_path(name);
    techconv_test::write_file(path, bytes);
    const auto out = techconv_test::run_python("io/codec_reference.py", {path, codec});
    return techconv_test::read_file(out.substr(0, out.find('\n')));
}

// Python's encoder `codec` applied to the UTF-8 text `utf8`.
std::string python_encode(const std::string& name, const std::string& utf8, const std::string& codec) {
    const auto path = techconv_test::temp_path(name);
    techconv_test::write_file(path, utf8);
    const auto out = techconv_test::run_python("format/encode_reference.py", {path, codec});
    return techconv_test::read_file(out.substr(0, out.find('\n')));
}

}  // namespace

TEST_CASE("CP1252 table vs Python's cp1252 codec") {
    // Python's cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined; the WHATWG
    // table (and ours) maps them to the C1 code points of the same value.
    std::string defined, holes;
    for (int c = 0x80; c < 0x100; ++c) {
        const bool hole = c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
        (hole ? holes : defined).push_back(static_cast<char>(c));
    }
    std::string mine;
    tio::append_cp1252_as_utf8(defined, mine);
    CHECK(mine == python_decode("cp1252.bin", defined, "cp1252"));
    std::string h;
    tio::append_cp1252_as_utf8(holes, h);
    CHECK(h == "\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D");  // U+0081 ... U+009D as UTF-8, by hand
    // hand-checked: euro sign and curly quotes
    std::string q;
    tio::append_cp1252_as_utf8("\x80 \x93x\x94", q);
    CHECK(q == "\xE2\x82\xAC \xE2\x80\x9Cx\xE2\x80\x9D");
}

TEST_CASE("UTF-16 decoder vs Python's utf-16 codecs, fed byte by byte") {
    // M, u-umlaut, euro, G clef (U+1D11E, a surrogate pair), CJK U+4E2D
    const std::string text = "M\xC3\xBCller \xE2\x82\xAC \xF0\x9D\x84\x9E \xE4\xB8\xAD\n";
    for (const bool be : {false, true}) {
        CAPTURE(be);
        const std::string bytes = python_encode(be ? "t16be.txt" : "t16le.txt", text, be ? "utf-16-be" : "utf-16-le");
        REQUIRE(bytes.size() == 2 * 12 + 4);  // 12 BMP characters and one surrogate pair (counted by hand)
        tio::utf16_decoder d(be);
        std::string out;
        for (const char c : bytes) REQUIRE(d.feed(std::string_view(&c, 1), out));
        CHECK_FALSE(d.incomplete());
        CHECK(out == text);
        CHECK(d.bytes_done() == bytes.size());
    }
    // an unpaired low surrogate (DC00 little endian) is refused
    tio::utf16_decoder d(false);
    std::string out;
    CHECK_FALSE(d.feed(std::string("a\0\x00\xDC", 4), out));
    // a lone high surrogate at the end is incomplete
    tio::utf16_decoder d2(false);
    CHECK(d2.feed(std::string("\x00\xD8", 2), out));
    CHECK(d2.incomplete());
}

TEST_CASE("encoding names and aliases") {
    text_encoding e{};
    const std::pair<const char*, text_encoding> cases[] = {
        {"auto", text_encoding::automatic},   {"UTF-8", text_encoding::utf8},
        {"utf8", text_encoding::utf8},        {"utf-8-bom", text_encoding::utf8},
        {"latin1", text_encoding::latin1},    {"ISO-8859-1", text_encoding::latin1},
        {"cp1252", text_encoding::cp1252},    {"windows-1252", text_encoding::cp1252},
        {"macroman", text_encoding::mac_roman}, {"mac_roman", text_encoding::mac_roman},
        {"utf-16le", text_encoding::utf16le}, {"UTF-16BE", text_encoding::utf16be},
    };
    for (const auto& c : cases) {
        CAPTURE(c.first);
        REQUIRE(tio::text_encoding_from_string(c.first, e));
        CHECK(e == c.second);
        // the stable name reads back
        text_encoding back{};
        REQUIRE(tio::text_encoding_from_string(tio::to_string(e), back));
        CHECK(back == e);
    }
    CHECK_FALSE(tio::text_encoding_from_string("ebcdic", e));
    CHECK_FALSE(tio::text_encoding_from_string("", e));
}

TEST_CASE("detection: one Latin-1 byte in a UTF-8 text stays UTF-8 (it was Mac Roman)") {
    // 40 accented words in UTF-8 (each C3 xx) and one Latin-1 e-acute (E9): before this
    // change the continuation bytes 0x80..0x9F made the whole file Mac Roman ("M\xC3\x88thode").
    std::string s;
    for (int i = 0; i < 20; ++i) s += "M\xC3\xBCller, caf\xC3\xA9\n";
    s += "M\xE9thode\n";
    const auto g = tio::detect_encoding(s);
    CHECK(g.encoding == text_encoding::utf8_cp1252_strays);
    CHECK(g.utf8_sequences == 40);
    CHECK(g.invalid_bytes == 1);
    CHECK(g.first_invalid == s.size() - 7);  // "M\xE9thode\n": the E9 is 7 bytes from the end

    // the CSV reader reads it as UTF-8, the stray byte as CP1252, and says where it was
    const std::string csv = "name\n" + s;
    std::istringstream in(csv);
    tio::csv_options o;
    o.encoding = text_encoding::automatic;
    tio::csv_reader r(in, "mixed.csv", o);
    std::vector<std::string> names;
    while (r.next()) names.emplace_back(r[0]);
    REQUIRE(names.size() == 21);
    CHECK(names[0] == "M\xC3\xBCller");
    CHECK(names[20] == "M\xC3\xA9thode");
    CHECK(r.encoding().used == text_encoding::utf8_cp1252_strays);
    CHECK(r.encoding().stray_bytes == 1);
    CHECK(r.encoding().stray_lines == std::vector<std::size_t>{22});  // header line 1, then 21 lines
    CHECK(tio::describe(r.encoding()) == "read as UTF-8; 1 byte at line 22 not UTF-8, read as CP1252");
}

TEST_CASE("detection: CP1252 with euro and curly quotes, Mac Roman, Latin-1, UTF-16 BOMs") {
    // CP1252: "€ 12 – “Müller” café" (0x80, 0x96, 0x93, 0xFC, 0x94, 0xE9)
    const std::string cp = "\x80 12 \x96 \x93M\xFCller\x94 caf\xE9\n";
    auto g = tio::detect_encoding(cp);
    CHECK(g.encoding == text_encoding::cp1252);
    // By hand: 0x80, 0x96 have no letter beside them; 0x93 (blank before, M after) and 0x94
    // (r before, blank after) are CP1252 quotation marks at a word's edge; in Mac Roman they
    // are i-grave and i-circumflex, lower case: 0x93 sits in an upper-case context (no),
    // 0x94 in a lower-case one (yes); 0xFC and 0xE9 (lower context) are letters in CP1252 only.
    CHECK(g.cp1252_letters == 4);
    CHECK(g.mac_roman_letters == 1);
    std::string utf8;
    tio::append_cp1252_as_utf8(cp, utf8);
    CHECK(utf8 == python_decode("cp.bin", cp, "cp1252"));

    // Mac Roman: "Müller café crème" (0x9F, 0x8E, 0x8F)
    const std::string mac = "M\x9Fller caf\x8E cr\x8Fme\n";
    g = tio::detect_encoding(mac);
    CHECK(g.encoding == text_encoding::mac_roman);

    // Latin-1 (no byte in 0x80..0x9F) reads the same as CP1252
    CHECK(tio::detect_encoding("Jos\xE9 Mu\xF1oz\n").encoding == text_encoding::cp1252);

    g = tio::detect_encoding(std::string("\xFF\xFEi\0", 4));
    CHECK(g.encoding == text_encoding::utf16le);
    CHECK(g.bom);
    g = tio::detect_encoding(std::string("\xFE\xFF\0i", 4));
    CHECK(g.encoding == text_encoding::utf16be);
    CHECK(tio::detect_encoding("plain ascii").encoding == text_encoding::utf8_cp1252_strays);
}

TEST_CASE("csv_reader and line_reader transcode UTF-16 with a BOM, across block boundaries") {
    const std::string text = "id,name\n1,M\xC3\xBCller \xF0\x9D\x84\x9E\n2,\"a\nb\"\n";
    for (const bool be : {false, true}) {
        CAPTURE(be);
        const std::string body = python_encode(be ? "c16be.csv" : "c16le.csv", text, be ? "utf-16-be" : "utf-16-le");
        const std::string bytes = (be ? std::string("\xFE\xFF") : std::string("\xFF\xFE")) + body;
        for (const std::size_t block : {std::size_t{64}, std::size_t{1} << 20}) {
            std::istringstream in(bytes);
            tio::csv_options o;
            o.encoding = text_encoding::automatic;
            o.buffer_bytes = block;  // 64: the pair and the rows cross block ends
            tio::csv_reader r(in, "u16.csv", o);
            CHECK(r.had_bom());
            CHECK(r.encoding().used == (be ? text_encoding::utf16be : text_encoding::utf16le));
            REQUIRE(r.next());
            CHECK(r[1] == "M\xC3\xBCller \xF0\x9D\x84\x9E");
            REQUIRE(r.next());
            CHECK(r[1] == "a\nb");
            CHECK(r.line() == 3);
            CHECK_FALSE(r.next());
        }
        std::istringstream in(bytes);
        tio::line_options lo;
        lo.encoding = text_encoding::automatic;
        tio::line_reader lr(in, "u16.txt", lo);
        REQUIRE(lr.next());
        CHECK(lr.text() == "id,name");
        REQUIRE(lr.next());
        CHECK(lr.text() == "1,M\xC3\xBCller \xF0\x9D\x84\x9E");
        // named explicitly without a BOM
        std::istringstream in2(body);
        tio::csv_options o2;
        o2.encoding = be ? text_encoding::utf16be : text_encoding::utf16le;
        tio::csv_reader r2(in2, "u16.csv", o2);
        CHECK(r2.header() == std::vector<std::string>{"id", "name"});
    }
    // an odd number of bytes: the input ends inside a character
    std::istringstream odd(std::string("\xFF\xFEi\0d\0\n", 7));
    tio::csv_options o;
    o.encoding = text_encoding::automatic;
    try {
        tio::csv_reader r(odd, "odd.csv", o);
        while (r.next()) {
        }
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::bad_encoding);
        CHECK(e.source() == "odd.csv");
    }
}

TEST_CASE("UTF-8 named explicitly: a Latin-1 byte is an error naming line and field") {
    std::istringstream in("id,name\n1,ok\n2,Jos\xE9\n");
    tio::csv_options o;
    o.encoding = text_encoding::utf8;
    tio::csv_reader r(in, "l1.csv", o);
    REQUIRE(r.next());
    try {
        r.next();
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::bad_encoding);
        CHECK(e.line() == 3);
        CHECK(e.field() == "name");
        CHECK(std::string(e.what()).find("cp1252") != std::string::npos);
    }
}
