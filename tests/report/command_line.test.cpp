// SPDX-License-Identifier: BSL-1.0
// report/command_line.hpp: the option table is what the parser accepts and what --help
// prints; numbers are range-checked; enum options go through the library's name tables and
// an unknown name is a usage_error naming the option. Expected texts are written out by hand
// from the conventions in the header comment.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include <techconv/classification/ipc.hpp>
#include <techconv/records/incidence.hpp>
#include <techconv/report/command_line.hpp>

namespace rp = techconv::report;

namespace {

const rp::command_spec& spec() {
    static const rp::command_spec s{"demo", "INPUT... --out DIR", "a demo", "Does nothing.",
                                    {{"out", "DIR", "output folder"},
                                     {"level", "L", "an IPC level"},
                                     {"top", "Q", "a fraction"},
                                     {"no-merge", "", "a flag"}},
                                    "  out.csv  a, b",
                                    true};
    return s;
}

rp::arguments parse(std::vector<std::string> words) {
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    return rp::parse_args(spec(), static_cast<int>(argv.size()), argv.data(), 0);
}

std::string usage_message(std::vector<std::string> words) {
    try {
        parse(std::move(words));
    } catch (const rp::usage_error& e) {
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("command_line: inputs, values, flags and the common options") {
    const auto a = parse({"a.csv", "--out", "o", "--level=main-group", "--no-merge", "--quiet", "--force",
                          "--encoding", "latin1", "--", "--b.csv"});
    CHECK(a.inputs == std::vector<std::string>{"a.csv", "--b.csv"});
    CHECK(a.get("out") == "o");
    CHECK(a.has("no-merge"));
    CHECK(a.quiet);
    CHECK(a.force);
    CHECK(a.encoding == techconv::io::text_encoding::latin1);
    CHECK(a.values.count("quiet") == 0);  // the common flags are not option values (manifest.json)
    CHECK(a.choice("level", "subclass", techconv::classification::ipc_level_from_string) ==
          techconv::classification::ipc_level::main_group);
    // the default goes through the same table
    CHECK(a.choice("counting", "link-fractional", techconv::records::counting_from_string) ==
          techconv::records::counting::link_fractional);
}

TEST_CASE("command_line: mistakes are usage errors naming the option") {
    CHECK(usage_message({"--bogus"}) == "unknown option --bogus");
    CHECK(usage_message({"--no-merge=1"}) == "option --no-merge takes no value");
    CHECK(usage_message({"--out"}) == "option --out needs a value DIR");
    CHECK(usage_message({"--encoding", "ebcdic"}).rfind("unknown --encoding 'ebcdic' (", 0) == 0);
    // the patent limits: 1..1000000 codes per record
    CHECK(usage_message({"--max-codes-per-record", "0"}) ==
          "--max-codes-per-record expects an integer in 1..1000000, got '0'");
    const auto a = parse({"--level", "group", "--top", "2"});
    std::string level_error;
    try {
        a.choice("level", "subclass", techconv::classification::ipc_level_from_string);
    } catch (const rp::usage_error& e) {
        level_error = e.what();
    }
    CHECK(level_error == "--level: unknown IPC level 'group' (section, class, subclass, main_group, subgroup)");
    CHECK_THROWS_AS(a.fraction(), rp::usage_error);  // 2 is outside (0, 1]
    CHECK(parse({"--top", "0.1"}).fraction() == 0.1);
    CHECK_THROWS_AS(parse({"--top", "0"}).fraction(), rp::usage_error);
    CHECK(parse({}).threads() == 1);
    CHECK_THROWS_AS(parse({"--threads", "257"}).threads(), rp::usage_error);
}

TEST_CASE("command_line: --help prints the table, the limits and the common options") {
    std::FILE* f = std::tmpfile();
    REQUIRE(f);
    rp::print_help(spec(), f);
    std::rewind(f);
    std::string text;
    for (int c; (c = std::fgetc(f)) != EOF;) text += static_cast<char>(c);
    std::fclose(f);
    CHECK(text.rfind("usage: techconv demo INPUT... --out DIR\n\nDoes nothing.\n\noptions:\n", 0) == 0);
    // "  " + the left column padded to 26 + " " + help
    CHECK(text.find("\n  --level L                  an IPC level\n") != std::string::npos);
    CHECK(text.find("\n  --no-merge                 a flag\n") != std::string::npos);
    CHECK(text.find("\n  --max-xml-depth N") != std::string::npos);
    CHECK(text.find("\n  --help                     this text\n") != std::string::npos);
    CHECK(text.find("\noutputs:\n  out.csv  a, b\n") != std::string::npos);
}
