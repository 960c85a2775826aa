// SPDX-License-Identifier: BSL-1.0
//
// records::incidence_matrix: the one records x labels table of techconv, the
// sparse 0/1 matrix A whose row r lists the distinct labels (classification
// codes, countries, institutions, applicants, branches) of record r, in
// compressed sparse row form, with optional per-record year and identifier
// columns. The co-classification graph (cograph), collaboration counting
// (closeness::actor_records stores one) and the group profiles
// (convergence::profile_table, analysis/profile.hpp: codes, industries,
// applicants) all hold this type, and all of them count pairs with
// records::cooccurrence and the one counting vocabulary below. Rows are
// ascending unless the incidence says otherwise (row_order).
//
// The builder is generic over the label key (a string, an integer id, a
// parsed classification symbol): it takes any hashable, totally ordered key,
// and an optional projection that maps a raw code to the key at the chosen
// level (or rejects it).
#ifndef TECHCONV_RECORDS_INCIDENCE_HPP_
#define TECHCONV_RECORDS_INCIDENCE_HPP_

#include <algorithm>      // std::sort, std::unique, std::max
#include <cstdint>        // std::int32_t, std::uint8_t
#include <functional>     // std::hash, std::less
#include <numeric>        // std::iota
#include <optional>       // std::optional
#include <sstream>        // std::ostringstream (labels of non-string keys)
#include <string>         // std::string, std::to_string
#include <type_traits>    // std::is_convertible_v, std::is_arithmetic_v
#include <unordered_map>  // std::unordered_map (key -> provisional id)
#include <utility>        // std::move
#include <string_view>  // std::string_view
#include <vector>         // std::vector

#include <Eigen/SparseCore>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/vocabulary.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace records {

/// \brief Sparse matrix type of co-occurrence matrices and incidence exports
/// (column-major, `int` storage indices, as Eigen's default).
using sparse_matrix = Eigen::SparseMatrix<double>;

/// \brief How much one record contributes to the co-occurrence counts: the
/// one counting vocabulary of cograph, closeness and parallel.
///
/// For a record with k >= 2 distinct labels:
/// | mode | per label (<tt>N_i</tt>, actor_weight) | per pair (<tt>N_ij</tt>, pair_weight) |
/// |---|---|---|
/// | full | 1 | 1 |
/// | fractional | 1/k | 2/(k(k-1)) |
/// | link_fractional | 1 | 1/(k-1) |
///
/// `full` is whole counting. `fractional` gives each record one unit of
/// label credit and one unit of pair credit (its k(k-1)/2 pairs share 1;
/// bibnets' "paper-level" pair weights). `link_fractional` is
/// Perianes-Rodriguez, Waltman and van Eck (2016), J. Informetr. 10(4):1178,
/// doi:10.1016/j.joi.2016.10.006, as in VOSviewer: each label's links in one
/// record sum to 1. Until 0.x the co-classification graph called
/// `link_fractional` "fractional" (see CHANGELOG).
enum class counting : std::uint8_t {
    full,             ///< every pair adds 1
    fractional,       ///< every pair of a record with k labels adds 2/(k(k-1))
    link_fractional,  ///< every pair of a record with k labels adds 1/(k-1)
};

/// \brief The names of the counting modes (to_string, counting_from_string).
inline constexpr named<counting> counting_names[] = {
    {counting::full, "full"}, {counting::fractional, "fractional"}, {counting::link_fractional, "link_fractional"}};

/// \brief Name of a counting mode: "full", "fractional" or "link_fractional".
inline const char* to_string(counting c) noexcept { return name_of(c, counting_names, "full").data(); }

/// \brief The counting mode named `name` (a name of to_string(); '-' for '_' accepted,
/// as "link-fractional"). \throws invalid_argument for any other name, listing the accepted ones.
inline counting counting_from_string(std::string_view name) { return from_name(name, counting_names, "counting"); }

