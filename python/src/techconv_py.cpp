// SPDX-License-Identifier: BSL-1.0
//
// techconv._core: the compiled part of the `techconv` Python package
// (python/techconv/). It binds the library's reading and analysis layer
// (io::read_patent_table, io::read_paper_table, analysis::weigh_table,
// analysis::key_core, analysis::network_records + analysis::network (+ analysis::period_networks),
// analysis::load_collaboration_inputs + analysis::collaboration,
// analysis::forecast) and nothing below it; the rules the command applies
// around them live in the analysis layer too, so both call the same code. The
// tables mirror the command's files column for column; where a file is JSON or
// an export format, the command's own writer (techconv/report/, cograph
// exports) makes the text. The package's Python side turns the plain dicts
// returned here into tables and result objects. Options are parsed by the
// library's own *_from_string functions, so the names and defaults are the command's.
//
// Every call that reads files or computes releases the GIL. Errors: a
// techconv::parse_error becomes techconv.ParseError (file, line, column,
// record, field, code, message), techconv::invalid_argument a ValueError.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <Eigen/Core>

#include <algorithm>  // std::all_of, std::find
#include <cmath>      // std::nan
#include <cstdint>    // std::int64_t
#include <limits>     // std::numeric_limits
#include <memory>     // std::make_shared
#include <optional>   // std::optional
#include <sstream>    // std::ostringstream
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <techconv/analysis/collaboration.hpp>
#include <techconv/analysis/collaboration_inputs.hpp>
#include <techconv/analysis/evolution.hpp>
#include <techconv/analysis/forecast.hpp>
#include <techconv/analysis/keycore.hpp>
#include <techconv/analysis/keycore_indicators.hpp>
#include <techconv/analysis/network.hpp>
#include <techconv/analysis/network_selection.hpp>
#include <techconv/analysis/patent_rules.hpp>
#include <techconv/analysis/periods.hpp>
#include <techconv/analysis/quality.hpp>
#include <techconv/analysis/table_weights.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/error.hpp>
#include <techconv/format/encoding.hpp>
#include <techconv/io/detect.hpp>
#include <techconv/io/papers.hpp>
#include <techconv/io/citations.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/report/evolution.hpp>
#include <techconv/report/forecast.hpp>
#include <techconv/report/json.hpp>
#include <techconv/report/quality.hpp>
#include <techconv/report/tables.hpp>
#include <techconv/version.hpp>

namespace py = pybind11;
namespace tc = techconv;
namespace tio = techconv::io;
namespace ta = techconv::analysis;
namespace rp = techconv::report;

namespace {

/// The Python class of techconv::parse_error (set once at import).
PyObject* parse_error_type = nullptr;

/// A numpy array that owns `v` (moved into a capsule): no copy on the way out.
template <class T>
py::array_t<T> to_numpy(std::vector<T>&& v) {
    auto* p = new std::vector<T>(std::move(v));
    py::capsule owner(p, [](void* q) { delete static_cast<std::vector<T>*>(q); });
    return py::array_t<T>({static_cast<py::ssize_t>(p->size())}, {static_cast<py::ssize_t>(sizeof(T))}, p->data(),
                          owner);
}

py::array_t<double> to_numpy(tc::vector&& v) {
    auto* p = new tc::vector(std::move(v));
    py::capsule owner(p, [](void* q) { delete static_cast<tc::vector*>(q); });
    return py::array_t<double>({static_cast<py::ssize_t>(p->size())}, {static_cast<py::ssize_t>(sizeof(double))},
                               p->data(), owner);
}

py::array_t<std::int64_t> ranks_to_numpy(const tc::index_vector& r) {
    std::vector<std::int64_t> out(static_cast<std::size_t>(r.size()));
    for (tc::index i = 0; i < r.size(); ++i) out[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(r[i]);
    return to_numpy(std::move(out));
}

py::array_t<bool> key_core_flags(const tc::index_vector& ranks, tc::index k) {
    py::array_t<bool> out(ranks.size());
    auto o = out.mutable_unchecked<1>();
    for (tc::index i = 0; i < ranks.size(); ++i) o(i) = ranks[i] <= k;
    return out;
}

tio::text_encoding encoding_of(const std::optional<std::string>& name) {
    if (!name) return tio::text_encoding::automatic;
    tio::text_encoding e = tio::text_encoding::automatic;
    if (!tio::text_encoding_from_string(*name, e))
        throw tc::invalid_argument("unknown encoding '" + *name + "'");
    return e;
}

/// fn(), with an invalid_argument it throws re-thrown as a ValueError naming the option
/// `field` (e.g. "periods: analysis::parse_periods: '20x0' is not a year ...").
template <class Fn>
auto for_field(const char* field, Fn&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const tc::invalid_argument& e) {
        std::string msg = e.what();
        const std::string prefix = "techconv: ";
        if (msg.compare(0, prefix.size(), prefix) == 0) msg.erase(0, prefix.size());
        throw py::value_error(std::string(field) + ": " + msg);
    }
}

// --- reading ------------------------------------------------------------------

/// Patent records read once; shared by Records objects and the analyses.
struct records_handle {
    tio::patent_table_inputs in;
    std::vector<tio::patent_record> rows;  ///< in.table.to_records(), made on first use
    bool have_rows = false;

    const std::vector<tio::patent_record>& records() {
        if (!have_rows) {
            rows = in.table.to_records();
            have_rows = true;
        }
        return rows;
    }
};

std::shared_ptr<records_handle> read_patents(const std::vector<std::string>& paths, const std::string& format,
                                             const std::optional<std::string>& encoding, bool merge,
                                             bool titles) {
    tio::read_patents_options o;
    o.format = tio::input_format_from_string(format);
    o.encoding = encoding_of(encoding);
    o.merge_families = merge;
    auto h = std::make_shared<records_handle>();
    {
        py::gil_scoped_release nogil;
        tc::records::patent_table_options topts;
        topts.titles = titles;
        h->in = tio::read_patent_table(paths, o, topts);
    }
    return h;
}

/// One dict per input file: path, format and the extra entries `more(file, dict)` adds.
template <class Files, class More>
py::list file_reports(const Files& files, More&& more) {
    py::list out;
    for (const auto& f : files) {
        py::dict fd;
        fd["format"] = std::string(tio::to_string(f.format));
        more(f, fd);
        out.append(fd);
    }
    return out;
}

py::dict read_report(const records_handle& h) {
    py::dict d;
    d["files"] = file_reports(h.in.files, [](const auto& f, py::dict& fd) { fd["path"] = f.path; });
    d["read"] = h.in.read;
    d["merged"] = h.in.merged;
    d["duplicates"] = h.in.duplicates;
    d["rejected_codes"] = h.in.rejected_codes;
    d["notes"] = h.in.notes();
    return d;
}

/// Papers read once (io::read_paper_table): ids, years, countries, institutions, titles.
struct papers_handle {
    tio::paper_inputs in;

    template <class Fn>
    void each(Fn&& fn) const {
        for (const auto& c : in.table.chunks())
            for (std::size_t i = 0; i < c.size(); ++i) fn(c, i);
    }
    template <class Get>
    std::vector<std::vector<std::string>> label_lists(Get&& get) const {
        std::vector<std::vector<std::string>> out;
        each([&](const auto& c, std::size_t i) {
            std::vector<std::string> row;
            for (const auto l : get(c, i)) row.emplace_back(in.table.label(l));
            out.push_back(std::move(row));
        });
        return out;
    }
};

/// Whether `paths` hold papers (true) or patents (false), from `format` or each
/// file's detected format; mixing both is refused.
bool paths_hold_papers(const std::vector<std::string>& paths, tio::input_format fmt) {
    bool papers = false, patents = false;
    for (const auto& p : paths) {
        const auto f = fmt == tio::input_format::automatic ? tio::detect_format(p) : fmt;
        (tio::holds_papers(f) ? papers : patents) = true;
    }
    if (papers && patents) throw tc::invalid_argument("mixing papers and patents in one read is not supported");
    return papers;
}

std::shared_ptr<papers_handle> read_papers(const std::vector<std::string>& paths, const std::string& format,
                                           const std::optional<std::string>& encoding) {
    tio::read_papers_options ro;
    ro.format = tio::input_format_from_string(format);
    ro.reader.encoding = encoding_of(encoding);
    ro.reader.references = false;
    auto h = std::make_shared<papers_handle>();
    {
        py::gil_scoped_release nogil;
        h->in = tio::read_paper_table(paths, ro);
    }
    return h;
}

py::dict papers_report(const papers_handle& h) {
    py::dict d;
    d["files"] = file_reports(h.in.files, [](const auto& f, py::dict& fd) {
        fd["path"] = f.source;
        fd["note"] = tio::paper_input_note(f);
    });
    d["records"] = h.in.records();
    d["duplicates"] = h.in.duplicates();
    d["unresolved_addresses"] = h.in.unresolved_addresses();
    return d;
}

std::vector<std::string> record_ids(records_handle& h) {
    std::vector<std::string> out;
    for (const auto& r : h.records()) out.push_back(r.id);
    return out;
}

/// A year as Python gets it: NaN when unknown (the package's rule for empty integer cells).
double year_value(tc::year_type y) {
    return y == tc::no_year ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(y);
}

py::array_t<double> record_years(records_handle& h) {
    std::vector<double> out;
    for (const auto& r : h.records()) out.push_back(year_value(ta::patent_year(r)));
    return to_numpy(std::move(out));
}

std::vector<std::vector<std::string>> record_codes(records_handle& h) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : h.records()) out.push_back(r.ipc);
    return out;
}

