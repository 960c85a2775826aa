// SPDX-License-Identifier: BSL-1.0
//
// Internal one-pass tally of keys over records (range of ranges of codes),
// shared by shares.hpp and concentration.hpp. Keys are kept in first-seen
// order; each record counts a key at most once (whole counting) and, for
// fractional counting, contributes 1/m to each of its m distinct keys.
// IWYU pragma: private, include "techconv/convergence.hpp"
#ifndef TECHCONV_CONVERGENCE_DETAIL_TALLY_HPP_
#define TECHCONV_CONVERGENCE_DETAIL_TALLY_HPP_

#include <cstddef>        // std::size_t
#include <functional>     // std::invoke, std::hash
#include <iterator>       // std::begin, std::end
#include <type_traits>    // std::decay_t, std::invoke_result_t
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::declval, std::forward
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/convergence/common.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace convergence {
namespace detail {

/// The key type a projection yields for the codes of a records range.
template <class Records, class Projection>
using record_key_t = std::decay_t<std::invoke_result_t<
    const Projection&, decltype(*std::begin(*std::begin(std::declval<const Records&>())))>>;

/// Keys in first-seen order with whole and fractional counts.
template <class Key>
struct key_tally {
    std::vector<Key> keys;           ///< distinct keys, first-seen order
    std::vector<index> whole;        ///< records carrying each key
    std::vector<double> fractional;  ///< sum over records of 1/(distinct keys of the record)
    index records = 0;               ///< records seen
    index unlabelled = 0;            ///< records with no code in scope
};

/// Finds or adds the slot of a key (first-seen order).
template <class Key>
class key_slots {
public:
    explicit key_slots(key_tally<Key>& t) : t_(t) {}
    template <class K>
    std::size_t slot(K&& k) {
        auto it = slot_of_.find(k);
        if (it != slot_of_.end()) return it->second;
        const std::size_t s = t_.keys.size();
        slot_of_.emplace(k, s);
        t_.keys.push_back(std::forward<K>(k));
        t_.whole.push_back(0);
        t_.fractional.push_back(0.0);
        return s;
    }

private:
    key_tally<Key>& t_;
    std::unordered_map<Key, std::size_t> slot_of_;
};

/// Tallies keys over records; each record counts each of its distinct keys once.
template <class Records, class Projection>
key_tally<record_key_t<Records, Projection>> tally_records(const Records& records,
                                                           const Projection& proj,
                                                           code_scope scope) {
    using key = record_key_t<Records, Projection>;
    key_tally<key> t;
    key_slots<key> slots(t);
    std::vector<index> last_record;  // per slot: last record that counted it
    std::vector<std::size_t> here;   // slots of the current record
    for (const auto& rec : records) {
        here.clear();
        for (const auto& code : rec) {
            const std::size_t s = slots.slot(std::invoke(proj, code));
            if (s == last_record.size()) last_record.push_back(-1);
            if (last_record[s] != t.records) {
                last_record[s] = t.records;
                ++t.whole[s];
                here.push_back(s);
            }
            if (scope == code_scope::main) break;
        }
        if (here.empty()) {
            ++t.unlabelled;
        } else {
            const double w = 1.0 / static_cast<double>(here.size());
            for (const std::size_t s : here) t.fractional[s] += w;
        }
        ++t.records;
    }
    return t;
}

/// Tallies a flat range with one key per record.
template <class Labels>
key_tally<std::decay_t<decltype(*std::begin(std::declval<const Labels&>()))>> tally_labels(
    const Labels& labels) {
    using key = std::decay_t<decltype(*std::begin(std::declval<const Labels&>()))>;
    key_tally<key> t;
    key_slots<key> slots(t);
    for (const auto& l : labels) {
        const std::size_t s = slots.slot(l);
        ++t.whole[s];
        t.fractional[s] += 1.0;
        ++t.records;
    }
    return t;
}

}  // namespace detail
}  // namespace convergence
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CONVERGENCE_DETAIL_TALLY_HPP_
