// SPDX-License-Identifier: BSL-1.0
//
// IPC/CPC patterns (symbol prefixes, SQL-LIKE subgroup prefixes) and
// concordance tables mapping patterns to categories (technology fields,
// industries), multi-label, with longest-prefix or all-matches lookup.
// File loaders are in techconv/classification/loaders.hpp.
#ifndef TECHCONV_CLASSIFICATION_CONCORDANCE_HPP_
#define TECHCONV_CLASSIFICATION_CONCORDANCE_HPP_

#include <algorithm>      // std::sort, std::unique, std::find
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint8_t, std::uint64_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace classification {

/// \brief A set of IPC/CPC codes written as one pattern.
///
/// Pattern syntax (blanks and letter case as in parse_ipc; `%` and `*` are
/// wildcards allowed only at the end):
///  - a symbol above subgroup level covers itself and everything below it:
///    `G`, `G06`, `G06T`, `G06T%` (subclass); `G06T 7/00`, `G06T 7/`,
///    `G06T 7`, `G06T 7/%`, `H04N   3/%` (main group with all its subgroups,
///    the padded form of the WIPO concordance included);
///  - a subgroup covers exactly itself: `G06T 7/246`;
///  - a subgroup digit prefix with a wildcard, SQL LIKE style: `H04N 5/23%`
///    covers the subgroups of H04N 5 whose six-digit subgroup starts with
///    `23` (5/23, 5/232, 5/2321, ...).
///
/// Subgroup hierarchy (dot levels) is not derivable from the symbol; a
/// subgroup with its children is written with a digit-prefix pattern or by
/// listing the subgroups.
/// Since: 0.1.
struct ipc_pattern {
    ipc_code anchor;          ///< the symbol; for digit prefixes the subgroup holds the digits
    std::uint8_t digits = 0;  ///< 1-6 for a subgroup digit-prefix pattern, else 0

    /// \brief True when `c` is covered by the pattern. Complexity: O(1).
    constexpr bool matches(ipc_code c) const noexcept {
        if (digits == 0) return anchor.contains(c);
        if (!c.has(ipc_level::main_group)) return false;
        if (c.truncate_unchecked(ipc_level::main_group) !=
            anchor.truncate_unchecked(ipc_level::main_group))
            return false;
        const std::uint32_t p = detail::pow10(6u - digits);
        return c.subgroup() / p == anchor.subgroup() / p;
    }
    /// \brief Rank for longest-prefix lookup: section 1, class 2, subclass 3,
    /// main group 4, digit prefix 4 + digits, exact subgroup 11.
    constexpr unsigned specificity() const noexcept {
        if (digits != 0) return 4u + digits;
        return anchor.level() == ipc_level::subgroup ? 11u
                                                     : static_cast<unsigned>(anchor.level()) + 1u;
    }
    /// \brief The pattern as text: `G06T`, `G06T 7/00`, `G06T 7/246`, `H04N 5/23%`.
    std::string to_string() const {
        if (digits == 0) return anchor.to_string();
        std::string s = anchor.truncate_unchecked(ipc_level::main_group).to_string();
        s.resize(s.size() - 2);  // drop "00"
        const std::uint32_t v = anchor.subgroup();
        std::uint32_t p = 100000;
        for (unsigned i = 0; i < digits; ++i, p /= 10) s += static_cast<char>('0' + v / p % 10);
        s += '%';
        return s;
    }
    /// Patterns are equal when they cover the same codes.
    friend constexpr bool operator==(const ipc_pattern& a, const ipc_pattern& b) noexcept {
        return a.anchor == b.anchor && a.digits == b.digits;
    }
    /// Patterns are equal when they cover the same codes.
    friend constexpr bool operator!=(const ipc_pattern& a, const ipc_pattern& b) noexcept {
        return !(a == b);
    }
};

/// \brief Outcome of ipc_pattern_from_chars.
struct ipc_pattern_result {
    ipc_pattern pattern;            ///< the pattern (anchor empty on error)
    ipc_errc error = ipc_errc::ok;  ///< ok, or why the symbol part did not parse
    /// True on success.
    constexpr explicit operator bool() const noexcept { return error == ipc_errc::ok; }
};

/// \brief Parses a pattern (syntax of ipc_pattern) without throwing.
/// Complexity: O(length); no allocation.
inline ipc_pattern_result ipc_pattern_from_chars(std::string_view text) noexcept {
    using R = ipc_pattern_result;
    std::size_t e = text.size();
    while (e > 0 && detail::is_blank(text[e - 1])) --e;
    bool wildcard = false;
    while (e > 0 && (text[e - 1] == '%' || text[e - 1] == '*')) {
        wildcard = true;
        --e;
    }
    const std::string_view s = text.substr(0, e);
    if (s.find_first_of("%*_") != std::string_view::npos) return R{{}, ipc_errc::trailing_text};
    // The main group of "G06T 7" or "G06T 7/": parse it as "G06T 7/00".
    auto main_group = [&](std::string_view head) -> ipc_parse_result {
        char buf[48];
        if (head.size() + 3 > sizeof buf) return ipc_parse_result{{}, ipc_errc::trailing_text, 0};
        std::size_t n = 0;
        for (char c : head) buf[n++] = c;
        if (head.back() != '/') buf[n++] = '/';
        buf[n++] = '0';
        buf[n++] = '0';
        return ipc_from_chars(std::string_view(buf, n));
    };
    const std::size_t slash = s.find('/');
    if (slash == std::string_view::npos) {
        // "G06T", "G06T 7": a symbol or a bare main group.
        ipc_parse_result r = ipc_from_chars(s);
        if (!r && r.error == ipc_errc::bad_main_group) r = main_group(s);
        if (!r) return R{{}, r.error};
        return R{ipc_pattern{r.code, 0}, ipc_errc::ok};
    }
    std::size_t b = detail::skip_blanks(s, slash + 1);
    std::size_t k = s.size();
    while (k > b && detail::is_blank(s[k - 1])) --k;
    const std::string_view digits = s.substr(b, k - b);
    if (digits.size() > 6 || detail::digit_run(digits, 0) != digits.size())
        return R{{}, ipc_errc::bad_subgroup};
    if (!wildcard && !digits.empty()) {  // a plain symbol
        const ipc_parse_result r = ipc_from_chars(s);
        if (!r) return R{{}, r.error};
        return R{ipc_pattern{r.code, 0}, ipc_errc::ok};
    }
    const ipc_parse_result g = main_group(s.substr(0, slash + 1));
    if (!g) return R{{}, g.error};
    if (digits.empty()) return R{ipc_pattern{g.code, 0}, ipc_errc::ok};  // "G06T 7/%"
    // A digit prefix needs a main group: Derwent's "B64C-000/" is the subclass (group 0).
    if (g.code.level() != ipc_level::main_group) return R{{}, ipc_errc::bad_main_group};
    // Digit prefix "H04N 5/23%": the group with the digits as its subgroup.
    const auto nd = static_cast<unsigned>(digits.size());
    const std::uint32_t sub =
        detail::digits_value(digits, 0, digits.size()) * detail::pow10(6u - nd);
    const ipc_code anchor = ipc_code::from_bits_unchecked(
        (g.code.bits() & ~detail::level_mask) | (std::uint64_t{sub} << detail::subgroup_shift) |
        static_cast<std::uint64_t>(ipc_level::subgroup));
    return R{ipc_pattern{anchor, static_cast<std::uint8_t>(nd)}, ipc_errc::ok};
}

/// \brief Parses a pattern or throws parse_error (bad_code) quoting it.
inline ipc_pattern parse_ipc_pattern(std::string_view text, const source_location& where = {}) {
    const ipc_pattern_result r = ipc_pattern_from_chars(text);
    if (!r)
        ::techconv::detail::throw_error<parse_error>(error_code::bad_code, where,
                                                     "invalid IPC/CPC pattern '" +
                                                         std::string(text.substr(0, 80)) +
                                                         "': " + std::string(to_string(r.error)));
    return r.pattern;
}

/// \brief A category of a concordance (a technology field, an industry).
struct concordance_category {
    std::string name;   ///< e.g. "Audio-visual technology"
    std::string code;   ///< e.g. "2" (WIPO field number), may be empty
    std::string group;  ///< e.g. "Electrical engineering" (WIPO sector), may be empty
};

/// \brief One pattern -> category rule.
struct concordance_rule {
    ipc_pattern pattern;  ///< which codes
    label_id category;    ///< which category
};

/// \brief How a code's categories are chosen among the matching rules.
enum class concordance_match : std::uint8_t {
    longest_prefix,  ///< only the rules of the most specific matching pattern (ties: all of them)
    all,             ///< every matching rule, at any depth
};

/// \brief Options of concordance lookups.
struct concordance_options {
    concordance_match match = concordance_match::longest_prefix;  ///< see concordance_match
};

/// \brief Counts gathered while a concordance was loaded from a file.
struct concordance_stats {
    std::size_t rows = 0;               ///< data rows read
    std::size_t empty_rows = 0;         ///< rows without a pattern (skipped)
    std::size_t bad_patterns = 0;       ///< patterns that did not parse (skipped under collect)
    std::vector<ipc_bad_code> samples;  ///< the first bad patterns
};

/// \brief A concordance table: IPC/CPC patterns -> categories, multi-label.
///
/// A pattern may map to several categories and a code may match several
/// patterns; lookup returns the sorted distinct category ids of the most
/// specific matching pattern (longest prefix, the default) or of all
/// matching patterns. The WIPO IPC-technology concordance maps every code to
/// at most one of its 35 fields; China's strategic-emerging-industry table
/// is multi-label.
///
/// Complete after construction; not safe for concurrent writers, safe for
/// concurrent readers.
/// \code
/// concordance t;
/// const label_id av = t.add_category("Audio-visual technology", "2");
/// t.add_rule(parse_ipc_pattern("H04N 5/%"), av);
/// t.lookup(parse_ipc("H04N 5/232"));   // {av}
/// \endcode
/// Since: 0.1.
class concordance {
public:
    /// \brief Id of the category (name, code), added if new. Categories are
    /// identified by code when `code` is non-empty, else by name.
    label_id add_category(std::string name, std::string code = {}, std::string group = {}) {
        const std::string& k = code.empty() ? name : code;
        const std::string key = (code.empty() ? "n:" : "c:") + k;
        const auto it = category_ids_.find(key);
        if (it != category_ids_.end()) return it->second;
        const auto id = static_cast<label_id>(categories_.size());
        categories_.push_back(
            concordance_category{std::move(name), std::move(code), std::move(group)});
        category_ids_.emplace(key, id);
        return id;
    }
    /// \brief Adds the rule pattern -> category (a repeated rule is ignored).
    /// \throws invalid_argument if `category` is not a category id or the pattern is empty.
    void add_rule(const ipc_pattern& pattern, label_id category) {
        ::techconv::detail::require(category < categories_.size(),
                                    "concordance::add_rule: unknown category id");
        ::techconv::detail::require(!pattern.anchor.empty(),
                                    "concordance::add_rule: empty pattern");
        auto& cats = index_[key(pattern)];
        if (std::find(cats.begin(), cats.end(), category) != cats.end()) return;
        cats.push_back(category);
        rules_.push_back(concordance_rule{pattern, category});
        if (pattern.digits != 0) has_digits_ = true;
    }
    /// \brief Parses `pattern` and adds it for the category named `category`.
    /// \throws parse_error if the pattern does not parse.
    void add_rule(std::string_view pattern, std::string_view category) {
        add_rule(parse_ipc_pattern(pattern), add_category(std::string(category)));
    }

    /// \brief Appends the categories of `c` (sorted, distinct) to `out`.
    /// \returns how many were appended (0: the code is not covered).
    /// Complexity: at most 11 hash lookups.
    std::size_t lookup_into(ipc_code c, std::vector<label_id>& out,
                            const concordance_options& opts = {}) const {
        const std::size_t first = out.size();
        if (c.empty()) return 0;
        const bool all = opts.match == concordance_match::all;
        auto take = [&](std::uint64_t k) {
            const auto it = index_.find(k);
            if (it == index_.end()) return false;
            out.insert(out.end(), it->second.begin(), it->second.end());
            return true;
        };
        bool found = false;
        if (c.level() == ipc_level::subgroup) found = take(c.bits() << 3);
        if (has_digits_ && (all || !found) && c.has(ipc_level::main_group)) {
            const std::uint64_t group =
                c.bits() & ~detail::level_mask & ~(detail::subgroup_mask << detail::subgroup_shift);
            for (unsigned d = 6; d >= 1 && (all || !found); --d) {
                const std::uint32_t p = detail::pow10(6u - d);
                const std::uint64_t a =
                    group | (std::uint64_t{c.subgroup() / p * p} << detail::subgroup_shift) |
                    static_cast<std::uint64_t>(ipc_level::subgroup);
                found = take((a << 3) | d) || found;
            }
        }
        for (int l = static_cast<int>(ipc_level::main_group); l >= 0 && (all || !found); --l) {
            const auto lv = static_cast<ipc_level>(l);
            if (!c.has(lv)) continue;
            found = take(c.truncate_unchecked(lv).bits() << 3) || found;
        }
        std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
        out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end()),
                  out.end());
        return out.size() - first;
    }
    /// \brief The categories of `c` (sorted, distinct; empty when not covered).
    std::vector<label_id> lookup(ipc_code c, const concordance_options& opts = {}) const {
        std::vector<label_id> out;
        lookup_into(c, out, opts);
        return out;
    }
    /// \brief The union of the categories of several codes (a record's codes),
    /// sorted and distinct: a record counts once per category (multi-label).
    std::vector<label_id> lookup(const std::vector<ipc_code>& codes,
                                 const concordance_options& opts = {}) const {
        std::vector<label_id> out;
        for (ipc_code c : codes) lookup_into(c, out, opts);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    /// Number of categories.
    std::size_t category_count() const noexcept { return categories_.size(); }
    /// \brief Category `id`. \throws invalid_argument if out of range.
    const concordance_category& category(label_id id) const {
        ::techconv::detail::require(id < categories_.size(),
                                    "concordance: category id out of range");
        return categories_[id];
    }
    /// All categories, indexed by id.
    const std::vector<concordance_category>& categories() const noexcept { return categories_; }
    /// Id of the category with code `code_or_name` (or, failing that, that name); no_label if none.
    label_id find_category(std::string_view code_or_name) const {
        for (const char* p : {"c:", "n:"}) {
            const auto it = category_ids_.find(p + std::string(code_or_name));
            if (it != category_ids_.end()) return it->second;
        }
        return no_label;
    }
    /// All rules in insertion order.
    const std::vector<concordance_rule>& rules() const noexcept { return rules_; }
    /// Counts from loading (all zero for a table built in code).
    const concordance_stats& stats() const noexcept { return stats_; }
    /// Mutable counts, for loaders.
    concordance_stats& stats() noexcept { return stats_; }

private:
    static std::uint64_t key(const ipc_pattern& p) noexcept {
        return (p.anchor.bits() << 3) | p.digits;
    }

    std::vector<concordance_category> categories_;
    std::unordered_map<std::string, label_id> category_ids_;
    std::vector<concordance_rule> rules_;
    std::unordered_map<std::uint64_t, std::vector<label_id>> index_;
    bool has_digits_ = false;
    concordance_stats stats_;
};

}  // namespace classification
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLASSIFICATION_CONCORDANCE_HPP_
