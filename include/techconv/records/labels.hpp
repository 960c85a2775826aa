// SPDX-License-Identifier: BSL-1.0
//
// An interning pool of labels (names, countries, offices, kind codes): each
// distinct string gets a dense 32-bit id in first-seen order, so the same
// input always gives the same ids. The text of all labels lives in one char
// arena with an offset per label; lookup is an open-addressing hash table of
// ids, so interning a label allocates nothing per label.
#ifndef TECHCONV_RECORDS_LABELS_HPP_
#define TECHCONV_RECORDS_LABELS_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint32_t, std::uint64_t
#include <limits>       // std::numeric_limits
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace records {

/// \brief Dense id of a label in a label_pool (0, 1, 2, ... in first-seen order).
using label_index = std::uint32_t;

/// \brief Interns strings to dense ids in first-seen order.
///
/// Storage: the labels' bytes back to back in one arena, one 64-bit end offset
/// per label, and a power-of-two table of `label_index + 1` (0 = free slot)
/// probed linearly with a 64-bit FNV-1a hash; the table is at most half
/// full. The empty string is a label like any other. Ids are stable: adding
/// labels never changes an existing id, and views stay valid until the next
/// intern() (the arena may move).
///
/// \code
/// records::label_pool p;
/// p.intern("US");   // 0
/// p.intern("CN");   // 1
/// p.intern("US");   // 0
/// p.view(1);        // "CN"
/// p.find("DE");     // label_pool::npos
/// \endcode
/// Complexity: intern and find O(length) expected.
class label_pool {
public:
    /// Returned by find() for a string that is not in the pool.
    static constexpr label_index npos = std::numeric_limits<label_index>::max();

    label_pool() = default;

    /// \brief The id of `s`, adding it when new.
    /// \throws invalid_argument when the pool would exceed 2^32 - 1 labels.
    label_index intern(std::string_view s) {
        if (slots_.empty()) rehash(16);
        const std::uint64_t h = hash(s);
        std::size_t i = static_cast<std::size_t>(h) & (slots_.size() - 1);
        while (slots_[i] != 0) {
            const label_index id = slots_[i] - 1;
            if (view(id) == s) return id;
            i = (i + 1) & (slots_.size() - 1);
        }
        ::techconv::detail::require(ends_.size() < npos - 1, "label_pool: more than 2^32 - 2 labels");
        const auto id = static_cast<label_index>(ends_.size());
        chars_.insert(chars_.end(), s.begin(), s.end());
        ends_.push_back(chars_.size());
        slots_[i] = id + 1;
        if (2 * (static_cast<std::size_t>(id) + 1) > slots_.size()) rehash(2 * slots_.size());
        return id;
    }

    /// The id of `s`, or npos when it was never interned.
    label_index find(std::string_view s) const noexcept {
        if (slots_.empty()) return npos;
        std::size_t i = static_cast<std::size_t>(hash(s)) & (slots_.size() - 1);
        while (slots_[i] != 0) {
            const label_index id = slots_[i] - 1;
            if (view(id) == s) return id;
            i = (i + 1) & (slots_.size() - 1);
        }
        return npos;
    }

    /// \brief Removes the labels of id `n` and above (the last ones interned), as if they had
    /// never been: a writer that abandons what it interned since size() was `n` (a record
    /// table dropping an unfinished row). The capacities stay. Complexity: O(length) expected
    /// per label removed.
    void truncate(std::size_t n) noexcept {
        while (size() > n) {
            const auto id = static_cast<label_index>(size() - 1);
            const std::size_t mask = slots_.size() - 1;
            std::size_t i = static_cast<std::size_t>(hash(view(id))) & mask;
            while (slots_[i] != id + 1) i = (i + 1) & mask;
            // backward-shift deletion: pull back each later entry of the probe run that may
            // sit at the freed slot (its home is not cyclically within (i, j])
            for (std::size_t j = (i + 1) & mask; slots_[j] != 0; j = (j + 1) & mask) {
                const std::size_t home = static_cast<std::size_t>(hash(view(slots_[j] - 1))) & mask;
                const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
                if (stays) continue;
                slots_[i] = slots_[j];
                i = j;
            }
            slots_[i] = 0;
            ends_.pop_back();
            chars_.resize(ends_.empty() ? 0 : static_cast<std::size_t>(ends_.back()));
        }
    }

    /// \brief Makes room for `labels` labels in all (so that interning up to that many
    /// rehashes no more): a caller that knows a bound (one key per record) saves the growths.
    void reserve(std::size_t labels) {
        ends_.reserve(labels);
        std::size_t n = 16;
        while (n < 2 * labels) n *= 2;
        if (n > slots_.size()) rehash(n);
    }

    /// Whether `s` is in the pool.
    bool contains(std::string_view s) const noexcept { return find(s) != npos; }

    /// \brief The text of label `id`. \pre id < size()
    std::string_view view(label_index id) const noexcept {
        const std::size_t b = id == 0 ? 0 : ends_[id - 1];
        return std::string_view(chars_.data() + b, ends_[id] - b);
    }

    /// Number of distinct labels.
    std::size_t size() const noexcept { return ends_.size(); }
    /// Whether the pool has no label.
    bool empty() const noexcept { return size() == 0; }

    /// Bytes held (capacities of the arena, the offsets and the hash table).
    std::size_t memory_bytes() const noexcept {
        return chars_.capacity() + ends_.capacity() * sizeof(std::uint64_t) +
               slots_.capacity() * sizeof(label_index);
    }

    /// \brief 64-bit FNV-1a of `s` (the pool's hash; deterministic on every platform).
    static constexpr std::uint64_t hash(std::string_view s) noexcept {
        std::uint64_t h = 14695981039346656037ULL;
        for (const char c : s) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
        return h;
    }

private:
    void rehash(std::size_t n) {
        std::vector<label_index> next(n, 0);
        for (std::size_t id = 0; id < size(); ++id) {
            std::size_t i = static_cast<std::size_t>(hash(view(static_cast<label_index>(id)))) & (n - 1);
            while (next[i] != 0) i = (i + 1) & (n - 1);
            next[i] = static_cast<label_index>(id + 1);
        }
        slots_.swap(next);
    }

    std::vector<char> chars_;                  // every label's bytes, in id order
    std::vector<std::uint64_t> ends_;          // label i is chars_[ends_[i-1] (0 for i = 0), ends_[i])
    std::vector<label_index> slots_;           // id + 1, 0 = free; size a power of two
};

}  // namespace records
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_LABELS_HPP_
