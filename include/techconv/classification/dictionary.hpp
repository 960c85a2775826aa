// SPDX-License-Identifier: BSL-1.0
//
// Dense dictionaries: the IPC/CPC codes of one level mapped to contiguous ids
// 0..n-1 (rows/columns of incidence matrices, graph vertices) and back, with
// text labels.
#ifndef TECHCONV_CLASSIFICATION_DICTIONARY_HPP_
#define TECHCONV_CLASSIFICATION_DICTIONARY_HPP_

#include <algorithm>      // std::sort
#include <cstddef>        // std::size_t
#include <string>         // std::string
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/classification/ipc.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace classification {

/// \brief Codes at one chosen level <-> contiguous ids 0..size()-1, with labels.
///
/// Codes deeper than the level are truncated on the way in (`G06T 7/246`
/// counts as `G06T` in a subclass dictionary); codes shallower than the level
/// cannot be represented (insert throws, try_insert returns no_label, find
/// returns no_label). Ids are given in insertion order; sort() renumbers them
/// in canonical code order (the deterministic order for reports and
/// matrices).
///
/// Not safe for concurrent writers; concurrent readers are fine.
/// \code
/// code_dictionary d(ipc_level::subclass);
/// const label_id g = d.insert(parse_ipc("G06T 7/00"));   // 0
/// d.insert(parse_ipc("H04N 5/232"));                       // 1
/// d.find(parse_ipc("G06T 1/00")) == g;                     // same subclass
/// d.label(g) == "G06T";
/// \endcode
/// Since: 0.1.
class code_dictionary {
public:
    /// An empty dictionary of codes at `level` (subclass by default, the
    /// level of [KCT]'s co-classification network).
    explicit code_dictionary(ipc_level level = ipc_level::subclass) : level_(level) {}

    /// \brief A dictionary of the distinct codes of `codes` (truncated to
    /// `level`), ids in canonical code order.
    /// \throws invalid_argument if a code is shallower than `level` (or empty).
    /// Complexity: O(n log n).
    static code_dictionary from_codes(const std::vector<ipc_code>& codes,
                                      ipc_level level = ipc_level::subclass) {
        code_dictionary d(level);
        for (ipc_code c : codes) d.insert(c);
        d.sort();
        return d;
    }

    /// The level of the dictionary's codes.
    ipc_level level() const noexcept { return level_; }
    /// Number of codes (ids are 0..size()-1).
    index size() const noexcept { return static_cast<index>(codes_.size()); }
    /// True when no code has been inserted.
    bool empty() const noexcept { return codes_.empty(); }

    /// \brief Id of `c` truncated to level(), inserted if new.
    /// \throws invalid_argument if `c` is empty or shallower than level().
    /// Complexity: O(1) expected.
    label_id insert(ipc_code c) {
        if (!c.has(level_))
            ::techconv::detail::throw_error<invalid_argument>(
                "code_dictionary::insert: code '" + c.to_string() + "' has no " +
                std::string(to_string(level_)) + " level");
        return insert_truncated(c.truncate_unchecked(level_));
    }
    /// \brief Like insert, but returns no_label (and inserts nothing) for a
    /// code shallower than level() or empty.
    label_id try_insert(ipc_code c) {
        if (!c.has(level_)) return no_label;
        return insert_truncated(c.truncate_unchecked(level_));
    }
    /// \brief Id of `c` truncated to level(); no_label if absent, empty or shallower.
    label_id find(ipc_code c) const noexcept {
        if (!c.has(level_)) return no_label;
        const auto it = ids_.find(c.truncate_unchecked(level_));
        return it == ids_.end() ? no_label : it->second;
    }
    /// True when find(c) != no_label.
    bool contains(ipc_code c) const noexcept { return find(c) != no_label; }

    /// \brief The code with id `id`.
    /// \throws invalid_argument if `id` >= size().
    ipc_code code(label_id id) const {
        ::techconv::detail::require(id < codes_.size(), "code_dictionary::code: id out of range");
        return codes_[id];
    }
    /// All codes, indexed by id.
    const std::vector<ipc_code>& codes() const noexcept { return codes_; }
    /// \brief Text label of id `id` (the code in format `f`, e.g. "G06T").
    /// \throws invalid_argument if `id` >= size().
    std::string label(label_id id, ipc_format f = ipc_format::canonical) const {
        return code(id).to_string(f);
    }
    /// Text labels of all ids, in id order.
    std::vector<std::string> labels(ipc_format f = ipc_format::canonical) const {
        std::vector<std::string> out;
        out.reserve(codes_.size());
        for (ipc_code c : codes_) out.push_back(c.to_string(f));
        return out;
    }

    /// \brief Renumbers the ids in canonical code order.
    /// \returns `old_to_new`: the new id of each old id.
    /// Complexity: O(n log n).
    std::vector<label_id> sort() {
        std::vector<label_id> order(codes_.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<label_id>(i);
        std::sort(order.begin(), order.end(),
                  [&](label_id a, label_id b) { return codes_[a] < codes_[b]; });
        std::vector<label_id> old_to_new(codes_.size());
        std::vector<ipc_code> sorted(codes_.size());
        for (std::size_t k = 0; k < order.size(); ++k) {
            old_to_new[order[k]] = static_cast<label_id>(k);
            sorted[k] = codes_[order[k]];
            ids_[sorted[k]] = static_cast<label_id>(k);
        }
        codes_ = std::move(sorted);
        return old_to_new;
    }

private:
    label_id insert_truncated(ipc_code t) {
        const auto next = static_cast<label_id>(codes_.size());
        const auto r = ids_.emplace(t, next);
        if (r.second) codes_.push_back(t);
        return r.first->second;
    }

    ipc_level level_;
    std::vector<ipc_code> codes_;
    std::unordered_map<ipc_code, label_id> ids_;
};

}  // namespace classification
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLASSIFICATION_DICTIONARY_HPP_
