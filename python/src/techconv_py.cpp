// SPDX-License-Identifier: BSL-1.0
//
// techconv._core: the compiled part of the `techconv` Python package
// (python/techconv/). It binds the library's reading and analysis layer
// (io::read_patent_table, analysis::weigh_table, analysis::key_core) and
// nothing below it; the package's Python side turns the plain dicts returned
// here into tables and result objects. Options are parsed by the library's
// own *_from_string functions, so the names and defaults are the command's.
//
// Every call that reads files or computes releases the GIL. Errors: a
// techconv::parse_error becomes techconv.ParseError (file, line, column,
// record, field, code, message), techconv::invalid_argument a ValueError.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <Eigen/Core>

#include <cmath>      // std::nan
#include <cstdint>    // std::int64_t
#include <limits>     // std::numeric_limits
#include <memory>     // std::make_shared
#include <optional>   // std::optional
#include <string>     // std::string
#include <utility>    // std::move
#include <vector>     // std::vector

#include <techconv/analysis/collaboration.hpp>
#include <techconv/analysis/keycore.hpp>
#include <techconv/analysis/network.hpp>
#include <techconv/analysis/patent_rules.hpp>
#include <techconv/analysis/table_weights.hpp>
#include <techconv/classification/loaders.hpp>
#include <techconv/error.hpp>
#include <techconv/format/encoding.hpp>
#include <techconv/io/detect.hpp>
#include <techconv/io/papers.hpp>
#include <techconv/io/patent_inputs.hpp>
#include <techconv/version.hpp>

namespace py = pybind11;
namespace tc = techconv;
namespace tio = techconv::io;
namespace ta = techconv::analysis;

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

