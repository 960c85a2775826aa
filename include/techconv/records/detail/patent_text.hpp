// SPDX-License-Identifier: BSL-1.0
// IWYU pragma: private, include "techconv/records/patent.hpp"
//
// Small text helpers shared by the patent readers: classification code
// normalisation, years from dates, name keys for de-duplication.
#ifndef TECHCONV_RECORDS_DETAIL_PATENT_TEXT_HPP_
#define TECHCONV_RECORDS_DETAIL_PATENT_TEXT_HPP_

#include <algorithm>    // std::min
#include <cstddef>      // std::size_t
#include <optional>     // std::optional
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <unordered_set>  // std::unordered_set
#include <utility>      // std::move
#include <vector>       // std::vector

#include "techconv/config.hpp"
#include "techconv/format/parse.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr bool is_alnum(char c) noexcept { return is_digit(c) || is_alpha(c); }

/// normalize_code (below) written into `out`, whose capacity is reused from call to call.
inline void normalize_code_into(std::string_view s, std::string& out) {
    out.clear();
    for (const char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(ascii_upper(c));
    if (out.size() == 14 && is_alpha(out[0]) && is_digit(out[1]) && is_digit(out[2]) && is_alpha(out[3])) {
        bool digits = true;
        for (std::size_t k = 4; k < 14; ++k) digits = digits && is_digit(out[k]);
        if (digits) {
            std::size_t m = 4;
            while (m < 7 && out[m] == '0') ++m;  // main group: at least one digit
            std::size_t end = 14;
            while (end > 10 && out[end - 1] == '0') --end;  // subgroup: at least two digits
            out = out.substr(0, 4) + out.substr(m, 8 - m) + "/" + out.substr(8, end - 8);
            return;
        }
    }
    // a subclass prefix (letter digit digit letter) followed by a zero-padded main group
    if (out.size() > 5 && is_alpha(out[0]) && is_digit(out[1]) && is_digit(out[2]) &&
        is_alpha(out[3])) {
        std::size_t e = 4;
        while (e < out.size() && is_digit(out[e])) ++e;
        std::size_t z = 4;
        while (z + 1 < e && out[z] == '0') ++z;
        if (z > 4) out.erase(4, z - 4);
    }
}

/// Upper case, blanks removed, leading zeros of the main group removed:
/// "a61k 35/28" -> "A61K35/28", "G06F 017/30" -> "G06F17/30". The 14-character
/// fixed-width form (subclass, main group in 4 digits right-aligned, subgroup in
/// 6 digits left-aligned; PATSTAT, Lens bulk data) becomes the same spelling:
/// "G06N0003080000" -> "G06N3/08", "H01L0021027000" -> "H01L21/027".
inline std::string normalize_code(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    normalize_code_into(s, out);
    return out;
}

/// The fixed-width IPC-7 form of USPTO XML v4.0 ("B21D 2602": subclass, a
/// main group right-aligned in 3 characters, the subgroup) as "B21D26/02".
/// Returns an empty string when `s` does not have that shape.
inline std::string legacy_ipc_to_code(std::string_view s) {
    s = trim(s);
    if (s.size() < 6) return {};
    const std::string_view sub = s.substr(0, 4);
    if (!is_alpha(sub[0]) || !is_digit(sub[1]) || !is_digit(sub[2]) || !is_alpha(sub[3])) return {};
    const std::string_view group = trim(s.substr(4, 3));
    const std::string_view rest = trim(s.substr(s.size() < 7 ? s.size() : 7));
    if (group.empty() || rest.empty()) return {};
    for (const char c : group)
        if (!is_digit(c)) return {};
    std::string code(sub);
    code += group;
    code += '/';
    code += rest;
    return normalize_code(code);
}

/// The year at the start of a date ("2011", "2011-08-04", "20110804",
/// "2011/08/04"); nullopt if `s` does not start with four digits followed by
/// the end, a separator or more digits. Years outside 1000..9999 are rejected.
inline std::optional<year_type> year_of(std::string_view s) {
    s = trim(s);
    if (s.size() < 4) return std::nullopt;
    for (std::size_t k = 0; k < 4; ++k)
        if (!is_digit(s[k])) return std::nullopt;
    if (s.size() > 4 && !(s[4] == '-' || s[4] == '/' || s[4] == '.' || is_digit(s[4]) ||
                          s[4] == 'T' || s[4] == ' '))
        return std::nullopt;
    if (s.size() > 4 && is_digit(s[4]) && s.size() != 8) return std::nullopt;
    const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (y < 1000) return std::nullopt;
    return static_cast<year_type>(y);
}

/// name_key (below) written into `out`, whose capacity is reused from call to call.
inline void name_key_into(std::string_view s, std::string& out) {
    out.clear();
    bool gap = false;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || is_alnum(c)) {
            if (gap && !out.empty()) out.push_back(' ');
            gap = false;
            out.push_back(ascii_upper(c));
        } else {
            gap = true;
        }
    }
}

