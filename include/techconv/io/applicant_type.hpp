// SPDX-License-Identifier: BSL-1.0
//
// Applicant type classification by name rules: company, university,
// institute or individual. The word lists are data (applicant_rules), so a
// user can extend, replace or override them per name.
#ifndef TECHCONV_IO_APPLICANT_TYPE_HPP_
#define TECHCONV_IO_APPLICANT_TYPE_HPP_

#include <cstddef>      // std::size_t
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::pair
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/io/detail/patent_text.hpp"
#include "techconv/io/patent.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {

/// \brief Name rules of classify_applicant().
///
/// A keyword is matched against the words of the name after name_key-style
/// normalisation (ASCII upper case, punctuation as word breaks):
///  - an ASCII keyword of several words matches consecutive words
///    ("KABUSHIKI KAISHA");
///  - a keyword ending in `*` matches words starting with the rest ("UNIV*"
///    matches UNIV, UNIVERSITY, UNIVERSITAET);
///  - a keyword with non-ASCII bytes (e.g. CJK "大学") matches as a substring.
///
/// Rules apply in this order, the first hit wins: `overrides` (exact name key),
/// `university`, `company_forms` (legal forms), `institute`, `company_words`
/// (industry words), then the person rule: a name with `min_person_words` to
/// `max_person_words` words and no keyword is an individual. Anything else is
/// `unknown`.
struct applicant_rules {
    std::vector<std::string> university;     ///< universities, colleges, institutes of technology
    std::vector<std::string> company_forms;  ///< legal forms: INC, LTD, GMBH, CO, KABUSHIKI KAISHA, ...
    std::vector<std::string> institute;      ///< research institutes, academies, government bodies
    std::vector<std::string> company_words;  ///< industry words: SYSTEMS, ELECTRONICS, ENGINES, ...
    /// Exact overrides: name key (see classify_applicant) → type; checked first.
    std::vector<std::pair<std::string, applicant_type>> overrides;
    std::size_t min_person_words = 2;  ///< fewest words of a name classified as a person
    std::size_t max_person_words = 5;  ///< most words of a name classified as a person
};

/// \brief The built-in rules (documented in docs/io-patents.md).
///
/// Government bodies (US NAVY, MINISTRY, SECRETARY, AGENCY, ...) count as
/// `institute`: [KCT] distinguishes only companies, universities, institutes
/// and individuals. Institutes of technology (MIT, Beijing Institute of
/// Technology) count as universities.
inline const applicant_rules& default_applicant_rules() {
    static const applicant_rules rules = [] {
        applicant_rules r;
        r.university = {"UNIV*", "COLLEGE", "HOCHSCHULE", "POLYTECHNIC", "POLITECNICO",
                        "POLYTECHNIQUE", "ECOLE", "INSTITUTE OF TECHNOLOGY", "INST OF TECHNOLOGY",
                        "INST OF TECH", "INST TECHNOLOGY", "SCHOOL", "大学", "大學", "대학교"};
        r.company_forms = {"INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LTD",
                           "LIMITED", "LLC", "LLP", "PLC", "GMBH", "AG", "KG", "SA", "SAS",
                           "SARL", "SPA", "SRL", "BV", "NV", "AB", "ASA", "OY", "OYJ", "KK",
                           "KABUSHIKI KAISHA", "PTY", "PVT", "GROUP", "HOLDINGS", "HOLDING",
                           "公司", "株式会社", "有限会社", "集团", "企业", "주식회사", "ООО", "ОАО",
                           "ЗАО", "ПАО", "АО"};
        r.institute = {"INST*", "RES", "RESEARCH", "ACAD*", "LAB", "LABS", "LABORATORY",
                       "LABORATORIES", "CENTRE", "CENTER", "FOUNDATION", "COUNCIL", "CNRS",
                       "FRAUNHOFER", "COMMISSARIAT", "ONERA", "NAVY", "ARMY", "AIR FORCE",
                       "GOVERNMENT", "MINISTRY", "SECRETARY", "ADMINISTRATION", "AGENCY",
                       "NASA", "DEPARTMENT", "FEDERAL", "研究所", "研究院", "科学院", "研究中心",
                       "实验室", "ИНСТИТУТ", "УНИВЕРСИТЕТ"};
        r.company_words = {"TECHNOLOGY", "TECHNOLOGIES", "TECH", "SYSTEMS", "INDUSTRIES",
                           "INDUSTRY", "INDUSTRIAL", "ELECTRIC", "ELECTRONICS", "ENGINES",
                           "ENGINE", "MOTOR", "MOTORS", "AEROSPACE", "AIRCRAFT", "AVIATION",
                           "ENGINEERING", "INTERNATIONAL", "MANUFACTURING", "MFG", "ENTERPRISES",
                           "SOLUTIONS", "PHARMACEUTICALS", "PHARMA", "THERAPEUTICS",
                           "BIOSCIENCES", "SCIENCES", "ENERGY", "POWER", "SCIENTIFIC", "DEVICES",
                           "SEMICONDUCTOR", "TELECOM", "COMMUNICATIONS", "NETWORKS", "SOFTWARE",
                           "DYNAMICS", "AUTOMOTIVE", "WORKS", "PRODUCTS", "SERVICES", "GLOBAL",
                           "TRUST", "PARTNERS", "AGROSCIENCES"};
        return r;
    }();
    return rules;
}

