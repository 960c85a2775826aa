// SPDX-License-Identifier: BSL-1.0
//
// Deterministic, opt-in parallel execution over fixed chunks.
//
// The chunk boundaries depend only on the problem size and the chunk size,
// never on the thread count. A caller that computes one partial result per
// chunk and combines the partials in chunk order therefore gets the same bits
// for 1, 2 or 64 threads. This is the only threading primitive techconv uses;
// it is std::thread based, so no OpenMP flag is ever needed.
#ifndef TECHCONV_DETAIL_PARALLEL_HPP_
#define TECHCONV_DETAIL_PARALLEL_HPP_

#include <algorithm>  // std::min
#include <atomic>     // std::atomic
#include <exception>  // std::exception_ptr
#include <thread>     // std::thread
#include <vector>     // std::vector

#include "techconv/config.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace detail {

/// Number of chunks of `chunk_size` covering [0, n).
inline index chunk_count(index n, index chunk_size) noexcept {
    return n <= 0 ? 0 : (n + chunk_size - 1) / chunk_size;
}

/// Threads to use for `requested` (0 = all hardware threads, at least 1).
inline int resolve_threads(int requested) noexcept {
    if (requested > 0) return requested;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
}

/// \brief Calls fn(chunk, begin, end) for every chunk of [0, n).
///
/// Chunk c covers [c * chunk_size, min(n, (c + 1) * chunk_size)). Chunks are
/// handed out dynamically to at most `threads` threads (0 = hardware); with
/// one thread, or one chunk, everything runs on the calling thread. If calls
/// throw, the exception of the lowest-numbered failing chunk is rethrown
/// after all threads have joined, so the error is deterministic too.
template <class Fn>
void for_each_chunk(index n, index chunk_size, int threads, Fn&& fn) {
    if (chunk_size < 1) chunk_size = 1;
    const index chunks = chunk_count(n, chunk_size);
    if (chunks == 0) return;
    const int t = static_cast<int>(std::min<index>(resolve_threads(threads), chunks));
    if (t <= 1) {
        for (index c = 0; c < chunks; ++c) {
            const index b = c * chunk_size;
            fn(c, b, std::min(n, b + chunk_size));
        }
        return;
    }
    std::atomic<index> next{0};
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(chunks));
    std::atomic<bool> failed{false};
    auto worker = [&]() {
        for (;;) {
            const index c = next.fetch_add(1, std::memory_order_relaxed);
            if (c >= chunks) return;
            const index b = c * chunk_size;
#if TECHCONV_HAS_EXCEPTIONS
            try {
                fn(c, b, std::min(n, b + chunk_size));
            } catch (...) {
                errors[static_cast<std::size_t>(c)] = std::current_exception();
                failed.store(true, std::memory_order_relaxed);
            }
#else
            fn(c, b, std::min(n, b + chunk_size));
#endif
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(t - 1));
    for (int i = 1; i < t; ++i) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
    if (failed.load()) {
        for (auto& e : errors)
            if (e) std::rethrow_exception(e);
    }
}

}  // namespace detail
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_DETAIL_PARALLEL_HPP_
