// Checks shared by the fuzz targets of the patent readers that read codes and tables:
// every IPC/CPC code a record lists parses and is listed once; an input split at form feeds
// into the tables of a multi-table reader (PATSTAT, PatentsView bulk).
#ifndef TECHCONV_TESTS_FUZZ_PATENT_CHECKS_HPP_
#define TECHCONV_TESTS_FUZZ_PATENT_CHECKS_HPP_

#include <cstddef>  // std::size_t
#include <set>      // std::set
#include <string>   // std::string
#include <vector>   // std::vector

#include <techconv/classification/ipc.hpp>

#include "fuzz_support.hpp"

namespace techconv_fuzz {

/// Every code of record `id` parses (classification::try_parse_ipc) and is listed once.
inline void check_codes(const std::vector<std::string>& codes, const std::string& id) {
    std::set<std::string> seen;
    for (const auto& c : codes) {
        check(techconv::classification::try_parse_ipc(c).has_value(), "a code that does not parse", c);
        check(seen.insert(c).second, "a code listed twice", id + " " + c);
    }
}

/// `text` split at form feeds ('\f') into at most `most` tables (the last keeps the rest).
inline std::vector<std::string> split_tables(const std::string& text, std::size_t most = 8) {
    std::vector<std::string> tables;
    std::size_t from = 0;
    while (tables.size() < most) {
        const std::size_t to = text.find('\f', from);
        tables.push_back(text.substr(from, to - from));
        if (to == std::string::npos) break;
        from = to + 1;
    }
    return tables;
}

}  // namespace techconv_fuzz

#endif  // TECHCONV_TESTS_FUZZ_PATENT_CHECKS_HPP_
