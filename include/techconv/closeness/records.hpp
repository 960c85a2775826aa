// SPDX-License-Identifier: BSL-1.0
//
// closeness::actor_records: the generic input of collaboration counting. A
// record is {identifier, year, set of actors}; actors are countries,
// institutions or any other label (a co-authored paper's countries, a
// co-invented patent's inventor countries). Labels are interned (records::label_pool)
// into dense ids 0..actor_count()-1 in order of first appearance. The records are held
// as a records::incidence_matrix (records x actors, with the year and
// identifier columns), the one incidence type of techconv, so that counting
// runs on the shared co-occurrence engine.
#ifndef TECHCONV_CLOSENESS_RECORDS_HPP_
#define TECHCONV_CLOSENESS_RECORDS_HPP_

#include <algorithm>      // std::sort, std::unique, std::binary_search
#include <cstddef>        // std::size_t, std::ptrdiff_t
#include <cstdint>        // std::int32_t, INT32_MAX
#include <iterator>       // std::random_access_iterator_tag
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <utility>        // std::pair
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/incidence.hpp"
#include "techconv/records/labels.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace closeness {

/// \brief A read-only view of one record's actor ids (sorted ascending, unique).
///
/// The ids are stored as the incidence's 32-bit column ids; iteration yields label_id.
struct actor_span {
    /// Iterator over the ids of a record (yields label_id).
    struct iterator {
        using iterator_category = std::random_access_iterator_tag;  ///< iterator traits
        using value_type = label_id;                                ///< iterator traits
        using difference_type = std::ptrdiff_t;                     ///< iterator traits
        using pointer = void;                                       ///< iterator traits
        using reference = label_id;                                 ///< iterator traits
        const std::int32_t* p = nullptr;  ///< current id
        /// The current id.
        label_id operator*() const noexcept { return static_cast<label_id>(*p); }
        /// Advances to the next id.
        iterator& operator++() noexcept {
            ++p;
            return *this;
        }
        /// Id `d` positions ahead.
        label_id operator[](difference_type d) const noexcept { return static_cast<label_id>(p[d]); }
        /// Distance between two iterators of one record.
        difference_type operator-(const iterator& o) const noexcept { return p - o.p; }
        /// Whether both point at the same id.
        bool operator==(const iterator& o) const noexcept { return p == o.p; }
        /// Whether they point at different ids.
        bool operator!=(const iterator& o) const noexcept { return p != o.p; }
    };
    const std::int32_t* first = nullptr;  ///< first id
    const std::int32_t* last = nullptr;   ///< one past the last id
    /// Iteration support.
    iterator begin() const noexcept { return iterator{first}; }
    /// Iteration support.
    iterator end() const noexcept { return iterator{last}; }
    /// Number of distinct actors of the record.
    index size() const noexcept { return static_cast<index>(last - first); }
    /// Whether `id` is one of the record's actors (binary search).
    bool contains(label_id id) const noexcept {
        return id < static_cast<label_id>(INT32_MAX) && std::binary_search(first, last, static_cast<std::int32_t>(id));
    }
};

