// SPDX-License-Identifier: BSL-1.0
// report/output_folder.hpp: the staging folder is committed whole, a folder that is
// not a techconv result is refused, and the fnv1a64x4 checksum. Expected checksums
// from the independent Python implementation in tests/cli/check_output_folder.py
// (fnv1a64x4 over b"", b"abc" and bytes(range(40))).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include <techconv/report/output_folder.hpp>

namespace fs = std::filesystem;
namespace rp = techconv::report;

namespace {

fs::path fresh_dir(const std::string& name) {
    const auto p = fs::temp_directory_path() / ("techconv-report-test-" + std::to_string(::getpid())) / name;
    fs::remove_all(p);
    fs::create_directories(p.parent_path());
    return p;
}

std::string hex(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

}  // namespace

TEST_CASE("file_checksum: fnv1a64x4 as the Python reference computes it") {
    const auto dir = fresh_dir("checksum");
    fs::create_directories(dir);
    const auto write = [&](const std::string& name, const std::string& bytes) {
        std::ofstream(dir / name, std::ios::binary) << bytes;
        return (dir / name).string();
    };
    std::string forty;
    for (int i = 0; i < 40; ++i) forty += static_cast<char>(i);
    const auto [e, en] = rp::file_checksum(write("empty", ""));
    CHECK(hex(e) == "5ede98e57ae98c97");
    CHECK(en == 0);
    const auto [a, an] = rp::file_checksum(write("abc", "abc"));
    CHECK(hex(a) == "3d7d57c90dc50b4b");
    CHECK(an == 3);
    // one whole 32-byte block over the four lanes, then 8 tail bytes into lane 0
    const auto [f, fn] = rp::file_checksum(write("forty", forty));
    CHECK(hex(f) == "e57c129b13fc1e24");
    CHECK(fn == 40);
    CHECK_THROWS_AS(rp::file_checksum((dir / "missing").string()), std::runtime_error);
    fs::remove_all(dir.parent_path());
}

TEST_CASE("output_folder: files appear with manifest.json only at commit, and no commit leaves nothing") {
    const auto out = fresh_dir("result");
    {
        rp::output_folder folder(out.string(), false);
        CHECK_FALSE(fs::exists(out));
        {
            rp::output_file f((fs::path(folder.staging()) / "a.csv").string());
            f << "x\n1\n";
        }
        rp::report_count("rows", 1);
        rp::run_manifest m;
        m.command = "test";
        folder.commit(m);
        CHECK_FALSE(fs::exists(folder.staging()));
    }
    REQUIRE(fs::is_regular_file(out / "a.csv"));
    std::ifstream in(out / "manifest.json");
    std::ostringstream text;
    text << in.rdbuf();
    const std::string manifest = text.str();
    CHECK(manifest.find("\"generator\": \"techconv\"") != std::string::npos);
    CHECK(manifest.find("\"rows\": 1") != std::string::npos);
    CHECK(manifest.find("\"name\": \"a.csv\"") != std::string::npos);
    // the previous result needs force; without a commit the old result stays as it was
    CHECK_THROWS_AS(rp::output_folder(out.string(), false), std::runtime_error);
    {
        rp::output_folder again(out.string(), true);
        rp::output_file f((fs::path(again.staging()) / "b.csv").string());
        f << "y\n";
    }
    CHECK(fs::exists(out / "a.csv"));
    CHECK_FALSE(fs::exists(out / "b.csv"));
    fs::remove_all(out.parent_path());
}

TEST_CASE("output_folder: a non-empty folder without a techconv manifest is refused, even with force") {
    const auto out = fresh_dir("foreign");
    fs::create_directories(out);
    std::ofstream(out / "keep.txt") << "mine\n";
    CHECK_THROWS_WITH_AS(rp::output_folder(out.string(), true),
                         doctest::Contains("holds no techconv result"), std::runtime_error);
    CHECK(fs::exists(out / "keep.txt"));
    fs::remove_all(out.parent_path());
}
