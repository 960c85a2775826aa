// Run under mpirun -np 1, 2, 3: every distributed result of
// techconv/parallel/mpi.hpp must equal the single-process result (the
// weighting functions on all rows, computed by every rank as the reference)
// bit for bit. The rows are split unevenly; with 3 ranks, rank 1 holds none.
// Also: co-occurrence (full and fractional counting), family merging with
// the members of a family on different ranks, repeated ids dropped across
// ranks, an error of some ranks raised on all, group profiles, and several patent files read
// by whole files on the ranks, one USPTO XML file by byte ranges, and a PatentsView bulk
// table set joined by shares of g_patent.
// Data: the synthetic corpus (default 2^16-row chunks and small chunks), a
// real-valued transform of it (the entropy method's second pass), and the
// indicator matrices of the two Lens patent exports (when the datasets exist).
// Prints PASS/FAIL per check on rank 0 and "ALL PASS" at the end.
#include <mpi.h>

#include <techconv/closeness/counting.hpp>
#include <techconv/cograph/cooccurrence.hpp>
#include <techconv/cograph/incidence.hpp>
#include <techconv/analysis/profile.hpp>
#include <techconv/records/families.hpp>
#include <techconv/records/patent_table.hpp>
#include <techconv/analysis/indicators.hpp>
#include <techconv/io/lens.hpp>
#include <techconv/parallel/mpi.hpp>
#include <techconv/parallel/mpi/patstat.hpp>
#include <techconv/parallel/profile.hpp>
#include <techconv/testing/synthetic.hpp>
#include <techconv/weighting.hpp>

#include "../parallel/fixtures.hpp"

#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_set>
#include <vector>

namespace tw = techconv::weighting;
namespace tmpi = techconv::parallel::mpi;
using techconv::matrix;
using techconv::vector;
using idx = techconv::index;
using techconv_test::same_bits;
using techconv_test::same_counts;
using techconv_test::subclass_incidence;
using techconv_test::subclass_records;