std::vector<std::string> indicator_names() {
    std::vector<std::string> out;
    for (const auto i : tio::all_indicators) out.emplace_back(tio::to_string(i));
    return out;
}

/// n x 9 indicator values of the records (io::record_indicators), NaN where the
/// source states no value for that record (the command leaves such indicators out).
py::array_t<double> record_indicator_values(records_handle& h) {
    const auto& recs = h.records();
    const auto m = static_cast<py::ssize_t>(tio::indicator_count);
    py::array_t<double> out({static_cast<py::ssize_t>(recs.size()), m});
    auto o = out.mutable_unchecked<2>();
    for (std::size_t i = 0; i < recs.size(); ++i) {
        const auto v = tio::record_indicators(recs[i]);
        for (const auto ind : tio::all_indicators) {
            const auto j = static_cast<py::ssize_t>(tio::position(ind));
            o(static_cast<py::ssize_t>(i), j) =
                v.has(ind) ? static_cast<double>(*v.get(ind)) : std::numeric_limits<double>::quiet_NaN();
        }
    }
    return out;
}

// --- weights --------------------------------------------------------------------

/// Weighs a C- or Fortran-contiguous float64/float32 array in place through an
/// Eigen::Map over its buffer; anything else is first converted (one copy).
template <class Scalar, int Order>
ta::table_weight_result weigh_mapped(const py::array& a, const ta::table_weight_options& o) {
    using mat = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Order>;
    const Eigen::Map<const mat> x(static_cast<const Scalar*>(a.data()), a.shape(0), a.shape(1));
    py::gil_scoped_release nogil;
    return ta::weigh_table(x, o);
}

py::dict weights(py::array matrix, const std::string& method, const std::vector<tc::index>& cost, double top,
                 int threads) {
    if (matrix.ndim() != 2) throw tc::invalid_argument("weights: expected a 2-D array, got " +
                                                       std::to_string(matrix.ndim()) + " dimensions");
    const auto dt = matrix.dtype();
    const bool is_float = dt.kind() == 'f' && (dt.itemsize() == 8 || dt.itemsize() == 4);
    const bool native = dt.attr("isnative").cast<bool>();
    const bool c_order = (matrix.flags() & py::array::c_style) != 0;
    const bool f_order = (matrix.flags() & py::array::f_style) != 0;
    py::array used = matrix;
    if (!(is_float && native && (c_order || f_order))) {
        if (dt.kind() != 'f' && dt.kind() != 'i' && dt.kind() != 'u' && dt.kind() != 'b')
            throw tc::invalid_argument("weights: expected a numeric array (float or integer), got dtype " +
                                       py::repr(dt).cast<std::string>());
        // integers, float16, non-native byte order or strided views: one converted C-order copy
        used = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(matrix);
        if (!used) throw py::error_already_set();
    }
    const auto m = used.shape(1);
    ta::table_weight_options o;
    o.method = ta::weight_method_from_string(method);
    o.fraction = top;
    o.threads = threads;
    o.directions.assign(static_cast<std::size_t>(m), tc::weighting::direction::benefit);
    for (const auto j : cost) {
        const auto jj = j < 0 ? j + m : j;
        if (jj < 0 || jj >= m)
            throw tc::invalid_argument("weights: cost column " + std::to_string(j) + " is outside the " +
                                       std::to_string(m) + " columns");
        o.directions[static_cast<std::size_t>(jj)] = tc::weighting::direction::cost;
    }
    const bool used_c = (used.flags() & py::array::c_style) != 0;
    const bool dbl = used.dtype().itemsize() == 8;
    ta::table_weight_result r;
    if (dbl) {
        r = used_c ? weigh_mapped<double, Eigen::RowMajor>(used, o) : weigh_mapped<double, Eigen::ColMajor>(used, o);
    } else {
        r = used_c ? weigh_mapped<float, Eigen::RowMajor>(used, o) : weigh_mapped<float, Eigen::ColMajor>(used, o);
    }
    py::dict d;
    d["input"] = used;  // the array whose buffer the library read (the argument itself when not copied)
    d["copied"] = !used.is(matrix);
    d["key_core"] = key_core_flags(r.ranks, r.k);
    d["ranks"] = ranks_to_numpy(r.ranks);
    d["weights"] = to_numpy(std::move(r.weights));
    d["entropy"] = r.entropy.size() > 0 ? py::object(to_numpy(std::move(r.entropy))) : py::object(py::none());
    d["scores"] = to_numpy(std::move(r.scores));
    d["k"] = r.k;
    d["status"] = std::string(tc::to_string(r.info));
    d["degenerate_columns"] = r.degenerate_columns;
    return d;
}

// --- keycore --------------------------------------------------------------------

/// What a report writer of the command (techconv/report/) writes for `args`, as a string.
template <class Fn, class... Args>
std::string written(Fn&& fn, const Args&... args) {
    std::ostringstream out;
    fn(out, args...);
    return out.str();
}

/// Columns of int64 / float64 / str gathered row by row, then one dict of numpy arrays
/// and lists with "__columns__" in file order (the Python side makes it a Table).
/// Kind 'n' is an integer column whose file cells may be empty (a year the source lacks):
/// int64 when no cell is empty, else float64 with NaN at the empty cells, the dtype
/// pandas.read_csv gives that column of the command's file; never a silent 0.
struct columns_builder {
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> text;
    std::vector<std::vector<double>> real;
    std::vector<std::vector<std::int64_t>> integer;
    std::vector<std::vector<bool>> empty;  // 'n' columns: whether each cell is empty
    std::vector<char> kind;                // 's', 'f', 'i', 'n' per column

    explicit columns_builder(std::vector<std::pair<std::string, char>> cols) {
        for (auto& c : cols) {
            names.push_back(std::move(c.first));
            kind.push_back(c.second);
        }
        text.resize(names.size());
        real.resize(names.size());
        integer.resize(names.size());
        empty.resize(names.size());
    }
    void add(std::size_t c, std::string v) { text[c].push_back(std::move(v)); }
    void add(std::size_t c, double v) { real[c].push_back(v); }
    void add_int(std::size_t c, std::int64_t v) {
        integer[c].push_back(v);
        if (kind[c] == 'n') empty[c].push_back(false);
    }
    /// A year of an 'n' column: an empty cell for no_year, as the command's writers leave it.
    void add_year(std::size_t c, tc::year_type y) {
        integer[c].push_back(y == tc::no_year ? 0 : static_cast<std::int64_t>(y));
        empty[c].push_back(y == tc::no_year);
    }
    py::dict finish() {
        py::dict d;
        for (std::size_t c = 0; c < names.size(); ++c) {
            const py::str key(names[c]);
            if (kind[c] == 's') {
                d[key] = text[c];
            } else if (kind[c] == 'f') {
                d[key] = to_numpy(std::move(real[c]));
            } else if (kind[c] == 'n' && std::find(empty[c].begin(), empty[c].end(), true) != empty[c].end()) {
                std::vector<double> v(integer[c].size());
                for (std::size_t r = 0; r < v.size(); ++r)
                    v[r] = empty[c][r] ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(integer[c][r]);
                d[key] = to_numpy(std::move(v));
            } else {
                d[key] = to_numpy(std::move(integer[c]));
            }
        }
        d["__columns__"] = names;
        return d;
    }
};

/// The columns of periods.csv, written alike by `network --periods` and `evolution`
/// (report::write_period_networks_csv, report::write_periods_csv).
columns_builder period_columns() {
    return columns_builder({{"period", 's'}, {"records", 'i'}, {"nodes", 'i'}, {"edges", 'i'}, {"density", 'f'},
                            {"convergence_index", 'f'}, {"modularity", 'f'}, {"clusters", 'i'},
                            {"records_with_codes", 'i'}, {"first_year", 'i'}, {"last_year", 'i'}, {"status", 's'}});
}

/// One row of periods.csv: density, convergence_index and modularity are NaN when `blank`
/// (where the writer leaves them empty: a period without a network; its status says why).
struct period_row {
    tc::analysis::year_period span;
    tc::index records, nodes, edges;
    double density, convergence_index, modularity;
    tc::index clusters, records_with_codes;
    tc::status info;
    bool blank;
};