/// \brief What one pair of labels of a record with `k` >= 2 distinct labels adds
/// under `mode` (the <tt>N_ij</tt> column of the table of counting).
/// The one place of these formulas; every kernel calls it.
inline double pair_weight(counting mode, index k) noexcept {
    const double kd = static_cast<double>(k);
    switch (mode) {
        case counting::fractional: return 2.0 / (kd * (kd - 1.0));
        case counting::link_fractional: return 1.0 / (kd - 1.0);
        case counting::full: break;
    }
    return 1.0;
}

/// \brief What each label of a record with `k` >= 2 distinct labels adds to its
/// own count under `mode` (the <tt>N_i</tt> column of the table of counting).
inline double actor_weight(counting mode, index k) noexcept {
    return mode == counting::fractional ? 1.0 / static_cast<double>(k) : 1.0;
}

/// \brief Which codes of a record enter the incidence.
enum class code_selection : unsigned char {
    all,         ///< every code of the record ([KCT] "all-subclass" counting)
    first_only,  ///< only the first accepted code (the main code when the source lists it first)
};

/// \brief Options of incidence_builder.
struct incidence_options {
    code_selection selection = code_selection::all;  ///< all codes or the main (first) code only
};

/// \brief The order of the ids within each row of an incidence_matrix.
///
/// Either way a row lists each of its record's labels once. `ascending` is
/// the canonical form: the builders, merge_records and closeness give it, and
/// records::cooccurrence needs it (its kernels walk each row's pairs (i, j)
/// with i < j). `as_given` keeps the order in which the record listed its
/// labels (first occurrence kept), for consumers whose result depends on that
/// order: rankings whose ties go to the label seen first
/// (convergence::tie_break::first_seen), or a first label with a meaning of
/// its own. records::cooccurrence rejects an `as_given` incidence.
enum class row_order : unsigned char {
    ascending,  ///< ids ascending within each row (the default)
    as_given,   ///< ids in the record's own order, each once (first occurrence kept)
};

/// \brief A read-only view of one row of an incidence_matrix: a range of label ids.
struct row_span {
    const std::int32_t* first = nullptr;  ///< first id of the row
    const std::int32_t* last = nullptr;   ///< one past its last id
    /// Iteration support.
    const std::int32_t* begin() const noexcept { return first; }
    /// Iteration support.
    const std::int32_t* end() const noexcept { return last; }
    /// Number of ids in the row.
    index size() const noexcept { return static_cast<index>(last - first); }
    /// Whether the row has no id.
    bool empty() const noexcept { return first == last; }
};

/// \brief The records x labels incidence in compressed sparse row form.
///
/// Row r holds the distinct label (code) ids of record r (duplicates within a
/// record are stored once), in ascending order unless `order` says
/// row_order::as_given. Ids are dense, 0 <= id < codes. A record may have no
/// label (an empty row). Two optional columns: `years` and `record_ids`, each
/// either empty or one entry per record (merge_records drops them: a group
/// has no single year or id).
struct incidence_matrix {
    index records = 0;                    ///< number of rows
    index codes = 0;                      ///< number of columns (labels)
    std::vector<index> record_offsets{0};  ///< row r is [record_offsets[r], record_offsets[r + 1])
    std::vector<std::int32_t> code_ids;   ///< column ids of the non-zeros, per row in `order`
    std::vector<year_type> years;         ///< optional: year of each record (no_year when unknown)
    std::vector<std::string> record_ids;  ///< optional: identifier of each record (may be empty strings)
    row_order order = row_order::ascending;  ///< order of the ids within each row

    /// Year of record `r`: no_year when unknown or when the incidence has no year column.
    year_type year(index r) const noexcept {
        return years.empty() ? no_year : years[static_cast<std::size_t>(r)];
    }

