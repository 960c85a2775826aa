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
#include "techconv/records/detail/patent_text.hpp"
#include "techconv/records/patent.hpp"

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

// One keyword, prepared: its words (ASCII) or its raw bytes (non-ASCII substring).
struct compiled_keyword {
    std::vector<std::string> words;
    std::string raw;
    bool prefix = false;

    explicit compiled_keyword(std::string_view kw) {
        if (has_non_ascii(kw)) {
            raw = std::string(kw);
            return;
        }
        prefix = !kw.empty() && kw.back() == '*';
        const std::string key = name_key(prefix ? kw.substr(0, kw.size() - 1) : kw);
        for (const auto w : key_words(key)) words.emplace_back(w);
    }

    bool hits(std::string_view raw_upper, const std::vector<std::string_view>& name) const {
        if (!raw.empty()) return raw_upper.find(raw) != std::string_view::npos;
        if (words.empty() || words.size() > name.size()) return false;
        for (std::size_t s = 0; s + words.size() <= name.size(); ++s) {
            bool ok = true;
            for (std::size_t k = 0; k < words.size() && ok; ++k) {
                const bool last = k + 1 == words.size();
                ok = (prefix && last) ? name[s + k].substr(0, words[k].size()) == words[k]
                                      : name[s + k] == words[k];
            }
            if (ok) return true;
        }
        return false;
    }
};

inline std::vector<compiled_keyword> compile_keywords(const std::vector<std::string>& kws) {
    std::vector<compiled_keyword> out;
    out.reserve(kws.size());
    for (const auto& k : kws)
        if (!k.empty()) out.emplace_back(k);
    return out;
}

}  // namespace detail

/// \brief applicant_rules prepared once for classifying many names (readers keep one).
///
/// Holds a copy of the rules with every keyword split into words up front, so
/// classifying a name costs O(K·w) comparisons and no allocation per keyword.
/// Safe for concurrent use of operator() (it is const and stateless).
class applicant_classifier {
public:
    /// Prepares `rules` (copied).
    explicit applicant_classifier(const applicant_rules& rules = default_applicant_rules())
        : university_(detail::compile_keywords(rules.university)),
          company_forms_(detail::compile_keywords(rules.company_forms)),
          institute_(detail::compile_keywords(rules.institute)),
          company_words_(detail::compile_keywords(rules.company_words)),
          min_words_(rules.min_person_words),
          max_words_(rules.max_person_words) {
        for (const auto& o : rules.overrides) overrides_.emplace_back(detail::name_key(o.first), o.second);
    }

    /// The type of `name` under the rules (see classify_applicant()).
    applicant_type operator()(std::string_view name) const {
        const std::string key = detail::name_key(name);
        if (key.empty()) return applicant_type::unknown;
        for (const auto& o : overrides_)
            if (o.first == key) return o.second;
        std::string upper;
        upper.reserve(name.size());
        for (const char c : name) upper.push_back(ascii_upper(c));
        const auto words = detail::key_words(key);
        const auto any = [&](const std::vector<detail::compiled_keyword>& list) {
            for (const auto& k : list)
                if (k.hits(upper, words)) return true;
            return false;
        };
        if (any(university_)) return applicant_type::university;
        if (any(company_forms_)) return applicant_type::company;
        if (any(institute_)) return applicant_type::institute;
        if (any(company_words_)) return applicant_type::company;
        if (words.size() >= min_words_ && words.size() <= max_words_) return applicant_type::individual;
        return applicant_type::unknown;
    }

    /// Sets the type of every party whose type is `unknown`; known types are kept.
    void classify(std::vector<party>& parties) const {
        for (auto& p : parties)
            if (p.type == applicant_type::unknown) p.type = (*this)(p.name);
    }

private:
    std::vector<detail::compiled_keyword> university_, company_forms_, institute_, company_words_;
    std::vector<std::pair<std::string, applicant_type>> overrides_;
    std::size_t min_words_, max_words_;
};

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
/// Complexity: prepares the rules on every call (O(total keyword length));
/// to classify many names, build one applicant_classifier and reuse it.
inline applicant_type classify_applicant(std::string_view name,
                                         const applicant_rules& rules = default_applicant_rules()) {
    return applicant_classifier(rules)(name);
}

/// \brief Sets the type of every party whose type is `unknown` by classify_applicant().
///
/// Types already known (e.g. persons in USPTO XML) are kept.
inline void classify_parties(std::vector<party>& parties,
                             const applicant_rules& rules = default_applicant_rules()) {
    applicant_classifier(rules).classify(parties);
}

}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_APPLICANT_TYPE_HPP_
