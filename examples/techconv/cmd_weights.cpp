// SPDX-License-Identifier: BSL-1.0
// techconv weights: objective weights and scores for any numeric CSV table
// (entropy by default, as `keycore`; CRITIC, standard deviation, CV, MEREC).
#include "cli.hpp"

#include <algorithm>  // std::find

#include <techconv/format/csv.hpp>
#include <techconv/format/parse.hpp>
#include <techconv/weighting.hpp>

namespace tcli {

namespace tio = techconv::io;
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
        "  scores.csv   id, score, rank, key_core    (id = the id column, else the 1-based row number)"};
    return spec;
}

int cmd_weights(int argc, char** argv) {
    const auto& spec = weights_spec();
    return guarded(spec, argc, argv, [&](const arguments& a) -> int {
        if (a.inputs.size() != 1) throw usage_error("expected exactly one TABLE.csv");
        const std::string method = a.get("method", "entropy");
        if (method != "entropy" && method != "critic" && method != "std" && method != "cv" && method != "merec")
            throw usage_error("--method expects entropy, critic, std, cv or merec");
        const double q = fraction_option(a);
        const int threads = threads_option(a);
        const std::string path = a.inputs.front();

        // read every cell as text first: whether column 0 is an id column depends on all rows
        progress prog(a.quiet);
        prog.start(path);
        tio::csv_reader r(path);
        const auto header = r.header();
        if (header.empty()) throw std::runtime_error(path + ": empty header");
        std::vector<std::vector<std::string>> cells;
        std::vector<std::size_t> lines;
        while (r.next()) {
            if (r.size() != header.size())
                r.fail(techconv::error_code::field_count, r.size() < header.size() ? r.size() : header.size(),
                       "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(r.size()));
            std::vector<std::string> row;
            for (std::size_t c = 0; c < r.size(); ++c) row.emplace_back(r.field(c));
            cells.push_back(std::move(row));
            lines.push_back(r.line());
            prog.update(r.bytes_read(), cells.size());
        }
        prog.finish(cells.size());
        bool id_col = false;
        for (const auto& row : cells) {
            double v = 0.0;
            if (tio::parse_double(row[0], v) != tio::number_status::ok) id_col = true;
        }
        const std::size_t first = id_col ? 1 : 0;
        if (header.size() <= first) throw std::runtime_error(path + ": no numeric column");
        const auto n = static_cast<index>(cells.size());
        const auto m = static_cast<index>(header.size() - first);
        techconv::matrix x(n, m);
        for (index i = 0; i < n; ++i)
            for (index j = 0; j < m; ++j) {
                const auto c = static_cast<std::size_t>(j) + first;
                const auto& s = cells[static_cast<std::size_t>(i)][c];
                double v = 0.0;
                if (tio::parse_double(s, v) != tio::number_status::ok)
                    techconv::detail::throw_error<techconv::parse_error>(
                        techconv::error_code::bad_number,
                        techconv::source_location{path, lines[static_cast<std::size_t>(i)], c + 1,
                                                  static_cast<std::size_t>(i) + 1, header[c]},
                        "expected a finite number, found '" + s + "'");
                x(i, j) = v;
            }
        std::vector<tw::direction> dirs(static_cast<std::size_t>(m), tw::direction::benefit);
        if (a.has("cost")) {
            const std::string cost = a.get("cost");  // split_list returns views into it
            for (const auto name : tio::split_list(cost, ",")) {
                const auto it = std::find(header.begin() + static_cast<std::ptrdiff_t>(first), header.end(), name);
                if (it == header.end()) throw usage_error("--cost: no numeric column named '" + std::string(name) + "'");
                dirs[static_cast<std::size_t>(it - header.begin()) - first] = tw::direction::cost;
            }
        }

        techconv::vector w, entropy;
        techconv::vector scores;
        techconv::status info = techconv::status::ok;
        if (method == "entropy") {
            tw::key_core_options ko;
            ko.fraction = q;
            ko.entropy.directions = dirs;
            ko.entropy.threads = threads;
            auto kc = tw::key_core(x, ko);
            w = kc.weighting.weights;
            entropy = kc.weighting.entropy;
            scores = kc.scores;
            info = kc.weighting.info;
        } else {
            tw::objective_options oo;
            oo.directions = dirs;
            oo.threads = threads;
            tw::objective_result res;
            if (method == "critic") res = tw::critic_weights(x, oo);
            else if (method == "std") res = tw::std_dev_weights(x, oo);
            else if (method == "cv") res = tw::cv_weights(x, oo);
            else res = tw::merec_weights(x, oo);
            w = res.weights;
            info = res.info;
            tw::normalize_options no;
            no.directions = dirs;
            scores = tw::normalize(x, no) * w;
        }
        const auto rk = tw::ranks(scores);
        const auto k = tw::top_count(n, q);

        const std::string out_dir = a.get("out");
        make_dir(out_dir);
        {
            auto f = open_output(out_dir, "weights.csv");
            tio::csv_writer wr(f);
            wr.row({"indicator", "weight", "entropy"});
            for (index j = 0; j < m; ++j) {
                wr.field(header[static_cast<std::size_t>(j) + first]).field(w[j]);
                if (entropy.size() == m) wr.field(entropy[j]);
                else wr.empty();
                wr.end_row();
            }
        }
        std::vector<std::string> ids;
        for (index i = 0; i < n; ++i)
            ids.push_back(id_col ? cells[static_cast<std::size_t>(i)][0] : std::to_string(i + 1));
        write_scores(out_dir, ids, scores, rk, k);
        std::printf("rows: %lld\ncolumns: %lld\nmethod: %s\nstatus: %s\nkey_core: %lld\nout: %s\n",
                    static_cast<long long>(n), static_cast<long long>(m), method.c_str(),
                    std::string(techconv::to_string(info)).c_str(), static_cast<long long>(k), out_dir.c_str());
        return 0;
    });
}

}  // namespace tcli