    /// Number of non-zeros (record-code incidences after de-duplication).
    index nnz() const noexcept { return static_cast<index>(code_ids.size()); }
    /// Number of distinct codes of record `r`.
    index codes_of_size(index r) const noexcept {
        return record_offsets[static_cast<std::size_t>(r + 1)] -
               record_offsets[static_cast<std::size_t>(r)];
    }
    /// Pointer to the first code id of record `r` (codes_of_size(r) ids follow).
    const std::int32_t* codes_of(index r) const noexcept {
        return code_ids.data() + record_offsets[static_cast<std::size_t>(r)];
    }
    /// The ids of record `r` as a range (in `order`). \pre 0 <= r < records.
    row_span row(index r) const noexcept { return row_span{codes_of(r), codes_of(r) + codes_of_size(r)}; }
    /// Occurrences: the number of records holding each code (column sums of A).
    ///
    /// Complexity: O(nnz + codes).
    vector occurrences() const {
        vector occ = vector::Zero(codes);
        for (const std::int32_t c : code_ids) occ[c] += 1.0;
        return occ;
    }
    /// \brief The incidence as an Eigen sparse matrix (records x codes, 1.0 per non-zero).
    ///
    /// Inner indices ascend within each row whatever `order` is (Eigen's compressed form).
    /// Complexity: O(nnz), plus O(nnz log k) for an as_given incidence (k ids per row).
    Eigen::SparseMatrix<double, Eigen::RowMajor> to_sparse() const {
        Eigen::SparseMatrix<double, Eigen::RowMajor> a(records, codes);
        a.resizeNonZeros(nnz());
        for (index r = 0; r <= records; ++r)
            a.outerIndexPtr()[r] = static_cast<int>(record_offsets[static_cast<std::size_t>(r)]);
        for (index k = 0; k < nnz(); ++k) {
            a.innerIndexPtr()[k] = code_ids[static_cast<std::size_t>(k)];
            a.valuePtr()[k] = 1.0;
        }
        if (order == row_order::as_given)
            for (index r = 0; r < records; ++r)
                std::sort(a.innerIndexPtr() + a.outerIndexPtr()[r], a.innerIndexPtr() + a.outerIndexPtr()[r + 1]);
        return a;
    }
};

/// \brief An incidence with the key of every code id.
///
/// `labels[id]` is the key of code id `id`; ids follow the keys' total
/// order (ascending by `Less`), so the numbering does not depend on the
/// order in which records were added.
/// \tparam Key the code key (std::string, an integer id, a classification symbol).
template <class Key>
struct incidence : incidence_matrix {
    std::vector<Key> labels;     ///< key of each code id, ascending
    index rejected_codes = 0;    ///< raw codes the projection rejected (never silently dropped)
    index empty_records = 0;     ///< records left without any accepted code
};

/// \brief The rule of the consumers that walk each row's pairs (i, j) with i < j
/// (records::cooccurrence, parallel::cooccurrence_stream): the rows of `a` must be
/// ascending. An `as_given` incidence is refused rather than counted wrongly.
/// \param who  the caller, named at the start of the message
/// \throws invalid_argument if `a.order` is row_order::as_given.
inline void require_ascending_rows(const incidence_matrix& a, const char* who) {
    if (a.order != row_order::ascending)
        techconv::detail::throw_error<invalid_argument>(std::string(who) +
                                                        ": the incidence's rows must be ascending "
                                                        "(row_order::ascending), not in the records' own order");
}

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

/// Identity projection of incidence_builder.
struct identity_projection {
    template <class T>
    const T& operator()(const T& x) const noexcept {
        return x;
    }
};

}  // namespace detail

/// \brief Builds an incidence record by record (ids numbered by key order at finish()).
///
/// Each record's codes pass through a projection (for example the
/// truncation of an IPC symbol to its subclass); the projection returns the
/// key, or `std::optional<Key>` where `std::nullopt` rejects the code (the
/// rejection is counted in incidence::rejected_codes). Keys repeated within a
/// record are stored once. finish() numbers the distinct keys in ascending
/// order.
///
/// \code
/// records::incidence_builder<std::string> b;
/// b.add_record(std::vector<std::string>{"F02C", "F02K", "F02C"});
/// auto inc = b.finish();   // 1 record, codes {F02C, F02K}
/// \endcode
/// \tparam Key  hashable, totally ordered, copyable key.
/// \tparam Hash hash of Key.
/// \tparam Less strict total order of Key (numbering order of code ids).
///
/// Complexity: add_record is O(k log k) for a record of k codes (hashing
/// plus a sort); finish is O(d log d + nnz) for d distinct keys.
template <class Key, class Hash = std::hash<Key>, class Less = std::less<Key>>
class incidence_builder {
public:
    /// Creates an empty builder.
    explicit incidence_builder(const incidence_options& opts = {}) : opts_(opts) {}

