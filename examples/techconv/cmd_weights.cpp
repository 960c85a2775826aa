// SPDX-License-Identifier: BSL-1.0
// techconv weights: objective weights and scores for any numeric CSV table
// (entropy by default, as `keycore`; CRITIC, standard deviation, CV, MEREC):
// io::read_numeric_table, analysis::weigh_table, then weights.csv and scores.csv.
#include "cli.hpp"

#include <algorithm>  // std::find

#include <techconv/analysis/table_weights.hpp>
#include <techconv/io/numeric_table.hpp>
#include <techconv/format/parse.hpp>
#include <techconv/report/markdown.hpp>

#ifdef TECHCONV_CLI_MPI
#include <sstream>  // std::ostringstream
#include <sys/stat.h>  // stat, S_ISREG

#include <techconv/parallel/mpi/numeric_table.hpp>
#include <techconv/parallel/mpi/table_weights.hpp>

#include "mpi_command.hpp"
#endif

namespace tcli {

namespace tw = techconv::weighting;
using techconv::index;

const command_spec& weights_spec() {
    static const command_spec spec{
        "weights",
        "TABLE.csv --out DIR [--cost COLS] [--method entropy|critic|std|cv|merec] [--top 0.05]",
        "objective indicator weights and scores for any numeric CSV table",
        "Reads a CSV table with a header row: every column numeric, except an optional first\n"
        "column of identifiers (used when any of its cells is not a number). Weights the\n"
        "columns, scores every row s_i = sum_j w_j x'_ij with min-max normalised x' (cost\n"
        "columns reflected: (max - x)/(max - min)) and marks the top ceil(q n) rows (ties: score\n"
        "descending, then row order). The default method is [KCT]'s: min-max, then entropy with\n"
        "0 ln 0 = 0, the same as `techconv keycore`. An empty or non-numeric cell in a numeric\n"
        "column is an error naming the file, line and column.",
        {
            {"out", "DIR", "output folder (created)"},
            {"method", "M", "entropy (default), critic, std, cv or merec"},
            {"cost", "COLS", "comma-separated names of cost columns (smaller is better)"},
            {"top", "Q", "key-core fraction q (default 0.05)"},
            {"threads", "N", "worker threads (default 1; same result for any N)"},
        },
        "  weights.csv  indicator, weight, entropy   (entropy empty for methods without one)\n"
        "  scores.csv   id, score, rank, key_core    (id = the id column, else the 1-based row number)\n"
        "  report.md    how the table was read, the method, the status, columns without information"};
    return spec;
}

namespace {

// The options of a run (usage errors), the directions set once the columns are known.
ta::table_weight_options weights_options(const arguments& a) {
    if (a.inputs.size() != 1) throw usage_error("expected exactly one TABLE.csv");
    ta::table_weight_options o;
    o.method = a.choice("method", "entropy", ta::weight_method_from_string);
    o.fraction = a.fraction();
    o.threads = a.threads();
    return o;
}

// --cost: the directions of the columns `columns`.
std::vector<tw::direction> weights_directions(const arguments& a, const std::vector<std::string>& columns) {
    std::vector<tw::direction> d(columns.size(), tw::direction::benefit);
    if (a.has("cost")) {
        const std::string cost = a.get("cost");  // split_list returns views into it
        for (const auto name : tio::split_list(cost, ",")) {
            const auto it = std::find(columns.begin(), columns.end(), name);
            if (it == columns.end()) throw usage_error("--cost: no numeric column named '" + std::string(name) + "'");
            d[static_cast<std::size_t>(it - columns.begin())] = tw::direction::cost;
        }
    }
    return d;
}

// weights.csv and report.md of a weighting (`rows`: the table's), the counts and the summary.
void write_weights_report(const arguments& a, const tio::numeric_table& table, std::size_t rows,
                          const ta::table_weight_result& res, const ta::table_weight_options& o, const std::string& note) {
    write_file(a.get("out"), "weights.csv", [&](std::ostream& f) { rp::write_table_weights_csv(f, table.columns, res); });
    write_file(a.get("out"), "report.md", [&](std::ostream& f) {
        rp::write_table_weights_markdown(f, table.columns, rows, res, o.method, o.fraction, {note}, weights_spec().outputs);
    });
    report_count("rows", static_cast<long long>(rows));
    report_count("degenerate_columns", static_cast<long long>(res.degenerate_columns.size()));
    report_count("key_core", static_cast<long long>(res.k));
    std::printf("rows: %lld\ncolumns: %lld\nmethod: %s\nstatus: %s\nkey_core: %lld\nout: %s\n",
                static_cast<long long>(rows), static_cast<long long>(table.columns.size()),
                a.get("method", "entropy").c_str(), std::string(techconv::to_string(res.info)).c_str(),
                static_cast<long long>(res.k), a.final_out.c_str());
}

#ifdef TECHCONV_CLI_MPI
namespace tmpi = techconv::parallel::mpi;

// weights on every rank of `comm` (run_distributed_command): each rank reads the rows of its
// byte range of the table (parallel::mpi::read_numeric_table_split), the weights come from the
// ranks' merged column statistics and partial states (parallel::mpi::weigh_table), every rank
// writes its rows of scores.csv (MPI-IO) and rank 0 weights.csv and report.md: the files of
// one process. See docs/cli.md.
int weights_ranks(const arguments& a, MPI_Comm comm) {
    const int me = tmpi::rank(comm);
    ta::table_weight_options o = weights_options(a);
    const std::string path = a.inputs.front();
    struct stat st {};
    if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        throw usage_error(path + ": under mpirun the table must be a regular file (its byte ranges are read by the ranks)");
    const std::vector<double> shares = mpi_shares(comm);  // TECHCONV_MPI_SHARES (default equal)
    progress prog(a.quiet || me != 0);
    prog.start(path);
    tio::numeric_table_options to;
    to.encoding = a.encoding;
    to.max_columns = a.limits.max_columns;
    to.max_memory_bytes = a.limits.max_memory_bytes;  // each rank's share
    auto share = every_rank([&] { return tmpi::read_numeric_table_split(path, to, shares, comm); });
    const auto& table = share.table;
    const auto rows = static_cast<std::size_t>(share.rows);
    prog.finish(rows);
    const std::string note = tio::table_note(path, table, rows);
    if (me == 0) {
        if (!tio::plain_utf8(table.text) || table.delimiter != ',' || table.blank_rows > 0) prog.note(note);
        report_count("bytes_not_utf8", static_cast<long long>(table.text.stray_bytes));
    }
    o.directions = weights_directions(a, table.columns);  // the same columns on every rank
    const auto res = every_rank([&] { return tmpi::weigh_table(table.values, comm, o); });
    {
        std::ostringstream body;
        rp::write_scores_csv(body, table.ids, res.scores, res.ranks, res.k, me == 0);
        tmpi::write_ordered(a.get("out") + "/scores.csv", body.str(), comm);
    }
    return on_rank0([&] {
        write_weights_report(a, table, rows, res, o, note);
        return 0;
    }, comm);
}
#endif

}  // namespace

int cmd_weights(int argc, char** argv) {
    const auto& spec = weights_spec();
#ifdef TECHCONV_CLI_MPI
    if (mpi_active()) return run_distributed_command(spec, argc, argv, MPI_COMM_WORLD, weights_ranks);
#endif
    return rp::run_command(spec, argc, argv, [&](const arguments& a) -> int {
        ta::table_weight_options o = weights_options(a);
        const std::string path = a.inputs.front();

        progress prog(a.quiet);
        prog.start(path);
        auto in = std::move(open_inputs(a.inputs).front());  // a FIFO or `-` (standard input) too
        tio::numeric_table_options to;
        to.encoding = a.encoding;
        to.max_columns = a.limits.max_columns;
        to.max_memory_bytes = a.limits.max_memory_bytes;
        to.progress = [&](std::uint64_t bytes, std::size_t rows) { prog.update(bytes, rows); };
        const auto table = tio::read_numeric_table(in.stream(), path, to);
        in.finish();
        prog.finish(table.ids.size());
        const std::string note = tio::table_note(path, table);
        if (!tio::plain_utf8(table.text) || table.delimiter != ',' || table.blank_rows > 0) prog.note(note);
        report_count("bytes_not_utf8", static_cast<long long>(table.text.stray_bytes));
        o.directions = weights_directions(a, table.columns);
        const auto res = ta::weigh_table(table.values, o);
        write_file(a.get("out"), "scores.csv",
                   [&](std::ostream& f) { rp::write_scores_csv(f, table.ids, res.scores, res.ranks, res.k); });
        write_weights_report(a, table, table.ids.size(), res, o, note);
        return 0;
    });
}

}  // namespace tcli
