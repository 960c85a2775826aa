// SPDX-License-Identifier: BSL-1.0
//
// Country normalisation: country names, Web of Science and Scopus spellings
// ("Peoples R China", "USA", "England", "U Arab Emirates", "South Korea",
// ...) and ISO codes -> ISO 3166-1 alpha-2, with an explicit region policy.
//
// The ISO table (249 codes with English short names, detail/country_table.hpp)
// is built in and can be replaced by another table, e.g. one loaded from a
// CSV file in the layout of the Frictionless Data "country-codes" dataset
// (load_country_table_csv, classification/loaders.hpp). The alias list (WoS/Scopus spellings and
// common variants) is techconv's own. Policy:
//  - England, Scotland, Wales and (North|Northern) Ireland are always GB:
//    they have no ISO 3166-1 code of their own. Crown dependencies (Jersey,
//    Guernsey, Isle of Man) keep their own codes.
//  - Taiwan, Hong Kong and Macau are separate (TW, HK, MO) or merged into CN,
//    each by its own region_policy field. bibliometrix hard-wires Taiwan ->
//    China; techconv makes it a choice.
//  - Every table also gets four codes outside ISO 3166-1: Kosovo as XK (the
//    user-assigned code the European Commission, IMF and World Bank use) and
//    the former states under their ISO 3166-3 former codes: "USSR" -> SU,
//    "Yugoslavia" / "Serbia Monteneg" -> YU, "Czechoslovakia" -> CS. States
//    that merged map to the merged state: the two Germanys of old WoS records
//    ("Fed Rep Ger", "Ger Dem Rep") to DE, the two Yemens to YE.
#ifndef TECHCONV_CLASSIFICATION_COUNTRY_HPP_
#define TECHCONV_CLASSIFICATION_COUNTRY_HPP_

#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint8_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/classification/detail/country_table.hpp"
#include "techconv/error.hpp"
#include "techconv/format/parse.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace classification {

/// \brief One row of the ISO 3166-1 table.
struct country_entry {
    std::string alpha2;  ///< two-letter code, upper case ("CN")
    std::string alpha3;  ///< three-letter code, upper case ("CHN")
    std::string name;    ///< English short name ("China")
};

/// \brief A table row with every name it may be looked up by
/// (country_normalizer::from_rows).
struct country_row {
    country_entry entry;             ///< codes and the entry's name (a lookup name too)
    std::vector<std::string> names;  ///< further lookup names (empty ones are ignored)
};

/// \brief What happens to a territory that some studies count under China.
enum class territory_policy : std::uint8_t {
    separate,          ///< its own ISO code (TW, HK, MO)
    merge_into_china,  ///< counted as CN
};

/// \brief The region policy: Taiwan, Hong Kong and Macau, each separately.
/// UK constituent countries are always merged into GB (not a choice: they
/// have no ISO 3166-1 code).
struct region_policy {
    territory_policy taiwan = territory_policy::separate;     ///< TW
    territory_policy hong_kong = territory_policy::separate;  ///< HK
    territory_policy macau = territory_policy::separate;      ///< MO

    /// The bibliometrix convention: Taiwan, Hong Kong and Macau all counted as CN.
    static constexpr region_policy merged_into_china() noexcept {
        return {territory_policy::merge_into_china, territory_policy::merge_into_china,
                territory_policy::merge_into_china};
    }
};

/// \brief Which inputs are recognised.
enum class country_input : std::uint8_t {
    /// Names, aliases and bare ISO alpha-2 / alpha-3 codes ("CN", "CHN").
    names_and_codes,
    /// Names and aliases only: for free text such as address tails, where
    /// two-letter tokens are US states or provinces ("CA", "IN").
    names_only,
};

/// \brief Options of country_normalizer lookups.
struct country_options {
    region_policy regions;                            ///< Taiwan / Hong Kong / Macau
    country_input input = country_input::names_and_codes;  ///< accept bare codes?
};

