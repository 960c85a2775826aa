// Shared helper of the records tests: field-by-field equality of patent records.
#ifndef TECHCONV_TESTS_RECORDS_RECORD_EQUAL_HPP_
#define TECHCONV_TESTS_RECORDS_RECORD_EQUAL_HPP_

#include <string>
#include <vector>

#include <techconv/records/patent.hpp>

namespace techconv_test {

inline bool same_parties(const std::vector<techconv::io::party>& a, const std::vector<techconv::io::party>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].type != b[i].type || a[i].country != b[i].country) return false;
    return true;
}

/// The first field in which `a` and `b` differ ("" when every field is equal).
inline std::string record_difference(const techconv::io::patent_record& a, const techconv::io::patent_record& b) {
    if (a.id != b.id) return "id";
    if (a.lens_id != b.lens_id) return "lens_id";
    if (a.family_id != b.family_id) return "family_id";
    if (a.jurisdiction != b.jurisdiction) return "jurisdiction";
    if (a.kind != b.kind) return "kind";
    if (a.document_type != b.document_type) return "document_type";
    if (a.title != b.title) return "title";
    if (a.publication_year != b.publication_year) return "publication_year";
    if (a.application_year != b.application_year) return "application_year";
    if (a.priority_year != b.priority_year) return "priority_year";
    if (!same_parties(a.applicants, b.applicants)) return "applicants";
    if (!same_parties(a.inventors, b.inventors)) return "inventors";
    if (a.ipc != b.ipc) return "ipc";
    if (a.cpc != b.cpc) return "cpc";
    if (a.family_jurisdictions != b.family_jurisdictions) return "family_jurisdictions";
    if (a.priority_countries != b.priority_countries) return "priority_countries";
    if (a.priority_numbers != b.priority_numbers) return "priority_numbers";
    if (a.npl_list_items != b.npl_list_items) return "npl_list_items";
    if (a.counts != b.counts) return "counts";
    if (a.fields != b.fields) return "fields";
    if (a.source_line != b.source_line) return "source_line";
    if (a.members != b.members) return "members";
    return {};
}

/// Number of positions where the two lists differ (or the size difference).
inline std::size_t count_record_differences(const std::vector<techconv::io::patent_record>& a,
                                            const std::vector<techconv::io::patent_record>& b) {
    if (a.size() != b.size()) return a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    std::size_t n = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto d = record_difference(a[i], b[i]);
        if (!d.empty()) {
            if (n < 3) MESSAGE("record " << i << " (" << a[i].id << ") differs in " << d);
            ++n;
        }
    }
    return n;
}

}  // namespace techconv_test

#endif
