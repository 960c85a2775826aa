// Strong scaling of the distributed key-core pipeline (not a test; built on
// demand: cmake --build BUILD --target techconv_mpi_scaling).
//
//   mpirun -n P techconv_mpi_scaling N [REPEATS]
//
// Each rank generates only its rows of the synthetic corpus (record i is a
// pure function of the seed and i), then times, with MPI_Wtime after a
// barrier: entropy weights (statistics + chunk alignment + exchange), scores,
// the global top 5 %, and global ranks. Prints the median of REPEATS runs per
// step and the bytes this rank sent in partial states.
// Also prints the serialised sizes of the partial states, the figures
// docs/internals/scaling.md extrapolates from, and times the distributed co-occurrence
// (full and fractional counting, IPC subclasses) and group profiles on the
// first COOC records (default 10^6) split over the ranks.
//
//   mpirun -n P techconv_mpi_scaling N [REPEATS [COOC]]
#include <mpi.h>

#include <techconv/cograph/cooccurrence.hpp>
#include <techconv/cograph/incidence.hpp>
#include <techconv/parallel/mpi.hpp>
#include <techconv/parallel/profile.hpp>
#include <techconv/testing/synthetic.hpp>
#include <techconv/weighting.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace tw = techconv::weighting;
namespace tmpi = techconv::parallel::mpi;
namespace par = techconv::parallel;
using idx = techconv::index;