namespace detail {

// Appends code point `cp` folded to ASCII upper case when it is a letter of
// Latin-1 Supplement or Latin Extended-A; appends nothing otherwise.
inline void fold_code_point(unsigned cp, std::string& out) {
    // U+00C0..U+00FF
    static const char* latin1 =
        "AAAAAAACEEEEIIII"   // C0-CF (C6 AE -> A)
        "DNOOOOO OUUUUY  "   // D0-DF (D7 x, DE thorn, DF sharp s)
        "AAAAAAACEEEEIIII"   // E0-EF
        "DNOOOOO OUUUUY Y";  // F0-FF
    if (cp >= 0xC0 && cp <= 0xFF) {
        const char c = latin1[cp - 0xC0];
        if (cp == 0xDF) out += "SS";
        else if (c != ' ') out.push_back(c);
        return;
    }
    if (cp >= 0x100 && cp <= 0x17F) {  // Latin Extended-A: pairs of upper/lower letters
        static const char* ext =
            "AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIIIIIJJKKKLLLLLLLLLLNNNNNNNNNOOOOOOOORRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";
        out.push_back(ext[cp - 0x100]);
    }
}

// The lookup key of a country string: Latin letters folded to ASCII upper
// case, '&' -> AND, digits kept, every other character a separator, runs of
// separators one space, a leading "THE" dropped.
inline std::string country_key(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool sep = false;
    auto put = [&](char c) {
        if (sep && !out.empty()) out.push_back(' ');
        sep = false;
        out.push_back(c);
    };
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) put(static_cast<char>(c));
            else if (c >= 'a' && c <= 'z') put(static_cast<char>(c - 'a' + 'A'));
            else if (c == '&') {
                sep = true;
                put('A');
                out += "ND";
                sep = true;
            } else {
                sep = true;  // punctuation and blanks ("d'Ivoire" -> "D IVOIRE")
            }
            continue;
        }
        // decode one UTF-8 sequence (input is valid UTF-8 or treated byte-wise)
        unsigned cp = 0;
        std::size_t len = 1;
        if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1Fu;
            len = 2;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0Fu;
            len = 3;
        } else if ((c & 0xF8) == 0xF0) {
            cp = c & 0x07u;
            len = 4;
        }
        if (i + len > s.size()) len = s.size() - i;
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        i += len;
        std::string folded;
        fold_code_point(cp, folded);
        if (folded.empty()) {
            sep = true;  // other punctuation (e.g. U+2019) separates
            continue;
        }
        for (const char f : folded) put(f);
    }
    if (out.size() > 4 && out.compare(0, 4, "THE ") == 0) out.erase(0, 4);
    return out;
}

}  // namespace detail

/// \brief Maps country strings to ISO 3166-1 alpha-2 codes.
///
/// A lookup key is made of the text (see below) and looked up among the
/// table's names and alpha-3/alpha-2 codes, then among the aliases; the
/// region policy is applied to the result. Keys ignore case, punctuation,
/// accents of Latin letters (Côte d'Ivoire = COTE D IVOIRE = Cote Ivoire via
/// an alias) and a leading "The"; '&' reads as "and".
///
/// Immutable after construction (add_alias aside): safe for concurrent lookups.
///
/// \code
/// techconv::classification::country_normalizer cn;
/// cn.lookup("Peoples R China");   // "CN"
/// cn.lookup("Scotland");          // "GB"
/// techconv::classification::country_options o;
/// o.regions.taiwan = techconv::classification::territory_policy::merge_into_china;
/// cn.lookup("Taiwan", o);         // "CN"
/// \endcode
class country_normalizer {
public:
    /// \brief The built-in ISO table (249 codes), the four codes outside it (XK, SU, YU, CS)
    /// and techconv's alias list.
    country_normalizer() {
        for (const auto& c : detail::builtin_countries()) add_entry(country_entry{c.alpha2, c.alpha3, c.name});
        add_builtin_aliases();
    }
    /// \brief A given ISO table with techconv's alias list.
    /// \throws invalid_argument on a malformed or repeated alpha-2 code.
    explicit country_normalizer(const std::vector<country_entry>& table) {
        for (const auto& e : table) add_entry(e);
        add_builtin_aliases();
    }

    /// \brief A given ISO table whose rows carry several lookup names, with
    /// techconv's alias list. Rows are added in order; each row's entry name
    /// and then its extra names become lookup names, and where two rows share
    /// a name the first registration wins (aliases are added last and win).
    /// \param rows  the table (load_country_table_csv reads one from a file)
    /// \throws invalid_argument on a malformed or repeated alpha-2 code.
    /// Complexity: O(rows + names) expected.
    static country_normalizer from_rows(const std::vector<country_row>& rows) {
        country_normalizer out(empty_tag{});
        for (const auto& r : rows) {
            out.add_entry(r.entry);
            for (const auto& n : r.names) out.add_name(n, out.entries_.back().alpha2);
        }
        out.add_builtin_aliases();
        return out;
    }

