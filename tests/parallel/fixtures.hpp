// Shared by tests/parallel (one process plays every rank) and tests/mpi
// (mpirun): bit comparisons and records whose actors are the IPC subclasses
// of synthetic patents (1 to 8 per record, several hundred distinct), so that
// fractional counting sums many non-integer terms per entry and any change of
// summation order would show.
#ifndef TECHCONV_TESTS_PARALLEL_FIXTURES_HPP_
#define TECHCONV_TESTS_PARALLEL_FIXTURES_HPP_

#include <techconv/closeness/counting.hpp>
#include <techconv/cograph/incidence.hpp>
#include <techconv/closeness/records.hpp>
#include <techconv/analysis/profile.hpp>
#include <techconv/records/patent.hpp>
#include <techconv/parallel/families.hpp>
#include <techconv/parallel/serialize.hpp>
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


// Patent record of synthetic record i: its family (1..3 consecutive records),
// a publication year that varies within families (so the representative is
// not always the first member), applicants with types and countries, IPC
// codes and the nine counts, some left absent.
inline techconv::io::patent_record synthetic_patent(const techconv::testing::synthetic_corpus& c, techconv::index i) {
    namespace tio = techconv::io;
    const auto p = c.record(i);
    tio::patent_record r;
    r.id = p.id;
    r.family_id = i % 97 == 0 ? std::string() : p.family_id;
    r.title = "synthetic " + std::to_string(i);
    r.application_year = p.year;
    r.publication_year = static_cast<techconv::year_type>(p.year + static_cast<int>((i * 7) % 3));
    for (std::size_t k = 0; k < p.applicants.size(); ++k) {
        tio::party a;
        a.name = p.applicants[k];
        a.type = p.applicant_types[k] == techconv::testing::synthetic_applicant_type::company ? tio::applicant_type::company
                                                                                            : tio::applicant_type::university;
        a.country = k == 0 ? p.country : std::string();
        r.applicants.push_back(a);
    }
    r.ipc = p.ipc;
    r.priority_countries.assign(1, p.country);
    for (const auto ind : tio::all_indicators)
        if ((i + static_cast<techconv::index>(tio::position(ind))) % 13 != 0)
            r.counts.set(ind, static_cast<std::int64_t>(p.indicators[tio::position(ind)]));
    return r;
}

// Whether two records are equal in every field (their serial forms are).
inline bool same_record(const techconv::io::patent_record& a, const techconv::io::patent_record& b) {
    techconv::parallel::byte_writer wa, wb;
    write(wa, a);
    write(wb, b);
    return wa.data() == wb.data();
}

// Adds synthetic record i to a profile table or partial: group = country,
// key core for about 6 % of records, subclasses, an industry per section,
// applicants and their types.
template <class Table>
void add_synthetic_profile(Table& t, const techconv::testing::synthetic_corpus& c, techconv::index i) {
    const auto p = c.record(i);
    std::vector<std::string> codes, industries, types;
    for (const auto& code : p.ipc) {
        codes.push_back(code.substr(0, 4));
        industries.push_back(std::string("industry ") + code[0]);
    }
    for (const auto ty : p.applicant_types) types.emplace_back(techconv::testing::synthetic_corpus::type_name(ty));
    const bool key = (static_cast<std::uint64_t>(i) * 2654435761u) % 100 < 6;
    t.add(p.country, key, codes, industries, p.applicants, i % 5 == 0 ? std::vector<std::string>{} : types);
}

inline bool same_entries(const std::vector<techconv::convergence::ranked_entry>& a,
                         const std::vector<techconv::convergence::ranked_entry>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (a[k].key != b[k].key || a[k].count != b[k].count || a[k].share != b[k].share) return false;
    return true;
}

// Every field of two profile results, doubles compared exactly.
inline bool same_profiles(const techconv::convergence::profile_result& a, const techconv::convergence::profile_result& b) {
    if (a.records != b.records || a.key_core != b.key_core || a.info != b.info || a.groups.size() != b.groups.size())
        return false;
    for (std::size_t g = 0; g < a.groups.size(); ++g) {
        const auto& x = a.groups[g];
        const auto& y = b.groups[g];
        const auto& n = x.network;
        const auto& m = y.network;
        const bool same = x.group == y.group && x.records == y.records && x.key_core == y.key_core &&
                          x.record_share == y.record_share && x.key_core_share == y.key_core_share &&
                          x.key_core_rate == y.key_core_rate && x.profiled == y.profiled &&
                          x.industries == y.industries && same_entries(x.top_industries, y.top_industries) &&
                          x.industry_shannon == y.industry_shannon && x.main_codes == y.main_codes &&
                          x.all_codes == y.all_codes && x.code_gap == y.code_gap &&
                          x.convergence_index == y.convergence_index &&
                          x.convergence_index_main == y.convergence_index_main &&
                          same_entries(x.top_main_codes, y.top_main_codes) &&
                          x.technology_shannon == y.technology_shannon && x.company_share == y.company_share &&
                          same_entries(x.top_applicants, y.top_applicants) && x.applicant_hhi == y.applicant_hhi &&
                          n.nodes == m.nodes && n.edges == m.edges && n.density == m.density &&
                          n.components == m.components && n.top_strength == m.top_strength &&
                          n.clusters == m.clusters && n.modularity == m.modularity && n.sections == m.sections &&
                          n.cross_section_edges == m.cross_section_edges &&
                          n.cross_section_weight == m.cross_section_weight && x.info == y.info;
        if (!same) return false;
    }
    return true;
}

// A state sent through its serial form (as a process receives it).
template <class T, class Read>
T round_trip(const T& v, techconv::parallel::serial_type type, Read read) {
    const auto bytes = techconv::parallel::to_bytes(type, v);
    techconv::parallel::byte_reader r = techconv::parallel::open_sealed(bytes.data(), bytes.size(), type, "test");
    T out = read(r);
    techconv::parallel::expect_end(r);
    return out;
}

// The IPC-subclass incidence of synthetic records [b, e).
inline techconv::cograph::incidence<std::string> subclass_incidence(const techconv::testing::synthetic_corpus& c,
                                                                    techconv::index b, techconv::index e) {
    techconv::cograph::incidence_builder<std::string> ib;
    for (techconv::index i = b; i < e; ++i) {
        std::vector<std::string> sub;
        for (const auto& code : c.record(i).ipc) sub.push_back(code.substr(0, 4));
        ib.add_record(sub);
    }
    return ib.finish();
}

}  // namespace techconv_test

#endif  // TECHCONV_TESTS_PARALLEL_FIXTURES_HPP_