namespace {

int g_failures = 0;

// Every rank's verdict, AND-ed; rank 0 reports.
void verdict(const std::string& name, bool ok) {
    int mine = ok ? 1 : 0, all = 0;
    MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    if (tmpi::rank(MPI_COMM_WORLD) == 0) std::printf("%s %s\n", all ? "PASS" : "FAIL", name.c_str());
    if (!all) ++g_failures;
}

// This rank's rows [b, e) of n: uneven, and empty for rank 1 of 3.
std::pair<idx, idx> share(idx n) {
    const int p = tmpi::size(MPI_COMM_WORLD), r = tmpi::rank(MPI_COMM_WORLD);
    std::vector<idx> cut;
    if (p == 1) cut = {0, n};
    else if (p == 2) cut = {0, std::min(n, n * 3 / 10 + 17), n};
    else {
        cut.push_back(0);
        const idx a = std::min(n, n * 55 / 100 + 5);
        cut.push_back(a);
        cut.push_back(a);  // rank 1: no rows
        for (int k = 3; k < p; ++k) cut.push_back(std::min(n, a + (n - a) * (k - 2) / (p - 2)));
        cut.push_back(n);
    }
    return {cut[static_cast<std::size_t>(r)], cut[static_cast<std::size_t>(r) + 1]};
}

void check_dataset(const std::string& name, const matrix& x, idx chunk_rows) {
    const auto [b, e] = share(x.rows());
    const matrix local = x.middleRows(b, e - b);
    const std::string tag = name + " (chunk_rows " + std::to_string(chunk_rows) + ")";

    tw::entropy_options eo;
    eo.chunk_rows = chunk_rows;
    const tw::entropy_result ref = tw::entropy_weights(x, eo);
    const tw::entropy_result got = tmpi::entropy_weights(local, MPI_COMM_WORLD, eo);
    verdict("entropy weights " + tag, same_bits(got.weights, ref.weights) && same_bits(got.entropy, ref.entropy) &&
                                          got.info == ref.info && got.degenerate_columns == ref.degenerate_columns);
    verdict("column statistics " + tag,
            tmpi::global_column_stats(local, MPI_COMM_WORLD, {}, chunk_rows) ==
                tw::compute_column_stats(x, {}, 1, chunk_rows));

    tw::key_core_options ko;
    ko.entropy.chunk_rows = chunk_rows;
    const tw::key_core_result kr = tw::key_core(x, ko);
    const tw::key_core_result kg = tmpi::key_core(local, MPI_COMM_WORLD, ko);
    verdict("scores " + tag, same_bits(kg.scores, kr.scores.segment(b, e - b)));
    verdict("key core (top 5%) " + tag, kg.top.indices == kr.top.indices && kg.top.threshold == kr.top.threshold &&
                                            kg.top.k == kr.top.k);
    const techconv::index_vector rr = tw::ranks(kr.scores);
    const techconv::index_vector rg = tmpi::ranks(kg.scores, MPI_COMM_WORLD);
    verdict("ranks " + tag, rg == rr.segment(b, e - b));
    bool topk = true;
    for (const idx k : {idx{0}, idx{1}, x.rows()}) {
        const auto a = tmpi::top_k(kg.scores, k, MPI_COMM_WORLD, {tw::top_k_order::by_index});
        const auto r = tw::top_k(kr.scores, k, {tw::top_k_order::by_index});
        topk = topk && a.indices == r.indices && a.threshold == r.threshold;
    }
    verdict("top k = 0, 1, n " + tag, topk);

    tw::objective_options oo;
    oo.chunk_rows = chunk_rows;
    verdict("std-dev weights " + tag,
            same_bits(tmpi::std_dev_weights(local, MPI_COMM_WORLD, oo).weights, tw::std_dev_weights(x, oo).weights));
    verdict("CV weights " + tag, same_bits(tmpi::cv_weights(local, MPI_COMM_WORLD, oo).weights, tw::cv_weights(x, oo).weights));
    verdict("CRITIC weights " + tag,
            same_bits(tmpi::critic_weights(local, MPI_COMM_WORLD, oo).weights, tw::critic_weights(x, oo).weights));
    const matrix xp = (x.array() + 1.0).matrix(), lp = (local.array() + 1.0).matrix();
    verdict("MEREC weights " + tag,
            same_bits(tmpi::merec_weights(lp, MPI_COMM_WORLD, oo).weights, tw::merec_weights(xp, oo).weights));

    // real-valued data: per-chunk moments and the second (logarithm) pass
    const matrix y = ((x.array() + 1.0).log() * 1.7 + 0.3).matrix();
    const matrix ly = y.middleRows(b, e - b);
    tw::entropy_options so = eo;
    so.zeros = tw::zero_policy::shift;
    const auto ry = tw::entropy_weights(y, so), gy = tmpi::entropy_weights(ly, MPI_COMM_WORLD, so);
    verdict("entropy weights, real-valued, shift " + tag,
            same_bits(gy.weights, ry.weights) && gy.data_reads == 2 && ry.data_reads == 2);
}

matrix synthetic(idx n) {
    techconv::testing::synthetic_options o;
    o.records = n;
    const techconv::testing::synthetic_corpus c(o);
    matrix x(n, 9);
    c.indicators_into(0, x);
    return x;
}

namespace cl = techconv::closeness;

void check_collaboration(idx n) {
    techconv::testing::synthetic_options o;
    o.records = n;
    const techconv::testing::synthetic_corpus c(o);
    const cl::actor_records all = subclass_records(c, 0, n);
    const auto [b, e] = share(n);
    const cl::actor_records local = subclass_records(c, b, e);
    for (const auto mode : {cl::counting::full, cl::counting::fractional, cl::counting::link_fractional}) {
        cl::count_options co;
        co.mode = mode;
        co.last_year = 2020;
        const std::string tag = std::string(" (") + (mode == cl::counting::full ? "full" : mode == cl::counting::fractional
                                                                                          ? "fractional"
                                                                                          : "link_fractional") +
                                ", synthetic subclasses, " + std::to_string(n) + " records)";
        const auto got = tmpi::count_collaboration(local, MPI_COMM_WORLD, co);
        verdict("collaboration counts" + tag,
                got.labels == all.labels() && same_counts(got.counts, cl::count_collaboration(all, co)));
        const auto gp = tmpi::count_by_year(local, MPI_COMM_WORLD, co);
        const auto rp = cl::count_by_year(all, co);
        bool same = gp.panel.years == rp.years && gp.panel.records_without_year == rp.records_without_year &&
                    gp.panel.outside_period == rp.outside_period && gp.panel.info == rp.info;
        for (std::size_t t = 0; same && t < rp.years.size(); ++t) same = same_counts(gp.panel.counts[t], rp.counts[t]);
        verdict("collaboration panel" + tag, same);
    }
}

// mpi::gather_actor_records: each rank's share of the records, then a record repeating the id
// of record 0 with a label no record has (dropped on rank 0 by its own records, on the other
// ranks only when the records meet on rank 0). Rank 0 must get every record of one process
// (ids, years, actors, dictionary), the label of the repeated records never interned, and
// every rank's repeat listed (rank 0's own: its records are moved into the result).
void check_gather_actor_records(idx n) {
    techconv::testing::synthetic_options o;
    o.records = n;
    const techconv::testing::synthetic_corpus c(o);
    const cl::actor_records all = subclass_records(c, 0, n);
    const auto [b, e] = share(n);
    cl::actor_records local = subclass_records(c, b, e);
    local.add(all.id(0), 2001, std::vector<std::string>{"ZZ-only-in-repeats"});
    const auto got = tmpi::gather_actor_records(std::move(local), MPI_COMM_WORLD);
    bool same = true;
    if (tmpi::rank(MPI_COMM_WORLD) == 0) {
        same = got.size() == all.size() && got.labels() == all.labels() &&
               got.duplicates().size() == static_cast<std::size_t>(tmpi::size(MPI_COMM_WORLD));
        for (idx r = 0; same && r < all.size(); ++r) {
            const auto x = got.actors(r), y = all.actors(r);
            same = got.id(r) == all.id(r) && got.year(r) == all.year(r) &&
                   std::vector<techconv::label_id>(x.begin(), x.end()) == std::vector<techconv::label_id>(y.begin(), y.end());
        }
    } else {
        same = got.size() == 0;
    }
    verdict("gather_actor_records (synthetic subclasses, " + std::to_string(n) + " records)", same);
}

void check_cooccurrence(idx n) {
    techconv::testing::synthetic_options o;
    o.records = n;
    const techconv::testing::synthetic_corpus c(o);
    const auto all = subclass_incidence(c, 0, n);
    const auto [b, e] = share(n);
    const auto local = subclass_incidence(c, b, e);
    namespace cg = techconv::cograph;
    for (const auto method : {techconv::records::counting::full, techconv::records::counting::link_fractional})
        for (const idx blocks : {idx{1}, idx{5}}) {
            cg::cooccurrence_options co;
            co.method = method;
            tmpi::cooccurrence_options mo;
            mo.blocks_per_rank = blocks;
            const auto got = tmpi::cooccurrence(local, MPI_COMM_WORLD, co, mo);
            const auto ref = cg::cooccurrence(all, co);
            verdict(std::string("co-occurrence (") + techconv::records::to_string(method) +
                        ", synthetic subclasses, " + std::to_string(n) + " records, " + std::to_string(blocks) +
                        " blocks per rank)",
                    got.labels == all.labels && got.counts.nonZeros() == ref.nonZeros() &&
                        matrix(got.counts) == matrix(ref));
        }
}

// mpi::merge_families of this rank's share [b, e) of `all` as a table (titles kept): the ranks'
// merged rows in rank order must be the records of io::merge_families over all records
// (every field), and the serial records::merge_families of the whole table the same;
// with `need_merges`, some records must have been merged (else the check proves little).
bool same_family_merge(const std::vector<techconv::io::patent_record>& all, idx b, idx e, bool need_merges) {
    namespace rec = techconv::records;
    const rec::patent_table_options titles{true};
    const auto got = tmpi::merge_families(
        rec::patent_table::from_records(
            std::vector<techconv::io::patent_record>(all.begin() + b, all.begin() + e), titles),
        MPI_COMM_WORLD);
    const auto ref = techconv::io::merge_families(all);
    const auto serial = rec::merge_families(rec::patent_table::from_records(all, titles));
    const tmpi::row_range rr = tmpi::global_rows(static_cast<idx>(got.table.size()), MPI_COMM_WORLD);
    bool same = rr.total == static_cast<idx>(ref.records.size()) && got.merged == ref.merged &&
                got.input_records == ref.input_records && got.without_key == ref.without_key &&
                serial.table.size() == ref.records.size() && serial.merged == ref.merged;
    for (std::size_t k = 0; same && k < got.table.size(); ++k) {
        const auto g = static_cast<std::size_t>(rr.begin) + k;
        const auto mine = got.table.to_record(k);
        same = techconv_test::same_record(mine, ref.records[g]) &&
               techconv_test::same_record(mine, serial.table.to_record(g));
    }
    return same && (ref.merged > 0 || !need_merges);
}

// Family merging with the members of a family scattered over the ranks:
// record at position i is synthetic record (i * 7919) mod n.
void check_families(idx n) {
    techconv::testing::synthetic_options o;
    o.records = n;
    const techconv::testing::synthetic_corpus c(o);
    std::vector<techconv::io::patent_record> all;
    for (idx i = 0; i < n; ++i) all.push_back(techconv_test::synthetic_patent(c, (i * 7919) % n));
    const auto [b, e] = share(n);
    verdict("family merging of tables, members scattered over the ranks (" + std::to_string(n) + " records)",
            same_family_merge(all, b, e, true));
}

// mpi::drop_duplicate_ids with repeated ids scattered over the ranks: the record at position i is
// synthetic record (i * 7919) mod m, m < n, so every position from m on repeats an earlier id.
// Reference (independent of the library's exchange): keep a record iff no earlier position had
// its id (a std::unordered_set in position order); the notes are `in.csv:LINE: ID` of the dropped
// ones in position order, the first 100 listed and all counted.
void check_duplicates(idx n, idx m) {
    namespace rec = techconv::records;
    techconv::testing::synthetic_options o;
    o.records = m;
    const techconv::testing::synthetic_corpus c(o);
    std::vector<techconv::io::patent_record> all;
    for (idx i = 0; i < n; ++i) {
        all.push_back(techconv_test::synthetic_patent(c, (i * 7919) % m));
        all.back().source_line = static_cast<std::size_t>(i) + 2;  // as below a header line
    }
    std::unordered_set<std::string> seen;
    std::vector<techconv::io::patent_record> kept;
    std::vector<std::string> notes;
    std::size_t dropped = 0;
    for (const auto& r : all) {
        if (seen.insert(r.id).second) {
            kept.push_back(r);
        } else {
            ++dropped;
            if (notes.size() < 100) notes.push_back("in.csv:" + std::to_string(r.source_line) + ": " + r.id);
        }
    }
    const auto [b, e] = share(n);
    techconv::io::patent_input_report report;
    const rec::patent_table got = tmpi::drop_duplicate_ids(
        rec::patent_table::from_records(std::vector<techconv::io::patent_record>(all.begin() + b, all.begin() + e),
                                        rec::patent_table_options{true}),
        MPI_COMM_WORLD, "in.csv", report);
    const tmpi::row_range rr = tmpi::global_rows(static_cast<idx>(got.size()), MPI_COMM_WORLD);
    bool same = rr.total == static_cast<idx>(kept.size()) && report.duplicates == dropped &&
                report.duplicate_examples == notes && dropped == static_cast<std::size_t>(n - m);
    for (std::size_t k = 0; same && k < got.size(); ++k)
        same = techconv_test::same_record(got.to_record(k), kept[static_cast<std::size_t>(rr.begin) + k]);
    verdict("repeated ids dropped across the ranks (" + std::to_string(n) + " records, " + std::to_string(n - m) +
                " repeats)",
            same);
}

// mpi::agree_on_error: nothing thrown anywhere returns on every rank; otherwise every rank throws
// the error of the lowest failing rank (here rank 1 of several, rank 0 alone), its record number
// plus that rank's offset; an invalid_argument keeps its message.
void check_agreed_errors() {
    namespace te = techconv;
    const int r = tmpi::rank(MPI_COMM_WORLD), p = tmpi::size(MPI_COMM_WORLD);
    bool ok = true;
    try {
        tmpi::agree_on_error(nullptr, MPI_COMM_WORLD, 5);
    } catch (...) {
        ok = false;
    }
    const int first = p == 1 ? 0 : 1;  // ranks first, first + 2, ... fail
    std::exception_ptr mine;
    if (r >= first && (r - first) % 2 == 0)
        mine = std::make_exception_ptr(te::parse_error(te::error_code::limit_exceeded,
                                                       te::source_location{"in.csv", 10u * static_cast<std::size_t>(r + 1), 7,
                                                                           static_cast<std::size_t>(r + 1), "ipc"},
                                                       "too many"));
    try {
        tmpi::agree_on_error(mine, MPI_COMM_WORLD, 100u * static_cast<std::size_t>(r));
        ok = false;
    } catch (const te::parse_error& ex) {
        const auto want = static_cast<std::size_t>(first + 1);
        ok = ok && ex.code() == te::error_code::limit_exceeded && ex.source() == "in.csv" &&
             ex.line() == 10 * want && ex.column() == 7 && ex.record() == want + 100 * static_cast<std::size_t>(first) &&
             ex.field() == "ipc" && ex.message() == "too many";
    }
    try {
        tmpi::agree_on_error(r == p - 1 ? std::make_exception_ptr(te::invalid_argument("bad option")) : nullptr,
                             MPI_COMM_WORLD);
        ok = false;
    } catch (const te::invalid_argument& ex) {
        ok = ok && std::string(ex.what()) == "techconv: bad option";
    }
    verdict("an error of some ranks raised on every rank, the first rank's", ok);
}

// mpi::read_patent_tables_split: four canonical CSV files of one synthetic corpus (records
// [0, 900), [900, 1500), [1500, 3000), and [2950, 3250), whose first 50 repeat ids of the
// third file), split by whole files with the weights 1,3 (2 ranks) and 5,0,2 (3 ranks: rank 1
// gets no file). Each rank's table, before any gather (families not merged), must hold rows of
// ITS files only (those mpi::file_owners gives it, read here one process each) and every
// non-repeated row of them: a reading by rank 0 alone fails this. Then, families merged, the
// rows gathered on rank 0 and the report must equal io::read_patent_table of the four files as
// one process (the reference): every record, the notes (per file, in input order, and the 50
// duplicates named `file:line: id`), read, merged, duplicates. A missing second file fails on
// every rank with the message one process gives.
void check_split_files() {
    namespace rec = techconv::records;
    namespace tio = techconv::io;
    const int me = tmpi::rank(MPI_COMM_WORLD), p = tmpi::size(MPI_COMM_WORLD);
    techconv::testing::synthetic_options o;
    o.records = 3250;
    const techconv::testing::synthetic_corpus c(o);
    const std::string dir = tmpi::broadcast_string(
        (std::filesystem::temp_directory_path() / ("techconv-mpi-check-" + std::to_string(::getpid()))).string(), 0,
        MPI_COMM_WORLD);
    const idx ranges[4][2] = {{0, 900}, {900, 1500}, {1500, 3000}, {2950, 3250}};
    std::vector<std::string> paths;
    for (int k = 0; k < 4; ++k) paths.push_back(dir + "/part-" + std::to_string(k + 1) + ".csv");
    if (me == 0) {
        std::filesystem::create_directories(dir);
        for (int k = 0; k < 4; ++k) {
            std::ofstream f(paths[static_cast<std::size_t>(k)], std::ios::binary);
            c.write_csv(f, ranges[k][0], ranges[k][1]);
        }
    }
    MPI_Barrier(MPI_COMM_WORLD);
    const std::vector<double> weights = p == 1 ? std::vector<double>{1.0}
                                        : p == 2 ? std::vector<double>{1.0, 3.0}
                                                 : std::vector<double>{5.0, 0.0, 2.0};
    std::vector<double> w = weights;
    w.resize(static_cast<std::size_t>(p), 1.0);
    tio::read_patents_options ro;
    ro.format = tio::input_format::automatic;
    bool ok = true;
    {  // this rank's share: rows of its files only, and every row of them not seen in an earlier file
        ro.merge_families = false;
        std::vector<std::int64_t> sizes;
        for (const auto& path : paths) sizes.push_back(static_cast<std::int64_t>(std::filesystem::file_size(path)));
        const auto owner = tmpi::file_owners(sizes, w);
        std::unordered_set<std::string> earlier, own;
        std::size_t want = 0, files = 0;
        for (std::size_t k = 0; k < paths.size(); ++k) {
            const auto one = tio::read_patent_table(std::vector<std::string>{paths[k]}, ro);
            for (std::size_t i = 0; i < one.table.size(); ++i) {
                const std::string id(one.table.locate(i).first->id(one.table.locate(i).second));
                if (owner[k] == me) {
                    own.insert(id);
                    want += earlier.count(id) ? 0 : 1;
                }
                earlier.insert(id);
            }
            files += owner[k] == me ? 1 : 0;
        }
        if (p == 3) ok = ok && (me == 1 ? files == 0 : files > 0);
        if (p == 2) ok = ok && files > 0;
        const auto got = tmpi::read_patent_tables_split(paths, ro, w, MPI_COMM_WORLD);
        ok = ok && got.table.size() == want && got.files.size() == paths.size();
        for (std::size_t i = 0; ok && i < got.table.size(); ++i)
            ok = own.count(std::string(got.table.locate(i).first->id(got.table.locate(i).second))) == 1;
    }
    verdict("several files split by whole files: each rank holds the rows of its files only", ok);
    ok = true;
    {
        ro.merge_families = true;
        const auto want = tio::read_patent_table(paths, ro, rec::patent_table_options{true});
        auto got = tmpi::read_patent_tables_split(paths, ro, w, MPI_COMM_WORLD, rec::patent_table_options{true});
        ok = got.notes() == want.notes() && got.read == want.read && got.merged == want.merged &&
             got.duplicates == want.duplicates && got.duplicate_examples == want.duplicate_examples &&
             got.rejected_codes == want.rejected_codes && want.duplicates == 50 && want.merged > 0;
        const rec::patent_table all = tmpi::gather_rows(std::move(got.table), 0, MPI_COMM_WORLD);
        if (me == 0) {
            ok = ok && all.size() == want.table.size();
            for (std::size_t i = 0; ok && i < all.size(); ++i)
                ok = techconv_test::same_record(all.to_record(i), want.table.to_record(i));
        }
    }
    verdict("several files split by whole files: table and report of one process (3250 records, 50 repeats)", ok);
    ok = false;
    {
        std::vector<std::string> missing = paths;
        missing[1] = dir + "/no-such-file.csv";
        std::string want;
        try {
            tio::read_patent_table(missing, ro);
        } catch (const std::exception& e) {
            want = e.what();
        }
        try {
            tmpi::read_patent_tables_split(missing, ro, w, MPI_COMM_WORLD);
        } catch (const std::exception& e) {
            ok = !want.empty() && want == e.what();
        }
    }
    verdict("several files split by whole files: a missing second file fails as one process", ok);
    MPI_Barrier(MPI_COMM_WORLD);
    if (me == 0) std::filesystem::remove_all(dir);
}

// mpi::read_patent_table_split of one file whose records start on lines with a prefix: USPTO
// grant XML (documents concatenated, each on a line `<?xml`), Derwent (records from a line
// `PT `), Lens patent JSON Lines (a record per line, `{`); weights 1 / 1,3 / 5,0,2. Reference
// computed here from the bytes: rank r's records are those whose first line starts at or after
// the first such line at or after share_cuts(size)[r] and before the first at or after
// cut[r + 1], i.e. the lines [first, last) of the file; the rows one io::read_patent_table of
// the whole file gives with a source line in that range are rank r's, in order (families not
// merged: each rank's table before any gather). Then, families merged and rows gathered, table
// and notes must be those of one process (the line numbers in the notes included).
void check_split_lines(const std::string& path, techconv::io::input_format format, const std::string& prefix,
                       std::size_t min_records, const std::string& what) {
    namespace rec = techconv::records;
    namespace tio = techconv::io;
    const int me = tmpi::rank(MPI_COMM_WORLD), p = tmpi::size(MPI_COMM_WORLD);
    std::vector<double> w = p == 1 ? std::vector<double>{1.0}
                            : p == 2 ? std::vector<double>{1.0, 3.0}
                                     : std::vector<double>{5.0, 0.0, 2.0};
    w.resize(static_cast<std::size_t>(p), 1.0);
    std::string bytes;
    {
        std::ifstream f(path, std::ios::binary | std::ios::ate);
        bytes.resize(static_cast<std::size_t>(f.tellg()));
        f.seekg(0);
        f.read(&bytes[0], static_cast<std::streamsize>(bytes.size()));
    }
    std::vector<std::pair<std::int64_t, std::size_t>> starts;  // (offset, line) of every record's first line
    std::size_t line = 1;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if ((i == 0 || bytes[i - 1] == '\n') && bytes.compare(i, prefix.size(), prefix) == 0)
            starts.emplace_back(static_cast<std::int64_t>(i), line);
        if (bytes[i] == '\n') ++line;
    }
    const auto cut = tmpi::share_cuts(static_cast<std::int64_t>(bytes.size()), w);
    auto line_at = [&](std::int64_t pos) {  // line of the first record starting at or after pos
        if (pos <= 0) return std::size_t{1};
        for (const auto& s : starts)
            if (s.first >= pos) return s.second;
        return line + 1;
    };
    const std::size_t first = line_at(cut[static_cast<std::size_t>(me)]),
                      last = line_at(cut[static_cast<std::size_t>(me) + 1]);
    tio::read_patents_options ro;
    ro.format = format;
    ro.merge_families = false;
    const auto whole = tio::read_patent_table(std::vector<std::string>{path}, ro);
    std::vector<std::size_t> mine;  // rows of the whole file from this rank's documents
    for (std::size_t i = 0; i < whole.table.size(); ++i) {
        const auto [c, k] = whole.table.locate(i);
        if (c->source_line(k) >= first && c->source_line(k) < last) mine.push_back(i);
    }
    const bool empty_share = p == 3 && me == 1;  // weight 0
    bool ok = starts.size() >= min_records && mine.empty() == empty_share;
    {
        const auto got = tmpi::read_patent_table_split(path, ro, false, w, MPI_COMM_WORLD);
        ok = ok && got.table.size() == mine.size();
        for (std::size_t j = 0; ok && j < mine.size(); ++j)
            ok = techconv_test::same_record(got.table.to_record(j), whole.table.to_record(mine[j]));
    }
    verdict("one " + what + " file by byte ranges at record starts: each rank holds its records only", ok);
    ro.merge_families = true;
    const auto want = tio::read_patent_table(std::vector<std::string>{path}, ro);
    auto got = tmpi::read_patent_table_split(path, ro, false, w, MPI_COMM_WORLD);
    ok = got.notes() == want.notes() && got.read == want.read && got.merged == want.merged &&
         got.duplicates == want.duplicates && got.files.front().stats.documents == want.files.front().stats.documents;
    const rec::patent_table all = tmpi::gather_rows(std::move(got.table), 0, MPI_COMM_WORLD);
    if (me == 0) {
        ok = ok && all.size() == want.table.size();
        for (std::size_t i = 0; ok && i < all.size(); ++i)
            ok = techconv_test::same_record(all.to_record(i), want.table.to_record(i));
    }
    verdict("one " + what + " file by byte ranges: table and report of one process", ok);
}

