// SPDX-License-Identifier: BSL-1.0
//
// What the columnar record tables (patent_table, paper_table) share: records
// held in chunks of a fixed capacity, labels interned once in one label_pool
// that every chunk's label ids refer to, and the accessors a consumer uses to
// walk them chunk by chunk. The tables derive from it and add their columns'
// writers and readers; this header holds no column of its own.
#ifndef TECHCONV_RECORDS_CHUNKED_TABLE_HPP_
#define TECHCONV_RECORDS_CHUNKED_TABLE_HPP_

#include <cstddef>      // std::size_t
#include <string_view>  // std::string_view
#include <utility>      // std::pair
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/records/labels.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace records {

/// \brief The chunk list, label pool, options and size of a columnar record
/// table; `Chunk` is its chunk type (with size(), shrink_to_fit() and
/// memory_bytes()), `Options` its options (with chunk_capacity).
///
/// Record i is in chunk i / capacity at index i % capacity: every chunk but
/// the last is full.
template <class Chunk, class Options>
class chunked_table {
public:
    /// Records in the table.
    std::size_t size() const noexcept { return size_; }
    /// Whether the table has no record.
    bool empty() const noexcept { return size_ == 0; }
    /// The chunks, in record order; chunk k holds records [k·capacity, (k+1)·capacity).
    const std::vector<Chunk>& chunks() const noexcept { return chunks_; }
    /// The labels every chunk's label ids refer to.
    const label_pool& labels() const noexcept { return labels_; }
    /// The text of label `id`.
    std::string_view label(label_index id) const noexcept { return labels_.view(id); }
    /// The options the table was made with.
    const Options& options() const noexcept { return opts_; }

    /// \brief The chunk holding record `i` and the record's index in it. \pre i < size()
    std::pair<const Chunk*, std::size_t> locate(std::size_t i) const noexcept {
        return {&chunks_[i / opts_.chunk_capacity], i % opts_.chunk_capacity};
    }

    /// \brief Releases the spare capacity of the last chunk and of the chunk
    /// list (the readers call it when the input ends).
    void shrink_to_fit() {
        if (!chunks_.empty()) chunks_.back().shrink_to_fit();
        chunks_.shrink_to_fit();
    }

protected:
    /// \throws invalid_argument (message `what`) when opts.chunk_capacity is 0.
    chunked_table(Options opts, const char* what) : opts_(opts) {
        ::techconv::detail::require(opts_.chunk_capacity > 0, what);
    }

    /// Heap bytes of the label pool, the chunk list and every chunk.
    std::size_t held_bytes() const noexcept {
        std::size_t b = labels_.memory_bytes() + chunks_.capacity() * sizeof(Chunk);
        for (const auto& c : chunks_) b += c.memory_bytes();
        return b;
    }

    /// Counts the record just ended; a chunk that became full gives back its spare capacity.
    void end_of_record(Chunk& c) {
        ++size_;
        if (c.size() == opts_.chunk_capacity) c.shrink_to_fit();  // a full chunk takes no more
    }

    Options opts_;
    label_pool labels_;
    std::vector<Chunk> chunks_;
    std::size_t size_ = 0;
};

}  // namespace records
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_CHUNKED_TABLE_HPP_
