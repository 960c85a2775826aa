// SPDX-License-Identifier: BSL-1.0
//
// Classification of records (titles, abstracts, keywords) into technology
// branches by term lists: multi-label, case-insensitive, word-boundary aware
// for English, substring matching for Chinese (UTF-8), exclusions, and an
// optional IPC filter for noisy terms. The [COOP] Table 1 AI-chip taxonomy is
// built in.
#ifndef TECHCONV_CLASSIFICATION_TERMS_HPP_
#define TECHCONV_CLASSIFICATION_TERMS_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/classification/concordance.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace classification {

/// \brief One search term of a branch.
struct branch_term {
    std::string text;         ///< the term, e.g. "Graphics Processing Unit" or "图形处理器"
    bool restricted = false;  ///< noisy term: counts only for records that pass the IPC filter
};

/// \brief A technology branch: a name, its terms and its exclusion terms.
struct branch_definition {
    std::string name;                     ///< e.g. "GPU"
    std::vector<branch_term> terms;       ///< any match assigns the branch
    std::vector<std::string> exclusions;  ///< any match vetoes the branch for the record
};

/// \brief What restricted terms need.
enum class restriction_policy : std::uint8_t {
    require_filter,  ///< count only when the record passes the IPC filter (no filter: never)
    ignore,          ///< count like every other term
};

/// \brief Which terms the IPC filter applies to.
enum class filter_scope : std::uint8_t {
    restricted_terms,  ///< only terms marked restricted ([COOP]: VPU, NPU, DPU, ...)
    all_terms,         ///< every term: a record outside the filter gets no branch
};

/// \brief Options of term_classifier::classify.
struct term_classifier_options {
    restriction_policy restricted = restriction_policy::require_filter;  ///< see restriction_policy
    filter_scope scope = filter_scope::restricted_terms;                 ///< see filter_scope
    bool english_plurals = true;  ///< an English term ending in a letter also matches with "s"
};

namespace detail {
constexpr bool is_ascii_alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
/// ASCII letters lower-cased; blanks, '-' and '_' runs become one space;
/// other bytes (UTF-8 text) kept.
inline void normalize_text(std::string_view in, std::string& out) {
    out.clear();
    out.reserve(in.size());
    bool space = false;
    for (char c : in) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == '_') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
}
/// Whether normalised `term` occurs in normalised `text` with word
/// boundaries on its ASCII-alphanumeric ends.
inline bool contains_term(std::string_view text, std::string_view term, bool plurals) noexcept {
    if (term.empty()) return false;
    const bool left = is_ascii_alnum(term.front());
    const bool right = is_ascii_alnum(term.back());
    const bool letter_end = right && !(term.back() >= '0' && term.back() <= '9');
    for (std::size_t pos = text.find(term); pos != std::string_view::npos;
         pos = text.find(term, pos + 1)) {
        if (left && pos > 0 && is_ascii_alnum(text[pos - 1])) continue;
        std::size_t end = pos + term.size();
        if (right && end < text.size() && is_ascii_alnum(text[end])) {
            if (!(plurals && letter_end && text[end] == 's')) continue;
            ++end;
            if (end < text.size() && is_ascii_alnum(text[end])) continue;
        }
        return true;
    }
    return false;
}
}  // namespace detail

/// \brief Assigns records to technology branches by terms ([COOP] §1.2, Table 1).
///
/// Matching is on normalised text: ASCII letters are case-folded, runs of
/// blanks, hyphens and underscores count as one space (so "brain-like chip"
/// matches "Brain Like Chip"), and a term's ends that are ASCII letters or
/// digits must sit on word boundaries ("GPU" does not match "GPUs" unless
/// english_plurals, and never "XGPUZ"). Terms in Chinese (or any non-ASCII
/// UTF-8) match as substrings. A record gets every branch with a matching
/// term and no matching exclusion (multi-label). Restricted (noisy) terms
/// count only for records with an IPC code matching the filter, unless
/// restriction_policy::ignore.
///
/// Complete after construction; safe for concurrent classify calls.
/// Complexity of classify: O(total term length x text length) worst case,
/// O(text length x number of terms) typically.
/// \code
/// term_classifier k = coop_ai_chip_classifier();
/// k.classify("An FPGA-based neural network processing unit", {});  // {NPU, FPGA}
/// \endcode
/// Since: 0.1.
class term_classifier {
public:
    term_classifier() = default;
    /// A classifier with `branches` (ids in order).
    explicit term_classifier(std::vector<branch_definition> branches) {
        for (auto& b : branches) add_branch(std::move(b));
    }

