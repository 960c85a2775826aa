// Shared by tests/parallel (one process plays every rank) and tests/mpi
// (mpirun): bit comparisons and records whose actors are the IPC subclasses
// of synthetic patents (1 to 8 per record, several hundred distinct), so that
// fractional counting sums many non-integer terms per entry and any change of
// summation order would show.
#ifndef TECHCONV_TESTS_PARALLEL_FIXTURES_HPP_
#define TECHCONV_TESTS_PARALLEL_FIXTURES_HPP_

#include <techconv/closeness/counting.hpp>
#include <techconv/closeness/records.hpp>
#include <techconv/testing/synthetic.hpp>

#include <cstring>
#include <string>
#include <vector>

namespace techconv_test {

inline bool same_bits(const techconv::vector& a, const techconv::vector& b) {
    return a.size() == b.size() &&
           (a.size() == 0 ||
            std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0);
}

inline techconv::closeness::actor_records subclass_records(const techconv::testing::synthetic_corpus& c,
                                                           techconv::index b, techconv::index e) {
    techconv::closeness::actor_records rec;
    for (techconv::index i = b; i < e; ++i) {
        const auto p = c.record(i);
        std::vector<std::string> sub;
        for (const auto& code : p.ipc) sub.push_back(code.substr(0, 4));
        rec.add(p.id, p.year, sub);
    }
    return rec;
}

inline bool same_counts(const techconv::closeness::collaboration_counts& a,
                        const techconv::closeness::collaboration_counts& b) {
    return same_bits(a.n, b.n) && techconv::matrix(a.pairs) == techconv::matrix(b.pairs) &&
           a.pairs.nonZeros() == b.pairs.nonZeros() && a.records == b.records &&
           a.multi_actor_records == b.multi_actor_records && a.single_actor_records == b.single_actor_records &&
           a.outside_period == b.outside_period && a.info == b.info;
}

}  // namespace techconv_test

#endif  // TECHCONV_TESTS_PARALLEL_FIXTURES_HPP_