/// \brief Records, each with an identifier, a year and a set of actors.
///
/// Each actor counts once per record (duplicates within a record are
/// dropped). A record whose non-empty identifier was already added is not
/// added again: add() returns false and the identifier is listed in
/// duplicates(), so duplicate exports are reported and counted once.
/// Records with an empty identifier are never treated as duplicates.
///
/// The records are a records::incidence_matrix (matrix()): rows = records,
/// columns = actor ids, with the year and identifier columns.
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
        if (const label_id id = find(label); id != no_label) return id;
        ::techconv::detail::require(labels_.size() < static_cast<std::size_t>(INT32_MAX),
                        "actor_records: too many distinct labels (at most 2^31-1)");
        const auto id = static_cast<label_id>(pool_.intern(label));
        labels_.emplace_back(label);
        m_.codes = static_cast<index>(labels_.size());
        return id;
    }
    /// \brief Id of `label`, or no_label when it was never seen.
    label_id find(std::string_view label) const {
        const records::label_index id = pool_.find(label);
        return id == records::label_pool::npos ? no_label : static_cast<label_id>(id);
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
        const std::size_t start = m_.code_ids.size();
        for (const auto& a : actor_labels)
            m_.code_ids.push_back(static_cast<std::int32_t>(intern(std::string_view(a))));
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
        const std::size_t start = m_.code_ids.size();
        for (const auto a : actor_ids) m_.code_ids.push_back(static_cast<std::int32_t>(a));
        finish(start, year, id);
        return true;
    }

    /// \brief Adds a record whose actors are given as ids of a records::label_pool
    /// (a records::paper_table's countries or institutions), straight into the incidence.
    ///
    /// `cache` maps pool ids to actor ids and is kept by the caller across the
    /// records of one pool (no_label: not seen yet; it grows as needed), so each
    /// distinct label is hashed once. Actor ids are given in first-seen order, as add().
    /// \returns false (and adds nothing) when `id` is non-empty and already present.
    template <class Range>
    bool add_pooled(std::string_view id, year_type year, const Range& pool_ids, const records::label_pool& pool,
                    std::vector<label_id>& cache) {
        if (!claim_id(id)) return false;
        if (cache.size() < pool.size()) cache.resize(pool.size(), no_label);
        const std::size_t start = m_.code_ids.size();
        for (const records::label_index p : pool_ids) {
            label_id& a = cache[p];
            if (a == no_label) a = intern(pool.view(p));
            m_.code_ids.push_back(static_cast<std::int32_t>(a));
        }
        finish(start, year, id);
        return true;
    }

    /// \brief Number of records.
    index size() const noexcept { return m_.records; }
    /// \brief Year of record `r` (no_year when unknown).
    year_type year(index r) const noexcept { return m_.years[static_cast<std::size_t>(r)]; }
    /// \brief Identifier of record `r` (may be empty).
    const std::string& id(index r) const noexcept { return m_.record_ids[static_cast<std::size_t>(r)]; }
    /// \brief Actors of record `r`, sorted by id, each once.
    actor_span actors(index r) const noexcept {
        return actor_span{m_.codes_of(r), m_.codes_of(r) + m_.codes_of_size(r)};
    }
    /// \brief The records as a records x actors incidence (codes == actor_count(),
    /// with the years and record_ids columns), for records::cooccurrence and
    /// any other consumer of the one incidence type.
    const records::incidence_matrix& matrix() const noexcept { return m_; }
    /// \brief Identifiers that were offered again after their first record
    /// (one entry per rejected duplicate, in input order).
    const std::vector<std::string>& duplicates() const noexcept { return duplicates_; }

private:
    bool claim_id(std::string_view id) {
        if (id.empty()) return true;
        const std::size_t n = seen_.size();
        seen_.intern(id);
        if (seen_.size() == n) {
            duplicates_.emplace_back(id);
            return false;
        }
        return true;
    }
    void finish(std::size_t start, year_type year, std::string_view id) {
        auto& ids = m_.code_ids;
        const auto b = ids.begin() + static_cast<std::ptrdiff_t>(start);
        std::sort(b, ids.end());
        ids.erase(std::unique(b, ids.end()), ids.end());
        m_.record_offsets.push_back(static_cast<index>(ids.size()));
        m_.years.push_back(year);
        m_.record_ids.emplace_back(id);
        ++m_.records;
    }

    records::label_pool pool_;           // actor label -> id, ids dense in first-seen order
    std::vector<std::string> labels_;    // labels_[id] == pool_.view(id), for label() and labels()
    records::incidence_matrix m_;
    records::label_pool seen_;           // the non-empty record identifiers added so far
    std::vector<std::string> duplicates_;
};

}  // namespace closeness
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLOSENESS_RECORDS_HPP_