    /// \brief Adds a branch; returns its id.
    /// \throws invalid_argument if the name is empty or a term is blank.
    label_id add_branch(branch_definition b) {
        ::techconv::detail::require(!b.name.empty(), "term_classifier: empty branch name");
        compiled c;
        std::string n;
        for (const auto& t : b.terms) {
            detail::normalize_text(t.text, n);
            ::techconv::detail::require(!n.empty(), "term_classifier: blank term in " + b.name);
            c.terms.push_back(n);
            c.restricted.push_back(t.restricted);
        }
        for (const auto& x : b.exclusions) {
            detail::normalize_text(x, n);
            ::techconv::detail::require(!n.empty(),
                                        "term_classifier: blank exclusion in " + b.name);
            c.exclusions.push_back(n);
        }
        branches_.push_back(std::move(b));
        compiled_.push_back(std::move(c));
        return static_cast<label_id>(branches_.size() - 1);
    }

    /// \brief Sets the IPC filter for restricted terms (e.g. the AI-industry
    /// IPC list of China's strategic-emerging-industry concordance). A record
    /// passes when one of its codes matches one of the patterns. An empty
    /// list removes the filter.
    void set_ipc_filter(const std::vector<ipc_pattern>& patterns) {
        filter_ = concordance{};
        if (patterns.empty()) return;
        const label_id in = filter_.add_category("filter");
        for (const auto& p : patterns) filter_.add_rule(p, in);
    }
    /// True when an IPC filter is set.
    bool has_ipc_filter() const noexcept { return !filter_.rules().empty(); }
    /// \brief True when a filter is set and one of `codes` matches it.
    bool passes_filter(const std::vector<ipc_code>& codes) const {
        if (!has_ipc_filter()) return false;
        std::vector<label_id> tmp;
        concordance_options all;
        all.match = concordance_match::all;
        for (ipc_code c : codes)
            if (filter_.lookup_into(c, tmp, all) != 0) return true;
        return false;
    }

    /// \brief Appends the ids of the branches of a record (ascending) to `out`.
    /// \param text the record's text (title, abstract, keywords), UTF-8.
    /// \param codes the record's IPC/CPC codes (for the filter; may be empty).
    /// \param out branch ids are appended.
    /// \param opts restriction policy, filter scope, plurals.
    /// \returns the number of branches appended.
    std::size_t classify_into(std::string_view text, const std::vector<ipc_code>& codes,
                              std::vector<label_id>& out,
                              const term_classifier_options& opts = {}) const {
        std::string norm;
        detail::normalize_text(text, norm);
        const bool need_filter = opts.restricted == restriction_policy::require_filter;
        const bool passes = !need_filter || passes_filter(codes);
        if (opts.scope == filter_scope::all_terms && !passes) return 0;
        std::size_t added = 0;
        for (std::size_t b = 0; b < compiled_.size(); ++b) {
            const compiled& c = compiled_[b];
            bool hit = false;
            for (std::size_t t = 0; t < c.terms.size() && !hit; ++t) {
                if (c.restricted[t] && !passes) continue;
                hit = detail::contains_term(norm, c.terms[t], opts.english_plurals);
            }
            if (!hit) continue;
            bool vetoed = false;
            for (const auto& x : c.exclusions)
                if (detail::contains_term(norm, x, opts.english_plurals)) {
                    vetoed = true;
                    break;
                }
            if (vetoed) continue;
            out.push_back(static_cast<label_id>(b));
            ++added;
        }
        return added;
    }
    /// \brief The branch ids of a record (ascending); see classify_into.
    std::vector<label_id> classify(std::string_view text, const std::vector<ipc_code>& codes = {},
                                   const term_classifier_options& opts = {}) const {
        std::vector<label_id> out;
        classify_into(text, codes, out, opts);
        return out;
    }