void add_period_row(columns_builder& p, const period_row& x) {
    const double none = std::numeric_limits<double>::quiet_NaN();
    const bool ok = !x.blank;
    p.add(0, rp::period_name(x.span));
    p.add_int(1, static_cast<std::int64_t>(x.records));
    p.add_int(2, static_cast<std::int64_t>(x.nodes));
    p.add_int(3, static_cast<std::int64_t>(x.edges));
    p.add(4, ok ? x.density : none);
    p.add(5, ok ? x.convergence_index : none);
    p.add(6, ok ? x.modularity : none);
    p.add_int(7, static_cast<std::int64_t>(x.clusters));
    p.add_int(8, static_cast<std::int64_t>(x.records_with_codes));
    p.add_int(9, static_cast<std::int64_t>(x.span.first));
    p.add_int(10, static_cast<std::int64_t>(x.span.last));
    p.add(11, std::string(tc::to_string(x.info)));
}

/// top20.csv: rank, id, score, group, year (empty when unknown: see columns_builder's 'n'),
/// title, then one sub-score per level-2 group.
py::dict top_table(const ta::key_core_result& r) {
    std::vector<std::pair<std::string, char>> cols{{"rank", 'i'}, {"id", 's'}, {"score", 'f'},
                                                   {"group", 's'}, {"year", 'n'}, {"title", 's'}};
    for (const auto& g : r.subscores.groups) cols.emplace_back(g, 'f');
    columns_builder b(std::move(cols));
    for (std::size_t p = 0; p < r.top.size(); ++p) {
        const auto& t = r.top[p];
        b.add_int(0, static_cast<std::int64_t>(p + 1));
        b.add(1, t.id);
        b.add(2, t.score);
        b.add(3, t.group);
        b.add_year(4, t.year);
        b.add(5, t.title);
        for (std::size_t g = 0; g < t.sub.size(); ++g) b.add(6 + g, t.sub[g]);
    }
    return b.finish();
}

/// groups.csv of the key core (report::write_key_core_groups_csv's columns and helpers). A group
/// whose key core has no IPC code has its subclass, CI and network columns empty in the file
/// (group_profile::has_technology): NaN here, and those count columns are then float, as
/// pandas.read_csv types a column with empty cells.
py::dict key_core_groups_table(const ta::key_core_result& r) {
    const bool all_tech = std::all_of(r.profiles.begin(), r.profiles.end(),
                                      [](const tc::convergence::group_profile& g) { return g.has_technology(); });
    const char count = all_tech ? 'i' : 'f';
    columns_builder b({{"group", 's'}, {"records", 'i'}, {"key_core", 'i'}, {"key_share_of_group", 'f'},
                       {"share_of_key_core", 'f'}, {"key_main_subclasses", count}, {"key_all_subclasses", count},
                       {"key_convergence_index", 'f'}, {"key_company_share", 'f'}, {"top_applicant", 's'},
                       {"top_applicant_share", 'f'}, {"key_subclass_gap", count}, {"key_network_nodes", count},
                       {"key_network_edges", count}, {"key_network_density", 'f'}, {"key_network_clusters", count},
                       {"key_sections", 's'}});
    const double none = std::numeric_limits<double>::quiet_NaN();
    for (const auto& g : r.profiles) {
        std::string sections;
        for (const auto& sec : g.network.sections) sections += sec;
        const bool tech = g.has_technology();
        const auto add_count = [&](std::size_t c, tc::index v) {
            if (all_tech) b.add_int(c, static_cast<std::int64_t>(v));
            else b.add(c, tech ? static_cast<double>(v) : none);
        };
        b.add(0, g.group);
        b.add_int(1, static_cast<std::int64_t>(g.records));
        b.add_int(2, static_cast<std::int64_t>(g.key_core));
        b.add(3, g.key_core_rate);
        b.add(4, rp::share_of_key_core(g, r.k));
        add_count(5, g.main_codes);
        add_count(6, g.all_codes);
        b.add(7, tech ? g.convergence_index : none);
        b.add(8, g.company_share);
        b.add(9, rp::top_applicant(g));
        b.add(10, rp::top_applicant_share(g));
        add_count(11, g.code_gap);
        add_count(12, g.network.nodes);
        add_count(13, g.network.edges);
        b.add(14, tech ? g.network.density : none);
        add_count(15, g.network.clusters);
        b.add(16, tech ? sections : std::string());
    }
    return b.finish();
}

/// industries.csv: group, industry, records, share (empty without a concordance).
py::dict industries_table(const ta::key_core_result& r) {
    columns_builder b({{"group", 's'}, {"industry", 's'}, {"records", 'i'}, {"share", 'f'}});
    for (const auto& row : r.industries) {
        b.add(0, row.group);
        b.add(1, row.industry);
        b.add_int(2, static_cast<std::int64_t>(row.records));
        b.add(3, row.share);
    }
    return b.finish();
}

py::dict keycore(const std::shared_ptr<records_handle>& h, double top, const std::string& group_by,
                 const std::string& country_from, const std::string& missing, int threads,
                 const std::optional<std::string>& concordance, const std::optional<std::string>& indicators,
                 const std::optional<std::string>& citations, const std::optional<std::string>& classes,
                 const std::optional<std::string>& fields, bool hall) {
    if (group_by != "country" && group_by != "none")
        throw tc::invalid_argument("group_by expects 'country' or 'none', got '" + group_by + "'");
    ta::key_core_options o;
    o.fraction = top;
    o.grouping.by_country = group_by == "country";
    o.grouping.country_from = ta::country_source_from_string(country_from);
    o.indicators.missing = tio::missing_policy_from_string(missing);
    o.threads = threads;
    // --indicators: the library's one list parser (the Python side joins a list of names with commas)
    if (indicators) o.chosen = for_field("indicators", [&] { return ta::keycore_indicators_from_list(*indicators); });
    o.quality.hall_correction = hall;
    tc::classification::concordance industries, field_table;
    std::vector<tio::citation_row> citation_rows;
    std::vector<tio::class_row> class_rows;
    rp::key_core_report rep;
    {
        py::gil_scoped_release nogil;
        if (concordance) {
            industries = tc::classification::load_concordance_file(*concordance);
            o.industries = &industries;
        }
        if (citations) {
            citation_rows = tio::read_citation_table(*citations);
            o.citations = &citation_rows;
        }
        if (classes) {
            class_rows = tio::read_class_table(*classes);
            o.classes = &class_rows;
        }
        if (fields) {
            field_table = tc::classification::load_concordance_file(*fields);
            o.quality.fields = &field_table;
        }
        rep = rp::make_key_core_report(ta::key_core(h->in.table, o), o);
        rep.notes = h->in.notes();
        rep.read = h->in.read;
        rep.records = h->in.table.size();
        rep.merged = h->in.merged;
    }
    auto& r = rep.result;
    py::dict scores;
    scores["id"] = ta::key_core_ids(h->in.table, r);
    scores["rank"] = ranks_to_numpy(r.ranks);
    scores["key_core"] = key_core_flags(r.ranks, r.k);

    std::vector<std::string> ind, grp;
    std::vector<double> w, e;
    for (const auto& row : r.weights) {
        ind.push_back(ta::to_string(row.id));  // a [KCT] count or a chosen OECD indicator
        grp.push_back(row.group);
        w.push_back(row.present ? row.weight : std::numeric_limits<double>::quiet_NaN());
        e.push_back(row.present ? row.entropy : std::numeric_limits<double>::quiet_NaN());
    }
    py::dict weights_table;
    weights_table["indicator"] = ind;
    weights_table["group"] = grp;
    weights_table["weight"] = to_numpy(std::move(w));
    weights_table["entropy"] = to_numpy(std::move(e));

    std::vector<std::string> columns, absent;
    for (const auto c : ta::weighted_indicators(r)) columns.push_back(ta::to_string(c));
    for (const auto c : ta::absent_indicators(r)) absent.push_back(ta::to_string(c));

    py::dict d;
    scores["score"] = to_numpy(tc::vector(r.scores));
    d["scores"] = scores;
    d["weights"] = weights_table;
    d["columns"] = columns;
    d["absent"] = absent;
    d["k"] = r.k;
    d["threshold"] = r.threshold;
    d["fraction"] = r.fraction;
    d["dropped"] = r.dropped;
    d["status"] = std::string(tc::to_string(r.weighting.info));
    std::vector<std::size_t> rows = r.rows;
    d["rows"] = to_numpy(std::move(rows));
    d["top20"] = top_table(r);
    d["groups"] = key_core_groups_table(r);
    d["industries"] = industries_table(r);
    d["report_json"] = written(rp::write_key_core_json, rep);  // report.json, as the command writes it
    return d;
}

// --- network ([KCT] section 2.2) ---------------------------------------------------------

/// A network kept for its exports (the files of `techconv network` written on demand).
struct network_handle {
    ta::network_result res;
    rp::network_settings settings;
    std::string period;  ///< a period network's name (its summary.json says it); empty: the run's

