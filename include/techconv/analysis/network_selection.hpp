// SPDX-License-Identifier: BSL-1.0
//
// Which records enter the [KCT] co-classification network (analysis::network):
// every record, or only the key core (select_key_core). `techconv network
// --key-core-only` and the Python binding's techconv.network(key_core_only=True)
// both select here; period_networks cuts them into periods (`network --periods`).
#ifndef TECHCONV_ANALYSIS_NETWORK_SELECTION_HPP_
#define TECHCONV_ANALYSIS_NETWORK_SELECTION_HPP_

#include <cstddef>   // std::size_t
#include <optional>  // std::optional
#include <vector>    // std::vector

#include "techconv/analysis/keycore.hpp"
#include "techconv/analysis/network.hpp"
#include "techconv/analysis/periods.hpp"
#include "techconv/analysis/record_source.hpp"
#include "techconv/config.hpp"
#include "techconv/records/patent_table.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace analysis {

/// \brief The records of a network: rows of the table, and the key-core selection
/// they came from (when only the key core was asked for).
struct network_selection {
    std::vector<std::size_t> rows;               ///< input records in the network, in input order
    std::optional<key_core_selection> key_core;  ///< set when key_core_only
};

/// \brief The rows of `table` that analysis::network() takes: all of them, or with
/// `key_core_only` the key core as select_key_core(`table`, `key_core`) selects it
/// (indicators, fraction and threads of `key_core` are used).
/// \throws invalid_argument from select_key_core (fewer than 2 records or no indicator).
template <class Table, if_patent_table<Table> = 0>
network_selection network_records(const Table& table, bool key_core_only, const key_core_options& key_core = {}) {
    network_selection out;
    std::vector<char> mask(table.size(), 1);
    if (key_core_only) {
        out.key_core = select_key_core(table, key_core);
        mask = out.key_core->mask;
    }
    for (std::size_t i = 0; i < table.size(); ++i)
        if (mask[i]) out.rows.push_back(i);
    return out;
}

/// \brief The network of the records of one period.
struct period_network {
    year_period span;          ///< the years
    index records = 0;         ///< records of the selection whose year lies in the period
    /// ok; empty_input when no record of the period has a code at the level (no network:
    /// `network` is left empty and every figure 0).
    status info = status::ok;
    network_result network;    ///< analysis::network() of the period's records (when ok)
};

/// \brief Time-sliced networks: the rows `rows` of `table` split by split_periods(`spec`) (the
/// period rule of analysis::evolution), and for each period analysis::network(`table`, the
/// period's rows, `opts`) — the same network, measures and clusters as of those records alone.
/// \throws invalid_argument as split_periods and analysis::network (options).
inline std::vector<period_network> period_networks(const records::patent_table& table, const std::vector<std::size_t>& rows,
                                            const period_spec& spec, const network_options& opts) {
    detail::check_network_options(opts);
    const auto split = split_periods(table, rows, spec);
    std::vector<period_network> out(split.periods.size());
    table_source src(table);
    for (std::size_t k = 0; k < out.size(); ++k) {
        auto& pn = out[k];
        pn.span = split.periods[k];
        pn.records = static_cast<index>(split.rows[k].size());
        bool coded = false;
        for (const auto& l : detail::project_records(src, split.rows[k], opts).lists) coded = coded || !l.empty();
        if (!coded) {
            pn.info = status::empty_input;
            continue;
        }
        pn.network = network(table, split.rows[k], opts);
    }
    return out;
}

}  // namespace analysis
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_ANALYSIS_NETWORK_SELECTION_HPP_