    /// Number of branches.
    std::size_t branch_count() const noexcept { return branches_.size(); }
    /// \brief Branch `id`. \throws invalid_argument if out of range.
    const branch_definition& branch(label_id id) const {
        ::techconv::detail::require(id < branches_.size(),
                                    "term_classifier: branch id out of range");
        return branches_[id];
    }
    /// Id of the branch named `name`, or no_label.
    label_id find_branch(std::string_view name) const noexcept {
        for (std::size_t i = 0; i < branches_.size(); ++i)
            if (branches_[i].name == name) return static_cast<label_id>(i);
        return no_label;
    }

private:
    struct compiled {
        std::vector<std::string> terms;
        std::vector<bool> restricted;
        std::vector<std::string> exclusions;
    };
    std::vector<branch_definition> branches_;
    std::vector<compiled> compiled_;
    concordance filter_;
};

/// \brief The AI-chip branch taxonomy of [COOP] Table 1, with its English
/// and Chinese terms.
///
/// Branches, in the table's order: brain-like chip, GPU, VPU, DPU, NPU, IPU,
/// TPU, FPGA, ASIC, CPLD, VLSI. Every branch also has its acronym as a term
/// (the paper's search words). Restricted (noisy, counted only for records
/// passing the IPC filter): the acronyms VPU, NPU, DPU (named by the paper),
/// IPU and TPU (our addition: TPU is also thermoplastic polyurethane), and
/// the generic data-processor terms of the DPU branch ("Data Processing
/// Unit", 数据处理器, 数据处理单元; our addition). Besides the printed
/// "Images Processing Unit" and "Very Large Scale Integrate circuit", the
/// singular "Image Processing Unit" and "Very Large Scale Integration" are
/// added. Terms shared by two branches (图像处理器 in GPU and IPU) give both.
/// Reference: Zhang, Cheng, Jiang (2024), Sino-U.S. AI chip technology
/// cooperation, Science & Technology Progress and Policy 2024(03), Table 1,
/// doi:10.3772/j.issn.1009-8623.2024.03.006.
inline std::vector<branch_definition> coop_ai_chip_branches() {
    auto terms = [](std::initializer_list<const char*> open,
                    std::initializer_list<const char*> restricted) {
        std::vector<branch_term> v;
        for (const char* t : open) v.push_back(branch_term{t, false});
        for (const char* t : restricted) v.push_back(branch_term{t, true});
        return v;
    };
    // Chinese terms as UTF-8 escapes (the source stays ASCII).
    return {
        {"Brain-like chip",
         terms({"Brain Like Chip", "\xE7\xB1\xBB\xE8\x84\x91\xE8\x8A\xAF\xE7\x89\x87",
                "\xE5\xA4\xA7\xE8\x84\x91\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8"},
               {}),
         {}},
        {"GPU",
         terms({"GPU", "Graphics Processing Unit",
                "\xE5\x9B\xBE\xE5\x83\x8F\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8",
                "\xE5\x9B\xBE\xE5\xBD\xA2\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8",
                "\xE6\x98\xBE\xE7\xA4\xBA\xE8\x8A\xAF\xE7\x89\x87",
                "\xE5\x9B\xBE\xE5\x83\x8F\xE5\xA4\x84\xE7\x90\x86\xE5\x8D\x95\xE5\x85\x83",
                "\xE5\x9B\xBE\xE5\xBD\xA2\xE5\xA4\x84\xE7\x90\x86\xE5\x8D\x95\xE5\x85\x83"},
               {}),
         {}},
        {"VPU",
         terms({"Vision Processing Unit",
                "\xE8\xA7\x86\xE8\xA7\x89\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8",
                "\xE8\xA7\x86\xE8\xA7\x89\xE5\xA4\x84\xE7\x90\x86\xE5\x8D\x95\xE5\x85\x83",
                "Video Processing Unit",
                "\xE8\xA7\x86\xE9\xA2\x91\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8",
                "\xE8\xA7\x86\xE9\xA2\x91\xE5\xA4\x84\xE7\x90\x86\xE5\x8D\x95\xE5\x85\x83"},
               {"VPU"}),
         {}},
        {"DPU",
         terms({"Deep learning Processing Unit",
                "\xE6\xB7\xB1\xE5\xBA\xA6\xE5\xAD\xA6\xE4\xB9\xA0\xE5\xA4\x84\xE7\x90\x86\xE5\x99"
                "\xA8",
                "\xE6\xB7\xB1\xE5\xBA\xA6\xE5\xAD\xA6\xE4\xB9\xA0\xE5\xA4\x84\xE7\x90\x86\xE5\x8D"
                "\x95\xE5\x85\x83",
                "\xE6\xB7\xB1\xE5\xBA\xA6\xE5\xAD\xA6\xE4\xB9\xA0\xE8\x8A\xAF\xE7\x89\x87"},
               {"DPU", "Data Processing Unit",
                "\xE6\x95\xB0\xE6\x8D\xAE\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8",
                "\xE6\x95\xB0\xE6\x8D\xAE\xE5\xA4\x84\xE7\x90\x86\xE5\x8D\x95\xE5\x85\x83"}),
         {}},
        {"NPU",
         terms({"Neural network Processing Unit",
                "\xE7\xA5\x9E\xE7\xBB\x8F\xE7\xBD\x91\xE7\xBB\x9C\xE5\xA4\x84\xE7\x90\x86\xE5\x99"
                "\xA8",
                "\xE7\xA5\x9E\xE7\xBB\x8F\xE7\xBD\x91\xE7\xBB\x9C\xE5\xA4\x84\xE7\x90\x86\xE5\x8D"
                "\x95\xE5\x85\x83",
                "\xE7\xA5\x9E\xE7\xBB\x8F\xE7\xBD\x91\xE7\xBB\x9C\xE8\x8A\xAF\xE7\x89\x87"},
               {"NPU"}),
         {}},
        {"IPU",
         terms({"Intelligence Processing Unit",
                "\xE6\x99\xBA\xE8\x83\xBD\xE5\xA4\x84\xE7\x90\x86\xE5\x8D\x95\xE5\x85\x83",
                "\xE6\x99\xBA\xE8\x83\xBD\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8",
                "Images Processing Unit", "Image Processing Unit",
                "\xE5\x9B\xBE\xE5\x83\x8F\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8",
                "\xE5\x9B\xBE\xE5\xBD\xA2\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8",
                "\xE5\x9B\xBE\xE5\x83\x8F\xE5\xA4\x84\xE7\x90\x86\xE5\x8D\x95\xE5\x85\x83",
                "\xE5\x9B\xBE\xE5\xBD\xA2\xE5\xA4\x84\xE7\x90\x86\xE5\x8D\x95\xE5\x85\x83"},
               {"IPU"}),
         {}},
        {"TPU",
         terms({"Tensor Processing Unit",
                "\xE5\xBC\xA0\xE9\x87\x8F\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8",
                "\xE5\xBC\xA0\xE9\x87\x8F\xE5\xA4\x84\xE7\x90\x86\xE5\x8D\x95\xE5\x85\x83"},
               {"TPU"}),
         {}},
        {"FPGA",
         terms({"FPGA", "Field Programmable Gate Array",
                "\xE7\x8E\xB0\xE5\x9C\xBA\xE5\x8F\xAF\xE7\xBC\x96\xE7\xA8\x8B\xE9\x80\xBB\xE8\xBE"
                "\x91\xE9\x97\xA8\xE9\x98\xB5\xE5\x88\x97",
                "\xE7\x8E\xB0\xE5\x9C\xBA\xE5\x8F\xAF\xE7\xA8\x8B\xE5\xBC\x8F\xE9\x80\xBB\xE8\xBE"
                "\x91\xE9\x97\xA8\xE9\x98\xB5\xE5\x88\x97",
                "\xE7\x8E\xB0\xE5\x9C\xBA\xE5\x8F\xAF\xE7\xBC\x96\xE7\xA8\x8B\xE9\x97\xA8\xE9\x98"
                "\xB5\xE5\x88\x97",
                "\xE7\x8E\xB0\xE5\x9C\xBA\xE5\x8F\xAF\xE7\xBC\x96\xE8\xBE\x91\xE9\x80\xBB\xE8\xBE"
                "\x91\xE9\x97\xA8\xE9\x98\xB5\xE5\x88\x97",
                "\xE7\x8E\xB0\xE5\x9C\xBA\xE5\x8F\xAF\xE7\xBC\x96\xE8\xBE\x91\xE9\x97\xA8\xE9\x98"
                "\xB5\xE5\x88\x97"},
               {}),
         {}},
        {"ASIC",
         terms({"ASIC", "Application Specific Integrated Circuit",
                "\xE7\x89\xB9\xE6\xAE\x8A\xE5\xBA\x94\xE7\x94\xA8\xE9\x9B\x86\xE6\x88\x90\xE7\x94"
                "\xB5\xE8\xB7\xAF",
                "\xE4\xB8\x93\xE7\x94\xA8\xE9\x9B\x86\xE6\x88\x90\xE7\x94\xB5\xE8\xB7\xAF",
                "\xE7\x89\xB9\xE5\xAE\x9A\xE7\x94\xA8\xE9\x80\x94\xE9\x9B\x86\xE6\x88\x90\xE7\x94"
                "\xB5\xE8\xB7\xAF"},
               {}),
         {}},
        {"CPLD",
         terms({"CPLD", "Complex Programmable Logic Device",
                "\xE5\xA4\x8D\xE6\x9D\x82\xE5\x8F\xAF\xE7\xBC\x96\xE7\xA8\x8B\xE9\x80\xBB\xE8\xBE"
                "\x91\xE5\x99\xA8\xE4\xBB\xB6",
                "\xE5\xA4\x8D\xE6\x9D\x82\xE5\x8F\xAF\xE7\xA8\x8B\xE5\xBC\x8F\xE9\x80\xBB\xE8\xBE"
                "\x91\xE5\x99\xA8\xE4\xBB\xB6",
                "\xE5\xA4\x8D\xE6\x9D\x82\xE5\x8F\xAF\xE7\xBC\x96\xE7\xA8\x8B\xE9\x80\xBB\xE8\xBE"
                "\x91\xE8\xA3\x85\xE7\xBD\xAE",
                "\xE5\xA4\x8D\xE6\x9D\x82\xE5\x8F\xAF\xE7\xA8\x8B\xE5\xBC\x8F\xE9\x80\xBB\xE8\xBE"
                "\x91\xE8\xA3\x85\xE7\xBD\xAE"},
               {}),
         {}},
        {"VLSI",
         terms({"VLSI", "Very Large Scale Integrate circuit", "Very Large Scale Integration",
                "\xE8\xB6\x85\xE5\xA4\xA7\xE8\xA7\x84\xE6\xA8\xA1\xE9\x9B\x86\xE6\x88\x90\xE7\x94"
                "\xB5\xE8\xB7\xAF"},
               {}),
         {}},
    };
}

/// \brief A term_classifier with the [COOP] Table 1 taxonomy
/// (coop_ai_chip_branches), without an IPC filter: set one with
/// set_ipc_filter to let the restricted terms count.
inline term_classifier coop_ai_chip_classifier() {
    return term_classifier(coop_ai_chip_branches());
}

}  // namespace classification
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLASSIFICATION_TERMS_HPP_