    /// The text of one export file of the command, by its file name.
    std::string file(const std::string& name) const {
        namespace cg = tc::cograph;
        const auto eo = rp::network_export_options(res);
        const auto& g = res.graph;
        if (name == "network.graphml") return written([&](std::ostream& f) { cg::write_graphml(f, g, eo); });
        if (name == "network.gexf") return written([&](std::ostream& f) { cg::write_gexf(f, g, eo); });
        if (name == "network.net") return written([&](std::ostream& f) { cg::write_pajek(f, g); });
        if (name == "network.clu")
            return written([&](std::ostream& f) { cg::write_pajek_clusters(f, g, res.nodes.cluster); });
        if (name == "vosviewer_map.txt") return written([&](std::ostream& f) { cg::write_vosviewer_map(f, g, eo); });
        if (name == "vosviewer_network.txt") return written([&](std::ostream& f) { cg::write_vosviewer_network(f, g); });
        if (name == "vosviewer.json") return written([&](std::ostream& f) { cg::write_vosviewer_json(f, g, eo); });
        if (name == "summary.json")
            return written([&](std::ostream& f) { rp::write_network_summary_json(f, res, settings, period); });
        throw tc::invalid_argument("no export file '" + name + "' (network.graphml, network.gexf, network.net, "
                                   "network.clu, vosviewer_map.txt, vosviewer_network.txt, vosviewer.json, "
                                   "summary.json)");
    }
};

/// clusters.csv, cluster_links.csv, sections.csv and groups.csv of a network.
void network_tables(const ta::network_result& res, py::dict& d) {
    columns_builder c({{"cluster", 'i'}, {"nodes", 'i'}, {"internal_weight", 'f'}, {"external_weight", 'f'},
                       {"top_nodes", 's'}});
    for (std::size_t k = 0; k < res.clusters.size(); ++k) {
        const auto& ci = res.clusters[k];
        std::string top;
        for (const auto v : ci.top_nodes) top += (top.empty() ? "" : ";") + res.graph.label(v);
        c.add_int(0, static_cast<std::int64_t>(k));
        c.add_int(1, static_cast<std::int64_t>(ci.size));
        c.add(2, ci.internal_weight);
        c.add(3, ci.external_weight);
        c.add(4, top);
    }
    d["clusters_table"] = c.finish();
    columns_builder l({{"cluster_a", 'i'}, {"cluster_b", 'i'}, {"edges", 'i'}, {"weight", 'f'}});
    for (const auto& x : res.cluster_links) {
        l.add_int(0, static_cast<std::int64_t>(x.first));
        l.add_int(1, static_cast<std::int64_t>(x.second));
        l.add_int(2, static_cast<std::int64_t>(x.edges));
        l.add(3, x.weight);
    }
    d["cluster_links"] = l.finish();
    const auto& sv = res.sections;
    std::vector<std::pair<std::string, char>> scols{{"section", 's'}, {"nodes", 'i'}};
    for (const auto& x : sv.sections) scols.emplace_back(x, 'f');
    columns_builder s(std::move(scols));
    for (tc::index r = 0; r < sv.covered(); ++r) {
        s.add(0, sv.sections[static_cast<std::size_t>(r)]);
        s.add_int(1, static_cast<std::int64_t>(sv.nodes[static_cast<std::size_t>(r)]));
        for (tc::index q = 0; q < sv.covered(); ++q) s.add(2 + static_cast<std::size_t>(q), sv.weights(r, q));
    }
    d["sections"] = s.finish();
    columns_builder g({{"group", 's'}, {"records", 'i'}, {"nodes", 'i'}, {"edges", 'i'}, {"density", 'f'},
                       {"components", 'i'}, {"convergence_index", 'f'}, {"sections", 'i'}, {"top_nodes", 's'}});
    for (const auto& gr : res.groups) {
        const auto& x = gr.summary;
        std::string top;
        for (const auto& t : x.top_nodes) top += (top.empty() ? "" : ";") + t;
        g.add(0, gr.name);
        g.add_int(1, static_cast<std::int64_t>(x.records));
        g.add_int(2, static_cast<std::int64_t>(x.nodes));
        g.add_int(3, static_cast<std::int64_t>(x.edges));
        g.add(4, x.density);
        g.add_int(5, static_cast<std::int64_t>(x.components));
        // no code in the group: no index (the file's cell is empty), NaN here
        g.add(6, x.nodes == 0 ? std::numeric_limits<double>::quiet_NaN() : x.convergence_index);
        g.add_int(7, static_cast<std::int64_t>(x.sections));
        g.add(8, top);
    }
    d["groups"] = g.finish();
    // rta.csv (report::write_rta_csv's columns), written by the command with group_by
    const auto& rel = res.relatedness;
    columns_builder t({{"group", 's'}, {"class", 's'}, {"count", 'f'}, {"rta", 'f'}, {"advantage", 'i'},
                       {"density", 'f'}});
    if (!res.groups.empty())
        for (tc::index gi = 0; gi < static_cast<tc::index>(rel.groups.size()); ++gi)
            for (tc::index k = 0; k < static_cast<tc::index>(rel.classes.size()); ++k) {
                t.add(0, rel.groups[static_cast<std::size_t>(gi)]);
                t.add(1, rel.classes[static_cast<std::size_t>(k)]);
                t.add(2, rel.counts(gi, k));
                t.add(3, rel.rta(gi, k));
                t.add_int(4, rel.advantage(gi, k) ? 1 : 0);
                t.add(5, rel.density(gi, k));
            }
    d["rta"] = t.finish();
}

/// The tables and figures of one network kept in `keep` (nodes.csv, edges.csv, clusters.csv,
/// cluster_links.csv, sections.csv, groups.csv, rta.csv, summary.json), with `keep` itself for
/// the export files: the whole network's and each period network's (network --periods).
py::dict network_dict(const std::shared_ptr<network_handle>& keep) {
    const auto& res = keep->res;
    const auto copy = [](const auto& v) {
        auto c = v;
        return to_numpy(std::move(c));
    };
    const auto& g = res.graph;
    const auto& m = res.nodes;
    std::vector<std::string> labels;
    for (tc::index v = 0; v < g.num_nodes(); ++v) labels.push_back(g.label(v));
    std::vector<std::int64_t> cluster(m.cluster.begin(), m.cluster.end());
    py::dict nodes;
    nodes["code"] = labels;
    nodes["title"] = m.title;
    nodes["occurrences"] = to_numpy(std::vector<double>(g.node_weights()));
    nodes["degree"] = copy(m.degree);
    nodes["strength"] = copy(m.strength);
    nodes["betweenness"] = copy(m.betweenness);
    nodes["closeness"] = copy(m.closeness);
    nodes["eigenvector"] = copy(m.eigenvector);
    nodes["pagerank"] = copy(m.pagerank);
    nodes["cluster"] = to_numpy(std::move(cluster));
    nodes["clustering"] = copy(m.clustering);
    nodes["__columns__"] = std::vector<std::string>{"code", "title", "occurrences", "degree", "strength",
                                                    "betweenness", "closeness", "eigenvector", "pagerank",
                                                    "cluster", "clustering"};
    std::vector<std::string> src, dst;
    std::vector<double> w;
    for (const auto& e : g.edges()) {
        src.push_back(g.label(e.u));
        dst.push_back(g.label(e.v));
        w.push_back(e.weight);
    }
    py::dict edges;
    edges["source"] = src;
    edges["target"] = dst;
    edges["weight"] = to_numpy(std::move(w));
    edges["__columns__"] = std::vector<std::string>{"source", "target", "weight"};
    py::dict d;
    d["nodes"] = nodes;
    d["edges"] = edges;
    d["records"] = res.summary.records;
    d["convergence_index"] = res.summary.convergence_index;
    d["modularity"] = res.summary.modularity;
    d["clusters"] = res.summary.clusters;
    d["rejected_codes"] = res.rejected_codes;
    network_tables(res, d);
    d["summary_json"] = keep->file("summary.json");
    d["handle"] = keep;
    return d;
}

/// periods.csv of `network --periods/--window` (report::write_period_networks_csv's columns;
/// density, convergence_index and modularity NaN where the file leaves them empty) and the
/// network of each period that has one (status ok: the command's periods/PERIOD/ folders),
/// as (period name, network_dict) pairs.
void period_network_dicts(std::vector<ta::period_network>&& periods, const rp::network_settings& settings,
                          py::dict& d) {
    auto p = period_columns();
    py::list nets;
    for (auto& x : periods) {
        const auto& s = x.network.summary;
        add_period_row(p, {x.span, x.records, s.nodes, s.edges, s.density, s.convergence_index, s.modularity,
                           s.clusters, s.records_with_codes, x.info, x.info != tc::status::ok});
        const auto name = rp::period_name(x.span);
        const bool ok = x.info == tc::status::ok;
        if (!ok) continue;  // no network: the command writes no folder
        auto keep = std::make_shared<network_handle>();
        keep->res = std::move(x.network);
        keep->settings = settings;  // the command writes each period's summary.json with the run's settings
        keep->period = name;        // and the period's name
        nets.append(py::make_tuple(name, network_dict(keep)));
    }
    d["periods"] = p.finish();
    d["period_networks"] = nets;
}