    /// \brief Adds one record whose elements are keys (or convertible to Key).
    /// \returns the record's 0-based index.
    template <class Range>
    index add_record(const Range& codes) {
        return add_record(codes, detail::identity_projection{});
    }

    /// \brief Adds one record, mapping each raw code through `proj`.
    ///
    /// \param codes any range of raw codes.
    /// \param proj  callable raw code -> Key or std::optional<Key> (nullopt rejects).
    /// \returns the record's 0-based index.
    template <class Range, class Proj>
    index add_record(const Range& codes, Proj&& proj) {
        scratch_.clear();
        for (const auto& raw : codes) {
            using result_t = std::decay_t<decltype(proj(raw))>;
            if constexpr (detail::is_optional<result_t>::value) {
                auto key = proj(raw);
                if (!key) {
                    ++rejected_;
                    continue;
                }
                scratch_.push_back(intern(*key));
            } else {
                scratch_.push_back(intern(Key(proj(raw))));
            }
            if (opts_.selection == code_selection::first_only) break;
        }
        std::sort(scratch_.begin(), scratch_.end());
        scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
        if (scratch_.empty()) ++empty_;
        ids_.insert(ids_.end(), scratch_.begin(), scratch_.end());
        offsets_.push_back(static_cast<index>(ids_.size()));
        return static_cast<index>(offsets_.size()) - 2;
    }

    /// Number of records added so far.
    index records() const noexcept { return static_cast<index>(offsets_.size()) - 1; }

    /// \brief Finishes the incidence: numbers keys in ascending order, sorts rows.
    ///
    /// The builder is left empty and reusable.
    incidence<Key> finish() {
        const std::size_t d = keys_.size();
        std::vector<std::int32_t> order(d);
        std::iota(order.begin(), order.end(), 0);
        Less less;
        std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
            return less(keys_[static_cast<std::size_t>(a)], keys_[static_cast<std::size_t>(b)]);
        });
        std::vector<std::int32_t> rank(d);
        incidence<Key> out;
        out.labels.reserve(d);
        for (std::size_t i = 0; i < d; ++i) {
            rank[static_cast<std::size_t>(order[i])] = static_cast<std::int32_t>(i);
            out.labels.push_back(std::move(keys_[static_cast<std::size_t>(order[i])]));
        }
        for (auto& id : ids_) id = rank[static_cast<std::size_t>(id)];
        for (std::size_t r = 0; r + 1 < offsets_.size(); ++r)
            std::sort(ids_.begin() + offsets_[r], ids_.begin() + offsets_[r + 1]);
        out.records = records();
        out.codes = static_cast<index>(d);
        out.record_offsets = std::move(offsets_);
        out.code_ids = std::move(ids_);
        out.rejected_codes = rejected_;
        out.empty_records = empty_;
        *this = incidence_builder(opts_);
        return out;
    }

private:
    std::int32_t intern(const Key& key) {
        auto it = map_.find(key);
        if (it != map_.end()) return it->second;
        techconv::detail::require(keys_.size() < static_cast<std::size_t>(INT32_MAX),
                        "records::incidence_builder: more than 2^31-1 distinct codes");
        const auto id = static_cast<std::int32_t>(keys_.size());
        map_.emplace(key, id);
        keys_.push_back(key);
        return id;
    }

    incidence_options opts_;
    std::unordered_map<Key, std::int32_t, Hash> map_;
    std::vector<Key> keys_;
    std::vector<index> offsets_{0};
    std::vector<std::int32_t> ids_;
    std::vector<std::int32_t> scratch_;
    index rejected_ = 0;
    index empty_ = 0;
};

