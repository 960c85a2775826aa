// SPDX-License-Identifier: BSL-1.0
//
// The diversity indices of a group of patent records ([KCT] §2.1): over the
// counts of their main IPC subclasses (technology diversity) and of their
// applicants (applicant concentration), with the convergence module's
// measures, and Rao–Stirling with the group's own co-classification distances.
#ifndef TECHCONV_ANALYSIS_GROUP_DIVERSITY_HPP_
#define TECHCONV_ANALYSIS_GROUP_DIVERSITY_HPP_

#include <cstddef>  // std::size_t
#include <map>      // std::map
#include <string>   // std::string
#include <utility>  // std::pair
#include <vector>   // std::vector

#include <Eigen/Core>

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
/// Not safe for concurrent use; the result does not depend on the order in
/// which records are added except through ties, which it has none of (all
/// figures are order-free sums over sorted keys).
class group_diversity {
public:
    /// \brief Adds one record: its subclasses (main first, distinct) and applicant names.
    void add(const std::vector<std::string>& subclasses, const std::vector<std::string>& applicants) {
        ++records_;
        std::vector<index> ids;
        for (const auto& s : subclasses) ids.push_back(id_of(s));
        if (!ids.empty()) ++main_[ids.front()];
        for (std::size_t a = 0; a < ids.size(); ++a)
            for (std::size_t b = 0; b < ids.size(); ++b) ++pairs_[{ids[a], ids[b]}];
        std::vector<std::string> seen;
        for (const auto& n : applicants) {
            bool dup = false;
            for (const auto& x : seen) dup = dup || x == n;
            if (dup) continue;
            seen.push_back(n);
            ++applicants_[n];
        }
    }

    /// \brief The indices of the records added so far.
    diversity_indices result() const {
        diversity_indices d;
        d.records = records_;
        // subclasses in label order, so that every sum runs in one fixed order
        std::vector<std::string> labels(ids_.size());
        for (const auto& [label, id] : ids_) labels[static_cast<std::size_t>(id)] = label;
        std::vector<index> order(ids_.size());
        {
            std::size_t k = 0;
            for (const auto& kv : ids_) order[k++] = kv.second;
        }
        std::vector<double> main(order.size(), 0.0);
        for (std::size_t k = 0; k < order.size(); ++k) {
            const auto it = main_.find(order[k]);
            main[k] = it == main_.end() ? 0.0 : static_cast<double>(it->second);
        }
        d.main_subclasses = static_cast<index>(main_.size());
        d.shannon = convergence::shannon(main);
        d.simpson = convergence::simpson(main);
        d.gini_simpson = convergence::gini_simpson(main);
        const auto conc = convergence::concentration(main);
        d.hhi = conc.hhi;
        d.cr4 = conc.cr_k;
        d.hill2 = convergence::hill_t{2.0}(main);
        if (!order.empty()) {
            std::vector<index> pos(order.size());
            for (std::size_t k = 0; k < order.size(); ++k) pos[static_cast<std::size_t>(order[k])] = static_cast<index>(k);
            const auto n = static_cast<index>(order.size());
            matrix c = matrix::Zero(n, n);
            for (const auto& [ab, cnt] : pairs_)
                c(pos[static_cast<std::size_t>(ab.first)], pos[static_cast<std::size_t>(ab.second)]) =
                    static_cast<double>(cnt);
            const auto dis = convergence::cosine_dissimilarity(c);
            d.rao_stirling = convergence::rao_stirling_t(dis.distance)(main);
        }
        std::vector<double> app;
        for (const auto& kv : applicants_) app.push_back(static_cast<double>(kv.second));
        const auto ac = convergence::concentration(app);
        d.applicants = static_cast<index>(app.size());
        d.applicant_hhi = ac.hhi;
        d.applicant_cr4 = ac.cr_k;
        return d;
    }

private:
    index id_of(const std::string& s) {
        const auto it = ids_.find(s);
        if (it != ids_.end()) return it->second;
        const auto id = static_cast<index>(ids_.size());
        ids_.emplace(s, id);
        return id;
    }

    index records_ = 0;
    std::map<std::string, index> ids_;              // subclass -> id (first-seen)
    std::map<index, index> main_;                   // id -> records with it as main subclass
    std::map<std::pair<index, index>, index> pairs_;  // (a, b) -> records with both (a == b: with a)
    std::map<std::string, index> applicants_;       // name -> records
};

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_GROUP_DIVERSITY_HPP_
