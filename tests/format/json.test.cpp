// Tests of the JSON writer (techconv/format/json.hpp). The expected texts are
// written out by hand; the real-consumer check parses the output with
// Python's json module.
#include <doctest/doctest.h>

#include <techconv/format/json.hpp>

#include <limits>
#include <sstream>

#include "test_support.hpp"

using techconv::io::json_writer;

TEST_CASE("json: compact output, escapes, numbers, nesting") {
    std::ostringstream out;
    json_writer j(out, 0);
    j.begin_object()
        .key("name").value("a \"q\"\n\x01")
        .key("n").value(643)
        .key("density").value(0.54)
        .key("third").value(1.0 / 3.0)
        .key("nan").value(std::numeric_limits<double>::quiet_NaN())
        .key("ok").value(true)
        .key("list").array(std::vector<int>{1, 2})
        .key("empty").begin_array().end_array()
        .key("sub").begin_object().key("x").null().end_object()
        .end_object();
    CHECK(out.str() ==
          "{\"name\":\"a \\\"q\\\"\\n\\u0001\",\"n\":643,\"density\":0.54,"
          "\"third\":0.3333333333333333,\"nan\":null,\"ok\":true,\"list\":[1,2],"
          "\"empty\":[],\"sub\":{\"x\":null}}");
    CHECK(j.done());
}

TEST_CASE("json: misuse throws invalid_argument") {
    std::ostringstream out;
    json_writer j(out);
    j.begin_object();
    CHECK_THROWS_AS(j.value(1), techconv::invalid_argument);  // value without key
    j.key("a");
    CHECK_THROWS_AS(j.key("b"), techconv::invalid_argument);  // key after key
    j.value(1);
    CHECK_THROWS_AS(j.end_array(), techconv::invalid_argument);
    j.end_object();
    CHECK_THROWS_AS(j.value(2), techconv::invalid_argument);  // second root
}

TEST_CASE("json: pretty output is read back by Python's json module") {
    std::ostringstream out;
    json_writer j(out);
    j.begin_object().key("codes").begin_array();
    for (const char* c : {"G06F", "H04N", "\xe4\xb8\xad"}) j.value(c);
    j.end_array().key("weight").value(1e-300).end_object();
    const auto path = techconv_test::temp_path("pretty.json");
    techconv_test::write_file(path, out.str());
    // The reference prints the number of codes and the weight it parsed.
    const auto ref = techconv_test::parse_numbers(techconv_test::run_python("format/json_reference.py", {path}));
    REQUIRE(ref.size() == 2);
    CHECK(ref[0] == 3);
    CHECK(ref[1] == 1e-300);
}