// One Lens patent JSON Lines file written here (60 records, a blank line among them, each
// record on its line), split as above at the lines starting `{`.
void check_split_json_lines() {
    const std::string path = "mpi_check_split.jsonl";
    if (tmpi::rank(MPI_COMM_WORLD) == 0) {
        std::ofstream f(path, std::ios::binary);
        for (int i = 0; i < 60; ++i) {
            f << "{\"lens_id\":\"000-000-000-000-" << 100 + i << "\",\"jurisdiction\":\"US\",\"doc_number\":\""
              << 7000000 + i << "\",\"kind\":\"B2\",\"date_published\":\"201" << i % 10
              << "-01-02\",\"biblio\":{\"classifications_ipcr\":{\"classifications\":[{\"symbol\":\"G06F"
              << 1 + i % 7 << "/00\"}]}}}\n";
            if (i == 30) f << "\n";
        }
    }
    MPI_Barrier(MPI_COMM_WORLD);
    check_split_lines(path, techconv::io::input_format::lens_json, "{", 60, "Lens patent JSON Lines");
    MPI_Barrier(MPI_COMM_WORLD);
    if (tmpi::rank(MPI_COMM_WORLD) == 0) std::remove(path.c_str());
}

void check_profiles(idx n) {
    techconv::testing::synthetic_options o;
    o.records = n;
    const techconv::testing::synthetic_corpus c(o);
    const auto [b, e] = share(n);
    namespace cv = techconv::convergence;
    for (const auto scope : {cv::profile_scope::key_core, cv::profile_scope::all}) {
        cv::profile_table t;
        for (idx i = 0; i < n; ++i) techconv_test::add_synthetic_profile(t, c, i);
        techconv::parallel::profile_partial part(scope);
        for (idx i = b; i < e; ++i) techconv_test::add_synthetic_profile(part, c, i);
        cv::profile_options po;
        po.scope = scope;
        po.top = 7;
        verdict(std::string("group profiles (") + (scope == cv::profile_scope::all ? "all records" : "key core") +
                    ", synthetic, " + std::to_string(n) + " records)",
                techconv_test::same_profiles(tmpi::group_profiles(part, MPI_COMM_WORLD, po), cv::group_profiles(t, po)));
    }
}