py::dict network(const std::shared_ptr<records_handle>& h, const std::string& level, const std::string& codes,
                 bool main_only, bool key_core_only, double top, const std::string& group_by,
                 const std::string& country_from, const std::string& counting, const std::string& weights,
                 const std::string& algorithm, double resolution, std::uint64_t seed,
                 const std::optional<std::string>& titles, int threads, const std::optional<std::string>& periods,
                 std::optional<int> window, std::optional<int> step) {
    namespace cg = tc::cograph;
    if (group_by != "country" && group_by != "none")
        throw tc::invalid_argument("group_by expects 'country' or 'none', got '" + group_by + "'");
    if (codes != "ipc" && codes != "cpc") throw tc::invalid_argument("codes expects 'ipc' or 'cpc', got '" + codes + "'");
    if (!(resolution >= 0.0 && resolution <= cg::max_resolution))
        throw tc::invalid_argument("resolution must lie in [0, " + std::to_string(cg::max_resolution) + "]");
    ta::network_options no;
    no.level = tc::classification::ipc_level_from_string(level);
    no.codes = codes == "cpc" ? tio::patent_field::cpc : tio::patent_field::ipc;
    if (group_by == "country") no.group_by_country = ta::country_source_from_string(country_from);
    no.counting = tc::records::counting_from_string(counting);
    no.weights = cg::weight_meaning_from_string(weights);
    no.clustering = ta::clustering_for(no.weights);
    no.method = ta::community_method_from_string(algorithm);
    no.resolution = resolution;
    no.seed = seed;
    no.threads = threads;
    no.main_only = main_only;
    std::optional<ta::period_spec> slices;  // periods / window: time-sliced networks, as the command
    if (periods && window) throw tc::invalid_argument("network: give either periods or window, not both");
    if (step && !window) throw tc::invalid_argument("network: step needs window");
    if (periods) {
        slices.emplace();
        slices->periods = for_field("periods", [&] { return ta::parse_periods(*periods); });
    } else if (window) {
        if (*window < 1 || *window > 1000) throw tc::invalid_argument("window must lie in [1, 1000]");
        if (step && (*step < 1 || *step > 1000)) throw tc::invalid_argument("step must lie in [1, 1000]");
        slices.emplace();
        slices->window = *window;
        slices->step = step ? *step : *window;
    }
    std::vector<ta::period_network> period_nets;
    tc::classification::title_table title_table;
    const auto& table = h->in.table;
    auto keep = std::make_shared<network_handle>();
    auto& res = keep->res;
    ta::network_selection sel;
    {
        py::gil_scoped_release nogil;
        if (titles && tc::classification::load_title_lists(*titles, title_table, ta::network_title_options(no.level)) > 0)
            no.titles = &title_table;
        ta::key_core_options ko;
        ko.fraction = top;
        sel = ta::network_records(table, key_core_only, ko);
        res = ta::network(table, sel.rows, no);
        if (slices) period_nets = ta::period_networks(table, sel.rows, *slices, no);
    }
    keep->settings = rp::make_network_settings(no, key_core_only);
    if (sel.key_core) keep->settings.key_core_note = rp::key_core_note(*sel.key_core);
    keep->settings.notes = h->in.notes();
    keep->settings.read = h->in.read;
    keep->settings.records = table.size();
    keep->settings.merged = h->in.merged;
    auto d = network_dict(keep);
    if (slices) period_network_dicts(std::move(period_nets), keep->settings, d);
    return d;
}

// --- closeness ([COOP]) -------------------------------------------------------------

/// Country records of the inputs as `techconv closeness` loads them
/// (analysis::load_collaboration_inputs), or of papers already read by techconv.read.
ta::collaboration_inputs load_countries(const std::vector<std::string>& paths, const std::string& format,
                                        const std::optional<std::string>& encoding, const std::string& parties,
                                        bool merge_china, bool institutions, const papers_handle* read) {
    if (read) return ta::collaboration_inputs_of(read->in, institutions);  // papers read by techconv.read
    ta::collaboration_input_options lo;
    lo.format = tio::input_format_from_string(format);
    lo.parties = ta::patent_parties_from_string(parties);
    lo.institutions = institutions;
    lo.papers.reader.encoding = encoding_of(encoding);
    lo.patents.encoding = lo.papers.reader.encoding;
    if (merge_china) lo.papers.reader.regions = tc::classification::region_policy::merged_into_china();
    std::vector<tio::input_source> inputs;
    for (const auto& p : paths) inputs.emplace_back(p);
    return ta::load_collaboration_inputs(std::move(inputs), lo);
}

std::string year_or_all(tc::year_type y) { return y == tc::no_year ? std::string("all") : std::to_string(y); }

py::dict pairs_table(const std::vector<ta::collaboration_pair>& pairs, const std::vector<ta::measure>& measures,
                     const tc::closeness::actor_records& rec) {
    std::vector<std::string> year, ci, cj;
    std::vector<double> nij, ni, nj, si, sj;
    std::vector<std::vector<double>> values(measures.size());
    for (const auto& p : pairs) {
        year.push_back(year_or_all(p.year));
        ci.push_back(rec.label(p.i));
        cj.push_back(rec.label(p.j));
        nij.push_back(p.n_ij);
        ni.push_back(p.n_i);
        nj.push_back(p.n_j);
        for (std::size_t m = 0; m < measures.size(); ++m) values[m].push_back(p.value(measures[m]));
        si.push_back(p.share_i);
        sj.push_back(p.share_j);
    }
    py::dict d;
    std::vector<std::string> columns{"year", "country_i", "country_j", "n_ij", "n_i", "n_j"};
    d["year"] = year;
    d["country_i"] = ci;
    d["country_j"] = cj;
    d["n_ij"] = to_numpy(std::move(nij));
    d["n_i"] = to_numpy(std::move(ni));
    d["n_j"] = to_numpy(std::move(nj));
    for (std::size_t m = 0; m < measures.size(); ++m) {
        const std::string name(ta::to_string(measures[m]));
        columns.push_back(name);
        d[py::str(name)] = to_numpy(std::move(values[m]));
    }
    columns.emplace_back("share_i");
    columns.emplace_back("share_j");
    d["share_i"] = to_numpy(std::move(si));
    d["share_j"] = to_numpy(std::move(sj));
    d["__columns__"] = columns;
    return d;
}

py::dict actors_table(const std::vector<ta::collaboration_actor>& actors, const tc::closeness::actor_records& rec) {
    std::vector<std::string> year, country;
    std::vector<double> records, international, partners, strength;
    for (const auto& c : actors) {
        year.push_back(year_or_all(c.year));
        country.push_back(rec.label(c.actor));
        records.push_back(c.records);
        international.push_back(c.international);
        partners.push_back(c.partners);
        strength.push_back(c.link_strength);
    }
    py::dict d;
    d["year"] = year;
    d["country"] = country;
    d["records"] = to_numpy(std::move(records));
    d["international"] = to_numpy(std::move(international));
    d["partners"] = to_numpy(std::move(partners));
    d["link_strength"] = to_numpy(std::move(strength));
    d["__columns__"] = std::vector<std::string>{"year", "country", "records", "international", "partners",
                                                "link_strength"};
    return d;
}

/// periods.csv (report::write_periods_csv's columns; `m` names the closeness columns).
py::dict periods_table(const ta::collaboration_result& r, const std::vector<tc::closeness::period>& periods,
                       ta::measure m, const tc::closeness::actor_records& rec) {
    const std::string name(ta::to_string(m));
    columns_builder b({{"country_i", 's'}, {"country_j", 's'}, {"period_1", 's'}, {"period_2", 's'},
                       {"n_ij_1", 'f'}, {"n_ij_2", 'f'}, {"n_ij_change", 'f'}, {"n_i_1", 'f'}, {"n_i_2", 'f'},
                       {"n_j_1", 'f'}, {"n_j_2", 'f'}, {name + "_1", 'f'}, {name + "_2", 'f'},
                       {name + "_change", 'f'}, {"share_i_1", 'f'}, {"share_i_2", 'f'}, {"share_i_change", 'f'},
                       {"share_j_1", 'f'}, {"share_j_2", 'f'}, {"share_j_change", 'f'}});
    for (const auto& c : r.changes) {
        const auto& a = c.change.before;
        const auto& z = c.change.after;
        b.add(0, rec.label(c.i));
        b.add(1, rec.label(c.j));
        b.add(2, rp::period_name(periods[0]));
        b.add(3, rp::period_name(periods[1]));
        const double v[] = {a.n_ij, z.n_ij, c.change.n_ij_change, a.n_i, z.n_i, a.n_j, z.n_j,
                            a.closeness, z.closeness, c.change.closeness_change, a.share_i, z.share_i,
                            c.change.share_i_change, a.share_j, z.share_j, c.change.share_j_change};
        for (std::size_t k = 0; k < 16; ++k) b.add(4 + k, v[k]);
    }
    return b.finish();
}

