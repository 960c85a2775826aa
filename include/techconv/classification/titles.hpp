// SPDX-License-Identifier: BSL-1.0
//
// Titles of IPC/CPC symbols (from the official title lists), for labelling
// network nodes and report rows. The file loader is in
// techconv/classification/loaders.hpp.
#ifndef TECHCONV_CLASSIFICATION_TITLES_HPP_
#define TECHCONV_CLASSIFICATION_TITLES_HPP_

#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint8_t, std::uint32_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace classification {

/// \brief Options of title_table::add and the title-list loader.
struct title_options {
    ipc_level max_level = ipc_level::subgroup;  ///< deeper symbols are not kept (saves memory)
    bool strip_cpc_braces = false;  ///< remove the `{` `}` marking CPC-only text, keep the text
};

/// \brief One title, as returned by title_table::find.
struct title_entry {
    std::string_view title;  ///< the title text (empty when not found)
    int dot_level = -1;  ///< 0 for main groups, 1.. for subgroups, -1 above group level or unknown
};

/// \brief Symbol -> title lookup (CPC title list, IPC title list).
///
/// Titles are stored in one text arena; a table of all 260,000 CPC 2025.05
/// symbols takes about 20 MB. Safe for concurrent readers.
/// \code
/// title_table t = load_title_list("cpc-section-G_20250501.txt");
/// t.title(parse_ipc("G06T 7/00"));   // "Image analysis"
/// t.label(parse_ipc("G06T"));        // "G06T IMAGE DATA PROCESSING OR GENERATION, IN GENERAL"
/// \endcode
/// Since: 0.1.
class title_table {
public:
    /// \brief Adds (or replaces) the title of `code`; ignored when the code is
    /// deeper than opts.max_level or empty.
    /// \returns true when stored.
    bool add(ipc_code code, std::string_view title, int dot_level = -1,
             const title_options& opts = {}) {
        if (code.empty() || code.level() > opts.max_level) return false;
        const auto offset = static_cast<std::uint32_t>(arena_.size());
        for (char c : title)
            if (!opts.strip_cpc_braces || (c != '{' && c != '}')) arena_ += c;
        const auto length = static_cast<std::uint32_t>(arena_.size() - offset);
        const slot s{offset, length, static_cast<std::int16_t>(dot_level < 0 ? -1 : dot_level)};
        entries_[code] = s;
        return true;
    }
    /// \brief Title and dot level of exactly `code` (empty title if absent).
    /// Complexity: O(1) expected.
    title_entry find(ipc_code code) const noexcept {
        const auto it = entries_.find(code);
        if (it == entries_.end()) return {};
        return title_entry{std::string_view(arena_).substr(it->second.offset, it->second.length),
                           it->second.dot};
    }
    /// \brief Title of exactly `code`, empty if absent.
    std::string_view title(ipc_code code) const noexcept { return find(code).title; }
    /// \brief Title of `code` or of its nearest titled ancestor (main group,
    /// subclass, class, section); empty if none.
    std::string_view nearest_title(ipc_code code) const noexcept {
        if (code.empty()) return {};
        for (int l = static_cast<int>(code.level()); l >= 0; --l) {
            const auto t = title(code.truncate_unchecked(static_cast<ipc_level>(l)));
            if (!t.empty()) return t;
        }
        return {};
    }
    /// \brief "symbol title" for reports ("G06T 7/00 Image analysis"); the
    /// symbol alone when there is no title.
    std::string label(ipc_code code, ipc_format f = ipc_format::canonical) const {
        std::string s = code.to_string(f);
        const auto t = title(code);
        if (!t.empty()) {
            s += ' ';
            s.append(t);
        }
        return s;
    }
    /// Number of symbols with a title.
    std::size_t size() const noexcept { return entries_.size(); }
    /// True when no title is stored.
    bool empty() const noexcept { return entries_.empty(); }

private:
    struct slot {
        std::uint32_t offset;
        std::uint32_t length;
        std::int16_t dot;
    };
    std::string arena_;
    std::unordered_map<ipc_code, slot> entries_;
};

}  // namespace classification
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLASSIFICATION_TITLES_HPP_
