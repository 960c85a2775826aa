// io::input_source: one input opened once; the head is read without being
// consumed, the stream yields every byte from the first, the observer sees each
// byte once and the end once. Expected bytes are the inputs themselves.
#include <doctest/doctest.h>

#include <techconv/format/input.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace io = techconv::io;

namespace {

std::string read_all(std::istream& in) {
    std::string out;
    char buf[4096];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) out.append(buf, static_cast<std::size_t>(in.gcount()));
    return out;
}

}  // namespace

TEST_CASE("input_source: the head is not consumed and the observer sees every byte once") {
    std::string text;
    // 20,000 letters then 100,000 'z': the stream crosses two 64 KiB blocks
    for (int i = 0; i < 20000; ++i) text += static_cast<char>('a' + i % 26);
    text += std::string(100000, 'z');
    std::istringstream src(text);
    std::string seen;
    int ends = 0;
    io::input_source in(src, "mem", [&](const char* p, std::size_t n) {
        if (n == 0) ++ends;
        else seen.append(p, n);
    });
    CHECK(in.name() == "mem");
    CHECK(in.head(4) == "abcd");
    CHECK(in.head(30) == text.substr(0, 30));  // a longer head reads on
    CHECK(read_all(in.stream()) == text);
    in.finish();
    CHECK(seen == text);
    CHECK(ends == 1);
    CHECK(in.bytes_taken() == text.size());
    CHECK_THROWS_AS(in.head(1), techconv::invalid_argument);  // after reading: no head any more
}

TEST_CASE("input_source: finish reads what the reader left, a short input ends in the head") {
    std::istringstream src("abc");
    std::string seen;
    int ends = 0;
    io::input_source in(src, "short", [&](const char* p, std::size_t n) {
        if (n == 0) ++ends;
        else seen.append(p, n);
    });
    CHECK(in.head(4096) == "abc");
    CHECK(ends == 1);  // the end was reached while reading the head
    CHECK(in.stream().get() == 'a');
    in.finish();
    CHECK(seen == "abc");
    CHECK(ends == 1);
}

TEST_CASE("input_source: a regular file is closed after its head and read on at the same offset") {
    const std::string path = "input_source_test.txt";
    std::string text;
    for (int i = 0; i < 5000; ++i) text += std::to_string(i) + "\n";
    {
        std::ofstream f(path, std::ios::binary);
        f << text;
    }
    std::string seen;
    io::input_source in(path, [&](const char* p, std::size_t n) { seen.append(p, n); });
    CHECK(in.head(10) == text.substr(0, 10));
    CHECK(read_all(in.stream()) == text);
    in.finish();
    CHECK(seen == text);
    std::remove(path.c_str());
    io::input_source missing("no-such-file.txt");
    try {
        (void)missing.head(1);
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::io_error);
        CHECK(e.source() == "no-such-file.txt");
    }
}

TEST_CASE("input_source: a directory is an io_error naming it, not a stream failure") {
    // Before: "basic_filebuf::underflow error reading the file: Is a directory", without the name.
    io::input_source dir(".");
    try {
        (void)dir.head(1);
        FAIL("expected a parse_error");
    } catch (const techconv::parse_error& e) {
        CHECK(e.code() == techconv::error_code::io_error);
        CHECK(e.source() == ".");
        CHECK(std::string(e.what()).find("is a directory") != std::string::npos);
    }
}