bool exists(const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0;
}

}  // namespace

// mpi::read_patent_table_split of a Lens export touched by a spreadsheet: bytes that are not
// UTF-8 (0x92, CP1252's apostrophe) added to the header line (which every rank reads) and to 14
// data lines spread over the file, so over every rank's share at 1, 2 and 3 ranks (weights 1 /
// 1,3 / 5,0,2). The report must be one process's (io::read_patent_table of the same file): the
// count of such bytes and the first 10 of their lines in file order, the header's once.
void check_split_strays(const std::string& lens) {
    namespace tio = techconv::io;
    const int me = tmpi::rank(MPI_COMM_WORLD), p = tmpi::size(MPI_COMM_WORLD);
    const std::string path = tmpi::broadcast_string(
        (std::filesystem::temp_directory_path() / ("techconv-mpi-strays-" + std::to_string(::getpid()) + ".csv"))
            .string(),
        0, MPI_COMM_WORLD);
    if (me == 0) {
        std::ifstream in(lens, std::ios::binary);
        std::vector<std::string> lines;
        for (std::string l; std::getline(in, l);) lines.push_back(l);
        std::ofstream out(path, std::ios::binary);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            std::string l = lines[i];
            const bool cr = !l.empty() && l.back() == '\r';
            if (cr) l.pop_back();
            // in the last field (NPL Citations), inside its quotes when it has them; on the
            // header line the last column's name
            if (i == 0 || i % (lines.size() / 14) == 7) l.insert(!l.empty() && l.back() == '"' ? l.size() - 1 : l.size(), "\x92");
            out << l << (cr ? "\r\n" : "\n");
        }
    }
    MPI_Barrier(MPI_COMM_WORLD);
    std::vector<double> w = p == 1 ? std::vector<double>{1.0}
                            : p == 2 ? std::vector<double>{1.0, 3.0}
                                     : std::vector<double>{5.0, 0.0, 2.0};
    tio::read_patents_options ro;
    ro.format = tio::input_format::lens;
    const auto want = tio::read_patent_table(std::vector<std::string>{path}, ro);
    const auto got = tmpi::read_patent_table_split(path, ro, false, w, MPI_COMM_WORLD);
    const auto& ev = want.files.front().stats.text;
    bool ok = ev.stray_bytes >= 14 && ev.stray_lines.size() == tio::encoding_evidence::max_listed &&
              ev.stray_lines.front() == 1;  // the input is what this check needs
    ok = ok && got.notes() == want.notes() && got.files.front().stats.text.stray_lines == ev.stray_lines &&
         got.files.front().stats.text.stray_bytes == ev.stray_bytes;
    if (!ok && me == 0)
        for (const auto& n : got.notes()) std::printf("  got note: %s\n", n.c_str());
    verdict("a Lens export with bytes that are not UTF-8 on every share: one process's notes", ok);
    MPI_Barrier(MPI_COMM_WORLD);
    if (me == 0) std::filesystem::remove(path);
}

