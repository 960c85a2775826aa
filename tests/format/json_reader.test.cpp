// Tests of the JSON pull parser (techconv/format/json_reader.hpp): token
// sequences written out by hand from RFC 8259's grammar, escapes with their
// UTF-8 bytes computed by hand, a round trip through json_writer, and errors
// with their line and member path.
#include <doctest/doctest.h>

#include <techconv/format/json.hpp>
#include <techconv/format/json_reader.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

using techconv::io::json_pull;
using techconv::io::json_token;

// Every token of `text` as a short word ("{", "k:name", "s:text", "n:1", "t", "f", "null", "}", "$"
// for the end of a top-level value).
std::vector<std::string> pull_all(const std::string& text) {
    json_pull p(text, "t.json");
    std::vector<std::string> out;
    while (p.next_value()) {
        for (;;) {
            const auto t = p.next();
            switch (t) {
                case json_token::begin_object: out.push_back("{"); break;
                case json_token::end_object: out.push_back("}"); break;
                case json_token::begin_array: out.push_back("["); break;
                case json_token::end_array: out.push_back("]"); break;
                case json_token::key: out.push_back("k:" + std::string(p.text())); break;
                case json_token::string: out.push_back("s:" + std::string(p.text())); break;
                case json_token::number: out.push_back("n:" + std::string(p.text())); break;
                case json_token::true_value: out.push_back("t"); break;
                case json_token::false_value: out.push_back("f"); break;
                case json_token::null: out.push_back("null"); break;
                case json_token::end: out.push_back("$"); break;
            }
            if (t == json_token::end) break;
        }
    }
    return out;
}

techconv::parse_error pull_error(const std::string& text) {
    try {
        pull_all(text);
    } catch (const techconv::parse_error& e) {
        return e;
    }
    FAIL("no parse_error for: " << text);
    throw;
}

using words = std::vector<std::string>;

}  // namespace

TEST_CASE("json_pull: tokens of objects, arrays, scalars and several top-level values") {
    CHECK(pull_all(R"({"a":[1,-2.5e3,true,false,null],"b":{},"c":[]})") ==
          words{"{", "k:a", "[", "n:1", "n:-2.5e3", "t", "f", "null", "]", "k:b", "{", "}", "k:c", "[", "]", "}", "$"});
    // JSON Lines: one value per line, scalars too; blank lines between them
    CHECK(pull_all("{\"x\":0}\n\n[\"y\"]\r\n7\n\"z\"") ==
          words{"{", "k:x", "n:0", "}", "$", "[", "s:y", "]", "$", "n:7", "$", "s:z", "$"});
    CHECK(pull_all(" \t\n ").empty());
    CHECK(pull_all("[[[]],{\"\":\"\"}]") == words{"[", "[", "[", "]", "]", "{", "k:", "s:", "}", "]", "$"});
}

TEST_CASE("json_pull: string escapes to UTF-8") {
    // \u00e9 = U+00E9 = C3 A9; \ud83d\ude00 = U+1F600 = F0 9F 98 80; an unpaired high or low
    // surrogate = U+FFFD = EF BF BD
    CHECK(pull_all(R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u00E9", "\ud83d\ude00", "\ud83d x", "\ude00", "\ud83d\u0041"])") ==
          words{"[", "s:a\"b\\c/d\b\f\n\r\t", "s:\xC3\xA9\xC3\xA9", "s:\xF0\x9F\x98\x80", "s:\xEF\xBF\xBD x",
                "s:\xEF\xBF\xBD", "s:\xEF\xBF\xBD" "A", "]", "$"});
    // raw UTF-8 passes through as it is
    CHECK(pull_all("\"Z\xC3\xBCrich\"") == words{"s:Z\xC3\xBCrich", "$"});
}

