// SPDX-License-Identifier: BSL-1.0
//
// The diversity indices of a group of patent records ([KCT] §2.1): over the
// counts of their main IPC subclasses (technology diversity) and of their
// applicants (applicant concentration), with the convergence module's
// measures, and Rao–Stirling with the group's own co-classification distances.
#ifndef TECHCONV_ANALYSIS_GROUP_DIVERSITY_HPP_
#define TECHCONV_ANALYSIS_GROUP_DIVERSITY_HPP_

#include <algorithm>      // std::sort
#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint64_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::pair
#include <vector>         // std::vector

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include "techconv/config.hpp"
#include "techconv/convergence/concentration.hpp"
#include "techconv/convergence/diversity.hpp"
#include "techconv/convergence/rao_stirling.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief Diversity indices of one group.
///
/// Technology figures use the count of records per main subclass (the first
/// subclass of each record); applicant figures the count of records per
/// applicant name (a record counts once for each of its applicants). All are
/// 0 for a group without records; never NaN.
struct diversity_indices {
    index records = 0;            ///< records of the group that were measured
    index main_subclasses = 0;    ///< richness: distinct main subclasses
    double shannon = 0.0;         ///< Shannon entropy (nats) of the main-subclass shares
    double simpson = 0.0;         ///< Simpson's lambda = sum p^2
    double gini_simpson = 0.0;    ///< 1 - lambda
    double hhi = 0.0;             ///< Herfindahl-Hirschman index of the main-subclass shares (= lambda)
    double hill2 = 0.0;           ///< Hill number of order 2 (inverse Simpson)
    double cr4 = 0.0;             ///< share of the 4 largest main subclasses
    /// Rao–Stirling (ordered pairs, alpha = beta = 1) of the main-subclass shares with
    /// d = 1 - cosine of the subclasses' co-occurrence over all codes of the group's records.
    double rao_stirling = 0.0;
    index applicants = 0;         ///< distinct applicants
    double applicant_hhi = 0.0;   ///< HHI of the applicant record counts
    double applicant_cr4 = 0.0;   ///< share of the 4 largest applicants
};

/// \brief Collects the records of one group and computes its diversity_indices.
///
/// Memory: the distinct subclasses, subclass pairs and applicants seen (the
/// co-occurrence counts stay sparse; result() needs O(subclasses) more).
///
/// Not safe for concurrent use; the result does not depend on the order in
/// which records are added except through ties, which it has none of (all
/// figures are order-free sums over sorted keys: the counts are kept in hash
/// tables and sorted by subclass and applicant name when the result is made).
class group_diversity {
public:
    /// \brief Adds one record: its subclasses (main first, distinct) and applicant names.
    void add(const std::vector<std::string>& subclasses, const std::vector<std::string>& applicants) {
        ++records_;
        ids_.clear();
        for (const auto& s : subclasses) ids_.push_back(id_of(s));
        if (!ids_.empty()) ++main_[static_cast<std::size_t>(ids_.front())];
        for (const index a : ids_)
            for (const index b : ids_) ++pairs_[pair_key(a, b)];
        for (std::size_t i = 0; i < applicants.size(); ++i) {
            bool dup = false;  // a record counts once per applicant
            for (std::size_t j = 0; j < i && !dup; ++j) dup = applicants[j] == applicants[i];
            if (!dup) ++applicant_records_[applicants[i]];
        }
    }

    /// \brief The indices of the records added so far.
    diversity_indices result() const {
        diversity_indices d;
        d.records = records_;
        // subclasses in label order, so that every sum runs in one fixed order
        std::vector<std::pair<std::string_view, index>> by_label;
        by_label.reserve(subclass_ids_.size());
        for (const auto& [label, id] : subclass_ids_) by_label.emplace_back(label, id);
        std::sort(by_label.begin(), by_label.end());
        const std::size_t n = by_label.size();
        std::vector<double> main(n, 0.0);
        std::vector<index> pos(n);
        for (std::size_t k = 0; k < n; ++k) {
            const auto id = static_cast<std::size_t>(by_label[k].second);
            main[k] = static_cast<double>(main_[id]);
            pos[id] = static_cast<index>(k);
            if (main_[id] > 0) ++d.main_subclasses;
        }
        d.shannon = convergence::shannon(main);
        d.simpson = convergence::simpson(main);
        d.gini_simpson = convergence::gini_simpson(main);
        const auto conc = convergence::concentration(main);
        d.hhi = conc.hhi;
        d.cr4 = conc.cr_k;
        d.hill2 = convergence::hill_t{2.0}(main);
        if (n != 0) {
            // the co-occurrence counts stay sparse (no n x n matrix: n reaches 10^4 subclasses)
            std::vector<Eigen::Triplet<double>> cells;
            cells.reserve(pairs_.size());
            for (const auto& [ab, cnt] : pairs_)
                cells.emplace_back(pos[static_cast<std::size_t>(ab >> 32)],
                                   pos[static_cast<std::size_t>(ab & 0xffffffffu)], static_cast<double>(cnt));
            Eigen::SparseMatrix<double, Eigen::RowMajor> c(static_cast<index>(n), static_cast<index>(n));
            c.setFromTriplets(cells.begin(), cells.end());
            d.rao_stirling = convergence::rao_stirling_occurrence_cosine(main, c);
        }
        // applicants in name order (the sums' fixed order)
        std::vector<std::pair<std::string_view, index>> apps(applicant_records_.begin(), applicant_records_.end());
        std::sort(apps.begin(), apps.end());
        std::vector<double> app;
        app.reserve(apps.size());
        for (const auto& a : apps) app.push_back(static_cast<double>(a.second));
        const auto ac = convergence::concentration(app);
        d.applicants = static_cast<index>(app.size());
        d.applicant_hhi = ac.hhi;
        d.applicant_cr4 = ac.cr_k;
        return d;
    }

private:
    static std::uint64_t pair_key(index a, index b) noexcept {
        return (static_cast<std::uint64_t>(a) << 32) | static_cast<std::uint64_t>(b);
    }
    index id_of(const std::string& s) {
        const auto it = subclass_ids_.find(s);
        if (it != subclass_ids_.end()) return it->second;
        const auto id = static_cast<index>(subclass_ids_.size());
        subclass_ids_.emplace(s, id);
        main_.push_back(0);
        return id;
    }

    index records_ = 0;
    std::unordered_map<std::string, index> subclass_ids_;  // subclass -> id (first-seen)
    std::vector<index> main_;                              // id -> records with it as main subclass
    std::unordered_map<std::uint64_t, index> pairs_;       // (a, b) -> records with both (a == b: with a)
    std::unordered_map<std::string, index> applicant_records_;  // name -> records
    std::vector<index> ids_;                               // scratch: the ids of the record being added
};

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_GROUP_DIVERSITY_HPP_