/// De-duplication key of a name: ASCII letters upper-cased, every run of
/// ASCII characters other than letters and digits turned into one blank,
/// bytes >= 0x80 (non-ASCII letters) kept; "Bacon; Richard J." -> "BACON RICHARD J".
inline std::string name_key(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    name_key_into(s, out);
    return out;
}

/// Appends `v` to `list` unless an equal string is already there (one scan: for a loop of
/// appends use unique_list).
inline bool push_unique(std::vector<std::string>& list, std::string v) {
    for (const auto& x : list)
        if (x == v) return false;
    list.push_back(std::move(v));
    return true;
}

/// \brief Appends strings to a list, keeping the first of equal ones, in expected O(1) per
/// string: a short list is scanned, a longer one (from 32 entries) gets a hash set of what it
/// holds (a list with 200,000 codes in one cell used to take O(n^2) compares).
class unique_list {
public:
    explicit unique_list(std::vector<std::string>& list) : list_(&list) {}
    /// Appends `v` unless an equal string is already in the list; true if appended.
    bool push(std::string v) {
        if (seen_.empty() && list_->size() < small) {
            for (const auto& x : *list_)
                if (x == v) return false;
        } else {
            if (seen_.empty()) seen_.insert(list_->begin(), list_->end());
            if (!seen_.insert(v).second) return false;
        }
        list_->push_back(std::move(v));
        return true;
    }
    std::size_t size() const noexcept { return list_->size(); }

private:
    static constexpr std::size_t small = 32;
    std::vector<std::string>* list_;
    std::unordered_set<std::string> seen_;
};

/// \brief unique_list's rule (the first of equal strings kept) over scratch strings that keep
/// their capacity from one list to the next, for a reader that builds a list per record:
/// write the candidate into next(), then keep() it unless an equal string is held.
/// \code
/// scratch_unique_list u;  // a member, reused
/// u.clear();
/// for (auto item : items) { name_key_into(item, u.next()); if (u.keep()) use(u.back()); }
/// \endcode
class scratch_unique_list {
public:
    /// Empties the list (the strings keep their capacity).
    void clear() noexcept {
        n_ = 0;
        seen_.clear();
    }
    /// The candidate string, emptied: fill it, then call keep() (or drop it by not calling keep()).
    std::string& next() {
        if (n_ == strings_.size()) strings_.emplace_back();
        strings_[n_].clear();
        return strings_[n_];
    }
    /// Appends the candidate unless an equal string is already in the list; true if appended.
    bool keep() {
        const std::string& v = strings_[n_];
        if (seen_.empty() && n_ < small) {
            for (std::size_t i = 0; i < n_; ++i)
                if (strings_[i] == v) return false;
        } else {
            if (seen_.empty()) seen_.insert(strings_.begin(), strings_.begin() + static_cast<std::ptrdiff_t>(n_));
            if (!seen_.insert(v).second) return false;
        }
        ++n_;
        return true;
    }
    /// The last string kept. \pre size() > 0
    const std::string& back() const noexcept { return strings_[n_ - 1]; }
    /// Strings kept.
    std::size_t size() const noexcept { return n_; }

private:
    static constexpr std::size_t small = 32;  // as unique_list: a hash set from 32 strings on
    std::vector<std::string> strings_;        // [0, n_) kept, then spare strings with capacity
    std::size_t n_ = 0;
    std::unordered_set<std::string> seen_;
};

/// A publication number without zero padding: "06837086" -> "6837086",
/// "D0680087" -> "D680087" (an alphabetic prefix is kept); a zero is padding only before
/// another digit ("00/01046" -> "0/01046").
inline std::string strip_doc_number(std::string_view s) {
    s = trim(s);
    std::size_t p = 0;
    while (p < s.size() && is_alpha(s[p])) ++p;
    std::size_t z = p;
    while (z + 1 < s.size() && s[z] == '0' && s[z + 1] >= '0' && s[z + 1] <= '9') ++z;
    std::string out(s.substr(0, p));
    out += s.substr(z);
    return out;
}

