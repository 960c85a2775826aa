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

int cmd_weights(int argc, char** argv) {
    const auto& spec = weights_spec();
    return rp::run_command(spec, argc, argv, [&](const arguments& a) -> int {
        if (a.inputs.size() != 1) throw usage_error("expected exactly one TABLE.csv");
        const std::string method = a.get("method", "entropy");
        ta::table_weight_options o;
        o.method = a.choice("method", "entropy", ta::weight_method_from_string);
        o.fraction = a.fraction();
        o.threads = a.threads();
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
        const auto m = static_cast<index>(table.columns.size());
        o.directions.assign(static_cast<std::size_t>(m), tw::direction::benefit);
        if (a.has("cost")) {
            const std::string cost = a.get("cost");  // split_list returns views into it
            for (const auto name : tio::split_list(cost, ",")) {
                const auto it = std::find(table.columns.begin(), table.columns.end(), name);
                if (it == table.columns.end())
                    throw usage_error("--cost: no numeric column named '" + std::string(name) + "'");
                o.directions[static_cast<std::size_t>(it - table.columns.begin())] = tw::direction::cost;
            }
        }
        const auto res = ta::weigh_table(table.values, o);

        write_file(a.get("out"), "weights.csv", [&](std::ostream& f) { rp::write_table_weights_csv(f, table.columns, res); });
        write_file(a.get("out"), "scores.csv",
                   [&](std::ostream& f) { rp::write_scores_csv(f, table.ids, res.scores, res.ranks, res.k); });
        write_file(a.get("out"), "report.md", [&](std::ostream& f) {
            rp::write_table_weights_markdown(f, table.columns, table.ids.size(), res, o.method, o.fraction, {note},
                                             weights_spec().outputs);
        });
        report_count("rows", static_cast<long long>(table.values.rows()));
        report_count("degenerate_columns", static_cast<long long>(res.degenerate_columns.size()));
        report_count("key_core", static_cast<long long>(res.k));
        std::printf("rows: %lld\ncolumns: %lld\nmethod: %s\nstatus: %s\nkey_core: %lld\nout: %s\n",
                    static_cast<long long>(table.values.rows()), static_cast<long long>(m), method.c_str(),
                    std::string(techconv::to_string(res.info)).c_str(), static_cast<long long>(res.k),
                    a.final_out.c_str());
        return 0;
    });
}

}  // namespace tcli