namespace detail {

inline bool has_non_ascii(std::string_view s) noexcept {
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

// Words of a name key (blank-separated).
inline std::vector<std::string_view> key_words(std::string_view key) {
    std::vector<std::string_view> w;
    std::size_t b = 0;
    while (b < key.size()) {
        std::size_t e = key.find(' ', b);
        if (e == std::string_view::npos) e = key.size();
        if (e > b) w.push_back(key.substr(b, e - b));
        b = e + 1;
    }
    return w;
}

inline bool keyword_hits(std::string_view raw_upper, const std::vector<std::string_view>& words,
                         std::string_view kw) {
    if (kw.empty()) return false;
    if (has_non_ascii(kw)) return raw_upper.find(kw) != std::string_view::npos;
    const std::string kkey = name_key(kw.back() == '*' ? kw.substr(0, kw.size() - 1) : kw);
    const bool prefix = kw.back() == '*';
    const auto kwords = key_words(kkey);
    if (kwords.empty() || kwords.size() > words.size()) return false;
    for (std::size_t s = 0; s + kwords.size() <= words.size(); ++s) {
        bool ok = true;
        for (std::size_t k = 0; k < kwords.size() && ok; ++k) {
            const bool last = k + 1 == kwords.size();
            if (prefix && last) {
                ok = words[s + k].substr(0, kwords[k].size()) == kwords[k];
            } else {
                ok = words[s + k] == kwords[k];
            }
        }
        if (ok) return true;
    }
    return false;
}

inline bool any_hit(std::string_view raw_upper, const std::vector<std::string_view>& words,
                    const std::vector<std::string>& kws) {
    for (const auto& kw : kws)
        if (keyword_hits(raw_upper, words, kw)) return true;
    return false;
}

}  // namespace detail

/// \brief Classifies an applicant name as company, university, institute or individual.
///
/// \param name applicant as written by the source, e.g. `SANGAMO THERAPEUTICS INC`
/// \param rules keyword lists and overrides (default: default_applicant_rules())
/// \returns the type of the first rule that matches (order in applicant_rules),
///          `unknown` for an empty name or a name no rule covers
///
/// Examples: `TSINGHUA UNIVERSITY` → university; `US NAVY` → institute;
/// `SAMSUNG ELECTRONICS CO LTD` → company; `NEWCOMER FRED MICHAEL` → individual.
/// The person rule is a heuristic: a company named without any legal form or
/// industry word is taken for a person; add such names to `overrides`.
///
/// Complexity: O(K·w) for K keywords and w words in the name.
inline applicant_type classify_applicant(std::string_view name,
                                         const applicant_rules& rules = default_applicant_rules()) {
    const std::string key = detail::name_key(name);
    if (key.empty()) return applicant_type::unknown;
    for (const auto& o : rules.overrides)
        if (detail::name_key(o.first) == key) return o.second;
    std::string upper;
    upper.reserve(name.size());
    for (const char c : name) upper.push_back(ascii_upper(c));
    const auto words = detail::key_words(key);
    if (detail::any_hit(upper, words, rules.university)) return applicant_type::university;
    if (detail::any_hit(upper, words, rules.company_forms)) return applicant_type::company;
    if (detail::any_hit(upper, words, rules.institute)) return applicant_type::institute;
    if (detail::any_hit(upper, words, rules.company_words)) return applicant_type::company;
    if (words.size() >= rules.min_person_words && words.size() <= rules.max_person_words)
        return applicant_type::individual;
    return applicant_type::unknown;
}

/// \brief Sets the type of every party whose type is `unknown` by classify_applicant().
///
/// Types already known (e.g. persons in USPTO XML) are kept.
inline void classify_parties(std::vector<party>& parties,
                             const applicant_rules& rules = default_applicant_rules()) {
    for (auto& p : parties)
        if (p.type == applicant_type::unknown) p.type = classify_applicant(p.name, rules);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_APPLICANT_TYPE_HPP_