// mpi::read_patentsview_bulk_split: a PatentsView bulk table set written here (2,400 patents in
// g_patent, every 7th title holding a line break inside its quotes and every 11th a doubled
// quote, an empty line every 400 rows; g_cpc_current with rows of patents outside g_patent
// between them; g_us_patent_citation with citations of and by patents outside g_patent and
// repeated pairs; g_inventor_disambiguated and g_location_disambiguated), weights 1 / 1,3 /
// 5,0,2. Rank r must hold exactly the patents whose g_patent record starts in its byte share
// [cut[r], cut[r + 1]) (share_cuts of the file's size; the record offsets are known from the
// writing, independently of the library), equal to those rows of one io::read_patent_table of
// the set (families not merged): a reading by rank 0 alone fails this. Then, families merged,
// the gathered table, the report (notes, read, merged, duplicates) and the table reports
// (rows, rows outside, the first outside) must be one reader's; a bad cpc_sequence at 90% of
// the patents (a later rank's share) fails on every rank with one process's message.
void check_split_bulk() {
    namespace rec = techconv::records;
    namespace tio = techconv::io;
    const int me = tmpi::rank(MPI_COMM_WORLD), p = tmpi::size(MPI_COMM_WORLD);
    std::vector<double> w = p == 1 ? std::vector<double>{1.0}
                            : p == 2 ? std::vector<double>{1.0, 3.0}
                                     : std::vector<double>{5.0, 0.0, 2.0};
    w.resize(static_cast<std::size_t>(p), 1.0);
    const std::string dir = tmpi::broadcast_string(
        (std::filesystem::temp_directory_path() / ("techconv-mpi-bulk-" + std::to_string(::getpid()))).string(), 0,
        MPI_COMM_WORLD);
    constexpr int n = 2400;
    const auto id = [](int k) { return std::to_string(3000000 + k); };
    std::vector<std::int64_t> starts;  // byte offset of each patent's record in g_patent
    std::int64_t size = 0;
    const auto write_set = [&](bool bad) {
        std::filesystem::create_directories(dir);
        std::ofstream pat(dir + "/g_patent.tsv", std::ios::binary), cpc(dir + "/g_cpc_current.tsv", std::ios::binary),
            cit(dir + "/g_us_patent_citation.tsv", std::ios::binary),
            inv(dir + "/g_inventor_disambiguated.tsv", std::ios::binary),
            loc(dir + "/g_location_disambiguated.tsv", std::ios::binary);
        pat << "patent_id\tpatent_date\tpatent_type\tpatent_title\twipo_kind\tnum_claims\n";
        cpc << "patent_id\tcpc_sequence\tcpc_subclass\tcpc_group\n";
        cit << "patent_id\tcitation_patent_id\n";
        inv << "patent_id\tinventor_sequence\tdisambig_inventor_name_first\tdisambig_inventor_name_last\tlocation_id\n";
        loc << "location_id\tdisambig_country\n";
        const char* countries[] = {"US", "DE", "JP", "FR", "CN"};
        for (int l = 0; l < 5; ++l) loc << "L" << l << "\t" << countries[l] << "\n";
        starts.clear();
        for (int k = 0; k < n; ++k) {
            starts.push_back(static_cast<std::int64_t>(pat.tellp()));
            std::string title = "\"Device " + std::to_string(k);
            if (k % 7 == 3) title += "\nwith a second line";
            if (k % 11 == 5) title += " called \"\"the best\"\"";
            title += "\"";
            pat << id(k) << "\t" << 1990 + k % 30 << "-0" << 1 + k % 9 << "-1" << k % 10 << "\tutility\t" << title
                << "\tB" << 1 + k % 2 << "\t" << k % 20 << "\n";
            if (k % 400 == 399) pat << "\n";
            for (int j = 0; j <= k % 4 && k % 3 != 0; ++j)
                cpc << id(k) << "\t" << (bad && k == n * 9 / 10 + 1 && j == 0 ? std::string("seven") : std::to_string(j))
                    << "\tH04L\tH04L9/" << 10 + (k + j) % 30 << "\n";
            if (k % 50 == 25) cpc << "9" << id(k).substr(1) << "\t0\tG06F\tG06F17/30\n";  // outside g_patent
            if (k >= 1) cit << id(k) << "\t" << id(k - 1) << "\n";
            if (k % 7 == 0 && k >= 1) cit << id(k) << "\t" << id(k - 1) << "\n";  // a repeated pair
            if (k >= 5) cit << id(k) << "\t" << id(k - 5) << "\n";
            if (k % 13 == 0) cit << id(k) << "\t4000000\n";                          // cites outside
            if (k % 17 == 8) cit << "8" << id(k).substr(1) << "\t" << id(k) << "\n";  // cited from outside
            inv << id(k) << "\t0\tAda\tInventor" << k % 37 << "\tL" << k % 5 << "\n";
        }
        size = static_cast<std::int64_t>(pat.tellp());
    };
    const std::vector<std::string> paths = {dir + "/g_us_patent_citation.tsv", dir + "/g_patent.tsv",
                                            dir + "/g_cpc_current.tsv", dir + "/g_inventor_disambiguated.tsv",
                                            dir + "/g_location_disambiguated.tsv"};
    if (me == 0) write_set(false);
    else {
        starts.clear();  // (the offsets: rank 0 wrote them)
    }
    std::vector<std::int64_t> offs(static_cast<std::size_t>(n) + 1);
    if (me == 0) {
        std::copy(starts.begin(), starts.end(), offs.begin());
        offs.back() = size;
    }
    MPI_Bcast(offs.data(), n + 1, MPI_INT64_T, 0, MPI_COMM_WORLD);
    tio::read_patents_options ro;
    ro.format = tio::input_format::patentsview_bulk;
    ro.merge_families = false;
    const auto whole = tio::read_patent_table(paths, ro);
    const auto cut = tmpi::share_cuts(offs.back(), w);
    std::vector<std::size_t> mine;  // rows of the patents whose record starts in this rank's share
    for (int k = 0; k < n; ++k)
        if (offs[static_cast<std::size_t>(k)] >= cut[static_cast<std::size_t>(me)] &&
            offs[static_cast<std::size_t>(k)] < cut[static_cast<std::size_t>(me) + 1])
            mine.push_back(static_cast<std::size_t>(k));
    const bool empty_share = p == 3 && me == 1;
    bool ok = whole.table.size() == static_cast<std::size_t>(n) && mine.empty() == empty_share &&
              (p == 1 || mine.size() < static_cast<std::size_t>(n));
    {
        const auto got = tmpi::read_patentsview_bulk_split(paths, ro, w, MPI_COMM_WORLD);
        ok = ok && got.table.size() == mine.size();
        for (std::size_t j = 0; ok && j < mine.size(); ++j)
            ok = techconv_test::same_record(got.table.to_record(j), whole.table.to_record(mine[j]));
    }
    verdict("a PatentsView bulk set joined by shares of g_patent: each rank holds its patents only", ok);
    ro.merge_families = true;
    const auto want = tio::read_patent_table(paths, ro);
    tio::patentsview_bulk_reader one(paths, tio::detail::patentsview_bulk_options_of(ro));
    one.read_all();
    std::vector<tio::patentsview_bulk_table_report> tables;
    auto got = tmpi::read_patentsview_bulk_split(paths, ro, w, MPI_COMM_WORLD, {}, &tables);
    ok = got.notes() == want.notes() && got.read == want.read && got.merged == want.merged &&
         got.duplicates == want.duplicates && tables.size() == one.tables().size();
    if (me == 0 && !ok)
        for (std::size_t i = 0; i < got.notes().size(); ++i)
            std::printf("  got note: %s\n  want:     %s\n", got.notes()[i].c_str(),
                        i < want.notes().size() ? want.notes()[i].c_str() : "");
    for (std::size_t t = 0; ok && t < tables.size(); ++t)
        ok = tables[t].path == one.tables()[t].path && tables[t].table == one.tables()[t].table &&
             tables[t].rows == one.tables()[t].rows && tables[t].outside == one.tables()[t].outside &&
             tables[t].first_outside == one.tables()[t].first_outside;
    const rec::patent_table all = tmpi::gather_rows(std::move(got.table), 0, MPI_COMM_WORLD);
    if (me == 0) {
        ok = ok && all.size() == want.table.size();
        for (std::size_t i = 0; ok && i < all.size(); ++i)
            ok = techconv_test::same_record(all.to_record(i), want.table.to_record(i));
    }
    verdict("a PatentsView bulk set joined by shares: table, report and table reports of one reader", ok);
    MPI_Barrier(MPI_COMM_WORLD);
    if (me == 0) write_set(true);
    MPI_Barrier(MPI_COMM_WORLD);
    ok = false;
    {
        std::string expect;
        try {
            tio::read_patent_table(paths, ro);
        } catch (const std::exception& e) {
            expect = e.what();
        }
        try {
            tmpi::read_patentsview_bulk_split(paths, ro, w, MPI_COMM_WORLD);
        } catch (const std::exception& e) {
            ok = !expect.empty() && expect == e.what();
            if (!ok && me == 0) std::printf("  got: %s\n  want: %s\n", e.what(), expect.c_str());
        }
    }
    verdict("a PatentsView bulk set joined by shares: a bad row in a later share fails as one process", ok);
    MPI_Barrier(MPI_COMM_WORLD);
    if (me == 0) std::filesystem::remove_all(dir);
}