int main(int argc, char** argv) {
    MPI_Init(&argc, &argv);
    const idx n = argc > 1 ? std::atoll(argv[1]) : 10000000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    const int p = tmpi::size(MPI_COMM_WORLD), r = tmpi::rank(MPI_COMM_WORLD);
    const idx b = n * r / p, e = n * (r + 1) / p;
    techconv::testing::synthetic_options so;
    so.records = n;
    const techconv::testing::synthetic_corpus corpus(so);
    techconv::matrix x(e - b, 9);
    corpus.indicators_into(b, x);

    std::vector<double> t_w, t_s, t_top, t_rank, t_all;
    tw::key_core_result kc;
    for (int rep = 0; rep < repeats; ++rep) {
        MPI_Barrier(MPI_COMM_WORLD);
        const double t0 = MPI_Wtime();
        kc.weighting = tmpi::entropy_weights(x, MPI_COMM_WORLD);
        const double t1 = MPI_Wtime();
        kc.scores = tw::scores(x, kc.weighting.weights, kc.weighting.map);
        const double t2 = MPI_Wtime();
        kc.top = tmpi::top_fraction(kc.scores, 0.05, MPI_COMM_WORLD);
        const double t3 = MPI_Wtime();
        const techconv::index_vector rk = tmpi::ranks(kc.scores, MPI_COMM_WORLD);
        MPI_Barrier(MPI_COMM_WORLD);
        const double t4 = MPI_Wtime();
        t_w.push_back(t1 - t0);
        t_s.push_back(t2 - t1);
        t_top.push_back(t3 - t2);
        t_rank.push_back(t4 - t3);
        t_all.push_back(t4 - t0);
        (void)rk;
    }
    // the single-process library path on the same rows (one rank only): the baseline
    std::vector<double> t_ref;
    if (p == 1)
        for (int rep = 0; rep < repeats; ++rep) {
            const double t0 = MPI_Wtime();
            const tw::key_core_result ref = tw::key_core(x);
            const techconv::index_vector rk = tw::ranks(ref.scores);
            t_ref.push_back(MPI_Wtime() - t0);
            (void)rk;
        }
    auto med = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    // serialised partial states of this rank (what it sends)
    const auto a = tmpi::align_to_chunks(x, idx{1} << 16, MPI_COMM_WORLD);
    const auto part = tmpi::over_aligned(x, a, [&](const auto& rows, idx begin) {
        return par::partial_column_stats(rows, begin, tw::detail::entropy_stats_options({}));
    });
    const auto stats_bytes = par::to_bytes(par::serial_type::column_stats_partial, part).size();
    const auto top_bytes =
        par::to_bytes(par::serial_type::top_candidates, par::partial_top_k(kc.scores, b, kc.top.k)).size();
    if (r == 0) {
        std::printf("ranks %d, records %lld x 9, key core %lld\n", p, static_cast<long long>(n),
                    static_cast<long long>(kc.top.k));
        std::printf("median of %d: entropy weights %.3f s, scores %.3f s, top 5%% %.3f s, ranks %.3f s, total %.3f s\n",
                    repeats, med(t_w), med(t_s), med(t_top), med(t_rank), med(t_all));
        if (!t_ref.empty())
            std::printf("single-process weighting::key_core + weighting::ranks: median %.3f s\n",
                        [&] { auto v = t_ref; std::sort(v.begin(), v.end()); return v[v.size() / 2]; }());
        std::printf("rank 0 sends: column statistics partial %zu bytes (%lld chunks), top-k candidates %zu bytes\n",
                    stats_bytes, static_cast<long long>(part.chunks()), top_bytes);
        for (idx j = 0; j < 9; ++j)
            std::printf("column %lld: %lld distinct values\n", static_cast<long long>(j),
                        static_cast<long long>(part.finish().histogram(j).distinct()));
    }
    // co-occurrence and group profiles on the first `nc` records
    const idx nc = std::min<idx>(n, argc > 3 ? std::atoll(argv[3]) : 1000000);
    const idx cb = nc * r / p, ce = nc * (r + 1) / p;
    techconv::cograph::incidence_builder<std::string> ib;
    par::profile_partial prof;
    for (idx i = cb; i < ce; ++i) {
        const auto rec = corpus.record(i);
        std::vector<std::string> sub;
        for (const auto& code : rec.ipc) sub.push_back(code.substr(0, 4));
        ib.add_record(sub);
        prof.add(rec.country, (static_cast<std::uint64_t>(i) * 2654435761u) % 100 < 5, sub, std::vector<std::string>{},
                 rec.applicants);
    }
    const auto inc = ib.finish();
    for (const auto method : {techconv::records::counting::full, techconv::records::counting::link_fractional}) {
        techconv::cograph::cooccurrence_options co;
        co.method = method;
        std::vector<double> t;
        std::size_t nnz = 0;
        for (int rep = 0; rep < repeats; ++rep) {
            MPI_Barrier(MPI_COMM_WORLD);
            const double t0 = MPI_Wtime();
            const auto res = tmpi::cooccurrence(inc, MPI_COMM_WORLD, co);
            MPI_Barrier(MPI_COMM_WORLD);
            t.push_back(MPI_Wtime() - t0);
            nnz = static_cast<std::size_t>(res.counts.nonZeros());
        }
        if (r == 0)
            std::printf("co-occurrence (%s, %lld records, %zu stored entries): median %.3f s\n",
                        techconv::records::to_string(method), static_cast<long long>(nc),
                        nnz, med(t));
    }
    {
        std::vector<double> t;
        for (int rep = 0; rep < repeats; ++rep) {
            MPI_Barrier(MPI_COMM_WORLD);
            const double t0 = MPI_Wtime();
            const auto res = tmpi::group_profiles(prof, MPI_COMM_WORLD);
            MPI_Barrier(MPI_COMM_WORLD);
            t.push_back(MPI_Wtime() - t0);
            (void)res;
        }
        const auto bytes = par::to_bytes(par::serial_type::profile_partial, prof).size();
        if (r == 0)
            std::printf("group profiles (%lld records, key core 5%%): median %.3f s; rank 0 state %zu bytes "
                        "(%lld profiled records)\n",
                        static_cast<long long>(nc), med(t), bytes, static_cast<long long>(prof.profiled_records()));
    }
    MPI_Finalize();
    return 0;
}