/// institutions.csv (report::write_institutions_csv's columns).
py::dict institutions_table(const ta::collaboration_result& r, const std::vector<tc::closeness::period>& periods,
                            const tc::closeness::actor_records& countries,
                            const tc::closeness::actor_records& institutions) {
    columns_builder b({{"period", 's'}, {"home", 's'}, {"partner", 's'}, {"institution", 's'},
                       {"international", 'i'}, {"with_partner", 'i'}, {"share", 'f'}});
    for (const auto& x : r.institutions) {
        b.add(0, x.period == 0 ? std::string("all") : rp::period_name(periods[x.period - 1]));
        b.add(1, countries.label(x.home));
        b.add(2, countries.label(x.partner));
        b.add(3, institutions.label(x.share.institution));
        b.add_int(4, static_cast<std::int64_t>(x.share.international));
        b.add_int(5, static_cast<std::int64_t>(x.share.with_partner));
        b.add(6, x.share.share);
    }
    return b.finish();
}

py::dict closeness(const std::vector<std::string>& paths, const std::string& format, const std::string& by,
                   const std::string& counting, const std::string& denominator, std::optional<int> first_year,
                   std::optional<int> last_year, const std::string& parties, bool merge_china,
                   const std::string& measure, const std::optional<std::string>& pair,
                   const std::optional<std::string>& encoding, const std::shared_ptr<papers_handle>& read,
                   const std::optional<std::string>& periods, bool institutions, int threads) {
    if (by != "year" && by != "all") throw tc::invalid_argument("by expects 'year' or 'all', got '" + by + "'");
    ta::collaboration_options opt;
    opt.by_year = by == "year";
    opt.counts.mode = tc::records::counting_from_string(counting);
    opt.counts.denom = tc::closeness::denominator_from_string(denominator);
    if (first_year) opt.counts.first_year = static_cast<tc::year_type>(*first_year);
    if (last_year) opt.counts.last_year = static_cast<tc::year_type>(*last_year);
    if (first_year && last_year && *first_year > *last_year)
        throw tc::invalid_argument("first_year is after last_year");
    std::vector<ta::measure> measures;
    if (measure == "all") {
        measures.assign(ta::all_measures.begin(), ta::all_measures.end());
    } else {
        measures = {ta::measure_from_string(measure)};
        opt.series_measure = measures.front();
    }
    if (periods) opt.periods = for_field("periods", [&] { return ta::collaboration_periods(*periods); });
    opt.institutions = institutions;
    if (threads < 0 || threads > 256) throw tc::invalid_argument("threads must lie in [0, 256]");
    opt.threads = threads;
    if (pair) {
        const auto comma = pair->find(',');
        if (comma == std::string::npos) throw tc::invalid_argument("pair expects 'I,J' (e.g. 'US,CN')");
        opt.pair_i = pair->substr(0, comma);
        opt.pair_j = pair->substr(comma + 1);
    }
    ta::collaboration_inputs data;
    ta::collaboration_result r;
    {
        py::gil_scoped_release nogil;
        data = load_countries(paths, format, encoding, parties, merge_china, institutions, read.get());
        r = ta::collaboration(data.countries, opt, institutions ? &data.institutions : nullptr);
    }
    py::dict d;
    d["pairs"] = pairs_table(opt.by_year ? r.yearly_pairs : r.pairs, measures, data.countries);
    d["countries"] = actors_table(opt.by_year ? r.yearly_actors : r.actors, data.countries);
    if (!opt.periods.empty()) d["periods"] = periods_table(r, opt.periods, opt.series_measure, data.countries);
    if (institutions)
        d["institutions"] = institutions_table(r, opt.periods, data.countries, data.institutions);
    d["records"] = data.countries.size();
    d["international"] = r.total.multi_actor_records;
    d["kind"] = data.kind;
    d["duplicates"] = data.duplicates;
    d["notes"] = data.notes;
    d["pair"] = py::make_tuple(r.pair_i, r.pair_j);
    return d;
}

// --- forecast (issue 19 section 4) ---------------------------------------------------------

py::dict forecast(const std::shared_ptr<records_handle>& h, int train_until, const std::string& level,
                  const std::string& codes, std::int64_t top, const std::string& counting, double katz_beta,
                  double weight_exponent, std::int64_t max_candidates, std::int64_t keep_top, std::int64_t sample,
                  std::uint64_t sample_seed, std::int64_t katz_max_nodes, int threads) {
    if (codes != "ipc" && codes != "cpc") throw tc::invalid_argument("codes expects 'ipc' or 'cpc', got '" + codes + "'");
    ta::forecast_options fo;
    fo.train_until = static_cast<tc::year_type>(train_until);
    fo.level = tc::classification::ipc_level_from_string(level);
    if (fo.level > tc::classification::ipc_level::main_group)
        throw tc::invalid_argument("level expects section, class, subclass or main-group");
    fo.codes = codes == "cpc" ? tio::patent_field::cpc : tio::patent_field::ipc;
    if (top < 1) throw tc::invalid_argument("top must be at least 1");
    if (max_candidates < 1) throw tc::invalid_argument("max_candidates must be at least 1");
    if (keep_top < 1) throw tc::invalid_argument("keep_top must be at least 1");
    if (sample < 0) throw tc::invalid_argument("sample must be at least 0");
    if (katz_max_nodes < 0) throw tc::invalid_argument("katz_max_nodes must be at least 0");
    fo.top = static_cast<tc::index>(top);
    fo.counting = tc::records::counting_from_string(counting);
    fo.scores.katz_beta = katz_beta;
    fo.scores.weight_exponent = weight_exponent;
    fo.max_candidates = static_cast<tc::index>(max_candidates);
    fo.keep_top = static_cast<tc::index>(keep_top);
    fo.sample_size = static_cast<tc::index>(sample);
    fo.sample_seed = sample_seed;
    fo.scores.katz_max_nodes = static_cast<tc::index>(katz_max_nodes);
    fo.threads = threads;
    ta::forecast_result res;
    {
        py::gil_scoped_release nogil;
        res = ta::forecast(h->in.table, fo);
    }
    std::vector<std::pair<std::string, char>> cols{{"source", 's'}, {"target", 's'}};
    for (const auto name : tc::cograph::link_score_names) cols.emplace_back(std::string(name), 'f');
    cols.emplace_back("realised", 'i');
    cols.emplace_back("first_year", 'n');  // empty when not realised
    columns_builder b(std::move(cols));
    for (std::size_t k = 0; k < res.candidates.size(); ++k) {
        const auto& p = res.candidates[k];
        b.add(0, res.train.label(p.source));
        b.add(1, res.train.label(p.target));
        for (std::size_t s = 0; s < res.scores.values.size(); ++s) {
            const auto& v = res.scores.values[s];  // a score not computed (Katz not converged): NaN, the file's empty cell
            b.add(2 + s, v.size() == 0 ? std::numeric_limits<double>::quiet_NaN() : v[static_cast<tc::index>(k)]);
        }
        b.add_int(2 + res.scores.values.size(), res.realised[k] ? 1 : 0);
        b.add_year(3 + res.scores.values.size(), res.first_year[k]);
    }
    const auto fs = rp::make_forecast_settings(fo, h->in);
    const auto& g = res.train;
    columns_builder nodes({{"code", 's'}, {"occurrences", 'f'}});
    for (tc::index v = 0; v < g.num_nodes(); ++v) {
        nodes.add(0, g.label(v));
        nodes.add(1, g.node_weights()[static_cast<std::size_t>(v)]);
    }
    columns_builder edges({{"source", 's'}, {"target", 's'}, {"weight", 'f'}});
    for (const auto& e : g.edges()) {
        edges.add(0, g.label(e.u));
        edges.add(1, g.label(e.v));
        edges.add(2, e.weight);
    }
    py::dict d;
    d["predictions"] = b.finish();
    d["evaluation_json"] = written(rp::write_forecast_evaluation_json, res, fs);  // evaluation.json
    d["train_nodes"] = nodes.finish();
    d["train_edges"] = edges.finish();
    return d;
}

// --- quality (issue 19 sections 1-2) ---------------------------------------------------------

