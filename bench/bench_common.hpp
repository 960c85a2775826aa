// Shared pieces of techconv's benchmarks: the memory-bandwidth floor kernel
// (a STREAM-like read of a buffer) and pre-faulted buffers, so that every
// module's benchmark can put its kernel beside the hardware's limit in the
// same run.
#ifndef TECHCONV_BENCH_COMMON_HPP_
#define TECHCONV_BENCH_COMMON_HPP_

#include <benchmark/benchmark.h>

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace techconv_bench {

/// Sums `n` doubles: one read of the buffer at the speed the memory system
/// allows (the bandwidth floor).
/// Eigen's packet sum: as many vector accumulators as the ISA allows.
inline double read_floor(const double* p, std::size_t n) {
    return Eigen::Map<const Eigen::VectorXd>(p, static_cast<Eigen::Index>(n)).sum();
}

/// A buffer of `n` doubles, written once so that its pages are faulted in
/// before any timing (fresh pages cost ~1.7 us each on these machines).
inline std::vector<double> prefaulted(std::size_t n, double value = 1.0) {
    return std::vector<double>(n, value);
}

}  // namespace techconv_bench

#endif
