// SPDX-License-Identifier: BSL-1.0
//
// closeness::actor_records: the generic input of collaboration counting. A
// record is {identifier, year, set of actors}; actors are countries,
// institutions or any other label (a co-authored paper's countries, a
// co-invented patent's inventor countries). Labels are interned into dense
// ids 0..actor_count()-1 in order of first appearance.
#ifndef TECHCONV_CLOSENESS_RECORDS_HPP_
#define TECHCONV_CLOSENESS_RECORDS_HPP_

#include <algorithm>      // std::sort, std::unique
#include <cstddef>        // std::size_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::pair
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace closeness {

/// \brief A read-only view of one record's actor ids (sorted ascending, unique).
struct actor_span {
    const label_id* first = nullptr;  ///< first id
    const label_id* last = nullptr;   ///< one past the last id
    /// Iteration support.
    const label_id* begin() const noexcept { return first; }
    /// Iteration support.
    const label_id* end() const noexcept { return last; }
    /// Number of distinct actors of the record.
    index size() const noexcept { return static_cast<index>(last - first); }
    /// Whether `id` is one of the record's actors (binary search).
    bool contains(label_id id) const noexcept { return std::binary_search(first, last, id); }
};

/// \brief Records, each with an identifier, a year and a set of actors.
///
/// Each actor counts once per record (duplicates within a record are
/// dropped). A record whose non-empty identifier was already added is not
/// added again: add() returns false and the identifier is listed in
/// duplicates(), so duplicate exports are reported and counted once.
/// Records with an empty identifier are never treated as duplicates.
///
/// Not safe for concurrent modification; concurrent readers are fine.
/// Memory: O(records + actor occurrences + distinct labels).
///
/// \code
/// techconv::closeness::actor_records rec;
/// rec.add("WOS:1", 2019, std::vector<std::string>{"US", "CN"});
/// rec.add("WOS:2", 2019, std::vector<std::string>{"US"});
/// \endcode
class actor_records {
public:
    /// \brief Id of `label`, interning it if new.
    label_id intern(std::string_view label) {
        const auto it = ids_.find(std::string(label));
        if (it != ids_.end()) return it->second;
        ::techconv::detail::require(labels_.size() < static_cast<std::size_t>(no_label),
                        "actor_records: too many distinct labels");
        const auto id = static_cast<label_id>(labels_.size());
        labels_.emplace_back(label);
        ids_.emplace(labels_.back(), id);
        return id;
    }
    /// \brief Id of `label`, or no_label when it was never seen.
    label_id find(std::string_view label) const {
        const auto it = ids_.find(std::string(label));
        return it == ids_.end() ? no_label : it->second;
    }
    /// \brief Label of id `id`. \pre id < actor_count(); throws invalid_argument otherwise.
    const std::string& label(label_id id) const {
        ::techconv::detail::require(id < labels_.size(), "actor_records::label: id out of range");
        return labels_[id];
    }
    /// \brief All labels, indexed by id.
    const std::vector<std::string>& labels() const noexcept { return labels_; }
    /// \brief Number of distinct actors (labels).
    index actor_count() const noexcept { return static_cast<index>(labels_.size()); }

    /// \brief Adds a record whose actors are given as labels (any range of
    /// things convertible to std::string_view).
    /// \returns false (and adds nothing) when `id` is non-empty and already present.
    template <class Range>
    bool add(std::string_view id, year_type year, const Range& actor_labels) {
        if (!claim_id(id)) return false;
        const std::size_t start = actors_.size();
        for (const auto& a : actor_labels) actors_.push_back(intern(std::string_view(a)));
        finish(start, year, id);
        return true;
    }
    /// \brief Adds a record whose actors are given as ids from intern().
    /// \pre every id < actor_count(); throws invalid_argument otherwise.
    /// \returns false (and adds nothing) when `id` is non-empty and already present.
    bool add_ids(std::string_view id, year_type year, const std::vector<label_id>& actor_ids) {
        for (const auto a : actor_ids)
            ::techconv::detail::require(a < labels_.size(), "actor_records::add_ids: unknown actor id");
        if (!claim_id(id)) return false;
        const std::size_t start = actors_.size();
        actors_.insert(actors_.end(), actor_ids.begin(), actor_ids.end());
        finish(start, year, id);
        return true;
    }

    /// \brief Number of records.
    index size() const noexcept { return static_cast<index>(years_.size()); }
    /// \brief Year of record `r` (no_year when unknown).
    year_type year(index r) const noexcept { return years_[static_cast<std::size_t>(r)]; }
    /// \brief Identifier of record `r` (may be empty).
    const std::string& id(index r) const noexcept { return record_ids_[static_cast<std::size_t>(r)]; }
    /// \brief Actors of record `r`, sorted by id, each once.
    actor_span actors(index r) const noexcept {
        const auto i = static_cast<std::size_t>(r);
        return actor_span{actors_.data() + offsets_[i], actors_.data() + offsets_[i + 1]};
    }
    /// \brief Identifiers that were offered again after their first record
    /// (one entry per rejected duplicate, in input order).
    const std::vector<std::string>& duplicates() const noexcept { return duplicates_; }

private:
    bool claim_id(std::string_view id) {
        if (id.empty()) return true;
        if (!seen_.insert(std::string(id)).second) {
            duplicates_.emplace_back(id);
            return false;
        }
        return true;
    }
    void finish(std::size_t start, year_type year, std::string_view id) {
        const auto b = actors_.begin() + static_cast<std::ptrdiff_t>(start);
        std::sort(b, actors_.end());
        actors_.erase(std::unique(b, actors_.end()), actors_.end());
        offsets_.push_back(actors_.size());
        years_.push_back(year);
        record_ids_.emplace_back(id);
    }

    std::vector<std::string> labels_;
    std::unordered_map<std::string, label_id> ids_;
    std::vector<year_type> years_;
    std::vector<std::string> record_ids_;
    std::vector<std::size_t> offsets_{0};
    std::vector<label_id> actors_;
    std::unordered_set<std::string> seen_;
    std::vector<std::string> duplicates_;
};

}  // namespace closeness
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLOSENESS_RECORDS_HPP_