/// quality.csv (report::write_quality_csv's columns): a year the file leaves empty is NaN (the
/// column is then float64, see columns_builder's 'n'), an undefined value or normalised value
/// NaN (its <indicator>_status column says why); with groups (group_by="country") a `group`
/// column after `field`.
py::dict quality_table(const ta::quality_result& res, const tc::classification::concordance* fields) {
    const bool groups = !res.groups.empty();
    std::vector<std::pair<std::string, char>> cols{{"id", 's'}, {"year", 'n'}, {"publication_year", 'n'}, {"field", 's'}};
    if (groups) cols.emplace_back("group", 's');
    for (const auto q : ta::all_quality_indicators) cols.emplace_back(std::string(ta::to_string(q)), 'f');
    for (const auto q : ta::all_quality_indicators) cols.emplace_back(std::string(ta::to_string(q)) + "_normalised", 'f');
    for (const auto q : ta::all_quality_indicators) cols.emplace_back(std::string(ta::to_string(q)) + "_status", 's');
    for (const char* c : {"citing", "citing_with_classes", "cited", "cited_with_classes", "citing_with_year"})
        cols.emplace_back(c, 'i');
    columns_builder b(std::move(cols));
    const auto value = [](const ta::quality_value& v) {
        return v.value ? *v.value : std::numeric_limits<double>::quiet_NaN();
    };
    const std::size_t n = ta::quality_indicator_count;
    const std::size_t v0 = groups ? 5 : 4;  // the first indicator column
    for (const auto& rec : res.records) {
        b.add(0, rec.id);
        b.add_year(1, rec.year);
        b.add_year(2, rec.publication_year);
        b.add(3, rp::quality_field_name(rec, fields));
        if (groups) b.add(4, rec.group);
        for (std::size_t q = 0; q < n; ++q) {
            b.add(v0 + q, value(rec.values[q]));
            b.add(v0 + n + q, value(rec.normalised[q]));
            b.add(v0 + 2 * n + q, std::string(ta::to_string(rec.values[q].status)));
        }
        const tc::index counts[] = {rec.citing, rec.citing_with_classes, rec.cited, rec.cited_with_classes,
                                    rec.citing_with_year};
        for (std::size_t k = 0; k < 5; ++k) b.add_int(v0 + 3 * n + k, static_cast<std::int64_t>(counts[k]));
    }
    return b.finish();
}

/// quality_by_group.csv (report::write_quality_by_group_csv's columns); the figures of a group
/// without values of the indicator (status empty_input) are NaN.
py::dict quality_by_group_table(const ta::quality_result& res) {
    std::vector<std::pair<std::string, char>> cols{{"group", 's'}, {"indicator", 's'}, {"records", 'i'}, {"with_value", 'i'}};
    for (const char* c : {"min", "q1", "median", "q3", "p90", "max", "mean"}) cols.emplace_back(c, 'f');
    cols.emplace_back("status", 's');
    columns_builder b(std::move(cols));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& g : res.groups) {
        b.add(0, g.group);
        b.add(1, std::string(ta::to_string(g.indicator)));
        b.add_int(2, static_cast<std::int64_t>(g.records));
        b.add_int(3, static_cast<std::int64_t>(g.with_value));
        const bool ok = g.info == tc::status::ok;
        const double figures[] = {g.min, g.q1, g.median, g.q3, g.p90, g.max, g.mean};
        for (std::size_t k = 0; k < 7; ++k) b.add(4 + k, ok ? figures[k] : nan);
        b.add(11, std::string(tc::to_string(g.info)));
    }
    return b.finish();
}

py::dict quality(const std::shared_ptr<records_handle>& h, const std::optional<std::string>& citations,
                 const std::optional<std::string>& classes, const std::optional<std::string>& fields, bool hall,
                 int threads, const std::string& group_by, const std::string& country_from) {
    if (threads < 0 || threads > 256) throw tc::invalid_argument("threads must lie in [0, 256]");
    if (group_by != "country" && group_by != "none")
        throw tc::invalid_argument("group_by expects 'country' or 'none', got '" + group_by + "'");
    std::vector<tio::citation_row> citation_rows;
    std::vector<tio::class_row> class_rows;
    tc::classification::concordance field_table;
    ta::quality_options qo;
    qo.hall_correction = hall;
    qo.threads = threads;
    const auto source = ta::country_source_from_string(country_from);  // checked with or without groups
    if (group_by == "country") qo.group_by_country = source;
    ta::quality_result res;
    {
        py::gil_scoped_release nogil;
        if (citations) citation_rows = tio::read_citation_table(*citations);
        if (classes) class_rows = tio::read_class_table(*classes);
        if (fields) {
            field_table = tc::classification::load_concordance_file(*fields);
            qo.fields = &field_table;
        }
        res = ta::quality_indicators(h->in.table, qo, citation_rows, class_rows);
    }
    const auto& g = res.graph;
    py::dict graph;  // the counts of report.md's citation graph table
    graph["records"] = g.records;
    graph["external_documents"] = g.size() - g.records;
    graph["citations"] = g.stats.edges;
    graph["citations_between_records"] = g.stats.internal_edges;
    graph["list_citations"] = g.stats.list_citations;
    graph["table_rows"] = g.stats.table_rows;
    graph["table_rows_unused"] = g.stats.table_rows_unused;
    graph["self_citations"] = g.stats.self_citations;
    graph["duplicate_ids"] = g.stats.duplicate_ids;
    graph["records_without_year"] = res.records_without_year;
    graph["records_without_field"] = res.records_without_field;
    py::dict d;
    d["table"] = quality_table(res, qo.fields);
    if (qo.group_by_country) d["by_group"] = quality_by_group_table(res);
    else d["by_group"] = py::none();
    d["graph"] = graph;
    d["citation_rows"] = citation_rows.size();
    d["class_rows"] = class_rows.size();
    return d;
}

// --- evolution (issue 19 section 3) -----------------------------------------------------------

/// The five tables of `techconv evolution` (report::write_periods_csv ... write_cluster_flows_csv's
/// columns); a cell the file leaves empty (density, convergence_index, modularity of a period
/// without codes; share_new of a year without pairs) is NaN, its status column says why.
py::dict evolution_tables(const ta::evolution_result& res) {
    const double none = std::numeric_limits<double>::quiet_NaN();
    auto p = period_columns();
    columns_builder s({{"period", 's'}, {"cluster", 'i'}, {"size", 'i'}, {"centrality", 'f'}, {"density", 'f'},
                       {"quadrant", 's'}, {"top_nodes", 's'}});
    for (const auto& x : res.periods) {
        add_period_row(p, {x.span, x.records, x.nodes, x.edges, x.density, x.convergence_index, x.modularity,
                           x.clusters, x.records_with_codes, x.info, x.info == tc::status::empty_input});
        for (std::size_t k = 0; k < x.cluster_list.size(); ++k) {
            const auto& c = x.cluster_list[k];
            std::string top;
            for (const auto& t : c.top_nodes) top += (top.empty() ? "" : ";") + t;
            s.add(0, rp::period_name(x.span));
            s.add_int(1, static_cast<std::int64_t>(k));
            s.add_int(2, static_cast<std::int64_t>(c.size));
            s.add(3, c.centrality);
            s.add(4, c.density);
            s.add(5, std::string(ta::to_string(c.quadrant)));
            s.add(6, top);
        }
    }
    columns_builder n({{"source", 's'}, {"target", 's'}, {"first_year", 'i'}, {"records_in_first_year", 'i'}});
    for (const auto& x : res.new_pairs) {
        n.add(0, x.source);
        n.add(1, x.target);
        n.add_int(2, static_cast<std::int64_t>(x.first_year));
        n.add_int(3, static_cast<std::int64_t>(x.records_in_first_year));
    }
    columns_builder y({{"year", 'i'}, {"records", 'i'}, {"pairs", 'i'}, {"new_pairs", 'i'}, {"share_new", 'f'},
                       {"status", 's'}});
    for (const auto& x : res.years) {
        y.add_int(0, static_cast<std::int64_t>(x.year));
        y.add_int(1, static_cast<std::int64_t>(x.records));
        y.add_int(2, static_cast<std::int64_t>(x.pairs));
        y.add_int(3, static_cast<std::int64_t>(x.new_pairs));
        y.add(4, x.info == tc::status::empty_input ? none : x.share_new);
        y.add(5, std::string(tc::to_string(x.info)));
    }
    columns_builder f({{"period_a", 's'}, {"cluster_a", 'i'}, {"period_b", 's'}, {"cluster_b", 'i'},
                       {"shared", 'i'}, {"inclusion", 'f'}, {"weighted_inclusion", 'f'}, {"stability", 'f'}});
    for (const auto& x : res.flows) {
        f.add(0, rp::period_name(res.periods[x.period_a].span));
        f.add_int(1, static_cast<std::int64_t>(x.cluster_a));
        f.add(2, rp::period_name(res.periods[x.period_b].span));
        f.add_int(3, static_cast<std::int64_t>(x.cluster_b));
        f.add_int(4, static_cast<std::int64_t>(x.shared));
        f.add(5, x.inclusion);
        f.add(6, x.weighted_inclusion);
        f.add(7, x.stability);
    }
    py::dict d;
    d["periods"] = p.finish();
    d["new_pairs"] = n.finish();
    d["new_pairs_by_year"] = y.finish();
    d["strategic"] = s.finish();
    d["cluster_flows"] = f.finish();
    d["records"] = res.records;
    d["records_without_year"] = res.records_without_year;
    d["rejected_codes"] = res.rejected_codes;
    return d;
}