py::array_t<std::int64_t> record_years(records_handle& h) {
    std::vector<std::int64_t> out;
    for (const auto& r : h.records()) {
        const auto y = ta::patent_year(r);
        out.push_back(y == tc::no_year ? std::int64_t{0} : static_cast<std::int64_t>(y));
    }
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

py::dict keycore(const std::shared_ptr<records_handle>& h, double top, const std::string& group_by,
                 const std::string& country_from, const std::string& missing, int threads,
                 const std::optional<std::string>& concordance) {
    if (group_by != "country" && group_by != "none")
        throw tc::invalid_argument("group_by expects 'country' or 'none', got '" + group_by + "'");
    ta::key_core_options o;
    o.fraction = top;
    o.grouping.by_country = group_by == "country";
    o.grouping.country_from = ta::country_source_from_string(country_from);
    o.indicators.missing = tio::missing_policy_from_string(missing);
    o.threads = threads;
    tc::classification::concordance industries;
    ta::key_core_result r;
    {
        py::gil_scoped_release nogil;
        if (concordance) {
            industries = tc::classification::load_concordance_file(*concordance);
            o.industries = &industries;
        }
        r = ta::key_core(h->in.table, o);
    }
    const auto& table = h->in.table;
    std::vector<std::string> ids;
    ids.reserve(r.rows.size());
    for (const auto row : r.rows) {
        const auto [chunk, k] = table.locate(row);
        ids.emplace_back(chunk->id(k));
    }
    py::dict scores;
    scores["id"] = ids;
    scores["rank"] = ranks_to_numpy(r.ranks);
    scores["key_core"] = key_core_flags(r.ranks, r.k);

    std::vector<std::string> ind, grp;
    std::vector<double> w, e;
    for (const auto& row : r.weights) {
        ind.emplace_back(tio::to_string(row.indicator));
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
    for (const auto c : r.columns) columns.emplace_back(tio::to_string(c));
    for (const auto c : r.absent) absent.emplace_back(tio::to_string(c));

    py::dict d;
    scores["score"] = to_numpy(std::move(r.scores));
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
    return d;
}

// --- network ([KCT] section 2.2) ---------------------------------------------------------

py::dict network(const std::shared_ptr<records_handle>& h, const std::string& level, const std::string& codes,
                 bool main_only, bool key_core_only, double top, const std::string& group_by,
                 const std::string& country_from, const std::string& counting, const std::string& weights,
                 const std::string& algorithm, double resolution, std::uint64_t seed,
                 const std::optional<std::string>& titles, int threads) {
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
    tc::classification::title_table title_table;
    const auto& table = h->in.table;
    ta::network_result res;
    {
        py::gil_scoped_release nogil;
        if (titles && tc::classification::load_title_lists(*titles, title_table, ta::network_title_options(no.level)) > 0)
            no.titles = &title_table;
        std::vector<char> mask(table.size(), 1);
        if (key_core_only) {
            ta::key_core_options ko;
            ko.fraction = top;
            mask = ta::select_key_core(table, ko).mask;
        }
        std::vector<std::size_t> rows;
        for (std::size_t i = 0; i < table.size(); ++i)
            if (mask[i]) rows.push_back(i);
        res = ta::network(table, rows, no);
    }
    const auto& g = res.graph;
    auto& m = res.nodes;
    std::vector<std::string> labels;
    for (tc::index v = 0; v < g.num_nodes(); ++v) labels.push_back(g.label(v));
    std::vector<std::int64_t> cluster(m.cluster.begin(), m.cluster.end());
    py::dict nodes;
    nodes["code"] = labels;
    nodes["title"] = m.title;
    nodes["occurrences"] = to_numpy(std::vector<double>(g.node_weights()));
    nodes["degree"] = to_numpy(std::move(m.degree));
    nodes["strength"] = to_numpy(std::move(m.strength));
    nodes["betweenness"] = to_numpy(std::move(m.betweenness));
    nodes["closeness"] = to_numpy(std::move(m.closeness));
    nodes["eigenvector"] = to_numpy(std::move(m.eigenvector));
    nodes["pagerank"] = to_numpy(std::move(m.pagerank));
    nodes["cluster"] = to_numpy(std::move(cluster));
    nodes["clustering"] = to_numpy(std::move(m.clustering));
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
    return d;
}

// --- closeness ([COOP]) -------------------------------------------------------------

/// Country records of the inputs as `techconv closeness` loads them: papers
/// (countries of the author addresses) or USPTO XML patents (countries of the
/// chosen parties of each simple family); never both in one call.
struct country_inputs {
    tc::closeness::actor_records countries;
    std::string kind;
    std::size_t duplicates = 0;
};

country_inputs load_countries(const std::vector<std::string>& paths, const std::string& format,
                              const std::optional<std::string>& encoding, const std::string& parties,
                              bool merge_china, const papers_handle* read) {
    if (read) {  // papers read by techconv.read
        country_inputs out;
        out.countries = ta::country_records(read->in.table);
        out.kind = "papers";
        out.duplicates = read->in.duplicates() + out.countries.duplicates().size();
        return out;
    }
    const auto fmt = tio::input_format_from_string(format);
    const auto who = ta::patent_parties_from_string(parties);
    const auto enc = encoding_of(encoding);
    std::vector<tio::input_source> inputs;
    for (const auto& p : paths) inputs.emplace_back(p);
    bool patents = false, papers = false;
    for (auto& in : inputs) {
        const auto f = fmt == tio::input_format::automatic ? tio::detect_format(in) : fmt;
        if (f == tio::input_format::uspto_xml) {
            patents = true;
        } else if (tio::holds_papers(f)) {
            papers = true;
        } else {
            throw tc::invalid_argument(in.name() + ": format " + std::string(tio::to_string(f)) +
                                       " has no author or inventor countries (use wos, wos-tab, scopus, openalex, "
                                       "pubmed, lens-scholarly or uspto-xml)");
        }
    }
    if (patents && papers) throw tc::invalid_argument("mixing papers and patents in one call is not supported");
    country_inputs out;
    if (papers) {
        tio::read_papers_options ro;
        ro.format = fmt;
        ro.reader.titles_and_keywords = false;  // countries only
        ro.reader.references = false;
        ro.reader.encoding = enc;
        if (merge_china) ro.reader.regions = tc::classification::region_policy::merged_into_china();
        ro.table.texts = false;
        const auto in = tio::read_paper_table(std::move(inputs), ro);
        out.countries = ta::country_records(in.table);
        out.kind = "papers";
        out.duplicates = in.duplicates() + out.countries.duplicates().size();
    } else {
        tio::read_patents_options ro;
        ro.format = tio::input_format::uspto_xml;
        ro.encoding = enc;
        ro.merge_families = true;
        auto in = tio::read_patent_table(std::move(inputs), ro);
        out.countries = ta::patent_country_records(in.table, who);
        out.kind = "patents (simple families)";
        out.duplicates = in.duplicates + out.countries.duplicates().size();
    }
    return out;
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

py::dict closeness(const std::vector<std::string>& paths, const std::string& format, const std::string& by,
                   const std::string& counting, const std::string& denominator, std::optional<int> first_year,
                   std::optional<int> last_year, const std::string& parties, bool merge_china,
                   const std::string& measure, const std::optional<std::string>& pair,
                   const std::optional<std::string>& encoding, const std::shared_ptr<papers_handle>& read) {
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
    if (pair) {
        const auto comma = pair->find(',');
        if (comma == std::string::npos) throw tc::invalid_argument("pair expects 'I,J' (e.g. 'US,CN')");
        opt.pair_i = pair->substr(0, comma);
        opt.pair_j = pair->substr(comma + 1);
    }
    country_inputs data;
    ta::collaboration_result r;
    {
        py::gil_scoped_release nogil;
        data = load_countries(paths, format, encoding, parties, merge_china, read.get());
        r = ta::collaboration(data.countries, opt);
    }
    py::dict d;
    d["pairs"] = pairs_table(opt.by_year ? r.yearly_pairs : r.pairs, measures, data.countries);
    d["countries"] = actors_table(opt.by_year ? r.yearly_actors : r.actors, data.countries);
    d["records"] = data.countries.size();
    d["international"] = r.total.multi_actor_records;
    d["kind"] = data.kind;
    d["duplicates"] = data.duplicates;
    d["pair"] = py::make_tuple(r.pair_i, r.pair_j);
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

    parse_error_type = PyErr_NewException("techconv.ParseError", PyExc_ValueError, nullptr);
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

    py::class_<papers_handle, std::shared_ptr<papers_handle>>(m, "PapersHandle")
        .def("__len__", [](const papers_handle& h) { return h.in.table.size(); })
        .def("ids", [](const papers_handle& h) {
            std::vector<std::string> out;
            h.each([&](const auto& c, std::size_t i) { out.emplace_back(c.id(i)); });
            return out;
        })
        .def("years", [](const papers_handle& h) {
            std::vector<std::int64_t> out;
            h.each([&](const auto& c, std::size_t i) {
                out.push_back(c.year(i) == tc::no_year ? std::int64_t{0} : static_cast<std::int64_t>(c.year(i)));
            });
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
    m.def("weights", &weights, py::arg("matrix"), py::arg("method"), py::arg("cost"), py::arg("top"),
          py::arg("threads"));
    m.def("keycore", &keycore, py::arg("records"), py::arg("top"), py::arg("group_by"), py::arg("country_from"),
          py::arg("missing"), py::arg("threads"), py::arg("concordance"));
    m.def("network", &network, py::arg("records"), py::arg("level"), py::arg("codes"), py::arg("main_only"),
          py::arg("key_core_only"), py::arg("top"), py::arg("group_by"), py::arg("country_from"),
          py::arg("counting"), py::arg("weights"), py::arg("algorithm"), py::arg("resolution"), py::arg("seed"),
          py::arg("titles"), py::arg("threads"));
    m.def("closeness", &closeness, py::arg("paths"), py::arg("format"), py::arg("by"), py::arg("counting"),
          py::arg("denominator"), py::arg("first_year"), py::arg("last_year"), py::arg("parties"),
          py::arg("merge_china"), py::arg("measure"), py::arg("pair"), py::arg("encoding"), py::arg("read"));
    m.def("holds_papers", [](const std::vector<std::string>& paths, const std::string& format) {
        return paths_hold_papers(paths, tio::input_format_from_string(format));
    });
    m.def("read_papers", &read_papers, py::arg("paths"), py::arg("format"), py::arg("encoding"));
}
