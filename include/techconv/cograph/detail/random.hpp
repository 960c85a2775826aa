// SPDX-License-Identifier: BSL-1.0
//
// A small seeded generator with portable output (the standard library's
// distributions differ between implementations, so they are not used):
// SplitMix64 for seeding, xoshiro256** for the stream.
#ifndef TECHCONV_COGRAPH_DETAIL_RANDOM_HPP_
#define TECHCONV_COGRAPH_DETAIL_RANDOM_HPP_

#include <cstdint>  // std::uint64_t
#include <utility>  // std::swap
#include <vector>   // std::vector

#include "techconv/config.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace cograph {
namespace detail {

/// Portable seeded generator (xoshiro256**, seeded by SplitMix64).
class rng {
public:
    explicit rng(std::uint64_t seed) noexcept {
        for (auto& s : s_) s = splitmix(seed);
    }
    /// Next 64 random bits.
    std::uint64_t next() noexcept {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// Uniform in [0, 1) with 53 random bits.
    double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform integer in [0, n), n > 0 (multiply-shift on 32 bits; bias < 2^-32 n).
    index below(index n) noexcept {
        const std::uint64_t x = next() >> 32;
        return static_cast<index>((x * static_cast<std::uint64_t>(n)) >> 32);
    }
    /// Fisher-Yates shuffle.
    template <class T>
    void shuffle(std::vector<T>& v) noexcept {
        for (std::size_t i = v.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(below(static_cast<index>(i)));
            std::swap(v[i - 1], v[j]);
        }
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix(std::uint64_t& x) noexcept {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::uint64_t s_[4];
};

}  // namespace detail
}  // namespace cograph
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_COGRAPH_DETAIL_RANDOM_HPP_
