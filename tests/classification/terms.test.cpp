// Tests of the branch-term classifier and the built-in [COOP] Table 1
// taxonomy. Each expected branch list is worked out by hand from the term
// lists of Table 1 (shared/seeds/003_*.txt) and the matching rules
// documented in terms.hpp.
#include <doctest/doctest.h>

#include <techconv/classification/terms.hpp>

#include <string>
#include <vector>

namespace tc = techconv;
namespace cl = techconv::classification;

namespace {
std::vector<std::string> names(const cl::term_classifier& k, const std::vector<tc::label_id>& ids) {
    std::vector<std::string> out;
    for (auto id : ids) out.push_back(k.branch(id).name);
    return out;
}
using sv = std::vector<std::string>;
}  // namespace

TEST_CASE("terms: [COOP] taxonomy has the 11 branches of Table 1 in order") {
    const auto k = cl::coop_ai_chip_classifier();
    CHECK(k.branch_count() == 11);
    CHECK(k.branch(0).name == "Brain-like chip");
    CHECK(k.branch(10).name == "VLSI");
    CHECK(k.find_branch("FPGA") == 7);
    CHECK(k.find_branch("nope") == tc::no_label);
    CHECK_FALSE(k.has_ipc_filter());
}

TEST_CASE("terms: English matching is case-insensitive and word-boundary aware") {
    const auto k = cl::coop_ai_chip_classifier();
    auto run = [&](const char* text) { return names(k, k.classify(text)); };
    CHECK(run("A GPU-based renderer") == sv{"GPU"});
    CHECK(run("many gpus in parallel") == sv{"GPU"});  // plural allowed by default
    CHECK(run("XGPU and GPUZ").empty());               // no word boundary
    CHECK(run("Brain-like chips for edge AI") == sv{"Brain-like chip"});
    CHECK(run("FPGA implementation of a neural network processing unit") == sv{"NPU", "FPGA"});
    CHECK(run("an application-specific integrated circuit (ASIC)") == sv{"ASIC"});
    CHECK(run("VLSI design") == sv{"VLSI"});
    CHECK(run("graphics  processing\tunits") == sv{"GPU"});
    CHECK(run("").empty());
    cl::term_classifier_options strict;
    strict.english_plurals = false;
    CHECK(k.classify("many GPUs", {}, strict).empty());
    CHECK(names(k, k.classify("one GPU", {}, strict)) == sv{"GPU"});
}

TEST_CASE("terms: Chinese terms match as substrings, shared terms give both branches") {
    const auto k = cl::coop_ai_chip_classifier();
    // "一种基于图像处理器的目标检测方法" (an object detection method based on an image processor):
    // 图像处理器 is listed under GPU and under IPU in Table 1.
    const char* text =
        "\xE4\xB8\x80\xE7\xA7\x8D\xE5\x9F\xBA\xE4\xBA\x8E\xE5\x9B\xBE\xE5\x83\x8F\xE5\xA4\x84\xE7"
        "\x90\x86\xE5\x99\xA8\xE7\x9A\x84\xE7\x9B\xAE\xE6\xA0\x87\xE6\xA3\x80\xE6\xB5\x8B\xE6\x96"
        "\xB9\xE6\xB3\x95";
    CHECK(names(k, k.classify(text)) == sv{"GPU", "IPU"});
    // "类脑芯片FPGA" : Chinese term directly followed by Latin letters.
    CHECK(names(k, k.classify("\xE7\xB1\xBB\xE8\x84\x91\xE8\x8A\xAF\xE7\x89\x87"
                              "FPGA")) == sv{"Brain-like chip", "FPGA"});
}

TEST_CASE("terms: restricted (noisy) terms need the IPC filter") {
    auto k = cl::coop_ai_chip_classifier();
    const std::vector<cl::ipc_code> ai{cl::parse_ipc("G06N 3/063")};
    const std::vector<cl::ipc_code> shoes{cl::parse_ipc("A43B 13/04")};
    // "TPU" is restricted (thermoplastic polyurethane soles are common in patents).
    CHECK(k.classify("TPU sole", shoes).empty());  // no filter set: restricted terms never count
    k.set_ipc_filter({cl::parse_ipc_pattern("G06N"), cl::parse_ipc_pattern("G06F 15/78")});
    CHECK(k.has_ipc_filter());
    CHECK(k.passes_filter(ai));
    CHECK_FALSE(k.passes_filter(shoes));
    CHECK(k.classify("TPU sole", shoes).empty());
    CHECK(names(k, k.classify("An NPU and a TPU", ai)) == sv{"NPU", "TPU"});
    // Unrestricted terms count without the filter...
    CHECK(names(k, k.classify("Tensor processing unit", shoes)) == sv{"TPU"});
    // ...unless the filter applies to all terms.
    cl::term_classifier_options all;
    all.scope = cl::filter_scope::all_terms;
    CHECK(k.classify("Tensor processing unit", shoes, all).empty());
    CHECK(names(k, k.classify("Tensor processing unit", ai, all)) == sv{"TPU"});
    // restriction_policy::ignore: restricted terms count like the others.
    cl::term_classifier_options ign;
    ign.restricted = cl::restriction_policy::ignore;
    CHECK(names(k, k.classify("TPU sole", shoes, ign)) == sv{"TPU"});
    k.set_ipc_filter({});
    CHECK_FALSE(k.has_ipc_filter());
}

TEST_CASE("terms: user branches with exclusions") {
    cl::term_classifier k;
    cl::branch_definition b;
    b.name = "chip";
    b.terms = {{"chip", false}, {"\xE8\x8A\xAF\xE7\x89\x87", false}};  // 芯片
    b.exclusions = {"potato chip", "chip-seq"};
    CHECK(k.add_branch(b) == 0);
    CHECK(k.classify("A memory chip").size() == 1);
    CHECK(k.classify("Potato chips and a chip").empty());  // the exclusion vetoes the record
    CHECK(k.classify("ChIP-seq assay").empty());
    CHECK(k.classify("chipset").empty());
    CHECK(k.classify("\xE8\x8A\xAF\xE7\x89\x87\xE5\xB0\x81\xE8\xA3\x85").size() == 1);
    std::vector<tc::label_id> out{42};
    CHECK(k.classify_into("chip", {}, out) == 1);
    CHECK(out == std::vector<tc::label_id>{42, 0});
    cl::branch_definition blank;
    blank.name = "x";
    blank.terms = {{" - ", false}};
    CHECK_THROWS_AS(k.add_branch(blank), tc::invalid_argument);
    CHECK_THROWS_AS(k.add_branch(cl::branch_definition{}), tc::invalid_argument);
}