py::dict evolution(const std::shared_ptr<records_handle>& h, const std::optional<std::string>& periods,
                   std::optional<int> window, std::optional<int> step, const std::string& level,
                   const std::string& codes, const std::string& counting, const std::string& algorithm,
                   double resolution, std::uint64_t seed, int threads, const std::string& group_by,
                   const std::string& country_from, std::int64_t min_group_years) {
    namespace cg = tc::cograph;
    if (periods.has_value() == window.has_value())
        throw tc::invalid_argument("evolution: give either periods (e.g. '2005-2010,2011-2016') or window");
    if (codes != "ipc" && codes != "cpc") throw tc::invalid_argument("codes expects 'ipc' or 'cpc', got '" + codes + "'");
    if (!(resolution >= 0.0 && resolution <= cg::max_resolution))
        throw tc::invalid_argument("resolution must lie in [0, " + std::to_string(cg::max_resolution) + "]");
    if (group_by != "country" && group_by != "none")
        throw tc::invalid_argument("group_by expects 'country' or 'none', got '" + group_by + "'");
    if (min_group_years < 3 || min_group_years > 10000)
        throw tc::invalid_argument("min_group_years must lie in [3, 10000]");
    ta::evolution_options eo;
    if (group_by == "country") eo.group_by_country = ta::country_source_from_string(country_from);
    eo.min_group_years = static_cast<tc::index>(min_group_years);
    if (periods) {
        eo.periods = for_field("periods", [&] { return ta::parse_periods(*periods); });
    } else {
        if (*window < 1 || *window > 1000) throw tc::invalid_argument("window must lie in [1, 1000]");
        if (step && (*step < 1 || *step > 1000)) throw tc::invalid_argument("step must lie in [1, 1000]");
        eo.window = *window;
        eo.step = step ? *step : 0;  // 0: the library's default, equal to the window
    }
    auto& no = eo.network;
    no.level = tc::classification::ipc_level_from_string(level);
    if (no.level > tc::classification::ipc_level::main_group)
        throw tc::invalid_argument("level expects section, class, subclass or main-group");
    no.codes = codes == "cpc" ? tio::patent_field::cpc : tio::patent_field::ipc;
    no.counting = tc::records::counting_from_string(counting);
    no.method = ta::community_method_from_string(algorithm);
    no.resolution = resolution;
    no.seed = seed;
    no.threads = threads;
    ta::evolution_result res;
    {
        py::gil_scoped_release nogil;
        res = ta::evolution(h->in.table, eo);
    }
    auto d = evolution_tables(res);
    d["lifecycle_json"] = written(rp::write_lifecycle_json, res);  // lifecycle.json, as the command writes it
    return d;
}

void translate_parse_error(const tc::parse_error& e) {
    py::object cls = py::reinterpret_borrow<py::object>(parse_error_type);
    py::object inst = cls(e.what());
    inst.attr("file") = e.source();
    inst.attr("line") = e.line();
    inst.attr("column") = e.column();
    inst.attr("record") = e.record();
    inst.attr("field") = e.field();
    inst.attr("code") = std::string(tc::to_string(e.code()));
    inst.attr("message") = e.message();
    PyErr_SetObject(parse_error_type, inst.ptr());
}

}  // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "techconv's compiled core; use the `techconv` package, not this module";
    m.attr("__version__") = std::to_string(TECHCONV_VERSION_MAJOR) + "." + std::to_string(TECHCONV_VERSION_MINOR) +
                            "." + std::to_string(TECHCONV_VERSION_PATCH);

    parse_error_type = PyErr_NewExceptionWithDoc(
        "techconv.ParseError",
        "Malformed input, raised by every call that reads files (a ValueError).\n\n"
        "Attributes\n----------\n"
        "file : str\n    The file (or input name) holding the error.\n"
        "line : int\n    1-based line, 0 when not known.\n"
        "column : int\n    1-based column, 0 when not known.\n"
        "record : int\n    1-based record, 0 when not known.\n"
        "field : str\n    The field (column, tag or option) that is wrong, empty when not known.\n"
        "code : str\n    The library's stable error_code name (e.g. \"bad_number\").\n"
        "message : str\n    What is wrong, without the location.",
        PyExc_ValueError, nullptr);
    m.attr("ParseError") = py::reinterpret_borrow<py::object>(parse_error_type);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const tc::parse_error& e) {
            translate_parse_error(e);
        } catch (const tc::invalid_argument& e) {
            PyErr_SetString(PyExc_ValueError, e.what());
        }
    });

    py::class_<records_handle, std::shared_ptr<records_handle>>(m, "RecordsHandle")
        .def("__len__", [](const records_handle& h) { return h.in.table.size(); })
        .def("ids", &record_ids)
        .def("years", &record_years)
        .def("codes", &record_codes)
        .def("indicators", &record_indicator_values)
        .def("report", &read_report);

    py::class_<network_handle, std::shared_ptr<network_handle>>(m, "NetworkHandle")
        .def("file", [](const network_handle& h, const std::string& name) {
            py::gil_scoped_release nogil;
            return h.file(name);
        });

    py::class_<papers_handle, std::shared_ptr<papers_handle>>(m, "PapersHandle")
        .def("__len__", [](const papers_handle& h) { return h.in.table.size(); })
        .def("ids", [](const papers_handle& h) {
            std::vector<std::string> out;
            h.each([&](const auto& c, std::size_t i) { out.emplace_back(c.id(i)); });
            return out;
        })
        .def("years", [](const papers_handle& h) {
            std::vector<double> out;
            h.each([&](const auto& c, std::size_t i) { out.push_back(year_value(c.year(i))); });
            return to_numpy(std::move(out));
        })
        .def("titles", [](const papers_handle& h) {
            std::vector<std::string> out;
            h.each([&](const auto& c, std::size_t i) { out.emplace_back(c.title(i)); });
            return out;
        })
        .def("countries", [](const papers_handle& h) {
            return h.label_lists([](const auto& c, std::size_t i) { return c.countries(i); });
        })
        .def("institutions", [](const papers_handle& h) {
            return h.label_lists([](const auto& c, std::size_t i) { return c.institutions(i); });
        })
        .def("report", &papers_report);

    m.def("read_patents", &read_patents, py::arg("paths"), py::arg("format"), py::arg("encoding"),
          py::arg("merge"), py::arg("titles"));
    m.def("indicator_names", &indicator_names);
    m.def("keycore_indicator_names", [] {
        std::vector<std::string> out;
        for (const auto k : ta::all_keycore_indicators()) out.push_back(ta::to_string(k));
        return out;
    });
    m.def("weights", &weights, py::arg("matrix"), py::arg("method"), py::arg("cost"), py::arg("top"),
          py::arg("threads"));
    m.def("keycore", &keycore, py::arg("records"), py::arg("top"), py::arg("group_by"), py::arg("country_from"),
          py::arg("missing"), py::arg("threads"), py::arg("concordance"), py::arg("indicators"),
          py::arg("citations"), py::arg("classes"), py::arg("fields"), py::arg("hall"));
    m.def("network", &network, py::arg("records"), py::arg("level"), py::arg("codes"), py::arg("main_only"),
          py::arg("key_core_only"), py::arg("top"), py::arg("group_by"), py::arg("country_from"),
          py::arg("counting"), py::arg("weights"), py::arg("algorithm"), py::arg("resolution"), py::arg("seed"),
          py::arg("titles"), py::arg("threads"), py::arg("periods"), py::arg("window"), py::arg("step"));
    m.def("closeness", &closeness, py::arg("paths"), py::arg("format"), py::arg("by"), py::arg("counting"),
          py::arg("denominator"), py::arg("first_year"), py::arg("last_year"), py::arg("parties"),
          py::arg("merge_china"), py::arg("measure"), py::arg("pair"), py::arg("encoding"), py::arg("read"),
          py::arg("periods"), py::arg("institutions"), py::arg("threads"));
    m.def("forecast", &forecast, py::arg("records"), py::arg("train_until"), py::arg("level"), py::arg("codes"),
          py::arg("top"), py::arg("counting"), py::arg("katz_beta"), py::arg("weight_exponent"),
          py::arg("max_candidates"), py::arg("keep_top"), py::arg("sample"), py::arg("sample_seed"),
          py::arg("katz_max_nodes"), py::arg("threads"));
    m.def("quality", &quality, py::arg("records"), py::arg("citations"), py::arg("classes"), py::arg("fields"),
          py::arg("hall"), py::arg("threads"), py::arg("group_by"), py::arg("country_from"));
    m.def("evolution", &evolution, py::arg("records"), py::arg("periods"), py::arg("window"), py::arg("step"),
          py::arg("level"), py::arg("codes"), py::arg("counting"), py::arg("algorithm"), py::arg("resolution"),
          py::arg("seed"), py::arg("threads"), py::arg("group_by"), py::arg("country_from"),
          py::arg("min_group_years"));
    m.def("holds_papers", [](const std::vector<std::string>& paths, const std::string& format) {
        return paths_hold_papers(paths, tio::input_format_from_string(format));
    });
    m.def("read_papers", &read_papers, py::arg("paths"), py::arg("format"), py::arg("encoding"));
}