// mpi::read_patstat_split of a generated PATSTAT extract (tests/io/patstat_extract.py: tls201,
// tls207 and tls212 in two parts each), weights 1 / 1,3 / 5,0,2. (1) Each rank holds exactly the
// applications of its byte share of tls201 (families not merged): the rows one
// io::read_patent_table gives, in tls201 order, whose tls201 line starts (as positions in the
// parts' data bytes taken as one sequence, computed here from the files) fall in
// [cut[r], cut[r + 1]) of share_cuts by the weights; and the shares were read (by_shares), not
// scattered by rank 0. (2) The offsets the child tables are read from: for the first appln_id
// of every rank's share and for ids around them, detail::lower_position in tls209 (one file)
// and tls207 (two parts) gives the line start of the first row with an appln_id at least that
// id, found here by a linear scan of the files. (3) Families merged and rows gathered: the table,
// notes and counts of one process.
void check_split_patstat(const std::string& dir) {
    namespace rec = techconv::records;
    namespace tio = techconv::io;
    const int me = tmpi::rank(MPI_COMM_WORLD), p = tmpi::size(MPI_COMM_WORLD);
    std::vector<std::string> paths;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".csv") paths.push_back(e.path().string());
    std::sort(paths.begin(), paths.end());
    std::vector<double> w = p == 1 ? std::vector<double>{1.0} : p == 2 ? std::vector<double>{1.0, 3.0}
                                                                       : std::vector<double>{5.0, 0.0, 2.0};
    w.resize(static_cast<std::size_t>(p), 1.0);
    // the data rows of the files of a table (name prefix), as one sequence: (global position, first field)
    const auto data_rows = [&](const std::string& prefix, std::size_t column) {
        std::vector<std::pair<std::int64_t, std::int64_t>> out;
        std::int64_t base = 0;
        for (const auto& path : paths) {
            if (std::filesystem::path(path).filename().string().rfind(prefix, 0) != 0) continue;
            std::ifstream f(path, std::ios::binary);
            std::string line;
            std::getline(f, line);
            const auto header = static_cast<std::int64_t>(line.size()) + 1;
            std::int64_t at = header;
            while (std::getline(f, line)) {
                if (!line.empty()) {
                    std::stringstream ss(line);
                    std::string cell;
                    for (std::size_t c = 0; c <= column; ++c) std::getline(ss, cell, ',');
                    out.emplace_back(base + at - header, std::stoll(cell));
                }
                at += static_cast<std::int64_t>(line.size()) + 1;
            }
            base += static_cast<std::int64_t>(std::filesystem::file_size(path)) - header;
        }
        return std::make_pair(out, base);
    };
    tio::read_patents_options ro;
    ro.merge_families = false;
    const auto [appln, total] = data_rows("tls201", 0);
    const auto cut = tmpi::share_cuts(total, w);
    std::size_t first = 0, last = 0;  // this rank's rows of tls201
    for (const auto& r : appln) {
        first += r.first < cut[static_cast<std::size_t>(me)] ? 1 : 0;
        last += r.first < cut[static_cast<std::size_t>(me) + 1] ? 1 : 0;
    }
    bool ok = true;
    {
        const auto want = tio::read_patent_table(paths, ro);
        bool by_shares = false;
        const auto got = tmpi::read_patstat_split(paths, ro, w, MPI_COMM_WORLD, {}, &by_shares);
        ok = by_shares && want.table.size() == appln.size() && got.table.size() == last - first &&
             (p != 3 || me != 1 || got.table.size() == 0);
        for (std::size_t i = 0; ok && i < got.table.size(); ++i)
            ok = got.table.locate(i).first->id(got.table.locate(i).second) ==
                 want.table.locate(first + i).first->id(want.table.locate(first + i).second);
    }
    verdict("a PATSTAT extract by shares: each rank holds the applications of its tls201 share (" +
                std::to_string(appln.size()) + ")",
            ok);
    ok = true;
    {
        std::vector<tmpi::detail::patstat_file> files;
        for (const auto& path : paths) files.push_back(tmpi::detail::patstat_file_of(path));
        tio::csv_options co;
        co.delimiter = tio::auto_delimiter;
        const tmpi::detail::patstat_key_of id = [](std::string_view v) -> std::optional<std::int64_t> {
            return std::stoll(std::string(v));
        };
        std::vector<std::int64_t> keys;
        for (int r = 0; r < p; ++r)
            for (std::size_t i = 0; i < appln.size(); ++i)
                if (appln[i].first >= cut[static_cast<std::size_t>(r)]) {
                    for (const std::int64_t d : {-1, 0, 1}) keys.push_back(appln[i].second + d);
                    break;
                }
        keys.push_back(0);
        keys.push_back(std::numeric_limits<std::int64_t>::max());
        std::size_t probes = 0;
        for (const auto& [prefix, table] : {std::make_pair(std::string("tls209"), tio::patstat_table::appln_ipc),
                                            std::make_pair(std::string("tls207"), tio::patstat_table::pers_appln)}) {
            const auto rows = data_rows(prefix, table == tio::patstat_table::appln_ipc ? 0 : 1);
            const auto seq = tmpi::detail::sequence_of(files, table);
            ok = ok && seq.total == rows.second && seq.parts.size() == (prefix == "tls207" ? 2u : 1u);
            for (const auto k : keys) {
                std::int64_t want = rows.second;
                for (const auto& r : rows.first)
                    if (r.second >= k) {
                        want = r.first;
                        break;
                    }
                // lower_position gives a position after the row before: the next line start is the row's
                const std::int64_t at = tmpi::detail::lower_position(seq, k, "appln_id", id, co);
                std::int64_t got = rows.second;
                for (const auto& r : rows.first)
                    if (r.first >= at) {
                        got = r.first;
                        break;
                    }
                ok = ok && got == want;
                ++probes;
            }
        }
        ok = ok && probes >= 8;
    }
    verdict("a PATSTAT extract by shares: the child tables' offsets (binary search) are those of a linear scan", ok);
    ok = true;
    {
        ro.merge_families = true;
        const auto want = tio::read_patent_table(paths, ro, rec::patent_table_options{true});
        auto got = tmpi::read_patstat_split(paths, ro, w, MPI_COMM_WORLD, rec::patent_table_options{true});
        ok = got.notes() == want.notes() && got.read == want.read && got.merged == want.merged &&
             got.duplicates == want.duplicates && got.duplicate_examples == want.duplicate_examples &&
             got.rejected_codes == want.rejected_codes && want.merged > 0;
        const rec::patent_table all = tmpi::gather_rows(std::move(got.table), 0, MPI_COMM_WORLD);
        if (me == 0) {
            ok = ok && all.size() == want.table.size();
            for (std::size_t i = 0; ok && i < all.size(); ++i)
                ok = techconv_test::same_record(all.to_record(i), want.table.to_record(i));
            if (!ok) {
                for (const auto& n : want.notes()) std::printf("  want note: %s\n", n.c_str());
                for (const auto& n : got.notes()) std::printf("  got note: %s\n", n.c_str());
            }
        }
    }
    verdict("a PATSTAT extract by shares: table and report of one process (families merged)", ok);
}

