// SPDX-License-Identifier: BSL-1.0
//
// The indicators the key-core weighting can read (issue 19 §2): the nine
// [KCT] counts and the OECD quality indicators of analysis/quality.hpp (raw
// and cohort-normalised), each with one stable name, and the one rule that
// turns a list of names into indicators.
#ifndef TECHCONV_ANALYSIS_KEYCORE_INDICATORS_HPP_
#define TECHCONV_ANALYSIS_KEYCORE_INDICATORS_HPP_

#include <algorithm>    // std::count, std::find
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "techconv/analysis/quality.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/records/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief Where a key-core indicator comes from.
enum class indicator_source : std::uint8_t {
    kct = 0,                 ///< one of the nine [KCT] counts (io::indicator, io::row_indicators)
    quality = 1,             ///< an OECD quality indicator (quality_record::values)
    quality_normalised = 2,  ///< its value / the cohort's largest (quality_record::normalised)
};

/// \brief One indicator of the key-core weighting: a [KCT] count or an OECD quality indicator.
struct keycore_indicator {
    indicator_source source = indicator_source::kct;  ///< its family
    std::uint8_t code = 0;  ///< the io::indicator or quality_indicator value

    /// The [KCT] count `i`.
    static constexpr keycore_indicator of(io::indicator i) noexcept {
        return {indicator_source::kct, static_cast<std::uint8_t>(i)};
    }
    /// The quality indicator `q`, raw or cohort-normalised.
    static constexpr keycore_indicator of(quality_indicator q, bool normalised = false) noexcept {
        return {normalised ? indicator_source::quality_normalised : indicator_source::quality,
                static_cast<std::uint8_t>(q)};
    }
    /// Whether it is a [KCT] count.
    constexpr bool is_kct() const noexcept { return source == indicator_source::kct; }
    /// The [KCT] count. \pre is_kct()
    constexpr io::indicator kct() const noexcept { return static_cast<io::indicator>(code); }
    /// The quality indicator. \pre !is_kct()
    constexpr quality_indicator quality() const noexcept { return static_cast<quality_indicator>(code); }

    friend constexpr bool operator==(keycore_indicator a, keycore_indicator b) noexcept {
        return a.source == b.source && a.code == b.code;
    }
    friend constexpr bool operator!=(keycore_indicator a, keycore_indicator b) noexcept { return !(a == b); }
};

/// \brief The stable name of a key-core indicator: the [KCT] name (io::to_string,
/// `backward_citations`); `oecd_` and the quality name for a quality indicator
/// (`oecd_generality`); with `_normalised` after it for the cohort-normalised one
/// (`oecd_generality_normalised`). The quality names carry the prefix because three of
/// them (backward_citations, claims, family_size) are also [KCT] names with other rules.
inline std::string to_string(keycore_indicator k) {
    if (k.is_kct()) return std::string(io::to_string(k.kct()));
    std::string s = "oecd_" + std::string(to_string(k.quality()));
    if (k.source == indicator_source::quality_normalised) s += "_normalised";
    return s;
}

/// \brief The level-2 group of a key-core indicator: io::indicator_group for a [KCT]
/// count (`fundamentality`, `coreness`, `strategic`), `quality` for the OECD indicators.
inline std::string_view indicator_group(keycore_indicator k) noexcept {
    return k.is_kct() ? io::indicator_group(k.kct()) : std::string_view("quality");
}

/// \brief Every key-core indicator in its canonical order: the nine [KCT] counts in Table 1
/// order, the nine quality indicators in quality.csv order, then the normalised ones (all
/// but breakthrough, which is already a within-cohort 0/1 flag: its value over the cohort's
/// largest would be the flag again, or undefined).
inline const std::vector<keycore_indicator>& all_keycore_indicators() {
    static const std::vector<keycore_indicator> all = [] {
        std::vector<keycore_indicator> v;
        for (const auto i : io::all_indicators) v.push_back(keycore_indicator::of(i));
        for (const auto q : all_quality_indicators) v.push_back(keycore_indicator::of(q));
        for (const auto q : all_quality_indicators)
            if (q != quality_indicator::breakthrough) v.push_back(keycore_indicator::of(q, true));
        return v;
    }();
    return all;
}

/// \brief Position of `k` in all_keycore_indicators() (the canonical order), or its size.
inline std::size_t canonical_position(keycore_indicator k) {
    const auto& all = all_keycore_indicators();
    std::size_t p = 0;
    while (p < all.size() && all[p] != k) ++p;
    return p;
}

/// \brief The nine [KCT] counts as key-core indicators (io::all_indicators order).
inline std::vector<keycore_indicator> kct_keycore_indicators(const std::vector<io::indicator>& v) {
    std::vector<keycore_indicator> out;
    out.reserve(v.size());
    for (const auto i : v) out.push_back(keycore_indicator::of(i));
    return out;
}

/// \brief The names of all_keycore_indicators(), comma-separated (the accepted names of
/// keycore_indicator_from_string, as its error and `techconv keycore --help` list them).
inline std::string keycore_indicator_names() {
    std::string s;
    for (const auto k : all_keycore_indicators()) s += (s.empty() ? "" : ", ") + to_string(k);
    return s;
}

/// \brief The key-core indicator named `name` (a name of to_string(); surrounding blanks ignored).
/// \throws invalid_argument "unknown indicator 'NAME'; accepted: ..." listing every name
/// of all_keycore_indicators().
inline keycore_indicator keycore_indicator_from_string(std::string_view name) {
    const std::string_view n = io::trim(name);
    for (const auto k : all_keycore_indicators())
        if (to_string(k) == n) return k;
    ::techconv::detail::throw_error<invalid_argument>("unknown indicator '" + std::string(n) +
                                                      "'; accepted: " + keycore_indicator_names());
}

/// \brief The indicators of a comma-separated list of names (keycore_indicator_from_string
/// of each), in list order.
/// \throws invalid_argument for an unknown name, an empty item or a name given twice.
inline std::vector<keycore_indicator> keycore_indicators_from_list(std::string_view list) {
    const auto items = io::split_list(list, ",");
    if (items.size() != static_cast<std::size_t>(std::count(list.begin(), list.end(), ',')) + 1)
        ::techconv::detail::throw_error<invalid_argument>("empty indicator name in the list '" + std::string(list) +
                                                          "'");
    std::vector<keycore_indicator> out;
    for (const auto item : items) {
        const auto k = keycore_indicator_from_string(item);
        if (std::find(out.begin(), out.end(), k) != out.end())
            ::techconv::detail::throw_error<invalid_argument>("indicator '" + std::string(item) + "' is given twice");
        out.push_back(k);
    }
    return out;
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_KEYCORE_INDICATORS_HPP_
