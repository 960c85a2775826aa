// SPDX-License-Identifier: BSL-1.0
//
// Cited references written as free text (Web of Science `CR`, Scopus
// `References`): how a list is split into references, and the one key by
// which a cited work is known (its DOI when it names one, else its text in a
// normal form), so that two records citing the same work cite the same key.
#ifndef TECHCONV_IO_REFERENCES_HPP_
#define TECHCONV_IO_REFERENCES_HPP_

#include <cstddef>        // std::size_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::pair
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/format/parse.hpp"  // trim

TECHCONV_NAMESPACE_BEGIN
namespace io {
namespace detail {

inline bool ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace detail

/// \brief The DOI a free-text reference names, or an empty view.
///
/// A DOI is the word `DOI` (any case, not inside a longer word), then any of
/// `:`, spaces and `[`, then `10.` and a text holding a `/`, up to the first
/// `,`, `]`, space or the end, without trailing periods. WoS writes
/// `DOI 10.1056/NEJM199104253241702`, and for a work with two DOIs
/// `DOI [10.1016/j.a.2010.07.016, 10.1016/j.a.2009.07.016]`: the first is
/// taken. `DOI Boca Raton, FL` (a publisher's place in the DOI slot) and an
/// author named `DOI K` name no DOI. A `;` belongs to the DOI (SICI DOIs hold
/// one: `10.1002/(SICI)1097-0304(199812)45:4<360::AID-CCD1>3.0.CO;2-R`).
inline std::string_view reference_doi(std::string_view ref) {
    for (std::size_t i = 0; i + 3 <= ref.size(); ++i) {
        if (detail::ascii_lower(ref[i]) != 'd' || detail::ascii_lower(ref[i + 1]) != 'o' ||
            detail::ascii_lower(ref[i + 2]) != 'i')
            continue;
        if ((i > 0 && detail::ascii_alnum(ref[i - 1])) || (i + 3 < ref.size() && detail::ascii_alnum(ref[i + 3])))
            continue;  // part of a longer word
        std::size_t j = i + 3;
        while (j < ref.size() && (ref[j] == ':' || ref[j] == ' ' || ref[j] == '[')) ++j;
        if (ref.compare(j, 3, "10.") != 0) continue;
        std::size_t e = j;
        while (e < ref.size() && ref[e] != ',' && ref[e] != ']' && ref[e] != ' ') ++e;
        std::string_view doi = ref.substr(j, e - j);
        while (!doi.empty() && doi.back() == '.') doi.remove_suffix(1);
        if (doi.find('/') != std::string_view::npos && doi.back() != '/') return doi;
    }
    return {};
}

namespace detail {

// Appends the key of one reference to `out` (see io::reference_key).
inline void append_reference_key(std::string_view ref, std::string& out) {
    if (const auto doi = reference_doi(ref); !doi.empty()) {
        for (const char c : doi) out += ascii_lower(c);
        return;
    }
    ref = trim(ref);
    while (!ref.empty() && (ref.back() == '.' || ref.back() == ' ')) ref.remove_suffix(1);
    bool space = false;
    for (const char c : ref) {
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += ascii_upper(c);
    }
}

}  // namespace detail

/// \brief The key of a cited work written as free text: its DOI in lower case
/// when the reference names one (reference_doi; DOIs are case-insensitive),
/// else the reference with ASCII letters in upper case, runs of spaces made
/// one and trailing periods removed.
///
/// `Cox JD, 1997, INT J RADIAT ONCOL, V37, P1035` and `COX JD, 1997, INT J
/// RADIAT ONCOL, V37, P1035.` have one key; so have two spellings of one work
/// that name the same DOI. Works cited without a DOI in different styles (an
/// abbreviated and a full journal title) keep different keys: the rule does
/// not guess.
inline std::string reference_key(std::string_view ref) {
    std::string k;
    detail::append_reference_key(ref, k);
    return k;
}

/// \brief Splits a free-text reference list at `"; "`: a WoS tab-delimited
/// `CR` cell, a WoS tagged `CR` field (one reference per line; the reader
/// joins the lines by `"; "`), a Scopus `References` cell. A `;` not followed
/// by a space does not split (SICI DOIs hold one); a work's several DOIs are
/// listed with `", "` (`DOI [10.a/1, 10.b/2]`) and stay together. Pieces are
/// trimmed; empty ones are dropped.
inline void split_references(std::string_view s, std::vector<std::string_view>& out) {
    out.clear();
    std::size_t start = 0;
    for (;;) {
        const std::size_t p = s.find("; ", start);
        const auto piece = trim(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (!piece.empty()) out.push_back(piece);
        if (p == std::string_view::npos) return;
        start = p + 2;
    }
}

namespace detail {

// Keeps the first of equal views, in order (`seen` is scratch space).
inline void keep_first_each(std::vector<std::string_view>& v, std::unordered_set<std::string_view>& seen) {
    seen.clear();
    std::size_t w = 0;
    for (std::size_t r = 0; r < v.size(); ++r)
        if (seen.insert(v[r]).second) v[w++] = v[r];
    v.resize(w);
}

// A reader's keys of one record's free-text references: read() splits the
// lists, writes each reference's key and hands out views of them, each key
// once in source order. The views hold until the next read().
class reference_keys {
public:
    /// The keys of the references of `list` into `out` (replacing its contents).
    void read(std::string_view list, std::vector<std::string_view>& out) {
        text_.clear();
        spans_.clear();
        split_references(list, pieces_);
        for (const auto p : pieces_) {
            const std::size_t b = text_.size();
            append_reference_key(p, text_);
            if (text_.size() > b) spans_.emplace_back(b, text_.size() - b);
        }
        out.clear();
        for (const auto& s : spans_) out.emplace_back(text_.data() + s.first, s.second);  // text_ is final
        keep_first_each(out, seen_);
    }

private:
    std::string text_;
    std::vector<std::pair<std::size_t, std::size_t>> spans_;
    std::vector<std::string_view> pieces_;
    std::unordered_set<std::string_view> seen_;
};

}  // namespace detail
}  // namespace io
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_IO_REFERENCES_HPP_