    /// \brief Adds (or replaces) an alias: `name` will map to `alpha2`.
    /// \throws invalid_argument if alpha2 is not in the table or the name is empty.
    void add_alias(std::string_view name, std::string_view alpha2) {
        const std::string code = upper(alpha2);
        ::techconv::detail::require(by_code_.count(code) != 0, "add_alias: unknown ISO code '" + code + "'");
        const std::string key = detail::country_key(name);
        ::techconv::detail::require(!key.empty(), "add_alias: empty name");
        names_[key] = code;
    }

    /// \brief The alpha-2 code of `text` under `opts`, or an empty view when
    /// it is not recognised. Complexity: O(|text|) expected.
    std::string_view lookup(std::string_view text, const country_options& opts = {}) const {
        const std::string key = detail::country_key(text);
        if (key.empty()) return {};
        const std::string* code = nullptr;
        if (const auto it = names_.find(key); it != names_.end()) code = &it->second;
        if (code == nullptr && opts.input == country_input::names_and_codes) {
            const auto t = io::trim(text);
            if (is_code(t, 2) || is_code(t, 3)) {
                const std::string k = upper(t);
                if (const auto c = codes_.find(k); c != codes_.end()) code = &c->second;
            }
        }
        if (code == nullptr) return {};
        return apply_policy(*code, opts.regions);
    }

    /// \brief Like lookup(), but an unrecognised text is an error.
    /// \throws parse_error (bad_country) quoting the text, with `where` as its location.
    std::string_view normalize(std::string_view text, const country_options& opts = {},
                               const source_location& where = {}) const {
        const auto c = lookup(text, opts);
        if (c.empty())
            ::techconv::detail::throw_error<parse_error>(error_code::bad_country, where,
                                                         "unrecognised country '" + std::string(text) + "'");
        return c;
    }

    /// \brief The table entry of an alpha-2 code, or nullptr.
    const country_entry* entry(std::string_view alpha2) const {
        const auto it = by_code_.find(upper(alpha2));
        return it == by_code_.end() ? nullptr : &entries_[it->second];
    }
    /// \brief All table entries in load order.
    const std::vector<country_entry>& entries() const noexcept { return entries_; }
    /// \brief Number of ISO codes in the table.
    std::size_t size() const noexcept { return entries_.size(); }

private:
    struct empty_tag {};
    explicit country_normalizer(empty_tag) {}

    static bool is_code(std::string_view s, std::size_t n) {
        if (s.size() != n) return false;
        for (const char c : s)
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
        return true;
    }
    static std::string upper(std::string_view s) {
        std::string o(s);
        for (auto& c : o) c = io::ascii_upper(c);
        return o;
    }
    std::string_view apply_policy(const std::string& code, const region_policy& p) const {
        const bool merge = (code == "TW" && p.taiwan == territory_policy::merge_into_china) ||
                           (code == "HK" && p.hong_kong == territory_policy::merge_into_china) ||
                           (code == "MO" && p.macau == territory_policy::merge_into_china);
        if (merge) {
            if (const auto it = by_code_.find("CN"); it != by_code_.end()) return entries_[it->second].alpha2;
        }
        return code;
    }
    void add_entry(const country_entry& e) {
        ::techconv::detail::require(is_code(e.alpha2, 2), "country table: bad alpha-2 code '" + e.alpha2 + "'");
        const std::string code = upper(e.alpha2);
        ::techconv::detail::require(by_code_.count(code) == 0, "country table: alpha-2 code '" + code + "' repeated");
        by_code_.emplace(code, entries_.size());
        entries_.push_back(country_entry{code, upper(e.alpha3), e.name});
        codes_.emplace(code, code);
        if (!e.alpha3.empty()) codes_.emplace(upper(e.alpha3), code);
        add_name(e.name, code);
    }
    void add_name(std::string_view name, const std::string& code) {
        const std::string key = detail::country_key(name);
        if (!key.empty()) names_.emplace(key, code);  // first name wins
    }
    // The codes outside ISO 3166-1 (Kosovo, former states) when the table lacks them, then the aliases.
    void add_builtin_aliases() {
        for (const auto& c : detail::builtin_extra_countries())
            if (by_code_.count(c.alpha2) == 0) add_entry(country_entry{c.alpha2, c.alpha3, c.name});
        for (const auto& a : detail::builtin_aliases())
            if (by_code_.count(a.second) != 0) names_[a.first] = a.second;
    }

    std::vector<country_entry> entries_;
    std::unordered_map<std::string, std::size_t> by_code_;
    std::unordered_map<std::string, std::string> codes_;  // alpha-2 and alpha-3 -> alpha-2
    std::unordered_map<std::string, std::string> names_;  // lookup key -> alpha-2
};

}  // namespace classification
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLASSIFICATION_COUNTRY_HPP_