TEST_CASE("json_pull: skip passes over whole values, path and line follow the parser") {
    const std::string text = "{\"a\":{\"b\":[1,{\"c\":2}],\"d\":\"e\"},\n\"f\":[3,\n4],\"g\":5}";
    json_pull p(text, "t.json");
    REQUIRE(p.next() == json_token::begin_object);
    REQUIRE(p.next() == json_token::key);
    CHECK(p.text() == "a");
    p.skip();
    REQUIRE(p.next() == json_token::key);
    CHECK(p.text() == "f");
    CHECK(p.line() == 2);
    REQUIRE(p.next() == json_token::begin_array);
    CHECK(p.path() == "f[]");
    REQUIRE(p.next() == json_token::number);
    REQUIRE(p.next() == json_token::number);
    CHECK(p.text() == "4");
    CHECK(p.line() == 3);
    REQUIRE(p.next() == json_token::end_array);
    REQUIRE(p.next() == json_token::key);
    p.skip();  // a scalar
    REQUIRE(p.next() == json_token::end_object);
    REQUIRE(p.next() == json_token::end);
    CHECK_FALSE(p.next_value());
}

TEST_CASE("json_pull: reads back what json_writer wrote") {
    std::ostringstream out;
    techconv::io::json_writer j(out, 2);
    j.begin_object().key("name").value("tab\there \"q\" \x01").key("n").value(std::int64_t{-12}).key("x").value(0.25);
    j.key("list").array(std::vector<int>{1, 2}).key("none").null().key("ok").value(true).end_object();
    CHECK(pull_all(out.str()) == words{"{", "k:name", "s:tab\there \"q\" \x01", "k:n", "n:-12", "k:x", "n:0.25",
                                       "k:list", "[", "n:1", "n:2", "]", "k:none", "null", "k:ok", "t", "}", "$"});
}

TEST_CASE("json_pull: what is not JSON is an error with its line and member path") {
    using techconv::error_code;
    struct bad {
        const char* text;
        error_code code;
        std::size_t line;
        const char* field;
    };
    const bad cases[] = {
        {"{\"a\":[1,\n2,]}", error_code::bad_markup, 2, "a[]"},         // trailing comma
        {"{\"a\":1,}", error_code::bad_markup, 1, "a"},                  // trailing comma in an object
        {"{\"a\" 1}", error_code::bad_markup, 1, "a"},                   // no colon
        {"{a:1}", error_code::bad_markup, 1, ""},                        // unquoted name
        {"[01]", error_code::bad_markup, 1, "[]"},                       // leading zero
        {"[1.]", error_code::bad_markup, 1, "[]"},                       // no digit after the point
        {"[-]", error_code::bad_markup, 1, "[]"},                        // no digit after the sign
        {"[1e+]", error_code::bad_markup, 1, "[]"},                      // no exponent digit
        {"[tru]", error_code::bad_markup, 1, "[]"},                      // broken literal
        {"[\"a\tb\"]", error_code::bad_markup, 1, "[]"},                  // raw tab inside a string
        {"[\"\\x\"]", error_code::bad_markup, 1, "[]"},                  // unknown escape
        {"[\"\\u12G4\"]", error_code::bad_markup, 1, "[]"},              // bad hex digit
        {"[1 2]", error_code::bad_markup, 1, "[]"},                      // no comma
        {"{\"a\":{\"b\":[1}}", error_code::bad_markup, 1, "a.b[]"},      // wrong closing bracket
        {"]", error_code::bad_markup, 1, ""},                            // a closing bracket first
        {"{\"a\":[1,2", error_code::truncated, 1, "a[]"},                // the text ends inside
        {"\"abc", error_code::truncated, 1, ""},
        {"[\"\\u00", error_code::truncated, 1, "[]"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto e = pull_error(c.text);
        CHECK(e.code() == c.code);
        CHECK(e.where().source == "t.json");
        CHECK(e.where().line == c.line);
        CHECK(e.where().field == c.field);
    }
    // nesting beyond the bound is limit_exceeded, not a stack overflow
    const std::string deep(100000, '[');
    json_pull p(deep, "deep.json", 1, 512);
    try {
        for (;;) p.next();
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == error_code::limit_exceeded);
        CHECK(p.depth() == 512);
    }
}