/// \brief Merges records into groups (e.g. simple patent families) before counting.
///
/// Row g of the result is the union of the codes of every record r with
/// `group_of[r] == g`; records mapped to `no_index` are left out (and
/// counted in `dropped`, if given).
/// \param a         incidence to merge.
/// \param group_of  one group id per record, in [0, groups) or no_index.
/// \param dropped   optional out: number of records mapped to no_index.
/// \pre group_of.size() == a.records; ids >= 0 or no_index.
/// \returns an incidence with max(group_of) + 1 rows and the same code ids,
///          rows ascending (labels and counters of `a` are copied when `a` is labelled).
/// \throws invalid_argument on a size mismatch or an id < -1.
/// Complexity: O(nnz log k + records + groups), k = codes per group.
template <class Incidence>
Incidence merge_records(const Incidence& a, const std::vector<index>& group_of,
                        index* dropped = nullptr) {
    techconv::detail::require(static_cast<index>(group_of.size()) == a.records,
                    "records::merge_records: group_of must have one entry per record");
    index groups = 0, skipped = 0;
    for (const index g : group_of) {
        techconv::detail::require(g >= no_index, "records::merge_records: negative group id");
        if (g == no_index) ++skipped;
        groups = std::max(groups, g + 1);
    }
    // Records of each group (counting sort, stable in record order).
    std::vector<index> start(static_cast<std::size_t>(groups) + 1, 0);
    for (const index g : group_of)
        if (g != no_index) ++start[static_cast<std::size_t>(g) + 1];
    for (std::size_t g = 0; g < static_cast<std::size_t>(groups); ++g) start[g + 1] += start[g];
    std::vector<index> members(static_cast<std::size_t>(start.back()));
    {
        std::vector<index> pos(start.begin(), start.end() - 1);
        for (index r = 0; r < a.records; ++r) {
            const index g = group_of[static_cast<std::size_t>(r)];
            if (g != no_index) members[static_cast<std::size_t>(pos[static_cast<std::size_t>(g)]++)] = r;
        }
    }
    Incidence out = a;
    out.records = groups;
    out.order = row_order::ascending;
    out.years.clear();
    out.record_ids.clear();
    out.record_offsets.assign(1, 0);
    out.record_offsets.reserve(static_cast<std::size_t>(groups) + 1);
    out.code_ids.clear();
    out.code_ids.reserve(a.code_ids.size());
    std::vector<std::int32_t> buf;
    for (std::size_t g = 0; g < static_cast<std::size_t>(groups); ++g) {
        buf.clear();
        for (index m = start[g]; m < start[g + 1]; ++m) {
            const index r = members[static_cast<std::size_t>(m)];
            buf.insert(buf.end(), a.codes_of(r), a.codes_of(r) + a.codes_of_size(r));
        }
        std::sort(buf.begin(), buf.end());
        buf.erase(std::unique(buf.begin(), buf.end()), buf.end());
        out.code_ids.insert(out.code_ids.end(), buf.begin(), buf.end());
        out.record_offsets.push_back(static_cast<index>(out.code_ids.size()));
    }
    if constexpr (!std::is_same_v<Incidence, incidence_matrix>) {
        index empty = 0;
        for (index g = 0; g < groups; ++g) empty += out.codes_of_size(g) == 0 ? 1 : 0;
        out.empty_records = empty;
    }
    if (dropped) *dropped = skipped;
    return out;
}

/// \brief The labels of an incidence as strings (for graphs and exports).
///
/// Strings are copied; arithmetic keys use std::to_string; any other key is
/// written with `operator<<`.
/// Complexity: O(codes).
template <class Key>
std::vector<std::string> label_strings(const incidence<Key>& a) {
    std::vector<std::string> out;
    out.reserve(a.labels.size());
    for (const Key& k : a.labels) {
        if constexpr (std::is_convertible_v<const Key&, std::string>) {
            out.emplace_back(k);
        } else if constexpr (std::is_arithmetic_v<Key>) {
            out.push_back(std::to_string(k));
        } else {
            std::ostringstream os;
            os << k;
            out.push_back(os.str());
        }
    }
    return out;
}

}  // namespace records
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_INCIDENCE_HPP_