/// The publication number of a document in the form of io::patent_record::id: the country,
/// the number without spaces, without the country repeated in front of it and without zero
/// padding, then the kind code when known ("US", "06837086", "B2" -> "US 6837086 B2"; "EP",
/// "890 321", "A2" -> "EP 890321 A2"; "WO", "WO 9839984", "" -> "WO 9839984"). An empty
/// country is `fallback`.
inline std::string publication_id(std::string_view country, std::string_view number, std::string_view kind,
                                  std::string_view fallback = "US") {
    country = trim(country);
    kind = trim(kind);
    std::string digits;
    for (const char c : number)
        if (c != ' ' && c != '\t') digits += c;
    const std::string_view c = country.empty() ? fallback : country;
    if (digits.size() > c.size() && std::string_view(digits).substr(0, c.size()) == c &&
        digits[c.size()] >= '0' && digits[c.size()] <= '9')
        digits.erase(0, c.size());
    std::string id(c);
    id += ' ';
    id += strip_doc_number(digits);
    if (!kind.empty()) {
        id += ' ';
        id += kind;
    }
    return id;
}

/// The publication number written as one token, `CC<number>[-<kind>]` (Derwent's form:
/// "US2017104972-A1", "WO2017062725-A1", "USRE45678-E", "JP2017071285-A"), in the form of
/// io::patent_record::id: "US 2017104972 A1" (publication_id of the country, the number, the
/// kind). An empty string when `s` is not that form: no two-letter country, no character of the
/// number after it, a kind that is not one letter and at most two digits, or blanks inside.
inline std::string publication_id(std::string_view s) {
    s = trim(s);
    if (s.size() < 3 || !is_alpha(s[0]) || !is_alpha(s[1])) return {};
    const std::size_t dash = s.rfind('-');
    std::string_view number = s.substr(2, dash == std::string_view::npos ? std::string_view::npos : dash - 2);
    std::string_view kind = dash == std::string_view::npos ? std::string_view() : s.substr(dash + 1);
    if (number.empty() || !is_alnum(number.back())) return {};
    for (const char c : number)
        if (!is_alnum(c)) return {};
    if (dash != std::string_view::npos) {
        if (kind.empty() || kind.size() > 3 || !is_alpha(kind[0])) return {};
        for (std::size_t k = 1; k < kind.size(); ++k)
            if (!is_digit(kind[k])) return {};
    }
    const char country[2] = {ascii_upper(s[0]), ascii_upper(s[1])};
    return publication_id(std::string_view(country, 2), number, kind);
}

// The forms of publication_id_token, before its check that the number holds a digit.
inline std::string publication_id_token_forms(std::string_view s) {
    s = trim(s);
    if (s.size() >= 4 && s[2] == '-' && is_alpha(s[0]) && is_alpha(s[1])) {
        if (s.find('-', 3) == std::string_view::npos) return {};  // Google's form has the kind
        std::string t(s.substr(0, 2));
        t += s.substr(3);
        return publication_id(t);
    }
    if (s.find('-') != std::string_view::npos) return publication_id(s);
    std::size_t k = s.size();
    while (k > 2 && is_digit(s[k - 1])) --k;
    if (s.size() - k <= 2 && k >= 4 && is_alpha(s[k - 1]) && is_digit(s[k - 2])) {
        std::string t(s.substr(0, k - 1));
        t += '-';
        t += s.substr(k - 1);
        return publication_id(t);
    }
    return publication_id(s);
}

/// The publication number written as one token as Google Patents writes it, in the form of
/// io::patent_record::id: `CC-<number>-<kind>` ("BR-112018012788-B1" -> "BR 112018012788 B1"),
/// the hyphen after the country left out (publication_id(s): "US2017104972-A1"), or no hyphen
/// at all with the kind attached ("US5686888A" -> "US 5686888 A", "BRPI0617206A2" ->
/// "BR PI617206 A2"): there the kind is the last letter and the at most two digits after it,
/// when a digit stands before that letter; a token ending in three or more digits has no kind
/// ("US5686888" -> "US 5686888"). The number must hold a digit ("USA-A1" is none) and the
/// form with a hyphen after the country a kind ("US-A1" is no id). An empty
/// string when `s` is none of these forms.
inline std::string publication_id_token(std::string_view s) {
    std::string id = publication_id_token_forms(s);
    const std::size_t b = id.find(' ');
    if (b == std::string::npos) return {};
    const std::size_t e = std::min(id.find(' ', b + 1), id.size());
    for (std::size_t k = b + 1; k < e; ++k)
        if (is_digit(id[k])) return id;
    return {};
}

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_RECORDS_DETAIL_PATENT_TEXT_HPP_