int main(int argc, char** argv) {
    MPI_Init(&argc, &argv);
    int rc = 0;
    try {
        const matrix s = synthetic(150001);
        check_dataset("synthetic 150001 x 9", s, idx{1} << 16);
        check_dataset("synthetic 150001 x 9", s, 4099);
        check_collaboration(20000);
        check_gather_actor_records(20000);
        check_cooccurrence(20000);
        check_families(30001);
        check_duplicates(6001, 4000);
        check_agreed_errors();
        check_split_files();
        check_split_bulk();
        if (argc > 2 && exists(std::string(argv[2]) + "/tls201_appln_part01.csv"))
            check_split_patstat(argv[2]);
        else if (tmpi::rank(MPI_COMM_WORLD) == 0)
            std::printf("SKIP a PATSTAT extract by shares (no generated extract)\n");
        check_profiles(40000);
        const std::string data = argc > 1 ? argv[1] : "";
        if (const std::string xml = data + "/patents-uspto-grant-xml/ipg120103.small.xml"; !data.empty() && exists(xml))
            check_split_lines(xml, techconv::io::input_format::uspto_xml, "<?xml", 20, "USPTO XML");  // 25 documents
        else if (tmpi::rank(MPI_COMM_WORLD) == 0)
            std::printf("SKIP one USPTO XML file by byte ranges (no datasets)\n");
        if (const std::string dii = data + "/derwent-dii-drones/derwent_drone_drones_1_500.ciw"; !data.empty() && exists(dii))
            check_split_lines(dii, techconv::io::input_format::derwent, "PT ", 500, "Derwent");  // 500 records
        else if (tmpi::rank(MPI_COMM_WORLD) == 0)
            std::printf("SKIP one Derwent file by byte ranges (no datasets)\n");
        check_split_json_lines();
        for (const char* f : {"patents-lens-jet-engines/lens-export.csv", "patents-lens-sangamo/lens-export.csv"}) {
            const std::string path = data + "/" + f;
            if (data.empty() || !exists(path)) {
                if (tmpi::rank(MPI_COMM_WORLD) == 0) std::printf("SKIP %s (no datasets)\n", f);
                continue;
            }
            if (std::strcmp(f, "patents-lens-jet-engines/lens-export.csv") == 0) check_split_strays(path);
            const auto records = techconv::io::read_lens(path);
            {
                const auto [b, e] = share(static_cast<idx>(records.size()));
                verdict(std::string("family merging of tables ") + f, same_family_merge(records, b, e, false));
            }
            const auto table = techconv::io::indicator_matrix(records);
            check_dataset(std::string(f) + " " + std::to_string(table.values.rows()) + " x " +
                              std::to_string(table.values.cols()),
                          table.values, 256);
            check_dataset(std::string(f), table.values, idx{1} << 16);
        }
    } catch (const std::exception& ex) {
        std::printf("FAIL exception on rank %d: %s\n", tmpi::rank(MPI_COMM_WORLD), ex.what());
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    if (tmpi::rank(MPI_COMM_WORLD) == 0) {
        if (g_failures == 0) std::printf("ALL PASS (%d ranks)\n", tmpi::size(MPI_COMM_WORLD));
        else std::printf("%d checks failed\n", g_failures);
    }
    rc = g_failures == 0 ? 0 : 1;
    MPI_Finalize();
    return rc;
}
